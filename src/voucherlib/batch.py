"""The batch engine: settle a whole table of Annex 2.12 voucher-months at once, exactly.

``settle_frame(frame)`` takes a table with the columns ``month, enrolled_on, discharged_on,
disability, submitted_on`` (a pandas or Polars DataFrame, a pyarrow Table, or a mapping of
equal-length columns) and returns a pandas DataFrame with, per row, ``service_days,
amount_tetri, late_working_days, deduction_tetri, payable_tetri`` (int64, exact integer tetri),
``funded`` (bool), ``status`` (``paid``, ``deducted``, ``not_funded`` or ``invalid``) and
``reason`` (None, or why the row could not be settled). Every row comes back, in order; a bad
row never stops the batch.

It gives the same answer as ``settle(voucher_month(...))`` row by row (a text disability cell,
``yes``/``no`` or periods ``FROM..TO``, read first as a voucher file's is), and reads the same rule
set: for each month of the batch it asks the rule set for the rates, the deadline and the
penalty (so no value is restated here), then applies them to all rows with numpy in integer
tetri; rows with disability status periods too. A row the fast path cannot take exactly (a
value the date policy refuses, a rate that changes inside the month or is not a whole number
of tetri, a month with no rule in force, a submission more than a year after its deadline, a
status period given in an unusual form) is settled by the one-at-a-time API itself, so both
paths agree by construction on every row.

Requires numpy, and pandas for the result: ``pip install 'voucherlib[batch]'``; pyarrow or
Polars input needs ``voucherlib[arrow]`` or ``voucherlib[polars]``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial
from typing import TYPE_CHECKING, Any

try:
    import numpy as np
    import numpy.typing as npt
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    from voucherlib.core.errors import MissingExtra

    raise MissingExtra("batch", "numpy", "batch") from exc

from voucherlib.core.errors import FileRefused, InvalidInput, MissingExtra, VoucherError, expected
from voucherlib.core.frozen import frozen_array
from voucherlib.core.money import check_float_width, exact_tetri, gel_from_tetri_cells, to_tetri
from voucherlib.core.month import Month, as_flag
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.core.working_calendar import FIRST_YEAR, LAST_YEAR, WorkingCalendar, resolve_calendar
from voucherlib.input.cells import (
    DateKinds,
    date_written,
    day_first_periods,
    quoted_as_written,
    with_date_advice,
)
from voucherlib.input.cells import date as date_cell
from voucherlib.input.cells import disability as disability_cell
from voucherlib.input.cells import flag as flag_cell
from voucherlib.input.cells import month as month_cell
from voucherlib.input.columns import (
    EMPTY,
    DayColumn,
    FlatPeriods,
    cell,
    cells_at,
    day_first_cells,
    disability_texts,
    flatten_periods,
    is_arrow_text,
    noted_period_cells,
    read_flags,
    read_months,
    refused_in_its_row,
    scalar_value,
    table_columns,
)
from voucherlib.input.columns import read_days as read_day_column
from voucherlib.input.files import HeaderWords, header_again
from voucherlib.input.headers import aliases
from voucherlib.rules.submission import MAX_YEARS_LATE, _month_terms, settle_typed
from voucherlib.rules.youth_voucher import (
    RATE_WITH_DISABILITY,
    RATE_WITHOUT_DISABILITY,
    discharged_before_enrolment_texts,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["INPUT_COLUMNS", "OUTPUT_COLUMNS", "STATUSES", "settle_arrays", "settle_frame", "tetri_to_gel"]

INPUT_COLUMNS = ("month", "enrolled_on", "discharged_on", "disability", "submitted_on")
"""The columns :func:`settle_frame` reads (``enrolled_on`` and ``discharged_on`` may be empty)."""
OUTPUT_COLUMNS = (
    "service_days",
    "amount_tetri",
    "late_working_days",
    "deduction_tetri",
    "payable_tetri",
    "funded",
    "status",
    "reason",
)
"""The columns :func:`settle_frame` returns, money in whole tetri."""
STATUSES = ("paid", "deducted", "not_funded", "invalid")
"""The ``status`` of a row: paid in full (late or not, nothing deducted); paid less a deduction for late working days; not
funded (the document came more than the maximum working days late: a rejection); invalid (the
row could not be settled, ``reason`` says why). Codes 0 to 3 in :func:`settle_arrays`."""
PAID, DEDUCTED, NOT_FUNDED, INVALID = range(4)
_OPTIONAL = {"enrolled_on": True, "discharged_on": True, "month": False, "submitted_on": False}
_FAST_LATE_HORIZON_DAYS = 366
_MIN_MONTH, _MAX_MONTH = (1 - 1970) * 12, (9998 - 1970) * 12 + 11  # Month's own range: years 1 to 9998
_EPOCH_ORDINAL = 719_163
"""(1970-01-01's proleptic ordinal: a day number plus it is the day's ordinal.)"""
_CALENDAR_FIRST_DAY = dt.date(FIRST_YEAR, 1, 1).toordinal() - _EPOCH_ORDINAL
_CALENDAR_LAST_DAY = dt.date(LAST_YEAR, 12, 31).toordinal() - _EPOCH_ORDINAL
_MAX_MONTH_SPAN = 12 * 200
"""A batch may span 200 years of service months: the per-month table stays small."""
_MAX_PERIODS_FAST = 28
"""Rows with more status periods than the shortest month has days go one at a time (which refuses
more than the month's days)."""

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]


