"""Every fast path of the batch engine equals the one-at-a-time path, row by row, whatever form
the table takes: pandas columns of objects, datetime64, Arrow text (as ``read_csv`` gives), a
pyarrow Table, a Polars DataFrame, numpy columns; status periods; the date policy's cells; a
table large enough to be parsed in threads; a Dask ``map_partitions`` run."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from tests.conftest import ruleset_through_2026
from tests.test_batch import one_at_a_time
from voucherlib.batch import OUTPUT_COLUMNS, STATUSES, settle_arrays, settle_frame, tetri_to_gel
from voucherlib.input import cells
from voucherlib.input.cells import is_empty

RULES = ruleset_through_2026()
CALENDAR = vl.WorkingCalendar()
COLUMNS = ("month", "enrolled_on", "discharged_on", "disability", "submitted_on")
months = st.builds(vl.Month, st.integers(2021, 2027), st.integers(1, 12))
near = st.integers(-70, 70)


def rows_of(out: pd.DataFrame) -> list[dict[str, Any]]:
    """The result as plain Python rows (numpy scalars as Python values, an empty reason None)."""
    rows = []
    for record in out.to_dict(orient="records"):
        row = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in record.items()}
        row["reason"] = None if is_empty(row["reason"]) else row["reason"]
        rows.append(row)
    return rows


def expected(rows: list[dict[str, Any]], count_discharge_day: bool = True) -> list[dict[str, Any]]:
    """settle(voucher_month(...)) of each row; an empty cell of an optional date is "not given";
    an empty cell that is no text is None; a text disability cell is read as a file's is (yes/no, periods FROM..TO): what that reading
    refuses is refused in its words, at the disability's turn among the row's problems; a number
    1 or 0 is yes or no, as a file's cell (review 32)."""
    plain = [{**r, **{k: None if is_empty(r[k]) else r[k] for k in ("enrolled_on", "discharged_on")}} for r in rows]
    # an empty cell that is no text (NaN, pd.NA, NaT) is None, said alike whatever reads the frame (review 31)
    plain = [{k: None if is_empty(v) and not isinstance(v, str) else v for k, v in r.items()} for r in plain]
    return [_with_text_disability(r, count_discharge_day) for r in plain]


def _with_text_disability(row: dict[str, Any], count_discharge_day: bool) -> dict[str, Any]:
    text = row["disability"]
    if type(text) in (int, float) and text in (0, 1):
        return one_at_a_time({**row, "disability": text == 1}, CALENDAR, count_discharge_day)
    if not isinstance(text, str):
        return one_at_a_time(row, CALENDAR, count_discharge_day)
    try:
        read = cells.disability(text, "disability")
    except vl.InvalidInput as refusal:
        got = one_at_a_time(row, CALENDAR, count_discharge_day)
        return {**got, "reason": str(refusal)} if (got["reason"] or "").startswith("disability:") else got
    return one_at_a_time({**row, "disability": read}, CALENDAR, count_discharge_day)


@st.composite
def valid_row(draw: st.DrawFn, periods: bool = True) -> dict[str, Any]:
    """A row of good values (dates as datetime.date, None for "not given"); some are still refused
    by the rules (discharged before enrolled, submitted before the month, a month without rules)."""
    month = draw(months)
    first = month.first_day
    day = near.map(lambda k: first + dt.timedelta(days=k))
    flag = st.booleans()
    pairs = st.lists(st.tuples(st.none() | day, st.none() | day), max_size=3)
    return {
        "month": month.first_day,
        "enrolled_on": draw(st.none() | day),
        "discharged_on": draw(st.none() | day),
        "disability": draw(flag | pairs if periods else flag),
        "submitted_on": draw(st.integers(-5, 60).map(lambda k: month.next().first_day + dt.timedelta(days=k))),
    }


