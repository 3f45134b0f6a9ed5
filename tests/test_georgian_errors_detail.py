"""Regressions of a review of the Georgian reasons: English is what it always was (a value is
quoted as given, whatever it says), Georgian keeps every detail of a refusal, an error's message
is fixed when it is made. The expected texts are written by hand."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import voucherlib as vl
from tests.xlsx_reader import set_in_reader
from voucherlib.cli import example_path, main
from voucherlib.core import phrases
from voucherlib.core.errors import InvalidInput, Reason, expected, shown

# ---------------------------------------------------------------- F1: values quoted as given


def test_one_working_day_is_said_so_only_in_the_phrases_own_words() -> None:
    # the phrase's own number: 1 -> "1 working day"; 2 stays plural
    assert phrases.say("en", "reason.late", late=1, deducted="20.00") == "1 working day late: 20.00 GEL deducted"
    assert phrases.say("en", "reason.late", late=2, deducted="40.00") == "2 working days late: 40.00 GEL deducted"
    # a value filled in is quoted as written, even when it reads "1 working days"
    error = InvalidInput("date", "1 working days", expected("date"))
    assert error.expected == "a date written YYYY-MM-DD, e.g. '2021-10-12'"
    assert str(error) == "date: got '1 working days' (str); expected a date written YYYY-MM-DD, e.g. '2021-10-12'"
    sheets = expected("sheet_of", file="f.xlsx", sheets="late by 1 working days, other")
    assert str(sheets) == "a sheet of f.xlsx: late by 1 working days, other"
    reason = Reason.phrase("reason.at_row", row=2, reason="1 working days")
    assert reason == "row 2: 1 working days"


def test_a_sheet_named_with_1_working_days_is_named_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "late by 1 working days"
    book.active.append(["a"])
    book.create_sheet("other").append(["b"])
    book.save("sheets_wd.xlsx")
    assert main(["settle", "sheets_wd.xlsx", "--sheet", "nope", "-q"]) == 2
    assert _said(capsys.readouterr().err) == (
        "voucherlib settle: --sheet: got 'nope'; expected a sheet of sheets_wd.xlsx: late by 1 working days, other"
    )


def test_a_cell_reading_1_working_days_is_quoted_as_written_in_the_error_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    head = "facility_id,city,service,limit,date,children_served\n"
    Path("o_wd.csv").write_text(head + "F-1,tbilisi,shelter,20,1 working days,18\n", encoding="utf-8")
    Path("o_wd2.csv").write_text(head + "F-1,tbilisi,shelter,20,2021-09-01,1 working days\n", encoding="utf-8")
    main(["facility", "--daily-rate", "35", "-q", "--format", "csv", "o_wd.csv"])
    assert "date: got '1 working days'; expected a date written YYYY-MM-DD" in capsys.readouterr().out
    main(["facility", "--daily-rate", "35", "-q", "--format", "csv", "o_wd2.csv"])
    assert "children_served: got '1 working days'; expected" in capsys.readouterr().out


# ---------------------------------------------------------------- F4: D29 in audit-facility


def test_a_bad_claims_month_in_the_facility_audit_is_named_by_its_georgian_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c_month.csv").write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-1,2021-13,1.00,1.00\n", encoding="utf-8"
    )
    occupancy = str(example_path("facility_occupancy.csv"))
    args = ["audit-facility", "--daily-rate", "35", "-q", "--format", "csv", occupancy, "c_month.csv"]
    main([*args, "--lang", "ka"])
    out = capsys.readouterr().out
    # D29: the column's Georgian header, what was expected in Georgian (expect.month's words)
    assert "„მომსახურების თვე“: მითითებულია '2021-13'; უნდა იყოს: " in out
    assert "month: მითითებულია" not in out
    main(args)  # English as ever
    assert "month: got '2021-13'; expected a month written YYYY-MM" in capsys.readouterr().out


# ---------------------------------------------------------------- F2, F5, F6: every detail in Georgian

V = "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"


def _said(err: str) -> str:
    """Standard error without the usage block a flag's refusal comes after (review 185 F7)."""
    lines = err.strip().splitlines()
    if lines and lines[0].startswith("usage: voucherlib "):
        lines = lines[1:]
        while lines and lines[0].startswith(" "):
            lines = lines[1:]
    return "\n".join(lines)


