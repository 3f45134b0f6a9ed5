"""With ``--lang ka`` every word voucherlib writes is Georgian (issue 12 item 8, review 13 #7).

Every command runs on its example with ``--explain --lang ka`` and writes text, CSV, JSON and
HTML. What is left once the following are taken out must hold no word in Latin letters:

* what the input gave: every cell of the example files (ids, names, a formula-like name, the
  cities and services as written), which is shown as it was given;
* identifiers and codes: a token with a digit, an underscore or a dot in it (``B-01``,
  ``beneficiary_id``, ``vouchers.csv``), rule and decision ids (``R2``, ``D8``), ISO dates;
* machine keys: the CSV header row (the column keys, the same in every language, as JSON's
  keys), JSON keys and kinds, the ``GEL`` unit where it is a column key (``GEL/day``).

JSON is checked where it speaks to a reader: the document's and each table's title, the
column headers, the notes, the summary and the explanation labels. HTML is checked in its
text, outside its tags and its style sheet.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.commands import EXAMPLE_COMMANDS
from voucherlib.cli import example_path, main
from voucherlib.output.render import _BREAK, _wrapped

COMMANDS = {**EXAMPLE_COMMANDS, "tables-2.4": ["tables", "2.4"]}
FORMATS = ("txt", "csv", "json", "html")

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
TOKEN = re.compile(r"\S+")
CODE = re.compile(r"[0-9_.@/\\=]|^[RD][0-9]+[a-z]?$|^-?[A-Z]-|^[a-z]+(-[a-z]+)+$|^--[a-z]+(-[a-z]+)*$")
"""An identifier or a code: a digit, ``_``, ``.``, ``@``, ``=`` or a slash in it, a rule or decision
id, an id such as ``B-01``, a finding's code (``claim-above``), a command-line flag (``--daily-rate``,
and its value: ``shelter=GEL``)."""


def given_texts() -> list[str]:
    """Every cell of the example inputs: shown as given, in any language."""
    texts: set[str] = set()
    for name in ("vouchers.csv", "invoice.csv", "facility_occupancy.csv", "facility_claims.csv"):
        with open(example_path(name), encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                texts.update(cell.strip() for cell in row if cell.strip())
    for name in ("tsalenjikha_2020.toml", "cases.toml"):  # the summary's programs, the worked examples
        texts.update(_strings(tomllib.loads(Path(example_path(name)).read_text(encoding="utf-8"))))
    return sorted(texts, key=len, reverse=True)


def _strings(value: Any) -> list[str]:
    """Every string in TOML data."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


GIVEN = sorted(
    {*given_texts(), *(line for text in given_texts() for line in _wrapped(text).split(_BREAK))}, key=len, reverse=True
)
"""The inputs' texts, and each line of each as the text view shows a long cell (over several lines)."""


def latin_words(text: str) -> list[str]:
    """The words of ``text`` in Latin letters that are none of the exceptions above."""
    for given in GIVEN:
        text = text.replace(given, " ")
    text = re.sub(r"\d{4}-\d{2}-\d{2}", " ", text)
    words = []
    for token in TOKEN.findall(text):
        bare = token.strip("()[]{}:;,.'\"!?*«»“”")
        if CODE.search(bare):
            continue
        words.extend(LATIN_WORD.findall(bare))
    return words


def readable_json(data: dict[str, Any]) -> str:
    parts = [data["title"], *data["summary"]]
    for table in data["tables"]:
        parts += [table["title"], *(c["header"] for c in table["columns"]), *table["notes"]]
        parts += [str(v) for row in table["rows"] for v in row.values() if isinstance(v, str)]
    parts += [e["label"] for e in data["explanations"]]
    return "\n".join(parts)


def readable_html(page: str) -> str:
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<svg.*?</svg>", lambda m: " ".join(re.findall(r">([^<]+)<", m.group())), page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page).replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")


def readable_csv(text: str) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    keys = {cell for row in rows for cell in row if re.fullmatch(r"[a-z_0-9.*]+", cell)}
    return "\n".join(cell for row in rows for cell in row if cell not in keys)


