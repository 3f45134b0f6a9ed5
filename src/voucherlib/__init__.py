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

from voucherlib.core.citation import Act, Amendment, Citation, bundled_act
from voucherlib.core.errors import InvalidInput, RuleNotInForce, RuleSetError, VoucherError
from voucherlib.core.money import gel, gel_from_tetri, round_to_tetri, to_tetri
from voucherlib.core.month import Month
from voucherlib.core.ruleset import Parameter, Program, RuleSet, RuleValue, Unit
from voucherlib.core.working_calendar import DeclaredDayOff, DeclaringAct, WorkingCalendar, declared_days_off
from voucherlib.reports.audit import AuditLine, AuditReport, audit_invoice
from voucherlib.reports.cases import Case, CaseFileError, CaseReport, CaseResult, check_cases, load_cases
from voucherlib.reports.program_summary import ProgramSummary, SummaryLine, municipal_report_example, summary_line
from voucherlib.rules.budgets import Budget, BudgetUse, budget, budget_in_use, budgets
from voucherlib.rules.early_development import TargetGroupCheck, in_early_development_target_group
from voucherlib.rules.facility_month import FacilityDay, FacilityMonth, facility_month
from voucherlib.rules.limit_tables import LimitRow, LimitTable, LimitUse, limit_table, limit_tables, limits_in_use
from voucherlib.rules.paid_beneficiary_caps import paid_beneficiary_cap
from voucherlib.rules.service_standards import HousingCheck, check_housing_units, required_workers
from voucherlib.rules.submission import Settlement, late_working_days, payment_due_date, settle, submission_deadline
from voucherlib.rules.unfilled_places import PlaceCompensation, PlaceDay, unfilled_place_compensation
from voucherlib.rules.youth_voucher import RateDays, StatusPeriod, VoucherMonth, voucher_month

__version__ = "0.1.0"


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
    "HousingCheck",
    "InvalidInput",
    "LimitRow",
    "LimitTable",
    "LimitUse",
    "Month",
    "Parameter",
    "PlaceCompensation",
    "PlaceDay",
    "Program",
    "ProgramSummary",
    "RateDays",
    "RuleNotInForce",
    "RuleSet",
    "RuleSetError",
    "RuleValue",
    "Settlement",
    "StatusPeriod",
    "SummaryLine",
    "TargetGroupCheck",
    "Unit",
    "VoucherError",
    "VoucherMonth",
    "WorkingCalendar",
    "__version__",
    "audit_invoice",
    "budget",
    "budget_in_use",
    "budgets",
    "bundled_act",
    "check_cases",
    "check_housing_units",
    "declared_days_off",
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
    "submission_deadline",
    "summary_line",
    "to_tetri",
    "unfilled_place_compensation",
    "voucher_month",
]
