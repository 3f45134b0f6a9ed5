"""The one output layer: a Table rendered to text, CSV, JSON, XLSX and HTML."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_reader_fuzz import INVOICE_COLUMNS
from voucherlib.core.errors import InvalidInput
from voucherlib.output.render import MAX_CELL_WIDTH, _csv_cell, format_of, json_data, render, to_xlsx, write
from voucherlib.output.schema import document_schema
from voucherlib.output.table import Column, Document, Table

COLUMNS = (
    Column("id", "beneficiary", "ბენეფიციარი"),
    Column("days", "days", "დღე", "int"),
    Column("amount", "amount", "თანხა", "money"),
    Column("on", "submitted", "წარდგენილია", "date"),
    Column("funded", "funded", "ფინანსდება", "bool"),
    Column("cut", "deduction", "დაქვითვა", "percent"),
)
ROWS = (
    {
        "id": "B-1",
        "days": 31,
        "amount": Decimal("1240.00"),
        "on": dt.date(2021, 11, 5),
        "funded": True,
        "cut": Decimal(0),
    },
    {
        "id": "=HYPERLINK(1)",
        "days": 1200,
        "amount": Decimal("24000.5"),
        "on": None,
        "funded": False,
        "cut": Decimal(20),
    },
    {"id": "\x1b[2Jevil\n", "days": None, "amount": None, "on": None, "funded": None, "cut": None},
)
TABLE = Table(
    "vouchers",
    "Vouchers",
    COLUMNS,
    ROWS,
    totals={"days": 1231, "amount": Decimal("25240.50")},  # 31 + 1200; 1240.00 + 24000.50
    highlight=(None, "rejected", "error"),
    notes=("row 3: unreadable",),
    title_ka="ვაუჩერები",
)
DOC = Document("Settlement", (TABLE,), summary=("3 rows",))


def test_text_aligns_columns_and_uses_the_same_separators_in_rows_and_totals() -> None:
    lines = render(DOC, "text").splitlines()
    assert lines[:2] == ["Vouchers", "beneficiary     days     amount  submitted   funded  deduction"]
    assert "24,000.50" in lines[4] and "25,240.50" in lines[7]  # rows and totals both grouped
    # every amount ends in the same column
    ends = {
        ln.index(a) + len(a) for ln, a in ((lines[3], "1,240.00"), (lines[4], "24,000.50"), (lines[7], "25,240.50"))
    }
    assert len(ends) == 1
    assert lines[5] == "\\x1b[2Jevil\\n" and "\x1b" not in "".join(lines)
    assert lines[-1] == "3 rows"  # the summary comes after the one table


def test_a_long_cell_is_cut_on_the_terminal() -> None:
    t = Table("t", "T", (Column("x", "x"),), [{"x": "a" * 500}])
    assert max(len(ln) for ln in render(t, "text").splitlines()) <= MAX_CELL_WIDTH


def test_csv_keeps_exact_money_and_formula_like_text_as_text() -> None:
    rows = list(csv.DictReader(io.StringIO(render(DOC, "csv"))))
    assert rows[1] == {
        "id": "'=HYPERLINK(1)",
        "days": "1200",
        "amount": "24000.50",
        "on": "",
        "funded": "false",
        "cut": "20",
    }


def test_a_carriage_return_in_a_cell_is_quoted_and_read_back_as_written() -> None:
    # The rows end in "\n"; a bare "\r" written unquoted would split the row when read back.
    t = Table("t", "T", (Column("a", "a"), Column("n", "n", kind="int")),
              [{"a": "x\ry", "n": 1}, {"a": "p\r\nq", "n": 2}, {"a": "z", "n": 3}])  # fmt: skip
    text = render(t, "csv")
    assert text == 'a,n\n"x\ry",1\n"p\r\nq",2\nz,3\n'
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "n"], ["x\ry", "1"], ["p\r\nq", "2"], ["z", "3"]]


def test_json_is_typed_and_matches_its_schema() -> None:
    data = json.loads(render(DOC, "json"))
    jsonschema.validate(data, document_schema("test", {"vouchers": COLUMNS}))
    row = data["tables"][0]["rows"][0]
    assert row == {"id": "B-1", "days": 31, "amount": "1240.00", "on": "2021-11-05", "funded": True, "cut": "0"}
    assert data["tables"][0]["totals"] == {"days": 1231, "amount": "25240.50"}


def test_every_document_names_the_version_of_voucherlib_that_wrote_it(tmp_path: Path) -> None:
    # Review 172 F11: an auditor holding a report could not tell which code computed it. The
    # version is the package's, as pyproject.toml declares it (read here from the file, not the code).
    import tomllib

    from voucherlib.cli import main

    declared = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    version = "voucherlib " + declared["project"]["version"]
    assert json.loads(render(DOC, "json"))["generator"] == version
    assert main(["settle", "--example", "-q", "--exit-zero", "-o", str(tmp_path / "s.json")]) == 0  # (streamed)
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["generator"] == version
    assert f"<meta name='generator' content='{version}'>" in render(DOC, "html")
    to_xlsx(DOC, tmp_path / "out.xlsx")
    properties = openpyxl.load_workbook(tmp_path / "out.xlsx").properties
    assert properties.description == version and properties.title == DOC.heading("en")


def test_json_in_georgian_has_georgian_headers() -> None:
    data = json.loads(render(DOC, "json", lang="ka"))
    assert data["tables"][0]["title"] == "ვაუჩერები"
    assert data["tables"][0]["columns"][2]["header"] == "თანხა"


def test_xlsx_has_a_frozen_filtered_header_gel_format_and_text_that_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    to_xlsx(DOC, path)
    sheet = openpyxl.load_workbook(path)["vouchers"]
    assert [c.value for c in sheet[1]] == ["beneficiary", "days", "amount", "submitted", "funded", "deduction"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F4"
    # review 95: the text as given, its cell quote-prefixed (text, not a formula, when edited; no "'" shown)
    assert sheet["A3"].value == "=HYPERLINK(1)" and sheet["A3"].data_type == "s" and sheet["A3"].quotePrefix
    assert not sheet["A2"].quotePrefix  # "B-1" is no formula
    assert sheet["C3"].value == 24000.5 and sheet["C3"].number_format == "#,##0.00"
    assert sheet["A5"].value == "total" and sheet["C5"].value == 25240.5
    assert sheet["A3"].fill.fgColor.rgb.endswith("E8E0F5")  # the rejected row is highlighted


def test_html_is_one_self_contained_file() -> None:
    from voucherlib.output.render import CSP

    text = render(Document("T", (TABLE,)), "html")
    assert text.startswith("<!DOCTYPE html>") and "<style>" in text
    # and, behind the escaping of every text, a policy that lets the page fetch and run nothing
    # (review 170 F11): its own inline styles alone
    policy = f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
    assert policy in text and CSP.startswith("default-src 'none'; style-src 'unsafe-inline';")
    text = text.replace(policy, "")
    assert "http" not in text and "src=" not in text and "<script" not in text  # nothing fetched, nothing run
    assert "class='hl-rejected'" in text and "25,240.50" in text


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.txt", "text"), ("a.CSV", "csv"), ("a.json", "json"), ("a.xlsx", "xlsx"), ("a.html", "html")]
)
def test_the_format_comes_from_the_extension(name: str, fmt: str) -> None:
    assert format_of(name) == fmt


def test_an_unknown_extension_names_the_argument(tmp_path: Path) -> None:
    # the Python argument "path" (review 157 F10); the command line names its flag, "-o"
    with pytest.raises(InvalidInput, match=r"^path: got '.*out\.pdf'"):
        write(DOC, tmp_path / "out.pdf")
    with pytest.raises(InvalidInput, match=r"^-o: got 'out\.pdf'"):
        format_of("out.pdf", "-o")
    # and a format of no renderer names the argument "fmt" (review 162 F5: "--format")
    with pytest.raises(InvalidInput, match=r"^fmt: got 'pdf'"):
        render(DOC, "pdf")
    with pytest.raises(InvalidInput, match=r"^fmt: got 'pdf'"):
        write(DOC, tmp_path / "out.txt", "pdf")


def test_an_unknown_highlight_is_refused() -> None:
    with pytest.raises(ValueError, match="highlight"):
        Table("t", "T", (Column("x", "x"),), [{"x": "1"}], highlight=("purple",))


class _Text(str):
    """A str subclass (as a row's Reason is)."""


_TEXT = st.text(alphabet=st.sampled_from(list('ab,;"\r\n\x00=+-@ \tბ')), max_size=5)
_CELL = st.one_of(
    st.none(),
    st.integers(-(10**20), 10**20),
    st.booleans(),
    _TEXT,
    _TEXT.map(_Text),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
)
_KINDS = ("text", "int", "money", "date", "bool", "percent")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_KINDS), min_size=1, max_size=5),
    st.lists(st.lists(_CELL, min_size=5, max_size=5), max_size=6),
)
def test_csv_of_any_cells_is_what_the_csv_writer_writes(kinds: list[str], rows: list[list[object]]) -> None:
    # The renderer joins a run's cells itself when it can (each cell's text quoted where the csv
    # writer quotes it); the file must be the csv writer's, byte for byte, for cells of any type
    # in columns of any kind: quoted where it quotes (a "\r" quoted as with "\r\n"), and where a
    # ";" or a tab would split a cell under another separator (review 95: quoted as the csv writer
    # quotes the characters of its line terminator).
    width = len(kinds)
    columns = tuple(Column(f"c{i}", f"c{i}", kind=kind) for i, kind in enumerate(kinds))
    table = Table("t", "t", columns, [{f"c{i}": row[i] for i in range(width)} for row in rows])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n;\t")
    want = [c.key for c in columns]
    lines = [",".join(want) + "\n"]
    for row in table.rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_csv_cell(row[c.key], c) for c in columns])
        lines.append(buffer.getvalue()[:-4] + "\n")
    assert render(table, "csv") == "".join(lines)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=8), max_size=5, unique=True),
    st.lists(st.lists(st.one_of(st.none(), st.text(max_size=6)), min_size=5, max_size=5), max_size=4),
)
def test_json_rows_are_what_json_dumps_writes_whatever_the_column_keys(
    keys: list[str], cells: list[list[str | None]]
) -> None:
    """Each row is written from a template of the column keys (braces, percent signs, quotes and
    any other character among them) filled with the cells' JSON texts: the whole document is
    ``json.dumps(json_data(...), indent=2)``, with no column (rows of ``{}``) as well."""
    columns = tuple(Column(key, key, key) for key in keys)
    rows = tuple({key: row[k] for k, key in enumerate(keys)} for row in cells)
    doc = Document("T", (Table("t", "T", columns, rows),))
    dumped = json.dumps(json_data(doc), ensure_ascii=False, indent=2)
    # (DEL and the C1 controls, which json.dumps writes raw, as \u escapes: the same data)
    assert render(doc, "json") == re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", dumped)
    assert json.loads(render(doc, "json")) == json.loads(dumped)


