"""Dates written day first, as a Georgian-locale spreadsheet saves them (D35).

LibreOffice under the ka-GE locale takes a date typed ``20/11/2021`` as 20 November 2021 and,
saving the sheet "as shown" to CSV, writes it ``20/11/21`` (its short date, day first). Such a
text is read only when the caller says the file's dates are day first (``day_first=True``,
``--day-first``): ``06/12/21`` is 12 June in a month-first file, so it is never guessed. Without
the flag it is refused with advice; with it, a two-digit year is read from 2000 to 2029 alone and
a day that does not exist is refused.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import namedtuple
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from tests.conftest import libreoffice_convert, needs_libreoffice
from tests.strategies import Boom, ListIteration, TupleLength
from voucherlib.cli import example_path, main
from voucherlib.input import cells
from voucherlib.reports.audit import audit_invoice
from voucherlib.reports.facility_audit import audit_facility_invoice
from voucherlib.reports.settlement_file import settle_file

from .test_money_text import FIXTURE_CLAIMED, FIXTURE_COMPUTED, FIXTURES

DAY_FIRST_CSV = FIXTURES / "invoice_ka_dayfirst.csv"  # made by LibreOffice (make_fixtures.sh typed)
DAY_FIRST_XLSX = FIXTURES / "invoice_ka_dayfirst.xlsx"


# ---------------------------------------------------------------- one cell


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("06/12/21", dt.date(2021, 12, 6)),  # LibreOffice ka-GE's "as shown" date
        ("6/12/2021", dt.date(2021, 12, 6)),
        ("06.12.2021", dt.date(2021, 12, 6)),  # a German-locale export
        ("06-12-2021", dt.date(2021, 12, 6)),
        ("29/02/24", dt.date(2024, 2, 29)),
        (" 01/05/21 ", dt.date(2021, 5, 1)),
        ("2021-12-06", dt.date(2021, 12, 6)),  # ISO is read either way
    ],
)
def test_a_day_first_date_is_day_month_year(text: str, day: dt.date) -> None:
    assert cells.date(text, "enrolled_on", day_first=True) == day


@pytest.mark.parametrize("text", ["06/12/21", "06.12.2021", "6/12/2021"])
def test_without_day_first_such_a_text_is_refused_with_advice(text: str) -> None:
    with pytest.raises(vl.InvalidInput, match=r"enrolled_on.*day first.*day_first=True") as caught:
        cells.date(text, "enrolled_on")
    assert "--day-first" not in str(caught.value)  # in Python, the argument is named


@pytest.mark.parametrize(
    ("text", "first", "second"), [("11/10/2021", 11, 10), ("3/1/2021", 3, 1), ("06/12/21", 6, 12), ("1-2-2021", 1, 2)]
)
def test_a_date_that_reads_both_ways_round_is_refused_saying_both_readings(text: str, first: int, second: int) -> None:
    # review 76: an en-US spreadsheet's 11/10/2021 (10 Nov) was refused with advice to give
    # day_first alone; following it read 11 Oct, and an October voucher submitted 10 Nov (3 late
    # working days, 620.00 x 70% = 434.00) was paid 620.00. The advice says both readings, and
    # that a month-first file is not read.
    with pytest.raises(vl.InvalidInput) as caught:
        cells.date(text, "submitted_on")
    said = str(caught.value)
    assert f"reads both ways round (day {first} of month {second} if written day first, day {second} of month" in said
    assert "give day_first=True" in said and "month first, as an en-US spreadsheet writes it, is not read" in said
    assert f"თვე {second}, რიცხვი {first}, თუ დღე პირველია" in caught.value.message("ka")


@pytest.mark.parametrize("text", ["25/10/2021", "06.12.2021", "5.5.2021", "05/05/2021"])
def test_a_date_that_reads_one_way_only_is_advised_day_first_alone(text: str) -> None:
    # a day over 12 first, dots (no spreadsheet writes a month-first date with dots), or the same
    # number twice: one day either way, so the advice is day_first alone
    with pytest.raises(vl.InvalidInput) as caught:
        cells.date(text, "submitted_on")
    assert "as a Georgian-locale spreadsheet shows them, give day_first=True" in str(caught.value)
    assert "both ways" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31/11/2021", "a date written day first that exists"),  # 30 days in November
        ("29/02/23", "a date written day first that exists"),  # 2023 is no leap year
        ("13/13/2021", "a date written day first that exists"),
        ("00/12/2021", "a date written day first that exists"),
        ("01/01/0000", "a date written day first that exists"),
        ("06/12/35", "two-digit year lies in 2000 to 2029 ('35' could be of either century)"),
        ("06/12/99", "two-digit year lies in 2000 to 2029"),
    ],
)
def test_a_day_first_date_that_is_not_one_day_is_refused_naming_the_column(text: str, words: str) -> None:
    with pytest.raises(vl.InvalidInput, match=re.escape(words)) as caught:
        cells.date(text, "submitted_on", day_first=True)
    assert caught.value.field == "submitted_on"


@pytest.mark.parametrize("text", ["06/12.2021", "06/12/021", "2021/12/06", "6/12", "06 12 2021", "٠٦/١٢/٢٠٢١"])
def test_other_texts_stay_refused_with_day_first(text: str) -> None:
    with pytest.raises(vl.InvalidInput):
        cells.date(text, "enrolled_on", day_first=True)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2029, 12, 31)), st.sampled_from(["/", ".", "-"]), st.booleans())
def test_every_day_written_day_first_reads_back_and_never_without_the_flag(
    day: dt.date, sep: str, short_year: bool
) -> None:
    short_year = short_year and sep != "-"  # DD-MM-YY is not read: it is also YY-MM-DD
    year = f"{day.year % 100:02d}" if short_year else f"{day.year}"
    if day.day <= 12 < day.month:  # (no month is above 12: kept for the reader's sake)
        return
    for text in (f"{day.day:02d}{sep}{day.month:02d}{sep}{year}", f"{day.day}{sep}{day.month}{sep}{year}"):
        assert cells.date(text, "d", day_first=True) == day
        with pytest.raises(vl.InvalidInput):  # never read month first, never guessed
            cells.date(text, "d")


def test_day_first_must_be_true_or_false() -> None:
    # "no" is a true value in Python: taken, it would read every date day first.
    with pytest.raises(vl.InvalidInput, match="day_first"):
        audit_invoice(DAY_FIRST_CSV, day_first="no")  # type: ignore[arg-type]
    with pytest.raises(vl.InvalidInput, match="day_first"):
        settle_file(example_path("vouchers.csv"), day_first=1)  # type: ignore[arg-type]


# ---------------------------------------------------------------- files LibreOffice wrote


def test_the_invoice_libreoffice_saved_in_the_georgian_locale_reads_to_the_exact_amounts() -> None:
    # Hand figures: test_money_text's (600.00, 900.00, 600.00, 220.00); its dates are DD/MM/YY.
    assert "06/12/21" in DAY_FIRST_CSV.read_text(encoding="utf-8")
    report = audit_invoice(DAY_FIRST_CSV, day_first=True)
    assert [ln.beneficiary_id for ln in report.lines] == ["B-01", "B-04", "B-10", "B-05"]
    assert [ln.claimed for ln in report.lines] == FIXTURE_CLAIMED
    assert [ln.computed for ln in report.lines] == FIXTURE_COMPUTED
    assert report.total_difference == Decimal("635.06")  # 634.56 + 0.50


def test_without_day_first_its_lines_are_not_checked_and_say_why() -> None:
    report = audit_invoice(DAY_FIRST_CSV)
    assert [ln.verdict for ln in report.lines] == ["invalid"] * 4
    assert [ln.computed for ln in report.lines] == [None] * 4
    assert all("day_first=True" in ln.reason for ln in report.lines)


def test_its_workbook_holds_date_cells_read_with_or_without_the_flag() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(DAY_FIRST_XLSX).active
    assert sheet["D2"].value == dt.datetime(2021, 5, 1)  # typed 01/05/2021: 1 May
    assert sheet["H2"].value == dt.datetime(2021, 12, 6)
    for day_first in (False, True):
        report = audit_invoice(DAY_FIRST_XLSX, day_first=day_first)
        assert [ln.computed for ln in report.lines] == FIXTURE_COMPUTED


def test_the_command_line_names_its_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(DAY_FIRST_CSV), "--format", "csv"]) == 1
    out = capsys.readouterr().out
    assert "--day-first" in out and "day_first=True" not in out
    assert main(["audit", str(DAY_FIRST_CSV), "--day-first", "--format", "csv"]) == 1  # two lines over-claimed
    out = capsys.readouterr().out
    assert "invalid" not in out and "634.56" in out


@needs_libreoffice
def test_libreoffice_itself_saves_a_typed_georgian_invoice_that_reads_to_the_exact_amounts(tmp_path: Path) -> None:
    # The user's typing (dates day first, as the ka-GE locale takes them), through LibreOffice's
    # import under that locale; saved as a ;-separated CSV "as shown" and as XLSX.
    typed = tmp_path / "typed.csv"
    typed.write_text(
        "ბენეფიციარის კოდი;თვე;ჩარიცხვის თარიღი;ამორიცხვის თარიღი;შშმ სტატუსი;მოთხოვნილი თანხა;წარდგენის თარიღი\n"
        "B-01;2021-11;01/05/2021;;არა;600;06/12/2021\n"
        "B-02;2021-11;20/11/2021;;კი;330;09/12/2021\n"
        "B-03;2021-10;12/10/2021;25/10/2021;არა;280;05/11/2021\n",
        encoding="utf-8",
    )
    env = dict(os.environ, LC_ALL="ka_GE.UTF-8", LANG="ka_GE.UTF-8")
    saved_csv, saved_xlsx = (
        libreoffice_convert(typed, target, tmp_path / "out", infilter="CSV:59,34,76,1,,1079,false,true", env=env)
        for target in ("csv:Text - txt - csv (StarCalc):59,34,76,1,,1079,false,true,true,false", "xlsx")
    )
    assert "20/11/21" in saved_csv.read_text(encoding="utf-8")  # day first, two-digit year
    # Hand figures (November 2021 has 30 days; 20 GEL a day, 30 with status):
    #   B-01: enrolled before November, no status: 30 x 20 = 600.00; submitted on the deadline
    #         (5 Dec is a Sunday: Mon 6 Dec): payable 600.00
    #   B-02: enrolled 20 Nov, status: days 20..30 = 11 x 30 = 330.00; submitted Thu 9 Dec:
    #         3 working days late (7, 8, 9 Dec): 330.00 - 3 x 33.00 = 231.00
    #   B-03: October, 12..25 Oct = 14 days x 20 = 280.00; submitted Fri 5 Nov (the deadline): 280.00
    computed = [Decimal("600.00"), Decimal("330.00"), Decimal("280.00")]
    payable = [Decimal("600.00"), Decimal("231.00"), Decimal("280.00")]
    for path in (saved_csv, saved_xlsx):
        report = audit_invoice(path, day_first=True)
        assert [ln.computed for ln in report.lines] == computed
        assert [ln.payable for ln in report.lines] == payable
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(saved_xlsx).active
    assert sheet["C3"].value == dt.datetime(2021, 11, 20)  # a date cell, 20 November


def test_libreoffices_georgian_true_and_false_in_a_csv_are_yes_and_no(tmp_path: Path) -> None:
    # LibreOffice in Georgian writes a boolean cell to CSV as ჭეშმარიტი / მცდარი (its TRUE and
    # FALSE; review 56: refused, where the same sheet's XLSX holds a boolean and was read).
    # A-04: enrolled 3 Nov 2021, status: 3..30 Nov = 28 days x 30 = 840.00; A-05: discharged 7 Nov,
    # no status: 7 x 20 = 140.00; both submitted before the deadline (Mon 6 Dec).
    path = tmp_path / "lo.csv"
    path.write_text(
        "beneficiary_id;month;enrolled_on;discharged_on;disability;submitted_on\n"
        "A-04;2021-11;03.11.2021;;ჭეშმარიტი;03.12.2021\n"
        "A-05;2021-11;01.02.2021;07.11.2021;მცდარი;01.12.2021\n",
        encoding="utf-8",
    )
    rows = settle_file(path, day_first=True).rows
    assert [r.settlement.payable if r.settlement else r.error for r in rows] == [Decimal("840.00"), Decimal("140.00")]


@pytest.mark.parametrize(("yes", "no"), [("ИСТИНА", "ЛОЖЬ"), ("истина", "Ложь")])
def test_libreoffices_russian_true_and_false_in_a_csv_are_yes_and_no(tmp_path: Path, yes: str, no: str) -> None:
    # Review 178 F4: LibreOffice in Russian, common on Georgian desks, writes a boolean cell to CSV
    # as ИСТИНА / ЛОЖЬ; every line was refused, where the workbook of the same sheet was paid.
    # The same lines as above, by hand: A-04 28 days x 30 = 840.00, A-05 7 x 20 = 140.00.
    path = tmp_path / "lo.csv"
    path.write_text(
        "beneficiary_id;month;enrolled_on;discharged_on;disability;submitted_on\n"
        f"A-04;2021-11;03.11.2021;;{yes};03.12.2021\n"
        f"A-05;2021-11;01.02.2021;07.11.2021;{no};01.12.2021\n",
        encoding="utf-8",
    )
    rows = settle_file(path, day_first=True).rows
    assert [r.settlement.payable if r.settlement else r.error for r in rows] == [Decimal("840.00"), Decimal("140.00")]
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    assert settle_frame(frame, day_first=True)["payable_tetri"].tolist() == [84000, 14000]


# ---------------------------------------------------------------- every file command


def _day_first_copy(source: Path, target: Path, form: str) -> None:
    """``source`` with every ISO date rewritten day first (``form``: a strftime format)."""
    text = source.read_text(encoding="utf-8")
    iso = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
    target.write_text(
        iso.sub(lambda m: dt.date(int(m[1]), int(m[2]), int(m[3])).strftime(form), text), encoding="utf-8"
    )


@pytest.mark.parametrize("form", ["%d/%m/%y", "%d.%m.%Y"])
def test_settle_reads_a_day_first_file_as_the_same_file_in_iso(tmp_path: Path, form: str) -> None:
    # The ISO file's amounts are pinned by hand in test_cli; here, the same rows read the same.
    source = example_path("vouchers.csv")
    _day_first_copy(source, tmp_path / "v.csv", form)
    assert "2021-11-04" not in (tmp_path / "v.csv").read_text(encoding="utf-8")
    iso, day_first = settle_file(source), settle_file(tmp_path / "v.csv", day_first=True)
    assert [r.settlement for r in day_first.rows] == [r.settlement for r in iso.rows]
    assert all(r.ok for r in settle_file(tmp_path / "v.csv", day_first=True).rows[:2])


def test_the_settle_and_facility_commands_take_the_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, command in (("vouchers.csv", ["settle"]), ("facility_occupancy.csv", ["facility", "--daily-rate", "25"])):
        _day_first_copy(example_path(name), tmp_path / name, "%d/%m/%y")
        expected = main([*command, str(example_path(name)), "--format", "csv"])
        iso = capsys.readouterr().out
        assert main([*command, str(tmp_path / name), "--day-first", "--format", "csv"]) == expected
        assert capsys.readouterr().out == iso


def test_a_facility_audit_reads_day_first_occupancy(tmp_path: Path) -> None:
    occupancy = tmp_path / "o.csv"
    _day_first_copy(example_path("facility_occupancy.csv"), occupancy, "%d.%m.%Y")
    claims = example_path("facility_claims.csv")
    iso = audit_facility_invoice(example_path("facility_occupancy.csv"), claims, daily_rate=25)
    ours = audit_facility_invoice(occupancy, claims, daily_rate=25, day_first=True)
    assert [(ln.computed, ln.verdict) for ln in ours.lines] == [(ln.computed, ln.verdict) for ln in iso.lines]
    refused = audit_facility_invoice(occupancy, claims, daily_rate=25)
    assert all(ln.computed is None for ln in refused.lines)


def test_status_periods_are_read_day_first_too() -> None:
    assert cells.disability("16/11/21..", "disability", day_first=True) == ((dt.date(2021, 11, 16), None),)
    with pytest.raises(vl.InvalidInput, match="day_first=True"):
        cells.disability("16/11/21..", "disability")


def test_settle_reads_a_georgian_locale_voucher_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The example's rows as a Georgian-locale user saves them: Georgian headers (the audit's),
    # ';' between fields, dates day first. Settled, every row is the ISO file's row.
    source = example_path("vouchers.csv")
    _day_first_copy(source, tmp_path / "v.csv", "%d/%m/%y")
    header, *rows = (tmp_path / "v.csv").read_text(encoding="utf-8").splitlines()
    georgian = {
        "beneficiary_id": "ბენეფიციარის კოდი",
        "month": "მომსახურების თვე",
        "enrolled_on": "ჩარიცხვის თარიღი",
        "discharged_on": "ამორიცხვის თარიღი",
        "disability": "შშმ სტატუსი",
        "submitted_on": "წარდგენის თარიღი",
    }
    assert header.split(",") == list(georgian)
    lines = [";".join(georgian.values()), *(r.replace(",", ";") for r in rows)]
    (tmp_path / "ka.csv").write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    iso = settle_file(source)
    assert [r.settlement for r in settle_file(tmp_path / "ka.csv", day_first=True).rows] == [
        r.settlement for r in iso.rows
    ]
    expected = main(["settle", str(source), "--format", "csv"])
    out = capsys.readouterr().out
    assert main(["settle", str(tmp_path / "ka.csv"), "--day-first", "--format", "csv"]) == expected
    assert capsys.readouterr().out == out


# ---------------------------------------------------------------- review 21


def test_dd_mm_yy_with_dashes_is_not_read_for_it_is_also_yy_mm_dd() -> None:
    # LibreOffice writes a date cell formatted YY-MM-DD as 21-11-20 (20 Nov 2021); read day first
    # it was 21 Nov 2020, and the line's amount 600.00 where 11 x 20 = 220.00 is due.
    for day_first in (False, True):
        with pytest.raises(vl.InvalidInput, match="YYYY-MM-DD") as caught:
            cells.date("21-11-20", "enrolled_on", day_first=day_first)
        assert "day_first" not in str(caught.value)  # no advice to read it day first
        # read day first, the forms the file's dates are read in are advised (review 85), with
        # dashes only before a four-digit year
        assert ("DD-MM-YYYY), e.g. '06/12/2021', or YYYY-MM-DD" in str(caught.value)) is day_first
        assert "DD-MM-YY," not in str(caught.value) and "DD-MM-YY)" not in str(caught.value)


def test_a_date_that_can_only_be_month_first_refuses_the_whole_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An en-US export (MM/DD/YY) read with the flag: 11/10/21 would be 11 October and its line
    # 600.00 where 10 Nov..30 Nov = 21 days x 20 = 420.00 is due; 11/20/21 shows the order.
    path = tmp_path / "us.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed\n"
        "B-01,2021-11,11/10/21,,no,420.00\nB-02,2021-11,11/20/21,,no,220.00\n",
        encoding="utf-8",
    )
    with pytest.raises(
        vl.FileRefused, match=r"day_first: got '11/20/21'.*in column 'enrolled_on', row 3,.*month first"
    ):
        audit_invoice(path, submitted_on="2021-12-06", day_first=True)
    assert main(["audit", str(path), "--day-first", "--submitted-on", "2021-12-06"]) == 2
    assert "--day-first: got '11/20/21'" in capsys.readouterr().err
    assert main(["audit", str(path), "--day-first", "--submitted-on", "2021-12-06", "--lang", "ka"]) == 2
    assert "სვეტში 'ჩარიცხვის თარიღი', სტრიქონში 3" in capsys.readouterr().err  # its Georgian header
    voucher = tmp_path / "v.csv"
    voucher.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        + "B-01,2021-11,11/10/21,,no,06/12/21\n" * 3
        + "B-02,2021-11,11/20/21,,no,06/12/21\n",
        encoding="utf-8",
    )
    with pytest.raises(vl.FileRefused):
        settle_file(voucher, day_first=True)
    from voucherlib.reports.settlement_file import settle_chunks

    with pytest.raises(vl.FileRefused):  # streamed: the run that holds it refuses the file
        list(settle_chunks(voucher, day_first=True, size=2))
    assert main(["settle", str(voucher), "--day-first", "-o", str(tmp_path / "out.csv")]) == 2
    assert not (tmp_path / "out.csv").exists()  # written whole or not at all
    occupancy = tmp_path / "o.csv"
    occupancy.write_text(
        "facility_id,city,service,limit,date,children_served\nF,tbilisi,shelter,10,11/01/21,3\n"
        "F,tbilisi,shelter,10,11/13/21,3\n",
        encoding="utf-8",
    )
    with pytest.raises(vl.FileRefused):
        facility_file_of(occupancy)
    with pytest.raises(vl.FileRefused):  # a status period's date too
        cells.disability("11/16/21..", "disability", day_first=True)


def facility_file_of(path: Path) -> object:
    from voucherlib.reports.facility_file import facility_file

    return facility_file(path, daily_rate=Decimal(25), day_first=True)


def test_a_month_first_date_without_the_flag_is_not_advised_the_flag() -> None:
    with pytest.raises(vl.InvalidInput, match=r"a date written month first, as 12/31/2021, is not read") as caught:
        cells.date("12/31/2021", "submitted_on")
    assert "day_first" not in str(caught.value)


@pytest.mark.parametrize("flag", ["no", "False", 1, None])
def test_the_cell_readers_take_day_first_as_true_or_false_only(flag: object) -> None:
    for read in (
        lambda: cells.date("06/12/21", "d", day_first=flag),  # type: ignore[arg-type]
        lambda: cells.disability("16/11/21..", "d", day_first=flag),  # type: ignore[arg-type]
        lambda: cells.date_reader(flag),  # type: ignore[arg-type]
        lambda: cells.disability_reader(flag),  # type: ignore[arg-type]
    ):
        with pytest.raises(vl.InvalidInput, match="day_first"):
            read()


def test_parse_disability_takes_the_flag_its_advice_names() -> None:
    from voucherlib.reports.settlement_file import parse_disability

    with pytest.raises(vl.InvalidInput, match="day_first=True"):
        parse_disability("16/11/21..")
    periods = parse_disability("16/11/21..", day_first=True)
    assert isinstance(periods, list) and periods[0].start == dt.date(2021, 11, 16)


def test_a_date_of_no_day_either_way_is_its_rows_error_not_the_files() -> None:
    # Review 22: 04/31/21 is no day read either way round (31 April, 4 of a 31st month): it was
    # taken for a month-first date and refused a day-first file; it is that row's error.
    for text in ("04/31/21", "02/30/21"):
        with pytest.raises(vl.InvalidInput, match="a date written day first that exists") as caught:
            cells.date(text, "enrolled_on", day_first=True)
        assert not isinstance(caught.value, vl.FileRefused)


def test_a_file_with_a_row_id_column_and_a_beneficiary_id_column_is_settled() -> None:
    # Review 22: "id" names beneficiary_id only in a file without beneficiary_id; beside it, it
    # is the file's own column (settle) or an unknown one (the audit refuses those).

    text = "id,beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n1,B1,2021-10,2021-01-01,,no,2021-11-05\n"
    rows = settle_file(_written(text)).rows
    assert [(r.beneficiary_id, r.settlement.amount if r.settlement else None) for r in rows] == [
        ("B1", Decimal("620.00"))
    ]
    georgian = text.replace("beneficiary_id", "ბენეფიციარის კოდი")  # review 23: beside a Georgian header too
    assert [r.beneficiary_id for r in settle_file(_written(georgian)).rows] == ["B1"]
    both = "თვე,month,beneficiary_id,enrolled_on,discharged_on,disability,submitted_on\n2021-09,2021-10,B1,2021-01-01,,no,2021-11-05\n"
    with pytest.raises(vl.InvalidInput, match=r"'თვე, month'.*'month' is given twice"):  # a month twice: no guess
        settle_file(_written(both))


def _written(text: str) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "v.csv"
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- review 45: a month kept as a date cell

# A month column formatted as a date holds the month's day (1 November 2021) in a workbook, read
# there as its month whatever the flag; LibreOffice saves the same cell to CSV as the date shown
# (01.11.2021). With the flag, that text is the date cell it was: its month.
MONTH_AS_DATE = (
    "ბენეფიციარის კოდი;თვე;ჩარიცხვის თარიღი;ამორიცხვის თარიღი;შშმ სტატუსი;მოთხოვნილი თანხა;წარდგენის თარიღი\n"
    "B-01;01.11.2021;01.05.2021;;არა;600;06.12.2021\n"
    "B-02;15.10.2021;12.10.2021;25.10.2021;არა;280;05.11.2021\n"
)
# Hand figures (20 GEL a day without status):
#   B-01: November 2021, enrolled before it: 30 days x 20 = 600.00; due 5 Dec, a Sunday, so
#         Mon 6 Dec; submitted that day: on time, payable 600.00
#   B-02: October 2021 (a date cell of any day is its month, as in a workbook): 12..25 Oct =
#         14 days x 20 = 280.00; due Fri 5 Nov, submitted that day: payable 280.00
MONTH_AS_DATE_AMOUNTS = [Decimal("600.00"), Decimal("280.00")]


@pytest.mark.parametrize(
    ("text", "month"), [("01.11.2021", vl.Month(2021, 11)), ("15/10/21", vl.Month(2021, 10)), ("2021-11", None)]
)
def test_with_day_first_a_month_written_as_a_date_is_its_month(text: str, month: vl.Month | None) -> None:
    assert cells.month(text, "month", day_first=True) == (month or vl.Month(2021, 11))
    if month is not None:  # without the flag, a day is no month
        with pytest.raises(vl.InvalidInput, match="month: got"):
            cells.month(text, "month")


def test_with_day_first_a_month_cell_stays_a_month_or_a_day_first_date() -> None:
    for text in ("2021-11-01", "31.11.2021"):  # an ISO day is still no month (review 14); no 31 Nov
        with pytest.raises(vl.InvalidInput, match="month: got"):
            cells.month(text, "month", day_first=True)
    # a month written month and year (a spreadsheet's month format saved as shown: review 76) has
    # one reading, with the flag or without
    assert cells.month("11.2021", "month", day_first=True) == cells.month("11.2021", "month") == vl.Month(2021, 11)
    with pytest.raises(vl.FileRefused):  # only month first: the file's dates are not day first
        cells.month("11/20/21", "month", day_first=True)
    with pytest.raises(vl.InvalidInput, match="day_first"):
        cells.month_reader("yes")  # type: ignore[arg-type]


def test_an_invoice_whose_month_is_a_date_saved_as_text_reads_as_its_workbook(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    path = tmp_path / "invoice.csv"
    path.write_text(MONTH_AS_DATE, encoding="utf-8")
    frame = pd.read_csv(path, sep=";", dtype=str)
    for invoice in (path, frame):  # the columnar path of a plain file, and a frame's rows
        report = audit_invoice(invoice, day_first=True)
        assert [ln.verdict for ln in report.lines] == ["matches", "matches"]
        assert [ln.computed for ln in report.lines] == MONTH_AS_DATE_AMOUNTS
        assert [ln.payable for ln in report.lines] == MONTH_AS_DATE_AMOUNTS
    assert [ln.verdict for ln in audit_invoice(path).lines] == ["invalid", "invalid"]  # not without the flag


def test_settle_reads_a_month_written_as_a_date_and_names_its_repeat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    rows = [line.split(";") for line in MONTH_AS_DATE.splitlines()[1:]]
    voucher = tmp_path / "v.csv"
    header = "beneficiary_id;month;enrolled_on;discharged_on;disability;submitted_on\n"
    voucher.write_text(header + "".join(f"{r[0]};{r[1]};{r[2]};{r[3]};no;{r[6]}\n" for r in rows), encoding="utf-8")
    settled = settle_file(voucher, day_first=True)
    assert [r.settlement.amount for r in settled.rows if r.settlement] == MONTH_AS_DATE_AMOUNTS
    frame = pd.read_csv(voucher, sep=";", dtype=str, keep_default_na=False)
    assert settle_frame(frame, day_first=True)["amount_tetri"].tolist() == [60000, 28000]  # the same, in tetri
    assert main(["settle", str(voucher), "--day-first", "-q"]) == 0
    # A second row of B-01's November, its month written 2021-11: the same month, named (D28).
    voucher.write_text(voucher.read_text(encoding="utf-8") + "B-01;2021-11;01.05.2021;;no;06.12.2021\n", "utf-8")
    capsys.readouterr()
    assert main(["settle", str(voucher), "--day-first", "-q"]) == 1
    assert "B-01 2021-11 (rows 2, 4)" in capsys.readouterr().out


def test_a_facility_claim_s_month_written_as_a_date_is_read_with_the_flag(tmp_path: Path) -> None:
    claims_iso = example_path("facility_claims.csv")
    claims = tmp_path / "claims.csv"
    claims.write_text(
        re.sub(r"\b(\d{4})-(\d{2})\b", r"01.\2.\1", claims_iso.read_text(encoding="utf-8")), encoding="utf-8"
    )
    assert "01.09.2021" in claims.read_text(encoding="utf-8")  # September 2021, as a date
    occupancy = example_path("facility_occupancy.csv")
    iso = audit_facility_invoice(occupancy, claims_iso, daily_rate=25)
    ours = audit_facility_invoice(occupancy, claims, daily_rate=25, day_first=True)
    assert [(ln.computed, ln.verdict) for ln in ours.lines] == [(ln.computed, ln.verdict) for ln in iso.lines]
    assert all(ln.computed is not None for ln in ours.lines)


_MONTH_CELLS = st.one_of(
    st.dates(dt.date(1971, 1, 1), dt.date(2199, 12, 31)).map(str),  # an ISO day: no month
    st.dates(dt.date(2000, 1, 1), dt.date(2029, 12, 31)).map(lambda d: d.strftime("%d.%m.%Y")),
    st.dates(dt.date(2000, 1, 1), dt.date(2029, 12, 31)).map(lambda d: d.strftime("%d/%m/%y")),
    st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)).map(lambda d: d.strftime("%Y-%m")),
    st.sampled_from(["", " ", "2021-13", "11.2021", "31.11.2021", "x"]),
)


@given(texts=st.lists(_MONTH_CELLS, min_size=1, max_size=12), flag=st.booleans())
def test_a_month_column_reads_each_cell_as_the_cell_reader_does(texts: list[str], flag: bool) -> None:
    # Every form of a month column (object, Arrow text, a pandas frame's Arrow strings) reads each
    # cell to the month cells.month gives it, or marks it bad: a column of ISO days read day first
    # was once taken for day numbers (1971-09-14, day 622 since 1970, as month 622: November 2021).
    np = pytest.importorskip("numpy")
    pa = pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    from voucherlib.input.columns import read_months

    want = []
    for text in texts:
        try:
            m = cells.month(text, "month", day_first=flag)
        except vl.InvalidInput:
            want.append(None)
        else:
            want.append((m.year - 1970) * 12 + m.month - 1)
    objects = np.array(texts, dtype=object)
    for column in (objects, pa.chunked_array([texts]), pd.array(texts, dtype="string[pyarrow]")):
        numbers, bad = read_months(column, "month" if flag else None)
        bad = np.zeros(len(texts), dtype=bool) if bad is None else bad
        assert [None if b else int(n) for n, b in zip(numbers, bad, strict=True)] == want


def test_an_iso_day_in_a_month_column_read_day_first_is_never_a_month() -> None:
    # 1971-09-14 is day 622 since 1970-01-01, and month 622 since 1970-01 is November 2021: read as
    # a day number it settled November (620.00, 31 x 20) where the cell names no month at all.
    pa = pytest.importorskip("pyarrow")
    from voucherlib.batch import settle_frame

    table = pa.table(
        {"month": ["1971-09-14"] * 2, "enrolled_on": [None] * 2, "discharged_on": [None] * 2}
        | {"disability": [False] * 2, "submitted_on": ["2021-12-06"] * 2}
    )
    out = settle_frame(table, day_first=True)
    assert out["status"].tolist() == ["invalid", "invalid"]
    assert out["amount_tetri"].tolist() == [0, 0]
    assert "month: got '1971-09-14'" in out["reason"][0]


def test_a_line_not_checked_shows_and_is_compared_on_its_month_read_day_first(tmp_path: Path) -> None:
    # review 48: B1's second line (its claim unreadable) showed its month as written, 01.11.2021,
    # and was not compared for double billing with the first (2021-11), where the workbook, its
    # month a date cell, showed 2021-11 and found the double billing. B1's November: 30 x 20 = 600.00.
    path = tmp_path / "i.csv"
    path.write_text(
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "B1,N,01.11.2021,,,no,600.00,2021-12-06\nB1,N,01.11.2021,,,no,abc,2021-12-06\n",
        encoding="utf-8",
    )
    report = audit_invoice(path, day_first=True)
    assert [(ln.month, ln.verdict, ln.payable) for ln in report.lines] == [
        ("2021-11", "matches", Decimal("600.00")),
        ("2021-11", "invalid", None),
    ]
    assert sorted(f.code for f in report.findings) == ["double-billing", "not-checked"]


def test_a_month_first_end_of_a_status_period_names_the_disability_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 52: the refusal named "column 'disability[0].end'", which no file has
    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "A,2021-11,21-11-20,,no,2021-12-06\nB,2021-11,,,20/11/21..11/25/21,2021-12-06\n",
        encoding="utf-8",
    )
    assert main(["settle", str(path), "--day-first", "-q"]) == 2
    err = capsys.readouterr().err
    assert "got '11/25/21'" in err and "in column 'disability', row 3," in err


# ---------------------------------------------------------------- a refusal quotes the cell as written


_REFUSED_ROWS = (
    "beneficiary_id;month;enrolled_on;discharged_on;disability;submitted_on;claimed\n"
    "B1;11.2021;20.11.2021;10.11.2021;არა;03.12.2021;100,00\n"  # discharged before enrolled (R1)
    "B2;11.2021;01.11.2021;;16.11.2021..10.11.2021;03.12.2021;100,00\n"  # a period that ends before it starts
    "B3;11.2021;01.11.2021;;არა;20.10.2021;100,00\n"  # submitted before the service month (D10)
)
# Each refusal read from the rule it breaks, quoting the cells as the file writes them (review 85:
# '2021-11-10' was quoted, a text the file does not hold, that reads as its day and month swapped).
_QUOTED = [
    "discharged_on: got '10.11.2021'; expected a date on or after enrolled_on (20.11.2021)",
    "disability[0].end: got '10.11.2021'; expected a date on or after start (16.11.2021)",
    "submitted_on: got '20.10.2021'; expected a date on or after the first day of the service month 2021-11 (D10)",
]


def test_a_row_refused_after_its_day_first_dates_were_read_quotes_them_as_written(tmp_path: Path) -> None:
    # (each named a date, as the day read from its cell: review 216 F1, they were named `str`)
    path = tmp_path / "refused.csv"
    path.write_text(_REFUSED_ROWS, encoding="utf-8")
    settled = settle_file(path, day_first=True)
    assert [r.error for r in settled.rows] == [
        re.sub(r"^(\S+): got ('[^']*')", r"\1: got \2 (date)", q) for q in _QUOTED
    ]
    audited = audit_invoice(path, day_first=True)
    assert [ln.reason for ln in audited.lines] == [
        re.sub(r"^(\S+): got ('[^']*')", r"\1: got \2 (date)", q) for q in _QUOTED
    ]


def test_the_command_line_quotes_them_as_written_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "refused.csv"
    path.write_text(_REFUSED_ROWS, encoding="utf-8")
    assert main(["settle", str(path), "--day-first", "-q"]) == 1
    out = capsys.readouterr().out
    for row, quoted in enumerate(_QUOTED, start=2):
        assert f"row {row}: {quoted}" in out
    assert main(["audit", str(path), "--day-first", "-q", "--lang", "ka"]) == 1
    out = capsys.readouterr().out
    # (the audit names a column by its Georgian header in Georgian, D29)
    assert "„ამორიცხვის თარიღი“: მითითებულია '10.11.2021'" in out and "(20.11.2021)" in out
    assert "'2021-11-10'" not in out and "2021-11-20" not in out


def test_a_frame_read_day_first_quotes_its_cells_as_written() -> None:
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    lines = [line.split(";") for line in _REFUSED_ROWS.splitlines()]
    frame = pd.DataFrame(lines[1:], columns=lines[0]).drop(columns=["beneficiary_id", "claimed"])
    frame["discharged_on"] = frame["discharged_on"].replace("", None)
    reasons = settle_frame(frame, day_first=True)["reason"].tolist()
    assert reasons == [re.sub(r"^(\S+): got ('[^']*')", r"\1: got \2 (date)", q) for q in _QUOTED]


def test_settle_shows_each_month_as_read_beside_the_other_dates(tmp_path: Path) -> None:
    # review 85: settle echoed the month as written (10.2021, 01.10.2021) where the audit and
    # every other date show ISO: one table held three styles. A month that does not read is
    # shown as written (what the refusal quotes).
    path = tmp_path / "months.csv"
    path.write_text(
        "beneficiary_id;month;enrolled_on;discharged_on;disability;submitted_on\n"
        "B1;10.2021;01.09.2021;;არა;03.11.2021\n"  # October 2021, 31 x 20 = 620.00, in time
        "B2;01.10.2021;01.09.2021;;არა;03.11.2021\n"  # a month kept as a date cell, saved day first
        "B3;13.2021;01.09.2021;;არა;03.11.2021\n"  # no month
        "B4;10.2021;01.09.2021;;xx;03.11.2021\n",  # a month that reads, on a row refused for another cell
        encoding="utf-8",
    )
    for report in (settle_file(path, day_first=True), vl.settle_file(path, day_first=True)):
        assert [r.month for r in report.rows] == ["2021-10", "2021-10", "13.2021", "2021-10"]
        assert [str(r.settlement.payable) for r in report.rows if r.settlement] == ["620.00", "620.00"]
    out = tmp_path / "out.csv"
    assert main(["settle", str(path), "--day-first", "-q", "-o", str(out)]) == 1
    text = out.read_text(encoding="utf-8")
    assert "10.2021" not in text.replace("13.2021", "") and "01.10.2021" not in text


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("06.12.2021 00:00", dt.date(2021, 12, 6)),
        ("06/12/21 00:00:00", dt.date(2021, 12, 6)),
        ("06.12.2021 10:30", None),
    ],
)
def test_a_day_first_date_with_a_time_is_its_day_at_midnight_and_refused_at_another_time(
    text: str, day: dt.date | None
) -> None:
    # review 87: LibreOffice saves a date cell formatted with a time as "06.12.2021 10:30"; read day
    # first it was advised the date forms, not told that a date has no time of day (an ISO
    # date-time text is read at midnight and refused at another time: the same here)
    if day is not None:
        assert cells.date(text, "submitted_on", day_first=True) == day
        return
    with pytest.raises(vl.InvalidInput, match="no time of day"):
        cells.date(text, "submitted_on", day_first=True)


def test_every_path_quotes_a_date_cell_with_blanks_the_same_way(tmp_path: Path) -> None:
    # review 88: an ISO cell written with blanks (" 2021-11-10 ") was quoted with them by the file
    # readers and without them by settle_frame; the cell's text is quoted without its blanks,
    # and an ISO text as the ISO date it is
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    rows = [("B1", "2021-11", "2021-11-20", " 2021-11-10 ", "no", "2021-12-03")]
    columns = ["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "submitted_on"]
    path = tmp_path / "blanks.csv"
    path.write_text(",".join(columns) + "\n" + "\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    want = "discharged_on: got '2021-11-10' (date); expected a date on or after enrolled_on (2021-11-20)"
    assert settle_file(path).rows[0].error == want
    assert audit_invoice(pd.DataFrame(rows, columns=columns).assign(claimed="1")).lines[0].reason == want
    frame = pd.DataFrame(rows, columns=columns).drop(columns="beneficiary_id")
    assert settle_frame(frame)["reason"].tolist() == [want]
    # read day first, the vectorised refusal of many such rows quotes each as written, as one does
    day_first = frame.assign(enrolled_on=["20.11.2021"], discharged_on=[" 10.11.2021 "], submitted_on=["03.12.2021"])
    many = pd.concat([day_first] * 3, ignore_index=True)
    said = "discharged_on: got '10.11.2021' (date); expected a date on or after enrolled_on (20.11.2021)"
    assert settle_frame(many, day_first=True)["reason"].tolist() == [said] * 3


def test_a_reversed_stay_of_date_time_cells_is_quoted_alike_in_columns_and_one_at_a_time(tmp_path: Path) -> None:
    # review 90: the batch quoted '20.11.2021 00:00' as the ISO date, settle_file as written
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    rows = [("B1", "2021-11", "20.11.2021 00:00", "10.11.2021", "no", "03.12.2021")] * 2
    columns = ["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "submitted_on"]
    path = tmp_path / "stay.csv"
    path.write_text(",".join(columns) + "\n" + "\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    said = "discharged_on: got '10.11.2021' (date); expected a date on or after enrolled_on (20.11.2021 00:00)"
    assert [r.error for r in settle_file(path, day_first=True).rows] == [said, said]
    frame = pd.DataFrame(rows, columns=columns).drop(columns="beneficiary_id")
    assert settle_frame(frame, day_first=True)["reason"].tolist() == [said, said]
    with pytest.raises(vl.InvalidInput, match=r"got '31\.11\.2021 00:00'"):  # a day that is none, with its time
        cells.date("31.11.2021 00:00", "submitted_on", day_first=True)


def test_a_month_written_day_first_is_advised_the_flag_as_a_date_is(tmp_path) -> None:
    # review 92: '01.11.2021' in the month column was refused as "a month written YYYY-MM" alone,
    # where a date written so is advised --day-first; a month both ways round ('11/01/2021') is
    # not advised (a month-first file would be read as January), nor a text that is no date
    import pandas as pd

    from voucherlib.batch import settle_frame
    from voucherlib.reports.settlement_file import settle_file

    path = tmp_path / "vouchers.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "A,01.11.2021,2021-01-01,,no,2021-12-06\n"
        "B,11/01/2021,2021-01-01,,no,2021-12-06\n"
        "C,Nov,2021-01-01,,no,2021-12-06\n",
        encoding="utf-8",
    )
    by_file = [row.error for row in settle_file(path).rows]
    by_frame = settle_frame(pd.read_csv(path, dtype=str, keep_default_na=False))["reason"].tolist()
    for said in (by_file, by_frame):
        assert "holds dates written day first" in said[0] and "day_first=True" in said[0]
        assert all(
            "day first" not in s and s.endswith("expected a month written YYYY-MM, e.g. '2021-10'") for s in said[1:]
        )
    # with the flag, the first is November 2021: 30 days x 20.00 = 600.00
    assert settle_file(path, day_first=True).rows[0].settlement.payable == 600


# ---------------------------------------------------------------- review 110: one import, two readings

MIXED_CSV = (
    "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
    "A,2021-11,05/11/2021,,no,260.00,13/12/2021\n"  # enrolled 5 Nov; submitted 13 Dec
    "B,2021-12,,,no,620.00,10/01/2022\n"  # submitted 10 Jan 2022
    "C,2021-11,20/11/2021,,yes,0.00,14/12/2021\n"  # enrolled 20 Nov; submitted 14 Dec
)
"""A provider's invoice with its dates written day first. By hand (D35 day first): A, enrolled 5
Nov: 26 days x 20 = 520.00, due Mon 6 Dec, 5 working days late (7-10, 13 Dec): 260.00; B: 31 x 20
= 620.00, due 5 Jan 2022, rolled over 3-6 Jan (declared days off), 7 Jan (Christmas) and the
weekend to Mon 10 Jan: in time, 620.00; C, 20 Nov: 11 x 30 = 330.00, 6 late: not funded."""


@needs_libreoffice
def test_a_day_first_file_a_spreadsheet_read_month_first_is_refused_whole(tmp_path: Path) -> None:
    """Review 110 F1: LibreOffice importing the file under en-US (as Excel en-US does) makes a date
    cell, the wrong way round, of each date that reads either way (05/11/2021: 11 May; 10/01/2022:
    1 Oct) and leaves those that can only be day first as text. Read with the flag, A was paid
    300.00 (30 days from "11 May", 5 late) for 260.00 and B, in time, was "not funded" (181
    working days late from "1 Oct"). The file holds both kinds of date, so none of its date cells
    can be trusted: every reader refuses it whole, with or without the flag, naming one of each."""
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    typed = tmp_path / "vouchers.csv"
    typed.write_text(MIXED_CSV, encoding="utf-8")
    saved = libreoffice_convert(typed, "xlsx", tmp_path / "out", infilter="CSV:44,34,76,1,,1033,false,true")
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(saved).active
    assert sheet["C2"].value == dt.datetime(2021, 5, 11) and sheet["G2"].value == "13/12/2021"  # what it made
    # the cell that completes the pair is quoted with its row (G2: 13/12/2021, row 2 of the sheet, 0
    # of a frame), the other named
    mixed = (
        r"submitted_on: got '13/12/2021' \(str\); expected a file whose dates are all date cells, or all text: it "
        r"holds both a date written as text day first with '/', '-' or '\.' \(this cell, row [20]\) and a date cell "
        r"(or its text with a time of day \(a CSV's date-time: write it YYYY-MM-DD\) )?\('enrolled_on': 2021-05-11\)"
    )
    for day_first in (True, False):
        for read in (
            settle_file,
            audit_invoice,  # (the workbook read in columns, then line by line)
            lambda path, day_first: settle_frame(pd.read_excel(path), day_first=day_first),
        ):
            with pytest.raises(vl.FileRefused, match=r"expected a file whose dates are all date cells"):
                read(saved, day_first=day_first)
        with pytest.raises(vl.FileRefused, match=mixed):
            settle_file(saved, day_first=day_first)
        with pytest.raises(vl.FileRefused, match=mixed):  # (read as text, a date cell is '2021-05-11 00:00:00')
            settle_file(pd.read_excel(saved, dtype=str), day_first=day_first)
    assert main(["settle", str(saved), "--day-first"]) == 2
    # The same file as Georgian-locale LibreOffice saves it (every date a date cell) reads to the
    # hand figures above.
    env = dict(os.environ, LC_ALL="ka_GE.UTF-8", LANG="ka_GE.UTF-8")
    georgian = libreoffice_convert(typed, "xlsx", tmp_path / "ka", infilter="CSV:44,34,76,1,,1079,false,true", env=env)
    report = audit_invoice(georgian, day_first=True)
    assert [ln.payable for ln in report.lines] == [Decimal("260.00"), Decimal("620.00"), Decimal("0.00")]


@needs_libreoffice
def test_dotted_day_first_dates_an_import_read_month_first_refuse_the_file(tmp_path: Path) -> None:
    """Review 290 F1: LibreOffice importing a CSV of dates typed with dots, its date columns typed
    "Date (MDY)", makes a date cell, the wrong way round, of each date whose day is 1 to 12
    (05.10.2021: 10 May) and leaves the others as text (14.10.2021). Read day first, Y-1 (enrolled
    5 Oct: 27 x 20 = 540.00) was paid from "10 May", 31 x 20 = 620.00, with no word. The file holds
    both kinds of date: refused whole, as with '/'. The same CSV imported day first (de-DE, whose
    dates are written with dots as in Georgia) reads to the hand figures: Y-1 540.00, Y-2 (from
    14 Oct: 18 x 20) 360.00, and a typo 31.11.2021 is refused on its own row, not the file."""
    csv = tmp_path / "vouchers.csv"
    csv.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "Y-1,2021-10,05.10.2021,,no,30.10.2021\nY-2,2021-10,14.10.2021,,no,30.10.2021\n"
        "Y-3,2021-11,31.11.2021,,no,03.12.2021\n",
        encoding="utf-8",
    )
    misread = libreoffice_convert(csv, "xlsx", tmp_path / "mdy", infilter="CSV:44,34,76,1,3/3/6/3")
    sheet = pytest.importorskip("openpyxl").load_workbook(misread).active
    assert sheet["C2"].value == dt.datetime(2021, 5, 10) and sheet["C3"].value == "14.10.2021"  # what it made
    for day_first in (True, False):
        with pytest.raises(
            vl.FileRefused, match=r"it holds both a date written as text day first with '/', '-' or '\.'"
        ):
            settle_file(misread, day_first=day_first)
    assert main(["settle", str(misread), "--day-first"]) == 2
    read = libreoffice_convert(csv, "xlsx", tmp_path / "dmy", infilter="CSV:44,34,76,1,,1031,false,true")
    y1, y2, y3 = settle_file(read, day_first=True).rows
    assert (y1.settlement.payable, y2.settlement.payable) == (Decimal("540.00"), Decimal("360.00"))
    assert y3.settlement is None and y3.error.startswith("enrolled_on: got '31.11.2021'")
    # Review 293 F2: LibreOffice's Georgian import (the one the refusal advises) makes date cells of
    # an ISO column and leaves every dotted date as text; a dotted text beside the cells of another
    # column is no sign. Y-1 enrolled 5 Oct: 27 x 20 = 540.00; Y-2 from 14 Oct: 18 x 20 = 360.00,
    # submitted 30 Oct and Fri 5 Nov (the deadline): in time. So with pandas' day-first dates.
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "Y-1,2021-10,2021-10-05,,no,30.10.2021\nY-2,2021-10,2021-10-14,,no,05.11.2021\n",
        encoding="utf-8",
    )
    georgian = libreoffice_convert(mixed, "xlsx", tmp_path / "ka", infilter="CSV:44,34,76,1,,1079,false,true")
    sheet = pytest.importorskip("openpyxl").load_workbook(georgian).active
    assert sheet["C2"].value == dt.datetime(2021, 10, 5) and isinstance(sheet["F2"].value, str)  # what it made
    pd = pytest.importorskip("pandas")
    parsed = pd.read_csv(mixed, parse_dates=["enrolled_on"], dayfirst=True, dtype={"submitted_on": str})
    for table in (georgian, parsed):
        y1, y2 = settle_file(table, day_first=True).rows
        assert (y1.settlement.payable, y2.settlement.payable) == (Decimal("540.00"), Decimal("360.00"))


@given(
    st.lists(
        st.one_of(
            st.dates(dt.date(2000, 1, 1), dt.date(2029, 12, 31)).map(lambda d: ("cell", d)),
            st.dates(dt.date(2000, 1, 1), dt.date(2029, 12, 31)).map(lambda d: ("text", d.strftime("%d/%m/%Y"))),
            st.dates(dt.date(2000, 1, 1), dt.date(2029, 12, 31)).map(lambda d: ("dots", d.strftime("%d.%m.%Y"))),
        ),
        max_size=12,
    )
)
def test_date_cells_beside_text_that_can_only_be_day_first_refuse_the_file(cells_met: list[tuple[str, object]]) -> None:
    """D35: a read meets date cells and texts; it refuses the file exactly when it has met a date
    cell and a ``/``-written text whose first number is above 12 (no month: day first only), on
    the cell that completes the pair; a dotted one beside a cell of its column that reads either
    way (review 290 F1: LibreOffice's import of a column typed "Date (MDY)" reads 05.10.2021 as
    10 May and leaves 14.10.2021 as text; review 293 F2: its Georgian import leaves every dotted
    date as text, beside the cells of an ISO column). Texts that
    read either way in a date column are no sign (an import made a date cell of each: review 118,
    a CSV of such dates beside a date-time text was refused)."""
    kinds = cells.DateKinds()
    kinds.meet(None, "submitted_on")  # empty cells are no date (review 112: NaT was)
    kinds.meet(float("nan"), "submitted_on")
    kinds.meet(dt.date(2021, 11, 1), "month", month=True)  # a month's first day reads alike either way
    seen_cell = seen_text = seen_low = seen_dots = False
    for kind, value in cells_met:
        seen_cell |= kind == "cell"
        seen_text |= kind == "text" and int(str(value)[:2]) > 12
        # dots only beside a cell of the same column that reads either way (a day of 12 or before):
        # what an import of a column typed month first makes (review 290 F1, 293 F2)
        seen_low |= kind == "cell" and value.day <= 12  # type: ignore[attr-defined]
        seen_dots |= kind == "dots" and int(str(value)[:2]) > 12
        if (seen_cell and seen_text) or (seen_low and seen_dots):
            with pytest.raises(vl.FileRefused, match="a file whose dates are all date cells, or all text"):
                kinds.meet(value, "submitted_on")
            return
        kinds.meet(value, "submitted_on")


def test_a_month_or_date_a_spreadsheet_made_a_number_is_refused_saying_so(tmp_path: Path) -> None:
    """Review 110 F3: a month typed 10.2021 that a spreadsheet took for the number 10.2021, and a
    date cell that lost its date format (44520, 20 Nov 2021 in a workbook), were refused in the
    words of a Python argument ("a Month ... as the date arguments"); the refusal now says the
    cell is a number and how to write it. Nothing is read from such a number."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "submitted_on"])
    book.active.append(["A", 10.2021, None, None, "no", "2021-11-05"])
    book.active.append(["B", "2021-11", 44520, None, "no", "2021-12-06"])
    book.save(tmp_path / "numbers.xlsx")
    a, b = settle_file(tmp_path / "numbers.xlsx").rows
    assert a.settlement is None and a.error.startswith("month: got 10.2021 (float); expected a month, not a number")
    assert b.settlement is None and b.error.startswith("enrolled_on: got 44520 (int); expected a date, not a number")
    with pytest.raises(vl.InvalidInput) as refused:
        cells.month(10.2021, "month")
    assert "უნდა იყოს: თვე და არა რიცხვი" in refused.value.message("ka")  # said in Georgian too


