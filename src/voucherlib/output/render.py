"""The one renderer: a :class:`~voucherlib.output.table.Document` (or one
:class:`~voucherlib.output.table.Table`) to text, CSV, JSON, XLSX or HTML.

* **text**: every column aligned (numbers right), money as ``1,234.50`` in rows and totals
  alike, control characters escaped (``\\x1b``), a cell's line at most :data:`MAX_CELL`
  characters (a longer cell goes on over the lines under its row);
* **CSV**: one header row of column keys per table (tables one after another, an empty line
  between), money as plain decimals (``1234.50``), text that a spreadsheet would take for a
  formula prefixed with ``'``;
* **JSON**: typed: integers and booleans as such, money and percents as exact decimal strings
  (``"1234.50"``, never a float), dates ISO (``"2021-11-05"``), an empty cell ``null``; the
  shape of each command's document is a JSON Schema in ``voucherlib/output/schemas``;
* **XLSX**: one sheet per table, a styled header that is frozen and filterable, fitted column
  widths, money in the number format ``#,##0.00``, highlighted rows; text is always written as
  text (never a formula) and formula-like text gets a leading ``'``; a text longer than a cell
  holds is cut with a mark saying so. Written with xlsxwriter
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

import contextlib
import csv
import datetime as dt
import errno
import html
import io
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import textwrap
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from functools import partial
from itertools import islice
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, cast

from voucherlib.core.collector import no_cycle_collection
from voucherlib.core.errors import InvalidInput, MissingExtra, expected, printable
from voucherlib.core.identifiers import NO_CHARACTERS
from voucherlib.core.phrases import braced, grouped_as, say
from voucherlib.core.trace import Step, citation_text, formatter, marked_parts
from voucherlib.output.table import (
    HIGHLIGHTS,
    Column,
    Document,
    Ending,
    RowChunk,
    Stream,
    Table,
    end_cut,
    isolated,
    middle_cut,
    shown_width,
)

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
    "write_stream",
]

FORMATS: Mapping[str, str] = MappingProxyType(
    {".txt": "text", ".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".html": "html"}
)
"""File extension -> output format (``-o FILE`` takes its format from the extension)."""
MAX_CELL_WIDTH = 60
"""A text cell's line shows at most this many characters on a terminal: a longer cell goes on
over the lines under it, broken at its spaces (a header is cut in the middle, where ``…``
stands; a provision at its end)."""
MAX_CELL = MAX_CELL_WIDTH

_NUMERIC = frozenset({"int", "money", "percent"})
_WORDS = {"en": ("yes", "no", "total"), "ka": ("კი", "არა", "სულ")}


# ---------------------------------------------------------------- cells


def printable_lines(text: str) -> str:
    """Like :func:`printable`, but each line is kept on its own line (for whole outputs)."""
    return "\n".join(printable(line) for line in text.split("\n"))


_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
"""The control characters no output shows raw: C0 other than tab and line ends, DEL, C1."""

_INVISIBLE = (
    r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    r"\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    r"\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
"""Format characters a reader of a page or a sheet never sees but which change what it shows
(Unicode's every ``Cf``, with the line and paragraph separators): the bidirectional marks,
embeddings, overrides and isolates (U+202E shows ``20.50`` as ``05.02``), the zero-width spaces
and joiners, the soft hyphen and the word joiner (two ids that look alike), the tag characters. Shown escaped in text, CSV, XLSX and HTML (review 28);
JSON, data for programs, keeps them."""

_UNWRITABLE = re.compile(f"[{_CONTROLS}{_INVISIBLE}{NO_CHARACTERS}]")
"""Characters that make a CSV or XLSX file unreadable or act on a terminal that shows it (C0
controls other than tab and line ends, DEL, the C1 controls: U+009B is a terminal's CSI, as
ESC [ is), and the code points that are no character: lone surrogates, the noncharacters
(U+FFFE, U+FDD0: an empty box, review 285 F1)."""


_HTML_CONTROLS = re.compile(f"[\t\r{_CONTROLS}{_INVISIBLE}{NO_CHARACTERS}]")
"""The C0 controls other than the line feed (a tab and a carriage return too: a page draws them as
a space and a line break, so ``B<TAB>01`` read as ``B 01``; review 65), DEL and the C1 controls
(U+009B is a terminal's CSI, as ESC [ is), the invisible format characters: escaped in an HTML
page (see :func:`to_html`). A cell keeps its runs of spaces (``white-space: pre-wrap``)."""

_FORMULA_FIRST = frozenset("=+-@\t\r")
"""The first characters that make a spreadsheet read text as a formula (see :func:`spreadsheet_safe`)."""


def spreadsheet_safe(text: str) -> str:
    """Text from the input made safe to write to a CSV or XLSX file.

    A character that would make the file unreadable is written visibly escaped (``\\x01``,
    ``\\ufffe``, ``\\ud800``), never dropped; text a spreadsheet could read as a formula (it
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, after spaces or not) is
    prefixed with ``'``, so that it stays text (in a workbook, the cell's format says so instead: :func:`to_xlsx`);
    so is such text after apostrophes (``'=1+1`` is written ``''=1+1``), so that a program gets
    the text given back by removing one ``'`` from a cell whose text starts, after spaces and
    apostrophes, like a formula (review 229 M1: ``=1+1`` and ``'=1+1`` were both ``'=1+1``)."""
    text = _escaped(text)
    if _LIKE_A_FORMULA.match(text):
        return "'" + text  # (after spaces too, which an import may trim: review 170 F8)
    return text


_FORMULA_LIKE = "[ ']*[" + re.escape("".join(sorted(_FORMULA_FIRST))) + "]"
"""A formula's start, after spaces and apostrophes or not (a cell's start: :data:`_LIKE_A_FORMULA`;
a value's in a joined run: :data:`_FORMULA_START`)."""

_LIKE_A_FORMULA = re.compile(_FORMULA_LIKE)
"""Text that starts like a formula, after spaces and apostrophes or not (see :func:`spreadsheet_safe`)."""


def _escaped(text: str) -> str:
    """``text`` with each character that would make a file unreadable written escaped (``\\x01``)."""
    if not text.isprintable():  # a printable text has none of the characters to escape
        text = _UNWRITABLE.sub(lambda m: repr(m.group())[1:-1], text)
    return text


def csv_safe(text: str) -> str:
    """:func:`spreadsheet_safe` text for a CSV file: also a ``'`` after a ``;``, a tab or a line end
    that a formula's first character follows (``Nino;'=cmd``), so that no cell a spreadsheet makes
    by splitting the file on ``;`` or a tab is a formula (reviews 95, 96: a quoted field is one
    field only under the separator it was written for)."""
    text = spreadsheet_safe(text)
    return _SEPARATED_FORMULA.sub("\\1'", text)


def _decimal(value: Decimal) -> str:
    return format(value, "f")


def _money(value: Decimal, grouped: bool = False, lang: str = "en") -> str:
    """An exact decimal string with at least two places (``620.00``; never rounded); ``grouped``,
    its thousands parted as ``lang`` parts them (:func:`~voucherlib.core.phrases.grouped_as`)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return grouped_as(f"{value:,f}", lang) if grouped else f"{value:f}"
    return grouped_as(f"{value:,.2f}", lang) if grouped else f"{value:.2f}"


def cell_text(value: Any, kind: str, lang: str = "en", grouped: bool = True) -> str:
    """A cell as text: ``grouped`` money and ints get thousands separators (text, HTML)."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Decimal):
        return _money(value, grouped, lang)
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return grouped_as(f"{value:,}", lang) if grouped else str(value)
    if kind == "percent" and isinstance(value, Decimal):
        return _decimal(value) + ("%" if grouped else "")
    if kind == "bool" and isinstance(value, bool):
        yes, no, _ = _WORDS.get(lang, _WORDS["en"])
        return yes if value else no
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def screen_text(value: Any, column: Column, lang: str = "en") -> str:
    """A cell as the views for people (text, HTML) show it: :func:`cell_text`, and a
    :attr:`Column.workbook_number` column's numbers of a thousand or more grouped as ``lang``
    groups them (``1,234.5678x15+2,500x15``; review 136 F2), as a workbook's format shows its
    numbers; the data (CSV, JSON) keeps the plain text."""
    text = cell_text(value, column.kind, lang, grouped=not column.label)
    return _numbers_grouped(text, lang) if column.workbook_number and isinstance(value, str) else text


def _numbers_grouped(text: str, lang: str) -> str:
    """``text`` with each whole number of a thousand or more in it grouped as ``lang`` groups them."""
    return _THOUSANDS.sub(lambda m: grouped_as(f"{int(m[0]):,}", lang), text)


_THOUSANDS = re.compile(r"(?<![0-9.])[0-9]{4,}")
"""A whole number's digits, four or more (a rate's fractional digits follow a ``.``: never grouped)."""


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


# ---------------------------------------------------------------- runs of rows


def _formatted(values: Sequence[Any], show: Callable[[Any], str]) -> list[str]:
    """``show`` of each value, computed once per distinct value (a run's cells repeat: the same
    month, date, amount). Values are told apart by their value when that is exact (text, whole
    numbers, dates, yes/no: equal values are shown alike), else by the object."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if len(kinds) <= 1 and kinds <= _EXACT:
        shown = {v: show(v) for v in set(values)}
        return list(map(shown.__getitem__, values))
    ids = list(map(id, values))
    shown = {k: show(v) for k, v in dict(zip(ids, values, strict=True)).items()}
    return list(map(shown.__getitem__, ids))


_EXACT = frozenset({str, int, bool, dt.date})
"""Types whose equal values always look the same (a Decimal does not: 1.0 and 1.00)."""


def _all(values: Sequence[Any], kind: type) -> bool:
    return set(map(type, values)) == {kind}


def _cells(chunk: RowChunk, column: Column) -> Sequence[Any]:
    values = chunk.columns.get(column.key)
    return [None] * chunk.length if values is None else values


def _whole(doc: Document | Table) -> list[tuple[Table, Iterable[RowChunk], Callable[[], Ending]]]:
    """Each table of a whole document as a stream of one chunk."""
    return [(t, (RowChunk.of(t),), lambda t=t: Ending(t.totals)) for t in _document(doc).tables]  # type: ignore[misc]


def _spool() -> IO[str]:
    """Text kept in memory while small, on disk beyond (what a long stream sets aside till its end)."""
    return tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")


_SPOOL_BYTES = 8 * 1024 * 1024


# ---------------------------------------------------------------- text


def _clip(text: str) -> str:
    """A header escaped, and cut in the middle (``…``) when longer than :data:`MAX_CELL_WIDTH`,
    keeping its start and its end; set apart when it holds a right-to-left letter
    (:func:`~voucherlib.output.table.isolated`)."""
    return isolated(middle_cut(printable(text), MAX_CELL))


_BREAK = "\x1f"
"""Between the lines of a cell that goes on over several (never in a cell: :func:`printable`
escapes it)."""


def _wrapped(text: str, *, ident: bool = False) -> str:
    """A cell escaped, and when longer than :data:`MAX_CELL_WIDTH` broken into lines of at most
    that many characters, at its spaces where it has them (joined by :data:`_BREAK`): no word of
    it is left off the screen. A cut in the middle hid what a finding's description says between
    its start and its end, the amount or the date (review 176 F5: ``the document w…n 5): 600.00
    GEL is not funded``; a program's title lost the ages it names). A number's groups stay on one
    line; an id (``ident``) is broken every that many characters, its spaces kept, so that two
    ids that differ by a space at the break still look different (review 181 F5). Each line set
    apart when it holds a right-to-left letter (:func:`~voucherlib.output.table.isolated`)."""
    text = printable(text)
    if len(text) <= MAX_CELL:
        return isolated(text)
    if ident:
        lines = [text[k : k + MAX_CELL] for k in range(0, len(text), MAX_CELL)]
    else:  # a number's groups (_GROUPED) joined by a no-break space while it is wrapped (review 181 F2:
        # "მოთხოვნილია 3" / "750.00 ლარით მეტი"); printable() escapes one of the text, so these are all
        kept = _GROUPED.sub(lambda m: m[0].replace(" ", "\xa0"), text)
        lines = [ln.replace("\xa0", " ") for ln in textwrap.wrap(kept, MAX_CELL, break_on_hyphens=False)]
    return _BREAK.join(map(isolated, lines or [text[:MAX_CELL]]))


def _cell_width(cell: str) -> int:
    """The columns the widest line of a cell takes on a screen."""
    if _BREAK in cell:
        return max(map(shown_width, cell.split(_BREAK)))
    return len(cell) if cell.isascii() else shown_width(cell)


def _screen_lines(row: Sequence[str]) -> list[Sequence[str]]:
    """The screen lines of one row: itself, or when a cell of it goes on over several lines
    (:func:`_wrapped`), a line for each, the other cells empty under their first."""
    if not any(_BREAK in cell for cell in row):
        return [row]
    parts = [cell.split(_BREAK) for cell in row]
    return [[p[k] if k < len(p) else "" for p in parts] for k in range(max(map(len, parts)))]


def text_table(rows: Sequence[Sequence[str]], right: Collection[int] = (), rules: Collection[int] = ()) -> list[str]:
    """Aligned lines, two spaces apart; columns in ``right`` aligned right; a dashed rule before
    each row index in ``rules``; a long cell goes on over the lines under its row (:func:`_wrapped`)."""
    cells = [[_wrapped(c) for c in row] for row in rows]
    widths = [max(_cell_width(r[i]) for r in cells) for i in range(len(cells[0]))] if cells else []
    line = _line_format(widths, right)
    out = []
    for n, row in enumerate(cells):
        if n in rules:
            out.append(_rule(widths))
        out.extend(_laid_out(line, widths, right, screen) for screen in _screen_lines(row))
    return out


def _laid_out(line: str, widths: Sequence[int], right: Collection[int], row: Sequence[str]) -> str:
    """One line of cells by ``line`` (:func:`_line_format`), which pads them by their length; a
    row of other text than ASCII padded by the columns its cells take on a screen
    (:func:`~voucherlib.output.table.shown_width`: an accent takes none, a wide letter two)."""
    if all(map(str.isascii, row)):
        return line.format(*row).rstrip()
    cells = []
    for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
        pad = " " * (width - shown_width(cell))
        cells.append(pad + cell if i in right else cell + pad)
    return "  ".join(cells).rstrip()


def _text_cells(values: Sequence[Any], column: Column, lang: str) -> list[str]:
    if column.kind == "int" and _all(values, int):
        out = list(map(int.__repr__, values)) if column.label else [grouped_as(f"{v:,}", lang) for v in values]
        if max(map(len, out), default=0) <= MAX_CELL:
            return out
    if column.whole:
        return _formatted(values, lambda v: isolated(printable(screen_text(v, column, lang))))
    if column.cut_end:
        return _formatted(values, lambda v: isolated(end_cut(printable(screen_text(v, column, lang)), MAX_CELL)))
    return _formatted(values, lambda v: _wrapped(screen_text(v, column, lang), ident=column.ident))


def _rule(widths: Sequence[int]) -> str:
    return "  ".join("-" * w for w in widths)


def _line_format(widths: Sequence[int], right: Collection[int]) -> str:
    """A format string that lays out one line of cells (two spaces apart; right-aligned in ``right``)."""
    return "  ".join(f"{{:{'>' if i in right else '<'}{w}}}" for i, w in enumerate(widths))


def _write_text_table(
    out: IO[str], table: Table, chunks: Iterable[RowChunk], ending: Callable[[], Ending], lang: str
) -> tuple[Ending, IO[str]]:
    """Write a table's text: its rows are set aside (their widths are known only at the end), then
    laid out. Returns the ending and the explanations set aside, for the document's end."""
    cols = table.shown
    widths = [shown_width(_clip(c.header(lang))) for c in cols]
    body, notes, explained = _spool(), _spool(), _spool()
    count = 0
    for chunk in chunks:
        shown = [_text_cells(_cells(chunk, c), c, lang) for c in cols]
        for i, cells in enumerate(shown):
            joined = "".join(cells)
            measure = len if joined.isascii() and _BREAK not in joined else _cell_width
            widths[i] = max(widths[i], max(map(measure, cells), default=0))
        if chunk.length:
            body.write("\n".join(map("\t".join, zip(*shown, strict=True))) if cols else "\n" * (chunk.length - 1))
            body.write("\n")
        count += chunk.length
        notes.writelines(printable(n) + "\n" for n in chunk.notes)
        explained.writelines(_explanation_text(label, trace, lang) for label, trace in chunk.explanations)
    end = ending()
    totals = None
    if end.totals is not None:
        totals = [_wrapped(cell_text(end.totals.get(c.key), c.kind, lang)) for c in cols]
        if totals and not totals[0]:
            totals[0] = _WORDS.get(lang, _WORDS["en"])[2]
        widths = [max(w, _cell_width(t)) for w, t in zip(widths, totals, strict=True)]
    right = {i for i, c in enumerate(cols) if c.kind in _NUMERIC}
    line = _line_format(widths, right)
    heading = table.heading(lang)
    if heading.strip():  # (a table of no title: no blank first line, review 87)
        out.write(printable(heading) + "\n")
    out.write(_laid_out(line, widths, right, [_clip(c.header(lang)) for c in cols]))
    if count or totals is not None:
        out.write("\n" + _rule(widths))
    body.seek(0)
    for row in body:
        if not cols:
            out.write("\n")
        elif row.isascii() and _BREAK not in row:
            out.write("\n" + line.format(*row[:-1].split("\t")).rstrip())
        else:
            for screen in _screen_lines(row[:-1].split("\t")):
                out.write("\n" + _laid_out(line, widths, right, screen))
    body.close()
    if totals is not None:
        if count:
            out.write("\n" + _rule(widths))
        for screen in _screen_lines(totals):
            out.write("\n" + _laid_out(line, widths, right, screen))
    for note in _each(notes):
        out.write("\n" + note)
    return end, explained


def _each(spool: IO[str]) -> Iterator[str]:
    """The lines set aside in a spool, without their line ends (and the spool closed)."""
    spool.seek(0)
    for line in spool:
        yield line[:-1]
    spool.close()


def _explanation_text(label: str, trace: Any, lang: str) -> str:
    """One explanation as it ends the text: a blank line, its label, its trace (line ends as ``\x00``,
    so that each explanation takes one line of the spool)."""
    return f"{printable(label)}\n{_trace_text(trace, lang)}".replace("\n", "\x00") + "\n"


def _write_text(
    out: IO[str], d: Document, tables: list[tuple[Table, Iterable[RowChunk], Callable[[], Ending]]], lang: str
) -> None:
    parts = 0
    if len(d.tables) > 1:
        out.write(printable(d.heading(lang)))
        parts += 1
    summary = list(d.summary)
    spools = []
    for table, chunks, ending in tables:
        if parts:
            out.write("\n\n")
        end, explained = _write_text_table(out, table, chunks, ending, lang)
        parts += 1
        summary.extend(end.summary)
        spools.append(explained)
    if summary:
        out.write("\n\n" if parts else "")
        out.write("\n".join(printable(s) for s in summary))
        parts += 1
    for label, trace in d.explanations:
        out.write("\n\n" if parts else "")
        out.write(f"{printable(label)}\n{_trace_text(trace, lang)}")
        parts += 1
    for spool in spools:
        for text in _each(spool):
            out.write("\n\n" if parts else "")
            out.write(text.replace("\x00", "\n"))
            parts += 1


def to_text(doc: Document | Table, lang: str | None = None) -> str:
    d = _document(doc)
    out = io.StringIO()
    _write_text(out, d, _whole(d), lang or d.lang)
    return out.getvalue()


def _trace_text(trace: Any, lang: str) -> str:
    """An explanation as text: its lines with control and format characters escaped, as every
    cell of a text output (review 28: an invoice's name with ESC [ A moved the cursor up over
    the summary, showing amounts the library had not computed)."""
    return printable_lines(trace.explain(lang)) if isinstance(trace, Step) else printable(str(trace))


# ---------------------------------------------------------------- CSV


def _write_csv(out: IO[str], tables: list[tuple[Table, Iterable[RowChunk], Callable[[], Ending]]]) -> None:
    buffer = io.StringIO()  # a run's rows are written here, then to ``out`` in one piece
    writer = csv.writer(buffer, lineterminator="\n")
    for n, (table, chunks, ending) in enumerate(tables):
        if n:
            out.write("\n")
        writer.writerow([c.key for c in table.columns])
        for chunk in chunks:
            texts = [_csv_column(_cells(chunk, c), c) for c in table.columns] if len(table.columns) > 1 else [None]
            # every column's texts: each row's cells joined as the csv writer joins them
            if chunk.length and all(t is not None for t in texts):
                buffer.write("\n".join(map(",".join, zip(*texts, strict=True))) + "\n")
                _flush(buffer, out)
                continue
            cells = [_csv_cells(_cells(chunk, c), c) for c in table.columns]
            rows = zip(*cells, strict=True) if cells else [()] * chunk.length
            if any(_needs_more_quoting(column) for column in cells):
                _write_csv_rows_quoting_cr(buffer, rows)
            else:
                writer.writerows(rows)
            _flush(buffer, out)
        _flush(buffer, out)
        ending()


_CSV_QUOTED = re.compile(r'[,"\r\n;\t]')
"""What makes a cell quoted: the delimiter, the quote, a line end (a ``\\r`` as
:func:`_write_csv_rows_quoting_cr` has it quoted), and the other separators a spreadsheet may
split a CSV file on, ``;`` (a Georgian-locale Excel's) and a tab: a quoted field stays one field
whatever the separator, so that no text after them starts a cell of its own (review 95: a name
``Nino;=cmd|' /C calc'!A0`` became a live formula under LibreOffice's ``;`` import)."""

_MORE_QUOTED = "\r\n;\t"
"""The line terminator :func:`_write_csv_rows_quoting_cr` gives the csv writer, which quotes a
field holding any of its characters (it quotes for the delimiter, the quote and these alone)."""


class _LeftToTheWriter(Exception):
    """A cell whose text the renderer does not join itself (a NUL, or text of a str subclass)."""


def _csv_column(values: Sequence[Any], column: Column) -> Sequence[str] | None:
    """A run's column as the csv writer writes its cells (:func:`_csv_cells`' texts, quoted where
    it quotes them, each distinct text looked at once), or None to leave the run to the csv writer
    (a cell with a NUL, or whose text is a subclass of str)."""
    if column.kind == "int" and _all(values, int):
        return list(map(int.__repr__, values))  # (as str() writes them)
    whole = _safe_whole(values) if column.kind == "text" else None
    if whole is not None and _SEPARATED_FORMULA.search(whole) is not None:
        whole = None  # (csv_safe changes it: cell by cell)
    if whole is not None:  # text spreadsheet_safe leaves as it is (printable: no NUL, \r or \n)
        if _CSV_QUOTED.search(whole) is None:
            return values
        quoted = {v: _csv_quoted(v) for v in set(values)}
        return list(map(quoted.__getitem__, values))
    try:
        return _formatted(values, lambda v: _csv_quoted(_csv_cell(v, column)))
    except _LeftToTheWriter:
        return None


def _csv_quoted(text: str) -> str:
    """A cell's text as the csv writer writes it: quoted (its quotes doubled) when it holds the
    delimiter, a quote or a line end; a NUL or a subclass of str is left to the writer."""
    if type(text) is not str or "\x00" in text:
        raise _LeftToTheWriter
    return '"' + text.replace('"', '""') + '"' if _CSV_QUOTED.search(text) else text


def _flush(buffer: io.StringIO, out: IO[str]) -> None:
    """Write what the buffer holds to ``out``, and empty it."""
    out.write(buffer.getvalue())
    buffer.seek(0)
    buffer.truncate()


def _write_csv_rows_quoting_cr(out: IO[str], rows: Iterable[Sequence[Any]]) -> None:
    """Rows one of whose cells holds a carriage return, a ``;`` or a tab: the csv module quotes a
    cell only for the delimiter, the quote and the characters of its line terminator, so with
    ``\n`` alone a bare ``\r`` would be written unquoted and read back as a line break, and a
    ``;`` or a tab split the cell under another separator. These rows are written with
    :data:`_MORE_QUOTED` as the terminator (which quotes them), and each row's own terminator is
    then replaced by ``\n`` like every other row's."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=_MORE_QUOTED)
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        out.write(buffer.getvalue()[: -len(_MORE_QUOTED)] + "\n")


def to_csv(doc: Document | Table, lang: str | None = None) -> str:
    out = io.StringIO()
    _write_csv(out, _whole(doc))
    return out.getvalue()


_MORE_TO_QUOTE = re.compile("[\r;\t]")
"""What the csv writer does not quote with a ``\\n`` terminator and :data:`_MORE_QUOTED` has it quote."""


def _needs_more_quoting(column: Sequence[Any]) -> bool:
    """Whether a cell of the column is text holding a carriage return, a ``;`` or a tab."""
    kinds = set(map(type, column))
    if kinds == {str}:
        return _MORE_TO_QUOTE.search("".join(column)) is not None
    return kinds != {int} and any(isinstance(v, str) and _MORE_TO_QUOTE.search(v) is not None for v in column)


def _csv_cells(values: Sequence[Any], column: Column) -> Sequence[Any]:
    if column.kind == "int" and _all(values, int):
        return values  # the csv writer writes an int as str() does
    if column.kind == "text":
        whole = _safe_whole(values)
        if whole is not None and _SEPARATED_FORMULA.search(whole) is None:
            return values  # csv_safe leaves each as it is
    return _formatted(values, lambda v: _csv_cell(v, column))


def _safe_whole(values: Sequence[Any]) -> str | None:
    """The values joined, when every one is text that :func:`spreadsheet_safe` leaves as it is
    (printable, and not starting like a formula), checked a column at a time; else None."""
    if not _all(values, str):
        return None
    whole = "".join(values)
    # A printable text holds no NUL: here NUL marks where each value starts.
    if not whole.isprintable() or _FORMULA_START.search("\x00" + "\x00".join(values)) is not None:
        return None
    return whole


_FORMULA_START = re.compile("\x00" + _FORMULA_LIKE)


_SEPARATED_FORMULA = re.compile("([;\t\r\n])(?= *[" + re.escape("=+-@") + "])")
"""A ``;``, a tab or a line end before a formula's first character: where a spreadsheet that
splits a CSV file on ``;`` or a tab (a Georgian-locale Excel splits on ``;``) would start a cell
that is a formula, whatever the quotes of the comma-separated field around it (review 95), a line
end starting a row there too (review 96); spaces between them too, which an import may trim
(review 170 F8: ``Nino; =2+2``). (Unlike a cell's start, an apostrophe given there is left as it
is: ``Nino;'=2+2`` is no formula, and the advice of a reason quotes ``';'-ით``.)"""


def _csv_cell(value: Any, column: Column) -> str:
    if column.kind == "text" and isinstance(value, str):
        # (a str subclass, e.g. a row's Reason, as its text: what the csv writer writes of it,
        # and a plain str lets the run take the joined path)
        return csv_safe(str.__str__(value))
    return cell_text(value, column.kind, grouped=False) if column.kind != "bool" else _json_text(value)


def _json_text(value: Any) -> str:
    return "" if value is None else ("true" if value else "false")


# ---------------------------------------------------------------- JSON


def generator() -> str:
    """What wrote a document, for an auditor to know which code computed it (review 172 F11):
    ``voucherlib 0.1.0``, in the JSON's ``generator``, the page's ``<meta name="generator">`` and
    the workbook's properties (its comments)."""
    from voucherlib import __version__

    return f"voucherlib {__version__}"


def json_data(doc: Document | Table, lang: str | None = None) -> dict[str, Any]:
    """The document as typed JSON data (see the module's docstring)."""
    d = _document(doc)
    lang = lang or d.lang
    out: dict[str, Any] = {"title": d.heading(lang), "lang": lang, "generator": generator(), "tables": []}
    for table in d.tables:
        out["tables"].append(
            {
                **_json_table_head(table, lang),
                "rows": [{c.key: json_value(row.get(c.key), c.kind) for c in table.columns} for row in table.rows],
                "totals": _json_totals(table.columns, table.totals),
                "highlight": list(table.highlight) if table.highlight else None,
                "notes": list(table.notes),
            }
        )
    out["summary"] = list(d.summary)
    out["explanations"] = [_json_explanation(label, trace, lang) for label, trace in d.explanations]
    return out


def _json_table_head(table: Table, lang: str) -> dict[str, Any]:
    return {
        "name": table.name,
        "title": table.heading(lang),
        "columns": [{"key": c.key, "header": c.header(lang), "kind": c.kind} for c in table.columns],
    }


def _json_totals(columns: Sequence[Column], totals: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if totals is None:
        return None
    return {c.key: json_value(totals[c.key], c.kind) for c in columns if c.key in totals}


def _json_explanation(label: str, trace: Any, lang: str) -> dict[str, Any]:
    return {
        "label": label,
        "text": _trace_text(trace, lang),
        "trace": trace.to_dict() if isinstance(trace, Step) else None,
    }


def _json(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``level`` levels deep."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


def _json_literal(value: Any, kind: str) -> str:
    """A cell as ``json.dumps(json_value(...), ensure_ascii=False)`` writes it."""
    v = json_value(value, kind)
    if v is None or v is True or v is False:
        return "null" if v is None else "true" if v else "false"
    if type(v) is str:
        return _encode_text(v)
    return json.dumps(v, ensure_ascii=False)


def _json_cells(values: Sequence[Any], column: Column) -> list[str]:
    if column.kind == "int" and _all(values, int):
        return list(map(int.__repr__, values))
    if column.kind == "text" and _all(values, str):
        return list(map(_encode_text, values))
    return _formatted(values, lambda v: _json_literal(v, column.kind))


def _write_joined(out: IO[str], between: str, items: Iterator[str], piece: int = 1024) -> None:
    """``out.write(between.join(items))``, a piece of ``piece`` items at a time: the text of a
    long run is never built (and encoded) whole, so the same memory serves each piece."""
    first = True
    while batch := list(islice(items, piece)):
        out.write(between.join(batch) if first else between + between.join(batch))
        first = False


_encode_text: Callable[[str], str] = (
    getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring
)
"""A string as json.dumps(..., ensure_ascii=False) writes it."""


class _TerminalSafeJson:
    """A text file for JSON whose DEL and C1 controls (which ``json.dumps(ensure_ascii=False)``
    writes raw, and a terminal acts on: U+009B is its CSI) are written as ``\\u`` escapes: the
    same JSON data, no control character on a terminal (review 20). They can only stand inside
    strings, where the escape means the very character."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, text: str) -> int:
        if text.isascii():  # (the usual piece: checked at C speed, a million rows in milliseconds)
            if "\x7f" in text:
                text = text.replace("\x7f", "\\u007f")
        elif _JSON_RAW.search(text):
            text = _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
        return self.out.write(text)


_JSON_RAW = re.compile("[\x7f-\x9f\ud800-\udfff]")
"""DEL, the C1 controls, and a lone surrogate (no UTF-8 file holds one: review 65, a report's
JSON failed half-written), each written as its ``\\u`` escape, which JSON reads back as it."""


def _write_json(
    out: IO[str], d: Document, tables: list[tuple[Table, Iterable[RowChunk], Callable[[], Ending]]], lang: str
) -> None:
    """The document as ``json.dumps(json_data(...), indent=2)`` writes it, a run of rows at a time
    (DEL and the C1 controls as ``\\u`` escapes, see :class:`_TerminalSafeJson`)."""
    out = cast(IO[str], _TerminalSafeJson(out))
    out.write(f'{{\n  "title": {_json(d.heading(lang), 1)},\n  "lang": {_json(lang, 1)},\n')
    out.write(f'  "generator": {_json(generator(), 1)},\n  "tables": ')
    summary = list(d.summary)
    explanations = _spool()
    explained = 0
    out.write("[" if tables else "[]")
    for n, (table, chunks, ending) in enumerate(tables):
        out.write(",\n    {\n" if n else "\n    {\n")
        for key, value in _json_table_head(table, lang).items():
            out.write(f"      {_json(key, 3)}: {_json(value, 3)},\n")
        out.write('      "rows": ')
        styles: dict[str | None, int] = {None: 0}
        highlight = bytearray()
        styled = False
        notes = _spool()
        count = 0
        # One row: its fields as json.dumps lays them out, four levels deep (a template whose
        # field k is the k-th column's JSON text, filled by a compiled f-string).
        fields = ",\n".join(f"          {braced(_json(c.key, 5))}: {{{k}}}" for k, c in enumerate(table.columns))
        fill = formatter("        {{\n" + fields + "\n        }}")
        for chunk in chunks:
            if chunk.length:
                values = [_json_cells(_cells(chunk, c), c) for c in table.columns]
                out.write(",\n" if count else "[\n")
                if table.columns:
                    if any(len(v) != chunk.length for v in values):  # (map would stop at the shortest)
                        raise ValueError(f"a run of {chunk.length} rows with a column of another length")
                    _write_joined(out, ",\n", map(fill, *values))
                else:
                    out.write(",\n".join(["        {}"] * chunk.length))
                count += chunk.length
            styled = styled or bool(chunk.highlight)
            marks = chunk.highlight or [None] * chunk.length
            for h in dict.fromkeys(marks):  # each style's code: its place among the styles met
                styles.setdefault(h, len(styles))
            highlight.extend(map(styles.__getitem__, marks))
            notes.writelines(_json(note, 4) + "\n" for note in chunk.notes)
            for label, trace in chunk.explanations:
                explanations.write(_json(_json_explanation(label, trace, lang), 2).replace("\n", "\x00") + "\n")
                explained += 1
        out.write("\n      ]" if count else "[]")
        end = ending()
        summary.extend(end.summary)
        out.write(f',\n      "totals": {_json(_json_totals(table.columns, end.totals), 3)}')
        out.write(',\n      "highlight": ')
        if styled and highlight:
            shown = [_json(style, 4) for style in sorted(styles, key=styles.__getitem__)]
            out.write("[\n        " + ",\n        ".join(shown[code] for code in highlight) + "\n      ]")
        else:
            out.write("[]" if styled else "null")
        out.write(',\n      "notes": ')
        items = list(_each(notes)) if notes.tell() < _SPOOL_BYTES else None
        if items is not None:
            out.write("[\n        " + ",\n        ".join(items) + "\n      ]" if items else "[]")
        else:
            out.write("[")
            for i, item in enumerate(_each(notes)):
                out.write((",\n        " if i else "\n        ") + item)
            out.write("\n      ]")
        out.write("\n    }")
    if tables:
        out.write("\n  ]")
    out.write(f',\n  "summary": {_json(summary, 1)},\n  "explanations": ')
    items = [_json(_json_explanation(label, trace, lang), 2) for label, trace in d.explanations]
    if not items and not explained:
        out.write("[]")
    else:
        out.write("[\n    " + ",\n    ".join(items))
        for i, item in enumerate(_each(explanations)):
            out.write((",\n    " if i or items else "") + item.replace("\x00", "\n"))
        out.write("\n  ]")
    out.write("\n}")


def to_json(doc: Document | Table, lang: str | None = None) -> str:
    d = _document(doc)
    out = io.StringIO()
    _write_json(out, d, _whole(d), lang or d.lang)
    return out.getvalue()


# ---------------------------------------------------------------- streams


def write_stream(stream: Stream, target: str | Path | IO[str], fmt: str, lang: str | None = None) -> str:
    """Render a stream to ``target`` (a path or an open text file) as its chunks come.

    Text, CSV and JSON are written a run of rows at a time, in bounded memory, and come out
    exactly as :func:`render` writes the whole document (``stream.gather()``); XLSX and HTML
    gather the document first (at most :data:`MAX_GATHERED_ROWS` rows). A path is written
    whole or not at all: into a temporary file beside it, renamed at the end, so that an
    input refused half-way leaves no half-written output.
    """
    if fmt not in ("text", "csv", "json", "html", "xlsx"):
        raise InvalidInput("fmt", fmt, f"one of {', '.join(_RENDERERS)}, xlsx")
    if not isinstance(target, (str, Path)):
        _write_stream(stream, target, fmt, lang)
        return fmt
    if fmt == "xlsx":
        to_xlsx(stream.gather(MAX_GATHERED_ROWS), target, lang)
        return fmt
    with written_whole(Path(target)) as f:
        _write_stream(stream, f, fmt, lang)
    return fmt


@contextlib.contextmanager
def written_whole(path: Path, *, binary: bool = False) -> Iterator[Any]:
    """A file to write ``path`` through (text: UTF-8, lines as written; ``binary``: bytes), whole
    or not at all: a temporary file beside it, renamed to it when the block ends without an error
    and removed when it fails, so that a failure half-way leaves ``path`` as it was (review 65: a
    report's ``to_html(path)`` that failed had already emptied the file it would replace).

    The file written is the one the system's path resolution names (a symlink's target, review 69;
    ``..`` after a symlinked folder as the kernel follows it, review 72). A descriptor of the
    process by any name (``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``, a link to one) is
    written through it, where it stands, whatever it is redirected to (reviews 71-73: a log
    appended to was replaced, or written over; a pipe was taken for a folder). A path that is no regular file (a
    FIFO, a terminal, ``/dev/null``) is written straight through, as ``open(path, "w")`` does. A
    file that may be written in a folder that may not (or another's file in a sticky folder such
    as ``/tmp``) is written in place. A file replaced keeps its permissions and, where the process
    may, its owner; its other hard links keep the old file. A path in a folder that does not exist,
    a folder, a file that may not be written, a new file in a folder that may not be written, or a
    symlink loop is an :class:`InvalidInput` naming the path given."""
    mode: str = "wb" if binary else "w"
    encoding, newline = (None, None) if binary else ("utf-8", "")
    stream = _own_stream(path)
    if stream is not None:
        for kept in (sys.stdout, sys.stderr):  # (what Python printed before comes first)
            with contextlib.suppress(Exception):
                kept.flush()
        try:
            through = os.fdopen(os.dup(stream), mode, encoding=encoding, newline=newline)
        except OSError as exc:
            raise _unopenable(path, exc) from None
        with through:
            yield through
        return
    try:
        kind = os.stat(path).st_mode
    except (OSError, ValueError):
        kind = None
    if kind is not None and not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):  # a FIFO, a terminal, a device
        with open(path, mode, encoding=encoding, newline=newline) as straight:
            yield straight
        return
    target = _output_target(path)
    if not os.access(target.parent, os.W_OK):
        if not target.exists():
            raise InvalidInput("path", str(path), expected("output_folder_read_only"))
        with open(target, mode, encoding=encoding, newline=newline) as in_place:
            yield in_place
        return
    try:
        made = tempfile.NamedTemporaryFile(
            mode,
            dir=target.parent,
            prefix=f".{target.name}.",
            suffix=".part",
            delete=False,
            encoding=encoding,
            newline=newline,
        )
    except OSError as exc:  # (a folder of the system's, /proc, /sys: no file can be made there)
        raise _unopenable(path, exc) from None
    with made as f:
        part = Path(f.name)
        try:
            yield f
        except BaseException:
            f.close()
            part.unlink(missing_ok=True)
            raise
    _keep_mode_and_owner(part, target)
    try:
        part.replace(target)
    except PermissionError:  # a sticky folder's file of another owner, which may be written, not replaced
        try:
            shutil.copyfile(part, target)
        finally:
            part.unlink(missing_ok=True)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


_DESCRIPTOR = re.compile(r"/dev/(?:(stdin)|(stdout)|(stderr)|fd/(\d+))|/proc/(?:self|thread-self|\d+)/fd/(\d+)")
"""The names a descriptor of a process has (its number, or the standard stream it is)."""


def _unopenable(path: Path, exc: OSError) -> InvalidInput:
    """The refusal of ``path`` the system will not write a file at, naming it and the system's reason."""
    return InvalidInput("path", str(path), expected("output_unopenable", why=exc.strerror or type(exc).__name__))


def _own_stream(path: Path) -> int | None:
    """The descriptor of this process that ``path`` names (``/dev/stdout``, ``/dev/fd/3``,
    ``/proc/self/fd/1``, or a symlink leading to one, each hop followed as the system follows it),
    else None."""
    hop = Path(os.path.abspath(path))
    own = ("/proc/self/", "/proc/thread-self/", f"/proc/{os.getpid()}/")
    for _ in range(40):
        found = _DESCRIPTOR.fullmatch(str(hop))
        if found is not None:
            stdin, stdout, stderr, fd, proc_fd = found.groups()
            if proc_fd is not None and not str(hop).startswith(own):
                return None  # (another process's descriptor: the path as it is)
            return 0 if stdin else 1 if stdout else 2 if stderr else int(fd or proc_fd)
        if not hop.is_symlink():
            return None
        hop = Path(os.path.abspath(Path(os.path.realpath(hop.parent)) / os.readlink(hop)))
    return None


def _output_target(path: Path) -> Path:
    """The file ``path`` names, its symlinks followed as the system follows them; refused as
    :func:`written_whole` says."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:  # (a new file, or a link to one: resolved as far as it goes)
        target = Path(os.path.realpath(path))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InvalidInput("path", str(path), expected("output_link_loop")) from None
        raise _unopenable(path, exc) from None
    problem = (
        expected("output_no_folder", folder=str(target.parent)) if not target.parent.is_dir()
        else expected("output_folder") if target.is_dir()
        else expected("output_read_only") if target.exists() and not os.access(target, os.W_OK)
        else None
    )  # fmt: skip
    if problem is not None:
        raise InvalidInput("path", str(path), problem)
    return target


def _keep_mode_and_owner(part: Path, target: Path) -> None:
    """``part`` given the permissions ``target`` has (a new file's when it has none yet) and, where
    the process may, its owner and group: courtesies a file system that keeps none may refuse."""
    try:
        part.chmod(_mode_for(target))
    except OSError:
        pass
    try:
        st = target.stat()
        os.chown(part, st.st_uid, st.st_gid)
    except (OSError, AttributeError):  # (no such file yet, not the owner, no chown on this system)
        pass


def write_text_whole(path: str | Path, text: str) -> None:
    """``text`` written to ``path`` (UTF-8, lines as they are) whole or not at all (:func:`written_whole`)."""
    with written_whole(Path(path)) as f:
        f.write(text)


def _mode_for(path: Path) -> int:
    """The permissions ``path`` gets: those it has when it exists, else a new file's (read and
    write for all, less the process's umask), as ``open(path, "w")`` gives it (review 52: the
    temporary file's 0600 made a report no colleague could open)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux:
    ``/proc/self/status``; review 53: setting it to read it would, for that moment, give another
    thread's new files other permissions); else read by setting it and setting it back."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


MAX_GATHERED_ROWS = 200_000
"""A stream rendered as XLSX or HTML is built whole first: at most this many rows."""


def _write_stream(stream: Stream, out: IO[str], fmt: str, lang: str | None) -> None:
    d = stream.document
    lang = lang or d.lang
    tables = [(stream.head, stream.chunks, stream.ending)]
    if fmt == "text":
        _write_text(out, d, tables, lang)
        out.write("\n")
    elif fmt == "csv":
        _write_csv(out, tables)
    elif fmt == "json":
        _write_json(out, d, tables, lang)
        out.write("\n")
    elif fmt == "html":
        out.write(to_html(stream.gather(MAX_GATHERED_ROWS), lang))
    else:
        raise InvalidInput("fmt", fmt, "text, csv, json or html (XLSX is written to a file)")


# ---------------------------------------------------------------- XLSX

_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XLSX_FORMATS = {
    "money": "#,##0.00",
    "int": "#,##0",
    "date": "yyyy-mm-dd",
    "percent": '0.####"%"',
    "rate": "#,##0.00##",
}


_PLAIN_NUMBER = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,4})?")
"""A text of a :attr:`Column.workbook_number` column a workbook holds as a number (a daily rate)."""


def _in_workbook(column: Column, values: list[Any], lang: str) -> tuple[Column, list[Any], str]:
    """A column as a workbook writes it, its values, and the kind of its cells' format: a
    :attr:`Column.workbook_number` column's plain numbers as decimals, written as money is, in a
    format of 2 to 4 decimals, grouped; its other texts as text, their numbers grouped alike
    (``1,234.5678x15+2,500x15``, as the text and HTML views: review 140 F7); any other as it is."""
    if column.label:  # (a row's number: no thousands format)
        return column, values, "label"
    if not column.workbook_number:
        return column, values, column.kind
    numbers = [
        (Decimal(v) if _PLAIN_NUMBER.fullmatch(v) else _numbers_grouped(v, lang)) if type(v) is str else v
        for v in values
    ]
    return replace(column, kind="money"), numbers, "rate"


def xlsx_writer() -> Any:
    """The xlsxwriter module, or a :class:`VoucherError` naming the extra that installs it."""
    try:
        import xlsxwriter
    except ImportError as exc:
        raise MissingExtra("write_xlsx", "xlsxwriter", "audit") from exc
    return xlsxwriter


def _sheet_name(name: str, taken: set[str]) -> str:
    """A sheet's name: ``name`` without the characters a sheet's name may not hold (``:`` of
    ``დანართი №2.4: ...`` a space), at most 31 characters cut after a whole word where it has
    one (review 229 M2: `დანართი №2.4_ დღის ცენტრებში მო`), once in the workbook."""
    base = " ".join(re.sub(r"[\[\]:*?/\\]", " ", name).split())
    if len(base) > 31:
        cut = base[:31]
        words = cut.rfind(" ")
        base = cut[:words] if base[31] != " " and words >= 12 else cut.rstrip()
    base = base or "sheet"
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    taken.add(candidate.lower())
    return candidate


def to_xlsx(doc: Document | Table, target: str | Path | io.BytesIO | None = None, lang: str | None = None) -> bytes:
    """The workbook (one sheet per table); written to ``target`` when given, and returned as bytes.

    A table is written a column at a time: each column's cells are made ready together (text
    checked for characters to escape and for formula-like starts, numbers converted, its width
    measured once per distinct value), each row's format looked up from the column's formats by
    highlight, then handed to xlsxwriter cell by cell (a column of mixed types cell by cell as
    :func:`_write_xlsx` writes it). The cyclic garbage collector is paused meanwhile (a cell is a
    few small objects, none in a cycle)."""
    with no_cycle_collection():
        data = _workbook(_document(doc), lang)
    if isinstance(target, io.BytesIO):
        target.write(data)
    elif target is not None:
        with written_whole(Path(target), binary=True) as f:
            f.write(data)
    return data


def _workbook(d: Document, lang: str | None, *, cell_by_cell: bool = False) -> bytes:
    """The workbook's bytes; ``cell_by_cell``: every cell written on its own by :func:`_write_xlsx`
    (what the tests hold the column-at-a-time writing to: the same file)."""
    lang = lang or d.lang
    xlsxwriter = xlsx_writer()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    book.set_properties({"title": d.heading(lang), "comments": generator()})  # (File > Properties)
    formats: dict[tuple[str, str | None, bool, bool, bool], Any] = {}

    def fmt(kind: str, style: str | None, bold: bool = False, wrap: bool = False, quoted: bool = False) -> Any:
        key = (kind, style, bold, wrap, quoted)
        if key not in formats:
            props: dict[str, Any] = {"text_wrap": True} if wrap else {}
            if quoted:  # the text is shown and kept as text when the cell is edited (``'`` in Excel's bar)
                props["quote_prefix"] = True
            if kind in _XLSX_FORMATS:
                props["num_format"] = _XLSX_FORMATS[kind]
            if style is not None:
                props["bg_color"] = HIGHLIGHTS[style]
            if bold:
                props["bold"] = True
                props["top"] = 1
            formats[key] = book.add_format(props)
        return formats[key]

    header = {"bold": True, "bg_color": "#1f4e79", "font_color": "#ffffff", "border": 1}
    header_formats = {quoted: book.add_format(header | {"quote_prefix": quoted}) for quoted in (False, True)}
    taken: set[str] = set()
    for table in d.tables:
        sheet = book.add_worksheet(_sheet_name(table.sheet_name(lang), taken))
        widths = [len(c.header(lang)) for c in table.columns]
        for col, c in enumerate(table.columns):
            text = _xlsx_text(c.header(lang))
            sheet.write_string(0, col, text, header_formats[_formula_like(text)])
        notes = (*table.notes, *(d.summary if table is d.tables[0] else ()))
        _row_within_a_sheet(len(table.rows) + (table.totals is not None) + (len(notes) + 1 if notes else 0))
        wrapped = _wrapping_columns(table)
        _write_xlsx_rows(sheet, table, fmt, widths, lang, cell_by_cell, wrapped)
        r = len(table.rows)
        if table.columns:
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(r, 1), len(table.columns) - 1)
            # printed: A4 landscape, the columns fitted to the page's width, the header on every
            # page (review 204 F5: 47 pages for 10 lines, each table's columns split across pages)
            sheet.set_landscape()
            sheet.set_paper(9)
            sheet.fit_to_pages(1, 0)
            sheet.repeat_rows(0)
        if table.totals is not None:
            r += 1
            for col, c in enumerate(table.columns):
                value = table.totals.get(c.key)
                if col == 0 and value is None:
                    value = _WORDS.get(lang, _WORDS["en"])[2]
                    sheet.write_string(r, col, value, fmt("text", None, True))
                else:
                    shown = _write_xlsx(sheet, r, col, value, c, partial(fmt, c.kind, None, True), lang)
                    if c.kind in ("money", "int", "percent"):  # a number too wide shows as ###: a text runs on
                        # the totals are the widest numbers, and bold: their column fits them (review 28:
                        # a total of 124,000.00 showed as ###)
                        widths[col] = max(widths[col], shown + shown // 6 + 1)
        # the notes under the table; under the first, the document's summary too (review 52:
        # settle's "settled on more than one row" and facility's "give --daily-rate" were in every
        # view but the workbook)
        for note in notes:
            r += 1
            text = _xlsx_text(note, lang)
            sheet.write_string(r + 1, 0, text, fmt("text", None, quoted=True) if _formula_like(text) else None)
        widths = [_column_width(width) for width in widths]
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        _rows_as_tall_as_their_lines(sheet, table, widths, wrapped)
    # a sheet of the explanations, as the text, JSON and HTML end with them (review 134 F4), unless
    # a table holds them in a column (an audit's lines)
    if d.explanations and not any(c.key == "explanation" for t in d.tables for c in t.columns):
        sheet = book.add_worksheet(_sheet_name(say(lang, "sheet.explanations"), taken))
        _explanations_sheet(sheet, d, lang, fmt, header_formats[False])
    book.close()
    return buffer.getvalue()


_WIDEST = 60
"""The widest a sheet's column is made (characters, and 2 more): a wider text wraps in it."""


def _column_width(width: int) -> int:
    """A column's width in a sheet (characters) for its widest cell's ``width``: 8 to 62."""
    return min(max(width, 6), _WIDEST) + 2


def _wrapping_columns(table: Table) -> frozenset[int]:
    """The columns of ``table`` whose texts wrap in their cells: an explanation's (``below``), and
    a text column with a cell wider than a column is made (a finding's description, its provision,
    a line's reason: review 204 F5, each cut on screen at the column's edge, the cell beside it
    not empty). Told from the table's cells as given, so that a sheet written by columns and one
    written cell by cell are the same file."""
    return frozenset(
        i
        for i, c in enumerate(table.columns)
        if c.below
        or (
            c.kind == "text"
            and any(isinstance(v, str) and len(v) > _WIDEST for v in (r.get(c.key) for r in table.rows))
        )
    )


_LINE_HEIGHT = 15
"""Points a line of a cell takes (Calibri 11, the workbook's font: its default row height)."""

_ROW_MOST = 409
"""The most points a worksheet row is high (Excel's limit, LibreOffice's too)."""


def _rows_as_tall_as_their_lines(sheet: Any, table: Table, widths: list[int], wrapped: frozenset[int]) -> None:
    """Each row whose wrapped cells (an audit line's explanation, a long reason: :func:`_wrapping_columns`)
    hold more than a line made as tall as its lines drawn in their column's width (up to
    :data:`_ROW_MOST`): LibreOffice draws a row at the height the file gives, and showed an
    explanation's first line alone (a row of the default height; Excel fits such a row when it
    opens the file, LibreOffice does not)."""
    below = [(table.columns[i].key, widths[i]) for i in sorted(wrapped)]
    if not below:
        return
    for r, row in enumerate(table.rows, start=1):
        lines = max(_drawn_lines(row.get(key), width) for key, width in below)
        if lines > 1:
            sheet.set_row(r, min(_ROW_MOST, _LINE_HEIGHT * lines))


def _drawn_lines(text: Any, width: int) -> int:
    """The lines a wrapped cell of ``width`` characters draws ``text`` in (each line of it, a line
    per ``width`` characters begun); 1 for an empty cell."""
    if not isinstance(text, str) or not text:
        return 1
    return sum(-(-len(line) // width) or 1 for line in text.split("\n"))


def _explanations_sheet(sheet: Any, d: Document, lang: str, fmt: Callable[..., Any], header: Any) -> None:
    """The document's explanations on a sheet, a row for each line of each, as the text view has
    them (a trace's line indented by its depth), beside what it explains (its label, on each of its
    rows: a filter on it shows one explanation whole). A cell that wrapped a trace whole showed its
    first line in LibreOffice, and no row of Excel holds a facility month's (review 136 F4). Its
    header is styled as every sheet's (``header``: review 229 M5, it was bold text alone)."""
    headers = (say(lang, "column.explained"), say(lang, "column.explanation"))
    for col, text in enumerate(headers):
        sheet.write_string(0, col, text, header)
    widths = [len(headers[0]), len(headers[1])]
    texts = [
        (
            _xlsx_text(label.removesuffix(":"), lang),
            (trace.explain(lang) if isinstance(trace, Step) else str(trace)).split("\n"),
        )
        for label, trace in d.explanations
    ]
    _row_within_a_sheet(sum(len(lines) for _, lines in texts))  # (the rows it needs, its header first)
    r = 0
    for said, lines in texts:
        for line in lines:
            r += 1
            shown = _xlsx_text(line, lang)
            sheet.write_string(r, 0, said, fmt("text", None, quoted=_formula_like(said)))
            sheet.write_string(r, 1, shown, fmt("text", None, quoted=_formula_like(shown)))
            widths = [max(widths[0], len(said)), max(widths[1], len(shown))]
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(r, 1), 1)
    sheet.set_column(0, 0, min(widths[0], 40) + 2)
    sheet.set_column(1, 1, min(widths[1], 160) + 2)


_SHEET_ROWS = 1_048_576
"""The rows of a worksheet (Excel's and LibreOffice's most)."""


def _row_within_a_sheet(row: int) -> None:
    """Refuse a row past a worksheet's last (0-based ``row``): xlsxwriter leaves it out without
    a word (review 136 F7: the last rows of a table and its totals were missing)."""
    if row >= _SHEET_ROWS:
        raise InvalidInput("rows", row + 1, expected("sheet_rows", max=_SHEET_ROWS))


def _write_xlsx_rows(
    sheet: Any,
    table: Table,
    fmt: Callable[..., Any],
    widths: list[int],
    lang: str,
    cell_by_cell: bool,
    wrapped: frozenset[int] = frozenset(),
) -> None:
    """Write a table's rows (from the sheet's row 1) in the format of each column's kind and each
    row's highlight (the texts of the ``wrapped`` columns wrap in their cells); widen ``widths`` to
    the cells."""
    styles = list(table.highlight) if table.highlight else [None] * len(table.rows)
    if cell_by_cell:
        for r, (row, style) in enumerate(zip(table.rows, styles, strict=True), start=1):
            for col, given in enumerate(table.columns):
                c, (value,), kind = _in_workbook(given, [row.get(given.key)], lang)
                formats = partial(fmt, kind, style, wrap=col in wrapped)
                widths[col] = max(widths[col], _write_xlsx(sheet, r, col, value, c, formats, lang))
        return
    columns = []
    for col, given in enumerate(table.columns):
        c, values, kind = _in_workbook(given, [row.get(given.key) for row in table.rows], lang)
        write, cells, width, quoted = _xlsx_column(sheet, values, c, lang)
        widths[col] = max(widths[col], width)
        wrap = col in wrapped
        by_style = {s: fmt(kind, s, wrap=wrap) for s in set(styles)}
        quoted_by_style = {s: fmt(kind, s, wrap=wrap, quoted=True) for s in set(styles)} if quoted else {}
        columns.append((col, write, cells, by_style, quoted, quoted_by_style))
    blank = _writer(sheet, "write_blank")
    for r, style in enumerate(styles, start=1):  # by rows, as a cell-by-cell writer goes: the same file
        for col, write, cells, by_style, quoted, quoted_by_style in columns:
            cell = cells[r - 1]
            if cell is None:
                blank(r, col, None, by_style[style])
            elif quoted and r - 1 in quoted:
                write(r, col, cell, quoted_by_style[style])
            else:
                write(r, col, cell, by_style[style])


_XLSX_MAX_TEXT = 32767


def _xlsx_text(text: str, lang: str = "en") -> str:
    """A text as a worksheet cell holds it: control characters a worksheet cannot hold shown
    escaped (``\\x01``), never dropped silently; cut at a cell's length with a mark. Text a
    spreadsheet would take for a formula stays as given: its cell's format has the quote prefix
    (:func:`_formula_like`), which keeps it text when the cell is edited (review 95: a ``'``
    written into the text was shown, and made ``=1+1`` and ``'=1+1`` the same)."""
    return _within_a_cell(_ILLEGAL_IN_XLSX.sub(lambda m: repr(m.group())[1:-1], _escaped(text)), lang, len(text))


def _formula_like(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula (its cell is written quote-prefixed)."""
    return text[:1] in _FORMULA_FIRST


def _xlsx_texts(texts: list[str], lang: str = "en") -> list[str]:
    """:func:`_xlsx_text` of each text of a column: a column without a character to escape (the
    usual one) is kept as it is, cut only when a text is longer than a cell holds."""
    if _any_unwritable(texts):
        return [_xlsx_text(t, lang) for t in texts]
    if max(map(len, texts), default=0) > _XLSX_MAX_TEXT:
        return [_within_a_cell(t, lang, len(t)) for t in texts]
    return texts


def _any_unwritable(texts: list[str]) -> bool:
    """Whether a text of ``texts`` holds an :data:`_UNWRITABLE` character: looked for in the texts
    joined (a line end between them, which is none) as UTF-8, its writable ASCII bytes deleted in
    C; what is left (its controls, and the bytes of its other characters, whole: no byte of a
    character of several is ASCII) is read back and searched. An explanation column's megabytes
    hold a few characters past ASCII (``×``, ``–``): several times faster than the regular
    expression over them all. Texts mostly past ASCII (Georgian, as its first text shows: most
    of its characters take more than one byte) are searched by the regular expression alone,
    which is faster for them (review 285: a fifth slower in Georgian)."""
    first = next((t for t in texts if t), "")
    if len(first.encode("utf-8", "surrogatepass")) > len(first) * 5 // 4:
        return any(map(_UNWRITABLE.search, texts))
    rest = "\n".join(texts).encode("utf-8", "surrogatepass").translate(None, _WRITABLE_ASCII)
    return bool(rest) and _UNWRITABLE.search(rest.decode("utf-8", "surrogatepass")) is not None


_WRITABLE_ASCII = bytes([9, 10, 13, *range(0x20, 0x7F)])
"""The ASCII characters :data:`_UNWRITABLE` leaves: tab, the line ends and the printable ones."""


def _within_a_cell(text: str, lang: str, length: int) -> str:
    """``text`` (a text of ``length`` characters as given, made ready for a sheet) as a worksheet
    cell holds it: at most 32,767 characters, a longer text cut with a mark that says so, the
    given text's length and the views that hold it whole (review 65: cut without a mark, a
    finding's list of rows ended in "5", a piece of row 5647)."""
    if len(text) <= _XLSX_MAX_TEXT:
        return text
    mark = " …" + say(lang, "xlsx.cut", length=grouped_as(f"{length:,}", lang))
    return text[: _XLSX_MAX_TEXT - len(mark)] + mark


def _xlsx_column(
    sheet: Any, values: list[Any], column: Column, lang: str
) -> tuple[Any, Sequence[Any], int, frozenset[int]]:
    """A column's cells made ready to write, as :func:`_write_xlsx` writes each: the function that
    writes a cell (given its row, column, cell and format; an empty cell is written blank), the
    cells, the column's widest shown width and the positions of the texts a spreadsheet would take
    for a formula (written with the quote prefix). A column of one type (text, or numbers in a
    numeric column), with empty cells or not, is made ready at once; any other is written cell by
    cell."""
    kinds = set(map(type, values))
    empty = type(None) in kinds
    kinds.discard(type(None))
    distinct = {(type(v), str(v)): v for v in values if v is not None}.values()
    if column.kind in _NUMERIC and kinds and kinds <= {Decimal, int} and all(map(_fits_a_double, distinct)):
        # the shown text of each distinct number (str tells 1.0 from 1.00, which show differently)
        width = max(len(cell_text(v, column.kind, lang)) for v in distinct) + 1
        return _writer(sheet, "write_number"), [None if v is None else float(v) for v in values], width, frozenset()
    if kinds == {str}:
        texts = _xlsx_texts([v for v in values if v is not None] if empty else values, lang)
        width = max(map(len, texts))
        strings: Sequence[str | None] = texts
        if empty:
            shown = iter(texts)
            strings = [None if v is None else next(shown) for v in values]
        quoted = frozenset(i for i, t in enumerate(strings) if t and t[0] in _FORMULA_FIRST)
        return _writer(sheet, "write_string"), strings, width, quoted
    if column.kind == "text" and kinds == {int} and all(v is None or v.bit_length() < 50 for v in values):
        width = max(len(str(v)) for v in values if v is not None)
        return _writer(sheet, "write_number"), values, width, frozenset()
    cells = [None if v is None else _xlsx_cell(sheet, v, column, lang) for v in values]
    quoted = frozenset(
        i for i, c in enumerate(cells) if c is not None and isinstance(c[1], str) and _formula_like(c[1])
    )
    return _write_prepared, cells, max((cell[2] for cell in cells if cell is not None), default=0), quoted


def _fits_a_double(value: Decimal | int) -> bool:
    """Whether a worksheet number (a binary double, written and shown to 15 significant digits)
    holds ``value`` exactly: at most 15 digits (a money amount of up to 13 digits of lari and its
    tetri). A longer one (a total of absurd claims) is written as its exact text instead."""
    if type(value) is int:
        return abs(value) < 10**15
    return isinstance(value, Decimal) and value.is_finite() and len(value.as_tuple().digits) <= 15


def _write_prepared(row: int, col: int, cell: tuple[Any, Any, int], cell_format: Any) -> None:
    cell[0](row, col, cell[1], cell_format)


def _writer(sheet: Any, name: str) -> Any:
    """xlsxwriter's ``write_string`` (or ``write_number``, ``write_blank``) without the wrapper
    that reads ``A1``-style cell names (its undecorated ``_write_string``, when there is one):
    the cell is always given by row and column numbers."""
    return getattr(sheet, "_" + name, None) or getattr(sheet, name)


def _write_xlsx(
    sheet: Any, row: int, col: int, value: Any, column: Column, formats: Callable[..., Any], lang: str
) -> int:
    """Write one cell (text always as text; text a spreadsheet would take for a formula in the cell
    format ``formats(quoted=True)``, the others in ``formats()``); return its shown width."""
    if value is None:
        sheet.write_blank(row, col, None, formats())
        return 0
    write, cell, width = _xlsx_cell(sheet, value, column, lang)
    write(row, col, cell, formats(quoted=isinstance(cell, str) and _formula_like(cell)))
    return width


def _xlsx_cell(sheet: Any, value: Any, column: Column, lang: str) -> tuple[Any, Any, int]:
    """How a (non-empty) cell is written: xlsxwriter's writer, the value it is given, the shown width."""
    if column.kind in _NUMERIC and isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        if _fits_a_double(value):
            return _writer(sheet, "write_number"), float(value), len(cell_text(value, column.kind, lang)) + 1
        text = cell_text(value, column.kind, lang)  # more digits than a worksheet number keeps: exact text
        return _writer(sheet, "write_string"), text, len(text)
    if column.kind == "text" and type(value) is int and value.bit_length() < 50:
        # a row number in a column of labels (a DataFrame's may be text): a number, sorted as one
        return _writer(sheet, "write_number"), value, len(str(value))
    if column.kind == "date" and isinstance(value, dt.date):
        return _writer(sheet, "write_datetime"), dt.datetime(value.year, value.month, value.day), 10
    if column.kind == "bool" and isinstance(value, bool):
        return _writer(sheet, "write_boolean"), value, 5
    text = _xlsx_text(str(value), lang)
    return _writer(sheet, "write_string"), text, len(text)


# ---------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem;max-width:100%}
th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;vertical-align:top;white-space:pre-wrap;overflow-wrap:break-word}
td.text{overflow-wrap:anywhere;min-width:6ch;max-width:40ch}td.w{white-space:nowrap}th{font-size:.8rem;hyphens:auto}
tr.below td{padding:.1rem .5rem .4rem 2rem}
tr.below pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.2rem 0;font-size:.85rem}
th{background:#1f4e79;color:#fff;text-align:left;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot td{font-weight:bold;border-top:2px solid #1b1b1b}
.notes{font-size:.85rem;color:#444}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
ul.trace{list-style:none;padding-left:1.2rem;margin:.2rem 0}
ul.trace li{margin:.15rem 0}
cite{color:#555;font-style:normal;font-size:.85em}
.dec{color:#1f4e79;font-size:.85em}
.n{white-space:nowrap}
""".strip()


def _row_html(cells: list[str], columns: tuple[Column, ...], attrs: str = "") -> str:
    return (
        f"<tr{attrs}>"
        + "".join(
            f"<td class='num'>{c}</td>" if col.kind in _NUMERIC else f"<td class='{_text_class(c)}'>{c}</td>"
            for c, col in zip(cells, columns, strict=True)
        )
        + "</tr>"
    )


def _text_class(cell: str) -> str:
    """A text cell's class: a month or a date (``2021-11``, ``2021-11-05``, ``06.12.2021``) drawn on
    one line (``w``), any other text wrapped anywhere in its column (review 267 F6: every month was
    drawn ``2021-`` over ``11``, even in a wide window; review 268 F2: a word kept whole widened
    the tables of a narrow window); so is one short word (``შეცდომა``, a finding's severity, was
    drawn ``შეცდომ`` over ``ა``: review 275 F5)."""
    return "text w" if _DATE_TEXT.fullmatch(cell) or _SHORT_WORD.fullmatch(cell) else "text"


_SHORT_WORD = re.compile(r"[^\s&<>]{1,12}")
"""A cell of one word of at most 12 characters (no markup: an escaped character is longer)."""


_DATE_TEXT = re.compile(r"[0-9]{1,4}(?:[-./][0-9]{1,4}){1,2}", re.ASCII)


_GROUPED = re.compile(r"(?<![0-9])[0-9]{1,3}(?: [0-9]{3})+(?![0-9])")
"""A number whose thousands Georgian text parts with a space (``10 500``, of ``10 500.00``)."""


def _html_text(text: str, lang: str) -> str:
    """``text`` escaped for a page; in Georgian, each number whose thousands are parted with a
    space kept on one line (``<span class='n'>``, drawn without a break), so that a wrapped line
    never parts ``10 500.00`` into "10" and "500.00" (review 136 F5); its characters stay as
    written, so a copy of it is the text (a no-break space would not find ``12 345``)."""
    escaped = html.escape(text)
    if lang != "ka" or " " not in escaped:
        return escaped
    return _GROUPED.sub(lambda m: f"<span class='n'>{m[0]}</span>", escaped)


def _below_html(row: Mapping[str, Any], below: tuple[Column, ...], width: int, attrs: str, lang: str) -> str:
    """The long cells of a line (its explanation) in one full-width row under it, each folded in a
    ``<details>`` whose summary is the column's header; nothing when they are all empty."""
    esc = html.escape
    folded = [
        f"<details><summary>{esc(c.header(lang))}</summary><pre>{_html_text(text, lang)}</pre></details>"
        for c in below
        if (text := cell_text(row.get(c.key), c.kind, lang))
    ]
    if not folded:
        return ""
    return f"<tr class='below{attrs}'><td colspan='{width}'>{''.join(folded)}</td></tr>"


def _table_html(table: Table, lang: str) -> list[str]:
    esc = html.escape
    out = [f"<h2>{_html_text(table.heading(lang), lang)}</h2>", "<table>"]
    cols = tuple(c for c in table.shown if not c.below)
    below = tuple(c for c in table.shown if c.below)
    out.append("<thead><tr>" + "".join(f"<th>{esc(c.header(lang))}</th>" for c in cols) + "</tr></thead>")
    out.append("<tbody>")
    for i, row in enumerate(table.rows):
        style = table.style(i)
        classes = " ".join(([f"hl-{style}"] if style else []) + (["line"] if below else []))
        attrs = f" class='{classes}'" if classes else ""
        out.append(_row_html([_html_text(screen_text(row.get(c.key), c, lang), lang) for c in cols], cols, attrs))
        if below:
            out.append(_below_html(row, below, len(cols), f" hl-{style}" if style else "", lang))
    out.append("</tbody>")
    if table.totals is not None:
        cells = [_html_text(cell_text(table.totals.get(c.key), c.kind, lang), lang) for c in cols]
        if cells and not cells[0]:
            cells[0] = _WORDS.get(lang, _WORDS["en"])[2]
        out.append("<tfoot>" + _row_html(cells, cols) + "</tfoot>")
    out.append("</table>")
    if table.notes:
        out.append("<ul class='notes'>" + "".join(f"<li>{_html_text(n, lang)}</li>" for n in table.notes) + "</ul>")
    return out


def trace_html(step: Step, lang: str = "en") -> str:
    """A trace as nested lists: each step's text, its decisions and its citation."""
    esc = html.escape
    # the ids where the text view has them (review 134 F9: "month 2021-10: (R1)" for "(R1):")
    before, marks, after = marked_parts(step.label(lang), ([step.rule] if step.rule else []) + list(step.decisions))
    before, after = _html_text(before, lang), _html_text(after, lang)
    text = f"{before}<span class='dec'>{esc(marks)}</span>{after}" if marks else before
    if step.citation is not None:
        text += f" <cite>[{esc(citation_text(step.citation, lang))}]</cite>"
    children = "".join(trace_html(c, lang) for c in step.children)
    inner = f"<ul class='trace'>{children}</ul>" if children else ""
    return f"<li data-step='{esc(step.key)}'>{text}{inner}</li>"


CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
"""The page's Content-Security-Policy: its own inline styles alone; no script, frame, font or
fetch of any kind (the charts are inline SVG)."""


def to_html(doc: Document | Table, lang: str | None = None) -> str:
    d = _document(doc)
    lang = lang or d.lang
    esc = html.escape
    highlight_css = "".join(f"tr.hl-{k} td{{background:{v}}}" for k, v in HIGHLIGHTS.items())
    parts = [
        "<!DOCTYPE html>",
        f"<html lang='{esc(lang)}'><head><meta charset='utf-8'>",
        # (no script, nothing fetched: a second wall behind the escaping of every input text, review 170 F11)
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<meta name='generator' content='{esc(generator())}'>",
        f"<title>{esc(d.heading(lang))}</title>",
        f"<style>{_CSS}{highlight_css}</style></head><body>",
        f"<h1>{esc(d.heading(lang))}</h1>",
    ]
    if d.summary:
        parts.append("<p>" + "<br>".join(_html_text(s, lang) for s in d.summary) + "</p>")
    for chart in d.charts:
        # The SVG is drawn by voucherlib itself (never taken from input text).
        # The caption stands above its chart (its title), never between two charts.
        parts.append(f"<figure id='{esc(chart.name)}'><figcaption>{esc(chart.title)}</figcaption>{chart.svg}</figure>")
    for table in d.tables:
        parts.extend(_table_html(table, lang))
    if d.explanations:
        parts.append(f"<h2>{'განმარტება' if lang == 'ka' else 'Explanations'}</h2>")
        for label, trace in d.explanations:
            body = (
                f"<ul class='trace'>{trace_html(trace, lang)}</ul>"
                if isinstance(trace, Step)
                else f"<pre>{_html_text(str(trace), lang)}</pre>"
            )
            parts.append(f"<details open><summary>{_html_text(label, lang)}</summary>{body}</details>")
    parts.append("</body></html>")
    page = "\n".join(parts) + "\n"
    # No control character of the input reaches a terminal (``--format html`` on standard output)
    # or the page (HTML has no place for them): each is shown escaped (\x1b), as the text format
    # shows it. The markup itself holds none, so the whole page is scanned once.
    return _HTML_CONTROLS.sub(lambda m: repr(m.group())[1:-1], page) if not page.isprintable() else page


# ---------------------------------------------------------------- entry points

_RENDERERS: dict[str, Callable[[Document | Table, str | None], str]] = {
    "text": to_text,
    "csv": to_csv,
    "json": to_json,
    "html": to_html,
}


def format_of(path: str | Path, flag: str = "path") -> str:
    """The output format of a file name, from its extension; an unknown one is an error naming ``flag``
    (the Python argument ``path``; the command line passes ``-o``: review 157 F10)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput(flag, str(path), expected("file_name_ending", endings=", ".join(FORMATS)))
    return FORMATS[suffix]


def render(doc: Document | Table, fmt: str, lang: str | None = None) -> str:
    """The document as text in ``fmt`` (text, csv, json or html; XLSX is binary: :func:`to_xlsx`)."""
    if fmt not in _RENDERERS:
        raise InvalidInput("fmt", fmt, f"one of {', '.join(_RENDERERS)}")
    return _RENDERERS[fmt](doc, lang)


def write(doc: Document | Table, path: str | Path, fmt: str | None = None, lang: str | None = None) -> str:
    """Write the document to ``path`` in ``fmt`` (default: from the extension); return the format."""
    fmt = fmt or format_of(path)
    if fmt == "xlsx":
        to_xlsx(doc, path, lang)
    else:
        text = render(doc, fmt, lang)
        write_text_whole(path, text if text.endswith("\n") else text + "\n")
    return fmt


def records(table: Table) -> list[Mapping[str, Any]]:
    """The rows of a table (for callers that want them as mappings)."""
    return list(table.rows)
