"""Money: exact lari (GEL) as :class:`decimal.Decimal`, never floating point.

Decision D3 (docs/interpretation-register.md): amounts are Decimal GEL rounded to the tetri (0.01 GEL), half up, only at the
end of a computation. A float is refused as money input, because a binary fraction cannot
say 0.10 GEL exactly.

**The library's own arithmetic (D25).** Python's ``decimal`` operators (``+``, ``*``,
``sum()``, ``quantize()``, ``abs()``) follow the *calling thread's* context: a caller who set
``decimal.getcontext().prec = 2`` or trapped ``Inexact`` would otherwise get another amount,
or a raw ``decimal`` exception, and a cache could keep that amount for every later caller.
So every money operation of voucherlib goes through the functions below, which name their
context explicitly and never read the caller's:

* :func:`add`, :func:`subtract`, :func:`multiply`, :func:`total` and :func:`percent_of` are
  **exact** (precision 100, ``Inexact`` trapped: an operation that would have to round raises
  instead of rounding silently; the bounds on inputs and rule values keep every legitimate
  operation far inside that precision);
* :func:`round_to_tetri` is the one rounding step (D3: to the tetri, ``ROUND_HALF_UP``), and
  :func:`percent_ratio` rounds a share the same way, computed exactly from fractions;
* :func:`money_text` writes an amount with two decimals without rounding it.

Comparisons (``<``, ``==``), ``int()``, ``str()``, ``copy_abs()``, ``copy_negate()`` and
``Decimal(text)`` or ``Decimal(int)`` are exact in any context, so they are used freely;
``abs()``, unary ``-`` and ``+``, ``**``, ``scaleb()`` without a context and ``format(x, ".2f")``
are not, and are never used on an amount (``format`` only through :func:`money_text`).
"""

from __future__ import annotations

import numbers
import operator
import re
from collections.abc import Iterable
from contextlib import AbstractContextManager
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)
from fractions import Fraction
from typing import Any, Literal, SupportsIndex

from voucherlib.core.errors import Expected, InvalidInput, current_wording, expected
from voucherlib.core.held import held_text

__all__ = [
    "TETRI",
    "ZERO",
    "DecimalSeparator",
    "add",
    "check_decimal_separator",
    "exact_tetri",
    "gel",
    "gel_from_tetri",
    "money_text",
    "multiply",
    "parse_gel_text",
    "percent_of",
    "percent_ratio",
    "round_to_tetri",
    "subtract",
    "to_tetri",
    "total",
]

TETRI = Decimal("0.01")
_MAX_WHOLE_GEL = 10**12
MAX_GEL = Decimal(_MAX_WHOLE_GEL)
"""No amount of this program comes near a trillion lari; a larger input is a mistake.
(Built from an int, so no decimal context is involved, not even at import.)"""
_MAX_TETRI = 100 * _MAX_WHOLE_GEL
""":data:`MAX_GEL` in tetri: an int is compared with an int, without any decimal context."""
ZERO = Decimal("0.00")


WHOLE_TETRI = expected("tetri")
RATE_PLACES = 4
"""Decimals a daily rate may have, as a ``GEL/day`` value of a rule file (D27): ``places=`` of :func:`gel`."""


def _at_most(places: int) -> Expected:
    return WHOLE_TETRI if places == 2 else expected("decimals", places=places)


DecimalSeparator = Literal[",", "."]
"""Which character a file uses before the tetri: ``","`` (Georgian and European locales) or ``"."``."""

_UNITS = ("GEL", "LARI", "ლარი", "ლარ.", "ლ.", "ლ", "₾")
"""The units an amount may be written with, the longer before the shorter that ends it: ``GEL``
and ``LARI`` in any case; Georgian ``ლარი`` and its abbreviations ``ლარ.``, ``ლ.``, ``ლ`` (review
227: ``620,00 ლ.``, as Georgian documents abbreviate the lari, was refused)."""
_LATIN_UNITS = frozenset({"GEL", "LARI"})
_GROUPING = frozenset(" \u00a0\u202f'\u2019")
"""Thousands separators that can never be a decimal point: space, no-break space, narrow
no-break space, apostrophe and right single quote (as Swiss and some Georgian tools write it)."""
_ALLOWED = frozenset("0123456789.,") | _GROUPING


