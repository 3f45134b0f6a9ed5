"""Cells: the one place where a cell of any file or frame becomes a typed value.

A cell comes as CSV text, as an XLSX value (text, a number, a datetime, a bool), as a pandas
or numpy value, or as a plain Python value; whichever reader it came from, it means the same
thing here:

* an **empty cell** (``None``, a blank string, ``NaN``, ``NaT``, ``pandas.NA``) means "not
  given": :func:`date` gives ``None``, :func:`text` gives ``""``, and the kinds that must be
  given (a month, an amount, a count, a flag) refuse it naming the column;
* a **date** follows the one date policy of :func:`voucherlib.core.month.as_date`, and a file's
  dates written day first (``06/12/21``) are read when the caller says so (D35);
* **money** is read by :func:`voucherlib.core.money.parse_gel_text` (decimal comma, thousands
  separators, a unit), with the file's ``decimal_separator`` when the caller names it; a
  spreadsheet's number cell (a binary float, also a float column of a frame) is taken by its
  decimal form at a spreadsheet's 15 significant digits, which must be whole tetri (D18); a text of
  more than two decimals is refused, never rounded;
* a **flag** is a bool (also ``numpy.bool_``), ``0``/``1``, or yes/no in English or Georgian;
* an **id** (a beneficiary's, a facility's) is text that must be given: a blank cell is refused;
* a **count** is a whole number (text of ASCII digits, an int, or a spreadsheet number that is
  whole).

Every refusal is an :class:`~voucherlib.core.errors.InvalidInput` naming the column.
The batch engine reads a date cell by the same policy (:func:`voucherlib.input.columns.policy_date`);
its frames' dates are ISO text or dates (day-first text is a file's, read here).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any

from voucherlib.core.errors import (
    Expected,
    FileRefused,
    InvalidInput,
    Reason,
    VoucherError,
    argument,
    error_word,
    expected,
)
from voucherlib.core.held import held_items, held_text
from voucherlib.core.identifiers import odd_char
from voucherlib.core.imported import imported_whole
from voucherlib.core.money import DecimalSeparator, gel, round_to_tetri, whole_decimal, whole_of_zero_decimals
from voucherlib.core.month import (
    Month,
    as_date,
    as_flag,
    column_named,
    daily_period_date,
    date_order,
    date_order_parts,
    day_first_date,
    day_first_sign,
)
from voucherlib.core.record_fields import named_ends
from voucherlib.input.files import MAX_CELL_CHARS

__all__ = [
    "Periods",
    "count",
    "date",
    "date_reader",
    "date_written",
    "day_first_periods",
    "disability",
    "disability_reader",
    "flag",
    "identifier",
    "is_empty",
    "money",
    "month",
    "month_reader",
    "period_parts",
    "quoted_as_written",
    "text",
    "with_date_advice",
]


class FormulaText(str):
    """A workbook's formula cell read as its formula (``=31*20``): it has no stored value, or its
    workbook's stored values were never calculated. A name cell shows it; a cell that must hold a
    value (an id, a city, a date, a month, an amount, a count, a flag) refuses it, saying so."""

    __slots__ = ()


class MergedCell(str):
    """A workbook's cell covered by merged cells, other than their first: the spreadsheet shows the
    first cell's value across the range, but the file holds it in the first cell alone and the
    covered cell holds nothing. Read as nothing it would be, say, an empty discharge date (not
    discharged: the whole month paid; review 56), so every column refuses it, naming the cell and
    the range; a row's look (a title above the header) takes it as blank."""

    cell: str
    merged: str
    shows: Any
    """The value of the range's first cell, which the spreadsheet shows here too (None when that
    cell is not read): a name or provider column, which only shows its cell, shows it (review 59:
    a provider merged down the rows put each row's money under a blank provider)."""

    def __new__(cls, cell: str, merged: str, shows: Any = None) -> MergedCell:
        made = super().__new__(cls, "")
        made.cell, made.merged, made.shows = cell, merged, shows
        return made

    def __reduce__(self) -> tuple[Any, tuple[str, str, Any]]:
        return (MergedCell, (self.cell, self.merged, self.shows))


_MARKS = (str, FormulaText, MergedCell)
"""The texts a cell holds as they are: a plain text and the library's own marks (a caller's subclass
is read as the text it holds: :func:`~voucherlib.core.held.held_text`)."""


class VolatileFormula(FormulaText):
    """A formula the spreadsheet calculates again each time the sheet is opened (``=TODAY()``,
    ``=NOW()``, one the file marks ``ca``/``aca``, or one that refers to such a cell on its sheet):
    its stored value is the one of the day it was saved, not what the sheet shows when opened
    (reviews 60, 61, 63), so every column refuses it."""

    __slots__ = ()


class CellError(str):
    """A workbook's cell that holds a spreadsheet error (``#N/A``, ``#REF!``): shown as written,
    refused as a value, as :class:`FormulaText` is."""

    __slots__ = ()


def is_error_text(value: Any) -> bool:
    """Whether ``value`` is a spreadsheet's error: a :class:`CellError`, or text that is one of
    :data:`ERROR_TEXTS`, whatever its case and the spaces around it."""
    return type(value) is CellError or (isinstance(value, str) and error_word(value))


def _no_formula(value: Any, field: str) -> None:
    if type(value) is MergedCell:
        raise InvalidInput(
            field, Reason.phrase("value.merged_cell", cell=value.cell, merged=value.merged), expected("merged_value")
        )
    if type(value) is FormulaText:
        raise InvalidInput(field, str(value), expected("formula_value"))
    if type(value) is VolatileFormula:
        raise InvalidInput(field, str(value), expected("volatile_value"))
    if is_error_text(value):
        raise InvalidInput(field, str(value), expected("error_value"))


Reader = Callable[[Any, str], Any]
"""How a column's cell is read: ``read(cell, column name)``."""

Periods = tuple[tuple[dt.date | None, dt.date | None], ...]
"""Status periods read from a cell: ``((from or None, to or None), ...)``."""

_EXACT_FLOAT = 2**53
"""Every whole number up to this is a float exactly; past it a number cell has lost digits."""
_MAX_INT_BITS = 13_607
"""An int of more bits has more than 4,096 digits (``10**4096`` has 13,607 bits), more than a
cell's text holds; those up to it are written and measured (``str()`` of one of more than 4,300
digits raises; review 167 F5: 3 bits a digit refused 3,701 to 4,096 digits as too many)."""

_NUMPY_FLOATS = frozenset({"float16", "float32", "float64", "longdouble", "float96", "float128"})

