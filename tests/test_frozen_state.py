"""Frozen state: nothing voucherlib returns or exposes can be changed, and every result pickles.

The bundled rule set, the reference tables, the calendar and every result are shared by all
later calls, in every thread: a caller who could change one would change every later amount.
For each kind of object an attempt to change it raises, and the documented results come out
the same afterwards. Every result survives a pickle round trip equal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from tests.strategies import day_in, months_2021
from voucherlib.cli import example_path
from voucherlib.core.decree_structure import decree_structure
from voucherlib.core.final import is_made_once
from voucherlib.core.ruleset import DECIMAL_BOUNDS
from voucherlib.input.files import TABLE_LIMITS
from voucherlib.reports.audit import InvoiceLine
from voucherlib.reports.facility_file import facility_file
from voucherlib.reports.settlement_file import settle_file

# Every way a changed object can answer: TypeError (a read-only mapping or tuple),
# AttributeError (an immutable object; FrozenInstanceError is one), pydantic's ValidationError
# (a frozen model).
REFUSED = (TypeError, AttributeError, pydantic.ValidationError)


def documented_results() -> tuple[Any, ...]:
    """Results the documentation states, worked out by hand."""
    # Oct 2021, no disability: 31 x 20 = 620.00; with it from 12 Oct: 20 x 30 = 600.00.
    full = vl.voucher_month("2021-10").amount
    partial = vl.voucher_month("2021-10", enrolled_on="2021-10-12", disability=True).amount
    # Submitted 9 Nov, 2 working days late (8, 9 Nov): 620.00 - 2 x 10% = 496.00; due 20 Nov.
    s = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-09")
    # 5 Dec 2021 is a Sunday: the deadline of November rolls to Monday 6 Dec.
    deadline = vl.submission_deadline("2021-11")
    return (
        full,
        partial,
        s.payable,
        s.payment_due,
        deadline,
        vl.budget("2.12").amount,  # 51,400 GEL (Decree 467, Art. 1)
        vl.budget_in_use("2.12", "12850").share,  # 12,850 / 51,400 = 25.00%
        vl.limit_table("2.4").lookup("Batumi", "b"),  # 51 (Annex 2.4)
        vl.limit_table("2.2").total(),  # 20,432 visits
        vl.paid_beneficiary_cap("tbilisi", "shelter"),  # 15 (Annex 2.8)
        vl.WorkingCalendar().is_working_day(dt.date(2021, 11, 23)),  # St George's Day: False
        vl.RuleSet.default().value("youth_voucher.daily_rate.without_disability", dt.date(2021, 10, 1)).value,
        len(vl.declared_days_off()) > 0,
    )


DOCUMENTED = (
    Decimal("620.00"),
    Decimal("600.00"),
    Decimal("496.00"),
    dt.date(2021, 11, 20),
    dt.date(2021, 12, 6),
    Decimal(51400),
    Decimal("25.00"),
    51,
    20432,
    15,
    False,
    Decimal(20),
    True,
)


def test_the_documented_results_before_anything_is_tried() -> None:
    assert documented_results() == DOCUMENTED


def _program() -> vl.Program:
    return vl.RuleSet.default().programs[0]


def _settlement() -> vl.Settlement:
    return vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-09")


ONE_DAY_OFF = dt.date(2021, 10, 25)  # a Monday that is a working day

ATTEMPTS: dict[str, Callable[[], Any]] = {
    # The default rule set, its program years, parameters, values and citations.
    "rule set attribute": lambda: setattr(vl.RuleSet.default(), "_programs", ()),
    "rule set attribute deleted": lambda: delattr(vl.RuleSet.default(), "_memo"),
    "rule set new attribute": lambda: setattr(vl.RuleSet.default(), "anything", 1),
    "rule set's programs": lambda: vl.RuleSet.default().programs.__setitem__(0, None),
    "program field": lambda: setattr(_program(), "covers_until", dt.date(2099, 1, 1)),
    "program's parameters": lambda: _program().parameters.__setitem__("x", None),
    "parameter removed": lambda: _program().parameters.pop("youth_voucher.daily_rate.without_disability"),
    "parameters cleared": lambda: _program().parameters.clear(),
    "parameter's values": lambda: (
        _program().parameters["youth_voucher.daily_rate.without_disability"].values.__setitem__(0, None)
    ),
    "rule value": lambda: setattr(
        _program().parameters["youth_voucher.daily_rate.without_disability"].values[0], "value", Decimal(1)
    ),
    "citation": lambda: setattr(_program().citation, "act", "another act"),
    "rule value bounds": lambda: DECIMAL_BOUNDS.__setitem__(vl.Unit.GEL_PER_DAY, Decimal(10**30)),
    "decree structure": lambda: decree_structure().articles.__setitem__(99, (1,)),
    "an article's paragraphs": lambda: decree_structure().articles[1].__setitem__(0, 9),
    # Reference tables.
    "limit tables": lambda: vl.limit_tables().__setitem__("2.4", None),
    "limit table columns": lambda: vl.limit_table("2.4").columns.__setitem__("z", "z"),
    "limit table totals": lambda: vl.limit_table("2.2").totals.__setitem__("visits", 1),
    "limit row values": lambda: vl.limit_table("2.4").row("Batumi").values.__setitem__("b", 0),
    "limit row": lambda: setattr(vl.limit_table("2.4").row("Batumi"), "values", {}),
    "budgets": lambda: vl.budgets().__setitem__("2.12", None),
    "budget amount": lambda: setattr(vl.budget("2.12"), "amount", Decimal(0)),
    "budget measures": lambda: vl.budget("2.1").measures.__setitem__(0, None),
    # The calendar.
    "declared days off": lambda: vl.declared_days_off().__setitem__(0, None),
    "a declared day off": lambda: setattr(vl.declared_days_off()[0], "day", ONE_DAY_OFF),
    "calendar flag": lambda: setattr(vl.WorkingCalendar.default(), "declared", False),
    "calendar days": lambda: setattr(vl.WorkingCalendar.default(), "extra_non_working_days", {ONE_DAY_OFF}),
    "calendar day added": lambda: vl.WorkingCalendar.default().extra_non_working_days.add(ONE_DAY_OFF),
    "calendar's days off": lambda: vl.WorkingCalendar.default().days_off(2021).__setitem__(ONE_DAY_OFF, "x"),
    "calendar's days off cleared": lambda: vl.WorkingCalendar.default().days_off(2021).clear(),
    "calendar's weekend days": lambda: vl.WorkingCalendar.default().weekend_working_days(2021).__setitem__(0, None),
    # Results.
    "voucher month": lambda: setattr(vl.voucher_month("2021-10"), "amount", Decimal(1)),
    "voucher month's rates": lambda: vl.voucher_month("2021-10").days_by_rate.__setitem__(0, None),
    "a rate of a voucher month": lambda: setattr(vl.voucher_month("2021-10").days_by_rate[0], "daily_rate", 1),
    "voucher month's rule set": lambda: setattr(vl.voucher_month("2021-10").rules, "_memo", {}),
    "settlement": lambda: setattr(_settlement(), "payable", Decimal(1)),
    "settlement's calendar": lambda: setattr(_settlement().calendar, "declared", False),
    "settlement's calendar days": lambda: setattr(_settlement().calendar, "extra_working_days", frozenset()),
    "month": lambda: setattr(vl.Month(2021, 10), "month", 11),
    "status period": lambda: setattr(vl.StatusPeriod(start=dt.date(2021, 10, 1), end=None), "start", None),
    "budget use": lambda: setattr(vl.budget_in_use("2.12", "1"), "spent", Decimal(0)),
    "limit use rows": lambda: vl.limits_in_use("2.2", {"Tbilisi": 1}).rows.__setitem__(0, None),
    "facility month days": lambda: vl.facility_month(
        "2021-09", city="tbilisi", service="shelter", limit=20, occupancy=18
    ).days.__setitem__(0, None),
    "a day of a facility month": lambda: setattr(
        vl.facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=18).days[0], "paid", 18
    ),
    "a day of a place compensation": lambda: setattr(
        vl.unfilled_place_compensation("2021-09", service="shelter", limit=10, occupancy=3).days[0], "amount", 0
    ),
    "place compensation": lambda: setattr(
        vl.unfilled_place_compensation("2021-09", service="shelter", limit=10, occupancy=3), "amount", Decimal(0)
    ),
    "audit lines": lambda: vl.audit_invoice(example_path("invoice.csv")).lines.__setitem__(0, None),
    "audit line": lambda: setattr(vl.audit_invoice(example_path("invoice.csv")).lines[0], "verdict", "matches"),
    "program summary lines": lambda: vl.municipal_report_example().lines.__setitem__(0, None),
    "summary line": lambda: setattr(vl.municipal_report_example().lines[0], "amount", Decimal(0)),
    "housing check": lambda: vl.check_housing_units({"a": 4}).over.__setitem__(0, None),
    "target group check": lambda: setattr(vl.in_early_development_target_group("2014-10-31", "2021-10"), "reason", "x"),
}


def _fields_of(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def _rate_without() -> Any:
    return _program().parameters["youth_voucher.daily_rate.without_disability"].values[0]


# Review 105: __init__ (or __setstate__) called again on an object already made rewrote it in
# place: the cached October month became November (620.00 -> 600.00), the default calendar took
# 8-9 Nov as days off (496.00 -> 620.00), the 20 GEL rate became 99 (December: 3,069.00), a
# citation cited what it was given. Each is refused before anything changes.
MADE_AGAIN: dict[str, Callable[[], Any]] = {
    "month made again": lambda: vl.voucher_month("2021-10").month.__init__(2021, 11),
    "month's state set again": lambda: vl.Month.of("2021-10").__setstate__(
        [2021, 11, dt.date(2021, 11, 1), dt.date(2021, 11, 30), 30]
    ),
    "calendar made again": lambda: vl.WorkingCalendar.default().__init__(
        extra_non_working_days=[dt.date(2021, 11, 8), dt.date(2021, 11, 9)]
    ),
    "settlement's calendar made again": lambda: _settlement().calendar.__init__(declared_days_off=False),
    "rule set made again": lambda: vl.RuleSet.default().__init__(vl.RuleSet.default().programs[:1]),
    "rule value made again": lambda: _rate_without().__init__(**{**dict(vars(_rate_without())), "value": 99}),
    "rule value's state set again": lambda: _rate_without().__setstate__(
        {**_rate_without().__getstate__(), "__dict__": {**dict(vars(_rate_without())), "value": Decimal(99)}}
    ),
    "citation made again": lambda: _program().citation.__init__(**{**dict(vars(_program().citation)), "note": "x"}),
    "program made again": lambda: _program().__init__(
        **{**dict(vars(_program())), "covers_until": dt.date(2021, 9, 30)}
    ),
    "rate of a voucher month made again": lambda: (
        lambda r: r.__init__(**{**_fields_of(r), "daily_rate": Decimal(99)})
    )(vl.voucher_month("2021-10").days_by_rate[0]),
    "voucher month made again": lambda: (lambda vm: vm.__init__(**_fields_of(vm)))(vl.voucher_month("2021-10")),
    "settlement made again": lambda: (lambda s: s.__init__(**_fields_of(s)))(_settlement()),
    "budgets made again": lambda: vl.budgets().__init__({}),
    "table limits made again": lambda: TABLE_LIMITS.__init__(rows=1),
}
ATTEMPTS |= MADE_AGAIN


def test_a_refused_second_init_leaves_the_object_as_it_was() -> None:
    """Review 105 F1b: a settlement's ``__init__`` again with another payable was refused (the
    figure does not follow from the inputs) after its fields were set: the object then said 620.00
    where 496.00 is due (Oct 2021, 31 x 20 = 620.00, 2 working days late: 620.00 x 80% = 496.00)."""
    s = _settlement()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.__init__(**{**_fields_of(s), "payable": Decimal("620.00")})  # type: ignore[misc]
    assert (s.payable, s.to_dict()["payable"]) == (Decimal("496.00"), "496.00")
    assert vl.budget_in_use("2.12", [s]).spent == Decimal("496.00")


# vars(model) is a pydantic model's field dict itself: a common way to get "the fields as a dict"
# (review 43). Writing to it changed the shared rule value: a December 2021 voucher with status
# then paid 31 x 99 = 3,069.00, not 31 x 30.00 = 930.00. Each way a dict changes is refused.
def _rule_value() -> Any:
    return vl.RuleSet.default().value("youth_voucher.daily_rate.with_disability", dt.date(2021, 12, 1))


class _PlainDict(dict[Any, Any]):
    __slots__ = ()


FIELD_DICTS: dict[str, Callable[[], Any]] = {
    "rule value": _rule_value,
    "parameter": lambda: vl.RuleSet.default().parameter(
        "youth_voucher.daily_rate.without_disability", dt.date(2021, 11, 1)
    ),
    "citation of a rule value": lambda: _rule_value().citation,
    "act of a citation": lambda: _rule_value().citation.act,
    "settlement's citation": lambda: _settlement().rule_citation,
    "budget": lambda: vl.budget("2.12"),
    "limit table row": lambda: vl.limit_table("1.1").rows[0],
    "declared day off": lambda: vl.declared_days_off()[0],
    "program": _program,
    "facility month": lambda: vl.facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=18),
    "place compensation": lambda: vl.unfilled_place_compensation("2021-09", service="shelter", limit=10, occupancy=3),
    "target group check": lambda: vl.in_early_development_target_group("2014-10-31", "2021-10"),
}
CHANGES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "item": lambda d: d.__setitem__(next(iter(d)), None),
    "del": lambda d: d.__delitem__(next(iter(d))),
    "update": lambda d: d.update({next(iter(d)): None}),
    "|=": lambda d: d.__ior__({next(iter(d)): None}),
    "pop": lambda d: d.pop(next(iter(d))),
    "popitem": lambda d: d.popitem(),
    "clear": lambda d: d.clear(),
    "setdefault": lambda d: d.setdefault("new", None),
    # review 44: __init__ again updated the dict in place; a plain dict subclass as its __class__
    # took item assignment
    "init again": lambda d: d.__init__({next(iter(d)): None}),
    "another class": lambda d: setattr(d, "__class__", _PlainDict),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("name", sorted(FIELD_DICTS))
def test_the_dict_of_a_models_fields_cannot_be_changed(name: str, change: str) -> None:
    model = FIELD_DICTS[name]()
    before = dict(vars(model))
    with pytest.raises(TypeError):
        CHANGES[change](vars(model))
    assert dict(vars(model)) == before
    assert documented_results() == DOCUMENTED
    # 31 Dec days x 30.00 with status = 930.00 (a month no other test settled first)
    assert vl.voucher_month("2021-12", disability=True).amount == Decimal("930.00")


@pytest.mark.parametrize(
    "attribute", ["__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__", "_mine"]
)
@pytest.mark.parametrize("name", sorted(FIELD_DICTS))
def test_no_attribute_of_a_model_can_be_set_or_deleted_whatever_its_name(name: str, attribute: str) -> None:
    """Review 119 F1: pydantic hands a name that is no field (``__dict__``, the set of fields given,
    a private ``_name``) to ``object.__setattr__``, frozen or not: ``rate.__dict__ = {...,
    "value": Decimal("50")}`` on the rule set's shared rate paid every later month 50 GEL a day
    (1,550.00 for 31 x 20 = 620.00), and a citation's article 77 was cited by every later result."""
    model = FIELD_DICTS[name]()
    before = dict(vars(model))
    with pytest.raises(AttributeError):
        setattr(model, attribute, {**before, next(iter(before)): None} if attribute == "__dict__" else set())
    with pytest.raises(AttributeError):
        delattr(model, attribute)
    assert dict(vars(model)) == before and type(vars(model)).__name__ == "FieldDict"
    assert documented_results() == DOCUMENTED
    # 31 Dec days x 30.00 with status = 930.00
    assert vl.voucher_month("2021-12", disability=True).amount == Decimal("930.00")


