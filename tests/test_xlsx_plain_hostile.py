"""Sheets crafted against the plain fast path of the XLSX reader (review 6): each is read as the
streaming parser reads it, and never crashes the process, never drops or hides a row, never
refuses what the streaming parser reads.

The workbook is an invoice of three claims for October 2021 (31 days), written by xlsxwriter and
then edited by hand. Worked by hand from the daily rates (20.00 GEL a day, 30.00 GEL a day with a
disability):

* B-1 claims 620.00: 31 x 20.00 = 620.00, matches;
* B-2 claims 600.00: 31 x 20.00 = 620.00, under-claimed by 20.00 (payable 620.00);
* B-3 (disability) claims 620.00: 31 x 30.00 = 930.00, under-claimed by 310.00 (payable 930.00);

payable 620.00 + 620.00 + 930.00 = 2,170.00 GEL; claimed 620 + 600 + 620 = 1,840.00 GEL.
"""

from __future__ import annotations

import concurrent.futures.thread
import datetime as dt
import re
import threading
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

import voucherlib as vl
import voucherlib.input.xlsx_file as xlsx_file
from tests.test_reader_fuzz import INVOICE_COLUMNS
from tests.test_xlsx_plain import audit_of, both, rows_of
from tests.xlsx_reader import set_in_reader
from voucherlib.input import xlsx_plain, xlsx_xml

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
D = dt.datetime
CLAIMS = [
    ["B-1", "N", "2021-10", D(2021, 1, 1), None, "no", 620, D(2021, 11, 5)],
    ["B-2", "M", "2021-10", D(2021, 1, 1), None, "no", 600, D(2021, 11, 5)],
    ["B-3", "K", "2021-10", D(2021, 1, 1), None, "yes", 620, D(2021, 11, 5)],
]
ALL_THREE = "3 lines (1 match, 2 under-claimed); 3 checked: claimed 1,840.00 GEL"
PAYABLE = "payable 2,170.00 GEL"


