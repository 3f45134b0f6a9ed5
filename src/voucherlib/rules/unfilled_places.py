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
from collections.abc import Mapping
from decimal import Decimal
from itertools import groupby
from typing import Any

from pydantic import BaseModel, ConfigDict

from voucherlib.core.citation import Citation
from voucherlib.core.money import multiply, percent_of, round_to_tetri, total
from voucherlib.core.month import Month, MonthLike
from voucherlib.core.phrases import check_lang
from voucherlib.core.record_fields import record_model
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.core.trace import Quantity, Step
from voucherlib.rules.occupancy import Occupancy, Service, daily_counts, service_of, whole_count

__all__ = ["PlaceCompensation", "PlaceDay", "unfilled_place_compensation"]

SHARE = "shelter.unfilled_place_share"


def rate_key(service: Service) -> str:
    return f"shelter.unfilled_place_rate.{service}"


class PlaceDay(BaseModel):
    """One day of the month: children served, places unfilled, places compensated."""

    model_config = ConfigDict(frozen=True)

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


class PlaceCompensation(BaseModel):
    """The unfilled-place compensation of one service for one month (R3)."""

    model_config = ConfigDict(frozen=True)

    month: Month
    """The service month."""
    service: Service
    """``shelter`` or ``day_centre``."""
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

    def explain(self, lang: str = "en") -> str:
        """The compensation, run by run of days with the same figures, citing Annex 2.8."""
        return self.trace().explain(check_lang(lang))

    def trace(self) -> Step:
        """The computation as data: one step per run of days with the same figures (R3, D11)."""
        return places_trace(self)

    def to_dict(self) -> dict[str, Any]:
        """The compensation as JSON-ready data (money as exact decimal strings)."""
        return {"type": "PlaceCompensation", **self.model_dump(mode="json")}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlaceCompensation:
        """The compensation of :meth:`to_dict`."""
        return record_model(cls, data, "PlaceCompensation")  # each value of its JSON type, or an InvalidInput naming it


def places_trace(pc: PlaceCompensation) -> Step:
    """The steps of :meth:`PlaceCompensation.trace`."""
    cite = pc.citations[0] if pc.citations else None
    runs = []
    for (served, unfilled, cap, comp, rate), run in groupby(
        pc.days, key=lambda d: (d.served, d.unfilled, d.cap, d.compensated, d.daily_rate)
    ):
        days = list(run)
        runs.append(
            Step(
                "places.run",
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
                ),
                cite,
                ("D11",),
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


def compensation_of(
    month: Month, service: Service, limit: int, counts: tuple[int, ...], rules: RuleSet
) -> PlaceCompensation:
    """R3 on counts already read (shared with :func:`voucherlib.rules.facility_month.facility_month`)."""
    first, last = month.first_day, month.last_day
    rates = rules.daily_values(rate_key(service), first, last)
    shares = rules.daily_values(SHARE, first, last)
    days: list[PlaceDay] = []
    for n, (served, rate, share) in enumerate(zip(counts, rates, shares, strict=True), start=1):
        unfilled = max(0, limit - served)
        cap = int(percent_of(limit, share.decimal))  # whole places, rounded down (int() truncates; both >= 0)
        compensated = min(unfilled, cap)
        days.append(
            PlaceDay.model_construct(
                day=month.day(n),
                served=served,
                unfilled=unfilled,
                cap=cap,
                compensated=compensated,
                daily_rate=rate.decimal,
                amount=multiply(compensated, rate.decimal),
            )
        )
    citations = tuple(dict.fromkeys([*(r.citation for r in rates), *(s.citation for s in shares)]))
    return PlaceCompensation.model_construct(
        month=month,
        service=service,
        limit=limit,
        days=tuple(days),
        place_days=sum(d.compensated for d in days),
        amount=round_to_tetri(total(d.amount for d in days)),
        citations=citations,
    )


def unfilled_place_compensation(
    month: MonthLike,
    *,
    service: str,
    limit: int,
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
    counts = daily_counts(occupancy, m)
    return compensation_of(m, svc, places, counts, resolve_rules(rules))