@pytest.mark.parametrize("name", sorted(FIELD_DICTS))
def test_a_copy_of_a_models_fields_is_the_callers_own(name: str) -> None:
    model = FIELD_DICTS[name]()
    for mine in (dict(vars(model)), vars(model).copy(), model.model_dump()):
        assert type(mine) is dict
        mine.clear()
    assert vars(model) and vars(FIELD_DICTS[name]()) == vars(model)


@pytest.mark.parametrize("name", sorted(FIELD_DICTS))
def test_a_models_copies_keep_their_fields_read_only(name: str) -> None:
    import copy

    model = FIELD_DICTS[name]()
    for again in (copy.copy(model), copy.deepcopy(model), pickle.loads(pickle.dumps(model)), model.model_copy()):
        assert again == model
        with pytest.raises(TypeError):
            vars(again).clear()
    # a pickle holds a plain dict of the fields (any version of the library reads it)
    assert b"FieldDict" not in pickle.dumps(model)


@pytest.mark.parametrize("name", sorted(FIELD_DICTS))
def test_the_set_of_a_models_given_fields_cannot_be_changed(name: str) -> None:
    # review 73: model_fields_set was a set; .clear() on a shared citation made every later
    # model_dump(exclude_unset=True) of it write {} (its copies, pickles and updates the same)
    import copy

    model = FIELD_DICTS[name]()
    dumped = model.model_dump(exclude_unset=True)
    for again in (model, copy.copy(model), copy.deepcopy(model), pickle.loads(pickle.dumps(model)), model.model_copy()):
        given = again.model_fields_set
        for change in (given.clear, given.pop, given.add, given.__ior__):
            with pytest.raises(TypeError):
                change({"new"})
        mine = set(given)
        mine.clear()  # (a copy is the caller's own)
    assert FIELD_DICTS[name]().model_dump(exclude_unset=True) == dumped
    assert model.model_dump(exclude_unset=True) == dumped


