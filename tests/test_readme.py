"""The README is a promise: its example runs, and CI runs its test command exactly."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, flags=re.S)


def test_the_readme_example_runs_as_written() -> None:
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 4 and result.failed == 0


def test_ci_runs_the_readme_test_command_exactly() -> None:
    install_and_run, test = readme_commands()[:2]
    assert "voucherlib" in install_and_run and "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    # the command as written, then what CI does when it fails (say so, exit with its status)
    assert any(line == test or line.startswith(f"{test} || {{") for line in ci)
    # the first command too, as written, in a copy of the checkout (review 92: nothing ran it)
    assert any(f'(cd "$first" && {install_and_run})' in line for line in ci)