# ---------------------------------------------------------------- the rule set, per month


@dataclass(frozen=True, slots=True)
class _MonthPlan:
    """What the rule set says for one service month, ready for integer arithmetic."""

    deadline: int
    """Day number (days since 1970-01-01)."""
    rate_with: int
    rate_without: int
    deduction_bp: int
    """Basis points of the amount deducted per late working day (10% = 1,000)."""
    max_late: int


def _plan(month: Month, calendar: WorkingCalendar, rules: RuleSet) -> _MonthPlan | None:
    """The month's rule values, or None when its rows must take the one-at-a-time path."""
    try:
        terms, _, deadline = _month_terms(month, calendar, rules)
        rates = []
        for key in (RATE_WITH_DISABILITY, RATE_WITHOUT_DISABILITY):
            runs = rules.segments(key, month.first_day, month.last_day)
            if len(runs) != 1:
                return None  # the rate changes inside the month
            rates.append(exact_tetri(runs[0][2].decimal))
    except VoucherError:  # no rule in force, or a month the rules cannot place: the rows say why
        return None
    bp = exact_tetri(terms.deduction_per_working_day)
    rate_with, rate_without = rates
    if rate_with is None or rate_without is None or bp is None:
        return None
    return _MonthPlan(_day_number(deadline), rate_with, rate_without, bp, terms.max_late_working_days)


def _day_number(day: dt.date) -> int:
    return day.toordinal() - _EPOCH_ORDINAL


@dataclass(frozen=True, slots=True)
class _Tables:
    """Everything the engine needs about the months ``mmin..mmax`` (months since 1970-01), as
    read-only arrays indexed by ``month - mmin``; built once per rule set, calendar and span."""

    first: Int32Array
    last: Int32Array
    has_plan: BoolArray
    deadline_cum: Int32Array
    """Working days from ``lo`` to the month's deadline (so late = cum[submitted] - this)."""
    rate_with: IntArray
    rate_without: IntArray
    deduction_bp: IntArray
    max_late: IntArray
    latest: Int32Array
    """The last submission day the table counts for the month: the table's last day, or the last
    day of the month's year plus MAX_YEARS_LATE (D19) when earlier (later ones go one at a time)."""
    uniform: tuple[int, int, int, int] | None
    """(rate_with, rate_without, deduction_bp, max_late) when every planned month has the same."""
    narrow: bool
    """Every amount x 10,000 fits an int32 (the money arithmetic may use int32)."""
    clamp: bool
    """Some month's deduction per day x maximum days passes 100%."""
    lo: int
    hi: int
    cum: Int32Array


def _tables(mmin: int, mmax: int, cal: WorkingCalendar, rules: RuleSet) -> _Tables:
    # Read-only arrays in a frozen record: safe to share with every later call and thread.
    return rules._derived(("voucherlib.batch.tables", cal, mmin, mmax), lambda: _build_tables(mmin, mmax, cal, rules))