def test_model_copy_with_an_update_makes_a_new_model() -> None:
    value = _rule_value()
    other = value.model_copy(update={"value": Decimal("31")})
    assert (other.value, value.value) == (Decimal("31"), Decimal("30.00"))
    assert vl.voucher_month("2021-12", disability=True).amount == Decimal("930.00")  # 31 x 30.00


def test_a_walker_of_a_trace_finds_its_eight_fields_and_can_change_no_text() -> None:
    # Review 43: a step is a tuple whose ninth item held its rendered texts, shared by every
    # result the step is part of; a caller's walker that wrote into the dicts it met changed
    # the explanation of every later settlement. The texts are no longer met by iteration, and
    # writing into them directly is refused.
    def fresh() -> vl.Settlement:  # Nov 2021: 15 x 20 + 15 x 30 = 750.00; 2 days late, -20%: 600.00
        vm = vl.voucher_month("2021-11", enrolled_on="2021-10-01", disability=[("2021-11-16", None)])
        return vl.settle(vm, submitted_on="2021-12-08")

    clean = fresh().explain(), fresh().explain("ka")
    for step in fresh().trace().walk():
        assert len(step) == 8 and len(tuple(step)) == 8 and len(list(step)) == 8
        assert not any(isinstance(item, dict) for item in step)
        assert step._asdict().keys() == set(step._fields)
        texts: dict[int, Any] = step[8]  # type: ignore[misc]
        for change, args in (
            (texts.__setitem__, (-1, "tampered")),
            (texts.update, ({-1: "tampered"},)),
            (texts.__ior__, ({-1: "tampered"},)),
            (texts.setdefault, (-1, "tampered")),
            (texts.pop, (-1, None)),
            (texts.__delitem__, (-1,)),
            (texts.popitem, ()),
            (texts.clear, ()),
            (texts.__init__, ({-1: "tampered"},)),
            (setattr, (texts, "__class__", _PlainDict)),
        ):
            with pytest.raises(TypeError):
                change(*args)
    assert (fresh().explain(), fresh().explain("ka")) == clean
    assert fresh().payable == Decimal("600.00")
    # a step never said yet has no text: none can be put in its place either
    from voucherlib.core.trace import Quantity, Step

    new = Step("settle.payable", Decimal("1.00"), "GEL", (Quantity("payment_due", dt.date(2021, 12, 20), "date"),))
    with pytest.raises(TypeError):
        new[8].__init__({-1: "tampered"})  # type: ignore[misc]
    assert "tampered" not in new.explain()


