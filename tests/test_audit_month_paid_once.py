"""D28 in the audit: a beneficiary has one voucher a month (Annex 2.12, Art. 4, para 5), so the days
of a month billed on two lines are paid once.

A checked line whose days are all billed by another checked line of the same beneficiary and
month on the same terms (the same status on each day, the same late deduction) is ``already
billed``: it computes 0.00 and pays 0.00, its whole claim is the difference, and the
double-billing finding names both lines. Of two lines of the same days and terms the first is
paid, else the one that bills more, whatever the order. Lines that bill days on other terms, or
that each have days of their own, are each checked on their own, and the findings name them.
Issue 12 named the defect this replaces: the same beneficiary and month billed twice gave two
"matches" and a payable total of both.
"""

from __future__ import annotations

import datetime as dt
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
    assert two.reason == f"already billed on row {first}: a day is billed once (D28)"
    assert (
        two.reason_text("ka")
        == f"უკვე მოთხოვნილია სტრიქონში {first}: ერთი და იმავე დღის ანაზღაურება მხოლოდ ერთხელ მოითხოვება (D28)"
    )
    # Totals: claimed 620 + 620 = 1,240; computed 620 + 0 = 620; difference 620; payable 620.
    assert report.totals() == {
        "claimed": Decimal("1240.00"), "computed": Decimal("620.00"), "difference": Decimal("620.00"),
        "deducted": Decimal("0.00"), "payable": Decimal("620.00"), "unchecked_claimed": Decimal("0.00"),
    }  # fmt: skip
    assert report.counts() == {"matches": 1, "already billed": 1}
    # One finding, double billing, names both lines; the second line has no claim-above of its own.
    assert [(f.code, f.rows) for f in report.findings] == [("double-billing", (first, second))]
    # Its explanation says where its days are paid, with the decision and the provision (review
    # 39), and what the line computes alone below it (review 38: "payable: 620.00 GEL" read as
    # this line's; review 172 F10: what the line itself pays, 0.00, said before it).
    text = report.explain(second).splitlines()
    assert text[1].startswith(
        f"  computed here 0.00 GEL, payable 0.00 GEL: all it bills is billed on row {first}; alone, the line computes"
        " (D28)  [Annex 2.12, Art. 4, para 5 of the State Program"
    )
    assert text[2].startswith("    Settlement of service month 2021-10: payable 620.00 GEL")
    text = "\n".join(text)
    assert "claimed 620.00 GEL, computed 0.00 GEL: difference (claimed - computed) 620.00 GEL" in text


def test_a_shorter_stay_within_another_lines_is_already_billed_whatever_the_order() -> None:
    # Row A: the whole of October, 31 x 20 = 620.00. Row B: the same beneficiary discharged on
    # 10 Oct, 1..10 Oct = 10 x 20 = 200.00: every day of B is a day of A, on the same terms (no
    # status, submitted the same day), so A pays B's days: B is already billed on A, in either
    # order (review 39: B was paid too, 820.00 for a 620.00 month).
    whole, short = line("B1", "620.00"), line("B1", "200.00", discharged_on="2021-10-10")
    for lines, paid_row in (([whole, short], 1), ([short, whole], 2)):
        report = audit_invoice(lines)
        by_claim = {str(ln.claimed): (ln.verdict, ln.computed, ln.billed_on) for ln in report.lines}
        assert by_claim == {
            "620.00": ("matches", Decimal("620.00"), None),
            "200.00": ("already billed", Decimal("0.00"), paid_row),
        }
        assert report.total_payable == Decimal("620.00")
        assert {f.code for f in report.findings} == {"double-billing", "overlapping-stays"}


def test_stays_that_share_some_days_are_each_checked_on_their_own() -> None:
    # Row 1: 1..20 Oct (discharged 20 Oct) = 20 x 20 = 400.00; row 2: enrolled 11 Oct, 11..31 Oct
    # = 21 x 20 = 420.00. Each has days the other has not: which stay is right the audit cannot
    # tell, so each is checked on its own (820.00) and the findings name both.
    report = audit_invoice(
        [line("B1", "400.00", discharged_on="2021-10-20"), line("B1", "420.00", enrolled_on="2021-10-11")]
    )
    assert [(ln.verdict, ln.computed) for ln in report.lines] == [
        ("matches", Decimal("400.00")),
        ("matches", Decimal("420.00")),
    ]
    assert {f.code for f in report.findings} == {"double-billing", "overlapping-stays"}