@pytest.mark.parametrize(
    ("number", "day"),
    [
        # by hand: a workbook's day N (from 61 on) is N days after 30 Dec 1899. From 1899-12-30 to
        # 2021-12-30 are 122 years of 365 days and 30 leap days (1904 ... 2020; 1900 was none):
        # 44,530 + 30 = 44,560; 1 Dec 2021 is 29 days earlier, 44,531; 20 Nov 2021 11 days before
        # that, 44,520. Day 61: 31 Dec 1899 is 1, 31 Jan 1900 is 32, 28 Feb 60, so 1 Mar 1900 is 61.
        (44531, "2021-12-01"),
        (44520, "2021-11-20"),
        (44521.0, "2021-11-21"),
        (61, "1900-03-01"),
    ],
)
def test_a_date_cell_that_lost_its_format_is_advised_as_the_day_its_number_is(number: float, day: str) -> None:
    """Review 204 F6: the advice for a number in a date cell gave the one example "44520 is 20 Nov
    2021" whatever the cell held (44531 is 1 Dec 2021, the day the auditor needed); it names the
    cell's own number and its day."""
    assert (dt.date.fromisoformat(day) - dt.date(1899, 12, 30)).days == int(number)  # the hand count
    with pytest.raises(vl.InvalidInput) as refused:
        cells.date(number, "enrolled_on")
    # review 241 F2: in a workbook of the 1904 date system (day 0 is 1 Jan 1904) the same number is
    # 1,462 days later (1 Jan 1904 is day 1,462 of the 1900 system: 2 days from its day 0, 30 Dec
    # 1899, to 1 Jan 1900, then 1900 to 1903, four years of 365 days, 1900 no leap year): 44520, 20
    # Nov 2021 in the 1900 system, is 21 Nov 2025 in the 1904 one
    day_1904 = (dt.date.fromisoformat(day) + dt.timedelta(days=1462)).isoformat()
    assert (
        f"({int(number)} is {day} in a workbook of the 1900 date system, Excel's default, {day_1904} in one of the 1904 system)"
        in str(refused.value)
    )
    assert f"(სამუშაო წიგნში {int(number)} არის {day} 1900 წლის" in refused.value.message("ka")
    assert f"და {day_1904} 1904 წლის სისტემით)" in refused.value.message("ka")


