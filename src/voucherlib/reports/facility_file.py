"""Reading a file of daily occupancy and computing each facility's month (Annex 2.8).

Columns: ``facility_id, city, service, limit, date, children_served``: one row per facility
and day. Rows are grouped by facility and month; every row comes back in the report, either
inside its facility-month or marked with the reason it could not be used.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from voucherlib.core.errors import InvalidInput, VoucherError
from voucherlib.core.month import Month, as_date
from voucherlib.core.ruleset import RuleSet
from voucherlib.input.files import ROW_ERROR, csv_rows, read_text_file
from voucherlib.output.text_table import printable, text_table
from voucherlib.rules.facility_month import FacilityMonth, facility_month

__all__ = ["FACILITY_COLUMNS", "FacilityReport", "FacilityResult", "facility_file", "facility_rows"]

FACILITY_COLUMNS = ("facility_id", "city", "service", "limit", "date", "children_served")


@dataclass(frozen=True, slots=True)
class FacilityResult:
    """One facility-month and the file rows it was built from, or the reason it failed."""

    facility_id: str
    month: str
    rows: tuple[int, ...]
    result: FacilityMonth | None
    error: str | None


@dataclass(frozen=True, slots=True)
class FacilityReport:
    results: tuple[FacilityResult, ...]

    @property
    def row_count(self) -> int:
        return sum(len(r.rows) for r in self.results)

    @property
    def invalid(self) -> tuple[FacilityResult, ...]:
        return tuple(r for r in self.results if r.result is None)

    def to_text(self, *, explain: bool = False) -> str:
        header = (
            "facility",
            "month",
            "city",
            "service",
            "limit",
            "cap",
            "served",
            "paid",
            "unfilled paid",
            "compensation",
            "for children",
            "total",
        )
        table = [header]
        for r in self.results:
            fm = r.result
            if fm is None:
                table.append((r.facility_id, r.month, "", "", "", "", "", "", "", "", "", "INVALID"))
                continue
            cap = fm.days[0].cap if fm.days else None
            has_rate = fm.daily_rate is not None
            table.append(
                (
                    r.facility_id,
                    str(fm.month),
                    fm.city,
                    fm.service,
                    str(fm.limit),
                    "-" if cap is None else str(cap),
                    str(fm.served_beneficiary_days),
                    str(fm.paid_beneficiary_days),
                    str(fm.compensation.place_days),
                    f"{fm.compensation_paid:.2f}",
                    f"{fm.beneficiary_amount:.2f}" if has_rate else "no rate",
                    f"{fm.total:.2f}" if has_rate else "-",
                )
            )
        lines = text_table(table)
        total = sum((r.result.compensation_paid for r in self.results if r.result), Decimal(0))
        lines.append("")
        lines.append(
            f"totals: {len(self.results)} facility-months from {self.row_count} rows, {len(self.invalid)} invalid; "
            f"unfilled-place compensation {total:,.2f} GEL"
        )
        for r in self.invalid:
            lines.append(printable(f"{r.facility_id} {r.month} (rows {_rows_text(r.rows)}): {r.error}"))
        if explain:
            for r in self.results:
                if r.result is not None:
                    lines.append(f"\n{r.facility_id}:\n{r.result.explain()}")
        return "\n".join(lines)


def _rows_text(rows: tuple[int, ...]) -> str:
    return ", ".join(map(str, rows[:10])) + (", ..." if len(rows) > 10 else "")


def read_facility_rows(path: str | Path) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a daily-occupancy CSV file (see :mod:`voucherlib.input.files`)."""
    return csv_rows(read_text_file(path), FACILITY_COLUMNS)


def facility_rows(
    rows: Iterable[tuple[int, dict[str, str]]],
    *,
    daily_rate: Decimal | None = None,
    rules: RuleSet | None = None,
    compensation_within_cap: bool = False,
) -> FacilityReport:
    """Group the rows by facility and month and compute each facility-month
    (``compensation_within_cap``: see :func:`~voucherlib.facility_month`, D20)."""
    groups: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = {}
    results: list[FacilityResult] = []
    for line, cells in rows:
        ident = cells.get("facility_id", "").strip()
        if ROW_ERROR in cells:
            results.append(FacilityResult(ident, "", (line,), None, f"row {line}: {cells[ROW_ERROR]}"))
            continue
        try:
            month = str(Month.of(as_date(cells["date"], "date")))
        except VoucherError as exc:
            results.append(FacilityResult(ident, "", (line,), None, f"row {line}: {exc}"))
            continue
        groups.setdefault((ident, month), []).append((line, cells))
    for (ident, month), members in groups.items():
        lines = tuple(line for line, _ in members)
        try:
            first = members[0][1]
            for line, cells in members[1:]:
                for column in ("city", "service", "limit"):
                    if cells[column].strip() != first[column].strip():
                        raise InvalidInput(
                            column, cells[column], f"the same {column} on every row of facility {ident} (row {line})"
                        )
            occupancy: dict[str, str] = {}
            for line, cells in members:
                day = cells["date"].strip()
                if day in occupancy:
                    raise InvalidInput("date", day, f"one row per day for facility {ident} (row {line} repeats it)")
                occupancy[day] = cells["children_served"]
            fm = facility_month(
                month,
                city=first["city"],
                service=first["service"],
                limit=first["limit"],  # type: ignore[arg-type]
                occupancy=occupancy,  # type: ignore[arg-type]
                daily_rate=daily_rate,
                rules=rules,
                compensation_within_cap=compensation_within_cap,
            )
        except VoucherError as exc:
            results.append(FacilityResult(ident, month, lines, None, str(exc)))
            continue
        results.append(FacilityResult(ident, month, lines, fm, None))
    return FacilityReport(tuple(results))


def facility_file(
    path: str | Path,
    *,
    daily_rate: Decimal | None = None,
    rules: RuleSet | None = None,
    compensation_within_cap: bool = False,
) -> FacilityReport:
    """Read a daily-occupancy CSV file and compute every facility-month in it
    (``compensation_within_cap``: see :func:`~voucherlib.facility_month`, D20)."""
    return facility_rows(
        read_facility_rows(path), daily_rate=daily_rate, rules=rules, compensation_within_cap=compensation_within_cap
    )