def test_a_shorter_stay_on_other_terms_is_checked_on_its_own() -> None:
    # Row 1: the whole of October without status, 620.00; row 2: 1..10 Oct with status, 10 x 30
    # = 300.00. Row 1 pays those days at 20, not 30: not the same terms, so each stands (920.00).
    report = audit_invoice([line("B1", "620.00"), line("B1", "300.00", discharged_on="2021-10-10", disability=True)])
    assert [ln.verdict for ln in report.lines] == ["matches", "matches"]
    assert report.total_payable == Decimal("920.00")


def test_a_second_stay_in_the_month_is_checked_on_its_own() -> None:
    # Row 1: enrolled before October, discharged 10 Oct: 1..10 Oct = 10 x 20 = 200.00.
    # Row 2: enrolled again 20 Oct: 20..31 Oct = 12 x 20 = 240.00: other days, checked on its own.
    report = audit_invoice(
        [line("B1", "200.00", discharged_on="2021-10-10"), line("B1", "240.00", enrolled_on="2021-10-20")]
    )
    assert [(ln.verdict, ln.computed) for ln in report.lines] == [
        ("matches", Decimal("200.00")),
        ("matches", Decimal("240.00")),
    ]
    assert [f.code for f in report.findings] == ["double-billing"]


def test_the_same_days_billed_again_under_other_terms_are_each_checked_on_their_own() -> None:
    # The whole of October twice, but not the same bill: one line without disability status
    # (31 x 20 = 620.00) and one with it (31 x 30 = 930.00); or one submitted in time (620.00
    # payable) and one 2 working days late (Tue 9 Nov: 8, 9 Nov late; 620 - 20% = 496.00).
    # Each is checked on its own, in either order; the double-billing finding names both.
    for first, second, payable in (
        (line("B1", "620.00"), line("B1", "930.00", disability=True), "1550.00"),  # 620 + 930
        (line("B1", "620.00"), line("B1", "620.00", submitted_on="2021-11-09"), "1116.00"),  # 620 + 496
    ):
        for lines in ([first, second], [second, first]):
            report = audit_invoice(lines)
            assert "already billed" not in report.counts()
            assert report.total_payable == Decimal(payable)
            assert "double-billing" in {f.code for f in report.findings}


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


def test_a_late_line_billed_again_is_deducted_once() -> None:
    # The same late line twice: October, submitted Tue 9 Nov 2021, 2 working days late (8, 9 Nov):
    # 20% of 620 = 124.00 deducted, 496.00 payable, once. The second line computes 0.00, so
    # nothing is deducted from it and its verdict has no "% deducted".
    report = audit_invoice([line("B1", "496.00", submitted_on="2021-11-09")] * 2)
    one, two = report.lines
    assert one.verdict_text() == "under-claimed, 20% deducted" and one.payable == Decimal("496.00")
    assert two.verdict_text() == "already billed"
    assert (two.deducted, two.deduction_percent) == (Decimal("0.00"), None)
    assert [f.rows for f in report.findings if f.code == "late-deduction"] == [(1,)]
    assert (report.total_deducted, report.total_payable) == (Decimal("124.00"), Decimal("496.00"))


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
    for bad in (True, 2):  # no label; the line's own row (review 38: it named itself)
        data["billed_on"] = bad
        with pytest.raises(vl.VoucherError, match=r"AuditLine\.billed_on"):
            AuditLine.from_dict(data)
    # A line written before the field existed (no "billed_on" key) reads back as before.
    one = report.lines[0].to_dict()
    del one["billed_on"]
    assert AuditLine.from_dict(one) == report.lines[0]
    # An int label of more digits than Python writes (only a dict built in code holds one) is
    # refused naming the key, not a ValueError traceback (review 288 F4)
    for key in ("billed_on", "row"):
        with pytest.raises(vl.VoucherError, match=rf"^AuditLine\.{key}: got <an int of about 5,001 digits>"):
            AuditLine.from_dict({**json.loads(json.dumps(two.to_dict())), key: 10**5000})


