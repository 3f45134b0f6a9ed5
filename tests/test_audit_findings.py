"""The auditor's report: findings across lines, totals that add up in every output form, exact
numeric DataFrames, the workbook, and Georgian all the way (issue 12)."""

from __future__ import annotations

import datetime as dt
import io
import json
import pickle
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.cli import example_path, main
from voucherlib.core.phrases import phrase, phrase_keys, say
from voucherlib.reports.audit import InvoiceLine, audit_invoice
from voucherlib.reports.facility_audit import audit_facility_invoice
from voucherlib.rules.submission import submission_deadline
from voucherlib.rules.youth_voucher import voucher_month

from .strategies import months_2021


def line(ident: str, month: str, claimed: str, submitted: str = "2021-12-06", **kw: Any) -> InvoiceLine:
    return InvoiceLine(beneficiary_id=ident, month=month, claimed=claimed, submitted_on=submitted, **kw)


# Service month Nov 2021 unless said: 30 days; the 5 Dec deadline is a Sunday, so due Mon 6 Dec;
# the working days after it are 7, 8, 9, 10, 13, 14 Dec. Row labels are positions from 1.
EVERY_KIND = [
    line("A-1", "2021-11", "600.00"),  # 1: 30 x 20 = 600: clean
    line("DUP", "2021-11", "600.00"),  # 2: 30 x 20 = 600 ...
    line("DUP", "2021-11", "600.00"),  # 3: ... and again: double billing of rows 2 and 3
    line("OV-1", "2021-10", "620.00", "2021-11-05", enrolled_on="2021-09-01", discharged_on="2021-11-20"),
    # 4: Oct, 31 x 20 = 620, in time (due Fri 5 Nov); its stay runs 1 Sep .. 20 Nov
    line("OV-1", "2021-11", "420.00", enrolled_on="2021-11-10"),
    # 5: a second stay from 10 Nov: 10..30 Nov = 21 x 20 = 420; overlaps row 4's stay on 10..20 Nov
    line("OUT-1", "2021-11", "200.00", enrolled_on="2021-12-01"),  # 6: enrolled after Nov: 0 days, 0.00
    line("LATE-1", "2021-11", "600.00", "2021-12-08"),  # 7: late 7, 8 Dec = 2: 20% of 600 = 120 deducted
    line("NF-1", "2021-11", "600.00", "2021-12-14"),  # 8: late 6 working days > 5: not funded
    line("OVER-1", "2021-11", "220.00", discharged_on="2021-11-10"),  # 9: 10 x 20 = 200; 20 over
    line("BAD-1", "2021-11", "600.00", disability="maybe"),  # 10: cannot be checked
    line("UNDER-1", "2021-11", "600.00", disability=True),  # 11: 30 x 30 = 900; 300 under
]


def test_a_claim_is_compared_with_the_amount_before_the_late_rules_and_said_so_d46() -> None:
    # Review 134 F6: "claimed 600.00 GEL less than the rules give" of a line not funded, which the
    # rules give nothing. November 2021, due Mon 6 Dec; computed 30 x 20 = 600.00 each.
    # Row 1, 1 working day late (7 Dec), claims the amount less 10%, 540.00: 60.00 under, payable
    # 600.00 - 60.00 = 540.00. Row 2, 6 working days late (7..14 Dec), not funded, claims 0.00:
    # 600.00 under, payable nothing. Row 3 claims 600.00 in time but computes 30 x 30 = 900.00.
    report = audit_invoice(
        [
            line("A-2", "2021-11", "540.00", "2021-12-07"),
            line("A-3", "2021-11", "0.00", "2021-12-14"),
            line("B-4", "2021-11", "600.00", disability=True),
        ]
    )
    assert [(ln.verdict, ln.computed, ln.payable) for ln in report.lines] == [
        ("under-claimed", Decimal("600.00"), Decimal("540.00")),
        ("not funded (late)", Decimal("600.00"), Decimal("0.00")),
        ("under-claimed", Decimal("900.00"), Decimal("900.00")),  # paid more than claimed (D46)
    ]
    texts = {(f.code, f.rows): f.text("en") for f in report.findings}
    assert texts[("claim-below", (1,))] == "A-2, 2021-11: claimed 60.00 GEL less than computed"
    assert texts[("claim-below", (2,))] == "A-3, 2021-11: claimed 600.00 GEL less than computed"
    assert texts[("not-funded", (2,))] == (
        "A-3, 2021-11: the document was 6 working days late (more than 5): 600.00 GEL is not funded"
    )
    assert report.lines[0].reason_text() == "claimed 60.00 GEL less than computed"
    assert report.lines[0].reason_text("ka") == "მოთხოვნილია 60.00 ლარით ნაკლები, ვიდრე გამოთვლილია"
    for f in report.findings:
        assert "the rules give" not in f.text("en") and "წესით ეკუთვნის" not in f.text("ka")


def test_a_count_of_late_days_is_said_in_a_reason_and_a_finding_as_the_explanation_says_it() -> None:
    # Review 137 F3: "1057 working days late" in the reason and the finding, a few lines under the
    # explanation's "1,057". October 2021 submitted 2 Mar 2026: more than a thousand working days
    # late (about 52 weeks x 5 a year, over four years), not funded.
    import re

    report = audit_invoice([line("B-01", "2021-10", "620.00", "2026-03-02", enrolled_on="2021-05-01")])
    (ln,) = report.lines
    late = ln.settlement.late_working_days
    assert late > 1000 and ln.verdict == "not funded (late)"
    for lang, said in (("en", f"{late:,}"), ("ka", f"{late:,}".replace(",", " "))):
        assert ln.reason_text(lang).startswith(said + " ")
        assert f": {said} " in report.explain(1, lang)  # (the explanation's line of the late days)
        (finding,) = [f for f in report.findings if f.code == "not-funded"]
        assert f" {said} " in finding.text(lang)
        assert not re.search(r"[0-9]{4}", finding.text(lang).split(":", 1)[1])  # (no count ungrouped)
    # Review 138 F3: the line's own reason (its record's "reason", beside "reason_ka") was a second
    # copy of the sentence, ungrouped ("1057 working days late"); in columns (the batch audit) too
    assert ln.reason == ln.reason_text("en") and ln.to_dict()["reason"] == f"{late:,} working days late (more than 5)"
    frame = pd.DataFrame(
        {"beneficiary_id": ["B-01"], "month": ["2021-10"], "enrolled_on": ["2021-05-01"], "discharged_on": [""]}
        | {"disability": ["no"], "claimed": ["620.00"], "submitted_on": ["2026-03-02"]}
    )
    assert audit_invoice(frame).lines[0].reason == ln.reason


def test_a_finding_made_in_code_with_a_count_as_a_number_says_it() -> None:
    # Review 138 F4: a Finding's late and max fields given as numbers (the type says text; nothing
    # held a caller to it) raised AttributeError; said as the text of the same count is
    made = vl.Finding(
        "not-funded", "error", (2,), "B-01", "2021-10", Decimal("620.00"), None, None, (("late", 1057), ("max", 5))
    )
    assert made.text("en") == vl.Finding(
        "not-funded", "error", (2,), "B-01", "2021-10", Decimal("620.00"), None, None, (("late", "1057"), ("max", "5"))
    ).text("en")
    assert "1,057" in made.text("en")


def test_an_invoice_with_every_kind_of_finding_finds_each_once_on_the_right_lines() -> None:
    report = audit_invoice(EVERY_KIND)
    got = sorted((f.code, f.rows, f.amount) for f in report.findings)
    assert got == sorted([
        ("double-billing", (2, 3), Decimal("1200.00")),  # 600 + 600 claimed twice for Nov
        ("overlapping-stays", (4, 5), None),
        ("days-outside-stay", (6,), Decimal("200.00")),  # 200 claimed - 0 computed
        ("late-deduction", (7,), Decimal("120.00")),  # 600 x 10% x 2
        ("not-funded", (8,), Decimal("600.00")),
        ("claim-above", (9,), Decimal("20.00")),  # 220 - 200
        ("not-checked", (10,), Decimal("600.00")),
        ("claim-below", (11,), Decimal("300.00")),  # 900 - 600
    ])  # fmt: skip
    for f in report.findings:
        assert f.citation is not None and (f.citation.annex, f.citation.article, f.citation.paragraph) == ("2.12", 4, 5)
    assert {f.code: f.decision for f in report.findings}["late-deduction"] == "D8"
    overlap = report.findings.of_code("overlapping-stays")[0]
    assert "2021-11-10 to 2021-11-20" in overlap.text()
    assert report.line(7).verdict_text() == "matches, 20% deducted"
    assert report.line(7).verdict_text("ka") == "ემთხვევა, დაქვითულია 20%"


def test_the_totals_of_that_invoice_by_hand() -> None:
    report = audit_invoice(EVERY_KIND)
    # Checked: every row but 10. Row 3 bills row 2's month again, every day of it: the month is
    # paid once, on row 2, so row 3 computes 0 (D28).
    #   claimed  600+600+600+620+420+200+600+600+220+600 = 5,060
    #   computed 600+  0+600+620+420+  0+600+600+200+900 = 4,540 (row 2 first, row 3 zero)
    #   difference 5,060 - 4,540 = 520 (= 600 + 200 + 20 - 300)
    #   deducted 120 (row 7) + 600 (row 8, not funded) = 720; payable 4,540 - 720 = 3,820
    # Not checked: row 10 claims 600.
    assert report.totals() == {
        "claimed": Decimal("5060.00"), "computed": Decimal("4540.00"), "difference": Decimal("520.00"),
        "deducted": Decimal("720.00"), "payable": Decimal("3820.00"), "unchecked_claimed": Decimal("600.00"),
    }  # fmt: skip


invoice_lines = st.lists(
    st.tuples(months_2021, st.integers(0, 40), st.integers(0, 40), st.booleans(), st.integers(0, 100_000),
              st.integers(0, 9), st.booleans()),
    max_size=12,
)  # fmt: skip