@pytest.mark.parametrize("key", [1, None, b"id", ("a",)])
def test_a_column_key_that_is_not_text_is_refused_naming_it(key: object) -> None:
    # (review 12: an int key was written unquoted in JSON, `1: "x"`, which no JSON reader reads)
    with pytest.raises(InvalidInput) as caught:
        Column(key, "x")  # type: ignore[arg-type]
    assert caught.value.field == "key" and caught.value.value == key


def test_a_run_of_numpy_or_pandas_columns_is_written_like_one_of_lists() -> None:
    # (review 13: a text column given as an object array or a Series raised ValueError in CSV)
    import numpy as np
    import pandas as pd

    from voucherlib.output.render import write_stream
    from voucherlib.output.table import Ending, RowChunk, Stream

    columns = (Column("a", "a"), Column("b", "b", kind="int"))
    head = Document("d", (Table("t", "t", columns, []),))
    written = []
    for a in (["x", "y"], np.array(["x", "y"], dtype=object), pd.Series(["x", "y"])):
        out = io.StringIO()
        write_stream(Stream(head, [RowChunk(2, {"a": a, "b": [1, 2]})], lambda: Ending()), out, "csv")
        written.append(out.getvalue())
    assert written == ["a,b\nx,1\ny,2\n"] * 3


