"""Volatile formulas: which formula cells of a sheet show a value that is not the one stored
(``=TODAY()`` and the cells that refer to it, directly or through others, on this sheet or
through another sheet or a defined name), read as an XML reader reads the workbook. Such a cell is refused by :mod:`voucherlib.input.xlsx_file`: its
stored value is the one of the day of the save."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voucherlib.core.errors import (
    expected,
)
from voucherlib.input.xlsx_xml import (
    _CELL,
    _FORMULA,
    _bounds,
    _Budget,
    _flagged,
    _fold,
    _stream,
    _tag_start,
)

_FORMULA_START = _tag_start(b"f")
"""A formula's start tag, in any namespace: a sheet that holds one has its formulas read by an XML
reader (:func:`_sheet_formulas`) for a volatile one and the cells that refer to it."""


_FORMULA_WORDS = (b"<f", b":f")


_VOLATILE_CALL = re.compile(
    r"(?<![\w.])(?:_xlfn\.|_xlws\.)*+(?:TODAY|NOW|RAND|RANDBETWEEN|RANDARRAY|OFFSET|INDIRECT|CELL|INFO|HYPERLINK"
    r"|WEBSERVICE|FILTERXML|DDE)\s*+\(",
    re.IGNORECASE,
)
"""A call of a function Excel or LibreOffice calculates again when it opens a sheet (CELL, INFO and
HYPERLINK among them in LibreOffice, RANDARRAY in Excel: review 151 F3)."""


_BRACKETS = r"\[(?:'.|[^\[\]']|\[(?:'.|[^\[\]'])*+\])*+\]"
"""A table's columns in brackets (``[Rate]``, ``[[#This Row],[Rate]]``; ``'`` escapes the character
after it), or another workbook's number (``[1]``)."""
_NAME_START, _NAME_GOES_ON = r"[A-Za-z_\\\u0080-\uffff]", r"[A-Za-z0-9_.?\\\u0080-\uffff]"
"""A name's first character and those after it (letters, digits, ``_``, ``.``, ``?``, ``\\``)."""
_NAME_BEFORE = r"(?<![A-Za-z0-9_.\\\u0080-\uffff])"
"""Where a name may start: after no name's character."""
_LITERAL = re.compile(r""""(?:[^"]|"")*+"|'(?:[^']|'')*+'|""" + _BRACKETS)
"""A text literal (``"A1"`` names no cell: review 63) or a quoted sheet's name, read from the left:
a quote inside the one starts no other (review 151 F1: a ``"`` in ``'a"'!A1`` hid the formula's
``TODAY()`` up to the next ``"`` as a text), nor inside a table's columns in brackets (review 154
F1: ``T[a"b]``), whose ``'`` escapes the character after it."""


def _without_texts(text: str) -> str:
    """A formula's text with each text literal made a space, its quoted sheets' names kept; a text
    whose quotes or brackets do not close (:func:`_bracketed`) is kept whole (what it holds is
    looked at as if no quote hid any of it)."""
    if not _bracketed(text):
        return text  # (review 156 F1: an unclosed ' left "&TODAY()&" to be stripped as a text)
    return _strip_texts(text)


def _strip_texts(text: str) -> str:
    """A formula's text, whose quotes and brackets close, with each text literal made a space."""
    return _LITERAL.sub(lambda m: " " if m[0][0] == '"' else m[0], text)  # (names and brackets kept)


def _calls_volatile(text: str) -> bool:
    """Whether a formula's text calls a function of :data:`_VOLATILE_CALL` outside its texts."""
    return bool(_VOLATILE_CALL.search(_without_texts(text)))


def _marked(formula: Any) -> bool:
    """Whether a cell's ``<f>`` is volatile: marked so (``ca``, ``aca``) or calling such a function."""
    return _flagged(formula.get("ca")) or _flagged(formula.get("aca")) or _calls_volatile(formula.text or "")


def _bracketed(text: str) -> bool:
    """Whether each ``[`` of a formula outside its texts and quoted names closes, at most two deep
    (a table's columns, ``T[[#This Row],[Rate]]``; ``'`` escapes the character after it inside
    them), and each quote closes: the formula read once from its start, nothing given back (review
    155 F4: the brackets' pattern searched an unclosed ``['['[`` from each ``[`` again,
    160,000 characters in 40 s)."""
    return _BRACKETED.fullmatch(text) is not None


