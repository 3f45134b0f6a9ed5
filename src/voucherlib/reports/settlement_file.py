"""Settling a file of voucher-months (the main job of the command line).

One row per voucher-month (a CSV or XLSX file, or a DataFrame), with the columns
``beneficiary_id, month, enrolled_on, discharged_on, disability, submitted_on``; the cells are
read by :mod:`voucherlib.input` (an empty date cell means "not given"). Every row comes back, in order: settled, or
marked with the reason it could not be (a bad row never stops the others and is never
dropped).

``disability`` is ``yes``/``no`` (also ``true``/``false``, ``1``/``0``, Georgian ``კი``/``არა``)
for the whole month, or status periods ``FROM..TO`` separated by ``;``, where either end may
be left empty: ``2021-11-16..`` means "from 16 November on" (D2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from voucherlib.core.errors import Reason, VoucherError
from voucherlib.core.final import made_once
from voucherlib.core.money import exact_tetri, gel_from_tetri, to_tetri, total
from voucherlib.core.month import Month, as_flag
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.core.working_calendar import WorkingCalendar, resolve_calendar
from voucherlib.input import cells
from voucherlib.input.files import STREAM_LIMITS
from voucherlib.input.headers import aliases
from voucherlib.input.table import Columns, Row, TypedChunk, read_chunks, typed_chunk, typed_table
from voucherlib.reports.alike_ids import IdForm, alike_months, id_form, months_said, own_keys
from voucherlib.rules.submission import (
    PastKnownDaysOff,
    Settlement,
    days_off_unknown_after,
    settle_typed,
    submission_deadline,
)
from voucherlib.rules.youth_voucher import (
    RATE_WITH_DISABILITY,
    RATE_WITHOUT_DISABILITY,
    StatusPeriod,
)

__all__ = [
    "COLUMNS",
    "FIELDS",
    "SettledChunk",
    "SettledRow",
    "SettlementReport",
    "parse_disability",
    "read_rows",
    "settle_chunks",
    "settle_file",
    "settle_rows",
    "settled_chunk",
    "voucher_columns",
]

COLUMNS = ("beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "submitted_on")

_INPUT_FIELDS = frozenset({"beneficiary_id", "month", "error"})


def voucher_columns(day_first: bool = False) -> Columns:
    """The columns of a voucher table and how each cell is read (:mod:`voucherlib.input.cells`;
    ``day_first``: the file's dates are written day first, D35), for **one read**: its readers
    note the kinds of date the read meets (date cells, dates written as text with ``/``), which
    refuse a file that holds both (D35), so a second file read with the same columns would be
    refused for a cell of the first (review 116); make them again for each file."""
    day_first = as_flag(day_first, "day_first")
    kinds = cells.DateKinds()  # (this read's: date cells beside day-first text refuse the file, D35)
    date = cells.date_reader(day_first, kinds)
    return Columns(
        COLUMNS,
        {
            "beneficiary_id": cells.identifier,
            "month": cells.month_reader(day_first, kinds),
            "enrolled_on": date,
            "discharged_on": date,
            "disability": cells.disability_reader(day_first, kinds),
            "submitted_on": cells.required_date_reader(day_first, kinds),
        },
        aliases=aliases(COLUMNS),  # the invoice's headers, English or Georgian (ჩარიცხვის თარიღი, ...)
    )


def parse_disability(text: str, field: str = "disability", *, day_first: bool = False) -> bool | list[StatusPeriod]:
    """Read a disability cell: yes/no, or status periods ``FROM..TO;FROM..TO`` (see
    :func:`voucherlib.input.cells.disability`; ``day_first``: its dates are written day first, D35)."""
    value = cells.disability(text, field, day_first=day_first)
    if isinstance(value, bool):
        return value
    return [StatusPeriod.of(p, f"{field}[{i}]") for i, p in enumerate(value)]


@dataclass(frozen=True, slots=True)
class SettledRow:
    """One input row and what became of it: a settlement, or the reason there is none."""

    row: int | str
    """The row's number in a CSV file or an XLSX sheet, as a spreadsheet numbers it, or its DataFrame label."""
    beneficiary_id: str
    """The beneficiary's id as the row writes it."""
    month: str
    """The month, ``YYYY-MM`` (``10.2021`` is ``2021-10``), or the cell as written when it is no month."""
    settlement: Settlement | None
    """The row's settlement (R1, R2), or None when the row could not be settled."""
    error: Reason | None
    """Why the row could not be settled (the field and the value), or None."""

    @property
    def ok(self) -> bool:
        """Whether the row was settled."""
        return self.settlement is not None

    def record(self) -> dict[str, str]:
        """The row as flat text fields, each as :meth:`SettlementReport.to_csv` writes it (before
        the CSV's own guard of a cell that starts like a formula, ``'=1+1``; the command line's
        file says an error in its own words): :data:`FIELDS`, the deadline and the submission day
        too, ``funded`` as ``true`` or ``false``, an empty text where the row has no settlement.
        Review 249 F1: it wrote ``funded`` as ``yes``/``no`` and left out the two days."""
        return {name: _field_text(value) for name, value in zip(FIELDS, _fields(self), strict=True)}


def rates_text(s: Settlement) -> str:
    """``20`` for one rate, ``20x15+30x15`` for days at several rates."""
    parts = s.voucher.days_by_rate
    if len(parts) == 1:
        return f"{parts[0].daily_rate}"
    return "+".join(f"{p.daily_rate}x{p.days}" for p in parts)


@made_once
@dataclass(frozen=True, slots=True)
class SettlementReport:
    """Every row of a file, settled or marked, with the totals (what :func:`settle_file` returns)."""

    rows: tuple[SettledRow, ...]
    """Every row of the file, in its order, each settled or with its reason."""

    def __repr__(self) -> str:
        # (counts and totals, not every row: a notebook showed 35 MB for 10,000 rows, review 172 F6;
        # with what voucherlib settle exits 1 for, review 173 F-R1)
        settled, repeated = len(self.settled), self.repeated
        return (
            f"SettlementReport({len(self.rows):,} rows: {settled:,} settled ({self.not_funded:,} not funded), "
            f"{len(self.rows) - settled:,} invalid, {len(self.no_service_days):,} without a day of service; "
            f"{len(repeated.found):,} beneficiary-months settled on more than one row, {repeated.alike_count:,} under ids that look "
            f"alike; amount {self.total_amount:,} GEL, payable {self.total_payable:,} GEL)"
        )

    @property
    def settled(self) -> tuple[Settlement, ...]:
        """The settlements of the rows that were settled, in the file's order."""
        return tuple(r.settlement for r in self.rows if r.settlement is not None)

    @property
    def invalid(self) -> tuple[SettledRow, ...]:
        """The rows that could not be settled, each with its reason (a finding: exit 1)."""
        return tuple(r for r in self.rows if r.settlement is None)

    @property
    def total_amount(self) -> Decimal:
        """The vouchers' amounts before the late penalty (R1), the rows settled, in GEL."""
        return total(s.amount for s in self.settled)

    @property
    def total_payable(self) -> Decimal:
        """What the Agency pays for the rows settled (R2), in GEL."""
        return total(s.payable for s in self.settled)

    @property
    def not_funded(self) -> int:
        """How many rows settled are not funded (more than 5 working days late, D8)."""
        return sum(1 for s in self.settled if not s.funded)

    @property
    def no_service_days(self) -> tuple[SettledRow, ...]:
        """The rows settled with no day of service: the stay does not touch the month (enrolled
        after it or discharged before it), 0.00 by R1; a finding the summary names (review 76)."""
        return tuple(r for r in self.rows if r.settlement is not None and r.settlement.voucher.service_days == 0)

    def past_known_days_off(self) -> PastKnownDaysOff:
        """The rows settled on days after the last day their calendar knows the declared days off
        for (the deadline, or the day submitted: D52), counted and the first named, as the summary
        names them (review 277 F7; a method, as :meth:`AuditReport.past_known_days_off`: 278 F4)."""
        settled = [r.settlement for r in self.rows if r.settlement is not None]
        past = PastKnownDaysOff(settled[0].calendar.days_off_known_through if settled else None)
        past.add(r.row for r in self.rows if r.settlement is not None and days_off_unknown_after(r.settlement))
        return past

    @property
    def repeated(self) -> RepeatedMonths:
        """The beneficiary-months settled on more than one row (``found``, D28) and the months
        settled under ids that look alike (``alike``, D39), each row still settled on its own:
        what ``voucherlib settle`` names in its summary and exits 1 for (review 65: the report
        said nothing of them). A month is the month its row was settled for (a day-first month
        cell as it was read); a fresh object, the caller's own."""
        months = RepeatedMonths()
        months.note((r.row, r.beneficiary_id, str(r.settlement.voucher.month)) for r in self.rows if r.settlement)
        return months

    def to_csv(self) -> str:
        """The rows as CSV (the renderer's, as ``voucherlib settle -o FILE.csv`` writes them, but
        for a refused row's reason: the command line says it in the file's words, ``got
        '2021-13'``, where Python's add the value's type, ``got '2021-13' (str)``; review 254 F5)."""
        return self._render("csv")

    def to_json(self) -> str:
        """The rows, the totals and the summary as JSON (as ``voucherlib settle -o FILE.json`` writes
        them, a refused row's reason in Python's words as :meth:`to_csv` says)."""
        return self._render("json")

    def to_text(self, lang: str = "en") -> str:
        """The rows as an aligned table, the totals and the reason of each invalid row."""
        return self._render("text", lang)

    def _render(self, fmt: str, lang: str = "en") -> str:
        from voucherlib.output.documents import settle_document  # output sits above reports
        from voucherlib.output.render import render

        return render(settle_document(self, lang), fmt, lang)


def read_rows(
    source: Any, *, delimiter: str | None = None, sheet: str | None = None, day_first: bool = False
) -> Iterator[Row]:
    """The rows of a voucher table (a CSV or XLSX path, or a DataFrame), typed (see
    :mod:`voucherlib.input`; ``day_first``: its dates are written day first, D35)."""
    return typed_table(source, voucher_columns(day_first), delimiter=delimiter, sheet=sheet)


def settle_rows(
    rows: Iterable[Row],
    *,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    count_discharge_day: bool = True,
) -> SettlementReport:
    """Settle every row; a bad row is kept with its reason and the others go on."""
    return SettlementReport(tuple(_settle_row(row, calendar, rules, count_discharge_day) for row in rows))


def _settle_row(
    row: Row, calendar: WorkingCalendar | None, rules: RuleSet | None, count_discharge_day: bool
) -> SettledRow:
    """One row settled one at a time (the reference every faster path is held to)."""
    line = row.where
    # the month read (10.2021, 01.10.2021 read day first: 2021-10), as the audit shows it and
    # beside the other dates (review 85: one table held three styles), or the cell as written
    read = row.values.get("month")
    ident, month = row.text("beneficiary_id"), str(read) if isinstance(read, Month) else row.text("month")
    if row.error is not None:
        return SettledRow(line, ident, month, None, row.error)
    v = row.values
    try:
        s = settle_typed(
            v, submitted_on=v["submitted_on"], calendar=calendar, rules=rules, count_discharge_day=count_discharge_day
        )
    except VoucherError as exc:  # (its dates quoted as the cells wrote them: review 85)
        return SettledRow(line, ident, month, None, Reason.of(cells.quoted_as_written(exc, row.raw, v)))
    return SettledRow(line, ident, month, s, None)


# ---------------------------------------------------------------- in runs of rows

FIELDS = (
    "row",
    "beneficiary_id",
    "month",
    "service_days",
    "daily_rates",
    "amount",
    "deadline",
    "submitted_on",
    "late_working_days",
    "deduction",
    "payable",
    "funded",
    "error",
)
"""The fields of a settled row, as :class:`SettledChunk` holds them (None where a row has no settlement)."""


@dataclass(frozen=True, slots=True)
class SettledChunk:
    """A run of rows settled, field by field (:data:`FIELDS`), with the run's counts and sums."""

    columns: dict[str, list[Any]]
    settlements: tuple[Settlement | None, ...]
    """Each row's settlement, when the run was settled one at a time (empty otherwise)."""
    settled: int
    not_funded: int
    amount_tetri: int
    payable_tetri: int

    def __len__(self) -> int:
        return len(self.columns["row"])


_MIXED = object()
"""Ids seen of more than one form (:attr:`RepeatedMonths._form`)."""


class RepeatedMonths:
    """The beneficiary-months settled on more than one row of a file (D28: a beneficiary has one
    voucher a month), found as the runs of rows come (:meth:`see`). Each row is still settled on
    its own; this names the repeats, so that a month is never paid twice without a word (review
    26: ``voucherlib settle`` paid a repeated row twice and exited 0).

    A beneficiary-month is its id without its blanks and the month its cell reads as (`` 2021-10 ``
    is October 2021, as the row was settled; ``day_first`` as the file was read with, D35:
    ``01.04.2022`` is April 2022)."""

    def __init__(self, day_first: bool = False) -> None:
        self._read = cells.month_reader(day_first)
        self._first: dict[tuple[str, str], Any] = {}
        self._months: dict[str, str] = {}
        """A month cell's text -> the month it reads as (``2021-10``), each text read once."""
        self.found: dict[tuple[str, str], list[Any]] = {}
        """(beneficiary id, month) -> the rows that settle it, for each one settled more than once."""
        self.last_seen_again: list[Any] = []
        """The rows of the last run noted whose month an earlier row settles (highlighted as they come)."""
        self._alike: dict[tuple[str, str], list[Any]] | None = None
        self._alike_count = 0
        self._own_keys = True
        """Whether every id seen so far is its own alike key (then no two are alike)."""
        self._form: IdForm | object | None = None
        """The one form of every id seen so far (:func:`~voucherlib.reports.alike_ids.id_form`:
        then no two are alike), None before any, :data:`_MIXED` once they are of several."""

    def see(self, chunk: SettledChunk) -> None:
        """Note the settled rows of ``chunk`` (a row not settled pays nothing, and is not counted)."""
        c = chunk.columns
        months = self._months
        for text in set(c["month"]).difference(months):
            months[text] = _month_key(text, self._read)
        ids = list(map(str.strip, c["beneficiary_id"]))
        self._note(c["row"], ids, map(months.__getitem__, c["month"]), c["error"])

    def note(self, rows: Iterable[tuple[Any, str, str]]) -> None:
        """Note settled rows given as (row, beneficiary id, month as ``2021-10``): a report's rows,
        whose months are known (:attr:`SettlementReport.repeated`)."""
        given = list(rows)
        ids = [ident.strip() for _, ident, _ in given]
        self._note([r for r, _, _ in given], ids, [m for _, _, m in given], [None] * len(given))

    def _note(self, rows: Iterable[Any], ids: list[str], months: Iterable[str], errors: Iterable[Any]) -> None:
        """Note each row whose error is None under (its id without its blanks, its month)."""
        # (checked a run at a time, in C: the ids are not kept apart for it)
        if self._own_keys or self._form is not _MIXED:
            joined = "\n".join(ids)
            if self._own_keys and not own_keys(joined):
                self._own_keys = False
            if self._form is not _MIXED:  # (every id so far of one form: none alike, D39)
                form = id_form(joined) if ids else self._form
                self._form = form if form is not None and self._form in (None, form) else _MIXED
        self._alike = None  # (found again when asked)
        first, found = self._first, self.found
        again: list[Any] = []
        for row, ident, month, error in zip(rows, ids, months, errors, strict=True):
            if error is not None:
                continue
            key = (ident, month)
            seen = first.setdefault(key, row)
            if seen != row:
                found.setdefault(key, [seen]).append(row)
                again.append(row)
        self.last_seen_again = again

    @property
    def alike(self) -> dict[tuple[str, str], list[Any]]:
        """(ids that look alike, as a finding shows them; month) -> the rows that settle that month
        under those ids (D39: ``B-01`` and Cyrillic ``В-01``, ``b-01``), for each month settled
        under two or more alike ids, the first :data:`~voucherlib.reports.alike_ids.MOST_ALIKE_NAMED` of them (all are counted:
        :attr:`alike_count`); found once every row has been seen (the first time it is asked)."""
        if self._alike is None:
            none = self._own_keys or self._form is not _MIXED
            self._alike, self._alike_count = ({}, 0) if none else alike_months(self._first, self.found)
        return self._alike

    @property
    def alike_count(self) -> int:
        """How many months are settled under ids that look alike (named or not in :attr:`alike`)."""
        self.alike  # noqa: B018 - (found on first use)
        return self._alike_count

    def text(self, lang: str = "en", most: int = 10) -> str:
        """The repeats in a sentence, and the months settled under alike ids in another (empty when
        there is none): how many, and the first ``most``."""
        repeats = months_said(
            lang, "settle.repeated", self.found, len(self.found), item="{ids} {month} ({rows})", most=most
        )
        return repeats + months_said(lang, "settle.alike", self.alike, self.alike_count, most=most)


def _month_key(text: str, read: cells.Reader) -> str:
    """The month a settled row's month cell reads as by ``read`` (``2021-10``), as its text shows
    it when it is no month text (a month read from a date cell shows as its month already)."""
    try:
        return str(read(text, "month"))
    except VoucherError:
        return text.strip()


def _fields(r: SettledRow) -> tuple[Any, ...]:
    s = r.settlement
    if s is None:
        return (r.row, r.beneficiary_id, r.month, None, None, None, None, None, None, None, None, None, r.error)
    return (
        r.row,
        r.beneficiary_id,
        r.month,
        s.voucher.service_days,
        rates_text(s),
        s.amount,
        s.deadline,
        s.submitted_on,
        s.late_working_days,
        s.deduction,
        s.payable,
        s.funded,
        None,
    )


def _field_text(value: Any) -> str:
    """A settled row's field as its CSV file writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def settled_chunk(rows: Sequence[SettledRow]) -> SettledChunk:
    """Rows settled one at a time, as a run (with their settlements, for explanations)."""
    columns = [list(c) for c in zip(*map(_fields, rows), strict=True)] if rows else [[] for _ in FIELDS]
    settled = [r.settlement for r in rows if r.settlement is not None]
    return SettledChunk(
        dict(zip(FIELDS, columns, strict=True)),
        tuple(r.settlement for r in rows),
        len(settled),
        sum(1 for s in settled if not s.funded),
        sum(to_tetri(s.amount) for s in settled),
        sum(to_tetri(s.payable) for s in settled),
    )


def settle_chunks(
    source: Any,
    *,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    count_discharge_day: bool = True,
    delimiter: str | None = None,
    sheet: str | None = None,
    size: int = 20_000,
    one_at_a_time: bool = False,
    day_first: bool = False,
) -> Iterator[SettledChunk]:
    """Settle a voucher table (a CSV or XLSX path, or a DataFrame) in runs of ``size`` rows, as it is read.

    Every row comes back, in order, exactly as :func:`settle_file` settles it, in bounded memory
    and within :data:`~voucherlib.input.files.STREAM_LIMITS` (a million rows). The cells are read
    by the input layer (each distinct text once); the rows whose every cell reads and whose
    month has one rate throughout go through the batch engine
    (:func:`voucherlib.batch.settle_arrays`, which needs numpy), status periods too; every other
    row (a bad cell, a rate that changes in the month, a row the engine refuses) is settled one
    at a time, so that it carries the very reason :func:`settle_file` gives. With
    ``one_at_a_time`` every row is (and the runs keep the settlements, for explanations).
    ``day_first`` as for :func:`settle_file`. Without numpy (``voucherlib[batch]``) every row
    is settled one at a time: the same rows, slower.

    A file that :func:`settle_file` refuses whole is refused here by a :class:`FileRefused`
    raised in the run that shows it (D35: a date that can only be month first, date cells beside
    dates written as text), after the runs before it were handed out: those runs are of a file
    that cannot be read, so book none of them until the iteration ends, as the command line
    writes nothing then (review 116).
    """
    one_at_a_time = one_at_a_time or not _has_numpy()
    columns = voucher_columns(day_first)
    cal = resolve_calendar(calendar)
    ruleset = resolve_rules(rules)
    plans: dict[Month, _MonthPlan | None] = {}
    memo: dict[str, dict[Any, Any]] = {}
    for chunk in read_chunks(source, columns, delimiter=delimiter, sheet=sheet, limits=STREAM_LIMITS, size=size):
        typed = typed_chunk(chunk, columns, memo)
        if one_at_a_time:
            yield settled_chunk(
                [_settle_row(typed.row(i), cal, ruleset, count_discharge_day) for i in range(len(chunk))]
            )
        else:
            yield _settle_chunk(typed, cal, ruleset, count_discharge_day, plans)


def _has_numpy() -> bool:
    """Whether the batch engine can run (numpy is installed)."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class _MonthPlan:
    """What a month's fast rows share: its number, rate texts (without, with disability) and deadline."""

    code: int
    rates: tuple[str, str]
    deadline: dt.date
    tetri: tuple[int, int] | None
    """The two daily rates in whole tetri (None when one is not a whole number of tetri)."""


def _month_plan(month: Month, calendar: WorkingCalendar, rules: RuleSet) -> _MonthPlan | None:
    """The month's plan, or None when its rows go one at a time (a rate that changes in the month,
    a month no rule set covers)."""
    rates, tetri = [], []
    try:
        for key in (RATE_WITHOUT_DISABILITY, RATE_WITH_DISABILITY):
            runs = rules.segments(key, month.first_day, month.last_day)
            if len(runs) != 1:
                return None
            rates.append(f"{runs[0][2].decimal}")  # as rates_text shows the one rate of a voucher
            tetri.append(exact_tetri(runs[0][2].decimal))
        deadline = submission_deadline(month, calendar=calendar, rules=rules)
    except VoucherError:
        return None
    whole = (tetri[0], tetri[1]) if tetri[0] is not None and tetri[1] is not None else None
    return _MonthPlan((month.year - 1970) * 12 + month.month - 1, (rates[0], rates[1]), deadline, whole)


_NAT = -(2**63)
_EPOCH = dt.date(1970, 1, 1).toordinal()


def _day_numbers(values: list[Any]) -> Any:
    """Dates (or None) as datetime64[D] (NaT for None), each distinct date converted once."""
    import numpy as np

    numbers = {d: _NAT if d is None else d.toordinal() - _EPOCH for d in set(values)}
    return np.fromiter(map(numbers.__getitem__, values), np.int64, len(values)).view("datetime64[D]")


def _settle_chunk(
    typed: TypedChunk,
    calendar: WorkingCalendar,
    rules: RuleSet,
    count_discharge_day: bool,
    plans: dict[Month, _MonthPlan | None],
) -> SettledChunk:
    import numpy as np

    from voucherlib.batch import settle_arrays

    n = len(typed.chunk)
    v = typed.values
    months, flags = v["month"], v["disability"]
    # A month cell's Month is one object per distinct text: look the plans up by object.
    distinct = dict(zip(map(id, months), months, strict=True))
    code = {}
    for key, m in distinct.items():
        if m is not None and m not in plans:
            plans[m] = _month_plan(m, calendar, rules)
        plan = None if m is None else plans[m]
        code[key] = -1 if plan is None else plan.code
    month_codes = np.fromiter(map(code.__getitem__, map(id, months)), np.int64, n)
    # A disability cell's value is one object per distinct text too: 0 no, 1 yes, 2 status
    # periods as the cell reader reads them from text (pairs of dates), 3 anything else.
    kinds = {k: _flag_kind(f) for k, f in dict(zip(map(id, flags), flags, strict=True)).items()}
    flag_codes = np.fromiter(map(kinds.__getitem__, map(id, flags)), np.int8, n)
    fast = month_codes >= 0
    fast &= flag_codes < 3
    bad = typed.bad()
    if bad:
        fast[list(bad)] = False
    idx = np.flatnonzero(fast)
    flag = flag_codes == 1
    periods = np.flatnonzero(flag_codes[idx] == 2)  # positions in idx of the rows with status periods
    # A row's disability: a flag, or its status periods (the pairs the cell reader gave).
    disability = np.fromiter(flags, object, n)[idx] if periods.size else flag[idx]
    out = settle_arrays(
        month_codes[idx].astype("datetime64[M]"),
        _day_numbers(v["enrolled_on"])[idx],
        _day_numbers(v["discharged_on"])[idx],
        disability,
        _day_numbers(v["submitted_on"])[idx],
        calendar=calendar,
        rules=rules,
        count_discharge_day=count_discharge_day,
    )
    slow_rows = ~fast
    if out["reason"]:
        slow_rows[idx[list(out["reason"])]] = True
    by_month = {p.code: p for p in plans.values() if p is not None}
    period_rates = _period_rates(out, periods, idx, month_codes, by_month, slow_rows)
    slow = np.flatnonzero(slow_rows).tolist()

    def spread(name: str) -> Any:
        full = np.zeros(n, dtype=out[name].dtype)
        full[idx] = out[name]
        return full

    days, amount, late, deduction, payable, funded = (
        spread(k)
        for k in ("service_days", "amount_tetri", "late_working_days", "deduction_tetri", "payable_tetri", "funded")
    )
    # A fast row's rate text: its month's rate for its status, or none for a month without service days.
    rate_key = month_codes * 4 + flag * 2 + (days > 0)
    rate_text = {k: by_month[k // 4].rates[(k // 2) % 2] if k % 2 else "" for k in set(rate_key[idx].tolist())}
    deadline = {c: by_month[c].deadline for c in set(month_codes[idx].tolist())}
    columns: dict[str, list[Any]] = {
        "row": list(typed.chunk.where),
        "beneficiary_id": typed.text("beneficiary_id"),
        "month": _months_shown(months, typed.text("month")),
        "service_days": days.tolist(),
        "daily_rates": list(map(rate_text.get, rate_key.tolist())),
        "amount": _gel(amount),
        "deadline": list(map(deadline.get, month_codes.tolist())),
        "submitted_on": list(v["submitted_on"]),
        "late_working_days": late.tolist(),
        "deduction": _gel(deduction),
        "payable": _gel(payable),
        "funded": funded.tolist(),
        "error": [None] * n,
    }
    for i, text in period_rates.items():
        columns["daily_rates"][i] = text
    ok = np.zeros(n, dtype=bool)
    ok[idx] = True
    ok[slow] = False
    counts = [int(ok.sum()), int((ok & ~funded).sum()), int(amount[ok].sum()), int(payable[ok].sum())]
    for i in slow:
        r = _settle_row(typed.row(i), calendar, rules, count_discharge_day)
        for name, value in zip(FIELDS, _fields(r), strict=True):
            columns[name][i] = value
        if r.settlement is not None:
            s = r.settlement
            counts = [
                counts[0] + 1,
                counts[1] + (not s.funded),
                counts[2] + to_tetri(s.amount),
                counts[3] + to_tetri(s.payable),
            ]
    return SettledChunk(columns, (), *counts)


def _months_shown(months: list[Any], texts: list[str]) -> list[str]:
    """Each row's month as :func:`_settle_row` shows it: the month read (one text per distinct
    month object: a month cell's is one per distinct text), else the cell as written."""
    shown: dict[int, str] = {}
    out = []
    for month, text in zip(months, texts, strict=True):
        if type(month) is Month:
            said = shown.get(id(month))
            if said is None:
                said = shown[id(month)] = str(month)
            out.append(said)
        else:
            out.append(text)
    return out


def _flag_kind(value: Any) -> int:
    """0 for no, 1 for yes, 2 for status periods read from text (pairs of dates or None), 3 for
    any other value (periods given in code: those rows go one at a time)."""
    if value is False or value is True:
        return int(value)
    if type(value) is tuple and all(
        type(p) is tuple and len(p) == 2 and all(d is None or type(d) is dt.date for d in p) for p in value
    ):
        return 2
    return 3


def _period_rates(
    out: dict[str, Any], periods: Any, idx: Any, month_codes: Any, by_month: dict[int, _MonthPlan], slow: Any
) -> dict[int, str]:
    """The rate text of each row with status periods that the engine settled (row -> text, as
    :func:`rates_text` writes it: the days without status first, then those with, D2, as the
    engine counted them). A row the engine did not count (it settled it one at a time) or whose
    month's two rates are equal (its voucher-month says one rate) or not whole tetri is marked
    ``slow``, to go one at a time."""
    import numpy as np

    texts: dict[int, str] = {}
    counted = np.full(len(out["service_days"]), -1, dtype=np.int64)
    if "status_days" in out:
        counted[out["status_days"][0]] = out["status_days"][1]
    for j in periods.tolist():
        i = int(idx[j])
        if slow[i]:
            continue
        plan = by_month[int(month_codes[i])]
        days, with_days = int(out["service_days"][j]), int(counted[j])
        if with_days < 0 or plan.tetri is None or plan.tetri[0] == plan.tetri[1]:
            slow[i] = True
            continue
        parts = [(plan.rates[0], days - with_days), (plan.rates[1], with_days)]
        shown = [(rate, d) for rate, d in parts if d]
        texts[i] = shown[0][0] if len(shown) == 1 else "+".join(f"{rate}x{d}" for rate, d in shown)  # "" for none
    return texts


def _gel(tetri: Any) -> list[Decimal]:
    """Integer tetri as Decimal GEL, each distinct amount made once."""
    values = tetri.tolist()
    amounts = {t: gel_from_tetri(t) for t in set(values)}
    return list(map(amounts.__getitem__, values))


def settle_file(
    path: Any,
    *,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    count_discharge_day: bool = True,
    delimiter: str | None = None,
    sheet: str | None = None,
    day_first: bool = False,
) -> SettlementReport:
    """Read a voucher table (CSV or XLSX path, or DataFrame) and settle every row (see the module's docstring).

    ``delimiter``: the CSV file's delimiter (``","``, ``";"`` or a tab; told from the header when
    None). ``sheet``: the XLSX sheet to read (needed when more than one has data).
    ``day_first``: the file's dates are written day first (``06/12/21``, ``06.12.2021``), as a
    Georgian-locale spreadsheet saves them to CSV (D35); ISO dates and date cells are read either way.
    """
    return settle_rows(
        read_rows(path, delimiter=delimiter, sheet=sheet, day_first=day_first),
        calendar=calendar,
        rules=rules,
        count_discharge_day=count_discharge_day,
    )
