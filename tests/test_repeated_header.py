"""A header repeated below the header: two tables joined into one file (review 211 F1).

Providers' exports are joined with ``cat``, pasted one under the other in a sheet, or come from a
PDF whose table repeats its header on every page. The rows under a second header are of a table
whose columns may stand elsewhere. Read under the first header, they were paid from the wrong
columns, and the only sign was the header row itself, refused as a bad month. A row of two or
more cells, each a header word and none holding a digit, is a header: when its words name the
columns they stand in, the row is said to be the header again (its rows under it read as the
rows above); when a word names another column, the file is refused, naming the row and the
columns that moved, on every path that reads a table (files line by line, by columns and in
runs, frames).

Hand figures (the 2021 rates: 20.00 GEL a day without disability status; both the enrolment and
the discharge day are service days, D1):

* Y-001: October 2021, enrolled 15 Mar 2021, not discharged: 31 days x 20.00 = 620.00; submitted
  4 Nov, before the deadline (Fri 5 Nov): paid in full, 620.00.
* Y-002: October 2021, enrolled 20 Oct, not discharged: 20..31 Oct = 12 days x 20.00 = 240.00,
  submitted 4 Nov: 240.00. Read under the first header (``enrolled_on, discharged_on``) its cells
  said "discharged 20 Oct, enrolled before the month": 1..20 Oct = 20 days, 400.00 (the wrong
  amount the review found).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import voucherlib as vl
from voucherlib.cli import main
from voucherlib.reports.settlement_file import settle_chunks, settle_file

FIRST = "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on"
MOVED = "beneficiary_id,month,discharged_on,enrolled_on,disability,submitted_on"
Y1 = "Y-001,2021-10,2021-03-15,,no,2021-11-04"
Y2_MOVED = "Y-002,2021-10,,2021-10-20,no,2021-11-04"  # (under MOVED: enrolled 20 Oct)
Y2_SAME = "Y-002,2021-10,2021-10-20,,no,2021-11-04"  # (under FIRST: enrolled 20 Oct)
REFUSAL = "row 3 repeats a header whose columns do not stand as the first header's (enrolled_on: 'discharged_on', discharged_on: 'enrolled_on')"

REFUSED_ROW_3 = (  # (a word naming another column; else headings voucherlib does not know, or none: review 217 F2)
    "row 3 (repeats a header whose columns do not stand as the first header's|repeats the header, but its cells "
    "over columns amounts are read from are blank or headings voucherlib cannot place|repeats the header, but its "
    "heading|holds a few headings)"
)


def _csv(tmp_path: Path, *lines: str, bom: str = "") -> Path:
    path = tmp_path / "joined.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if bom:  # (each export begins with a byte-order mark, and cat keeps the second's)
        path.write_bytes(
            b"\xef\xbb\xbf" + path.read_bytes().replace(b"\nbeneficiary_id", b"\n\xef\xbb\xbfbeneficiary_id")
        )
    return path


def test_a_header_with_columns_in_other_places_refuses_the_file_on_every_path(tmp_path: Path) -> None:
    path = _csv(tmp_path, FIRST, Y1, MOVED, Y2_MOVED)
    with pytest.raises(vl.FileRefused) as refused:
        settle_file(path)
    assert REFUSAL in str(refused.value) and "two tables are joined" in str(refused.value)
    assert "სტრიქონი 3 იმეორებს სათაურს" in refused.value.message("ka")
    with pytest.raises(vl.FileRefused, match=REFUSAL.replace("(", r"\(").replace(")", r"\)")):
        list(settle_chunks(path))  # (the command line's runs)
    assert main(["settle", str(path), "-q", "--format", "csv"]) == 2  # refused, nothing paid
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    frame = pd.read_csv(path)  # pandas keeps the second header as a row (its label 1)
    with pytest.raises(vl.FileRefused, match="row 1 repeats a header"):
        settle_frame(frame)
    with pytest.raises(vl.FileRefused, match="row 1 repeats a header"):
        settle_file(frame)


def test_an_invoice_with_a_second_header_is_refused_by_the_audit_on_both_paths(tmp_path: Path) -> None:
    # B-02 under the second header: enrolled 20 Nov, not discharged: 20..30 Nov = 11 days x 20.00 =
    # 220.00 (read under the first, discharged 20 Nov: 20 days, 400.00)
    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "B-01,Nino Beridze,2021-11,2021-05-01,,no,600.00,2021-12-06\n"
        "beneficiary_id,name,month,discharged_on,enrolled_on,disability,claimed,submitted_on\n"
        "B-02,Giorgi K,2021-11,,2021-11-20,no,600.00,2021-12-06\n",
        encoding="utf-8",
    )
    with pytest.raises(vl.FileRefused, match=REFUSED_ROW_3):
        vl.audit_invoice(path)
    pd = pytest.importorskip("pandas")
    with pytest.raises(vl.FileRefused, match="row 1 repeats a header"):
        vl.audit_invoice(pd.read_csv(path, dtype=str, keep_default_na=False))


def test_a_header_again_in_the_same_places_is_said_and_the_rows_under_it_are_read(tmp_path: Path) -> None:
    # In Georgian, and with a byte-order mark before it as cat leaves it: the row is the header
    # again (not "month: got 'month'", nor an id holding U+FEFF); Y-002 is paid 240.00
    georgian = "ბენეფიციარის კოდი,თვე,ჩარიცხვის თარიღი,ამორიცხვის თარიღი,შშმ სტატუსი,წარდგენის თარიღი"
    for header, bom in ((georgian, ""), (FIRST, "bom")):
        rows = settle_file(_csv(tmp_path, FIRST, Y1, header, Y2_SAME, bom=bom)).rows
        assert [r.settlement.payable if r.settlement else None for r in rows] == [
            Decimal("620.00"),
            None,
            Decimal("240.00"),
        ]
        assert str(rows[1].error).startswith("the header again, its columns in the same places")
        assert rows[1].error.text("ka").startswith("ისევ სათაური")
        runs = list(settle_chunks(_csv(tmp_path, FIRST, Y1, header, Y2_SAME, bom=bom)))  # (the command line's)
        assert [p for run in runs for p in run.columns["payable"]] == [Decimal("620.00"), None, Decimal("240.00")]
        assert [str(e) if e else None for run in runs for e in run.columns["error"]] == [None, str(rows[1].error), None]


def test_a_sheet_of_two_tables_stacked_is_refused_and_one_header_repeated_is_said(tmp_path: Path) -> None:
    def sheet(second: list[str], y2: list[object]) -> Path:
        book = openpyxl.Workbook()
        book.active.append(FIRST.split(","))
        book.active.append(["Y-001", "2021-10", "2021-03-15", None, "no", "2021-11-04"])
        book.active.append(second)
        book.active.append(y2)
        path = tmp_path / "stacked.xlsx"
        book.save(path)
        return path

    moved = sheet(MOVED.split(","), ["Y-002", "2021-10", None, "2021-10-20", "no", "2021-11-04"])
    with pytest.raises(vl.FileRefused, match=REFUSED_ROW_3):
        settle_file(moved)
    same = sheet(FIRST.split(","), ["Y-002", "2021-10", "2021-10-20", None, "no", "2021-11-04"])
    rows = settle_file(same).rows
    assert rows[2].settlement is not None and rows[2].settlement.payable == Decimal("240.00")
    assert str(rows[1].error).startswith("the header again")


def test_a_facility_occupancy_with_its_columns_moved_is_refused(tmp_path: Path) -> None:
    # The second table's limit and children_served change places: read under the first header,
    # a limit of 20 with 18 served (2 unfilled places a day) was read as a limit of 18 with 20
    head1 = "facility_id,city,service,limit,date,children_served"
    head2 = "facility_id,city,service,children_served,date,limit"
    path = tmp_path / "occupancy.csv"
    path.write_text(
        "\n".join([head1, "F-1,Tbilisi,shelter,20,2021-10-01,18", head2, "F-1,Tbilisi,shelter,18,2021-10-02,20"])
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(vl.FileRefused, match=r"row 3 repeats a header .*limit: 'children_served'"):
        vl.facility_file(path)


@pytest.mark.parametrize(
    ("row", "payable"),
    [
        ("Y-003,October,,,no,", None),  # words, but not a header's: data, refused for its month
        ("beneficiary_id,,,,,", None),  # one header word alone: a row of data without a month
        # a header word as an id beside data: the id "month", October 2021, 31 x 20.00 = 620.00
        ("month,2021-10,,,no,2021-11-04", Decimal("620.00")),
    ],
)
def test_a_row_that_is_no_header_is_read_as_data(tmp_path: Path, row: str, payable: Decimal | None) -> None:
    rows = settle_file(_csv(tmp_path, FIRST, Y1, row)).rows
    assert rows[0].settlement is not None and rows[0].settlement.payable == Decimal("620.00")
    if payable is None:
        assert rows[1].error is not None and "header" not in str(rows[1].error)
    else:
        assert rows[1].settlement is not None and rows[1].settlement.payable == payable


@pytest.mark.parametrize("extra", [("notes", "remark"), ("Column1", "Column1"), ("note 2021", "note 2021")])
def test_a_column_the_table_does_not_read_is_left_aside_when_a_header_is_repeated(tmp_path: Path, extra) -> None:
    # Review 212 F1: settle keeps a column it does not read; a second header whose cell there held a
    # digit (Column1) or another name (remark for notes) was taken for data, and Y-002 paid 400.00
    # for 240.00. Only the table's own columns tell a header.
    first, second = extra
    path = _csv(tmp_path, f"{FIRST},{first}", f"{Y1},x", f"{MOVED},{second}", f"{Y2_MOVED},y")
    with pytest.raises(vl.FileRefused, match=REFUSED_ROW_3):
        settle_file(path)
    with pytest.raises(vl.FileRefused, match=REFUSED_ROW_3):
        list(settle_chunks(path))


@pytest.mark.parametrize("footer", ["Provider,Date", "მიმწოდებელი,თარიღი", "Name,Signature", "Provider,Month"])
def test_a_footer_of_header_words_is_a_line_not_a_header(tmp_path: Path, footer: str) -> None:
    # Review 212 F3: a signature footer (the provider's representative signs and dates the
    # document) of words that head columns refused the whole invoice as two tables joined; a
    # header names every column a header must, which no footer does. B-01: November 2021, enrolled
    # in May, 30 x 20.00 = 600.00, in time (6 Dec): it matches; the footer is a line not checked.
    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "B-01,Nino,2021-11,2021-05-01,,no,600.00,2021-12-06\n" + footer + ",,,,,,\n",
        encoding="utf-8",
    )
    report = vl.audit_invoice(path)
    assert [ln.verdict for ln in report.lines] == ["matches", "invalid"]
    assert "header" not in report.lines[1].reason


def test_an_invoice_with_its_header_on_each_page_bills_no_one_on_the_header_rows(tmp_path: Path) -> None:
    # Review 212 F2: a PDF's table, its header repeated in the same places on each page: the header
    # rows were lines billing "beneficiary_id" for "month" twice (a double-billing error) with claims
    # "that could not be read". They bill no one: each is a line not checked, the header again.
    # B-01, B-02: November 2021, enrolled in May: 30 x 20.00 = 600.00 each, in time: both match.
    header = "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on"
    path = tmp_path / "pages.csv"
    path.write_text(
        "\n".join(
            [
                header,
                "B-01,Nino,2021-11,2021-05-01,,no,600.00,2021-12-06",
                header,
                header,
                "B-02,Eka,2021-11,2021-05-01,,no,600.00,2021-12-06",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    pd = pytest.importorskip("pandas")
    for source in (path, pd.read_csv(path, dtype=str, keep_default_na=False)):
        report = vl.audit_invoice(source)
        assert [ln.verdict for ln in report.lines] == ["matches", "invalid", "invalid", "matches"]
        assert {f.code for f in report.findings} == {"not-checked"}  # no double billing of the headers
        assert all("the header again" in f.text() for f in report.findings)
        assert "could not be read" not in report.summary_line()
        assert report.total_payable == Decimal("1200.00")
        # review 213 F6: a header names no one. Its line and finding were filed under a beneficiary
        # "beneficiary_id" for a month "month" ("row 3 (beneficiary_id) could not be checked").
        for k in (1, 2):
            assert (report.lines[k].beneficiary_id, report.lines[k].name, report.lines[k].month) == ("", "", "")
        assert [(f.beneficiary_id, f.month) for f in report.findings] == [("", ""), ("", "")]
        first_row = 3 if source is path else 1  # (a frame's rows by its index)
        assert report.findings[0].text().startswith(f"row {first_row} could not be checked: the header again")


def test_a_facility_claims_header_again_is_one_line_naming_no_facility(tmp_path: Path) -> None:
    # Review 213 F6: each repeated claims header was two lines (children served, unfilled places),
    # each under a facility "facility_id": 2 claim rows and 2 header rows were "lines 8", 4 invalid.
    # Now one line a header row, naming no facility: 2 x 2 lines of the claims + 2 = 6, 2 invalid.
    from importlib.resources import files

    header = "facility_id,month,claimed_children,claimed_unfilled"
    claims = tmp_path / "claims.csv"
    claims.write_text(
        "\n".join([header, "F-1,2021-09,10500.00,1500.00", "F-2,2021-09,26250.00,750.00", header, header]) + "\n",
        encoding="utf-8",
    )
    occupancy = files("voucherlib.examples").joinpath("facility_occupancy.csv")
    report = vl.audit_facility_invoice(str(occupancy), claims, daily_rate="25")
    assert len(report.lines) == 6
    again = [ln for ln in report.lines if ln.verdict == "invalid"]
    assert [(ln.row, ln.beneficiary_id, ln.month) for ln in again] == [(4, "", ""), (5, "", "")]
    assert all("the header again" in ln.reason for ln in again)
    not_checked = [f for f in report.findings if f.code == "not-checked"]
    assert [(f.rows, f.beneficiary_id) for f in not_checked] == [((4,), ""), ((5,), "")]


def test_a_cell_of_a_str_subclass_is_read_as_the_text_it_holds(tmp_path: Path) -> None:
    # Review 212 F4 (D43): the check asked a str subclass's own strip(); its error escaped
    pd = pytest.importorskip("pandas")

    class Loud(str):
        def strip(self, chars: str | None = None) -> str:
            raise RuntimeError("strip asked")

        def replace(self, *args: object) -> str:
            raise RuntimeError("replace asked")

    frame = pd.DataFrame(
        {
            "beneficiary_id": ["Y-001", Loud("Y-002")],
            "month": ["2021-10", Loud("Octobre")],
            "enrolled_on": [None, None],
            "discharged_on": [None, None],
            "disability": ["no", Loud("no")],
            "submitted_on": ["2021-11-04", "2021-11-04"],
        }
    )
    rows = settle_file(frame).rows
    assert rows[0].settlement is not None and rows[0].settlement.payable == Decimal("620.00")
    assert rows[1].settlement is None and "month" in str(rows[1].error)


def test_two_audits_under_other_calendars_are_not_equal(tmp_path: Path) -> None:
    # Review 212 F5: reports of no settled line under two calendars compared equal, their
    # summaries naming other days off
    import datetime as dt

    path = tmp_path / "invalid.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\nB-1,2021-13,,,no,600.00,2021-12-06\n",
        encoding="utf-8",
    )
    other = vl.WorkingCalendar(extra_non_working_days=[dt.date(2021, 12, 3)])
    plain, under_other = vl.audit_invoice(path), vl.audit_invoice(path, calendar=other)
    assert plain.summary_line() != under_other.summary_line()
    assert plain != under_other and plain == vl.audit_invoice(path)
    assert hash(plain) == hash(vl.audit_invoice(path))


# Review 213: headers that D49 as first narrowed let through or refused wrongly. Each file: a first
# table, then a second header and Y-002's row under it (enrolled 20 Oct, not discharged: 240.00 by
# hand; read under the first header, 400.00). A second header whose columns moved is refused; the
# same header again is said on its row.
_MOVED_CASES = {
    # a column the table takes but does not read, headed by other words in the second table
    "name heading": (
        "beneficiary_id,სახელი და გვარი,month,enrolled_on,discharged_on,disability,submitted_on",
        "Y-001,Nino,2021-10,2021-03-15,,no,2021-11-04",
        "beneficiary_id,გვარი სახელი,month,discharged_on,enrolled_on,disability,submitted_on",
        "Y-002,Eka,2021-10,,2021-10-20,no,2021-11-04",
    ),
    # a column settle does not read (name) moved into one it reads
    "name moved in": (
        FIRST,
        Y1,
        "name,beneficiary_id,month,discharged_on,enrolled_on,disability,submitted_on",
        "Eka,Y-002,2021-10,,2021-10-20,no,2021-11-04",
    ),
    # one cell more than the first header (a column of notes, empty in its rows): a row too wide
    "one cell more": (
        FIRST,
        Y1,
        "beneficiary_id,month,discharged_on,enrolled_on,disability,submitted_on,შენიშვნა",
        "Y-002,2021-10,,2021-10-20,no,2021-11-04,",
    ),
    # review 214 F1: the moved columns headed by words voucherlib does not know
    "unknown headings": (
        FIRST,
        Y1,
        "beneficiary_id,month,Date of discharge,Date of enrolment,disability,submitted_on",
        Y2_MOVED,
    ),
    # review 214 F2: the names headed ბენეფიციარი (which may head the ids) where the first header's
    # ids stand, the personal numbers by a heading voucherlib does not know
    "weak id beside an unknown id": (
        "ბენეფიციარი,პირადი ნომერი,month,enrolled_on,discharged_on,disability,submitted_on",
        "Nino,01001012345,2021-10,2021-03-15,,no,2021-11-04",
        "პ-ნომერი,ბენეფიციარი,month,enrolled_on,discharged_on,disability,submitted_on",
        "01001012346,Nino,2021-10,2021-10-20,,no,2021-11-04",
    ),
    # the ids and the names (under ბენეფიციარი, beside a personal number) changed places
    "ids and names swapped": (
        "ბენეფიციარი,პირადი ნომერი,month,enrolled_on,discharged_on,disability,submitted_on",
        "Nino,01001012345,2021-10,2021-03-15,,no,2021-11-04",
        "პირადი ნომერი,ბენეფიციარი,month,enrolled_on,discharged_on,disability,submitted_on",
        "01001012346,Eka,2021-10,2021-10-20,,no,2021-11-04",
    ),
}


@pytest.mark.parametrize("case", sorted(_MOVED_CASES))
def test_a_moved_second_header_is_refused_whatever_else_its_cells_hold(tmp_path: Path, case: str) -> None:
    path = _csv(tmp_path, *_MOVED_CASES[case])
    with pytest.raises(vl.FileRefused, match=REFUSED_ROW_3):
        settle_file(path)
    with pytest.raises(vl.FileRefused, match=REFUSED_ROW_3):
        list(settle_chunks(path))


def test_the_same_header_again_beside_a_personal_number_is_said_not_refused(tmp_path: Path) -> None:
    # Review 213 F3: ბენეფიციარი heads the names beside a personal number; the same header again
    # was refused as "columns in other places (name: 'ბენეფიციარი')". Each row: October 2021,
    # enrolled 15 Mar, 31 x 20.00 = 620.00.
    header = "ბენეფიციარი,ბენეფიციარის პირადი ნომერი,month,enrolled_on,discharged_on,disability,submitted_on"
    rows = settle_file(
        _csv(
            tmp_path,
            header,
            "Nino,01001012345,2021-10,2021-03-15,,no,2021-11-04",
            header,
            "Eka,01001012346,2021-10,2021-03-15,,no,2021-11-04",
        )
    ).rows
    assert [r.beneficiary_id for r in rows] == ["01001012345", "", "01001012346"]  # (a header names no one)
    assert [str(r.settlement.payable) if r.settlement else None for r in rows] == ["620.00", None, "620.00"]
    assert str(rows[1].error).startswith("the header again")


def test_columns_shown_only_that_changed_places_are_the_header_again(tmp_path: Path) -> None:
    # Review 214 F6: settle refused a file whose second header swapped only the names and the
    # provider, which no amount is read from; its rows read as the rows above: Y-002 enrolled 20
    # Oct, 240.00 (12 days x 20.00)
    header = "beneficiary_id,name,provider,month,enrolled_on,discharged_on,disability,submitted_on"
    swapped = "beneficiary_id,provider,name,month,enrolled_on,discharged_on,disability,submitted_on"
    rows = settle_file(
        _csv(
            tmp_path,
            header,
            "Y-001,Nino,P-1,2021-10,2021-03-15,,no,2021-11-04",
            swapped,
            "Y-002,P-1,Eka,2021-10,2021-10-20,,no,2021-11-04",
        )
    ).rows
    assert [str(r.settlement.payable) if r.settlement else None for r in rows] == ["620.00", None, "240.00"]
    assert str(rows[1].error).startswith("the header again")


def test_a_second_header_with_blank_headings_over_amount_columns_is_refused(tmp_path: Path) -> None:
    # Review 215 F2: blank headings over the dates were taken for the header again, and the rows
    # under it read by the first header: Y-002's enrolment read as its discharge (400.00 for 240.00)
    path = _csv(tmp_path, FIRST, Y1, "beneficiary_id,month,,,disability,submitted_on", Y2_MOVED)
    with pytest.raises(vl.FileRefused, match=REFUSED_ROW_3):
        settle_file(path)


def test_a_frame_whose_second_header_the_engine_sees_two_words_of_is_refused() -> None:
    # Review 215 F1: settle_frame reads five columns; a second header with two known words among
    # them (the dates, moved) was data to it, and Y-002 paid 400.00 for 240.00
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    frame = pd.DataFrame(
        {
            "beneficiary_id": ["Y-001", "beneficiary_id", "Y-002"],
            "month": ["2021-10", "Period", "2021-10"],
            "enrolled_on": ["2021-03-15", "discharged_on", None],
            "discharged_on": [None, "enrolled_on", "2021-10-20"],
            "disability": ["no", "Status", "no"],
            "submitted_on": ["2021-11-04", "Filed", "2021-11-04"],
        }
    )
    with pytest.raises(vl.FileRefused, match="row 1 repeats a header"):
        settle_frame(frame)


def test_columns_given_by_position_are_refused_without_a_first_header_said() -> None:
    # Review 215 F5: settle_arrays has no header (the caller picks the columns by its own names), so a
    # row repeating the caller's header (month, Start, End, ...) cannot be compared with one: the
    # refusal said its columns "do not stand as the first header's", a header that was never given.
    # Still refused (the rows under it could be from other columns), in words that say why.
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_arrays

    f = pd.DataFrame(
        {
            "month": ["2021-10", "month", "2021-10"],
            "Start": ["2021-10-20", "Start", None],
            "End": [None, "End", None],
            "disability": [False, "disability", False],
            "submitted": ["2021-11-04", "submitted", "2021-11-04"],
        }
    )
    with pytest.raises(vl.FileRefused) as refused:
        settle_arrays(f["month"], f["Start"], f["End"], f["disability"], f["submitted"])
    said = str(refused.value)
    assert "first header" not in said
    assert "row 1 holds a header (enrolled_on: 'Start', discharged_on: 'End')" in said
    assert "leave the header rows out of the columns given" in said and refused.value.field == "columns"
    assert "სტრიქონი 1 სათაურს შეიცავს" in refused.value.message("ka")  # (review 218 F4: the words)


GEORGIAN_INVOICE = (
    "ბენეფიციარის კოდი;სახელი, გვარი;თვე;ჩარიცხვის თარიღი;ამორიცხვის თარიღი;შშმ სტატუსი;მოთხოვნილი თანხა;წარდგენის თარიღი\n"
    "01001000001;ნინო ბერიძე;2021-10;2021-01-10;;კი;930.00;2021-11-05\n"
    "01001000002;გიორგი მაისურაძე;2021-10;2021-10-11;;არა;420.00;2021-11-05\n"
)
"""Hand figures (October 2021; the deadline is Fri 5 Nov, both submitted that day: paid in full):
01001000001, enrolled in January, with status: 31 days x 30.00 = 930.00; 01001000002, enrolled 11
Oct, without: 11..31 Oct = 21 days x 20.00 = 420.00. Both claims match: 1,350.00 payable."""


SMALL_TABLE = "holds a few headings"
"""(A row of few headings that name other columns: a recap of its own, or a second table joined.)"""


@pytest.mark.parametrize(
    "recap",
    [
        ";;;;;;;\nთვე;ბენეფიციარების რაოდენობა;თანხა;;;;;\n2021-10;2;1350.00;;;;;\n",  # a recap by month
        ";;;;;;;\nბენეფიციარი;თანხა;;;;;;\n01001000001;930.00;;;;;;\n01001000002;420.00;;;;;;\n",  # by beneficiary
    ],
    ids=["recap by month", "recap by beneficiary"],
)
def test_a_small_table_under_the_lines_is_refused_saying_what_it_may_be(tmp_path: Path, recap: str) -> None:
    # Review 217 F1: a recap under the lines, two header words (თვე, თანხა) over two or three
    # columns, was refused as "a header whose columns do not stand as the first header's (...,
    # enrolled_on: '', discharged_on: '', ...)". Its row alone cannot be told from a second table
    # joined with its other headings left blank, whose rows would be paid from the wrong columns
    # (review 219 F1: taken for a label, 360.00 was paid for 600.00): it still refuses the file, in
    # words that say both and what to do, naming its headings alone.
    path = tmp_path / "recap.csv"
    path.write_text(GEORGIAN_INVOICE + recap, encoding="utf-8")
    with pytest.raises(vl.FileRefused) as refused:
        vl.audit_invoice(path)
    said = str(refused.value)
    assert f"row 5 {SMALL_TABLE}" in said and "move such a table to a sheet or a file of its own" in said
    assert "''" not in said and "do not stand as the first header's" not in said
    assert "სტრიქონი 5 რამდენიმე სათაურს შეიცავს" in refused.value.message("ka")


def test_a_second_table_of_few_headings_is_refused_on_every_path(tmp_path: Path) -> None:
    # Review 219 F1: a second table whose header gives only its two dates, swapped (the others left
    # blank), rows filling every column, headed half the columns amounts are read from or fewer and
    # was taken for a label: Y-002 (enrolled 20 Oct under the second header) paid from the first
    # header's columns, "discharged 20 Oct" (1..20 Oct = 20 x 20.00 = 400.00) where 12 x 20.00 =
    # 240.00 is due; an invoice audited with a default submission date the same. Refused on each path.
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    path = _csv(tmp_path, FIRST, Y1, ",,discharged_on,enrolled_on,,", Y2_MOVED)
    with pytest.raises(vl.FileRefused, match=f"row 3 {SMALL_TABLE}"):
        settle_file(path)
    with pytest.raises(vl.FileRefused, match=f"row 3 {SMALL_TABLE}"):
        list(settle_chunks(path))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False).replace("", None).drop(columns=["beneficiary_id"])
    with pytest.raises(vl.FileRefused, match=f"row 1 {SMALL_TABLE}"):
        settle_frame(frame)
    invoice = tmp_path / "invoice.csv"
    invoice.write_text(
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed\n"
        "Y-001,Nino,2021-10,2021-03-15,,no,620.00\n,,,discharged_on,enrolled_on,,\n"
        "Y-002,Eka,2021-10,,2021-10-20,no,240.00\n",
        encoding="utf-8",
    )
    with pytest.raises(vl.FileRefused, match=f"row 3 {SMALL_TABLE}"):
        vl.audit_invoice(invoice, submitted_on="2021-11-04")


def test_a_second_header_of_few_headings_with_a_date_moved_is_still_refused(tmp_path: Path) -> None:
    # A second header with three headings (`,month,discharged_on,,,submitted_on`, the others blank)
    # heads half the columns settle reads from, and its rows fill every column. Taken for a label (the
    # first version of review 217's rule), its rows were read by the first header: Y-002 discharged 20
    # Oct read as enrolled 20 Oct, 20..31 Oct = 12 x 20.00 = 240.00 paid, where 1..20 Oct = 20 x 20.00
    # = 400.00 is due.
    path = _csv(tmp_path, FIRST, Y1, ",month,discharged_on,,,submitted_on", "Y-002,2021-10,2021-10-20,,no,2021-11-04")
    with pytest.raises(vl.FileRefused, match=f"row 3 {SMALL_TABLE}"):
        settle_file(path)


def test_a_header_in_another_language_in_the_same_places_is_refused_in_true_words(tmp_path: Path) -> None:
    # Review 217 F2: an English copy of the header under the Georgian one, every column in place, was
    # refused as "columns [that] do not stand as the first header's ... two tables joined", advice
    # that cannot be followed. Headings voucherlib does not know over the dates may hide a swap
    # (review 214), so the file is still refused, saying what it holds and what to do.
    path = tmp_path / "english.csv"
    lines = GEORGIAN_INVOICE.split("\n", 1)
    english = "Beneficiary code;Name;Service month;Date of enrolment;Date of discharge;Disability status;Amount claimed;Date of submission\n"
    path.write_text(lines[0] + "\n" + english + lines[1], encoding="utf-8")
    with pytest.raises(vl.FileRefused) as refused:
        vl.audit_invoice(path)
    said = str(refused.value)
    assert "do not stand as the first header's" not in said and "joined" not in said
    assert "row 2 repeats the header, but its cells over columns amounts are read from are blank or headings" in said
    assert "delete the row" not in said  # (review 223 F1: a row deleted, the rows under it read by the first header)
    assert "enrolled_on: 'Date of enrolment'" in said and "write its headings as the first header writes them" in said


def test_an_occupancy_header_again_names_no_facility_and_its_line_no_one(tmp_path: Path) -> None:
    # Review 218 F2, F5: the occupancy file's header repeated was a facility-month of a facility
    # "facility_id" ("row 6 of the occupancy file (facility_id (occupancy)) could not be checked:
    # occupancy: got nothing; expected the header again ..."), and an invoice's header again was
    # explained as "Line 3, : invalid".
    from importlib.resources import files

    header = "facility_id,city,service,limit,date,children_served"
    days = [f"F-1,tbilisi,shelter,20,2021-09-{d:02d},12" for d in range(1, 31)]
    occupancy = tmp_path / "occupancy.csv"
    occupancy.write_text("\n".join([header, *days[:4], header, *days[4:]]) + "\n", encoding="utf-8")
    claims = files("voucherlib.examples").joinpath("facility_claims.csv")
    report = vl.audit_facility_invoice(occupancy, str(claims), daily_rate="25")
    again = [ln for ln in report.lines if "the header again" in ln.reason]
    assert [(str(ln.row), ln.beneficiary_id, ln.month) for ln in again] == [("6 of the occupancy file", "", "")]
    (finding,) = [f for f in report.findings if f.rows == (again[0].row,)]
    assert finding.text() == (
        "row 6 of the occupancy file could not be checked: the header again, its columns in the same places "
        "(two tables joined?): a header, not a row of data"
    )
    text = vl.facility_file(occupancy, daily_rate="25").to_text()  # (review 219 F2: "(row 6): row 6: ...")
    assert "\nrow 6: the header again" in text and "(row 6)" not in text
    invoice = tmp_path / "pages.csv"
    head = "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on"
    invoice.write_text(f"{head}\nB-01,Nino,2021-11,2021-05-01,,no,600.00,2021-12-06\n{head}\n", encoding="utf-8")
    audit = vl.audit_invoice(invoice)
    assert audit.explain(audit.lines[1]).splitlines()[0] == "Line 3: invalid"
    assert audit.explain(audit.lines[0]).splitlines()[0] == "Line 2, B-01 Nino: matches"  # (B-01: 30 x 20.00 = 600.00)


def test_a_settled_header_again_names_no_beneficiary_or_month(tmp_path: Path) -> None:
    # Review 218 F2: `voucherlib settle` showed the header again as a row of beneficiary
    # "beneficiary_id" for month "month". Y-001 (31 x 20.00 = 620.00) and Y-002 (12 x 20.00 =
    # 240.00) as in the module's figures, on time.
    path = _csv(tmp_path, FIRST, Y1, FIRST, Y2_SAME)
    rows = settle_file(path).rows
    assert [(r.beneficiary_id, r.month) for r in rows] == [("Y-001", "2021-10"), ("", ""), ("Y-002", "2021-10")]
    (chunk,) = settle_chunks(path)
    assert chunk.columns["beneficiary_id"] == ["Y-001", "", "Y-002"]
    assert chunk.columns["payable"] == [Decimal("620.00"), None, Decimal("240.00")]


@pytest.mark.parametrize(
    "second", ["beneficiary_id,month,,,,submitted_on", ",month,,,disability,submitted_on", "beneficiary_id,month,,,,"]
)
def test_a_second_header_of_few_headings_in_place_with_blanks_is_refused(tmp_path: Path, second: str) -> None:
    # Review 221 F1: a second table's header keeping a few headings in their places, the others
    # (the dates among them) blank, was "the header again" at 79bc953, and the rows under it were
    # read by the first header: Y-002 under the second table, enrolled 20 Oct (12 x 20.00 = 240.00),
    # was paid 400.00 as discharged 20 Oct. Blank headings over columns amounts are read from are
    # never the same header (review 215 F2), whatever else the row holds.
    path = _csv(tmp_path, FIRST, Y1, second, Y2_MOVED)
    with pytest.raises(vl.FileRefused, match=f"row 3 {SMALL_TABLE}") as refused:
        settle_file(path)
    # (review 223 F1: not "delete the row", which let the rows under it be read by the first header)
    assert "move such a table to a sheet or a file of its own" in str(refused.value)
    with pytest.raises(vl.FileRefused, match=f"row 3 {SMALL_TABLE}"):
        list(settle_chunks(path))


@pytest.mark.parametrize("second", [",,discharged_on,enrolled_on,,submitted_on", ",month,discharged_on,enrolled_on,,"])
def test_a_row_of_a_few_headings_is_said_alike_by_a_file_and_its_frame(tmp_path: Path, second: str) -> None:
    # Review 221 F3: settle_frame, which does not read the id, counted its columns without it and
    # said these rows were a header whose columns were moved (listing the blank cells as columns),
    # where settle_file said a small table of its own; both refuse, now in the same words
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    path = _csv(tmp_path, FIRST, Y1, second, Y2_MOVED)
    with pytest.raises(vl.FileRefused, match=f"row 3 {SMALL_TABLE}"):
        settle_file(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False).replace("", None)
    for given in (frame, frame.drop(columns=["beneficiary_id"])):
        with pytest.raises(vl.FileRefused, match=f"row 1 {SMALL_TABLE}"):
            settle_frame(given)


def test_a_weak_heading_in_its_place_beside_a_page_caption_is_said_for_what_it_is(tmp_path: Path) -> None:
    # D49 and review 211 F3: `ბენეფიციარი` names the ids alone, but beside other words it may name the
    # names, so a repeated header with a page caption is refused (a false refusal is safer than a
    # wrong amount). Review 223 F2: the refusal called it a heading voucherlib cannot place and
    # advised writing it as the first header does, which it already is.
    header = "ბენეფიციარი,თვე,ჩარიცხვის თარიღი,ამორიცხვის თარიღი,შშმ სტატუსი,წარდგენის თარიღი,provider"
    row = "Y-001,2021-10,2021-09-01,,no,2021-11-05,P"
    path = tmp_path / "paged.csv"
    path.write_text("\n".join([header, row, header.replace("provider", "გვერდი 2"), row]) + "\n", encoding="utf-8")
    with pytest.raises(vl.FileRefused) as refused:
        settle_file(path)
    said = str(refused.value)
    assert "cannot place" not in said and "as the first header writes them" not in said
    assert "its heading of the ids (beneficiary_id: 'ბენეფიციარი') may name the names too" in said
    assert "other words beside it ('გვერდი 2')" in said and "leave the other words out of the row" in said
    assert "ამოიღეთ სხვა სიტყვები ამ სტრიქონიდან" in refused.value.message("ka")
    # without the caption, the row is the header again: a line not checked, the rows under it read
    # by the first header (Y-001 twice: 31 x 20.00 = 620.00 each, submitted on the 5th, on time)
    path.write_text("\n".join([header, row, header, row]) + "\n", encoding="utf-8")
    rows = settle_file(path).rows
    assert [None if r.settlement is None else r.settlement.payable for r in rows] == [
        Decimal("620.00"),
        None,
        Decimal("620.00"),
    ]


def test_two_weak_headings_repeated_are_said_to_leave_the_ids_column_unknown() -> None:
    # review 223 F2: `id` over the ids and `ID` over the names, repeated, was called headings
    # voucherlib cannot place; each may name the ids, so the row cannot tell which column holds them
    from voucherlib.input.files import header_again
    from voucherlib.input.table import header_words
    from voucherlib.reports.settlement_file import voucher_columns

    columns = ["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "submitted_on"]
    row = dict(zip(columns, columns, strict=True)) | {"beneficiary_id": "id", "name": "ID"}
    with pytest.raises(
        vl.FileRefused, match=r"its headings \(beneficiary_id: 'id', name: 'ID'\) may each name the ids"
    ):
        header_again(row, 3, header_words(voucher_columns()))
