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

from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from voucherlib.core.errors import (
    InvalidInput,
    Reason,
    RowError,
    VoucherError,
    expected,
    label_printed,
    without_frames,
    worded_as,
)
from voucherlib.core.money import DecimalSeparator, check_decimal_separator
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.input import cells
from voucherlib.input.files import is_header_again
from voucherlib.input.headers import FACILITY_COLUMN_NAMES, aliases
from voucherlib.input.table import Columns, Row, as_written, check_sheet, is_workbook, typed_table
from voucherlib.reports.audit import (
    FACILITY_PARTS,
    AuditLine,
    AuditReport,
    build_report,
    checked_line,
    nested_reason,
    tolerance_value,
)
from voucherlib.reports.facility_file import facility_rows, read_facility_rows
from voucherlib.reports.findings import provision_by_month
from voucherlib.rules.facility_month import (
    DailyRates,
    FacilityMonth,
    daily_rate_value,
    rate_left_out,
    rates_by_service,
    unpriceable,
)
from voucherlib.rules.unfilled_places import rate_key

__all__ = ["CLAIM_COLUMNS", "audit_facility_invoice"]

CLAIM_COLUMNS = ("facility_id", "month", "claimed_children", "claimed_unfilled")


def claim_columns(decimal_separator: DecimalSeparator | None = None, day_first: bool = False) -> Columns:
    """The columns of a claims table and how each cell is read (:mod:`voucherlib.input.cells`;
    ``day_first``: a month written as a date is written day first, D35), for one read, as :func:`~voucherlib.reports.settlement_file.voucher_columns`."""
    money = partial(cells.money, decimal_separator=decimal_separator)
    month = cells.month_reader(day_first, cells.DateKinds())  # (this read's kinds of date, D35)
    return Columns(
        CLAIM_COLUMNS,
        {"facility_id": cells.identifier, "month": month, "claimed_children": money, "claimed_unfilled": money},
        # an optional provider column, as an invoice's (its lines' provider, for the views by
        # provider); any other column is refused, naming it, as an invoice's (review 189 F1: a
        # provider column was dropped without a word)
        aliases=aliases([*CLAIM_COLUMNS, "provider"], FACILITY_COLUMN_NAMES),
        refuse_unknown=True,
    )


