"""The workbook writer (issue 15, target 4): a table written a column at a time is the file that
writing each cell on its own gives, and reads back as the table model says.

Each cell of the model is read back with openpyxl as the renderer's rules say (module
:mod:`voucherlib.output.render`): a number of a numeric column as a number, a row number in a
column of labels as a number, a date as a date, yes/no as a boolean, anything else as text made
safe (control characters shown escaped, formula-like text after a ``'``); an empty cell empty.
Every cell of a highlighted row (an empty one too) has the row's fill; every cell of a numeric
or date column its number format; the header is frozen and filtered.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import libreoffice_convert, needs_libreoffice
from voucherlib.output.render import _escaped, _workbook, cell_text, to_xlsx
from voucherlib.output.table import HIGHLIGHTS, KINDS, Column, Document, Table
from voucherlib.reports.audit import audit_invoice

NUMBER_FORMATS = {"money": "#,##0.00", "int": "#,##0", "date": "yyyy-mm-dd", "percent": '0.####"%"'}


def expected_value(value: Any, kind: str, lang: str = "en") -> Any:
    """What a worksheet cell holds for a cell of the model (openpyxl's reading of it)."""
    if value is None:
        return None
    if kind in ("int", "money", "percent") and isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        # a worksheet number keeps 15 significant digits: a longer number is its exact shown text
        digits = len(str(abs(value))) if type(value) is int else len(value.as_tuple().digits)
        return float(value) if digits <= 15 else cell_text(value, kind, lang)
    if kind == "text" and type(value) is int and value.bit_length() < 50:
        return value
    if kind == "date" and isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if kind == "bool" and isinstance(value, bool):
        return value
    return _escaped(str(value))[:32767]  # the escapes are pinned in test_output.py


FORMULA_FIRST = "=+-@\t\r"
"""A text starting with one of these is a formula to a spreadsheet: its cell is quote-prefixed."""


def excel_text(text: str) -> str:
    """A text as Excel shows it: a control character is stored as ``_x000D_`` (ECMA-376's escape,
    which openpyxl leaves as it is)."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def members(data: bytes) -> dict[str, bytes]:
    """The parts of a workbook, but its creation time (docProps/core.xml)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist() if name != "docProps/core.xml"}


def check_sheet(sheet: Any, table: Table, lang: str = "en") -> None:
    """The sheet holds the table: header, every cell's value and format, fills, frozen filtered header."""
    assert [c.value for c in sheet[1]][: len(table.columns)] == [c.header_en for c in table.columns]
    if table.columns:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        # printed: A4 landscape, fitted to the page's width (any number of pages tall), the header
        # on every page (review 204 F5: 47 pages for 10 audit lines, the columns split across pages)
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and int(sheet.page_setup.fitToHeight) == 0
        assert int(sheet.page_setup.fitToWidth or 1) == 1 and sheet.print_title_rows == "$1:$1"
    styles = list(table.highlight) or [None] * len(table.rows)
    # wrapped: an explanation's column, and a text column with a text wider than a column is made
    # (60 characters; review 204 F5: a finding's description and provision cut at the column's edge)
    wraps = [
        c.below
        or (c.kind == "text" and any(isinstance(v, str) and len(v) > 60 for v in (w.get(c.key) for w in table.rows)))
        for c in table.columns
    ]
    for r, (row, style) in enumerate(zip(table.rows, styles, strict=True), start=2):
        for col, c in enumerate(table.columns, start=1):
            cell = sheet.cell(r, col)
            want = expected_value(row.get(c.key), c.kind, lang)
            got = cell.value
            if isinstance(want, str):
                assert cell.data_type == "s", (r, col, want, got)
                assert excel_text(got or "") == want, (r, col)  # an empty text is an empty cell
                # review 95: a formula-like text is kept as given, in a quote-prefixed cell
                assert cell.quotePrefix == (want != "" and want[0] in FORMULA_FIRST), (r, col, want)
            else:
                assert got == want, (r, col, want, got)
                assert type(got) is type(want) or isinstance(want, float), (r, col, want, got)
            if c.kind in NUMBER_FORMATS:
                assert cell.number_format == NUMBER_FORMATS[c.kind]
            fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
            assert (fill[-6:].lower() if fill else None) == (HIGHLIGHTS[style][1:] if style else None), (r, col)
            assert bool(cell.alignment.wrap_text) == wraps[col - 1], (r, col)


# ---------------------------------------------------------------- random tables

texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["=1+1", "+5", "-x", "@a", "\tx", "\rx", "a\x01b", "\ufffe", "\ud800", "ბ-5", "", " "]),
)
decimals = st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
values = st.one_of(
    st.none(),
    texts,
    decimals,
    decimals.map(lambda d: d.quantize(Decimal("0.01"))),
    st.integers(-(2**60), 2**60),
    st.integers(0, 10**6),
    st.booleans(),
    st.dates(dt.date(1900, 3, 1)),
)
"""Any cell in any column (a column of one type is written at once; the others cell by cell)."""


