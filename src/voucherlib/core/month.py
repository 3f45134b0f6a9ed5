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
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from pydantic import GetCoreSchemaHandler, ValidationInfo, field_validator
from pydantic_core import core_schema

from voucherlib.core.errors import Expected, FileRefused, InvalidInput, error_word, expected, python_words
from voucherlib.core.final import final_class
from voucherlib.core.held import held_date, held_text, held_time
from voucherlib.core.imported import imported_whole
from voucherlib.core.money import is_float

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "DateLike",
    "Month",
    "MonthLike",
    "as_date",
    "as_flag",
    "dates_by_policy",
    "day_first_date",
    "is_numpy_bool",
    "optional_date",
]

_MONTH_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$", re.ASCII)
_MONTH_YEAR_RE = re.compile(r"(?P<month>\d{1,2})[./](?P<year>\d{4})", re.ASCII)
"""A month written month and year (``10.2021``, ``10/2021``): a spreadsheet's month format saved
as it shows it (review 76); one reading, the four-digit year last."""
_MONTH_NAME_RE = re.compile(
    r"(?P<name>[^\W\d_]+)\.?,? +(?P<year>[0-9]{4})|(?P<year_first>[0-9]{4}) +წლის +(?P<name_after>[^\W\d_]+)"
)
"""A month written by its name and year (``November 2021``, ``Nov 2021``, ``ნოემბერი 2021``): a
spreadsheet's month format ``MMMM YYYY`` or ``MMM YYYY`` saved as it shows it, in English or a
Georgian or Russian locale (review 259 F2), with a full stop or a comma after the name (``სექ. 2021``,
``სექტემბერი, 2021``: the Georgian locale's own forms), or as a Georgian text writes it, ``2021 წლის
სექტემბერი`` (review 263 F2); one reading."""
_MONTH_NAME_YY_RE = re.compile(r"(?P<name>[^\W\d_]+)\.?(?P<gap>[- ])(?:(?P<yy>[0-9]{2})|(?P<year>[0-9]{4}))")
"""A month written by its short name and a two-digit year, ``Nov-21``: what a spreadsheet saves of
a date cell formatted ``MMM-YY`` (Excel's built-in format 17; LibreOffice writes it so in English
and Georgian locales), read as :data:`TWO_DIGIT_YEARS` reads the year (D35), or ``MMM-YYYY``
(``Nov-2021``); one reading: the day and month format ``D-MMM`` writes ``21-Nov``, the number first.
With a space, ``ნოე 21``, as LibreOffice writes ``MMM YY`` in the Georgian locale (review 275 F6),
for a Georgian or Russian name, which write a day before the month; an English one, ``Nov 21``,
may be a day of November written month first, and is refused."""
_MONTH_NAMES: dict[str, int] = {
    name.casefold(): number
    for number, names in enumerate(
        (
            ("January", "Jan", "იანვარი", "იან", "Январь", "янв"),
            ("February", "Feb", "თებერვალი", "თებ", "Февраль", "фев"),
            ("March", "Mar", "მარტი", "მარ", "Март", "мар"),
            ("April", "Apr", "აპრილი", "აპრ", "Апрель", "апр"),
            ("May", "მაისი", "მაი", "Май"),
            ("June", "Jun", "ივნისი", "ივნ", "Июнь", "июн"),
            ("July", "Jul", "ივლისი", "ივლ", "Июль", "июл"),
            ("August", "Aug", "აგვისტო", "აგვ", "Август", "авг"),
            ("September", "Sep", "Sept", "სექტემბერი", "სექ", "Сентябрь", "сен"),
            ("October", "Oct", "ოქტომბერი", "ოქტ", "Октябрь", "окт"),
            ("November", "Nov", "ნოემბერი", "ნოე", "Ноябрь", "ноя"),
            ("December", "Dec", "დეკემბერი", "დეკ", "Декабрь", "дек"),
        ),
        start=1,
    )
    for name in names
}
"""The months' names as a spreadsheet's month formats write them (``MMMM``, ``MMM``): in English and
Georgian, each with its abbreviation, and in Russian with the abbreviation LibreOffice writes
(LibreOffice under ka-GE writes ``ნოე 2021`` for ``MMM YYYY``, under ru-RU ``Ноябрь 2021`` for
``MMMM YYYY``: review 261 F3, and ``ноя 21`` for ``MMM YY``: review 277 F4); other tools'
abbreviations (``нояб.``, ``сент.``) and the genitive (``мая``) are refused."""
MONTH_PATTERN = r"^(?!0000|9999)[0-9]{4}-(0[1-9]|1[0-2])$"
"""A month's JSON text, as a JSON schema pattern (``YYYY-MM``, years 0001 to 9998 as :class:`Month`
takes them)."""
_DAY_FIRST_RE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})", re.ASCII)
"""A date written day first: the day and the month (one or two digits), the year (four digits,
or two), with the same separator (``/``, ``.`` or ``-``) between them, as a spreadsheet shows a
date cell in the Georgian (``06/12/21``) or a German (``06.12.2021``) locale."""
TWO_DIGIT_YEARS = (2000, 2029)
"""The years a two-digit year of a day-first date is read as (``21`` is 2021): LibreOffice's and
Excel's default reading of ``00`` to ``29``; ``30`` to ``99`` are refused (D35)."""