def generated(draw: st.DrawFn, from_rules: bool) -> list[InvoiceLine]:
    out = []
    for i, (month, enrol, stay, disabled, tetri, late, bad) in enumerate(draw(invoice_lines)):
        enrolled = month.first_day + dt.timedelta(days=enrol - 10)
        discharged = enrolled + dt.timedelta(days=stay) if stay < 35 else None
        deadline = submission_deadline(month)
        if from_rules:
            vm = voucher_month(month, enrolled_on=enrolled, discharged_on=discharged, disability=disabled)
            if vm.service_days == 0:
                continue
            claimed, submitted, disability = vm.amount, deadline, disabled
        else:
            claimed = Decimal(tetri) / 100
            submitted = deadline + dt.timedelta(days=late)
            disability = "maybe" if bad else disabled
        out.append(
            InvoiceLine(beneficiary_id=f"B-{i if from_rules else i % 4}", month=str(month), enrolled_on=enrolled,
                        discharged_on=discharged, disability=disability, claimed=claimed, submitted_on=submitted)
        )  # fmt: skip
    return out


@given(st.data())
def test_an_invoice_generated_from_the_rules_themselves_has_no_findings(data: st.DataObject) -> None:
    report = audit_invoice(generated(data.draw, from_rules=True))
    assert report.findings == () and report.all_match


