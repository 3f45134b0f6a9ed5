"""Rules as data: every value of the program with the date it takes effect and its citation.

A rule set is one or more *program years* (the 2021 State Program of Social Rehabilitation
and Child Care, as amended by Decree No. 467, ships with voucherlib). Each program year is a
TOML file: the period of service it funds, named citations, and parameters, each a list of
values keyed by the date the value takes effect. A later program year may ``inherit`` an
earlier one and override some values (decision D4).

Code reads values from here and never restates them. A date for which no value is in force
raises :class:`~voucherlib.core.errors.RuleNotInForce`; the library never guesses.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from voucherlib.core.citation import Citation
from voucherlib.core.errors import InvalidInput, RuleNotInForce, RuleSetError
from voucherlib.input.files import read_text_file

__all__ = ["Parameter", "Program", "RuleSet", "RuleValue", "Unit"]

ONE_DAY = dt.timedelta(days=1)
T = TypeVar("T")
MAX_RULESET_BYTES = 1_000_000


class Unit(StrEnum):
    """The unit of a parameter; it decides how the value is read and checked."""

    GEL_PER_DAY = "GEL/day"
    GEL = "GEL"
    PERCENT = "percent"
    DAY_OF_MONTH = "day_of_month"
    WORKING_DAYS = "working_days"
    BENEFICIARIES = "beneficiaries"
    BENEFICIARY_CAP = "beneficiary_cap"
    """A whole number of beneficiaries, or the string ``"none"`` where the law sets no cap."""
    PLACES = "places"
    VISITS = "visits"
    YEARS = "years"


_DECIMAL_UNITS = {Unit.GEL_PER_DAY, Unit.GEL, Unit.PERCENT}


class RuleValue(BaseModel):
    """One value of a parameter, in force from ``effective_from``, with its citation."""

    model_config = ConfigDict(frozen=True)

    parameter: str
    value: Decimal | int | None
    """Decimal for money and percentages, int for counts and days; None only for "no cap"."""
    unit: Unit
    effective_from: dt.date
    citation: Citation
    rule: str
    """The rule id the value belongs to, e.g. ``"R1"`` (each rule has a page under docs/rules/)."""
    description: str
    program: str
    """The id of the program year the value was looked up in."""

    @property
    def decimal(self) -> Decimal:
        """The value as a Decimal (for a value that is a number)."""
        if self.value is None:
            raise TypeError(f"{self.parameter} has no numeric value")
        return Decimal(self.value)


# ---------------------------------------------------------------- the file format


class _FileModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _ValueSpec(_FileModel):
    effective_from: dt.date
    value: StrictInt | StrictStr
    citation: StrictStr | Citation


class _ParameterSpec(_FileModel):
    rule: str | None = None
    description: str | None = None
    unit: Unit | None = None
    values: Annotated[list[_ValueSpec], Field(min_length=1)]


class _ProgramSpec(_FileModel):
    id: str
    title: str
    covers_from: dt.date
    covers_until: dt.date
    citation: StrictStr | Citation
    inherits: str | None = None


class _ProgramFile(_FileModel):
    program: _ProgramSpec
    citations: dict[str, Citation] = {}
    parameters: dict[str, _ParameterSpec] = {}


class Parameter(BaseModel):
    """A parameter of a program year: what it is, its unit and its dated values."""

    model_config = ConfigDict(frozen=True)

    key: str
    rule: str
    description: str
    unit: Unit
    values: tuple[RuleValue, ...]


class Program(BaseModel):
    """One program year: the service period it funds and its parameters."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    covers_from: dt.date
    covers_until: dt.date
    citation: Citation
    inherits: str | None
    source: str
    parameters: dict[str, Parameter]

    def covers(self, day: dt.date) -> bool:
        return self.covers_from <= day <= self.covers_until


def _read_value(raw: int | str, unit: Unit, where: str, source: str) -> Decimal | int | None:
    if unit is Unit.BENEFICIARY_CAP and raw == "none":
        return None
    if unit in _DECIMAL_UNITS:
        try:
            number = Decimal(raw) if isinstance(raw, int) else Decimal(raw.strip())
        except ArithmeticError:
            raise RuleSetError(source, where, f"value {raw!r} is not a decimal number") from None
        if not number.is_finite():
            raise RuleSetError(source, where, f"value {raw!r} is not a finite number")
        if number < 0:
            raise RuleSetError(source, where, f"value {raw!r} is negative; a {unit.value} value must be 0 or more")
        if unit is Unit.PERCENT and number > 100:
            raise RuleSetError(source, where, f"value {raw!r} is over 100 percent")
        return number
    if not isinstance(raw, int):
        raise RuleSetError(source, where, f"value {raw!r} must be a whole number for unit {unit.value}")
    if raw < 0:
        raise RuleSetError(source, where, f"value {raw} is negative")
    if unit is Unit.DAY_OF_MONTH and not 1 <= raw <= 28:
        # 28: a day of the month that exists in every month.
        raise RuleSetError(source, where, f"value {raw} is not a day of the month from 1 to 28")
    return raw


