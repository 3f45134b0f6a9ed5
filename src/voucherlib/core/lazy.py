"""An immutable sequence whose elements are made on access, from columns that already hold
every value they carry (a large audit's lines and findings)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

from voucherlib.core.final import made_once

__all__ = ["MadeOnAccess"]

T = TypeVar("T")


@made_once
class MadeOnAccess(Sequence[T]):
    """A tuple-like sequence: given its elements (``items``), or its length, how to make the
    element at one position (``one``) and how to make them all in order (``every``, faster than
    one at a time). The elements made by a whole walk are kept (later walks and look-ups reuse
    them); a look-up before that makes its element afresh. It compares equal to a tuple (or
    another such sequence) of equal elements, and pickles as its elements."""

    __slots__ = ("_all", "_every", "_length", "_one")

    _all: tuple[T, ...] | None
    _length: int
    _one: Callable[[int], T] | None
    _every: Callable[[], Iterator[T]] | None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a voucherlib {type(self).__name__} cannot be changed (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a voucherlib {type(self).__name__} cannot be changed (tried to delete {name!r})")

    def __init__(
        self,
        items: Iterable[T] = (),
        *,
        length: int | None = None,
        one: Callable[[int], T] | None = None,
        every: Callable[[], Iterator[T]] | None = None,
    ) -> None:
        init = object.__setattr__
        if length is None or one is None:
            made = tuple(items)
            init(self, "_all", made)
            init(self, "_length", len(made))
        else:
            init(self, "_all", None)
            init(self, "_length", length)
        init(self, "_one", one)
        init(self, "_every", every)

    def _made(self) -> tuple[T, ...]:
        if self._all is None:
            assert self._one is not None
            made = tuple(self._every()) if self._every is not None else tuple(map(self._one, range(self._length)))
            if len(made) != self._length:  # pragma: no cover - the columns and the objects disagree
                raise AssertionError(f"{len(made)} elements made, {self._length} counted")
            object.__setattr__(self, "_all", made)  # (made once, then kept)
            return made
        return self._all

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if self._all is not None:
            return self._all[index]
        if isinstance(index, slice):
            assert self._one is not None
            return tuple(map(self._one, range(*index.indices(self._length))))
        i = operator.index(index)  # a float or a text: TypeError, as a tuple says
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("tuple index out of range")
        assert self._one is not None
        return self._one(i)

    def __add__(self, other: object) -> tuple[Any, ...]:
        """Joined to a tuple (or another such sequence): a tuple, as a tuple's ``+`` gives."""
        if isinstance(other, (tuple, MadeOnAccess)):
            return self._made() + tuple(other)
        return NotImplemented

    def __radd__(self, other: object) -> tuple[Any, ...]:
        if isinstance(other, tuple):
            return other + self._made()
        return NotImplemented

    def __mul__(self, times: object) -> tuple[T, ...]:
        """Repeated: a tuple, as a tuple's ``*`` gives."""
        if isinstance(times, int) or hasattr(times, "__index__"):
            return self._made() * operator.index(times)
        return NotImplemented

    __rmul__ = __mul__

    def __iter__(self) -> Iterator[T]:
        return iter(self._made())

    def __bool__(self) -> bool:
        return self._length > 0

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MadeOnAccess):
            return self._length == other._length and self._made() == other._made()
        if isinstance(other, tuple):
            return self._length == len(other) and self._made() == other
        return NotImplemented

    def _ordered(self, other: object) -> tuple[Any, ...] | None:
        if isinstance(other, MadeOnAccess):
            return other._made()
        return other if isinstance(other, tuple) else None

    def __lt__(self, other: object) -> bool:
        o = self._ordered(other)
        return NotImplemented if o is None else self._made() < o

    def __le__(self, other: object) -> bool:
        o = self._ordered(other)
        return NotImplemented if o is None else self._made() <= o

    def __gt__(self, other: object) -> bool:
        o = self._ordered(other)
        return NotImplemented if o is None else self._made() > o

    def __ge__(self, other: object) -> bool:
        o = self._ordered(other)
        return NotImplemented if o is None else self._made() >= o

    def __hash__(self) -> int:
        return hash(self._made())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._made()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._made(),))
