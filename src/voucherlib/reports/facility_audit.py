"""Auditing a facility invoice of Annex 2.8 (shelters and day centres), line by line.

A provider claims, per facility and month, an amount for the children served and an amount
for the unfilled places. ``audit_facility_invoice(occupancy, claims)`` recomputes both from the
daily occupancy (R3, R4: :func:`voucherlib.rules.facility_month`) and returns an
:class:`~voucherlib.reports.audit.AuditReport` with two lines per claim, ``children served`` and
``unfilled places``, each with the same verdicts as the youth-voucher audit (the late penalty
of Annex 2.12 does not apply here, so payable = computed). A claim whose facility-month has no
valid occupancy, and occupancy that no claim covers, come back as ``invalid`` lines: nothing
is dropped.

Claims columns: ``facility_id, month, claimed_children, claimed_unfilled`` (Georgian headers
accepted too). The amount for the children needs the per-beneficiary daily rate of Annex 2.8,
which Decree 467 does not give: pass ``daily_rate=``; without it the children lines are invalid
with that reason, and the unfilled-place lines are still audited.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from voucherlib.core.citation import Citation
from voucherlib.core.errors import InvalidInput, VoucherError
from voucherlib.core.money import gel
from voucherlib.core.month import Month
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.input.files import ROW_ERROR, csv_rows, header_names, read_text_file
from voucherlib.reports.audit import AuditLine, AuditReport, _claimed, _text, build_report, claim_verdict
from voucherlib.reports.facility_file import facility_file
from voucherlib.rules.unfilled_places import rate_key

__all__ = ["CLAIM_COLUMNS", "audit_facility_invoice"]

CLAIM_COLUMNS = ("facility_id", "month", "claimed_children", "claimed_unfilled")
_ALIASES = {
    "ობიექტი": "facility_id",
    "ობიექტის კოდი": "facility_id",
    "თვე": "month",
    "მოთხოვნილი თანხა ბენეფიციარებზე": "claimed_children",
    "მოთხოვნილი თანხა შეუვსებელ ადგილებზე": "claimed_unfilled",
}


def _claim_rows(claims: Any) -> Iterator[tuple[int | str, dict[str, Any]]]:
    if isinstance(claims, (str, Path)):
        return csv_rows(read_text_file(claims), CLAIM_COLUMNS, aliases=_ALIASES)
    if hasattr(claims, "columns") and hasattr(claims, "itertuples"):
        names = header_names([str(c) for c in claims.columns], CLAIM_COLUMNS, aliases=_ALIASES)
        return (
            (label, dict(zip(names, values, strict=True)))
            for label, values in zip(claims.index, claims.itertuples(index=False, name=None), strict=True)
        )
    raise InvalidInput("claims", claims, "a .csv path or a pandas DataFrame of claims")


def audit_facility_invoice(
    occupancy: str | Path,
    claims: Any,
    *,
    daily_rate: Decimal | int | str | None = None,
    rules: RuleSet | None = None,
    tolerance: Decimal | int | str = 0,
) -> AuditReport:
    """Audit the claims of Annex 2.8 facilities against their daily occupancy (R3, R4).

    Decree No. 467, Annex 2.8, Art. 6, para 4 "g". ``occupancy``: the daily-occupancy CSV of
    ``voucherlib facility``; ``claims``: a CSV path or DataFrame with one row per facility-month.
    """
    tol = gel(tolerance, field="tolerance")
    rate = gel(daily_rate, field="daily_rate") if daily_rate is not None else None
    months = facility_file(occupancy, daily_rate=rate, rules=rules)
    by_key = {(r.facility_id, r.month): r for r in months.results}
    used: set[tuple[str, str]] = set()
    lines: list[AuditLine] = []
    for row, cells in _claim_rows(claims):
        ident = _text(cells.get("facility_id")).strip()
        if ROW_ERROR in cells:
            lines.append(
                AuditLine(
                    row,
                    ident,
                    "claim",
                    "",
                    None,
                    None,
                    None,
                    None,
                    "invalid",
                    str(cells[ROW_ERROR]),
                    None,
                    None,
                    VoucherError(str(cells[ROW_ERROR])),
                    part="claim",
                )
            )
            continue
        try:
            month = str(Month.of(_text(cells.get("month")).strip(), field="month"))
        except VoucherError as exc:
            lines.append(
                AuditLine(
                    row,
                    ident,
                    "claim",
                    _text(cells.get("month")),
                    None,
                    None,
                    None,
                    None,
                    "invalid",
                    str(exc),
                    None,
                    None,
                    exc,
                    part="claim",
                )
            )
            continue
        found = by_key.get((ident, month))
        used.add((ident, month))
        for part, column in (("children served", "claimed_children"), ("unfilled places", "claimed_unfilled")):
            claimed: Decimal | None = None
            try:
                claimed = _claimed(cells.get(column))
                if found is None:
                    raise InvalidInput(
                        "facility_id", ident, f"a facility with daily occupancy for {month} in the occupancy file"
                    )
                if found.result is None:
                    raise InvalidInput("occupancy", f"{ident} {month}", f"valid daily occupancy ({found.error})")
                fm = found.result
                computed = fm.beneficiary_amount if part == "children served" else fm.compensation.amount
            except VoucherError as exc:
                lines.append(
                    AuditLine(
                        row, ident, part, month, claimed, None, None, None, "invalid", str(exc), None, None, exc, part
                    )
                )
                continue
            verdict, reason = claim_verdict(claimed, computed, tol)
            lines.append(
                AuditLine(
                    row,
                    ident,
                    part,
                    month,
                    claimed,
                    computed,
                    computed,
                    claimed - computed,
                    verdict,
                    reason,
                    None,
                    fm,
                    part=part,
                )
            )
    for r in months.results:
        if (r.facility_id, r.month) not in used:
            rows = ", ".join(map(str, r.rows[:5])) + (", ..." if len(r.rows) > 5 else "")
            why = r.error or "no claim covers this facility-month"
            lines.append(
                AuditLine(
                    f"occupancy rows {rows}", r.facility_id, "occupancy", r.month, None, None, None, None, "invalid",
                    why, None, None, InvalidInput("occupancy", f"{r.facility_id} {r.month}", why), part="occupancy",
                )
            )  # fmt: skip
    return build_report(lines, tol, _citation(resolve_rules(rules)), "facility_audit.title")


def _citation(rules: RuleSet) -> Citation | None:
    """Annex 2.8, Art. 6, para 4 "g": the provision of a facility line that could not be checked."""
    for program in rules.programs:
        try:
            return rules.value(rate_key("shelter"), program.covers_until).citation
        except VoucherError:
            continue
    return None
