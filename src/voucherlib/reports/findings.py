"""Findings of an audit: what an auditor looks for across the lines of an invoice.

A line's verdict says how its claim compares with the amount computed (before a late deduction). A *finding* is
what an auditor must act on: each has a code, a severity, the lines (row labels) it
concerns, the amount at stake, the provision it rests on (a :class:`Citation`) with the
decision id of the interpretation register, and a sentence in English or Georgian.

=====================  ========  ===================================================================
code                   severity  when
=====================  ========  ===================================================================
``double-billing``     error     one beneficiary (or facility) claimed on more than one line for a
                                 month; one finding names every such line (D28)
``overlapping-stays``  error     two different stays (enrolment to discharge) of one beneficiary
                                 share a day (D28)
``ids-alike``          warning   ids written differently that look alike (case, a Cyrillic or Greek
                                 letter drawn as a Latin one, leading zeros) billed for one month:
                                 one beneficiary billed twice, unless they are two (D39)
``days-outside-stay``  error     a line for a month in which the stay has no day, whatever its claim
                                 (0.00 too: D1, D28)
``not-funded``         error     the document was more than 5 working days late (D8)
``claim-above``        error     the claim exceeds the computed amount (beyond the tolerance)
``not-checked``        error     the line could not be computed; its reason says why
``late-deduction``     warning   the document was 1 to 5 working days late: a share is deducted (D8)
``claim-below``        info      the claim is less than the computed amount
``paid-over-limit``    warning   a facility is paid for more children than its limit has places on
                                 some day of the month, its city's cap allowing it (D48)
=====================  ========  ===================================================================
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from voucherlib.core.citation import Citation
from voucherlib.core.errors import (
    Expected,
    InvalidInput,
    Reason,
    RowError,
    RuleNotInForce,
    VoucherError,
    label_printed,
    printable,
    reason_in,
)
from voucherlib.core.held import held_text
from voucherlib.core.lazy import MadeOnAccess
from voucherlib.core.money import money_text, multiply, percent_of, round_to_tetri, total
from voucherlib.core.month import Month
from voucherlib.core.phrases import check_lang, phrase, say
from voucherlib.core.trace import citation_text, count_said
from voucherlib.input.files import HEADER_AGAIN
from voucherlib.reports.alike_ids import alike_key, id_shown
from voucherlib.rules.youth_voucher import RATE_WITHOUT_DISABILITY

if TYPE_CHECKING:
    import pandas as pd

    from voucherlib.core.ruleset import RuleSet
    from voucherlib.reports.audit import AuditLine
    from voucherlib.rules.submission import Settlement

__all__ = ["FINDING_CODES", "Finding", "FindingCode", "Findings", "Severity", "find"]

FindingCode = Literal[
    "double-billing",
    "overlapping-stays",
    "ids-alike",
    "days-outside-stay",
    "not-funded",
    "claim-above",
    "not-checked",
    "late-deduction",
    "claim-below",
    "paid-over-limit",
]
Severity = Literal["error", "warning", "info"]
FINDING_CODES: Mapping[str, tuple[Severity, str | None]] = MappingProxyType(
    {
        "double-billing": ("error", "D28"),
        "overlapping-stays": ("error", "D28"),
        "ids-alike": ("warning", "D39"),
        "days-outside-stay": ("error", "D1"),
        "not-funded": ("error", "D8"),
        "claim-above": ("error", None),
        "not-checked": ("error", None),
        "late-deduction": ("warning", "D8"),
        "claim-below": ("info", None),
        "paid-over-limit": ("warning", "D48"),
    }
)
"""Each code's severity and the decision of the interpretation register it rests on."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing an auditor must look at, on one or more lines."""

    code: FindingCode
    """What was found (``double-billing``, ``not-funded`` ...)."""
    severity: Severity
    """``error``, ``warning`` or ``info``."""
    rows: tuple[int | str, ...]
    """The row labels of the lines concerned, as the report's table shows them."""
    beneficiary_id: str
    """The beneficiary (or facility) concerned."""
    month: str
    """The service month concerned."""
    amount: Decimal | None
    """The money at stake: the amount over-claimed, deducted, withheld, or claimed twice."""
    citation: Citation | None
    """The provision the finding rests on."""
    decision: str | None
    """The id of the decision in the interpretation register (e.g. ``"D8"``)."""
    fields: tuple[tuple[str, str], ...] = ()
    """The facts the sentence is made of (name, text)."""
    part: str = ""
    """For a finding of one facility line (Annex 2.8): the line's component (``children served``,
    ``unfilled places`` ...), since both lines of a facility-month share a row; empty for a
    finding of every line of its rows."""

    @property
    def lines(self) -> tuple[tuple[int | str, str], ...]:
        """The lines concerned, each as (row label, part): the key of :meth:`Findings.by_line`."""
        return tuple((row, self.part) for row in dict.fromkeys(self.rows))

    def text(self, lang: str = "en") -> str:
        """The finding as a sentence in English (``"en"``) or Georgian (``"ka"``)."""
        lang = check_lang(lang)
        fields = dict(self.fields)
        if lang == "ka":  # a fact given in both languages (a reason) is said in Georgian
            fields.update({k[:-3]: v for k, v in self.fields if k.endswith("_ka")})
        fields.setdefault("rows", rows_text(self.rows, lang))
        # a facility line's finding names its component: "F-1 (unfilled places)"; an id's characters
        # that act on a terminal shown escaped, as its reason shows them (review 286 F4: a U+202E
        # turned the rest of the sentence round in explain()'s text)
        ident = printable(self.beneficiary_id)
        fields.setdefault("id", f"{ident} ({say(lang, f'part.{self.part}')})" if self.part else ident)
        fields.setdefault("month", self.month)
        fields.setdefault("amount", "" if self.amount is None else money_text(self.amount, grouping=True, lang=lang))
        # (working days, how many times a month is billed, a limit's places and the days and
        # beneficiary-days paid above it: a thousand or more grouped, as the explanation says them;
        # reviews 229 M4, "billed 7000 times", 234 F3, "35700 beneficiary-days")
        for name in ("late", "max", "count", "limit", "most", "paid", "days"):
            days = fields.get(name)
            if isinstance(days, int) and not isinstance(days, bool):  # (a finding made in code: review 138 F4)
                fields[name] = count_said(days, lang)
            elif isinstance(days, str) and (text := held_text(days)).isascii() and text.isdigit():
                fields[name] = count_said(int(text), lang)
        if self.code == "not-checked":
            said = ""
            if len(self.rows) == 1 and isinstance(self.rows[0], Reason):
                # an occupancy line: "rows 32, 33, ... of the occupancy file" (review 283 F5)
                fields["rows"], said = occupancy_rows_said(self.rows[0], lang), ".said"
            if not str(self.beneficiary_id).strip():  # (no id: "row 14 ()", reviews 204 F6, 205 F4)
                return say(lang, f"finding.not-checked{said}.no_id", **fields)
            return say(lang, f"finding.not-checked{said}", **fields)
        if self.code == "paid-over-limit" and self.amount is None:  # (no rate to price them: review 229 F2)
            return say(lang, "finding.paid-over-limit.unpriced", **fields)
        return say(lang, f"finding.{self.code}", **fields)

    def record(self, lang: str = "en") -> dict[str, Any]:
        """The finding as a flat record, as the Findings table shows it (in ``lang``)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "rows": rows_text(self.rows, lang),
            "beneficiary_id": self.beneficiary_id,
            "month": self.month,
            "amount": self.amount,
            "provision": "" if self.citation is None else citation_text(self.citation, lang),
            "decision": self.decision or "",
            "text": self.text(lang),
        }


class Findings(MadeOnAccess[Finding]):
    """The findings of a report: a tuple-like sequence of :class:`Finding` (a large audit's made
    on access from its columns), also viewable as a DataFrame."""

    __slots__ = ()

    def rows(self) -> set[int | str]:
        """Every row label that some finding concerns."""
        return {row for f in self for row in f.rows}

    def by_row(self) -> dict[int | str, list[Finding]]:
        """The findings of each row label (one pass, for callers that look up many rows)."""
        out: dict[int | str, list[Finding]] = defaultdict(list)
        for f in self:
            for row in dict.fromkeys(f.rows):
                out[row].append(f)
        return dict(out)

    def by_line(self) -> dict[tuple[int | str, str], list[Finding]]:
        """The findings of each line, keyed by (row label, part) (:attr:`Finding.lines`); a finding
        with no part concerns every line of its rows: look lines up with :meth:`of_line`."""
        out: dict[tuple[int | str, str], list[Finding]] = defaultdict(list)
        for f in self:
            for key in f.lines:
                out[key].append(f)
        return dict(out)

    @staticmethod
    def of_line(index: Mapping[tuple[int | str, str], list[Finding]], row: int | str, part: str = "") -> list[Finding]:
        """The findings (from ``index``, :meth:`by_line`) that concern the line (row, part): those
        of the whole row, then those of that part alone."""
        return [*index.get((row, ""), ()), *(index.get((row, part), ()) if part else ())]

    def of_code(self, code: str) -> list[Finding]:
        """The findings with ``code``."""
        return [f for f in self if f.code == code]

    def to_dataframe(self, lang: str = "en") -> pd.DataFrame:
        """One row per finding; ``amount_tetri`` is exact integer tetri (nullable ``Int64``)."""
        from voucherlib.output.frames import money_frame

        return money_frame([f.record(lang) for f in self], money=("amount",))


def occupancy_rows_said(label: Reason, lang: str) -> str:
    """An occupancy line's label (``32, 33, ... of the occupancy file``) after "row" or "rows", as
    its rows are one or several (review 283 F5: "row 32, 33, ..." for thirty rows)."""
    many = "," in str(label.fields.get("rows", ""))
    return say(lang, "label.rows", rows=label.text(lang)) if many else say(lang, "label.row", row=label.text(lang))


def rows_text(rows: Iterable[int | str], lang: str) -> str:
    """Row labels as a finding says them in ``lang`` (``occupancy rows 61``: დატვირთვის სტრიქონები 61)."""
    return ", ".join(label_printed(reason_in(row, lang)) for row in rows)  # (controls escaped: review 287 F3)


def _finding(
    code: FindingCode,
    rows: Sequence[int | str],
    ident: str,
    month: str,
    amount: Decimal | None,
    citation: Citation | None,
    *,
    part: str = "",
    decision: str | None = None,
    **fields: Any,
) -> Finding:
    severity, usual = FINDING_CODES[code]
    decision = decision or usual
    return Finding(
        code,
        severity,
        tuple(rows),
        ident,
        month,
        amount,
        citation,
        decision,
        tuple((k, str(v)) for k, v in fields.items()),
        part,
    )


Fallback = Citation | Callable[[str], Citation | None] | None
"""The provision of a line that could not be checked: one for every line, or one by the line's
month (:func:`provision_by_month`)."""


def provision_by_month(rules: RuleSet, key: str) -> Callable[[str], Citation | None]:
    """The citation of ``key`` in force as a line's month ends, by its month written ``YYYY-MM``;
    for a month no program year sets ``key`` in, or a line whose month cannot be read, the first
    program year's. Review 221 F5: a 2027 facility line that could not be checked cited the 2021
    provision, where the 2027 year sets its rate by acts of its own."""
    first: Citation | None = None
    for program in rules.programs:
        try:
            first = rules.value(key, program.covers_until).citation
            break
        except VoucherError:
            continue
    known: dict[str, Citation | None] = {}

    def cite(month: str) -> Citation | None:
        if month not in known:
            found = first
            if isinstance(month, str) and re.fullmatch(r"\d{4}-\d{2}", month):
                try:
                    found = rules.value(key, Month.of(month).last_day).citation
                except VoucherError:
                    pass
            known[month] = found
        return known[month]

    return cite


def _of_month(fallback: Fallback, month: str) -> Citation | None:
    return fallback(month) if callable(fallback) else fallback


def _citation(ln: AuditLine, fallback: Fallback) -> Citation | None:
    if ln.settlement is not None:  # (its amount's provision: review 229 F1)
        return amount_citation(ln.settlement)
    if ln.computed is None:  # (a line not checked: its refusal's provision, not its facility-month's)
        return in_force_citation(ln.error) or _of_month(fallback, ln.month)
    if ln.part and ln.detail is not None:  # a facility line: the provision of its own part (review 101)
        if _on_callers_rate(ln):  # (no provision: the rate is the caller's, D13)
            return None
        own = _part_citation(ln)
        if own is not None:
            return own
    cites = getattr(ln.detail, "citations", ())
    return cites[0] if cites else in_force_citation(ln.error) or _of_month(fallback, ln.month)


def _on_callers_rate(ln: AuditLine) -> bool:
    """Whether a facility line's children served rest on the rate the caller gave alone: no cap
    paid fewer than were served on a day (their amount is those served times that rate, which no
    provision sets: D13). Review 117: its finding cited the cap (R4) of a city that has none."""
    from voucherlib.reports.audit import FACILITY_PARTS  # (audit imports this module)
    from voucherlib.rules.facility_month import GIVEN_BY_CALLER

    if ln.part != FACILITY_PARTS[0] or getattr(ln.detail, "daily_rate_source", None) != GIVEN_BY_CALLER:
        return False
    if ln.computed is None:  # (a line not checked rests on no rate: review 254 F4)
        return False
    return not _cap_binds(ln)


def _cap_binds(ln: AuditLine) -> bool:
    """Whether a facility line's cap (R4) paid fewer children than were served on a day of its month."""
    return any(d.paid < d.served for d in getattr(ln.detail, "days", ()))


