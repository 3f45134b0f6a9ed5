"""Program summaries in the shape of a municipal social-service report.

Municipal social services publish, per program, how many beneficiaries were served and how
much money was spent. :class:`ProgramSummary` holds such a report (the Tsalenjikha 2020
report ships as an example) and prints it in English or Georgian with its totals;
:func:`summary_line` turns a set of voucherlib settlements into one line of the same shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError, ValidationInfo, field_validator, model_validator

from voucherlib.core.errors import InvalidInput, expected, no_such_field
from voucherlib.core.frozen import CheckedModel
from voucherlib.core.money import TWO_READINGS, gel, toml_money, total
from voucherlib.core.phrases import check_lang, say
from voucherlib.core.toml_text import TomlRefused, toml_data
from voucherlib.input.files import read_text_file
from voucherlib.rules.occupancy import whole_count
from voucherlib.rules.submission import payable_amounts

__all__ = ["ProgramSummary", "SummaryLine", "municipal_report_example", "read_summary", "summary_line"]

MAX_PEOPLE = 100_000_000
"""A bound on a program's count of beneficiaries (and its number): far above any country's
people (review 77: the facility bound of a million refused a national program)."""


class SummaryLine(CheckedModel):
    """One program: beneficiaries served and money spent."""

    number: int
    """The program's number in the report."""
    title: str = ""
    """The program's name in English (a report in Georgian alone gives :attr:`title_ka` alone)."""
    title_ka: str = ""
    """The program's name in Georgian."""
    beneficiaries: int
    """How many beneficiaries (families, patients, ...) it served."""
    unit: str = "beneficiaries"
    """What a beneficiary is (families, patients, ...)."""
    unit_ka: str = ""
    """The same in Georgian (ოჯახი, პაციენტი, ...)."""
    amount: Decimal
    """The money it spent (GEL)."""

    @field_validator("number", "beneficiaries", mode="before")
    @classmethod
    def _count(cls, value: Any, info: ValidationInfo) -> int:
        """A whole number of 0 or more (review 76: -742 families were totalled, and 3.0 taken as 3)."""
        return whole_count(value, f"SummaryLine.{info.field_name}", MAX_PEOPLE)

    @field_validator("amount", mode="before")
    @classmethod
    def _spent(cls, value: Any) -> Decimal:
        """Money spent: exact GEL, 0 or more (review 76: -86,050.00 was totalled)."""
        return spent(gel(value, field="SummaryLine.amount"), value, "SummaryLine.amount")

    @model_validator(mode="after")
    def _named(self) -> SummaryLine:
        """A title in one language at least (review 85: a Georgian municipality's report, in
        Georgian alone, was refused for want of an English title)."""
        if not self.title.strip() and not self.title_ka.strip():
            raise InvalidInput("SummaryLine.title", self.title, expected("program_title"))
        return self

    def title_in(self, lang: str) -> str:
        """The program's name in ``lang``, or in the other language where the report gives none."""
        return (self.title_ka or self.title) if lang == "ka" else (self.title or self.title_ka)


def spent(amount: Decimal, given: Any, field: str) -> Decimal:
    """``amount``, money a program spent, refused when below 0 (naming ``field`` and what was ``given``),
    ``-0`` too (review 264 F6: written ``-0.00``, as budgets refuse it)."""
    if amount.is_signed():
        raise InvalidInput(field, given, expected("not_negative"))
    return amount


