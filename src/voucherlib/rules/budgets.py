"""R7. Subprogram budgets of the 2021 program as amended by Decree No. 467 (GEL).

Each budget is data (``data/budgets.toml``) with its citation: the paragraph of the program
(Decree No. 825) that sets it, as worded by the subparagraph of Decree 467, Art. 1;
Annex 2.1 is split into its two measures. :func:`budget_in_use` reports money against a
budget, e.g. the settlements of the Annex 2.12 youth voucher against its 51,400 GEL.
"""

from __future__ import annotations

import datetime as dt
import numbers
import tomllib
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from pydantic import ValidationInfo, field_validator, model_validator

from voucherlib.core.citation import Citation, annex_key
from voucherlib.core.errors import InvalidInput, RuleSetError, expected
from voucherlib.core.frozen import FrozenMap, PublicModel
from voucherlib.core.money import gel, money_text, percent_ratio, subtract, total
from voucherlib.core.month import dates_by_policy
from voucherlib.core.phrases import check_lang, georgian_text, say
from voucherlib.rules.submission import is_settlement_report, payable_amounts

__all__ = ["Budget", "BudgetUse", "Measure", "budget", "budget_in_use", "budgets"]


class Measure(PublicModel):
    measure: str
    """The measure's letter, e.g. ``"a"``."""
    measure_ka: str
    """The letter as the decree writes it, e.g. ``"ა"``."""
    title: str
    """What the measure is."""
    title_ka: str
    """What the measure is, as the decree words it."""
    amount: Decimal
    """Its amount (GEL)."""

    @field_validator("measure_ka", "title_ka")
    @classmethod
    def _georgian(cls, text: str, info: ValidationInfo) -> str:
        return georgian_text(text, str(info.field_name))

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Decimal:
        return budget_amount(value, "Measure.amount")

    def letter(self, lang: str = "en") -> str:
        """The measure's letter, Latin or Georgian (``lang="ka"``)."""
        return self.measure_ka if lang == "ka" else self.measure


class Budget(PublicModel):
    """The budget of one subprogram (annex), with its citation."""

    annex: str
    """The subprogram's annex, e.g. ``"2.12"``."""
    title: str
    """The subprogram's name in English."""
    title_ka: str
    """The subprogram's name as the decree writes it."""
    amount: Decimal
    """The budget (GEL)."""
    effective_from: dt.date
    """The day the amount takes effect (1 Oct 2021)."""
    _dates = dates_by_policy("effective_from", required=True)  # (review 235 F6: 0 was 1970-01-01, a number seconds)
    citation: Citation
    """The paragraph of the program that sets it, as worded by Decree 467."""
    measures: tuple[Measure, ...] = ()
    """The budget's measures, where the decree splits it (Annex 2.1)."""

    @field_validator("title_ka")
    @classmethod
    def _georgian(cls, text: str, info: ValidationInfo) -> str:
        return georgian_text(text, str(info.field_name))

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Decimal:
        return budget_amount(value, "Budget.amount")

    @model_validator(mode="after")
    def _measures_sum(self) -> Budget:
        """A budget split into measures is their sum (Annex 2.1), as the bundled data are checked."""
        if self.measures and total(m.amount for m in self.measures) != self.amount:
            raise InvalidInput("Budget.measures", self.amount, expected("measures_sum"))
        return self


def spent_amount(value: Any, field: str) -> Decimal:
    """Money spent: exact GEL in whole tetri, never less than nothing, ``-0`` neither (review 49:
    -5 was taken; review 209 F2: by a ``BudgetUse`` made in code too)."""
    spent = gel(value, field=field, separator_advice=False)
    if spent.is_signed():
        raise InvalidInput(field, value, expected("not_negative"))
    return spent


def budget_amount(value: Any, field: str) -> Decimal:
    """A budget's or a measure's amount: exact GEL in whole tetri, above 0 (review 209 F2: a model
    made in code took -51,400, a float and 0, whose share of the spending then failed naming
    ``whole``)."""
    amount = gel(value, field=field, separator_advice=False)
    if amount <= 0:
        raise InvalidInput(field, value, expected("budget_amount"))
    return amount


