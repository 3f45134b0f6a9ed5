"""Merged cells in a workbook (review 56): a spreadsheet shows the first cell's value across the
merged range, but the file holds it in that first cell alone; the covered cells hold nothing.
Read as empty, a covered discharge date is "not discharged" and the whole month is paid; a
covered enrolment date is "enrolled before the month". So a covered cell is refused in every
column, naming the cell and the range, and its row is shown as refused, never settled on a blank.

The workbooks: November 2021 (30 days) at 20.00 GEL a day, 30.00 with disability status, every
document submitted on 3 Dec 2021 (in time: due Mon 6 Dec, the 5th being a Sunday).
"""

from __future__ import annotations

import datetime as dt
import pickle
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

import voucherlib as vl
import voucherlib.input.xlsx_file as xlsx_file
from tests.test_xlsx_plain import rewrite
from tests.xlsx_reader import set_in_reader
from voucherlib.input.cells import MergedCell, date, is_empty
from voucherlib.reports.settlement_file import settle_file

HEADER = ["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "submitted_on"]
D = dt.date


def openpyxl_book(path: Path, rows: list[list[object]], merges: list[str], title: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title is not None:
        ws.append([title])
        ws.merge_cells("A1:F1")  # a title across the table, above the header
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    for merged in merges:
        ws.merge_cells(merged)
    wb.save(path)
    return path


def test_a_covered_discharge_date_is_refused_not_read_as_not_discharged(tmp_path: Path) -> None:
    # were both discharged on 7 Nov 2021; the provider merged D2:D3 and the sheet
    # shows 07.11.2021 beside both. A-05 (no status): 7 days (1-7 Nov) x 20.00 = 140.00. A-10's
    # cell D3 holds nothing: read as empty it would be 30 x 30.00 = 900.00 (not discharged), where
    # the sheet shows 7 x 30.00 = 210.00. It is refused, naming D3 and D2:D3.
    path = openpyxl_book(
        tmp_path / "v.xlsx",
        [
            ["A-05", "2021-11", D(2021, 5, 1), D(2021, 11, 7), "no", D(2021, 12, 3)],
            ["A-10", "2021-11", D(2021, 5, 1), None, "yes", D(2021, 12, 3)],
        ],
        ["D2:D3"],
    )
    first, covered = settle_file(path).rows
    assert first.settlement is not None and first.settlement.payable == Decimal("140.00")
    assert covered.settlement is None
    assert covered.error.startswith("discharged_on: got 'the cell D3, covered by the merged cells D2:D3'")
    assert "unmerge the cells and write the value in each row" in covered.error


def test_every_cell_a_range_covers_is_refused_across_and_down(tmp_path: Path) -> None:
    # C2:D3 covers C3, D2 and D3: row 2's discharge date (D2) and row 3's enrolment and discharge
    # dates. Both rows are refused; no row is settled on a blank.
    path = openpyxl_book(
        tmp_path / "v.xlsx",
        [
            ["A-01", "2021-11", D(2021, 11, 3), None, "no", D(2021, 12, 3)],
            ["A-02", "2021-11", None, None, "no", D(2021, 12, 3)],
        ],
        ["C2:D3"],
    )
    one, two = settle_file(path).rows
    assert one.settlement is None and "the cell D2, covered by the merged cells C2:D3" in one.error
    assert two.settlement is None and "the cell C3, covered by the merged cells C2:D3" in two.error


def test_a_merged_title_above_the_header_is_still_a_title(tmp_path: Path) -> None:
    # A1:F1 merged for the title: B1..F1 are covered, but a title row is only looked at, and the
    # rows under the header are read. B-1: enrolled 1 May, no status: 30 x 20.00 = 600.00.
    path = openpyxl_book(
        tmp_path / "v.xlsx",
        [["B-1", "2021-11", D(2021, 5, 1), None, "no", D(2021, 12, 3)]],
        [],
        title="Invoice, November 2021",
    )
    (row,) = settle_file(path).rows
    assert row.settlement is not None and row.settlement.payable == Decimal("600.00")


def test_a_workbook_the_plain_path_would_read_is_refused_alike(tmp_path: Path) -> None:
    # xlsxwriter writes the plain form the fast path reads; with a merged range it is read by the
    # streaming parser, which marks the covered cells. E2:E3 merged: the sheet shows "yes" beside
    # both; B-2's E3 holds nothing (read as empty it would be refused anyway, but as "nothing").
    # B-1 with status: 30 x 30.00 = 900.00.
    path = tmp_path / "v.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, [*HEADER, "claimed"])
    sheet.write_row(1, 0, ["B-1", "2021-11", "2021-05-01", None, None, "2021-12-03", 900])
    sheet.write_row(2, 0, ["B-2", "2021-11", "2021-05-01", None, None, "2021-12-03", 900])
    sheet.merge_range("E2:E3", "yes")
    book.close()
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("900.00")
    assert two.settlement is None and "the cell E3, covered by the merged cells E2:E3" in two.error
    # the audit too: B-2's line is invalid with the same reason, never recomputed on a blank
    report = vl.audit_invoice(path)
    lines = list(report.lines)
    assert [line.verdict for line in lines].count("invalid") == 1
    assert "the cell E3, covered by the merged cells E2:E3" in str(lines[1].reason)


def test_merged_ranges_are_found_whatever_blocks_the_part_is_read_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The ranges come after the rows; the part is looked through a block at a time, a tag cut by a
    # block's end read with the next. Blocks of 7 bytes cut every tag.
    path = openpyxl_book(
        tmp_path / "v.xlsx",
        [
            ["A-05", "2021-11", D(2021, 5, 1), D(2021, 11, 7), "no", D(2021, 12, 3)],
            ["A-10", "2021-11", D(2021, 5, 1), None, "yes", D(2021, 12, 3)],
            ["A-11", "2021-11", D(2021, 5, 1), None, "yes", D(2021, 12, 3)],
        ],
        ["D2:D3", "F3:F4"],
    )
    set_in_reader(monkeypatch, "_MERGE_SCAN", 7)
    set_in_reader(monkeypatch, "_MERGE_OVERLAP", 64)
    rows = settle_file(path).rows
    assert [r.settlement is None for r in rows] == [False, True, True]
    assert "D3, covered by the merged cells D2:D3" in rows[1].error
    assert "F4, covered by the merged cells F3:F4" in rows[2].error


def test_a_covered_cell_is_not_empty_and_survives_a_copy() -> None:
    cell = MergedCell("D3", "D2:D3")
    assert not is_empty(cell)
    again = pickle.loads(pickle.dumps(cell))
    assert type(again) is MergedCell and (again.cell, again.merged) == ("D3", "D2:D3")
    with pytest.raises(vl.InvalidInput, match=r"discharged_on: got 'the cell D3, covered by the merged cells D2:D3'"):
        date(cell, "discharged_on")
    with pytest.raises(vl.InvalidInput, match=r"discharged_on: got '' \(MergedCell\)"):  # the API refuses it too
        vl.voucher_month("2021-11", discharged_on=cell)


def test_thousands_of_ranges_beside_the_table_leave_its_rows_alone(tmp_path: Path) -> None:
    # 5,000 ranges right of the table (G:H of rows 2 to 5,001; kept in numpy past 4,096) and one
    # in it (D2:D3). Row 2: A-05 (no status) discharged 7 Nov: 7 x 20.00 = 140.00; row 3's D3 is
    # covered: refused; row 4: B-1 (status), 30 x 30.00 = 900.00.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["A-05", "2021-11", D(2021, 5, 1), D(2021, 11, 7), "no", D(2021, 12, 3)])
    ws.append(["A-10", "2021-11", D(2021, 5, 1), None, "yes", D(2021, 12, 3)])
    ws.append(["B-1", "2021-11", D(2021, 5, 1), None, "yes", D(2021, 12, 3)])
    for r in range(2, 5002):
        ws.merge_cells(f"G{r}:H{r}")
    ws.merge_cells("D2:D3")
    wb.save(tmp_path / "v.xlsx")
    rows = settle_file(tmp_path / "v.xlsx").rows
    assert [r.settlement.payable if r.settlement else None for r in rows] == [
        Decimal("140.00"),
        None,
        Decimal("900.00"),
    ]
    assert "the cell D3, covered by the merged cells D2:D3" in rows[1].error


@pytest.mark.parametrize("many", [False, True])
def test_ranges_that_overlap_on_a_row_refuse_the_workbook(tmp_path: Path, many: bool) -> None:
    # Ranges that do not overlap meet a row at most once a column; a file that says more (a
    # spreadsheet never writes it) is refused, never read at the cost of every range on every row.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["B-1", "2021-11", D(2021, 5, 1), None, "yes", D(2021, 12, 3)])
    ws.append(["B-2", "2021-11", D(2021, 5, 1), None, "yes", D(2021, 12, 3)])
    wb.save(tmp_path / "v.xlsx")
    # written by hand: openpyxl refuses to merge overlapping ranges
    import zipfile

    with zipfile.ZipFile(tmp_path / "v.xlsx") as z:
        parts = {name: z.read(name) for name in z.namelist()}
    ranges = "".join(f'<mergeCell ref="A{k % 2 + 2}:F3"/>' for k in range(5000 if many else 8))
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"</sheetData>", f"</sheetData><mergeCells>{ranges}</mergeCells>".encode())
    with zipfile.ZipFile(tmp_path / "w.xlsx", "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(
        vl.InvalidInput, match=r"file: got 'A\d:F3' \(str\); expected merged ranges that do not overlap"
    ):
        settle_file(tmp_path / "w.xlsx")


def _rewritten(path: Path, target: Path, change: Any) -> Path:
    """A copy of ``path`` at ``target``, its sheet's XML changed by ``change`` (text in, text out)."""
    shutil.copyfile(path, target)
    rewrite(target, change)
    return target


def plain_book(path: Path) -> Path:
    """Two rows written by xlsxwriter (the plain form the fast path reads): A-05 discharged 7 Nov,
    no status: 7 x 20.00 = 140.00; A-10, status, no discharge date written (D3 empty)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["A-05", "2021-11", "2021-05-01", "2021-11-07", "no", "2021-12-03"])
    sheet.write_row(2, 0, ["A-10", "2021-11", "2021-05-01", None, "yes", "2021-12-03"])
    book.close()
    return path


@pytest.mark.parametrize(
    "where",
    [
        lambda x: x.replace("<sheetData>", '<mergeCells count="1"><mergeCell ref="D2:D3"/></mergeCells><sheetData>'),
        lambda x: x.replace("</sheetData>", '</sheetData><mergeCells><mergeCell ref=" D2&#58;D3 "/></mergeCells>'),
    ],
    ids=["before the rows", "a character reference and spaces"],
)
def test_ranges_anywhere_in_the_part_and_written_any_way_xml_allows_are_found(tmp_path: Path, where: Any) -> None:
    # Review 59: the fast path looked for ranges after the rows only (a range written before them,
    # which LibreOffice and openpyxl still show, paid A-10 the whole month: 30 x 30.00 = 900.00);
    # "D2&#58;D3" is D2:D3 to an XML reader, and spaces around it are no part of it.
    path = _rewritten(plain_book(tmp_path / "p.xlsx"), tmp_path / "m.xlsx", where)
    first, covered = settle_file(path).rows
    assert first.settlement is not None and first.settlement.payable == Decimal("140.00")
    assert covered.settlement is None and "the cell D3, covered by the merged cells D2:D3" in covered.error


def test_a_row_written_twice_is_refused_not_paid_twice(tmp_path: Path) -> None:
    # Review 60: a crafted sheet with two <row r="3"> had both settled (A-10 paid twice) and the
    # audit failed on an assertion. The sheet is refused, naming the row.
    def twice(x: str) -> str:
        import re

        row = re.search(r'<row r="3".*?</row>', x)
        assert row is not None
        return x.replace(row.group(0), row.group(0) * 2)

    path = _rewritten(plain_book(tmp_path / "p.xlsx"), tmp_path / "twice.xlsx", twice)
    with pytest.raises(vl.InvalidInput, match=r"file: got 'row 3' \(str\); expected rows written in order, each once"):
        settle_file(path)
    with pytest.raises(vl.InvalidInput, match=r"file: got 'row 3'"):
        vl.audit_invoice(_rewritten(invoice_book(tmp_path / "i.xlsx"), tmp_path / "i2.xlsx", twice))


def invoice_book(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, [*HEADER, "claimed"])
    sheet.write_row(1, 0, ["A-05", "2021-11", "2021-05-01", "2021-11-07", "no", "2021-12-03", 140])
    sheet.write_row(2, 0, ["A-10", "2021-11", "2021-05-01", "2021-11-07", "yes", "2021-12-03", 210])
    book.close()
    return path


def test_a_merged_title_keeps_the_audit_on_the_fast_path(tmp_path: Path) -> None:
    # Review 59: one merged title above the header sent the whole sheet to the streaming parser
    # (about twice the time). Ranges above the header, or beside the table, cover no cell that is
    # read: the sheet is read column by column still. A-05: 7 x 20.00 = 140.00; A-10 (status): 7 x 30.00 = 210.00.
    path = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.merge_range("A1:G1", "Invoice, November 2021")
    sheet.merge_range("J3:K4", "")  # empty cells merged beside the table (cover no cell of it: review 61)
    sheet.write_row(1, 0, [*HEADER, "claimed"])
    sheet.write_row(2, 0, ["A-05", "2021-11", "2021-05-01", "2021-11-07", "no", "2021-12-03", 140])
    sheet.write_row(3, 0, ["A-10", "2021-11", "2021-05-01", "2021-11-07", "yes", "2021-12-03", 210])
    book.close()
    from voucherlib.input.files import Limits

    assert xlsx_file.xlsx_columns(path, [*HEADER, "claimed"], limits=Limits()) is not None
    report = vl.audit_invoice(path)
    assert [line.payable for line in report.lines] == [Decimal("140.00"), Decimal("210.00")]


def test_a_provider_merged_down_the_rows_is_shown_on_each_as_the_sheet_shows_it(tmp_path: Path) -> None:
    # Review 59: a provider (a column that is only shown) merged down the rows showed its first row
    # alone, so the second row's money stood under a blank provider. Shown cells show the range's
    # first cell, as the spreadsheet does; the amounts are read from each row's own cells.
    # Both rows: November 2021, enrolled 1 May, no status: 30 x 20.00 = 600.00, claimed 600.
    path = tmp_path / "p.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, [*HEADER, "claimed", "provider"])
    for r, ident in ((1, "A-05"), (2, "A-06")):
        sheet.write_row(r, 0, [ident, "2021-11", "2021-05-01", None, "no", "2021-12-03", 600])
    sheet.merge_range("H2:H3", "NNLE Ialkani")
    book.close()
    report = vl.audit_invoice(path)
    frame = report.to_dataframe()
    assert list(frame["provider"]) == ["NNLE Ialkani", "NNLE Ialkani"]
    assert [line.verdict for line in report.lines] == ["matches", "matches"]