def _places(value: Any) -> int:
    """``places=`` of :func:`gel`: a whole number of decimals from 0 to 28 (an ``int`` or a numpy
    integer, never a bool: review 77, 5 to 8 and ``np.int64(2)`` had been taken before review 74's check)."""
    try:
        places = operator.index(value) if not isinstance(value, bool) else -1
    except TypeError:
        places = -1
    if not 0 <= places <= 28:
        raise InvalidInput("places", value, expected("places"))
    return places


def check_decimal_separator(value: object, field: str = "decimal_separator") -> DecimalSeparator | None:
    """``None`` (tell from the text), ``","`` or ``"."``; anything else is refused."""
    if value is None:
        return None
    if isinstance(value, str) and value in (",", "."):  # (compared as text: pd.NA == "," is no bool, review 74)
        return "," if value == "," else "."
    raise InvalidInput(field, value, "',' or '.' (the character before the tetri), or None to tell from the text")


def _without_unit(text: str) -> str:
    """``text`` without its one unit (:data:`_UNITS`), before or after the number."""
    body = held_text(text).strip()
    for unit in _UNITS:
        n = len(unit)
        latin = unit in _LATIN_UNITS
        if body[-n:] == unit or (latin and body[-n:].upper() == unit):
            return body[:-n].rstrip()
        if body[:n] == unit or (latin and body[:n].upper() == unit):
            return body[n:].lstrip()
    return body


def written_negative(text: str) -> bool:
    """Whether an amount's text is written with a minus sign, its unit before or after it or not
    (``-1.000``, ``GEL -1.000``), whether or not the rest reads as an amount."""
    return _without_unit(text).startswith("-")


def parse_gel_text(
    text: str, *, field: str = "amount", decimal_separator: DecimalSeparator | None = None, places: int = 2
) -> Decimal:
    """An amount of GEL written as people type it, exactly (D3: never a float, never scaled).

    Accepted: ``620``, ``620.00``, ``600,00``, ``620,5``, ``-20.00``; thousands grouped by a
    space, a no-break space, a narrow no-break space or an apostrophe (``1 234,56``,
    ``1'234.56``), by ``.`` before a decimal comma (``1.234,56``) or by ``,`` before a decimal
    point (``1,234.56``); an optional unit ``GEL``, ``₾``, ``lari`` or ``ლარი`` (``ლარ.``, ``ლ.``,
    ``ლ``) before or after.

    Refused with :class:`InvalidInput` naming ``field``: a form that could mean two amounts
    (``1,234`` and ``1.234``: one thousand and more, or one lari and a fraction) unless
    ``decimal_separator`` says which character the file uses; more than ``places`` decimals (2:
    whole tetri);
    thousands not grouped by three after a first group of 1 to 3 digits that does not start
    with 0 (``0,125`` is no thousand); the decimal character used between thousands as well
    (``1,234,56``); exponents, underscores, non-ASCII digits, anything else.
    """
    text = held_text(text)
    body = _without_unit(text)
    sign = ""
    if body[:1] in ("-", "+"):
        sign, body = body[0], body[1:]
    if not body or not set(body) <= _ALLOWED or not body[0].isdigit() or not body[-1].isdigit():
        if sign == "-" and not body.strip():  # " -   ₾ ": an accounting format's 0 (review 211 F6)
            raise InvalidInput(field, text, expected("money_dash"))
        raise InvalidInput(field, text, expected("money_text"))
    marks = [c for c in body if not c.isdigit()]
    point = _decimal_point(body, marks, decimal_separator, field, text)
    whole, fraction = body.rsplit(point, 1) if point else (body, "")
    if point and not fraction.isdigit():
        raise InvalidInput(field, text, expected("money_text"))
    if len(fraction) > places:
        raise InvalidInput(field, text, _at_most(places))
    if point and point in whole:  # "1,234,56" with ',' before the tetri: the decimal point twice
        raise InvalidInput(field, text, expected("point_once", point=point))
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
            raise InvalidInput(field, text, expected("money_text"))
        return last
    mark = "." if dots else "," if commas else ""
    if not mark:
        return ""
    if marks.count(mark) > 1:  # "1.234.567" or "1,234,567": grouping only
        return ""
    at = body.rfind(mark)
    if len(body) - at - 1 != 3 or body.startswith("0"):  # "620,5", "600,00", "0,125": only a decimal point fits
        return mark
    if at > 3 and body[:at].isdigit():  # "1200.005": a thousands group is led by 1 to 3 digits (review 64)
        return mark
    if any(c in _GROUPING for c in marks):  # "1 234,567": the mark after a grouping is the decimal point
        return mark
    raise InvalidInput(
        field,
        text,
        _one_reading(text.strip()),
    )


