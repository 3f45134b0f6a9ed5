"""R4. Paid-beneficiary caps per facility (Annex 2.8, Art. 6, para 4(g)
of the 2021 State Program (Decree No. 825), as worded by Decree No. 467, Art. 1, para 2(t.a.b)).

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
import tomllib
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from importlib import resources
from itertools import groupby
from operator import itemgetter
from typing import Any, get_args

from voucherlib.core.citation import Citation
from voucherlib.core.errors import Expected, InvalidInput, Reason, RuleNotInForce, RuleSetError, expected
from voucherlib.core.frozen import FrozenMap
from voucherlib.core.held import held_text
from voucherlib.core.month import Month, MonthLike
from voucherlib.core.ruleset import PLACE_KEYS, Program, RuleSet, RuleValue, key_form_problem, resolve_rules
from voucherlib.rules.limit_tables import genitive_of, limit_tables, normalise_name, place_keys
from voucherlib.rules.occupancy import Service, month_dates, service_of

__all__ = ["cap_runs", "capped_cities", "check_place_keys", "city_key", "month_caps", "paid_beneficiary_cap"]

CAP_PREFIX = "shelter.paid_beneficiary_cap."


@cache
def _georgian_names() -> FrozenMap[str, str]:
    """Lower-case English key -> the Georgian name the decree's limit tables give it (without "ქ.")."""
    names: dict[str, str] = {}
    for table in limit_tables().values():
        for row in table.rows:
            names.setdefault(row.key.lower(), " ".join(row.ka.removeprefix("ქ.").split()))
    return FrozenMap(names)


@cache
def _english_names() -> FrozenMap[str, str]:
    """Lower-case English key -> the English name of the decree's limit tables (``Tbilisi``)."""
    return FrozenMap({row.key.lower(): row.key for table in limit_tables().values() for row in table.rows})


def city_name(key: str, lang: str = "en") -> str:
    """A city key as shown to people: in English its name (``Tbilisi`` for ``tbilisi``: the
    limit tables' key, or ``data/municipalities.toml``'s English name; review 42, the English
    views showed the lower-case key), in Georgian the decree's name (a municipality of no limit
    table: its Georgian name); a key the library has no name for, as it is."""
    tables, units = (_georgian_names(), _units()) if lang == "ka" else (_english_names(), _english_units())
    named = tables.get(key)
    return named if named is not None else units.get(_skeleton(normalise_name(key)), key)


def capped_cities(rules: RuleSet, on: dt.date) -> frozenset[str]:
    """The cities the rule set gives a paid-beneficiary cap (R4) in the program year covering ``on``.

    They are read from the parameter keys ``shelter.paid_beneficiary_cap.CITY.SERVICE``: the list
    of cities is data, like the caps.
    """
    program = rules.program_for(on, CAP_PREFIX + "*")
    return rules._derived(("paid_beneficiary_caps.cities", program.id), lambda: _cities_of(program))


def check_place_keys(rules: RuleSet) -> RuleSet:
    """``rules``, once the keys of Annex 2.8's values that name a city or a service are checked in
    every program year (:func:`key_part_problem`), as the first facility the rule set prices
    checks them; else a :class:`~voucherlib.RuleSetError` naming the key. The command line checks a
    ``--rules`` file so when it loads (review 100: a bad key was a finding on every row, exit 1)."""
    for program in rules.programs:
        _cities_of(program)
    return rules


def _cities_of(program: Program) -> frozenset[str]:
    """The cities of ``program``'s caps, once each key of a place or a service (Annex 2.8's
    ``shelter.*`` keys) is checked to be written as a facility is read
    (:func:`key_part_problem`)."""
    for key in program.parameters:
        parts = key.split(".")
        form = key_form_problem(key)  # (a city "ქ. გორი": review 100)
        if form is not None:
            raise RuleSetError(program.source, f"parameters.{key}", form)
        for name, kinds in PLACE_KEYS.items():
            pattern = name.split(".")
            if len(parts) == len(pattern) and all(w in ("*", p) for w, p in zip(pattern, parts, strict=True)):
                said = [p for w, p in zip(pattern, parts, strict=True) if w == "*"]
                for kind, part in zip(kinds, said, strict=True):
                    problem = key_part_problem(kind, part)
                    if problem is not None:
                        raise RuleSetError(program.source, f"parameters.{key}", problem)
    return frozenset(key[len(CAP_PREFIX) :].split(".")[0] for key in program.parameters if key.startswith(CAP_PREFIX))


