"""The one renderer: a :class:`~voucherlib.output.table.Document` (or one
:class:`~voucherlib.output.table.Table`) to text, CSV, JSON, XLSX or HTML.

* **text**: every column aligned (numbers right), money as ``1,234.50`` in rows and totals
  alike, control characters escaped (``\\x1b``), a cell at most :data:`MAX_CELL` characters;
* **CSV**: one header row of column keys per table (tables one after another, an empty line
  between), money as plain decimals (``1234.50``), text that a spreadsheet would take for a
  formula prefixed with ``'``;
* **JSON**: typed: integers and booleans as such, money and percents as exact decimal strings
  (``"1234.50"``, never a float), dates ISO (``"2021-11-05"``), an empty cell ``null``; the
  shape of each command's document is a JSON Schema in ``voucherlib/output/schemas``;
* **XLSX**: one sheet per table, a styled header that is frozen and filterable, fitted column
  widths, money in the number format ``#,##0.00``, highlighted rows; text is always written as
  text (never a formula) and formula-like text gets a leading ``'``. Written with xlsxwriter
  (``pip install 'voucherlib[audit]'``), in time linear in the cells;
* **HTML**: one self-contained file (inline CSS, no script, no network), charts as inline SVG.

>>> from decimal import Decimal
>>> from voucherlib.output.table import Column, Table
>>> t = Table("t", "Payments", (Column("id", "id"), Column("amount", "amount", kind="money")),
...           [{"id": "B-1", "amount": Decimal("1234.5")}, {"id": "=1+1", "amount": Decimal("7")}],
...           totals={"amount": Decimal("1241.5")})
>>> print(render(t, "text"))
Payments
id       amount
-----  --------
B-1    1,234.50
=1+1       7.00
-----  --------
total  1,241.50
>>> print(render(t, "csv"), end="")
id,amount
B-1,1234.50
'=1+1,7.00
>>> render(t, "json").count('"amount": "1234.50"')
1
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from voucherlib.core.errors import InvalidInput, VoucherError
from voucherlib.core.trace import Step, citation_text
from voucherlib.output.table import HIGHLIGHTS, Column, Document, Table

__all__ = [
    "FORMATS",
    "MAX_CELL",
    "MAX_CELL_WIDTH",
    "cell_text",
    "format_of",
    "json_data",
    "json_value",
    "printable",
    "printable_lines",
    "render",
    "spreadsheet_safe",
    "to_xlsx",
    "write",
]

FORMATS: dict[str, str] = {".txt": "text", ".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".html": "html"}
"""File extension -> output format (``-o FILE`` takes its format from the extension)."""
MAX_CELL_WIDTH = 60
"""A text cell shows at most this many characters on a terminal (a longer one is cut in the
middle, where ``…`` stands, keeping its start and its end)."""
MAX_CELL = MAX_CELL_WIDTH

_NUMERIC = frozenset({"int", "money", "percent"})
_WORDS = {"en": ("yes", "no", "total"), "ka": ("კი", "არა", "სულ")}


# ---------------------------------------------------------------- cells


def printable(text: str) -> str:
    """Text with control characters shown escaped (``\\x1b`` for ESC, ``\\n`` for a newline).

    Escaped: every character Python does not call printable (C0 and C1 controls, format
    characters such as the bidirectional overrides and marks, separators other than the space,
    surrogates, unassigned code points).
    """
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def printable_lines(text: str) -> str:
    """Like :func:`printable`, but each line is kept on its own line (for whole outputs)."""
    return "\n".join(printable(line) for line in text.split("\n"))


_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""Characters that make a CSV or XLSX file unreadable (C0 controls other than tab and line ends,
DEL, lone surrogates, the non-characters U+FFFE and U+FFFF)."""