def _one_reading(text: str) -> Expected:
    """What an amount of two readings should be: on the command line, advised its flag alone
    (a flag's value is no file; review 18); in Python, the argument and the flag."""
    flag = current_wording().arguments.get("decimal_separator")
    return expected("one_reading_flag", text=text, advice=flag) if flag else expected("one_reading", text=text)


def _as_a_decimal(text: str, places: int) -> Expected:
    """What a text of two readings should be where no separator can be said: a ``Decimal`` of the
    reading meant (``'1,234'``: ``Decimal('1234')`` or ``Decimal('1.234')``; review 19), or, for
    an amount of more than two decimals (a daily rate), a text of one reading too (``'2125'`` or
    ``'2.1250'``: two decimals cannot write 2.125); on the command line, where no Decimal can be
    given, a text of one reading (``'1234'`` or ``'1.2340'``: a fourth decimal is no thousands
    group; review 49)."""
    # (without its unit first, ლ. and ლარ. ending in a point, then anything but the number: review
    # 78, '1.000 GEL' crashed below; review 228 F1, '1.234 ლ.' made Decimal('1.234.'))
    number = re.sub(r"[^0-9,.\-]", "", _without_unit(text))
    mark = "," if "," in number else "."
    thousand, fraction = number.replace(mark, ""), number.replace(mark, ".")
    command_line = bool(current_wording().arguments.get("decimal_separator"))
    if places > 2:  # (a fourth decimal is no thousands group)
        if command_line:
            return expected("one_reading_either", text=text, thousand=thousand, fraction=fraction + "0")
        return expected("one_reading_rate", text=text, thousand=thousand, fraction=fraction, written=fraction + "0")
    tetri = Decimal(fraction)  # whole tetri, or the lari reading cannot be meant (review 74, 78: advised, then refused)
    if tetri != tetri.quantize(TETRI, ROUND_HALF_UP, _ROUNDING):  # (the caller's context never read: review 97)
        return expected("one_reading_written", text=text, example=thousand + ".00")
    if command_line:
        return expected("one_reading_either", text=text, thousand=thousand, fraction=f"{tetri:.2f}")
    return expected("one_reading_decimal", text=text, thousand=thousand, fraction=f"{tetri:.2f}")


TWO_READINGS = frozenset({"expected.one_reading", "expected.one_reading_flag"})
"""The refusals of an amount that can be read two ways (in Python, on the command line)."""


