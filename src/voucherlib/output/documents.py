"""Every command's result as a :class:`~voucherlib.output.table.Document`, built once.

The command line renders these with :mod:`voucherlib.output.render`; the columns of each table
(:data:`voucherlib.output.shapes.SHAPES`) also make the JSON Schemas of the JSON output.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from voucherlib.core.money import subtract, total
from voucherlib.output.table import Column, Document, Table
from voucherlib.reports.audit import AuditLine, AuditReport
from voucherlib.reports.facility_file import FacilityReport
from voucherlib.reports.program_summary import ProgramSummary
from voucherlib.reports.settlement_file import SettlementReport, rates_text
from voucherlib.rules.budgets import budgets
from voucherlib.rules.limit_tables import LimitTable, limit_tables

__all__ = [
    "AUDIT_COLUMNS",
    "FACILITY_COLUMNS",
    "SETTLE_COLUMNS",
    "SUMMARY_COLUMNS",
    "audit_document",
    "facility_document",
    "limit_cell_document",
    "limit_table_document",
    "settle_document",
    "summary_document",
    "tables_document",
]

SETTLE_COLUMNS = (
    Column("row", "row", "სტრ.", "int"),
    Column("beneficiary_id", "beneficiary", "ბენეფიციარი"),
    Column("month", "month", "თვე"),
    Column("service_days", "days", "დღე", "int"),
    Column("daily_rates", "GEL/day", "ლარი/დღე"),
    Column("amount", "amount", "თანხა", "money"),
    Column("deadline", "deadline", "ვადა", "date", show=False),
    Column("submitted_on", "submitted", "წარდგენილია", "date", show=False),
    Column("late_working_days", "late", "დაგვიანება", "int"),
    Column("deduction", "deduction", "დაქვითვა", "money", show=False),
    Column("payable", "payable", "ასანაზღაურებელი", "money"),
    Column("funded", "funded", "ფინანსდება", "bool"),
    Column("error", "error", "შეცდომა", show=False),
)


def settle_document(report: SettlementReport, lang: str = "en") -> Document:
    """One row per voucher-month (settled or invalid), the totals, each invalid row's reason."""
    rows: list[dict[str, Any]] = []
    highlight: list[str | None] = []
    for r in report.rows:
        s = r.settlement
        row: dict[str, Any] = {"row": r.row, "beneficiary_id": r.beneficiary_id, "month": r.month, "error": r.error}
        if s is not None:
            row.update(
                service_days=s.voucher.service_days,
                daily_rates=rates_text(s),
                amount=s.amount,
                deadline=s.deadline,
                submitted_on=s.submitted_on,
                late_working_days=s.late_working_days,
                deduction=s.deduction,
                payable=s.payable,
                funded=s.funded,
            )
        rows.append(row)
        highlight.append("error" if s is None else None if s.funded else "rejected")
    settled = report.settled
    amount, payable = report.total_amount, report.total_payable
    summary = (
        f"totals: {len(report.rows)} rows, {len(settled)} settled ({report.not_funded} not funded), "
        f"{len(report.invalid)} invalid; amount {amount:,.2f} GEL, payable {payable:,.2f} GEL"
    )
    summary_ka = (
        f"{len(report.rows)} სტრიქონი, გამოთვლილია {len(settled)} ({report.not_funded} არ ფინანსდება), "
        f"არასწორია {len(report.invalid)}; თანხა {amount:,.2f} ლარი, ასანაზღაურებელი {payable:,.2f} ლარი"
    )
    table = Table(
        "settlements",
        "Voucher-months (Annex 2.12)",
        SETTLE_COLUMNS,
        rows,
        totals={"amount": amount, "deduction": subtract(amount, payable), "payable": payable},
        highlight=highlight,
        notes=tuple(f"row {r.row}: {r.error}" for r in report.invalid),
        title_ka="ვაუჩერის თვეები (დანართი №2.12)",
    )
    return Document("voucherlib settle", (table,), lang=lang, summary=(summary_ka if lang == "ka" else summary,))


FACILITY_COLUMNS = (
    Column("facility_id", "facility", "ობიექტი"),
    Column("month", "month", "თვე"),
    Column("city", "city", "ქალაქი"),
    Column("service", "service", "მომსახურება"),
    Column("limit", "limit", "ლიმიტი", "int"),
    Column("cap", "cap", "ზღვარი", "int"),
    Column("served", "served", "მომსახურებული", "int"),
    Column("paid", "paid", "ანაზღაურებადი", "int"),
    Column("unfilled_paid", "unfilled paid", "შეუვსებელი", "int"),
    Column("compensation", "compensation", "კომპენსაცია", "money"),
    Column("withheld", "withheld over cap", "ზღვარს ზემოთ დაკავებული", "money", show=False),
    Column("for_children", "for children", "ბენეფიციარებზე", "money"),
    Column("total", "total", "სულ", "money"),
    Column("rows", "rows", "სტრიქონები", show=False),
    Column("error", "error", "შეცდომა", show=False),
)