class ProgramSummary(CheckedModel):
    """Per program, beneficiaries and amount, with the totals."""

    title: str = ""
    """The report's title in English."""
    title_ka: str = ""
    """The report's title in Georgian."""
    source: str = ""
    """Where the figures come from."""
    source_ka: str = ""
    """Where the figures come from, in Georgian (the source's own title)."""
    lines: tuple[SummaryLine, ...]
    """One line per program, each under its own number."""

    @field_validator("lines")
    @classmethod
    def _numbered_once(cls, lines: tuple[SummaryLine, ...]) -> tuple[SummaryLine, ...]:
        """Two programs under one number are refused (review 76), naming the second."""
        seen: dict[int, int] = {}
        for i, line in enumerate(lines):
            if line.number in seen:
                raise InvalidInput(
                    f"program[{i}].number", line.number, expected("program_number_once", other=seen[line.number])
                )
            seen[line.number] = i
        return lines

    def title_in(self, lang: str) -> str:
        """The report's title in ``lang``, or in the other language where it gives none."""
        return (self.title_ka or self.title) if lang == "ka" else (self.title or self.title_ka)

    @property
    def total_beneficiaries(self) -> int:
        """The sum of the beneficiary counts (units differ: patients, families, children...; the
        views show it only when every program counts the same unit, else :meth:`by_unit`)."""
        return sum(line.beneficiaries for line in self.lines)

    @property
    def total_amount(self) -> Decimal:
        """The money of every program together."""
        return total(line.amount for line in self.lines)

    def by_unit(self, lang: str = "en") -> dict[str, int]:
        """The beneficiary counts added up by what they count (``patients``: 260, ...), in the
        order the units first come. A unit is its English word without case or extra blanks
        (``families`` and ``Families `` are one), named by its first spelling, or in Georgian by
        the first Georgian name a line gives it (the default unit, also a blank one:
        ბენეფიციარი); two units that share a Georgian name stay apart, the second numbered
        (reviews 34 to 36: the two languages grouped differently)."""
        return dict(self._units(lang).values())

    def unit_of(self, line: SummaryLine, lang: str = "en") -> str:
        """What ``line`` counts, named as :meth:`by_unit` names its unit in ``lang`` (a line of
        another summary by its own unit, grouped as this summary's lines are)."""
        key = _key_of(line, self._by_ka())
        named = self._units(lang).get(key)
        if named is not None:
            return named[0]
        english, georgian = " ".join(line.unit.split()), " ".join(line.unit_ka.split())
        return (georgian or _UNIT_KA.get(key, english)) if lang == "ka" else (english or georgian or DEFAULT_UNIT)

    def line_units(self, lang: str = "en") -> tuple[str, ...]:
        """What each line counts (:meth:`unit_of` of every line, the units worked out once)."""
        units = self._units(lang)
        return tuple(units[key][0] for key in self._line_keys())

    def _by_ka(self) -> dict[str, str]:
        """A Georgian unit -> the English unit a line names with it (``ბენეფიციარი`` is the default's own)."""
        by_ka = {_UNIT_KA[DEFAULT_UNIT]: DEFAULT_UNIT}
        for line in self.lines:
            english, georgian = _unit_key(line.unit), _ka_key(line.unit_ka)
            if georgian and english != DEFAULT_UNIT:
                by_ka.setdefault(georgian, english)
        return by_ka

    @property
    def counts_another_unit(self) -> bool:
        """Whether some program counts a unit other than beneficiaries (then each row of the
        summary says what it counts)."""
        return any(key != DEFAULT_UNIT for key in self._line_keys())

    def _line_keys(self) -> tuple[str, ...]:
        """The unit each line is grouped under, by the values the lines give (review 87: by which
        fields were set, a copy of the summary grouped otherwise): its English unit; where that is
        the default (``beneficiaries``, or blank) and a Georgian one is given, the English unit of
        a line that names the same Georgian one, else that Georgian unit (review 85: a report in
        Georgian alone, families and beneficiaries, was added up as one unit, the English default
        of both)."""
        by_ka = self._by_ka()
        return tuple(_key_of(line, by_ka) for line in self.lines)

    def _units(self, lang: str) -> dict[str, tuple[str, int]]:
        """unit key -> (its name in ``lang``, the count of its lines)."""
        groups: dict[str, list[Any]] = {}  # key -> [English name, Georgian name, count]
        for line, key in zip(self.lines, self._line_keys(), strict=True):
            group = groups.setdefault(key, ["", "", 0])
            if not group[0] and _unit_key(line.unit) == key:  # (a line that names it in English: review 90)
                group[0] = " ".join(line.unit.split())
            group[1] = group[1] or " ".join(line.unit_ka.split())
            group[2] += line.beneficiaries
        named: dict[str, tuple[str, int]] = {}
        taken: set[str] = set()
        for key, (en, ka, n) in groups.items():
            en = en or (DEFAULT_UNIT if key == DEFAULT_UNIT else ka)  # a Georgian unit alone: its Georgian word
            name = en if lang != "ka" else ka or _UNIT_KA.get(key, en)
            if name in taken:  # two units, one Georgian name: numbered apart (no English word added)
                name = next(f"{name} ({k})" for k in range(2, len(groups) + 2) if f"{name} ({k})" not in taken)
            taken.add(name)
            named[key] = (name, n)
        return named

    def to_text(self, lang: Literal["en", "ka"] = "en") -> str:
        """The summary as a table, in English or Georgian: the text view of ``voucherlib summary``
        (one renderer: review 162 F4, this table of its own headed ten families "beneficiaries")."""
        from voucherlib.output.documents import summary_document
        from voucherlib.output.render import render

        lang = check_lang(lang)  # type: ignore[assignment]
        return render(summary_document(self, lang), "text", lang).rstrip("\n")