def test_an_already_billed_line_stored_by_an_earlier_version_reads_back() -> None:
    # Review 288 F3: a frame's label holding ESC was written raw in "already billed on row ..."
    # before 0d3f1b5, escaped unquoted before review 288's mend, quoted now; only how the label is
    # printed changed, so a line stored then reads back (B1 October 2021, 31 x 20 = 620.00, once).
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([line("B1", "620.00").model_dump()] * 2, index=["r\x1b", "x"])
    two = audit_invoice(frame).lines[1]
    assert two.reason == "already billed on row 'r\\x1b': a day is billed once (D28)"
    stored = json.loads(json.dumps(two.to_dict()))
    ka = stored["reason_ka"]
    for then in ("r\x1b", "r\\x1b"):
        old = {**stored, "reason": stored["reason"].replace("'r\\x1b'", then),
               "reason_ka": ka.replace("'r\\x1b'", then)}  # fmt: skip
        assert old["reason"] != stored["reason"] and AuditLine.from_dict(old) == two
    with pytest.raises(vl.VoucherError, match=r"^AuditLine\.reason: got"):  # (other words: still refused)
        AuditLine.from_dict({**stored, "reason": "already billed on row 7: a day is billed once (D28)"})


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


def stay_line(i: int, month: vl.Month, enrol: int, stay: int, ids: int, **kw: Any) -> InvoiceLine:
    """Line ``i``: beneficiary ``B{i % ids}``, enrolled on a day of ``month`` (``enrol``), discharged
    ``stay`` days later within the month (not discharged when ``stay`` > 30), claiming 100.00,
    submitted on the month's last day unless ``kw`` says otherwise."""
    enrolled = month.first_day.replace(day=1 + enrol % month.days)
    discharged = None if stay > 30 else month.first_day.replace(day=min(month.days, enrol % month.days + 1 + stay))
    kw.setdefault("submitted_on", month.last_day)
    return InvoiceLine(beneficiary_id=f"B{i % ids}", month=str(month), enrolled_on=enrolled, discharged_on=discharged,
                       claimed="100.00", **kw)  # fmt: skip


@given(months=st.lists(months_2021, min_size=1, max_size=4), starts=copies, copy_at=st.data())
def test_billing_a_line_again_never_changes_what_is_computed_or_payable(
    months: list[vl.Month], starts: list[tuple[int, int]], copy_at: st.DataObject
) -> None:
    # Invariant of D28: an exact copy of a checked line, put anywhere after it, adds its claim to
    # what is claimed and nothing to what is computed, deducted or payable.
    lines = [stay_line(i, months[i % len(months)], enrol, stay, 3) for i, (enrol, stay) in enumerate(starts)]
    before = audit_invoice(lines)
    k = copy_at.draw(st.integers(0, len(lines) - 1))
    at = copy_at.draw(st.integers(k + 1, len(lines)))
    after = audit_invoice([*lines[:at], lines[k], *lines[at:]])
    for key in ("computed", "deducted", "payable"):
        assert after.totals()[key] == before.totals()[key]
    assert after.total_claimed == before.total_claimed + Decimal("100.00")
    assert after.lines[at].verdict == "already billed"


@given(months=st.lists(months_2021, min_size=1, max_size=3), starts=copies, data=st.data())
def test_the_order_of_the_lines_never_changes_what_is_computed_or_payable(
    months: list[vl.Month], starts: list[tuple[int, int]], data: st.DataObject
) -> None:
    # Invariant of D28 (review 38): which line of a month billed twice is named "already billed"
    # depends on the order; what the invoice computes, deducts and pays does not.
    lines = []
    for i, (enrol, stay) in enumerate(starts):
        month = months[i % len(months)]
        late = data.draw(st.sampled_from([0, 0, 3, 9]), label="days after the month's end")
        status = data.draw(st.booleans(), label="status")
        one = stay_line(
            i, month, enrol, stay, 2, disability=status, submitted_on=month.last_day + dt.timedelta(days=late)
        )
        lines += [one] * data.draw(st.integers(1, 3), label="times billed")
    shuffled = data.draw(st.permutations(lines), label="order")
    before, after = audit_invoice(lines), audit_invoice(shuffled)
    assert before.totals() == after.totals()
    assert before.counts().get("already billed", 0) == after.counts().get("already billed", 0)


