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

from voucherlib.errors import InvalidInput, RuleNotInForce, VoucherError
from voucherlib.money import gel_from_tetri
from voucherlib.month import Month
from voucherlib.ruleset import RuleSet, resolve_rules
from voucherlib.submission import DEDUCTION_PER_DAY, MAX_LATE_DAYS, _deadline, _r2_value, settle
from voucherlib.working_calendar import WorkingCalendar, resolve_calendar
from voucherlib.youth_voucher import RATE_WITH_DISABILITY, RATE_WITHOUT_DISABILITY, voucher_month

__all__ = ["INPUT_COLUMNS", "OUTPUT_COLUMNS", "settle_arrays", "settle_frame", "tetri_to_gel"]

INPUT_COLUMNS = ("month", "enrolled_on", "discharged_on", "disability", "submitted_on")
OUTPUT_COLUMNS = (
    "service_days",
    "amount_tetri",
    "late_working_days",
    "deduction_tetri",
    "payable_tetri",
    "funded",
    "reason",
)
_FAST_LATE_HORIZON_DAYS = 366
_NAT = np.datetime64("NaT", "D")

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


def _exact_tetri(value: Decimal) -> int | None:
    scaled = value * 100
    return int(scaled) if scaled == scaled.to_integral_value() else None


def _plan(month: Month, calendar: WorkingCalendar, rules: RuleSet) -> _MonthPlan | None:
    """The month's rule values, or None when its rows must take the one-at-a-time path."""
    try:
        deadline = _deadline(month, calendar, rules)[1]
        per_day = _r2_value(rules, DEDUCTION_PER_DAY, month).decimal
        max_late = _r2_value(rules, MAX_LATE_DAYS, month).value
        rates = []
        for key in (RATE_WITH_DISABILITY, RATE_WITHOUT_DISABILITY):
            runs = rules.segments(key, month.first_day, month.last_day)
            if len(runs) != 1:
                return None  # the rate changes inside the month
            rates.append(_exact_tetri(runs[0][2].decimal))
    except RuleNotInForce:
        return None
    bp = _exact_tetri(per_day)
    if None in rates or bp is None or not isinstance(max_late, int):
        return None
    rate_with, rate_without = rates
    assert rate_with is not None and rate_without is not None
    return _MonthPlan(np.datetime64(deadline, "D"), rate_with, rate_without, bp, max_late)


# ---------------------------------------------------------------- reading columns


