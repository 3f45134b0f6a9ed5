"""XLSX tables, read once, as stored, and bounded whatever the file declares.

* The workbook is opened once (openpyxl, read-only) and each sheet's XML is streamed row by
  row; the declared ``<dimension>`` is ignored, so a file that understates it loses no row and
  a file that declares ``A1:XFD1048576`` costs only the cells it really holds.
* A cell is its stored value; a formula is never evaluated. A formula cell without a stored
  value reads as its formula text (``=600+20``), which no column accepts, so the row is
  invalid with that reason, never an empty row. So does every formula cell (every cell of an
  array formula's range too) of a workbook that asks to be recalculated when opened
  (``<calcPr fullCalcOnLoad="1">``, as xlsxwriter writes it) or has no ``<calcPr>``: its stored
  values were never calculated (xlsxwriter stores 0), so none is taken for the formula's result.
  Excel and LibreOffice store calculated values and do not ask. The formula's text is a
  :class:`~voucherlib.input.cells.FormulaText`, which only a name column shows.
* Before anything is read, the zip's parts must expand to at most
  :data:`~voucherlib.input.files.MAX_EXPANDED_BYTES` (a zip bomb is refused unopened), and
  every part other than the worksheets and the shared strings (which are streamed) to at most
  :data:`~voucherlib.input.files.MAX_XLSX_PART_BYTES` (openpyxl reads those whole).
* What a small file can still make a reader build is bounded while it streams: the shared
  strings (:data:`~voucherlib.input.files.MAX_XLSX_SHARED_STRINGS` entries and
  :data:`~voucherlib.input.files.MAX_TOTAL_CHARS` characters, read by this module, not by
  openpyxl, whose reader keeps every entry's XML), the cells of a row
  (:data:`~voucherlib.input.files.MAX_XLSX_ROW_CELLS`), the cells of the whole read
  (:data:`~voucherlib.input.files.MAX_XLSX_CELLS`) and its XML elements
  (:data:`~voucherlib.input.files.MAX_XML_ELEMENTS`). Each XML element is dropped once read, so
  memory holds one row at a time, whatever the sheet holds besides its rows.
* A cell covered by merged cells (other than their first, which holds the value) reads as a
  :class:`~voucherlib.input.cells.MergedCell`, which every column refuses naming the cell and the
  range: the spreadsheet shows the first cell's value across the range, but the file holds
  nothing in the others, which read as empty would be, say, no discharge date (review 56). The
  ranges (``<mergeCells>``, written after the rows) are read before the rows.
* A workbook with data on more than one sheet is refused unless the caller names the sheet.
* Most workbooks write their rows and shared strings in one plain form, which is read whole,
  column by column, with the very values of the streaming parser (a sheet checked row by row
  against one grammar and taken apart as bytes, without a Python object per cell) (see "the plain fast path" below; a hypothesis property in
  ``tests/test_xlsx_plain.py`` compares the two). A plain part is read whole, once its start
  tags and cells, counted a block at a time, are within the caps; anything else streams as above.
  :func:`xlsx_columns` gives a plain sheet column by column (text as Arrow columns, a column
  with numbers, dates or booleans as the very values coded by their distinct cells), for the
  audit's batch engine.

python-calamine was weighed and not taken: it reads a formula cell without a stored value as
an empty cell (the row would silently lose its claim), which this reader must not do, and its
0.9 API gives no way to see a cell's formula (nor to bound what it builds before it builds it).
"""

from __future__ import annotations

import html
import math
import re
import zipfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, fromstring, iterparse

from voucherlib.core.errors import (
    Expected,
    InvalidInput,
    MissingExtra,
    Reason,
    VoucherError,
    argument,
    expected,
    shown,
)
from voucherlib.input.cells import CellError, FormulaText, MergedCell, VolatileFormula
from voucherlib.input.files import (
    MAX_CELL_CHARS,
    MAX_EXPANDED_BYTES,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_TITLE_ROWS,
    MAX_TOTAL_CHARS,
    MAX_XLSX_CELLS,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_ROW_CELLS,
    MAX_XLSX_SHARED_STRINGS,
    MAX_XML_ELEMENTS,
    ROW_ERROR,
    Limits,
    header_names,
)
from voucherlib.input.plain_csv import CodedCells, PlainColumns, cell_at

__all__ = ["xlsx_columns", "xlsx_rows"]


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as exc:
        raise MissingExtra("read_xlsx", "openpyxl", "audit") from exc
    return openpyxl


