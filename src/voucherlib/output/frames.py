"""DataFrames with exact money that pandas can still compute with.

Money in a DataFrame that voucherlib returns is **integer tetri** in a nullable ``Int64``
column named ``<name>_tetri`` (1 GEL = 100 tetri), beside a text column ``<name>`` that shows
the GEL amount (``"620.00"``) for reading. Why integer tetri:

* exact: every amount of the program is a whole number of tetri (D3), and integer sums are
  exact at any size, so ``frame.claimed_tetri.sum()`` is exact to the tetri;
* numeric: ``sum()``, ``groupby().sum()``, ``describe()`` and ``.plot()`` work as on any
  integer column (a pyarrow ``decimal128`` column, the other exact choice, fails in
  ``describe()`` with pandas 3 and needs pyarrow installed);
* missing is missing: an amount that could not be computed is ``pd.NA``, never ``None``;
* the same unit as the batch engine's ``amount_tetri`` / ``payable_tetri`` columns.

``gel_view(frame)`` adds the GEL text column beside every ``*_tetri`` column of any frame,
e.g. the batch engine's output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from voucherlib.core.errors import MissingExtra
from voucherlib.core.money import check_float_width, gel_from_tetri_cells, to_tetri

__all__ = ["gel_view", "money_frame", "pandas"]


def pandas() -> Any:
    """pandas, or an error that says which extra to install."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise MissingExtra("frames", "pandas", "audit") from exc
    return pd


def money_frame(
    records: Sequence[Mapping[str, Any]],
    *,
    money: Iterable[str],
    columns: Sequence[str] = (),
    flags: Iterable[str] = (),
) -> Any:
    """A DataFrame of ``records`` whose ``money`` fields (Decimal GEL or None) become an exact
    ``<name>_tetri`` Int64 column right after a ``<name>`` GEL text column; ``flags``, a bool column
    each (True or False on every record)."""
    pd = pandas()
    money, flags = tuple(money), tuple(flags)
    names = list(columns) or (list(records[0]) if records else [])
    data: dict[str, Any] = {}
    for name in names:
        values = [r[name] for r in records]
        if name in flags:
            data[name] = pd.Series([v is True for v in values], dtype=bool).array
        elif name in money:
            data[name] = pd.array([None if v is None else f"{v:.2f}" for v in values], dtype="string")
            data[f"{name}_tetri"] = pd.array([None if v is None else to_tetri(v) for v in values], dtype="Int64")
        elif all(isinstance(v, (int, type(None))) and not isinstance(v, bool) for v in values) and values:
            data[name] = pd.array(values, dtype="Int64") if None in values else values
        else:
            data[name] = _text_array(pd, ["" if v is None else str(v) for v in values])
    if not records:
        for name in names:
            if name in money:
                data[name] = pd.array([], dtype="string")
                data[f"{name}_tetri"] = pd.array([], dtype="Int64")
    return pd.DataFrame(data)


def _text_array(pd: Any, texts: list[str]) -> Any:
    """A pandas text array of ``texts``: Arrow's where it holds them, else Python's (a lone
    surrogate, which no UTF-8 holds; review 65: the frame of a report naming one was refused)."""
    try:
        return pd.array(texts, dtype="string")
    except UnicodeEncodeError:
        return pd.array(texts, dtype=pd.StringDtype("python"))


def gel_view(frame: Any) -> Any:
    """A copy of ``frame`` with a GEL text column (``amount``) beside each ``amount_tetri`` column
    that has none yet (the audit's frames have theirs: a no-op for those). Each cell is read as
    :func:`~voucherlib.gel_from_tetri` reads it: a float or a text is refused, naming the column
    and the row, never cut to a whole tetri (review 26)."""
    pd = pandas()
    out = frame.copy()
    for name in [c for c in frame.columns if isinstance(c, str) and c.endswith("_tetri")]:
        gel_name = name.removesuffix("_tetri")
        if gel_name in out.columns:
            continue
        check_float_width(frame[name], name)
        amounts = gel_from_tetri_cells(frame[name].tolist(), name)
        text = [None if a is None else f"{a:.2f}" for a in amounts]
        out.insert(list(out.columns).index(name), gel_name, pd.array(text, dtype="string"))
    return out
