"""The command line keeps its word: every flag it takes reaches the computation, exit codes hold
in a closed pipe, ``-o`` never destroys an input, and errors name flags, not Python arguments."""

from __future__ import annotations

import io
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import openpyxl
import pytest

import voucherlib as vl
from tests.conftest import program_2021_with_september_rate
from voucherlib.cli import DONE, UNUSABLE, example_path, main
from voucherlib.output.schema import load_schema
from voucherlib.reports.settlement_file import settle_file

# One Tbilisi shelter (limit 20, R4 cap 15 children a day) with 15 children on each of the 30
# days of September 2021, at a daily rate of 25 GEL:
#   for the children: 15 x 30 = 450 child-days x 25 = 11,250.00
#   unfilled places (R3): 20 - 15 = 5 a day (at most 20 / 2 = 10) x 30 = 150 place-days x 10 = 1,500.00
#   D20 (the compensation outside the cap): 11,250.00 + 1,500.00 = 12,750.00
#   the other reading (within the cap): the day's 15 x 25 = 375.00 already fills the cap of
#   15 x 25 = 375.00, so all 1,500.00 of compensation is withheld: 11,250.00
OCCUPANCY = ["facility_id,city,service,limit,date,children_served"] + [
    f"F-9,tbilisi,shelter,20,2021-09-{d:02d},15" for d in range(1, 31)
]


def _facility_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["facility", *argv, "--daily-rate", "25", "-q", "--format", "json"]) == DONE
    table = json.loads(capsys.readouterr().out)["tables"][0]
    assert isinstance(table, dict)
    return table


@pytest.fixture
def occupancy(tmp_path: Path) -> Path:
    path = tmp_path / "occ.csv"
    path.write_text("\n".join(OCCUPANCY) + "\n", encoding="utf-8")
    return path


def test_facility_passes_compensation_within_cap_on(occupancy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = _facility_json(capsys, str(occupancy))
    within = _facility_json(capsys, str(occupancy), "--compensation-within-cap")
    assert outside["totals"]["total"] == "12750.00"  # type: ignore[index]
    assert within["totals"]["total"] == "11250.00"  # type: ignore[index]
    row = within["rows"][0]  # type: ignore[index]
    # the compensation column is what is paid, so the columns add up to the total
    assert (row["compensation"], row["withheld"], row["for_children"]) == ("0.00", "1500.00", "11250.00")


def test_facility_columns_and_totals_add_up(occupancy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = _facility_json(capsys, str(occupancy))
    totals = table["totals"]
    # 1,500.00 + 11,250.00 = 12,750.00; 450 child-days served and paid, 150 place-days
    assert totals == {  # every money column and the day counts are summed
        "served": 450,
        "paid": 450,
        "unfilled_paid": 150,
        "compensation": "1500.00",
        "withheld": "0.00",
        "for_children": "11250.00",
        "total": "12750.00",
    }


def test_facility_reads_the_sheet_it_is_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "notes"
    notes.append(["prepared by the provider"])
    sheet = book.create_sheet("occ")
    for line in OCCUPANCY:
        sheet.append([int(c) if c.isdigit() else c for c in line.split(",")])
    path = tmp_path / "occ.xlsx"
    book.save(path)
    assert main(["facility", str(path), "--daily-rate", "25", "-q"]) == UNUSABLE  # two sheets with data
    assert "--sheet" in capsys.readouterr().err
    assert _facility_json(capsys, str(path), "--sheet", "occ")["totals"]["total"] == "12750.00"  # type: ignore[index]


def test_facility_reads_with_the_delimiter_it_is_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "occ.csv"
    path.write_text("\n".join(line.replace(",", ";") for line in OCCUPANCY) + "\n", encoding="utf-8")
    assert _facility_json(capsys, str(path))["totals"]["total"] == "12750.00"  # type: ignore[index]
    assert main(["facility", str(path), "--delimiter", ",", "-q"]) == UNUSABLE  # told ',' on a ';' file
    assert "--delimiter" in capsys.readouterr().err


@pytest.mark.parametrize("target", ["missing/out.csv", "folder.csv", "input.csv/out.csv"])
def test_an_unwritable_output_is_a_usage_error(
    target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "input.csv").write_text("not a folder\n", encoding="utf-8")
    assert main(["settle", "--example", "-q", "-o", target]) == UNUSABLE
    err = capsys.readouterr().err
    assert f"-o: cannot write '{target}'" in err and "Traceback" not in err
    assert err.startswith("usage: voucherlib settle")  # a flag's value refused, as argparse says it (review 185 F7)
    # review 207 F7: voucherlib's own reasons in Georgian under --lang ka (the system's stay as it says them)
    assert main(["settle", "--example", "-q", "--lang", "ka", "-o", target]) == UNUSABLE
    said = capsys.readouterr().err.splitlines()[-1]
    assert said.startswith(f"voucherlib settle: '-o': '{target}' ვერ ჩაიწერება; უნდა იყოს: ფაილი")


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "--example", "--submitted-on", "2021-13-01"],
        ["audit-facility", "--example", "--daily-rate", "abc"],
        ["tables", "ZZ"],
        ["settle", "--example", "--sheet", "x"],
        ["settle", "--example", "--rules", "no-such-file.toml"],
    ],
)
def test_a_refused_flag_value_is_said_after_the_usage_block(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 185 F7: ``-o`` refused came after the usage block, ``--daily-rate abc`` without it; every
    refusal of a flag's (or ANNEX's) value now comes after it, as argparse's own refusals do."""
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "-q"]) == UNUSABLE
    err = capsys.readouterr().err
    assert err.startswith(f"usage: voucherlib {argv[0]} ") and f"voucherlib {argv[0]}: " in err


def test_an_empty_standard_input_is_said_without_the_usage_block(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 195 F4: "-" (standard input, a file) was taken for a flag: the usage block came first
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["settle", "-", "-q"]) == UNUSABLE
    err = capsys.readouterr().err
    assert err.startswith("voucherlib settle: -: got nothing") and "usage:" not in err


def test_a_case_files_missing_rule_set_is_said_without_the_usage_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 194 F6: a case file's rules file that is not there came after the usage block (a
    # refusal of the command line's), where every other case-file problem is one line
    path = tmp_path / "cases.toml"
    path.write_text(
        '[[case]]\nname = "missing rules file"\nrule = "R1"\ndecisions = ["D1"]\nmonth = "2022-01"\n'
        'rules = "nope.toml"\nhow = "x"\nexpect = { amount = "620.00" }\n',
        encoding="utf-8",
    )
    assert main(["check-cases", str(path), "-q"]) == UNUSABLE
    err = capsys.readouterr().err
    assert err.startswith("voucherlib check-cases: case 1 'missing rules file': rules: no file") and "usage:" not in err


def test_a_refused_file_is_said_without_the_usage_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file's content refused is no misuse of the command line: its one line, no usage block."""
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["settle", str(path), "-q"]) == UNUSABLE
    err = capsys.readouterr().err
    assert err.startswith("voucherlib settle: header:") and "usage:" not in err


