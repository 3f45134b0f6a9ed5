"""Tables of any source, read into typed rows: the readers' one entrance.

:func:`read_table` takes a CSV or XLSX path or a DataFrame and yields its raw rows, bounded
(:data:`~voucherlib.input.files.MAX_ROWS` rows, :data:`~voucherlib.input.files.MAX_CELL_CHARS`
characters a cell, :data:`~voucherlib.input.files.MAX_TOTAL_CHARS` in all; past a limit the
whole input is refused). :func:`typed_rows` turns each raw row into a :class:`Row` of typed
values with the cell readers of :mod:`voucherlib.input.cells`; a cell that cannot be read is
kept as the row's error, with the column it came from, and the row is never dropped.
Reports consume :class:`Row` objects only.

For a table too long to hold whole (``voucherlib settle`` of a million rows), :func:`read_chunks`
gives the same rows in runs, column by column (:class:`Chunk`), bounded by
:data:`~voucherlib.input.files.STREAM_LIMITS`, and :func:`typed_chunk` reads their cells with
the same cell readers, each distinct text once: a chunk's :meth:`TypedChunk.row` is the
:class:`Row` that :func:`typed_rows` gives, value for value and error for error.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voucherlib.core.errors import (
    ERROR_TEXTS,
    FileRefused,
    InvalidInput,
    Reason,
    VoucherError,
    expected,
    label_printed,
    python_words,
    shown,
    without_frames,
)
from voucherlib.core.held import held_text
from voucherlib.core.identifiers import INVISIBLE, unknown_char
from voucherlib.input import cells, files
from voucherlib.input.csv_file import check_delimiter, csv_records, csv_rows
from voucherlib.input.files import (
    MAX_CELL_CHARS,
    MAX_ROWS,
    MAX_TOTAL_CHARS,
    ROW_ERROR,
    HeaderWords,
    Limits,
    checked_file,
    header_again,
    is_header_again,
    read_text_file,
)
from voucherlib.input.frame import frame_rows, is_frame
from voucherlib.input.xlsx_file import xlsx_rows

__all__ = [
    "PLAIN_WHOLE_BYTES",
    "Chunk",
    "Columns",
    "Row",
    "TypedChunk",
    "read_chunks",
    "read_table",
    "typed_chunk",
    "typed_rows",
]

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")

Reader = cells.Reader
"""A cell reader of :mod:`voucherlib.input.cells`: ``(value, column) -> typed value``."""


@dataclass(frozen=True, slots=True)
class Columns:
    """The columns a table must have, the header names that also name them, and how to read each."""

    required: tuple[str, ...]
    readers: Mapping[str, Reader]
    """The reader of each column, in the order their errors are reported."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    refuse_unknown: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table: where it was, the typed value of each cell that could be read, and
    why each other could not."""

    where: int | str
    """Its row in a CSV file or an XLSX sheet, as a spreadsheet numbers it (a CSV row whose quoted
    cell holds a line break is one row; title rows above the header counted, D36), or its
    DataFrame index label."""
    values: Mapping[str, Any]
    errors: Mapping[str, VoucherError]
    raw: Mapping[str, Any]

    @property
    def error(self) -> Reason | None:
        """The first reason the row cannot be used (a :class:`~voucherlib.core.errors.Reason`: the
        English text, said in Georgian by ``text("ka")``), or None."""
        if ROW_ERROR in self.raw:
            reason = self.raw[ROW_ERROR]  # a Reason stays one (it says itself in Georgian); a text becomes one
            return reason if isinstance(reason, Reason) else Reason(reason if isinstance(reason, str) else str(reason))
        return Reason.of(next(iter(self.errors.values()))) if self.errors else None

    @property
    def header_again(self) -> bool:
        """Whether the row repeats the header in its columns' places (D49): a header, not a row of
        data, which names no one (its cells are headings, not an id, a name or a month)."""
        return is_header_again(self.raw.get(ROW_ERROR))

    def text(self, column: str) -> str:
        """The cell as text, for showing (also when it could not be read); nothing for a row that
        repeats the header, whose cells are headings (D49: review 218 F2, a settled row "of"
        beneficiary ``beneficiary_id`` for a month ``month``)."""
        return "" if self.header_again else _shown(self.raw.get(column), column)


def as_written(cell: Any, value: Any) -> Any:
    """What a message shows of a cell refused after it was read: its text as the file wrote it
    (``-620,00``) or the number a spreadsheet or a frame held (``-0.0``, ``-620``), else the
    value read from it."""
    if isinstance(cell, bool) or not isinstance(cell, (str, numbers.Real)):
        return value
    item = getattr(cell, "item", None)
    if not isinstance(cell, (str, int, float)) and callable(item):
        return item()  # a numpy number of a frame's column (Int64 too): the number it holds
    return cell


def _shown(value: Any, column: str) -> str:
    if type(value) is cells.MergedCell:  # a cell merged into another: shown as the sheet shows it
        return "" if value.shows is None else _shown(value.shows, column)
    if isinstance(value, str) and (type(value) is not str or cells.is_error_text(value)):
        return held_text(value)  # shown as written (a name's formula, an error), though no reader takes it
    if column == "month" and not isinstance(value, str):  # a date cell of the month (2021-10-01),
        try:  # a pandas Period: shown as the month it is read as (2021-10), as a month written as text shows
            return str(cells.month(value, column))
        except VoucherError:
            pass  # (a date-time is no month: shown as given)
    try:
        return cells.text(value, column)
    except VoucherError:
        return shown(value)


class _Bounds:
    """The running count of rows and characters of one reading, refused past its limits."""

    def __init__(self, what: str, limits: Limits) -> None:
        self.what, self.limits, self.rows, self.chars = what, limits, 0, 0

    def check(self, where: int | str, row: Mapping[str, Any]) -> None:
        what, limits = self.what, self.limits
        self.rows += 1
        if self.rows > limits.rows:
            raise InvalidInput(
                what, Reason.phrase("value.more_rows", max=limits.rows), expected("max_rows", max=limits.rows)
            )
        for column, value in row.items():
            if isinstance(value, str):
                if type(value) is not str:  # (its length as it holds it: D43, review 133 F2)
                    value = held_text(value)
                if len(value) > MAX_CELL_CHARS:
                    raise InvalidInput(
                        what,
                        Reason.phrase("value.cell_chars", row=label_printed(where), column=column, chars=len(value)),
                        expected("cell_chars", max=MAX_CELL_CHARS),
                    )
                self.chars += len(value)
        if self.chars > limits.total_chars:
            raise InvalidInput(
                what,
                Reason.phrase("value.more_chars", max=limits.total_chars),
                expected("text_at_most", max=limits.total_chars),
            )

    def check_chunk(self, chunk: Chunk) -> None:
        """:meth:`check` of every row of the chunk, in order (column by column when none is near a limit)."""
        n = len(chunk.where)
        columns = [
            [c for c in cells if c is not None] if chunk.row_errors else cells for cells in chunk.columns.values()
        ]
        longest = max((max(map(len, cells), default=0) for cells in columns), default=0)
        chars = sum(len("".join(cells)) for cells in columns) + sum(map(len, chunk.row_errors.values()))
        if (
            self.rows + n <= self.limits.rows
            and longest <= MAX_CELL_CHARS
            and self.chars + chars <= self.limits.total_chars
        ):
            self.rows += n
            self.chars += chars
            return
        for i in range(n):  # near a limit: row by row, to refuse with the very error row by row gives
            self.check(chunk.where[i], chunk.raw(i))


def _table_limits() -> Limits:
    """The limits of a table read whole (:data:`~voucherlib.input.files.TABLE_LIMITS`, as set now)."""
    return Limits(rows=MAX_ROWS, file_bytes=files.MAX_FILE_BYTES, total_chars=MAX_TOTAL_CHARS)


def _bounded(
    rows: Iterable[tuple[int | str, dict[str, Any]]], what: str, limits: Limits | None = None
) -> Iterator[tuple[int | str, dict[str, Any]]]:
    bounds = _Bounds(what, limits or _table_limits())
    for where, row in rows:
        bounds.check(where, row)
        yield where, row


def read_table(
    source: Any,
    columns: Columns,
    *,
    what: str = "file",
    delimiter: str | None = None,
    sheet: str | None = None,
    limits: Limits | None = None,
) -> Iterator[tuple[int | str, dict[str, Any]]]:
    """The raw rows of a CSV or XLSX file (by its suffix) or a DataFrame, bounded by ``limits``
    (default: :data:`~voucherlib.input.files.TABLE_LIMITS`)."""
    limits = limits or _table_limits()
    header = _header_options(columns, delimiter, sheet)
    path = _path(source, what)
    check_sheet(path, sheet)
    if path is not None and path.suffix.lower() in XLSX_SUFFIXES:
        checked_file(path)  # (missing, a folder, a pipe: said so, not "a readable XLSX file")
        rows: Iterable[tuple[int | str, dict[str, Any]]] = xlsx_rows(
            path, columns.required, sheet=sheet, max_rows=limits.rows, **header
        )
    elif path is not None:
        text = read_text_file(path, max_bytes=limits.file_bytes)
        rows = csv_rows(text, columns.required, delimiter=delimiter, **header)
    else:
        rows = frame_rows(source, columns.required, max_rows=limits.rows, what=what, **header)
    return _bounded(rows, what, limits)


def _header_options(columns: Columns, delimiter: str | None, sheet: str | None) -> dict[str, Any]:
    check_delimiter(delimiter)
    if sheet is not None and not isinstance(sheet, str):
        raise InvalidInput("sheet", sheet, "the name of a sheet")
    return {"aliases": dict(columns.aliases), "refuse_unknown": columns.refuse_unknown}


def check_sheet(path: Path | None, sheet: str | None) -> None:
    """A sheet named for a CSV file or a DataFrame (``path`` None), which has none, is refused
    (review 185 F5: ``--sheet`` with a CSV file was ignored without a word)."""
    if sheet is not None and (path is None or path.suffix.lower() not in XLSX_SUFFIXES):
        raise InvalidInput("sheet", sheet, expected("sheet_of_workbook"))


def is_workbook(source: Any) -> bool:
    """Whether ``source`` is the path of an XLSX workbook (by its suffix)."""
    return isinstance(source, (str, Path)) and Path(str(source)).suffix.lower() in XLSX_SUFFIXES


def _path(source: Any, what: str) -> Path | None:
    """The path of a CSV or XLSX source (None for a DataFrame); anything else is refused."""
    if isinstance(source, (str, Path)):
        path = Path(held_text(source) if isinstance(source, str) else source)  # (the path it holds: D43)
        if path.suffix.lower() not in XLSX_SUFFIXES + CSV_SUFFIXES:  # (in the command line's words there: review 76)
            said = expected("table_file") if python_words() else expected("table_file_saved")
            if path.exists() and not path.is_file() and not path.is_dir():  # (<(iconv ...): review 192 F3)
                said = expected("regular_file")
            raise InvalidInput(what, str(source), said)
        return path
    if not is_frame(source):
        raise not_a_table(what, source)
    return None


def not_a_table(what: str, source: Any, *more: str) -> InvalidInput:
    """The refusal of a ``source`` no reader takes (``more``: other forms the caller may give): a
    table of another library (a Polars DataFrame, an Arrow table) named by its rows and type, not
    by its text, which is the whole table drawn (review 172 F12), with the way to hand it over."""
    shown_as: Any = source
    *first, last = ["a .csv or .xlsx path", "a pandas DataFrame", *more]
    forms = f"{', '.join(first)} or {last}" if more else "a .csv or .xlsx path, or a pandas DataFrame"
    if not (hasattr(source, "columns") or hasattr(source, "schema")):
        return InvalidInput(what, shown_as, forms)
    try:
        shown_as = Reason.phrase("value.rows", of=source, rows=len(source))
    except TypeError:  # (no length)
        pass
    return InvalidInput(what, shown_as, f"{forms} (a Polars DataFrame or an Arrow table: give its .to_pandas())")


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of rows of a table, column by column."""

    where: list[int | str]
    """Each row's line in a CSV file, row in an XLSX sheet or DataFrame label."""
    columns: dict[str, Sequence[Any]]
    """Every column of the header (required or not) -> its cells; a row the reader could not
    split into the columns holds None in every column."""
    row_errors: dict[int, str]
    """Position in the run -> why the reader could not split that row into the columns."""

    def __len__(self) -> int:
        return len(self.where)

    def raw(self, i: int) -> dict[str, Any]:
        """Row ``i`` as :func:`read_table` gives it."""
        row = {name: cells[i] for name, cells in self.columns.items()}
        if i in self.row_errors:
            if all(v is None for v in row.values()):
                return {ROW_ERROR: self.row_errors[i]}
            return {**row, ROW_ERROR: self.row_errors[i]}
        return row