@final_class
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
            numpy_scalar = type(value).__module__ == "numpy" and type(value).__name__ != "ndarray"
            if numpy_scalar and getattr(getattr(value, "dtype", None), "kind", "") in ("i", "u"):
                # a numpy integer (what Series.dt.year and .dt.month give): the int it holds (review 258 F2)
                object.__setattr__(self, name, int(value))
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidInput(f"month.{name}", value, "a whole number")
            if type(value) is not int:  # a subclass of int (an IntEnum): kept as the plain number it
                # holds, so that no method of its own (its text, its equality) reaches the months
                # and the texts shared by every equal month
                object.__setattr__(self, name, int.__index__(value))
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
        """Read a month from a ``Month``, a ``"YYYY-MM"`` string, a date, or a month as numpy and pandas
        hold one (``datetime64`` of unit ``M``, a monthly ``Period``)."""
        if type(value) is Month:
            return value
        if type(value) is str:
            return _parse_month(value, field)
        if isinstance(value, str):  # a subclass of str: the plain text it holds (its own methods
            # never reach the months kept by their text)
            return _parse_month(str.__str__(value), field)
        count = months_a_step(value)
        if count > 1:  # (a span of months, of which numpy keeps the first: review 283 F1)
            raise InvalidInput(field, value, _said(expected("month_value.span", unit=f"{count}M"), expected("month")))
        month = _month_of_a_month_value(value)
        if month is not None:
            return cls(*month)
        if is_float(value) and abs(float(cast(float, value))) < float("inf"):  # (NaN, pandas' empty cell, inf: none)
            # 10.2021, a month a spreadsheet or pandas' reader made a number of (review 183 F5: the
            # batch said only what a month is; the file's reader says why, and how to keep the text)
            raise InvalidInput(field, value, expected("month_number_cell"))
        try:
            day = as_date(value, field)
        except InvalidInput:
            raise InvalidInput(field, value, _said(expected("month_value"), expected("month"))) from None
        return cls(day.year, day.month)

    def next(self) -> Month:
        """The following month (the month in which the usage document is due)."""
        return _next_month(self)

    def day(self, number: int) -> dt.date:
        """The date of day ``number`` of this month."""
        return dt.date(self.year, self.month, number)

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        held = held_date(day)  # (its own year and month never asked: D43)
        return (held.year, held.month) == (self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __repr__(self) -> str:
        return f"Month({self.year}, {self.month})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.of, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: Any) -> dict[str, Any]:
        """A month in JSON is its text ``YYYY-MM`` (what ``str`` and ``model_dump(mode="json")``
        write), so that ``model_json_schema()`` of a model with a month describes it."""
        return {"type": "string", "pattern": MONTH_PATTERN, "examples": ["2021-10"]}


def _month_of_a_month_value(value: Any) -> tuple[int, int] | None:
    """(year, month) of a value that is a month as numpy and pandas hold one (a ``datetime64`` of
    unit ``M``, a monthly ``pandas.Period``: the forms a table's month column takes, which the
    batch engine reads), else None (NaT is no month: it is refused as a date)."""
    kind, module = type(value).__name__, type(value).__module__
    if kind == "datetime64" and module == "numpy":
        import numpy as np

        if not np.isnat(value) and np.datetime_data(value.dtype)[0] == "M":
            day = first_day_of_month_value(value)
            if day is not None:
                return day.year, day.month
    elif kind == "Period" and module.startswith("pandas") and str(getattr(value, "freqstr", "")).startswith("M"):
        return int(value.year), int(value.month)
    return None


def months_a_step(value: Any) -> int:
    """How many months a ``datetime64`` of a unit of months counts a step (``datetime64[2M]``:
    2); 0 for any other value. A step of several months is a span of them, of which numpy keeps
    the first (``datetime64('2021-12', '2M')`` holds November 2021): such a month is refused
    (review 283 F1: December's document, submitted on 10 Jan 2022 in time, was not funded as
    November's), as a date of a step longer than a day is (:func:`spans_days`)."""
    if type(value).__name__ != "datetime64" or type(value).__module__ != "numpy":
        return 0
    import numpy as np

    unit, count = np.datetime_data(value.dtype)
    return count if unit == "M" else 0


def first_day_of_month_value(value: Any) -> dt.date | None:
    """The first day of the month a ``datetime64`` of unit ``M`` holds, worked out exactly
    (numpy's own cast to days overflows without a word); None past ``datetime.date``'s years,
    or for a unit of several months (a span: :func:`months_a_step`)."""
    import numpy as np

    if np.datetime_data(value.dtype)[1] != 1:
        return None
    year, month = divmod(int(value.view(np.int64)), 12)
    return dt.date(1970 + year, month + 1, 1) if dt.MINYEAR <= 1970 + year <= dt.MAXYEAR else None


@lru_cache(maxsize=4096)
def _next_month(month: Month) -> Month:
    if (month.year, month.month) == (9998, 12):
        raise InvalidInput("month", str(month), "a month up to 9998-11 (the month after it must be a Month too)")
    return Month(month.year + 1, 1) if month.month == 12 else Month(month.year, month.month + 1)


def _parse_month(value: str, field: str) -> Month:
    found = _MONTHS_BY_TEXT.get(value)
    if found is not None:
        return found
    match = _MONTH_RE.match(value.strip()) or _MONTH_YEAR_RE.fullmatch(value.strip())
    named = _MONTH_NAME_RE.fullmatch(value.strip()) if match is None else None
    number = None if named is None else _MONTH_NAMES.get((named["name"] or named["name_after"]).casefold())
    if named is not None and number is not None:
        match = named
    short = _MONTH_NAME_YY_RE.fullmatch(value.strip()) if match is None else None
    if short is not None and short["name"].casefold() in _MONTH_NAMES:  # Nov-21: November 2021
        if short["gap"] == " " and short["yy"] and short["name"].isascii():  # (Nov 21: the 21st of November?)
            raise InvalidInput(field, value, expected("month_name_day"))
        low, high = TWO_DIGIT_YEARS
        year_of = low + int(short["yy"]) if short["yy"] else int(short["year"])
        if short["yy"] and year_of > high:
            raise InvalidInput(field, value, expected("month_two_digit_year", low=low, high=high))
        try:
            found = Month(year_of, _MONTH_NAMES[short["name"].casefold()])
        except InvalidInput:  # (a year 0000 or 9999)
            raise InvalidInput(field, value, expected("month_year")) from None
        if len(_MONTHS_BY_TEXT) < 65536:
            _MONTHS_BY_TEXT[value] = found
        return found
    if match is None:
        at_time = _DATE_AT_TIME.fullmatch(value.strip()) if len(value.strip()) > 10 else None
        if at_time is not None:  # a date cell as a program writes it ('2021-11-01 00:00:00', what
            # pandas.read_excel(dtype=str) makes of one): its month, as the midnight Timestamp's (D38,
            # review 74); a time of day or a zone refused as the date-time is
            day = _midnight_text(at_time, value, field)
            return Month(day.year, day.month)
        raise InvalidInput(field, value, expected("error_value" if error_word(value) else "month"))
    year, month = (
        (match["year"] or match["year_first"], str(number)) if match is named else match.group("year", "month")
    )
    try:
        found = Month(int(year), int(month))
    except InvalidInput:  # (a year 0000 or 9999 said as the year's: review 202 F3)
        said = expected("month_number") if 1 <= int(year) <= 9998 else expected("month_year")
        raise InvalidInput(field, value, said) from None
    if len(_MONTHS_BY_TEXT) < 65536:
        _MONTHS_BY_TEXT[value] = found
    return found


_MONTHS_BY_TEXT: dict[str, Month] = {}

MonthLike: TypeAlias = "Month | str | dt.date | dt.datetime | np.datetime64 | pd.Period"
"""What a month argument accepts: a :class:`Month`, ``"YYYY-MM"``, a date or date-time (its
month), a ``numpy.datetime64`` or a monthly ``pandas.Period`` (review 179 F6: typed)."""


DateLike: TypeAlias = "dt.date | str | dt.datetime | np.datetime64"
"""What a date argument accepts (one policy for the scalar API, the batch engine and the audit):
a :class:`datetime.date`; an ISO ``"YYYY-MM-DD"`` string (or ``"YYYY-MM-DD 00:00:00"``, as
``str`` writes a midnight ``Timestamp``); a naive :class:`datetime.datetime`,
``pandas.Timestamp`` (a datetime) or ``numpy.datetime64`` at midnight, taken as its date; a
daily ``pandas.Period`` (``freq="D"``), its day. Refused, naming the field: a time of day, a time zone, ``NaT``, ``NaN``, an empty string."""


def as_date(value: Any, field: str) -> dt.date:
    """Read a calendar date by the one date policy of :data:`DateLike`.

    Anything else is refused with :class:`InvalidInput` naming ``field``.
    """
    if type(value) is dt.date:  # the common case first: this is on the hot path of every settlement
        return value
    if isinstance(value, str):
        text = held_text(value).strip()  # (by what it holds: D43; a refusal quotes the value given)
        if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        elif len(text) > 10:
            found = _DATE_AT_TIME.fullmatch(text)
            if found is not None:
                return _midnight_text(found, value, field)
        raise InvalidInput(field, value, expected("error_value" if error_word(text) else "date"))
    kind = type(value).__name__
    if kind in ("NaTType", "NAType") or (isinstance(value, float) and value != value):
        raise InvalidInput(field, value, _said(expected("date_value.not_a_date"), expected("date")))
    if isinstance(value, dt.datetime):  # also a pandas.Timestamp
        time, zone = held_time(value)  # (what it holds, by datetime's own code: D43, review 158 F1)
        if zone is not None:
            raise InvalidInput(field, value, _said(expected("date_value.zone"), expected("date_cell.zone")))
        if time != dt.time() or getattr(value, "nanosecond", 0) != 0:
            raise InvalidInput(field, value, _said(expected("date_value.time"), expected("date_cell.at_time")))
        return held_date(value)
    if isinstance(value, dt.date):
        return held_date(value)  # (its day as it holds it, never its own year, month or day: D43)
    if kind == "datetime64" and type(value).__module__ == "numpy":
        return _numpy_date(value, field)
    day = daily_period_date(value)
    if day is not None:
        return day
    raise InvalidInput(field, value, _said(expected("date_value"), expected("date")))


def daily_period_date(value: Any) -> dt.date | None:
    """The day a daily ``pandas.Period`` (``freq="D"``, what ``.dt.to_period("D")`` gives) names,
    else None. Such a period is one calendar day, with no time of day and no time zone; its
    ordinal counts days from 1970-01-01 (review 251 F1: it was refused as no date). A period of
    any other frequency (a month, a week, business days, two days) names no one day: None."""
    if type(value).__name__ != "Period":  # (the usual value, a date or a text: no look at pandas)
        return None
    period = _pandas_period()
    if period is None or type(value) is not period or value.freqstr != "D":
        return None
    try:
        return _EPOCH + dt.timedelta(days=int(value.ordinal))
    except OverflowError:
        return None  # (no day of datetime's years: refused as no date)


_EPOCH = dt.date(1970, 1, 1)

_PERIOD: list[Any] = []
"""``pandas.Period``, once pandas is imported whole (:func:`_pandas_period`)."""


def _pandas_period() -> Any:
    """``pandas.Period`` when pandas is imported (:func:`~voucherlib.core.imported.imported_whole`),
    else None (no pandas value exists then)."""
    if _PERIOD:
        return _PERIOD[0]
    pandas = imported_whole("pandas")
    if pandas is None:
        return None
    _PERIOD[:] = [pandas.Period]
    return pandas.Period


def _said(python: Expected, command_line: Expected) -> Expected:
    """What a date or a month should be in Python's words (a ``datetime.date``, a ``Timestamp``
    ...), or, on the command line, where every date is a file's cell or a flag's text, in the
    file's (``a date written YYYY-MM-DD``; review 52)."""
    return python if python_words() else command_line


_DATE_AT_TIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?", re.ASCII
)
"""An ISO date with a time of day (``2021-12-06 00:00:00``, as ``str`` writes a midnight
``Timestamp``: what ``pandas.read_excel(..., dtype=str)`` gives of a date cell; its hour in one
digit too, ``2021-12-06 0:00:00``, as LibreOffice saves a cell of the format ``yyyy-mm-dd
h:mm:ss``, openpyxl's for a ``datetime``: review 259 F3)."""


