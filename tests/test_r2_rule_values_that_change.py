"""R1 and R2 when a rule set's values change between months or within one: the values a month
takes (D16), a rate in tetri rounded once (D3, D34), a deduction of more than the whole amount
(capped), and the batch engine's path for a table whose months have different values, held to
the one-at-a-time path (review 89: mutants of that path's cut-off, percentage, cap and rounding,
and of D16's day, passed the whole suite, every amount of it whole lari under one set of terms).

The rule sets here are fictitious program years of 2022, written for these tests; the amounts
are worked out by hand from the rules, not by the library.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from tests.conftest import ruleset_2022, test_year

# (imported here, not in the test: its import inside a running @given test is a nested @given for
# hypothesis, a failed health check when this file runs on its own)
from tests.test_batch import one_at_a_time

TETRI_RATE = """
[parameters."youth_voucher.daily_rate.without_disability"]
values = [{ effective_from = 2022-01-01, value = "20.05", citation = "test_year" }]

[parameters."youth_voucher.late_penalty.deduction_per_working_day"]
values = [{ effective_from = 2022-01-01, value = "30", citation = "test_year" }]
"""
"""20.05 GEL a day without status (a rate in tetri) and 30% a late working day from 1 Jan 2022."""

CHANGE_ON_THE_3RD = """
[parameters."youth_voucher.late_penalty.deduction_per_working_day"]
values = [
  { effective_from = 2022-01-01, value = "10", citation = "test_year" },
  { effective_from = 2022-02-03, value = "50", citation = "test_year" },
]
"""
"""10% a late working day, 50% from 3 Feb 2022: between the 1st and the 5th of the month in which
January's document is due."""


TETRI = test_year(TETRI_RATE)

# January 2022: 5 Feb is a Saturday, so the document is due Mon 7 Feb; late working days are
# Tue 8 (1), Wed 9 (2), Thu 10 (3), Fri 11 (4), Mon 14 (5), Tue 15 (6).


def _december_and_january(submitted: str) -> Any:
    """A table of December 2021 (31 x 20 = 620.00, due Mon 10 Jan 2022, submitted then: in time)
    and January 2022 submitted on ``submitted``, each the whole month without status."""
    pd = pytest.importorskip("pandas")
    return pd.DataFrame(
        {
            "month": ["2021-12", "2022-01"],
            "enrolled_on": [None, None],
            "discharged_on": [None, None],
            "disability": [False, False],
            "submitted_on": ["2022-01-10", submitted],
        }
    )


@pytest.mark.parametrize(
    ("submitted", "late", "payable", "funded"),
    [
        ("2022-02-07", 0, "621.55", True),  # 31 x 20.05 = 621.55, in time
        ("2022-02-08", 1, "435.09", True),  # 621.55 x 70% = 435.085, half up: 435.09
        ("2022-02-09", 2, "248.62", True),  # 621.55 x 40% = 248.62
        ("2022-02-10", 3, "62.16", True),  # 621.55 x 10% = 62.155, half up: 62.16
        ("2022-02-11", 4, "0.00", True),  # 30% x 4 = 120%, more than the whole: all 621.55 deducted
        ("2022-02-14", 5, "0.00", True),  # 150%: the same, still funded (5 days at most)
        ("2022-02-15", 6, "0.00", False),  # more than 5 working days late: not funded
    ],
)
def test_a_rate_in_tetri_and_a_deduction_past_the_whole_amount_one_at_a_time_and_in_a_batch(
    submitted: str, late: int, payable: str, funded: bool
) -> None:
    pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    s = vl.settle(vl.voucher_month("2022-01", rules=TETRI), submitted_on=submitted)
    assert (s.amount, s.late_working_days, s.payable, s.funded) == (Decimal("621.55"), late, Decimal(payable), funded)
    assert s.deduction == Decimal("621.55") - Decimal(payable)
    # in a table of two months of other rates, so that the engine's path for months of different
    # values runs
    out = settle_frame(_december_and_january(submitted), rules=TETRI)
    assert out["payable_tetri"].tolist() == [62000, int(Decimal(payable) * 100)]
    assert out["deduction_tetri"].tolist() == [0, 62155 - int(Decimal(payable) * 100)]
    assert out["funded"].tolist() == [True, funded]


