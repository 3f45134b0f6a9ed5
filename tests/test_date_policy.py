"""One date policy everywhere (issue 11, item 4): the scalar API and the audit accept the same dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import voucherlib as vl
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
    for month in (np.datetime64("2021-11"), pd.Period("2021-11", "M"), "2021-11"):
        assert vl.voucher_month(month).amount == Decimal("600.00")
    for not_a_month in (np.datetime64("NaT", "M"), pd.Period("2021-11-05", "D"), np.datetime64("2021")):
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