def _check_zip(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InvalidInput("file", str(path), expected("file_size", max=MAX_FILE_BYTES, size=size))
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InvalidInput("file", str(path), expected("readable_workbook", kind=type(exc).__name__)) from None
    if expanded > MAX_EXPANDED_BYTES:
        raise InvalidInput("file", str(path), expected("workbook_expands", max=MAX_EXPANDED_BYTES, expanded=expanded))


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


def _stream(source: IO[bytes], budget: _Budget, keep: str) -> Iterator[Element]:
    """Each ``keep`` element of an XML part, whole, as it ends. Every element is counted against
    the budget and dropped from the tree once it has ended (a ``keep`` one after it was used), so
    memory holds one ``keep`` element at a time. The cells of a row are counted and capped as they
    stream in, before the row is built."""
    stack: list[Element] = []
    open_at = 0  # how deep the open ``keep`` element is (0: none open)
    cells = 0
    for event, element in iterparse(_Held(_plain_prolog(source.read, str(budget.path))), events=("start", "end")):
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


def _shared_strings(source: IO[bytes], budget: _Budget) -> list[str]:
    """The shared-strings table, bounded; each entry's text as openpyxl gives it (its plain text
    and its rich-text runs, phonetic runs left out; ``_x005F_`` as openpyxl reads it)."""
    strings: list[str] = []
    chars = 0
    for si in _stream(source, budget, _SI):
        text = (si.findtext(_T) or "") + "".join(run.findtext(_T) or "" for run in si.iterfind(_RUN))
        strings.append(text.replace("x005F_", ""))
        chars += len(text)
        if len(strings) > MAX_XLSX_SHARED_STRINGS:
            raise budget.refuse("shared_strings", MAX_XLSX_SHARED_STRINGS)
        if chars > MAX_TOTAL_CHARS:
            raise budget.refuse("shared_chars", MAX_TOTAL_CHARS)
    return strings


def _values_calculated(part: bytes) -> bool:
    """Whether a workbook part says its formulas' stored values were calculated: it has a
    ``<calcPr>`` that does not ask to be recalculated when opened (``fullCalcOnLoad`` absent or
    false, read as XML reads it: entities, spaces, any encoding). xlsxwriter and openpyxl ask (and
    xlsxwriter stores 0 for a formula unless told a value); Excel and LibreOffice store calculated
    values and do not. A part without ``<calcPr>``, or one that does not parse, is taken as never
    calculated: its formulas are then read as their text, never as a stored value."""
    from openpyxl.xml.functions import fromstring

    try:
        root = fromstring(part)
    except Exception:  # openpyxl has parsed it already; any doubt is "never calculated"
        return False
    found = False
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.rpartition("}")[2] == "calcPr":
            flag = element.get("fullCalcOnLoad")
            if flag is not None and flag.strip() not in ("0", "false"):
                return False  # any that asks (a second one, one of another namespace) is heard
            if (element.get("calcMode") or "").strip() == "manual":
                return False  # calculated by hand, if ever: its stored values may be stale
            found = True
    return found


def _load(path: Path, budget: _Budget) -> Any:
    """The workbook, opened read-only by openpyxl with the parts it reads whole checked first and
    the shared strings read by :func:`_shared_strings`."""
    from openpyxl.reader.excel import ExcelReader, _find_workbook_part
    from openpyxl.xml.constants import (
        ARC_APP,
        ARC_CONTENT_TYPES,
        ARC_CORE,
        ARC_CUSTOM,
        ARC_STYLE,
        ARC_THEME,
        SHARED_STRINGS,
        WORKSHEET_TYPE,
    )

    class BoundedReader(ExcelReader):  # type: ignore[misc]
        whole: set[str]
        """The parts counted as read whole so far."""

        def read_manifest(self) -> None:
            self.whole = set()
            self._count({ARC_CONTENT_TYPES})
            super().read_manifest()
            declared = {
                o.PartName[1:] for o in self.package.Override if o.ContentType in (WORKSHEET_TYPE, SHARED_STRINGS)
            }
            # Parts openpyxl reads whole, whatever the manifest declares them to be.
            whole = {ARC_CONTENT_TYPES, ARC_CORE, ARC_APP, ARC_CUSTOM, ARC_THEME, ARC_STYLE}
            whole.add(_find_workbook_part(self.package).PartName[1:])
            streamed = {p for p in declared - whole if not p.endswith(".rels")}
            self._count(set(self.valid_files) - streamed)

        def _count(self, parts: set[str]) -> None:
            self.whole |= parts & set(self.valid_files)
            size = sum(self.archive.getinfo(part).file_size for part in self.whole)
            if size > MAX_XLSX_PART_BYTES:
                raise InvalidInput("file", str(path), expected("workbook_parts", max=MAX_XLSX_PART_BYTES, size=size))

        def read_strings(self) -> None:
            found = self.package.find(SHARED_STRINGS)
            if found is not None:
                part = found.PartName[1:]
                read = None
                try:
                    with self.archive.open(part) as source:
                        read = _read_within_caps(source, budget, 1, b"<si", MAX_XLSX_SHARED_STRINGS)
                    if read is None:
                        raise _NotPlain  # refused as it streams, in bounded memory
                    self.shared_strings = _plain_shared_strings(read[0], budget)
                except Exception:  # not plain, or the plain path failed: the streaming reader reads it
                    del read
                    with self.archive.open(part) as source:
                        self.shared_strings = _shared_strings(source, budget)

        def read_workbook(self) -> None:
            super().read_workbook()
            # Whether the workbook asks to be recalculated when opened (openpyxl's own reading of
            # <calcPr> says so of every workbook: its default is True): read from the part itself.
            part = self.archive.read(self.parser.workbook_part_name)
            self.wb.voucherlib_uncalculated = not _values_calculated(part)

        def read_chartsheet(self, sheet: Any, rel: Any) -> None:
            self._count({rel.target})  # a chart sheet is read whole, even one declared a worksheet
            super().read_chartsheet(sheet, rel)

    reader = BoundedReader(str(path), read_only=True, data_only=True)
    try:
        reader.read()
    except ValueError as exc:  # openpyxl wraps what went wrong in a ValueError of its own
        if isinstance(exc.__cause__, VoucherError):
            raise exc.__cause__ from None
        raise
    return reader.wb


def _parser(
    book: Any,
    sheet: Any,
    source: Any,
    budget: _Budget,
    hidden: set[int] | None = None,
    volatile: frozenset[tuple[int, int]] = frozenset(),
) -> Any:
    """A stream of ``(row number, [cell dicts])`` of one sheet: stored values, and the formula
    text where a formula has no stored value, or where the workbook asks to be recalculated when
    opened (its stored values were never calculated). (openpyxl's own sheet parser, asked for the stored
    values, with its loop over the XML replaced by :func:`_stream`: its read-only sheet would pad
    every row to the declared dimension, and its own loop builds a whole row, and every other
    element of the sheet, before anything can count them.)"""
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    uncalculated = getattr(book, "voucherlib_uncalculated", True)  # not known: as if never calculated
    spans: list[tuple[int, int, int, int, str]] = []  # array formulas' ranges, their formula's text

    class StoredValues(WorkSheetParser):  # type: ignore[misc]
        def parse(self) -> Iterator[tuple[int, list[dict[str, Any]]]]:
            for row in _stream(self.source, budget, _ROW):
                yield self.parse_row(row)

        def parse_row(self, row: Element) -> tuple[int, list[dict[str, Any]]]:
            shown = not _flagged(row.get("hidden"))  # (" 1", "on": review 142 F5)
            shown = shown and not _unseen(row.get("ht"), ROW_SEEN)  # (drawn as nothing: review 127 F4)
            last = len(row)
            while last and not len(row[last - 1]):  # trailing cells with no value, formula or text
                last -= 1
            del row[last:]  # never read: nothing after them can change their columns
            result: tuple[int, list[dict[str, Any]]] = super().parse_row(row)
            if not shown and hidden is not None:  # (hidden, or filtered out: refused if it holds data)
                hidden.add(result[0])
            if spans:
                number, found = result
                spans[:] = [s for s in spans if s[1] >= number]  # ranges above this row are done
                _fill_spans(number, found, spans)
            return result

        def parse_cell(self, element: Any) -> dict[str, Any]:
            iso = element.get("t") == "d"
            if iso:  # read by _iso_cell alone (openpyxl's reading drops a zone, or fails on 2021-02-30)
                element.set("t", "str")
            cell: dict[str, Any] = super().parse_cell(element)
            if iso and cell["value"] is not None:
                cell["value"] = _iso_cell(element.findtext(VALUE_TAG))
            formula = element.find(FORMULA_TAG)
            if formula is not None and (
                _flagged(formula.get("ca"))
                or _flagged(formula.get("aca"))
                or (volatile and (cell["row"], cell["column"]) in volatile)
            ):  # (=TODAY(): review 60; a formula that refers to one: review 61)
                cell["value"] = VolatileFormula("=" + (formula.text or ""))
                if formula.get("t") in ("array", "dataTable"):  # (its range's cells hold its values: review 144 F3)
                    spans.append((*_span(formula.get("ref") or "", cell), cell["value"]))
            elif (
                formula is not None
                and not (uncalculated or iso)
                and cell["value"] is None
                and element.get("t") == "str"
                and element.find(VALUE_TAG) is not None
            ):  # a calculated formula whose value is the empty text (=IF(...;"";...)), <v></v>: as the
                # sheet shows it and its CSV writes it, an empty cell (review 110 F2: "never calculated")
                cell["value"] = ""
            elif formula is not None and (cell["value"] is None or uncalculated):
                cell["value"] = FormulaText("=" + (formula.text or ""))
                if uncalculated and formula.get("t") in ("array", "dataTable"):
                    # the other cells of an array formula's (or data table's) range hold a stored
                    # value and no <f> of their own (xlsxwriter: 0), or are not written at all
                    # (openpyxl); they come after this one, row by row
                    spans.append((*_span(formula.get("ref") or "", cell), cell["value"]))
            elif cell["data_type"] == "e" and isinstance(cell["value"], str):
                cell["value"] = CellError(cell["value"])
            return cell

    parser = StoredValues(
        source,
        sheet._shared_strings,
        data_only=True,
        epoch=book.epoch,
        date_formats=book._date_formats,
        timedelta_formats=book._timedelta_formats,
    )
    return parser.parse()


def _span(ref: str, cell: dict[str, Any]) -> tuple[int, int, int, int]:
    """(first row, last row, first column, last column) of an array formula's ``ref`` (in any
    order of its corners; without one, the formula's own cell); a range it cannot read (a whole
    column, another sheet's) refuses the workbook."""
    if not ref:
        return cell["row"], cell["row"], cell["column"], cell["column"]
    return _bounds(ref, expected("array_range"))


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


def _fill_spans(number: int, found: list[dict[str, Any]], spans: list[tuple[int, int, int, int, str]]) -> None:
    """The cells of this row that lie in an array formula's range read as the formula: those
    written with a stored value and no formula of their own (xlsxwriter: 0), and those not
    written at all (openpyxl writes the first cell alone), added in column order."""
    at = {c["column"]: c for c in found}
    added = False
    for low_row, high_row, low_col, high_col, text in spans:
        if low_row <= number <= high_row:
            for column in range(low_col, high_col + 1):
                cell = at.get(column)
                if cell is None:
                    at[column] = cell = {"row": number, "column": column, "data_type": "f"}
                    found.append(cell)
                    added = True
                if type(cell.get("value")) is not FormulaText:  # (a cell's own formula stays)
                    cell["value"] = text if isinstance(text, VolatileFormula) else FormulaText(text)
    if added:
        found.sort(key=lambda c: c["column"])


_FALSE = frozenset({"", "0", "false"})
"""The values of a flag (``hidden``, ``ca``) that say no, in any case and between spaces: an XML
boolean says 1 or true for yes, but LibreOffice takes 2, 01, t or on for yes too (review 142 F5: a
column or row so hidden was read, and paid), so anything else is taken to say yes."""


def _flagged(value: str | None) -> bool:
    """Whether a flag's value (:data:`_FALSE`) says yes; None (no such attribute) is no."""
    return value is not None and value.strip().lower() not in _FALSE


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


ROW_SEEN = 0.75
"""The least row height drawn (points): one pixel at 96 pixels an inch."""
COLUMN_SEEN = (256 / 7 - 18) / 256
"""The least column width drawn (characters, about 0.0725): one pixel by ECMA-376's formula for a
width's pixels, ``Truncate(((256 * width + Truncate(128 / 7)) / 256) * 7)`` with the default font's
digit of 7 pixels (Part 1, 18.3.1.13)."""


def _unseen_width_held(data: bytes) -> bool:
    """Whether a part of a sheet held whole (before or after its rows) may draw a column in less
    than a pixel: a ``<col>`` that hides one or gives one no width or one under a pixel (as
    :func:`_take_column` reads it, or one it cannot read), or a default width under a pixel. Then
    the streaming parser reads the sheet, and refuses such a column as a hidden one when it holds
    data."""
    found: list[tuple[int, int]] = []
    try:
        for start in _COL_START.finditer(data) if b"col" in data else ():
            _take_column(start, data, found)
        narrow = any(_default_unseen(start, data) for start in _FORMAT_START.finditer(data))
    except InvalidInput:
        return True
    return bool(found) or narrow


_HIDDEN_TRUE = re.compile(
    rb"""hidden\s*=\s*(?:"(?!\s*(?:0|(?i:false))?\s*")[^"]*"|'(?!\s*(?:0|(?i:false))?\s*')[^']*')"""
)
"""A row or column that may be hidden: its ``hidden`` says anything but 0, false or nothing
(:func:`_flagged` reads it; ``&#49;`` is 1): LibreOffice writes ``hidden="false"`` on every row,
which is not that (no ``\b`` before it: the look through a 45 MB sheet takes a tenth of the
time; review 62)."""
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


_COL_START, _COL = _tag_start(b"col"), _start_tag(b"col")
"""A ``<col>`` tag's start, and its start tag whole."""


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


def _take_column(
    start: re.Match[bytes], both: bytes, found: list[tuple[int, int]], widths: list[tuple[int, int]] | None = None
) -> None:
    """Add the columns the ``<col>`` element starting at ``start`` hides to ``found`` (wherever the
    part holds it: review 61, LibreOffice honours a ``<cols>`` written after the rows), and to
    ``widths`` those it gives a width that is seen (the others are drawn the sheet's default width)."""
    tag, attributes = _tag_attributes(_COL, start.start(), both, "column_shown")  # (a ">" in a value: review 62)
    # (a column of width 0 is drawn as nothing, as a hidden one: review 127 F4; Excel draws a <col>
    # without a width 0 wide: review 137 F5, no writer seen leaves it out)
    width, hidden = attributes.get(b"width"), _flagged(attributes.get(b"hidden"))
    if width is None and not hidden and not (b"min" in attributes and b"max" in attributes):
        return  # (a <col/> that names no column, and hides none, gives none a width)
    try:
        low, high = int(attributes[b"min"]), int(attributes[b"max"])
        named: tuple[int, int] | None = (min(low, high), max(low, high))
    except (KeyError, ValueError):
        named = None  # (no columns it names)
    if hidden or width is None or _unseen(width.strip(), COLUMN_SEEN):
        if named is None:
            raise InvalidInput("file", tag[:80].decode("utf-8", "replace"), expected("column_shown"))
        found.append(named)
    elif widths is not None and width.strip() and named is not None:  # (else drawn the default width)
        widths.append(named)


_FORMAT_START, _FORMAT = _tag_start(b"sheetFormatPr"), _start_tag(b"sheetFormatPr")
"""A sheet's ``<sheetFormatPr>`` whole: its ``defaultColWidth`` is the width of a column no
``<col>`` gives one."""
_LAST_COLUMN = 16384
"""A worksheet's last column (XFD)."""


def _default_unseen(start: re.Match[bytes], both: bytes) -> bool:
    """Whether the default column width the ``<sheetFormatPr>`` starting at ``start`` gives is
    drawn in less than a pixel (``&#48;`` is 0, as an XML reader reads it); a tag that cannot be
    read (an attribute written twice, or one longer than the blocks' overlap) refuses the sheet."""
    given = _tag_attributes(_FORMAT, start.start(), both, "column_shown")[1].get(b"defaultColWidth")
    return given is not None and _unseen(given.strip(), COLUMN_SEEN)


def _unwidthed(widths: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges of columns (1 to :data:`_LAST_COLUMN`) that no range of ``widths`` covers."""
    gaps, at = [], 1
    for low, high in sorted(widths):
        if low > at:
            gaps.append((at, low - 1))
        at = max(at, high + 1)
    return [*gaps, (at, _LAST_COLUMN)] if at <= _LAST_COLUMN else gaps


_FORMULA_START = _tag_start(b"f")
"""A formula's start tag, in any namespace: a sheet that holds one has its formulas read by an XML
reader (:func:`_volatile_cells`) for a volatile one and the cells that refer to it."""
_FORMULA_WORDS = (b"<f", b":f")


_VOLATILE_CALL = re.compile(r"(?<![\w.])(?:TODAY|NOW|RAND|RANDBETWEEN|OFFSET|INDIRECT)\s*\(", re.IGNORECASE)
_STRING = re.compile(r'"(?:[^"]|"")*"')
"""A text literal of a formula (``"A1"`` names no cell: review 63)."""
_QUALIFIED = re.compile(
    r"(?<![A-Za-z0-9_.\u0080-\uffff'$])"
    r"(?:'((?:[^']|'')*+)'|([A-Za-z0-9_.\u0080-\uffff]++(?::(?:[A-Za-z0-9_.\u0080-\uffff]++|'(?:[^']|'')*+'))?))!((?:\$?[A-Za-z]{1,3}\$?[0-9]{1,7}|\$?[A-Za-z]{1,3}|\$?[0-9]{1,7})"
    r"(?::(?:\$?[A-Za-z]{1,3}\$?[0-9]{1,7}|\$?[A-Za-z]{1,3}|\$?[0-9]{1,7}))?)"
)
"""A reference that names its sheet (``Dates!$H$1``, ``'My sheet'!A1:B2``, ``Sheet!H:H``). A name
starts where no name or quote goes before it, and what it takes is not given back: a formula of
a long run of letters or quotes was searched from each of its characters again (review 147 F1:
20,000 of them took 5 s); nor after a ``$`` (the ``1`` of ``$A$1:Other!B2`` is a cell's row)."""
_CELL_REF = re.compile(r"[A-Za-z]{1,3}[0-9]{1,7}")
_LOCAL_FIRST = re.compile(r"\$?[A-Za-z]{1,3}\$?[0-9]{1,7}:")
"""The first part of ``A1:'Other'!B2`` (or ``A1:Other!B2``), read as a sheet's name by
:data:`_QUALIFIED`: a cell of this sheet, followed (an unquoted sheet's name is never shaped so)."""
_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9_.!'\]])(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})(?::(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7}))?(?![A-Za-z0-9_(!])"
)
_MAX_FORMULAS = 200_000
"""Formula cells a sheet with a volatile formula may hold for their references to be followed; past
it, every formula cell of the sheet is taken as depending on one."""
_MAX_FORMULA_WORK = 20_000_000
"""Range checks the following of references may make (then, as past :data:`_MAX_FORMULAS`)."""


def _volatile_cells(ws: Any, volatile: bool, path: Path | None = None) -> frozenset[tuple[int, int]]:
    """The (row, column) of each formula cell of a sheet that is volatile or refers, on this sheet,
    to one that is, directly or through others (``=A1`` where A1 is ``=TODAY()``: review 61): its
    stored value is the one of the day of the save. Empty for a sheet without a volatile formula
    (``volatile`` False, as :func:`_sheet_marks` found: the usual case). A shared formula's cells
    are read with their references moved as the spreadsheet moves them; a reference to another
    sheet or a name is not followed (one naming this sheet is)."""
    from openpyxl.utils.cell import column_index_from_string

    if not volatile:
        return frozenset()
    own = str(getattr(ws, "title", ""))
    cells: dict[tuple[int, int], tuple[bool, str | None, dict[str, str]]] = {}
    volatile_seen = unplaced = overflow = False
    budget = _Budget(path or Path(own))  # (the sheet read once more, its elements capped as its rows are)
    with ws._get_source() as source:
        # read as XML reads it (review 142 F1-F4: patterns over its bytes took a comment's text for
        # a cell, missed a mark written with a character reference, a function in a CDATA section
        # or in lower case, and took another namespace's <xm:f> for a cell's formula)
        for element in _stream(source, budget, _CELL):
            formula = element.find(_FORMULA)
            if formula is None:
                continue
            attributes, text = dict(formula.attrib), formula.text
            marked = _flagged(attributes.get("ca")) or _flagged(attributes.get("aca"))
            marked = marked or bool(text and _VOLATILE_CALL.search(_STRING.sub("", text)))
            volatile_seen = volatile_seen or marked
            ref = (element.get("r") or "").strip().upper()
            if not _CELL_REF.fullmatch(ref):
                unplaced = True  # (the row's parser places it; here it is no cell: review 144 F2)
                continue
            if len(cells) >= _MAX_FORMULAS:
                overflow = True  # (kept on: a sheet with no volatile formula needs none of them)
                continue
            letters = ref.rstrip("0123456789")
            at = (int(ref[len(letters) :]), column_index_from_string(letters))
            if "si" in attributes:  # (a shared formula's id is a number: "00" is 0, review 144 F4)
                attributes["si"] = _shared_id(attributes["si"])
            cells[at] = (marked, text, attributes)
    if not volatile_seen:
        return frozenset()  # (no formula of the sheet is volatile: none depends on one)
    if unplaced or overflow:
        return _EVERY_FORMULA  # (a formula not placed or not kept: which depend cannot be told)
    masters = {
        a["si"]: (at, text)
        for at, (_, text, a) in cells.items()
        if a.get("t") == "shared" and text and not a.get("si", "-").startswith("-")
    }
    arrays = {  # an array formula's (or data table's) first cell -> the cells of its range (review 144 F3)
        at: _bounds(a["ref"], expected("array_range"))
        for at, (_, text, a) in cells.items()
        if a.get("t") in ("array", "dataTable") and a.get("ref")
    }

    def this_sheet(m: re.Match[str]) -> str:  # a reference naming this sheet is this sheet's; another's is none
        name = m[1].replace("''", "'") if m[1] is not None else m[2]
        # (Sheet1:Sheet2!A1 runs through the sheets between the two, this one among them, perhaps:
        # followed as this sheet's, review 144 F5, quoted as LibreOffice and Excel quote it too,
        # Sheet1:'Other sheet'!A1, review 146 F4; a sheet's name in any case, review 146 F6)
        if m[2] is not None and _LOCAL_FIRST.match(name):  # (A1:'Other'!B2: A1 is this sheet's, review 147 F2)
            return f"{name.partition(':')[0]} {m[3]}"
        return m[3] if name.casefold() == own.casefold() or ":" in name else " "

    refers: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
    work = 0
    for at, (_, text, a) in cells.items():
        if not text and a.get("t") == "shared" and a.get("si") in masters:
            origin, text = masters[a["si"]]
            moved = (at[0] - origin[0], at[1] - origin[1])
        else:
            moved = (0, 0)
        plain = _QUALIFIED.sub(this_sheet, _STRING.sub(" ", text or "")).upper()
        refers[at] = [_moved_range(m, moved) for m in _REFERENCE.finditer(plain)]
        refers[at] += [_whole_range(m, moved) for m in _WHOLE.finditer(plain)]
        work += len(refers[at])  # (each reference counted: review 146 F7, A1+A1+... held 3.9 GB)
        if work > _MAX_FORMULA_WORK:
            return _EVERY_FORMULA
    single: dict[tuple[int, int], list[tuple[int, int]]] = {}  # a cell -> the formulas that name it
    by_row: dict[int, list[tuple[tuple[int, int, int, int], tuple[int, int]]]] = {}  # short ranges, by row
    tall: list[tuple[tuple[int, int, int, int], tuple[int, int]]] = []  # ranges of many rows
    for at, ranges in refers.items():
        for r0, c0, r1, c1 in ranges:
            if (r0, c0) == (r1, c1):
                single.setdefault((r0, c0), []).append(at)
            elif r1 - r0 < 64:
                work += r1 - r0 + 1  # (each row's entry counted: review 144 F6, 100,000 ranges held 1 GB)
                if work > _MAX_FORMULA_WORK:
                    return _EVERY_FORMULA
                for r in range(r0, r1 + 1):
                    by_row.setdefault(r, []).append(((r0, c0, r1, c1), at))
            else:
                tall.append(((r0, c0, r1, c1), at))
    volatile_masters = {
        a["si"] for at, (marked, text, a) in cells.items() if marked and a.get("t") == "shared" and text and "si" in a
    }
    depending = {  # marked, or a cell of a shared formula whose first cell is (Excel marks that one alone)
        at
        for at, (marked, text, a) in cells.items()
        if marked or (a.get("t") == "shared" and not text and a.get("si") in volatile_masters)
    }
    queue = list(depending)
    while queue:  # each cell that depends on a volatile one, then the formulas that refer to it
        r, c = cell = queue.pop()
        spans = by_row.get(r, [])
        work += len(spans) + len(tall) + 1
        if work > _MAX_FORMULA_WORK:
            return _EVERY_FORMULA
        found = list(single.get(cell, ()))
        found += [at for (r0, c0, r1, c1), at in (*spans, *tall) if r0 <= r <= r1 and c0 <= c <= c1]
        if cell in arrays:  # the other cells of its range hold its values: each depends as it does
            r0, r1, c0, c1 = arrays[cell]
            work += (r1 - r0 + 1) * (c1 - c0 + 1)
            if work > _MAX_FORMULA_WORK:
                return _EVERY_FORMULA
            found += [(row, col) for row in range(r0, r1 + 1) for col in range(c0, c1 + 1)]
        for at in found:
            if at not in depending:
                depending.add(at)
                queue.append(at)
    return frozenset(depending)


def _shared_id(value: str) -> str:
    """A shared formula's ``si`` as a number (``00``, `` 0``, ``+0``, ``-0`` and ``0.0`` are 0, as
    LibreOffice reads them); a text without a figure first (``abc``, nothing, a sign alone) is taken
    as 0, the first shared formula, as LibreOffice takes it. A negative id (``-1``) LibreOffice
    shares with no cell: it is kept as such (``-1``), and :func:`_volatile_cells` makes no shared
    formula of it (review 147 F3: read as 0, its text was taken for that of the formula 0's cells)."""
    figures = re.match(r"\s*([+-]?)([0-9]+)", value, re.ASCII)
    if not figures:
        return "0"  # (LibreOffice's: its first figures, else 0; review 146 F5)
    number = int(figures[2])
    return f"-{number}" if figures[1] == "-" and number else str(number)


class _EveryCell(frozenset):  # type: ignore[type-arg]
    """Every cell (a sheet whose formulas are too many to follow)."""

    def __contains__(self, item: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True


_EVERY_FORMULA: frozenset[tuple[int, int]] = _EveryCell()


_WHOLE = re.compile(
    r"(?<![A-Za-z0-9_.!'\]$:])(?:(\$?)([A-Z]{1,3}):(\$?)([A-Z]{1,3})|(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7}))(?![A-Za-z0-9_(!:])"
)
"""Whole columns (``F:F``) or whole rows (``3:3``) of this sheet."""


def _whole_range(m: re.Match[str], moved: tuple[int, int]) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column) of a whole-column or whole-row reference
    ``m`` of :data:`_WHOLE`, its relative parts moved by ``moved`` (rows, columns)."""
    from openpyxl.utils.cell import column_index_from_string

    if m[2]:  # columns
        a = column_index_from_string(m[2]) + (0 if m[1] else moved[1])
        b = column_index_from_string(m[4]) + (0 if m[3] else moved[1])
        return 1, min(a, b), 1_048_576, max(a, b)
    a, b = int(m[6]) + (0 if m[5] else moved[0]), int(m[8]) + (0 if m[7] else moved[0])
    return min(a, b), 1, max(a, b), 16_384


def _moved_range(m: re.Match[str], moved: tuple[int, int]) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column) of a reference ``m`` of :data:`_REFERENCE`,
    its relative parts moved by ``moved`` (rows, columns)."""
    from openpyxl.utils.cell import column_index_from_string

    def corner(col_fixed: str, col: str, row_fixed: str, row: str) -> tuple[int, int]:
        r = int(row) + (0 if row_fixed else moved[0])
        c = column_index_from_string(col) + (0 if col_fixed else moved[1])
        return r, c

    first = corner(m[1], m[2], m[3], m[4])
    last = corner(m[5] or "", m[6], m[7] or "", m[8]) if m[6] else first
    return min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1])


