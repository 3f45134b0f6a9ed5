"""R4. Paid-beneficiary caps per facility (Decree No. 467, Annex 2.8, Art. 6, para 4 "g").

The amount paid per day for the service a provider delivered may not exceed the amount for
serving at most N beneficiaries in each facility:

=========  =======  ==========
city       shelter  day centre
=========  =======  ==========
Tbilisi    15       20
Kutaisi    10       20
Rustavi    15       22
Batumi     (none)   30
=========  =======  ==========

Decision D13: per day, paid beneficiaries = min(served, N); elsewhere, or where the table has
no N, no cap. The values live in the rule set; in force for service from 1 Sep 2021 (R8).
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from voucherlib.errors import InvalidInput
from voucherlib.month import Month, MonthLike
from voucherlib.occupancy import Service, service_of
from voucherlib.ruleset import RuleSet, RuleValue, resolve_rules

__all__ = ["CAPPED_CITIES", "city_key", "paid_beneficiary_cap"]

CAPPED_CITIES = {"tbilisi": "თბილისი", "kutaisi": "ქუთაისი", "rustavi": "რუსთავი", "batumi": "ბათუმი"}
"""The cities the sub-paragraph names: English key -> Georgian name."""
_BY_GEORGIAN = {ka: en for en, ka in CAPPED_CITIES.items()}
_PREFIXES = ("ქ. ", "ქ.", "city of ")


def city_key(city: Any) -> str:
    """A city as a stable lower-case key: ``"tbilisi"`` for ``"Tbilisi"``, ``"ქ. თბილისი"``...

    A name that is not one of the four capped cities is returned as given (lower-cased): it
    has no cap. A name *close* to one of them but not equal (``"Tbilsi"``) is refused, so that a
    typo never removes a cap silently.
    """
    if not isinstance(city, str) or not city.strip():
        raise InvalidInput("city", city, "a city or municipality name, e.g. 'tbilisi' or 'თბილისი'")
    name = " ".join(city.strip().lower().split())
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :].strip()
    if name in CAPPED_CITIES:
        return name
    if name in _BY_GEORGIAN:
        return _BY_GEORGIAN[name]
    close = difflib.get_close_matches(name, [*CAPPED_CITIES, *_BY_GEORGIAN], n=1, cutoff=0.75)
    if close:
        raise InvalidInput("city", city, f"a city name spelt exactly; did you mean {close[0]!r}?")
    return name


def cap_value(rules: RuleSet, city: str, service: Service, on: dt.date) -> RuleValue | None:
    """The rule value of the cap, or None where the city is not in the table.

    A city outside the table has no cap, but the sub-paragraph must be in force all the same:
    that is checked on the unfilled-place share, which the same sub-paragraph sets (R8).
    """
    if city in CAPPED_CITIES:
        return rules.value(f"shelter.paid_beneficiary_cap.{city}.{service}", on)
    rules.value("shelter.unfilled_place_share", on)
    return None


def paid_beneficiary_cap(
    city: str, service: str, *, month: MonthLike | None = None, rules: RuleSet | None = None
) -> int | None:
    """The most beneficiaries a facility is paid for per day (R4), or None where there is no cap.

    Decree No. 467, Annex 2.8, Art. 6, para 4 "g". ``month`` defaults to the last month of the
    rule set's latest program year.

    >>> paid_beneficiary_cap("tbilisi", "shelter")
    15
    >>> paid_beneficiary_cap("ბათუმი", "shelter") is None
    True
    """
    ruleset = resolve_rules(rules)
    on = Month.of(month).first_day if month is not None else ruleset.programs[-1].covers_until
    value = cap_value(ruleset, city_key(city), service_of(service), on)
    if value is None or value.value is None:
        return None
    assert isinstance(value.value, int)
    return value.value
