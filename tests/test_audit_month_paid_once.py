"""D28 in the audit: a beneficiary has one voucher a month (Annex 2.12, Art. 4, para 5), so a month
billed on two lines is paid once.

A checked line whose every day of service is a day of an earlier checked line of the same
beneficiary and month is ``already billed``: it computes 0.00 and pays 0.00, its whole claim is
the difference, and the double-billing finding names both lines. A line with days of its own
(a second stay in the month) is checked on its own. Issue 12 named the defect this replaces: the
same beneficiary and month billed twice gave two "matches" and a payable total of both.
"""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.reports.audit import AuditLine, InvoiceLine, audit_invoice
from voucherlib.reports.facility_audit import audit_facility_invoice

from .strategies import months_2021

HEADER = "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on"


def line(ident: str, claimed: str, **kw: Any) -> InvoiceLine:
    """A line of October 2021 (31 days; the document due Fri 5 Nov 2021, submitted that day)."""
    kw.setdefault("submitted_on", "2021-11-05")
    return InvoiceLine(beneficiary_id=ident, month="2021-10", claimed=claimed, **kw)


def _csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "invoice.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("form", ["lines", "csv"])
def test_the_same_month_billed_twice_is_paid_once(tmp_path: Path, form: str) -> None:
    # B1, October 2021, enrolled 1 Sep, not discharged: 31 days x 20 GEL = 620.00, billed twice.
    if form == "lines":
        report = audit_invoice([line("B1", "620.00", enrolled_on="2021-09-01")] * 2)
        first, second = 1, 2  # positions from 1
    else:  # the batch engine's path (a plain CSV): the same lines, the same verdicts
        row = "B1,,2021-10,2021-09-01,,no,620.00,2021-11-05"
        report = audit_invoice(_csv(tmp_path, [row, row]))
        assert report._table is not None
        first, second = 2, 3  # file lines (header = 1)
    one, two = report.lines
    assert (one.verdict, one.computed, one.payable) == ("matches", Decimal("620.00"), Decimal("620.00"))
    assert (two.verdict, two.billed_on) == ("already billed", first)
    # The second line: computed 0.00, payable 0.00, difference 620.00 - 0.00 = 620.00.
    assert (two.computed, two.payable, two.difference, two.deducted) == (
        Decimal("0.00"), Decimal("0.00"), Decimal("620.00"), Decimal("0.00"),
    )  # fmt: skip
    assert two.reason == f"already billed on row {first}: the month is paid once (D28)"
    assert two.reason_text("ka") == f"უკვე მოთხოვნილია სტრიქონზე {first}: თვე ერთხელ ანაზღაურდება (D28)"
    # Totals: claimed 620 + 620 = 1,240; computed 620 + 0 = 620; difference 620; payable 620.
    assert report.totals() == {
        "claimed": Decimal("1240.00"), "computed": Decimal("620.00"), "difference": Decimal("620.00"),
        "deducted": Decimal("0.00"), "payable": Decimal("620.00"), "unchecked_claimed": Decimal("0.00"),
    }  # fmt: skip
    assert report.counts() == {"matches": 1, "already billed": 1}
    # One finding, double billing, names both lines; the second line has no claim-above of its own.
    assert [(f.code, f.rows) for f in report.findings] == [("double-billing", (first, second))]
    # Its explanation says where the month is computed, with the decision.
    text = report.explain(second)
    assert f"computed here 0.00 GEL: the month is computed once, on row {first} (D28)" in text
    assert "claimed 620.00 GEL, computed 0.00 GEL: difference (claimed - computed) 620.00 GEL" in text


def test_a_line_within_an_earlier_lines_stay_is_already_billed() -> None:
    # Row 1: the whole of October, 31 x 20 = 620.00. Row 2: the same beneficiary discharged on
    # 10 Oct, 1..10 Oct = 10 x 20 = 200.00 claimed: every day of it is a day of row 1.
    report = audit_invoice([line("B1", "620.00"), line("B1", "200.00", discharged_on="2021-10-10")])
    assert [(ln.verdict, ln.computed) for ln in report.lines] == [
        ("matches", Decimal("620.00")),
        ("already billed", Decimal("0.00")),
    ]
    assert report.total_payable == Decimal("620.00")