_BRACKETED = re.compile(r"""(?:[^\["'\]]++|"(?:[^"]|"")*+"|'(?:[^']|'')*+'|""" + _BRACKETS + ")*+")


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
"""Upper case for ASCII letters alone (``ß1`` is a name, not ``SS1``: review 151 F2)."""


_CELL_PART, _COLUMN_PART, _ROW_PART = r"\$?[A-Za-z]{1,3}\$?[0-9]{1,7}", r"\$?[A-Za-z]{1,3}", r"\$?[0-9]{1,7}"
_QUALIFIED = re.compile(
    r"(?<![A-Za-z0-9_.\u0080-\uffff'$])"
    r"(?:'((?:[^']|'')*+)'|([A-Za-z0-9_.\u0080-\uffff]++(?::(?:[A-Za-z0-9_.\u0080-\uffff]++|'(?:[^']|'')*+'))?))!"
    rf"((?:{_CELL_PART}(?::{_CELL_PART})?|{_COLUMN_PART}:{_COLUMN_PART}|{_ROW_PART}:{_ROW_PART}))"
    r"(?![A-Za-z0-9_.!'(\u0080-\uffff])"
)
"""A reference that names its sheet (``Dates!$H$1``, ``'My sheet'!A1:B2``, ``Sheet!H:H``). A name
starts where no name or quote goes before it, and what it takes is not given back: a formula of
a long run of letters or quotes was searched from each of its characters again (review 147 F1:
20,000 of them took 5 s); nor after a ``$`` (the ``1`` of ``$A$1:Other!B2`` is a cell's row). Its
reference ends where no name goes on (the ``:She`` of ``Sheet1!A1:Sheet1!C1`` is no column: review
148 F3), and a column or a row alone is none (``Sheet2!ABC`` is a name of Sheet2's: review 153 F3)."""


_CELL_REF = re.compile(r"[A-Za-z]{1,3}[0-9]{1,7}")


_LOCAL_FIRST = re.compile(_CELL_PART + ":")
"""The first part of ``A1:'Other'!B2`` (or ``A1:Other!B2``), read as a sheet's name by
:data:`_QUALIFIED`: a cell of this sheet, followed (an unquoted sheet's name is never shaped so)."""


_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9_.!'\]\u0080-\uffff])(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})(?::(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7}))?"
    r"(?![A-Za-z0-9_(!.\u0080-\uffff])"
)
"""A reference to a cell or a range of this sheet, as written (``A1.5`` and ``ZZZ1`` are names:
:func:`_in_sheet` tells a cell's bounds; review 151 F2)."""


_MAX_FORMULAS = 200_000
"""Formula cells a sheet with a volatile formula may hold for their references to be followed; past
it, every formula cell of the sheet is taken as depending on one."""


_MAX_FORMULA_WORK = 20_000_000
"""Range checks the following of references may make (then, as past :data:`_MAX_FORMULAS`)."""


@dataclass(frozen=True)
class _SheetFormulas:
    """What a sheet's formulas say of its cells' stored values."""

    volatile: frozenset[tuple[int, int]]
    """The formula cells that show another value than the one stored: volatile, or depending on one
    (:func:`_sheet_formulas`); every formula cell when that cannot be told (:data:`_EVERY_FORMULA`)."""
    unshared: frozenset[tuple[int, int]]
    """The cells of a shared formula that no cell of the sheet starts: they hold no formula, and
    LibreOffice shows them empty whatever value they store (review 148 F4: read and paid)."""


_NO_FORMULAS = _SheetFormulas(frozenset(), frozenset())


