"""R9. Service standards of Annex 2.12 (Annex 2.12, Art. 2, para 1(a) and (b)
of the 2021 State Program (Decree No. 825), as worded by Decree No. 467, Art. 1, para 2(k.a)).

The provider houses beneficiaries safely, at most 3 living together ("a"), and provides one
social worker / youth worker / social pedagogue per 25 beneficiaries ("b"). We read "one per
25" as one worker for each 25 beneficiaries or part of 25: 26 beneficiaries need 2 (D17).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from typing import ClassVar, Self, SupportsIndex

from pydantic import model_validator

from voucherlib.core.citation import Citation
from voucherlib.core.errors import InvalidInput, expected
from voucherlib.core.frozen import CheckResult
from voucherlib.core.identifiers import odd_char
from voucherlib.core.month import as_date, dates_by_policy
from voucherlib.core.phrases import check_lang
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.core.trace import Quantity, Step
from voucherlib.rules.occupancy import whole_count

__all__ = ["HousingCheck", "check_housing_units", "required_workers"]

PER_WORKER = "youth_voucher.standards.beneficiaries_per_worker"
PER_UNIT = "youth_voucher.standards.max_beneficiaries_per_housing_unit"


def _int_value(rules: RuleSet | None, key: str, on: dt.date | str | None) -> tuple[int, Citation, dt.date]:
    """The value in force on ``on`` (read as every date is: review 74, a text or a Timestamp was a
    bare TypeError), its citation and the day; by default, the last day of the rule set's latest
    program year."""
    ruleset = resolve_rules(rules)
    day = as_date(on, "on") if on is not None else ruleset.programs[-1].covers_until
    value = ruleset.value(key, day)
    assert isinstance(value.value, int)
    return value.value, value.citation, day


def required_workers(
    beneficiaries: SupportsIndex | str, *, on: dt.date | str | None = None, rules: RuleSet | None = None
) -> int:
    """Workers required for ``beneficiaries`` (R9, Annex 2.12, Art. 2, para 1 "b"): one per 25 or part of 25.

    ``on``: the day whose standard applies (a date or ``'YYYY-MM-DD'``). By default, the last day
    of the latest program year of the rule set (``rules``, the bundled one by default): a rule set
    that holds a later year with its own standard answers by that year's, so pass the day of the
    provider's month to check it by the standard in force then (review 233 F1).

    >>> required_workers(25), required_workers(26), required_workers(0)
    (1, 2, 0)
    """
    n = whole_count(beneficiaries, "beneficiaries")
    per, _, _ = _int_value(rules, PER_WORKER, on)
    return -(-n // per)


class HousingCheck(CheckResult):
    """Safe housing units over the limit of Annex 2.12, Art. 2, para 1 "a". Made in code, each unit
    it lists houses more than its limit (review 191 F2), and a copy with an update is refused."""

    made_by: ClassVar[str] = "check_housing_units"
    """The function that makes the check: called again with a changed input, the check made anew."""

    limit: int
    """The most beneficiaries living together in one safe housing unit (3)."""
    over: tuple[tuple[str, int], ...]
    """(unit, beneficiaries) for every unit with more than the limit."""
    citation: Citation
    """Annex 2.12, Art. 2, para 1(a), as worded by Decree 467."""
    on: dt.date | None = None
    """The day whose limit was applied (``check_housing_units``'s ``on``, or the last day of the
    rule set's latest year it defaults to; review 233 F1); None for a check made by hand without it."""

    _dates = dates_by_policy("on")  # (review 234 F2: pydantic read 0 as 1970-01-01, a number as seconds)

    @model_validator(mode="after")
    def _each_over_its_limit(self) -> Self:
        if self.limit < 0:  # (review 199 F4: a negative limit, each unit named once)
            raise InvalidInput("HousingCheck.limit", self.limit, "a whole number of beneficiaries, 0 or more")
        names = [unit for unit, _ in self.over]
        if len(set(names)) != len(names):
            twice = next(unit for unit in names if names.count(unit) > 1)
            raise InvalidInput("HousingCheck.over", twice, "each unit named once")
        for i, (unit, n) in enumerate(self.over):
            if n <= self.limit:
                raise InvalidInput(
                    f"HousingCheck.over[{i}]", (unit, n), f"a unit of more than {self.limit} beneficiaries"
                )
        return self

    @property
    def ok(self) -> bool:
        """True when no unit is over the limit."""
        return not self.over

    def explain(self, lang: str = "en") -> str:
        """Which units are over the limit, with the provision, in English or Georgian: :meth:`trace` as text."""
        return self.trace().explain(check_lang(lang))

    def trace(self) -> Step:
        """The check as data: the number of units over the limit, then a step for each of them."""
        limit = Quantity("limit", self.limit, "beneficiaries")
        units = tuple(
            Step("housing.unit", n, "beneficiaries", (Quantity("unit", unit, "text"), limit)) for unit, n in self.over
        )
        key = "housing.over" if self.over else "housing.ok"
        day = () if self.on is None else (Quantity("on", self.on, "date"),)  # (the day: data, not said in the line)
        return Step(key, len(self.over), "units", (limit, *day), self.citation, children=units, rule="R9")


def check_housing_units(
    occupants: Mapping[str, SupportsIndex], *, on: dt.date | str | None = None, rules: RuleSet | None = None
) -> HousingCheck:
    """Check that no safe housing unit houses more than 3 beneficiaries (R9, "a").

    ``on``: the day whose limit applies, kept in the check (:attr:`HousingCheck.on`); by default,
    the last day of the latest program year of the rule set, as :func:`required_workers` (a rule
    set that holds a later year with its own limit checks by that year's: pass the day of the
    provider's month).

    >>> check_housing_units({"flat 1": 3, "flat 2": 4}).over
    (('flat 2', 4),)
    """
    if not isinstance(occupants, Mapping):
        raise InvalidInput("occupants", occupants, "a mapping housing unit -> number of beneficiaries")
    limit, citation, day = _int_value(rules, PER_UNIT, on)
    over = tuple(
        (u, n) for u, n in ((u, whole_count(c, f"occupants[{u!r}]")) for u, c in _units(occupants)) if n > limit
    )
    return HousingCheck(limit=limit, over=over, citation=citation, on=day)


def _units(occupants: Mapping[str, SupportsIndex]) -> list[tuple[str, SupportsIndex]]:
    """Each housing unit's name (without the spaces around it) and its count, each unit named
    once (D37, review 105: ``{1: 2, "1": 2}`` and ``{"flat 1": 2, "flat 1 ": 2}`` were two units
    of 2 each, so a unit housing 4 passed the limit of 3). A name that is no text, or that holds
    a character that shows as nothing, is refused naming it."""
    named: dict[str, str] = {}
    units = []
    for unit, count in occupants.items():
        if not isinstance(unit, str):
            raise InvalidInput("occupants", unit, expected("unit_name"))
        name = str.__str__(unit).strip()  # (a subclass of str, numpy's str_: the text it holds)
        odd = odd_char(name)  # (invisible, or no agreed character: an empty box, review 286 F1)
        if odd is not None:
            what, char = odd
            said = expected("unit_visible", char=char) if what is None else expected("unit_known", char=char, what=what)
            raise InvalidInput("occupants", unit, said)
        if not name:
            raise InvalidInput("occupants", unit, expected("unit_name"))
        # one unit however its letters are composed or cased and its words spaced: "Flat 1", "flat 1",
        # "flat  1", an é written as e and an accent (review 107 F7: NFC and NFD forms, which look
        # the same, were two units); NFC, not NFKC: "Flat 1²" and "Flat 12" are two (review 108 F6)
        key = " ".join(unicodedata.normalize("NFC", name).casefold().split())
        if key in named:
            other = named[key]  # (a name of other code points that looks the same is shown by them: review 109)
            shown = repr(other) if other.isascii() or other == unit else f"{other!r} ({ascii(other)[1:-1]})"
            raise InvalidInput("occupants", unit, expected("unit_once", other=shown))
        named[key] = unit
        units.append((name, count))
    return units
