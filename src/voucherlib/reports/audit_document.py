"""The audit as a :class:`~voucherlib.output.Document`: what the workbook, the HTML report, the
JSON and the text show, built once and rendered by :mod:`voucherlib.output.render`.

* **Summary**: the totals over the checked lines (claimed - computed = difference; computed -
  deducted = payable), what the lines not checked claim, the lines by verdict, the findings;
* **Findings**: one row per finding, with its severity, lines, amount, provision and decision;
* **Lines**: every line with its verdict, its reason and its explanation; a line that some
  finding concerns is highlighted (by the most severe one);
* **Charts**: claimed against payable by month and by provider (facility), deductions by cause.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from voucherlib.core.money import add
from voucherlib.core.phrases import say
from voucherlib.output.charts import BarChart
from voucherlib.output.table import Column, Document, Table

if TYPE_CHECKING:
    from voucherlib.reports.audit import AuditLine, AuditReport

__all__ = ["audit_charts", "audit_document"]

ZERO = Decimal("0.00")
_LINE_KINDS = {"claimed": "money", "computed": "money", "difference": "money", "deducted": "money", "payable": "money"}
_FINDING_STYLE = {"not-checked": "error", "not-funded": "rejected", "late-deduction": "notice", "claim-below": "under"}
_RANK = {"error": 0, "rejected": 1, "over": 2, "notice": 3, "under": 4}


def _column(key: str, kind: str = "text") -> Column:
    return Column(key, say("en", f"column.{key}"), say("ka", f"column.{key}"), kind)  # type: ignore[arg-type]


def _styles(report: AuditReport) -> list[str | None]:
    """Each line's highlight: the most severe finding that concerns it."""
    best: dict[Any, str] = {}
    for f in report.findings:
        style = _FINDING_STYLE.get(f.code, "over")
        for row in f.rows:
            if row not in best or _RANK[style] < _RANK[best[row]]:
                best[row] = style
    return [best.get(ln.row) for ln in report.lines]


def _lines_table(report: AuditReport, lang: str, explain: bool) -> Table:
    keys = ["row", "provider", "beneficiary_id", "name", "month", "claimed", "computed", "difference", "deducted",
            "payable", "verdict", "reason"]  # fmt: skip
    if not any(ln.provider for ln in report.lines):
        keys.remove("provider")
    if explain:
        keys.append("explanation")
    columns = tuple(_column(k, _LINE_KINDS.get(k, "text")) for k in keys)
    rows = []
    index = report.findings.by_row()
    for ln in report.lines:
        rec = ln.record(lang)
        rec["row"] = str(ln.row)
        rec["provider"] = ln.provider
        if explain:
            rec["explanation"] = report.explanation(ln, lang, index)
        rows.append(rec)
    totals: dict[str, Any] = {k: v for k, v in report.totals().items() if k in _LINE_KINDS}
    totals["row"] = say(lang, "summary.total_checked")
    return Table(
        "lines", say("en", "summary.lines_sheet"), columns, rows, totals=totals, highlight=_styles(report),
        title_ka=say("ka", "summary.lines_sheet"), sheet=say("en", "summary.lines_sheet"),
        sheet_ka=say("ka", "summary.lines_sheet"),
    )  # fmt: skip


def _findings_table(report: AuditReport, lang: str) -> Table:
    keys = ("severity", "code", "rows", "beneficiary_id", "month", "amount", "text", "provision", "decision")
    columns = tuple(_column(k, "money" if k == "amount" else "text") for k in keys)
    rows = []
    for f in report.findings:
        rec = f.record(lang)
        rec["severity"] = say(lang, f"severity.{f.severity}")
        rows.append(rec)
    styles = [_FINDING_STYLE.get(f.code, "over") for f in report.findings]
    return Table(
        "findings", say("en", "summary.findings"), columns, rows, highlight=styles,
        notes=() if rows else (say(lang, "summary.none"),), title_ka=say("ka", "summary.findings"),
        sheet=say("en", "summary.findings"), sheet_ka=say("ka", "summary.findings"),
    )  # fmt: skip


def _summary_table(report: AuditReport, lang: str) -> Table:
    columns = (_column("item"), _column("amount", "money"), Column("count", "lines", "სტრიქონები", "int"))
    rows: list[dict[str, Any]] = []
    for label, value in report.summary(lang):
        if isinstance(value, Decimal):
            rows.append({"item": label, "amount": value})
        else:
            rows.append({"item": label, "count": value})
    return Table(
        "summary", say("en", "summary.title"), columns, rows, title_ka=say("ka", "summary.title"),
        sheet=say("en", "summary.title"), sheet_ka=say("ka", "summary.title"),
    )  # fmt: skip


def _by(lines: list[AuditLine], key: Any) -> tuple[tuple[str, ...], tuple[Decimal, ...], tuple[Decimal, ...]]:
    claimed: dict[str, Decimal] = defaultdict(lambda: ZERO)
    payable: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for ln in lines:
        claimed[key(ln)] = add(claimed[key(ln)], ln.claimed or ZERO)
        payable[key(ln)] = add(payable[key(ln)], ln.payable or ZERO)
    cats = tuple(sorted(claimed))
    return cats, tuple(claimed[c] for c in cats), tuple(payable[c] for c in cats)


def audit_charts(report: AuditReport, lang: str = "en") -> list[BarChart]:
    """Claimed against payable by month and by provider (or facility), and deductions by cause,
    over the checked lines (the lines not checked are a cause of their own)."""
    checked = list(report.checked)
    series = (say(lang, "chart.claimed"), say(lang, "chart.payable"))
    unit = say(lang, "chart.amount")
    charts = []
    cats, claimed, payable = _by(checked, lambda ln: ln.month)
    charts.append(
        BarChart("by-month", say(lang, "chart.by_month"), cats, ((series[0], claimed), (series[1], payable)), unit)
    )
    facility = report.title == "facility_audit.title"
    cats, claimed, payable = _by(
        checked, (lambda ln: ln.beneficiary_id) if facility else (lambda ln: ln.provider or say(lang, "provider.all"))
    )
    title = say(lang, "chart.by_facility" if facility else "chart.by_provider")
    charts.append(BarChart("by-provider", title, cats, ((series[0], claimed), (series[1], payable)), unit))
    late = sum((ln.deducted or ZERO for ln in checked if ln.settlement is not None and ln.settlement.funded), ZERO)
    withheld = sum(
        (ln.deducted or ZERO for ln in checked if ln.settlement is not None and not ln.settlement.funded), ZERO
    )
    over = sum((ln.difference for ln in checked if ln.difference is not None and ln.difference > 0), ZERO)
    causes = [("cause.over_claimed", over), ("cause.not_checked", report.unchecked_claimed)]
    if not facility:
        causes[:0] = [("cause.late", late), ("cause.not_funded", withheld)]
    charts.append(
        BarChart("deductions", say(lang, "chart.deductions"), tuple(say(lang, k) for k, _ in causes),
                 ((say(lang, "chart.amount"), tuple(v for _, v in causes)),), unit)
    )  # fmt: skip
    return charts


def audit_document(report: AuditReport, lang: str = "en", *, explain: bool = True, charts: bool = True) -> Document:
    """The report as one document: summary, findings, lines (with explanations), charts."""
    return Document(
        say("en", report.title),
        (_summary_table(report, lang), _findings_table(report, lang), _lines_table(report, lang, explain)),
        tuple(c.chart() for c in audit_charts(report, lang)) if charts else (),
        lang,
        title_ka=say("ka", report.title),
        summary=(report.summary_line(lang),),
    )
