"""What a sheet shows against what its file holds: the columns and rows it hides or draws as
nothing (a width or height under a pixel), its merged ranges, and whether it holds a formula,
read in one pass over the part's bytes before its rows (:func:`_sheet_marks`); a cell a merged
range covers reads as a :class:`~voucherlib.input.cells.MergedCell` (:class:`_Covered`)."""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from voucherlib.core.errors import (
    InvalidInput,
    Reason,
    expected,
)
from voucherlib.input.cells import MergedCell
from voucherlib.input.files import (
    MAX_XML_ELEMENTS,
)
from voucherlib.input.xlsx_formulas import (
    _FORMULA_START,
    _FORMULA_WORDS,
)
from voucherlib.input.xlsx_xml import (
    _bounds,
    _cell_text,
    _flagged,
    _plain_prolog,
    _range_text,
    _start_tag,
    _tag_attributes,
    _tag_start,
    _tags,
    _unseen,
)

ROW_SEEN = 0.75
"""The least row height drawn (points): one pixel at 96 pixels an inch."""


COLUMN_SEEN = (256 / 7 - 18) / 256
"""The least column width drawn (characters, about 0.0725): one pixel by ECMA-376's formula for a
width's pixels, ``Truncate(((256 * width + Truncate(128 / 7)) / 256) * 7)`` with the default font's
digit of 7 pixels (Part 1, 18.3.1.13)."""


def _unseen_width_held(data: bytes) -> bool:
    """Whether a part of a sheet held whole (before or after its rows) may draw a column in less
    than a pixel: a ``<col>`` that hides one or gives one no width or one under a pixel (as
    :func:`_take_column` reads it, or one it cannot read), or a default width under a pixel. Then
    the streaming parser reads the sheet, and refuses such a column as a hidden one when it holds
    data."""
    found: list[tuple[int, int]] = []
    try:
        for start in _COL_START.finditer(data) if b"col" in data else ():
            _take_column(start, data, found)
        narrow = any(_default_unseen(start, data) for start in _FORMAT_START.finditer(data))
    except InvalidInput:
        return True
    return bool(found) or narrow


_HIDDEN_TRUE = re.compile(
    rb"""hidden\s*=\s*(?:"(?!\s*(?:0|(?i:false))?\s*")[^"]*"|'(?!\s*(?:0|(?i:false))?\s*')[^']*')"""
)
"""A row or column that may be hidden: its ``hidden`` says anything but 0, false or nothing
(:func:`_flagged` reads it; ``&#49;`` is 1): LibreOffice writes ``hidden="false"`` on every row,
which is not that (no ``\b`` before it: the look through a 45 MB sheet takes a tenth of the
time; review 62)."""


_COL_START, _COL = _tag_start(b"col"), _start_tag(b"col")
"""A ``<col>`` tag's start, and its start tag whole."""


def _take_column(
    start: re.Match[bytes], both: bytes, found: list[tuple[int, int]], widths: list[tuple[int, int]] | None = None
) -> None:
    """Add the columns the ``<col>`` element starting at ``start`` hides to ``found`` (wherever the
    part holds it: review 61, LibreOffice honours a ``<cols>`` written after the rows), and to
    ``widths`` those it gives a width that is seen (the others are drawn the sheet's default width)."""
    tag, attributes = _tag_attributes(_COL, start.start(), both, "column_shown")  # (a ">" in a value: review 62)
    # (a column of width 0 is drawn as nothing, as a hidden one: review 127 F4; Excel draws a <col>
    # without a width 0 wide: review 137 F5, no writer seen leaves it out)
    width, hidden = attributes.get(b"width"), _flagged(attributes.get(b"hidden"))
    if width is None and not hidden and not (b"min" in attributes and b"max" in attributes):
        return  # (a <col/> that names no column, and hides none, gives none a width)
    try:
        low, high = int(attributes[b"min"]), int(attributes[b"max"])
        named: tuple[int, int] | None = (min(low, high), max(low, high))
    except (KeyError, ValueError):
        named = None  # (no columns it names)
    if hidden or width is None or _unseen(width.strip(), COLUMN_SEEN):
        if named is None:
            raise InvalidInput("file", tag[:80].decode("utf-8", "replace"), expected("column_shown"))
        found.append(named)
    elif widths is not None and width.strip() and named is not None:  # (else drawn the default width)
        widths.append(named)


