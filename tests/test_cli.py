"""The command line: ``voucherlib settle``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import voucherlib as vl
from voucherlib.cli import main

HEADER = "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"


def test_settle_example_prints_every_row_and_the_totals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settle", "--example"]) == 1  # Y-006 is not funded: a finding
    out = capsys.readouterr().out
    # The example file, worked by hand (R1, R2):
    #   Y-001 Oct: 31 x 20 = 620, in time                 -> 620.00
    #   Y-002 Oct: 12..31 = 20 d x 30 = 600, in time       -> 600.00
    #   Y-003 Oct: 620, 2 late (8, 9 Nov)                  -> 496.00
    #   Y-004 Nov: 1..10 = 10 x 20 = 200, on Mon 6 Dec     -> 200.00
    #   Y-005 Nov: 15 x 20 + 15 x 30 = 750, in time        -> 750.00
    #   Y-006 Nov: 30 x 30 = 900, 6 late (7..10, 13, 14)   -> not funded, 0.00
    #   Y-007 Dec: 31 x 20 = 620, due Mon 10 Jan 2022      -> 620.00
    #   Y-008 Dec: 20..31 = 12 x 30 = 360, 1 late (11 Jan) -> 324.00
    # amount 620+600+620+200+750+900+620+360 = 4,670.00; payable 620+600+496+200+750+0+620+324 = 3,610.00
    rows = {ln.split()[1]: ln.split()[2:] for ln in out.splitlines() if " Y-00" in ln}
    assert rows["Y-005"] == ["2021-11", "30", "20x15+30x15", "750.00", "0", "750.00", "yes"]
    assert rows["Y-006"] == ["2021-11", "30", "30", "900.00", "6", "0.00", "no"]
    assert "totals: 8 rows, 8 settled (1 not funded), 0 invalid; amount 4,670.00 GEL, payable 3,610.00 GEL" in out


def test_a_bad_row_is_reported_with_its_row_number_and_the_others_are_settled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        HEADER
        + "A,2021-10,2021-01-01,,no,2021-11-05\n"
        + "B,2021-10,2021-10-20,2021-10-01,no,2021-11-05\n"
        + "C,2021-10,2021-01-01,,maybe,2021-11-05\n"
        + "D,2021-10,2021-01-01,,yes,2021-11-05\n",
        encoding="utf-8",
    )
    assert main(["settle", str(path)]) == 1
    out = capsys.readouterr().out
    assert "row 3: discharged_on: got '2021-10-01'" in out
    assert "row 4: disability: got 'maybe'" in out
    # A: 31 x 20 = 620.00; D: 31 x 30 = 930.00; both on time: 1,550.00
    assert "totals: 4 rows, 2 settled (0 not funded), 2 invalid; amount 1,550.00 GEL, payable 1,550.00 GEL" in out


def test_json_and_csv_output_carry_every_row(tmp_path: Path) -> None:
    out_json, out_csv = tmp_path / "r.json", tmp_path / "r.csv"
    assert main(["settle", "--example", "--format", "json", "-o", str(out_json), "--exit-zero"]) == 0
    data = json.loads(out_json.read_text(encoding="utf-8"))
    (table,) = data["tables"]
    assert [r["beneficiary_id"] for r in table["rows"]] == [f"Y-00{i}" for i in range(1, 9)]
    assert table["totals"]["payable"] == "3610.00" and [r["funded"] for r in table["rows"]].count(False) == 1
    # typed: Y-001 has 31 service days (an integer) and is funded (a boolean)
    assert table["rows"][0]["service_days"] == 31 and table["rows"][0]["funded"] is True
    assert main(["settle", "--example", "-o", str(out_csv)]) == 1
    lines = out_csv.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 8 and lines[0].startswith("row,beneficiary_id,month,service_days")


@pytest.mark.parametrize("command", ["settle", "audit", "facility"])
@pytest.mark.parametrize("fmt", ["csv", "html", "text", "json"])
def test_standard_output_ends_with_one_newline(command: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    main([command, "--example", "--format", fmt, "--exit-zero"])
    out = capsys.readouterr().out
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_labour_code_only_moves_the_december_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    # With the Labour Code list alone, the December 2021 document is due Wed 5 Jan 2022, so Y-007 (submitted
    # Mon 10 Jan) is late on Thu 6 and Mon 10 Jan (Fri 7 Jan is Christmas): 2 days, 620 x 80% = 496.00.
    assert main(["settle", "--example", "--labour-code-only"]) == 1
    row = next(ln for ln in capsys.readouterr().out.splitlines() if " Y-007 " in ln)
    assert row.split()[1:] == ["Y-007", "2021-12", "31", "20", "620.00", "2", "496.00", "yes"]


def test_a_file_missing_a_column_is_refused_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,disability,submitted_on\nA,2021-10,,no,2021-11-05\n", encoding="utf-8"
    )
    assert main(["settle", str(path)]) == 2
    err = capsys.readouterr().err  # the header as written, and the column it lacks
    assert "header: got 'beneficiary_id, month, enrolled_on, disability, submitted_on'" in err
    assert "(missing: discharged_on)" in err


def test_a_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settle", "/nonexistent/v.csv"]) == 2
    assert "file: got '/nonexistent/v.csv'" in capsys.readouterr().err


def test_explain_shows_each_row_with_the_article_behind_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settle", "--example", "--explain"]) == 1
    out = capsys.readouterr().out
    assert "row 7 (Y-006):" in out and "NOT FUNDED" in out
    assert (
        out.count("Annex 2.12, Art. 4, para 5 of the State Program") >= 16
    )  # every row cites the rate and the deadline


def test_a_long_cell_goes_on_over_the_lines_under_it_so_two_ids_that_share_a_start_still_differ() -> None:
    from voucherlib.output.render import MAX_CELL_WIDTH, text_table

    first, second = "B-" + "0" * 70 + "-1", "B-" + "0" * 70 + "-2"  # 74 characters, alike but for the last
    lines = text_table([["id", "n"], [first, "1"], [second, "2"]])
    # No space to break at: 60 characters on the row's line, the other 14 on the line under it
    # (the other cell empty there).
    assert lines[1:] == [
        first[:60] + "  1",
        first[60:],
        second[:60] + "  2",
        second[60:],
    ]
    assert max(map(len, lines)) == MAX_CELL_WIDTH + 3 and len(first[:60]) == MAX_CELL_WIDTH


def test_a_wrapped_cell_keeps_a_numbers_groups_and_an_ids_every_character() -> None:
    from voucherlib.output.render import _BREAK, _wrapped

    # Review 181 F2: Georgian groups thousands with a space, and the wrap broke an amount there
    # ("მოთხოვნილია 3" / "750.00 ლარით მეტი"): the groups of a number stay on one line
    said = "B-" + "1" * 40 + ", 2021-11: მოთხოვნილია 3 750.00 ლარით მეტი, ვიდრე გამოთვლილია"
    lines = _wrapped(said).split(_BREAK)
    assert len(lines) == 2 and "3 750.00" in lines[1] and all(len(ln) <= 60 for ln in lines)
    # Review 181 F5: two ids of 62 characters that differ by a space at the break looked the same
    # (the space dropped there); an id goes on every 60 characters, each kept
    spaced, joined = "A" * 60 + " B", "A" * 60 + "B"
    assert _wrapped(spaced, ident=True).split(_BREAK) == ["A" * 60, " B"]
    assert _wrapped(joined, ident=True).split(_BREAK) == ["A" * 60, "B"]


def _column_text(lines: list[str], header: str, rows: int) -> list[str]:
    """The cells of one column of a text table of ``rows`` rows (its header on ``lines[0]``), each
    cell's lines joined by a space: a line whose first column is empty goes on the cell above it."""
    start = lines[0].index(header)
    end = lines[1].find(" ", start)  # (the dashes under the header end where the column does)
    cells: list[str] = []
    for line in lines[2:]:
        if line[:1] != " " and len(cells) == rows:  # (the notes under the table)
            break
        part = line[start : end if end != -1 else None].strip()
        if line[:1] == " ":
            cells[-1] += " " + part
        else:
            cells.append(part)
    return cells


