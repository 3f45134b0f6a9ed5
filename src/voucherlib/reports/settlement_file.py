"""Settling a file of voucher-months (the main job of the command line).

One row per voucher-month (a CSV or XLSX file, or a DataFrame), with the columns
``beneficiary_id, month, enrolled_on, discharged_on, disability, submitted_on``; the cells are
read by :mod:`voucherlib.input` (an empty date cell means "not given"). Every row comes back, in order: settled, or
marked with the reason it could not be (a bad row never stops the others and is never
dropped).

``disability`` is ``yes``/``no`` (also ``true``/``false``, ``1``/``0``, Georgian ``კი``/``არა``)
for the whole month, or status periods ``FROM..TO`` separated by ``;``, where either end may
be left empty: ``2021-11-16..`` means "from 16 November on" (D2).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from voucherlib.core.errors import VoucherError
from voucherlib.core.money import money_text, total
from voucherlib.core.ruleset import RuleSet
from voucherlib.core.working_calendar import WorkingCalendar
from voucherlib.input import cells
from voucherlib.input.table import Columns, Row, read_table, typed_rows
from voucherlib.output.render import printable, spreadsheet_safe, text_table
from voucherlib.rules.submission import Settlement, settle
from voucherlib.rules.youth_voucher import StatusPeriod, voucher_month

__all__ = [
    "COLUMNS",
    "SettledRow",
    "SettlementReport",
    "parse_disability",
    "read_rows",
    "settle_file",
    "settle_rows",
]

COLUMNS = ("beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "submitted_on")

_INPUT_FIELDS = frozenset({"beneficiary_id", "month", "error"})
VOUCHER_COLUMNS = Columns(
    COLUMNS,
    {
        "beneficiary_id": cells.identifier,
        "month": cells.month,
        "enrolled_on": cells.date,
        "discharged_on": cells.date,
        "disability": cells.disability,
        "submitted_on": cells.date,
    },
)


def parse_disability(text: str, field: str = "disability") -> bool | list[StatusPeriod]:
    """Read a disability cell: yes/no, or status periods ``FROM..TO;FROM..TO`` (see :func:`voucherlib.input.cells.disability`)."""
    value = cells.disability(text, field)
    if isinstance(value, bool):
        return value
    return [StatusPeriod.of(p, f"{field}[{i}]") for i, p in enumerate(value)]


@dataclass(frozen=True, slots=True)
class SettledRow:
    """One input row and what became of it: a settlement, or the reason there is none."""

    row: int | str
    """The row's line number in a CSV file (the header is line 1), its row in an XLSX sheet, or its DataFrame label."""
    beneficiary_id: str
    month: str
    settlement: Settlement | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.settlement is not None

    def record(self) -> dict[str, str]:
        """The row as flat text fields (for CSV and JSON output)."""
        s = self.settlement
        if s is None:
            return {
                "row": str(self.row),
                "beneficiary_id": self.beneficiary_id,
                "month": self.month,
                "service_days": "",
                "daily_rates": "",
                "amount": "",
                "late_working_days": "",
                "deduction": "",
                "payable": "",
                "funded": "",
                "error": self.error or "",
            }
        return {
            "row": str(self.row),
            "beneficiary_id": self.beneficiary_id,
            "month": self.month,
            "service_days": str(s.voucher.service_days),
            "daily_rates": rates_text(s),
            "amount": str(s.amount),
            "late_working_days": str(s.late_working_days),
            "deduction": str(s.deduction),
            "payable": str(s.payable),
            "funded": "yes" if s.funded else "no",
            "error": "",
        }


def rates_text(s: Settlement) -> str:
    """``20`` for one rate, ``20x15+30x15`` for days at several rates."""
    parts = s.voucher.days_by_rate
    if len(parts) == 1:
        return f"{parts[0].daily_rate}"
    return "+".join(f"{p.daily_rate}x{p.days}" for p in parts)


