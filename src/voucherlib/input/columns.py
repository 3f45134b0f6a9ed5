"""The columns of a table, read for the batch engine: pandas, pyarrow, Polars, numpy or sequences.

A reader turns one column into numpy arrays the engine computes with, without copying where
the column already holds numbers (a ``datetime64`` column, an Arrow ``date32`` buffer), and
marks the rows whose cell it cannot read exactly under the date policy of the one-at-a-time
API. Those rows are settled one at a time (:func:`cell` gives their Python values), and that
path refuses them with a reason naming the field. Text is read by parsing each *distinct*
value once with the one-at-a-time parser, so both paths agree on every string by construction.

The date policy (one for the Python API, the batch and the audit): a date is a
:class:`datetime.date`, an ISO ``YYYY-MM-DD`` string, or a naive ``datetime`` /
``pandas.Timestamp`` / ``numpy.datetime64`` at midnight (taken as its date). A time of day or
a time zone is refused. In a table an empty cell (None, NaN, NaT, an empty or blank string)
means "not given": allowed for ``enrolled_on`` and ``discharged_on``, refused for the others.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

import numpy as np
import numpy.typing as npt

from voucherlib.core.errors import FileRefused, InvalidInput, Reason, VoucherError, expected
from voucherlib.core.frozen import frozen_array
from voucherlib.core.held import held_items, held_key
from voucherlib.core.month import Month, as_date, first_day_of_month_value, spans_days
from voucherlib.input.cells import DateKinds, day_first_periods, is_empty, note_period_ends
from voucherlib.input.cells import date as date_cell
from voucherlib.input.cells import disability as disability_cell
from voucherlib.input.cells import month as month_cell
from voucherlib.input.headers import columns_said

__all__ = [
    "EMPTY",
    "OPEN_END",
    "DayColumn",
    "FlatPeriods",
    "arrow_periods",
    "cell",
    "cells_at",
    "day_first_cells",
    "disability_texts",
    "flatten_periods",
    "is_arrow_text",
    "noted_period_cells",
    "read_days",
    "read_flags",
    "read_months",
    "refused_in_its_row",
    "table_columns",
]

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]

NAT = np.iinfo(np.int64).min
EMPTY = np.iinfo(np.int32).min
"""The day number of an empty cell (no date is that far back: datetime.date starts in year 1)."""
_FIRST_DAY, _LAST_DAY = dt.date.min.toordinal() - 719_163, dt.date.max.toordinal() - 719_163
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_PER_DAY = {"h": 24, "m": 24 * 60, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}
_MISSING = object()
"""A distinct value that means "empty cell"."""
_BAD = object()
"""A distinct value that is not acceptable (the row goes to the one-at-a-time path)."""


@dataclass(frozen=True, slots=True)
class DayColumn:
    """A date column as int32 day numbers (days since 1970-01-01); an empty cell is ``EMPTY``."""

    days: Int32Array
    """Meaningless where ``bad``."""
    bad: BoolArray | None
    """Cells that are not a date under the policy (None when there is none)."""
    span: tuple[int, int] | None = None
    """The first and the last day of the column, where the reading knows them (then no cell is
    empty or bad); None otherwise."""


# ---------------------------------------------------------------- the table


def _library_of(frame: Any) -> tuple[str, str]:
    """(the library, the class) of the table class of pandas, Polars or pyarrow that ``frame`` is
    or derives from (a geopandas ``GeoDataFrame``, a caller's own subclass of a DataFrame: review
    183 F3, refused as no DataFrame), else its own module's root and class."""
    for cls in type(frame).__mro__:
        root = cls.__module__.split(".")[0]
        if root in ("pandas", "polars", "pyarrow"):
            return root, cls.__name__
    return type(frame).__module__.split(".")[0], type(frame).__name__


def table_columns(frame: Any, names: Sequence[str]) -> tuple[dict[str, Any], Any, int]:
    """(column by name, the pandas index or None, the number of rows) of ``frame``.

    ``frame`` may be a pandas DataFrame, a pyarrow Table (or RecordBatch), a Polars DataFrame or
    a mapping of equal-length columns. No column is copied where that can be avoided. A column
    is found by its name or, when no column has it, by a header a file may give it
    (:data:`~voucherlib.input.headers.COLUMN_NAMES`: ``მომსახურების თვე`` for ``month``, case and
    spacing ignored), as the file readers find it (review 74: a Georgian-locale file read by
    ``pandas.read_csv`` was refused where ``settle_file`` read it).
    """
    module, kind = _library_of(frame)
    index = None
    objects: dict[str, Any] = {}
    if module == "polars" and kind == "LazyFrame":  # (its .columns warns: review 75)
        raise InvalidInput("frame", frame, expected("lazy_frame"))
    given: list[Any] | None = None  # (a Polars frame's own columns, for a refusal to show)
    if module == "polars" and kind == "DataFrame":
        given = list(frame.columns)
        labels = _labels_of(given, names)
        # (its input columns alone: another of a type Arrow cannot take is no concern, review 77)
        frame = frame.select(list(labels.values())).rename({label: name for name, label in labels.items()})
        frame, objects = _polars_to_arrow(frame, names)
        module = "pyarrow"
    if module == "pyarrow" and hasattr(frame, "column_names"):
        present = list(frame.column_names)
        labels = _labels_of(present, names)  # (a column twice refused: pyarrow's own KeyError otherwise, review 75)
        schema = frame.schema
        cols = {
            name: _arrow_column(frame.column(label), name, schema.field(label))
            for name, label in labels.items()
            if name not in objects
        }
        cols |= objects
    elif module == "pandas" and hasattr(frame, "columns") and hasattr(frame, "index"):
        present = list(frame.columns)
        labels = _labels_of(present, names)  # (each label once: get_loc gives its position)
        cols = {name: _pandas_column(frame, frame.columns.get_loc(label), name) for name, label in labels.items()}
        index = frame.index
    elif isinstance(frame, Mapping):
        frame = held_items(frame)  # (a dict's columns as it holds them: D43)
        present = list(frame)
        cols = {name: _mapping_column(name, frame[label]) for name, label in _labels_of(present, names).items()}
        _one_length(cols)  # (before the Series' labels are compared: review 77 saw a length named as labels)
        cols, index = _series_by_position(cols)
    else:
        raise InvalidInput(
            "frame", frame, f"a pandas or Polars DataFrame, a pyarrow Table or a mapping of columns {', '.join(names)}"
        )
    missing = [name for name in names if name not in cols]
    if missing:  # (the frame's own columns shown as what was given: review 74 saw the missing ones there)
        present = given if given is not None else present
        raise InvalidInput(
            "frame",
            ", ".join(map(str, present[:_SHOWN_COLUMNS])) + (", ..." if len(present) > _SHOWN_COLUMNS else ""),
            expected("columns_missing", columns=columns_said(names), missing=columns_said(missing)),
        )
    return cols, index, _one_length(cols)


def _one_length(cols: Mapping[str, Any]) -> int:
    """The number of rows of ``cols`` (0 for none), which must all have it: else a refusal naming
    the first column whose length is not the most columns' and that of the first column of it
    (review 251 F3: "got [2, 3]" named no column, and ``settle_arrays``' columns have no names
    the caller wrote)."""
    lengths = {name: len(column) for name, column in cols.items()}
    if len(set(lengths.values())) > 1:
        counts = Counter(lengths.values())
        usual = max(counts, key=lambda n: (counts[n], n))  # (a tie: the longer, so the shorter is named)
        first = next(name for name, n in lengths.items() if n == usual)
        name, n = next((name, n) for name, n in lengths.items() if n != usual)
        raise InvalidInput(
            f"frame.{name}",
            Reason.phrase("value.cells", of=cols[name], count=n),
            expected("one_length", first=first, count=usual),
        )
    return next(iter(lengths.values()), 0)


_SHOWN_COLUMNS = 20
"""The columns of a frame a refusal of it shows (the first ones)."""


def _labels_of(present: Sequence[Any], names: Sequence[str]) -> dict[str, Any]:
    """Each of ``names`` found among the labels ``present``: -> its label, the one label that is
    the name or a header a file may give it (:data:`~voucherlib.input.headers.COLUMN_NAMES`,
    compared as :func:`~voucherlib.input.files.normalise_header` compares: ``MONTH``, ``თვე``);
    two such labels are refused, naming both, as a file's two headers of one column are (review
    78: ``month`` beside ``თვე`` was taken without a word where ``settle_file`` refuses). A name
    found nowhere is left out (the caller names it missing)."""
    from voucherlib.input.files import normalise_header

    texts = [(label, normalise_header(label)) for label in present if isinstance(label, str)]
    found: dict[str, Any] = {}
    for name in names:
        headers = _headers_of(name)
        alike = [label for label, text in texts if text in headers]
        if len(alike) > 1:
            raise InvalidInput("frame", ", ".join(alike), expected("column_once", column=name))
        if alike:
            found[name] = alike[0]
    return found


@cache
def _headers_of(name: str) -> frozenset[str]:
    """The headers that name column ``name`` (its own name among them), as compared."""
    from voucherlib.input.files import normalise_header
    from voucherlib.input.headers import COLUMN_NAMES

    return frozenset(normalise_header(h) for h in (name, *COLUMN_NAMES.get(name, ())))


