"""R5 and R9 explain themselves as every other result does: a trace (data) said in English or Georgian.

The target group of early childhood development (Annex 2.2, Art. 3, para 1, as worded by Decree
No. 467, Art. 1, para 2(b.a); D14) and the safe housing of the youth voucher (Annex 2.12, Art. 2,
para 1(a), as worded by Decree No. 467, Art. 1, para 2(k.a)) had an explanation of glued English
strings alone; a Georgian auditor got English, and a program no data.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import voucherlib as vl
from tests.test_georgian_outputs import latin_words
from voucherlib.core.trace import Step

ANNEX_2_2 = "Annex 2.2, Art. 3, para 1 of the State Program"
ANNEX_2_12 = "Annex 2.12, Art. 2, para 1(a) of the State Program"


@pytest.mark.parametrize(
    ("born", "month", "key", "birthday", "words"),
    [
        # born 15 Oct 2014: the 7th birthday is 15 Oct 2021, so October 2021 is the group's last month
        (
            "2014-10-15",
            "2021-10",
            "target_group.in_group",
            "2021-10-15",
            "up to and including 2021-10, the month the child turns 7: 2021-10-15",
        ),
        # November 2021 is after the month of the 7th birthday
        ("2014-10-15", "2021-11", "target_group.past_age_limit", "2021-10-15", "turned 7 on 2021-10-15"),
        # born 1 Nov 2021: not born by 31 Oct 2021 (its 7th birthday would be 1 Nov 2028)
        ("2021-11-01", "2021-10", "target_group.not_born_yet", "2028-11-01", "not born by the end of 2021-10"),
    ],
)
def test_the_target_group_answer_is_a_step_with_its_dates_d14_and_provision(
    born: str, month: str, key: str, birthday: str, words: str
) -> None:
    check = vl.in_early_development_target_group(born, month)
    step = check.trace()
    assert (step.key, step.value, step.decisions, step.rule) == (key, key.endswith("in_group"), ("D14",), "R5")
    assert step.input("birth_date") == dt.date.fromisoformat(born) and step.input("month") == month
    assert step.input("birthday") == dt.date.fromisoformat(birthday)
    text = check.explain()
    assert words in text and "D14" in text and ANNEX_2_2 in text and "Decree No. 467" in text
    ka = check.explain("ka")
    assert "№2.2 დანართის მე-3 მუხლის პირველი პუნქტი" in ka and latin_words(ka) == []
    back = Step.from_dict(json.loads(json.dumps(step.to_dict())))
    assert back == step and back.explain("ka") == ka


def test_a_child_of_the_age_is_said_to_be_of_the_groups_age_not_in_the_group() -> None:
    # Annex 2.2, Art. 3, para 1 defines the group by age AND a diagnosis of Annex 2.14; the check
    # reads the age alone (D14: the diagnosis is the caller's), so its line must not claim the
    # child is in the group (review 58). Born 31 Oct 2014, October 2021: turns 7 in the month.
    check = vl.in_early_development_target_group("2014-10-31", "2021-10")
    text = check.explain()
    assert "of the age of the target group" in text and "in the target group" not in text
    assert "the diagnosis of Annex 2.14 is not checked here" in text
    ka = check.explain("ka")
    assert "სამიზნე ჯგუფის ასაკშია" in ka and "№2.14 დანართში მოცემული ICD-10-ის დიაგნოზი აქ არ მოწმდება" in ka
    assert "განეკუთვნება" not in ka


def test_the_housing_check_names_each_unit_over_the_limit() -> None:
    # the limit is 3 together (Annex 2.12, Art. 2, para 1(a)): flat B (4) and flat C (5) are over it
    check = vl.check_housing_units({"flat A": 3, "flat B": 4, "flat C": 5})
    step = check.trace()
    assert (step.key, step.value, step.rule, step.input("limit")) == ("housing.over", 2, "R9", 3)
    assert [(c.input("unit"), c.value) for c in step.children] == [("flat B", 4), ("flat C", 5)]
    assert check.explain().splitlines() == [
        "Safe housing: a unit houses more than 3 beneficiaries together (units over the limit: 2; R9)"
        f"  [{check.citation.text()}]",
        "  flat B: 4 beneficiaries",
        "  flat C: 5 beneficiaries",
    ]
    assert ANNEX_2_12 in check.explain()
    ka = check.explain("ka")
    assert "3-ზე მეტი ბენეფიციარი" in ka and "flat B: 4 ბენეფიციარი" in ka
    assert latin_words(ka.replace("flat B", "").replace("flat C", "")) == []
    assert Step.from_dict(json.loads(json.dumps(step.to_dict()))) == step


def test_a_housing_check_with_no_unit_over_the_limit_says_so() -> None:
    check = vl.check_housing_units({"flat A": 3, "flat B": 1})
    assert check.ok and check.trace().key == "housing.ok" and check.trace().children == ()
    assert check.explain().startswith("Safe housing: every unit houses at most 3 beneficiaries together (R9)")


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(vl.InvalidInput):
        vl.check_housing_units({"a": 1}).explain("de")
    with pytest.raises(vl.InvalidInput):
        vl.in_early_development_target_group("2014-10-15", "2021-10").explain("fr")


@pytest.mark.parametrize(
    ("occupants", "named"),
    [
        ({1: 2, "1": 2}, 1),  # a number for a name: refused, not read as the text "1"
        ({None: 4}, None),
        ({"flat 1": 2, "flat 1 ": 2}, "flat 1 "),  # one unit written twice: 2 + 2 = 4 would be over 3
        ({"flat\xa01": 2, "flat 1": 2}, "flat\xa01"),  # a no-break space: looks like "flat 1"
        ({" ": 1}, " "),
        ({"flat \u00e9": 2, "flat e\u0301": 2}, "flat e\u0301"),  # é composed two ways: one unit (review 107)
        ({"Flat 1": 2, "flat 1": 2}, "flat 1"),
        ({"flat  1": 2, "flat 1": 2}, "flat 1"),  # a doubled space (review 108 F6)
        ({"flat\u20281": 4}, "flat\u20281"),  # a line separator: shows as a break or nothing
    ],
)
def test_a_housing_unit_is_named_once_as_visible_text(occupants: dict[Any, int], named: Any) -> None:
    """Review 105: each of these passed the check of 3 a unit (Annex 2.12, Art. 2, para 1(a)),
    though the unit they name houses 4 beneficiaries in the first four; the name is refused (D37)."""
    with pytest.raises(vl.InvalidInput) as caught:
        vl.check_housing_units(occupants)
    assert (caught.value.field, caught.value.value) == ("occupants", named)
    if "\u00e9" in str(occupants):  # two names that look the same: the other shown by its code points (review 109)
        assert "(flat \\xe9)" in str(caught.value)


def test_the_spaces_around_a_units_name_are_no_part_of_it() -> None:
    # " flat B " houses 4, over the limit of 3: named as "flat B"
    assert vl.check_housing_units({"flat A": 3, " flat B ": 4}).over == (("flat B", 4),)
    # numpy's text (a subclass of str) is the text it holds (review 107 F8: it was refused)
    np = pytest.importorskip("numpy")
    assert vl.check_housing_units({np.str_("flat B"): 4}).over == (("flat B", 4),)


def test_names_that_differ_otherwise_are_two_units() -> None:
    # review 108 F6: NFKC made "Flat 1²" and "Flat 12" one unit; each houses 2, within the limit of 3
    assert vl.check_housing_units({"Flat 1\u00b2": 2, "Flat 12": 2}).ok


def test_the_housing_check_keeps_the_day_whose_limit_it_applied() -> None:
    # review 233 F1: with a rule set that also holds a later year, the check answered by that
    # year's limit and nothing said which day's. A fictitious 2022: at most 2 together from
    # 16 Mar 2022, one worker per 20 beneficiaries from 1 Jan 2022 (2021: 3 and 25).
    from tests.conftest import test_year

    rules = test_year(
        """
