"""Title rows above a table's header, as an auditor's spreadsheet has them (review 45).

A provider's invoice often opens with a caption ("ინვოისი, ნოემბერი 2021"), a subtitle and a blank
row, then the header. A row of one cell at most cannot be a header (a header names every required
column), nor a row of data without a header above it, so up to five such rows before the header
are read as the file's title: the table starts at the first row with more than one cell. Its rows
keep the numbers the spreadsheet shows. Anything else is refused as before: a header that does not
name the columns is named, and a file of one-cell rows is refused for its first row.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import voucherlib as vl
from voucherlib.cli import main
from voucherlib.reports.audit import audit_invoice
from voucherlib.reports.settlement_file import settle_file

HEADER = [
    "ბენეფიციარის კოდი",
    "თვე",
    "ჩარიცხვის თარიღი",
    "ამორიცხვის თარიღი",
    "შშმ სტატუსი",
    "მოთხოვნილი თანხა",
    "წარდგენის თარიღი",
]
LINES = [
    ["B-01", "2021-11", "2021-05-01", "", "არა", "600.00", "2021-12-06"],
    ["B-02", "2021-10", "2021-10-12", "2021-10-25", "კი", "420.00", "2021-11-05"],
]
# Hand figures (20 GEL a day without status, 30 with it):
#   B-01: November 2021, enrolled before it: 30 days x 20 = 600.00; due 5 Dec, a Sunday, so Mon
#         6 Dec; submitted that day: on time, payable 600.00
#   B-02: October 2021, 12..25 Oct = 14 days x 30 = 420.00; due Fri 5 Nov, submitted that day
AMOUNTS = [Decimal("600.00"), Decimal("420.00")]
TITLES = [["ინვოისი, ნოემბერი 2021"], ["შპს „მზრუნველი“"], []]  # a caption, a provider, a blank row


def _csv(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    # as a spreadsheet saves it: a delimiter for every column of the sheet, the title's row too,
    # and a cell quoted when it holds the delimiter ("ინვოისი, ნოემბერი 2021" in a comma file)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator="\n").writerows(
            r + [""] * (len(HEADER) - len(r)) for r in rows
        )
    return path


def _xlsx(path: Path, rows: list[list[str]], merged: tuple[str, ...] = ("A1:G1",)) -> Path:
    # (by default the caption merged over the table's width, as usual)
    book = openpyxl.Workbook()
    for r in rows:
        book.active.append(r)
    for cells in merged:
        book.active.merge_cells(cells)
    book.save(path)
    return path


def _refused(path: Path) -> vl.InvalidInput:
    with pytest.raises(vl.InvalidInput) as info:
        audit_invoice(path)
    return info.value


@pytest.mark.parametrize("form", ["csv", "csv,", "xlsx"])
def test_an_invoice_under_its_title_rows_is_read_with_the_spreadsheets_row_numbers(tmp_path: Path, form: str) -> None:
    rows = [*TITLES, HEADER, *LINES]
    path = (
        _xlsx(tmp_path / "i.xlsx", rows)
        if form == "xlsx"
        else _csv(tmp_path / "i.csv", rows, "," if form == "csv," else ";")
    )
    report = audit_invoice(path)
    # rows 1-3 the title, 4 the header: the lines are rows 5 and 6, as the spreadsheet numbers them
    assert [(ln.row, ln.beneficiary_id, ln.verdict) for ln in report.lines] == [
        (5, "B-01", "matches"),
        (6, "B-02", "matches"),
    ]
    assert [ln.computed for ln in report.lines] == AMOUNTS
    assert report.total_payable == Decimal("1020.00")  # 600.00 + 420.00
    assert "B-02" in report.explain(6)


def test_the_same_file_without_its_titles_gives_the_same_lines(tmp_path: Path) -> None:
    titled = audit_invoice(_csv(tmp_path / "t.csv", [*TITLES, HEADER, *LINES]))
    plain = audit_invoice(_csv(tmp_path / "p.csv", [HEADER, *LINES]))
    assert plain._table is not None  # the plain file is read in columns, the titled one line by line
    assert [(ln.beneficiary_id, ln.computed, ln.payable) for ln in titled.lines] == [
        (ln.beneficiary_id, ln.computed, ln.payable) for ln in plain.lines
    ]
    assert [ln.row for ln in titled.lines] == [ln.row + 3 for ln in plain.lines]


def test_a_voucher_file_under_a_title_is_settled_streamed_or_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "beneficiary_id;month;enrolled_on;discharged_on;disability;submitted_on\n"
    path = tmp_path / "v.csv"
    path.write_text("ვაუჩერები;;;;;\n" + header + "B-01;2021-11;2021-05-01;;no;2021-12-06\n", encoding="utf-8")
    (row,) = settle_file(path).rows
    assert (row.row, row.settlement.amount if row.settlement else None) == (3, Decimal("600.00"))  # 30 x 20
    assert main(["settle", str(path), "--format", "csv"]) == 0
    assert "\n3,B-01,2021-11,30,20,600.00," in capsys.readouterr().out


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_header_below_titles_that_names_no_column_is_named(tmp_path: Path, form: str) -> None:
    rows = [TITLES[0], ["person", *HEADER[1:]], *LINES]
    path = _xlsx(tmp_path / "i.xlsx", rows) if form == "xlsx" else _csv(tmp_path / "i.csv", rows)
    with pytest.raises(vl.InvalidInput) as info:
        audit_invoice(path)
    assert info.value.field == "header" and "person" in str(info.value)


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_one_cell_rows_with_no_header_after_them_are_refused_for_the_first(tmp_path: Path, form: str) -> None:
    rows = [["ინვოისი"], *[[f"B-{n}"] for n in range(8)]]
    path = _xlsx(tmp_path / "i.xlsx", rows) if form == "xlsx" else _csv(tmp_path / "i.csv", rows)
    with pytest.raises(vl.InvalidInput) as info:
        audit_invoice(path)
    assert info.value.field == "header" and "ინვოისი" in str(info.value)


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_more_than_five_title_rows_are_no_title(tmp_path: Path, form: str) -> None:
    rows = [[f"title {n}"] for n in range(6)] + [HEADER, *LINES]
    path = _xlsx(tmp_path / "i.xlsx", rows) if form == "xlsx" else _csv(tmp_path / "i.csv", rows)
    with pytest.raises(vl.InvalidInput, match="title 0"):
        audit_invoice(path)
    assert (
        len(audit_invoice(path.with_name("x" + path.name) if False else _csv(tmp_path / "five.csv", rows[1:])).lines)
        == 2
    )


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_blank_rows_between_titles_are_no_titles_in_either_file(tmp_path: Path, form: str) -> None:
    # review 50: a caption, a provider and a month, each with a blank row under it, then the
    # header: read from the workbook, refused from its CSV (the blank rows counted as titles).
    rows = [["ინვოისი"], [], ["შპს „მზრუნველი“"], [], ["ნოემბერი 2021"], [], HEADER, *LINES]
    path = _xlsx(tmp_path / "i.xlsx", rows) if form == "xlsx" else _csv(tmp_path / "i.csv", rows)
    report = audit_invoice(path)
    assert [(ln.row, ln.computed) for ln in report.lines] == [(8, AMOUNTS[0]), (9, AMOUNTS[1])]


def test_a_header_below_a_title_that_csv_cannot_read_is_named_by_its_line(tmp_path: Path) -> None:
    # review 50: the error named the title and advised --delimiter
    path = tmp_path / "i.csv"
    path.write_text('Invoice\n"beneficiary_id"x,month\nB-01,2021-11\n', encoding="utf-8")
    with pytest.raises(vl.InvalidInput) as info:
        audit_invoice(path)
    assert (info.value.field, info.value.value) == ("file", "line 2") and "CSV that can be read" in str(info.value)


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_caption_of_two_cells_taken_for_the_header_is_said_to_be_so(tmp_path: Path, form: str) -> None:
    # Review 204 F1: a caption in A1 and the invoice's date in F1 (two cells: no title) were
    # refused as "header: got 'ინვოისი №12'; expected a known column", naming neither the row
    # taken for the header nor why; now the row is shown whole, and why it was taken
    caption = ["ინვოისი №12", "", "", "", "", "თარიღი: 06.12.2021"]
    rows = [caption, [], HEADER, *LINES]
    path = _xlsx(tmp_path / "i.xlsx", rows, ()) if form == "xlsx" else _csv(tmp_path / "i.csv", rows)
    refused = _refused(path)
    said = str(refused)
    assert refused.field == "header" and "'ინვოისი №12, , , , , თარიღი: 06.12.2021'" in said
    # (the row below it names the columns: review 267 F3)
    assert "the row taken for the header does not, and the row below it does" in said
    assert "if it is a caption above the header, write it in one cell or delete it" in said
    assert "სათაურად მიღებული სტრიქონი მათ არ ასახელებს, მის ქვემოთ მდებარე კი ასახელებს" in refused.message("ka")
    # review 206 F4: settle (which keeps a column it does not know) said "'None' is given twice"
    with pytest.raises(vl.InvalidInput, match="the row taken for the header does not, and the row below it does"):
        settle_file(path)
    # a caption of two cells above no header is said to be no header, as before
    refused = _refused(_csv(tmp_path / "none.csv", [caption, ["B-01", "ნინო"]]))
    assert "the row taken for the header names none of them: if it is the header, name its columns so;" in str(refused)
    assert "a caption in two cells, a date beside it, is taken for the header" in str(refused)
    assert "სათაურად მიღებული სტრიქონი არცერთ მათგანს არ ასახელებს" in refused.message("ka")
    # review 205 F3: a real header of names of its own is told to name its columns, not only to go
    own = ["Personal number", "Full name", "Period", "Start", "End", "Disabled", "Amount", "Date sent"]
    with pytest.raises(vl.InvalidInput, match="if it is the header, name its columns so"):
        audit_invoice(_csv(tmp_path / "own.csv", [own, *LINES]))
    # a header that names some columns and not another is refused naming that cell, as before
    rows = [["person", *HEADER[1:]], *LINES]
    with pytest.raises(vl.InvalidInput, match="header: got 'person'"):
        audit_invoice(_csv(tmp_path / "p.csv", rows))


def test_a_semicolon_file_whose_heading_holds_a_comma_is_refused_for_its_caption(tmp_path: Path) -> None:
    # Review 267 F2: LibreOffice (ka-GE) saves a sheet with a caption and its month in A1 and B1
    # above a header whose heading „სახელი, გვარი“ holds a comma. The delimiter is told from the
    # rows that name the most columns (the `;` header names all eight), so the refusal is of the
    # caption taken for the header, not of the header split on its comma said to name none.
    header = "ბენეფიციარის კოდი;სახელი, გვარი;მომსახურების თვე;ჩარიცხვის თარიღი;ამორიცხვის თარიღი;შშმ სტატუსი;მოთხოვნილი თანხა;წარდგენის თარიღი"
    path = tmp_path / "i.csv"
    path.write_text(
        f"ინვოისი;ნოემბერი 2021;;;;;;\n{header}\nA;ნინო ბერიძე;2021-10;2021-01-01;;არა;620;2021-11-05\n",
        encoding="utf-8",
    )
    said = str(_refused(path))
    assert said.startswith("header: got 'ინვოისი, ნოემბერი 2021' (str); expected a header naming the columns")
    assert "if it is a caption above the header, write it in one cell or delete it" in said
    assert "the row taken for the header does not, and the row below it does" in said
    # with the caption in one cell, the file is read: October 2021 from 1 Jan, 31 x 20.00 = 620.00,
    # due Fri 5 Nov and submitted then: 620.00 claimed matches
    path.write_text(
        f"ინვოისი ნოემბერი 2021;;;;;;;\n{header}\nA;ნინო ბერიძე;2021-10;2021-01-01;;არა;620;2021-11-05\n",
        encoding="utf-8",
    )
    line = audit_invoice(path).lines[0]
    assert (line.computed, line.verdict, line.name) == (Decimal("620.00"), "matches", "ნინო ბერიძე")


@pytest.mark.parametrize("form", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "groups", [["ბენეფიციარი", "", "", "თარიღები"], ["მონაცემები ბენეფიციარზე", "", "", "თარიღები", "", "", "თანხა"]]
)
def test_headings_of_groups_of_columns_above_the_header_are_said_to_be_so(
    tmp_path: Path, form: str, groups: list[str]
) -> None:
    # Review 267 F3: a Georgian form's two rows of headings (a group's heading merged over its
    # columns above the columns' own) were refused with advice on a pandas index ("the header's
    # cell 2 has none"), or as one unknown heading, the row not shown. The row below names every
    # column: the refusal shows the row of groups and says to delete it or write it in one cell.
    rows = [groups, HEADER, *LINES]
    merged = ("A1:C1", "D1:E1")  # (the groups' headings over their columns)
    path = _xlsx(tmp_path / "i.xlsx", rows, merged) if form == "xlsx" else _csv(tmp_path / "i.csv", rows)
    refused = _refused(path)
    said = str(refused)
    assert said.startswith(f"header: got {', '.join(groups).rstrip(', ')!r}")
    assert "the row taken for the header does not, and the row below it does" in said
    assert "if it holds headings of groups of columns over the columns' own (two rows of headings" in said
    assert "სვეტების ჯგუფების სათაურებია" in refused.message("ka")
    # the columns said are those the audit needs (review 271 F3: its optional ones were named too)
    assert (
        "naming the columns beneficiary_id, month, enrolled_on, discharged_on, disability, claimed in one row" in said
    )
    # the row deleted, the invoice is read (the lines as in the tests above)
    path = _csv(tmp_path / "j.csv", [HEADER, *LINES])
    assert [ln.computed for ln in audit_invoice(path).lines] == list(AMOUNTS)


def test_a_header_that_names_every_column_is_refused_for_its_own_fault(tmp_path: Path) -> None:
    # Review 271 F3: a header giving a column twice, above a row that names the columns, was said
    # not to name them; it names every one, and the column given twice is its fault.
    twice = [*HEADER[:2], HEADER[1], *HEADER[2:]]
    refused = _refused(_csv(tmp_path / "i.csv", [twice, HEADER, *LINES]))
    assert "is given twice" in str(refused) and "the row below it does" not in str(refused)


def test_an_empty_header_cell_is_shown_as_nothing_not_none(tmp_path: Path) -> None:
    # Review 211 F4: a two-row header whose merged group cell left the first row's cell empty was
    # refused showing Python's None for it ("თარიღი, None, ..."), in Georgian too
    book = openpyxl.Workbook()
    book.active.append(["beneficiary_id", "month", "თარიღი", None, "disability", "submitted_on"])
    book.active.append([None, None, "ჩარიცხვის", "ამორიცხვის", None, None])
    book.active.append(["B-01", "2021-10", "2021-10-01", None, "no", "2021-11-05"])
    book.save(path := tmp_path / "two_rows.xlsx")
    with pytest.raises(vl.InvalidInput) as refused:
        settle_file(path)
    assert "'beneficiary_id, month, თარიღი, , disability, submitted_on'" in str(refused.value)
    assert "None" not in str(refused.value) and "None" not in refused.value.message("ka")
