"""The audit of a large invoice, column by column: the batch engine does the arithmetic.

:func:`audit_plain` takes the columns of a plain CSV file (:mod:`voucherlib.input.plain_csv`)
or of a plain XLSX sheet of text cells (:func:`voucherlib.input.xlsx_file.xlsx_columns`),
reads each column's cells with the cell readers of the one-at-a-time audit (each distinct text
once), settles every line whose cells all read, whose claim is not negative and whose
disability is yes or no with :func:`voucherlib.batch.settle_arrays`, and gives each its
verdict. Every other line (a cell that does not read, status periods, a line the engine
refuses) is audited one at a time by the very code of the line-by-line audit, so that it carries
its very reason. The counts and the totals are taken from the columns; the
:class:`~voucherlib.reports.audit.AuditLine` objects are made when the report's lines are
first asked for (:class:`AuditTable`), each equal to the one the line-by-line audit makes, from
the columns: one voucher-month per distinct stay, one settlement per distinct month, submission
day and amount whose terms the others share, one verdict per distinct claim and settlement; the
findings of a line once per distinct claim, settlement (and empty stay).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_FLOOR, Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from voucherlib.core.citation import Citation
from voucherlib.core.collector import no_cycle_collection
from voucherlib.core.errors import VoucherError
from voucherlib.core.money import ZERO, gel_from_tetri, subtract, to_tetri, total
from voucherlib.core.month import as_date
from voucherlib.core.ruleset import RuleSet
from voucherlib.core.working_calendar import WorkingCalendar
from voucherlib.input.cells import same_id
from voucherlib.input.plain_csv import PlainColumns
from voucherlib.input.table import Columns, _kept, _shown, typed_rows
from voucherlib.reports.audit import AuditLine, Verdict, _audit_line, line_verdict
from voucherlib.reports.findings import Finding, Findings, double_billing, line_findings, overlapping_stays
from voucherlib.rules.submission import Settlement, settle
from voucherlib.rules.youth_voucher import VoucherMonth, voucher_month

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
            encoded = cells.combine_chunks().dictionary_encode(null_encoding="encode")  # an empty XLSX cell: None
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
    id_ok = pc.fill_null(pc.match_substring_regex(ids, _ID_TEXT), False).to_numpy(zero_copy_only=False)
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
    where = table.where
    for k, i in enumerate(at.tolist()):
        row = next(typed_rows([(where[i], {name: cells[k] for name, cells in taken.items()})], columns))
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
        self.where = plain.row_numbers()
        self.cols = cols
        self.verdict = verdict
        self.slow_rows = slow
        self.slow: dict[int, AuditLine] = {}
        self.amount = amount
        self.payable = payable
        self.claimed = claimed
        self.citation = citation
        self.context: tuple[Any, ...] = ()
        self.groups: tuple[list[int], list[int], list[int], list[int]] | None = None

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
        """Every line, as the line-by-line audit makes it, made from the columns: each distinct
        voucher-month (month, stay, status) computed once by :func:`voucher_month`, each distinct
        (month, submission day, amount) settled once by :func:`settle` and its terms given to the
        other voucher-months that share them, each distinct (claim, settlement) given its verdict
        once by the very code of the line-by-line audit."""
        with no_cycle_collection():
            return tuple(self._lines())

    def _groups(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Each row's voucher-month group (month, enrolled, discharged, status), settlement group
        (month, submission day, amount), (voucher-month, settlement) pair and (claim, settlement) group."""
        c = self.cols
        vm = _group(*(c[name].codes for name in ("month", "enrolled_on", "discharged_on", "disability")))
        settled = _group(c["month"].codes, c["submitted_on"].codes, self.amount)
        pair = _group(vm, settled)
        judged = _group(c["claimed"].codes, settled)
        return vm.tolist(), settled.tolist(), pair.tolist(), judged.tolist()

    def _lines(self) -> Iterator[AuditLine]:
        submitted_on, calendar, rules, tolerance, raw_columns, _ = self.context
        ids = [same_id(v) if isinstance(v, str) else v for v in raw_columns["beneficiary_id"].to_pylist()]
        texts = {name: _texts(raw_columns.get(name), name, self.rows) for name in ("name", "provider")}
        names, providers = texts["name"], texts["provider"]
        c = self.cols
        month_of, enrolled_of, discharged_of = c["month"].values, c["enrolled_on"].values, c["discharged_on"].values
        flag_of, submitted_of, claimed_of = c["disability"].values, c["submitted_on"].values, c["claimed"].values
        month_texts = [str(v) for v in month_of]
        codes = [c[name].codes.tolist() for name in ("month", "enrolled_on", "discharged_on", "disability")]
        submitted_codes, claimed_codes = c["submitted_on"].codes.tolist(), c["claimed"].codes.tolist()
        groups = self.groups = self._groups()
        months: list[VoucherMonth | None] = [None] * self.rows
        settled: list[tuple[Settlement, tuple[Any, ...]] | None] = [None] * self.rows
        pairs: list[Settlement | None] = [None] * self.rows
        verdicts: list[tuple[Verdict, str, Decimal] | None] = [None] * self.rows
        slow = self.slow
        where = self.where
        for i, (is_slow, g_vm, g_settled, g_pair, g_judged) in enumerate(
            zip(self.slow_rows.tolist(), *groups, strict=True)
        ):
            if is_slow:
                yield slow[i]
                continue
            m = codes[0][i]
            s = pairs[g_pair]
            if s is None:
                vm = months[g_vm]
                if vm is None:
                    vm = months[g_vm] = voucher_month(
                        month_of[m], enrolled_on=enrolled_of[codes[1][i]], discharged_on=discharged_of[codes[2][i]],
                        disability=flag_of[codes[3][i]], rules=rules,
                    )  # fmt: skip
                first = settled[g_settled]
                if first is None:
                    submitted = submitted_of[submitted_codes[i]]
                    when = submitted if submitted is not None else submitted_on
                    one = settle(vm, submitted_on=when, calendar=calendar)
                    first = settled[g_settled] = (one, _settlement_terms(one))
                # the terms of a settlement of the same month, submission day and amount (the same amount checked)
                s = pairs[g_pair] = first[0] if first[0].voucher is vm else _settlement(vm, first[1])
            judged = verdicts[g_judged]
            claimed = claimed_of[claimed_codes[i]]
            if judged is None:
                first = settled[g_settled]
                assert first is not None
                judged = verdicts[g_judged] = line_verdict(claimed, first[0].amount, tolerance, first[0])
            verdict, reason, difference = judged
            yield AuditLine(
                where[i], ids[i], names[i], month_texts[m], claimed, s.amount, s.payable, difference, verdict, reason,
                s, provider=providers[i], tolerance=tolerance,
            )  # fmt: skip

    def findings(self, lines: Sequence[AuditLine], tolerance: Decimal) -> Findings:
        """The findings :func:`~voucherlib.reports.findings.find` gives: across the lines, then
        line by line, a line's own findings made once per (claim, settlement, stay) and given to
        every line that shares them, with its row and id."""
        with no_cycle_collection():
            found = [*double_billing(lines, self.citation), *overlapping_stays(lines)]
            groups = self.groups
            if groups is None:  # pragma: no cover - the lines are made first
                groups = self.groups = self._groups()
            made: dict[tuple[int, int], tuple[Finding, ...]] = {}
            for ln, is_slow, g_vm, g_judged in zip(lines, self.slow_rows.tolist(), groups[0], groups[3], strict=True):
                if is_slow:
                    found.extend(line_findings(ln, tolerance, self.citation))
                    continue
                # a line's own findings hang on its claim and settlement, and on its stay only when it has no day
                key = (g_judged, g_vm if ln.settlement is not None and ln.settlement.voucher.service_days == 0 else -1)
                own = made.get(key)
                if own is None:
                    own = made[key] = tuple(line_findings(ln, tolerance, self.citation))
                    found.extend(own)
                    continue
                one = (ln.row,)
                ident = ln.beneficiary_id
                found.extend(
                    Finding(f.code, f.severity, one, ident, f.month, f.amount, f.citation, f.decision, f.fields, f.part)
                    for f in own
                )
            return Findings(found)


def _texts(cells: Any, name: str, rows: int) -> list[str]:
    """Each row's cell as text for showing (as ``Row.text`` gives it), each distinct cell shown once."""
    if cells is None:
        return [_shown(None, name)] * rows
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
    return Settlement(vm, *terms)


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