@pytest.mark.parametrize("number", [60, 3.5, -44520, 2_958_466, 10**30])
def test_a_number_no_workbook_day_is_advised_without_a_day(number: float) -> None:
    # 60 is the 29 Feb 1900 a workbook counts and the calendar never had; the others no whole day of 1900-9999
    with pytest.raises(vl.InvalidInput, match="expected a date, not a number") as refused:
        cells.date(number, "enrolled_on")
    assert " in a workbook" in str(refused.value) and f"({number} is" not in str(refused.value)


@needs_libreoffice
def test_a_status_period_left_as_text_beside_date_cells_refuses_the_file(tmp_path: Path) -> None:
    """Review 112 F1: in an en-US import, a status period is never made a date cell, so it may be
    the only text left that can only be day first. Enrolled 06/12/2021 (6 Dec) became 12 June,
    and the period 01/12/2021..15/12/2021 stayed text: read with the flag, the month paid 770.00
    (31 days: 15 x 30 + 16 x 20) where 620.00 is due (6-31 Dec: 10 days with status x 30 + 16
    x 20). The period's end counts: the file is refused."""
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    typed = tmp_path / "periods.csv"
    typed.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "A,2021-12,06/12/2021,,01/12/2021..15/12/2021,620.00,01/01/2022\n",
        encoding="utf-8",
    )
    saved = libreoffice_convert(typed, "xlsx", tmp_path / "out", infilter="CSV:44,34,76,1,,1033,false,true")
    # the message says the two cannot be told apart (a Georgian workbook whose periods were typed so
    # holds the same), and what helps: the periods' ends written YYYY-MM-DD or with dots (review 113)
    period = (
        r"disability: got '01/12/2021\.\.15/12/2021' \(str\); expected a file whose status periods are not "
        r"written day first with '/' or '-' beside date cells: .*cannot be told apart \(D35\): if a spreadsheet "
        r"imported the file from a CSV, read that CSV itself, day first \(its dates are text\), or import it again "
        r"with its dates read day first and then write the periods' ends YYYY-MM-DD or with dots"
    )
    for day_first in (True, False):
        with pytest.raises(vl.FileRefused, match=period):
            settle_file(saved, day_first=day_first)
        with pytest.raises(vl.FileRefused, match=period):
            audit_invoice(saved, day_first=day_first)
        with pytest.raises(vl.FileRefused, match=r"disability: got .*expected a file whose status periods are not"):
            settle_frame(pd.read_excel(saved), day_first=day_first)