[parameters."youth_voucher.standards.max_beneficiaries_per_housing_unit"]
values = [{ effective_from = 2022-03-16, value = 2, citation = "test_year" }]

[parameters."youth_voucher.standards.beneficiaries_per_worker"]
values = [{ effective_from = 2022-01-01, value = 20, citation = "test_year" }]
"""
    )
    # by default, the last day of the latest year, 31 Dec 2022: a flat of 3 is over the limit of 2
    later = vl.check_housing_units({"flat A": 3}, rules=rules)
    assert (later.on, later.limit, later.over) == (dt.date(2022, 12, 31), 2, (("flat A", 3),))
    # on 31 Dec 2021, the limit of 3: no unit over it
    then = vl.check_housing_units({"flat A": 3}, rules=rules, on="2021-12-31")
    assert (then.on, then.limit, then.over, then.ok) == (dt.date(2021, 12, 31), 3, (), True)
    # the day is in the trace as data (the line says the limit, as before)
    assert {"name": "on", "value": "2021-12-31", "unit": "date"} in then.trace().to_dict()["inputs"]
    assert "more than" not in then.explain() and "2021-12-31" not in then.explain()
    # 21 beneficiaries: one per 20 or part of 20 is 2 workers in 2022; one per 25 is 1 in 2021
    assert vl.required_workers(21, rules=rules) == 2
    assert vl.required_workers(21, rules=rules, on="2021-12-31") == 1
    # a check made by hand without its day still reads
    assert vl.HousingCheck(limit=3, over=(), citation=then.citation).on is None


@pytest.mark.parametrize("given", [0, 86400, "1640908800", 2021.0, "20211231"])
def test_a_checks_day_is_read_as_every_date_never_as_seconds(given: Any) -> None:
    # review 234 F2: pydantic read HousingCheck(on=0) as 1970-01-01 and "1640908800" as 31 Dec
    # 2021 (and a TargetGroupCheck's birth date alike), where check_housing_units(on=0) refuses it
    housing = vl.check_housing_units({"flat A": 3})
    with pytest.raises(vl.InvalidInput, match=r"^HousingCheck\.on: got "):
        vl.HousingCheck(limit=3, over=(), citation=housing.citation, on=given)
    with pytest.raises(vl.InvalidInput, match=r"^HousingCheck\.on: got "):
        vl.HousingCheck.model_validate_json(json.dumps({**housing.model_dump(mode="json"), "on": given}))
    check = vl.in_early_development_target_group("2018-05-01", "2021-10")
    with pytest.raises(vl.InvalidInput, match=r"^TargetGroupCheck\.birth_date: got "):
        vl.TargetGroupCheck(**{**dict(vars(check)), "birth_date": given})
    # a day as the library reads days still reads, and a check read back is the same
    assert vl.HousingCheck(limit=3, over=(), citation=housing.citation, on="2021-12-31").on == dt.date(2021, 12, 31)
    assert vl.TargetGroupCheck.model_validate_json(check.model_dump_json()) == check


def test_one_beneficiary_is_said_one() -> None:
    # "at most 1 beneficiaries", "1 beneficiaries" (review 234's "1 beneficiary-days", among the
    # other nouns counted). A fictitious 2022 whose limit is 1 from 1 Jan: flat A houses 2 (over
    # it), flat B 1 (not over it).
    from tests.conftest import test_year

    rules = test_year(
        """
