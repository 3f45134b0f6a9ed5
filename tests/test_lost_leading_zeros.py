"""D47: an id whose leading zeros a number cell lost is read as the same file writes it with them.

A spreadsheet's number cell holds a number: a personal number ``01001012345`` typed into one is
stored as ``1001012345``. Where the invoice writes ``01001012345`` as text on another line, the
number cell's line is the same beneficiary's, so a month billed on both is billed twice (D28):
one line is paid, the other is ``already billed``. Before, the two were two beneficiaries, each
paid, with an ids-alike warning (review 166 F2: 3,429.00 paid for 2,829.00).

Every amount below: service month November 2021 (30 days), enrolled before it and not
discharged, no disability status: 30 x 20 GEL = 600.00; the document submitted on Mon 6 Dec 2021,
the deadline (5 Dec is a Sunday), so nothing is deducted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.input.lost_zeros import ids_with_zeros
from voucherlib.reports.audit import audit_invoice, read_invoice

from .conftest import libreoffice_convert, needs_libreoffice, november_workbook
from .test_audit_batch import _line_by_line


def _workbook(folder: Path, ids: list[Any], name: str = "invoice.xlsx", people: list[str] | None = None) -> Path:
    """:func:`~tests.conftest.november_workbook` of ``ids``, each line naming ``people``' name (by
    default one person, Nino Beridze)."""
    return november_workbook(folder / name, list(zip(ids, people or ["Nino Beridze"] * len(ids), strict=True)))


def _frame(pd: Any, ids: Any, names: list[str]) -> Any:
    """An invoice of November 2021 as a frame (as pandas.read_excel gives it), one line per id,
    each claiming 600.00, enrolled before the month, submitted on the deadline."""
    n = len(names)
    return pd.DataFrame(
        {
            "beneficiary_id": ids, "name": names, "month": ["2021-11"] * n, "enrolled_on": [None] * n,
            "discharged_on": [None] * n, "disability": [False] * n, "claimed": ["600.00"] * n,
            "submitted_on": [dt.date(2021, 12, 6)] * n,
        }
    )  # fmt: skip


def _paid_once(report: vl.AuditReport, first: int, second: int) -> None:
    one, two = report.lines
    assert (one.beneficiary_id, two.beneficiary_id) == ("01001012345", "01001012345")
    assert (one.verdict, one.payable) == ("matches", Decimal("600.00"))
    assert (two.verdict, two.billed_on, two.payable) == ("already billed", first, Decimal("0.00"))
    # payable: 600.00 + 0.00 (before: 600.00 + 600.00 = 1,200.00, two beneficiaries)
    assert report.totals()["payable"] == Decimal("600.00")
    assert [(f.code, f.rows) for f in report.findings] == [("double-billing", (first, second))]


@pytest.mark.parametrize("path", ["columns", "line by line"])
def test_a_number_cell_that_lost_its_zero_is_the_id_the_file_writes_with_it(tmp_path: Path, path: str) -> None:
    invoice = _workbook(tmp_path, ["01001012345", 1001012345])
    report = audit_invoice(invoice) if path == "columns" else _line_by_line(invoice)
    assert (report._table is not None) == (path == "columns")
    _paid_once(report, 2, 3)  # (sheet rows: the header is row 1)


def test_a_frame_of_a_workbook_read_by_pandas_reads_its_ids_alike() -> None:
    # pandas.read_excel of that workbook: an object column of the text and the int
    pd = pytest.importorskip("pandas")
    frame = _frame(pd, ["01001012345", 1001012345], ["Nino Beridze", "nino beridze"])
    _paid_once(audit_invoice(frame), 0, 1)  # (the frame's labels)


@needs_libreoffice
def test_a_workbook_libreoffice_saved_reads_its_ids_alike(tmp_path: Path) -> None:
    # review 166 F2: the workbook as LibreOffice writes it (the number cell with its format of zeros)
    (tmp_path / "made").mkdir()
    made = _workbook(tmp_path / "made", ["01001012345", 1001012345])
    saved = libreoffice_convert(made, "xlsx:Calc MS Excel 2007 XML", tmp_path)
    kept = openpyxl.load_workbook(saved)
    cells = [row[0] for row in kept.active.iter_rows(min_row=2, values_only=True)]  # type: ignore[union-attr]
    assert cells == ["01001012345", 1001012345]  # (a text cell and a number cell, as written)
    _paid_once(audit_invoice(saved), 2, 3)
    _paid_once(_line_by_line(saved), 2, 3)


@pytest.mark.parametrize(
    ("ids", "shown"),
    [
        # two texts with zeros: which one the cell lost cannot be told (ids-alike names the three)
        (["007", "0007", 7], ["007", "0007", "7"]),
        # the digits written as text too: the number is that id
        (["007", "7", 7], ["007", "7", "7"]),
        # no text with zeros: the number's digits
        ([7, 7], ["7", "7"]),
        # a text id alone is as written (a CSV file's, every id)
        (["007", "7"], ["007", "7"]),
        # an id of letters is no number's
        (["B-07", 7], ["B-07", "7"]),
    ],
)
def test_a_number_cell_is_its_digits_otherwise(tmp_path: Path, ids: list[Any], shown: list[str]) -> None:
    invoice = _workbook(tmp_path, ids)
    for report in (audit_invoice(invoice), _line_by_line(invoice)):
        assert [ln.beneficiary_id for ln in report.lines] == shown
    assert [row.text("beneficiary_id") for row in read_invoice(invoice)] == shown


def test_every_reader_of_an_invoice_sees_the_id_read_with_its_zeros(tmp_path: Path) -> None:
    invoice = _workbook(tmp_path, [1001012345, "01001012345", 1001012345])
    assert [row.text("beneficiary_id") for row in read_invoice(invoice)] == ["01001012345"] * 3


@pytest.mark.parametrize(
    "people",
    [
        ["Nino Beridze", "Giorgi Kapanadze"],  # two children (review 173 F-D1: the second was paid 0.00)
        ["Nino Beridze", ""],  # one line names no one: who it is cannot be told
    ],
)
def test_a_number_cell_of_another_persons_line_is_its_digits(tmp_path: Path, people: list[str]) -> None:
    # 007 as text and 7 as a number, November 2021: two lines of 600.00 each, named apart: two
    # beneficiaries (1,200.00), which the ids-alike warning names (D39), as before D47
    invoice = _workbook(tmp_path, ["007", 7], people=people)
    for report in (audit_invoice(invoice), _line_by_line(invoice)):
        assert [ln.beneficiary_id for ln in report.lines] == ["007", "7"]
        assert report.totals()["payable"] == Decimal("1200.00")
        assert [f.code for f in report.findings] == ["ids-alike"]


def test_ids_of_equal_value_and_other_types_are_no_error() -> None:
    # review 173 F-D2: a Decimal (read_sql's NUMERIC) and a numpy int64 of equal value in one id
    # column raised a bare TypeError; each is the id 1001012345, the month billed twice (D28)
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    ids = pd.Series(["01001012345", Decimal("1001012345"), np.int64(1001012345)], dtype=object)
    frame = _frame(pd, ids, ["Nino Beridze"] * 3)
    report = audit_invoice(frame)
    # one person: the first line paid 600.00, the others already billed
    assert [ln.beneficiary_id for ln in report.lines] == ["01001012345"] * 3
    assert report.totals()["payable"] == Decimal("600.00")


@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from(["007", "0007", "7", "07", "B-7", "00", "0", " 007 "]),
                st.integers(0, 8),
                st.sampled_from([7.0, Decimal("7"), True, None, float("nan")]),
            ),
            st.sampled_from(["Ana", "ana ", "Giorgi", "", None]),
        ),
        max_size=8,
    )
)
def test_a_number_is_read_as_the_one_text_of_its_digits_with_zeros_of_one_person(lines: list[tuple[Any, Any]]) -> None:
    cells = [c for c, _ in lines]
    restored = ids_with_zeros(cells, [n for _, n in lines])
    texts = {c.strip() for c in cells if isinstance(c, str)}

    def person(name: Any) -> str:
        return " ".join(name.split()).casefold() if isinstance(name, str) else ""

    for (kind, cell), text in restored.items():
        # a number (no bool), whose digits no text writes as they are ...
        assert kind is type(cell) and not isinstance(cell, (str, bool)) and float(cell).is_integer()
        digits = str(int(cell))
        assert digits not in texts
        # ... read as the one text that is its digits with leading zeros
        assert text in texts and text.lstrip("0") == digits.lstrip("0") and text != digits
        assert [t for t in texts if t.isdigit() and t != digits and (t.lstrip("0") or "0") == digits] == [text]
        # ... whose lines, and the text's, all name one person
        names = {
            person(n)
            for c, n in lines
            if (isinstance(c, str) and c.strip() == text)
            or (not isinstance(c, (str, bool)) and c == c and c is not None and str(int(c)) == digits)
        }
        assert len(names) == 1 and "" not in names


def test_one_name_composed_two_ways_is_one_person() -> None:
    # review 175 F6: "Zoë" with a precomposed ë and with e and a combining diaeresis are one name
    assert ids_with_zeros(["007", 7], ["Zo\u00eb", "Zoe\u0308"]) == {(int, 7): "007"}


def test_a_name_cell_of_pandas_missing_value_is_no_name() -> None:
    # review 176 F0: a frame's nullable string name column holds pd.NA, whose truth raised
    # ("boolean value of NA is ambiguous"): no report. A line naming no one: two ids, each paid
    # 600.00 (1,200.00), the ids-alike warning naming them (D39)
    pd = pytest.importorskip("pandas")
    ids = pd.Series(["01001012345", 1001012345], dtype=object)
    frame = _frame(pd, ids, ["Nino Beridze", "x"])
    frame["name"] = pd.array(["Nino Beridze", None], dtype="string")
    report = audit_invoice(frame)
    assert [ln.beneficiary_id for ln in report.lines] == ["01001012345", "1001012345"]
    assert report.totals()["payable"] == Decimal("1200.00")
    assert [f.code for f in report.findings] == ["ids-alike"]
