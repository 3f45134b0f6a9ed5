"""XLSX tables, read once, as stored, and bounded whatever the file declares.

* The workbook is opened once (openpyxl, read-only) and each sheet's XML is streamed row by
  row; the declared ``<dimension>`` is ignored, so a file that understates it loses no row and
  a file that declares ``A1:XFD1048576`` costs only the cells it really holds.
* A cell is its stored value; a formula is never evaluated. A formula cell without a stored
  value reads as its formula text (``=600+20``), which no column accepts, so the row is
  invalid with that reason, never an empty row.
* Before anything is read, the zip's parts must expand to at most
  :data:`~voucherlib.input.files.MAX_EXPANDED_BYTES` (a zip bomb is refused unopened).
* A workbook with data on more than one sheet is refused unless the caller names the sheet.

python-calamine was weighed and not taken: it reads a formula cell without a stored value as
an empty cell (the row would silently lose its claim), which this reader must not do.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from voucherlib.core.errors import InvalidInput, VoucherError
from voucherlib.input.files import MAX_EXPANDED_BYTES, MAX_FILE_BYTES, MAX_ROWS, ROW_ERROR, header_names

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


def _parser(book: Any, sheet: Any, source: Any) -> Any:
    """A stream of ``(row number, [cell dicts])`` of one sheet: stored values, and the formula
    text where a formula has no stored value. (openpyxl's own sheet parser, asked for the stored
    values; its read-only sheet would pad every row to the declared dimension.)"""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class StoredValues(WorkSheetParser):  # type: ignore[misc]
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


def _pick_sheet(book: Any, sheet: str | None, path: Path) -> Any:
    names = list(book.sheetnames)
    if sheet is not None:
        if sheet not in names:
            raise InvalidInput("sheet", sheet, f"a sheet of {path.name}: {', '.join(names)}")
        return book[sheet]
    with_data = []
    for ws in book.worksheets:
        with ws._get_source() as source:
            if any(_has_data(row) for _, row in _parser(book, ws, source)):
                with_data.append(ws.title)
        if len(with_data) > 1:
            raise InvalidInput(
                "sheet",
                ", ".join(with_data),
                f"one sheet with data, or the sheet to read named (sheet=..., --sheet): {path.name} has data on "
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
    openpyxl = _openpyxl()
    _check_zip(path)
    try:
        book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InvalidInput("file", str(path), f"a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        ws = _pick_sheet(book, sheet, path)
        with ws._get_source() as source:
            yield from _rows(_parser(book, ws, source), required, aliases, refuse_unknown, max_rows)
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
    for number, row in parsed:
        if number > max_rows + 1:
            raise InvalidInput("file", f"row {number:,}", f"at most {max_rows:,} rows of data")
        if not _has_data(row):
            continue
        if names is None:
            width = max(c["column"] for c in row if not _blank(c["value"]))
            header: list[Any] = [None] * width
            for c in row:
                if c["column"] <= width:
                    header[c["column"] - 1] = c["value"]
            names = header_names(header, required, aliases=aliases, refuse_unknown=refuse_unknown)
            continue
        cells: list[Any] = [None] * len(names)
        beyond = False
        for c in row:
            if c["column"] <= len(names):
                cells[c["column"] - 1] = c["value"]
            elif not _blank(c["value"]):
                beyond = True
        if beyond:
            yield number, {ROW_ERROR: f"row has cells beyond the {len(names)} columns of the header"}
            continue
        yield number, dict(zip(names, cells, strict=True))
    if names is None:
        raise InvalidInput("header", "", f"a header row naming the columns {', '.join(required)}")
