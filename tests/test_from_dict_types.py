"""from_dict reads each value as the JSON type to_dict writes, or refuses it naming the key (review 11a P5).

``bool("false")`` is True: a reader that converts loosely turns an edited or foreign JSON file
into another result without a word. Each case changes one value of a result's ``to_dict()``
to a look-alike of another JSON type and expects an InvalidInput that names that key.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import voucherlib as vl
from voucherlib.core.trace import Step
from voucherlib.rules.facility_month import FacilityMonth
from voucherlib.rules.unfilled_places import PlaceCompensation


def voucher() -> vl.VoucherMonth:
    # Oct 2021, discharged on 20 Oct, discharge day not counted: 1-19 Oct, 19 x 20 = 380.00.
    return vl.voucher_month("2021-10", discharged_on="2021-10-20", count_discharge_day=False)


def settlement() -> vl.Settlement:
    # 620.00 for Oct 2021, submitted Mon 8 Nov, 1 working day after the deadline Fri 5 Nov: 558.00.
    return vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-08")


def facility() -> FacilityMonth:
    return vl.facility_month("2021-10", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="30")


READERS: dict[str, tuple[Callable[[], Any], Callable[[Any], Any]]] = {
    "VoucherMonth": (voucher, vl.VoucherMonth.from_dict),
    "Settlement": (settlement, vl.Settlement.from_dict),
    "FacilityMonth": (facility, FacilityMonth.from_dict),
    "PlaceCompensation": (lambda: facility().compensation, PlaceCompensation.from_dict),
    "Step": (lambda: settlement().trace(), Step.from_dict),
}


@pytest.mark.parametrize("kind", sorted(READERS))
def test_to_dict_as_json_reads_back_equal(kind: str) -> None:
    make, read = READERS[kind]
    result = make()
    assert read(json.loads(json.dumps(result.to_dict()))) == result


def test_the_hand_worked_amounts_survive_the_round_trip() -> None:
    assert vl.VoucherMonth.from_dict(voucher().to_dict()).amount == Decimal("380.00")
    assert vl.Settlement.from_dict(settlement().to_dict()).payable == Decimal("558.00")  # 620 x 90%


CHANGES = [
    ("VoucherMonth", ("count_discharge_day",), "false", "VoucherMonth.count_discharge_day", "JSON boolean"),
    ("VoucherMonth", ("count_discharge_day",), 0, "VoucherMonth.count_discharge_day", "JSON boolean"),
    ("VoucherMonth", ("service_days",), "19", "VoucherMonth.service_days", "JSON whole number"),
    ("VoucherMonth", ("service_days",), True, "VoucherMonth.service_days", "JSON whole number"),
    ("VoucherMonth", ("service_days",), 19.0, "VoucherMonth.service_days", "JSON whole number"),
    ("VoucherMonth", ("amount",), 380, "VoucherMonth.amount", "decimal number written as a JSON string"),
    ("VoucherMonth", ("amount",), "NaN", "VoucherMonth.amount", "decimal number written as a JSON string"),
    ("VoucherMonth", ("enrolled_on",), 20211001, "VoucherMonth.enrolled_on", "YYYY-MM-DD"),
    ("VoucherMonth", ("month",), 202110, "VoucherMonth.month", "JSON string"),
    ("VoucherMonth", ("days_by_rate", 0, "with_disability"), "false", "days_by_rate[0].with_disability", "boolean"),
    ("VoucherMonth", ("days_by_rate", 0, "days"), "19", "VoucherMonth.days_by_rate[0].days", "whole number"),
    ("VoucherMonth", ("days_by_rate",), {"0": {}}, "VoucherMonth.days_by_rate", "JSON list"),
    ("Settlement", ("funded",), "true", "Settlement.funded", "JSON boolean"),
    ("Settlement", ("late_working_days",), "1", "Settlement.late_working_days", "JSON whole number"),
    ("Settlement", ("payable",), 558.0, "Settlement.payable", "decimal number written as a JSON string"),
    ("Settlement", ("voucher", "count_discharge_day"), "no", "VoucherMonth.count_discharge_day", "JSON boolean"),
    ("FacilityMonth", ("days", 0, "served"), "18", "FacilityMonth.days[0].served", "JSON whole number"),
    ("FacilityMonth", ("limit",), True, "FacilityMonth.limit", "JSON whole number"),
    ("FacilityMonth", ("daily_rate",), 30, "FacilityMonth.daily_rate", "JSON string"),
    ("PlaceCompensation", ("place_days",), "62", "PlaceCompensation.place_days", "JSON whole number"),
    ("Step", ("children", 0, "key"), 5, "Step.key", "JSON string"),
    ("Step", ("decisions",), "D8", "Step.decisions", "JSON list"),
]


@pytest.mark.parametrize(("kind", "path", "value", "field", "expected"), CHANGES)
def test_a_value_of_another_json_type_is_refused_naming_its_key(
    kind: str, path: tuple[Any, ...], value: Any, field: str, expected: str
) -> None:
    make, read = READERS[kind]
    data = copy.deepcopy(make().to_dict())
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(vl.InvalidInput) as info:
        read(data)
    assert info.value.field.endswith(field) and expected in info.value.expected


def test_a_step_value_is_read_by_its_unit() -> None:
    step = {"key": "settle.funded", "value": "false", "unit": "yes/no"}
    with pytest.raises(vl.InvalidInput, match=r"Step\.value: got 'false'"):
        Step.from_dict(step)
    assert Step.from_dict({**step, "value": False}).value is False