_MERGE = _tag_start(b"mergeCell")
_MERGE_TAG = _start_tag(b"mergeCell")
_MERGE_SCAN = 1 << 20
_MERGE_OVERLAP = 4096
_MARK_LOOKS: list[tuple[Sequence[bytes], re.Pattern[bytes]]] = [
    ((b"mergeCell",), _MERGE),
    ((b"hidden", b"width", b"<col", b":col"), _COL_START),
    (_FORMULA_WORDS, _FORMULA_START),
    ((b"sheetFormatPr",), _FORMAT_START),
]
"""What :func:`_sheet_marks` looks for, in the order of its :class:`_Marks` (each a look of :func:`_tags`)."""


@dataclass
class _Marks:
    """What a sheet's part says beside its rows, read before them in one pass: its merged ranges
    (four numbers each: first row, last row, first column, last column), the columns it hides
    ((first, last) ranges) and whether it holds a formula (which may be volatile)."""

    merges: array[int]
    hidden_columns: list[tuple[int, int]]
    volatile: bool


def _sheet_marks(ws: Any) -> _Marks:
    """The :class:`_Marks` of a sheet, its part inflated once, a block at a time."""
    marks = _Marks(array("i"), [], False)
    widths: list[tuple[int, int]] = []
    narrow = False
    with ws._get_source() as source:
        for k, tag, both in _tags(_plain_prolog(source.read, f"{getattr(ws, 'title', '')!s}"), _MARK_LOOKS):
            if k == 0:
                _take_merge(tag, both, marks.merges)
            elif k == 1:
                _take_column(tag, both, marks.hidden_columns, widths)
            elif k == 2:
                marks.volatile = True
            else:  # a default width under a pixel: every column no <col> widens is drawn as nothing (review 136 F6)
                narrow = _default_unseen(tag, both) or narrow
    if narrow:
        marks.hidden_columns.extend(_unwidthed(widths))
    return marks


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


