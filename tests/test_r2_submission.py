"""R2. Deadline, payment date and late penalty (Annex 2.12, Art. 4, para 5 of the Program, as worded by Decree No. 467, Art. 1, para 2(k.b.b)): properties.

The worked examples of the rule are in tests/cases/r2_submission.toml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from tests.conftest import ruleset_through_2026
from tests.strategies import months_2021, months_to_2026
from voucherlib.core.trace import Step

RULES = ruleset_through_2026()
CALENDARS = st.sampled_from([vl.WorkingCalendar(), vl.WorkingCalendar(declared_days_off=False)])
ONE_DAY = dt.timedelta(days=1)


@given(months_to_2026, CALENDARS)
def test_the_deadline_is_a_working_day_on_or_after_the_5th_with_no_working_day_before_it(month, calendar) -> None:
    deadline = vl.submission_deadline(month, calendar=calendar, rules=RULES)
    fifth = month.next().day(5)
    assert deadline >= fifth and calendar.is_working_day(deadline)
    day = fifth
    while day < deadline:
        assert not calendar.is_working_day(day)
        day += ONE_DAY


@given(months_to_2026)
def test_payment_is_due_on_the_20th_of_the_next_month_as_written(month) -> None:
    # D9: the text gives no roll-over for the payment date.
    assert vl.payment_due_date(month, rules=RULES) == month.next().day(20)


def test_a_document_submitted_after_the_payment_day_is_said_to_have_come_after_it() -> None:
    """Review 117 F1 (D9): April 2024's document was due Sun 5 May, rolled over Easter Monday (6),
    the declared 7, 8 and 10 May, Victory Day (9) and the weekend to Mon 13 May; submitted Tue
    21 May it is 5 working days late (14, 15, 16, 20, 21; 17 May declared): 600.00 less 50% =
    300.00, funded, due to be paid by 20 May as written, which is before the document came. The
    explanation said the day without a word; it says so now, in both languages and in the trace."""
    settled = vl.settle(vl.voucher_month("2024-04", rules=RULES), submitted_on="2024-05-21", rules=RULES)
    assert (settled.deadline, settled.late_working_days, settled.payable) == (
        dt.date(2024, 5, 13), 5, Decimal("300.00"),
    )  # fmt: skip
    assert settled.payment_due == dt.date(2024, 5, 20)  # D9: as written
    assert settled.explain().splitlines()[-1].strip() == (
        "payable: 300.00 GEL, to be paid by 2024-05-20 as written, which is before the document came (2024-05-21; D9)"
    )
    assert "რაც დოკუმენტის წარდგენის თარიღზე (2024-05-21) ადრეა (D9)" in settled.explain("ka")  # (review 143 F2)
    last = settled.trace().to_dict()["children"][-1]
    assert last["key"] == "settle.payable_after" and last["inputs"][1]["value"] == "2024-05-21"
    assert settled.explain("ka") == settled.trace().explain("ka")  # (the text made without the trace is its text)
    # submitted on the 20th itself: the usual line (4 working days late: 60% of 600.00 = 360.00)
    on_the_day = vl.settle(vl.voucher_month("2024-04", rules=RULES), submitted_on="2024-05-20", rules=RULES)
    assert on_the_day.explain().splitlines()[-1].strip() == "payable: 360.00 GEL, to be paid by 2024-05-20 (D9)"


def test_a_document_submitted_on_a_day_off_after_the_deadline_is_not_said_in_time() -> None:
    """Review 117 F6 (D24): October 2021's document, due Fri 5 Nov, submitted Sat 6 Nov or Sun 7
    Nov: no working day late (Saturday and Sunday are none), so nothing is deducted: 31 x 20 =
    620.00. It was explained as "in time" (D7), which it is not, without the decision it rests on."""
    for day in ("2021-11-06", "2021-11-07"):
        settled = vl.settle(vl.voucher_month("2021-10"), submitted_on=day)
        assert (settled.late_working_days, settled.payable) == (0, Decimal("620.00"))
        line = next(ln.strip() for ln in settled.explain().splitlines() if "submitted" in ln)
        assert line == (
            f"submitted {day}: after the deadline, but no working day has passed since it: 0 working days late, "
            "nothing deducted (D7, D24)"
        )
        assert "ვადის გასვლის შემდეგ" in settled.explain("ka") and settled.explain("ka") == settled.trace().explain(
            "ka"
        )
    in_time = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-05")  # the deadline itself
    assert "submitted 2021-11-05: in time, nothing deducted (D7)" in in_time.explain()


submission_offsets = st.integers(min_value=0, max_value=60)


@given(months_to_2026, st.booleans(), submission_offsets, submission_offsets, CALENDARS)
def test_a_later_submission_never_pays_more(month, disability, a, b, calendar) -> None:
    vm = vl.voucher_month(month, disability=disability, rules=RULES)
    early, late = sorted((a, b))
    base = month.next().first_day
    first = vl.settle(vm, submitted_on=base + dt.timedelta(days=early), calendar=calendar)
    second = vl.settle(vm, submitted_on=base + dt.timedelta(days=late), calendar=calendar)
    assert second.payable <= first.payable
    assert second.late_working_days >= first.late_working_days


@given(months_to_2026, st.booleans(), submission_offsets, CALENDARS)
def test_payable_is_the_amount_less_a_tenth_per_late_day_and_nothing_past_five(
    month, disability, offset, calendar
) -> None:
    vm = vl.voucher_month(month, disability=disability, rules=RULES)
    s = vl.settle(vm, submitted_on=month.next().first_day + dt.timedelta(days=offset), calendar=calendar)
    late = s.late_working_days
    if late <= 5:
        assert s.funded
        assert s.payable == (vm.amount * (1 - Decimal(late) / 10)).quantize(Decimal("0.01"), ROUND_HALF_UP)  # D3
    else:
        assert not s.funded and s.payable == 0
    assert s.amount - s.deduction == s.payable


@given(months_to_2026, submission_offsets, CALENDARS)
def test_late_working_days_are_the_working_days_after_the_deadline_up_to_submission(month, offset, calendar) -> None:
    submitted = month.next().first_day + dt.timedelta(days=offset)
    deadline = vl.submission_deadline(month, calendar=calendar, rules=RULES)
    by_hand = 0
    day = deadline + ONE_DAY
    while day <= submitted:
        by_hand += calendar.is_working_day(day)
        day += ONE_DAY
    assert vl.late_working_days(month, submitted, calendar=calendar, rules=RULES) == by_hand


def test_a_submission_before_the_service_month_is_an_error() -> None:
    # D10: 30 Sep is before October began; 1 Oct is the month's first day, which is read (in
    # time: due Fri 5 Nov, 0 late working days, 31 x 20 = 620.00 paid).
    with pytest.raises(vl.InvalidInput, match=r"submitted_on: got '2021-09-30'.*on or after the first day"):
        vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-09-30")
    first_day = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-10-01")
    assert (first_day.late_working_days, first_day.payable, first_day.funded) == (0, Decimal("620.00"), True)


def test_d19_a_document_more_than_ten_years_after_its_service_year_is_refused() -> None:
    # D19: for any month of 2021, a date after 31 Dec 2031. On 31 Dec 2031 the October 2021
    # document is read: far more than 5 working days late, so not funded (0.00, a rejection);
    # on 1 Jan 2032 it is refused as input, naming submitted_on.
    last = vl.settle(vl.voucher_month("2021-10"), submitted_on="2031-12-31")
    assert (last.payable, last.funded) == (Decimal("0.00"), False)
    assert last.late_working_days > 5
    with pytest.raises(vl.InvalidInput, match=r"submitted_on: got '2032-01-01'"):
        vl.settle(vl.voucher_month("2021-10"), submitted_on="2032-01-01")


def test_d19_holds_in_the_batch_engine_whatever_else_the_batch_holds() -> None:
    # Review 218 F1: a month ten years later in the same batch stretched the engine's table of working
    # days past 2032, and the October 2021 row submitted 5 Jan 2032 was "not funded, 2,513 working
    # days late" where one at a time it is refused (D19, as above). Rows alone and together agree.
    pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    def frame(months: list[str], submitted: list[str]) -> Any:
        return settle_frame(
            {
                "month": months,
                "enrolled_on": [None] * len(months),
                "discharged_on": [None] * len(months),
                "disability": [False] * len(months),
                "submitted_on": submitted,
            }
        )

    together = frame(["2021-10", "2031-12"], ["2032-01-05", "2032-01-05"])
    alone = frame(["2021-10"], ["2032-01-05"])
    assert together["status"].tolist()[0] == alone["status"].tolist()[0] == "invalid"
    assert "within 10 years of the service month 2021-10 (D19)" in together["reason"].tolist()[0]
    assert together["late_working_days"].tolist()[0] == 0


def test_not_funded_is_a_rejection_distinct_from_a_zero_amount() -> None:
    nothing_served = vl.voucher_month("2021-11", discharged_on="2021-10-31")
    on_time = vl.settle(nothing_served, submitted_on="2021-12-01")
    assert on_time.payable == 0 and on_time.funded
    too_late = vl.settle(vl.voucher_month("2021-11"), submitted_on="2021-12-14")
    assert too_late.payable == 0 and not too_late.funded
    assert "NOT FUNDED" in too_late.explain()


@pytest.mark.parametrize("first", ["funded", "not funded"])
def test_the_first_line_of_a_voucher_not_funded_says_so_not_a_sum_of_0(first: str) -> None:
    # Review 134 F2: the first line said "payable 0.00 GEL", as a month without a day served
    # does. November 2021 (due Mon 6 Dec): submitted 14 Dec is 7 Dec .. 14 Dec = 6 working days
    # late, more than 5: not funded; submitted 3 Dec, in time: 30 x 20.00 = 600.00. Each line is
    # its own whichever was said first (the lines are made from templates kept per shape).
    in_time = vl.settle(vl.voucher_month("2021-11"), submitted_on="2021-12-03")
    too_late = vl.settle(vl.voucher_month("2021-11"), submitted_on="2021-12-14")
    nothing_served = vl.settle(vl.voucher_month("2021-11", discharged_on="2021-10-31"), submitted_on="2021-12-01")
    order = [in_time, too_late] if first == "funded" else [too_late, in_time]
    for s in [*order, nothing_served]:
        for text in (s.explain(), s.trace().explain(), s.explain("ka"), s.trace().explain("ka")):
            assert text.count("\n") > 5
    assert too_late.explain().splitlines()[0] == "Settlement of service month 2021-11: NOT FUNDED, nothing payable (R2)"
    assert too_late.explain("ka").splitlines()[0] == (
        "ანგარიშსწორება, მომსახურების თვე 2021-11: არ ფინანსდება, ასანაზღაურებელი არაფერია (R2)"
    )
    assert in_time.explain().splitlines()[0] == "Settlement of service month 2021-11: payable 600.00 GEL (R2)"
    assert in_time.trace().explain("ka").splitlines()[0] == (
        "ანგარიშსწორება, მომსახურების თვე 2021-11: ასანაზღაურებელი 600.00 ლარი (R2)"
    )
    assert nothing_served.explain().splitlines()[0] == "Settlement of service month 2021-11: payable 0.00 GEL (R2)"
    for s in (in_time, too_late, nothing_served):
        assert s.explain() == s.trace().explain() and s.explain("ka") == s.trace().explain("ka")
        assert Step.from_dict(s.trace().to_dict()).explain() == s.explain()


def test_an_explanation_groups_the_thousands_of_its_sums_as_the_tables_do() -> None:
    # Review 134 F3: a table's "1,350.00" was "1350.00 GEL" in its explanation. A rule set of the
    # bundled 2021 year with a rate of 50.00 a day without a status (of its own, for this test):
    # November 2021, 30 x 50.00 = 1,500.00; submitted Tue 7 Dec, 1 working day late (due Mon 6
    # Dec): 10% of 1,500.00 = 150.00 deducted, payable 1,350.00. In Georgian the thousands are
    # parted with a space. Said the same by the text path and by the trace, twice over (kept).
    bundled = (Path(vl.__file__).parent / "data" / "program_2021.toml").read_text(encoding="utf-8")
    rate = 'values = [{ effective_from = 2021-10-01, value = "20", citation = "annex_2_12_art_4_para_5" }]'
    assert bundled.count(rate) == 1
    rules = vl.RuleSet.from_toml(bundled.replace(rate, rate.replace('"20"', '"50"')))
    s = vl.settle(vl.voucher_month("2021-11", rules=rules), submitted_on="2021-12-07")
    assert (s.amount, s.deduction, s.payable) == (Decimal("1500.00"), Decimal("150.00"), Decimal("1350.00"))
    for _ in range(2):
        en, ka = s.explain(), s.explain("ka")
        assert en == s.trace().explain() and ka == s.trace().explain("ka")
        assert en.splitlines()[0] == "Settlement of service month 2021-11: payable 1,350.00 GEL (R2)"
        assert "30 days without disability status x 50.00 GEL/day = 1,500.00 GEL (D2)" in en
        assert "amount: 1,500.00 GEL (rounded to the tetri, half up; D3)" in en
        assert "deduction: 10% x 1 = 10% of 1,500.00 GEL = 150.00 GEL (D8)" in en
        assert "payable: 1,350.00 GEL, to be paid by 2021-12-20 (D9)" in en
        assert ka.splitlines()[0] == "ანგარიშსწორება, მომსახურების თვე 2021-11: ასანაზღაურებელი 1 350.00 ლარი (R2)"
        assert "= 1 500.00 ლარი (D2)" in ka and "ასანაზღაურებელი: 1 350.00 ლარი" in ka
    # the data keeps the amounts as data, ungrouped
    assert s.trace().to_dict()["value"] == "1350.00"


def test_many_late_days_are_listed_up_to_the_first_past_the_most_funded_then_the_last() -> None:
    # Review 134 F5: the first eight and "..." showed neither the day that made the voucher not
    # funded nor the day the count ends on. October 2021, due Fri 5 Nov; working days after it:
    # 8-12 Nov, 15-19 Nov, 22 Nov, (23 Nov St George's Day), 24-26 Nov, 29-30 Nov, 1 Dec.
    october = vl.voucher_month("2021-10")
    # submitted Wed 1 Dec: 5 + 5 + 1 + 3 + 2 + 1 = 17 late; the first 6 (the 6th is "more than
    # 5"), then the last, 1 Dec
    lines = vl.settle(october, submitted_on="2021-12-01").explain().splitlines()
    assert lines[6] == (
        "  submitted 2021-12-01: 17 working days late (2021-11-08, 2021-11-09, 2021-11-10, 2021-11-11, "
        "2021-11-12, 2021-11-15, ..., 2021-12-01; D7)"
    )
    # submitted Sat 20 Nov: 10 late, the last Fri 19 Nov
    assert (
        "10 working days late (2021-11-08, 2021-11-09, 2021-11-10, 2021-11-11, 2021-11-12, 2021-11-15, ..., 2021-11-19; D7)"
        in (vl.settle(october, submitted_on="2021-11-20").explain("ka")).replace(
            "სამუშაო დღით დაგვიანებით", "working days late"
        )
    )
    # submitted Wed 17 Nov: 8 late, all listed
    assert "(2021-11-08, 2021-11-09, 2021-11-10, 2021-11-11, 2021-11-12, 2021-11-15, 2021-11-16, 2021-11-17; D7)" in (
        vl.settle(october, submitted_on="2021-11-17").explain()
    )


def test_the_settlement_explains_the_roll_over_the_lateness_and_the_deduction() -> None:
    s = vl.settle(vl.voucher_month("2021-11"), submitted_on="2021-12-09")
    text = s.explain()
    # 5 Dec 2021 is a Sunday: due Mon 6 Dec; late 7, 8, 9 Dec = 3; 600 x 30% = 180.00; payable 420.00.
    assert "document due on 2021-12-05, not a working day (Sunday); rolled to 2021-12-06" in text
    assert "3 working days late (2021-12-07, 2021-12-08, 2021-12-09" in text
    assert "deduction: 10% x 3 = 30% of 600.00 GEL = 180.00 GEL" in text
    assert "payable: 420.00 GEL, to be paid by 2021-12-20" in text
    assert (
        "Annex 2.12, Art. 4, para 5 of the State Program approved by Government Decree No. 825 of 31 Dec 2020, as worded by Decree No. 467 of 15 Sep 2021, Art. 1, para 2(k.b.b)"
        in text
    )


def test_settle_uses_the_rule_set_the_voucher_month_was_computed_with() -> None:
    vm = vl.voucher_month("2022-03", rules=RULES)
    assert vl.settle(vm, submitted_on="2022-04-05").payable == Decimal("620.00")  # 31 x 20, in time


@given(months_2021, st.integers(0, 10))
def test_settlement_is_deterministic_and_frozen(month, offset) -> None:
    vm = vl.voucher_month(month)
    s = vl.settle(vm, submitted_on=month.next().day(1 + offset))
    assert s == vl.settle(vm, submitted_on=month.next().day(1 + offset))
    with pytest.raises(dataclasses.FrozenInstanceError):  # a frozen dataclass
        s.payable = Decimal(0)  # type: ignore[misc]


def test_the_explanation_in_georgian_cites_the_decree_in_georgian() -> None:
    s = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-09")
    text = s.explain(lang="ka")
    # 31 x 20 = 620.00; 2 late working days (8, 9 Nov): 20% = 124.00; payable 496.00
    assert "31 დღე შეზღუდული შესაძლებლობის სტატუსის გარეშე × 20.00 ლარი/დღე = 620.00 ლარი" in text
    assert "დაქვითვა: 10% × 2 = 620.00 ლარის 20% = 124.00 ლარი" in text
    assert "ასანაზღაურებელი: 496.00 ლარი" in text
    assert (
        "საქართველოს მთავრობის 2020 წლის 31 დეკემბრის №825 დადგენილებით დამტკიცებული სახელმწიფო პროგრამის "
        "№2.12 დანართის მე-4 მუხლის მე-5 პუნქტი (საქართველოს მთავრობის 2021 წლის 15 სექტემბრის №467 "
        "დადგენილების პირველი მუხლის მე-2 პუნქტის „კ.ბ.ბ“ ქვეპუნქტის რედაქციით)"
    ) in text
    with pytest.raises(vl.InvalidInput, match="lang: got 'fr'"):
        s.explain(lang="fr")


def test_d21_a_september_2021_month_has_its_deadline_but_no_amount_so_no_settlement_anywhere(tmp_path) -> None:
    # R2's timing is that of the amended text in force when the document falls due (D16): the
    # deadline is Tue 5 Oct 2021, and a submission on Wed 13 Oct is 6 working days late (6, 7, 8,
    # 11, 12, 13 Oct). The rates apply to service days from 1 Oct 2021 (D4): a September day has no
    # rate, so every computation that needs the amount refuses the whole month (D21).
    assert vl.submission_deadline("2021-09") == dt.date(2021, 10, 5)
    assert vl.late_working_days("2021-09", "2021-10-13") == 6
    with pytest.raises(vl.RuleNotInForce, match="2021-09-01"):
        vl.voucher_month("2021-09", enrolled_on="2021-08-01")
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    row = settle_frame(september_frame(pd, "2021-10-13")).iloc[0]
    assert "2021-09-01" in row["reason"] and not row["funded"] and row["payable_tetri"] == 0
    line = september_line(tmp_path, "2021-10-05")
    assert line.verdict == "invalid" and "2021-09-01" in (line.reason or "")


def september_frame(pd: Any, submitted: str) -> Any:
    """A frame of one September 2021 voucher-month (enrolled in August, no status) submitted on ``submitted``."""
    return pd.DataFrame(
        {"month": ["2021-09"], "enrolled_on": ["2021-08-01"], "discharged_on": [None], "disability": [False],
         "submitted_on": [submitted]}
    )  # fmt: skip


def september_line(tmp_path: Any, submitted: str) -> vl.AuditLine:
    """The audit line of an invoice of that voucher-month, 600.00 claimed."""
    invoice = tmp_path / "invoice.csv"
    invoice.write_text(
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        f"A,a,2021-09,2021-08-01,,no,600,{submitted}\n",
        encoding="utf-8",
    )
    (line,) = vl.audit_invoice(invoice).lines
    return line


def test_d24_a_submission_on_a_non_working_day_after_the_deadline_counts_only_working_days() -> None:
    # October 2021: deadline Fri 5 Nov 2021. Submitted Sat 6 Nov: no working day d with 5 Nov < d <= 6 Nov,
    # so 0 days late and 620.00 paid in full. The other reading (received on Mon 8 Nov): 1 day, 558.00.
    vm = vl.voucher_month("2021-10", enrolled_on="2021-01-01")
    assert vl.settle(vm, submitted_on="2021-11-06").payable == Decimal("620.00")
    next_day = vl.WorkingCalendar().next_working_day(dt.date(2021, 11, 6))
    assert next_day == dt.date(2021, 11, 8)
    assert vl.settle(vm, submitted_on=next_day).payable == Decimal("558.00")  # 620 - 62


def latin_words(text: str) -> set[str]:
    """The words in Latin letters, leaving out decision and rule ids (D6, R4) and names (the
    library's own, which the example rule set's Georgian note names as the source of the years it
    assumes)."""
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if not re.fullmatch(r"[DR]\d*", w) and w != "voucherlib"}


@pytest.mark.parametrize(
    ("month", "submitted", "reason"),
    [
        ("2021-11", "2021-12-09", "კვირა"),  # 5 Dec 2021 is a Sunday
        ("2021-12", "2022-01-20", "დადგენილებით განსაზღვრული უქმე დღე"),  # 5 Jan 2022: a declared day off
        ("2024-04", "2024-05-08", "აღდგომა (საქართველოს შრომის კოდექსის 30-ე მუხლი)"),  # 5 May 2024: Easter Sunday
    ],
)
def test_a_georgian_explanation_has_no_english_word(month: str, submitted: str, reason: str) -> None:
    rules = ruleset_through_2026()
    vm = vl.voucher_month(month, enrolled_on="2021-01-01", disability=[("2021-01-01", "2021-11-15")], rules=rules)
    text = vl.settle(vm, submitted_on=submitted).explain("ka")
    assert reason in text
    assert latin_words(text) == set(), text


def test_a_georgian_facility_explanation_has_no_english_word() -> None:
    fm = vl.facility_month(
        "2021-09",
        city="tbilisi",
        service="day_centre",
        limit=30,
        occupancy=25,
        daily_rate="12",
        compensation_within_cap=True,
    )
    assert latin_words(fm.explain("ka")) == set()
    assert (
        latin_words(vl.facility_month("2021-09", city="gori", service="shelter", limit=5, occupancy=2).explain("ka"))
        == set()
    )


def test_the_target_group_of_annex_2_12_is_translated_aged_18_to_under_21() -> None:
    # „სახელმწიფო ზრუნვის სისტემიდან გასული 18 – 21 წლამდე ახალგაზრდების“: "წლამდე" is "under (the age of)".
    budget = vl.budget("2.12")
    assert "18 – 21 წლამდე" in budget.title_ka and "aged 18 to under 21" in budget.title
    assert "18-21" not in vl.budget("2.13").title


def test_d21_a_september_2021_document_past_5_late_working_days_is_said_not_funded_whatever_its_amount(
    tmp_path,
) -> None:
    """R2's worked example: service September 2021, deadline Tue 5 Oct 2021, submitted Wed 13 Oct
    2021: 6 late working days (6, 7, 8, 11, 12, 13 Oct), more than 5, so not funded (D8), an outcome
    that needs no amount. The month still has no amount (D21), so the row stays without one, but
    its reason now says the outcome; on Tue 12 Oct (5 days late, 50% deducted) the amount decides,
    and the reason does not."""
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    said = (  # (the deadline and the late days said too: review 270 F5)
        "not funded whatever its amount: submitted 6 working days late (due by 2021-10-05 (D6, D16), late on"
        " 2021-10-06, 2021-10-07, 2021-10-08, 2021-10-11, 2021-10-12, 2021-10-13 (D7); more than 5"
    )
    late = settle_frame(september_frame(pd, "2021-10-13")).iloc[0]
    assert said in late["reason"] and late["status"] == "invalid" and late["payable_tetri"] == 0
    assert "not funded" not in settle_frame(september_frame(pd, "2021-10-12")).iloc[0]["reason"]
    line = september_line(tmp_path, "2021-10-13")
    assert said in line.reason_text("en") and "6 სამუშაო დღით" in line.reason_text("ka")
    assert "not funded" not in line.reason_text("ka") and "working days" not in line.reason_text("ka")
    error = pickle.loads(pickle.dumps(line.error))  # (an error travels between processes whole)
    assert str(error) == str(line.error) and error.message("ka") == line.reason_text("ka")
    late, most = error.not_funded  # (a pair, as before: review 272 F5)
    assert (late, most) == (6, 5) and error.not_funded_days is not None
    error.not_funded = (6, 5, "2021-10-05", "...")  # (four items, as a commit of the mends stored them: 273 F2)
    assert "6 სამუშაო დღით" in error.message("ka")
    del error.not_funded_days  # (pickled by that commit: its four items say the deadline, in Georgian too: 274 F6)
    assert "2021-10-05" in str(error) and "2021-10-05" in error.message("ka")
    from voucherlib.reports.findings import error_decision

    del error.not_funded  # (pickled before it existed: the month's decision, not an AttributeError: 274 F2)
    assert error_decision(error) == "D21"
    # submitted Fri 15 Oct: 6, 7, 8, 11, 12, 13 and 15 Oct, 7 days; Thu 14 Oct (Mtskhetoba, a
    # Labour Code holiday) not counted, and said (review 272 F2)
    fifteenth = settle_frame(september_frame(pd, "2021-10-15")).iloc[0]["reason"]
    assert (
        "submitted 7 working days late (due by 2021-10-05 (D6, D16), late on 2021-10-06, 2021-10-07, 2021-10-08,"
        " 2021-10-11, 2021-10-12, 2021-10-13, 2021-10-15; not counted, no working day: 2021-10-14 (D7); more than 5"
    ) in fifteenth


def test_a_september_2021_document_a_thousand_working_days_late_says_its_count_grouped() -> None:
    # Review 137 F1 (rest): "submitted 1079 working days late" beside the explanations' "1,079".
    # September 2021 (no rate: D21) submitted 2 Mar 2026: more than four years of working days
    # late (about 250 a year), not funded whatever its amount; the count said with its thousands
    # grouped, in English and Georgian.
    import re

    import pandas as pd

    row = {"beneficiary_id": "B-1", "month": "2021-09", "enrolled_on": "2021-01-01", "submitted_on": "2026-03-02"}
    (settled,) = vl.settle_file(pd.DataFrame([{**row, "discharged_on": "", "disability": "no"}])).rows
    assert settled.settlement is None and settled.error is not None
    assert re.search(
        r"not funded whatever its amount: submitted 1,[0-9]{3} working days late \(due by 2021-10-05 \(D6, D16\), late"
        r" on 2021-10-06, 2021-10-07, 2021-10-08, 2021-10-11, 2021-10-12, 2021-10-13, \.\.\., 2026-03-02 \(D7\); more"
        r" than 5;",
        settled.error,
    )


def test_a_submission_day_refused_is_named_a_date_whatever_type_it_was_given() -> None:
    # Review 210 F2: a date, a datetime64 or a Timestamp submitted more than 10 years after the
    # month (D19), or before it (D10), was named "got '2102-01-01' (str)": a date said to be text.
    # The ISO day stays (numpy's and pandas' own writing of it changes with their versions).
    # Review 226 F2: named by the type given, the same cell was named otherwise by each path (a
    # frame's column, a file's cell, the line-by-line audit); every day read is named a date.
    import datetime as dt

    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    vm = vl.voucher_month("2021-10", disability=False)
    for day in (dt.date(2102, 1, 1), np.datetime64("2102-01-01"), pd.Timestamp("2102-01-01"), "2102-01-01"):
        with pytest.raises(vl.InvalidInput) as refused:
            vl.settle(vm, submitted_on=day)
        assert str(refused.value).startswith("submitted_on: got '2102-01-01' (date); expected a date within 10 years")
    with pytest.raises(vl.InvalidInput, match=r"got '2021-09-30' \(date\); expected a date on or after"):
        vl.settle(vm, submitted_on=dt.date(2021, 9, 30))
    with pytest.raises(vl.InvalidInput, match=r"got '2021-09-30' \(date\)"):  # (a text as given, named a date)
        vl.settle(vm, submitted_on="2021-09-30")


def test_d52_days_counted_after_the_declared_days_off_known_are_said() -> None:
    # Review 275 F2: December 2026 is due Tue 5 Jan 2027 by the days off known (the data were last
    # searched on 2 Dec 2026; a decree of early January 2027 cannot be known to this release).
    # Submitted Tue 12 Jan 2027: late on 6, 8, 11, 12 Jan (7 Jan Christmas): 4 days, 620.00 x 60% =
    # 372.00; were 4-6 Jan 2027 declared, due Fri 8 Jan, late on 11 and 12 Jan: 620.00 x 80% = 496.00.
    # Either way the explanation says that days after 2 Dec 2026 are counted as no declared day off.
    from voucherlib.cli import example_path

    rules = vl.RuleSet.default().extend(example_path("continuation_2022_2026.toml"))
    december = vl.voucher_month("2026-12", rules=rules)
    known = vl.WorkingCalendar().days_off_known_through
    assert known == dt.date(2026, 12, 2)
    said = "the days off the Government declared are known through 2026-12-02"
    default = vl.settle(december, submitted_on="2027-01-12", rules=rules)
    assert (default.deadline, default.late_working_days, default.payable) == (dt.date(2027, 1, 5), 4, vl.gel("372.00"))
    early = vl.WorkingCalendar(extra_non_working_days=["2027-01-04", "2027-01-05", "2027-01-06"])
    given = vl.settle(december, submitted_on="2027-01-12", rules=rules, calendar=early)
    assert (given.deadline, given.late_working_days, given.payable) == (dt.date(2027, 1, 8), 2, vl.gel("496.00"))
    for s in (default, given):
        text = s.explain()
        assert said in text and "(a day off declared since is not counted unless given to the calendar; D52)" in text
        assert "2026-12-02-ის ჩათვლით" in s.explain("ka")
        assert text == s.trace().explain()  # (the text made without the trace says what the trace says)
        assert [step.key for step in s.trace().children if step.decisions == ("D52",)] == ["settle.days_off_unknown"]
    # October 2026, due Thu 5 Nov 2026 and submitted that day: every day counted is known, nothing said
    october = vl.settle(vl.voucher_month("2026-10", rules=rules), submitted_on="2026-11-05", rules=rules)
    assert said not in october.explain() and "D52" not in october.trace().explain()
    # November 2026 (due Mon 7 Dec: the 5th a Saturday) submitted on the 7th: a day after 2 Dec, said
    november = vl.settle(vl.voucher_month("2026-11", rules=rules), submitted_on="2026-12-07", rules=rules)
    assert november.deadline == dt.date(2026, 12, 7) and said in november.explain()
    # the Labour Code alone counts no declared day: nothing to know, nothing said
    labour_code = vl.settle(december, submitted_on="2027-01-12", rules=rules, calendar=vl.WorkingCalendar(False))
    assert vl.WorkingCalendar(False).days_off_known_through is None and said not in labour_code.explain()


def test_d52_a_summary_names_the_rows_counted_on_days_off_not_known(tmp_path: Path, capsys: Any) -> None:
    # Review 275 F2: the summaries of settle and audit name the rows whose days counted reach past 2 Dec
    # 2026 (D52): row 2, December 2026 submitted 12 Jan 2027 (due 5 Jan: 4 days late, 620.00 x 60% =
    # 372.00), and row 4, November 2026 due and submitted Mon 7 Dec 2026 (in time: 600.00); not row 3,
    # October 2026, due and submitted Thu 5 Nov 2026 (in time: 620.00).
    from voucherlib.cli import example_path, main

    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "A,2026-12,,,no,620.00,2027-01-12\n"
        "B,2026-10,,,no,620.00,2026-11-05\n"
        "C,2026-11,,,no,600.00,2026-12-07\n",
        encoding="utf-8",
    )
    said = "counted on days after 2026-12-02, whose declared days off this release does not know"
    rules = vl.RuleSet.default().extend(example_path("continuation_2022_2026.toml"))
    report = vl.audit_invoice(path, rules=rules)  # (a plain file: the audit in columns)
    assert report._table is not None
    assert [ln.payable for ln in report.lines] == [vl.gel("372.00"), vl.gel("620.00"), vl.gel("600.00")]
    assert f"{said} (a day off declared since is not counted unless given; D52): rows 2, 4" in report.summary_line()
    from voucherlib.reports.audit import InvoiceLine

    lines = [  # (lines given as objects: the audit line by line, its lines labelled 1 and 2)
        InvoiceLine(beneficiary_id="A", month="2026-12", claimed="620.00", submitted_on="2027-01-12"),
        InvoiceLine(beneficiary_id="B", month="2026-10", claimed="620.00", submitted_on="2026-11-05"),
    ]
    one_by_one = vl.audit_invoice(lines, rules=rules)
    assert (
        one_by_one._table is None
        and f"{said} (a day off declared since is not counted unless given; D52): row 1" in (one_by_one.summary_line())
    )
    assert main(["settle", str(path), "--rules", "through_2026", "-q"]) == 0
    assert f"{said} (a day off declared since is not counted unless given; D52): rows 2, 4" in capsys.readouterr().out
    assert main(["audit", str(path), "--rules", "through_2026", "--format", "csv", "--lang", "ka"]) == 1
    assert "2026-12-02-ის შემდეგი დღეების გათვალისწინებით" in capsys.readouterr().err
    # given the days off of a decree of early 2027, the summary names the days given
    assert main(["settle", str(path), "--rules", "through_2026", "--day-off", "2027-01-06", "-q"]) == 0
    assert "rows 2, 4; days off counted: " in capsys.readouterr().out
    settled = vl.settle_file(path, rules=rules)  # (review 277 F7: settle_file's rows so counted)
    assert (settled.past_known_days_off().count, settled.past_known_days_off().rows) == (2, [2, 4])
    # past ten rows, how many in all (review 277 F3): 12 rows of December 2026 submitted 12 Jan 2027
    many = tmp_path / "many.csv"
    many.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        + "".join(f"A{k},2026-12,,,no,620.00,2027-01-12\n" for k in range(12)),
        encoding="utf-8",
    )
    assert "rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ... (12 in all)" in vl.audit_invoice(many, rules=rules).summary_line()
    labour_code = vl.audit_invoice(path, rules=rules, calendar=vl.WorkingCalendar(declared_days_off=False))
    assert said not in labour_code.summary_line()  # (the Labour Code alone counts no declared day)
