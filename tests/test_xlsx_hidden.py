"""Rows and columns a workbook hides (review 60). A spreadsheet does not show a hidden row, a row
in a collapsed group or a row a filter leaves out; the file holds it all the same. Read silently,
such rows were paid where the auditor saw none of them (one row shown, 600.00; four paid,
2,720.00). The file cannot tell a row left out of the invoice from one merely out of view, so a
hidden row that holds data, and a hidden column of the table, refuse the workbook, naming them.

The rows: November 2021 (30 days), enrolled 1 May 2021, submitted 3 Dec 2021 (in time: due Mon 6
Dec): no status 30 x 20.00 = 600.00, status 30 x 30.00 = 900.00.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import voucherlib as vl
from tests.test_xlsx_plain import rewrite
from tests.xlsx_reader import set_in_reader
from voucherlib.input import xlsx_file, xlsx_formulas, xlsx_shown, xlsx_xml
from voucherlib.reports.settlement_file import settle_file

HEADER = ["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "submitted_on", "claimed"]
D = dt.date


def book(path: Path, *, hide_row: int | None = None, hide_column: str | None = None, blank_row: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["B-01", "2021-11", D(2021, 5, 1), None, "no", D(2021, 12, 3), 600])
    if blank_row:
        ws.append([])
    ws.append(["B-02", "2021-11", D(2021, 5, 1), None, "yes", D(2021, 12, 3), 900])
    if hide_row is not None:
        ws.row_dimensions[hide_row].hidden = True
    if hide_column is not None:
        ws.column_dimensions[hide_column].hidden = True
    wb.save(path)
    return path


def test_the_sheet_as_shown_pays_both_rows(tmp_path: Path) -> None:
    rows = settle_file(book(tmp_path / "v.xlsx")).rows
    assert [r.settlement.payable for r in rows if r.settlement] == [Decimal("600.00"), Decimal("900.00")]


def test_a_hidden_row_with_data_refuses_the_workbook_naming_it(tmp_path: Path) -> None:
    # row 3 (B-02, 900.00) hidden, as a filter or a collapsed group hides it too
    path = book(tmp_path / "v.xlsx", hide_row=3)
    with pytest.raises(
        vl.InvalidInput, match=r"file: got 'row 3' \(str\); expected a row the sheet shows: it is hidden"
    ):
        settle_file(path)
    with pytest.raises(vl.InvalidInput, match=r"file: got 'row 3'"):
        vl.audit_invoice(path)


def test_a_hidden_empty_row_is_no_row(tmp_path: Path) -> None:
    # an empty row 3 hidden between B-01 and B-02 holds nothing to read: both rows paid
    rows = settle_file(book(tmp_path / "v.xlsx", hide_row=3, blank_row=True)).rows
    assert [r.settlement.payable for r in rows if r.settlement] == [Decimal("600.00"), Decimal("900.00")]


def test_a_hidden_column_of_the_table_refuses_it_and_one_beside_it_does_not(tmp_path: Path) -> None:
    # column E (disability) hidden: the auditor sees no status, where B-02 is paid 900.00 for it
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E' \(str\); expected a column the sheet shows"):
        settle_file(book(tmp_path / "e.xlsx", hide_column="E"))
    # column H, right of the table, hidden: nothing of the table is out of view
    rows = settle_file(book(tmp_path / "h.xlsx", hide_column="H")).rows
    assert [r.settlement.payable for r in rows if r.settlement] == [Decimal("600.00"), Decimal("900.00")]


def test_a_volatile_formula_is_refused_for_its_stored_value_is_the_day_it_was_saved(tmp_path: Path) -> None:
    # Review 60: =TODAY() as the submission date was read as its stored value (the day of the last
    # save: in time, 600.00) where the sheet, opened later, shows another day (late, not funded).
    # The file marks such a formula (ca="1" in Excel, aca="true" in LibreOffice): refused.
    import xlsxwriter

    source = tmp_path / "s.xlsx"
    workbook = xlsxwriter.Workbook(str(source))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["B-01", "2021-11", "2021-05-01", None, "no"])
    sheet.write_formula(1, 5, "=TODAY()", None, "2021-12-03")
    sheet.write_number(1, 6, 600)
    workbook.close()
    rewrite(source, lambda xml: xml.replace("<f>", '<f ca="1">'))
    (row,) = settle_file(source).rows
    assert row.settlement is None
    assert row.error.startswith("submitted_on: got '=TODAY()' (str); expected a value, not a formula the spreadsheet")
    assert "calculates again each time it opens the sheet" in row.error


def test_hidden_written_as_xml_allows_and_where_xml_allows_is_hidden(tmp_path: Path) -> None:
    # Review 61: hidden=" 1" (an XML boolean's spaces collapse: true, as LibreOffice shows it) was
    # read and paid; a <cols> written after the rows hides its columns in LibreOffice too.
    path = book(tmp_path / "r.xlsx", hide_row=3)
    rewrite(path, lambda xml: xml.replace('hidden="1"', 'hidden=" 1"'))
    with pytest.raises(vl.InvalidInput, match=r"file: got 'row 3'"):
        settle_file(path)
    path = book(tmp_path / "c.xlsx", hide_column="E")

    def cols_after_rows(xml: str) -> str:
        start, end = xml.index("<cols>"), xml.index("</cols>") + len("</cols>")
        cols = xml[start:end]
        return (xml[:start] + xml[end:]).replace("</sheetData>", "</sheetData>" + cols)

    rewrite(path, cols_after_rows)
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E'"):
        settle_file(path)


def test_rows_said_not_hidden_keep_the_fast_path(tmp_path: Path) -> None:
    # LibreOffice writes hidden="false" on every row: no row is hidden, and the sheet is read on the
    # fast path (review 61: the bare word sent every LibreOffice workbook to the streaming parser,
    # 20 times slower). B-01 600.00, B-02 (status) 900.00.
    from voucherlib.input.files import Limits

    path = shared_strings_book(tmp_path / "lo.xlsx")
    rewrite(path, lambda xml: re.sub(r'(<row r="[0-9]+")', r'\1 hidden="false"', xml))  # as LibreOffice writes it
    assert xlsx_file.xlsx_columns(path, HEADER, limits=Limits()) is not None
    assert [line.payable for line in vl.audit_invoice(path).lines] == [Decimal("600.00"), Decimal("900.00")]


def test_the_one_sheet_with_data_hidden_is_refused_unless_named(tmp_path: Path) -> None:
    # Review 61: the sheet shown was empty and the hidden one was read and paid. Named, it is read.
    wb = openpyxl.Workbook()
    wb.active.title = "Invoice"
    data = wb.create_sheet("data")
    data.append(HEADER)
    data.append(["B-01", "2021-11", D(2021, 5, 1), None, "no", D(2021, 12, 3), 600])
    data.sheet_state = "hidden"
    wb.save(tmp_path / "h.xlsx")
    with pytest.raises(vl.InvalidInput, match=r"sheet: got 'data' \(str\); expected a sheet the workbook shows"):
        settle_file(tmp_path / "h.xlsx")
    (row,) = settle_file(tmp_path / "h.xlsx", sheet="data").rows
    assert row.settlement is not None and row.settlement.payable == Decimal("600.00")  # 30 x 20.00


def calculated_book(
    path: Path,
    formulas: dict[str, str],
    values: dict[str, object],
    marks: dict[str, str],
    sheets: dict[str, dict[str, object]] | None = None,
    name: tuple[str, str] | list[tuple[str, str]] | None = None,
    tables: dict[str, tuple[str, dict[str, Any]]] | None = None,
) -> Path:
    """A workbook as a spreadsheet saves it after calculating (stored values kept, no request to
    recalculate on opening): the header, B-01 (row 2) and B-02 (row 3), November 2021, enrolled 1
    May, no status, claimed 600 each; ``formulas`` (cell -> formula, with its stored value in
    ``values``) and ``marks`` (cell -> the attributes its ``<f>`` gets, as Excel and LibreOffice
    mark a volatile formula). ``sheets``: more sheets, title -> cell -> a value or a formula (which
    stores 3 Dec 2021, marked ``ca`` when it calls TODAY, as Excel marks it); ``name``: a defined
    name and what it refers to (or a list of them); ``tables``: sheet title -> (range, xlsxwriter's
    table options), an Excel table on that sheet."""
    import zipfile

    import xlsxwriter

    made = path.with_suffix(".made.xlsx")
    workbook = xlsxwriter.Workbook(str(made))
    sheet = workbook.add_worksheet()
    sheet.write_row(1, 0, HEADER)
    for r, ident in ((2, "B-01"), (3, "B-02")):
        sheet.write_row(r, 0, [ident, "2021-11", "2021-05-01", None, "no", "2021-12-03", 600])
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})  # (the stored values are date serials)
    for cell, formula in formulas.items():  # (a date serial as a date, another number as itself)
        serial = isinstance(values[cell], int) and values[cell] >= 40_000
        sheet.write_formula(cell, formula, date if serial else None, values[cell])
    for title, cells in (sheets or {}).items():
        more = workbook.add_worksheet(title)
        for cell, value in cells.items():
            if isinstance(value, str) and value.startswith("="):
                more.write_formula(cell, value, date, 44533)
            else:
                more.write(cell, value)
    for title, (cells, options) in (tables or {}).items():
        workbook.get_worksheet_by_name(title).add_table(cells, options)
    for defined in [name] if isinstance(name, tuple) else name or []:
        workbook.define_name(*defined)
    workbook.close()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for part in source.namelist():
            data = source.read(part)
            if part == "xl/workbook.xml":
                data = data.replace(b' fullCalcOnLoad="1"', b"")
            if part.startswith("xl/worksheets/sheet") and part != "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>TODAY()", b'<f ca="1">TODAY()')
            if part == "xl/worksheets/sheet1.xml":
                for cell, attributes in marks.items():
                    at = data.index(f'<c r="{cell}"'.encode())
                    f = data.index(b"<f", at)
                    data = data[: f + 2] + b" " + attributes.encode() + data[f + 2 :]
            target.writestr(part, data)
    return path


def test_a_formula_that_refers_to_a_volatile_one_is_refused_and_others_are_read(tmp_path: Path) -> None:
    # Review 61: A1 = TODAY() (marked), F4 (B-02's submitted_on) = A1 (not marked): read as the day
    # of the save. Both are refused now; B-01's F3 = DATE(2021,12,3) refers to nothing volatile and
    # is read: 30 x 20.00 = 600.00, in time.
    path = calculated_book(
        tmp_path / "v.xlsx",
        {"A1": "=TODAY()", "F3": "=DATE(2021,12,3)", "F4": "=A1"},
        {"A1": 44533, "F3": 44533, "F4": 44533},
        {"A1": 'ca="1"'},
    )
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and two.error.startswith(
        "submitted_on: got '=A1' (str); expected a value, not a formula"
    )


def test_a_calculated_formula_whose_value_is_the_empty_text_is_an_empty_cell(tmp_path: Path) -> None:
    """Review 110 F2: ``=IF(...;"";...)`` in a date column shows blank; a spreadsheet that
    calculated the workbook stores its value as the empty text (``t="str"``, ``<v></v>``), as
    LibreOffice saves it. It was refused as "a formula whose value was never calculated", with
    advice that could not help, where the sheet's CSV reads the blank cell. Now it is an empty
    cell, as the CSV writes it: B-01's discharge (D3) and B-02's enrolment (C4) blank. November
    2021: B-01 enrolled 1 May, not discharged: 30 days x 20.00 = 600.00; B-02 enrolled before
    the month, not discharged: 600.00 too; both submitted 3 Dec, before the deadline (6 Dec)."""
    import zipfile

    path = calculated_book(
        tmp_path / "e.xlsx",
        {"D3": '=IF(1=2,"2021-11-10","")', "C4": '=IF(1=2,"2021-11-10","")'},
        {"D3": "", "C4": ""},
        {},
    )
    # (xlsxwriter writes no type for it; the text type, as LibreOffice and Excel write it)
    rewrite(path, lambda xml: re.sub(r'(<c r="(?:D3|C4)"[^>]*)>', r'\1 t="str">', xml))
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode().replace("&quot;", '"')
    assert re.search(r'<c r="D3"[^>]* t="str"><f>IF\(1=2,"2021-11-10",""\)</f><v></v></c>', xml)
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is not None and two.settlement.payable == Decimal("600.00")
    # a formula with no stored value is still refused (the workbook was never calculated for it)
    rewrite(path, lambda xml: xml.replace("<v></v>", ""))
    assert settle_file(path).rows[0].error.startswith('discharged_on: got \'=IF(1=2,"2021-11-10","")\' (str)')


def test_a_shared_formula_follows_its_first_cell(tmp_path: Path) -> None:
    # F3 = TODAY() marked, F4 shares it (Excel marks the first cell alone): both rows refused.
    import re as _re

    path = calculated_book(
        tmp_path / "s.xlsx",
        {"F3": "=TODAY()", "F4": "=TODAY()"},
        {"F3": 44533, "F4": 44533},
        {"F3": 'ca="1"'},
    )
    rewrite(
        path,
        lambda xml: _re.sub(
            r"<f>TODAY\(\)</f>",
            '<f t="shared" si="0"/>',
            xml.replace('<f ca="1">TODAY()</f>', '<f ca="1" t="shared" ref="F3:F4" si="0">TODAY()</f>'),
        ),
    )
    rows = settle_file(path).rows
    assert [r.settlement is None for r in rows] == [True, True]


def test_references_are_followed_as_the_spreadsheet_moves_them() -> None:
    # F3 = TODAY() (marked). G3 = F3 shared down to G4, where it reads F4 (relative): G3 depends on
    # F3, G4 does not. H3 = $F$3 shared to H4 stays $F$3 (absolute): both depend. I3 = SUM(F3:F9)
    # (a range holding F3) depends; whole columns are followed. J3 = Sheet2!F3 reaches another sheet,
    # which may refer back to F3 or hold a volatile formula of its own: on a sheet that holds one, it
    # is taken as depending (review 148 F3, F5).
    import io

    xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3">'
        b'<c r="F3"><f ca="1">TODAY()</f><v>44533</v></c>'
        b'<c r="G3"><f t="shared" ref="G3:G4" si="0">F3</f><v>44533</v></c>'
        b'<c r="H3"><f t="shared" ref="H3:H4" si="1">$F$3</f><v>44533</v></c>'
        b'<c r="I3"><f>SUM(F3:F9)</f><v>44533</v></c>'
        b'<c r="J3"><f>Sheet2!F3</f><v>1</v></c>'
        b'<c r="K3"><f>MAX(F:F)</f><v>1</v></c><c r="L3"><f>SUM(A:B)</f><v>1</v></c></row>'
        b'<row r="4"><c r="F4"><v>44533</v></c><c r="G4"><f t="shared" si="0"/><v>44533</v></c>'
        b'<c r="H4"><f t="shared" si="1"/><v>44533</v></c></row></sheetData></worksheet>'
    )

    class Sheet:
        def _get_source(self) -> io.BytesIO:
            return io.BytesIO(xml)

    # (row, column): F = 6, G = 7, H = 8, I = 9, J = 10; K3 = MAX(F:F), a whole column holding F3:
    # K = 11; L3 = SUM(A:B) holds no volatile cell
    volatile = xlsx_formulas._sheet_formulas(Sheet(), True).volatile
    assert volatile == {(3, 6), (3, 7), (3, 8), (4, 8), (3, 9), (3, 10), (3, 11)}


@pytest.mark.parametrize(
    "col",
    [
        '<col min="5" max="5" hidden="&#49;"/>',  # &#49; is 1
        '<col style="a>b" min="5" max="5" hidden="1"/>',  # a ">" inside a value ends no tag
        '<col min="5" max="5"' + " " * 5000 + 'hidden="1"/>',  # longer than the blocks' overlap
        # review 127 F4: a column of width 0 and no hidden flag, which Excel draws as nothing
        '<col min="5" max="5" width="0" customWidth="1"/>',
        "<col min='5' max='5' width=' 0.0 ' customWidth='1'/>",
        '<col min="5" max="5" width="&#48;" customWidth="1"/>',
        # review 135 F1: 0.05 is drawn in no pixel too (ECMA-376's pixels of a width: (256 x 0.05
        # + 18) / 256 x 7 = 0.84, truncated to 0)
        '<col min="5" max="5" width="0.05" customWidth="1"/>',
        # review 137 F5: a <col> without a width, which Excel draws 0 wide (no writer leaves it out)
        '<col min="5" max="5" style="0" customWidth="1"/>',
    ],
    ids=[
        "a character reference",
        "a > in a value",
        "a tag longer than the overlap",
        "a width of 0",
        "a width of 0.0",
        "a width of &#48;",
        "a width of 0.05",
        "no width",
    ],
)
def test_a_hidden_column_however_xml_writes_it_is_refused_or_named(
    tmp_path: Path, col: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 62: each of these hides column E (disability) in LibreOffice and was read and paid
    # (B-02's 900.00 on a status the auditor cannot see). Each is refused now, naming the column or
    # the tag it cannot read. Blocks of 2 KiB put the long tag across blocks, past the overlap.

    set_in_reader(monkeypatch, "_MERGE_SCAN", 2048)
    path = book(tmp_path / "c.xlsx")
    rewrite(path, lambda xml: xml.replace("<sheetData>", f"<cols>{col}</cols><sheetData>", 1))
    with pytest.raises(vl.InvalidInput, match=r"file: got '(column E|<col)"):
        settle_file(path)
    with pytest.raises(vl.InvalidInput, match=r"file: got '(column E|<col)"):
        vl.audit_invoice(path)


def streaming_unless(plain: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unless ``plain``, the streaming parser reads every workbook (the plain path declines)."""

    if not plain:
        set_in_reader(monkeypatch, "_plain_cells", lambda *args: None)


