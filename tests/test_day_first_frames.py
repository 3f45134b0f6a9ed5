"""Dates written day first in a table handed to the batch engine (D35): ``settle_frame`` and
``settle_arrays`` with ``day_first=True``.

An auditor who opens a Georgian-locale spreadsheet's CSV with ``pandas.read_csv(path, sep=";")``
gets its date cells as the texts the spreadsheet showed, day first (``12/10/21``). With
``day_first=True`` the engine reads each such text as a file's date cell is read with the same
flag (``settle_file(..., day_first=True)``), status periods given as ``(start, end)`` pairs too;
without it such a row is refused with advice to give the flag.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.batch import settle_arrays, settle_frame
from voucherlib.reports.settlement_file import settle_file

COLUMNS = ["month", "enrolled_on", "discharged_on", "disability", "submitted_on"]


def frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS, dtype=object)


def gel(out: pd.DataFrame, column: str = "payable_tetri") -> list[str]:
    return [f"{v / 100:.2f}" for v in out[column].tolist()]


# ---------------------------------------------------------------- the worked examples


def test_the_rules_worked_examples_written_day_first() -> None:
    out = settle_frame(
        frame(
            [
                # Oct 2021, enrolled 12 Oct, disability: days 12-31 = 20, 20 x 30 = 600.00;
                # submitted 5 Nov, the deadline: paid in full
                ("2021-10", "12/10/21", None, True, "05/11/21"),
                # Nov 2021, discharged 10 Nov, no disability: 10 x 20 = 200.00; 6 Dec is the
                # first working day after the deadline of 5 Dec (a Sunday): on time
                ("2021-11", None, "10.11.2021", False, "06.12.2021"),
                # Oct 2021 whole month, no disability: 31 x 20 = 620.00; submitted Tue 9 Nov:
                # 2 working days late (8 and 9 Nov), 620.00 - 2 x 10% of it = 496.00
                ("2021-10", None, None, False, "9/11/2021"),
                # Nov 2021, enrolled 1 Oct, status from 16 Nov (a period given as a pair):
                # 15 x 20 + 15 x 30 = 750.00
                ("2021-11", "01-10-2021", None, [("16/11/21", None)], "2021-12-06"),
            ]
        ),
        day_first=True,
    )
    assert gel(out, "amount_tetri") == ["600.00", "200.00", "620.00", "750.00"]
    assert gel(out) == ["600.00", "200.00", "496.00", "750.00"]
    assert out["late_working_days"].tolist() == [0, 0, 2, 0]
    assert out["status"].tolist() == ["paid", "paid", "deducted", "paid"]


def test_without_day_first_such_a_row_is_refused_with_advice_to_give_it() -> None:
    out = settle_frame(frame([("2021-10", "12/10/21", None, True, "2021-11-05")]))
    assert out["status"].tolist() == ["invalid"] and out["payable_tetri"].tolist() == [0]
    assert out["reason"][0].startswith("enrolled_on: got '12/10/21'")
    assert "day_first=True" in out["reason"][0]


def test_without_day_first_a_period_end_written_day_first_is_refused_with_the_advice_too() -> None:
    out = settle_frame(frame([("2021-11", None, None, [("16/11/21", None)], "2021-12-06")]))
    assert out["reason"][0].startswith("disability[0].start: got '16/11/21'")
    assert "day_first=True" in out["reason"][0]


def test_a_day_that_does_not_exist_is_its_rows_error_in_the_words_of_a_file() -> None:
    table = frame(
        [
            ("2021-10", "31/11/21", None, False, "05/11/21"),  # 31 November: no such day
            ("2021-10", None, None, False, "05/11/21"),  # 31 x 20 = 620.00, on time
            ("2021-11", None, None, [("16/11/21", "31/11/21")], "06/12/21"),
        ]
    )
    out = settle_frame(table, day_first=True)
    assert gel(out) == ["0.00", "620.00", "0.00"]
    assert out["status"].tolist() == ["invalid", "paid", "invalid"]
    assert out["reason"][0].startswith("enrolled_on: got '31/11/21' (str); expected a date written day first that")
    assert out["reason"][2].startswith("disability[0].end: got '31/11/21' (str); expected a date written day first")
    # the file path says the same of the same cell
    row = settle_file(table.assign(beneficiary_id=["a", "b", "c"]), day_first=True).rows[0]
    assert row.error == out["reason"][0]


def test_a_date_that_can_only_be_month_first_refuses_the_whole_table_naming_its_row() -> None:
    # 20 is no month: the table's dates are month first, so 05/11/21 of its other rows would be
    # 11 May, not 5 November; no row of it is settled.
    table = frame(
        [
            ("2021-10", None, None, False, "05/11/21"),
            ("2021-10", "10/12/21", None, False, "05/11/21"),
            ("2021-10", "10/20/21", None, False, "05/11/21"),
        ]
    )
    with pytest.raises(vl.FileRefused, match=r"column 'enrolled_on', row 2,.*month first") as caught:
        settle_frame(table, day_first=True)
    assert caught.value.value == "10/20/21"
    periods = frame(
        [("2021-11", None, None, False, "06/12/21"), ("2021-11", None, None, [("11/16/21", None)], "06/12/21")]
    )
    with pytest.raises(vl.FileRefused, match=r"row 1,"):
        settle_frame(periods, day_first=True)


def test_the_callers_cells_are_not_changed() -> None:
    periods = [("16/11/21", None)]
    table = frame([("2021-11", None, None, periods, "06/12/21")])
    settle_frame(table, day_first=True)
    assert periods == [("16/11/21", None)] and table["disability"][0] is periods
    assert table["submitted_on"].tolist() == ["06/12/21"]


@pytest.mark.parametrize("flag", ["yes", 1, None])
def test_day_first_is_true_or_false(flag: object) -> None:
    with pytest.raises(vl.InvalidInput, match="day_first"):
        settle_frame(frame([("2021-10", None, None, False, "05/11/21")]), day_first=flag)  # type: ignore[arg-type]


def test_settle_arrays_takes_the_flag() -> None:
    # 31 x 30 = 930.00, submitted on the deadline
    out = settle_arrays(["2021-10"], [None], [None], [True], ["05/11/21"], day_first=True)
    assert out["payable_tetri"].tolist() == [93_000]


# ---------------------------------------------------------------- every form of a table


def _forms(table: pd.DataFrame) -> dict[str, Any]:
    pa = pytest.importorskip("pyarrow")
    texts = table.drop(columns="disability")
    arrow = pa.Table.from_pandas(texts.astype(str).replace("None", None), preserve_index=False)
    arrow = arrow.append_column("disability", pa.array(table["disability"].tolist(), pa.bool_()))
    forms: dict[str, Any] = {
        "objects": table,
        "mapping of lists": {c: table[c].tolist() for c in COLUMNS},
        "pandas text": texts.astype("string").assign(disability=table["disability"].astype(bool)),
        "pyarrow": arrow,
    }
    try:
        import polars as pl

        forms["polars"] = pl.from_arrow(arrow)
    except ImportError:  # pragma: no cover - the polars extra
        pass
    return forms


def test_every_form_of_a_table_reads_its_day_first_texts_alike() -> None:
    table = frame(
        [
            ("2021-10", "12/10/21", None, True, "05/11/21"),  # 20 x 30 = 600.00
            ("2021-11", None, "10.11.2021", False, "06.12.2021"),  # 10 x 20 = 200.00
            ("2021-10", None, None, False, "9/11/2021"),  # 31 x 20 = 620.00, 2 days late: 496.00
            ("2021-10", "31/11/21", None, False, "05/11/21"),  # no such day: invalid
        ]
    )
    for name, form in _forms(table).items():
        out = settle_frame(form, day_first=True)
        assert gel(out) == ["600.00", "200.00", "496.00", "0.00"], name
        assert out["status"].tolist() == ["paid", "paid", "deducted", "invalid"], name


def test_a_large_arrow_table_refuses_a_month_first_date_in_any_column() -> None:
    # Large enough for the engine to read two date columns in its own threads.
    pa = pytest.importorskip("pyarrow")
    n = 70_000
    for column in ("enrolled_on", "discharged_on", "submitted_on"):
        cells = {c: ["2021-10"] * n if c == "month" else [None] * n for c in COLUMNS}
        cells["submitted_on"] = ["05/11/21"] * n
        cells["disability"] = [False] * n
        cells[column] = [*cells[column][:-1], "10/20/21"]
        table = pa.table({c: pa.array(v, pa.bool_() if c == "disability" else pa.string()) for c, v in cells.items()})
        with pytest.raises(vl.FileRefused, match=rf"column '{column}', row {n - 1},"):
            settle_frame(table, day_first=True)


# ---------------------------------------------------------------- against the file path


FORMS = ["%d/%m/%y", "%d/%m/%Y", "%d.%m.%y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d"]


def _written(day: dt.date | None, form: str, short: bool) -> str | None:
    if day is None:
        return None
    text = day.strftime(form)
    return text.replace("/0", "/").lstrip("0") if short and "/" in form else text


@st.composite
def day_first_rows(draw: st.DrawFn) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Rows with their dates written day first (each cell in a form of its own), and the same
    rows with their dates as dates."""
    written, dated = [], []
    for _ in range(draw(st.integers(1, 8))):
        month = draw(st.sampled_from([(2021, 10), (2021, 11), (2021, 12)]))
        first = dt.date(*month, 1)
        days = st.one_of(st.none(), st.dates(first - dt.timedelta(days=40), first + dt.timedelta(days=45)))
        enrolled, discharged = draw(days), draw(days)
        submitted = draw(st.dates(first + dt.timedelta(days=31), first + dt.timedelta(days=75)))
        disability = draw(st.booleans())
        cells = [draw(st.tuples(st.sampled_from(FORMS), st.booleans())) for _ in range(3)]
        texts = [_written(d, *c) for d, c in zip((enrolled, discharged, submitted), cells, strict=True)]
        written.append((f"{month[0]}-{month[1]:02d}", texts[0], texts[1], disability, texts[2]))
        dated.append((f"{month[0]}-{month[1]:02d}", enrolled, discharged, disability, submitted))
    return written, dated