@pytest.mark.parametrize(
    ("submitted", "payable", "funded"),
    [
        ("2022-02-09", "620.00", True),  # 31 x 25 = 775.00, 2 days late: 775.00 x 80% = 620.00
        ("2022-02-14", "387.50", True),  # 5 days late, still funded: 775.00 x 50% = 387.50
        ("2022-02-15", "0.00", False),  # 6 days late: not funded
    ],
)
def test_the_batch_path_for_months_of_different_rates_deducts_and_cuts_off_as_r2_says(
    submitted: str, payable: str, funded: bool
) -> None:
    pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    # the fictitious 2022 year of the docs: 25 GEL a day without status from 1 Jan 2022, 10% a day
    out = settle_frame(_december_and_january(submitted), rules=ruleset_2022())
    assert out["payable_tetri"].tolist() == [62000, int(Decimal(payable) * 100)]
    assert out["funded"].tolist() == [True, funded]


def test_d16_a_months_r2_values_are_those_in_force_on_the_first_of_the_next_month() -> None:
    # January 2022's document is due in February; the deduction is 10% on 1 Feb and 50% from 3 Feb.
    # D16: the values in force on the 1st of the next month, when the obligation to report arises:
    # 1 day late (Tue 8 Feb) deducts 10%, 31 x 20 = 620.00 x 90% = 558.00 (the 5th's values: 310.00)
    rules = test_year(CHANGE_ON_THE_3RD)
    s = vl.settle(vl.voucher_month("2022-01", rules=rules), submitted_on="2022-02-08")
    assert (s.late_working_days, s.deduction_per_working_day, s.payable) == (1, Decimal("10"), Decimal("558.00"))
    # February's document is due in March, after the change: 28 x 20 = 560.00, 5 Mar 2022 is a
    # Saturday (due Mon 7 Mar), Tue 8 Mar is International Women's Day (a holiday), so submitted Wed
    # 9 Mar is 1 working day late: 50% deducted, 280.00
    s = vl.settle(vl.voucher_month("2022-02", rules=rules), submitted_on="2022-03-09")
    assert (s.late_working_days, s.payable) == (1, Decimal("280.00"))


@pytest.mark.parametrize(
    ("periods", "with_status", "amount"),
    [
        # November 2021, enrolled before it: 30 days of service
        ([("2021-11-01", "2021-11-05"), ("2021-11-07", "2021-11-10")], 9, "690.00"),  # 9 x 30 + 21 x 20
        ([("2021-11-01", "2021-11-05"), ("2021-11-06", "2021-11-10")], 10, "700.00"),  # 10 x 30 + 20 x 20
        ([("2021-11-01", "2021-11-05"), ("2021-11-05", "2021-11-10")], 10, "700.00"),  # overlapping: the same
    ],
)
def test_d2_status_periods_a_day_apart_leave_that_day_without_status(
    periods: list[tuple[str, str]], with_status: int, amount: str
) -> None:
    # review 89: periods one day apart, merged, paid the day between them at 30 GEL, and no test
    # had such periods
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    vm = vl.voucher_month("2021-11", disability=periods)
    assert (vm.days_with_disability, vm.amount) == (with_status, Decimal(amount))
    frame = pd.DataFrame(
        {
            "month": ["2021-11"],
            "enrolled_on": [None],
            "discharged_on": [None],
            "disability": [periods],
            "submitted_on": ["2021-12-06"],
        }
    )
    assert settle_frame(frame)["amount_tetri"].tolist() == [int(Decimal(amount) * 100)]


_MONTHS = ["2021-11", "2021-12", "2022-01", "2022-02", "2022-03"]


@st.composite
def _rows(draw: st.DrawFn) -> dict[str, Any]:
    month = vl.Month.of(draw(st.sampled_from(_MONTHS)))
    first = month.first_day
    day = st.integers(-10, 40).map(lambda k: first + dt.timedelta(days=k))
    start = draw(st.integers(0, 27))
    gap = draw(st.integers(0, 3))  # periods 0 to 3 days apart (review 89: a day apart, merged)
    periods = [(first + dt.timedelta(days=start), first + dt.timedelta(days=start + 2))]
    if draw(st.booleans()):
        periods.append((periods[0][1] + dt.timedelta(days=gap + 1), None))
    return {
        "month": str(month),
        "enrolled_on": draw(st.none() | day),
        "discharged_on": draw(st.none() | day),
        "disability": draw(st.booleans() | st.just(periods)),
        "submitted_on": month.next().first_day + dt.timedelta(days=draw(st.integers(0, 25))),
    }


