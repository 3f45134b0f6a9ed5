"""The plain fast path of the XLSX reader gives exactly what the streaming parser gives.

The streaming parser (openpyxl's sheet parser over voucherlib's bounded element stream) is the
reference: each workbook below is read twice, once as it comes (a plain sheet and shared-strings
table read whole, :func:`voucherlib.input.xlsx_file._plain_sheet`) and once with the
fast path turned off, and the rows, the errors and the audits must be the same. Workbooks are
written by xlsxwriter (shared strings, as Excel writes; or inline strings in its
``constant_memory`` mode) and by openpyxl, with text, numbers, dates (numbers with a date
format), booleans, formulas with and without a stored value, errors and empty cells, and are
then rewritten in forms that are not plain (a namespace prefix, a comment, a character
reference), which the fast path must hand to the streaming parser.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
import voucherlib.input.xlsx_file as xlsx_file
import voucherlib.reports.audit as audit_module
from tests.test_reader_fuzz import INVOICE_COLUMNS, settings_
from voucherlib.reports.audit import _ALIASES, REQUIRED

text = st.one_of(
    st.sampled_from(["", " ", "2021-10", "2021-10-05", "yes", "no", "620.00", "B-1", "a & b <c>", "x005F_y", "#N/A"]),
    st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=12),
)
value = st.one_of(
    text,
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.decimals(min_value=0, max_value=2000, places=2).map(float),
    st.booleans(),
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2023, 12, 31)),
    st.sampled_from([("formula", "=1+1", 2), ("formula", "=600+20", None), ("error", "#N/A", None)]),
)
table = st.lists(st.lists(value, min_size=1, max_size=10), min_size=0, max_size=8)


def write_xlsxwriter(path: Path, rows: list[list[Any]], *, inline: bool, start: tuple[int, int]) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": inline})
    sheet = book.add_worksheet()
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    r0, c0 = start
    for c, name in enumerate(INVOICE_COLUMNS):
        sheet.write_string(r0, c0 + c, name)
    for r, row in enumerate(rows, start=r0 + 1):
        for c, v in enumerate(row, start=c0):
            if v is None:
                continue
            if isinstance(v, tuple) and v[0] == "formula":
                sheet.write_formula(r, c, v[1], None, v[2] if v[2] is not None else "")
            elif isinstance(v, tuple):
                sheet.write_formula(r, c, "=NA()", None, v[1])
            elif isinstance(v, bool):
                sheet.write_boolean(r, c, v)
            elif isinstance(v, (int, float)):
                sheet.write_number(r, c, v)
            elif isinstance(v, dt.date):
                sheet.write_datetime(r, c, v if isinstance(v, dt.datetime) else dt.datetime.combine(v, dt.time()), date)
            else:
                sheet.write_string(r, c, v)
    book.close()


def write_openpyxl(path: Path, rows: list[list[Any]], *, start: tuple[int, int]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    r0, c0 = start
    for c, name in enumerate(INVOICE_COLUMNS, start=c0 + 1):
        sheet.cell(r0 + 1, c, name)
    for r, row in enumerate(rows, start=r0 + 2):
        for c, v in enumerate(row, start=c0 + 1):
            if isinstance(v, tuple):
                v = v[1]  # a formula (no stored value: openpyxl writes none) or an error's text
            if v is not None:
                sheet.cell(r, c, v)
    book.save(path)


def rewrite(path: Path, change) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    for name in parts:
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = change(parts[name].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


@contextlib.contextmanager
def streamed(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """A context in which the fast path is off: every part is read by the streaming parser."""

    def not_plain(*args: Any, **kwargs: Any) -> Any:
        raise xlsx_file._NotPlain

    with monkeypatch.context() as m:
        m.setattr(xlsx_file, "_plain_sheet", not_plain)
        m.setattr(xlsx_file, "_plain_shared_strings", not_plain)
        yield m


def rows_of(path: Path) -> Any:
    try:
        return list(xlsx_file.xlsx_rows(path, REQUIRED, aliases=_ALIASES, refuse_unknown=True))
    except vl.VoucherError as exc:
        return ("refused", str(exc))


def audit_of(path: Path) -> Any:
    try:
        report = vl.audit_invoice(path)
    except vl.VoucherError as exc:
        return ("refused", str(exc))
    # each line is found again by the row label the report shows (the sheet's row, blank rows kept)
    by_label = [report.line(ln.row) == ln for ln in report.lines]
    return report.lines, list(report.findings), report.summary_line(), report.to_csv(), by_label


def both(path: Path, monkeypatch: pytest.MonkeyPatch, read) -> tuple[Any, Any]:
    fast = read(path)
    with streamed(monkeypatch):
        reference = read(path)
    return fast, reference


@settings_
@given(
    rows=table,
    writer=st.sampled_from(["xlsxwriter", "inline", "openpyxl"]),
    start=st.tuples(st.integers(0, 2), st.integers(0, 2)),
)
def test_the_plain_path_reads_what_the_streaming_parser_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[list[Any]], writer: str, start: tuple[int, int]
) -> None:
    path = tmp_path / "i.xlsx"
    if writer == "openpyxl":
        write_openpyxl(path, rows, start=start)
    else:
        write_xlsxwriter(path, rows, inline=writer == "inline", start=start)
    fast, reference = both(path, monkeypatch, rows_of)
    assert fast == reference


@settings_
@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(["B-1", "B-2", "", " ", "B-3"]),
            st.sampled_from(["2021-10", "2021-11", "2021-13", ""]),
            st.sampled_from(["2021-01-01", "2021-10-20", "", "2021-02-30"]),
            st.sampled_from(["", "2021-10-25"]),
            st.sampled_from(["yes", "no", "maybe", "", "2021-10-03..2021-10-09"]),
            st.sampled_from(["620.00", "600", "0.00", "12.345", "-5", ""]),
            st.sampled_from(["2021-11-05", "2021-12-20", ""]),
        ),
        max_size=12,
    ),
    blank_rows=st.sets(st.integers(0, 12), max_size=3),
)
def test_a_plain_text_sheet_is_audited_as_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[tuple[str, ...]], blank_rows: set[int]
) -> None:
    # The batch engine's audit of a plain sheet of text cells against the line-by-line audit of
    # the streaming parser's rows (blank rows in between: the rows keep their sheet numbers).
    lines = [tuple(v if v != "" else None for v in line) for line in lines]
    fast, reference = batch_and_line_by_line(tmp_path, monkeypatch, lines, blank_rows)
    assert fast == reference


def batch_and_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[tuple[Any, ...]], blank_rows: set[int]
) -> tuple[Any, Any]:
    """The audit of a sheet of ``lines`` (a name added when a line has none, blank rows before
    those in ``blank_rows``) by the fast path, and line by line from the streaming parser's rows."""
    rows: list[list[Any]] = []
    for k, line in enumerate(lines):
        if k in blank_rows:
            rows.append([])
        rows.append(list(line) if len(line) == len(INVOICE_COLUMNS) else [line[0], "Name", *line[1:]])
    path = tmp_path / "i.xlsx"
    write_xlsxwriter(path, rows, inline=False, start=(0, 0))
    fast = audit_of(path)
    with streamed(monkeypatch) as m:
        m.setattr(audit_module, "_audit_plain_csv", lambda *args: None)
        reference = audit_of(path)
    return fast, reference