def read_chunks(
    source: Any,
    columns: Columns,
    *,
    what: str = "file",
    delimiter: str | None = None,
    sheet: str | None = None,
    limits: Limits | None = None,
    size: int = 10_000,
) -> Iterator[Chunk]:
    """The rows of :func:`read_table`, bounded alike, in runs of at most ``size``. A plain CSV file
    of up to :data:`PLAIN_WHOLE_BYTES` is read whole, column by column with Arrow
    (:mod:`voucherlib.input.plain_csv`, which gives every cell exactly as the strict reader
    does); any other CSV file is read by the strict reader a run at a time, never whole."""
    limits = limits or _table_limits()
    header = _header_options(columns, delimiter, sheet)
    path = _path(source, what)
    check_sheet(path, sheet)
    bounds = _Bounds(what, limits)
    if path is None or path.suffix.lower() in XLSX_SUFFIXES:
        yield from _chunked(
            read_table(source, columns, what=what, delimiter=delimiter, sheet=sheet, limits=limits), size
        )
        return
    plain = _plain_file(path, columns, delimiter, limits)
    if plain is not None:
        yield from _plain_chunks(plain, size)
        return
    names, runs = csv_records(
        path, columns.required, delimiter=delimiter, max_bytes=limits.file_bytes, size=size, **header
    )
    blank: list[Any] = [None] * len(names)
    for lines, records in runs:
        row_errors = {i: r if isinstance(r, str) else r[1] for i, r in enumerate(records) if not isinstance(r, list)}
        if row_errors:  # a row that cannot be used: its cells where it has them, None where not
            rows: list[list[Any]] = [
                r if isinstance(r, list) else blank if isinstance(r, str) else r[0] for r in records
            ]
        else:
            rows = records  # type: ignore[assignment]  # every record is a row of cells
        cells: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [() for _ in names]
        chunk = Chunk(list(lines), dict(zip(names, cells, strict=True)), row_errors)
        bounds.check_chunk(chunk)
        yield chunk


