"""XLSX tables, read once, as stored, and bounded whatever the file declares.

* The workbook is opened once (openpyxl, read-only) and each sheet's XML is streamed row by
  row; the declared ``<dimension>`` is ignored, so a file that understates it loses no row and
  a file that declares ``A1:XFD1048576`` costs only the cells it really holds.
* A cell is its stored value; a formula is never evaluated. A formula cell without a stored
  value reads as its formula text (``=600+20``), which no column accepts, so the row is
  invalid with that reason, never an empty row.
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
* A workbook with data on more than one sheet is refused unless the caller names the sheet.

python-calamine was weighed and not taken: it reads a formula cell without a stored value as
an empty cell (the row would silently lose its claim), which this reader must not do.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, iterparse

from voucherlib.core.errors import InvalidInput, VoucherError, argument
from voucherlib.input.files import (
    MAX_EXPANDED_BYTES,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_TOTAL_CHARS,
    MAX_XLSX_CELLS,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_ROW_CELLS,
    MAX_XLSX_SHARED_STRINGS,
    MAX_XML_ELEMENTS,
    ROW_ERROR,
    header_names,
)

__all__ = ["xlsx_rows"]


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as exc:
        raise VoucherError("reading and writing XLSX needs openpyxl: pip install 'voucherlib[audit]'") from exc
    return openpyxl


def _check_zip(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InvalidInput("file", str(path), f"a file of at most {MAX_FILE_BYTES:,} bytes (it has {size:,})")
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InvalidInput("file", str(path), f"a readable XLSX workbook ({type(exc).__name__})") from None
    if expanded > MAX_EXPANDED_BYTES:
        raise InvalidInput(
            "file", str(path), f"a workbook that expands to at most {MAX_EXPANDED_BYTES:,} bytes (it has {expanded:,})"
        )


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _SI, _T, _RUN = (_MAIN + t for t in ("row", "c", "si", "t", "r"))


class _Budget:
    """What one read of a workbook has gone through so far, against the caps; past a cap the
    whole workbook is refused naming it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.elements = 0
        self.cells = 0

    def refuse(self, what: str, cap: int) -> InvalidInput:
        return InvalidInput("file", str(self.path), f"a workbook of at most {cap:,} {what}")


def _stream(source: IO[bytes], budget: _Budget, keep: str) -> Iterator[Element]:
    """Each ``keep`` element of an XML part, whole, as it ends. Every element is counted against
    the budget and dropped from the tree once it has ended (a ``keep`` one after it was used), so
    memory holds one ``keep`` element at a time. The cells of a row are counted and capped as they
    stream in, before the row is built."""
    stack: list[Element] = []
    open_at = 0  # how deep the open ``keep`` element is (0: none open)
    cells = 0
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            budget.elements += 1
            if budget.elements > MAX_XML_ELEMENTS:
                raise budget.refuse("XML elements", MAX_XML_ELEMENTS)
            stack.append(element)
            if open_at == 0 and element.tag == keep:
                open_at, cells = len(stack), 0
            elif open_at and element.tag == _CELL:
                cells += 1
                budget.cells += 1
                if cells > MAX_XLSX_ROW_CELLS:
                    raise budget.refuse("cells in a row", MAX_XLSX_ROW_CELLS)
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
            raise budget.refuse("shared strings", MAX_XLSX_SHARED_STRINGS)
        if chars > MAX_TOTAL_CHARS:
            raise budget.refuse("characters of shared strings", MAX_TOTAL_CHARS)
    return strings


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
                raise InvalidInput(
                    "file",
                    str(path),
                    f"a workbook whose parts other than its sheets and shared strings expand to at most "
                    f"{MAX_XLSX_PART_BYTES:,} bytes together (they have {size:,})",
                )

        def read_strings(self) -> None:
            found = self.package.find(SHARED_STRINGS)
            if found is not None:
                with self.archive.open(found.PartName[1:]) as source:
                    self.shared_strings = _shared_strings(source, budget)

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


