"""Plain-text tables for the command line, safe to print.

Every cell is shown with its control characters escaped (``printable``), so that text from an
input file can never move the cursor or rewrite the terminal.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

__all__ = ["printable", "text_table"]


def printable(text: str) -> str:
    """Text with control characters shown escaped (``\\x1b`` for ESC, ``\\n`` for a newline)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def text_table(rows: Sequence[Sequence[str]], right: Collection[int] = ()) -> list[str]:
    """The rows as aligned lines, two spaces apart; the columns in ``right`` aligned right."""
    shown = [[printable(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in shown) for i in range(len(shown[0]))] if shown else []
    return [
        "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in shown
    ]
