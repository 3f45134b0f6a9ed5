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
import itertools
import marshal
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

from voucherlib.core.citation import Citation
from voucherlib.core.final import final_class
from voucherlib.core.frozen import ReadOnlyDict
from voucherlib.core.money import library_context, money_text
from voucherlib.core.phrases import braced, counted_slots, fill, grouped_as, say, says_one, template
from voucherlib.core.record_fields import json_value, record_citation, record_value

__all__ = [
    "UNITS",
    "ExactFields",
    "Kept",
    "LineTemplate",
    "Quantity",
    "Scalar",
    "Step",
    "citation_text",
    "count_said",
    "day_text",
    "fill_line",
    "formatter",
    "line_filler",
    "line_template",
    "marked",
    "marked_parts",
    "money_said",
    "quantity",
    "shared",
]

T = TypeVar("T")

Scalar = Decimal | int | bool | dt.date | str | None
"""A value in a trace: money and rates as Decimal, counts as int, days as date, yes/no as bool."""

UNITS: Mapping[str, type] = MappingProxyType(
    {
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
)
"""The units of a trace and the Python type of a value in each; the unit tells JSON how to read it back."""


_new_tuple = tuple.__new__
_put = dict.__setitem__
"""How the library keeps a step's text (its texts are read-only to any other writer)."""
_new_dict = dict.__new__


class _Texts(ReadOnlyDict):
    """A step's rendered texts, made once and shared by every result the step is part of:
    read-only to every dict method (review 43: a caller's walker that wrote into the dicts it
    found in a trace changed the explanation of every later settlement that shared the step)."""

    __slots__ = ()
    refusal = "a voucherlib trace step cannot be changed"


def _texts(key: int, value: object) -> _Texts:
    """A step's texts with one entry (the maker of its label, the step it heads). (A step's empty
    texts are ``_new_dict(_Texts)``, at C speed: ``of()`` is a Python call, and a step is made for
    every new result.)"""
    texts: _Texts = _new_dict(_Texts)
    _put(texts, key, value)
    return texts


_HEAD = -3
"""The key of a step's texts that holds the childless step it was made from (Step.with_children)."""
_PLAN = -4
"""The key of a step's texts that holds the plan of its JSON data (Step._plan)."""
_MAKE = -5
"""The key of a step's texts that holds the maker of its label (:meth:`Step.made`)."""

_MONEY_UNITS = frozenset({"GEL", "GEL/day"})
_COUNT_UNITS = frozenset({"days", "working days", "children", "places", "child-days", "count"})
"""Units of counts, whose thousands a label groups as the tables do (``1,800`` child-days)."""


def count_said(count: int, lang: str) -> str:
    """A count as an explanation writes it: its thousands grouped as ``lang`` writes them
    (``1,800``; ``1 800`` in Georgian), as the tables write counts (review 136)."""
    return str(count) if -1000 < count < 1000 else grouped_as(f"{count:,}", lang)


def rows_said(lang: str, shown: Sequence[str], count: int, *, in_all: bool = True, joined_by: str = ", ") -> str:
    """The rows a sentence names: ``row 3`` or ``rows 3, 5``, the ``shown`` first of ``count`` in
    all, then ``, ...`` and, with ``in_all``, how many in all (``, ... (12 in all)``), in ``lang``."""
    text = joined_by.join(shown)
    if count > len(shown):
        text += say(lang, "summary.rows_in_all", count=count_said(count, lang)) if in_all else ", ..."
    return say(lang, "label.row", row=text) if count == 1 else say(lang, "label.rows", rows=text)


def counts_said(lang: str, counts: Mapping[str, int]) -> dict[str, str]:
    """Each of ``counts`` as :func:`count_said` writes it (the fields of a sentence of counts)."""
    return {name: count_said(n, lang) for name, n in counts.items()}


class _Exact(Decimal):
    """An amount or a daily rate in a label: formatted ``.2f`` (``,.2f``) as :func:`money_text`
    writes it, with two decimals at least and all it has, never rounded for display: a rate may
    have four decimals (D27), and a run's product more, which only the amount rounds (D3). A
    value of more than :data:`_SHOWN_PLACES` decimals (a step built by hand) is rounded as before.
    Its thousands are grouped as :attr:`lang` writes them (:func:`money_said`), as the tables
    group them (review 134 F3: a table's ``10,500.00`` was ``10500.00 GEL`` in its explanation)."""

    __slots__ = ()
    lang = "en"

    def __format__(self, spec: str, *args: Any) -> str:
        exponent = self.as_tuple().exponent
        if spec in (".2f", ",.2f") and isinstance(exponent, int) and -exponent <= _SHOWN_PLACES:
            return money_text(Decimal(self), grouping=True, lang=self.lang)
        if not spec:
            return money_said(Decimal.__str__(self), self.lang)
        return super().__format__(spec, *args)


class _ExactKa(_Exact):
    """:class:`_Exact` in a Georgian label (its thousands parted with a space)."""

    __slots__ = ()
    lang = "ka"


def money_said(text: str, lang: str) -> str:
    """A decimal's text (``str`` of an amount) as an explanation writes it: its thousands grouped
    as ``lang`` writes them (``10,500.00``; ``10 500.00`` in Georgian), the rest as it is."""
    point = text.find(".")
    if 0 <= point <= 3 or len(text) <= 3:
        return text  # (the usual sum: under a thousand)
    whole = text if point < 0 else text[:point]
    digits = whole[1:] if whole[:1] == "-" else whole
    if len(digits) <= 3 or not (digits.isascii() and digits.isdigit()):
        return text  # (no thousands; or a text with an exponent, as written)
    grouped = f"{whole[: len(whole) - len(digits)]}{int(digits):,}{text[len(whole) :]}"
    return grouped_as(grouped, lang)


_SHOWN_PLACES = 12
"""The most decimals a label shows of an amount or a rate (a rate has at most four, a product of
a rate and a count as many)."""


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


class Quantity(NamedTuple):
    """A named value with its unit: an input of a step.

    An immutable record (a named tuple: the library builds thousands per second and checks
    their values where it computes them, not here)."""

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


_CITATION_TEXTS: dict[int, tuple[Citation, str, str]] = {}
"""id of a citation -> (the citation, its English text, its Georgian text). Keyed by identity, not
by value: hashing a citation walks its act and amendment, which costs more than a step of a trace.
The citation is held beside its text, so that its id is not reused while the entry lives."""


_CITATION_DATA: dict[int, tuple[Citation, bytes]] = {}
"""id of a citation -> (the citation, its JSON data packed with :mod:`marshal`), as the texts."""


def _citation_data(citation: Citation) -> dict[str, Any]:
    """A citation's JSON data (``model_dump(mode="json", exclude_none=True)``), a new dict for
    each call, dumped once per citation object."""
    known = _CITATION_DATA.get(id(citation))
    if known is None or known[0] is not citation:
        if len(_CITATION_DATA) >= SHARED_MOST:
            _CITATION_DATA.clear()
        known = _CITATION_DATA[id(citation)] = (
            citation,
            marshal.dumps(citation.model_dump(mode="json", exclude_none=True)),
        )
    return marshal.loads(known[1])  # type: ignore[no-any-return]


def citation_text(citation: Citation, lang: str = "en") -> str:
    """A citation's text, formatted once per citation object (explanations ask often)."""
    known = _CITATION_TEXTS.get(id(citation))
    if known is None or known[0] is not citation:
        if len(_CITATION_TEXTS) >= SHARED_MOST:
            _CITATION_TEXTS.clear()
        known = _CITATION_TEXTS[id(citation)] = (citation, citation.text("en"), citation.text("ka"))
    return known[2] if lang == "ka" else known[1]


SHARED_MOST = 8192
"""The most entries :func:`shared` (and the citation texts) keep; past it they start afresh."""

_SHARED: dict[Hashable, Any] = {}
_SEEN: set[int] = set()
"""The hashes of the keys asked for once: a value is kept from the second time its key is asked for."""


def _seen_before(seen: set[int], key: Hashable) -> bool:
    """Whether ``key`` was noted in ``seen`` before; noted now. Only its hash is kept (a small
    number: what results of their own leave behind is no copy of their keys); two keys of one
    hash make at worst a value kept from its first use."""
    h = hash(key)
    if h in seen:
        return True
    if len(seen) >= SHARED_MOST:
        seen.clear()
    seen.add(h)
    return False


_MISSING = object()


def shared(key: Hashable, build: Callable[[], T], *anchors: object, second: bool = False) -> T:
    """What ``build()`` gives, built once for the calls with ``key`` and handed to later calls.

    The steps that many results have in common (the deadline of a month, a day submitted in
    time, the days at one rate ...) are immutable: built once, they render once (each step keeps
    its text), so that explaining a result costs little more than settling it. ``key`` holds what
    the value is made of, exactly: its kind first, then dates, whole numbers, text, and decimals
    as their text (``Decimal("1.0") == Decimal("1.00")``, but they read differently). An object
    whose ``id`` is in the key is passed in ``anchors`` (unless the value itself holds it): it is
    kept alive as long as the entry, so that no new object can take its id and match the key.

    ``second=True`` keeps a value from the second call with its key, for values that many
    results have of their own (the steps of a voucher-month, the whole trace of a result): one
    asked for once is left to die with its result, so that results of their own fill neither
    memory nor the cyclic garbage collector's rounds. The first call only notes the key's hash;
    an id in it that a later object reuses (or another key of the same hash) makes at worst a
    value kept that is asked for once.
    """
    found = _SHARED.get(key, _MISSING)
    if found is not _MISSING:
        return found.value if type(found) is _Anchored else found  # type: ignore[return-value]
    value = build()
    if not second or _seen_before(_SEEN, key):
        if len(_SHARED) >= SHARED_MOST:
            _SHARED.clear()
        _SHARED[key] = _Anchored(value, anchors) if anchors else value  # the entry holds its anchors
    return value


class ExactFields:
    """A check that refuses a record (a settlement, a voucher-month) built by hand with a field of
    another type than the library gives it, before its values enter the steps and texts shared by
    every result of *equal* values: ``True == 1`` and ``10 == Decimal(10)`` make the same key, so
    a forged ``late_working_days=True`` would otherwise be said ("True working days late") for
    every real settlement one day late. Called where shared steps are built (a miss), so that the
    usual results pay nothing for it; ``check(record)`` raises an InvalidInput naming
    ``where.field``, the value and its type. ``kinds``: each field's name and allowed types."""

    __slots__ = ("allowed", "get", "kinds", "record", "where")

    def __init__(self, kinds: tuple[tuple[str, tuple[type, ...]], ...], where: str, record: type) -> None:
        self.kinds = kinds
        self.where = where
        self.record = record
        self.get = attrgetter(*[name for name, _ in kinds])
        self.allowed = frozenset(itertools.product(*[allowed for _, allowed in kinds]))

    def __call__(self, record: T, where: str | None = None) -> T:
        """``record``, or an InvalidInput naming the first field of another type (``where``: the
        record's name in it, when not the check's own). The record itself must be of the very
        class (a subclass that changed a property the steps read would say its own values for
        every equal record: the classes refuse subclasses, and a way round that is caught here)."""
        if type(record) is not self.record:
            from voucherlib.core.errors import InvalidInput

            raise InvalidInput(
                where or self.where, record, f"a {self.record.__name__} as the library makes it, not a subclass"
            )
        if tuple(map(type, self.get(record))) not in self.allowed:  # one look-up for the usual record
            for name, allowed in self.kinds:
                value = getattr(record, name)
                if type(value) not in allowed:
                    from voucherlib.core.errors import InvalidInput

                    kinds_text = " or ".join("None" if k is type(None) else k.__name__ for k in allowed)
                    raise InvalidInput(
                        f"{where or self.where}.{name}",
                        value,
                        f"a value of type {kinds_text}, as the library makes it (to explain it)",
                    )
        return record


class Kept:
    """A bounded cache of texts of its own (as :func:`shared` keeps values, from their first
    use, and apart from its entries: texts of many values do not crowd out the shared steps).
    ``get(key)`` is the value or None; ``keep(key, value, *anchors)`` keeps it (with the
    objects whose ids are in ``key``) and gives it back. ``second=True``: a value is kept from
    the second time its key is kept, as :func:`shared` does."""

    __slots__ = ("anchors", "get", "lock", "seen", "values")

    def __init__(self, second: bool = False) -> None:
        self.values: dict[Hashable, Any] = {}
        self.anchors: dict[Hashable, tuple[object, ...]] = {}
        """The objects whose ids are in each key, kept as long as its value (written first)."""
        self.get: Callable[[Hashable], Any] = self.values.get
        """The value kept for a key, or None (the dict's own look-up: explanations ask often)."""
        self.lock = threading.Lock()
        """Held while a value and its anchors are written or the cache starts afresh, so that no
        thread's value is ever kept without its anchors (a value is written after its anchors and
        cleared before them: a look-up, which takes no lock, sees a value only with its anchors)."""
        self.seen: set[int] | None = set() if second else None

    def keep(self, key: Hashable, value: T, *anchors: object) -> T:
        if self.seen is not None and not _seen_before(self.seen, key):
            return value
        with self.lock:
            if len(self.values) >= SHARED_MOST:
                self.values.clear()
                self.anchors.clear()
            self.anchors[key] = anchors
            self.values[key] = value
        return value


class _Anchored:
    """An entry of :data:`_SHARED` with the objects whose ids are in its key."""

    __slots__ = ("anchors", "value")

    def __init__(self, value: object, anchors: tuple[object, ...]) -> None:
        self.value = value
        self.anchors = anchors


_QUANTITIES: dict[tuple[str, str, Any, str], Quantity] = {}


def quantity(name: str, value: dt.date | int | None, unit: str) -> Quantity:
    """``Quantity(name, value, unit)`` of a date, whole number or yes/no, one object per value:
    the steps a result keeps hold no quantities of their own for the cyclic garbage collector
    to walk (many results have the same day of enrolment, the same count). Not for a decimal
    (``Decimal("1.0")`` and ``Decimal("1.00")`` are equal but read differently)."""
    key = (name, type(value).__name__, value, unit)
    known = _QUANTITIES.get(key)
    if known is None:
        if len(_QUANTITIES) >= SHARED_MOST:
            _QUANTITIES.clear()
        known = _QUANTITIES[key] = Quantity(name, value, unit)
    return known


class _StepFields(NamedTuple):
    key: str
    value: Scalar
    unit: str
    inputs: tuple[Quantity, ...]
    citation: Citation | None
    decisions: tuple[str, ...]
    children: tuple[Step, ...]
    rule: str | None


@final_class
class Step(_StepFields):
    """One step of a computation: what, how much, from what, and by which provision.

    An immutable record (a named tuple, built without validation: the library builds it from
    values it has checked). Its fields:

    * ``key``: the step's id, also its phrase in :mod:`voucherlib.core.phrases` (e.g. ``"settle.deduction"``);
    * ``value`` and ``unit``; ``inputs``: the named quantities it used;
    * ``citation``: the provision it rests on;
    * ``decisions``: the interpretation decisions that apply (``"D8"``), as in
      docs/interpretation-register.md;
    * ``children``: the steps below it;
    * ``rule``: the rule of docs/rules this step computes (``"R1"`` ... ``"R9"``), where it starts one.

    Behind the eight fields the tuple holds the step's rendered line and blocks, made once: a
    step is immutable, and steps are shared between results (see :func:`shared`). They are kept
    in a dict keyed by small whole numbers (``-1``/``-2`` the line in English/Georgian,
    ``2 x depth`` (+1 in Georgian) the block at that depth: the text reads Georgian for ``"ka"``,
    English for any other language, as :func:`~voucherlib.core.phrases.phrase` does), which
    equality, hashing, ``repr`` and pickling leave out.
    """

    __slots__ = ()

    def __new__(
        cls,
        key: str,
        value: Scalar,
        unit: str = "text",
        inputs: tuple[Quantity, ...] = (),
        citation: Citation | None = None,
        decisions: tuple[str, ...] = (),
        children: tuple[Step, ...] = (),
        rule: str | None = None,
    ) -> Step:
        return _new_tuple(cls, (key, value, unit, inputs, citation, decisions, children, rule, _new_dict(_Texts)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Step):
            return NotImplemented
        return self[:8] == other[:8]

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, Step):
            return NotImplemented
        return self[:8] != other[:8]

    def __hash__(self) -> int:
        return hash(self[:8])

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self[:8], strict=True))
        return f"Step({fields})"

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self[:8])

    def __reduce__(self) -> tuple[Any, ...]:  # (every pickle protocol: 0 and 1 made a step of its eight
        return (Step, tuple(self[:8]))  # fields alone, without its texts: review 120, an IndexError)

    def __iter__(self) -> Iterator[Any]:  # the eight fields (the texts behind them are the library's)
        return iter(self[:8])

    def __len__(self) -> int:
        return 8

    def _replace(self, **changes: Any) -> Step:
        return Step(**{**dict(zip(self._fields, self[:8], strict=True)), **changes})

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> Step:  # type: ignore[override]
        return cls(*iterable)

    @classmethod
    def made(
        cls,
        make: Callable[[Step, str], str | None],
        key: str,
        value: Scalar,
        unit: str,
        inputs: tuple[Quantity, ...],
        decisions: tuple[str, ...] = (),
    ) -> Step:
        """``Step(key, value, unit, inputs, decisions=decisions)`` whose label ``make(step, lang)``
        makes: the very text of :meth:`label`, or None to leave it to :meth:`label` (for a line
        many results have of their own, such as a voucher-month's days of service). The maker is
        no part of the step's data: equality, hashing and pickling leave it out."""
        return _new_tuple(cls, (key, value, unit, inputs, None, decisions, (), None, _texts(_MAKE, make)))

    def with_children(self, children: tuple[Step, ...]) -> Step:
        """This step with ``children`` below it (in place of its own).

        A step's own line never depends on its children, so the new step's line is this step's
        line, made once: a childless step shared by many results (the voucher of one month and
        amount, a payable sum ...) heads each of their traces and renders once for them all."""
        return _new_tuple(Step, (*self[:6], children, self[7], _texts(_HEAD, self)))

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
        exact = _ExactKa if lang == "ka" else _Exact

        def said(value: Any, unit: str) -> Any:
            if isinstance(value, dt.date):
                return value.isoformat()
            if unit in _MONEY_UNITS and isinstance(value, Decimal):
                return exact(value)  # (its phrase's {:.2f} never rounds digits away)
            if type(value) is int and not -1000 < value < 1000 and unit in _COUNT_UNITS:
                return count_said(value, lang)
            return value

        fields: dict[str, Any] = {name: said(value, unit) for name, value, unit in self.inputs}
        fields["value"] = said(self.value, self.unit)
        return fill(lang, self.key, fields)

    def lines(self, lang: str = "en", depth: int = 0) -> list[str]:
        """The step and its children as lines indented by depth, each with its decisions and citation."""
        out: list[str] = []
        self._lines(lang, depth, out)
        return out

    def _lines(self, lang: str, depth: int, out: list[str]) -> None:
        out.append("  " * depth + self._line(lang))
        for child in self.children:
            child._lines(lang, depth + 1, out)

    def _line(self, lang: str) -> str:
        """The step's own line: label, rule and decision ids, citation (made once per language).

        The text is kept and shared by every caller, so it is formatted in the library's decimal
        context (:func:`~voucherlib.core.money.library_context`, D25), not the caller's."""
        texts: dict[int, Any] = self[8]  # type: ignore[misc]
        key = -1 - (lang == "ka")
        text: str | None = texts.get(key)
        if text is None:
            head: Step | None = texts.get(_HEAD)
            if head is not None:  # the very line of the step without children (see with_children)
                text = head._line(lang)
            else:
                make = texts.get(_MAKE)
                if make is None and self.key in TEMPLATED:
                    text = _templated_line(self, lang)
                    if text is not None:
                        _put(texts, key, text)
                        return text
                text = None if make is None else make(self, lang)
                if text is None:
                    with library_context():
                        text = self.label(lang)
                text = _finished(self, text, lang)
            _put(texts, key, text)
        return text

    def _block(self, lang: str, depth: int) -> str:
        """The lines of :meth:`lines` joined (made once per language and depth; called as :meth:`_line`)."""
        texts: dict[int, str] = self[8]  # type: ignore[misc]
        key = 2 * depth + (lang == "ka")
        text = texts.get(key)
        if text is None:
            parts = ["  " * depth + self._line(lang)]
            below = key + 2
            for child in self.children:  # a shared child has its block already: look it up here
                block = child[8].get(below)  # type: ignore[misc]
                parts.append(child._block(lang, depth + 1) if block is None else block)
            text = "\n".join(parts) if len(parts) > 1 else parts[0]
            _put(texts, key, text)
        return text

    def explain(self, lang: str = "en") -> str:
        """The trace as indented text (kept: the same trace is formatted once per language)."""
        texts: dict[int, str] = self[8]  # type: ignore[misc]
        text = texts.get(lang == "ka")
        if text is None:
            text = self._block(lang, 0)
        return text

    # ------------------------------------------------------------ data

    def to_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data (money as exact decimal strings, dates ISO): a new dict
        for each call, the caller's to change.

        Made by the builder of the trace's *form* (:class:`_Form`: its keys, units, input
        names, citations, decisions and rules, with a slot for each value), filled with the
        values of its steps, each step's written out once (steps are immutable and shared)."""
        plan = self._plan()
        if plan is not None:
            build = plan[0].builder()
            if build is not None:
                return build(*plan[1])
        return self._data()

    def _data(self) -> dict[str, Any]:
        """:meth:`to_dict` written out field by field (a step that has no form, or whose form
        is not built yet)."""
        with library_context():  # as the builders' values: the same whatever the caller set (D25)
            out: dict[str, Any] = {"key": self.key, "value": _encode(self.value, self.unit), "unit": self.unit}
            if self.inputs:
                out["inputs"] = [q.to_dict() for q in self.inputs]
        if self.citation is not None:
            out["citation"] = _citation_data(self.citation)
        if self.decisions:
            out["decisions"] = list(self.decisions)
        if self.rule is not None:
            out["rule"] = self.rule
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out

    def _plan(self) -> tuple[_Form, tuple[Any, ...]] | None:
        """(the form of this step and the steps below it, the values of its slots), made once
        per step; None for a step whose data no form writes (see :func:`_own_plan`)."""
        texts: dict[int, Any] = self[8]  # type: ignore[misc]
        plan = texts.get(_PLAN, _MISSING)
        if plan is _MISSING:
            head: Step | None = texts.get(_HEAD)
            own = _own_plan(self) if head is None or head.children else head._plan()
            if own is not None and self.children:
                below = [child[8].get(_PLAN) or child._plan() for child in self.children]  # type: ignore[misc]
                if None in below:
                    own = None
                else:
                    forms = tuple([b[0] for b in below])  # type: ignore[index]
                    values = [*own[1]]
                    for b in below:
                        values += b[1]  # type: ignore[index]
                    own = (_tree_form(own[0], forms), tuple(values))
            plan = own
            _put(texts, _PLAN, own)
        return plan  # type: ignore[no-any-return]

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