@cache
def budgets() -> FrozenMap[str, Budget]:
    """Every subprogram budget of R7, by annex (a read-only mapping: the budgets are shared)."""
    data = tomllib.loads(resources.files("voucherlib.data").joinpath("budgets.toml").read_text(encoding="utf-8"))
    out: dict[str, Budget] = {}
    for raw in data["budget"]:
        citation = Citation(
            act=data["act"],
            annex=raw["annex"],
            article=raw["article"],
            paragraph=raw["paragraph"],
            amended_by=raw["amended_by"],
        )
        measures = tuple(
            Measure(
                measure=m["measure"],
                measure_ka=m["measure_ka"],
                title=m["title"],
                title_ka=m["title_ka"],
                amount=Decimal(m["amount"]),
            )
            for m in raw.get("measures", [])
        )
        if measures and total(m.amount for m in measures) != Decimal(raw["amount"]):  # (said as the data's)
            raise RuleSetError(
                "voucherlib/data/budgets.toml", f"budget {raw['annex']}", "the measures do not sum to the budget"
            )
        item = Budget(
            annex=raw["annex"],
            title=raw["title"],
            title_ka=raw["title_ka"],
            amount=Decimal(raw["amount"]),
            effective_from=data["effective_from"],
            citation=citation,
            measures=measures,
        )
        out[item.annex] = item
    return FrozenMap(out)


def budget(annex: str) -> Budget:
    """The budget of subprogram ``annex`` (e.g. ``"2.12"``): R7, para 1 of the annex's budget
    article, as worded by Decree No. 467, Art. 1 (for Annex 2.12: Art. 4, para 1, as worded by
    Art. 1, para 2(k.b.a)).

    >>> budget("2.12").amount
    Decimal('51400')
    """
    found = budgets().get(annex_key(annex) or "")  # ("Annex 2.4", "დანართი №2.4": review 194 F7)
    if found is None:
        raise InvalidInput("annex", annex, expected("one_of", choices=", ".join(budgets())))
    return found


class BudgetUse(PublicModel):
    """Money spent against a subprogram budget."""

    budget: Budget
    """The subprogram budget."""
    spent: Decimal
    """The money reported against it (GEL)."""

    @field_validator("spent", mode="before")
    @classmethod
    def _spent(cls, value: Any) -> Decimal:
        """Exact GEL, 0 or more, as :func:`budget_in_use` reads it (review 209 F2: a model made in
        code or read from JSON took -5, and said "spent -5.00 ... remaining 51,405.00")."""
        return spent_amount(value, "BudgetUse.spent")

    @property
    def remaining(self) -> Decimal:
        """The budget less the money spent (negative when over)."""
        return subtract(self.budget.amount, self.spent)

    @property
    def share(self) -> Decimal:
        """The share of the budget spent, in percent, to two places."""
        return percent_ratio(self.spent, self.budget.amount)

    @property
    def over(self) -> bool:
        """True when more was spent than the budget."""
        return self.spent > self.budget.amount

    def to_text(self, lang: str = "en") -> str:
        """One line: spent, share and remaining, with the citation, in English or Georgian."""
        lang = check_lang(lang)
        line = say(  # (over the budget: by how much, not a remainder below zero; review 152 F13)
            lang,
            "budget.use_over" if self.over else "budget.use",
            annex=self.budget.annex,
            title=self.budget.title_ka if lang == "ka" else self.budget.title,
            spent=money_text(self.spent, grouping=True, lang=lang),
            amount=money_text(self.budget.amount, grouping=True, lang=lang),
            share=self.share,
            remaining=money_text(self.remaining, grouping=True, lang=lang),
            over=money_text(subtract(self.spent, self.budget.amount), grouping=True, lang=lang),
        )
        flag = "  " + say(lang, "budget.over") if self.over else ""
        return f"{line}{flag}  [{self.budget.citation.text(lang)}]"


def budget_in_use(annex: str, spent: Decimal | int | str | Iterable[object]) -> BudgetUse:
    """Money against the budget of ``annex`` (R7): ``spent`` is an amount, or the results it
    pays, each a Decimal ``payable``: settlements and voucher-audit lines of Annex 2.12 against
    the 2.12 budget, facility-months (their totals) and facility-audit lines of Annex 2.8
    against the 2.8 budget. A result that says its subprogram (an ``annex``) is refused against
    another's budget (reviews 33, 34: a youth voucher, or its audit line, counted against the
    shelters' budget without a word). A result of a service month outside the Program's year
    (2021) is refused, naming its month: the budgets are the 2021 Program's (D45; review 111: a
    facility-month of 2024 was counted against them). Each result counts as given, the same
    object twice too (a result holds no beneficiary's id: :func:`summary_line`).

    >>> budget_in_use("2.12", "12850").share
    Decimal('25.00')
    """
    item = budget(annex)
    report = is_settlement_report(spent)  # (told where its results are: review 201 F2)
    if not report and (isinstance(spent, (str, numbers.Number)) or not isinstance(spent, Iterable)):  # an amount
        total_spent = spent_amount(spent, "spent")
    else:
        year = item.effective_from.year  # (the Program's year: its budget pays that year's months, D45)
        total_spent = total(payable_amounts(spent, field="spent", annex=item.annex, budget=True, year=year))
    return BudgetUse(budget=item, spent=total_spent)