_DAY_FIRST_AT_TIME = re.compile(r"(\S+)[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)", re.ASCII)
"""A date written day first with a time of day (``06.12.2021 10:30``: LibreOffice saves a date
cell formatted with a time so)."""


def _midnight_text(found: re.Match[str], value: str, field: str) -> dt.date:
    """The date of an ISO date-time text at midnight (no time zone), read as a midnight
    ``datetime`` is; a time of day or a zone refused as in a ``datetime`` (D38)."""
    day, time, zone = found.groups()
    if zone is not None:
        raise InvalidInput(field, value, _said(expected("date_value.zone"), expected("date_cell.zone")))
    if time.strip("0:."):
        raise InvalidInput(field, value, _said(expected("date_value.time"), expected("date_cell.time")))
    try:
        return dt.date.fromisoformat(day)
    except ValueError:
        raise InvalidInput(field, value, expected("date")) from None


def _day_first_parts(value: str) -> tuple[int, int, str] | None:
    """(the first number, the second, the year as written) of a date written day first, or None.
    A two-digit year after ``-`` is no such date: ``21-11-20`` is also ``YY-MM-DD`` (review 21)."""
    match = _DAY_FIRST_RE.fullmatch(held_text(value).strip())
    if match is None:
        return None
    day, separator, month, year = match.groups()
    if separator == "-" and len(year) == 2:
        return None
    return int(day), int(month), year