def _sheet_formulas(ws: Any, holds_formula: bool, path: Path | None = None) -> _SheetFormulas:
    """The :class:`_SheetFormulas` of a sheet. A formula cell shows another value than the one it
    stores when it is volatile or refers to one that is, directly or through others (``=A1`` where
    A1 is ``=TODAY()``: review 61): its stored value is the one of the day of the save. A shared
    formula's cells are read with their references moved as the spreadsheet moves them (the first
    formula that starts an id gives it to every cell of the id, as LibreOffice reads it: review 148
    F2). A reference that names this sheet is followed; a formula that reaches another sheet or a
    defined name is taken as depending on a volatile formula when that sheet or name holds or
    reaches one (:class:`_Workbook`, review 148 F3, F5: a date read through ``Settings!A1`` or a
    name, where that is ``=TODAY()``, was paid as stored), and one that holds what cannot be
    followed (a range through sheets, another workbook's reference, anything but references,
    names, functions, numbers and operators) whenever the workbook holds a volatile formula.
    Nothing to look at for a sheet without a formula (``holds_formula`` False, as
    :func:`_sheet_marks` found: the usual case)."""
    from openpyxl.utils.cell import column_index_from_string

    if not holds_formula:
        return _NO_FORMULAS
    own = str(getattr(ws, "title", ""))
    cells: dict[tuple[int, int], tuple[bool, str | None, dict[str, str]]] = {}
    volatile_seen = unplaced = overflow = False
    budget = _Budget(path or Path(own))  # (the sheet read once more, its elements capped as its rows are)
    with ws._get_source() as source:
        # read as XML reads it (review 142 F1-F4: patterns over its bytes took a comment's text for
        # a cell, missed a mark written with a character reference, a function in a CDATA section
        # or in lower case, and took another namespace's <xm:f> for a cell's formula)
        for element in _stream(source, budget, _CELL, own):
            formula = element.find(_FORMULA)
            if formula is None:
                continue
            attributes, text = dict(formula.attrib), formula.text
            marked = _marked(formula)
            volatile_seen = volatile_seen or marked
            ref = (element.get("r") or "").strip().upper()
            if not _CELL_REF.fullmatch(ref):
                unplaced = True  # (the row's parser places it; here it is no cell: review 144 F2)
                continue
            if len(cells) >= _MAX_FORMULAS:
                overflow = True  # (kept on: a sheet with no volatile formula needs none of them)
                continue
            letters = ref.rstrip("0123456789")
            at = (int(ref[len(letters) :]), column_index_from_string(letters))
            if "si" in attributes:  # (a shared formula's id is a number: "00" is 0, review 144 F4)
                attributes["si"] = _shared_id(attributes["si"])
            cells[at] = (marked, text, attributes)
    masters: dict[str, tuple[tuple[int, int], str, bool]] = {}  # an id -> its first formula's cell, text, mark
    for at, (marked, text, a) in cells.items():
        si = a.get("si", "-") if a.get("t") == "shared" else "-"
        if text and not si.startswith("-") and si not in masters:
            masters[si] = (at, text, marked)
    unshared = frozenset(  # (a negative id, or none, LibreOffice reads as no shared formula: its value shown)
        at
        for at, (_, text, a) in cells.items()
        if a.get("t") == "shared" and not text and not a.get("si", "-").startswith("-") and a["si"] not in masters
    )
    arrays = {  # an array formula's (or data table's) first cell -> the cells of its range (review 144 F3)
        at: _bounds(a["ref"], expected("array_range"))
        for at, (_, text, a) in cells.items()
        if a.get("t") in ("array", "dataTable") and a.get("ref")
    }

    book = getattr(ws, "parent", None)
    tables = _tables(book) if book is not None else []
    here = _tables_here(tables, own, getattr(book, "voucherlib_names", None) or [])
    texts: dict[tuple[int, int], tuple[str, tuple[int, int]]] = {}  # a formula as plain text, how far moved
    outside: dict[tuple[int, int], _Reach] = {}  # the formulas that reach outside the sheet, and what they reach
    everything = _Reach()  # what the sheet's formulas reach, together
    for at, (_, text, a) in cells.items():
        moved = (0, 0)
        if a.get("t") == "shared" and a.get("si") in masters:  # (a later first cell of a taken id too)
            origin, text, _ = masters[a["si"]]
            moved = (at[0] - origin[0], at[1] - origin[1])
        reach = _Reach()
        texts[at] = (_plain_text(text or "", own, reach, here), moved)
        if reach:
            outside[at] = reach
            everything.add(reach)
    if not (volatile_seen or outside or unplaced or overflow):
        return _SheetFormulas(frozenset(), unshared)  # (no formula, here or reached, is volatile)
    world = _Workbook.of(ws, volatile_seen, everything, path, tables)
    if not world.tainted_sheets and not world.tainted_names:
        return _SheetFormulas(frozenset(), unshared)  # (no formula of the workbook is volatile)
    if unplaced or overflow:  # (a formula not placed or not kept: which depend cannot be told)
        return _SheetFormulas(_EVERY_FORMULA, unshared)
    refers: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
    work = 0
    for at, (plain, moved) in texts.items():
        refers[at] = [_moved_range(m, moved) for m in _REFERENCE.finditer(plain)]
        refers[at] += [_whole_range(m, moved) for m in _WHOLE.finditer(plain)]
        work += len(refers[at])  # (each reference counted: review 146 F7, A1+A1+... held 3.9 GB)
        if work > _MAX_FORMULA_WORK:
            return _SheetFormulas(_EVERY_FORMULA, unshared)
    single: dict[tuple[int, int], list[tuple[int, int]]] = {}  # a cell -> the formulas that name it
    by_row: dict[int, list[tuple[tuple[int, int, int, int], tuple[int, int]]]] = {}  # short ranges, by row
    tall: list[tuple[tuple[int, int, int, int], tuple[int, int]]] = []  # ranges of many rows
    for at, ranges in refers.items():
        for r0, c0, r1, c1 in ranges:
            if (r0, c0) == (r1, c1):
                single.setdefault((r0, c0), []).append(at)
            elif r1 - r0 < 64:
                work += r1 - r0 + 1  # (each row's entry counted: review 144 F6, 100,000 ranges held 1 GB)
                if work > _MAX_FORMULA_WORK:
                    return _SheetFormulas(_EVERY_FORMULA, unshared)
                for r in range(r0, r1 + 1):
                    by_row.setdefault(r, []).append(((r0, c0, r1, c1), at))
            else:
                tall.append(((r0, c0, r1, c1), at))
    depending = {  # marked, or a cell of a shared formula whose first cell is (Excel marks that one alone)
        at
        for at, (marked, text, a) in cells.items()
        if marked or (a.get("t") == "shared" and masters.get(a.get("si", "-"), (None, "", False))[2])
    }
    depending.update(at for at, reach in outside.items() if world.reaches(reach))  # (another sheet's, a name's)
    queue = list(depending)
    while queue:  # each cell that depends on a volatile one, then the formulas that refer to it
        r, c = cell = queue.pop()
        spans = by_row.get(r, [])
        work += len(spans) + len(tall) + 1
        if work > _MAX_FORMULA_WORK:
            return _SheetFormulas(_EVERY_FORMULA, unshared)
        found = list(single.get(cell, ()))
        found += [at for (r0, c0, r1, c1), at in (*spans, *tall) if r0 <= r <= r1 and c0 <= c <= c1]
        if cell in arrays:  # the other cells of its range hold its values: each depends as it does
            r0, r1, c0, c1 = arrays[cell]
            work += (r1 - r0 + 1) * (c1 - c0 + 1)
            if work > _MAX_FORMULA_WORK:
                return _SheetFormulas(_EVERY_FORMULA, unshared)
            found += [(row, col) for row in range(r0, r1 + 1) for col in range(c0, c1 + 1)]
        for at in found:
            if at not in depending:
                depending.add(at)
                queue.append(at)
    return _SheetFormulas(frozenset(depending), unshared)