def money_of(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@settings(max_examples=15)
@given(data=st.data())
def test_claimed_is_computed_plus_difference_over_the_checked_lines_in_every_output_form(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    report = audit_invoice(generated(data.draw, from_rules=False))
    t = report.totals()
    checked = [ln for ln in report.lines if ln.computed is not None]
    assert t["claimed"] == sum((ln.claimed for ln in checked), Decimal(0))  # type: ignore[misc]
    assert t["claimed"] == t["computed"] + t["difference"] and t["payable"] == t["computed"] - t["deducted"]
    # the text (and the HTML, which shows the same sentence)
    sentence = re.search(
        r"claimed ([\d,.-]+) GEL - computed ([\d,.-]+) GEL = difference ([\d,.-]+) GEL", report.to_text()
    )
    assert sentence is not None
    claimed, computed, difference = map(money_of, sentence.groups())
    assert (claimed, computed, difference) == (t["claimed"], t["computed"], t["difference"])
    assert sentence.group(0) in report.to_html()
    # the JSON: the lines table's totals row
    lines = next(tb for tb in json.loads(report.to_json())["tables"] if tb["name"] == "lines")
    totals = {k: Decimal(v) for k, v in lines["totals"].items() if k != "row"}
    assert totals["claimed"] == totals["computed"] + totals["difference"] == t["claimed"]
    # the DataFrame: exact integer tetri over the checked lines
    frame = report.to_dataframe()  # plain sums: claimed_tetri is NA on the lines not checked
    assert (
        frame.claimed_tetri.sum()
        == frame.computed_tetri.sum() + frame.difference_tetri.sum()
        == int(t["claimed"] * 100)
    )
    assert frame.claimed_unchecked_tetri.sum() == int(report.unchecked_claimed * 100)
    # the workbook's Summary sheet
    path = tmp_path_factory.mktemp("x") / "r.xlsx"
    report.to_xlsx(path)
    summary = {r[0]: r[1] for r in openpyxl.load_workbook(path)["Summary"].iter_rows(min_row=2, values_only=True)}
    c, m, d = (Decimal(str(summary[k])) for k in ("claimed (checked lines), GEL", "computed, GEL",
                                                   "difference (claimed - computed), GEL"))  # fmt: skip
    assert c == m + d == t["claimed"]


def test_money_columns_are_exact_and_numeric_and_missing_is_missing() -> None:
    frame = audit_invoice(example_path("invoice.csv")).to_dataframe()
    assert str(frame.claimed_tetri.dtype) == "Int64" and str(frame.payable_tetri.dtype) == "Int64"
    # payable 600+750+200+900+220+180+0 = 2,850.00 GEL = 285,000 tetri; B-07 and B-08 have none
    assert frame.payable_tetri.sum() == 285_000 and frame.payable_tetri.isna().sum() == 2
    assert frame.payable_tetri[6] is pd.NA
    # 3,890.00 claimed in all: 3,170.00 on the 7 checked lines, 720.00 on B-07 and B-08 (not checked)
    assert frame.groupby("month").claimed_tetri.sum().to_dict() == {"2021-11": 317_000}
    assert frame.groupby("month").claimed_unchecked_tetri.sum().to_dict() == {"2021-11": 72_000}
    assert frame.describe().loc["count", "computed_tetri"] == 7
    assert frame.claimed[2] == "220.00"
    findings = audit_invoice(example_path("invoice.csv")).findings.to_dataframe()
    # B-03 claims 220 for 200 (claim-above 20.00); B-04 600 for 900 (claim-below 300.00); B-07 and
    # B-08 not checked (120.00 and 600.00 claimed); B-09 not funded (600.00): 164,000 tetri
    assert (
        str(findings.amount_tetri.dtype) == "Int64"
        and findings.amount_tetri.sum() == 2000 + 30000 + 12000 + 60000 + 60000
    )


def test_the_dataframe_adds_up_with_plain_pandas_and_groups_by_provider() -> None:
    # review 12 #3, #4. R1: 2021-11 has 30 days, 20 GEL a day without disability.
    # r0: A-1, whole month: 30 x 20 = 600.00 computed, 650.00 claimed: +50.00 (P1)
    # r1: A-2, enrolled 2021-11-16: 15 x 20 = 300.00 computed, 300.00 claimed: 0 (P2)
    # r2: A-3, month "2021-13" cannot be checked; claims 400.00 (P2)
    frame = pd.DataFrame(
        {
            "beneficiary_id": ["A-1", "A-2", "A-3"],
            "provider": ["P1", "P2", "P2"],
            "month": ["2021-11", "2021-11", "2021-13"],
            "enrolled_on": ["2021-01-01", "2021-11-16", "2021-01-01"],
            "discharged_on": ["", "", ""],
            "disability": ["no", "no", "no"],
            "claimed": ["650.00", "300.00", "400.00"],
            "submitted_on": ["2021-12-01", "2021-12-01", "2021-12-01"],
        },
        index=["r0", "r1", "r2"],
    )
    report = audit_invoice(frame)
    out = report.to_dataframe()
    # claimed 650 + 300 = 950.00 = computed 600 + 300 = 900.00 + difference 50.00
    sums = out[["claimed_tetri", "computed_tetri", "difference_tetri", "claimed_unchecked_tetri"]].sum()
    assert sums.to_dict() == {
        "claimed_tetri": 95_000, "computed_tetri": 90_000, "difference_tetri": 5_000, "claimed_unchecked_tetri": 40_000,
    }  # fmt: skip
    assert out.claimed_tetri.sum() == int(report.total_claimed * 100)
    by = out.groupby("provider")[["claimed_tetri", "claimed_unchecked_tetri"]].sum()
    assert by.to_dict() == {
        "claimed_tetri": {"P1": 65_000, "P2": 30_000}, "claimed_unchecked_tetri": {"P1": 0, "P2": 40_000},
    }  # fmt: skip
    assert out.claimed.tolist()[2] is pd.NA and out.claimed_unchecked.tolist()[2] == "400.00"


def test_an_id_with_spaces_around_it_is_the_same_id_in_findings_explain_and_tables(tmp_path: Path) -> None:
    # review 12 #6: rows 2, 3 and 4 all bill A-01 for Nov 2021 (row 4 as "A-01 "): 30 x 20 = 600.00 each
    path = tmp_path / "inv.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        + "A-01,2021-11,2021-05-01,,no,600.00,2021-12-06\n" * 2
        + "A-01 ,2021-11,2021-05-01,,no,600.00,2021-12-06\n",
        encoding="utf-8",
    )
    report = audit_invoice(path)
    (double,) = report.findings.of_code("double-billing")
    assert double.rows == (2, 3, 4) and double.amount == Decimal("1800.00")  # 3 x 600.00
    assert [ln.row for ln in report.lines_of("A-01")] == [2, 3, 4] == [ln.row for ln in report.lines_of(" A-01 ")]
    assert report.explain("A-01").count("Line ") == 3
    assert {ln.beneficiary_id for ln in report.lines} == {"A-01"} == set(report.to_dataframe().beneficiary_id)


def test_a_blank_id_cell_is_nothing_in_every_input_form_and_language(tmp_path: Path) -> None:
    # review 12 #5: a blank beneficiary_id read "None (NoneType)" from an XLSX, "''" from a CSV
    header = ["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "claimed", "submitted_on"]
    cells = [None, "2021-11", "2021-05-01", None, "no", "600.00", "2021-12-06"]
    csv_path = tmp_path / "inv.csv"
    csv_path.write_text(",".join(header) + "\n" + ",".join(c or "" for c in cells) + "\n", encoding="utf-8")
    xlsx_path = tmp_path / "inv.xlsx"
    book = openpyxl.Workbook()
    book.active.append(header)
    book.active.append(cells)
    book.save(xlsx_path)
    frame = pd.DataFrame([cells], columns=header)
    for invoice in (csv_path, xlsx_path, frame):
        report = audit_invoice(invoice)
        (ln,) = report.lines
        assert (
            ln.reason_text("en") == "beneficiary_id: got nothing; expected an id (required: a blank cell names nobody)"
        )
        assert ln.reason_text("ka").startswith("„ბენეფიციარის კოდი“: მითითებულია არაფერი;")
        for lang in ("en", "ka"):
            for out in (
                report.to_text(lang),
                report.to_csv(lang=lang),
                report.to_html(lang=lang),
                report.explain(ln.row, lang),
            ):
                assert "None" not in out and "''" not in out


def test_a_claim_from_a_number_cell_is_written_with_two_decimals(tmp_path: Path) -> None:
    # review 12 #7: a number cell 600 read as Decimal("600") showed "claimed 600 GEL" in the
    # explanation. Nov 2021, whole month: 30 x 20 = 600.00 computed, 600 claimed: matches.
    path = tmp_path / "inv.xlsx"
    book = openpyxl.Workbook()
    book.active.append(
        ["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "claimed", "submitted_on"]
    )
    book.active.append(["A-01", "2021-11", dt.date(2021, 5, 1), None, "no", 600, dt.date(2021, 12, 6)])
    book.save(path)
    report = audit_invoice(path)
    (ln,) = report.lines
    assert ln.claimed == Decimal("600.00") and str(ln.claimed) == "600.00" and ln.verdict == "matches"
    explained = report.explain(2)
    assert "claimed 600.00 GEL, computed 600.00 GEL" in explained and "600 GEL" not in explained


def test_smaller_labels_of_review_12(tmp_path: Path) -> None:
    # review 12 #8. Nov 2021 is due Mon 6 Dec (5 Dec a Sunday); submitted Tue 7 Dec: 1 working
    # day late, 10% of 30 x 20 = 600.00 -> 60.00 deducted.
    report = audit_invoice([line("L-1", "2021-11", "600.00", "2021-12-07")])
    (late,) = report.findings
    assert late.amount == Decimal("60.00") and "1 working day late" in late.text("en")
    assert "1 working days" not in report.explain(1) + report.to_text()
    # the severity has one name: "info" in the data and in every table
    below = audit_invoice([line("U-1", "2021-11", "500.00")])  # 600.00 computed: 100.00 under
    assert below.findings[0].severity == "info" and re.search(r"^info +claim-below", below.to_text(), re.M)
    # the workbook: row numbers are numbers, the explanation column wraps
    path = tmp_path / "r.xlsx"
    audit_invoice(EVERY_KIND).to_xlsx(path)
    sheet = openpyxl.load_workbook(path)["Lines"]
    header = [c.value for c in sheet[1]]
    rows = [sheet.cell(r, 1).value for r in range(2, 13)]
    assert rows == list(range(1, 12))  # positions 1..11 of the list, as numbers
    assert sheet.cell(2, header.index("explanation") + 1).alignment.wrap_text
    # a facility audit's columns say "facility" and "component", not a person's id and name
    facility = audit_facility_invoice(
        example_path("facility_occupancy.csv"), example_path("facility_claims.csv"), daily_rate="25"
    )
    for lang, want in (("en", ["facility", "component"]), ("ka", ["დაწესებულების კოდი", "კომპონენტი"])):
        lines = facility.document(lang).tables[2]
        assert [c.header(lang) for c in lines.columns[1:3]] == want
    # no lari sign (U+20BE) in a report: a font without it draws a box
    bad = audit_invoice(
        pd.DataFrame([{"beneficiary_id": "B-1", "month": "2021-11", "enrolled_on": "", "discharged_on": "",
                       "disability": "no", "claimed": "abc", "submitted_on": "2021-12-06"}])
    )  # fmt: skip
    assert "\u20be" not in bad.to_html() + bad.to_html(lang="ka") and "lari sign" in bad.lines[0].reason
    # a reason writes money as the finding does: F-2 claimed 26,250.00 - 22,500.00 = 3,750.00 more
    assert facility.lines[2].reason_text("en") == "claimed 3,750.00 GEL more than computed"
    # an HTML chart's caption comes before its chart
    page = audit_invoice(EVERY_KIND).to_html()
    assert re.search(r"<figure id='by-month'><figcaption>[^<]+</figcaption><svg", page)


def test_explain_takes_the_label_the_table_shows_and_a_beneficiary_id_names_all_its_lines() -> None:
    frame = pd.DataFrame(
        [
            ["X", "2021-10", "", "", "no", "620.00", "2021-11-05"],
            ["X", "2021-11", "", "", "no", "600.00", "2021-12-06"],
        ],
        columns=["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "claimed", "submitted_on"],
        index=[40, 41],
    )
    report = audit_invoice(frame)
    assert [ln.row for ln in report.lines] == [40, 41]
    assert report.explain(41).startswith("Line 41, X: matches")
    both = report.explain("X")
    assert "Line 40, X" in both and "Line 41, X" in both  # 31 x 20 = 620 and 30 x 20 = 600
    with pytest.raises(vl.InvalidInput, match="line: got 0"):
        report.explain(0)
    assert audit_invoice(example_path("invoice.csv")).explain(4).startswith("Line 4, B-03")  # file row 4


def test_a_row_label_with_blanks_is_read_as_the_request_with_blanks_is(tmp_path: Path) -> None:
    # Review 281: beneficiary 3 on the rows labelled " 7" and " 9" (1-10 Nov 2021: 10 x 20 =
    # 200.00; 20-30 Nov: 11 x 20 = 220.00), beneficiary Y on the row labelled " 3" (30 x 20 =
    # 600.00), each claimed as computed and submitted on its deadline (Mon 6 Dec 2021).
    pd = pytest.importorskip("pandas")
    text = (
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "3,n,2021-11,2021-01-01,2021-11-10,no,200.00,2021-12-06\n"
        "Y,n,2021-11,2021-01-01,,no,600.00,2021-12-06\n"
        "3,n,2021-11,2021-11-20,,no,220.00,2021-12-06\n"
    )
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    report = audit_invoice(frame.set_axis(pd.Index([" 7", " 3", " 9"])))
    assert [str(ln.payable) for ln in report.lines] == ["200.00", "600.00", "220.00"]
    # F1: "3" is the row shown as 3 (its label " 3") or the id 3: refused, as " 3" beside a label
    # "3" is (280 F1); the id's lines were explained without a word
    for asked in ("3", "3 ", "\t3"):
        with pytest.raises(
            vl.InvalidInput, match=r"is the label of row ' 3' and the beneficiary id of the invoice of rows ' 7', ' 9'"
        ):
            report.explain(asked)
        assert report.line(asked, by="row").beneficiary_id == "Y"
        assert [ln.row for ln in report.lines_of(asked, by="id")] == [" 7", " 9"]
    assert report.line(" 3").beneficiary_id == "Y"  # (the very text of a label: that row)
    # F4: the text asked is shown as the refusal's "got" shows it, never raw (a newline split it)
    with pytest.raises(vl.InvalidInput) as caught:
        report.explain("3\n")
    assert "\n" not in caught.value.message("en") and "'3\\n' is the label of row ' 3'" in caught.value.message("en")
    assert "'3\\n' არის ' 3' სტრიქონის ნომერიც" in caught.value.message("ka")
    # F5: labels alike but for their blanks (" 3" and "3") are one label as the tables show it
    with pytest.raises(
        vl.InvalidInput, match=r"invoice\.index: got '3' \(str\); .*this one and ' 3' differ only by the blanks"
    ):
        audit_invoice(frame.set_axis(pd.Index([" 3", "3", "9"])))
    # F6: a whole number of more digits than Python writes names no line (a ValueError traceback),
    # nor does a fraction of one (review 283 F3)
    for by in (None, "row", "id"):
        with pytest.raises(vl.InvalidInput, match=r"^line: got <an int of about 5,001 digits>"):
            report.explain(10**5000, by=by)  # type: ignore[arg-type]
        with pytest.raises(vl.InvalidInput, match=r"^line: got <a Fraction"):
            report.explain(Fraction(10**5000), by=by)  # type: ignore[arg-type]
    # (review 283 F4) a row label a reader could take for another is quoted, as the text asked is
    odd = audit_invoice(frame.set_axis(pd.Index(["7", "\n3", "9\n"])))
    with pytest.raises(vl.InvalidInput) as caught:
        odd.explain("3")
    assert "\n" not in caught.value.message("en")
    assert "is the label of row '\\n3' and the beneficiary id of the invoice of rows 7, '9\\n'" in caught.value.message(
        "en"
    )
    with pytest.raises(vl.InvalidInput, match=r"this one and ' 3' differ only by the blanks"):
        audit_invoice(frame.set_axis(pd.Index([np.str_(" 3"), "3", "9"], dtype=object)))
    # F3: a line of another report is refused, not explained with this report's findings of its
    # row label (the same three lines indexed 0, 1, 2: beneficiary 3 billed twice in the month)
    other = audit_invoice(frame)
    with pytest.raises(vl.InvalidInput, match=r"^line: got ' 3' \(str\); expected a line of this report"):
        other.explain(report.lines[1])
    with pytest.raises(vl.InvalidInput, match=r"expected a line of this report"):
        other.explanation(report.lines[1])
    assert report.explain(report.lines[1]) == report.explain(" 3")
    assert other.explain(pickle.loads(pickle.dumps(other.lines[1]))) == other.explain(1)  # (a copy is its line)


def test_a_text_label_that_is_a_row_and_another_lines_id_is_refused_unless_by_says_which(tmp_path: Path) -> None:
    # Review 275 F1: beneficiaries numbered 1, 2 on the file's rows 2, 3; explain("2"), the row label
    # the JSON and CSV tables show as text, gave beneficiary 2's line on row 3. Beneficiary 1: 30
    # days x 20 = 600.00, claimed 600.00, matches; beneficiary 2 (status): 30 x 30 = 900.00, claimed
    # 990.00, over-claimed.
    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "1,2021-11,,,no,600.00,2021-12-06\n"
        "2,2021-11,,,yes,990.00,2021-12-06\n",
        encoding="utf-8",
    )
    report = audit_invoice(path)
    with pytest.raises(
        vl.InvalidInput, match=r"^line: got '2' .*the label of row 2 and the beneficiary id .* row 3; say which"
    ) as e:
        report.explain("2")
    assert "2 სტრიქონის ნომერიც და ინვოისის ბენეფიციარის კოდიც (სტრიქონი 3)" in e.value.message("ka")  # (276 F5)
    import numpy as np

    class Label(str):
        pass

    for label in (np.str_("2"), Label("2")):  # (the plain text it holds, D43: review 276 F1 took the id's line)
        with pytest.raises(vl.InvalidInput, match=r"the label of row 2"):
            report.explain(label)
        assert report.line(label, by="row").row == 2
    assert report.line(2, by="id").row == 3 == report.line(np.int64(2), by="id").row  # (the id "2": 277 F5)
    with pytest.raises(vl.InvalidInput, match=r"expected a row label the report shows, or a beneficiary id") as e:
        report.line("X")
    assert "ანგარიშის სტრიქონის ნომერი" in e.value.message("ka")
    # an id on two rows names both (review 277 F1: "row 3's label and the id on row 3")
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "1,2021-11,,,no,600.00,2021-12-06\n3,2021-11,,,no,600.00,2021-12-06\n3,2021-12,,,no,620.00,2022-01-10\n",
        encoding="utf-8",
    )
    with pytest.raises(
        vl.InvalidInput, match=r"'3' is the label of row 3 and the beneficiary id of the invoice of rows 3, 4;"
    ):
        audit_invoice(path).explain("3")
    with pytest.raises(
        vl.InvalidInput, match=r"expected a beneficiary id of the invoice$"
    ):  # (278 F5; F1: no TypeError)
        audit_invoice(path).explain(np.array([3]), by="id")  # type: ignore[arg-type]
    with pytest.raises(vl.InvalidInput, match=r"expected a row label the report shows$"):  # (279 F3: no id offered)
        audit_invoice(path).explain("X", by="row")
    with pytest.raises(
        vl.InvalidInput, match=r"' 3' is the label of row 3"
    ):  # (" 3": the row's number as the id: 279 F4)
        audit_invoice(path).explain(" 3")
    # a frame's whole-number labels are whole numbers, held by numpy or in a nullable Int64 index
    # alike (review 279 F1: the Int64 index's were made text, "3" taken as row 3 without a word)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for index in (pd.Index([2, 3, 4], dtype="Int64"), pd.Index([2, 3, 4], dtype="int64")):
        framed = audit_invoice(frame.set_axis(index))
        assert [type(ln.row) for ln in framed.lines] == [int, int, int]
        with pytest.raises(vl.InvalidInput, match=r"'3' is the label of row 3"):
            framed.explain("3")
    # text labels (a frame read with dtype=str and its index so): " 3" is row "3" or the id (280 F1)
    texts = audit_invoice(frame.set_axis(pd.Index(["2", "3", "4"])))
    assert texts.explain("3").startswith("Line 3, 3")  # (that very text: the row's)
    with pytest.raises(vl.InvalidInput, match=r"' 3' is the label of row 3"):
        texts.explain(" 3")
    assert report.explain("2", by="row").startswith("Line 2, 1: matches")
    assert report.explain("2", by="id").startswith("Line 3, 2: over-claimed") == report.explain(3).startswith("Line 3")
    assert report.line("3").row == 3  # (no beneficiary 3: the row; no row 1: the beneficiary)
    assert report.line("1").row == 2 and report.line(2, by="row").beneficiary_id == "1"
    with pytest.raises(vl.InvalidInput, match=r"^by: got 'line'"):
        report.line("1", by="line")  # type: ignore[arg-type]


def test_the_workbook_has_styles_frozen_filtered_headers_number_formats_sheets_and_highlights(tmp_path: Path) -> None:
    report = audit_invoice(example_path("invoice.csv"))
    report.to_xlsx(tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["Summary", "Findings", "Lines"]
    lines = book["Lines"]
    assert lines.freeze_panes == "A2" and lines.auto_filter.ref.startswith("A1:")
    header = [c.value for c in lines[1]]
    assert header[:4] == ["row", "beneficiary", "name", "month"] and header[-1] == "explanation"
    assert lines["A1"].font.b and lines["A1"].fill.fgColor.rgb.endswith("1F4E79")
    claimed = header.index("claimed") + 1
    assert (
        lines.cell(row=2, column=claimed).number_format == "#,##0.00" and lines.cell(row=2, column=claimed).value == 600
    )
    fills = {r: lines.cell(row=r, column=1).fill.fgColor.rgb for r in range(2, 11)}
    plain = fills[2]  # B-01 matches, no finding
    flagged = [r for r, f in fills.items() if f != plain]
    assert flagged == [4, 5, 8, 9, 10]  # B-03 over, B-04 under, B-07/B-08 not checked, B-09 not funded
    assert "10 days without disability status" in lines.cell(row=4, column=len(header)).value
    assert lines.column_dimensions["E"].width > 6  # widths fitted to the text
    # the header, the 5 findings and, after a blank row, the acts their provisions are in, named
    # once (review 65: the text view cut each cell's provision out)
    findings = book["Findings"]
    assert findings.max_row == 1 + 5 + 1 + 2
    assert findings["A8"].value.startswith("the provisions cited are of the State Program approved by")
    assert findings["A9"].value == '"as worded by" and "as added by" name Government Decree No. 467 of 15 Sep 2021'
    provision = [c.value for c in findings[1]].index("provision") + 1
    assert findings.cell(row=2, column=provision).value.startswith("Annex 2.12, Art. 4, para 5, as worded by")
    report.to_xlsx(tmp_path / "ka.xlsx", lang="ka")
    ka = openpyxl.load_workbook(tmp_path / "ka.xlsx")
    assert ka.sheetnames == ["შეჯამება", "მიგნებები", "სტრიქონები"]
    assert ka["სტრიქონები"]["A1"].value == "სტრიქონი"


LATIN_WORD = re.compile(r"[A-Za-z]+")
IDENTIFIER = re.compile(r"\{[^}]*\}|\b[RD]\d+\b|'[^']*'|\bICD-10\b|\b[A-Za-z_][A-Za-z0-9_]*(?=\(|=)")
"""What a Georgian text may hold in Latin letters: its fields, decision and rule ids, quoted
literals (what a user types: 'YYYY-MM-DD', 'yes', 'shelter'), the name of the ICD-10
classification, as the decree writes it (review 152 F10), and code as Python writes it, a
call's name or a keyword argument (review 207 F4: quoted, it read 'Decimal'('2125'))."""


def test_every_message_has_a_georgian_text_with_no_latin_word() -> None:
    for key in phrase_keys():
        ka = phrase("ka", key)
        assert ka.strip(), key
        assert not LATIN_WORD.findall(IDENTIFIER.sub("", ka)), (key, ka)


def test_a_georgian_report_says_every_word_in_georgian() -> None:
    report = audit_invoice(example_path("invoice.csv"))
    for ln in report.lines:
        text = ln.verdict_text("ka") + " " + ln.reason_text("ka").replace("'maybe'", "")
        assert not LATIN_WORD.findall(re.sub(r"'[^']*'", "", text)), text
    explained = report.explain(4, lang="ka")  # the deadline fell on a Sunday
    assert "კვირა" in explained and "Sunday" not in explained
    facility = audit_facility_invoice(
        example_path("facility_occupancy.csv"), example_path("facility_claims.csv"), daily_rate="25"
    )
    text = facility.explain(2, lang="ka")  # the city is an identifier of the limit table
    assert "თავშესაფარი" in text and not LATIN_WORD.findall(re.sub(r"F-\d|\b[RD]\d+\b|tbilisi", "", text)), text


def test_the_facility_audit_has_findings_and_totals_that_add_up() -> None:
    report = audit_facility_invoice(
        example_path("facility_occupancy.csv"), example_path("facility_claims.csv"), daily_rate="25"
    )
    # claimed 10,500 + 1,500 + 26,250 + 750 = 39,000; computed 10,500 + 1,200 + 22,500 + 750 = 34,950
    assert (report.total_claimed, report.total_computed, report.total_difference) == (
        Decimal("39000.00"), Decimal("34950.00"), Decimal("4050.00"),
    )  # fmt: skip
    assert sorted((f.code, f.rows, f.amount) for f in report.findings) == [
        ("claim-above", (2,), Decimal("300.00")), ("claim-above", (3,), Decimal("3750.00")),
    ]  # fmt: skip
    assert report.findings[0].citation is not None and report.findings[0].citation.annex == "2.8"
    assert [c.name for c in report.charts()] == ["by-month", "by-provider", "deductions"]


def test_a_facility_finding_lands_on_its_own_line_not_on_the_other_line_of_its_row() -> None:
    # review 12 #2: both lines of a facility-month share a row. Row 2 (F-1): children 10,500
    # claimed = 420 paid child-days x 25 (matches); unfilled 1,500 claimed, 120 place-days x 10 =
    # 1,200 computed: 300 over. Row 3 (F-2): children 26,250 claimed, 900 x 25 = 22,500: 3,750 over;
    # unfilled 750 = 150 x 5 (matches).
    report = audit_facility_invoice(
        example_path("facility_occupancy.csv"), example_path("facility_claims.csv"), daily_rate="25"
    )
    assert {(f.rows, f.part, f.amount) for f in report.findings} == {
        ((2,), "unfilled places", Decimal("300.00")), ((3,), "children served", Decimal("3750.00")),
    }  # fmt: skip
    explained = report.explain(2).split("\n\nLine ")
    assert len(explained) == 2 and "children served: matches" in explained[0] and "!" not in explained[0]
    assert "! F-1 (unfilled places), 2021-09: claimed 300.00 GEL more" in explained[1]
    explained = report.explain(3).split("\n\nLine ")
    assert "! F-2 (children served), 2021-09: claimed 3,750.00 GEL more" in explained[0] and "!" not in explained[1]
    lines = report.document().tables[2]
    assert [(row["row"], lines.style(i)) for i, row in enumerate(lines.rows)] == [
        (2, None), (2, "over"), (3, "over"), (3, None),
    ]  # fmt: skip


def test_a_facility_month_claimed_twice_is_double_billing(tmp_path: Path) -> None:
    claims = tmp_path / "claims.csv"
    row = "F-1,2021-09,10500.00,1200.00\n"  # as worked out in test_audit.py: both match
    claims.write_text("facility_id,month,claimed_children,claimed_unfilled\n" + row + row, encoding="utf-8")
    report = audit_facility_invoice(example_path("facility_occupancy.csv"), claims, daily_rate="25")
    double = report.findings.of_code("double-billing")
    assert len(double) == 1 and double[0].rows == (2, 3)


def test_the_html_report_from_the_command_line_is_one_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["audit", "--example", "-o", str(out), "--exit-zero", "--lang", "ka"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 3 and "http://" not in page.replace("http://www.w3.org/2000/svg", "").replace(
        "http://example.invalid", ""
    )
    assert "<script" not in page and "<link" not in page and "შეჯამება" in page


def test_the_causes_of_what_is_claimed_but_not_payable_add_up_to_it(tmp_path: Path) -> None:
    # Review 267 F1: the chart counted the deduction from the amount computed whatever the claim:
    # a claim of 558.00 for 620.00 one day late (all of it payable) showed 62.00 "claimed but not
    # payable", a claim of 0.00 for a month not funded 620.00. October 2021 in full: 31 x 20.00 =
    # 620.00; due Fri 5 Nov; Mon 8 Nov is 1 working day late (558.00 payable), Mon 15 Nov 6 (8-12,
    # 15 Nov: not funded). By hand, what of each claim is not payable, and why:
    #   A 620.00 on 8 Nov: 62.00 late; A again 500.00: 500.00 already billed; B 0.00 on 15 Nov:
    #   nothing; C 558.00 on 8 Nov: nothing; D 700.00 on 15 Nov: 80.00 over the 620.00 computed,
    #   620.00 not funded; E 600.00 on 8 Nov: 42.00 late (600.00 - 558.00).
    # late 62 + 42 = 104.00; not funded 620.00; over 80.00; already billed 500.00: 1,304.00 in all,
    # the claims 2,978.00 less the 1,674.00 of them payable (558 + 558 + 558).
    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "A,2021-10,,,no,620.00,2021-11-08\nA,2021-10,,,no,500.00,2021-11-08\nB,2021-10,,,no,0.00,2021-11-15\n"
        "C,2021-10,,,no,558.00,2021-11-08\nD,2021-10,,,no,700.00,2021-11-15\nE,2021-10,,,no,600.00,2021-11-08\n",
        encoding="utf-8",
    )
    report = audit_invoice(path)
    chart = report.charts()[2]
    bars = dict(zip(chart.categories, chart.series[0][1], strict=True))
    assert bars == {
        "late submission": Decimal("104.00"), "not funded (late)": Decimal("620.00"),
        "claimed above the rules": Decimal("80.00"), "already billed on another row": Decimal("500.00"),
        "lines not checked": Decimal("0.00"),
    }  # fmt: skip
    assert sum(bars.values()) == report.total_claimed - report.total_payable == Decimal("1304.00")


def test_lines_of_no_provider_beside_named_ones_are_drawn_as_of_no_provider(tmp_path: Path) -> None:
    # Review 267 F4: a line with a blank provider cell was drawn as "the invoice" beside Alpha and
    # Beta, which reads as the invoice's whole. October 2021 in full, in time: 31 x 20.00 = 620.00 each.
    path = tmp_path / "invoice.csv"
    head = "beneficiary_id,provider,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
    rows = "A,Alpha,2021-10,,,no,620.00,2021-11-05\nB,,2021-10,,,no,620.00,2021-11-05\nC,Beta,2021-10,,,no,620.00,2021-11-05\n"
    path.write_text(head + rows, encoding="utf-8")
    for lang, unnamed in (("en", "(no provider)"), ("ka", "(მიმწოდებელი მითითებული არ არის)")):
        chart = audit_invoice(path).charts(lang)[1]
        assert sorted(chart.categories) == sorted(["Alpha", unnamed, "Beta"])
        assert chart.series[0][1] == (Decimal("620.00"),) * 3
    # no provider named on any line: the invoice's whole, as before
    path.write_text(head + rows.replace("Alpha", "").replace("Beta", ""), encoding="utf-8")
    assert audit_invoice(path).charts()[1].categories == ("the invoice",)
    # review 268 F3: the one provider named is on a line not checked (no month 13): the checked
    # lines are still of no provider, not the invoice's whole
    path.write_text(
        head + "A,Alpha,2021-13,,,no,620.00,2021-11-05\nB,,2021-10,,,no,620.00,2021-11-05\n", encoding="utf-8"
    )
    assert audit_invoice(path).charts()[1].categories == ("(no provider)",)


def test_plot_draws_the_three_charts() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    fig = audit_invoice(example_path("invoice.csv")).plot()
    assert [ax.get_title() for ax in fig.axes] == [
        "Claimed and payable by month, GEL", "Claimed and payable by provider, GEL",
        "Claimed but not payable, by cause, GEL",
    ]  # fmt: skip


def test_plot_draws_the_same_charts_whatever_the_callers_decimal_context() -> None:
    # Review 133 F5: the axes' room was computed in the caller's context: one of 2 digits that
    # traps Inexact raised decimal.Inexact, one that rounds down narrowed the axes. The example's
    # first chart: claimed 3,170.00 and payable 2,850.00 over its months; the axes run to the
    # longest bar and a quarter more.
    pytest.importorskip("matplotlib")
    import decimal

    import matplotlib

    matplotlib.use("Agg")
    report = audit_invoice(example_path("invoice.csv"))
    limits = [ax.get_xlim() for ax in report.plot().axes]
    for context in (
        decimal.Context(prec=2, rounding=decimal.ROUND_DOWN),
        decimal.Context(prec=2, traps=[decimal.Inexact, decimal.Rounded]),
    ):
        with decimal.localcontext(context):
            assert [ax.get_xlim() for ax in report.plot().axes] == limits


@pytest.mark.parametrize("lang", ["en", "ka"])
def test_plot_keeps_value_labels_inside_the_axes_and_the_legend_off_the_bars(lang: str) -> None:
    # review 12 #8: "6,753.33" ran past the axes, the legend covered bars, a ka label was clipped
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    fig = audit_invoice(EVERY_KIND).plot(lang)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    for ax in fig.axes:
        frame = ax.get_window_extent(renderer)
        bars = [p.get_window_extent(renderer) for p in ax.patches]
        for text in ax.texts:  # the value labels
            box = text.get_window_extent(renderer)
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1, (ax.get_title(), text.get_text())
        legend = ax.get_legend()
        if legend is not None:
            box = legend.get_window_extent(renderer)
            assert not any(box.overlaps(b) for b in bars) and box.x1 <= page.x1
        for label in ax.get_yticklabels():
            box = label.get_window_extent(renderer)
            assert box.x0 >= page.x0 and box.x1 <= page.x1, label.get_text()


def test_plot_without_matplotlib_names_the_extra_in_either_language(monkeypatch: pytest.MonkeyPatch) -> None:
    # review 35: a plain VoucherError, English under lang="ka"; a MissingExtra now, an ImportError too
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(vl.MissingExtra) as info:
        audit_invoice(example_path("invoice.csv")).plot("ka")
    assert isinstance(info.value, ImportError)
    assert str(info.value) == "drawing charts needs matplotlib: pip install 'voucherlib[plot]'"
    assert info.value.message("ka") == "დიაგრამების დასახაზად საჭიროა matplotlib: pip install 'voucherlib[plot]'"


def test_a_facility_rows_reason_is_noted_once_under_the_table_and_its_two_claims_stay_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # row 2 (F-1, September 2021) has occupancy for 1 of its 30 days; row 3's month 2021-13 does
    # not read: each row's two claims (children served, unfilled places) are two lines not checked,
    # 10,500 + 1,500 + 1 + 2 = 12,003.00 GEL claimed on them, and each row's reason is noted once
    occupancy = tmp_path / "occupancy.csv"
    occupancy.write_text("facility_id,city,service,limit,date,children_served\nF-1,tbilisi,shelter,20,2021-09-01,18\n")
    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-1,2021-09,10500.00,1500.00\nF-2,2021-13,1.00,2.00\n"
    )
    assert main(["audit-facility", str(occupancy), str(claims), "--daily-rate", "25"]) == 1
    out = capsys.readouterr().out
    assert out.count("row 2: occupancy: got 'F-1 2021-09'") == 1
    assert out.count("row 3: month: got '2021-13'") == 1
    assert "not checked: 4 lines claiming 12,003.00 GEL" in out


@pytest.mark.parametrize(
    ("lang", "provision"),
    [("en", "Annex 2.12, Art. 4, para 5, as worded by"), ("ka", "№2.12 დანართის მე-4 მუხლის მე-5 პუნქტი (")],
)
def test_the_text_view_shows_each_findings_provision_and_names_the_acts_once(
    lang: str, provision: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 65: a provision cell cut in the middle kept the act's name and the amending
    # sub-paragraph and dropped Annex 2.12, Art. 4, para 5 (in Georgian, where the act comes
    # first, it appeared nowhere); now the cell starts with the provision, cut at its end, and the
    # acts are named once under the table
    from voucherlib.cli import main

    assert main(["audit", "--example", "--lang", lang, "--exit-zero"]) == 0
    out = capsys.readouterr().out
    findings = out[out.index(say(lang, "summary.findings") + "\n") :]
    findings = findings[: findings.index("\n\n")]
    # the title, the header, the rule, then the 5 findings (a long description goes on over the
    # lines under its row, which start with spaces)
    rows = [line for line in findings.splitlines()[3:] if not line.startswith(" ")][:5]
    assert len(rows) == 5 and all(provision in row for row in rows)
    assert say(lang, "tables.acts_cited", act="")[:12] in findings


@pytest.mark.parametrize(("city", "served"), [("gori", 2), ("batumi", 2), ("tbilisi", 2)])
def test_a_finding_on_the_callers_rate_cites_no_provision_and_names_d13(tmp_path: Path, city: str, served: int) -> None:
    """Review 117 F4: a shelter's children served, paid at the rate the caller gave (no cap, or a
    cap that never binds: 2 children a day), were over-claimed and the finding cited the cap of
    Annex 2.8, Art. 6, para 4(g) (R4), which played no part (Gori has no cap). By hand: 2 children
    x 31 days x 25.00 = 1,550.00; claimed 1,600.00: 50.00 over. The finding cites no provision
    and names D13 (no daily rate is invented: it is the caller's)."""
    days = [dt.date(2021, 10, 1) + dt.timedelta(days=k) for k in range(31)]
    (tmp_path / "occ.csv").write_text(
        "facility_id,city,service,limit,date,children_served\n"
        + "".join(f"H-3,{city},shelter,12,{d.isoformat()},{served}\n" for d in days),
        encoding="utf-8",
    )
    (tmp_path / "claims.csv").write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nH-3,2021-10,1600.00,\n", encoding="utf-8"
    )
    report = audit_facility_invoice(tmp_path / "occ.csv", tmp_path / "claims.csv", daily_rate="25")
    (finding,) = [f for f in report.findings if f.code == "claim-above"]
    assert finding.amount == Decimal("50.00") and finding.part == "children served"
    assert finding.citation is None and finding.decision == "D13"


def test_a_facility_whose_id_is_refused_in_both_files_is_billed_no_twice(tmp_path: Path) -> None:
    # review 170 F3: F-2 written with a zero-width space in the occupancy file and the claims file
    # is refused in both (D37); its claim row and the occupancy file's line of its month (which no
    # claim bills) were taken for two bills of one facility-month: "billed 2 times"
    files = []
    for name in ("facility_occupancy.csv", "facility_claims.csv"):
        text = Path(example_path(name)).read_text(encoding="utf-8").replace("\nF-2,", "\nF-2\u200b,")
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    report = audit_facility_invoice(*files, daily_rate="25")
    assert not report.findings.of_code("double-billing")
    refused = [ln for ln in report.lines if ln.beneficiary_id == "F-2\u200b"]
    assert refused and all(ln.verdict == "invalid" for ln in refused)
    # the refusal says what two such ids would be: two facilities
    assert "would be two facilities" in refused[0].reason
    assert "ორ დაწესებულებას აღნიშნავდა" in refused[0].reason_text("ka")


def test_an_occupancy_rows_refusal_names_its_row_once(tmp_path: Path) -> None:
    # review 172 F3: "row 4 of the occupancy file: row 4: date: ..." (the line's label is its row)
    occupancy = tmp_path / "occupancy.csv"
    text = Path(example_path("facility_occupancy.csv")).read_text(encoding="utf-8")
    assert text.count("F-1,tbilisi,shelter,20,2021-09-03,") == 1
    occupancy.write_text(text.replace("F-1,tbilisi,shelter,20,2021-09-03,", "F-1,tbilisi,shelter,20,2021-09-31,"))
    report = audit_facility_invoice(occupancy, example_path("facility_claims.csv"), daily_rate="25")
    line = next(ln for ln in report.lines if ln.part == "occupancy")
    assert str(line.row) == "4 of the occupancy file"
    assert line.reason.startswith("date: got '2021-09-31'")
    assert "row 4 of the occupancy file: date: got '2021-09-31'" in report.to_text()


def test_a_facility_audits_frame_keeps_its_claim_rows_numbers_beside_an_occupancy_label(tmp_path: Path) -> None:
    # review 172 F2: with one occupancy line ("4 of the occupancy file") every row became text,
    # and frame[frame.row == 2] found nothing; and explain(4) spoke of a beneficiary id
    occupancy = tmp_path / "occupancy.csv"
    text = Path(example_path("facility_occupancy.csv")).read_text(encoding="utf-8")
    occupancy.write_text(text.replace("F-1,tbilisi,shelter,20,2021-09-03,", "F-1,tbilisi,shelter,20,2021-09-31,"))
    report = audit_facility_invoice(occupancy, example_path("facility_claims.csv"), daily_rate="25")
    frame = report.to_dataframe()
    # the claims' rows as numbers, an occupancy line's rows in a column of their own (review 173
    # F-F1: a column of numbers and text could not be written to Parquet or Arrow)
    assert frame["row"].tolist()[:4] == [2, 2, 3, 3] and frame["row"].isna().tolist() == [False] * 4 + [True]
    assert frame["occupancy_rows"].tolist() == [""] * 4 + ["4 of the occupancy file"]
    assert len(frame[frame["row"] == 2]) == 2  # (row 2's two components: children served, unfilled places)
    pa = pytest.importorskip("pyarrow")
    assert pa.Table.from_pandas(frame).num_rows == 5
    with pytest.raises(vl.InvalidInput, match=r"such as '4 of the occupancy file'\), or a facility id"):
        report.explain(4)
    assert report.explain("4 of the occupancy file").startswith("Line 4 of the occupancy file, F-1 occupancy: invalid")


def test_a_facility_id_that_is_also_a_row_names_the_claims_rows_and_the_occupancy_rows_apart(tmp_path: Path) -> None:
    # Review 279 F2 / 280 F2: facility "2" has six claims (rows 4-9 of the claims file, after the
    # example's F-1 on row 2 and F-2 on row 3) and a month of occupancy with no claim (rows 62-91
    # of the occupancy file, one line). "2" is also row 2's label, so it is refused as naming two;
    # the refusal said "(7 in all)" (six rows and a line of thirty), joined the claims' rows with
    # "; ", and called the id "the facility id of the claims" of a facility with no claim.
    occupancy, claims = tmp_path / "occupancy.csv", tmp_path / "claims.csv"
    days = "".join(f"2,batumi,day_centre,40,2021-09-{d:02d},35\n" for d in range(1, 31))
    occupancy.write_text(Path(example_path("facility_occupancy.csv")).read_text(encoding="utf-8") + days)
    months = "".join(f"2,2021-{m:02d},100.00,0.00\n" for m in range(1, 7))
    claims.write_text(Path(example_path("facility_claims.csv")).read_text(encoding="utf-8") + months)
    report = audit_facility_invoice(occupancy, claims, daily_rate="25")
    with pytest.raises(vl.InvalidInput) as caught:
        report.explain("2")
    assert (
        "'2' is the label of row 2 and the facility id of rows 4, 5, 6, 7, 8, ... (6 in all);"
        " rows 62, 63, 64, 65, 66, ... of the occupancy file; say which" in caught.value.message("en")
    )
    assert (
        "დაწესებულების კოდიც (სტრიქონები 4, 5, 6, 7, 8, ... (სულ 6);"
        " სტრიქონები 62, 63, 64, 65, 66, ... (დატვირთვის ფაილი))" in caught.value.message("ka")
    )
    # with no claim of the facility: its occupancy line alone, one of thirty rows ("rows")
    alone = audit_facility_invoice(occupancy, example_path("facility_claims.csv"), daily_rate="25")
    with pytest.raises(
        vl.InvalidInput, match=r"the facility id of rows 62, 63, 64, 65, 66, \.\.\. of the occupancy file; say"
    ):
        alone.explain("2")
    assert alone.explain("2", by="id").startswith("Line 62, 63, 64, 65, 66, ... of the occupancy file, 2 occupancy")
    # read back from its JSON data, the line's label is said in Georgian as the live line's is
    # (review 277 F6: "სტრიქონი 62, ... of the occupancy file")
    (line,) = alone.lines_of("2", by="id")
    back = vl.AuditLine.from_dict(json.loads(json.dumps(line.to_dict())))
    said = "სტრიქონი 62, 63, 64, 65, 66, ... (დატვირთვის ფაილი), 2 დატვირთვა"
    assert line.explain("ka").startswith(said) and back.explain("ka").startswith(said)
    assert back.to_dict() == line.to_dict()
    # its finding says "rows" of thirty rows (review 283 F5: "row 62, 63, ...", in Georgian too)
    (finding,) = [f for f in alone.findings if f.code == "not-checked"]
    assert finding.text("en").startswith("rows 62, 63, 64, 65, 66, ... of the occupancy file (2 (occupancy)) could not")
    assert finding.text("ka").startswith("სტრიქონები 62, 63, 64, 65, 66, ... (დატვირთვის ფაილი) (2 (დატვირთვა))")
    # four months of occupancy with no claim: the first three named, then how many in all (283 F5)
    months = "".join(f"2,batumi,day_centre,40,2021-{m:02d}-0{d},35\n" for m in (9, 10, 11, 12) for d in (1, 2))
    occupancy.write_text(Path(example_path("facility_occupancy.csv")).read_text(encoding="utf-8") + months)
    four = audit_facility_invoice(occupancy, example_path("facility_claims.csv"), daily_rate="25")
    with pytest.raises(vl.InvalidInput) as caught:
        four.explain("2")
    assert (
        "the facility id of rows 62, 63 of the occupancy file; rows 64, 65 of the occupancy file;"
        " rows 66, 67 of the occupancy file, ... (4 facility-months of the occupancy file in all); say which"
    ) in caught.value.message("en")
    # a bad index of the occupancy frame is named by its argument (review 283 F6: "file.index")
    frame = pd.read_csv(occupancy, dtype=str, keep_default_na=False)
    with pytest.raises(vl.InvalidInput, match=r"^occupancy\.index: got '1' \(str\)"):
        audit_facility_invoice(
            frame.set_axis([" 1", *map(str, range(1, len(frame)))]), example_path("facility_claims.csv")
        )


def test_the_frames_needs_attention_marks_a_matching_line_deducted_for_lateness() -> None:
    # Review 204 F3: the notebook's filter on the verdict left out a line that matches its claim
    # but was deducted for a late document. By hand: December 2021 with status, 31 x 30 =
    # 930.00; due 5 Jan 2022, rolled past the declared days off of 3-6 Jan, Christmas (7 Jan) and
    # the weekend to Mon 10 Jan; given Wed 12 Jan: 2 working days late (11, 12), 20% = 186.00
    # deducted, 744.00 payable. The claim of 930.00 is compared with the amount before the
    # deduction (D46): matches. B-2 claims 620.00 of 600.00 (November, 30 x 20, in time): over.
    report = vl.audit_invoice(
        [
            vl.InvoiceLine(
                beneficiary_id="B-1", month="2021-12", disability=True, claimed="930.00", submitted_on="2022-01-12"
            ),
            vl.InvoiceLine(beneficiary_id="B-2", month="2021-11", claimed="620.00", submitted_on="2021-12-06"),
        ]
    )
    frame = report.to_dataframe()
    assert frame.verdict.tolist() == ["matches", "over-claimed"]
    assert frame.deducted.tolist() == ["186.00", "0.00"] and frame.payable.tolist() == ["744.00", "600.00"]
    assert frame.needs_attention.dtype == bool and frame.needs_attention.tolist() == [True, True]
    assert list(frame.columns).index("needs_attention") == list(frame.columns).index("verdict") + 1
    assert frame[frame.needs_attention].beneficiary_id.tolist() == ["B-1", "B-2"]


def test_a_line_without_an_id_is_not_named_by_empty_parentheses() -> None:
    # Review 204 F6: "row 2 () could not be checked"
    frame = pd.DataFrame(
        {"beneficiary_id": [""], "month": ["2021-11"], "enrolled_on": [""], "discharged_on": [""],
         "disability": ["no"], "claimed": ["600.00"], "submitted_on": ["2021-12-06"]}
    )  # fmt: skip
    (finding,) = [f for f in vl.audit_invoice(frame).findings if f.code == "not-checked"]
    assert finding.text("en").startswith("row 0 could not be checked: beneficiary_id: got")
    assert finding.text("ka").startswith("სტრიქონი 0 ვერ შემოწმდა: ")


def test_a_claim_compared_before_a_late_deduction_names_d46() -> None:
    # Review 203 F1: a claim of the payable amount on a late line was "less than computed" with
    # no decision named, where the comparison rests on D46 (the claim against the amount before
    # the deduction). By hand: November 2021 with status, 30 x 30 = 900.00, due Mon 6 Dec; given
    # Tue 7 Dec, 1 working day late: 10%, 90.00 deducted, 810.00 payable; a claim of 810.00 is
    # 90.00 below the 900.00 computed. B-2 in time (600.00, claimed 580.00): no D46.
    report = vl.audit_invoice(
        [
            vl.InvoiceLine(
                beneficiary_id="B-1", month="2021-11", disability=True, claimed="810.00", submitted_on="2021-12-07"
            ),
            vl.InvoiceLine(beneficiary_id="B-2", month="2021-11", claimed="580.00", submitted_on="2021-12-06"),
        ]
    )
    below = {f.beneficiary_id: f for f in report.findings if f.code == "claim-below"}
    assert below["B-1"].amount == Decimal("90.00") and below["B-1"].decision == "D46"
    assert below["B-2"].amount == Decimal("20.00") and below["B-2"].decision is None
    first, second = (ln.trace() for ln in report.lines)
    assert first.children[-1].key == "audit.difference" and first.children[-1].decisions == ("D46",)
    assert "(D46)" in first.children[-1]._line("en") and second.children[-1].decisions == ()


def test_a_facility_claim_without_an_id_is_not_named_by_its_part_alone(tmp_path: Path) -> None:
    # Review 205 F4: "row 2 ( (children served)) could not be checked"
    from voucherlib.cli import example_path

    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\n,2021-09,10500.00,1500.00\n", encoding="utf-8"
    )
    report = vl.audit_facility_invoice(example_path("facility_occupancy.csv"), claims, daily_rate=10)
    texts = [f.text("en") for f in report.findings if f.code == "not-checked" and f.rows == (2,)]
    assert texts and all(t.startswith("row 2 could not be checked: facility_id: got") for t in texts)


def test_a_line_an_error_or_a_warning_concerns_needs_attention_and_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 206 F1: B-01 billed on two lines for the same days (double billing, overlapping
    # stays) and B-02 under two ids alike matched their claims, so needs_attention was False and
    # `audit --explain` explained none of them. By hand: B-01 row 2, 1-10 Nov = 10 x 20 = 200.00;
    # row 3, 5-30 Nov = 26 x 20 = 520.00 (5-10 Nov on both); B-02/b-02, 30 x 20 = 600.00 each;
    # B-03 in time, 600.00, matches with nothing else to say.
    from voucherlib.cli import main

    path = tmp_path / "dbl.csv"
    path.write_text(
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "B-01,A,2021-11,2021-05-01,2021-11-10,no,200.00,2021-12-06\n"
        "B-01,A,2021-11,2021-11-05,,no,520.00,2021-12-06\n"
        "B-02,B,2021-11,2021-05-01,,no,600.00,2021-12-06\n"
        "b-02,B,2021-11,2021-05-01,,no,600.00,2021-12-06\n"
        "B-03,C,2021-11,2021-05-01,,no,600.00,2021-12-06\n",
        encoding="utf-8",
    )
    report = vl.audit_invoice(path)
    frame = report.to_dataframe()
    assert frame.verdict.tolist() == ["matches"] * 5 and frame.payable.tolist()[:2] == ["200.00", "520.00"]
    assert report.needing_attention() == (True, True, True, True, False)
    assert frame.needs_attention.tolist() == [True, True, True, True, False]
    assert main(["audit", str(path), "--explain", "--exit-zero", "-q"]) == 0
    # (the text's explanations: one block per line that needs attention, rows 2 to 5)
    out = capsys.readouterr().out
    assert re.findall(r"^row ([0-9]+):$", out, re.M) == ["2", "3", "4", "5"]


def test_a_bar_of_the_causes_chart_says_amount_and_lari_once() -> None:
    # Review 229 M3: the one series of the "claimed but not payable, by cause" chart was named
    # "GEL", so each bar read "GEL: 500.24 GEL"; it is named "amount" (Georgian "თანხა")
    report = vl.audit_invoice(vl.example_path("invoice.csv"))
    page = report.to_html()
    assert "<title>GEL: " not in page and "<title>amount: 0.00 GEL</title>" in page
    georgian = report.to_html(lang="ka")
    assert "<title>ლარი: " not in georgian and "<title>თანხა: " in georgian


def test_a_line_not_checked_for_a_decision_of_the_register_names_it(tmp_path: Path) -> None:
    # Review 270 F3: the findings of a September 2021 line (no rate in force: D21) and of a document
    # submitted before its month (D10) named their decision in their text alone; an auditor who
    # filters the findings by decision found neither. A line refused for a bad cell rests on none.
    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "A,2021-09,2021-05-01,,no,600.00,2021-10-13\n"
        "B,2021-10,2021-05-01,,no,620.00,2021-09-30\n"
        "C,2021-10,2021-05-01,,maybe,620.00,2021-11-05\n"
        "D,2021-03,2021-01-01,,no,620.00,2021-04-05\n",
        encoding="utf-8",
    )
    report = audit_invoice(path)
    # (March 2021, before the rules take effect: a day with no rule, D4, not D21's September: review 272 F3;
    # a month not funded whatever its amount, whose words cite D21, rests on D21 whatever its month: 273 F1)
    assert [(f.code, f.rows, f.decision) for f in report.findings] == [
        ("not-checked", (2,), "D21"), ("not-checked", (3,), "D10"), ("not-checked", (4,), None),
        ("not-checked", (5,), "D4"),
    ]  # fmt: skip


def test_a_facility_line_not_checked_names_the_decision_its_month_rests_on(tmp_path: Path) -> None:
    # Review 272 F4: a facility-month in a place that is no city or municipality is not computed, for
    # its paid-beneficiary cap cannot be told (D30); its two lines' findings cited D30 in their text
    # alone (the month's refusal was wrapped in the line's, whose phrase cites nothing).
    occupancy = tmp_path / "occupancy.csv"
    days = [f"F-B,atlantis,shelter,7,2021-10-{day:02d},5\n" for day in range(1, 32)]
    occupancy.write_text("facility_id,city,service,limit,date,children_served\n" + "".join(days), encoding="utf-8")
    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-B,2021-10,100.00,10.00\n", encoding="utf-8"
    )
    report = vl.audit_facility_invoice(occupancy, claims, daily_rate=Decimal("20"))
    assert [(f.code, f.part, f.decision) for f in report.findings] == [
        ("not-checked", "children served", "D30"), ("not-checked", "unfilled places", "D30"),
    ]  # fmt: skip
    # a month whose limit changes on the 16th is not computed (D51; its words also cite D44, the
    # advice for a closed day): it rests on the first, D51 (review 276 F4: no decision)
    changing = "".join(f"F-C,gori,shelter,{7 if day <= 15 else 8},2021-10-{day:02d},5\n" for day in range(1, 32))
    occupancy.write_text("facility_id,city,service,limit,date,children_served\n" + changing, encoding="utf-8")
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-C,2021-10,100.00,10.00\n", encoding="utf-8"
    )
    changed = vl.audit_facility_invoice(occupancy, claims, daily_rate=Decimal("20"))
    assert [(f.code, f.decision) for f in changed.findings] == [("not-checked", "D51"), ("not-checked", "D51")]
    # a line kept as data and read back keeps the decision (a D10 line of a voucher audit too)
    from voucherlib.reports.audit import AuditLine

    for line in report.lines:
        again = AuditLine.from_dict(line.to_dict())
        assert (line.to_dict()["decision"], again.to_dict()) == ("D30", line.to_dict())
    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "B,2021-10,2021-05-01,,no,620.00,2021-09-30\n",
        encoding="utf-8",
    )
    (line,) = audit_invoice(path).lines
    stored = line.to_dict()
    assert stored["decision"] == "D10" and AuditLine.from_dict(stored).to_dict() == stored
    for bad in ("X1", 10, "D999", "D030"):  # (no decision of the register: refused naming the key; 276 F8)
        with pytest.raises(vl.InvalidInput, match=r"^AuditLine\.decision: got "):
            AuditLine.from_dict({**stored, "decision": bad})