_ATOMS = (str, int, bool, float, type(None))
"""The types of a value that a form's slot takes as it is (immutable: shared by the dicts it fills)."""


class _NoForm(Exception):
    """A step whose data no form writes (a field of another type than the library gives)."""


class _Form:
    """The shape of a step's JSON data with a slot for each value: ``write(names)`` is the source
    of an expression that builds the data from the slots' names, ``size`` the number of slots.

    Its builder (a function of the slots, compiled once the form is used a second time) makes
    new dicts and lists on each call, with the keys, units, names, citations, decisions and
    rules as constants of its code, immutable. ``anchors`` keeps the citations whose ids its key
    holds alive as long as the form."""

    __slots__ = ("anchors", "build", "own", "size", "uses", "write")
    anchors: tuple[object, ...]
    build: Callable[..., dict[str, Any]] | None
    own: Callable[[Iterator[str], Callable[[], str] | None], str] | None
    size: int
    uses: int
    write: Callable[[Iterator[str]], str]

    def __init__(
        self,
        write: Callable[[Iterator[str]], str],
        size: int,
        anchors: tuple[object, ...],
        own: Callable[[Iterator[str], Callable[[], str] | None], str] | None = None,
    ) -> None:
        _set = object.__setattr__  # (a form is shared by every trace of its shape: set here alone)
        _set(self, "write", write)
        _set(self, "own", own)
        """A step's own form: the source of its data with ``children()`` (their source, written
        after its own slots are taken) below it."""
        _set(self, "size", size)
        _set(self, "anchors", anchors)
        _set(self, "uses", 0)
        _set(self, "build", None)

    def __setattr__(self, name: str, value: object) -> None:
        # (review 119: form.build = ... of a form reached through a step rewrote every later
        # trace().to_dict() of its shape)
        raise AttributeError("a voucherlib trace form cannot be changed")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a voucherlib trace form cannot be changed")

    def builder(self) -> Callable[..., dict[str, Any]] | None:
        """The builder, or None the first time (a form used once is written out field by field)."""
        build: Callable[..., dict[str, Any]] | None = self.build
        if build is None:
            object.__setattr__(self, "uses", self.uses + 1)
            if self.uses < 2:
                return None
            names = [f"v{i}" for i in range(self.size)]
            source = f"def build({', '.join(names)}):\n    return {self.write(iter(names))}\n"
            space: dict[str, Any] = {}
            try:
                exec(compile(source, "<voucherlib.core.trace form>", "exec"), space)
            except (SyntaxError, RecursionError, MemoryError, ValueError):  # a trace too deep to compile
                object.__setattr__(self, "uses", -(2**62))  # never tried again
                return None
            build = space["build"]
            object.__setattr__(self, "build", build)
        return build