@pytest.mark.parametrize("name", sorted(ATTEMPTS))
def test_an_attempt_to_change_it_raises_and_changes_no_later_result(name: str) -> None:
    with pytest.raises(REFUSED):
        ATTEMPTS[name]()
    assert documented_results() == DOCUMENTED


def test_a_frozen_dataclass_refuses_as_a_frozen_dataclass() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ATTEMPTS["settlement"]()


# ---------------------------------------------------------------- pickling


RESULTS: dict[str, Callable[[], Any]] = {
    "month": lambda: vl.Month(2021, 10),
    "voucher month": lambda: vl.voucher_month("2021-10", disability=[("2021-10-10", None)]),
    "settlement": _settlement,
    "settlement, calendar with extras": lambda: vl.settle(
        vl.voucher_month("2021-10"),
        submitted_on="2021-11-09",
        calendar=vl.WorkingCalendar(extra_non_working_days=[dt.date(2021, 11, 8)]),
    ),
    "calendar": lambda: vl.WorkingCalendar(declared_days_off=False, extra_working_days=[dt.date(2021, 11, 6)]),
    "days off": lambda: vl.WorkingCalendar().days_off(2021),
    "declared days off": vl.declared_days_off,
    "program": _program,
    "budgets": vl.budgets,
    "budget use": lambda: vl.budget_in_use("2.12", [_settlement()]),
    "limit tables": vl.limit_tables,
    "limit use": lambda: vl.limits_in_use("2.2", {"Tbilisi": 9200}),
    "facility month": lambda: vl.facility_month(
        "2021-09", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="25"
    ),
    "place compensation": lambda: vl.unfilled_place_compensation("2021-09", service="shelter", limit=10, occupancy=3),
    "target group": lambda: vl.in_early_development_target_group("2014-10-31", "2021-10"),
    "housing": lambda: vl.check_housing_units({"flat 1": 3, "flat 2": 4}),
    "audit": lambda: vl.audit_invoice(example_path("invoice.csv")),
    "audit of invoice lines": lambda: vl.audit_invoice(
        [InvoiceLine(beneficiary_id="A", month="2021-10", claimed="620.00")], submitted_on="2021-11-05"
    ),
    "settlement file": lambda: settle_file(example_path("vouchers.csv")),
    "facility file": lambda: facility_file(example_path("facility_occupancy.csv"), daily_rate=Decimal(25)),
    "program summary": vl.municipal_report_example,
}


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_every_result_survives_a_pickle_round_trip_equal(name: str) -> None:
    result = RESULTS[name]()
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        again = pickle.loads(pickle.dumps(result, protocol=protocol))
        assert again == result
        assert type(again) is type(result)


