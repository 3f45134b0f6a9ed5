"""The columns of a facility's tables (Annex 2.8): the daily occupancy and the claims are read
by their English or Georgian headers; a column neither reads is refused, naming it, as an
invoice's is; the claims take an optional provider column, as an invoice does (review 189)."""

from __future__ import annotations

from pathlib import Path

import pytest

import voucherlib as vl
from voucherlib.cli import example_path
from voucherlib.reports.facility_audit import audit_facility_invoice

RATES = {"shelter": "25", "day_centre": "15"}
"""The per-beneficiary daily rates of the examples' facilities (the bundled rule set has none, D13)."""


def _with_column(source: Path, header: str, cell: str, target: Path) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines()
    target.write_text("\n".join([f"{lines[0]},{header}", *(f"{line},{cell}" for line in lines[1:])]) + "\n", "utf-8")
    return target


def test_an_occupancy_column_it_does_not_read_is_refused_naming_it(tmp_path: Path) -> None:
    # Review 189 F1: a "closed" column on a Gori day centre's weekends was dropped without a word,
    # and the closed days paid as unfilled places (D44: a closed day has no form yet)
    occupancy = _with_column(example_path("facility_occupancy.csv"), "closed", "yes", tmp_path / "occ.csv")
    with pytest.raises(vl.InvalidInput, match=r"^header: got 'closed' \(str\); expected a known column"):
        vl.facility_file(occupancy, daily_rate=RATES)


def test_the_occupancy_is_read_by_its_georgian_headers(tmp_path: Path) -> None:
    # Review 189 F2 (and 184 F3): the occupancy refused the Georgian headers its claims file took.
    # The same rows under Georgian headers give the same months, to the tetri.
    english = example_path("facility_occupancy.csv")
    lines = english.read_text(encoding="utf-8").splitlines()
    georgian = tmp_path / "occupancy_ka.csv"
    header = "დაწესებულების კოდი,ქალაქი,მომსახურება,ლიმიტი,თარიღი,მომსახურებული"
    georgian.write_text("\n".join([header, *lines[1:]]) + "\n", encoding="utf-8")
    want = [(r.facility_id, r.month, r.payable) for r in vl.facility_file(english, daily_rate=RATES).results]
    got = [(r.facility_id, r.month, r.payable) for r in vl.facility_file(georgian, daily_rate=RATES).results]
    assert got == want and len(want) == 2  # (F-1 and F-2, September 2021)


def test_the_claims_take_a_provider_and_refuse_a_column_they_do_not_read(tmp_path: Path) -> None:
    # Review 189 F1: a provider column was dropped without a word, every line's provider empty
    claims = _with_column(example_path("facility_claims.csv"), "provider", "ACME", tmp_path / "claims.csv")
    report = audit_facility_invoice(example_path("facility_occupancy.csv"), claims, daily_rate=RATES)
    assert report.lines and {line.provider for line in report.lines} == {"ACME"}
    other = _with_column(example_path("facility_claims.csv"), "note", "x", tmp_path / "note.csv")
    with pytest.raises(vl.InvalidInput, match=r"^header: got 'note' \(str\); expected a known column"):
        audit_facility_invoice(example_path("facility_occupancy.csv"), other, daily_rate=RATES)


