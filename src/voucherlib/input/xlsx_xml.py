"""A workbook part's XML, read within the caps: the part's prolog checked (UTF-8, no document
type), its elements streamed and counted (:class:`_Budget`, :func:`_stream`), and the start tags
that a look at its bytes finds read whole, attribute by attribute (:func:`_tags`,
:func:`_tag_attributes`), never searched for inside another tag's text. The readers of
:mod:`voucherlib.input.xlsx_shown`, :mod:`voucherlib.input.xlsx_formulas`,
:mod:`voucherlib.input.xlsx_plain` and :mod:`voucherlib.input.xlsx_file` build on it."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, iterparse

from voucherlib.core.errors import (
    Expected,
    InvalidInput,
    Reason,
    expected,
)
from voucherlib.input.files import (
    MAX_XLSX_CELLS,
    MAX_XLSX_ROW_CELLS,
    MAX_XML_ELEMENTS,
)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


_ROW, _CELL, _FORMULA, _SI, _T, _RUN = (_MAIN + t for t in ("row", "c", "f", "si", "t", "r"))


class _Budget:
    """What one read of a workbook has gone through so far, against the caps; past a cap the
    whole workbook is refused naming it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.elements = 0
        self.cells = 0

    def refuse(self, what: str, cap: int) -> InvalidInput:
        """The workbook refused past the cap of ``what`` (a ``workbook.*`` phrase)."""
        return InvalidInput(
            "file", str(self.path), expected("workbook_at_most", cap=cap, what=Reason.phrase(f"workbook.{what}"))
        )


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def shown_text(text: str) -> str:
    """A workbook's text as Excel shows it: each ``_xHHHH_`` (ECMA-376's ``ST_Xstring``: a
    character XML cannot hold, as ``_x0001_`` for U+0001; ``_x005F_`` the underscore that would
    begin such a text, ``_x005F_x0001_`` the text ``_x0001_``) as the character it stands for,
    read once from the left (review 170 F6: an id ``B-01`` with a U+0001, stored ``B-01_x0001_``,
    was read as that visible text, so D37 did not refuse it, and ``abcx005F_def`` lost its
    ``x005F_``). LibreOffice reads the control characters and ``_x005F_`` so, and shows any other
    (``_x0031_``, which no writer makes of a ``1``) as written (review 173). A surrogate's code
    stays as written (no character)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(_escaped_char, text)


def _escaped_char(found: re.Match[str]) -> str:
    code = int(found.group(1), 16)
    return found.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


def _stream(source: IO[bytes], budget: _Budget, keep: str, part: str) -> Iterator[Element]:
    """Each ``keep`` element of an XML part, whole, as it ends. Every element is counted against
    the budget and dropped from the tree once it has ended (a ``keep`` one after it was used), so
    memory holds one ``keep`` element at a time. The cells of a row are counted and capped as they
    stream in, before the row is built. ``part``: the part's name in a refusal of its prolog (a
    sheet's title, ``xl/sharedStrings.xml``)."""
    stack: list[Element] = []
    open_at = 0  # how deep the open ``keep`` element is (0: none open)
    cells = 0
    for event, element in iterparse(_Held(_plain_prolog(source.read, part)), events=("start", "end")):
        if event == "start":
            budget.elements += 1
            if budget.elements > MAX_XML_ELEMENTS:
                raise budget.refuse("elements", MAX_XML_ELEMENTS)
            stack.append(element)
            if open_at == 0 and element.tag == keep:
                open_at, cells = len(stack), 0
            elif open_at and element.tag == _CELL:
                cells += 1
                budget.cells += 1
                if cells > MAX_XLSX_ROW_CELLS:
                    raise budget.refuse("row_cells", MAX_XLSX_ROW_CELLS)
                if budget.cells > MAX_XLSX_CELLS:
                    raise budget.refuse("cells", MAX_XLSX_CELLS)
            continue
        depth = len(stack)
        stack.pop()
        if open_at and depth > open_at:
            continue  # inside the element being kept: it needs its children
        if depth == open_at:
            open_at = 0
            yield element
        if stack:
            stack[-1].remove(element)  # its only child by now: every earlier sibling is gone