def _refusal(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """The command's refusal (exit 2) in English and in Georgian."""
    assert main([*args, "-q"]) == 2
    english = _said(capsys.readouterr().err)
    assert main([*args, "-q", "--lang", "ka"]) == 2
    return english, _said(capsys.readouterr().err)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_cell_too_long_in_georgian(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("big.csv").write_text(V + f"Y-1,2021-10,2021-03-15,,{'x' * 5000},2021-11-04\n", encoding="utf-8")
    english, georgian = _refusal(["settle", "big.csv"], capsys)
    assert (
        english == "voucherlib settle: file: got 'row 2, disability: 5,000 characters'; expected cells of at most 4,096"
    )
    assert georgian == (
        "voucherlib settle: file: მითითებულია 'სტრიქონი 2, disability: 5 000 სიმბოლო'; "
        "უნდა იყოს: უჯრები, თითოეული არაუმეტეს 4 096 სიმბოლოსი"
    )


def test_a_quote_closed_too_late_in_georgian(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("swallow.csv").write_text(
        V + 'Y-1,2021-10,"2021-03-15\nY-2,2021-10,2021-03-15,,no,2021-11-04\n",,no,2021-11-04\n', encoding="utf-8"
    )
    english, georgian = _refusal(["settle", "swallow.csv"], capsys)
    assert english == (
        "voucherlib settle: file: got 'line 2'; expected CSV whose quotes are closed where they belong: "
        "'enrolled_on' runs from line 2 to line 4 and holds what looks like whole rows"
    )
    assert georgian == (
        "voucherlib settle: file: მითითებულია 'ხაზი 2'; უნდა იყოს: 'CSV', რომლის ბრჭყალები თავის "
        "ადგილზეა დახურული: 'enrolled_on' გრძელდება ფაილის ხაზიდან 2 ხაზამდე 4 და, როგორც ჩანს, მთელ "
        "სტრიქონებს შეიცავს"
    )


def test_a_quote_never_closed_in_georgian(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("quote.csv").write_text(V + 'Y-1,"2021-10,2021-03-15,,no,2021-11-04\n', encoding="utf-8")
    english, georgian = _refusal(["settle", "quote.csv"], capsys)
    assert (
        english
        == "voucherlib settle: file: got 'line 2'; expected CSV that can be read (a quote is opened and never closed)"
    )
    assert georgian == (
        "voucherlib settle: file: მითითებულია 'ხაზი 2'; უნდა იყოს: წაკითხვადი 'CSV' (ბრჭყალი გაიხსნა და აღარ დაიხურა)"
    )


def test_an_output_file_of_no_known_format_in_georgian(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    english, georgian = _refusal(["settle", "--example", "-o", "out.pdf"], capsys)
    assert (
        english == "voucherlib settle: -o: got 'out.pdf'; expected a file name ending .txt, .csv, .json, .xlsx, .html"
    )
    assert georgian == (
        "voucherlib settle: -o: მითითებულია 'out.pdf'; "
        "უნდა იყოს: ფაილის სახელი, რომელიც ბოლოვდება: .txt, .csv, .json, .xlsx, .html"
    )


def test_too_many_columns_in_georgian(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("wide.csv").write_text(V.strip() + "".join(f",c{i}" for i in range(260)) + "\n", encoding="utf-8")
    english, georgian = _refusal(["settle", "wide.csv"], capsys)
    assert english == "voucherlib settle: header: got '266 columns'; expected at most 256 columns"
    assert georgian == "voucherlib settle: header: მითითებულია 266 სვეტი; უნდა იყოს: არაუმეტეს 256 სვეტისა"


def test_a_workbook_that_expands_too_far_in_georgian(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:

    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.append(["a"])
    book.save("small.xlsx")
    set_in_reader(monkeypatch, "MAX_EXPANDED_BYTES", 1_000)  # any workbook expands to more than 1,000 bytes
    english, georgian = _refusal(["settle", "small.xlsx"], capsys)
    size = english.rsplit("(it has ", 1)[1].rstrip(")")
    assert (
        english
        == f"voucherlib settle: file: got 'small.xlsx'; expected a workbook that expands to at most 1,000 bytes (it has {size})"
    )
    assert georgian == (
        "voucherlib settle: file: მითითებულია 'small.xlsx'; "
        f"უნდა იყოს: სამუშაო წიგნი, რომელიც გაშლისას არაუმეტეს 1 000 ბაიტია (ეს {size.replace(',', ' ')} ბაიტია)"
    )


def test_a_float_amount_and_the_wrong_number_of_days_in_georgian() -> None:
    with pytest.raises(vl.InvalidInput) as money:
        vl.gel(1.5, field="claimed")
    assert str(money.value) == (
        "claimed: got 1.5 (float); expected an exact amount: a Decimal, an int or a string like '620.00', never a float"
    )
    assert money.value.message("ka") == (
        "claimed: მითითებულია 1.5; უნდა იყოს: ზუსტი თანხა: 'Decimal', მთელი რიცხვი ან ტექსტი, მაგ. '620.00' "
        "(არასდროს 'float')"
    )
    with pytest.raises(vl.InvalidInput) as days:
        vl.facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=[1] * 31, daily_rate=35)
    assert str(days.value) == (
        "occupancy: got 'a sequence of 31 counts' (list); expected one count per day of 2021-09 (30)"
    )
    assert days.value.message("ka") == (
        "occupancy: მითითებულია 31 მნიშვნელობისგან შედგენილი მიმდევრობა; უნდა იყოს: 2021-09-ის ყოველი დღისთვის ერთი რაოდენობა (30)"
    )


def test_a_month_with_a_day_missing_and_too_many_status_periods_in_georgian() -> None:
    counts = {f"2021-09-{d:02d}": 1 for d in range(1, 30)}  # 29 of September's 30 days
    with pytest.raises(vl.InvalidInput) as days:
        vl.facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=counts, daily_rate=35)
    # (the type of the value given, not of the words that stand for it: review 157 F16)
    assert str(days.value).startswith("occupancy: got '29 of 30 days' (dict); expected ")
    assert days.value.message("ka").startswith("occupancy: მითითებულია 30 დღიდან 29; უნდა იყოს: ")
    periods = [("2021-10-01", "2021-10-01")] * 32
    with pytest.raises(vl.InvalidInput) as many:
        vl.voucher_month("2021-10", enrolled_on="2021-03-15", disability=periods)
    assert str(many.value).startswith("disability: got '32 status periods' (list); expected ")
    pd = pytest.importorskip("pandas")
    with pytest.raises(vl.InvalidInput) as wide:  # (its header's 300 cells: review 162 F7)
        vl.audit_invoice(pd.DataFrame({f"c{i}": [1] for i in range(300)}))
    assert str(wide.value) == "header: got '300 columns' (list); expected at most 256 columns"
    assert many.value.message("ka").startswith("disability: მითითებულია სტატუსის 32 პერიოდი; უნდა იყოს: ")


def test_a_sheet_of_standard_input_in_georgian(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "A"
    book.create_sheet("B")
    book.save("two.xlsx")
    data = Path("two.xlsx").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["settle", "-", "--sheet", "X", "-q", "--lang", "ka"]) == 2
    georgian = _said(capsys.readouterr().err)
    assert (
        georgian == "voucherlib settle: --sheet: მითითებულია 'X'; უნდა იყოს: ფაილის (სტანდარტული შეტანა) ფურცელი: A, B"
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["settle", "-", "--sheet", "X", "-q"]) == 2
    assert (
        _said(capsys.readouterr().err)
        == "voucherlib settle: --sheet: got 'X'; expected a sheet of standard input: A, B"
    )


# ---------------------------------------------------------------- F3: a row of an XLSX file


def test_an_xlsx_row_with_a_cell_outside_the_header_in_georgian(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(V.strip().split(","))
    sheet.append(["Y-1", "2021-10", "2021-03-15", None, "no", "2021-11-04", None, "stray"])
    book.save("outside.xlsx")
    main(["settle", "outside.xlsx", "-q", "--format", "csv"])
    # refused whole, and shown with its cells under the header (its id and month: review 14)
    # ... naming the first cell outside and its value (review 56: a DataFrame's index column, its
    # header cell empty, was refused naming no cell)
    assert (
        "2,Y-1,2021-10,,,,,,,,,,\"row has cells outside the 6 columns of the header (cell H2: 'stray';"
        in capsys.readouterr().out
    )
    main(["settle", "outside.xlsx", "-q", "--format", "csv", "--lang", "ka"])
    out = capsys.readouterr().out
    assert "სტრიქონს აქვს უჯრები სათაურის 6 სვეტის გარეთ" in out
    assert "outside" not in out


# ---------------------------------------------------------------- F7: fixed when made


def test_a_value_changed_after_the_error_is_made_changes_neither_language() -> None:
    given = {"x": 1}
    with pytest.raises(vl.InvalidInput) as caught:
        vl.voucher_month("2021-10", enrolled_on="2021-03-15", disability=given)
    given["y"] = "mutated"
    assert str(caught.value).startswith("disability: got {'x': 1} (dict); expected ")
    assert caught.value.message("ka").startswith("disability: მითითებულია {'x': 1}; უნდა იყოს: ")


def test_an_expectation_keeps_its_fields_as_they_were() -> None:
    columns = ["a", "b"]
    expectation = expected("reason", reason=columns)
    columns.append("c")
    assert str(expectation) == "['a', 'b']"
    assert expectation.text("ka") == "['a', 'b']"
    reason = Reason.phrase("expected.reason", reason=columns)
    columns.append("d")
    assert reason == "['a', 'b', 'c']" and reason.text("ka") == "['a', 'b', 'c']"


def test_an_error_with_a_field_that_cannot_be_pickled_travels_and_says_itself() -> None:
    import pickle
    import threading

    error = InvalidInput("x", 1, expected("reason", reason=threading.Lock()))
    back = pickle.loads(pickle.dumps(error))
    assert str(back) == str(error)
    assert back.message("ka") == error.message("ka")
    assert back.message("ka").startswith("x: მითითებულია 1; უნდა იყოს: <unlocked _thread.lock object at ")


def test_a_reason_made_from_text_alone_is_that_text_in_every_language() -> None:
    assert Reason("x").text("ka") == "x" and Reason("x").text("en") == "x"
    assert Reason("x").error is None and Reason("x").key == ""


def test_the_api_refusals_that_had_no_georgian_words_have_them() -> None:
    with pytest.raises(vl.InvalidInput) as money:
        vl.gel(None)
    assert money.value.message("ka") == (
        "amount: მითითებულია არაფერი; უნდა იყოს: ზუსტი თანხა: 'Decimal', მთელი რიცხვი ან ტექსტი, მაგ. '620.00'"
    )
    with pytest.raises(vl.InvalidInput) as disability:
        vl.voucher_month("2021-10", enrolled_on="2021-03-15", disability="maybe")
    assert disability.value.message("ka") == (
        "disability: მითითებულია 'maybe'; უნდა იყოს: 'True', 'False' ან სტატუსის პერიოდების სია (დასაწყისი, დასასრული)"
    )


def test_a_failed_case_quotes_its_how_as_written(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("cases.toml").write_text(
        "[[case]]\n"
        'name = "October 2021 submitted on Monday 8 November is late"\n'
        'rule = "R2"\n'
        'decisions = ["D7"]\n'
        'month = "2021-10"\n'
        "enrolled_on = 2021-01-01\n"
        "submitted_on = 2021-11-08\n"
        'how = "after Fri 5 Nov: Mon 8 = 1 working days"\n'
        "expect = { late_working_days = 2 }\n",  # wrong on purpose: Mon 8 Nov is 1 working day late
        encoding="utf-8",
    )
    assert main(["check-cases", "cases.toml", "--format", "csv", "-q"]) == 1
    out = capsys.readouterr().out
    # (in its own column: the hand calculation is no problem of the case, review 185 F6)
    assert ",after Fri 5 Nov: Mon 8 = 1 working days" in out and "how: after" not in out


def test_an_invoice_row_with_a_cell_outside_the_header_in_the_georgian_audit(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append("beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on".split(","))
    sheet.append(["B-01", "Nino", "2021-11", "2021-05-01", None, "no", "600.00", "2021-12-06", "stray"])
    book.save("invoice.xlsx")
    main(["audit", "invoice.xlsx", "-q", "--format", "csv", "--lang", "ka"])
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("2,"))
    assert ",ვერ შემოწმდა,\"სტრიქონს აქვს უჯრები სათაურის 8 სვეტის გარეთ (უჯრა I2: 'stray';" in row
    main(["audit", "invoice.xlsx", "-q", "--format", "csv"])
    assert "row has cells outside the 8 columns of the header" in capsys.readouterr().out


def test_an_error_with_a_field_that_copies_but_cannot_be_pickled_travels_and_says_itself() -> None:
    import pickle

    def local() -> None:  # a local function: copied as it is, never pickled
        return None

    error = InvalidInput("x", 1, expected("reason", reason=local))
    back = pickle.loads(pickle.dumps(error))
    assert str(back) == str(error)
    # the field travels as its shown text (its repr, at most 80 characters)
    assert back.message("ka") == "x: მითითებულია 1; უნდა იყოს: " + shown(local)
    assert shown(local).startswith("<function ")


@given(st.text(max_size=40) | st.sampled_from(["1 working days", "late by 1 working days, other"]))
@example("1 working days")
def test_any_value_is_quoted_as_given_in_english(value: str) -> None:
    # invariant: the English of an error or a reason holds the value exactly as given (never reworded)
    error = InvalidInput("date", value, expected("date"))
    assert str(error) == f"date: got {shown(value)} (str); expected a date written YYYY-MM-DD, e.g. '2021-10-12'"
    assert Reason.phrase("reason.at_row", row=2, reason=value) == f"row 2: {value}"
    assert str(expected("sheet_of", file="f.xlsx", sheets=value)) == f"a sheet of f.xlsx: {value}"


def test_a_float32_column_and_a_month_of_too_many_days_in_georgian() -> None:
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame(
        {
            "beneficiary_id": ["B-1"],
            "month": ["2021-11"],
            "enrolled_on": ["2021-05-01"],
            "discharged_on": [None],
            "disability": ["no"],
            "claimed": np.array([600.0], dtype="float32"),
            "submitted_on": ["2021-12-06"],
        }
    )
    with pytest.raises(vl.InvalidInput) as narrow:
        vl.audit_invoice(frame)
    assert str(narrow.value).startswith("claimed: got 'a float32 column' (str); expected numbers held as float64")
    assert narrow.value.message("ka") == (
        "claimed: მითითებულია \"'float32' ტიპის სვეტი\"; უნდა იყოს: რიცხვები 'float64' სახით (როგორც ცხრილი "
        "ინახავს) ან ტექსტად: სხვა სიგანის 'float' თანხის ან კოდის ციფრებს კარგავს ან იგონებს (D18)"
    )
    counts = {f"2021-09-{d:02d}": 1 for d in range(1, 31)} | {"2021-10-01": 1}  # 31 days for September's 30
    with pytest.raises(vl.InvalidInput) as days:
        vl.facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=counts, daily_rate=35)
    assert str(days.value).startswith("occupancy: got '31 days' (dict); expected ")
    assert days.value.message("ka").startswith("occupancy: მითითებულია 31 დღე; უნდა იყოს: 2021-09-ის 30 დღე")


def test_an_audit_line_without_a_rule_in_force_says_why_and_how_in_georgian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Georgian reason of a line no rule covers names the parameter, when its value takes effect
    and how to supply a rule set, as the English one and `settle --lang ka` do (review 15)."""
    path = tmp_path / "inv.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "Y-1,2021-09,,,no,360.00,2021-10-05\n",
        encoding="utf-8",
    )
    main(["audit", str(path), "-q", "--format", "csv", "--lang", "ka"])
    out = capsys.readouterr().out
    assert "„youth_voucher.daily_rate.without_disability“" in out and "2021-10-01" in out
    assert "--rule-set FILE.toml" in out


def test_an_empty_file_names_its_columns_by_their_georgian_headers_too(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 192 F8: an empty file's refusal named the columns by their keys alone under --lang ka,
    # where a file of blank lines named each by its Georgian header with its key
    Path("empty.csv").write_text("", encoding="utf-8")
    book = openpyxl.Workbook()
    book.save("empty.xlsx")
    for name in ("empty.csv", "empty.xlsx"):
        assert main(["audit", name, "-q", "--lang", "ka"]) == 2
        assert "ბენეფიციარის კოდი (beneficiary_id), თვე (month)" in capsys.readouterr().err, name
        assert main(["audit", name, "-q"]) == 2
        assert "beneficiary_id, month, enrolled_on" in capsys.readouterr().err, name