def test_a_carriage_return_is_quoted_whatever_the_cell_says_of_itself() -> None:
    # (review 13: a str subclass whose `in` denies holding "\r" had it written bare, a line break)
    class Odd(str):
        def __str__(self) -> str:
            return self  # (so it stays itself when written as text)

        def __contains__(self, part: object) -> bool:
            return False

    table = Table("t", "t", (Column("a", "a", kind="date"), Column("b", "b")), [{"a": Odd("x\ry"), "b": "z"}])
    assert list(csv.reader(io.StringIO(render(table, "csv"), newline=""))) == [["a", "b"], ["x\ry", "z"]]


def test_an_html_page_shows_control_characters_escaped_never_raw() -> None:
    """``--format html`` wrote ESC, BEL and the 8-bit CSI (U+009B) of input cells raw to standard
    output: on a terminal they set its title and cleared the screen (review 20). They are shown
    escaped, as the text format shows them; tabs and line ends are kept."""
    table = Table("t", "T", (Column("id", "id", "text"),), [{"id": "A\x1b]0;pwned\x07\x1b[2J"}, {"id": "B\x9b2J\x7f"}])
    page = render(Document("T", (table,)), "html")
    assert not any(ch in page for ch in "\x1b\x07\x9b\x7f")
    assert "A\\x1b]0;pwned\\x07\\x1b[2J" in page and "B\\x9b2J\\x7f" in page


def test_csv_and_json_show_no_c1_control_or_del_raw() -> None:
    """``--format csv`` and ``--format json`` wrote U+009B (a terminal's CSI), U+0085 and DEL raw
    (review 20): CSV shows them escaped as it shows ESC; JSON writes them as \\u escapes, so
    its data is the same."""
    table = Table("t", "T", (Column("id", "id", "text"),), [{"id": "B\x9b2J"}, {"id": "C\x85X\x7f"}])
    doc = Document("T", (table,))
    csv_text, json_text = render(doc, "csv"), render(doc, "json")
    assert not any(ch in csv_text + json_text for ch in "\x9b\x85\x7f")
    assert "B\\x9b2J" in csv_text and "C\\x85X\\x7f" in csv_text
    assert [r["id"] for r in json.loads(json_text)["tables"][0]["rows"]] == ["B\x9b2J", "C\x85X\x7f"]


INVISIBLE_IDS = ["\u202e1234", "B\u200b-1", "X\u2066Y\u2069", "Z\ufeff", "L\u2028M", "S\u00adT", "Q\U000e0041"]


def test_invisible_format_characters_are_shown_escaped_in_every_view_for_people(tmp_path: Path) -> None:
    """Review 28: an id "\\u202e1234" showed as "4321" in the HTML page (and a finding's "20.50 GEL
    more" as "LEG 05.02"), a zero-width space made two ids look alike. HTML, CSV and XLSX show
    each such character escaped, as the text view does; JSON, data for programs, keeps them."""
    table = Table("t", "T", (Column("id", "id", "text"),), [{"id": v} for v in INVISIBLE_IDS])
    doc = Document("T", (table,))
    escaped = ["\\u202e1234", "B\\u200b-1", "X\\u2066Y\\u2069", "Z\\ufeff", "L\\u2028M", "S\\xadT", "Q\\U000e0041"]
    page, csv_text, json_text, text = (render(doc, f) for f in ("html", "csv", "json", "text"))
    for view in (page, csv_text, text):
        assert not any(ch in view for ch in "\u202e\u200b\u2066\u2069\ufeff\u2028\u00ad\U000e0041"), view
    assert all(e in page and e in csv_text and e in text for e in escaped)
    assert [r["id"] for r in json.loads(json_text)["tables"][0]["rows"]] == INVISIBLE_IDS
    path = tmp_path / "t.xlsx"
    to_xlsx(doc, path)
    cells = [row[0].value for row in openpyxl.load_workbook(path).active.iter_rows(min_row=2)]
    assert cells[: len(escaped)] == escaped