_PLAIN_REST = re.compile(
    r"(?:\s++|[-+*/^&=<>(),;%{}]|(?:[0-9]++\.?+[0-9]*+|\.[0-9]++)(?:E[+-]?+[0-9]++)?+|[A-Z_][A-Z0-9_.]*+\s*+\()*+"
)
"""What a formula holds besides its references and names: white space, operators, numbers and
functions' names (before their ``(``). Anything else (a ``:`` between more than two corners,
``A1:A1:C1``; a table's ``[column]``; another workbook's ``[1]``; an error literal) cannot be followed."""


_NAME = re.compile(rf"{_NAME_BEFORE}{_NAME_START}{_NAME_GOES_ON}*+(?!\s*+\()")
"""A name in a formula (a defined name, TRUE or FALSE): letters, digits, ``_``, ``.``, ``?`` and
``\\``, not before a ``(`` (a function's)."""


@dataclass
class _Reach:
    """What formulas reach outside their sheet: the other sheets they name and the names they use
    (case folded), and whether they hold what cannot be followed (a reference through sheets,
    another workbook's, a table's)."""

    sheets: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    loose: bool = False
    calls: set[str] = field(default_factory=set)
    """The functions they call: a defined name called as one (a LAMBDA's) is one of the names."""

    def __bool__(self) -> bool:
        return bool(self.sheets or self.names or self.loose or self.calls)

    def add(self, other: _Reach) -> None:
        self.sheets |= other.sheets
        self.names |= other.names
        self.loose = self.loose or other.loose
        self.calls |= other.calls


