"""Volatile formulas: which formula cells of a sheet show a value that is not the one stored
(``=TODAY()`` and the cells that refer to it, directly or through others, on this sheet), read as
an XML reader reads the sheet. Such a cell is refused by :mod:`voucherlib.input.xlsx_file`: its
stored value is the one of the day of the save."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    _stream,
    _tag_start,
)

_FORMULA_START = _tag_start(b"f")
"""A formula's start tag, in any namespace: a sheet that holds one has its formulas read by an XML
reader (:func:`_sheet_formulas`) for a volatile one and the cells that refer to it."""


_FORMULA_WORDS = (b"<f", b":f")


_VOLATILE_CALL = re.compile(r"(?<![\w.])(?:TODAY|NOW|RAND|RANDBETWEEN|OFFSET|INDIRECT)\s*\(", re.IGNORECASE)


_STRING = re.compile(r'"(?:[^"]|"")*"')
"""A text literal of a formula (``"A1"`` names no cell: review 63)."""


_QUALIFIED = re.compile(
    r"(?<![A-Za-z0-9_.\u0080-\uffff'$])"
    r"(?:'((?:[^']|'')*+)'|([A-Za-z0-9_.\u0080-\uffff]++(?::(?:[A-Za-z0-9_.\u0080-\uffff]++|'(?:[^']|'')*+'))?))!((?:\$?[A-Za-z]{1,3}\$?[0-9]{1,7}|\$?[A-Za-z]{1,3}|\$?[0-9]{1,7})"
    r"(?::(?:\$?[A-Za-z]{1,3}\$?[0-9]{1,7}|\$?[A-Za-z]{1,3}|\$?[0-9]{1,7}))?)"
    r"(?![A-Za-z0-9_.!'(\u0080-\uffff])"
)
"""A reference that names its sheet (``Dates!$H$1``, ``'My sheet'!A1:B2``, ``Sheet!H:H``). A name
starts where no name or quote goes before it, and what it takes is not given back: a formula of
a long run of letters or quotes was searched from each of its characters again (review 147 F1:
20,000 of them took 5 s); nor after a ``$`` (the ``1`` of ``$A$1:Other!B2`` is a cell's row). Its
reference ends where no name goes on (the ``:She`` of ``Sheet1!A1:Sheet1!C1`` is no column: review
148 F3)."""


_CELL_REF = re.compile(r"[A-Za-z]{1,3}[0-9]{1,7}")


_LOCAL_FIRST = re.compile(r"\$?[A-Za-z]{1,3}\$?[0-9]{1,7}:")
"""The first part of ``A1:'Other'!B2`` (or ``A1:Other!B2``), read as a sheet's name by
:data:`_QUALIFIED`: a cell of this sheet, followed (an unquoted sheet's name is never shaped so)."""


_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9_.!'\]])(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})(?::(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7}))?(?![A-Za-z0-9_(!])"
)


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
    F2). A reference that names this sheet is followed; a formula that reaches outside the sheet
    (another sheet, a defined name, a range LibreOffice reads through sheets, anything but plain
    references, functions, numbers and operators) is taken as depending on a volatile formula
    whenever the sheet or the rest of the workbook holds one (review 148 F3, F5: a date read
    through ``Settings!A1`` or a name, where that is ``=TODAY()``, was paid as stored). Nothing to
    look at for a sheet without a formula (``holds_formula`` False, as :func:`_sheet_marks` found:
    the usual case)."""
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
            marked = _flagged(attributes.get("ca")) or _flagged(attributes.get("aca"))
            marked = marked or bool(text and _VOLATILE_CALL.search(_STRING.sub("", text)))
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

    def this_sheet(m: re.Match[str]) -> str:  # a reference naming this sheet is this sheet's
        name = m[1].replace("''", "'") if m[1] is not None else m[2]
        if name.casefold() == own.casefold():  # (a sheet's name in any case, review 146 F6)
            return m[3]
        # another sheet's, outside (_OUTSIDE); Sheet1:Sheet2!A1 runs through the sheets between the
        # two, this one among them, perhaps: followed as this sheet's too (review 144 F5, 146 F4), as
        # the cell before another sheet's in A1:'Other'!B2 (review 147 F2)
        first = name.partition(":")[0] if m[2] is not None and _LOCAL_FIRST.match(name) else ""
        return f" {first} {m[3] if ':' in name else ''} {_OUTSIDE} "

    texts: dict[tuple[int, int], tuple[str, tuple[int, int]]] = {}  # a formula as plain text, how far moved
    outside: list[tuple[int, int]] = []  # the formulas that reach outside the sheet
    for at, (_, text, a) in cells.items():
        moved = (0, 0)
        if a.get("t") == "shared" and a.get("si") in masters:  # (a later first cell of a taken id too)
            origin, text, _ = masters[a["si"]]
            moved = (at[0] - origin[0], at[1] - origin[1])
        plain = _QUALIFIED.sub(this_sheet, _STRING.sub(" ", text or "")).upper()
        texts[at] = (plain, moved)
        if not _PLAIN_REST.fullmatch(_WHOLE.sub(" ", _REFERENCE.sub(" ", plain))):
            outside.append(at)
    if not (volatile_seen or ((outside or unplaced or overflow) and _volatile_elsewhere(ws, path))):
        return _SheetFormulas(frozenset(), unshared)  # (no formula reaches a volatile one)
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
    depending.update(outside)  # (outside the sheet, with a volatile formula in the workbook)
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


_OUTSIDE = "!"
"""What :func:`_sheet_formulas` leaves of a reference to another sheet: no plain formula holds it."""


_PLAIN_REST = re.compile(
    r"(?:\s++|[-+*/^&=<>(),;%{}]|(?:[0-9]++\.?+[0-9]*+|\.[0-9]++)(?:E[+-]?+[0-9]++)?+"
    r"|[A-Z_][A-Z0-9_.]*+\s*+\(|(?<![A-Z0-9_.])(?:TRUE|FALSE)(?![A-Z0-9_.(]))*+"
)
"""What a formula holds besides its references to this sheet's cells when it reaches nothing
outside the sheet: white space, operators, numbers, functions' names (before their ``(``) and
TRUE or FALSE. A name, another sheet's reference (:data:`_OUTSIDE`), a ``:`` between more than
two corners (``A1:A1:C1``), a table's ``[column]`` or another workbook's ``[1]`` is not."""


def _volatile_elsewhere(ws: Any, path: Path | None) -> bool:
    """Whether the workbook of ``ws`` holds a volatile formula outside it: on another worksheet
    (each read as XML, within the caps), or in a defined name's formula."""
    book = getattr(ws, "parent", None)
    if book is None:
        return True  # (not known: as if it did)
    names = [*getattr(book, "defined_names", {}).values()]
    for sheet in book.worksheets:
        names += [*getattr(sheet, "defined_names", {}).values()]
    if any(_VOLATILE_CALL.search(_STRING.sub("", str(getattr(n, "attr_text", "") or ""))) for n in names):
        return True
    for sheet in book.worksheets:
        if sheet is ws:
            continue
        budget = _Budget(path or Path(str(getattr(sheet, "title", ""))))
        with sheet._get_source() as source:
            for element in _stream(source, budget, _CELL, str(getattr(sheet, "title", ""))):
                formula = element.find(_FORMULA)
                if formula is not None and (
                    _flagged(formula.get("ca"))
                    or _flagged(formula.get("aca"))
                    or _VOLATILE_CALL.search(_STRING.sub("", formula.text or ""))
                ):
                    return True
    return False


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