def _workbook(path: Path, sheets: dict[str, Path]) -> Path:
    """A workbook of one sheet for each CSV file given, its whole numbers as number cells."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, source in sheets.items():
        sheet = book.create_sheet(title)
        for line in source.read_text(encoding="utf-8").splitlines():
            sheet.append([int(c) if c.isdigit() else c for c in line.split(",")])
    book.save(path)
    return path


def test_the_claims_sheet_is_named_apart_from_the_occupancys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 192 F1 (and 184 F2): one --sheet named both workbooks' sheets; with an occupancy
    # workbook of two sheets and a claims workbook of one, no --sheet could work, and one workbook
    # holding both tables could not be audited. --sheet names the occupancy's, --claims-sheet the
    # claims'. The example's 4 lines, 2 matching and 2 over-claimed, as its CSV files give them.
    from voucherlib.cli import UNUSABLE, main

    occupancy, claims = example_path("facility_occupancy.csv"), example_path("facility_claims.csv")
    both = _workbook(tmp_path / "both.xlsx", {"occupancy": occupancy, "claims": claims})
    two = _workbook(tmp_path / "occ.xlsx", {"occupancy": occupancy, "notes": claims})
    one = _workbook(tmp_path / "claims.xlsx", {"claims": claims})
    rates = ["--daily-rate", "25", "--exit-zero", "-q"]
    for argv in (
        [str(both), str(both), "--sheet", "occupancy", "--claims-sheet", "claims"],
        [str(two), str(one), "--sheet", "occupancy"],  # (the claims' one sheet read as it is)
        [str(occupancy), str(one), "--sheet", "claims"],  # (no occupancy workbook: --sheet is the claims')
    ):
        assert main(["audit-facility", *argv, *rates]) == 0, argv
        assert "4 lines (2 matches, 2 over-claimed)" in capsys.readouterr().out
    assert main(["audit-facility", str(both), str(both), "--sheet", "occupancy", *rates]) == UNUSABLE
    assert "--claims-sheet: got 'occupancy, claims'; expected one sheet with data" in capsys.readouterr().err
    assert (
        main(["audit-facility", str(two), str(one), "--sheet", "occupancy", "--claims-sheet", "x", *rates]) == UNUSABLE
    )
    assert "--claims-sheet: got 'x'; expected a sheet of claims.xlsx: claims" in capsys.readouterr().err
    assert main(["audit-facility", str(occupancy), str(claims), "--claims-sheet", "x", *rates]) == UNUSABLE
    assert "--claims-sheet: got 'x'; expected no sheet" in capsys.readouterr().err
    report = audit_facility_invoice(both, both, daily_rate="25", sheet="occupancy", claims_sheet="claims")
    assert len(report.lines) == 4
    with pytest.raises(vl.InvalidInput, match=r"^claims_sheet: got 'x'"):
        audit_facility_invoice(two, one, daily_rate="25", sheet="occupancy", claims_sheet="x")


def test_an_occupancy_with_a_provider_column_is_read(tmp_path: Path) -> None:
    # Review 196 F4: the claims and an invoice take a provider column, the occupancy refused one;
    # the months are those of the file without it, to the tetri
    occupancy = _with_column(example_path("facility_occupancy.csv"), "provider", "ACME", tmp_path / "occ.csv")
    want = [
        (r.facility_id, r.month, r.payable)
        for r in vl.facility_file(example_path("facility_occupancy.csv"), daily_rate=RATES).results
    ]
    assert [(r.facility_id, r.month, r.payable) for r in vl.facility_file(occupancy, daily_rate=RATES).results] == want


def test_d51_a_limit_that_changes_within_the_month_is_refused_saying_so(tmp_path: Path) -> None:
    # Review 263 F1: a Tbilisi shelter whose limit is 20 to 14 Oct 2021 and 25 from the 15th was
    # refused as if the file were wrong ("the same limit on every row"); the month is still refused
    # (D51: one limit a facility-month, never the first row's), and the words say why and what to do.
    path = tmp_path / "occupancy.csv"
    rows = [f"TB-01,tbilisi,shelter,{20 if day < 15 else 25},2021-10-{day:02d},12" for day in range(1, 32)]
    path.write_text("facility_id,city,service,limit,date,children_served\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (result,) = vl.facility_file(path, daily_rate="25").results
    assert result.result is None and result.payable is None
    said = str(result.error)
    assert said.startswith("limit: got '25' (str); expected the same limit on every row of facility TB-01 in a month")
    assert "(row 16): a limit that changes within the month is not computed (D51" in said and "(D44)" in said


def test_an_unknown_heading_is_answered_in_english_with_the_georgian_headings_too(tmp_path: Path) -> None:
    # Review 263 F3: "a known column (English or Georgian)" listed the English keys alone in English.
    path = tmp_path / "occupancy.csv"
    path.write_text(
        "დაწესებულების კოდი;ქალაქი;მომსახურება;ლიმიტი;თარიღი;ბავშვების რაოდენობა\nGR-07;ქ. გორი;დღის ცენტრი;15;2021-10-01;9\n",
        encoding="utf-8",
    )
    with pytest.raises(vl.InvalidInput) as info:
        vl.facility_file(path, daily_rate="25")
    said = str(info.value)
    assert "expected a known column (English or Georgian): facility_id (დაწესებულების კოდი), city (ქალაქი)," in said
    assert "children_served (მომსახურებული)" in said
