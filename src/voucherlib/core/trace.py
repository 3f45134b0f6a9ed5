"""Explanations as data: a result's trace is a tree of steps, each with the law behind it.

A :class:`Step` says what was computed (``key``, a phrase id such as ``"settle.deduction"``),
its ``value`` and ``unit``, the ``inputs`` it used (each a named :class:`Quantity`), the
provision it rests on (a structured :class:`~voucherlib.core.citation.Citation`) and the
interpretation decisions (``D1`` ...) of docs/interpretation-register.md that apply.

``explain(lang)`` text, the HTML view and ``--explain --format json`` are renderings of that
one tree; :meth:`Step.to_dict` / :meth:`Step.from_dict` carry it through JSON and back.

>>> step = Step("settle.payable", Decimal("496.00"), "GEL", (Quantity("due", dt.date(2021, 11, 20), "date"),))
>>> step.to_dict()
{'key': 'settle.payable', 'value': '496.00', 'unit': 'GEL', 'inputs': [{'name': 'due', 'value': '2021-11-20', 'unit': 'date'}]}
>>> Step.from_dict(step.to_dict()) == step
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from voucherlib.core.citation import Citation
from voucherlib.core.money import library_context, money_text
from voucherlib.core.phrases import fill
from voucherlib.core.record_fields import json_value, record_citation, record_value

__all__ = ["UNITS", "Quantity", "Scalar", "Step", "citation_text"]

Scalar = Decimal | int | bool | dt.date | str | None
"""A value in a trace: money and rates as Decimal, counts as int, days as date, yes/no as bool."""

UNITS: dict[str, type] = {
    "GEL": Decimal,
    "GEL/day": Decimal,
    "%": Decimal,
    "days": int,
    "working days": int,
    "children": int,
    "places": int,
    "child-days": int,
    "count": int,
    "date": dt.date,
    "yes/no": bool,
    "text": str,
}
"""The units of a trace and the Python type of a value in each; the unit tells JSON how to read it back."""


_MONEY_UNITS = frozenset({"GEL", "GEL/day"})


def _encode(value: Scalar, unit: str) -> Any:
    if isinstance(value, Decimal):
        # money as the tables write it, with at least two decimals ("620.00"), never rounded
        return money_text(value) if unit in _MONEY_UNITS else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _decode(value: Any, unit: str, name: str) -> Scalar:
    """A value of :func:`_encode` read back for its unit, of the JSON type the unit writes
    (``"false"`` is no yes/no, ``"5"`` no count), or an InvalidInput naming ``name``."""
    kind = UNITS.get(unit)
    if kind is None:  # a unit of no fixed type: a JSON string, whole number or boolean as it is
        if value is None or isinstance(value, (str, bool)):
            return value
        return json_value(value, int, name)  # type: ignore[no-any-return]
    return json_value(value, kind, name)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A named value with its unit: an input of a step."""

    name: str
    value: Scalar
    unit: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": _encode(self.value, self.unit), "unit": self.unit}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quantity:
        """The quantity of :meth:`to_dict`, each value of its JSON type, or an InvalidInput naming the key."""
        unit = record_value(data, "unit", str, "Quantity", optional=True) or "text"
        return cls(
            record_value(data, "name", str, "Quantity"), _decode(data.get("value"), unit, "Quantity.value"), unit
        )


@lru_cache(maxsize=1024)
def citation_text(citation: Citation, lang: str = "en") -> str:
    """A citation's text, formatted once per citation and language (explanations ask often)."""
    return citation.text(lang)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a computation: what, how much, from what, and by which provision."""

    key: str
    """The step's id, also its phrase in :mod:`voucherlib.core.phrases` (e.g. ``"settle.deduction"``)."""
    value: Scalar
    unit: str = "text"
    inputs: tuple[Quantity, ...] = ()
    citation: Citation | None = None
    decisions: tuple[str, ...] = ()
    """Interpretation decisions that apply (``"D8"``), as in docs/interpretation-register.md."""
    children: tuple[Step, ...] = ()
    rule: str | None = None
    """The rule of docs/rules this step computes (``"R1"`` ... ``"R9"``), where it starts one."""

    # ------------------------------------------------------------ reading

    def input(self, name: str) -> Scalar:
        """The value of the input called ``name``."""
        for q in self.inputs:
            if q.name == name:
                return q.value
        raise KeyError(name)

    def find(self, key: str) -> Step | None:
        """The first step (this one or below, depth first) with ``key``."""
        for step in self.walk():
            if step.key == key:
                return step
        return None

    def walk(self) -> Iterator[Step]:
        """This step and every step below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    # ------------------------------------------------------------ rendering

    def label(self, lang: str = "en") -> str:
        """What the step computed, in English or Georgian, with its value and inputs filled in."""
        fields = {q.name: _shown(q.value) for q in self.inputs}
        fields["value"] = _shown(self.value)
        return fill(lang, self.key, fields)

    def lines(self, lang: str = "en", depth: int = 0) -> list[str]:
        """The step and its children as lines indented by depth, each with its decisions and citation."""
        text = self.label(lang)
        text = _marked(text, ([self.rule] if self.rule else []) + list(self.decisions))
        if self.citation is not None:
            text += f"  [{citation_text(self.citation, lang)}]"
        out = ["  " * depth + text]
        for child in self.children:
            out.extend(child.lines(lang, depth + 1))
        return out

    def explain(self, lang: str = "en") -> str:
        """The trace as indented text (cached: the same trace is formatted once per language)."""
        return _explain(self, lang)

    # ------------------------------------------------------------ data

    def to_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data (money as exact decimal strings, dates ISO)."""
        out: dict[str, Any] = {"key": self.key, "value": _encode(self.value, self.unit), "unit": self.unit}
        if self.inputs:
            out["inputs"] = [q.to_dict() for q in self.inputs]
        if self.citation is not None:
            out["citation"] = self.citation.model_dump(mode="json", exclude_none=True)
        if self.decisions:
            out["decisions"] = list(self.decisions)
        if self.rule is not None:
            out["rule"] = self.rule
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Step:
        """The step of :meth:`to_dict`, each value of its JSON type, or an InvalidInput naming the key."""
        where = "Step"
        unit = record_value(data, "unit", str, where, optional=True) or "text"
        cite = data.get("citation") if isinstance(data, Mapping) else None
        decisions = record_value(data, "decisions", list, where, optional=True) or ()
        return cls(
            key=record_value(data, "key", str, where),
            value=_decode(data.get("value"), unit, f"{where}.value"),
            unit=unit,
            inputs=tuple(Quantity.from_dict(q) for q in record_value(data, "inputs", list, where, optional=True) or ()),
            citation=None if cite is None else record_citation(data, "citation", where),
            decisions=tuple(json_value(d, str, f"{where}.decisions[{i}]") for i, d in enumerate(decisions)),
            children=tuple(cls.from_dict(c) for c in record_value(data, "children", list, where, optional=True) or ()),
            rule=record_value(data, "rule", str, where, optional=True),
        )


@lru_cache(maxsize=4096)
def _explain(step: Step, lang: str) -> str:
    # Cached text is shared by every caller: format it in the library's context (D25), not the caller's.
    with library_context():
        return "\n".join(step.lines(lang))


def _marked(text: str, marks: list[str]) -> str:
    """The text with its rule and decision ids: inside a closing parenthesis, before a closing colon."""
    if not marks:
        return text
    shown = ", ".join(marks)
    if text.endswith(")"):
        return f"{text[:-1]}; {shown})"
    if text.endswith(":"):
        return f"{text[:-1]} ({shown}):"
    return f"{text} ({shown})"


def _shown(value: Scalar) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