PLAIN_WHOLE_BYTES = 128 * 1024 * 1024
"""A plain CSV file of at most this many bytes is read whole, column by column with Arrow, by
:func:`read_chunks` (its memory: about three times the file); a larger one, or one that is not
plain, is read by the strict reader a run at a time."""


def _plain_file(path: Path, columns: Columns, delimiter: str | None, limits: Limits) -> Any:
    """The columns of a plain CSV file (:func:`voucherlib.input.plain_csv.plain_columns`), or None
    to read it with the strict reader (not plain, too big to hold whole, or without pyarrow)."""
    try:
        if not path.is_file() or path.stat().st_size > min(PLAIN_WHOLE_BYTES, limits.file_bytes):
            return None
    except OSError:
        return None  # the strict reader says why it cannot read it
    try:
        from voucherlib.input.plain_csv import plain_columns
    except ImportError:  # pragma: no cover - without numpy
        return None
    return plain_columns(
        path,
        columns.required,
        aliases=dict(columns.aliases),
        refuse_unknown=columns.refuse_unknown,
        delimiter=delimiter,
        limits=limits,
    )


def _plain_chunks(plain: Any, size: int) -> Iterator[Chunk]:
    """The rows of a plain file in runs, as the strict reader gives them (row ``i`` on line ``i + 2``;
    every row as wide as the header, so no row errors; within the limits, checked whole)."""
    for start in range(0, plain.rows, size):
        n = min(size, plain.rows - start)
        cells = {name: column.slice(start, n).to_pylist() for name, column in plain.columns.items()}
        yield Chunk(list(range(start + 2, start + n + 2)), cells, {})


