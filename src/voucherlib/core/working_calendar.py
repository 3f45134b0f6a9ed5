"""The working-day calendar of the Social Service Agency (decision D5).

Annex 2.12, Art. 4, para 5 counts *working days*: the usage document due on a non-working
day is due on the next working day, and the penalty is 10% per late *working* day. A
working day is Monday to Friday, and neither

* a public holiday of the Labour Code of Georgia, Art. 30 (taken from the ``holidays``
  package, country ``GE``), nor
* a day off the Government declared by decree for administrative bodies (the Agency is
  one). The ``holidays`` package misses most of these, so voucherlib ships the known ones
  as data (``voucherlib/data/declared_days_off.toml``), each with the act that declared it.
  The few one-off days the ``holidays`` package carries (named "Public Holiday": 17 May 2024,
  29 Aug 2025) are declared days too.

``WorkingCalendar(declared_days_off=False)`` is the Labour Code list alone: no declared day,
neither from voucherlib's data nor from the ``holidays`` package. A caller adds a day the
Government declares later with ``extra_non_working_days``, and takes one back with
``extra_working_days``.

The calendar knows the years the ``holidays`` package has data for, :data:`FIRST_YEAR` to
:data:`LAST_YEAR` (1991 to 2100): a year or a date outside them is refused with
:class:`~voucherlib.core.errors.InvalidInput` (D26), never counted as if it had no holidays.
A calendar is immutable: setting an attribute raises ``AttributeError``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import ConfigDict, model_validator

from voucherlib.core.citation import date_en, date_ka, ordinal_ka
from voucherlib.core.errors import Expected, InvalidInput, argument, expected
from voucherlib.core.final import final_class
from voucherlib.core.frozen import FrozenMap, FrozenModel, PublicModel, ReadOnlyDict
from voucherlib.core.held import held_items
from voucherlib.core.month import DateLike, as_date, as_flag, dates_by_policy
from voucherlib.core.phrases import check_lang, say

__all__ = ["FIRST_YEAR", "LAST_YEAR", "DeclaredDayOff", "DeclaringAct", "WorkingCalendar", "declared_days_off"]

ONE_DAY = dt.timedelta(days=1)
_WEEKEND = ("Saturday", "Sunday")
_WEEKEND_KA = ("შაბათი", "კვირა")
FIRST_YEAR: int
"""The first year the ``holidays`` package knows Georgia's public holidays for (1991)."""
LAST_YEAR: int
"""The last year the ``holidays`` package computes holidays for (2100); later years are refused."""


@cache
def year_range() -> tuple[int, int]:
    """(:data:`FIRST_YEAR`, :data:`LAST_YEAR`), read from the ``holidays`` package on first use: the
    package (all its countries load with Georgia's) is imported only when a calendar is asked."""
    from holidays.countries.georgia import Georgia

    return Georgia.start_year, Georgia.end_year


