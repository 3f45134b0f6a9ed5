"""R3. Unfilled places of a shelter or day centre (Annex 2.8, Art. 6, para 4(g)
of the 2021 State Program (Decree No. 825), as worded by Decree No. 467, Art. 1, para 2(t.a.b)).

Annex 2.8 is the subprogram "Provision of shelter for homeless children". In the month of
service, places within the limit that are not filled are paid 5 GEL a day in a day centre
and 10 GEL a day in a (24-hour) shelter, but for no more than 50% of the places of the
limit of that service. In force for service from 1 Sep 2021 (Decree 467, Art. 2; R8).

Decision D11: day by day, unfilled = max(0, limit - children served); compensated places =
min(unfilled, floor(limit x 50%)), places being whole; the compensation is the sum over the
days of compensated places x the daily rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from itertools import groupby, repeat
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from voucherlib.core.citation import Citation
from voucherlib.core.errors import InvalidInput, expected
from voucherlib.core.frozen import RecomputedModel, constructor, record_schema
from voucherlib.core.money import ZERO, add, multiply, percent_of, round_to_tetri
from voucherlib.core.month import Month, MonthLike
from voucherlib.core.phrases import check_lang
from voucherlib.core.record_fields import record_type, record_value, same_as_recomputed
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.core.trace import Quantity, Step
from voucherlib.rules.occupancy import (
    Occupancy,
    Service,
    daily_counts,
    month_dates,
    service_of,
    stored_count,
    whole_count,
)
from voucherlib.rules.paid_beneficiary_caps import capped_cities

if TYPE_CHECKING:  # numpy is no dependency of the library; its integers are taken when given
    import numpy as np

__all__ = ["PlaceCompensation", "PlaceDay", "unfilled_place_compensation"]

SHARE = "shelter.unfilled_place_share"


def rate_key(service: Service) -> str:
    return f"shelter.unfilled_place_rate.{service}"


class PlaceDay(NamedTuple):
    """One day of the month: children served, places unfilled, places compensated.

    An immutable record (a ``NamedTuple``, made at C speed: there is one per day of every
    facility-month); in pydantic's data (``model_dump``) it is a mapping of its fields.
    """

    day: dt.date
    """The day."""
    served: int
    """Children served on the day."""
    unfilled: int
    """Places of the limit not filled: max(0, limit - served)."""
    cap: int
    """floor(limit x 50%): the most places compensated on the day."""
    compensated: int
    """Places paid for: min(unfilled, cap)."""
    daily_rate: Decimal
    """GEL a day per compensated place (10 shelter, 5 day centre)."""
    amount: Decimal
    """compensated x daily_rate (GEL)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return record_schema(cls, handler, whole_count)


_place_day = partial(tuple.__new__, PlaceDay)
"""A PlaceDay from a tuple of its fields, without the Python-level ``__new__``."""


