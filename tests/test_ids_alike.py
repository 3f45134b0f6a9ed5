"""D39: ids written differently that look alike, billed for one month, are named by the audit.

A beneficiary has one voucher per month (Annex 2.12, Art. 4, para 5; D28). An id typed two
ways (``B-01`` in Latin letters and ``В-01`` with a Cyrillic Ve, ``b-01``, a personal number
that lost its leading zero in a number cell) is two ids to the double-billing comparison, though
it may be one person: the audit names each month billed under alike ids as an ``ids-alike``
finding (a warning) and changes no amount, since it cannot tell whether the letters are meant.

Every amount below: service month November 2021 (30 days), enrolled before it and not
discharged, no disability status: 30 x 20 GEL = 600.00; the document submitted on Mon 6 Dec
2021, the deadline (5 Dec is a Sunday), so nothing is deducted.
"""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.cli import example_path, main
from voucherlib.reports.alike_ids import LOOK_ALIKE, alike_key, id_shown, shared_keys
from voucherlib.reports.audit import InvoiceLine, audit_invoice

from .test_audit_batch import _line_by_line, _write, usual_line


def nov(ident: str, claimed: str = "600.00", month: str = "2021-11") -> InvoiceLine:
    return InvoiceLine(beneficiary_id=ident, month=month, claimed=claimed, submitted_on="2021-12-06")


def alike_findings(report: vl.AuditReport) -> list[tuple[tuple[int | str, ...], str, Decimal | None]]:
    return [(f.rows, dict(f.fields)["ids"], f.amount) for f in report.findings.of_code("ids-alike")]


@pytest.mark.parametrize(
    ("first", "second", "shown"),
    [
        ("B-01", "\u0412-01", "B-01, \u0412-01 (U+0412)"),  # Latin B, Cyrillic Ve: the same on screen
        ("B-01", "b-01", "B-01, b-01"),  # case
        ("01001012345", "1001012345", "01001012345, 1001012345"),  # a personal number's lost leading zero
        ("\u00d6-1", "O\u0308-1", "\u00d6-1 (U+00D6), O\u0308-1 (U+0308)"),  # precomposed and decomposed
        ("B-01", "B\u201001", "B-01, B\u201001 (U+2010)"),  # the hyphen-minus and Unicode's hyphen
        ("\u03a1-7", "P-7", "\u03a1-7 (U+03A1), P-7"),  # Greek Rho, Latin P
        # review 65: a run of spaces is one space on an HTML page and hard to count anywhere
        ("B 01", "B  01", "B 01, B  01"),
        ("B 01", "b  01", "B 01, b  01"),  # and case
        # review 170 F1: a mark over a character that has no precomposed form (an acute over a 1,
        # a stroke over it), and an accent over a letter: alike with the character alone
        ("B-01", "B-01\u0301", "B-01, B-01\u0301 (U+0301)"),
        ("B-01", "B-01\u0338", "B-01, B-01\u0338 (U+0338)"),
        ("O-1", "\u00d6-1", "O-1, \u00d6-1 (U+00D6)"),
    ],
)
def test_alike_ids_billed_for_one_month_are_one_warning_and_no_amount_changes(
    first: str, second: str, shown: str
) -> None:
    report = audit_invoice([nov(first), nov(second)])
    # one finding naming both rows: 600.00 + 600.00 = 1,200.00 claimed for November in all
    assert alike_findings(report) == [((1, 2), shown, Decimal("1200.00"))]
    finding = report.findings.of_code("ids-alike")[0]
    assert (finding.severity, finding.decision, finding.month) == ("warning", "D39", "2021-11")
    assert finding.citation is not None
    assert (finding.citation.annex, finding.citation.article, finding.citation.paragraph) == ("2.12", 4, 5)
    assert "billed for 2021-11 on 2 rows (rows 1, 2): 1,200.00 GEL claimed in all" in finding.text()
    assert "2021-11-ისთვის მოთხოვნილია 2 სტრიქონზე" in finding.text("ka")
    # the audit cannot tell they are one person: each line is judged on its own, 600.00 payable
    assert [(ln.computed, ln.payable, ln.verdict) for ln in report.lines] == [
        (Decimal("600.00"), Decimal("600.00"), "matches")
    ] * 2
    assert report.total_payable == Decimal("1200.00")
    assert not report.findings.of_code("double-billing")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("B-01", "B-02"),  # another number
        ("B01", "B-01"),  # a character more is not a way of writing the same character
        ("\u10d1-1", "b-1"),  # Georgian Ban is not drawn as b
        ("10", "100"),  # zeros at the end are part of the number
        ("0-1", "-1"),  # only an id of digits alone loses its leading zeros
    ],
)
def test_ids_that_do_not_look_alike_are_no_finding(first: str, second: str) -> None:
    assert alike_findings(audit_invoice([nov(first), nov(second)])) == []