def _ungroup(whole: str, field: str, text: str) -> str:
    """The digits of the whole lari, checked: one kind of thousands separator, groups of three."""
    separators = {c for c in whole if not c.isdigit()}
    if not separators:
        return whole
    if len(separators) > 1:
        raise InvalidInput(field, text, expected("one_grouping"))
    parts = whole.split(separators.pop())
    # A grouped number starts with a group of 1 to 3 digits that is not 0 ("0,125" is no thousands).
    if not 1 <= len(parts[0]) <= 3 or parts[0].startswith("0") or any(len(p) != 3 for p in parts[1:]):
        raise InvalidInput(field, text, expected("grouping"))
    return "".join(parts)


def _numpy_integer(value: object) -> bool:
    """Whether ``value`` is a numpy integer (``numpy.int64`` ...; numpy's bool is not one, nor is a
    ``timedelta64``, which numpy counts as an integer type but which has no whole number: review 44)."""
    if type(value).__module__ != "numpy" or not isinstance(value, numbers.Integral):
        return False
    try:
        operator.index(value)
    except TypeError:
        return False
    return True


def gel(
    value: Any,
    *,
    field: str = "amount",
    decimal_separator: DecimalSeparator | None = None,
    places: int = 2,
    separator_advice: bool = True,
) -> Decimal:
    """Turn ``value`` into an exact Decimal amount of GEL.

    Accepts a Decimal, an int (a numpy integer too) or a string as :func:`parse_gel_text` reads it (``"620.00"``,
    ``"600,00"``, ``"1 234,56 ₾"``). Refuses a float, a bool, NaN, infinity, an amount of
    :data:`MAX_GEL` or more, an amount with more than ``places`` decimals (2, whole tetri, for an
    amount; :data:`RATE_PLACES` for a daily rate): ``"30.001"`` and ``Decimal("30.001")`` alike,
    and anything else with :class:`InvalidInput` naming ``field``. A Decimal is judged by its
    value: ``Decimal("620.000")`` is 620.00 and is returned so, ``Decimal("6.2E+2")`` as 620
    (a negative zero keeps its sign: a claim, a rate or a tolerance written ``-0`` is refused by
    its caller as any amount with a minus sign). ``separator_advice=False`` where
    the caller takes no decimal separator (``budget_in_use``'s spent, an ``InvoiceLine``'s claim,
    ``daily_rate=``): a text of two readings is then advised as a ``Decimal`` of either reading.

    >>> gel("1.234,56"), gel("1 234,56 ₾"), gel("1,234", decimal_separator="."), gel(Decimal("620.000"))
    (Decimal('1234.56'), Decimal('1234.56'), Decimal('1234'), Decimal('620.00'))
    >>> gel(Decimal("6.2E+2")), gel(Decimal("-0.00"))
    (Decimal('620'), Decimal('-0.00'))
    """
    separator = check_decimal_separator(decimal_separator)
    places = _places(places)
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidInput(field, value, expected("exact_money"))
    if isinstance(value, Decimal):
        # a subclass's digits as a plain Decimal: its own methods never reach a result (review 86:
        # a rate whose comparisons lied was taken as positive, its __str__ was written to JSON)
        result = value if type(value) is Decimal else Decimal(value)
    elif isinstance(value, int) or _numpy_integer(value):
        # a numpy integer (np.int64(620)), as the other amounts take it; an int subclass's value
        # as a plain int (its __index__ never asked)
        value = int.__int__(value) if isinstance(value, int) else operator.index(value)
        if abs(value) >= _MAX_WHOLE_GEL:  # before Decimal(): an int of a million digits takes seconds
            raise InvalidInput(field, value, expected("money_below", max=MAX_GEL))
        result = Decimal(value)
    elif isinstance(value, str):
        value = held_text(value)  # (by what it holds: D43, review 133 F3)
        if len(value) > 100:
            raise InvalidInput(field, value, expected("money_chars"))
        try:
            result = parse_gel_text(value, field=field, decimal_separator=separator, places=places)
        except InvalidInput as exc:
            if separator_advice or exc.expectation is None or exc.expectation.key not in TWO_READINGS:
                raise
            raise InvalidInput(field, value, _as_a_decimal(value.strip(), places)) from None
    else:
        raise InvalidInput(field, value, expected("exact_amount"))
    if not result.is_finite():
        raise InvalidInput(field, value, expected("money_finite"))
    if result.copy_abs() >= MAX_GEL:  # copy_abs: exact, unlike abs(), which rounds in the caller's context
        raise InvalidInput(field, value, expected("money_below", max=MAX_GEL))
    exponent = result.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite Decimal
    if exponent < -places:  # below MAX_GEL, so the quantize below is exact or inexact, never an error
        shortest = result.quantize(Decimal(1).scaleb(-places, _ROUNDING), ROUND_HALF_UP, _ROUNDING)
        if shortest != result:
            raise InvalidInput(field, value, _at_most(places))
        result = shortest
    elif exponent > 0:  # Decimal("1E+2") is 100 GEL, written so (its text would reach JSON as "1E+2")
        result = result.quantize(Decimal(1), ROUND_HALF_UP, _ROUNDING)  # exact: a whole number below MAX_GEL
    return result


