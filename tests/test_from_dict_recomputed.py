"""from_dict never reads back a result that contradicts its own inputs (review 13 #2).

A billing system stores ``to_dict()`` and reads it back with ``from_dict``. Each reader checks
the ``"type"`` tag, recomputes the result from the stored inputs with the named rule set and
calendar, and refuses any stored figure that differs with an InvalidInput naming the key, the
stored value and the recomputed one: an edited payable, a ``funded`` flag that does not follow
from the late days, a voucher amount that is not the settlement's, a paid count over the cap.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.reports.audit import AuditLine
from voucherlib.reports.facility_audit import audit_facility_invoice
from voucherlib.rules.facility_month import FacilityMonth
from voucherlib.rules.unfilled_places import PlaceCompensation

EXAMPLES = Path(vl.__file__).parent / "examples"


def november() -> vl.Settlement:
    # Nov 2021, 30 days x 20 GEL = 600.00. Deadline: 5 Dec is a Sunday, so Mon 6 Dec (D6).
    # Submitted Thu 9 Dec: late Tue 7, Wed 8, Thu 9 = 3 working days; 600 x (100 - 3 x 10)% = 420.00.
    return vl.settle(vl.voucher_month("2021-11"), submitted_on="2021-12-09")


def refused(read: Any, data: Any, field: str, stored: Any, recomputed: str) -> vl.InvalidInput:
    with pytest.raises(vl.InvalidInput) as info:
        read(data)
    error = info.value
    assert error.field == field and error.value == stored
    assert recomputed in error.expected and "what the rules give for the stored inputs" in error.expected
    return error


def test_the_hand_worked_settlement_reads_back() -> None:
    s = november()
    assert (s.amount, s.late_working_days, s.payable) == (Decimal("600.00"), 3, Decimal("420.00"))
    assert vl.Settlement.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_a_payable_that_is_not_the_amount_less_the_deduction_is_refused() -> None:
    data = november().to_dict()
    data["payable"] = "999.00"
    refused(vl.Settlement.from_dict, data, "Settlement.payable", "999.00", "'420.00'")


def test_funded_false_with_three_late_days_is_refused() -> None:
    # 3 late working days <= 5: funded (D8), so a stored False contradicts the stored dates.
    data = november().to_dict()
    data["funded"] = False
    refused(vl.Settlement.from_dict, data, "Settlement.funded", False, "True")


def test_a_voucher_amount_other_than_the_days_times_the_rate_is_refused() -> None:
    data = november().to_dict()
    data["voucher"]["amount"] = "12345.00"  # 30 days x 20 GEL = 600.00
    refused(vl.Settlement.from_dict, data, "VoucherMonth.amount", "12345.00", "'600.00'")


def test_a_settlement_amount_other_than_its_vouchers_is_refused() -> None:
    data = november().to_dict()
    data["amount"] = "620.00"
    refused(vl.Settlement.from_dict, data, "Settlement.amount", "620.00", "'600.00'")


def test_the_same_amount_written_another_way_is_refused() -> None:
    # "420.0" is the same number, but not what to_dict() writes: the stored text must be exact.
    data = november().to_dict()
    data["payable"] = "420.0"
    refused(vl.Settlement.from_dict, data, "Settlement.payable", "420.0", "'420.00'")


def test_a_late_day_count_that_the_calendar_does_not_give_is_refused() -> None:
    data = november().to_dict()
    data["late_working_days"] = 2
    refused(vl.Settlement.from_dict, data, "Settlement.late_working_days", 2, "3")


def test_a_settlement_under_a_custom_calendar_reads_back_under_that_calendar_alone() -> None:
    """Review 105: calendars adding 7 Dec or 8 Dec 2021 as a day off give the same figures for a
    November document submitted 8 Dec, and another explanation; both were named ``custom``, so
    one read back under the other. November 2021: 30 x 20 = 600.00, due Monday 6 Dec (5 Dec is a
    Sunday); under either calendar one working day late (8 Dec, or 7 Dec): 600.00 x 90% = 540.00."""
    first = vl.WorkingCalendar(extra_non_working_days=[dt.date(2021, 12, 7)])
    other = vl.WorkingCalendar(extra_non_working_days=[dt.date(2021, 12, 8)])
    stored = json.loads(
        json.dumps(vl.settle(vl.voucher_month("2021-11"), submitted_on="2021-12-08", calendar=first).to_dict())
    )
    assert vl.settle(vl.voucher_month("2021-11"), submitted_on="2021-12-08", calendar=other).payable == Decimal(
        "540.00"
    )
    assert stored["calendar"] != other.name and stored["calendar"].startswith("custom@")
    assert vl.Settlement.from_dict(stored, calendar=first).payable == Decimal("540.00")
    with pytest.raises(vl.InvalidInput) as caught:
        vl.Settlement.from_dict(stored, calendar=other)
    assert (caught.value.field, caught.value.value) == ("calendar", other.name)
    assert "pass that calendar (calendar=...)" in str(caught.value)
    # data stored before the name held its digest says "custom": read under the custom calendar
    # given, its figures checked (review 107 F5: it could not be read back at all)
    older = {**stored, "calendar": "custom"}
    assert vl.Settlement.from_dict(older, calendar=first).payable == Decimal("540.00")
    with pytest.raises(vl.InvalidInput):
        vl.Settlement.from_dict(older)  # (a custom calendar must be given)
    # the same days given again make the same calendar, of the same name
    again = vl.WorkingCalendar(extra_non_working_days=["2021-12-07"])
    assert (
        vl.Settlement.from_dict(stored, calendar=again).explain()
        == vl.Settlement.from_dict(stored, calendar=first).explain()
    )


@pytest.mark.parametrize(
    ("read", "make", "other"),
    [
        (vl.VoucherMonth.from_dict, lambda: november().voucher, "Settlement"),
        (vl.Settlement.from_dict, november, "VoucherMonth"),
        (FacilityMonth.from_dict, lambda: shelter(), "PlaceCompensation"),
        (PlaceCompensation.from_dict, lambda: shelter().compensation, "FacilityMonth"),
        (AuditLine.from_dict, lambda: audit_lines()[0], "Settlement"),
    ],
)
def test_the_type_tag_is_checked(read: Any, make: Any, other: str) -> None:
    data = make().to_dict()
    kind = data["type"]
    data["type"] = other
    with pytest.raises(vl.InvalidInput) as info:
        read(data)
    assert info.value.field == f"{kind}.type" and info.value.value == other
    del data["type"]
    with pytest.raises(vl.InvalidInput, match="the key is missing"):
        read(data)


def test_a_settlement_is_not_read_as_a_voucher_month() -> None:
    with pytest.raises(vl.InvalidInput, match=r"VoucherMonth\.type: got 'Settlement'"):
        vl.VoucherMonth.from_dict(november().to_dict())


def test_the_disability_periods_are_stored_and_decide_the_days_by_rate() -> None:
    # Oct 2021 with status 5-9 Oct: 5 days x 30 + 26 days x 20 = 150 + 520 = 670.00.
    vm = vl.voucher_month("2021-10", disability=[("2021-10-05", "2021-10-09")])
    data = vm.to_dict()
    assert data["disability_periods"] == [{"start": "2021-10-05", "end": "2021-10-09"}]
    assert vm.amount == Decimal("670.00")
    assert vl.VoucherMonth.from_dict(data) == vm
    # A sixth status day stored with the old split: 6 x 30 + 25 x 20 = 680.00, so the split is refused.
    data["disability_periods"][0]["end"] = "2021-10-10"
    with pytest.raises(vl.InvalidInput, match=r"VoucherMonth\.days_by_rate\[0\]\.days: got 26"):
        vl.VoucherMonth.from_dict(data)


def shelter() -> FacilityMonth:
    # Tbilisi shelter, limit 20, 18 children each day of Oct 2021 (31 days), 30 GEL a child-day.
    # Cap 15 (R4): 15 x 31 = 465 paid child-days x 30 = 13,950.00. Unfilled 2 places (cap 10)
    # x 31 days x 10 GEL = 620.00 (R3).
    return vl.facility_month("2021-10", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="30")


def test_the_hand_worked_facility_month_reads_back() -> None:
    fm = shelter()
    assert (fm.paid_beneficiary_days, fm.beneficiary_amount, fm.compensation.amount) == (
        465,
        Decimal("13950.00"),
        Decimal("620.00"),
    )
    assert FacilityMonth.from_dict(json.loads(json.dumps(fm.to_dict()))) == fm
    assert fm.to_dict()["rules"] == "2021"


@pytest.mark.parametrize("key", ["total", "beneficiary_amount", "totl"])
def test_pydantics_readers_refuse_a_key_that_is_no_field(key: str) -> None:
    # Review 185 F2: FacilityMonth.model_validate and FacilityMonth(**data) took an edited total (a
    # figure worked out from the fields) or a misspelt key and dropped it without a word, where
    # from_dict refuses both
    fm = shelter()
    data = {**fm.model_dump(), key: "1.00"}
    for read in (FacilityMonth.model_validate, lambda d: FacilityMonth(**d)):
        with pytest.raises(vl.InvalidInput, match=rf"FacilityMonth\.{key}: got '1.00'.*no field is named so"):
            read(data)
    assert FacilityMonth.model_validate(fm.model_dump()) == fm  # (its own fields: read back, recomputed)


@pytest.mark.parametrize(
    ("path", "value", "field", "recomputed"),
    [
        (("days", 3, "paid"), 18, "FacilityMonth.days[3].paid", "15"),  # over the Tbilisi cap of 15
        (("days", 3, "cap"), None, "FacilityMonth.days[3].cap", "15"),
        (("paid_beneficiary_days",), 558, "FacilityMonth.paid_beneficiary_days", "465"),  # 18 x 31
        (("compensation", "amount"), "1.00", "FacilityMonth.compensation.amount", "'620.00'"),
        (("compensation", "days", 0, "compensated"), 3, "FacilityMonth.compensation.days[0].compensated", "2"),
        (("compensation_over_cap",), "5.00", "FacilityMonth.compensation_over_cap", "'0.00'"),
    ],
)
def test_a_facility_month_that_contradicts_itself_is_refused(
    path: tuple[Any, ...], value: Any, field: str, recomputed: str
) -> None:
    data = copy.deepcopy(shelter().to_dict())
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    refused(FacilityMonth.from_dict, data, field, value, recomputed)


def test_a_facility_month_records_what_it_pays_and_an_edited_rate_is_refused() -> None:
    # Review 57: the record held no amount of the children paid, so a rate edited from 30 to 31
    # was read back as another month paying 465 x 31 = 14,415.00. It holds the amounts now:
    # 465 x 30 = 13,950.00 for the children, + 620.00 compensation = 14,570.00 in all.
    data = shelter().to_dict()
    assert (data["beneficiary_amount"], data["total"]) == ("13950.00", "14570.00")
    data["daily_rate"] = "31"
    refused(FacilityMonth.from_dict, data, "FacilityMonth.beneficiary_amount", "13950.00", "'14415.00'")
    # a month without a rate records none (nothing is priced), and reads back
    unpriced = vl.facility_month("2021-10", city="tbilisi", service="shelter", limit=20, occupancy=18)
    record = unpriced.to_dict()
    assert (record["beneficiary_amount"], record["total"]) == (None, None)
    assert FacilityMonth.from_dict(record) == unpriced


def test_a_rate_said_to_come_from_the_rules_is_looked_up_there() -> None:
    # The 2021 rule set carries no per-beneficiary rate (D13): a stored rate of 30 GEL that
    # claims to come from the rules is not what the rules give (none).
    data = shelter().to_dict()
    data["daily_rate_source"] = "unknown"
    refused(FacilityMonth.from_dict, data, "FacilityMonth.daily_rate", "30", "None")


def test_a_facility_month_of_another_rule_set_is_refused() -> None:
    data = shelter().to_dict()
    data["rules"] = "2021+2022@0123456789ab"
    # the rule set given (the bundled one) is named, and the one to pass (review 105: the message
    # named the data's as what was got)
    with pytest.raises(
        vl.InvalidInput,
        match=r"FacilityMonth\.rules: got '2021' .*under, '2021\+2022@0123456789ab': pass that rule set",
    ):
        FacilityMonth.from_dict(data)


def test_a_place_compensation_that_contradicts_itself_is_refused() -> None:
    # Shelter, limit 10, 3 children each day of Sep 2021: 7 unfilled, cap 5 -> 5 x 30 days x 10 = 1,500.00.
    pc = vl.unfilled_place_compensation("2021-09", service="shelter", limit=10, occupancy=3)
    assert pc.amount == Decimal("1500.00")
    assert PlaceCompensation.from_dict(json.loads(json.dumps(pc.to_dict()))) == pc
    data = pc.to_dict()
    data["place_days"] = 210  # 7 x 30: the unfilled places without the 50% cap
    refused(PlaceCompensation.from_dict, data, "PlaceCompensation.place_days", 210, "150")


def audit_lines() -> tuple[AuditLine, ...]:
    return vl.audit_invoice(EXAMPLES / "invoice.csv").lines


def facility_lines() -> tuple[AuditLine, ...]:
    return audit_facility_invoice(
        EXAMPLES / "facility_occupancy.csv", EXAMPLES / "facility_claims.csv", daily_rate="25"
    ).lines


def test_every_audit_line_goes_through_json_and_back_equal() -> None:
    lines = audit_lines() + facility_lines()
    assert {ln.verdict for ln in lines} >= {"matches", "invalid", "not funded (late)"}
    for ln in lines:
        back = AuditLine.from_dict(json.loads(json.dumps(ln.to_dict())))
        assert back == ln
        assert back.reason_text("ka") == ln.reason_text("ka") and back.verdict_text("ka") == ln.verdict_text("ka")


def checked_line() -> dict[str, Any]:
    return next(ln for ln in audit_lines() if ln.verdict == "matches").to_dict()


@pytest.mark.parametrize(
    ("key", "value", "recomputed"),
    [
        ("verdict", "under-claimed", "'matches'"),
        ("difference", "3.00", "'0.00'"),
        ("computed", "1.00", None),
        ("payable", "1.00", None),
        ("reason", "looks fine", "''"),
    ],
)
def test_an_audit_line_that_contradicts_its_settlement_is_refused(key: str, value: str, recomputed: str | None) -> None:
    data = checked_line()
    want = data[key] if recomputed is None else recomputed.strip("'")
    data[key] = value
    refused(AuditLine.from_dict, data, f"AuditLine.{key}", value, repr(want))


def test_a_claim_changed_on_a_stored_line_changes_the_recomputed_verdict() -> None:
    data = checked_line()
    data["claimed"] = str(Decimal(data["claimed"]) + 10)  # 10 GEL more than computed: over-claimed
    refused(AuditLine.from_dict, data, "AuditLine.difference", data["difference"], "'10.00'")


SETTLEMENT_RESULTS = ("nominal_deadline", "deadline", "payment_due", "late_working_days", "funded", "amount",
                      "deduction", "payable")  # fmt: skip


@given(
    month=st.sampled_from(["2021-10", "2021-11", "2021-12"]),
    days_after=st.integers(0, 40),
    disability=st.booleans(),
    key=st.sampled_from(SETTLEMENT_RESULTS),
)
def test_any_stored_result_changed_is_refused(month: str, days_after: int, disability: bool, key: str) -> None:
    vm = vl.voucher_month(month, disability=disability)
    submitted = vm.month.next().first_day.toordinal() + days_after
    s = vl.settle(vm, submitted_on=dt.date.fromordinal(submitted))
    data = s.to_dict()
    assert vl.Settlement.from_dict(data) == s
    value = data[key]
    if isinstance(value, bool):
        changed: Any = not value
    elif isinstance(value, int):
        changed = value + 1
    elif key in ("nominal_deadline", "deadline", "payment_due"):
        changed = (dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat()
    else:
        changed = str(Decimal(value) + Decimal("0.01"))
    data[key] = changed
    with pytest.raises(vl.InvalidInput) as info:
        vl.Settlement.from_dict(data)
    assert info.value.field == f"Settlement.{key}" and info.value.value == changed


# ---------------------------------------------------------------- pydantic's own readers
# FacilityMonth and PlaceCompensation are pydantic models: a billing system may read a stored one
# with model_validate_json, or build one with FacilityMonth(**data). Review 43: those readers took
# any figure (a total of 255,575.00 for a month worth 11,850.00) and refused junk with pydantic's
# ValidationError. They recompute as from_dict does and refuse with an InvalidInput.


def _shelter() -> FacilityMonth:
    # Tbilisi shelter, Sep 2021, limit 20, 18 served each of 30 days, 25 GEL/day: the cap is 15
    # (Annex 2.8), so 15 x 30 = 450 paid days, 450 x 25 = 11,250.00; unfilled 20 - 18 = 2 places,
    # under 50% of 20, x 10 GEL x 30 days = 600.00; total 11,850.00.
    return vl.facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="25")


READERS = {
    "model_validate": lambda cls, data: cls.model_validate(data),
    "model_validate_json": lambda cls, data: cls.model_validate_json(json.dumps(data, default=str)),
    "init": lambda cls, data: cls(**data),
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_pydantics_readers_recompute_a_facility_month(reader: str) -> None:
    fm = _shelter()
    assert fm.total == Decimal("11850.00")
    again = READERS[reader](FacilityMonth, fm.model_dump())
    assert again == fm and again.total == Decimal("11850.00")
    edited = {**fm.model_dump(), "paid_beneficiary_days": 9999}
    with pytest.raises(vl.InvalidInput) as info:
        READERS[reader](FacilityMonth, edited)
    assert info.value.field == "FacilityMonth.paid_beneficiary_days" and info.value.value == 9999
    assert "450" in str(info.value)  # 15 x 30, as above


@pytest.mark.parametrize("reader", sorted(READERS))
def test_pydantics_readers_recompute_a_place_compensation(reader: str) -> None:
    pc = vl.unfilled_place_compensation("2021-09", service="shelter", limit=20, occupancy=18)
    assert pc.amount == Decimal("600.00")  # 2 unfilled x 10 GEL x 30 days
    assert READERS[reader](PlaceCompensation, pc.model_dump()) == pc
    # a compensation built without the runs of its shares is the computed one (they are recomputed)
    assert READERS[reader](PlaceCompensation, pc.model_dump(exclude={"share_runs"})) == pc
    with pytest.raises(vl.InvalidInput) as info:
        READERS[reader](PlaceCompensation, {**pc.model_dump(), "amount": Decimal("1000000")})
    assert info.value.field == "PlaceCompensation.amount"


@pytest.mark.parametrize("junk", [{}, {"month": "2021-13"}, "not a mapping", None])
@pytest.mark.parametrize("cls", [FacilityMonth, PlaceCompensation])
def test_junk_given_to_pydantics_readers_is_an_invalid_input(cls: type[Any], junk: Any) -> None:
    with pytest.raises(vl.InvalidInput):
        cls.model_validate(junk)
    with pytest.raises(vl.InvalidInput):
        cls.model_validate_json(json.dumps(junk))


def test_a_facility_month_of_another_rule_set_is_read_with_the_rule_set_in_the_context() -> None:
    rules = vl.RuleSet.default().extend(EXAMPLES / "continuation_2022_2026.toml")
    fm = vl.facility_month("2023-03", city="tbilisi", service="shelter", limit=20, occupancy=18, rules=rules)
    with pytest.raises(vl.InvalidInput) as info:
        FacilityMonth.model_validate(fm.model_dump())  # the bundled rule set has another name
    assert info.value.field.endswith(".rules") and info.value.value == "2021"  # (its compensation's, read first)
    assert f"under, {rules.name!r}" in str(info.value) and "context={'rules': ...}" in str(info.value)
    assert FacilityMonth.model_validate(fm.model_dump(), context={"rules": rules}) == fm


def test_a_result_put_into_a_callers_model_is_taken_as_it_is() -> None:
    # Review 44: a FacilityMonth the library returned, put into a caller's model or a TypeAdapter,
    # was recomputed (about 1.6 ms each), its fields swapped in place, and refused when its rule
    # set was not the bundled one.
    import pydantic

    rules = vl.RuleSet.default().extend(EXAMPLES / "continuation_2022_2026.toml")
    fm = vl.facility_month("2023-03", city="tbilisi", service="shelter", limit=20, occupancy=18, rules=rules)

    class Report(pydantic.BaseModel):
        months: list[FacilityMonth]

    fields = vars(fm)
    for made in (
        Report(months=[fm]).months[0],
        Report.model_validate({"months": [fm]}).months[0],
        pydantic.TypeAdapter(FacilityMonth).validate_python(fm),
    ):
        assert made is fm
    assert vars(fm) is fields


def test_a_callers_subclass_keeps_its_own_field_and_is_recomputed() -> None:
    class Tagged(FacilityMonth):
        facility_id: str

    fm = _shelter()
    tagged = Tagged(**fm.model_dump(), facility_id="F-1")
    assert tagged.facility_id == "F-1" and tagged.total == Decimal("11850.00") and type(tagged) is Tagged
    assert Tagged.model_validate({**fm.model_dump(), "facility_id": "F-2"}).facility_id == "F-2"
    with pytest.raises(vl.InvalidInput) as info:  # 450 paid days (15 x 30), as above
        Tagged(**{**fm.model_dump(), "paid_beneficiary_days": 9999}, facility_id="F-1")
    assert info.value.field == "FacilityMonth.paid_beneficiary_days"


# ---------------------------------------------------------------- copies made in code (review 86)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"amount": Decimal("9999.00")}, "VoucherMonth.amount"),  # October, 31 days x 20 = 620.00
        ({"service_days": 3}, "VoucherMonth.service_days"),  # the whole month: 31
        ({"enrolled_on": dt.date(2021, 10, 12)}, "VoucherMonth"),  # 20 days: 400.00, not 620.00
        ({"disability_periods": ((dt.date(2021, 10, 1), dt.date(2021, 10, 3)),)}, "VoucherMonth"),  # 3 x 30 + 28 x 20
    ],
)
def test_a_voucher_month_copied_with_a_field_changed_is_refused(change: dict[str, Any], key: str) -> None:
    import dataclasses

    vm = vl.voucher_month("2021-10")
    with pytest.raises(vl.InvalidInput) as refused:
        dataclasses.replace(vm, **change)
    assert refused.value.field.startswith(key)
    # made by hand from its fields, the same
    fields = {f.name: getattr(vm, f.name) for f in dataclasses.fields(vm)} | change
    with pytest.raises(vl.InvalidInput):
        vl.VoucherMonth(**fields)


def test_a_voucher_month_copied_on_another_rule_set_is_refused_where_its_figures_differ() -> None:
    import dataclasses

    # a rule set paying 25 GEL a day without status from 1 Oct 2021: October, 31 days, is 775.00
    rules = _bundled_with_rate("25")
    vm = vl.voucher_month("2021-10")  # 31 x 20 = 620.00 under the bundled rules
    with pytest.raises(vl.InvalidInput) as refused:
        dataclasses.replace(vm, rules=rules)  # settled, it paid R2 of one rule set on R1 of the other
    # the first figure that differs: the rate of its 31 days (20, where the other rule set gives 25)
    assert refused.value.field == "VoucherMonth.days_by_rate[0].daily_rate" and "'25'" in str(refused.value)
    # a copy whose figures are the same under either (its amount, days and rates) is the same result
    same = dataclasses.replace(vm, enrolled_on=None)
    assert same == vm and vl.settle(same, submitted_on="2021-11-09").payable == Decimal("496.00")  # 620 x 80%


def _bundled_with_rate(rate: str) -> vl.RuleSet:
    """The bundled rule set with another daily rate without disability status."""
    from voucherlib.core.frozen import FrozenMap

    key = "youth_voucher.daily_rate.without_disability"
    base = vl.RuleSet.default()
    (program,) = base.programs
    parameters = dict(program.parameters)
    (value,) = program.parameters[key].values
    parameters[key] = program.parameters[key].model_copy(
        update={"values": (value.model_copy(update={"value": Decimal(rate)}),)}
    )
    citations = {k: dict(v) for k, v in base._citations.items()}
    return vl.RuleSet([program.model_copy(update={"parameters": FrozenMap(parameters)})], citations)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"payable": Decimal("1.00")}, "Settlement.payable"),  # 620.00 less 2 x 10%: 496.00
        ({"late_working_days": 0}, "Settlement.late_working_days"),  # 8 and 9 Nov: 2
        ({"funded": False}, "Settlement.funded"),
        ({"submitted_on": dt.date(2021, 11, 5)}, "Settlement"),  # in time: 620.00, not 496.00
    ],
)
def test_a_settlement_copied_with_a_field_changed_is_refused(change: dict[str, Any], key: str) -> None:
    import dataclasses

    s = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-09")
    with pytest.raises(vl.InvalidInput) as refused:
        dataclasses.replace(s, **change)
    assert refused.value.field.startswith(key)


def test_a_settlement_copied_on_another_calendar_is_that_calendars_settlement() -> None:
    import dataclasses

    s = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-09")
    labour_code = vl.WorkingCalendar(declared_days_off=False)
    # no declared day off between 5 and 9 Nov 2021: the same two late days under either calendar
    assert dataclasses.replace(s, calendar=labour_code).payable == Decimal("496.00")
    with pytest.raises(vl.InvalidInput):  # a provision other than R2's
        dataclasses.replace(s, deadline_citation=vl.limit_table("1.1").citation)


def test_a_copys_status_periods_are_never_said_for_its_original() -> None:
    # review 86: the trace was kept by a key without the status periods, so a copy's trace (made
    # twice) was said for the original; a copy now must hold the periods R1 gives, and the key
    # holds them too
    vm = vl.voucher_month("2021-11", enrolled_on="2021-10-01", disability=[("2021-11-16", None)])
    said = vm.trace().explain()
    assert "2021-11-16" in said
    copied = copy.copy(vm)
    copied.trace()
    copied.trace()
    assert vm.trace().explain() == said == vm.explain()


def test_a_copy_of_a_result_is_the_result_and_a_pickle_of_it_reads_back_equal() -> None:
    # review 90: copy.copy and deepcopy recomputed each result through __setstate__ (13-15 and 3.5
    # times the time); an immutable result is its own copy, and a pickle is still checked
    import pickle

    vm = vl.voucher_month("2021-11", enrolled_on="2021-10-01", disability=[("2021-11-16", None)])
    s = vl.settle(vm, submitted_on="2021-12-08")  # 750.00, 2 days late: 600.00
    assert copy.copy(vm) is vm and copy.deepcopy(s) is s
    assert pickle.loads(pickle.dumps(s)) == s and pickle.loads(pickle.dumps(s)).payable == Decimal("600.00")


def test_a_facility_month_made_again_from_its_own_fields_is_itself_and_a_changed_day_is_refused() -> None:
    # Review 258 F1: FacilityMonth(**dict(vars(fm))) and PlaceCompensation(...) of their own fields
    # were refused, each day "not a valid dictionary". A Tbilisi shelter (cap 15), limit 20, 18 served
    # all September 2021, 25 GEL: 15 paid a day (15 x 30 x 25 = 11,250.00), 2 unfilled places x 10 GEL
    # x 30 = 600.00: 11,850.00 GEL.
    fm = vl.facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="25")
    assert fm.total == Decimal("11850.00")
    assert vl.FacilityMonth(**dict(vars(fm))) == fm and vl.FacilityMonth.model_validate(dict(vars(fm))) == fm
    pc = fm.compensation
    assert vl.PlaceCompensation(**dict(vars(pc))) == pc
    # a day whose stored figure the rules do not give is refused, as in a mapping
    fields = dict(vars(fm))
    fields["days"] = (fm.days[0]._replace(paid=16), *fm.days[1:])
    with pytest.raises(vl.InvalidInput, match=r"days\[0\]\.paid: got 16 \(int\); expected 15"):
        vl.FacilityMonth(**fields)
    # a flag is no count (review 261 F4: served=True was read as 1 child), nor is a float
    for changed in (fm.days[0]._replace(served=True), fm.days[0]._replace(cap=True), fm.days[0]._replace(paid=15.0)):
        with pytest.raises(vl.InvalidInput, match=r"FacilityMonth\.days"):
            vl.FacilityMonth(**{**dict(vars(fm)), "days": (changed, *fm.days[1:])})
    with pytest.raises(vl.InvalidInput, match=r"PlaceCompensation\.days"):
        vl.PlaceCompensation(**{**dict(vars(pc)), "days": (pc.days[0]._replace(served=True), *pc.days[1:])})
    # read as the rule reads a count (review 264 F3): a numpy integer or its digits are the count
    stored = fm.model_dump(mode="json")
    for count in (np.int64(18), "18"):
        days = [dict(d) for d in stored["days"]]
        days[0]["served"] = count
        assert vl.FacilityMonth.model_validate({**stored, "days": days}) == fm
    # a limit is a count too: True, 20.0 and "20.0" were read as pydantic reads an int (review 264 F2)
    for limit in (True, 20.0, "20.0", np.True_, np.float32(20), "9" * 5000):  # (numpy's too: review 265 F2)
        with pytest.raises(vl.InvalidInput, match=r"^FacilityMonth\.limit: got .*expected a whole number"):
            vl.FacilityMonth.model_validate({**stored, "limit": limit})
    assert vl.FacilityMonth.model_validate({**stored, "limit": np.int64(20)}) == fm
    assert vl.FacilityMonth.model_validate({**stored, "limit": " 20 "}) == fm


def test_a_month_without_a_cap_stored_before_its_provision_was_cited_reads_back() -> None:
    # Review 260 F4: a Gori shelter (no cap) stored by to_dict() before review 257 F2 cited the
    # sub-paragraph that leaves Gori uncapped has "cap_citation": None; it read back, then was refused
    # ("cap_citation: got None"). Limit 7, 2 served all October 2021 at 10 GEL: 2 x 31 x 10 = 620.00;
    # 5 unfilled, at most 3 paid (50% of 7 in whole places) x 10 GEL x 31 = 930.00: 1,550.00 GEL.
    fm = vl.facility_month("2021-10", city="Gori", service="shelter", limit=7, occupancy=2, daily_rate="10")
    assert fm.total == Decimal("1550.00") and fm.cap_citation is not None
    older = {**fm.to_dict(), "cap_citation": None}
    assert vl.FacilityMonth.from_dict(older) == fm
    # so does an audit line that holds it
    line = audit_facility_invoice_lines(fm)
    stored = line.to_dict()
    stored["detail"] = {**stored["detail"], "cap_citation": None}
    assert AuditLine.from_dict(stored) == line
    # a month with a cap still cites it: None there is refused
    capped = vl.facility_month("2021-10", city="Tbilisi", service="shelter", limit=7, occupancy=2, daily_rate="10")
    with pytest.raises(vl.InvalidInput, match="cap_citation"):
        vl.FacilityMonth.from_dict({**capped.to_dict(), "cap_citation": None})


def audit_facility_invoice_lines(fm: FacilityMonth) -> AuditLine:
    """The children's line of an audit of ``fm`` claimed as computed (a line that holds the month)."""
    from voucherlib.reports.audit import checked_line

    part = "children served"
    return checked_line(
        2, "F-1", part, fm.beneficiary_amount, fm.beneficiary_amount, Decimal("0.01"), detail=fm, part=part
    )