def _plain_text(text: str, own: str, reach: _Reach, here: dict[str, str] | None = None) -> str:
    """A formula's text as its references to the sheet ``own`` (texts left out, ASCII letters in
    upper case), what it reaches outside the sheet noted in ``reach``; a table of ``here`` (its
    folded name -> its range on ``own``), with its columns or not, is its range (review 154 F4: a
    table of the claims on a sheet that prints TODAY() below it reached the whole sheet)."""

    def qualified(m: re.Match[str]) -> str:  # a reference naming this sheet is this sheet's
        name = m[1].replace("''", "'") if m[1] is not None else m[2]
        if _fold(name) == _fold(own):  # (a sheet's name in any case, review 146 F6)
            return m[3]
        if ":" not in name:
            reach.sheets.add(_fold(name))
            return " "
        # Sheet1:Sheet2!A1 runs through the sheets between the two, this one among them, perhaps:
        # followed as this sheet's too (review 144 F5, 146 F4), as the cell before another sheet's in
        # A1:'Other'!B2 (review 147 F2); which sheets it runs through is not followed
        reach.loose = True
        first = name.partition(":")[0] if m[2] is not None and _LOCAL_FIRST.match(name) else ""
        return f" {first} {m[3]} "

    def cell(m: re.Match[str]) -> str:  # ZZZ1 (past XFD) is a name: review 151 F2
        if _in_sheet(m):
            return " "
        if "$" in m[0]:
            reach.loose = True
        else:
            reach.names.add(_fold(m[0]))
        return " "

    def named(m: re.Match[str]) -> str:  # (a LET's or LAMBDA's _xlpm. parameter: see _Workbook.reaches)
        if m[0] not in ("TRUE", "FALSE"):
            reach.names.add(_fold(m[0]))
        return " "

    closed = _bracketed(text)
    if not closed:
        reach.loose = True  # (a quote or brackets that do not close: not followed, kept whole)
    plain = _QUALIFIED.sub(qualified, _strip_texts(text) if closed else text).translate(_ASCII_UPPER)
    if here:
        plain = _TABLE_USE.sub(lambda m: f" {here[_fold(m[1])]} " if _fold(m[1]) in here else m[0], plain)
    reach.calls.update(_fold(m[1]) for m in _CALL.finditer(plain))
    rest = _ERROR_LITERAL.sub(" ", plain)
    rest = _NAME.sub(named, _STRUCTURED.sub(" ", _WHOLE.sub(" ", _REFERENCE.sub(cell, rest))))
    if not _PLAIN_REST.fullmatch(rest):
        reach.loose = True
    return plain


_TABLE_USE = re.compile(rf"{_NAME_BEFORE}({_NAME_START}{_NAME_GOES_ON}*+)({_BRACKETS})?+(?!\s*+\()")
"""A name, and the brackets of a table's columns after it (``Claims[[#This Row],[Rate]]``)."""


_CALL = re.compile(rf"{_NAME_BEFORE}({_NAME_START}{_NAME_GOES_ON}*+)\s*+\(")
"""A function's name before its ``(``."""


