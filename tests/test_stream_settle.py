"""The settle path in runs of rows: the same rows, values, reasons and output as one at a time.

``voucherlib settle`` reads a file in runs, settles the rows it can through the batch engine and
the others one at a time, and renders the output as it comes. Whatever the rows, the result must
be exactly what the one-at-a-time path gives: the same fields of every row, in order, and the
same text, CSV and JSON, byte for byte, however the rows are cut into runs.
"""

from __future__ import annotations

import csv
import decimal
import io
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voucherlib.input.files import STREAM_LIMITS
from voucherlib.input.table import _plain_file
from voucherlib.output.documents import settle_document, settle_stream
from voucherlib.output.render import json_data, render, to_json, to_xlsx, write_stream
from voucherlib.reports.settlement_file import (
    COLUMNS,
    FIELDS,
    RepeatedMonths,
    settle_chunks,
    settle_file,
    voucher_columns,
)

MONTHS = ["2021-10", "2021-11", "2021-12", "2021-09", "2022-01", "2021-13", ""]
DATES = [
    "",
    "2021-09-30",
    "2021-10-01",
    "2021-10-12",
    "2021-10-31",
    "2021-11-05",
    "2021-11-09",
    "2021-11-16",
    "2021-12-06",
    "2021-12-20",
    "2022-01-10",
    "2022-01-25",
    "2021-02-30",
    "yesterday",
]
DISABILITY = [
    "yes",
    "no",
    "კი",
    "არა",
    "1",
    "0",
    "2021-11-16..",
    "..2021-10-15",
    "2021-10-05..2021-10-09;2021-10-20..",
    "maybe",
    "",
]
row = st.tuples(
    st.one_of(st.sampled_from(["Y-1", "=1+1", " ", "ბ-7"]), st.text(max_size=6)),
    st.sampled_from(MONTHS),
    st.sampled_from(DATES),
    st.sampled_from(DATES),
    st.sampled_from(DISABILITY),
    st.sampled_from(DATES[1:]),
)
short_rows = st.lists(
    st.one_of(row.map(list), st.just(["only", "three", "cells"]), st.just(["", "", "", "", "", ""])), max_size=40
)