def _month_first_only(first: int, second: int) -> bool:
    """Whether ``first/second`` can be read month first alone (``11/20``: 20 is no month)."""
    return 1 <= first <= 12 < second <= 31


def day_first_date(value: str, field: str) -> dt.date | None:
    """A date written day first (``D/M/YY``, ``DD.MM.YYYY``, ``DD-MM-YYYY``: see
    :data:`_DAY_FIRST_RE`), as a file of a Georgian-locale spreadsheet holds its date cells; None
    when the text is not of that form (an ISO date, say: it is read as ever).

    A two-digit year is read from :data:`TWO_DIGIT_YEARS` alone, and a day that does not exist
    (``31/11/2021``) is refused: both naming ``field``. A date that can only be month first
    (``11/20/21``) shows that the file's dates are not day first: it refuses the whole file
    (:class:`~voucherlib.core.errors.FileRefused`), so that no other date of it is read the wrong
    way round (D35)."""
    parts = _day_first_parts(value)
    if parts is None:
        timed = _DAY_FIRST_AT_TIME.fullmatch(held_text(value).strip())
        if timed is None or _day_first_parts(timed.group(1)) is None:
            return None
        # a date cell with a time of day, saved as shown (06.12.2021 00:00): its day at midnight,
        # refused at any other time, as an ISO date-time text is (review 87)
        if timed.group(2).strip("0:."):
            raise InvalidInput(field, value, _said(expected("date_value.time"), expected("date_cell.time")))
        try:
            return day_first_date(timed.group(1), field)
        except InvalidInput as refused:  # quoting the cell, its time too (review 90)
            found = refused.expectation
            raise type(refused)(refused.field, value, found if found is not None else refused.expected) from None
    day, month, year = parts
    number = int(year)
    if len(year) == 2:
        first, last = TWO_DIGIT_YEARS
        if first + number > last:
            raise InvalidInput(field, value, expected("date_day_first.century", year=year, first=first, last=last))
        number += first
    try:
        return dt.date(number, month, day)
    except ValueError:
        if _month_first_only(day, month) and _a_day(number, day, month):  # 11/20/21: 20 November
            column = column_named(field)
            raise FileRefused("day_first", value, expected("day_first.month_first", column=column)) from None
        raise InvalidInput(field, value, expected("date_day_first")) from None  # no day either way (04/31/21)


