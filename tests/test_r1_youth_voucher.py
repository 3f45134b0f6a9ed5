"""R1. The monthly voucher amount (Annex 2.12, Art. 4, para 5 of the Program, as worded by Decree No. 467, Art. 1, para 2(k.b.b)): properties.

The worked examples of the rule are in tests/cases/r1_voucher_month.toml.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from tests.conftest import ruleset_through_2026
from tests.strategies import day_in, months_2021, months_to_2026

RULES_TO_2026 = ruleset_through_2026()
ONE_DAY = dt.timedelta(days=1)


@given(months_to_2026, st.booleans())
def test_a_whole_month_pays_its_calendar_days_times_the_daily_rate(month: vl.Month, disability: bool) -> None:
    vm = vl.voucher_month(month, disability=disability, rules=RULES_TO_2026)
    rate = Decimal(30 if disability else 20)  # R1: 30 GEL/day with status, 20 without
    assert vm.service_days == month.days
    assert vm.amount == month.days * rate


@given(
    months_to_2026,
    st.integers(-40, 40),
    st.integers(-40, 70),
    st.booleans(),
    st.integers(-5, 40),
    st.integers(-5, 40),
)
def test_d1_d2_the_days_of_a_stay_and_their_rates_are_counted_day_by_day(
    month: vl.Month, enrol: int, stay: int, discharged: bool, status_from: int, status_to: int
) -> None:
    # D1: service runs from enrolment to discharge, both days counted; only the month's days
    # count. D2: each day at the rate of its own status, 30 GEL with it, 20 without. Counted here
    # one calendar day at a time, the plainest reading of the rule (no interval arithmetic).
    enrolled = month.first_day + dt.timedelta(days=enrol)
    left = enrolled + dt.timedelta(days=stay) if discharged else None
    if left is not None and left < enrolled:
        return  # (discharged before enrolled: refused, tested elsewhere)
    start, end = month.first_day + dt.timedelta(days=status_from), month.first_day + dt.timedelta(days=status_to)
    periods = [(start, end)] if start <= end else []
    vm = vl.voucher_month(month, enrolled_on=enrolled, discharged_on=left, disability=periods, rules=RULES_TO_2026)
    served = [
        d for d in (month.day(n) for n in range(1, month.days + 1)) if enrolled <= d and (left is None or d <= left)
    ]
    with_status = [d for d in served if any(a <= d <= b for a, b in periods)]
    assert vm.service_days == len(served)
    assert vm.days_with_disability == len(with_status)
    assert vm.amount == 30 * len(with_status) + 20 * (len(served) - len(with_status))


@given(months_2021.flatmap(lambda m: st.tuples(st.just(m), day_in(m), day_in(m), day_in(m))), st.booleans())
def test_splitting_a_stay_into_two_consecutive_stays_changes_no_total(case: tuple, disability: bool) -> None:
    month, a, b, c = case
    start, split, end = sorted((a, b, c))
    if split == end:
        split = end - ONE_DAY
    if split < start:
        return  # a one-day stay cannot be split
    whole = vl.voucher_month(month, enrolled_on=start, discharged_on=end, disability=disability)
    first = vl.voucher_month(month, enrolled_on=start, discharged_on=split, disability=disability)
    second = vl.voucher_month(month, enrolled_on=split + ONE_DAY, discharged_on=end, disability=disability)
    assert first.service_days + second.service_days == whole.service_days
    assert first.amount + second.amount == whole.amount


@given(months_2021.flatmap(lambda m: st.tuples(st.just(m), st.lists(day_in(m), min_size=0, max_size=6))))
def test_disability_periods_covering_the_month_equal_disability_true(case: tuple) -> None:
    month, cuts = case
    # Cut the month into consecutive periods at arbitrary days; together they cover it.
    bounds = sorted(set(cuts) - {month.first_day})
    periods, start = [], month.first_day
    for cut in bounds:
        periods.append((start, cut - ONE_DAY))
        start = cut
    periods.append((start, None))
    assert vl.voucher_month(month, disability=periods).amount == vl.voucher_month(month, disability=True).amount


@given(months_2021.flatmap(lambda m: st.tuples(st.just(m), day_in(m), day_in(m))), st.booleans())
def test_days_at_each_rate_add_up_to_the_service_days_and_the_amount(case: tuple, whole_month: bool) -> None:
    month, a, b = case
    start, end = min(a, b), max(a, b)
    vm = vl.voucher_month(month, disability=[(start, end)] if not whole_month else True)
    assert vm.days_with_disability + vm.days_without_disability == vm.service_days
    assert vm.amount == 30 * vm.days_with_disability + 20 * vm.days_without_disability


@given(months_2021.flatmap(lambda m: st.tuples(st.just(m), day_in(m))))
def test_not_counting_the_discharge_day_pays_exactly_one_day_less(case: tuple) -> None:
    month, discharged = case
    counted = vl.voucher_month(month, discharged_on=discharged)
    not_counted = vl.voucher_month(month, discharged_on=discharged, count_discharge_day=False)
    assert counted.service_days - not_counted.service_days == 1
    assert counted.amount - not_counted.amount == 20


@given(months_2021, st.integers(1, 400), st.integers(0, 400))
def test_the_amount_never_exceeds_the_whole_month_at_the_higher_rate(month: vl.Month, before: int, length: int) -> None:
    enrolled = month.first_day - dt.timedelta(days=before) + dt.timedelta(days=200)
    vm = vl.voucher_month(month, enrolled_on=enrolled, discharged_on=enrolled + dt.timedelta(days=length))
    assert 0 <= vm.amount <= 30 * month.days
    assert 0 <= vm.service_days <= month.days


def test_every_step_of_the_explanation_cites_the_decree_annex_article_and_paragraph() -> None:
    vm = vl.voucher_month("2021-11", enrolled_on="2021-10-01", disability=[("2021-11-16", None)])
    text = vm.explain()
    assert "15 days without disability status x 20.00 GEL/day = 300.00 GEL" in text
    assert "15 days with disability status x 30.00 GEL/day = 450.00 GEL" in text
    assert (
        text.count(
            "Annex 2.12, Art. 4, para 5 of the State Program approved by Government Decree No. 825 of 31 Dec 2020, as worded by Decree No. 467 of 15 Sep 2021, Art. 1, para 2(k.b.b)"
        )
        == 2
    )
    assert "amount: 750.00 GEL" in text
    assert [str(c) for c in vm.citations] == [
        "Annex 2.12, Art. 4, para 5 of the State Program approved by Government Decree No. 825 of 31 Dec 2020, as worded by Decree No. 467 of 15 Sep 2021, Art. 1, para 2(k.b.b)"
    ]


def test_a_month_before_the_rates_took_effect_raises_rule_not_in_force() -> None:
    # D4: Decree 467, Art. 2: Annex 2.12 para 5 is in force from 1 Oct 2021; September has no rule here.
    with pytest.raises(vl.RuleNotInForce) as info:
        vl.voucher_month("2021-09")
    message = str(info.value)
    assert "2021-09-01" in message and "youth_voucher.daily_rate" in message and "2021-10-01" in message
    assert "rules=" in message  # says how to supply a rule set


def test_a_month_after_the_2021_program_raises_rule_not_in_force_naming_the_date() -> None:
    with pytest.raises(vl.RuleNotInForce, match=r"2022-01-01.*no program year"):
        vl.voucher_month("2022-01")


def test_a_month_without_service_needs_no_rate() -> None:
    # No day is paid, so no rule is asked for: a stay that ended in 2020 is worth 0.00 in Sep 2021.
    assert vl.voucher_month("2021-09", discharged_on="2020-12-31").amount == Decimal("0.00")


@pytest.mark.parametrize("month", ["2021-10", vl.Month(2021, 10), dt.date(2021, 10, 17)])
def test_a_month_may_be_given_as_month_string_or_date(month: object) -> None:
    assert vl.voucher_month(month).month == vl.Month(2021, 10)  # type: ignore[arg-type]


def test_a_period_that_ends_before_it_starts_quotes_its_end_as_given() -> None:
    """Review 109 F4: a period given with dates, (20 Oct, 10 Oct), was refused quoting its end as
    the text '2021-10-10' (str), which the caller never gave. Review 226 F3: then as Python's repr,
    datetime.date(2021, 10, 10), where a file's cell was quoted as written. Now every path quotes
    the day as the text given, else its ISO text, and names it a date (as a stay's and a
    submission's days)."""
    said = "disability[0].end: got '2021-10-10' (date); expected a date on or after start (2021-10-20)"
    with pytest.raises(vl.InvalidInput) as refused:
        vl.voucher_month("2021-10", disability=[(dt.date(2021, 10, 20), dt.date(2021, 10, 10))])
    assert str(refused.value) == said and refused.value.value == "2021-10-10"
    with pytest.raises(vl.InvalidInput) as refused:
        vl.voucher_month("2021-10", disability=[{"start": "2021-10-20", "end": "2021-10-10"}])
    assert str(refused.value) == said
    # review 120 F6: a StatusPeriod made so (its model checks each end alone) crashed with an
    # UnboundLocalError after the change above; it is refused the same way
    reversed_period = vl.StatusPeriod(start=dt.date(2021, 10, 20), end=dt.date(2021, 10, 10))
    with pytest.raises(vl.InvalidInput) as refused:
        vl.voucher_month("2021-10", disability=[reversed_period])
    assert str(refused.value) == said


def test_a_month_that_is_nan_or_infinite_is_no_spreadsheets_number() -> None:
    # Review 186 F5: NaN (pandas' empty cell) and inf were said to be a month a spreadsheet made a
    # number of; a finite float keeps those words (review 183 F5)
    for value in (float("nan"), float("inf")):
        with pytest.raises(vl.InvalidInput) as caught:
            vl.voucher_month(value)  # type: ignore[arg-type]
        assert "a spreadsheet may have taken" not in str(caught.value)
    with pytest.raises(vl.InvalidInput, match="a month, not a number"):
        vl.voucher_month(10.2021)  # type: ignore[arg-type]


def test_d50_a_stay_dated_with_open_ends_as_databases_write_them_runs_past_the_month(tmp_path) -> None:
    # D50: a discharge of 9999-12-31 ("no end") is after October 2021, an enrolment of 0001-01-01
    # before it: every day served, 31 x 20.00 = 620.00, submitted 4 Nov (before the 5 Nov deadline),
    # the same on every path.
    import pandas as pd

    from voucherlib.batch import settle_frame

    vm = vl.voucher_month("2021-10", enrolled_on="0001-01-01", discharged_on="9999-12-31")
    assert (vm.service_days, vm.amount) == (31, Decimal("620.00"))
    for kind in (dt.date, str):
        frame = pd.DataFrame(
            {
                "month": ["2021-10"],
                "enrolled_on": [dt.date(1, 1, 1) if kind is dt.date else "0001-01-01"],
                "discharged_on": [dt.date(9999, 12, 31) if kind is dt.date else "9999-12-31"],
                "disability": [False],
                "submitted_on": ["2021-11-04"],
            }
        )
        assert settle_frame(frame)["payable_tetri"].tolist() == [62000]
    path = tmp_path / "open.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "A,2021-10,0001-01-01,9999-12-31,no,2021-11-04\n",
        encoding="utf-8",
    )
    assert [r.settlement.payable for r in vl.settle_file(path).rows] == [Decimal("620.00")]


def test_a_discharge_before_the_enrolment_is_refused_naming_the_day_a_date() -> None:
    """R1 (Annex 2.12, Art. 4, para 5): the days of service run from the enrolment to the
    discharge, so a discharge before the enrolment is no stay, refused naming the day. Review 216
    F1: it was named a ``str`` whatever type the caller gave it in; it is named a date, as read."""
    pd = pytest.importorskip("pandas")
    said = "discharged_on: got '2021-11-09' (date); expected a date on or after enrolled_on (2021-11-10)"
    for day in (dt.date(2021, 11, 9), pd.Timestamp("2021-11-09"), "2021-11-09"):
        with pytest.raises(vl.InvalidInput) as info:
            vl.voucher_month("2021-11", enrolled_on=dt.date(2021, 11, 10), discharged_on=day)
        assert str(info.value) == said, type(day)