def test_alike_ids_in_different_months_are_no_finding() -> None:
    # B-01 in November, b-01 in December (31 x 20 = 620.00, due Wed 5 Jan 2022, submitted 6 Dec:
    # in time): one month each, nothing billed twice
    report = audit_invoice([nov("B-01"), nov("b-01", "620.00", "2021-12")])
    assert alike_findings(report) == []
    assert [ln.payable for ln in report.lines] == [Decimal("600.00"), Decimal("620.00")]


def test_one_id_twice_and_an_alike_id_are_double_billing_and_ids_alike() -> None:
    # rows 1 and 2: B-01 twice, double billing (D28: the month paid once, on row 1; row 2 computes
    # 0.00); row 3: b-01, alike: the ids-alike finding names the three rows, 3 x 600 = 1,800 claimed
    report = audit_invoice([nov("B-01"), nov("B-01"), nov("b-01")])
    assert [(f.code, f.rows, f.amount) for f in report.findings if f.code != "claim-above"] == [
        ("double-billing", (1, 2), Decimal("1200.00")),
        ("ids-alike", (1, 2, 3), Decimal("1800.00")),
    ]
    assert "on 3 rows" in report.findings.of_code("ids-alike")[0].text()
    assert [ln.payable for ln in report.lines] == [Decimal("600.00"), Decimal("0.00"), Decimal("600.00")]


def test_a_line_whose_id_is_refused_is_no_alike_id() -> None:
    # an id with a zero-width space is refused (D37): the line names no beneficiary
    report = audit_invoice([nov("B-01"), nov("b-01\u200b")])
    assert alike_findings(report) == []
    assert report.lines[1].verdict == "invalid"


def test_the_facility_audit_names_alike_facility_ids(tmp_path: Path) -> None:
    # F-1's September 2021 claimed again as f-1 (which has no occupancy rows of its own): the two
    # rows name one month of alike facility ids, 10,500 + 1,200 claimed on each: 23,400.00 in all
    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-1,2021-09,10500.00,1200.00\nf-1,2021-09,10500.00,1200.00\n",
        encoding="utf-8",
    )
    report = vl.audit_facility_invoice(example_path("facility_occupancy.csv"), claims, daily_rate="25")
    assert [(f.rows, f.amount) for f in report.findings.of_code("ids-alike")] == [((2, 3), Decimal("23400.00"))]
    # a facility, not a beneficiary (review 53)
    finding = report.findings.of_code("ids-alike")[0]
    assert "if they are one facility" in finding.text() and "თუ ეს ერთი დაწესებულებაა" in finding.text("ka")


def test_the_command_line_exits_1_on_alike_ids_and_shows_the_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        [
            ("B-1", "Nino", "2021-11", "2021-10-01", "", "no", "600.00", "2021-12-06", "P-1"),
            ("\u0412-1", "Nino", "2021-11", "2021-10-01", "", "no", "600.00", "2021-12-06", "P-1"),
        ],
    )
    assert main(["audit", str(path)]) == 1
    out = capsys.readouterr().out
    assert "B-1, \u0412-1 (U+0412) look alike" in out


# ------------------------------------------------------------------ the key, as properties

ascii_ids = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=12)
any_ids = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zs", "Zl", "Zp")), min_size=1, max_size=12
).filter(lambda s: s.strip() == s)


@given(ascii_ids)
def test_an_ascii_id_is_alike_whatever_its_case(ident: str) -> None:
    assert alike_key(ident) == alike_key(ident.upper()) == alike_key(ident.lower())


@given(any_ids)
def test_an_id_is_alike_in_each_unicode_form(ident: str) -> None:
    forms = {unicodedata.normalize(form, ident) for form in ("NFC", "NFD", "NFKC", "NFKD")}
    assert len({alike_key(f) for f in forms}) == 1


