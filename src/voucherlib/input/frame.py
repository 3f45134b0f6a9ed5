"""DataFrame tables: a pandas DataFrame (or any object with ``columns`` and ``itertuples``).

The column names are checked like a file's header; each row comes back as
``(index label, {column: value})`` with the values as pandas holds them, for
:mod:`voucherlib.input.cells` to read. A row whose every cell is blank text (``,,,,,,`` read
with ``dtype=str, keep_default_na=False``) is skipped, as a file's blank line is; a row of NaN
is kept, an invalid line: ``pandas.read_csv`` reads a blank line and a row of failed look-ups
(``#N/A``, ``NA``) alike as NaN by default, and the second must never vanish (reviews 29, 30).

A column of the table held as a float narrower (or wider) than 64 bits is refused (D18): a
``float16`` column stores 1234.56 as 1235 and a ``float32`` column stores the id 123456789 as
123456792, and pandas hands such values on as ordinary floats, so no cell reader could tell.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator, Sequence
from typing import Any

from voucherlib.core.errors import InvalidInput, Reason, expected, shown, written_out
from voucherlib.input.files import MAX_ROWS, PANDAS_UNNAMED, header_names

__all__ = ["frame_rows", "is_frame"]


def is_frame(value: object) -> bool:
    """Whether ``value`` is a DataFrame (duck-typed: pandas is not imported here)."""
    return hasattr(value, "columns") and hasattr(value, "itertuples") and hasattr(value, "index")


def _labels(index: Any, what: str) -> Any:
    """The index's labels, refused when one names two rows as the results show them (review 39:
    ``pd.concat`` of two invoices gave two lines "row 0"; review 40: ``0`` and ``"0"`` too; review
    281 F5: ``" 3"`` and ``"3"``, which a table shows alike and a look-up reads alike)."""
    if type(index).__name__ == "RangeIndex":
        return index
    labels = [_label(label, what) for label in index]
    seen: dict[str, int | str] = {}
    for label in labels:
        text = str(label).strip()
        if text in seen:
            other = seen[text]
            said = (
                expected("unique_labels")
                if str(other) == str(label)
                else expected(
                    "unique_labels_blanks", other=shown(str.__str__(other) if isinstance(other, str) else other)
                )
            )  # (the other label as a value is shown, np.str_'s text too: review 283 F4)
            raise InvalidInput(f"{what}.index", label, said)
        seen[text] = label
    return labels


def _label(label: Any, what: str) -> int | str:
    """A row's index label as the results show it: a whole number as a Python int (numpy's, a
    nullable ``Int64`` index's: review 279 F1, they were made text, "3"), a text as it is, any
    other label its text. A label that cannot be written out (an int of more digits than Python
    writes: review 280 F3, a ``ValueError`` traceback) is refused, naming the index."""
    if not written_out(label):  # (the results write it: more digits than Python writes is refused here)
        raise InvalidInput(f"{what}.index", label, expected("label_written"))
    if isinstance(label, numbers.Integral) and not isinstance(label, bool) and type(label).__name__ != "bool_":
        return int(label)
    return label if isinstance(label, str) else str(label)


def _short_float(dtype: Any) -> bool:
    """Whether a column's cells are held as floats narrower than float64 (D18: ``123456790`` held
    as float32 is 123456792), looking through a categorical's categories, a sparse column's
    values and a dictionary's or run-end-encoded Arrow column's values (review 150 F2: a
    categorical of float32 handed on each cell as a float, two ids made one)."""
    categories = getattr(dtype, "categories", None)
    if categories is not None and hasattr(categories, "dtype"):
        return _short_float(categories.dtype)
    subtype = getattr(dtype, "subtype", None)  # (a SparseDtype's values; an IntervalDtype's bounds)
    if subtype is not None and subtype is not dtype:
        return _short_float(subtype)
    arrow = getattr(dtype, "pyarrow_dtype", None)
    if arrow is not None:
        while hasattr(arrow, "value_type"):  # (dictionary<..., float>, run_end_encoded<..., float>)
            arrow = arrow.value_type
        return str(arrow) in ("halffloat", "float", "float16", "float32")
    return getattr(dtype, "kind", "") == "f" and getattr(dtype, "itemsize", 8) != 8


def _dtype_text(dtype: Any) -> str:
    """A column's type as said in a refusal: a categorical's with its categories' (``category of float32``)."""
    categories = getattr(dtype, "categories", None)
    held = getattr(categories, "dtype", None)
    return f"{dtype} of {held}" if held is not None else str(dtype)


def frame_rows(
    frame: Any,
    required: Sequence[str],
    *,
    aliases: dict[str, str] | None = None,
    refuse_unknown: bool = False,
    max_rows: int = MAX_ROWS,
    what: str = "frame",
) -> Iterator[tuple[int | str, dict[str, Any]]]:
    """The rows of ``frame``, each under its index label (an int or a str; other labels as text)."""
    if len(frame) > max_rows:
        raise InvalidInput(
            "frame", Reason.phrase("value.rows", of=frame, rows=len(frame)), expected("rows_at_most", max=max_rows)
        )
    headers = [str(c) for c in frame.columns]
    unnamed = _unnamed_empty(frame, headers)
    if unnamed:  # (no column: as a file's column with no header and no cell, review 172 F1)
        headers = [h for k, h in enumerate(headers) if k not in unnamed]
    names = header_names(headers, required, aliases=aliases, refuse_unknown=refuse_unknown)
    known = {*required, *(aliases or {}).values()}
    dtypes = [
        t for k, t in enumerate(getattr(frame, "dtypes", ())) if k not in unnamed
    ]  # (as the headers: review 174 F6)
    for name, dtype in zip(names, dtypes, strict=False):
        if name in known and _short_float(dtype):
            raise InvalidInput(
                name,
                Reason.phrase("value.dtype_column", dtype=_dtype_text(dtype)),
                expected("float64"),
            )
    index = frame.index
    labels = _labels(index, what)
    for label, values in zip(labels, frame.itertuples(index=False, name=None), strict=True):
        if unnamed:
            values = tuple(v for k, v in enumerate(values) if k not in unnamed)
        # a blank line, as a file's (review 30), told by what its cells hold (review 133 F6)
        if all(isinstance(v, str) and not str.strip(v) for v in values):
            continue
        yield label, dict(zip(names, values, strict=True))


def _unnamed_empty(frame: Any, headers: list[str]) -> set[int]:
    """The positions of the columns pandas named for an empty header cell (``Unnamed: 8``) whose
    every cell is empty too: a trailing delimiter on each line of a CSV file, a blank cell right
    of a sheet's table. A file's reader finds no column there (nothing is written in it); a
    frame's is no column either, not an unknown one (the same file read by its path and read by
    pandas are one invoice). One with a value in some cell is a column, refused when unknown."""
    from voucherlib.input.cells import is_empty

    at = {k for k, h in enumerate(headers) if PANDAS_UNNAMED.fullmatch(h)}
    if not at or not hasattr(frame, "iloc"):
        return set()
    return {k for k in at if all(map(is_empty, frame.iloc[:, k].tolist()))}
