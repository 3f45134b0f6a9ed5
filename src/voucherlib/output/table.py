"""The table model of every output: a result becomes a :class:`Table` once, and
:mod:`voucherlib.output.render` renders it to text, CSV, JSON, XLSX and HTML.

A :class:`Column` has a machine key (the CSV header and the JSON field), a header in English
and in Georgian (text, XLSX and HTML) and a kind that says how a cell is shown and typed:

* ``text``: a string (from the input, so escaped on a terminal and kept text in a spreadsheet);
* ``int``: an integer (thousands separated in text and XLSX);
* ``money``: an exact :class:`~decimal.Decimal` of GEL (``1,234.50`` in text, ``"1234.50"`` in JSON,
  the number format ``#,##0.00`` in XLSX);
* ``date``: a :class:`datetime.date` (ISO everywhere);
* ``bool``: yes / no (``true`` / ``false`` in JSON);
* ``percent``: a Decimal percent (``20`` means 20 %).

Every cell may also be ``None`` (empty; ``null`` in JSON).

>>> from decimal import Decimal
>>> t = Table(
...     "payments", "Payments",
...     (Column("id", "id", "კოდი"), Column("amount", "amount", "თანხა", "money")),
...     ({"id": "B-1", "amount": Decimal("1234.5")},),
...     totals={"amount": Decimal("1234.5")},
... )
>>> t.column("amount").header("ka")
'თანხა'
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, get_args

from voucherlib.core.errors import InvalidInput, Reason, expected
from voucherlib.core.final import made_once

__all__ = [
    "HIGHLIGHTS",
    "KINDS",
    "Chart",
    "Column",
    "Document",
    "Ending",
    "Kind",
    "RowChunk",
    "Stream",
    "Table",
    "middle_cut",
]

Kind = Literal["text", "int", "money", "date", "bool", "percent"]
KINDS: tuple[str, ...] = get_args(Kind)

HIGHLIGHTS: Mapping[str, str] = MappingProxyType(
    {
        "error": "#f3d0d0",
        "over": "#fde2e1",
        "under": "#fff4d6",
        "rejected": "#e8e0f5",
        "notice": "#e0eef9",
    }
)
"""The row styles a table may use (``Table.highlight``) and their background colour."""


@made_once
@dataclass(frozen=True, slots=True)
class Column:
    """One column: its key (CSV and JSON), its headers (English, Georgian) and its kind."""

    key: str
    header_en: str
    header_ka: str = ""
    kind: Kind = "text"
    show: bool = True
    """False: a column of the data (CSV, JSON, XLSX) left off the screen views (text, HTML)."""
    optional: bool = False
    """True: a column some documents of the same command leave out (its JSON Schema does not require it)."""
    below: bool = False
    """True: long text (an explanation) that HTML shows in a full-width row under its line, folded
    in a ``<details>``, so that it never pushes the table past the page's edge."""
    workbook_number: bool = False
    """True: a text column whose cells that are one plain number (a daily rate, ``20``, ``22.5``) a
    workbook holds as numbers (shown with 2 to 4 decimals), its other cells (``20x15+30x15``) as
    text (review 134 F1: a rate in a workbook was a number stored as text); the other views keep
    the text."""
    whole: bool = False
    """True: the text view never cuts a cell of it (a program's title in a summary: review 163 F3,
    ``ProgramSummary.to_text()`` printed its titles whole before it was the text view)."""
    or_text: bool = False
    """True: an ``int`` column whose cell may be text instead (a paid-beneficiary cap that changes
    within the month, written as its runs): its JSON Schema takes either (review 221 F2)."""
    ident: bool = False
    """True: an id (a beneficiary's, a facility's): a long cell of the text view goes on over the
    lines under it every :data:`~voucherlib.output.render.MAX_CELL_WIDTH` characters, each kept
    (a space at a break too), not at its spaces (review 181 F5)."""
    label: bool = False
    """True: an ``int`` column of row labels (a file's row number, a DataFrame's index label): a
    number written as the spreadsheet and the index write it, never grouped (``1002``, as the audit
    and every CSV write it: review 280 F5), in a workbook without a thousands format; its JSON
    Schema takes a text label too (a DataFrame's text index: review 280 F4)."""
    cut_end: bool = False
    """True: a long cell of the text view is cut at its end, not in the middle: a provision, whose
    start says it (``Annex 2.12, Art. 4, para 5, as worded by ...``; review 65: a middle cut left
    the act and the amending sub-paragraph and dropped the provision)."""

    def __post_init__(self) -> None:
        if type(self.key) is not str:  # (a key of another type would be written unquoted in JSON)
            raise InvalidInput("key", self.key, "a column key as text (str)")
        if self.kind not in KINDS:
            raise ValueError(f"column {self.key!r}: kind {self.kind!r} is not one of {', '.join(KINDS)}")

    def header(self, lang: str = "en") -> str:
        return (self.header_ka or self.header_en) if lang == "ka" else self.header_en