def _program_from_file(
    spec: _ProgramFile, source: str, parent: Program | None, parent_citations: dict[str, Citation]
) -> tuple[Program, dict[str, Citation]]:
    header = spec.program
    if header.covers_until < header.covers_from:
        raise RuleSetError(source, "program.covers_until", "is before program.covers_from")
    citations = {**parent_citations, **spec.citations}

    def citation(ref: str | Citation, where: str) -> Citation:
        if isinstance(ref, Citation):
            return ref
        try:
            return citations[ref]
        except KeyError:
            known = ", ".join(sorted(citations)) or "none"
            raise RuleSetError(source, where, f"unknown citation {ref!r} (known: {known})") from None

    program_citation = citation(header.citation, "program.citation")
    parameters: dict[str, Parameter] = dict(parent.parameters) if parent else {}
    for key, pspec in spec.parameters.items():
        where = f"parameters.{key}"
        inherited = parameters.get(key)
        rule = pspec.rule or (inherited.rule if inherited else None)
        description = pspec.description or (inherited.description if inherited else None)
        unit = pspec.unit or (inherited.unit if inherited else None)
        for name, given in (("rule", rule), ("description", description), ("unit", unit)):
            if given is None:
                raise RuleSetError(source, f"{where}.{name}", "is missing (a new parameter must say it)")
        assert rule is not None and description is not None and unit is not None
        if inherited and pspec.unit and pspec.unit is not inherited.unit:
            raise RuleSetError(source, f"{where}.unit", f"changes the inherited unit {inherited.unit.value!r}")
        own: list[RuleValue] = []
        for i, vspec in enumerate(pspec.values):
            vwhere = f"{where}.values[{i}]"
            if vspec.effective_from > header.covers_until:
                raise RuleSetError(source, f"{vwhere}.effective_from", "is after the end of the program period")
            own.append(
                RuleValue.model_construct(
                    parameter=key,
                    value=_read_value(vspec.value, unit, f"{vwhere}.value", source),
                    unit=unit,
                    effective_from=vspec.effective_from,
                    citation=citation(vspec.citation, f"{vwhere}.citation"),
                    rule=rule,
                    description=description,
                    program=header.id,
                )
            )
        dates = [v.effective_from for v in own]
        for earlier, later in itertools.pairwise(dates):
            if later <= earlier:
                raise RuleSetError(
                    source,
                    where,
                    f"effective dates must rise strictly; {later.isoformat()} follows {earlier.isoformat()}",
                )
        # Inherited values stay in force until the first value of this program overrides them.
        kept = [v for v in inherited.values if v.effective_from < dates[0]] if inherited else []
        values = tuple(kept + own)
        parameters[key] = Parameter(key=key, rule=rule, description=description, unit=unit, values=values)
    program = Program(
        id=header.id,
        title=header.title,
        covers_from=header.covers_from,
        covers_until=header.covers_until,
        citation=program_citation,
        inherits=header.inherits,
        source=source,
        parameters=parameters,
    )
    return program, citations


def _parse(text: str, source: str) -> _ProgramFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(source, "(file)", f"not valid TOML: {exc}") from None
    try:
        return _ProgramFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "(file)"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise RuleSetError(source, key, f"{first['msg']}{more}") from None