class PlaceCompensation(RecomputedModel):
    """The unfilled-place compensation of one service for one month (R3)."""

    month: Month
    """The service month."""
    service: Service
    """``shelter`` or ``day_centre``."""
    read_count: ClassVar[Callable[[Any, str], int]] = staticmethod(stored_count)
    """(Not a field.) How a count given to pydantic's readers is read (:func:`stored_count`)."""
    limit: int
    """The places of the service's limit."""
    days: tuple[PlaceDay, ...]
    """Each day: served, unfilled, compensated, amount."""
    place_days: int
    """Compensated place-days: the sum over the days of the compensated places."""
    amount: Decimal
    """The compensation of the month (GEL), rounded to the tetri."""
    citations: tuple[Citation, ...]
    """The provisions of the rates and the 50% share."""
    rules_name: str
    """The name of the rule set the compensation was computed with (:attr:`RuleSet.name`);
    ``to_dict()`` writes it as ``"rules"``."""
    share_runs: tuple[tuple[int, Decimal], ...] = ()
    """``(days, share)`` for each run of days with the same rule values of R3 (rate and share of
    the limit, percent), in order: what the explanation says of each day's cap (review 33: it
    said 50% whatever the rule set's share). Not stored by ``to_dict()`` (recomputed from the
    rule set); a share that does not give a day's cap is not said."""
    cited_runs: tuple[tuple[int, Citation, Citation], ...] = ()
    """``(days, citation of the rate, citation of the share)`` for each run of days with the same
    rule values of R3, in order: what each run of the explanation cites (review 98: every run
    cited the month's first citation, a rate set by a later act said to be carried over from 2021).
    Not stored by ``to_dict()`` (recomputed from the rule set)."""

    def explain(self, lang: str = "en") -> str:
        """The compensation, run by run of days with the same figures, citing Annex 2.8."""
        return self.trace().explain(check_lang(lang))

    def trace(self) -> Step:
        """The computation as data: one step per run of days with the same figures (R3, D11)."""
        return places_trace(self)

    def to_dict(self) -> dict[str, Any]:
        """The compensation as JSON-ready data (money as exact decimal strings); the rule set is named."""
        body = self.model_dump(mode="json", exclude={"rules_name", "share_runs", "cited_runs"})
        return {"type": "PlaceCompensation", **body, "rules": self.rules_name}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], rules: RuleSet | None = None) -> PlaceCompensation:
        """The compensation of :meth:`to_dict`; ``rules``: the rule set it names (default: the shipped one).

        The inputs (month, service, limit, the children served each day) are read as the JSON
        types ``to_dict()`` writes and the compensation is recomputed from them (R3): stored
        figures that are not exactly what the rules give are an :class:`InvalidInput` naming
        the key, the stored value and the recomputed one."""
        where = "PlaceCompensation"
        ruleset = stored_rules(data, where, rules)
        try:
            recomputed = unfilled_place_compensation(
                record_value(data, "month", str, where),
                service=record_value(data, "service", str, where),
                limit=record_value(data, "limit", int, where),
                occupancy=served_counts(data, where),
                rules=ruleset,
            )
        except InvalidInput as exc:  # a stored value refused by its key (review 195 F5: "limit", as the outer field)
            if exc.field not in ("month", "service", "limit"):
                raise
            raise InvalidInput(f"{where}.{exc.field}", exc.value, exc.expectation or exc.expected) from None
        same_as_recomputed(data, recomputed.to_dict(), where)
        return recomputed


def stored_rules(data: Any, where: str, rules: RuleSet | None) -> RuleSet:
    """The rule set stored data names: ``rules`` (default: the shipped one), refused when its
    name is not the one the data gives; the data's ``"type"`` tag checked first."""
    record_type(data, where)
    ruleset = resolve_rules(rules)
    named = record_value(data, "rules", str, where)
    if named != ruleset.name:
        raise InvalidInput(
            f"{where}.rules",
            ruleset.name,
            expected("stored_rules", named=repr(named), how="rules=...; model_validate(..., context={'rules': ...})"),
        )
    return ruleset


def served_counts(data: Any, where: str) -> list[int]:
    """The children served each day, as stored (``days[i].served``, each a JSON whole number)."""
    days = record_value(data, "days", list, where)
    return [record_value(d, "served", int, f"{where}.days[{i}]") for i, d in enumerate(days)]