def _unit_key(unit: str) -> str:
    """A unit as grouped: without case or extra blanks; a blank unit is the default one."""
    return " ".join(unit.split()).casefold() or "beneficiaries"


def _key_of(line: SummaryLine, by_ka: Mapping[str, str]) -> str:
    """The unit ``line`` is grouped under (:meth:`ProgramSummary._line_keys`)."""
    english, georgian = _unit_key(line.unit), _ka_key(line.unit_ka)
    if english == DEFAULT_UNIT and georgian:
        return by_ka.get(georgian, _GEORGIAN_UNIT + georgian)
    return english


_GEORGIAN_UNIT = "\x00ka:"
"""The prefix of the key of a unit given in Georgian alone (no English unit can be written so)."""


def _ka_key(unit_ka: str) -> str:
    """A Georgian unit as grouped: without case (Mtavruli) or extra blanks."""
    return " ".join(unit_ka.split()).casefold()


DEFAULT_UNIT = "beneficiaries"
"""What a line counts when it names no unit (in English)."""
_UNIT_KA = {DEFAULT_UNIT: "ბენეფიციარი"}
"""The default unit's Georgian name (a line that gives no unit counts beneficiaries)."""


@cache
def municipal_report_example() -> ProgramSummary:
    """The 16 programs of Tsalenjikha municipality's 2020 social-service report."""
    text = resources.files("voucherlib.examples").joinpath("tsalenjikha_2020.toml").read_text(encoding="utf-8")
    return summary_from_toml(text, "tsalenjikha_2020.toml")


def _written_amount(value: Any, field: str) -> Decimal:
    """An amount written in a report's file: one of two readings (``"1,234"``) is advised to be
    written with two decimals (a file takes no decimal separator, nor a ``Decimal``); a TOML
    number with a point (a float, never exact) is advised to be written in quotes (review 192
    F8: it was told "a Decimal", which a file has not)."""
    if isinstance(value, float):
        raise InvalidInput(field, value, toml_money(value))
    try:
        return gel(value, field=field)
    except InvalidInput as exc:
        if exc.expectation is None or exc.expectation.key not in TWO_READINGS:
            raise
        text = value.strip()
        number = re.sub(r"[^0-9,.\-]", "", text)  # without a unit or spaces: '1,234 GEL' is 1,234
        example = number.replace("," if "," in number else ".", "") + ".00"
        raise InvalidInput(field, value, expected("one_reading_written", text=text, example=example)) from None


_REPORT_KEYS = ("title", "title_ka", "source", "source_ka", "program")
"""The keys of a report file's top level (its ``[[program]]`` tables have :class:`SummaryLine`'s)."""


