"""Plain-text tables for the command line, safe to print (now part of :mod:`voucherlib.output.render`)."""

from __future__ import annotations

from voucherlib.output.render import printable, text_table

__all__ = ["printable", "text_table"]