def test_a_pickled_rule_set_comes_back_with_its_program_years() -> None:
    # The bundled rule set comes back as the bundled rule set; another one with its years.
    assert pickle.loads(pickle.dumps(vl.RuleSet.default())) is vl.RuleSet.default()
    rules = vl.RuleSet.default().extend(example_path("continuation_2022_2026.toml"))
    again = pickle.loads(pickle.dumps(rules))
    assert again.programs == rules.programs
    # Jan 2022 under the continuation (2021 terms carried on): 31 x 20 = 620.00.
    assert vl.voucher_month("2022-01", rules=again).amount == Decimal("620.00")
    with pytest.raises(AttributeError):
        again._memo = {}


@st.composite
def settlements(draw: st.DrawFn) -> vl.Settlement:
    month = draw(months_2021)
    enrolled = draw(st.none() | day_in(month))
    disability = draw(st.booleans() | st.lists(st.tuples(st.none() | day_in(month), st.none()), max_size=2))
    submitted = month.next().first_day + dt.timedelta(days=draw(st.integers(0, 30)))
    vm = vl.voucher_month(month, enrolled_on=enrolled, disability=disability)
    return vl.settle(vm, submitted_on=submitted)


@given(settlements())
def test_any_settlement_survives_a_pickle_round_trip_equal(settlement: vl.Settlement) -> None:
    again = pickle.loads(pickle.dumps(settlement))
    assert again == settlement
    assert (again.payable, again.voucher.amount, again.calendar) == (
        settlement.payable,
        settlement.voucher.amount,
        settlement.calendar,
    )
    assert again.explain() == settlement.explain()


