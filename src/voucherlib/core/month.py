"""The month of service.

Every rule of the program is monthly: a voucher pays for the days of one calendar month,
and the usage document for that month is due in the next one. :class:`Month` is that
month; every public function that takes a month accepts a ``Month``, a ``"YYYY-MM"``
string or a :class:`datetime.date` (its month is meant).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeAlias

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from voucherlib.core.errors import InvalidInput

__all__ = ["Month", "MonthLike", "as_date", "optional_date"]

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month, e.g. ``Month(2021, 10)`` for October 2021."""

    year: int
    """The year."""
    month: int
    """The month, 1 to 12."""
    first_day: dt.date = field(init=False, repr=False, compare=False)
    """The month's first day."""
    last_day: dt.date = field(init=False, repr=False, compare=False)
    """The month's last day."""
    days: int = field(init=False, repr=False, compare=False)
    """The number of calendar days of the month (28, 29, 30 or 31)."""

    def __post_init__(self) -> None:
        for name, value in (("year", self.year), ("month", self.month)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidInput(f"month.{name}", value, "a whole number")
        if not 1 <= self.year <= 9998:
            # 9998: every month but the last then has a following month (when its document is due)
            # whose dates exist; next() refuses 9998-12.
            raise InvalidInput("month.year", self.year, "a year from 1 to 9998")
        if not 1 <= self.month <= 12:
            raise InvalidInput("month.month", self.month, "a month number from 1 to 12")
        days = calendar.monthrange(self.year, self.month)[1]
        object.__setattr__(self, "first_day", dt.date(self.year, self.month, 1))
        object.__setattr__(self, "last_day", dt.date(self.year, self.month, days))
        object.__setattr__(self, "days", days)

    @classmethod
    def of(cls, value: MonthLike, *, field: str = "month") -> Month:
        """Read a month from a ``Month``, a ``"YYYY-MM"`` string or a date."""
        if type(value) is Month:
            return value
        if type(value) is str:
            return _parse_month(value, field)
        if isinstance(value, dt.datetime):
            raise InvalidInput(field, value, "a Month, a 'YYYY-MM' string or a date (not a datetime)")
        if isinstance(value, dt.date):
            return cls(value.year, value.month)
        if isinstance(value, str):
            return _parse_month(str(value), field)
        raise InvalidInput(field, value, "a Month, a 'YYYY-MM' string or a date")

    def next(self) -> Month:
        """The following month (the month in which the usage document is due)."""
        return _next_month(self)

    def day(self, number: int) -> dt.date:
        """The date of day ``number`` of this month."""
        return dt.date(self.year, self.month, number)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and (day.year, day.month) == (self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __repr__(self) -> str:
        return f"Month({self.year}, {self.month})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.of, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )


@lru_cache(maxsize=4096)
def _next_month(month: Month) -> Month:
    if (month.year, month.month) == (9998, 12):
        raise InvalidInput("month", str(month), "a month up to 9998-11 (the month after it must be a Month too)")
    return Month(month.year + 1, 1) if month.month == 12 else Month(month.year, month.month + 1)


def _parse_month(value: str, field: str) -> Month:
    found = _MONTHS_BY_TEXT.get(value)
    if found is not None:
        return found
    match = _MONTH_RE.match(value.strip())
    if match is None:
        raise InvalidInput(field, value, "a month written YYYY-MM, e.g. '2021-10'")
    try:
        found = Month(int(match.group(1)), int(match.group(2)))
    except InvalidInput:
        raise InvalidInput(field, value, "a month written YYYY-MM with a month from 01 to 12") from None
    if len(_MONTHS_BY_TEXT) < 65536:
        _MONTHS_BY_TEXT[value] = found
    return found


_MONTHS_BY_TEXT: dict[str, Month] = {}

MonthLike: TypeAlias = Month | str | dt.date


def as_date(value: Any, field: str) -> dt.date:
    """Read a calendar date from a :class:`datetime.date` or an ISO ``"YYYY-MM-DD"`` string.

    A datetime is refused (a time of day has no meaning here), and so is anything else,
    with :class:`InvalidInput` naming ``field``.
    """
    if type(value) is dt.date:  # the common case first: this is on the hot path of every settlement
        return value
    if isinstance(value, dt.datetime):
        raise InvalidInput(field, value, "a date (YYYY-MM-DD), not a datetime")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        raise InvalidInput(field, value, "a date written YYYY-MM-DD, e.g. '2021-10-12'")
    raise InvalidInput(field, value, "a date (datetime.date or 'YYYY-MM-DD')")


def optional_date(value: Any, field: str) -> dt.date | None:
    """Like :func:`as_date`, but ``None`` (and an empty string) mean "no date"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return as_date(value, field)