def test_a_frame_whose_index_repeats_a_label_is_refused_naming_it() -> None:
    # Review 39: pd.concat of two invoices keeps both indexes, so two lines were "row 0": a line
    # said it was "already billed on row 0", its own label, and two lines of one month billed
    # differently had no double-billing finding (the finding counted rows by label). A frame's
    # rows are named by its index, so a label given to two rows is refused, naming it.
    pd = pytest.importorskip("pandas")
    from voucherlib.cli import example_path

    invoice = pd.read_csv(example_path("invoice.csv"), dtype=str, keep_default_na=False)
    with pytest.raises(vl.InvalidInput, match=r"invoice\.index: got 0 \(int\); expected a label of its own") as caught:
        audit_invoice(pd.concat([invoice, invoice]))
    assert "ignore_index=True" in caught.value.message("ka")
    mixed = invoice.iloc[:2].copy()
    mixed.index = pd.Index([0, "0"], dtype=object)  # two labels shown alike: "row 0" (review 40)
    with pytest.raises(vl.InvalidInput, match=r"invoice\.index: got '0' \(str\)"):
        audit_invoice(mixed)
    # a whole-number label of more digits than Python writes out (review 280 F3: a ValueError
    # traceback from str()) is refused as a label the results cannot write, naming the index
    huge = invoice.iloc[:2].copy()
    huge.index = pd.Index([10**5000, 3], dtype=object)
    for check, what in ((audit_invoice, "invoice"), (vl.settle_file, "file")):
        with pytest.raises(vl.InvalidInput, match=rf"{what}\.index: got <an int of about 5,001 digits>") as caught:
            check(huge)
        assert "reset_index" in caught.value.message("ka")
    # (as the advice says, the same invoice twice: every line of the second copy already billed)
    twice = audit_invoice(pd.concat([invoice, invoice], ignore_index=True))
    assert twice.total_payable == audit_invoice(invoice).total_payable


def test_any_number_of_bills_of_one_month_is_checked_and_each_names_the_line_that_bills_it() -> None:
    # Review 40: past 200 distinct bills of one beneficiary-month the check was switched off. One
    # whole month (31 x 20 = 620.00), then every stay within October (a..b for 1 <= a <= b <= 31:
    # 496 distinct bills, the whole month among them) and one of them again: every line but the
    # first is within the first, on the same terms, so the month pays 620.00 once, and every
    # already billed line names row 1 (the line that bills its days, never a line that is itself
    # already billed).
    def stay(a: int, b: int) -> InvoiceLine:
        enrolled = None if a == 1 else f"2021-10-{a:02d}"
        return line("B1", "1.00", enrolled_on=enrolled, discharged_on=None if b == 31 else f"2021-10-{b:02d}")

    lines = [line("B1", "620.00")] + [stay(a, b) for a in range(1, 32) for b in range(a, 32)] + [stay(3, 9)]
    report = audit_invoice(lines)
    assert len(lines) == 498 and report.total_payable == Decimal("620.00")
    assert {ln.billed_on for ln in report.lines[1:]} == {1}
    # Each stay 1..d with status on its days and a whole month with status on 1..10 only: a stay
    # within 1..10 is billed there (the same status on its days); one reaching past the 10th is not.
    mixed = audit_invoice(
        [line("B1", "1.00", disability=[("2021-10-01", "2021-10-10")])]
        + [line("B1", "1.00", discharged_on=f"2021-10-{d:02d}", disability=True) for d in (5, 10, 11)]
    )
    assert [ln.verdict == "already billed" for ln in mixed.lines] == [False, True, True, False]


