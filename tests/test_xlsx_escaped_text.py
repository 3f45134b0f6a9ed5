"""A workbook's text holds a character XML cannot hold as ``_xHHHH_`` (ECMA-376's ``ST_Xstring``),
which Excel and LibreOffice show as that character: so does the reader (review 170 F6).

An id ``B-01`` followed by U+0001 is stored ``B-01_x0001_``; read as that visible text it got
past D37 (an id holding a character that shows as nothing is refused) and was a second
beneficiary, the month paid twice (1,200.00) without a word, where the same invoice as CSV is
refused on that line. Every amount: November 2021, 30 days x 20 GEL = 600.00, submitted on
Mon 6 Dec 2021 (the deadline, 5 Dec being a Sunday), nothing deducted.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter

from voucherlib.reports.audit import audit_invoice

from .conftest import INVOICE_COLUMNS, libreoffice_convert, needs_libreoffice, november_workbook
from .test_audit_batch import _line_by_line


def test_an_id_with_a_control_character_is_refused_as_from_a_csv_file(tmp_path: Path) -> None:
    invoice = november_workbook(tmp_path / "invoice.xlsx", [("B-01", "Nino"), ("B-01\x01", "Nino")])
    for report in (audit_invoice(invoice), _line_by_line(invoice)):
        one, two = report.lines  # type: ignore[attr-defined]
        assert (one.verdict, one.payable) == ("matches", Decimal("600.00"))
        assert two.verdict == "invalid"
        assert "U+0001" in two.reason  # (D37: it holds the invisible U+0001)
        assert report.totals()["payable"] == Decimal("600.00")  # type: ignore[attr-defined]  # (not 1,200.00)


# the text written, and the text read back: as written, where the writer escaped it faithfully
TEXTS = [
    ("Nino\x1b[2K", "Nino\x1b[2K"),  # an escape character (stored Nino_x001B_[2K)
    ("abc_x0041_def", "abc_x0041_def"),  # a text that reads as an escape (stored abc_x005F_x0041_def)
    ("abcx005F_def", "abcx005F_def"),  # no escape: an x005F_ without its underscore (was read "abcdef")
    ("a_x00e9_b", "a_x00e9_b"),
    # (xlsxwriter escapes the first underscore alone: _x005F_x005F_x0001_, which reads as _x005F
    # and U+0001, in LibreOffice too)
    ("_x005F_x0001_", "_x005F\x01"),
]


def test_a_text_is_read_as_a_spreadsheet_shows_it(tmp_path: Path) -> None:
    invoice = november_workbook(tmp_path / "names.xlsx", [(f"B-{k}", written) for k, (written, _) in enumerate(TEXTS)])
    for report in (audit_invoice(invoice), _line_by_line(invoice)):
        assert [ln.name for ln in report.lines] == [read for _, read in TEXTS]  # type: ignore[attr-defined]


@needs_libreoffice
def test_libreoffice_shows_those_texts_alike(tmp_path: Path) -> None:
    invoice = november_workbook(tmp_path / "names.xlsx", [(f"B-{k}", written) for k, (written, _) in enumerate(TEXTS)])
    saved = libreoffice_convert(invoice, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)
    with saved.open(encoding="utf-8", newline="") as file:
        names = [row[1] for row in list(csv.reader(file))[1:]]
    assert names == [read for _, read in TEXTS]


@pytest.mark.parametrize("inline", [False, True])
def test_an_escape_is_read_within_one_run_of_rich_text(tmp_path: Path, inline: bool) -> None:
    # review 174 F4: an id written in two runs of rich text, "B-0_x00" and "31_", shows as
    # B-0_x0031_ (each run's text is read on its own); read joined it was B-01, another beneficiary
    # whose month was then billed twice. Two beneficiaries, 600.00 each: 1,200.00.
    path = tmp_path / "rich.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": inline})  # (inline strings when constant)
    sheet = book.add_worksheet()
    bold, day = book.add_format({"bold": True}), book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, INVOICE_COLUMNS)
    for row in (1, 2):
        if row == 1:
            sheet.write_string(row, 0, "B-01")
        else:
            sheet.write_rich_string(row, 0, bold, "B-0_x00", "31_")
        sheet.write_row(row, 1, ["Nino", "2021-11"])
        sheet.write_string(row, 5, "no")
        sheet.write_number(row, 6, 600)
        sheet.write_datetime(row, 7, dt.datetime(2021, 12, 6), day)
    book.close()
    for report in (audit_invoice(path), _line_by_line(path)):
        ids = [ln.beneficiary_id for ln in report.lines]  # type: ignore[attr-defined]
        assert ids[0] == "B-01" and ids[1] != "B-01"
        assert report.totals()["payable"] == Decimal("1200.00")  # type: ignore[attr-defined]