def __getattr__(name: str) -> int:
    if name == "FIRST_YEAR":
        return year_range()[0]
    if name == "LAST_YEAR":
        return year_range()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def calendar_year(value: Any, field: str = "year") -> int:
    """A year the calendar can answer for: a whole number from FIRST_YEAR to LAST_YEAR."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(field, value, "a year as a whole number, e.g. 2021")
    first, last = year_range()
    if not first <= value <= last:  # (said in Georgian too: review 199 F2)
        raise InvalidInput(field, value, expected("calendar_year", first=first, last=last))
    return value


def calendar_date(value: Any, field: str) -> dt.date:
    """A date (``datetime.date`` or ``"YYYY-MM-DD"``) in a year the calendar can answer for (an
    Arrow scalar, an item of ``list(arrow_column)``, as the one reader of Arrow cells reads it:
    review 276 F7)."""
    if type(value).__module__.startswith("pyarrow") and hasattr(value, "as_py"):
        from voucherlib.input.columns import arrow_value

        value = arrow_value(value)
    day = as_date(value, field)
    first, last = year_range()
    if not first <= day.year <= last:
        raise InvalidInput(field, value, expected("calendar_date", first=first, last=last))
    return day


class DeclaringAct(PublicModel):
    """The Government act that declared days off, as far as the sources show it.

    ``number``, ``date`` and ``title`` are given where a source shows them; each one the
    sources did not show is named in ``not_found`` (never guessed).
    """

    model_config = ConfigDict(extra="forbid")

    key: str
    """The act's key in ``declared_days_off.toml``."""
    number: str | None = None
    """The decree's number, e.g. ``"698"``."""
    date: dt.date | None = None
    """The day the decree was adopted."""
    _dates = dates_by_policy("date")
    date_reported: str | None = None
    """When the press reports it was adopted or published, where the exact date was not found
    (``"April 2021"``)."""
    date_reported_ka: str | None = None
    """The same in Georgian, as it stands before the noun (``"2021 წლის აპრილის"``)."""
    title: str | None = None
    """The decree's title in English."""
    title_ka: str | None = None
    """The decree's title in Georgian."""
    not_found: tuple[Literal["number", "date", "title"], ...] = ()
    """Which of number, date and title our sources did not show."""
    evidence: Literal["act text", "holidays package", "press"]
    """How the act is known: read on matsne.gov.ge, cited by the ``holidays`` package, or from the press."""
    quoted: str | None = None
    """The words of the act as read or as the press quotes them."""
    occasion: str | None = None
    """Why the day was declared, where a source says so (e.g. an election)."""
    source: str
    """Where to read the act or a report of it (an address)."""
    sources: tuple[str, ...] = ()
    """More reports."""

    @model_validator(mode="after")
    def _each_detail_given_or_not_found(self) -> DeclaringAct:
        for name in ("number", "date", "title"):
            if (getattr(self, name) is None) != (name in self.not_found):
                raise ValueError(f"act {self.key}: give {name} or list it in not_found (and not both)")
        return self

    def name_ka(self) -> str:
        """The act's name in Georgian, ending in the noun (``"... №698 დადგენილება"``), or what is known of it."""
        if self.number and self.date:
            return f"საქართველოს მთავრობის {date_ka(self.date)} №{self.number} დადგენილება"
        when = f"{self.date_reported_ka} " if self.date_reported_ka and not self.date else ""
        if self.number:
            return f"საქართველოს მთავრობის {when}№{self.number} დადგენილება"
        return f"საქართველოს მთავრობის {when}დადგენილება"

    def caveat_ka(self) -> str:
        """What our sources did not show of the act, in Georgian, as the English name says it (review 79)."""
        if not self.number:
            return " (დადგენილების ნომერი დაუზუსტებელია)"
        return "" if self.date or self.date_reported_ka else " (დადგენილების თარიღი დაუზუსტებელია)"

    def name(self) -> str:
        """``"Government of Georgia Decree No. 698 of 26 Nov 2020"``, or what is known of it."""
        if self.number and self.date:
            return f"Government of Georgia Decree No. {self.number} of {date_en(self.date)}"
        when = f"of {self.date_reported}" if self.date_reported else "(date not found in our sources)"
        if self.number:
            return f"Government of Georgia Decree No. {self.number} {when}"
        return f"a Government of Georgia decree {when} (number not found in our sources)"


class DeclaredDayOff(PublicModel):
    """A weekday the Government declared a day off for administrative bodies, with its act."""

    day: dt.date
    """The day off (a Monday to Friday)."""
    _dates = dates_by_policy("day", required=True)  # (None in the words of every date: review 237 F4)
    act: DeclaringAct
    """The act that declared it."""

    @property
    def source(self) -> str:
        """Where to read the act or a report of it."""
        return self.act.source


class _DaysOffFile(FrozenModel):
    model_config = ConfigDict(extra="forbid")

    class Run(FrozenModel):
        model_config = ConfigDict(extra="forbid")
        first: dt.date
        last: dt.date
        act: str

    known_through: dt.date
    acts: dict[str, dict[str, Any]]
    days_off: tuple[Run, ...]


@cache
def _days_off_file() -> _DaysOffFile:
    text = resources.files("voucherlib.data").joinpath("declared_days_off.toml").read_text(encoding="utf-8")
    return _DaysOffFile.model_validate(tomllib.loads(text))


def declared_known_through() -> dt.date:
    """The last day for which this release knows the days off the Government declared (the day
    its sources were last searched): a later weekday that is no Labour Code holiday is counted as
    a working day unless a caller gives it as a day off (D52; review 275 F2: the deadline of
    December 2026, 5 January 2027, was given as if no day of early January 2027 could be declared)."""
    return _days_off_file().known_through