def _take_merge(tag: re.Match[bytes], both: bytes, found: array[int]) -> None:
    """Add the range of the ``<mergeCell>`` at ``tag`` to ``found`` (16 bytes a range, whatever the
    file holds; as many ranges as the cap allows elements: the rows' parser counts their elements as
    it streams). A ``<mergeCell>`` without a readable range refuses the workbook."""
    ref = _tag_attributes(_MERGE_TAG, tag.start(), both, "merged_range")[1].get(b"ref")
    if ref is None:  # (a <mergeCell> without a range)
        raise InvalidInput(
            "file", both[tag.start() : tag.start() + 80].decode("utf-8", "replace"), expected("merged_range")
        )
    ref = ref.strip()  # (D2&#58;D3 is D2:D3, as an XML reader reads it)
    bounds = _bounds(ref, expected("merged_range"))
    if (bounds[0], bounds[2]) != (bounds[1], bounds[3]):  # a cell merged with itself covers none
        found.extend(bounds)
        if len(found) > 4 * MAX_XML_ELEMENTS:
            raise InvalidInput(
                "file",
                ref,
                expected("workbook_at_most", cap=MAX_XML_ELEMENTS, what=Reason.phrase("workbook.elements")),
            )


def _merges_held(data: bytes) -> array[int] | None:
    """The merged ranges of a part held whole (anywhere in it: review 59, a ``<mergeCells>`` written
    before the rows was missed), or None when it names none."""
    if b"mergeCell" not in data:
        return None
    found = array("i")
    blocks = iter((data, b""))
    for _, tag, both in _tags(lambda _size: next(blocks), _MARK_LOOKS[:1]):
        _take_merge(tag, both, found)
    return found


class _Covered:
    """The cells of each row that merged ranges cover (their first cell excepted), the rows taken
    in order (:func:`_rows` refuses a row out of order)."""

    def __init__(self, ranges: array[int]) -> None:
        self.count = len(ranges) // 4
        self.ranges: Any = None
        if self.count >= 4096:  # many ranges: ordered in numpy, kept as its 16 bytes a range
            try:
                import numpy as np
            except ImportError:  # pragma: no cover - without the extras: as tuples
                pass
            else:
                table = np.frombuffer(ranges, dtype=np.int32).reshape(-1, 4)
                self.ranges = table[np.argsort(table[:, 0], kind="stable")]
        if self.ranges is None:
            self.ranges = sorted(tuple(ranges[4 * k : 4 * k + 4]) for k in range(self.count))
        self.next = 0
        self.active: list[tuple[int, ...]] = []
        self.first_values: dict[tuple[int, ...], Any] = {}  # each active range's first cell, as read

    def _range(self, k: int) -> tuple[int, ...]:
        r = self.ranges[k]
        return r if type(r) is tuple else tuple(r.tolist())

    def mark(self, number: int, cells: list[Any], first: int) -> None:
        """Each cell of ``cells`` (the row ``number``, its first at column ``first``) that a range
        covers becomes a :class:`MergedCell`. Only the ranges that meet these columns are kept
        while they last: ranges that do not overlap (as a spreadsheet makes them) meet a row at
        most once a column, so more refuses the workbook."""
        if not self.count:
            return
        last_column = first + len(cells) - 1
        while self.next < self.count and self._range(self.next)[0] <= number:
            r = self._range(self.next)
            if r[2] <= last_column and r[3] >= first:
                self.active.append(r)
            self.next += 1
        self.active = active = [r for r in self.active if r[1] >= number]
        if len(active) > len(cells):
            raise InvalidInput("file", _range_text(active[0]), expected("merged_apart"))
        self.first_values = {r: v for r, v in self.first_values.items() if r[1] >= number}
        for r in active:
            low_row, _, low_col, high_col = r
            if number == low_row and first <= low_col <= last_column:
                self.first_values[r] = cells[low_col - first]
            shows = self.first_values.get(r)
            for column in range(max(low_col, first), min(high_col, last_column) + 1):
                if (number, column) != (low_row, low_col):
                    merged = _range_text(r)
                    cells[column - first] = MergedCell(_cell_text(column, number), merged, shows)


def _each_cell_once(row: list[dict[str, Any]], number: int) -> None:
    """Refuse the row ``number`` when it writes a cell twice (no spreadsheet does; a reader would
    take the last value, as a spreadsheet shows it, where the first may be meant: review 127 F5,
    a claim written 930 and then 9 was read 9.00), as a row written twice is refused."""
    columns = [c["column"] for c in row]
    if len(set(columns)) != len(columns):
        twice = next(c for i, c in enumerate(columns) if c in columns[:i])
        raise InvalidInput(
            "file", Reason.phrase("value.row", row=number), expected("cells_once", cell=_cell_text(twice, number))
        )


def _cell_text(column: int, row: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return f"{get_column_letter(column)}{row}"


def _range_text(r: tuple[int, ...]) -> str:
    return f"{_cell_text(r[2], r[0])}:{_cell_text(r[3], r[1])}"


def _has_data(row: list[dict[str, Any]]) -> bool:
    return any(not _blank(c["value"]) for c in row)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())  # (a MergedCell is "")


def _pick_sheet(book: Any, sheet: str | None, path: Path, budget: _Budget) -> Any:
    names = list(book.sheetnames)
    if sheet is not None:
        if sheet not in names:
            raise InvalidInput("sheet", sheet, expected("sheet_of", file=path.name, sheets=", ".join(names)))
        return book[sheet]
    with_data: list[str] = []
    shown = []
    lists = []  # hidden sheets whose rows hold at most two cells each (a drop-down's values)

    def several() -> InvalidInput:
        return InvalidInput(
            "sheet", ", ".join(with_data), expected("one_sheet", advice=argument("sheet"), file=path.name)
        )

    for ws in book.worksheets:
        visible = getattr(ws, "sheet_state", "visible") == "visible"
        with ws._get_source() as source:
            rows = _parser(book, ws, source, budget)
            if visible:  # (the first row with data tells)
                widths = [1] if any(_has_data(row) for _, row in rows) else []
            else:  # a hidden sheet: how wide its rows are
                widths = [sum(not _blank(c["value"]) for c in row) for _, row in rows]
        if any(widths):
            with_data.append(ws.title)
            if visible:
                shown.append(ws.title)
            elif max(widths) <= 2:
                lists.append(ws.title)
        if len(shown) > 1:  # (the sheets after them need not be read)
            raise several()
    if len(with_data) > 1 and len(shown) == 1 and len(with_data) == 1 + len(lists):
        # one sheet shown with data, the others hidden lists of values (a drop-down's, as LibreOffice
        # and Excel keep one): the one the user sees is the table (review 62); a hidden sheet of
        # wider rows may hold rows of the table, and is not passed over (review 63)
        return book[shown[0]]
    if len(with_data) > 1:  # (hidden sheets of rows hold data too, or hidden sheets alone)
        raise several()
    picked = book[with_data[0]] if with_data else book.worksheets[0]
    if with_data and getattr(picked, "sheet_state", "visible") != "visible":
        # (review 61: the one sheet with data was hidden, the sheet shown empty: read and paid)
        raise InvalidInput("sheet", picked.title, expected("sheet_shown", advice=argument("sheet")))
    return picked