_FORMS: dict[tuple[Any, ...], _Form] = {}
"""The forms made: the key of a step's own form, or (its own form, the forms of its children)."""


def _form(key: tuple[Any, ...], make: Callable[[], _Form]) -> _Form:
    form = _FORMS.get(key)
    if form is None:
        if len(_FORMS) >= SHARED_MOST:
            _FORMS.clear()  # the forms in use stay with their steps' plans
        form = _FORMS[key] = make()
    return form


def _plain_shape(key: object, unit: object, decisions: object, rule: object) -> bool:
    """Whether the parts of a step's shape that key the shared templates and forms are of the
    types the library gives them (text, a tuple of texts, text or None). A part of another type
    (a list; a subclass of str or tuple that says it equals another value than it holds) would
    key, or write, the template or form of the steps of *equal* parts: such a step is written
    out on its own, field by field."""
    return (
        type(key) is str
        and type(unit) is str
        and type(decisions) is tuple
        and all([type(d) is str for d in decisions])
        and (rule is None or type(rule) is str)
    )


def _own_plan(step: Step) -> tuple[_Form, tuple[Any, ...]] | None:
    """(the form of the step's own data, without its children; the values of its slots), or
    None when a field is not of the types a form takes (then :meth:`Step._data` writes it)."""
    key, value, unit, inputs, citation, decisions, _, rule = step[:8]
    if type(step) is not Step or not _plain_shape(key, unit, decisions, rule):
        return None
    values: list[Any] = [value]
    names: list[tuple[Any, Any]] = []
    for q in inputs:
        if type(q) is not Quantity or type(q[0]) is not str or type(q[2]) is not str:
            return None
        names.append((q[0], q[2]))
        values.append(q[1])
    decimals = False
    for i, v in enumerate(values):
        kind = type(v)
        if kind is dt.date:
            values[i] = v.isoformat()
        elif kind is Decimal:
            decimals = True
        elif kind not in _ATOMS:
            return None
    if decimals:
        units = [unit, *[u for _, u in names]]
        with library_context():  # the text of a decimal, as _data writes it
            values = [_encode(v, u) if type(v) is Decimal else v for v, u in zip(values, units, strict=True)]
    shape = (key, unit, tuple(names), None if citation is None else id(citation), decisions, rule)
    try:
        form = _FORMS.get(shape) or _form(shape, lambda: _own_form(key, unit, names, citation, decisions, rule))
    except (_NoForm, TypeError):  # a field of another type than a step's (unhashable, not text)
        return None
    return form, tuple(values)