def facility_document(report: FacilityReport, lang: str = "en") -> Document:
    """One row per facility-month of Annex 2.8, the totals, each invalid month's reason.

    ``compensation`` is the unfilled-place compensation *paid* under the reading of D20 chosen
    (less what the R4 cap withholds with ``compensation_within_cap``, shown in ``withheld``), so
    that ``compensation + for_children = total`` on every row and in the totals row.
    """
    rows: list[dict[str, Any]] = []
    for r in report.results:
        fm = r.result
        row: dict[str, Any] = {
            "facility_id": r.facility_id,
            "month": r.month,
            "rows": _rows_text(r.rows),
            "error": r.error,
        }
        if fm is not None:
            row.update(
                month=str(fm.month),
                city=fm.city,
                service=fm.service,
                limit=fm.limit,
                cap=fm.days[0].cap if fm.days else None,
                served=fm.served_beneficiary_days,
                paid=fm.paid_beneficiary_days,
                unfilled_paid=fm.compensation.place_days,
                compensation=fm.compensation_paid,
                withheld=fm.compensation_over_cap,
                for_children=fm.beneficiary_amount if fm.daily_rate is not None else None,
                total=fm.total if fm.daily_rate is not None else None,
            )
        rows.append(row)
    months = [r.result for r in report.results if r.result is not None]
    totals: dict[str, Any] = {
        key: sum((row[key] for row in rows if key in row), 0) for key in ("served", "paid", "unfilled_paid")
    }
    compensation = total(fm.compensation_paid for fm in months)
    totals.update(compensation=compensation, withheld=total(fm.compensation_over_cap for fm in months))
    priced = all(fm.daily_rate is not None for fm in months)
    if priced:  # with a month that has no daily rate, the amount for children (and the total) is not known
        totals.update(
            for_children=total(fm.beneficiary_amount for fm in months), total=total(fm.total for fm in months)
        )
    table = Table(
        "facility_months",
        "Facility-months (Annex 2.8)",
        FACILITY_COLUMNS,
        rows,
        totals=totals,
        highlight=["error" if r.result is None else None for r in report.results],
        notes=tuple(f"{r.facility_id} {r.month} (rows {_rows_text(r.rows)}): {r.error}" for r in report.invalid),
        title_ka="ობიექტის თვეები (დანართი №2.8)",
    )
    summary = (
        f"totals: {len(report.results)} facility-months from {report.row_count} rows, {len(report.invalid)} invalid; "
        f"unfilled-place compensation {compensation:,.2f} GEL"
        + (f", total {totals['total']:,.2f} GEL" if priced and months else "")
    )
    return Document("voucherlib facility", (table,), lang=lang, summary=(summary,))


def _rows_text(rows: tuple[int | str, ...]) -> str:
    return ", ".join(map(str, rows[:10])) + (", ..." if len(rows) > 10 else "")


AUDIT_COLUMNS = (
    Column("row", "row", "სტრ.", "int"),
    Column("beneficiary_id", "id", "კოდი"),
    Column("name", "name", "სახელი"),
    Column("month", "month", "თვე"),
    Column("claimed", "claimed", "მოთხოვნილი", "money"),
    Column("computed", "computed", "გამოთვლილი", "money"),
    Column("difference", "difference", "სხვაობა", "money"),
    Column("payable", "payable", "ასანაზღაურებელი", "money"),
    Column("verdict", "verdict", "დასკვნა"),
    Column("reason", "reason", "მიზეზი", show=False),
)
VERDICT_STYLE: Mapping[str, str | None] = {
    "matches": None,
    "over-claimed": "over",
    "under-claimed": "under",
    "not funded (late)": "rejected",
    "invalid": "error",
}


def _audit_row(ln: AuditLine) -> dict[str, Any]:
    return {
        "row": ln.row,
        "beneficiary_id": ln.beneficiary_id,
        "name": ln.name,
        "month": ln.month,
        "claimed": ln.claimed,
        "computed": ln.computed,
        "difference": ln.difference,
        "payable": ln.payable,
        "verdict": ln.verdict,
        "reason": ln.reason,
    }


def audit_document(report: AuditReport, lang: str = "en", title: str = "voucherlib audit") -> Document:
    """Every invoice line with its verdict (highlighted when it needs attention) and the totals."""
    counts = ", ".join(f"{n} {v}" for v, n in report.counts().items())
    summary = (
        f"{len(report.lines)} lines ({counts})",
        f"claimed {report.total_claimed:,.2f} GEL, computed {report.total_computed:,.2f} GEL, "
        f"payable {report.total_payable:,.2f} GEL, difference {report.total_difference:,.2f} GEL",
    )
    table = Table(
        "audit",
        "Invoice audit",
        AUDIT_COLUMNS,
        [_audit_row(ln) for ln in report.lines],
        totals={
            "claimed": report.total_claimed,
            "computed": report.total_computed,
            "difference": report.total_difference,
            "payable": report.total_payable,
        },
        highlight=[VERDICT_STYLE[ln.verdict] for ln in report.lines],
        notes=tuple(f"row {ln.row}: {ln.reason}" for ln in report.lines if ln.verdict == "invalid"),
        title_ka="ანგარიშ-ფაქტურის შემოწმება",
    )
    return Document(title, (table,), lang=lang, summary=summary)