def _mapping_column(name: str, column: Any) -> Any:
    """A column of a mapping of columns, checked to be one: a list, a tuple, a 1-D array (a
    masked one with its masked cells empty: NaT in a date column, None elsewhere), a Series or
    an Arrow array. Anything else (a scalar, an iterator, a set, a 2-D array) is refused. A
    Polars Series is read as a Polars frame's column is, through Arrow (review 150 F1: numpy's
    reading of a Series with a time zone gave its UTC wall time, a day on, never refused)."""
    if type(column).__module__.split(".")[0] == "polars" and type(column).__name__ == "Series":
        table, objects = _polars_to_arrow(column.to_frame(name), [name])
        return objects[name] if name in objects else _arrow_column(table.column(name), name, table.schema.field(name))
    if isinstance(column, np.ma.MaskedArray):
        mask, data = np.ma.getmaskarray(column), np.ma.getdata(column)
        if mask.any():
            data = data.copy() if data.dtype.kind == "M" else data.astype(object)
            data[mask] = np.datetime64("NaT") if data.dtype.kind == "M" else None
        column = data
    if (
        isinstance(column, (str, bytes, Mapping, AbstractSet))
        or getattr(column, "ndim", 1) != 1
        or len(getattr(column, "shape", (0,))) != 1  # a table as a column: pyarrow, Polars
        or hasattr(column, "column_names")
        or not hasattr(column, "__len__")
        or not hasattr(column, "__getitem__")
    ):
        raise InvalidInput(f"frame.{name}", column, expected("column_cells"))
    return held_items(column)  # (a list's or tuple's cells as it holds them: D43, review 158 F2)


def _series_by_position(cols: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The columns of a mapping with each pandas Series as its values in order, and the one index
    the Series share (None: no Series). A Series is read by position, as a frame's column is
    (review 75: a row settled one at a time read ``series[i]``, the row *labelled* i, and was
    paid another row's amount); Series whose indexes differ are refused, naming the column (it
    is not known which row goes with which: a DataFrame of them lines them up by label)."""
    index = None
    first = ""
    for name, column in cols.items():
        if not _is_series(column):
            continue
        if index is None:
            index, first = column.index, name
        elif not column.index.equals(index):
            raise InvalidInput(f"frame.{name}", _shown_index(column.index), expected("one_index", first=first))
        cols[name] = _pandas_values(column.array)
    return cols, index


def _is_series(column: Any) -> bool:
    return type(column).__module__.split(".")[0] == "pandas" and hasattr(column, "index") and hasattr(column, "array")


def _shown_index(index: Any) -> list[Any]:
    """An index as a message shows it: its first five labels."""
    return list(index[:5].tolist())


def _polars_to_arrow(frame: Any, names: Sequence[str]) -> tuple[Any, dict[str, Any]]:
    """A Polars frame as a pyarrow Table, and its ``Object`` columns among ``names`` apart as
    arrays of their Python objects: Arrow has no type for them, and Polars hands over each
    object's address as 8 bytes (review 14)."""
    import polars as pl

    objects = {name: _plain(frame.get_column(name).to_list()) for name in names if frame.schema.get(name) == pl.Object}
    if objects:
        frame = frame.drop(list(objects))
    import pyarrow as pa

    try:  # plain Arrow types (string, not string_view): every pyarrow kernel takes them
        return frame.to_arrow(compat_level=pl.CompatLevel.oldest()), objects
    except (AttributeError, TypeError):  # pragma: no cover - older Polars
        return frame.to_arrow(), objects
    except pa.ArrowException:  # a type Arrow has no reader for (Int128: review 75), named
        for name in [n for n in names if n in frame.columns] or list(frame.columns):
            try:
                frame.select(name).to_arrow(compat_level=pl.CompatLevel.oldest())
            except pa.ArrowException:
                raise InvalidInput(f"frame.{name}", str(frame.schema[name]), expected("arrow_type")) from None
        raise


def _arrow_column(column: Any, name: str = "", field: Any = None) -> Any:
    """An Arrow column as the engine reads it: pandas' ``Period`` extension type (what
    ``pa.Table.from_pandas`` makes of a ``Period`` column, its storage the periods' ordinals)
    as the pandas ``PeriodArray`` it stands for, read as in a pandas frame (review 14); any
    other column as it is. A Period column whose data is not what its type says is refused,
    naming ``name`` (review 183 F2: a Feather file of a categorical Period column is read back
    with the dictionary's indices as its storage, which pandas read as ordinals, an IndexError)."""
    kind = column.type
    if getattr(kind, "extension_name", None) == "pandas.period":
        import pyarrow as pa

        try:
            column.validate()
        except pa.ArrowInvalid:  # (review 197 F5: the one way it comes, said)
            raise InvalidInput(f"frame.{name or 'month'}", str(kind), expected("period_indices")) from None
        return column.to_pandas().array
    if getattr(getattr(kind, "value_type", None), "extension_name", None) == "pandas.period":
        return _arrow_column(_dictionary_values(column), name)  # a categorical Period column (review 183 F4)
    if field is not None and (field.metadata or {}).get(b"ARROW:extension:name") == b"pandas.period":
        return _period_storage(column, name, field.metadata)
    return column


def _dictionary_values(column: Any) -> Any:
    """A dictionary-encoded Arrow column as the column of its values, each index taken (a cast
    does not decode a dictionary of an extension type)."""
    import pyarrow as pa

    return pa.chunked_array([chunk.dictionary.take(chunk.indices) for chunk in _chunks(column)], column.type.value_type)


def _period_storage(column: Any, name: str, metadata: Mapping[bytes, bytes]) -> Any:
    """A column of pandas' ``Period`` type whose type a reader of the file did not know: its
    storage, the periods' ordinals (dictionary-encoded for a categorical column), its field
    naming the type and its frequency (what a Feather or IPC file of ``pa.Table.from_pandas`` is
    read back as, whether pandas is imported or not: review 183 F4, each month refused as "got
    621", its ordinal). Monthly ordinals are months since January 1970 (numpy's
    ``datetime64[M]``, no pandas needed); any other frequency is read by pandas as its
    ``PeriodArray``; storage of any other type is refused, naming the column."""
    import json

    import pyarrow as pa

    field = f"frame.{name or 'month'}"
    kind = column.type
    if pa.types.is_dictionary(kind):
        column, kind = _dictionary_values(column), kind.value_type
    try:
        freq = json.loads(metadata.get(b"ARROW:extension:metadata", b"{}")).get("freq")
    except (ValueError, AttributeError):
        freq = None
    if not pa.types.is_int64(kind) or not isinstance(freq, str):
        raise InvalidInput(field, f"pandas.period of {kind}", expected("arrow_type"))
    ordinals = column.fill_null(NAT).to_numpy()
    if freq in ("M", "ME"):
        return ordinals.view("datetime64[M]")
    import pandas as pd

    try:
        return pd.arrays.PeriodArray(ordinals, dtype=pd.PeriodDtype(freq))
    except (ValueError, TypeError):
        raise InvalidInput(field, f"pandas.period[{freq}]", expected("arrow_type")) from None


def _pandas_column(frame: Any, loc: int, name: str) -> Any:
    """A pandas column as a numpy array, or as an Arrow array when pandas keeps it in Arrow."""
    # _get_column_array skips building a Series per column (about 15 us each, which counts at 10k rows).
    getter = getattr(frame, "_get_column_array", None)
    return _pandas_values(getter(loc) if getter is not None else frame[name].array)


def _pandas_values(values: Any) -> Any:
    """A pandas column's array (a Series' ``.array``) as a numpy array, or as an Arrow array
    when pandas keeps it in Arrow."""
    if isinstance(values, np.ndarray):
        return values
    kind = type(values).__name__
    if kind.startswith("Arrow"):  # ArrowStringArray, ArrowExtensionArray: hand over the Arrow data
        import pyarrow as pa

        return _arrow_column(pa.chunked_array(pa.array(values)))
    if kind == "DatetimeArray" and getattr(values, "tz", None) is None:
        return values.to_numpy()
    if kind == "BooleanArray":
        return values  # read_flags reads its mask
    if kind == "PeriodArray":
        return values  # read_months reads its ordinals
    return np.asarray(values, dtype=object)


def _is_arrow(column: Any) -> bool:
    return type(column).__module__.split(".")[0] == "pyarrow"


def is_arrow_text(column: Any) -> bool:
    """Whether ``column`` is Arrow text (what pandas 3's read_csv gives, with pyarrow installed)."""
    if not _is_arrow(column):
        return False
    import pyarrow as pa

    kind = column.type
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind))


def _chunks(column: Any) -> list[Any]:
    return list(column.chunks) if hasattr(column, "chunks") else [column]


def cell(column: Any, i: int) -> Any:
    """The Python value of row ``i`` of ``column``, as the one-at-a-time path should see it (an
    Arrow value Python has no type for: :func:`arrow_value`)."""
    if _is_arrow(column):
        return arrow_value(column[i])
    return column[i]


def cells_at(column: Any, rows: Any) -> list[Any]:
    """The Python values of ``rows`` (an int array) of ``column``, as :func:`cell` gives each, at
    once (an Arrow column's taken and converted in C, a numpy column's by its rows)."""
    if _is_arrow(column):
        try:
            return arrow_values(column.take(rows))
        except Exception:  # an encoding take has no kernel for (run-end, string view): one by one
            return [cell(column, i) for i in rows.tolist()]
    if isinstance(column, np.ndarray):
        return column[rows].tolist()  # type: ignore[no-any-return]
    return [column[i] for i in rows.tolist()]


