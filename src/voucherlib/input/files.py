"""Reading input files safely: bounded size, UTF-8 (with or without a byte-order mark), checked headers.

Shared by every reader (CSV files of the command line, rule-set files). Reading never
evaluates anything: a cell is text, a rule-set file is data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from voucherlib.core.errors import InvalidInput

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


def normalise_header(name: str) -> str:
    """A header cell as compared: lower case, ``_`` as a space, single spaces."""
    return " ".join(name.strip().lower().replace("_", " ").split())


def header_names(
    headers: Sequence[Any],
    required: Sequence[str],
    *,
    aliases: Mapping[str, str] | None = None,
    refuse_unknown: bool = False,
) -> list[str]:
    """The column name of each header cell, checked: every ``required`` column once, none twice.

    A cell names a column by the column's own name or by one of ``aliases`` (header -> column),
    compared with :func:`normalise_header`. An unknown header is kept as written, or refused
    with ``refuse_unknown``.
    """
    known = {normalise_header(c): c for c in required} | {normalise_header(k): v for k, v in (aliases or {}).items()}
    accepted = ", ".join(dict.fromkeys([*required, *(aliases or {}).values()]))
    names = []
    for h in headers:
        column = known.get(normalise_header(h)) if isinstance(h, str) else None
        if column is None:
            if refuse_unknown:
                raise InvalidInput("header", h, f"a known column (English or Georgian): {accepted}")
            column = h.strip().lower() if isinstance(h, str) else str(h)
        names.append(column)
    seen: set[str] = set()
    for original, column in zip(headers, names, strict=True):
        if column in seen:
            raise InvalidInput("header", original, f"each column once ({column!r} is given twice)")
        seen.add(column)
    missing = [c for c in required if c not in seen]
    if missing:
        raise InvalidInput("header", ", ".join(missing), f"the columns {', '.join(required)} (these are missing)")
    return names


def csv_rows(
    text: str,
    required: Sequence[str],
    *,
    aliases: Mapping[str, str] | None = None,
    refuse_unknown: bool = False,
) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of CSV ``text`` as ``(line number, {column: cell})``, the header being line 1.

    The header is checked by :func:`header_names`. A row with the wrong number of cells comes
    back as ``{ROW_ERROR: reason}``, never dropped; a blank line is not a row.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = guarded_rows(reader)
    header = next(rows, None)
    if header is None:
        raise InvalidInput("header", "", f"a header row with the columns {', '.join(required)}")
    names = header_names(header, required, aliases=aliases, refuse_unknown=refuse_unknown)
    for cells in rows:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            yield line, {ROW_ERROR: f"row has {len(cells)} cells; the header has {len(names)}"}
            continue
        yield line, dict(zip(names, cells, strict=True))