def places_trace(pc: PlaceCompensation) -> Step:
    """The steps of :meth:`PlaceCompensation.trace`: a run of days cites the provision of its own
    rate, and, where another provision sets its share of the limit, that one below it."""
    first = pc.citations[0] if pc.citations else None
    cited: list[tuple[Citation | None, Citation | None]] = [
        (rate, share) for length, rate, share in getattr(pc, "cited_runs", ()) for _ in range(length)
    ]
    if len(cited) != len(pc.days):  # (an object made by hand, or pickled before the field was added)
        cited = [(first, first)] * len(pc.days)
    runs = []
    # each day's share of the limit (percent), from the runs the rule set gave (None: not known;
    # an object pickled before the field was added has none)
    given = getattr(pc, "share_runs", ())
    shares: list[Decimal | None] = [share for length, share in given for _ in range(length)]
    if len(shares) != len(pc.days):
        shares = [None] * len(pc.days)
    # a share said only where it gives the day's cap (an object made by hand may disagree)
    shares = [
        s if s is not None and int(percent_of(pc.limit, s)) == d.cap else None
        for s, d in zip(shares, pc.days, strict=True)
    ]
    for (served, unfilled, cap, comp, rate, share, (cite, share_cite)), run in groupby(
        zip(pc.days, shares, cited, strict=True),
        key=lambda dsc: (
            dsc[0].served,
            dsc[0].unfilled,
            dsc[0].cap,
            dsc[0].compensated,
            dsc[0].daily_rate,
            dsc[1],
            dsc[2],
        ),
    ):
        days = [d for d, _, _ in run]
        below: tuple[Step, ...] = ()
        if share_cite is not None and share_cite != cite and share is not None:  # the share's own provision
            below = (Step("places.share", share, "%", (), share_cite, ("D11",)),)
        # 50% of an odd limit is no whole number of places: the cap is the whole places within it
        # (D11), said so (review 257 F1: "3 (50% of the limit)" of 7; review 260 F3: the share's
        # figure itself, 3.5, as a quantity of whole places, broke the trace's reading back)
        exact = None if share is None else percent_of(pc.limit, share)
        key = "places.run_share_unknown" if exact is None else "places.run" if exact == cap else "places.run_rounded"
        runs.append(
            Step(
                key,
                multiply(rate, comp * len(days)),
                "GEL",
                (
                    Quantity("first", days[0].day, "date"),
                    Quantity("last", days[-1].day, "date"),
                    Quantity("days", len(days), "days"),
                    Quantity("served", served, "children"),
                    Quantity("unfilled", unfilled, "places"),
                    Quantity("cap", cap, "places"),
                    Quantity("compensated", comp, "places"),
                    Quantity("daily_rate", rate, "GEL/day"),
                    Quantity("share", share, "%"),
                ),
                cite,
                ("D11",),
                below,
            )
        )
    amount_step = Step(
        "places.amount", pc.amount, "GEL", (Quantity("place_days", pc.place_days, "places"),), decisions=("D3",)
    )
    return Step(
        "places",
        pc.amount,
        "GEL",
        (Quantity("service", pc.service), Quantity("limit", pc.limit, "places"), Quantity("month", str(pc.month))),
        children=(*runs, amount_step),
        rule="R3",
    )


_new_place_compensation = constructor(PlaceCompensation)


@dataclass(frozen=True, slots=True)  # (kept in the rule set's memo, shared: no __dict__ to write, review 120)
class _Plan:
    """What R3 takes from the rule set for a service and month: runs of days with the same daily
    rate and share (GEL per place, percent of the limit), and the provisions they rest on."""

    runs: tuple[tuple[int, Decimal, Decimal], ...]
    """``(days, rate, share)`` for each run, in order."""
    citations: tuple[Citation, ...]
    cited_runs: tuple[tuple[int, Citation, Citation], ...]
    """``(days, citation of the rate, citation of the share)`` for each run, in order."""


def _plan_of(rules: RuleSet, service: Service, month: Month) -> _Plan:
    first, last = month.first_day, month.last_day
    rates = rules.daily_values(rate_key(service), first, last)
    shares = rules.daily_values(SHARE, first, last)
    runs = []
    cited = []
    # One run per stretch of the same two rule values (the same objects, so that a value written
    # "10" and one written "10.00" never merge).
    for _, run in groupby(zip(rates, shares, strict=True), key=lambda pair: (id(pair[0]), id(pair[1]))):
        values = list(run)
        rate, share = values[0]
        runs.append((len(values), rate.decimal, share.decimal))
        cited.append((len(values), rate.citation, share.citation))
    citations = tuple(dict.fromkeys([*(r.citation for r in rates), *(s.citation for s in shares)]))
    return _Plan(tuple(runs), citations, tuple(cited))


