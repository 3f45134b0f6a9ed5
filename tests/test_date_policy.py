"""One date policy everywhere (issue 11, item 4): the scalar API and the audit accept the same dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import voucherlib as vl
from voucherlib.batch import settle_frame
from voucherlib.input import cells

# November 2021, enrolled on the 20th: days 20..30 = 11 x 20 GEL = 220.00.
ACCEPTED = [
    dt.date(2021, 11, 20),
    "2021-11-20",
    dt.datetime(2021, 11, 20),
    pd.Timestamp("2021-11-20"),
    np.datetime64("2021-11-20"),
    np.datetime64("2021-11-20T00:00:00"),
    "2021-11-20 00:00:00",  # str() of a midnight Timestamp: pd.read_excel(..., dtype=str) of a date cell
    "2021-11-20T00:00",
    " 2021-11-20 00:00:00.000 ",
    pd.Period("2021-11-20", freq="D"),  # .dt.to_period("D"): one calendar day (review 251 F1)
    # the hour in one digit, as LibreOffice saves a cell of openpyxl's date-time format
    # yyyy-mm-dd h:mm:ss to CSV (review 259 F3)
    "2021-11-20 0:00:00",
    "2021-11-20 0:00",
]
REFUSED = [
    (dt.datetime(2021, 11, 20, 9, 30), "time of day"),
    (pd.Timestamp("2021-11-20 00:00:00.000000001"), "time of day"),
    (pd.Timestamp("2021-11-20", tz="Asia/Tbilisi"), "time zone"),
    (dt.datetime(2021, 11, 20, tzinfo=dt.UTC), "time zone"),
    (np.datetime64("2021-11-20T09:30"), "time of day"),
    (np.datetime64("2021-11"), "whole day"),
    (pd.NaT, "NaT"),
    (np.datetime64("NaT"), "NaT"),
    (float("nan"), "NaN"),
    ("", "YYYY-MM-DD"),
    ("   ", "YYYY-MM-DD"),
    ("20.11.2021", "YYYY-MM-DD"),
    ("２０２１-１１-２０", "YYYY-MM-DD"),
    ("2021-11-20 09:30:00", "time of day"),  # the text of a date-time refused as the date-time is
    ("2021-11-19 23:59:59.999", "time of day"),
    ("2021-11-20T00:00:00Z", "time zone"),
    ("2021-11-20 00:00:00+04:00", "time zone"),
    ("2021-11-31 00:00:00", "YYYY-MM-DD"),
    ("2021-11-20 00", "YYYY-MM-DD"),
    ("2021-11-20 9:30", "time of day"),
    # a period of any other frequency than one day names no one day
    (pd.Period("2021-11-20", freq="2D"), "YYYY-MM-DD"),
    (pd.Period("2021-11", freq="M"), "YYYY-MM-DD"),
    (pd.Period("2021-11-20", freq="W"), "YYYY-MM-DD"),
    (pd.Period("2021-11-20 09:00", freq="h"), "YYYY-MM-DD"),
]


@pytest.mark.parametrize("day", ACCEPTED, ids=repr)
def test_a_date_in_any_accepted_form_gives_the_same_amount(day) -> None:
    # enrolled 20 Nov 2021: 20..30 Nov = 11 days x 20 GEL = 220.00
    assert vl.voucher_month("2021-11", enrolled_on=day).amount == Decimal("220.00")


@pytest.mark.parametrize(("day", "why"), REFUSED, ids=repr)
def test_a_date_that_is_not_a_plain_day_is_refused_naming_the_field(day, why: str) -> None:
    with pytest.raises(vl.InvalidInput) as info:
        vl.voucher_month("2021-11", enrolled_on=day)
    assert info.value.field == "enrolled_on" and why in str(info.value)


def test_in_a_file_an_empty_cell_means_not_given() -> None:
    for empty in (None, "", "  ", float("nan"), pd.NaT, np.datetime64("NaT")):
        assert cells.date(empty, "enrolled_on") is None


def test_a_month_given_as_a_midnight_timestamp_is_its_month() -> None:
    assert vl.Month.of(pd.Timestamp("2021-11-01")) == vl.Month(2021, 11)


@pytest.mark.parametrize("flag", [False, np.bool_(False)])
def test_flags_accept_bool_and_numpy_bool(flag) -> None:
    # Discharged on 2021-11-10 without counting that day: days 1..9 = 9 x 20 GEL = 180.00.
    vm = vl.voucher_month("2021-11", discharged_on="2021-11-10", count_discharge_day=flag)
    assert vm.amount == Decimal("180.00")


def test_the_audit_reads_the_same_dates_from_a_dataframe() -> None:
    frame = pd.DataFrame(
        {
            "beneficiary_id": ["B-05"],
            "month": [pd.Timestamp("2021-11-01")],
            "enrolled_on": [pd.Timestamp("2021-11-20")],
            "discharged_on": [pd.NaT],
            "disability": [np.bool_(False)],
            "claimed": [Decimal("220.00")],
            "submitted_on": [np.datetime64("2021-12-06")],
        }
    )
    line = vl.audit_invoice(frame).lines[0]
    assert (line.computed, line.verdict) == (Decimal("220.00"), "matches")  # 11 x 20 GEL, as above


def test_a_month_as_numpy_and_pandas_hold_one_is_read_as_the_batch_reads_it() -> None:
    # A table's month column may be datetime64[M] or a monthly Period: settle_frame reads those,
    # so voucher_month does too (November 2021, whole month, no status: 30 x 20.00 = 600.00 GEL).
    # A daily Period is a date, and a date's month is the month (as a datetime64 day's).
    for month in (np.datetime64("2021-11"), pd.Period("2021-11", "M"), "2021-11", pd.Period("2021-11-05", "D")):
        assert vl.voucher_month(month).amount == Decimal("600.00")
    for not_a_month in (np.datetime64("NaT", "M"), pd.Period("2021-11-05", "2D"), np.datetime64("2021")):
        with pytest.raises(vl.InvalidInput):
            vl.voucher_month(not_a_month)


@pytest.mark.parametrize("text", ["２０２１-１１", "٢٠٢١-١١", "𝟐𝟎𝟐𝟏-𝟏𝟏"])
def test_a_month_in_other_digits_is_refused_as_a_date_in_them_is(text: str) -> None:
    # review 43: a month written in full-width or Arabic-Indic digits was read, a date in the
    # same digits refused; both are refused now, on every path
    with pytest.raises(vl.InvalidInput, match="month"):
        vl.Month.of(text)
    with pytest.raises(vl.InvalidInput):
        vl.settle(vl.voucher_month("2021-11"), submitted_on=text + "-03")
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    frame = pd.DataFrame(
        {
            "month": [text],
            "enrolled_on": [None],
            "discharged_on": [None],
            "disability": [False],
            "submitted_on": ["2021-12-03"],
        }
    )
    assert settle_frame(frame)["status"].tolist() == ["invalid"]


def test_an_invoice_read_by_pandas_as_text_reads_its_dates_as_the_workbook() -> None:
    # pd.read_excel(path, dtype=str) turns a date cell into str(Timestamp): "2021-12-06 00:00:00".
    # Hand figures: November 2021, enrolled 20 Nov without status: 20..30 = 11 x 20 = 220.00;
    # due 5 Dec (a Sunday), so Mon 6 Dec; submitted that day: on time, payable 220.00.
    frame = pd.DataFrame(
        {"beneficiary_id": ["B-01"], "month": ["2021-11"], "enrolled_on": ["2021-11-20 00:00:00"]}
        | {"discharged_on": [""], "disability": ["no"], "claimed": ["220.00"], "submitted_on": ["2021-12-06 00:00:00"]}
    )
    line = vl.audit_invoice(frame).lines[0]
    assert (line.verdict, line.computed, line.payable) == ("matches", Decimal("220.00"), Decimal("220.00"))
    out = vl.batch.settle_frame(frame.drop(columns="claimed").astype({"enrolled_on": "string[pyarrow]"}))
    assert out["amount_tetri"].tolist() == [22000]  # the same, in tetri, from Arrow text


def test_a_month_cell_read_by_pandas_as_text_is_its_dates_month() -> None:
    # review 74: pd.read_excel(path, dtype=str), which keeps ids such as 01001012345 whole, turns
    # a month date cell into "2021-11-01 00:00:00": every line was refused, though D38 reads that
    # text as the midnight Timestamp, whose month is read. November 2021, enrolled 20 Nov without
    # status: 20..30 = 11 x 20 = 220.00; submitted Mon 6 Dec (5 Dec a Sunday): on time.
    frame = pd.DataFrame(
        {"beneficiary_id": ["B-01"], "month": ["2021-11-01 00:00:00"], "enrolled_on": ["2021-11-20 00:00:00"]}
        | {"discharged_on": [""], "disability": ["no"], "claimed": ["220.00"], "submitted_on": ["2021-12-06 00:00:00"]}
    )
    line = vl.audit_invoice(frame).lines[0]
    assert (line.verdict, line.computed, line.payable) == ("matches", Decimal("220.00"), Decimal("220.00"))
    for column in (frame, frame.astype({"month": "string[pyarrow]"})):
        assert vl.batch.settle_frame(column.drop(columns="claimed"))["amount_tetri"].tolist() == [22000]
    assert vl.voucher_month("2021-11-01 00:00:00", enrolled_on="2021-11-20").amount == Decimal("220.00")
    # a time of day or a zone is refused as the date-time is; a day typed as text stays no month
    for text in ("2021-11-01 10:00:00", "2021-11-01T00:00:00Z", "2021-11-01"):
        with pytest.raises(vl.InvalidInput, match=r"^month: got"):
            vl.Month.of(text)


# ---------------------------------------------------------------- the models that take dates (review 86)

# what pydantic reads as a day and the one date policy refuses: seconds and milliseconds since
# 1970 (0 is 1 Jan 1970), bytes, a date-time in another time zone (8 Nov 23:00 in Tbilisi)
NOT_DAYS = [
    0,
    1_634_169_600,
    1_634_169_600_000,
    14.5,
    b"2021-10-12",
    dt.datetime(2021, 11, 9, tzinfo=dt.timezone(dt.timedelta(hours=5))),
    "1634169600",
]


@pytest.mark.parametrize("day", NOT_DAYS, ids=repr)
@pytest.mark.parametrize("field", ["enrolled_on", "discharged_on", "submitted_on"])
def test_an_invoice_line_in_code_takes_the_dates_voucher_month_takes(field: str, day: object) -> None:
    # review 86: InvoiceLine(enrolled_on=0) was 1 Jan 1970, the stay the whole month: 31 x 20 =
    # 620.00 "matches" a claim of 620.00; a text is kept to be read as a file's cell is
    line = {"beneficiary_id": "a", "month": "2021-10", "claimed": "620.00", "submitted_on": "2021-11-05"}
    if isinstance(day, str):
        report = vl.audit_invoice([vl.InvoiceLine(**line | {field: day})])
        assert report.lines[0].verdict == "invalid" and field in report.lines[0].reason
        return
    with pytest.raises(vl.InvalidInput) as refused:
        vl.InvoiceLine(**line | {field: day})
    assert refused.value.field == f"InvoiceLine.{field}"
    with pytest.raises(vl.InvalidInput):  # as voucher_month refuses it
        vl.voucher_month("2021-10", enrolled_on=day)


def test_an_invoice_lines_month_is_a_month_the_library_reads() -> None:
    with pytest.raises(vl.InvalidInput) as refused:
        vl.InvoiceLine(beneficiary_id="a", month=1_633_046_400, claimed="620.00")
    assert refused.value.field == "InvoiceLine.month" and "1633046400" in str(refused.value)
    for month in ("2021-10", vl.Month(2021, 10), dt.date(2021, 10, 1), np.datetime64("2021-10")):
        line = vl.InvoiceLine(beneficiary_id="a", month=month, claimed="620.00", submitted_on="2021-11-05")
        # October 2021, the whole month, 31 x 20.00 = 620.00, in time
        assert vl.audit_invoice([line]).lines[0].computed == Decimal("620.00")


@pytest.mark.parametrize("day", NOT_DAYS[:5], ids=repr)
def test_a_case_file_and_a_rule_file_take_only_dates(tmp_path, day: object) -> None:
    from voucherlib.reports.cases import Case, load_cases

    base = {"name": "A case.", "rule": "R1", "decisions": ["D1"], "how": "x", "month": "2021-12"}
    with pytest.raises(Exception) as refused:
        Case(**base, enrolled_on=day, expect={"amount": "500.00"})
    assert "Case.enrolled_on" in str(refused.value)
    if isinstance(day, int):  # as a TOML file writes it
        path = tmp_path / "cases.toml"
        path.write_text(
            f'[[case]]\nname = "A case."\nrule = "R1"\ndecisions = ["D1"]\nhow = "x"\nmonth = "2021-12"\n'
            f'enrolled_on = {day}\n[case.expect]\namount = "500.00"\n',
            encoding="utf-8",
        )
        with pytest.raises(vl.VoucherError, match=f"enrolled_on: got {day}; expected a TOML date"):
            load_cases(path)
        rules = tmp_path / "rules.toml"
        rules.write_text(
            '[program]\nid = "2022"\ntitle = "t"\ncovers_from = 2022-01-01\ncovers_until = 2022-12-31\n'
            'citation = "x"\ninherits = "2021"\n\n[parameters."youth_voucher.daily_rate.without_disability"]\n'
            f'values = [{{ effective_from = {day}, value = "25", citation = "x" }}]\n',
            encoding="utf-8",
        )
        with pytest.raises(vl.RuleSetError, match=f"effective_from: got {day}; expected a TOML date"):
            vl.RuleSet.default().extend(rules)
    with pytest.raises(Exception, match=r"Act\.date"):
        vl.Act(number="1", date=day)


@pytest.mark.parametrize("unit", ["ps", "fs", "as"])
def test_a_datetime64_finer_than_nanoseconds_is_refused_naming_the_field(unit: str) -> None:
    # review 86: such a value cannot hold a day of these years (numpy wraps it round), and the
    # comparison with its day raised OverflowError
    day = np.datetime64("2021-10-12T00:00:00", unit)
    with pytest.raises(vl.InvalidInput) as refused:
        vl.voucher_month("2021-10", enrolled_on=day)
    assert refused.value.field == "enrolled_on"
    with pytest.raises(vl.InvalidInput):
        vl.Month.of(day)


@pytest.mark.parametrize("unit", ["2D", "7D", "48h", "25h", "1441m", "86401s"])
def test_a_datetime64_whose_step_is_longer_than_a_day_is_refused_on_every_path(unit: str) -> None:
    # Review 282 F1: such a value is a span of days; numpy makes 8 Nov 2021 of unit 2D the span's
    # first day (7 Nov, a Sunday), so October 2021's document (due Fri 5 Nov) submitted on Mon 8 Nov,
    # one working day late (31 x 20 = 620.00 less 10% = 558.00), was read as in time and paid 620.00.
    given = np.datetime64("2021-11-08T00:00", "m").astype(f"datetime64[{unit}]")
    with pytest.raises(vl.InvalidInput, match=rf"^submitted_on: .*\(this one's unit, '{unit}', is a span of days"):
        vl.settle(vl.voucher_month("2021-10"), submitted_on=given)
    with pytest.raises(vl.InvalidInput, match=r"^enrolled_on: "):
        vl.voucher_month("2021-10", enrolled_on=given)
    with pytest.raises(vl.InvalidInput, match=r"^extra_non_working_days: "):
        vl.WorkingCalendar(extra_non_working_days=np.array([given]))
    column = np.array([given, given])
    out = settle_frame(
        {
            "month": ["2021-10"] * 2,
            "enrolled_on": [None] * 2,
            "discharged_on": [None] * 2,
            "disability": [False] * 2,
            "submitted_on": column,
        }
    )
    assert out["status"].tolist() == ["invalid"] * 2 and out["payable_tetri"].tolist() == [0, 0]
    assert all(f"'{unit}', is a span of days" in reason for reason in out["reason"])
    # a step of one day at most is a day: 558.00 as worked above
    for one_day in ("D", "24h", "1440m", "86400s", "h"):
        day = np.datetime64("2021-11-08", "D").astype(f"datetime64[{one_day}]")
        assert vl.settle(vl.voucher_month("2021-10"), submitted_on=day).payable == Decimal("558.00")


def test_a_rule_set_of_copied_programs_checks_their_days_and_citations() -> None:
    # review 86: model_copy(update=...) validated nothing; RuleSet checked the values alone, and a
    # day given as text was a TypeError where a value was looked up. Since D43 a public model's
    # copy is read as the model is, so RuleSet's own check is held here to values made without
    # any reading (pydantic's model_construct), which is what a copy was before.
    from voucherlib.core.frozen import FrozenMap

    base = vl.RuleSet.default()
    (program,) = base.programs
    citations = {k: dict(v) for k, v in base._citations.items()}
    key = "youth_voucher.daily_rate.without_disability"
    (value,) = program.parameters[key].values
    for change, where in (
        ({"effective_from": "2021-10-01"}, "effective_from"),
        ({"effective_from": dt.datetime(2021, 10, 1)}, "effective_from"),
        ({"citation": "garbage"}, "citation"),
    ):
        parameters = dict(program.parameters)
        unread = type(value).model_construct(**{**dict(vars(value)), **change})
        parameters[key] = type(program.parameters[key]).model_construct(
            **{**dict(vars(program.parameters[key])), "values": (unread,)}
        )
        copied = type(program).model_construct(**{**dict(vars(program)), "parameters": FrozenMap(parameters)})
        with pytest.raises(vl.RuleSetError, match=where):
            vl.RuleSet([copied], citations)
    with pytest.raises(vl.RuleSetError, match="covers_from"):
        vl.RuleSet([type(program).model_construct(**{**dict(vars(program)), "covers_from": "2021-01-01"})], citations)


def test_a_public_models_copy_is_read_as_the_model_is() -> None:
    # D43: model_copy(update=...) of a rule value reads the update as the rule file's value is
    # read (a text day by the one date policy, a citation as a citation), and refuses what is
    # not one, naming the field, where before it kept it as given
    (program,) = vl.RuleSet.default().programs
    (value,) = program.parameters["youth_voucher.daily_rate.without_disability"].values
    assert value.model_copy(update={"effective_from": "2021-10-02"}).effective_from == dt.date(2021, 10, 2)
    with pytest.raises(vl.InvalidInput, match=r"RuleValue\.citation") as caught:
        value.model_copy(update={"citation": "garbage"})
    assert caught.value.value == "garbage"
    with pytest.raises(vl.InvalidInput, match=r"RuleValue\.effective_from"):
        value.model_copy(update={"effective_from": "1 Oct"})


def test_a_rule_files_date_time_in_a_zone_is_refused_as_the_file_writes_it(tmp_path) -> None:
    # review 87: the refusal showed Python's datetime(...) and named Python's types in a file's error
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[program]\nid = "2022"\ntitle = "t"\ncovers_from = 2022-01-01\ncovers_until = 2022-12-31\n'
        'citation = "x"\ninherits = "2021"\n\n[parameters."youth_voucher.daily_rate.without_disability"]\n'
        'values = [{ effective_from = 2022-03-15T00:00:00+04:00, value = "25", citation = "x" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(vl.RuleSetError) as refused:
        vl.RuleSet.default().extend(rules)
    said = str(refused.value)
    assert "got '2022-03-15T00:00:00+04:00'; expected a TOML date" in said and "datetime" not in said


def test_a_date_cell_with_a_time_of_day_is_told_to_lose_its_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 227 F3: a workbook's date cell holding 18:30 was told "expected a date written
    # YYYY-MM-DD", which is no fix for a date cell; it is told to be a date without its time
    openpyxl = pytest.importorskip("openpyxl")
    from voucherlib.cli import main

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["facility_id", "city", "service", "limit", "date", "children_served"])
    for day in range(1, 31):
        sheet.append(["F-1", "gori", "shelter", 10, dt.datetime(2021, 9, day, 18, 30), 3])
    path = tmp_path / "occupancy.xlsx"
    book.save(path)
    code = main(["facility", str(path), "--daily-rate", "25", "-q"])
    text = capsys.readouterr().out
    assert code == 1 and "date: got 2021-09-01 18:30:00; expected a date without a time of day" in text, text
    assert "written YYYY-MM-DD" not in text


def test_a_column_of_daily_periods_is_read_as_its_days_on_every_path(tmp_path) -> None:
    """A ``period[D]`` column (``.dt.to_period("D")``), in pandas, in an Arrow table made from it
    and in a Feather file read back, settles as the same days as datetime64 (review 251 F1:
    every row was refused)."""
    import pyarrow as pa
    import pyarrow.feather as feather

    from voucherlib.batch import settle_frame

    days = pd.Series(pd.to_datetime(["2021-11-20", None]))
    frame = pd.DataFrame(
        {
            "month": ["2021-11", "2021-11"],
            "enrolled_on": days.dt.to_period("D"),
            "discharged_on": [None, None],
            "disability": [False, True],
            "submitted_on": pd.Series(pd.to_datetime(["2021-12-06", "2021-12-06"])).dt.to_period("D"),
        }
    )
    assert str(frame["enrolled_on"].dtype) == "period[D]"
    feather.write_feather(frame, tmp_path / "f.feather")
    # row 0: 20..30 Nov = 11 days x 20 GEL = 220.00; row 1: not enrolled in the month, so all 30
    # days x 30 GEL = 900.00. Due 5 Dec 2021 (a Sunday), rolled to Monday 6 Dec: submitted on it,
    # no late working day, nothing deducted.
    for table in (frame, pa.Table.from_pandas(frame), feather.read_table(tmp_path / "f.feather")):
        result = settle_frame(table)
        assert result["status"].tolist() == ["paid", "paid"]
        assert result["payable_tetri"].tolist() == [22000, 90000]
        assert result["late_working_days"].tolist() == [0, 0]


def test_a_csv_of_midnights_with_a_one_digit_hour_settles_on_every_path(tmp_path) -> None:
    # Review 259 F3: a workbook of openpyxl's date-time cells (yyyy-mm-dd h:mm:ss) saved as CSV by
    # LibreOffice writes "2021-11-20 0:00:00": enrolled 20 Nov 2021, 20..30 Nov = 11 days x 20 GEL =
    # 220.00; submitted Monday 6 Dec 2021, the due day (5 Dec a Sunday): nothing deducted.
    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "B-01,2021-11,2021-11-20 0:00:00,,no,2021-12-06 0:00:00\n",
        encoding="utf-8",
    )
    from voucherlib.batch import settle_frame

    assert [s.payable for s in vl.settle_file(path).settled] == [Decimal("220.00")]
    assert settle_frame(pd.read_csv(path))["payable_tetri"].tolist() == [22000]


def test_a_month_of_numpy_integers_is_the_month_they_hold() -> None:
    # Review 258 F2: Series.dt.year and .dt.month give numpy integers; Month(2021, 10) of them was
    # refused as "expected a whole number". October 2021, whole month: 31 x 20.00 = 620.00 GEL.
    month = vl.Month(np.int32(2021), np.int64(10))
    assert month == vl.Month(2021, 10) and type(month.year) is int and type(month.month) is int
    assert vl.voucher_month(month).amount == Decimal("620.00")
    with pytest.raises(vl.InvalidInput, match=r"month\.month: got 13"):
        vl.Month(np.int32(2021), np.int8(13))
    with pytest.raises(vl.InvalidInput, match=r"month\.year"):
        vl.Month(np.float64(2021), 10)  # a float is no whole number, numpy's neither
    # a timedelta64 is no number of a year or a month (review 261 F2: numpy counts it an integer
    # type; 2021 "generic time units" was the year 2021, a unit or NaT raised Python's TypeError)
    for year, number in ((np.timedelta64(2021), 10), (2021, np.timedelta64(10, "h")), (2021, np.timedelta64("NaT"))):
        with pytest.raises(vl.InvalidInput, match="expected a whole number"):
            vl.Month(year, number)


# (LibreOffice's CSV of a month cell: MMMM YYYY and MMM YYYY under ka-GE, MMMM YYYY under ru-RU: review 261 F3)
@pytest.mark.parametrize(
    "text",
    [
        *("November 2021", "Nov 2021", "nov. 2021", "ნოემბერი 2021", " NOVEMBER  2021 ", "ნოე 2021", "Ноябрь 2021"),
        # the Georgian locale's own forms (CLDR's MMMM, y and MMM. y) and a Georgian text's (review 263 F2)
        *("ნოემბერი, 2021", "ნოე. 2021", "2021 წლის ნოემბერი"),
    ],
)
def test_a_month_written_by_its_name_and_year_is_that_month(text: str, tmp_path) -> None:
    # Review 259 F2: a month cell formatted MMMM YYYY, saved to CSV by LibreOffice under a Georgian
    # locale, is "ნოემბერი 2021"; it was refused. November 2021, whole month, no status: 30 x 20.00 =
    # 600.00 GEL; due 5 Dec 2021 (a Sunday), rolled to Monday 6 Dec: submitted then, nothing deducted.
    assert vl.Month.of(text) == vl.Month(2021, 11)
    from voucherlib.batch import settle_frame

    frame = pd.DataFrame(
        {
            "month": [text],
            "enrolled_on": [None],
            "discharged_on": [None],
            "disability": ["no"],
            "submitted_on": ["06.12.2021"],
        }
    )
    assert settle_frame(frame, day_first=True)["payable_tetri"].tolist() == [60000]
    path = tmp_path / "invoice.csv"
    path.write_text(
        f"beneficiary_id;month;enrolled_on;discharged_on;disability;claimed;submitted_on\nB-01;{text};;;no;600;06.12.2021\n",
        encoding="utf-8",
    )
    line = vl.audit_invoice(path, day_first=True).lines[0]
    assert (line.computed, line.verdict) == (Decimal("600.00"), "matches")


@pytest.mark.parametrize(
    "text", ["Nov-21", "nov-21", "ნოე-21", "Nov.-21", "Nov-2021", "ნოე 21", "ნოე. 21", "Ноябрь 21", "ноя 21"]
)
def test_a_month_written_mmm_yy_is_that_month(text: str, tmp_path: Path) -> None:
    # A month cell formatted MMM-YY (Excel's built-in format 17), saved to CSV by LibreOffice (en-US
    # and ka-GE alike), is "Nov-21"; it was refused. Its two-digit year is read as a day-first
    # date's is (D35): 00 to 29 are 2000 to 2029. November 2021, whole month, no status: 30 x 20.00
    # = 600.00 GEL; due 5 Dec 2021 (a Sunday), rolled to Monday 6 Dec: submitted then, in time.
    assert vl.Month.of(text) == vl.Month(2021, 11)
    path = tmp_path / "invoice.csv"
    path.write_text(
        f"beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\nB-01,{text},,,no,600,2021-12-06\n",
        encoding="utf-8",
    )
    line = vl.audit_invoice(path).lines[0]
    assert (line.month, line.computed, line.verdict) == ("2021-11", Decimal("600.00"), "matches")


@pytest.mark.parametrize("text", ["Jan-30", "Nov-99", "Nov-0000", "Foo-21", "21-Nov", "Nov-021", "Nov -21"])
def test_a_month_written_mmm_yy_of_no_year_read_so_is_refused(text: str) -> None:
    # 30 to 99 are refused as a day-first date's two-digit year is (D35: 1930 or 2030?); "21-Nov" is
    # a day and a month (format D-MMM), no month of a year
    with pytest.raises(vl.InvalidInput, match="expected a month written YYYY-MM"):
        vl.Month.of(text)


@pytest.mark.parametrize(
    "text", ["Foo 2021", "November 21", "Novembre 2021", "November 0000", "2021 November", "Nov 21", "ნოე 30"]
)
def test_a_month_name_that_is_none_or_a_year_that_is_no_year_is_refused(text: str) -> None:
    # ("November 21", "Nov 21": an English month name, a space and two digits may be the 21st of
    # November written month first; "ნოე 21", LibreOffice's MMM YY in the Georgian locale, which
    # writes the day first, is November 2021: review 275 F6)
    with pytest.raises(vl.InvalidInput, match="expected a month written YYYY-MM"):
        vl.Month.of(text)


def test_an_english_month_name_and_two_digits_after_a_space_says_it_may_be_a_day() -> None:
    with pytest.raises(vl.InvalidInput, match=r"may be a day of that month: write the year in full, 'Nov 2021'"):
        vl.Month.of("Nov 21")