def _own_form(
    key: str,
    unit: str,
    names: list[tuple[str, str]],
    citation: Citation | None,
    decisions: tuple[str, ...],
    rule: str | None,
) -> _Form:
    """The form of a step's own data: ``{"key": ..., "value": slot, "unit": ..., "inputs": [...]
    (a slot for each value), "citation": {...}, "decisions": [...], "rule": ...}`` as
    :meth:`Step._data` orders it; a field it leaves out is left out here too."""
    texts = [key, unit, *[n for pair in names for n in pair], *decisions, *([] if rule is None else [rule])]
    if any(type(text) is not str for text in texts):
        raise _NoForm
    cited = None if citation is None else _literal(_citation_data(citation))
    head = f"{{'key': {key!r}, 'value': "

    def own(slots: Iterator[str], children: Callable[[], str] | None = None) -> str:
        parts = [f"{head}{next(slots)}, 'unit': {unit!r}"]
        if names:
            said = ", ".join(f"{{'name': {n!r}, 'value': {next(slots)}, 'unit': {u!r}}}" for n, u in names)
            parts.append(f"'inputs': [{said}]")
        if cited is not None:
            parts.append(f"'citation': {cited}")
        if decisions:
            parts.append(f"'decisions': {list(decisions)!r}")
        if rule is not None:
            parts.append(f"'rule': {rule!r}")
        if children is not None:
            parts.append(f"'children': [{children()}]")
        return ", ".join(parts) + "}"

    return _Form(own, 1 + len(names), () if citation is None else (citation,), own)