# ---------------------------------------------------------------- the library's arithmetic (D25)

PRECISION = 100
"""Significant digits of every intermediate result: amounts below a trillion GEL with a few
decimals need about 20, so an exact result always fits."""


def _context(*, trap_inexact: bool) -> Context:
    traps = [InvalidOperation, DivisionByZero, Overflow] + ([Inexact] if trap_inexact else [])
    return Context(
        prec=PRECISION, rounding=ROUND_HALF_UP, Emin=MIN_EMIN, Emax=MAX_EMAX, capitals=1, clamp=0, flags=[], traps=traps
    )


_EXACT = _context(trap_inexact=True)
"""Addition, subtraction, multiplication: exact or an error, never rounded."""
_ROUNDING = _context(trap_inexact=False)
"""The one rounding step of D3: to the tetri, half up."""


def library_context() -> AbstractContextManager[Context]:
    """The library's rounding context for a block that formats numbers (``format(x, ".2f")`` rounds
    with the active context): text made inside it is the same whatever the caller set."""
    return localcontext(_ROUNDING)


_TOO_MANY_DIGITS = f"amounts whose exact result has at most {PRECISION} significant digits (e.g. at most 2 decimals)"


def add(a: Decimal | int, b: Decimal | int) -> Decimal:
    """``a + b``, exactly, whatever the caller's decimal context.

    An operation that cannot be exact (an operand with very many digits) raises
    :class:`InvalidInput`, as do :func:`subtract`, :func:`multiply`, :func:`total` and
    :func:`percent_of`: never a raw ``decimal`` error. Inputs that passed :func:`gel` never do.
    """
    try:
        return _EXACT.add(a, b)
    except DecimalException:
        raise InvalidInput("amount", (a, b), _TOO_MANY_DIGITS) from None


def subtract(a: Decimal | int, b: Decimal | int) -> Decimal:
    """``a - b``, exactly, whatever the caller's decimal context."""
    try:
        return _EXACT.subtract(a, b)
    except DecimalException:
        raise InvalidInput("amount", (a, b), _TOO_MANY_DIGITS) from None


def multiply(a: Decimal | int, b: Decimal | int) -> Decimal:
    """``a x b``, exactly, whatever the caller's decimal context."""
    try:
        return _EXACT.multiply(a, b)
    except DecimalException:
        raise InvalidInput("amount", (a, b), _TOO_MANY_DIGITS) from None


def total(amounts: Iterable[Decimal], start: Decimal = ZERO) -> Decimal:
    """The exact sum of ``amounts`` (``start`` when there are none), whatever the caller's context."""
    result = start
    for amount in amounts:
        try:
            result = _EXACT.add(result, amount)
        except DecimalException:
            raise InvalidInput("amount", amount, _TOO_MANY_DIGITS) from None
    return result


