"""A voucher file read by pandas, handed to the batch engine: ``settle_frame(pd.read_csv(path))``.

``pandas.read_csv`` gives the disability column as the file writes it: ``yes``/``no``,
``კი``/``არა``, or status periods ``FROM..TO;FROM..TO`` (D2). The engine reads each such text
as the file readers read it, so that the frame settles as ``settle_file`` settles the file.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import voucherlib as vl
from voucherlib import InvalidInput
from voucherlib.batch import settle_frame
from voucherlib.cli import example_path
from voucherlib.reports.settlement_file import settle_chunks, settle_file

COLUMNS = ["month", "enrolled_on", "discharged_on", "disability", "submitted_on"]


def frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS, dtype=object)


def test_the_example_voucher_file_read_by_pandas_settles_as_the_file() -> None:
    # review 26: every row was invalid ("disability: got 'no' (str)").
    out = settle_frame(pd.read_csv(example_path("vouchers.csv")))
    rows = settle_file(example_path("vouchers.csv")).rows
    assert out["status"].tolist().count("invalid") == 0
    for i, row in enumerate(rows):
        assert row.settlement is not None
        assert out["payable_tetri"][i] == int(row.settlement.payable * 100)
        assert out["amount_tetri"][i] == int(row.settlement.amount * 100)
    # three of its rows by hand:
    # Y-002, Oct 2021, enrolled 12 Oct, "yes": 20 days x 30 = 600.00, submitted on the deadline
    # Y-005, Nov 2021, enrolled 1 Oct, "2021-11-16..": 15 x 20 + 15 x 30 = 750.00, in time
    # Y-006, Nov 2021, "yes": 30 x 30 = 900.00; submitted Tue 14 Dec, the deadline Mon 6 Dec:
    # 7, 8, 9, 10, 13 and 14 Dec are 6 working days late, more than 5: not funded
    assert out["amount_tetri"][[1, 4, 5]].tolist() == [60_000, 75_000, 90_000]
    assert out["payable_tetri"][[1, 4, 5]].tolist() == [60_000, 75_000, 0]
    assert out["status"][[1, 4, 5]].tolist() == ["paid", "paid", "not_funded"]


def test_every_text_form_of_a_flag_and_of_periods() -> None:
    # Oct 2021, the whole month: with status 31 x 30 = 930.00, without 31 x 20 = 620.00;
    # status from 16 Oct: 15 x 20 + 16 x 30 = 780.00; until 15 Oct: 15 x 30 + 16 x 20 = 770.00
    cells = [
        "yes",
        "no",
        "კი",
        "არა",
        " YES ",
        "true",
        "0",
        "2021-10-16..",
        "..2021-10-15",
        "2021-10-16..;2021-10-01..2021-10-15",
    ]
    out = settle_frame(frame([("2021-10", None, None, c, "2021-11-05") for c in cells]))
    assert out["amount_tetri"].tolist() == [
        93_000, 62_000, 93_000, 62_000, 93_000, 93_000, 62_000, 78_000, 77_000, 93_000,
    ]  # fmt: skip
    assert out["status"].tolist() == ["paid"] * len(cells)


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("maybe", "disability: got 'maybe' (str); expected "),
        ("..", "disability: got '..' (str); expected "),
        ("2021-13-01..", "disability[0].start: got '2021-13-01'"),
    ],
)
def test_a_text_that_does_not_read_is_refused_in_the_words_of_a_file(cell: str, words: str) -> None:
    table = frame([("2021-10", None, None, cell, "2021-11-05"), ("2021-10", None, None, "no", "2021-11-05")])
    out = settle_frame(table)
    assert out["status"].tolist() == ["invalid", "paid"] and out["payable_tetri"].tolist() == [0, 62_000]
    assert out["reason"][0].startswith(words)
    error = settle_file(table.assign(beneficiary_id=["a", "b"])).rows[0].error
    assert error == out["reason"][0]


def test_a_rows_first_problem_is_its_reason_whatever_its_disability_text() -> None:
    out = settle_frame(
        frame(
            [
                ("2021-10", "2021-10-40", None, "maybe", "2021-11-05"),  # the enrolment first
                ("2021-10", None, None, "yes", "2021-11-31"),  # a readable flag: the submission
            ]
        )
    )
    assert out["reason"][0].startswith("enrolled_on: got '2021-10-40'")
    assert out["reason"][1].startswith("submitted_on: got '2021-11-31'")


def test_periods_written_day_first_with_the_flag() -> None:
    # Nov 2021, enrolled 1 Oct, status from 16 Nov: 15 x 20 + 15 x 30 = 750.00
    table = frame([("2021-11", "01/10/21", None, "16/11/21..", "06/12/21")])
    assert settle_frame(table, day_first=True)["payable_tetri"].tolist() == [75_000]
    assert settle_frame(table)["status"].tolist() == ["invalid"]


def test_arrow_and_polars_text_columns() -> None:
    pa = pytest.importorskip("pyarrow")
    text = (
        "month,enrolled_on,discharged_on,disability,submitted_on\n2021-10,,,yes,2021-11-05\n2021-10,,,no,2021-11-05\n"
    )
    table = pa.Table.from_pandas(pd.read_csv(io.StringIO(text), dtype=str), preserve_index=False)
    # 31 x 30 = 930.00 and 31 x 20 = 620.00
    assert settle_frame(table)["payable_tetri"].tolist() == [93_000, 62_000]
    pl = pytest.importorskip("polars")
    assert settle_frame(pl.read_csv(io.StringIO(text)))["payable_tetri"].tolist() == [93_000, 62_000]


@pytest.mark.parametrize(
    "ones",
    [
        "1\n0\n1", "1\n0\n2", "1\n0\n", "1.0\n0.0\n1.0", "1.0\n0.0\n0.5",
        # review 36: other texts read_csv reads as 1 and 0 were refused in the file and paid in its frame
        "1.00\n0.00\n1", "+1\n-0\n01", "1e0\n-0.0\n0", "1.\n.0\n1", "1\n0\n0.9999", "1\n0\n-1",
    ],
)  # fmt: skip
def test_a_column_of_ones_and_zeros_is_yes_and_no_as_in_a_file(tmp_path: Path, ones: str) -> None:
    # review 32: read_csv makes a file's 1/0 column int64 (float64 with a gap); settle_file reads
    # 1 and 0 as yes and no, settle_frame refused every row ("got 1 (int)"). Oct 2021, the whole
    # month: with status 31 x 30 = 930.00, without 31 x 20 = 620.00. Any other number (2, 0.5) or
    # an empty cell is refused, as the file refuses it; the texts 1.0 and 0.0 (pandas writes a
    # column of 1 and 0 with a gap so) are yes and no in the file too (review 34).
    cells = ones.split("\n")
    text = "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n" + "".join(
        f"B{i},2021-10,,,{c},2021-11-05\n" for i, c in enumerate(cells)
    )
    path = tmp_path / "vouchers.csv"
    path.write_text(text, encoding="utf-8")
    table = pd.read_csv(path)
    assert table["disability"].dtype.kind in "if"
    out = settle_frame(table)
    rows = settle_file(path).rows
    assert out["amount_tetri"][:2].tolist() == [93_000, 62_000]
    for i, row in enumerate(rows):
        if row.settlement is None:
            assert out["status"][i] == "invalid" and out["reason"][i].startswith("disability: got ")
        else:
            assert out["payable_tetri"][i] == int(row.settlement.payable * 100)
    assert [r.settlement is None for r in rows] == [s == "invalid" for s in out["status"]]


def test_a_float_column_of_ones_and_zeros_is_read_as_a_workbooks_number_cells() -> None:
    # A workbook's number cells 1.0 and 0.0 are yes and no (read_excel gives them as float64, with
    # NaN for an empty cell): 31 x 30 = 930.00 and 31 x 20 = 620.00 for October 2021; 0.5 and an
    # empty cell are refused.
    table = frame([("2021-10", None, None, None, "2021-11-05")] * 4)
    table["disability"] = pd.Series([1.0, 0.0, 0.5, float("nan")], dtype="float64")
    out = settle_frame(table)
    assert out["amount_tetri"].tolist() == [93_000, 62_000, 0, 0]
    assert out["status"].tolist() == ["paid", "paid", "invalid", "invalid"]
    assert out["reason"][2].startswith("disability: got 0.5")


def test_an_empty_required_cell_is_said_alike_whatever_reads_the_frame() -> None:
    # review 31: an empty month, submission or disability was "got None (NoneType)" with pyarrow
    # installed (pandas' Arrow-backed text) and "got nan (float)" without: NaN, pd.NA and None
    # are one empty cell, said as None; an empty text stays '' (as a file's cell is said).
    text = (
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "Y-1,,2021-10-01,,no,2021-11-04\nY-2,2021-10,2021-10-01,,no,\nY-3,2021-10,2021-10-01,,,2021-11-04\n"
    )
    said = [
        list(settle_frame(pd.read_csv(io.StringIO(text), **how))["reason"])
        for how in ({}, {"dtype": object}, {"dtype": "string"})
    ]
    assert said[0] == said[1] == said[2]
    assert [r.split(";")[0] for r in said[0]] == [
        "month: got None (NoneType)",
        "submitted_on: got None (NoneType)",
        "disability: got None (NoneType)",
    ]


def test_a_georgian_locale_file_read_by_pandas_settles_as_the_file(tmp_path: Path) -> None:
    # review 74: the README and docs/batch.md say settle_frame(pd.read_csv(path, sep=";"),
    # day_first=True) reads a Georgian-locale file as settle does, but its Georgian headers were
    # refused. B-01: November 2021 with status all month, 30 x 30 = 900.00, submitted Mon 6 Dec
    # (the 5th a Sunday): on time. B-02: November without status, discharged 10 Nov: 10 x 20 =
    # 200.00, submitted Tue 7 Dec: 1 late working day, 10% off: 180.00.
    import polars as pl
    import pyarrow as pa

    path = tmp_path / "ka.csv"
    path.write_text(
        "ბენეფიციარის კოდი;მომსახურების თვე;ჩარიცხვის თარიღი;ამორიცხვის თარიღი;შშმ სტატუსი;წარდგენის თარიღი\n"
        "B-01;2021-11;01/10/21;;კი;06/12/21\nB-02;01.11.2021;;10/11/21;არა;07/12/21\n",
        encoding="utf-8",
    )
    assert [r.settlement.payable for r in settle_file(path, day_first=True).rows] == [900, 180]  # type: ignore[union-attr]
    frame = pd.read_csv(path, sep=";", dtype=str)
    for form in (frame, pa.Table.from_pandas(frame), pl.from_pandas(frame), dict(frame)):
        out = settle_frame(form, day_first=True)
        assert out["payable_tetri"].tolist() == [90000, 18000], type(form)


def test_a_frame_without_a_column_is_refused_showing_its_own_columns() -> None:
    # review 74: the refusal showed the missing columns as what the frame "got"
    frame = pd.DataFrame({"month": ["2021-11"], "enroled_on": [None], "discharged_on": [None]})
    frame = frame.assign(disability=["no"], submitted_on=["2021-12-06"])
    with pytest.raises(InvalidInput, match=r"^frame: got 'month, enroled_on, discharged_on, disability, submitted_on'"):
        settle_frame(frame)
    # two headers of one column (month in English and in Georgian) are refused, naming both
    both = pd.DataFrame({"თვე": ["2021-11"], "მომსახურების თვე": ["2021-11"], "enrolled_on": [None]})
    both = both.assign(discharged_on=[None], disability=["no"], submitted_on=["2021-12-06"])
    with pytest.raises(InvalidInput, match=r"^frame: got 'თვე, მომსახურების თვე'"):
        settle_frame(both)


@pytest.mark.parametrize("written", ["11.2021", "11/2021", " 11.2021"])
def test_a_month_written_as_a_spreadsheets_month_format_shows_it_is_that_month(tmp_path: Path, written: str) -> None:
    # review 76: LibreOffice's month format (MM.YYYY) saved "as shown" refused all 80 rows of a
    # file. November 2021 without status, 30 x 20 = 600.00, submitted Mon 6 Dec (5 Dec a Sunday).
    path = tmp_path / "v.csv"
    path.write_text(
        f"beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\nB-1,{written},,,no,2021-12-06\n",
        encoding="utf-8",
    )
    assert [r.settlement.payable for r in settle_file(path).rows] == [600]  # type: ignore[union-attr]
    frame = pd.read_csv(path, dtype=str)
    assert settle_frame(frame)["payable_tetri"].tolist() == [60000]
    for wrong in ("13.2021", "11.21"):  # no such month; a two-digit year is no month either
        bad = frame.assign(month=[wrong])
        assert settle_frame(bad)["reason"].tolist()[0].startswith(f"month: got '{wrong}'")


def test_a_column_beside_another_header_of_it_is_refused_as_in_a_file() -> None:
    # review 78: `month` beside `თვე` was taken without a word (`month`), where settle_file and
    # the audit refuse a file with two headers of one column; `MONTH` alone is `month`
    frame = pd.DataFrame({"month": ["2021-11"], "თვე": ["2021-10"], "enrolled_on": [None], "discharged_on": [None]})
    frame = frame.assign(disability=["no"], submitted_on=["2021-12-06"])
    with pytest.raises(InvalidInput, match=r"^frame: got 'month, თვე' \(str\); expected each column once"):
        settle_frame(frame)
    # November 2021 without status, 30 x 20 = 600.00, submitted Mon 6 Dec (5 Dec a Sunday)
    assert settle_frame(frame.drop(columns="თვე").rename(columns={"month": "MONTH"}))["payable_tetri"].tolist() == [
        60000
    ]


_FAILED_LOOK_UPS = (
    "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
    "Y-1,2021-11,#N/A,,no,2021-12-06\n"
    "Y-2,2021-11,2021-11-20,NA,no,2021-12-06\n"
    "Y-3,2021-11,2021-11-20,null,no,2021-12-06\n"
    "Y-4,2021-11,2021-11-20,,no,2021-12-06\n"
)


def test_failed_look_ups_in_the_dates_are_refused_when_read_as_docs_batch_says(tmp_path: Path) -> None:
    # review 91: docs/batch.md promised settle_frame(pd.read_csv(path)) settles as settle_file(path);
    # with read_csv's defaults '#N/A', 'NA' and 'null' are NaN, as an empty cell is. Read with
    # keep_default_na=False (what the docs now say), the frame is refused on those rows as the file is.
    path = tmp_path / "vouchers.csv"
    path.write_text(_FAILED_LOOK_UPS, encoding="utf-8")
    rows = settle_file(path).rows
    out = settle_frame(pd.read_csv(path, dtype=str, keep_default_na=False))
    assert [r.settlement is None for r in rows] == [True, True, True, False]
    assert out["status"].tolist() == ["invalid", "invalid", "invalid", "paid"]
    assert [r.error for r in rows[:3]] == out["reason"].tolist()[:3]
    assert "#N/A" in out["reason"][0] and "'NA'" in out["reason"][1] and "'null'" in out["reason"][2]
    # Y-4, enrolled 20 Nov, not discharged: 20..30 Nov = 11 days x 20.00 = 220.00, in time (the
    # deadline 5 Dec is a Sunday, rolled to Monday 6 Dec, the day it was submitted)
    assert out["payable_tetri"][3] == 22_000 == int(rows[3].settlement.payable * 100)


def test_the_docs_warning_about_read_csvs_defaults_holds(tmp_path: Path) -> None:
    # docs/batch.md and docs/audit.md warn that read_csv's defaults read '#N/A' as an empty cell,
    # which no reader can tell apart afterwards: Y-1's enrolment is then "before the month", the
    # whole of November, 30 x 20.00 = 600.00 (the file path refuses the row instead). If this ever
    # changes, the warning in the docs is to change with it.
    path = tmp_path / "vouchers.csv"
    path.write_text(_FAILED_LOOK_UPS, encoding="utf-8")
    out = settle_frame(pd.read_csv(path))
    assert out["payable_tetri"][0] == 60_000 and out["status"][0] == "paid"


@pytest.mark.parametrize("field", ["month", "enrolled_on", "discharged_on", "submitted_on"])
def test_a_failed_look_up_in_a_date_is_said_alike_in_a_frame_and_one_at_a_time(field: str) -> None:
    # review 91: the file path said "a spreadsheet error such as #N/A"; the frame and the
    # one-at-a-time API said "a date written YYYY-MM-DD" of the same text
    from voucherlib import voucher_month

    row = {"month": "2021-11", "enrolled_on": "", "discharged_on": "", "disability": "no", "submitted_on": "2021-12-06"}
    row[field] = " #n/a "
    out = settle_frame(pd.DataFrame([row], dtype=object))
    assert out["status"][0] == "invalid"
    assert "not a spreadsheet error such as #N/A" in out["reason"][0]
    if field != "submitted_on":
        with pytest.raises(InvalidInput, match="spreadsheet error") as caught:
            voucher_month(
                **{k: v or None for k, v in row.items() if k not in ("submitted_on",)} | {"disability": False}
            )
        assert caught.value.field == field


@pytest.mark.parametrize("read", [{"dtype": str, "keep_default_na": False}, {}])
def test_an_invoice_read_by_pandas_with_an_empty_unnamed_column_is_the_file(
    tmp_path: Path, read: dict[str, Any]
) -> None:
    # review 172 F1: a trailing delimiter on every line (as many exports write) gives pandas a
    # column "Unnamed: 8" of empty cells, which the file's reader finds no column; the frame was
    # refused ("header: got 'Unnamed: 8'"), the path audited
    from voucherlib import audit_invoice

    path = tmp_path / "trailing.csv"
    path.write_text(
        Path(example_path("invoice.csv")).read_text(encoding="utf-8").replace("\n", ",\n"), encoding="utf-8"
    )
    frame = pd.read_csv(path, **read)
    assert "Unnamed: 8" in frame.columns
    by_path, by_frame = audit_invoice(path), audit_invoice(frame)
    assert by_frame.totals() == by_path.totals()
    assert [ln.payable for ln in by_frame.lines] == [ln.payable for ln in by_path.lines]
    # (the bundled invoice's payable total, by hand in tests/test_audit.py: 2,850.00)
    assert by_frame.total_payable == by_path.total_payable == Decimal("2850.00")
    # a value in that column makes it a column, unknown to an invoice: refused, as before
    frame["Unnamed: 8"] = ["x"] + [""] * (len(frame) - 1)
    with pytest.raises(InvalidInput, match="header: got 'Unnamed: 8'"):
        audit_invoice(frame)


def test_a_short_float_column_beside_an_empty_unnamed_column_is_refused_by_its_name(tmp_path: Path) -> None:
    # review 174 F6: a sheet whose table starts in column B gives pandas an empty "Unnamed: 0"
    # first; once it was left out, each column's type was matched with the column before it, so a
    # float32 claim was checked as another column's (refused naming submitted_on) or not at all (the
    # last column: 16,777,217.00 read as 16,777,216.00, which float32 holds). Refused naming it (D18).
    from voucherlib import audit_invoice

    frame = pd.read_csv(example_path("invoice.csv"), dtype=str, keep_default_na=False)
    frame.insert(0, "Unnamed: 0", "")
    frame["claimed"] = frame["claimed"].astype("float32")
    with pytest.raises(InvalidInput) as refused:
        audit_invoice(frame)
    assert refused.value.field == "claimed" and "float32" in str(refused.value)
    last = frame[[c for c in frame.columns if c != "claimed"] + ["claimed"]]  # (the claim the last column)
    with pytest.raises(InvalidInput, match="claimed: got 'a float32 column'"):
        audit_invoice(last)


@pytest.mark.parametrize("table", ["invoice", "occupancy", "claims"])
def test_pandas_index_written_to_a_file_and_read_back_is_refused_saying_it_is_the_index(
    tmp_path: Path, table: str
) -> None:
    # Review 196 F4: a frame written with pandas' default to_csv (its index too) and read back has
    # an "Unnamed: 0" column of 0, 1, 2 ...; it was refused as an unknown column without a word of
    # the index, as the file itself is refused ("a table's index, which pandas writes unless
    # index=False?"). Nothing is read from it either way.
    from voucherlib import audit_facility_invoice, audit_invoice, facility_file

    name = {"invoice": "invoice.csv", "occupancy": "facility_occupancy.csv", "claims": "facility_claims.csv"}[table]
    pd.read_csv(example_path(name), dtype=str, keep_default_na=False).to_csv(tmp_path / "t.csv")
    frame = pd.read_csv(tmp_path / "t.csv", dtype=str, keep_default_na=False)
    assert next(iter(frame.columns)) == "Unnamed: 0"
    occupancy = example_path("facility_occupancy.csv")
    read = {
        "invoice": lambda: audit_invoice(frame),
        "occupancy": lambda: facility_file(frame, daily_rate=25),
        "claims": lambda: audit_facility_invoice(occupancy, frame, daily_rate=25),
    }[table]
    with pytest.raises(InvalidInput) as refused:
        read()
    assert refused.value.field == "header" and refused.value.value == "Unnamed: 0"
    said = str(refused.value)
    assert "not one pandas named for a header cell left empty (a table's index that to_csv wrote?" in said
    assert "read the file with index_col=0, write it with index=False, or drop the column)" in said
    assert "ცხრილის ინდექსი? წაიკითხეთ 'index_col=0'-ით" in refused.value.message("ka")


def test_an_empty_submission_cell_of_a_file_is_said_in_a_files_words_as_an_empty_month_is(tmp_path: Path) -> None:
    # Review 216 F2: settle_file said an empty submitted_on cell was "got None (NoneType); expected
    # a date: datetime.date, 'YYYY-MM-DD', or a naive datetime / Timestamp / datetime64 at midnight"
    # (the Python API's words) beside "month: got '' (str); expected a month written YYYY-MM".
    path = tmp_path / "blank.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\nA,,,,no,2021-11-04\nC,2021-10,,,no,\n",
        encoding="utf-8",
    )
    said = [str(r.error) for r in settle_file(path).rows]
    assert said == [
        "month: got '' (str); expected a month written YYYY-MM, e.g. '2021-10'",
        "submitted_on: got '' (str); expected a date written YYYY-MM-DD, e.g. '2021-10-12'",
    ]
    (chunk,) = settle_chunks(path)
    assert [str(e) for e in chunk.columns["error"]] == said
    invoice = tmp_path / "invoice.csv"
    invoice.write_text(
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "B-2,B,2021-11,2021-05-01,,no,600.00,\n",
        encoding="utf-8",
    )
    (line,) = vl.audit_invoice(invoice).lines
    assert (
        line.reason
        == "submitted_on: got '' (str); expected the date the document was submitted (a column, or submitted_on=...)"
    )
