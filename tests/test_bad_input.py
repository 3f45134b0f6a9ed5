"""Bad input gets a VoucherError that names the field and the value, never a wrong amount."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

import voucherlib as vl


@pytest.mark.parametrize(
    ("call", "field", "shown"),
    [
        (lambda: vl.voucher_month("2021-13"), "month", "'2021-13'"),
        (lambda: vl.voucher_month("2021/10"), "month", "'2021/10'"),
        (lambda: vl.voucher_month(202110), "month", "202110"),  # type: ignore[arg-type]
        (lambda: vl.voucher_month(dt.datetime(2021, 10, 1, 9, 30)), "month", "datetime"),  # a time of day
        (lambda: vl.voucher_month("2021-10", enrolled_on="12.10.2021"), "enrolled_on", "'12.10.2021'"),
        (
            lambda: vl.voucher_month("2021-10", enrolled_on="2021-10-12", discharged_on="2021-10-01"),
            "discharged_on",
            "'2021-10-01'",
        ),
        (lambda: vl.voucher_month("2021-10", disability="yes"), "disability", "'yes'"),  # type: ignore[arg-type]
        (
            lambda: vl.voucher_month("2021-10", disability=[("2021-10-20", "2021-10-10")]),
            "disability[0].end",
            "'2021-10-10'",
        ),
        (
            lambda: vl.voucher_month("2021-10", disability=[("2021-10-01", None)] * 32),
            "disability",
            "32 status periods",
        ),
        (lambda: vl.voucher_month("2021-10", count_discharge_day="no"), "count_discharge_day", "'no'"),  # type: ignore[arg-type]
        (lambda: vl.voucher_month("2021-10", rules="2021"), "rules", "'2021'"),  # type: ignore[arg-type]
        (lambda: vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-09-30"), "submitted_on", "'2021-09-30'"),
        (lambda: vl.settle("620.00", submitted_on="2021-11-01"), "voucher_month", "'620.00'"),  # type: ignore[arg-type]
        (lambda: vl.submission_deadline("2021-10", calendar="GE"), "calendar", "'GE'"),  # type: ignore[arg-type]
        (lambda: vl.gel(0.1), "amount", "0.1 (float)"),
        (lambda: vl.gel("NaN"), "amount", "'NaN'"),
        (lambda: vl.gel("12,3x"), "amount", "'12,3x'"),
        (lambda: vl.Month(2021, 0), "month.month", "0"),
        (lambda: vl.WorkingCalendar(extra_non_working_days="2021-10-01"), "extra_non_working_days", "'2021-10-01'"),
    ],
)
def test_bad_input_raises_a_voucher_error_naming_the_field_and_the_value(call, field: str, shown: str) -> None:
    with pytest.raises(vl.VoucherError) as info:
        call()
    message = str(info.value)
    assert message.startswith(f"{field}: got ") and shown in message and "expected" in message


def test_money_is_exact_decimal() -> None:
    assert vl.gel("620.00") == Decimal("620.00") and vl.gel(620) == Decimal(620)
    assert vl.to_tetri(Decimal("0.005")) == 1  # half up
    assert vl.gel_from_tetri(62000) == Decimal("620.00")
    assert isinstance(vl.voucher_month("2021-10").amount, Decimal)


def test_month_parsing_and_arithmetic() -> None:
    assert vl.Month.of("2021-12").next() == vl.Month(2022, 1)
    assert vl.Month(2024, 2).days == 29 and vl.Month(2021, 2).days == 28
    assert str(vl.Month(2021, 9)) == "2021-09"
    assert dt.date(2021, 9, 30) in vl.Month(2021, 9)


# ---------------------------------------------------------------- a blank id (review 11b, item 3)

INVOICE_HEADER = "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
NOVEMBER = "2021-11,2021-05-01,,no,600.00,2021-12-06"  # 30 days x 20.00 = 600.00 due, in time


def test_an_invoice_line_with_a_blank_id_is_invalid_never_paid(tmp_path) -> None:
    from voucherlib.reports.audit import audit_invoice

    path = tmp_path / "i.csv"
    path.write_text(INVOICE_HEADER + f",{NOVEMBER}\n   ,{NOVEMBER}\nB1,{NOVEMBER}\n", encoding="utf-8")
    report = audit_invoice(path)
    assert [(ln.row, ln.verdict) for ln in report.lines] == [(2, "invalid"), (3, "invalid"), (4, "matches")]
    assert report.lines[0].reason.startswith("beneficiary_id: got '' (str); expected an id")
    assert report.lines[1].reason.startswith("beneficiary_id: got '   ' (str)")
    assert report.lines[0].claimed == Decimal("600.00")  # the claim is kept on the invalid line
    # Only B1 is payable: 600.00, not the 1,800.00 the three lines claim.
    assert [ln.payable for ln in report.lines] == [None, None, Decimal("600.00")]


def test_a_voucher_row_with_a_blank_id_is_not_settled(tmp_path) -> None:
    from voucherlib.reports.settlement_file import settle_file

    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        ",2021-11,2021-05-01,,no,2021-12-06\nB1,2021-11,2021-05-01,,no,2021-12-06\n",
        encoding="utf-8",
    )
    blank, b1 = settle_file(path).rows
    assert blank.settlement is None and blank.error.startswith("beneficiary_id: got ''")
    assert b1.settlement is not None and b1.settlement.payable == Decimal("600.00")  # 30 x 20.00


def invoice_frame(**columns):
    """Two invoice lines of November 2021 (30 days x 20.00 = 600.00 due, claimed, in time), with
    ``columns`` in place of the given ones."""
    import pandas as pd

    data = {
        "beneficiary_id": ["B1", "B2"],
        "month": ["2021-11"] * 2,
        "enrolled_on": ["2021-05-01"] * 2,
        "discharged_on": [None] * 2,
        "disability": ["no"] * 2,
        "claimed": ["600.00"] * 2,
        "submitted_on": ["2021-12-06"] * 2,
    }
    return pd.DataFrame(data | {k: pd.Series(v, dtype=object) for k, v in columns.items()})


def test_a_frame_row_whose_id_is_nan_is_invalid() -> None:
    from voucherlib.reports.audit import audit_invoice

    frame = invoice_frame(beneficiary_id=[float("nan"), "B1"])
    nan, b1 = audit_invoice(frame).lines
    assert nan.verdict == "invalid" and nan.reason.startswith("beneficiary_id: got nan (float)")
    assert b1.verdict == "matches" and b1.payable == Decimal("600.00")  # 30 x 20.00


def test_a_blank_facility_id_makes_its_occupancy_and_its_claim_invalid(tmp_path) -> None:
    from voucherlib.reports.facility_audit import audit_facility_invoice
    from voucherlib.reports.facility_file import facility_file

    occupancy = tmp_path / "o.csv"
    occupancy.write_text(
        "facility_id,city,service,limit,date,children_served\n"
        + "".join(f"  ,tbilisi,shelter,20,2021-09-{d:02},18\n" for d in range(1, 31)),
        encoding="utf-8",
    )
    (result,) = facility_file(occupancy, daily_rate=Decimal(25)).results
    assert result.result is None and len(result.rows) == 30  # every row accounted for, none computed
    # the row named, then its cell's own refusal (review 64: "row: got 2 (int); expected rows that
    # can be read (...)" named a row number as if it were a value given)
    assert result.error.startswith("row 2: facility_id: got '  ' (str); expected an id")
    assert result.error.text("ka").startswith("სტრიქონი 2: facility_id:")
    claims = tmp_path / "c.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\n  ,2021-09,10500.00,1500.00\n", encoding="utf-8"
    )
    children, unfilled, rows = audit_facility_invoice(occupancy, claims, daily_rate=25).lines
    for claim, amount in ((children, Decimal("10500.00")), (unfilled, Decimal("1500.00"))):  # each part, its claim
        assert claim.verdict == "invalid" and claim.reason.startswith("facility_id: got '  ' (str); expected an id")
        assert claim.claimed == amount  # counted among the claims not checked (review 49)
    assert rows.verdict == "invalid" and rows.name == "occupancy"  # the occupancy rows, invalid too


# ---------------------------------------------------------------- huge ints (review 11b, item 7)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (10**5000, "<an int of about 5,001 digits>"),  # repr() of it raised ValueError (4,300-digit limit)
        (-(10**5000), "<a negative int of about 5,001 digits>"),
        (10**1_000_000, "<an int of about 1,000,001 digits>"),  # Decimal() of it took 35 s, then Overflow
        (10**12, "1000000000000"),  # a trillion GEL: the first amount refused
    ],
    ids=["5001 digits", "negative", "a million digits", "a trillion"],
)
def test_a_huge_int_amount_is_refused_by_its_size(value: int, shown: str) -> None:
    with pytest.raises(vl.InvalidInput) as info:
        vl.gel(value)
    assert str(info.value) == f"amount: got {shown} (int); expected an amount below 1,000,000,000,000 GEL"


def test_the_largest_int_amount_is_exact() -> None:
    assert vl.gel(10**12 - 1) == Decimal("999999999999")  # a trillion less one lari


@pytest.mark.parametrize("column", ["claimed", "beneficiary_id"])
def test_a_huge_int_in_a_frame_makes_its_line_invalid_not_the_audit(column: str) -> None:
    from voucherlib.reports.audit import audit_invoice

    frame = invoice_frame(**{column: [10**5000, ["B2", "600.00"][column == "claimed"]]})
    huge, b2 = audit_invoice(frame).lines
    assert huge.verdict == "invalid" and huge.reason.startswith(f"{column}: got <an int of about 5,001 digits> (int)")
    assert b2.verdict == "matches" and b2.payable == Decimal("600.00")  # 30 days x 20.00


def test_an_id_in_a_number_cell_past_2_to_the_53_is_refused_not_shown_with_other_digits() -> None:
    from voucherlib.input import cells

    # 12345678901234567890 as a float is 12345678901234567168: the review saw ...9216 shown.
    assert int(12345678901234567890.0) == 12345678901234567168
    with pytest.raises(vl.InvalidInput, match="an id written as text"):
        cells.identifier(12345678901234567890.0, "beneficiary_id")
    assert cells.text(12345678901234567890.0, "name") == "1.2345678901234567e+19"  # shown as stored
    # 2**53 is the double of 2**53 + 1 too (review 255 F1: 9007199254740993 written whole was read
    # ...992): refused; 2**53 - 1, the last whole number no other rounds to, is read
    with pytest.raises(vl.InvalidInput, match="an id written as text"):
        cells.identifier(2.0**53, "beneficiary_id")
    assert cells.identifier(2.0**53 - 1, "beneficiary_id") == "9007199254740991"
    assert cells.identifier(1234.0, "beneficiary_id") == "1234"


# ---------------------------------------------------------------- narrow floats (review 11b, item 10)


@pytest.mark.parametrize("dtype", ["float16", "float32", "Float32", "longdouble"])
def test_a_frame_column_of_floats_narrower_than_64_bits_is_refused(dtype: str) -> None:
    import numpy as np
    import pandas as pd

    from voucherlib.reports.audit import audit_invoice

    # float16 stores 1234.56 as 1235.0: it was audited as an over-claim of 1235.00 - 600.00 =
    # 635.00 although the invoice claimed 1234.56 (an over-claim of 634.56).
    claimed = pd.array([1234.56, 600.0], dtype=dtype) if dtype[0] == "F" else np.array([1234.56, 600.0], dtype=dtype)
    frame = invoice_frame()
    frame["claimed"] = claimed
    with pytest.raises(vl.InvalidInput, match=f"got 'a {frame.dtypes['claimed']} column'.*float64") as info:
        audit_invoice(frame)
    assert info.value.field == "claimed"


def test_a_float64_frame_column_reads_its_amounts_exactly() -> None:
    import numpy as np

    from voucherlib.reports.audit import audit_invoice

    frame = invoice_frame()
    frame["claimed"] = np.array([1234.56, 600.0], dtype="float64")
    over, exact = audit_invoice(frame).lines
    assert over.claimed == Decimal("1234.56") and over.difference == Decimal("634.56")  # 1234.56 - 600.00
    assert exact.verdict == "matches"


def test_a_narrow_numpy_float_in_an_object_column_is_refused() -> None:
    import numpy as np

    from voucherlib.input import cells

    with pytest.raises(vl.InvalidInput, match="not a numpy float16"):
        cells.money(np.float16(1234.56), "claimed")
    assert cells.is_empty(np.float16("nan"))
    assert cells.money(np.float64(1234.56), "claimed") == Decimal("1234.56")


@pytest.mark.parametrize("cell", ["..", " .. ", "2021-11-03..2021-11-05;..", "..;.."])
def test_a_status_period_with_neither_date_is_refused_not_read_as_the_whole_stay(tmp_path, cell: str) -> None:
    """D32: a period written ``..`` (no start, no end) is most likely a template's placeholder; read
    as status throughout the stay it would pay 30 GEL a day for 20 (review 14). It is refused,
    naming the column and the cell; ``yes`` says status throughout, one date an open end."""
    from voucherlib.reports.settlement_file import settle_file

    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        f'B1,2021-11,2021-05-01,,"{cell}",2021-12-06\nB2,2021-11,2021-05-01,,2021-11-16..,2021-12-06\n',
        encoding="utf-8",
    )
    refused, open_end = settle_file(path).rows
    assert refused.settlement is None
    assert refused.error.startswith(f"disability: got {cell!r} (str); expected a status period with at least one date")
    # the open end still reads: 1-15 Nov without status, 15 x 20.00 = 300.00; 16-30 Nov with, 15 x 30.00 = 450.00
    assert open_end.settlement is not None and open_end.settlement.payable == Decimal("750.00")


def test_an_invoice_with_a_header_cell_left_blank_says_which_column_has_no_name(tmp_path) -> None:
    # Review 56: a DataFrame written with pandas' to_csv (index=True, the default) has an index
    # column whose header cell is blank; the audit, which takes known columns alone, said
    # "header: got nothing" and no more. It names the column with no name now.
    import voucherlib as vl

    path = tmp_path / "i.csv"
    path.write_text(
        ",beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on,claimed\n"
        "0,B-1,2021-11,2021-05-01,,no,2021-12-03,600\n",
        encoding="utf-8",
    )
    with pytest.raises(
        vl.InvalidInput,
        match=r"header: got '' \(str\); expected a name in every header cell above a column \(the header's cell 1, counted from its first, has none",
    ):
        vl.audit_invoice(path)


# ---------------------------------------------------------------- a billing system's odd arguments (review 86)


def test_an_unknown_bundled_act_is_an_invalid_input_naming_it() -> None:
    with pytest.raises(vl.InvalidInput, match="decree_999") as refused:
        vl.bundled_act("decree_999")
    assert "decree_467, decree_825" in str(refused.value)


@pytest.mark.parametrize("delimiter", ["pd.NA", "array", 5])
def test_a_delimiter_of_no_text_is_refused_naming_it(delimiter: object) -> None:
    pd = pytest.importorskip("pandas")
    import numpy as np

    value = {"pd.NA": pd.NA, "array": np.array([","])}.get(delimiter, delimiter)  # type: ignore[call-overload]
    for read, example in (
        (vl.settle_file, "vouchers.csv"),
        (vl.facility_file, "facility_occupancy.csv"),
    ):
        with pytest.raises(vl.InvalidInput, match="delimiter"):
            read(vl.example_path(example), delimiter=value)


@pytest.mark.parametrize("path", [None, 5, 1.5])
def test_a_case_file_path_or_base_of_no_path_is_refused_naming_it(path: object) -> None:
    with pytest.raises(vl.InvalidInput, match="cases"):
        vl.load_cases(path)  # type: ignore[arg-type]
    with pytest.raises(vl.InvalidInput, match="base"):
        vl.check_cases(vl.example_path("cases.toml"), base=path if path is not None else 5)  # type: ignore[arg-type]


def test_an_amount_or_a_count_of_a_subclass_is_read_as_its_plain_value() -> None:
    from voucherlib.rules.occupancy import whole_count

    class Shown(Decimal):  # a rate that writes itself otherwise and says it is never below 0
        def __str__(self) -> str:
            return "X" + super().__str__()

        def __lt__(self, other: object) -> bool:
            return False

    class Count(int):  # a count that says it is within every bound
        def __le__(self, other: object) -> bool:
            return True

        def __ge__(self, other: object) -> bool:
            return True

    rate = vl.gel(Shown("25"))
    assert type(rate) is Decimal and str(rate) == "25"
    with pytest.raises(vl.InvalidInput, match="daily_rate"):  # negative, whatever its < says
        vl.facility_month("2021-10", city="Tbilisi", service="shelter", limit=10, occupancy=5, daily_rate=Shown("-25"))
    assert type(whole_count(Count(10), "limit")) is int
    with pytest.raises(vl.InvalidInput):
        whole_count(Count(-1), "limit")
    # Tbilisi shelter, limit 10, 5 children each day of October 2021 (31 days): 5 x 25.00 x 31
    # = 3,875.00 for the children; 5 unfilled places, at most floor(10 x 50%) = 5, x 10.00 x 31 = 1,550.00
    month = vl.facility_month(
        "2021-10", city="Tbilisi", service="shelter", limit=Count(10), occupancy=5, daily_rate=Shown("25")
    )
    assert month.total == Decimal("5425.00") and month.to_dict()["daily_rate"] == "25"


def test_a_numpy_bool_is_a_flag_everywhere_and_a_day_center_a_day_centre() -> None:
    import numpy as np

    assert vl.WorkingCalendar(declared_days_off=np.False_) == vl.WorkingCalendar(declared_days_off=False)
    # Tbilisi day centre, limit 10, 5 a day in October 2021: 5 x 25.00 x 31 = 3,875.00, and 5
    # unfilled places (within floor(10 x 50%) = 5) x 5.00 x 31 = 775.00: 4,650.00, within the day centres' cap of 20
    for service in ("day centre", "day_centre", "day center", "day-center", "Day Centre"):
        month = vl.facility_month(
            "2021-10", city="Tbilisi", service=service, limit=10, occupancy=5, daily_rate="25",
            compensation_within_cap=np.True_,
        )  # fmt: skip
        assert month.total == Decimal("4650.00")


def test_the_reports_of_the_file_readers_are_public_types() -> None:
    assert type(vl.settle_file(vl.example_path("vouchers.csv"))) is vl.SettlementReport
    report = vl.facility_file(vl.example_path("facility_occupancy.csv"), daily_rate="25")
    assert type(report) is vl.FacilityReport and all(type(r) is vl.FacilityResult for r in report.results)
    assert all(type(r) is vl.SettledRow for r in vl.settle_file(vl.example_path("vouchers.csv")).rows)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_byte_that_is_no_utf8_is_named_by_its_place_in_the_file_with_or_without_a_bom(tmp_path, bom: bytes) -> None:
    # review 93: with a byte-order mark (Excel's "CSV UTF-8" writes one) the byte was counted from
    # after it, 3 too few, and its line could be the one before ("byte 108, on line 2" of the
    # 112th byte, on line 3); without one, the byte was counted from 0 and the line from 1
    from voucherlib.reports.settlement_file import settle_file

    head = b"beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
    text = bom + head + b"A,2021-10,2021-01-01,,no,2021-11-01\nB\xff,2021-10,2021-01-01,,no,2021-11-01\n"
    path = tmp_path / "vouchers.csv"
    path.write_bytes(text)
    # counted by hand: the BOM, the header (71 bytes with its newline), row A (36 bytes), then "B":
    # the bad byte is the len(bom) + 71 + 36 + 2-th byte of the file, on line 3
    place = len(bom) + 71 + 36 + 2
    assert text[place - 1 : place] == b"\xff"
    with pytest.raises(vl.InvalidInput, match=rf"byte {place} of the file, on line 3,"):
        settle_file(path)


@pytest.mark.parametrize("end", [b"\r", b"\r\n", b"\n"])
def test_a_byte_that_is_no_utf8_is_on_the_line_the_reader_counts_whatever_the_line_ends(tmp_path, end: bytes) -> None:
    # Review 192 F2: a Mac file (Excel for Mac's "CSV (Macintosh)": MacRoman, a lone CR ending each
    # line) was told "on line 1" of a byte on line 3; the reader ends a line at CR, LF or CRLF
    from voucherlib.reports.settlement_file import settle_file

    head = b"beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on"
    rows = [head, b"A,2021-10,2021-01-01,,no,2021-11-01", b"B\x85,2021-10,2021-01-01,,no,2021-11-01"]
    path = tmp_path / "mac.csv"
    path.write_bytes(end.join(rows) + end)
    # by hand: the header (70 bytes), its end, row A (35 bytes), its end, then "B": the byte after
    place = 70 + len(end) + 35 + len(end) + 2
    assert path.read_bytes()[place - 1 : place] == b"\x85"
    with pytest.raises(vl.InvalidInput, match=rf"byte {place} of the file, on line 3,"):
        settle_file(path)


@pytest.mark.parametrize("library", ["polars", "pyarrow"])
def test_a_table_of_another_library_is_refused_by_its_rows_and_type_with_the_way_to_give_it(library: str) -> None:
    # review 172 F12: the refusal quoted the table as its library draws it (a box of 9 rows)
    pd = pytest.importorskip("pandas")
    other = pytest.importorskip(library)
    frame = pd.read_csv(vl.example_path("invoice.csv"))
    table = other.from_pandas(frame) if library == "polars" else other.Table.from_pandas(frame)
    with pytest.raises(vl.InvalidInput) as refused:
        vl.audit_invoice(table)
    said = str(refused.value)
    assert said.startswith(f"invoice: got '9 rows' ({type(table).__name__}); expected a .csv or .xlsx path")
    assert "a list of InvoiceLine" in said and "give its .to_pandas()" in said and "\n" not in said
    assert vl.audit_invoice(table.to_pandas()).total_payable == vl.audit_invoice(frame).total_payable
    # (the advice goes with a table alone: review 173)
    with pytest.raises(vl.InvalidInput) as other:
        vl.audit_invoice({"a": 1})
    assert "to_pandas" not in str(other.value)


def test_a_true_or_false_amount_cell_is_refused_in_a_cells_words() -> None:
    # review 172 F4: "expected an exact amount: a Decimal, an int or a string like '620.00', never
    # a float", the Python API's words, false of a frame's cells, where a float is read (D18)
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(vl.example_path("invoice.csv")).head(1)
    frame["claimed"] = [True]
    line = vl.audit_invoice(frame).lines[0]
    assert line.verdict == "invalid"
    assert line.reason == "claimed: got True (bool); expected an amount of GEL, e.g. '620.00'"


def test_a_file_named_xlsx_that_is_none_is_told_what_it_is(tmp_path) -> None:
    # Review 192 F5: an old .xls, an OpenDocument .ods or a CSV file renamed .xlsx was refused with
    # Python's BadZipFile or KeyError; F4: a missing workbook, or a folder, was "expected a readable
    # XLSX file", as a damaged one; F3: a pipe was "not a directory"
    import os
    import zipfile

    cases = {
        "text.xlsx": (b"beneficiary_id,month\nB-1,2021-10\n", "this file is text, as its first bytes say"),
        "old.xlsx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "an old Excel workbook, .xls"),
    }
    for name, (data, said) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(vl.InvalidInput, match=re.escape(said)):
            vl.audit_invoice(tmp_path / name)
    with zipfile.ZipFile(tmp_path / "calc.xlsx", "w") as archive:  # (what LibreOffice's .ods holds first)
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(vl.InvalidInput, match=re.escape("an OpenDocument spreadsheet, .ods")):
        vl.audit_invoice(tmp_path / "calc.xlsx")
    with pytest.raises(vl.InvalidInput, match=r"expected a readable file \(No such file or directory\)"):
        vl.audit_invoice(tmp_path / "typo.xlsx")
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(vl.InvalidInput, match="expected a file, not a directory"):
        vl.audit_invoice(tmp_path / "folder.xlsx")
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(vl.InvalidInput, match=re.escape("a file on disk, not a pipe or a device")):
        vl.audit_invoice(tmp_path / "pipe.csv")


LONG = "9" * 5000
"""Digits past Python's limit of 4,300 on reading a whole number from text."""


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: vl.unfilled_place_compensation("2021-09", service="shelter", limit=LONG, occupancy=3), "limit"),
        (lambda: vl.unfilled_place_compensation("2021-09", service="shelter", limit=10, occupancy=LONG), "occupancy"),
        (lambda: vl.required_workers(LONG), "beneficiaries"),
        (lambda: vl.check_housing_units({"flat 1": LONG}), "occupants['flat 1']"),
        (lambda: vl.limits_in_use("1.1", {"Tbilisi": LONG}), "used['Tbilisi']"),
    ],
)
def test_a_count_of_more_digits_than_python_reads_is_refused_naming_it(call, field: str) -> None:
    # Review 202 F1: a count written as text of more than 4,300 digits escaped as a bare
    # ValueError (Python's limit on reading digits), where 4,000 digits were refused
    with pytest.raises(vl.InvalidInput) as refused:
        call()
    assert refused.value.field == field and "expected a whole number from 0 to" in str(refused.value)
    # (leading zeros are no digits of the count: 00...07 is 7)
    assert vl.required_workers("0" * 5000 + "7") == vl.required_workers(7)