def as_text(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows written to CSV and read back by plain read_csv (Arrow text columns in pandas 3)."""
    frame = pd.DataFrame(rows)
    frame["month"] = [f"{d.year:04d}-{d.month:02d}" for d in frame["month"]]
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    buffer.seek(0)
    return pd.read_csv(buffer, dtype={"disability": bool})


def typed_columns(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "month": np.array([r["month"] for r in rows], dtype="datetime64[M]"),
        **{
            k: np.array([np.datetime64("NaT") if r[k] is None else r[k] for r in rows], dtype="datetime64[D]")
            for k in ("enrolled_on", "discharged_on", "submitted_on")
        },
        "disability": np.array([r["disability"] for r in rows], dtype=bool),
    }


@given(st.lists(valid_row(), min_size=1, max_size=30), st.booleans())
def test_status_periods_and_object_columns_equal_one_at_a_time(rows: list[dict[str, Any]], counted: bool) -> None:
    out = settle_frame(pd.DataFrame(rows, dtype=object), rules=RULES, calendar=CALENDAR, count_discharge_day=counted)
    assert rows_of(out) == expected(rows, counted)


class LaterDate(dt.date):
    """A subclass of date: the one-at-a-time path reads it as its date; the batch's pair reader
    reads it only as an equal date it has already met (it equals and hashes as one)."""


class Span(NamedTuple):
    start: dt.date | None
    end: dt.date | None


def odd_periods(day: st.SearchStrategy[dt.date]) -> st.SearchStrategy[Any]:
    """Disability cells that are neither a flag nor a list of plain (date, date) pairs: each must
    give what the one-at-a-time path gives (an amount, or its refusal in its words), and must not
    change the rows beside it."""
    end = st.none() | day
    midnight = day.map(lambda d: dt.datetime(d.year, d.month, d.day))
    return st.one_of(
        st.tuples(day, day).map(lambda p: f"{p[0].isoformat()}..{p[1].isoformat()}"),  # text: read as a file's
        st.sampled_from(["2021-10-05..x", "..", "yes", "", None, float("nan"), 1, pd.NA, np.True_, np.False_]),
        st.lists(st.tuples(end, end).map(list), max_size=3),  # [start, end] lists
        st.lists(st.tuples(end, end), max_size=3).map(tuple),  # a tuple of pairs
        st.lists(st.tuples(end.map(lambda d: d and d.isoformat()), end), min_size=1, max_size=3),  # ISO text ends
        st.lists(st.tuples(midnight | midnight.map(lambda d: d + dt.timedelta(hours=9)), end), min_size=1, max_size=2),
        st.lists(st.tuples(end, day.map(lambda d: np.datetime64(d, "D"))), min_size=1, max_size=2),
        st.lists(st.tuples(end, end, end), min_size=1, max_size=2),  # not a pair
        st.lists(st.builds(lambda a, b: {"start": a, "end": b}, end, end), min_size=1, max_size=2),
        st.lists(st.tuples(end, end), min_size=1, max_size=2).map(lambda ps: [*ps, "2021-10-05"]),
        st.tuples(day, st.integers(29, 33)).map(lambda p: [(p[0], p[0])] * p[1]),  # more periods than fast
        st.lists(st.tuples(end, end), max_size=3).map(np.array),
        st.lists(st.tuples(end.map(lambda d: d and LaterDate(d.year, d.month, d.day)), end), min_size=1, max_size=2),
        st.lists(st.builds(Span, end, end), min_size=1, max_size=3),  # a tuple subclass
        st.lists(st.tuples(end, end).map(list) | st.tuples(end, end), min_size=2, max_size=3),  # lists and tuples
    )


@st.composite
def row_with_any_periods(draw: st.DrawFn) -> dict[str, Any]:
    row = draw(valid_row())
    first = row["month"]
    day = st.integers(-40, 70).map(lambda k: first + dt.timedelta(days=k))
    if draw(st.booleans()):
        row["disability"] = draw(odd_periods(day))
    return row


@given(st.lists(row_with_any_periods(), min_size=1, max_size=30), st.booleans())
def test_odd_status_periods_go_one_at_a_time_and_leave_the_other_rows_fast(
    rows: list[dict[str, Any]], counted: bool
) -> None:
    """Overlapping, reversed, open-ended and out-of-month periods (valid_row), beside cells the
    fast path does not read (text, other date types, no pairs, too many periods)."""
    frame = pd.DataFrame({k: pd.Series([r[k] for r in rows], dtype=object) for k in rows[0]})
    out = settle_frame(frame, rules=RULES, calendar=CALENDAR, count_discharge_day=counted)
    assert rows_of(out) == expected(rows, counted)


@given(st.lists(valid_row(periods=False), min_size=1, max_size=30))
def test_every_form_of_the_same_table_gives_the_one_at_a_time_result(rows: list[dict[str, Any]]) -> None:
    import polars as pl

    want = expected(rows)
    columns = typed_columns(rows)
    forms = {
        "pandas datetime64": pd.DataFrame(columns),
        "read_csv text": as_text(rows),
        "pandas Arrow dates": pd.DataFrame(columns).astype(
            {k: pd.ArrowDtype(pa.date32()) for k in ("enrolled_on", "discharged_on", "submitted_on")}
        ),
        "pyarrow Table": pa.Table.from_pydict(
            {k: pa.array([r[k] for r in rows]) for k in ("month", "enrolled_on", "discharged_on", "submitted_on")}
            | {"disability": pa.array([r["disability"] for r in rows], pa.bool_())}
        ),
        "Polars": pl.DataFrame({k: [r[k] for r in rows] for k in rows[0]}),
        "numpy mapping": columns,
    }
    for name, frame in forms.items():
        assert rows_of(settle_frame(frame, rules=RULES, calendar=CALENDAR)) == want, name
    arrays = settle_arrays(**columns, rules=RULES, calendar=CALENDAR)
    assert arrays["payable_tetri"].tolist() == [w["payable_tetri"] for w in want]
    assert [STATUSES[c] for c in arrays["status"].tolist()] == [w["status"] for w in want]


@given(st.lists(valid_row(), min_size=1, max_size=20), st.data())
def test_a_mapping_of_series_is_read_row_by_row_in_order_whatever_its_labels(
    rows: list[dict[str, Any]], data: st.DataObject
) -> None:
    # review 75: a mapping's Series were read by position on the fast path and by *label*
    # (series[i]) for a row settled one at a time (status periods, a month without rules), which
    # was paid another row's amount (Oct 2021 with status all month, 31 x 30 = 930.00, paid as
    # the other row's 200.00), or raised a bare KeyError when no label was i. Each row here is
    # settled as settle(voucher_month(...)) settles it, and the result keeps the Series' labels.
    labels = data.draw(
        st.sampled_from(
            [
                list(range(len(rows)))[::-1],
                [10 * (i + 1) for i in range(len(rows))],
                [f"r{i}" for i in range(len(rows))],
                data.draw(st.permutations(range(len(rows)))),
            ]
        )
    )
    frame = pd.DataFrame({k: pd.Series([r[k] for r in rows], dtype=object) for k in COLUMNS})
    frame.index = pd.Index(labels)
    series = {k: frame[k] for k in COLUMNS}
    out = settle_frame(series, rules=RULES, calendar=CALENDAR)
    assert rows_of(out) == expected(rows)
    assert out.index.tolist() == labels
    arrays = settle_arrays(**series, rules=RULES, calendar=CALENDAR)
    assert arrays["payable_tetri"].tolist() == [w["payable_tetri"] for w in expected(rows)]


def test_a_decimal_flag_of_one_or_zero_is_read_as_yes_or_no_on_every_path() -> None:
    # Review 251 F2: pandas.read_sql gives a database's NUMERIC flag as Decimal 1 and 0 (an Arrow
    # or Parquet export, decimal128); the int and the float 1/0 were read, the Decimal refused.
    # Enrolled before October 2021, not discharged, submitted by the 5 Nov deadline: the whole
    # month, 31 days, x 30 GEL with status = 930.00 (93,000 tetri), x 20 GEL without = 620.00
    flags = [Decimal("1"), Decimal("0"), Decimal("1.00"), Decimal("0E+3"), Decimal("1.5"), Decimal("NaN")]
    frame = pd.DataFrame(
        {
            "month": ["2021-10"] * 6,
            "enrolled_on": [None] * 6,
            "discharged_on": [None] * 6,
            "disability": pd.Series(flags, dtype=object),
            "submitted_on": ["2021-11-05"] * 6,
        }
    )
    out = settle_frame(frame)
    assert out["payable_tetri"].tolist()[:4] == [93000, 62000, 93000, 62000]
    assert out["status"].tolist() == ["paid"] * 4 + ["invalid"] * 2  # (1.5 and NaN are neither)
    assert out["reason"][4].startswith("disability: got Decimal('1.5')")
    table = pa.table(
        {
            "month": ["2021-10"] * 2,
            "enrolled_on": pa.array([None] * 2, pa.date32()),
            "discharged_on": pa.array([None] * 2, pa.date32()),
            "disability": pa.array(flags[:2], pa.decimal128(1, 0)),
            "submitted_on": ["2021-11-05"] * 2,
        }
    )
    assert settle_frame(table)["payable_tetri"].tolist() == [93000, 62000]
    # the audit of a frame reads them as a file's cell 1 and 0 (its claims match)
    invoice = frame.iloc[:4].assign(
        beneficiary_id=["01001000001", "01001000002", "01001000003", "01001000004"],
        claimed=[Decimal("930.00"), Decimal("620.00")] * 2,
    )
    assert [ln.verdict for ln in vl.audit_invoice(invoice).lines] == ["matches"] * 4

    class Held(Decimal):  # a subclass holding 1 or 0: read by what it holds on every path (review 253 F3)
        pass

    held = frame.iloc[:2].assign(disability=pd.Series([Held(1), Held(0)], dtype=object))
    assert settle_frame(held)["payable_tetri"].tolist() == [93000, 62000]
    assert settle_arrays(*(held[name].to_numpy() for name in COLUMNS))["payable_tetri"].tolist() == [93000, 62000]


def test_columns_of_other_lengths_are_refused_naming_the_column_and_the_length_of_the_others() -> None:
    # Review 251 F3: "frame: got [2, 3] (list)" named no column (settle_arrays' are positional)
    cols = {name: [None] * 3 for name in COLUMNS} | {"month": ["2021-10"] * 3, "disability": [True] * 3}
    cols["enrolled_on"] = [None] * 2
    said = r"^frame\.enrolled_on: got '2 cells' \(list\); expected as many cells as column month \(3\)"
    with pytest.raises(vl.InvalidInput, match=said):
        settle_frame(cols)
    with pytest.raises(vl.InvalidInput, match=said):
        settle_arrays(*(cols[name] for name in COLUMNS))
    # the most columns' length is the one expected: a column longer than the others is named
    cols["enrolled_on"], cols["submitted_on"] = [None] * 3, ["2021-11-05"] * 4
    with pytest.raises(
        vl.InvalidInput, match=r"^frame\.submitted_on: got '4 cells'.* as many cells as column month \(3\)"
    ):
        settle_frame(cols)


def test_series_of_one_mapping_that_hold_their_rows_under_other_labels_are_refused() -> None:
    # review 75: they were put side by side by position and the result given a fresh index, so
    # row 20's submission (6 Dec, 20 late working days: not funded) was applied to row 10 (Oct
    # 2021, 31 x 20 = 620.00 if submitted by 5 Nov); pandas.DataFrame(mapping) lines them up
    frame = pd.DataFrame(
        {
            "month": ["2021-10", "2021-11"],
            "enrolled_on": [None, None],
            "discharged_on": [None, None],
            "disability": [False, False],
            "submitted_on": [dt.date(2021, 11, 5), dt.date(2021, 12, 6)],
        },
        index=[10, 20],
    )
    series = {k: frame[k] for k in COLUMNS} | {"submitted_on": frame["submitted_on"].iloc[::-1]}
    with pytest.raises(
        vl.InvalidInput, match=r"^frame\.submitted_on: got \[20, 10\] \(list\); expected the index of column month"
    ):
        settle_frame(series)
    with pytest.raises(vl.InvalidInput, match=r"^frame\.submitted_on: got \[20, 10\]"):
        settle_arrays(**series)
    # lined up by label: October 2021 submitted 5 Nov, 31 x 20 = 620.00; November 2021
    # submitted 6 Dec, the deadline (Sun 5 Dec) rolled to Mon 6 Dec, 30 x 20 = 600.00
    lined_up = settle_frame(pd.DataFrame(series))
    assert lined_up["payable_tetri"].tolist() == [62000, 60000]


# ---------------------------------------------------------------- the date policy, cell by cell


def date_cells(day: dt.date) -> st.SearchStrategy[Any]:
    """The forms a date can take in a table, good and bad, around ``day``."""
    midnight = dt.datetime(day.year, day.month, day.day)
    return st.sampled_from(
        [
            day,
            day.isoformat(),
            f"  {day.isoformat()} ",
            midnight,
            pd.Timestamp(midnight),
            np.datetime64(day, "D"),
            np.datetime64(midnight, "s"),
            np.datetime64(midnight, "ns"),
            midnight + dt.timedelta(hours=9),  # a time of day
            pd.Timestamp(midnight) + pd.Timedelta(nanoseconds=1),
            np.datetime64(midnight + dt.timedelta(minutes=1), "s"),
            pd.Timestamp(midnight, tz="Asia/Tbilisi"),  # a time zone
            dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
            np.datetime64(day, "M"),  # a month is not a day
            # (a day of 12 or before: one after it beside date cells refuses the table whole, D35,
            # review 290 F1; test_day_first_dates draws that mix)
            day.replace(day=min(day.day, 12)).strftime("%d.%m.%Y"),
            None,
            "",
            "  ",
            float("nan"),
            pd.NaT,
            np.datetime64("NaT"),
            pd.NA,
            20211005,
        ]
    )


DAY_FIRST_ADVICE = (
    "; for a file whose dates are written day first (06/12/21, 06.12.2021), as a Georgian-locale spreadsheet "
    "shows them, give day_first=True"
)


def advised(row: dict[str, Any]) -> dict[str, Any]:
    """The scalar API's row as a table gives it: a date written day first (``06.10.2021``, the
    one such form among the cells drawn here) refused with advice to give ``day_first`` (D35),
    which ``voucher_month`` does not take."""
    reason = row["reason"]
    if reason is not None and re.search(r"got '\d\d\.\d\d\.\d{4}' \(str\); expected a date written YYYY-MM-DD", reason):
        return {**row, "reason": reason + DAY_FIRST_ADVICE}
    return row


@st.composite
def policy_row(draw: st.DrawFn) -> dict[str, Any]:
    month = draw(st.builds(vl.Month, st.just(2021), st.integers(10, 12)))
    first = month.first_day
    return {
        "month": draw(st.sampled_from([str(month), first, pd.Timestamp(first), np.datetime64(first, "D")])),
        "enrolled_on": draw(date_cells(first + dt.timedelta(days=draw(st.integers(-3, 20))))),
        "discharged_on": draw(date_cells(first + dt.timedelta(days=draw(st.integers(5, 40))))),
        "disability": draw(st.sampled_from([True, False, np.True_, np.False_])),
        "submitted_on": draw(date_cells(month.next().first_day + dt.timedelta(days=draw(st.integers(0, 12))))),
    }


@given(st.lists(policy_row(), min_size=1, max_size=12))
def test_the_batch_reads_each_cell_as_the_scalar_api_does(rows: list[dict[str, Any]]) -> None:
    """A date cell means what ``as_date`` makes of it; an empty optional cell means "not given";
    an empty or bad required cell, a time of day or a time zone is refused naming the field."""
    out = rows_of(settle_frame(pd.DataFrame(rows, dtype=object), rules=RULES, calendar=CALENDAR))
    assert out == [advised(row) for row in expected(rows)]
    for row, got in zip(rows, out, strict=True):
        if got["status"] == "invalid":
            assert got["reason"].split(":")[0] in ("enrolled_on", "discharged_on", "submitted_on"), got
        if is_empty(row["discharged_on"]) and got["status"] != "invalid":
            assert (
                got["service_days"]
                == vl.Month.of(str(row["month"])[:7]).days
                - max(
                    0,
                    (
                        vl.core.month.as_date(row["enrolled_on"], "e") - vl.Month.of(str(row["month"])[:7]).first_day
                    ).days,
                )
                if not is_empty(row["enrolled_on"])
                else vl.Month.of(str(row["month"])[:7]).days
            )


UNITS = ("s", "ms", "us", "ns", "D")


def with_nat(values: list[Any], unit: str) -> npt.NDArray[np.datetime64]:
    """A datetime64[unit] column; None is NaT."""
    return np.array([np.datetime64("NaT", unit) if v is None else np.datetime64(v, unit) for v in values])


@given(
    st.lists(st.tuples(valid_row(periods=False), st.booleans(), st.booleans()), min_size=1, max_size=20),
    st.sampled_from(UNITS),
)
def test_nat_is_not_given_in_every_datetime64_unit(drawn: list[tuple[dict[str, Any], bool, bool]], unit: str) -> None:
    """NaT in a datetime64 column of any unit is an empty cell, as in the one-at-a-time path: an
    empty enrolment or discharge is "not given"; an empty month or submission makes the row
    invalid, naming the field (final11 #1: in ns NaT was read as 1677-09-21, in us it raised)."""
    rows = [{**row, "month": None if no_month else row["month"], "submitted_on": None if no_sub else row["submitted_on"]}
            for row, no_month, no_sub in drawn]  # fmt: skip
    columns = {
        k: with_nat([r[k] for r in rows], unit) for k in ("month", "enrolled_on", "discharged_on", "submitted_on")
    }
    columns["disability"] = np.array([r["disability"] for r in rows], dtype=bool)
    # The one-at-a-time path is handed what the table holds: NaT in a required column (refused there).
    cells = [{**r, **{k: np.datetime64("NaT", unit) for k in ("month", "submitted_on") if r[k] is None}} for r in rows]
    want = expected(cells)
    for form in (columns, pd.DataFrame(columns)):
        got = rows_of(settle_frame(form, rules=RULES, calendar=CALENDAR))
        # pandas keeps no D unit (it stores seconds), so a refusal is compared by the field it names.
        assert [{**g, "reason": g["reason"] and g["reason"].split(":")[0]} for g in got] == [
            {**w, "reason": w["reason"] and w["reason"].split(":")[0]} for w in want
        ]
        if form is columns:
            assert got == want
    for row, got in zip(rows, want, strict=True):
        if row["month"] is None:
            assert got["status"] == "invalid" and got["reason"].startswith("month:")
        elif row["submitted_on"] is None:  # refused (for the submission, or earlier for the stay or the rules)
            assert got["status"] == "invalid"


@pytest.mark.parametrize("unit", UNITS)
def test_nat_discharge_in_any_unit_pays_the_whole_stay(unit: str) -> None:
    frame = pd.DataFrame(
        {
            "month": ["2021-10", "2021-10", "2021-10"],
            "enrolled_on": with_nat([None, "2021-10-12", "2021-10-12"], unit),
            "discharged_on": with_nat([None, None, "2021-10-20"], unit),
            "disability": [False, False, False],
            "submitted_on": with_nat(["2021-11-05", "2021-11-05", None], unit),
        }
    )
    out = settle_frame(frame)
    # Row 0: no enrolment, no discharge: all of October, 31 x 20 GEL = 620.00, in time (due Fri 5 Nov).
    # Row 1: 12..31 Oct = 20 days x 20 GEL = 400.00, in time.
    # Row 2: no submission date: invalid, naming submitted_on.
    assert out["service_days"].tolist() == [31, 20, 0]
    assert out["payable_tetri"].tolist() == [62000, 40000, 0]
    assert out["status"].tolist() == ["paid", "paid", "invalid"]
    assert out["reason"][2].startswith("submitted_on:")


def test_a_typed_column_with_a_time_of_day_refuses_that_row_only() -> None:
    frame = pd.DataFrame(
        {
            "month": ["2021-10", "2021-10", "2021-10"],
            "enrolled_on": pd.to_datetime(["2021-10-04 00:00", "2021-10-04 13:30", None], format="ISO8601"),
            "discharged_on": [None, None, None],
            "disability": np.array([True, False, False]),
            "submitted_on": pd.to_datetime(["2021-11-05", "2021-11-05", "2021-11-08"]),
        }
    )
    out = settle_frame(frame)
    # Row 0: 4..31 Oct = 28 days x 30 GEL = 840.00, in time (due Fri 5 Nov).
    # Row 1: a time of day is no date: refused, naming the field.
    # Row 2: an empty enrolment is "before the month": 31 x 20 = 620.00, one working day late
    #   (Mon 8 Nov): 620 x 90% = 558.00.
    assert out["payable_tetri"].tolist() == [84000, 0, 55800]
    assert out["status"].tolist() == ["paid", "invalid", "deducted"]
    assert out["reason"][1].startswith("enrolled_on:") and "time of day" in out["reason"][1]


NAT_INT = np.iinfo(np.int64).min  # (NaT's integer)
PER_DAY = {"D": 1, "h": 24, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}
FIRST_DAY, LAST_DAY = dt.date.min.toordinal() - 719_163, dt.date.max.toordinal() - 719_163  # days since 1970


@given(
    st.sampled_from(sorted(PER_DAY)),
    st.lists(
        st.one_of(
            st.integers(-800_000, 3_000_000).map(lambda d: ("day", d)),  # whole days, some outside date's years
            st.tuples(st.just("raw"), st.integers(np.iinfo(np.int64).min + 1, np.iinfo(np.int64).max)),
            st.just(("nat", 0)),
        ),
        min_size=1,
        max_size=30,
    ),
    st.booleans(),
)
def test_a_datetime64_column_is_read_as_each_value_says(unit: str, drawn: list[tuple[str, int]], big: bool) -> None:
    """Each value of a datetime64 column of any unit, read by itself: NaT is an empty cell; a
    whole day of ``datetime.date``'s years (1-9999) is that day; a time of day, or a day outside
    those years, is refused. The same whether or not the column holds an empty cell (a column
    without one, every value a whole day, is read by a shorter path), and in either byte order
    (review 12: a big-endian column was read by its bytes, a day far outside the years as 2021)."""
    from voucherlib.input.columns import EMPTY, NAT, read_days

    per = PER_DAY[unit]
    values = []
    for kind, v in drawn:
        if kind == "nat":
            values.append(NAT)
        elif kind == "day" and (v * per < NAT or v * per > np.iinfo(np.int64).max):
            values.append(0)  # (that day cannot be written in this unit)
        else:
            values.append(v * per if kind == "day" else v)
    column = np.array(values, dtype=np.int64).view(f"datetime64[{unit}]")
    got = read_days(column.astype(column.dtype.newbyteorder(">")) if big else column)
    bad = np.zeros(len(values), dtype=bool) if got.bad is None else got.bad
    for k, v in enumerate(values):
        # the rule, value by value: NaT empty; else a whole number of days within date's years
        if v == NAT:
            assert (got.days[k], bad[k]) == (EMPTY, False)
        elif v % per or not FIRST_DAY <= v // per <= LAST_DAY:
            assert bad[k], (unit, v)
        else:
            assert (got.days[k], bad[k]) == (v // per, False), (unit, v)
    assert got.days.dtype == np.int32
    if got.span is not None:  # the first and last day, where the reading says it knows them
        assert got.bad is None and EMPTY not in got.days
        assert got.span == (int(got.days.min()), int(got.days.max()))


@given(
    st.sampled_from(sorted(PER_DAY)),
    st.lists(st.integers(-800_000, 3_000_000), min_size=1, max_size=30),  # days of years 0-10183
    st.booleans(),
)
def test_a_datetime64_month_column_is_read_as_the_month_of_each_day(unit: str, days: list[int], nat: bool) -> None:
    """A month column of datetime64 values, any unit: each whole day of ``datetime.date``'s years
    is the month it falls in (as ``datetime64[M]`` counts months since 1970-01: 2021-10-31 is
    ``(2021 - 1970) x 12 + 9``), before 1970, in 1970-2199 (read from a table) or after it;
    a day outside those years, and an empty cell, is no month."""
    from voucherlib.input.columns import read_months

    per = PER_DAY[unit]
    days = [d for d in days if NAT_INT < d * per <= np.iinfo(np.int64).max]  # (the days this unit can write)
    column = np.array([d * per for d in days] + ([NAT_INT] if nat else []), dtype=np.int64).view(f"datetime64[{unit}]")
    months, bad = read_months(column)
    flags = np.zeros(len(column), dtype=bool) if bad is None else bad
    for k, d in enumerate(days):
        if FIRST_DAY <= d <= LAST_DAY:
            day = dt.date.fromordinal(d + 719_163)
            assert (months[k], flags[k]) == ((day.year - 1970) * 12 + day.month - 1, False), (unit, d)
        else:
            assert flags[k], (unit, d)
    if nat:
        assert flags[-1]


@given(
    st.integers(1, 12),
    st.lists(
        st.one_of(
            st.integers(-30, 30).map(lambda k: 621 + k),  # around October 2021 in months from 1970
            st.integers(np.iinfo(np.int64).min + 1, np.iinfo(np.int64).max),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_a_month_column_of_a_unit_of_several_months_is_refused_and_of_one_read_as_each_value_says(
    count: int, raw: list[int]
) -> None:
    # review 75: datetime64[2M] holding July 2073 (621 units of two months) was read as 621
    # months from 1970, October 2021, and paid 31 x 20 = 620.00. Review 283 F1: such a value is a
    # span of months, of which numpy keeps the first (datetime64('2021-12', '2M') holds November:
    # December's document, in time on 10 Jan 2022, was not funded as November's), so a unit of
    # several months is refused on every row, as voucher_month refuses it; of one month, each
    # value is month raw from January 1970: the row is settled as that month, or refused as the
    # scalar API refuses it.
    months = np.array(raw, dtype=np.int64).view(f"datetime64[{count}M]")
    n = len(raw)
    got = settle_arrays(months, [None] * n, [None] * n, [False] * n, [dt.date(2022, 1, 5)] * n, rules=RULES)
    if count > 1:
        assert all(STATUSES[s] == "invalid" for s in got["status"])
        assert all(f"this one's unit, '{count}M', is a span of months" in got["reason"][k] for k in range(n))
        with pytest.raises(vl.InvalidInput, match=rf"'{count}M', is a span of months"):
            vl.voucher_month(months[0])
        return
    for k, units in enumerate(raw):
        year, month = divmod(units, 12)
        if not 1 <= 1970 + year <= 9999:
            assert got["status"][k] == STATUSES.index("invalid") and got["reason"][k].startswith("month: got")
            continue
        want = one_at_a_time(
            {
                "month": dt.date(1970 + year, month + 1, 1),
                "enrolled_on": None,
                "discharged_on": None,
                "disability": False,
                "submitted_on": dt.date(2022, 1, 5),
            },
            CALENDAR,
            True,
        )
        assert got["payable_tetri"][k] == want["payable_tetri"], (count, units)
        assert STATUSES[got["status"][k]] == want["status"]


def test_a_big_endian_month_column_is_read_as_its_months() -> None:
    """A ``>M8[M]`` month column means the months numpy shows (review 12: it was read by its
    bytes, a month far outside the rules' years as 2021-10)."""
    from voucherlib.input.columns import read_months

    months = np.array(["2021-10", "2021-11", "NaT"], dtype="datetime64[M]")
    numbers, bad = read_months(months.astype(">M8[M]"))
    assert numbers[:2].tolist() == [(2021 - 1970) * 12 + 9, (2021 - 1970) * 12 + 10] and bad is not None
    assert bad.tolist() == [False, False, True]
    far = np.array([18915], dtype="<i8").view(">M8[M]")  # the bytes of 2021-10 (as months) read big-endian
    frame = {"month": far, "enrolled_on": [None], "discharged_on": [None], "disability": [False]}
    out = settle_frame(frame | {"submitted_on": ["2021-11-05"]})
    assert out["status"][0] == "invalid" and out["payable_tetri"][0] == 0


def large_typed_table(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    month = rng.integers(np.datetime64("2021-10", "M").astype(int), np.datetime64("2026-12", "M").astype(int), n)
    first = month.astype("datetime64[M]").astype("datetime64[D]")
    return pd.DataFrame(
        {
            "month": month.astype("datetime64[M]"),
            "enrolled_on": first - rng.integers(-20, 400, n),
            "discharged_on": np.where(rng.random(n) < 0.3, first + rng.integers(0, 60, n), np.datetime64("NaT")),
            "disability": rng.random(n) < 0.3,
            "submitted_on": first + 31 + rng.integers(0, 20, n),
        }
    )


def test_a_large_table_is_read_in_this_thread_when_no_thread_can_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """At the interpreter's shutdown or at the process's thread limit the engine's threads cannot
    start: the columns are read in the caller's thread, with the same result (review 12: it raised
    RuntimeError)."""
    import voucherlib.batch as batch

    table = large_typed_table(70_000, 3)
    want = settle_frame(table, rules=RULES)

    class NoThreads:
        def submit(self, *args: Any) -> Any:
            raise RuntimeError("can't start new thread")

    monkeypatch.setattr(batch, "_pool", lambda: NoThreads())
    assert settle_frame(table, rules=RULES).equals(want)
    text = table.astype({k: "string[pyarrow]" for k in ("enrolled_on", "discharged_on", "submitted_on")})
    assert settle_frame(text.replace("NaT", None), rules=RULES).equals(want)


def test_work_handed_to_a_pool_that_then_fails_is_let_go(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the second column cannot be handed over, the first one's work is cancelled and the
    pool (whose queue may hold the failed item, and with it a whole column) is let go (review 13)."""
    from concurrent.futures import Future

    import voucherlib.batch as batch

    table = large_typed_table(70_000, 4)
    want = settle_frame(table, rules=RULES)
    handed: list[Future[Any]] = []

    class FailsSecond:
        def submit(self, *args: Any) -> Future[Any]:
            if handed:
                raise RuntimeError("can't start new thread")
            handed.append(Future())
            return handed[0]

    pool = FailsSecond()
    monkeypatch.setattr(batch, "_POOL", [(0, pool)])
    monkeypatch.setattr(batch, "_pool", lambda: batch._POOL[0][1])
    assert settle_frame(table, rules=RULES).equals(want)
    assert handed[0].cancelled() and batch._POOL == []


def test_a_large_table_settles_at_the_interpreters_shutdown(tmp_path: Any) -> None:
    import subprocess
    import sys

    script = tmp_path / "at_exit.py"
    script.write_text(
        "import atexit\n"
        "import numpy as np, pandas as pd\n"
        "from voucherlib.batch import settle_frame\n"
        "n = 70_000\n"
        "first = np.full(n, np.datetime64('2021-10-01', 'D'))\n"
        "frame = pd.DataFrame({'month': first.astype('datetime64[M]'), 'enrolled_on': first,\n"
        "    'discharged_on': np.full(n, np.datetime64('NaT', 'D')), 'disability': np.zeros(n, bool),\n"
        "    'submitted_on': first + 35})\n"
        "atexit.register(lambda: print(int(settle_frame(frame)['payable_tetri'].sum())))\n"
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    # 70,000 rows of all October 2021 (31 days x 20 GEL = 620.00), submitted 5 Nov (in time)
    assert out.stdout.strip() == str(70_000 * 62_000), out.stderr


def test_a_large_typed_table_read_in_threads_equals_the_same_rows_read_in_pieces() -> None:
    """From 65,536 rows the datetime64 columns are read two at a time (the engine's threads beside
    the caller's); the result is that of the same rows settled in pieces read by one thread."""
    rng = np.random.default_rng(11)
    n = 70_000
    month = rng.integers(np.datetime64("2021-10", "M").astype(int), np.datetime64("2026-12", "M").astype(int), n)
    first = month.astype("datetime64[M]").astype("datetime64[D]")
    enrolled = (first - rng.integers(-20, 400, n)).astype("datetime64[s]")
    enrolled[7] += np.timedelta64(3600, "s")  # a time of day: row 7 refused, naming enrolled_on
    typed = pd.DataFrame(
        {
            "month": month.astype("datetime64[M]"),
            "enrolled_on": enrolled,
            "discharged_on": np.where(rng.random(n) < 0.3, first + rng.integers(0, 60, n), np.datetime64("NaT")),
            "disability": rng.random(n) < 0.3,
            "submitted_on": first + 31 + rng.integers(0, 20, n),
        }
    )
    whole = settle_frame(typed, rules=RULES)
    pieces = pd.concat([settle_frame(typed.iloc[k : k + 10_000], rules=RULES) for k in range(0, n, 10_000)])
    assert whole.equals(pieces)
    assert whole["status"][7] == "invalid" and whole["reason"][7].startswith("enrolled_on:")
    assert (whole["status"] != "invalid").sum() > n * 0.9


def test_invalid_is_told_apart_from_not_funded() -> None:
    frame = pd.DataFrame(
        {
            "month": ["2021-10", "2021-10", "2021-10", "2021-10"],
            "enrolled_on": [None, None, None, None],
            "discharged_on": [None, None, None, None],
            "disability": [False, False, False, False],
            # due Fri 5 Nov 2021; 6 working days late = 8..12 and 15 Nov: not funded;
            # 2 days late (8, 9 Nov): 620 x 80% = 496.00; in time: 620.00; no date: invalid
            "submitted_on": ["2021-11-15", "2021-11-09", "2021-11-05", None],
        }
    )
    out = settle_frame(frame)
    assert out["status"].tolist() == ["not_funded", "deducted", "paid", "invalid"]
    assert out["payable_tetri"].tolist() == [0, 49600, 62000, 0]
    assert out["reason"].isna().tolist() == [True, True, True, False]
    assert out["reason"][3].startswith("submitted_on:")
    assert list(out.columns) == list(OUTPUT_COLUMNS)


# ---------------------------------------------------------------- large tables, other engines


def test_a_large_text_table_parsed_in_threads_equals_its_datetime64_form() -> None:
    rng = np.random.default_rng(5)
    n = 70_000  # above the size from which text columns are parsed in threads
    month = rng.integers(np.datetime64("2021-10", "M").astype(int), np.datetime64("2026-12", "M").astype(int), n)
    first = month.astype("datetime64[M]").astype("datetime64[D]")
    typed = pd.DataFrame(
        {
            "month": month.astype("datetime64[M]"),
            "enrolled_on": first - rng.integers(-20, 400, n),
            "discharged_on": np.where(rng.random(n) < 0.3, first + rng.integers(0, 60, n), np.datetime64("NaT")),
            "disability": rng.random(n) < 0.3,
            "submitted_on": first + 31 + rng.integers(0, 20, n),
        }
    )
    with_periods = np.flatnonzero(rng.random(n) < 0.05)  # status periods
    cells = typed["disability"].to_numpy().astype(object)
    for i in with_periods.tolist():
        day = first[i].item()
        cells[i] = [(day + dt.timedelta(days=3), day + dt.timedelta(days=9)), (day + dt.timedelta(days=7), None)]
    typed["disability"] = pd.Series(cells, dtype=object)
    text = typed.astype(str).replace("NaT", None)
    text["month"] = text["month"].str[:7]
    text["disability"] = typed["disability"]
    text = text.astype({k: "string[pyarrow]" for k in ("month", "enrolled_on", "discharged_on", "submitted_on")})
    assert settle_frame(text, rules=RULES).equals(settle_frame(typed, rules=RULES))
    sample = np.concatenate([rng.choice(n, 200, replace=False), with_periods[:50]])
    rows = typed.iloc[sample].astype(object).where(typed.iloc[sample].notna(), None).to_dict(orient="records")
    assert rows_of(settle_frame(typed, rules=RULES).iloc[sample]) == expected(rows)


def test_a_pyarrow_date_column_is_read_without_a_copy() -> None:
    from voucherlib.input.columns import read_days

    column = pa.chunked_array([pa.array([dt.date(2021, 10, 1), dt.date(2021, 11, 5)], pa.date32())])
    days = read_days(column).days
    assert days.tolist() == [18901, 18936]  # days since 1970-01-01
    assert np.shares_memory(days, np.frombuffer(column.chunks[0].buffers()[1], dtype=np.int32))


def test_dask_map_partitions_gives_the_one_machine_result() -> None:
    dd = pytest.importorskip("dask.dataframe")
    rng = np.random.default_rng(11)
    n = 3_000
    month = rng.integers(np.datetime64("2021-10", "M").astype(int), np.datetime64("2023-12", "M").astype(int), n)
    first = month.astype("datetime64[M]").astype("datetime64[D]")
    frame = pd.DataFrame(
        {
            "month": [str(m)[:7] for m in month.astype("datetime64[M]")],
            "enrolled_on": [str(d) for d in first - rng.integers(-20, 400, n)],
            "discharged_on": [str(d) if rng.random() < 0.2 else None for d in first + rng.integers(0, 60, n)],
            "disability": rng.random(n) < 0.3,
            "submitted_on": [str(d) for d in first + 31 + rng.integers(0, 20, n)],
        }
    )
    parts = dd.from_pandas(frame, npartitions=4)
    result = parts.map_partitions(settle_frame, rules=RULES, meta=settle_frame(frame.head(0), rules=RULES)).compute()
    assert result.equals(settle_frame(frame, rules=RULES))


def test_dask_with_python_objects_kept_gives_the_one_machine_result_and_refusal() -> None:
    # Review 269 F1, F2: Dask's default turns columns of Python objects into text when it makes the
    # frame: a month of datetime.date and status periods were refused on every row, and a date
    # column of datetime.date lost its kind, so the D35 refusal of a day-first file read month
    # first was lost. Made as docs/batch.md says (dataframe.convert-string off), Dask gives what one
    # machine gives. By hand: October 2021 in full, 31 x 20.00 = 620.00, due Fri 5 Nov, submitted
    # Tue 9 Nov: 2 late working days, 496.00; November 2021 from the 20th with status, 11 x 30.00 =
    # 330.00, due Mon 6 Dec (5 Dec a Sunday), in time; November with status from the 16th, 15 x
    # 20.00 + 15 x 30.00 = 750.00, in time.
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    frame = pd.DataFrame(
        {
            "month": [dt.date(2021, 10, 1), dt.date(2021, 11, 1), dt.date(2021, 11, 15)],
            "enrolled_on": [None, dt.date(2021, 11, 20), None],
            "discharged_on": [None, None, None],
            "disability": [False, True, [(dt.date(2021, 11, 16), None)]],
            "submitted_on": [dt.date(2021, 11, 9), dt.date(2021, 12, 6), dt.date(2021, 12, 3)],
        }
    )
    with dask.config.set({"dataframe.convert-string": False}):
        parts = dd.from_pandas(frame, npartitions=2)
        result = parts.map_partitions(settle_frame, meta=settle_frame(frame.head(0))).compute()
    assert result.equals(settle_frame(frame))
    assert result["payable_tetri"].tolist() == [49600, 33000, 75000]
    # the file said 12/10/21 (12 October), read month first as 10 December, beside '13/11/21' (no
    # 13th month: left as text): refused whole, on one machine and in one partition alike (D35)
    misread = pd.DataFrame(
        {
            "month": ["2021-10", "2021-10"],
            "enrolled_on": [dt.date(2021, 12, 10), None],
            "discharged_on": [None, None],
            "disability": ["no", "no"],
            "submitted_on": ["13/11/21", "13/11/21"],
        }
    )
    with pytest.raises(vl.FileRefused):
        settle_frame(misread, day_first=True)
    with dask.config.set({"dataframe.convert-string": False}), pytest.raises(vl.FileRefused):
        dd.from_pandas(misread, npartitions=1).map_partitions(
            settle_frame, day_first=True, meta=settle_frame(misread.head(0))
        ).compute()


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_a_forked_child_settles_a_large_table_with_threads_of_its_own() -> None:
    import multiprocessing

    rows = [{"month": "2021-10", "enrolled_on": None, "discharged_on": None, "disability": False,
             "submitted_on": "2021-11-05"}] * 70_000  # fmt: skip
    frame = pd.DataFrame(rows).astype({k: "string[pyarrow]" for k in ("month", "submitted_on")})
    frame["enrolled_on"] = frame["discharged_on"] = pd.array([None] * len(frame), dtype="string[pyarrow]")
    assert settle_frame(frame)["payable_tetri"].sum() == 70_000 * 62000  # the parent's pool exists now
    with multiprocessing.get_context("fork").Pool(1) as pool:
        total = pool.apply_async(_payable_total, (frame,)).get(timeout=60)
    assert total == 70_000 * 62000  # 31 days x 20 GEL each, in time (due Fri 5 Nov 2021)


def _payable_total(frame: pd.DataFrame) -> int:
    return int(settle_frame(frame)["payable_tetri"].sum())


@given(st.lists(st.integers(0, 2**32 - 1), max_size=20), st.booleans())
def test_the_days_with_status_are_the_bits_set_with_or_without_numpy_2(masks: list[int], numpy_1: bool) -> None:
    from voucherlib.batch import _bits_set

    with pytest.MonkeyPatch.context() as patch:
        if numpy_1:
            patch.delattr(np, "bitwise_count", raising=False)
        got = _bits_set(np.array(masks, dtype=np.int64))
    assert got.tolist() == [bin(mask).count("1") for mask in masks]


# ---------------------------------------------------------------- missing cells of typed columns


def _status_and_payable(out: pd.DataFrame) -> list[tuple[str, int]]:
    return list(zip(out["status"].tolist(), out["payable_tetri"].tolist(), strict=True))


@given(st.lists(st.tuples(valid_row(periods=False), st.booleans()), min_size=1, max_size=8))
def test_a_missing_disability_in_a_typed_boolean_column_is_refused_as_one_at_a_time(
    drawn: list[tuple[dict[str, Any], bool]],
) -> None:
    """A null in a pandas ``boolean``, ``bool[pyarrow]``, pyarrow ``bool`` or Polars ``Boolean``
    column is a missing disability status: the one-at-a-time path refuses it (invalid, 0 paid),
    it is never read as "no status" (paid at the lower rate)."""
    import polars as pl

    rows = [{**r, "disability": None if missing else r["disability"]} for r, missing in drawn]
    want = [(w["status"], w["payable_tetri"]) for w in expected(rows)]
    flags = [r["disability"] for r in rows]
    base = {k: [r[k] for r in rows] for k in ("month", "enrolled_on", "discharged_on", "submitted_on")}
    forms = {
        "pandas boolean": pd.DataFrame({**base, "disability": pd.array(flags, dtype="boolean")}),
        "pandas bool[pyarrow]": pd.DataFrame({**base, "disability": pd.array(flags, dtype="bool[pyarrow]")}),
        "pyarrow bool": pa.table({**base, "disability": pa.array(flags, pa.bool_())}),
        "pyarrow chunked bool": pa.table({**base, "disability": pa.chunked_array([flags], pa.bool_())}),
        "Polars Boolean": pl.DataFrame({**base, "disability": pl.Series(flags, dtype=pl.Boolean)}),
    }
    for name, frame in forms.items():
        out = settle_frame(frame, rules=RULES, calendar=CALENDAR)
        assert _status_and_payable(out) == want, name
        for (_, missing), reason in zip(drawn, out["reason"].tolist(), strict=True):
            if missing:  # refused with a reason (another field's, when the row has two faults)
                assert isinstance(reason, str) and reason, (name, reason)


@given(st.lists(st.tuples(valid_row(periods=False), st.sets(st.sampled_from(COLUMNS))), min_size=1, max_size=20))
def test_a_masked_cell_of_a_numpy_masked_array_is_an_empty_cell(
    drawn: list[tuple[dict[str, Any], set[str]]],
) -> None:
    """A masked cell is read as an empty cell (a date not given; a month, submission day or
    status refused), as the same table with None in those cells gives; never as the masked
    array's hidden data."""
    rows = [r for r, _ in drawn]
    columns = typed_columns(rows)
    masked = {k: np.ma.masked_array(col, mask=[k in hidden for _, hidden in drawn]) for k, col in columns.items()}
    emptied = [{**r, **dict.fromkeys(hidden)} for r, hidden in drawn]
    assert _status_and_payable(settle_frame(masked, rules=RULES, calendar=CALENDAR)) == [
        (w["status"], w["payable_tetri"]) for w in expected(emptied)
    ]


@pytest.mark.parametrize(
    "column",
    [
        np.array([[True]]),
        np.array(True),
        True,
        iter([True]),
        {True},
        "yes",
        {"a": True},
        pa.table({"a": [True]}),
        pa.record_batch({"a": [True]}),
        pd.DataFrame({"a": [True]}),
    ],
    ids=["2-D", "0-d", "scalar", "iterator", "set", "text", "mapping", "pyarrow Table", "RecordBatch", "DataFrame"],
)
def test_a_mapping_whose_column_is_no_column_is_refused_naming_it(column: Any) -> None:
    row = {"month": ["2021-11"], "enrolled_on": [None], "discharged_on": [None], "submitted_on": ["2021-12-06"]}
    with pytest.raises(vl.InvalidInput) as caught:
        settle_frame({**row, "disability": column}, rules=RULES, calendar=CALENDAR)
    assert caught.value.field == "frame.disability"


def test_a_polars_dataframe_as_a_column_is_refused_naming_it() -> None:
    import polars as pl

    row = {"month": ["2021-11"], "enrolled_on": [None], "discharged_on": [None], "submitted_on": ["2021-12-06"]}
    with pytest.raises(vl.InvalidInput) as caught:
        settle_frame({**row, "disability": pl.DataFrame({"a": [True]})}, rules=RULES, calendar=CALENDAR)
    assert caught.value.field == "frame.disability"


@pytest.mark.parametrize("column", ["month", "enrolled_on", "submitted_on"])
def test_a_polars_series_with_a_time_zone_is_refused_as_in_a_polars_frame(column: str) -> None:
    # Review 150 F1: a Polars Series with a time zone, given as a column of a mapping (or to
    # settle_arrays), was read by numpy as its UTC wall time: submitted 7 Dec 2021 19:00 in New
    # York was counted as 8 Dec (the deadline 5 Dec 2021, a Sunday, rolls to Monday 6 Dec: 2 working
    # days late, 30 days x 20.00 = 600.00 - 20% = 480.00, where 7 Dec local is 1 day late, 540.00),
    # enrolled 9 Nov 19:00 as 10 Nov, the month 30 Nov 19:00 as December. A date has
    # no time zone: refused naming the column, as in a Polars DataFrame and one at a time.
    import polars as pl

    given = {"month": "2021-11-30", "enrolled_on": "2021-11-09", "submitted_on": "2021-12-07"}[column]
    local = dt.datetime.fromisoformat(given).replace(hour=19)
    series = pl.Series(column, [local]).dt.replace_time_zone("America/New_York")
    row: dict[str, Any] = {
        "month": ["2021-11"],
        "enrolled_on": [None],
        "discharged_on": [None],
        "disability": [False],
        "submitted_on": ["2021-12-03"],
    }
    row[column] = series
    for out in (
        settle_frame(row, rules=RULES, calendar=CALENDAR),
        settle_frame(pl.DataFrame(row), rules=RULES, calendar=CALENDAR),
    ):
        assert out["status"].tolist() == ["invalid"] and out["payable_tetri"].tolist() == [0]
        assert out["reason"][0].startswith(f"{column}: got datetime.datetime({local.year}, {local.month}")
    arrays = settle_arrays(*(row[c] for c in COLUMNS), rules=RULES, calendar=CALENDAR)
    assert arrays["payable_tetri"].tolist() == [0] and arrays["reason"][0].startswith(f"{column}: got datetime")


@given(st.lists(valid_row(), min_size=1, max_size=20))
def test_the_days_with_status_the_engine_counts_are_those_of_the_voucher_month(rows: list[dict[str, Any]]) -> None:
    """settle_arrays' status_days (the rows whose status periods the engine counted, and their
    days with status): the voucher-month's own count (D2) for each of those rows."""
    cells = {k: pd.Series([r[k] for r in rows], dtype=object).to_numpy() for k in COLUMNS}
    assert_days_with_status(rows, settle_arrays(**cells, rules=RULES, calendar=CALENDAR))


def assert_days_with_status(rows: list[dict[str, Any]], out: dict[str, Any]) -> None:
    """Each row in settle_arrays' status_days has a list of periods and the days with status of
    its voucher-month (D2)."""
    counted, days = out.get("status_days", (np.zeros(0, np.int64), np.zeros(0, np.int64)))
    for i, got in zip(counted.tolist(), days.tolist(), strict=True):
        r = rows[i]
        vm = vl.voucher_month(
            r["month"], enrolled_on=r["enrolled_on"], discharged_on=r["discharged_on"],
            disability=r["disability"], rules=RULES,
        )  # fmt: skip
        assert isinstance(r["disability"], (list, tuple)) and got == vm.days_with_disability


@given(
    st.lists(
        st.tuples(st.lists(st.tuples(st.none() | near, st.none() | near), max_size=3), st.sampled_from([1, 1, 2, 90])),
        max_size=8,
    )
)
def test_status_periods_flattened_give_each_period_its_days_and_mark_reversed_rows(
    drawn: list[tuple[list[tuple[int | None, int | None]], int]],
) -> None:
    """flatten_periods against a plain reading of each period (days since 1970-01-01; a start of
    None is NAT, an end of None OPEN_END; a row with a period that ends before it starts goes
    one at a time), rows of many periods (up to 270: more than a byte counts) included."""
    from voucherlib.input.columns import NAT, OPEN_END, flatten_periods

    base = dt.date(2021, 10, 1)
    day0 = (base - dt.date(1970, 1, 1)).days

    def date(k: int | None) -> dt.date | None:
        return None if k is None else base + dt.timedelta(days=k)

    cells = [[(date(a), date(b)) for a, b in pairs] * times for pairs, times in drawn]
    row, start, end, slow = flatten_periods(cells)
    periods = [(i, a, b) for i, (pairs, times) in enumerate(drawn) for a, b in pairs * times]
    assert row.tolist() == [i for i, _, _ in periods]
    assert start.tolist() == [NAT if a is None else day0 + a for _, a, _ in periods]
    assert end.tolist() == [OPEN_END if b is None else day0 + b for _, _, b in periods]
    reversed_rows = {i for i, a, b in periods if a is not None and b is not None and b < a}
    assert slow.tolist() == [i in reversed_rows for i in range(len(drawn))]


def test_status_periods_read_pair_by_pair_give_each_row_its_days() -> None:
    """The tuple reader: rows, start and end day numbers (days since 1970-01-01) by hand; a count
    of periods that does not match what the rows hold (a row changed while read) is not taken."""
    from voucherlib.input.columns import NAT, OPEN_END, _tuple_pairs, flatten_periods

    jan = dt.date(1970, 1, 1)
    cells = [
        [(jan + dt.timedelta(days=10), jan + dt.timedelta(days=12))],  # days 10..12
        [],
        [(None, jan + dt.timedelta(days=3)), (jan + dt.timedelta(days=10), None)],  # open start, open end
        ((jan + dt.timedelta(days=10), jan + dt.timedelta(days=12)),),  # the first row's pair again
    ]
    row, start, end, slow = flatten_periods(cells)
    assert row.tolist() == [0, 2, 2, 3]
    assert start.tolist() == [10, NAT, 10, 10]
    assert end.tolist() == [12, 3, OPEN_END, 12]
    assert not slow.any()
    assert _tuple_pairs(cells, 3) is None  # more periods than counted
    many = [[(jan, jan + dt.timedelta(days=k)) for k in range(300)], [(jan + dt.timedelta(days=5), jan)]]
    row, start, end, slow = flatten_periods(many)  # 300 periods: more than a byte counts
    assert row.tolist() == [0] * 300 + [1]
    assert start.tolist() == [0] * 300 + [5] and end.tolist() == [*range(300), 0]
    assert slow.tolist() == [False, True]  # the second row's period ends (day 0) before it starts (day 5)
    assert _tuple_pairs(cells, 5) is None  # fewer
    assert _tuple_pairs([[[jan, jan]]], 1) is None  # a list pair: the general reader takes it


# ---------------------------------------------------------------- encoded and wrapped columns


@st.composite
def text_row(draw: st.DrawFn) -> dict[str, Any]:
    """A row of text cells, good and bad, as a file or a categorical column holds them: a month
    written as a month, as a day of it (refused: a month is written YYYY-MM) or as nonsense."""
    month = draw(st.builds(vl.Month, st.just(2021), st.integers(10, 12)))
    first = month.first_day
    day = st.integers(-3, 40).map(lambda k: (first + dt.timedelta(days=k)).isoformat())
    return {
        "month": draw(st.sampled_from([str(month), f"{first.isoformat()[:8]}15", "October", None])),
        "enrolled_on": draw(st.none() | day),
        "discharged_on": draw(st.none() | day | st.just("soon")),
        "disability": draw(st.booleans()),
        "submitted_on": draw(
            st.integers(0, 20).map(lambda k: (month.next().first_day + dt.timedelta(days=k)).isoformat())
        ),
    }


@given(st.lists(text_row(), min_size=1, max_size=12))
def test_an_encoded_text_column_is_read_as_its_text(rows: list[dict[str, Any]]) -> None:
    """An Arrow dictionary or string_view column, a Polars Categorical, Enum or Object column hold
    the same text as a plain one, and each cell means what the one-at-a-time API makes of it: a
    day of the month in a month column (``2021-10-15``) is refused there as everywhere (review 14)."""
    import polars as pl

    want = expected(rows)
    texts = ("month", "enrolled_on", "discharged_on", "submitted_on")
    plain = {k: [r[k] for r in rows] for k in rows[0]}
    forms = {
        "Arrow dictionary": pa.table(
            {k: pa.array(v, pa.string()).dictionary_encode() if k in texts else pa.array(v) for k, v in plain.items()}
        ),
        "Arrow string_view": pa.table(
            {k: pa.array(v, pa.string_view() if k in texts else None) for k, v in plain.items()}
        ),
        "Polars Categorical": pl.DataFrame(plain).with_columns(
            *(pl.col(k).cast(pl.Utf8).cast(pl.Categorical) for k in texts)
        ),
        "Polars Object": pl.DataFrame(
            {k: pl.Series(k, v, dtype=pl.Object) if k in texts else v for k, v in plain.items()}
        ),
    }
    for name, frame in forms.items():
        assert rows_of(settle_frame(frame, rules=RULES, calendar=CALENDAR)) == want, name


def test_a_month_written_as_a_day_is_refused_in_a_polars_enum_column() -> None:
    """``2021-10-15`` is no month (YYYY-MM, D3): refused in an Enum column as in any other, not
    settled as October (review 14)."""
    import polars as pl

    row = {"month": ["2021-10-15"], "enrolled_on": [None], "discharged_on": [None], "disability": [False],
           "submitted_on": ["2021-11-05"]}  # fmt: skip
    frame = pl.DataFrame(row).with_columns(pl.col("month").cast(pl.Enum(["2021-10-15"])))
    out = settle_frame(frame, rules=RULES, calendar=CALENDAR)
    assert out["status"].tolist() == ["invalid"]
    assert out["reason"][0].startswith("month: got '2021-10-15'")


@pytest.mark.parametrize("freq", ["M", "D"])
def test_a_pandas_period_column_through_arrow_is_read_as_in_pandas(freq: str) -> None:
    """``pa.Table.from_pandas`` keeps a ``Period`` column as pandas' Arrow extension type (its
    storage the period's ordinal): the table gives what the pandas frame gives (review 14), a
    monthly period its month, a daily one what the one-at-a-time API makes of it."""
    first = dt.date(2021, 10, 1)
    frame = pd.DataFrame(
        {
            "month": pd.PeriodIndex([first, dt.date(2021, 11, 1), None], freq=freq),
            "enrolled_on": [None, "2021-11-03", None],
            "discharged_on": pd.PeriodIndex([None, None, "2021-12-20"], freq="D"),  # a daily period: no date (D3)
            "disability": [False, True, False],
            "submitted_on": ["2021-11-09", "2021-12-06", "2021-11-05"],
        }
    )
    table = pa.Table.from_pandas(frame, preserve_index=False)
    assert isinstance(table.column("month").type, pa.ExtensionType)
    got = settle_frame(table, rules=RULES, calendar=CALENDAR)
    assert rows_of(got) == rows_of(settle_frame(frame, rules=RULES, calendar=CALENDAR))
    # the same extension in a pandas frame backed by Arrow (read_parquet(dtype_backend="pyarrow")): review 15
    backed = table.to_pandas(types_mapper=pd.ArrowDtype)
    assert rows_of(settle_frame(backed, rules=RULES, calendar=CALENDAR)) == rows_of(got)
    if freq == "M":
        # October 2021 in full: 31 days x 20 GEL = 620.00, 2 working days late (8, 9 Nov): -20% = 496.00.
        # November from the 3rd: 28 days x 30 GEL = 840.00, due 6 Dec (the 5th a Sunday), on time.
        assert got["payable_tetri"].tolist()[:2] == [49_600, 84_000]
    assert got["status"].tolist()[2] == "invalid"  # no month (and a Period is no date)


def _raw(values: list[int], kind: Any) -> Any:
    """An Arrow column of ``kind`` holding the raw counts ``values`` (a date32's days, a
    timestamp's units), not nulls, as any Arrow producer can hold them."""
    width = np.int32 if kind == pa.date32() else np.int64
    return pa.array(np.array(values, dtype=width)).view(kind)


# Each cell a value Arrow holds that no datetime.date is: day -2**31 (the engine's own mark of an
# empty cell), the other day numbers outside the years 1-9999, and the smallest int64 of a 64-bit
# type (numpy's NaT, but a value in Arrow, whose nulls are in the validity bitmap).
NO_DATES = [
    *[(pa.date32(), v) for v in (-(2**31), -(2**31) + 1, 2**31 - 1, -800_000, 3_000_000)],
    *[(pa.timestamp(u), -(2**63)) for u in ("s", "ms", "us", "ns")],
    (pa.date64(), -(2**63)),
    (pa.date64(), 2**62),
    (pa.date64(), 18910 * 86_400_000 + 3_600_000),  # 10 Oct 2021 at 01:00: a time of day (review 53)
]


@pytest.mark.parametrize(("kind", "value"), NO_DATES, ids=lambda x: str(x))
@pytest.mark.parametrize("field", ["enrolled_on", "discharged_on", "submitted_on", "month"])
def test_an_arrow_value_that_is_no_date_is_refused_naming_its_field(kind: Any, value: int, field: str) -> None:
    # review 51: a discharge of date32 day -2**31 was read as an empty cell (not discharged) and
    # October 2021 paid whole, 620.00; INT64_MIN in a timestamp likewise; other such days were
    # real days, or stopped the batch with OverflowError. The control row (enrolled 29 Sep 2021,
    # not discharged; October, 31 x 20 GEL = 620.00, submitted on the deadline Fri 5 Nov) pays
    # 62,000 tetri, and the row holding the value is refused, naming the field.
    first = {"month": dt.date(2021, 10, 1), "enrolled_on": dt.date(2021, 9, 29), "discharged_on": None}
    cells = {name: pa.array([first.get(name, dt.date(2021, 11, 5))], pa.date32()).cast(kind) for name in COLUMNS}
    cells["disability"] = pa.array([False])
    table = pa.table({name: pa.chunked_array([cells[name], cells[name]]) for name in COLUMNS})
    column = pa.chunked_array([cells[field], _raw([value], kind)])  # the row's cell in a chunk of its own
    table = table.set_column(table.schema.get_field_index(field), field, column)
    out = rows_of(settle_frame(table, calendar=CALENDAR, rules=RULES))
    assert (out[0]["status"], out[0]["payable_tetri"]) == ("paid", 62000)
    assert (out[1]["status"], out[1]["amount_tetri"], out[1]["payable_tetri"]) == ("invalid", 0, 0)
    assert out[1]["reason"].startswith(f"{field}: got ")


def test_a_status_period_whose_end_is_no_date_is_refused_naming_disability() -> None:
    # a period of list<list<date32>> ending on day -2**31 + 5: to_pylist() raised OverflowError
    periods = pa.array(
        [[[dt.date(2021, 10, 1), dt.date(2021, 10, 10)]], None], pa.list_(pa.list_(pa.date32()))
    )  # row 1: October's first 10 days with status
    bad = pa.ListArray.from_arrays(
        pa.array([0, 1], pa.int32()),
        pa.ListArray.from_arrays(pa.array([0, 2], pa.int32()), _raw([18900, -(2**31) + 5], pa.date32())),
    )
    table = pa.table(
        {
            "month": ["2021-10", "2021-10"],
            "enrolled_on": pa.array([dt.date(2021, 9, 29)] * 2, pa.date32()),
            "discharged_on": pa.array([None, None], pa.date32()),
            "disability": pa.chunked_array([periods.slice(0, 1), bad]),
            "submitted_on": ["2021-11-05", "2021-11-05"],
        }
    )
    out = rows_of(settle_frame(table, calendar=CALENDAR, rules=RULES))
    # row 1: 10 days x 30 + 21 days x 20 = 300 + 420 = 720.00
    assert (out[0]["status"], out[0]["payable_tetri"]) == ("paid", 72000)
    assert (out[1]["status"], out[1]["payable_tetri"]) == ("invalid", 0)
    assert out[1]["reason"].startswith("disability")


def test_a_month_of_datetime64_m_past_the_years_is_refused_showing_that_value() -> None:
    # review 51: it was shown as the int of its days ("got 33465697975663 (int)"), not the cell
    out = rows_of(
        settle_frame(
            {
                "month": np.array([2**40, 621], dtype="M8[M]"),  # 621 months after Jan 1970: Oct 2021
                "enrolled_on": [None] * 2,
                "discharged_on": [None] * 2,
                "disability": [False] * 2,
                "submitted_on": ["2021-11-05"] * 2,
            },
            calendar=CALENDAR,
            rules=RULES,
        )
    )
    # (its text, the same whatever numpy's version: numpy 2 wrote np.datetime64(...), 1.26 numpy.datetime64(...))
    assert out[0]["status"] == "invalid" and out[0]["reason"].startswith("month: got '91625970951-05' (datetime64)")
    assert (out[1]["status"], out[1]["payable_tetri"]) == ("paid", 62000)  # October 2021: 31 x 20 GEL


@pytest.mark.parametrize(
    ("kind", "value", "encoding"),
    [
        (kind, value, encoding)
        for kind, value in NO_DATES
        for encoding in ("dictionary", "run_end")
        if not (encoding == "run_end" and kind == pa.date64())  # (pyarrow builds no such run-end array)
    ],
    ids=str,
)
def test_an_encoded_arrow_value_that_is_no_date_is_refused_naming_its_field(
    kind: Any, value: int, encoding: str
) -> None:
    # review 53: a dictionary- or run-end-encoded column (a Parquet file's, a categorical through
    # Arrow) was read value by value: a timestamp[ns] of the smallest int64 was NaT, an empty
    # discharge, and October 2021 was paid whole (620.00); a date32 past the years stopped the batch.
    # Row 1: discharged Sun 10 Oct 2021, enrolled 29 Sep: 1-10 Oct, 10 x 20 GEL = 200.00.
    good = pa.array([dt.date(2021, 10, 10)], pa.date32()).cast(kind)
    column = pa.concat_arrays([good, _raw([value], kind)])
    if encoding == "dictionary":
        column = column.dictionary_encode()
    else:
        column = pa.RunEndEncodedArray.from_arrays(pa.array([1, 2], pa.int32()), column)
    table = pa.table(
        {
            "month": pa.array([dt.date(2021, 10, 1)] * 2, pa.date32()),
            "enrolled_on": pa.array([dt.date(2021, 9, 29)] * 2, pa.date32()),
            "discharged_on": column,
            "disability": [False, False],
            "submitted_on": pa.array([dt.date(2021, 11, 5)] * 2, pa.date32()),
        }
    )
    out = rows_of(settle_frame(table, calendar=CALENDAR, rules=RULES))
    assert (out[0]["status"], out[0]["payable_tetri"]) == ("paid", 20000)
    assert (out[1]["status"], out[1]["payable_tetri"]) == ("invalid", 0)
    assert out[1]["reason"].startswith("discharged_on: got ")


def _tz_smallest(encoding: str) -> Any:
    column = _raw([-(2**63)], pa.timestamp("ns", tz="Asia/Tbilisi"))
    return column.dictionary_encode() if encoding == "dictionary" else column


@pytest.mark.parametrize("encoding", ["plain", "dictionary"])
def test_a_zoned_timestamp_of_the_smallest_int64_is_refused_not_read_as_empty(encoding: str) -> None:
    # review 54: a timestamp[ns] with a zone is read value by value, and to_pylist() gave its
    # smallest int64 as NaT without a word: an empty discharge, October 2021 paid whole (620.00)
    table = pa.table(
        {
            "month": ["2021-10"],
            "enrolled_on": pa.array([dt.date(2021, 9, 29)], pa.date32()),
            "discharged_on": _tz_smallest(encoding),
            "disability": [False],
            "submitted_on": ["2021-11-05"],
        }
    )
    out = rows_of(settle_frame(table, calendar=CALENDAR, rules=RULES))
    assert (out[0]["status"], out[0]["payable_tetri"]) == ("invalid", 0)
    assert out[0]["reason"].startswith("discharged_on: got ")


@pytest.mark.parametrize("wrap", ["list", "dictionary"])
def test_a_status_period_ending_on_a_date64_with_a_time_of_day_is_refused(wrap: str) -> None:
    # review 54: inside a list of periods, to_pylist() gave a date64 of 20 Oct 2021 at 13:00 as
    # 20 Oct, and the row was paid: 1-20 Oct with status (20 x 30) and 11 days without (11 x 20)
    ends = _raw([18900 * 86_400_000, 18920 * 86_400_000 + 13 * 3_600_000], pa.date64())  # 29 Sep; 20 Oct 13:00
    values: Any = ends.dictionary_encode() if wrap == "dictionary" else ends
    periods = pa.ListArray.from_arrays(
        pa.array([0, 1], pa.int32()), pa.ListArray.from_arrays(pa.array([0, 2], pa.int32()), values)
    )
    table = pa.table(
        {
            "month": ["2021-10"],
            "enrolled_on": pa.array([dt.date(2021, 9, 29)], pa.date32()),
            "discharged_on": pa.array([None], pa.date32()),
            "disability": periods,
            "submitted_on": ["2021-11-05"],
        }
    )
    out = rows_of(settle_frame(table, calendar=CALENDAR, rules=RULES))
    assert (out[0]["status"], out[0]["payable_tetri"]) == ("invalid", 0)
    assert out[0]["reason"].startswith("disability")


class _Wrapped(pa.ExtensionType):  # type: ignore[misc]
    """An Arrow extension type over a date or time (as a library's own date type is)."""

    def __init__(self, storage: Any) -> None:
        super().__init__(storage, "voucherlib-test.wrapped")

    def __arrow_ext_serialize__(self) -> bytes:
        return b""

    @classmethod
    def __arrow_ext_deserialize__(cls, storage_type: Any, serialized: bytes) -> Any:
        return cls(storage_type)


def _hidden_forms() -> dict[str, dict[str, Any]]:
    ends = _raw([18900 * 86_400_000, 18920 * 86_400_000 + 13 * 3_600_000], pa.date64())  # 29 Sep; 20 Oct 13:00
    smallest = _raw([-(2**63)], pa.timestamp("ns"))
    at_one = _raw([18910 * 86_400_000 + 13 * 3_600_000], pa.date64())  # 10 Oct 2021 at 13:00
    offsets = pa.array([0, 1], pa.int32())
    return {
        "discharged_on": {
            "extension<timestamp[ns]>": pa.ExtensionArray.from_storage(_Wrapped(pa.timestamp("ns")), smallest),
            "extension<date64>": pa.ExtensionArray.from_storage(_Wrapped(pa.date64()), at_one),
        },
        "disability": {
            "map<date64, date64>": pa.MapArray.from_arrays(offsets, ends.slice(0, 1), ends.slice(1, 1)),
            "list<list<extension<date64>>>": pa.ListArray.from_arrays(
                offsets,
                pa.ListArray.from_arrays(
                    pa.array([0, 2], pa.int32()), pa.ExtensionArray.from_storage(_Wrapped(pa.date64()), ends)
                ),
            ),
        },
    }


@pytest.mark.parametrize(
    ("field", "form"), [(field, form) for field, forms in _hidden_forms().items() for form in forms], ids=str
)
def test_a_value_hidden_in_an_extension_type_or_a_map_is_refused(field: str, form: str) -> None:
    # review 55: the check for values to_pylist() says wrongly did not look into an extension
    # type or a map: a discharge of the smallest int64 paid October whole (620.00), one at 13:00
    # paid 1-10 Oct (200.00), a period ending at 13:00 paid 820.00
    cells: dict[str, Any] = {
        "month": ["2021-10"],
        "enrolled_on": pa.array([dt.date(2021, 9, 29)], pa.date32()),
        "discharged_on": pa.array([None], pa.date32()),
        "disability": [False],
        "submitted_on": ["2021-11-05"],
    }
    cells[field] = _hidden_forms()[field][form]
    out = rows_of(settle_frame(pa.table(cells), calendar=CALENDAR, rules=RULES))
    assert (out[0]["status"], out[0]["payable_tetri"]) == ("invalid", 0)
    assert out[0]["reason"].startswith(field)


def test_an_arrow_table_with_an_input_column_twice_is_refused_as_a_pandas_frame_is() -> None:
    # review 75: pyarrow's own KeyError ("Field exists 2 times") escaped; pandas names the column
    cols = [pa.array(["2021-11"]), pa.array([None]), pa.array([None]), pa.array([False])]
    days = [pa.array([dt.date(2021, 12, 6)]), pa.array([dt.date(2021, 12, 7)])]
    names = [*COLUMNS, "submitted_on"]
    for frame in (pa.Table.from_arrays(cols + days, names=names), pa.RecordBatch.from_arrays(cols + days, names=names)):
        with pytest.raises(
            vl.InvalidInput, match=r"^frame: got 'submitted_on, submitted_on' \(str\); expected each column once"
        ):
            settle_frame(frame)


def test_a_polars_column_arrow_cannot_read_and_a_lazy_frame_are_refused_naming_them() -> None:
    import warnings

    import polars as pl

    int128 = getattr(pl, "Int128", None)  # (Polars 1.0, the lowest allowed, has none)
    frame = pl.DataFrame(
        {
            "month": ["2021-11"],
            "enrolled_on": pl.Series([None], dtype=pl.Date),
            "discharged_on": pl.Series([None], dtype=pl.Date),
            "disability": pl.Series([1], dtype=int128 or pl.Int64),
            "submitted_on": [dt.date(2021, 12, 6)],
        }
    )
    if int128 is not None:
        # review 75: pyarrow's ArrowInvalid ('_pli128') escaped
        with pytest.raises(vl.InvalidInput, match=r"^frame\.disability: got 'Int128'.*a type Arrow reads"):
            settle_frame(frame)
    # as Int64, 1 is yes: November 2021, 30 x 30 = 900.00, submitted on the deadline (Mon 6 Dec)
    assert settle_frame(frame.with_columns(pl.col("disability").cast(pl.Int64)))["payable_tetri"].tolist() == [90000]
    if int128 is not None:
        # review 77: another column of such a type (no input) made pyarrow's ArrowInvalid escape too
        other = frame.with_columns(pl.col("disability").cast(pl.Int64), pl.Series("note", [1], dtype=int128))
        assert settle_frame(other)["payable_tetri"].tolist() == [90000]
    with pytest.raises(vl.InvalidInput, match=r"(?s)^frame: got .*\(Series\); expected a pandas or Polars DataFrame"):
        settle_frame(frame["month"])  # (review 77: a bare AttributeError)
    # review 75: a LazyFrame was refused only after Polars warned of resolving its schema (an
    # error under -W error, in place of the refusal)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(vl.InvalidInput, match=r"collect\(\) a Polars LazyFrame first"):
            settle_frame(frame.lazy())


def test_a_named_status_period_is_read_by_its_names_in_every_path() -> None:
    # review 75: a named tuple of fields (end, start) was read by position: "until 15 Nov" paid as
    # "from 15 Nov". Until 15 Nov with status: 15 x 30 + 15 x 20 = 750.00 (November 2021).
    from collections import namedtuple

    EndFirst = namedtuple("EndFirst", "end start")
    StartFirst = namedtuple("StartFirst", "start end")
    for period in (EndFirst(end=dt.date(2021, 11, 15), start=None), StartFirst(start=None, end=dt.date(2021, 11, 15))):
        assert vl.voucher_month("2021-11", disability=[period]).amount == Decimal("750.00")
        frame = pd.DataFrame(
            {
                "month": ["2021-11"],
                "enrolled_on": [None],
                "discharged_on": [None],
                "disability": pd.Series([[period]], dtype=object),
                "submitted_on": [dt.date(2021, 12, 6)],
            }
        )
        assert settle_frame(frame)["payable_tetri"].tolist() == [75000]


@pytest.mark.parametrize("fields", ["end begin", "end_date start_date", "until since", "a b"])
def test_a_named_status_period_of_other_names_is_refused_in_every_path(fields: str) -> None:
    # review 77: a named tuple (end, begin) was read by position, "until 10 Nov" paid as "from
    # 10 Nov": 810.00 for 10 x 30 + 20 x 20 = 700.00. Which field is which cannot be known.
    from collections import namedtuple

    first, second = fields.split()
    named = namedtuple("named", fields)(**{first: dt.date(2021, 11, 10), second: None})  # type: ignore[misc]
    with pytest.raises(vl.InvalidInput, match=r"^disability\[0\]: got .*a named tuple's fields are start and end"):
        vl.voucher_month("2021-11", disability=[named])
    frame = pd.DataFrame(
        {
            "month": ["2021-11"],
            "enrolled_on": [None],
            "discharged_on": [None],
            "disability": pd.Series([[named]], dtype=object),
            "submitted_on": [dt.date(2021, 12, 6)],
        }
    )
    out = settle_frame(frame)
    assert out["status"].tolist() == ["invalid"] and "named tuple's fields are start and end" in out["reason"][0]


def test_a_named_status_period_beside_a_plain_pair_of_the_same_days_is_read_by_its_names() -> None:
    # A named tuple equals the plain tuple of its values: a batch that met (10 Nov, None) first
    # read EndFirst(end=10 Nov, start=None) by that pair, "from 10 Nov" (10 Nov-30 Nov with
    # status: 21 x 30 + 9 x 20 = 810.00) for "until 10 Nov" (10 x 30 + 20 x 20 = 700.00), and
    # paid a named tuple of other names that is refused on its own.
    from collections import namedtuple

    EndFirst = namedtuple("EndFirst", "end start")
    Other = namedtuple("Other", "a b")
    day = dt.date(2021, 11, 10)
    cells = [[(day, None)], [EndFirst(end=day, start=None)], [Other(a=day, b=None)]]
    frame = pd.DataFrame(
        {
            "month": ["2021-11"] * 3,
            "enrolled_on": [None] * 3,
            "discharged_on": [None] * 3,
            "disability": pd.Series(cells, dtype=object),
            "submitted_on": [dt.date(2021, 12, 6)] * 3,
        }
    )
    out = settle_frame(frame)
    assert out["payable_tetri"].tolist() == [81000, 70000, 0]
    assert out["status"].tolist() == ["paid", "paid", "invalid"]


@pytest.mark.parametrize("day_first", [False, True])
def test_a_named_status_period_is_read_by_its_names_with_day_first_too(day_first: bool) -> None:
    # review 78: under day_first the periods of a cell were unpacked as (start, end) pairs, names
    # dropped: EB(end=15 Nov, start=None), "until 15 Nov" (15 x 30 + 15 x 20 = 750.00), was paid
    # 760.00, read as "from 15 Nov" (16 days, 15 to 30 Nov, x 30 + 14 x 20), and (end, begin) paid, not refused
    from collections import namedtuple

    EB = namedtuple("EB", "end start")
    EG = namedtuple("EG", "end begin")
    cells = [
        [EB(end="15.11.2021" if day_first else "2021-11-15", start=None)],
        [EG(end=dt.date(2021, 11, 15), begin=None)],
    ]
    frame = pd.DataFrame(
        {
            "month": ["2021-11"] * 2,
            "enrolled_on": ["2021-01-01"] * 2,
            "discharged_on": [None] * 2,
            "disability": pd.Series(cells, dtype=object),
            "submitted_on": ["2021-12-06"] * 2,
        }
    )
    out = settle_frame(frame, day_first=day_first)
    assert out["payable_tetri"].tolist() == [75000, 0] and out["status"].tolist() == ["paid", "invalid"]


def test_iso_text_dates_in_arrow_take_the_fast_path_while_the_kinds_of_date_are_noted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Plain ISO text (as read_csv gives it, held in Arrow) is parsed by Arrow a column at a time:
    it is no kind of date the D35 check notes (neither a date cell nor a text that can only be
    day first), so noting the kinds reads no cell of it one by one (the bench of 75c98d2 found the
    text dates 1.7 times slower: every distinct date went through the noting reader)."""
    pa = pytest.importorskip("pyarrow")
    from voucherlib.input import columns as C
    from voucherlib.input.cells import DateKinds

    calls: list[Any] = []
    noted = C._Noted.__call__
    monkeypatch.setattr(C._Noted, "__call__", lambda self, value: calls.append(value) or noted(self, value))
    column = pa.chunked_array([pa.array(["2021-11-01", "2021-12-31", None] * 100)])
    got = C.read_days(column, name="enrolled_on", kinds=DateKinds())
    assert calls == [] and got.days.tolist()[:3] == [18932, 18992, C.EMPTY]  # days since 1970-01-01
    mixed = pa.chunked_array([pa.array(["2021-11-01", "01/11/2021"])])  # not plain ISO: read one by one
    C.read_days(mixed, "enrolled_on", name="enrolled_on", kinds=DateKinds())
    assert "01/11/2021" in calls


def test_a_date_column_left_empty_in_every_row_is_read_at_once() -> None:
    """Review 118: ``pd.read_csv`` reads a column left empty in every row as float NaN; every row
    then went one at a time (19.6 s a million rows). NaN is an empty cell there, as one at a time;
    any other number is refused in its row as before. By hand: enrolled 5 Nov, not discharged: 26
    x 20 = 520.00, in time."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    frame = pd.DataFrame(
        {"month": ["2021-11"] * 3, "enrolled_on": ["2021-11-05"] * 3, "discharged_on": [np.nan] * 3,
         "disability": [False] * 3, "submitted_on": ["2021-12-06"] * 3}
    )  # fmt: skip
    assert frame["discharged_on"].dtype == np.float64
    assert list(settle_frame(frame)["payable_tetri"]) == [52000] * 3
    frame.loc[1, "discharged_on"] = 5.0
    result = settle_frame(frame)
    assert list(result["status"]) == ["paid", "invalid", "paid"] and "got 5.0 (float)" in result["reason"][1]


@pytest.mark.parametrize("rows", [2, 8])
def test_a_feather_file_of_a_categorical_period_month_is_refused_naming_it(tmp_path: Path, rows: int) -> None:
    # Review 183 F2: a Feather file of a categorical Period month read back with pyarrow in the
    # session that wrote it holds the dictionary's indices as the Period type's storage: pandas
    # read them as ordinals (an IndexError or a ValueError out of settle_frame). Refused, naming
    # the column, as a VoucherError.
    feather = pytest.importorskip("pyarrow.feather")
    frame = pd.DataFrame(
        {
            "month": pd.PeriodIndex(["2021-10", "2021-11"] * (rows // 2), freq="M"),
            "enrolled_on": [None] * rows,
            "discharged_on": [None] * rows,
            "disability": [False] * rows,
            "submitted_on": ["2022-01-05"] * rows,
        }
    )
    frame["month"] = frame["month"].astype("category")
    try:
        frame.to_feather(tmp_path / "months.feather")
    except pa.ArrowInvalid:  # pragma: no cover - pandas before 2.3 cannot write such a column
        pytest.skip("this pandas cannot write a categorical Period column to Feather")
    table = feather.read_table(tmp_path / "months.feather")
    if getattr(table.column("month").type, "extension_name", None) != "pandas.period":  # pragma: no cover
        pytest.skip("this pyarrow reads the column as a plain dictionary")
    # (review 197 F5: said as what it is, with what to write instead)
    with pytest.raises(
        vl.InvalidInput, match=r"frame\.month: got 'extension<pandas.period.*the indices of a categorical"
    ):
        settle_frame(table)


def _months_and_stays(month: Any) -> Any:
    """A table of two whole months without disability status, each document in time, ``month``
    its month column: by hand, October 2021 31 x 20 = 620.00 (due 5 Nov, given that day) and
    November 30 x 20 = 600.00 (due 6 Dec, the 5th a Sunday; given 3 Dec)."""
    return pa.table(
        {
            "month": month,
            "enrolled_on": pa.array([None, None], pa.date32()),
            "discharged_on": pa.array([None, None], pa.date32()),
            "disability": [False, False],
            "submitted_on": ["2021-11-05", "2021-12-03"],
        }
    )


_PERIOD_FIELD = {b"ARROW:extension:name": b"pandas.period", b"ARROW:extension:metadata": b'{"freq": "M"}'}


@pytest.mark.parametrize("how", ["from_pandas", "ipc in a fresh process", "plain ipc in a fresh process", "polars"])
def test_a_categorical_period_month_in_arrow_is_read(tmp_path: Path, how: str) -> None:
    # Review 183 F4: a categorical Period month handed over as Arrow was refused on every row,
    # "month: got 621 (int)" (its ordinal, months since 1970): pa.Table.from_pandas keeps it as a
    # dictionary of pandas' Period type; a Feather/IPC file of it read back in a fresh process (or
    # by Polars) as a dictionary of int64 whose field names the Period type, as a plain Period
    # column is read back as int64 with that field. Each is read as the months it holds.
    ordinals = [621, 622]  # October and November 2021: (2021 - 1970) x 12 + 9 and + 10
    if how == "from_pandas":
        categorical = pd.Series(pd.PeriodIndex(["2021-10", "2021-11"], freq="M")).astype("category")
        try:
            month = pa.Table.from_pandas(pd.DataFrame({"month": categorical})).column("month")
        except pa.ArrowInvalid:  # pragma: no cover - an older pyarrow cannot convert a categorical Period
            pytest.skip("this pyarrow cannot convert a categorical Period column")
        assert pa.types.is_dictionary(month.type)
        table = _months_and_stays(month)
    else:
        storage = pa.array(ordinals, pa.int64())
        if how != "plain ipc in a fresh process":
            storage = storage.dictionary_encode()
        table = _months_and_stays(storage)
        table = table.cast(table.schema.set(0, table.schema.field("month").with_metadata(_PERIOD_FIELD)))
        if how == "polars":
            polars = pytest.importorskip("polars")
            feather = pytest.importorskip("pyarrow.feather")
            feather.write_feather(table, tmp_path / "months.arrow")
            try:
                table = polars.read_ipc(tmp_path / "months.arrow")
            except polars.exceptions.ComputeError:  # pragma: no cover - an older Polars: string dictionaries only
                pytest.skip("this Polars reads no dictionary of whole numbers")
    assert list(settle_frame(table)["payable_tetri"]) == [62000, 60000]


def test_a_period_field_of_no_whole_numbers_is_refused_naming_it() -> None:
    # A field naming pandas' Period type over text cannot hold ordinals: refused, naming the
    # column, not read as the text it holds.
    table = _months_and_stays(pa.array(["2021-10", "2021-11"]))
    table = table.cast(table.schema.set(0, table.schema.field("month").with_metadata(_PERIOD_FIELD)))
    with pytest.raises(vl.InvalidInput, match=r"frame\.month: got 'pandas.period of string'"):
        settle_frame(table)


class _VoucherFrame(pd.DataFrame):
    """A caller's subclass of a DataFrame, as pandas documents subclassing (geopandas' is one)."""

    @property
    def _constructor(self) -> type[_VoucherFrame]:
        return _VoucherFrame


def test_a_subclass_of_a_dataframe_is_read_as_the_dataframe_it_is() -> None:
    # Review 183 F3: settle_frame refused a subclass of pandas.DataFrame (geopandas' GeoDataFrame, a
    # caller's own) as no DataFrame, where audit_invoice and settle_file read it. By hand: October
    # 2021, 31 x 20.00 = 620.00, due Fri 5 Nov, submitted Tue 9 Nov: 2 working days late, 20% off,
    # 496.00 payable (49,600 tetri).
    data = {
        "month": ["2021-10"],
        "enrolled_on": [None],
        "discharged_on": [None],
        "disability": [False],
        "submitted_on": ["2021-11-09"],
    }
    assert settle_frame(_VoucherFrame(data))["payable_tetri"].tolist() == [49600]


def test_a_month_pandas_made_a_number_of_is_said_so_with_the_cure() -> None:
    # Review 183 F5: pd.read_excel makes a text month 10.2021 the float 10.2021 (and 10.2020 the
    # float 10.202); settle_frame said only what a month is. Each path says why, and that
    # dtype=str keeps the text.
    frame = pd.DataFrame(
        {"month": [10.2021], "enrolled_on": [None], "discharged_on": [None], "disability": [False],
         "submitted_on": ["2021-11-05"]}
    )  # fmt: skip
    out = settle_frame(frame)
    assert out["status"].tolist() == ["invalid"]
    assert "a month, not a number" in out["reason"][0] and "dtype=str" in out["reason"][0]
    with pytest.raises(vl.InvalidInput, match="a month, not a number"):
        vl.voucher_month(10.2021)  # type: ignore[arg-type]


def test_a_numpy_value_refused_is_quoted_the_same_whatever_numpys_version() -> None:
    # Review 210 F3: refusals quoted numpy's own repr, which numpy 2 changed (np.int64(5), np.True_,
    # np.datetime64(...) where numpy 1.26 wrote 5, True, numpy.datetime64(...)): a caller who stores
    # reasons saw them change with numpy. Now the value it holds, with its type.
    said = {
        np.int64(5): "got 5 (int64)",
        np.float64(1.5): "got 1.5 (float64)",
        np.bool_(True): "got True (bool)",
        np.datetime64("2021-11-09T01", "h"): "got '2021-11-09T01' (datetime64)",
    }
    for value, words in said.items():
        with pytest.raises(vl.InvalidInput) as info:
            vl.settle(vl.voucher_month("2021-10"), submitted_on=value)
        assert str(info.value).startswith(f"submitted_on: {words}; expected a date"), str(info.value)


class _MonthDate(dt.date):
    """A 'period date' of a billing system: it compares and hashes by its month (review 292 F1)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, dt.date) and (self.year, self.month) == (other.year, other.month)

    def __hash__(self) -> int:
        return hash((self.year, self.month))


class _MonthText(str):
    """A text that compares and hashes by its first seven characters, 'YYYY-MM'."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and str.__getitem__(self, slice(0, 7)) == str(other)[:7]

    def __hash__(self) -> int:
        return hash(str.__getitem__(self, slice(0, 7)))


class _SaysOne(int):
    """An int that holds 2 but says it equals 1."""

    def __eq__(self, other: object) -> bool:
        return other == 1

    def __hash__(self) -> int:
        return hash(1)


def test_the_engine_reads_a_subclass_cell_by_the_day_or_text_it_holds() -> None:
    # Review 292 F1 (D43): the engine read each distinct cell once, telling cells apart by their
    # own __eq__ and __hash__, so two days of a subclass that compares by month were one, the
    # second row paid as the first. October 2021, the whole month, no status: 31 x 20 = 620.00,
    # deadline Fri 5 Nov 2021. Submitted Tue 9 Nov: 2 working days late (8, 9 Nov), 620 - 2 x 62
    # = 496.00; Sat 20 Nov: 10 working days late (8-12, 15-19 Nov), more than 5, not funded;
    # Fri 5 Nov: in time, 620.00. Enrolled 2 Oct: 30 x 20 = 600.00; 25 Oct: 7 x 20 = 140.00.
    n = 3
    frame = {
        "month": ["2021-10"] * n,
        "enrolled_on": [None] * n,
        "discharged_on": [None] * n,
        "disability": [False] * n,
    }
    for submitted in (
        [_MonthDate(2021, 11, 9), _MonthDate(2021, 11, 20), dt.date(2021, 11, 5)],
        [dt.date(2021, 11, 9), _MonthDate(2021, 11, 20), _MonthDate(2021, 11, 5)],  # (a plain day first)
        [_MonthText("2021-11-09"), _MonthText("2021-11-20"), dt.date(2021, 11, 5)],
    ):
        column = pd.Series(submitted, dtype=object)
        out = settle_frame(pd.DataFrame({**frame, "submitted_on": column}))
        assert out["payable_tetri"].tolist() == [49600, 0, 62000]
        assert settle_arrays(**{**frame, "submitted_on": submitted})["payable_tetri"].tolist() == [49600, 0, 62000]
    # Review 293 F1: beside a blank, pandas compares text by its own __eq__ too (a row with no
    # submission is invalid; the others as above)
    column = pd.Series([_MonthText("2021-11-09"), None, _MonthText("2021-11-20")], dtype=object)
    out = settle_frame(pd.DataFrame({**frame, "submitted_on": column}))
    assert out["payable_tetri"].tolist() == [49600, 0, 0] and out["status"].tolist()[1:] == ["invalid", "not_funded"]
    enrolled = pd.Series([_MonthText("2021-10-02"), None, _MonthText("2021-10-25")], dtype=object)
    out = settle_frame(pd.DataFrame({**frame, "enrolled_on": enrolled, "submitted_on": ["2021-11-05"] * n}))
    assert out["payable_tetri"].tolist() == [60000, 62000, 14000]  # (no enrolment: the whole month, 31 x 20)
    enrolled = pd.Series([_MonthDate(2021, 10, 2), _MonthDate(2021, 10, 25), None], dtype=object)
    out = settle_frame(pd.DataFrame({**frame, "enrolled_on": enrolled, "submitted_on": ["2021-11-05"] * n}))
    assert out["payable_tetri"].tolist() == [60000, 14000, 62000]


@given(st.lists(st.tuples(st.integers(1, 30), st.booleans()), min_size=1, max_size=12))
def test_subclass_cells_give_what_settle_gives_row_by_row(days: list[tuple[int, bool]]) -> None:
    # Each row October 2021 submitted on a day of November, some as a subclass that compares by
    # month: each row is what settle() gives for the plain day it holds (D43).
    submitted = [_MonthDate(2021, 11, d) if sub else dt.date(2021, 11, d) for d, sub in days]
    n = len(days)
    out = settle_frame(
        pd.DataFrame({"month": ["2021-10"] * n, "enrolled_on": [None] * n, "discharged_on": [None] * n,
                      "disability": [False] * n, "submitted_on": pd.Series(submitted, dtype=object)})
    )  # fmt: skip
    one = [vl.settle(vl.voucher_month("2021-10"), submitted_on=dt.date(2021, 11, d)).payable for d, _ in days]
    assert list(tetri_to_gel(out["payable_tetri"])) == one


def test_a_flag_cell_of_an_int_subclass_is_read_by_what_it_holds() -> None:
    # Review 292 F2: audit_invoice asked the cell's own __eq__ (value in (0, 1)), so an int holding 2
    # that said it equalled 1 was a disability status: October 2021 paid 31 x 30 = 930.00, where a
    # plain 2 is refused. Refused now, as settle_frame and voucher_month refuse it.
    frame = pd.DataFrame({"beneficiary_id": ["A"], "month": ["2021-10"], "enrolled_on": [None], "discharged_on": [None],
                          "disability": pd.Series([_SaysOne(2)], dtype=object), "claimed": ["930.00"],
                          "submitted_on": ["2021-11-05"]})  # fmt: skip
    (line,) = vl.audit_invoice(frame).lines
    assert (line.verdict, line.payable) == ("invalid", None)
    line = vl.InvoiceLine(beneficiary_id="A", month="2021-10", disability=_SaysOne(2), claimed="930.00",
                          submitted_on="2021-11-05")  # fmt: skip
    assert vl.audit_invoice([line]).lines[0].payable is None


def test_a_refused_decimal_cell_is_named_as_each_row_holds_it() -> None:
    # Review 293 F7: Decimal('44474') and Decimal('44474.0') are equal, and the engine read them as
    # one value: the second row's refusal named the first's. Each is no date (a number, D35).
    column = pd.Series([Decimal("44474"), Decimal("44474.0")], dtype=object)
    out = settle_frame(pd.DataFrame({"month": ["2021-10"] * 2, "enrolled_on": column, "discharged_on": [None] * 2,
                                     "disability": [False] * 2, "submitted_on": ["2021-11-05"] * 2}))  # fmt: skip
    assert out["status"].tolist() == ["invalid", "invalid"]
    assert out["reason"][0].startswith("enrolled_on: got Decimal('44474') (Decimal)")
    assert out["reason"][1].startswith("enrolled_on: got Decimal('44474.0') (Decimal)")
