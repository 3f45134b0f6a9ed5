"""Ids whose leading zeros a number cell lost, read with them from the same file (D47).

A spreadsheet's number cell holds a number, not the text typed into it: a personal number
``01001012345`` typed into one is stored as ``1001012345`` (a format of zeros may show the zero;
the cell does not hold it). When the same invoice writes that id as text with its zeros on
another line, and every line of the two names one and the same person, the two lines are one
beneficiary written two ways, and the number cell's id is read as the text the file writes:
``1001012345`` is ``01001012345``, so the month billed on both is billed twice (D28), not two
beneficiaries each paid (review 166 F2: 3,429.00 for 2,829.00).

Only then. A number cell's id is read as its digits when the file writes no text id of those
digits with leading zeros, when it writes more than one (``007`` and ``0007``: which one the
cell lost cannot be told), when it writes the digits themselves as text (``7``, which the number
then is), or when the lines name two people, or one of them none (review 173 F-D1: ``007`` Nino
and ``7`` Giorgi are two children, each paid): the ids-alike finding names them (D39), and the
auditor decides. A CSV file holds text alone (every id as written), and a list of
:class:`~voucherlib.reports.audit.InvoiceLine` its ids as given: neither has a number cell.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from numbers import Number
from typing import Any

from voucherlib.core.errors import VoucherError
from voucherlib.input.cells import FormulaText, MergedCell, VolatileFormula, identifier, is_empty
from voucherlib.input.plain_csv import CodedCells

__all__ = ["column_with_zeros", "ids_with_zeros", "rows_with_zeros"]

Where = int | str
"""A row's line in a CSV file, row in a sheet or label in a frame."""


_NO_ID = (FormulaText, MergedCell, VolatileFormula)
"""The texts a cell holds that are refused as an id (:func:`~voucherlib.input.cells.identifier`)."""


def ids_with_zeros(
    cells: Sequence[Any], names: Sequence[Any] | None = None, field: str = "beneficiary_id"
) -> dict[tuple[type, Any], str]:
    """The id cells of ``cells`` (one column of one file or frame) that are numbers whose id is
    the one text id of the column written as its digits with leading zeros, and whose lines and
    that text's all name one and the same person in ``names`` (each row's name cell; none given:
    no such id), keyed by (type, cell), each with that text (without the spaces around it); empty
    when there is none (every cell text: a CSV file).

    >>> cells = ["01001012345", 1001012345, "B-02", 7, "007", "0007"]
    >>> ids_with_zeros(cells, ["Nino Beridze", "nino  beridze", "Giorgi", "Ana", "Ana", "Ana"])
    {(<class 'int'>, 1001012345): '01001012345'}
    >>> ids_with_zeros(["007", 7], ["Nino", "Giorgi"])  # (two people: two ids, D39 names them)
    {}
    """
    if names is None:
        return {}
    try:  # (by type too: True, equal to 1, would stand for it; a Decimal and a numpy int are never compared)
        distinct = list(dict.fromkeys((type(c), c) for c in cells))
    except TypeError:  # an unhashable cell (refused as an id, line by line)
        return {}
    numbers: dict[tuple[type, Any], str] = {}
    for kind, cell in distinct:
        if isinstance(cell, Number) and not isinstance(cell, bool):
            try:
                ident = identifier(cell, field)
            except VoucherError:  # (refused on its line)
                continue
            if ident.isascii() and ident.isdigit():
                numbers[kind, cell] = ident
    if not numbers:  # (every cell text: a CSV file's, most workbooks')
        return {}
    # the text ids, as the audit compares them (a formula's or a merged cell's text is no id: refused)
    texts = {str.strip(c) for kind, c in distinct if isinstance(c, str) and kind not in _NO_ID}
    padded: dict[str, list[str]] = {}
    for text in texts:
        if text[:1] == "0" and text.isascii() and text.isdigit():
            padded.setdefault(text.lstrip("0") or "0", []).append(text)
    found = {}
    for key, digits in numbers.items():
        written = padded.get(digits, [])
        if digits not in texts and len(written) == 1:
            found[key] = written[0]
    if not found:
        return {}
    # the people the lines of each such id name: one and the same, named on every line
    named: dict[str, set[str]] = {text: set() for text in found.values()}
    for cell, name in zip(cells, names, strict=True):
        whose = found.get((type(cell), cell)) if not isinstance(cell, str) else None
        if whose is None and isinstance(cell, str) and type(cell) not in _NO_ID and str.strip(cell) in named:
            whose = str.strip(cell)
        if whose is not None:
            named[whose].add(_person(name))
    return {key: text for key, text in found.items() if len(named[text]) == 1 and "" not in named[text]}


def _person(name: Any) -> str:
    """A name cell as two lines of one person write it alike: its words in one case, one space
    apart, each letter composed alike (NFC: review 175 F6); an empty cell is no name."""
    if is_empty(name):  # (None, NaN, pandas' NA: review 176 F0, whose truth a test raised on)
        return ""
    if not isinstance(name, str):
        return str(name)
    return unicodedata.normalize("NFC", " ".join(str.split(name)).casefold())


def rows_with_zeros(
    rows: Iterable[tuple[Where, dict[str, Any]]], field: str = "beneficiary_id"
) -> list[tuple[Where, dict[str, Any]]]:
    """The raw rows of one file or frame (:func:`~voucherlib.input.table.read_table`'s), each
    with its ``field`` cell read as :func:`ids_with_zeros` gives it (the names: the ``name`` cells)."""
    rows = list(rows)
    if not any("name" in row for _, row in rows):
        return rows
    restored = ids_with_zeros([row.get(field) for _, row in rows], [row.get("name") for _, row in rows], field)
    if not restored:
        return rows
    return [(where, _with_zeros(row, restored, field)) for where, row in rows]


def column_with_zeros(column: Any, names: Any, field: str = "beneficiary_id") -> Any:
    """A plain reader's column of cells (:class:`~voucherlib.input.plain_csv.CodedCells`, or
    Arrow text, which holds no number) with its cells read as :func:`ids_with_zeros` gives them;
    ``names``: the name column (None: the file has none, and no id is read so)."""
    if not isinstance(column, CodedCells) or names is None:
        return column
    if not any(isinstance(v, Number) and not isinstance(v, bool) for v in column.values):
        return column
    restored = ids_with_zeros(column.to_pylist(), names.to_pylist(), field)
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


def _restored(cell: Any, restored: Mapping[tuple[type, Any], str]) -> str | None:
    """The text ``cell`` is read as (:func:`ids_with_zeros`), or None."""
    if cell is None or isinstance(cell, (str, bool)):
        return None
    try:
        return restored.get((type(cell), cell))
    except TypeError:  # an unhashable cell
        return None


def _with_zeros(row: dict[str, Any], restored: Mapping[tuple[type, Any], str], field: str) -> dict[str, Any]:
    text = _restored(row.get(field), restored)
    return row if text is None else {**row, field: text}