@pytest.mark.parametrize("kind", ["rules", "cases", "summary"])
@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("x = " + LONG, "a whole number of more than 4,300 digits"),
        ("x = " + "[" * 3000 + "]" * 3000, "nested too deeply to read"),
    ],
)
def test_a_toml_file_python_cannot_read_is_refused_naming_the_file(tmp_path, kind: str, line: str, said: str) -> None:
    # Review 202 F2: tomllib refuses such a file with a ValueError or a RecursionError, not its
    # TOMLDecodeError; they escaped the loaders, and the command line called it a defect (exit 70)
    from voucherlib.cli import UNUSABLE, example_path, main
    from voucherlib.reports.program_summary import read_summary

    path = tmp_path / "file.toml"
    path.write_text(line + "\n", encoding="utf-8")
    load, command = {
        "rules": (lambda: vl.RuleSet.from_toml(path), ["settle", "--example", "--rule-set", str(path)]),
        "cases": (lambda: vl.load_cases(path), ["check-cases", str(path)]),
        "summary": (lambda: read_summary(path), ["summary", str(path)]),
    }[kind]
    with pytest.raises(vl.VoucherError, match=said):
        load()
    assert main([*command, "-q"]) == UNUSABLE
    assert example_path("cases.toml").exists()  # (the bundled files are read as before)


