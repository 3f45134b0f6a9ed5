"""Plain-text tables for the command line, safe to print (part of :mod:`voucherlib.output.render`).

Every cell is shown with its control characters escaped (``printable``), so that text from an
input file can never move the cursor, rewrite the terminal or reorder what is shown (C0 and C1
controls, ESC/CSI/OSC sequences, bidirectional overrides U+202A-U+202E and U+2066-U+2069), and
cut to :data:`MAX_CELL_WIDTH` characters, so that one long id cannot pad every row.
"""

from __future__ import annotations

from voucherlib.output.render import MAX_CELL_WIDTH, printable, printable_lines, text_table

__all__ = ["MAX_CELL_WIDTH", "printable", "printable_lines", "text_table"]
