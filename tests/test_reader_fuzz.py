"""Hardening of the file readers: broken files are refused clearly, and no row is ever lost.

Every reader (voucher CSV for ``settle``, occupancy CSV for ``facility``, invoice CSV and XLSX
for ``audit``) either reads every row and returns each one, in order (settled, or marked with
its reason), or refuses the whole file with a ``VoucherError`` naming the file or header.
"""

from __future__ import annotations

import csv
import io
import re
import time
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.reports.audit import COLUMN_NAMES, audit_invoice
from voucherlib.reports.facility_file import facility_file
from voucherlib.reports.settlement_file import COLUMNS, settle_file

INVOICE_COLUMNS = list(COLUMN_NAMES)
cell = st.one_of(
    st.sampled_from(["", "2021-10", "2021-10-05", "2021-11-09", "yes", "no", "620.00", "=1+1", "@SUM(A1)", "-3", "+7"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20),
    st.just('quoted "line"\nwith a newline, and a comma'),
)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def non_blank(rows: list[list[str]]) -> int:
    return sum(1 for r in rows if any(c.strip() for c in r))


ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
settings_ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@settings_
@given(st.lists(st.lists(cell, min_size=6, max_size=6), max_size=12))
def test_settle_reader_returns_every_row_in_order(tmp_path: Path, rows: list[list[str]]) -> None:
    path = tmp_path / "v.csv"
    write_csv(path, list(COLUMNS), rows)
    report = settle_file(path)
    assert len(report.rows) == non_blank(rows)  # lines in = lines out
    assert [r.row for r in report.rows] == sorted(r.row for r in report.rows)
    for r in report.rows:
        assert (r.settlement is None) == (r.error is not None)


@settings_
@given(st.lists(st.lists(cell, min_size=8, max_size=8), max_size=12))
def test_invoice_reader_returns_every_line_in_order_from_csv_and_xlsx(tmp_path: Path, rows: list[list[str]]) -> None:
    path = tmp_path / "i.csv"
    write_csv(path, INVOICE_COLUMNS, rows)
    from_csv = audit_invoice(path)
    assert len(from_csv.lines) == non_blank(rows)
    book = openpyxl.Workbook()
    book.active.append(INVOICE_COLUMNS)
    for r in rows:  # a worksheet cannot hold control characters: the XLSX copy leaves them out
        book.active.append([ILLEGAL.sub("", c) or None for c in r])
    book.save(tmp_path / "i.xlsx")
    from_xlsx = audit_invoice(tmp_path / "i.xlsx")
    assert len(from_xlsx.lines) == non_blank([[ILLEGAL.sub("", c) for c in r] for r in rows])
    from_csv.to_xlsx(tmp_path / "report.xlsx")  # any input text can be written back
    for line in (*from_csv.lines, *from_xlsx.lines):
        assert line.verdict != "invalid" or line.reason
    # Safe output: no text cell of a written report starts a formula.
    for row in list(csv.reader(io.StringIO(from_csv.to_csv())))[1:]:
        for value in row[1:4] + row[9:]:  # the text fields: id, name, month, reason
            assert not value or value[0] not in "=+-@\t\r"


@settings_
@given(st.lists(st.lists(cell, min_size=6, max_size=6), max_size=12))
def test_facility_reader_accounts_for_every_row(tmp_path: Path, rows: list[list[str]]) -> None:
    path = tmp_path / "f.csv"
    write_csv(path, ["facility_id", "city", "service", "limit", "date", "children_served"], rows)
    report = facility_file(path)
    assert report.row_count == non_blank(rows)


BROKEN = {
    "not UTF-8": b"beneficiary_id,month\n\xff\xfe\xfa broken\n",
    "empty": b"",
    "duplicated header": b"beneficiary_id,month,month,enrolled_on,discharged_on,disability,submitted_on\n",
    "missing header": b"beneficiary_id,month,enrolled_on,disability,submitted_on\n",
    "very long cell": b"beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
    + b"A" * 200_000
    + b",2021-10,,,no,2021-11-05\n",
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_voucher_file_is_refused_with_a_clear_error(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(BROKEN[kind])
    with pytest.raises(vl.VoucherError) as info:
        settle_file(path)
    assert str(info.value).startswith(("file: got", "header: got"))


def test_a_nul_byte_in_a_cell_marks_that_row_only(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(
        b",".join(c.encode() for c in COLUMNS) + b"\nA,2021-10,\x00,,no,2021-11-05\nB,2021-10,,,no,2021-11-05\n"
    )
    first, second = settle_file(path).rows
    assert first.error.startswith("enrolled_on: got '\\x00'") and second.settlement is not None


def test_a_byte_order_mark_and_a_header_only_file_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\n")
    assert settle_file(path).rows == ()
    path.write_bytes(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\nA,2021-10,,,no,2021-11-05\n")
    assert settle_file(path).rows[0].settlement.payable == 620  # 31 x 20, in time


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    import voucherlib.input.files as fi

    monkeypatch.setattr(fi, "MAX_FILE_BYTES", 100)
    path = tmp_path / "v.csv"
    path.write_text(",".join(COLUMNS) + "\n" + "A,2021-10,,,no,2021-11-05\n" * 10, encoding="utf-8")
    with pytest.raises(vl.InvalidInput, match="a file of at most 100 bytes"):
        settle_file(path)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip", b"\x00" * 100])
def test_a_broken_xlsx_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "i.xlsx"
    path.write_bytes(content)
    with pytest.raises(vl.InvalidInput, match=r"file: got .*XLSX"):
        audit_invoice(path)


def test_reading_an_xlsx_formula_never_evaluates_it(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(INVOICE_COLUMNS)
    book.active.append(["A", "=1+1", "2021-10", "2021-01-01", None, "no", "=600+20", "2021-11-05"])
    book.save(tmp_path / "f.xlsx")  # saved by openpyxl: formulas with no cached result
    line = audit_invoice(tmp_path / "f.xlsx").lines[0]
    assert line.verdict == "invalid" and line.reason.startswith("claimed: got '=600+20'")
    assert line.name == "=1+1"  # shown as the text it is; written back with a leading '


# ---------------------------------------------------------------- bounded readers (issue 11, item 6)

VALID_LINE = ["A", "", "2021-10", "2021-01-01", None, "no", "620.00", "2021-11-05"]  # 31 x 20 = 620.00, in time


def bounded_call(call):
    """Run ``call`` and return (result or the VoucherError, peak traced bytes, seconds)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = call()
    except vl.VoucherError as exc:
        result = exc
    finally:
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, peak, seconds


def rewrite_sheet(path: Path, change) -> None:
    """Rewrite the first worksheet's XML of an XLSX file with ``change(xml) -> xml``."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = change(parts[name].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def invoice_book(path: Path, lines: int) -> None:
    book = openpyxl.Workbook()
    book.active.append(INVOICE_COLUMNS)
    for n in range(lines):
        book.active.append([f"B-{n}", *VALID_LINE[1:]])
    book.save(path)


@pytest.mark.parametrize("declared", ["A1:H2", "A1:A1", "A1:XFD1048576"])
def test_an_xlsx_sheet_is_read_whole_whatever_its_declared_dimension(tmp_path: Path, declared: str) -> None:
    path = tmp_path / "i.xlsx"
    invoice_book(path, 50)
    rewrite_sheet(path, lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{declared}"', xml))
    report, peak, seconds = bounded_call(lambda: audit_invoice(path))
    assert not isinstance(report, Exception)
    assert len(report.lines) == 50 and all(ln.computed == Decimal("620.00") for ln in report.lines)  # lines in = out
    assert peak < 50 * 2**20 and seconds < 60  # memory bound; the time only guards against a hang


def test_a_cell_at_the_last_row_and_column_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "i.xlsx"
    invoice_book(path, 1)
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    rewrite_sheet(path, lambda xml: xml.replace("</sheetData>", far))
    result, peak, seconds = bounded_call(lambda: audit_invoice(path))
    assert isinstance(result, vl.InvalidInput) and "rows of data" in str(result)
    assert peak < 50 * 2**20 and seconds < 60


def test_cells_beyond_the_header_mark_their_row_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "i.xlsx"
    invoice_book(path, 2)
    wide = '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    rewrite_sheet(path, lambda xml: xml.replace("</row>", wide, 2))  # the header row and row 2
    result, peak, _ = bounded_call(lambda: audit_invoice(path))
    assert isinstance(result, vl.InvalidInput) and result.field == "header"  # the header has a stray cell
    assert peak < 50 * 2**20


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_oversized_cell_refuses_the_file(tmp_path: Path, kind: str) -> None:
    rows = [["A" * 5_000, "", "2021-10", "", "", "no", "620.00", "2021-11-05"]]
    if kind == "csv":
        path = tmp_path / "i.csv"
        write_csv(path, INVOICE_COLUMNS, rows)
    else:
        path = tmp_path / "i.xlsx"
        book = openpyxl.Workbook()
        book.active.append(INVOICE_COLUMNS)
        book.active.append(rows[0])
        book.save(path)
    result, peak, _ = bounded_call(lambda: audit_invoice(path))
    assert isinstance(result, vl.InvalidInput) and "cells of at most 4,096" in str(result)
    assert peak < 50 * 2**20


@pytest.mark.parametrize("kind", ["csv", "xlsx", "frame"])
def test_more_rows_than_the_cap_refuse_the_file(tmp_path: Path, kind: str, monkeypatch) -> None:
    import pandas as pd

    import voucherlib.input.frame as frame_module
    import voucherlib.input.table as table

    monkeypatch.setattr(table, "MAX_ROWS", 10)
    monkeypatch.setattr(frame_module, "MAX_ROWS", 10)
    lines = [[f"B-{n}", *["" if c is None else c for c in VALID_LINE[1:]]] for n in range(11)]
    if kind == "csv":
        source: object = tmp_path / "i.csv"
        write_csv(source, INVOICE_COLUMNS, lines)
    elif kind == "xlsx":
        source = tmp_path / "i.xlsx"
        invoice_book(source, 11)
    else:
        source = pd.DataFrame(lines, columns=INVOICE_COLUMNS)
    with pytest.raises(vl.InvalidInput, match="at most 10 rows"):
        audit_invoice(source)
    lines.pop()  # ten rows: every one read
    if kind == "frame":
        assert len(audit_invoice(pd.DataFrame(lines, columns=INVOICE_COLUMNS)).lines) == 10


def test_a_workbook_with_data_on_two_sheets_needs_the_sheet_named(tmp_path: Path) -> None:
    path = tmp_path / "i.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "November"
    book.active.append(INVOICE_COLUMNS)
    book.active.append(VALID_LINE)
    other = book.create_sheet("notes")
    other.append(["a note"])
    book.create_sheet("empty")
    book.save(path)
    with pytest.raises(vl.InvalidInput, match="November, notes") as info:
        audit_invoice(path)
    assert info.value.field == "sheet"
    assert [ln.computed for ln in audit_invoice(path, sheet="November").lines] == [Decimal("620.00")]
    with pytest.raises(vl.InvalidInput, match=r"a sheet of i\.xlsx"):
        audit_invoice(path, sheet="December")
    del book["notes"]
    book.save(path)  # one sheet with data and an empty one: no need to name it
    assert len(audit_invoice(path).lines) == 1


def test_a_zip_that_expands_past_the_cap_is_refused_unopened(tmp_path: Path, monkeypatch) -> None:
    import voucherlib.input.xlsx_file as xlsx_file

    monkeypatch.setattr(xlsx_file, "MAX_EXPANDED_BYTES", 1000)
    path = tmp_path / "i.xlsx"
    invoice_book(path, 1)
    with pytest.raises(vl.InvalidInput, match="expands to at most 1,000 bytes"):
        audit_invoice(path)


def test_a_header_on_one_column_says_so(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("|".join(COLUMNS) + "\nA|2021-10|||no|2021-11-05\n", encoding="utf-8")
    with pytest.raises(vl.InvalidInput, match="the header came out as a single column"):
        settle_file(path)


@settings_
@given(st.lists(st.lists(cell, min_size=6, max_size=6), max_size=12), st.sampled_from([",", ";", "\t"]))
def test_every_delimiter_gives_every_row(tmp_path: Path, rows: list[list[str]], delimiter: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([list(COLUMNS), *rows])
    path = tmp_path / "v.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    report = settle_file(path)
    assert len(report.rows) == non_blank(rows)  # lines in = lines out
