"""Header names: every header, English or Georgian, that names a column of the tables read.

A header is matched with case and spacing ignored (:mod:`voucherlib.input.table`). One table
for every file that holds these columns: an invoice (the audit), a voucher table (``settle``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from voucherlib.core.errors import Reason
from voucherlib.core.phrases import has_georgian

__all__ = ["COLUMN_NAMES", "aliases", "columns_said"]

COLUMN_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "beneficiary_id": ("beneficiary_id", "beneficiary", "id", "ბენეფიციარის კოდი", "ბენეფიციარი"),
        "name": ("name", "სახელი", "სახელი, გვარი", "სახელი და გვარი"),
        "month": ("month", "service_month", "თვე", "მომსახურების თვე"),
        "enrolled_on": ("enrolled_on", "enrolled", "ჩარიცხვის თარიღი"),
        "discharged_on": ("discharged_on", "discharged", "ამორიცხვის თარიღი"),
        "disability": ("disability", "disability_status", "შეზღუდული შესაძლებლობის სტატუსი", "შშმ სტატუსი"),
        "claimed": (
            "claimed",
            "amount_claimed",
            "მოთხოვნილი თანხა",
            "მოთხოვნილი",
            "თანხა",
        ),  # (the report's own header too)
        "submitted_on": ("submitted_on", "submitted", "წარდგენის თარიღი"),
        "provider": ("provider", "provider_id", "მიმწოდებელი"),
    }
)
"""Every accepted header (English or Georgian, case and spacing ignored) of each column."""


def columns_said(columns: Sequence[str]) -> Reason:
    """Columns as a refusal names them: their keys, and in Georgian each with its Georgian header
    first (``ჩარიცხვის თარიღი (enrolled_on)``: review 85, a Georgian clerk was told the English
    keys alone); a column with no Georgian header by its key."""
    georgian = []
    for column in columns:
        header = next((h for h in COLUMN_NAMES.get(column, ()) if has_georgian(h)), None)
        georgian.append(f"{header} ({column})" if header else column)
    return Reason.in_each(", ".join(columns), ", ".join(georgian))


def aliases(columns: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Each accepted header of ``columns`` -> the column it names."""
    return {name: col for col in columns for name in COLUMN_NAMES[col]}