def test_an_explanation_in_text_shows_the_invoices_escape_sequences_escaped(tmp_path: Path) -> None:
    """Review 28: ``audit --explain`` wrote a name's ESC [ A raw into the explanations, moving a
    terminal's cursor over the summary line, which then showed amounts never computed."""
    from voucherlib.cli import main

    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "A,N\x1b[1A\x1b[2Kfake,2021-10,,,no,900.00,2021-11-05\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.txt"
    assert main(["audit", str(path), "--explain", "-q", "-o", str(out)]) == 1  # 900.00 claimed, 620.00 due
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "N\\x1b[1A\\x1b[2Kfake" in text


def test_a_charts_long_labels_keep_their_ends() -> None:
    """Review 28: a chart's label was its first 40 characters, so two providers that share a
    start read alike beside different bars; cut in the middle, each keeps its end (and its whole
    name in the tooltip)."""
    from voucherlib.output.charts import BarChart

    providers = (
        "ააიპ „ახალგაზრდების მხარდაჭერის ცენტრი“ თბილისის ფილიალი",
        "ააიპ „ახალგაზრდების მხარდაჭერის ცენტრი“ ბათუმის ფილიალი",
    )
    svg = BarChart("c", "t", providers, (("claimed", (Decimal("900.00"), Decimal("600.00"))),)).svg()
    labels = re.findall(r"text-anchor='end' font-size='12'>([^<]*)<title>([^<]*)</title>", svg)
    assert tuple(whole for _, whole in labels) == providers
    shown = [label for label, _ in labels]
    assert len(set(shown)) == 2 and all(len(label) <= 40 and "…" in label for label in shown)
    assert shown[0].endswith("თბილისის ფილიალი") and shown[1].endswith("ბათუმის ფილიალი")


def test_every_table_heads_its_columns_apart() -> None:
    # review 28: the findings table headed both its code and its text "finding"
    from voucherlib.cli import example_path
    from voucherlib.reports.audit import audit_invoice

    for lang in ("en", "ka"):
        for table in audit_invoice(example_path("invoice.csv")).document(lang).tables:
            headers = [c.header(lang) for c in table.columns]
            assert len(headers) == len(set(headers)), (lang, table.name, headers)


def test_every_format_character_is_escaped_in_the_views_for_people() -> None:
    # review 29: the soft hyphen, U+180E, U+206A-206F, U+FFF9-FFFB and the tags stayed raw
    import sys
    import unicodedata

    from voucherlib.output.render import _HTML_CONTROLS, _UNWRITABLE

    every = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp")]
    assert every and all(_UNWRITABLE.match(ch) and _HTML_CONTROLS.match(ch) for ch in every)


def test_middle_cut_never_gives_more_than_asked() -> None:
    from voucherlib.output.table import middle_cut

    for most in range(0, 8):
        assert len(middle_cut("abcdefghij", most)) <= most
    assert middle_cut("abcdefghij", 5) == "ab…ij"


@pytest.mark.parametrize("lang", ["en", "ka"])
def test_a_text_longer_than_a_workbook_cell_holds_is_cut_with_a_mark_saying_so(tmp_path: Path, lang: str) -> None:
    # review 65: a cell holds 32,767 characters and the rest was dropped without a mark (a
    # finding's list of 8,000 rows ended in "5", a fragment of row 5647). The cut text ends with
    # a mark naming the whole text's length and where it is whole; a column with a character to
    # escape is cut the same way.
    # rows 2 .. 8001: "rows " (5) + digits 8 x 1 + 90 x 2 + 900 x 3 + 7,002 x 4 (30,896) + 7,999
    # separators ", " (15,998) = 46,899 characters
    long = "rows " + ", ".join(map(str, range(2, 8002)))
    assert len(long) == 46_899
    doc = Table("t", "Findings", (Column("rows", "rows", "სტრიქონები"),), [{"rows": long}, {"rows": "\x01" + long}])
    path = tmp_path / "t.xlsx"
    to_xlsx(doc, path, lang)
    cells = [row[0].value for row in openpyxl.load_workbook(path).active.iter_rows(min_row=2)]
    # the length of the text as given (the \x01 is one character, shown as four)
    for cell, text, whole in zip(cells, (long, "\\x01" + long), ("46,899", "46,900"), strict=True):
        assert len(cell) == 32_767
        kept, mark = cell.split(" …", 1)
        whole = whole.replace(",", " ") if lang == "ka" else whole  # (Georgian parts thousands with a space)
        assert text.startswith(kept) and whole in mark and "JSON" in mark
        assert ("შემოკლებულია" in mark) == (lang == "ka")


def test_a_lone_surrogate_in_a_frames_name_is_shown_escaped_and_every_file_is_written(tmp_path: Path) -> None:
    # review 65: a name holding a lone surrogate (a frame's text can; no UTF-8 file can) made
    # to_html(path) and write(".json") fail after the target was emptied, and to_dataframe fail.
    # B-01, November 2021, enrolled before it, no status, in time: 30 x 20 = 600.00 claimed and due
    import pandas as pd

    from voucherlib.reports.audit import audit_invoice

    row = {
        "beneficiary_id": "B-01", "name": "Nino\ud800X", "month": "2021-11", "enrolled_on": "2021-05-01",
        "discharged_on": "", "disability": "no", "claimed": "600.00", "submitted_on": "2021-12-06",
    }  # fmt: skip
    report = audit_invoice(pd.DataFrame([row], dtype=object))
    assert report.lines[0].verdict == "matches" and report.lines[0].payable == Decimal("600.00")
    page = tmp_path / "r.html"
    page.write_text("the old report", encoding="utf-8")
    report.to_html(page)
    assert "Nino\\ud800X" in page.read_text(encoding="utf-8")
    report.write(tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))  # the \ud800 escape read back as it
    lines = next(t for t in data["tables"] if t["name"] == "lines")
    assert lines["rows"][0]["name"] == "Nino\ud800X"
    assert report.to_dataframe()["name"].tolist() == ["Nino\ud800X"]


