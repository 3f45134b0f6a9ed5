"""R3 + R4. The month of a shelter or day centre of Annex 2.8 (Art. 6, para 4(g)
of the 2021 State Program (Decree No. 825), as worded by Decree No. 467, Art. 1, para 2(t.a.b)).

For each day: the children served, the children paid for (capped per facility in four cities,
R4), and the unfilled places compensated (R3). The amount for the children paid needs the
per-beneficiary daily rate of Annex 2.8, which is not in the amended text we encode: the
caller supplies it (``daily_rate=``) or a rule set carries it as
``shelter.daily_rate_per_beneficiary.shelter`` / ``.day_centre``. Without it, the paid
beneficiary-days are still given, and asking for the amount is a clear error (D13).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import lru_cache, partial
from itertools import groupby, repeat
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from voucherlib.core.citation import Citation
from voucherlib.core.errors import InvalidInput, Reason, RuleNotInForce, VoucherError, argument, expected
from voucherlib.core.frozen import RecomputedModel, constructor, record_schema
from voucherlib.core.held import held_items
from voucherlib.core.money import (
    RATE_PLACES,
    ZERO,
    DecimalSeparator,
    add,
    gel,
    multiply,
    round_to_tetri,
    subtract,
    total,
)
from voucherlib.core.month import Month, MonthLike, as_flag
from voucherlib.core.phrases import check_lang
from voucherlib.core.record_fields import record_value, same_as_recomputed
from voucherlib.core.ruleset import DECIMAL_BOUNDS, RuleSet, Unit, resolve_rules
from voucherlib.core.trace import Quantity, Step
from voucherlib.rules.occupancy import (
    Occupancy,
    Service,
    daily_counts,
    month_dates,
    plain_int,
    service_of,
    stored_count,
    whole_count,
)
from voucherlib.rules.paid_beneficiary_caps import cap_runs, capped_cities, city_key, city_name, month_caps
from voucherlib.rules.unfilled_places import (
    PlaceCompensation,
    PlaceDay,
    compensation_of,
    plan_in_force,
    served_counts,
    stored_rules,
)

if TYPE_CHECKING:  # numpy is no dependency of the library
    import numpy as np

__all__ = ["FacilityDay", "FacilityMonth", "facility_month"]


class FacilityDay(NamedTuple):
    """One day of a facility: children served and children paid for (R4).

    An immutable record (a ``NamedTuple``, made at C speed: there is one per day of every
    facility-month); in pydantic's data (``model_dump``) it is a mapping of its fields.
    """

    day: dt.date
    """The day."""
    served: int
    """Children served on the day."""
    cap: int | None
    """The most children paid for on the day (R4), or None where there is no cap."""
    paid: int
    """Children paid for: min(served, cap)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return record_schema(cls, handler, whole_count)


_facility_day = partial(tuple.__new__, FacilityDay)
"""A FacilityDay from a tuple of its fields, without the Python-level ``__new__``."""


