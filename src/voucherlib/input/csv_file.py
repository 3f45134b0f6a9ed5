"""CSV tables: as Excel and LibreOffice write them under any locale.

The delimiter is ``,``, ``;`` (Excel and LibreOffice under a Georgian or European locale, where
the comma is the decimal separator) or a tab; it is told from the header (the one that splits
it into the expected columns) unless the caller names it. A header that comes out as a single
column because the file uses another delimiter is refused with an error that says so.

The file is read **strictly**: a quote opened and never closed (which would otherwise run on to
the end of the file and swallow every line after it into one cell) refuses the file naming the
line where its row starts, and so does a stray character after a closing quote. No line is
lost: every line of the file is a title row above the header (at most
:data:`~voucherlib.input.files.MAX_TITLE_ROWS`, each of one cell at most), the header, a blank
line or part of exactly one row. A quoted
cell may hold a line break only in a column that is not required (a name, a note); in a
required column (an id, an amount, a date) it makes the row invalid, and a cell whose text
holds what looks like a whole row (a line with a row's worth of delimiters: a quote closed
rows later) refuses the file. A line longer than any row the other limits allow (see
:data:`MAX_LINE_CHARS`) is refused before csv splits it.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from voucherlib.core.errors import InvalidInput, Reason, argument, expected, without_frames
from voucherlib.input.files import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_TITLE_ROWS,
    ROW_ERROR,
    check_text_file,
    column_namer,
    groups_above_header,
    header_names,
    is_title,
    read_text_file,
)
from voucherlib.input.headers import columns_said

__all__ = ["DELIMITERS", "MAX_LINE_CHARS", "Records", "check_delimiter", "csv_records", "csv_rows", "raw_row"]

Record = list[str] | str | tuple[list[str], str]
"""One CSV row: its cells; or, for a row with the wrong number of cells, the reason; or its cells
and the reason it cannot be used (a line break in a required column)."""
Records = tuple[list[int], list[Record]]
"""A run of CSV rows: the line each starts on, and each row's record."""
_HEADER_PREFIX = 1 << 20
"""Characters read to tell the header (and the delimiter) of a file read in runs of rows."""

DELIMITERS = MappingProxyType({",": "comma", ";": "semicolon", "\t": "tab"})
"""The delimiters a CSV file may use between fields."""
_SHOWN = {",": "','", ";": "';'", "\t": "a tab ('\\t', --delimiter tab)"}


def check_delimiter(value: object, field: str = "delimiter") -> str | None:
    """``None`` (tell from the header), ``","``, ``";"`` or a tab (also named ``"tab"``)."""
    if value is None:
        return None
    if type(value) is str:  # (only then compared: pd.NA or an array has no truth value, review 86)
        if value in ("tab", "\\t"):
            return "\t"
        if value in DELIMITERS:
            return value
    raise InvalidInput(field, value, "',', ';' or a tab ('tab'), or None to tell from the header")


MAX_LINE_CHARS = MAX_COLUMNS * (2 * MAX_CELL_CHARS + 3)
"""Characters one line of a CSV file may have: the longest row the column and cell limits allow
(every cell full of quotes, each written twice, within its own quotes and a delimiter). A longer
line could only be refused later, after csv had split it into millions of cells."""

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
"""One line of text with its end (\\n, \\r\\n or \\r, as csv reads them), or the last line without one."""


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time (never all at once), each checked for length."""
    return _checked(match.group() for match in _LINE.finditer(text))


def _checked(lines: Iterable[str]) -> Iterator[str]:
    """The lines, each checked for length."""
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            raise InvalidInput(
                "file",
                Reason.phrase("value.line_chars", line=number, chars=len(line)),
                expected("line_chars", max=MAX_LINE_CHARS, columns=MAX_COLUMNS, cell=MAX_CELL_CHARS),
            )
        yield line


def _reader(text: str, delimiter: str) -> Any:
    # strict: an unclosed quote is an error, not a cell running to the end of the file.
    return csv.reader(_lines(text), delimiter=delimiter, strict=True)


_TITLE_SCAN = 100
"""Records read to find a header below title rows (and the blank rows among them)."""


def _header(text: str, delimiter: str) -> list[str] | None:
    """The header line's cells (:func:`_header_at`)."""
    return _header_at(text, delimiter)[0]


