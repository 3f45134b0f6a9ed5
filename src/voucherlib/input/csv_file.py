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
from typing import Any

from voucherlib.core.errors import InvalidInput
from voucherlib.input.files import ROW_ERROR, header_names

__all__ = ["DELIMITERS", "check_delimiter", "csv_rows"]

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
    reader = _reader(text, d)
    try:
        next(reader)
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(names):
                yield line, {ROW_ERROR: f"row has {len(cells)} cells; the header has {len(names)}"}
                continue
            yield line, dict(zip(names, cells, strict=True))
    except csv.Error as exc:
        raise InvalidInput("file", f"line {reader.line_num + 1}", f"CSV that can be read ({exc})") from None