D = dt.date


@settings_
@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(["B-1", "B-2", "", " ", 1234, 12.5, None]),
            st.sampled_from(["Name", 12, 12.5, True, None, D(2021, 1, 1)]),
            st.sampled_from(["2021-10", "2021-11", D(2021, 10, 1), 202110, None]),
            st.sampled_from([D(2021, 1, 1), D(2021, 10, 20), "2021-10-20", None, 45000, dt.datetime(2021, 10, 5, 12)]),
            st.sampled_from([None, D(2021, 10, 25), "2021-10-25", True]),
            st.sampled_from(["yes", "no", True, False, 1, 0, 1.0, 2, "2021-10-03..2021-10-09", None, D(2021, 10, 3)]),
            st.sampled_from([620, 620.0, 600.5, 12.345, -5, 1, 1.0, True, "620.00", 0, None, D(2021, 10, 3), 1e300]),
            st.sampled_from([D(2021, 11, 5), D(2021, 12, 20), "2021-11-05", None, 44505, False]),
        ),
        max_size=12,
    ),
    blank_rows=st.sets(st.integers(0, 12), max_size=3),
)
def test_a_sheet_of_numbers_dates_and_booleans_is_audited_as_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[tuple[Any, ...]], blank_rows: set[int]
) -> None:
    # As Excel writes a sheet: amounts as number cells, dates as numbers with a date format,
    # booleans, empty cells, next to text; 1, 1.0 and True in one column (equal in Python, not
    # the same cell). The batch engine's audit against the line-by-line audit of the streaming
    # parser's rows: the same lines, findings, summary, CSV and row labels.
    fast, reference = batch_and_line_by_line(tmp_path, monkeypatch, lines, blank_rows)
    assert fast == reference


