"""The text view's columns as a screen draws them (review 170 F2, F4).

A cell is laid out by the columns it takes on a screen, not by its count of characters: a mark
drawn over a letter takes none, a wide (East Asian) letter two. And a cell holding a
right-to-left letter (Hebrew, Arabic) is set apart (U+2068 ... U+2069), so that a screen applying
the bidirectional rules draws the cells after it in their order: the numbers after a Hebrew name
joined its run and were drawn reversed, the claim under the payable header.

Every line: November 2021 (30 days x 20 GEL = 600.00), submitted on the deadline (Mon 6 Dec 2021).
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

import pytest

from voucherlib.output.table import isolated, shown_width
from voucherlib.reports.audit import InvoiceLine, audit_invoice

NAMES = [
    "Nino Beridze",
    "Giga" + "\u0300" * 40,
    "\uff26\uff35\uff2c\uff2c \uff2e\uff21\uff2d\uff25",
    "\u05e9\u05e8\u05d4",
]
"""A Latin name; one of 4 letters and 40 accents (4 columns); one of 8 full-width letters and a
space (17 columns); one in Hebrew (3 columns, right to left)."""


def _report() -> object:
    claims = ["600.00", "900.00", "600.00", "1900.00"]
    return audit_invoice(
        [
            InvoiceLine(beneficiary_id=f"B-0{k}", name=name, month="2021-11", claimed=claim, submitted_on="2021-12-06")
            for k, (name, claim) in enumerate(zip(NAMES, claims, strict=True), start=1)
        ]
    )


def _columns(line: str) -> list[str]:
    """The line as a screen draws it, one item a column (a mark kept with the letter before it)."""
    out: list[str] = []
    for c in line:
        width = shown_width(c)
        if width == 0 and out:
            out[-1] += c
        else:
            out.extend([c] + [""] * (width - 1))
    return out


def test_a_character_takes_the_columns_a_screen_gives_it() -> None:
    assert [shown_width(n) for n in NAMES] == [12, 4, 17, 3]
    assert shown_width(isolated("\u05e9\u05e8\u05d4")) == 3 and isolated("Nino") == "Nino"
    assert isolated("\u05e9\u05e8\u05d4") == "\u2068\u05e9\u05e8\u05d4\u2069"
    # review 180 F4: a character the emoji selector (U+FE0F) follows is drawn two columns wide
    # (a heart, U+2764, one alone); a wide letter stays two. "heart ❤️ x": 6 + 2 + 2 = 10
    assert shown_width("heart \u2764\ufe0f x") == 10 and shown_width("heart \u2764 x") == 9
    assert shown_width("\u4e2d\ufe0f") == 2


def test_every_row_of_the_lines_table_has_its_cells_under_their_headers() -> None:
    text = _report().to_text()  # type: ignore[attr-defined]
    lines = text.split("\n")
    top = lines.index("Lines")
    header, rule = lines[top + 1], lines[top + 2]
    gaps = [i for i, c in enumerate(rule) if c == " "]  # the two columns between two cells
    rows = lines[top + 3 : top + 3 + len(NAMES)]
    for row in [header, *rows]:
        drawn = _columns(row)
        assert all(k >= len(drawn) or drawn[k][:1] == " " for k in gaps), row
    # the Hebrew name's cell is set apart; the others are as written
    assert "\u2068\u05e9\u05e8\u05d4\u2069" in rows[3] and "\u2068" not in "".join(rows[:3])


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"), reason="Chromium is not installed")
def test_a_browser_draws_a_hebrew_names_row_in_its_order(tmp_path: Path) -> None:
    # B-04, claimed 1,900.00, computed 600.00: difference 1,300.00, deducted 0.00, payable 600.00;
    # the amounts drawn left to right in that order, as the headers are
    sync_api = pytest.importorskip("playwright.sync_api")
    from .test_browser import ARGS

    text = _report().to_text()  # type: ignore[attr-defined]
    row = next(line for line in text.split("\n") if line.startswith("4 "))
    page_file = tmp_path / "text.html"
    page_file.write_text(f'<meta charset="utf-8"><pre id="t">{html.escape(row)}</pre>', encoding="utf-8")
    amounts = ["1,900.00", "600.00", "1,300.00", "0.00"]
    starts, at = [], 0
    for amount in amounts:
        at = row.index(amount, at)
        starts.append(at)
        at += len(amount)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            lefts = page.evaluate(
                """(starts) => { const node = document.getElementById('t').firstChild;
                   return starts.map(s => { const r = document.createRange(); r.setStart(node, s);
                   r.setEnd(node, s + 1); return r.getBoundingClientRect().left; }); }""",
                starts,
            )
        finally:
            browser.close()
    assert lefts == sorted(lefts), (row, lefts)