def _parser(book: Any, sheet: Any, source: Any, budget: _Budget) -> Any:
    """A stream of ``(row number, [cell dicts])`` of one sheet: stored values, and the formula
    text where a formula has no stored value. (openpyxl's own sheet parser, asked for the stored
    values, with its loop over the XML replaced by :func:`_stream`: its read-only sheet would pad
    every row to the declared dimension, and its own loop builds a whole row, and every other
    element of the sheet, before anything can count them.)"""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class StoredValues(WorkSheetParser):  # type: ignore[misc]
        def parse(self) -> Iterator[tuple[int, list[dict[str, Any]]]]:
            for row in _stream(self.source, budget, _ROW):
                yield self.parse_row(row)

        def parse_row(self, row: Element) -> tuple[int, list[dict[str, Any]]]:
            last = len(row)
            while last and not len(row[last - 1]):  # trailing cells with no value, formula or text
                last -= 1
            del row[last:]  # never read: nothing after them can change their columns
            result: tuple[int, list[dict[str, Any]]] = super().parse_row(row)
            return result

        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = "=" + (element.findtext(FORMULA_TAG) or "")
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


def _has_data(row: list[dict[str, Any]]) -> bool:
    return any(not _blank(c["value"]) for c in row)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _pick_sheet(book: Any, sheet: str | None, path: Path, budget: _Budget) -> Any:
    names = list(book.sheetnames)
    if sheet is not None:
        if sheet not in names:
            raise InvalidInput("sheet", sheet, f"a sheet of {path.name}: {', '.join(names)}")
        return book[sheet]
    with_data = []
    for ws in book.worksheets:
        with ws._get_source() as source:
            if any(_has_data(row) for _, row in _parser(book, ws, source, budget)):
                with_data.append(ws.title)
        if len(with_data) > 1:
            raise InvalidInput(
                "sheet",
                ", ".join(with_data),
                f"one sheet with data, or the sheet to read named ({argument('sheet')}): {path.name} has data on "
                f"more than one",
            )
    return book[with_data[0]] if with_data else book.worksheets[0]


def xlsx_rows(
    path: Path,
    required: Sequence[str],
    *,
    aliases: dict[str, str] | None = None,
    refuse_unknown: bool = False,
    sheet: str | None = None,
    max_rows: int = MAX_ROWS,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of one sheet as ``(row number, {column: value})``; the first row with data is the header."""
    _openpyxl()
    _check_zip(path)
    budget = _Budget(path)
    try:
        book = _load(path, budget)
    except VoucherError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InvalidInput("file", str(path), f"a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        ws = _pick_sheet(book, sheet, path, budget)
        with ws._get_source() as source:
            yield from _rows(_parser(book, ws, source, budget), required, aliases, refuse_unknown, max_rows)
    except VoucherError:
        raise
    except Exception as exc:  # a sheet that breaks while it is read
        raise InvalidInput("file", str(path), f"a readable XLSX workbook ({type(exc).__name__})") from None
    finally:
        book.close()


def _rows(
    parsed: Iterator[tuple[int, list[dict[str, Any]]]],
    required: Sequence[str],
    aliases: dict[str, str] | None,
    refuse_unknown: bool,
    max_rows: int,
) -> Iterator[tuple[int, dict[str, Any]]]:
    names: list[str] | None = None
    first = 1  # the column of the header's first cell: a table may start right of column A
    for number, row in parsed:
        if number > max_rows + 1:
            raise InvalidInput("file", f"row {number:,}", f"at most {max_rows:,} rows of data")
        if not _has_data(row):
            continue
        if names is None:
            given = [c["column"] for c in row if not _blank(c["value"])]
            first, width = min(given), max(given) - min(given) + 1
            header: list[Any] = [None] * width
            for c in row:
                if first <= c["column"] < first + width:
                    header[c["column"] - first] = c["value"]
            names = header_names(header, required, aliases=aliases, refuse_unknown=refuse_unknown)
            continue
        cells: list[Any] = [None] * len(names)
        outside = False
        for c in row:
            if first <= c["column"] < first + len(names):
                cells[c["column"] - first] = c["value"]
            elif not _blank(c["value"]):
                outside = True
        if outside:
            yield number, {ROW_ERROR: f"row has cells outside the {len(names)} columns of the header"}
            continue
        yield number, dict(zip(names, cells, strict=True))
    if names is None:
        raise InvalidInput("header", "", f"a header row naming the columns {', '.join(required)}")