def test_a_second_stay_in_the_month_is_checked_on_its_own() -> None:
    # Row 1: enrolled before October, discharged 10 Oct: 1..10 Oct = 10 x 20 = 200.00.
    # Row 2: enrolled again 20 Oct: 20..31 Oct = 12 x 20 = 240.00: days row 1 does not have.
    # Row 3: the whole month: every day is on row 1 or row 2 (1..10, 20..31)? No: 11..19 Oct are
    # on neither, so row 3 is checked on its own (620.00), and the finding names all three.
    report = audit_invoice(
        [
            line("B1", "200.00", discharged_on="2021-10-10"),
            line("B1", "240.00", enrolled_on="2021-10-20"),
            line("B1", "620.00"),
        ]
    )
    assert [(ln.verdict, ln.computed) for ln in report.lines] == [
        ("matches", Decimal("200.00")),
        ("matches", Decimal("240.00")),
        ("matches", Decimal("620.00")),
    ]
    assert [f.code for f in report.findings if f.code == "double-billing"] == ["double-billing"]


def test_a_line_covered_by_two_earlier_lines_together_is_already_billed() -> None:
    # Row 1: 1..10 Oct (discharged 10 Oct) = 200.00; row 2: enrolled 11 Oct, 11..31 Oct = 21 x 20
    # = 420.00; row 3: the whole month, 1..31 Oct: every day is on row 1 or row 2, so row 3 is
    # already billed, named on the first line of the month (row 1). Paid: 200 + 420 = 620.00.
    report = audit_invoice(
        [
            line("B1", "200.00", discharged_on="2021-10-10"),
            line("B1", "420.00", enrolled_on="2021-10-11"),
            line("B1", "620.00"),
        ]
    )
    assert [(ln.verdict, ln.computed, ln.billed_on) for ln in report.lines] == [
        ("matches", Decimal("200.00"), None),
        ("matches", Decimal("420.00"), None),
        ("already billed", Decimal("0.00"), 1),
    ]
    assert report.total_payable == Decimal("620.00")


def test_a_line_before_an_invalid_one_or_of_no_day_keeps_its_verdict() -> None:
    # Row 1 cannot be checked (disability "maybe"): it bills nothing, so row 2 (620.00) is paid.
    # Row 3 is enrolled after October: no day of service, 0.00 computed; it keeps its own verdict
    # (a claim for days outside the stay), for it bills no day row 2 has.
    report = audit_invoice(
        [
            line("B1", "620.00", disability="maybe"),
            line("B1", "620.00"),
            line("B1", "100.00", enrolled_on="2021-11-02"),
        ]
    )
    assert [(ln.verdict, ln.computed) for ln in report.lines] == [
        ("invalid", None),
        ("matches", Decimal("620.00")),
        ("over-claimed", Decimal("0.00")),
    ]
    assert "days-outside-stay" in {f.code for f in report.findings}


def test_a_late_line_billed_again_deducts_nothing_twice() -> None:
    # Row 1 on time: 620.00 paid. Row 2, the same month submitted Tue 9 Nov 2021: 2 working days
    # late (8, 9 Nov), which alone would deduct 20% of 620 = 124.00; already billed, it computes
    # 0.00, so nothing is deducted and its verdict has no "% deducted".
    report = audit_invoice([line("B1", "620.00"), line("B1", "620.00", submitted_on="2021-11-09")])
    two = report.lines[1]
    assert two.verdict_text() == "already billed"
    assert (two.deducted, two.deduction_percent) == (Decimal("0.00"), None)
    assert "late-deduction" not in {f.code for f in report.findings}
    assert report.total_deducted == Decimal("0.00")