@cache
def _districts() -> FrozenMap[str, str]:
    """Every name of a district of a capped city (``data/city_districts.toml``: in English, in
    Georgian and in its Georgian genitive, as :func:`_skeleton` gives it) -> the city's key."""
    return FrozenMap(_place_names("city_districts.toml", "district", lambda district: district["city"]))


def district_city(name: str) -> str | None:
    """The key of the city (``"tbilisi"``) of which a word of ``name`` is a district (``"Vake"``,
    ``"საბურთალოს რ-ნი"``: ``data/city_districts.toml``), or None."""
    districts = _districts()
    return next((districts[w] for w in (_skeleton(w) for w in name.split()) if w in districts), None)


@cache
def _units() -> FrozenMap[str, str]:
    """Every name of a municipality or self-governing city of Georgia (``data/municipalities.toml``:
    in English, its other English spellings, in Georgian and in its Georgian genitive, as
    :func:`_skeleton` gives it) -> its Georgian name."""
    return FrozenMap(_place_names("municipalities.toml", "unit", lambda unit: unit["ka"]))


@cache
def _unit_keys() -> FrozenMap[str, str]:
    """Every name of a municipality or self-governing city as ``data/municipalities.toml`` writes
    it (English, other spellings, Georgian, Georgian genitive; as :func:`normalise_name` gives it,
    never a name only like one: D30) -> the one key :func:`city_key` reads it as
    (:func:`_unit_key_of`: ``gori`` for ``გორი``, which the tables write ``გორის
    მუნიციპალიტეტი``). A place the limit tables list in parts (Sighnaghi: :func:`_split_units`) is
    not here: its names go through D30's safety nets, and are refused where a part is capped.
    Review 98: ``გორი`` and ``Gori`` were two keys, and a cap a rule file gave the one did not
    bound a facility written the other way; review 101: a place's own names are read before the
    safety nets, which took ``Oni`` for ``Khoni`` and ``Akhalgori`` for ``Gori`` when those were
    capped."""
    split = _split_units()
    out: dict[str, str] = {}
    for place in _places("municipalities.toml", "unit"):
        key = _key_of_unit(place)
        if key not in split:
            for written in (place["en"], place["ka"], place["ka_genitive"], *place.get("also", ())):
                out[normalise_name(written)] = key
    return FrozenMap(out)


def _key_of_unit(unit: dict[str, Any]) -> str:
    """The key of a municipality or city of ``data/municipalities.toml``: the limit tables' key,
    lower case, of a unit they list, else its English name normalised."""
    return (place_keys().get(normalise_name(unit["en"])) or normalise_name(unit["en"])).lower()


@cache
def towns() -> FrozenMap[str, str]:
    """The key of each town ``data/municipalities.toml`` lists apart from the municipality it lies
    in (Jvari, Vale) -> the key of that municipality."""
    units = _places("municipalities.toml", "unit")
    by_name = {unit["en"]: unit for unit in units}
    return FrozenMap(
        {_key_of_unit(unit): _key_of_unit(by_name[unit["municipality"]]) for unit in units if "municipality" in unit}
    )


@cache
def _split_units() -> FrozenMap[str, tuple[str, ...]]:
    """The key of each place the limit tables list in parts (a row ``Sighnaghi (except Tsnori)``
    and a row ``Tsnori``) -> the keys of its parts: a cap of a part cannot be told to bound a
    facility written by the whole place's name."""
    out: dict[str, tuple[str, ...]] = {}
    for key in sorted({k.lower() for k in place_keys().values()}):
        whole, _, rest = key.partition(" (except ")
        if rest:
            out[whole] = (key, *(normalise_name(n) for n in rest.rstrip(")").split(" and ")))
    return FrozenMap(out)


@cache
def _unit_key_of() -> FrozenMap[str, str]:
    """Every name of a municipality or self-governing city (as :func:`_units`, by its skeleton)
    -> the one key :func:`city_key` reads it as: the limit tables' key, lower case, of a unit
    they list, else its English name normalised (``kazbegi`` for ``ყაზბეგი`` and ``ყაზ ბეგი``:
    review 100, a name read by its skeleton was a key of its own)."""
    return FrozenMap(_place_names("municipalities.toml", "unit", _key_of_unit))