def percent_of(amount: Decimal | int, percent: Decimal | int) -> Decimal:
    """``amount x percent / 100``, exactly (dividing by 100 only moves the decimal point)."""
    try:
        return _EXACT.multiply(amount, percent).scaleb(-2, _EXACT)
    except DecimalException:
        raise InvalidInput("amount", (amount, percent), _TOO_MANY_DIGITS) from None


_WHOLE_WITH_DECIMALS = re.compile(r"[0-9]+[.,]00?")
"""A whole number written with one or two decimals of 0 (``10.0``, ``10,00``): a count refused as
text, with advice (review 111: a CSV file's ``10.0`` was "not a whole number"). Three zeros
(``1,000``, ``1.000``) may be a thousand: the plain refusal (review 112)."""


def whole_of_zero_decimals(text: str) -> str | None:
    """The whole number a count's text written with one or two decimals of 0 stands for (``10.0``,
    ``18,0``: ``"10"``, ``"18"``), for the refusal's advice; else None."""
    text = text.strip()
    return re.split("[.,]", text)[0] if _WHOLE_WITH_DECIMALS.fullmatch(text) else None


def whole_decimal(value: object) -> int | None:
    """The int of a whole, finite Decimal of 0 or more (a database's NUMERIC count; a subclass by
    its value, D43), else None."""
    if not isinstance(value, Decimal):
        return None
    number = Decimal(value)  # (its value, not its methods)
    # (a count of more than 18 digits is none: int() of 1E+1000000 took 26 s; review 187 F1)
    if not number.is_finite() or number < 0 or number.adjusted() > 18 or number != number.to_integral_value():
        return None
    return int(number)


def fewest_places(amount: Decimal, places: int = 2) -> Decimal:
    """``amount`` without the zeros that end it past ``places`` decimal places (the tetri), exactly
    (no context: the digits are kept as they are), for a figure an explanation states unrounded;
    ``places=0`` for a percentage (``25.0`` is ``25``: review 180, "25.0% deducted" beside "40%").

    >>> fewest_places(Decimal("111.1050")), fewest_places(Decimal("111.1000")), fewest_places(Decimal("5"))
    (Decimal('111.105'), Decimal('111.10'), Decimal('5'))
    >>> fewest_places(Decimal("25.0"), 0), fewest_places(Decimal("12.50"), 0), fewest_places(Decimal("100"), 0)
    (Decimal('25'), Decimal('12.5'), Decimal('100'))
    >>> fewest_places(Decimal("0.0"), 0), fewest_places(Decimal("0.000")), fewest_places(Decimal("120"), 0)
    (Decimal('0'), Decimal('0.00'), Decimal('120'))
    """
    sign, digits, exponent = amount.as_tuple()
    if not isinstance(exponent, int):  # (not finite: as it is)
        return amount
    while exponent < -places and digits[-1] == 0 and (len(digits) > 1 or digits == (0,)):  # (0.0: 0)
        digits, exponent = digits[:-1], exponent + 1
    return Decimal((sign, digits, exponent))


def round_to_tetri(amount: Decimal) -> Decimal:
    """Round to the tetri (0.01 GEL), half up (D3), whatever the caller's decimal context.

    Anything but a finite Decimal that has a value in tetri of at most :data:`PRECISION` digits
    (``Decimal("1E+200")``, NaN, a float) is refused with :class:`InvalidInput`, never a raw
    ``decimal`` error; so are :func:`to_tetri` and :func:`exact_tetri`.

    >>> round_to_tetri(Decimal("12.345")), round_to_tetri(Decimal("-12.345"))
    (Decimal('12.35'), Decimal('-12.35'))
    """
    if type(amount) is not Decimal and isinstance(amount, Decimal):  # its value, not its methods (review 119)
        amount = Decimal(amount)
    try:
        rounded = amount.quantize(TETRI, ROUND_HALF_UP, _ROUNDING)
        if rounded.is_finite():  # a quiet NaN comes back as NaN
            return rounded
    except (DecimalException, AttributeError, TypeError):
        pass
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise InvalidInput("amount", amount, "a finite Decimal amount of GEL")
    raise InvalidInput("amount", amount, f"an amount of at most {PRECISION - 2} digits before the decimal point")