def column_named(field: str) -> object:
    """A file's column as a message names it: by its header in each language where it has one
    (``enrolled_on``: ჩარიცხვის თარიღი in Georgian), else as given."""
    from voucherlib.core.errors import Reason
    from voucherlib.core.phrases import has_phrase

    name = field.split(".")[0].split("[")[0]  # (a status period's end, disability[0].end: its column)
    if not has_phrase(f"column.{name}"):
        return name
    column = Reason(name)  # in English the column's key, as the file's header names it
    column.error, column.key, column.fields = None, f"column.{name}", {}
    return column


def _a_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def date_order(value: str) -> str | None:
    """``"day_first"`` for a text that may be a date written day first (which is read only when
    the caller says so), ``"month_first"`` for one that can only be month first (never read),
    ``"either"`` for one written with ``/`` or ``-`` that is a day either way round (``11/10/2021``:
    11 Oct day first, 10 Nov month first, as an en-US spreadsheet writes it: review 76), or None.
    (A date written with dots is day first: no spreadsheet writes a month-first date so.)"""
    parts = _day_first_parts(value)
    if parts is None:
        return None
    first, second, year = parts
    month_first = _month_first_only(first, second) and _a_day(2000 + int(year) % 100, first, second)
    if month_first:
        return "month_first"
    if "." not in value and first != second and 1 <= first <= 12 and 1 <= second <= 12:
        return "either"
    return "day_first"


