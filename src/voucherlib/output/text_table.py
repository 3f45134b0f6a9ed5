"""Plain-text tables for the command line, safe to print.

Every cell is shown with its control characters escaped (``printable``), so that text from an
input file can never move the cursor, rewrite the terminal or reorder what is shown (C0 and C1
controls, ESC/CSI/OSC sequences, bidirectional overrides U+202A-U+202E and U+2066-U+2069), and
cut to :data:`MAX_CELL_WIDTH` characters, so that one long id cannot pad every row. The aligning
itself is :func:`voucherlib.output.render.text_table`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from voucherlib.output.render import printable
from voucherlib.output.render import text_table as _align

__all__ = ["MAX_CELL_WIDTH", "printable", "printable_lines", "text_table"]

MAX_CELL_WIDTH = 60
"""The widest a cell is shown in a text table; a longer one ends in ``…``."""


def printable_lines(text: str) -> str:
    """Like :func:`printable`, but each line is kept on its own line (for whole outputs)."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _cell(text: str) -> str:
    shown = printable(text)
    return shown if len(shown) <= MAX_CELL_WIDTH else shown[: MAX_CELL_WIDTH - 1] + "…"


def text_table(rows: Sequence[Sequence[str]], right: Collection[int] = ()) -> list[str]:
    """The rows as aligned lines, two spaces apart; the columns in ``right`` aligned right."""
    return _align([[_cell(c) for c in row] for row in rows], right)