def _header_at(text: str, delimiter: str) -> tuple[list[str] | None, int]:
    """The header line's cells, without the empty cells after the last named one (a spreadsheet
    writes a delimiter for each column it formatted: ``...;submitted_on;;``, review 45), and how
    many records come before it: the first record, or the first with more than one cell below
    title rows (:func:`~voucherlib.input.files.is_title`, at most
    :data:`~voucherlib.input.files.MAX_TITLE_ROWS` of them; else the first record after all)."""
    reader = _reader(text, delimiter)
    records: list[list[str]] = []
    titles = 0  # (blank rows between them are not counted, as a workbook's blank rows are not)
    try:
        for cells in itertools.islice(reader, _TITLE_SCAN):
            records.append(cells)
            if not is_title(cells):
                break
            titles += any(c.strip() for c in cells)
            if titles > MAX_TITLE_ROWS:
                break
    except csv.Error as exc:
        if not records or all(map(is_title, records[1:])):  # the first record, or the header after titles
            raise InvalidInput(
                "file",
                Reason.phrase("value.line", line=reader.line_num if records else 1),
                expected("readable_csv", reason=_why(exc)),
            ) from None
    skip = len(records) - 1 if records and not is_title(records[-1]) else 0
    cells = records[skip] if records else None
    while cells and len(cells) > 1 and not cells[-1].strip():
        cells.pop()
    return cells, skip


def _record_after(text: str, delimiter: str, skip: int) -> list[str] | None:
    """The first record with a cell after the header's (the ``skip``-th, :func:`_header_at`), without
    its empty cells after the last, or None (none, or one csv cannot split)."""
    try:
        for cells in itertools.islice(_reader(text, delimiter), skip + 1, skip + 1 + _TITLE_SCAN):
            if any(c.strip() for c in cells):
                row: list[str] = list(cells)
                while len(row) > 1 and not row[-1].strip():
                    row.pop()
                return row
    except csv.Error:
        return None
    return None


def _first_cell(text: str, delimiter: str) -> str:
    """The header's first cell as ``delimiter`` splits it, or its first line when csv cannot
    split it so (a quoted header cell followed by another delimiter; review 34), cut to 200."""
    try:
        return (_header(text, delimiter) or [""])[0][:200]
    except InvalidInput:
        return text.split("\n", 1)[0][:200]


def _width(text: str, delimiter: str) -> int:
    """How many cells ``delimiter`` splits the header line into (0 when csv cannot split it so)."""
    try:
        return len(_header(text, delimiter) or ())
    except InvalidInput:
        return 0


def _columns_named(text: str, delimiter: str, required: Sequence[str], aliases: Mapping[str, str] | None) -> int:
    """How many columns the row of the first records that names the most names, split by ``delimiter``
    (as :func:`~voucherlib.input.files.header_names` tells a column's name; 0 when csv cannot split them so)."""
    named = column_namer(required, aliases)
    try:
        rows = list(itertools.islice(_reader(text, delimiter), _TITLE_SCAN))
    except csv.Error:
        return 0
    return max((sum(named(c) is not None for c in row) for row in rows), default=0)


def _why(exc: csv.Error) -> str:
    """Why csv could not read the file: a quote never closed in the library's words (said in every
    language), csv's other (rarer) reasons as csv gives them, in English."""
    if "unexpected end of data" in str(exc):
        return Reason.phrase("reason.quote_never_closed")
    return str(exc)


