"""R5, R6, R7, R9: limit tables, budgets, the early-development target group, service standards,
and program summaries in the shape of a municipal report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
from decimal import Decimal
from importlib import resources
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.cli import example_path, main
from voucherlib.core.citation import Citation
from voucherlib.core.errors import RuleSetError
from voucherlib.rules.limit_tables import _table_from

# ---------------------------------------------------------------- R6 limit tables


@pytest.mark.parametrize(
    ("annex", "column", "decree_total"),
    [("1.1", "a", 1018), ("2.2", "visits", 20432), ("2.4", "a", 639), ("2.4", "b", 1146), ("2.4", "c", 56)],
)
def test_each_table_sums_to_the_decree_total(annex: str, column: str, decree_total: int) -> None:
    table = vl.limit_table(annex)
    assert sum(table.lookup(r.key, column) for r in table.rows) == decree_total
    assert table.total(column) == decree_total


def test_r5_the_monthly_visit_limit_is_the_annex_2_2_total() -> None:
    # Annex 2.2, Art. 3, para 1: at most 20,432 visits a month, all municipalities together (the
    # table's own total), in force from 1 Oct 2021 (review 46: read by no test but a doctest).
    rules = vl.RuleSet.default()
    limit = rules.value("early_development.monthly_visit_limit", dt.date(2021, 10, 1))
    assert limit.value == 20432 == vl.limit_table("2.2").total("visits")
    assert limit.citation.annex == "2.2" and limit.citation.article == 3 and limit.citation.paragraph == 1
    with pytest.raises(vl.RuleNotInForce):
        rules.value("early_development.monthly_visit_limit", dt.date(2021, 9, 30))


def test_abasha_in_annex_1_1_is_derived_from_the_total_and_says_so() -> None:
    row = vl.limit_table("1.1").row("Abasha")
    # 1,018 (the decree's total) - 1,010 (570+82+44+30+30+20+39+38+40+10+15+15+14+15+10+18+20) = 8
    assert row.values == {"a": 8} and row.derived is not None and "1,018" in row.derived


def test_the_tables_command_says_under_the_table_which_row_is_derived(capsys: pytest.CaptureFixture[str]) -> None:
    # review 139 N1, 159 F3: the note under Annex 1.1 began "* Abasha: ..." and no row carried a
    # "*"; the note names its row, and no line of the view holds a "*" that points nowhere
    assert main(["tables", "1.1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    (note,) = [line for line in lines if "the decree leaves" in line]
    assert note.startswith("Abasha: the decree leaves Abasha's cell empty; 8 = the decree's total 1,018")
    assert not any("*" in line for line in lines)


@pytest.mark.parametrize(
    ("annex", "municipality", "column", "value"),
    [
        ("2.4", "Batumi", "b", 51),
        ("2.4", "ქ. ბათუმი", "b", 51),
        ("2.4", "batumi", "a", 0),  # an empty cell of the decree
        ("2.4", "Tbilisi", "c", 40),
        ("1.1", "Sighnaghi (except Tsnori)", None, 20),
        ("1.1", "სიღნაღის მუნიციპალიტეტი (გარდა ქ. წნორისა)", None, 20),
        ("2.2", "თბილისი", None, 9120),  # the "ქ." prefix is optional
        ("2.2", "KUTAISI", None, 2600),
    ],
)
def test_lookup_by_english_key_or_georgian_name(annex: str, municipality: str, column: str | None, value: int) -> None:
    assert vl.limit_table(annex).lookup(municipality, column) == value


ROWS = st.sampled_from([(annex, row) for annex, table in vl.limit_tables().items() for row in table.rows])


@given(ROWS)
def test_any_lookup_by_georgian_name_equals_the_lookup_by_english_key(annex_row) -> None:
    annex, row = annex_row
    table = vl.limit_table(annex)
    for column in table.columns:
        assert table.lookup(row.ka, column) == table.lookup(row.key, column) == row.values.get(column, 0)


def test_an_unknown_municipality_suggests_the_closest_names() -> None:
    with pytest.raises(vl.InvalidInput, match=r"municipality: got 'Kutasi'.*closest: 'Kutaisi'"):
        vl.limit_table("2.2").lookup("Kutasi")


def test_a_table_with_several_columns_needs_one_named() -> None:
    with pytest.raises(vl.InvalidInput, match="column: got None"):
        vl.limit_table("2.4").lookup("Tbilisi")


def test_limits_in_use_flag_each_excess_and_the_total() -> None:
    use = vl.limits_in_use("2.2", {"Tbilisi": 9121, "Poti": 160, "ქ. ბათუმი": 10})
    # Tbilisi 9,121 > 9,120: over by one; Poti exactly at 160: not over; total 9,291 of 20,432.
    assert [r.municipality for r in use.over] == ["Tbilisi"]
    assert use.total_used == 9291 and use.total_limit == 20432 and not use.total_over
    assert "Tbilisi" in use.to_text() and "OVER" in use.to_text()
    # review 139 N2: the counts were written ungrouped ("9121 of   9120", "total 9291 of 20432"),
    # where every other view groups them: 9,121 of 9,120 in English, 9 121 / 9 120 in Georgian
    lines = use.to_text().splitlines()
    assert lines[1].split() == ["Tbilisi", "9,121", "of", "9,120", "OVER"]
    assert lines[-1].split() == ["total", "9,291", "of", "20,432"]
    assert use.to_text("ka").splitlines()[-1].split() == ["სულ", "9", "291", "/", "20", "432"]
    # review 140 F5: a derived limit's note said "the limit 9120" beside "9,120" (a use made in
    # code: the bundled tables derive Abasha's 8 alone)
    row = vl.LimitUseRow(municipality="Gori", limit=9120, used=9121, derived="the sum of two")
    made = vl.LimitUse(
        annex="9.9",
        column="visits",
        rows=(row,),
        total_limit=9120,
        citation=use.citation,
        effective_from=use.effective_from,
    )
    assert "(the limit 9,120: the sum of two)" in made.to_text()


def _raw_table(annex: str) -> dict[str, Any]:
    """A limit table's entry of ``limit_tables.toml``, as loaded."""
    text = resources.files("voucherlib.data").joinpath("limit_tables.toml").read_text(encoding="utf-8")
    return dict(tomllib.loads(text)["tables"][annex])


def test_each_table_has_its_georgian_text_beside_the_english() -> None:
    table = vl.limit_table("2.4")
    # the decree's heading of the third column, Decree 467, Art. 1, para 2(d.b)
    assert table.description("c", "ka") == "ამ დანართის მე-3 მუხლის პირველი პუნქტის „გ“ ქვეპუნქტით განსაზღვრული პირები"
    assert table.header("c", "ka") == "გ" and table.header("c") == "c"
    assert table.text_of("ka")[0].startswith("დღის ცენტრებში მომსახურებით უზრუნველყოფის ქვეპროგრამა")
    assert table.row("Batumi").name("ka") == "ქ. ბათუმი" and table.row("Batumi").name() == "Batumi"
    # the place of the table in Annex 2.4 ("after para 7") is said in Georgian as well
    assert table.citation.text("ka").endswith("(მე-7 პუნქტის შემდგომ თანდართული ცხრილი)")
    assert vl.limit_table("1.1").row("Abasha").derivation("ka").startswith("დადგენილებაში აბაშის")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw.pop("title_ka"), "missing field 'title_ka'"),
        (lambda raw: raw.update(unit_ka="persons"), "unit_ka must be Georgian text"),
        (lambda raw: raw.update(headers_ka={"a": "ა", "b": "ბ"}), "headers_ka must name the columns"),
        (lambda raw: raw.update(columns_ka={**raw["columns_ka"], "c": "persons (c)"}), "columns_ka.c must be Georgian"),
        (lambda raw: raw["rows"][0].update(derived="a note in English only"), "'derived' and 'derived_ka'"),
    ],
)
def test_a_table_without_its_georgian_text_does_not_load(change, message: str) -> None:
    raw = _raw_table("2.4")
    raw["rows"] = [dict(r) for r in raw["rows"]]
    change(raw)
    with pytest.raises(RuleSetError, match=re.escape(message)):
        _table_from("2.4", raw)