_ERROR_LITERAL = re.compile(r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA)")
"""An error value written in a formula (``#N/A``): a constant (review 153 F6)."""


_STRUCTURED = re.compile(r"(?<=[A-Za-z0-9_.\u0080-\uffff])" + _BRACKETS)
"""A table's columns after its name (``RateTable[Rate]``, ``T[[#This Row],[Rate]]``): the table
is the name before it (review 153 F5); a ``[`` after no name (another workbook's ``[1]``) is not."""


def _in_sheet(m: re.Match[str]) -> bool:
    """Whether a match of :data:`_REFERENCE` is of cells a sheet has (columns to XFD, rows to 1,048,576)."""
    from openpyxl.utils.cell import column_index_from_string

    corners = [(m[2], m[4])] + ([(m[6], m[8])] if m[6] else [])
    return all(column_index_from_string(c) <= 16_384 and 1 <= int(r) <= 1_048_576 for c, r in corners)


@dataclass
class _Workbook:
    """The sheets and defined names of a workbook that hold a volatile formula or reach one (the
    sheets by their case-folded titles), as far as what they reach can be followed: a sheet or a
    name as a whole, not cell by cell (review 151 F8: a VLOOKUP into a sheet of rates was refused
    when a cover sheet held TODAY())."""

    sheets: set[str]
    names: set[str]
    tainted_sheets: set[str]
    tainted_names: set[str]

    def reaches(self, reach: _Reach) -> bool:
        """Whether formulas that reach ``reach`` may reach a volatile formula: they name a sheet or
        a name that does, or what cannot be followed (an unknown sheet or name, a reference
        through sheets) in a workbook that holds one."""
        if reach.sheets & self.tainted_sheets or (reach.names | reach.calls) & self.tainted_names:
            return True
        return self.unfollowed(reach) and bool(self.tainted_sheets or self.tainted_names)

    def unfollowed(self, reach: _Reach) -> bool:
        """Whether ``reach`` holds what cannot be followed: a reference through sheets, another
        workbook's, a sheet or a name the workbook does not have (a LET's or LAMBDA's parameter,
        ``_xlpm.r``, is no name unless the workbook defines one so: review 153 F6, 154 F2)."""
        unknown = {n for n in reach.names - self.names if not n.startswith("_xlpm.")}
        return bool(reach.loose or reach.sheets - self.sheets or unknown)

    @classmethod
    def of(
        cls, ws: Any, volatile: bool, own_reach: _Reach, path: Path | None, tables: list[tuple[str, str, str]]
    ) -> _Workbook:
        """The workbook of the sheet ``ws`` (``volatile``: it holds a volatile formula; ``own_reach``:
        what its formulas reach). Each other worksheet's part is read once, as XML, all of them
        within one budget of the caps (review 151 F7: a part named by many sheets was read for
        each); the defined names are every ``<definedName>`` the workbook part writes, each of a
        name written twice among them (review 151 F6: openpyxl keeps the last, LibreOffice uses the
        first)."""
        own = str(getattr(ws, "title", ""))
        reach = {_fold(own): own_reach}
        tainted = {_fold(own)} if volatile else set()
        book = getattr(ws, "parent", None)
        names: dict[str, _Reach] = {}
        tainted_names: set[str] = set()
        if book is not None:
            budget = _Budget(path or Path(own))
            read: dict[Any, tuple[bool, _Reach]] = {}
            for sheet in book.worksheets:
                title = str(getattr(sheet, "title", ""))
                if sheet is ws or _fold(title) == _fold(own):
                    continue
                part = getattr(sheet, "_worksheet_path", None) or id(sheet)
                if part not in read:
                    read[part] = _sheet_reach(sheet, title, budget)
                holds, reach[_fold(title)] = read[part]
                if holds:
                    tainted.add(_fold(title))
            for table, title, _ in tables:  # (a table's name reaches its sheet: review 153 F5)
                names.setdefault(_fold(table), _Reach()).sheets.add(_fold(title))
            for name, text in getattr(book, "voucherlib_names", None) or _openpyxl_names(book):
                found = names.setdefault(_fold(name), _Reach())
                plain = _plain_text(text, "", found)
                if _REFERENCE.search(plain) or _WHOLE.search(plain):
                    found.loose = True  # (a reference of no sheet named: whose cells, not followed)
                if _calls_volatile(text):
                    tainted_names.add(_fold(name))
        world = cls(set(reach), set(names), tainted, tainted_names)
        if not (tainted or tainted_names):
            return world  # (nothing of the workbook is volatile)
        # what reaches a sheet or a name that holds or reaches a volatile formula does too, found
        # from the volatile ones back along what reaches them (each sheet and name once)
        nodes = [*((("sheet", k), r) for k, r in reach.items()), *((("name", k), r) for k, r in names.items())]
        reached_by: dict[tuple[str, str], list[tuple[str, str]]] = {}
        queue = [("sheet", k) for k in tainted] + [("name", k) for k in tainted_names]
        for node, found in nodes:
            called = found.calls & world.names  # (a name called as a function: a LAMBDA's, review 153 F8)
            for target in [*(("sheet", k) for k in found.sheets), *(("name", k) for k in found.names | called)]:
                reached_by.setdefault(target, []).append(node)
            if world.unfollowed(found):
                queue.append(node)  # (what cannot be followed, in a workbook that holds a volatile formula)
        while queue:
            kind, key = queue.pop()
            (world.tainted_sheets if kind == "sheet" else world.tainted_names).add(key)
            queue += [
                node
                for node in reached_by.pop((kind, key), ())
                if node[1] not in (world.tainted_sheets if node[0] == "sheet" else world.tainted_names)
            ]
        return world


