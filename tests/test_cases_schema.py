"""The spec as data: case files are validated by a schema, and an auditor can run their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import voucherlib as vl
from tests.conftest import program_2021_with_september_rate
from voucherlib.cli import main

CASES = Path(__file__).parent / "cases"

GOOD = """
[[case]]
name = "Submitted on Tuesday 9 November 2021, the October 2021 voucher is paid 496.00 GEL"
rule = "R2"
decisions = ["D7", "D8"]
month = "2021-10"
enrolled_on = 2021-01-01
submitted_on = 2021-11-09
how = "late: Mon 8, Tue 9 Nov = 2 working days; 620 - 620 x 10% x 2 = 496.00"
expect = { late_working_days = 2, payable = "496.00" }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "auditor.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", sorted(CASES.glob("*.toml")), ids=lambda p: p.name)
def test_every_case_of_the_project_names_its_rule_and_decisions_and_passes(path: Path) -> None:
    cases = vl.load_cases(path)
    assert cases and all(c.rule.startswith("R") and c.decisions for c in cases)
    report = vl.check_cases(path)
    assert report.passed, report.to_text()


@pytest.mark.parametrize(
    ("change", "case", "key", "problem"),
    [
        (("submitted_on =", "submited_on ="), "case 1 'Submitted on Tuesday", "submited_on", "unknown key"),
        (("payable =", "payabel ="), "case 1", "expect.payabel", "unknown key"),
        (('rule = "R2"\n', ""), "case 1", "rule", "Field required"),
        (('decisions = ["D7", "D8"]', "decisions = []"), "case 1", "decisions", "at least 1"),
        (('"496.00"', "496.0"), "case 1", "expect.payable", "never as a TOML number with a point"),
        (('decisions = ["D7", "D8"]', 'decisions = ["7"]'), "case 1", "decisions.0", "should match pattern"),
        # review 157 F9: a decision the register does not have, and a rule the case does not
        # compute (an R2 settlement labelled R7, the budgets), passed as if they were so
        (('decisions = ["D7", "D8"]', 'decisions = ["D7", "D99"]'), "case 1", "decisions.1", "'D99' is no decision"),
        (('rule = "R2"', 'rule = "R7"'), "case 1", "(case)", "rule 'R7': a voucher case checks R1 or R2"),
        (("submitted_on = 2021-11-09\n", ""), "case 1", "(case)", "checks R2 when it gives submitted_on"),
    ],
)
def test_a_case_file_that_breaks_the_schema_names_the_file_the_case_and_the_key(
    tmp_path: Path, change: tuple[str, str], case: str, key: str, problem: str
) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(vl.CaseFileError) as info:
        vl.load_cases(path)
    err = info.value
    assert err.source == str(path) and err.case.startswith(case) and err.key == key and problem in err.problem


def test_the_decisions_a_case_may_cite_are_those_of_the_register() -> None:
    # the package's table of decision ids (a case file is checked against it) is the register's
    # own list, each with the rules it reads, as docs/interpretation-register.md gives them
    from voucherlib.reports.cases import register_decisions

    register = (Path(__file__).parents[1] / "docs" / "interpretation-register.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (D\d+[a-z]?) \| ([^|]*?) \|", register, re.MULTILINE))
    assert register_decisions() == rows and len(rows) >= 46


