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
  against one grammar and taken apart as bytes, without a Python object per cell:
  :mod:`voucherlib.input.xlsx_plain`; a hypothesis property in ``tests/test_xlsx_plain.py``
  compares the two). A plain part is read whole, once its start
  tags and cells, counted a block at a time, are within the caps; anything else streams as above.
  :func:`xlsx_columns` gives a plain sheet column by column (text as Arrow columns, a column
  with numbers, dates or booleans as the very values coded by their distinct cells), for the
  audit's batch engine.

The reading is in five modules, each built on those before it: :mod:`~voucherlib.input.xlsx_xml`
(a part's XML within the caps, its start tags read attribute by attribute),
:mod:`~voucherlib.input.xlsx_formulas` (the volatile formulas and the cells that refer to them),
:mod:`~voucherlib.input.xlsx_shown` (what a sheet shows against what it holds: hidden and narrow
columns and rows, merged ranges), :mod:`~voucherlib.input.xlsx_plain` (the plain fast path) and
this one (the workbook opened, its sheet picked, its rows or columns given).

python-calamine was weighed and not taken: it reads a formula cell without a stored value as
an empty cell (the row would silently lose its claim), which this reader must not do, and its
0.9 API gives no way to see a cell's formula (nor to bound what it builds before it builds it).
"""

from __future__ import annotations

import math
import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element

from voucherlib.core.errors import (
    Expected,
    InvalidInput,
    MissingExtra,
    Reason,
    VoucherError,
    argument,
    expected,
    shown,
    without_frames,
)
from voucherlib.input.cells import CellError, FormulaText, VolatileFormula
from voucherlib.input.files import (
    MAX_CELL_CHARS,
    MAX_EXPANDED_BYTES,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_TITLE_ROWS,
    MAX_TOTAL_CHARS,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_SHARED_STRINGS,
    ROW_ERROR,
    Limits,
    groups_above_header,
    header_names,
)
from voucherlib.input.headers import columns_said
from voucherlib.input.plain_csv import CodedCells, PlainColumns, cell_at
from voucherlib.input.xlsx_formulas import (
    _sheet_formulas,
)
from voucherlib.input.xlsx_plain import (
    _compact,
    _NotPlain,
    _plain_cells,
    _plain_shared_strings,
    _read_within_caps,
    _rows_of,
)
from voucherlib.input.xlsx_shown import (
    ROW_SEEN,
    _Covered,
    _sheet_marks,
)
from voucherlib.input.xlsx_xml import (
    _MAIN,
    _ROW,
    _RUN,
    _SI,
    _T,
    CELL_TYPES,
    _bounds,
    _Budget,
    _cell_text,
    _flagged,
    _fold,
    _form_refused,
    _iso_cell,
    _stream,
    _unseen,
    date_kind,
    held_number,
    sheet_date,
    shown_text,
)

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
        raise InvalidInput("file", str(path), _not_a_workbook(path, exc)) from None
    if expanded > MAX_EXPANDED_BYTES:
        raise InvalidInput("file", str(path), expected("workbook_expands", max=MAX_EXPANDED_BYTES, expanded=expanded))


_INLINE = _MAIN + "is"


def _run_texts(element: Element) -> str:
    """The text of a shared or inline string: its own ``<t>`` and each rich-text run's, phonetic
    runs left out, each read as Excel shows it (:func:`~voucherlib.input.xlsx_xml.shown_text`) on
    its own: an escape split across two runs (``B-0_x00`` and ``31_``) is none (review 174 F4: it
    was read as ``B-01``, another beneficiary's id)."""
    text = element.findtext(_T) or ""
    return shown_text(text) + "".join(shown_text(run.findtext(_T) or "") for run in element.iterfind(_RUN))


def _shared_strings(source: IO[bytes], budget: _Budget) -> list[str]:
    """The shared-strings table, bounded; each entry's text as openpyxl gives it (its plain text
    and its rich-text runs, phonetic runs left out; its ``_xHHHH_`` as the characters they stand for:
    :func:`~voucherlib.input.xlsx_xml.shown_text`)."""
    strings: list[str] = []
    chars = 0
    for si in _stream(source, budget, _SI, "xl/sharedStrings.xml"):
        strings.append(text := _run_texts(si))
        chars += len(text)
        if len(strings) > MAX_XLSX_SHARED_STRINGS:
            raise budget.refuse("shared_strings", MAX_XLSX_SHARED_STRINGS)
        if chars > MAX_TOTAL_CHARS:
            raise budget.refuse("shared_chars", MAX_TOTAL_CHARS)
    return strings


def _parsed(part: bytes) -> Any:
    """The workbook part as an XML tree, or None where it does not parse (openpyxl has parsed it
    already): read once for :func:`_values_calculated` and :func:`_defined_names`."""
    from openpyxl.xml.functions import fromstring

    try:
        return fromstring(part)
    except Exception:
        return None


def _values_calculated(root: Any) -> bool:
    """Whether a workbook part says its formulas' stored values were calculated: it has a
    ``<calcPr>`` that does not ask to be recalculated when opened (``fullCalcOnLoad`` absent or
    false, read as XML reads it: entities, spaces, any encoding). xlsxwriter and openpyxl ask (and
    xlsxwriter stores 0 for a formula unless told a value); Excel and LibreOffice store calculated
    values and do not. A part without ``<calcPr>``, or one that does not parse, is taken as never
    calculated: its formulas are then read as their text, never as a stored value."""
    if root is None:  # (any doubt is "never calculated")
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


def _defined_names(root: Any) -> list[tuple[str, str]]:
    """The workbook part's defined names, each ``<definedName>`` as written (a name written twice,
    or of a sheet that is not there, among them: openpyxl keeps one of them)."""
    if root is None:
        return []
    return [
        (str(element.get("name") or ""), element.text or "")
        for element in root.iter()
        if isinstance(element.tag, str) and element.tag.rpartition("}")[2] == "definedName"
    ]


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
            root = _parsed(part)
            self.wb.voucherlib_uncalculated = not _values_calculated(root)
            self.wb.voucherlib_names = _defined_names(root)

        def read_worksheets(self) -> None:
            # each sheet the workbook lists opened, each from a part of its own (review 151 F5: a
            # sheet whose link differs from its part's name in case was passed over by openpyxl,
            # as LibreOffice does not; F7: ten sheets naming one part of 30 MB were each parsed)
            listed = list(self.parser.find_sheets())
            titles = [str(sheet.name) for sheet, _ in listed]
            alike, seen = [], set()
            for title in titles:  # (each title's fold looked up once: review 154 F6, 32,000 sheets took 55 s)
                if _fold(title) in seen:
                    alike.append(title)
                seen.add(_fold(title))
            if alike:  # (a reference to one would be to which? review 153 F1, F2)
                raise InvalidInput("file", str(path), expected("sheet_names_apart", names=", ".join(alike)))
            targets = [rel.target for _, rel in listed]
            opened = sum(target in self.valid_files for target in targets)
            if opened < len(targets):
                raise InvalidInput("file", str(path), expected("workbook_sheets", listed=len(targets), opened=opened))
            twice = next((t for t, n in Counter(targets).items() if n > 1), None)
            if twice is not None:
                raise InvalidInput("file", str(path), expected("workbook_part_once", part=twice))
            super().read_worksheets()

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
    book = reader.wb
    # the built-in formats of East Asian Excel that openpyxl does not know: dates, as LibreOffice
    # shows them (review 250 F4: read as numbers, "the cell lost its date format"), 32 and 33 times
    styles = getattr(book, "_cell_styles", ())
    book._date_formats = {*book._date_formats, *(i for i, s in enumerate(styles) if s.numFmtId in _EAST_ASIAN_DATES)}
    # the date styles that show a time of day alone (h:mm, 32, 33): their cells are times, no day
    # (review 264 F1: 7 in such a cell, "168:00:00" to LibreOffice, was 7 January 1900, paid)
    book.voucherlib_times = frozenset(
        i for i in book._date_formats if i < len(styles) and _time_alone(book, styles[i].numFmtId)
    )
    return book


_EAST_ASIAN_DATES = frozenset((*range(27, 34), 36, 50, 51, 54, 57, 58))
"""The ids of the built-in number formats ECMA-376 leaves to the East Asian versions of Excel
(Part 1, 18.8.30), written without a format code, that mean a date or a time in every one of them
(Chinese, Japanese, Korean). Not 34, 35, 52, 53, 55 and 56: a date in Japanese or Korean Excel, a
time of day in Chinese (``上午/下午h"时"mm"分"``), and the workbook does not say which wrote it
(review 265 F1, F3: taken for times, dates were refused; taken for dates, 7 was 7 January 1900):
read as the numbers they hold, which no date column reads."""
_EAST_ASIAN_TIMES = frozenset((32, 33))
"""Those of them that show a time of day alone in every East Asian Excel (``h"時"mm"分"``)."""


def _time_alone(book: Any, number_format: int) -> bool:
    """Whether the number format ``number_format`` of ``book`` shows a time of day and no day: a time
    token (``h``, ``s``) and no day's (``y``, ``d``), outside quoted text, brackets and escapes."""
    if number_format in _EAST_ASIAN_TIMES:
        return True
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    custom = list(getattr(book, "_number_formats", ()))
    at = number_format - BUILTIN_FORMATS_MAX_SIZE
    code = BUILTIN_FORMATS.get(number_format) if at < 0 else custom[at] if at < len(custom) else None
    if not isinstance(code, str):
        return False
    tokens = _FORMAT_TEXT.sub("", code).lower()
    return any(t in tokens for t in "hs") and not any(t in tokens for t in "yd")


_FORMAT_TEXT = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
"""The parts of a number format that show no value: quoted text, an escaped character, a bracket
(a colour, a locale), a space the width of a character, a fill."""


def _style_number(style: str | None) -> int | None:
    """A cell's style ``s`` as openpyxl reads it, or None (none, or no number: openpyxl's own
    reading says what it says of it)."""
    try:
        return None if style is None else int(style)
    except ValueError:
        return None


def _parser(
    book: Any,
    sheet: Any,
    source: Any,
    budget: _Budget,
    hidden: set[int] | None = None,
    volatile: frozenset[tuple[int, int]] = frozenset(),
    unshared: frozenset[tuple[int, int]] = frozenset(),
    forms: bool = True,
) -> Any:
    """A stream of ``(row number, [cell dicts])`` of one sheet: stored values, and the formula
    text where a formula has no stored value, or where the workbook asks to be recalculated when
    opened (its stored values were never calculated); ``volatile`` and ``unshared`` are the cells
    of :class:`~voucherlib.input.xlsx_formulas._SheetFormulas`, each read as a formula. (openpyxl's own sheet parser, asked for the stored
    values, with its loop over the XML replaced by :func:`_stream`: its read-only sheet would pad
    every row to the declared dimension, and its own loop builds a whole row, and every other
    element of the sheet, before anything can count them.)"""
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser, _cast_number

    uncalculated = getattr(book, "voucherlib_uncalculated", True)  # not known: as if never calculated
    spans: list[tuple[int, int, int, int, str]] = []  # array formulas' ranges, their formula's text

    class StoredValues(WorkSheetParser):  # type: ignore[misc]
        def parse(self) -> Iterator[tuple[int, list[dict[str, Any]]]]:
            for row in _stream(self.source, budget, _ROW, str(getattr(sheet, "title", ""))):
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
            kind = element.get("t", "n")
            if forms and kind not in CELL_TYPES:  # (read as its text, where a spreadsheet shows none: review 254 F1)
                raise InvalidInput(
                    "file",
                    Reason.phrase("value.cell_text", cell=element.get("r") or "?", text=repr(kind[:40])),
                    expected("cell_type"),
                )
            if forms and kind in _FORM_KINDS:  # (each stored value as XML Schema writes it: review 250 F3)
                text = element.findtext(VALUE_TAG)
                # (a whole number of up to 15 digits, or a shared string's index in the table: read
                # as it is written; else checked whole)
                if text and not (
                    len(text) <= 15
                    and text.isdigit()
                    and text.isascii()
                    and (kind == "n" or (kind == "s" and int(text) < len(self.shared_strings)))
                ):
                    _value_form(element.get("r"), kind, text, len(self.shared_strings))
            iso = element.get("t") == "d"
            if iso:  # read by _iso_cell alone (openpyxl's reading drops a zone, or fails on 2021-02-30)
                element.set("t", "str")
            style, given = _style_number(element.get("s")), element.get("t")
            held = date_kind(book, style) if kind == "n" and style is not None else None
            dated = held in ("date", "time")
            if dated:  # read by sheet_date alone (a day before 1582 as shown, no warning: review 259 F1),
                # its stored text taken as a text's is (review 261 F1: read under the style 0, a date
                # style's too, and refused the workbook)
                element.set("t", "str")
            cell: dict[str, Any] = super().parse_cell(element)
            if dated:
                if given is None:
                    del element.attrib["t"]
                else:
                    element.set("t", given)
                cell["data_type"] = "n"
                if cell["value"] is not None:
                    cell["value"] = sheet_date(_cast_number(cell["value"]), self.epoch, held == "time")
                    cell["data_type"] = "d"
            if kind not in CELL_TYPES:  # (picking the sheet: shown empty, as LibreOffice shows it; review 255 F3)
                cell["value"] = None
            if type(cell["value"]) is int:  # (as a spreadsheet holds it, a double: review 254 F2)
                cell["value"] = held_number(cell["value"])
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
            elif formula is not None and unshared and (cell["row"], cell["column"]) in unshared:
                # (a shared formula's cell whose formula no cell starts: LibreOffice shows it empty,
                # whatever it stores; read as the formula it is, which no column takes: review 148 F4)
                cell["value"] = FormulaText("=")
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
            elif element.get("t") == "str" and type(cell["value"]) is str:
                cell["value"] = shown_text(cell["value"])  # (a shared string's was, when the table was read)
            elif element.get("t") == "inlineStr" and type(cell["value"]) is str:
                inline = element.find(_INLINE)
                cell["value"] = _run_texts(inline) if inline is not None else shown_text(cell["value"])
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


def _value_form(cell: str | None, kind: str, text: str, shared: int) -> None:
    """Refuse the cell ``cell`` when its stored value ``text`` (of type ``kind``: one of
    :data:`_FORM_KINDS`) is not written as its type is (XML Schema's forms, which spreadsheets
    write and read): a number (``6_20``, ``٦٢٠``, ``INF``, which Python's ``int()`` and ``float()``
    read as numbers, no spreadsheet), an index of the ``shared`` strings (``-1`` was the last
    string, as a Python index), a yes/no cell's 0 or 1. Review 250 F3: such cells were read as
    values the sheet never shows."""
    said = _form_refused(kind, text, shared)
    if said is not None:
        shown_as = text if len(text) <= 40 else text[:40] + "..."
        raise InvalidInput("file", Reason.phrase("value.cell_text", cell=cell or "?", text=repr(shown_as)), said)


_FORM_KINDS = frozenset({"n", "s", "b"})
"""The types of cell whose stored value is read as a number (a number, a shared string's index,
a yes/no)."""


def _span(ref: str, cell: dict[str, Any]) -> tuple[int, int, int, int]:
    """(first row, last row, first column, last column) of an array formula's ``ref`` (in any
    order of its corners; without one, the formula's own cell); a range it cannot read (a whole
    column, another sheet's) refuses the workbook."""
    if not ref:
        return cell["row"], cell["row"], cell["column"], cell["column"]
    return _bounds(ref, expected("array_range"))


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


def _each_cell_once(row: list[dict[str, Any]], number: int) -> None:
    """Refuse the row ``number`` when it writes a cell twice (no spreadsheet does; a reader would
    take the last value, as a spreadsheet shows it, where the first may be meant: review 127 F5,
    a claim written 930 and then 9 was read 9.00), as a row written twice is refused; or a cell
    whose reference names another row (no spreadsheet writes one; LibreOffice and openpyxl place
    it by its reference, the rows by the row: review 250 F1, a disability written E3 in row 2 and
    E2 in row 3 traded two beneficiaries' rates)."""
    for c in row:
        if c.get("row", number) != number:
            where = _cell_text(c["column"], c["row"])
            said = expected("cell_in_its_row", cell=where, row=number)
            raise InvalidInput("file", Reason.phrase("value.row", row=number), said)
    columns = [c["column"] for c in row]
    if len(set(columns)) != len(columns):
        twice = next(c for i, c in enumerate(columns) if c in columns[:i])
        raise InvalidInput(
            "file", Reason.phrase("value.row", row=number), expected("cells_once", cell=_cell_text(twice, number))
        )


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
            rows = _parser(book, ws, source, budget, forms=False)  # (which sheets hold data, no more)
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
        raise InvalidInput("file", str(path), _not_a_workbook(path, exc)) from None


def _not_a_workbook(path: Path, error: Exception) -> Expected:
    """What a file named ``.xlsx`` that does not open as one should be, by what its first bytes
    show it is (review 192 F5: an old ``.xls``, an OpenDocument ``.ods`` or a CSV file renamed
    ``.xlsx``, as users rename files for an upload form, was refused with Python's ``BadZipFile``
    or ``KeyError``); a damaged workbook with the kind of its damage."""
    try:
        with path.open("rb") as f:
            head = f.read(4096)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            return expected("workbook.xls")
        if head.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(path) as archive:
                if b"opendocument.spreadsheet" in archive.read("mimetype")[:100]:
                    return expected("workbook.ods")
        elif head and b"\x00" not in head:  # (text in any code page has no NUL byte; a zip, an .xls do)
            return expected("workbook.text")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        pass
    return expected("readable_workbook", kind=type(error).__name__)


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
            formulas = _sheet_formulas(ws, marks.volatile, path)
            parsed = _parser(book, ws, source, budget, hidden.rows, formulas.volatile, formulas.unshared)
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
    refused: tuple[InvalidInput, list[Any]] | None = None  # a row of more than one cell refused as the header
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
            if refused is not None:  # the row below a row refused as the header: two rows of headings?
                raise groups_above_header(*refused, header, required, aliases=aliases, refuse_unknown=refuse_unknown)
            try:
                names = header_names(header, required, aliases=aliases, refuse_unknown=refuse_unknown, of_a_file=True)
            except InvalidInput as exc:
                if len(given) == 1 and titles == MAX_TITLE_ROWS:
                    raise (title or exc) from None
                if len(given) > 1:  # refused once the next row is seen (review 267 F3)
                    refused = (without_frames(exc), header)
                    continue
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
    if refused is not None:  # (no row below it)
        raise refused[0]
    if names is None:
        raise InvalidInput("header", "", expected("header_naming", columns=columns_said(required)))  # (review 192 F8)


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
        names = header_names(header, required, aliases=aliases, refuse_unknown=refuse_unknown, of_a_file=True)
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