def _bounds(ref: str, wanted: Expected) -> tuple[int, int, int, int]:
    """(first row, last row, first column, last column) of the range ``ref`` of this sheet's
    cells, its corners in any order; any other ``ref`` refuses the workbook, saying ``wanted``."""
    from openpyxl.utils.cell import range_boundaries

    try:
        low_col, low_row, high_col, high_row = range_boundaries(ref.replace("$", "").upper())
    except (TypeError, ValueError):
        raise InvalidInput("file", ref, wanted) from None
    if None in (low_col, low_row, high_col, high_row):
        raise InvalidInput("file", ref, wanted)
    return min(low_row, high_row), max(low_row, high_row), min(low_col, high_col), max(low_col, high_col)


_FALSE = frozenset({"", "0", "false"})
"""The values of a flag (``hidden``, ``ca``) that say no, in any case and between spaces: an XML
boolean says 1 or true for yes, but LibreOffice takes 2, 01, t or on for yes too (review 142 F5: a
column or row so hidden was read, and paid), so anything else is taken to say yes."""


def _flagged(value: str | None) -> bool:
    """Whether a flag's value (:data:`_FALSE`) says yes; None (no such attribute) is no."""
    return value is not None and value.strip().lower() not in _FALSE


CELL_TYPES = frozenset({"b", "d", "e", "inlineStr", "n", "s", "str"})
"""A cell's types (ECMA-376 Part 1, 18.18.11, ST_CellType), as written: a cell of another is shown
empty by LibreOffice, and was read by its stored text (review 254 F1)."""


def held_number(whole: int) -> int | float:
    """A whole number of a number cell as a spreadsheet holds it, a double: itself below 2**53, from
    it on the double nearest it (review 254 F2: 1234567890123456789 and ...788, one double to every
    spreadsheet, were read as two ids; 2**53 is the double of 2**53 + 1 too, review 256 F1: D18
    refuses such a double as an id)."""
    return whole if -(2**53) < whole < 2**53 else float(whole)


def date_kind(book: Any, style: int) -> str | None:
    """What a number cell of the style ``style`` of ``book`` holds, as a spreadsheet shows it:
    ``"date"``, ``"time"`` (a format of a time of day alone: ``book.voucherlib_times``, review 264
    F1), ``"duration"``, or None for a number (one reading of both workbook readers)."""
    if style not in book._date_formats:
        return None
    if style in book._timedelta_formats:
        return "duration"
    return "time" if style in getattr(book, "voucherlib_times", ()) else "date"


def sheet_date(serial: int | float, epoch: Any, time: bool = False) -> Any:
    """The value of a number cell styled as a date (not a duration), ``serial`` days from the
    workbook's ``epoch``, as a spreadsheet shows it: openpyxl's reading (a ``datetime``, or a
    ``time`` for a serial under 1), but before 15 October 1582, the day of the Julian calendar,
    which LibreOffice shows there (Excel holds no such date): a billing system's open date
    ``0001-01-01`` (D50), saved by LibreOffice as the serial -693595, is 30 December of the year 0
    to openpyxl, which no ``datetime`` holds: it was read as the error ``#VALUE!``, "the cell's
    formula failed", with openpyxl's warning on the command's standard error (review 259 F1). A
    serial before the Julian year 1 or past 9999 (or no number) is left the number it is, which no
    date column reads. ``time``: the cell's style shows a time of day alone (``h:mm``): the time of
    day it shows, no day (review 264 F1: 7 in such a cell was 7 January 1900)."""
    if time:
        if not -1e15 < serial < 1e15:  # (no number, or one whose fraction a double no longer holds)
            return serial
        milliseconds = round(serial % 1 * 86_400_000) % 86_400_000
        return (dt.datetime.min + dt.timedelta(milliseconds=milliseconds)).time()
    from openpyxl.utils.datetime import from_excel

    try:
        found = from_excel(serial, epoch)
    except (OverflowError, ValueError):
        found = None
    if found is not None and (not isinstance(found, dt.datetime) or found >= _GREGORIAN_REFORM):
        return found
    if not serial < (_GREGORIAN_REFORM - epoch).days:
        return serial  # past datetime's years, or no number (NaN): no day (review 260 F1, F2)
    try:
        day, fraction = divmod(serial, 1)
        julian = _julian_day(epoch.toordinal() + int(day))
        if julian is None:
            return serial
        try:
            day_shown = dt.datetime(*julian)
        except ValueError:  # 29 February of a Julian leap year no Gregorian one is (1500): its text
            return "{:04d}-{:02d}-{:02d}".format(*julian)
        return day_shown + dt.timedelta(milliseconds=round(fraction * 86_400_000))
    except (OverflowError, ValueError):  # (-inf, or a serial far before any year)
        return serial