def shared_strings_book(path: Path, widths: dict[int, float] | None = None) -> Path:
    """The two rows written by xlsxwriter (shared strings, as Excel writes them: the plain path
    reads such a sheet), its columns of the given widths."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    for column, width in (widths or {}).items():
        sheet.set_column(column, column, width)
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["B-01", "2021-11", "2021-05-01", None, "no", "2021-12-03", 600])
    sheet.write_row(2, 0, ["B-02", "2021-11", "2021-05-01", None, "yes", "2021-12-03", 900])
    workbook.close()
    return path


@pytest.mark.parametrize("plain", [True, False], ids=["plain path", "streaming parser"])
def test_columns_of_a_width_other_than_0_are_read(tmp_path: Path, plain: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # Widths as spreadsheets set them (11.52, a narrow 0.5, Excel's 8.43): no column of the table
    # is out of view; B-01 600.00, B-02 (status) 900.00, on the plain path (which keeps the sheet)
    # and on the streaming parser alike. A width 0 beside the table (column H) hides none of it:
    # read too (by the streaming parser: the plain path leaves any width 0 to it).
    from voucherlib.input.files import Limits

    if not plain:
        set_in_reader(monkeypatch, "_plain_cells", lambda *args: None)
    for widths in ({0: 11.52, 4: 0.5, 5: 8.43}, {0: 11.52, 7: 0}):
        path = shared_strings_book(tmp_path / f"w{len(widths)}.xlsx", widths)
        assert [line.payable for line in vl.audit_invoice(path).lines] == [Decimal("600.00"), Decimal("900.00")]
        rows = settle_file(path).rows
        assert [r.settlement.payable for r in rows if r.settlement] == [Decimal("600.00"), Decimal("900.00")]
        read_plain = xlsx_file.xlsx_columns(path, HEADER, limits=Limits()) is not None
        assert read_plain is (plain and 7 not in widths)


def test_a_column_of_the_table_set_to_width_0_is_refused(tmp_path: Path) -> None:
    # xlsxwriter's way to hide a column (its documentation: "set the width to 0"), as Excel's:
    # width="0" and no hidden flag. Column E (disability) of width 0: the auditor sees no status,
    # where B-02 was paid 900.00 for it (review 127 F4); refused as a hidden column is.
    path = shared_strings_book(tmp_path / "e.xlsx", {4: 0})
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E' \(str\); expected a column the sheet shows"):
        settle_file(path)
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E'"):
        vl.audit_invoice(path)


@pytest.mark.parametrize("plain", [True, False], ids=["plain path", "streaming parser"])
def test_a_default_column_width_under_a_pixel_hides_every_column_not_widened(
    tmp_path: Path, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 136 F6: <sheetFormatPr defaultColWidth="0.05"> draws a column no <col> widens as
    # nothing (LibreOffice: 0.0047 in); column E (disability) so drawn was read, and B-02 paid
    # 900.00 for a status nobody saw (600.00 without). Refused, naming it; with every column of
    # the table widened the sheet is read: B-01 600.00, B-02 900.00.
    streaming_unless(plain, monkeypatch)
    narrow = shared_strings_book(tmp_path / "e.xlsx", {c: 14 for c in (0, 1, 2, 3, 5, 6)})
    rewrite(narrow, lambda xml: xml.replace("<sheetFormatPr ", '<sheetFormatPr defaultColWidth="0.05" ', 1))
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E' \(str\); expected a column the sheet shows"):
        settle_file(narrow)
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E'"):
        vl.audit_invoice(narrow)
    every = shared_strings_book(tmp_path / "a.xlsx", {c: 14 for c in range(7)})
    rewrite(every, lambda xml: xml.replace("<sheetFormatPr ", "<sheetFormatPr defaultColWidth='0.05' ", 1))
    rows = settle_file(every).rows
    assert [r.settlement.payable for r in rows if r.settlement] == [Decimal("600.00"), Decimal("900.00")]
    wide = shared_strings_book(tmp_path / "w.xlsx", {0: 14})
    rewrite(wide, lambda xml: xml.replace("<sheetFormatPr ", '<sheetFormatPr defaultColWidth="8.43" ', 1))
    assert [line.payable for line in vl.audit_invoice(wide).lines] == [Decimal("600.00"), Decimal("900.00")]


def test_the_least_width_and_height_drawn_are_one_pixel() -> None:
    # ECMA-376 Part 1, 18.3.1.13: pixels = Truncate(((256 x width + Truncate(128 / 7)) / 256) x 7),
    # 0 for a width under (256 / 7 - 18) / 256 = 0.0725 and 1 from it (0.08: (20.48 + 18) / 256 x
    # 7 = 1.05); a row height under 0.75 pt is under one pixel at 96 an inch (0.75 x 96 / 72 = 1)

    assert xlsx_xml._unseen("0.07", xlsx_shown.COLUMN_SEEN) and not xlsx_xml._unseen("0.08", xlsx_shown.COLUMN_SEEN)
    assert xlsx_xml._unseen(b"0.7", xlsx_shown.ROW_SEEN) and not xlsx_xml._unseen(b"0.75", xlsx_shown.ROW_SEEN)
    assert not xlsx_xml._unseen("8.43", xlsx_shown.COLUMN_SEEN) and not xlsx_xml._unseen("12.8", xlsx_shown.ROW_SEEN)


def test_a_width_of_0_sends_a_sheet_to_the_streaming_parser() -> None:

    held = xlsx_shown._unseen_width_held
    assert held(b'<cols><col min="1" max="4" width="11.52"/></cols>') is False
    assert held(b'<cols><col min="8" max="8" width="0"/></cols>') is True
    assert held(b"<cols><col min='8' max='8' width = '&#48;'/></cols>") is True
    assert held(b'<c><is><t>width="0"</t></is></c>' * 1025) is False  # (a text is no column)
    assert held(b'<cols><col min="5" max="5" hidden="1"/></cols>') is True
    assert held(b'<cols><col min="5" max="5" width="0.05"/><col min="6" max="6" width="9"/></cols>') is True
    assert held(b'<sheetFormatPr defaultColWidth="0.05" defaultRowHeight="15"/>') is True
    assert held(b'<sheetFormatPr defaultColWidth="8.43" defaultRowHeight="15"/>') is False
    assert held(b'<cols><col min="2" max="2" style="1"/></cols>') is True
    assert held(b'<cols><col min="2" max="2" width="9.140625" style="1"/></cols>') is False


def test_a_hidden_sheet_of_a_drop_downs_values_leaves_the_shown_sheet_the_table(tmp_path: Path) -> None:
    # Review 62: LibreOffice and Excel keep a drop-down's values on a hidden sheet; the workbook
    # was refused for "data on more than one sheet", which the user sees one of. The one sheet
    # shown with data is the table: B-01 600.00, B-02 (status) 900.00.
    path = book(tmp_path / "v.xlsx")
    wb = openpyxl.load_workbook(path)
    lists = wb.create_sheet("lists")
    lists.append(["yes"])
    lists.append(["no"])
    lists.sheet_state = "hidden"
    wb.save(path)
    rows = settle_file(path).rows
    assert [r.settlement.payable for r in rows if r.settlement] == [Decimal("600.00"), Decimal("900.00")]


def test_references_named_in_every_way_a_sheet_writes_them() -> None:
    # Review 63. On the sheet "Sheet", H1 = TODAY() (marked). Followed: =Sheet!H1 (this sheet named),
    # =MAX(1:1) (a whole row), =h1 (lowercase), =RANDBETWEEN(1,2) (volatile though LibreOffice marks
    # it aca="false"); =Dates!$H$1 and =SUM(Dates!A1:H1) reach another sheet, taken as depending on
    # a sheet that holds a volatile formula (review 148 F5). Not followed: ="H1" (text),
    # =DATE(2021,12,3).
    import io

    cells = {
        "H1": '<f ca="1">TODAY()</f>',
        "A2": "<f>Sheet!H1</f>",
        "B2": "<f>MAX(1:1)</f>",
        "C2": "<f>h1</f>",
        "D2": '<f aca="false">RANDBETWEEN(1,2)</f>',
        "E2": "<f>Dates!$H$1</f>",
        "F2": "<f>SUM(Dates!A1:H1)</f>",
        "G2": '<f>IF("H1"="H1",1,0)</f>'.replace('"', "&quot;"),
        "I2": "<f>DATE(2021,12,3)</f>",
    }
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(
            f'<row r="{r}">'
            + "".join(f'<c r="{k}">{v}<v>1</v></c>' for k, v in cells.items() if k.endswith(str(r)))
            + "</row>"
            for r in (1, 2)
        )
        + "</sheetData></worksheet>"
    ).encode()

    class Sheet:
        title = "Sheet"

        def _get_source(self) -> io.BytesIO:
            return io.BytesIO(xml)

    # (row, column): H1 = (1, 8); A2..F2 = (2, 1)..(2, 6)
    volatile = xlsx_formulas._sheet_formulas(Sheet(), True).volatile
    assert volatile == {(1, 8), (2, 1), (2, 2), (2, 3), (2, 4), (2, 5), (2, 6)}


def test_a_hidden_sheet_of_table_rows_is_not_passed_over(tmp_path: Path) -> None:
    # Review 63: beside the shown sheet (B-01, B-02), a hidden sheet with the table's own header and
    # more rows was passed over for a drop-down's values: its rows silently unpaid. A hidden sheet
    # with rows of more than two cells may hold the table's rows: refused, naming the sheets.
    path = book(tmp_path / "v.xlsx")
    wb = openpyxl.load_workbook(path)
    more = wb.create_sheet("more")
    more.append(HEADER)
    more.append(["B-03", "2021-11", D(2021, 5, 1), None, "yes", D(2021, 12, 3), 900])
    more.sheet_state = "hidden"
    wb.save(path)
    with pytest.raises(vl.InvalidInput, match=r"sheet: got 'Sheet, more' \(str\); expected one sheet with data"):
        settle_file(path)


IGNORED_NOTE = (
    '<worksheet xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:x="urn:example:note" mc:Ignorable="x" '
)
"""A sheet's root that declares a namespace of notes a spreadsheet ignores (``mc:Ignorable``)."""


