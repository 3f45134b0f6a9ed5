"""One command-line grammar: every command, every output format, a closed pipe, standard input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest

from tests.commands import EXAMPLE_COMMANDS
from voucherlib.cli import DONE, FINDINGS, UNUSABLE, example_path, main
from voucherlib.output.schema import document_schema, load_schema
from voucherlib.output.shapes import SHAPES

COMMANDS = EXAMPLE_COMMANDS
STDIN = {
    "settle": (["settle", "-"], "vouchers.csv"),
    "facility": (["facility", "-"], "facility_occupancy.csv"),
    "audit": (["audit", "-"], "invoice.csv"),
    "audit-facility": (["audit-facility", "-", str(example_path("facility_claims.csv"))], "facility_occupancy.csv"),
    "summary": (["summary", "-"], "tsalenjikha_2020.toml"),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("ext", ["txt", "csv", "json", "xlsx", "html"])
def test_every_command_writes_what_the_file_name_says(command: str, ext: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{ext}"
    assert main([*COMMANDS[command], "--explain", "-q", "-o", str(out)]) in (DONE, FINDINGS)
    if ext == "json":
        jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), load_schema(command))
    elif ext == "xlsx":
        book = openpyxl.load_workbook(out)
        assert book.worksheets[0].max_row > 1
    elif ext == "csv":
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert len(rows) > 1 and rows[0][0]
    elif ext == "html":
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    else:
        assert out.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("command", COMMANDS)
def test_the_shipped_schemas_are_those_the_columns_make(command: str) -> None:
    assert load_schema(command) == json.loads(json.dumps(document_schema(command, SHAPES[command])))


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_the_same_flags(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main([*COMMANDS[command], "--format", "json", "--lang", "ka", "--explain", "-q"])
    assert code in (DONE, FINDINGS)
    data = json.loads(capsys.readouterr().out)
    assert data["lang"] == "ka"
    jsonschema.validate(data, load_schema(command))


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_extension_is_a_usage_error_naming_the_flag(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*COMMANDS[command], "-o", str(tmp_path / "out.pdf")]) == UNUSABLE
    assert "-o: got" in capsys.readouterr().err


CODES = {"settle": 1, "facility": 0, "audit": 1, "audit-facility": 1, "tables": 0, "summary": 0, "check-cases": 0}
"""Each example's exit code: the settle example has Y-006 not funded (six working days late), the
audit examples have lines that do not match; the facility example has no invalid month."""


@pytest.mark.parametrize(
    ("command", "fmt"), [*((c, "text") for c in COMMANDS), ("audit", "json"), ("audit", "xlsx"), ("facility", "csv")]
)
def test_a_closed_pipe_keeps_the_exit_code(command: str, fmt: str) -> None:
    # The reader is gone before a byte is written: every write meets a broken pipe. The exit
    # code is still the command's own (1 with findings), never 0 because the pipe closed.
    read, write = os.pipe()
    os.close(read)
    args = [sys.executable, "-m", "voucherlib", *COMMANDS[command], "--explain", "--format", fmt]
    try:
        proc = subprocess.run(args, stdout=write, stderr=subprocess.PIPE, check=False)
    finally:
        os.close(write)
    # quiet: no traceback, no "Exception ignored" (a CSV of facility says --explain is not in it;
    # beside a CSV of facility, that one rate prices the example's shelter and day centre alike:
    # review 175 F4; audit-facility's text view says it in its summary, review 185 F3)
    one_rate = (
        "one daily rate, 25.00 GEL, prices the shelters and the day centres alike; a rate for each service:"
        " --daily-rate shelter=GEL --daily-rate day_centre=GEL\n"
    )
    said = {
        ("facility", "csv"): "voucherlib facility: --explain is written in the text, JSON, HTML and XLSX views; the CSV"
        f" holds the table alone\nvoucherlib facility: {one_rate}",
        # (review 259 F4: --explain said nothing where it adds nothing)
        ("tables", "text"): "voucherlib tables: --explain adds nothing here: the tables carry their citation\n",
        (
            "summary",
            "text",
        ): "voucherlib summary: --explain adds nothing here: a summary has no computation to explain\n",
    }
    assert proc.stderr.decode() == said.get((command, fmt), "")
    assert proc.returncode == CODES[command]


def test_the_exit_codes_of_the_examples() -> None:
    assert {c: main([*argv, "-q", "--format", "json"]) for c, argv in COMMANDS.items()} == CODES


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_pipe_ends_quietly(command: str) -> None:
    args = [sys.executable, "-m", "voucherlib", *COMMANDS[command], "--explain"]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # like `| head -1`
        err = proc.stderr.read().decode()
        proc.wait()
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert proc.returncode == CODES[command]  # whether or not the write met the closed pipe


@pytest.mark.parametrize("command", STDIN)
def test_every_command_reads_standard_input(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, example = STDIN[command]
    data = example_path(example).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main([*argv, "--daily-rate", "25"] if "facility" in command else argv) in (DONE, FINDINGS)
    from_stdin = capsys.readouterr().out
    main(COMMANDS[command])
    assert from_stdin == capsys.readouterr().out  # the same result as from the file


def test_errors_name_the_command_line_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facility", "--example", "--daily-rate", "abc"]) == UNUSABLE
    assert "--daily-rate: got 'abc'" in capsys.readouterr().err
    assert main(["audit", "--example", "--tolerance", "x"]) == UNUSABLE
    assert "--tolerance: got 'x'" in capsys.readouterr().err


def test_summary_without_input_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary"]) == UNUSABLE
    assert "usage: voucherlib summary" in capsys.readouterr().err


def test_format_and_file_name_must_agree(tmp_path: Path) -> None:
    assert main(["settle", "--example", "--format", "csv", "-o", str(tmp_path / "x.xlsx")]) == UNUSABLE


def test_exit_zero_turns_findings_into_done() -> None:
    # The example has Y-006, six working days late: not funded, a finding (exit 1).
    assert main(["settle", "--example", "-q"]) == FINDINGS
    assert main(["settle", "--example", "-q", "--exit-zero"]) == DONE


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize("fmt", ["text", "csv", "json"])
def test_standard_output_is_utf8_whatever_the_systems_code_page(encoding: str, fmt: str, tmp_path: Path) -> None:
    # review 76: a Windows redirect (> report.txt, the ANSI code page cp1252) ended every report
    # holding a Georgian name in a UnicodeEncodeError traceback and exit 1 ("done, with
    # findings"); standard output is written in UTF-8, as every file voucherlib writes
    invoice = tmp_path / "invoice.csv"
    invoice.write_text(
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "B-1,ნინო ბერიძე,2021-10,2021-10-01,,no,620.00,2021-11-05\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    args = [sys.executable, "-m", "voucherlib", "audit", str(invoice), "-q", "--format", fmt]
    proc = subprocess.run(args, capture_output=True, env=env, check=False)
    # October 2021 from 1 Oct, 31 x 20 = 620.00, submitted on the deadline (Fri 5 Nov): it matches
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert "ნინო ბერიძე" in proc.stdout.decode("utf-8")


def test_ctrl_c_ends_a_command_in_one_line_and_a_defect_is_no_finding(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # review 76: Ctrl-C printed a traceback of 30-50 lines; and an error that is no refusal (a
    # defect) left Python's exit 1, which a script reads as "done, with findings"
    import voucherlib.cli as cli

    def interrupted(*args: Any) -> int:
        raise KeyboardInterrupt

    def defect(args: Any) -> int:
        raise RuntimeError("a defect")

    # review 77: Ctrl-C before the command ran (while its modules were imported) was a traceback
    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert cli.main(["settle", "--example"]) == 130
    assert capsys.readouterr().err == "voucherlib: interrupted\n"
    monkeypatch.undo()
    out = tmp_path / "x.csv"
    for run, code in ((interrupted, 130), (defect, 70)):
        monkeypatch.setattr(cli, "_settle", run)  # (build_parser names it as each command runs)
        assert cli.main(["settle", "--example", "-o", str(out)]) == code
        err = capsys.readouterr().err
        if code == 130:
            assert err == f"voucherlib settle: interrupted; nothing written to {out}\n"
        else:
            assert "RuntimeError: a defect" in err and "internal error (a defect of voucherlib" in err
        assert not out.exists()


def test_ctrl_c_while_the_console_script_loads_the_command_line_is_one_line_too() -> None:
    # review 80: Ctrl-C in the first tenth of a second, while the console script imported
    # voucherlib.cli, was Python's traceback; the script is voucherlib._console now, which loads it
    import subprocess
    import sys

    loading = (
        "import sys\n"
        "class Stop:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'voucherlib.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Stop())\n"
        "from voucherlib._console import main\n"
        "sys.exit(main())\n"
    )
    proc = subprocess.run([sys.executable, "-c", loading], capture_output=True, timeout=60)
    assert (proc.returncode, proc.stderr) == (130, b"voucherlib: interrupted\n")
    # the installed script is that one
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "voucherlib"]
    assert script.value == "voucherlib._console:main"


def test_a_refusal_in_georgian_under_a_code_page_is_one_message_and_a_full_disk_no_defect(tmp_path: Path) -> None:
    # review 77: under a cp1252 standard error the refusal (said after the streams were put
    # back, with a strict handler) was a double traceback and exit 1; a full disk under standard
    # output was "a defect of voucherlib", exit 70
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    missing = str(tmp_path / "არ_არის.csv")
    args = [sys.executable, "-m", "voucherlib", "settle", "--lang", "ka", missing]
    proc = subprocess.run(args, capture_output=True, env=env, check=False)
    assert proc.returncode == UNUSABLE and b"Traceback" not in proc.stderr
    assert "უნდა იყოს: წაკითხვადი ფაილი" in proc.stderr.decode("utf-8")
    if Path("/dev/full").exists():
        with open("/dev/full", "wb") as full:
            args = [sys.executable, "-m", "voucherlib", "settle", "--example"]
            proc = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, check=False)
        assert proc.returncode == 74 and proc.stderr.decode() == (
            "voucherlib settle: input/output error: No space left on device\n"
        )


def test_a_standard_stream_closed_before_the_command_is_written_nowhere_and_keeps_the_exit_code() -> None:
    # review 78: `>&-` (sys.stdout None) was a traceback and exit 70; a refusal under a full
    # standard error exited 1 (its message could not be written), not 2
    code = subprocess.run(
        ["sh", "-c", f"'{sys.executable}' -m voucherlib settle --example >&-"], check=False
    ).returncode
    assert code == 1  # (the example's findings: a not-funded row)
    code = subprocess.run(
        ["sh", "-c", f"'{sys.executable}' -m voucherlib settle --example 2>&- >/dev/null"], check=False
    ).returncode
    assert code == 1
    if Path("/dev/full").exists():
        code = subprocess.run(
            ["sh", "-c", f"'{sys.executable}' -m voucherlib settle /no/such.csv 2>/dev/full"], check=False
        ).returncode
        assert code == UNUSABLE


def test_a_standard_input_closed_before_the_command_is_read_as_empty(tmp_path: Path) -> None:
    # review 80: `settle - <&-` (sys.stdin None) was an AttributeError traceback, exit 70; review
    # 82: `summary -` of it wrote an empty report, exit 0. An empty input is refused, exit 2.
    for command in ("settle", "summary", "check-cases", "audit"):
        proc = subprocess.run(
            ["sh", "-c", f"'{sys.executable}' -m voucherlib {command} - <&-"], capture_output=True, check=False
        )
        assert proc.returncode == UNUSABLE and b"Traceback" not in proc.stderr, command
        assert b"-: got nothing; expected the file's text on standard input (it was empty or closed)" in proc.stderr