@dataclass(frozen=True, slots=True)
class SettlementReport:
    """Every row of a file, settled or marked, with the totals."""

    rows: tuple[SettledRow, ...]

    @property
    def settled(self) -> tuple[Settlement, ...]:
        return tuple(r.settlement for r in self.rows if r.settlement is not None)

    @property
    def invalid(self) -> tuple[SettledRow, ...]:
        return tuple(r for r in self.rows if r.settlement is None)

    @property
    def total_amount(self) -> Decimal:
        return total(s.amount for s in self.settled)

    @property
    def total_payable(self) -> Decimal:
        return total(s.payable for s in self.settled)

    @property
    def not_funded(self) -> int:
        return sum(1 for s in self.settled if not s.funded)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(self.rows[0].record()) if self.rows else ["row"])
        writer.writeheader()
        for r in self.rows:
            # beneficiary_id and month are the input's text; the other fields are computed here.
            writer.writerow({k: spreadsheet_safe(v) if k in _INPUT_FIELDS else v for k, v in r.record().items()})
        return out.getvalue()

    def to_json(self) -> str:
        return json.dumps(
            {
                "rows": [r.record() for r in self.rows],
                "totals": {
                    "rows": len(self.rows),
                    "settled": len(self.settled),
                    "invalid": len(self.invalid),
                    "not_funded": self.not_funded,
                    "amount": str(self.total_amount),
                    "payable": str(self.total_payable),
                },
            },
            ensure_ascii=False,
            indent=2,
        )

    def to_text(self) -> str:
        header = ("row", "beneficiary", "month", "days", "GEL/day", "amount", "late", "payable", "funded")
        table = [header]
        for r in self.rows:
            rec = r.record()
            if r.settlement is None:
                table.append((rec["row"], rec["beneficiary_id"], rec["month"], "", "", "", "", "", "INVALID"))
            else:
                table.append(
                    (
                        rec["row"],
                        rec["beneficiary_id"],
                        rec["month"],
                        rec["service_days"],
                        rec["daily_rates"],
                        rec["amount"],
                        rec["late_working_days"],
                        rec["payable"],
                        rec["funded"],
                    )
                )
        lines = text_table(table, right={3, 5, 6, 7})
        lines.append("")
        lines.append(
            f"totals: {len(self.rows)} rows, {len(self.settled)} settled ({self.not_funded} not funded), "
            f"{len(self.invalid)} invalid; amount {money_text(self.total_amount, grouping=True)} GEL, payable {money_text(self.total_payable, grouping=True)} GEL"
        )
        for r in self.invalid:
            lines.append(f"row {r.row}: {printable(r.error or '')}")
        return "\n".join(lines)


def read_rows(source: Any, *, delimiter: str | None = None, sheet: str | None = None) -> Iterator[Row]:
    """The rows of a voucher table (a CSV or XLSX path, or a DataFrame), typed (see :mod:`voucherlib.input`)."""
    return typed_rows(read_table(source, VOUCHER_COLUMNS, delimiter=delimiter, sheet=sheet), VOUCHER_COLUMNS)


def settle_rows(
    rows: Iterable[Row],
    *,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    count_discharge_day: bool = True,
) -> SettlementReport:
    """Settle every row; a bad row is kept with its reason and the others go on."""
    out: list[SettledRow] = []
    for row in rows:
        line = row.where
        ident, month = row.text("beneficiary_id"), row.text("month")
        if row.error is not None:
            out.append(SettledRow(line, ident, month, None, row.error))
            continue
        v = row.values
        try:
            vm = voucher_month(
                v["month"],
                enrolled_on=v["enrolled_on"],
                discharged_on=v["discharged_on"],
                disability=v["disability"],
                count_discharge_day=count_discharge_day,
                rules=rules,
            )
            s = settle(vm, submitted_on=v["submitted_on"], calendar=calendar)
        except VoucherError as exc:
            out.append(SettledRow(line, ident, month, None, str(exc)))
            continue
        out.append(SettledRow(line, ident, month, s, None))
    return SettlementReport(tuple(out))


def settle_file(
    path: Any,
    *,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    count_discharge_day: bool = True,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> SettlementReport:
    """Read a voucher table (CSV or XLSX path, or DataFrame) and settle every row (see the module's docstring).

    ``delimiter``: the CSV file's delimiter (``","``, ``";"`` or a tab; told from the header when
    None). ``sheet``: the XLSX sheet to read (needed when more than one has data).
    """
    return settle_rows(
        read_rows(path, delimiter=delimiter, sheet=sheet),
        calendar=calendar,
        rules=rules,
        count_discharge_day=count_discharge_day,
    )