@cache
def declared_days_off() -> tuple[DeclaredDayOff, ...]:
    """Every weekday the bundled data says the Government declared a day off, with its act."""
    data = _days_off_file()
    acts = {key: DeclaringAct(key=key, **raw) for key, raw in data.acts.items()}
    days: list[DeclaredDayOff] = []
    for run in data.days_off:
        day = run.first
        while day <= run.last:
            if day.weekday() < 5:
                days.append(DeclaredDayOff(day=day, act=acts[run.act]))
            day += ONE_DAY
    return tuple(sorted(days, key=lambda d: d.day))


ONE_OFF_NAME = "Public Holiday"
"""How the ``holidays`` package names a one-off day the Government declared (17 May 2024,
29 Aug 2025, ...): such a day is a declared day off, not a Labour Code holiday."""


def _package_days(year: int, *, declared: bool = True) -> tuple[FrozenMap[dt.date, str], FrozenMap[dt.date, str]]:
    """The ``holidays`` package's days of ``year`` for Georgia: (Labour Code Art. 30 holidays,
    one-off days the Government declared), refused when they are not the days this release
    checked (:func:`_check_package`; the refusal made again each time it is asked, quickly).

    Only asked for years from FIRST_YEAR to LAST_YEAR (the callers check), where the package
    has data: an error of the package there is an error, not a year without holidays.
    """
    labour_code, one_off, problems, version = _package_year(year)
    for problem in problems[: 2 if declared else 1]:  # (a calendar of the Labour Code alone: its days alone)
        if problem is not None:
            raise InvalidInput("holidays", version, problem)
    return labour_code, one_off


@cache
def _package_year(
    year: int,
) -> tuple[FrozenMap[dt.date, str], FrozenMap[dt.date, str], tuple[Expected | None, Expected | None], str]:
    """The package's days of ``year`` (see :func:`_package_days`), why its Labour Code holidays
    and why its one-off days are refused (or None), and the package's version."""
    import holidays  # imported on first use: it takes longer to import than the rest of voucherlib

    found = holidays.country_holidays("GE", years=year, language="en_US")
    in_year = {day: name for day, name in found.items() if day.year == year}
    labour_code = FrozenMap({day: name for day, name in in_year.items() if name != ONE_OFF_NAME})
    one_off = FrozenMap({day: name for day, name in in_year.items() if name == ONE_OFF_NAME})
    problems = _check_package(year, frozenset(labour_code), frozenset(one_off))
    return labour_code, one_off, problems, str(getattr(holidays, "__version__", "?"))