@made_once
@dataclass(frozen=True, slots=True)
class Table:
    """Rows of typed cells under named columns, with optional totals, row highlights and notes."""

    name: str
    """A short machine name: the JSON key, the XLSX sheet name."""
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Mapping[str, Any]]
    """Each row maps a column key to its value (a missing key is an empty cell)."""
    totals: Mapping[str, Any] | None = None
    """The totals row: column key -> value (text, money or int); other cells empty."""
    highlight: Sequence[str | None] = ()
    """A style per row (a key of :data:`HIGHLIGHTS`, or None); empty: no row is highlighted."""
    notes: tuple[str, ...] = ()
    """Lines shown under the table (e.g. the reason of each invalid row, the act cited)."""
    title_ka: str = ""
    sheet: str = ""
    """The XLSX sheet's name (default ``name``); ``sheet_ka`` in Georgian."""
    sheet_ka: str = ""

    def __post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"table {self.name!r}: repeated column keys")
        if self.highlight and len(self.highlight) != len(self.rows):
            raise ValueError(f"table {self.name!r}: {len(self.highlight)} highlights for {len(self.rows)} rows")
        unknown = {h for h in self.highlight if h is not None and h not in HIGHLIGHTS}
        if unknown:
            raise ValueError(f"table {self.name!r}: unknown highlight {sorted(unknown)}")

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def heading(self, lang: str = "en") -> str:
        return (self.title_ka or self.title) if lang == "ka" else self.title

    def sheet_name(self, lang: str = "en") -> str:
        """The table's sheet in a workbook: in Georgian its Georgian sheet name, else its
        Georgian title (review 28: settle's, facility's, tables' sheets stayed English)."""
        if lang == "ka":
            return self.sheet_ka or self.title_ka or self.sheet or self.name
        return self.sheet or self.name

    @property
    def shown(self) -> tuple[Column, ...]:
        """The columns of the screen views (text and HTML)."""
        return tuple(c for c in self.columns if c.show)

    def style(self, index: int) -> str | None:
        return self.highlight[index] if self.highlight else None


@made_once
@dataclass(frozen=True, slots=True)
class Chart:
    """A chart for the HTML view: an inline SVG drawing made by voucherlib (never from input text)."""

    name: str
    title: str
    svg: str


@made_once
@dataclass(frozen=True, slots=True)
class Document:
    """What a command outputs: a title, its tables, optional charts and explanations.

    ``explanations``: ``(label, trace)`` pairs, where a trace is a
    :class:`voucherlib.core.trace.Step` (shown with ``--explain``).
    """

    title: str
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...] = ()
    lang: str = "en"
    title_ka: str = ""
    summary: tuple[str, ...] = ()
    """Lines shown above the tables (e.g. totals in words)."""
    explanations: tuple[tuple[str, Any], ...] = field(default=())

    def heading(self, lang: str | None = None) -> str:
        return (self.title_ka or self.title) if (lang or self.lang) == "ka" else self.title


@dataclass(frozen=True, slots=True)
class RowChunk:
    """A run of rows of a table, column by column: what a streamed table arrives in.

    ``columns`` maps a column key to the run's values (a key left out: empty cells);
    ``highlight`` is a style per row, or empty for none; ``notes`` and ``explanations`` are
    those of these rows (the table's notes, the document's explanations), in order.
    """

    length: int
    columns: Mapping[str, Sequence[Any]]
    highlight: Sequence[str | None] = ()
    notes: tuple[str, ...] = ()
    explanations: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        for key, values in self.columns.items():
            if len(values) != self.length:
                raise ValueError(f"chunk column {key!r}: {len(values)} values for {self.length} rows")
        if self.highlight and len(self.highlight) != self.length:
            raise ValueError(f"chunk: {len(self.highlight)} highlights for {self.length} rows")

    @classmethod
    def of(cls, table: Table) -> RowChunk:
        """The rows of a table (with its highlights and notes) as one chunk."""
        columns = {c.key: [row.get(c.key) for row in table.rows] for c in table.columns}
        return cls(len(table.rows), columns, tuple(table.highlight), table.notes)

    def rows(self) -> list[dict[str, Any]]:
        keys = list(self.columns)
        return [dict(zip(keys, values, strict=True)) for values in zip(*self.columns.values(), strict=True)] or [
            {} for _ in range(self.length)
        ]


