"""The audit of a large invoice, column by column: the batch engine does the arithmetic.

:func:`audit_plain` takes the columns of a plain CSV file (:mod:`voucherlib.input.plain_csv`),
reads each column's cells with the cell readers of the one-at-a-time audit (each distinct text
once), settles every line whose cells all read, whose claim is not negative and whose
disability is yes or no with :func:`voucherlib.batch.settle_arrays`, and gives each its
verdict. Every other line (a cell that does not read, status periods, a line the engine
refuses) is audited one at a time by the very code of the line-by-line audit, so that it carries
its very reason. The counts and the totals are taken from the columns; the
:class:`~voucherlib.reports.audit.AuditLine` objects are made when the report's lines are
first asked for (:class:`AuditTable`), each as the line-by-line audit makes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_FLOOR, Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from voucherlib.core.citation import Citation
from voucherlib.core.errors import VoucherError
from voucherlib.core.money import ZERO, gel_from_tetri, subtract, to_tetri, total
from voucherlib.core.month import as_date
from voucherlib.core.ruleset import RuleSet
from voucherlib.core.working_calendar import WorkingCalendar
from voucherlib.input.plain_csv import PlainColumns
from voucherlib.input.table import Columns, Row, _kept, typed_rows
from voucherlib.reports.audit import AuditLine, Verdict, _audit_line

__all__ = ["AuditTable", "audit_plain"]

VERDICTS: tuple[Verdict, ...] = ("matches", "over-claimed", "under-claimed", "not funded (late)", "invalid")
_SLOW = -1
_ID_TEXT = "^[!-~]"
"""An id cell that starts with a visible ASCII character is not blank: the id reader gives it as it is."""


class _Column:
    """One reader column: each row's code into the distinct values, and the value (or the error) of each."""

    def __init__(self, cells: Any, read: Callable[[Any, str], Any], name: str, rows: int) -> None:
        self.name = name
        if cells is None:  # an optional column the file does not have: every cell is None
            self.codes = np.zeros(rows, dtype=np.int64)
            distinct: list[Any] = [None]
        else:
            encoded = cells.combine_chunks().dictionary_encode()
            self.codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
            distinct = encoded.dictionary.to_pylist()
        self.values: list[Any] = []
        self.errors: dict[int, VoucherError] = {}
        for k, cell in enumerate(distinct):
            try:
                self.values.append(read(cell, name))
            except VoucherError as exc:
                self.values.append(None)
                self.errors[k] = _kept(exc)

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
    citation: Citation | None,
) -> AuditTable:
    """The audit of the rows of a plain CSV file (see the module's docstring)."""
    import pyarrow.compute as pc

    from voucherlib.batch import settle_arrays

    n = plain.rows
    read = dict(columns.readers)
    ids = plain.columns["beneficiary_id"]
    id_ok = pc.match_substring_regex(ids, _ID_TEXT).to_numpy(zero_copy_only=False)
    del read["beneficiary_id"]  # read below only where its cell may be blank
    cols = {name: _Column(plain.columns.get(name), reader, name, n) for name, reader in read.items()}
    slow = ~id_ok
    for c in cols.values():
        if c.errors:
            slow |= c.bad()
    claimed = cols["claimed"]
    claimed_tetri = np.array([-1 if v is None or v < 0 else to_tetri(v) for v in claimed.values], dtype=np.int64)
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
    at = np.flatnonzero(slow)
    taken = {name: col.take(at).to_pylist() for name, col in raw_columns.items()}
    for k, i in enumerate(at.tolist()):
        row = next(typed_rows([(i + 2, {name: cells[k] for name, cells in taken.items()})], columns))
        line = _audit_line(row, submitted_on=submitted_on, calendar=calendar, rules=rules, tolerance=tolerance)
        table.slow[i] = line
        verdict[i] = VERDICTS.index(line.verdict)
    table.context = (submitted_on, calendar, rules, tolerance, raw_columns, columns)
    return table


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
    """The largest whole number of tetri within ``tolerance`` (a difference is whole tetri)."""
    tetri = (tolerance * 100).to_integral_value(ROUND_FLOOR)
    return int(min(tetri, Decimal(2**62)))


class AuditTable:
    """The lines of a columnar audit: verdicts, amounts and totals as columns; the lines made on demand."""

    def __init__(
        self,
        plain: PlainColumns,
        cols: dict[str, _Column],
        verdict: npt.NDArray[np.int8],
        slow: npt.NDArray[np.bool_],
        amount: npt.NDArray[np.int64],
        payable: npt.NDArray[np.int64],
        claimed: _Column,
        citation: Citation | None,
    ) -> None:
        self.rows = plain.rows
        self.cols = cols
        self.verdict = verdict
        self.slow_rows = slow
        self.slow: dict[int, AuditLine] = {}
        self.amount = amount
        self.payable = payable
        self.claimed = claimed
        self.citation = citation
        self.context: tuple[Any, ...] = ()

    def counts(self) -> dict[str, int]:
        """How many lines have each verdict, in the order each verdict first appears."""
        codes, first, number = np.unique(self.verdict, return_index=True, return_counts=True)
        order = np.argsort(first)
        return {VERDICTS[int(codes[k])]: int(number[k]) for k in order}

    def totals(self) -> dict[str, Decimal]:
        """The report's totals, as sums over the lines the report would make (the same Decimals)."""
        checked_fast = ~self.slow_rows
        slow = list(self.slow.values())
        checked = [ln for ln in slow if ln.checked]
        claimed_values = self.claimed.values
        claimed = total(
            [
                *(claimed_values[c] for c in self.claimed.codes[checked_fast].tolist()),
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
        return {
            "claimed": claimed,
            "computed": computed,
            "difference": difference,
            "deducted": deducted,
            "payable": payable,
            "unchecked_claimed": unchecked,
        }

    def lines(self) -> tuple[AuditLine, ...]:
        """Every line, as the line-by-line audit makes it (the cells already read are not read again)."""
        submitted_on, calendar, rules, tolerance, raw_columns, _ = self.context
        names = list(raw_columns)
        texts = {name: raw_columns[name].to_pylist() for name in names}
        values = {name: c.values for name, c in self.cols.items()}
        codes = {name: c.codes.tolist() for name, c in self.cols.items()}
        out: list[AuditLine] = []
        for i in range(self.rows):
            line = self.slow.get(i)
            if line is None:
                raw = {name: texts[name][i] for name in names}
                typed = {name: values[name][codes[name][i]] for name in values}
                typed["beneficiary_id"] = raw["beneficiary_id"]
                row = Row(i + 2, typed, {}, raw)
                line = _audit_line(row, submitted_on=submitted_on, calendar=calendar, rules=rules, tolerance=tolerance)
            out.append(line)
        return tuple(out)
