"""The batch engine: settle a whole table of Annex 2.12 voucher-months at once, exactly.

``settle_frame(frame)`` takes a pandas DataFrame (or any mapping of equal-length columns) with
the columns ``month, enrolled_on, discharged_on, disability, submitted_on`` and returns a
DataFrame with, per row, ``service_days, amount_tetri, late_working_days, deduction_tetri,
payable_tetri`` (int64, exact integer tetri), ``funded`` (bool) and ``reason`` (None, or why
the row could not be settled). Every row comes back, in order; a bad row never stops the batch.

It gives the same answer as ``settle(voucher_month(...))`` row by row, and reads the same rule
set: for each distinct month it asks the rule set for the rates, the deadline and the penalty
(so no value is restated here), then applies them to all rows of that month with numpy in
integer tetri. A row the fast path cannot take exactly (disability status periods, a rate that
changes inside the month or is not a whole number of tetri, a month with no rule in force, a
bad value, a submission more than a year after its deadline) is settled by the one-at-a-time
API itself, so both paths agree by construction on every row.

Requires numpy, and pandas for DataFrames: ``pip install 'voucherlib[batch]'``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

try:
    import numpy as np
    import numpy.typing as npt
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("voucherlib.batch needs numpy: pip install 'voucherlib[batch]'") from exc

from voucherlib.core.errors import InvalidInput, VoucherError
from voucherlib.core.money import exact_tetri, gel_from_tetri, to_tetri
from voucherlib.core.month import Month
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.core.working_calendar import FIRST_YEAR, LAST_YEAR, WorkingCalendar, resolve_calendar
from voucherlib.rules.submission import _month_terms, settle
from voucherlib.rules.youth_voucher import RATE_WITH_DISABILITY, RATE_WITHOUT_DISABILITY, voucher_month

__all__ = ["INPUT_COLUMNS", "OUTPUT_COLUMNS", "settle_arrays", "settle_frame", "tetri_to_gel"]

INPUT_COLUMNS = ("month", "enrolled_on", "discharged_on", "disability", "submitted_on")
"""The columns :func:`settle_frame` reads (``discharged_on`` may be empty)."""
OUTPUT_COLUMNS = (
    "service_days",
    "amount_tetri",
    "late_working_days",
    "deduction_tetri",
    "payable_tetri",
    "funded",
    "reason",
)
"""The columns :func:`settle_frame` adds, money in whole tetri."""
_FAST_LATE_HORIZON_DAYS = 366
_NAT = np.datetime64("NaT", "D")
_NAT_I = np.iinfo(np.int64).min
_NO_BAD = np.zeros(0, dtype=bool)
"""Returned by the column readers when no cell is bad (a shared empty mask, never ORed in)."""
_FAR = np.iinfo(np.int64).max // 2
_MIN_MONTH, _MAX_MONTH = (1 - 1970) * 12, (9998 - 1970) * 12 + 11  # Month's own range: years 1 to 9998
_CALENDAR_FIRST_DAY = int(np.datetime64(f"{FIRST_YEAR:04d}-01-01", "D").astype(np.int64))
_CALENDAR_LAST_DAY = int(np.datetime64(f"{LAST_YEAR:04d}-12-31", "D").astype(np.int64))
_MAX_MONTH_SPAN = 12 * 200
"""A batch may span 200 years of service months: the per-month table stays small."""

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class _MonthPlan:
    """What the rule set says for one service month, ready for integer arithmetic."""

    deadline: np.datetime64
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
    return _MonthPlan(np.datetime64(deadline, "D"), rate_with, rate_without, bp, terms.max_late_working_days)


# ---------------------------------------------------------------- reading columns


def _date_column(values: Any, n: int) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.bool_]]:
    """(datetime64[D] with NaT for missing, mask of cells that are not a date).

    Accepted cells: ``datetime64`` values at midnight, :class:`datetime.date` objects, ISO
    ``YYYY-MM-DD`` strings, and None / NaN / "" for "no date". Anything else (a number, a time
    of day, another format) is marked, and the row goes to the one-at-a-time path, which
    refuses it with the reason.
    """
    arr = np.asarray(values)
    if arr.dtype.kind == "M":
        unit = np.datetime_data(arr.dtype)[0]
        days = arr.astype("datetime64[D]", copy=False)
        if unit == "D":
            return days, _NO_BAD
        if unit in ("Y", "M", "W"):  # not a day at all
            return days, ~np.isnat(arr)
        return days, ~np.isnat(arr) & (days.astype(arr.dtype) != arr)  # a time of day is not a date
    out = np.full(n, _NAT, dtype="datetime64[D]")
    bad = np.zeros(n, dtype=bool)
    seen: dict[str, np.datetime64 | None] = {}
    for i, v in enumerate(arr.tolist()):
        if v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip()):
            continue
        if type(v) is dt.date:
            out[i] = np.datetime64(v, "D")
        elif isinstance(v, str):
            if v not in seen:
                text = v.strip()
                try:
                    seen[v] = np.datetime64(dt.date.fromisoformat(text), "D") if len(text) == 10 else None
                except ValueError:
                    seen[v] = None
            found = seen[v]
            if found is None:
                bad[i] = True
            else:
                out[i] = found
        else:
            bad[i] = True
    return out, bad


def _month_column(values: Any, n: int) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """(months since 1970-01, mask of cells that are not a month)."""
    arr = np.asarray(values)
    if arr.dtype.kind == "M":
        return arr.astype("datetime64[M]").astype(np.int64), np.isnat(arr)
    out = np.zeros(n, dtype=np.int64)
    bad = np.zeros(n, dtype=bool)
    cache: dict[str, int | None] = {}
    for i, v in enumerate(arr.tolist()):
        if isinstance(v, str) and v in cache:
            found = cache[v]
        else:
            try:
                m = Month.of(v)
                found = (m.year - 1970) * 12 + m.month - 1
            except VoucherError:
                found = None
            if isinstance(v, str):
                cache[v] = found
        if found is None:
            bad[i] = True
        else:
            out[i] = found
    return out, bad


def _columns(frame: Any) -> dict[str, Any]:
    if hasattr(frame, "columns") and hasattr(frame, "__getitem__"):
        names = [str(c) for c in frame.columns]
        cols = {name: frame[name].to_numpy() if hasattr(frame[name], "to_numpy") else frame[name] for name in names}
    elif isinstance(frame, Mapping):
        cols = dict(frame)
    else:
        raise InvalidInput("frame", frame, f"a pandas DataFrame or a mapping of columns {', '.join(INPUT_COLUMNS)}")
    missing = [c for c in INPUT_COLUMNS if c not in cols]
    if missing:
        raise InvalidInput("frame", ", ".join(missing), f"the columns {', '.join(INPUT_COLUMNS)} (these are missing)")
    lengths = {len(cols[c]) for c in INPUT_COLUMNS}
    if len(lengths) != 1:
        raise InvalidInput("frame", sorted(lengths), "columns of one length")
    return cols


# ---------------------------------------------------------------- the engine


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
) -> dict[str, Any]:
    """Settle columns given as arrays or sequences; returns the output columns as numpy arrays.

    ``reason`` in the result is a dict ``{row: reason}`` of the rows that could not be settled
    (the other columns hold zeros and ``funded=False`` for them).

    ``month`` may be ``datetime64[M]`` or any values :class:`~voucherlib.Month` accepts; the date
    columns ``datetime64[D]`` (NaT = none) or dates / ISO strings / None; ``disability`` bools,
    or per row a list of status periods.
    """
    cal = resolve_calendar(calendar)
    ruleset = resolve_rules(rules)
    if not isinstance(count_discharge_day, bool):
        raise InvalidInput("count_discharge_day", count_discharge_day, "True or False")
    n = len(month)
    months, bad = _month_column(month, n)
    enrolled, bad_e = _date_column(enrolled_on, n)
    discharged, bad_d = _date_column(discharged_on, n)
    submitted, bad_s = _date_column(submitted_on, n)
    dis = np.asarray(disability)
    slow = bad.copy()  # rows the one-at-a-time path settles
    for mask in (bad_e, bad_d, bad_s):
        if mask is not _NO_BAD:
            slow |= mask
    if dis.dtype == bool:
        flags = dis
    else:
        is_bool = np.array([isinstance(v, (bool, np.bool_)) for v in dis.tolist()], dtype=bool)
        flags = np.array([bool(v) if b else False for v, b in zip(dis.tolist(), is_bool, strict=True)], dtype=bool)
        slow |= ~is_bool

    # Day numbers (days since 1970-01-01) as int64; NaT is the smallest int64.
    e = enrolled.view(np.int64)
    d = discharged.view(np.int64)
    sub = submitted.view(np.int64)
    slow |= sub == _NAT_I

    # One plan per month from the first to the last month of the batch (a table, not a sort).
    good = months[~bad]
    mmin = int(good.min()) if good.size else 0
    mmax = int(good.max()) if good.size else 0
    if mmax - mmin > _MAX_MONTH_SPAN:
        # Months centuries apart: no per-month table; every row takes the one-at-a-time path.
        bad = np.ones(n, dtype=bool)
        slow |= bad
        mmax = mmin
    inv = np.where(bad, 0, months - mmin) if bad.any() else months - mmin
    ids = np.arange(mmin, mmax + 1)
    plans = [
        _plan(Month(1970 + int(i) // 12, int(i) % 12 + 1), cal, ruleset) if _MIN_MONTH <= i <= _MAX_MONTH else None
        for i in ids.tolist()
    ]
    has_plan = np.array([p is not None for p in plans], dtype=bool)
    slow |= ~has_plan[inv]

    def table(attr: str) -> IntArray:
        return np.array([int(getattr(p, attr)) if p is not None else 0 for p in plans], dtype=np.int64)

    def per_row(values: IntArray) -> Any:
        """A month table's value for each row: one number when every planned month has the same
        (the usual batch, and much cheaper), else one per row."""
        planned = values[has_plan]
        if planned.size and planned.min() == planned.max():
            return planned[0]
        return values[inv]

    first_t = ids.astype("datetime64[M]").astype("datetime64[D]").view(np.int64)
    last_t = (ids + 1).astype("datetime64[M]").astype("datetime64[D]").view(np.int64) - 1
    # A month without a plan takes its first day as a stand-in deadline; its rows are slow anyway.
    dl_t = np.array(
        [p.deadline.astype(np.int64) if p is not None else f for p, f in zip(plans, first_t.tolist(), strict=True)],
        dtype=np.int64,
    )
    first = first_t[inv]

    # Checks the one-at-a-time path makes: those rows go there, to carry its exact error.
    slow |= (e != _NAT_I) & (d != _NAT_I) & (d < e)
    slow |= sub < first
    # The working-day table spans the batch's months and a year past their last deadline; a
    # submission beyond it is counted by the one-at-a-time path.
    # It stays inside the years the calendar knows (D26); rows outside go there too, to be refused.
    lo = max(int(first_t.min()), _CALENDAR_FIRST_DAY)
    hi = min(int(dl_t.max()) + _FAST_LATE_HORIZON_DAYS, _CALENDAR_LAST_DAY)
    if lo > hi:
        slow[:] = True
        lo = hi = _CALENDAR_FIRST_DAY
    slow |= (sub > hi) | (first < lo) | (dl_t[inv] > hi)

    # D1: service days (an empty enrolment is before the month; an empty discharge, after it).
    start = np.maximum(e, first)
    end = d - 1 if not count_discharge_day else d.copy()
    np.putmask(end, d == _NAT_I, _FAR)
    np.minimum(end, last_t[inv], out=end)
    days = end - start
    days += 1
    np.maximum(days, 0, out=days)
    # R1: amount in tetri.
    amount = np.where(flags, per_row(table("rate_with")), per_row(table("rate_without")))
    amount *= days

    # D7: late working days from a cumulative working-day table over the months' span.
    cum = _cumulative_working_days(cal, lo, hi)
    late = cum[np.clip(sub, lo, hi) - lo]
    late -= cum[np.clip(dl_t, lo, hi) - lo][inv]
    np.maximum(late, 0, out=late)

    # D8: linear deduction, half up to the tetri; past the maximum, not funded.
    funded = late <= per_row(table("max_late"))
    payable = amount.copy()
    idx = np.flatnonzero(late)
    if idx.size:
        kept_bp = np.maximum(10_000 - table("deduction_bp")[inv[idx]] * late[idx], 0)
        payable[idx] = np.where(funded[idx], (amount[idx] * kept_bp + 5_000) // 10_000, 0)

    out: dict[str, Any] = {
        "service_days": days,
        "amount_tetri": amount,
        "late_working_days": late,
        "deduction_tetri": amount - payable,
        "payable_tetri": payable,
        "funded": funded,
        "reason": {},
    }
    for i in np.flatnonzero(slow).tolist():
        _settle_one(
            out, i, month, enrolled_on, discharged_on, disability, submitted_on, cal, ruleset, count_discharge_day
        )
    return out


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


def _cell(column: Any, i: int) -> Any:
    value = column[i]
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        day = value.astype("datetime64[D]")
        # At midnight: the date. With a time of day: a datetime, which the one-at-a-time path refuses.
        return day.item() if day == value else value.astype("datetime64[us]").item()
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, float) and value != value:
        return None
    return value.item() if isinstance(value, np.generic) else value


def _settle_one(
    out: dict[str, Any],
    i: int,
    month: Any,
    enrolled_on: Any,
    discharged_on: Any,
    disability: Any,
    submitted_on: Any,
    cal: WorkingCalendar,
    rules: RuleSet,
    count_discharge_day: bool,
) -> None:
    """Settle row ``i`` with the one-at-a-time API and write it into ``out``."""
    raw_month = _cell(month, i)
    try:
        vm = voucher_month(
            raw_month,
            enrolled_on=_cell(enrolled_on, i),
            discharged_on=_cell(discharged_on, i),
            disability=_cell(disability, i),
            count_discharge_day=count_discharge_day,
            rules=rules,
        )
        s = settle(vm, submitted_on=_cell(submitted_on, i), calendar=cal)
    except VoucherError as exc:
        for name in ("service_days", "amount_tetri", "late_working_days", "deduction_tetri", "payable_tetri"):
            out[name][i] = 0
        out["funded"][i] = False
        out["reason"][i] = str(exc)
        return
    out["service_days"][i] = s.voucher.service_days
    out["amount_tetri"][i] = to_tetri(s.amount)
    out["late_working_days"][i] = s.late_working_days
    out["deduction_tetri"][i] = to_tetri(s.deduction)
    out["payable_tetri"][i] = to_tetri(s.payable)
    out["funded"][i] = s.funded


def settle_frame(
    frame: Any,
    *,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    count_discharge_day: bool = True,
) -> Any:
    """Settle every row of ``frame`` (Annex 2.12, Art. 4, para 5: R1 and R2) and return a DataFrame.

    The result has the input's index and the columns of :data:`OUTPUT_COLUMNS`; money is int64
    tetri (``tetri_to_gel`` turns a column into Decimal GEL). A row that cannot be settled has
    a ``reason`` and zeros, and is not funded.

    >>> import pandas as pd
    >>> out = settle_frame(pd.DataFrame({"month": ["2021-10"], "enrolled_on": [None], "discharged_on": [None],
    ...                                  "disability": [False], "submitted_on": ["2021-11-09"]}))
    >>> row = out.iloc[0]  # 31 days x 20 GEL = 620.00; 2 working days late (8, 9 Nov): -20%
    >>> int(row.service_days), int(row.amount_tetri), int(row.late_working_days), int(row.payable_tetri), bool(row.funded)
    (31, 62000, 2, 49600, True)
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError("settle_frame returns a pandas DataFrame: pip install 'voucherlib[batch]'") from exc
    cols = _columns(frame)
    out = settle_arrays(
        cols["month"],
        cols["enrolled_on"],
        cols["discharged_on"],
        cols["disability"],
        cols["submitted_on"],
        calendar=calendar,
        rules=rules,
        count_discharge_day=count_discharge_day,
    )
    index = frame.index if hasattr(frame, "index") else None
    result = pd.DataFrame({k: v for k, v in out.items() if k != "reason"}, index=index)
    reasons = np.full(len(result), None, dtype=object)
    for i, why in out["reason"].items():
        reasons[i] = why
    result["reason"] = pd.Series(reasons, index=result.index, dtype=object)
    return result


def tetri_to_gel(column: Any) -> list[Decimal]:
    """A column of integer tetri as exact Decimal GEL (e.g. ``62000`` -> ``Decimal('620.00')``)."""
    return [gel_from_tetri(int(v)) for v in column]