def _known_keys(table: dict[str, Any], keys: tuple[str, ...], where: str, source: str = "") -> None:
    """Refuse a key of a report's ``table`` (``where``: ``program[i]``, or "" for the file's top
    level, named by its ``source``) that is none of ``keys``, naming it (review 93: a misspelt
    ``unti = "families"`` was dropped, and 742 families were summed with 215 patients as
    beneficiaries), as a case file's misspelt key is."""
    unknown = sorted(k for k in table if k not in keys)
    if unknown:
        field = f"{where}.{unknown[0]}" if where else unknown[0]
        raise InvalidInput(field, table[unknown[0]], no_such_field(where or source, keys))


def _program_line(i: int, program: Any) -> SummaryLine:
    """The ``i``-th ``[[program]]`` table of a report; its number, count and amount refused naming ``program[i]``."""
    if not isinstance(program, dict):
        raise TypeError(f"program[{i}] is no table")
    _known_keys(program, tuple(SummaryLine.model_fields), f"program[{i}]")
    number = whole_count(program.get("number"), f"program[{i}].number", MAX_PEOPLE)
    beneficiaries = whole_count(program.get("beneficiaries"), f"program[{i}].beneficiaries", MAX_PEOPLE)
    given = program.get("amount")
    amount = spent(_written_amount(given, f"program[{i}].amount"), given, f"program[{i}].amount")
    titles = [program.get(key) for key in ("title", "title_ka")]
    if not any(isinstance(t, str) and t.strip() for t in titles):  # (named by its table, not the model)
        raise InvalidInput(f"program[{i}].title", program.get("title"), expected("program_title"))
    return SummaryLine(**{**program, "number": number, "beneficiaries": beneficiaries, "amount": amount})


def summary_from_toml(text: str, source: str = "report") -> ProgramSummary:
    """A report from TOML text: ``title``, ``title_ka``, ``source``, ``source_ka`` and ``[[program]]`` tables with
    ``number, title, title_ka, beneficiaries, unit, amount`` (the amount as a string of GEL)."""
    try:
        data = toml_data(text)
        if not data.get("program"):  # (review 83: an empty or blank file gave a report of 0.00, exit 0)
            raise InvalidInput("file", source, expected("report_programs"))
        _known_keys(data, _REPORT_KEYS, "", source)
        lines = tuple(_program_line(i, p) for i, p in enumerate(data.get("program", ())))
        return ProgramSummary(
            title=data.get("title", ""),
            title_ka=data.get("title_ka", ""),
            source=data.get("source", ""),
            source_ka=data.get("source_ka", ""),
            lines=lines,
        )
    except TomlRefused as exc:
        raise InvalidInput("file", source, f"a TOML report ({exc})") from None
    except (ValidationError, TypeError) as exc:
        raise InvalidInput(
            "file",
            source,
            f"a report of [[program]] tables with number, title, beneficiaries, amount ({exc})".splitlines()[0],
        ) from None


def read_summary(path: str | Path) -> ProgramSummary:
    """A report from a TOML file (see :func:`summary_from_toml`)."""
    return summary_from_toml(read_text_file(path), str(path))


def summary_line(number: int, title: str, settlements: Iterable[object], *, title_ka: str = "") -> SummaryLine:
    """One summary line from settlements: the voucher-months paid (payable > 0) and the money payable.
    A result of another subprogram than Annex 2.12 (a facility-month of Annex 2.8, or its audit
    line) is refused, naming its position (review 93: a shelter's month was counted as a
    voucher-month). Each settlement given counts once as given: a settlement holds no
    beneficiary, so two equal ones may be two beneficiaries' months, and the same object given
    twice counts twice (``settle_file`` and the audit find a month settled twice by its id, D28)."""
    amounts = payable_amounts(settlements, annex="2.12")
    paid = sum(1 for a in amounts if a > 0)
    return SummaryLine(
        number=number,
        title=title,
        title_ka=title_ka,
        beneficiaries=paid,
        unit=say("en", "unit.voucher_months"),
        unit_ka=say("ka", "unit.voucher_months"),  # (review 194 F4: "voucher-months" in a Georgian summary)
        amount=total(amounts),
    )
