"""Reading input files safely: bounded size, UTF-8 (with or without a byte-order mark), checked headers.

Shared by every reader (CSV, XLSX and DataFrame tables, rule-set files). Reading never
evaluates anything: a cell is text or a stored value, a rule-set file is data.

The limits below bound every reader (settle, occupancy, invoice, claims; CSV, XLSX,
DataFrame), so that no input makes the work or the memory grow without bound; past a limit
the whole input is refused with :class:`InvalidInput`, never cut short.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from voucherlib.core.errors import Expected, InvalidInput, Reason, expected, os_reason
from voucherlib.core.final import made_once
from voucherlib.input.headers import columns_said

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_EXPANDED_BYTES",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_TOTAL_CHARS",
    "MAX_XLSX_CELLS",
    "MAX_XLSX_PART_BYTES",
    "MAX_XLSX_ROW_CELLS",
    "MAX_XLSX_SHARED_STRINGS",
    "MAX_XML_ELEMENTS",
    "ROW_ERROR",
    "STREAM_LIMITS",
    "TABLE_LIMITS",
    "Limits",
    "check_text_file",
    "header_names",
    "read_text_file",
]

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused before they are read (64 MiB, about a million rows)."""
MAX_EXPANDED_BYTES = 128 * 1024 * 1024
"""An XLSX workbook (a zip) whose parts would expand to more than this is refused before it is read."""
MAX_ROWS = 200_000
"""Rows of data a table may have (a provider's month is a few hundred lines, the whole program's a few
thousand); the header row and blank rows are not counted, and an XLSX row numbered past this is refused."""
MAX_TITLE_ROWS = 5
"""Rows above a table's header that a file may give to its title (D36: a caption, a provider's
name, a blank row): each with one cell of text at most. A header needs every required column, so no
such row can be one, nor, without a header above it, a row of data."""


def is_title(cells: Sequence[Any]) -> bool:
    """Whether a row before the header can be a title row: at most one cell that is not blank."""
    return sum(1 for c in cells if c is not None and (not isinstance(c, str) or c.strip())) <= 1


MAX_COLUMNS = 256
"""Columns a header may have."""
MAX_CELL_CHARS = 4_096
"""Characters one cell may hold (an id, a date, an amount, status periods: a few dozen)."""
MAX_TOTAL_CHARS = 32 * 1024 * 1024
"""Characters of text a whole table may expand into (XLSX shared strings are counted at every use)."""
MAX_XLSX_SHARED_STRINGS = 2 * MAX_ROWS
"""Entries an XLSX workbook's shared-strings table may have (an id and a name for each of
:data:`MAX_ROWS` rows; their text counts against :data:`MAX_TOTAL_CHARS` too); the table is read
before any sheet, so it has caps of its own."""
MAX_XLSX_ROW_CELLS = 16_384
"""Cells one XLSX row may hold, empty ones included (16,384 columns, A to XFD, is the format's maximum)."""
MAX_XLSX_CELLS = 10 * MAX_ROWS
"""Cells, empty ones included, that reading one XLSX table may go through (ten columns of
:data:`MAX_ROWS` rows); a workbook whose sheets hold more is refused."""
MAX_XML_ELEMENTS = 30 * MAX_ROWS
"""XML elements (cells, their values, rows, runs of text, anything) that reading one XLSX
table may go through, over the shared strings and every pass over the sheets (6,000,000: a cell
and its value for ten columns of :data:`MAX_ROWS` rows, the rows, and the shared strings)."""
MAX_XLSX_PART_BYTES = 8 * 1024 * 1024
"""Bytes the parts of an XLSX workbook other than its worksheets and shared strings may expand to,
together (styles, the workbook, relationships, properties, theme, charts, images): openpyxl reads
those whole, into objects about 14 times their size."""
ROW_ERROR = "__error__"
"""The key under which a reader reports a row it could not split into the columns."""


