"""CSV tables: as Excel and LibreOffice write them under any locale.

The delimiter is ``,``, ``;`` (Excel and LibreOffice under a Georgian or European locale, where
the comma is the decimal separator) or a tab; it is told from the header (the one that splits
it into the expected columns) unless the caller names it. A header that comes out as a single
column because the file uses another delimiter is refused with an error that says so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from voucherlib.core.errors import InvalidInput
from voucherlib.input.files import ROW_ERROR, check_text_file, header_names, read_text_file

__all__ = ["DELIMITERS", "Records", "check_delimiter", "csv_records", "csv_rows"]

Records = tuple[list[int], list[list[str] | str]]
"""A run of CSV rows: each row's line number, and its cells (or, for a row with the wrong number
of cells, the reason, as :func:`csv_rows` gives it under ``ROW_ERROR``)."""
_HEADER_PREFIX = 1 << 20
"""Characters read to tell the header (and the delimiter) of a file read in runs of rows."""

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
"""The delimiters a CSV file may use between fields."""
_SHOWN = {",": "','", ";": "';'", "\t": "a tab ('\\t', --delimiter tab)"}


def check_delimiter(value: object, field: str = "delimiter") -> str | None:
    """``None`` (tell from the header), ``","``, ``";"`` or a tab (also named ``"tab"``)."""
    if value is None:
        return None
    if value in ("tab", "\\t"):
        return "\t"
    if isinstance(value, str) and value in DELIMITERS:
        return value
    raise InvalidInput(field, value, "',', ';' or a tab ('tab'), or None to tell from the header")


def _reader(text: str, delimiter: str) -> Any:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _header(text: str, delimiter: str) -> list[str] | None:
    try:
        return next(_reader(text, delimiter), None)
    except csv.Error as exc:
        raise InvalidInput("file", "line 1", f"CSV that can be read ({exc})") from None


def _choose(text: str, required: Sequence[str], delimiter: str | None, **header: Any) -> tuple[str, list[str]]:
    """The delimiter and the column names of the header line: the named delimiter, or the first
    of :data:`DELIMITERS` that splits the header into the expected columns."""
    found: dict[str, list[str] | InvalidInput] = {}
    for d in DELIMITERS:
        cells = _header(text, d)
        if cells is None:
            raise InvalidInput("header", "", f"a header row with the columns {', '.join(required)}")
        try:
            found[d] = header_names(cells, required, **header)
        except InvalidInput as exc:
            found[d] = exc
    fits = [d for d, names in found.items() if isinstance(names, list)]
    if delimiter is None and fits:
        delimiter = fits[0]
    chosen = found[delimiter or ","]
    if isinstance(chosen, list):
        return delimiter or ",", chosen
    if fits:
        raise InvalidInput(
            "header",
            (_header(text, delimiter or ",") or [""])[0][:200],
            f"the columns {', '.join(required)} separated by {_SHOWN[delimiter or ',']}: the file seems to use "
            f"{_SHOWN[fits[0]]} between fields (delimiter=..., --delimiter)",
        )
    if len(_header(text, delimiter or ",") or ()) == 1:
        raise InvalidInput(
            "header",
            (_header(text, delimiter or ",") or [""])[0][:200],
            f"the columns {', '.join(required)} separated by ',', ';' or a tab: the header came out as a single "
            "column; name the file's delimiter (delimiter=..., --delimiter)",
        )
    raise chosen


def csv_rows(
    text: str,
    required: Sequence[str],
    *,
    aliases: dict[str, str] | None = None,
    refuse_unknown: bool = False,
    delimiter: str | None = None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of CSV ``text`` as ``(line number, {column: cell})``, the header being line 1.

    The header is checked by :func:`~voucherlib.input.files.header_names`. A row with the wrong
    number of cells comes back as ``{ROW_ERROR: reason}``, never dropped; a blank line is not a
    row. A row csv cannot read (a NUL byte, an unclosed quote) refuses the file with its line.
    """
    d, names = _choose(text, required, check_delimiter(delimiter), aliases=aliases, refuse_unknown=refuse_unknown)
    for lines, records in _records(_reader(text, d), len(names), 1):
        for line, cells in zip(lines, records, strict=True):
            yield line, {ROW_ERROR: cells} if isinstance(cells, str) else dict(zip(names, cells, strict=True))


def _records(reader: Any, width: int, size: int) -> Iterator[Records]:
    """Runs of at most ``size`` rows after the header: blank rows left out, a row of the wrong
    width kept with its reason; a row csv cannot read refuses the file with its line (after the
    rows before it have been given)."""
    lines: list[int] = []
    records: list[list[str] | str] = []
    try:
        next(reader)
        for cells in reader:
            if len(cells) == width and cells[0] and not cells[0].isspace():
                pass  # the usual row: as wide as the header, its first cell not blank
            elif not any(c.strip() for c in cells):
                continue
            elif len(cells) != width:
                cells = f"row has {len(cells)} cells; the header has {width}"
            lines.append(reader.line_num)
            records.append(cells)
            if len(records) >= size:
                yield lines, records
                lines, records = [], []
    except csv.Error as exc:
        if records:
            yield lines, records
        raise InvalidInput("file", f"line {reader.line_num + 1}", f"CSV that can be read ({exc})") from None
    if records:
        yield lines, records


def csv_records(
    path: str | Path,
    required: Sequence[str],
    *,
    aliases: dict[str, str] | None = None,
    refuse_unknown: bool = False,
    delimiter: str | None = None,
    max_bytes: int | None = None,
    size: int = 10_000,
) -> tuple[list[str], Iterator[Records]]:
    """The column names of a CSV file and its rows in runs of at most ``size``, read as
    :func:`csv_rows` reads them (the same rows, lines, reasons and errors) but a run at a time,
    so that the file is never held whole in memory."""
    p = check_text_file(path, max_bytes=max_bytes)
    header: dict[str, Any] = {"aliases": aliases, "refuse_unknown": refuse_unknown}
    with p.open(encoding="utf-8-sig", newline="") as f:
        prefix = f.read(_HEADER_PREFIX)
        whole = not f.read(1)
    if not whole and any(_short(prefix, d) for d in DELIMITERS):
        # A header record longer than the prefix: read as a whole (as csv_rows does).
        text = read_text_file(p, max_bytes=max_bytes)
        d, names = _choose(text, required, check_delimiter(delimiter), **header)
        return names, _records(_reader(text, d), len(names), size)
    d, names = _choose(prefix, required, check_delimiter(delimiter), **header)
    return names, _file_records(p, d, len(names), size)


def _short(prefix: str, delimiter: str) -> bool:
    """Whether the prefix may hold only part of the first record (no second record starts in it)."""
    reader = _reader(prefix, delimiter)
    try:
        next(reader, None)
        return next(reader, None) is None
    except csv.Error:
        return False  # csv_rows meets the same error in the same record


def _file_records(path: Path, delimiter: str, width: int, size: int) -> Iterator[Records]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        yield from _records(csv.reader(f, delimiter=delimiter), width, size)