def _chunked(rows: Iterable[tuple[int | str, dict[str, Any]]], size: int) -> Iterator[Chunk]:
    """Rows of :func:`read_table` gathered into runs (the columns are those of the first row read)."""
    where: list[int | str] = []
    raws: list[dict[str, Any]] = []
    for w, raw in rows:
        where.append(w)
        raws.append(raw)
        if len(raws) >= size:
            yield _chunk_of(where, raws)
            where, raws = [], []
    if raws:
        yield _chunk_of(where, raws)


def _chunk_of(where: list[int | str], raws: list[dict[str, Any]]) -> Chunk:
    names = list(dict.fromkeys(name for raw in raws for name in raw if name != ROW_ERROR))
    row_errors = {
        i: r if isinstance(r := raw[ROW_ERROR], str) else str(r) for i, raw in enumerate(raws) if ROW_ERROR in raw
    }
    columns: dict[str, Sequence[Any]] = {name: [raw.get(name) for raw in raws] for name in names}
    return Chunk(where, columns, row_errors)


@dataclass(frozen=True, slots=True)
class TypedChunk:
    """A chunk with the cells of the reader columns read (:func:`typed_chunk`)."""

    chunk: Chunk
    values: dict[str, list[Any]]
    """Column -> each row's typed value (None where the cell could not be read: see ``errors``)."""
    errors: dict[str, dict[int, VoucherError]]
    """Column -> {position: why its cell could not be read}, for the columns that have any."""
    columns: Columns

    def bad(self) -> set[int]:
        """The positions of the rows with an error (the reader's or a cell's)."""
        out = set(self.chunk.row_errors)
        for errs in self.errors.values():
            out.update(errs)
        return out

    def text(self, column: str) -> list[str]:
        """Each row's cell of ``column`` as :meth:`Row.text` shows it (each distinct text once)."""
        shown = self._text(column)
        for i, reason in self.chunk.row_errors.items():
            if is_header_again(reason):
                shown[i] = ""  # (D49: headings, no one's id or month)
        return shown

    def _text(self, column: str) -> list[str]:
        values = self.chunk.columns.get(column, [None] * len(self.chunk))
        if set(map(type, values)) == {str}:  # text shows as itself; a blank cell as ""
            given = _given_ids(values)
            if given is not None:
                return given
            return [v if v and not v.isspace() else "" for v in values]
        if set(map(type, values)) <= {str, type(None)}:
            shown = {v: _shown(v, column) for v in set(values)}
            return list(map(shown.__getitem__, values))
        return [_shown(v, column) for v in values]

    def row(self, i: int) -> Row:
        """Row ``i``, as :func:`typed_rows` gives it."""
        raw = self.chunk.raw(i)
        if i in self.chunk.row_errors:
            return Row(self.chunk.where[i], {}, {}, raw)
        values: dict[str, Any] = {}
        errors: dict[str, VoucherError] = {}
        for column in self.columns.readers:
            err = self.errors.get(column, {}).get(i)
            if err is None:
                values[column] = self.values[column][i]
            else:
                errors[column] = err
        return Row(self.chunk.where[i], values, errors, raw)