@given(st.lists(_rows(), min_size=1, max_size=12), st.sampled_from(["tetri", "2022"]))
def test_the_batch_equals_one_at_a_time_whatever_the_months_values(rows: list[dict[str, Any]], which: str) -> None:
    # months of different rates in one table (the engine's per-month path), a rate in tetri, a
    # deduction past the whole amount, late rows up to 20 working days: row by row the same figures
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    rules = TETRI if which == "tetri" else ruleset_2022()
    out = settle_frame(pd.DataFrame(rows), rules=rules)
    for i, row in enumerate(rows):  # every column, the reason of a refused row too
        got = {k: (v.item() if hasattr(v, "item") else v) for k, v in out.iloc[i].to_dict().items()}
        assert got == one_at_a_time(row, vl.WorkingCalendar(), True, rules), row


def test_d34_a_deduction_a_rounding_makes_states_the_figures_that_give_it() -> None:
    # Review 180 F1: a rate of three decimals, 20.575 GEL a day, from 1 Jan 2022. By hand:
    # January 2022 from 26 Jan, 6 days x 20.575 = 123.45 GEL (R1, D3); due 5 Feb 2022, a Saturday,
    # rolled to Mon 7 Feb; submitted Tue 8 Feb, 1 working day late: 10%. D34: payable = 90% of
    # 123.45 = 111.105 -> 111.11 (half up), deduction = 123.45 - 111.11 = 12.34. The line said
    # "10% of 123.45 GEL = 12.34 GEL", which its own numbers make 12.345 -> 12.35.
    rules = test_year(
        '[parameters."youth_voucher.daily_rate.without_disability"]\n'
        'values = [{ effective_from = 2022-01-01, value = "20.575", citation = "test_year" }]\n'
    )
    s = vl.settle(vl.voucher_month("2022-01", enrolled_on="2022-01-26", rules=rules), submitted_on="2022-02-08")
    assert (s.amount, s.late_working_days, s.payable, s.deduction) == (
        Decimal("123.45"), 1, Decimal("111.11"), Decimal("12.34"),
    )  # fmt: skip
    step = s.trace().find("settle.deduction_of_payable")
    assert step is not None and set(step.decisions) == {"D8", "D34"}
    given = {q.name: q.value for q in step.inputs}
    # the step's own numbers give its value: (100 - 10)% of 123.45 = 111.105 -> 111.11; 123.45 - 111.11
    assert given["kept"] == 100 - given["percent"] == 90
    assert given["exact"] == given["amount"] * given["kept"] / 100 == Decimal("111.105")
    assert given["payable"] == Decimal("111.11") and given["amount"] - given["payable"] == step.value
    line = "deduction: 10% x 1 = 10% of 123.45 GEL; payable 90% of it, 111.105 GEL, rounded to 111.11 GEL (half up)"
    assert line + ": 123.45 GEL - 111.11 GEL = 12.34 GEL" in s.explain()
    assert s.explain() == s.trace().explain("en") and s.explain("ka") == s.trace().explain("ka")
    # a whole rate: P% of the amount is the deduction, said as before. 6 x 20 = 120.00; 10% = 12.00
    whole = vl.settle(vl.voucher_month("2021-10", enrolled_on="2021-10-26"), submitted_on="2021-11-08")
    assert "deduction: 10% x 1 = 10% of 120.00 GEL = 12.00 GEL" in whole.explain()


def test_d34_the_late_deduction_finding_of_a_deduction_a_rounding_makes_cites_d34() -> None:
    # Review 181 F4: the finding said "10% (12.34 GEL) deducted" citing D8 alone, where 10% of
    # 123.45 GEL is 12.345 (12.35); the deduction is D34's, the amount less the payable sum
    # rounded. By hand as above: 6 x 20.575 = 123.45, 1 working day late, 111.11 payable, 12.34 off.
    rules = test_year(
        '[parameters."youth_voucher.daily_rate.without_disability"]\n'
        'values = [{ effective_from = 2022-01-01, value = "20.575", citation = "test_year" }]\n'
    )
    line = vl.InvoiceLine(
        beneficiary_id="B-1", month="2022-01", enrolled_on="2022-01-26", claimed="111.11", submitted_on="2022-02-08"
    )
    (found,) = [f for f in vl.audit_invoice([line], rules=rules).findings if f.code == "late-deduction"]
    assert (found.amount, found.decision) == (Decimal("12.34"), "D34")
    # a whole rate: 10% of 120.00 is 12.00, the deduction: D8 as before
    whole = vl.InvoiceLine(
        beneficiary_id="B-1", month="2021-10", enrolled_on="2021-10-26", claimed="108.00", submitted_on="2021-11-08"
    )
    (found,) = [f for f in vl.audit_invoice([whole]).findings if f.code == "late-deduction"]
    assert (found.amount, found.decision) == (Decimal("12.00"), "D8")


