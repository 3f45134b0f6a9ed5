"""Rules as data: every value of the program with the date it takes effect and its citation.

A rule set is one or more *program years* (the 2021 State Program of Social Rehabilitation
and Child Care, as amended by Decree No. 467, ships with voucherlib). Each program year is a
TOML file: the period of service it funds, named citations, and parameters, each a list of
values keyed by the date the value takes effect. A later program year may ``inherit`` an
earlier one and override some values (decision D4).

Code reads values from here and never restates them. A date for which no value is in force
raises :class:`~voucherlib.core.errors.RuleNotInForce`; the library never guesses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import math
import os
import re
import weakref
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, TypeVar, cast

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

from voucherlib.core.citation import Citation
from voucherlib.core.decree_structure import (
    article_paragraphs,
    citation_problems,
    cites_decree_467,
    provision_said,
    provision_worded_by,
    worded_by_decree_467,
    words_a_table,
)
from voucherlib.core.errors import (
    Expected,
    InvalidInput,
    RuleNotInForce,
    RuleSetError,
    VoucherError,
    argument,
    expected,
    problem_of,
    shown,
)
from voucherlib.core.final import final_class
from voucherlib.core.frozen import FrozenMap, PublicModel, ReadOnlyDict
from voucherlib.core.held import held_items, held_text
from voucherlib.core.money import RATE_PLACES
from voucherlib.core.month import as_date, dates_by_policy
from voucherlib.core.toml_text import TomlRefused, toml_data
from voucherlib.input.files import read_text_file

__all__ = ["Parameter", "Program", "RuleSet", "RuleValue", "Unit"]

ONE_DAY = dt.timedelta(days=1)
_UNKNOWN = object()
"""What a memo holds for no key (a memo may keep None)."""
T = TypeVar("T")
MAX_RULESET_BYTES = 1_000_000


class Unit(StrEnum):
    """The unit of a parameter; it decides how the value is read and checked."""

    GEL_PER_DAY = "GEL/day"
    """Lari per day (a daily rate)."""
    GEL = "GEL"
    """Lari."""
    PERCENT = "percent"
    """Percent (0 to 100)."""
    DAY_OF_MONTH = "day_of_month"
    """A day of the month, 1 to 28."""
    WORKING_DAYS = "working_days"
    """A count of working days."""
    BENEFICIARIES = "beneficiaries"
    """A count of beneficiaries."""
    BENEFICIARY_CAP = "beneficiary_cap"
    """A whole number of beneficiaries, or the string ``"none"`` where the law sets no cap."""
    PLACES = "places"
    """A count of places."""
    VISITS = "visits"
    """A count of visits."""
    YEARS = "years"
    """A number of years (an age)."""


_DECIMAL_UNITS = {Unit.GEL_PER_DAY, Unit.GEL, Unit.PERCENT}

# The bounds of a value (D27). They keep every accepted rule set far inside what the library
# computes exactly: a daily rate x 31 days x 10,000 basis points stays many orders of magnitude
# below the batch engine's int64 tetri, and every amount below voucherlib's trillion-GEL bound.
MAX_DECIMAL_PLACES = RATE_PLACES
"""A money or percent value has at most 4 decimal places (e.g. "12.5", "20.0025")."""
DECIMAL_BOUNDS: FrozenMap[Unit, Decimal] = FrozenMap(
    {
        Unit.GEL_PER_DAY: Decimal(10_000),
        Unit.GEL: Decimal(1_000_000_000),
        Unit.PERCENT: Decimal(100),
    }
)
"""The largest value of each money or percent unit (the smallest is 0)."""
INT_BOUNDS: FrozenMap[Unit, tuple[int, int]] = FrozenMap(
    {
        Unit.DAY_OF_MONTH: (1, 28),  # 28: a day of the month that exists in every month
        Unit.WORKING_DAYS: (0, 366),
        Unit.BENEFICIARIES: (0, 1_000_000),
        Unit.BENEFICIARY_CAP: (0, 1_000_000),
        Unit.PLACES: (0, 1_000_000),
        Unit.VISITS: (0, 1_000_000),
        Unit.YEARS: (0, 150),
    }
)
"""The smallest and largest value of each whole-number unit."""
_PLAIN_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)
_PROGRAM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", re.ASCII)
NAME_DIGEST_LENGTH = 12
"""Hex digits of the content digest in a rule set's name (48 bits)."""

# The unit of every parameter voucherlib reads (D27). A rule file must declare exactly this unit
# for the key, so that a value is read as the kind of number the code needs (a rate as GEL a day,
# a deadline as a whole day of the month) and checked against that unit's bounds: a file cannot
# give a deadline day as "5.5 GEL/day" or a daily rate as 1,000,000,000 "GEL" to slip past them.
# A ``*`` stands for one part of the key (a service, a city). A key not in the table is one the
# library never reads (a year's own ``new = true`` parameter): its declared unit is its own.
REQUIRED_UNITS: FrozenMap[str, Unit] = FrozenMap(
    {
        "youth_voucher.daily_rate.with_disability": Unit.GEL_PER_DAY,
        "youth_voucher.daily_rate.without_disability": Unit.GEL_PER_DAY,
        "youth_voucher.submission.deadline_day": Unit.DAY_OF_MONTH,
        "youth_voucher.payment.due_day": Unit.DAY_OF_MONTH,
        "youth_voucher.late_penalty.deduction_per_working_day": Unit.PERCENT,
        "youth_voucher.late_penalty.max_late_working_days": Unit.WORKING_DAYS,
        "youth_voucher.standards.max_beneficiaries_per_housing_unit": Unit.BENEFICIARIES,
        "youth_voucher.standards.beneficiaries_per_worker": Unit.BENEFICIARIES,
        "shelter.unfilled_place_rate.*": Unit.GEL_PER_DAY,
        "shelter.unfilled_place_share": Unit.PERCENT,
        "shelter.paid_beneficiary_cap.*.*": Unit.BENEFICIARY_CAP,
        "shelter.daily_rate_per_beneficiary.*": Unit.GEL_PER_DAY,
        "early_development.target_group.age_years": Unit.YEARS,
        "early_development.monthly_visit_limit": Unit.VISITS,
    }
)
"""Parameter key (``*``: any one part) -> the unit voucherlib reads it in."""
VALUE_KINDS: FrozenMap[Unit, str] = FrozenMap(
    {
        Unit.GEL_PER_DAY: "a decimal amount of GEL a day",
        Unit.GEL: "a decimal amount of GEL",
        Unit.PERCENT: "a decimal percentage from 0 to 100",
        Unit.DAY_OF_MONTH: "a whole day of the month",
        Unit.WORKING_DAYS: "a whole number of working days",
        Unit.BENEFICIARIES: "a whole number of beneficiaries",
        Unit.BENEFICIARY_CAP: 'a whole number of beneficiaries, or "none"',
        Unit.PLACES: "a whole number of places",
        Unit.VISITS: "a whole number of visits",
        Unit.YEARS: "a whole number of years",
    }
)
"""What a value of each unit is: a decimal (money, percent) or a whole number."""


def required_unit(key: str) -> Unit | None:
    """The unit voucherlib reads ``key`` in (:data:`REQUIRED_UNITS`), or None for a key it never reads.

    >>> required_unit("shelter.paid_beneficiary_cap.tbilisi.shelter"), required_unit("x.rate")
    (<Unit.BENEFICIARY_CAP: 'beneficiary_cap'>, None)
    """
    pattern = read_as(key)
    return None if pattern is None else REQUIRED_UNITS[pattern]


def read_as(key: str) -> str | None:
    """The key of :data:`REQUIRED_UNITS` that ``key`` is read as (itself, or its pattern: a
    city's cap as ``shelter.paid_beneficiary_cap.*.*``), or None for a key voucherlib never reads."""
    if key in REQUIRED_UNITS:
        return key
    parts = key.split(".")
    for pattern in REQUIRED_UNITS:
        wanted = pattern.split(".")
        if "*" in wanted and len(wanted) == len(parts):
            if all(w == p or (w == "*" and p) for w, p in zip(wanted, parts, strict=True)):
                return pattern
    return None


_READ_HEADS = frozenset(pattern.split(".")[0] for pattern in REQUIRED_UNITS)
"""The first parts of the keys voucherlib reads: ``youth_voucher``, ``shelter``, ``early_development``."""
PLACE_KEYS: FrozenMap[str, tuple[str, ...]] = FrozenMap(
    {
        "shelter.paid_beneficiary_cap.*.*": ("city", "service"),
        "shelter.unfilled_place_rate.*": ("service",),
        "shelter.daily_rate_per_beneficiary.*": ("service",),
    }
)
"""The keys voucherlib reads with a part that names a place or a service (Annex 2.8's), and what
each ``*`` names: one table for the form a key is checked for where a rule set is made
(:func:`key_form_problem`), its parts where a facility reads them
(``rules.paid_beneficiary_caps``), and a suggestion's words for a part a key left out."""


def key_form_problem(key: str) -> str | None:
    """Why ``key``, which begins as a key of :data:`PLACE_KEYS` does, is not of its form (a part
    too many: a city ``ქ. გორი`` with its dot, review 100; or a part left out), else None."""
    parts = key.split(".")
    for pattern, names in PLACE_KEYS.items():
        wanted = pattern.split(".")
        if parts[:2] == wanted[:2] and len(parts) != len(wanted):
            written = ".".join(wanted[:2] + [name.upper() for name in names])
            why = "no '.' in a name" if len(parts) > len(wanted) else "a part left out"
            return f"is no key of the form {written} ({why})"
    return None


_LEAVES = frozenset([part for part in pattern.split(".") if part != "*"][-1] for pattern in REQUIRED_UNITS)
"""The last named part of each key voucherlib reads (``with_disability``, ``deadline_day``,
``unfilled_place_rate``, ``paid_beneficiary_cap``, ``age_years`` ...)."""
_NOT_A_WORD = re.compile(r"[^a-z0-9]+")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]+", re.ASCII)


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_PLURAL = re.compile(r"(?:ies|s)$")


def _words(text: str) -> list[str]:
    """The words of a key, whatever separates them (``.``, ``_``, ``-``, a space, ``/``, a capital
    in camelCase: review 200 F1), in lower case, each without the ending of a plural
    (``disabilities``, ``caps``, ``days``: as ``disability``, ``cap``, ``day``)."""
    split = _NOT_A_WORD.split(_CAMEL.sub("_", text).casefold())
    return [_PLURAL.sub(lambda m: "y" if m.group() == "ies" else "", word) or word for word in split if word]