# ---------------------------------------------------------------- the plain fast path
#
# Most workbooks (Excel's, LibreOffice's, openpyxl's, xlsxwriter's) write their rows in one plain
# form: ``<row r="N" ...>`` holding ``<c r="B7" s=".." t="..">`` cells each with at most a
# ``<v>`` value, and shared strings ``<si><t>text</t></si>``. Such parts are read below whole
# (a sheet: each row checked against :data:`_ROW_FORM` by RE2, then its tags found by their
# ``<`` with numpy; the shared strings by one regular-expression pass), column by column, giving
# the very values of the parser above.
# Anything outside that form (a formula, an inline string, rich text, a cell without its
# reference, a namespace prefix or a namespace declared below the root, a comment, a processing
# instruction, a CDATA section, an XML declaration other than UTF-8's written plainly, anything
# but white space before the first row or after the last, a character reference, a repeated
# column, a part near a cap) raises :class:`_NotPlain` and the part is read by the parser above
# instead, which reads it or refuses it with its reason: this path never refuses a workbook and
# never reads one differently. Nor does it fail: whatever else goes wrong on it (on either of its
# threads) hands the part to the parser above, and without a thread to start its work runs on the
# calling one. Tags are told apart by their whole names (``<row``, ``<c``, ``<v``), and no offset
# reaches Arrow before it is checked (:func:`_binary`): a part that is not plain is never read
# out of bounds while its rows are still being checked.


class _NotPlain(Exception):
    """The part is not in the plain form: the streaming parser reads it."""


_ROW_FORM = (
    r'^<row r="[0-9]{1,9}"(?: [A-Za-z_][0-9A-Za-z_.:-]*="[^"<&\t\n]*")*'
    r'(?:/>|>(?:<c r="[A-Z]{1,3}[0-9]{1,7}"(?: [st]="[^"<&\t\n]*")*(?:/>|>(?:<v>[^<&]*</v>)?</c>))*</row>)$'
)
"""One row element of a plain sheet, whole (RE2, matched against each row's bytes): its number and
other attributes, then its cells, each with its reference (column letters and row digits), its
``s`` and ``t`` attributes and at most a ``<v>`` value. Attribute values hold no tab or line feed
(which XML would turn into spaces)."""
_SI_FORM = r'^(?:<si><t(?: xml:space="preserve")?(?:>[^<]*</t>|/>)</si>)+$'
"""Shared strings of a plain table, one after another, whole (RE2): each its text alone, without runs."""
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|]]>")
"""What a plain part's text never holds (a character XML refuses, a carriage return that XML
would turn into a line feed, the end of a CDATA section)."""
_HELD_PER_TAG = 512
"""The bytes a plain part holds per cell or shared string, at most (else it is streamed)."""
_MAX_FRAME = 256 * 1024
"""The characters a plain part may hold around its rows or shared strings (parsed whole)."""
_XML_BYTES = b"\t\n" + bytes(range(0x20, 0x100))
"""The bytes a plain part holds as they are (deleted from it, nothing may be left)."""
_ATTRIBUTE = re.compile(r' ([\w.:-]+)="([^"]*)"')
_DECLARATION = re.compile(
    rb'<\?xml version=(["\'])1\.0\1(?: encoding=(["\'])(?:UTF-8|utf-8)\2)?(?: standalone=(["\'])(?:yes|no)\3)? ?\?>'
)
"""The only XML declaration of a plain part (UTF-8, written as most writers write it)."""
_PREFIXED = re.compile(rb"</?[^\s/>:]*:")
"""An element's tag with a namespace prefix (every ``<`` of a plain part starts a tag; between
them, the rows or shared strings match their grammar, which has none)."""
_ATTRIBUTE_BYTES = re.compile(rb' ([\w.:-]+)="([^"]*)"')