def arrow_values(column: Any) -> list[Any]:
    """The Python values of an Arrow column (``to_pylist()``), each value Python has no type for
    as :func:`arrow_value` gives it (review 51: a ``date32`` of year 10183 stopped the batch with
    ``OverflowError``)."""
    import pyarrow as pa

    # (a map's cells are mappings, which to_pylist() gives as (key, value) pairs that read as
    # status periods: review 70; read value by value, as mappings)
    if not _hides_a_value(column) and not _holds(column.type, pa.types.is_map):
        try:
            return list(column.to_pylist())
        except (OverflowError, ValueError):
            pass
    return [arrow_value(column[i]) for i in range(len(column))]


def _hides_a_value(column: Any) -> bool:
    """Whether an Arrow column holds, at any depth (in a list, a struct, a dictionary), a value that
    ``to_pylist()`` says wrongly without a word: a 64-bit date or time of the smallest int64, which
    a ``timestamp[ns]`` gives as NaT (an empty cell), or a ``date64`` with a time of day, which it
    gives as its day (review 54: with a time zone, or in a list of status periods, both were paid)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not _holds_64_bit_times(column.type):  # (by its type alone: no value looked at)
        return False
    for chunk in _chunks(column):
        kind = chunk.type
        if isinstance(kind, pa.ExtensionType):  # (the values it stores; review 55)
            inner = [chunk.storage]
        elif pa.types.is_map(kind):
            inner = [chunk.keys, chunk.items]
        elif pa.types.is_dictionary(kind):
            inner = [chunk.dictionary]
        elif pa.types.is_run_end_encoded(kind):
            inner = [chunk.values]
        elif pa.types.is_struct(kind):
            inner = [chunk.field(i) for i in range(kind.num_fields)]
        elif hasattr(chunk, "flatten") and (
            pa.types.is_list(kind)
            or pa.types.is_large_list(kind)
            or pa.types.is_fixed_size_list(kind)
            or pa.types.is_list_view(kind)
        ):
            inner = [chunk.flatten()]
        elif pa.types.is_timestamp(kind) or pa.types.is_date64(kind):
            counts = chunk.cast(pa.int64())
            if pc.any(pc.equal(counts, NAT)).as_py():
                return True
            if (
                pa.types.is_date64(kind)
                and pc.any(pc.not_equal(pc.multiply(pc.divide(counts, _PER_DAY["ms"]), _PER_DAY["ms"]), counts)).as_py()
            ):
                return True
            continue
        else:
            continue
        if any(_hides_a_value(part) for part in inner):
            return True
    return False


def _holds_64_bit_times(kind: Any) -> bool:
    """Whether an Arrow type is, or holds at any depth, a 64-bit date or time (``timestamp``,
    ``date64``), the only values :func:`_hides_a_value` looks for."""
    import pyarrow as pa

    return _holds(kind, lambda k: pa.types.is_timestamp(k) or pa.types.is_date64(k))


def _holds(kind: Any, test: Callable[[Any], bool]) -> bool:
    """Whether an Arrow type passes ``test``, or holds at any depth (in a list, a struct, a map, a
    dictionary, an extension type) a type that does."""
    import pyarrow as pa

    if test(kind):
        return True
    if isinstance(kind, pa.ExtensionType):
        return _holds(kind.storage_type, test)
    if pa.types.is_dictionary(kind) or pa.types.is_run_end_encoded(kind):
        return _holds(kind.value_type, test)
    if pa.types.is_map(kind):
        return _holds(kind.key_type, test) or _holds(kind.item_type, test)
    if pa.types.is_struct(kind):
        return any(_holds(kind.field(i).type, test) for i in range(kind.num_fields))
    value_type = getattr(kind, "value_type", None)  # a list of any kind
    return value_type is not None and _holds(value_type, test)


def arrow_value(scalar: Any) -> Any:
    """An Arrow scalar's Python value (``as_py()``); a date or time outside Python's years (a
    ``date32`` or ``date64`` of year 10183 or -5877641, a timestamp of year -290308) as the
    ``numpy.datetime64`` of the same count of its unit, which the date policy refuses naming its
    year, or, where numpy has none (the smallest int64, numpy's NaT, a value in Arrow), a text of
    that count, refused as no date: never an empty cell. A list's values likewise."""
    import pyarrow as pa

    kind = scalar.type
    if scalar.is_valid and (
        pa.types.is_dictionary(kind) or pa.types.is_run_end_encoded(kind) or isinstance(kind, pa.ExtensionType)
    ):
        return arrow_value(scalar.value)  # (the value it stands for, or stores, checked as such)
    if scalar.is_valid and (pa.types.is_timestamp(kind) or pa.types.is_date64(kind)):
        count = scalar.cast(pa.int64()).as_py()
        if count == NAT:  # (as_py() of a timestamp[ns] gives NaT: an empty cell)
            return f"{count} {'ms' if pa.types.is_date64(kind) else kind.unit} from 1970-01-01"
        if pa.types.is_date64(kind) and count % _PER_DAY["ms"]:  # a time of day, which as_py() drops (review 53)
            return np.datetime64(count, "ms")
    if scalar.is_valid and pa.types.is_struct(kind):  # each field as such a value (review 54)
        return {field.name: arrow_value(scalar[field.name]) for field in kind}
    if scalar.is_valid and pa.types.is_map(kind):  # a mapping, not (key, value) pairs read as periods (review 70)
        pairs = scalar.values  # (a struct array of its keys and items)
        return {"map": [(arrow_value(p[0]), arrow_value(p[1])) for p in pairs]} if pairs is not None else {"map": []}
    if scalar.is_valid and hasattr(scalar, "values") and scalar.values is not None:  # a list of any kind
        return [arrow_value(v) for v in scalar.values]
    try:
        return scalar.as_py()
    except (OverflowError, ValueError):
        if not scalar.is_valid:  # (an empty cell of any type)
            return None
        if not (pa.types.is_date(kind) or pa.types.is_timestamp(kind)):
            raise
        unit = "D" if pa.types.is_date32(kind) else "ms" if pa.types.is_date64(kind) else kind.unit
        count = scalar.cast(pa.int32() if pa.types.is_date32(kind) else pa.int64()).as_py()
        return np.datetime64(count, str(unit))  # type: ignore[call-overload]


# ---------------------------------------------------------------- one value, by the policy


def policy_date(value: Any) -> dt.date | None:
    """The date a (non-empty) cell stands for under the date policy (:func:`as_date`), or None."""
    if type(value) is dt.date:
        return value
    try:
        return as_date(value, "date")
    except VoucherError:
        return None


def scalar_value(value: Any, optional: bool, month: bool = False) -> Any:
    """A cell as the one-at-a-time API takes it: an empty cell of an optional column is None (as
    in a file), of another column None too unless it is an empty text (refused as ``''``, as a
    file's: NaN, ``pd.NA`` and NaT are None whatever the frame's engine, review 31); a
    ``datetime64[M]`` in a ``month`` column is its first day; a numpy scalar that is no date is
    its Python value; anything else unchanged (the API reads it by the date policy or refuses
    it, naming the field)."""
    if is_empty(value):
        return None if optional or not isinstance(value, str) else value
    if isinstance(value, np.datetime64):
        if month and np.datetime_data(value.dtype)[0] == "M":
            day = first_day_of_month_value(value)  # (past date's years: the value itself, review 51)
            return day if day is not None else value
        return value
    if isinstance(value, np.generic):
        return value.item()
    return value


def _day_of(value: Any) -> Any:
    """A distinct cell of a date column: its day number, _MISSING or _BAD."""
    if is_empty(value):
        return _MISSING
    day = policy_date(value)
    return _BAD if day is None else day.toordinal() - _EPOCH_ORDINAL


def _month_of(value: Any) -> Any:
    """A distinct cell of a month column: months since 1970-01, or _BAD (an empty month too)."""
    if is_empty(value):
        return _BAD
    try:
        m = Month.of(scalar_value(value, optional=False, month=True))
    except VoucherError:
        return _BAD
    return _month_number(m)


def _month_number(month: Month) -> int:
    return (month.year - 1970) * 12 + month.month - 1


def _day_number(day: dt.date | None) -> Any:
    return _MISSING if day is None else day.toordinal() - _EPOCH_ORDINAL


class _DayFirst:
    """A distinct cell of a date (or month) column whose texts are written day first (D35): a
    text as :func:`voucherlib.input.cells.date` (or :func:`~voucherlib.input.cells.month`) reads
    it with ``day_first``, numbered (its day number or _MISSING, its month number), or _BAD;
    anything else as :func:`_day_of` (or :func:`_month_of`) reads it. A date that can only be
    month first raises :class:`FileRefused` (the whole table is refused)."""

    def __init__(self, field: str, month: bool = False) -> None:
        self.field, self.month = field, month
        self.cell: Callable[..., Any] = month_cell if month else date_cell
        self.number: Callable[[Any], Any] = _month_number if month else _day_number
        self.other: Callable[[Any], Any] = _month_of if month else _day_of

    def __call__(self, value: Any) -> Any:
        if not isinstance(value, str):
            return self.other(value)
        try:
            found = self.cell(value, self.field, day_first=True)
        except FileRefused:
            raise
        except VoucherError:
            return _BAD
        return self.number(found)


# ---------------------------------------------------------------- distinct values


def _by_distinct(values: npt.NDArray[Any], read: Any) -> tuple[IntArray, BoolArray | None, BoolArray | None]:
    """Read an object column by its distinct values: (numbers, missing, bad).

    Text (or dates) only, the usual case, is factorized by pandas at C speed. Anything else goes
    through a dict keyed by type and value, so that values Python calls equal but the policy
    reads differently (``numpy.datetime64('2021-11')`` and ``numpy.datetime64('2021-11-01')``,
    ``True`` and ``1``) are never taken for one another."""
    try:
        import pandas as pd

        kind = pd.api.types.infer_dtype(values, skipna=True)
        # (text alone is factorized by its characters; text beside a blank, and dates, by their own
        # __eq__ and __hash__, so only a column of plain dates: a subclass's may lie, review 292
        # F1; a text subclass beside a blank is found among the distinct values: review 293 F1)
        if kind in ("string", "empty") or (kind == "date" and _plain_dates(values)):
            codes, uniques = pd.factorize(values, use_na_sentinel=False)
            distinct = np.asarray(uniques, dtype=object).tolist()
            if kind != "string" or all(type(u) is str or not isinstance(u, str) for u in distinct):
                return _from_codes(np.asarray(codes), [read(u) for u in distinct])
    except ImportError:  # pragma: no cover - numpy alone
        pass
    seen: dict[Any, int] = {}
    parsed: list[Any] = []
    codes = np.empty(len(values), dtype=np.intp)
    for i, value in enumerate(values.tolist() if values.dtype.kind != "O" else values):
        key = _key(value)
        code = seen.get(key) if key is not None else None
        if code is None:
            code = len(parsed)
            parsed.append(read(value))
            if key is not None:
                seen[key] = code
        codes[i] = code
    return _from_codes(codes, parsed)


def _plain_dates(values: npt.NDArray[Any]) -> bool:
    """Whether every date of an object column is a plain ``datetime.date`` (a blank as pandas
    holds it besides)."""
    return all(
        t is dt.date or not issubclass(t, dt.date) or t.__module__.startswith("pandas") for t in set(map(type, values))
    )


def _key(value: Any) -> Any:
    """A dict key that tells apart what the policy reads differently; None when there is none."""
    if isinstance(value, np.datetime64):
        return (np.datetime64, value.dtype.str, int(value.view(np.int64)))
    try:
        kind = type(value)  # (a plain value as it is; a subclass by what it holds: review 292 F1)
        key = (kind, value) if kind is str or kind is dt.date or kind is int else held_key(value)
        return key if hash(key) is not None else None
    except Exception:  # a cell whose hash fails is read on its own (and refused)
        return None


def _from_codes(codes: npt.NDArray[Any], parsed: list[Any]) -> tuple[IntArray, BoolArray | None, BoolArray | None]:
    table = np.array([p if isinstance(p, int) else EMPTY if p is _MISSING else 0 for p in parsed], dtype=np.int64)
    is_missing = np.array([p is _MISSING for p in parsed], dtype=bool)
    is_bad = np.array([p is _BAD for p in parsed], dtype=bool)
    numbers = table[codes] if table.size else np.zeros(len(codes), dtype=np.int64)
    missing = is_missing[codes] if is_missing.any() else None
    bad = is_bad[codes] if is_bad.any() else None
    return numbers, missing, bad


def _fixed_width(chunk: Any, width: int) -> npt.NDArray[np.uint8] | None:
    """The present cells of an Arrow text chunk as a (cells, width) byte matrix, when each has
    exactly ``width`` bytes (and each empty cell none); else None."""
    import pyarrow as pa

    if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)) or len(chunk) == 0:
        return None
    kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    offsets = np.frombuffer(chunk.buffers()[1], dtype=kind, count=len(chunk) + 1 + chunk.offset)[chunk.offset :]
    lengths = np.diff(offsets)
    if chunk.null_count:
        present = chunk.is_valid().to_numpy(zero_copy_only=False)
        if not np.array_equal(lengths, present * width):
            return None
    elif not (lengths == width).all():
        return None
    start, stop = int(offsets[0]), int(offsets[-1])
    data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8, count=stop)[start:stop]
    return data.reshape(-1, width)


