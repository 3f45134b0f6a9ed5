"""The columnar audit's lines and findings (MadeOnAccess) behave as the tuple the line-by-line audit gives."""

from __future__ import annotations

import operator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voucherlib.core.lazy import MadeOnAccess


def both(items: list[int]) -> tuple[tuple[int, ...], MadeOnAccess[int]]:
    return tuple(items), MadeOnAccess(length=len(items), one=items.__getitem__)


def outcome(f: Any, *args: Any) -> Any:
    try:
        return ("value", f(*args))
    except Exception as exc:  # the kind of error is the point
        return ("error", type(exc))


@given(st.lists(st.integers(), max_size=6), st.lists(st.integers(), max_size=3), st.integers(-8, 8))
def test_made_on_access_answers_as_a_tuple(items: list[int], other: list[int], k: int) -> None:
    ref, lazy = both(items)
    assert lazy == ref and len(lazy) == len(ref)
    assert outcome(operator.getitem, lazy, k) == outcome(operator.getitem, ref, k)
    assert lazy[k : k + 3] == ref[k : k + 3]
    assert lazy + tuple(other) == ref + tuple(other)
    assert tuple(other) + lazy == tuple(other) + ref
    assert lazy + both(other)[1] == ref + tuple(other)
    assert lazy * 2 == ref * 2 and 2 * lazy == 2 * ref
    assert isinstance(lazy + (), tuple)  # noqa: RUF005 - the concatenation is what is tested
    other_ref, other_lazy = both(other)
    for op in (operator.lt, operator.le, operator.gt, operator.ge):
        assert op(lazy, other_ref) == op(ref, other_ref) == op(lazy, other_lazy) == op(ref, other_lazy)


@pytest.mark.parametrize("index", [1.0, "1", None])
def test_a_non_integer_index_is_a_type_error_as_for_a_tuple(index: Any) -> None:
    _, lazy = both([1, 2, 3])
    with pytest.raises(TypeError):
        lazy[index]
    with pytest.raises(TypeError):
        (1, 2, 3)[index]