def _julian_day(ordinal: int) -> tuple[int, int, int] | None:
    """The (year, month, day) of the Julian calendar of the day whose proleptic Gregorian ordinal
    is ``ordinal`` (``date.toordinal()``'s count: 1 is 1 January of the year 1), by its Julian Day
    Number (Richards' algorithm); None before the Julian year 1."""
    c = ordinal + 1_721_425 + 32_082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    year = d - 4800 + m // 10
    return (year, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1) if year >= 1 else None


_GREGORIAN_REFORM = dt.datetime(1582, 10, 15)
"""The first day of the Gregorian calendar (LibreOffice shows the days before it in the Julian)."""


def _form_refused(kind: str, text: str, shared: int) -> Expected | None:
    """What a stored value of type ``kind`` (``n``, ``s`` or ``b``) must be, when ``text`` is not
    that (see :func:`_value_form`); None when it is."""
    if kind == "n":  # (no number a spreadsheet writes is 400 characters long)
        return None if len(text) <= 400 and _NUMBER_FORM.fullmatch(text) else expected("cell_number")
    body = text.strip(" \t\n\r")
    if kind == "s":
        known = body.isascii() and body.isdigit() and len(body) <= 18 and int(body) < shared
        return None if known else expected("cell_shared_string", last=shared - 1)
    return None if body in ("0", "1") else expected("cell_boolean")


_NUMBER_FORM = re.compile(r"[ \t\n\r]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t\n\r]*", re.ASCII)
"""A number cell's stored value as XML Schema writes a double (no INF or NaN: no amount, day or
count is one), with the blanks around it XML Schema allows."""


def _unseen(size: Any, least: float) -> bool:
    """Whether a row's ``ht`` or a column's ``width`` draws it in less than a pixel (less than
    ``least``: :data:`ROW_SEEN` or :data:`COLUMN_SEEN`): Excel draws such a row or column as
    nothing, as it draws a hidden one (review 127 F4: a row written ``ht="0"`` with no ``hidden``
    was read, and paid; a column of ``width="0"``, or of ``0.05``, review 135, the same). The size
    is read as LibreOffice reads it, from its first figures (``0.05x`` is 0.05: review 142 F6); one
    that starts with none (``abc``, ``NaN``) is drawn the default size."""
    if isinstance(size, bytes):
        size = size.decode("ascii", "replace")
    figures = _FIRST_FIGURES.match(size) if isinstance(size, str) else None
    return figures is not None and float(figures[0]) < least