def column_values(kind: str) -> st.SearchStrategy[Any]:
    """Cells of one column: mostly of the column's own type, with some empty cells, or any value."""
    own = {
        "text": texts,
        "int": st.integers(-(10**9), 10**9),
        "money": decimals.map(lambda d: d.quantize(Decimal("0.01"))),
        "percent": decimals,
        "date": st.dates(dt.date(1900, 3, 1)),  # a worksheet's dates start in 1900
        "bool": st.booleans(),
    }[kind]
    return st.sampled_from(["own", "own or empty", "any"]).flatmap(
        lambda how: own if how == "own" else st.one_of(st.none(), own) if how == "own or empty" else values
    )


@st.composite
def tables(draw: st.DrawFn) -> Table:
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=5))
    columns = tuple(Column(f"c{i}", f"h{i}", kind=k, below=draw(st.booleans())) for i, k in enumerate(kinds))  # type: ignore[arg-type]
    n = draw(st.integers(0, 8))
    cells = {c.key: draw(st.lists(column_values(c.kind), min_size=n, max_size=n)) for c in columns}
    rows: list[Mapping[str, Any]] = [
        {c.key: cells[c.key][i] for c in columns if cells[c.key][i] is not None or draw(st.booleans())}
        for i in range(n)
    ]
    highlight: Sequence[str | None] = draw(
        st.one_of(st.just(()), st.lists(st.sampled_from([None, *HIGHLIGHTS]), min_size=n, max_size=n))
    )
    totals = draw(st.one_of(st.none(), st.fixed_dictionaries({}, optional={c.key: values for c in columns})))
    return Table(
        "t", "T", columns, rows, totals=totals, highlight=highlight, notes=tuple(draw(st.lists(texts, max_size=2)))
    )


@settings(max_examples=40)
@given(table=tables(), more=st.lists(tables(), max_size=1))
def test_a_table_written_by_columns_is_the_file_written_cell_by_cell_and_reads_back_as_the_model(
    table: Table, more: list[Table]
) -> None:
    doc = Document("d", (table, *more))
    data = to_xlsx(doc)
    assert members(data) == members(_workbook(doc, None, cell_by_cell=True))
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet, t in zip(book.worksheets, doc.tables, strict=True):
        check_sheet(sheet, t)


# ---------------------------------------------------------------- random reports

ids = st.sampled_from(["B-1", "B-2", "=B3", "+995 5", "B\x014", "ბ-5", "7"])
cells = st.one_of(
    st.sampled_from(["", "x", "2021-13-45"]), st.dates(dt.date(2021, 8, 1), dt.date(2022, 1, 31)).map(str)
)
invoice_lines = st.fixed_dictionaries(
    {
        "beneficiary_id": ids,
        "name": st.sampled_from(["Nino", "", "=cmd|' /C calc'!A0", "-2", "a\x1bb"]),
        "month": st.sampled_from(["2021-10", "2021-11", "2021-12", "2021-1"]),
        "enrolled_on": cells,
        "discharged_on": cells,
        "disability": st.sampled_from(["yes", "no", "maybe", "2021-11-03..2021-11-20"]),
        "claimed": st.sampled_from(["600.00", "620", "750.00", "0", "12.345", "abc", "-5", "1000000.00"]),
        "submitted_on": st.one_of(cells, st.just("2021-12-06")),
        "provider": st.sampled_from(["P-1", "@P", ""]),
    }
)


@settings(max_examples=20)
@given(lines=st.lists(invoice_lines, min_size=1, max_size=12), lang=st.sampled_from(["en", "ka"]))
def test_the_audit_workbook_reads_back_as_its_document(
    tmp_path_factory: pytest.TempPathFactory, lines: list[dict[str, str]], lang: str
) -> None:
    report = audit_invoice(pd.DataFrame(lines))
    path = tmp_path_factory.mktemp("x") / "r.xlsx"
    report.to_xlsx(path, lang=lang)
    doc = report.document(lang, charts=False)
    assert members(path.read_bytes()) == members(_workbook(doc, lang, cell_by_cell=True))
    book = openpyxl.load_workbook(path)
    assert len(book.worksheets) == 3
    for sheet, table in zip(book.worksheets, doc.tables, strict=True):
        assert sheet.title == table.sheet_name(lang)
        check_sheet(sheet, _in(table, lang), lang)


def _in(table: Table, lang: str) -> Table:
    """The table with its headers in ``lang`` (as the sheet shows them)."""
    columns = tuple(Column(c.key, c.header(lang), kind=c.kind, below=c.below) for c in table.columns)
    return Table(table.name, table.title, columns, table.rows, highlight=table.highlight)