def test_a_file_written_through_written_whole_is_left_as_it_was_when_writing_fails(tmp_path: Path) -> None:
    from voucherlib.output.render import written_whole

    path = tmp_path / "report.json"
    path.write_text("the old report", encoding="utf-8")
    with pytest.raises(RuntimeError), written_whole(path) as f:
        f.write("half of the new")
        raise RuntimeError("the renderer failed half-way")
    assert path.read_text(encoding="utf-8") == "the old report" and sorted(tmp_path.iterdir()) == [path]


def test_a_report_written_under_a_name_of_no_format_names_the_python_argument(tmp_path: Path) -> None:
    # review 157 F10: AuditReport.write("x.pdf") was refused naming "-o", a flag the Python
    # caller never used; the command line still names -o (tests/test_cli_grammar.py)
    from voucherlib.cli import example_path
    from voucherlib.reports.audit import audit_invoice

    with pytest.raises(InvalidInput) as caught:
        audit_invoice(example_path("invoice.csv")).write(tmp_path / "x.pdf")
    assert caught.value.field == "path" and str(caught.value).startswith("path: got ")
    assert not (tmp_path / "x.pdf").exists()


def test_a_reports_csv_file_holds_what_the_command_lines_does(tmp_path: Path) -> None:
    # review 65: report.write("x.csv") held the Lines table alone, where `voucherlib audit -o
    # x.csv` holds the summary, the findings and the lines: the same name, two contents
    from voucherlib.cli import example_path, main
    from voucherlib.reports.audit import audit_invoice

    ours, theirs = tmp_path / "ours.csv", tmp_path / "theirs.csv"
    audit_invoice(example_path("invoice.csv")).write(ours)
    assert main(["audit", "--example", "-o", str(theirs), "--exit-zero", "-q"]) == 0
    # the same tables, rows and columns (the command line words a message for a file's reader:
    # "got '2021-11-05'" where Python says "got '2021-11-05' (str)")
    ours_tables, theirs_tables = (
        [list(csv.reader(io.StringIO(block))) for block in p.read_text(encoding="utf-8").split("\n\n")]
        for p in (ours, theirs)
    )
    assert [t[0] for t in ours_tables] == [t[0] for t in theirs_tables]
    assert [t[0][0] for t in ours_tables] == ["item", "severity", "row"]  # summary, findings, lines
    assert [len(t) for t in ours_tables] == [len(t) for t in theirs_tables]
    assert [r[:2] for t in ours_tables for r in t] == [r[:2] for t in theirs_tables for r in t]


def test_a_reports_text_file_holds_what_the_command_lines_does(tmp_path: Path) -> None:
    # Review 204 F2: report.write("x.txt") added an explanation column to the lines, each trace
    # on one line with "\\n" between its steps (52 KB for the 9 lines of the example against 6 KB)
    from voucherlib.cli import example_path, main
    from voucherlib.reports.audit import audit_invoice

    ours, theirs = tmp_path / "ours.txt", tmp_path / "theirs.txt"
    report = audit_invoice(example_path("invoice.csv"))
    report.write(ours)
    assert main(["audit", "--example", "-o", str(theirs), "--exit-zero", "-q"]) == 0
    text = ours.read_text(encoding="utf-8")
    assert (
        "\\n" not in text
        and "explanation" not in text
        and text == report.to_text() + "\n" * (not report.to_text().endswith("\n"))
    )
    # the same tables' rows (Python names a value's type, "got '2021-11-05' (str)", and wraps a
    # reason a word later: the rows' first cells compared)
    assert [ln.split()[:2] for ln in text.splitlines() if ln[:1].isalnum()] == [
        ln.split()[:2] for ln in theirs.read_text(encoding="utf-8").splitlines() if ln[:1].isalnum()
    ]


def test_a_file_written_whole_writes_a_symlinks_target_and_a_fifo_straight_through(tmp_path: Path) -> None:
    # review 69: the whole-file writer replaced a symlink by a file (the report it points to stayed
    # stale) and a FIFO by a file (its reader got nothing)
    import threading

    from voucherlib.output.render import write_text_whole

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "report.html").write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(shared / "report.html")
    write_text_whole(link, "new")
    assert link.is_symlink() and (shared / "report.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in shared.iterdir()) == ["report.html"]  # no part file left
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_text_whole(fifo, "row,amount\n")
    reader.join(timeout=10)
    assert got == [b"row,amount\n"] and fifo.is_fifo()


@pytest.mark.parametrize(("where", "says"), [("missing/r.html", "a folder that exists"), ("dir", "not a folder")])
def test_a_file_that_cannot_be_written_is_refused_naming_the_path_given(tmp_path: Path, where: str, says: str) -> None:
    # review 69: an OSError naming a hidden temporary file (.r.html.xxxx.part), not a VoucherError
    from voucherlib.output.render import write_text_whole

    (tmp_path / "dir").mkdir()
    path = tmp_path / where
    with pytest.raises(InvalidInput, match=rf"path: got '{re.escape(str(path))}'.*{says}") as refused:
        write_text_whole(path, "x")
    assert ".part" not in str(refused.value)


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "link"])
@pytest.mark.parametrize("redirect", ["pipe", "a", "w"])
def test_standard_output_by_any_name_is_written_where_it_stands(tmp_path: Path, name: str, redirect: str) -> None:
    # review 71, 72: through a pipe /dev/stdout was taken for a folder; redirected to a file (>>
    # log) the log was replaced (by /dev/fd/1 and /proc/self/fd/1 still); redirected with > the
    # report was written over by what came after it
    import subprocess
    import sys

    if name == "link":
        (tmp_path / "out.csv").symlink_to("/dev/stdout")
        name = str(tmp_path / "out.csv")
    code = (
        "import sys\nfrom voucherlib.output.render import write_text_whole\n"
        "print('before', flush=True)\n"
        f"write_text_whole({name!r}, 'the report\\n')\n"
        "print('after', flush=True)\n"
    )
    if redirect == "pipe":
        piped = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert piped.stdout == "before\nthe report\nafter\n"
        return
    log = tmp_path / "log.txt"
    log.write_text("earlier\n", encoding="utf-8")
    with log.open(redirect, encoding="utf-8") as out:
        subprocess.run([sys.executable, "-c", code], stdout=out, check=True)
    earlier = "earlier\n" if redirect == "a" else ""
    assert log.read_text(encoding="utf-8") == earlier + "before\nthe report\nafter\n"