def _part_citation(ln: AuditLine) -> Citation | None:
    """The provision a facility line's part rests on, as the month ends: the children paid, their
    cap (R4) when it pays fewer children than served on a day of the month, else the rule set's
    per-beneficiary rate (their amount is the children served times it), else the cap's provision (for a
    city without one, the sub-paragraph's that leaves it none); the unfilled places, the rate of their last run (R3). Review 101: every
    finding of a facility-month cited the month's first citation, an over-claim of the children
    whose difference came from a 2022 cap too. Review 111: the children's finding cited the cap
    where it never bound, and a rule set gave the rate a provision of its own."""
    from voucherlib.reports.audit import FACILITY_PARTS  # (audit imports this module)

    if ln.part == FACILITY_PARTS[0]:
        cap: Citation | None = getattr(ln.detail, "cap_citation", None)
        rate: Citation | None = getattr(ln.detail, "daily_rate_citation", None)
        return cap if _cap_binds(ln) or rate is None else rate
    if ln.part == FACILITY_PARTS[1]:
        runs = getattr(getattr(ln.detail, "compensation", None), "cited_runs", ())
        return runs[-1][1] if runs else None
    return None


def in_force_citation(error: object) -> Citation | None:
    """The provision that sets the day a rule takes effect, for a line refused because no rule was
    in force on its day (Decree No. 467, Art. 2, which puts the 2021 amendments in force from 1 Oct
    2021, or to relations from 1 Sep 2021; review 33: the refusal of an August 2021 line cited the
    provision of the rate instead): the :class:`~voucherlib.core.errors.RuleNotInForce`'s own (or
    the one a line read back by ``AuditLine.from_dict`` stored with its reason), or
    that of the facility-month a line's error names (its reason); else None."""
    if isinstance(error, VoucherError) and not isinstance(error, InvalidInput):
        # a RuleNotInForce's own; a line read back (audit.StoredReason): the one stored with its reason
        cite = getattr(error, "citation", None)
        return cite if isinstance(cite, Citation) else None
    if isinstance(error, InvalidInput) and error.expectation is not None:  # a facility-month that failed
        for _, value in error.expectation.fields:
            inner = getattr(value, "error", None)
            if isinstance(inner, RuleNotInForce) and isinstance(inner.citation, Citation):
                return inner.citation
    return None