def audit_facility_invoice(
    occupancy: Any,
    claims: Any,
    *,
    daily_rate: DailyRates = None,
    rules: RuleSet | None = None,
    tolerance: Decimal | int | str = 0,
    decimal_separator: DecimalSeparator | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    compensation_within_cap: bool = False,
    day_first: bool = False,
    claims_sheet: str | None = None,
) -> AuditReport:
    """Audit the claims of Annex 2.8 facilities against their daily occupancy (R3, R4).

    Annex 2.8, Art. 6, para 4(g) (as worded by Decree No. 467, Art. 1, para 2(t.a.b)).
    ``occupancy``: the daily-occupancy table of ``voucherlib facility``; ``claims``: a CSV or
    XLSX path or a DataFrame with one row per facility-month. ``decimal_separator``,
    ``delimiter``, ``sheet`` and ``day_first`` as for :func:`~voucherlib.reports.audit.audit_invoice`
    (``delimiter`` applies to both tables, ``day_first`` to the occupancy's dates and to a claim's
    month written as a date, ``01.04.2022``); ``sheet`` names the occupancy workbook's sheet (the
    claims' where the occupancy is no workbook), ``claims_sheet`` the claims workbook's (two
    workbooks of other sheets, or one workbook holding both tables: review 192 F1, one sheet named
    both). ``compensation_within_cap=True``
    computes each month under the other reading of D20 (the unfilled-place compensation kept
    within the R4 cap; see :func:`~voucherlib.facility_month`). ``daily_rate``: the
    per-beneficiary daily rate (D13), one for every service or one for each,
    ``{"shelter": "25", "day_centre": "15"}`` (a service left out, or given None, is priced as
    without a rate); one that prices shelters and day centres alike is taken as given.
    """
    separator = check_decimal_separator(decimal_separator)
    # the caller's own figures, not the file's: read without its separator (review 49: "2.125"
    # GEL a day was read as 2,125 under ",", and a tolerance of "1.000" as 1,000 GEL)
    tol = tolerance_value(tolerance)
    rate = rates_by_service(daily_rate)  # (one rate, or one for each service)
    if rate is not None and not isinstance(rate, dict):
        rate = daily_rate_value(rate, separator_advice=False)
    # the occupancy's sheet, or the claims' where the occupancy is no workbook; the claims' own: a
    # CSV has none, and a sheet named for no workbook is refused (review 185 F5)
    if claims_sheet is None:
        claims_sheet = sheet if is_workbook(claims) and not is_workbook(occupancy) else None
        if sheet is not None and not (is_workbook(occupancy) or is_workbook(claims)):
            check_sheet(None, sheet)
    else:
        with worded_as("sheet", "claims_sheet"):
            check_sheet(None if not is_workbook(claims) else Path(str(claims)), claims_sheet)
        if sheet is not None and not is_workbook(occupancy):
            check_sheet(None, sheet)
    months = facility_rows(
        read_facility_rows(  # (a frame's index named as the argument: occupancy.index, review 283 F6)
            occupancy,
            delimiter=delimiter,
            sheet=sheet if is_workbook(occupancy) else None,
            day_first=day_first,
            what="occupancy",
        ),
        daily_rate=rate,
        rules=rules,
        compensation_within_cap=compensation_within_cap,
    )
    columns = claim_columns(separator, day_first)
    by_key = {(r.facility_id, r.month): r for r in months.results}
    used: set[tuple[str, str]] = set()
    lines: list[AuditLine] = []
    for claim in _claims(claims, columns, delimiter, claims_sheet):
        if claim.header_again:  # D49: one line naming no facility (review 213 F6: two, each "facility_id")
            again = RowError(claim.error or "")
            lines.append(
                AuditLine(
                    claim.where, "", FACILITY_PARTS[0], "", None, None, None, None, "invalid", str(again), None,
                    None, again, FACILITY_PARTS[0],
                )
            )  # fmt: skip
            continue
        row, ident = claim.where, cells.same_id(claim.text("facility_id"))
        unread: VoucherError | None = None  # why the row names no facility-month (each part says it)
        if "month" not in claim.values or "facility_id" in claim.errors:
            why = claim.error or Reason.phrase("reason.not_given", field="month")
            # the id's error first (the readers' order); a row refused whole has its reason alone
            unread = claim.errors.get("facility_id") or claim.errors.get("month") or RowError(why)
            month = claim.text("month")
        else:
            month = str(claim.values["month"])
            used.add((ident, month))
        found, provider = by_key.get((ident, month)), claim.text("provider")
        for part, column in zip(FACILITY_PARTS, ("claimed_children", "claimed_unfilled"), strict=True):
            claimed: Decimal | None = claim.values.get(column)
            fm: FacilityMonth | None = None
            try:
                if unread is not None:  # its claims are still counted among those not checked (review 49)
                    raise unread
                if column in claim.errors:
                    raise claim.errors[column]
                if claimed is not None and claimed.is_signed():  # -0,00 too (review 26)
                    raise InvalidInput(column, as_written(claim.raw.get(column), claimed), expected("not_negative"))
                assert claimed is not None
                if found is None:
                    raise InvalidInput("facility_id", ident, expected("facility_month", month=month))
                if found.result is None:
                    rate_error = getattr(found.error, "error", None)
                    if (
                        isinstance(rate_error, InvalidInput) and rate_error.field == "daily_rate"
                    ):  # the rate, not the days
                        raise rate_error  # (review 184 F4: "expected valid daily occupancy" for a rate left out)
                    raise InvalidInput(
                        "occupancy", f"{ident} {month}", expected("occupancy_valid", reason=nested_reason(found.error))
                    )
                fm = found.result
                if part == FACILITY_PARTS[0] and (problem := unpriceable(fm)) is not None:
                    raise problem  # (the rule set's rate changes within the month: the children's line alone)
                if part == FACILITY_PARTS[0] and fm.daily_rate is None and isinstance(rate, dict):
                    raise rate_left_out(rate, fm.service)  # (a rate for each service but this one's)
                computed = fm.beneficiary_amount if part == FACILITY_PARTS[0] else fm.compensation_paid
            except VoucherError as exc:  # kept with the line: without the frames, which hold every line
                error = without_frames(exc)
                if claimed is not None and claimed.is_signed():  # refused: no claim (as the voucher audit's)
                    claimed = None
                # the children's line not checked keeps its month: its days above the limit are known
                # without a rate or a readable claim (D48's warning; review 229 F2: none without
                # --daily-rate; review 253 F2: none beside a claim refused)
                if fm is None and unread is None and found is not None and found.result is not None:
                    fm = found.result  # (not a row refused whole: it names no facility-month, 254 F3)
                lines.append(
                    AuditLine(
                        row,
                        ident,
                        part,
                        month,
                        claimed,
                        None,
                        None,
                        None,
                        "invalid",
                        str(error),
                        None,
                        fm if part == FACILITY_PARTS[0] else None,
                        error,
                        part,
                        provider=provider,
                    )
                )
                continue
            lines.append(
                checked_line(row, ident, part, claimed, computed, tol, detail=fm, part=part, provider=provider)
            )
    for r in months.results:
        if (r.facility_id, r.month) not in used:
            rows = ", ".join(map(label_printed, r.rows[:5])) + (", ..." if len(r.rows) > 5 else "")
            why = r.error or Reason.phrase("reason.no_claim")
            if len(r.rows) == 1 and isinstance(why, Reason) and why.key == "reason.at_row":
                why = why.fields["reason"]  # (its one row is the line's label: said once, review 172 F3)
            error = (
                RowError(why)
                if is_header_again(why)  # (D49: no facility-month's)
                else InvalidInput("occupancy", f"{r.facility_id} {r.month}", expected("reason", reason=why))
            )
            lines.append(
                AuditLine(
                    Reason.phrase("label.occupancy_rows", rows=rows), r.facility_id, "occupancy", r.month, None, None, None, None, "invalid",
                    why, None, None, error, part="occupancy",
                )
            )  # fmt: skip
    return build_report(
        lines,
        tol,
        provision_by_month(resolve_rules(rules), rate_key("shelter")),
        "facility_audit.title",
        months.one_rate,
    )


def _claims(claims: Any, columns: Columns, delimiter: str | None, sheet: str | None) -> list[Row]:
    """The rows of the claims table (one a facility-month: read whole), a refusal of its sheet
    naming ``claims_sheet`` (``--claims-sheet``), the argument that sets it (review 192 F1:
    ``--sheet`` was advised, which named the occupancy's too)."""
    with worded_as("sheet", "claims_sheet"):
        return list(typed_table(claims, columns, what="claims", delimiter=delimiter, sheet=sheet))
