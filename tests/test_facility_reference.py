"""R3 and R4: the facility-month equals a day-by-day computation written here from the rule.

``facility_month`` looks the rule values up once per month and makes its daily records in
bulk (for speed, issue 15). This file recomputes every day the plain way, from the text of
Annex 2.8, Art. 6, para 4(g) as worded by Decree No. 467 and the decisions that read it:

* R3, D11: per day, unfilled = max(0, limit - served); compensated = min(unfilled,
  floor(limit x 50%)); the day's compensation = compensated x 10 GEL in a shelter, 5 GEL in a
  day centre; the month's compensation is the sum, rounded to the tetri (D3).
* R4, D13: per day, children paid = min(served, N), N being the city's cap (Tbilisi 15/20,
  Kutaisi 10/20, Rustavi 15/22, Batumi none/30 for shelter/day centre); elsewhere no cap.
* D20: the compensation is paid on top of the cap; under the other reading
  (``compensation_within_cap``) a capped day's compensation is cut to what fits under N x the
  daily rate, i.e. max(0, compensation - (N - paid) x rate) is withheld.

and checks every field of the result, amounts exact to the digit (``str`` of each Decimal),
for any occupancy in any of the three forms.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl

CAP = {  # R4: the most children paid per day in each facility
    ("tbilisi", "shelter"): 15,
    ("tbilisi", "day_centre"): 20,
    ("kutaisi", "shelter"): 10,
    ("kutaisi", "day_centre"): 20,
    ("rustavi", "shelter"): 15,
    ("rustavi", "day_centre"): 22,
    ("batumi", "day_centre"): 30,  # Batumi: no cap for a shelter
}
PLACE_RATE = {"shelter": Decimal(10), "day_centre": Decimal(5)}  # R3: GEL per unfilled place per day
CITIES = [  # as a caller writes it, and the city it is
    ("tbilisi", "tbilisi"),
    ("Kutaisi", "kutaisi"),
    ("rustavi", "rustavi"),
    ("batumi", "batumi"),
    ("თბილისი", "tbilisi"),
    ("gori", "gori"),
    ("ზუგდიდი", "zugdidi"),  # a city without a cap: one key for each of its names (review 98)
    ("გორის მუნიციპალიტეტი", "gori"),
]
MONTHS = [vl.Month(2021, m) for m in (9, 10, 11, 12)]
TETRI = Decimal("0.01")


def to_tetri(amount: Decimal) -> Decimal:
    """D3: to the tetri, half up."""
    return amount.quantize(TETRI, ROUND_HALF_UP)


def reference(month: vl.Month, city: str, service: str, limit: int, counts: list[int], rate: Decimal) -> dict:
    """The month day by day, as the rule reads (the plain way: one day at a time)."""
    cap = CAP.get((city, service))
    facility_days, place_days = [], []
    withheld = Decimal(0)
    for n, served in enumerate(counts, start=1):
        day = dt.date(month.year, month.month, n)
        paid = served if cap is None else min(served, cap)
        unfilled = max(0, limit - served)
        most = limit * 50 // 100  # floor(limit x 50%)
        compensated = min(unfilled, most)
        amount = compensated * PLACE_RATE[service]
        facility_days.append((day, served, cap, paid))
        place_days.append((day, served, unfilled, most, compensated, str(PLACE_RATE[service]), str(amount)))
        if cap is not None:
            withheld += max(Decimal(0), amount - (cap - paid) * rate)
    paid_days = sum(d[3] for d in facility_days)
    compensation = to_tetri(sum((Decimal(d[6]) for d in place_days), Decimal(0)))
    return {
        "facility_days": facility_days,
        "place_days": place_days,
        "paid_beneficiary_days": paid_days,
        "served_beneficiary_days": sum(counts),
        "place_day_count": sum(d[4] for d in place_days),
        "compensation": str(compensation),
        "beneficiary_amount": str(to_tetri(paid_days * rate)),
        "withheld": str(to_tetri(withheld)),
    }


@st.composite
def facilities(draw: st.DrawFn) -> dict:
    month = draw(st.sampled_from(MONTHS))
    limit = draw(st.integers(0, 50))
    counts = draw(st.lists(st.integers(0, 60), min_size=month.days, max_size=month.days))
    form = draw(st.sampled_from(["one count", "list", "dates", "dates out of order", "texts"]))
    if form == "one count":
        counts = [counts[0]] * month.days
        occupancy: object = counts[0]
    elif form == "list":
        occupancy = counts
    else:
        days = [month.day(n) for n in range(1, month.days + 1)]
        keys = [d.isoformat() for d in days] if form == "texts" else days
        pairs = list(zip(keys, counts, strict=True))
        if form == "dates out of order":
            pairs = draw(st.permutations(pairs))
        occupancy = dict(pairs)
    written, city = draw(st.sampled_from(CITIES))
    return {
        "month": month,
        "written": written,
        "city": city,
        "service": draw(st.sampled_from(["shelter", "day_centre"])),
        "limit": limit,
        "counts": counts,
        "occupancy": occupancy,
        "rate": draw(st.sampled_from([Decimal("25"), Decimal("17.35"), Decimal("0"), Decimal("3.125")])),
        "within_cap": draw(st.booleans()),
    }


@given(facilities())
def test_every_field_of_a_facility_month_is_the_day_by_day_reading_of_the_rule(f: dict) -> None:
    fm = vl.facility_month(
        f["month"],
        city=f["written"],
        service=f["service"],
        limit=f["limit"],
        occupancy=f["occupancy"],
        daily_rate=f["rate"],
        compensation_within_cap=f["within_cap"],
    )
    ref = reference(f["month"], f["city"], f["service"], f["limit"], f["counts"], f["rate"])
    assert (fm.month, fm.city, fm.service, fm.limit) == (f["month"], f["city"], f["service"], f["limit"])
    assert [(d.day, d.served, d.cap, d.paid) for d in fm.days] == ref["facility_days"]
    assert fm.paid_beneficiary_days == ref["paid_beneficiary_days"]
    assert fm.served_beneficiary_days == ref["served_beneficiary_days"]
    pc = fm.compensation
    assert (pc.month, pc.service, pc.limit) == (f["month"], f["service"], f["limit"])
    got = [(d.day, d.served, d.unfilled, d.cap, d.compensated, str(d.daily_rate), str(d.amount)) for d in pc.days]
    assert got == ref["place_days"]
    assert pc.place_days == ref["place_day_count"]
    assert str(pc.amount) == ref["compensation"]
    assert (fm.daily_rate, fm.daily_rate_source) == (f["rate"], "given by the caller")
    assert str(fm.beneficiary_amount) == ref["beneficiary_amount"]
    withheld = ref["withheld"] if f["within_cap"] else "0.00"
    assert (fm.compensation_within_cap, str(fm.compensation_over_cap)) == (f["within_cap"], withheld)
    assert str(fm.total) == str(Decimal(ref["beneficiary_amount"]) + Decimal(ref["compensation"]) - Decimal(withheld))
    # The provision is cited for the four cities it names (Batumi's shelters too, which it leaves
    # uncapped) and for every other city, which it leaves uncapped by naming none (review 257 F2):
    # Annex 2.8, Art. 6, para 4(g), as worded by Decree No. 467, Art. 1, para 2(t.a.b).
    assert fm.cap_citation is not None
    assert (fm.cap_citation.annex, fm.cap_citation.article, fm.cap_citation.paragraph) == ("2.8", 6, 4)


@given(facilities())
def test_the_compensation_alone_is_the_same_as_in_the_facility_month(f: dict) -> None:
    pc = vl.unfilled_place_compensation(f["month"], service=f["service"], limit=f["limit"], occupancy=f["occupancy"])
    fm = vl.facility_month(
        f["month"], city=f["written"], service=f["service"], limit=f["limit"], occupancy=f["occupancy"]
    )
    assert pc == fm.compensation
    assert pc.model_dump() == fm.compensation.model_dump()


def test_the_daily_records_read_and_write_as_mappings_of_their_fields() -> None:
    # A Tbilisi shelter (cap 15), limit 20, 18 children every day of Sep 2021, rate 25 GEL:
    # paid 15 a day; unfilled 2 of at most 10 a day, 2 x 10 GEL = 20.00 GEL a day.
    fm = vl.facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="25")
    data = fm.model_dump(mode="json")
    assert data["days"][0] == {"day": "2021-09-01", "served": 18, "cap": 15, "paid": 15}
    assert data["compensation"]["days"][29] == {
        "day": "2021-09-30",
        "served": 18,
        "unfilled": 2,
        "cap": 10,
        "compensated": 2,
        "daily_rate": "10",
        "amount": "20",
    }
    again = vl.FacilityMonth.model_validate_json(fm.model_dump_json())
    assert again == fm and type(again.days[0]) is vl.FacilityDay and type(again.compensation.days[0]) is vl.PlaceDay


def test_the_fast_constructor_makes_what_model_construct_makes_and_steps_aside_where_it_cannot() -> None:
    from pydantic import BaseModel, PrivateAttr

    from voucherlib.core.frozen import constructor

    fields = {"month": vl.Month(2021, 9), "service": "shelter", "limit": 4, "days": (), "place_days": 0}
    fields |= {"amount": Decimal("0.00"), "citations": (), "rules_name": "2021", "share_runs": (), "cited_runs": ()}
    made = constructor(vl.PlaceCompensation)(**fields)
    theirs = vl.PlaceCompensation.model_construct(**fields)
    assert made == theirs and repr(made) == repr(theirs) and made.model_fields_set == theirs.model_fields_set

    class WithPrivate(BaseModel):  # a private attribute needs pydantic's own construction
        x: int
        _y: int = PrivateAttr(default=1)

    assert constructor(WithPrivate) == WithPrivate.model_construct