def _digit_pairs() -> npt.NDArray[np.uint8]:
    """Two ASCII digits read as a little-endian uint16 -> their value 0..99; 255 for anything else."""
    if not _PAIRS:
        table = np.full(65_536, 255, dtype=np.uint8)
        for tens in range(10):
            for ones in range(10):
                table[(48 + tens) | ((48 + ones) << 8)] = tens * 10 + ones
        _PAIRS.append(frozen_array(table))
    pairs: npt.NDArray[np.uint8] = _PAIRS[0]
    return pairs


_PAIRS: list[npt.NDArray[np.uint8]] = []


def _pair(matrix: npt.NDArray[np.uint8], at: int) -> npt.NDArray[np.uint8]:
    values: npt.NDArray[np.uint8] = _digit_pairs()[matrix[:, at : at + 2].view("<u2")[:, 0]]
    return values


def _months_of_text(chunk: Any) -> IntArray | None:
    """A chunk of ``YYYY-MM`` text (years 1900 to 2199, none empty) as months since 1970-01;
    None when any cell is something else (then each distinct cell is parsed by Month.of)."""
    if chunk.null_count:
        return None
    text = _fixed_width(chunk, 7)
    if text is None:
        return None
    century, year, month = _pair(text, 0), _pair(text, 2), _pair(text, 5)
    years = century.astype(np.int32) * 100 + year
    ok = (text[:, 4] == 45) & (century != 255) & (year != 255) & (month >= 1) & (month <= 12)
    ok &= (years >= 1900) & (years <= 2199)
    if not ok.all():
        return None
    return ((years - 1970) * 12 + month - 1).astype(np.int64)


def _looks_iso(text: str) -> bool:
    """Whether ``text`` may be an ISO day, ``YYYY-MM-DD`` (a cheap look: the cast decides)."""
    return len(text) == 10 and text[4] == "-" and text[7] == "-"


def _days_of_text(chunk: Any) -> Int32Array | None:
    """A chunk of ISO ``YYYY-MM-DD`` text as day numbers (an empty cell EMPTY), parsed by Arrow;
    None when any present cell is something else (then each distinct cell is parsed one by one)."""
    import pyarrow as pa

    # Arrow's cast takes exactly YYYY-MM-DD (no space, no time, no sign, ASCII digits), all of
    # which as_date reads the same (a year 0 is refused below); anything else fails the cast.
    if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
        return None
    head = chunk[0] if len(chunk) else None
    if head is not None and head.is_valid and not _looks_iso(head.as_py()):
        return None  # (a cast of a chunk of day-first text fails, after a pass over it: review 113)
    try:
        dates = chunk.cast(pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    days = np.frombuffer(dates.buffers()[1], dtype=np.int32, count=len(dates) + dates.offset)[dates.offset :]
    if ((days < _FIRST_DAY) | (days > _LAST_DAY)).any():
        return None
    if dates.null_count:
        return np.where(dates.is_valid().to_numpy(zero_copy_only=False), days, EMPTY).astype(np.int32)
    return days


def _arrow_distinct(column: Any, read: Any) -> tuple[IntArray, BoolArray | None, BoolArray | None]:
    """An Arrow text (or other) column read chunk by chunk: plain ISO text at numpy speed, the
    rest by its distinct values."""
    import pyarrow as pa
    import pyarrow.compute as pc

    parts: list[tuple[npt.NDArray[Any], BoolArray | None, BoolArray | None]] = []
    cache: dict[Any, Any] = {}
    for chunk in _chunks(column):
        if pa.types.is_string_view(chunk.type):
            chunk = chunk.cast(pa.large_string())
        # (plain ISO text is the same read day first: D35; and it is no kind of date _Noted
        # notes, neither a date cell nor a text that can only be day first: the fast path skips it)
        base: Any = read.read if isinstance(read, _Noted) else read
        day_first = isinstance(base, _DayFirst)
        months = base is _month_of or (day_first and base.month)
        days = base is _day_of or (day_first and not base.month)
        fast = _months_of_text(chunk) if months else _days_of_text(chunk) if days else None
        if fast is not None:
            parts.append((fast, None, None))  # int32 days stay int32
            continue
        if pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type):
            encoded = pc.dictionary_encode(chunk)
            codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)
            words = encoded.dictionary.to_pylist()
            parsed = [cache[w] if w in cache else cache.setdefault(w, read(w)) for w in words]
            parsed.append(read(None))  # code -1: an empty cell
            parts.append(_from_codes(codes, parsed))
        else:
            values = np.empty(len(chunk), dtype=object)
            values[:] = arrow_values(chunk)
            parts.append(_by_distinct(values, read))
    return _concat(parts, len(column))


def _concat(
    parts: list[tuple[npt.NDArray[Any], BoolArray | None, BoolArray | None]], n: int
) -> tuple[npt.NDArray[Any], BoolArray | None, BoolArray | None]:
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return np.zeros(0, dtype=np.int64), None, None
    kinds = {p[0].dtype for p in parts}
    numbers = np.concatenate([p[0] for p in parts], dtype=kinds.pop() if len(kinds) == 1 else np.int64)

    def mask(k: int) -> BoolArray | None:
        if all(p[k] is None for p in parts):
            return None
        return np.concatenate([p[k] if p[k] is not None else np.zeros(len(p[0]), dtype=bool) for p in parts])

    return numbers, mask(1), mask(2)


