"""Plain-text tables for the command line, safe to print.

Every cell is shown with its control characters escaped (``printable``), so that text from an
input file can never move the cursor, rewrite the terminal or reorder what is shown (C0 and C1
controls, ESC/CSI/OSC sequences, bidirectional overrides U+202A-U+202E and U+2066-U+2069), and
cut to :data:`MAX_CELL_WIDTH` characters, so that one long id cannot pad every row.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

__all__ = ["MAX_CELL_WIDTH", "printable", "printable_lines", "text_table"]

MAX_CELL_WIDTH = 60
"""The widest a cell is shown in a text table; a longer one ends in ``…``."""


def printable(text: str) -> str:
    """Text with control characters shown escaped (``\\x1b`` for ESC, ``\\n`` for a newline).

    Escaped: every character Python does not call printable (C0 and C1 controls, format
    characters such as the bidirectional overrides and marks, separators other than the space,
    surrogates, unassigned code points).
    """
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def printable_lines(text: str) -> str:
    """Like :func:`printable`, but each line is kept on its own line (for whole outputs)."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _cell(text: str) -> str:
    shown = printable(text)
    return shown if len(shown) <= MAX_CELL_WIDTH else shown[: MAX_CELL_WIDTH - 1] + "…"


def text_table(rows: Sequence[Sequence[str]], right: Collection[int] = ()) -> list[str]:
    """The rows as aligned lines, two spaces apart; the columns in ``right`` aligned right."""
    shown = [[_cell(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in shown) for i in range(len(shown[0]))] if shown else []
    return [
        "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in shown
    ]