_FIRST_FIGURES = re.compile(r"\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
"""A size's first figures (a decimal number, its exponent if any)."""


_PREFIX = rb"""(?:[^\s<>/:="'!?]+:)?"""
"""A tag's namespace prefix, if it has one: XML writes names in any letters (review 140 F1: an
ASCII name alone was taken, and a tag whose prefix or attribute had another letter matched none)."""


_NAME = rb"""[^\s<>/="']+"""
"""An attribute's name (with its prefix, if any), in any letters."""


_ATTRIBUTE_ANY = re.compile(rb"(" + _NAME + rb""")\s*=\s*(?:"([^"]*)"|'([^']*)')""")
"""An attribute of a tag: its name as written (``x:width`` is not ``width``) and its quoted value."""


_TAG_ATTRIBUTES = rb"((?:\s++" + _NAME + rb"""\s*+=\s*+(?:"[^"]*+"|'[^']*+'))*+)\s*+"""
"""A tag's attributes (a group), each value quoted; possessive: nothing given back to try again."""


def _tag_start(name: bytes) -> re.Pattern[bytes]:
    """The start of a tag ``name`` (in any namespace's prefix): ``<name`` and a space, ``/`` or ``>``."""
    return re.compile(rb"<" + _PREFIX + name + rb"[\s/>]")


def _start_tag(name: bytes, end: bytes = rb"/?>") -> re.Pattern[bytes]:
    """A start tag ``name`` (in any namespace's prefix) whole: its attributes (group 1), each value
    quoted (a ``>`` inside one is no end: review 62), then ``end``."""
    return re.compile(rb"<" + _PREFIX + name + _TAG_ATTRIBUTES + end)


def _attributes(text: bytes) -> dict[bytes, str] | None:
    """The attributes of a start tag's ``text`` (group 1 of a :func:`_start_tag`), taken one after
    another, by their names as written, their values as an XML reader reads them (``&#49;`` is 1);
    None when a name is written twice (no XML reader reads that tag). A name or a value written
    inside another attribute's value is that value's text, never an attribute (review 138 F1: a
    ``width="9"`` inside an ignored attribute's value was taken for the column's width)."""
    found = [
        (m[1], html.unescape((m[2] if m[2] is not None else m[3]).decode("utf-8", "replace")))
        for m in _ATTRIBUTE_ANY.finditer(text)
    ]
    attributes = dict(found)
    return attributes if len(attributes) == len(found) else None


def _tag_attributes(pattern: re.Pattern[bytes], start: int, both: bytes, wanted: str) -> tuple[bytes, dict[bytes, str]]:
    """The tag ``pattern`` (a :func:`_start_tag`) starting at ``start`` in ``both``, and its
    attributes; a tag that cannot be read (longer than the blocks' overlap, not XML's, an attribute
    written twice) refuses the workbook, quoting its start and saying ``wanted``."""
    tag = pattern.match(both, start)
    attributes = None if tag is None else _attributes(tag[1])
    if tag is None or attributes is None:
        quoted = both[start : start + 80] if tag is None else tag[0][:80]
        raise InvalidInput("file", quoted.decode("utf-8", "replace"), expected(wanted))
    return tag[0], attributes


def _tags(
    read: Callable[[int], bytes],
    looks: Sequence[tuple[Sequence[bytes], re.Pattern[bytes]]],
    overlap: int | None = None,
) -> Iterator[tuple[int, re.Match[bytes], bytes]]:
    """Each tag each of ``looks`` (words, pattern) finds in a part read ``read(size)`` a block at a
    time, as (the look's index, the tag, the bytes it was found in); a pattern looks only in blocks
    that hold one of its words (found in C before any regular expression looks); a tag that starts
    in a block's last ``overlap`` bytes (default :data:`_MERGE_OVERLAP`) is found with the next
    block. One read of the part serves every look."""
    overlap = _MERGE_OVERLAP if overlap is None else overlap
    pending = b""
    while True:
        block = read(_MERGE_SCAN)
        both = pending + block
        cut = len(both) if not block else max(len(both) - overlap, 0)
        for k, (words, pattern) in enumerate(looks):
            if any(word in both for word in words):
                for tag in pattern.finditer(both):
                    if tag.start() >= cut:
                        break
                    yield k, tag, both
        if not block:
            return
        pending = both[cut:]


_MERGE_SCAN = 1 << 20


_MERGE_OVERLAP = 4096


def _plain_prolog(read: Callable[[int], bytes], name: str) -> Callable[[int], bytes]:
    """``read`` of an XML part (a sheet, its shared strings), when it is written in UTF-8 (or an
    encoding that writes its markup in ASCII's bytes) and declares no document type; else a
    refusal naming ``name``. Every look for a sheet's marks (hidden columns, merges, formulas) looks
    at such bytes: in a sheet in UTF-16 it found nothing (review 140 F2: a hidden column read and
    paid), and an entity of a document type writes what it never sees, which an XML reader without
    defusedxml expands (review 144 F7). No spreadsheet writes either."""
    held = read(_MERGE_SCAN)
    while True:
        body = held[3:] if held.startswith(b"\xef\xbb\xbf") else held
        if b"\x00" in body[:4]:
            raise InvalidInput("file", name, expected("sheet_utf8"))
        prolog = _PROLOG.match(body)
        rest = body[prolog.end() if prolog else 0 :]  # (white space, comments, the declaration)
        # a prolog longer than what is held: a comment or instruction not closed, or the start of
        # one cut at the block's end (a "<" alone: review 146 F1, F2)
        unfinished = (
            not rest
            or (len(held) < 3 and b"\xef\xbb\xbf".startswith(held))  # (a mark of UTF-8 cut: review 147 F4)
            or rest.startswith((b"<!--", b"<?"))
            or any(len(rest) < len(start) and start.startswith(rest) for start in (b"<!DOCTYPE", b"<!--", b"<?"))
        )
        if not unfinished:
            break
        if len(held) > _PROLOG_MOST:  # (review 146 F3: 120 MiB of white space, read and scanned again)
            raise InvalidInput("file", name, expected("sheet_prolog", most=_PROLOG_MOST))  # (review 147 F5)
        more = read(_MERGE_SCAN)
        if not more:
            break
        held += more
    if len(body) - len(rest) > _PROLOG_MOST:  # (its first element in the last block read: review 148 F6, 151 F9)
        raise InvalidInput("file", name, expected("sheet_prolog", most=_PROLOG_MOST))
    if rest.startswith(b"<!DOCTYPE"):
        raise InvalidInput("file", name, expected("sheet_no_doctype"))
    if rest.startswith(b"<!") or not rest.startswith(b"<"):  # (a CDATA section, or no markup: no sheet)
        raise InvalidInput("file", name, expected("sheet_utf8"))
    blocks = [held]
    return lambda size: blocks.pop() if blocks else read(size)


_PROLOG_MOST = 4 << 20
"""The most bytes of a part looked through before its first element (a spreadsheet writes about 60)."""


_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->)*+", re.DOTALL)
"""What may come before a part's root element but a document type: white space, processing
instructions (the XML declaration) and comments."""


