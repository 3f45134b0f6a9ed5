"""DataFrame tables: a pandas DataFrame (or any object with ``columns`` and ``itertuples``).

The column names are checked like a file's header; each row comes back as
``(index label, {column: value})`` with the values as pandas holds them, for
:mod:`voucherlib.input.cells` to read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from voucherlib.core.errors import InvalidInput
from voucherlib.input.files import MAX_ROWS, header_names

__all__ = ["frame_rows", "is_frame"]


def is_frame(value: object) -> bool:
    """Whether ``value`` is a DataFrame (duck-typed: pandas is not imported here)."""
    return hasattr(value, "columns") and hasattr(value, "itertuples") and hasattr(value, "index")


def frame_rows(
    frame: Any,
    required: Sequence[str],
    *,
    aliases: dict[str, str] | None = None,
    refuse_unknown: bool = False,
    max_rows: int = MAX_ROWS,
) -> Iterator[tuple[int | str, dict[str, Any]]]:
    """The rows of ``frame``, each under its index label (an int or a str; other labels as text)."""
    if len(frame) > max_rows:
        raise InvalidInput("frame", f"{len(frame):,} rows", f"at most {max_rows:,} rows")
    names = header_names([str(c) for c in frame.columns], required, aliases=aliases, refuse_unknown=refuse_unknown)
    for label, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        where = label if isinstance(label, (int, str)) and not isinstance(label, bool) else str(label)
        yield where, dict(zip(names, values, strict=True))