_FORMAT_START, _FORMAT = _tag_start(b"sheetFormatPr"), _start_tag(b"sheetFormatPr")
"""A sheet's ``<sheetFormatPr>`` whole: its ``defaultColWidth`` is the width of a column no
``<col>`` gives one."""


_LAST_COLUMN = 16384
"""A worksheet's last column (XFD)."""


def _default_unseen(start: re.Match[bytes], both: bytes) -> bool:
    """Whether the default column width the ``<sheetFormatPr>`` starting at ``start`` gives is
    drawn in less than a pixel (``&#48;`` is 0, as an XML reader reads it); a tag that cannot be
    read (an attribute written twice, or one longer than the blocks' overlap) refuses the sheet."""
    given = _tag_attributes(_FORMAT, start.start(), both, "column_shown")[1].get(b"defaultColWidth")
    return given is not None and _unseen(given.strip(), COLUMN_SEEN)


def _unwidthed(widths: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges of columns (1 to :data:`_LAST_COLUMN`) that no range of ``widths`` covers."""
    gaps, at = [], 1
    for low, high in sorted(widths):
        if low > at:
            gaps.append((at, low - 1))
        at = max(at, high + 1)
    return [*gaps, (at, _LAST_COLUMN)] if at <= _LAST_COLUMN else gaps


_MERGE = _tag_start(b"mergeCell")


_MERGE_TAG = _start_tag(b"mergeCell")


_MARK_LOOKS: list[tuple[Sequence[bytes], re.Pattern[bytes]]] = [
    ((b"mergeCell",), _MERGE),
    ((b"hidden", b"width", b"<col", b":col"), _COL_START),
    (_FORMULA_WORDS, _FORMULA_START),
    ((b"sheetFormatPr",), _FORMAT_START),
]
"""What :func:`_sheet_marks` looks for, in the order of its :class:`_Marks` (each a look of :func:`_tags`)."""


@dataclass
class _Marks:
    """What a sheet's part says beside its rows, read before them in one pass: its merged ranges
    (four numbers each: first row, last row, first column, last column), the columns it hides
    ((first, last) ranges) and whether it holds a formula (which may be volatile)."""

    merges: array[int]
    hidden_columns: list[tuple[int, int]]
    volatile: bool


def _sheet_marks(ws: Any) -> _Marks:
    """The :class:`_Marks` of a sheet, its part inflated once, a block at a time."""
    marks = _Marks(array("i"), [], False)
    widths: list[tuple[int, int]] = []
    narrow = False
    with ws._get_source() as source:
        for k, tag, both in _tags(_plain_prolog(source.read, f"{getattr(ws, 'title', '')!s}"), _MARK_LOOKS):
            if k == 0:
                _take_merge(tag, both, marks.merges)
            elif k == 1:
                _take_column(tag, both, marks.hidden_columns, widths)
            elif k == 2:
                marks.volatile = True
            else:  # a default width under a pixel: every column no <col> widens is drawn as nothing (review 136 F6)
                narrow = _default_unseen(tag, both) or narrow
    if narrow:
        marks.hidden_columns.extend(_unwidthed(widths))
    return marks


def _take_merge(tag: re.Match[bytes], both: bytes, found: array[int]) -> None:
    """Add the range of the ``<mergeCell>`` at ``tag`` to ``found`` (16 bytes a range, whatever the
    file holds; as many ranges as the cap allows elements: the rows' parser counts their elements as
    it streams). A ``<mergeCell>`` without a readable range refuses the workbook."""
    ref = _tag_attributes(_MERGE_TAG, tag.start(), both, "merged_range")[1].get(b"ref")
    if ref is None:  # (a <mergeCell> without a range)
        raise InvalidInput(
            "file", both[tag.start() : tag.start() + 80].decode("utf-8", "replace"), expected("merged_range")
        )
    ref = ref.strip()  # (D2&#58;D3 is D2:D3, as an XML reader reads it)
    bounds = _bounds(ref, expected("merged_range"))
    if (bounds[0], bounds[2]) != (bounds[1], bounds[3]):  # a cell merged with itself covers none
        found.extend(bounds)
        if len(found) > 4 * MAX_XML_ELEMENTS:
            raise InvalidInput(
                "file",
                ref,
                expected("workbook_at_most", cap=MAX_XML_ELEMENTS, what=Reason.phrase("workbook.elements")),
            )


def _merges_held(data: bytes) -> array[int] | None:
    """The merged ranges of a part held whole (anywhere in it: review 59, a ``<mergeCells>`` written
    before the rows was missed), or None when it names none."""
    if b"mergeCell" not in data:
        return None
    found = array("i")
    blocks = iter((data, b""))
    for _, tag, both in _tags(lambda _size: next(blocks), _MARK_LOOKS[:1]):
        _take_merge(tag, both, found)
    return found


class _Covered:
    """The cells of each row that merged ranges cover (their first cell excepted), the rows taken
    in order (:func:`_rows` refuses a row out of order)."""

    def __init__(self, ranges: array[int]) -> None:
        self.count = len(ranges) // 4
        self.ranges: Any = None
        if self.count >= 4096:  # many ranges: ordered in numpy, kept as its 16 bytes a range
            try:
                import numpy as np
            except ImportError:  # pragma: no cover - without the extras: as tuples
                pass
            else:
                table = np.frombuffer(ranges, dtype=np.int32).reshape(-1, 4)
                self.ranges = table[np.argsort(table[:, 0], kind="stable")]
        if self.ranges is None:
            self.ranges = sorted(tuple(ranges[4 * k : 4 * k + 4]) for k in range(self.count))
        self.next = 0
        self.active: list[tuple[int, ...]] = []
        self.first_values: dict[tuple[int, ...], Any] = {}  # each active range's first cell, as read

    def _range(self, k: int) -> tuple[int, ...]:
        r = self.ranges[k]
        return r if type(r) is tuple else tuple(r.tolist())

    def mark(self, number: int, cells: list[Any], first: int) -> None:
        """Each cell of ``cells`` (the row ``number``, its first at column ``first``) that a range
        covers becomes a :class:`MergedCell`. Only the ranges that meet these columns are kept
        while they last: ranges that do not overlap (as a spreadsheet makes them) meet a row at
        most once a column, so more refuses the workbook."""
        if not self.count:
            return
        last_column = first + len(cells) - 1
        while self.next < self.count and self._range(self.next)[0] <= number:
            r = self._range(self.next)
            if r[2] <= last_column and r[3] >= first:
                self.active.append(r)
            self.next += 1
        self.active = active = [r for r in self.active if r[1] >= number]
        if len(active) > len(cells):
            raise InvalidInput("file", _range_text(active[0]), expected("merged_apart"))
        self.first_values = {r: v for r, v in self.first_values.items() if r[1] >= number}
        for r in active:
            low_row, _, low_col, high_col = r
            if number == low_row and first <= low_col <= last_column:
                self.first_values[r] = cells[low_col - first]
            shows = self.first_values.get(r)
            for column in range(max(low_col, first), min(high_col, last_column) + 1):
                if (number, column) != (low_row, low_col):
                    merged = _range_text(r)
                    cells[column - first] = MergedCell(_cell_text(column, number), merged, shows)