def test_a_findings_description_is_shown_whole_in_the_text_view(capsys: pytest.CaptureFixture[str]) -> None:
    # Review 176 F5: a long description was cut in the middle, and what it says between its start
    # and its end went (B-07's "got '2021-11-05'", the date the line is refused for); cut in another
    # place, an amount. Each description of the text view, its lines put back together, is the
    # description the JSON document gives (the same report, another view).
    assert main(["audit", "--example", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["tables"][1]["rows"]
    assert main(["audit", "--example"]) == 1
    text = capsys.readouterr().out
    table = text[text.index("\nFindings\n") + 10 :].splitlines()
    shown = _column_text(table, "description", len(findings))
    assert shown == [f["text"] for f in findings]
    assert "row 8 (B-07) could not be checked: discharged_on: got '2021-11-05'; expected" in shown[2]


def test_a_reason_shows_a_cell_as_written_not_in_its_python_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 20: a date-time cell was shown datetime.datetime(2021, 11, 4, 15, 30), a negative
    # claim Decimal('-620.00'), against docs/cli.md ("without its Python type").
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "claimed", "submitted_on"])
    sheet.append(["A", "2021-10", dt.date(2021, 1, 1), None, "no", 620, dt.datetime(2021, 11, 4, 15, 30)])
    sheet.append(["B", "2021-10", dt.date(2021, 1, 1), None, "no", "-620,00", dt.date(2021, 11, 4)])
    book.save(tmp_path / "i.xlsx")
    assert main(["audit", str(tmp_path / "i.xlsx"), "--format", "csv"]) == 1
    out = capsys.readouterr().out
    # the date-time cell by its text, unquoted (it is no text of the file's); the claim as written
    assert "got 2021-11-04 15:30:00;" in out and "got '-620,00'" in out
    assert "datetime.datetime" not in out and "Decimal(" not in out