@cache
def _english_units() -> FrozenMap[str, str]:
    """Every name of a municipality or self-governing city (as :func:`_units`) -> its English name."""
    return FrozenMap(_place_names("municipalities.toml", "unit", lambda unit: unit["en"]))


@cache
def _places(file: str, table: str) -> tuple[dict[str, Any], ...]:
    """The places of a data file (``municipalities.toml``'s units, ``city_districts.toml``'s
    districts), read once."""
    text = resources.files("voucherlib.data").joinpath(file).read_text(encoding="utf-8")
    return tuple(tomllib.loads(text)[table])


def _place_names(file: str, table: str, value: Callable[[dict[str, Any]], str]) -> dict[str, str]:
    """The names of each place of a data file, as :func:`_skeleton` gives them, and the Georgian
    name romanised by ISO 9984 (``ჭიათურა`` is ``Čiatʻura``, whose skeleton is ``ciatura``)."""
    names: dict[str, str] = {}
    for place in _places(file, table):
        for written in (place["en"], place["ka"], place["ka_genitive"], *place.get("also", ())):
            names[_skeleton(normalise_name(written))] = value(place)
        names[_skeleton(normalise_name(place["ka"])).translate(_ISO_9984)] = value(place)
    return names


_ISO_9984 = str.maketrans(
    dict(zip("აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ", "abgdevztiklmnopzrstupkgqsccjccxjh", strict=True))
)
"""Mkhedruli letters as the skeleton of their ISO 9984 romanisation (``č̣`` is ``c``, ``ž`` is ``z``)."""