def falls_in(day: Any, month: Any) -> bool:
    """Whether ``day`` (a date, or its ISO text) falls in ``month`` (a Month, or its text
    ``YYYY-MM``): what an explanation says of a discharge depends on it (D1; review 120). False
    for no day."""
    return bool(day) and str(day)[:7] == str(month)


def day_first_sign(value: str, *, period: bool = False) -> str | None:
    """Whether ``value``, a text beside date cells, is what a spreadsheet that read a day-first
    file month first (an en-US import) leaves as text, where it made a date cell, the wrong way
    round, of each date that reads either way (D35): ``"only"`` for a date written with ``/`` or
    ``-`` that can only be day first (``13/12/2021``, with a time of day after it or not:
    ``13/12/2021 00:00``, review 116), ``"no_day"`` for one of that shape that is no day at all
    (``31/11/2021``: no month-first reader takes it either, so an import leaves it too, review 118;
    a typo leaves it as well), ``"either"`` for a status period's end written with ``/`` or ``-``
    that reads as a date day first (``01/10/2021``, ``01-10-2021``: an import never reads a period,
    so it keeps its ends whatever they are, reviews 116, 121); else None. A date that reads either way in a date column is
    no sign: the import made a date cell of it (review 118: a plain CSV of such dates beside a
    date-time text was refused). ``"dotted"`` for a date written with dots that can only be day first
    and is a day (``14.10.2021``): an import whose date column is typed month first (MDY) reads the
    dots so, a date cell of ``05.10.2021`` as 10 May, and leaves it as text (review 290 F1: a
    facility's January paid 3,070.00 for 3,100.00), so it is a sign beside a date cell of its own
    column that reads either way (:class:`~voucherlib.input.cells.DateKinds`); an import that reads
    the column day first leaves one kind in it (LibreOffice's ka-GE import, text; a de-DE one,
    cells: review 293 F2). One that is no day (``31.11.2021``, a typo) is none, and so is a status
    period's end with dots (the form the refusal of a period advises: review 114)."""
    text = held_text(value).strip()
    parts = _day_first_parts(text)
    if parts is None:
        timed = _DAY_FIRST_AT_TIME.fullmatch(text)
        if timed is not None:
            text = timed.group(1)
            parts = _day_first_parts(text)
    if parts is None:
        # DD-MM-YY, which is not read (also YY-MM-DD): an en-US import reads those with a day above 12
        # as YY-MM-DD, a date cell of another year (20-11-21 as 2020-11-21), and leaves the others,
        # a day and a month of 1 to 12, as text (review 125 F10: 600.00 was paid for 220.00 and for
        # 500.00 beside 05-11-21); a text it would have made a cell of (21-11-05) is none (review 128)
        dashed = _DAY_FIRST_RE.fullmatch(text)
        if dashed is None or dashed.group(2) != "-":
            return None
        return "only" if 1 <= int(dashed.group(1)) <= 12 and 1 <= int(dashed.group(3)) <= 12 else None
    day, month, year = parts
    full = 2000 + int(year) % 100 if len(year) == 2 else int(year)
    if "." in text:
        return "dotted" if not period and 12 < day <= 31 and 1 <= month <= 12 and _a_day(full, month, day) else None
    if 12 < day <= 31 and 1 <= month <= 12:
        return "only" if _a_day(full, month, day) else "no_day"
    if period and _a_day(full, month, day):  # (with "/" or "-": an import keeps a period's ends as
        return "either"  # they are written; review 121: 01-11-2021..10-11-2021 paid 700.00 for 580.00)
    return None