class RuleSet:
    """An immutable set of program years; values are looked up by date.

    ``RuleSet.default()`` is the 2021 program as amended by Decree No. 467. Use
    :meth:`extend` to add a later program year from a TOML file.
    """

    __slots__ = ("__weakref__", "_citations", "_memo", "_programs")

    def __init__(self, programs: Iterable[Program], citations: dict[str, dict[str, Citation]] | None = None) -> None:
        ordered = tuple(sorted(programs, key=lambda p: p.covers_from))
        if not ordered:
            raise RuleSetError("(rule set)", "programs", "a rule set needs at least one program year")
        for earlier, later in itertools.pairwise(ordered):
            if later.covers_from <= earlier.covers_until:
                raise RuleSetError(
                    later.source,
                    "program.covers_from",
                    f"program {later.id} ({later.covers_from}) overlaps program {earlier.id} "
                    f"(until {earlier.covers_until})",
                )
        self._programs = ordered
        self._citations = dict(citations or {})
        self._memo: dict[Hashable, Any] = {}

    # ------------------------------------------------------------ building

    @classmethod
    def default(cls) -> RuleSet:
        """The bundled rule set: the 2021 program as amended by Decree No. 467."""
        return _default_ruleset()

    @classmethod
    def from_toml(cls, path: str | Path) -> RuleSet:
        """A rule set of one program year read from a TOML file (it may not inherit)."""
        source, text = _read_file(path)
        spec = _parse(text, source)
        if spec.program.inherits:
            raise RuleSetError(source, "program.inherits", "use RuleSet.extend() on the rule set that has it")
        program, citations = _program_from_file(spec, source, None, {})
        return cls([program], {program.id: citations})

    def extend(self, path_or_text: str | Path, *, source: str | None = None) -> RuleSet:
        """A new rule set with one more program year, from a TOML file or TOML text.

        When the file says ``inherits = "2021"``, every parameter of that program not
        overridden in the file carries over with its citation.
        """
        if isinstance(path_or_text, Path) or (isinstance(path_or_text, str) and "\n" not in path_or_text):
            src, text = _read_file(path_or_text)
        else:
            src, text = source or "(text)", path_or_text
        spec = _parse(text, src)
        parent = None
        parent_citations: dict[str, Citation] = {}
        if spec.program.inherits is not None:
            parent = next((p for p in self._programs if p.id == spec.program.inherits), None)
            if parent is None:
                known = ", ".join(p.id for p in self._programs)
                raise RuleSetError(src, "program.inherits", f"no program {spec.program.inherits!r} (known: {known})")
            parent_citations = self._citations.get(parent.id, {})
        if any(p.id == spec.program.id for p in self._programs):
            raise RuleSetError(src, "program.id", f"a program {spec.program.id!r} is already in the rule set")
        program, citations = _program_from_file(spec, src, parent, parent_citations)
        return RuleSet([*self._programs, program], {**self._citations, program.id: citations})

    # ------------------------------------------------------------ looking up

    @property
    def programs(self) -> tuple[Program, ...]:
        return self._programs

    def program_for(self, day: dt.date, parameter: str = "(any)") -> Program:
        """The program year that funds service on ``day``."""
        for program in self._programs:
            if program.covers(day):
                return program
        spans = "; ".join(f"{p.id}: {p.covers_from} to {p.covers_until}" for p in self._programs)
        raise RuleNotInForce(parameter, day, f"no program year of the rule set covers it; it has {spans}")

    def parameter(self, key: str, day: dt.date) -> Parameter:
        program = self.program_for(day, key)
        try:
            return program.parameters[key]
        except KeyError:
            raise RuleNotInForce(key, day, f"program {program.id} does not set it") from None

    def value(self, key: str, on: dt.date, *, program_on: dt.date | None = None) -> RuleValue:
        """The value of ``key`` in force on ``on``.

        The program year is the one covering ``program_on`` (default: ``on``). The
        submission rules of a month, for instance, are those of the program that funds the
        month, in force on the day the document falls due.
        """
        param = self.parameter(key, program_on or on)
        values = param.values
        i = bisect_right([v.effective_from for v in values], on) - 1
        if i < 0:
            raise RuleNotInForce(key, on, f"it takes effect on {values[0].effective_from.isoformat()}")
        return values[i]

    def segments(self, key: str, first: dt.date, last: dt.date) -> tuple[tuple[dt.date, dt.date, RuleValue], ...]:
        """The values of ``key`` over the days ``first`` to ``last``, as ``(from, to, value)`` runs.

        Raises :class:`RuleNotInForce` on the first day no value covers.
        """
        return self.memo(("segments", key, first, last), lambda: self._segments_of(key, first, last))

    def _segments_of(self, key: str, first: dt.date, last: dt.date) -> tuple[tuple[dt.date, dt.date, RuleValue], ...]:
        runs: list[tuple[dt.date, dt.date, RuleValue]] = []
        day = first
        while day <= last:
            program = self.program_for(day, key)
            value = self.value(key, day)
            values = program.parameters[key].values
            end = min(last, program.covers_until)
            later = [v.effective_from for v in values if v.effective_from > day]
            if later:
                end = min(end, later[0] - ONE_DAY)
            runs.append((day, end, value))
            day = end + ONE_DAY
        return tuple(runs)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value derived from this rule set, computed once per key (the rule set never changes).

        Rule modules keep here what they derive from the values, e.g. the rate runs of a month.
        """
        try:
            return cast(T, self._memo[key])
        except KeyError:
            value = compute()
            if len(self._memo) < 65536:
                self._memo[key] = value
            return value

    def daily_values(self, key: str, first: dt.date, last: dt.date) -> tuple[RuleValue, ...]:
        """The value of ``key`` on each day from ``first`` to ``last``, one per day."""
        out: list[RuleValue] = []
        for seg_first, seg_last, value in self.segments(key, first, last):
            out.extend([value] * ((seg_last - seg_first).days + 1))
        return tuple(out)

    def __repr__(self) -> str:
        return f"RuleSet(programs={[p.id for p in self._programs]})"


def _read_file(path: str | Path) -> tuple[str, str]:
    return str(path), read_text_file(path, max_bytes=MAX_RULESET_BYTES, field="rules")


@cache
def _default_ruleset() -> RuleSet:
    text = resources.files("voucherlib.data").joinpath("program_2021.toml").read_text(encoding="utf-8")
    spec = _parse(text, "voucherlib/data/program_2021.toml")
    program, citations = _program_from_file(spec, "voucherlib/data/program_2021.toml", None, {})
    return RuleSet([program], {program.id: citations})


def resolve_rules(rules: RuleSet | None) -> RuleSet:
    """The rule set to use: the caller's, or the bundled default."""
    if rules is None:
        return _default_ruleset()
    if not isinstance(rules, RuleSet):
        raise InvalidInput("rules", rules, "a voucherlib.RuleSet or None for the bundled 2021 program")
    return rules