@pytest.mark.parametrize("written", ["9999-12", "0000-05"])
def test_a_month_of_a_year_past_the_months_taken_says_the_year(written: str) -> None:
    # Review 202 F3: "expected a month written YYYY-MM with a month from 01 to 12" of '9999-12'
    with pytest.raises(vl.InvalidInput, match="expected a month written YYYY-MM of a year from 0001 to 9998"):
        vl.Month.of(written)
    with pytest.raises(vl.InvalidInput, match="with a month from 01 to 12"):
        vl.Month.of("2021-13")


def test_the_advice_for_a_toml_float_amount_is_one_that_reads_and_the_limit_is_the_processes() -> None:
    # Review 205 F5: 123.456 was told to be written "123.456", itself refused (one of two readings);
    # F6: "more than 4,300 digits" said whatever limit the process set
    import sys

    from voucherlib.core.money import gel, toml_money
    from voucherlib.core.toml_text import TomlRefused, toml_data

    assert '"74978.50"' in toml_money(74978.5).text("en") and '"620.00"' in toml_money(123.456).text("en")
    assert gel("620.00") == Decimal("620.00")  # (the example reads)
    most = sys.get_int_max_str_digits()
    try:
        sys.set_int_max_str_digits(640)
        with pytest.raises(TomlRefused, match="a whole number of more than 640 digits"):
            toml_data("x = " + "9" * 700)
    finally:
        sys.set_int_max_str_digits(most)