def _tree_form(own: _Form, below: tuple[_Form, ...]) -> _Form:
    """The form of a step with ``below`` the forms of its children (its own, ``own``)."""

    def make() -> _Form:
        def write(slots: Iterator[str]) -> str:
            assert own.own is not None  # a tree form is made of a step's own form
            return own.own(slots, lambda: ", ".join([f.write(slots) for f in below]))

        return _Form(write, own.size + sum(f.size for f in below), (own, *below))

    return _form((own, *below), make)


def _literal(data: Any) -> str:
    """The source of a Python expression that makes ``data`` (JSON data) anew."""
    kind = type(data)
    if kind is dict:
        if any(type(k) is not str for k in data):
            raise _NoForm
        return "{" + ", ".join(f"{k!r}: {_literal(v)}" for k, v in data.items()) + "}"
    if kind is list:
        return "[" + ", ".join(_literal(v) for v in data) + "]"
    if kind in (str, int, bool) or data is None:
        return repr(data)
    raise _NoForm


TEMPLATED = frozenset(
    {
        "settle",
        "settle.due",
        "settle.in_time",
        "settle.late",
        "settle.deduction",
        "settle.not_funded",
        "settle.payable",
        "voucher",
        "voucher.amount",
    }
)
"""The keys of the steps whose line is filled in from a template of its shape (:func:`_templated_line`):
phrases with no format spec and no words that depend on the values."""