def to_tetri(amount: Decimal) -> int:
    """An amount of GEL as a whole number of tetri, rounded half up."""
    return int(round_to_tetri(amount).scaleb(2, _EXACT))  # a finite Decimal of at most 100 digits: exact


def exact_tetri(amount: Decimal) -> int | None:
    """An amount of GEL as a whole number of tetri when it is one exactly, else None (never rounded)."""
    rounded = round_to_tetri(amount)
    return int(rounded.scaleb(2, _EXACT)) if Decimal.__eq__(rounded, amount) else None  # (a subclass's == aside)


def gel_from_tetri(tetri: SupportsIndex) -> Decimal:
    """A whole number of tetri as Decimal GEL with two places.

    ``tetri`` is an int (a numpy integer too); a float, a bool or anything else is refused,
    and so is an amount of a trillion GEL or more.

    >>> gel_from_tetri(62000)
    Decimal('620.00')
    """
    if isinstance(tetri, (bool, float)):
        raise InvalidInput("tetri", tetri, expected("tetri_int"))
    try:
        number = operator.index(tetri)
    except TypeError:
        raise InvalidInput("tetri", tetri, expected("tetri_int")) from None
    if abs(number) >= _MAX_TETRI:
        raise InvalidInput("tetri", tetri, expected("money_below", max=MAX_GEL))
    return Decimal(number).scaleb(-2, _EXACT)


def gel_from_tetri_cells(cells: Iterable[Any], field: str = "tetri") -> list[Decimal | None]:
    """Cells of whole tetri as exact Decimal GEL, each read as :func:`gel_from_tetri` reads it
    (a Decimal, a bool or a text refused, naming its position: ``tetri[2]``, never rounded or cut
    to a whole tetri); an empty cell (None, NaN, pandas ``NA``) is None. A float that is a whole
    number of tetri below 2**53 (exact in a float: what pandas makes of an int column with a gap)
    is that number; any other float is refused."""
    out: list[Decimal | None] = []
    for i, value in enumerate(cells):
        if value is None or type(value).__name__ == "NAType" or (is_float(value) and value != value):
            out.append(None)
            continue
        if type(value).__name__ in _NARROW_FLOATS and type(value).__module__ == "numpy":  # (review 183 F1)
            raise InvalidInput(f"{field}[{i}]", value, expected("float64"))
        if is_float(value) and float(value).is_integer() and abs(float(value)) < 2**53:
            value = int(value)
        try:
            out.append(gel_from_tetri(value))
        except InvalidInput as error:
            raise InvalidInput(f"{field}[{i}]", value, error.expectation or error.expected) from None
    return out


_NARROW_FLOATS = frozenset({"float16", "float32", "Float16", "Float32", "halffloat", "float"})
"""The names of floats narrower than 64 bits: numpy's and pandas' (``float32``, ``Float32``),
Polars' (``Float32``), Arrow's (``float`` is its 32-bit float, ``halffloat`` its 16-bit)."""


_ARROW_NAMES = {"float": "float32", "halffloat": "float16"}
"""Arrow's names of its narrow floats, as numpy names them (which a message says)."""