def spreadsheet_safe(text: str) -> str:
    """Text from the input made safe to write to a CSV or XLSX file.

    A character that would make the file unreadable is written visibly escaped (``\\x01``,
    ``\\ufffe``, ``\\ud800``), never dropped; text a spreadsheet could read as a formula (it
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``,
    so that it stays text."""
    text = _UNWRITABLE.sub(lambda m: repr(m.group())[1:-1], text)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def _decimal(value: Decimal) -> str:
    return format(value, "f")


def _money(value: Decimal, grouped: bool = False) -> str:
    """An exact decimal string with at least two places (``620.00``; never rounded)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return f"{value:,f}" if grouped else f"{value:f}"
    return f"{value:,.2f}" if grouped else f"{value:.2f}"


def cell_text(value: Any, kind: str, lang: str = "en", grouped: bool = True) -> str:
    """A cell as text: ``grouped`` money and ints get thousands separators (text, HTML)."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Decimal):
        return _money(value, grouped)
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if grouped else str(value)
    if kind == "percent" and isinstance(value, Decimal):
        return _decimal(value) + ("%" if grouped else "")
    if kind == "bool" and isinstance(value, bool):
        yes, no, _ = _WORDS.get(lang, _WORDS["en"])
        return yes if value else no
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def json_value(value: Any, kind: str) -> Any:
    """A cell as typed JSON: int and bool as such, money and percent as exact strings, dates ISO."""
    if value is None:
        return None
    if kind == "money" and isinstance(value, Decimal):
        return _money(value)
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "bool" and isinstance(value, bool):
        return value
    return str(value)


def _document(doc: Document | Table) -> Document:
    return doc if isinstance(doc, Document) else Document(doc.title, (doc,), title_ka=doc.title_ka)


# ---------------------------------------------------------------- text


def _clip(text: str) -> str:
    """The cell escaped, and cut in the middle (``…``) when longer than :data:`MAX_CELL_WIDTH`,
    keeping its start and its end: two long ids that share a start still look different."""
    text = printable(text)
    if len(text) <= MAX_CELL:
        return text
    head = (MAX_CELL - 1) // 2
    return text[:head] + "…" + text[-(MAX_CELL - 1 - head) :]