# ---------------------------------------------------------------- dates


def _from_datetime64(arr: npt.NDArray[Any]) -> DayColumn:
    """A datetime64 column as day numbers: whole days of any unit from hours to days."""
    unit, count = np.datetime_data(arr.dtype)
    raw = _native(arr).view(np.int64)
    if spans_days(arr.dtype):  # not a day (a year, a week, 2D: review 282 F1): every value is refused
        present = raw != NAT
        return DayColumn(np.where(present, 0, EMPTY).astype(np.int32), present if present.any() else None)
    per = _PER_DAY.get(unit, 0) // count if unit in _PER_DAY and _PER_DAY[unit] % count == 0 else 0
    if per == 0 and not (unit == "D" and count == 1):  # an odd unit (e.g. 7h): value by value
        return _days_of_codes(*_by_distinct(arr.astype(object), _day_of))
    if raw.size:  # the common column: no empty cell, every value a whole day of date's years
        per_day = per or 1
        lowest, highest = int(raw.min()), int(raw.max())
        if lowest != NAT and lowest >= _FIRST_DAY * per_day and highest <= _LAST_DAY * per_day + per_day - 1:
            days64 = raw // per if per else raw
            if not per or not (days64 * per != raw).any():
                return DayColumn(days64.astype(np.int32), None, (lowest // per_day, highest // per_day))
    # NaT (the smallest int64) is an empty cell, tested before the division: divided, it is a
    # real day in every unit finer than ms (in ns it is 1677-09-21), so no clamp can find it.
    nat = raw == NAT
    days64 = raw // per if per else raw
    odd = (days64 < _FIRST_DAY) | (days64 > _LAST_DAY)  # outside datetime.date's years
    if per:
        odd |= days64 * per != raw  # a time of day (a multiplication: as exact as `raw % per`, and cheaper)
    if nat.any():
        days64 = np.where(nat, EMPTY, days64)
        odd &= ~nat
    days = np.where(odd, 0, days64).astype(np.int32) if odd.any() else days64.astype(np.int32)
    return DayColumn(days, odd if odd.any() else None)


def _native(arr: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``arr`` in the machine's byte order (a big-endian ``>M8`` column read by its bytes as
    they stand would be other days: copied, its values as numpy reads them)."""
    return arr if arr.dtype.isnative else arr.astype(arr.dtype.newbyteorder("="))


def _days_of_codes(numbers: IntArray, missing: BoolArray | None, bad: BoolArray | None) -> DayColumn:
    return DayColumn(numbers.astype(np.int32), bad)  # an empty cell's number is EMPTY already


def _arrow_dates(kind: Any) -> bool:
    """Whether an Arrow type holds dates read as numbers: a date, or a timestamp without a zone."""
    import pyarrow as pa

    return bool(
        pa.types.is_date32(kind) or pa.types.is_date64(kind) or (pa.types.is_timestamp(kind) and kind.tz is None)
    )


def _value_type(kind: Any) -> Any:
    """The type of the values an Arrow type holds: a dictionary's or a run-end encoding's values."""
    import pyarrow as pa

    if pa.types.is_dictionary(kind) or pa.types.is_run_end_encoded(kind):
        return kind.value_type
    return kind


def _decoded(column: Any) -> Any:
    """An Arrow column as the values it holds: a dictionary-encoded or run-end-encoded column of
    dates decoded to those dates (review 53: read value by value, a timestamp[ns] of the smallest
    int64 was NaT, an empty cell), any other as it is."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = column.type
    values = _value_type(kind)
    if values is kind or not _arrow_dates(values):
        return column
    return column.cast(values) if pa.types.is_dictionary(kind) else pc.run_end_decode(column)


def _arrow_days(column: Any, read: Any = _day_of) -> DayColumn:
    import pyarrow as pa

    column = _decoded(column)
    if _arrow_dates(column.type):
        parts: list[tuple[npt.NDArray[Any], BoolArray | None, BoolArray | None]] = []
        for chunk in _chunks(column):
            if pa.types.is_date32(chunk.type):
                raw = np.frombuffer(chunk.buffers()[1], dtype=np.int32, count=len(chunk) + chunk.offset)[chunk.offset :]
                # a day outside date's years is no date (review 51: day -2**31, the engine's EMPTY,
                # was an empty cell: a discharge of that day paid the whole month)
                odd = (raw < _FIRST_DAY) | (raw > _LAST_DAY)
                col = DayColumn(np.where(odd, 0, raw).astype(np.int32), odd) if odd.any() else DayColumn(raw, None)
            else:
                unit = "ms" if pa.types.is_date64(chunk.type) else chunk.type.unit
                raw64 = np.frombuffer(chunk.buffers()[1], dtype=np.int64, count=len(chunk) + chunk.offset)
                raw64 = raw64[chunk.offset :]
                col = _from_datetime64(raw64.view(f"datetime64[{unit}]"))
                smallest = raw64 == NAT  # numpy's NaT, but a value in Arrow (its nulls are in the bitmap)
                if smallest.any():
                    col = DayColumn(
                        np.where(smallest, 0, col.days).astype(np.int32),
                        smallest if col.bad is None else col.bad | smallest,
                    )
            days: npt.NDArray[Any] = col.days
            bad = col.bad
            if chunk.null_count:
                nulls = chunk.is_null().to_numpy(zero_copy_only=False)
                days = np.where(nulls, EMPTY, days).astype(np.int32)
                bad = None if bad is None else bad & ~nulls
            parts.append((days, None, bad))
        joined, _, bad = _concat(parts, len(column))
        return DayColumn(joined.astype(np.int32, copy=False), bad)
    if pa.types.is_null(column.type):
        return DayColumn(np.full(len(column), EMPTY, dtype=np.int32), None)
    numbers, _, bad = _arrow_distinct(column, read)
    return DayColumn(numbers.astype(np.int32, copy=False), bad)


def read_days(
    column: Any, day_first: str | None = None, *, name: str | None = None, kinds: DateKinds | None = None
) -> DayColumn:
    """A date column as day numbers, with its empty and its unreadable cells.

    ``day_first``: the column's name when its texts are written day first (D35): each text is
    read as :func:`voucherlib.input.cells.date` reads it with ``day_first``; a text that can
    only be month first refuses the table (:class:`FileRefused`, naming the first row, counted
    from 0, that holds it). ``kinds`` (with the column's ``name``): the kinds of date the read of
    the table has met (:class:`~voucherlib.input.cells.DateKinds`), in which this column's dates
    (``datetime``, ``Timestamp``, a datetime64 or Arrow date column: its first) and texts count:
    a table holding both refuses (a workbook read by ``pandas.read_excel`` after a spreadsheet
    read a day-first file month first, D35)."""
    column = _as_read(column)
    read = _noted(_day_of if day_first is None else _DayFirst(day_first), column, name, kinds)
    try:
        return _read_days(column, read)
    except FileRefused as error:
        raise _in_row(error, column, name) from None


class _Noted:
    """``read`` of one column's distinct cells, noting the kind of date each is in ``kinds``
    (:class:`~voucherlib.input.cells.DateKinds`)."""

    def __init__(self, read: Callable[[Any], Any], name: str, kinds: DateKinds, month: bool = False) -> None:
        self.read, self.name, self.kinds, self.month = read, name, kinds, month

    def __call__(self, value: Any) -> Any:
        self.kinds.meet(value, self.name, month=self.month)
        return self.read(value)


def _as_read(column: Any) -> Any:
    """A date or month column as it is read: an Arrow array, a numpy array or a pandas
    ``PeriodArray`` as it is, any other sequence as the numpy array it is read as (a
    ``DatetimeIndex`` or a ``Categorical`` of dates is a datetime64 array: so :func:`_noted`
    sees the typed column it is; review 116, a misread month was paid)."""
    if type(column).__name__ == "PeriodArray" and column.freqstr == "D":
        # (a daily Period column is a column of days: its ordinals are days from 1970-01-01, NaT
        # numpy's; review 251 F1, every row was refused)
        return np.asarray(column.asi8).view("datetime64[D]")
    if _is_arrow(column) or isinstance(column, np.ndarray) or type(column).__name__ == "PeriodArray":
        return column
    return np.asarray(_plain(column))


def _noted(read: Any, column: Any, name: str | None, kinds: DateKinds | None, month: bool = False) -> Any:
    """``read``, noting in ``kinds`` the kind of date each distinct cell of the column ``name`` is
    (:class:`_Noted`); a typed date column (datetime64, an Arrow date or timestamp: every value of
    it a date cell) is added to ``kinds`` whole, looked into only when a text that can only be day
    first is met. Without ``kinds`` (or ``name``), ``read`` itself."""
    if kinds is None or name is None:
        return read
    if (_is_arrow(column) and _arrow_dates(_value_type(column.type))) or (
        isinstance(column, np.ndarray) and column.dtype.kind == "M"
    ):
        kinds.later(name, partial(_first_date, column, month))
    return _Noted(read, name, kinds, month)


def _first_date(column: Any, month: bool = False) -> Any:
    """The first date of a typed date column (a ``datetime``), or None (none of datetime's years,
    or a unit that cannot be read in days). ``month``: the first on the 2nd to the 12th of its
    month, the sign of a month read the wrong way round (01/03/2022 made 3 January: review 113; a
    month's first day reads alike either way round, and a month-end date is no sign: review 114)."""
    try:
        if _is_arrow(column):
            column = _decoded(column)  # (dictionary- or run-end-encoded dates: review 115)
            if len(column) == column.null_count:
                return None
            valid = column if not column.null_count else column.drop_null()
            values = valid.to_numpy(zero_copy_only=False)
            # (as numpy's dates: the first of datetime's years, not the first of any; review 116,
            # a year-10000 value hid a later date, the smallest int64 crashed the check as NaT)
            if values.dtype.kind == "M":
                return _first_date(values, month)
            return None if month else valid[0].as_py()
        days = column.astype("datetime64[D]")  # (ps, fs, as: OverflowError; review 113)
        numbers = days.view(np.int64)
        # a date of datetime's years (NaT, the smallest int64, is none): the first such, not the
        # first of any year, is the one tried (review 115: a year-10000 value hid a later date)
        present = (numbers >= _FIRST_DAY) & (numbers <= _LAST_DAY)
        if month:  # (a day of 2 to 12: what a month read the wrong way round has, review 114)
            into = (days - days.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64)
            present &= (into >= 1) & (into <= 11)
        at = int(present.argmax())
        if not present[at]:
            return None
        return column[at].astype("datetime64[us]").item()  # (a day of datetime's years: no overflow)
    except (OverflowError, ValueError, TypeError):  # no day of datetime's years: refused as it is read
        return None


def _read_days(column: Any, read: Any) -> DayColumn:
    if _is_arrow(column):
        return _arrow_days(column, read)
    arr = column if isinstance(column, np.ndarray) else np.asarray(_plain(column))
    if arr.dtype.kind == "M":
        return _from_datetime64(arr)
    if arr.dtype.kind in "OUS":
        return _days_of_codes(*_by_distinct(arr.astype(object, copy=False), read))
    n = len(arr)
    if arr.dtype.kind == "f":  # NaN is an empty cell, as one at a time (read_csv of a column left
        # empty in every row gives float NaN: review 118, every row went one at a time, 19.6 s)
        empty = np.isnan(arr)
        return DayColumn(np.where(empty, EMPTY, 0).astype(np.int32), None if empty.all() else ~empty)
    return DayColumn(np.zeros(n, dtype=np.int32), np.ones(n, dtype=bool))  # numbers, bools: no dates


def refused_in_its_row(error: FileRefused, columns: Mapping[str, Any]) -> FileRefused:
    """``error``, a refusal of a table, naming the row of the column it names that holds its text
    (review 113: a refusal met reading one column quoted another's cell without its row)."""
    column = columns.get(str(error.field))
    return error if column is None else error.in_row(_first_row(column, error.value))


def _in_row(error: FileRefused, column: Any, name: str | None) -> FileRefused:
    """``error`` naming the row of ``column`` that holds its text, when the text is this column's
    (a refusal of the mixed kinds of date met reading this column may quote another column's cell:
    that is left to the caller, who has the table)."""
    if name is not None and error.field not in (name, "day_first"):
        return error
    return error.in_row(_first_row(column, error.value))


def _first_row(column: Any, text: object) -> int | None:
    """The first row of ``column`` whose cell is the text ``text`` (or, for a date cell, that date
    of the same type: review 114), or None."""
    values = arrow_values(column) if _is_arrow(column) else np.asarray(_plain(column)).tolist()
    for i, value in enumerate(values):
        if isinstance(value, str) and str.__str__(value) == text:
            return i
        if isinstance(text, dt.date) and type(value) is type(text) and value == text:
            return i
    return None


def disability_texts(cells: list[Any], rows: IntArray, day_first: bool, kinds: DateKinds | None = None) -> list[Any]:
    """The disability ``cells`` (of the table's rows ``rows``, none a flag) with each text read as
    a file's disability cell is read (:func:`voucherlib.input.cells.disability`: ``yes``/``no``,
    ``კი``/``არა``, ``true``/``false``, ``1``/``0``, or status periods ``FROM..TO;FROM..TO``, their
    dates day first when told), as ``pandas.read_csv`` gives a voucher file's column: status
    periods, "yes" as one period without ends (every day) and "no" as none, which the engine
    counts as it counts a flag. A text that reading refuses is left as it is (its row is refused
    one at a time, in that reading's words); a date that can only be month first refuses the
    table, naming its row, and so does an end that can only be day first when ``kinds`` (the
    kinds of date the table's read has met, D35) has met a date cell. Each distinct text is read
    once."""
    read: dict[str, Any] = {}

    def periods(cell_: Any) -> Any:
        if not isinstance(cell_, str):
            return cell_
        text = str.__str__(cell_)
        if text not in read:
            try:
                got = disability_cell(text, "disability", day_first=day_first, kinds=kinds)
            except FileRefused:
                raise
            except VoucherError:
                got = None
            read[text] = None if got is None else [(None, None)] if got is True else [] if got is False else list(got)
        # (one list for every row of that text: the engine reads it, never keeps it)
        return cell_ if read[text] is None else read[text]

    return _each_read(cells, rows, periods)


def day_first_cells(cells: list[Any], rows: IntArray, field: str, kinds: DateKinds | None = None) -> list[Any]:
    """The status periods ``cells`` (of the table's rows ``rows``) with their text ends written
    day first read as dates (D35: :func:`voucherlib.input.cells.day_first_periods`, each text
    end noted in ``kinds``). A cell whose ends that reading refuses is left as it is: its row is
    refused one at a time, with the same words. A date that can only be month first, or a text
    end beside date cells, refuses the table, naming its row."""
    return _each_read(cells, rows, lambda cell_: day_first_periods(cell_, field, kinds))


def noted_period_cells(cells: list[Any], rows: IntArray, field: str, kinds: DateKinds) -> None:
    """Note in ``kinds`` the text ends of the status periods ``cells`` (of the table's rows
    ``rows``) given in code, not read (:func:`voucherlib.input.cells.note_period_ends`); such a
    text beside date cells refuses the table, naming its row."""
    _each_read(cells, rows, lambda cell_: note_period_ends(cell_, field, kinds))


def _each_read(cells: list[Any], rows: IntArray, read: Callable[[Any], Any]) -> list[Any]:
    """Each of ``cells`` as ``read`` gives it, or as it is where ``read`` refuses it (its row is
    refused one at a time, in the same words); a :class:`FileRefused` refuses the table, naming
    the cell's row of ``rows``."""
    out = []
    for cell_, row in zip(cells, rows.tolist(), strict=True):
        try:
            cell_ = read(cell_)
        except FileRefused as error:
            raise error.in_row(row) from None
        except VoucherError:
            pass
        out.append(cell_)
    return out


def _plain(column: Any) -> Any:
    """A sequence or pandas extension array as something np.asarray keeps cell by cell."""
    if isinstance(column, (list, tuple)) or type(column).__name__.endswith("Array"):
        out = np.empty(len(column), dtype=object)
        out[:] = list(column)
        return out
    return column


# ---------------------------------------------------------------- months


def read_months(
    column: Any, day_first: str | None = None, *, name: str | None = None, kinds: DateKinds | None = None
) -> tuple[IntArray, BoolArray | None]:
    """A month column as months since 1970-01, with the cells that are not a month.

    ``day_first``: the column's name when its date texts are written day first (D35), and
    ``kinds`` with ``name``, as for :func:`read_days` (a month's date counts on the 2nd to the
    12th of its month alone: a month read the wrong way round has its month as its day)."""
    column = _as_read(column)
    read = _noted(_month_of if day_first is None else _DayFirst(day_first, month=True), column, name, kinds, True)
    try:
        return _read_months(column, read)
    except FileRefused as error:
        raise _in_row(error, column, name) from None


def _read_months(column: Any, read: Any) -> tuple[IntArray, BoolArray | None]:
    if type(column).__name__ == "PeriodArray":
        if column.freqstr in ("M", "ME"):
            months = np.asarray(column.asi8)
            bad = months == NAT
            return months, bad if bad.any() else None
        column = np.asarray(column, dtype=object)
    if _is_arrow(column):
        if _arrow_dates(column.type):
            return _months_of_days(_arrow_days(column))
        # Text, dictionary-encoded or not, and anything else: each distinct cell read as the
        # one-at-a-time API reads a month (a day written as text is no month: review 14).
        numbers, _, bad = _arrow_distinct(column, read)
        return numbers, bad
    arr = column if isinstance(column, np.ndarray) else np.asarray(_plain(column))
    if arr.dtype.kind == "M":
        unit, count = np.datetime_data(arr.dtype)
        if unit == "M":
            months = _native(arr).view(np.int64)
            if count != 1:  # (datetime64[2M]: a span of months, numpy's first kept: each refused, review 283 F1)
                return np.zeros_like(months), np.ones(months.shape, dtype=bool)
            bad = months == NAT
            return months, bad if bad.any() else None
        return _months_of_days(_from_datetime64(arr))
    numbers, _, bad = _by_distinct(arr.astype(object, copy=False), read)
    return numbers, bad


def _months_of_days(days: DayColumn) -> tuple[IntArray, BoolArray | None]:
    table = _month_of_day()
    if days.span is not None and days.span[0] >= 0 and days.span[1] < table.size:  # (no empty or bad cell)
        return table.take(days.days), None
    empty = days.days == EMPTY
    bad = _either(days.bad, empty if empty.any() else None)
    values = days.days if bad is None else np.where(bad, 0, days.days)
    if not values.size:
        return values.astype(np.int64), bad
    if int(values.min()) >= 0 and int(values.max()) < table.size:
        return table.take(values), bad  # (take: as indexing by an integer array, about twice as fast)
    return values.astype("datetime64[D]").astype("datetime64[M]").view(np.int64), bad


_MONTH_OF_DAY: list[npt.NDArray[np.int64]] = []


def _month_of_day() -> npt.NDArray[np.int64]:
    """Months since 1970-01 of each day from 1970-01-01 to 2199-12-31, made once (a look-up is
    several times faster than numpy's calendar conversion)."""
    if not _MONTH_OF_DAY:
        days = np.arange(np.datetime64("1970-01-01"), np.datetime64("2200-01-01"), dtype="datetime64[D]")
        table = days.astype("datetime64[M]").view(np.int64)  # (int64: the months as the engine holds them)
        _MONTH_OF_DAY.append(frozen_array(table))
    return _MONTH_OF_DAY[0]


def _either(a: BoolArray | None, b: BoolArray | None) -> BoolArray | None:
    return b if a is None else a if b is None else a | b


# ---------------------------------------------------------------- flags


def read_flags(column: Any) -> tuple[BoolArray, BoolArray | None, npt.NDArray[Any] | FlatPeriods | None]:
    """(the yes/no flags, the rows whose cell is something else, the column's cells as objects
    when there are such rows). Accepted: ``bool`` and ``numpy.bool_``, and the numbers 1 and 0
    of a numeric column (a file's cells 1 and 0 are yes and no). An Arrow column of status
    periods (:func:`arrow_periods`) gives its periods read, in place of the cells."""
    if _is_arrow(column):
        import pyarrow as pa

        if pa.types.is_boolean(column.type):
            nulls = None
            if column.null_count:
                nulls = column.is_null().to_numpy(zero_copy_only=False)
                column = column.fill_null(False)
            flags = column.to_numpy(zero_copy_only=False).astype(bool, copy=False)
            return flags, nulls, None
        periods = arrow_periods(column)
        if periods is not None:  # every cell a list of periods, read in Arrow (no Python object)
            return periods
        objects = np.empty(len(column), dtype=object)
        objects[:] = arrow_values(column)
        return read_flags(objects)
    if type(column).__name__ == "BooleanArray":
        mask = np.asarray(column.isna())
        return np.asarray(column.fillna(False), dtype=bool), (mask if mask.any() else None), None
    arr = column if isinstance(column, np.ndarray) else np.asarray(_plain(column))
    if arr.dtype == np.bool_:
        return arr, None, None
    if arr.dtype.kind in "iuf":  # 1 and 0, as read_csv reads a file's column of them: yes and no
        is_one = arr == 1
        other = ~(is_one | (arr == 0))  # any other number (NaN too) is read one at a time, and refused
        return (is_one, other, arr.astype(object)) if other.any() else (is_one, None, None)
    if arr.dtype.kind != "O":
        n = len(arr)
        return np.zeros(n, dtype=bool), np.ones(n, dtype=bool), arr.astype(object)
    arr = np.ascontiguousarray(arr)
    addresses = _addresses(arr)
    if addresses is not None:
        is_true = (addresses == id(True)) | (addresses == id(np.True_))
        other = ~(is_true | (addresses == id(False)) | (addresses == id(np.False_)))
    else:  # pragma: no cover - not CPython
        cells = arr.tolist()
        is_true = np.array([v is True or v is np.True_ for v in cells], dtype=bool)
        other = np.array([not isinstance(v, (bool, np.bool_)) for v in cells], dtype=bool)
    return is_true, (other if other.any() else None), arr


def _addresses(arr: npt.NDArray[Any]) -> npt.NDArray[np.uintp] | None:
    """The addresses of the objects of a contiguous object array, without touching them.

    ``True``, ``False``, ``numpy.True_`` and ``numpy.False_`` are singletons, so comparing
    addresses tells a flag from anything else at the speed of numpy (a million cells in about a
    millisecond, against some 40 ms for a Python loop). CPython only: there ``id`` is the address.
    """
    if sys.implementation.name != "cpython" or not arr.flags.c_contiguous or arr.size == 0:
        return None
    import ctypes

    buffer = (ctypes.c_size_t * arr.size).from_address(arr.ctypes.data)
    addresses: npt.NDArray[np.uintp] = np.frombuffer(memoryview(buffer), dtype=np.uintp)
    return addresses


# ---------------------------------------------------------------- status periods


@dataclass(frozen=True)
class FlatPeriods:
    """The status periods of an Arrow column's rows that are neither flag, read: ``rows`` (those
    rows), then the periods as :func:`flatten_periods` gives them for those rows' cells (``row``
    an index into ``rows``)."""

    rows: IntArray
    row: IntArray
    start: IntArray
    end: IntArray
    slow: BoolArray


def arrow_periods(column: Any) -> tuple[BoolArray, BoolArray | None, FlatPeriods] | None:
    """(the flags, the rows that are no flag, their periods) of an Arrow column whose cells are
    lists of ``{start, end}`` structs of ``date32`` (``list<struct<start: date32, end:
    date32>>``, its fields in either order, large lists too: what Polars'
    ``List(Struct({"start": Date, "end": Date}))`` and pandas' ``ArrowDtype`` of such lists
    hold), read from the Arrow buffers, without a Python object per cell; None for any other
    column, which is read through its Python values.

    Each cell reads as the same list of Python values would (:func:`flatten_periods`, D2): an
    empty list is no period, a missing start or end an open one. A cell that is the same as a
    flag is read as that flag (an empty list: no; one period open at both ends: yes), so
    ``settle_arrays``' ``status_days`` does not list its row. A row the one-at-a-time path must
    answer (a missing list or period, a period ending before it starts, a day Python's dates do
    not hold) is marked slow, with the reason given there; the others are taken."""
    import pyarrow as pa

    kind = column.type
    if not (pa.types.is_list(kind) or pa.types.is_large_list(kind)):
        return None
    value = kind.value_type
    if not pa.types.is_struct(value) or value.num_fields != 2:
        return None
    names = [value.field(i).name for i in range(2)]
    if sorted(names) != ["end", "start"] or not all(pa.types.is_date32(value.field(i).type) for i in range(2)):
        return None
    if isinstance(column, pa.ChunkedArray) and column.num_chunks > 1:
        # one array (a copy): a chunk costs about 0.1 ms to read, many small ones more than their
        # rows (review 106: 200,000 one-row chunks took 15 s)
        try:
            column = column.combine_chunks()
        except (pa.ArrowException, OverflowError):  # (more values than one array's offsets hold)
            pass
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    read = [_arrow_chunk_periods(chunk, names) for chunk in chunks]
    if not read:
        empty, no = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        return no, None, FlatPeriods(empty, empty, empty, empty, no)
    flags = np.concatenate([r[0] for r in read])
    not_flag = np.concatenate([r[1] for r in read])
    rows = np.flatnonzero(not_flag)
    seen = np.cumsum([0] + [int(r[1].sum()) for r in read])  # each chunk's first row among rows
    owner = np.concatenate([r[2].row + at for r, at in zip(read, seen.tolist(), strict=False)])
    start = np.concatenate([r[2].start for r in read])
    end = np.concatenate([r[2].end for r in read])
    slow = np.concatenate([r[2].slow for r in read])
    return flags, (not_flag if rows.size else None), FlatPeriods(rows, owner, start, end, slow)


def _arrow_chunk_periods(chunk: Any, names: list[str]) -> tuple[BoolArray, BoolArray, FlatPeriods]:
    """:func:`arrow_periods` of one chunk: its rows' flags, the rows that are no flag, their
    periods (rows and ``row`` numbered within the chunk)."""
    offsets = chunk.offsets.to_numpy()  # n + 1, into chunk.values (this chunk's slice of it)
    lengths = np.diff(offsets)
    periods = chunk.values
    missing_period = _nulls(periods)
    ends = dict(zip(names, periods.flatten(), strict=True))  # (a missing period: both ends missing)
    starts, start_open = _date32_days(ends["start"])
    finals, end_open = _date32_days(ends["end"])
    # a row of one period open at both ends: yes, every day (a gather and no mask: the number
    # past the last period, where a row of no period may point, is no such period)
    open_both = np.zeros(len(periods) + 1, dtype=bool)
    np.logical_and(start_open, end_open, out=open_both[:-1])
    open_both[:-1] &= ~missing_period
    flags = open_both[offsets[:-1]]
    flags &= lengths == 1
    not_flag = lengths > 0
    not_flag ^= flags
    if chunk.null_count:  # a missing list: its row one at a time, whatever its offsets span
        no_list = chunk.is_null().to_numpy(zero_copy_only=False)
        not_flag |= no_list
        lengths = np.where(no_list, 0, lengths)
    rows = np.flatnonzero(not_flag)
    counts = lengths[rows].astype(np.int64)
    row = np.repeat(np.arange(rows.size, dtype=np.int64), counts)
    # each period's place in chunk.values: its row's first offset, plus its place in the row
    taken = np.arange(row.size, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    taken += np.repeat(offsets[rows].astype(np.int64), counts)
    p_start = starts[taken].astype(np.int64)  # (int64 first: NAT does not fit in int32)
    p_start[start_open[taken]] = NAT
    p_end = finals[taken].astype(np.int64)
    p_end[end_open[taken]] = OPEN_END
    bad = missing_period[taken]
    bad |= (p_start != NAT) & ((p_start < _FIRST_DAY) | (p_start > _LAST_DAY))
    bad |= (p_end != OPEN_END) & ((p_end < _FIRST_DAY) | (p_end > _LAST_DAY))
    bad |= (p_start != NAT) & (p_end != OPEN_END) & (p_end < p_start)
    slow = np.zeros(rows.size, dtype=bool) if not chunk.null_count else no_list[rows]
    slow[row[bad]] = True
    return flags, not_flag, FlatPeriods(rows, row, p_start, p_end, slow)


def _nulls(array: Any) -> BoolArray:
    """Which items of an Arrow array are missing."""
    if not array.null_count:
        return np.zeros(len(array), dtype=bool)
    return array.is_null().to_numpy(zero_copy_only=False)  # type: ignore[no-any-return]


def _date32_days(days: Any) -> tuple[Int32Array, BoolArray]:
    """The day numbers of an Arrow ``date32`` array as its buffer holds them (no copy; a missing
    item's number is anything), and which are missing."""
    import pyarrow as pa

    data = days.buffers()[1]
    if len(days) == 0 or data is None or data.size < 4 * (days.offset + len(days)):
        # (an empty child may have no buffer, or one shorter than its offset: review 106 F1)
        numbers: Int32Array = days.view(pa.int32()).fill_null(0).to_numpy().astype(np.int32)
        return numbers, _nulls(days)
    numbers = np.frombuffer(data, dtype=np.int32, count=days.offset + len(days))
    return numbers[days.offset :], _nulls(days)


class _PeriodDays(dict[Any, int]):
    """Day numbers of period ends, each distinct value parsed once, when first met: None (open)
    is ``open_end``; a datetime.date or an ISO string its day; anything else raises."""

    def __init__(self, open_end: int) -> None:
        super().__init__({None: open_end})

    def __missing__(self, value: Any) -> int:
        day = policy_date(value) if type(value) is dt.date or type(value) is str else None
        if day is None:
            raise LookupError(value)
        self[value] = number = day.toordinal() - _EPOCH_ORDINAL
        return number


class _PairDays(dict[Any, int]):
    """Status periods given as ``(start, end)`` tuples, each distinct pair read once, when first
    met: a pair's value is its index into ``starts`` and ``ends`` (day numbers; a start of None is
    ``NAT``, an end of None ``OPEN_END``); ``reversed`` tells whether some pair read ends before it
    starts. A pair that is no tuple of two ends :class:`_PeriodDays` reads raises (and a list,
    being unhashable, raises TypeError before it gets here).

    A pair equal to one already met (same hash, ``==`` item by item) takes its days: only a value
    equal to an exact date, None or string is ever a key, so what it equals is read as that.
    """

    def __init__(self) -> None:
        super().__init__()
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.reversed = False
        self._days = _PeriodDays(NAT)  # one table for both ends: an open end is told apart below

    def __missing__(self, pair: Any) -> int:
        if type(pair) is not tuple or len(pair) != 2:
            raise LookupError(pair)
        start, end = pair
        days = self._days
        first, last = days[start], OPEN_END if end is None else days[end]
        if first != NAT and last != OPEN_END and last < first:
            self.reversed = True
        self.starts.append(first)
        self.ends.append(last)
        self[pair] = at = len(self.starts) - 1
        return at


_PAIR = {list, tuple}
_DONE = object()
OPEN_END = np.iinfo(np.int64).max
"""The end day of an open status period (``None``: still held)."""


def flatten_periods(
    cells: list[Any], texts: Callable[[list[Any]], list[Any]] | None = None
) -> tuple[IntArray, IntArray, IntArray, BoolArray]:
    """Status periods of many rows at once: (row of each period, start day, end day, rows that
    need the one-at-a-time path). The periods come in row order, each row's in its own order.

    Taken here: a list or tuple per row of (start, end) pairs (list or tuple), each a
    :class:`datetime.date`, an ISO string or None (open). A start of None is ``NAT``; an end of
    None is the largest int64. Anything else (a cell that is no list, a period that is no pair,
    an end of another type, a period that ends before it starts) marks its row for the
    one-at-a-time path, which refuses it with its own words; the other rows are still taken.
    ``texts``, when given, reads the cells that are text first (:func:`disability_texts`).
    """
    n = len(cells)
    kinds = set(map(type, cells))
    if texts is not None and any(issubclass(kind, str) for kind in kinds):
        return flatten_periods(texts(cells))
    if not kinds <= _PAIR:  # e.g. text or an empty cell: those rows one at a time
        take = np.array([type(c) is list or type(c) is tuple for c in cells], dtype=bool)
        row, start, end, some_slow = flatten_periods([c for c, t in zip(cells, take.tolist(), strict=True) if t])
        slow = np.ones(n, dtype=bool)
        slow[take] = some_slow
        return np.flatnonzero(take)[row], start, end, slow
    row = np.repeat(np.arange(n, dtype=np.int64), _lengths(cells))
    slow = np.zeros(n, dtype=bool)
    tuples = _tuple_pairs(cells, len(row))
    if tuples is None:  # some period is no tuple of two dates, strings or None
        flat = list(itertools.chain.from_iterable(cells))
        if len(flat) != len(row):  # a row changed length while being read: every row one at a time
            return row[:0], row[:0], row[:0], np.ones(n, dtype=bool)
        found = _flat_pairs(flat)
        if found is None:  # some period is no plain pair of dates: period by period
            start, end, unread = _period_by_period(flat)
            slow[row[unread]] = True
        else:
            start, end = found
        some_reversed = True  # not known: looked for below
    else:
        start, end, some_reversed = tuples
    if some_reversed:
        reversed_period = (start != NAT) & (end != OPEN_END) & (end < start)
        if reversed_period.any():
            slow[row[reversed_period]] = True
    return row, start, end, slow


def _lengths(cells: list[Any]) -> npt.NDArray[Any]:
    """The length of each of ``cells`` (lists or tuples): one byte each while every length fits
    in one (as a bytes object, built in C), else int64."""
    try:
        return np.frombuffer(bytes(map(len, cells)), dtype=np.uint8)
    except ValueError:  # a row with more than 255 periods
        return np.fromiter(map(len, cells), dtype=np.int64, count=len(cells))


def _tuple_pairs(cells: list[Any], total: int) -> tuple[IntArray, IntArray, bool] | None:
    """The start and end days of the ``total`` periods of ``cells`` when every period is a
    ``(start, end)`` tuple of dates, ISO strings or None, each distinct pair read once, and
    whether some period ends before it starts; else None.

    One pass over the periods (a dictionary look-up each) instead of one per check: most rows'
    periods are tuples, and many rows share the same pair of days."""
    # every period a tuple itself: a named tuple equals the plain tuple of its values, and would
    # be read by a pair of that tuple met first, by position (after review 77: (end, start) paid as
    # (start, end)); one of another type goes period by period, where it is read by its names
    if set(map(type, itertools.chain.from_iterable(cells))) != {tuple}:
        return None
    pairs = _PairDays()
    periods = itertools.chain.from_iterable(cells)
    try:
        at = np.fromiter(map(pairs.__getitem__, periods), dtype=np.intp, count=total)
    except Exception:  # a pair that is no tuple (a list is unhashable), an odd date, fewer periods
        return None
    if next(periods, _DONE) is not _DONE:  # more periods than counted: a row changed meanwhile
        return None
    starts, ends = np.array(pairs.starts, dtype=np.int64), np.array(pairs.ends, dtype=np.int64)
    return starts[at], ends[at], pairs.reversed


def _flat_pairs(flat: list[Any]) -> tuple[IntArray, IntArray] | None:
    """The start and end days of periods given as (start, end) pairs of dates, ISO strings or
    None (each distinct end parsed once), or None when some period is anything else."""
    if not set(map(type, flat)) <= _PAIR:
        return None
    try:
        if not set(map(len, flat)) <= {2}:
            return None
        # every end of every pair in one pass (start, end, start, end, ...), None read as NAT
        ends = np.fromiter(
            map(_PeriodDays(NAT).__getitem__, itertools.chain.from_iterable(flat)), dtype=np.int64, count=2 * len(flat)
        ).reshape(-1, 2)
    except Exception:  # an odd or unhashable date
        return None
    start, end = np.ascontiguousarray(ends[:, 0]), np.ascontiguousarray(ends[:, 1])
    end[end == NAT] = OPEN_END  # an open end: still held
    return start, end


def _period_by_period(flat: list[Any]) -> tuple[IntArray, IntArray, BoolArray]:
    """(start days, end days, the periods that are unreadable) of any periods: a pair of
    dates, ISO strings or None is read (each distinct end parsed once), anything else is
    marked."""
    starts, ends = _PeriodDays(NAT), _PeriodDays(OPEN_END)
    start = np.full(len(flat), NAT, dtype=np.int64)
    end = np.full(len(flat), OPEN_END, dtype=np.int64)
    unread = np.zeros(len(flat), dtype=bool)
    for k, period in enumerate(flat):
        try:
            if (type(period) is not list and type(period) is not tuple) or len(period) != 2:
                raise LookupError(period)
            start[k], end[k] = starts[period[0]], ends[period[1]]
        except Exception:  # not a pair, an odd or unhashable date
            unread[k] = True
            start[k], end[k] = NAT, OPEN_END
    return start, end, unread