@given(day_first_rows())
def test_a_table_written_day_first_settles_as_its_dates_and_as_the_file_path(
    rows: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]],
) -> None:
    written, dated = rows
    out = settle_frame(frame(written), day_first=True)
    # the same rows given as dates: the same amounts, statuses and reasons
    expected = settle_frame(frame(dated))
    assert out.drop(columns="reason").equals(expected.drop(columns="reason"))
    # the same reasons, each date they quote as its cell writes it (review 85: a discharge written
    # 22/08/21 before the enrolment 01/09/21 is not quoted '2021-08-22', a text the table does not hold)
    quoted = []
    for reason, (_, *texts), (_, *days) in zip(expected["reason"].tolist(), written, dated, strict=True):
        if reason is not None:
            e_text, d_text, s_text = texts[0], texts[1], texts[3]
            e_day, d_day, s_day = days[0], days[1], days[3]
            for name, day, text in (("discharged_on", d_day, d_text), ("submitted_on", s_day, s_text)):
                if day is not None:
                    reason = reason.replace(f"{name}: got '{day.isoformat()}'", f"{name}: got '{text}'")
            if e_day is not None:
                reason = reason.replace(f"enrolled_on ({e_day.isoformat()})", f"enrolled_on ({e_text})")
        quoted.append(reason)
    assert out["reason"].tolist() == quoted
    # the file path (the input layer's readers, then settle one at a time) agrees row by row
    ids = [f"b{i}" for i in range(len(written))]
    report = settle_file(frame(written).assign(beneficiary_id=ids), day_first=True)
    for i, row in enumerate(report.rows):
        if row.settlement is None:
            assert out["status"][i] == "invalid" and out["reason"][i] == row.error
        else:
            assert out["payable_tetri"][i] == int(row.settlement.payable * 100)
            assert out["amount_tetri"][i] == int(row.settlement.amount * 100)


