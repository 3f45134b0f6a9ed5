"""Read-only mappings for everything voucherlib returns or exposes.

A result, a rule set or a reference table must not change once made: a caller who changed
one would change every later result in the process (the tables are shared). Records are
frozen dataclasses or frozen pydantic models, sequences are tuples, sets are frozensets, and
mappings are :class:`FrozenMap`: a read-only, hashable mapping that pickles (a
``types.MappingProxyType`` does not) and that pydantic validates and serialises like a dict.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, NoReturn, TypeVar, get_args

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

__all__ = ["FrozenMap", "record"]

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")


def record(cls: type[R], fields: dict[str, Any]) -> R:
    """An instance of the frozen dataclass ``cls`` (one without slots) holding ``fields``, made at
    once, without ``__init__``: for the hot paths that make one record per day from values
    already checked. ``fields`` must name every field of ``cls`` and be a new dict (it becomes the
    instance's own); the record is then as frozen as one made by ``cls(...)``.
    """
    made = object.__new__(cls)
    object.__setattr__(made, "__dict__", fields)
    return made


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """A mapping that cannot be changed: item and attribute assignment raise ``TypeError``.

    >>> m = FrozenMap({"2.12": 51400})
    >>> m["2.12"]
    51400
    >>> m["2.12"] = 0
    Traceback (most recent call last):
    TypeError: a voucherlib FrozenMap cannot be changed
    """

    __slots__ = ("_data", "_hash")

    _data: dict[K, V]
    _hash: int | None

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        object.__setattr__(self, "_data", dict(data))
        object.__setattr__(self, "_hash", None)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        assert self._hash is not None
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a voucherlib FrozenMap cannot be changed")

    __setitem__ = __delitem__ = __setattr__ = __delattr__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse  # the names of dict's mutators, refused too

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        args = get_args(source)
        key, value = args if len(args) == 2 else (Any, Any)
        as_dict = handler.generate_schema(dict[key, value])  # type: ignore[valid-type]
        return core_schema.no_info_after_validator_function(
            cls,
            as_dict,
            serialization=core_schema.wrap_serializer_function_ser_schema(
                lambda value, serialize: serialize(dict(value)), schema=as_dict
            ),
        )