def _build_tables(mmin: int, mmax: int, cal: WorkingCalendar, rules: RuleSet) -> _Tables:
    ids = np.arange(mmin, mmax + 1, dtype=np.int64)
    plans = [
        _plan(Month(1970 + i // 12, i % 12 + 1), cal, rules) if _MIN_MONTH <= i <= _MAX_MONTH else None
        for i in ids.tolist()
    ]
    first = ids.astype("datetime64[M]").astype("datetime64[D]").view(np.int64)
    last = (ids + 1).astype("datetime64[M]").astype("datetime64[D]").view(np.int64) - 1
    has_plan = np.array([p is not None for p in plans], dtype=bool)

    def column(attr: str) -> IntArray:
        return np.array([int(getattr(p, attr)) if p is not None else 0 for p in plans], dtype=np.int64)

    # A month without a plan takes its first day as a stand-in deadline; its rows are slow anyway.
    deadline = np.where(has_plan, column("deadline"), first)
    # The working-day table spans the months and a year past their last deadline, inside the
    # years the calendar knows (D26); a month or a submission outside goes one at a time.
    lo = max(int(first.min()), _CALENDAR_FIRST_DAY)
    hi = min(int(deadline.max()) + _FAST_LATE_HORIZON_DAYS, _CALENDAR_LAST_DAY)
    hi = _counted_until(cal, lo, hi)
    if lo > hi:
        lo = hi = _CALENDAR_FIRST_DAY
        has_plan[:] = False
    has_plan &= (first >= lo) & (deadline <= hi)
    deadline = np.where(has_plan, deadline, lo)
    cum = _cumulative_working_days(cal, lo, hi)
    values = [column(a) for a in ("rate_with", "rate_without", "deduction_bp", "max_late")]
    planned = [v[has_plan] for v in values]
    uniform = None
    if has_plan.any() and all(v.min() == v.max() for v in planned):
        uniform = (int(planned[0][0]), int(planned[1][0]), int(planned[2][0]), int(planned[3][0]))
    top_rate = max(int(values[0].max()), int(values[1].max()), 0)
    narrow = (top_rate * 31 + 1) * 10_000 < 2**31 and int(values[2].max()) < 2**15
    clamp = bool((values[2] * values[3] > 10_000).any())
    cum32 = cum.astype(np.int32)
    arrays: list[npt.NDArray[Any]] = [first.astype(np.int32), last.astype(np.int32), has_plan, cum32[deadline - lo]]
    arrays += values
    # D19: a submission more than MAX_YEARS_LATE years after its month's year is refused one at a
    # time, however far the table reaches (review 218 F1: a month ten years later in the same batch
    # stretched the table, and such a row was counted 2,513 working days late, not refused)
    years = ids // 12 + 1970
    latest = (years + (MAX_YEARS_LATE + 1 - 1970)).astype("datetime64[Y]").astype("datetime64[D]").view(np.int64) - 1
    arrays.append(np.minimum(latest, hi).astype(np.int32))
    # shared by every later call: never to be changed, nor made writable again (review 119)
    arrays = [frozen_array(a) for a in arrays]
    cum32 = frozen_array(cum32)
    return _Tables(
        first=arrays[0],
        last=arrays[1],
        has_plan=arrays[2],
        deadline_cum=arrays[3],
        rate_with=arrays[4],
        rate_without=arrays[5],
        deduction_bp=arrays[6],
        max_late=arrays[7],
        latest=arrays[8],
        uniform=uniform,
        narrow=narrow,
        clamp=clamp,
        lo=lo,
        hi=hi,
        cum=cum32,
    )


def _counted_until(cal: WorkingCalendar, lo: int, hi: int) -> int:
    """``hi``, or the last day before the first year of ``lo..hi`` the calendar refuses (a
    ``holidays`` package whose days of that year are not those this release checked): the table
    stops there, and a row that reaches that year (its deadline, its submission) goes one at a time,
    which makes it invalid with the refusal. Review 215 F4: the table's look-ahead of a year refused
    every row of a file for a later year none of its rows counted (an October 2021 file, when only
    2022's days differed), where the rows one at a time were paid."""
    if hi < lo:  # (months before the calendar's years: no table)
        return hi
    for year in range(_date(lo).year, _date(hi).year + 1):
        try:
            cal.days_off(year)
            cal.weekend_working_days(year)
        except VoucherError:
            return _day_number(dt.date(year, 1, 1)) - 1
    return hi


def _cumulative_working_days(cal: WorkingCalendar, lo: int, hi: int) -> IntArray:
    """cum[i] = working days in (lo, lo + i], day numbers: so late days = cum[submitted] - cum[deadline]."""
    first, last = np.datetime64(lo, "D"), np.datetime64(hi, "D")
    y0, y1 = first.astype(dt.date).year, last.astype(dt.date).year
    offs = [d for y in range(y0, y1 + 1) for d in cal.days_off(y)]
    worked = [d for y in range(y0, y1 + 1) for d in cal.weekend_working_days(y)]
    span = np.arange(first, last + 1, dtype="datetime64[D]")
    working = np.is_busday(span, weekmask="1111100", holidays=np.array(offs, dtype="datetime64[D]"))
    if worked:
        working |= np.isin(span, np.array(worked, dtype="datetime64[D]"))
    cum: IntArray = np.cumsum(working, dtype=np.int64)
    cum -= cum[0]
    return cum


# ---------------------------------------------------------------- the engine


def _or(*masks: BoolArray | None) -> BoolArray | None:
    out = None
    for mask in masks:
        if mask is not None:
            out = mask.copy() if out is None else out | mask
    return out


def settle_arrays(
    month: Any,
    enrolled_on: Any,
    discharged_on: Any,
    disability: Any,
    submitted_on: Any,
    *,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    count_discharge_day: bool = True,
    day_first: bool = False,
) -> dict[str, Any]:
    """Settle columns given as arrays or sequences; returns the output columns as numpy arrays.

    ``status`` is int8 codes into :data:`STATUSES`; ``reason`` is a dict ``{row: reason}`` of
    the rows that could not be settled (the other columns hold zeros and ``funded=False`` for
    them). When some rows' status periods were counted by the engine itself, ``status_days`` is
    (those rows, their days with disability status, D2); an Arrow column's cell that equals a
    flag (no period, or one open at both ends) is settled as that flag, and its row is not among
    them.

    ``month`` may be ``datetime64`` or any values :class:`~voucherlib.Month` accepts; the date
    columns ``datetime64`` (NaT = none), dates, ISO strings or None, or Arrow arrays;
    ``disability`` bools, or per row a list of status periods ``(start, end)``. ``day_first`` as
    for :func:`settle_frame`.
    """
    cal = resolve_calendar(calendar)
    ruleset = resolve_rules(rules)
    count_discharge_day = as_flag(count_discharge_day, "count_discharge_day")  # (review 158 F6: numpy's too)
    day_first = as_flag(day_first, "day_first")
    given = {"month": month, "enrolled_on": enrolled_on, "discharged_on": discharged_on}
    given |= {"disability": disability, "submitted_on": submitted_on}
    # (read as a mapping of columns is: each checked to be a column, a Series by position)
    columns, _, n = table_columns(given, INPUT_COLUMNS)
    return _settle(columns, n, cal, ruleset, count_discharge_day, day_first, headed=False)


def _settle(
    columns: dict[str, Any],
    n: int,
    cal: WorkingCalendar,
    rules: RuleSet,
    count_discharge_day: bool,
    day_first: bool = False,
    headed: bool = True,
) -> dict[str, Any]:
    """``headed``: the columns are a table's under its header (a frame's labels, a mapping's
    keys); False for columns handed over by position (:func:`settle_arrays`), which a row that
    repeats a header cannot be compared with (review 215 F5)."""
    kinds = DateKinds()  # date cells beside text that can only be day first refuse the table (D35)
    try:
        (months, bad_month), enrolled, discharged, submitted = _read_dates(columns, n, day_first, kinds)
    except FileRefused as error:
        raise refused_in_its_row(error, columns) from None
    flags, not_flag, flag_cells = read_flags(columns["disability"])
    periods = _read_status_periods(not_flag, flag_cells, day_first, kinds)
    # Day numbers, int32 (half the memory traffic of int64). An empty cell is EMPTY, the smallest
    # int32: an empty enrolment is before every month as it is; an empty submission is refused.
    e, d, s = enrolled.days, discharged.days, submitted.days
    slow = _or(bad_month, enrolled.bad, discharged.bad, submitted.bad, s == EMPTY)
    assert slow is not None
    # a header repeated below the header (two tables joined): its month is no month (review 211 F1)
    again = {} if bad_month is None else _headers_again(columns, np.flatnonzero(bad_month), headed)

    # One table per month from the first to the last month of the batch (a table, not a sort).
    good = months if bad_month is None else months[~bad_month]
    mmin = int(good.min()) if good.size else 0
    mmax = int(good.max()) if good.size else 0
    if mmax - mmin > _MAX_MONTH_SPAN:  # months centuries apart: every row one at a time
        slow[:] = True
        mmax = mmin
    m = months - mmin
    if bad_month is not None or slow.all():
        m = np.where(slow, 0, m)
    t = _tables(mmin, mmax, cal, rules)
    if not t.has_plan.all():
        slow |= ~t.has_plan.take(m)
    first = t.first.take(m)  # (take: the same as indexing by an integer array, about twice as fast)

    # An empty discharge is "not discharged": EMPTY - 1 wraps round to the largest int32, after
    # every month (numpy's integer arithmetic wraps; this is the one place that relies on it).
    not_discharged = d == EMPTY
    last_counted = d - 1 if not count_discharge_day else d - not_discharged
    # Checks the one-at-a-time path makes: those rows go there, to carry its exact error; a stay
    # that ends before it begins is refused here, with the same words (it is checked before the
    # flags, the rules and the submission date, so nothing else can change the reason).
    reversed_stay = (d < e) & ~not_discharged
    refused: dict[int, str] = {}
    if reversed_stay.any():
        readable = _or(bad_month, enrolled.bad, discharged.bad)
        rows = np.flatnonzero(reversed_stay if readable is None else reversed_stay & ~readable)
        starts, ends = list(map(_date, e[rows].tolist())), list(map(_date, d[rows].tolist()))
        # read day first, the dates quoted as their cells write them (review 85), here too (review
        # 88: one at a time, 100,000 such rows took 5 s)
        written = (
            (_written(columns["enrolled_on"], rows, starts), _written(columns["discharged_on"], rows, ends))
            if day_first
            else None
        )
        texts = discharged_before_enrolment_texts(starts, ends, written)
        refused = dict(zip(rows.tolist(), texts, strict=True))
        slow |= reversed_stay
    refused.update(again)  # (rows whose month did not read: none of them a reversed stay's)
    slow |= s < first  # D10
    slow |= s > t.latest.take(m)  # past the table, or D19's years: one at a time

    # D1: service days (no enrolment date: before the month; no discharge: after it).
    start = np.maximum(e, first)
    end = np.minimum(last_counted, t.last.take(m))
    days = end - start
    days += 1
    np.maximum(days, 0, out=days)

    # D7: late working days from the cumulative working-day table.
    at = s - t.lo
    np.maximum(at, 0, out=at)  # a slow row's date may be anywhere: keep the look-up inside the table
    np.minimum(at, t.hi - t.lo, out=at)
    late = t.cum.take(at)
    late -= t.deadline_cum.take(m)
    np.maximum(late, 0, out=late)

    # R1: amount in tetri; D8: linear deduction, half up to the tetri; past the maximum, not funded.
    money = np.int32 if t.narrow else np.int64
    if t.uniform is not None:
        rate_with, rate_without, bp, max_late = t.uniform
        rate = np.multiply(flags, rate_with - rate_without, dtype=money)
        rate += rate_without
        funded = late <= max_late
        kept = np.multiply(late, -bp, dtype=money)
    else:
        rate = np.where(flags, t.rate_with.take(m), t.rate_without.take(m)).astype(money)
        funded = late <= t.max_late.take(m)
        kept = np.multiply(late, -t.deduction_bp.take(m), dtype=money)
    amount = np.multiply(rate, days, dtype=money)
    status_days: tuple[IntArray, IntArray] | None = None
    if not_flag is not None:
        if periods is not None:
            status_days = _status_periods(amount, slow, not_flag, periods[0], periods[1], start, end, m, t)
        # what is left: cells that are no flag and no plain list of periods, and the missing
        # cells of a typed boolean column (refused one at a time, with their own words)
        slow |= not_flag
    kept += 10_000
    if t.clamp:  # a rule set whose percent x days can pass 100% deducts all, never more
        np.maximum(kept, 0, out=kept)
    payable = kept  # (amount x kept + 5,000) // 10,000, computed in place
    payable *= amount
    payable += 5_000
    payable //= 10_000
    payable *= funded  # not funded: nothing (a late row's product may have wrapped: it is dropped here)
    # 0 paid (in full: late or not, nothing deducted from it: review 193 F4), 1 deducted, 2 not funded
    status = ((payable != amount) | ~funded).view(np.int8) + (~funded).view(np.int8)

    out: dict[str, Any] = {
        "service_days": days.astype(np.int64),
        "amount_tetri": amount.astype(np.int64),
        "late_working_days": late.astype(np.int64),
        "deduction_tetri": (amount - payable).astype(np.int64),
        "payable_tetri": payable.astype(np.int64),
        "funded": funded,
        "status": status,
        "reason": {},
    }
    if status_days is not None:
        out["status_days"] = status_days
    if refused:  # (their columns set at once; their reasons below, in row order)
        _invalid(out, np.fromiter(refused, dtype=np.intp, count=len(refused)), None)
    reasons = out["reason"]
    for i in np.flatnonzero(slow).tolist():
        if i in refused:
            reasons[i] = refused[i]
        else:
            _settle_one(out, i, columns, cal, rules, count_discharge_day, day_first)
    return out


def _headers_again(columns: dict[str, Any], rows: IntArray, headed: bool = True) -> dict[int, str]:
    """The reason of each of ``rows`` that repeats the header in its columns' places (a table's
    rows counted from 0); a :class:`FileRefused` for one that repeats it with columns in other
    places (:func:`~voucherlib.input.files.header_again`; ``headed`` as for :func:`_settle`)."""
    taken = {name: cells_at(column, rows) for name, column in columns.items()}
    words = _frame_header_words()
    out: dict[int, str] = {}
    for k, i in enumerate(rows.tolist()):
        said = header_again({name: cells[k] for name, cells in taken.items()}, i, words, headed=headed)
        if said is not None:
            out[i] = said
    return out


@cache
def _frame_header_words() -> HeaderWords:
    """The header words of the columns :func:`settle_frame` reads (made once), counted as a file's
    with its id column, which a file reads and a frame may hold: a row of a few headings is then
    said in the same words on both paths (review 221 F3: ``,,discharged_on,enrolled_on,,submitted_on``
    was a small table in a file and a moved header in a frame)."""
    return HeaderWords.of((*INPUT_COLUMNS, "beneficiary_id"), INPUT_COLUMNS, aliases(list(INPUT_COLUMNS)))


_PARALLEL_ROWS = 65_536
_POOL: list[tuple[int, ThreadPoolExecutor]] = []


def _read_dates(
    columns: dict[str, Any], n: int, day_first: bool = False, kinds: DateKinds | None = None
) -> tuple[tuple[IntArray, BoolArray | None], DayColumn, DayColumn, DayColumn]:
    """The month and the three date columns, read (their texts day first when told, D35; the
    kinds of date they hold noted in ``kinds``, which refuses a table of both). The
    columns of a large table that numpy or Arrow read without holding the GIL (datetime64, Arrow
    text) are read two at a time: the enrolment and discharge columns in the engine's threads
    while this one reads the month and the submission (so the cores share the work); anything
    else is read in this thread."""
    names = ("enrolled_on", "discharged_on", "submitted_on")

    def read_days(name: str) -> DayColumn:
        return read_day_column(columns[name], name if day_first else None, name=name, kinds=kinds)

    def months() -> tuple[IntArray, BoolArray | None]:
        return read_months(columns["month"], "month" if day_first else None, name="month", kinds=kinds)

    native = sum(_reads_without_gil(columns[name]) for name in ("month", *names))
    if n >= _PARALLEL_ROWS and native >= 2 and (os.cpu_count() or 1) >= 2:
        days: list[Future[DayColumn]] = []
        try:
            pool = _pool()
            for name in names[:2]:
                days.append(pool.submit(read_days, name))
        except RuntimeError:  # no thread to be had (at the interpreter's shutdown, at the thread limit)
            # Read below instead (the reading changes nothing). The work handed over is dropped: the
            # futures made are cancelled, and the pool, whose queue may hold the item of the failed
            # submit, is let go (a new one is made on the next use).
            for handed in days:
                handed.cancel()
            _POOL.clear()
        else:
            try:
                month = months()
            except FileRefused:  # the first column's refusal: the others' work waited for, unsaid
                for handed in days:
                    handed.exception()
                raise
            try:
                submitted = read_days("submitted_on")
            except FileRefused:  # the refusal of an earlier column first, as when read in turn
                for handed in days:
                    handed.result()
                raise
            return month, days[0].result(), days[1].result(), submitted
    return months(), *(read_days(name) for name in names)  # type: ignore[return-value]


def _reads_without_gil(column: Any) -> bool:
    """Whether ``column`` is read by numpy or Arrow kernels that let go of the GIL."""
    return is_arrow_text(column) or (isinstance(column, np.ndarray) and column.dtype.kind == "M")


def _pool() -> ThreadPoolExecutor:
    """The engine's threads, made on first use; anew in a forked child (whose copy of the
    parent's pool has no threads, so work handed to it would never run)."""
    if not _POOL or _POOL[0][0] != os.getpid():
        workers = min(4, os.cpu_count() or 2)
        _POOL[:] = [(os.getpid(), ThreadPoolExecutor(max_workers=workers, thread_name_prefix="voucherlib"))]
    return _POOL[0][1]


def _date(day: int) -> dt.date:
    return dt.date.fromordinal(day + _EPOCH_ORDINAL)


def _invalid(out: dict[str, Any], i: int | IntArray, reason: str | None) -> None:
    """Row ``i`` (or the rows of an index array) not settled: nothing in any amount, status
    ``invalid``, and ``reason`` its reason (None: the caller gives each row's)."""
    for name in ("service_days", "amount_tetri", "late_working_days", "deduction_tetri", "payable_tetri"):
        out[name][i] = 0
    out["funded"][i] = False
    out["status"][i] = INVALID
    if reason is not None:
        out["reason"][i] = reason


def _read_status_periods(
    not_flag: BoolArray | None,
    cells: npt.NDArray[Any] | FlatPeriods | None,
    day_first: bool = False,
    kinds: DateKinds | None = None,
) -> tuple[IntArray, Any] | None:
    """The status periods of the rows whose cell is no flag: (those rows, their periods as
    :func:`~voucherlib.input.columns.flatten_periods` gives them; their texts read day first
    when told, and their ends noted in ``kinds``, D35)."""
    if not_flag is None or cells is None:
        return None
    if isinstance(cells, FlatPeriods):  # an Arrow column of periods, read
        return cells.rows, (cells.row, cells.start, cells.end, cells.slow)
    rows = np.flatnonzero(not_flag)
    periods = cells[rows].tolist()
    if day_first:
        periods = day_first_cells(periods, rows, "disability", kinds)
    # text as a file writes it (yes, no, FROM..TO), read only when there is some
    flat = flatten_periods(periods, partial(disability_texts, rows=rows, day_first=day_first, kinds=kinds))
    if kinds is not None and not day_first:
        # periods given in code with text ends (no ISO day: they go one at a time) are noted too,
        # as their reading day first notes them (D35; review 118: 600.00 was paid for 520.00)
        slow = np.flatnonzero(flat[3])
        noted_period_cells([periods[k] for k in slow.tolist()], rows[slow], "disability", kinds)
    return rows, flat


def _status_periods(
    amount: IntArray,
    slow: BoolArray,
    not_flag: BoolArray,
    rows: IntArray,
    found: tuple[IntArray, IntArray, IntArray, BoolArray],
    start: IntArray,
    end: IntArray,
    m: IntArray,
    t: _Tables,
) -> tuple[IntArray, IntArray] | None:
    """The amounts of the rows whose disability is a list of status periods (D2), in place, and
    (those rows, their days with status) for the rows settled here.

    The days with status are the union of the periods clipped to the row's service days; the
    rest are without. The service days lie in one month (at most 31 days), so each clipped
    period is a bit mask over them (bit k: the k-th service day), a row's union is the OR of
    its periods' masks, and its days with status the bits set. Rows whose periods are not
    plain (start, end) pairs go one at a time, and so do rows that go there for another reason."""
    owner, p_start, p_end, bad = found
    if not rows.size:
        return None
    counts = np.bincount(owner, minlength=rows.size)
    bad |= counts > _MAX_PERIODS_FAST
    bad |= slow.take(rows)
    if bad.all():
        return None  # the rows stay slow (they are in not_flag)
    first, last = start.take(rows), end.take(rows)
    row_first = first.take(owner).astype(np.int64)
    # The period's service days as bits lo .. hi - 1 (hi one past its last day), 2**hi - 2**lo:
    # a period of no day (hi <= lo) gives a number <= 0, which sets no bit. The service days are
    # at most 31, so a fast row's lo and hi lie in 0..32 after clipping as before; a slow row's
    # days may be anything: the clip keeps its shifts inside 64 bits (its result is not used).
    lo = np.maximum(p_start, row_first)
    lo -= row_first
    np.clip(lo, 0, 32, out=lo)
    hi = np.minimum(p_end, last.take(owner))
    hi -= row_first
    hi += 1
    np.clip(hi, 0, 32, out=hi)
    bits = np.left_shift(1, hi)
    bits -= np.left_shift(1, lo)
    np.maximum(bits, 0, out=bits)
    has = counts > 0
    at = np.cumsum(counts) - counts  # periods come in row order: each row's first period
    if has.all():
        union = np.bitwise_or.reduceat(bits, at)
    else:
        union = np.zeros(rows.size, dtype=np.int64)
        if has.any():
            union[has] = np.bitwise_or.reduceat(bits, at[has])
    fast = ~bad
    took = rows[fast]
    with_days = _bits_set(union[fast])
    # amount holds days x the rate without disability (the cell is no flag): add the difference
    # for the days with status (R1, D2).
    more: Any = t.uniform[0] - t.uniform[1] if t.uniform is not None else t.rate_with[m[took]] - t.rate_without[m[took]]
    amount[took] += with_days * more
    not_flag[took] = False  # settled here
    return took, with_days


def _read_day_first(value: dict[str, Any]) -> dict[str, Any]:
    """A row's cells with their texts written day first read as dates (D35), each as a file's
    cell is read (:func:`voucherlib.input.cells.date`), in a file's order: the month first (as
    :func:`~voucherlib.voucher_month` reads it, or as a file's month cell when it is text), then
    the dates and the status periods."""
    read = dict(value)
    if isinstance(value["month"], str):
        read["month"] = month_cell(value["month"], "month", day_first=True)  # 01.04.2022: April 2022
    else:
        Month.of(value["month"])
    for name in ("enrolled_on", "discharged_on", "disability", "submitted_on"):
        if name == "disability":
            read[name] = day_first_periods(value[name], name)
        elif isinstance(value[name], str):
            read[name] = date_cell(value[name], name, day_first=True)
    return read


def _bits_set(masks: IntArray) -> IntArray:
    """The number of bits set in each of ``masks`` (non-negative, below 2**32)."""
    count = getattr(np, "bitwise_count", None)  # numpy 2
    if count is not None:
        out: IntArray = count(masks).astype(np.int64)
        return out
    bits = np.unpackbits(masks.astype("<u4").view(np.uint8)).reshape(-1, 32)  # numpy 1 (tested)
    out = bits.sum(axis=1, dtype=np.int64)
    return out


def _written(column: Any, rows: IntArray, days: list[dt.date]) -> list[str | None]:
    """Each of ``rows``' cell of a date ``column`` as :func:`~voucherlib.input.cells.quoted_as_written`
    quotes it: its text without its blanks where that is not the date's ISO text and holds digits
    and separators alone, else None (the ISO text)."""
    given = cells_at(column, rows)
    shown: dict[tuple[Any, dt.date], str | None] = {}  # (each distinct cell and day once)
    out: list[str | None] = []
    for value, day in zip(given, days, strict=True):
        key = (value if type(value) is str else None, day)
        said = shown.get(key, _UNSEEN)
        if said is _UNSEEN:
            text = date_written(value, day)
            said = shown[key] = text if text is not None and _DATE_CHARACTERS.fullmatch(text) else None
        out.append(said)  # type: ignore[arg-type]
    return out


_UNSEEN = object()


_DATE_CHARACTERS = re.compile(r"[0-9./: T-]+", re.ASCII)
"""What a date cell's text holds, quoted by the template of a refusal as it is (a date-time too:
review 90); another cell's is quoted by the one-at-a-time path's words."""


def _settle_one(
    out: dict[str, Any],
    i: int,
    columns: dict[str, Any],
    cal: WorkingCalendar,
    rules: RuleSet,
    count_discharge_day: bool,
    day_first: bool = False,
) -> None:
    """Settle row ``i`` with the one-at-a-time API and write it into ``out`` (its texts read
    day first when told, in the order a file's cells are read: D35)."""
    value = {
        name: scalar_value(cell(col, i), _OPTIONAL.get(name, False), name == "month") for name, col in columns.items()
    }
    read_text: VoucherError | None = None
    given = value  # (the cells, but the disability cell read below: a refusal quotes them, review 85)
    disability = value["disability"]
    if type(disability) in (int, float) and disability in (0, 1):  # a numeric column's 1 and 0, as
        value["disability"] = disability == 1  # the engine reads them (and a file its cells 1 and 0)
    elif isinstance(disability, Decimal):  # a database's NUMERIC flag, as pandas.read_sql gives it (review
        with suppress(VoucherError):  # 251 F2), read as a file's cell is (a subclass too: review 253 F3)
            value["disability"] = flag_cell(disability, "disability")
    elif isinstance(disability, str):  # as a file's cell is read (yes/no, periods FROM..TO)
        try:
            value["disability"] = disability_cell(value["disability"], "disability", day_first=day_first)
        except VoucherError as exc:
            read_text = exc
    try:
        if day_first:
            value = _read_day_first(value)
        s = settle_typed(
            value,
            submitted_on=value["submitted_on"],
            calendar=cal,
            rules=rules,
            count_discharge_day=count_discharge_day,
        )
    except VoucherError as exc:  # (a date written day first: advice to say so, D35)
        if read_text is not None and exc.field == "disability":  # the text's own words, at its turn
            exc = read_text
        exc = quoted_as_written(exc, {**given, "disability": disability}, value)
        _invalid(out, i, str(exc if day_first else with_date_advice(exc)))
        return
    out["service_days"][i] = s.voucher.service_days
    out["amount_tetri"][i] = to_tetri(s.amount)
    out["late_working_days"][i] = s.late_working_days
    out["deduction_tetri"][i] = to_tetri(s.deduction)
    out["payable_tetri"][i] = to_tetri(s.payable)
    out["funded"][i] = s.funded
    out["status"][i] = NOT_FUNDED if not s.funded else DEDUCTED if s.deduction else PAID


def settle_frame(
    frame: Any,
    *,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    count_discharge_day: bool = True,
    day_first: bool = False,
) -> pd.DataFrame:
    """Settle every row of ``frame`` (Annex 2.12, Art. 4, para 5: R1 and R2) and return a DataFrame.

    ``frame``: a pandas or Polars DataFrame, a pyarrow Table, or a mapping of columns. The
    result is a pandas DataFrame with the input's index (pandas) or a RangeIndex, and the
    columns of :data:`OUTPUT_COLUMNS`; money is int64 tetri (``tetri_to_gel`` turns a column
    into Decimal GEL). A row that cannot be settled has status ``invalid``, a ``reason`` and
    zeros, and is not funded.

    ``day_first``: the table's text dates are written day first (``06/12/21``, ``06.12.2021``),
    as ``pandas.read_csv`` gives a Georgian-locale spreadsheet's CSV: each text of the date
    columns, each text end of a status period, and a month written as such a date (``01/10/21``:
    October 2021), is read as a file's cell is read with ``day_first`` (D35; an ISO date text
    too); a text that can only be month first (``11/20/21``)
    refuses the whole table (:class:`~voucherlib.FileRefused`, naming the first row, counted
    from 0, that holds it). Without it such a text makes its row invalid, saying to give it. With
    it or without, a table holding dates (``datetime``, ``Timestamp``, a datetime64 column:
    ``pandas.read_excel``'s date cells) beside a text that can only be a date written day first
    (``13/12/2021``, with a time of day or not, or of that shape and no day, ``31/11/2021``; a
    status period's end too, and any end of one written with ``/`` or ``-``) refuses too: a spreadsheet
    that read a day-first file month first leaves such a mix (D35). The check sees the table it
    is given: a partition of a larger table is checked alone (see the docs' Dask section).

    >>> import pandas as pd
    >>> out = settle_frame(pd.DataFrame({"month": ["2021-10"], "enrolled_on": [None], "discharged_on": [None],
    ...                                  "disability": [False], "submitted_on": ["2021-11-09"]}))
    >>> row = out.iloc[0]  # 31 days x 20 GEL = 620.00; 2 working days late (8, 9 Nov): -20%
    >>> int(row.service_days), int(row.amount_tetri), int(row.late_working_days), int(row.payable_tetri), row.status
    (31, 62000, 2, 49600, 'deducted')
    """
    cal = resolve_calendar(calendar)
    ruleset = resolve_rules(rules)
    count_discharge_day = as_flag(count_discharge_day, "count_discharge_day")  # (review 158 F6: numpy's too)
    day_first = as_flag(day_first, "day_first")
    columns, index, n = table_columns(frame, INPUT_COLUMNS)
    out = _settle(columns, n, cal, ruleset, count_discharge_day, day_first)
    return _result_frame(out, n, index)


_PANDAS: dict[str, Any] = {}
"""The result's column labels and status dtype, made once (pandas takes tens of microseconds)."""


def _result_frame(out: dict[str, Any], n: int, index: Any) -> Any:
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise MissingExtra("frames", "pandas", "batch") from exc

    if len(_PANDAS) < 2:  # made whole, then published in one step: a thread that sees any sees both
        # (review 57: filled one key at a time, another thread's first call read "status" before it
        # was there, a bare KeyError)
        _PANDAS.update({"columns": pd.Index(list(OUTPUT_COLUMNS)), "status": pd.CategoricalDtype(list(STATUSES))})
    index = pd.RangeIndex(n) if index is None else index.copy()  # (its own: naming it names no input's; review 69)
    reasons = np.empty(n, dtype=object)  # (numpy fills a new object array with None)
    for i, why in out["reason"].items():
        reasons[i] = why
    # each result its own labels and dtype (review 66: one shared Index and dtype, so naming one
    # result's columns named every later result's): copies of the kept ones, a few microseconds
    columns, categories = _PANDAS["columns"].copy(), _PANDAS["status"].categories.copy()
    status = pd.Categorical.from_codes(out["status"], dtype=pd.CategoricalDtype(categories), validate=False)
    arrays = [*(out[name] for name in OUTPUT_COLUMNS[:6]), status, reasons]
    try:
        # The frame made from the arrays as they are: no copy, no check (each array already has its
        # final type and length). DataFrame(dict) does the same in about ten times the fixed cost,
        # which is most of the time at 10k rows; pandas keeps these helpers internal, so any
        # trouble with them falls back to the public constructor.
        from pandas.core.internals.construction import arrays_to_mgr

        manager = arrays_to_mgr(arrays, columns, index, verify_integrity=False, consolidate=False)
        return pd.DataFrame._from_mgr(manager, axes=manager.axes)
    except (ImportError, AttributeError, TypeError, ValueError):  # pragma: no cover - another pandas (2.x: ValueError)
        data = dict(zip(OUTPUT_COLUMNS, arrays, strict=True))
        data["reason"] = pd.Series(reasons, dtype=object, index=index, copy=False)
        return pd.DataFrame(data, index=index, copy=False)


def tetri_to_gel(column: Any) -> list[Decimal | None]:
    """A column of whole tetri as exact Decimal GEL (e.g. ``62000`` -> ``Decimal('620.00')``);
    an empty cell (None, NaN, pandas ``NA``, as the audit's frames hold for a line not checked)
    is None. Each other cell is read as :func:`~voucherlib.gel_from_tetri` reads it: an int (a
    numpy integer too) or a whole float below 2**53 of a 64-bit column (what pandas makes of an int
    column with a gap); any other float (a ``float32`` column too), a Decimal, a bool or a text is
    refused, naming its position (``tetri[2]``), never rounded or cut to a whole tetri (review 26:
    ``100.5`` was 1.00). A pandas Series, a numpy array, an Arrow array or any sequence.

    >>> tetri_to_gel([62000, None, 49600])
    [Decimal('620.00'), None, Decimal('496.00')]
    """
    check_float_width(column, "tetri")
    cells = (
        column.to_pylist() if hasattr(column, "to_pylist") else column.tolist() if hasattr(column, "tolist") else column
    )
    if isinstance(cells, (str, bytes, Mapping)) or not hasattr(cells, "__iter__") or getattr(column, "ndim", 1) != 1:
        # one number (a column's .sum(), a numpy scalar: review 258 F4, Python's TypeError); a table
        # or a mapping, whose column labels or keys were read as tetri (review 261 F5)
        raise InvalidInput("tetri", column, expected("tetri_column"))
    return gel_from_tetri_cells(cells)
