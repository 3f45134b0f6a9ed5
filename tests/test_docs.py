"""The documentation matches the code: every rule has its page, every command shown runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from voucherlib.cli import DONE, FINDINGS, main

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("rule", [f"r{i}" for i in range(1, 10)])
def test_every_rule_has_a_page_with_its_citation_and_georgian_text_or_table(rule: str) -> None:
    (page,) = (DOCS / "rules").glob(f"{rule}-*.md")
    text = page.read_text(encoding="utf-8")
    assert "Decree No. 467" in text
    assert re.search(r"[\u10d0-\u10ff]", text), "the page shows the Georgian text (or Georgian names)"


def shell_examples() -> list[str]:
    commands = []
    for page in DOCS.rglob("*.md"):
        for block in re.findall(r"```sh\n(.+?)```", page.read_text(encoding="utf-8"), flags=re.S):
            commands += [line for line in block.splitlines() if line.startswith("voucherlib ")]
    return commands


@pytest.mark.parametrize("command", shell_examples())
def test_every_command_line_example_in_the_docs_runs(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(shlex.split(command)[1:]) in (DONE, FINDINGS)  # done (with or without findings)
    assert capsys.readouterr().out.strip()


def test_the_interpretation_register_lists_every_decision() -> None:
    text = (DOCS / "interpretation-register.md").read_text(encoding="utf-8")
    for n in range(1, 20):
        assert f"| D{n} |" in text
