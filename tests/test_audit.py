"""Auditing a provider's invoice, line by line (issue: auditors)."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import voucherlib as vl
from voucherlib.cli import example_path, main
from voucherlib.reports.audit import AuditReport, InvoiceLine, audit_invoice

EXAMPLE = example_path("invoice.csv")

# The example invoice (service month Nov 2021; the 5 Dec deadline is a Sunday: due Mon 6 Dec), by hand:
#   B-01 whole month, no status: 30 x 20 = 600; claimed 600 -> matches
#   B-02 status from 16 Nov: 15 x 20 + 15 x 30 = 750; claimed 750 -> matches
#   B-03 discharged 10 Nov: 10 x 20 = 200; claimed 220 -> over-claimed by 20.00
#   B-04 status all month: 30 x 30 = 900; claimed 600 -> under-claimed by 300.00
#   B-05 enrolled 20 Nov: 11 x 20 = 220; claimed 220 -> matches
#   B-06 (a formula in the name cell) enrolled 25 Nov, status: 6 x 30 = 180; claimed 180 -> matches
#   B-07 discharged (5 Nov) before enrolled (10 Nov) -> invalid
#   B-08 disability "maybe" -> invalid
#   B-09 600 claimed and computed, but submitted 14 Dec: late 7, 8, 9, 10, 13, 14 Dec = 6 -> not funded (late)
EXPECTED = [
    ("B-01", "matches", "600.00", "600.00", "600.00"),
    ("B-02", "matches", "750.00", "750.00", "750.00"),
    ("B-03", "over-claimed", "220.00", "200.00", "200.00"),
    ("B-04", "under-claimed", "600.00", "900.00", "900.00"),
    ("B-05", "matches", "220.00", "220.00", "220.00"),
    ("B-06", "matches", "180.00", "180.00", "180.00"),
    ("B-07", "invalid", "120.00", None, None),
    ("B-08", "invalid", "600.00", None, None),
    ("B-09", "not funded (late)", "600.00", "600.00", "0.00"),
]


def money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def check_example(report: AuditReport) -> None:
    got = [
        (ln.beneficiary_id, ln.verdict, money(ln.claimed), money(ln.computed), money(ln.payable)) for ln in report.lines
    ]
    assert got == EXPECTED
    # Over the 7 checked lines (B-07 and B-08 could not be checked):
    #   claimed 600+750+220+600+220+180+600 = 3,170; computed 600+750+200+900+220+180+600 = 3,450
    #   difference 3,170 - 3,450 = -280 (= 0+0+20-300+0+0+0); deducted 600 (B-09 not funded); payable 3,450-600 = 2,850
    # Not checked: B-07 120 + B-08 600 = 720 claimed.
    assert (report.total_claimed, report.total_computed, report.total_payable, report.total_difference) == (
        Decimal("3170.00"), Decimal("3450.00"), Decimal("2850.00"), Decimal("-280.00"),
    )  # fmt: skip
    assert (report.total_deducted, report.unchecked_claimed) == (Decimal("600.00"), Decimal("720.00"))


def test_the_example_invoice_by_hand() -> None:
    report = audit_invoice(EXAMPLE)
    check_example(report)
    assert report.lines[2].difference == Decimal("20.00") and report.lines[3].difference == Decimal("-300.00")
    assert report.lines[6].reason.startswith("discharged_on: got '2021-11-05'")
    assert report.lines[7].reason.startswith("disability: got 'maybe'")


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def example_rows() -> list[list[str]]:
    with open(EXAMPLE, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_round_trip_through_a_real_xlsx_file_with_number_and_date_cells(tmp_path: Path) -> None:
    header, *rows = example_rows()
    typed: list[list[object]] = [header]
    for r in rows:
        typed.append([
            r[0], r[1], r[2],
            dt.datetime.fromisoformat(r[3]),  # a date cell
            dt.datetime.fromisoformat(r[4]) if r[4] else None,
            r[5],
            float(r[6]),  # a number cell: 600.0
            dt.datetime.fromisoformat(r[7]),
        ])  # fmt: skip
    path = tmp_path / "invoice.xlsx"
    write_xlsx(path, typed)
    check_example(audit_invoice(path))


def test_a_number_cell_is_read_at_the_fifteen_digits_a_spreadsheet_keeps(tmp_path: Path) -> None:
    # review 166 F3 (D18): Excel stores a product such as 0.1 x 3 x 2000 as 600.0000000000001 and shows
    # 600.00; the claim was refused as "more than 2 decimals". A 15-digit amount keeps its tetri
    # (999,999,999,999.99); a third decimal is still refused (600.005). November 2021 from 1 Oct,
    # no status, submitted Mon 6 Dec (in time): 30 x 20.00 = 600.00
    path = tmp_path / "invoice.xlsx"
    header = ["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "claimed", "submitted_on"]
    line = ["2021-11", dt.datetime(2021, 10, 1), None, "no"]
    claims = {"A": 0.1 * 3 * 2000, "B": 599.9999999999999, "C": 600.005}
    assert claims["A"] == 600.0000000000001
    write_xlsx(path, [header, *([ident, *line, claim, dt.datetime(2021, 12, 6)] for ident, claim in claims.items())])
    lines = audit_invoice(path).lines
    assert [(ln.claimed, ln.verdict) for ln in lines[:2]] == [(Decimal("600.00"), "matches")] * 2
    assert lines[2].verdict == "invalid" and "whole tetri" in lines[2].reason
    from voucherlib.input.cells import money

    assert money(999_999_999_999.99, "claimed") == Decimal("999999999999.99")


def test_round_trip_through_csv_and_the_report_exports(tmp_path: Path) -> None:
    report = audit_invoice(EXAMPLE)
    report.to_csv(tmp_path / "report.csv")
    with open(tmp_path / "report.csv", encoding="utf-8", newline="") as f:
        back = list(csv.DictReader(f))
    assert [r["verdict"] for r in back] == [e[1] for e in EXPECTED]
    assert back[3]["difference"] == "-300.00"  # a negative number stays a number


def test_a_formula_in_a_name_cell_is_written_as_text(tmp_path: Path) -> None:
    report = audit_invoice(EXAMPLE)
    formula = report.lines[5].name
    assert formula.startswith("=HYPERLINK(")
    written = list(csv.reader(report.to_csv().splitlines()))
    assert written[6][2] == f"'{formula}"
    report.to_xlsx(tmp_path / "report.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx")["Lines"]  # not data_only: formulas would show
    cell = sheet.cell(row=7, column=3)
    assert cell.data_type == "s" and cell.value == formula and cell.quotePrefix  # text as given, quote-prefixed
    assert "&lt;" not in formula and "=HYPERLINK(" in report._repr_html_()  # escaped text, not markup
    assert "<a " not in report._repr_html_()


def test_georgian_headers_are_accepted(tmp_path: Path) -> None:
    _, *rows = example_rows()
    ka = ["ბენეფიციარის კოდი", "სახელი, გვარი", "მომსახურების თვე", "ჩარიცხვის თარიღი", "ამორიცხვის თარიღი",
          "შშმ სტატუსი", "მოთხოვნილი თანხა", "წარდგენის თარიღი"]  # fmt: skip
    path = tmp_path / "ka.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([ka, *rows])
    check_example(audit_invoice(path))


def test_a_dataframe_and_a_list_of_lines_are_audited_the_same_way() -> None:
    header, *rows = example_rows()
    check_example(audit_invoice(pd.DataFrame(rows, columns=header)))
    lines = [InvoiceLine(beneficiary_id="X", month="2021-10", claimed="620.00", submitted_on="2021-11-05")]
    report = audit_invoice(lines)
    assert report.lines[0].verdict == "matches"  # 31 x 20 = 620.00
    with pytest.raises(vl.InvalidInput, match=r"claimed: got 620.0 \(float\)"):
        InvoiceLine(beneficiary_id="X", month="2021-10", claimed=620.0)


@pytest.mark.parametrize("held", ["category", "Arrow dictionary", "sparse"])
@pytest.mark.parametrize("column", ["beneficiary_id", "claimed"])
def test_float32_cells_behind_a_category_or_a_dictionary_are_refused(held: str, column: str) -> None:
    # Review 150 F2 (D18): float32 holds 123456789 and 123456790 both as 123456792, and 2,100,000.10
    # as 2,100,000.00. A plain float32 column was refused; a categorical (or an Arrow dictionary) of
    # float32 handed each cell on as a float: two beneficiaries made one, the second line "already
    # billed", computed 0.00. Refused now, naming the column, as the plain float32 column is.
    import numpy as np
    import pyarrow as pa

    numbers = np.array([123456789, 123456790] if column == "beneficiary_id" else [600, 2100000.1], dtype=np.float32)
    cells: object = {
        "category": pd.Categorical(numbers),
        "Arrow dictionary": pd.arrays.ArrowExtensionArray(pa.array(numbers).dictionary_encode()),
        "sparse": pd.arrays.SparseArray(numbers),
    }[held]
    frame = pd.DataFrame(
        {
            "beneficiary_id": ["B-1", "B-2"],
            "month": ["2021-11"] * 2,
            "enrolled_on": [None] * 2,
            "discharged_on": [None] * 2,
            "disability": ["no"] * 2,
            "claimed": [600.0, 600.0],
            "submitted_on": ["2021-12-03"] * 2,
        }
    )
    frame[column] = cells
    with pytest.raises(vl.InvalidInput) as refused:
        audit_invoice(frame)
    assert refused.value.field == column and "expected numbers held as float64" in str(refused.value)


def test_an_empty_invoice_has_no_lines_and_zero_totals(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(",".join(example_rows()[0]) + "\n", encoding="utf-8")
    report = audit_invoice(path)
    assert report.lines == () and report.total_claimed == 0 and report.all_match


def test_a_thousand_line_invoice_with_one_bad_line_in_the_middle(tmp_path: Path) -> None:
    header = example_rows()[0]
    good = ["n", "2021-10", "2021-01-01", "", "no", "620.00", "2021-11-05"]  # 31 x 20 = 620: matches
    bad_row = ["BAD", "n", "2021-10", "2021-01-01", "", "no", "6x0", "2021-11-05"]
    rows = [[f"B{i}", *good] for i in range(500)] + [bad_row] + [[f"B{i}", *good] for i in range(500, 999)]
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    report = audit_invoice(path)
    assert len(report.lines) == 1000
    assert report.counts() == {"matches": 999, "invalid": 1}
    bad = report.lines[500]
    assert bad.row == 502 and bad.reason.startswith("claimed: got '6x0'")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,colour", "header: got 'colour'"),
        ("beneficiary_id,month,enrolled_on,discharged_on,disability", r"header: got .*\(missing: claimed\)"),
        ("beneficiary_id,month,month,enrolled_on,discharged_on,disability,claimed", "header: got 'month, month'"),
    ],
)
def test_a_missing_unknown_or_repeated_column_is_named(tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(vl.InvalidInput, match=message):
        audit_invoice(path)


def test_explain_a_line_in_english_and_georgian() -> None:
    report = audit_invoice(EXAMPLE)
    en = report.explain("B-03")
    assert "over-claimed" in en and "10 days without disability status x 20.00 GEL/day = 200.00 GEL" in en
    assert "claimed 220.00 GEL, computed 200.00 GEL: difference (claimed - computed) 20.00 GEL" in en
    ka = report.explain(5, lang="ka")  # row 5 of the file: B-04
    assert "მოთხოვნილია ნაკლები" in ka and "№2.12 დანართის მე-4 მუხლის მე-5 პუნქტი" in ka


@pytest.mark.parametrize("claimed", ["750.0", Decimal("750.0"), 750, "750"])
def test_the_explanation_shows_the_claim_with_two_decimals(claimed) -> None:
    line = InvoiceLine(beneficiary_id="X", month="2021-11", enrolled_on="2021-11-20", claimed=claimed,
                       submitted_on="2021-12-06")  # fmt: skip
    report = audit_invoice([line])
    # 20..30 Nov = 11 days x 20 GEL = 220.00 (in time: due Mon 6 Dec); 750.00 - 220.00 = 530.00 over.
    assert "claimed 750.00 GEL, computed 220.00 GEL: difference (claimed - computed) 530.00 GEL" in report.explain("X")


def test_the_html_view_puts_totals_on_top_and_marks_lines_that_need_attention() -> None:
    page = audit_invoice(EXAMPLE)._repr_html_()
    assert page.index("claimed 3,170.00 GEL - computed 3,450.00 GEL") < page.index("<table>")
    # B-03 over, B-04 under, B-07 and B-08 not checked, B-09 not funded: 5 lines with a finding
    assert page.count("<tr class='hl-") == 5 + 5  # and the 5 findings themselves


def test_tolerance_lets_a_small_difference_match() -> None:
    lines = [InvoiceLine(beneficiary_id="X", month="2021-10", claimed="620.40", submitted_on="2021-11-05")]
    assert audit_invoice(lines).lines[0].verdict == "over-claimed"  # 620.40 - 620.00 = 0.40
    assert audit_invoice(lines, tolerance="0.50").lines[0].verdict == "matches"


def test_a_match_within_the_tolerance_says_so_on_its_line_and_in_the_summary(tmp_path: Path) -> None:
    # review 65: with --tolerance 300 the example's B-04 (claimed 600.00, the rules give 30 x 30 =
    # 900.00: 300.00 less) and B-03 (220.00 for 10 x 20 = 200.00: 20.00 more) were "matches" with
    # no reason, and no view said a tolerance was applied
    report = audit_invoice(EXAMPLE, tolerance="300")
    b03, b04 = (next(ln for ln in report.lines if ln.beneficiary_id == b) for b in ("B-03", "B-04"))
    assert (b03.verdict, b04.verdict) == ("matches", "matches")
    assert b04.reason_text() == "claimed 300.00 GEL less than computed, within the tolerance of 300.00 GEL"
    assert b03.reason_text() == "claimed 20.00 GEL more than computed, within the tolerance of 300.00 GEL"
    assert "300,00" not in b04.reason_text("ka") and "დასაშვები სხვაობის (300.00 ლარი) ფარგლებში" in b04.reason_text(
        "ka"
    )
    assert "a claim within 300.00 GEL of the amount computed matches (tolerance)" in report.summary_line()
    # a line that matches exactly says nothing; without a tolerance the summary says none
    b01 = next(ln for ln in report.lines if ln.beneficiary_id == "B-01")
    assert b01.reason_text() == "" and "tolerance" not in audit_invoice(EXAMPLE).summary_line()
    out = tmp_path / "audit.json"
    assert main(["audit", "--example", "--tolerance", "300", "-o", str(out), "--exit-zero", "-q"]) == 0
    assert "within the tolerance of 300.00 GEL" in out.read_text(encoding="utf-8")
    # review 185 F1: the line's own data said it in Georgian and had an empty English reason
    data = b04.to_dict()
    assert data["reason"] == "claimed 300.00 GEL less than computed, within the tolerance of 300.00 GEL"
    assert data["reason_ka"] == b04.reason_text("ka")


def test_audit_command_exits_non_zero_when_a_line_does_not_match(capsys, tmp_path: Path) -> None:
    assert main(["audit", "--example"]) == 1
    out = capsys.readouterr().out
    assert "claimed 3,170.00 GEL - computed 3,450.00 GEL = difference -280.00 GEL" in out
    assert "not checked: 2 lines claiming 720.00 GEL" in out
    assert main(["audit", "--example", "--exit-zero"]) == 0
    assert main(["audit", "--example", "-o", str(tmp_path / "r.xlsx"), "--exit-zero"]) == 0
    summary = openpyxl.load_workbook(tmp_path / "r.xlsx")["Summary"]
    assert summary["B4"].value == 3170  # claimed over the 7 checked lines (the summary's 3rd row)


def test_importing_the_core_does_not_import_pandas() -> None:
    code = "import sys, voucherlib; print('pandas' in sys.modules, 'numpy' in sys.modules, 'openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False"]


def test_a_facility_invoice_is_audited_line_by_line(capsys) -> None:
    from voucherlib.reports.facility_audit import audit_facility_invoice

    report = audit_facility_invoice(
        example_path("facility_occupancy.csv"), example_path("facility_claims.csv"), daily_rate="25"
    )
    # F-1 (Tbilisi shelter, limit 20; 18 children on days 1-20, 12 on days 21-30):
    #   children: min(18, 15) x 20 + 12 x 10 = 420 days x 25 = 10,500.00; claimed 10,500.00 -> matches
    #   unfilled: 2 x 20 + 8 x 10 = 120 place-days x 10 = 1,200.00; claimed 1,500.00 -> over-claimed by 300.00
    # F-2 (Batumi day centre, limit 40; 35 every day):
    #   children: min(35, 30) x 30 = 900 days x 25 = 22,500.00; claimed 26,250.00 (35 x 30 x 25, the cap ignored)
    #     -> over-claimed by 3,750.00
    #   unfilled: 5 (cap 20) x 30 = 150 place-days x 5 = 750.00; claimed 750.00 -> matches
    got = [(ln.beneficiary_id, ln.name, ln.verdict, ln.difference) for ln in report.lines]
    assert got == [
        ("F-1", "children served", "matches", Decimal("0.00")),
        ("F-1", "unfilled places", "over-claimed", Decimal("300.00")),
        ("F-2", "children served", "over-claimed", Decimal("3750.00")),
        ("F-2", "unfilled places", "matches", Decimal("0.00")),
    ]
    assert "at most 30 (R4, D13)" in report.explain(3)  # the claims file's row 3: F-2
    assert main(["audit-facility", "--example", "--daily-rate", "25"]) == 1
    assert "claimed 39,000.00 GEL - computed 34,950.00 GEL" in capsys.readouterr().out


def test_a_facility_claim_without_a_rate_or_occupancy_is_invalid_not_dropped(tmp_path: Path) -> None:
    from voucherlib.reports.facility_audit import audit_facility_invoice

    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-1,2021-09,1,1200.00\nF-9,2021-09,1,1\n",
        encoding="utf-8",
    )
    report = audit_facility_invoice(example_path("facility_occupancy.csv"), claims)
    verdicts = [(ln.beneficiary_id, ln.name, ln.verdict) for ln in report.lines]
    assert verdicts == [
        ("F-1", "children served", "invalid"),  # no daily rate given
        ("F-1", "unfilled places", "matches"),  # 1,200.00 as worked out above
        ("F-9", "children served", "invalid"),  # no occupancy for F-9
        ("F-9", "unfilled places", "invalid"),
        ("F-2", "occupancy", "invalid"),  # occupancy that no claim covers
    ]
    assert "daily_rate" in report.lines[0].reason and "F-9" in report.lines[2].reason


@pytest.mark.parametrize("header", ["დაწესებულება", "დაწესებულების კოდი", "ობიექტი", "ობიექტის კოდი"])
def test_a_claims_file_names_its_facility_in_georgian_as_the_report_does_or_did(tmp_path: Path, header: str) -> None:
    # review 143 F12, review 145: the Georgian report's facility column is დაწესებულება (it was
    # ობიექტი); a claims file with either header is read
    from voucherlib.reports.facility_audit import audit_facility_invoice

    claims = tmp_path / "claims.csv"
    claims.write_text(
        f"{header},თვე,მოთხოვნილი ბენეფიციარებზე,მოთხოვნილი შეუვსებელ ადგილებზე\nF-1,2021-09,1,1200.00\n",
        encoding="utf-8",
    )
    report = audit_facility_invoice(example_path("facility_occupancy.csv"), claims)
    assert [(ln.beneficiary_id, ln.name) for ln in report.lines[:2]] == [
        ("F-1", "children served"),
        ("F-1", "unfilled places"),
    ]


def test_a_facility_claim_whose_month_or_facility_does_not_read_still_counts_its_claims(tmp_path: Path) -> None:
    # review 49: the two claims of a row with a month of no form (2021-9) or no facility id
    # vanished from every total ("not checked: ... claiming 0.00 GEL"). Each part is its own
    # invalid line, with its claim: 10,500.00 + 1,200.00 + 1.00 + 2.00 = 11,703.00 not checked.
    from voucherlib.reports.facility_audit import audit_facility_invoice

    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-1,2021-9,10500.00,1200.00\n"
        "F-2,2021-09,22500,750\n,2021-09,1.00,2.00\n",
        encoding="utf-8",
    )
    report = audit_facility_invoice(example_path("facility_occupancy.csv"), claims, daily_rate=25)
    unread = [ln for ln in report.lines if ln.row in (2, 4)]
    assert [(ln.row, ln.name, ln.claimed, ln.verdict) for ln in unread] == [
        (2, "children served", Decimal("10500.00"), "invalid"),
        (2, "unfilled places", Decimal("1200.00"), "invalid"),
        (4, "children served", Decimal("1.00"), "invalid"),
        (4, "unfilled places", Decimal("2.00"), "invalid"),
    ]
    assert "month: got '2021-9'" in unread[0].reason and "facility_id" in unread[2].reason
    assert report.unchecked_claimed == Decimal("11703.00")
    assert "claiming 11,703.00 GEL" in report.summary_line()


def test_without_the_audit_extra_the_error_says_which_extra_to_install(monkeypatch, tmp_path: Path) -> None:
    report = audit_invoice(EXAMPLE)  # reading a CSV needs neither pandas nor openpyxl
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # the workbook is written with xlsxwriter
    with pytest.raises(vl.VoucherError, match=r"pip install 'voucherlib\[audit\]'"):
        report.to_dataframe()
    with pytest.raises(vl.VoucherError, match=r"pip install 'voucherlib\[audit\]'"):
        report.to_xlsx(tmp_path / "never-written.xlsx")


# ---------------------------------------------------------------- the discharge day not counted (D1)

NO_DISCHARGE_DAY_INVOICE = (
    "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
    # Nov 2021, discharged 10 Nov: 10 x 20 = 200.00 counting the discharge day, 9 x 20 = 180.00 not
    "A,2021-11,,2021-11-10,no,180.00,2021-12-06\n"
    # Oct 2021, two stays, 1-10 Oct and from 10 Oct: counting the discharge day they share the 10th
    # (10 x 20 = 200.00 and 22 x 20 = 440.00); not counting it, 9 x 20 = 180.00 and 440.00, no day shared
    "B,2021-10,2021-10-01,2021-10-10,no,180.00,2021-11-05\n"
    "C,2021-11,2021-10-01,2021-10-10,no,20.00,2021-12-06\n"  # a stay of October claimed in November
    "B,2021-11,2021-10-10,,no,600.00,2021-12-06\n"
)


def _no_discharge_day_sources(tmp_path: Path) -> dict[str, object]:
    import io

    path = tmp_path / "invoice.csv"
    path.write_text(NO_DISCHARGE_DAY_INVOICE, encoding="utf-8")
    frame = pd.read_csv(io.StringIO(NO_DISCHARGE_DAY_INVOICE), dtype=str, keep_default_na=False)
    return {"csv (in columns)": path, "DataFrame (line by line)": frame}


def test_an_agency_that_does_not_count_the_discharge_day_audits_by_its_reading(tmp_path: Path) -> None:
    # review 25: the audit had no such option, so a claim of 180.00 for 9 days was "under-claimed".
    for name, source in _no_discharge_day_sources(tmp_path).items():
        counted = audit_invoice(source)
        assert [str(ln.computed) for ln in counted.lines] == ["200.00", "200.00", "0.00", "600.00"], name
        assert [ln.verdict for ln in counted.lines] == ["under-claimed", "under-claimed", "over-claimed", "matches"]
        report = audit_invoice(source, count_discharge_day=False)
        # A: 9 x 20; B in October: 1-9 Oct, 9 x 20; C: its stay ended in October, no day in
        # November (0.00, days outside the stay); B in November: the whole month, 30 x 20 = 600.00
        assert [str(ln.computed) for ln in report.lines] == ["180.00", "180.00", "0.00", "600.00"], name
        assert [ln.verdict for ln in report.lines] == ["matches", "matches", "over-claimed", "matches"], name
        assert report.total_payable == Decimal("960.00"), name
        codes = {f.code for f in report.findings}
        assert "overlapping-stays" not in codes and "days-outside-stay" in codes, name


def test_a_month_whose_one_day_is_the_uncounted_discharge_day_says_so(tmp_path: Path) -> None:
    # review 27: under the agency's reading (the discharge day not counted, D1) a stay of
    # 15 Sep - 1 Oct 2021 has no day of service in October (0.00 computed; 20.00 claimed for 1 Oct,
    # all of it over), and the finding said "the stay (2021-09-15 – 2021-10-01) has no day in it"
    import io

    text = (
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "D,2021-10,2021-09-15,2021-10-01,no,20.00,2021-11-05\n"
    )
    path = tmp_path / "invoice.csv"
    path.write_text(text, encoding="utf-8")
    for source in (path, pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)):
        (found,) = audit_invoice(source, count_discharge_day=False).findings.of_code("days-outside-stay")
        assert found.amount == Decimal("20.00")
        assert "(2021-09-15 – 2021-10-01, the discharge day not counted) has no day in it" in found.text()
        assert "ამორიცხვის დღე არ ითვლება" in found.text("ka")


def test_two_stays_that_share_only_the_discharge_day_overlap_when_it_is_counted(tmp_path: Path) -> None:
    invoice = (
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "B,2021-10,2021-10-01,2021-10-10,no,200.00,2021-11-05\n"  # 1-10 Oct: 10 x 20
        "B,2021-11,2021-10-10,,no,600.00,2021-12-06\n"  # from 10 Oct: November whole, 30 x 20
    )
    path = tmp_path / "invoice.csv"
    path.write_text(invoice, encoding="utf-8")
    overlaps = [f for f in audit_invoice(path).findings if f.code == "overlapping-stays"]
    assert len(overlaps) == 1 and "2021-10-10 to 2021-10-10" in overlaps[0].text()
    assert not [f for f in audit_invoice(path, count_discharge_day=False).findings if f.code == "overlapping-stays"]


def test_the_audit_command_takes_no_discharge_day(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _no_discharge_day_sources(tmp_path)["csv (in columns)"]
    assert main(["audit", str(path), "--no-discharge-day", "--format", "csv"]) == 1  # C's days outside its stay
    out = capsys.readouterr().out
    assert out.count(",matches,") == 3 and ",under-claimed," not in out
    assert main(["audit", str(path), "--format", "csv"]) == 1
    assert capsys.readouterr().out.count(",under-claimed,") == 2


@pytest.mark.parametrize("flag", ["no", 0, None])
def test_count_discharge_day_is_true_or_false(flag: object) -> None:
    with pytest.raises(vl.InvalidInput, match="count_discharge_day"):
        audit_invoice(example_path("invoice.csv"), count_discharge_day=flag)  # type: ignore[arg-type]


def test_a_claim_of_minus_zero_is_refused_as_a_negative_claim_is(tmp_path: Path) -> None:
    # review 26: "-0,00" was claimed as -0.00 (shown so, under-claimed) where "-600" is refused;
    # no amount is written with a minus sign (as a daily rate of "-0" is refused), on both paths
    text = 'beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\nA,2021-10,,,no,"-0,00",2021-11-05\n'
    path = tmp_path / "invoice.csv"
    path.write_text(text, encoding="utf-8")
    import io

    # (pandas' own reading makes the text the float -0.0, which is refused too: review 29)
    for source in (
        path,
        pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False),
        pd.read_csv(io.StringIO(text.replace('"-0,00"', "-0.00"))),
    ):
        line = audit_invoice(source).lines[0]
        assert line.verdict == "invalid" and line.claimed is None
        assert line.reason.startswith("claimed: got ") and "an amount of 0 or more" in line.reason
        assert "Decimal" not in line.reason  # the cell as given: '-0,00' or -0.0 (float)
    # a number cell refused as it is read is said as given too (1e+20 GEL is past the largest amount;
    # -620 in a whole-number column: review 34)
    huge = audit_invoice(pd.read_csv(io.StringIO(text.replace('"-0,00"', "1e20")))).lines[0]
    assert huge.verdict == "invalid" and huge.reason.startswith("claimed: got 1e+20 (float)")
    negative = audit_invoice(pd.read_csv(io.StringIO(text.replace('"-0,00"', "-620")))).lines[0]
    assert negative.verdict == "invalid" and negative.reason.startswith("claimed: got -620 (int)")
    nullable = pd.read_csv(io.StringIO(text.replace('"-0,00"', "-620")), dtype={"claimed": "Int64"})
    assert audit_invoice(nullable).lines[0].reason.startswith("claimed: got -620 (")  # review 36: numpy ints too


@pytest.mark.parametrize("claimed", ["-0", "-0,00", "-620", -620, Decimal("-0"), Decimal("-620.00")])
def test_an_invoice_line_of_a_negative_claim_is_refused_naming_the_value_given(claimed: object) -> None:
    # review 202 F4: InvoiceLine(claimed="-0") made a line "invalid" whose reason named the value the
    # audit had read, "got Decimal('-0.00')", not the "-0" given; refused where the line is made, as
    # a claim of three decimals is, naming the value as given (a file's cell is named as written)
    with pytest.raises(vl.InvalidInput) as refused:
        InvoiceLine(beneficiary_id="B-1", month="2021-10", claimed=claimed)
    said = f"InvoiceLine.claimed: got {claimed!r} ({type(claimed).__name__}); expected an amount of 0 or more"
    assert str(refused.value) == said  # (named by its model, as its other fields are: review 209 F3)


def test_the_frames_verdict_is_the_lines_verdict() -> None:
    # review 26: the frame held the table's text ("matches, 20% deducted"), so a groupby split the
    # lines that counts() calls "matches". October 2021, the whole month: 31 x 20 = 620.00; A
    # submitted on the deadline (5 Nov), B on Tue 9 Nov, 2 working days late: 20% deducted.
    report = audit_invoice(
        [
            InvoiceLine(beneficiary_id="A", month="2021-10", claimed="620.00", submitted_on="2021-11-05"),
            InvoiceLine(beneficiary_id="B", month="2021-10", claimed="620.00", submitted_on="2021-11-09"),
        ]
    )
    assert report.lines[1].verdict_text() == "matches, 20% deducted"
    frame = report.to_dataframe()
    assert frame["verdict"].tolist() == [ln.verdict for ln in report.lines]
    assert frame["verdict"].value_counts().to_dict() == report.counts()
    late = [i for i, ln in enumerate(report.lines) if ln.deduction_percent is not None]
    assert late and all(frame["deducted_tetri"][i] > 0 for i in late)


def test_the_text_view_gives_each_unchecked_lines_whole_reason_under_the_lines(tmp_path: Path) -> None:
    # review 28: the reason column is cut to its width, which hid the refused value ("got
    # '2021-11-0…"): each line not checked has its whole reason under the table, as settle's rows.
    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "A,2021-11,2021-11-10,2021-11-05,no,600.00,2021-12-06\n"
        "B,2021-11,,,no,600.00,2021-12-06\n",
        encoding="utf-8",
    )
    text = audit_invoice(path).to_text()
    assert "row 2: discharged_on: got '2021-11-05' (date); expected a date on or after enrolled_on (2021-11-10)" in text
    assert "row 3:" not in text  # B: 30 x 20 = 600.00, matches


def test_the_summary_says_how_many_unchecked_claims_did_not_read(tmp_path: Path) -> None:
    # review 28: "not checked: 2 lines claiming 0.00 GEL" of two lines whose claims (-5000.00,
    # 9,600.005) could not be read: the sum is of the claims that read, and the sentence says so.
    text = (
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "A,2021-11,,,no,-5000.00,2021-12-06\n"
        'B,2021-11,,,no,"9,600.005",2021-12-06\n'
        "C,2021-11,,,perhaps,600.00,2021-12-06\n"  # a claim that reads, on a line not checked
    )
    path = tmp_path / "invoice.csv"
    path.write_text(text, encoding="utf-8")
    import io

    for source in (path, pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)):
        line = audit_invoice(source).summary_line()
        assert line.endswith(
            "not checked: 3 lines claiming 600.00 GEL (2 of them with a claim that could not be read or was refused)"
        )
    # a row of 8 cells under a header of 7 is refused whole: no cell of it is read, its claim
    # neither (review 30: it was left out of the count)
    path.write_text(text + "D,2021-11,,,no,600.00,2021-12-06,extra\n", encoding="utf-8")
    line = audit_invoice(path).summary_line()
    assert line.endswith(
        "not checked: 4 lines claiming 600.00 GEL (3 of them with a claim that could not be read or was refused)"
    )


def test_the_summary_counts_one_matching_line_as_one_match(tmp_path: Path) -> None:
    # review 259 F4: "1 line (1 matches)". November 2021, whole month, no status: 30 x 20.00 =
    # 600.00; due 5 Dec (a Sunday), so Mon 6 Dec: submitted then, in time. A claim of 600.00
    # matches, 700.00 is over-claimed; 11 and 21 matching lines are said in the plural.
    head = "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
    path = tmp_path / "invoice.csv"
    for claims, said, said_ka in (
        (["600.00"], "1 line (1 match); 1 checked", "1 სტრიქონი (1 ემთხვევა)"),
        (["600.00", "700.00"], "2 lines (1 match, 1 over-claimed)", "2 სტრიქონი (1 ემთხვევა, 1 მოთხოვნილია მეტი)"),
        (["600.00"] * 11, "11 lines (11 matches)", "11 სტრიქონი (11 ემთხვევა)"),
        (["600.00"] * 21, "21 lines (21 matches)", "21 სტრიქონი (21 ემთხვევა)"),
    ):
        rows = "".join(f"B-{i},2021-11,,,no,{claim},2021-12-06\n" for i, claim in enumerate(claims))
        path.write_text(head + rows, encoding="utf-8")
        report = audit_invoice(path)
        assert report.summary_line().startswith(said) and report.summary_line("ka").startswith(said_ka)
    # review 268 F5: its repr said "1 lines" and "1 findings" (the last file: 21 lines, no finding)
    assert repr(report) == "AuditReport(21 lines, tolerance=0, 0 findings)"
    path.write_text(head + "B-0,2021-11,,,no,700.00,2021-12-06\n", encoding="utf-8")  # 100.00 over: 1 finding
    assert repr(audit_invoice(path)) == "AuditReport(1 line, tolerance=0, 1 finding)"


def test_a_tolerance_with_a_minus_sign_is_refused_even_for_zero() -> None:
    # review 29: "-0" was taken and shown as -0.00
    with pytest.raises(vl.InvalidInput, match="tolerance: got '-0'"):
        audit_invoice(example_path("invoice.csv"), tolerance="-0")


def test_example_path_names_a_shipped_file_only() -> None:
    # review 29: it gave /etc/passwd for "../../../../etc/passwd", and a path of no file
    assert vl.example_path("invoice.csv").is_file()
    for name in ("../../../../etc/passwd", "nothing.csv", 5):
        with pytest.raises(vl.InvalidInput, match="the name of a shipped example file"):
            vl.example_path(name)  # type: ignore[arg-type]


def test_a_facility_claim_with_a_minus_sign_is_no_claim(tmp_path: Path) -> None:
    # review 29: the refused claim kept its amount: "not checked: 2 lines claiming -5,000.00 GEL"
    from voucherlib.reports.facility_audit import audit_facility_invoice

    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-1,2021-09,-5000.00,-0.00\n", encoding="utf-8"
    )
    report = audit_facility_invoice(example_path("facility_occupancy.csv"), claims, daily_rate="25")
    assert [ln.claimed for ln in report.lines[:2]] == [None, None]
    # the third line not checked: F-2's month, which no claim covers
    # (then the one rate given for the shelter and the day centre alike, said: review 185 F3)
    assert (
        "not checked: 3 lines claiming 0.00 GEL (2 of them with a claim that could not be read or was refused); "
        "one daily rate, 25.00 GEL, prices"
    ) in report.summary_line()


def test_a_facility_audits_data_keys_its_facility_and_component_so(capsys: pytest.CaptureFixture[str]) -> None:
    # review 157 F14: the CSV, JSON and DataFrame of a facility audit keyed the facility
    # "beneficiary_id" and the component "name": a program reading by key took F-1 for a person
    import io
    import json

    from voucherlib.reports.facility_audit import audit_facility_invoice

    report = audit_facility_invoice(
        example_path("facility_occupancy.csv"), example_path("facility_claims.csv"), daily_rate="25"
    )
    assert list(report.to_dataframe().columns[:3]) == ["row", "facility_id", "component"]
    assert report.to_dataframe()["facility_id"].iloc[0] == "F-1"
    assert next(csv.reader(io.StringIO(report.to_csv())))[:3] == ["row", "facility_id", "component"]
    tables = {t["name"]: t for t in json.loads(report.to_json())["tables"]}
    assert {"facility_id", "component"} <= set(tables["lines"]["rows"][0])
    assert "beneficiary_id" not in tables["lines"]["rows"][0] and "name" not in tables["lines"]["rows"][0]
    assert "facility_id" in tables["findings"]["rows"][0] and "beneficiary_id" not in tables["findings"]["rows"][0]
    # an Annex 2.12 audit keeps its beneficiary's keys
    assert list(audit_invoice(example_path("invoice.csv")).to_dataframe().columns[1:3]) == ["beneficiary_id", "name"]


@pytest.mark.parametrize("middle", [",,,,,,", "#N/A,#N/A,#N/A,#N/A,#N/A,#N/A,#N/A"])
def test_a_frames_blank_row_of_texts_is_skipped_and_a_row_of_nan_kept(tmp_path: Path, middle: str) -> None:
    # Read with dtype=str, keep_default_na=False, pandas tells a blank line (",,,,,,": all "") from
    # a row of failed look-ups ("#N/A"): the first is skipped, as the file's is (review 30); a row
    # of NaN, what read_csv makes of both by default, stays an invalid line, never dropped (review
    # 29), as the file's "#N/A" row does. A and B: November 2021, 30 x 20 = 600.00 each, claimed so.
    text = (
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        f"A,2021-11,,,no,600.00,2021-12-06\n{middle}\nB,2021-11,,,no,600.00,2021-12-06\n"
    )
    path = tmp_path / "invoice.csv"
    path.write_text(text, encoding="utf-8")
    blank = middle.startswith(",")
    kept = ["matches", "matches"] if blank else ["matches", "invalid", "matches"]
    assert [ln.verdict for ln in audit_invoice(path).lines] == kept
    assert [ln.verdict for ln in audit_invoice(pd.read_csv(path, dtype=str, keep_default_na=False)).lines] == kept
    assert [ln.verdict for ln in audit_invoice(pd.read_csv(path)).lines] == ["matches", "invalid", "matches"]
    assert vl.example_path(Path("invoice.csv")) == vl.example_path("invoice.csv")


def test_the_facility_audit_shows_no_deduction_for_late_submission(capsys: pytest.CaptureFixture[str]) -> None:
    # review 33: its summary had a row "deducted for late submission, GEL 0.00", a check Annex 2.8
    # does not make (the deduction is Annex 2.12's, Art. 4, para 5); the voucher audit keeps it.
    from voucherlib.reports.facility_audit import audit_facility_invoice

    facility = audit_facility_invoice(
        example_path("facility_occupancy.csv"), example_path("facility_claims.csv"), daily_rate="25"
    )
    vouchers = audit_invoice(example_path("invoice.csv"))
    assert not facility.late_penalty and vouchers.late_penalty
    for lang, label, word in (
        ("en", "deducted or not funded for late submission, GEL", "deducted"),
        ("ka", "დაგვიანებისთვის დაქვითული ან დაუფინანსებელი, ლარი", "დაქვითული"),
    ):
        assert label not in [item for item, _ in facility.summary(lang)]
        assert label in [item for item, _ in vouchers.summary(lang)]
        assert word not in facility.summary_line(lang) and word in vouchers.summary_line(lang)
    # Review 42: the example's sum is B-09's whole voucher, not funded (D8: more than 5 working
    # days late), not a deduction: the label says both. 30 x 20 = 600.00 withheld, nothing deducted.
    (unfunded,) = [ln for ln in vouchers.lines if ln.verdict == "not funded (late)"]
    assert unfunded.deducted == vouchers.total_deducted == Decimal("600.00") and unfunded.payable == 0
    # nor a column of 0.00 among its lines (review 34)
    import json

    from voucherlib.cli import main

    for command, deducted in ((["audit-facility", "--daily-rate", "25"], False), (["audit"], True)):
        assert main([*command, "--example", "--format", "json", "--exit-zero"]) == 0
        tables = {t["name"]: t for t in json.loads(capsys.readouterr().out)["tables"]}
        assert ("deducted" in [c["key"] for c in tables["lines"]["columns"]]) is deducted
        assert ("deducted" in tables["lines"]["totals"]) is deducted


def test_an_unclaimed_facility_month_is_labelled_by_its_occupancy_rows_in_either_language() -> None:
    # review 49: the label "occupancy rows 32, ..." stayed English in the Georgian report. The
    # example claims F-1 alone here, so F-2's occupancy (rows 32 to 61) is no claim's.
    from voucherlib.reports.facility_audit import audit_facility_invoice

    claims = [{"facility_id": "F-1", "month": "2021-09", "claimed_children": "10500.00", "claimed_unfilled": "1200.00"}]
    report = audit_facility_invoice(example_path("facility_occupancy.csv"), pd.DataFrame(claims), daily_rate=25)
    (unclaimed,) = [ln for ln in report.lines if ln.name == "occupancy"]
    assert unclaimed.row == "32, 33, 34, 35, 36, ... of the occupancy file" and unclaimed.beneficiary_id == "F-2"
    georgian = report.to_text(lang="ka")
    assert "32, 33, 34, 35, 36, ... (დატვირთვის ფაილი)" in georgian and "occupancy file" not in georgian
    (finding,) = [f for f in report.findings if f.beneficiary_id == "F-2"]
    # read after "row" (review 85: "row occupancy rows 32, ...")
    # (thirty rows: "rows", review 283 F5)
    assert finding.text("en").startswith("rows 32, 33, 34, 35, 36, ... of the occupancy file (F-2 (occupancy))")
    assert finding.text("ka").startswith("სტრიქონები 32, 33, 34, 35, 36, ... (დატვირთვის ფაილი) (F-2 ")


def test_the_summary_table_counts_under_count_and_says_the_unread_claims_and_the_tolerance(tmp_path: Path) -> None:
    # review 65: the count column was headed "lines" over "Findings 5", and "claimed on lines not
    # checked" stood beside 2 lines whose claims were never read. Two lines of November 2021:
    # B-01 claims 600.00 (30 x 20, in time: matches), B-02 claims "six hundred" (not read)
    lines = tmp_path / "invoice.csv"
    lines.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "B-01,2021-11,,,no,600.00,2021-12-06\nB-02,2021-11,,,no,six hundred,2021-12-06\n",
        encoding="utf-8",
    )
    report = audit_invoice(lines, tolerance="0.50")
    rows = dict(report.summary())
    assert rows["lines not checked"] == 1
    assert rows["lines not checked whose claim could not be read or was refused"] == 1
    assert rows["tolerance: a claim this close matches, GEL"] == Decimal("0.50")
    summary = report.document(explain=False, charts=False).tables[0]
    assert [c.header("en") for c in summary.columns] == ["item", "amount", "count"]
    assert not any("tolerance" in label for label, _ in audit_invoice(lines).summary())


def test_a_number_whose_format_pads_with_a_date_letter_is_a_number(tmp_path: Path) -> None:
    # Review 210 F1: openpyxl 3.1.2 (the lowest the audit extra allowed) took a number format that
    # pads with "_" and a date letter (an accounting format writing the manat "man.": _m_a_n_.) for
    # a date format, and the claim 900 was read as the day 1902-06-18: the line invalid. openpyxl
    # 3.1.3 reads the format as a number's; the extra asks for it. B-2: November 2021, enrolled
    # before it, with disability status: 30 days x 30.00 = 900.00; submitted 6 Dec (5 Dec a
    # Sunday): in time, so it matches.
    fmt = '_-* #,##0.00\\ _m_a_n_._-;\\-* #,##0.00\\ _m_a_n_._-;_-* "-"??\\ _m_a_n_._-;_-@_-'
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "claimed", "submitted_on"])
    sheet.append(["B-2", "2021-11", dt.date(2021, 3, 1), None, "yes", 900, dt.date(2021, 12, 6)])
    sheet["F2"].number_format = fmt
    sheet.append(["B-3", "2021-11", dt.date(2021, 3, 1), None, "yes", 900, dt.date(2021, 12, 6)])
    sheet["F3"].number_format = "#,##0.00_m"
    book.save(tmp_path / "manat.xlsx")
    report = audit_invoice(tmp_path / "manat.xlsx")
    assert [(ln.claimed, ln.verdict) for ln in report.lines] == [(Decimal("900.00"), "matches")] * 2


def test_a_personal_number_is_the_id_and_the_beneficiary_beside_it_the_name(tmp_path: Path) -> None:
    # Review 211 F3: a Georgian register heads its ids "პირადი ნომერი" (personal number) and its
    # people's names "ბენეფიციარი" (beneficiary); the audit refused the first column, and settle
    # took the names for the ids (two namesakes one beneficiary, "settled on more than one row").
    # The personal number is the id; beside it, "ბენეფიციარი" heads the names (alone, it is the id).
    # Both lines: November 2021, enrolled in May: 30 days x 20.00 = 600.00, submitted 6 Dec (the
    # deadline, 5 Dec a Sunday): in time, so each matches its claim of 600.00.
    header = "ბენეფიციარი,პირადი ნომერი,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
    body = "ნინო ბერიძე,{pn},2021-11,2021-05-01,,no,600.00,2021-12-06\n"
    path = tmp_path / "register.csv"
    path.write_text(header + body.format(pn="01001012345") + body.format(pn="01001099999"), encoding="utf-8")
    report = audit_invoice(path)
    assert [(ln.beneficiary_id, ln.name, ln.verdict) for ln in report.lines] == [
        ("01001012345", "ნინო ბერიძე", "matches"),
        ("01001099999", "ნინო ბერიძე", "matches"),
    ]
    assert not report.findings  # two people, no double billing
    rows = vl.settle_file(path).rows  # (settle reads the same ids: two beneficiaries, each paid)
    assert [(r.beneficiary_id, r.settlement.payable if r.settlement else None) for r in rows] == [
        ("01001012345", Decimal("600.00")),
        ("01001099999", Decimal("600.00")),
    ]
    for short in ("პ/ნ", "პირადი №"):  # (the short forms of the header)
        path.write_text(header.replace("პირადი ნომერი", short) + body.format(pn="01001012345"), encoding="utf-8")
        assert audit_invoice(path).lines[0].beneficiary_id == "01001012345"
    alone = "ბენეფიციარი,month,enrolled_on,discharged_on,disability,claimed,submitted_on\nB-01,2021-11,2021-05-01,,no,600.00,2021-12-06\n"
    path.write_text(alone, encoding="utf-8")
    assert audit_invoice(path).lines[0].beneficiary_id == "B-01"  # alone, it heads the ids, as before
