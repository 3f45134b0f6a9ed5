"""Reading input files safely: bounded size, UTF-8 (with or without a byte-order mark), checked headers.

Shared by every reader (CSV files of the command line, rule-set files). Reading never
evaluates anything: a cell is text, a rule-set file is data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from voucherlib.errors import InvalidInput

__all__ = ["MAX_FILE_BYTES", "csv_rows", "read_text_file"]

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused before they are read (64 MiB, about a million rows)."""
ROW_ERROR = "__error__"
"""The key under which :func:`csv_rows` reports a row it could not split into the columns."""


def read_text_file(path: str | Path, *, max_bytes: int | None = None, field: str = "file") -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped).

    Refused with :class:`InvalidInput` naming ``field`` and the path, before anything is read,
    when the file is missing, unreadable or larger than ``max_bytes``; and when it is not UTF-8.
    """
    p = Path(path)
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InvalidInput(field, str(path), f"a readable file ({exc.strerror})") from None
    if not p.is_file():
        raise InvalidInput(field, str(path), "a file, not a directory")
    if size > max_bytes:
        raise InvalidInput(field, str(path), f"a file of at most {max_bytes:,} bytes (it has {size:,})")
    try:
        return p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(field, str(path), f"UTF-8 text (byte {exc.start} is not)") from None


def guarded_rows(reader: Any) -> Iterator[list[str]]:
    """The rows of a csv reader; a row csv cannot read (a NUL byte, a cell over the csv module's
    131,072-character limit) refuses the file with its line number, rather than a csv.Error."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidInput("file", f"line {reader.line_num + 1}", f"CSV that can be read ({exc})") from None


def csv_rows(text: str, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of CSV ``text`` as ``(line number, {column: cell})``, the header being line 1.

    The header must name every one of ``columns`` (in any order, any case), each once. A row
    with the wrong number of cells comes back as ``{ROW_ERROR: reason}``, never dropped; a
    blank line is not a row.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(guarded_rows(reader))
    except StopIteration:
        raise InvalidInput("header", "", f"a header row with the columns {', '.join(columns)}") from None
    names = [h.strip().lower() for h in header]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InvalidInput("header", name, "each column once")
        seen.add(name)
    missing = [c for c in columns if c not in seen]
    if missing:
        raise InvalidInput("header", ", ".join(missing), f"the columns {', '.join(columns)} (these are missing)")
    for cells in guarded_rows(reader):
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            yield line, {ROW_ERROR: f"row has {len(cells)} cells; the header has {len(names)}"}
            continue
        yield line, dict(zip(names, cells, strict=True))