def test_the_benchmark_form_takes_the_plain_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A sheet as Excel writes it (shared strings, an amount as a number, dates as date cells) is
    # read by the fast path and audited by the batch engine, not handed on.
    path = tmp_path / "i.xlsx"
    write_xlsxwriter(
        path, [["B-1", "N", "2021-10", D(2021, 1, 1), None, "no", 620, D(2021, 11, 5)]], inline=False, start=(0, 0)
    )
    budget = xlsx_file._Budget(path)
    book = xlsx_file._load(path, budget)
    assert xlsx_file._plain_cells(book, None, path, budget) is not None
    report = vl.audit_invoice(path)
    assert report._table is not None  # the batch engine's report (31 days x 20.00 = 620.00: matches)
    assert not report._table.slow_rows.any()  # settled by the engine, not one at a time
    assert [ln.verdict for ln in report.lines] == ["matches"]


@pytest.mark.parametrize(
    "change",
    [
        lambda xml: (
            xml.replace("<c ", "<x:c ")
            .replace("</c>", "</x:c>")
            .replace("<worksheet ", '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ')
        ),
        lambda xml: xml.replace("<sheetData>", "<sheetData><!-- a comment -->"),
        lambda xml: re.sub(r"<v>([0-9])", r"<v>&#x3\1;", xml, count=3),
        lambda xml: xml.replace('r="A2"', 'r="A2" r="A2"'),
        lambda xml: xml.replace("<v>", "<v> ", 1).replace("</row>", "</row>\n"),
        lambda xml: xml.replace("<c r=", '<c cm="1" r=', 2),
        lambda xml: xml.replace("</sheetData>", '</sheetData><sheetData><row r="9"/></sheetData>'),
        lambda xml: xml.replace("<row ", '<row r="1" ', 1),
        lambda xml: xml.replace("</row>", "", 1),
        lambda xml: xml.replace("<row ", '<row zz:a="1" ', 1),  # a prefix never declared: refused
        lambda xml: xml.replace("<sheetViews>", '<sheetViews xmlns:zz="urn:z">').replace("<row ", '<row zz:a="1" ', 1),
        lambda xml: xml.replace(' spans="', ' x14ac:dyDescent="0.25" spans="').replace(
            "<worksheet ", '<worksheet xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
        ),  # as Excel writes its rows: plain
        lambda xml: xml.replace("<c r=", "<c  r=", 1),
        lambda xml: xml.replace('t="s"', "t='s'", 1),
        lambda xml: xml.replace('r="B2"', 'r="A2"', 1),  # column A twice in a row: the later cell wins
        lambda xml: xml.replace('r="B3"', 'r="K3"', 1),  # a cell right of the header's columns
        lambda xml: xml.replace("<v>620</v>", "<v>1e999</v>", 1),
    ],
)
def test_a_sheet_not_in_the_plain_form_reads_as_the_streaming_parser_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change
) -> None:
    path = tmp_path / "i.xlsx"
    write_xlsxwriter(
        path, [["B-1", "N", "2021-10", "2021-01-01", None, "no", 620, "2021-11-05"]] * 3, inline=False, start=(0, 0)
    )
    rewrite(path, change)
    fast, reference = both(path, monkeypatch, rows_of)
    assert fast == reference
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference


def test_rows_as_excel_writes_them_take_the_plain_path(tmp_path: Path) -> None:
    # Excel's rows carry attributes of another namespace, declared on the sheet's root.
    path = tmp_path / "i.xlsx"
    write_xlsxwriter(
        path, [["B-1", "N", "2021-10", "2021-01-01", None, "no", 620, "2021-11-05"]], inline=False, start=(0, 0)
    )
    rewrite(
        path,
        lambda xml: xml.replace(' spans="', ' x14ac:dyDescent="0.25" spans="').replace(
            "<worksheet ", '<worksheet xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
        ),
    )
    budget = xlsx_file._Budget(path)
    book = xlsx_file._load(path, budget)
    cells = xlsx_file._plain_cells(book, None, path, budget)
    assert cells is not None and cells.numbers == [1, 2]
    assert cells.value.tolist()[-2:] == [620, "2021-11-05"]  # a number cell read as openpyxl reads it: an int


def test_an_error_cell_is_refused_naming_its_value_on_the_plain_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cell that holds an error (as LibreOffice writes #N/A without its formula) reads as its text,
    # which no amount takes: the line is invalid, its reason names the cell's column and value.
    path = tmp_path / "i.xlsx"
    write_xlsxwriter(
        path, [["B-1", "N", "2021-10", "2021-01-01", None, "no", 620, "2021-11-05"]], inline=False, start=(0, 0)
    )
    rewrite(path, lambda xml: xml.replace('<c r="G2"><v>620</v></c>', '<c r="G2" t="e"><v>#N/A</v></c>'))
    budget = xlsx_file._Budget(path)
    cells = xlsx_file._plain_cells(xlsx_file._load(path, budget), None, path, budget)
    assert cells is not None and "#N/A" in cells.value.tolist()
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    (line,) = fast[0]
    assert line.verdict == "invalid" and "claimed" in line.reason and "#N/A" in line.reason


def test_a_claim_stored_as_minus_zero_is_its_own_cell_on_the_plain_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Claims stored as <v>0.0</v> and <v>-0.0</v> (another writer's, or a hand-edited file): equal
    # floats in Python, but the line-by-line audit shows 0.00 and -0.00, and so must the plain path.
    made = tmp_path / "z.xlsx"
    wb = xlsxwriter.Workbook(str(made))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "claimed"])
    for r, ident in ((1, "B1"), (2, "B2")):
        ws.write_row(r, 0, [ident, "2021-11", None, None, "no"])
        ws.write_number(r, 5, 0)
    wb.close()
    path = tmp_path / "neg0.xlsx"
    with zipfile.ZipFile(made) as zin, zipfile.ZipFile(path, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="F2"><v>0</v>', b'<c r="F2"><v>0.0</v>')
                data = data.replace(b'<c r="F3"><v>0</v>', b'<c r="F3"><v>-0.0</v>')
            zout.writestr(name, data)
    fast = vl.audit_invoice(path, submitted_on="2021-12-06")
    assert fast._table is not None  # the plain path
    monkeypatch.setattr(audit_module, "_audit_plain_csv", lambda *args, **kwargs: None)
    reference = vl.audit_invoice(path, submitted_on="2021-12-06")
    assert [str(ln.claimed) for ln in fast.lines] == [str(ln.claimed) for ln in reference.lines] == ["0.00", "-0.00"]
    assert fast.to_csv() == reference.to_csv()