def test_a_rule_not_in_force_rests_on_d21_where_its_words_cite_it_and_on_d4_else() -> None:
    # Review 273 F1: D21 is September 2021 before the amended rates take effect (Decree 467, Art. 2),
    # and every month "not funded whatever its amount" (its words cite D21, whatever the month); any
    # other day with no rule is D4's.
    from voucherlib.core.errors import Expected
    from voucherlib.reports.findings import error_decision

    by_art_2 = Expected("rule.takes_effect_by", (("date", "2021-10-01"), ("by", "Art. 2")))
    not_set = Expected("rule.not_set", (("program", "mine"),))
    september = vl.RuleNotInForce("youth_voucher.daily_rate.without_disability", dt.date(2021, 9, 1), by_art_2)
    assert error_decision(september) == "D21"
    assert error_decision(vl.RuleNotInForce("x", dt.date(2021, 9, 1), not_set)) == "D4"  # (a caller's year)
    january = vl.RuleNotInForce("x", dt.date(2022, 1, 1), not_set)
    assert error_decision(january) == "D4" and error_decision(january.when_not_funded(6, 5)) == "D21"
    assert error_decision(vl.RuleNotInForce("x", dt.date(2021, 3, 1), by_art_2)) == "D4"
    # a caller's year that dates its rate 1 Oct 2021 without a provision is D21's case as well; one
    # whose rate takes effect on another day is not (review 274 F4)
    no_provision = Expected("rule.takes_effect", (("date", "2021-10-01"),))
    assert error_decision(vl.RuleNotInForce("x", dt.date(2021, 9, 1), no_provision)) == "D21"
    mid_september = Expected("rule.takes_effect_by", (("date", "2021-09-15"), ("by", "Art. 9")))
    assert error_decision(vl.RuleNotInForce("x", dt.date(2021, 9, 1), mid_september)) == "D4"


