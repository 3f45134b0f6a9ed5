"""Status periods held in Arrow (``list<struct<start: date32, end: date32>>``, as Polars'
``List(Struct)``, a pyarrow Table and pandas' ``ArrowDtype`` hold them) are read from the Arrow
buffers (Annex 2.12, Art. 4, para 5 as worded by Decree No. 467: the rate of each day follows the
status held that day, D2). Whatever the column's chunks, slices, list width or field order, every
row gives what the same cells give as Python values, and what the one-at-a-time API gives."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_batch_inputs import CALENDAR, RULES, assert_days_with_status, expected, months, near, rows_of
from voucherlib.batch import settle_arrays, settle_frame
from voucherlib.input.columns import arrow_periods

Period = tuple[dt.date | None, dt.date | None]


@st.composite
def arrow_row(draw: st.DrawFn) -> dict[str, Any]:
    """A row whose disability is a list of periods (or a missing list, or a list holding a
    missing period), every date a real one near the month."""
    month = draw(months)
    first = month.first_day
    day = near.map(lambda k: first + dt.timedelta(days=k))
    period = st.tuples(st.none() | day, st.none() | day)
    cell = (
        st.lists(period, max_size=3)
        | st.just([])
        | st.just([(None, None)])
        | st.none()
        | st.lists(st.none() | period, min_size=1, max_size=2)
    )
    return {
        "month": month.first_day,
        "enrolled_on": draw(st.none() | day),
        "discharged_on": draw(st.none() | day),
        "disability": draw(cell),
        "submitted_on": draw(st.integers(-5, 60).map(lambda k: month.next().first_day + dt.timedelta(days=k))),
    }


def as_structs(cell: list[Period | None] | None, order: tuple[str, str]) -> list[dict[str, Any] | None] | None:
    if cell is None:
        return None
    return [
        None if p is None else dict(zip(order, p if order == ("start", "end") else p[::-1], strict=True)) for p in cell
    ]


def periods_column(cells: list[Any], large: bool, order: tuple[str, str], cuts: list[int], padding: int) -> Any:
    """The cells as an Arrow column of lists of structs: ``order`` the struct's fields, ``cuts``
    where chunks end, each chunk a slice (``padding`` rows of other periods before and after)."""
    struct = pa.struct([(name, pa.date32()) for name in order])
    kind = pa.large_list(struct) if large else pa.list_(struct)
    other = [[{"start": dt.date(2000, 1, 1), "end": dt.date(1999, 1, 1)}]] * padding  # reversed: never read
    structs = [as_structs(c, order) for c in cells]
    chunks = []
    for a, b in zip([0, *cuts], [*cuts, len(cells)], strict=True):
        whole = pa.array(other + structs[a:b] + other, kind)
        chunks.append(whole.slice(padding, b - a))
    return pa.chunked_array(chunks, kind)


@given(
    st.lists(arrow_row(), min_size=1, max_size=25),
    st.booleans(),
    st.sampled_from([("start", "end"), ("end", "start")]),
    st.lists(st.integers(0, 25), max_size=3),
    st.integers(0, 3),
)
def test_an_arrow_column_of_periods_gives_what_its_python_values_give(
    rows: list[dict[str, Any]], large: bool, order: tuple[str, str], cuts: list[int], padding: int
) -> None:
    cells = [r["disability"] for r in rows]
    column = periods_column(cells, large, order, sorted({min(c, len(rows)) for c in cuts}), padding)
    assert arrow_periods(column) is not None  # read from the buffers, not through Python values
    table = pd.DataFrame({k: [r[k] for r in rows] for k in ("month", "enrolled_on", "discharged_on", "submitted_on")})
    in_arrow = table.assign(disability=pd.Series(pd.arrays.ArrowExtensionArray(column)))
    as_objects = table.assign(disability=pd.Series(column.to_pylist(), dtype=object))
    got = rows_of(settle_frame(in_arrow, rules=RULES, calendar=CALENDAR))
    # the same cells as Python values (dicts, read by name), every reason word for word
    assert got == rows_of(settle_frame(as_objects, rules=RULES, calendar=CALENDAR))
    # and the one-at-a-time API of each row, its periods as (start, end) pairs
    want = expected([{**r, "disability": r["disability"]} for r in rows])
    assert [(g["status"], g["amount_tetri"], g["payable_tetri"]) for g in got] == [
        (w["status"], w["amount_tetri"], w["payable_tetri"]) for w in want
    ]


@given(st.lists(arrow_row(), min_size=1, max_size=20))
def test_the_days_with_status_of_an_arrow_column_are_those_of_the_voucher_month(rows: list[dict[str, Any]]) -> None:
    column = periods_column([r["disability"] for r in rows], False, ("start", "end"), [], 0)
    out = settle_arrays(
        **{k: [r[k] for r in rows] for k in ("month", "enrolled_on", "discharged_on", "submitted_on")},
        disability=column,
        rules=RULES,
        calendar=CALENDAR,
    )
    assert_days_with_status(rows, out)


NOVEMBER_2021 = {
    "month": ["2021-11"] * 4,
    "enrolled_on": [None, None, None, dt.date(2021, 11, 21)],
    "discharged_on": [None] * 4,
    "submitted_on": [dt.date(2021, 12, 3)] * 4,
}
PERIODS = [
    [],  # no status: 30 days x 20 = 600.00
    [{"start": dt.date(2021, 11, 10), "end": None}],  # 10-30 Nov (21 days) x 30 + 9 days x 20 = 630 + 180 = 810.00
    [{"start": None, "end": None}],  # every day: 30 days x 30 = 900.00
    # enrolled 21 Nov: 10 days served (21-30), of which 25-26 Nov with status: 2 x 30 + 8 x 20 = 220.00
    [
        {"start": dt.date(2021, 11, 1), "end": dt.date(2021, 11, 2)},
        {"start": dt.date(2021, 11, 25), "end": dt.date(2021, 11, 26)},
    ],
]
PAYABLE = [60000, 81000, 90000, 22000]  # submitted 3 Dec, before the 5th: nothing deducted


def test_a_polars_list_of_struct_column_pays_each_day_at_its_status_rate() -> None:
    pl = pytest.importorskip("polars")
    kind = pl.List(pl.Struct({"start": pl.Date, "end": pl.Date}))
    frame = pl.DataFrame(NOVEMBER_2021).with_columns(pl.Series("disability", PERIODS, dtype=kind))
    out = settle_frame(frame, rules=RULES, calendar=CALENDAR)
    assert list(out["payable_tetri"]) == PAYABLE
    assert set(out["status"]) == {"paid"}


def test_a_pyarrow_table_and_a_pandas_arrow_column_of_periods_pay_the_same() -> None:
    kind = pa.list_(pa.struct([("end", pa.date32()), ("start", pa.date32())]))  # fields in the other order
    column = pa.array(PERIODS, kind)
    table = pa.table({k: v for k, v in NOVEMBER_2021.items()} | {"disability": column})
    assert list(settle_frame(table, rules=RULES, calendar=CALENDAR)["payable_tetri"]) == PAYABLE
    frame = pd.DataFrame(NOVEMBER_2021).assign(disability=pd.Series(pd.arrays.ArrowExtensionArray(column)))
    assert list(settle_frame(frame, rules=RULES, calendar=CALENDAR)["payable_tetri"]) == PAYABLE


def test_a_missing_list_a_missing_period_and_a_day_python_has_not_are_refused_naming_disability() -> None:
    struct = pa.struct([("start", pa.date32()), ("end", pa.date32())])
    starts = pa.array([18936, None, 18936, -(2**31) + 5], pa.int32()).view(pa.date32())
    ends = pa.array([18940, None, 18940, 18940], pa.int32()).view(pa.date32())
    periods = pa.StructArray.from_arrays(
        [starts, ends], fields=list(struct), mask=pa.array([False, True, False, False])
    )
    # rows: a good period; a missing list; a missing period; a start of day -2**31 + 5
    column = pa.ListArray.from_arrays(
        pa.array([0, 1, 1, 2, 4], pa.int32()), periods, mask=pa.array([False, True, False, False])
    )
    table = pa.table(
        {
            "month": ["2021-11"] * 4,
            "enrolled_on": pa.array([None] * 4, pa.date32()),
            "discharged_on": pa.array([None] * 4, pa.date32()),
            "disability": column,
            "submitted_on": [dt.date(2021, 12, 3)] * 4,
        }
    )
    out = rows_of(settle_frame(table, rules=RULES, calendar=CALENDAR))
    # row 0: 5-9 Nov (18936-18940 days after 1970-01-01) with status: 5 x 30 + 25 x 20 = 650.00
    assert (out[0]["status"], out[0]["payable_tetri"]) == ("paid", 65000)
    for row in out[1:]:
        assert (row["status"], row["payable_tetri"]) == ("invalid", 0)
        assert row["reason"].startswith("disability")


def test_a_pandas_arrow_column_joined_from_frames_with_an_empty_list_is_read() -> None:
    """Review 106 F1: after ``pd.concat`` the second chunk's periods are an empty ``date32`` array
    whose offset is past its (empty) buffer: reading it raised ``ValueError``. November 2021,
    submitted 3 Dec: 10-30 Nov with status, 21 x 30 + 9 x 20 = 810.00; no period, 30 x 20 = 600.00."""
    kind = pd.ArrowDtype(pa.list_(pa.struct([("start", pa.date32()), ("end", pa.date32())])))
    rows = {
        "month": ["2021-11"],
        "enrolled_on": [None],
        "discharged_on": [None],
        "submitted_on": [dt.date(2021, 12, 3)],
    }
    first = pd.DataFrame(rows).assign(
        disability=pd.Series([[{"start": dt.date(2021, 11, 10), "end": None}]], dtype=kind)
    )
    second = pd.DataFrame(rows).assign(disability=pd.Series([[]], dtype=kind))
    joined = pd.concat([first, second], ignore_index=True)
    assert list(settle_frame(joined, rules=RULES, calendar=CALENDAR)["payable_tetri"]) == [81000, 60000]
    # an empty period array with no data buffer at all (valid Arrow) reads as no period too
    empty = pa.StructArray.from_arrays(
        [pa.Array.from_buffers(pa.date32(), 0, [None, None]), pa.Array.from_buffers(pa.date32(), 0, [None, None])],
        names=["start", "end"],
    )
    column = pa.ListArray.from_arrays(pa.array([0, 0], pa.int32()), empty)
    table = pa.table({**{k: v for k, v in rows.items()}, "disability": column})
    assert list(settle_frame(table, rules=RULES, calendar=CALENDAR)["payable_tetri"]) == [60000]


def test_a_column_of_many_small_chunks_gives_each_row_its_periods() -> None:
    # 300 one-row chunks, every third row with 10-30 Nov (810.00), the others none (600.00)
    struct = pa.struct([("start", pa.date32()), ("end", pa.date32())])
    cells = [[{"start": dt.date(2021, 11, 10), "end": None}] if i % 3 == 0 else [] for i in range(300)]
    column = pa.chunked_array([pa.array([c], pa.list_(struct)) for c in cells])
    out = settle_arrays(
        month=["2021-11"] * 300, enrolled_on=[None] * 300, discharged_on=[None] * 300,
        disability=column, submitted_on=[dt.date(2021, 12, 3)] * 300, rules=RULES, calendar=CALENDAR,
    )  # fmt: skip
    assert out["payable_tetri"].tolist() == [81000 if i % 3 == 0 else 60000 for i in range(300)]