def check_float_width(column: Any, field: str) -> None:
    """Refuse a column of floats narrower than 64 bits (``float32`` holds 16,777,217 as
    16,777,216: its whole numbers are not the numbers written; review 30), naming ``field``: a
    numpy or pandas column, a pandas categorical of such floats, an Arrow array (a dictionary of
    such floats too) or a Polars Series (review 183 F1: those were read, one tetri short)."""
    dtype = getattr(column, "dtype", None)
    categories = getattr(dtype, "categories", None)
    if categories is not None:  # a pandas categorical: its values' own type
        dtype = getattr(categories, "dtype", None)
    if getattr(dtype, "kind", "") == "f" and getattr(dtype, "itemsize", 8) != 8:
        raise InvalidInput(field, f"a column of {dtype}", expected("float64"))
    arrow = getattr(column, "type", None)  # an Arrow array or chunked array
    arrow = getattr(arrow, "value_type", arrow)  # (a dictionary's values)
    named = [str(arrow)] if arrow is not None and type(arrow).__module__.startswith("pyarrow") else []
    if dtype is not None and type(dtype).__module__.startswith("polars"):
        named.append(str(dtype))
    narrow = [_ARROW_NAMES.get(name, name) for name in named if name in _NARROW_FLOATS]
    if narrow:
        raise InvalidInput(field, f"a column of {narrow[0]}", expected("float64"))


def toml_money(value: float) -> Expected:
    """What a file of TOML should write for an amount it wrote as a number with a point (a
    float, never exact): the amount as a string, ``"74978.50"`` (review 192 F8: a report's
    amount was told "a Decimal", which a file has not; one wording for a report and a case file)."""
    example = "620.00"
    if abs(value) < 1e15:  # (not a NaN, an infinity or a number too long to write out)
        written = Decimal(repr(value))  # (finite: its exponent is a number)
        if int(written.as_tuple().exponent) >= -2:  # (as written, two decimals: no rounding)
            example = format(written, ".2f")  # (a float of more decimals, no amount: review 205 F5)
    return expected("toml_money", example=example)


def is_float(value: object) -> bool:
    """A Python float or a numpy floating scalar (without importing numpy)."""
    return isinstance(value, float) or (type(value).__module__ == "numpy" and "float" in type(value).__name__)


def percent_ratio(part: Decimal | int, whole: Decimal | int) -> Decimal:
    """``part`` as a percentage of ``whole``, rounded to 0.01 half up (D25), computed exactly.

    The quotient is taken as an exact fraction and rounded once, so there is no double
    rounding and no dependence on any decimal context.

    >>> percent_ratio(Decimal("12850"), Decimal("51400")), percent_ratio(1, 3), percent_ratio(-1, 800)
    (Decimal('25.00'), Decimal('33.33'), Decimal('-0.13'))
    """
    if whole == 0:
        raise InvalidInput("whole", whole, "an amount other than 0 to take a share of")
    hundredths = Fraction(part) * 10_000 / Fraction(whole)
    # Half up: away from zero at exactly one half.
    rounded = int(abs(hundredths) + Fraction(1, 2))
    return Decimal(rounded if hundredths >= 0 else -rounded).scaleb(-2, _EXACT)


def money_text(amount: Decimal, grouping: bool = False, lang: str = "en") -> str:
    """An amount written with two decimals (more when it has more), never rounded for display;
    with ``grouping``, its thousands parted as ``lang`` writes them (a space in Georgian:
    :func:`~voucherlib.core.phrases.grouped_as`).

    ``format(amount, ".2f")`` rounds with the *caller's* rounding mode when the amount has
    more than two decimals; this never rounds, so the text is the amount.

    >>> money_text(Decimal("620")), money_text(Decimal("20.125")), money_text(Decimal("51400"), grouping=True)
    ('620.00', '20.125', '51,400.00')
    """
    rounded = round_to_tetri(amount)
    if not grouping:
        return format(amount, "f") if rounded != amount else format(rounded, ".2f")
    text = format(amount, ",f") if rounded != amount else format(rounded, ",.2f")
    if lang == "en":
        return text
    from voucherlib.core.phrases import grouped_as  # (not at import: the phrases load when said)

    return grouped_as(text, lang)