def test_a_month_the_stay_does_not_touch_is_a_finding_whatever_its_claim(tmp_path: Path) -> None:
    # Review 275 F4 (D1): settle names a month with no day of service and exits 1; the audit said a
    # claim of 0.00 for it "matches", with no finding. Z1: November 2021, enrolled 1 Dec 2021; Z2:
    # December 2021, discharged 30 Nov 2021: no day of the stay in the month, 0.00 computed, 0.00
    # claimed; each a days-outside-stay finding of 0.00 (a mistyped date, as settle says).
    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "Z1,2021-11,2021-12-01,,no,0.00,2021-12-06\n"
        "Z2,2021-12,,2021-11-30,no,0,2022-01-10\n",
        encoding="utf-8",
    )
    lines = [
        vl.InvoiceLine(beneficiary_id="Z1", month="2021-11", enrolled_on="2021-12-01", claimed="0.00",
                       submitted_on="2021-12-06"),
    ]  # fmt: skip
    for report in (audit_invoice(path), audit_invoice(lines)):
        found = [(f.code, f.beneficiary_id, f.amount, f.decision) for f in report.findings]
        assert found[0] == ("days-outside-stay", "Z1", Decimal("0.00"), "D1")
        assert {ln.verdict for ln in report.lines} == {"matches"} and not report.all_match
    assert len(audit_invoice(path).findings) == 2
    assert main(["audit", str(path), "-q"]) == 1


