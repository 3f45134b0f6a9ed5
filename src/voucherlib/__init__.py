"""voucherlib: Georgia's social-service reimbursement rules as exact, explainable code.

The 2021 State Program of Social Rehabilitation and Child Care (Government of Georgia
Decree No. 825 of 31 Dec 2020) as amended by Decree No. 467 of 15 Sep 2021. Every amount is
an exact Decimal in GEL, every value comes from a rule set with its effective date and its
citation, and every result can ``explain()`` itself.

>>> import voucherlib
>>> vm = voucherlib.voucher_month("2021-10", disability=False)
>>> voucherlib.settle(vm, submitted_on="2021-11-09").payable   # 620.00 less 2 x 10%
Decimal('496.00')
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names for type checkers; at run time each is imported on first use
    from voucherlib.cli import example_path
    from voucherlib.core.citation import Act, Amendment, Citation, bundled_act
    from voucherlib.core.errors import (
        FileRefused,
        InvalidInput,
        MissingExtra,
        Reason,
        RuleNotInForce,
        RuleSetError,
        VoucherError,
    )
    from voucherlib.core.money import gel, gel_from_tetri, round_to_tetri, to_tetri
    from voucherlib.core.month import Month
    from voucherlib.core.ruleset import Parameter, Program, RuleSet, RuleValue, Unit
    from voucherlib.core.working_calendar import DeclaredDayOff, DeclaringAct, WorkingCalendar, declared_days_off
    from voucherlib.reports.audit import AuditLine, AuditReport, InvoiceLine, audit_invoice
    from voucherlib.reports.cases import Case, CaseFileError, CaseReport, CaseResult, check_cases, load_cases
    from voucherlib.reports.facility_audit import audit_facility_invoice
    from voucherlib.reports.facility_file import FacilityReport, FacilityResult, facility_file
    from voucherlib.reports.findings import Finding
    from voucherlib.reports.program_summary import ProgramSummary, SummaryLine, municipal_report_example, summary_line
    from voucherlib.reports.settlement_file import SettledRow, SettlementReport, settle_file
    from voucherlib.rules.budgets import Budget, BudgetUse, budget, budget_in_use, budgets
    from voucherlib.rules.early_development import TargetGroupCheck, in_early_development_target_group
    from voucherlib.rules.facility_month import FacilityDay, FacilityMonth, facility_month
    from voucherlib.rules.limit_tables import (
        LimitRow,
        LimitTable,
        LimitUse,
        LimitUseRow,
        limit_table,
        limit_tables,
        limits_in_use,
    )
    from voucherlib.rules.paid_beneficiary_caps import paid_beneficiary_cap
    from voucherlib.rules.service_standards import HousingCheck, check_housing_units, required_workers
    from voucherlib.rules.submission import Settlement, late_working_days, payment_due_date, settle, submission_deadline
    from voucherlib.rules.unfilled_places import PlaceCompensation, PlaceDay, unfilled_place_compensation
    from voucherlib.rules.youth_voucher import RateDays, StatusPeriod, VoucherMonth, voucher_month

__version__ = "0.1.0"

_PUBLIC: dict[str, str] = {
    "Act": "voucherlib.core.citation",
    "Amendment": "voucherlib.core.citation",
    "Citation": "voucherlib.core.citation",
    "bundled_act": "voucherlib.core.citation",
    "FileRefused": "voucherlib.core.errors",
    "InvalidInput": "voucherlib.core.errors",
    "MissingExtra": "voucherlib.core.errors",
    "Reason": "voucherlib.core.errors",
    "RuleNotInForce": "voucherlib.core.errors",
    "RuleSetError": "voucherlib.core.errors",
    "VoucherError": "voucherlib.core.errors",
    "gel": "voucherlib.core.money",
    "gel_from_tetri": "voucherlib.core.money",
    "round_to_tetri": "voucherlib.core.money",
    "to_tetri": "voucherlib.core.money",
    "Month": "voucherlib.core.month",
    "Parameter": "voucherlib.core.ruleset",
    "Program": "voucherlib.core.ruleset",
    "RuleSet": "voucherlib.core.ruleset",
    "RuleValue": "voucherlib.core.ruleset",
    "Unit": "voucherlib.core.ruleset",
    "DeclaredDayOff": "voucherlib.core.working_calendar",
    "DeclaringAct": "voucherlib.core.working_calendar",
    "WorkingCalendar": "voucherlib.core.working_calendar",
    "declared_days_off": "voucherlib.core.working_calendar",
    "AuditLine": "voucherlib.reports.audit",
    "AuditReport": "voucherlib.reports.audit",
    "InvoiceLine": "voucherlib.reports.audit",
    "audit_invoice": "voucherlib.reports.audit",
    "audit_facility_invoice": "voucherlib.reports.facility_audit",
    "facility_file": "voucherlib.reports.facility_file",
    "FacilityReport": "voucherlib.reports.facility_file",
    "FacilityResult": "voucherlib.reports.facility_file",
    "Finding": "voucherlib.reports.findings",
    "settle_file": "voucherlib.reports.settlement_file",
    "SettledRow": "voucherlib.reports.settlement_file",
    "SettlementReport": "voucherlib.reports.settlement_file",
    "example_path": "voucherlib.cli",
    "LimitUseRow": "voucherlib.rules.limit_tables",
    "Case": "voucherlib.reports.cases",
    "CaseFileError": "voucherlib.reports.cases",
    "CaseReport": "voucherlib.reports.cases",
    "CaseResult": "voucherlib.reports.cases",
    "check_cases": "voucherlib.reports.cases",
    "load_cases": "voucherlib.reports.cases",
    "ProgramSummary": "voucherlib.reports.program_summary",
    "SummaryLine": "voucherlib.reports.program_summary",
    "municipal_report_example": "voucherlib.reports.program_summary",
    "summary_line": "voucherlib.reports.program_summary",
    "Budget": "voucherlib.rules.budgets",
    "BudgetUse": "voucherlib.rules.budgets",
    "budget": "voucherlib.rules.budgets",
    "budget_in_use": "voucherlib.rules.budgets",
    "budgets": "voucherlib.rules.budgets",
    "TargetGroupCheck": "voucherlib.rules.early_development",
    "in_early_development_target_group": "voucherlib.rules.early_development",
    "FacilityDay": "voucherlib.rules.facility_month",
    "FacilityMonth": "voucherlib.rules.facility_month",
    "facility_month": "voucherlib.rules.facility_month",
    "LimitRow": "voucherlib.rules.limit_tables",
    "LimitTable": "voucherlib.rules.limit_tables",
    "LimitUse": "voucherlib.rules.limit_tables",
    "limit_table": "voucherlib.rules.limit_tables",
    "limit_tables": "voucherlib.rules.limit_tables",
    "limits_in_use": "voucherlib.rules.limit_tables",
    "paid_beneficiary_cap": "voucherlib.rules.paid_beneficiary_caps",
    "HousingCheck": "voucherlib.rules.service_standards",
    "check_housing_units": "voucherlib.rules.service_standards",
    "required_workers": "voucherlib.rules.service_standards",
    "Settlement": "voucherlib.rules.submission",
    "late_working_days": "voucherlib.rules.submission",
    "payment_due_date": "voucherlib.rules.submission",
    "settle": "voucherlib.rules.submission",
    "submission_deadline": "voucherlib.rules.submission",
    "PlaceCompensation": "voucherlib.rules.unfilled_places",
    "PlaceDay": "voucherlib.rules.unfilled_places",
    "unfilled_place_compensation": "voucherlib.rules.unfilled_places",
    "RateDays": "voucherlib.rules.youth_voucher",
    "StatusPeriod": "voucherlib.rules.youth_voucher",
    "VoucherMonth": "voucherlib.rules.youth_voucher",
    "voucher_month": "voucherlib.rules.youth_voucher",
}
"""Each public name and the module that defines it: ``import voucherlib`` imports none of them
(so that the command line's ``--help`` and a program that needs one rule start fast); the first
use of a name imports its module (PEP 562)."""


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'voucherlib' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # asked once: later uses find it directly
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})


__all__ = [
    "Act",
    "Amendment",
    "AuditLine",
    "AuditReport",
    "Budget",
    "BudgetUse",
    "Case",
    "CaseFileError",
    "CaseReport",
    "CaseResult",
    "Citation",
    "DeclaredDayOff",
    "DeclaringAct",
    "FacilityDay",
    "FacilityMonth",
    "FacilityReport",
    "FacilityResult",
    "FileRefused",
    "Finding",
    "HousingCheck",
    "InvalidInput",
    "InvoiceLine",
    "LimitRow",
    "LimitTable",
    "LimitUse",
    "LimitUseRow",
    "MissingExtra",
    "Month",
    "Parameter",
    "PlaceCompensation",
    "PlaceDay",
    "Program",
    "ProgramSummary",
    "RateDays",
    "Reason",
    "RuleNotInForce",
    "RuleSet",
    "RuleSetError",
    "RuleValue",
    "SettledRow",
    "Settlement",
    "SettlementReport",
    "StatusPeriod",
    "SummaryLine",
    "TargetGroupCheck",
    "Unit",
    "VoucherError",
    "VoucherMonth",
    "WorkingCalendar",
    "__version__",
    "audit_facility_invoice",
    "audit_invoice",
    "budget",
    "budget_in_use",
    "budgets",
    "bundled_act",
    "check_cases",
    "check_housing_units",
    "declared_days_off",
    "example_path",
    "facility_file",
    "facility_month",
    "gel",
    "gel_from_tetri",
    "in_early_development_target_group",
    "late_working_days",
    "limit_table",
    "limit_tables",
    "limits_in_use",
    "load_cases",
    "municipal_report_example",
    "paid_beneficiary_cap",
    "payment_due_date",
    "required_workers",
    "round_to_tetri",
    "settle",
    "settle_file",
    "submission_deadline",
    "summary_line",
    "to_tetri",
    "unfilled_place_compensation",
    "voucher_month",
]