@given(st.text(st.sampled_from("BAEKMHOPCTXaeopcx-0123456789"), min_size=1, max_size=10), st.data())
def test_latin_letters_written_as_their_cyrillic_and_greek_look_alikes_are_alike(
    ident: str, data: st.DataObject
) -> None:
    look_alikes: dict[str, list[str]] = {}
    for code, latin in LOOK_ALIKE.items():
        look_alikes.setdefault(str(latin), []).append(chr(code))
    swapped = "".join(data.draw(st.sampled_from([c, *look_alikes.get(c, [])])) for c in ident)
    assert alike_key(swapped) == alike_key(ident)


def test_a_number_in_an_id_is_alike_with_any_leading_zeros(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Review 184 F1: one shelter's September under F-1 and under F-01 was computed and paid twice
    # (12,710.00 for 6,355.00), exit 0, no word; D39 dropped the zeros of an id of digits alone.
    # The example's F-1 month written again as F-01: a month of alike ids, exit 1, named.
    rows = example_path("facility_occupancy.csv").read_text(encoding="utf-8").splitlines()
    f1 = [r for r in rows[1:] if r.startswith("F-1,")]
    occupancy = tmp_path / "occupancy.csv"
    again = [r.replace("F-1,", "F-01,", 1) for r in f1]
    occupancy.write_text("\n".join([rows[0], *f1, *again]) + "\n", encoding="utf-8")
    assert main(["facility", str(occupancy), "--daily-rate", "25"]) == 1
    assert "2021-09: F-1, F-01 (rows 2-61)" in capsys.readouterr().out
    # and in an invoice: B-1 and B-01 billed for one month, a warning naming both lines
    lines = [
        InvoiceLine(beneficiary_id=ident, month="2021-11", claimed="600.00", submitted_on="2021-12-06")
        for ident in ("B-1", "B-01")
    ]
    assert [f.rows for f in audit_invoice(lines).findings.of_code("ids-alike")] == [
        (1, 2)
    ]  # (lines are numbered from 1)


@given(st.integers(0, 10**11), st.integers(0, 3))
def test_a_number_id_is_alike_with_any_leading_zeros(number: int, zeros: int) -> None:
    # 01001012345 kept as text, 1001012345 as a number cell shows it
    assert alike_key("0" * zeros + str(number)) == alike_key(str(number)) == str(number)


@given(
    st.lists(
        st.one_of(
            ascii_ids,
            any_ids,
            st.sampled_from(
                [
                    "B-1",
                    "b-1",
                    "\u0412-1",
                    "007",
                    "7",
                    "0",
                    "00",
                    "0301",
                    "\u041701",
                    "301",
                    "1234",
                    "B 1",
                    "B  1",
                    "b  1",
                    "B-01",
                    "B-001",
                    "F-010.007",
                    "F-10.7",
                ]
            ),
        )
    )
)
def test_the_columns_find_the_ids_whose_key_another_id_has(ids: list[str]) -> None:
    import pyarrow as pa

    distinct = list(dict.fromkeys(i.strip() for i in ids))
    at, codes = shared_keys(pa.array(distinct, pa.string()))
    keys = [alike_key(i) for i in distinct]
    # exactly the ids whose key another id has ...
    assert sorted(at.tolist()) == [k for k, key in enumerate(keys) if keys.count(key) > 1]
    # ... numbered alike exactly when their keys are alike
    number = dict(zip(at.tolist(), codes.tolist(), strict=True))
    assert {(a, b) for a in number for b in number if number[a] == number[b]} == {
        (a, b) for a in number for b in number if keys[a] == keys[b]
    }


@given(
    st.sampled_from(["B-####", "##-#", "F#.##", "####", "A #-##", "b-##", "X--#"]),
    st.lists(st.text("0123456789", min_size=4, max_size=4), min_size=2, max_size=30),
)
def test_ids_of_one_form_are_alike_exactly_as_their_keys_say(form: str, numbers: list[str]) -> None:
    # the columns' shortcut for ids of one form (B-0000001 ...: no two share a key) against the
    # keys one at a time; a form with a small letter or a run of spaces takes the long way
    import pyarrow as pa

    ids = list(dict.fromkeys("".join(next(it) if c == "#" else c for c in form) for it in map(iter, numbers)))
    at, _ = shared_keys(pa.array(ids, pa.string()))
    keys = [alike_key(i) for i in ids]
    assert sorted(at.tolist()) == [k for k, key in enumerate(keys) if keys.count(key) > 1]


def test_an_id_shows_the_code_of_each_letter_that_is_neither_ascii_nor_georgian() -> None:
    assert id_shown("\u10d1-1") == "\u10d1-1"  # Georgian Ban
    assert id_shown("\u0412-\u0412\u0421") == "\u0412-\u0412\u0421 (U+0412, U+0421)"


ALIKE_IDS = ["B-1", "b-1", "\u0412-1", "B\u20101", "7", "007", "\u00d6-1", "O\u0308-1", "B-2"]


@given(
    lines=st.lists(
        st.tuples(usual_line(), st.sampled_from(ALIKE_IDS)).map(lambda p: (p[1], *p[0][1:])), min_size=2, max_size=30
    )
)
def test_the_columnar_audit_names_alike_ids_as_the_line_by_line_audit_does(
    tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[str, ...]]
) -> None:
    path = _write(tmp_path_factory.mktemp("inv"), lines)
    expected = _line_by_line(path)
    report = audit_invoice(path)
    event("batch path" if report._table is not None else "line by line")
    event(f"{len(expected.findings.of_code('ids-alike'))} ids-alike findings")
    assert len(report.findings) == len(expected.findings)  # counted from the columns
    assert tuple(report.findings) == tuple(expected.findings)
    assert report == expected


