"""Worked examples as data: a TOML file of cases, each checked against the library.

A case file holds ``[[case]]`` tables: a sentence naming the case, the rule (``R2``) and the
decisions (``["D6", "D9"]``) it rests on, the inputs, the hand calculation (``how``) and what
is expected. The file is validated by a schema that refuses an unknown key, naming the file,
the case and the key, so a misspelt input (``submited_on``) can never be ignored and let the
case pass. The project's own examples are ``tests/cases/*.toml``; an auditor runs their own
with :func:`check_cases` or ``voucherlib check-cases FILE.toml``.

.. code-block:: toml

    [[case]]
    name = "Submitted on Tuesday 9 November 2021, the October 2021 voucher is paid 496.00 GEL"
    rule = "R2"
    decisions = ["D7", "D8"]
    month = "2021-10"
    enrolled_on = 2021-01-01
    submitted_on = 2021-11-09
    how = "late: Mon 8, Tue 9 Nov = 2 working days; 620 - 620 x 10% x 2 = 496.00"
    expect = { late_working_days = 2, payable = "496.00" }

Expected money is written as a string (``"496.00"``), never a TOML float; ``false`` stands
for "no cap" in ``cap``.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from voucherlib.core.errors import (
    InvalidInput,
    Reason,
    VoucherError,
    Wording,
    argument_wording,
    current_wording,
    problem_of,
    shown,
)
from voucherlib.core.frozen import FrozenModel, PublicModel
from voucherlib.core.money import RATE_PLACES, gel, toml_money
from voucherlib.core.month import dates_by_policy
from voucherlib.core.phrases import counted
from voucherlib.core.ruleset import RuleSet, rule_set_file, year_file
from voucherlib.core.toml_text import TomlRefused, toml_data
from voucherlib.core.working_calendar import WorkingCalendar
from voucherlib.input.files import read_text_file

__all__ = ["Case", "CaseFileError", "CaseReport", "CaseResult", "check_cases", "load_cases"]

MAX_CASE_FILE_BYTES = 1_000_000


class CaseFileError(VoucherError):
    """A case file cannot be used: it names the file, the case and the key.

    ``key`` (also ``field``) is the key in the case, ``source`` (also ``value``) the file, and
    ``problem`` (also ``expected``) what is wrong.
    """

    def __init__(self, source: str, case: str, key: str, problem: str) -> None:
        self.source = source
        """The case file."""
        self.case = case
        """The case, by its position and name."""
        self.key = key
        """The key with the problem (``expect.payabel``)."""
        self.problem = problem
        """What is wrong (``unknown key``, ...)."""
        super().__init__(f"{source}: {case}: {key}: {problem}", field=key, value=source, expected=problem)


def _money(value: Any) -> Any:
    """An amount of a case file: a string as every amount voucherlib reads is read (``"1,800.00"``,
    ``"600,00"``, ``"1 234,56"``: review 194 F3, the shipped example's own way of writing it was
    refused in pydantic's words), never a TOML float."""
    if isinstance(value, float):
        raise ValueError(toml_money(value).text("en"))
    if isinstance(value, str):
        return gel(value, field="amount", places=RATE_PLACES, separator_advice=False)
    return value


Money = Annotated[Decimal, BeforeValidator(_money)]
RuleId = Annotated[str, StringConstraints(pattern=r"^R\d+$")]


def _in_the_register(decision: str) -> str:
    if decision not in register_decisions():
        raise ValueError(
            f"{decision!r} is no decision of the interpretation register (D1 to D{len(register_decisions())})"
        )
    return decision


DecisionId = Annotated[str, StringConstraints(pattern=r"^D\d+[a-z]?$"), AfterValidator(_in_the_register)]


class _Strict(FrozenModel):
    model_config = ConfigDict(extra="forbid")


class Period(_Strict):
    """A disability-status period of a case (either end may be open)."""

    start: dt.date | None = None
    """The first day with the status (None: before the month)."""
    end: dt.date | None = None
    """The last day with the status (None: after the month)."""
    _dates = dates_by_policy("start", "end", in_file=True)


class Expect(_Strict):
    """What a case expects; every key is optional, at least one is given."""

    service_days: int | None = None
    amount: Money | None = None
    days_with_disability: int | None = None
    days_without_disability: int | None = None
    deadline: dt.date | None = None
    payment_due: dt.date | None = None
    _dates = dates_by_policy("deadline", "payment_due", in_file=True)
    late_working_days: int | None = None
    deduction: Money | None = None
    payable: Money | None = None
    funded: bool | None = None
    place_days: int | None = None
    compensation: Money | None = None
    compensation_paid: Money | None = None
    cap: int | Literal[False] | None = None
    paid_beneficiary_days: int | None = None
    beneficiary_amount: Money | None = None
    total: Money | None = None


def _rule_names(value: Any) -> Any:
    """A case's ``rules``: ``default``, ``through_2026`` or a file's path, or a list of them, none
    empty (review 221 F7: ``rules = []`` was the bundled rule set, ``""`` the case file's folder)."""
    names = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else None
    if not names or not all(isinstance(name, str) and name.strip() for name in names):
        raise ValueError('"default", "through_2026" or a rule-set file\'s name, or a list of them in order, none empty')
    return value if isinstance(value, str) else tuple(names)


class Case(_Strict, PublicModel):
    """One worked example: its name, rule, decisions, inputs, hand calculation and expectation."""

    name: Annotated[str, Field(min_length=1)]
    """A full sentence saying what the case shows."""
    rule: RuleId
    """The rule the case checks, e.g. ``"R2"``."""
    decisions: Annotated[tuple[DecisionId, ...], Field(min_length=1)]
    """The decisions of the interpretation register it rests on, e.g. ``["D6", "D9"]``."""
    how: Annotated[str, Field(min_length=1)]
    """The hand calculation."""
    kind: Literal["voucher", "deadline", "unfilled_places", "facility"] = "voucher"
    """``voucher`` (R1, and R2 with ``submitted_on``), ``deadline`` (R2 dates only),
    ``unfilled_places`` (R3) or ``facility`` (R3 + R4)."""
    month: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")]
    """The service month, ``YYYY-MM``."""
    rules: Annotated[str | tuple[str, ...], BeforeValidator(_rule_names)] = "default"
    """``default`` (the bundled 2021 program), ``through_2026`` (the shipped continuation
    example) or the path of a program-year TOML file that extends the default, relative to the
    case file's folder (to the current directory for a case file read from standard input); or
    a list of them, the years added in the order given (``["through_2026", "program_2027.toml"]``:
    a year that inherits a year of the continuation, review 220 F3)."""
    rule_set: str | None = None
    """The path (relative as ``rules``) of a whole rule set's TOML file, one program year read by
    :meth:`RuleSet.from_toml`, in place of the bundled one (``rules`` adds a year to it): the way
    to a month inside the bundled 2021 year that has no rate, September 2021 (D21)."""
    calendar: Literal["default", "labour_code"] = "default"
    """``labour_code``: the Labour Code holidays alone (no declared days off)."""
    enrolled_on: dt.date | None = None
    """The day of enrolment (a ``voucher`` case)."""
    discharged_on: dt.date | None = None
    """The day of discharge."""
    disability: bool | tuple[Period, ...] = False
    """True/false for the month, or a list of status periods ``{start, end}``."""
    count_discharge_day: bool = True
    """Whether the discharge day counts (D1)."""
    submitted_on: dt.date | None = None
    """The day the document was submitted (R2)."""
    _dates = dates_by_policy("enrolled_on", "discharged_on", "submitted_on", in_file=True)
    service: str | None = None
    """``shelter`` or ``day_centre`` (R3, R4)."""
    city: str | None = None
    """The facility's city (R4)."""
    limit: int | None = None
    """The places of the limit (R3)."""
    occupancy: int | tuple[int, ...] | None = None
    """Children served: one count for every day, or a count per day."""
    daily_rate: Money | None = None
    """The per-beneficiary daily rate (GEL, as a string) of a ``facility`` case."""
    compensation_within_cap: bool = False
    """The other reading of D20 for a ``facility`` case."""
    expect: Expect
    """What the library must compute."""

    @model_validator(mode="after")
    def _inputs_of_its_kind(self) -> Case:
        needed = {
            "unfilled_places": ("service", "limit", "occupancy"),
            "facility": ("city", "service", "limit", "occupancy"),
        }
        for key in needed.get(self.kind, ()):
            if getattr(self, key) is None:
                raise ValueError(f"a {self.kind} case needs {key!r}")
        if not self.expect.model_fields_set:
            raise ValueError("a case must expect something")
        # what it names is what it checks (review 157 F9: a case citing a decision the register lacks, or an R1 voucher-month
        # labelled R7, passed, its table showing them as if they were so)
        if self.rule not in _RULES_OF_KIND[self.kind]:
            rules = " or ".join(_RULES_OF_KIND[self.kind])
            raise ValueError(f"rule {self.rule!r}: a {self.kind} case checks {rules}")
        if self.kind == "voucher" and self.rule == "R2" and self.submitted_on is None:  # (review 162 F3)
            raise ValueError("rule 'R2': a voucher case checks R2 when it gives submitted_on")
        return self


_RULES_OF_KIND = {"voucher": ("R1", "R2"), "deadline": ("R2",), "unfilled_places": ("R3",), "facility": ("R3", "R4")}
"""The rules a case of each kind computes: a voucher-month (R1), settled when submitted (R2); the
deadline and the payment day (R2); unfilled places (R3); a facility-month (R3 and R4)."""


@cache
def register_decisions() -> dict[str, str]:
    """The decisions of the interpretation register, each with the rules it reads (``data/decisions.toml``)."""
    with resources.files("voucherlib.data").joinpath("decisions.toml").open("rb") as f:
        decisions: dict[str, str] = tomllib.load(f)["decisions"]
    return decisions


class _CaseFile(_Strict):
    case: Annotated[tuple[Case, ...], Field(min_length=1)]


class CaseResult(PublicModel):
    """The outcome of one case."""

    name: str
    """The case's sentence."""
    rule: str
    """The rule it checks."""
    decisions: tuple[str, ...]
    """The decisions it rests on."""
    passed: bool
    """True when every expected value was computed."""
    problems: tuple[str, ...]
    """For a failed case: each expected value that differs (or the error raised), with ``how``."""
    problems_ka: tuple[str, ...] = ()
    """The same problems in Georgian (what ``--lang ka`` shows)."""
    how: str = ""
    """The case's hand calculation."""
    computed: str = ""
    """The library's explanation of what it computed (the settlement, the voucher-month, the
    facility-month or the compensation; empty for a case of dates alone or one that raised):
    what ``--explain`` shows beside the hand calculation (review 79)."""
    computed_ka: str = ""
    """The same in Georgian."""


class CaseReport(PublicModel):
    """The outcome of a case file."""

    source: str
    """The case file."""
    results: tuple[CaseResult, ...]
    """One result per case, in the file's order."""

    @property
    def passed(self) -> bool:
        """True when every case passed."""
        return all(r.passed for r in self.results)

    def to_text(self) -> str:
        """One line per case (``ok`` or ``FAILED``), the problems of each failed case, and a count."""
        lines = []
        for r in self.results:
            lines.append(f"{'ok    ' if r.passed else 'FAILED'}  {r.rule} {', '.join(r.decisions)}: {r.name}")
            lines.extend(f"        {p}" for p in r.problems)
            if not r.passed:  # (the hand calculation, beside the problems: not one of them, review 185 F6)
                lines.append(f"        worked out by hand: {r.how}")
        failed = sum(not r.passed for r in self.results)
        lines.append(
            f"{counted(len(self.results), 'case')}, {len(self.results) - failed:,} passed, {failed:,} failed ({self.source})"
        )
        return "\n".join(lines)


def load_cases(path: str | Path, *, source: str | None = None) -> tuple[Case, ...]:
    """The cases of a TOML case file, validated; a :class:`CaseFileError` names the file (as
    ``source``, default the path), the case and the key of the first problem."""
    source = str(path) if source is None else source
    text = read_text_file(path, max_bytes=MAX_CASE_FILE_BYTES, field="cases")
    try:
        data = toml_data(text)
    except TomlRefused as exc:
        raise CaseFileError(source, "(file)", "(file)", f"not valid TOML: {exc}") from None
    try:
        return _CaseFile.model_validate(data).case
    except ValidationError as exc:
        # every problem, a misspelt key first (review 52: "how: Field required (and 2 more
        # problems)" hid the misspelt submited_on until the first was fixed)
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        # (a file whose every case failed is also "too short": said only when nothing else is)
        errors = [e for e in errors if e["type"] != "too_short"] or errors
        found = [_problem(error, data) for error in errors]
        case, key, problem = found[0]
        also = [f"{c}: {k}: {p}" for c, k, p in found[1:_MOST_PROBLEMS]]
        more = f"; also {'; '.join(also)}" if also else ""
        if len(found) > _MOST_PROBLEMS:
            more += f"; and {len(found) - _MOST_PROBLEMS} more"
        raise CaseFileError(source, case, key, problem + more) from None


_MOST_PROBLEMS = 10
"""A case file's problems named in one message, at most."""


def _problem(error: Any, data: dict[str, Any]) -> tuple[str, str, str]:
    """A pydantic error of a case file as (the case, the key, the problem)."""
    loc = list(error["loc"])
    case = "(file)"
    if len(loc) >= 2 and loc[0] == "case" and isinstance(loc[1], int):
        i = loc[1]
        raw = data["case"][i] if isinstance(data.get("case"), list) and i < len(data["case"]) else {}
        name = raw.get("name") if isinstance(raw, dict) else None
        case = f"case {i + 1}" + (f" {name!r}" if name else "")
        loc = loc[2:]
    key = ".".join(str(p) for p in loc if not str(p).startswith(("function-", "tuple[", "int", "bool"))) or "(case)"
    return case, key, "unknown key" if error["type"] == "extra_forbidden" else problem_of(error)


def case_files(case: Case) -> list[tuple[str, str]]:
    """The rule-set files ``case`` names (relative to its base folder), each with the key that
    names it (``rule_set`` or ``rules``)."""
    # (a rule_set is always a file: review 78, one named "default" was left unchecked)
    rules = [("rules", name) for name in _rules_named(case) if name not in ("default", "through_2026")]
    return ([] if case.rule_set is None else [("rule_set", case.rule_set)]) + rules


def _rules_named(case: Case) -> tuple[str, ...]:
    """The years ``case.rules`` adds, in order (one name, or a list)."""
    return (case.rules,) if isinstance(case.rules, str) else case.rules


def _ruleset(case: Case, base: Path) -> RuleSet | None:
    start = rule_set_file(base / case.rule_set, "rule_set") if case.rule_set is not None else None
    names = [name for name in _rules_named(case) if name != "default"]
    if not names:
        return start
    return (start or RuleSet.default()).extend_in_order([year_file(name, base) for name in names], named=names)


def compute(case: Case, base: Path = Path()) -> dict[str, Any]:
    """Everything ``case`` may expect, computed from its inputs (``base``: the case file's folder)."""
    import voucherlib as vl

    rules = _ruleset(case, base)
    calendar = WorkingCalendar(declared_days_off=case.calendar != "labour_code")
    if case.kind == "unfilled_places":
        assert case.service is not None and case.limit is not None and case.occupancy is not None
        pc = vl.unfilled_place_compensation(
            case.month, service=case.service, limit=case.limit, occupancy=case.occupancy, rules=rules
        )
        return {"place_days": pc.place_days, "amount": pc.amount, EXPLAINED: pc.trace}
    if case.kind == "facility":
        assert case.city is not None and case.service is not None and case.limit is not None
        assert case.occupancy is not None
        fm = vl.facility_month(
            case.month,
            city=case.city,
            service=case.service,
            limit=case.limit,
            occupancy=case.occupancy,
            daily_rate=case.daily_rate,
            rules=rules,
            compensation_within_cap=case.compensation_within_cap,
        )
        got: dict[str, Any] = {
            "paid_beneficiary_days": fm.paid_beneficiary_days,
            "compensation": fm.compensation.amount,
            "compensation_paid": fm.compensation_paid,
            EXPLAINED: fm.trace,
        }
        # (asked only when expected: a month whose cap changes has no one cap to ask for, review 220 F1)
        if "cap" in case.expect.model_fields_set:
            cap = vl.paid_beneficiary_cap(case.city, case.service, month=case.month, rules=rules)
            got["cap"] = False if cap is None else cap
        if fm.daily_rate is not None or {"beneficiary_amount", "total"} & case.expect.model_fields_set:
            got.update(beneficiary_amount=fm.beneficiary_amount, total=fm.total)  # (no rate: the advice, by key)
        return got
    got = {}
    if case.kind == "voucher":
        disability: Any = case.disability
        if isinstance(disability, tuple):
            disability = [(p.start, p.end) for p in disability]
        vm = vl.voucher_month(
            case.month,
            enrolled_on=case.enrolled_on,
            discharged_on=case.discharged_on,
            disability=disability,
            count_discharge_day=case.count_discharge_day,
            rules=rules,
        )
        got.update(
            service_days=vm.service_days,
            amount=vm.amount,
            days_with_disability=vm.days_with_disability,
            days_without_disability=vm.days_without_disability,
        )
        got[EXPLAINED] = vm.trace
        if case.submitted_on is not None:
            s = vl.settle(vm, submitted_on=case.submitted_on, calendar=calendar)
            got.update(deduction=s.deduction, payable=s.payable, funded=s.funded)
            got[EXPLAINED] = s.trace
    got["deadline"] = vl.submission_deadline(case.month, calendar=calendar, rules=rules)
    got["payment_due"] = vl.payment_due_date(case.month, rules=rules)
    if case.submitted_on is not None:
        got["late_working_days"] = vl.late_working_days(case.month, case.submitted_on, calendar=calendar, rules=rules)
    return got


def _shown(value: Any) -> Any:
    """A value of a case as a message shows it (review 28: ``Decimal('620.05')``, ``True``): an
    amount or a number as written (``620.05``), a date ISO, yes or no in the message's language,
    a text quoted."""
    if isinstance(value, bool):
        return Reason.phrase("case.yes" if value else "case.no")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):  # (its digits; past Python's limit, its size: review 205 F2)
        return shown(value)
    if isinstance(value, dt.date):
        return str(value)
    return repr(value)