def own_codes(ln: AuditLine, tolerance: Decimal) -> tuple[FindingCode, ...]:
    """The codes of what one line shows on its own, in the order :func:`line_findings` gives them:
    ``not-checked`` alone; else ``not-funded`` or ``late-deduction`` (or neither), then
    ``days-outside-stay``, ``claim-above`` or ``claim-below`` (or none) by the difference."""
    if ln.computed is None:  # (the days above the limit are known without a rate: review 229 F2)
        return ("not-checked", "paid-over-limit") if _over_limit_days(ln) else ("not-checked",)
    if ln.billed_on is not None:  # its month is paid on an earlier line: the double-billing finding names it (D28)
        return ()
    out: list[FindingCode] = []
    s = ln.settlement
    if s is not None and not s.funded:
        out.append("not-funded")
    elif s is not None and s.late_working_days > 0:
        out.append("late-deduction")
    assert ln.difference is not None
    if s is not None and s.voucher.service_days == 0:  # (whatever its claim, 0.00 too, as settle says: 275 F4)
        out.append("days-outside-stay")
    elif ln.difference > tolerance:
        out.append("claim-above")
    elif ln.difference < tolerance.copy_negate():  # exact, whatever the caller's context (D25)
        out.append("claim-below")
    if _over_limit_days(ln):
        out.append("paid-over-limit")  # (children paid above the facility's limit: D48)
    return tuple(out)