# ------------------------------------------------------------------ voucherlib settle


def test_settle_names_a_month_settled_under_alike_ids_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # each row settles November 2021 on its own (30 x 20 = 600.00, submitted on the deadline):
    # B-01 twice (rows 2, 5: D28's repeat), Cyrillic В-01 (row 3) and b-01 (row 4) alike: one
    # month under alike ids, rows 2 to 5; C (row 6) alone. December's b-01 (row 7) is another month.
    path = tmp_path / "vouchers.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "B-01,2021-11,,,no,2021-12-06\n\u0412-01,2021-11,,,no,2021-12-06\nb-01,2021-11,,,no,2021-12-06\n"
        "B-01,2021-11,,,no,2021-12-06\nC,2021-11,,,no,2021-12-06\nb-01,2021-12,,,no,2022-01-05\n",
        encoding="utf-8",
    )
    assert main(["settle", str(path)]) == 1
    out = capsys.readouterr().out
    assert "B-01 2021-11 (rows 2, 5)" in out
    assert "1 month settled under ids that look alike" in out
    assert "2021-11: B-01, \u0412-01 (U+0412), b-01 (rows 2, 3, 4, 5)" in out
    # 5 x 600.00 + 620.00 (December, 31 x 20) = 3,620.00: every row still settled on its own
    assert "payable 3,620.00 GEL" in out
    assert main(["settle", str(path), "--lang", "ka"]) == 1
    assert "2021-11: B-01, \u0412-01 (U+0412), b-01 (სტრიქონები 2, 3, 4, 5)" in capsys.readouterr().out


def test_settle_of_ids_alike_in_no_month_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "vouchers.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "B-01,2021-11,,,no,2021-12-06\nb-01,2021-12,,,no,2022-01-05\n",
        encoding="utf-8",
    )
    assert main(["settle", str(path)]) == 0
    assert "look alike" not in capsys.readouterr().out


SETTLE_IDS = ["B-1", " B-1", "b-1", "\u0412-1", "B-2", "7", "007", "\u10d1-1", "B-01", "B-10", "B-001", "C-01"]