def _edits(a: str, b: str, most: int = 2) -> int:
    """The edits (a character put in, left out or changed) from ``a`` to ``b``, counted up to
    ``most + 1`` (more is said as that)."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
        if min(row) > most:
            return most + 1
    return row[-1]


def _day(value: Any, field: str) -> dt.date:
    """``value``, a day, by the one date policy (a ``datetime.date`` as it is, at once)."""
    return value if type(value) is dt.date else as_date(value, field)


def misspelt_key(key: str) -> str | None:
    """Why ``key``, which voucherlib does not read, reads as a misspelling of a key it reads (D27),
    the key meant named when one is close; None for a key voucherlib reads, or a parameter of a
    program's own in words of its own (``agency.transport_allowance``). Such a key, in a year that
    inherits (``new = true`` or not), in a year of its own or in a rule set made in code, would
    leave the rule it meant as it was (reviews 190, 193, 195, 196, 198: ``with_disabilty`` marked
    new, ``shelter.paid_beneficiary_caps.*``, ``paid_beneficiary_cap.tbilisi.shelter``,
    ``daily_rate.with_disability``, ``shelter_paid_beneficiary_cap_tbilisi.shelter``, a key of
    Cyrillic letters drawn as Latin ones: each loaded, and the old rate, deadline or cap, or none,
    paid). Its words are compared whatever separates them (``.``, ``_``, ``-``, a space):

    * a key of any character but ASCII letters, digits, ``_``, ``-`` and ``.`` (a letter of another
      alphabet drawn as a Latin one, a dot or a space of another kind);
    * a key that begins with the words of the first part of a key voucherlib reads
      (``youth_voucher``, ``shelter``, ``early_development``, in any case);
    * a key with the words of the last name of a key voucherlib reads (:data:`_LEAVES`), or words
      within a letter of them (a letter put in, left out or changed; two for a name of more than
      nine letters), wherever they are, a camelCase capital a separator and a plural its singular
      (``ed.target_group.age_years``, ``youth_housing.daily_rate.with_disability``, ``dueDay``).

    >>> misspelt_key("agency.transport_allowance") is None, misspelt_key("youth_voucher.daily_rate.with_disability")
    (True, None)
    >>> misspelt_key("submission.deadline_day")
    "is no key voucherlib reads (did you mean 'youth_voucher.submission.deadline_day'?)"
    """
    if required_unit(key) is not None:
        return None
    if not _PLAIN_KEY.fullmatch(key):
        return "is no key voucherlib reads (a key is written in ASCII letters, digits, '_', '-' and '.')"
    words = _words(key)
    joined = "_".join(words)
    near = _meant_leaf(key, words)
    if near is None and any(joined == head or joined.startswith(head + "_") for head in _READ_HEADS):
        near = _meant_head(key) or ""
    if near is not None:
        meant = " (did you mean '" + near + "'?)" if near else " (a misspelt key?)"
        return f"is no key voucherlib reads{meant}"
    return None


def _meant_leaf(key: str, words: list[str]) -> str | None:
    """The key voucherlib reads whose last name (:data:`_LEAVES`) ``words`` hold, or hold within
    two letters, the closest (the longest of equally close); written with ``key``'s own parts where
    ``key`` has as many parts as it, else with what each ``*`` names (``CITY``, ``SERVICE``)."""
    best: tuple[int, int, str] | None = None
    for pattern in REQUIRED_UNITS:
        wanted = pattern.split(".")
        leaf = "_".join(_words([w for w in wanted if w != "*"][-1]))
        size, most = leaf.count("_") + 1, 1 if len(leaf) <= 9 else 2  # (a short name: one letter: review 200 F3)
        for width in range(max(1, size - 1), size + 2):
            for at in range(len(words) - width + 1):
                distance = _edits("_".join(words[at : at + width]), leaf, most)
                if distance <= most and (best is None or (distance, -len(leaf)) < best[:2]):
                    best = (distance, -len(leaf), pattern)
    if best is None:
        return None
    return _written_as(best[2], key)


def _written_as(pattern: str, key: str, *, loose: bool = False) -> str:
    """``pattern`` (a key voucherlib reads) as ``key`` would write it: each ``*`` part ``key``'s own
    (in lower case) where ``key``'s parts line up with the pattern's, from its first part or from
    its last (a first part left out), each named part within two letters of the pattern's; else
    what each ``*`` names (``CITY``, ``SERVICE``). ``loose``: as many parts line up whatever their names."""
    wanted, parts = pattern.split("."), [part.casefold() for part in key.split(".")]
    if loose and len(parts) == len(wanted):
        return ".".join(p if w == "*" else w for w, p in zip(wanted, parts, strict=True))
    blank: list[str | None] = [None] * len(wanted)
    leaf = max(i for i, w in enumerate(wanted) if w != "*")
    for aligned in ((parts + blank)[: len(wanted)], (blank + parts)[-len(wanted) :]):
        fits = aligned[leaf] is not None and all(
            (p is not None and bool(_PLAIN_KEY.fullmatch(p)))
            if w == "*"
            else (p is None or i == 0 or _edits("_".join(_words(p)), w) <= 2)  # (a first part of its own)
            for i, (w, p) in enumerate(zip(wanted, aligned, strict=True))
        )
        if fits:
            return ".".join(p if w == "*" else w for w, p in zip(wanted, aligned, strict=True))  # type: ignore[misc]
    names = iter(PLACE_KEYS.get(pattern, ()))
    return ".".join(next(names).upper() if w == "*" else w for w in wanted)


def _meant_head(key: str) -> str | None:
    """The key voucherlib reads closest to ``key`` (under the first part of one), as it would write
    it (:func:`_written_as`), when one is close."""
    import difflib

    written = {_written_as(p, key, loose=True).casefold(): _written_as(p, key, loose=True) for p in REQUIRED_UNITS}
    close = difflib.get_close_matches(key.casefold(), written, n=2, cutoff=0.75)
    if len(close) == 2 and close[0].rsplit(".", 1)[0] == close[1].rsplit(".", 1)[0]:  # (two of one family:
        # "no_disability" is nearest "with_disability", and may mean "without_disability": review 200 F2)
        return f"{written[close[0]]}' or '{written[close[1]]}"
    return written[close[0]] if close else None


def _check_new_key(key: str, new: bool, parent: Program | None, source: str, where: str) -> None:
    """Refuse a key of a program year that the year it inherits (``parent``) does not set, or that a
    year of its own sets, unless voucherlib reads it, or it is a parameter of the year's own (D27):
    a key that reads as a misspelling of one voucherlib reads (:func:`misspelt_key`), ``new = true``
    or not; any other key the inherited year does not set, one voucherlib reads too (a per-beneficiary
    rate the 2021 year has none of), says ``new = true`` in a year that inherits."""
    _refuse_misspelt(key, source, where)
    if parent is not None and not new:
        meant = _meant(key, list(parent.parameters))
        raise RuleSetError(
            source,
            where,
            f"overrides nothing: program {parent.id} has no such parameter{meant or ' (a misspelt key?)'}; a "
            "parameter this year adds must say new = true",
        )


def _refuse_misspelt(key: str, source: str, where: str) -> None:
    """A :class:`RuleSetError` naming ``key`` when it reads as a misspelling (:func:`misspelt_key`),
    or as a key of a city or a service with a part too many or too few."""
    if required_unit(key) is not None:
        return
    form = key_form_problem(key)
    if form is not None:
        raise RuleSetError(source, where, form)
    problem = misspelt_key(key)
    if problem is not None:
        raise RuleSetError(
            source,
            where,
            f"{problem}: under {', '.join(sorted(_READ_HEADS))}, or named with a name of a key voucherlib reads "
            f"({', '.join(sorted(_LEAVES))}) or within a letter or two of one, a key is one voucherlib reads, new = true "
            "or not, for a key written otherwise would leave the rule as it was (D27); a parameter voucherlib does "
            "not read is named in words of its own, under a first part of its own (agency.transport_allowance)",
        )


def _meant(key: str, keys: list[str]) -> str:
    """`` (did you mean 'KEY'?)`` for the one of ``keys`` closest to a key that is none of them."""
    import difflib

    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.8)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_unit(key: str, unit: Unit, source: str, where: str) -> None:
    required = required_unit(key)
    if required is not None and unit is not required:
        raise RuleSetError(
            source,
            where,
            f"unit {unit.value!r}, but voucherlib reads {key} in {required.value!r} "
            f"({VALUE_KINDS[required]}); declare unit = {required.value!r}",
        )


def _exact_rule_value(value: object) -> object:
    """A rule value made in code as the library holds one: a ``Decimal``, an ``int`` or None, taken
    as it is, or an amount written as the rule file writes one (``"30"``, ``"20.05"``: what the
    model's own JSON holds, review 96), read as its Decimal; its kind and bounds for its unit are
    checked where a :class:`RuleSet` is made. Anything else is refused, not converted (review 94:
    ``model_copy(update={"value": 20.5})`` read a float as a rate, and ``True`` as 1 late working
    day, where the rule file refuses both, D18)."""
    if value is None:
        return value
    if type(value) is str and _PLAIN_AMOUNT.fullmatch(value):
        return Decimal(value)
    if isinstance(value, Decimal):
        return Decimal(value)  # (a subclass as its plain value: its own methods never decide an amount)
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__int__(value)
    raise ValueError(f"a Decimal (money, percent) or an int (counts, days), not {type(value).__name__}")


_PLAIN_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)
"""An amount as a rule file writes one: digits, and a point and digits (no sign, exponent or space)."""


class RuleValue(PublicModel):
    """One value of a parameter, in force from ``effective_from``, with its citation."""

    parameter: str
    """The parameter's key, e.g. ``"youth_voucher.daily_rate.with_disability"``."""
    value: Annotated[Decimal | int | None, BeforeValidator(_exact_rule_value)]
    """Decimal for money and percentages, int for counts and days; None only for "no cap"."""
    unit: Unit
    """The value's unit."""
    effective_from: dt.date
    """The day the value takes effect."""
    _dates = dates_by_policy("effective_from", required=True)  # (review 235 F6: 0 was 1970-01-01, a number seconds)
    citation: Citation
    """The provision that sets the value."""
    rule: str
    """The rule id the value belongs to, e.g. ``"R1"`` (each rule has a page under docs/rules/)."""
    description: str
    """What the parameter is, in a sentence."""
    program: str
    """The id of the program year the value was looked up in."""

    @property
    def decimal(self) -> Decimal:
        """The value as a Decimal (for a value that is a number)."""
        if self.value is None:
            raise TypeError(f"{self.parameter} has no numeric value")
        return Decimal(self.value)


# ---------------------------------------------------------------- the file format


class _FileModel(BaseModel):
    """The file's own records, read once and not handed out (the values they give are)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def _no_toml_float(value: object) -> object:
    """A value of the file as TOML gives it; a float or a boolean refused with the text to write
    instead (review 98: pydantic's words for ``value = 25.5`` named neither the value nor that)."""
    if isinstance(value, float) and not math.isfinite(value):  # (review 100: "inf" was advised)
        raise ValueError(f"a TOML float ({value!r}) is no rule value: a number, as text or a whole number")
    if isinstance(value, float):
        raise ValueError(f'a TOML float ({value!r}) is no rule value: write it as text, "{value!r}" (D27)')
    if isinstance(value, bool):
        raise ValueError(f"a TOML boolean ({str(value).lower()}) is no rule value: a number, as text or a whole number")
    return value


def _key_or_table(value: object) -> object:
    """A citation as a file gives it: a key of ``[citations]`` (text) or a citation table (review
    240 F7: a number was refused in pydantic's words, ``citation.function-after[...]``)."""
    if not isinstance(value, str | Mapping | Citation):
        raise ValueError(f"{shown(value)} is not a key of [citations] (text) nor a citation table")
    return value


_CitationRef = Annotated[StrictStr | Citation, BeforeValidator(_key_or_table)]


class _ValueSpec(_FileModel):
    effective_from: dt.date
    value: Annotated[StrictInt | StrictStr, BeforeValidator(_no_toml_float)]
    citation: _CitationRef
    _dates = dates_by_policy("effective_from", in_file=True, toml=True)


class _ParameterSpec(_FileModel):
    new: StrictBool = False
    """In a year that inherits another: True for a parameter the inherited year does not set (D27)."""
    rule: str | None = None
    description: str | None = None
    unit: Unit | None = None
    values: Annotated[list[_ValueSpec], Field(min_length=1)]


class _ProgramSpec(_FileModel):
    id: str
    title: str
    covers_from: dt.date
    covers_until: dt.date
    citation: _CitationRef
    effective_dates: _CitationRef | None = None
    inherits: str | None = None
    _dates = dates_by_policy("covers_from", "covers_until", in_file=True, toml=True)


class _ProgramFile(_FileModel):
    program: _ProgramSpec
    citations: dict[str, Citation] = {}
    parameters: dict[str, _ParameterSpec] = {}


class Parameter(PublicModel):
    """A parameter of a program year: what it is, its unit and its dated values."""

    key: str
    """The parameter's key."""
    rule: str
    """The rule id it belongs to, e.g. ``"R1"``."""
    description: str
    """What it is, in a sentence."""
    unit: Unit
    """Its unit."""
    values: tuple[RuleValue, ...]
    """Its values, by the day each takes effect (rising)."""


class Program(PublicModel):
    """One program year: the service period it funds and its parameters."""

    id: str
    """The program year's id, e.g. ``"2021"``."""
    title: str
    """Its title."""
    covers_from: dt.date
    """The first service day it funds."""
    covers_until: dt.date
    """The last service day it funds."""
    _dates = dates_by_policy("covers_from", "covers_until", required=True)  # (review 236 F5: 0 was 1970-01-01)
    citation: Citation
    """The act that approves it."""
    effective_dates: Citation | None = None
    """The provision that sets the days its values take effect (Decree No. 467, Art. 2 for the
    2021 program's), cited when a day before them is refused (:class:`RuleNotInForce`); None
    when the program's file does not name one."""
    inherits: str | None
    """The id of the program year whose values it carries over, if any."""
    source: str
    """The file it was read from."""
    parameters: FrozenMap[str, Parameter]
    """The parameters by key (read-only)."""

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` is a service day the program funds."""
        return self.covers_from <= day <= self.covers_until


LEAST_OF_KEY: FrozenMap[str, tuple[int, str]] = FrozenMap(
    {
        "youth_voucher.standards.beneficiaries_per_worker": (
            1,
            "one worker for every N beneficiaries needs an N of 1 or more",
        )
    }
)
"""A key whose least value is above its unit's: the least, and why (review 193 F2: 0 beneficiaries a
worker loaded, and ``required_workers`` ended in a ZeroDivisionError)."""


def _least(key: str, value: Decimal | int | None, where: str, source: str) -> Decimal | int | None:
    """``value`` of ``key``, refused when it is under the key's own least (:data:`LEAST_OF_KEY`)."""
    least = LEAST_OF_KEY.get(key)
    if least is not None and value is not None and value < least[0]:
        raise RuleSetError(source, where, f"value {value} is under {least[0]}: {least[1]}")
    return value


def _read_value(raw: int | str, unit: Unit, where: str, source: str) -> Decimal | int | None:
    """A value of a rule file, checked against its unit's form and bounds (D27)."""
    if unit is Unit.BENEFICIARY_CAP and raw == "none":
        return None
    if unit in _DECIMAL_UNITS:
        return _checked_value(_plain_decimal(raw, unit, where, source), unit, where, source)
    if not isinstance(raw, int):  # (review 52: '10' is a whole number; it is written as TOML text)
        written = f"{raw!r}, a TOML string," if isinstance(raw, str) else f"{raw!r}"
        none = ', or "none" for no cap' if unit is Unit.BENEFICIARY_CAP else ""  # ("None": review 193 F5)
        raise RuleSetError(
            source, where, f'value {written} must be a TOML integer for unit {unit.value} (10, not "10"){none}'
        )
    return _checked_value(raw, unit, where, source)


def _checked_value(value: object, unit: Unit, where: str, source: str) -> Decimal | int | None:
    """``value`` when it is of the kind ``unit`` needs (:data:`VALUE_KINDS`) and within its
    bounds (D27), for a value read from a file and for one in a program built by hand alike."""
    shown = f"{value!r}" if isinstance(value, str) else f"{value}"
    if value is None and unit is Unit.BENEFICIARY_CAP:
        return None
    if unit in _DECIMAL_UNITS:
        if not isinstance(value, Decimal) or not value.is_finite():
            raise RuleSetError(source, where, f"value {shown} is not {VALUE_KINDS[unit]}")
        if value.is_signed():
            raise RuleSetError(source, where, f"value {shown} is negative; a {unit.value} value must be 0 or more")
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        if -exponent > MAX_DECIMAL_PLACES:
            raise RuleSetError(source, where, f"value {shown} has more than {MAX_DECIMAL_PLACES} decimal places")
        if unit is Unit.PERCENT and value > 100:
            raise RuleSetError(source, where, f"value {shown} is over 100 percent")
        if value > DECIMAL_BOUNDS[unit]:
            raise RuleSetError(
                source, where, f"value {shown} is over {DECIMAL_BOUNDS[unit]:,} {unit.value}, the most a rule may set"
            )
        return value
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuleSetError(source, where, f"value {shown} must be a whole number for unit {unit.value}")
    if value < 0:
        raise RuleSetError(source, where, f"value {shown} is negative")
    low, high = INT_BOUNDS[unit]
    if unit is Unit.DAY_OF_MONTH and not low <= value <= high:
        raise RuleSetError(source, where, f"value {shown} is not a day of the month from 1 to 28")
    if not low <= value <= high:
        raise RuleSetError(source, where, f"value {shown} is not from {low:,} to {high:,} ({unit.value})")
    return value


def _plain_decimal(raw: int | str, unit: Unit, where: str, source: str) -> Decimal:
    """A money or percent value: a TOML integer (written in plain decimal digits, see
    :func:`_check_integer_forms`), or text of ASCII digits with an optional decimal point; no
    sign, exponent, underscore or space (D27). A minus sign is named as what it is: a negative
    value. The bounds and the number of decimals are checked by :func:`_checked_value`."""
    if isinstance(raw, int):
        if raw < 0:
            raise RuleSetError(source, where, f"value {raw} is negative; a {unit.value} value must be 0 or more")
        return Decimal(raw)
    if raw.startswith("-") and _PLAIN_DECIMAL.fullmatch(raw[1:]):
        raise RuleSetError(source, where, f"value {raw!r} is negative; a {unit.value} value must be 0 or more")
    if not _PLAIN_DECIMAL.fullmatch(raw):
        raise RuleSetError(
            source,
            where,
            f'value {raw!r} is not a decimal number written plainly, e.g. "20" or "12.5" '
            "(digits and one decimal point; no sign, exponent, underscore, space or thousands separator)",
        )
    return Decimal(raw)


# The carry-over names its source, the inheriting year's own citation (review 58: "carried over
# unchanged to the program of 2022-2026" read as if an act of 2022 said so, where the example's
# source is an assumption).
_CARRIED = "the value of the program of {parent}, carried over unchanged to the program of {program}"
_CARRIED_KA = "{parent} პროგრამის მნიშვნელობა, უცვლელად გადმოტანილი {program} პროგრამაში"
_SOURCE = "; source of the carry-over: {source}"
_SOURCE_KA = "; გადმოტანის წყარო: {source}"
# A value carried over again (a year inheriting a year that inherits) adds each step to the note,
# so that the year whose provision is cited, and each carry-over's source, stay said (review 104:
# "the value of the program of 2022-2026" read as that year's, where the provision was 2021's and
# 2022-2026 itself an assumption).
_THEN = "; then carried over unchanged to the program of {program}"
_THEN_KA = "; შემდეგ უცვლელად გადმოტანილი {program} პროგრამაში"


_YEARS_KA = "[0-9-]+ (?:წლის|წლების)"
_CARRIED_SAID = re.compile(
    "(?:; )?"
    + re.escape(_CARRIED).replace(r"\{parent\}", "[0-9-]+").replace(r"\{program\}", "[0-9-]+")
    + re.escape(_SOURCE).replace(r"\{source\}", ".*")
    + "$",
    re.DOTALL,
)
_CARRIED_SAID_KA = re.compile(
    "(?:; )?"
    + re.escape(_CARRIED_KA).replace(r"\{parent\}", _YEARS_KA).replace(r"\{program\}", _YEARS_KA)
    + re.escape(_SOURCE_KA).replace(r"\{source\}", ".*")
    + "$",
    re.DOTALL,
)


def carried_over(citation: Citation, lang: str = "en") -> str | None:
    """What a citation's note says of a value carried over to a later year (from ``the value of
    the program of ...`` to the source of the carry-over, in ``lang``), or None when it says none."""
    note = citation.note_ka if lang == "ka" else citation.note
    found = (_CARRIED_SAID_KA if lang == "ka" else _CARRIED_SAID).search(note or "")
    return found[0].removeprefix("; ") if found else None


def _years(first: dt.date, last: dt.date, lang: str = "en") -> str:
    """The years a program covers: ``2021`` or ``2022-2026`` (in Georgian with the word for the
    year or years, ``2021 წლის``, ``2022-2026 წლების``)."""
    if first.year == last.year:
        return f"{first.year} წლის" if lang == "ka" else str(first.year)
    return f"{first.year}-{last.year} წლების" if lang == "ka" else f"{first.year}-{last.year}"


def _carried_over(parameter: Parameter, parent: Program, header: _ProgramSpec, source: Citation) -> Parameter:
    """``parameter`` of the program year ``parent`` as the year of ``header`` that inherits it
    holds it: each value looked up in that year, its citation saying that the value is the
    parent's, carried over (review 33: a 2023 month of the continuation example cited the 2021
    program's decree as if it governed 2023; the citation stays the provision the value comes
    from). The years are said by the service days each program covers (an id may be in any
    language), and the carry-over by ``source``, the citation of the year that inherits (an act,
    or a note saying that the year is an assumption)."""
    said = _CARRIED.format(
        parent=_years(parent.covers_from, parent.covers_until), program=_years(header.covers_from, header.covers_until)
    ) + _SOURCE.format(source=source.text())
    said_ka = _CARRIED_KA.format(
        parent=_years(parent.covers_from, parent.covers_until, "ka"),
        program=_years(header.covers_from, header.covers_until, "ka"),
    ) + _SOURCE_KA.format(source=source.text("ka"))
    then = _THEN.format(program=_years(header.covers_from, header.covers_until)) + _SOURCE.format(source=source.text())
    then_ka = _THEN_KA.format(program=_years(header.covers_from, header.covers_until, "ka")) + _SOURCE_KA.format(
        source=source.text("ka")
    )

    def carried(v: RuleValue) -> RuleValue:
        c = v.citation
        # a note without its Georgian is said as written in Georgian too (as Citation.text says it:
        # review 181 F3, an "ASSUMPTION, not law" of 2022 was gone from 2023's Georgian)
        own, own_ka = c.note or "", c.note_ka or c.note or ""
        # a value carried over before: the chain goes on, each step with its source
        note = own + then if _CARRIED_SAID.search(own) else f"{own}; {said}" if own else said
        # (the Georgian says the carry-over at least, never nothing, which read as the earlier act
        # governing the later year: review 108 F5)
        note_ka = own_ka + then_ka if _CARRIED_SAID_KA.search(own_ka) else f"{own_ka}; {said_ka}" if own_ka else said_ka
        citation = c.model_copy(update={"note": note, "note_ka": note_ka})
        return v.model_copy(update={"citation": citation, "program": header.id})

    return parameter.model_copy(update={"values": tuple(carried(v) for v in parameter.values)})


def _program_from_file(
    spec: _ProgramFile,
    source: str,
    parent: Program | None,
    parent_citations: Mapping[str, Citation],
    *,
    bundled: bool = False,
) -> tuple[Program, dict[str, Citation]]:
    header = spec.program
    if header.covers_until < header.covers_from:
        raise RuleSetError(source, "program.covers_until", "is before program.covers_from")
    _check_whole_months(header.covers_from, header.covers_until, source)
    citations = {**parent_citations, **spec.citations}

    def citation(ref: str | Citation, where: str, effective_from: dt.date | None = None) -> Citation:
        if isinstance(ref, Citation):
            found = ref
        else:
            try:
                found = citations[ref]
            except KeyError:
                known = ", ".join(sorted(citations)) or "none"
                raise RuleSetError(source, where, f"unknown citation {ref!r} (known: {known})") from None
        if where == "program.citation":
            _check_year_citation(found, source, inherits=parent is not None)  # (its own words first: review 240 F2)
        _check_citation(found, source, where, effective_from)  # (named by its place in the file)
        if where == "program.effective_dates":
            _check_effective_dates(found, source)
        return found

    program_citation = citation(header.citation, "program.citation")
    effective_dates = (
        None if header.effective_dates is None else citation(header.effective_dates, "program.effective_dates")
    )
    parameters: dict[str, Parameter] = (
        {key: _carried_over(p, parent, header, program_citation) for key, p in parent.parameters.items()}
        if parent
        else {}
    )
    for key, pspec in spec.parameters.items():
        where = f"parameters.{key}"
        inherited = parameters.get(key)
        if inherited is None:
            _check_new_key(key, pspec.new, parent, source, where)
        if inherited is not None and pspec.new:
            raise RuleSetError(
                source, where, f"is declared new = true, but program {parent.id if parent else '?'} already sets it"
            )
        rule = pspec.rule or (inherited.rule if inherited else None)
        description = pspec.description or (inherited.description if inherited else None)
        unit = pspec.unit or (inherited.unit if inherited else None)
        for name, given in (("rule", rule), ("description", description), ("unit", unit)):
            if given is None:
                raise RuleSetError(source, f"{where}.{name}", "is missing (a new parameter must say it)")
        assert rule is not None and description is not None and unit is not None
        if inherited and pspec.unit and pspec.unit is not inherited.unit:
            raise RuleSetError(source, f"{where}.unit", f"changes the inherited unit {inherited.unit.value!r}")
        _check_unit(key, unit, source, f"{where}.unit")
        own: list[RuleValue] = []
        for i, vspec in enumerate(pspec.values):
            vwhere = f"{where}.values[{i}]"
            if vspec.effective_from > header.covers_until:
                raise RuleSetError(source, f"{vwhere}.effective_from", "is after the end of the program period")
            if vspec.effective_from < header.covers_from:  # review 26: 2021-06-01 for 2022-06-01 ruled all January
                raise RuleSetError(
                    source,
                    f"{vwhere}.effective_from",
                    f"is before the start of the program period ({header.covers_from.isoformat()}); "
                    "a value in force from the start is dated program.covers_from",
                )
            value = _least(key, _read_value(vspec.value, unit, f"{vwhere}.value", source), f"{vwhere}.value", source)
            cited = citation(vspec.citation, f"{vwhere}.citation", vspec.effective_from)
            own.append(
                RuleValue.model_construct(
                    parameter=key,
                    value=value,
                    unit=unit,
                    effective_from=vspec.effective_from,
                    # (the bundled year is the reference itself)
                    citation=cited if bundled else _cited_for(key, cited, inherited, source, f"{vwhere}.citation"),
                    rule=rule,
                    description=description,
                    program=header.id,
                )
            )
        dates = [v.effective_from for v in own]
        _check_rising(dates, source, where)
        # Inherited values stay in force until the first value of this program overrides them.
        kept = [v for v in inherited.values if v.effective_from < dates[0]] if inherited else []
        values = tuple(kept + own)
        parameters[key] = Parameter(key=key, rule=rule, description=description, unit=unit, values=values)
    program = Program(
        id=header.id,
        title=header.title,
        covers_from=header.covers_from,
        covers_until=header.covers_until,
        citation=program_citation,
        effective_dates=effective_dates,
        inherits=header.inherits,
        source=source,
        parameters=parameters,
    )
    return program, citations


def _of_decree_467(cited: Citation) -> str:
    """``Art. 1, para 2 of Decree No. 467``, or ``Decree No. 467 as a whole`` (review 243 F7: "cites  of")."""
    where = cited.provision()
    return f"{where} of Decree No. 467" if where else "Decree No. 467 as a whole"


def _check_year_citation(cited: Citation, source: str, *, inherits: bool) -> None:
    """A year cites the act that approves it (a year of its own: its article too, or the Program as
    Decree No. 467's Art. 1 amends it; no provision of the Program's annexes, review 244 on 243 F2:
    "Annex 2.12, Art. 4, para 5" loaded as a year's citation). A year that inherits cites it alone:
    each value carried over names it as the source of the carry-over (review 103: a provision named
    so; review 240 F2: an amendment, every value carried over said to be Decree No. 467's 2(k.b.b))."""
    if not inherits:  # (an annex alone is a program: Annex No. 2, review 245 F1)
        if cited.annex is not None and not re.fullmatch(r"[1-9]\d*(?:\.[1-9]\d*)?", cited.annex):
            # (an annex's number, not a provision written into it: review 246 F3, "2.12, Art. 4, para 5";
            # said so, review 247 F4: "Annex 2.12" was refused as a provision)
            raise RuleSetError(
                source,
                "program.citation",
                f"annex {cited.annex!r} is no annex's number: a year cites the act that approves it (an annex "
                'alone by its number, annex = "2"), not a provision of the program; a value cites its provision',
            )
        if cited.annex is not None and any(
            getattr(cited, part) is not None for part in ("article", "paragraph", "subparagraph", "item")
        ):
            raise RuleSetError(
                source,
                "program.citation",
                f"cites {cited.provision()}, a provision of the program: a year cites the act that approves it; "
                "a value cites its provision",
            )
        return
    if cites_decree_467(cited):  # (review 243 F6: it approves no year, and was named the source of every carry-over)
        raise RuleSetError(
            source,
            "program.citation",
            "cites Decree No. 467, which amends the 2021 program and approves no program year: a year that "
            "inherits cites the act that approves it",
        )
    if any(
        getattr(cited, part) is not None
        for part in ("annex", "article", "paragraph", "subparagraph", "item", "amended_by")
    ):
        raise RuleSetError(
            source,
            "program.citation",
            f"cites {cited.provision() or cited.text()}: a year that inherits cites the act that approves it, alone "
            "(each value carried over names it as the source of the carry-over); a value cites its provision",
        )


def _check_effective_dates(cited: Citation, source: str) -> None:
    """A year's ``effective_dates`` citing Decree No. 467 cites its Art. 2, which says when its
    amendments apply, or the act as a whole (review 240 F5: its Art. 1, para 2, which amends Annex
    No. 2 and says nothing of days, loaded)."""
    if cites_decree_467(cited) and cited.article not in (None, 2):
        raise RuleSetError(
            source,
            "program.effective_dates",
            f"cites {_of_decree_467(cited)}, which says nothing of when its amendments apply: its Art. 2 does",
        )


def _cited_for(key: str, cited: Citation, inherited: Parameter | None, source: str, where: str) -> Citation:
    """``cited``, the citation of a value of ``key``, when it cites the provision of the key as
    Decree No. 467 words it (:func:`_of_the_parameter`): for a key the library reads, the bundled
    year's provision (of the key, or of its form: a city's cap), whatever the years between cite
    (review 240 F3, review 243 F1: a new city's cap, a year of its own, a year inheriting one whose
    values cite another act or Decree No. 467's own 2(k.a) took any provision); for a key it reads
    that Decree No. 467 words no provision of (a shelter's daily rate per beneficiary, D13), no
    citation of its wording at all (review 244 F2: the youth voucher's para 5 loaded for it); for
    any other key, the provision the inherited values cite."""
    bundled = bundled_parameter(key)
    if (  # (whatever the years before cite: review 245 F2, a year citing its own act let the next cite any)
        bundled is None
        and read_as(key) is not None
        and (worded_by_decree_467(cited) or provision_worded_by(cited) is not None)
    ):
        raise RuleSetError(
            source,
            where,
            f"cites {cited.text()} for {key}, which no provision of Decree No. 467 sets (D13: the Program sets no "
            "such rate): cite the act or agreement that sets it",
        )
    return _of_the_parameter(cited, bundled or inherited, source, where)


def _check_cited_provisions(program: Program, parent: Program | None) -> None:
    """Each value of ``program`` cites the provision of its parameter (:func:`_cited_for`): a year
    built in code alike as a file's, of any date
    (review 240 F4: a youth rate cited to the early-development target group loaded in code,
    refused in a file; review 243 F3, F4: a copy of the bundled year, a value dated before the
    year), and its own citation and ``effective_dates`` as a file's (review 243 F7)."""
    _check_year_citation(program.citation, program.source, inherits=parent is not None)
    if program.effective_dates is not None:
        _check_effective_dates(program.effective_dates, program.source)
    if program is _bundled_program()[0] or _checked_before(program, parent):
        return
    for key, parameter in program.parameters.items():
        inherited = parent.parameters.get(key) if parent else None
        for i, value in enumerate(parameter.values):
            _cited_for(key, value.citation, inherited, program.source, f"parameters.{key}.values[{i}].citation")
    _note_checked(program, parent)


_CHECKED: dict[tuple[int, int], tuple[weakref.ref[Program], weakref.ref[Program] | None]] = {}
"""The years (and the years they inherit) whose values' citations were checked, by their ids, with
weak references that tell an id reused by another year (review 245 F3: held strongly, a thousand
dropped years stayed in memory): each :meth:`RuleSet.extend` checks the years it adds, not every
year again (review 244 F4: ten years of city caps loaded in 550 ms against 238)."""


def _checked_before(program: Program, parent: Program | None) -> bool:
    seen = _CHECKED.get((id(program), id(parent)))
    return (
        seen is not None
        and seen[0]() is program
        and (seen[1] is None if parent is None else seen[1] is not None and seen[1]() is parent)
    )


def _note_checked(program: Program, parent: Program | None) -> None:
    """Note that ``program`` (inheriting ``parent``) was checked, when its values cannot change:
    held in the library's own containers (review 246 F2: a parameter made with ``model_construct``
    holding a caller's list took a value appended after its check)."""
    if type(program.parameters) is not FrozenMap or any(
        type(p.values) is not tuple for p in program.parameters.values()
    ):
        return
    if len(_CHECKED) >= 1024:
        _CHECKED.clear()
    _CHECKED[(id(program), id(parent))] = (weakref.ref(program), None if parent is None else weakref.ref(parent))


def _inherits_later(parent: Program | _ProgramSpec, program: Program | _ProgramSpec) -> str:
    """Why ``program`` cannot inherit ``parent``, which does not end before it starts (one wording
    for a file and for a rule set built in code)."""
    return (
        f"program {parent.id} ({parent.covers_from} to {parent.covers_until}) does not end before program "
        f"{program.id} starts ({program.covers_from}): a year inherits an earlier one"
    )


def _check_program(program: Program) -> None:
    """Every parameter of ``program`` in the unit voucherlib reads it in, every value of the kind
    and within the bounds of that unit (D27): also for a program built by hand, not read from a file.
    The id is a plain name, so that a rule set's :attr:`~RuleSet.name` reads one way."""
    if not isinstance(program.id, str) or not _PROGRAM_ID.fullmatch(program.id):
        raise RuleSetError(
            program.source,
            "program.id",
            f"{program.id!r} is not a program id: 1 to 64 ASCII letters, digits, '.', '_' or '-', "
            'starting with a letter or a digit (e.g. "2022")',
        )
    # the days and the citations too (review 86: a program or a value copied with model_copy(update=...),
    # which validates nothing, gave a TypeError or an AttributeError where a value was looked up)
    for name in ("covers_from", "covers_until"):
        _check_kind(getattr(program, name), dt.date, program.source, f"program.{name}", "a date")
    if program.covers_until < program.covers_from:  # (as the file reader refuses it: review 94)
        raise RuleSetError(program.source, "program.covers_until", "is before program.covers_from")
    _check_whole_months(program.covers_from, program.covers_until, program.source)
    _check_citation(program.citation, program.source, "program.citation")
    for key, parameter in program.parameters.items():
        where = f"parameters.{key}"
        _check_unit(key, parameter.unit, program.source, f"{where}.unit")
        _refuse_misspelt(key, program.source, where)  # (as a file's: review 196 F2)
        if not parameter.values:  # (review 179 F3: an IndexError where a value was looked up)
            raise RuleSetError(program.source, f"{where}.values", "a parameter needs at least one value")
        for i, value in enumerate(parameter.values):
            if value.unit is not parameter.unit or value.parameter != key:
                raise RuleSetError(program.source, f"{where}.values[{i}]", "is a value of another parameter or unit")
            _least(
                key,
                _checked_value(value.value, parameter.unit, f"{where}.values[{i}].value", program.source),
                f"{where}.values[{i}].value",
                program.source,
            )
            _check_kind(value.effective_from, dt.date, program.source, f"{where}.values[{i}].effective_from", "a date")
            if value.effective_from > program.covers_until:  # (as the file reader: review 163 F1, a 2022 year
                # built in code holding 2023's 15% took it for December 2022's document, due in January)
                raise RuleSetError(
                    program.source, f"{where}.values[{i}].effective_from", "is after the end of the program period"
                )
            _check_citation(value.citation, program.source, f"{where}.values[{i}].citation", value.effective_from)
        # (as the file reader: the look-up by date takes them rising; review 179 F2, 25 GEL from
        # 15 Nov before 20 GEL from 1 Oct paid December at 20)
        _check_rising([v.effective_from for v in parameter.values], program.source, f"{where}.values")


def _check_rising(dates: Sequence[dt.date], source: str, where: str) -> None:
    """A parameter's values take effect on days that rise strictly (:meth:`RuleSet.value` looks a
    day up among them by bisection): a file's and a program built in code alike."""
    for earlier, later in itertools.pairwise(dates):
        if later <= earlier:
            raise RuleSetError(
                source, where, f"effective dates must rise strictly; {later.isoformat()} follows {earlier.isoformat()}"
            )


def _check_whole_months(covers_from: dt.date, covers_until: dt.date, source: str) -> None:
    """A program year covers whole months: from the first day of a month to the last day of a
    month. Review 98: a year ending on 15 Mar gave March's deadline and penalty (looked up on 1
    Apr, D16) from the year that had ended, where the next year was in force; a value that
    changes within a month is dated inside its year instead."""
    if covers_from.day != 1:
        raise RuleSetError(
            source,
            "program.covers_from",
            f"is {covers_from.isoformat()}: a program year starts on the first day of a month "
            "(a value that changes within a month is dated within the year: values[].effective_from)",
        )
    if covers_until != dt.date.max and (covers_until + dt.timedelta(days=1)).day != 1:
        raise RuleSetError(
            source,
            "program.covers_until",
            f"is {covers_until.isoformat()}: a program year ends on the last day of a month "
            "(a value that changes within a month is dated within the year: values[].effective_from)",
        )


def _programs_given(programs: object) -> tuple[Program, ...]:
    """``programs`` as a tuple of :class:`Program` years, else a RuleSetError naming what is not
    one (D43: ``RuleSet(5)`` was a ``TypeError``, ``'int' object is not iterable``)."""
    if isinstance(programs, str | bytes | Mapping | BaseModel) or not isinstance(programs, Iterable):
        raise RuleSetError("(rule set)", "programs", f"{shown(programs)} is not {_PROGRAMS}")
    given = tuple(held_items(programs))  # (the years it holds, its own iteration never asked: D43)
    for i, program in enumerate(given):
        if not isinstance(program, Program):
            raise RuleSetError(
                "(rule set)",
                f"programs[{i}]",
                f"{shown(program)} is not a Program (as RuleSet.default().programs holds)",
            )
    return given


_PROGRAMS = "an iterable of Program years (RuleSet.default().programs, RuleSet.from_toml(...).programs)"


def _check_citations(citations: object) -> None:
    """``citations`` is None or a mapping of program ids to mappings of keys to :class:`Citation`."""
    if citations is None:
        return
    ok = isinstance(citations, Mapping) and all(
        isinstance(by_key, Mapping) and all(isinstance(c, Citation) for c in by_key.values())
        for by_key in citations.values()
    )
    if not ok:
        raise RuleSetError(
            "(rule set)",
            "citations",
            f"{shown(citations)} is not a mapping of program ids to mappings of keys to Citations",
        )


def _of_the_parameter(cited: Citation, inherited: Parameter | None, source: str, where: str) -> Citation:
    """``cited``, the provision of a value a year sets for a parameter it inherits, when that
    provision is one the inherited values cite as Decree No. 467 words it (its annex, article and
    paragraph, or table, and no other subparagraph than theirs), or one cited to the subparagraph of
    Decree No. 467's Art. 1 that words it, or is not cited as Decree No. 467 words it at all (a
    year's own act, the Program's text as another act words it: taken as given, D27); else a
    RuleSetError (review 101: a 2022 youth-voucher rate citing the early-development target group's
    paragraph, as worded by Decree No. 467, was taken; reviews 234 F1, 235 F1, 236 F2, 237 F2)."""
    words = provision_worded_by(cited)  # (Decree No. 467's own subparagraph: the provision it words)
    if inherited is None or (words is None and not worded_by_decree_467(cited)):
        return cited  # (nothing said to be Decree No. 467's wording: taken as given)
    worded = [c for c in (v.citation for v in inherited.values) if worded_by_decree_467(c)]
    # (a year that cites Decree No. 467's own subparagraph: the provision it words is theirs too, 236 F2;
    # a whole article it words stands for the paragraphs of it that the other values name, review 240
    # F1: the housing limit's para 1(a) cited as para 2(a) loaded after a year that cited 2(k.a))
    named = {_provision_of(c) for c in worded}
    own = {
        w
        for w in (provision_worded_by(v.citation) for v in inherited.values)
        if w is not None and not (w[2] is None and w[3] is None and any(n[:2] == w[:2] for n in named))
    }
    theirs = named | own
    # (as a citation writes each: "para 4(g)", review 238 F3; one of Decree 467's own by what it words)
    said = " or ".join(sorted({c.provision() for c in worded} | {_provision_said(w, paragraphs=True) for w in own}))
    if words is not None:
        if theirs and not _among(theirs, words):
            raise RuleSetError(
                source,
                where,
                f"cites {cited.provision()} of Decree No. 467, which words {_provision_said(words)}, for "
                f"{inherited.key}: that provision is {said}",
            )  # (review 235 F1: a youth-voucher rate cited to 2(b.a), the early-development target group)
        return cited
    # (a subparagraph of that paragraph other than theirs is another provision: review 234 F1, the
    # housing limit's 1(a) cited as 1(b), the workers' ratio; one of the two without any is taken)
    lettered = {(c.annex, c.article, c.paragraph, c.subparagraph) for c in worded if c.subparagraph}
    other_letter = (
        cited.subparagraph is not None
        and any(k[:3] == (cited.annex, cited.article, cited.paragraph) and k[3] != cited.subparagraph for k in lettered)
        and (cited.annex, cited.article, cited.paragraph, cited.subparagraph) not in lettered
    )
    if theirs and (not _among(theirs, _provision_of(cited)) or other_letter):
        # (each as a citation writes it, its subparagraph in the letters the cited one is written
        # in: review 235 F4, "para 1(b)" beside "para 1(ა)")
        if other_letter:
            said = " or ".join(sorted({c.provision() for c in worded if c.subparagraph}))
        raise RuleSetError(
            source,
            where,
            f"cites {cited.provision() or 'the program as a whole'}, as Decree No. 467 words it, for "
            f"{inherited.key}: that provision is {said}",
        )
    return cited


_Provision = tuple[str | None, int | None, int | None, str | None]
"""(annex, article, paragraph, item): a provision of the Program, its ``item`` (``"table"``) kept
for an article's table alone; paragraph and item None: the whole article."""


def _provision_of(c: Citation) -> _Provision:
    """The provision a citation of the Program as Decree No. 467 words it names: the article's
    table, whatever paragraph it is said to follow (review 238 F1, F2); else its paragraph (its
    table, a paragraph's: Annex 2.2, Art. 3, para 1), or the whole article."""
    if words_a_table(c):
        return (c.annex, c.article, None, "table")
    # (a paragraph's table and its text are one provision: Annex 2.2, Art. 3, para 1 states the
    # month's visit limit in both, review 244 F1, a regression of 9f1c793 that told them apart)
    return (c.annex, c.article, c.paragraph, None)


def _provision_said(p: _Provision, *, paragraphs: bool = False) -> str:
    """``p`` as a citation writes it; with ``paragraphs``, a whole article Decree No. 467 words
    with its paragraphs as "a paragraph of" it (the article alone is refused as a value's
    provision: review 240 F1, advice that was refused when followed)."""
    annex, article, paragraph, item = p
    whole = paragraphs and paragraph is None and item is None and bool(article_paragraphs(annex, article))
    return ("a paragraph of " if whole else "") + provision_said(annex, article, paragraph, item)


def _among(theirs: set[_Provision], provision: _Provision) -> bool:
    """Whether ``provision`` is one of ``theirs``, a whole article on either side taking each of
    its paragraphs (not its table: review 237 F2, a table was taken for its article's para 1)."""
    annex, article, paragraph, item = provision
    return provision in theirs or any(
        (a, r) == (annex, article) and ((p is None and i is None) or (paragraph is None and item is None))
        for a, r, p, i in theirs
    )


def _check_citation(value: object, source: str, where: str, effective_from: dt.date | None = None) -> None:
    """``value`` is a :class:`Citation` (a caller's subclass too, as ``RuleSet``'s citations may
    be: review 96) of a provision as Decree No. 467 words it, when it cites the Program or Decree
    467 (:func:`~voucherlib.core.decree_structure.citation_problems`; a value's from the day the
    worded text applies), else a RuleSetError. Review 98: a file citing Annex 9.99, Art. 99, or
    crediting a 2022 rate to the subparagraph of Decree 467 that words a limit table, was taken
    and printed as the law."""
    if not isinstance(value, Citation):
        raise RuleSetError(source, where, f"{value!r} is not a Citation")
    problems = citation_problems(value, effective_from, as_worded_only=True)
    if problems:
        raise RuleSetError(source, where, problems[0])
    if effective_from is not None and cites_decree_467(value) and provision_worded_by(value) is None:
        # (a value's provision: Decree No. 467 words it in a subparagraph of its Art. 1; a paragraph
        # of it amends a whole annex, its Art. 2 says when: review 236 F1, 237 F3)
        raise RuleSetError(
            source,
            where,
            f"cites {_of_decree_467(value)}, which is no provision of the Program: a value cites the "
            "subparagraph of its Art. 1 that words its provision, or the Program as it words it",
        )


def _check_kind(value: object, kind: type, source: str, where: str, what: str) -> None:
    """``value`` is of exactly ``kind`` (a date, not a date-time), else a RuleSetError."""
    if type(value) is not kind:
        raise RuleSetError(source, where, f"{value!r} is not {what}")


# A TOML file's text, cut into what the integer scan must skip (strings, comments), bare words
# and brackets. The file has already been parsed by tomllib, so the strings are known to be well
# formed; a multi-line string may end in one or two quotes of its own before its closing three
# ("""a""""), all taken with it (a quote left behind would pair with a later one and hide what is
# between).
_TOML_PIECES = re.compile(
    r'''(?P<skip>"""(?:\\.|[^\\])*?"{3,5}|\'\'\'.*?\'{3,5}|"(?:\\.|[^"\\\n])*"|'[^'\n]*'|\#[^\n]*)'''
    r"|(?P<word>[A-Za-z0-9_+\-]+)|(?P<open>[\[{])|(?P<close>[\]}])",
    re.DOTALL,
)
_PLAIN_INTEGER = re.compile(r"0|-?[1-9][0-9]*", re.ASCII)
_NEXT_MARK = re.compile(r"[ \t]*(.?)", re.DOTALL)
_TOML_INTEGER = re.compile(r"[+-]?(?:[0-9][0-9_]*|0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+)", re.ASCII)


def _check_integer_forms(text: str, source: str) -> None:
    """Refuse an integer value written other than in plain decimal digits (D27).

    tomllib reads ``2_0``, ``0x14``, ``0o24``, ``0b10100`` and ``+20`` all as 20 and keeps no
    trace of how the number was written, so the file's text is scanned: every bare word outside
    strings and comments that is not a key (followed by ``=`` or ``.``, or inside a table
    header) nor a part of a time and reads as a TOML integer must be plain decimal digits, with
    at most a minus sign (and ``0`` unsigned). A ``[`` opens a table header only outside every
    array and inline table, at the start of its line (so a nested array's ``[0x1, 0x2]`` on a
    line of its own is values, and a ``[`` inside a string is text); the error names the last
    such header.
    """
    depth = 0  # arrays and inline tables open around the piece
    header_depth = 0  # brackets open in a table header (1 for [t], 2 for [[t]])
    header_from, header = 0, ""  # where the header being read starts; the last header read
    for match in _TOML_PIECES.finditer(text):
        kind = match.lastgroup
        start, end = match.span()
        if kind == "open":
            if header_depth or (depth == 0 and match.group() == "[" and _line_starts_at(text, start)):
                header_from = header_from if header_depth else end
                header_depth += 1
            else:
                depth += 1
            continue
        if kind == "close":
            if header_depth:
                header_depth -= 1
                if header_depth == 0:
                    header = text[header_from:start].strip("[] \t")
            elif depth:
                depth -= 1
            continue
        word = match.group("word")
        if header_depth or word is None or not _TOML_INTEGER.fullmatch(word) or _PLAIN_INTEGER.fullmatch(word):
            continue  # a string, a comment, a header's key, or no integer to check
        next_mark = _NEXT_MARK.match(text, end)  # (no copy of the rest of the text)
        after = next_mark.group(1) if next_mark else ""
        at = start
        while at > 0 and text[at - 1] in " \t":
            at -= 1
        before = text[at - 1] if at > 0 else ""
        if after in ("=", ".", ":") or before in (".", ":"):
            continue  # a key, a part of a dotted key, a time or a float (floats are refused elsewhere)
        line = text.count("\n", 0, start) + 1
        raise RuleSetError(
            source,
            f"{header} (line {line})" if header else f"line {line}",
            f"integer {word} is not written in plain decimal digits; write {_toml_integer_value(word)} "
            "(no underscore, sign, or hexadecimal, octal or binary form)",
        )


def _line_starts_at(text: str, at: int) -> bool:
    """Whether only spaces and tabs stand between the start of ``at``'s line and ``at``."""
    line_start = text.rfind("\n", 0, at) + 1
    return not text[line_start:at].strip(" \t")


def _toml_integer_value(word: str) -> str:
    digits = word.replace("_", "").lstrip("+")
    negative = digits.startswith("-")
    digits = digits.lstrip("-")
    base = {"0x": 16, "0o": 8, "0b": 2}.get(digits[:2], 10)
    number = int(digits[2:] if base != 10 else digits, base)  # (not limited: Python's limit is on decimal text)
    return shown(-number if negative else number)  # (its digits; past Python's limit, its size: review 205 F1)


def _parse(text: str, source: str) -> _ProgramFile:
    try:
        data = toml_data(text)
    except TomlRefused as exc:
        raise RuleSetError(source, "(file)", f"not valid TOML: {exc}") from None
    _check_integer_forms(text, source)
    _check_act_dates(data, source)
    try:
        return _ProgramFile.model_validate(data)
    except ValidationError as exc:
        found = [(_located(e["loc"]), problem_of(e)) for e in exc.errors()]
        also = "; ".join(f"{key}: {problem}" for key, problem in found[1:10])
        more = (f"; also {also}" if also else "") + (f"; and {len(found) - 10} more" if len(found) > 10 else "")
        raise RuleSetError(source, found[0][0], f"{found[0][1]}{more}") from None


def _check_act_dates(data: Mapping[str, Any], source: str) -> None:
    """An act's date written in a rule-set file is a TOML date, as the program's and its values'
    days are: a text or a date-time is refused in the same words, wherever the act is written (a
    citation of ``[citations]``, one written in place of a key, its ``amended_by``). Review 226 F5,
    228 F4: ``"2022-01-01"`` and a date-time at midnight were taken, one at 10:00 refused in
    Python's words."""

    def walk(node: Any, where: str, depth: int) -> None:
        if depth > 8:  # (a citation is a few tables deep; deeper is refused by the model, naming it)
            return
        if isinstance(node, dict):
            act = node.get("act")
            if isinstance(act, dict) and "date" in act:
                day = act["date"]
                if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
                    written = day.isoformat() if isinstance(day, (dt.date, dt.time)) else day
                    place = f"{where}.act.date".lstrip(".")
                    raise RuleSetError(source, place, f"got {shown(written)}; expected {expected('toml_date')}")
            for key, value in node.items():
                walk(value, f"{where}.{key}", depth + 1)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]", depth + 1)

    walk(data, "", 0)


def _located(loc: tuple[int | str, ...]) -> str:
    """Where in the file a problem is, as the other refusals name it (``parameters.KEY.values[0].value``)."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "(file)"


@final_class
class RuleSet:
    """An immutable set of program years; values are looked up by date.

    ``RuleSet.default()`` is the 2021 program as amended by Decree No. 467. Use
    :meth:`extend` to add a later program year from a TOML file. A rule set never changes:
    setting an attribute raises ``AttributeError``, and what it derives from its values is
    kept inside it, out of a caller's reach.
    """

    __slots__ = ("__weakref__", "_citations", "_memo", "_programs")

    def __init__(
        self, programs: Iterable[Program], citations: Mapping[str, Mapping[str, Citation]] | None = None
    ) -> None:
        ordered = tuple(sorted(_programs_given(programs), key=lambda p: p.covers_from))
        _check_citations(citations)
        if not ordered:
            raise RuleSetError("(rule set)", "programs", "a rule set needs at least one program year")
        for earlier, later in itertools.pairwise(ordered):
            if later.covers_from <= earlier.covers_until:
                raise RuleSetError(
                    later.source,
                    "program.covers_from",
                    f"program {later.id} ({later.covers_from}) overlaps program {earlier.id} "
                    f"(until {earlier.covers_until})",
                )
        for program in ordered:
            _check_program(program)
        by_id: dict[str, Program] = {}
        for program in ordered:  # (one year an id, as extend() refuses: review 179 F1, a cache of
            # what a year derives, keyed by its id, gave one year's capped cities to the other)
            if program.id in by_id:
                raise RuleSetError(program.source, "program.id", f"a program {program.id!r} is already in the rule set")
            by_id[program.id] = program
        for program in ordered:  # (a year inherits an earlier one: review 161 F1)
            parent = by_id.get(program.inherits or "")
            if parent is not None and parent.covers_until >= program.covers_from:
                raise RuleSetError(program.source, "program.inherits", _inherits_later(parent, program))
            _check_cited_provisions(program, parent)
        object.__setattr__(self, "_programs", ordered)
        object.__setattr__(self, "_citations", FrozenMap((k, FrozenMap(v)) for k, v in (citations or {}).items()))
        object.__setattr__(self, "_memo", ReadOnlyDict.of())  # (written by _derived alone: review 119)

    _programs: tuple[Program, ...]
    _citations: FrozenMap[str, FrozenMap[str, Citation]]
    _memo: dict[Hashable, Any]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a RuleSet cannot be changed (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a RuleSet cannot be changed (tried to delete {name!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        # The bundled rule set comes back as the bundled rule set (in another process too);
        # any other travels as its program years, without what it derived (recomputed on demand).
        if self is _default_ruleset():
            return (_default_ruleset, ())
        return (RuleSet, (self._programs, {k: dict(v) for k, v in self._citations.items()}))

    # ------------------------------------------------------------ building

    @classmethod
    def default(cls) -> RuleSet:
        """The bundled rule set: the 2021 program as amended by Decree No. 467."""
        return _default_ruleset()

    @classmethod
    def from_toml(cls, path_or_text: str | Path, *, source: str | None = None) -> RuleSet:
        """A rule set of one program year from a TOML file or TOML text (it may not inherit), in
        place of the bundled one: the way to a day inside the bundled 2021 year that has no value
        then, such as September 2021 (D21)."""
        where, text = _source_and_text(path_or_text, source)
        return ruleset_of_text(text, where)

    def extend(self, path_or_text: str | Path, *, source: str | None = None) -> RuleSet:
        """A new rule set with one more program year, from a TOML file or TOML text.

        When the file says ``inherits = "2021"``, every parameter of that program not
        overridden in the file carries over with its citation.
        """
        src, text = _source_and_text(path_or_text, source)
        spec = _parse(text, src)
        parent = None
        parent_citations: Mapping[str, Citation] = {}
        if any(p.id == spec.program.id for p in self._programs):
            raise RuleSetError(src, "program.id", f"a program {spec.program.id!r} is already in the rule set")
        if spec.program.inherits is not None:
            parent = next((p for p in self._programs if p.id == spec.program.inherits), None)
            if parent is None:
                known = ", ".join(p.id for p in self._programs)
                raise RuleSetError(src, "program.inherits", f"no program {spec.program.inherits!r} (known: {known})")
            if parent.covers_from > spec.program.covers_from:  # (one overlapping it is refused below as any overlap)
                # (review 161 F1: a 2022 that inherited 2023 took 2023's 15% for December 2022's
                # document, due in January 2023, against D16)
                raise RuleSetError(src, "program.inherits", _inherits_later(parent, spec.program))
            parent_citations = self._citations.get(parent.id, {})
        program, citations = _program_from_file(spec, src, parent, parent_citations)
        _note_checked(program, parent)  # (its values checked as read: not again, review 245 F5)
        return RuleSet([*self._programs, program], {**self._citations, program.id: FrozenMap(citations)})

    def extend_in_order(self, paths: Sequence[str | Path], *, named: Sequence[str] | None = None) -> RuleSet:
        """This rule set with the program year of each file of ``paths`` (or TOML text, as
        :meth:`extend` takes) added in the order given, as the command line's ``--rules`` and a
        worked example's ``rules`` list add them. A year that inherits one given later in the list
        is refused saying so, and what to list first, by its name in ``named`` (the list as its
        writer wrote it, one name an entry) or its path (review 221 F7: it was told of no such
        program alone)."""
        if isinstance(paths, (str, bytes, os.PathLike)) or not isinstance(paths, Iterable):
            raise InvalidInput("paths", paths, "a list of rule-set files (or TOML texts), in order")
        paths = list(paths)
        if named is not None and (isinstance(named, (str, bytes)) or len(named := list(named)) != len(paths)):
            raise InvalidInput("named", named, f"a name for each of the {len(paths)} entries of paths, in order")
        rules = self
        for k, path in enumerate(paths):
            try:
                rules = rules.extend(path)
            except RuleSetError as error:
                if error.key != "program.inherits" or not error.problem.startswith("no program"):
                    raise
                year = _parse(_source_and_text(path, None)[1], error.source)
                later = _giving_program(paths, k, year)
                if later is None:
                    raise
                name = _entry_name(paths, named, later)
                raise RuleSetError(
                    error.source,
                    error.key,
                    f"{error.problem}; {name} gives it, later in the list: the years are added in the order "
                    f"given, a year after the one it inherits, so list {name} first",
                ) from None
        return rules

    def __eq__(self, other: object) -> bool:
        """Two rule sets are equal when their program years hold the same content (where a file
        was read from aside); a rule set is equal to itself after a pickle round trip."""
        if self is other:
            return True
        if not isinstance(other, RuleSet):
            return NotImplemented
        return self.digest == other.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    # ------------------------------------------------------------ looking up

    @property
    def digest(self) -> str:
        """A SHA-256 of the content of the program years (ids, periods, parameters, values,
        citations; not the file they were read from): equal rule sets, and only they, share it."""
        return self._derived(("digest",), self._content_digest)

    def _content_digest(self) -> str:
        content = [p.model_dump(mode="json", exclude={"source"}) for p in self._programs]
        text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def name(self) -> str:
        """The rule set's name, which identifies its content: the bundled rule set is ``"2021"``;
        any other is its program years' ids joined by ``+`` and the start of its :attr:`digest`
        (``"2021+2022@3f9c2a1b04de"``), so that two different 2022 files never share a name.
        A result's ``to_dict()`` names its rule set by it instead of embedding it, and
        ``from_dict`` checks the rule set it is given against it."""
        ids = "+".join(p.id for p in self._programs)
        if self is _default_ruleset() or self.digest == _default_ruleset().digest:
            return ids
        return f"{ids}@{self.digest[:NAME_DIGEST_LENGTH]}"

    @property
    def programs(self) -> tuple[Program, ...]:
        """The program years, in date order."""
        return self._programs

    def program_for(self, day: dt.date, parameter: str = "(any)") -> Program:
        """The program year that funds service on ``day`` (a date by the one date policy: a
        midnight ``datetime``, a ``Timestamp``, ``"YYYY-MM-DD"``; review 209 F5: a bare TypeError)."""
        day, parameter = _day(day, "day"), _rule_key(parameter)  # (the key as named, by its text: review 223 F3)
        for program in self._programs:
            if program.covers(day):
                return program
        spans = tuple(
            Expected("rule.span", (("program", p.id), ("start", p.covers_from), ("end", p.covers_until)))
            for p in self._programs
        )
        raise RuleNotInForce(parameter, day, Expected("rule.no_program_year", (("spans", spans),)))

    def parameter(self, key: str, day: dt.date, *, needed_on: dt.date | None = None) -> Parameter:
        """The parameter ``key`` of the program year that covers ``day``; a year that does not set
        it is refused naming ``needed_on``, the day its value is needed (``day`` by default: an R2
        value of March is needed on 1 April, review 161 F4). A key no program year of the rule set
        sets and that reads as a misspelling of a key voucherlib reads (D27) is refused naming the
        key meant (review 209 F6: "program 2021 does not set it", as if a year were missing)."""
        key = _rule_key(key)
        program = self.program_for(day, key)
        try:
            return program.parameters[key]
        except KeyError:
            why = None if any(key in p.parameters for p in self._programs) else misspelt_key(key)
            if why is not None:
                raise InvalidInput("key", key, f"a key of the rule set ({key!r} {why})") from None
            day = _day(day, "day")
            needed = day if needed_on is None else _day(needed_on, "needed_on")
            raise RuleNotInForce(key, needed, Expected("rule.not_set", (("program", program.id),))) from None

    def value(self, key: str, on: dt.date, *, program_on: dt.date | None = None) -> RuleValue:
        """The value of ``key`` in force on ``on``.

        The program year is the one covering ``program_on`` (default: ``on``). The
        submission rules of a month, for instance, are those of the program that funds the
        month, in force on the day the document falls due.
        """
        on, key = _day(on, "on"), _rule_key(key)
        program_on = None if program_on is None else _day(program_on, "program_on")
        param = self.parameter(key, program_on or on, needed_on=on)
        values = param.values
        i = bisect_right([v.effective_from for v in values], on) - 1
        if i < 0:
            program = self.program_for(program_on or on, key)
            by = program.effective_dates  # (the provision that sets the day)
            when = (("date", values[0].effective_from.isoformat()),)
            if program.inherits is not None:  # a year that inherits: its own file can date it
                # (whether or not a provision sets its days: review 220 F4, the advice for one that did
                # was RuleSet.from_toml, which refuses a year that inherits)
                year = (("program", program.id), ("start", program.covers_from.isoformat()), ("source", program.source))
                raise RuleNotInForce(key, on, Expected("rule.takes_effect_in_year", (*when, *year)), citation=by)
            raise RuleNotInForce(
                key,
                on,
                Expected("rule.takes_effect", when)
                if by is None
                else Expected("rule.takes_effect_by", (*when, ("by", by))),
                citation=by,
            )
        return values[i]

    def segments(self, key: str, first: dt.date, last: dt.date) -> tuple[tuple[dt.date, dt.date, RuleValue], ...]:
        """The values of ``key`` over the days ``first`` to ``last``, as ``(from, to, value)`` runs.

        Raises :class:`RuleNotInForce` on the first day no value covers.
        """
        key = _rule_key(key)  # (read before the kept runs are looked up: review 222 F1)
        first, last = _day(first, "first"), _day(last, "last")
        return self._derived(("segments", key, first, last), lambda: self._segments_of(key, first, last))

    def _segments_of(self, key: str, first: dt.date, last: dt.date) -> tuple[tuple[dt.date, dt.date, RuleValue], ...]:
        runs: list[tuple[dt.date, dt.date, RuleValue]] = []
        day = first
        while day <= last:
            program = self.program_for(day, key)
            value = self.value(key, day)
            values = program.parameters[key].values
            end = min(last, program.covers_until)
            later = [v.effective_from for v in values if v.effective_from > day]
            if later:
                end = min(end, later[0] - ONE_DAY)
            runs.append((day, end, value))
            day = end + ONE_DAY
        return tuple(runs)

    def _derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value derived from this rule set, computed once per key (the rule set never changes).

        For voucherlib's rule modules, which keep here what they derive from the values, e.g.
        the rate runs of a month. ``compute`` must be a pure function of the rule set and the
        key, computed with :mod:`voucherlib.core.money` (never the caller's decimal context, D25),
        and return an immutable value: the value is shared by every later call in every thread.
        It is private: a public way in would let a caller place a value where a rule module
        will look for one, changing every later result.
        """
        found = self._memo.get(key, _UNKNOWN)  # (not in an except: a refusal compute() raises
        if found is not _UNKNOWN:  # would carry the miss as its context; review 117)
            return cast(T, found)
        value = compute()
        if len(self._memo) < 65536:
            dict.__setitem__(self._memo, key, value)
        return value

    def daily_values(self, key: str, first: dt.date, last: dt.date) -> tuple[RuleValue, ...]:
        """The value of ``key`` on each day from ``first`` to ``last``, one per day."""
        out: list[RuleValue] = []
        for seg_first, seg_last, value in self.segments(key, first, last):
            out.extend([value] * ((seg_last - seg_first).days + 1))
        return tuple(out)

    def __repr__(self) -> str:
        return f"RuleSet(programs={[p.id for p in self._programs]})"


def _rule_key(key: Any) -> str:
    """A rule set's key as the plain text it holds (D43: a ``str`` subclass, ``numpy.str_``, is read
    by its text, never by its own ``__eq__`` or ``__hash__``; review 222 F1: a cached key's value
    answered a subclass claiming equality with it, and a numpy text was refused or answered by
    what had run before); anything else is refused naming it."""
    if not isinstance(key, str):
        raise InvalidInput("key", key, "a rule set's key: a text such as 'youth_voucher.daily_rate.with_disability'")
    return held_text(key)


def ruleset_of_text(text: str, source: str) -> RuleSet:
    """A rule set of one program year from the TOML ``text`` of ``source`` (it may not inherit):
    :meth:`RuleSet.from_toml` of text, for a caller that read the file itself (the command line's
    ``--rule-set``), so that no text is ever taken for a path."""
    spec = _parse(text, source)
    if spec.program.inherits:
        raise RuleSetError(
            source,
            "program.inherits",
            f"no inherits = ...; a year that inherits is added with {argument('rules', 'RuleSet.extend()')}",
        )
    program, citations = _program_from_file(spec, source, None, {})
    _note_checked(program, None)  # (its values checked as read)
    return RuleSet([program], {program.id: citations})


def rule_set_file(path: str | Path, field: str) -> RuleSet:
    """:func:`ruleset_of_text` of the rule-set file at ``path`` (UTF-8, at most
    :data:`MAX_RULESET_BYTES`), a file that cannot be read refused naming ``field`` (the command
    line's ``rule_set`` flag, a case's ``rule_set`` key)."""
    return ruleset_of_text(read_text_file(path, max_bytes=MAX_RULESET_BYTES, field=field), str(path))


SHIPPED_YEARS: Mapping[str, str] = MappingProxyType({"through_2026": "continuation_2022_2026.toml"})
"""The program years shipped with the library as examples, by the name ``--rules`` and a worked
example's ``rules`` take for them: ``through_2026``, the continuation of the 2021 amounts for
2022-2026 (an assumption, not an act)."""


def year_file(name: str | os.PathLike[str], base: Path = Path()) -> Path:
    """The rule-set file ``name`` stands for: a shipped year by its name (:data:`SHIPPED_YEARS`),
    else the file ``name``, relative to ``base``. A shipped year's name beside a file of that name
    is refused: either reading would be a guess (review 226 F1: the shipped year was read, and
    another amount paid, where the file had been read before)."""
    shipped = SHIPPED_YEARS.get(name) if isinstance(name, str) else None
    if shipped is None:
        return base / name
    local = base / name
    if os.path.lexists(local):
        said = expected("shipped_or_file", name=name, path=os.fspath(local), local=f"./{name}")
        raise InvalidInput("rules", name, said)
    return Path(str(resources.files("voucherlib.examples").joinpath(shipped)))


def _giving_program(paths: Sequence[str | Path], after: int, year: _ProgramFile) -> int | None:
    """The place in ``paths``, after ``after``, of the first file whose program is the one ``year``
    inherits, unless the years of the list inherit in a circle back to ``year`` (listing any first
    is no answer: review 226 F4, 228 F5); None when none is, or one cannot be read (its own refusal
    comes when it is added)."""
    parents: dict[str, str | None] = {}
    found: int | None = None
    for k in range(after + 1, len(paths)):
        try:
            program = _parse(_source_and_text(paths[k], None)[1], "").program
        except (VoucherError, OSError):
            continue
        parents.setdefault(program.id, program.inherits)
        if found is None and program.id == year.program.inherits:
            found = k
    seen = {year.program.id}
    step = year.program.inherits
    while step is not None and step in parents and step not in seen:
        seen.add(step)
        step = parents[step]
    return None if step == year.program.id else found


def _entry_name(paths: Sequence[str | Path], named: Sequence[str] | None, k: int) -> str:
    """How a refusal names entry ``k`` of a list of years: as its writer named it, its path, or,
    for a TOML text, its place in the list (review 226 F4: the whole text was quoted)."""
    if named is not None:
        return str(named[k])
    path = paths[k]
    if isinstance(path, str) and "\n" in path:
        return f"the TOML text {k + 1} of the list"
    return os.fspath(path)


def _source_and_text(path_or_text: Any, source: str | None) -> tuple[str, str]:
    """(where the TOML comes from, its text): a string of several lines is the text itself, from
    ``source``; any other string or path-like object (``Path``, ``PurePosixPath``, ``os.DirEntry``)
    is a file, read; anything else is refused."""
    if isinstance(path_or_text, str):  # (by the text it holds: D43, review 135 F4)
        path_or_text = held_text(path_or_text)
    if isinstance(path_or_text, str) and "\n" in path_or_text:
        return source or "(text)", path_or_text
    if not isinstance(path_or_text, (str, os.PathLike)):
        raise InvalidInput("rules", path_or_text, "a rule-set file's path or its TOML text")
    if isinstance(path_or_text, str) and "=" in path_or_text and not os.path.lexists(path_or_text):
        # (TOML text on one line, or with carriage returns only: said so, not "no such file")
        raise InvalidInput("rules", path_or_text, expected("toml_text_lines"))
    return _read_file(os.fsdecode(path_or_text))  # (a path-like object may give bytes: os.scandir(b"."))


def _read_file(path: str) -> tuple[str, str]:
    return path, read_text_file(path, max_bytes=MAX_RULESET_BYTES, field="rules")


_BUNDLED = "voucherlib/data/program_2021.toml"


@cache
def _bundled_program() -> tuple[Program, dict[str, Citation]]:
    """The bundled year and its citations, read once: the provisions every other year's values
    are checked against (:func:`bundled_parameter`), so read without that check."""
    text = resources.files("voucherlib.data").joinpath("program_2021.toml").read_text(encoding="utf-8")
    return _program_from_file(_parse(text, _BUNDLED), _BUNDLED, None, {}, bundled=True)


@cache
def _default_ruleset() -> RuleSet:
    program, citations = _bundled_program()
    return RuleSet([program], {program.id: citations})


@lru_cache(maxsize=4096)
def bundled_parameter(key: str) -> Parameter | None:
    """The bundled year's parameter ``key``, or, for a key of a form voucherlib reads (a city's
    cap), every value the bundled year sets for keys of that form, under ``key``: what a value of
    ``key`` that no inherited year sets must cite as Decree No. 467 words it (D27); None for a key
    the library does not read."""
    parameters = _bundled_program()[0].parameters
    found = parameters.get(key)
    if found is not None:
        return found
    pattern = read_as(key)
    alike = [p for k, p in parameters.items() if pattern is not None and read_as(k) == pattern]
    if not alike:
        return None
    return alike[0].model_copy(update={"key": key, "values": tuple(v for p in alike for v in p.values)})


def resolve_rules(rules: RuleSet | None) -> RuleSet:
    """The rule set to use: the caller's, or the bundled default."""
    if rules is None:
        return _default_ruleset()
    if type(rules) is not RuleSet:  # (a subclass, made round its refusal, would share another's results)
        raise InvalidInput("rules", rules, "a voucherlib.RuleSet (not a subclass) or None for the bundled 2021 program")
    return rules