READERS = {
    "txt": lambda t: t,
    "csv": readable_csv,
    "json": lambda t: readable_json(json.loads(t)),
    "html": readable_html,
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_speaks_georgian_with_lang_ka(command: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    assert main([*COMMANDS[command], "--explain", "--lang", "ka", "-q", "-o", str(out)]) in (0, 1)
    text = READERS[fmt](out.read_text(encoding="utf-8"))
    assert text.strip()
    assert latin_words(text) == []


@pytest.mark.parametrize(
    ("argv", "sheets"),
    [
        (["settle", "--example"], ["ვაუჩერის თვეები (დანართი №2.12)"]),
        (["facility", "--example", "--daily-rate", "25"], ["დაწესებულებების თვეები"]),
        (["tables", "--example"], ["ლიმიტების ცხრილები", "ბიუჯეტები (ლარი)"]),
        (["summary", "--example"], ["პროგრამები"]),
        (["check-cases", "--example"], ["გამოთვლის მაგალითები"]),
    ],
)
def test_a_georgian_workbook_names_its_sheets_in_georgian(tmp_path: Path, argv: list[str], sheets: list[str]) -> None:
    # review 28: only the audit's sheets were Georgian (docs/cli.md: --lang ka says the sheet names too)
    import openpyxl

    from voucherlib.cli import main

    out = tmp_path / "k.xlsx"
    assert main([*argv, "--lang", "ka", "-q", "--exit-zero", "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == sheets


def test_the_facility_table_names_cities_services_and_its_provision(capsys: pytest.CaptureFixture[str]) -> None:
    # review 33: in Georgian the rows showed the keys tbilisi, shelter, day_centre; and without
    # --explain no view named the provision of R3 and R4 (Annex 2.8, Art. 6, para 4(g), as worded
    # by Decree 467, Art. 1, para 2(t.a.b)).
    import json

    for lang, cities, services, provision in (
        # review 42: the English rows showed the keys too (tbilisi, day_centre)
        ("en", ["Tbilisi", "Batumi"], ["shelter", "day centre"], "Annex 2.8, Art. 6, para 4(g) of the State Program"),
        ("ka", ["თბილისი", "ბათუმი"], ["თავშესაფარი", "დღის ცენტრი"], "№2.8 დანართის მე-6 მუხლის მე-4 პუნქტის „გ“"),
    ):
        assert main(["facility", "--example", "--daily-rate", "25", "--format", "json", "--lang", lang]) == 0
        (table,) = json.loads(capsys.readouterr().out)["tables"]
        assert [r["city"] for r in table["rows"]] == cities and [r["service"] for r in table["rows"]] == services
        assert len(table["notes"]) == 1 and provision in table["notes"][0]


def test_an_invoice_headed_as_the_georgian_report_heads_its_columns_is_read(tmp_path: Path) -> None:
    # Review 37: the Georgian report heads the claim "მოთხოვნილი" and its reasons name the column
    # so, but an invoice with that header was refused (only "მოთხოვნილი თანხა" was read). Every
    # invoice column headed as the Georgian report heads it is read. B-1, October 2021, the whole
    # month without status: 31 x 20 = 620.00, submitted in time.
    from decimal import Decimal

    import voucherlib as vl
    from voucherlib.core.phrases import say
    from voucherlib.input.headers import COLUMN_NAMES

    columns = [c for c in COLUMN_NAMES if c != "provider"]  # every invoice column, in the file order below
    path = tmp_path / "invoice.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [
                [say("ka", f"column.{c}") for c in columns],
                ["B-1", "ნინო", "2021-10", "2021-01-01", "", "არა", "620.00", "2021-11-05"],
            ]
        )
    (line,) = vl.audit_invoice(path).lines
    assert (line.verdict, line.computed) == ("matches", Decimal("620.00"))
    assert line.explain("ka").splitlines()[0] == "სტრიქონი 2, B-1 ნინო: ემთხვევა"  # the line alone, in Georgian


def test_the_summary_names_its_source_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    # review 49: the Georgian summary ended with the source's English title; the report's own
    # Georgian title is shown instead (the example's source_ka, as the report writes it).
    from voucherlib.cli import main

    assert main(["summary", "--example", "--lang", "ka"]) == 0
    out = capsys.readouterr().out
    assert "2020 წელს გაწეული მუშაობის შესახებ" in out and "Report of the" not in out
    assert main(["summary", "--example"]) == 0
    assert "Report of the Social Service" in capsys.readouterr().out


def test_a_facility_months_own_refusal_inside_its_claims_reason_speaks_georgian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # F-1's September 2021 has counts for 2 of its 30 days: the month cannot be computed, so both
    # claims of its row are not checked; the reason says why inside the claim's reason, in
    # Georgian with the field by its column header (D29; review 49: "occupancy:" and "2 of 30 days")
    occupancy = tmp_path / "occupancy.csv"
    occupancy.write_text(
        "facility_id,city,service,limit,date,children_served\n"
        "F-1,tbilisi,shelter,20,2021-09-01,18\nF-1,tbilisi,shelter,20,2021-09-02,18\n",
        encoding="utf-8",
    )
    claims = tmp_path / "claims.csv"
    claims.write_text("facility_id,month,claimed_children,claimed_unfilled\nF-1,2021-09,10500.00,1500.00\n")
    assert main(["audit-facility", str(occupancy), str(claims), "--daily-rate", "25", "--lang", "ka"]) == 1
    out = capsys.readouterr().out
    assert "(„დატვირთვა“: მითითებულია 30 დღიდან 2; უნდა იყოს: რაოდენობა 2021-09-ის ყოველი დღისთვის" in out
    assert latin_words(out) == []


def test_the_georgian_difference_of_an_audit_line_says_which_way_it_runs() -> None:
    # review 79: "სხვაობა -300.00 ლარი" where the English says "difference (claimed - computed)"
    from voucherlib import audit_invoice

    report = audit_invoice(example_path("invoice.csv"))
    line = next(ln for ln in report.lines if ln.verdict == "under-claimed")  # B-04: 600 claimed, 30 x 30 = 900
    assert "სხვაობა (მოთხოვნილი − გამოთვლილი) -300.00 ლარი" in report.explain(line.row, "ka")


@pytest.mark.parametrize(
    "command",
    [["tables"], ["summary", "--example"], ["audit", "--example", "--exit-zero"], ["settle", "--example"]],
)
def test_georgian_parts_a_numbers_thousands_with_a_space_never_a_comma(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 127 F3: Georgian output grouped numbers as English does (``ბ: 1,146``, ``ოჯახი: 1,120``,
    ``3,170.00 ლარი``), where a comma is the Georgian decimal mark (1,146 read as 1.146). It parts
    them with a space, as the decree writes its figures (``20 432``); each number of the English
    output is in the Georgian one, so written."""
    main([*command])
    english = capsys.readouterr().out
    main([*command, "--lang", "ka"])
    georgian = capsys.readouterr().out
    assert not re.search(r"\d,\d{3}(?!\d)", georgian), georgian
    grouped = set(re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", english))
    assert grouped or command[0] == "settle"  # (the example's amounts are below 1,000)
    for number in grouped:
        assert number.replace(",", " ") in georgian, number


def test_a_bound_said_in_a_georgian_refusal_parts_its_thousands_with_a_space(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Review 130 F2: the most a daily rate may be was written into the refusal with a comma before
    the phrase was said (``არაუმეტეს 10,000 ლარი``: ten lari to a Georgian reader); the phrase
    formats it, in each language's way."""
    assert main(["facility", "--example", "--daily-rate", "99999999", "--lang", "ka"]) == 2
    assert "არაუმეტეს 10 000 ლარი" in capsys.readouterr().err
    assert main(["facility", "--example", "--daily-rate", "99999999"]) == 2
    assert "at most 10,000 GEL a day" in capsys.readouterr().err


def test_a_long_georgian_sheet_name_is_cut_after_a_whole_word(tmp_path: Path) -> None:
    # Review 229 M2: `tables 2.4 --lang ka` named its sheet `დანართი №2.4_ დღის ცენტრებში მო`: the
    # colon a `_`, the name cut within a word at 31 characters (a sheet's most)
    import openpyxl

    from voucherlib.cli import main

    out = tmp_path / "t.xlsx"
    assert main(["tables", "2.4", "--lang", "ka", "-q", "-o", str(out)]) == 0
    (name,) = openpyxl.load_workbook(out).sheetnames
    assert name == "დანართი №2.4 დღის ცენტრებში" and len(name) <= 31