def _date_column(values: Any, n: int) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.bool_]]:
    """(datetime64[D] with NaT for missing, mask of cells that could not be read as dates)."""
    arr = np.asarray(values)
    if arr.dtype.kind == "M":
        return arr.astype("datetime64[D]"), np.zeros(n, dtype=bool)
    out = np.full(n, _NAT, dtype="datetime64[D]")
    bad = np.zeros(n, dtype=bool)
    try:
        out = np.array(
            [None if v is None or (isinstance(v, float) and v != v) or v == "" else v for v in arr.tolist()],
            dtype="datetime64[D]",
        )
        if out.shape != (n,):
            raise ValueError
        # numpy reads datetimes and timestamps with a time of day; the one-at-a-time path refuses them.
        bad = np.array(
            [isinstance(v, dt.datetime) or (isinstance(v, str) and len(v.strip()) != 10) for v in arr.tolist()]
        )
        return out, bad
    except (ValueError, TypeError, OverflowError):
        for i, v in enumerate(arr.tolist()):
            if v is None or v == "" or (isinstance(v, float) and v != v):
                continue
            if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
                out[i] = np.datetime64(v, "D")
            elif isinstance(v, str) and len(v.strip()) == 10:
                try:
                    out[i] = np.datetime64(dt.date.fromisoformat(v.strip()), "D")
                except ValueError:
                    bad[i] = True
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
    cache: dict[Any, int | None] = {}
    for i, v in enumerate(arr.tolist()):
        key = (type(v), v) if not isinstance(v, (list, dict)) else None
        found = cache.get(key) if key is not None else None
        if found is None and (key is None or key not in cache):
            try:
                m = Month.of(v)
                found = (m.year - 1970) * 12 + m.month - 1
            except (VoucherError, TypeError):
                found = None
            if key is not None:
                cache[key] = found
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
) -> dict[str, npt.NDArray[Any]]:
    """Settle columns given as arrays or sequences; returns the output columns as numpy arrays.

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
    if dis.dtype == bool:
        flags = dis
        slow = bad | bad_e | bad_d | bad_s
    else:
        is_bool = np.array([isinstance(v, (bool, np.bool_)) for v in dis.tolist()], dtype=bool)
        flags = np.array([bool(v) if b else False for v, b in zip(dis.tolist(), is_bool, strict=True)], dtype=bool)
        slow = bad | bad_e | bad_d | bad_s | ~is_bool
    slow |= np.isnat(submitted)

    # One plan per distinct month; rows of a month without a plan take the one-at-a-time path.
    uniq, inverse = np.unique(months, return_inverse=True)
    plans = [
        None if m < -23640 or m > 95987 else _plan(Month(1970 + int(m) // 12, int(m) % 12 + 1), cal, ruleset)
        for m in uniq
    ]
    has_plan = np.array([p is not None for p in plans], dtype=bool)
    slow |= ~has_plan[inverse]

    def per_month(attr: str, fill: Any, dtype: Any) -> npt.NDArray[Any]:
        return np.array([getattr(p, attr) if p is not None else fill for p in plans], dtype=dtype)[inverse]

    firsts = uniq.astype("datetime64[M]").astype("datetime64[D]")[inverse]
    lasts = (uniq + 1).astype("datetime64[M]").astype("datetime64[D]")[inverse] - 1
    deadline = per_month("deadline", _NAT, "datetime64[D]")

    # Checks the one-at-a-time path makes: those rows go there, to carry its exact error.
    slow |= ~np.isnat(enrolled) & ~np.isnat(discharged) & (discharged < enrolled)
    slow |= submitted < firsts
    slow |= ~np.isnat(submitted) & ~np.isnat(deadline) & (submitted - deadline > _FAST_LATE_HORIZON_DAYS)

    # D1: service days.
    start = np.where(np.isnat(enrolled), firsts, np.maximum(enrolled, firsts))
    last_day = discharged if count_discharge_day else discharged - 1
    end = np.where(np.isnat(discharged), lasts, np.minimum(last_day, lasts))
    days = np.maximum((end - start).astype(np.int64) + 1, 0)
    # R1: amount in tetri.
    rate = np.where(flags, per_month("rate_with", 0, np.int64), per_month("rate_without", 0, np.int64))
    amount = rate * days

    # D7: late working days from a cumulative working-day table over the span the rows need.
    fast = ~slow
    late = np.zeros(n, dtype=np.int64)
    if fast.any():
        lo = min(deadline[fast].min(), submitted[fast].min())
        hi = max(submitted[fast].max(), deadline[fast].max())
        cum = _cumulative_working_days(cal, lo, hi)
        sub_i = (np.where(fast, submitted, lo) - lo).astype(np.int64)
        dl_i = (np.where(fast, deadline, lo) - lo).astype(np.int64)
        late = np.maximum(cum[sub_i] - cum[dl_i], 0)

    # D8: linear deduction, half up to the tetri; past the maximum, not funded.
    max_late = per_month("max_late", 0, np.int64)
    funded = late <= max_late
    kept_bp = np.maximum(10_000 - per_month("deduction_bp", 0, np.int64) * late, 0)
    payable = np.where(funded, (amount * kept_bp + 5_000) // 10_000, 0)

    out: dict[str, npt.NDArray[Any]] = {
        "service_days": days,
        "amount_tetri": amount,
        "late_working_days": late,
        "deduction_tetri": amount - payable,
        "payable_tetri": payable,
        "funded": funded,
        "reason": np.full(n, None, dtype=object),
    }
    for i in np.flatnonzero(slow).tolist():
        _settle_one(
            out, i, month, enrolled_on, discharged_on, disability, submitted_on, cal, ruleset, count_discharge_day
        )
    return out


def _cumulative_working_days(cal: WorkingCalendar, lo: np.datetime64, hi: np.datetime64) -> IntArray:
    """cum[i] = working days in (lo, lo + i]: so late days = cum[submitted] - cum[deadline]."""
    y0, y1 = int(str(lo)[:4]), int(str(hi)[:4])
    offs = [d for y in range(y0, y1 + 1) for d in cal.days_off(y)]
    worked = [d for y in range(y0, y1 + 1) for d in cal.weekend_working_days(y)]
    span = np.arange(lo, hi + 1, dtype="datetime64[D]")
    working = np.is_busday(span, weekmask="1111100", holidays=np.array(offs, dtype="datetime64[D]"))
    if worked:
        working |= np.isin(span, np.array(worked, dtype="datetime64[D]"))
    cum: IntArray = np.cumsum(working, dtype=np.int64)
    return cum - cum[0]


def _cell(column: Any, i: int) -> Any:
    value = column[i]
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else value.astype("datetime64[D]").item()
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, float) and value != value:
        return None
    return value.item() if isinstance(value, np.generic) else value


def _settle_one(
    out: dict[str, npt.NDArray[Any]],
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
    if isinstance(raw_month, np.datetime64) or isinstance(raw_month, dt.date):
        raw_month = Month.of(raw_month) if isinstance(raw_month, dt.date) else raw_month
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
    out["amount_tetri"][i] = int(s.amount * 100)
    out["late_working_days"][i] = s.late_working_days
    out["deduction_tetri"][i] = int(s.deduction * 100)
    out["payable_tetri"][i] = int(s.payable * 100)
    out["funded"][i] = s.funded
    out["reason"][i] = None


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
    result["reason"] = pd.Series(out["reason"], index=result.index, dtype=object)
    return result


def tetri_to_gel(column: Any) -> list[Decimal]:
    """A column of integer tetri as exact Decimal GEL (e.g. ``62000`` -> ``Decimal('620.00')``)."""
    return [gel_from_tetri(int(v)) for v in column]