def test_the_lines_sheet_of_a_report_with_every_kind_of_cell(tmp_path: Path) -> None:
    # A line with a formula-like id and name, a control character and empty money cells (its
    # claim not read): the row is highlighted across, empty cells included; the money cells have
    # the GEL format; the explanation wraps.
    frame = pd.DataFrame(
        [
            ["B-1", "Nino", "2021-11", "", "", "no", "600.00", "2021-12-06"],  # 30 x 20 = 600.00: matches
            ["=B2", "@x\x01", "2021-11", "", "", "no", "abc", "2021-12-06"],  # claim not a number: not checked
        ],
        columns=["beneficiary_id", "name", "month", "enrolled_on", "discharged_on", "disability", "claimed",
                 "submitted_on"],
    )  # fmt: skip
    report = audit_invoice(frame)
    report.to_xlsx(tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Lines"]
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}3"
    assert [sheet.cell(r, 1).value for r in (2, 3)] == [0, 1]  # the frame's row labels, as numbers
    beneficiary, name = sheet.cell(3, header.index("beneficiary") + 1), sheet.cell(3, header.index("name") + 1)
    assert beneficiary.value == "=B2" and beneficiary.data_type == "s" and beneficiary.quotePrefix  # text, kept text
    assert name.value == "@x\\x01" and name.quotePrefix  # escaped, then kept text
    assert not sheet.cell(2, header.index("beneficiary") + 1).quotePrefix  # "B-1"
    claimed, computed = header.index("claimed") + 1, header.index("computed") + 1
    assert sheet.cell(2, claimed).value == 600 and sheet.cell(2, claimed).number_format == "#,##0.00"
    assert sheet.cell(2, computed).value == 600  # 30 days x 20.00 GEL
    assert sheet.cell(3, computed).value is None and sheet.cell(3, computed).number_format == "#,##0.00"
    fills = {sheet.cell(3, col).fill.fgColor.rgb[-6:] for col in range(1, len(header) + 1)}
    assert fills == {"F3D0D0"}  # the line not checked: the error highlight across its row, empty cells too
    assert sheet.cell(2, 1).fill.fill_type is None  # the line that matches: not highlighted
    explanation = sheet.cell(2, header.index("explanation") + 1)
    assert explanation.alignment.wrap_text and "600.00" in explanation.value


def test_a_total_with_more_digits_than_a_worksheet_number_keeps_is_written_as_its_exact_text(tmp_path: Path) -> None:
    # 111 claims of 999,999,999,999.99 GEL, each computed 600.00 GEL (a whole November, no status):
    # claimed total 111 x 999,999,999,999.99 = 110,999,999,999,998.89 (17 digits, more than the 15 a
    # binary double keeps: as a number it would read back 110999999999998.9); difference
    # 110,999,999,999,998.89 - 111 x 600.00 = 110,999,999,933,398.89.
    path = tmp_path / "big.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        + "".join(f"B{i},2021-11,,,no,999999999999.99,2021-12-01\n" for i in range(111)),
        encoding="utf-8",
    )
    report = audit_invoice(path)
    assert report.totals()["claimed"] == Decimal("110999999999998.89")
    report.to_xlsx(tmp_path / "big.xlsx")
    cells = [
        v for ws in openpyxl.load_workbook(tmp_path / "big.xlsx").worksheets for row in ws.iter_rows(values_only=True)
        for v in row if isinstance(v, (int, float, str))
    ]  # fmt: skip
    assert "110,999,999,999,998.89" in cells and "110,999,999,933,398.89" in cells
    assert not [v for v in cells if isinstance(v, float) and v > 1e14]  # no rounded total as a number
    assert 999999999999.99 in cells  # a line's claim (14 digits) stays a number


def test_numbers_past_fifteen_digits_are_exact_text_in_both_writers() -> None:
    # 10**15 has 16 digits (a double would still hold it, but a worksheet shows and writes 15);
    # 999,999,999,999,999 has 15 and stays a number.
    columns = (Column("n", "N", kind="int"),)
    table = Table("t", "T", columns, ({"n": 10**15}, {"n": 10**15 - 1}))
    doc = Document("d", (table,))
    data = to_xlsx(doc)
    assert members(data) == members(_workbook(doc, None, cell_by_cell=True))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert [sheet.cell(2, 1).value, sheet.cell(3, 1).value] == ["1,000,000,000,000,000", 999999999999999]