def invoice(
    path: Path,
    sheet: Callable[[str], str] | None = None,
    strings: Callable[[str], str] | None = None,
    claims: list[list[Any]] = CLAIMS,
    styles: Callable[[str], str] | None = None,
) -> Path:
    """The three claims' invoice, its sheet, shared strings and styles then changed by hand."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    for c, name in enumerate(INVOICE_COLUMNS):
        ws.write_string(0, c, name)
    for r, row in enumerate(claims, 1):
        for c, v in enumerate(row):
            if isinstance(v, dt.datetime):
                ws.write_datetime(r, c, v, date)
            elif isinstance(v, int):
                ws.write_number(r, c, v)
            elif v is not None:
                ws.write_string(r, c, v)
    book.close()
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    for name, change in (
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
        ("xl/styles.xml", styles),
    ):
        if change is not None:
            changed = change(parts[name].decode()).encode()
            assert changed != parts[name]  # (the change found what it changes)
            parts[name] = changed
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def prefixed(row: str) -> str:
    """Rows written with a prefix bound to the main namespace (declared by :func:`with_prefix`)."""
    for tag in ("row", "c", "v"):
        row = (
            row.replace(f"<{tag} ", f"<x:{tag} ").replace(f"<{tag}>", f"<x:{tag}>").replace(f"</{tag}>", f"</x:{tag}>")
        )
    return row


def with_prefix(xml: str, n: int) -> str:
    """The sheet with its first ``n`` rows prefixed, then (when rows are left) the header again, plain."""
    rows = re.findall(r"<row .*?</row>", xml)
    body = prefixed("".join(rows[:n])) + (rows[0] if n < len(rows) else "") + "".join(rows[n:])
    xml = xml.replace("<worksheet ", f'<worksheet xmlns:x="{MAIN}" ')
    return re.sub(r"<sheetData>.*</sheetData>", lambda _: f"<sheetData>{body}</sheetData>", xml)


def hidden_after_a_processing_instruction(xml: str) -> str:
    """B-3's row moved after ``</sheetData>``, a processing instruction holding ``<sheetData>`` before
    the rows and another after B-3 (the XML parser reads B-3 in a second sheet data; the rows end
    up in one sheet data to a reader that takes the first "<sheetData>" as its start)."""
    last = re.findall(r"<row .*?</row>", xml)[-1]
    xml = xml.replace(last, "").replace("<sheetData>", "<?p <sheetData><a?><sheetData>")
    return xml.replace("</sheetData>", "</sheetData>" + last + "<?z?>")


# Each change, and what the streaming parser gives (worked by hand, see the module's docstring).
HOSTILE: dict[str, tuple[Callable[[str], str], str]] = {
    # B-2's name a rich inline string: its <r> runs are not rows (the plain path crashed the process)
    "rich_inline": (
        lambda s: s.replace(
            '<c r="B3" t="s"><v>13</v></c>',
            '<c r="B3" t="inlineStr"><is><r><t>M</t></r><r><rPr><b/></rPr><t>x</t></r></is></c>',
        ),
        ALL_THREE,
    ),
    "r_element_between_rows": (lambda s: s.replace("</row><row", "</row><r/><row", 1), ALL_THREE),
    "row_without_attributes": (lambda s: s.replace('<row r="3" spans="1:8">', "<row>", 1), ALL_THREE),
    "empty_row_self_closed": (lambda s: s.replace("</row><row", "</row><row/><row", 1), ALL_THREE),
    "cell_without_attributes": (lambda s: s.replace("</row>", "<c/></row>", 1), ALL_THREE),
    # rows before the first plain row: read, never dropped
    "every_row_prefixed": (lambda s: with_prefix(s, 4), ALL_THREE),
    # the header and B-1 prefixed, then the header again (plain, row 1 written twice) and B-2, B-3:
    # a row written twice is refused (review 60: its cells were read, and paid, twice), by both
    "first_rows_prefixed": (lambda s: with_prefix(s, 2), "refused: file: got 'row 1'"),
    # B-1's claim written twice, 620 then 6 (review 127 F5: the last was read, 6.00, as a spreadsheet
    # shows it): refused as a row written twice is, by both
    "cell_written_twice": (
        lambda s: s.replace('<c r="G2"><v>620</v></c>', '<c r="G2"><v>620</v></c><c r="G2"><v>6</v></c>'),
        "refused: file: got 'row 2'",
    ),
    # B-2's row of height 0, with no hidden flag (review 127 F4: Excel draws it as nothing, and it
    # was read, and paid): refused as a hidden row is, by both
    "row_of_height_zero": (
        lambda s: s.replace('<row r="3" spans="1:8">', '<row r="3" spans="1:8" ht="0" customHeight="1">'),
        "refused: file: got 'row 3'",
    ),
    # a height under a pixel (0.5 pt: 0.67 px at 96 an inch) is drawn as nothing too (review 135)
    "row_of_a_height_under_a_pixel": (
        lambda s: s.replace('<row r="3" spans="1:8">', '<row r="3" spans="1:8" ht="0.5" customHeight="1">'),
        "refused: file: got 'row 3'",
    ),
    # (review 131: a height Python reads as 0 but XML does not, another script's zero: no height 0)
    "row_of_a_height_xml_does_not_read": (
        lambda s: s.replace('<row r="3" spans="1:8">', '<row r="3" spans="1:8" ht="\u0660" customHeight="1">'),
        ALL_THREE,
    ),
    "header_cell_written_twice": (
        lambda s: s.replace('<c r="A1" t="s"><v>0</v></c>', '<c r="A1" t="s"><v>0</v></c><c r="A1" t="s"><v>1</v></c>'),
        "refused: file: got 'row 1'",
    ),
    # Review 250 F1: B-1's claim written F3 in row 2 and B-2's written F2 in row 3; a spreadsheet
    # places each by its reference (B-1 claims 600, B-2 620), the rows were read by their <row>
    # (B-1 620, B-2 600): which is meant cannot be told, so both paths refuse the sheet
    "cells_referring_to_each_others_rows": (
        lambda s: s.replace('<c r="G2"><v>620</v></c>', '<c r="G3"><v>620</v></c>').replace(
            '<c r="G3"><v>600</v></c>', '<c r="G2"><v>600</v></c>'
        ),
        "refused: file: got 'row 2' (str); expected each cell in the row its reference names (cell G3 is written in row 2",
    ),
    # a cell of row 0 (no such row: LibreOffice drops it) in B-1's row: not read as B-1's claim
    "cell_of_row_zero": (
        lambda s: s.replace('<c r="G2"><v>620</v></c>', '<c r="G0"><v>620</v></c>'),
        "refused: file: got 'row 2' (str); expected each cell in the row its reference names (cell G0",
    ),
    # Review 254 F1: a cell of a type no spreadsheet has (t="x", "s ", "S"), which LibreOffice shows
    # empty, was read by its stored text: B-1's discharge day 2021-10-10 (200.00 for 620.00)
    "cell_of_an_unknown_type": (
        lambda s: s.replace(
            '<c r="F2" t="s"><v>11</v></c>', '<c r="E2" t="x"><v>2021-10-10</v></c><c r="F2" t="s"><v>11</v></c>'
        ),
        "refused: file: got \"cell E2: 'x'\" (str); expected a cell type spreadsheets write",
    ),
    "shared_string_of_a_type_with_a_blank": (
        lambda s: s.replace('<c r="F2" t="s">', '<c r="F2" t="s ">'),
        "refused: file: got \"cell F2: 's '\" (str); expected a cell type spreadsheets write",
    ),
    # Review 259 F1: a billing system's open enrolment date 0001-01-01 (D50), saved by LibreOffice
    # as the serial -693595 (its year 1 is the Julian calendar's, 30 Dec of the year 0 to Python):
    # read as LibreOffice shows it, 0001-01-01, enrolled before October: B-1 31 x 20.00 = 620.00,
    # matches (it was refused as the error "#VALUE!", "the cell's formula failed")
    "open_date_of_the_year_1_as_libreoffice_saves_it": (
        lambda s: s.replace('<c r="D2" s="1"><v>44197</v></c>', '<c r="D2" s="1"><v>-693595</v></c>'),
        ALL_THREE,
    ),
    # a day before 15 Oct 1582 shown in the Julian calendar (1 March 1500 Julian, the serial
    # -146026, 11 March 1500 proleptic Gregorian): B-1 still enrolled before October, matches
    "a_day_before_the_gregorian_calendar": (
        lambda s: s.replace('<c r="D2" s="1"><v>44197</v></c>', '<c r="D2" s="1"><v>-146026</v></c>'),
        ALL_THREE,
    ),
    # the header in a row 0, which no sheet has (LibreOffice shows none): refused by both paths
    # (review 253 F4: the plain path read it)
    "header_in_row_zero": (
        lambda s: s.replace('<row r="1" spans="1:8">', '<row r="0" spans="1:8">').replace('1" t="s">', '0" t="s">'),
        "refused: file: got 'row 0'",
    ),
    # the row's digits written with a leading zero in a cell (G02 in row 2): its own row, read
    "cell_reference_with_a_leading_zero": (
        lambda s: s.replace('<c r="G2"><v>620</v></c>', '<c r="G02"><v>620</v></c>'),
        ALL_THREE,
    ),
    # Review 250 F3: stored values Python's int() and float() read, no spreadsheet as that value:
    # a shared string -1 (Python's last entry, "yes": B-1 paid 30 GEL a day where the sheet shows
    # no status), a claim 6_20 (620 to Python, 6 to LibreOffice), in Arabic-Indic digits (٦٢٠: 620
    # to Python, 0 to LibreOffice), a date 4448_0 (2021-10-11 to Python, 1912 to LibreOffice)
    "shared_string_index_minus_one": (
        lambda s: s.replace('<c r="F2" t="s"><v>11</v></c>', '<c r="F2" t="s"><v>-1</v></c>'),
        "refused: file: got \"cell F2: '-1'\" (str); expected the number of an entry of the workbook's shared"
        " strings, 0 to 16",
    ),
    "shared_string_index_past_the_last": (
        lambda s: s.replace('<c r="F2" t="s"><v>11</v></c>', '<c r="F2" t="s"><v>17</v></c>'),
        "refused: file: got \"cell F2: '17'\" (str); expected the number of an entry",
    ),
    "number_with_an_underscore": (
        lambda s: s.replace('<c r="G2"><v>620</v></c>', '<c r="G2"><v>6_20</v></c>'),
        "refused: file: got \"cell G2: '6_20'\" (str); expected a number as spreadsheets write one in the file",
    ),
    "number_in_arabic_indic_digits": (
        lambda s: s.replace('<c r="G2"><v>620</v></c>', '<c r="G2"><v>\u0666\u0662\u0660</v></c>'),
        "refused: file: got \"cell G2: '\u0666\u0662\u0660'\" (str); expected a number as spreadsheets write one",
    ),
    "date_with_an_underscore": (
        lambda s: s.replace('<c r="D2" s="1"><v>44197</v></c>', '<c r="D2" s="1"><v>4419_7</v></c>'),
        "refused: file: got \"cell D2: '4419_7'\" (str); expected a number as spreadsheets write one",
    ),
    "number_as_infinity": (
        lambda s: s.replace('<c r="G2"><v>620</v></c>', '<c r="G2"><v>INF</v></c>'),
        "refused: file: got \"cell G2: 'INF'\" (str); expected a number as spreadsheets write one",
    ),
    # the forms XML Schema writes are read: blanks around a number, a point, an exponent (B-1's
    # claim 620 in each), a boolean's 0 or 1 (none here)
    "number_forms_xml_schema_writes": (
        lambda s: s.replace('<c r="G2"><v>620</v></c>', '<c r="G2"><v> 6.2E2\n</v></c>'),
        ALL_THREE,
    ),
    # Review 253 F1 (review 250 F2 undone): a default row height under a pixel, or 0 as OpenSpout
    # writes it, is not counted: LibreOffice draws a row without a height of its own at its font's
    # height whatever the default (and customHeight), so the rows are read
    "default_row_height_under_a_pixel": (
        lambda s: s.replace(
            '<sheetFormatPr defaultRowHeight="15"/>', '<sheetFormatPr defaultRowHeight="0.1" customHeight="1"/>'
        ),
        ALL_THREE,
    ),
    "default_row_height_zero_as_openspout_writes_it": (
        lambda s: s.replace(
            '<sheetFormatPr defaultRowHeight="15"/>', '<sheetFormatPr defaultColWidth="12" defaultRowHeight="0"/>'
        ),
        ALL_THREE,
    ),
    # B-3 after </sheetData> (in a second sheet data, to the XML parser) and never dropped
    "row_hidden_after_a_processing_instruction": (hidden_after_a_processing_instruction, ALL_THREE),
    "cell_before_the_first_row": (lambda s: s.replace("<sheetData>", '<sheetData><c r="Z1"><v>1</v></c>'), ALL_THREE),
    "element_c_before_the_first_row": (lambda s: s.replace("<sheetData>", "<sheetData><col/>"), ALL_THREE),
    "comment_before_the_first_row": (lambda s: s.replace("<sheetData>", "<sheetData><!--c-->"), ALL_THREE),
    "white_space_before_the_first_row": (lambda s: s.replace("<sheetData>", "<sheetData>\n  "), ALL_THREE),
    "text_after_the_last_row": (lambda s: s.replace("</sheetData>", "zz</sheetData>"), ALL_THREE),
    "element_after_the_last_row": (lambda s: s.replace("</sheetData>", "<foo/></sheetData>"), ALL_THREE),
    # an encoding declared otherwise than the plain path reads it exactly: the parser decodes Latin-1
    "encoding_with_spaces": (
        lambda s: s.replace('encoding="UTF-8"', 'encoding = "ISO-8859-1"', 1),
        ALL_THREE,
    ),
    "declaration_past_200_bytes": (
        lambda s: s.replace(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
            '<?xml version="1.0"' + " " * 200 + 'encoding="ISO-8859-1"?>',
        ),
        ALL_THREE,
    ),
}


AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"

# Review 8: a row attribute that XML with namespaces does not take; the streaming parser (expat)
# refuses the workbook as not well-formed, and the plain path must not read it either. Each is
# (declared on <worksheet>, added to B-1's row).
NOT_WELL_FORMED = {
    "two_colons": (f'xmlns:x14ac="{AC}"', 'x14ac:a:b="1"'),
    "prefix_without_a_name": (f'xmlns:x14ac="{AC}"', 'x14ac:="1"'),
    "name_starting_with_a_digit": (f'xmlns:x14ac="{AC}"', 'x14ac:1a="1"'),
    "one_attribute_twice_by_two_prefixes": (f'xmlns:x14ac="{AC}" xmlns:y="{AC}"', 'x14ac:d="1" y:d="2"'),
    "prefix_declared_only_inside_a_value": ('a=" xmlns:foo="', 'foo:bar="1"'),
}


@pytest.mark.parametrize("name", list(NOT_WELL_FORMED))
def test_a_row_attribute_xml_does_not_take_is_refused_as_the_streaming_parser_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    root, attribute = NOT_WELL_FORMED[name]
    path = invoice(
        tmp_path / "i.xlsx",
        sheet=lambda s: s.replace("<worksheet ", f"<worksheet {root} ", 1).replace(
            '<row r="2" spans="1:8"', f'<row r="2" spans="1:8" {attribute}', 1
        ),
    )
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    assert fast[0] == "refused" and "readable XLSX workbook (ParseError)" in fast[1], fast


def test_a_declared_prefixed_row_attribute_stays_plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Excel writes x14ac:dyDescent on rows, its prefix declared on <worksheet>: read, the three
    # claims audited (620 + 620 + 930 = 2,170.00 payable), by the plain path itself.
    path = invoice(
        tmp_path / "i.xlsx",
        sheet=lambda s: s.replace("<worksheet ", f'<worksheet xmlns:x14ac="{AC}" ', 1).replace(
            '<row r="2" spans="1:8"', '<row r="2" spans="1:8" x14ac:dyDescent="0.25"', 1
        ),
    )
    assert plain_cells(path) is not None
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    assert fast[2].startswith(ALL_THREE) and PAYABLE in fast[2], fast[2]


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_sheet_is_audited_as_the_streaming_parser_audits_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    change, summary = HOSTILE[name]
    path = invoice(tmp_path / "i.xlsx", sheet=change)
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    if summary.startswith("refused: "):
        assert fast[0] == "refused" and fast[1].startswith(summary.removeprefix("refused: ")), fast
    else:
        assert fast[2].startswith(summary) and PAYABLE in fast[2], fast[2]
    fast, reference = both(path, monkeypatch, rows_of)
    assert fast == reference


def test_a_sheet_data_in_another_namespace_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # <sheetData> inside an element that sets another default namespace: its rows are not the
    # sheet's rows, so the sheet has no header (as the streaming parser reads it).
    path = invoice(
        tmp_path / "i.xlsx",
        sheet=lambda s: s.replace("<sheetData>", '<w xmlns="urn:x"><sheetData>').replace(
            "</sheetData>", "</sheetData></w>"
        ),
    )
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    assert fast[0] == "refused" and "header" in fast[1]


def test_a_latin_1_declaration_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "ნინო" stored as UTF-8 bytes (E1 83 9C ...) in a part declared ISO-8859-1 is read byte by
    # byte: each Georgian letter becomes three Latin-1 characters, the first 'á' (E1).
    path = invoice(
        tmp_path / "i.xlsx",
        sheet=lambda s: s.replace('encoding="UTF-8"', 'encoding = "ISO-8859-1"', 1).replace(
            '<c r="B2" t="s"><v>9</v></c>', '<c r="B2" t="str"><v>ნინო</v></c>'
        ),
    )
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    assert fast[0][0].name == "ნინო".encode().decode("latin-1")


def test_an_escape_written_with_a_character_reference_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # B-1's claim stored as the shared string "6_x0032&#95;0": unescaped "6_x0032_0", and its
    # _x0032_ read as the character it stands for, "2" (ECMA-376's ST_Xstring, review 170 F6;
    # openpyxl took out "x005F_" alone, anywhere): "620", which matches (31 x 20.00).
    claims = [["B-1", "N", "2021-10", D(2021, 1, 1), None, "no", "620", D(2021, 11, 5)], *CLAIMS[1:]]
    path = invoice(
        tmp_path / "i.xlsx", strings=lambda s: s.replace("<t>620</t>", "<t>6_x0032&#95;0</t>"), claims=claims
    )
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    assert (fast[0][0].claimed, fast[0][0].verdict) == (Decimal("620.00"), "matches")
    assert fast[2].startswith(ALL_THREE) and PAYABLE in fast[2]


def test_offsets_that_run_backwards_are_never_handed_to_arrow() -> None:
    # data[10:20] then data[50:40]: the second slice runs backwards (Arrow would read out of bounds)
    with pytest.raises(xlsx_plain._NotPlain):
        xlsx_plain._slices(b"x" * 100, [10, 50], [20, 40])
    with pytest.raises(xlsx_plain._NotPlain):
        xlsx_plain._slices(b"x" * 100, [10, 30], [40, 50])  # overlapping
    with pytest.raises(xlsx_plain._NotPlain):
        xlsx_plain._binary(b"x" * 100, [0, 101])  # past the end
    with pytest.raises(xlsx_plain._NotPlain):
        xlsx_plain._binary(b"x" * 100, [-1, 5])
    assert xlsx_plain._slices(b"0123456789", [1, 5], [3, 9]).to_pylist() == [b"12", b"5678"]


def plain_cells(path: Path, sheet: str | None = None) -> Any:
    budget = xlsx_xml._Budget(path)
    book = xlsx_file._load(path, budget)
    return xlsx_plain._plain_cells(book, sheet, path, budget)


def test_without_a_thread_to_start_the_plain_path_reads_on_the_calling_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = invoice(tmp_path / "i.xlsx")

    def refuse(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    with monkeypatch.context() as m:  # at a thread limit
        m.setattr(threading.Thread, "start", refuse)
        assert plain_cells(path) is not None  # still the plain path, on this thread
        report = vl.audit_invoice(path)
    assert report.summary_line().startswith(ALL_THREE) and PAYABLE in report.summary_line()
    with monkeypatch.context() as m:  # at the interpreter's shutdown (as in an atexit handler)
        m.setattr(concurrent.futures.thread, "_shutdown", True)
        assert plain_cells(path) is not None
        report = vl.audit_invoice(path)
    assert report.summary_line().startswith(ALL_THREE) and PAYABLE in report.summary_line()


@pytest.mark.parametrize("where", ["_digit_numbers", "_rows_named", "_cell_kind", "_read_counted"])
def test_a_failure_of_the_plain_path_reads_with_the_streaming_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # _digit_numbers runs on the second thread, the others on the calling one
    path = invoice(tmp_path / "i.xlsx")

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError if where == "_digit_numbers" else ValueError("broken")

    with monkeypatch.context() as m:
        set_in_reader(m, where, fail)
        report = vl.audit_invoice(path)
        rows = rows_of(path)
    assert report.summary_line().startswith(ALL_THREE) and PAYABLE in report.summary_line()
    assert [r["beneficiary_id"] for _, r in rows] == ["B-1", "B-2", "B-3"]


def test_an_interrupt_is_not_taken_for_a_sheet_that_is_not_plain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = invoice(tmp_path / "i.xlsx")

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    set_in_reader(monkeypatch, "_plain_sheet", interrupted)
    with pytest.raises(KeyboardInterrupt):
        vl.audit_invoice(path)


@pytest.mark.parametrize("declaration", [True, False])
@pytest.mark.parametrize("sheet", [None, "Sheet1"])
def test_the_elements_cap_is_the_streaming_parsers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, declaration: bool, sheet: str | None
) -> None:
    # An element before the first row, with and without an XML declaration: at every cap around
    # the elements the sheet holds, the plain path reads or refuses as the streaming parser does.
    def change(xml: str) -> str:
        xml = xml.replace("<sheetData>", "<sheetData><foo/>")
        return xml if declaration else xml.split("?>", 1)[1].lstrip()

    path = invoice(tmp_path / "i.xlsx", sheet=change)

    def read(p: Path) -> Any:
        try:
            return list(xlsx_file.xlsx_rows(p, ["beneficiary_id"], sheet=sheet))
        except vl.VoucherError as exc:
            return ("refused", str(exc))

    seen = set()
    for cap in range(60, 160):
        set_in_reader(monkeypatch, "MAX_XML_ELEMENTS", cap)
        fast, reference = both(path, monkeypatch, read)
        assert fast == reference, cap
        seen.add(isinstance(fast, tuple))
    assert seen == {True, False}  # refused under some caps, read under others


def test_ids_past_two_to_the_53_written_whole_are_refused_as_the_double_a_spreadsheet_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 254 F2: B-1's and B-2's ids in number cells written with every digit (as Go's
    # excelize writes an int64), 1234567890123456789 and ...788: a spreadsheet holds both as one
    # double, 1234567890123456768, and D18 refuses such an id (its digits are lost), as it refuses
    # the double Excel writes; they were read exactly, two beneficiaries. B-3 (with status, the
    # whole of October 2021: 31 x 30 = 930.00) claims 620.00: under-claimed, checked alone.
    def whole(s: str) -> str:
        return s.replace('<c r="A2" t="s"><v>8</v></c>', '<c r="A2"><v>1234567890123456789</v></c>').replace(
            '<c r="A3" t="s"><v>12</v></c>', '<c r="A3"><v>1234567890123456788</v></c>'
        )

    path = invoice(tmp_path / "i.xlsx", sheet=whole)
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    lines = fast[0]
    assert [(ln.verdict, ln.computed) for ln in lines] == [
        ("invalid", None),
        ("invalid", None),
        ("under-claimed", Decimal("930.00")),
    ]
    assert all(ln.reason.startswith("beneficiary_id: got 1.2345678901234568e+18 (float)") for ln in lines[:2])
    # 2**53 + 1 written whole: its double is 2**53, which 2**53 itself is too: refused, never read as
    # 9007199254740992 (review 255 F1); 2**53 - 1 is held exactly and read (B-1: 31 x 20 = 620.00, its claim)
    # (2**53 written whole too, as pandas' to_excel writes a float64 2**53 + 1: review 256 F1)
    for written, verdict in (
        ("9007199254740993", "invalid"),
        ("9007199254740992", "invalid"),
        ("9007199254740991", "matches"),
    ):
        path = invoice(
            tmp_path / "j.xlsx",
            sheet=lambda s, w=written: s.replace('<c r="A2" t="s"><v>8</v></c>', f'<c r="A2"><v>{w}</v></c>'),
        )
        fast, reference = both(path, monkeypatch, audit_of)
        assert fast == reference and fast[0][0].verdict == verdict
    assert fast[0][0].beneficiary_id == "9007199254740991"


def test_a_second_sheet_whose_only_cell_is_of_an_unknown_type_is_an_empty_sheet(tmp_path: Path) -> None:
    # Review 255 F3: a second sheet whose one cell has a type no spreadsheet has (t="x"), which
    # LibreOffice shows empty, counted as a sheet with data when no sheet is named: the workbook was
    # refused as holding data on two sheets. It is an empty sheet: the invoice is read from the one
    # sheet with data (the three claims, worked in the module's docstring); named, that sheet's cell
    # is refused as its own.
    path = invoice(tmp_path / "i.xlsx")
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    parts["xl/worksheets/sheet2.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="x"><v>5</v></c></row></sheetData></worksheet>'
    ).encode()
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"</sheets>", b'<sheet name="Other" sheetId="2" r:id="rId9"/></sheets>'
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.worksheet+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    summary = vl.audit_invoice(path).summary_line()
    assert summary.startswith(ALL_THREE) and PAYABLE in summary, summary
    with pytest.raises(vl.VoucherError, match=r"cell A1: 'x'.*expected a cell type spreadsheets write"):
        vl.audit_invoice(path, sheet="Other")


def test_an_open_date_of_the_year_1_is_read_with_no_warning_on_either_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recwarn: pytest.WarningsRecorder
) -> None:
    # Review 259 F1: openpyxl warned "serial value -693595 is outside the limits for dates" (a path
    # in its package on the command's standard error, even with -q); the date is read as shown.
    change = HOSTILE["open_date_of_the_year_1_as_libreoffice_saves_it"][0]
    path = invoice(tmp_path / "i.xlsx", sheet=change)
    fast, reference = both(path, monkeypatch, rows_of)
    assert fast == reference
    assert not [str(w.message) for w in recwarn.list]


@pytest.mark.parametrize("serial", ["1000000000000", "2958466", "-800000", "1E+308"])
def test_a_date_cell_of_no_readable_day_refuses_its_row_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, serial: str
) -> None:
    # Review 260 F1/F2: a date-styled cell of a number past the year 9999 (a phone number typed into
    # the date column; 2958466 is 10000-01-01) refused the whole workbook (an OverflowError), or was
    # read as a Julian day of 9999; a serial before the Julian year 1 (-800000) has no day either. Its
    # row alone is refused; B-2 and B-3 are checked as in the module's docstring (620.00 each at
    # 20.00 a day x 31 days for B-2, 31 x 30.00 = 930.00 for B-3).
    path = invoice(
        tmp_path / "i.xlsx",
        sheet=lambda s: s.replace('<c r="D2" s="1"><v>44197</v></c>', f'<c r="D2" s="1"><v>{serial}</v></c>'),
    )
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    lines = fast[0]
    assert [ln.verdict for ln in lines] == ["invalid", "under-claimed", "under-claimed"]
    assert lines[0].reason.startswith("enrolled_on: got ") and "#VALUE!" not in lines[0].reason
    assert [ln.computed for ln in lines[1:]] == [Decimal("620.00"), Decimal("930.00")]


@pytest.mark.parametrize("format_id", [27, 30, 31, 36, 50, 57, 58])
def test_a_date_cell_of_an_east_asian_built_in_format_is_a_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_id: int
) -> None:
    # Review 250 F4: the built-in formats 27-36 and 50-58 (dates of Chinese, Japanese and Korean
    # Excel, written without a format code) were read as numbers, each row refused as a date "whose
    # cell lost its date format"; LibreOffice shows them as dates. The invoice's dates in such a
    # format are read as in the module's docstring.
    def styles(xml: str) -> str:
        xml = xml.replace('<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>', "")
        return xml.replace('<xf numFmtId="164"', f'<xf numFmtId="{format_id}"')

    path = invoice(tmp_path / "i.xlsx", styles=styles)
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    assert fast[2].startswith(ALL_THREE) and PAYABLE in fast[2], fast[2]


def test_the_command_line_says_nothing_of_openpyxls_warnings(tmp_path: Path) -> None:
    # Review 259 F1: openpyxl's UserWarning (here: a workbook with no default style) reached the
    # command's standard error, a path inside the installed packages, with -q too. The three claims
    # are audited as in the module's docstring (2 under-claimed: exit 1), and nothing else is said.
    import subprocess
    import sys

    path = invoice(tmp_path / "i.xlsx", styles=lambda xml: re.sub(r"<cellStyles.*?</cellStyles>", "", xml))
    with pytest.warns(UserWarning, match="no default style"):  # (what openpyxl says of it)
        vl.audit_invoice(path)
    done = subprocess.run(
        [sys.executable, "-m", "voucherlib", "audit", str(path), "-q"], capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert ALL_THREE in done.stdout


def test_a_workbook_whose_default_style_is_a_date_reads_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 261 F1: the streaming parser read a date cell under the style 0, which here is itself a
    # date format (numFmtId 14), and refused the whole workbook (a TypeError). The claims stand in a
    # General style of their own (xf 2): the invoice is audited as in the module's docstring.
    def sheet(s: str) -> str:
        for cell in ("G2", "G3", "G4"):
            s = s.replace(f'<c r="{cell}">', f'<c r="{cell}" s="2">')
        return s

    def styles(xml: str) -> str:
        return xml.replace(
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
            '<cellXfs count="3"><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
        ).replace("</cellXfs>", '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>')

    path = invoice(tmp_path / "i.xlsx", sheet=sheet, styles=styles)
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    assert fast[2].startswith(ALL_THREE) and PAYABLE in fast[2], fast[2]


def b1_enrolled_in_a_style_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_id: int, serial: str
) -> list[Any]:
    """The lines of the invoice whose B-1 enrolled_on cell holds ``serial`` in a style (xf 2) of the
    number format ``format_id`` (165: a custom h:mm), read alike on both paths."""

    def styles(xml: str) -> str:
        xml = xml.replace('<numFmts count="1">', '<numFmts count="2"><numFmt numFmtId="165" formatCode="h:mm"/>')
        xml = xml.replace('<cellXfs count="2">', '<cellXfs count="3">')
        return xml.replace(
            "</cellXfs>", f'<xf numFmtId="{format_id}" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        )

    def sheet(xml: str) -> str:
        return xml.replace('<c r="D2" s="1"><v>44197</v></c>', f'<c r="D2" s="2"><v>{serial}</v></c>')

    path = invoice(tmp_path / "i.xlsx", sheet=sheet, styles=styles)
    fast, reference = both(path, monkeypatch, audit_of)
    assert fast == reference
    lines: list[Any] = fast[0]
    # B-1 refused; B-2 and B-3 checked as in the module's docstring (620.00, 930.00)
    assert [ln.verdict for ln in lines] == ["invalid", "under-claimed", "under-claimed"]
    assert [ln.computed for ln in lines[1:]] == [Decimal("620.00"), Decimal("930.00")]
    return lines


@pytest.mark.parametrize("format_id", [18, 20, 21, 32, 33, 45, 165])
def test_a_cell_of_a_time_format_is_a_time_of_day_not_a_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_id: int
) -> None:
    # Review 264 F1: 7 in B-1's enrolled_on cell in a format of a time of day alone (h:mm, the
    # built-ins 18-21 and 45, East Asian 32-33, a custom h:mm as 165) was read as 7 January 1900, and B-1
    # paid the whole month; LibreOffice shows a time (168:00:00, 0:00). It is a time, no date: B-1 is
    # refused.
    lines = b1_enrolled_in_a_style_of_its_own(tmp_path, monkeypatch, format_id, "7")
    assert lines[0].reason.startswith("enrolled_on: got datetime.time(0, 0) (time); expected a date")


@pytest.mark.parametrize("format_id", [34, 35, 52, 53, 55, 56])
@pytest.mark.parametrize("serial", ["7", "44197"])
def test_a_cell_of_an_east_asian_format_of_two_meanings_is_no_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_id: int, serial: str
) -> None:
    # Review 265 F1, F3: the built-ins 34, 35, 52, 53, 55 and 56 are dates in Japanese or Korean Excel
    # and times of day in Chinese; the workbook does not say which wrote it. Taken for times, real
    # dates were refused as "00:00:00"; taken for dates, 7 was 7 January 1900 and B-1 paid its month.
    # Read as the number it holds, which no date column reads: B-1 is refused, whatever it holds.
    lines = b1_enrolled_in_a_style_of_its_own(tmp_path, monkeypatch, format_id, serial)
    assert lines[0].reason.startswith(f"enrolled_on: got {serial} (int); expected a date, not a number")