def _over_limit_days(ln: AuditLine) -> bool:
    """Whether a facility audit's children-served line has a day paying more children than the
    limit has places (D48), checked or not: a line left unchecked for want of a rate keeps its
    facility-month, whose days are known without one."""
    return ln.part == "children served" and ln.detail is not None and bool(ln.detail.days_over_limit)


def error_decision(error: VoucherError | None) -> str | None:
    """The decision of the interpretation register a refusal rests on, as its own words cite it:
    the one id of its phrase (``expected.submitted_in_month``: D10); D21 for a month not funded
    whatever its amount (its words cite D21) and for September 2021 before the rates take effect;
    D4 for another day with no rule (reviews 272 F3, 273 F1); None for another refusal. Read from
    the library's phrase, never from the text filled with a caller's value."""
    stored = getattr(error, "decision", None)  # (a reason said beforehand, or read back: audit.StoredReason)
    if isinstance(error, VoucherError) and isinstance(stored, str):
        return stored
    if isinstance(error, RuleNotInForce):
        if getattr(error, "not_funded", None) is not None:  # (an error pickled before it existed: 274 F2)
            return "D21"
        why = error.why.key if error.why is not None else None
        on = error.on if isinstance(error.on, dt.date) else None
        takes_effect = dict(error.why.fields).get("date") if error.why is not None else None
        september = (
            on is not None
            and (on.year, on.month) == (2021, 9)
            and why in _TAKES_EFFECT  # (by a provision or not: review 274 F4)
            and str(takes_effect) == "2021-10-01"  # (D21's own day: the rates apply from 1 Oct 2021)
        )
        return "D21" if september else "D4"
    if isinstance(error, InvalidInput) and error.expectation is not None:
        return _decision_said(error.expectation)
    if isinstance(error, RowError):
        return _decision_said(error.reason)
    return None