def test_a_share_deducted_is_written_without_the_zeros_that_end_its_fraction() -> None:
    # Review 180's note: a rule set of 12.5% a late working day wrote "25.0% deducted" beside the
    # bundled "40% deducted". By hand: January 2022, the whole month without status, 31 x 20.00 =
    # 620.00 GEL; due Sat 5 Feb 2022, rolled to Mon 7 Feb; submitted Wed 9 Feb: 8 and 9 Feb, 2
    # working days late: 12.5% x 2 = 25%, 155.00 GEL deducted, 465.00 payable.
    rules = test_year(
        '[parameters."youth_voucher.late_penalty.deduction_per_working_day"]\n'
        'values = [{ effective_from = 2022-01-01, value = "12.5", citation = "test_year" }]\n'
    )
    s = vl.settle(vl.voucher_month("2022-01", rules=rules), submitted_on="2022-02-09")
    assert (s.amount, s.late_working_days, s.deduction, s.payable) == (
        Decimal("620.00"), 2, Decimal("155.00"), Decimal("465.00"),
    )  # fmt: skip
    assert str(s.deduction_percent) == "25"
    assert "deduction: 12.5% x 2 = 25% of 620.00 GEL = 155.00 GEL" in s.explain()
    # (an invoice claims the month's amount, 620.00; the audit deducts the late share from it)
    line = vl.InvoiceLine(beneficiary_id="B-1", month="2022-01", claimed="620.00", submitted_on="2022-02-09")
    (audited,) = vl.audit_invoice([line], rules=rules).lines
    assert audited.verdict_text() == "matches, 25% deducted"
    (found,) = [f for f in vl.audit_invoice([line], rules=rules).findings if f.code == "late-deduction"]
    assert "25% (155.00 GEL) deducted" in found.text()


def test_no_share_deducted_is_written_0_not_0_point_0() -> None:
    # Review 195: a rule set of "0.0"% a late working day wrote "0.0% x 2 = 0.0%". By hand: January
    # 2022, 31 x 20.00 = 620.00 GEL, due Mon 7 Feb (the 5th a Saturday), given Wed 9 Feb: 2 working
    # days late, 0.0 x 2 = 0%: nothing deducted, 620.00 payable.
    rules = test_year(
        '[parameters."youth_voucher.late_penalty.deduction_per_working_day"]\n'
        'values = [{ effective_from = 2022-01-01, value = "0.0", citation = "test_year" }]\n'
    )
    s = vl.settle(vl.voucher_month("2022-01", rules=rules), submitted_on="2022-02-09")
    assert (s.late_working_days, s.deduction, s.payable, str(s.deduction_percent)) == (
        2, Decimal("0.00"), Decimal("620.00"), "0",
    )  # fmt: skip
    assert "deduction: 0.0% x 2 = 0% of 620.00 GEL = 0.00 GEL" in s.explain()


def test_the_payable_share_of_d34_is_written_without_the_zeros_that_end_its_fraction() -> None:
    # Review 201 F1: "payable 75.0% of it" where the share was 12.5% a day. By hand: January 2022 from
    # 30 Jan, 2 days x 20.01 = 40.02 GEL; due Mon 7 Feb, given Wed 9 Feb: 2 working days late, 25%.
    # 25% of 40.02 is 10.005 (10.01), so D34 takes the payable share: 75% of 40.02 = 30.015 -> 30.02
    # (half up), and the deduction is 40.02 - 30.02 = 10.00.
    rules = test_year(
        '[parameters."youth_voucher.late_penalty.deduction_per_working_day"]\n'
        'values = [{ effective_from = 2022-01-01, value = "12.5", citation = "test_year" }]\n'
        '[parameters."youth_voucher.daily_rate.without_disability"]\n'
        'values = [{ effective_from = 2022-01-01, value = "20.01", citation = "test_year" }]\n'
    )
    s = vl.settle(vl.voucher_month("2022-01", enrolled_on="2022-01-30", rules=rules), submitted_on="2022-02-09")
    assert (s.amount, s.payable, s.deduction) == (Decimal("40.02"), Decimal("30.02"), Decimal("10.00"))
    line = "deduction: 12.5% x 2 = 25% of 40.02 GEL; payable 75% of it, 30.015 GEL, rounded to 30.02 GEL (half up)"
    assert line in s.explain() and "75.0" not in s.explain() and "75.0" not in str(s.trace().to_dict())
