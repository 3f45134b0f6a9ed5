"""The tables each command outputs, by name, with their columns (for the JSON Schemas)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from voucherlib.output.documents import (
    AUDIT_LINE_COLUMNS,
    AUDIT_SUMMARY_COLUMNS,
    BUDGET_COLUMNS,
    CASE_COLUMNS,
    CELL_COLUMNS,
    FACILITY_COLUMNS,
    FINDING_COLUMNS,
    LIMIT_OVERVIEW_COLUMNS,
    SETTLE_COLUMNS,
    SUMMARY_COLUMNS,
    facility_columns,
)
from voucherlib.output.table import Column

__all__ = ["SHAPES"]

AUDIT_TABLES: dict[str, Sequence[Column] | None] = {
    "summary": AUDIT_SUMMARY_COLUMNS,
    "findings": FINDING_COLUMNS,
    "lines": AUDIT_LINE_COLUMNS,
}
FACILITY_AUDIT_TABLES: dict[str, Sequence[Column] | None] = {  # a facility and its component (review 157 F14)
    **AUDIT_TABLES,
    "findings": facility_columns(FINDING_COLUMNS),
    # no late deduction in Annex 2.8 (D40)
    "lines": facility_columns(tuple(c for c in AUDIT_LINE_COLUMNS if c.key != "deducted")),
}
_SHAPES: dict[str, dict[str, Sequence[Column] | None]] = {
    "settle": {"settlements": SETTLE_COLUMNS},
    "facility": {"facility_months": FACILITY_COLUMNS},
    "audit": AUDIT_TABLES,
    "audit-facility": FACILITY_AUDIT_TABLES,
    "tables": {
        "limit_tables": LIMIT_OVERVIEW_COLUMNS,
        "budgets": BUDGET_COLUMNS,
        "cell": CELL_COLUMNS,
        "annex_*": None,
    },
    "summary": {"programs": SUMMARY_COLUMNS},
    "check-cases": {"cases": CASE_COLUMNS},
}
SHAPES: Mapping[str, Mapping[str, Sequence[Column] | None]] = MappingProxyType(
    {command: MappingProxyType(tables) for command, tables in _SHAPES.items()}
)
"""command -> {table name -> its columns (None: columns that vary; a name ending * is a prefix)};
read-only (review 69)."""