def noted_book(path: Path, old: str, new: str, widths: dict[int, float] | None = None) -> Path:
    """:func:`shared_strings_book` whose sheet declares :data:`IGNORED_NOTE`'s namespace, and has
    its first ``old`` written ``new``."""
    shared_strings_book(path, widths)
    rewrite(path, lambda xml: xml.replace("<worksheet ", IGNORED_NOTE, 1).replace(old, new, 1))
    return path


@pytest.mark.parametrize("plain", [True, False], ids=["plain path", "streaming parser"])
@pytest.mark.parametrize(
    "col",
    [
        """<col min="5" max="5" width="0.05" customWidth="1" x:note=' width="9"'/>""",
        """<col min="5" max="5" width="9" hidden="1" x:note=' hidden="0"'/>""",
        """<col min="5" max="5" width="0.05" customWidth="1" x:note=' min="9" max="9"'/>""",
    ],
    ids=["width", "hidden", "columns"],
)
def test_a_columns_width_written_inside_another_attributes_value_is_not_its_width(
    tmp_path: Path, col: str, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 138 F1: the <col> was read by a search of its text, which found `width="9"` (or
    # `hidden="0"`, or another min and max) inside the value of an attribute a spreadsheet ignores;
    # LibreOffice draws column E (disability) 0.05 wide or hidden, and B-02 was paid 900.00 on the
    # status nobody sees (600.00 without it). The <col>'s own attributes are read now: refused.
    streaming_unless(plain, monkeypatch)
    path = noted_book(tmp_path / "e.xlsx", "<sheetData>", f"<cols>{col}</cols><sheetData>")
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E'"):
        settle_file(path)
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E'"):
        vl.audit_invoice(path)


@pytest.mark.parametrize("plain", [True, False], ids=["plain path", "streaming parser"])
@pytest.mark.parametrize("note", ["""x:note='defaultColWidth="9"'""", """x:note=">" """], ids=["width", "tag end"])
def test_a_default_width_written_inside_another_attributes_value_is_not_the_default(
    tmp_path: Path, note: str, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 138 F2: <sheetFormatPr>'s default width was searched for in its text, past the values
    # of other attributes: one written inside a value was taken (9, drawn), or a ">" inside a value
    # ended the search before the real 0.05. Column E, widened by no <col>, is drawn 0.05 wide
    # (LibreOffice), and B-02 was paid 900.00 on its status. Refused now, as in the plain case.
    streaming_unless(plain, monkeypatch)
    narrow = f'<sheetFormatPr {note} defaultColWidth="0.05" '
    path = noted_book(tmp_path / "e.xlsx", "<sheetFormatPr ", narrow, {c: 14 for c in (0, 1, 2, 3, 5, 6)})
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E'"):
        settle_file(path)


@pytest.mark.parametrize("plain", [True, False], ids=["plain path", "streaming parser"])
def test_a_merged_range_written_inside_another_attributes_value_is_not_the_range(
    tmp_path: Path, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 138 F1 (the same search in <mergeCell>): `ref="H9:H9"` inside an ignored attribute's
    # value was taken for the range, and E2:E3's merge was missed: the sheet shows E2's "no" across
    # both rows, and B-02 was paid 900.00 for the "yes" E3 holds unseen. Its own ref is read: E3 is
    # covered, and B-02 is refused naming it, as with the plain <mergeCell ref="E2:E3"/>.
    streaming_unless(plain, monkeypatch)
    merge = """<mergeCells count="1"><mergeCell x:note='ref="H9:H9"' ref="E2:E3"/></mergeCells>"""
    path = noted_book(tmp_path / "m.xlsx", "</sheetData>", f"</sheetData>{merge}")
    rows = settle_file(path).rows
    assert rows[0].settlement is not None and rows[0].settlement.payable == Decimal("600.00")
    assert rows[1].settlement is None and "the cell E3, covered by the merged cells E2:E3" in str(rows[1].error)


@pytest.mark.parametrize(
    "spoof",
    [(' r="A1"', ' x:n=\' r="H9"\' r="A1"'), ('<f ca="1">', "<f x:n='>' ca=\"1\">")],
    ids=["the cell named inside a value", "a '>' inside a value before the mark"],
)
def test_a_volatile_formula_is_followed_whatever_another_attributes_value_holds(
    tmp_path: Path, spoof: tuple[str, str]
) -> None:
    # Review 138 (the same search in a formula's tags): A1 a formula the file marks volatile
    # (ca="1", as Excel marks one that calls TODAY() or refers to one that does), F4 (B-02's
    # submitted_on) = A1. F4 was read as A1's stored day (3 Dec 2021: in time, 600.00) when an
    # ignored attribute's value named another cell for A1 (`r="H9"`: A1 was placed there, so no
    # formula referred to it) or held a ">" before A1's mark (the look for a volatile formula
    # stopped there). F4 is refused now, as with the plain tags; B-01 (F3 = DATE(2021,12,3), no
    # volatile reference) is read: 30 x 20.00 = 600.00.
    path = calculated_book(
        tmp_path / "v.xlsx",
        {"A1": "=DATE(2021,12,3)+0", "F3": "=DATE(2021,12,3)", "F4": "=A1"},
        {"A1": 44533, "F3": 44533, "F4": 44533},
        {"A1": 'ca="1"'},
    )
    old, new = spoof
    rewrite(path, lambda xml: xml.replace("<worksheet ", IGNORED_NOTE, 1).replace(old, new, 1))
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and two.error.startswith(
        "submitted_on: got '=A1' (str); expected a value, not a formula"
    )


def test_a_column_given_no_width_is_refused_saying_which_spreadsheet_hides_it(tmp_path: Path) -> None:
    # Review 138 F5: a <col> without a width is drawn as nothing by Excel and the default width by
    # LibreOffice; the refusal said "it is hidden", false to a LibreOffice user. It names the case.
    path = noted_book(tmp_path / "e.xlsx", "<sheetData>", '<cols><col min="5" max="5" style="1"/></cols><sheetData>')
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E'") as refused:
        settle_file(path)
    assert "given no width, which Excel draws as nothing), so a spreadsheet may not show it" in str(refused.value)


VOLATILE_A1 = {"A1": "=DATE(2021,12,3)+0", "F3": "=DATE(2021,12,3)", "F4": "=A1"}
"""A1 a formula the file marks volatile (its mark is the only sign: it calls no volatile function),
F3 (B-01's submitted_on) a plain one, F4 (B-02's) = A1."""


def volatile_book(path: Path, old: str, new: str) -> Path:
    """:func:`calculated_book` of :data:`VOLATILE_A1` (A1 marked ca="1", each stored value 3 Dec
    2021), its sheet declaring :data:`IGNORED_NOTE`'s namespace and its first ``old`` written ``new``."""
    calculated_book(path, VOLATILE_A1, dict.fromkeys(VOLATILE_A1, 44533), {"A1": 'ca="1"'})
    rewrite(path, lambda xml: xml.replace("<worksheet ", IGNORED_NOTE, 1).replace(old, new, 1))
    return path


def b02_refused_as_volatile(path: Path) -> None:
    """B-01 read (F3: 30 x 20.00 = 600.00, in time), B-02 refused: its F4 = A1 shows the day the
    sheet is opened, not the stored 3 Dec 2021."""
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and two.error.startswith(
        "submitted_on: got '=A1' (str); expected a value, not a formula"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [('<c r="A1"', '<c r="A1" x:é="1"'), ('<f ca="1">', '<f x:é="1" ca="1">')],
    ids=["on the cell", "on the formula"],
)
def test_an_attribute_named_in_any_letters_is_an_attribute_of_a_formulas_tags(
    tmp_path: Path, old: str, new: str
) -> None:
    # Review 140 F1: XML names may hold any letter; the tags' attributes were read by ASCII names
    # alone, so a cell or formula with `x:é="1"` (an ignored namespace's) matched no tag: A1 was no
    # formula, and F4 = A1 was read as its stored day (600.00 paid; the sheet shows today's date:
    # late, not funded). Refused now, as without it.
    b02_refused_as_volatile(volatile_book(tmp_path / "v.xlsx", old, new))


@pytest.mark.parametrize("plain", [True, False], ids=["plain path", "streaming parser"])
def test_an_attribute_named_in_any_letters_is_no_refusal_of_a_width_or_a_merge(
    tmp_path: Path, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 140 F4: the same attribute on <sheetFormatPr> or <mergeCell> refused a workbook
    # (<sheetFormatPr> "expected a column the sheet shows"). Every column of the table widened, a
    # default of 8.43: read, B-01 600.00, B-02 900.00; a merge E2:E3 covers B-02's status: refused.
    streaming_unless(plain, monkeypatch)
    wide = noted_book(tmp_path / "w.xlsx", "<sheetFormatPr ", '<sheetFormatPr x:é="1" defaultColWidth="8.43" ')
    assert [r.settlement.payable for r in settle_file(wide).rows if r.settlement] == [
        Decimal("600.00"),
        Decimal("900.00"),
    ]
    merge = '</sheetData><mergeCells count="1"><mergeCell x:é="1" ref="E2:E3"/></mergeCells>'
    merged = noted_book(tmp_path / "m.xlsx", "</sheetData>", merge)
    assert "covered by the merged cells E2:E3" in str(settle_file(merged).rows[1].error)


@pytest.mark.parametrize("plain", [True, False], ids=["plain path", "streaming parser"])
def test_a_column_hidden_by_a_tag_of_a_prefix_in_any_letters_is_refused(
    tmp_path: Path, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 140 F1 (the tags' names): <ш:col> in the sheet's own namespace, under a prefix of
    # Cyrillic letters, is a <col> to every XML reader; column E hidden so was read and paid.
    streaming_unless(plain, monkeypatch)
    main = 'xmlns:ш="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    path = noted_book(
        tmp_path / "e.xlsx", "<sheetData>", '<cols><ш:col min="5" max="5" width="9" hidden="1"/></cols><sheetData>'
    )
    rewrite(path, lambda xml: xml.replace("<worksheet ", "<worksheet " + main, 1))
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E'"):
        settle_file(path)


@pytest.mark.parametrize(
    ("old", "new"),
    [('<f ca="1">', '<f ca\t="1">'), ('<f ca="1">', '<f\nca\n=\n"1">'), ('<f ca="1">', " " * 300 + '<f ca="1">')],
    ids=["a tab", "line ends", "a long tag"],
)
def test_a_volatile_formula_written_with_any_white_space_is_followed(tmp_path: Path, old: str, new: str) -> None:
    # Review 140 F3: a mark written "ca<TAB>=" or across lines was not looked for (the look opened
    # only blocks holding "ca=" or "ca "), and a cell whose tag and formula are more than 256 bytes
    # apart was not found: F4 = A1 read as A1's stored day (600.00). Refused now.
    b02_refused_as_volatile(volatile_book(tmp_path / "v.xlsx", old, new))


def test_a_sheet_not_in_utf_8_is_refused_saying_so(tmp_path: Path) -> None:
    # Review 140 F2: a worksheet saved in UTF-16 (which LibreOffice opens) hid nothing from the
    # look for hidden columns, merges and volatile formulas (all of it looks at UTF-8 bytes): its
    # hidden column E was read and B-02 paid 900.00. No spreadsheet writes a sheet so; refused,
    # naming the encoding, whatever the sheet holds.
    import zipfile

    path = shared_strings_book(tmp_path / "u.xlsx")
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace(
        "<sheetData>", '<cols><col min="5" max="5" hidden="1" width="9"/></cols><sheetData>'
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-16")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(vl.InvalidInput, match=r"expected a worksheet \(or shared-strings part\) written in UTF-8"):
        settle_file(path)
    with pytest.raises(vl.InvalidInput, match=r"expected a worksheet \(or shared-strings part\) written in UTF-8"):
        vl.audit_invoice(path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('<f ca="1">', '<!--<c r="H9">--><f ca="1">'),  # a comment naming another cell between them
        ('<f ca="1">', '<?note <c r="H9">?><f ca="1">'),  # a processing instruction, likewise
        ('<f ca="1">', '<f ca="tru&#101;">'),  # the mark written with a character reference
    ],
    ids=["a comment", "a processing instruction", "a character reference"],
)
def test_a_volatile_formula_is_read_as_xml_reads_it(tmp_path: Path, old: str, new: str) -> None:
    # Review 142 F1, F2: the formulas were found by patterns over the sheet's bytes: a comment or
    # a processing instruction between A1's tag and its formula paired the formula with H9, and a
    # mark written `tru&#101;` (true) was no mark; F4 = A1 was read as A1's stored day (600.00).
    # An XML reader reads the formulas now, as a spreadsheet does.
    b02_refused_as_volatile(volatile_book(tmp_path / "v.xlsx", old, new))


@pytest.mark.parametrize(
    "formula",
    ["<![CDATA[TODAY()]]>", "T&#79;DAY()", "TO<!---->DAY()", "today()"],
    ids=["CDATA", "reference", "comment", "lower case"],
)
def test_a_volatile_function_is_found_however_xml_writes_it(tmp_path: Path, formula: str) -> None:
    # Review 142 F2: A1 = TODAY() unmarked, written in a CDATA section, with a character reference
    # or a comment inside its name, or in lower case, was not seen (the look searched the bytes for
    # "TODAY" in capitals): F4 = A1 read as the stored day, 600.00. Refused now.
    path = calculated_book(tmp_path / "v.xlsx", VOLATILE_A1, dict.fromkeys(VOLATILE_A1, 44533), {})
    rewrite(path, lambda xml: xml.replace("<f>DATE(2021,12,3)+0</f>", f"<f>{formula}</f>", 1))
    b02_refused_as_volatile(path)


def test_a_volatile_mark_far_inside_a_long_tag_is_found_across_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 142 F3: a formula's tag longer than the blocks' overlap, across the border of two
    # blocks (2 KiB here), hid its mark: F4 = A1 read (600.00). Refused now.

    set_in_reader(monkeypatch, "_MERGE_SCAN", 2048)
    path = volatile_book(tmp_path / "v.xlsx", '<f ca="1">', "<f" + "\n" * 5000 + ' ca="1">')
    b02_refused_as_volatile(path)


def test_a_formula_of_another_namespace_is_no_cells_formula(tmp_path: Path) -> None:
    # Review 142 F4: a sparkline's or a drop-down's <xm:f> (Excel's, in its own namespace) was
    # counted as a cell's formula that was not found, and with one volatile formula on the sheet
    # (a report date, =TODAY() in A1) every formula cell was refused: B-01's F3 = DATE(2021,12,3)
    # too. Only F4 = A1 is: B-01 read, 30 x 20.00 = 600.00.
    xm = (
        '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup>'
        "<x14:sparklines><x14:sparkline><xm:f>Sheet1!G3:G4</xm:f><xm:sqref>H3</xm:sqref></x14:sparkline>"
        "</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst></worksheet>"
    )
    path = volatile_book(tmp_path / "v.xlsx", "</worksheet>", xm)
    b02_refused_as_volatile(path)


@pytest.mark.parametrize("plain", [True, False], ids=["plain path", "streaming parser"])
@pytest.mark.parametrize("flag", ["2", "01", "t", "on", " yes "])
def test_a_row_or_column_hidden_by_any_word_but_0_or_false_is_hidden(
    tmp_path: Path, flag: str, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 142 F5: LibreOffice hides a row or a column whose `hidden` is 2, 01, t or on (not XML
    # booleans, which say 1 or true); they were read as shown: B-02 paid 900.00 for a status in a
    # column nobody sees, or a row nobody sees paid. Anything but 0, false or nothing hides now.
    streaming_unless(plain, monkeypatch)
    column = noted_book(
        tmp_path / "c.xlsx", "<sheetData>", f'<cols><col min="5" max="5" width="9" hidden="{flag}"/></cols><sheetData>'
    )
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E'"):
        settle_file(column)
    row = noted_book(tmp_path / "r.xlsx", '<row r="3"', f'<row r="3" hidden="{flag}"')
    with pytest.raises(vl.InvalidInput, match=r"expected a row the sheet shows"):
        settle_file(row)


@pytest.mark.parametrize("plain", [True, False], ids=["plain path", "streaming parser"])
def test_a_width_read_as_a_spreadsheet_reads_it_from_its_first_figures(
    tmp_path: Path, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 142 F6: LibreOffice draws width="0.05x" as 0.05 (its figures before the first
    # character that is none), under a pixel; it was no number to voucherlib, and column E was
    # read: B-02 900.00. Refused now; a width LibreOffice reads as nothing (abc) is drawn its default.
    streaming_unless(plain, monkeypatch)
    narrow = noted_book(
        tmp_path / "n.xlsx", "<sheetData>", '<cols><col min="5" max="5" width="0.05x"/></cols><sheetData>'
    )
    with pytest.raises(vl.InvalidInput, match=r"file: got 'column E'"):
        settle_file(narrow)


def both_read(path: Path) -> None:
    """B-01 and B-02 each read: 30 x 20.00 = 600.00, submitted 3 Dec 2021, in time."""
    assert [r.settlement.payable if r.settlement else r.error for r in settle_file(path).rows] == [
        Decimal("600.00"),
        Decimal("600.00"),
    ]


PLAIN_DATES = {"F3": "=DATE(2021,12,3)", "F4": "=DATE(2021,12,3)"}
"""Both submission dates a formula that is not volatile."""


def test_a_sheet_of_many_formulas_none_volatile_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Review 144 F1: the sheet's formulas are read whenever it holds one, and past 200,000 of them
    # (2 here) every formula was refused as one that may be volatile, where none is. Read now: the
    # cap bounds only the following of references, which a sheet without a volatile formula needs not.

    set_in_reader(monkeypatch, "_MAX_FORMULAS", 1)
    both_read(calculated_book(tmp_path / "p.xlsx", PLAIN_DATES, dict.fromkeys(PLAIN_DATES, 44533), {}))


def test_a_formula_cell_written_without_its_reference_is_read_when_none_is_volatile(tmp_path: Path) -> None:
    # Review 144 F2: F3's <c> without r (the row's parser places it after E3, as LibreOffice does)
    # made every formula of the sheet refused. With no volatile formula on the sheet, read.
    path = calculated_book(tmp_path / "p.xlsx", PLAIN_DATES, dict.fromkeys(PLAIN_DATES, 44533), {})
    rewrite(path, lambda xml: xml.replace('<c r="F3"', "<c", 1))
    both_read(path)


def test_each_cell_of_a_volatile_array_formula_is_refused(tmp_path: Path) -> None:
    # Review 144 F3: one array formula over F3:F4 that calls TODAY() (as Excel and LibreOffice save
    # it: the first cell holds the formula, F4 its stored value alone): F4 was read as the stored 3 Dec
    # 2021 (600.00) where the sheet shows today's date. Both rows refused now.
    path = calculated_book(tmp_path / "a.xlsx", {"F3": "=DATE(2021,12,3)"}, {"F3": 44533}, {})
    array = '<f t="array" ref="F3:F4">IF(ROW(F3:F4)&gt;0,TODAY())</f>'
    rewrite(
        path,
        lambda xml: re.sub(
            r'<c r="F4"[^>]*>.*?</c>', '<c r="F4" s="1"><v>44533</v></c>', xml.replace("<f>DATE(2021,12,3)</f>", array)
        ),
    )
    rows = settle_file(path).rows
    assert [r.settlement for r in rows] == [None, None]
    assert all("calculates again each time it opens the sheet" in str(r.error) for r in rows)


@pytest.mark.parametrize("si", ["00", " 0", "+0", "-0", "0.0", "abc", ""])
def test_a_shared_formulas_id_is_read_as_a_number(tmp_path: Path, si: str) -> None:
    # Review 144 F4: F3 = TODAY() (marked) shared to F4, whose <f> names the shared formula "00"
    # (or " 0", "+0"): the number 0 to LibreOffice, which shows today in F4; the id was compared as
    # text and F4 read as the stored day (600.00). Review 146 F5: LibreOffice reads an id by its
    # first figures and any other text ("-0", "abc", nothing) as 0 too. Both refused now.
    path = calculated_book(
        tmp_path / "s.xlsx", {"F3": "=TODAY()", "F4": "=TODAY()"}, {"F3": 44533, "F4": 44533}, {"F3": 'ca="1"'}
    )
    rewrite(
        path,
        lambda xml: re.sub(
            r"<f>TODAY\(\)</f>",
            f'<f t="shared" si="{si}"/>',
            xml.replace('<f ca="1">TODAY()</f>', '<f ca="1" t="shared" ref="F3:F4" si="0">TODAY()</f>'),
        ),
    )
    assert [r.settlement for r in settle_file(path).rows] == [None, None]


@pytest.mark.parametrize(
    ("f3_si", "f4_si"),
    [("-1", "0"), ("0", "0"), ("7", "4294967296"), ("7", "2147483648"), ("7", "-2147483649")],
    ids=["a negative id", "an id started twice", "2**32", "2**31", "-(2**31)-1"],
)
def test_a_shared_formulas_cells_get_the_first_formula_of_its_id(tmp_path: Path, f3_si: str, f4_si: str) -> None:
    # A1 = $C$3+0 is shared (id 0) to F4, which LibreOffice reads as $C$3+0, where C3 (B-01's
    # enrolment) = TODAY(); F3 = DATE(2021,12,3) is a shared formula too. F4 read as the stored
    # 3 Dec 2021 paid B-02 30 days x 20.00 = 600.00 where LibreOffice shows today (not funded):
    # - review 147 F3: F3's id -1, which LibreOffice shares with nothing, was read as 0 and F3's text
    #   taken for F4's;
    # - review 148 F2: F3 starting the id 0 again, the last formula of an id was taken, where
    #   LibreOffice gives every cell of an id its first formula;
    # - review 148 F1: F4's id past a 32-bit integer, which LibreOffice reads as 0, was its own id.
    # Both rows refused now (B-01 by C3 itself).
    path = calculated_book(
        tmp_path / "n.xlsx",
        {"A1": "=$C$3+0", "C3": "=TODAY()", "F3": "=DATE(2021,12,3)", "F4": "=$C$3+0"},
        {"A1": 44320, "C3": 44320, "F3": 44533, "F4": 44533},
        {"C3": 'ca="1"'},
    )

    def share(xml: str) -> str:
        first = xml.index("<f>$C$3+0</f>")
        xml = xml[:first] + '<f t="shared" ref="A1" si="0">$C$3+0</f>' + xml[first + len("<f>$C$3+0</f>") :]
        xml = xml.replace("<f>$C$3+0</f>", f'<f t="shared" si="{f4_si}"/>')
        return xml.replace("<f>DATE(2021,12,3)</f>", f'<f t="shared" ref="F3" si="{f3_si}">DATE(2021,12,3)</f>')

    rewrite(path, share)
    rows = settle_file(path).rows
    assert [r.settlement for r in rows] == [None, None]
    assert all("calculates again each time it opens the sheet" in str(r.error) for r in rows)


@pytest.mark.parametrize("si", ["7", "2147483647"])
def test_a_shared_formulas_cell_whose_formula_no_cell_starts_is_refused(tmp_path: Path, si: str) -> None:
    # Review 148 F4: F4 = <f t="shared" si="7"/> storing 3 Dec 2021, and no cell of the sheet starts
    # the id 7: LibreOffice shows F4 empty (B-02 has no submission day), voucherlib read the stored
    # day and paid 30 days x 20.00 = 600.00. Refused now, as the formula it is; B-01 read: 600.00.
    path = calculated_book(tmp_path / "o.xlsx", {"F4": "=DATE(2021,12,3)"}, {"F4": 44533}, {})
    rewrite(path, lambda xml: xml.replace("<f>DATE(2021,12,3)</f>", f'<f t="shared" si="{si}"/>'))
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and str(two.error).startswith("submitted_on: got '=' (str); expected a value")


@pytest.mark.parametrize(
    ("f4", "name"),
    [
        ("=Settings!A1", None),
        ("=Stamp", ("Stamp", "=Settings!$A$1")),
        ("=Stamp+0", ("Stamp", "=TODAY()")),
        ("=Step_0", [(f"Step_{k}", f"=Step_{k + 1}+0") for k in range(300)] + [("Step_300", "=Settings!$A$1")]),
    ],
    ids=["another sheet", "a name of another sheet's cell", "a name of TODAY()", "300 names, each of the next"],
)
def test_a_volatile_formula_reached_through_another_sheet_or_a_name_is_refused(
    tmp_path: Path, f4: str, name: tuple[str, str] | list[tuple[str, str]] | None
) -> None:
    # Review 148 F5: Settings!A1 = TODAY(); Sheet1!F4 = Settings!A1 (or a name of it, or a name
    # of TODAY() itself): LibreOffice shows today, voucherlib read the stored 3 Dec 2021 and paid
    # B-02 30 days x 20.00 = 600.00 (a reference to another sheet or a name was not followed).
    # Refused now; B-01 read: 600.00.
    path = calculated_book(tmp_path / "s.xlsx", {"F4": f4}, {"F4": 44533}, {}, {"Settings": {"A1": "=TODAY()"}}, name)
    one, two = settle_file(path, sheet="Sheet1").rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and "calculates again each time it opens the sheet" in str(two.error)


def test_another_sheets_date_is_read_where_no_formula_of_the_workbook_is_volatile(tmp_path: Path) -> None:
    # No refusal where nothing is volatile: Settings!A1 = DATE(2021,12,3), F4 = Settings!A1 shows
    # 3 Dec 2021 wherever it is opened: both rows in time, 30 days x 20.00 = 600.00 each.
    path = calculated_book(
        tmp_path / "s.xlsx",
        {"F4": "=Settings!A1"},
        {"F4": 44533},
        {},
        {"Settings": {"A1": "=DATE(2021,12,3)"}},
        ("Stamp", "=Settings!$A$1"),
    )
    assert [r.settlement.payable for r in settle_file(path, sheet="Sheet1").rows if r.settlement] == [
        Decimal("600.00"),
        Decimal("600.00"),
    ]


@pytest.mark.parametrize(
    "f4",
    [
        "='Q\"'!A1*0+TODAY()+'\"Q'!A1*0",
        '=LEN(CELL("filename"))*0+DATE(2021,12,4)',
        '=LEN(INFO("numfile"))*0+DATE(2021,12,4)',
        '=HYPERLINK("https://example.org",DATE(2021,12,4))',
        "=_xlfn.RANDARRAY()*0+DATE(2021,12,4)",
        '=a\'"&TODAY()&"',
    ],
    ids=["TODAY between quoted sheets' names", "CELL", "INFO", "HYPERLINK", "RANDARRAY", "after a quote not closed"],
)
def test_a_formula_the_spreadsheet_calculates_when_it_opens_is_refused_in_any_form(tmp_path: Path, f4: str) -> None:
    # Review 151 F1: the " of the quoted sheet's name 'Q"' was read as a text's start, and the
    # TODAY() after it hidden as a text; F3: CELL, INFO and HYPERLINK, which LibreOffice calculates
    # again when it opens the sheet (and RANDARRAY, Excel's), were not looked for. F4 (B-02's
    # submitted_on) stores 3 Dec 2021 and LibreOffice shows today or 4 Dec: it was read as stored
    # and B-02 paid 30 days x 20.00 = 600.00. Review 156 F1: after a ' that does not close,
    # "&TODAY()&" was stripped as a text (LibreOffice shows an error). Refused now; B-01: 600.00.
    path = calculated_book(tmp_path / "v.xlsx", {"F4": f4}, {"F4": 44533}, {})
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and "calculates again each time it opens the sheet" in str(two.error)


@pytest.mark.parametrize(
    ("f4", "name", "volatile"),
    [
        ("=ZZZ1", ("ZZZ1", "=Sheet1!$J$1"), True),
        ("=ß1", ("ß1", "=Sheet1!$J$1"), True),
        ("=A1.5", ("A1.5", "=Sheet1!$J$1"), True),
        ("=Stamp", ("Stamp", '=LEN(INFO("numfile"))*0+DATE(2021,12,4)'), False),
    ],
    ids=["a name past column XFD", "a name of a letter upper case changes", "a name with a dot", "a name of INFO"],
)
def test_a_name_shaped_like_a_cell_or_of_a_volatile_call_is_refused(
    tmp_path: Path, f4: str, name: tuple[str, str], volatile: bool
) -> None:
    # Review 151 F2: ZZZ1 (past column XFD), ß1 (upper case makes it SS1) and A1.5 are names, each of
    # J1 = TODAY(), and were read as cells of the sheet, nothing volatile; F3: a name of INFO(),
    # which no writer marks. F4 (B-02's submitted_on) stores 3 Dec 2021 and LibreOffice shows today
    # (or 4 Dec): read as stored, B-02 paid 30 days x 20.00 = 600.00. Refused now; B-01: 600.00.
    formulas = {"J1": "=TODAY()", "F4": f4} if volatile else {"F4": f4}
    path = calculated_book(
        tmp_path / "n.xlsx", formulas, dict.fromkeys(formulas, 44533), {"J1": 'ca="1"'} if volatile else {}, None, name
    )
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and "calculates again each time it opens the sheet" in str(two.error)


@pytest.mark.parametrize(
    ("f4", "name"),
    [
        ("=Sheet2!ABC", ("Sheet2!ABC", "=TODAY()")),
        ("=MYDATE(0)", ("MYDATE", "=_xlfn.LAMBDA(_xlpm.x,TODAY()+_xlpm.x)")),
    ],
    ids=["a sheet's name of three letters", "a name called as a function"],
)
def test_a_name_of_a_volatile_call_read_in_any_form_is_refused(tmp_path: Path, f4: str, name: tuple[str, str]) -> None:
    # Review 153 F3: Sheet2!ABC, a name of Sheet2's of three letters, was read as Sheet2's column ABC
    # (Sheet2 holds no formula); F8: a name holding a LAMBDA of TODAY(), called as a function, was
    # not followed. F4 (B-02's submitted_on) stores 3 Dec 2021 and the spreadsheet shows today:
    # read as stored, B-02 paid 30 days x 20.00 = 600.00. Refused now; B-01 read: 600.00.
    path = calculated_book(tmp_path / "a.xlsx", {"F4": f4}, {"F4": 44533}, {}, {"Sheet2": {"A1": 1}}, name)
    one, two = settle_file(path, sheet="Sheet1").rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and "calculates again each time it opens the sheet" in str(two.error)


@pytest.mark.parametrize(
    "other", ["SHEET1", "Straße", "\u212ax", "ıx"], ids=["in ASCII case", "ß", "Kelvin's K", "a dotless i"]
)
def test_a_workbook_whose_sheets_are_named_alike_but_in_case_is_refused(tmp_path: Path, other: str) -> None:
    # Review 153 F1, F2: two sheets whose names fold alike ("Kx" and "\u212ax", "Strasse" and
    # "Straße"; review 154 F3: "IX" and "ıx", alike to LibreOffice, which compares in upper case)
    # were one to the look for volatile formulas: a reference to the one holding TODAY()
    # was read as the other's, or as this sheet's own empty cell (600.00 paid where LibreOffice,
    # which tells them apart, shows today). No spreadsheet names two sheets so: refused.
    from tests.test_xlsx_bombs import rewrite as rewrite_parts

    first = {"SHEET1": "Sheet1", "Straße": "STRASSE", "\u212ax": "Kx", "ıx": "IX"}[other]
    sheets: dict[str, dict[str, object]] = {"Other": {"A1": "=TODAY()"}} | ({} if first == "Sheet1" else {first: {}})
    path = calculated_book(tmp_path / "k.xlsx", {}, {}, {}, sheets)

    def rename(parts: dict[str, bytes]) -> None:  # (xlsxwriter itself refuses such a name)
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'name="Other"', f'name="{other}"'.encode())

    rewrite_parts(path, rename)
    with pytest.raises(vl.InvalidInput) as refused:
        settle_file(path, sheet="Sheet1")
    assert "a workbook whose sheets' names differ otherwise than in case" in str(refused.value)


@pytest.mark.parametrize(
    ("f4", "name"),
    [('=SUM(T[a"b])*0+Cover!A1+SUM(T[c"d])*0', None), ("=_xlpm.stamp", ("_xlpm.stamp", "=Cover!$A$1"))],
    ids=["a quote in a table's column", "a name spelled as a LET's parameter"],
)
def test_a_volatile_cell_reached_behind_a_tables_quote_or_an_xlpm_name_is_refused(
    tmp_path: Path, f4: str, name: tuple[str, str] | None
) -> None:
    # Review 154 F1: the " of a table's column T[a"b] was read as a text's start, hiding Cover!A1
    # (= TODAY()) up to the next "; F2: a defined name spelled _xlpm.stamp, of Cover!A1, was passed
    # over as a LET's parameter. F4 (B-02's submitted_on) stores 3 Dec 2021 and LibreOffice shows
    # today: read as stored, B-02 paid 30 days x 20.00 = 600.00. Refused now; B-01: 600.00.
    table = ("A1:B2", {"name": "T", "columns": [{"header": 'a"b'}, {"header": 'c"d'}]})
    sheets: dict[str, dict[str, object]] = {"Cover": {"A1": "=TODAY()"}, "Rates": {"A2": 1, "B2": 2}}
    path = calculated_book(tmp_path / "q.xlsx", {"F4": f4}, {"F4": 44533}, {}, sheets, name, {"Rates": table})
    one, two = settle_file(path, sheet="Sheet1").rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and "calculates again each time it opens the sheet" in str(two.error)


@pytest.mark.parametrize(
    ("f4", "change"),
    [("=MAX(Claims)", "a defined name of it"), ("=A1", "named A1"), ("=MAX(Claims)", "two of one name")],
    ids=["a defined name of the table's name", "a table named like a cell", "two tables of one name"],
)
def test_a_table_name_another_thing_has_is_not_read_as_the_tables_range(tmp_path: Path, f4: str, change: str) -> None:
    # Review 155 F1-F3: a table of this sheet was read as its range, where LibreOffice reads the
    # defined name of the same name (Claims = Cover!$A$1, TODAY()), the cell A1 (= TODAY()) before
    # a table named A1, or the first of two tables of one name (the one holding TODAY()): F4 (B-02's
    # submitted_on) read as the stored 3 Dec 2021, 30 days x 20.00 = 600.00 paid where LibreOffice
    # shows today. Such a name is followed as a name now: refused; B-01 read, 600.00.
    from tests.test_xlsx_bombs import rewrite as rewrite_parts

    tables = {"Sheet1": ("I10:I11", {"name": "Claims", "columns": [{"header": "x"}]})}
    name = ("Claims", "=Cover!$A$1") if change == "a defined name of it" else None
    formulas = {"F4": f4, "A1": "=TODAY()"} if change == "named A1" else {"F4": f4}
    sheets: dict[str, dict[str, object]] = {"Cover": {"A1": "=TODAY()"}}
    if change == "two of one name":  # (a first table Claims on Cover over its TODAY(), written as Other)
        tables["Cover"] = ("A1:A2", {"name": "Other", "columns": [{"header": "d"}]})
        sheets = {"Cover": {"A2": "=TODAY()"}}
    marks = {"A1": 'ca="1"'} if change == "named A1" else {}
    path = calculated_book(tmp_path / "t.xlsx", formulas, dict.fromkeys(formulas, 44533), marks, sheets, name, tables)

    def rename(parts: dict[str, bytes]) -> None:
        for part in [p for p in parts if p.startswith("xl/tables/")]:
            if change == "named A1":
                parts[part] = parts[part].replace(b'"Claims"', b'"A1"')
            elif change == "two of one name":
                parts[part] = parts[part].replace(b'"Other"', b'"Claims"')

    rewrite_parts(path, rename)
    rows = settle_file(path, sheet="Sheet1").rows
    assert rows[0].settlement is not None and rows[0].settlement.payable == Decimal("600.00")
    assert rows[1].settlement is None and "calculates again each time it opens the sheet" in str(rows[1].error)


def test_a_table_of_the_claims_is_read_beside_a_printed_on_today_outside_it(tmp_path: Path) -> None:
    # Review 154 F4: the claims are an Excel table (Claims, A2:G4) whose claimed column is
    # =IF(Claims[[#This Row],[disability]]="no",600,750), and I1 prints TODAY() outside the table:
    # every line was refused, the table's name standing for its whole sheet. A table of this sheet is
    # its range now: nothing in it is volatile. November 2021, 30 days x 20.00 = 600.00 computed and
    # claimed on each line, in time (3 Dec): both match.
    claimed = '=IF(Claims[[#This Row],[disability]]="no",600,750)'
    columns = [{"header": h} for h in HEADER]
    path = calculated_book(
        tmp_path / "c.xlsx",
        {"I1": "=TODAY()", "G3": claimed, "G4": claimed},
        {"I1": 44533, "G3": 600, "G4": 600},
        {"I1": 'ca="1"'},
        tables={"Sheet1": ("A2:G4", {"name": "Claims", "columns": columns})},
    )
    report = vl.audit_invoice(path, sheet="Sheet1")
    assert [(ln.computed, ln.claimed, ln.verdict) for ln in report.lines] == [
        (Decimal("600.00"), Decimal("600.00"), "matches")
    ] * 2


def test_a_name_written_twice_is_volatile_if_one_of_its_texts_is(tmp_path: Path) -> None:
    # Review 151 F6: Stamp written twice, first =TODAY() (what LibreOffice uses), then
    # =DATE(2021,12,3) (what openpyxl keeps): F4 = Stamp read as stored, B-02 paid 30 days x 20.00 =
    # 600.00 where LibreOffice shows today. Every <definedName> is read now: refused; B-01: 600.00.
    from tests.test_xlsx_bombs import rewrite as rewrite_parts

    path = calculated_book(tmp_path / "t.xlsx", {"F4": "=Stamp"}, {"F4": 44533}, {}, None, ("Stamp", "=TODAY()"))

    def twice(parts: dict[str, bytes]) -> None:
        xml = parts["xl/workbook.xml"].decode()
        first = re.search(r"<definedName [^>]*>TODAY\(\)</definedName>", xml)
        assert first is not None
        parts["xl/workbook.xml"] = (
            xml[: first.end()] + first[0].replace("TODAY()", "DATE(2021,12,3)") + xml[first.end() :]
        ).encode()

    rewrite_parts(path, twice)
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and "calculates again each time it opens the sheet" in str(two.error)


@pytest.mark.parametrize(
    ("target", "refusal"),
    [
        ("worksheets/Sheet2.xml", "a workbook each of whose 2 listed sheets can be opened (1 could"),
        ("worksheets/sheet1.xml", "a workbook whose sheets each have a part of their own (xl/worksheets/sheet1.xml"),
    ],
    ids=["a link in another case", "two sheets of one part"],
)
def test_a_sheet_openpyxl_would_pass_over_or_read_twice_refuses_the_workbook(
    tmp_path: Path, target: str, refusal: str
) -> None:
    # Review 151 F5: the Settings sheet's link said worksheets/Sheet2.xml for the part
    # xl/worksheets/sheet2.xml: openpyxl passed the sheet over without a word, LibreOffice opens it
    # and shows its A1 = TODAY() through F4 = Settings!A1, where 600.00 was paid on the stored day.
    # F7: sheets naming one part (here Settings naming Sheet1's) were each parsed again by openpyxl
    # (ten of one 30 MB part: 153 s). No spreadsheet writes either: refused.
    from tests.test_xlsx_bombs import rewrite as rewrite_parts

    path = calculated_book(
        tmp_path / "l.xlsx", {"F4": "=Settings!A1"}, {"F4": 44533}, {}, {"Settings": {"A1": "=TODAY()"}}
    )

    def relink(parts: dict[str, bytes]) -> None:
        rels = parts["xl/_rels/workbook.xml.rels"]
        assert b'Target="worksheets/sheet2.xml"' in rels
        parts["xl/_rels/workbook.xml.rels"] = rels.replace(
            b'Target="worksheets/sheet2.xml"', f'Target="{target}"'.encode()
        )

    rewrite_parts(path, relink)
    with pytest.raises(vl.InvalidInput) as refused:
        settle_file(path, sheet="Sheet1")
    assert refused.value.field == "file" and refusal in str(refused.value)


@pytest.mark.parametrize(
    ("claimed", "name"),
    [
        ("=VLOOKUP(E3,Rates!$A$1:$B$2,2,FALSE)*30", None),
        ("=Rate*30", ("Rate", "=Rates!$B$2")),
        ("=VLOOKUP(E3,RateTable,2,FALSE)*30", None),
        ("=INDEX(RateTable[Rate],MATCH(E3,RateTable[Disability],0))*30", None),
        ('=_xlfn.LET(_xlpm.r,IF(E3="no",20,30),_xlpm.r*30)', None),
        ('=IFERROR(IF(E3="no",20,#N/A),30)*30', None),
    ],
    ids=[
        "a VLOOKUP into a sheet of rates",
        "a name of a rate",
        "a VLOOKUP into a table",
        "a table's columns",
        "LET",
        "an error value",
    ],
)
def test_a_formula_into_a_sheet_of_constants_is_read_beside_a_volatile_one_elsewhere(
    tmp_path: Path, claimed: str, name: tuple[str, str] | None
) -> None:
    # Review 151 F8: the claims are a rate looked up in a Rates sheet of constants x 30 days, and a
    # cover sheet prints TODAY(): every line was refused, as reaching a volatile formula; the Rates
    # sheet reaches none. Review 153 F5, F6: through an Excel table (its name, its columns), a LET's
    # _xlpm. parameter or an error value (#N/A), likewise. Read now: November 2021, 30 days x 20.00
    # = 600.00 computed and claimed on each line, in time (3 Dec): both match.
    rates = {"A1": "Disability", "B1": "Rate", "A2": "no", "B2": 20, "A3": "yes", "B3": 30}
    table = ("A1:B3", {"name": "RateTable", "columns": [{"header": "Disability"}, {"header": "Rate"}]})
    path = calculated_book(
        tmp_path / "r.xlsx",
        {"G3": claimed, "G4": claimed.replace("E3", "E4")},
        {"G3": 600, "G4": 600},
        {},
        {"Cover": {"A1": "=TODAY()"}, "Rates": rates},
        name,
        {"Rates": table},
    )
    report = vl.audit_invoice(path, sheet="Sheet1")
    assert [(ln.computed, ln.claimed, ln.verdict) for ln in report.lines] == [
        (Decimal("600.00"), Decimal("600.00"), "matches")
    ] * 2


def test_a_reference_through_sheets_that_may_hold_this_one_is_followed(tmp_path: Path) -> None:
    # Review 144 F5: F4 = SUM(Sheet1:Sheet2!A1), a reference through the sheets from Sheet1 to
    # Sheet2, this sheet among them, where A1 = TODAY(): not followed, F4 read as the stored day
    # (600.00; LibreOffice shows today). Such a reference is followed as this sheet's now.
    path = calculated_book(
        tmp_path / "d.xlsx",
        {"A1": "=TODAY()", "F4": "=SUM(Sheet1:Sheet2!A1)"},
        {"A1": 44533, "F4": 44533},
        {"A1": 'ca="1"'},
    )
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and "calculates again each time it opens the sheet" in str(two.error)


def test_a_sheet_with_a_document_type_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Review 144 F7: an entity of a document type declaration wrote a hidden column (or a formula)
    # that the look for them could not see, and an XML reader without defusedxml expands it: column
    # E read and B-02 paid 900.00, where LibreOffice shows nothing of such a sheet. No spreadsheet
    # writes one: refused.
    path = shared_strings_book(tmp_path / "e.xlsx")
    doctype = """<!DOCTYPE worksheet [<!ENTITY cols "<cols><col min='5' max='5' width='9' hidden='1'/></cols>">]>"""
    rewrite(
        path,
        lambda xml: xml.replace("<worksheet ", doctype + "<worksheet ", 1).replace(
            "<sheetData>", "&cols;<sheetData>", 1
        ),
    )
    # (openpyxl refuses it itself where defusedxml is installed, as the docs' extra installs it;
    # without it, voucherlib's look at the part's prolog does)
    with pytest.raises(
        vl.InvalidInput,
        match=r"expected a (worksheet \(or shared-strings part\) without a document type|readable XLSX workbook)",
    ):
        settle_file(path)
    import io
    import zipfile

    part = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    with pytest.raises(
        vl.InvalidInput,
        match=r"file: got 'Sheet1' \(str\); expected a worksheet \(or shared-strings part\) without a document type",
    ):
        xlsx_xml._plain_prolog(io.BytesIO(part).read, "Sheet1")
    # a prolog of a declaration, comments and white space, longer than a block, is no document type
    plain = b'<?xml version="1.0"?>\n<!-- a comment -->' + b" " * 3000 + b"<!--" + b"x" * 3000 + b"--><worksheet/>"
    set_in_reader(monkeypatch, "_MERGE_SCAN", 1024)
    read = xlsx_xml._plain_prolog(io.BytesIO(plain).read, "Sheet1")
    assert b"".join(iter(lambda: read(1024), b"")) == plain


@pytest.mark.parametrize(
    "prolog",
    [b" " * (5 << 20), b"<!--" + b"x" * (5 << 20) + b"-->", b" " * ((4 << 20) + 1000)],
    ids=["spaces", "a comment", "a first element in the last block read"],
)
def test_a_sheet_whose_first_element_comes_too_late_is_refused_saying_so(prolog: bytes) -> None:
    # Review 147 F5: 5 MiB of white space or comment before the root was refused as a worksheet
    # "without a document type declaration", which it is; what is wrong is how late its first
    # element comes (past 4 MiB, 4 x 1,048,576 = 4,194,304 bytes). Review 148 F6: a first element
    # in the block read past 4 MiB (at 4 MiB + 1,021 bytes) was read, beside a message that says 4 MiB.
    import io

    part = b'<?xml version="1.0"?>' + prolog + b"<worksheet/>"
    with pytest.raises(vl.InvalidInput) as refused:
        xlsx_xml._plain_prolog(io.BytesIO(part).read, "Sheet1")
    assert "first element comes within its first 4,194,304 bytes" in str(refused.value)
    assert "document type" not in str(refused.value)
    assert "4 194 304 ბაიტში" in refused.value.message("ka")  # (Georgian groups by spaces)


@pytest.mark.parametrize("cut", [1, 2, 3, 9])
def test_a_document_type_or_a_comment_cut_at_a_blocks_end_is_read_as_it_is(
    cut: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 146 F1, F2: a "<" (or "<!", "<!-") as the last bytes of the first block ended the look
    # at the prolog: a <!DOCTYPE so cut was let through (its entity wrote a hidden column, paid
    # 900.00 where defusedxml is not installed), and a comment so cut refused a sheet as not UTF-8.
    import io

    set_in_reader(monkeypatch, "_MERGE_SCAN", 64)
    head = b'<?xml version="1.0"?>' + b" " * (64 - 21 - cut)  # (the first block ends `cut` bytes into the next)
    doctype = head + b'<!DOCTYPE worksheet [<!ENTITY a "b">]><worksheet/>'
    with pytest.raises(vl.InvalidInput, match="without a document type"):
        xlsx_xml._plain_prolog(io.BytesIO(doctype).read, "Sheet1")
    comment = head + b"<!-- a comment --><worksheet/>"
    read = xlsx_xml._plain_prolog(io.BytesIO(comment).read, "Sheet1")
    assert b"".join(iter(lambda: read(64), b"")) == comment


def test_a_utf8_marks_bytes_are_not_counted_in_the_prolog() -> None:
    # Review 151 F9: the 3 bytes of UTF-8's mark were counted in the 4 MiB before a part's first
    # element: a first element at 4 MiB (4,194,304 bytes) after the mark was refused, where the same
    # part without the mark is read. Both read now.
    import functools
    import io

    prolog = b'<?xml version="1.0"?>' + b" " * ((4 << 20) - 21)  # (4,194,304 bytes before the element)
    for part in (prolog + b"<worksheet/>", b"\xef\xbb\xbf" + prolog + b"<worksheet/>"):
        read = xlsx_xml._plain_prolog(io.BytesIO(part).read, "Sheet1")
        assert b"".join(iter(functools.partial(read, 1 << 20), b"")) == part


@pytest.mark.parametrize("block", [1, 2])
def test_a_utf8_mark_cut_at_a_blocks_end_is_read_as_it_is(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Review 147 F4: a block that held one or two of the three bytes of UTF-8's byte order mark was
    # refused as a sheet not in UTF-8 (only with blocks that small; the part is read whole now).
    import io

    set_in_reader(monkeypatch, "_MERGE_SCAN", block)
    part = b'\xef\xbb\xbf<?xml version="1.0"?><worksheet/>'
    read = xlsx_xml._plain_prolog(io.BytesIO(part).read, "Sheet1")
    assert b"".join(iter(lambda: read(block), b"")) == part


@pytest.mark.parametrize(
    ("formula", "volatile"),
    [
        ("=SUM(Sheet1:'Other sheet'!A1:A1)", "A1"),
        ("=SUM('Sheet1:Other sheet'!A1)", "A1"),
        ("=sheet1!A1", "A1"),
        ("=SUM(A1:'Other'!B2)", "A1"),
        ("=SUM($A$1:Other!B2)", "A1"),
        ("=MIN($A$1:Other!C1)", "B1"),
        ("=MIN(A$1:Other!C1)", "B1"),
        ("=MIN(Other!A1:Sheet1!C1)", "B1"),
        ("=MIN(Sheet1!A1:Sheet1!C1)", "B1"),
        ("=MIN(A1:A1:C1)", "B1"),
    ],
)
def test_a_reference_that_may_name_this_sheet_is_followed(tmp_path: Path, formula: str, volatile: str) -> None:
    # F4 (B-02's submitted_on) refers to A1 (or B1) = TODAY(), read as the stored day (30 days x
    # 20.00 = 600.00 paid; LibreOffice shows today): review 146 F4, F6, through sheets written with
    # a quoted name, or naming this sheet in another case; review 147 F2, in A1:'Other'!B2 the whole
    # A1:'Other' was read as a sheet's name; review 148 F3, a range LibreOffice reads as one that
    # holds B1 (through sheets, or A1:C1 chained), followed as its corners alone, or not at all. A
    # formula that reaches outside plain references is taken as depending on a sheet that holds a
    # volatile formula now: B-02 refused, B-01 (F3 = DATE(2021,12,3)) read, 600.00.
    path = calculated_book(
        tmp_path / "d.xlsx",
        {volatile: "=TODAY()", "F4": formula},
        {volatile: 44533, "F4": 44533},
        {volatile: 'ca="1"'},
    )
    one, two = settle_file(path).rows
    assert one.settlement is not None and one.settlement.payable == Decimal("600.00")
    assert two.settlement is None and "calculates again each time it opens the sheet" in str(two.error)