def _checked_plan_of(rules: RuleSet, service: Service, month: Month) -> _Plan:
    """:func:`_plan_of`, once the keys of Annex 2.8's values of the month's program year that name
    a city or a service are checked, as a facility month checks them (review 190 F1: a year's
    ``shelter.unfilled_place_rate.shelters`` was refused by ``facility_month`` while
    ``unfilled_place_compensation`` paid the rate carried over, 1550.00, without a word)."""
    plan = _plan_of(rules, service, month)  # (first: a month of no rule names the rate, not the caps: review 194 F1)
    capped_cities(rules, month.first_day)  # (a RuleSetError naming the key written otherwise)
    return plan


def plan_in_force(month: Month, service: Service, rules: RuleSet) -> _Plan:
    """R3's rate and share for each run of ``month``'s days (looked up once per rule set, service
    and month), or the :class:`RuleNotInForce` of a month before the rule (D12). Asked before a
    month's occupancy is read, so that a month no occupancy can be paid for is refused for that,
    not first for a day missing from its occupancy (review 289 note 1: August 2021 was refused for
    its missing days, and only once they were given, for having no rule)."""
    return rules._derived(
        ("unfilled_places.plan", service, month.year, month.month), lambda: _checked_plan_of(rules, service, month)
    )


def compensation_of(
    month: Month, service: Service, limit: int, counts: tuple[int, ...], rules: RuleSet
) -> PlaceCompensation:
    """R3 on counts already read (shared with :func:`voucherlib.rules.facility_month.facility_month`).

    D11 day by day; the rule values are looked up once per rule set, service and month, and
    the amount of a day is worked out once per number of places compensated.
    """
    plan = plan_in_force(month, service, rules)
    dates = month_dates(month)
    days: list[PlaceDay] = []
    place_days = 0
    amount = ZERO
    start = 0
    for length, rate, share in plan.runs:
        cap = int(percent_of(limit, share))  # whole places, rounded down (int() truncates; both >= 0)
        served = counts[start : start + length]
        unfilled = [limit - n if n < limit else 0 for n in served]  # max(0, limit - served)
        compensated = [n if n < cap else cap for n in unfilled]  # min(unfilled, cap)
        amounts = {n: multiply(n, rate) for n in set(compensated)}  # a day's amount, once per number of places
        days.extend(
            map(
                _place_day,
                zip(
                    dates[start : start + length],
                    served,
                    unfilled,
                    repeat(cap),
                    compensated,
                    repeat(rate),
                    map(amounts.__getitem__, compensated),
                ),
            )
        )
        run_place_days = sum(compensated)
        place_days += run_place_days
        amount = add(amount, multiply(run_place_days, rate))  # the sum of the run's daily amounts, exactly
        start += length
    return _new_place_compensation(
        month=month,
        service=service,
        limit=limit,
        days=tuple(days),
        place_days=place_days,
        amount=round_to_tetri(amount),
        citations=plan.citations,
        rules_name=rules.name,
        share_runs=tuple((length, share) for length, _, share in plan.runs),
        cited_runs=plan.cited_runs,
    )


def unfilled_place_compensation(
    month: MonthLike,
    *,
    service: str,
    limit: int | np.integer[Any] | str,
    occupancy: Occupancy,
    rules: RuleSet | None = None,
) -> PlaceCompensation:
    """What a shelter or day centre is paid for its unfilled places in ``month`` (R3).

    Annex 2.8, Art. 6, para 4(g) (as worded by Decree No. 467, Art. 1, para 2(t.a.b)): 10 GEL a day per unfilled place in a
    shelter, 5 GEL in a day centre, for at most 50% of the places of the limit.
    ``occupancy`` is one count for every day, a count per day, or a mapping date -> count.

    >>> unfilled_place_compensation("2021-09", service="shelter", limit=10, occupancy=3).amount
    Decimal('1500.00')
    """
    m = Month.of(month)
    svc = service_of(service)
    places = whole_count(limit, "limit")
    ruleset = resolve_rules(rules)
    plan_in_force(m, svc, ruleset)  # (a month before the rule: refused for that first)
    counts = daily_counts(occupancy, m)
    return compensation_of(m, svc, places, counts, ruleset)