@cache
def _labour_code_data() -> dict[str, Any]:
    text = resources.files("voucherlib.data").joinpath("labour_code_holidays.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def labour_code_holidays(year: int) -> frozenset[dt.date]:
    """The public holidays of the Labour Code of Georgia, Art. 30, para 1, in ``year``, as this
    release knows them (``data/labour_code_holidays.toml``): the fixed days, the days added from
    the year they were added, and Orthodox Good Friday to Easter Monday."""
    from dateutil.easter import EASTER_ORTHODOX, easter

    data = _labour_code_data()
    days = {dt.date(year, *map(int, md.split("-"))) for md in data["fixed"]}
    days |= {dt.date(year, *map(int, a["day"].split("-"))) for a in data["added"] if year >= a["from_year"]}
    sunday = easter(year, EASTER_ORTHODOX)
    return frozenset(days | {sunday + dt.timedelta(days=k) for k in data["easter"]["days"]})


def _check_package(
    year: int, labour_code: frozenset[dt.date], one_off: frozenset[dt.date]
) -> tuple[Expected | None, Expected | None]:
    """Why the ``holidays`` package's days of ``year`` (from the first year the release checks)
    are refused: (its Labour Code holidays are not the days this release knows,
    :func:`labour_code_holidays`; it gives a one-off weekday the Government declared that the
    release's data, ``declared_days_off.toml``, does not hold), each None when they are not. A
    later package that adds or drops a day would otherwise move deadlines and change amounts
    without a word (reviews 210, 214 F5)."""
    data = _labour_code_data()
    if not data["checked_from"] <= year <= data["checked_until"]:
        return None, None
    known = labour_code_holidays(year)
    declared = {d.day for d in declared_days_off() if d.day.year == year}
    unknown_one_off = {d for d in one_off if d.weekday() < 5} - declared - known
    labour = None
    if labour_code != known:
        added = ", ".join(d.isoformat() for d in sorted(labour_code - known))
        missing = ", ".join(d.isoformat() for d in sorted(known - labour_code))
        labour = (  # (what it changes alone: "adds ... and leaves out -" said nothing)
            expected("holidays_checked", year=year, added=added, missing=missing)
            if added and missing
            else expected("holidays_checked_adds", year=year, added=added)
            if added
            else expected("holidays_checked_leaves_out", year=year, missing=missing)
        )
    days = ", ".join(d.isoformat() for d in sorted(unknown_one_off))
    return labour, (expected("holidays_one_off", year=year, days=days) if unknown_one_off else None)


@cache
def _holiday_names_ka(year: int) -> dict[dt.date, str]:
    """The Georgian names the ``holidays`` package gives the holidays of ``year``."""
    import holidays

    try:
        names = dict(holidays.country_holidays("GE", years=year, language="ka"))
    except Exception:  # the package cannot compute some far-off years
        return {}
    # the Labour Code's own words where the package's are cut short (review 79: 14 October read
    # "მცხეთობის", a bare genitive; Art. 30 names "მცხეთობა (სვეტიცხოვლობა)")
    return {day: _HOLIDAY_NAMES_KA.get(name, name) for day, name in names.items()}


_HOLIDAY_NAMES_KA = {"მცხეთობის": "მცხეთობა (სვეტიცხოვლობა)"}
"""Georgian holiday names of the ``holidays`` package -> the Labour Code's (Art. 30)."""


def _weekdays_through(ordinal: int) -> int:
    """How many of the days 0001-01-01 (a Monday) .. the date of ``ordinal`` are Monday-Friday."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _packages(kind: type) -> list[str]:
    """The top-level package of each class of ``kind``'s method resolution order, itself first."""
    return [str(getattr(k, "__module__", "") or "").split(".", 1)[0] for k in kind.__mro__]


def _mapping_like(values: object) -> bool:
    """Whether ``values`` is a mapping, or a type of its own that looks like one (a ``keys`` and an
    item look-up: review 268 F1), whose iteration gives its keys; a pandas or Polars series (whose
    ``keys`` are its index), a subclass of one too, and a database's row are columns of days
    (review 271 F2)."""
    if isinstance(values, Mapping):
        return True
    kind = type(values)
    if not (callable(getattr(kind, "keys", None)) and hasattr(kind, "__getitem__")):
        return False
    return not set(_packages(kind)) & _COLUMN_MODULES


_COLUMN_MODULES = frozenset({"pandas", "polars", "numpy", "pyarrow", "sqlite3"})


def _table_like(values: object) -> bool:
    """Whether ``values`` is a table of rows and columns (a pandas, Polars or Dask DataFrame, an
    Arrow Table, a numpy array of more than one dimension), whose iteration gives its column labels
    or its rows, not days."""
    kinds = type(values).__mro__
    roots = _packages(type(values))
    if any(k.__name__ in _TABLE_NAMES and root in _TABLE_MODULES for k, root in zip(kinds, roots, strict=True)):
        return True
    return _dimensions(values) > 1


def _dimensions(values: object) -> int:
    """How many dimensions an array has (numpy's, Dask's, any array's ``ndim``: review 274 F1); 1
    for a collection that says none."""
    ndim = getattr(values, "ndim", 1)
    return ndim if type(ndim) is int else 1


_TABLE_MODULES = frozenset({"pandas", "polars", "pyarrow", "dask", "modin"})
_TABLE_NAMES = frozenset({"DataFrame", "LazyFrame", "Table", "RecordBatch"})


def _date_set(values: Iterable[Any], field: str) -> frozenset[dt.date]:
    if _table_like(values):  # (a table is read by its column labels: review 272 F1, one day of a CSV of days)
        lazy = "LazyFrame" in {k.__name__ for k in type(values).__mro__}  # (no column until collected: 276 F7)
        how = "collect() it and pass one column" if lazy else "pass one column of it"
        raise InvalidInput(field, values, f"a collection of dates, not a table ({how})")
    one = _dimensions(values) == 0  # (an array of no dimension, numpy's or Dask's: one value, review 274 F1)
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable) or one:
        raise InvalidInput(field, values, "a collection of dates")
    if _mapping_like(values):  # (its keys are no list of days: {day: False} made the day a day off, review 266 F2)
        raise InvalidInput(
            field,
            values,
            "a collection of dates, not a mapping (pass the days themselves: list(days) of a mapping of days to"
            " reasons, such as days_off(); [d for d, off in flags.items() if off] of days to yes or no)",
        )
    return frozenset(calendar_date(v, field) for v in held_items(_column_values(values)))  # (the days it holds: D43)