def _decision_said(said: object) -> str | None:
    """The decision an expectation or a row's reason cites: its phrase's own (the first), else the one its
    fields say (a reason wrapped in ``expected.reason``, as a facility-month's row refused for its
    city, D30, is wrapped in the line's: review 272 F4), else None."""
    if isinstance(said, VoucherError):
        return error_decision(said)
    if isinstance(said, Reason) and said.error is not None:
        return error_decision(said.error)
    key = said.key if isinstance(said, (Expected, Reason)) else ""
    own = _DECISION.findall(phrase("en", key)) if key else []
    if own:  # (the one it rests on first, advice after it: D51, then D44's closed day, review 276 F4)
        return str(own[0])
    fields = (
        said.fields if isinstance(said, Expected) else tuple(said.fields.items()) if isinstance(said, Reason) else ()
    )
    cited = {d for _, value in fields if (d := _decision_said(value)) is not None}
    return cited.pop() if len(cited) == 1 else None


_DECISION = re.compile(r"\bD[0-9]+\b")
_TAKES_EFFECT = ("rule.takes_effect", "rule.takes_effect_by", "rule.takes_effect_in_year")
"""The phrases of a rule that takes effect on a later day (each with its ``date``)."""


def line_findings(ln: AuditLine, tolerance: Decimal, fallback: Fallback) -> list[Finding]:
    """What one line shows on its own (:func:`own_codes`)."""
    cite = _citation(ln, fallback)
    one = (ln.row,)
    # a facility line's finding names its part; one on the caller's rate, the decision that says so
    at = partial(_finding, part=ln.part, decision="D13" if ln.part and _on_callers_rate(ln) else None)
    out: list[Finding] = []
    s = ln.settlement
    for code in own_codes(ln, tolerance):
        if code == "not-checked":
            rests_on = error_decision(ln.error)  # (D10, D21: review 270 F3, cited in its text alone)
            out.append(
                at(
                    code, one, ln.beneficiary_id, ln.month, ln.claimed, cite,
                    reason=ln.reason_text("en"), reason_ka=ln.reason_text("ka"),
                    **({"decision": rests_on} if rests_on else {}),
                )
            )  # fmt: skip
        elif code == "not-funded" and s is not None:  # (the provision of the most late days: review 53)
            out.append(
                at(code, one, ln.beneficiary_id, ln.month, s.amount, s.refusal_citation, late=s.late_working_days,
                   max=s.max_late_working_days)
            )  # fmt: skip
        elif code == "late-deduction" and s is not None:
            # the deduction D34 makes, the amount less the payable sum rounded, where it is not the
            # percentage of the amount rounded (a rate of 3 or 4 decimals: 10% of 123.45 GEL is
            # 12.345, and 12.34 is deducted): the finding cites D34 (review 181 F4)
            by_payable = s.deduction != round_to_tetri(percent_of(s.amount, s.deduction_percent))
            out.append(
                at(code, one, ln.beneficiary_id, ln.month, s.deduction, s.rule_citation, late=s.late_working_days,
                   percent=f"{s.deduction_percent:g}", **({"decision": "D34"} if by_payable else {}))
            )  # fmt: skip
        elif code == "days-outside-stay" and s is not None:
            out.append(at(code, one, ln.beneficiary_id, ln.month, ln.difference, cite, **_stay_fields(s)))
        elif code == "claim-above":
            out.append(at(code, one, ln.beneficiary_id, ln.month, ln.difference, cite, **_before_deduction(ln)))
        elif code == "paid-over-limit":
            out.append(_over_limit(ln))
        else:  # claim-below
            assert ln.difference is not None
            amount = ln.difference.copy_negate()
            out.append(at(code, one, ln.beneficiary_id, ln.month, amount, cite, **_before_deduction(ln)))
    return out