_VALUE_WORDS = frozenset({"value", "enrolled", "service", "verdict", "part", "name", "first", "last"})
"""Names of inputs whose values choose words of a phrase (see phrases._derived): a step with one
is said by :meth:`Step.label`."""


def _templated_line(step: Step, lang: str) -> str | None:
    """The step's line (:meth:`Step._line`'s very text) from the template of its shape, made
    once and checked against the line :meth:`Step.label` makes; None when the step has no template."""
    key, value, unit, inputs, citation, decisions, _, rule = step[:8]
    if type(step) is not Step or not _plain_shape(key, unit, decisions, rule):
        return None
    names = tuple([q.name for q in inputs if type(q) is Quantity])
    if len(names) != len(inputs) or len(set(names)) != len(names) or not _VALUE_WORDS.isdisjoint(names):
        return None
    if any(type(n) is not str or n.endswith("_ka") for n in names):
        return None
    with library_context():  # a decimal's text as the label writes it (D25)
        said: list[str] = []
        for i, v in enumerate((value, *[q.value for q in inputs])):
            kind = type(v)
            if isinstance(v, dt.date) and kind is dt.date:
                said.append(v.isoformat())
            elif kind is Decimal and (inputs[i - 1].unit if i else unit) in _MONEY_UNITS:
                said.append(money_said(str(v), lang))  # (grouped as the label groups it)
            elif isinstance(v, int) and kind is int and (inputs[i - 1].unit if i else unit) in _COUNT_UNITS:
                said.append(count_said(v, lang))
            elif kind in (str, int, bool, Decimal) or v is None:
                said.append(str(v))
            else:
                return None
    # (a yes/no input may choose words, as "funded" does the head's: one template for each of its values)
    flags = tuple([q.value for q in inputs if type(q.value) is bool])
    shape = (lang, key, names, rule, decisions, None if citation is None else id(citation), flags)
    known = _LINE_TEMPLATES.get(shape)
    if known is None or known[3] is not citation:
        made = _line_template(step, lang, names, said)
        if made is None:  # (a count of one where the template counts a noun: made from another step)
            return None
        if len(_LINE_TEMPLATES) >= SHARED_MOST:
            _LINE_TEMPLATES.clear()
        known = _LINE_TEMPLATES[shape] = (*made, citation)
    return _filled(known, lang, said)


