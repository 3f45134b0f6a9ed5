"""The working-day calendar of the Social Service Agency (RULES.md D5).

Annex 2.12, Art. 4, para 5 counts *working days*: the usage document due on a non-working
day is due on the next working day, and the penalty is 10% per late *working* day. A
working day is Monday to Friday, and neither

* a public holiday of the Labour Code of Georgia, Art. 30 (taken from the ``holidays``
  package, country ``GE``, which also carries a few one-off days), nor
* a day off the Government declared by decree for administrative bodies (the Agency is
  one). The ``holidays`` package misses most of these, so voucherlib ships the known ones
  as data (``voucherlib/data/declared_days_off.toml``), each with the act that declared it.

``WorkingCalendar(declared_days_off=False)`` is the Labour Code list alone. A caller adds a
day the Government declares later with ``extra_non_working_days``, and takes one back
with ``extra_working_days``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

import holidays

from voucherlib.core.errors import InvalidInput
from voucherlib.core.month import as_date
from voucherlib.core.phrases import check_lang, say

__all__ = ["DeclaredDayOff", "WorkingCalendar", "declared_days_off"]

ONE_DAY = dt.timedelta(days=1)


class DeclaredDayOff:
    """A day off declared by the Government for administrative bodies, with its source."""

    __slots__ = ("day", "source")

    def __init__(self, day: dt.date, source: str) -> None:
        self.day = day
        self.source = source

    def __repr__(self) -> str:
        return f"DeclaredDayOff({self.day.isoformat()}, {self.source!r})"


@cache
def declared_days_off() -> tuple[DeclaredDayOff, ...]:
    """Every weekday the bundled data says the Government declared a day off."""
    text = resources.files("voucherlib.data").joinpath("declared_days_off.toml").read_text(encoding="utf-8")
    days: list[DeclaredDayOff] = []
    for entry in tomllib.loads(text)["days_off"]:
        day, last = entry["first"], entry["last"]
        while day <= last:
            if day.weekday() < 5:
                days.append(DeclaredDayOff(day, entry["source"]))
            day += ONE_DAY
    return tuple(sorted(days, key=lambda d: d.day))


@cache
def _labour_code_holidays(year: int) -> dict[dt.date, str]:
    """Public holidays of Georgia in ``year`` according to the ``holidays`` package."""
    try:
        found = holidays.country_holidays("GE", years=year, language="en_US")
    except Exception:  # the package cannot compute some far-off years
        return {}
    return {day: name for day, name in found.items() if day.year == year}


@cache
def _labour_code_holidays_ka(year: int) -> dict[dt.date, str]:
    """The names of Georgia's public holidays of ``year`` in Georgian (the ``holidays`` package's)."""
    try:
        return dict(holidays.country_holidays("GE", years=year, language="ka"))
    except Exception:  # the package cannot compute some far-off years
        return {}


def _holiday_reason(name: str) -> str:
    if name == "Public Holiday":  # how the holidays package names a one-off day
        return "one-off public holiday (holidays package, country GE)"
    return f"public holiday: {name} (Labour Code of Georgia, Art. 30)"


def _weekdays_through(ordinal: int) -> int:
    """How many of the days 0001-01-01 (a Monday) .. the date of ``ordinal`` are Monday-Friday."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _date_set(values: Iterable[Any], field: str) -> frozenset[dt.date]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidInput(field, values, "a collection of dates")
    return frozenset(as_date(v, field) for v in values)