_FAILED = object()


_TEXT_OR_NONE = frozenset({str, type(None)})


def _distinct(cells: Sequence[Any]) -> Iterable[str | None] | None:
    """The distinct cells, in the order they first come, when every one is text or None (else
    None: read each cell on its own). (In a set's order, which the process's hash seed sets, a
    file refused for one of them named another cell in each run: review 141 F1.)"""
    try:
        distinct = dict.fromkeys(cells)
    except TypeError:  # an unhashable cell (a list of periods from a DataFrame)
        return None
    # (by the cells' types first: a FormulaText equals the text it holds, and one of the two
    # would stand for both in the set)
    if not set(map(type, cells)) <= _TEXT_OR_NONE:
        return None
    return distinct


cells_identifier = cells.identifier


def _given_ids(values: Sequence[Any]) -> list[str] | None:
    """The cells as :func:`voucherlib.input.cells.identifier` reads them, when every one is text,
    none is blank and none holds a character that shows as nothing (each is then its own id,
    checked at C speed); else None."""
    if not isinstance(values, list) or set(map(type, values)) != {str}:
        return None
    if "" in values or any(map(str.isspace, values)):
        return None
    whole = "\x20".join(values)
    if "?" in whole or "\ufffd" in whole:  # a letter lost to a code page or a decoding refuses its id: read one by one
        return None
    # a spreadsheet's error (#N/A, "#n/a "): read, and refused, one by one; compared as
    # cells.is_error_text compares, at C speed (every error text holds a "#": none without one)
    if "#" in whole and not ERROR_TEXTS.isdisjoint(map(str.upper, map(str.strip, values))):
        return None
    # a character that shows as nothing refuses its id: read one by one. Printable ASCII holds
    # none (the only ones in ASCII are its controls, which are not printable); other text is
    # searched without the spaces around each id, which are no part of it
    if not (whole.isascii() and whole.isprintable()) and (
        INVISIBLE.search("\x20".join(map(str.strip, values))) or unknown_char(whole) is not None
    ):
        return None
    # a number's text in scientific notation (1.23457E+11) is refused as an id: read one by one.
    # Each id that is one, its spaces aside, stands between two spaces of the joined text (or an end)
    # (an exponent's sign after its letter first, at C speed: the search itself took 0.4 s a million ids)
    if any(mark in whole for mark in ("E+", "E-", "e+", "e-")) and _SCIENTIFIC_TOKEN.search(whole):
        return None
    return list(values)