def _tbilisi_september() -> vl.FacilityMonth:
    # Tbilisi shelter, limit 20, 18 served each day of September 2021 (30 days), 25 GEL a day:
    # Tbilisi's cap pays 15 a day, 15 x 25 x 30 = 11,250.00; unfilled min(20 - 18, 10) x 10 x 30
    # = 600.00; 11,850.00 in all
    return vl.facility_month("2021-09", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="25")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("city", "Gori"),  # Gori has no cap: 18 x 25 x 30 + 600.00 = 14,100.00, not the copy's 11,850.00
        ("paid_beneficiary_days", 600),  # a figure that is not the days' sum (450)
        ("daily_rate", 30.7),  # a float rate: reading .total raised a bare TypeError
        ("total", "1.00"),  # a figure worked out from the fields (review 69: ignored without a word)
    ],
)
def test_a_copy_with_an_input_or_figure_changed_is_refused_not_left_unrecomputed(field: str, value: Any) -> None:
    # review 64: pydantic's model_copy(update=...) validates nothing, so a copy said Gori with
    # Tbilisi's cap (11,850.00 for a month worth 14,100.00)
    fm = _tbilisi_september()
    with pytest.raises(vl.InvalidInput, match=rf"FacilityMonth\.{field}: got {value!r}.*from_dict") as refused:
        fm.model_copy(update={field: value})
    assert "from_dict" in refused.value.message("ka")
    assert fm.total == Decimal("11850.00") and fm.city == "tbilisi"
    again = fm.model_copy()  # a copy that changes nothing is still made
    assert again == fm and again.total == Decimal("11850.00")


def test_a_stored_result_with_a_key_it_does_not_have_names_the_key_and_its_value() -> None:
    # review 64: the refusal said "got None" for a key given "2021+x"
    data = {**_tbilisi_september().to_dict(), "rules_label": "2021+x"}
    with pytest.raises(
        vl.InvalidInput, match=r"FacilityMonth\.rules_label: got '2021\+x' \(str\); expected no such key"
    ):
        vl.FacilityMonth.from_dict(data)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("voucherlib.input.headers", "COLUMN_NAMES"),
        ("voucherlib.input.csv_file", "DELIMITERS"),
        ("voucherlib.output.render", "FORMATS"),
        ("voucherlib.output.table", "HIGHLIGHTS"),
        ("voucherlib.reports.findings", "FINDING_CODES"),
        ("voucherlib.core.trace", "UNITS"),
        ("voucherlib.reports.alike_ids", "LOOK_ALIKE"),
        ("voucherlib.output.shapes", "SHAPES"),
    ],
)
def test_a_public_table_of_the_library_cannot_be_written_into(module: str, name: str) -> None:
    # review 66: these were plain dicts: a caller who "fixed" one (a header alias, a unit)
    # changed how every later file was read or shown
    import importlib

    table = getattr(importlib.import_module(module), name)
    key = next(iter(table))
    with pytest.raises(TypeError):
        table[key] = table[key]