def test_a_month_given_as_a_date_cell_is_shown_as_the_month(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Review 20: a month from a date cell was written 2021-10-01 on rows that could not be settled
    # (2021-10 on the others, and from text): one form, YYYY-MM, whatever the file.
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "submitted_on"])
    sheet.append(["A", dt.date(2021, 10, 1), dt.date(2021, 1, 1), None, "no", dt.date(2021, 11, 4)])
    sheet.append(["B", dt.date(2021, 10, 1), dt.date(2021, 1, 1), None, "maybe", dt.date(2021, 11, 4)])
    book.save(tmp_path / "v.xlsx")
    assert main(["settle", str(tmp_path / "v.xlsx"), "--format", "csv"]) == 1  # B is invalid
    rows = capsys.readouterr().out.splitlines()[1:3]
    assert [r.split(",")[:3] for r in rows] == [["2", "A", "2021-10"], ["3", "B", "2021-10"]]


def test_a_month_given_as_a_pandas_period_is_shown_as_the_month() -> None:
    # Review 22: a monthly Period was settled and shown Period('2021-10', 'M') on every row.
    pd = pytest.importorskip("pandas")
    from voucherlib.reports.settlement_file import settle_file

    frame = pd.DataFrame(
        {
            "beneficiary_id": ["A", "B"],
            "month": pd.PeriodIndex(["2021-10", "2021-10"], freq="M"),
            "enrolled_on": ["2021-01-01"] * 2,
            "discharged_on": [None, None],
            "disability": ["no", "maybe"],
            "submitted_on": ["2021-11-04"] * 2,
        }
    )
    assert [r.month for r in settle_file(frame).rows] == ["2021-10", "2021-10"]


def test_an_output_file_gets_the_mode_open_gives_it_and_an_existing_one_keeps_its_own(tmp_path: Path) -> None:
    # review 52: -o wrote through a temporary file renamed into place, whose mode 0600 made a
    # report in a shared folder one no colleague could open, and narrowed an existing file's mode
    import os
    import stat

    from voucherlib import example_path

    mask = os.umask(0o027)
    try:
        new = tmp_path / "new.csv"
        assert main(["settle", str(example_path("vouchers.csv")), "-q", "-o", str(new)]) in (0, 1)
        assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0666 less the umask 027
        kept = tmp_path / "kept.json"
        kept.write_text("{}")
        kept.chmod(0o664)
        assert main(["settle", str(example_path("vouchers.csv")), "-q", "-o", str(kept)]) in (0, 1)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o664 and kept.read_text().startswith("{\n")
    finally:
        os.umask(mask)