def test_a_georgian_note_of_a_citation_needs_its_english_note() -> None:
    with pytest.raises(ValueError, match="'note_ka' is the Georgian of 'note'"):
        Citation(act="decree_825", annex="2.4", article=4, note_ka="ცხრილი")


def test_tables_in_georgian_name_each_municipality_as_the_decree_does(capsys) -> None:
    assert main(["tables", "2.4", "-m", "Batumi", "-c", "b", "--lang", "ka", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    # one cell: Batumi's 51 of column "b" (Decree 467, Art. 1, para 2(d.b)), named in Georgian
    assert rows[0]["municipality"] == "ქ. ბათუმი" and rows[0]["value"] == "51"
    assert rows[0]["column"].startswith("ბ: ამ დანართის მე-3 მუხლის პირველი პუნქტის „ბ“")


# ---------------------------------------------------------------- R7 budgets

R7 = {
    "1.1": 2_600_000, "1.2.2": 2_818_100, "1.4": 2_912_300, "1.5": 20_000, "2.1": 1_620_000, "2.2": 3_200_000,
    "2.3": 4_670_000, "2.4": 4_192_000, "2.5": 590_000, "2.6": 11_081_325, "2.7": 2_415_000, "2.8": 1_070_000,
    "2.9": 285_000, "2.12": 51_400, "2.13": 20_000,
}  # fmt: skip


@pytest.mark.parametrize(("annex", "amount"), R7.items())
def test_every_budget_of_r7(annex: str, amount: int) -> None:
    assert vl.budget(annex).amount == amount
    assert vl.budget(annex).citation.annex == annex


def test_annex_2_1_is_split_into_its_two_measures() -> None:
    assert [(m.measure, m.amount) for m in vl.budget("2.1").measures] == [("a", 500_000), ("b", 1_120_000)]
    # Decree 467, Art. 1, para 2(a): "... მე-2 მუხლის „ა“ ქვეპუნქტით გათვალისწინებული ღონისძიება − 500 000 ლარით"
    assert [m.letter("ka") for m in vl.budget("2.1").measures] == ["ა", "ბ"]
    assert vl.budget("2.1").measures[0].title_ka.endswith("„ა“ ქვეპუნქტით გათვალისწინებული ღონისძიება")


def test_a_budget_title_in_latin_letters_is_not_georgian() -> None:
    with pytest.raises(ValueError, match="title_ka must be Georgian text"):
        type(vl.budget("2.1")).model_validate({**vl.budget("2.1").model_dump(), "title_ka": "Foster care"})


def test_settlements_against_the_youth_voucher_budget() -> None:
    settlements = [vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-01")] * 10  # 10 x 620.00
    use = vl.budget_in_use("2.12", settlements)
    # 6,200.00 of 51,400: 6,200 / 51,400 = 12.062...% -> 12.06; remaining 45,200.00
    assert use.spent == Decimal("6200.00") and use.share == Decimal("12.06") and use.remaining == Decimal("45200.00")
    assert not use.over and vl.budget_in_use("2.12", "51400.01").over


def test_the_use_of_a_limit_table_and_of_a_budget_is_said_in_georgian_too() -> None:
    """``to_text("ka")`` of a limit table's use and of a budget's use says every word in Georgian:
    the municipalities by the decree's names, the column by its letter, a derived limit's note and
    the citation in Georgian (they were English alone)."""
    use = vl.limits_in_use("1.1", {"Abasha": 9, "Tbilisi": 3}, month="2021-10")
    ka = use.to_text("ka")
    # Abasha 9 of its derived 8 (1,018 - 1,010): over; the total 12 of 1,018 is not
    abasha = next(line for line in ka.splitlines() if "აბაშ" in line)
    assert "9 /      8  ლიმიტს აღემატება" in abasha and "1 018" in abasha
    assert "ქ. თბილისი" in ka and "სულ" in ka and "ძალაშია 2021-10-01-დან" in ka
    assert not re.findall(r"[A-Za-z]+", re.sub(r"\b[RD]\d+\b", "", ka)), ka
    assert "Abasha" in use.to_text() and "OVER" in use.to_text()  # English as before
    over = vl.budget_in_use("2.12", "51400.01")  # 0.01 GEL over its 51,400: 100.00% (rounded), 0.01 over
    ka = over.to_text("ka")
    # (review 152 F13: over the budget, the line says by how much, not "-0.01 left")
    assert (
        "დახარჯულია 51 400.01 ლარი 51 400.00 ლარიდან (100.00%), ბიუჯეტი გადაჭარბებულია 0.01 ლარით  ბიუჯეტს აღემატება"
        in ka
    )
    assert not re.findall(r"[A-Za-z]+", ka), ka
    assert over.to_text().startswith("Annex 2.12 (") and "over the budget by 0.01 GEL  OVER BUDGET" in over.to_text()
    with pytest.raises(vl.InvalidInput, match="lang: got 'de'"):
        over.to_text("de")
    # review 120 F2: a use made in code says its own note, and one of no bundled table says itself
    data = use.model_dump()
    data["rows"] = [
        {**row, "limit": 99, "derived": "my note"} if row["municipality"] == "Abasha" else row for row in data["rows"]
    ]
    own = type(use).model_validate(data)
    assert "(the limit 99: my note)" in own.to_text() and "(ლიმიტი 99: my note)" in own.to_text("ka")
    other = type(use).model_validate({**data, "annex": "9.9"})  # (a copy with an update is refused: review 191 F2)
    assert other.to_text().startswith("Annex 9.9 limits in use")


@pytest.mark.parametrize("spent", ["-5", "-0.00", -1, Decimal("-0.01")])
def test_money_spent_against_a_budget_is_never_negative(spent: object) -> None:
    # review 49: budget_in_use("2.8", "-5") was taken, a share of -0.00%
    with pytest.raises(vl.InvalidInput, match=r"spent: got .*an amount of 0 or more"):
        vl.budget_in_use("2.8", spent)  # type: ignore[arg-type]
    assert vl.budget_in_use("2.8", "0").spent == 0


def test_a_result_that_pays_less_than_nothing_is_refused_by_its_place() -> None:
    # Review 266 F1: a result "with a Decimal payable" of -620.00 beside a settlement of 620.00 was
    # netted away: spent 0.00, remaining 51,400.00. No rule pays less than nothing (R2: 620.00 less
    # 10% a late working day, at most the whole; or 0.00 not funded), so an item below zero, or
    # -0.00, is refused naming its place. October 2021 in full, in time: 31 x 20.00 = 620.00;
    # 620.00 of 51,400.00 is 1.21% (1.2062%).
    ok = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-05")
    for payable in ("-620.00", "-0.01", "-0.00"):
        refund = SimpleNamespace(payable=Decimal(payable), month=vl.Month(2021, 10))
        with pytest.raises(vl.InvalidInput, match=r"^spent\[1\]\.payable: got .*an amount of 0 or more"):
            vl.budget_in_use("2.12", [ok, refund])
        with pytest.raises(vl.InvalidInput, match=r"^settlements\[1\]\.payable: got .*an amount of 0 or more"):
            vl.summary_line(1, "x", [ok, refund])
        with pytest.raises(vl.InvalidInput, match=r"^spent\[0\]\.payable"):
            vl.budget_in_use("2.12", [refund])
    use = vl.budget_in_use("2.12", [ok, SimpleNamespace(payable=Decimal("0.00"), month=vl.Month(2021, 10))])
    assert (use.spent, use.remaining, use.share) == (Decimal("620.00"), Decimal("50780.00"), Decimal("1.21"))


def test_a_budget_takes_the_results_of_its_own_subprogram_alone() -> None:
    # review 33: an Annex 2.12 settlement was counted against the 2.8 budget, and the 2.8
    # facility-months themselves were refused. A Gori shelter (no cap), limit 10, 3 children a day in
    # Oct 2021 at 25 GEL: 3 x 31 x 25 = 2,325.00 for the children; 7 places unfilled, at most 5
    # paid: 5 x 31 x 10 = 1,550.00; total 3,875.00, twice 7,750.00.
    voucher = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-01")
    shelter = vl.facility_month("2021-10", city="Gori", service="shelter", limit=10, occupancy=3, daily_rate="25")
    assert vl.budget_in_use("2.8", [shelter, shelter]).spent == Decimal("7750.00")
    # review 34: the audit lines of either audit, and a facility file's results, say their annex
    # too. The example invoice pays 600+750+200+900+220+180+0 = 2,850.00 (Annex 2.12, worked line
    # by line in test_audit.py); the example facility audit 34,950.00 (Annex 2.8, at 25 GEL:
    # F-1 Tbilisi shelter 420 paid child-days x 25 + 120 place-days x 10 = 11,700.00; F-2 Batumi
    # day centre 900 x 25 + 150 x 5 = 23,250.00).
    voucher_lines = list(vl.audit_invoice(example_path("invoice.csv")).checked)
    facility_lines = list(
        vl.audit_facility_invoice(
            example_path("facility_occupancy.csv"), example_path("facility_claims.csv"), daily_rate="25"
        ).checked
    )
    months = vl.facility_file(example_path("facility_occupancy.csv"), daily_rate="25").results
    assert vl.budget_in_use("2.12", voucher_lines).spent == Decimal("2850.00")
    assert vl.budget_in_use("2.8", facility_lines).spent == Decimal("34950.00")
    assert vl.budget_in_use("2.8", months).spent == Decimal("34950.00")
    for annex, result, of in (
        ("2.8", voucher, "2.12"),
        ("1.1", voucher, "2.12"),
        ("2.12", shelter, "2.8"),
        ("2.8", voucher_lines[0], "2.12"),
        ("2.12", facility_lines[0], "2.8"),
        ("2.12", months[0], "2.8"),
    ):
        with pytest.raises(vl.InvalidInput, match=rf"spent\[0\].*a result of Annex {of}, whose budget") as info:
            vl.budget_in_use(annex, [result])
        assert info.value.field == "spent[0]"


def test_a_budget_pays_the_months_of_its_own_program_year_alone() -> None:
    """D45 (review 111): the R7 budgets are the 2021 Program's. A result of a service month of
    another year, settled under a rule set that carries the 2021 terms on, is refused, naming
    ``spent[i].month`` and its month; a month of 2021, September too, counts."""
    rules = vl.RuleSet.default().extend(example_path("continuation_2022_2026.toml"))

    # Gori shelter, limit 10, 3 children a day at 25 GEL: 3 x 31 x 25 = 2,325.00 for the children,
    # 5 of the 7 unfilled places paid at 10 GEL: 5 x 31 x 10 = 1,550.00; 3,875.00 a 31-day month.
    def shelter(month: str) -> vl.FacilityMonth:
        return vl.facility_month(
            month, city="Gori", service="shelter", limit=10, occupancy=3, daily_rate="25", rules=rules
        )

    # September 2021 has 30 days: 3 x 30 x 25 + 5 x 30 x 10 = 2,250.00 + 1,500.00 = 3,750.00
    assert vl.budget_in_use("2.8", [shelter("2021-09"), shelter("2021-10")]).spent == Decimal("7625.00")
    voucher = vl.settle(vl.voucher_month("2026-03", rules=rules), submitted_on="2026-04-01")
    invoice = [
        vl.InvoiceLine(beneficiary_id="B-1", name="N", month="2022-01", claimed="620.00", submitted_on="2022-02-01")
    ]
    line = vl.audit_invoice(invoice, rules=rules).lines[0]
    october = {"2.8": shelter("2021-10"), "2.12": vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-01")}
    for annex, result, month in (
        ("2.8", shelter("2024-01"), "2024-01"),
        ("2.12", voucher, "2026-03"),
        ("2.12", line, "2022-01"),
    ):
        with pytest.raises(
            vl.InvalidInput, match=r"spent\[1\]\.month: got '\d{4}-\d\d'.*service month of 2021"
        ) as info:
            vl.budget_in_use(annex, [october[annex], result])
        assert info.value.field == "spent[1].month" and info.value.value == month


def test_a_budget_names_a_line_of_an_audit_that_was_not_checked() -> None:
    """Review 111 M2: a line the audit could not check has no amount payable; the refusal says so
    and how to pass the lines checked, where it said 'expected a Settlement'."""
    import pandas as pd  # (an invoice whose month is no month: its line cannot be checked)

    row = {"beneficiary_id": "B-1", "name": "N", "month": "2021-13", "enrolled_on": None, "discharged_on": None}
    row |= {"disability": "no", "claimed": "620.00", "submitted_on": "2021-11-01"}
    report = vl.audit_invoice(pd.DataFrame([row]))
    assert not report.lines[0].checked
    with pytest.raises(vl.InvalidInput, match=r"spent\[0\]: .*this line of the audit was not checked.*line\.checked"):
        vl.budget_in_use("2.12", report.lines)


# ---------------------------------------------------------------- R5 target group


@pytest.mark.parametrize(
    ("birth", "month", "reason"),
    [
        ("2021-10-31", "2021-10", "in_group"),  # born on the last day of the month: in that month
        ("2021-11-01", "2021-10", "not_born_yet"),
        ("2014-10-15", "2021-10", "in_group"),  # turns seven this month: the month counts
        ("2014-10-15", "2021-11", "past_age_limit"),
        ("2014-11-01", "2021-11", "in_group"),
        ("2016-02-29", "2023-02", "in_group"),  # turns seven on 28 Feb 2023 (relativedelta)
        ("2016-02-29", "2023-03", "past_age_limit"),
    ],
)
def test_target_group_edges(birth: str, month: str, reason: str) -> None:
    check = vl.in_early_development_target_group(birth, month, rules=_to_2026())
    assert check.reason == reason and bool(check) is (reason == "in_group")
    assert "Annex 2.2, Art. 3, para 1 of the State Program" in check.explain()


def _to_2026() -> vl.RuleSet:
    from tests.conftest import ruleset_through_2026

    return ruleset_through_2026()


def test_a_29_february_birthday_turns_seven_on_28_february() -> None:
    assert vl.in_early_development_target_group("2016-02-29", "2023-02", rules=_to_2026()).birthday == dt.date(
        2023, 2, 28
    )


def test_a_month_whose_age_limit_changes_within_it_answers_a_child_of_one_answer_alone() -> None:
    # Review 193 F3: a 2022 year lowering the age limit from 7 to 5 on 10 May 2022 answered May by
    # the limit of 1 May alone ("in the group up to and including 2024-04", born 20 Apr 2017),
    # where June answered past the age limit since April 2022. A month's answer has no one limit
    # then: refused, naming the limits and the day of the change; the months around it answered.
    from tests.conftest import test_year

    rules = test_year(
        '[parameters."early_development.target_group.age_years"]\nvalues = [{ effective_from = 2022-01-01,'
        ' value = 7, citation = "test_year" }, { effective_from = 2022-05-10, value = 5, citation = "test_year" }]\n'
    )
    with pytest.raises(
        vl.InvalidInput, match=r"^month: got '2022-05'.*\(7: 2022-05-01\.\.2022-05-09, 5: 2022-05-10\.\."
    ):
        vl.in_early_development_target_group("2017-04-20", "2022-05", rules=rules)
    # review 199 F1: a child whose answer is the same under both limits is answered (the last
    # limit's figures): born 1 Jan 2019, 3 in May 2022, fifth birthday 1 Jan 2024: in the group;
    # born 1 Jun 2022: not born yet in May, whatever the limit
    three = vl.in_early_development_target_group("2019-01-01", "2022-05", rules=rules)
    assert (three.reason, three.age_limit, three.birthday) == ("in_group", 5, dt.date(2024, 1, 1))
    assert vl.in_early_development_target_group("2022-06-01", "2022-05", rules=rules).reason == "not_born_yet"
    # April: limit 7, seventh birthday 20 Apr 2024: in the group; June: limit 5, fifth birthday
    # 20 Apr 2022, so April 2022 was the last month: past the age limit
    assert vl.in_early_development_target_group("2017-04-20", "2022-04", rules=rules).reason == "in_group"
    june = vl.in_early_development_target_group("2017-04-20", "2022-06", rules=rules)
    assert (june.reason, str(june.last_month)) == ("past_age_limit", "2022-04")


def test_the_target_group_rule_takes_effect_on_1_october_2021() -> None:
    with pytest.raises(vl.RuleNotInForce):
        vl.in_early_development_target_group("2020-01-01", "2021-09")


# ---------------------------------------------------------------- R9 service standards


@pytest.mark.parametrize(("beneficiaries", "workers"), [(0, 0), (1, 1), (25, 1), (26, 2), (50, 2), (51, 3)])
def test_one_worker_per_25_beneficiaries_or_part_of_25(beneficiaries: int, workers: int) -> None:
    assert vl.required_workers(beneficiaries) == workers


def test_a_rule_set_of_no_beneficiaries_a_worker_is_refused_where_it_is_made() -> None:
    # Review 193 F2: 0 beneficiaries a worker was within the unit's bounds (0 to 1,000,000): the
    # rule set loaded, and required_workers ended in a ZeroDivisionError. Refused by the file's
    # reader and by a rule set made in code alike, naming the value.
    from tests.conftest import test_year
    from voucherlib.core.frozen import FrozenMap

    key = "youth_voucher.standards.beneficiaries_per_worker"
    with pytest.raises(RuleSetError, match=re.escape(f"{key}.values[0].value: value 0 is under 1: one worker")):
        test_year(
            f'[parameters."{key}"]\nvalues = [{{ effective_from = 2022-01-01, value = 0, citation = "test_year" }}]\n'
        )
    (program,) = vl.RuleSet.default().programs
    zero = program.parameters[key].values[0].model_copy(update={"value": 0})
    parameters = FrozenMap({**program.parameters, key: program.parameters[key].model_copy(update={"values": (zero,)})})
    with pytest.raises(RuleSetError, match="value 0 is under 1"):
        vl.RuleSet([program.model_copy(update={"parameters": parameters})])
    # one a worker: as many workers as beneficiaries (the bound itself is taken)
    one = test_year(
        f'[parameters."{key}"]\nvalues = [{{ effective_from = 2022-01-01, value = 1, citation = "test_year" }}]\n'
    )
    assert vl.required_workers(7, on="2022-03-01", rules=one) == 7


def test_no_safe_housing_unit_has_more_than_three() -> None:
    check = vl.check_housing_units({"flat A": 3, "flat B": 4, "flat C": 1})
    assert not check.ok and check.over == (("flat B", 4),)
    assert vl.check_housing_units({"flat A": 3}).ok


# ---------------------------------------------------------------- program summary


def test_the_municipal_report_example_totals_recomputed_by_hand() -> None:
    report = vl.municipal_report_example()
    assert len(report.lines) == 16
    # 215+34+14+45+0+742+119+44+175+26+9+7+3+1+10+23 = 1,467
    assert report.total_beneficiaries == 1467
    # 74,978+20,350+18,900+42,350+0+86,050+23,600+22,650+243,570+29,400+10,000+16,800+600+1,200+67,000+3,250 = 660,698
    assert report.total_amount == Decimal("660698")
    assert "სულ" in report.to_text("ka") and "660,698.00" in report.to_text("en")
    # review 33: families, patients and children are not added up into one count; by unit:
    # patients 215+45 = 260; beneficiaries 34+14+0+26+3+1 = 78; families 742+119+44+175+7+10+23 =
    # 1,120; children 9 (260+78+1,120+9 = 1,467)
    assert report.by_unit() == {"patients": 260, "beneficiaries": 78, "families": 1120, "children": 9}
    assert report.by_unit("ka") == {"პაციენტი": 260, "ბენეფიციარი": 78, "ოჯახი": 1120, "ბავშვი": 9}
    assert "1,467" not in report.to_text("en") and "families: 1,120" in report.to_text("en")


def test_the_municipal_report_examples_georgian_titles_keep_the_reports_words() -> None:
    # Review 203 F6: three titles dropped words of the report (its lines 1, 4 and 14), which their
    # English kept ("needing constant treatment", "after inpatient care")
    titles = {line.number: line.title_ka for line in vl.municipal_report_example().lines}
    assert titles[1].startswith("ჯანმრთელობის ცვლილებით გამოწვეული საყოველთაო დაზღვევით")
    assert titles[4].startswith("მუდმივად ანდა სისტემატურად მკურნალობის საჭიროების მქონე იშვიათი")
    assert titles[14].startswith("სტაციონარული მკურნალობის შემდგომ ბინაზე კომატოზურ")


def test_a_summary_line_from_settlements() -> None:
    paid = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-01")  # 620.00
    rejected = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-15")  # 6 late: 0.00
    line = vl.summary_line(1, "Youth voucher (Annex 2.12)", [paid, rejected])
    assert (line.beneficiaries, line.amount) == (1, Decimal("620.00"))
    # its unit is voucherlib's word, said in Georgian too (review 194 F4: "voucher-months" in a
    # Georgian summary)
    assert (line.unit, line.unit_ka) == ("voucher-months", "ვაუჩერ-თვე")
    summary = vl.ProgramSummary(lines=(line,))
    assert "ვაუჩერ-თვე" in summary.to_text("ka") and "voucher-months" not in summary.to_text("ka")


def test_a_summary_line_of_youth_vouchers_refuses_a_shelters_month() -> None:
    # review 93: a facility-month of Annex 2.8 (a Gori shelter, Sep 2021, limit 10, 3 children at
    # 25 GEL a day: 3 x 25 x 30 = 2,250.00; 7 places unfilled, paid for at most 50% of the limit,
    # 5 x 10 GEL x 30 = 1,500.00 (R3); 3,750.00) was counted as a voucher-month of Annex 2.12 and
    # its money added to the line
    paid = vl.settle(vl.voucher_month("2021-11", enrolled_on="2021-01-01"), submitted_on="2021-12-06")  # 600.00
    shelter = vl.facility_month("2021-09", city="Gori", service="shelter", limit=10, occupancy=3, daily_rate="25")
    assert shelter.annex == "2.8" and shelter.total == Decimal("3750.00")
    with pytest.raises(vl.InvalidInput) as caught:
        vl.summary_line(1, "Youth voucher", [paid, shelter])
    assert caught.value.field == "settlements[1]" and "Annex 2.8" in str(caught.value)
    with pytest.raises(vl.InvalidInput, match=r"Annex 2\.8"):  # (against the budget, as before, in its words)
        vl.budget_in_use("2.12", [paid, shelter])


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            '[[program]]\nnumber = 1\ntitle = "a"\nbeneficiaries = 742\nunti = "families"\namount = "1.00"\n',
            "program[0].unti",
        ),
        ('[[program]]\nnumber = 1\ntitle = "a"\nbeneficiaries = 7\namount = "5"\namout = "6"\n', "program[0].amout"),
        ('titel = "x"\n[[program]]\nnumber = 1\ntitle = "a"\nbeneficiaries = 1\namount = "5"\n', "titel"),
    ],
)
def test_a_reports_misspelt_key_is_refused_naming_it(text: str, field: str) -> None:
    # review 93: 'unti = "families"' was dropped: 742 families and 215 patients were totalled as
    # 957 beneficiaries; a case file's misspelt key was refused, a report's not
    from voucherlib.reports.program_summary import summary_from_toml

    with pytest.raises(vl.InvalidInput) as caught:
        summary_from_toml(text, "report.toml")
    assert caught.value.field == field and "misspelt" in str(caught.value)


# ---------------------------------------------------------------- command line


def test_tables_answers_batumis_day_centre_limit_for_category_b(capsys) -> None:
    assert main(["tables", "2.4", "--municipality", "Batumi", "--column", "b"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # the value 51 stands under the column "value" (the header and the cell end at the same place)
    header, row = lines[1], lines[3]
    assert row.split()[:2] == ["2.4", "Batumi"]
    assert row.index("51") + 2 == header.index("value") + len("value")


@pytest.mark.parametrize("column", ["b", "B", " b ", "ბ"])
def test_a_limit_column_is_named_by_its_key_or_its_georgian_heading(column: str) -> None:
    # review 33: --lang ka heads Annex 2.4's columns ა, ბ, გ, and `-c ბ` (or `-c B`) was refused.
    # Batumi, Annex 2.4, column b: 51 (the decree's table).
    assert vl.limit_table("2.4").lookup("Batumi", column) == 51
    assert vl.limit_table("2.2").lookup("Batumi", "ვიზიტები") == 760  # the decree's 760 visits a month
    with pytest.raises(vl.InvalidInput, match="expected one of 'a', 'b', 'c'"):
        vl.limit_table("2.4").lookup("Batumi", "d")


def test_tables_prints_a_row_under_its_own_columns(capsys) -> None:
    # Batumi in Annex 2.4: a empty, b 51, c empty; "51" must end under the header "b".
    assert main(["tables", "2.4", "-m", "Batumi"]) == 0
    header, _, row = capsys.readouterr().out.splitlines()[1:4]
    assert row.startswith("Batumi") and row.index("51") + 2 == header.index(" b ") + 2


def test_tables_lists_the_tables_and_the_budgets(capsys) -> None:
    assert main(["tables"]) == 0
    out = capsys.readouterr().out
    assert "2.4" in out and "11,081,325" in out and "a: 500,000" in out


def test_each_budget_and_limit_table_cites_its_own_provision(capsys) -> None:
    # review 33: one note, Annex 1.1's citation, stood under all 15 budgets. The seed sets the
    # 2.8 budget in Art. 6, para 1 (Decree 467, Art. 1, para 2(t.a.a)), those of 1.4 and 2.6 in
    # Art. 5, para 1, the others in Art. 4, para 1; Annex 2.2's limit table is in Art. 3, para 1.
    # Each row cites its provision, the act they are in is named once under the table (review 35:
    # in Georgian the act's name comes first, and a cut cell showed nothing else).
    import json

    assert main(["tables", "--format", "json"]) == 0
    limits, budgets = json.loads(capsys.readouterr().out)["tables"]
    cited = {r["annex"]: r["provision"] for r in budgets["rows"]}
    assert (
        cited["2.8"] == "Annex 2.8, Art. 6, para 1, as worded by Decree No. 467 of 15 Sep 2021, Art. 1, para 2(t.a.a)"
    )
    assert cited["1.4"].startswith("Annex 1.4, Art. 5, para 1, as worded by")
    assert cited["2.6"].startswith("Annex 2.6, Art. 5, para 1, as worded by")
    assert cited["2.12"].startswith("Annex 2.12, Art. 4, para 1, as worded by")
    assert len(set(cited.values())) == len(cited) == 15
    act = "the provisions cited are of the State Program approved by Government Decree No. 825 of 31 Dec 2020"
    amending = '"as worded by" and "as added by" name Government Decree No. 467 of 15 Sep 2021'  # (review 36)
    assert budgets["notes"] == limits["notes"] == [act, amending]
    # Decree 467, Art. 2: in force on 1 Oct 2021 (the amended tables and budgets among them)
    assert {r["in_force_from"] for r in [*limits["rows"], *budgets["rows"]]} == {"2021-10-01"}
    assert {r["annex"]: r["provision"][:26] for r in limits["rows"]} == {
        "1.1": "Annex 1.1, Art. 4, table, ",
        "2.2": "Annex 2.2, Art. 3, para 1,",
        "2.4": "Annex 2.4, Art. 4, table, ",
    }
    # a citation's note stays (review 36): Annex 2.4's table stands after its para 7
    assert limits["rows"][2]["provision"].endswith("(the table after para 7)")
    assert main(["tables", "--format", "json", "--lang", "ka"]) == 0
    _, budgets_ka = json.loads(capsys.readouterr().out)["tables"]
    by_annex = {r["annex"]: r["provision"] for r in budgets_ka["rows"]}
    assert by_annex["2.8"].startswith("№2.8 დანართის მე-6 მუხლის პირველი პუნქტი")
    assert main(["tables", "2.4", "--format", "json"]) == 0  # one table: its day too (review 35)
    (table,) = json.loads(capsys.readouterr().out)["tables"]
    assert "in force from 2021-10-01" in table["notes"]


def test_a_unit_given_in_georgian_on_some_lines_only_is_one_unit() -> None:
    # review 34: English showed one total of 15 patients, Georgian "პაციენტი: 10, patients: 5"
    from voucherlib.reports.program_summary import summary_from_toml

    line = 'title = "a"\ntitle_ka = "ა"\nbeneficiaries = {n}\nunit = "patients"\n{ka}amount = "1.00"\n'
    text = "[[program]]\nnumber = 1\n" + line.format(n=10, ka='unit_ka = "პაციენტი"\n')
    text += "[[program]]\nnumber = 2\n" + line.format(n=5, ka="")
    report = summary_from_toml(text)
    assert report.by_unit() == {"patients": 15} and report.by_unit("ka") == {"პაციენტი": 15}


def test_units_are_grouped_alike_in_both_languages() -> None:
    # review 35: two English units with one Georgian name were one in Georgian (a total shown)
    # and two in English (none); "families", "Families " were three units; the default unit was
    # English in the Georgian view.
    from voucherlib.reports.program_summary import summary_from_toml

    def program(number: int, n: int, unit: str = "", ka: str = "") -> str:
        given = (f'unit = "{unit}"\n' if unit else "") + (f'unit_ka = "{ka}"\n' if ka else "")
        return f'[[program]]\nnumber = {number}\ntitle = "p"\nbeneficiaries = {n}\n{given}amount = "1.00"\n'

    report = summary_from_toml(
        program(1, 10, "persons", "ბენეფიციარი") + program(2, 5, "beneficiaries", "ბენეფიციარი")
        + program(3, 7, "families") + program(4, 2, "Families ", "ოჯახი") + program(5, 1)
    )  # fmt: skip
    # persons 10; beneficiaries 5 + 1 (the default unit) = 6; families 7 + 2 = 9
    assert report.by_unit() == {"persons": 10, "beneficiaries": 6, "families": 9}
    assert report.by_unit("ka") == {"ბენეფიციარი": 10, "ბენეფიციარი (2)": 6, "ოჯახი": 9}
    assert [report.unit_of(line, "ka") for line in report.lines] == list(report.line_units("ka"))
    assert report.line_units("ka")[-1] == "ბენეფიციარი (2)"  # (no English word the input did not give)
    from voucherlib.output.documents import summary_document

    for lang in ("en", "ka"):
        (table,) = summary_document(report, lang).tables
        assert "beneficiaries" not in (table.totals or {})


def test_a_summary_whose_programs_all_count_another_unit_shows_it_on_each_row() -> None:
    # review 157 F11: one program of 10 families was headed "beneficiaries", the unit nowhere in
    # the text; a summary of beneficiaries alone keeps its three columns
    from voucherlib.output.documents import summary_document
    from voucherlib.output.render import render
    from voucherlib.reports.program_summary import summary_from_toml

    line = '[[program]]\nnumber = 1\ntitle = "Family support"\nbeneficiaries = 10\n{unit}amount = "1000.00"\n'
    families = summary_from_toml(line.format(unit='unit = "families"\nunit_ka = "ოჯახი"\n'))
    for lang, unit in (("en", "families"), ("ka", "ოჯახი")):
        (table,) = summary_document(families, lang).tables
        assert "unit" in [c.key for c in table.shown] and unit in render(table, "text", lang)
        # its counts headed "count", what they count beside them (review 164 F3)
        headers = [c.header(lang) for c in table.shown]
        assert headers[2:4] == (["count", "counted as"] if lang == "en" else ["რაოდენობა", "აღრიცხვის ერთეული"])
        assert (table.totals or {})["beneficiaries"] == 10  # (one unit: its total, 10 families)
        assert unit in families.to_text(lang)  # (the summary's own text too: review 162 F4)
    # its titles whole, as the summary's own text gave them (review 163 F3: cut at 60 characters)
    example = vl.municipal_report_example()
    assert all(line.title_in("en") in example.to_text() for line in example.lines)
    assert all(line.title_in("ka") in example.to_text("ka") for line in example.lines)
    for unit in ("", 'unit = " Beneficiaries "\n'):
        (table,) = summary_document(summary_from_toml(line.format(unit=unit))).tables
        assert "unit" not in [c.key for c in table.shown]


def test_summary_example_prints_in_georgian(capsys) -> None:
    assert main(["summary", "--example", "--lang", "ka"]) == 0
    out = capsys.readouterr().out
    assert "სულ" in out and "660 698.00" in out and "1 467" not in out  # (Georgian parts thousands with a space)
    assert "ბენეფიციარები ერთეულების მიხედვით: პაციენტი: 260, ბენეფიციარი: 78, ოჯახი: 1 120, ბავშვი: 9" in out


def test_a_report_amount_of_two_readings_is_advised_to_be_written_with_two_decimals() -> None:
    # A report's file takes no decimal separator (nor a Decimal): the advice is the one it can follow.
    from voucherlib.reports.program_summary import summary_from_toml

    text = '[[program]]\nnumber = 1\ntitle = "a"\ntitle_ka = "ა"\nbeneficiaries = 2\nunit = "x"\namount = "1,234"\n'
    with pytest.raises(
        vl.InvalidInput, match=r"program\[0\]\.amount.*write it with two decimals \(e\.g\. '1234\.00'\)"
    ) as caught:
        summary_from_toml(text)
    assert "decimal_separator" not in str(caught.value)
    assert "1,234" in caught.value.message("ka") and "'1234.00'" in caught.value.message("ka")


def test_the_written_amount_advice_leaves_a_unit_out() -> None:
    # Review 22: '1,234 GEL' was advised "e.g. '1234 GEL.00'", which is refused again.
    from voucherlib.reports.program_summary import summary_from_toml

    text = '[[program]]\nnumber = 1\ntitle = "a"\ntitle_ka = "ა"\nbeneficiaries = 2\nunit = "x"\namount = "1,234 GEL"\n'
    with pytest.raises(vl.InvalidInput, match=r"\(e\.g\. '1234\.00'\)"):
        summary_from_toml(text)


def test_one_cell_of_a_table_says_the_day_it_is_in_force_from(capsys) -> None:
    # review 52: the whole table and a municipality's row said it, the one-cell view did not
    # (Decree 467, Art. 2: the amended tables from 1 Oct 2021)
    for lang, words in (("en", "in force from 2021-10-01"), ("ka", "2021-10-01")):
        assert main(["tables", "2.4", "-m", "Batumi", "-c", "b", "--lang", lang]) == 0
        assert capsys.readouterr().out.rstrip().splitlines()[-1].endswith(words)


def test_a_limit_check_names_its_provision_the_derived_limit_and_refuses_a_month_before_the_table() -> None:
    # Review 58: the check of counts against a limit table carried no citation, did not say that
    # Abasha's 8 is derived (1,018 - 1,010, D15), and took a September 2021 month against tables in
    # force from 1 Oct 2021 (Decree No. 467, Art. 2).
    use = vl.limits_in_use("1.1", {"Abasha": 9}, month="2021-10")
    (abasha,) = use.over
    assert (abasha.municipality, abasha.limit, abasha.used) == ("Abasha", 8, 9)  # 9 of 8: over
    assert abasha.derived is not None and "1,018" in abasha.derived
    text = use.to_text()
    assert "in force from 2021-10-01" in text and "Annex 1.1, Art. 4" in text and "Decree No. 467" in text
    assert "(the limit 8: " in next(line for line in text.splitlines() if "Abasha" in line)
    assert use.citation.annex == "1.1" and use.effective_from == dt.date(2021, 10, 1)
    with pytest.raises(vl.InvalidInput, match=r"month: got '2021-09' \(str\); expected a month from 2021-10-01"):
        vl.limits_in_use("1.1", {"Abasha": 9}, month="2021-09")
    assert vl.limits_in_use("2.2", {"Tbilisi": 1}).month is None  # no month given: none checked
    # review 74: a 2030 month was checked against the 2021 Program's table (Tbilisi 9,200 of
    # 9,120: over), where every other rule refuses a month no program year covers (D4)
    assert [r.municipality for r in vl.limits_in_use("2.2", {"Tbilisi": 9200}, month="2021-12").over] == ["Tbilisi"]
    for month in ("2022-01", "2030-05"):
        with pytest.raises(vl.InvalidInput, match=rf"month: got '{month}' \(str\); expected a month to 2021-12-31"):
            vl.limits_in_use("2.2", {"Tbilisi": 9200}, month=month)


@pytest.mark.parametrize(
    ("program", "field", "said"),
    [
        ({"beneficiaries": -742}, "program[0].beneficiaries", "expected a whole number from 0 to 100,000,000"),
        ({"beneficiaries": 3.0}, "program[0].beneficiaries", "expected a whole number of 0 or more"),
        ({"amount": "-86050"}, "program[0].amount", "expected an amount of 0 or more"),
        ({"number": -1}, "program[0].number", "expected a whole number from 0 to 100,000,000"),
    ],
)
def test_a_reports_negative_or_fractional_count_or_amount_is_refused_naming_the_program(
    program: dict[str, Any], field: str, said: str
) -> None:
    # review 76: -742 families and -86,050.00 GEL were totalled (-719 and -82,800.00, exit 0)
    import voucherlib.reports.program_summary as ps

    def toml(p: dict[str, Any]) -> str:
        values = {"number": 1, "title": '"a"', "beneficiaries": 742, "amount": '"86050"'}
        values |= {k: (f'"{v}"' if isinstance(v, str) else v) for k, v in p.items()}
        return "title = 't'\n[[program]]\n" + "".join(f"{k} = {v}\n" for k, v in values.items())

    with pytest.raises(vl.InvalidInput) as caught:
        ps.summary_from_toml(toml(program))
    assert caught.value.field == field and said in str(caught.value)
    # the same program with its figures as a report gives them: 742 and 86,050.00
    good = ps.summary_from_toml(toml({}))
    assert (good.total_beneficiaries, good.total_amount) == (742, Decimal("86050.00"))
    with pytest.raises(vl.InvalidInput, match=r"SummaryLine\.beneficiaries"):
        ps.SummaryLine(number=1, title="a", beneficiaries=-1, amount="1.00")
    # review 77: a national program of more than a million beneficiaries was refused
    assert ps.summary_from_toml(toml({"beneficiaries": 3_700_000})).total_beneficiaries == 3_700_000


def test_two_programs_of_a_report_under_one_number_are_refused_naming_the_second() -> None:
    import voucherlib.reports.program_summary as ps

    text = "title = 't'\n" + "".join(
        f"[[program]]\nnumber = 1\ntitle = '{t}'\nbeneficiaries = 3\namount = '5'\n" for t in "ab"
    )
    with pytest.raises(vl.InvalidInput, match=r"^program\[1\]\.number: got 1 \(int\); expected a number no other"):
        ps.summary_from_toml(text)


@pytest.mark.parametrize(
    ("annex", "name", "key"),
    [("2.4", "ზუგდიდი", "Zugdidi"), ("2.4", "გორი", "Gori"), ("2.4", "თელავი", "Telavi"), ("1.1", "აბაშა", "Abasha")],
)
def test_a_municipality_is_found_by_its_plain_georgian_name(annex: str, name: str, key: str) -> None:
    # review 76: `tables 2.4 -m ზუგდიდი` was refused (the decree names "ზუგდიდის მუნიციპალიტეტი"),
    # while `voucherlib facility` reads the city ზუგდიდი as Zugdidi
    assert vl.limit_table(annex).row(name).key == key
    with pytest.raises(vl.InvalidInput, match=r"municipality: got 'ახალციხე'"):  # not in that table
        vl.limit_table("2.4").row("ახალციხე")


def test_a_copy_of_a_report_with_an_update_is_checked_as_the_report_is() -> None:
    # review 77: model_copy(update=...) kept -742 beneficiaries and a text amount (whose total
    # then failed with a bare TypeError), and two programs under one number
    report = vl.municipal_report_example()
    line = report.lines[0]
    with pytest.raises(vl.InvalidInput, match=r"^SummaryLine\.beneficiaries: got -742"):
        line.model_copy(update={"beneficiaries": -742})
    with pytest.raises(vl.InvalidInput, match=r"^SummaryLine\.amount: got '-5'"):
        line.model_copy(update={"amount": "-5"})
    with pytest.raises(vl.InvalidInput, match=r"^program\[16\]\.number: got 1"):
        report.model_copy(update={"lines": (*report.lines, line)})
    assert line.model_copy(update={"amount": "5"}).amount == Decimal("5")
    assert report.model_copy().total_amount == report.total_amount


@pytest.mark.parametrize("text", ["", "\n", "\ufeff", "# a comment\n", "foo = 1\n", "title = 't'\n"])
def test_a_report_without_a_program_is_refused_not_a_report_of_nothing(text: str) -> None:
    # review 83: an empty, blank or comment-only file gave a report totalling 0.00, exit 0
    import voucherlib.reports.program_summary as ps

    with pytest.raises(
        vl.InvalidInput, match=r"^file: got 'r.toml' \(str\); expected a report of one \[\[program\]\] table"
    ):
        ps.summary_from_toml(text.lstrip("\ufeff"), "r.toml")


def test_a_report_in_georgian_alone_is_read_and_counted_by_its_own_units() -> None:
    from voucherlib.reports.program_summary import summary_from_toml

    # review 85: a municipality's report gives its titles and units in Georgian alone; it was
    # refused for want of an English title, and its families and beneficiaries (both the English
    # default unit) were added up as one unit
    report = summary_from_toml(
        'title_ka = "ზუგდიდის მუნიციპალიტეტი, 2021"\n'
        '[[program]]\nnumber = 1\ntitle_ka = "ერთჯერადი დახმარება"\nbeneficiaries = 10\nunit_ka = "ოჯახი"\namount = "1234.50"\n'
        '[[program]]\nnumber = 2\ntitle_ka = "ტრანსპორტირება"\nbeneficiaries = 3\nunit_ka = "ბენეფიციარი"\namount = "900"\n'
    )
    assert report.total_amount == Decimal("2134.50")  # 1,234.50 + 900.00
    assert report.by_unit("ka") == {"ოჯახი": 10, "ბენეფიციარი": 3}  # 10 families, 3 beneficiaries: no sum
    assert [line.title_in("en") for line in report.lines] == ["ერთჯერადი დახმარება", "ტრანსპორტირება"]
    assert report.title_in("en") == "ზუგდიდის მუნიციპალიტეტი, 2021"
    # review 87: grouped by the values the lines give, not by which fields were set, so a copy
    # through model_dump groups the same (it added 742 + 34 as one unit); a line with no unit is
    # a beneficiary, the default unit, grouped with the lines that say ბენეფიციარი
    copied = type(report).model_validate(report.model_dump())
    assert copied.by_unit("ka") == report.by_unit("ka") == {"ოჯახი": 10, "ბენეფიციარი": 3}
    third = summary_from_toml(
        '[[program]]\nnumber = 1\ntitle_ka = "ა"\nbeneficiaries = 3\nunit_ka = "ბენეფიციარი"\namount = "1"\n'
        '[[program]]\nnumber = 2\ntitle_ka = "ბ"\nbeneficiaries = 10\namount = "1"\n'
    )
    assert third.by_unit("ka") == {"ბენეფიციარი": 13} and third.by_unit("en") == {"beneficiaries": 13}
    assert not third.to_text().startswith("\n")  # no title in either language: no blank first line
    with pytest.raises(vl.InvalidInput, match=r"program\[0\]\.title") as refused:
        summary_from_toml('[[program]]\nnumber = 1\nbeneficiaries = 1\namount = "5"\n')  # no title at all
    assert "title_ka" in str(refused.value)


# ---------------------------------------------------------------- invariants of R5 and R9 (review 89)


@given(st.dates(dt.date(2013, 1, 1), dt.date(2021, 12, 31)), st.sampled_from(["2021-10", "2021-11", "2021-12"]))
def test_r5_d14_in_the_target_group_exactly_from_birth_to_the_month_of_the_seventh_birthday(
    born: dt.date, month: str
) -> None:
    # Annex 2.2, Art. 3, para 1 (D14): of the age in month M when born on or before M's last day
    # and M is not after the month of the seventh birthday (29 Feb: 28 Feb); worked out here with
    # the calendar alone
    m = vl.Month.of(month)
    seventh_year, birth_month = born.year + 7, (born.year + 7, born.month)
    assert seventh_year >= 2020  # (a month of 2021 is after the seventh birthday of anyone born before 2014)
    in_group = born <= m.last_day and (m.year, m.month) <= birth_month
    assert vl.in_early_development_target_group(born, m).in_group is in_group


@given(st.integers(0, 100_000))
def test_r9_d17_one_worker_per_25_beneficiaries_or_part_of_25(beneficiaries: int) -> None:
    # Annex 2.12, Art. 2 (D17): 26 need 2; ceil(n / 25) with integers alone
    assert vl.required_workers(beneficiaries, on="2021-10-01") == -(-beneficiaries // 25)


def test_a_unit_named_in_georgian_on_one_line_and_in_both_languages_on_another_is_one_unit() -> None:
    from voucherlib.reports.program_summary import summary_from_toml

    # review 90: the group was named by its first line's English unit, the default one of a line
    # in Georgian alone: "beneficiaries: 15" for 5 + 10 families
    report = summary_from_toml(
        '[[program]]\nnumber = 1\ntitle = "a"\nbeneficiaries = 5\nunit_ka = "ოჯახი"\namount = "1"\n'
        '[[program]]\nnumber = 2\ntitle = "b"\nbeneficiaries = 10\nunit = "families"\nunit_ka = "ოჯახი"\namount = "1"\n'
        '[[program]]\nnumber = 3\ntitle = "c"\nbeneficiaries = 7\namount = "1"\n'
    )
    assert report.by_unit() == {"families": 15, "beneficiaries": 7}  # 5 + 10 families; 7 beneficiaries
    assert report.by_unit("ka") == {"ოჯახი": 15, "ბენეფიციარი": 7}
    other = vl.SummaryLine(number=9, title="x", beneficiaries=1, unit="patients", amount="1")
    assert report.unit_of(other) == "patients"  # a line of another summary: its own unit


@pytest.mark.parametrize("name", ["სიღნაღის მუნიციპალიტეტი", "Sighnaghi", "სიღნაღი", "Signagi"])
def test_the_whole_of_a_municipality_the_table_counts_in_parts_is_offered_its_parts(name: str) -> None:
    # review 93: Annexes 1.1 and 2.4 count Sighnaghi without Tsnori on one row and Tsnori on
    # another; the municipality's own name was offered 'Senaki', another municipality, or nothing
    with pytest.raises(vl.InvalidInput) as caught:
        vl.limit_table("2.4").lookup(name, "b")
    said = str(caught.value)
    assert "'Sighnaghi (except Tsnori)', 'Tsnori'" in said and "Senaki" not in said
    assert "ქ. წნორი" in caught.value.message("ka")
    # the parts themselves are read (the decree's cells of column b: 11 and 19)
    assert vl.limit_table("2.4").lookup("Sighnaghi (except Tsnori)", "b") == 11
    assert vl.limit_table("2.4").lookup("Tsnori", "b") == 19


@pytest.mark.parametrize("written", ["2.4", "Annex 2.4", "annex 2.4", "ANNEX No. 2.4", "№2.4", "დანართი №2.4", " 2.4 "])
def test_an_annex_is_named_as_the_decree_and_its_translation_write_it(written: str) -> None:
    # Review 194 F7: "Annex 2.4" was read, "annex 2.4", "№2.4" and "დანართი №2.4" (what --lang ka
    # itself writes) refused
    assert vl.limit_table(written).annex == "2.4"
    assert vl.budget(written.replace("2.4", "2.8")).annex == "2.8"
    assert main(["tables", written, "-q"]) == 0


@pytest.mark.parametrize("written", ["2,4", "Annex 2", "2.4.1", "Appendix 2.4"])
def test_a_text_that_names_no_annex_is_refused(written: str) -> None:
    with pytest.raises(vl.InvalidInput, match=r"^annex: got"):
        vl.limit_table(written)


def test_a_result_of_no_payable_amount_is_told_what_counts_and_where_it_is() -> None:
    # Review 194 F5: the 2.8 budget refused an R3 result advising "a Settlement", which it refuses
    # too; a row or the report of settle_file was refused without saying where its settlements are
    compensation = vl.unfilled_place_compensation("2021-09", service="shelter", limit=10, occupancy=3)
    with pytest.raises(vl.InvalidInput, match=r"expected a FacilityMonth or a facility audit's line"):
        vl.budget_in_use("2.8", [compensation])
    report = vl.settle_file(vl.example_path("vouchers.csv"))
    advice = re.escape("[row.settlement for row in report.rows if row.settlement is not None]")
    with pytest.raises(vl.InvalidInput, match=rf"^spent\[0\]: .*expected a Settlement: a row of settle_file.*{advice}"):
        vl.budget_in_use("2.12", report.rows)
    with pytest.raises(vl.InvalidInput, match=rf"^settlements: .*a report of settle_file holds them.*{advice}"):
        vl.summary_line(1, "youth", report)  # type: ignore[arg-type]
    # review 201 F2, F3: the budget was told of the report an amount, and of its rows against 2.8 "a Settlement"
    with pytest.raises(vl.InvalidInput, match=rf"^spent: .*a report of settle_file holds them.*{advice}"):
        vl.budget_in_use("2.12", report)  # type: ignore[arg-type]
    with pytest.raises(
        vl.InvalidInput, match=r"^spent\[0\]: .*expected results of Annex 2\.8: this is a result of Annex 2\.12"
    ):
        vl.budget_in_use("2.8", report.rows)
    settled = [row.settlement for row in report.rows if row.settlement is not None]  # (as advised: counted)
    assert vl.summary_line(1, "youth", settled).beneficiaries == len(settled) - 1  # (one not funded, 0.00)