def test_a_regular_file_anywhere_is_replaced_and_a_link_is_followed_as_the_system_follows_it(tmp_path: Path) -> None:
    # review 72: a regular file under /dev/shm was appended to (two JSON documents in one file),
    # and a relative link '../x.csv' inside a symlinked folder was followed textually: the input
    # x.csv beside it was overwritten instead of deep/x.csv

    from voucherlib.output.render import write_text_whole

    if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK):
        shm = Path(tempfile.mkdtemp(dir="/dev/shm"))
        try:
            write_text_whole(shm / "report.csv", "first\n")
            write_text_whole(shm / "report.csv", "second\n")
            assert (shm / "report.csv").read_text(encoding="utf-8") == "second\n"
        finally:
            shutil.rmtree(shm)
    (tmp_path / "deep" / "sub").mkdir(parents=True)
    (tmp_path / "a").symlink_to(tmp_path / "deep" / "sub")
    (tmp_path / "deep" / "sub" / "out.csv").symlink_to("../x.csv")
    (tmp_path / "x.csv").write_text("the input\n", encoding="utf-8")
    write_text_whole(tmp_path / "a" / "out.csv", "the report\n")
    assert (tmp_path / "x.csv").read_text(encoding="utf-8") == "the input\n"
    assert (tmp_path / "deep" / "x.csv").read_text(encoding="utf-8") == "the report\n"


def test_a_symlink_loop_or_a_link_into_a_missing_folder_is_refused_naming_it(tmp_path: Path) -> None:
    # review 71: a loop was replaced by a file; a dangling link's missing folder was not named
    from voucherlib.output.render import write_text_whole

    loop = tmp_path / "loop.csv"
    loop.symlink_to(tmp_path / "loop.csv")
    with pytest.raises(InvalidInput, match="symlink that leads back to itself"):
        write_text_whole(loop, "x")
    assert loop.is_symlink()
    dangling = tmp_path / "out.csv"
    dangling.symlink_to(tmp_path / "gone" / "report.csv")
    with pytest.raises(InvalidInput, match=re.escape(f"a folder that exists ({tmp_path / 'gone'} does not)")):
        write_text_whole(dangling, "x")
    # a dangling link into a folder that exists: its target is written
    (tmp_path / "here").mkdir()
    ahead = tmp_path / "ahead.csv"
    ahead.symlink_to(tmp_path / "here" / "report.csv")
    write_text_whole(ahead, "x")
    assert (tmp_path / "here" / "report.csv").read_text(encoding="utf-8") == "x" and ahead.is_symlink()


def test_a_workbook_written_to_a_fifo_reaches_its_reader(tmp_path: Path) -> None:
    # review 71: `-o p.xlsx` on a FIFO gave its reader 0 bytes, then blocked
    import threading

    fifo = tmp_path / "p.xlsx"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    data = to_xlsx(DOC, fifo)
    reader.join(timeout=10)
    assert got == [data] and data[:2] == b"PK"


def test_a_pipe_or_a_file_on_another_descriptor_is_written_where_it_stands(tmp_path: Path) -> None:
    # review 73: /dev/fd/3 as a pipe was taken for a missing folder (/proc/<pid>/fd/pipe:[N]), and
    # /dev/fd/3 opened with 3>>log replaced the log
    import shlex
    import subprocess
    import sys

    script = tmp_path / "write.py"
    script.write_text(
        "from voucherlib.output.render import write_text_whole\nwrite_text_whole('/dev/fd/3', 'the report\\n')\n",
        encoding="utf-8",
    )
    python = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    piped = subprocess.run(
        ["bash", "-c", f"{python} 3>&1 >/dev/null | cat"], capture_output=True, text=True, check=True
    )
    assert piped.stdout == "the report\n", piped.stderr
    log = tmp_path / "log.txt"
    log.write_text("earlier\n", encoding="utf-8")
    subprocess.run(["bash", "-c", f"{python} 3>>{shlex.quote(str(log))}"], check=True)
    assert log.read_text(encoding="utf-8") == "earlier\nthe report\n"