def text_table(rows: Sequence[Sequence[str]], right: Collection[int] = (), rules: Collection[int] = ()) -> list[str]:
    """Aligned lines, two spaces apart; columns in ``right`` aligned right; a dashed rule before
    each row index in ``rules``."""
    rows = [[_clip(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))] if rows else []
    out = []
    for n, row in enumerate(rows):
        if n in rules:
            out.append("  ".join("-" * w for w in widths))
        out.append(
            "  ".join(
                c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
    return out


def _table_text(table: Table, lang: str) -> list[str]:
    cols = table.shown
    header = [_clip(c.header(lang)) for c in cols]
    body = [[_clip(cell_text(row.get(c.key), c.kind, lang)) for c in cols] for row in table.rows]
    grid = [header, *body]
    rules = {1}
    if table.totals is not None:
        totals = [_clip(cell_text(table.totals.get(c.key), c.kind, lang)) for c in cols]
        if not totals[0]:
            totals[0] = _WORDS.get(lang, _WORDS["en"])[2]
        rules.add(len(grid))
        grid.append(totals)
    right = {i for i, c in enumerate(cols) if c.kind in _NUMERIC}
    lines = [printable(table.heading(lang)), *text_table(grid, right, rules)]
    lines.extend(printable(n) for n in table.notes)
    return lines


def to_text(doc: Document | Table, lang: str | None = None) -> str:
    d = _document(doc)
    lang = lang or d.lang
    parts: list[str] = []
    if len(d.tables) > 1:
        parts.append(printable(d.heading(lang)))
    parts.extend("\n".join(_table_text(t, lang)) for t in d.tables)
    if d.summary:
        parts.append("\n".join(printable(s) for s in d.summary))
    for label, trace in d.explanations:
        parts.append(f"{printable(label)}\n{_trace_text(trace, lang)}")
    return "\n\n".join(parts)


def _trace_text(trace: Any, lang: str) -> str:
    return trace.explain(lang) if isinstance(trace, Step) else printable(str(trace))


# ---------------------------------------------------------------- CSV


def to_csv(doc: Document | Table, lang: str | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for n, table in enumerate(_document(doc).tables):
        if n:
            buffer.write("\n")
        writer.writerow([c.key for c in table.columns])
        for row in table.rows:
            writer.writerow([_csv_cell(row.get(c.key), c) for c in table.columns])
    return buffer.getvalue()


def _csv_cell(value: Any, column: Column) -> str:
    if column.kind == "text" and isinstance(value, str):
        return spreadsheet_safe(value)
    return cell_text(value, column.kind, grouped=False) if column.kind != "bool" else _json_text(value)


def _json_text(value: Any) -> str:
    return "" if value is None else ("true" if value else "false")


# ---------------------------------------------------------------- JSON


def json_data(doc: Document | Table, lang: str | None = None) -> dict[str, Any]:
    """The document as typed JSON data (see the module's docstring)."""
    d = _document(doc)
    lang = lang or d.lang
    out: dict[str, Any] = {"title": d.heading(lang), "lang": lang, "summary": list(d.summary), "tables": []}
    for table in d.tables:
        out["tables"].append(
            {
                "name": table.name,
                "title": table.heading(lang),
                "columns": [{"key": c.key, "header": c.header(lang), "kind": c.kind} for c in table.columns],
                "rows": [{c.key: json_value(row.get(c.key), c.kind) for c in table.columns} for row in table.rows],
                "totals": None
                if table.totals is None
                else {c.key: json_value(table.totals[c.key], c.kind) for c in table.columns if c.key in table.totals},
                "highlight": list(table.highlight) if table.highlight else None,
                "notes": list(table.notes),
            }
        )
    out["explanations"] = [
        {
            "label": label,
            "text": _trace_text(trace, lang),
            "trace": trace.to_dict() if isinstance(trace, Step) else None,
        }
        for label, trace in d.explanations
    ]
    return out


def to_json(doc: Document | Table, lang: str | None = None) -> str:
    return json.dumps(json_data(doc, lang), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- XLSX

_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XLSX_FORMATS = {"money": "#,##0.00", "int": "#,##0", "date": "yyyy-mm-dd", "percent": '0.####"%"'}


def _xlsxwriter() -> Any:
    try:
        import xlsxwriter
    except ImportError as exc:
        raise VoucherError("writing XLSX needs xlsxwriter: pip install 'voucherlib[audit]'") from exc
    return xlsxwriter


def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "sheet"
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    taken.add(candidate.lower())
    return candidate


def to_xlsx(doc: Document | Table, target: str | Path | io.BytesIO | None = None, lang: str | None = None) -> bytes:
    """The workbook (one sheet per table); written to ``target`` when given, and returned as bytes."""
    d = _document(doc)
    lang = lang or d.lang
    xlsxwriter = _xlsxwriter()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    formats: dict[tuple[str, str | None, bool], Any] = {}

    def fmt(kind: str, style: str | None, bold: bool = False) -> Any:
        key = (kind, style, bold)
        if key not in formats:
            props: dict[str, Any] = {}
            if kind in _XLSX_FORMATS:
                props["num_format"] = _XLSX_FORMATS[kind]
            if style is not None:
                props["bg_color"] = HIGHLIGHTS[style]
            if bold:
                props["bold"] = True
                props["top"] = 1
            formats[key] = book.add_format(props)
        return formats[key]

    header_format = book.add_format({"bold": True, "bg_color": "#1f4e79", "font_color": "#ffffff", "border": 1})
    taken: set[str] = set()
    for table in d.tables:
        sheet = book.add_worksheet(_sheet_name(table.sheet_name(lang), taken))
        widths = [len(c.header(lang)) for c in table.columns]
        for col, c in enumerate(table.columns):
            sheet.write_string(0, col, _xlsx_text(c.header(lang)), header_format)
        r = 0
        for r, row in enumerate(table.rows, start=1):
            style = table.style(r - 1)
            for col, c in enumerate(table.columns):
                widths[col] = max(widths[col], _write_xlsx(sheet, r, col, row.get(c.key), c, fmt(c.kind, style), lang))
        if table.columns:
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(r, 1), len(table.columns) - 1)
        if table.totals is not None:
            r += 1
            for col, c in enumerate(table.columns):
                value = table.totals.get(c.key)
                if col == 0 and value is None:
                    value = _WORDS.get(lang, _WORDS["en"])[2]
                    sheet.write_string(r, col, value, fmt("text", None, True))
                else:
                    _write_xlsx(sheet, r, col, value, c, fmt(c.kind, None, True), lang)
        for note in table.notes:
            r += 1
            sheet.write_string(r + 1, 0, _xlsx_text(note))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(max(width, 6), 60) + 2)
    book.close()
    data = buffer.getvalue()
    if isinstance(target, io.BytesIO):
        target.write(data)
    elif target is not None:
        Path(target).write_bytes(data)
    return data


def _xlsx_text(text: str) -> str:
    # Control characters a worksheet cannot hold are shown escaped (\x01), never dropped silently.
    return _ILLEGAL_IN_XLSX.sub(lambda m: repr(m.group())[1:-1], spreadsheet_safe(text))[:32767]


def _write_xlsx(sheet: Any, row: int, col: int, value: Any, column: Column, cell_format: Any, lang: str) -> int:
    """Write one cell (text always as text); return its shown width."""
    if value is None:
        sheet.write_blank(row, col, None, cell_format)
        return 0
    if column.kind in _NUMERIC and isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        # A worksheet number is a binary double: exact for any GEL amount of up to 15 digits.
        sheet.write_number(row, col, float(value), cell_format)
        return len(cell_text(value, column.kind, lang)) + 1
    if column.kind == "date" and isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), cell_format)
        return 10
    if column.kind == "bool" and isinstance(value, bool):
        sheet.write_boolean(row, col, value, cell_format)
        return 5
    text = _xlsx_text(str(value))
    sheet.write_string(row, col, text, cell_format)
    return len(text)