def test_the_kinds_of_date_of_a_whole_frame_count_and_an_empty_cell_or_a_month_is_none() -> None:
    """Review 112: settle_frame noted each column alone, so a frame whose text column can only be
    day first and whose other column holds date cells (a workbook's, read by read_excel) was
    settled: A, December 2021, enrolled 13 Dec, submitted "1 Oct 2022" (10/01/2022 read month
    first) was not funded where 19 x 20 = 380.00 is due in time. Now the frame is refused as
    settle_file refuses it. NaT (an empty cell) is no date cell (it crashed the check), and a month
    on the first of a month reads alike either way round: a frame built in code with such a month
    and day-first texts settles (enrolled 15 Nov 2021: 15-30 Nov, 16 days x 20 = 320.00,
    submitted 3 Dec, in time)."""
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    mixed = pd.DataFrame(
        {
            "month": ["2021-12"],
            "enrolled_on": ["13/12/2021"],
            "discharged_on": [None],
            "disability": [False],
            "submitted_on": pd.to_datetime(["2022-10-01"]),
        }
    )
    for day_first in (True, False):
        with pytest.raises(vl.FileRefused, match="a file whose dates are all date cells, or all text"):
            settle_frame(mixed, day_first=day_first)
    coded = pd.DataFrame(
        {
            "beneficiary_id": ["B-1"],
            "month": [pd.Timestamp("2021-11-01")],
            "enrolled_on": ["15/11/2021"],
            "discharged_on": pd.to_datetime([None]),  # NaT: not discharged
            "disability": [False],
            "submitted_on": ["03/12/2021"],
        }
    )
    assert settle_frame(coded, day_first=True)["payable_tetri"].tolist() == [32000]
    (row,) = settle_file(coded, day_first=True).rows
    assert row.settlement is not None and row.settlement.payable == Decimal("320.00")