@given(
    rows=st.lists(st.tuples(st.sampled_from(SETTLE_IDS), st.sampled_from(["2021-10", "2021-11"]), st.booleans())),
    cut=st.integers(0, 30),
    arrow=st.booleans(),
)
def test_settle_finds_the_months_of_alike_ids_however_the_rows_come(
    rows: list[tuple[str, str, bool]], cut: int, arrow: bool
) -> None:
    # A reference written apart: over the settled rows, group by (the key of the id without its
    # blanks, the month); a group of two or more distinct ids is a month settled under alike ids,
    # named by every row of it in order. With or without pyarrow, the rows in one run or two.
    import sys

    from voucherlib.reports.settlement_file import RepeatedMonths, SettledChunk

    groups: dict[tuple[str, str], dict[str, list[int]]] = {}
    for number, (ident, month, settled) in enumerate(rows, start=2):
        if settled:
            groups.setdefault((alike_key(ident), month), {}).setdefault(ident.strip(), []).append(number)
    want = {
        (", ".join(id_shown(i) for i in by_id), month): sorted(r for rs in by_id.values() for r in rs)
        for (_, month), by_id in groups.items()
        if len(by_id) > 1
    }
    repeated = RepeatedMonths()
    for lo, hi in ((0, min(cut, len(rows))), (min(cut, len(rows)), len(rows))):
        part = rows[lo:hi]
        columns = {
            "row": list(range(lo + 2, hi + 2)),
            "beneficiary_id": [ident for ident, _, _ in part],
            "month": [month for _, month, _ in part],
            "error": [None if settled else "refused" for _, _, settled in part],
        }
        repeated.see(SettledChunk(columns, (), 0, 0, 0, 0))
    with pytest.MonkeyPatch.context() as m:
        if not arrow:
            m.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` raises ImportError
        assert repeated.alike == want


@given(
    st.text(
        st.sampled_from(
            "BAEKMHOPCTXYIJSabekmhopctxyijs\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0423\u0430\u0432\u0435\u043a\u043c\u043d\u043e\u0440\u0441\u0442\u0445\u0443\u0418\u0438\u0391\u0392\u0395\u039a\u039c\u039f\u03a1\u03a4\u03a7\u03b1\u03b2\u03b5\u03ba\u03bc\u03bf\u03c1\u03c4\u03c7-0123456789"
        ),
        min_size=1,
        max_size=10,
    )
)
def test_an_id_in_latin_cyrillic_or_greek_letters_is_alike_whatever_its_case(ident: str) -> None:
    # review 53: В-01 and в-01 (Cyrillic Ve) were not alike: the capital was taken as a Latin B
    # before its case was folded, and its small letter, which looks like no Latin letter, stayed.
    # (Not Greek Nu: its capital is drawn as N, its small letter as v, and each stays so.)
    assert alike_key(ident) == alike_key(ident.upper()) == alike_key(ident.lower())


@pytest.mark.parametrize(("first", "second"), [("v-01", "\u03bd-01"), ("l-01", "\u04cf-01"), ("N-1", "\u039d-1")])
def test_a_small_letter_drawn_as_another_latin_letter_than_its_capital_is_alike_with_that_letter(
    first: str, second: str
) -> None:
    # review 54: folding the case first made Greek small nu (drawn as v) an n, and the Cyrillic
    # small palochka (drawn as l) an i: v-01 and ν-01 were no longer alike
    assert alike_findings(audit_invoice([nov(first), nov(second)]))[0][0] == (1, 2)


def test_every_latin_cyrillic_and_greek_letter_is_alike_with_its_other_case() -> None:
    """Review 127 F1: Cyrillic Һ/һ and Ԁ/ԁ (the small letter drawn as Latin h and d, its capital
    not in the table), the old Cyrillic small о and с forms, and the dotless ı of an Azerbaijani
    keyboard (whose capital is I) were not alike with their other case: I-01 and ı-01 each paid
    620.00 for October with no finding. Every letter of these scripts is alike with its capital,
    small and folded forms now, but the two whose cases are drawn as different Latin letters."""
    drawn_apart = {"\u039d", "\u03bd", "\u04c0", "\u04cf"}  # Ν/ν (N, v), Ӏ/ӏ (I, l): D39
    blocks = [*range(0x41, 0x530), *range(0x1C80, 0x1C89), *range(0x1E00, 0x2000)]
    for letter in (chr(point) for point in blocks if chr(point).isalpha() and chr(point) not in drawn_apart):
        for other in {letter.upper(), letter.lower(), letter.casefold()} - {letter}:
            if len(other) == 1:
                assert alike_key(f"{letter}-01") == alike_key(f"{other}-01"), (letter, other)
    # I-01 and ı-01, 600.00 each for November 2021 (30 x 20): one warning naming both lines
    report = audit_invoice([nov("I-01"), nov("\u0131-01")])
    assert [f.rows for f in report.findings.of_code("ids-alike")] == [(1, 2)]
    # (review 129 F3: the dotted capital İ, whose small letter i is two characters folded, was not
    # alike with i; each 600.00, one warning)
    report = audit_invoice([nov("i-01"), nov("\u0130-01")])
    assert [f.rows for f in report.findings.of_code("ids-alike")] == [(1, 2)]
    # (review 130 F3: and İ with its own folded form, i and a combining dot above, which that fix parted)
    assert alike_key("\u0130-01") == alike_key("i\u0307-01") == alike_key("I\u0307-01") == alike_key("i-01")


def test_cyrillic_ids_that_differ_only_in_case_are_alike_with_their_latin_look_alike() -> None:
    report = audit_invoice(
        [
            nov("B-01"),
            nov("\u0412-01"),
            nov("\u0432-01"),
            nov("\u0418\u0432\u0430\u043d-1"),
            nov("\u0418\u0412\u0410\u041d-1"),
        ]
    )
    # 5 x 600.00; B-01, В-01, в-01: 1,800.00 claimed; Иван-1, ИВАН-1: 1,200.00
    assert [(f.rows, f.amount) for f in report.findings.of_code("ids-alike")] == [
        ((1, 2, 3), Decimal("1800.00")),
        ((4, 5), Decimal("1200.00")),
    ]


def test_settle_counts_every_month_under_alike_ids_and_names_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    # review 53: half a million alike pairs kept every month's rows, doubling a million-row
    # settle's memory; the months past the first MOST_ALIKE_NAMED are counted, not kept
    from voucherlib.reports import alike_ids
    from voucherlib.reports.settlement_file import RepeatedMonths, SettledChunk

    monkeypatch.setattr(alike_ids, "MOST_ALIKE_NAMED", 2)
    ids = [f"B-{k}" for k in range(5)] + [f"b-{k}" for k in range(5)]  # 5 months under alike ids
    repeated = RepeatedMonths()
    columns = {"row": list(range(2, 12)), "beneficiary_id": ids, "month": ["2021-11"] * 10, "error": [None] * 10}
    repeated.see(SettledChunk(columns, (), 0, 0, 0, 0))
    assert repeated.alike_count == 5
    assert repeated.alike == {("B-0, b-0", "2021-11"): [2, 7], ("B-1, b-1", "2021-11"): [3, 8]}
    assert "; 5 months settled under ids that look alike" in repeated.text("en", most=1)


@given(st.lists(st.one_of(ascii_ids, any_ids, st.sampled_from(["B-1", "b-1", "0301", "301", "\u0412-1", "7", "B  1"]))))
def test_ids_said_to_be_their_own_keys_are(ids: list[str]) -> None:
    # the quick check settle makes a run of rows at a time: when it says every id is its own key,
    # none is another's (distinct ids, distinct keys), so no month is left unnamed
    from voucherlib.reports.alike_ids import own_keys

    stripped = [i.strip() for i in ids if "\n" not in i]
    if own_keys("\n".join(stripped)):
        assert all(alike_key(i) == i for i in stripped)


# ------------------------------------------------------------------ voucherlib facility


def _occupancy(tmp_path: Path, ids: list[str], month: str = "2021-09") -> Path:
    """One Tbilisi shelter month (limit 20, 18 served each of September's 30 days) under each of ``ids``."""
    path = tmp_path / "occupancy.csv"
    rows = [f"{ident},tbilisi,shelter,20,{month}-{day:02d},18" for ident in ids for day in range(1, 31)]
    path.write_text("facility_id,city,service,limit,date,children_served\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_facility_names_a_month_computed_under_alike_facility_ids_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 64: one facility's September written under F-1, F‐1 (U+2010) and f-1 was three
    # facility-months and exit 0. Each is still computed on its own: Tbilisi's shelter cap pays
    # 15 a day, 15 x 25 x 30 = 11,250.00, and the unfilled places min(20 - 18, 10) x 10 x 30 =
    # 600.00: 11,850.00 each, 35,550.00 in all; the month under alike ids is named, exit 1 (D39)
    path = _occupancy(tmp_path, ["F-1", "F\u20101", "f-1"])
    assert main(["facility", str(path), "--daily-rate", "25"]) == 1
    out = capsys.readouterr().out
    assert "total 35,550.00 GEL" in out
    assert "1 facility-month computed under ids that look alike" in out
    assert "2021-09: F-1, F\u20101 (U+2010), f-1 (rows 2-91)" in out
    assert main(["facility", str(path), "--daily-rate", "25", "--lang", "ka"]) == 1
    assert "2021-09: F-1, F\u20101 (U+2010), f-1 (სტრიქონები 2-91)" in capsys.readouterr().out
    # the CSV holds the table alone: the alike ids are said on standard error
    assert main(["facility", str(path), "--daily-rate", "25", "--format", "csv"]) == 1
    assert "F\u20101 (U+2010)" in capsys.readouterr().err
    report = vl.facility_file(path, daily_rate="25")
    assert report.alike == {("F-1, F\u20101 (U+2010), f-1", "2021-09"): list(range(2, 92))}


def test_facility_of_alike_ids_in_no_month_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # F-1 in September, f-1 in October: two facilities' months or one facility's two, no month twice
    path = _occupancy(tmp_path, ["F-1"])
    october = [f"f-1,tbilisi,shelter,20,2021-10-{day:02d},18" for day in range(1, 32)]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(october) + "\n", encoding="utf-8")
    assert main(["facility", str(path), "--daily-rate", "25"]) == 0
    assert "look alike" not in capsys.readouterr().out
    assert vl.facility_file(path, daily_rate="25").alike == {}


def test_settle_files_report_names_the_months_settled_twice_or_under_alike_ids(tmp_path: Path) -> None:
    # review 65: the command line names them and exits 1, but settle_file()'s report said nothing,
    # so a billing system on the API paid A's October twice without a word. Every row is still
    # settled on its own: A in October 2021 twice (rows 2, 4: 31 x 20 = 620.00 each, submitted
    # on 5 Nov, the deadline); B-01, b-01 and Cyrillic В-01 in November (rows 3, 5, 6: 30 x 20 =
    # 600.00 each, submitted on Mon 6 Dec, the deadline): 2 x 620 + 3 x 600 = 3,040.00
    path = tmp_path / "vouchers.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "A,2021-10,,,no,2021-11-05\nB-01,2021-11,,,no,2021-12-06\nA,2021-10,,,no,2021-11-05\n"
        "b-01,2021-11,,,no,2021-12-06\n\u0412-01,2021-11,,,no,2021-12-06\n",
        encoding="utf-8",
    )
    report = vl.settle_file(path)
    assert report.total_payable == Decimal("3040.00")
    assert report.repeated.found == {("A", "2021-10"): [2, 4]}
    assert report.repeated.alike == {("B-01, b-01, \u0412-01 (U+0412)", "2021-11"): [3, 5, 6]}
    text = report.to_text()
    assert "A 2021-10 (rows 2, 4)" in text and "B-01, b-01, \u0412-01 (U+0412) (rows 3, 5, 6)" in text
    assert "A 2021-10 (rows 2, 4)" in json.loads(report.to_json())["summary"][0]
    # a month written day first is the same month (D35)
    day_first = tmp_path / "day_first.csv"
    day_first.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "A,01/10/2021,,,no,05/11/2021\nA,2021-10,,,no,05/11/2021\n",
        encoding="utf-8",
    )
    assert vl.settle_file(day_first, day_first=True).repeated.found == {("A", "2021-10"): [2, 3]}


def test_the_digits_of_a_fraction_keep_their_zeros() -> None:
    # Review 186 F6: 0.05 and 0.5, V1.02 and V1.2 (a version's numbers) were alike, and settle
    # exited 1; a fraction's digits, after a digit and a point or a comma, keep their zeros. A
    # number after a letter and a point is no fraction: B.01 is B.1.
    assert alike_key("0.05") != alike_key("0.5") and alike_key("V1.02") != alike_key("V1.2")
    assert alike_key("1,05") != alike_key("1,5") and alike_key("B.01") == alike_key("B.1") == "B.1"
    import pyarrow as pa

    at, _ = shared_keys(pa.array(["0.05", "0.5", "V1.02", "V1.2", "B.01", "B.1"], pa.string()))
    assert sorted(at.tolist()) == [4, 5]