def _sheet_reach(sheet: Any, title: str, budget: _Budget) -> tuple[bool, _Reach]:
    """Whether a worksheet holds a volatile formula, and what its formulas reach outside it."""
    holds, reach = False, _Reach()
    with sheet._get_source() as source:
        for element in _stream(source, budget, _CELL, title):
            formula = element.find(_FORMULA)
            if formula is None:
                continue
            holds = holds or _marked(formula)
            _plain_text(formula.text or "", title, reach)
    return holds, reach


def _tables(book: Any) -> list[tuple[str, str, str]]:
    """The tables of a workbook's worksheets (Excel's Ctrl+T): (its name, the title of its sheet,
    its range), read from each sheet's relationships (openpyxl's read-only sheets have none), each
    part once and none that is a sheet's or past the cap of a part read whole (review 154 F5: one
    part of 4 MB named by 101 relationships was parsed 101 times, a sheet's part among them)."""
    import posixpath

    from openpyxl.xml.functions import fromstring

    from voucherlib.input.files import MAX_XLSX_PART_BYTES

    archive = getattr(book, "_archive", None)
    found: list[tuple[str, str, str]] = []
    if archive is None:
        return found
    files = {info.filename: info.file_size for info in archive.infolist()}
    sheets = {str(getattr(sheet, "_worksheet_path", "") or "") for sheet in book.worksheets}
    read: set[str] = set()
    for sheet in book.worksheets:
        part = str(getattr(sheet, "_worksheet_path", "") or "")
        rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
        if files.get(rels, MAX_XLSX_PART_BYTES + 1) > MAX_XLSX_PART_BYTES:
            continue
        for rel in fromstring(archive.read(rels)).iter():
            if not str(rel.get("Type") or "").endswith("/table"):
                continue
            target = str(rel.get("Target") or "")
            target = target[1:] if target.startswith("/") else posixpath.join(posixpath.dirname(part), target)
            target = posixpath.normpath(target)
            if target in read or target in sheets or files.get(target, MAX_XLSX_PART_BYTES + 1) > MAX_XLSX_PART_BYTES:
                continue
            read.add(target)
            table = fromstring(archive.read(target))
            shown = str(table.get("displayName") or table.get("name") or "")
            if shown:
                found.append((shown, str(sheet.title), str(table.get("ref") or "")))
    return found