LIMIT_OVERVIEW_COLUMNS = (
    Column("annex", "annex", "დანართი"),
    Column("title", "title", "დასახელება"),
    Column("units", "units", "ერთეული", "int"),
    Column("totals", "totals", "ჯამი"),
)
BUDGET_COLUMNS = (
    Column("annex", "annex", "დანართი"),
    Column("amount", "budget (GEL)", "ბიუჯეტი (ლარი)", "money"),
    Column("title", "title", "დასახელება"),
    Column("measures", "measures", "ღონისძიებები"),
)


def tables_document(lang: str = "en") -> Document:
    """The limit tables and the subprogram budgets at a glance."""
    overview = Table(
        "limit_tables",
        "Limit tables",
        LIMIT_OVERVIEW_COLUMNS,
        [
            {
                "annex": t.annex,
                "title": t.title,
                "units": len(t.rows),
                "totals": ", ".join(f"{c}: {n:,}" for c, n in t.totals.items()),
            }
            for t in limit_tables().values()
        ],
        title_ka="ლიმიტების ცხრილები",
    )
    items = list(budgets().values())
    budget_table = Table(
        "budgets",
        "Budgets (GEL)",
        BUDGET_COLUMNS,
        [
            {
                "annex": b.annex,
                "amount": b.amount,
                "title": b.title_ka if lang == "ka" else b.title,
                "measures": "; ".join(f"{m.measure}: {m.amount:,}" for m in b.measures),
            }
            for b in items
        ],
        notes=(str(items[0].citation.text(lang)),) if items else (),
        title_ka="ბიუჯეტები (ლარი)",
    )
    return Document("voucherlib tables", (overview, budget_table), lang=lang)


def limit_table_document(table: LimitTable, municipality: str | None = None, lang: str = "en") -> Document:
    """A limit table (or one municipality's row), each value under its own column."""
    rows = table.rows if municipality is None else (table.row(municipality),)
    columns = (
        Column("municipality", "municipality", "მუნიციპალიტეტი"),
        *(Column(c, c, kind="int") for c in table.columns),
        Column("ka", "in the decree", "დადგენილებაში"),
        Column("derived", "derived", "გამოთვლილია", show=False),
    )
    out = Table(
        f"annex_{table.annex}",
        f"Annex {table.annex}: {table.title} ({table.unit})",
        columns,
        [{"municipality": r.key, **r.values, "ka": r.ka, "derived": r.derived} for r in rows],
        totals=dict(table.totals) if municipality is None else None,
        notes=(
            *(f"{c}: {title}" for c, title in table.columns.items()),
            table.citation.text(lang),
            *(f"* {r.key}: {r.derived}" for r in rows if r.derived),
        ),
    )
    return Document("voucherlib tables", (out,), lang=lang)


CELL_COLUMNS = (
    Column("annex", "annex", "დანართი"),
    Column("municipality", "municipality", "მუნიციპალიტეტი"),
    Column("ka", "in the decree", "დადგენილებაში"),
    Column("column", "column", "სვეტი"),
    Column("value", "value", "მნიშვნელობა", "int"),
    Column("derived", "derived", "გამოთვლილია"),
)


def limit_cell_document(table: LimitTable, municipality: str, column: str, lang: str = "en") -> Document:
    """One cell of a limit table with its row, its column and the provision."""
    row = table.row(municipality)
    key = table.column_of(column)
    cell = Table(
        "cell",
        f"Annex {table.annex}: {table.title}",
        CELL_COLUMNS,
        [
            {
                "annex": table.annex,
                "municipality": row.key,
                "ka": row.ka,
                "column": f"{key}: {table.columns[key]}",
                "value": table.lookup(municipality, key),
                "derived": row.derived,
            }
        ],
        notes=(table.citation.text(lang),),
    )
    return Document("voucherlib tables", (cell,), lang=lang)


SUMMARY_COLUMNS = (
    Column("number", "No.", "№", "int"),
    Column("program", "program", "პროგრამა"),
    Column("beneficiaries", "beneficiaries", "ბენეფიციარი", "int"),
    Column("unit", "counted as", "ერთეული", show=False),
    Column("amount", "amount, GEL", "თანხა, ლარი", "money"),
)


def summary_document(summary: ProgramSummary, lang: str = "en") -> Document:
    """Per program, beneficiaries and amount, with the totals (a municipal report's shape)."""
    table = Table(
        "programs",
        summary.title,
        SUMMARY_COLUMNS,
        [
            {
                "number": ln.number,
                "program": (ln.title_ka or ln.title) if lang == "ka" else ln.title,
                "beneficiaries": ln.beneficiaries,
                "unit": ln.unit,
                "amount": ln.amount,
            }
            for ln in summary.lines
        ],
        totals={"beneficiaries": summary.total_beneficiaries, "amount": summary.total_amount},
        notes=(summary.source,) if summary.source else (),
        title_ka=summary.title_ka,
    )
    return Document("voucherlib summary", (table,), lang=lang)
