"""Ids whose leading zeros a number cell lost, read with them from the same file (D47).

A spreadsheet's number cell holds a number, not the text typed into it: a personal number
``01001012345`` typed into one is stored as ``1001012345`` (a format of zeros may show the zero;
the cell does not hold it). When the same invoice writes that id as text with its zeros on
another line, the two lines are one beneficiary written two ways, and the number cell's id is
read as the text the file writes: ``1001012345`` is ``01001012345``, so the month billed on both
is billed twice (D28), not two beneficiaries each paid (review 166 F2: 3,429.00 for 2,829.00).

Only then. A number cell's id is read as its digits when the file writes no text id of those
digits with leading zeros, when it writes more than one (``007`` and ``0007``: which one the
cell lost cannot be told, and the ids-alike finding names them, D39), or when it writes the
digits themselves as text (``7``, which the number then is). A CSV file holds text alone (every
id as written), and a list of :class:`~voucherlib.reports.audit.InvoiceLine` its ids as given:
neither has a number cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from numbers import Number
from typing import Any

from voucherlib.core.errors import VoucherError
from voucherlib.input.cells import FormulaText, MergedCell, VolatileFormula, identifier
from voucherlib.input.plain_csv import CodedCells

__all__ = ["column_with_zeros", "ids_with_zeros", "rows_with_zeros"]

Where = int | str
"""A row's line in a CSV file, row in a sheet or label in a frame."""


_NO_ID = (FormulaText, MergedCell, VolatileFormula)
"""The texts a cell holds that are refused as an id (:func:`~voucherlib.input.cells.identifier`)."""


def ids_with_zeros(cells: Iterable[Any], field: str = "beneficiary_id") -> dict[Any, str]:
    """The id cells of ``cells`` (one column of one file or frame) that are numbers whose id is
    the one text id of the column written as its digits with leading zeros, each with that text
    (without the spaces around it); empty when there is none (every cell text: a CSV file).

    >>> ids_with_zeros(["01001012345", 1001012345, "B-02", 7, "007", "0007"])
    {1001012345: '01001012345'}
    """
    try:  # (by type too: True, equal to 1, would stand for it)
        distinct = [cell for _, cell in dict.fromkeys((type(c), c) for c in cells)]
    except TypeError:  # an unhashable cell (refused as an id, line by line)
        return {}
    numbers: dict[Any, str] = {}
    for cell in distinct:
        if isinstance(cell, Number) and not isinstance(cell, bool):
            try:
                ident = identifier(cell, field)
            except VoucherError:  # (refused on its line)
                continue
            if ident.isascii() and ident.isdigit():
                numbers[cell] = ident
    if not numbers:  # (every cell text: a CSV file's, most workbooks')
        return {}
    # the text ids, as the audit compares them (a formula's or a merged cell's text is no id: refused)
    texts = {str.strip(c) for c in distinct if isinstance(c, str) and type(c) not in _NO_ID}
    padded: dict[str, list[str]] = {}
    for text in texts:
        if text[:1] == "0" and text.isascii() and text.isdigit():
            padded.setdefault(text.lstrip("0") or "0", []).append(text)
    out = {}
    for cell, digits in numbers.items():
        written = padded.get(digits, [])
        if digits not in texts and len(written) == 1:
            out[cell] = written[0]
    return out


def rows_with_zeros(
    rows: Iterable[tuple[Where, dict[str, Any]]], field: str = "beneficiary_id"
) -> list[tuple[Where, dict[str, Any]]]:
    """The raw rows of one file or frame (:func:`~voucherlib.input.table.read_table`'s), each
    with its ``field`` cell read as :func:`ids_with_zeros` gives it."""
    rows = list(rows)
    restored = ids_with_zeros((row.get(field) for _, row in rows), field)
    if not restored:
        return rows
    return [(where, _with_zeros(row, restored, field)) for where, row in rows]


def column_with_zeros(column: Any, field: str = "beneficiary_id") -> Any:
    """A plain reader's column of cells (:class:`~voucherlib.input.plain_csv.CodedCells`, or
    Arrow text, which holds no number) with its cells read as :func:`ids_with_zeros` gives them."""
    if not isinstance(column, CodedCells):
        return column
    restored = ids_with_zeros(column.values, field)
    if not restored:
        return column
    # (the text a number is read as may be a cell of its own: the rows of both take its code)
    code_of = {(type(v), v): k for k, v in enumerate(column.values) if isinstance(v, str)}
    values = list(column.values)
    remap = list(range(len(values)))
    for k, value in enumerate(column.values):
        text = _restored(value, restored)
        if text is not None:
            remap[k] = code_of.setdefault((str, text), len(values))
            if remap[k] == len(values):
                values.append(text)
    import numpy as np

    return CodedCells(np.asarray(remap, dtype=np.int64)[column.codes], values)


def _restored(cell: Any, restored: Mapping[Any, str]) -> str | None:
    """The text ``cell`` is read as (:func:`ids_with_zeros`), or None."""
    if cell is None or isinstance(cell, (str, bool)):
        return None
    try:
        return restored.get(cell)
    except TypeError:  # an unhashable cell
        return None


def _with_zeros(row: dict[str, Any], restored: Mapping[Any, str], field: str) -> dict[str, Any]:
    text = _restored(row.get(field), restored)
    return row if text is None else {**row, field: text}