def write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([list(COLUMNS), *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(short_rows, st.integers(1, 7))
def test_runs_of_rows_settle_exactly_as_one_at_a_time(tmp_path: Path, rows: list[list[str]], size: int) -> None:
    path = tmp_path / "v.csv"
    write(path, rows)
    report = settle_file(path)
    fast = list(settle_chunks(path, size=size))
    slow = list(settle_chunks(path, size=size, one_at_a_time=True))
    for chunks in (fast, slow):
        got = [tuple(c.columns[f][i] for f in FIELDS) for c in chunks for i in range(len(c))]
        want = [
            tuple(settle_document(report).tables[0].rows[i].get(f) for f in FIELDS) for i in range(len(report.rows))
        ]
        assert got == want  # every field of every row, in order, nothing dropped
        assert sum(c.settled for c in chunks) == len(report.settled)
        assert sum(c.not_funded for c in chunks) == report.not_funded
    for fmt in ("text", "csv", "json", "html"):
        whole = render(settle_document(report), fmt)
        out = io.StringIO()
        write_stream(settle_stream(iter(fast), repeated=RepeatedMonths()), out, fmt)  # (as the command line)
        assert out.getvalue().rstrip("\n") == whole.rstrip("\n"), fmt


def test_the_streamed_json_is_what_json_dumps_writes(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    write(path, [["Y-1", "2021-10", "", "", "yes", "2021-11-09"], ["Y-2", "2021-13", "", "", "no", "2021-11-09"]])
    doc = settle_document(settle_file(path), explain=True)
    assert to_json(doc) == json.dumps(json_data(doc), ensure_ascii=False, indent=2)
    # 31 days x 30 GEL = 930.00, 2 working days late (8, 9 Nov): 20% off = 744.00; the 2nd row is invalid
    data = json.loads(to_json(doc))
    assert data["tables"][0]["rows"][0]["payable"] == "744.00"
    assert data["tables"][0]["rows"][1]["error"].startswith("month")
    assert len(data["explanations"]) == 1


plain_row = st.tuples(
    st.text(alphabet="AB-=+@ 7ბ", min_size=1, max_size=6).filter(lambda s: "!" <= s[0] <= "~"),
    st.sampled_from([m for m in MONTHS if m]),
    st.sampled_from(DATES),
    st.sampled_from(DATES),
    st.sampled_from([d for d in DISABILITY if d]),
    st.sampled_from(DATES),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(plain_row.map(list), min_size=1, max_size=40), st.integers(1, 7))
def test_a_plain_file_read_with_arrow_gives_the_files_of_one_at_a_time(
    tmp_path: Path, rows: list[list[str]], size: int
) -> None:
    # A file without a quote, blank line or ragged row is read column by column (Arrow); its
    # rows (bad cells, status periods, late and unfunded ones among them) come out in files byte
    # for byte as the one-at-a-time path writes them.
    path = tmp_path / "v.csv"
    write(path, rows)
    assert _plain_file(path, voucher_columns(), None, STREAM_LIMITS) is not None
    for fmt in ("csv", "json", "text"):
        fast, slow = tmp_path / f"fast.{fmt}", tmp_path / f"slow.{fmt}"
        # (the months settled twice named, as the command line and the report name them)
        write_stream(settle_stream(settle_chunks(path, size=size), repeated=RepeatedMonths()), fast, fmt)
        one_by_one = settle_chunks(path, size=size, one_at_a_time=True)
        write_stream(settle_stream(one_by_one, repeated=RepeatedMonths()), slow, fmt)
        assert fast.read_bytes() == slow.read_bytes(), fmt
        # the same under a caller's decimal context that would round and trap anything inexact
        hostile = decimal.Context(prec=1, rounding=decimal.ROUND_DOWN, traps=[decimal.Inexact, decimal.Rounded])
        with decimal.localcontext(hostile):
            write_stream(settle_stream(settle_chunks(path, size=size), repeated=RepeatedMonths()), fast, fmt)
        assert fast.read_bytes() == slow.read_bytes(), fmt
        # and as the strict reader reads the file, row by row
        whole = render(settle_document(settle_file(path)), fmt)
        assert fast.read_text(encoding="utf-8").rstrip("\n") == whole.rstrip("\n"), fmt


def test_a_run_with_refused_rows_is_written_by_joining_its_texts(tmp_path: Path, monkeypatch: Any) -> None:
    """A refused row's error cell is a ``Reason`` (a str subclass): it is written as its text, so
    that the run's cells are joined as the csv module joins them rather than handed to it cell by
    cell (which took a fifth of ``voucherlib settle -o out.csv`` on a million rows)."""
    render_module = sys.modules["voucherlib.output.render"]  # (the package's `render` is the function)
    handed_over: list[object] = []
    texts = render_module._csv_column

    def spy(values: Any, column: Any) -> Any:
        out = texts(values, column)
        if out is None:
            handed_over.append(column)
        return out

    monkeypatch.setattr(render_module, "_csv_column", spy)
    path = tmp_path / "v.csv"
    write(path, [["Y-1", "2021-10", "", "", "yes", "2021-11-09"], ["Y-2", "2021-13", "", "", "no", "2021-11-09"]])
    out = io.StringIO()
    write_stream(settle_stream(settle_chunks(path)), out, "csv")
    assert handed_over == []
    header, settled, refused = csv.reader(io.StringIO(out.getvalue()))
    error = settle_file(path).rows[1].error
    assert error is not None and error.startswith("month")
    # row 1 is settled (no error); row 2's error cell is the refusal's English text
    assert settled[header.index("error")] == "" and refused[header.index("error")] == error


def test_a_byte_order_mark_in_a_cell_is_kept_on_every_path(tmp_path: Path) -> None:
    """A byte-order mark that starts the first row's id (after the file's own, or with none) is
    the id's first character on the streamed path too (review 13: Arrow dropped it from the rows
    it was given, and the id was written without it)."""
    path = tmp_path / "v.csv"
    body = "\ufeffB,2021-10,2021-10-01,,no,2021-11-09\n"
    path.write_text("beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n" + body, encoding="utf-8")
    whole = [r.beneficiary_id for r in settle_file(path).rows]
    assert whole == ["\ufeffB"]
    for one_at_a_time in (False, True):
        assert [
            i for c in settle_chunks(path, one_at_a_time=one_at_a_time) for i in c.columns["beneficiary_id"]
        ] == whole


def test_a_row_of_the_wrong_width_keeps_the_cells_it_has(tmp_path: Path) -> None:
    """A row with fewer or more cells than the header is refused whole, and comes back with the
    cells it has, in the columns they stand in (so the clerk finds its beneficiary), on every path
    and in every output; the extra cells of a long row are not shown (review 14)."""
    path = tmp_path / "widths.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "B1,2021-10,,,no,2021-11-05\n"
        "B3,2021-10\n"
        "B4,2021-11,,,no,2021-12-06,extra\n",
        encoding="utf-8",
    )
    want = {
        3: ("B3", "2021-10", "row has 2 cells; the header has 6"),
        4: ("B4", "2021-11", "row has 7 cells; the header has 6"),
    }
    streamed = tmp_path / "streamed.json"
    write_stream(settle_stream(settle_chunks(path)), streamed, "json")
    for data in (json_data(settle_document(settle_file(path))), json.loads(streamed.read_text(encoding="utf-8"))):
        rows = {r["row"]: r for r in data["tables"][0]["rows"]}
        for line, (who, month, why) in want.items():
            assert (rows[line]["beneficiary_id"], rows[line]["month"], rows[line]["error"]) == (who, month, why)
            assert rows[line]["payable"] is None and rows[line]["service_days"] is None
        assert rows[2]["payable"] == "620.00"  # 31 days x 20 GEL, on time


def test_a_beneficiary_month_settled_on_two_rows_is_named_and_exits_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 26: settle paid a repeated beneficiary-month twice and exited 0. D28: a beneficiary
    # has one voucher a month; each row is still settled on its own (October 2021, the whole month:
    # 31 x 20 = 620.00 each), and the summary names the repeat (ids compared without their blanks,
    # months as they read: " 2021-10" is October 2021; it was compared as written, and missed).
    from voucherlib.cli import main

    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "A,2021-10,,,no,2021-11-05\nB,2021-10,,,no,2021-11-05\n A , 2021-10,,,no,2021-11-05\n"
        "A,2021-11,,,no,2021-12-06\nB,2021-10,bad,,no,2021-11-05\n",
        encoding="utf-8",
    )
    assert main(["settle", str(path), "-q"]) == 1
    out = capsys.readouterr().out
    # 4 rows settled: 620.00 x 3 + November's 30 x 20 = 600.00 = 2,460.00; B's second row is invalid
    assert "payable 2,460.00 GEL" in out
    assert (
        "1 beneficiary-month settled on more than one row (a beneficiary has one voucher a month, D28): A 2021-10 (rows 2, 4)"
        in out
    )
    assert main(["settle", str(path), "-q", "--exit-zero"]) == 0


_IDS = ["A", " A", "A ", "B", "b", "\tB"]
_MONTH_TEXTS = ["2021-10", " 2021-10", "2021-10 ", "2021-11", "\t2021-11", "2022-01"]


@given(
    rows=st.lists(st.tuples(st.sampled_from(_IDS), st.sampled_from(_MONTH_TEXTS), st.booleans()), max_size=40),
    cuts=st.lists(st.integers(0, 40), max_size=4),
)
def test_repeated_months_are_the_settled_rows_that_share_an_id_and_a_month(
    rows: list[tuple[str, str, bool]], cuts: list[int]
) -> None:
    # D28, as a reference written apart: over the settled rows in order, group by (the id
    # without its blanks, the month text without its blanks: every text here is a YYYY-MM month
    # with blanks round it); a group of two or more rows is a repeat, named by its rows in order.
    # However the rows are cut into runs, RepeatedMonths finds exactly those groups.
    from voucherlib.reports.settlement_file import RepeatedMonths, SettledChunk

    groups: dict[tuple[str, str], list[int]] = {}
    for number, (ident, month, settled) in enumerate(rows, start=2):
        if settled:
            groups.setdefault((ident.strip(), month.strip()), []).append(number)
    want = {key: found for key, found in groups.items() if len(found) > 1}

    repeated = RepeatedMonths()
    bounds = [0, *sorted(c for c in cuts if c <= len(rows)), len(rows)]
    for lo, hi in itertools.pairwise(bounds):
        part = rows[lo:hi]
        columns: dict[str, list[Any]] = {
            "row": list(range(lo + 2, hi + 2)),
            "beneficiary_id": [ident for ident, _, _ in part],
            "month": [month for _, month, _ in part],
            "error": [None if settled else "refused" for _, _, settled in part],
        }
        repeated.see(SettledChunk(columns, (), 0, 0, 0, 0))
    assert repeated.found == want


def test_without_numpy_every_row_is_settled_one_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `pip install voucherlib` has no numpy (the batch engine is the `batch` extra): `voucherlib
    # settle` stopped with numpy's ModuleNotFoundError. Without it each row is settled one at a
    # time, so the runs hold exactly the rows settle_file gives (the example file's 8 rows).
    from voucherlib import example_path

    path = example_path("vouchers.csv")
    want = settle_document(settle_file(path))
    monkeypatch.setitem(sys.modules, "numpy", None)  # `import numpy` raises ImportError
    got = list(settle_chunks(path))
    assert sum(len(chunk) for chunk in got) == len(want.tables[0].rows)
    streamed = tmp_path / "streamed.json"
    write_stream(settle_stream(iter(got)), streamed, "json")
    assert json.loads(streamed.read_text(encoding="utf-8")) == json_data(want)


def test_the_workbook_of_settle_and_of_facility_carries_their_summary(tmp_path: Path) -> None:
    # review 52: the summary ("settled on more than one row", facility's "give --daily-rate") was
    # in the text, HTML and JSON views but in no cell of the workbook, which is what is mailed on.
    import openpyxl

    from voucherlib.cli import main

    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "A,2021-10,,,no,2021-11-05\nB,2021-10,,,no,2021-11-05\nA,2021-10,,,no,2021-11-05\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    assert main(["settle", str(path), "-q", "-o", str(out)]) == 1
    texts = [v for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for v in row if v]
    # three rows of October 2021 (31 x 20 = 620.00 each): 1,860.00; A's month on rows 2 and 4
    assert any("payable 1,860.00 GEL" in str(t) and "A 2021-10 (rows 2, 4)" in str(t) for t in texts)

    out = tmp_path / "facility.xlsx"
    assert main(["facility", "--example", "-q", "-o", str(out)]) in (0, 1)
    texts = [v for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for v in row if v]
    assert any("give --daily-rate" in str(t) for t in texts)


def test_settle_to_csv_says_the_months_settled_twice_on_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 53: the CSV holds the table alone, so `-o out.csv` exited 1 without a word of why
    from voucherlib.cli import main

    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "A,2021-10,,,no,2021-11-05\nA,2021-10,,,no,2021-11-05\n",
        encoding="utf-8",
    )
    for flags in (["-o", str(tmp_path / "out.csv")], ["--format", "csv"]):
        assert main(["settle", str(path), "-q", *flags]) == 1
        err = capsys.readouterr().err
        assert "voucherlib settle: 1 beneficiary-month settled on more than one row" in err
        assert "A 2021-10 (rows 2, 3)" in err
    assert main(["settle", str(path), "-q"]) == 1  # the text view says it itself, not standard error
    assert "more than one row" not in capsys.readouterr().err