class FacilityMonth(RecomputedModel):
    """A shelter's or day centre's month: paid beneficiary-days, their amount, unfilled places."""

    month: Month
    """The service month."""
    city: str
    """The city as a stable lower-case key (``"tbilisi"``)."""
    service: Service
    """``shelter`` or ``day_centre``."""
    read_count: ClassVar[Callable[[Any, str], int]] = staticmethod(stored_count)
    """(Not a field.) How a count given to pydantic's readers is read (:func:`stored_count`)."""
    limit: int
    """The places of the facility's limit."""
    days: tuple[FacilityDay, ...]
    """Each day of the month: served, cap, paid."""
    paid_beneficiary_days: int
    """The sum over the days of min(served, cap)."""
    daily_rate: Decimal | None
    """GEL per paid beneficiary per day, or None when no rate is known."""
    daily_rate_source: str
    """Where the rate comes from: ``"given by the caller"``, a citation, or ``"unknown"``."""
    daily_rate_citation: Citation | None = None
    """The provision of the rule set's per-beneficiary rate of the month (the one ``daily_rate_source``
    names), or None when the caller gave the rate or none is known. Not stored by ``to_dict()``
    (``from_dict`` recomputes it)."""
    compensation: PlaceCompensation
    """The unfilled-place compensation of the month as R3 computes it, before D20's other reading
    withholds any of it: the amount *paid* is :attr:`compensation_paid` (the ``compensation``
    column of the command line's outputs)."""
    cap_citation: Citation | None
    """The provision of the per-facility cap (R4); where the city has no cap, the provision that
    leaves it none (Annex 2.8, Art. 6, para 4(g), whose table caps the cities it names and no
    other: review 257 F2, a city outside the table was cited nothing, Batumi's shelters that
    sub-paragraph; a record stored before, with None, is read back with it); None only for an
    object made by hand."""
    cap_cited_runs: tuple[tuple[int, Citation | None], ...] = ()
    """``(days, citation)`` for each run of days whose cap has the same provision, in order: what
    each cap of a month whose cap changes cites (review 98). Not stored by ``to_dict()``."""
    compensation_within_cap: bool = False
    """D20. False (voucherlib's reading): the unfilled-place compensation is paid on top of the
    R4 cap. True: a day's whole amount (children paid plus compensation) stays within the cap."""
    compensation_over_cap: Decimal = ZERO
    """GEL of compensation withheld because a day's amount would pass the R4 cap (0 unless
    ``compensation_within_cap``)."""
    rules_name: str
    """The name of the rule set the month was computed with (:attr:`RuleSet.name`);
    ``to_dict()`` writes it as ``"rules"``."""

    @property
    def served_beneficiary_days(self) -> int:
        """The sum over the days of the children served."""
        return sum(d.served for d in self.days)

    @property
    def days_over_limit(self) -> tuple[FacilityDay, ...]:
        """The days more children were paid for than the limit has places (Annex 2.8, Art. 6, para
        4(g), R3 and R4; D48: the children
        served are paid within the city's cap of R4 alone; the facility file and its audit name
        such days). A day the cap pays no more than the limit on is none (reviews 173, 174: a
        Kutaisi shelter of 20 places and 27 children, its cap 10, pays none above the limit)."""
        limit = self.limit
        return tuple(d for d in self.days if d.paid > limit)

    @property
    def paid_over_limit(self) -> int:
        """The beneficiary-days paid above the limit's places (Annex 2.8, Art. 6, para 4(g); D48)."""
        limit = self.limit
        return sum(d.paid - limit for d in self.days if d.paid > limit)

    def over_limit_facts(self) -> dict[str, int]:
        """What the words of D48 say of the month (the note under a facility table, the audit's
        ``paid-over-limit`` finding): how many such days, the limit, the most paid in a day, the
        beneficiary-days paid above the limit; the month has such a day."""
        days = self.days_over_limit
        return {"days": len(days), "limit": self.limit, "most": max(d.paid for d in days), "paid": self.paid_over_limit}

    @property
    def beneficiary_amount(self) -> Decimal:
        """Paid beneficiary-days x the daily rate; an error when no rate is known."""
        if self.daily_rate is None:
            problem = unpriceable(self)
            if problem is not None:
                raise problem
            raise InvalidInput(
                "daily_rate",
                None,
                expected(  # a rate inside a program year: a whole rule set of one's own (D21)
                    "daily_rate_needed",
                    advice=argument("daily_rate"),
                    rules=argument("rule_set", "rules=voucherlib.RuleSet.from_toml(...)"),
                    service=self.service,
                ),
            )
        return round_to_tetri(multiply(self.daily_rate, self.paid_beneficiary_days))

    @property
    def compensation_paid(self) -> Decimal:
        """The unfilled-place compensation paid: all of it under D20's reading, less what the
        R4 cap withholds under the other (``compensation_within_cap``)."""
        return subtract(self.compensation.amount, self.compensation_over_cap)

    @property
    def total(self) -> Decimal:
        """The amount for the children paid plus the unfilled-place compensation (less what
        the R4 cap withholds of it when ``compensation_within_cap``): the sum of the amounts as
        shown, each rounded once (D33)."""
        return add(self.beneficiary_amount, self.compensation_paid)

    @property
    def payable(self) -> Decimal:
        """What the month pays: its :attr:`total` (no deduction for a late document, D40); an error when no daily rate is known."""
        return self.total

    @property
    def annex(self) -> str:
        """The annex of the Program whose budget the payment is spent from: ``"2.8"``."""
        return "2.8"

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every provision the month rests on, each once."""
        return tuple(dict.fromkeys([*self.compensation.citations, *([self.cap_citation] if self.cap_citation else [])]))

    def explain(self, lang: str = "en") -> str:
        """The month, day run by day run, citing Annex 2.8 (``lang``: en or ka)."""
        return self.trace().explain(check_lang(lang))

    def trace(self) -> Step:
        """The computation as data: the cap (R4, D13), the runs of days, the paid beneficiary-days,
        their amount, the unfilled-place compensation (R3) and the total."""
        return facility_trace(self)

    def to_dict(self) -> dict[str, Any]:
        """The facility-month as JSON-ready data (money as exact decimal strings); the rule set is
        named. It holds what the month pays, ``beneficiary_amount`` and ``total`` (None without a
        rate), so that a record whose inputs were edited (a rate of 26 for 25) is refused by
        :meth:`from_dict`, as a voucher month's is (review 57: it held no amount of the children
        paid, and an edited rate was read back as another month)."""
        body = self.model_dump(
            mode="json",
            exclude={
                "rules_name": True,
                "cap_cited_runs": True,
                "daily_rate_citation": True,
                "compensation": {"rules_name", "share_runs", "cited_runs"},
            },
        )
        try:
            amount: str | None = str(self.beneficiary_amount)
            total: str | None = str(self.total)
        except VoucherError:  # no rate known (or it changes within the month): nothing priced
            amount = total = None
        return {"type": "FacilityMonth", **body, "beneficiary_amount": amount, "total": total, "rules": self.rules_name}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], rules: RuleSet | None = None) -> FacilityMonth:
        """The facility month of :meth:`to_dict`; ``rules``: the rule set it names (default: the shipped one).

        The inputs (month, city, service, limit, the children served each day, a rate the
        caller gave, the D20 reading) are read as the JSON types ``to_dict()`` writes and the
        month is recomputed from them (R3, R4): stored figures that are not exactly what the
        rules give are an :class:`InvalidInput` naming the key, the stored value and the
        recomputed one."""
        where = "FacilityMonth"
        ruleset = stored_rules(data, where, rules)
        rate = record_value(data, "daily_rate", Decimal, where, optional=True)
        given = record_value(data, "daily_rate_source", str, where) == GIVEN_BY_CALLER
        recomputed = facility_month(
            record_value(data, "month", str, where),
            city=record_value(data, "city", str, where),
            service=record_value(data, "service", str, where),
            limit=record_value(data, "limit", int, where),
            occupancy=served_counts(data, where),
            daily_rate=rate if given else None,
            rules=ruleset,
            compensation_within_cap=record_value(data, "compensation_within_cap", bool, where),
        )
        same_as_recomputed(stored_as_now(data, recomputed), recomputed.to_dict(), where)
        return recomputed


def stored_as_now(data: Mapping[str, Any], recomputed: FacilityMonth) -> dict[str, Any]:
    """A stored facility-month (:meth:`FacilityMonth.to_dict`) in the form the library writes it
    now, to compare with ``recomputed``: its city the key the stored name is read as (review 100:
    data written before every name of a place was one key, "ზუგდიდი" for "zugdidi", was refused);
    a month without a cap stored with no provision of it, as before the provision that leaves a
    city uncapped was cited, with that provision (review 257 F2, 260 F4: such a record was
    refused, "cap_citation: got None")."""
    stored = {**data, "city": recomputed.city}
    if "cap_citation" in data and data["cap_citation"] is None and all(d.cap is None for d in recomputed.days):
        stored["cap_citation"] = recomputed.to_dict()["cap_citation"]
    return stored


GIVEN_BY_CALLER = "given by the caller"
"""``daily_rate_source`` of a rate the caller gave (``daily_rate=``), not one of the rule set."""

RATE_CHANGES = "the rule set's rate changes within the month on"
"""``daily_rate_source`` (followed by the day) when the rule set's per-beneficiary rate is not
one rate for every day of the month: the month has no rate, and asking for its amount is an
error naming that day (a month is priced at one rate, never at one day's for every day)."""


def _change_day(source: str) -> dt.date | None:
    """The day of a ``daily_rate_source`` that says the rate changes within the month, or None
    (any other source, or one a copy made without validation garbled)."""
    if not source.startswith(RATE_CHANGES):
        return None
    try:
        return dt.date.fromisoformat(source.removeprefix(RATE_CHANGES).strip())
    except ValueError:
        return None


def unpriceable(fm: FacilityMonth) -> InvalidInput | None:
    """Why ``fm`` cannot be priced though its rule set has rates for it (the rate changes within
    the month), or None: a file of facility-months reports such a month as an error, where a
    month with no rate at all is still shown without its amount (D13)."""
    if fm.daily_rate is None and fm.daily_rate_source.startswith(RATE_CHANGES):
        return _rate_changes(fm.service, fm.month, fm.daily_rate_source)
    return None


def _rate_changes(service: Service, month: Month, source: str) -> InvalidInput:
    return InvalidInput(
        "daily_rate",
        None,
        expected(
            "one_rate_a_month",
            service=service,
            month=month,
            day=source.removeprefix(RATE_CHANGES).strip(),
            advice=argument("daily_rate"),
        ),
    )


def _rate_source_ka(source: str) -> str:
    """Where the per-beneficiary rate comes from, in Georgian: the caller, or the rule set."""
    return "მოცემულია მომხმარებლის მიერ" if source == GIVEN_BY_CALLER else "წესების ნაკრები"


def changing_caps(fm: FacilityMonth) -> str | None:
    """The month's caps on paid beneficiaries with their days (``2021-09-01 – 2021-09-10: 15;
    2021-09-11 – 2021-09-30: 12``; ``—`` for no cap) when a rule set changes the cap within the
    month; None when one cap holds all month."""
    return cap_runs([d.day for d in fm.days], [d.cap for d in fm.days])


def _cap_runs(fm: FacilityMonth, cited: list[Citation | None]) -> tuple[Step, ...]:
    """A step for each run of days with the same cap and the same provision of it."""
    steps = []
    for (cap, citation), run in groupby(zip(fm.days, cited, strict=True), key=lambda dc: (dc[0].cap, dc[1])):
        days = [d for d, _ in run]
        span = (Quantity("first", days[0].day, "date"), Quantity("last", days[-1].day, "date"))
        if cap is None:
            steps.append(Step("facility.no_cap_run", None, "children", span, citation))
        else:
            steps.append(Step("facility.cap_run", cap, "children", span, citation))
    return tuple(steps)


def facility_trace(fm: FacilityMonth) -> Step:
    """The steps of :meth:`FacilityMonth.trace`."""
    cap = fm.days[0].cap if fm.days else None
    city, service = Quantity("city", fm.city), Quantity("service", fm.service)  # the keys, as the result's
    # said instead of ``city``: its English name (Tbilisi, review 42) and its Georgian one
    city_en = Quantity("city_en", city_name(fm.city, "en"))
    city_ka = Quantity("city_ka", city_name(fm.city, "ka"))
    where = (city, city_en, city_ka, service)
    caps = changing_caps(fm)
    cited = [c for length, c in getattr(fm, "cap_cited_runs", ()) for _ in range(length)]
    # each cap by the act that set it on its days, where more than one did (review 98; review 101:
    # a cap the same all month, set again by a later act from the 15th, was the later act's)
    below = _cap_runs(fm, cited) if len(cited) == len(fm.days) and len(set(filter(None, cited))) > 1 else ()
    cite = None if below else fm.cap_citation
    if caps is not None:  # a cap that changes within the month: each with its days (review 33)
        head = Step("facility.caps", None, "children", (*where, Quantity("caps", caps)), cite, ("D13",), below, "R4")
    elif cap is None:
        head = Step("facility.no_cap", None, "children", where, fm.cap_citation, ("D13",), rule="R4")
    else:
        head = Step("facility.cap", cap, "children", where, cite, ("D13",), below, "R4")
    steps = [head]
    for (served, paid), run in groupby(fm.days, key=lambda d: (d.served, d.paid)):
        days = list(run)
        steps.append(
            Step(
                "facility.run",
                paid,
                "children",
                (
                    Quantity("first", days[0].day, "date"),
                    Quantity("last", days[-1].day, "date"),
                    Quantity("days", len(days), "days"),
                    Quantity("served", served, "children"),
                ),
            )
        )
    steps.append(Step("facility.paid_days", fm.paid_beneficiary_days, "child-days"))
    if fm.days_over_limit:  # (D48: said in the explanation too, not in a file's notes alone: review 270 F1)
        facts = fm.over_limit_facts()
        steps.append(
            Step(
                "facility.paid_over_limit",
                facts["paid"],
                "child-days",
                (
                    Quantity("limit", facts["limit"], "places"),
                    Quantity("days", facts["days"], "days"),
                    Quantity("most", facts["most"], "children"),
                ),
                decisions=("D48",),
            )
        )
    changes = _change_day(fm.daily_rate_source) if fm.daily_rate is None else None
    if changes is not None:
        steps.append(Step("facility.rate_changes", None, "GEL", (Quantity("day", changes, "date"),)))
    elif fm.daily_rate is None:
        steps.append(Step("facility.no_rate", None, "GEL"))
    else:
        exact = multiply(fm.paid_beneficiary_days, fm.daily_rate) == fm.beneficiary_amount
        steps.append(
            Step(
                # (a product not in whole tetri said rounded, as the voucher's amount is: review 270 F7)
                "facility.amount" if exact else "facility.amount_rounded",
                fm.beneficiary_amount,
                "GEL",
                (
                    Quantity("days", fm.paid_beneficiary_days, "child-days"),
                    Quantity("daily_rate", fm.daily_rate, "GEL/day"),
                    Quantity("source", fm.daily_rate_source),
                    Quantity("source_ka", _rate_source_ka(fm.daily_rate_source)),
                ),
            )
        )
    steps.append(fm.compensation.trace())
    if fm.compensation_within_cap:
        steps.append(Step("facility.within_cap", fm.compensation_over_cap, "GEL", decisions=("D20",)))
    if fm.daily_rate is not None:
        # the compensation of a capped facility paid on top of its cap rests on D20, where the other
        # reading would withhold some (review 157 F12: 600.00 GEL of the total cited nothing; review
        # 162 F8: not where the cap leaves room for it, which both readings pay alike)
        over = (
            ZERO
            if fm.compensation_within_cap
            else round_to_tetri(_over_cap(fm.days, fm.compensation.days, fm.daily_rate))
        )
        if over > 0:  # (and says how much of it: review 164 F4)
            steps.append(
                Step("facility.total_over", fm.total, "GEL", (Quantity("over", over, "GEL"),), decisions=("D20",))
            )
        else:
            steps.append(Step("facility.total", fm.total, "GEL"))
    return Step(
        "facility",
        fm.total if fm.daily_rate is not None else None,
        "GEL",
        (service, city, city_en, city_ka, Quantity("limit", fm.limit, "places"), Quantity("month", str(fm.month))),
        children=tuple(steps),
    )


DailyRates = Any
"""A caller's per-beneficiary daily rate for the facility-months of a file: one rate (a Decimal,
an int or a text) for every service, or a mapping of a service to its rate (:func:`rates_by_service`)."""


def rates_by_service(daily_rate: DailyRates) -> DailyRates:
    """The per-beneficiary daily rate of Annex 2.8 (Art. 6, para 4(g); R4, D13: the caller's)
    ``daily_rate`` as :func:`rate_of` reads it: one rate as it is (each month reads it, as
    ``facility_month`` does), or a mapping of services (``"shelter"``, ``"day_centre"``, also
    their Georgian names) to rates as a dict of :data:`Service` keys, each service once and each
    rate read by :func:`daily_rate_value` (review 171 F6: one rate priced shelters and day
    centres alike, where a rule set keeps one per service)."""
    if not isinstance(daily_rate, Mapping):
        return daily_rate
    held = held_items(daily_rate)  # (a dict's items by dict's own code: D43)
    return service_rates(list(dict.items(held) if isinstance(held, dict) else held.items()))


def service_rates(pairs: Iterable[tuple[Any, Any]]) -> dict[Service, Decimal]:
    """``(service, rate)`` pairs as the per-beneficiary daily rate of Annex 2.8 (Art. 6, para 4(g);
    D13) for each service, each service once as it reads
    (``shelter`` and ``shelter `` are one: review 175 F1, the second was taken without a word);
    a rate of None leaves its service out."""
    rates: dict[Service, Decimal] = {}
    seen: set[Service] = set()  # (a service given None too: review 176 F1)
    for key, value in pairs:
        try:
            service = service_of(key)
        except VoucherError:
            raise InvalidInput("daily_rate", key, expected("service")) from None
        if service in seen:
            raise InvalidInput("daily_rate", key, expected("rate_service_once", service=service))
        seen.add(service)
        if value is not None:
            rates[service] = daily_rate_value(value, separator_advice=False)
    return rates


def rate_of(rates: DailyRates, service: Any) -> Any:
    """The caller's per-beneficiary daily rate (Annex 2.8, Art. 6, para 4(g); D13) for a month of
    ``service``: the one rate, or of a mapping
    (:func:`rates_by_service`) that service's (None: none given, the rule set's or none, D13)."""
    if not isinstance(rates, dict):
        return rates
    try:
        return rates.get(service_of(service))
    except VoucherError:  # (a service that does not read: the month refuses it in its own words)
        return None


def daily_rate_value(
    daily_rate: Any, decimal_separator: DecimalSeparator | None = None, *, separator_advice: bool = True
) -> Decimal:
    """A per-beneficiary daily rate as the caller gives it (``daily_rate=``, ``--daily-rate``):
    exact GEL with at most four decimals, as a GEL/day rule value (D27), never negative (``-0``
    neither: a rate is never written with a minus); ``separator_advice`` as for :func:`gel`."""
    rate = gel(
        plain_int(daily_rate),
        field="daily_rate",
        decimal_separator=decimal_separator,
        places=RATE_PLACES,
        separator_advice=separator_advice,
    )
    if rate < 0 or rate.is_signed():
        raise InvalidInput("daily_rate", daily_rate, expected("rate_not_negative"))
    most = DECIMAL_BOUNDS[Unit.GEL_PER_DAY]
    if rate > most:  # (the most a rule set may set, D27)
        raise InvalidInput("daily_rate", daily_rate, expected("rate_at_most", most=most))
    exponent = rate.as_tuple().exponent
    # 1E+3 is 1000 (int() is exact, whatever the caller's decimal context: no quantize in it)
    return Decimal(int(rate)) if isinstance(exponent, int) and exponent > 0 else rate


def _argument_rate(daily_rate: Any) -> Decimal:
    """:func:`daily_rate_value` of ``daily_rate=``, which takes no decimal separator (review 19)."""
    return daily_rate_value(daily_rate, separator_advice=False)


_given_rate = lru_cache(maxsize=1024)(_argument_rate)
"""A rate written as text, read once per text (a file gives the same few rates on every row)."""


def _rate(
    daily_rate: Any, rules: RuleSet, service: Service, month: Month
) -> tuple[Decimal | None, str, Citation | None]:
    """The month's per-beneficiary rate, where it comes from and the provision of a rule set's
    rate: the caller's (no provision), or the rule set's when one rate holds on every day of the
    month; else None, and why (unknown, or the day the rule set's rate changes within the month:
    never one day's rate for the whole month)."""
    if daily_rate is not None:
        given = _given_rate(daily_rate) if type(daily_rate) is str else _argument_rate(daily_rate)
        return given, GIVEN_BY_CALLER, None
    # (worked out once per rule set, service and month: a pure function of the three, immutable)
    return rules._derived(("facility.rate", service, month), lambda: _rule_set_rate(rules, service, month))


RATE_KEY = "shelter.daily_rate_per_beneficiary."
"""The keys of the per-beneficiary daily rates of Annex 2.8 in a rule set, the service after it."""


def _rule_set_rate(rules: RuleSet, service: Service, month: Month) -> tuple[Decimal | None, str, Citation | None]:
    key = RATE_KEY + service
    rates: list[tuple[dt.date, Decimal | None]] = []
    for day in month_dates(month):  # (a month's days: a rule set's values change on any of them)
        try:
            rate: Decimal | None = rules.value(key, day).decimal
        except RuleNotInForce:
            rate = None
        if not rates or rates[-1][1] != rate:
            rates.append((day, rate))
    if len(rates) > 1:
        return None, f"{RATE_CHANGES} {rates[1][0].isoformat()}", None
    if rates[0][1] is None:
        return None, "unknown", None
    citation = rules.value(key, month.first_day).citation
    return rates[0][1], str(citation), citation


PER_SERVICE = 'daily_rate={"shelter": ..., "day_centre": ...}'
"""The Python words of a daily rate for each service (on the command line, the flags')."""


def rate_left_out(rates: Mapping[Service, Decimal], service: Service) -> InvalidInput:
    """The refusal of a month of ``service`` that a rate for each service (``rates``) leaves out,
    and the rule set prices not (D13): the rates given as the value, not "nothing" (review 176 F2)."""
    given = Reason(", ".join(f"{s}={r}" for s, r in rates.items()))
    return InvalidInput(
        "daily_rate",
        given,
        expected(
            "rate_for_service",
            service=service,
            advice=argument("daily_rate_per_service", PER_SERVICE),
        ),
    )


def no_rate_within_cap() -> InvalidInput:
    """The refusal of a month under ``compensation_within_cap`` (D20) with no daily rate known."""
    return InvalidInput(
        "daily_rate",
        None,
        expected(
            "daily_rate_within_cap",
            reading=argument("compensation_within_cap", "compensation_within_cap=True"),
            advice=argument("daily_rate"),
        ),
    )


_new_facility_month = constructor(FacilityMonth)


def _over_cap(days: tuple[FacilityDay, ...], places: tuple[PlaceDay, ...], rate: Decimal) -> Decimal:
    """D20's other reading: the sum over the capped days of the compensation that passes the
    room left under the cap, max(0, compensation - (cap - paid) x rate); each distinct day once,
    times the number of such days (exact, so the same sum)."""
    alike = Counter((d.cap - d.paid, p.amount) for d, p in zip(days, places, strict=True) if d.cap is not None)
    return total(
        multiply(max(ZERO, subtract(amount, multiply(room, rate))), count) for (room, amount), count in alike.items()
    )


def facility_month(
    month: MonthLike,
    *,
    city: str,
    service: str,
    limit: int | np.integer[Any] | str,
    occupancy: Occupancy,
    daily_rate: Decimal | int | np.integer[Any] | str | None = None,
    rules: RuleSet | None = None,
    compensation_within_cap: bool = False,
) -> FacilityMonth:
    """A shelter's or day centre's month under Annex 2.8, Art. 6, para 4(g) (R3, R4).

    The unfilled-place compensation (R3) is paid outside the per-facility cap of R4 (D20);
    ``compensation_within_cap=True`` selects the other reading, in which a day's amount for
    the children paid plus its compensation may not pass the cap of N beneficiaries x the
    daily rate (it then needs the rate).

    >>> fm = facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="25")
    >>> fm.paid_beneficiary_days, fm.beneficiary_amount, fm.compensation_paid, fm.total
    (450, Decimal('11250.00'), Decimal('600.00'), Decimal('11850.00'))

    The total is the amount for the children plus the compensation *paid*
    (:attr:`~FacilityMonth.compensation_paid`); under D20's other reading the cap withholds what
    a day's amount would pass it by (``compensation.amount`` is R3's compensation before that):

    >>> fm = facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="25",
    ...                     compensation_within_cap=True)
    >>> fm.compensation.amount, fm.compensation_over_cap, fm.compensation_paid, fm.total
    (Decimal('600.00'), Decimal('600.00'), Decimal('0.00'), Decimal('11250.00'))
    """
    m = Month.of(month)
    svc = service_of(service)
    ruleset = resolve_rules(rules)
    key = city_key(city, capped_cities(ruleset, m.first_day))
    places = whole_count(limit, "limit")
    plan_in_force(m, svc, ruleset)  # (a month before R3: refused for that first, not for a day missing)
    counts = daily_counts(occupancy, m)
    # R3 first: a month before its rate is in force (D12) is refused naming that rate, a key every
    # program year sets, not the cap of a city that has none (review 225 F4)
    compensation = compensation_of(m, svc, places, counts, ruleset)
    caps, cap_citation, cap_cited = month_caps(ruleset, key, svc, m)  # R4, D13: once per city, service and month
    cap = caps[0]
    if caps.count(cap) == len(caps):  # one cap (or none) for the whole month, as usual
        paid = counts if cap is None else [n if n < cap else cap for n in counts]  # min(served, cap)
        days = tuple(map(_facility_day, zip(month_dates(m), counts, repeat(cap), paid, strict=False)))
    else:
        paid = [n if c is None or n < c else c for n, c in zip(counts, caps, strict=True)]
        days = tuple(map(_facility_day, zip(month_dates(m), counts, caps, paid, strict=True)))
    rate, source, rate_citation = _rate(daily_rate, ruleset, svc, m)
    # a bool or a numpy bool, as every flag of the library (one policy for flags: review 86)
    compensation_within_cap = as_flag(compensation_within_cap, "compensation_within_cap")
    over_cap = ZERO
    if compensation_within_cap:
        if rate is None:
            if source.startswith(RATE_CHANGES):
                raise _rate_changes(svc, m, source)
            raise no_rate_within_cap()
        over_cap = round_to_tetri(_over_cap(days, compensation.days, rate))
    return _new_facility_month(
        month=m,
        city=key,
        service=svc,
        limit=places,
        days=days,
        paid_beneficiary_days=sum(paid),
        daily_rate=rate,
        daily_rate_source=source,
        daily_rate_citation=rate_citation,
        compensation=compensation,
        cap_citation=cap_citation,
        cap_cited_runs=cap_cited,
        compensation_within_cap=compensation_within_cap,
        compensation_over_cap=over_cap,
        rules_name=ruleset.name,
    )