class WorkingCalendar:
    """Which days are working days for the Agency (D5).

    >>> cal = WorkingCalendar()
    >>> cal.is_working_day(dt.date(2021, 11, 23))  # St George's Day
    False
    """

    __slots__ = ("_counts", "_hash", "_years", "declared", "extra_non_working_days", "extra_working_days")

    def __init__(
        self,
        declared_days_off: bool = True,
        extra_non_working_days: Iterable[dt.date] = (),
        extra_working_days: Iterable[dt.date] = (),
    ) -> None:
        if not isinstance(declared_days_off, bool):
            raise InvalidInput("declared_days_off", declared_days_off, "True or False")
        self.declared = declared_days_off
        self.extra_non_working_days = _date_set(extra_non_working_days, "extra_non_working_days")
        self.extra_working_days = _date_set(extra_working_days, "extra_working_days")
        both = self.extra_non_working_days & self.extra_working_days
        if both:
            first = min(both)
            raise InvalidInput(
                "extra_working_days", first.isoformat(), "a day that is not also in extra_non_working_days"
            )
        self._years: dict[int, tuple[tuple[dt.date, ...], tuple[dt.date, ...], dict[dt.date, str]]] = {}
        self._hash = hash(self._key())
        self._counts: dict[tuple[dt.date, dt.date], int] = {}

    @classmethod
    def default(cls) -> WorkingCalendar:
        """The calendar with the Government's declared days off (the default everywhere)."""
        return _default_calendar()

    # ------------------------------------------------------------ one year

    def _year(self, year: int) -> tuple[tuple[dt.date, ...], tuple[dt.date, ...], dict[dt.date, str]]:
        """(weekdays off, weekend days worked, reason for every day off that is not a plain weekend)."""
        known = self._years.get(year)
        if known is not None:
            return known
        reasons: dict[dt.date, str] = {}
        if self.declared:  # the act that declared a day is the better source, so it comes first
            for declared in declared_days_off():
                if declared.day.year == year:
                    reasons[declared.day] = f"day off declared by {declared.source}"
        for day, name in _labour_code_holidays(year).items():
            reasons.setdefault(day, _holiday_reason(name))
        for day in self.extra_non_working_days:
            if day.year == year:
                reasons.setdefault(day, "non-working day added by the caller")
        for day in self.extra_working_days:
            reasons.pop(day, None)
        weekdays_off = tuple(sorted(d for d in reasons if d.weekday() < 5))
        weekend_worked = tuple(sorted(d for d in self.extra_working_days if d.year == year and d.weekday() >= 5))
        entry = (weekdays_off, weekend_worked, reasons)
        self._years[year] = entry
        return entry

    # ------------------------------------------------------------ questions

    def is_working_day(self, day: dt.date) -> bool:
        """True when ``day`` is a working day of the Agency (D5)."""
        day = as_date(day, "day")
        weekdays_off, weekend_worked, _ = self._year(day.year)
        if day.weekday() >= 5:
            return day in weekend_worked
        i = bisect_left(weekdays_off, day)
        return not (i < len(weekdays_off) and weekdays_off[i] == day)

    def day_off_reason(self, day: dt.date, lang: str = "en") -> str | None:
        """Why ``day`` is not a working day, or None when it is one (``lang``: en, ka)."""
        day = as_date(day, "day")
        if self.is_working_day(day):
            return None
        reason = self._year(day.year)[2].get(day)
        if check_lang(lang) == "en" or reason is None:
            return reason or say(lang, f"weekday.{day.weekday()}")
        if reason.startswith("day off declared by "):
            number = re.search(r"No\. (\d+)", reason)
            source = f"№{number.group(1)} დადგენილება" if number else "დადგენილება"
            return say("ka", "dayoff.declared", source="", source_ka=source)
        if reason.startswith("public holiday: "):
            return say("ka", "dayoff.holiday", name=_labour_code_holidays_ka(day.year).get(day, ""))
        if reason.startswith("one-off"):
            return say("ka", "dayoff.one_off")
        return say("ka", "dayoff.caller")

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, otherwise the first working day after it."""
        day = as_date(day, "day")
        while not self.is_working_day(day):
            if day == dt.date.max:
                raise InvalidInput("day", day.isoformat(), "a date with a working day after it")
            day += ONE_DAY
        return day

    def count_working_days(self, after: dt.date, through: dt.date) -> int:
        """How many working days d there are with ``after < d <= through`` (0 when none)."""
        after, through = as_date(after, "after"), as_date(through, "through")
        if through <= after:
            return 0
        known = self._counts.get((after, through))
        if known is not None:
            return known
        count = _weekdays_through(through.toordinal()) - _weekdays_through(after.toordinal())
        for year in range(after.year, through.year + 1):
            weekdays_off, weekend_worked, _ = self._year(year)
            count -= bisect_right(weekdays_off, through) - bisect_right(weekdays_off, after)
            count += bisect_right(weekend_worked, through) - bisect_right(weekend_worked, after)
        if len(self._counts) < 65536:
            self._counts[(after, through)] = count
        return count

    def working_days(self, after: dt.date, through: dt.date) -> Iterator[dt.date]:
        """The working days d with ``after < d <= through``, in order."""
        day = as_date(after, "after") + ONE_DAY
        through = as_date(through, "through")
        while day <= through:
            if self.is_working_day(day):
                yield day
            day += ONE_DAY

    def days_off(self, year: int) -> dict[dt.date, str]:
        """Every Monday-to-Friday of ``year`` that is not a working day, with the reason."""
        weekdays_off, _, reasons = self._year(year)
        return {day: reasons[day] for day in weekdays_off}

    def weekend_working_days(self, year: int) -> tuple[dt.date, ...]:
        """The Saturdays and Sundays of ``year`` the caller made working days (``extra_working_days``)."""
        return self._year(year)[1]

    # ------------------------------------------------------------ identity

    def _key(self) -> tuple[bool, frozenset[dt.date], frozenset[dt.date]]:
        return (self.declared, self.extra_non_working_days, self.extra_working_days)

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, WorkingCalendar) and self._key() == other._key())

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        extras = ""
        if self.extra_non_working_days:
            extras += f", extra_non_working_days={len(self.extra_non_working_days)} days"
        if self.extra_working_days:
            extras += f", extra_working_days={len(self.extra_working_days)} days"
        return f"WorkingCalendar(declared_days_off={self.declared}{extras})"


@cache
def _default_calendar() -> WorkingCalendar:
    return WorkingCalendar()


def resolve_calendar(calendar: WorkingCalendar | None) -> WorkingCalendar:
    """The calendar to use: the caller's, or the default one with declared days off."""
    if calendar is None:
        return _default_calendar()
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidInput("calendar", calendar, "a voucherlib.WorkingCalendar or None for the default calendar")
    return calendar