def test_a_voucher_month_with_no_day_of_service_is_named_and_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 76: a row whose stay does not touch its month (B-1: October 2021, enrolled 10 Dec;
    # B-2: November 2021, discharged 20 Oct) was settled 0.00, "funded", exit 0, without a word,
    # where the audit calls the same line an error (days outside the stay). R1 gives 0 days and
    # 0.00 still; the summary names the rows and the command exits 1. B-3: 30 x 20 = 600.00.
    from voucherlib.cli import main
    from voucherlib.reports.settlement_file import settle_file

    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "B-1,2021-10,2021-12-10,,no,2021-11-05\nB-2,2021-11,2021-10-01,2021-10-20,yes,2021-12-06\n"
        "B-3,2021-11,,,no,2021-12-06\n",
        encoding="utf-8",
    )
    said = "2 voucher-months settled with no day of service in the month (R1, D1; 0.00): rows 2, 3"
    for flags in ([], ["--format", "json"], ["--format", "csv"]):
        assert main(["settle", str(path), "-q", *flags]) == 1
        out, err = capsys.readouterr()
        assert said in (err if flags == ["--format", "csv"] else out) and "rows 2, 3" in out + err
    report = settle_file(path)
    assert [r.row for r in report.no_service_days] == [2, 3]
    assert [r.settlement.payable for r in report.rows] == [0, 0, 600]  # type: ignore[union-attr]
    assert said in settle_document(report).summary[0]
    # none: nothing said, exit 0
    path.write_text(
        path.read_text(encoding="utf-8").splitlines()[0] + "\nB-3,2021-11,,,no,2021-12-06\n", encoding="utf-8"
    )
    assert main(["settle", str(path), "-q"]) == 0 and "no day of service" not in capsys.readouterr().out