def test_an_already_billed_line_reads_back_and_refuses_tampering() -> None:
    report = audit_invoice([line("B1", "620.00")] * 2)
    two = report.lines[1]
    data = json.loads(json.dumps(two.to_dict()))
    assert data["billed_on"] == 1 and data["computed"] == "0.00"
    assert AuditLine.from_dict(data) == two
    assert pickle.loads(pickle.dumps(two)) == two
    data["billed_on"] = None  # a line that says nothing of row 1: its 0.00 is not what the rules give
    with pytest.raises(vl.VoucherError, match=r"AuditLine\.computed: got '0\.00'"):
        AuditLine.from_dict(data)
    data["billed_on"] = True
    with pytest.raises(vl.VoucherError, match=r"AuditLine\.billed_on"):
        AuditLine.from_dict(data)
    # A line written before the field existed (no "billed_on" key) reads back as before.
    one = report.lines[0].to_dict()
    del one["billed_on"]
    assert AuditLine.from_dict(one) == report.lines[0]


def test_a_facility_month_claimed_on_two_rows_is_paid_once(tmp_path: Path) -> None:
    # The shipped example's F-1, September 2021 (rate 25 GEL): row 2 claims 10,500.00 for the
    # children and 1,500.00 for the unfilled places, which the example computes as 10,500.00 and
    # 1,200.00. The same claim again on row 3: both its lines compute 0.00 (already billed on
    # row 2), so the month pays 10,500 + 1,200 = 11,700.00 once.
    from voucherlib.cli import example_path

    claims = tmp_path / "claims.csv"
    rows = example_path("facility_claims.csv").read_text(encoding="utf-8").splitlines()
    claims.write_text("\n".join([rows[0], rows[1], rows[1]]) + "\n", encoding="utf-8")
    report = audit_facility_invoice(example_path("facility_occupancy.csv"), claims, daily_rate=25)
    f1 = [ln for ln in report.lines if ln.beneficiary_id == "F-1"]
    assert [(ln.row, ln.part, ln.verdict, ln.computed) for ln in f1] == [
        (2, "children served", "matches", Decimal("10500.00")),
        (2, "unfilled places", "over-claimed", Decimal("1200.00")),
        (3, "children served", "already billed", Decimal("0.00")),
        (3, "unfilled places", "already billed", Decimal("0.00")),
    ]
    assert sum(ln.payable for ln in f1 if ln.payable is not None) == Decimal("11700.00")


copies = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 40)), min_size=1, max_size=6)


@given(months=st.lists(months_2021, min_size=1, max_size=4), starts=copies, copy_at=st.data())
def test_billing_a_line_again_never_changes_what_is_computed_or_payable(
    months: list[vl.Month], starts: list[tuple[int, int]], copy_at: st.DataObject
) -> None:
    # Invariant of D28: an exact copy of a checked line, put anywhere after it, adds its claim to
    # what is claimed and nothing to what is computed, deducted or payable.
    lines = []
    for i, (enrol, stay) in enumerate(starts):
        month = months[i % len(months)]
        enrolled = month.first_day.replace(day=1 + enrol % month.days)
        discharged = None if stay > 30 else month.first_day.replace(day=min(month.days, enrol % month.days + 1 + stay))
        lines.append(
            InvoiceLine(beneficiary_id=f"B{i % 3}", month=str(month), enrolled_on=enrolled, discharged_on=discharged,
                        claimed="100.00", submitted_on=month.last_day)
        )  # fmt: skip
    before = audit_invoice(lines)
    k = copy_at.draw(st.integers(0, len(lines) - 1))
    at = copy_at.draw(st.integers(k + 1, len(lines)))
    after = audit_invoice([*lines[:at], lines[k], *lines[at:]])
    for key in ("computed", "deducted", "payable"):
        assert after.totals()[key] == before.totals()[key]
    assert after.total_claimed == before.total_claimed + Decimal("100.00")
    assert after.lines[at].verdict == "already billed"