def test_the_file_path_reads_a_frames_period_pairs_day_first_too() -> None:
    # settle_file takes a DataFrame too; a period given as a pair was read as ISO alone.
    # Nov 2021, enrolled 1 Oct, status from 16 Nov: 15 x 20 + 15 x 30 = 750.00
    table = frame([("2021-11", "01/10/21", None, [("16/11/21", None)], "06/12/21")]).assign(beneficiary_id=["b1"])
    row = settle_file(table, day_first=True).rows[0]
    assert row.error is None and row.settlement is not None
    assert str(row.settlement.payable) == "750.00"


def test_the_refusal_names_the_first_column_in_a_large_table_too() -> None:
    # review 27: with month-first dates in two columns the refusal named enrolled_on below
    # 65,536 rows and submitted_on above it (where date columns are read in threads).
    pa = pytest.importorskip("pyarrow")
    for n in (1_000, 70_000):
        cells = {c: pa.array(["2021-10"] * n if c == "month" else [None] * n, pa.string()) for c in COLUMNS}
        cells["enrolled_on"] = pa.array([*["01/10/21"] * (n - 1), "10/20/21"], pa.string())
        cells["submitted_on"] = pa.array([*["05/11/21"] * (n - 1), "11/20/21"], pa.string())
        cells["disability"] = pa.array([False] * n, pa.bool_())
        with pytest.raises(vl.FileRefused, match=rf"column 'enrolled_on', row {n - 1},"):
            settle_frame(pa.table(cells), day_first=True)


def test_a_named_tuple_period_is_read_day_first_too() -> None:
    from typing import NamedTuple

    class Period(NamedTuple):
        start: object
        end: object

    # Nov 2021, enrolled 1 Oct, status from 16 Nov: 15 x 20 + 15 x 30 = 750.00
    table = frame([("2021-11", "01/10/21", None, [Period("16/11/21", None)], "06/12/21")])
    assert settle_frame(table, day_first=True)["payable_tetri"].tolist() == [75_000]


def test_a_large_table_names_its_first_column_that_shows_month_first_dates() -> None:
    # review 48: with the month and enrolled_on both holding a date that can only be month first,
    # a table large enough to be read in threads named enrolled_on (row 10), a smaller one the month
    # (row 5): the first column is named, whatever the table's size.
    pa = pytest.importorskip("pyarrow")
    for n in (1_000, 70_000):
        month, enrolled = ["2021-11"] * n, ["2021-11-02"] * n
        month[5], enrolled[10] = "11/20/21", "11/25/21"
        table = pa.table(
            {"month": month, "enrolled_on": enrolled, "discharged_on": pa.array([None] * n, pa.string())}
            | {"disability": [False] * n, "submitted_on": ["2021-12-06"] * n}
        )
        with pytest.raises(vl.FileRefused, match=r"column 'month', row 5,"):
            settle_frame(table, day_first=True)