def test_a_stay_of_one_uncounted_discharge_day_is_named_as_no_day_of_service(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 80: enrolled and discharged on 15 Nov with the discharge day not counted (D1) has no
    # day of service; the sentence gave three reasons of which none applied
    from voucherlib.cli import main

    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "B-1,2021-11,2021-11-15,2021-11-15,no,2021-12-06\n",
        encoding="utf-8",
    )
    assert main(["settle", str(path), "-q", "--no-discharge-day"]) == 1
    out = capsys.readouterr().out
    assert "1 voucher-month settled with no day of service in the month (R1, D1; 0.00): row 2" in out


def test_a_settled_rows_record_is_its_line_of_the_csv_file(tmp_path: Path) -> None:
    # Review 249 F1: SettledRow.record(), "for CSV and JSON output", wrote funded as yes/no and left
    # out the deadline and the submission day, where the CSV file has them: each record is now the
    # file's line of its row, field by field (a valid row and an invalid one)
    import voucherlib as vl

    source = tmp_path / "v.csv"
    source.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "Y-001,2021-10,2021-01-01,,no,2021-11-09\n"
        "Y-002,2021-13,2021-01-01,,no,2021-11-05\n",
        encoding="utf-8",
    )
    report = vl.settle_file(source)
    written = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert [r.record() for r in report.rows] == written
    # by hand: October 2021, 31 days x 20 GEL = 620.00; due 5 Nov (a Friday), submitted Tue 9 Nov:
    # 2 working days late (8, 9 Nov), 20% = 124.00 deducted, 496.00 paid, funded
    first = report.rows[0].record()
    assert (first["deadline"], first["submitted_on"], first["late_working_days"]) == ("2021-11-05", "2021-11-09", "2")
    assert (first["amount"], first["deduction"], first["payable"], first["funded"]) == (
        "620.00",
        "124.00",
        "496.00",
        "true",
    )
    second = report.rows[1].record()
    assert second["funded"] == "" and second["month"] == "2021-13" and second["error"].startswith("month")


