"""Hardening: every public entry point answers any input with a result or a VoucherError.

Hypothesis throws arbitrary and adversarial values at every parameter: wrong types, None, NaN
and infinity, floats as money, negative and huge counts, dates in year 1 and 9999, month 13,
strings with control characters. The only acceptable outcomes are a result of the documented
type or a ``VoucherError`` whose message names the field ("field: got ...; expected ...").
A longer run: ``HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_hostile_input.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from tests.strategies import Boom, ListIteration, TupleLength
from voucherlib.batch import settle_frame
from voucherlib.core.phrases import say
from voucherlib.reports.audit import COLUMN_NAMES, audit_invoice

hostile_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=30) | st.sampled_from(
    ["2021-13", "2021-00", "0000-01", "9999-12", "2021-10\x00", "=1+1", "\r\n", "2021-02-30", "NaN", "-1", "1e999"]
)
hostile_dates = st.sampled_from([dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30)]) | st.dates()
hostile_numbers = (
    st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.decimals(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0, -1, 10**9, True, False])
)
anything = st.one_of(
    st.none(),
    hostile_text,
    hostile_dates,
    st.datetimes(),
    hostile_numbers,
    st.lists(st.none() | hostile_dates | hostile_text, max_size=3),
    st.tuples(st.none() | hostile_dates | hostile_text, st.none() | hostile_dates | hostile_text),
    st.dictionaries(hostile_text, st.integers(), max_size=3),
    st.binary(max_size=5),
    st.builds(vl.Month, st.integers(1, 9998), st.integers(1, 12)),
)


def answers_or_refuses(call: Callable[[], Any], result_type: type | tuple[type, ...] | None = None) -> None:
    try:
        result = call()
    except vl.InvalidInput as exc:  # one shape: the field, the value as given, what was expected
        text = str(exc)
        assert exc.field and text.startswith(f"{exc.field}: got ") and "expected" in text, text
        return
    except vl.RuleNotInForce as exc:
        assert "no rule for" in str(exc), str(exc)
        return
    if result_type is not None:
        assert isinstance(result, result_type), type(result)


INVOICE_COLUMNS = [c for c in COLUMN_NAMES if c != "provider"]  # the optional provider column left out
GOOD = {
    "month": "2021-10",
    "enrolled_on": None,
    "discharged_on": None,
    "disability": False,
    "count_discharge_day": True,
}


@given(st.sampled_from(sorted(GOOD)), anything)
def test_voucher_month_with_any_value_in_any_parameter(name: str, value: Any) -> None:
    answers_or_refuses(lambda: vl.voucher_month(**(GOOD | {name: value})), vl.VoucherMonth)


@given(anything, anything, anything)
def test_voucher_month_with_any_values_everywhere(month: Any, enrolled: Any, disability: Any) -> None:
    answers_or_refuses(lambda: vl.voucher_month(month, enrolled_on=enrolled, disability=disability), vl.VoucherMonth)


@given(anything, st.sampled_from([None, vl.WorkingCalendar(), "GE", 5]))
def test_settle_and_the_deadline_functions_with_any_date(value: Any, calendar: Any) -> None:
    vm = vl.voucher_month("2021-10")
    answers_or_refuses(lambda: vl.settle(vm, submitted_on=value, calendar=calendar), vl.Settlement)
    answers_or_refuses(lambda: vl.late_working_days(value, "2021-11-10", calendar=calendar), int)
    answers_or_refuses(lambda: vl.late_working_days("2021-10", value, calendar=calendar), int)
    answers_or_refuses(lambda: vl.submission_deadline(value, calendar=calendar), dt.date)
    answers_or_refuses(lambda: vl.payment_due_date(value), dt.date)


@given(anything, anything, anything, anything)
def test_annex_2_8_functions_with_any_values(service: Any, limit: Any, occupancy: Any, city: Any) -> None:
    answers_or_refuses(
        lambda: vl.unfilled_place_compensation("2021-09", service=service, limit=limit, occupancy=occupancy),
        vl.PlaceCompensation,
    )
    answers_or_refuses(
        lambda: vl.facility_month("2021-09", city=city, service="shelter", limit=10, occupancy=3, daily_rate=limit),
        vl.FacilityMonth,
    )
    answers_or_refuses(lambda: vl.paid_beneficiary_cap(city, service), (int, type(None)))


@given(anything, anything)
def test_reference_data_functions_with_any_values(a: Any, b: Any) -> None:
    answers_or_refuses(lambda: vl.limit_table(a), vl.LimitTable)
    answers_or_refuses(lambda: vl.limit_table("2.4").lookup(a, b), int)
    answers_or_refuses(lambda: vl.budget(a), vl.Budget)
    answers_or_refuses(lambda: vl.budget_in_use("2.12", a), vl.BudgetUse)
    answers_or_refuses(lambda: vl.in_early_development_target_group(a, b), vl.TargetGroupCheck)
    answers_or_refuses(lambda: vl.required_workers(a), int)
    answers_or_refuses(lambda: vl.check_housing_units(a), vl.HousingCheck)
    answers_or_refuses(lambda: vl.limits_in_use("2.2", a), vl.LimitUse)


@given(anything, anything)
def test_values_and_models_with_any_values(a: Any, b: Any) -> None:
    answers_or_refuses(lambda: vl.Month.of(a), vl.Month)
    answers_or_refuses(lambda: vl.Month(a, b), vl.Month)
    answers_or_refuses(lambda: vl.gel(a), Decimal)
    answers_or_refuses(lambda: vl.WorkingCalendar(declared_days_off=a), vl.WorkingCalendar)
    answers_or_refuses(
        lambda: vl.WorkingCalendar(extra_non_working_days=[a], extra_working_days=[b]), vl.WorkingCalendar
    )
    answers_or_refuses(lambda: vl.StatusPeriod(start=a, end=b), vl.StatusPeriod)
    answers_or_refuses(lambda: vl.WorkingCalendar().is_working_day(a), bool)
    answers_or_refuses(lambda: vl.WorkingCalendar().next_working_day(a), dt.date)


@given(
    st.lists(
        st.fixed_dictionaries(
            {k: anything for k in ("month", "enrolled_on", "discharged_on", "disability", "submitted_on")}
        ),
        max_size=6,
    )
)
def test_the_batch_with_any_cells_returns_every_row_settled_or_with_a_reason(rows: list[dict[str, Any]]) -> None:
    frame = pd.DataFrame(rows, columns=["month", "enrolled_on", "discharged_on", "disability", "submitted_on"])
    out = settle_frame(frame)
    assert len(out) == len(rows)
    for i in range(len(rows)):
        reason = out["reason"].iloc[i]
        assert reason is None or (": got " in reason or "no rule for" in reason), reason
        if reason is not None:
            assert out["payable_tetri"].iloc[i] == 0 and not out["funded"].iloc[i]


@given(st.lists(st.fixed_dictionaries({k: anything for k in INVOICE_COLUMNS}), max_size=6))
def test_an_invoice_frame_with_any_cells_returns_every_line(rows: list[dict[str, Any]]) -> None:
    report = audit_invoice(pd.DataFrame(rows, columns=INVOICE_COLUMNS))
    # every row, one of NaN or None too (review 29); a row of blank texts alone is a blank line, skipped
    blank = sum(all(isinstance(v, str) and not v.strip() for v in row.values()) for row in rows)
    assert len(report.lines) == len(rows) - blank
    for line in report.lines:
        assert line.verdict != "invalid" or line.reason


@pytest.mark.parametrize("start", [0, 1_637_020_800, "1637020800", b"2021-11-16", "2021-11-16T00:00:00Z", 16.0])
def test_a_status_period_made_directly_reads_its_dates_as_every_date_is_read(start: Any) -> None:
    # review 70: StatusPeriod(start=0) was 1970-01-01 by pydantic's own reading, an open period
    # paying all November 2021 at 30 GEL (900.00) where the pair (0, None) is refused
    with pytest.raises(vl.InvalidInput, match=r"StatusPeriod\.start: got"):
        vl.StatusPeriod(start=start, end=None)
    assert vl.StatusPeriod(start="2021-11-16", end=None).start == dt.date(2021, 11, 16)


@pytest.mark.parametrize(
    "make",
    [
        lambda: vl.StatusPeriod(start="2021-11-05", End="2021-11-09"),  # a misspelt end, dropped: 860.00 paid
        lambda: vl.StatusPeriod(strat="2021-11-05", end="2021-11-09"),
        lambda: vl.StatusPeriod(),  # status all month, where {} is refused (D32)
        lambda: vl.StatusPeriod(start="2021-11-05"),  # an end not named
        lambda: vl.StatusPeriod.model_validate({"start": "2021-11-05", "stop": "2021-11-09"}),
        lambda: vl.StatusPeriod.model_validate({}),
        lambda: vl.StatusPeriod.model_validate_json('{"start": "2021-11-05"}'),
        lambda: vl.StatusPeriod.model_validate_strings({"start": "2021-11-05"}),  # (review 72)
        lambda: vl.StatusPeriod("2021-11-05", "2021-11-09"),  # positional: a bare TypeError
        lambda: vl.StatusPeriod(start="2021-11-05", end=None).model_copy(update={"edn": "2021-11-09"}),
        lambda: vl.voucher_month("2021-11", disability=[vl.StatusPeriod.model_construct(start=dt.date(2021, 11, 5))]),
    ],
)
def test_a_status_period_names_both_ends_and_nothing_else(make: Callable[[], Any]) -> None:
    # review 71: an unknown keyword was dropped and a missing end left the period open
    # (November 2021, 5-9 Nov with status: 5 x 30 + 25 x 20 = 650.00 meant, 860.00 paid)
    with pytest.raises(vl.InvalidInput, match=r"StatusPeriod|disability\[0\]"):
        make()
    with pytest.raises(vl.InvalidInput, match=r"StatusPeriod\.End: got '2021-11-09'"):  # the misspelt key named
        vl.StatusPeriod(start="2021-11-05", End="2021-11-09")
    period = vl.StatusPeriod(start="2021-11-05", end="2021-11-09")
    assert vl.voucher_month("2021-11", enrolled_on="2021-10-01", disability=[period]).amount == Decimal("650.00")


def test_a_name_that_is_no_field_of_a_status_period_is_said_with_its_fields_in_both_languages() -> None:
    # review 73: a misspelt key was refused in pydantic's words ("Extra inputs are not
    # permitted"), which name neither the fields nor the likely mistake, in English alone
    for make in (
        lambda: vl.StatusPeriod(start="2021-11-05", End="2021-11-09"),
        lambda: vl.StatusPeriod.model_validate({"start": "2021-11-05", "End": "2021-11-09"}),
        lambda: vl.StatusPeriod(start="2021-11-05", end=None).model_copy(update={"End": "2021-11-09"}),
    ):
        with pytest.raises(vl.InvalidInput) as caught:
            make()
        assert str(caught.value) == (
            "StatusPeriod.End: got '2021-11-09' (str); expected one of StatusPeriod's fields (start, end):"
            " no field is named so (a misspelt name?)"
        )
        assert "'StatusPeriod'-ის ერთ-ერთი ველი (start, end)" in caught.value.message("ka")
    with pytest.raises(vl.InvalidInput) as missing:
        vl.StatusPeriod(start="2021-11-05")
    assert str(missing.value) == "StatusPeriod.end: got None (NoneType); expected a value: the field is required"
    assert "ველი სავალდებულოა" in missing.value.message("ka")


@pytest.mark.parametrize("end", ["garbage", 0, "2021-11-09T00:00:00Z", dt.datetime(2021, 11, 9, 5)])
def test_a_copy_of_a_status_period_reads_its_new_ends_as_every_date_is_read(end: Any) -> None:
    # review 73: model_copy(update={"end": "garbage"}) was taken as it was (every reader of the
    # period refused it later, but the copy itself held a text where a date belongs)
    period = vl.StatusPeriod(start="2021-11-05", end=None)
    with pytest.raises(vl.InvalidInput, match=r"StatusPeriod\.end: got"):
        period.model_copy(update={"end": end})
    copied = period.model_copy(update={"end": "2021-11-09"})
    assert copied.end == dt.date(2021, 11, 9)
    # 5-9 Nov with status: 5 x 30 + 25 x 20 = 650.00
    assert vl.voucher_month("2021-11", enrolled_on="2021-10-01", disability=[copied]).amount == Decimal("650.00")


@pytest.mark.parametrize("period", [{}, {"start": dt.date(2021, 11, 16)}, {"end": dt.date(2021, 11, 15)}])
def test_a_status_period_given_as_a_mapping_names_both_of_its_ends(period: dict[str, Any]) -> None:
    # review 70: {} was status all November (30 x 30 = 900.00) where the text '..' is refused
    # (D32), and {"start": 16 Nov} a period still held; a mapping names start and end (None: open)
    with pytest.raises(vl.InvalidInput, match=r"disability\[0\]"):
        vl.voucher_month("2021-11", disability=[period])
    # 15 days without status x 20 + 15 with x 30 = 750.00
    both = {"start": dt.date(2021, 11, 16), "end": None}
    assert vl.voucher_month("2021-11", disability=[both]).amount == Decimal("750.00")


def test_arrow_status_periods_of_a_struct_without_both_ends_or_a_map_are_refused() -> None:
    # review 70: a list<struct<>> cell paid 900.00, a struct with a start alone was a period still
    # held (750.00), and a map<date32, date32> was read as (start, end) pairs: none is a period form
    pa = pytest.importorskip("pyarrow")
    day = dt.date(2021, 11, 16)
    base = {"month": ["2021-11"], "enrolled_on": [None], "discharged_on": [None], "submitted_on": ["2021-12-01"]}
    for column in (
        pa.array([[{}]], pa.list_(pa.struct([]))),
        pa.array([[{"start": day}]], pa.list_(pa.struct([("start", pa.date32())]))),
        pa.array([[(day, dt.date(2021, 11, 20))]], pa.map_(pa.date32(), pa.date32())),
    ):
        out = settle_frame(pa.table({**base, "disability": column}))
        assert (out["status"][0], out["amount_tetri"][0]) == ("invalid", 0), column.type
        assert out["reason"][0].startswith("disability"), out["reason"][0]
    # a struct of both ends is a period: 16 to 20 Nov with status, 5 x 30 + 25 x 20 = 650.00
    both = pa.array(
        [[{"start": day, "end": dt.date(2021, 11, 20)}]],
        pa.list_(pa.struct([("start", pa.date32()), ("end", pa.date32())])),
    )
    assert settle_frame(pa.table({**base, "disability": both}))["amount_tetri"].tolist() == [65000]


@pytest.mark.parametrize(
    "on", ["2021-10-15", dt.datetime(2021, 10, 15), pd.Timestamp("2021-10-15"), dt.date(2021, 10, 15)]
)
def test_the_day_of_a_service_standard_is_read_as_every_date_is(on: Any) -> None:
    # review 74: anything but a datetime.date was a bare TypeError. One worker per 25 or part of
    # 25 (R9): 26 beneficiaries need 2; a safe housing unit houses at most 3 (R9 "a"), so 4 is over.
    assert vl.required_workers(26, on=on) == 2
    assert vl.check_housing_units({"flat": 4}, on=on).over == (("flat", 4),)
    for bad in ("2021-10", dt.datetime(2021, 10, 15, 12), 20211015):
        with pytest.raises(vl.InvalidInput, match=r"^on: got"):
            vl.required_workers(26, on=bad)
        with pytest.raises(vl.InvalidInput, match=r"^on: got"):
            vl.check_housing_units({"flat": 4}, on=bad)


@pytest.mark.parametrize("born", [dt.date(9999, 12, 31), "9995-01-01"])
def test_a_birth_date_whose_seventh_birthday_is_past_the_calendar_is_refused_naming_it(born: Any) -> None:
    # review 74: 9999-12-31 (a records system's "unknown") was a bare ValueError (year 10006)
    with pytest.raises(vl.InvalidInput, match=r"^birth_date: got .*7th birthday is a day of the calendar"):
        vl.in_early_development_target_group(born, "2021-10")
    # the last birth date that can be checked: its 7th birthday is 9998-12-31 (a Month's last year)
    assert vl.in_early_development_target_group("9991-12-31", "2021-10").reason == "not_born_yet"
    with pytest.raises(vl.InvalidInput, match=r"^birth_date: got '9992-01-01'"):
        vl.in_early_development_target_group("9992-01-01", "2021-10")


def test_an_amounts_decimal_separator_and_places_that_are_no_such_thing_are_refused_naming_them() -> None:
    # review 74: pd.NA as the separator was a bare TypeError ("boolean value of NA is ambiguous")
    for bad in (pd.NA, float("nan"), ";", 1):
        with pytest.raises(vl.InvalidInput, match=r"^decimal_separator: got"):
            vl.gel("1.00", decimal_separator=bad)
    for places in (pd.NA, 2.0, -1, 29, "2", True):
        with pytest.raises(vl.InvalidInput, match=r"^places: got"):
            vl.gel("1.00", places=places)
    # review 77: 5 to 8 decimals and a numpy integer had been taken before, and are again
    import numpy as np

    assert vl.gel("1.00005", places=5) == Decimal("1.00005") and vl.gel("1.5", places=np.int64(2)) == Decimal("1.5")
    assert vl.gel("1.234,56", decimal_separator=",") == Decimal("1234.56")


@pytest.mark.parametrize("empty", [pd.NaT, pd.NA, float("nan")])
def test_an_invoice_line_built_from_a_frames_row_reads_its_empty_dates_as_a_frame_does(empty: Any) -> None:
    # review 74: NaT (a DataFrame row's empty date cell) was a bare TypeError from pydantic. An
    # empty enrolment or discharge is "not given", as in a frame; an empty month is refused.
    line = vl.InvoiceLine(
        beneficiary_id="B-01", month="2021-10", enrolled_on=empty, discharged_on=empty, claimed="620.00"
    )
    assert (line.enrolled_on, line.discharged_on) == (None, None)
    # the whole of October 2021 without status, 31 x 20 = 620.00, submitted on the deadline (Fri 5 Nov)
    report = audit_invoice([line], submitted_on="2021-11-05")
    assert [(ln.verdict, ln.payable) for ln in report.lines] == [("matches", Decimal("620.00"))]
    with pytest.raises(vl.InvalidInput, match=r"^InvoiceLine\.month: got"):
        vl.InvoiceLine(beneficiary_id="B-01", month=empty, claimed="620.00")


def test_a_refusal_keeps_the_value_given_not_a_text_of_it() -> None:
    # review 74: a date or a result was refused as its text ('2101-01-07' (str), 'Settlement'
    # (str)): error.value is what was given, and the message names its type
    day = dt.date(2101, 1, 7)
    with pytest.raises(vl.InvalidInput) as caught:
        vl.WorkingCalendar().is_working_day(day)
    assert caught.value.value is day and "got datetime.date(2101, 1, 7) (date)" in str(caught.value)
    settlement = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-05")
    with pytest.raises(vl.InvalidInput) as caught:
        vl.budget_in_use("2.8", [settlement])
    assert caught.value.value is settlement and "(Settlement)" in str(caught.value)
    october = dt.date(2021, 10, 1)
    with pytest.raises(vl.InvalidInput) as caught:
        vl.unfilled_place_compensation("2021-09", service="shelter", limit=10, occupancy={october: 3})
    assert caught.value.value is october


def test_status_periods_whose_own_methods_raise_are_read_by_what_they_hold() -> None:
    """Review 124 F2: a caller's list or tuple whose own length or iteration raises, or an object
    whose ``__class__`` raises, escaped ``voucher_month`` as the caller's exception. A list or a
    tuple is read by what it holds, its own methods never asked (D43; review 158 F2: one whose
    ``__getitem__`` lied was paid for other days), so each gives the amount of the period it holds:
    all November served, status 13-20 Nov, 8 x 30 + 22 x 20 = 680.00; an object that is no list
    and whose ``__class__`` raises is an :class:`~voucherlib.InvalidInput` naming ``disability``."""

    class ClassRaises:
        @property
        def __class__(self) -> Any:  # type: ignore[override]
            raise Boom

    pair = ("2021-11-13", "2021-11-20")
    for value in ([TupleLength(pair)], TupleLength((pair,)), ListIteration([pair]), [ListIteration(pair)]):
        assert vl.voucher_month("2021-11", disability=value).amount == Decimal("680.00")
    for value in (ClassRaises(), [ClassRaises()]):
        with pytest.raises(vl.InvalidInput, match="disability"):
            vl.voucher_month("2021-11", disability=value)
    from voucherlib.core.errors import shown

    assert shown(ClassRaises()).startswith("<")  # (the one text of any value never raises)


@pytest.mark.parametrize("lang", ["en", "ka"])
@pytest.mark.parametrize("end", ["\n", "\r\n", "\u2028"])
def test_a_name_of_several_lines_writes_no_explanation_of_its_own(lang: str, end: str) -> None:
    # review 170 F9: a line's label says its id and name; a name with line ends wrote a forged
    # trace ("matches", 900.00) under the label, and the real one under "Line 99". B-01, November
    # 2021 (30 days x 20 GEL = 600.00), submitted on the deadline (Mon 6 Dec 2021), claims 900.00:
    # over-claimed by 900.00 - 600.00 = 300.00
    forged = f"Nino: matches{end}  Settlement: payable 900.00 GEL{end}{end}Line 99, X"
    line = vl.InvoiceLine(
        beneficiary_id="B-01", name=forged, month="2021-11", claimed="900.00", submitted_on="2021-12-06"
    )
    report = audit_invoice([line])
    assert (report.lines[0].verdict, report.lines[0].payable) == ("over-claimed", Decimal("600.00"))
    said = report.explain(1, lang)
    first, *rest = said.split("\n")
    # the name on the label's one line, its line ends shown escaped, the verdict after it
    assert repr(end)[1:-1] in first and "Line 99, X" in first
    assert first.endswith("over-claimed" if lang == "en" else say("ka", "verdict.over-claimed"))
    assert not any(r.lstrip().startswith(("Line 99", "Settlement: payable 900.00")) for r in rest)