def date_order_parts(value: str) -> tuple[int, int] | None:
    """(the first number, the second) of a date written day or month first, or None."""
    parts = _day_first_parts(value)
    return None if parts is None else parts[:2]


_STEPS_A_DAY = {"D": 1, "h": 24, "m": 24 * 60, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000}
"""How many steps of a ``datetime64`` unit make a day (the finer units hold no day of these years)."""


def spans_days(dtype: Any) -> bool:
    """Whether a ``datetime64`` type's one step is longer than a day (a year, a month, a week,
    ``2D``, ``48h``): its values are spans of days, not days, and numpy makes one of a day by
    going back to the span's start without a word (review 282 F1: ``datetime64('2021-11-08',
    '2D')`` holds 7 Nov, a document one working day late read as in time), so it is refused."""
    import numpy as np

    unit, count = np.datetime_data(dtype)
    return unit in ("Y", "M", "W") or (unit in _STEPS_A_DAY and count > _STEPS_A_DAY[unit])


def _numpy_date(value: Any, field: str) -> dt.date:
    import numpy as np

    if np.isnat(value):
        raise InvalidInput(field, value, _said(expected("date_value.nat"), expected("date")))
    unit, count = np.datetime_data(value.dtype)
    if unit in ("Y", "M", "W"):  # (a year, a month or a week: shown as one, 2021-11)
        raise InvalidInput(field, value, _said(expected("date_value.whole_day"), expected("date")))
    if spans_days(value.dtype):  # (its unit said: the value shown is the span's first day, review 282 F1)
        raise InvalidInput(field, value, _said(expected("date_value.span", unit=f"{count}{unit}"), expected("date")))
    if unit in ("ps", "fs", "as"):  # (no such value holds a day of these years: numpy wraps it round; review 86)
        raise InvalidInput(field, value, _said(expected("date_value.year"), expected("date_cell.year")))
    day = value.astype("datetime64[D]")
    if day != value:
        raise InvalidInput(field, value, _said(expected("date_value.time"), expected("date_cell.time")))
    found = day.item()
    if not isinstance(found, dt.date):
        raise InvalidInput(field, value, _said(expected("date_value.year"), expected("date_cell.year")))
    return found