def test_the_totals_row_fits_its_columns(tmp_path: Path) -> None:
    """Review 28: the column widths were measured on the rows alone, so a total wider than
    every row (200 vouchers of 620.00: 124,000.00 in bold) showed as ### in LibreOffice. Each
    column is as wide as its total shown in bold (about a sixth wider than in plain digits)."""
    from openpyxl.utils import get_column_letter

    from voucherlib.cli import main

    source = tmp_path / "v.csv"
    rows = [f"Y-{i:03d},2021-10,2021-03-15,,no,2021-11-04" for i in range(200)]  # 31 x 20 = 620.00 each
    source.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n" + "\n".join(rows) + "\n"
    )
    out = tmp_path / "v.xlsx"
    assert main(["settle", str(source), "-q", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out).active
    last = next(r for r in range(ws.max_row, 0, -1) if ws.cell(r, 1).value == "total")  # (the summary below it)
    totals = {c.column: c.value for c in ws[last] if isinstance(c.value, (int, float))}
    assert 124000 in totals.values()  # 200 x 620.00
    for column, value in totals.items():
        shown = f"{value:,.2f}" if isinstance(value, float) or value == 124000 else f"{value:,}"
        assert ws.column_dimensions[get_column_letter(column)].width >= len(shown) * 7 / 6, (column, shown)


def test_the_totals_label_runs_on_and_leaves_its_column_as_wide_as_its_rows(tmp_path: Path) -> None:
    # review 29: "total of the checked lines" widened the audit's row column from about 9 to 34
    from openpyxl.utils import get_column_letter

    from voucherlib.cli import example_path, main

    out = tmp_path / "a.xlsx"
    assert main(["audit", str(example_path("invoice.csv")), "-q", "--exit-zero", "-o", str(out)]) == 0
    lines = openpyxl.load_workbook(out)["Lines"]
    assert lines.column_dimensions[get_column_letter(1)].width < 15


@needs_libreoffice
def test_libreoffice_draws_an_audit_line_as_tall_as_its_explanation(tmp_path: Path) -> None:
    # The Lines sheet's rows were of the default height, which LibreOffice keeps (it does not fit
    # a wrapped cell's row when it opens a file, Excel does): an explanation showed its first line
    # alone. Re-saved by LibreOffice, the example's line 2 (B-01), explained in more than four
    # lines, is at least 4 x 15 pt high, as the file gives it.
    from voucherlib.cli import example_path, main

    out = tmp_path / "a.xlsx"
    assert main(["audit", str(example_path("invoice.csv")), "-q", "--exit-zero", "-o", str(out)]) == 0
    saved = libreoffice_convert(out, "xlsx", tmp_path / "lo")
    lines = openpyxl.load_workbook(saved)["Lines"]
    assert lines.cell(2, 2).value == "B-01" and lines.cell(1, lines.max_column).value == "explanation"
    assert lines.cell(2, lines.max_column).value.count("\n") >= 4
    assert lines.row_dimensions[2].height >= 4 * 15


@needs_libreoffice
def test_libreoffice_reads_a_formula_like_text_of_a_report_as_that_text(tmp_path: Path) -> None:
    # Review 95: the "'" written before "=1+1" was shown in the cell, and "=1+1" and "'=1+1" were
    # the same text in the workbook. Now each is kept as given, the first in a quote-prefixed cell:
    # LibreOffice shows both as written (no formula computed: "=1+1" would show 2) and saves them so.
    frame = pd.DataFrame(
        [
            ["=1+1", "'=1+1", "2021-11", "", "", "no", "600.00", "2021-12-06"],  # 30 x 20 = 600.00: matches
            ["B-2", "-5", "2021-11", "", "", "no", "600.00", "2021-12-06"],
        ],
        columns=["beneficiary_id", "name", "month", "enrolled_on", "discharged_on", "disability", "claimed",
                 "submitted_on"],
    )  # fmt: skip
    book = tmp_path / "report.xlsx"
    audit_invoice(frame).to_xlsx(book)
    saved = libreoffice_convert(
        book,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3",
        tmp_path / "out",
        sheet="Lines",
    )
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))  # the Lines sheet (its third)
    header = rows[0]
    cells = [(row[header.index("beneficiary")], row[header.index("name")]) for row in rows[1:3]]
    assert cells == [("=1+1", "'=1+1"), ("B-2", "-5")]


def test_the_explanations_sheet_has_the_header_every_sheet_has(tmp_path: Path) -> None:
    # Review 229 M5: its header was bold text alone, where every other sheet's is white on blue
    from voucherlib.cli import main

    out = tmp_path / "settled.xlsx"
    assert main(["settle", "--example", "--explain", "-q", "-o", str(out), "--exit-zero"]) == 0
    book = openpyxl.load_workbook(out)
    first, explained = book.worksheets[0], book.worksheets[-1]
    assert explained.title == "explanations"
    for cell in (explained.cell(1, 1), explained.cell(1, 2)):
        assert cell.fill.fgColor.rgb == first.cell(1, 1).fill.fgColor.rgb and cell.font.bold
        assert cell.font.color.rgb == first.cell(1, 1).font.color.rgb