def line_template(
    lang: str,
    key: str,
    names: tuple[str, ...],
    rule: str | None,
    decisions: tuple[str, ...],
    citation: Citation | None,
    flags: tuple[bool, ...] = (),
) -> LineTemplate | None:
    """The template of the line of a step of this shape (:data:`TEMPLATED` key ``key``, inputs
    called ``names``, rule, decisions and citation, the values of its yes/no inputs ``flags`` in
    order), made when such a step's line was first said (None before, or when such a step has
    none): :func:`fill_line` fills it in."""
    cited = None if citation is None else id(citation)
    known = _LINE_TEMPLATES.get((lang, key, names, rule, decisions, cited, flags))
    return None if known is None or known[0] is None or known[3] is not citation else known


def fill_line(known: LineTemplate, lang: str, said: tuple[Any, ...]) -> str | None:
    """The line of :func:`line_template`'s step whose value and inputs read ``said`` (in order,
    as :meth:`Step.label` writes them, a decimal in the library's context); None when it has a
    word that depends on a number (then say it with a step)."""
    return _filled(known, lang, said)


def line_filler(known: LineTemplate, lang: str) -> Callable[..., str | None]:
    """``fill_line(known, lang, said)`` as a function of ``*said``: the compiled template itself
    (:func:`formatter`) when its text is the whole line (in English, checked as :func:`_filled`
    checks it)."""
    made, marks, cited = known[:3]
    if made is None:
        return lambda *said: None
    fill = formatter(made)
    counted = _counted(made) if lang == "en" else ()
    if marks is None and not counted:  # _filled would add nothing to its text
        return fill
    # the marks and the citation after a text that ends in neither ")" nor ":" (see marked)
    after = f" ({', '.join(marks)}){cited}" if marks else cited

    def line(*said: Any) -> str | None:  # as _filled: in English, "1 working days" is left to a step
        if counted and any([says_one(said[i]) for i in counted]):
            return None
        text: str = fill(*said)
        if marks is not None:
            text = marked(text, marks) + cited if text.endswith((")", ":")) else text + after
        return text

    return line


_Template = tuple[str | None, tuple[str, ...] | None, str]
"""A line's template (None: said by :meth:`Step.label`); None when it is the whole line, else
the marks to add to its text as :func:`marked` adds them; then the citation's part to add."""

LineTemplate = tuple[str | None, tuple[str, ...] | None, str, Citation | None]
"""A :data:`_Template` with the citation of its steps."""

_LINE_TEMPLATES: dict[tuple[Any, ...], LineTemplate] = {}
"""(language, key, input names, rule, decisions, id of the citation, values of the yes/no inputs)
-> (the :data:`_Template` of the line of a step of that shape, a field for the value and each
input but a yes/no one, whose value is the shape's; the citation)."""


def _filled(known: tuple[Any, ...], lang: str, said: Sequence[Any]) -> str | None:
    """The line of a template (:data:`_Template`) filled with ``said``; None when it has none, or
    when, in English, a slot that counts a noun reads one (``1 working day``: left to a step)."""
    made, marks, cited = known[:3]
    if made is None:
        return None
    if lang == "en" and any([says_one(said[i]) for i in _counted(made)]):
        return None
    text: str = (_FILLS.get(made) or formatter(made))(*said)
    if marks is not None:  # the text's last character chooses where the marks go
        text = marked(text, marks) + cited
    return text


_COUNTS: dict[str, tuple[int, ...]] = {}
"""A line's template -> its slots that count an English noun (:func:`~voucherlib.core.phrases.counted_slots`)."""


def _counted(made: str) -> tuple[int, ...]:
    counted = _COUNTS.get(made)
    if counted is None:
        if len(_COUNTS) >= SHARED_MOST:
            _COUNTS.clear()
        counted = _COUNTS[made] = counted_slots(made)
    return counted


def _line_template(step: Step, lang: str, names: tuple[str, ...], said: list[str]) -> _Template | None:
    """The :data:`_Template` of :func:`_templated_line` for the shape of ``step``, checked against
    its line; None (not made now) for a step whose count of a counted noun reads one in English
    (its line says ``1 working day``, the template ``{1} working days``)."""
    fields: dict[str, Any] = {"value": said[0], **dict(zip(names, said[1:], strict=True))}
    slots = {"value": 0}
    for i, q in enumerate(step.inputs):  # (a yes/no input's value is the shape's: no slot)
        if type(q.value) is bool:
            fields[q.name] = q.value
        else:
            slots[q.name] = i + 1
    made = template(lang, step.key, fields, slots, counted=True)
    if made is None:
        return None, None, ""
    if lang == "en" and any([says_one(said[i]) for i in _counted(made)]):
        return None
    marks: tuple[str, ...] | None = None
    if made.endswith("}"):  # ends in a field: the marks go where its text's last character says
        marks = (step.rule, *step.decisions) if step.rule else step.decisions
        cited = _finished(step, "", lang)[len(marked("", marks)) :]
    else:  # marks go before a closing parenthesis or colon: a literal one, in the template
        made, cited = _finished(step, made, lang, braces=True), ""
    with library_context():
        line = _finished(step, step.label(lang), lang)
    return (made, marks, cited) if _filled((made, marks, cited), lang, said) == line else (None, None, "")