def test_the_output_is_never_the_standard_input_read(tmp_path: Path) -> None:
    # review 73: `voucherlib settle - -o x.csv < x.csv` overwrote x.csv
    import subprocess
    import sys

    from voucherlib.cli import example_path

    x = tmp_path / "x.csv"
    x.write_bytes(example_path("vouchers.csv").read_bytes())
    with x.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "voucherlib", "settle", "-", "-o", str(x), "-q"],
            stdin=stdin,
            capture_output=True,
            text=True,
        )
    assert done.returncode == 2 and "is the standard input" in done.stderr
    assert x.read_bytes() == example_path("vouchers.csv").read_bytes()


@pytest.mark.parametrize("separator", [";", "\t"])
def test_no_text_of_an_audit_csv_starts_a_formula_under_another_separator(tmp_path: Path, separator: str) -> None:
    # review 95: the "'" guard looks at a cell's first character; a name "Nino;=cmd|' /C calc'!A0"
    # or an id "B-03;=3+3" was written unquoted, and a spreadsheet splitting on ";" (a
    # Georgian-locale Excel's separator) or a tab made a live formula of what followed it
    from voucherlib import audit_invoice
    from voucherlib.output.documents import audit_document

    invoice = tmp_path / "invoice.csv"
    with invoice.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [
                INVOICE_COLUMNS,
                ["B-01", "Nino;=cmd|' /C calc'!A0", "2021-11", "2021-05-01", "", "no", "600.00", "2021-12-06"],
                ["B-02", "Nino\t=2+2", "2021-11", "2021-05-01", "", "no", "600.00", "2021-12-06"],
                ["B-03;=3+3", "Giorgi", "2021-11", "2021-05-01", "", "no", "600.00", "2021-12-06"],
                # review 96: a line end starts a row under a ';' split, whatever the quotes
                ["B-04", "Nino\n=cmd|' /C calc'!A0", "2021-11", "2021-05-01", "", "no", "600.00", "2021-12-06"],
                ["B-05", "Nino;\r=2+2", "2021-11", "2021-05-01", "", "no", "600.00", "2021-12-06"],
            ]
        )
    text = render(audit_document(audit_invoice(invoice)), "csv")
    # (split as a spreadsheet splits on that separator: each line a row, quotes of the other
    # separator's fields no protection; the first cell of each line too)
    fields = [cell for line in text.splitlines() for cell in line.split(separator)]
    assert fields and not [cell for cell in fields if cell[:1] in ("=", "+", "@")]
    # read with its own separator each text is one cell, a "'" before the formula's start (as before
    # a text that starts like one), the rest as the invoice gives it
    rows = list(csv.reader(io.StringIO(text)))
    assert {"Nino;'=cmd|' /C calc'!A0", "Nino\t'=2+2", "B-03;'=3+3"} <= {cell for row in rows for cell in row}


def test_a_workbook_refuses_rows_past_a_sheets_last(monkeypatch: pytest.MonkeyPatch) -> None:
    # Review 136 F7: xlsxwriter leaves out a row past the sheet's 1,048,576th without a word (the
    # last rows and the totals were missing). Here a sheet of 6 rows: the table's header, its 3
    # rows and its totals take 5, and fit; a note under them takes a blank row and its own, 7.
    import importlib

    renderer = importlib.import_module("voucherlib.output.render")

    monkeypatch.setattr(renderer, "_SHEET_ROWS", 6)
    rows = ROWS[:2]  # header + 2 rows + totals = 4 rows
    assert to_xlsx(Table("v", "V", COLUMNS, rows, totals={"days": 1231})).startswith(b"PK")
    with pytest.raises(InvalidInput, match=r"rows: got 7 \(int\); expected at most 6 rows a sheet"):
        to_xlsx(Table("v", "V", COLUMNS, ROWS, totals={"days": 1231}, notes=("a note",)))
    # the explanations' sheet: a row for each line, the header first
    explained = Document("D", (Table("v", "V", COLUMNS, ()),), explanations=(("row 2:", "a\nb\nc\nd\ne"),))
    assert to_xlsx(explained).startswith(b"PK")
    with pytest.raises(InvalidInput, match=r"rows: got 7 \(int\)"):
        to_xlsx(Document("D", (Table("v", "V", COLUMNS, ()),), explanations=(("row 2:", "a\nb\nc\nd\ne\nf"),)))