_SCIENTIFIC_TOKEN = re.compile(rf"(?<![^\x20])\s*{cells.SCIENTIFIC_ID.pattern}\s*(?![^\x20])")
"""An id of :data:`voucherlib.input.cells.SCIENTIFIC_ID` among ids joined by spaces (one search of the
column; an id that merely holds such a run between spaces is then read one by one, as it reads)."""


_MEMO_CELLS = 65_536
"""Texts a column's memo keeps (:func:`typed_chunk`): the dates, months and flags of a file repeat."""


def typed_chunk(chunk: Chunk, columns: Columns, memo: dict[str, dict[Any, Any]] | None = None) -> TypedChunk:
    """The cells of each reader column read as :func:`typed_rows` reads them (text: each distinct text once).

    ``memo`` (column -> {text: (read, value or error)}), kept by the caller from one run of
    rows to the next, spares reading again a text read in an earlier run (up to
    :data:`_MEMO_CELLS` texts a column): the readers give the same for the same text."""
    n = len(chunk)
    values: dict[str, list[Any]] = {}
    errors: dict[str, dict[int, VoucherError]] = {}
    for column, read in columns.readers.items():
        cells = chunk.columns.get(column) or [None] * n
        errs: dict[int, VoucherError] = {}
        ids = _given_ids(cells) if read is cells_identifier else None
        distinct = None if ids is not None else _distinct(cells)
        if ids is not None:  # ids, each a text given: each is its own value
            out: list[Any] = ids
        elif distinct is not None:  # a CSV file's cells: read each distinct text once
            seen: dict[str | None, Any] = {}
            failed: dict[str | None, VoucherError] = {}
            known = {} if memo is None else memo.setdefault(column, {})
            for cell in distinct:
                done = known.get(cell)
                if done is None:
                    try:
                        done = (True, read(cell, column))
                    except FileRefused as exc:
                        raise exc.in_row(chunk.where[cells.index(cell)]) from None
                    except VoucherError as exc:
                        done = (False, without_frames(exc))
                    if len(known) < _MEMO_CELLS:
                        known[cell] = done
                if done[0]:
                    seen[cell] = done[1]
                else:
                    seen[cell] = None
                    failed[cell] = done[1]
            out = list(map(seen.__getitem__, cells))
            if failed:
                errs = {i: failed[c] for i, c in enumerate(cells) if c in failed}
        else:
            out = []
            for i, cell in enumerate(cells):
                try:
                    out.append(read(cell, column))
                except FileRefused as exc:
                    raise exc.in_row(chunk.where[i]) from None
                except VoucherError as exc:
                    out.append(None)
                    errs[i] = without_frames(exc)
        for i in chunk.row_errors:
            errs.pop(i, None)
        if errs:
            errors[column] = errs
        values[column] = out
    bad = sorted({i for errs in errors.values() for i in errs} | set(chunk.row_errors))  # (a row too wide too)
    for i in bad:  # a header repeated below the header: said so, or its file refused (D49)
        again = header_again(chunk.raw(i), chunk.where[i], header_words(columns))
        if again is not None:
            chunk.row_errors[i] = again
            for errs in errors.values():
                errs.pop(i, None)
    return TypedChunk(chunk, values, {c: errs for c, errs in errors.items() if errs}, columns)