def test_a_second_pandas_index_column_is_told_so_too(tmp_path) -> None:
    # Review 205 F7: a frame saved with its index twice names the second "Unnamed: 0.1"
    pd = pytest.importorskip("pandas")
    from voucherlib.cli import example_path

    frame = pd.read_csv(example_path("invoice.csv"), dtype=str, keep_default_na=False)
    frame.to_csv(tmp_path / "once.csv")
    pd.read_csv(tmp_path / "once.csv", dtype=str).to_csv(tmp_path / "twice.csv")
    twice = pd.read_csv(tmp_path / "twice.csv", dtype=str, keep_default_na=False)
    assert sorted(twice.columns[:2]) == ["Unnamed: 0", "Unnamed: 0.1"]
    with pytest.raises(vl.InvalidInput, match="not one pandas named for a header cell left empty"):
        vl.audit_invoice(twice.drop(columns=["Unnamed: 0"]))


def test_a_hexadecimal_whole_number_past_pythons_decimal_limit_is_refused_or_shown_not_a_defect(tmp_path) -> None:
    # Review 205 F1, F2: tomllib reads 0xfff... of any length (Python's limit is on decimal text);
    # the rule set's advice "write N in plain decimal digits" and a failed case's expected value
    # then wrote N in decimal and raised ValueError (exit 70, "a defect")
    from voucherlib.cli import UNUSABLE, example_path, main

    huge = "0x" + "f" * 3600
    rules = tmp_path / "r.toml"
    rules.write_text(
        '[program]\nid = "2022"\ninherits = "2021"\ntitle = "t"\ncovers_from = 2022-01-01\n'
        f'covers_until = 2022-12-31\ncitation = "act"\n[citations.act]\nnote = "a fictitious act"\nx = {huge}\n',
        encoding="utf-8",
    )
    with pytest.raises(vl.VoucherError, match="is not written in plain decimal digits; write <an int of about"):
        vl.RuleSet.default().extend(rules)
    assert main(["settle", "--example", "-q", "--rules", str(rules)]) == UNUSABLE
    cases = tmp_path / "c.toml"
    text = example_path("cases.toml").read_text(encoding="utf-8")
    cases.write_text(text.replace("service_days = 31", f"service_days = {huge}", 1), encoding="utf-8")
    assert main(["check-cases", str(cases), "-q"]) == 1  # (the case fails: 31 days, not that number)