def test_a_facility_line_is_explained_by_the_label_the_georgian_table_shows(tmp_path: Path) -> None:
    # Review 276 F5: the occupancy rows of a facility-month no claim bills are one line, labelled
    # "33, 34 of the occupancy file" in English and "33, 34 (დატვირთვის ფაილი)" in Georgian; the
    # Georgian label was refused and the Georgian explanation named the English one. (F-A, a Gori
    # shelter of 10 places, 10 children a day in October 2021: 10 x 31 x 25.00 = 7,750.00, no
    # unfilled place; both lines match.)
    occupancy = tmp_path / "occupancy.csv"
    days = "".join(f"F-A,gori,shelter,10,2021-10-{day:02d},10\n" for day in range(1, 32))
    occupancy.write_text(
        "facility_id,city,service,limit,date,children_served\n" + days
        + "F-B,gori,shelter,10,2021-10-01,3\nF-B,gori,shelter,10,2021-10-02,3\n",
        encoding="utf-8",
    )  # fmt: skip
    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-A,2021-10,7750.00,0.00\n", encoding="utf-8"
    )
    report = audit_facility_invoice(occupancy, claims, daily_rate="25")
    assert [ln.verdict for ln in report.lines] == ["matches", "matches", "invalid"]
    assert report.explain("33, 34 of the occupancy file").startswith("Line 33, 34 of the occupancy file, F-B")
    with pytest.raises(vl.InvalidInput) as refused:  # (its example label in Georgian too: review 277 F6)
        report.explain("nothing")
    assert "'33, 34 (დატვირთვის ფაილი)'" in refused.value.message("ka")
    georgian = report.explain("33, 34 (დატვირთვის ფაილი)", "ka")
    assert georgian.startswith("სტრიქონი 33, 34 (დატვირთვის ფაილი), F-B") and "occupancy file" not in georgian


