"""Money: exact lari (GEL) as :class:`decimal.Decimal`, never floating point.

Decision D3 (docs/interpretation-register.md): amounts are Decimal GEL rounded to the tetri (0.01 GEL),
half up, only at the end of a computation. A float is refused as money input,
because a binary fraction cannot say 0.10 GEL exactly.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from voucherlib.core.errors import InvalidInput

__all__ = [
    "TETRI",
    "ZERO",
    "DecimalSeparator",
    "check_decimal_separator",
    "gel",
    "gel_from_tetri",
    "parse_gel_text",
    "round_to_tetri",
    "to_tetri",
]

TETRI = Decimal("0.01")
MAX_GEL = Decimal(10) ** 12
"""No amount of this program comes near a trillion lari; a larger input is a mistake."""
ZERO = Decimal("0.00")


DecimalSeparator = Literal[",", "."]
"""Which character a file uses before the tetri: ``","`` (Georgian and European locales) or ``"."``."""

_UNITS = ("GEL", "ლარი", "₾")
_GROUPING = frozenset(" \u00a0\u202f'\u2019")
"""Thousands separators that can never be a decimal point: space, no-break space, narrow
no-break space, apostrophe and right single quote (as Swiss and some Georgian tools write it)."""
_ALLOWED = frozenset("0123456789.,") | _GROUPING
_EXPECTED_TEXT = (
    "an amount of GEL such as '620.00', '620,00', '1 234,56' or '1,234.56' (optionally with GEL, ₾ or ლარი)"
)


def check_decimal_separator(value: object, field: str = "decimal_separator") -> DecimalSeparator | None:
    """``None`` (tell from the text), ``","`` or ``"."``; anything else is refused."""
    if value is None:
        return None
    if value == ",":
        return ","
    if value == ".":
        return "."
    raise InvalidInput(field, value, "',' or '.' (the character before the tetri), or None to tell from the text")


def parse_gel_text(text: str, *, field: str = "amount", decimal_separator: DecimalSeparator | None = None) -> Decimal:
    """An amount of GEL written as people type it, exactly (D3: never a float, never scaled).

    Accepted: ``620``, ``620.00``, ``600,00``, ``620,5``, ``-20.00``; thousands grouped by a
    space, a no-break space, a narrow no-break space or an apostrophe (``1 234,56``,
    ``1'234.56``), by ``.`` before a decimal comma (``1.234,56``) or by ``,`` before a decimal
    point (``1,234.56``); an optional unit ``GEL``, ``₾`` or ``ლარი`` before or after.

    Refused with :class:`InvalidInput` naming ``field``: a form that could mean two amounts
    (``1,234`` and ``1.234``: one thousand and more, or one lari and a fraction) unless
    ``decimal_separator`` says which character the file uses; more than two decimals;
    exponents, underscores, non-ASCII digits, anything else.
    """
    body = text.strip()
    for unit in _UNITS:  # one unit, before or after the number ("GEL" in any case)
        n = len(unit)
        if body[-n:] == unit or (unit == "GEL" and body[-n:].upper() == unit):
            body = body[:-n].rstrip()
            break
        if body[:n] == unit or (unit == "GEL" and body[:n].upper() == unit):
            body = body[n:].lstrip()
            break
    sign = ""
    if body[:1] in ("-", "+"):
        sign, body = body[0], body[1:]
    if not body or not set(body) <= _ALLOWED or not body[0].isdigit() or not body[-1].isdigit():
        raise InvalidInput(field, text, _EXPECTED_TEXT)
    marks = [c for c in body if not c.isdigit()]
    point = _decimal_point(body, marks, decimal_separator, field, text)
    whole, fraction = body.rsplit(point, 1) if point else (body, "")
    if point and not fraction.isdigit():
        raise InvalidInput(field, text, _EXPECTED_TEXT)
    if len(fraction) > 2:
        raise InvalidInput(field, text, "an amount in whole tetri (at most 2 decimals)")
    groups = _ungroup(whole, field, text)
    return Decimal(f"{sign}{groups}.{fraction}" if fraction else f"{sign}{groups}")


def _decimal_point(
    body: str, marks: list[str], decimal_separator: DecimalSeparator | None, field: str, text: str
) -> str:
    """The character that separates the tetri in ``body`` ("" when there are none)."""
    dots, commas = marks.count("."), marks.count(",")
    if decimal_separator is not None:
        return decimal_separator if decimal_separator in marks else ""
    if dots and commas:  # both: the last one is the decimal point ("1.234,56", "1,234.56")
        last = "." if body.rfind(".") > body.rfind(",") else ","
        if marks.count(last) != 1:
            raise InvalidInput(field, text, _EXPECTED_TEXT)
        return last
    mark = "." if dots else "," if commas else ""
    if not mark:
        return ""
    if marks.count(mark) > 1:  # "1.234.567" or "1,234,567": grouping only
        return ""
    tail = len(body) - body.rfind(mark) - 1
    if tail != 3 or body.startswith("0"):  # "620,5", "600,00", "0,125": only a decimal point fits
        return mark
    if any(c in _GROUPING for c in marks):  # "1 234,567": the mark after a grouping is the decimal point
        return mark
    raise InvalidInput(
        field,
        text,
        f"an amount that can only be read one way: {text.strip()!r} may be a thousand and more or "
        f"a lari and a fraction; write it with two decimals, or say which character the file uses "
        f"before the tetri (decimal_separator=',' or '.', --decimal-separator)",
    )


def _ungroup(whole: str, field: str, text: str) -> str:
    """The digits of the whole lari, checked: one kind of thousands separator, groups of three."""
    separators = {c for c in whole if not c.isdigit()}
    if not separators:
        return whole
    if len(separators) > 1:
        raise InvalidInput(field, text, "one kind of thousands separator")
    parts = whole.split(separators.pop())
    if not 1 <= len(parts[0]) <= 3 or any(len(p) != 3 for p in parts[1:]):
        raise InvalidInput(field, text, "thousands grouped by three digits, e.g. '1 234 567,00'")
    return "".join(parts)


def gel(value: Any, *, field: str = "amount", decimal_separator: DecimalSeparator | None = None) -> Decimal:
    """Turn ``value`` into an exact Decimal amount of GEL.

    Accepts a Decimal, an int or a string as :func:`parse_gel_text` reads it (``"620.00"``,
    ``"600,00"``, ``"1 234,56 ₾"``). Refuses a float, a bool, NaN, infinity and anything else
    with :class:`InvalidInput` naming ``field``.

    >>> gel("1.234,56"), gel("1 234,56 ₾"), gel("1,234", decimal_separator=".")
    (Decimal('1234.56'), Decimal('1234.56'), Decimal('1234'))
    """
    separator = check_decimal_separator(decimal_separator)
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidInput(field, value, "an exact amount: a Decimal, an int or a string like '620.00', never a float")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        if len(value) > 100:
            raise InvalidInput(field, value, "an amount of at most 100 characters")
        result = parse_gel_text(value, field=field, decimal_separator=separator)
    else:
        raise InvalidInput(field, value, "an exact amount: a Decimal, an int or a string like '620.00'")
    if not result.is_finite():
        raise InvalidInput(field, value, "a finite amount of GEL")
    if abs(result) >= MAX_GEL:
        raise InvalidInput(field, value, f"an amount below {MAX_GEL:,} GEL")
    return result


def round_to_tetri(amount: Decimal) -> Decimal:
    """Round to the tetri (0.01 GEL), half up (D3)."""
    return amount.quantize(TETRI, ROUND_HALF_UP)


def to_tetri(amount: Decimal) -> int:
    """An amount of GEL as a whole number of tetri, rounded half up."""
    return int(round_to_tetri(amount) * 100)


def gel_from_tetri(tetri: int) -> Decimal:
    """A whole number of tetri as Decimal GEL with two places."""
    return (Decimal(int(tetri)) / 100).quantize(TETRI)