@pytest.mark.parametrize("text_first", [True, False])
def test_a_typed_date_column_is_looked_into_only_beside_such_a_text_whichever_comes_first(text_first: bool) -> None:
    """A typed column of dates (datetime64, read by numpy) costs nothing to note: it is looked
    into when a text that can only be day first is met, before or after the column is added (the
    engine reads two columns at a time in two threads). A column of NaT alone gives no date."""
    np = pytest.importorskip("numpy")
    from voucherlib.input.columns import read_days

    dates = np.array(["NaT", "2021-05-11"], dtype="datetime64[s]")
    kinds = cells.DateKinds()
    read_days(np.array(["NaT"], dtype="datetime64[s]"), name="discharged_on", kinds=kinds)  # no date in it
    if text_first:
        kinds.meet("13/12/2021", "submitted_on")
        with pytest.raises(vl.FileRefused, match=r"and a date cell \('enrolled_on': 2021-05-11\)"):
            read_days(dates, name="enrolled_on", kinds=kinds)
    else:
        read_days(dates, name="enrolled_on", kinds=kinds)
        with pytest.raises(vl.FileRefused, match=r"and a date cell \('enrolled_on': 2021-05-11\)"):
            kinds.meet("13/12/2021", "submitted_on")


def test_review_113_a_typed_month_off_its_first_day_the_row_and_odd_units() -> None:
    """Review 113: (F1) a datetime64 month column whose date is not the first of a month (an en-US
    import made 01/03/2022 into 3 January) beside day-first text was settled by settle_frame as
    January (0 days, not funded) where 7 x 20 = 140.00 is due (14-20 March 2022): it is refused,
    as settle_file refuses it; (F4) the refusal met reading the typed column names the text's row
    (2), in the text's column; (F3) a datetime64 column in picoseconds beside such a text is
    read (its value refused in its row), never an OverflowError; (F7) a period written
    2021/12/13..2021/12/31 is no day-first text."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_arrays, settle_frame

    rules = vl.RuleSet.default().extend(example_path("continuation_2022_2026.toml"))
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(["2022-01-03"]),
            "enrolled_on": ["14/03/2022"],
            "discharged_on": ["20/03/2022"],
            "disability": [False],
            "submitted_on": ["31/03/2022"],
        }
    )
    with pytest.raises(vl.FileRefused, match=r"and a date cell \('month': 2022-01-03\)"):
        settle_frame(frame, day_first=True, rules=rules)
    later = pd.DataFrame(
        {
            "month": ["2021-12"] * 3,
            "enrolled_on": ["2021-12-01", "2021-12-02", "13/12/2021"],
            "discharged_on": [None] * 3,
            "disability": [False] * 3,
            "submitted_on": pd.to_datetime(["2022-01-05"] * 3),
        }
    )
    with pytest.raises(vl.FileRefused, match=r"enrolled_on: got '13/12/2021' \(str\); .*\(this cell, row 2\)"):
        settle_frame(later, day_first=True)
    tiny = np.array([1, 2], dtype="datetime64[ps]")
    out = settle_arrays(
        ["2021-12", "2021-12"], [None, "13/12/2021"], tiny, [False, False], ["2022-01-05"] * 2, day_first=True
    )
    assert out["status"].tolist() == [3, 3]  # invalid, each with its reason (no date of datetime's years)
    (row,) = settle_file(
        pd.DataFrame(
            {
                "beneficiary_id": ["A"],
                "month": ["2021-12"],
                "enrolled_on": [pd.Timestamp("2021-12-06")],
                "discharged_on": [None],
                "disability": ["2021/12/13..2021/12/31"],
                "submitted_on": ["2022-01-05"],
            }
        )
    ).rows
    assert row.error.startswith("disability[0].start: got '2021/12/13'")  # its own words, not a whole-file refusal


def test_review_114_a_month_end_date_is_no_sign_and_a_date_cell_is_found_in_its_row() -> None:
    """Review 114: a month column of month-end dates (2021-12-31, as ``pd.date_range(freq="ME")``
    gives) beside day-first text was refused, though a month read the wrong way round always has a
    day of 2 to 12 (its month as its day): it settles, enrolled 14 Dec: 18 days x 20 = 360.00,
    submitted 31 Dec, in time. A date cell of an object column that completes the pair is found in
    its row (row 2 here; before, no row)."""
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    ends = pd.DataFrame(
        {
            "month": pd.to_datetime(["2021-12-31"]),
            "enrolled_on": ["14/12/2021"],
            "discharged_on": [None],
            "disability": [False],
            "submitted_on": ["31/12/2021"],
        }
    )
    assert settle_frame(ends, day_first=True)["payable_tetri"].tolist() == [36000]
    row = {
        "beneficiary_id": "A",
        "month": pd.Timestamp("2021-12-31"),
        "enrolled_on": "14/12/2021",
        "discharged_on": None,
    }
    (got,) = settle_file(pd.DataFrame([row | {"disability": "no", "submitted_on": "31/12/2021"}]), day_first=True).rows
    assert got.settlement is not None and got.settlement.payable == Decimal("360.00")
    cell_last = pd.DataFrame(
        {
            "month": ["2021-12"] * 3,
            "enrolled_on": ["13/12/2021", None, pd.Timestamp("2021-12-06")],
            "discharged_on": [None] * 3,
            "disability": [False] * 3,
            "submitted_on": ["2022-01-05"] * 3,
        }
    )
    with pytest.raises(
        vl.FileRefused, match=r"enrolled_on: got Timestamp\('2021-12-06 00:00:00'\).*\(this cell, row 2\)"
    ):
        settle_frame(cell_last, day_first=True)


def test_review_115_an_encoded_arrow_date_column_counts_and_a_narrow_number_is_said_a_number() -> None:
    """Review 115: (F3) a dictionary-encoded Arrow date column (``pa.Table.from_pandas`` of a
    categorical of dates) beside day-first text was not looked into: the misread file was paid
    (31 days) where it is refused, as a plain date32 column is; (F2) a numpy float32 in a date
    cell is refused as a number, as a float64 is (a910190 had it "a float64 number or text")."""
    np = pytest.importorskip("numpy")
    pa = pytest.importorskip("pyarrow")
    from voucherlib.batch import settle_frame

    table = pa.table(
        {
            "month": ["2021-12"],
            "enrolled_on": ["13/12/2021"],
            "discharged_on": pa.array([None], pa.string()),
            "disability": [False],
            "submitted_on": pa.array([dt.date(2022, 10, 1)]).dictionary_encode(),  # 10/01/2022 read month first
        }
    )
    with pytest.raises(vl.FileRefused, match=r"and a date cell \('submitted_on': 2022-10-01\)"):
        settle_frame(table, day_first=True)
    with pytest.raises(vl.InvalidInput, match=r"expected a date, not a number"):
        cells.date(np.float32(44520.0), "enrolled_on")


def test_a_typed_date_column_is_looked_into_past_a_value_outside_the_years() -> None:
    """Review 115 F4: a datetime64 column whose first value lies outside datetime's years (year
    10000) hid its later date cells from D35's check: the first date of the years is the one
    tried, so the misread 2022-10-01 beside day-first text refuses the table."""
    np = pytest.importorskip("numpy")
    from voucherlib.input.columns import read_days

    column = np.array([365 * 8100, "NaT", "2022-10-01"], dtype="datetime64[D]")  # (the first: year 10147)
    kinds = cells.DateKinds()
    read_days(column, name="submitted_on", kinds=kinds)
    with pytest.raises(vl.FileRefused, match=r"and a date cell \('submitted_on': 2022-10-01\)"):
        kinds.meet("13/12/2021", "enrolled_on")


def test_a_numpy_datetime64_cell_in_nanoseconds_is_a_date_not_a_number() -> None:
    """A numpy datetime64[ns] cell (a record's or an object column's) at midnight is the date it
    holds: its ``item()`` is an int of nanoseconds, which the check of number cells (review 110 F3)
    took for a number and refused ("a date, not a number")."""
    np = pytest.importorskip("numpy")

    assert cells.date(np.datetime64("2021-11-01T00:00:00.000000000"), "enrolled_on") == dt.date(2021, 11, 1)
    assert cells.month(np.datetime64("2021-11-01T00:00:00.000000000"), "month") == vl.Month(2021, 11)


# ---------------------------------------------------------------- review 116: the signs an import leaves

TIMED_CSV = (
    "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
    "B1,2021-11,05/11/2021 00:00,,no,300.00,13/12/2021 00:00\n"
)
"""Day-first dates saved with a time of day (a date cell formatted with one). By hand: enrolled 5
Nov, 26 days x 20 = 520.00; due Sun 5 Dec, rolled to Mon 6 Dec; submitted 13 Dec: 5 working days
late (7, 8, 9, 10, 13 Dec), 50% off: 260.00."""

PERIOD_CSV = (
    "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
    "B1,2021-10,05/10/2021,,01/10/2021..10/10/2021,720.00,10/11/2021\n"
)
"""A status period whose ends read either way. By hand: enrolled 5 Oct, 27 days; status 5-10 Oct:
6 x 30 = 180.00, 21 x 20 = 420.00, 600.00; due Fri 5 Nov, submitted Wed 10 Nov: 3 working days
late (8, 9, 10 Nov), 30% off: 420.00."""


@needs_libreoffice
@pytest.mark.parametrize(
    ("typed", "cell", "text", "due"),
    [
        (TIMED_CSV, dt.datetime(2021, 5, 11), "13/12/2021 00:00", Decimal("260.00")),
        (PERIOD_CSV, dt.datetime(2021, 5, 10), "01/10/2021..10/10/2021", Decimal("420.00")),
    ],
)
def test_an_import_that_left_a_timed_date_or_a_period_as_text_is_refused_whole(
    tmp_path: Path, typed: str, cell: dt.datetime, text: str, due: Decimal
) -> None:
    """Review 116 F1 and F5: LibreOffice's en-US import made the enrolment a date cell the wrong
    way round (05/11/2021: 11 May) and left the other date as text: one with a time of day, or a
    status period whose ends read either way (a period is never read as a date). Neither text was
    a sign, and the flag paid 300.00 for 260.00, and 720.00 for 420.00. Both files are refused
    whole now; the CSV itself, read day first, gives the hand figures."""
    source = tmp_path / "vouchers.csv"
    source.write_text(typed, encoding="utf-8")
    saved = libreoffice_convert(source, "xlsx", tmp_path / "out", infilter="CSV:44,34,76,1,,1033,false,true")
    openpyxl = pytest.importorskip("openpyxl")
    values = [c.value for c in openpyxl.load_workbook(saved).active[2]]
    assert cell in values and text in values  # what the import made
    for day_first in (True, False):
        with pytest.raises(vl.FileRefused, match=r"expected a file whose (dates are all date cells|status periods)"):
            settle_file(saved, day_first=day_first)
        with pytest.raises(vl.FileRefused):
            audit_invoice(saved, day_first=day_first)
    assert main(["settle", str(saved), "--day-first"]) == 2
    assert [r.settlement.payable for r in settle_file(source, day_first=True).rows] == [due]


def test_a_text_that_is_no_day_beside_date_cells_refuses_the_file_saying_it_may_be_a_typo(tmp_path: Path) -> None:
    """Review 116 F10 and review 118 N2: 31/11/2021 (no such day) beside date cells is what an en-US
    import leaves of a day-first file (no month-first reader takes it either): with 05/11/2021 made
    the date cell 11 May, B1 was paid 30 days, 600.00, for 26 x 20 = 520.00, once such a text was
    no sign. It is a sign again, and the refusal says the text is no day, and to correct it if it
    is a typo (a Georgian workbook with a typo is refused too, and this is its way out): corrected
    (a date cell, as a Georgian sheet makes of 30/11/2021 typed in it), the Georgian workbook reads:
    B1, enrolled 5 Nov: 26 x 20 = 520.00, submitted 13 Dec, 5 working days late: 260.00; B2, 1-30
    Nov, 30 x 20 = 600.00, in time."""
    openpyxl = pytest.importorskip("openpyxl")
    header = ["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "submitted_on"]
    imported = (dt.datetime(2021, 5, 11), dt.datetime(2021, 12, 6))  # an en-US import's cells
    georgian = (dt.datetime(2021, 11, 5), dt.datetime(2021, 12, 13))  # a Georgian workbook's
    for enrolled, submitted in (imported, georgian):
        book = openpyxl.Workbook()
        book.active.append(header)
        book.active.append(["B1", "2021-11", enrolled, None, "no", submitted])
        book.active.append(["B2", "2021-11", None, "31/11/2021", "no", dt.datetime(2021, 12, 6)])
        book.save(tmp_path / "typo.xlsx")
        for day_first in (True, False):
            with pytest.raises(vl.FileRefused, match=r"the text 31/11/2021 is no day: if it is a typo, correct it"):
                settle_file(tmp_path / "typo.xlsx", day_first=day_first)
    book.active["D3"] = dt.datetime(2021, 11, 30)  # the typo corrected
    book.save(tmp_path / "typo.xlsx")
    rows = settle_file(tmp_path / "typo.xlsx", day_first=True).rows
    assert [r.settlement.payable for r in rows if r.settlement] == [Decimal("260.00"), Decimal("600.00")]


def test_dates_that_read_either_way_beside_a_date_time_text_or_dashed_are_read(tmp_path: Path) -> None:
    """Review 118 N3 and N5: a plain CSV whose enrolment is a date-time text (a database's or pandas'
    export: 2021-11-05 00:00:00, 2021-11-05 00:00) and whose submission is 06/12/2021 (day first,
    either way) was refused as an import; so was a Georgian workbook (its dates date cells) with a
    date written 06-12-2021, which LibreOffice keeps as text. An import made a date cell of each
    date that reads either way, so such a text is no sign. By hand: enrolled 5 Nov, 26 x 20 =
    520.00, submitted on the deadline (Mon 6 Dec): 520.00."""
    openpyxl = pytest.importorskip("openpyxl")
    header = "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
    for enrolled in ("2021-11-05 00:00:00", "2021-11-05 00:00"):
        (tmp_path / "v.csv").write_text(header + f"B1,2021-11,{enrolled},,no,06/12/2021\n", encoding="utf-8")
        (row,) = settle_file(tmp_path / "v.csv", day_first=True).rows
        assert row.settlement is not None and row.settlement.payable == Decimal("520.00")
    book = openpyxl.Workbook()
    book.active.append(header.strip().split(","))
    book.active.append(["B1", "2021-11", dt.datetime(2021, 11, 5), None, "no", "06-12-2021"])
    book.save(tmp_path / "ka.xlsx")
    (row,) = settle_file(tmp_path / "ka.xlsx", day_first=True).rows
    assert row.settlement is not None and row.settlement.payable == Decimal("520.00")
    # a date-time text beside a date that can only be day first is refused, saying what it counts as
    (tmp_path / "v.csv").write_text(header + "B1,2021-11,2021-11-05 00:00:00,,no,13/12/2021\n", encoding="utf-8")
    with pytest.raises(vl.FileRefused, match=r"a date cell or its text with a time of day \(a CSV's date-time: write"):
        settle_file(tmp_path / "v.csv", day_first=True)


def _frame_of(enrolled: object, submitted: object = "13/12/2021", disability: object = False) -> dict[str, object]:
    """A one-row table of November 2021 (a mapping of columns, as settle_frame takes one)."""
    return {
        "beneficiary_id": ["B1"],
        "month": ["2021-11"],
        "enrolled_on": enrolled,
        "discharged_on": [None],
        "disability": [disability],
        "submitted_on": [submitted],
    }


def _two_rows(enrolled: object, periods: object) -> Any:
    """A pandas table of November 2021: B1 enrolled on ``enrolled``, without status; B2 served
    all month, its status cell ``periods`` (in an object column, as given)."""
    pd = pytest.importorskip("pandas")
    return pd.DataFrame(
        {"beneficiary_id": ["B1", "B2"], "month": ["2021-11"] * 2, "enrolled_on": [enrolled, None],
         "discharged_on": [None, None], "disability": pd.Series([False, periods], dtype=object),
         "submitted_on": ["2021-12-06"] * 2}
    )  # fmt: skip


def test_every_form_of_a_date_cell_in_a_table_is_a_sign_beside_a_slashed_text() -> None:
    """Review 116 F2, F3, F4, F6, F7: the misread enrolment (05/11/2021 made 11 May) beside the text
    13/12/2021 was paid 30 days (300.00 for 260.00) when the date cell was a numpy datetime64 in an
    object column, a DatetimeIndex or a Categorical in a mapping, an Arrow column whose first
    value is past year 9999, or an ISO date-time text other than pandas' own
    (2021-05-11T00:00:00.000); an Arrow timestamp whose first value is the smallest int64
    crashed the check. Each table is refused now."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    from voucherlib.batch import settle_frame

    cells_ = [
        pd.Series([np.datetime64("2021-05-11")], dtype=object),
        np.array([np.datetime64("2021-05-11T00:00:00", "ns")], dtype=object),
        pd.to_datetime(["2021-05-11"]),
        pd.Categorical([pd.Timestamp("2021-05-11")]),
        ["2021-05-11T00:00:00"],
        ["2021-05-11T00:00:00.000"],
        ["2021-05-11 00:00:00.000000"],
        ["2021-05-11 00:00"],
    ]
    for enrolled in cells_:
        with pytest.raises(vl.FileRefused, match="a file whose dates are all date cells, or all text"):
            settle_frame(_frame_of(enrolled), day_first=True)
    # two rows: the first date of the Arrow column is past year 9999 (or the smallest int64)
    far = pa.array([dt.date(9999, 12, 31), dt.date(2021, 5, 11)]).cast(pa.int32())
    far = pa.compute.add(far, pa.array([1, 0], type=pa.int32())).cast(pa.date32())  # 10000-01-01, 2021-05-11
    smallest = pa.array([-(2**63), 1620691200 * 10**9], type=pa.int64()).cast(pa.timestamp("ns"))
    for enrolled in (far, far.dictionary_encode(), smallest, smallest.dictionary_encode()):
        table = pa.table(
            {
                "beneficiary_id": ["B1", "B2"],
                "month": ["2021-11"] * 2,
                "enrolled_on": enrolled,
                "discharged_on": pa.nulls(2, pa.date32()),
                "disability": [False] * 2,
                "submitted_on": ["13/12/2021"] * 2,
            }
        )
        with pytest.raises(vl.FileRefused, match="a file whose dates are all date cells, or all text"):
            settle_frame(table, day_first=True)