def test_a_file_of_another_kind_is_refused_naming_every_suffix_read(tmp_path: Path) -> None:
    # Review 249 F2: "expected a .csv or .xlsx file", where .tsv and .txt are read too
    import voucherlib as vl

    path = tmp_path / "v.ods"
    path.write_bytes(b"x")
    with pytest.raises(vl.VoucherError, match=r"expected a \.csv \(or \.tsv, \.txt\) or \.xlsx file"):
        vl.settle_file(path)


noted_row = st.tuples(
    st.sampled_from(["B-1", "B-2", "B-3", "b-1"]), st.sampled_from(["2021-10", "2021-11"]), st.booleans()
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(noted_row, max_size=6), max_size=5))
def test_the_months_settled_again_are_found_however_the_runs_fall(runs: list[list[tuple[str, str, bool]]]) -> None:
    # D28: a beneficiary has one voucher a month. Each run of rows is noted in turn; the months
    # settled again, their rows, and the rows of each run that repeat an earlier one are those of
    # reading the rows one by one:
    # the first row settling a month is kept, every later one is a repeat; a refused row (error
    # set) settles nothing and is never counted.
    repeated = RepeatedMonths()
    first: dict[tuple[str, str], int] = {}
    found: dict[tuple[str, str], list[int]] = {}
    row = 2
    for run in runs:
        numbers = list(range(row, row + len(run)))
        row += len(run)
        again = []
        for n, (ident, month, refused) in zip(numbers, run, strict=True):
            if refused:
                continue
            if (ident, month) in first:
                found.setdefault((ident, month), [first[(ident, month)]]).append(n)
                again.append(n)
            else:
                first[(ident, month)] = n
        errors = ["month: refused" if refused else None for _, _, refused in run]
        repeated._note(numbers, [ident for ident, _, _ in run], [m for _, m, _ in run], errors)
        assert repeated.last_seen_again == again
    assert repeated.found == found
    assert list(repeated._first.items()) == list(first.items())  # (in the order first met)