def _finished(step: Step, label: str, lang: str, braces: bool = False) -> str:
    """A step's line from its label: with its rule and decision ids, and its citation (its
    braces doubled when ``braces``: the line is a template). A rule or decision id that is not
    text (in a step built by hand) is an InvalidInput naming it."""
    rule, decisions = step.rule, step.decisions
    if not (rule is None or isinstance(rule, str)):
        _not_an_id("Step.rule", rule)
    for i, d in enumerate(decisions):
        if not isinstance(d, str):
            _not_an_id(f"Step.decisions[{i}]", d)
    text = marked(label, [rule, *decisions] if rule else decisions)
    if step.citation is not None:
        cited = citation_text(step.citation, lang)
        text += f"  [{cited.replace('{', '{{').replace('}', '}}') if braces else cited}]"
    return text


def _not_an_id(field: str, value: object) -> None:
    from voucherlib.core.errors import InvalidInput

    raise InvalidInput(field, value, "an id as text, as the library writes it (e.g. 'R2', 'D9')")


def marked(text: str, marks: tuple[str, ...] | list[str]) -> str:
    """The text with its rule and decision ids: inside a closing parenthesis, before a closing colon."""
    return "".join(marked_parts(text, marks))


def marked_parts(text: str, marks: tuple[str, ...] | list[str]) -> tuple[str, str, str]:
    """:func:`marked`'s text in three parts: the text before the ids, the ids, the text after them
    (the HTML view sets the ids apart, the same words around them)."""
    if not marks:
        return text, "", ""
    shown = ", ".join(marks)
    if text.endswith(")"):
        return f"{text[:-1]}; ", shown, ")"
    if text.endswith(":"):
        return f"{text[:-1]} (", shown, "):"
    return f"{text} (", shown, ")"


_FILLS: dict[str, Callable[..., str]] = {}
"""A template -> its :func:`formatter` (at most :data:`SHARED_MOST`, then afresh)."""


def formatter(template: str) -> Callable[..., str]:
    """``template.format``, the very same text, made faster for a template whose fields are only
    numbered (``{0}``, ``{1}`` ..., no format spec, no conversion): compiled once per template
    into a function of one f-string, whose text between the fields is a constant that each call
    copies. ``str.format`` reads the whole template on every call, looking for braces, and a
    line's template holds its citation (some 300 Georgian characters) after its fields. Each
    field is formatted as ``str.format`` formats it (``format(value, "")``); any other template
    (or one whose compiled text differs from ``str.format``'s on a probe) is ``template.format``."""
    fill = _FILLS.get(template)
    if fill is None:
        fill = _compiled(template)
        if len(_FILLS) >= SHARED_MOST:
            _FILLS.clear()
        _FILLS[template] = fill
    return fill


def _compiled(template: str) -> Callable[..., str]:
    """The function of :func:`formatter`, or ``template.format`` for a template it does not take."""
    from string import Formatter  # the parser of str.format itself (imported when a template is first used)

    parts: list[str] = []
    most = -1
    try:
        for literal, name, spec, conversion in Formatter().parse(template):
            if literal:  # a constant of the f-string: its braces doubled, the rest as Python writes it
                parts.append("f" + repr(braced(literal)))
            if name is None:
                continue
            if not (name.isascii() and name.isdigit()) or spec or conversion is not None or len(name) > 3:
                return template.format  # (a field past {999}: no line has one, and the probe would be as long)
            parts.append(f"f'{{a[{int(name)}]}}'")
            most = max(most, int(name))
    except ValueError:  # a template str.format refuses: it raises its own error on each call
        return template.format
    source = f"def fill(*a):\n    return {' '.join(parts) or repr('')}\n"
    space: dict[str, Any] = {}
    try:
        exec(compile(source, "<voucherlib.core.trace template>", "exec"), space)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return template.format
    fill: Callable[..., str] = space["fill"]
    probe = tuple([f"<{i}>" for i in range(most + 1)])
    return fill if fill(*probe) == template.format(*probe) else template.format


_DAY_TEXTS: dict[dt.date, str] = {}
"""(Private: a caller who wrote into it changed the days later explanations say; review 66.)
A day -> its text (``isoformat()``), for the days an explanation says (the days of a few
months, said by many results): read with ``_DAY_TEXTS.get(day)``, a miss filled in by
:func:`day_text`. Holds only days of the type ``datetime.date`` itself (at most
:data:`SHARED_MOST`, then afresh)."""


def day_text(day: dt.date) -> str:
    """``day.isoformat()``, kept in :data:`_DAY_TEXTS` when ``day`` is a ``datetime.date`` (not a subclass)."""
    text = day.isoformat()
    if type(day) is dt.date:
        if len(_DAY_TEXTS) >= SHARED_MOST:
            _DAY_TEXTS.clear()
        _DAY_TEXTS[day] = text
    return text