def test_status_periods_given_as_lists_of_texts_count_beside_date_cells() -> None:
    """Review 116 F9: periods given as lists of (start, end) texts, or an Arrow list of structs of
    text, were read day first but were no sign: beside the misread enrolment (11 May for 5 Nov)
    750.00 was paid for 630.00 (by hand: 26 days from 5 Nov, status 5-15 Nov: 11 x 30 + 15 x 20)."""
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    from voucherlib.batch import settle_frame

    misread = [dt.datetime(2021, 5, 11)]
    lists = _frame_of(misread, "2021-12-06", [("01/11/2021", "15/11/2021")])
    arrow = pa.table({**lists, "disability": pa.array([[{"start": "01/11/2021", "end": "15/11/2021"}]])})
    for table in (lists, pd.DataFrame(lists), arrow):
        for day_first in (True, False):  # (review 118 N7: without the flag they were no sign, 600.00 for 520.00)
            with pytest.raises(vl.FileRefused, match="a file whose status periods are not written day first"):
                settle_frame(table, day_first=day_first)
    with pytest.raises(vl.FileRefused, match="a file whose status periods are not written day first"):
        settle_file(pd.DataFrame(lists))
    with pytest.raises(vl.FileRefused, match="a file whose status periods are not written day first"):
        settle_file(pd.DataFrame(lists), day_first=True)
    # the same periods beside dates written as text: 630.00, as the CSV gives
    text = settle_frame(_frame_of(["05/11/2021"], "06/12/2021", [("01/11/2021", "15/11/2021")]), day_first=True)
    assert list(text["payable_tetri"]) == [63000]