def test_a_row_label_is_written_as_the_file_or_the_index_writes_it(tmp_path: Path) -> None:
    """A row's number is a name, never grouped as a count is (review 280 F5: ``1,002`` in the text
    view, ``1002`` in the file, the audit and every CSV); a DataFrame's text index label is written
    as the text it is, which the shipped schema allows (review 280 F4: ``"7"`` against ``integer``)."""
    import importlib.resources

    import jsonschema
    import openpyxl
    import pandas as pd

    from voucherlib import settle_file

    header = "beneficiary_id,name,month,enrolled_on,discharged_on,disability,submitted_on\n"
    # 1,001 rows: the last is the file's row 1002 (the header is row 1); November 2021, whole
    # month, no status, submitted on its deadline (Mon 6 Dec 2021): 30 x 20 = 600.00
    body = "".join(f"B{i},n,2021-11,2021-01-01,,no,2021-12-06\n" for i in range(1001))
    path = tmp_path / "k.csv"
    path.write_text(header + body, encoding="utf-8")
    report = settle_file(path)
    for lang in ("en", "ka"):
        (line,) = [ln for ln in report.to_text(lang=lang).splitlines() if " B1000 " in f" {ln} "]
        assert line.split()[:2] == ["1002", "B1000"] and "600.00" in line
    assert "1002,B1000," in report.to_csv()
    out = tmp_path / "k.xlsx"
    to_xlsx(settle_document(report), out)  # (what `voucherlib settle -o k.xlsx` writes)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    (cell,) = [r[0] for r in sheet.iter_rows(min_row=2) if r[1].value == "B1000"]
    assert cell.value == 1002 and cell.number_format == "General"  # (not "#,##0": 1,002)

    schema = json.loads((importlib.resources.files("voucherlib") / "output/schemas/settle.json").read_text("utf-8"))
    frame = pd.read_csv(
        io.StringIO(header + "".join(body.splitlines(keepends=True)[:3])), dtype=str, keep_default_na=False
    )
    for index, written in (
        (pd.Index(["7", "3", "9"]), ["7", "3", "9"]),  # (text labels, as a text index holds them)
        (pd.Index([7, pd.NA, 9], dtype="Int64"), [7, "<NA>", 9]),  # (a missing label is its text)
        (pd.Index([7, 3, 9]), [7, 3, 9]),
    ):
        data = json.loads(settle_file(frame.set_axis(index)).to_json())
        jsonschema.validate(data, schema)
        assert [r["row"] for r in data["tables"][0]["rows"]] == written