def typed_table(
    source: Any, columns: Columns, *, what: str = "file", delimiter: str | None = None, sheet: str | None = None
) -> Iterator[Row]:
    """The rows of a CSV or XLSX file or a DataFrame (:func:`read_table`), each typed (:func:`typed_rows`)."""
    return typed_rows(read_table(source, columns, what=what, delimiter=delimiter, sheet=sheet), columns)


def header_words(columns: Columns) -> HeaderWords:
    """The header words of the table ``columns`` reads (:func:`~voucherlib.input.files.header_again`),
    made once for a ``Columns`` (the audit's lines made one at a time each ask for them: made for
    each, they took 15% of a 100,000-line audit)."""
    kept = _HEADER_WORDS.get(id(columns))
    if kept is not None and kept[0] is columns:
        return kept[1]
    words = HeaderWords.of(columns.readers, columns.required, columns.aliases)
    if len(_HEADER_WORDS) >= 64:  # (a Columns is made for each read of a file: the last few kept)
        _HEADER_WORDS.clear()
    _HEADER_WORDS[id(columns)] = (columns, words)  # (the Columns kept with them: its id is not reused)
    return words


_HEADER_WORDS: dict[int, tuple[Columns, HeaderWords]] = {}
"""(Private.) The header words of the last tables read, by their ``Columns``' id."""


def typed_rows(rows: Iterable[tuple[int | str, Mapping[str, Any]]], columns: Columns) -> Iterator[Row]:
    """Each raw row with its cells read by the column readers (see :class:`Columns`); a row that
    repeats the header in its columns' places has that reason (D49: one in other places refuses
    the file)."""
    for where, raw in rows:
        values: dict[str, Any] = {}
        errors: dict[str, VoucherError] = {}
        if ROW_ERROR not in raw:
            for column, read in columns.readers.items():
                try:
                    values[column] = read(raw.get(column), column)
                except FileRefused as exc:
                    raise exc.in_row(where) from None
                except VoucherError as exc:
                    errors[column] = without_frames(exc)
        if errors or ROW_ERROR in raw:  # a header repeated below the header (a row too wide too): D49
            again = header_again(raw, where, header_words(columns))
            if again is not None:
                raw, values, errors = {**raw, ROW_ERROR: again}, {}, {}
        yield Row(where, values, errors, raw)


def first_error(row: Row, names: Sequence[str]) -> VoucherError | None:
    """The first error among ``names`` (in that order), or None."""
    return next((row.errors[n] for n in names if n in row.errors), None)
