"""Rules as data (D4): the bundled 2021 program, adding a program year, and files that are refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import voucherlib as vl
from tests.conftest import DOCS_EXAMPLES


def test_every_value_of_the_bundled_program_has_an_effective_date_and_a_citation() -> None:
    (program,) = vl.RuleSet.default().programs
    assert program.id == "2021" and program.covers_until == dt.date(2021, 12, 31)
    for parameter in program.parameters.values():
        assert parameter.rule.startswith("R") and parameter.description
        for value in parameter.values:
            assert value.effective_from >= dt.date(2021, 9, 1)  # R8: nothing earlier is in our sources
            c = value.citation
            assert c.act == vl.bundled_act("decree_825") and c.annex  # a provision of the program (Decree 825)
            assert c.amended_by is not None and c.amended_by.act == vl.bundled_act("decree_467")


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("youth_voucher.daily_rate.with_disability", Decimal(30)),
        ("youth_voucher.daily_rate.without_disability", Decimal(20)),
        ("youth_voucher.submission.deadline_day", 5),
        ("youth_voucher.payment.due_day", 20),
        ("youth_voucher.late_penalty.deduction_per_working_day", Decimal(10)),
        ("youth_voucher.late_penalty.max_late_working_days", 5),
    ],
)
def test_the_2021_values_of_annex_2_12_art_4_para_5(key: str, expected: object) -> None:
    value = vl.RuleSet.default().value(key, dt.date(2021, 10, 1))
    assert value.value == expected
    assert (value.citation.annex, value.citation.article, value.citation.paragraph) == ("2.12", 4, 5)


def test_a_value_before_its_effective_date_is_not_in_force() -> None:
    with pytest.raises(vl.RuleNotInForce, match=r"takes effect on 2021-10-01"):
        vl.RuleSet.default().value("youth_voucher.daily_rate.with_disability", dt.date(2021, 9, 30))


def test_a_later_program_year_inherits_and_overrides_with_its_own_citation() -> None:
    rules = vl.RuleSet.default().extend(DOCS_EXAMPLES / "program_2022.toml")
    overridden = rules.value("youth_voucher.daily_rate.without_disability", dt.date(2022, 1, 1))
    inherited = rules.value("youth_voucher.daily_rate.with_disability", dt.date(2022, 1, 1))
    assert overridden.value == Decimal(25) and str(overridden.citation.act) == "Example Decree No. 1 of 1 Jan 2022"
    assert inherited.value == Decimal(30) and "Decree No. 467" in str(inherited.citation)
    # The 2021 program is unchanged by the extension.
    assert rules.value("youth_voucher.daily_rate.without_disability", dt.date(2021, 12, 31)).value == Decimal(20)


GOOD_HEADER = """
[program]
id = "2030"
title = "t"
covers_from = 2030-01-01
covers_until = 2030-12-31
citation = "c"
[citations.c]
note = "Some source"
"""


def param(value: str, unit: str = "GEL/day", citation: str = '"c"', dates: tuple[str, ...] = ("2030-01-01",)) -> str:
    values = ", ".join(f"{{ effective_from = {d}, value = {value}, citation = {citation} }}" for d in dates)
    return f'[parameters."x.rate"]\nrule = "R1"\ndescription = "d"\nunit = "{unit}"\nvalues = [{values}]\n'


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (param('"-5"'), "negative"),
        (param('"120"', unit="percent"), "over 100 percent"),
        (param('"20"', citation='"nowhere"'), "unknown citation 'nowhere'"),
        (param('"20"', dates=("2030-03-01", "2030-03-01")), "effective dates must rise strictly"),
        (param('"20"', dates=("2030-05-01", "2030-03-01")), "effective dates must rise strictly"),
        (param("20.5"), "x.rate.values.0.value"),  # a TOML float is refused: write "20.5"
        (param('"20"', unit="furlongs"), "unit"),
        (param('"abc"'), "not a decimal number"),
        (param("40", unit="day_of_month"), "not a day of the month"),
        (param('"20"', dates=("2031-01-01",)), "after the end of the program period"),
        (
            '[parameters."x.rate"]\nrule = "R1"\ndescription = "d"\nunit = "GEL/day"\nvalues = [{ effective_from = 2030-01-01, value = "1" }]\n',
            "citation",
        ),
    ],
)
def test_a_rule_set_file_that_could_be_misread_is_refused_naming_the_key(
    tmp_path: Path, body: str, problem: str
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(GOOD_HEADER + body, encoding="utf-8")
    with pytest.raises(vl.RuleSetError) as info:
        vl.RuleSet.default().extend(path)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_a_program_year_that_overlaps_another_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "overlap.toml"
    path.write_text(GOOD_HEADER.replace("2030-01-01", "2021-12-01"), encoding="utf-8")
    with pytest.raises(vl.RuleSetError, match="overlaps program 2021"):
        vl.RuleSet.default().extend(path)


def test_inheriting_an_unknown_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "orphan.toml"
    path.write_text(GOOD_HEADER.replace('citation = "c"', 'citation = "c"\ninherits = "1999"', 1), encoding="utf-8")
    with pytest.raises(vl.RuleSetError, match=r"program.inherits: no program '1999'"):
        vl.RuleSet.default().extend(path)


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[program\n", encoding="utf-8")
    with pytest.raises(vl.RuleSetError, match="not valid TOML"):
        vl.RuleSet.default().extend(path)