@made_once
@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of one reading: rows of data, bytes of the file, characters of text in all."""

    rows: int = MAX_ROWS
    file_bytes: int = MAX_FILE_BYTES
    total_chars: int = MAX_TOTAL_CHARS


TABLE_LIMITS = Limits()
"""The limits of a table read whole (every report that keeps its rows in memory)."""
STREAM_LIMITS = Limits(rows=1_000_000, file_bytes=192 * 1024 * 1024, total_chars=192 * 1024 * 1024)
"""The limits of a table read in chunks and settled as it is read (``voucherlib settle``: a
million voucher-months, the whole program's year many times over). The rows are never held
whole: they are read and settled a chunk at a time. A *plain* CSV file (no quote, no blank
line, every row as wide as the header) of up to
:data:`~voucherlib.input.table.PLAIN_WHOLE_BYTES` is read whole with Arrow first (its cells
take about as much memory as the file); any other file is read a chunk of lines at a time."""


def read_text_file(path: str | Path, *, max_bytes: int | None = None, field: str = "file") -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped).

    Refused with :class:`InvalidInput` naming ``field`` and the path, before anything is read,
    when the file is missing, unreadable or larger than ``max_bytes``; and when it is not UTF-8.
    """
    p = _checked_size(path, max_bytes, field)
    data = p.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # (the decoder counts from after a byte-order mark: review 93, "byte 108, on line 2" of byte 111 on line 3)
        at = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        raise InvalidInput(field, str(path), not_utf8(data, at, table=p.suffix.lower() != ".toml")) from None


def not_utf8(data: bytes, byte: int, *, table: bool = True) -> Expected:
    """What a file whose ``byte`` (counted from 0, from the file's first byte) is no UTF-8 should
    be: what its first bytes show it is and how to save it (review 76: a UTF-16 file, an XLSX
    named .csv and an old .xls were each "not UTF-8 (byte 0)", with no word of what to do), or,
    for text in another code page, UTF-8 with the byte and its line, both counted from 1 as a
    reader counts them (review 93: "byte 0, on line 1"). A file that is no table
    (``table=False``: a rule set, a report) is advised to be saved as UTF-8, not as CSV or XLSX
    (review 78)."""
    # lines as the reader ends them: CRLF, LF, or a lone CR (a Mac file's: review 192 F2, "line 1" of line 6)
    line = data.count(b"\n", 0, byte) + data.count(b"\r", 0, byte) - data.count(b"\r\n", 0, byte) + 1
    if not table:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return expected("utf8.utf16_text")
        return expected("utf8_at_text", byte=byte + 1, line=line)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return expected("utf8.utf16")
    if data.startswith(b"PK\x03\x04"):
        return expected("utf8.workbook")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return expected("utf8.old_workbook")
    return expected("utf8_at", byte=byte + 1, line=line)


def checked_file(path: str | Path, field: str = "file") -> Path:
    """``path``, a regular file of at most :data:`MAX_FILE_BYTES`; else the refusal that says why
    in the system's words (no such file, no permission), a folder or a pipe named as such (review
    192 F4: a missing workbook was "expected a readable XLSX file", as a corrupt one)."""
    return _checked_size(path, None, field)


def _checked_size(path: str | Path, max_bytes: int | None, field: str) -> Path:
    if not isinstance(path, (str, os.PathLike)):  # (None, a number: a TypeError of Path, review 86)
        raise InvalidInput(field, path, "a file's path")
    p = Path(os.fsdecode(path))
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InvalidInput(field, str(path), expected("readable_file", reason=os_reason(exc))) from None
    except ValueError as exc:  # a path the system cannot take at all (a NUL character in it)
        raise InvalidInput(field, str(path), expected("readable_file", reason=str(exc))) from None
    if not p.is_file():  # (a pipe is no folder: review 192 F3)
        raise InvalidInput(field, str(path), expected("not_a_directory") if p.is_dir() else expected("regular_file"))
    if size > max_bytes:
        raise InvalidInput(field, str(path), expected("file_size", max=max_bytes, size=size))
    return p


def check_text_file(path: str | Path, *, max_bytes: int | None = None, field: str = "file") -> Path:
    """Check, as :func:`read_text_file` does and with its errors, that ``path`` is a UTF-8 file
    of at most ``max_bytes``, without holding it in memory (it is decoded a block at a time)."""
    p = _checked_size(path, max_bytes, field)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        with p.open("rb") as f:
            while block := f.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        read_text_file(p, max_bytes=max_bytes, field=field)  # raises the error with the byte's offset
        raise  # pragma: no cover - read_text_file has raised
    except OSError as exc:
        raise InvalidInput(field, str(path), expected("readable_file", reason=os_reason(exc))) from None
    return p


def normalise_header(name: str) -> str:
    """A header cell as compared: lower case, ``_`` as a space, single spaces."""
    return " ".join(name.strip().lower().replace("_", " ").split())


_MONEY_UNIT = re.compile(r"\s*(?:\((?:ლარი|ლარებში|ლარ\.|ლ\.|ლ|lari|gel|₾)\)|,\s*(?:ლარი|ლარ\.|ლ\.|ლ|lari|gel|₾))$")
"""A unit of money after a header (``მოთხოვნილი თანხა (ლარი)``, ``claimed, GEL``: review 45; the
lari abbreviated, ``თანხა (ლ.)``, ``თანხა, ლარ.``: review 228 F3, as an amount's cell may write
it), as :func:`normalise_header` gives it: the column is named by the words before it."""


def _without_unit(name: str) -> str:
    return _MONEY_UNIT.sub("", name)


_DIGIT = re.compile(r"\d").search


@dataclass(frozen=True, slots=True)
class HeaderWords:
    """What tells a row below the header that repeats a header (:func:`header_again`): the header
    words of the table read (its columns' names and the headers that name them, as
    :func:`normalise_header` gives them -> the column) and the columns a header must name."""

    words: Mapping[str, str]
    required: frozenset[str]
    read: frozenset[str]
    """The columns the amounts are read from: those the table reads but the names and the
    provider, which are shown only."""

    @classmethod
    def of(cls, columns: Iterable[str], required: Iterable[str], aliases: Mapping[str, str]) -> HeaderWords:
        """The words of a table of ``columns`` (those it reads), ``required`` and ``aliases``
        (header -> column)."""
        columns, required = tuple(columns), tuple(required)
        words = {normalise_header(c): c for c in (*columns, *required)}
        words |= {normalise_header(header): column for header, column in aliases.items()}
        return cls(words, frozenset(required), frozenset(columns + required) - {"name", "provider"})

    def meanings(self, word: str) -> frozenset[str]:
        """The columns a header word may name: the table's column it names, or any table's
        (:func:`_header_words`: a column of another table moved in is a header word too); a weak
        one (``id``, ``ბენეფიციარი``) the id, the names or a column of its own (:data:`WEAK_HEADERS`)."""
        if word in WEAK_HEADERS:
            return frozenset({"beneficiary_id", "name", word})
        named = self.words.get(word) or _header_words().get(word)
        if named is None and ("(" in word or "," in word):  # "claimed (GEL)": the column before its unit
            bare = _without_unit(word)
            named = self.words.get(bare) or _header_words().get(bare)
        return frozenset() if named is None else frozenset({named})


@cache
def _header_words() -> dict[str, str]:
    """Every header that names a column of any table read (:mod:`voucherlib.input.headers`), as
    :func:`normalise_header` gives it -> the column it names."""
    from voucherlib.input.headers import COLUMN_NAMES, FACILITY_COLUMN_NAMES

    return {
        normalise_header(word): column
        for table in (COLUMN_NAMES, FACILITY_COLUMN_NAMES)
        for column, words in table.items()
        for word in (column, *words)
    }


def header_again(row: Mapping[str, Any], where: object, words: HeaderWords, *, headed: bool = True) -> Reason | None:
    """Whether a row below the header repeats a header (two tables joined into one file, a
    table's header repeated on each page; D49): its header words (a cell of the row that is a
    header of any column voucherlib reads, or the name of the column it stands in) name two or more
    of the columns a header of the table must name (a footer of a word or two, ``Provider, Date``,
    is no header; review 215 F1: half of them missed a header the frame engine saw five columns
    of). None for a row of data. The row's reason ("the header
    again") when the header stands as the first: each column the amounts are read from
    (:attr:`HeaderWords.read`) is headed by a word that names it (none left blank: review 215 F2;
    a weak one, ``ბენეფიციარი``,
    only in a row with no other words, which may be the id's), and no word names such a column
    elsewhere. Else a :class:`FileRefused` naming the row (``where``) and the cells that stand
    otherwise: the rows under it may be read from the wrong columns (review 211 F1: a second
    table's ``discharged_on, enrolled_on`` under the first's ``enrolled_on, discharged_on``
    paid 400.00 for 240.00; review 214: headings voucherlib does not know in those places).
    ``row``: the row's cells by the column they stand in (``{column: cell}``, as the readers give
    a row, a row of more or fewer cells than the header too). ``headed`` False: the columns were
    handed over by position, with no header to compare the row with (``settle_arrays``), and the
    refusal says so (review 215 F5: it spoke of "the first header's" columns)."""
    from voucherlib.core.errors import FileRefused

    least = 2
    texts = [
        (column, str.__str__(cell))  # (a subclass's own methods are never asked: D43)
        for column, cell in row.items()
        if column != ROW_ERROR and isinstance(cell, str) and str.strip(cell)
    ]
    digits = {column for column, text in texts if _DIGIT(text)}
    if len(texts) - len(digits) < least:  # (data: dates, months, amounts hold digits)
        return None
    said: list[tuple[str, frozenset[str], str]] = []  # (column, the columns its word may name, the word)
    other: list[tuple[str, str]] = []  # (column, a text that is no header word)
    for column, text in texts:
        if column in digits:  # ("Column1": no header word, unless it is the column's own name)
            meanings = frozenset({column}) if normalise_header(text) == normalise_header(column) else frozenset()
        else:
            word = normalise_header(text.replace("\ufeff", ""))  # (the mark of a file joined after another)
            meanings = words.meanings(word) | ({column} if word == normalise_header(column) else frozenset())
        if meanings:
            said.append((column, meanings, text))
        else:
            other.append((column, text))
    named = {m for _, meanings, _ in said for m in meanings} & words.required
    if len(named) < least:  # (not a header: data, a footer's words)
        return None
    moved = [
        (column, text)
        for column, meanings, text in said
        if column not in meanings and (column in words.read or meanings & words.read)
    ]
    unsure = bool(other) or sum(1 for _, m, _ in said if "beneficiary_id" in m) > 1
    standing = moved + [
        (column, text)
        for column, meanings, text in said
        if column in words.read and column in meanings and len(meanings) > 1 and unsure
    ]
    standing += [(column, text) for column, text in other if column in words.read]
    with_text = {column for column, _ in texts}
    # a row heading half the columns amounts are read from or fewer: a small table of its own (a
    # recap under the lines) or a second table whose other headings were left blank; only its rows
    # would tell them apart, so it refuses the file too, in words that say both (review 217 F1, 219
    # F1: taken for a label, `,,discharged_on,enrolled_on,,` let 360.00 be paid for 600.00)
    narrow = 2 * len(with_text & words.read - digits) <= len(words.read)
    blank = [(column, "") for column in row if column in words.read and column not in with_text]  # (215 F2)
    if not standing and not blank:
        return Reason.phrase("reason.header_again")
    # (a blank heading over a column amounts are read from is never the same header, a row of few
    # headings too: review 221 F1, `beneficiary_id,month,,,,submitted_on` let 400.00 be paid for
    # 240.00; the small table's words name its headings alone)
    shown = _listed(standing + blank)
    written = Reason(", ".join(text for _, text in texts))
    headings = _listed([(column, text) for column, _, text in said])  # (its header words alone)
    # a weak heading in its own place (`ბენეფიციარი` over the ids) is known, but may name the names
    # beside other words (review 223 F2: it was called a heading voucherlib cannot place)
    weak = [(column, text) for column, meanings, text in said if "beneficiary_id" in meanings and len(meanings) > 1]
    weak_alone = not moved and not blank and all(entry in weak for entry in standing)
    said_as = (
        expected("header_again_unheaded", row=where, moved=shown)
        if not headed
        else expected("header_again_small_table", row=where, moved=headings)  # (in place or not: review 223 F1)
        if narrow
        else expected("header_again_moved", row=where, moved=shown)
        if moved
        else expected(
            "header_again_weak_beside", row=where, cells=shown, others=", ".join(repr(t.strip()) for _, t in other)
        )
        if weak_alone and other
        else expected("header_again_weak_twice", row=where, cells=_listed(weak))
        if weak_alone
        else expected("header_again_unknown", row=where, cells=shown)  # (in place, but not known: review 217 F2)
    )
    raise FileRefused("file" if headed else "columns", written, said_as)


def _listed(cells: list[tuple[str, str]]) -> str:
    """Cells as a refusal lists them: ``column: 'text'``, by commas."""
    return ", ".join(f"{column}: {text.strip()!r}" for column, text in cells)


HEADER_AGAIN = "the header again"
"""How the reason of a row that repeats the header begins (in English, as every reason is kept)."""


def is_header_again(reason: object) -> bool:
    """Whether ``reason`` (a row's) says the row repeats the header in its columns' places (D49):
    a header, not a row of data, which names no one."""
    return isinstance(reason, Reason) and reason.key == "reason.header_again"


WEAK_HEADERS = frozenset({"id", "beneficiary", "ბენეფიციარი"})
"""Headers that name a column only in a file without another header of that column (its own
name, or a Georgian one): ``id`` is ``beneficiary_id`` alone, but beside it a file's own row id
(reviews 22, 23); ``ბენეფიციარი`` ("beneficiary") is the id alone, but beside a personal number
(``პირადი ნომერი``) the column of the people's names, as Georgian registers write them (review 211
F3: the names were taken for the ids, and two namesakes for one beneficiary settled twice)."""


def _weak_beside_own(headers: Sequence[Any], names: list[str]) -> list[int]:
    """The cells of :data:`WEAK_HEADERS` whose column the file also names by another header."""

    def weak(h: Any) -> bool:
        return isinstance(h, str) and normalise_header(h) in WEAK_HEADERS

    named = {n for h, n in zip(headers, names, strict=True) if not weak(h)}
    return [i for i, (h, n) in enumerate(zip(headers, names, strict=True)) if n in named and weak(h)]


_LETTERS_LOST = re.compile(r"\?{2,}|áƒ|бѓ")
"""What Georgian letters leave in a file saved in a code page that has none: a ``?`` for each
(Excel's "CSV (Comma delimited)" under Windows, which has no Georgian code page), or UTF-8 read as
Windows-1252 or -1251 and saved again (``áƒ``, ``бѓ`` before each letter's last byte)."""


def letters_lost(cell: Any) -> bool:
    """Whether a header cell shows letters lost to a code page (:data:`_LETTERS_LOST`; two ``?``
    in a cell of no Latin letter too: ``პ/ნ`` is ``?/?``, where ``Paid? (y/n?)`` is a question:
    review 214 F3)."""
    if not isinstance(cell, str):
        return False
    text = str.__str__(cell)
    return _LETTERS_LOST.search(text) is not None or (text.count("?") >= 2 and not _LATIN.search(text))


_LATIN = re.compile(r"[A-Za-z]")


_NAMES_BESIDE_AN_ID = frozenset({"beneficiary", "ბენეფიციარი"})
"""Weak headers of the id that, beside another id header, head the people's names (the ``name``
column, where the table takes one and has none)."""

PANDAS_UNNAMED = re.compile(r"Unnamed: [0-9]+(?:\.[0-9]+)?(?:_level_[0-9]+)?")
"""The name pandas gives a column whose header cell is empty (``read_csv``, ``read_excel``; a
second such name ``Unnamed: 0.1``, review 205 F7)."""


def groups_above_header(
    refused: InvalidInput, headers: Sequence[Any], below: Sequence[Any] | None, required: Sequence[str], **header: Any
) -> InvalidInput:
    """The refusal of a file's row taken for its header (``refused``, by :func:`header_names`), or,
    when the row below it (``below``, None for none) names the columns, the refusal of two rows of
    headings: ``headers`` look like headings of groups of columns above the header, a common form's
    layout (review 267 F3: it was refused with advice on a pandas index, or as one unknown heading,
    the row not shown)."""
    if below is None:
        return refused
    try:
        header_names(below, required, **header, of_a_file=True)
    except InvalidInput:
        return refused
    if _required_named(headers, required, header.get("aliases")) >= len(set(required)):
        return refused  # (it names every column: its own fault stands, a column given twice: review 271 F3)
    written = Reason(", ".join("" if h is None else str(h) for h in headers))
    return InvalidInput("header", written, expected("header_groups", columns=columns_said(required)))


def _required_named(headers: Sequence[Any], required: Sequence[str], aliases: Mapping[str, str] | None) -> int:
    """How many of the ``required`` columns the cells of ``headers`` name (:func:`column_namer`)."""
    return len(set(map(column_namer(required, aliases), headers)) & set(required))


def column_namer(required: Sequence[str], aliases: Mapping[str, str] | None) -> Callable[[Any], str | None]:
    """The column a header cell names, as :func:`header_names` reads it: by the column's own name
    or one of ``aliases`` (header -> column), compared with :func:`normalise_header`, or by those
    words before a unit of money (``claimed (GEL)``); None for a cell that names none."""
    known = {normalise_header(c): c for c in required} | {normalise_header(k): v for k, v in (aliases or {}).items()}

    def named(h: Any) -> str | None:
        if not isinstance(h, str):
            return None
        word = normalise_header(h)
        return known.get(word) or known.get(_without_unit(word))  # ("claimed (GEL)": the column before its unit)

    return named


def header_names(
    headers: Sequence[Any],
    required: Sequence[str],
    *,
    aliases: Mapping[str, str] | None = None,
    refuse_unknown: bool = False,
    of_a_file: bool = False,
) -> list[str]:
    """The column name of each header cell, checked: every ``required`` column once, none twice.

    A cell names a column by the column's own name or by one of ``aliases`` (header -> column),
    compared with :func:`normalise_header`. An unknown header is kept as written, or refused
    with ``refuse_unknown``; a file's row (``of_a_file``) that names no column at all is refused as
    no header, saying why it was taken for one (review 204 F1: a caption of two cells above the
    header; review 206 F4: ``settle`` said "'None' is given twice" of it).
    """
    if len(headers) > MAX_COLUMNS:
        raise InvalidInput(
            "header",
            Reason.phrase("value.columns", of=headers, columns=len(headers)),
            expected("max_columns", max=MAX_COLUMNS),
        )
    named = column_namer(required, aliases)
    every = list(dict.fromkeys([*required, *(aliases or {}).values()]))
    accepted = columns_said(every)  # (in Georgian by their headers)
    either = columns_said(every, both=True)  # (said to be read in English or Georgian: both)

    def refused(value: Any, expectation: Expected, cells: Sequence[Any] = headers) -> InvalidInput:
        """The header refused: ``expectation``, or that its letters were lost to a code page when
        one of ``cells`` shows it (review 211 F2, 213 F7)."""
        lost = expected("header_letters_lost", columns=accepted)
        return InvalidInput("header", value, lost if any(map(letters_lost, cells)) else expectation)

    written = Reason(", ".join("" if h is None else str(h) for h in headers))  # (an empty cell: nothing, 211 F4)
    if of_a_file and not any(named(h) for h in headers):  # no header: a title of two cells? (review 204 F1)
        raise refused(written, expected("header_not_found", columns=accepted))
    names = []
    for position, h in enumerate(headers, start=1):
        column = named(h)
        if column is None:
            if refuse_unknown and (h is None or (isinstance(h, str) and not h.strip())):  # (review 56)
                raise InvalidInput("header", h, expected("named_column", position=position, columns=accepted))
            if refuse_unknown and isinstance(h, str) and PANDAS_UNNAMED.fullmatch(h):  # (a frame's: review 196 F4)
                raise InvalidInput("header", h, expected("named_frame_column", columns=accepted))
            if refuse_unknown:
                raise refused(h, expected("known_column", columns=either), [h])
            column = h.strip().lower() if isinstance(h, str) else str(h)
        names.append(column)
    for i in _weak_beside_own(headers, names):  # a column of its own (refused where none may be)
        if normalise_header(headers[i]) in _NAMES_BESIDE_AN_ID and "name" in every and "name" not in names:
            names[i] = "name"  # the people's names beside their personal numbers (review 211 F3)
            continue
        if refuse_unknown:
            raise InvalidInput("header", headers[i], expected("known_column", columns=either))
        names[i] = headers[i].strip().lower()
    first: dict[str, Any] = {}
    for original, column in zip(headers, names, strict=True):
        if column in first:
            both = f"{first[column]}, {original}"  # the two headers, as written
            raise refused(both, expected("column_once", column=column), [original])  # ('?????' twice: 213 F7)
        first[column] = original
    missing = [c for c in required if c not in first]
    if missing:
        # the row taken for the header, as written (review 52: it showed the missing columns as "got")
        raise refused(
            written, expected("columns_missing", columns=columns_said(required), missing=columns_said(missing))
        )
    return names
