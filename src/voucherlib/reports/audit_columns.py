"""The audit of a large invoice, column by column: the batch engine does the arithmetic.

:func:`audit_plain` takes the columns of a plain CSV file (:mod:`voucherlib.input.plain_csv`)
or of a plain XLSX sheet (:func:`voucherlib.input.xlsx_file.xlsx_columns`: text, numbers, dates,
booleans), reads each column's cells with the cell readers of the one-at-a-time audit (each
distinct cell once: a text, or a value of one type), settles every line whose cells all read, whose claim is not negative and whose
disability is yes or no (or status periods) with :func:`voucherlib.batch.settle_arrays`, and
gives each its verdict. Every other line (a cell that does not read, a line the engine refuses)
is audited one at a time by the very code of the line-by-line audit, so that it carries its very
reason. Before it returns, every number of the report is a column (:class:`AuditTable`): the
amounts, the verdicts, the counts and totals, each line's own findings (their codes, by the rules
of :func:`~voucherlib.reports.findings.own_codes` on whole columns), the lines that double billing
and overlapping stays may concern (ids and months counted in one pass) and the number of
findings (the overlaps by the sweep of :func:`~voucherlib.reports.findings.stay_overlaps` over
those lines' stays).

The :class:`~voucherlib.reports.audit.AuditLine` and
:class:`~voucherlib.reports.findings.Finding` objects are made on access
(:class:`~voucherlib.core.lazy.MadeOnAccess`), each equal to the one the line-by-line audit
makes: one voucher-month per distinct stay, one settlement per distinct month, submission day
and amount whose terms the others share, one verdict per distinct claim and settlement; a line's
own findings once per distinct claim, settlement (and empty stay); the findings across lines by
the line-by-line code, over the lines they may concern.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from calendar import monthrange
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_FLOOR, Decimal
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from voucherlib.core.collector import no_cycle_collection
from voucherlib.core.errors import ERROR_TEXTS, FileRefused, VoucherError, without_frames
from voucherlib.core.lazy import MadeOnAccess
from voucherlib.core.money import ZERO, gel_from_tetri, multiply, subtract, to_tetri, total
from voucherlib.core.month import Month, as_date
from voucherlib.core.ruleset import RuleSet
from voucherlib.core.working_calendar import WorkingCalendar
from voucherlib.input.cells import SCIENTIFIC_ID, same_id
from voucherlib.input.plain_csv import CodedCells, PlainColumns, cell_at
from voucherlib.input.table import Columns, _shown, typed_rows
from voucherlib.reports.alike_ids import shared_keys
from voucherlib.reports.audit import (
    AuditLine,
    Bill,
    Verdict,
    _audit_line,
    already_billed,
    bill_of,
    day_mask,
    line_verdict,
    paid_on,
)
from voucherlib.reports.findings import (
    Fallback,
    Finding,
    FindingCode,
    Findings,
    amount_citation,
    double_billing,
    id_refused,
    ids_alike,
    line_findings,
    overlapping_stays,
    own_codes,
    stay_days,
    stay_overlaps,
)
from voucherlib.rules.submission import Settlement, days_off_unknown_after, made_settlement, settle, submission_deadline
from voucherlib.rules.youth_voucher import VoucherMonth, voucher_month

__all__ = ["AuditTable", "audit_plain"]

VERDICTS: tuple[Verdict, ...] = (
    "matches", "over-claimed", "under-claimed", "not funded (late)", "invalid", "already billed",
)  # fmt: skip
_SLOW = -1
_ID_TEXT = r"^[!->@-~\p{L}][ !->@-~\p{L}\p{Nd}]*$"
"""An id cell that starts with a visible ASCII character or a letter (Georgian too) and holds only
those, spaces and digits is not blank: the id reader gives it as it is, unless it holds a letter
that shows as nothing (:data:`_FILLERS`). Any other id is read by the reader, one by one, and so
is an id holding a ``?`` (a letter lost to a code page, which the reader refuses)."""
_FILLERS = r"[\x{115F}\x{1160}\x{3164}\x{FFA0}]"
"""The letters (Unicode category Lo) that show as nothing: Hangul fillers, default-ignorable
code points (:func:`voucherlib.core.identifiers.invisible_char` refuses them)."""


class _Column:
    """One reader column: each row's code into the distinct values, and the value (or the error) of each."""

    def __init__(self, cells: Any, read: Callable[[Any, str], Any], name: str, rows: int) -> None:
        self.name = name
        if cells is None:  # an optional column the file does not have: every cell is None
            self.codes = np.zeros(rows, dtype=np.int64)
            distinct: list[Any] = [None]
        elif isinstance(cells, CodedCells):  # cells of several kinds, coded by (type, value)
            self.codes = cells.codes
            distinct = cells.values
        else:
            encoded = cells.combine_chunks().dictionary_encode(null_encoding="encode")  # an empty XLSX cell: None
            self.codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
            distinct = encoded.dictionary.to_pylist()
        self.values: list[Any] = []
        self.errors: dict[int, VoucherError] = {}
        for k, cell in enumerate(distinct):
            try:
                self.values.append(read(cell, name))
            except FileRefused:
                raise
            except VoucherError as exc:
                self.values.append(None)
                self.errors[k] = without_frames(exc)

    def bad(self) -> npt.NDArray[np.bool_]:
        flags = np.zeros(len(self.values), dtype=bool)
        flags[list(self.errors)] = True
        return flags[self.codes]