def _checked(data: bytes) -> bytes:
    """A part's bytes (without a byte order mark), when they are UTF-8 (as declared) and hold only
    characters XML takes as they are."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.translate(None, _XML_BYTES) or (b"]" in data and b"]]>" in data):
        raise _NotPlain  # a control character, a carriage return, the end of a CDATA section
    if data.startswith(b"<?") and not _DECLARATION.match(data):
        raise _NotPlain  # a declaration not read exactly as the XML parser reads it (another encoding)
    if not data.isascii():
        if b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data:
            raise _NotPlain  # U+FFFE or U+FFFF
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise _NotPlain from None
    return data


def _declared_prefixes(root_tag: bytes) -> dict[bytes, bytes]:
    """The namespace prefixes the root tag declares (``xmlns:p="uri"``), each with its URI, read
    attribute by attribute (so that ``xmlns:p=`` inside another attribute's value declares nothing)."""
    return {name[6:]: uri for name, uri in _ATTRIBUTE_BYTES.findall(root_tag) if name.startswith(b"xmlns:")}


def _expanded_names(names: list[bytes], declared: dict[bytes, bytes]) -> None:
    """Not plain (:class:`_NotPlain`) unless the attribute ``names`` of one element are what XML
    with namespaces takes: each a name or ``prefix:name`` (one colon, a declared prefix, a name
    that starts with a letter or ``_``), no two the same once their prefixes are read as URIs.
    The streaming parser refuses the others (expat: not well-formed)."""
    expanded = set()
    for name in names:
        prefix, colon, local = name.partition(b":")
        if colon:
            uri = declared.get(prefix)
            if uri is None or (not local[:1].isalpha() and local[:1] != b"_") or b":" in local:
                raise _NotPlain
            expanded.add((uri, local))
        else:
            expanded.add((b"", name))
    if len(expanded) < len(names):
        raise _NotPlain


def _text(data: bytes) -> str:
    """A part's text, when it is UTF-8 (as declared) and holds only characters XML takes as they are."""
    return _checked(data).decode("utf-8")


def _unescaped(text: str) -> str:
    """Text with XML's five entities and character references replaced (anything else: not plain)."""
    if "&" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        if m.group(1):
            return _NAMED[m.group(1)]
        code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
        char = chr(code) if code <= 0x10FFFF else "\x00"
        if _NOT_XML.match(char) and char != "\r":
            raise _NotPlain
        return char

    out = _ENTITY.sub(one, text)
    if "&" in _ENTITY.sub("", text):
        raise _NotPlain
    return out


def _frame_elements(text: bytes, start: int, end: int, inner: bytes) -> tuple[int, Element]:
    """The elements of a part around its plain middle ``text[start:end]`` (replaced by ``inner``),
    parsed (so a broken frame is not plain) and counted; none of them may be a row or a cell.
    The frame holds no comment, CDATA section, document type or processing instruction (but the
    declaration :func:`_checked` took) and no prefixed element (the middle's grammar has none of
    them either: so each ``<`` of the part starts a tag, and each tag is what it looks like)."""
    if len(text) - (end - start) > _MAX_FRAME:
        raise _NotPlain  # much besides the rows: streamed, an element at a time
    frame = text[:start] + inner + text[end:]
    if b"<!" in frame or frame.find(b"<?", 1) >= 0 or _PREFIXED.search(frame):
        raise _NotPlain
    try:
        root = fromstring(frame)
    except ParseError:
        raise _NotPlain from None
    count = 0
    for element in root.iter():
        count += 1
        if element.tag in (_ROW, _CELL, _SI):
            raise _NotPlain
    return count, root


def _plain_shared_strings(data: bytes, budget: _Budget) -> list[str]:
    """The shared strings of a plain table, as :func:`_shared_strings` reads them: each ``<si>``
    element checked whole against :data:`_SI_FORM` (RE2) and its text taken as a slice of the part."""
    try:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - without the extras the table streams
        raise _NotPlain from None

    data = _checked(data)
    start = data.find(b"<si>")
    end = data.rfind(b"</si>") + len(b"</si>")
    if start < 0 or end < start + len(b"<si>"):
        raise _NotPlain
    b = np.frombuffer(data, dtype=np.uint8)
    lt = np.flatnonzero(b[start:end] == ord("<")) + start
    first = b[lt + 1]
    si = lt[first == ord("s")]  # each <si (an element of the table) and anything else that starts "<s"
    groups = si[::256]  # (256 elements a string: RE2 costs more by the string than by the byte)
    elements = _binary(data, np.append(groups, end))
    if not pc.all(pc.match_substring_regex(elements, _SI_FORM)).as_py():
        raise _NotPlain
    t = np.flatnonzero(first == ord("t"))  # each <t (one an element, as they match)
    after = lt[np.minimum(t + 1, len(lt) - 1)]
    # the text after <t> (3 bytes) or <t xml:space="preserve"> (24); none after <t/> or <t xml:space="preserve"/>
    tag_end = np.where(b[lt[t] + 2] == ord(" "), lt[t] + 23, lt[t] + 2)
    text_start = np.where(b[tag_end] == ord(">"), tag_end + 1, after)
    if len(t) != len(si):
        raise _NotPlain  # pragma: no cover - (the elements matched)
    frame, root = _frame_elements(data, start, end, b"")
    if root.tag != _MAIN + "sst" or len(root) or not re.search(rb"<sst[\s>]", data[:start]):
        raise _NotPlain
    strings: list[str] = _slices(data, text_start, after).cast(pa.large_string()).to_pylist()
    escaped = data.find(b"&", start, end) >= 0
    if escaped:
        strings = [_unescaped(t) for t in strings]
    chars = sum(map(len, strings))
    elements_read = budget.elements + frame + 2 * len(strings)
    if len(strings) > MAX_XLSX_SHARED_STRINGS or chars > MAX_TOTAL_CHARS or elements_read > MAX_XML_ELEMENTS:
        raise _NotPlain
    budget.elements = elements_read
    if (data.find(b"x005F", start, end) >= 0 or escaped) and any("x005F_" in s for s in strings):
        # (in the text once unescaped, as the streaming reader looks: "x005F&#95;" is "x005F_")
        strings = [s.replace("x005F_", "") for s in strings]
    return strings


@dataclass
class _SheetCells:
    """The cells of a plain sheet: each row element's number, and each cell's row (its position
    among the row elements), column and value, in the order of the file."""

    numbers: list[int]
    row: Any  # numpy int64 array
    column: Any  # numpy int64 array
    code: Any
    """Each cell's code (numpy int64) into ``distinct``: the cells of one type, style and ``<v>`` text share it."""
    distinct: list[Any]
    """The value of each code."""
    merges: Any = None
    """The sheet's merged ranges (:func:`_merges_held`), or None when it has none."""

    @property
    def value(self) -> Any:
        """Each cell's value (a numpy object array), made from the codes when asked for."""
        import numpy as np

        kept = np.empty(len(self.distinct), dtype=object)
        kept[:] = self.distinct
        return kept[self.code]


def _cast_number(value: str) -> int | float:
    """A number cell's text as openpyxl reads it."""
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return int(value)


def _binary(data: bytes, offsets: Any) -> Any:
    """The byte slices ``data[offsets[i]:offsets[i + 1]]`` as an Arrow binary array, made without a
    Python object per slice; :class:`_NotPlain` unless the offsets run forward from 0 at the
    least to ``len(data)`` at the most (checked before Arrow ever reads them: it trusts them)."""
    import numpy as np
    import pyarrow as pa

    offsets = np.ascontiguousarray(offsets, dtype=np.int64)
    if len(offsets) and (offsets[0] < 0 or offsets[-1] > len(data) or (offsets[1:] < offsets[:-1]).any()):
        raise _NotPlain
    if len(offsets) < 2:
        return pa.array([], pa.large_binary())
    return pa.LargeBinaryArray.from_buffers(
        pa.large_binary(), len(offsets) - 1, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )


def _slices(data: bytes, starts: Any, stops: Any) -> Any:
    """The byte slices ``data[starts[i]:stops[i]]`` (in order, not overlapping: else
    :class:`_NotPlain`) as an Arrow binary array, made without a Python object per slice."""
    import numpy as np
    import pyarrow as pa

    n = len(starts)
    if not n:
        return pa.array([], pa.large_binary())
    offsets = np.empty(2 * n, dtype=np.int64)
    offsets[0::2] = starts
    offsets[1::2] = stops
    # every slice and every gap between two, then every other one of them
    return _binary(data, offsets).take(pa.array(np.arange(0, 2 * n, 2, dtype=np.int64)))


def _digits(b: Any, at: Any, most: int) -> tuple[Any, Any]:
    """The length and the value of each run of ASCII digits of ``b`` starting at ``at``: each run
    has one to ``most`` digits (the part's grammar was checked)."""
    import numpy as np

    value = b[at].astype(np.int64) - 48
    length = np.ones(len(at), dtype=np.int64)
    going = np.ones(len(at), dtype=bool)
    for k in range(1, most):
        digit = b[at + k] - np.uint8(48)
        going &= digit < 10
        if not going.any():
            break
        value = np.where(going, value * 10 + digit, value)
        length += going
    return length, value


def _reference_end(b: Any, at: Any, guess: Any) -> Any:
    """Where the reference of each cell ends (its closing quote), its row digits starting at
    ``at`` (one to seven of them, then the quote, as the part's grammar was checked), ``guess``
    digits long as a rule (those of the row's own number). A quote at most six bytes on with a
    digit before it ends the reference: any other quote preceded by a digit closes an attribute's
    value or stands in the ``<v>`` text after the tag, at least seven bytes on (``1" s="1"``,
    ``1"><v>1"``). The others are counted digit by digit."""
    import numpy as np

    end = at + guess
    wrong = np.flatnonzero((guess > 6) | (b[end] != ord('"')) | (b[end - 1] - np.uint8(48) >= 10))
    if len(wrong):
        end[wrong] = at[wrong] + _digits(b, at[wrong], 7)[0]
    return end


def _digit_numbers(texts: Any) -> Any:
    """The number of each text of ``texts`` (Arrow binary) that is one to fifteen ASCII digits, as
    ``int()`` reads it (numpy int64), else -1."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(texts):
        return np.zeros(0, dtype=np.int64)
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset : texts.offset + len(texts) + 1]
    data = texts.buffers()[2]
    body = np.zeros(0, dtype=np.uint8) if data is None else np.frombuffer(data, dtype=np.uint8)
    not_digits = np.concatenate([[0], np.cumsum(body - np.uint8(48) >= 10)])
    length = np.diff(offsets)
    digits = (not_digits[offsets[1:]] == not_digits[offsets[:-1]]) & (length >= 1) & (length <= 15)
    out = np.full(len(texts), -1, dtype=np.int64)
    out[digits] = pc.cast(texts.filter(pa.array(digits)).cast(pa.large_string()), pa.int64()).to_numpy()
    return out


def _plain_sheet(
    data: bytes, marks: Any, book: Any, shared: Sequence[str], budget: _Budget, twice: bool
) -> _SheetCells:
    """The cells of a plain sheet with the values the streaming parser gives (else :class:`_NotPlain`).

    The part is checked and taken apart as bytes, without a Python object per cell: each row
    element must match :data:`_ROW_FORM` whole (RE2, over the rows as slices of the part), and
    the tags are then found by their ``<`` (numpy); each distinct cell attributes and each
    distinct ``<v>`` text is read once in Python. ``marks``: where the part's ``<`` stand (or None)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    whole = len(data)
    data = _checked(data)
    start = data.find(b"<sheetData>")
    end = data.rfind(b"</sheetData>")
    if start < 0 or end < start:
        raise _NotPlain
    start += len(b"<sheetData>")
    frame, root = _frame_elements(data, start, end, b"")  # (no comment, PI or prefix around the rows)
    # (between start and end: white space, then rows that match the grammar, checked below)
    head, tail = data[:start], data[end:]
    if head.count(b"<sheetData") + tail.count(b"<sheetData") != 1 or tail.count(b"</sheetData") != 1:
        raise _NotPlain
    root_tag = re.search(rb"<worksheet[\s>][^>]*>", data[:start])
    if root.tag != _MAIN + "worksheet" or root_tag is None or root.find(_MAIN + "sheetData") is None:
        raise _NotPlain  # (the sheet data a child of the worksheet, in its namespace)
    if head.count(b"xmlns") + tail.count(b"xmlns") != root_tag.group(0).count(b"xmlns"):
        raise _NotPlain  # a namespace declared on another element than the worksheet
    if _unseen_width_held(head) or _unseen_width_held(tail):
        raise _NotPlain  # a column drawn as nothing: the streaming parser refuses it as a hidden one
    if data.find(b"&", start, end) >= 0:
        raise _NotPlain  # an entity or a character reference
    b = np.frombuffer(data, dtype=np.uint8)  # (the part goes on past ``end``: "</sheetData>...")
    if marks is None:
        lt = np.flatnonzero(b[start:end] == ord("<")) + start
    else:
        bom = whole - len(data)  # (the byte order mark's bytes, when it had one)
        lt = marks[np.searchsorted(marks, start + bom) : np.searchsorted(marks, end + bom)]
        if bom:
            lt = lt - bom
    nxt = np.empty_like(lt)
    nxt[:-1] = lt[1:]
    rows_end = end  # (white space after the last row left out of it)
    while rows_end > start and data[rows_end - 1] in b" \t\n":
        rows_end -= 1
    nxt[-1:] = rows_end
    # the tags by their names: <row, <c and <v (then a space, ">" or "/"); anything else matches no
    # row of the grammar (and anything odd before the verdict is not plain, see _binary)
    first = b[lt + 1]
    ends_name = np.zeros(256, dtype=bool)
    ends_name[list(b" >/")] = True
    second = b[lt + 2]
    is_row = (first == ord("r")) & (second == ord("o")) & (b[lt + 3] == ord("w")) & ends_name[b[lt + 4]]
    one_letter = ends_name[second]
    is_cell = (first == ord("c")) & one_letter
    is_value = (first == ord("v")) & one_letter
    row_at = lt[is_row]
    if data[start : row_at[0] if len(row_at) else end].strip(b" \t\n"):
        raise _NotPlain  # anything but white space before the first row (or in a sheet without rows)
    if len(row_at) and lt[0] != row_at[0]:
        raise _NotPlain  # pragma: no cover - (a tag before it would not be white space)

    def taken_apart() -> tuple[_SheetCells, int]:
        """The cells of the sheet and the elements read, as if its rows matched the grammar."""
        # rows: their numbers, and their other attributes (each distinct one checked once)
        digits, numbers_of = _digits(b, row_at + len(b'<row r="'), 9)
        numbers = numbers_of.tolist()
        row_end = nxt[is_row]
        row_attributes = _slices(data, row_at + len(b'<row r="') + digits + 1, row_end - 1).dictionary_encode()
        declared = _declared_prefixes(root_tag.group(0))
        for attrs in row_attributes.dictionary.to_pylist():
            found = _ATTRIBUTE_BYTES.findall(attrs)
            names = [name for name, _ in found]
            if b"r" in names or any(n.startswith(b"xmlns") for n in names):
                raise _NotPlain
            if any(name == b"ht" and _unseen(value, ROW_SEEN) for name, value in found):
                raise _NotPlain  # a row drawn as nothing: the streaming parser refuses it as a hidden one
            _expanded_names(names, declared)
        # cells: their row, column (from the letters of their reference) and attributes
        cell_token = np.flatnonzero(is_cell)
        cell_at = lt[cell_token]
        cells = len(cell_at)
        row = (np.cumsum(is_row, dtype=np.int32) - 1)[cell_token].astype(np.int64)
        letters = [b[cell_at + k].astype(np.int64) - 64 for k in (6, 7, 8)]
        two = (letters[1] >= 1) & (letters[1] <= 26)
        three = two & (letters[2] >= 1) & (letters[2] <= 26)
        column = np.where(
            three,
            (letters[0] * 26 + letters[1]) * 26 + letters[2],
            np.where(two, letters[0] * 26 + letters[1], letters[0]),
        )
        count = 1 + two.astype(np.int64) + three
        quote = _reference_end(b, cell_at + 6 + count, digits[row])
        if cells and int(np.bincount(row).max()) > MAX_XLSX_ROW_CELLS:
            raise _NotPlain
        if ((row[1:] == row[:-1]) & (column[1:] <= column[:-1])).any():
            raise _NotPlain  # a row's columns out of order, or one repeated (the later cell wins there)
        # a cell's value: the text of the <v> right after it (none: <c .../> or <c ...></c>)
        after = np.minimum(cell_token + 1, len(lt) - 1)
        has_value = is_value[after] & (after > cell_token)
        value_token = cell_token[has_value] + 1
        values = int(has_value.sum())
        elements = budget.elements + frame + len(numbers) + cells + values
        # the streaming parser also reads the sheet (up to its first row with data) to pick it
        passes = 2 if twice else 1
        if (
            budget.cells + passes * cells > MAX_XLSX_CELLS
            or budget.elements + passes * (elements - budget.elements) > MAX_XML_ELEMENTS
        ):
            raise _NotPlain
        # each cell's attributes (with the end of its tag, ">" or "/>") by their distinct forms
        cell_attributes = _slices(data, quote + 1, nxt[cell_token]).dictionary_encode()
        try:
            kinds_of = {
                attrs: _cell_kind(attrs.rstrip(b"/>").decode("utf-8"), book)
                for attrs in cell_attributes.dictionary.to_pylist()
            }
        except UnicodeDecodeError:
            raise _NotPlain from None
        groups = cell_attributes.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        # each distinct (attributes, <v> text) read once: the parser reads each cell by these alone
        value_codes, texts, text_numbers = valued.result()
        if len(value_codes) != len(value_token):
            raise _NotPlain  # (a <v> not right after its cell's tag: the rows do not match the grammar)
        text_code = np.full(cells, len(texts) - 1, dtype=np.int64)
        text_code[has_value] = value_codes
        key = groups * len(texts) + text_code
        keys, code = _compact(key, len(kinds_of) * len(texts))
        # (the keys are sorted: those of each kind of cell follow one another)
        bounds = np.searchsorted(keys, np.arange(len(kinds_of) + 1) * len(texts)).tolist()
        distinct: list[Any] = []
        shared_strings = None
        try:
            for k, kind in enumerate(kinds_of.values()):
                of_kind = keys[bounds[k] : bounds[k + 1]] % len(texts)
                index = text_numbers[of_kind]
                if kind[0] == "s" and (index >= 0).all():  # shared strings by their indices (int() of digits)
                    if shared_strings is None:
                        shared_strings = np.empty(len(shared), dtype=object)
                        shared_strings[:] = shared
                    distinct += shared_strings[index].tolist()
                    continue
                distinct += _values(kind, list(map(texts.__getitem__, of_kind.tolist())), shared, book)
        except (ValueError, IndexError, OverflowError, TypeError):
            raise _NotPlain from None
        return _SheetCells(numbers, row, column, code, distinct), elements

    # every row whole (from one <row to the next, the last up to </sheetData>) checked by RE2 on
    # another thread, while this one takes the rows apart as if they were plain
    rows_text = _binary(data, np.append(row_at, rows_end))

    def encoded_values() -> tuple[Any, list[str | None], Any]:
        """Each <v> text's code into the distinct texts (then None, for a cell without one), and
        each distinct text's number when it is one to fifteen ASCII digits (else -1)."""
        at = np.flatnonzero(is_value)
        encoded = _slices(data, lt[at] + len(b"<v>"), nxt[at]).dictionary_encode()
        return (
            encoded.indices.to_numpy(zero_copy_only=False),
            [*encoded.dictionary.cast(pa.large_string()).to_pylist(), None],
            np.append(_digit_numbers(encoded.dictionary), -1),
        )

    with _Helper() as pool:
        checked = pool.submit(lambda: not len(row_at) or pc.all(pc.match_substring_regex(rows_text, _ROW_FORM)).as_py())
        valued = pool.submit(encoded_values)  # (on the same thread, after the check)
        try:
            taken, elements = taken_apart()
        except Exception:
            if not checked.result():
                raise _NotPlain from None  # (not plain: its bytes were not what the grammar says)
            raise
        if not checked.result():
            raise _NotPlain
    budget.cells += len(taken.column)
    budget.elements = elements
    return taken


class _Helper:
    """One helper thread for work that can overlap the caller's; the work runs on the calling thread
    instead (with the same result) when no thread can be started (at the interpreter's shutdown, or
    at the process's thread limit)."""

    def __enter__(self) -> _Helper:
        from concurrent.futures import ThreadPoolExecutor

        self.pool: Any = ThreadPoolExecutor(1)
        self.inline = False
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True)

    def submit(self, work: Any) -> Any:
        """The future result of ``work()`` (done already when it ran here)."""
        from concurrent.futures import Future

        if not self.inline:
            try:
                return self.pool.submit(work)
            except RuntimeError:  # (the work queued, if it was, never runs: no thread is asked for again)
                self.inline = True
        done: Future[Any] = Future()
        try:
            done.set_result(work())
        except Exception as exc:
            done.set_exception(exc)
        return done


