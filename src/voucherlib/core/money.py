"""Money: exact lari (GEL) as :class:`decimal.Decimal`, never floating point.

Decision D3 (docs/interpretation-register.md): amounts are Decimal GEL rounded to the tetri (0.01 GEL),
half up, only at the end of a computation. A float is refused as money input,
because a binary fraction cannot say 0.10 GEL exactly.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from voucherlib.core.errors import InvalidInput

__all__ = ["TETRI", "ZERO", "gel", "gel_from_tetri", "round_to_tetri", "to_tetri"]

TETRI = Decimal("0.01")
MAX_GEL = Decimal(10) ** 12
"""No amount of this program comes near a trillion lari; a larger input is a mistake."""
ZERO = Decimal("0.00")


def gel(value: Any, *, field: str = "amount") -> Decimal:
    """Turn ``value`` into an exact Decimal amount of GEL.

    Accepts a Decimal, an int or a string such as ``"620.00"``. Refuses a float, a bool,
    NaN, infinity and anything else with :class:`InvalidInput` naming ``field``.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidInput(field, value, "an exact amount: a Decimal, an int or a string like '620.00', never a float")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            raise InvalidInput(field, value, "a decimal number of GEL such as '620.00'") from None
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