def amount_citation(s: Settlement) -> Citation:
    """The provision a line's amount rests on, which a claim above or below it and days outside
    the stay are measured against: the daily rate of its last days (R1, Annex 2.12, Art. 4, para
    5), or for a month without a day of service the rate in force as the month ends (R2's
    provision where none is). Review 229 F1: such findings cited
    the provision of the deduction per late day, which a later year may carry over from 2021 where
    it sets its own rate (a 2027 over-claim cited the 2021 Program as worded by Decree No. 467)."""
    vm = s.voucher
    rates, last = vm.days_by_rate, vm.last_service_day
    if not rates or last is None:  # (no day of service: the rate in force as the month ends; review 231 F1)
        try:
            return vm.rules.value(RATE_WITHOUT_DISABILITY, vm.month.last_day).citation
        except VoucherError:
            return s.rule_citation
    if len(rates) == 1:  # (the usual month: one rate)
        return rates[0].citation
    # the rate of the last service day: of its status (D2), the latest in force by then (review 230 F2:
    # the latest of any status was taken, a rate without status for days with it)
    status = any(start <= last <= end for start, end in vm.disability_periods) or all(r.with_disability for r in rates)
    own = [r for r in rates if r.with_disability == status and r.effective_from <= last] or list(rates)
    return max(own, key=lambda r: r.effective_from).citation


def _before_deduction(ln: AuditLine) -> dict[str, str]:
    """D46, the decision a claim's comparison rests on where the line was deducted for lateness or
    not funded (:attr:`AuditLine.compared_before_deduction`)."""
    return {"decision": "D46"} if ln.compared_before_deduction else {}


def _over_limit(ln: AuditLine) -> Finding:
    """The days a facility is paid for more children than its limit has places (D48): the amount at
    stake is what the children paid above the limit are paid (at the month's daily rate); the
    provision, the one that speaks of the places of the limit (Annex 2.8, Art. 6, para 4(g), R3)."""
    fm = ln.detail
    cite = fm.compensation.citations[0] if fm.compensation.citations else None
    facts = fm.over_limit_facts()
    # (in the library's context, whatever the caller's: D25)
    amount = round_to_tetri(multiply(facts["paid"], fm.daily_rate)) if fm.daily_rate is not None else None
    return _finding(
        "paid-over-limit", (ln.row,), ln.beneficiary_id, ln.month, amount, cite, part=ln.part, decision="D48", **facts
    )