def _same(got: Any, want: Any) -> bool:
    """Whether a computed value is the expected one: equal, and a yes/no only ever a yes/no
    (``cap = false``, no cap, is not a cap of 0; ``funded = true`` is not 1)."""
    if isinstance(got, bool) or isinstance(want, bool):
        return type(got) is type(want) and got == want
    return bool(got == want)


EXPLAINED = "_explained"
"""The key of :func:`compute`'s result under which the computed result's ``trace`` is (no
value a case expects)."""


_SETTLED = frozenset({"payable", "funded", "late_working_days", "deduction", "deadline", "payment_due"})
"""What a voucher case computes only when it is submitted (R2)."""


def check_case(case: Case, base: Path = Path()) -> CaseResult:
    """Compute ``case`` and compare every expected value."""
    problems: list[Reason] = []
    got: dict[str, Any] = {}
    try:
        got = compute(case, base)
    except VoucherError as exc:
        problems.append(Reason.phrase("case.raised", kind=type(exc).__name__, error=Reason.of(exc)))
    else:
        for key in sorted(case.expect.model_fields_set):
            want = getattr(case.expect, key)
            if key not in got and case.kind == "voucher" and key in _SETTLED and case.submitted_on is None:
                # (a voucher case settles when it is submitted: review 194 F2, "not computed by a voucher case")
                problems.append(Reason.phrase("case.needs_submitted_on", name=key))
            elif key not in got:
                problems.append(Reason.phrase("case.not_computed", name=key, kind=case.kind))
            elif not _same(got[key], want):
                problems.append(Reason.phrase("case.differs", name=key, want=_shown(want), got=_shown(got[key])))
    return CaseResult(
        name=case.name,
        rule=case.rule,
        decisions=case.decisions,
        passed=not problems,
        problems=tuple(problems),
        problems_ka=tuple(p.text("ka") for p in problems),
        how=case.how,
        computed=got[EXPLAINED]().explain("en") if EXPLAINED in got else "",
        computed_ka=got[EXPLAINED]().explain("ka") if EXPLAINED in got else "",
    )


