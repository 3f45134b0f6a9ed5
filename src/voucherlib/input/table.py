"""Tables of any source, read into typed rows: the readers' one entrance.

:func:`read_table` takes a CSV or XLSX path or a DataFrame and yields its raw rows, bounded
(:data:`~voucherlib.input.files.MAX_ROWS` rows, :data:`~voucherlib.input.files.MAX_CELL_CHARS`
characters a cell, :data:`~voucherlib.input.files.MAX_TOTAL_CHARS` in all; past a limit the
whole input is refused). :func:`typed_rows` turns each raw row into a :class:`Row` of typed
values with the cell readers of :mod:`voucherlib.input.cells`; a cell that cannot be read is
kept as the row's error, with the column it came from, and the row is never dropped.
Reports consume :class:`Row` objects only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voucherlib.core.errors import InvalidInput, VoucherError, shown
from voucherlib.input import cells
from voucherlib.input.csv_file import check_delimiter, csv_rows
from voucherlib.input.files import MAX_CELL_CHARS, MAX_ROWS, MAX_TOTAL_CHARS, ROW_ERROR, read_text_file
from voucherlib.input.frame import frame_rows, is_frame
from voucherlib.input.xlsx_file import xlsx_rows

__all__ = ["Columns", "Row", "read_table", "typed_rows"]

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")

Reader = Callable[[Any, str], Any]
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
    """Its line in a CSV file (header = 1), its row in an XLSX sheet, its DataFrame index label."""
    values: Mapping[str, Any]
    errors: Mapping[str, VoucherError]
    raw: Mapping[str, Any]

    @property
    def error(self) -> str | None:
        """The first reason the row cannot be used, or None."""
        if ROW_ERROR in self.raw:
            return str(self.raw[ROW_ERROR])
        return str(next(iter(self.errors.values()))) if self.errors else None

    def text(self, column: str) -> str:
        """The cell as text, for showing (also when it could not be read)."""
        try:
            return cells.text(self.raw.get(column), column)
        except VoucherError:
            return shown(self.raw.get(column))


def _bounded(rows: Iterable[tuple[int | str, dict[str, Any]]], what: str) -> Iterator[tuple[int | str, dict[str, Any]]]:
    total = 0
    for count, (where, row) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise InvalidInput(what, f"more than {MAX_ROWS:,} rows", f"at most {MAX_ROWS:,} rows of data")
        for column, value in row.items():
            if isinstance(value, str):
                if len(value) > MAX_CELL_CHARS:
                    raise InvalidInput(
                        what,
                        f"row {where}, {column}: {len(value):,} characters",
                        f"cells of at most {MAX_CELL_CHARS:,}",
                    )
                total += len(value)
        if total > MAX_TOTAL_CHARS:
            raise InvalidInput(
                what, f"more than {MAX_TOTAL_CHARS:,} characters", f"at most {MAX_TOTAL_CHARS:,} of text"
            )
        yield where, row


def read_table(
    source: Any,
    columns: Columns,
    *,
    what: str = "file",
    delimiter: str | None = None,
    sheet: str | None = None,
) -> Iterator[tuple[int | str, dict[str, Any]]]:
    """The raw rows of a CSV or XLSX file (by its suffix) or a DataFrame, bounded."""
    header: dict[str, Any] = {"aliases": dict(columns.aliases), "refuse_unknown": columns.refuse_unknown}
    check_delimiter(delimiter)
    if sheet is not None and not isinstance(sheet, str):
        raise InvalidInput("sheet", sheet, "the name of a sheet")
    if isinstance(source, (str, Path)):
        path = Path(source)
        suffix = path.suffix.lower()
        if suffix in XLSX_SUFFIXES:
            if not path.is_file():
                raise InvalidInput("file", str(path), "a readable XLSX file")
            rows: Iterable[tuple[int | str, dict[str, Any]]] = xlsx_rows(path, columns.required, sheet=sheet, **header)
        elif suffix in CSV_SUFFIXES:
            rows = csv_rows(read_text_file(path), columns.required, delimiter=delimiter, **header)
        else:
            raise InvalidInput(what, str(source), "a .csv or .xlsx file, or a DataFrame")
    elif is_frame(source):
        rows = frame_rows(source, columns.required, **header)
    else:
        raise InvalidInput(what, source, "a .csv or .xlsx path, or a pandas DataFrame")
    return _bounded(rows, what)


def typed_rows(rows: Iterable[tuple[int | str, Mapping[str, Any]]], columns: Columns) -> Iterator[Row]:
    """Each raw row with its cells read by the column readers (see :class:`Columns`)."""
    for where, raw in rows:
        values: dict[str, Any] = {}
        errors: dict[str, VoucherError] = {}
        if ROW_ERROR not in raw:
            for column, read in columns.readers.items():
                try:
                    values[column] = read(raw.get(column), column)
                except VoucherError as exc:
                    errors[column] = exc
        yield Row(where, values, errors, raw)


def first_error(row: Row, names: Sequence[str]) -> VoucherError | None:
    """The first error among ``names`` (in that order), or None."""
    return next((row.errors[n] for n in names if n in row.errors), None)