def test_a_duration_in_a_date_cell_is_no_number() -> None:
    """Review 116 F11: a numpy timedelta64 of nanoseconds in a date cell was said "a number ... a
    date whose cell lost its date format" (its item() is an int); it is refused as no date."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(_frame_of(pd.Series([np.timedelta64(5 * 86400 * 10**9, "ns")], dtype=object), "2021-12-06"))
    (row,) = settle_file(frame).rows
    assert row.settlement is None and "enrolled_on" in str(row.error) and "lost its date format" not in str(row.error)


def test_a_datetime64_of_picoseconds_in_an_object_column_is_refused_not_a_crash() -> None:
    """Review 118 N1: a numpy datetime64 of unit ps, fs or as in an object column crashed the
    check of the kinds of date (numpy's OverflowError comparing it with its day), where its row
    was refused before. It is a date cell, and its row is refused as ever."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    for unit in ("ps", "fs", "as"):
        frame = pd.DataFrame(
            _frame_of(pd.Series([np.datetime64("2021-11-05T00:00:00", unit)], dtype=object), "2021-12-06")
        )
        assert list(settle_frame(frame)["status"]) == ["invalid"]
        (row,) = settle_file(frame).rows
        assert row.settlement is None and "enrolled_on" in str(row.error)
        with pytest.raises(vl.FileRefused):  # beside a slashed text: a date cell
            settle_frame(pd.DataFrame(_frame_of(frame["enrolled_on"], "13/12/2021")), day_first=True)


def test_a_status_period_written_with_dashes_beside_date_cells_is_a_sign_too() -> None:
    """Review 121 F1 and F2: an en-US import keeps a status period as text, its ends as written,
    with '-' as with '/': 01-11-2021..10-11-2021 beside the misread enrolment (05/11/2021 made 11
    May) was paid 30 days, 700.00 (20 x 20 + 10 x 30), for 26 days from 5 Nov, 6 x 30 + 20 x 20 =
    580.00. So was a row beside periods given in code as a list of such texts, which the rules
    refuse in their row. Both refuse the table now."""
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    misread = [dt.datetime(2021, 5, 11)]
    # (review 122: a slashed date beside a hyphen, as Georgian writes "from ... until", was no sign)
    hyphened = ("13/11/2021-20/11/2021", "13/11/2021-დან 20/11/2021-მდე")
    # (review 123: a named tuple of other names than start and end, refused by the rules in its
    # row, counted before 4b12d64 folded the walks of periods and not after)
    other_names = [namedtuple("P", "begin finish")("13/11/2021", "20/11/2021")]
    cases = ("01-11-2021..10-11-2021", [("01-11-2021", "10-11-2021")], ["13/11/2021..20/11/2021"], other_names)
    for periods in (*cases, *hyphened):
        frame = pd.DataFrame(_frame_of(misread, "2021-12-06", periods))
        for day_first in (True, False):
            with pytest.raises(vl.FileRefused, match="a file whose status periods are not written day first"):
                settle_frame(frame, day_first=day_first)
            with pytest.raises(vl.FileRefused, match="a file whose status periods are not written day first"):
                settle_file(frame, day_first=day_first)


def test_periods_given_in_a_shape_the_rules_refuse_count_their_texts_beside_date_cells() -> None:
    """Review 123 F3: periods given in code in a shape the rules refuse in their row (a 3-tuple, a
    set, a numpy array, a pandas Series) or read as a mapping (an OrderedDict) counted none of
    their texts: a misread row beside them (enrolled 11 May for 5 Nov) was paid 600.00 for 26 x
    20 = 520.00. Their texts count now, one shape deep (periods, their ends)."""
    from collections import OrderedDict

    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    shapes = [
        [("13/11/2021", "20/11/2021", "note")],
        {("13/11/2021", "20/11/2021")},
        [OrderedDict(start="13/11/2021", end="20/11/2021")],
        np.array([["13/11/2021", "20/11/2021"]], dtype=object),
        pd.Series(["13/11/2021..20/11/2021"]),
    ]
    for periods in shapes:
        frame = _two_rows(dt.datetime(2021, 5, 11), periods)
        for day_first in (True, False):
            with pytest.raises(vl.FileRefused, match="a file whose status periods are not written day first"):
                settle_frame(frame, day_first=day_first)
            # (review 124 F6: settle_file of the same frame paid B1 600.00 for 520.00, or crashed
            # on the array)
            with pytest.raises(vl.FileRefused, match="a file whose status periods are not written day first"):
                settle_file(frame, day_first=day_first)

    class Unreadable:  # an object that fails to be iterated its own way: its row refused, no crash
        def __iter__(self) -> Any:
            raise RuntimeError("no")

    frame["disability"] = pd.Series([False, Unreadable()], dtype=object)
    for day_first in (True, False):
        assert list(settle_frame(frame, day_first=day_first)["status"]) == ["paid", "invalid"]


def test_the_look_into_a_refused_period_shape_is_bounded() -> None:
    """Review 124 F5: the look into the texts of a period shape the rules refuse took up to 1,000
    items of each of 1,000 items: an endless iterable of endless iterables cost a million steps a
    row (100 rows: 103 s). Review 128 F3: a budget of 4,096 items a period, not a cell, cost 1,000
    periods of endless ends seconds a row. It takes 4,096 items of a cell in all, however they
    are given; the row is refused, as ever."""
    import itertools

    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    pulled = [0]

    class Counted:  # an endless iterable, counting the items taken from it
        def __iter__(self) -> Any:
            return self

        def __next__(self) -> Any:
            pulled[0] += 1
            return "x"

    endless = Counted()
    for cell in (itertools.repeat(endless), [endless] * 1000, [(endless, endless)] * 1000, [(endless, 1, 2)] * 1000):
        for day_first in (True, False):
            pulled[0] = 0
            frame = pd.DataFrame(_frame_of([dt.datetime(2021, 11, 5)], "2021-12-06", cell))
            assert list(settle_frame(frame, day_first=day_first)["status"]) == ["invalid"]
            assert 0 < pulled[0] <= 4096, pulled  # (it was up to 1000 x 1000, then 4,096 x 1,000)


def test_an_item_that_is_no_container_does_not_end_the_look_at_its_cell() -> None:
    """Review 128 F1: one item of a status cell that cannot be iterated (pd.NA, a Decimal, a
    timedelta) before a day-first text ended the look at the whole cell, so the text was no sign
    and the misread row beside it (enrolled 11 May for 5 Nov) was paid 30 x 20 = 600.00 for
    26 x 20 = 520.00, and the audit called its claim a match. The look goes on past it."""
    from collections import OrderedDict

    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    periods = pd.DataFrame({"start": pd.array([pd.NA], dtype="string"), "end": ["13/11/2021"]})
    cells = [
        list(periods.itertuples()),
        [OrderedDict(start=pd.NA, end="13/11/2021")],
        {"start": pd.NA, "end": "13/11/2021"},
        [(pd.NA, "13/11/2021", "20/11/2021")],
        {"a": Decimal(1), "b": "13/11/2021"},
        pd.Series([pd.NA, "13/11/2021"], dtype=object),
        [[dt.timedelta(1), "13/11/2021", None]],
    ]
    for cell in cells:
        for day_first in (True, False):
            for settle in (settle_frame, settle_file):
                with pytest.raises(vl.FileRefused):
                    settle(_two_rows(dt.datetime(2021, 5, 11), cell), day_first=day_first)


class _OwnStrip(str):
    """A text whose own ``strip`` raises."""

    def strip(self, chars: str | None = None) -> str:
        raise Boom


class _BlankStrip(str):
    """A text whose own ``strip`` says it is blank."""

    def strip(self, chars: str | None = None) -> str:
        return ""


def _closed_iterator(np: Any) -> Any:
    """A numpy iterator closed: its ``ndim`` raises ValueError."""
    found = np.nditer(np.array(["x"]))
    found.close()
    return found


def test_every_text_of_a_status_cell_given_in_code_counts_beside_date_cells() -> None:
    """Review 124 F1 and F6: a day-first text in the end of a pair that is itself a tuple or a
    list, under a plain dict's other names, in a numpy array of any shape (0-d too), three levels
    deep, or past the 1,000th item counted as no sign, and the misread row beside it (enrolled
    11 May for 5 Nov) was paid 30 x 20 = 600.00 for 26 x 20 = 520.00, by settle_frame and
    settle_file alike. Every text of the cell counts now (its first 4,096 items in all)."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    shapes = [
        [(("13/11/2021",), "2021-11-20")],
        [("2021-11-13", ["20/11/2021"])],
        [{"from": "13/11/2021", "to": "20/11/2021"}],
        [{"start": "2021-11-13", "end": None, "note": "20/11/2021"}],
        [np.array("13/11/2021")],
        np.array("13/11/2021..20/11/2021"),
        np.array([[["13/11/2021", "20/11/2021"]]], dtype=object),
        [((("13/11/2021",),), "b", "c")],
        [(*["2021-11-01"] * 1000, "13/11/2021")],
        {f"2021-11-{n:02d}" for n in range(1, 31)} | {f"x{n}" for n in range(1000)} | {"13/11/2021"},
        (p for p in [("13/11/2021", "20/11/2021")]),
        # (review 129 F1: a record's fields were never reached, each numpy value looked into as itself)
        pd.DataFrame({"start": ["01/11/2021"], "end": ["13/11/2021"]}).to_records(index=False),
        list(pd.DataFrame({"start": ["01/11/2021"], "end": ["13/11/2021"]}).to_records()),
        # (review 130: a record's value took a level of the look, and a record of periods kept its
        # texts past the last; numpy.rec's and numpy.ma's arrays were not taken for numpy's)
        pd.DataFrame({"periods": [[("01/11/2021", "13/11/2021")]]}).to_records(index=False),
        np.rec.array(("01/11/2021", "13/11/2021"), dtype=[("start", "U10"), ("end", "U10")]),
        np.ma.masked_array("13/11/2021"),
        # (review 131: a numpy subclass's 0-d array was not taken for numpy's; a value whose own
        # ndim raises, before the text, ended the look at the cell)
        [np.asarray("13/11/2021").view(type("Sub", (np.ndarray,), {}))],
        [_closed_iterator(np), "13/11/2021"],
        # (review 132: a text whose own strip raises or says it is blank was no sign)
        [_OwnStrip("13/11/2021")],
        np.array(_OwnStrip("13/11/2021"), dtype=object),
        [_BlankStrip("13/11/2021")],
        _BlankStrip("13/11/2021"),
    ]
    for periods in shapes:
        for day_first in (True, False):
            for settle in (settle_frame, settle_file):
                frame = _two_rows(dt.datetime(2021, 5, 11), periods)
                with pytest.raises(vl.FileRefused, match="a file whose status periods are not written day first"):
                    settle(frame, day_first=day_first)
                if isinstance(periods, type(p for p in ())):
                    break  # (a generator is spent by its first read)
            else:
                continue
            break
    pl = pytest.importorskip("polars")  # (review 129: a Polars DataFrame as the cell, whose to_numpy takes no dtype)
    for settle in (settle_frame, settle_file):
        with pytest.raises(vl.FileRefused, match="a file whose status periods are not written day first"):
            settle(_two_rows(dt.datetime(2021, 5, 11), pl.DataFrame({"start": ["01/11/2021"], "end": ["13/11/2021"]})))


def test_a_status_cell_that_fails_to_be_read_its_own_way_refuses_its_row_not_the_table() -> None:
    """Review 124 F2: a list or tuple whose own methods raise (its length, its iteration, an
    attribute) crashed the look at the table's kinds of date, or the rules, with the caller's own
    exception, and no row of the table was settled. Each such cell now gives its row's amount
    from the dates it holds or refuses its row; the other row is paid (B1, enrolled 5 Nov: 26 x
    20 = 520.00). B2, served all November, holds status 13-20 Nov where it is read: 8 x 30 + 22 x
    20 = 680.00."""
    pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    class TupleAttribute(tuple):  # type: ignore[type-arg]
        def __getattr__(self, name: str) -> Any:
            raise Boom

    pair = ("2021-11-13", "2021-11-20")
    cells = [
        [TupleLength(pair)],
        [ListIteration(pair)],
        [TupleAttribute(pair)],
        TupleLength((pair,)),
        ListIteration([pair]),
    ]
    for cell in cells:
        frame = _two_rows("05/11/2021", cell)
        result = settle_frame(frame, day_first=True)
        assert result["payable_tetri"][0] == 52000
        assert (result["status"][1], result["payable_tetri"][1]) in (("paid", 68000), ("invalid", 0))
        b1, b2 = settle_file(frame, day_first=True).rows
        assert b1.settlement is not None and b1.settlement.payable == Decimal("520.00")
        if b2.settlement is None:
            assert "disability" in str(b2.error)
        else:
            assert b2.settlement.payable == Decimal("680.00")
        frame["enrolled_on"] = ["2021-11-05", None]  # (ISO: read without the flag too)
        assert settle_frame(frame)["payable_tetri"][0] == 52000
        assert settle_file(frame).rows[0].settlement is not None


def test_a_text_of_status_periods_given_in_code_is_never_a_date_cell() -> None:
    """Review 124 F3: an ISO text with a time of day as a status period's end given in code
    counted as a date cell in some shapes (a 3-tuple, a set, an OrderedDict, an array, a pair read
    day first) and not in others (a pair without the flag, the text ``a..b``), so a table of text
    dates with a day-first enrolment was refused or not by the shape of another row's periods.
    Such ends are the caller's values, as ends given as dates are: the table is read whatever the
    shape. B1 enrolled 13 Nov (read day first): 18 days x 20 = 360.00."""
    from collections import OrderedDict

    np = pytest.importorskip("numpy")
    pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    a, b = "2021-11-13 00:00:00", "2021-11-20 00:00:00"
    shapes = [
        [(a, b, "note")],
        {(a, b)},
        [OrderedDict(start=a, end=b)],
        np.array([[a, b]], dtype=object),
        [(a, b)],
        [{"start": a, "end": b}],
        f"{a}..{b}",
    ]
    for periods in shapes:
        frame = _two_rows("13/11/2021", periods)
        assert settle_frame(frame, day_first=True)["payable_tetri"][0] == 36000
        assert settle_file(frame, day_first=True).rows[0].settlement is not None
        assert settle_frame(frame)["status"][0] == "invalid"  # (13/11/2021 without the flag, as ever)


DASHED_CSV = (
    "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
    "B-05,2021-11,05-11-21,,no,2021-12-06\n"
    "B-02,2021-11,20-11-21,,no,2021-12-06\n"
    "B-03,2021-11,15-03-21,25-11-21,no,2021-12-06\n"
)
"""Dates written DD-MM-YY (not read: also YY-MM-DD). By hand, as written: B-02 enrolled 20 Nov,
11 days x 20 = 220.00; B-03 discharged 25 Nov, 25 x 20 = 500.00 (both submitted in time)."""


@needs_libreoffice
def test_an_import_that_read_dashed_two_digit_years_the_other_way_is_refused_whole(tmp_path: Path) -> None:
    """Review 125 F10 (review 121 F3): LibreOffice's en-US import reads DD-MM-YY with a day above 12
    as YY-MM-DD (20-11-21 as 2020-11-21, a date cell) and leaves 05-11-21 as text: the misread
    rows were paid all November, 600.00 each, for 220.00 and 500.00, for such a text was no sign.
    It is one now (its own row is refused anyway): the file is refused whole."""
    source = tmp_path / "vouchers.csv"
    source.write_text(DASHED_CSV, encoding="utf-8")
    saved = libreoffice_convert(source, "xlsx", tmp_path / "out", infilter="CSV:44,34,76,1,,1033,false,true")
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(saved).active
    assert sheet["C3"].value == dt.datetime(2020, 11, 21) and sheet["C2"].value == "05-11-21"  # what the import made
    for day_first in (True, False):
        with pytest.raises(vl.FileRefused, match="a file whose dates are all date cells, or all text"):
            settle_file(saved, day_first=day_first)
    assert main(["settle", str(saved)]) == 2


def test_a_dashed_two_digit_year_is_a_sign_beside_date_cells() -> None:
    """Review 125 F10: DD-MM-YY beside date cells counts when an en-US import leaves it as text (a
    day and a month of 1 to 12); one it makes a date cell of, as YY-MM-DD (21-11-05, 31-11-21:
    review 128 F5, no evidence of the import), one that can only be month first, or no date at
    all, does not."""
    from voucherlib.core.month import day_first_sign

    assert day_first_sign("05-11-21") == "only" and day_first_sign("12-01-21 00:00") == "only"
    assert day_first_sign("21-11-05") is None and day_first_sign("31-11-21") is None
    assert day_first_sign("12-31-21") is None and day_first_sign("05-13-21") is None
    assert day_first_sign("05.11.21") is None  # (dots: no spreadsheet reads them month first)


def test_the_other_texts_of_a_status_cell_count_when_one_of_its_ends_is_refused() -> None:
    """Review 125 F3: read day first, a pair whose start is no day (32/11/2021, 00/11/2021,
    13/13/2021) stopped the look at the rest of its cell, so 10/11/2021 beside it was no sign and
    the misread row (enrolled 11 May for 5 Nov) was paid 30 x 20 = 600.00 for 26 x 20 = 520.00,
    where without the flag the table was refused. Both refuse it now."""
    pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    for bad in ("32/11/2021", "00/11/2021", "13/13/2021"):
        for cell in ([(bad, "10/11/2021")], [(bad, None), ("01/11/2021", "10/11/2021")]):
            frame = _two_rows(dt.datetime(2021, 5, 11), cell)
            for day_first in (True, False):
                with pytest.raises(vl.FileRefused):
                    settle_frame(frame, day_first=day_first)
                with pytest.raises(vl.FileRefused):
                    settle_file(frame, day_first=day_first)


def test_a_status_cell_of_any_kind_counts_its_texts_by_what_it_holds() -> None:
    """Review 125 F11 and F2: a list whose own iteration raises (its texts were read by that
    iteration, which failed) and a DataFrame as a cell (its iteration gives its column names
    alone) counted none of their texts, and the misread row beside them was paid 600.00 for
    520.00. Both are read by what they hold now."""
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    for cell in (
        ListIteration([("01/11/2021", "10/11/2021")]),
        pd.DataFrame({"start": ["01/11/2021"], "end": ["10/11/2021"]}),
    ):
        for day_first in (True, False):
            for settle in (settle_frame, settle_file):
                with pytest.raises(vl.FileRefused):
                    settle(_two_rows(dt.datetime(2021, 5, 11), cell), day_first=day_first)


def test_a_date_whose_own_methods_raise_is_read_by_the_day_it_holds() -> None:
    """Review 125 F5: a date subclass whose ``isoformat`` raises crashed settle_frame and
    settle_file (the look at the kinds of date, an id's text, a refusal's quote of it). Its day is
    read by the type's own methods: as an enrolment it is 5 Nov, 26 x 20 = 520.00; as a status
    cell, an id, it is refused naming its field."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    class OwnIsoformat(dt.date):
        def isoformat(self) -> str:
            raise Boom

    day = np.empty(1, dtype=object)
    day[0] = OwnIsoformat(2021, 11, 5)
    base = {"beneficiary_id": ["B1"], "month": ["2021-11"], "enrolled_on": ["2021-11-05"], "discharged_on": [None],
            "disability": [False], "submitted_on": ["2021-12-06"]}  # fmt: skip
    assert settle_frame(pd.DataFrame({**base, "enrolled_on": day}))["payable_tetri"][0] == 52000
    (row,) = settle_file(pd.DataFrame({**base, "enrolled_on": day})).rows
    assert row.settlement is not None and row.settlement.payable == Decimal("520.00")
    assert settle_frame(pd.DataFrame({**base, "disability": day}))["status"][0] == "invalid"
    (row,) = settle_file(pd.DataFrame({**base, "beneficiary_id": day})).rows
    assert row.settlement is not None and row.beneficiary_id == "2021-11-05"


def test_the_command_lines_path_names_the_same_cell_in_every_run(tmp_path: Path) -> None:
    # Review 141 F1: `voucherlib settle` read a column's distinct texts in the order of a set,
    # which the process's hash seed sets, so a file refused whole (D35: a date-time text, a date
    # cell's, beside texts that can only be day first) named another cell in each run. The texts
    # are read in the file's order now: its first day-first text, 13/11/2021 on row 3, whatever
    # the seed (five processes of seeds 1 to 5).
    import subprocess
    import sys

    path = tmp_path / "mix.csv"
    rows = ["B-1,2021-11,2021-11-05T00:00:00,,no,2021-12-03"]
    rows += [f"B-{d},2021-11,{d}/11/2021,,no,2021-12-03" for d in (13, 14, 15, 16)]
    path.write_text("beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n" + "\n".join(rows) + "\n")
    code = (
        "import sys, voucherlib as vl\n"
        "from voucherlib.reports.settlement_file import settle_chunks\n"
        "try:\n    list(settle_chunks(sys.argv[1]))\nexcept vl.VoucherError as e:\n    print(e)\n"
    )
    said = {
        subprocess.run(
            [sys.executable, "-c", code, str(path)],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(1, 6)
    }
    assert len(said) == 1, said
    (text,) = said
    assert text.startswith("enrolled_on: got '13/11/2021'") and "(this cell, row 3)" in text, text


@pytest.mark.parametrize("form", ["iso", "day_first", "timestamp"])
def test_every_path_names_a_day_it_read_a_date_in_the_same_words(form: str) -> None:
    # Review 226 F2: an early submission (9 Oct 2021 for November 2021, D10) was named `(str)` by
    # settle_frame for ISO text, `(date)` for day-first text and by the audit, `(datetime64)` for a
    # Timestamp column; a stay that ends before it begins `(date)`. Now each path quotes the day as
    # its cell writes it and names it a date.
    pd = pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    def day(y: int, m: int, d: int) -> object:
        return {"iso": f"{y}-{m:02d}-{d:02d}", "day_first": f"{d:02d}.{m:02d}.{y}", "timestamp": pd.Timestamp(y, m, d)}[
            form
        ]

    frame = pd.DataFrame(
        {
            "month": ["2021-11", "2021-11"],
            "enrolled_on": [day(2021, 11, 10), day(2021, 11, 1)],
            "discharged_on": [day(2021, 11, 9), None],
            "disability": ["no", "no"],
            "submitted_on": [day(2021, 12, 3), day(2021, 10, 9)],
        }
    )
    first = form == "day_first"
    shown = {"iso": ("2021-11-09", "2021-11-10", "2021-10-09"), "day_first": ("09.11.2021", "10.11.2021", "09.10.2021")}
    ends, starts, early = shown.get(form, shown["iso"])
    reversed_stay = f"discharged_on: got '{ends}' (date); expected a date on or after enrolled_on ({starts})"
    too_early = f"submitted_on: got '{early}' (date); expected a date on or after the first day of the service month"
    settled = settle_frame(frame, day_first=first)["reason"].tolist()
    audited = [
        ln.reason for ln in audit_invoice(frame.assign(beneficiary_id=["A", "B"], claimed="1"), day_first=first).lines
    ]
    for reasons in (settled, audited):
        assert reasons[0] == reversed_stay and reasons[1].startswith(too_early), reasons