def _choose(text: str, required: Sequence[str], delimiter: str | None, **header: Any) -> tuple[str, list[str], int]:
    """The delimiter, the column names of the header line and how many records (title rows)
    come before it: the named delimiter, or the first of :data:`DELIMITERS` that splits the
    header into the expected columns; the header may be below title rows (:func:`_header_at`)."""
    found: dict[str, list[str] | InvalidInput] = {}
    skips: dict[str, int] = {}
    for d in DELIMITERS:
        try:
            cells, skips[d] = _header_at(text, d)
        except InvalidInput as exc:  # csv cannot split it so ('"beneficiary_id",month' with ';'): no fit
            found[d] = without_frames(exc)
            continue
        if cells is None:
            # (each column by its Georgian header too, as a refused header names them: review 192 F8)
            raise InvalidInput("header", "", expected("header_row", columns=columns_said(required)))
        try:
            found[d] = header_names(cells, required, **header, of_a_file=True)
        except InvalidInput as exc:
            below = _record_after(text, d, skips[d])  # (two rows of headings? review 267 F3)
            exc = groups_above_header(exc, cells, below, required, **header)
            found[d] = without_frames(exc)  # (kept in a local, its frames would hold the caller's in a cycle)
    fits = [d for d, names in found.items() if isinstance(names, list)]
    if delimiter is None and fits:
        delimiter = fits[0]
    chosen = found[delimiter or ","]
    if isinstance(chosen, list):
        return delimiter or ",", chosen, skips.get(delimiter or ",", 0)
    if fits:
        raise InvalidInput(
            "header",
            _first_cell(text, delimiter or ","),
            expected(
                "delimiter_other",
                columns=columns_said(required),  # (in Georgian by their headers: review 207 F3)
                delimiter=_SHOWN[delimiter or ","],
                found=_SHOWN[fits[0]],
                advice=argument("delimiter"),
            ),
        )
    if delimiter is None:  # the header split into columns by another delimiter: its own problem, named
        # (the delimiter under which the first rows name the most columns: a `;` file's header
        # split on the comma of a heading, „სახელი, გვარი“, below a caption of two cells was said to
        # name no column, review 267 F2)
        known = {d: _columns_named(text, d, required, header.get("aliases")) for d in DELIMITERS}
        most = max(DELIMITERS, key=known.__getitem__)
        if known[most] > known[","]:
            error = found[most]
            assert isinstance(error, InvalidInput)  # (no delimiter fits)
            raise error
        width = {d: _width(text, d) for d in DELIMITERS}
        widest = max(DELIMITERS, key=width.__getitem__)
        if width[widest] > width[","]:  # (the widest split: a comma inside a header cell splits it too)
            error = found[widest]
            assert isinstance(error, InvalidInput)  # (no delimiter fits)
            raise error
    if len(_header(text, delimiter or ",") or ()) == 1:
        raise InvalidInput(
            "header",
            (_header(text, delimiter or ",") or [""])[0][:200],
            expected("delimiter_one_column", columns=columns_said(required), advice=argument("delimiter")),
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
    """The rows of CSV ``text`` as ``(row number, {column: cell})``, the header being row 1: the
    row as a spreadsheet numbers it (a row whose quoted cell holds a line break is one row; its
    reason names the file's lines).

    The header is checked by :func:`~voucherlib.input.files.header_names`. A row with the wrong
    number of cells, or with a line break in a required column, comes back as
    ``{ROW_ERROR: reason}``, never dropped; a blank line is not a row. A row csv cannot read
    (a NUL byte, a quote never closed, a character after a closing quote) or a cell that holds
    what looks like whole rows refuses the file, naming the line where that row starts. Every
    line of the file is accounted for: the header, a blank line, or a line of one row.
    """
    d, names, skip = _choose(text, required, check_delimiter(delimiter), aliases=aliases, refuse_unknown=refuse_unknown)
    for lines, records in _records(_reader(text, d), names, required, d, 1, skip):
        for line, record in zip(lines, records, strict=True):
            yield line, raw_row(names, record)


def raw_row(names: Sequence[str], record: Record) -> dict[str, Any]:
    """A record as :func:`csv_rows` gives the row: ``{column: cell}``, with ``ROW_ERROR`` when it cannot be used."""
    if isinstance(record, str):
        return {ROW_ERROR: record}
    if isinstance(record, tuple):
        return {**dict(zip(names, record[0], strict=True)), ROW_ERROR: record[1]}
    return dict(zip(names, record, strict=True))


def _records(
    reader: Any, names: Sequence[str], required: Sequence[str], delimiter: str, size: int, skip: int = 0
) -> Iterator[Records]:
    """Runs of at most ``size`` rows after the header (after ``skip`` title rows), as
    :func:`csv_rows` reads them; a file it refuses is refused after the rows before the refusal
    have been given."""
    width = len(names)
    lines: list[int] = []
    records: list[Record] = []
    start = 1  # the line on which the next row starts
    try:
        for _ in range(skip + 1):  # the title rows and the header
            next(reader)
        start = reader.line_num + 1
        folded = start - 2 - skip  # the lines so far that continue a row (a line break in a quoted cell)
        for cells in reader:
            line, end = start, reader.line_num
            start = end + 1
            row = line - folded  # the row as a spreadsheet numbers it (its reason names the lines)
            folded += end - line
            if len(cells) > width and not any(c.strip() for c in cells[width:]):
                cells = cells[:width]  # empty cells after the header's columns (";;" of a spreadsheet)
            record: Record = cells
            if end == line and len(cells) == width and cells[0] and not cells[0].isspace():
                pass  # the usual row: one line, as wide as the header, its first cell not blank
            elif not any(c.strip() for c in cells):
                continue
            elif len(cells) != width:  # refused whole, shown with the cells it has where they stand
                if end > line:  # unless a cell holds whole rows (a quote closed too late): see _swallowed
                    _swallowed(
                        [(names[min(i, width - 1)], c) for i, c in enumerate(cells)], delimiter, width, line, end
                    )
                record = (
                    [*cells[:width], *[""] * (width - len(cells))],
                    Reason.phrase("reason.row_width", cells=len(cells), width=width),
                )
            elif end > line:
                broken = _line_break(dict(zip(names, cells, strict=True)), required, delimiter, width, line, end)
                record = (cells, broken) if broken else cells
            lines.append(row)
            records.append(record)
            if len(records) >= size:
                yield lines, records
                lines, records = [], []
    except csv.Error as exc:
        if records:
            yield lines, records
        raise InvalidInput(
            "file", Reason.phrase("value.line", line=start), expected("readable_csv", reason=_why(exc))
        ) from None
    except InvalidInput:
        if records:
            yield lines, records
        raise
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
        d, names, skip = _choose(text, required, check_delimiter(delimiter), **header)
        return names, _records(_reader(text, d), names, required, d, size, skip)
    d, names, skip = _choose(prefix, required, check_delimiter(delimiter), **header)
    return names, _file_records(p, names, required, d, size, skip)


def _short(prefix: str, delimiter: str) -> bool:
    """Whether the prefix may hold only part of the header record (no record starts in it after
    the title rows a file may have and the header)."""
    reader = _reader(prefix, delimiter)
    try:
        return sum(1 for _ in itertools.islice(reader, _TITLE_SCAN + 1)) < _TITLE_SCAN + 1
    except (csv.Error, InvalidInput):
        return True  # read as a whole, where csv_rows meets it


def _file_records(
    path: Path, names: Sequence[str], required: Sequence[str], delimiter: str, size: int, skip: int
) -> Iterator[Records]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(_checked(f), delimiter=delimiter, strict=True)
        yield from _records(reader, names, required, delimiter, size, skip)


def _swallowed(cells: Sequence[tuple[str, str]], delimiter: str, width: int, line: int, end: int) -> None:
    """Refuse the file when a cell (column, text) of the row on lines ``line``..``end`` holds a
    line with a row's worth of delimiters: most likely rows swallowed by a quote closed too late."""
    for column, value in cells:
        parts = value.splitlines()
        if any(part.count(delimiter) >= width - 1 for part in parts[1:]):
            raise InvalidInput(
                "file",
                Reason.phrase("value.line", line=line),
                expected("quotes_closed", column=column, line=line, end=end),
            )


def _line_break(row: dict[str, str], required: Sequence[str], delimiter: str, width: int, line: int, end: int) -> str:
    """Why a row that runs over lines ``line``..``end`` (a quoted cell with a line break) cannot
    be used, or "" when it can (a cell holding whole rows refuses the file: :func:`_swallowed`)."""
    _swallowed(list(row.items()), delimiter, width, line, end)
    broken = [c for c in required if "\n" in row[c] or "\r" in row[c]]
    if broken:
        return Reason.phrase("reason.line_break", column=broken[0], line=line, end=end)
    return ""