def test_the_days_an_explanation_says_are_kept_where_no_caller_reaches() -> None:
    # review 66: core.trace exported DAY_TEXTS, the kept text of each day; writing "2021-11-30"
    # for 20 Nov made a later October settlement say "to be paid by 2021-11-30" (payment_due 20 Nov)
    from voucherlib.core import trace

    assert not hasattr(trace, "DAY_TEXTS") and "DAY_TEXTS" not in trace.__all__
    s = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-05")  # 31 x 20 = 620.00, paid by 20 Nov
    assert s.explain().splitlines()[-1] == "  payable: 620.00 GEL, to be paid by 2021-11-20 (D9)"


def _public_classes() -> list[type]:
    import inspect

    return [getattr(vl, n) for n in sorted(vl.__all__) if inspect.isclass(getattr(vl, n))]


# A report's lines, findings and rows: the caller's own records, made by the hundred thousand
# (review 107 F6: a check each cost 20% of an audit that makes them all); docs/api.md says so.
OWN_RECORDS = {"AuditLine", "Finding", "SettledRow", "FacilityResult"}


@pytest.mark.parametrize(
    "cls",
    [c for c in _public_classes() if dataclasses.is_dataclass(c) and c.__name__ not in OWN_RECORDS],
    ids=lambda c: c.__name__,
)
def test_every_public_record_refuses_to_be_made_again(cls: type) -> None:
    """Review 105: each public record (a frozen dataclass) refuses ``__init__`` again on an object
    already made (its pydantic models do in their common base)."""
    assert is_made_once(cls.__init__)
    assert not hasattr(cls, "__setstate__") or is_made_once(cls.__setstate__)


def test_the_method_a_guard_wraps_is_not_handed_out() -> None:
    """Review 107 F1: ``inspect.unwrap(Month.__init__)`` was the unguarded ``__init__`` (kept as
    ``__wrapped__``), and on the shared October it made every later October a November."""
    import inspect

    for cls in (vl.Month, vl.WorkingCalendar, vl.RuleSet, vl.VoucherMonth, vl.Settlement):
        assert inspect.unwrap(cls.__init__) is cls.__init__
        assert not hasattr(cls.__init__, "__wrapped__") and not hasattr(cls.__init__, "__unguarded__")
    assert documented_results() == DOCUMENTED


def test_a_reports_lines_and_findings_cannot_be_made_again() -> None:
    """Review 107 F3: the sequences of an audit's lines and findings took ``__init__`` again (the
    over-claim finding and 49 of 50 lines went) and had their attributes set."""
    report = vl.audit_invoice(example_path("invoice.csv"))
    before = (len(report.lines), len(report.findings), report.summary_line())
    made_on_access = [q for q in (report.lines, report.findings) if not isinstance(q, tuple)]  # (a tuple is a tuple)
    assert made_on_access
    for sequence in made_on_access:
        with pytest.raises(REFUSED):
            sequence.__init__(())  # type: ignore[misc]
        with pytest.raises(AttributeError):
            sequence._length = 0  # type: ignore[misc, union-attr]
    assert (len(report.lines), len(report.findings), report.summary_line()) == before


def test_the_parts_of_messages_cannot_be_made_again() -> None:
    """Review 107 F4: the shared ``Expected`` of an amount in whole tetri, made again as a date's,
    made a later audit's reason say 'expected a date'; the wording in use took new field names."""
    from voucherlib.core.errors import Wording, current_wording
    from voucherlib.core.money import WHOLE_TETRI

    with pytest.raises(REFUSED):
        WHOLE_TETRI.__init__("expected.date")  # type: ignore[misc]
    with pytest.raises(REFUSED):
        current_wording().__init__(fields={"month": "THE-MONTH"})  # type: ignore[misc]
    with pytest.raises(TypeError):
        current_wording().fields["month"] = "THE-MONTH"  # type: ignore[index]
    assert isinstance(Wording(fields={"a": "b"}).fields["a"], str)
    # and it pickles and copies (review 108 F7: its read-only maps did not)
    import copy

    made = Wording(arguments={"daily_rate": "--daily-rate GEL"}, fields={"a": "b"}, types=True)
    assert pickle.loads(pickle.dumps(made)) == made == copy.deepcopy(made)
    with pytest.raises(vl.InvalidInput) as caught:
        vl.gel_from_tetri(1.5)  # type: ignore[arg-type]
    assert "date" not in str(caught.value) and caught.value.field == "tetri"


