"""Header names: every header, English or Georgian, that names a column of the tables read.

A header is matched with case and spacing ignored (:mod:`voucherlib.input.table`). One table
for every file that holds these columns: an invoice (the audit) and a voucher table (``settle``);
another for a facility's daily occupancy and its claims (``facility``, ``audit-facility``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from voucherlib.core.errors import Reason
from voucherlib.core.phrases import has_georgian

__all__ = ["COLUMN_NAMES", "FACILITY_COLUMN_NAMES", "aliases", "columns_said"]

COLUMN_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "beneficiary_id": (
            "beneficiary_id",
            "beneficiary",
            "id",
            "ბენეფიციარის კოდი",
            "ბენეფიციარი",
            # a person's id as Georgian registers head it (review 211 F3: refused by the audit, and
            # left aside by settle, whose ids were then the names under "ბენეფიციარი")
            "პირადი ნომერი",
            "ბენეფიციარის პირადი ნომერი",
            "პირადი №",
            "პ/ნ",
        ),
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
"""Every accepted header (English or Georgian, case and spacing ignored) of each column of an
invoice and of a voucher table."""
FACILITY_COLUMN_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "facility_id": (
            "facility_id",
            "facility",
            "დაწესებულების კოდი",  # (the header the Georgian report writes: review 152 F7)
            "დაწესებულება",  # (review 143 F12, review 145)
            "ობიექტი",  # (the Georgian report's header before review 145: a file that has it is still read)
            "ობიექტის კოდი",
        ),
        "city": ("city", "ქალაქი", "მუნიციპალიტეტი"),
        "service": ("service", "მომსახურება", "სერვისი"),
        "limit": ("limit", "ლიმიტი"),
        "date": ("date", "day", "თარიღი", "დღე"),
        "children_served": ("children_served", "served", "მომსახურებული", "მომსახურებული ბავშვები"),
        "claimed_children": (
            "claimed_children",
            "მოთხოვნილი თანხა ბენეფიციარებზე",
            "მოთხოვნილი ბენეფიციარებზე",  # (the headers the Georgian report writes)
        ),
        "claimed_unfilled": (
            "claimed_unfilled",
            "მოთხოვნილი თანხა შეუვსებელ ადგილებზე",
            "მოთხოვნილი შეუვსებელ ადგილებზე",
        ),
        "month": COLUMN_NAMES["month"],
        "provider": COLUMN_NAMES["provider"],
    }
)
"""Every accepted header of each column of a facility's tables (Annex 2.8): the daily occupancy
and the claims (review 189 F2: the occupancy's Georgian headers were refused where the claims'
were read)."""


def columns_said(columns: Sequence[str], both: bool = False) -> Reason:
    """Columns as a refusal names them: their keys, and in Georgian each with its Georgian header
    first (``ჩარიცხვის თარიღი (enrolled_on)``: review 85, a Georgian clerk was told the English
    keys alone); a column with no Georgian header by its key. ``both``: in English too, each key
    with its Georgian header after it (``children_served (მომსახურებული)``), where the words say
    either is read (review 263 F3: "English or Georgian" listed the English keys alone)."""
    english, georgian = [], []
    for column in columns:
        known = COLUMN_NAMES.get(column) or FACILITY_COLUMN_NAMES.get(column, ())
        header = next((h for h in known if has_georgian(h)), None)
        georgian.append(f"{header} ({column})" if header else column)
        english.append(f"{column} ({header})" if header and both else column)
    return Reason.in_each(", ".join(english), ", ".join(georgian))


def aliases(
    columns: tuple[str, ...] | list[str], names: Mapping[str, tuple[str, ...]] = COLUMN_NAMES
) -> dict[str, str]:
    """Each accepted header of ``columns`` (their headers in ``names``) -> the column it names."""
    return {name: col for col in columns for name in names[col]}