def test_explanation_takes_a_line_of_the_report_and_refuses_anything_else() -> None:
    # Review 285 F3: explanation(3) was an AttributeError traceback (it takes a line, not a label)
    report = audit_invoice(example_path("invoice.csv"))
    for wrong in (3, "3", Fraction(3), None):
        with pytest.raises(vl.InvalidInput, match=r"^line: got .*expected a line of this report, an AuditLine"):
            report.explanation(wrong)  # type: ignore[arg-type]
    assert report.explanation(report.lines[0]) == report.explain(report.lines[0].row, by="row")
    index = report.findings.by_line()  # (with the index of many lines too: review 286 F2)
    with pytest.raises(vl.InvalidInput, match=r"^line: got 3 \(int\); expected a line of this report"):
        report.explanation(3, "en", index)  # type: ignore[arg-type]


def test_a_findings_sentence_shows_an_ids_control_escaped_as_its_reason_does() -> None:
    # Review 286 F4: the id B-01 with a right-to-left override (refused, D37) was written raw in
    # the finding's sentence under explain(), turning the rest of the line round on a terminal
    report = audit_invoice([InvoiceLine(beneficiary_id="B-01\u202e10", name="Nino", month="2021-11",
                                        claimed="600.00", submitted_on="2021-12-06")])  # fmt: skip
    text = report.explain(report.lines[0])
    assert "\u202e" not in text and "! row 1 (B-01\\u202e10) could not be checked" in text


