"""Reading back what a result's ``to_dict()`` wrote: each key of its JSON type, or a VoucherError.

``from_dict`` takes JSON data, perhaps edited or produced by another program. A value of the
wrong JSON type is refused with an :class:`InvalidInput` naming the key, never read loosely:
``"false"`` is no boolean (``bool("false")`` is True), ``"5"`` no whole number, ``1`` no amount.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from voucherlib.core.citation import Citation
from voucherlib.core.errors import InvalidInput, invalid_input_from, shown
from voucherlib.core.held import held_items

__all__ = ["json_value", "named_ends", "record_citation", "record_type", "record_value", "same_as_recomputed"]

M = TypeVar("M", bound=BaseModel)

_DECIMAL_TEXT = re.compile(r"-?[0-9]{1,30}(?:\.[0-9]{1,30})?(?:E[+-]?[0-9]{1,3})?", re.ASCII)
"""A Decimal as ``str()`` writes it (an exponent where it chooses one), of bounded size."""
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_EXPECTED: dict[type, str] = {
    bool: "a JSON boolean, true or false",
    int: "a JSON whole number",
    str: "a JSON string",
    Decimal: "an exact decimal number written as a JSON string, e.g. '620.00'",
    dt.date: "a date written as a JSON string YYYY-MM-DD",
    list: "a JSON list",
    dict: "a JSON object",
}


def record_value(data: Any, key: str, kind: type, where: str, *, optional: bool = False) -> Any:
    """``data[key]`` read as ``kind`` (bool, int, str, Decimal, date, list or dict); ``optional``:
    a missing key or ``null`` is None. Anything else is an :class:`InvalidInput` naming ``where.key``."""
    if not isinstance(data, Mapping):
        raise InvalidInput(where, data, "a JSON object, as to_dict() writes it")
    name = f"{where}.{key}"
    value = data.get(key)
    if value is None and not optional:
        raise InvalidInput(name, value, _EXPECTED[kind] + (" (the key is missing)" if key not in data else ""))
    return json_value(value, kind, name)


def json_value(value: Any, kind: type, name: str) -> Any:
    """``value`` (JSON data) read as ``kind``, None as None; else an :class:`InvalidInput` naming ``name``."""
    if value is None:
        return None
    if kind is bool and isinstance(value, bool):
        return value
    if kind is int and isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63:
        return value
    if kind is str and isinstance(value, str):
        return value
    if kind is Decimal and isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value):
        return Decimal(value)
    if kind is dt.date and isinstance(value, str) and _DATE_TEXT.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    if kind is list and isinstance(value, (list, tuple)):
        return value
    if kind is dict and isinstance(value, Mapping):
        return value
    raise InvalidInput(name, value, _EXPECTED[kind])


def record_citation(data: Any, key: str, where: str) -> Citation:
    """``data[key]`` read as a :class:`~voucherlib.core.citation.Citation` (a JSON object)."""
    value = record_value(data, key, dict, where)
    try:  # (pydantic's reader itself: a refusal names the key in the stored data, not the class)
        return Citation.__pydantic_validator__.validate_python(value)  # type: ignore[no-any-return]
    except ValidationError as exc:
        raise invalid_input_from(exc, f"{where}.{key}") from None


def record_type(data: Any, name: str) -> None:
    """Refuse data whose ``"type"`` tag is not ``name`` (the result :meth:`to_dict` wrote)."""
    tag = record_value(data, "type", str, name)
    if tag != name:
        raise InvalidInput(f"{name}.type", tag, f"{name!r}: this reads what {name}.to_dict() writes")


RECOMPUTED = "what the rules give for the stored inputs"


def same_as_recomputed(stored: Any, recomputed: Mapping[str, Any], where: str) -> None:
    """Refuse stored result data that is not, key for key, the ``to_dict()`` of the result
    recomputed from its stored inputs: an :class:`InvalidInput` naming the first key that
    differs, its stored value and the recomputed one. So an edited, corrupted or tampered
    result (a payable that is not the amount less the deduction, a voucher amount that is not
    the days times the rate) is never read back."""
    _same_json(stored, recomputed, where, f" ({RECOMPUTED})")


def same_as_made(made: Any, recomputed: Any, where: str) -> None:
    """:func:`same_as_recomputed` of a result a caller made (``dataclasses.replace(s, deadline=...)``),
    an attribute that differs refused with the value the caller gave, not its JSON text (review
    291 F2: a ``datetime.date`` was shown as a ``str``)."""
    try:
        same_as_recomputed(made.to_dict(), recomputed.to_dict(), where)
    except InvalidInput as refused:
        name = refused.field.removeprefix(f"{where}.")
        if name.isidentifier() and hasattr(made, name) and refused.field != name:
            right = getattr(recomputed, name)  # (as the caller would write it too: review 293 F6)
            raise InvalidInput(refused.field, getattr(made, name), f"{shown(right)} ({RECOMPUTED})") from None
        raise


def _same_json(given: Any, written: Any, where: str, because: str = "") -> None:
    """Refuse the first value of ``given`` that is not ``written`` of the same JSON type."""
    if isinstance(written, dict):
        if not isinstance(given, Mapping):
            raise InvalidInput(where, given, _EXPECTED[dict])
        for key, value in written.items():
            _same_json(given.get(key), value, f"{where}.{key}", because)
        extra = set(given) - set(written)
        if extra:  # (the value given shown, not None: review 64)
            key = min(extra, key=str)
            raise InvalidInput(f"{where}.{key}", given[key], "no such key")
        return
    if isinstance(written, list):
        if not isinstance(given, (list, tuple)) or len(given) != len(written):
            raise InvalidInput(where, given, _EXPECTED[list] + f" of {len(written)} items" + because)
        for i, (g, w) in enumerate(zip(given, written, strict=True)):
            _same_json(g, w, f"{where}[{i}]", because)
        return
    if type(given) is not type(written) or given != written:
        kind = {bool: bool, int: int, str: str}.get(type(written))
        expected = repr(written)
        if kind is not None and type(given) is not type(written):
            expected = f"{expected}, {_EXPECTED[kind]}" if because else _EXPECTED[kind]
        raise InvalidInput(where, given, expected + because)


def named_ends(value: tuple[Any, ...]) -> dict[str, Any] | None:
    """The ends of a named tuple (a tuple with ``_fields``) by their names, when its fields are
    ``start`` and ``end`` in either order; None for one of other fields, of which it is not known
    which end is which (review 75, 77, 78: each was read by position, ``(end, start)`` as
    ``(start, end)``). The one reading of a named status period, for the rules and the readers."""
    names = tuple(map(str, getattr(value, "_fields", ())))
    held = held_items(value)  # (its ends as it holds them, by position: D43, review 158 F2)
    if sorted(names) != ["end", "start"] or len(held) != 2:
        return None
    return dict(zip(names, held, strict=True))
