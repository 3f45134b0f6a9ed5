"""Review 11: objects equal to the library's own, behaving otherwise, never reach another caller.

The library keeps what it works out for *equal* values: a month's deadline by its month,
calendar and rule set; a month by its text; a city's key by its name. A caller's object that
compares equal to the library's own but holds or does something else (a rule set whose values
are subclasses, a voucher-month changed by hand, a str subclass) must neither give its results
to another caller nor take theirs.

The amounts, by hand (Annex 2.12, Art. 4, para 5): October 2021 with status is 31 x 30.00 =
930.00 GEL; its document is due Fri 5 Nov 2021 (a working day). Submitted Mon 8 Nov it is 1
working day late: 10% deducted, 837.00 payable. Submitted Mon 15 Nov it is 6 working days late
(8, 9, 10, 11, 12, 15 Nov): more than 5, not funded, 0.00 payable.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

import voucherlib as vl
from tests.strategies import unchecked_copy
from voucherlib.core.frozen import FrozenMap
from voucherlib.core.month import Month
from voucherlib.core.ruleset import RuleValue

MAX_LATE = "youth_voucher.late_penalty.max_late_working_days"
PER_DAY = "youth_voucher.late_penalty.deduction_per_working_day"


class _Quiet:  # a mixin whose __init_subclass__ skips super(): a way round final classes
    def __init_subclass__(cls, **kwargs: object) -> None:
        pass


def _bundled_with(key: str, values: tuple[RuleValue, ...]) -> vl.RuleSet:
    """A rule set of the very class, equal to the bundled one, whose ``key`` holds ``values``."""
    base = vl.RuleSet.default()
    (program,) = base.programs
    parameters = dict(program.parameters)
    parameters[key] = program.parameters[key].model_copy(update={"values": values})
    citations = {k: dict(v) for k, v in base._citations.items()}
    return vl.RuleSet([program.model_copy(update={"parameters": FrozenMap(parameters)})], citations)


def _october(submitted: str) -> vl.Settlement:
    return vl.settle(vl.voucher_month("2021-10", disability=True), submitted_on=submitted)


def test_a_rule_set_holding_an_int_subclass_keeps_its_terms_to_itself() -> None:
    class Five(int):  # "5 late working days at most" that says every lateness is within it
        def __ge__(self, other: object) -> bool:
            return True

        def __lt__(self, other: object) -> bool:
            return False

    value = vl.RuleSet.default().programs[0].parameters[MAX_LATE].values[0]
    forged = _bundled_with(MAX_LATE, (value.model_copy(update={"value": Five(5)}),))
    assert forged == vl.RuleSet.default()  # equal by content, as designed
    vl.settle(vl.voucher_month("2021-10", disability=True, rules=forged), submitted_on="2021-11-15")
    # the bundled rules: October 2021 with status, 31 x 30 = 930.00, due Fri 5 Nov; submitted Mon
    # 15 Nov: late 8, 9, 10, 11, 12, 15 Nov = 6 working days, more than 5: not funded, 0.00
    s = _october("2021-11-15")
    assert (s.late_working_days, s.funded, s.payable) == (6, False, Decimal("0.00"))
    assert vl.submission_deadline("2021-10") == dt.date(2021, 11, 5)


def test_a_rule_set_holding_a_rule_value_subclass_keeps_its_terms_to_itself() -> None:
    class Value(RuleValue):
        @property
        def decimal(self) -> Decimal:
            return Decimal(50)

    values = tuple(Value(**v.__dict__) for v in vl.RuleSet.default().programs[0].parameters[PER_DAY].values)
    forged = _bundled_with(PER_DAY, values)
    # November 2021 (no other test here uses it first): 30 x 30.00 = 900.00 GEL; due Sun 5 Dec,
    # which rolls to Mon 6 Dec; submitted Tue 7 Dec: 1 working day late, 10% = 90.00 deducted
    vl.settle(vl.voucher_month("2021-11", disability=True, rules=forged), submitted_on="2021-12-07")
    s = vl.settle(vl.voucher_month("2021-11", disability=True), submitted_on="2021-12-07")
    assert (s.deduction, s.payable) == (Decimal("90.00"), Decimal("810.00"))
    from voucherlib.batch import settle_frame

    table = {"month": ["2021-11"], "enrolled_on": [None], "discharged_on": [None], "disability": [True]}
    assert int(settle_frame({**table, "submitted_on": ["2021-12-07"]}).payable_tetri.iloc[0]) == 81000


def test_a_voucher_month_changed_by_hand_is_refused_by_settle() -> None:
    class LaterMonth(_Quiet, Month):  # "our documents are due a month later"
        __slots__ = ()

        def next(self) -> Month:
            return Month(self.year, self.month + 2)

    class AgencyRules(_Quiet, vl.RuleSet):
        __slots__ = ()

    vm = vl.voucher_month("2021-10", disability=True)
    with pytest.raises(vl.InvalidInput, match=r"VoucherMonth\.month"):
        vl.settle(dataclasses.replace(vm, month=LaterMonth(2021, 10)), submitted_on="2021-11-15")
    base = vl.RuleSet.default()
    rules = AgencyRules(base.programs, {k: dict(v) for k, v in base._citations.items()})
    with pytest.raises(vl.InvalidInput, match=r"rules: .*(not a subclass|the RuleSet the month was computed with)"):
        vl.settle(dataclasses.replace(vm, rules=rules), submitted_on="2021-11-15")
    assert vl.submission_deadline("2021-10") == dt.date(2021, 11, 5)
    assert _october("2021-11-08").payable == Decimal("837.00")  # 930.00, 1 day late (Mon 8 Nov): 90%


def test_a_str_subclass_is_read_as_the_text_it_holds() -> None:
    class Text(str):
        def __str__(self) -> str:
            return self

        def strip(self, chars: str | None = None) -> str:  # says another month
            return "2021-11"

        def casefold(self) -> str:  # says another city
            return "batumi"

    assert Month.of(Text("2021-10")) == Month(2021, 10)
    vm = vl.voucher_month("2021-10", disability=True)
    assert (str(vm.month), vm.amount) == ("2021-10", Decimal("930.00"))  # 31 x 30.00
    # Tbilisi's cap (15 paid beneficiaries, D30) whatever name another caller gave first
    assert vl.paid_beneficiary_cap(Text("tbilisi"), "shelter", month="2021-10") == 15
    assert vl.paid_beneficiary_cap("tbilisi", "shelter", month="2021-10") == 15
    fm = vl.facility_month("2021-10", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="25")
    # min(18, 15) = 15 beneficiaries a day x 31 days = 465 days x 25.00 = 11,625.00
    assert (fm.paid_beneficiary_days, fm.beneficiary_amount) == (465, Decimal("11625.00"))


def test_a_forged_flag_of_a_voucher_month_is_refused_whatever_ran_before() -> None:
    vm = vl.voucher_month("2021-10", enrolled_on=dt.date(2021, 10, 12), discharged_on=dt.date(2021, 10, 30))
    for _ in range(3):
        vm.trace(), vm.explain()
    # refused where it is made (review 86), and where it is explained when made round that
    with pytest.raises(vl.InvalidInput, match=r"VoucherMonth\.count_discharge_day"):
        dataclasses.replace(vm, count_discharge_day=1)
    forged = unchecked_copy(vm, count_discharge_day=1)
    for call in (forged.trace, forged.explain):
        with pytest.raises(vl.InvalidInput, match=r"VoucherMonth\.count_discharge_day"):
            call()


def test_a_settlement_with_another_calendar_object_is_refused_naming_it() -> None:
    s = _october("2021-11-08")
    data = s.to_dict()
    with pytest.raises(vl.InvalidInput, match="calendar"):
        vl.Settlement.from_dict(data, calendar="declared-days-off")  # type: ignore[arg-type]
    assert vl.Settlement.from_dict(data).payable == Decimal("837.00")  # 31 x 30 = 930.00, 1 day late: 90%
    with pytest.raises(vl.InvalidInput, match=r"Settlement\.calendar"):
        dataclasses.replace(s, calendar=5)
    changed = unchecked_copy(s, calendar=5)
    for call in (changed.explain, changed.trace, changed.to_dict):
        with pytest.raises(vl.InvalidInput, match=r"Settlement\.calendar"):
            call()


def test_voucher_months_on_two_rule_sets_are_two_results() -> None:
    # Review 179 F4: October 2021 under the bundled terms and under a rule set whose late penalty
    # is 15% a working day compared equal and hashed alike, while settle() (which settles a month
    # under its own rule set) paid them differently: a set kept one, a cache by value gave one
    # caller the other's terms. By hand: 31 x 20.00 = 620.00; due Fri 5 Nov, submitted Tue 9 Nov,
    # 2 working days late (8 and 9 Nov): 10% x 2 = 20%, 496.00 payable; at 15%, 30%, 434.00.
    base = vl.RuleSet.default()
    (program,) = base.programs
    rate = program.parameters[PER_DAY]
    fifteen = rate.model_copy(
        update={"values": tuple(v.model_copy(update={"value": Decimal(15)}) for v in rate.values)}
    )
    other = vl.RuleSet([program.model_copy(update={"parameters": {**program.parameters, PER_DAY: fifteen}})])
    a, b = vl.voucher_month("2021-10"), vl.voucher_month("2021-10", rules=other)
    assert a.amount == b.amount == Decimal("620.00")
    assert a != b and len({a, b}) == 2
    assert vl.settle(a, submitted_on="2021-11-09").payable == Decimal("496.00")
    assert vl.settle(b, submitted_on="2021-11-09").payable == Decimal("434.00")
    # equal rule sets (by content) give equal months: a copy of the bundled year, or a pickle
    same = vl.RuleSet(base.programs)
    assert vl.voucher_month("2021-10", rules=same) == a and hash(vl.voucher_month("2021-10", rules=same)) == hash(a)