class _Held:
    """A part's bytes read from :func:`_plain_prolog`'s ``read``, as a file ``iterparse`` reads:
    never more than it asks for (16 KiB), so that the parser makes no more elements at a time
    than the caps look at (a first block of 1 MiB of empty cells held 60 MB)."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read, self._pending, self._at = read, b"", 0

    def read(self, size: int = -1) -> bytes:
        if self._at >= len(self._pending):
            self._pending, self._at = self._read(_MERGE_SCAN), 0
        size = len(self._pending) if size is None or size < 0 else size
        piece = self._pending[self._at : self._at + size]
        self._at += len(piece)
        return piece


def _cell_text(column: int, row: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return f"{get_column_letter(column)}{row}"


def _range_text(r: tuple[int, ...]) -> str:
    return f"{_cell_text(r[2], r[0])}:{_cell_text(r[3], r[1])}"


_ISO_CELL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?)?", re.ASCII)
"""A ``t="d"`` cell's whole text when it is a date or a date-time without a zone, as read."""


def _iso_cell(text: str) -> Any:
    """A ``t="d"`` (ISO 8601) cell's value as openpyxl reads it when its whole text is a date or a
    date-time without a zone (:data:`_ISO_CELL`), else its text, which no date column reads:
    openpyxl reads the date at the start of any text and drops the rest, a time zone with it
    (reviews 47, 48: ``2021-11-08T00:00:00+14:00``, ``2021-11-08 00:00:00+14:00`` or
    ``2021-11-08 junk``, Sunday 7 November in Tbilisi for the first two, were read as Monday 8
    November, a late working day)."""
    from openpyxl.utils.datetime import from_ISO8601

    if not _ISO_CELL.fullmatch(text):
        return text
    try:
        return from_ISO8601(text)
    except ValueError:  # a day that does not exist (2021-02-30): its text, refused on its row (review 50)
        return text


def _fold(name: str) -> str:
    """A sheet's or a name's title as spreadsheets compare them: in upper case, then folded (``ıx``
    is ``IX`` to LibreOffice, which Python's case folding alone tells apart: review 154 F3)."""
    return name.upper().casefold()