_FOLDED = str.maketrans({"ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "đ": "d", "ħ": "h"})
"""Latin letters without a decomposition, as the plain letter they are read as (``tbılısı``,
a Turkish-locale lower case of TBILISI: review 27)."""


def _skeleton(name: str) -> str:
    """A normalised name as the safety nets of D30 compare it: accents dropped (ISO 9984's
    ``č``, ``š``), the letters above folded, modifier letters (the ``ʼ`` of ``Tsʼageri``) and
    the spaces between words left out."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_FOLDED))
    return "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Lm") and not c.isspace())


def _other_script(skeleton: str) -> bool:
    """Whether a name's skeleton has a letter that is not a-z or Mkhedruli: a name in another
    script (``Тбилиси``), which cannot be checked against the capped cities."""
    return any(c.isalpha() and not ("a" <= c <= "z" or "\u10d0" <= c <= "\u10ff") for c in skeleton)


def _within(short: str, whole: str) -> bool:
    """Whether ``short`` is ``whole`` shortened: its first letter, then some of the others in
    order (``t``, ``tbil``, ``თბსი`` of ``თბილისი``)."""
    if not short or short == whole or short[0] != whole[0]:
        return False
    rest = iter(whole[1:])
    return all(c in rest for c in short[1:])


def _forms(key: str) -> Reason:
    """The forms of the capped city ``key`` an error advises writing (in Georgian, its Georgian
    forms first: review 85)."""
    en, ka = key.title(), city_name(key, "ka")
    english = [en, f"{en} City"]
    georgian = [*([f"ქ. {ka}"] if ka != key else [])]
    georgian += [f"{genitive} მუნიციპალიტეტი" for genitive in filter(None, [genitive_of(ka)])]
    return Reason.in_each(", ".join(map(repr, english + georgian)), ", ".join(map(repr, georgian + english)))


def _city_said(key: str) -> Reason:
    """The capped city ``key`` as a refusal names it: ``Tbilisi``, in Georgian ``თბილისი`` (review
    85: the lower-case key, in a Georgian sentence too)."""
    return Reason.in_each(key.title(), city_name(key, "ka"))


def city_key(city: Any, capped: frozenset[str]) -> str:
    """A city as a stable lower-case key: ``"tbilisi"`` for ``"Tbilisi"``, ``"Tbilisi City"``,
    ``"ქ. თბილისი"`` or ``"თბილისის მუნიციპალიტეტი"`` (the forms of D30, :func:`normalise_name`).

    A name that is not one of the ``capped`` cities has no cap when the library knows the
    place: a municipality of the limit tables is returned as its key, one of Georgia's
    municipalities, self-governing cities and towns (``data/municipalities.toml``) as its English
    name normalised, each of a place's names the same key (review 98, 100); any other name is refused (a neighbourhood, a village). A name that still holds a
    capped city's name (``"Tbilisi, Georgia"``), is close to one (``"Tbilsi"``) or the start of
    one (``"Tb."``, ``"თბ."``) but is not one of its forms is refused, so that a way of writing a
    city never removes its cap; so is a district of a capped city (``"Vake"``, ``"ვაკის
    რაიონი"``) and a name with letters of another script than Latin or Georgian (``"Тбилиси"``),
    which cannot be told from a capped city (D30).
    """
    if not isinstance(city, str) or not str.strip(city):
        raise InvalidInput("city", city, expected("city"))
    # a subclass of str as the plain text it holds: the keys are kept by name for every caller
    return _city_key(held_text(city), capped)


def key_part_problem(kind: str, part: str) -> str | None:
    """Why ``part`` of a rule file's key is not what a facility is read as, or None: a ``service``
    is ``shelter`` or ``day_centre``; a ``city`` (``shelter.paid_beneficiary_cap.CITY.SERVICE``)
    is the key :func:`city_key` reads a facility's city as (``gori``, not ``Gori``, ``გორი`` or
    ``gorri``). Review 98: such a key was taken and never met a facility's city, so that the city
    had no cap at all (496 paid days for 155)."""
    if kind == "service":
        services = get_args(Service)
        return None if part in services else f"names no service: {part!r} (one of {', '.join(services)})"
    try:
        key = city_key(part, frozenset())
    except InvalidInput as exc:
        return f"names no city voucherlib knows: {part!r} ({exc.expected})"
    if key != part:
        return f"writes the city {city_name(key)} as {part!r}: write its key, {key!r} (a facility's city is read as it)"
    parts = _split_units().get(key)
    if parts:  # (review 101: "sighnaghi" capped neither of the rows the tables have for it)
        return f"names {city_name(key)}, which the limit tables list in parts: write the key of a part, {' or '.join(map(repr, parts))}"
    return None


def place_of(city: Any, capped: frozenset[str]) -> str:
    """The place a city's name reads as, the same for each of its names (``Gori``, ``გორი``,
    ``გორის მუნიციპალიტეტი``): its Georgian name when it is one of Georgia's municipalities or
    cities, else its :func:`city_key`. For telling whether two rows name one place (review 50)."""
    key = city_key(city, capped)
    return _units().get(_skeleton(key), key)


@lru_cache(maxsize=4096)
def _city_key(city: str, capped: frozenset[str]) -> str:
    """:func:`city_key` of a name: a pure function of its two arguments (a name close to a capped
    one is looked for among all of them, which is slow), so each pair is worked out once."""
    name = normalise_name(city)
    known = place_keys().get(name)
    if known is not None:  # a municipality of the limit tables: capped or not, it is that one
        return known.lower()
    if name in capped:
        return name
    unit = _unit_keys().get(name)
    if unit is not None:  # a municipality or city by another of its names (გორი, Gori: one key; review 98)
        return _not_within_a_cap(unit, capped, city)
    # D30, the safety nets (reviews 25, 27: "Тбилиси", "Vake", "თბ.", "ქ. თბ-სი", "tbılısı" were
    # cities without a cap). They compare the name's skeleton: accents, modifier letters, spaces out.
    squeezed = _skeleton(name)
    if _other_script(squeezed):
        raise InvalidInput("city", city, expected("city_script"))
    district_of = district_city(name)  # Vake, ვაკის რ-ნი, Vake-Saburtalo, Gldani rayon
    if district_of is not None and district_of in capped:
        raise InvalidInput(
            "city", city, expected("city_district", city=_city_said(district_of), forms=_forms(district_of))
        )
    names = {n: en for n, en in ((_skeleton(n), k.lower()) for n, k in place_keys().items()) if en in capped}
    # A capped city's name (English, or a Georgian stem without its ending) anywhere in a name
    # the library does not know, even run together with another word; a name close to one (a
    # misspelling); or the name a shortening of one (an abbreviation, a contraction).
    stems = [(en, en) for en in capped] + [(n.removesuffix("ი"), en) for n, en in names.items()]
    held = sorted({en for stem, en in stems if stem in squeezed})
    if held:
        raise InvalidInput("city", city, expected("city_form", city=_city_said(held[0]), forms=_forms(held[0])))
    close = difflib.get_close_matches(squeezed, [*capped, *names], n=1, cutoff=0.75)
    if close:
        spelt = names.get(close[0], close[0])  # (the capped city whose name, in either language, it is close to)
        raise InvalidInput("city", city, expected("city_spelt", city=_city_said(spelt)))
    short = sorted({en for whole, en in [*stems, *names.items()] if _within(squeezed, whole)})
    if short:
        raise InvalidInput("city", city, expected("city_form", city=_city_said(short[0]), forms=_forms(short[0])))
    key = _unit_key_of().get(squeezed)
    if key is None:  # a neighbourhood (Varketili), a village, ...: its cap is not known
        raise InvalidInput("city", city, expected("city_unknown"))
    return _not_within_a_cap(key, capped, city)  # (each of a place's names one key: review 100)


def _not_within_a_cap(key: str, capped: frozenset[str], city: str) -> str:
    """``key``, the place a facility's city names, unless a cap the rule set gives covers part of
    it or a place it lies in, so that its cap cannot be told: Sighnaghi with Tsnori capped (review
    101), Jvari with Tsalenjikha (review 102); then refused, naming the places."""
    parts = _split_units().get(key, ())
    if any(part in capped for part in parts):
        raise InvalidInput("city", city, expected("city_split", parts=", ".join(map(repr, parts))))
    within = towns().get(key)
    if within is not None and within in capped:
        raise InvalidInput("city", city, expected("city_in_capped", municipality=_city_said(within)))
    return key


def cap_value(rules: RuleSet, city: str, service: Service, on: dt.date) -> RuleValue | None:
    """The rule value of the cap, or None where the city is not in the table.

    A city outside the table has no cap, but the sub-paragraph must be in force all the same:
    that is checked on the unfilled-place share, which the same sub-paragraph sets (R8). A
    city in the table with no cap for a service (Batumi's shelters) has the value "none".
    """
    if city in capped_cities(rules, on):
        try:
            return rules.value(f"{CAP_PREFIX}{city}.{service}", on)
        except RuleNotInForce as exc:
            raise _other_service_capped(rules, city, service, on, exc) from None
    try:
        rules.value("shelter.unfilled_place_share", on)
    except RuleNotInForce as exc:  # said of the cap asked for, not of the share (review 99)
        raise RuleNotInForce(
            f"{CAP_PREFIX}{city}.{service}", on, exc.why or exc.detail, citation=exc.citation
        ) from None
    return None


def _other_service_capped(
    rules: RuleSet, city: str, service: Service, on: dt.date, exc: RuleNotInForce
) -> RuleNotInForce:
    """``exc``, or, when the program year caps the city's other service and sets nothing for this
    one, a refusal that says so and how to write it: a city's cap keys name both services, the
    one without a cap with ``value = "none"`` (review 111 M1: the advice was to supply a rule set
    that covers the day, which the year does)."""
    if exc.why is None or exc.why.key != "rule.not_set":
        return exc
    other = next(s for s in get_args(Service) if s != service)
    try:  # (the year sets the other service's cap, in force on this day or from a later one: review 113)
        rules.parameter(f"{CAP_PREFIX}{city}.{other}", on)
    except RuleNotInForce:
        return exc
    program = rules.program_for(on)
    said = (
        ("program", program.id),
        ("service", Reason.phrase(f"service.{service}")),
        ("other", Reason.phrase(f"service.{other}")),
    )
    return RuleNotInForce(exc.parameter, on, Expected("rule.cap_one_service", said), citation=exc.citation)


def month_caps(
    rules: RuleSet, city: str, service: Service, month: Month
) -> tuple[tuple[int | None, ...], Citation | None, tuple[tuple[int, Citation | None], ...]]:
    """The cap (R4) on each day of ``month`` for a facility of ``service`` in ``city`` (a key of
    :func:`city_key`), None on a day without one, the citation of the cap (the last day's that has
    one; when no day has one, the sub-paragraph's that leaves the city uncapped: review 257 F2), and ``(days, citation)`` for each run of days whose
    cap has the same citation (review 98: a cap changed within the month by a later act was
    explained with the last day's citation alone). Worked out day by day with :func:`cap_value` once per rule set, city, service and
    month: the cities without a cap in any program year of the rule set share one entry."""
    every = rules._derived(
        "paid_beneficiary_caps.every_city", lambda: frozenset().union(*map(_cities_of, rules.programs))
    )
    key = ("paid_beneficiary_caps.month", city if city in every else None, service, month.year, month.month)
    return rules._derived(key, lambda: _caps_by_day(rules, city, service, month))


def _caps_by_day(
    rules: RuleSet, city: str, service: Service, month: Month
) -> tuple[tuple[int | None, ...], Citation | None, tuple[tuple[int, Citation | None], ...]]:
    caps: list[int | None] = []
    cited: list[Citation | None] = []
    citation = None
    for day in month_dates(month):
        value = cap_value(rules, city, service, day)
        cap = None if value is None else value.value
        assert cap is None or isinstance(cap, int)
        if value is not None:
            citation = value.citation
        caps.append(cap)
        cited.append(None if value is None else value.citation)
    runs = tuple((len(list(run)), c) for c, run in groupby(cited))
    if citation is None:  # no cap all month: a city the table leaves out (review 257 F2: cited nothing)
        citation = _uncapped_citation(rules, service, month)
    return tuple(caps), citation, runs


def _uncapped_citation(rules: RuleSet, service: Service, month: Month) -> Citation | None:
    """The provision that leaves a city without a cap: the table that caps the cities it names and
    no other (Annex 2.8, Art. 6, para 4(g)), as its caps of ``service`` in force on the month's last
    day cite it: the one in force longest, the table's own wording carried over, not a later act's
    change of one city's cap (review 293 F3: a vote chose such an act on a tie); the
    unfilled-place share's, which the same sub-paragraph sets, only where no city's cap of the
    service is in force (review 290 F2: an act that changed the share alone was cited for Gori's
    having no cap); None where the sub-paragraph is not in force (then :func:`cap_value` has
    refused the month)."""
    last = month_dates(month)[-1]
    cited: list[tuple[dt.date, Citation]] = []
    for city in sorted(capped_cities(rules, last)):
        try:
            value = rules.value(f"{CAP_PREFIX}{city}.{service}", last)
        except RuleNotInForce:
            continue
        cited.append((value.effective_from, value.citation))
    if cited:
        return min(cited, key=lambda c: c[0])[1]
    try:
        return rules.value("shelter.unfilled_place_share", last).citation
    except RuleNotInForce:
        return None


def paid_beneficiary_cap(
    city: str, service: str, *, month: MonthLike | None = None, rules: RuleSet | None = None
) -> int | None:
    """The most beneficiaries a facility is paid for per day (R4), or None where there is no cap.

    Annex 2.8, Art. 6, para 4(g) (as worded by Decree No. 467, Art. 1, para 2(t.a.b)). ``month`` defaults to the last month of the
    rule set's latest program year (its cap on the year's last day). A month in which the rule set changes the cap has no one cap
    (review 64: the first day's was said): refused, naming its days and caps, as a month is never
    priced at one day's rate (D13); a facility's cap on each day is in ``facility_month(...).days``.

    >>> paid_beneficiary_cap("tbilisi", "shelter")
    15
    >>> paid_beneficiary_cap("ბათუმი", "shelter") is None
    True
    """
    ruleset = resolve_rules(rules)
    if month is None:  # the rule set's last day (review 69: its month may end after it)
        last = ruleset.programs[-1].covers_until
        value = cap_value(ruleset, city_key(city, capped_cities(ruleset, last)), service_of(service), last)
        return None if value is None or value.value is None else int(value.value)
    m = Month.of(month)
    key, kind = city_key(city, capped_cities(ruleset, m.first_day)), service_of(service)
    caps, _, _ = month_caps(ruleset, key, kind, m)
    runs = cap_runs(month_dates(m), caps)
    if runs is not None:
        raise InvalidInput("month", str(m), expected("one_cap_a_month", month=m, caps=runs))
    return caps[0]


def cap_runs(days: Sequence[dt.date], caps: Sequence[int | None]) -> str | None:
    """The caps of ``days`` (a month's, in order) with their days when they are not one cap
    (``2021-09-01 – 2021-09-10: 15; 2021-09-11 – 2021-09-30: 12``; ``—`` for no cap), else None."""
    runs = [(cap, [day for day, _ in run]) for cap, run in groupby(zip(days, caps, strict=True), key=itemgetter(1))]
    if len(runs) < 2:
        return None
    return "; ".join(
        f"{run[0].isoformat()} – {run[-1].isoformat()}: {'—' if cap is None else cap}" for cap, run in runs
    )