def _compact(key: Any, bound: int) -> tuple[Any, Any]:
    """The distinct keys (each from 0 to ``bound``), sorted, and each key's position among them."""
    import numpy as np

    if bound > 4 * len(key) + 1024:
        keys, code = np.unique(key, return_inverse=True)
        return keys, code.reshape(-1)
    present = np.zeros(bound, dtype=bool)
    present[key] = True
    position = np.cumsum(present) - 1
    return np.flatnonzero(present), position[key]


def _cell_kind(attrs: str, book: Any) -> tuple[str, int]:
    """A cell's type and style from its attributes, and whether its style is a date's (``d``) or
    a duration's (``t``)."""
    found = dict(_ATTRIBUTE.findall(attrs))
    if len(_ATTRIBUTE.findall(attrs)) != len(found):
        raise _NotPlain  # an attribute given twice
    kind, style = found.get("t", "n"), found.get("s", "0")
    if not style.isascii() or not style.isdigit() or kind == "e":
        raise _NotPlain  # (an error cell is read by the streaming parser, as a CellError)
    if kind == "n" and int(style) in book._date_formats:
        kind = "date" if int(style) not in book._timedelta_formats else "duration"
    return kind, int(style)


def _values(kind: tuple[str, int], given: list[str | None], shared: Sequence[str], book: Any) -> list[Any]:
    """The values of cells of one kind from their ``<v>`` texts, as openpyxl's parser reads them."""
    from openpyxl.utils.datetime import from_excel

    t = kind[0]
    if t == "inlineStr":
        return [None] * len(given)
    if given.count(None) or "" in given:  # a cell without a value
        out: list[Any] = [None] * len(given)
        at = [i for i, v in enumerate(given) if v]
        for i, v in zip(at, _values(kind, [given[i] for i in at], shared, book), strict=True):
            out[i] = v
        return out
    texts: list[str] = given  # type: ignore[assignment]
    if t == "s":
        return list(map(shared.__getitem__, map(int, texts)))
    if t == "n":
        return list(map(_cast_number, texts))
    if t in ("date", "duration"):
        return [from_excel(_cast_number(v), book.epoch, timedelta=t == "duration") for v in texts]
    if t == "b":
        return [bool(int(v)) for v in texts]
    if t == "d":
        return [_iso_cell(v) for v in texts]
    return texts


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


def _plain_cells(book: Any, sheet: str | None, path: Path, budget: _Budget) -> _SheetCells | None:
    """The cells of the sheet to read when it is plain (one worksheet, or the one named), else None."""
    if sheet is None:
        if len(book.worksheets) != 1 or getattr(book.worksheets[0], "sheet_state", "visible") != "visible":
            return None  # (a hidden sheet: refused, or read when named, by the streaming parser)
        ws = book.worksheets[0]
    else:
        if sheet not in book.sheetnames:
            return None  # refused by _pick_sheet, with its words
        ws = book[sheet]
        if ws not in book.worksheets:
            return None
    passes = 2 if sheet is None else 1  # the streaming parser also reads the sheet to pick it
    try:
        with ws._get_source() as source:
            read = _read_within_caps(source, budget, passes, b"<c", MAX_XLSX_CELLS - budget.cells)
        if read is None:
            return None  # the streaming parser refuses it as it streams, in bounded memory
        if b"hidden" in read[0] and _HIDDEN_TRUE.search(read[0]):
            return None  # hidden rows or columns: the streaming parser finds them (and refuses them)
        merges = _merges_held(read[0])
        cells = _plain_sheet(*read, book, ws._shared_strings, budget, twice=sheet is None)
        if cells is not None:
            cells.merges = merges
        return cells
    except Exception:  # not plain, or the plain path failed (without numpy or pyarrow every sheet streams)
        return None  # the streaming parser reads it, or refuses it with its reason


def _read_within_caps(
    source: IO[bytes], budget: _Budget, passes: int, tag: bytes, room: int
) -> tuple[bytes, Any] | None:
    """A part's bytes, read a block at a time, when its start tags (as many as its elements, or
    more) stay within the elements' cap and its ``tag`` tags (as many as its cells or shared
    strings, or more) within ``room``, and it holds at most :data:`_HELD_PER_TAG` bytes a ``tag``
    (and a MiB); else None, as soon as a block goes past (memory: the blocks read until then).
    With the bytes, where each of its ``<`` stands (a numpy array; None without numpy)."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - without the extras: counted by bytes.count
        np = None  # type: ignore[assignment]
    with _Helper() as pool:  # the next block inflates on another thread while one is counted
        return _read_counted(source, budget, passes, tag, room, np, pool)


def _read_counted(
    source: IO[bytes], budget: _Budget, passes: int, tag: bytes, room: int, np: Any, pool: Any
) -> tuple[bytes, Any] | None:
    """:func:`_read_within_caps`, the blocks read by ``pool``."""
    opened = closed = tags = held = 0
    last = b""
    blocks = []
    marks = []

    def read() -> bytes:
        return source.read(1 << 20)

    pending = pool.submit(read)
    while block := pending.result():
        pending = pool.submit(read)
        both = last + block
        if np is None:  # pragma: no cover
            opened += block.count(b"<")
            closed += both.count(b"</")
            tags += both.count(tag)
        else:  # the same counts, from where the "<" of the block stand
            whole = np.frombuffer(both, dtype=np.uint8)
            at = np.flatnonzero(whole == ord("<"))
            follow = whole[at[at < len(whole) - 1] + 1]
            closed += int(np.count_nonzero(follow == ord("/")))
            if len(tag) == 2:
                tags += int(np.count_nonzero(follow == tag[1]))
            else:
                inside = at[at < len(whole) - 2]
                tags += int(np.count_nonzero((whole[inside + 1] == tag[1]) & (whole[inside + 2] == tag[2])))
            at = at[at >= len(last)]
            opened += len(at)
            marks.append(at + (held - len(last)))
        last = block[-1:]
        # (a "<" that ends a block and opens an end tag counts as a start tag until the next block)
        held += len(block)
        if budget.elements + passes * (opened - closed) > MAX_XML_ELEMENTS or passes * tags > room:
            return None
        if held > _HELD_PER_TAG * tags + (1 << 20):
            return None  # mostly other elements (a plain part is mostly its cells or strings): streamed
        blocks.append(block)
    return b"".join(blocks), (None if np is None else np.concatenate(marks) if marks else np.zeros(0, np.int64))


def _rows_of(cells: _SheetCells) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The rows of a plain sheet as the streaming parser gives them."""
    rows: list[list[dict[str, Any]]] = [[] for _ in cells.numbers]
    for r, c, v in zip(cells.row.tolist(), cells.column.tolist(), cells.value.tolist(), strict=True):
        rows[r].append({"column": c, "value": v})
    yield from zip(cells.numbers, rows, strict=True)


def _open(path: Path) -> tuple[Any, _Budget]:
    """The workbook (its sheets not read yet) and the budget of its read, or the reason it is refused."""
    _openpyxl()
    _check_zip(path)
    budget = _Budget(path)
    try:
        return _load(path, budget), budget
    except VoucherError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InvalidInput("file", str(path), expected("readable_workbook", kind=type(exc).__name__)) from None


