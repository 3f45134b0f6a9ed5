"""Bad input gets a VoucherError that names the field and the value, never a wrong amount."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import voucherlib as vl


@pytest.mark.parametrize(
    ("call", "field", "shown"),
    [
        (lambda: vl.voucher_month("2021-13"), "month", "'2021-13'"),
        (lambda: vl.voucher_month("2021/10"), "month", "'2021/10'"),
        (lambda: vl.voucher_month(202110), "month", "202110"),  # type: ignore[arg-type]
        (lambda: vl.voucher_month(dt.datetime(2021, 10, 1, 9, 30)), "month", "datetime"),  # a time of day
        (lambda: vl.voucher_month("2021-10", enrolled_on="12.10.2021"), "enrolled_on", "'12.10.2021'"),
        (
            lambda: vl.voucher_month("2021-10", enrolled_on="2021-10-12", discharged_on="2021-10-01"),
            "discharged_on",
            "'2021-10-01'",
        ),
        (lambda: vl.voucher_month("2021-10", disability="yes"), "disability", "'yes'"),  # type: ignore[arg-type]
        (
            lambda: vl.voucher_month("2021-10", disability=[("2021-10-20", "2021-10-10")]),
            "disability[0].end",
            "'2021-10-10'",
        ),
        (
            lambda: vl.voucher_month("2021-10", disability=[("2021-10-01", None)] * 32),
            "disability",
            "32 status periods",
        ),
        (lambda: vl.voucher_month("2021-10", count_discharge_day="no"), "count_discharge_day", "'no'"),  # type: ignore[arg-type]
        (lambda: vl.voucher_month("2021-10", rules="2021"), "rules", "'2021'"),  # type: ignore[arg-type]
        (lambda: vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-09-30"), "submitted_on", "'2021-09-30'"),
        (lambda: vl.settle("620.00", submitted_on="2021-11-01"), "voucher_month", "'620.00'"),  # type: ignore[arg-type]
        (lambda: vl.submission_deadline("2021-10", calendar="GE"), "calendar", "'GE'"),  # type: ignore[arg-type]
        (lambda: vl.gel(0.1), "amount", "0.1 (float)"),
        (lambda: vl.gel("NaN"), "amount", "'NaN'"),
        (lambda: vl.gel("12,3x"), "amount", "'12,3x'"),
        (lambda: vl.Month(2021, 0), "month.month", "0"),
        (lambda: vl.WorkingCalendar(extra_non_working_days="2021-10-01"), "extra_non_working_days", "'2021-10-01'"),
    ],
)
def test_bad_input_raises_a_voucher_error_naming_the_field_and_the_value(call, field: str, shown: str) -> None:
    with pytest.raises(vl.VoucherError) as info:
        call()
    message = str(info.value)
    assert message.startswith(f"{field}: got ") and shown in message and "expected" in message


def test_money_is_exact_decimal() -> None:
    assert vl.gel("620.00") == Decimal("620.00") and vl.gel(620) == Decimal(620)
    assert vl.to_tetri(Decimal("0.005")) == 1  # half up
    assert vl.gel_from_tetri(62000) == Decimal("620.00")
    assert isinstance(vl.voucher_month("2021-10").amount, Decimal)


def test_month_parsing_and_arithmetic() -> None:
    assert vl.Month.of("2021-12").next() == vl.Month(2022, 1)
    assert vl.Month(2024, 2).days == 29 and vl.Month(2021, 2).days == 28
    assert str(vl.Month(2021, 9)) == "2021-09"
    assert dt.date(2021, 9, 30) in vl.Month(2021, 9)