def test_a_trace_forms_and_the_private_state_behind_results_cannot_be_changed() -> None:
    """Review 119 F2 and F4: what a result leads to, one step past its public fields, was
    writable: a trace step's compiled JSON form (``step[8]``), shared by every trace of its shape
    (``form.build = ...`` made every later ``to_dict()`` say "0.00"); a FrozenMap's dict
    (``budgets()._data["2.12"] = ...`` gave every later ``budget("2.12")`` annex 1.1's); the rule
    set's memo and the calendar's tables; the batch engine's tables, marked read-only but free to
    be marked writable again. Each refuses now, and every later result is the documented one."""
    np = pytest.importorskip("numpy")
    from voucherlib.batch import settle_frame

    trace = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-09").trace()
    trace.to_dict(), trace.to_dict()  # (the form is compiled on its second use)
    form, _ = trace[8][-4]  # type: ignore[misc]
    for name in ("build", "write", "uses", "size"):
        with pytest.raises(AttributeError):
            setattr(form, name, None)
    budgets = vl.budgets()
    with pytest.raises(TypeError):
        budgets._data["2.12"] = budgets["1.1"]  # type: ignore[attr-defined]
    rules = vl.RuleSet.default()
    calendar = vl.WorkingCalendar()
    calendar.is_working_day(dt.date(2021, 11, 8))
    for private in (rules._memo, calendar._years, calendar._counts):  # type: ignore[attr-defined]
        with pytest.raises(TypeError):
            private.clear()
    settle_frame({"month": ["2021-10"], "enrolled_on": [None], "discharged_on": [None], "disability": [False],
                  "submitted_on": ["2021-11-09"]})  # fmt: skip
    tables = [v for v in rules._memo.values() if type(v).__name__ == "_Tables"]  # type: ignore[attr-defined]
    assert tables
    for table in tables:
        for value in (
            vars(table).values() if hasattr(table, "__dict__") else [getattr(table, f) for f in table.__slots__]
        ):
            if isinstance(value, np.ndarray):
                with pytest.raises(ValueError):
                    value.setflags(write=True)
    assert documented_results() == DOCUMENTED
    # 22 Oct days from 10 Oct x 20.00 = 440.00, 2 working days late (8, 9 Nov): 352.00
    later = vl.settle(vl.voucher_month("2021-10", enrolled_on="2021-10-10"), submitted_on="2021-11-09")
    assert later.payable == Decimal("352.00") and later.trace().to_dict()["value"] == "352.00"
    assert vl.budget("2.12").amount == Decimal("51400")


def test_what_the_rule_sets_memo_keeps_has_no_dict_to_write() -> None:
    """Review 120 F4: the unfilled places' plan of a month (R3), kept in the rule set's memo and
    shared by every later facility-month, was a frozen dataclass with a __dict__:
    ``vars(plan)["runs"] = ...`` paid a later facility 46,500.00 for 15 places x 10.00 x 31 days =
    4,650.00 (15 places x 10.00 x 31 days). No value the memo keeps has a dict of its own to write."""
    rules = vl.RuleSet.default()
    vl.unfilled_place_compensation("2021-10", service="shelter", limit=40, occupancy=5, rules=rules)
    kept = list(rules._memo.values())  # type: ignore[attr-defined]
    assert any(type(v).__name__ == "_Plan" for v in kept)
    for value in kept:
        assert not hasattr(value, "__dict__") or isinstance(value, (vl.Citation, vl.RuleValue)), type(value)
    # a shelter of limit 40 with 5 children: 35 places unfilled, paid for at most floor(40 x 50%)
    # = 20 of them (D11), at 10.00 GEL a day, 31 days: 20 x 10.00 x 31 = 6,200.00
    paid = vl.unfilled_place_compensation("2021-10", service="shelter", limit=40, occupancy=5, rules=rules)
    assert paid.amount == Decimal("6200.00")


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_trace_survives_a_pickle_of_any_protocol(protocol: int) -> None:
    """Review 120 F7: a trace pickled with protocol 0 or 1 came back without its texts (an
    IndexError on explain() and to_dict())."""
    trace = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-09").trace()
    again = pickle.loads(pickle.dumps(trace, protocol=protocol))
    assert again == trace and again.explain("ka") == trace.explain("ka") and again.to_dict() == trace.to_dict()
