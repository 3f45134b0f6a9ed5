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
    for n in range(1, 25):
        assert f"| D{n} |" in text


def test_nothing_refers_to_a_spec_file_outside_the_project() -> None:
    # Decisions live in docs/interpretation-register.md; rules have their pages under docs/rules/.
    root = DOCS.parent
    outside = "RULES" + ".md"
    for folder in ("src", "tests", "docs"):
        for path in (root / folder).rglob("*"):
            if path.suffix in {".py", ".md", ".toml", ".txt", ".csv"}:
                assert outside not in path.read_text(encoding="utf-8"), path
    assert outside not in (root / "README.md").read_text(encoding="utf-8")


def test_every_decision_of_the_register_quotes_the_georgian_words_it_rests_on_or_says_there_are_none() -> None:
    text = (DOCS / "interpretation-register.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if re.match(r"\| D\d+ \|", line)]
    assert len(rows) >= 24
    for row in rows:
        words = row.split(" | ")[3]
        assert re.search(r"[\u10d0-\u10ff]", words) or words.startswith("none"), row


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_BARE_FENCE = re.compile(r"^\s*(`{3,}|~{3,})[\w+-]*\s*$")


def test_every_code_fence_of_the_docs_is_a_bare_fence_line() -> None:
    # A fence line with text after it (```` ``` Some words ````) never closes its block: the
    # site would show the rest of the page as code, and mkdocs --strict does not say so.
    pages = [*DOCS.rglob("*.md"), DOCS.parent / "README.md"]
    bad = [
        f"{page.relative_to(DOCS.parent)}:{number}: {line}"
        for page in pages
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if _FENCE.match(line) and not _BARE_FENCE.match(line)
    ]
    assert len(pages) > 5
    assert bad == []


def test_the_fence_check_finds_a_fence_with_text_after_it() -> None:
    assert _FENCE.match("``` An agency that reads") and not _BARE_FENCE.match("``` An agency that reads")
    assert _BARE_FENCE.match("```python") and _BARE_FENCE.match("```") and _BARE_FENCE.match("    ```toml")


def test_every_decision_id_the_docs_and_the_code_name_is_in_the_register() -> None:
    # Review 42: docs/rules/r6-limit-tables.md named a decision "D15a" the register does not have.
    text = (DOCS / "interpretation-register.md").read_text(encoding="utf-8")
    registered = set(re.findall(r"^\| (D\d+) \|", text, flags=re.M))
    assert len(registered) >= 24
    named: dict[str, str] = {}
    root = DOCS.parent
    for path in [
        *DOCS.rglob("*.md"),
        *(root / "src").rglob("*.py"),
        *(root / "src").rglob("*.toml"),
        root / "README.md",
    ]:
        for ident in re.findall(r"(?<![\w-])D\d+[a-z]?(?![\w-])", path.read_text(encoding="utf-8")):
            named.setdefault(ident, str(path.relative_to(root)))
    assert len(named) >= 24
    assert {ident: where for ident, where in named.items() if ident not in registered} == {}