def _column_values(values: Iterable[Any]) -> Iterable[Any]:
    """The values of a column whose own iteration gives no days: an Arrow array or chunked array
    (whose items are Arrow scalars) by the one reader of Arrow cells, a Dask array (whose items are
    arrays of no dimension) computed; any other collection as it is (review 273 F3)."""
    roots = _packages(type(values))
    if "pyarrow" in roots and hasattr(values, "to_pylist"):
        from voucherlib.input.columns import arrow_values

        return arrow_values(values)
    if "dask" in roots and getattr(values, "ndim", None) == 1 and hasattr(values, "compute"):
        return values.compute()  # type: ignore[no-any-return]
    return values


@final_class
class WorkingCalendar:
    """Which days are working days for the Agency (D5).

    >>> cal = WorkingCalendar()
    >>> cal.is_working_day(dt.date(2021, 11, 23))  # St George's Day
    False

    Immutable: ``declared``, ``extra_non_working_days`` and ``extra_working_days`` (frozensets)
    cannot be changed, and what it derives is kept inside it. The extra days are given as a
    collection of the days themselves; a mapping (of days to flags or reasons) is refused.
    """

    __slots__ = ("_counts", "_hash", "_years", "declared", "extra_non_working_days", "extra_working_days")

    declared: bool
    """False: the Labour Code list alone (no declared day off)."""
    extra_non_working_days: frozenset[dt.date]
    """Days the caller made non-working days."""
    extra_working_days: frozenset[dt.date]
    """Days the caller made working days."""
    _years: dict[int, tuple[tuple[dt.date, ...], tuple[dt.date, ...], FrozenMap[dt.date, str]]]
    _hash: int
    _counts: dict[tuple[dt.date, dt.date], int]

    def __init__(
        self,
        declared_days_off: bool = True,
        extra_non_working_days: Iterable[DateLike] = (),
        extra_working_days: Iterable[DateLike] = (),
    ) -> None:
        declared_days_off = as_flag(declared_days_off, "declared_days_off")  # (np.True_ too: review 86)
        init = object.__setattr__
        init(self, "declared", declared_days_off)
        init(self, "extra_non_working_days", _date_set(extra_non_working_days, "extra_non_working_days"))
        init(self, "extra_working_days", _date_set(extra_working_days, "extra_working_days"))
        both = self.extra_non_working_days & self.extra_working_days
        if both:
            first = min(both)
            raise InvalidInput(  # (named as the caller named it: --day-off on the command line, review 197 F3)
                "extra_working_days",
                first.isoformat(),
                expected("working_day_not_off", other=argument("extra_non_working_days").split(" ")[0].rstrip(".=")),
            )
        init(self, "_years", ReadOnlyDict.of())  # (the calendar's own, written below alone: review 119)
        init(self, "_hash", hash(self._key()))
        init(self, "_counts", ReadOnlyDict.of())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a WorkingCalendar cannot be changed (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a WorkingCalendar cannot be changed (tried to delete {name!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            WorkingCalendar,
            (self.declared, tuple(sorted(self.extra_non_working_days)), tuple(sorted(self.extra_working_days))),
        )

    @classmethod
    def default(cls) -> WorkingCalendar:
        """The calendar with the Government's declared days off (the default everywhere)."""
        return _default_calendar()

    @property
    def name(self) -> str:
        """``"declared-days-off"`` (the default), ``"labour-code"`` (``declared_days_off=False``), or
        ``"custom@"`` and a digest of what it holds when days were added (``"custom@3f1c0e9a2b7d"``),
        so that two calendars that count other days never share a name (review 105: a settlement
        stored under one custom calendar was reloaded under another, and explained other days
        off); a result's ``to_dict()`` names its calendar by it."""
        if self.extra_non_working_days or self.extra_working_days:
            off = sorted(d.isoformat() for d in self.extra_non_working_days)
            held = ";".join(
                [str(self.declared), *off, "working", *sorted(d.isoformat() for d in self.extra_working_days)]
            )
            return f"custom@{hashlib.sha256(held.encode()).hexdigest()[:12]}"
        return "declared-days-off" if self.declared else "labour-code"

    @property
    def days_off_known_through(self) -> dt.date | None:
        """The last day whose declared days off this calendar knows (:func:`declared_known_through`),
        or None for a calendar of the Labour Code alone, which counts no declared day (D52)."""
        return declared_known_through() if self.declared else None

    @classmethod
    def named(cls, name: str) -> WorkingCalendar:
        """The calendar of a name given by :attr:`name` (a custom calendar must be passed itself)."""
        if name == "declared-days-off":
            return cls.default()
        if name == "labour-code":
            return cls(declared_days_off=False)
        raise InvalidInput("calendar", name, "'declared-days-off' or 'labour-code' (pass a custom calendar itself)")

    # ------------------------------------------------------------ one year

    def _year(self, year: int) -> tuple[tuple[dt.date, ...], tuple[dt.date, ...], FrozenMap[dt.date, str]]:
        """(weekdays off, weekend days worked, reason for every day off that is not a plain weekend)."""
        known = self._years.get(year)
        if known is not None:
            return known
        reasons: dict[dt.date, str] = {}
        labour_code, one_off = _package_days(year, declared=self.declared)
        if self.declared:  # the act that declared a day is the better source, so it comes first
            for declared in declared_days_off():
                if declared.day.year == year:
                    reasons[declared.day] = f"day off declared by {declared.act.name()}"
            for day in one_off:
                reasons.setdefault(day, "day off declared by the Government (a one-off day of the holidays package)")
        for day, name in labour_code.items():
            reasons.setdefault(day, f"public holiday: {name} (Labour Code of Georgia, Art. 30)")
        for day in self.extra_non_working_days:
            if day.year == year:
                reasons.setdefault(day, "non-working day added by the caller")
        for day in self.extra_working_days:
            reasons.pop(day, None)
        weekdays_off = tuple(sorted(d for d in reasons if d.weekday() < 5))
        weekend_worked = tuple(sorted(d for d in self.extra_working_days if d.year == year and d.weekday() >= 5))
        entry = (weekdays_off, weekend_worked, FrozenMap(reasons))
        dict.__setitem__(self._years, year, entry)
        return entry

    # ------------------------------------------------------------ questions

    def is_working_day(self, day: dt.date) -> bool:
        """True when ``day`` is a working day of the Agency (D5)."""
        day = calendar_date(day, "day")
        weekdays_off, weekend_worked, _ = self._year(day.year)
        if day.weekday() >= 5:
            return day in weekend_worked
        i = bisect_left(weekdays_off, day)
        return not (i < len(weekdays_off) and weekdays_off[i] == day)

    def day_off_reason(self, day: dt.date, lang: str = "en") -> str | None:
        """Why ``day`` is not a working day, or None when it is one; ``lang="ka"`` says it in Georgian.

        >>> WorkingCalendar().day_off_reason(dt.date(2021, 12, 5), lang="ka")
        'კვირა'
        """
        day = calendar_date(day, "day")
        if self.is_working_day(day):
            return None
        reason = self._year(day.year)[2].get(day)
        if lang == "ka":
            return self._reason_ka(day, reason)
        return reason or _WEEKEND[day.weekday() - 5]

    def _reason_ka(self, day: dt.date, reason: str | None) -> str:
        """The Georgian form of the reason ``_year`` gives (the same sources, in the same order)."""
        if reason is None:
            return _WEEKEND_KA[day.weekday() - 5]
        if reason.startswith("day off declared by") and self.declared:
            act = next((d.act for d in declared_days_off() if d.day == day), None)
            if act is not None:
                return f"{act.name_ka()[:-1]}ით განსაზღვრული უქმე დღე{act.caveat_ka()}"  # -ა -> -ით: "by the decree"
            return "საქართველოს მთავრობის დადგენილებით განსაზღვრული უქმე დღე"
        if reason.startswith("public holiday"):
            name = _holiday_names_ka(day.year).get(day, "")
            return f"უქმე დღე: {name} (საქართველოს შრომის კოდექსის {ordinal_ka(30)} მუხლი)"  # (30-ე)
        return "მომხმარებლის მიერ დამატებული არასამუშაო დღე"

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, otherwise the first working day after it."""
        start = day = calendar_date(day, "day")
        while not self.is_working_day(day):
            if day == dt.date(year_range()[1], 12, 31):
                first, last = year_range()
                raise InvalidInput("day", start, expected("calendar_next_working_day", first=first, last=last))
            day += ONE_DAY
        return day

    def count_working_days(self, after: dt.date, through: dt.date) -> int:
        """How many working days d there are with ``after < d <= through`` (0 when none)."""
        after, through = calendar_date(after, "after"), calendar_date(through, "through")
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
            dict.__setitem__(self._counts, (after, through), count)
        return count

    def working_days(self, after: dt.date, through: dt.date) -> Iterator[dt.date]:
        """The working days d with ``after < d <= through``, in order (the dates are checked at the call)."""
        return self._working_days(calendar_date(after, "after"), calendar_date(through, "through"))

    def _working_days(self, after: dt.date, through: dt.date) -> Iterator[dt.date]:
        day = after + ONE_DAY
        while day <= through:
            if self.is_working_day(day):
                yield day
            day += ONE_DAY

    def days_off(self, year: int) -> FrozenMap[dt.date, str]:
        """Every Monday-to-Friday of ``year`` that is not a working day, with the reason (read-only)."""
        weekdays_off, _, reasons = self._year(calendar_year(year))
        return FrozenMap({day: reasons[day] for day in weekdays_off})

    def weekend_working_days(self, year: int) -> tuple[dt.date, ...]:
        """The Saturdays and Sundays of ``year`` the caller made working days (``extra_working_days``)."""
        return self._year(calendar_year(year))[1]

    def describe(self, lang: str = "en", *, most: int = 10) -> str:
        """Which days off this calendar counts, in words (``lang="ka"``: in Georgian): the Labour
        Code's holidays, with or without the declared days off, and the days the caller added or
        made working days (the first ``most`` of each named, then ``...``; all are counted).

        >>> WorkingCalendar(extra_non_working_days=[dt.date(2021, 11, 8)]).describe()
        "the Labour Code's public holidays and the declared days off; days off added by the caller: 2021-11-08"
        """

        ka = check_lang(lang) == "ka"

        def days(found: frozenset[dt.date]) -> str:  # (the count of all past the first: review 206)
            all_of = f" (სულ {len(found)})" if ka else f" ({len(found)} in all)"
            return ", ".join(d.isoformat() for d in sorted(found)[:most]) + (
                ", ..." + all_of if len(found) > most else ""
            )

        if ka:
            said = [
                "შრომის კოდექსის უქმე დღეები და მთავრობის დადგენილებებით განსაზღვრული უქმე დღეები"
                if self.declared
                else "მხოლოდ შრომის კოდექსით განსაზღვრული უქმე დღეები"
                " (მთავრობის დადგენილებებით განსაზღვრული უქმე დღეები არ ითვლება)"
            ]
        else:
            said = [
                "the Labour Code's public holidays and the declared days off"
                if self.declared
                else "the Labour Code's public holidays alone (no declared day off)"
            ]
        if self.extra_non_working_days:
            said.append(
                ("მომხმარებლის მიერ დამატებული არასამუშაო დღეები: " if ka else "days off added by the caller: ")
                + days(self.extra_non_working_days)
            )
        if self.extra_working_days:
            said.append(
                ("მომხმარებლის მიერ სამუშაოდ გამოცხადებული დღეები: " if ka else "working days made by the caller: ")
                + days(self.extra_working_days)
            )
        return "; ".join(said)

    def summary_clause(self, lang: str = "en") -> str:
        """The clause a report's summary ends with, naming the days off this calendar counts
        (``"; days off counted: ..."``: :meth:`describe`), or "" for the default calendar (review
        199 F6: the payable changed with ``--day-off`` and no summary said why)."""
        if self.name == "declared-days-off":
            return ""
        return say(lang, "summary.calendar", calendar=self.describe(lang))

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
    if type(calendar) is not WorkingCalendar:  # (a subclass, made round its refusal, would share another's results)
        raise InvalidInput(
            "calendar", calendar, "a voucherlib.WorkingCalendar (not a subclass) or None for the default calendar"
        )
    return calendar