[parameters."youth_voucher.standards.max_beneficiaries_per_housing_unit"]
values = [{ effective_from = 2022-01-01, value = 1, citation = "test_year" }]
"""
    )
    over = vl.check_housing_units({"flat A": 2, "flat B": 1}, rules=rules, on="2022-06-01")
    assert over.over == (("flat A", 2),)
    said = over.explain()
    assert (
        "a unit houses more than 1 beneficiary together (units over the limit: 1" in said
    )  # (236 F7: "1 beneficiary live")
    assert "flat A: 2 beneficiaries" in said
    ok = vl.check_housing_units({"flat B": 1}, rules=rules, on="2022-06-01")
    assert ok.explain().startswith("Safe housing: every unit houses at most 1 beneficiary together")
    said = vl.check_housing_units({"flat C": 4}).explain()  # (2021: more than 3)
    assert "a unit houses more than 3 beneficiaries together" in said and "flat C: 4 beneficiaries" in said


def test_the_days_of_the_rule_data_are_read_as_every_date_never_as_seconds() -> None:
    # review 235 F6: RuleValue, Budget, LimitTable and LimitUse read 0 as 1970-01-01 and a
    # number as seconds, where every other date of the library is refused so
    value = vl.RuleSet.default().value("youth_voucher.daily_rate.with_disability", "2021-10-01")
    budget = next(iter(vl.budgets().values()))
    table = vl.limit_table("2.2")
    for model, fields in (
        (value, ("effective_from",)),
        (budget, ("effective_from",)),
        (table, ("effective_from", "effective_until")),
    ):
        name = type(model).__name__
        assert type(model).model_validate(model.model_dump()) == model  # (read back as it is)
        for field in fields:
            for given in (0, "1633046400"):
                with pytest.raises(vl.InvalidInput, match=rf"^{name}\.{field}: got "):
                    type(model).model_validate({**model.model_dump(), field: given})
    use = vl.limits_in_use("2.2", {"Tbilisi": 1})
    with pytest.raises(vl.InvalidInput, match=r"^LimitUse\.effective_from: got 0 "):
        type(use).model_validate({**use.model_dump(), "effective_from": 0})


def test_a_day_left_out_is_refused_in_the_words_of_every_date() -> None:
    # review 236 F4, F5: TargetGroupCheck(birth_date=None) said "expected Input should be a valid
    # date" (pydantic's sentence after ours), and Program read 0 as 1970-01-01
    check = vl.in_early_development_target_group("2018-05-01", "2021-10")
    with pytest.raises(vl.InvalidInput, match=r"^TargetGroupCheck\.birth_date: got None \(NoneType\); expected a date"):
        vl.TargetGroupCheck(**{**dict(vars(check)), "birth_date": None})
    program = vl.RuleSet.default().programs[0]
    for field in ("covers_from", "covers_until"):
        for given in (0, None):
            with pytest.raises(vl.InvalidInput, match=rf"^Program\.{field}: got "):
                type(program).model_validate({**program.model_dump(), field: given})
    assert type(program).model_validate(program.model_dump()) == program
