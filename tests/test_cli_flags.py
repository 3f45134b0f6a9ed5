"""The command line keeps its word: every flag it takes reaches the computation, exit codes hold
in a closed pipe, ``-o`` never destroys an input, and errors name flags, not Python arguments."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from voucherlib.cli import DONE, UNUSABLE, example_path, main

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