@pytest.mark.parametrize(
    "hidden",
    [
        *("\u200b", "\ufeff", "\u200e", "\u00ad", "\u034f", "\ufe0f", "\u3164", "\u115f", "\u2800", "\U000e0041"),
        *("\x7f", "\x01", "\x1b", "\x9b", "\u00a0", "\u2009"),  # review 50: controls, spaces other than the space
        *("\ufffe", "\uffff", "\ufdd0", "\U0010fffe"),  # review 285 F1: noncharacters (an empty box, or nothing)
        *("\u0378", "\ue000", "\U000f0000", "\ufffd"),  # review 286 F1, F3: unassigned, private use, a letter lost
    ],
)
@pytest.mark.parametrize("form", ["lines", "csv", "frame"])
def test_an_id_with_an_invisible_character_is_refused_not_a_second_beneficiary(
    tmp_path: Path, form: str, hidden: str
) -> None:
    # review 47: B1 and B1 with a zero-width space (a byte order mark, a direction mark, a soft
    # hyphen) looked the same and were two beneficiaries: October 2021 paid twice, 2 x 620.00,
    # with no finding; review 48: a combining grapheme joiner, a variation selector, Hangul
    # fillers, the blank braille pattern, a tag. Such an id is refused, naming it: B1's line alone
    # is paid, 31 x 20 = 620.00.
    ids = ["B1", f"B{hidden}1"]
    if form == "lines":
        report = audit_invoice([line(i, "620.00", enrolled_on="2021-09-01") for i in ids])
    else:
        path = _csv(tmp_path, [f"{i},,2021-10,2021-09-01,,no,620.00,2021-11-05" for i in ids])
        report = audit_invoice(path if form == "csv" else pytest.importorskip("pandas").read_csv(path, dtype=str))
    one, two = report.lines
    assert (one.verdict, one.payable) == ("matches", Decimal("620.00"))
    assert (two.verdict, two.payable) == ("invalid", None)
    assert f"U+{ord(hidden):04X}" in two.reason and "beneficiary_id" in two.reason
    assert report.total_payable == Decimal("620.00")


def test_settle_refuses_an_id_with_an_invisible_character_too(tmp_path: Path) -> None:
    from voucherlib.reports.settlement_file import settle_file

    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "B1,2021-10,,,no,2021-11-05\nB1\u200b,2021-10,,,no,2021-11-05\n",
        encoding="utf-8",
    )
    first, second = settle_file(path).rows
    assert first.ok and first.settlement is not None and first.settlement.payable == Decimal("620.00")  # 31 x 20
    assert not second.ok and "U+200B" in str(second.error)


def test_every_format_character_python_knows_is_invisible_to_the_id_reader() -> None:
    import sys
    import unicodedata

    from voucherlib.core.identifiers import INVISIBLE

    # format characters, and the line and paragraph separators (review 107 F7: U+2028 passed)
    formats = [c for c in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(c) in ("Cf", "Zl", "Zp")]
    assert formats and all(INVISIBLE.fullmatch(c) for c in formats)
    # and every code point that is no agreed character: Unicode's 66 noncharacters, the lone
    # surrogates, the private use areas, every code point this Python's Unicode leaves unassigned
    # (reviews 285 F1, 286 F1: B-01 and B-01 with U+FFFE, or U+E000, were paid the same month
    # twice, with no finding): each is the id's unknown character, none invisible
    from voucherlib.core.identifiers import unknown_char

    nothing = [c for c in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(c) in ("Cn", "Co", "Cs")]
    assert len(nothing) > 2048 + 66 + 137_468 and all(unknown_char(f"B-{c}1") == c for c in nothing)
    assert unknown_char("B-01 ბენეფიციარი ١٢ Ä") is None
    report = audit_invoice([line(i, "620.00", enrolled_on="2021-09-01") for i in ("B1", "B1\ud800")])
    assert [ln.payable for ln in report.lines] == [Decimal("620.00"), None]  # (31 x 20 = 620.00, once)
    assert not INVISIBLE.search("B-01 ბენეფიციარი ١٢ Ä")  # letters, digits, a space: visible


def test_georgian_ids_are_read_in_columns_as_ascii_ids_are(tmp_path: Path) -> None:
    # review 48: an id that did not start with an ASCII character went line by line. Both lines
    # are paid: October 2021, 31 x 20 = 620.00 each (two beneficiaries).
    path = _csv(tmp_path, [f"{i},,2021-10,2021-09-01,,no,620.00,2021-11-05" for i in ("ბ-01", "ბ-02")])
    report = audit_invoice(path)
    assert report._table is not None and not report._table.slow_rows.any()
    assert [ln.payable for ln in report.lines] == [Decimal("620.00")] * 2