def test_a_blank_cell_is_nothing_and_a_date_is_asked_for_in_the_files_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 52: settle said "got ''" for a blank cell (Georgian and the audit said "nothing"), and
    # asked a file for "datetime.date ... or a naive datetime / Timestamp / datetime64 at midnight"
    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "A1,2021-11,,,,2021-12-06\nA2,,,,no,2021-12-06\nA3,2021-11,,,no,\n",
        encoding="utf-8",
    )
    assert main(["settle", str(path), "-q"]) == 1
    out = capsys.readouterr().out
    assert "row 2: disability: got nothing;" in out
    assert "row 3: month: got nothing; expected a month written YYYY-MM" in out
    assert "row 4: submitted_on: got nothing; expected a date written YYYY-MM-DD, e.g. '2021-10-12'" in out
    assert "datetime" not in out and "Timestamp" not in out
    # in Python, Python's words (a value with its type, the types a date argument takes)
    with pytest.raises(vl.InvalidInput, match=r"submitted_on: got None \(NoneType\); expected a date: datetime.date"):
        vl.settle(vl.voucher_month("2021-11"), submitted_on=None)  # type: ignore[arg-type]


def test_a_file_system_that_keeps_no_modes_still_gets_the_output_and_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # review 53: a vfat USB stick refuses chmod (EPERM): the command failed after all its work
    # and left the hidden .part file beside the target
    import errno

    from voucherlib import example_path

    def refused(self: Path, mode: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(Path, "chmod", refused)
    out = tmp_path / "out.csv"
    assert main(["settle", str(example_path("vouchers.csv")), "-q", "-o", str(out)]) in (0, 1)
    assert out.read_text(encoding="utf-8").startswith("row,")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("lang", ["en", "ka"])
def test_counts_of_a_thousand_or_more_are_grouped_in_the_summaries(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 229 M4: "totals: 10000 rows", "billed 7000 times" beside "6,200,000.00 GEL". 1,200
    # rows of one voucher-month (October 2021, 31 x 20.00 = 620.00, submitted 5 Nov, in time):
    # each settled, the month billed 1,200 times; in the audit 1 match, 1,199 already billed.
    rows = "".join("B1,2021-10,,,no,620.00,2021-11-05\n" for _ in range(1200))
    path = tmp_path / "big.csv"
    path.write_text("beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n" + rows)
    group = "," if lang == "en" else " "
    main(["settle", str(path), "--lang", lang])
    said = capsys.readouterr().out
    if lang == "en":
        assert f"totals: 1{group}200 rows, 1{group}200 settled (0 not funded), 0 invalid" in said
    else:
        assert f"1{group}200 სტრიქონი, გამოთვლილია 1{group}200 (0 არ ფინანსდება)" in said
    assert "1200 rows" not in said and "1200 სტრიქონი" not in said  # (row numbers stay as written: 1199, 1200)
    main(["audit", str(path), "--lang", lang])
    said = capsys.readouterr().out
    if lang == "en":
        assert f"1{group}200 lines (1 match, 1{group}199 already billed); 1{group}200 checked" in said
        assert f"B1 is billed 1{group}200 times for 2021-10" in said
    else:
        assert f"1{group}200 სტრიქონი (1 ემთხვევა, 1{group}199 უკვე მოთხოვნილია); შემოწმდა 1{group}200" in said
        assert f"მოთხოვნილია 1{group}200-ჯერ" in said


@pytest.mark.parametrize("lang", ["en", "ka"])
def test_the_counts_of_a_facilitys_days_over_its_limit_are_grouped_and_one_is_one(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 234 F3, F5: "up to 1200 paid in a day): 35700 beneficiary-days" beside "1,001", and
    # "1 beneficiary-days". Gori has no cap: every child served is paid for (D48 says those above
    # the limit). G-0: limit 10, 1,200 served every day of September 2021: (1,200 - 10) x 30 days =
    # 35,700 beneficiary-days above it. G-1: limit 10, 10 served but 11 on 30 Sep: 1 above it.
    # A row of a date that does not read (31 Sep) is no facility-month: 2 months, 61 rows, 1 invalid.
    header = "facility_id,city,service,limit,date,children_served\n"
    big = "".join(f"G-0,gori,shelter,10,2021-09-{d:02d},1200\n" for d in range(1, 31))
    one = "".join(f"G-1,gori,shelter,10,2021-09-{d:02d},{11 if d == 30 else 10}\n" for d in range(1, 31))
    path = tmp_path / "occupancy.csv"
    path.write_text(header + big + one + "G-1,gori,shelter,10,2021-09-31,10\n")
    main(["facility", str(path), "--daily-rate", "20", "--lang", lang, "-q"])
    said = capsys.readouterr().out
    g = "," if lang == "en" else " "
    if lang == "en":
        assert f"on 30 days (up to 1{g}200 paid in a day): 35{g}700 beneficiary-days paid above the limit" in said
        assert "on 1 day (up to 11 paid in a day): 1 beneficiary-day paid above the limit" in said
        assert "totals: facility-months 2, rows 61, invalid 1" in said
    else:
        assert f"(დღეში ანაზღაურებულია 1{g}200-მდე): ლიმიტს ზემოთ ანაზღაურებულია 35{g}700 ბენეფიციარ-დღე" in said
        assert "სულ: 2 დაწესებულება-თვე 61 სტრიქონიდან, ვერ გამოითვალა 1" in said


@pytest.mark.parametrize("lang", ["en", "ka"])
def test_a_facility_row_not_computed_is_named_once(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 242 F1: a totals row under 30 days of F-1 (`სულ,,,,,540`: no city, service, limit nor
    # date) was noted `სულ  (row 32): row 32: limit: got nothing`, its row said twice after a double
    # space; docs/cli.md quotes it `სულ: row 32: limit: got nothing`. Row 32: the header is row 1,
    # 30 days rows 2-31.
    rows = "".join(f"F-1,tbilisi,shelter,20,2021-09-{d:02d},18\n" for d in range(1, 31))
    path = tmp_path / "occupancy.csv"
    path.write_text("facility_id,city,service,limit,date,children_served\n" + rows + "სულ,,,,,540\n")
    assert main(["facility", str(path), "--daily-rate", "25", "--lang", lang, "-q"]) == 1
    said = capsys.readouterr().out
    row = "row 32" if lang == "en" else "სტრიქონი 32"
    assert f"სულ: {row}: limit: " in said, said
    assert said.count(f"{row}:") == 1 and "სულ  (" not in said


def test_a_case_reports_counts_are_grouped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # review 234 F3: "wrote 2,002 cases" beside a summary of "2002 cases, 1001 passed, 1001 failed".
    # 1,000 cases of December 2021 from the 1st (31 x 20.00 = 620.00), half of them expecting 1.00:
    # 500 pass, 500 fail; one more that passes: 1,001 cases, 501 passed, 500 failed.
    case = (
        '[[case]]\nname = "c{n}"\nrule = "R1"\ndecisions = ["D1"]\nmonth = "2021-12"\nenrolled_on = 2021-12-01\n'
        'how = "31 x 20 = 620.00"\nexpect = {{ service_days = 31, amount = "{amount}" }}\n'
    )
    text = "".join(case.format(n=n, amount="620.00" if n % 2 == 0 else "1.00") for n in range(1001))
    path = tmp_path / "cases.toml"
    path.write_text(text)
    main(["check-cases", str(path), "-q"])
    said = capsys.readouterr().out
    assert "1,001 cases, 501 passed, 500 failed" in said
    report = vl.check_cases(path)
    assert "1,001 cases, 501 passed, 500 failed" in report.to_text()


def test_facility_confirms_the_facility_months_it_wrote_not_its_bad_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 235 F3: "wrote 6 facility-months" of 3 months and 3 rows of a date that does not read
    # (31 Sep), and "1 facility-months". One Gori shelter, 10 places, 4 children every day of
    # September 2021 (one facility-month), and a row of 31 Sep: "1 facility-month".
    rows = (
        "".join(f"G-1,gori,shelter,10,2021-09-{d:02d},4\n" for d in range(1, 31)) + "G-1,gori,shelter,10,2021-09-31,4\n"
    )
    path = tmp_path / "occupancy.csv"
    path.write_text("facility_id,city,service,limit,date,children_served\n" + rows)
    main(["facility", str(path), "--daily-rate", "20", "-o", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert "wrote 1 facility-month and 1 row of no facility-month to" in err  # (236 F3: what the file holds)


def test_the_command_line_called_in_a_program_leaves_its_warnings_as_they_were(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Review 264 F5: main() hid openpyxl's warnings for its run with a filter of the whole process
    # (every thread's warnings), and two overlapping calls left them hidden for good; the console
    # script and `python -m voucherlib` hide them for their own process alone.
    import warnings

    import voucherlib.cli as cli

    during: list[list[object]] = []
    run = cli._run
    monkeypatch.setattr(cli, "_run", lambda args: during.append(list(warnings.filters)) or run(args))
    before = list(warnings.filters)
    assert main(["tables", "-q"]) == 0
    assert during == [before] and warnings.filters == before