_YES = frozenset({"yes", "y", "true", "1", "1.0", "კი", "დიახ", "ჭეშმარიტი", "истина"})
_NO = frozenset({"no", "n", "false", "0", "0.0", "არა", "მცდარი", "ложь"})
"""(``1.0`` and ``0.0``: how pandas writes a column of 1 and 0 with a gap, read back as it reads it;
review 34. ``ჭეშმარიტი`` and ``მცდარი``: TRUE and FALSE as LibreOffice in Georgian writes a boolean
cell to CSV, where its XLSX holds a boolean; review 56; ``ИСТИНА`` and ``ЛОЖЬ`` as it writes them in
Russian, common on Georgian desks: review 178 F4, every line refused from the CSV and paid from the
workbook of the same sheet)"""
_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
"""A number as ``pandas.read_csv`` reads a cell: ``1.00``, ``+1``, ``01``, ``1e0``, ``-0.0``. A flag
cell of such a text whose value is exactly 1 or 0 is yes or no, as the same cell is in a frame
``read_csv`` made (review 36: refused in the file, paid in its frame)."""


def is_empty(value: Any) -> bool:
    """An empty cell: None, a blank string, NaN (a Decimal's quiet one too, as pandas reads it: review 160 F1,
    an id ``Decimal("NaN")`` was the beneficiary "NaN"), NaT or pandas.NA (a cell covered by merged
    cells is not: it is refused, never taken for an empty one)."""
    if value is None:
        return True
    if type(value) is MergedCell:
        return False
    if isinstance(value, str):  # (by what it holds: a subclass's own strip may raise or lie, review 132)
        return not str.strip(value)
    if isinstance(value, float):
        return value != value
    if isinstance(value, Decimal):
        return Decimal.is_qnan(value)  # (a quiet NaN, as pandas reads it; an sNaN is refused: review 162 F10)
    kind = type(value).__name__
    if kind in ("NaTType", "NAType"):
        return True
    if (kind == "datetime64" or kind in _NUMPY_FLOATS) and type(value).__module__ == "numpy":
        return bool(value != value)  # NaT and NaN are not equal to themselves
    return False


def _plain(value: Any, field: str) -> Any:
    """A numpy scalar as the Python value it holds (datetime64 is left to the date policy).

    A numpy float other than float64 is refused (D18): float16 holds 1234.56 as 1235, and
    float32 the id 123456789 as 123456792; their ``item()`` is an ordinary float that no
    reader could tell from the amount or id meant."""
    module, kind = type(value).__module__, type(value).__name__
    if module == "numpy" and kind in _NUMPY_FLOATS and kind != "float64":
        raise InvalidInput(field, value, expected("numpy_float", kind=kind))
    return _numpy_item(value)


_NUMPY_TIMES = frozenset({"datetime64", "timedelta64"})


def _numpy_item(value: Any) -> Any:
    """A numpy scalar as the Python value it holds (datetime64 and timedelta64 are left as they are:
    their ``item()`` is an int for nanoseconds, which the date policy reads as the datetime64 it
    is, and refuses as the duration it is; review 116: a duration was said a number); anything
    else as it is."""
    if type(value).__module__ == "numpy" and type(value).__name__ not in _NUMPY_TIMES and hasattr(value, "item"):
        if getattr(value, "ndim", 0) != 0:  # an array of items, not one (review 124 F6: its item() raised)
            return value
        return value.item()
    return value