def test_an_auditors_case_that_differs_is_reported_with_its_hand_calculation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 620 - 620 x 10% x 2 = 496.00, not 500.00: the case fails, the others of the file still run.
    path = write(tmp_path, GOOD + GOOD.replace('payable = "496.00"', 'payable = "500.00"'))
    report = vl.check_cases(path)
    assert [r.passed for r in report.results] == [True, False]
    # shown as written, without their Python type (review 28: "expected Decimal('500.00')")
    assert any("payable: expected 500.00, computed 496.00" in p for p in report.results[1].problems)
    late = GOOD.replace('payable = "496.00"', 'payable = "496.00", funded = false')
    assert any(
        "funded: expected no, computed yes" in p for p in vl.check_cases(write(tmp_path, late)).results[0].problems
    )
    # the hand calculation is the case's, said beside its problems, not one of them (review 185 F6:
    # "case 2 FAILED: how: ..." read as a second failed check)
    assert report.results[1].how.startswith("late: Mon 8") and not any("how:" in p for p in report.results[1].problems)
    assert "        worked out by hand: late: Mon 8" in report.to_text()
    path = write(tmp_path, GOOD + GOOD.replace('payable = "496.00"', 'payable = "500.00"'))  # (again: written over)
    assert main(["check-cases", str(path)]) == 1
    out = capsys.readouterr().out
    assert "case 2, worked out by hand: late: Mon 8" in out and "FAILED: how" not in out


def test_an_expected_yes_or_no_is_never_met_by_a_number(tmp_path: Path) -> None:
    # review 46: the runner compared with ==, so `cap = 0` was met by "no cap" (False == 0) and
    # `funded = 1` by yes. A Gori day centre has no cap (D13): expecting a cap of 0 fails.
    case = (
        '[[case]]\nname = "Gori"\nrule = "R4"\ndecisions = ["D13"]\nkind = "facility"\nmonth = "2021-12"\n'
        'city = "Gori"\nservice = "day_centre"\nlimit = 40\noccupancy = 35\nhow = "no cap outside the table"\n'
    )
    zero = vl.check_cases(write(tmp_path, case + "expect = { cap = 0 }\n")).results[0]
    assert not zero.passed and "cap: expected 0, computed no" in zero.problems[0]
    assert vl.check_cases(write(tmp_path, case + "expect = { cap = false }\n")).results[0].passed


def test_the_command_line_runs_an_auditors_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-cases", str(write(tmp_path, GOOD))]) == 0
    out = capsys.readouterr().out  # a table: case, passed, rule, decisions, what it shows
    assert re.search(r"^ +1 +yes +R2 +D7, D8 +Submitted on Tuesday", out, re.MULTILINE), out
    assert main(["check-cases", str(write(tmp_path, GOOD.replace("submitted_on =", "submited_on =")))]) == 2
    assert "submited_on: unknown key" in capsys.readouterr().err


SEPTEMBER = """
[[case]]
name = "September 2021 in full, at a rate the case's own rule set gives"
rule = "R1"
decisions = ["D1", "D21"]
month = "2021-09"
enrolled_on = 2021-01-01
{rule_set}how = "30 days of September x 12 GEL (a fictitious rate for September, only in this test) = 360.00"
expect = {{ service_days = 30, amount = "360.00" }}
"""


def test_a_september_2021_case_is_advised_by_its_own_keys_and_runs_with_a_rule_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check-cases takes no flag: a month inside the bundled year without a rate is advised the
    case's ``rule_set`` key (review 15), and a case with that key runs on that rule set (D21)."""
    code = main(["check-cases", str(write(tmp_path, SEPTEMBER.format(rule_set=""))), "-q", "--format", "csv"])
    out = capsys.readouterr().out  # (CSV doubles the quotes)
    assert code == 1 and 'supply a rule set that covers it: rule_set = ""FILE.toml""' in out
    (tmp_path / "with_september.toml").write_text(program_2021_with_september_rate(), encoding="utf-8")
    case = write(tmp_path, SEPTEMBER.format(rule_set='rule_set = "with_september.toml"\n'))
    assert main(["check-cases", str(case), "-q", "--format", "csv"]) == 0, capsys.readouterr().out