def xlsx_rows(
    path: Path,
    required: Sequence[str],
    *,
    aliases: dict[str, str] | None = None,
    refuse_unknown: bool = False,
    sheet: str | None = None,
    max_rows: int = MAX_ROWS,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of one sheet as ``(row number, {column: value})``; the first row with data is the
    header, or the first below title rows of one cell (:func:`~voucherlib.input.files.is_title`)."""
    book, budget = _open(path)
    try:
        plain = _plain_cells(book, sheet, path, budget)
        if plain is not None:
            covered = None if plain.merges is None else _Covered(plain.merges)
            yield from _rows(_rows_of(plain), required, aliases, refuse_unknown, max_rows, covered)
            return
        ws = _pick_sheet(book, sheet, path, budget)
        marks = _sheet_marks(ws)
        covered = _Covered(marks.merges)
        hidden = _Hidden(set(), marks.hidden_columns)
        with ws._get_source() as source:
            parsed = _parser(book, ws, source, budget, hidden.rows, _volatile_cells(ws, marks.volatile, path))
            yield from _rows(parsed, required, aliases, refuse_unknown, max_rows, covered, hidden)
    except VoucherError:
        raise
    except Exception as exc:  # a sheet that breaks while it is read
        raise InvalidInput("file", str(path), expected("readable_workbook", kind=type(exc).__name__)) from None
    finally:
        book.close()


@dataclass
class _Hidden:
    """The rows (filled in as they are parsed) and the columns a sheet hides."""

    rows: set[int]
    columns: list[tuple[int, int]]


def _rows(
    parsed: Iterator[tuple[int, list[dict[str, Any]]]],
    required: Sequence[str],
    aliases: dict[str, str] | None,
    refuse_unknown: bool,
    max_rows: int,
    covered: _Covered | None = None,
    hidden: _Hidden | None = None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of :func:`xlsx_rows`. A row the sheet hides (or filters out) that holds data, and a
    column it hides under the header, refuse the workbook (review 60: hidden rows were read, and
    paid, where the spreadsheet showed the auditor none of them): the file cannot tell a row left
    out of the invoice from one merely out of view, so the provider says which by showing or
    deleting it."""
    names: list[str] | None = None
    first = 1  # the column of the header's first cell: a table may start right of column A
    title: InvalidInput | None = None  # the first row's refusal as a header, when it may be a title
    titles = 0
    previous = 0
    for number, row in parsed:
        if number > max_rows + 1:
            raise InvalidInput("file", Reason.phrase("value.row", row=number), expected("max_rows", max=max_rows))
        if not _has_data(row):
            continue
        if hidden is not None and number in hidden.rows:
            raise InvalidInput("file", Reason.phrase("value.row", row=number), expected("row_shown"))
        if number <= previous:  # (review 60: a row written twice was read, and paid, twice)
            raise InvalidInput(
                "file", Reason.phrase("value.row", row=number), expected("rows_in_order", before=previous)
            )
        previous = number
        _each_cell_once(row, number)
        if names is None:
            given = [c["column"] for c in row if not _blank(c["value"])]
            first, width = min(given), max(given) - min(given) + 1
            header: list[Any] = [None] * width
            for c in row:
                if first <= c["column"] < first + width:
                    header[c["column"] - first] = c["value"]
            for low, high in hidden.columns if hidden is not None else ():
                if low < first + width and high >= first:  # a column of the table the sheet hides
                    letter = _cell_text(max(low, first), 1)[:-1]  # (the column's letters)
                    raise InvalidInput("file", Reason.phrase("value.column", column=letter), expected("column_shown"))
            try:
                names = header_names(header, required, aliases=aliases, refuse_unknown=refuse_unknown)
            except InvalidInput as exc:
                if len(given) > 1 or titles == MAX_TITLE_ROWS:
                    raise (title or exc) if len(given) == 1 else exc from None
                title, titles = title or exc, titles + 1  # a title above the header (one cell)
            continue
        cells: list[Any] = [None] * len(names)
        outside: dict[str, Any] | None = None
        for c in row:
            if first <= c["column"] < first + len(names):
                cells[c["column"] - first] = c["value"]
            elif outside is None and not _blank(c["value"]):
                outside = c
        if covered is not None:
            covered.mark(number, cells, first)
        if outside is not None:  # refused whole, shown with the cells it has under the header
            where = _cell_text(outside["column"], number)
            said = Reason.phrase("reason.cells_outside", columns=len(names), cell=where, value=shown(outside["value"]))
            yield number, {**dict(zip(names, cells, strict=True)), ROW_ERROR: said}
            continue
        yield number, dict(zip(names, cells, strict=True))
    if names is None:
        raise InvalidInput("header", "", expected("header_naming", columns=", ".join(required)))


def xlsx_columns(
    path: Path,
    required: Sequence[str],
    *,
    aliases: dict[str, str] | None = None,
    refuse_unknown: bool = False,
    sheet: str | None = None,
    limits: Limits,
) -> PlainColumns | None:
    """The rows :func:`xlsx_rows` gives (bounded as :func:`voucherlib.input.table.read_table`
    bounds them), column by column, when the sheet is plain and no row would be refused or be
    invalid as a whole; else None (then read it row by row, which reads it or refuses it with its
    reason). A column of text (or empty) cells is Arrow text; a column with a number, a date or a
    boolean cell is :class:`~voucherlib.input.plain_csv.CodedCells` of the very values
    :func:`xlsx_rows` gives. A workbook that cannot be opened is refused as :func:`xlsx_rows`
    refuses it."""
    book, budget = _open(path)  # refused here as row by row
    try:
        cells = _plain_cells(book, sheet, path, budget)
    except Exception:  # read again row by row, which refuses it with its reason
        return None
    finally:
        book.close()
    if cells is None or not cells.numbers or max(cells.numbers) > limits.rows + 1:
        return None
    try:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - without the extras
        return None
    rows = len(cells.numbers)
    by_column: dict[int, Any] = {}
    filled = np.zeros(rows, dtype=bool)
    padded = [None, *cells.distinct]  # (code + 1: 0 is no cell)
    for c in np.flatnonzero(np.bincount(cells.column)).tolist():
        at = cells.column == c
        if np.bincount(cells.row[at]).max(initial=0) > 1:  # a cell written twice: refused row by row
            return None
        code = np.full(rows, -1, dtype=np.int64)  # each row's cell in the column (-1: none)
        code[cells.row[at]] = cells.code[at]
        used, position = _compact(code + 1, len(padded))
        values = list(map(padded.__getitem__, used.tolist()))
        text_only = set(map(type, values)) <= {str, type(None)} or all(v is None or isinstance(v, str) for v in values)
        if not text_only:  # a number, a date or a boolean: coded cells
            coded = _coded(code, cells.distinct)
            by_column[c] = (coded, np.array([not _blank(v) for v in coded.values])[coded.codes])
            filled |= by_column[c][1]
            continue
        distinct = pa.array(values, type=pa.string())
        text = distinct.take(pa.array(position))
        # not blank: a visible ASCII character, else (rare) as _blank tells
        given = pc.fill_null(pc.match_substring_regex(distinct, "[!-~]"), False).to_numpy(zero_copy_only=False)
        for i in np.flatnonzero(~given).tolist():
            given[i] = not _blank(values[i])
        given = given[position]
        filled |= given
        by_column[c] = (text, given)
    data = np.flatnonzero(filled)
    if not len(data):
        return None
    numbered = np.asarray(cells.numbers, dtype=np.int64)[data]  # the numbers of the rows with data
    if (numbered[1:] <= numbered[:-1]).any():
        return None  # a row out of order or written twice: refused row by row
    # the header: the first row with data that has more than one cell, below title rows of one
    titles = 0
    while (
        titles < min(MAX_TITLE_ROWS, len(data) - 1) and sum(bool(g[data[titles]]) for _, g in by_column.values()) == 1
    ):
        titles += 1
    data = data[titles:]
    head = int(data[0])

    given_columns = [c for c, (_, g) in by_column.items() if g[head]]
    first, width = min(given_columns), max(given_columns) - min(given_columns) + 1
    header = [cell_at(by_column[c][0], head) if c in by_column else None for c in range(first, first + width)]
    try:
        names = header_names(header, required, aliases=aliases, refuse_unknown=refuse_unknown)
    except VoucherError:
        return None
    if cells.merges is not None:  # merged cells under the header, in its columns: read row by row,
        m = cells.merges  # which refuses the cells they cover (ranges beside the table cover none)
        last = first + len(names) - 1
        for k in range(0, len(m), 4):
            if m[k + 1] > cells.numbers[head] and m[k + 2] <= last and m[k + 3] >= first:
                return None
    body = data[1:]
    if not len(body) or len(body) > limits.rows:
        return None
    inside = range(first, first + len(names))
    if any(g[body].any() for c, (_, g) in by_column.items() if c not in inside):
        return None  # a row with cells outside the header's columns: invalid as a whole
    taken = pa.array(body)
    columns: dict[str, Any] = {}
    for name, c in zip(names, inside, strict=True):
        if c not in by_column:
            columns[name] = pa.chunked_array([pa.nulls(len(body), pa.string())])
        elif isinstance(by_column[c][0], CodedCells):
            columns[name] = by_column[c][0].take(body)
        else:
            columns[name] = pa.chunked_array([by_column[c][0].take(taken)])
    longest, chars = 0, 0
    for col in columns.values():
        if isinstance(col, CodedCells):  # the text cells of a column of cells of several kinds
            lengths = np.array([len(v) if isinstance(v, str) else 0 for v in col.values], dtype=np.int64)
            longest = max(longest, int(lengths.max(initial=0)))
            chars += int(np.bincount(col.codes, minlength=len(lengths)) @ lengths)
        else:
            n = pc.utf8_length(col)
            longest = max(longest, pc.max(n).as_py() or 0)
            chars += pc.sum(n).as_py() or 0
    if longest > MAX_CELL_CHARS or chars > limits.total_chars:
        return None
    numbers = [cells.numbers[i] for i in body.tolist()]
    return PlainColumns(names, columns, len(body), numbers)


def _coded(code: Any, distinct: list[Any]) -> CodedCells:
    """A column's cells (each a code into ``distinct``, -1 no cell) coded by their distinct
    (type, value): 1, 1.0 and True are equal in Python but not the same cell. Code 0 is the
    empty cell (None)."""
    import numpy as np

    used, position = _compact(code + 1, len(distinct) + 1)
    index: dict[tuple[Any, ...], int] = {(type(None), None): 0}
    cell = index.setdefault
    remap = [cell(_cell_key(v), len(index)) for v in (None if k == 0 else distinct[k - 1] for k in used.tolist())]
    return CodedCells(np.array(remap, dtype=np.int64)[position], [key[1] for key in index])


def _cell_key(value: Any) -> tuple[Any, ...]:
    """What tells two cells apart: their type and value, and a float's sign (-0.0 == 0.0 in
    Python, but a claim of -0.0 is shown as the line-by-line audit shows it)."""
    if type(value) is float:
        return (float, value, math.copysign(1.0, value))
    return (type(value), value)