def test_a_frames_row_label_is_shown_with_its_controls_escaped() -> None:
    # Review 287 F3: a DataFrame's row label holding a right-to-left override was written raw in
    # a finding's rows and in explain()'s first line (the id and the name were escaped). B1 billed
    # twice for October 2021 (31 x 20 = 620.00, once: D28), rows labelled "a\u202eb" and "c".
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "beneficiary_id": ["B1", "B1"],
            "month": ["2021-10"] * 2,
            "enrolled_on": ["2021-09-01"] * 2,
            "discharged_on": [""] * 2,
            "disability": ["no"] * 2,
            "claimed": ["620.00"] * 2,
            "submitted_on": ["2021-11-05"] * 2,
        },
        index=["a\u202eb", "c"],
    )
    report = audit_invoice(frame)
    assert report.total_payable == Decimal("620.00")
    text = report.explain("c")
    assert "\u202e" not in text and "'a\\u202eb'" in text
    first = report.explain("a\u202eb")  # (quoted, as a refusal's "got" quotes a value: review 288 F2)
    assert "\u202e" not in first and first.startswith("Line 'a\\u202eb', B1: matches")


def test_two_row_labels_never_print_alike_in_any_sentence() -> None:
    # Review 288 F2: a label holding ESC printed as the typed label r\x1b (a backslash, x, 1, b):
    # a label that a reader could take for another is quoted, its controls escaped, as the
    # refusal's "got" quotes a value. F1: the settle report's repeat sentence and a whole-table
    # refusal wrote a frame's label raw. B-01 November 2021 (30 x 20 = 600.00) on rows "r\x1b"
    # and "x", B-02 discharged on the 20th (20 x 20 = 400.00) on row "r\\x1b".
    pd = pytest.importorskip("pandas")
    from voucherlib import settle_file

    frame = pd.DataFrame(
        {
            "beneficiary_id": ["B-01", "B-02", "B-01"],
            "month": ["2021-11"] * 3,
            "enrolled_on": ["2021-09-01"] * 3,
            "discharged_on": ["", "2021-11-20", ""],
            "disability": ["no"] * 3,
            "claimed": ["600.00", "400.00", "600.00"],
            "submitted_on": ["2021-12-06"] * 3,  # (the 5th a Sunday: in time)
        },
        index=["r\x1b", "r\\x1b", "x"],
    )
    report = audit_invoice(frame)
    assert [ln.payable for ln in report.lines] == [Decimal("600.00"), Decimal("400.00"), Decimal("0.00")]
    assert report.explain("r\x1b").startswith("Line 'r\\x1b', B-01")
    assert report.explain("r\\x1b").startswith("Line r\\x1b, B-02")  # (printable: as it is)
    assert report.lines[2].reason == "already billed on row 'r\\x1b': a day is billed once (D28)"
    (twice,) = [f for f in report.findings if f.code == "double-billing"]
    assert "(rows 'r\\x1b', x)" in twice.text()
    repeated = settle_file(frame.drop(columns="claimed")).repeated.text()
    assert "\x1b" not in repeated and "(rows 'r\\x1b', x)" in repeated
    # Review 293 F4: a label holding the list's comma, or of a span's shape, reads as several rows:
    # quoted ("rows '5, 6', 7" for two rows)
    pair = frame.iloc[[0, 2]].set_axis(["5, 6", 7])
    assert "(rows '5, 6', 7)" in settle_file(pair.drop(columns="claimed")).repeated.text()
    assert "(rows 2, '2-3')" in settle_file(pair.drop(columns="claimed").set_axis([2, "2-3"])).repeated.text()
    # the whole-table refusal of date cells beside a day-first text names its row quoted (D35)
    mixed = frame.drop(columns="claimed").astype(object)
    mixed["enrolled_on"] = [dt.date(2021, 9, 1), "13/09/2021", dt.date(2021, 9, 1)]
    mixed.index = ["a", "r\x1b[31m2", "c"]
    with pytest.raises(vl.InvalidInput) as refused:
        settle_file(mixed)
    assert "\x1b" not in str(refused.value) and "row 'r\\x1b[31m2'" in str(refused.value)