@pytest.mark.parametrize("how", ["same name", "symlink to the input", "input is a symlink", "hard link"])
def test_the_output_is_never_the_input(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    original = example_path("vouchers.csv").read_bytes()
    Path("v.csv").write_bytes(original)
    inp, out = {
        "same name": ("v.csv", "./v.csv"),
        "symlink to the input": ("v.csv", "link.csv"),
        "input is a symlink": ("link.csv", "v.csv"),
        "hard link": ("v.csv", "hard.csv"),
    }[how]
    Path("link.csv").symlink_to("v.csv")
    Path("hard.csv").hardlink_to("v.csv")
    assert main(["settle", inp, "-q", "-o", out]) == UNUSABLE
    assert "writing would destroy it" in capsys.readouterr().err
    assert Path("v.csv").read_bytes() == original


def test_the_output_is_never_a_rule_file_nor_a_claims_file(tmp_path: Path) -> None:
    claims = tmp_path / "claims.csv"
    claims.write_bytes(example_path("facility_claims.csv").read_bytes())
    occupancy = str(example_path("facility_occupancy.csv"))
    assert main(["audit-facility", occupancy, str(claims), "-q", "-o", str(claims)]) == UNUSABLE
    rules = tmp_path / "rules.toml"
    rules.write_text("", encoding="utf-8")
    assert main(["settle", "--example", "--rules", str(rules), "-q", "-o", str(rules)]) == UNUSABLE
    assert rules.read_text(encoding="utf-8") == ""


# ---------------------------------------------------------------- errors name flags, not Python arguments

PYTHON_ADVICE = re.compile(r"\b[a-z_]+=\.\.\.|\b[a-z_]+=voucherlib|\((?:str|int|NoneType)\)|voucherlib\.[A-Z]\w+")


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    code = main([*argv, "-q", "--format", "csv"] if argv[0] != "tables" else argv)
    out = capsys.readouterr()
    text = out.out + out.err
    assert not PYTHON_ADVICE.search(text), PYTHON_ADVICE.search(text)
    return code, text


def test_a_missing_daily_rate_names_the_flags(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run(capsys, ["audit-facility", "--example"])
    # a rate for a 2021 month lies inside the bundled year: a whole rule set, not a year added (review 15)
    assert code == 1 and "so give --daily-rate GEL or a rule set (--rule-set FILE.toml)" in text
    assert "--daily-rate: got nothing" in text


def test_the_daily_rate_advice_can_be_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled 2021 year with a (fictitious) shelter rate, given with --rule-set, is the rate of
    every shelter line, as --daily-rate would give it."""
    monkeypatch.chdir(tmp_path)
    bundled = (Path(vl.__file__).parent / "data" / "program_2021.toml").read_text(encoding="utf-8")
    rate = (
        '\n[parameters."shelter.daily_rate_per_beneficiary.shelter"]\nrule = "R4"\ndescription = "a rate for this test"\n'
        'unit = "GEL/day"\nvalues = [{ effective_from = 2021-09-01, value = "25", citation = "test_rate" }]\n'
        '[citations.test_rate]\nnote = "a fictitious rate, for this test"\n'
    )
    Path("with_rate.toml").write_text(bundled + rate, encoding="utf-8")
    _, by_rule_set = _run(capsys, ["facility", "--example", "--rule-set", "with_rate.toml"])
    _, by_flag = _run(capsys, ["facility", "--example", "--daily-rate", "25"])
    shelter = [line for line in by_rule_set.splitlines() if line.startswith("F-1,")]
    # the Tbilisi shelter's 420 paid beneficiary-days x 25 GEL = 10,500.00, + 1,200.00 for unfilled places
    assert shelter and ",420,120,1200.00,0.00,10500.00,11700.00," in shelter[0]
    assert shelter == [line for line in by_flag.splitlines() if line.startswith("F-1,")]


def test_a_month_without_rules_names_the_rules_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sep.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\nY-1,2021-09,2021-01-01,,no,2021-10-05\n",
        encoding="utf-8",
    )
    code, text = _run(capsys, ["settle", str(path)])
    # September 2021 lies in the bundled 2021 program year, so no year added with --rules can cover
    # it (years may not overlap): the advice is a whole rule set of one's own (D21, review 14).
    assert code == 1 and "supply a rule set that covers it: --rule-set FILE.toml" in text


def test_a_month_before_any_program_year_names_the_rules_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "dec.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\nY-1,2020-12,,,no,2021-01-05\n",
        encoding="utf-8",
    )
    code, text = _run(capsys, ["settle", str(path)])
    assert code == 1 and "supply a rule set that covers it: --rules FILE.toml" in text


def test_the_rule_set_flag_settles_september_2021_by_a_whole_rule_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The advice for September 2021 works: the bundled 2021 program year, copied with a rate for
    September (a fictitious 12 GEL/day, only for this test), given as the whole rule set."""
    own = tmp_path / "program_2021_with_september.toml"
    own.write_text(program_2021_with_september_rate(), encoding="utf-8")
    path = tmp_path / "sep.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\nY-1,2021-09,,,no,2021-10-05\n",
        encoding="utf-8",
    )
    code, text = _run(capsys, ["settle", str(path), "--rule-set", str(own), "--format", "csv"])
    # 30 days of September x 12 GEL = 360.00; due 5 Oct 2021 (a Tuesday, D16: the amended R2),
    # submitted that day: on time, nothing deducted.
    assert code == DONE, text
    assert "2,Y-1,2021-09,30,12,360.00,2021-10-05,2021-10-05,0,0.00,360.00,true," in text.splitlines(), text


def test_a_rule_set_file_that_cannot_be_read_names_its_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, text = _run(capsys, ["settle", "--example", "--rule-set", "no_such_rules.toml"])
    assert code == UNUSABLE and "--rule-set: got 'no_such_rules.toml'; expected a readable file" in text


def test_a_missing_submission_day_names_the_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = example_path("invoice.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",submitted_on")
    path = tmp_path / "nosub.csv"
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")
    code, text = _run(capsys, ["audit", str(path)])
    assert code == 1 and "(a column, or --submitted-on DATE)" in text
    # a bad --submitted-on is the flag's error (exit 2), not an error of every line
    for source in (str(path), "--example"):
        code, text = _run(capsys, ["audit", source, "--submitted-on", "2021-13-01"])
        assert code == UNUSABLE and "voucherlib audit: --submitted-on: got '2021-13-01'; expected a date" in text


def test_sheet_delimiter_and_annex_errors_name_the_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    for name in ("a", "b"):
        sheet = book.create_sheet(name)
        sheet.append(["data"])
    book.save(tmp_path / "two.xlsx")
    code, text = _run(capsys, ["settle", str(tmp_path / "two.xlsx")])
    assert code == UNUSABLE and "the sheet to read named (--sheet NAME)" in text
    (tmp_path / "one.csv").write_text("a b c\n", encoding="utf-8")
    code, text = _run(capsys, ["settle", str(tmp_path / "one.csv")])
    assert code == UNUSABLE and "name the file's delimiter (--delimiter {,|;|tab})" in text
    code, text = _run(capsys, ["tables", "9.9"])
    assert code == UNUSABLE and "voucherlib tables: ANNEX: got '9.9'; expected one of" in text


def test_standard_input_is_named_so(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe not UTF-8")))
    code, text = _run(capsys, ["settle", "-"])
    assert code == UNUSABLE and "voucherlib settle: file: got '-'; expected UTF-8 text" in text
    assert "voucherlib-" not in text and "stdin" not in text


def test_the_python_api_keeps_its_own_words(capsys: pytest.CaptureFixture[str]) -> None:
    # The command line's wording lasts while it runs a command; the library's callers see theirs.
    assert main(["audit-facility", "--example", "-q", "--format", "json"]) == 1
    fm = vl.facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=15)
    with pytest.raises(vl.InvalidInput, match=r"daily_rate: got None \(NoneType\).*so give daily_rate=\.\.\."):
        fm.beneficiary_amount  # noqa: B018
    with pytest.raises(vl.InvalidInput, match="submitted_on: got '2021-13-01'"):
        vl.audit_invoice(example_path("invoice.csv"), submitted_on="2021-13-01")


# ---------------------------------------------------------------- check-cases speaks the grammar

CASES = Path(__file__).parent / "cases"


def test_check_cases_writes_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case_file = str(CASES / "r1_voucher_month.toml")
    assert main(["check-cases", case_file, "-q", "-o", str(tmp_path / "cc.xlsx")]) == DONE
    sheet = openpyxl.load_workbook(tmp_path / "cc.xlsx").worksheets[0]
    assert [c.value for c in sheet[1]][:2] == ["case", "passed"] and sheet.cell(2, 2).value is True
    assert main(["check-cases", case_file, "--format", "json", "--lang", "ka", "--explain"]) == DONE
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, load_schema("check-cases"))
    assert data["lang"] == "ka" and all(row["passed"] is True for row in data["tables"][0]["rows"])
    assert data["explanations"][0]["text"].startswith(
        "გამოთვლა: October has 31 days"
    )  # the label in Georgian, the file's text as written


def test_check_cases_from_standard_input_reads_rules_from_the_current_directory(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # r1_voucher_month.toml names rules = "../../docs/examples/program_2022.toml", relative to
    # its folder; from standard input the same path is read relative to the current directory.
    data = (CASES / "r1_voucher_month.toml").read_bytes()
    assert main(["check-cases", str(CASES / "r1_voucher_month.toml"), "--format", "json"]) == DONE
    from_file = json.loads(capsys.readouterr().out)
    monkeypatch.chdir(CASES)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["check-cases", "-", "--format", "json"]) == DONE
    from_stdin = json.loads(capsys.readouterr().out)
    assert from_stdin["tables"] == from_file["tables"]
    assert from_stdin["summary"] == ["13 cases, 13 passed, 0 failed (-)"]


# ---------------------------------------------------------------- data, not display strings


def test_facility_json_names_every_row_of_a_month(occupancy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the 30 days of September are rows 2 to 31 of the file (row 1 is the header)
    rows = _facility_json(capsys, str(occupancy))["rows"][0]["rows"]  # type: ignore[index]
    assert rows == ", ".join(str(n) for n in range(2, 32))


def test_trace_money_is_written_with_two_decimals() -> None:
    from decimal import Decimal

    from voucherlib.core.trace import Quantity, Step

    step = Step(
        "r", Decimal("620"), "GEL", (Quantity("rate", Decimal("20"), "GEL/day"), Quantity("p", Decimal("10"), "%"))
    )
    data = step.to_dict()
    assert (data["value"], data["inputs"][0]["value"], data["inputs"][1]["value"]) == ("620.00", "20.00", "10")
    assert Step.from_dict(json.loads(json.dumps(data))) == step
    assert Step("x", Decimal("20.125"), "GEL/day").to_dict()["value"] == "20.125"  # never rounded


def test_the_rule_set_file_is_an_input_that_o_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-o`` refuses to write over the ``--rule-set`` file, as over any input (review 15)."""
    monkeypatch.chdir(tmp_path)
    bundled = (Path(vl.__file__).parent / "data" / "program_2021.toml").read_bytes()
    Path("mine.csv").write_bytes(bundled)  # a rule set under any name, here one -o would write as CSV
    code, text = _run(capsys, ["settle", "--example", "--rule-set", "mine.csv", "-o", "mine.csv"])
    assert code == UNUSABLE and "is the input mine.csv" in text
    assert Path("mine.csv").read_bytes() == bundled


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "program"),  # an empty file: no program year, named as a rule-set problem
        (b"{other}", ""),  # one line naming another rule-set file: never read as a path
    ],
)
def test_a_rule_set_file_of_one_line_is_read_as_toml_never_as_a_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, content: bytes, why: str
) -> None:
    """The ``--rule-set`` file's text is TOML, whatever it holds: a line naming another rule-set
    file was read as that file's path (review 15)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.toml").write_bytes((Path(vl.__file__).parent / "data" / "program_2021.toml").read_bytes())
    Path("one_line.toml").write_bytes(content.replace(b"{other}", str(tmp_path / "other.toml").encode()))
    code, text = _run(capsys, ["settle", "--example", "--rule-set", "one_line.toml"])
    assert code == UNUSABLE and text.startswith("voucherlib settle: one_line.toml:"), text
    assert why in text


def test_from_toml_takes_any_path_like_object(tmp_path: Path) -> None:
    """A ``PurePosixPath`` or an ``os.DirEntry`` names the file as a ``Path`` does (review 15);
    what is neither a path nor text is refused, naming it."""
    import os
    from pathlib import PurePosixPath

    (tmp_path / "p.toml").write_bytes((Path(vl.__file__).parent / "data" / "program_2021.toml").read_bytes())
    entry = next(e for e in os.scandir(tmp_path) if e.name == "p.toml")
    for path in (PurePosixPath(tmp_path / "p.toml"), entry, str(tmp_path / "p.toml")):
        assert vl.RuleSet.from_toml(path).digest == vl.RuleSet.default().digest
    with pytest.raises(
        vl.VoucherError, match=r"^rules: got 7 \(int\); expected a rule-set file's path or its TOML text"
    ):
        vl.RuleSet.from_toml(7)  # type: ignore[arg-type]


def test_an_empty_rule_set_argument_is_refused_never_ignored(capsys: pytest.CaptureFixture[str]) -> None:
    """``--rule-set ''`` (an unset shell variable) was ignored, settling on the bundled rules: a
    rule set asked for and not used (review 16). Refused, naming the flag."""
    code, text = _run(capsys, ["settle", "--example", "--rule-set", ""])
    assert code == UNUSABLE and "--rule-set: got nothing" in text  # (an empty value is nothing, as a blank cell)


def test_from_toml_takes_a_path_like_object_that_gives_bytes(tmp_path: Path) -> None:
    """``os.scandir(b"...")`` gives entries whose path is bytes (review 16); a path with a NUL is
    refused naming it, never a ValueError."""
    import os

    (tmp_path / "p.toml").write_bytes((Path(vl.__file__).parent / "data" / "program_2021.toml").read_bytes())
    entry = next(e for e in os.scandir(os.fsencode(tmp_path)) if e.name == b"p.toml")
    assert vl.RuleSet.from_toml(entry).digest == vl.RuleSet.default().digest
    with pytest.raises(vl.VoucherError) as nul:
        vl.RuleSet.from_toml("a\x00b.toml")
    assert str(nul.value).startswith("rules: got 'a\\x00b.toml' (str); expected a readable file")


def test_toml_text_without_a_line_feed_is_told_so_not_no_such_file(tmp_path: Path) -> None:
    """Text is TOML only when it has several lines: text on one line, or with carriage returns
    only, is taken for a path; the error says so (review 16) instead of "No such file". A file
    whose name holds ``=`` is still a file."""
    bundled = (Path(vl.__file__).parent / "data" / "program_2021.toml").read_text(encoding="utf-8")
    for text in ('program = { id = "2022" }', bundled.replace("\n", "\r")):
        with pytest.raises(vl.VoucherError, match=r"expected a rule-set file's path, or its TOML text in lines"):
            vl.RuleSet.from_toml(text)
        with pytest.raises(vl.VoucherError, match=r"taken for a path, and no such file exists"):
            vl.RuleSet.default().extend(text)
    (tmp_path / "a=b.toml").write_text(bundled, encoding="utf-8")
    assert vl.RuleSet.from_toml(str(tmp_path / "a=b.toml")).digest == vl.RuleSet.default().digest


def test_the_daily_rate_flag_reads_what_the_python_argument_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--daily-rate`` refused a 4-decimal rate that ``daily_rate=`` and a rule set take (D27), and
    took ``-0``, refusing it row by row with Python's ``Decimal('-0')`` (review 17): both flags of a
    rate (facility, audit-facility) now read it as the Python argument does, before any row."""
    # One Tbilisi shelter, 15 children x 30 days = 450 paid child-days (R4 cap 15) x 12.3457
    # = 5,555.565 -> 5,555.57 (D3, half up, once); unfilled 5 a day x 10 GEL x 30 = 1,500.00.
    occupancy = tmp_path / "occ.csv"
    occupancy.write_text("\n".join(OCCUPANCY) + "\n", encoding="utf-8")
    assert main(["facility", str(occupancy), "--daily-rate", "12.3457", "-q", "--format", "json"]) == DONE
    row = json.loads(capsys.readouterr().out)["tables"][0]["rows"][0]
    assert row["total"] == "7055.57", row  # 5,555.57 + 1,500.00
    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-9,2021-09,5555.57,1500.00\n", encoding="utf-8"
    )
    assert main(["audit-facility", str(occupancy), str(claims), "--daily-rate", "12.3457", "-q"]) == DONE
    capsys.readouterr()
    for argv in (["facility", str(occupancy)], ["audit-facility", str(occupancy), str(claims)]):
        code, text = _run(capsys, [*argv, "--daily-rate", "-0"])
        assert code == UNUSABLE and "--daily-rate: got '-0'" in text and "Decimal" not in text, text


def test_the_other_reading_without_a_rate_names_the_flags_in_either_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--compensation-within-cap`` without a rate: each month's reason named Python's
    ``compensation_within_cap=True`` and stayed English under ``--lang ka`` (review 17). With no
    rate anywhere (no ``--daily-rate``, none in the rule set) no month can be computed: refused
    before any row is read, exit 2 (review 76: every month an error row under a total of 0.00, exit 1)."""
    code, text = _run(capsys, ["facility", "--example", "--compensation-within-cap"])
    assert (
        code == UNUSABLE
        and "with --compensation-within-cap a day's amount is capped" in text
        and "--daily-rate GEL" in text
        and "0.00" not in text
    ), text
    code, text = _run(capsys, ["facility", "--example", "--compensation-within-cap", "--lang", "ka"])
    assert code == UNUSABLE and "--compensation-within-cap" in text and "per-beneficiary" not in text, text
    code, text = _run(capsys, ["audit-facility", "--example", "--compensation-within-cap"])
    assert code == UNUSABLE and "with --compensation-within-cap a day's amount is capped" in text, text


def test_an_amount_of_two_readings_in_a_flag_names_the_flag_not_a_python_argument(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--daily-rate 1,234`` (a thousand or a lari and a fraction?) was advised
    ``decimal_separator=`` and "the file" (review 18), then the flag ``--decimal-separator``,
    which is about the file's amounts alone (review 49): the advice is either reading, as text."""
    code, text = _run(capsys, ["facility", "--example", "--daily-rate", "1,234"])
    assert code == UNUSABLE and "('1234' or '1.2340')" in text and "decimal_separator" not in text, text
    assert "the file" not in text and "--decimal-separator" not in text


def test_a_tolerance_of_two_readings_is_advised_readings_the_flag_then_takes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # review 74: --tolerance 1.000 was advised '1000' or '1.0000', and 1.0000 was then refused
    # (more than two decimals); a tolerance is whole tetri, so the lari reading is '1.00'
    code, text = _run(capsys, ["audit", "--example", "--tolerance", "1.000"])
    assert code == UNUSABLE and "('1000' or '1.00')" in text, text
    for advised in ("1000", "1.00"):
        code, text = _run(capsys, ["audit", "--example", "--tolerance", advised, "-q"])
        assert code != UNUSABLE, text
    code, text = _run(capsys, ["audit", "--example", "--tolerance", "2.125"])
    assert code == UNUSABLE and "write it with two decimals (e.g. '2125.00')" in text, text


def test_a_month_whose_rule_set_rate_changes_is_an_error_row_of_the_facility_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rule set's rate that changes on 16 March 2022 left March blank with no reason, exit 0
    (review 18): the month is an error row naming the day, and the others are priced.
    One Tbilisi shelter (cap 15), limit 20, 18 children each day of February to April 2022:
      February: 15 x 28 = 420 paid days x 25 = 10,500.00; 2 unfilled x 10 GEL x 28 = 560.00; 11,060.00
      April: 15 x 30 = 450 x 30 = 13,500.00; 2 x 10 x 30 = 600.00; 14,100.00"""
    import datetime as dt

    rules = tmp_path / "rate_2022.toml"
    rules.write_text(
        '[program]\nid = "2022"\ninherits = "2021"\ntitle = "a test year"\n'
        'covers_from = 2022-01-01\ncovers_until = 2022-12-31\ncitation = "c"\n'
        '[citations.c]\nnote = "a fictitious act of 2022, for tests"\n'
        '[parameters."shelter.daily_rate_per_beneficiary.shelter"]\n'
        'new = true\nrule = "R4"\ndescription = "per-beneficiary rate"\nunit = "GEL/day"\n'
        'values = [{ effective_from = 2022-01-01, value = "25", citation = "c" },'
        ' { effective_from = 2022-03-16, value = "30", citation = "c" }]\n',
        encoding="utf-8",
    )
    days = [dt.date(2022, 2, 1) + dt.timedelta(days=k) for k in range(89)]  # 1 Feb to 30 Apr 2022
    occupancy = tmp_path / "occ.csv"
    occupancy.write_text(
        "facility_id,city,service,limit,date,children_served\n"
        + "".join(f"F-1,tbilisi,shelter,20,{d.isoformat()},18\n" for d in days),
        encoding="utf-8",
    )
    code = main(["facility", str(occupancy), "--rules", str(rules), "-q", "--format", "json"])
    rows = {r["month"]: r for r in json.loads(capsys.readouterr().out)["tables"][0]["rows"]}
    assert code == 1 and (rows["2022-02"]["total"], rows["2022-04"]["total"]) == ("11060.00", "14100.00")
    assert "changes within 2022-03 (on 2022-03-16)" in rows["2022-03"]["error"] and rows["2022-03"]["total"] is None
    # review 220 F2: March's compensation is no rate's (R3): 2 unfilled x 10 GEL x 31 = 620.00, computed
    # and summed; its line in the audit is checked, the children's line alone refused
    assert rows["2022-03"]["compensation"] == "620.00"
    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-1,2022-03,12825.00,620.00\n", encoding="utf-8"
    )
    report = vl.audit_facility_invoice(occupancy, claims, rules=vl.RuleSet.default().extend(rules))
    children, unfilled = report.lines[:2]
    assert (unfilled.verdict, unfilled.computed) == ("matches", Decimal("620.00"))
    assert children.verdict == "invalid" and "changes within 2022-03 (on 2022-03-16)" in children.reason
    # review 221 F5: its finding cited the 2021 year's unfilled-place rate (Decree No. 467's wording),
    # whatever the month; now the provision in force as its month ends, the 2022 year's carried-over value
    (march,) = [f for f in report.findings if f.month == "2022-03"]
    assert march.code == "not-checked" and march.citation is not None
    assert "carried over unchanged to the program of 2022" in (march.citation.note or "")
    # (its row is highlighted as an error in the workbook and the page, as it was: review 221 F4)
    from voucherlib.output.documents import facility_document

    table = facility_document(vl.facility_file(occupancy, rules=vl.RuleSet.default().extend(rules)), "en").tables[0]
    assert list(table.highlight) == [None, "error", None]  # (February, March, April)


def test_a_facility_month_whose_cap_changes_is_json_its_schema_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 221 F2: a month whose cap a rule set changes within it writes its cap as its runs
    (text), which the shipped schema, an integer, refused. One Tbilisi shelter, March 2022, cap 15
    to 15 March and 12 from 16 March, 18 children a day in 20 places at 25.00 GEL: 15 x 15 + 16 x
    12 = 417 paid days x 25.00 = 10,425.00; 2 unfilled x 10 GEL x 31 = 620.00; 11,045.00."""
    rules = tmp_path / "cap_2022.toml"
    rules.write_text(
        '[program]\nid = "2022"\ninherits = "2021"\ntitle = "a test year"\ncovers_from = 2022-01-01\n'
        'covers_until = 2022-12-31\ncitation = "c"\n[citations.c]\nnote = "a fictitious act of 2022, for tests"\n'
        '[citations.c28]\nact = { issuer = "Example", issuer_ka = "სანიმუშო", number = "1", date = 2022-01-01, '
        'title = "A fictitious decree, for tests", kind = "decree" }\nannex = "2.8"\narticle = 6\nparagraph = 4\n'
        'subparagraph = "გ"\n[parameters."shelter.paid_beneficiary_cap.tbilisi.shelter"]\n'
        'values = [{ effective_from = 2022-01-01, value = 15, citation = "c28" },'
        ' { effective_from = 2022-03-16, value = 12, citation = "c28" }]\n',
        encoding="utf-8",
    )
    occupancy = tmp_path / "occ.csv"
    occupancy.write_text(
        "facility_id,city,service,limit,date,children_served\n"
        + "".join(f"F-1,tbilisi,shelter,20,2022-03-{d:02d},18\n" for d in range(1, 32)),
        encoding="utf-8",
    )
    main(["facility", str(occupancy), "--rules", str(rules), "--daily-rate", "25", "-q", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, load_schema("facility"))
    (row,) = document["tables"][0]["rows"]
    assert (row["cap"], row["total"]) == ("2022-03-01 – 2022-03-15: 15; 2022-03-16 – 2022-03-31: 12", "11045.00")


@pytest.mark.parametrize("where", [["-o", "out.xlsx"], ["--format", "xlsx"]])
def test_a_workbook_without_its_writer_is_refused_before_the_input_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: list[str]
) -> None:
    # review 31: without xlsxwriter, -o out.xlsx failed only after the whole file was read and
    # settled (15 s at the 200,000-row limit); now at once, naming the extra, exit 2
    import voucherlib.reports.settlement_file as settlement_file

    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # `import xlsxwriter` raises ImportError
    monkeypatch.setattr(settlement_file, "settle_chunks", lambda *a, **k: pytest.fail("the input was read"))
    monkeypatch.chdir(tmp_path)
    assert main(["settle", "--example", *where]) == 2
    assert "writing XLSX needs xlsxwriter: pip install 'voucherlib[audit]'" in capsys.readouterr().err
    # in Georgian under --lang ka (review 31: said in English)
    assert main(["settle", "--example", *where, "--lang", "ka"]) == 2
    assert "'.xlsx' ფაილის ჩასაწერად საჭიროა xlsxwriter: pip install 'voucherlib[audit]'" in capsys.readouterr().err


def test_a_facility_row_without_its_date_says_it_is_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 76: "date: got None" in the command line's English, which says "not given" or "got
    # nothing" of a missing value, never Python's None
    path = tmp_path / "occ.csv"
    path.write_text("facility_id,city,service,limit,date,children_served\nF1,Gori,shelter,20,,5\n", encoding="utf-8")
    code, text = _run(capsys, ["facility", str(path), "--daily-rate", "10", "-q"])
    assert code == 1 and "date: not given; expected the day of the count (YYYY-MM-DD)" in text, text
    assert "None" not in text


@pytest.mark.parametrize("flags", [["-m", "Batumi"], ["-c", "a"], ["-m", "Batumi", "-c", "a"]])
def test_a_municipality_or_column_without_an_annex_is_refused_not_ignored(
    flags: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # review 76: `tables -m Batumi` printed every table, exit 0: the municipality asked for was ignored
    code, text = _run(capsys, ["tables", *flags])
    assert code == UNUSABLE and "--municipality and --column need an ANNEX (1.1, 2.2 or 2.4)" in text, text


@pytest.mark.parametrize("command", [["settle", "--example"], ["facility", "--example", "--daily-rate", "25"]])
def test_explain_with_a_view_that_holds_the_table_alone_says_so(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # review 76: `--explain -o x.xlsx` (or --format csv) wrote no explanation, without a word
    main([*command, "--explain", "--format", "csv", "-q"])
    assert (
        "--explain is written in the text, JSON, HTML and XLSX views; the CSV holds the table alone"
        in capsys.readouterr().err
    )
    main([*command, "--explain", "--format", "json", "-q"])
    assert "--explain" not in capsys.readouterr().err
    # review 82: check-cases too
    main(["check-cases", "--example", "--explain", "--format", "csv", "-q"])
    assert "the CSV holds the table alone" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "why"),
    [(["tables"], "the tables carry their citation"), (["summary", "--example"], "a summary has no computation")],
)
def test_explain_where_there_is_nothing_to_explain_says_so(
    command: list[str], why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 259 F4: `tables --explain` and `summary --explain` were accepted and said nothing
    main([*command, "--explain", "-q"])
    assert f"--explain adds nothing here: {why}" in capsys.readouterr().err
    main([*command, "-q"])
    assert "--explain" not in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["en", "ka"])
def test_explain_in_a_workbook_is_a_sheet_of_the_explanations(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 134 F4: `settle --explain -o out.xlsx` wrote the table alone (a word on stderr, exit
    # 0), where the audit's workbook holds each line's explanation. The example's eight rows are
    # all settled (rows 2 to 9): each has its explanation on a sheet of them, a row for each of
    # its lines (review 136 F4: one wrapped cell showed its first line), beside "row 2 (Y-001)"
    # and so on: the very text of settle(...).explain(lang) of the row.
    out = tmp_path / "s.xlsx"
    assert main(["settle", "--example", "--explain", "--lang", lang, "-o", str(out), "-q", "--exit-zero"]) == 0
    assert "--explain" not in capsys.readouterr().err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[1] == ("explanations" if lang == "en" else "განმარტებები")
    rows = list(book.worksheets[1].iter_rows(values_only=True))
    assert rows[0] == (("of", "explanation") if lang == "en" else ("რას ეხება", "განმარტება"))
    report = settle_file(example_path("vouchers.csv"))
    expected = [(r.row, r.beneficiary_id, r.settlement.explain(lang)) for r in report.rows if r.settlement]
    said: dict[str, list[str]] = {}
    for label, line in rows[1:]:
        said.setdefault(label, []).append(line)
    assert len(expected) == 8 and len(said) == 8
    for (row, ident, text), (label, lines) in zip(expected, said.items(), strict=True):
        assert label == (f"row {row} ({ident})" if lang == "en" else f"სტრიქონი {row} ({ident})")
        assert "\n".join(lines) == text


def test_a_daily_rate_in_a_settle_workbook_is_a_number_and_days_at_two_rates_a_text(tmp_path: Path) -> None:
    # Review 134 F1: the GEL/day cells were numbers stored as text ('20'). The example's rows:
    # Y-001 no status, 20 a day; Y-002 status, 30; Y-005 enrolled 1 Oct, status from 16 Nov: 15
    # days (1-15 Nov) at 20 and 15 (16-30 Nov) at 30, "20x15+30x15", a text.
    out = tmp_path / "s.xlsx"
    assert main(["settle", "--example", "-o", str(out), "-q", "--exit-zero"]) == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    column, ident = header.index("GEL/day"), header.index("beneficiary")
    cells = {row[ident].value: row[column] for row in sheet.iter_rows(min_row=2, max_row=9)}
    assert (cells["Y-001"].value, cells["Y-001"].data_type, cells["Y-001"].number_format) == (20, "n", "#,##0.00##")
    assert (cells["Y-002"].value, cells["Y-002"].data_type) == (30, "n")
    assert (cells["Y-005"].value, cells["Y-005"].data_type) == ("20x15+30x15", "s")
    # Review 134 F10: the column holds a deduction and a voucher not funded alike, and says so.
    # Y-006, status all November: 30 x 30 = 900.00, submitted 14 Dec, 6 working days late (7-10,
    # 13, 14 Dec; due Mon 6 Dec): not funded, its whole 900.00 in the column
    withheld = header.index("deducted or not funded")
    assert [row[withheld].value for row in sheet.iter_rows(min_row=2, max_row=9) if row[ident].value == "Y-006"] == [
        900
    ]


def test_a_case_whose_rule_set_file_is_missing_is_unusable_input_not_a_failed_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 76: "case 1 FAILED: raised InvalidInput" and exit 1, as if the library computed the
    # worked example differently; the example was never run
    cases = tmp_path / "cases.toml"
    cases.write_text(
        '[[case]]\nname = "a later year"\nrule = "R1"\ndecisions = ["D4"]\nmonth = "2022-02"\nrules = "missing.toml"\n'
        'how = "28 x 25 = 700.00"\nexpect = { amount = "700.00" }\n',
        encoding="utf-8",
    )
    code, text = _run(capsys, ["check-cases", str(cases)])
    assert code == UNUSABLE and "case 1 'a later year': rules: no file" in text and "missing.toml" in text, text
    assert "FAILED" not in text


def test_a_file_that_is_no_utf8_text_is_named_for_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 76: UTF-16 (Excel's "Unicode Text"), a workbook named .csv and an old .xls were each
    # "expected UTF-8 text (byte 0 is not)", and .xls/.ods were advised "a DataFrame"
    header = "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
    files = {
        "u16.csv": (header + "B-1,2021-11,,,no,2021-12-06\n").encode("utf-16"),
        "cp.csv": (header + "B-1,2021-11,,,né,2021-12-06\n").encode("cp1252"),
        "book.csv": b"PK\x03\x04\x14\x00\x08\x00\x08\x00\xa5\x8b rest of a zip",
        "old.csv": b"\xd0\xcf\x11\xe0rest of a compound file",
    }
    said = {
        "u16.csv": "this file is UTF-16, as its first bytes say",
        "cp.csv": "on line 2, is not: the file was saved in another encoding; save it as CSV UTF-8",
        "book.csv": "this file is a workbook, as its first bytes say): name it .xlsx",
        "old.csv": "this file is an old Excel workbook, .xls",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        code, text = _run(capsys, ["settle", str(tmp_path / name)])
        assert code == UNUSABLE and said[name] in text, text
    (tmp_path / "v.ods").write_bytes(b"")
    code, text = _run(capsys, ["settle", str(tmp_path / "v.ods")])
    assert (
        code == UNUSABLE
        and "save an .xls or .ods workbook as .xlsx, or as CSV UTF-8" in text
        and "DataFrame" not in text
    )


@pytest.mark.parametrize("tolerance", ["GEL -1.000", "₾-1.000", "ლარი -1.000", "-1.000 GEL"])
def test_a_negative_tolerance_with_its_unit_is_refused_as_negative(
    tolerance: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 82: a unit before the minus sign slipped past the check: advised '-1000' or '-1.00'
    code, text = _run(capsys, ["audit", "--example", f"--tolerance={tolerance}"])
    assert code == UNUSABLE and "expected an amount of 0 GEL or more" in text and "'-1.00'" not in text, text


@pytest.mark.parametrize("tolerance", ["1.000 GEL", "1,000₾", "1.000 ლარი"])
def test_a_tolerance_of_two_readings_with_its_unit_is_refused_not_a_defect(
    tolerance: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 78: the advice was worked out from the text with its unit: a bare InvalidOperation, exit 70
    code, text = _run(capsys, ["audit", "--example", "--tolerance", tolerance])
    assert code == UNUSABLE and "('1000' or '1.00')" in text, text


def test_in_python_a_tolerance_of_two_readings_is_advised_only_what_it_takes() -> None:
    # review 78: tolerance="1.005" was advised Decimal('1.005'), which is then refused (a
    # tolerance is whole tetri): the one reading it can be is 1005
    import voucherlib as vl

    with pytest.raises(vl.InvalidInput) as caught:
        vl.audit_invoice(example_path("invoice.csv"), tolerance="1.005")
    assert "write it with two decimals (e.g. '1005.00')" in str(caught.value) and "Decimal('1.005')" not in str(
        caught.value
    )
    with pytest.raises(vl.InvalidInput, match=r"Decimal\('1000'\) or Decimal\('1.00'\)"):
        vl.audit_invoice(example_path("invoice.csv"), tolerance="1.000")
    # review 80: a negative one was advised '-1000' or '-1.00', each then refused as negative
    with pytest.raises(
        vl.InvalidInput, match=r"^tolerance: got '-1.000' \(str\); expected an amount of 0 GEL or more$"
    ):
        vl.audit_invoice(example_path("invoice.csv"), tolerance="-1.000")


def test_the_smaller_refusals_of_review_78(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import voucherlib as vl

    # a rule-set file of a case named "default" is a file like any other: missing, exit 2
    cases = tmp_path / "cases.toml"
    cases.write_text(
        '[[case]]\nname = "x"\nrule = "R1"\ndecisions = ["D1"]\nmonth = "2021-10"\nrule_set = "default"\n'
        'how = "31 x 20 = 620.00"\nexpect = { amount = "620.00" }\n',
        encoding="utf-8",
    )
    code, text = _run(capsys, ["check-cases", str(cases)])
    assert code == UNUSABLE and "rule_set: no file" in text, text
    # a rule set (TOML) in another encoding is advised UTF-8, not "CSV UTF-8, or XLSX"
    rules = tmp_path / "r.toml"
    rules.write_bytes('title = "té"\n'.encode("cp1252"))
    code, text = _run(capsys, ["summary", str(rules)])
    assert code == UNUSABLE and "save it as UTF-8)" in text and "XLSX" not in text, text
    # a month refused by a limit table shows the value given, not the month read from it
    with pytest.raises(vl.InvalidInput, match=r"^month: got '1\.2022' \(str\); expected a month to 2021-12-31"):
        vl.limits_in_use("2.2", {"Tbilisi": 1}, month="1.2022")
    # keys of other types in a copy's update: refused naming one, not a bare TypeError of sorting
    with pytest.raises(vl.InvalidInput, match=r"^SummaryLine\.1: got 2"):
        vl.municipal_report_example().lines[0].model_copy(update={1: 2, "x": 3})


def test_check_cases_explains_the_librarys_steps_beside_the_hand_calculation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # review 79: --explain showed the case author's `how` alone, never what the library did (the
    # JSON trace null); case 2 of the example: 30 x 20 = 600.00, 3 late working days, 420.00
    code = main(["check-cases", "--example", "--explain", "-q", "--format", "json"])
    explanations = json.loads(capsys.readouterr().out)["explanations"]
    computed = [e for e in explanations if e["label"].endswith("as the library computes it")]
    assert code == 0 and len(computed) == 3 and all(e["trace"] is not None for e in computed)
    assert "deduction: 10% x 3 = 30% of 600.00 GEL = 180.00 GEL" in computed[1]["text"]
    import voucherlib as vl

    report = vl.check_cases(example_path("cases.toml"))
    assert "payable: 420.00 GEL" in report.results[1].computed and "ასანაზღაურებელი" in report.results[1].computed_ka


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["settle", "--lang", "ka"], "მიუთითეთ FILE (ან '-' სტანდარტული შეტანისთვის) ან '--example', ერთ-ერთი"),
        (["tables", "-m", "Batumi", "--lang", "ka"], "'--municipality'-სა და '--column'-ს სჭირდება 'ANNEX'"),
        (["audit-facility", "-", "-", "--lang", "ka"], "მხოლოდ ერთი შეიძლება იყოს '-'"),
        (
            ["settle", "--example", "--lang", "ka", "-o", "b.json"],
            "'--format' csv არ შეესაბამება",
        ),  # (_run adds --format csv)
    ],
)
def test_a_usage_refusal_is_said_in_the_commands_language(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 76: with --lang ka the refusals of the command line's own use stayed English
    code, text = _run(capsys, argv)
    assert code == UNUSABLE and said in text, text


@pytest.mark.parametrize("command", ["facility", "audit-facility", "settle"])
def test_a_rules_file_with_a_cap_key_no_facility_meets_is_unusable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    # review 100: the key "shelter.paid_beneficiary_cap.Gori.shelter" (for "gori") was refused at
    # each facility-month, a finding on every row and exit 1; it is the file's refusal, exit 2
    rules = tmp_path / "gori.toml"
    rules.write_text(
        '[program]\nid = "2022"\ninherits = "2021"\ntitle = "t"\ncovers_from = 2022-01-01\n'
        'covers_until = 2022-12-31\ncitation = "c"\n[citations.c]\nnote = "a fictitious act"\n'
        '[parameters."shelter.paid_beneficiary_cap.Gori.shelter"]\nnew = true\nrule = "R4"\n'
        'description = "cap"\nunit = "beneficiary_cap"\n'
        'values = [{ effective_from = 2022-01-01, value = 5, citation = "c" }]\n',
        encoding="utf-8",
    )
    code, text = _run(capsys, [command, "--example", "--rules", str(rules)])
    assert code == 2 and "paid_beneficiary_cap.Gori.shelter: writes the city Gori as 'Gori'" in text


def test_an_audit_workbooks_line_is_as_tall_as_its_explanation(tmp_path: Path) -> None:
    # The audit's Lines sheet holds each line's explanation in one wrapped cell; its row kept the
    # default height (15 pt), which LibreOffice draws: the explanation's first line alone showed
    # (LibreOffice saves the rows it opened 15 pt high, so it fitted none). A row is now as tall as
    # the cell's lines drawn in the column's width (15 pt a line, Calibri 11's), at most 409 pt
    # (a worksheet row's most; LibreOffice keeps it: tests/test_xlsx_writer.py). The example's line
    # 2 (B-01) is explained in more than four lines: its row is at least 15 x that many points
    # (Excel fits such a row itself when it opens a file).
    out = tmp_path / "a.xlsx"
    assert main(["audit", "--example", "--explain", "-o", str(out), "-q", "--exit-zero"]) == 0
    sheet = openpyxl.load_workbook(out)["Lines"]
    header = [c.value for c in sheet[1]]
    column = header.index("explanation") + 1
    for r in range(2, sheet.max_row + 1):
        text = sheet.cell(r, column).value
        if not text:
            continue
        lines = text.count("\n") + 1
        assert lines > (4 if r == 2 else 1), text
        height = sheet.row_dimensions[r].height
        assert height is not None and min(409, 15 * lines) <= height <= 409, (r, height, lines)
    assert sheet.row_dimensions[1].height is None  # (the header: one line, the default height)


def test_an_audit_workbooks_long_finding_wraps_in_its_cell(tmp_path: Path) -> None:
    # Review 204 F5: a finding's description (up to 158 characters in the example) and its
    # provision (Annex 2.12, Art. 4, para 5 as worded by Decree No. 467: 93) were cut on screen at
    # their column's edge (60 characters wide), the cell beside each not empty. They wrap, and the
    # row is as tall as the most lines a cell of it draws: a text of n characters in a column 62
    # wide draws at least ceil(n / 62) lines of 15 pt.
    out = tmp_path / "a.xlsx"
    assert main(["audit", "--example", "-o", str(out), "-q", "--exit-zero"]) == 0
    sheet = openpyxl.load_workbook(out)["Findings"]
    header = [c.value for c in sheet[1]]
    long_rows = 0
    for r in range(2, sheet.max_row + 1):
        for name in ("description", "provision"):
            cell = sheet.cell(r, header.index(name) + 1)
            if isinstance(cell.value, str) and len(cell.value) > 62:
                long_rows += 1
                assert cell.alignment.wrap_text, (r, name)
                assert sheet.row_dimensions[r].height >= 15 * -(-len(cell.value) // 62), (r, name)
    assert long_rows >= 5  # (the example's five findings, each of a provision of 93 characters)


def test_a_sheet_named_for_a_csv_file_or_a_frame_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Review 185 F5: --sheet (sheet=) with a CSV file was ignored without a word; a CSV file or a
    # DataFrame has no sheet
    said = "expected no sheet: a sheet is one of an .xlsx workbook's"
    assert main(["settle", str(example_path("vouchers.csv")), "--sheet", "X"]) == UNUSABLE
    assert said in capsys.readouterr().err
    with pytest.raises(vl.InvalidInput, match="sheet: got 'X'"):
        settle_file(example_path("vouchers.csv"), sheet="X")
    with pytest.raises(vl.InvalidInput, match="sheet: got 'X'"):
        vl.audit_invoice(example_path("invoice.csv"), sheet="X")
    pd = pytest.importorskip("pandas")
    with pytest.raises(vl.InvalidInput, match="sheet: got 'X'"):
        vl.audit_invoice(pd.read_csv(example_path("invoice.csv"), dtype=str, keep_default_na=False), sheet="X")
    # audit-facility's --sheet is the sheet of the one of its two files that is a workbook
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "occupancy"
    for line in example_path("facility_occupancy.csv").read_text(encoding="utf-8").splitlines():
        sheet.append([int(c) if c.isdigit() else c for c in line.split(",")])
    book.create_sheet("notes")
    book.save(tmp_path / "occupancy.xlsx")
    claims = str(example_path("facility_claims.csv"))
    args = ["audit-facility", str(tmp_path / "occupancy.xlsx"), claims, "--daily-rate", "25", "--exit-zero"]
    assert main([*args, "--sheet", "occupancy"]) == DONE
    out = capsys.readouterr().out
    assert "4 lines (2 matches, 2 over-claimed)" in out  # (as the example's CSV files give)
    assert main(["audit-facility", str(example_path("facility_occupancy.csv")), claims, "--sheet", "X"]) == UNUSABLE
    assert said in capsys.readouterr().err


def test_a_day_off_the_release_does_not_know_is_given_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 190 F3: a day off declared after a release could be given in Python alone. By hand,
    # with the bundled 2022-2026 continuation: December 2026, the whole month without status, 31 x
    # 20 = 620.00; its document is due Tue 5 Jan 2027. Given Fri 8 Jan, it is 2 working days late (6
    # and 8 Jan; 7 Jan is Christmas): 20%, 124.00 deducted, 496.00 payable. With 4-6 Jan 2027
    # declared off, the 5th rolls past the 6th and Christmas to Fri 8 Jan: in time, 620.00.
    path = tmp_path / "d.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "B-1,2026-12,2026-11-01,,no,2027-01-08\n",
        encoding="utf-8",
    )
    years = ["--rules", str(example_path("continuation_2022_2026.toml"))]

    def settled(*flags: str) -> dict[str, object]:
        assert main(["settle", str(path), "-q", "--format", "json", *years, *flags]) in (0, 1)
        (row,) = json.loads(capsys.readouterr().out)["tables"][0]["rows"]
        return {k: row[k] for k in ("deadline", "late_working_days", "payable")}

    assert settled() == {"deadline": "2027-01-05", "late_working_days": 2, "payable": "496.00"}
    days_off = ["--day-off", "2027-01-04", "--day-off", "2027-01-05", "--day-off", "2027-01-06"]
    assert settled(*days_off) == {"deadline": "2027-01-08", "late_working_days": 0, "payable": "620.00"}
    # the 5th alone off: due Wed 6 Jan; given the 8th, 1 working day late (the 8th; the 7th is Christmas)
    assert settled("--day-off", "2027-01-05")["late_working_days"] == 1
    # Christmas (7 Jan) made a working day: due the 5th, given the 8th, 3 working days late (6, 7, 8 Jan)
    assert settled("--working-day", "2027-01-07")["late_working_days"] == 3
    assert main(["settle", str(path), "-q", "--day-off", "2027-13-01"]) == UNUSABLE
    assert "--day-off: got '2027-13-01'; expected a date" in capsys.readouterr().err
    assert main(["settle", str(path), "-q", "--day-off", "2027-01-04", "--working-day", "2027-01-04"]) == UNUSABLE
    # (the day off named by its flag, not Python's extra_non_working_days: review 197 F3)
    assert "--working-day: got '2027-01-04'; expected a day that is not also given as a day off (--day-off)" in (
        capsys.readouterr().err
    )


def test_the_days_off_a_caller_gave_are_named_in_the_summary_and_a_day_that_changes_nothing_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 199 F6: with --day-off the payable changed, and the summary, the CSV and the JSON
    # said nothing of why (only --explain did); a --day-off on a Saturday (a mistyped date?)
    # was taken without a word. By hand: October 2021 without status, 31 x 20 = 620.00, due Fri
    # 5 Nov; given Tue 9 Nov it is 2 working days late (8, 9 Nov): 20%, 496.00 payable; with Mon
    # 8 Nov off, 1 day late (9 Nov): 10%, 558.00. (November: 600.00, due Sun 5 Dec, rolled to Mon
    # 6 Dec, given then: in time.)
    path = tmp_path / "d.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on,claimed\n"
        "B-1,2021-10,2021-09-01,,no,2021-11-09,620.00\n"
        "B-2,2021-11,2021-09-01,,no,2021-12-06,600.00\n",
        encoding="utf-8",
    )
    off = ["--day-off", "2021-11-08"]
    said = "days off counted: the Labour Code's public holidays and the declared days off; days off added by the caller: 2021-11-08"
    assert main(["settle", str(path), "-q", *off]) == DONE
    out = capsys.readouterr().out
    assert "558.00" in out and said in out.splitlines()[-1]
    assert main(["settle", str(path), "-q", "--format", "json", *off]) == DONE
    document = json.loads(capsys.readouterr().out)
    assert document["tables"][0]["rows"][0]["payable"] == "558.00" and said in document["summary"][0]
    assert main(["settle", str(path), "-q", "--format", "csv", *off]) == DONE
    captured = capsys.readouterr()
    assert said not in captured.out and f"voucherlib settle: {said.removeprefix('; ')}" in captured.err
    assert main(["audit", str(path), "-q", "--exit-zero", *off]) == DONE
    assert said in capsys.readouterr().out
    # review 206 F3: an audit made in Python under that calendar says it too (its summary, write())
    import datetime as dt

    calendar = vl.WorkingCalendar(extra_non_working_days=[dt.date(2021, 11, 8)])
    assert vl.audit_invoice(path, calendar=calendar).summary_line().endswith(said)
    assert "days off counted" not in vl.audit_invoice(path).summary_line()
    # review 208 F1: an audit of no settled line (every line invalid) said it in no form but CSV's
    invalid = tmp_path / "invalid.csv"
    invalid.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "B-1,2021-13,,,no,600.00,2021-12-06\n",
        encoding="utf-8",
    )
    assert main(["audit", str(invalid), "-q", "--exit-zero", *off]) == DONE
    assert capsys.readouterr().out.count(said) == 1
    assert vl.audit_invoice(invalid, calendar=calendar).summary_line().endswith(said)  # (in Python too: 209)
    assert main(["audit", str(path), "-q", "--exit-zero", "--format", "json", *off]) == DONE
    assert capsys.readouterr().out.count("days off counted") == 1  # (once, by the report's own summary)
    assert main(["settle", str(path), "-q", "--labour-code-only", "--lang", "ka"]) == DONE
    assert "გათვალისწინებული უქმე დღეები: მხოლოდ შრომის კოდექსით" in capsys.readouterr().out
    assert main(["settle", str(path), "-q"]) == DONE  # (the default calendar: nothing said)
    assert "days off counted" not in capsys.readouterr().out
    # a day off on a Saturday, or one already a holiday, a working day already one: each said, and
    # nothing changes (496.00, as without them); the days are still named as given
    flags = ["--day-off", "2021-11-06", "--day-off", "2021-11-23", "--working-day", "2021-11-09"]
    assert main(["settle", str(path), "-q", *flags]) == DONE
    captured = capsys.readouterr()
    assert "496.00" in captured.out
    assert captured.err.splitlines() == [
        "voucherlib: note: --day-off 2021-11-06 is no working day anyway (Saturday): it changes nothing",
        "voucherlib: note: --day-off 2021-11-23 is no working day anyway (public holiday: Saint George's Day"
        " (Labour Code of Georgia, Art. 30)): it changes nothing",
        "voucherlib: note: --working-day 2021-11-09 is a working day anyway: it changes nothing",
    ]
    assert main(["settle", str(path), "-q", "--lang", "ka", "--day-off", "2021-11-07"]) == DONE
    assert "შენიშვნა: --day-off 2021-11-07 ისედაც არასამუშაო დღეა (კვირა): არაფერს ცვლის" in capsys.readouterr().err


def test_a_document_too_long_for_html_names_the_flag_and_a_reports_toml_float_says_what_to_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 192 F8: past the rows HTML and XLSX are built with, the refusal named "output" and
    # advised ".csv or .json" to a command writing to standard output; a report's amount written
    # as a TOML float was told "a Decimal", which a file has not. (The example's 8 rows against a
    # limit of 3, as against the 200,000 of a release.)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.modules["voucherlib.output.render"], "MAX_GATHERED_ROWS", 3)
    assert main(["settle", "--example", "-q", "--format", "html"]) == UNUSABLE
    err = capsys.readouterr().err
    assert "--format: got 'more than 3 rows'; expected at most 3 rows in HTML or XLSX, which are built whole" in err
    assert "(write CSV or JSON: --format csv, --format json)" in err and err.startswith("usage:")
    assert main(["settle", "--example", "-q", "-o", "out.xlsx"]) == UNUSABLE
    assert "-o: got 'more than 3 rows'; expected at most 3 rows in HTML or XLSX" in capsys.readouterr().err
    assert not Path("out.xlsx").exists()
    assert main(["settle", "--example", "-q", "--exit-zero", "--format", "csv"]) == DONE  # (CSV is streamed)
    capsys.readouterr()
    report = tmp_path / "r.toml"
    report.write_text('title = "t"\n[[program]]\nnumber = 1\ntitle = "a"\nbeneficiaries = 1\namount = 74978.5\n')
    assert main(["summary", str(report), "-q"]) == UNUSABLE
    assert (
        'program[0].amount: got 74978.5; expected money written as a string, "74978.50", never as a TOML number'
        " with a point (a float, never exact)"
    ) in capsys.readouterr().err


def test_a_full_disk_under_o_is_the_systems_error_and_a_name_is_shown_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 192 F9: a full disk under -o exited 2 ("nothing was computed"), under standard output
    # 74; F6: the status line wrote the -o name raw, its escape sequences acted on by the terminal
    monkeypatch.chdir(tmp_path)
    if Path("/dev/full").exists():
        Path("full.csv").symlink_to("/dev/full")
        assert main(["audit", "--example", "--exit-zero", "-o", "full.csv"]) == 74
        assert "input/output error: No space left on device" in capsys.readouterr().err
    assert main(["audit", "--example", "--exit-zero", "-o", "a\x1b[2Jb.csv"]) == DONE
    err = capsys.readouterr().err
    assert "\x1b" not in err and "wrote 9 lines to 'a\\x1b[2Jb.csv' (csv)" in err


def test_an_audit_of_no_line_says_no_verdict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Review 192 F7: "0 lines ()" said the counts of no verdict
    path = tmp_path / "header.csv"
    path.write_text("beneficiary_id,month,enrolled_on,discharged_on,disability,claimed\n", encoding="utf-8")
    assert main(["audit", str(path), "-q"]) == DONE
    out = capsys.readouterr().out
    assert "0 lines; 0 checked:" in out and "()" not in out


def test_a_day_outside_the_calendars_years_is_refused_in_the_commands_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Review 199 F2: the refusal of a day outside 1991-2100 (D26) was English under --lang ka
    assert main(["settle", "--example", "-q", "--day-off", "2200-01-01", "--lang", "ka"]) == UNUSABLE
    assert "თარიღი 1991–2100 წლებიდან, რომლებზეც 'holidays' პაკეტს მონაცემები აქვს (D26)" in capsys.readouterr().err
    with pytest.raises(vl.InvalidInput) as caught:
        vl.WorkingCalendar(extra_non_working_days=["2200-01-01"])
    assert "1991 to 2100" in caught.value.message("en") and "1991–2100 წლებიდან" in caught.value.message("ka")


def test_rules_names_the_shipped_continuation_and_the_year_to_list_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 224 F1: `--rules continuation_2022_2026.toml` as the docs wrote it was no file in the
    current folder (the file ships in the package); `--rules through_2026` names it, as a worked
    example's `rules` does. A fictitious 2027 year inheriting it, 25 GEL a day without status:
    January 2027, enrolled before it, not discharged, 31 x 25.00 = 775.00, submitted on Friday
    5 February 2027, the deadline: nothing deducted."""
    year = tmp_path / "program_2027.toml"
    year.write_text(
        '[program]\nid = "2027"\ninherits = "2022-2026-continuation"\ntitle = "2027"\n'
        'covers_from = 2027-01-01\ncovers_until = 2027-12-31\ncitation = "d"\n\n[citations.d]\n'
        'act = { issuer = "Government of Georgia", issuer_ka = "საქართველოს მთავრობის", number = "999", '
        'date = 2026-12-28, title = "Decree 999" }\n\n'
        '[parameters."youth_voucher.daily_rate.without_disability"]\n'
        'values = [{ effective_from = 2027-01-01, value = "25", citation = "d" }]\n',
        encoding="utf-8",
    )
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\nA,2027-01,2026-05-01,,no,2027-02-05\n",
        encoding="utf-8",
    )
    code, text = _run(capsys, ["settle", str(rows), "--rules", "through_2026", "--rules", str(year)])
    assert code == DONE and ",775.00," in text, text
    code, text = _run(capsys, ["settle", str(rows), "--rules", str(year), "--rules", "through_2026"])
    assert code == UNUSABLE and "through_2026 gives it, later in the list" in text and "list through_2026 first" in text


def test_the_shipped_years_name_beside_a_file_of_that_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 226 F1: `--rules through_2026` beside a file named so read the shipped continuation,
    where the file had been read before: January 2022 paid 620.00 (31 x 20.00, the continuation)
    for the file's 682.00 (31 x 22.00), exit 0. Either reading is a guess: refused, naming both;
    `./through_2026` reads the file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "through_2026").write_text(
        '[program]\nid = "2022"\ninherits = "2021"\ntitle = "t"\ncovers_from = 2022-01-01\n'
        'covers_until = 2022-12-31\ncitation = "c"\n[citations.c]\nnote = "a fictitious act of 2022, for tests"\n'
        '[parameters."youth_voucher.daily_rate.without_disability"]\n'
        'values = [{ effective_from = 2022-01-01, value = "22", citation = "c" }]\n',
        encoding="utf-8",
    )
    (tmp_path / "jan.csv").write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\nA,2022-01,2022-01-01,,no,2022-02-03\n",
        encoding="utf-8",
    )
    code, text = _run(capsys, ["settle", "jan.csv", "--rules", "through_2026"])
    assert code == UNUSABLE and "the shipped year through_2026 or the file through_2026" in text, text
    assert "write ./through_2026 for the file" in text
    code, text = _run(capsys, ["settle", "jan.csv", "--rules", "./through_2026"])
    assert code == DONE and ",682.00," in text, text  # 31 x 22.00, submitted before the 5th


def test_the_rows_that_make_settle_and_facility_exit_1_are_highlighted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 229 F3: a month settled twice (D28), ids that look alike (D39) and a month with no day
    of service made `settle` exit 1 with no row highlighted; a facility-month paid for more children
    than its limit (D48) or without a rate (D13) likewise. The stream of the command line marks a
    month's later row as it reads it and the month without a day, and the report's document the
    same rows (ids that look alike, found at the end, are named by the summary alone)."""
    from voucherlib.output.documents import settle_document

    path = tmp_path / "dup.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "A,2021-10,2021-01-01,,no,2021-11-05\nA,2021-10,2021-01-01,,no,2021-11-05\n"
        "B-01,2021-11,2021-01-01,,no,2021-12-06\nb-01,2021-11,2021-01-01,,no,2021-12-06\n"
        "C,2021-11,2021-12-01,,no,2021-12-06\nD,2021-11,2021-01-01,,no,2021-12-06\n",
        encoding="utf-8",
    )
    assert main(["settle", str(path), "-q", "--format", "json"]) == 1
    (table,) = json.loads(capsys.readouterr().out)["tables"]
    assert table["highlight"] == [None, "over", None, None, "over", None]  # (A again; C enrolled after November)
    assert settle_document(settle_file(path)).tables[0].highlight == table["highlight"]  # (the same document)
    occupancy = tmp_path / "occ.csv"
    occupancy.write_text(
        "facility_id,city,service,limit,date,children_served\n"
        + "".join(f"G-1,gori,shelter,10,2021-09-{d:02d},40\n" for d in range(1, 31))
        + "".join(f"G-2,gori,shelter,10,2021-09-{d:02d},5\n" for d in range(1, 31)),
        encoding="utf-8",
    )
    assert main(["facility", str(occupancy), "--daily-rate", "25", "-q", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["tables"][0]["highlight"] == ["notice", None]  # (G-1: 40 in 10 places)
    assert main(["facility", str(occupancy), "-q", "--format", "json"]) == 1  # (no rate: D13)
    assert json.loads(capsys.readouterr().out)["tables"][0]["highlight"] == ["notice", "notice"]
