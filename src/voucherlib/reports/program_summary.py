"""Program summaries in the shape of a municipal social-service report.

Municipal social services publish, per program, how many beneficiaries were served and how
much money was spent. :class:`ProgramSummary` holds such a report (the Tsalenjikha 2020
report ships as an example) and prints it in English or Georgian with its totals;
:func:`summary_line` turns a set of voucherlib settlements into one line of the same shape.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict

from voucherlib.core.errors import InvalidInput
from voucherlib.core.money import money_text, total
from voucherlib.rules.submission import payable_amounts

__all__ = ["ProgramSummary", "SummaryLine", "municipal_report_example", "summary_line"]

_LABELS = {
    "en": ("No.", "program", "beneficiaries", "amount, GEL", "total"),
    "ka": ("№", "პროგრამა", "ბენეფიციარი", "თანხა, ლარი", "სულ"),
}


class SummaryLine(BaseModel):
    """One program: beneficiaries served and money spent."""

    model_config = ConfigDict(frozen=True)

    number: int
    title: str
    title_ka: str = ""
    beneficiaries: int
    unit: str = "beneficiaries"
    amount: Decimal


class ProgramSummary(BaseModel):
    """Per program, beneficiaries and amount, with the totals."""

    model_config = ConfigDict(frozen=True)

    title: str
    title_ka: str = ""
    source: str = ""
    lines: tuple[SummaryLine, ...]

    @property
    def total_beneficiaries(self) -> int:
        """The sum of the beneficiary counts (units differ: patients, families, children...)."""
        return sum(line.beneficiaries for line in self.lines)

    @property
    def total_amount(self) -> Decimal:
        return total(line.amount for line in self.lines)

    def to_text(self, lang: Literal["en", "ka"] = "en") -> str:
        if lang not in _LABELS:
            raise InvalidInput("lang", lang, "'en' or 'ka'")
        no, program, people, money, total = _LABELS[lang]
        titles = [(line.title_ka or line.title) if lang == "ka" else line.title for line in self.lines]
        width = max([len(program), *map(len, titles)])
        out = [self.title_ka or self.title if lang == "ka" else self.title]
        out.append(f"{no:>3}  {program.ljust(width)}  {people:>13}  {money:>13}")
        for line, title in zip(self.lines, titles, strict=True):
            out.append(
                f"{line.number:>3}  {title.ljust(width)}  {line.beneficiaries:>13,}  {money_text(line.amount, grouping=True):>13}"
            )
        out.append(
            f"{'':>3}  {total.ljust(width)}  {self.total_beneficiaries:>13,}  {money_text(self.total_amount, grouping=True):>13}"
        )
        return "\n".join(out)


@cache
def municipal_report_example() -> ProgramSummary:
    """The 16 programs of Tsalenjikha municipality's 2020 social-service report."""
    text = resources.files("voucherlib.examples").joinpath("tsalenjikha_2020.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    lines = tuple(SummaryLine(**{**p, "amount": Decimal(p["amount"])}) for p in data["program"])
    return ProgramSummary(title=data["title"], title_ka=data["title_ka"], source=data["source"], lines=lines)


def summary_line(number: int, title: str, settlements: Iterable[object], *, title_ka: str = "") -> SummaryLine:
    """One summary line from settlements: the voucher-months paid (payable > 0) and the money payable."""
    amounts = payable_amounts(settlements)
    paid = sum(1 for a in amounts if a > 0)
    return SummaryLine(
        number=number,
        title=title,
        title_ka=title_ka,
        beneficiaries=paid,
        unit="voucher-months",
        amount=total(amounts),
    )
