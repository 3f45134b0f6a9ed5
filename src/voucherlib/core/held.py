"""What a caller's value holds, read by the base type's own methods (decision D43).

A value of a subclass of ``str``, ``datetime.date``, ``datetime.datetime``, ``list``, ``tuple``
or ``dict`` may override the methods and properties that read it (``strip``, ``day``,
``time()``, ``tzinfo``, ``__iter__``, ``__getitem__``, ``items`` ...) to raise or to lie. The
library never asks them: each function here gives the plain value of the base type that the
object holds, read by the base type's own code, and the rules read that (reviews 132, 133: a
date text whose ``strip`` lied was paid for other days; review 158: a date whose ``day`` said 1
was paid for the whole month, a status period whose ``__getitem__`` said None for the month).

>>> import datetime as dt
>>> class Lying(dt.date):
...     @property
...     def day(self): return 1
>>> held_date(Lying(2021, 10, 12))
datetime.date(2021, 10, 12)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any


def held_text(text: str) -> str:
    """The text ``text`` holds, as a plain ``str``: a subclass's own methods (``strip``, ``split``,
    ``__len__``, ``__contains__``, ``__str__`` ...) may raise or lie, and are never asked (D43;
    reviews 132, 133: a date whose ``strip`` lied was paid for other days)."""
    return text if type(text) is str else str.__str__(text)


def held_date(value: dt.date) -> dt.date:
    """The calendar day a date (or a datetime: its date part) holds, as a plain ``date``: a
    subclass's own ``year``, ``month``, ``day`` or ``toordinal`` are never asked (D43, review 158 F1)."""
    return value if type(value) is dt.date else dt.date.fromordinal(dt.date.toordinal(value))


def held_time(value: dt.datetime) -> tuple[dt.time, Any]:
    """The time of day and the ``tzinfo`` a datetime holds, read by ``datetime``'s own code (a
    subclass whose ``time()`` said midnight, or whose ``tzinfo`` said None, passed a time of day
    or a time zone: review 158 F1)."""
    return dt.datetime.time(value), dt.datetime.tzinfo.__get__(value)


def held_key(value: Any) -> Any:
    """A dict key of what ``value`` holds, for values read once per distinct value: a subclass of
    ``str``, ``int``, ``float``, ``Decimal``, ``date`` or ``datetime`` by its plain value (its own
    ``__eq__`` and ``__hash__`` never asked: review 292 F1, two days of a subclass that compared by
    their month were read as one, and the second row paid as the first), with its type, so that
    values read differently (``True`` and ``1``) stay apart; any other value as it is (a pandas
    ``Timestamp``, a numpy scalar: their own types' comparisons)."""
    kind = type(value)
    if kind is Decimal:  # (by its digits: 44474 and 44474.0 read alike but a refusal shows each, review 293 F7)
        return (kind, Decimal.__str__(value))
    if kind in _PLAIN:
        return (kind, value)
    if isinstance(value, str):
        return (kind, str.__str__(value))
    if isinstance(value, dt.datetime) and not kind.__module__.startswith("pandas"):
        return (kind, dt.datetime.isoformat(value), held_time(value)[1])
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return (kind, held_date(value))
    if isinstance(value, bool):  # (no subclass of bool exists: as it is)
        return (kind, value)
    if isinstance(value, int):
        return (kind, int.__index__(value))
    if isinstance(value, float):
        return (kind, float.__repr__(value))
    if isinstance(value, Decimal):
        return (kind, Decimal.__str__(value))
    return (kind, value)


_PLAIN = frozenset({str, int, float, bool, dt.date, dt.datetime, Decimal, type(None)})


def held_items(value: Any) -> Any:
    """A list's or a tuple's items as the plain list or tuple it holds, a dict's as the plain dict,
    a set's as a plain frozenset (read by the base type's own code: a subclass's ``__iter__``,
    ``__len__``, ``__getitem__``, ``items`` or ``get`` are never asked; review 158 F2: a status
    period whose ``__getitem__`` said None was paid for the whole month, occupancy whose
    ``__iter__`` said 0 for unfilled places); any other value as it is."""
    kind = type(value)
    if kind is list or kind is tuple or kind is dict or kind is frozenset:
        return value
    if isinstance(value, (set, frozenset)):  # (set's own code merges what it holds, never asking __iter__)
        return frozenset(value)
    if isinstance(value, list):
        return list.copy(value)
    if isinstance(value, tuple):
        return tuple.__getitem__(value, slice(None))
    if isinstance(value, dict):
        return dict(dict.items(value))
    return value