def optional_date(value: Any, field: str) -> dt.date | None:
    """Like :func:`as_date`, but ``None`` means "no date". (An empty string is refused: in the
    Python API "not given" is ``None``; a file's empty cell is read as ``None`` by
    :mod:`voucherlib.input.cells`.)"""
    if value is None:
        return None
    return as_date(value, field)


def dates_by_policy(
    *fields: str, text_later: bool = False, in_file: bool = False, toml: bool = False, required: bool = False
) -> Any:
    """A pydantic validator (mode ``before``) of a model's date ``fields``: each read by the one
    date policy of :func:`as_date` (None: no date), named ``Model.field``, never by pydantic's
    own (review 86: pydantic read ``0`` as 1970-01-01, a number as Unix seconds or
    milliseconds, ``b"2021-10-12"`` and a date-time in another time zone as a day, as review 70
    found for status periods). ``text_later``: a text is kept as it is, for the reader of the
    model's values to read (as a file's cell: a date written day first). ``in_file``: the model is
    a TOML file's (a rule or case file): a refusal shows the value as the file writes it and asks
    for a TOML date (review 87: it showed Python's ``datetime(...)`` and named Python's types).
    ``toml``: the file is TOML alone (a rule set's), whose dates are TOML dates: a text is refused
    too (review 220 F7: ``"2027-01-01"`` and ``" 2027-01-01"`` were read as dates; a case file may
    be JSON, whose dates are texts). ``required``: the fields hold a date, never None (refused in
    the words of every date: review 236 F4, pydantic's own sentence followed "expected").

    >>> from pydantic import BaseModel
    >>> class Stay(BaseModel):
    ...     start: dt.date | None = None
    ...     _start = dates_by_policy("start")
    >>> Stay(start="2021-10-12").start
    datetime.date(2021, 10, 12)
    """

    def read(cls: type, value: Any, info: ValidationInfo) -> Any:
        if (value is None and not required) or (text_later and isinstance(value, str)):
            return value
        field = f"{cls.__name__}.{info.field_name}"
        if not in_file:
            return as_date(value, field)
        try:
            if isinstance(value, dt.datetime) or (toml and isinstance(value, str)):
                # a TOML date-time, at midnight too: a day has no time (review 98); a text, in TOML
                raise InvalidInput(field, value, expected("toml_date"))
            return as_date(value, field)
        except InvalidInput:
            written = value.isoformat() if isinstance(value, (dt.date, dt.time)) else value
            raise InvalidInput(field, written, expected("toml_date")) from None

    return field_validator(*fields, mode="before")(classmethod(read))


def as_flag(value: Any, field: str) -> bool:
    """A yes/no argument of the Python API: ``bool`` or ``numpy.bool_``, nothing else."""
    if value is True or value is False:
        return value
    if is_numpy_bool(value):
        return bool(value)
    raise InvalidInput(field, value, "True or False")


def is_numpy_bool(value: Any) -> bool:
    """Whether ``value`` is a ``numpy.bool_`` (named ``bool`` from numpy 2 on, ``bool_`` before:
    review 67, numpy 1.26's was refused), told without importing numpy."""
    kind = type(value)
    return kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_")
