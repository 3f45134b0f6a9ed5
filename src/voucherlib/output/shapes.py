"""The tables each command outputs, by name, with their columns (for the JSON Schemas)."""

from __future__ import annotations

from collections.abc import Sequence

from voucherlib.output.table import Column

__all__ = ["SHAPES"]

SHAPES: dict[str, dict[str, Sequence[Column] | None]] = {}
"""command -> {table name -> its columns (None: columns that vary)}."""