def check_cases(path: str | Path, *, base: str | Path | None = None, source: str | None = None) -> CaseReport:
    """Run every case of a TOML case file (an auditor's own, or ``tests/cases/*.toml``).

    A file that breaks the schema raises :class:`CaseFileError` naming the file, the case and
    the key; a case whose computation differs is reported, with its hand calculation, in the
    :class:`CaseReport` (never stopping at the first). A rule-set file a case names is read
    relative to ``base`` (default: the case file's folder); ``source`` names the file in the
    report and in errors (default: the path). ``voucherlib check-cases -`` reads standard input
    with ``base`` the current directory and ``source`` ``"-"``.
    """
    source = str(path) if source is None else source
    if base is not None and not isinstance(base, (str, os.PathLike)):  # (review 86: a TypeError of Path)
        raise InvalidInput("base", base, "a folder's path, or None for the case file's folder")
    cases = load_cases(path, source=source)
    return run_cases(cases, Path(path).parent if base is None else Path(base), source)


_CASE_KEYS = {"rules": 'rules = "FILE.toml"', "rule_set": 'rule_set = "FILE.toml"', "daily_rate": 'daily_rate = "GEL"'}
"""What a case sets where a call takes an argument: its advice names these keys (a case file
has no other way, in Python and under ``voucherlib check-cases``, which takes no such flag)."""


def computed_trace(case: Case, base: Path = Path()) -> Any:
    """The trace of what ``case`` computes (a :class:`~voucherlib.core.trace.Step`), or None: a
    case of dates alone, or one whose computation is refused."""
    try:
        traced = compute(case, base).get(EXPLAINED)
    except VoucherError:
        return None
    return None if traced is None else traced()


def run_cases(cases: Sequence[Case], base: Path, source: str) -> CaseReport:
    """The report of ``cases`` as :func:`check_cases` makes it, their rule-set files read
    relative to ``base``; advice names the case's keys (``rule_set = "FILE.toml"``) and a file
    that cannot be read is named by its key."""
    wording = Wording(arguments=_CASE_KEYS, types=current_wording().types)
    with argument_wording(wording):
        return CaseReport(source=source, results=tuple(check_case(c, base) for c in cases))