def text(value: Any, field: str) -> str:
    """A text cell (an id, a name): empty is ``""``; a number or a date is shown as written."""
    _no_formula(value, field)
    if is_empty(value):
        return ""
    value = _plain(value, field)
    if isinstance(value, str):  # a caller's subclass as the text it holds (D43; review 133 F2)
        return value if type(value) in _MARKS else held_text(value)  # (the library's marks as they are)
    if isinstance(value, dt.datetime) and dt.datetime.time(value) == dt.time() and dt.datetime.utcoffset(value) is None:
        return dt.datetime.date(value).isoformat()
    if isinstance(value, dt.date):  # (by the type's own method: a subclass's may raise, review 125 F5)
        return dt.datetime.isoformat(value) if isinstance(value, dt.datetime) else dt.date.isoformat(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_FLOAT:
        return str(int(value))  # an id typed into a number cell: 1234, not 1234.0
    if isinstance(value, Decimal) and Decimal.is_finite(value):  # (an sNaN, an infinity: its text)
        whole = _whole_decimal(value, field)
        if whole is not None:  # the same of a database's NUMERIC column: 101.0 is 101 (review 158 F4)
            return whole
    if isinstance(value, int) and not isinstance(value, bool):
        written = str(int(value)) if value.bit_length() <= _MAX_INT_BITS else None
        if written is None or len(written) > MAX_CELL_CHARS:
            raise InvalidInput(field, value, expected("text_chars", chars=MAX_CELL_CHARS))
        return written
    if isinstance(value, (bool, int, float, Decimal, Month)):
        return repr(value) if isinstance(value, float) else str(value)
    raise InvalidInput(field, value, expected("text"))


def _whole_decimal(value: Decimal, field: str) -> str | None:
    """The digits of a finite Decimal that is a whole number (``Decimal("101.0")``,
    ``Decimal("1E+3")``: ``"101"``, ``"1000"``, as the int of the same number writes it), read from
    the digits it holds (no context, no method of a subclass); None for a fraction. One of more
    digits than a cell's text holds is refused, as such a text is (review 162 F1: past 30 digits
    it kept its own text, another id than the int's)."""
    sign, digits, exponent = Decimal.as_tuple(value)
    assert isinstance(exponent, int)  # (finite: told by the caller)
    if exponent < 0:
        if any(digits[exponent:]):
            return None
        digits = digits[:exponent]
    digits = digits[next((i for i, d in enumerate(digits) if d), len(digits)) :]  # (0E+5000 is 0: review 163 F5)
    if not digits:
        return "0"
    if sign + len(digits) + max(exponent, 0) > MAX_CELL_CHARS:  # (more than a cell's text holds, its sign too)
        raise InvalidInput(field, value, expected("text_chars", chars=MAX_CELL_CHARS))
    text = "".join(map(str, digits)) + "0" * max(exponent, 0)
    return ("-" + text) if sign and text != "0" else text


def same_id(ident: str) -> str:
    """An id as the audit compares, looks up and shows it: without the spaces around it
    (``"A-01 "`` is ``A-01``). The one normalisation of ids of the findings, ``explain`` and
    the tables."""
    return ident.strip()


SCIENTIFIC_ID = re.compile(r"[0-9]+(?:[.,][0-9]+)?[Ee][+-][0-9]{1,3}")
"""An id cell's text that is a number in scientific notation, as a spreadsheet writes a long number
of a number cell to CSV (Excel ``1.23457E+11``, LibreOffice ``1.23456789012346E+016``, a decimal
comma ``1,23457E+11``, pandas ``1.2345e+16``): its digits are lost, and two ids become one (review
178 F1: a second child paid 0.00 as "already billed"). A sign after the ``E`` always: ``12E4`` may
be an id. Refused as a number cell of as many digits is (D37)."""


def identifier(value: Any, field: str) -> str:
    """An id cell (a beneficiary's, a facility's): text as :func:`text` shows it, which must be
    given; an empty or blank cell (``""``, spaces, ``NaN``) is refused, so no row without an id
    is ever settled or paid; so is an id holding an invisible character (:func:`invisible_char`),
    which would make a second beneficiary of one that looks the same (review 47: ``B-01`` and
    ``B-01`` with a zero-width space were paid the same month twice, with no finding; review 48:
    a combining grapheme joiner, a variation selector, a Hangul filler)."""
    _no_formula(value, field)
    ident = text(value, field)
    if not ident.strip():
        raise InvalidInput(field, value, expected("id"))
    # B-01 and B-01 with a zero-width space would be two beneficiaries (B-01 with a tab after it is
    # B-01), and so with a code point of no agreed character, an empty box (reviews 285 F1, 286 F1);
    # two facilities, not beneficiaries, of a facility id (review 170 F3)
    odd = odd_char(ident.strip())
    if odd is not None:
        what, char = odd
        facility = field == "facility_id"
        if what is None:  # (invisible)
            said = expected("facility_id_visible", char=char) if facility else expected("id_visible", char=char)
        elif facility:
            said = expected("id_known.facilities", char=char, what=what)
        else:
            said = expected("id_known.beneficiaries", char=char, what=what)
        raise InvalidInput(field, value, said)
    if "?" in ident:  # a letter lost to a code page: ids that differed in it would be one (review 211 F2)
        raise InvalidInput(field, value, expected("id_letters_lost"))
    if "\ufffd" in ident:  # a letter lost when the file was read in another encoding (review 286 F3)
        raise InvalidInput(field, value, expected("id_letters_replaced"))
    if isinstance(value, str) and SCIENTIFIC_ID.fullmatch(ident.strip()):  # 1.23457E+11: a number's text (178 F1)
        raise InvalidInput(field, value, expected("id_scientific"))
    plain = _plain(value, field)
    if isinstance(plain, float) and not (plain.is_integer() and abs(plain) < _EXACT_FLOAT):
        # 12345678901234567890 in a number cell is stored as 12345678901234567168: not the id; nor is
        # 2**53 itself, the double of 2**53 + 1 too (review 255 F1: 9007199254740993 was read ...992)
        raise InvalidInput(field, value, expected("id_text"))
    if isinstance(plain, Decimal) and not Decimal.is_finite(plain):  # (an sNaN, an infinity: review 162 F10)
        raise InvalidInput(field, value, expected("id_text"))
    return ident


class DateKinds:
    """The two kinds of date one read of a file may meet: a date cell, and a text a spreadsheet
    leaves as text when it reads a day-first file month first (an en-US import of a Georgian
    file), where it makes a date cell, the wrong way round, of each date that reads either way
    (``05/11/2021``: 11 May): a date that can only be day first (``13/12/2021``, with a time of
    day or not), one of that shape that is no day (``31/11/2021``), and any end of a status period
    written with ``/`` or ``-`` (an import never reads a period), in a date, a month or a status
    period (:func:`~voucherlib.core.month.day_first_sign`). So the file
    is refused on the cell that completes the pair, naming it and one of the other kind, whatever
    ``day_first`` says: none of its date cells can be trusted (D35, review 110: a voucher due
    260.00 was paid 300.00, and one submitted in time was "not funded"; review 116: a period
    whose ends read either way, 720.00 for 420.00; review 118: a date that reads either way in a
    date column is no sign, the import made a cell of it). A date cell is a date (a datetime, a pandas
    Timestamp, a numpy datetime64) or the text a tool makes of one, an ISO date with a time of
    day (``2022-10-01 00:00:00``: ``read_excel(dtype=str)``, review 112; ``2022-10-01T00:00:00``,
    ``isoformat``; review 116); an empty cell (NaT) is none, nor is a month cell on a day other
    than the 2nd to the 12th (the first reads alike either way round, and a month read the wrong
    way round, ``01/03/2022`` made 3 January, has its month as its day: a month-end date is no
    sign). A reader of a file's dates, months and status periods is given one, made for that read
    (:func:`date_reader`, :func:`month_reader`, :func:`disability_reader`)."""

    __slots__ = ("cell", "cell_text", "dotted", "low_cells", "no_day", "pending", "period", "text")

    def __init__(self) -> None:
        self.cell: tuple[str, str] | None = None
        """(the column, the day as shown) of the first date cell met."""
        self.cell_text = False
        """Whether that date cell is a text, a date with a time of day (a CSV of a database's or
        pandas' export holds such text too: the refusal says to write it as a date, review 118)."""
        self.text: tuple[str, str] | None = None
        """(the column, the text) of the first such text met (:func:`~voucherlib.core.month.day_first_sign`)."""
        self.no_day = False
        """Whether the text is no day at all (``31/11/2021``: a typo leaves it too, which the
        refusal says: review 116, a Georgian workbook with a typo)."""
        self.period = False
        """Whether the text is a status period's end (typed by hand: a workbook of a Georgian locale
        holds such text beside its date cells too, so the refusal says the two cannot be told apart)."""
        self.dotted: dict[str, str] = {}
        """The first date written with dots that can only be day first (``14.10.2021``) of each
        column: a sign only beside a date cell of the same column that reads either way (below)."""
        self.low_cells: dict[str, tuple[str, bool]] = {}
        """The first date cell of each column whose day is the 12th or before, as shown, and whether
        it is a text (what an import typed month first makes of ``05.10.2021``: 10 May, review 290
        F1). A column an import reads day first holds one kind of dotted date, cells (de-DE) or
        text (LibreOffice's ka-GE), so a dotted text beside a date cell of another column (an ISO
        column, a column parsed by pandas) is no sign (review 293 F2)."""
        self.pending: list[tuple[str, Callable[[], Any]]] = []
        """Typed date columns not looked into yet: (the column, a function giving a date of it or
        None), looked into only once such a text is met (a table of typed dates alone costs
        nothing)."""

    def later(self, field: str, first: Callable[[], Any]) -> None:
        """A typed date column ``field``, every value of it a date cell: ``first()`` gives one (or
        None). Looked into when a text that can only be day first is met, now if one has been.
        (The column is added before the text is looked at, and a text is noted before the columns
        are: of two threads, the one that comes second sees the other's.)"""
        self.pending.append((field, first))
        if self.text is not None and self.cell is None and self._cell_of_pending():
            assert self.cell is not None
            self._refuse(self.text[0], self.text[1], "text", self.cell)

    def meet(self, value: Any, field: str, *, month: bool = False, periods: bool = False, end: bool = False) -> None:
        """Note ``value``, a cell of the column ``field`` (``month``: of the month column;
        ``periods``: of status periods, whose ends are looked for in the text; ``end``: a text of
        status periods given in code, never a date cell, for such periods are the caller's values,
        as their ends given as dates are: review 124 F3, an ISO text with a time of day counted as
        one in some shapes, refusing a table of text dates, and not in others); refuse the file
        when both kinds have been met."""
        if value is None or is_empty(value):
            return
        cell = None if end else _date_cell(value)
        if cell is not None:
            day = cell[8:10]
            low = day.isdigit() and (2 if month else 1) <= int(day) <= 12
            if low and field not in self.low_cells:
                self.low_cells[field] = (cell, isinstance(value, str))
                dotted = self.dotted.get(field)
                if dotted is not None:  # (its column holds a dotted date that can only be day first)
                    self._refuse_dotted(field, value, "cell", (field, dotted), isinstance(value, str))
            if self.cell is not None or (month and not low):
                return  # (a month read the wrong way round has a day of 2 to 12: review 114)
            self.cell = (field, cell)
            self.cell_text = isinstance(value, str)
            this, shown, other = "cell", value, self.text  # (the date cell itself, not a text of it)
        elif isinstance(value, str) and (self.text is None or (not periods and field not in self.dotted)):
            text = str.__str__(value)
            tokens = _DATE_TOKEN.findall(text) if periods else [text.strip()]
            signs = ((t, day_first_sign(t, period=periods)) for t in tokens)
            found = next(((t, sign) for t, sign in signs if sign is not None), None)
            if found is None:
                return
            if found[1] == "dotted":  # (a sign beside a date cell of its own column alone: review 293 F2)
                if field not in self.dotted:
                    self.dotted[field] = found[0]
                    beside = self.low_cells.get(field)
                    if beside is not None:
                        self._refuse_dotted(field, text, "text", (field, beside[0]), beside[1])
                return
            if self.text is not None:
                return
            self.text = (field, found[0])
            self.no_day = found[1] == "no_day"
            self.period = periods
            if self.cell is None:
                self._cell_of_pending()
            this, shown, other = "text", text, self.cell
        else:
            return
        if other is not None:
            self._refuse(field, shown, this, other)

    def _cell_of_pending(self) -> bool:
        """Whether a typed column added by :meth:`later` gives a date cell (then noted)."""
        for column, first in list(self.pending):
            value = first()
            cell = None if value is None else _date_cell(value)
            if cell is not None:
                if self.cell is None:
                    self.cell = (column, cell)
                return True
        return False

    def _refuse_dotted(self, field: str, shown: Any, this: str, other: tuple[str, str], cell_text: bool) -> None:
        """Refuse the file on a dotted date that can only be day first and a date cell of the same
        column that reads either way (``this`` the one met last, ``other`` the first of the other)."""
        self.text = other if this == "cell" else (field, str.__str__(shown).strip())
        self.no_day = self.period = False
        self.cell_text = cell_text
        self._refuse(field, shown, this, other)

    def _refuse(self, field: str, shown: Any, this: str, other: tuple[str, str]) -> None:
        cell = "date_kind.cell_text" if self.cell_text else "date_kind.cell"
        fields = {
            "this": Reason.phrase(cell if this == "cell" else "date_kind.text"),  # (said in Georgian by its key)
            "other_kind": Reason.phrase("date_kind.text" if this == "cell" else cell),
            "other_column": column_named(other[0]),
            "other": other[1],
            "typo": Reason.phrase("date_kind.typo", text=self.text[1]) if self.no_day and self.text else "",
        }
        # a status period's end typed day first beside date cells is also what a workbook of a
        # Georgian locale holds: the two cannot be told apart, and the message says so (review 113)
        said = expected("dates_mixed_period", **fields) if self.period else expected("dates_mixed", **fields)
        raise FileRefused(field, shown, said)


_DATE_TOKEN = re.compile(
    r"(?<![0-9/])[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}(?![0-9/])|(?<![0-9-])[0-9]{1,2}-[0-9]{1,2}-[0-9]{2,4}(?![0-9-])"
)
"""A date written with ``/`` or ``-`` inside a text (a status period's end), whole: not the
``21/12/13`` inside ``2021/12/13`` (review 113); a slashed one beside a hyphen too
(``13/11/2021-20/11/2021``, ``13/11/2021-დან``: review 122, it was no sign, and a misread row
beside it was paid 600.00 for 520.00)."""

_DATE_CELL_TEXT = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?")
"""A date cell as a tool writes it as text: an ISO date with a time of day (pandas'
``read_excel(dtype=str)``: ``2021-05-11 00:00:00``; ``isoformat``, ``to_json``: ``2021-05-11T00:00:00.000``;
Polars: ``2021-05-11 00:00:00.000000``; review 116)."""


def _date_cell(value: Any) -> str | None:
    """The day of ``value`` as shown (``2021-05-11``) when it is a date cell, else None (an
    empty cell, NaT, is none: review 116, a crash)."""
    # (a subclass's day by the type's own methods: its own may raise, review 125 F5)
    if isinstance(value, dt.datetime):
        if value != value:  # (pandas' NaT, a datetime that equals nothing)
            return None
        midnight = dt.datetime.time(value) == dt.time() and dt.datetime.utcoffset(value) is None
        return dt.datetime.date(value).isoformat() if midnight else dt.datetime.isoformat(value)
    if isinstance(value, dt.date):
        return dt.date.isoformat(value)
    day = daily_period_date(value)
    if day is not None:  # (a daily pandas Period is a date cell: review 251 F1)
        return day.isoformat()
    if isinstance(value, str):
        found = _DATE_CELL_TEXT.fullmatch(str.strip(value))
        return found.group(1) if found is not None else None
    if type(value).__name__ == "datetime64" and type(value).__module__ == "numpy":  # (review 116: an object column's)
        import numpy as np

        if np.isnat(value):
            return None
        try:
            day = value.astype("datetime64[D]")
            return str(day) if value == day else str(value)
        except (OverflowError, ValueError):  # (ps, fs, as: no day numpy compares with; still a cell, review 118)
            return str(value)
    return None


def date(value: Any, field: str, *, day_first: bool = False, kinds: DateKinds | None = None) -> dt.date | None:
    """A date cell: ``None`` when empty, else a date by the one date policy (a time of day, a
    time zone or anything that is not a date is refused).

    ``day_first``: the file's dates are written day first (``06/12/21``, ``06.12.2021``), as a
    Georgian-locale spreadsheet shows its date cells: such a text is read as day, month, year
    (:func:`~voucherlib.core.month.day_first_date`; an ISO date is still read). Without it such a
    text is refused, with advice to say so (D35). ``kinds``: the kinds of date the read of the
    file has met (:class:`DateKinds`), which refuses a file that holds both."""
    _no_formula(value, field)
    if kinds is not None:
        kinds.meet(value, field)
    if day_first is not False:
        day_first = as_flag(day_first, "day_first")  # "no" is a true value: never taken for True
    if is_empty(value):
        return None
    if isinstance(value, str):
        plain = str.__str__(value)  # a subclass of str: the plain text it holds
        if day_first:
            day = day_first_date(plain, field)
            if day is not None:
                return day
            try:
                return as_date(plain, field)
            except InvalidInput as error:  # advised the forms the file is read in (review 85: ISO alone)
                found = error.expectation
                if found is None or found.key != "expected.date":
                    raise
                raise InvalidInput(field, value, expected("date_read_day_first")) from None
        else:
            try:
                return as_date(plain, field)
            except InvalidInput as error:
                raise with_date_advice(error, plain) from None
    if _a_number(value):  # (review 110 F3: said as a Python argument's refusal, not as a cell's)
        serial = _serial_day(value)  # the day it is in a workbook, when it may be one (review 204 F6)
        if serial is not None:  # (in either date system: review 241 F2, a 1904 workbook's day said 1900's)
            raise InvalidInput(
                field,
                value,
                expected(
                    "date_number_cell_serial",
                    number=int(float(value)),
                    day=serial.isoformat(),
                    day_1904=(serial + _DAYS_1900_TO_1904).isoformat(),
                ),
            )
        raise InvalidInput(field, value, expected("date_number_cell"))
    return as_date(value, field)


_WORKBOOK_DAY_0 = dt.date(1899, 12, 30)
"""The day before a workbook's day 1 of the 1900 date system (Excel's and LibreOffice's default),
counted so from day 61, 1 Mar 1900 (Excel's day 60 is a 29 Feb 1900 that never was)."""


_DAYS_1900_TO_1904 = dt.date(1904, 1, 1) - _WORKBOOK_DAY_0
"""What a day number adds in a workbook of the 1904 date system (day 0: 1 Jan 1904; a Mac's Excel
of old, and a workbook saved so) to its day in the 1900 system: 1,462 days."""


def _serial_day(value: Any) -> dt.date | None:
    """The day a whole number of a cell is in a workbook's 1900 date system (``44531``: 1 Dec
    2021), for advice, when it is one from 1 Mar 1900 and is a day up to 31 Dec 9999 in the 1904
    system too (:data:`_DAYS_1900_TO_1904` later); else None."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if not number.is_integer() or not 61 <= number <= (dt.date.max - dt.date(1904, 1, 1)).days:
        return None
    return _WORKBOOK_DAY_0 + dt.timedelta(days=int(number))


def _a_number(value: Any) -> bool:
    """Whether ``value`` is a number: an int or a float (a numpy one of any width too: a date cell
    made a number is said so whatever its width, review 115; a datetime64 is no number), not a flag."""
    plain = _numpy_item(value)
    return isinstance(plain, (int, float)) and not isinstance(plain, bool)


def with_date_advice(error: VoucherError, text: str | None = None) -> VoucherError:
    """``error``, a refusal of the date ``text`` (default: the refused value, when it is text),
    with advice when the text is a date written day first (to give ``day_first``) or month first
    (never read): D35. A refused month written as a date day first is advised the flag too (a
    month written both ways round is not: it would be a month-first file's misread). Any other
    error as it is."""
    found = error.expectation if type(error) is InvalidInput else None
    if found is None or found.key not in ("expected.date", "expected.month"):
        return error
    if text is None:
        if not isinstance(error.value, str):
            return error
        text = str.__str__(error.value)
    order = date_order(text)
    if found.key == "expected.month":
        if order != "day_first":
            return error
        advice = argument("day_first", "day_first=True")
        return InvalidInput(error.field, error.value, expected("month.day_first", advice=advice))
    if order == "day_first":
        advice = argument("day_first", "day_first=True")
        return InvalidInput(error.field, error.value, expected("date.day_first", advice=advice))
    if order == "month_first":
        return InvalidInput(error.field, error.value, expected("date.month_first"))
    if order == "either":  # (review 76: advised day_first alone, an en-US file was then read wrong)
        first, second = date_order_parts(text) or (0, 0)
        advice = argument("day_first", "day_first=True")
        return InvalidInput(
            error.field, error.value, expected("date.either_order", first=first, second=second, advice=advice)
        )
    return error


def date_reader(day_first: bool, kinds: DateKinds | None = None) -> Reader:
    """The reader of a file's date column: :func:`date`, reading day-first dates when told, and
    noting the kinds of date it meets in ``kinds`` (one for each read of a file)."""
    return partial(date, day_first=as_flag(day_first, "day_first"), kinds=kinds)


def required_date_reader(day_first: bool, kinds: DateKinds | None = None) -> Reader:
    """The reader of a file's date column that must be filled (``submitted_on`` of a voucher
    table): :func:`date`, an empty cell refused in a file's words, as an empty month is (review
    216 F2: it was "got None (NoneType); expected a date: datetime.date, ... Timestamp ...", the
    Python API's words for a cell left blank)."""
    day_first = as_flag(day_first, "day_first")

    def required(value: Any, field: str) -> dt.date:
        day = date(value, field, day_first=day_first, kinds=kinds)
        if day is None:
            raise InvalidInput(field, value, expected("date"))
        return day

    return required


def month(value: Any, field: str, *, day_first: bool = False, kinds: DateKinds | None = None) -> Month:
    """A month cell: ``YYYY-MM``, or a date / date cell of the month.

    ``day_first``: the file's date cells are written day first (D35): a month cell written so
    (``01.04.2022``, what a Georgian-locale spreadsheet saves of a month kept as a date cell) is
    that date's month, as the date cell itself is in a workbook. Without it such a text is
    refused, as any text that is not ``YYYY-MM``. ``kinds``: as for :func:`date`."""
    _no_formula(value, field)
    if kinds is not None:
        kinds.meet(value, field, month=True)
    if is_empty(value):
        raise InvalidInput(field, value, expected("month"))
    plain = _plain(value, field)
    if day_first and isinstance(plain, str):
        day = day_first_date(str.__str__(plain), field)
        if day is not None:
            return Month(day.year, day.month)
    if _a_number(plain):  # 10.2021 made a number by a spreadsheet (review 110 F3)
        raise InvalidInput(field, value, expected("month_number_cell"))
    # (review 92: a day-first month was refused without the flag's advice, a date with it)
    try:
        return Month.of(plain, field=field)
    except InvalidInput as error:
        raise with_date_advice(error, str.__str__(plain) if isinstance(plain, str) else None) from None


def month_reader(day_first: bool, kinds: DateKinds | None = None) -> Reader:
    """The reader of a file's month column: :func:`month`, reading day-first dates when told, and
    noting the kinds of date it meets in ``kinds``."""
    return partial(month, day_first=as_flag(day_first, "day_first"), kinds=kinds)


def money(value: Any, field: str, *, decimal_separator: DecimalSeparator | None = None) -> Decimal:
    """An amount cell in GEL, exact to the tetri (at most two decimals); empty is refused."""
    _no_formula(value, field)
    if is_empty(value):
        raise InvalidInput(field, value, expected("money"))
    value = _plain(value, field)
    if isinstance(value, bool):  # (a cell's words: the Python API's, "never a float", would be false here)
        raise InvalidInput(field, value, expected("money"))
    if isinstance(value, float):
        if value in (float("inf"), float("-inf")):
            raise InvalidInput(field, value, expected("money_finite"))
        # A spreadsheet number cell (D18): its decimal form at the 15 significant digits a
        # spreadsheet keeps and shows (600.0000000000001, what Excel may store of a sum, is the
        # 600.00 it shows: review 166 F3), which must be whole tetri (-0.0 keeps its sign: pandas
        # reads a text "-0.00" so, which is refused as negative).
        try:
            amount = gel(Decimal(format(value, ".15g")), field=field)
        except InvalidInput as exc:  # said of the cell as given (-0.0), not of the Decimal made of it
            raise InvalidInput(field, value, exc.expectation or exc.expected) from None
    else:
        amount = gel(value, field=field, decimal_separator=decimal_separator)
    tetri = round_to_tetri(amount)  # in the library's context, never the caller's (D25)
    if amount != tetri:
        raise InvalidInput(field, value, expected("tetri"))
    return tetri  # 600 (a number cell) is 600.00, written with two decimals like every amount


_MOST_COUNT_DIGITS = 18
"""The most digits a count cell may have (far beyond any count of people or days)."""


def count(value: Any, field: str) -> int:
    """A whole number of 0 or more: ASCII digits, an int, or a spreadsheet number that is whole."""
    _no_formula(value, field)
    value = _plain(value, field)
    if isinstance(value, str):  # (by what it holds: review 132)
        value = str.__str__(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        if len(value.strip()) > _MOST_COUNT_DIGITS:  # (review 94: "expected ... its digits as text" of its digits)
            raise InvalidInput(field, value, expected("count_up_to", max=10**_MOST_COUNT_DIGITS - 1))
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and 0 <= value <= _EXACT_FLOAT:
        return int(value)
    whole = whole_decimal(value)  # (a database's NUMERIC column: a whole Decimal is its int, as an id's is: D43)
    if whole is not None and len(str(whole)) <= _MOST_COUNT_DIGITS:
        return whole
    # 7.0 or 18,0 (as pandas or a Georgian-locale spreadsheet writes a float column): how to write it,
    # as the API's refusal says (review 184 F5)
    if isinstance(value, str) and whole_of_zero_decimals(value) is not None:
        raise InvalidInput(field, value, expected("count_decimals", whole=whole_of_zero_decimals(value)))
    raise InvalidInput(field, value, expected("count"))


def flag(value: Any, field: str) -> bool:
    """A yes/no cell: a bool (or numpy.bool_), 0 or 1 (an int, a float or a Decimal, as a
    database's NUMERIC flag reads), or yes/no, true/false, კი/არა."""
    _no_formula(value, field)
    value = _plain(value, field)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):  # (its plain value: a subclass's own comparisons never asked, D43)
        plain = int.__index__(value) if isinstance(value, int) else float.__float__(value)  # (review 292 F2)
        if plain in (0, 1):
            return bool(plain)
    if isinstance(value, Decimal):  # (review 251 F2: pandas.read_sql's Decimal 1 and 0 were refused)
        number = Decimal(value)  # (a plain copy: a subclass's own comparisons never asked, D43)
        if number.is_finite() and number in (0, 1):  # (exact: 0.9999 is no 1; NaN is neither)
            return bool(number)
    if isinstance(value, str):
        lowered = str.strip(value).lower()
        if lowered in _YES:
            return True
        if lowered in _NO:
            return False
        if _NUMBER_TEXT.fullmatch(lowered) and len(lowered) <= 40:
            number = Decimal(lowered)
            if number in (0, 1):  # (exact: 0.9999 is no 1, as 1.0001 is none)
                return bool(number)
    raise InvalidInput(field, value, expected("flag"))


def disability(
    value: Any, field: str, *, day_first: bool = False, kinds: DateKinds | None = None
) -> bool | tuple[Any, ...]:
    """A disability cell: yes/no for the whole month, or status periods ``FROM..TO;FROM..TO``
    where either end may be left empty (``2021-11-16..`` means "from 16 November on", D2), but
    not both (``..`` is refused: D32). Each end is a date cell, read day first when told (:func:`date`).
    ``kinds``: as for :func:`date` (a period's end that can only be day first counts)."""
    _no_formula(value, field)
    if kinds is not None:
        kinds.meet(value, field, periods=True)
    wanted = expected("disability")
    if is_empty(value):  # (never read as no status: a file says it on every row, D41)
        raise InvalidInput(field, value, wanted)
    plain = _plain(value, field)
    if isinstance(plain, (list, tuple)):  # periods given in code (StatusPeriod, pairs): the rules check each
        plain = held_items(plain)  # (the periods it holds, its own iteration never asked: D43)
        if kinds is not None and not day_first:  # (read day first, each end is noted as it is read)
            note_period_ends(plain, field, kinds)
        try:
            return tuple(day_first_periods(plain, field, kinds) if day_first else plain)
        except VoucherError:
            raise
        except Exception:  # (a list whose iteration raises the caller's own exception: review 124 F2)
            raise InvalidInput(field, type(plain).__name__, wanted) from None
    if kinds is not None and plain is not value:  # (a numpy array of one text: review 124 F1)
        kinds.meet(plain, field, periods=True)
    if kinds is not None and type(plain) not in _FLAG_TYPES:  # a set, a Series, a mapping, an array: refused
        _note_texts_in(plain, field, kinds)  # below, but its texts count (review 124 F6)
    if isinstance(plain, str):
        plain = held_text(plain)  # (by what it holds: a subclass's split may lie, review 133 F1)
    if not isinstance(plain, str) or ".." not in plain:
        try:
            return flag(plain, field)
        except InvalidInput:
            raise InvalidInput(field, value, wanted) from None
    periods = []
    for i, part in enumerate(period_parts(plain)):
        if part.count("..") != 1:
            raise InvalidInput(field, value, expected("periods"))
        start, end = part.split("..")
        if not start.strip() and not end.strip():  # a placeholder, not "throughout" (D32): that is yes
            raise InvalidInput(field, value, expected("period_with_a_date"))
        periods.append(
            (
                date(start, f"{field}[{i}].start", day_first=day_first),
                date(end, f"{field}[{i}].end", day_first=day_first),
            )
        )
    return tuple(periods)


def period_parts(text: str) -> list[str]:
    """The status periods of a disability cell's text ``FROM..TO;FROM..TO``, each as written
    (:func:`disability` reads period ``i`` of them as ``disability[i]``)."""
    return [part for part in held_text(text).split(";") if part.strip()]


def date_written(cell: Any, day: dt.date) -> str | None:
    """The text a refusal quotes for ``day``, read from ``cell``: the cell's text without its
    blanks (review 88) where that is not the day's ISO text (``10.11.2021`` read day first), else
    None (the ISO text is quoted)."""
    text = cell.strip() if type(cell) is str else None
    return text if text and text != day.isoformat() else None


_PERIOD_END = re.compile(r"(\w+)\[(\d+)\]\.(?:start|end)")


def quoted_as_written(error: VoucherError, raw: Mapping[str, Any], values: Mapping[str, Any]) -> VoucherError:
    """``error`` (a row refused after its cells were read) quoting each date it names as its cell
    was written, where that cell was text read as another text of the date: a discharge written
    ``10.11.2021`` (read day first) before the enrolment ``20.11.2021`` is refused quoting
    ``'10.11.2021'`` and ``(20.11.2021)``, not ``'2021-11-10'``, which is not in the file and
    looks like its day and month swapped (review 85). ``raw`` are the row's cells as given,
    ``values`` the values read from them; a value the error names that is not a date read from a
    column's text is left as it is."""
    if type(error) is not InvalidInput:
        return error
    cells_of = {name: (raw.get(name), values.get(name)) for name in raw}
    period = _PERIOD_END.fullmatch(error.field)
    if period is not None:  # an end of a status period (disability[0].end): its period's ends as written
        column, i = period.group(1), int(period.group(2))
        text, read = raw.get(column), values.get(column)
        parts = period_parts(text) if type(text) is str else []
        if isinstance(read, (list, tuple)) and len(read) == len(parts) and i < len(parts) and parts[i].count("..") == 1:
            ends = dict(zip(("start", "end"), parts[i].split(".."), strict=True))
            for end, at in (("start", 0), ("end", 1)):
                cells_of[f"{column}[{i}].{end}"] = cells_of[end] = (ends[end].strip(), read[i][at])

    def written(name: str, said: Any) -> Any:
        cell, read = cells_of.get(name, (None, None))
        if isinstance(read, dt.date) and said in (read, dt.date.isoformat(read)):
            # (the cell's text: a day named of the type given, '2021-09-08' (date), is the file's text)
            text = date_written(cell, read) or (str.__str__(said) if isinstance(said, str) else said)
            # (named as it was given: a day read, a date, as every path names it; review 216 F1)
            kind = said.kind if isinstance(said, Reason) else ""
            return Reason.typed(text, kind) if kind and isinstance(text, str) else text
        return said

    value = written(error.field, error.value)
    found = error.expectation
    fields = () if found is None else tuple((name, written(name, said)) for name, said in found.fields)
    if value is error.value and (found is None or fields == found.fields):
        return error
    return InvalidInput(error.field, value, error.expected if found is None else Expected(found.key, fields))


def day_first_periods(value: Any, field: str, kinds: DateKinds | None = None) -> Any:
    """Status periods given in code (a list or tuple of ``(start, end)`` pairs or of mappings with
    ``start`` and ``end``), each end that is a text written day first read as its date (D35;
    :func:`~voucherlib.core.month.day_first_date`, which refuses a day that does not exist and
    a date that can only be month first as it does in a date column); every other end, and
    ``value`` when it is no list or tuple, as given (the rules read it). A new list of tuples:
    the caller's cell is never changed. ``kinds``: the kinds of date the table's read has met,
    in which each text end counts as a status period's (D35; review 116: periods given as lists
    of texts were no sign, and 750.00 was paid for 630.00)."""
    if not isinstance(value, (list, tuple)):  # (most cells: a flag; no reader made for them, review 123)
        if kinds is not None and type(value) not in _FLAG_TYPES:  # (an array, a Series: refused by the
            _note_texts_in(value, field, kinds)  # rules, but its texts count: review 123)
        return value
    return _each_end(value, field, lambda end, where: _day_first_end(end, where, kinds), kinds)


def note_period_ends(value: Any, field: str, kinds: DateKinds) -> None:
    """Note in ``kinds`` each text end of status periods given in code, as :func:`day_first_periods`
    does, without reading them: a date beside them may be a date cell the wrong way round (D35;
    review 118: without the flag, the text ends were no sign, and a misread row beside them was
    paid 600.00 for 520.00)."""

    def noted(end: Any, where: str) -> Any:
        if isinstance(end, str):
            kinds.meet(end, where, periods=True, end=True)
        return end

    _each_end(value, field, noted, kinds)


def _each_end(value: Any, field: str, read: Callable[[Any, str], Any], kinds: DateKinds | None) -> Any:
    """Status periods given in code with ``read(end, field of the end)`` of each end of each pair,
    named tuple (by its names) or mapping; ``value`` as given when it is no list or tuple, or fails
    to be read its own way (a subclass whose length or iteration raises: its texts are looked
    at, and the rules refuse it; review 124 F2, the caller's own exception escaped the table)."""
    if not isinstance(value, (list, tuple)):
        if kinds is not None and type(value) not in _FLAG_TYPES:
            _note_texts_in(value, field, kinds)
        return value
    left = [_LOOK_ITEMS]  # (one budget for the cell's looks: review 128 F3)

    def end_of(end: Any, where: str) -> Any:
        if kinds is not None and type(end) not in _FLAG_TYPES and not isinstance(end, (str, dt.date)):
            _note_texts_in(end, where, kinds, left)  # (an end that is a tuple, an array: review 124 F1)
        return read(end, where)

    def period_of(period: Any, i: int) -> Any:
        if isinstance(period, tuple) and hasattr(period, "_fields"):
            # a named tuple: its ends by their names, kept named so (review 78: (end, start) was
            # unpacked as (start, end) here, under day_first alone); other names: left to the rules,
            # which refuse them
            ends = named_ends(period)
            if ends is not None:
                return {
                    "start": end_of(ends["start"], f"{field}[{i}].start"),
                    "end": end_of(ends["end"], f"{field}[{i}].end"),
                }
        elif isinstance(period, (list, tuple)) and len(period) == 2:
            start, end = period
            return (end_of(start, f"{field}[{i}].start"), end_of(end, f"{field}[{i}].end"))
        elif type(period) is dict:
            read_ = {k: end_of(v, f"{field}[{i}].{k}") if k in ("start", "end") else v for k, v in period.items()}
            if kinds is not None and read_.keys() != {"start", "end"}:  # (other names: review 124 F1)
                _note_texts_in(period, f"{field}[{i}]", kinds, left)
            return read_
        elif isinstance(period, str):  # (refused by the rules; its dates count: review 121)
            if kinds is not None:
                kinds.meet(period, f"{field}[{i}]", periods=True, end=True)
            return period
        # any other shape (a 3-tuple, other names, an OrderedDict, a set, an array): refused or read
        # as a mapping by the rules, but its texts count (review 123)
        if kinds is not None:
            _note_texts_in(period, f"{field}[{i}]", kinds, left)
        return period

    try:
        periods = [period_of(period, i) for i, period in enumerate(value)]
    except FileRefused:  # (the refusal of the file a text completes)
        raise
    except Exception as error:
        if kinds is not None:  # the cell's other texts still count (review 125 F3: an end refused read day
            _note_texts_in(value, field, kinds, left)  # first left 10/11/2021 beside it none: 600.00 for 520.00)
        if isinstance(error, VoucherError):
            raise
        return value  # (the caller's own object fails to be read its own way: the rules refuse it)
    return periods


_FLAG_TYPES = frozenset({str, bool, int, float, type(None)})
"""The types of a status cell that is no periods given in code (a flag, text periods, nothing)."""


_LOOK_ITEMS = 4096
"""How many items of one status cell given in code :func:`_note_texts_in` looks at, in all."""

_LOOK_LEVELS = 4


def _note_texts_in(shape: Any, field: str, kinds: DateKinds, left: list[int] | None = None) -> None:
    """Note in ``kinds`` every text of a status period (or of periods) given in a shape the rules
    refuse or read in part: any container (a mapping's names and values, an array's items of any
    shape, any iterable's items), four levels deep, the first 4,096 items of the cell in all: a
    date beside them may be a date cell the wrong way round (D35; review 123: 600.00 for 520.00;
    review 124 F1, F6: a text in an end that is a tuple, under a dict's other names, in a 0-d array,
    three levels deep or past the 1,000th item was none; F5: an endless iterable of endless
    iterables cost a million steps a cell). An object that fails to be read its own way (its
    iteration raises) is left to the rules, which refuse its row; its siblings are still looked at
    (review 128 F1: a ``pd.NA`` before a text ended the look at the whole cell). ``left``: the items
    left to look at of the cell ``shape`` is part of (:func:`_each_end` shares one budget among its
    periods and ends: review 128 F3, 1,000 periods of 4,096 items each cost seconds a row)."""
    left = [_LOOK_ITEMS] if left is None else left

    def look(item: Any, levels: int) -> None:
        try:
            if _one_numpy_value(item):  # (the value it holds, at the same level: a record's fields, review 130)
                item = item.item()
            if isinstance(item, str):
                kinds.meet(item, field, periods=True, end=True)
                return
            if levels == 0 or type(item) in _FLAG_TYPES or isinstance(item, (bytes, bytearray, memoryview, dt.date)):
                return
            parts = _parts_of(item)
            while left[0] > 0:  # (no item taken past the budget)
                part = next(parts, _NO_PART)
                if part is _NO_PART:
                    return
                left[0] -= 1
                look(part, levels - 1)
            raise _LookSpent
        except (VoucherError, _LookSpent):  # (the refusal of the file a text completes; the budget spent)
            raise
        except Exception:  # this object fails to be read its own way: the rules say what it is
            return

    if left[0] <= 0:
        return
    try:
        look(shape, _LOOK_LEVELS)
    except _LookSpent:
        return


def _numpy_types() -> Any:
    """numpy's array and scalar types, when numpy is imported (a numpy value exists only then:
    :func:`~voucherlib.core.imported.imported_whole`)."""
    if _NUMPY_TYPES:
        return _NUMPY_TYPES[0]
    numpy = imported_whole("numpy")
    if numpy is None:
        return ()
    _NUMPY_TYPES[:] = [(numpy.ndarray, numpy.generic)]
    return _NUMPY_TYPES[0]


_NUMPY_TYPES: list[tuple[type, type]] = []


def _one_numpy_value(item: Any) -> bool:
    """Whether ``item`` is one numpy value (a scalar, a record, a 0-d array of any kind, a subclass's
    too: review 131), which is looked at as the Python value its ``item()`` gives (review 129: a
    record's ``flat`` gives itself, and its fields were never reached)."""
    return isinstance(item, _numpy_types()) and item.ndim == 0


_NO_PART = object()


class _LookSpent(Exception):
    """The items :func:`_note_texts_in` looks at for one cell are spent."""


def _parts_of(item: Any) -> Any:
    """The items of a container, by what it holds (a subclass of dict, list or tuple whatever its
    own methods do: review 125 F11), a mapping's names and values, a numpy array's items of any
    shape, a DataFrame's names and cells; any other iterable's items."""
    kind = type(item)
    if issubclass(kind, dict):
        return itertools.chain.from_iterable(dict.items(item))
    if issubclass(kind, (list, tuple)):  # (iterators, as every return below)
        return list.__iter__(item) if issubclass(kind, list) else tuple.__iter__(item)
    if isinstance(item, Mapping):
        return itertools.chain.from_iterable(item.items())
    if isinstance(item, _numpy_types()):  # (numpy.rec's, numpy.ma's, a subclass's too: reviews 130, 131)
        return iter(item.flat)  # (any shape; one value is looked at as the value it holds, _one_numpy_value)
    if hasattr(kind, "columns") and hasattr(kind, "to_numpy"):  # a DataFrame, pandas' or Polars' (review
        return itertools.chain(item.columns, item.to_numpy().flat)  # 125 F2; 129: Polars' takes no dtype)
    return iter(item)


def _day_first_end(value: Any, field: str, kinds: DateKinds | None = None) -> Any:
    """An end of a status period given in code: its date when it is a text written day first, else as given."""
    if isinstance(value, str):
        if kinds is not None:
            kinds.meet(value, field, periods=True, end=True)
        found = day_first_date(str.__str__(value), field)
        if found is not None:
            return found
    return value


def disability_reader(day_first: bool, kinds: DateKinds | None = None) -> Reader:
    """The reader of a file's disability column: :func:`disability`, its periods' dates read day
    first when told, noting the kinds of date it meets in ``kinds``."""
    return partial(disability, day_first=as_flag(day_first, "day_first"), kinds=kinds)