def audit_plain(
    plain: PlainColumns,
    columns: Columns,
    *,
    submitted_on: Any,
    calendar: WorkingCalendar | None,
    rules: RuleSet | None,
    tolerance: Decimal,
    citation: Fallback,
    count_discharge_day: bool = True,
) -> AuditTable:
    """The audit of the rows of a plain CSV file (see the module's docstring)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from voucherlib.batch import settle_arrays

    n = plain.rows
    read = dict(columns.readers)
    ids = _id_texts(plain.columns["beneficiary_id"])
    id_ok = pc.fill_null(pc.match_substring_regex(ids, _ID_TEXT), False).to_numpy(zero_copy_only=False)
    id_ok &= ~pc.fill_null(pc.match_substring_regex(ids, _FILLERS), False).to_numpy(zero_copy_only=False)
    scientific = pc.match_substring_regex(ids, rf"^\s*{SCIENTIFIC_ID.pattern}\s*$")  # (1.23457E+11: review 178 F1)
    id_ok &= ~pc.fill_null(scientific, False).to_numpy(zero_copy_only=False)
    errors = pc.is_in(pc.utf8_upper(pc.utf8_trim_whitespace(ids)), value_set=pa.array(sorted(ERROR_TEXTS)))
    id_ok &= ~pc.fill_null(errors, False).to_numpy(zero_copy_only=False)  # #N/A: refused line by line
    del read["beneficiary_id"]  # read below only where its cell may be blank
    cols = {name: _Column(plain.columns.get(name), reader, name, n) for name, reader in read.items()}
    slow = ~id_ok
    for c in cols.values():
        if c.errors:
            slow |= c.bad()
    claimed = cols["claimed"]
    claimed_tetri = np.array(
        [-1 if v is None or v.is_signed() else to_tetri(v) for v in claimed.values], dtype=np.int64
    )
    slow |= claimed_tetri[claimed.codes] < 0
    flags = cols["disability"]
    # yes/no, or status periods (pairs of dates or None, which the engine takes as they are)
    status = np.empty(len(flags.values), dtype=object)
    status[:] = [v if type(v) is bool or type(v) is tuple else None for v in flags.values]
    slow |= (status == None)[flags.codes]  # noqa: E711 - element-wise: a cell that did not read
    default = _default_date(submitted_on)
    days = {name: _day_numbers(cols[name], default) for name in ("enrolled_on", "discharged_on", "submitted_on")}
    for name in ("enrolled_on", "discharged_on", "submitted_on"):
        slow |= days[name] == _NO_DAY
    months = cols["month"]
    month_codes = np.array(
        [_SLOW if m is None else (m.year - 1970) * 12 + m.month - 1 for m in months.values], dtype=np.int64
    )[months.codes]
    fast = np.flatnonzero(~slow)
    out = settle_arrays(
        month_codes[fast].astype("datetime64[M]"),
        _as_days(days["enrolled_on"][fast]),
        _as_days(days["discharged_on"][fast]),
        status[flags.codes[fast]],
        _as_days(days["submitted_on"][fast]),
        calendar=calendar,
        rules=rules,
        count_discharge_day=count_discharge_day,
    )
    if out["reason"]:
        slow[fast[list(out["reason"])]] = True
    amount = np.zeros(n, dtype=np.int64)
    payable = np.zeros(n, dtype=np.int64)
    funded = np.zeros(n, dtype=bool)
    amount[fast] = out["amount_tetri"]
    payable[fast] = out["payable_tetri"]
    funded[fast] = out["funded"]
    claim = claimed_tetri[claimed.codes]
    difference = claim - amount
    allowed = _tolerance_tetri(tolerance)
    verdict = np.where(
        ~funded,
        3,
        np.where(np.abs(difference) <= allowed, 0, np.where(difference > 0, 1, 2)),
    ).astype(np.int8)
    table = AuditTable(plain, cols, verdict, slow, amount, payable, claimed, citation)
    raw_columns = {name: plain.columns[name] for name in plain.names}
    table.context = (submitted_on, calendar, rules, tolerance, raw_columns, columns, ids, count_discharge_day)
    table.month_codes = month_codes
    table.submitted_days = days["submitted_on"]
    at = np.flatnonzero(slow).tolist()
    for i, line in zip(at, table.made_alone(at), strict=True):
        table.slow[i] = line
        verdict[i] = VERDICTS.index(line.verdict)
    late = np.zeros(n, dtype=np.int64)
    served = np.zeros(n, dtype=np.int64)
    late[fast] = out["late_working_days"]
    served[fast] = out["service_days"]
    table.find(funded, late, served, difference, allowed, days)
    return table


_PERIODS = (0, 0, -1, False)
"""(a line whose status is given as periods: its bill is read from its line, made alone)"""


_NO_DAY = np.iinfo(np.int64).min
"""A date cell that does not read (or a submission date that is not given)."""
_EMPTY_DAY = np.iinfo(np.int64).min + 1
_EPOCH = dt.date(1970, 1, 1).toordinal()


def _default_date(value: Any) -> int | None:
    """The caller's ``submitted_on`` as a day number, None when it is not given or does not read
    (then its lines go one at a time and carry the error)."""
    if value is None:
        return None
    try:
        return as_date(value, "submitted_on").toordinal() - _EPOCH
    except VoucherError:
        return None


def _day_numbers(column: _Column, default: int | None) -> npt.NDArray[np.int64]:
    """Each row's date as a day number: an empty cell ``_EMPTY_DAY`` (for a submission date,
    ``default``, or ``_NO_DAY`` when there is none); a cell that does not read ``_NO_DAY``."""
    numbers = []
    for k, value in enumerate(column.values):
        if k in column.errors:
            numbers.append(_NO_DAY)
        elif value is None:
            numbers.append(_EMPTY_DAY if column.name != "submitted_on" else _NO_DAY if default is None else default)
        else:
            numbers.append(value.toordinal() - _EPOCH)
    return np.array(numbers, dtype=np.int64)[column.codes]


def _as_days(numbers: npt.NDArray[np.int64]) -> npt.NDArray[Any]:
    """Day numbers as datetime64[D], an empty cell NaT."""
    out = numbers.copy()
    out[out == _EMPTY_DAY] = np.iinfo(np.int64).min
    return out.view("datetime64[D]")


def _tolerance_tetri(tolerance: Decimal) -> int:
    """The largest whole number of tetri within ``tolerance`` (a difference is whole tetri), in
    the library's context whatever the caller's (D25; review 25: a precision of 3 made 12.34 GEL
    1,230 or 1,240 tetri)."""
    tetri = multiply(tolerance, 100).to_integral_value(ROUND_FLOOR)
    return int(min(tetri, Decimal(2**62)))


class AuditTable:
    """The lines of a columnar audit: verdicts, amounts, totals and the findings (their codes,
    their number, the lines they concern) as columns; the line and finding objects made on access."""

    def __init__(
        self,
        plain: PlainColumns,
        cols: dict[str, _Column],
        verdict: npt.NDArray[np.int8],
        slow: npt.NDArray[np.bool_],
        amount: npt.NDArray[np.int64],
        payable: npt.NDArray[np.int64],
        claimed: _Column,
        citation: Fallback,
    ) -> None:
        self.rows = plain.rows
        self.where = plain.row_numbers()
        self._row_index: dict[int, int] | None = None
        self.cols = cols
        self.verdict = verdict
        self.slow_rows = slow
        self.slow: dict[int, AuditLine] = {}
        self.amount = amount
        self.payable = payable
        self.claimed = claimed
        self.citation = citation
        self.context: tuple[Any, ...] = ()
        self._groups: tuple[npt.NDArray[np.int64], ...] | None = None
        self._made: tuple[list[Any], ...] = ()
        """The objects made once and shared, by group (:meth:`groups`): each voucher-month group's
        VoucherMonth, each settlement group's first Settlement and its terms, each pair's
        Settlement, each (claim, settlement) group's verdict."""
        self.first_code = np.zeros(self.rows, dtype=np.int8)
        """Each line's first own finding (an index into :data:`OWN_CODES`, 0 none): not funded, a late deduction."""
        self.second_code = np.zeros(self.rows, dtype=np.int8)
        """Each line's second: days outside the stay, a claim above or below (for an invalid line, not checked)."""
        self.found_until = np.zeros(self.rows, dtype=np.int64)
        """Each line's own findings end at this position among every line's own findings."""
        self.double_billed = np.zeros(0, dtype=np.int64)
        self._keys: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] = (self.double_billed, self.double_billed)
        self.month_codes = np.zeros(0, dtype=np.int64)
        """Each row's month as months since January 1970 (a cell that does not read: -1)."""
        self.submitted_days = np.zeros(0, dtype=np.int64)
        """Each row's day submitted as days since 1970-01-01 (the caller's for a row without one)."""
        self.overlapping = np.zeros(0, dtype=np.int64)
        self.alike = np.zeros(0, dtype=np.int64)
        """The lines of ids that look alike billed for one month (D39), in row order."""
        self.across = 0
        """How many findings concern more than one line (double billing, overlapping stays)."""
        self._across: tuple[Finding, ...] | None = None
        self._totals: dict[str, Decimal] | None = None
        self._month_texts = [str(v) for v in cols["month"].values]
        self._coded = tuple(cols[name].values for name in _CODED)
        """Each coded column's distinct values (month, enrolled, discharged, status, submitted, claimed)."""
        self.found = 0
        """How many findings the report has (across lines, then each line's own)."""

    # ------------------------------------------------------------ the columns

    def find(
        self,
        funded: npt.NDArray[np.bool_],
        late: npt.NDArray[np.int64],
        served: npt.NDArray[np.int64],
        difference: npt.NDArray[np.int64],
        allowed: int,
        days: dict[str, npt.NDArray[np.int64]],
    ) -> None:
        """The findings as columns (the rules of :func:`~voucherlib.reports.findings.own_codes`, on
        whole columns): each line's own (not funded or late, then days outside the stay, above or
        below), and how many findings concern more than one line; the slow lines' from their objects."""
        tolerance = self.context[3]
        self._across_columns(days)
        self._billed_once(funded, late, days)
        fast = ~self.slow_rows
        first = np.where(~funded, _CODE["not-funded"], np.where(late > 0, _CODE["late-deduction"], 0))
        second = np.where(  # (a month with no day of service whatever its claim: review 275 F4)
            served == 0,
            _CODE["days-outside-stay"],
            np.where(
                difference > allowed, _CODE["claim-above"], np.where(difference < -allowed, _CODE["claim-below"], 0)
            ),
        )
        self.first_code[:] = np.where(fast, first, 0)
        self.second_code[:] = np.where(fast, second, 0)
        for i, ln in self.slow.items():
            codes = own_codes(ln, tolerance)
            self.first_code[i], self.second_code[i] = _two(codes)
        count = (self.first_code > 0).astype(np.int64) + (self.second_code > 0)
        np.cumsum(count, out=self.found_until)
        own = int(self.found_until[-1]) if self.rows else 0
        self.found = self.across + own

    def sequences(self) -> tuple[MadeOnAccess[AuditLine], Findings]:
        """The report's lines and findings, made from the columns on access (all of them, once, when
        walked: :meth:`_every_line`, :meth:`_every_finding`). The table holds neither: its report
        holds them, and they hold the table, so a report dropped is freed at once by reference
        counting (a cycle through the table would keep its made objects, hundreds of thousands,
        until the cyclic garbage collector walks them, within whatever runs next)."""
        lines = MadeOnAccess[AuditLine](length=self.rows, one=self._line, every=self._every_line)
        findings = Findings(
            length=self.found, one=partial(self._finding, lines), every=partial(self._every_finding, lines)
        )
        return lines, findings

    def _across_columns(self, days: dict[str, npt.NDArray[np.int64]]) -> None:
        """The lines double billing may concern (one id and month on more than one line) and those
        overlapping stays may (an id on more than one checked line), and how many findings they
        make: double billing one per (id, month) on several lines, overlaps by the sweep of
        :func:`~voucherlib.reports.findings.stay_overlaps` over the days of those lines' stays."""
        import pyarrow as pa
        import pyarrow.compute as pc

        n = self.rows
        raw = self.context[6]
        at = np.flatnonzero(self.slow_rows)
        slow_lines = [self.slow[i] for i in at.tolist()]
        # the id as double billing compares it: same_id(cell).strip(), Python's whitespace exactly
        every = pa.concat_arrays(
            [
                pc.utf8_trim(pc.fill_null(raw, ""), characters=_WHITESPACE),  # an empty XLSX cell: a slow line
                pa.array([ln.beneficiary_id.strip() for ln in slow_lines], pa.string()),
            ]
        ).dictionary_encode()
        codes = every.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        ids = codes[:n].copy()
        ids[at] = codes[n:]
        distinct = len(every.dictionary)
        named = ~pc.equal(every.dictionary, "").to_numpy(zero_copy_only=False)[ids]
        named[at[[id_refused(ln) for ln in slow_lines]]] = False  # (a fast line's id always reads)
        # the month as double billing compares it: the month read (as the line shows it), or on a
        # slow line its text as written
        shown: dict[str, int] = {}
        month_of = np.array(
            [-1 if v is None else shown.setdefault(str(v), len(shown)) for v in self.cols["month"].values] or [-1],
            dtype=np.int64,
        )
        months = month_of[self.cols["month"].codes]
        for i, ln in zip(at.tolist(), slow_lines, strict=True):
            text = ln.month.strip()
            months[i] = shown.setdefault(text, len(shown)) if text else -1
        named &= months >= 0
        width = max(len(shown), 1)
        repeated, billed = _repeated(ids[named] * width + months[named], distinct * width)
        self.double_billed = np.flatnonzero(named)[repeated]
        self._keys = (ids, months)  # (each line's id and month as double billing compares them)
        self.alike, alike = _alike(every.dictionary, ids, months, named, width)
        checked = np.flatnonzero(self.verdict != VERDICTS.index("invalid"))
        self.overlapping = checked[_repeated(ids[checked], distinct)[0]]
        # one finding per (id, month) on more than one line, one per month of alike ids, one per overlap
        self.across = billed + alike + self._overlap_count(days, ids)

    def made_alone(self, at: Sequence[int]) -> list[AuditLine]:
        """The lines ``at`` (indices) made one at a time from their cells, as the line-by-line
        audit makes them (:func:`~voucherlib.reports.audit._audit_line`)."""
        if not at:
            return []
        submitted_on, calendar, rules, tolerance, raw_columns, columns, _, count_discharge_day = self.context
        taken = {name: col.take(np.asarray(at, dtype=np.int64)).to_pylist() for name, col in raw_columns.items()}
        where = self.where
        out = []
        for k, i in enumerate(at):
            row = next(typed_rows([(where[i], {name: cells[k] for name, cells in taken.items()})], columns))
            out.append(
                _audit_line(
                    row, submitted_on=submitted_on, calendar=calendar, rules=rules, tolerance=tolerance,
                    count_discharge_day=count_discharge_day,
                )
            )  # fmt: skip
        return out

    def _billed_once(
        self, funded: npt.NDArray[np.bool_], late: npt.NDArray[np.int64], days: dict[str, npt.NDArray[np.int64]]
    ) -> None:
        """The lines whose days another line bills on the same terms (D28, the rule of
        :func:`~voucherlib.reports.audit.billed_once`), among those double billing concerns: each
        line's bill read from the columns (from its line for a status given as periods, or a line
        made one at a time), and only the lines already billed made, one at a time, as the
        line-by-line audit makes them (no line object is made for the others, nor the groups that
        share their objects)."""
        at = self.double_billed.tolist()
        if not at:
            return
        ids, months = self._keys
        groups: dict[tuple[int, int], dict[int, Bill]] = {}
        alone: dict[int, AuditLine] = {}
        # each line's bill: from its columns, or from its line (a slow one, or a status given as periods)
        bills = {i: _PERIODS if self.slow_rows[i] else self._column_bill(i, funded, late, days) for i in at}
        periods = [i for i, bill in bills.items() if bill is _PERIODS and not self.slow_rows[i]]
        alone.update(zip(periods, self.made_alone(periods), strict=True))
        for i, bill in bills.items():
            if bill is _PERIODS:
                line = self.slow[i] if self.slow_rows[i] else alone[i]
                settled = line.settlement if line.checked else None
                bill = bill_of(line) if settled is not None and settled.voucher.first_service_day else None
            if bill is not None:
                groups.setdefault((int(ids[i]), int(months[i])), {})[i] = bill
        paid = {k: payer for group in groups.values() if len(group) > 1 for k, payer in paid_on(group).items()}
        made = [k for k in sorted(paid) if not self.slow_rows[k] and k not in alone]
        alone.update(zip(made, self.made_alone(made), strict=True))  # (one take of the cells for them all)
        code = VERDICTS.index("already billed")
        for k, payer in paid.items():
            line = self.slow[k] if self.slow_rows[k] else alone[k]
            self.slow[k] = already_billed(line, self.where[payer])
            self.slow_rows[k] = True
            self.verdict[k] = code

    def _column_bill(
        self, i: int, funded: npt.NDArray[np.bool_], late: npt.NDArray[np.int64], days: dict[str, npt.NDArray[np.int64]]
    ) -> Bill | None:
        """What the line the engine settled bills (:data:`~voucherlib.reports.audit.Bill`), from its
        columns; None when it has no day of service; :data:`_PERIODS` when its status is given as
        periods (read from its line)."""
        flags = self.cols["disability"]
        status = flags.values[flags.codes[i]]
        if type(status) is not bool:
            return _PERIODS
        m = int(self.month_codes[i])
        first_day = dt.date(1970 + m // 12, m % 12 + 1, 1)
        first = first_day.toordinal() - _EPOCH
        last = first + monthrange(first_day.year, first_day.month)[1] - 1
        e, d = int(days["enrolled_on"][i]), int(days["discharged_on"][i])
        start = first if e == _EMPTY_DAY else max(e, first)
        stop = last if d == _EMPTY_DAY else min(d if self.context[7] else d - 1, last)
        if start > stop:
            return None
        served = day_mask(start - first + 1, stop - first + 1)
        return served, served if status else 0, int(late[i]), bool(funded[i])

    def _overlap_count(self, days: dict[str, npt.NDArray[np.int64]], ids: npt.NDArray[np.int64]) -> int:
        stays: dict[int, dict[tuple[int, int], list[int]]] = {}
        enrolled, discharged = days["enrolled_on"], days["discharged_on"]
        for i in self.overlapping.tolist():
            if self.slow_rows[i]:
                ln = self.slow[i]
                assert ln.settlement is not None
                v = ln.settlement.voucher
                days_of = stay_days(v.enrolled_on, v.discharged_on, v.count_discharge_day)
                if days_of is None:  # (a stay of no day of service shares none)
                    continue
                stay = (_day(days_of[0], _FIRST_DAY), _day(days_of[1], _LAST_DAY))
            else:
                e, d = int(enrolled[i]), int(discharged[i])
                last = d if self.context[7] else d - 1  # D1: the last day of service
                stay = (_FIRST_DAY if e == _EMPTY_DAY else e, _LAST_DAY if d == _EMPTY_DAY else last)
            if stay[0] <= stay[1]:  # (a stay of no day of service shares none)
                stays.setdefault(int(ids[i]), {}).setdefault(stay, []).append(i)
        return len(list(stay_overlaps(stays)))

    def rows_past(self, known: dt.date) -> list[Any]:
        """The row labels of the lines checked on a day after ``known`` (their month's deadline or
        the day submitted: D52), in row order."""
        calendar, rules = self.context[1:3]
        fast = ~self.slow_rows
        codes = self.month_codes[fast]
        after = known.toordinal() - _EPOCH
        past = np.zeros(self.rows, dtype=bool)
        if codes.size:
            distinct, at = np.unique(codes, return_inverse=True)
            due = np.array(
                [
                    submission_deadline(
                        Month(1970 + int(c) // 12, int(c) % 12 + 1), calendar=calendar, rules=rules
                    ).toordinal()
                    - _EPOCH
                    for c in distinct
                ],
                dtype=np.int64,
            )[at]
            past[fast] = (due > after) | (self.submitted_days[fast] > after)
        for i, line in self.slow.items():
            s = line.settlement
            past[i] = s is not None and days_off_unknown_after(s) is not None
        return [self.where[i] for i in np.flatnonzero(past).tolist()]

    def counts(self) -> dict[str, int]:
        """How many lines have each verdict, in the order each verdict first appears."""
        codes, first, number = np.unique(self.verdict, return_index=True, return_counts=True)
        order = np.argsort(first)
        return {VERDICTS[int(codes[k])]: int(number[k]) for k in order}

    def totals(self) -> dict[str, Decimal]:
        """The report's totals, as sums over the lines the report would make (the same Decimals)."""
        if self._totals is not None:
            return self._totals
        checked_fast = ~self.slow_rows
        slow = list(self.slow.values())
        checked = [ln for ln in slow if ln.checked]
        # each distinct claim times the lines that claim it: the exact sum, with the same digits
        times = np.bincount(self.claimed.codes[checked_fast], minlength=len(self.claimed.values)).tolist()
        claimed = total(
            [
                *(multiply(v, k) for v, k in zip(self.claimed.values, times, strict=True) if k),
                *(ln.claimed for ln in checked if ln.claimed is not None),
            ]
        )
        extra = [gel_from_tetri(int(a.sum())) for a in (self.amount[checked_fast],)] if checked_fast.any() else []
        computed = total([*extra, *(ln.computed for ln in checked if ln.computed is not None)])
        paid = [gel_from_tetri(int(self.payable[checked_fast].sum()))] if checked_fast.any() else []
        payable = total([*paid, *(ln.payable for ln in checked if ln.payable is not None)])
        withheld = int((self.amount - self.payable)[checked_fast].sum())
        deducted = total(
            [
                *([gel_from_tetri(withheld)] if checked_fast.any() else []),
                *(ln.deducted for ln in checked if ln.deducted is not None),
            ]
        )
        any_checked = bool(checked_fast.any()) or bool(checked)
        difference = (
            total([subtract(claimed, computed)]) if any_checked else ZERO
        )  # the sum of claimed - computed over the same lines
        unchecked = total(ln.claimed for ln in slow if not ln.checked and ln.claimed is not None)
        self._totals = {
            "claimed": claimed,
            "computed": computed,
            "difference": difference,
            "deducted": deducted,
            "payable": payable,
            "unchecked_claimed": unchecked,
        }
        return self._totals

    # ------------------------------------------------------------ the objects, on access

    def groups(self) -> tuple[npt.NDArray[np.int64], ...]:
        """Each row's voucher-month group (month, enrolled, discharged, status), settlement group
        (month, submission day, amount), (voucher-month, settlement) pair and (claim, settlement) group."""
        if self._groups is None:
            c = self.cols
            vm = _group(*(c[name].codes for name in ("month", "enrolled_on", "discharged_on", "disability")))
            settled = _group(c["month"].codes, c["submitted_on"].codes, self.amount)
            self._groups = (vm, settled, _group(vm, settled), _group(c["claimed"].codes, settled))
            self._made = tuple([None] * (int(g.max(initial=-1)) + 1) for g in self._groups)
        return self._groups

    def index_of(self, row: int) -> int | None:
        """The index of the line of a file's row (as a spreadsheet numbers it), or None."""
        if self._row_index is None:
            self._row_index = {n: i for i, n in enumerate(self.where)}
        return self._row_index.get(row)

    def _line(self, i: int) -> AuditLine:
        """Line ``i`` (from 0), as the line-by-line audit makes it."""
        if self.slow_rows[i]:
            return self.slow[i]
        raw = self.context[4]
        ident = cell_at(raw["beneficiary_id"], i)
        name, provider = (_shown(cell_at(raw[k], i) if k in raw else None, k) for k in ("name", "provider"))
        groups = [int(g[i]) for g in self.groups()]
        codes = [int(self.cols[name].codes[i]) for name in _CODED]
        return self._fast_line(i, same_id(ident) if isinstance(ident, str) else ident, name, provider, groups, codes)

    def _every_line(self) -> Iterator[AuditLine]:
        """Every line in order, the texts and the codes of every row taken at once."""
        raw = self.context[4]
        ids = [same_id(v) if isinstance(v, str) else v for v in raw["beneficiary_id"].to_pylist()]
        names, providers = (_texts(raw.get(name), name, self.rows) for name in ("name", "provider"))
        groups = zip(*(g.tolist() for g in self.groups()), strict=True)
        codes = zip(*(self.cols[name].codes.tolist() for name in _CODED), strict=True)
        slow = self.slow
        with no_cycle_collection():
            for i, (is_slow, g, c) in enumerate(zip(self.slow_rows.tolist(), groups, codes, strict=True)):
                yield slow[i] if is_slow else self._fast_line(i, ids[i], names[i], providers[i], g, c)

    def _fast_line(
        self, i: int, ident: str, name: str, provider: str, groups: Sequence[int], codes: Sequence[int]
    ) -> AuditLine:
        """A line the engine settled: each distinct voucher-month (month, stay, status) computed once
        by :func:`voucher_month`, each distinct (month, submission day, amount) settled once by
        :func:`settle` and its terms given to the other voucher-months that share them, each
        distinct (claim, settlement) given its verdict once by the very code of the line-by-line audit."""
        submitted_on, calendar, rules, tolerance = self.context[:4]
        g_vm, g_settled, g_pair, g_judged = groups
        m, e, d, f, sub, cl = codes
        months, enrolled, discharged, flags, submissions, claims = self._coded
        vms, settled, pairs, verdicts = self._made
        s = pairs[g_pair]
        if s is None:
            vm = vms[g_vm]
            if vm is None:
                vm = vms[g_vm] = voucher_month(
                    months[m], enrolled_on=enrolled[e], discharged_on=discharged[d], disability=flags[f], rules=rules,
                    count_discharge_day=self.context[7],
                )  # fmt: skip
            first = settled[g_settled]
            if first is None:
                when = submissions[sub] if submissions[sub] is not None else submitted_on
                one = settle(vm, submitted_on=when, calendar=calendar)
                first = settled[g_settled] = (one, _settlement_terms(one))
            # the terms of a settlement of the same month, submission day and amount (the same amount checked)
            s = pairs[g_pair] = first[0] if first[0].voucher is vm else _settlement(vm, first[1])
        claimed = claims[cl]
        judged = verdicts[g_judged]
        if judged is None:
            judged = verdicts[g_judged] = line_verdict(claimed, s.amount, tolerance, s)
        verdict, reason, difference = judged
        return AuditLine(
            self.where[i], ident, name, self._month_texts[m], claimed, s.amount, s.payable, difference, verdict, reason, s,
            provider=provider, tolerance=tolerance,
        )  # fmt: skip

    def _own(self, ln: AuditLine) -> tuple[Finding, ...]:
        return tuple(line_findings(ln, self.context[3], self.citation))

    def _across_findings(self, lines: Sequence[AuditLine]) -> tuple[Finding, ...]:
        """The findings across lines, by :func:`double_billing`, :func:`ids_alike` and :func:`overlapping_stays` of the
        lines they may concern (made, from ``lines``: the report's), the same as of every line."""
        if self._across is None:
            line = lines.__getitem__
            found = (
                *double_billing([line(i) for i in self.double_billed.tolist()], self.citation),
                *ids_alike([line(i) for i in self.alike.tolist()], self.citation),
                *overlapping_stays([line(i) for i in self.overlapping.tolist()]),
            )
            if len(found) != self.across:  # pragma: no cover - the columns and the objects disagree
                raise AssertionError(f"{len(found)} findings across lines made, {self.across} counted")
            self._across = found
        return self._across

    def findings_of(self, every: Sequence[AuditLine], lines: Sequence[AuditLine]) -> Findings:
        """The findings that concern ``lines`` (lines of this table, in their order), in the order
        of every finding (``every``: the report's lines)."""
        rows = {ln.row for ln in lines}
        across = (f for f in self._across_findings(every) if not rows.isdisjoint(f.rows))
        return Findings([*across, *(f for ln in lines for f in self._own(ln))])

    def _finding(self, lines: Sequence[AuditLine], j: int) -> Finding:
        """Finding ``j``: one across lines, then each line's own in row order (``lines``: the report's)."""
        if j < self.across:
            return self._across_findings(lines)[j]
        j -= self.across
        i = int(np.searchsorted(self.found_until, j, side="right"))
        before = int(self.found_until[i - 1]) if i else 0
        return self._own(lines[i])[j - before]

    def _every_finding(self, lines: Sequence[AuditLine]) -> Iterator[Finding]:
        """Every finding in order; a line's own made once per (claim, settlement, stay) and given,
        with its row and id, to every line that shares them."""
        made: dict[tuple[int, int, int], tuple[Finding, ...]] = {}
        groups = self.groups()
        with no_cycle_collection():
            yield from self._across_findings(lines)
            for ln, is_slow, g_vm, g_judged in zip(
                lines, self.slow_rows.tolist(), groups[0].tolist(), groups[3].tolist(), strict=True
            ):
                if is_slow:
                    yield from self._own(ln)
                    continue
                # a line's own findings hang on its claim and settlement, on its stay only when it has no
                # day, and on the provision of its amount (review 230 F1: a line's finding was given to
                # another line of other rates, whose provision it then cited)
                s = ln.settlement
                key = (
                    g_judged,
                    g_vm if s is not None and s.voucher.service_days == 0 else -1,
                    0 if s is None else id(amount_citation(s)),
                )
                own = made.get(key)
                if own is None:
                    own = made[key] = self._own(ln)
                    yield from own
                    continue
                one = (ln.row,)
                ident = ln.beneficiary_id
                for f in own:
                    yield Finding(
                        f.code, f.severity, one, ident, f.month, f.amount, f.citation, f.decision, f.fields, f.part
                    )


OWN_CODES: tuple[FindingCode | None, ...] = (
    None, "not-funded", "late-deduction", "days-outside-stay", "claim-above", "claim-below", "not-checked",
)  # fmt: skip
"""The codes of a line's own findings in the columns :attr:`AuditTable.first_code` and ``second_code``."""
_CODE = {code: k for k, code in enumerate(OWN_CODES) if code is not None}
_CODED = ("month", "enrolled_on", "discharged_on", "disability", "submitted_on", "claimed")
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character Python's ``str.strip()`` takes away (``str.isspace()``)."""
_FIRST_DAY = dt.date.min.toordinal() - _EPOCH
_LAST_DAY = dt.date.max.toordinal() - _EPOCH


def _id_texts(cells: Any) -> Any:
    """The id cells as one Arrow text array; an id cell that is not text (a number) is null here
    (its line goes one at a time, where the id reader reads it)."""
    import pyarrow as pa

    if isinstance(cells, CodedCells):
        texts = pa.array([v if isinstance(v, str) else None for v in cells.values], pa.string())
        return texts.take(pa.array(cells.codes))
    return cells.combine_chunks()


def _alike(
    distinct: Any,
    ids: npt.NDArray[np.int64],
    months: npt.NDArray[np.int64],
    named: npt.NDArray[np.bool_],
    width: int,
) -> tuple[npt.NDArray[np.int64], int]:
    """The lines :func:`~voucherlib.reports.findings.ids_alike` names (those of the ``named`` lines
    whose month is billed under two or more ids of one :func:`~voucherlib.reports.alike_ids.alike_key`),
    and how many findings it makes (one per key and month); ``distinct``: the ids compared (Arrow
    text), ``ids`` and ``months`` each line's (indices), ``width`` the number of months."""
    some, codes = shared_keys(distinct)
    if not len(some):
        return some, 0
    key_of = np.full(len(distinct), -1, dtype=np.int64)
    key_of[some] = codes  # (an id whose key another id has: its key's number; else -1)
    at = np.flatnonzero(named & (key_of[ids] >= 0))
    if not len(at):
        return at, 0
    _, group = np.unique(key_of[ids[at]] * width + months[at], return_inverse=True)
    group = group.reshape(-1)
    pairs = np.unique(group * len(distinct) + ids[at])  # each (key and month, id) once
    several = np.bincount(pairs // len(distinct), minlength=int(group.max()) + 1) > 1
    return at[several[group]], int(several.sum())


def _repeated(values: npt.NDArray[np.int64], bound: int) -> tuple[npt.NDArray[np.bool_], int]:
    """Which of ``values`` (each from 0 to ``bound``) occur more than once, and how many distinct
    values do; counted in one pass unless ``bound`` is far more than the values."""
    if bound <= 4 * len(values) + 1024:
        counts = np.bincount(values, minlength=bound)
        return counts[values] > 1, int((counts > 1).sum())
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    return counts[inverse.reshape(-1)] > 1, int((counts > 1).sum())


def _day(value: dt.date | None, default: int) -> int:
    return default if value is None else value.toordinal() - _EPOCH


def _two(codes: Sequence[FindingCode]) -> tuple[int, int]:
    """A line's own codes as its two columns: not funded or late first, the rest second."""
    first = [_CODE[c] for c in codes if c in ("not-funded", "late-deduction")]
    second = [_CODE[c] for c in codes if c not in ("not-funded", "late-deduction")]
    return (first[0] if first else 0), (second[0] if second else 0)


def _texts(cells: Any, name: str, rows: int) -> list[str]:
    """Each row's cell as text for showing (as ``Row.text`` gives it), each distinct cell shown once."""
    if cells is None:
        return [_shown(None, name)] * rows
    if isinstance(cells, CodedCells):
        shown = np.array([_shown(v, name) for v in cells.values], dtype=object)
        return list(shown[cells.codes])
    encoded = cells.combine_chunks().dictionary_encode(null_encoding="encode")
    distinct = np.array([_shown(v, name) for v in encoded.dictionary.to_pylist()] or [""], dtype=object)
    return list(distinct[encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)])


_TERMS = tuple(f.name for f in dataclasses.fields(Settlement))[1:]
"""A settlement's fields after its voucher-month: what every voucher-month of the same month,
submission day and amount shares."""


def _settlement_terms(s: Settlement) -> tuple[Any, ...]:
    return tuple(getattr(s, name) for name in _TERMS)


def _settlement(vm: VoucherMonth, terms: tuple[Any, ...]) -> Settlement:
    """The settlement of ``vm`` on the terms of another of its month, submission day and amount."""
    if vm.amount != terms[_TERMS.index("amount")]:  # pragma: no cover - the engine gave another amount
        raise AssertionError("the batch engine and voucher_month disagree")
    return made_settlement(vm, *terms)  # (the library's own: R2's terms of an equal settlement)


def _group(*columns: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
    """Each row's group: a number shared by the rows with the same values in every column (one sort)."""
    order = np.lexsort(columns[::-1])
    changed = np.zeros(len(order), dtype=bool)
    for column in columns:
        ordered = column[order]
        changed[1:] |= ordered[1:] != ordered[:-1]
    groups = np.empty(len(order), dtype=np.int64)
    groups[order] = np.cumsum(changed)
    return groups