def _tables_here(tables: list[tuple[str, str, str]], own: str, names: list[tuple[str, str]]) -> dict[str, str]:
    """The tables of the sheet ``own`` -> their ranges, fixed (a shared formula does not move
    them), by the name a formula calls them (LibreOffice reads a table's display name); none whose
    name another table has, a defined name has or a cell has (review 155 F1-F3: a defined name
    ``Claims`` of a TODAY(), a table named ``A1``, two tables of one name were each read as this
    table's range): such a name is followed as a name."""
    count = Counter(_fold(name) for name, _, _ in tables)
    defined = {_fold(name) for name, _ in names}
    return {
        _fold(name): re.sub(r"([A-Za-z]+)([0-9]+)", r"$\1$\2", ref)
        for name, title, ref in tables
        if _fold(title) == _fold(own)
        and ref
        and count[_fold(name)] == 1
        and _fold(name) not in defined
        and not _CELL_REF.fullmatch(name)
    }


def _openpyxl_names(book: Any) -> list[tuple[str, str]]:
    """The defined names openpyxl kept (a workbook not opened by :func:`~voucherlib.input.xlsx_file._load`)."""
    found = [*getattr(book, "defined_names", {}).values()]
    for sheet in getattr(book, "worksheets", ()):
        found += [*getattr(sheet, "defined_names", {}).values()]
    return [(str(n.name), str(getattr(n, "attr_text", "") or "")) for n in found]


def _shared_id(value: str) -> str:
    """A shared formula's ``si`` as a number (``00``, `` 0``, ``+0``, ``-0`` and ``0.0`` are 0, as
    LibreOffice reads them); a text without a figure first (``abc``, nothing, a sign alone) is taken
    as 0, the first shared formula, as LibreOffice takes it, and so is a number past a 32-bit
    integer's (``4294967296``: review 148 F1). A negative id (``-1``) LibreOffice shares with no
    cell: it is kept as such (``-1``), and :func:`_sheet_formulas` makes no shared formula of it
    (review 147 F3: read as 0, its text was taken for that of the formula 0's cells)."""
    figures = re.match(r"\s*([+-]?)([0-9]+)", value, re.ASCII)
    if not figures:
        return "0"  # (LibreOffice's: its first figures, else 0; review 146 F5)
    number = -int(figures[2]) if figures[1] == "-" else int(figures[2])
    if not -(2**31) <= number < 2**31:
        return "0"
    return str(number)


class _EveryCell(frozenset):  # type: ignore[type-arg]
    """Every cell (a sheet whose formulas are too many to follow)."""

    def __contains__(self, item: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True


_EVERY_FORMULA: frozenset[tuple[int, int]] = _EveryCell()


_WHOLE = re.compile(
    r"(?<![A-Za-z0-9_.!'\]$:])(?:(\$?)([A-Z]{1,3}):(\$?)([A-Z]{1,3})|(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7}))(?![A-Za-z0-9_(!:])"
)
"""Whole columns (``F:F``) or whole rows (``3:3``) of this sheet."""


def _whole_range(m: re.Match[str], moved: tuple[int, int]) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column) of a whole-column or whole-row reference
    ``m`` of :data:`_WHOLE`, its relative parts moved by ``moved`` (rows, columns)."""
    from openpyxl.utils.cell import column_index_from_string

    if m[2]:  # columns
        a = column_index_from_string(m[2]) + (0 if m[1] else moved[1])
        b = column_index_from_string(m[4]) + (0 if m[3] else moved[1])
        return 1, min(a, b), 1_048_576, max(a, b)
    a, b = int(m[6]) + (0 if m[5] else moved[0]), int(m[8]) + (0 if m[7] else moved[0])
    return min(a, b), 1, max(a, b), 16_384


def _moved_range(m: re.Match[str], moved: tuple[int, int]) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column) of a reference ``m`` of :data:`_REFERENCE`,
    its relative parts moved by ``moved`` (rows, columns)."""
    from openpyxl.utils.cell import column_index_from_string

    def corner(col_fixed: str, col: str, row_fixed: str, row: str) -> tuple[int, int]:
        r = int(row) + (0 if row_fixed else moved[0])
        c = column_index_from_string(col) + (0 if col_fixed else moved[1])
        return r, c

    first = corner(m[1], m[2], m[3], m[4])
    last = corner(m[5] or "", m[6], m[7] or "", m[8]) if m[6] else first
    return min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1])
