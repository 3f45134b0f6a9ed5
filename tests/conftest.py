"""Shared test set-up: hypothesis profiles and the collector of worked-example files.

Worked examples live in ``tests/cases/*.toml``, one file per rule, one ``[[case]]`` per
example, each named by a sentence and carrying its hand calculation in ``how``. pytest
collects every case as a test, so an auditor or a lawyer can add one without writing Python.

Hypothesis profiles: ``ci`` (the default, bounded so that .ci/run stays fast), ``dev`` and
``long`` (``HYPOTHESIS_PROFILE=long pytest``, thousands of examples per property).
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import voucherlib as vl

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

DATA = Path(__file__).parent / "data"
DOCS_EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"


def ruleset_2022() -> vl.RuleSet:
    """The bundled 2021 program plus the fictitious 2022 program year of tests/data."""
    return vl.RuleSet.default().extend(DOCS_EXAMPLES / "program_2022.toml")


def ruleset_through_2026() -> vl.RuleSet:
    """The 2021 program plus the shipped example that carries its terms on to 2026."""
    from voucherlib.cli import example_path

    return vl.RuleSet.default().extend(example_path("continuation_2022_2026.toml"))


RULESETS = {"default": lambda: None, "with_2022": ruleset_2022, "through_2026": ruleset_through_2026}


# ---------------------------------------------------------------- worked-example files


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".toml" and file_path.parent.name == "cases":
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    def collect(self) -> Any:
        data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        for case in data["case"]:
            yield CaseItem.from_parent(self, name=case["name"], case=case)


class CaseItem(pytest.Item):
    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        case = self.case
        assert case.get("how"), f"case {case['name']!r} must show its hand calculation in 'how'"
        expect: dict[str, Any] = case["expect"]
        assert expect, "a case must expect something"
        got = run_case(case)
        for key, want in expect.items():
            have = got[key]
            if want is False and have is None:  # TOML has no null: false stands for "none"
                want = None
            if isinstance(have, Decimal):
                want = Decimal(str(want))
            assert have == want, f"{key}: expected {want!r}, computed {have!r}\n  how: {case['how']}"

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        return f"{self.name}\n{excinfo.getrepr(style='short')}"

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case: {self.name}"


def run_case(case: dict[str, Any]) -> dict[str, Any]:
    """Compute everything a case may expect, from the case's inputs."""
    rules = RULESETS[case.get("rules", "default")]()
    calendar = vl.WorkingCalendar(declared_days_off=case.get("calendar", "default") != "labour_code")
    kind = case.get("kind", "voucher")
    if kind == "unfilled_places":
        pc = vl.unfilled_place_compensation(
            case["month"], service=case["service"], limit=case["limit"], occupancy=case["occupancy"], rules=rules
        )
        return {"place_days": pc.place_days, "amount": pc.amount}
    if kind == "facility":
        fm = vl.facility_month(
            case["month"],
            city=case["city"],
            service=case["service"],
            limit=case["limit"],
            occupancy=case["occupancy"],
            daily_rate=case.get("daily_rate"),
            rules=rules,
        )
        got_f: dict[str, Any] = {
            "paid_beneficiary_days": fm.paid_beneficiary_days,
            "compensation": fm.compensation.amount,
            "cap": vl.paid_beneficiary_cap(case["city"], case["service"], month=case["month"], rules=rules),
        }
        if fm.daily_rate is not None:
            got_f.update(beneficiary_amount=fm.beneficiary_amount, total=fm.total)
        return got_f
    got: dict[str, Any] = {}
    month = case["month"]
    if kind != "deadline":
        disability = case.get("disability", False)
        if isinstance(disability, list):
            disability = [(p.get("start"), p.get("end")) for p in disability]
        vm = vl.voucher_month(
            month,
            enrolled_on=case.get("enrolled_on"),
            discharged_on=case.get("discharged_on"),
            disability=disability,
            count_discharge_day=case.get("count_discharge_day", True),
            rules=rules,
        )
        got.update(
            service_days=vm.service_days,
            amount=vm.amount,
            days_with_disability=vm.days_with_disability,
            days_without_disability=vm.days_without_disability,
        )
        if "submitted_on" in case:
            s = vl.settle(vm, submitted_on=case["submitted_on"], calendar=calendar)
            got.update(
                late_working_days=s.late_working_days,
                deduction=s.deduction,
                payable=s.payable,
                funded=s.funded,
            )
    got["deadline"] = vl.submission_deadline(month, calendar=calendar, rules=rules)
    got["payment_due"] = vl.payment_due_date(month, rules=rules)
    if "submitted_on" in case:
        got["late_working_days"] = vl.late_working_days(month, case["submitted_on"], calendar=calendar, rules=rules)
    return got


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