def test_a_daily_rate_of_a_thousand_or_more_is_grouped_on_screen_and_plain_in_the_data(tmp_path: Path) -> None:
    # Review 136 F2: the text and HTML tables showed a custom rule set's 1234.5678 GEL/day
    # ungrouped ("1234.5678x15+2500x15") where every amount beside it is grouped. A fictitious
    # 2022 of 1234.5678 GEL/day without status and 2500 with it. B-1: November 2022 without
    # status, one rate: "1,234.5678" (English), "1 234.5678" (Georgian). B-2: status from 16 Nov:
    # 1-15 Nov at 1234.5678 and 16-30 Nov at 2500, 15 days each: "1,234.5678x15+2,500x15" (the
    # fractional digits and the day counts are not grouped). CSV and JSON keep the data plain.
    from tests.conftest import test_year
    from voucherlib.output.documents import settle_document
    from voucherlib.reports.settlement_file import settle_file

    rules = test_year(
        '[parameters."youth_voucher.daily_rate.without_disability"]\n'
        'values = [{ effective_from = 2022-01-01, value = "1234.5678", citation = "test_year" }]\n'
        '[parameters."youth_voucher.daily_rate.with_disability"]\n'
        'values = [{ effective_from = 2022-01-01, value = "2500", citation = "test_year" }]\n',
        source="large-rates.toml",
    )
    path = tmp_path / "v.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "B-1,2022-11,2022-01-01,,no,2022-12-02\n"
        "B-2,2022-11,2022-01-01,,2022-11-16..,2022-12-02\n",
        encoding="utf-8",
    )
    report = settle_file(path, rules=rules)
    for lang, one, two in (
        ("en", "1,234.5678", "1,234.5678x15+2,500x15"),
        ("ka", "1 234.5678", "1 234.5678x15+2 500x15"),
    ):
        doc = settle_document(report, lang)
        text = render(doc, "text", lang)
        assert re.search(rf"B-1 .* {re.escape(one)} ", text) and f" {two} " in text, text
        page = render(doc, "html", lang)
        if lang == "en":
            # (a short word on one line: review 275 F5)
            assert f"<td class='text w'>{one}</td>" in page and f"<td class='text'>{two}</td>" in page
        else:  # (a Georgian spaced number is kept on one line: each in its span)
            assert "<span class='n'>1 234</span>.5678x15+<span class='n'>2 500</span>x15" in page
        assert "1234.5678x15+2500x15" in render(doc, "csv", lang)
        rows = json.loads(render(doc, "json", lang))["tables"][0]["rows"]
        assert [r["daily_rates"] for r in rows] == ["1234.5678", "1234.5678x15+2500x15"]
        # the workbook: one rate a number (its format groups it), two rates a text grouped as the
        # views for people group it (review 140 F7: "1234.5678x15+2500x15" beside "1,234.5678")
        sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(doc, lang=lang))).worksheets[0]
        column = [c.value for c in sheet[1]].index("GEL/day" if lang == "en" else "ლარი/დღე") + 1
        assert [sheet.cell(r, column).value for r in (2, 3)] == [1234.5678, two]


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_no_text_of_a_csv_starts_a_formula_after_spaces_an_import_may_trim(separator: str) -> None:
    # review 170 F8: " =1+1" and "Nino; =2+2" were written as they are; LibreOffice's import with
    # "trim spaces" on made live formulas of them. Now a "'" comes before the spaces too.
    from voucherlib.output.render import csv_safe

    assert csv_safe(" =1+1") == "' =1+1"
    assert csv_safe("Nino; =2+2") == "Nino;' =2+2"
    assert csv_safe("x\t  @y") == "x\t'  @y"
    assert csv_safe("Anna - Maria") == "Anna - Maria"  # (a dash inside a text starts no cell)
    rows = [{"name": t} for t in (" =1+1", "Nino; =2+2", "  +3", "B-01")]
    text = render(Table("t", "T", (Column("name", "name", "სახელი"),), rows), "csv")
    cells = [cell.strip(' "') for line in text.splitlines()[1:] for cell in line.split(separator)]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "@", "-")]


_ADDED_QUOTE = re.compile("^'(?=[ ']*[=+\\-@\t\r])")
"""Where the CSV writer added a "'" at a cell's start (docs/cli.md): before text that starts like
a formula (=, +, -, @, a tab, a carriage return) after spaces and apostrophes or not."""


@given(st.text(alphabet="'= +-@ab", max_size=12) | st.sampled_from(["\tab", "'\tab", "\ra"]))
def test_one_added_quote_taken_away_gives_every_text_back(text: str) -> None:
    # review 229 M1: "=1+1" and "'=1+1" were both written "'=1+1", so a program reading the CSV
    # could not tell them apart. Now each "'" the writer adds can be taken away by the rule
    # cli.md states, and the text comes back as given.
    from voucherlib.output.render import csv_safe

    written = csv_safe(text)
    assert _ADDED_QUOTE.sub("", written) == text
    assert written.lstrip(" ")[:1] not in ("=", "+", "-", "@", "\t", "\r")  # (and it starts no formula)


def test_an_id_given_with_a_quote_is_written_apart_from_one_given_without(tmp_path: Path) -> None:
    # review 229 M1, as the command line writes it: two rows, ids "=1+1" and "'=1+1"
    from voucherlib.cli import main

    given = tmp_path / "v.csv"
    given.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"
        "=1+1,2021-10,,,no,2021-11-05\n'=1+1,2021-11,,,no,2021-12-06\n"
    )
    out = tmp_path / "out.csv"
    main(["settle", str(given), "-o", str(out)])
    ids = [row["beneficiary_id"] for row in csv.DictReader(io.StringIO(out.read_text()))][:2]
    assert ids == ["'=1+1", "''=1+1"]


@given(st.lists(st.text(alphabet=st.characters(codec=None, exclude_categories=())), max_size=4))
def test_a_column_holds_a_character_a_file_cannot_hold_as_the_regular_expression_says(texts: list[str]) -> None:
    # The workbook's check of a column (its texts joined, as UTF-8, the writable ASCII bytes deleted
    # in C, what is left searched) says what one search of each text by _UNWRITABLE says; every
    # code point, lone surrogates too (issue 15, target 4: the regular expression over an
    # explanation column's megabytes was an eighth of to_xlsx's time)
    from voucherlib.output.render import _UNWRITABLE, _any_unwritable

    assert _any_unwritable(texts) == any(_UNWRITABLE.search(t) is not None for t in texts)
    # (a column whose first text is plain ASCII takes the bytes' path; one mostly past ASCII,
    # Georgian, the regular expression's: both say the same)
    for first in ("plain", "ქართული"):
        assert _any_unwritable([first, *texts]) == any(_UNWRITABLE.search(t) is not None for t in texts)
    for c in ("\x00", "\x1f", "\x7f", "\x85", "\u00ad", "\u200b", "\ud800", "\ufffe", "\U000e0001"):
        assert _any_unwritable([*texts, f"a{c}b"]) is True