# ---------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem}
th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;vertical-align:top;white-space:pre-line}
th{background:#1f4e79;color:#fff;text-align:left;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot td{font-weight:bold;border-top:2px solid #1b1b1b}
.notes{font-size:.85rem;color:#444}
figure{margin:1rem 0}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
ul.trace{list-style:none;padding-left:1.2rem;margin:.2rem 0}
ul.trace li{margin:.15rem 0}
cite{color:#555;font-style:normal;font-size:.85em}
.dec{color:#1f4e79;font-size:.85em}
""".strip()


def _row_html(cells: list[str], columns: tuple[Column, ...], attrs: str = "") -> str:
    return (
        f"<tr{attrs}>"
        + "".join(
            f"<td class='num'>{c}</td>" if col.kind in _NUMERIC else f"<td>{c}</td>"
            for c, col in zip(cells, columns, strict=True)
        )
        + "</tr>"
    )


def _table_html(table: Table, lang: str) -> list[str]:
    esc = html.escape
    out = [f"<h2>{esc(table.heading(lang))}</h2>", "<table>"]
    cols = table.shown
    out.append("<thead><tr>" + "".join(f"<th>{esc(c.header(lang))}</th>" for c in cols) + "</tr></thead>")
    out.append("<tbody>")
    for i, row in enumerate(table.rows):
        style = table.style(i)
        attrs = f" class='hl-{style}'" if style else ""
        out.append(_row_html([esc(cell_text(row.get(c.key), c.kind, lang)) for c in cols], cols, attrs))
    out.append("</tbody>")
    if table.totals is not None:
        cells = [esc(cell_text(table.totals.get(c.key), c.kind, lang)) for c in cols]
        if cells and not cells[0]:
            cells[0] = _WORDS.get(lang, _WORDS["en"])[2]
        out.append("<tfoot>" + _row_html(cells, cols) + "</tfoot>")
    out.append("</table>")
    if table.notes:
        out.append("<ul class='notes'>" + "".join(f"<li>{esc(n)}</li>" for n in table.notes) + "</ul>")
    return out


def trace_html(step: Step, lang: str = "en") -> str:
    """A trace as nested lists: each step's text, its decisions and its citation."""
    esc = html.escape
    text = esc(step.label(lang))
    marks = ([step.rule] if step.rule else []) + list(step.decisions)
    if marks:
        text += f" <span class='dec'>({esc(', '.join(marks))})</span>"
    if step.citation is not None:
        text += f" <cite>[{esc(citation_text(step.citation, lang))}]</cite>"
    children = "".join(trace_html(c, lang) for c in step.children)
    inner = f"<ul class='trace'>{children}</ul>" if children else ""
    return f"<li data-step='{esc(step.key)}'>{text}{inner}</li>"


def to_html(doc: Document | Table, lang: str | None = None) -> str:
    d = _document(doc)
    lang = lang or d.lang
    esc = html.escape
    highlight_css = "".join(f"tr.hl-{k} td{{background:{v}}}" for k, v in HIGHLIGHTS.items())
    parts = [
        "<!DOCTYPE html>",
        f"<html lang='{esc(lang)}'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{esc(d.heading(lang))}</title>",
        f"<style>{_CSS}{highlight_css}</style></head><body>",
        f"<h1>{esc(d.heading(lang))}</h1>",
    ]
    if d.summary:
        parts.append("<p>" + "<br>".join(esc(s) for s in d.summary) + "</p>")
    for chart in d.charts:
        # The SVG is drawn by voucherlib itself (never taken from input text).
        parts.append(f"<figure id='{esc(chart.name)}'>{chart.svg}<figcaption>{esc(chart.title)}</figcaption></figure>")
    for table in d.tables:
        parts.extend(_table_html(table, lang))
    if d.explanations:
        parts.append(f"<h2>{'განმარტება' if lang == 'ka' else 'Explanations'}</h2>")
        for label, trace in d.explanations:
            body = (
                f"<ul class='trace'>{trace_html(trace, lang)}</ul>"
                if isinstance(trace, Step)
                else f"<pre>{esc(str(trace))}</pre>"
            )
            parts.append(f"<details open><summary>{esc(label)}</summary>{body}</details>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- entry points

_RENDERERS: dict[str, Callable[[Document | Table, str | None], str]] = {
    "text": to_text,
    "csv": to_csv,
    "json": to_json,
    "html": to_html,
}


def format_of(path: str | Path, flag: str = "-o") -> str:
    """The output format of a file name, from its extension; an unknown one is an error naming ``flag``."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput(flag, str(path), f"a file name ending {', '.join(FORMATS)}")
    return FORMATS[suffix]


def render(doc: Document | Table, fmt: str, lang: str | None = None) -> str:
    """The document as text in ``fmt`` (text, csv, json or html; XLSX is binary: :func:`to_xlsx`)."""
    if fmt not in _RENDERERS:
        raise InvalidInput("--format", fmt, f"one of {', '.join(_RENDERERS)}")
    return _RENDERERS[fmt](doc, lang)


def write(doc: Document | Table, path: str | Path, fmt: str | None = None, lang: str | None = None) -> str:
    """Write the document to ``path`` in ``fmt`` (default: from the extension); return the format."""
    fmt = fmt or format_of(path)
    if fmt == "xlsx":
        to_xlsx(doc, path, lang)
    else:
        text = render(doc, fmt, lang)
        Path(path).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    return fmt


def records(table: Table) -> list[Mapping[str, Any]]:
    """The rows of a table (for callers that want them as mappings)."""
    return list(table.rows)