@made_once
@dataclass(frozen=True, slots=True)
class Ending:
    """What a streamed document knows only after its last row: the table's totals, the summary."""

    totals: Mapping[str, Any] | None = None
    summary: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Stream:
    """A document whose one table arrives in chunks, rendered as they come, in bounded memory.

    ``document`` holds what is known first (the title, the language, the table's name, title and
    columns: its rows, totals, notes and highlights are left empty); ``chunks`` gives the rows;
    ``ending`` is called once every chunk has been given, for the totals and the summary. Rendered
    (:func:`voucherlib.output.render.write_stream`), a stream gives exactly the text of the whole
    document that :meth:`gather` builds.
    """

    document: Document
    chunks: Iterable[RowChunk]
    ending: Callable[[], Ending]

    @property
    def head(self) -> Table:
        return self.document.tables[0]

    def gather(self, max_rows: int | None = None) -> Document:
        """The whole document, every row in memory (refused past ``max_rows`` rows)."""
        head = self.head
        rows: list[Mapping[str, Any]] = []
        highlight: list[str | None] = []
        styled = False
        notes: list[str] = []
        explanations: list[tuple[str, Any]] = []
        for chunk in self.chunks:
            if max_rows is not None and len(rows) + chunk.length > max_rows:
                raise InvalidInput(
                    "output", Reason.phrase("value.more_rows", max=max_rows), expected("rows_in_format", max=max_rows)
                )
            rows.extend(chunk.rows())
            styled = styled or bool(chunk.highlight)
            highlight.extend(chunk.highlight or [None] * chunk.length)
            notes.extend(chunk.notes)
            explanations.extend(chunk.explanations)
        end = self.ending()
        table = Table(
            head.name,
            head.title,
            head.columns,
            rows,
            totals=end.totals,
            highlight=highlight if styled else (),
            notes=tuple(notes),
            title_ka=head.title_ka,
        )
        d = self.document
        return Document(d.title, (table,), d.charts, d.lang, d.title_ka, end.summary, tuple(explanations))

    @classmethod
    def of(
        cls,
        table: Table,
        chunks: Iterator[RowChunk] | Iterable[RowChunk],
        ending: Callable[[], Ending],
        **document: Any,
    ) -> Stream:
        """A stream of ``table``'s columns (its rows, totals and notes are not used)."""
        head = Table(table.name, table.title, table.columns, (), title_ka=table.title_ka)
        return cls(Document(tables=(head,), **document), chunks, ending)


def shown_width(text: str) -> int:
    """The columns ``text`` takes on a screen: a mark drawn over another character (an accent) and
    a format character (the isolates of :func:`isolated`; the input's are shown escaped) none, a
    wide or full-width character (East Asian) two, any other one (review 170 F2: a name of 4
    letters and 40 accents, counted 44, drew its row's amounts 40 columns left)."""
    if text.isascii():
        return len(text)
    width = sum(_char_width(c) for c in text)
    if "\ufe0f" in text:  # a character drawn as an emoji by the selector after it (❤️): two columns
        width += sum(1 for a, b in itertools.pairwise(text) if b == "\ufe0f" and _char_width(a) == 1)
    return width  # (review 180 F4: a name of ❤️ drew its row's amounts a column right)


def _char_width(c: str) -> int:
    if unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def isolated(text: str) -> str:
    """``text`` set apart from the text around it (U+2068 ... U+2069) when it holds a right-to-left
    letter (Hebrew, Arabic), so that a screen showing it draws the cells after it in their own
    order: after a name in Hebrew, the numbers up to the next Latin letter joined its run and were
    drawn reversed, the claim under another column's header (review 170 F4)."""
    if text.isascii() or not _RTL.search(text):
        return text
    return "\u2068" + text + "\u2069"


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
"""The blocks of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms)."""


def end_cut(text: str, most: int) -> str:
    """``text`` cut at its end (``…``) when longer than ``most`` characters."""
    return text if len(text) <= most else text[: max(most - 1, 0)] + "…"


def middle_cut(text: str, most: int) -> str:
    """``text`` cut in the middle (``…``) when longer than ``most`` characters, keeping its start
    and its end: two long ids (or providers) that share a start still look different (a table's
    cell, a chart's label: review 28)."""
    if len(text) <= most:
        return text
    if most < 3:  # (no room for a start, the mark and an end)
        return text[: max(most, 0)]
    head = (most - 1) // 2
    return text[:head] + "…" + text[-(most - 1 - head) :]