def test_the_columnar_id_check_knows_every_letter_that_shows_as_nothing() -> None:
    # The columns take an id of letters, digits and ASCII as it is unless it holds one of
    # _FILLERS: every letter the id reader refuses (INVISIBLE) must be among them, or the two
    # paths would disagree on such an id.
    import sys
    import unicodedata

    import pyarrow as pa
    import pyarrow.compute as pc

    from voucherlib.core.identifiers import INVISIBLE
    from voucherlib.reports.audit_columns import _FILLERS

    letters = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if unicodedata.category(c).startswith(("L", "Nd")) and INVISIBLE.fullmatch(c)
    ]
    assert letters and pc.all(pc.match_substring_regex(pa.array(letters), _FILLERS)).as_py()


def test_the_id_columns_fast_check_rests_on_what_every_error_text_and_ascii_invisible_holds() -> None:
    # The settle path takes a run of id cells as they are when their joined text holds no "#"
    # and is printable ASCII: that stands only while every spreadsheet error text holds a "#"
    # and the ASCII characters that show as nothing are exactly ASCII's non-printable ones.
    from voucherlib.core.errors import ERROR_TEXTS
    from voucherlib.core.identifiers import INVISIBLE

    assert all("#" in text for text in ERROR_TEXTS)
    assert [chr(i) for i in range(128) if INVISIBLE.fullmatch(chr(i))] == [
        chr(i) for i in range(128) if not chr(i).isprintable()
    ]


@given(st.lists(st.text(alphabet=st.sampled_from("B-01 #n/a\x00\x1f\x7f\u00a0\u200bბ"), max_size=6), max_size=8))
def test_a_run_of_id_cells_is_taken_whole_only_when_each_reads_as_itself(cells: list[str]) -> None:
    # _given_ids takes a run of id cells at once, or hands it to the reader cell by cell: when it
    # takes the run, every cell is what identifier() reads it as (no blank, no error text, no
    # character that shows as nothing, each its own id)
    from voucherlib.input.cells import identifier
    from voucherlib.input.table import _given_ids

    taken = _given_ids(cells)
    if taken is None:
        return
    assert taken == cells
    for cell in cells:
        assert identifier(cell, "beneficiary_id") == cell  # (refused: raises, and the test fails)


@pytest.mark.parametrize(
    ("char", "what_en", "what_ka"),
    [
        ("\ue000", "a code point for private use", "პირადი სარგებლობის კოდურ წერტილს"),
        ("\U000f0000", "a code point for private use", "პირადი სარგებლობის კოდურ წერტილს"),
        ("\ud800", "a lone surrogate", "მარტოხელა სუროგატს"),
        ("\u0378", "a code point to which Unicode {v}, as this Python knows it, assigns no character", "'Unicode {v}'"),
        ("\ufffe", "a code point to which Unicode {v}, as this Python knows it, assigns no character", "'Unicode {v}'"),
    ],
)
def test_a_refusal_of_a_code_point_of_no_agreed_character_says_which_it_is(
    char: str, what_en: str, what_ka: str
) -> None:
    # Review 288 F6: the refusal listed every kind (unassigned, private use, surrogate) and its head
    # said "characters Unicode assigns" of U+E000, which Unicode assigns for private use; the housing
    # unit's named no Unicode version. Each now says what its code point is, an id's as a unit's.
    import unicodedata

    v = unicodedata.unidata_version
    code = f"U+{ord(char):04X}"
    (refused,) = audit_invoice([line(f"B{char}1", "620.00")]).lines
    assert refused.payable is None
    assert f"it holds {code}, {what_en.format(v=v)}" in refused.reason_text("en")
    assert f"შეიცავს {code}-ს, " in refused.reason_text("ka") and what_ka.format(v=v) in refused.reason_text("ka")
    with pytest.raises(vl.InvalidInput) as unit:
        vl.check_housing_units({f"Flat{char}": 2})
    assert f"a housing unit's name of characters of agreed meaning (it holds {code}, {what_en.format(v=v)}" in str(
        unit.value
    )
    assert what_ka.format(v=v) in unit.value.message("ka")