def test_check_cases_in_python_advises_the_case_keys_and_names_a_missing_file_by_its_key(tmp_path: Path) -> None:
    """check_cases takes no rules= argument: its advice names the case's key, and a rule-set file
    a case names that cannot be read is named by its key, not by a flag (review 16)."""
    report = vl.check_cases(write(tmp_path, SEPTEMBER.format(rule_set="")))
    assert 'supply a rule set that covers it: rule_set = "FILE.toml"' in report.results[0].problems[0]
    missing = write(tmp_path, SEPTEMBER.format(rule_set='rule_set = "nowhere.toml"\n'))
    problem = vl.check_cases(missing).results[0].problems[0]
    assert "rule_set: got '" in problem and "nowhere.toml'" in problem and "--rule" not in problem
    nul = write(tmp_path, SEPTEMBER.format(rule_set='rule_set = "a\\u0000b.toml"\n'))
    assert "rule_set: got '" in vl.check_cases(nul).results[0].problems[0]  # refused, not a ValueError


def test_check_cases_never_writes_over_a_rule_set_file_a_case_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The files a case names are inputs of check-cases: -o refuses them by any name (review 16)."""
    (tmp_path / "mine.csv").write_text(program_2021_with_september_rate(), encoding="utf-8")
    before = (tmp_path / "mine.csv").read_bytes()
    case = write(tmp_path, SEPTEMBER.format(rule_set='rule_set = "mine.csv"\n'))
    code = main(["check-cases", str(case), "-q", "-o", str(tmp_path / "mine.csv")])
    assert code == 2 and "is the input" in capsys.readouterr().err
    assert (tmp_path / "mine.csv").read_bytes() == before


FACILITY_WITHOUT_RATE = """
[[case]]
name = "A Tbilisi shelter's total needs the Annex 2.8 rate the case does not give"
rule = "R4"
decisions = ["D13"]
kind = "facility"
month = "2021-10"
city = "tbilisi"
service = "shelter"
limit = 20
occupancy = 18
how = "min(18, 15) = 15 a day x 31 days = 465 paid days; at 25 GEL = 11,625.00; unfilled 2 x 10 GEL x 31 = 620.00"
expect = { paid_beneficiary_days = 465, total = "12245.00" }
"""


def test_a_facility_case_without_a_rate_is_advised_its_daily_rate_key(tmp_path: Path) -> None:
    """The bundled rules carry no Annex 2.8 per-beneficiary rate: a facility case that expects the
    total without ``daily_rate`` is told which key gives it, not only that it is not computed
    (review 16)."""
    report = vl.check_cases(write(tmp_path, FACILITY_WITHOUT_RATE))
    problem = report.results[0].problems[0]
    assert not report.passed and 'daily_rate = "GEL"' in problem and 'rule_set = "FILE.toml"' in problem, problem
    given = write(tmp_path, FACILITY_WITHOUT_RATE.replace("limit = 20\n", 'limit = 20\ndaily_rate = "25"\n'))
    assert vl.check_cases(given).passed  # (the same case, the rate given: 11,625.00 + 620.00 = 12,245.00)


def test_every_problem_of_a_case_is_named_a_misspelt_key_first(tmp_path: Path) -> None:
    # review 52: "how: Field required (and 2 more problems)" hid the misspelt submited_on, which
    # the auditor learnt of only after fixing the first, and the "2 more" were never said
    broken = GOOD.replace("submitted_on =", "submited_on =").replace('rule = "R2"\n', "")
    with pytest.raises(vl.CaseFileError) as info:
        vl.load_cases(write(tmp_path, broken))
    err = info.value
    assert (err.key, err.problem.split(";")[0]) == ("submited_on", "unknown key")
    assert "also case 1 'Submitted on Tuesday" in err.problem and "rule: Field required" in err.problem
    assert "more problems" not in str(err) and "too short" not in str(err).lower()


def test_a_voucher_case_expecting_what_r2_gives_without_its_submission_says_so(tmp_path: Path) -> None:
    # Review 194 F2: "payable: not computed by a voucher case", where a voucher case computes it
    # when it says when the document was submitted; a deadline case computes no payable at all
    path = tmp_path / "cases.toml"
    path.write_text(
        '[[case]]\nname = "no submission"\nrule = "R1"\ndecisions = ["D1"]\nmonth = "2021-10"\n'
        'enrolled_on = 2021-01-01\nhow = "31 x 20 = 620.00"\nexpect = { amount = "620.00", payable = "620.00" }\n'
        '[[case]]\nname = "a deadline"\nrule = "R2"\ndecisions = ["D6"]\nkind = "deadline"\nmonth = "2021-10"\n'
        'submitted_on = 2021-11-09\nhow = "x"\nexpect = { payable = "496.00" }\n',
        encoding="utf-8",
    )
    first, second = vl.check_cases(path).results
    assert first.problems == ("payable: computed when the case says when the document was submitted (submitted_on)",)
    assert second.problems == ("payable: not computed by a deadline case",)


def test_a_cases_amount_is_read_as_every_amount_voucherlib_reads(tmp_path: Path) -> None:
    # Review 194 F3: "1,800.00", as the shipped example's own sentence writes an amount, was refused
    # ("Input should be a valid decimal"), without the value. By hand: a shelter of 12 places, 4
    # children a day in September 2021: 8 unfilled, at most 6 (50%) paid, 6 x 10 x 30 = 1,800.00.
    case = (
        '[[case]]\nname = "x"\nrule = "R3"\ndecisions = ["D11"]\nkind = "unfilled_places"\nmonth = "2021-09"\n'
        'service = "shelter"\nlimit = 12\noccupancy = 4\nhow = "6 x 10 x 30"\nexpect = {{ amount = "{amount}" }}\n'
    )
    path = tmp_path / "cases.toml"
    for amount in ("1,800.00", "1 800,00", "1800"):
        path.write_text(case.format(amount=amount), encoding="utf-8")
        assert [r.passed for r in vl.check_cases(path).results] == [True], amount
    path.write_text(case.format(amount="abc"), encoding="utf-8")
    with pytest.raises(vl.VoucherError, match=r"expect\.amount: got 'abc'; expected an amount of GEL"):
        vl.check_cases(path)


def test_a_facility_case_in_a_month_whose_cap_changes_runs_unless_it_expects_one_cap(tmp_path: Path) -> None:
    # Review 220 F1: a facility case was refused whatever it expected when its rule set changes the
    # city's cap within the month ("expected a month with one cap on paid beneficiaries"), where
    # facility_month computes it day by day. Tbilisi shelter, March 2027, 18 children a day in 20
    # places at 25.00 GEL: cap 15 to 15 March, 12 from 16 March: 15 x 15 + 16 x 12 = 417 paid
    # beneficiary-days x 25.00 = 10,425.00; unfilled 2 a day (under half the limit, 10) x 10.00 x 31 =
    # 620.00; total 11,045.00. A case that expects `cap` is still told the month has no one cap.
    (tmp_path / "p2027.toml").write_text(
        '[program]\nid = "2027"\ninherits = "2021"\ntitle = "2027"\ncovers_from = 2027-01-01\n'
        'covers_until = 2027-12-31\ncitation = "d"\n\n[citations.d]\nact = { issuer = "Government of Georgia", '
        'issuer_ka = "საქართველოს მთავრობის", number = "999", date = 2026-12-28, title = "Decree 999" }\n\n'
        '[citations.d28]\nact = { issuer = "Government of Georgia", issuer_ka = "საქართველოს მთავრობის", '
        'number = "999", date = 2026-12-28, title = "Decree 999" }\nannex = "2.8"\narticle = 6\nparagraph = 4\n'
        'subparagraph = "გ"\n\n[parameters."shelter.paid_beneficiary_cap.tbilisi.shelter"]\n'
        'values = [{ effective_from = 2027-01-01, value = 15, citation = "d28" }, '
        '{ effective_from = 2027-03-16, value = 12, citation = "d28" }]\n',
        encoding="utf-8",
    )
    case = (
        '[[case]]\nname = "Tbilisi shelter, March 2027"\nrule = "R4"\ndecisions = ["D13"]\nkind = "facility"\n'
        'rules = "p2027.toml"\nmonth = "2027-03"\nservice = "shelter"\ncity = "Tbilisi"\nlimit = 20\n'
        'occupancy = 18\ndaily_rate = "25"\nhow = "417 x 25 + 620"\n'
    )
    cases = tmp_path / "cases.toml"
    cases.write_text(case + 'expect = { paid_beneficiary_days = 417, total = "11045.00" }\n', encoding="utf-8")
    assert vl.check_cases(cases).passed
    cases.write_text(case + "expect = { cap = 15 }\n", encoding="utf-8")
    (result,) = vl.check_cases(cases).results
    assert not result.passed and "one cap on paid beneficiaries" in str(result.problems[0])


def test_a_case_adds_its_years_in_the_order_listed(tmp_path: Path) -> None:
    # Review 220 F3: a case took one year file, added to the bundled 2021 alone, so a year that
    # inherits the shipped 2022-2026 continuation could not be checked. A list adds them in order.
    # A fictitious 2027 year inheriting the continuation, 25 GEL a day without status: January 2027,
    # enrolled before it, 31 x 25.00 = 775.00.
    (tmp_path / "p2027.toml").write_text(
        '[program]\nid = "2027"\ninherits = "2022-2026-continuation"\ntitle = "2027"\n'
        'covers_from = 2027-01-01\ncovers_until = 2027-12-31\ncitation = "d"\n\n[citations.d]\n'
        'act = { issuer = "Government of Georgia", issuer_ka = "საქართველოს მთავრობის", number = "999", '
        'date = 2026-12-28, title = "Decree 999" }\n\n[citations.d212]\nact = { issuer = "Government of Georgia", '
        'issuer_ka = "საქართველოს მთავრობის", number = "999", date = 2026-12-28, title = "Decree 999" }\n'
        'annex = "2.12"\narticle = 4\nparagraph = 5\n\n'
        '[parameters."youth_voucher.daily_rate.without_disability"]\n'
        'values = [{ effective_from = 2027-01-01, value = "25", citation = "d212" }]\n',
        encoding="utf-8",
    )
    cases = tmp_path / "cases.toml"
    case = (
        '[[case]]\nname = "January 2027"\nrule = "R1"\ndecisions = ["D1"]\nmonth = "2027-01"\n'
        'how = "31 x 25.00"\nexpect = { amount = "775.00" }\n'
    )
    cases.write_text(case + 'rules = ["through_2026", "p2027.toml"]\n', encoding="utf-8")
    assert vl.check_cases(cases).passed
    cases.write_text(case + 'rules = "p2027.toml"\n', encoding="utf-8")  # (its inherited year not added)
    assert not vl.check_cases(cases).passed
    # review 221 F7: the list in the wrong order was told of no such program alone; now it names
    # the entry that gives the year, as written, and to list it first (and --rules likewise)
    cases.write_text(case + 'rules = ["p2027.toml", "through_2026"]\n', encoding="utf-8")
    (result,) = vl.check_cases(cases).results
    assert "no program '2022-2026-continuation' (known: 2021); through_2026 gives it, later in the list" in str(
        result.problems[0]
    )
    assert "so list through_2026 first" in str(result.problems[0])
    continuation = vl.example_path("continuation_2022_2026.toml")
    with pytest.raises(
        vl.RuleSetError, match=r"gives it, later in the list: .* so list .*continuation_2022_2026\.toml first"
    ):
        vl.RuleSet.default().extend_in_order([tmp_path / "p2027.toml", continuation])
    assert vl.RuleSet.default().extend_in_order([continuation, tmp_path / "p2027.toml"]).programs[-1].id == "2027"
    cases.write_text(case + 'rules = ["through_2026", "missing.toml"]\n', encoding="utf-8")
    assert main(["check-cases", str(cases)]) == 2  # (a file a case names that does not exist, in a list too)
    for empty in ("[]", '[""]', '""'):  # (review 221 F7: [] was the bundled rule set, "" the folder, "no file '.'")
        cases.write_text(case + f"rules = {empty}\n", encoding="utf-8")
        with pytest.raises(vl.VoucherError, match=r"rules: .*a list of them in order, none empty"):
            vl.check_cases(cases)