def _stay_text(enrolled: dt.date | None, discharged: dt.date | None) -> str:
    return f"{enrolled.isoformat() if enrolled else '…'} – {discharged.isoformat() if discharged else '…'}"


def _stay_fields(s: Settlement) -> dict[str, str]:
    """The stay a days-outside-stay finding names; when the month's one day of the stay is its
    discharge day, not counted (D1, the agency's reading), the finding says so (review 27: "the
    stay (2021-09-15 – 2021-10-01) has no day in" October read as a contradiction)."""
    v = s.voucher
    stay = _stay_text(v.enrolled_on, v.discharged_on)
    d = v.discharged_on
    if v.count_discharge_day or d is None or not v.month.first_day <= d <= v.month.last_day:
        return {"stay": stay}
    return {lang_key: f"{stay}, {say(lang, 'voucher.discharge_not_counted')}" for lang_key, lang in _STAY_LANGS}


_STAY_LANGS = (("stay", "en"), ("stay_ka", "ka"))


def id_refused(line: AuditLine) -> bool:
    """Whether the line bills no one: its id cell was refused (``#N/A``, a formula never
    calculated), so it names no beneficiary, and two such lines are no double billing (review
    24); or it is a facility audit's occupancy line, a facility-month of the occupancy file that
    no claim row bills (review 170 F3: beside the claim row of the same refused facility id, it
    was a second bill, "billed 2 times"); or it is the header again (D49: review 212 F2, a PDF's
    header on each page was "billed 2 times")."""
    return line.verdict == "invalid" and (
        line.part == "occupancy" or line.reason.startswith(("beneficiary_id:", HEADER_AGAIN))
    )


def double_billing(lines: Iterable[AuditLine], fallback: Fallback) -> list[Finding]:
    """One finding per (beneficiary, month) claimed on more than one line, naming every line."""
    lines = list(lines)
    keys = [(ln.beneficiary_id.strip(), ln.month.strip()) for ln in lines]
    seen = Counter(keys)  # counted first (in C): only a key on more than one line is grouped
    groups: dict[tuple[str, str], list[AuditLine]] = defaultdict(list)
    for ln, key in zip(lines, keys, strict=True):
        if seen[key] > 1 and key[0] and key[1] and not id_refused(ln):
            groups[key].append(ln)
    out = []
    for (ident, month), group in groups.items():
        # A facility audit has two lines (children, places) per claim row: the row is the unit.
        rows = list(dict.fromkeys(ln.row for ln in group))
        if len(rows) > 1:
            claimed = total(ln.claimed for ln in group if ln.claimed is not None)
            cite = next((c for c in (_citation(ln, None) for ln in group) if c), None) or _of_month(
                fallback, group[0].month
            )
            out.append(_finding("double-billing", rows, ident, month, claimed, cite, count=len(rows)))
    return out


def ids_alike(lines: Iterable[AuditLine], fallback: Fallback) -> list[Finding]:
    """One finding per month for which ids that differ but look alike (the same
    :func:`~voucherlib.reports.alike_ids.alike_key`, D39) are billed, naming every line of them
    (lines whose id or month double billing would not compare are left out, as there)."""
    lines = list(lines)
    keys: dict[str, str] = {}
    groups: dict[tuple[str, str], list[AuditLine]] = defaultdict(list)
    for ln in lines:
        ident, month = ln.beneficiary_id.strip(), ln.month.strip()
        if ident and month and not id_refused(ln):
            key = keys.get(ident)
            if key is None:
                key = keys[ident] = alike_key(ident)
            groups[key, month].append(ln)
    out = []
    for (_, month), group in groups.items():
        ids = list(dict.fromkeys(ln.beneficiary_id.strip() for ln in group))
        if len(ids) > 1:
            rows = list(dict.fromkeys(ln.row for ln in group))
            claimed = total(ln.claimed for ln in group if ln.claimed is not None)
            cite = next((c for c in (_citation(ln, None) for ln in group) if c), None) or _of_month(
                fallback, group[0].month
            )
            shown = ", ".join(id_shown(i) for i in ids)
            one = "facility" if group[0].part else "beneficiary"  # (a facility audit's lines have parts)
            out.append(
                _finding(
                    "ids-alike", rows, ids[0], month, claimed, cite, ids=shown, count=len(rows), one=one,
                    one_ka=_ONE_KA[one],
                )
            )  # fmt: skip
    return out


