"""A plain CSV file read column by column with Arrow, for a report that checks many rows at once.

Most files a spreadsheet writes are *plain*: no quote anywhere, one row a line, every line as
wide as the header, no blank line. For such a file the strict reader of
:mod:`voucherlib.input.csv_file` gives each cell as the text between two delimiters, and this
module gives the very same text, as Arrow string columns, without a Python object per cell.
Whenever a file is not plain in any of these ways, or is near a limit, :func:`plain_columns`
returns None and the caller reads it with the strict reader (which reads it, or refuses it with
its reason): this path never refuses a file and never reads one differently.

Needs pyarrow (``voucherlib[arrow]``); without it every file takes the strict reader.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voucherlib.core.errors import InvalidInput
from voucherlib.input.csv_file import _choose, check_delimiter
from voucherlib.input.files import MAX_CELL_CHARS, Limits, check_text_file

__all__ = ["CodedCells", "PlainColumns", "cell_at", "plain_columns"]

_MAX_PLAIN_LINE = 65_536
"""Bytes a line of a plain file may have (far below csv's field limit and MAX_LINE_CHARS)."""
_FIRST_CELL = r"^[!-~\p{L}]"
"""A row whose first cell starts with a visible ASCII character or a letter (a Georgian id) is
never a blank row."""


@dataclass(frozen=True, slots=True)
class CodedCells:
    """A column of cells of any kind (text, numbers, dates, booleans, None) as a spreadsheet
    reader gives them: each row's code into the distinct cells (each distinct by its type and
    value, so the number 1, the float 1.0 and True stay apart). Its ``take`` and ``to_pylist``
    answer as an Arrow array's do."""

    codes: Any
    """Each row's code (a numpy int64 array)."""
    values: list[Any]
    """The distinct cells, each the very Python value the reader gives."""

    def __len__(self) -> int:
        return len(self.codes)

    def take(self, rows: Any) -> CodedCells:
        import numpy as np

        return CodedCells(self.codes[np.asarray(rows, dtype=np.int64)], self.values)

    def to_pylist(self) -> list[Any]:
        values = self.values
        return [values[k] for k in self.codes.tolist()]

    def cell(self, i: int) -> Any:
        return self.values[int(self.codes[i])]


def cell_at(column: Any, i: int) -> Any:
    """Row ``i``'s cell of a column (Arrow text or :class:`CodedCells`)."""
    return column.cell(i) if isinstance(column, CodedCells) else column[i].as_py()


@dataclass(frozen=True, slots=True)
class PlainColumns:
    """The rows of a plain CSV file (row ``i`` is line ``i + 2``: the header is line 1), or of a
    plain XLSX sheet (:func:`voucherlib.input.xlsx_file.xlsx_columns`)."""

    names: list[str]
    """The column name of each header cell (as the strict reader names them)."""
    columns: dict[str, Any]
    """Column name -> its cells, an Arrow string array (a ChunkedArray; null: an empty XLSX cell),
    or for an XLSX column with a cell that is not text (a number, a date, a boolean) :class:`CodedCells`."""
    rows: int
    where: list[int] | None = None
    """Each row's number in its sheet (None: row ``i`` is line ``i + 2``)."""

    def row_numbers(self) -> list[int]:
        """Each row's line in the CSV file or number in the sheet."""
        return self.where if self.where is not None else list(range(2, self.rows + 2))


def plain_columns(
    path: str | Path,
    required: tuple[str, ...],
    *,
    aliases: dict[str, str] | None = None,
    refuse_unknown: bool = False,
    delimiter: str | None = None,
    limits: Limits,
) -> PlainColumns | None:
    """The columns of a plain CSV file (see the module's docstring), or None to read it strictly."""
    try:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - without the extra
        return None
    p = check_text_file(path, max_bytes=limits.file_bytes)  # the strict reader's own checks and errors
    data = p.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if b'"' in data or b"\x00" in data or data.count(b"\r") != data.count(b"\r\n"):
        return None
    if codecs.BOM_UTF8 in data:  # (Arrow drops one at the start of the rows it reads: a cell's own)
        return None
    data = data.replace(b"\r\n", b"\n") if b"\r" in data else data
    if not data.endswith(b"\n"):
        data += b"\n"
    if b"\n\n" in data or data.startswith(b"\n"):
        return None
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    if int(np.diff(ends, prepend=-1).max()) > _MAX_PLAIN_LINE:
        return None
    head = int(ends[0])
    try:
        d, names, _ = _choose(  # (the first line alone: title rows go to the strict reader)
            data[: head + 1].decode("utf-8"),
            required,
            check_delimiter(delimiter),
            aliases=aliases,
            refuse_unknown=refuse_unknown,
        )
    except InvalidInput:
        return None  # the strict reader refuses the header, with its words
    rows = len(ends) - 1
    if rows == 0 or rows > limits.rows:
        return None
    # The rows in a buffer of Arrow's own memory, not one that wraps a Python object: Arrow's
    # threaded reader may let go of its input on one of its threads after read_csv returns, and a
    # buffer of a Python object takes the GIL to be let go of; at the interpreter's exit that thread
    # was ended inside a C++ destructor, and the process died (SIGABRT, "terminate called without
    # an active exception") after its work was done: about 1 run in 400 under load.
    rows_buffer = pa.allocate_buffer(len(data) - head - 1, memory_pool=pa.system_memory_pool())
    np.frombuffer(rows_buffer, dtype=np.uint8)[:] = np.frombuffer(data, dtype=np.uint8, offset=head + 1)
    del data  # (the file's bytes once while Arrow reads them: the peak memory of a large file as before)
    try:
        table = pacsv.read_csv(
            rows_buffer,
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(
                delimiter=d, quote_char=False, escape_char=False, newlines_in_values=False, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # a line of another width: the strict reader says which
    if table.num_rows != rows:
        return None
    lengths = [pc.utf8_length(table.column(name)) for name in names]
    if max(pc.max(n).as_py() or 0 for n in lengths) > MAX_CELL_CHARS:
        return None
    if sum(pc.sum(n).as_py() or 0 for n in lengths) > limits.total_chars:
        return None
    if not pc.all(pc.match_substring_regex(table.column(0), _FIRST_CELL)).as_py():
        return None  # a row that may be blank: the strict reader skips or keeps it
    return PlainColumns(names, {name: table.column(name) for name in names}, rows)
