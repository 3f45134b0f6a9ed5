"""Daily occupancy of a shelter or day centre (Annex 2.8), read in one of three forms (D11).

* one whole number: that many children served on every day of the month;
* a sequence with one count per day of the month, in order;
* a mapping ``date -> count`` with exactly the days of the month.

Anything else, a sequence of the wrong length, a mapping that misses a day or has a day of
another month, or a count that is negative or not a whole number is an
:class:`~voucherlib.core.errors.InvalidInput`, never a silent assumption.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from numbers import Integral
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from voucherlib.core.errors import InvalidInput, Reason, expected
from voucherlib.core.held import held_items, held_text
from voucherlib.core.money import whole_decimal, whole_of_zero_decimals
from voucherlib.core.month import Month, as_date

__all__ = ["MAX_COUNT", "Occupancy", "Service", "daily_counts", "month_dates", "service_of", "whole_count"]

Service: TypeAlias = Literal["shelter", "day_centre"]
if TYPE_CHECKING:  # numpy is no dependency of the library; its arrays are taken when given
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

Occupancy: TypeAlias = (
    "int | np.integer[Any] | str | Sequence[int] | npt.NDArray[np.integer[Any]] | pd.Series[Any]"
    " | Mapping[dt.date | str, int]"
)
"""The children served: one count for every day, one per day in order (a list, a tuple, a
numpy array or a pandas Series with the default index 0..n-1, in the order of that index), or
a mapping date -> count (a Series indexed by date is one); a Series whose whole-number index is
not the positions 0..n-1 (in any order: each count read by its label) is refused; a count is an
``int``, a numpy integer or its digits as text."""
MAX_COUNT = 1_000_000
"""A bound on any count of places or children: far above any facility, it keeps sums small."""

_SERVICE_NAMES = {
    "shelter": "shelter",
    "day_centre": "day_centre",
    "day centre": "day_centre",
    "day-centre": "day_centre",
    "day_center": "day_centre",
    "day center": "day_centre",
    "day-center": "day_centre",
    "თავშესაფარი": "shelter",
    "დღის ცენტრი": "day_centre",
}


def service_of(value: Any) -> Service:
    """``"shelter"`` or ``"day_centre"`` (also accepted: the Georgian names)."""
    if isinstance(value, str):  # (by the text it holds: D43, review 135 F3)
        found = _SERVICE_NAMES.get(held_text(value).strip().lower())
        if found == "shelter":
            return "shelter"
        if found == "day_centre":
            return "day_centre"
    raise InvalidInput("service", value, expected("service"))


def plain_int(value: Any) -> Any:
    """An integer of another type (``numpy.int64``, any :class:`numbers.Integral` but a bool) as
    a Python ``int``; anything else unchanged."""
    if isinstance(value, Integral) and not isinstance(value, (int, bool)):
        return int(value)
    return value


def whole_count(value: Any, field: str, most: int = MAX_COUNT) -> int:
    """A count of children or places: a whole number from 0 to ``most`` (:data:`MAX_COUNT`; an
    ``int``, a numpy integer or its digits as text)."""
    value = plain_int(value)
    if isinstance(value, str):  # (by the text it holds: D43, review 135 F3)
        value = held_text(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        digits = value.strip().lstrip("0") or "0"
        if len(digits) > len(str(most)):  # (not read: past 4,300 digits Python refuses it, review 202 F1)
            raise InvalidInput(field, value, expected("count_up_to", max=most))
        number = int(digits)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = int.__int__(value)  # (an int subclass's value: its comparisons never decide a count, review 86)
    elif (whole := whole_decimal(value)) is not None:  # (a database's NUMERIC count, Decimal(10): review 186 F3)
        number = whole
    elif isinstance(value, str) and whole_of_zero_decimals(value) is not None:  # '10.0': say how to write it
        raise InvalidInput(field, value, expected("count_decimals", whole=whole_of_zero_decimals(value)))
    else:
        raise InvalidInput(field, value, expected("count"))
    if not 0 <= number <= most:
        raise InvalidInput(field, value, expected("count_up_to", max=most))
    return number


def stored_count(value: Any, field: str) -> int:
    """A count, or a sum of counts, of a stored result (a limit, paid beneficiary-days) read as
    :func:`whole_count` reads a count, its bound that of the sums (review 265 F2: a limit stored as
    ``np.True_`` was 1)."""
    return whole_count(value, field, most=10**15)


def month_dates(month: Month) -> tuple[dt.date, ...]:
    """The dates of ``month``, in order (a tuple shared by every caller: dates never change)."""
    return _dates(month.year, month.month)[0]


@lru_cache(maxsize=4096)
def _dates(year: int, month: int) -> tuple[tuple[dt.date, ...], frozenset[dt.date]]:
    days = tuple(dt.date(year, month, n) for n in range(1, calendar.monthrange(year, month)[1] + 1))
    return days, frozenset(days)


_INT = frozenset({int})
_DATE = frozenset({dt.date})


def _plain_counts(counts: tuple[Any, ...]) -> bool:
    """Whether ``counts`` holds only ``int`` counts from 0 to :data:`MAX_COUNT`: checked at C
    speed, so that the usual input skips the loop that names a bad count."""
    return not counts or (set(map(type, counts)) <= _INT and min(counts) >= 0 and max(counts) <= MAX_COUNT)


def daily_counts(occupancy: Any, month: Month, field: str = "occupancy") -> tuple[int, ...]:
    """The children served on each day of ``month``, from any of the three forms: every day of the
    month, a facility-month being a month of operation (D44: a day the facility was not open is
    given as 0, and its unfilled places are paid)."""
    days, caller_value = month.days, occupancy
    occupancy = held_items(plain_int(occupancy))  # (a list's, tuple's or dict's counts as it holds them: D43)
    if isinstance(occupancy, (int, str, Decimal)) and not isinstance(occupancy, bool):  # (one count: a Decimal too)
        return (whole_count(occupancy, field),) * days
    if _is_array(occupancy) and not _by_position(occupancy):  # a Series indexed by its dates (review 17)
        labels = occupancy.index.tolist()
        if labels and all(_whole(label) for label in labels):
            if sorted(labels) == list(range(len(labels))):  # its positions out of order (sorted by value)
                occupancy = [count for _, count in sorted(zip(labels, occupancy.tolist(), strict=True))]
            else:  # (a slice of a longer frame: no dates, and no positions of the month)
                shown = f"{min(labels)}..{max(labels)}" if len(labels) > 1 else str(labels[0])
                raise InvalidInput(
                    field, Reason.phrase("value.series_index", of=caller_value, labels=shown), expected("series_index")
                )
        else:
            return _counts_by_date(list(zip(labels, occupancy.tolist(), strict=True)), month, field, caller_value)
    if isinstance(occupancy, Mapping):
        dates, every_day = _dates(month.year, month.month)
        # The usual form (a dict of every day of the month once, as a date, to a plain count)
        # without the loop below, which reads any other form and names what is wrong. ``days``
        # dates that include every day of the month are exactly those days.
        if type(occupancy) is dict and len(occupancy) == days and set(map(type, occupancy)) == _DATE:
            if tuple(occupancy) == dates:  # in order, as a file lists them
                found: tuple[Any, ...] | None = tuple(occupancy.values())
            elif occupancy.keys() >= every_day:
                found = tuple(map(occupancy.__getitem__, dates))
            else:
                found = None
            if found is not None and _plain_counts(found):
                return found
        return _counts_by_date(list(occupancy.items()), month, field, caller_value)
    if _is_array(occupancy):  # a numpy array or pandas Series of daily counts: its Python values
        occupancy = occupancy.tolist()
    if isinstance(occupancy, Sequence) and not isinstance(occupancy, (bytes, bytearray)):
        if len(occupancy) != days:
            raise InvalidInput(
                field,
                Reason.phrase("value.counts", of=caller_value, count=len(occupancy)),
                expected("count_per_day", month=month, days=days),
            )
        given = tuple(occupancy)
        if _plain_counts(given):
            return given
        # a blank first (NaN, None): what made a column of counts floats, each refused after it
        # (review 290 F4: occupancy[0]'s 3.0 was named, and the NaN at [4] was not)
        blank = next((i for i, c in enumerate(given) if c is None or (isinstance(c, float) and c != c)), None)
        if blank is not None:
            whole_count(given[blank], f"{field}[{blank}]")  # (refused, naming it)
        return tuple(whole_count(c, f"{field}[{i}]") for i, c in enumerate(given))
    raise InvalidInput(
        field,
        occupancy,
        expected("occupancy_value"),
    )


def _counts_by_date(items: list[tuple[Any, Any]], month: Month, field: str, caller_value: Any) -> tuple[int, ...]:
    """The counts of ``(date, count)`` pairs (a mapping's items, a Series indexed by date): each
    day of ``month`` once, every day; anything else refused naming the date."""
    days = month.days
    dates, _ = _dates(month.year, month.month)
    if len(items) > days:
        raise InvalidInput(
            field,
            Reason.phrase("value.days", of=caller_value, days=len(items)),
            expected("every_day", days=days, month=month),
        )
    counts: dict[int, int] = {}
    for key, count in items:
        day = as_date(key, f"{field} date")
        if day not in month:
            raise InvalidInput(f"{field} date", key, expected("day_of_month", month=month))
        if day.day in counts:
            raise InvalidInput(f"{field} date", key, expected("each_day_once"))
        counts[day.day] = whole_count(count, f"{field}[{day.isoformat()}]")
    missing = [day.isoformat() for day in dates if day.day not in counts]
    if missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        raise InvalidInput(
            field,
            Reason.phrase("value.days_of", of=caller_value, count=len(counts), days=days),
            expected("count_every_day", month=month, missing=shown),
        )
    return tuple(counts[day.day] for day in dates)


def _by_position(series: Any) -> bool:
    """A numpy array, or a Series whose index is its positions 0..n-1 (pandas' default): its
    counts are the month's days in order. Any other index is read as the days' dates (or, whole
    numbers, as positions out of order or refused)."""
    index = getattr(series, "index", None)
    if index is None:
        return True
    try:
        return bool(index.tolist() == list(range(len(series))))
    except (TypeError, ValueError):  # a label that cannot be compared (pandas' NA): no position
        return False


def _whole(label: Any) -> bool:
    """A whole-number label of an index (an int or a numpy integer; not a bool)."""
    return isinstance(label, Integral) and not isinstance(label, bool)


def _is_array(value: Any) -> bool:
    """A one-dimensional numpy array or pandas Series (neither is a :class:`Sequence`)."""
    return type(value).__module__.split(".")[0] in ("numpy", "pandas") and getattr(value, "ndim", None) == 1