_ONE_KA = {"facility": "დაწესებულება", "beneficiary": "ბენეფიციარი"}


def overlapping_stays(lines: Iterable[AuditLine]) -> list[Finding]:
    """Different stays of one beneficiary that share a day: a sweep over the stays sorted by start."""
    settled = [ln for ln in lines if ln.settlement is not None]
    seen = Counter(ln.beneficiary_id for ln in settled)  # one line has one stay: only the others are grouped
    stays: dict[str, dict[tuple[dt.date, dt.date], list[AuditLine]]] = defaultdict(lambda: defaultdict(list))
    for ln in settled:
        if seen[ln.beneficiary_id] > 1 and ln.settlement is not None:
            v = ln.settlement.voucher
            stay = stay_days(v.enrolled_on, v.discharged_on, v.count_discharge_day)
            if stay is not None:  # (a stay of no day of service shares none)
                stays[ln.beneficiary_id][stay].append(ln)
    return [
        _finding(
            "overlapping-stays",
            [ln.row for ln in group],
            ident,
            ", ".join(dict.fromkeys(ln.month for ln in group)),
            None,
            _citation(group[0], None),
            first=first.isoformat(),
            last="…" if last == dt.date.max else last.isoformat(),
        )
        for ident, group, first, last in stay_overlaps(stays)
    ]


def stay_days(
    enrolled_on: dt.date | None, discharged_on: dt.date | None, count_discharge_day: bool
) -> tuple[dt.date, dt.date] | None:
    """The first and last day of service of a stay (D1): from its enrolment (``date.min`` when
    before any month) to its discharge day, or the day before when the discharge day is not
    counted (``date.max`` when not discharged); None when the stay has no day of service (review
    41: a discharge on 0001-01-01 not counted was a stay of that one day, which overlapped any
    stay enrolled before it)."""
    first = enrolled_on or dt.date.min
    if discharged_on is None:
        last = dt.date.max
    elif count_discharge_day:
        last = discharged_on
    elif discharged_on == dt.date.min:
        return None
    else:
        last = discharged_on - dt.timedelta(days=1)
    return (first, last) if first <= last else None


K = TypeVar("K")
L = TypeVar("L")


def stay_overlaps(stays: Mapping[K, Mapping[tuple[Any, Any], list[L]]]) -> Iterator[tuple[K, list[L], Any, Any]]:
    """Each overlap of two different stays of one beneficiary (``stays``: by id, the lines of each
    (first day, last day), as dates or day numbers): the id, the lines of both stays, the first
    and the last shared day.
    The stays of an id are swept sorted by their first day, each against the widest before it."""
    for ident, by_stay in stays.items():
        if len(by_stay) < 2:
            continue
        ordered = sorted(by_stay)
        widest = ordered[0]
        for stay in ordered[1:]:
            if stay[0] <= widest[1]:
                first, last = max(stay[0], widest[0]), min(stay[1], widest[1])
                yield ident, [*by_stay[widest], *by_stay[stay]], first, last
            if stay[1] > widest[1]:
                widest = stay


def find(lines: Sequence[AuditLine], tolerance: Decimal, fallback: Fallback) -> Findings:
    """Every finding of an audit: across lines first, then line by line, in row order."""
    found = [*double_billing(lines, fallback), *ids_alike(lines, fallback), *overlapping_stays(lines)]
    each = [(ln, line_findings(ln, tolerance, fallback)) for ln in lines]
    # a facility-month's days above its limit are warned of once (review 254 F3), on the line that
    # pays them where one does, else the first (review 255 F2: a refused duplicate row kept it)
    over: dict[tuple[str, str], tuple[AuditLine, Finding]] = {}
    for ln, findings in each:
        for finding in findings:
            if finding.code == "paid-over-limit":
                kept = over.get((finding.beneficiary_id, finding.month))
                if kept is None or (kept[0].computed is None and ln.computed is not None):
                    over[(finding.beneficiary_id, finding.month)] = (ln, finding)
    warned = {id(finding) for _, finding in over.values()}
    for _, findings in each:
        found.extend(f for f in findings if f.code != "paid-over-limit" or id(f) in warned)
    return Findings(found)
