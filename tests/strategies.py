"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from voucherlib import Month

# Months whose days the bundled 2021 program funds (R1 in force from 1 Oct 2021).
months_2021 = st.sampled_from([Month(2021, 10), Month(2021, 11), Month(2021, 12)])
# Months funded by the 2021 terms carried on to 2026 (the example continuation rule set).
months_to_2026 = st.builds(Month, st.integers(2022, 2026), st.integers(1, 12)) | months_2021


@st.composite
def day_in(draw: st.DrawFn, month: Month) -> dt.date:
    return month.day(draw(st.integers(1, month.days)))


def unchecked_copy(result: Any, **changes: Any) -> Any:
    """A copy of a voucher-month or a settlement with ``changes``, made round the check their
    constructor makes (review 86), as ``object.__setattr__`` would: for the tests of the checks
    made where such an object is explained, the library's second line of defence."""
    import dataclasses

    made = object.__new__(type(result))  # (a copy of a result is the result itself: a new object here)
    for field in dataclasses.fields(result):
        object.__setattr__(made, field.name, changes.get(field.name, getattr(result, field.name)))
    return made


class Boom(Exception):
    """The caller's own exception, raised by the hostile containers below."""


class TupleLength(tuple):  # type: ignore[type-arg]
    """A tuple whose own length raises (review 124 F2)."""

    def __len__(self) -> int:
        raise Boom


class ListIteration(list):  # type: ignore[type-arg]
    """A list whose own iteration raises (review 124 F2)."""

    def __iter__(self) -> Any:
        raise Boom
