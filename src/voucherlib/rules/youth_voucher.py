"""R1. The monthly amount of the youth voucher (Annex 2.12, Art. 4, para 5
of the 2021 State Program (Decree No. 825), as worded by Decree No. 467, Art. 1, para 2(k.b.b)).

Annex 2.12 is the subprogram "Support of young people aged 18 to under 21 who left the state care
system". The voucher of a month pays the daily funding times the calendar days of the month;
in the month of enrolment or discharge, times the days the young person received the
service. The daily funding is 30 GEL for a person with disability status and 20 GEL for a
person without it (values in ``data/program_2021.toml``, in force from 1 Oct 2021).

Decisions (docs/interpretation-register.md):

* D1: service runs from ``enrolled_on`` to ``discharged_on``, both days counted; an agency
  that does not count the discharge day passes ``count_discharge_day=False``.
* D2: the rate is decided day by day; disability status may be a yes/no for the whole
  month or a list of status periods.
* D3: exact Decimal GEL, rounded to the tetri, half up, once at the end.
* D4: a day with no rule in force raises ``RuleNotInForce``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

from pydantic import ConfigDict, ValidationInfo, field_validator

from voucherlib.core.citation import Citation
from voucherlib.core.errors import InvalidInput, Reason, VoucherError, Wording, current_wording, expected
from voucherlib.core.final import checked_construction, final_class
from voucherlib.core.frozen import CheckedModel
from voucherlib.core.held import held_items
from voucherlib.core.money import ZERO, library_context, multiply, round_to_tetri, total
from voucherlib.core.month import DateLike, Month, MonthLike, as_flag, falls_in, is_numpy_bool, optional_date
from voucherlib.core.phrases import braced, check_lang, template
from voucherlib.core.record_fields import (
    named_ends,
    record_citation,
    record_type,
    record_value,
    same_as_made,
    same_as_recomputed,
)
from voucherlib.core.ruleset import RuleSet, RuleValue, resolve_rules
from voucherlib.core.trace import (
    _DAY_TEXTS,
    ExactFields,
    Kept,
    Quantity,
    Step,
    day_text,
    formatter,
    marked,
    quantity,
    shared,
)

if TYPE_CHECKING:  # numpy is no dependency of the library; its flags are taken when given
    import numpy as np

__all__ = ["RateDays", "StatusPeriod", "VoucherMonth", "voucher_month"]

ONE_DAY = dt.timedelta(days=1)
RATE_WITH_DISABILITY = "youth_voucher.daily_rate.with_disability"
RATE_WITHOUT_DISABILITY = "youth_voucher.daily_rate.without_disability"


class StatusPeriod(CheckedModel):
    """A period of disability status: from ``start`` to ``end``, both days included.

    ``start=None`` means the status was held before the month began; ``end=None`` means it
    is still held (an open period). Both are named (``StatusPeriod(start=..., end=None)``), as a
    mapping period names both (review 71: a misspelt ``End=`` was dropped, the period left open,
    and ``StatusPeriod()`` was status all month where ``{}`` is refused); any other keyword is
    refused; every refusal is an :class:`~voucherlib.InvalidInput` naming the field.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: dt.date | None
    """The first day with disability status (None: from before the month)."""
    end: dt.date | None
    """The last day with disability status (None: to after the month)."""

    def __init__(self, *args: Any, **data: Any) -> None:
        if args:  # (pydantic's own: a bare TypeError)
            raise InvalidInput("StatusPeriod", args, expected("status_period_keywords"))
        super().__init__(**data)

    @field_validator("start", "end", mode="before")
    @classmethod
    def _a_date(cls, value: Any, info: ValidationInfo) -> dt.date | None:
        """Each end read as every date of the library is (review 70: pydantic read ``0`` as
        1970-01-01 and a number of seconds as a day, an open period paid all month)."""
        return optional_date(value, f"StatusPeriod.{info.field_name}")

    @classmethod
    def of(cls, value: Any, field: str) -> StatusPeriod:
        """A period from a ``StatusPeriod``, a ``(start, end)`` pair (a named tuple with fields
        ``start`` and ``end`` by their names), or a mapping, checked; errors name ``field``."""
        if isinstance(value, StatusPeriod):
            period = value
            given: Any = vars(period).get("end")  # (the end as given, for the refusal below)
            for name in ("start", "end"):
                if name not in vars(period):  # (made by model_construct, which checks nothing: review 72)
                    raise InvalidInput(f"{field}.{name}", None, expected("status_period_keywords"))
                got = getattr(period, name)
                if got is not None and (type(got) is not dt.date):
                    raise InvalidInput(f"{field}.{name}", got, "a date (not a datetime) or None")
        elif isinstance(value, tuple) and hasattr(value, "_fields"):
            # a named tuple is read by its names (review 75: one of fields (end, start) was read as
            # (start, end), a period "until 15 Nov" paid as "from 15 Nov"), and one whose names are
            # not start and end is refused (review 77: (end, begin) paid 810.00 for 700.00)
            ends = named_ends(value)
            if ends is None:
                names = ", ".join(map(str, getattr(value, "_fields", ())))
                raise InvalidInput(field, value, expected("status_period_named", fields=names))
            given = ends["end"]
            period = cls.model_construct(
                start=optional_date(ends["start"], f"{field}.start"), end=optional_date(given, f"{field}.end")
            )
        # a pair or a mapping by what it holds, never its own __getitem__ or get (D43, review 158 F2)
        elif isinstance(value, (tuple, list)) and len(held := held_items(value)) == 2:
            given = held[1]
            period = cls.model_construct(
                start=optional_date(held[0], f"{field}.start"), end=optional_date(given, f"{field}.end")
            )
        elif isinstance(value, dict) and set(held := held_items(value)) == {"start", "end"}:  # ({} none: review 70)
            given = held["end"]
            period = cls.model_construct(
                start=optional_date(held["start"], f"{field}.start"), end=optional_date(given, f"{field}.end")
            )
        else:
            raise InvalidInput(field, value, expected("status_period"))
        if period.start is not None and period.end is not None and period.end < period.start:
            # the end as given, named a date (review 109; review 226 F3: Python's repr of a date)
            said = Reason.day(period.end, given)
            raise InvalidInput(f"{field}.end", said, expected("after_start", start=period.start.isoformat()))
        return period


Disability: TypeAlias = "bool | np.bool_ | Sequence[StatusPeriod | tuple[Any, Any] | Mapping[str, Any]]"
"""The disability argument: True or False (a ``numpy.bool_`` too) for the whole month, or status periods, each a
:class:`StatusPeriod`, a ``(start, end)`` pair or a mapping with ``start`` and ``end`` (D2)."""


@final_class
@dataclass(frozen=True, slots=True)
class RateDays:
    """The service days of a month paid at one daily rate."""

    with_disability: bool
    """True for the days with disability status."""
    daily_rate: Decimal
    """The daily funding (GEL) of those days."""
    days: int
    """How many days of service."""
    amount: Decimal
    """``daily_rate x days``, not yet rounded (the month's total is rounded once, D3)."""
    effective_from: dt.date
    """The day the rate took effect."""
    citation: Citation
    """The provision of the rate."""


@final_class
@dataclass(frozen=True, slots=True)
class VoucherMonth:
    """What the Annex 2.12 voucher of one beneficiary is worth for one month (R1).

    A frozen record; ``rules`` is the rule set it was computed with (used by :func:`settle`).
    """

    month: Month
    """The service month."""
    enrolled_on: dt.date | None
    """The day of enrolment (None: before the month)."""
    discharged_on: dt.date | None
    """The day of discharge (None: not discharged)."""
    count_discharge_day: bool
    """Whether the discharge day counts as a day of service (D1)."""
    first_service_day: dt.date | None
    """The first day of the month with service, or None when there is none."""
    last_service_day: dt.date | None
    """The last day of service in the month, or None when there is none."""
    service_days: int
    """The days of service in the month (D1)."""
    days_by_rate: tuple[RateDays, ...]
    """The service days grouped by rate: with and without disability status (D2)."""
    disability_periods: tuple[tuple[dt.date, dt.date], ...]
    """The runs of service days with disability status (first, last), merged and in order:
    the disability input as far as it touches the amount (D2)."""
    amount: Decimal
    """Decimal GEL rounded to the tetri."""
    rules: RuleSet = field(repr=False)
    """The rule set the month was computed with, which :func:`settle` settles it under: two months
    are equal only on equal rule sets (:meth:`RuleSet.__eq__`, by content; review 179 F4, equal
    months on two rule sets settled 496.00 and 434.00, and a set of them kept one)."""

    @property
    def days_with_disability(self) -> int:
        """The service days with disability status."""
        return sum(r.days for r in self.days_by_rate if r.with_disability)

    @property
    def days_without_disability(self) -> int:
        """The service days without disability status."""
        return sum(r.days for r in self.days_by_rate if not r.with_disability)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every provision the amount rests on, each once."""
        return tuple(dict.fromkeys(r.citation for r in self.days_by_rate))

    def explain(self, lang: str = "en") -> str:
        """How the amount was reached, step by step, each with the provision behind it (``lang``: en, ka)."""
        lang = check_lang(lang)
        parts = voucher_text(self, lang, 0)
        return self.trace().explain(lang) if parts is None else "\n".join(parts)

    def trace(self) -> Step:
        """The computation as data: the service days (D1), the days at each rate with its
        provision (D2), and the amount rounded once (D3)."""
        return voucher_trace(self)

    def to_dict(self) -> dict[str, Any]:
        """The inputs and the result as JSON-ready data; the rule set is named, not embedded."""
        return {
            "type": "VoucherMonth",
            "month": str(self.month),
            "enrolled_on": _iso(self.enrolled_on),
            "discharged_on": _iso(self.discharged_on),
            "count_discharge_day": self.count_discharge_day,
            "disability_periods": [{"start": a.isoformat(), "end": b.isoformat()} for a, b in self.disability_periods],
            "first_service_day": _iso(self.first_service_day),
            "last_service_day": _iso(self.last_service_day),
            "service_days": self.service_days,
            "days_by_rate": [
                {
                    "with_disability": r.with_disability,
                    "daily_rate": str(r.daily_rate),
                    "days": r.days,
                    "amount": str(r.amount),
                    "effective_from": r.effective_from.isoformat(),
                    "citation": r.citation.model_dump(mode="json", exclude_none=True),
                }
                for r in self.days_by_rate
            ],
            "amount": str(self.amount),
            "rules": self.rules.name,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], rules: RuleSet | None = None) -> VoucherMonth:
        """The voucher-month of :meth:`to_dict`; ``rules``: the rule set it names (default: the shipped one).

        Each value is read as the JSON type ``to_dict()`` writes, and the results are recomputed
        from the stored inputs (month, enrolment, discharge, the disability periods) with that
        rule set: data whose results are not exactly what R1 gives (an edited amount, a day
        count, a rate) is an :class:`InvalidInput` naming the key, the stored value and the
        recomputed one."""
        ruleset = resolve_rules(rules)
        where = "VoucherMonth"
        record_type(data, where)
        named = record_value(data, "rules", str, where, optional=True)
        if named is not None and named != ruleset.name:
            raise InvalidInput(
                "rules",
                ruleset.name,
                expected("stored_rules", named=repr(named), how="rules=..."),
            )
        for i, r in enumerate(record_value(data, "days_by_rate", list, where)):
            run = f"{where}.days_by_rate[{i}]"
            for key, kind in (("with_disability", bool), ("daily_rate", Decimal), ("days", int), ("amount", Decimal)):
                record_value(r, key, kind, run)
            record_value(r, "effective_from", dt.date, run)
            record_citation(r, "citation", run)
        periods = []
        for i, p in enumerate(record_value(data, "disability_periods", list, where)):
            at = f"{where}.disability_periods[{i}]"
            periods.append((record_value(p, "start", dt.date, at), record_value(p, "end", dt.date, at)))
        month = Month.of(record_value(data, "month", str, where), field=f"{where}.month")
        record_value(data, "first_service_day", dt.date, where, optional=True)
        record_value(data, "last_service_day", dt.date, where, optional=True)
        record_value(data, "service_days", int, where)
        record_value(data, "amount", Decimal, where)
        recomputed = voucher_month(
            month,
            enrolled_on=record_value(data, "enrolled_on", dt.date, where, optional=True),
            discharged_on=record_value(data, "discharged_on", dt.date, where, optional=True),
            disability=periods or False,
            count_discharge_day=record_value(data, "count_discharge_day", bool, where),
            rules=ruleset,
        )
        same_as_recomputed(data, recomputed.to_dict(), where)
        return recomputed


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def voucher_trace(vm: VoucherMonth) -> Step:
    """The steps of :meth:`VoucherMonth.trace`: built once for the voucher-months of the same
    days, rates and amount (:func:`~voucherlib.core.trace.shared`; the days at each rate are the
    very same object for every voucher-month of one status and stay, see :func:`voucher_month`)."""
    if type(vm) is not VoucherMonth or type(vm.count_discharge_day) is not bool or type(vm.service_days) is not int:
        exact_voucher(vm)  # refused whatever was kept before (an equal voucher-month's steps: 1 == True)
    key = voucher_key(vm)
    return shared(("voucher", *key), lambda: _voucher_trace(exact_voucher(vm), key[7]), vm.days_by_rate, second=True)


_DAY = (dt.date,)
_DAY_OR_NONE = (dt.date, type(None))
_VOUCHER_KINDS: tuple[tuple[str, tuple[type, ...]], ...] = (
    ("month", (Month,)),
    ("enrolled_on", _DAY_OR_NONE),
    ("discharged_on", _DAY_OR_NONE),
    ("count_discharge_day", (bool,)),
    ("first_service_day", _DAY_OR_NONE),
    ("last_service_day", _DAY_OR_NONE),
    ("service_days", (int,)),
    ("days_by_rate", (tuple,)),
    ("amount", (Decimal,)),
)
_RATE_KINDS: tuple[tuple[str, tuple[type, ...]], ...] = (
    ("with_disability", (bool,)),
    ("daily_rate", (Decimal,)),
    ("days", (int,)),
    ("amount", (Decimal,)),
    ("effective_from", _DAY),
)


_exact_voucher = ExactFields(_VOUCHER_KINDS, "VoucherMonth", VoucherMonth)
_exact_rate = ExactFields(_RATE_KINDS, "RateDays", RateDays)


def exact_voucher(vm: VoucherMonth) -> VoucherMonth:
    """``vm``, when each field that the shared steps and texts are keyed by is of the type
    :func:`voucher_month` gives it (else an InvalidInput: :class:`~voucherlib.core.trace.ExactFields`)."""
    _exact_voucher(vm)
    for i, r in enumerate(vm.days_by_rate):
        if type(r) is not RateDays:
            raise InvalidInput(
                f"VoucherMonth.days_by_rate[{i}]", r, "a RateDays, as the library makes it (to explain it)"
            )
        _exact_rate(r, f"VoucherMonth.days_by_rate[{i}]")
    return vm


def voucher_key(vm: VoucherMonth, amount: str | None = None) -> tuple[Any, ...]:
    """What a voucher-month's trace is made of, exactly (the amount as its text, ``amount`` when
    given, the days at each rate by their object's id: keep ``vm.days_by_rate`` alive as long as
    the key)."""
    return (
        vm.month.first_day,
        vm.enrolled_on,
        vm.discharged_on,
        vm.count_discharge_day,
        vm.first_service_day,
        vm.last_service_day,
        vm.service_days,
        str(vm.amount) if amount is None else amount,
        id(vm.days_by_rate),
        vm.disability_periods,  # (the status step says them: review 86, a copy's periods were said for its original)
    )


def _voucher_trace(vm: VoucherMonth, amount: str) -> Step:
    """The steps of a voucher-month whose amount reads ``amount``: its service step, made for it,
    and the steps of the days at each rate and of the amount, below the head, each shared."""
    rates = tuple([_rate_step(r) for r in vm.days_by_rate])
    month, month_days, head, amount_step = _rest(vm, amount, rates)
    status = _status_step(vm)
    service = _service_step(vm, month, month_days)
    return head.with_children((service, *((status,) if status is not None else ()), *rates, amount_step))


def _status_step(vm: VoucherMonth) -> Step | None:
    """The days with disability status of a month that has days with it and days without (D2):
    which they are, so that the days at each rate can be checked (review 79: the periods were
    nowhere in the explanation). None for a month all of one kind (the service line says its days)."""
    kinds = {r.with_disability for r in vm.days_by_rate}
    if len(kinds) < 2 or not vm.disability_periods:
        return None
    runs = ", ".join(
        a.isoformat() if a == b else f"{a.isoformat()} – {b.isoformat()}" for a, b in vm.disability_periods
    )
    return Step(
        "voucher.status_days",
        vm.days_with_disability,
        "days",
        (Quantity("periods", runs),),
        decisions=("D2",),
    )


def _rest(vm: VoucherMonth, amount: str, rates: tuple[Step, ...]) -> tuple[Quantity, Quantity, Step, Step]:
    """:func:`_voucher_rest`, shared by the voucher-months of the same month, amount and rate steps."""
    return shared(
        ("voucher.rest", vm.month.first_day, vm.month.days, amount, *map(id, rates)),
        lambda: _voucher_rest(vm, amount),
        *rates,
    )


def voucher_text(vm: VoucherMonth, lang: str, depth: int, amount: str | None = None) -> tuple[str, str, str] | None:
    """The text of :meth:`VoucherMonth.trace` rendered at ``depth`` (the very text of its
    ``_block``) in three parts to join with line breaks (the head's line, the service line, the
    lines below it), made without building the trace: the lines of the head, the days at each rate
    and the amount (those of the shared steps, kept together for the voucher-months of the same
    month, amount and rates) around the service line, filled in from the template of its shape
    (:func:`_service_label`). None for a voucher-month whose service line has no template yet
    or whose values are not of the types :func:`voucher_month` gives (then render the trace)."""
    enrolled, discharged, first, last = vm.enrolled_on, vm.discharged_on, vm.first_service_day, vm.last_service_day
    days, count = vm.service_days, vm.count_discharge_day
    date = dt.date
    if type(days) is not int or type(count) is not bool or type(vm) is not VoucherMonth:
        return None
    if (enrolled is not None and type(enrolled) is not date) or (
        discharged is not None and type(discharged) is not date
    ):
        return None
    by_rate = vm.days_by_rate
    text = str(vm.amount) if amount is None else amount
    if len(by_rate) == 1:  # the usual voucher-month: one key written out (the same as the loop's)
        r = by_rate[0]
        rates: tuple[Any, ...] = (r.with_disability, r.days, str(r.daily_rate), str(r.amount), r.effective_from)
        made = ("voucher.lines", lang, depth, vm.month.first_day, text, *rates, id(r.citation))
    else:
        key: list[Any] = ["voucher.lines", lang, depth, vm.month.first_day, text]
        for r in by_rate:  # what the step of each rate is made of (see _rate_step)
            key += (r.with_disability, r.days, str(r.daily_rate), str(r.amount), r.effective_from, id(r.citation))
        made = tuple(key)
    lines = _LINES.get(made)
    if lines is None:
        lines = _LINES.keep(made, _voucher_lines(exact_voucher(vm), lang, depth), *[r.citation for r in by_rate])
    head, tail, month, month_days = lines
    status = _status_step(vm) if len(by_rate) > 1 else None
    if status is not None:  # (between the service line and the rates: as the trace has it)
        tail = "  " * (depth + 1) + status._line(lang) + "\n" + tail
    service = "voucher.no_service" if days == 0 else "voucher.service"
    line = (
        lang,
        service,
        not enrolled,
        _discharge_shape(discharged, month),
        not count,
        days == month_days,
        days == 1,
        depth,
    )
    fill = _SERVICE_LINES.get(line)
    if fill is None or (first is not None and type(first) is not date) or (last is not None and type(last) is not date):
        shape = line[:5]
        said = _service_said(lang, service, days, month, enrolled, discharged, count, first, last, month_days)
        if said is None:
            return None
        service = "  " * (depth + 1) + marked(said, _D1)
        _service_line(shape, days == month_days, days == 1, depth)
    else:  # each day's text from the table of days (a day of its own at most once a month)
        texts = _DAY_TEXTS.get
        service = fill(
            month,
            None if enrolled is None else texts(enrolled) or day_text(enrolled),
            None if discharged is None else texts(discharged) or day_text(discharged),
            None if first is None else texts(first) or day_text(first),
            None if last is None else texts(last) or day_text(last),
            days,
        )
        if lang == "en" and "working days" in service:  # as _service_said: left to the trace
            return None
    return head, service, tail


_DAY_TYPES = {dt.date, type(None)}


def _discharge_shape(discharged: Any, month: Any) -> int:
    """0: not discharged; 1: discharged in ``month`` (the line says whether the day counts, D1);
    2: discharged in another month (it says nothing of the day: review 120). A part of the shape
    of a service line's template, whose words it chooses."""
    if not discharged:
        return 0
    return 1 if falls_in(discharged, month) else 2


_LINES = Kept()
"""The lines of :func:`_voucher_lines`, by language, depth, month, amount and rates."""

_SERVICE_LINES: dict[tuple[Any, ...], Callable[..., str]] = {}
"""(the shape of :data:`_SERVICE_TEMPLATES`, depth) -> the service line's template with its
indent and decision marks, compiled (:func:`~voucherlib.core.trace.formatter`; a shape whose
template ends in a field has none: marked afterwards)."""


def _service_line(shape: tuple[Any, ...], whole: bool, one: bool, depth: int) -> None:
    """Keep the service line's template of ``shape`` at ``depth``, when its template is known."""
    known = _SERVICE_TEMPLATES.get((*shape, whole, one))
    if known and not known.endswith("}"):  # marked() looks at the last character: a literal one
        _SERVICE_LINES[(*shape, whole, one, depth)] = formatter("  " * (depth + 1) + marked(known, _D1))


def _voucher_lines(vm: VoucherMonth, lang: str, depth: int) -> tuple[str, str, str, int]:
    """(the head's line at ``depth``, the lines of the rates and the amount below it, joined;
    the month's text and days, for the service line) of a voucher-month."""
    rates = tuple([_rate_step(r) for r in vm.days_by_rate])
    month, month_days, head, amount_step = _rest(vm, str(vm.amount), rates)
    indent = "  " * (depth + 1)
    tail = "\n".join([indent + step._line(lang) for step in (*rates, amount_step)])
    return "  " * depth + head._line(lang), tail, month.value, month_days.value  # type: ignore[return-value]


def _service_step(vm: VoucherMonth, month: Quantity, month_days: Quantity) -> Step:
    """The service step of a voucher-month (its own: its label made from a template, see :func:`_service_label`)."""
    enrolled, discharged, first, last = vm.enrolled_on, vm.discharged_on, vm.first_service_day, vm.last_service_day
    return Step.made(
        _service_label,
        "voucher.no_service" if vm.service_days == 0 else "voucher.service",
        vm.service_days,
        "days",
        (
            month,
            _ENROLLED.get(enrolled) or _dated(_ENROLLED, "enrolled", enrolled),
            _DISCHARGED.get(discharged) or _dated(_DISCHARGED, "discharged", discharged),
            quantity("count_discharge_day", vm.count_discharge_day, "yes/no"),
            _FIRST.get(first) or _dated(_FIRST, "first", first),
            _LAST.get(last) or _dated(_LAST, "last", last),
            month_days,
        ),
        _D1,
    )


def _voucher_rest(vm: VoucherMonth, amount: str) -> tuple[Quantity, Quantity, Step, Step]:
    """(the month, its days, the head step, the amount step) of a voucher-month: the same for
    every voucher-month of the same month, amount and days at each rate (its rate steps)."""
    month = month_quantity(vm)
    unrounded = total([r.amount for r in vm.days_by_rate])
    amount_step = shared(
        ("voucher.amount", amount, str(unrounded)),
        lambda: Step("voucher.amount", vm.amount, "GEL", (Quantity("unrounded", unrounded, "GEL"),), decisions=("D3",)),
    )
    head = shared(
        ("voucher.head", vm.month.first_day, amount),
        lambda: Step("voucher", vm.amount, "GEL", (month,), rule="R1"),
    )
    return month, quantity("month_days", vm.month.days, "days"), head, amount_step


def month_quantity(vm: VoucherMonth) -> Quantity:
    """``Quantity("month", str(vm.month))``, one object per month (the input of the voucher's head step)."""
    return shared(("quantity.month", vm.month.first_day), lambda: Quantity("month", str(vm.month)))


_D1 = ("D1",)

_ENROLLED: dict[dt.date | None, Quantity] = {}
_DISCHARGED: dict[dt.date | None, Quantity] = {}
_FIRST: dict[dt.date | None, Quantity] = {}
_LAST: dict[dt.date | None, Quantity] = {}


def _dated(pool: dict[dt.date | None, Quantity], name: str, day: Any) -> Quantity:
    """``quantity(name, day, "date")``, kept in ``pool`` by the day (a date or None; a pool of at
    most 8192, then afresh), so that a voucher-month's service step finds it with one look-up."""
    q = quantity(name, day, "date")
    if day is None or type(day) is dt.date:
        if len(pool) >= 8192:
            pool.clear()
        pool[day] = q
    return q


_SERVICE_SLOTS = {"month": 0, "enrolled": 1, "discharged": 2, "first": 3, "last": 4, "value": 5}
_SERVICE_TEMPLATES: dict[tuple[str, str, bool, int, bool, bool, bool], str | None] = {}
"""(language, key, enrolled before the month, where discharged (:func:`_discharge_shape`), discharge day not counted, the
whole month, one day) -> the template of a service line of that shape (None: said by :meth:`Step.label`;
one day has its own, whose count is no field: ``1 day``, where the others say ``{5} days``)."""


def _service_label(step: Step, lang: str) -> str | None:
    """The label of a voucher's service step (:meth:`Step.label`'s very text), from a template
    made once per shape: every voucher-month of its own has a service line of its own."""
    month, enrolled, discharged, count, first, last, month_days = [q[1] for q in step.inputs]
    return _service_said(lang, step.key, step.value, month, enrolled, discharged, count, first, last, month_days, step)


def _service_said(
    lang: str,
    key: str,
    value: Any,
    month: Any,
    enrolled: Any,
    discharged: Any,
    count: Any,
    first: Any,
    last: Any,
    month_days: Any,
    step: Step | None = None,
) -> str | None:
    """The label of a service step of these values from the template of its shape; None when
    there is no template for it (a shape not yet seen without its ``step``, whose label checks
    the template once; values of other types; words the template cannot say)."""
    if type(value) is not int or type(month) is not str:
        return None
    try:  # a date's text, as Step.label writes it (a value of another type: left to it)
        args = _service_args(month, enrolled, discharged, first, last, value)
    except AttributeError:
        return None
    whole, one = value == month_days, value == 1  # (one day: "1 day", never a template of "days": review 79)
    shape = (lang, key, not enrolled, _discharge_shape(discharged, month), not count, whole, one)
    known = _SERVICE_TEMPLATES.get(shape, "")
    if known == "":
        if step is None:
            return None
        known = _SERVICE_TEMPLATES[shape] = _service_template(step, lang, args, whole, one)
    if known is None:
        return None
    text = formatter(known)(*args)
    return None if lang == "en" and "working days" in text else text


def _service_args(month: str, enrolled: Any, discharged: Any, first: Any, last: Any, days: int) -> tuple[Any, ...]:
    """The fields of a service line's template: the month, each day's text (or None), the days."""
    return (
        month,
        None if enrolled is None else enrolled.isoformat(),
        None if discharged is None else discharged.isoformat(),
        None if first is None else first.isoformat(),
        None if last is None else last.isoformat(),
        days,
    )


def _service_template(step: Step, lang: str, args: tuple[Any, ...], whole: bool, one: bool) -> str | None:
    """The template of :func:`_service_label` for the shape of ``step``, checked against its label
    (``one``: a step of one day, whose count is written out, not a field)."""
    if not all(isinstance(a, (str, int)) or a is None for a in args):
        return None
    fields: dict[str, Any] = {q.name: q.value for q in step.inputs}
    fields.update(zip(_SERVICE_SLOTS, args, strict=True))
    # (the words that say where the discharge falls, chosen before the month and day become slots)
    fields["discharged_in_month"] = _discharge_shape(fields["discharged"], fields["month"]) == 1
    slots = {
        name: i for name, i in _SERVICE_SLOTS.items() if fields[name] is not None and not (one and name == "value")
    }
    if whole:
        slots["month_days"] = slots["value"]
    with library_context():  # kept and shared: made in the library's decimal context (D25)
        made = template(lang, step.key, fields, slots)
        return made if made is not None and made.format(*args) == step.label(lang) else None


def _rate_step(r: RateDays) -> Step:
    """The step of the days at one rate: the same for every voucher-month with as many days at that rate."""
    key = (
        "voucher.rate",
        r.with_disability,
        r.days,
        str(r.daily_rate),
        str(r.amount),
        r.effective_from,
        id(r.citation),
    )
    return shared(
        key,
        lambda: Step(
            "voucher.rate_with" if r.with_disability else "voucher.rate_without",
            r.amount,
            "GEL",
            (
                Quantity("days", r.days, "days"),
                Quantity("daily_rate", r.daily_rate, "GEL/day"),
                Quantity("with_disability", r.with_disability, "yes/no"),
                Quantity("effective_from", r.effective_from, "date"),
            ),
            r.citation,
            ("D2",),
        ),
        r.citation,
    )


def _disability_runs(
    disability: Any, first: dt.date, last: dt.date, days_in_month: int
) -> list[tuple[dt.date, dt.date]]:
    """The runs of days in ``first..last`` with disability status, merged and in order. A value
    that fails to be read its own way (a list whose length or iteration raises the caller's own
    exception, an object whose ``__class__`` raises) is refused, naming the field (review 124 F2:
    the caller's exception escaped, and a table of such a cell was not settled at all)."""
    try:
        return _runs_of(disability, first, last, days_in_month)
    except VoucherError:
        raise
    except Exception:
        raise InvalidInput("disability", _shown_as(disability), expected("disability_value")) from None


def _shown_as(value: Any) -> Any:
    """``value`` as a refusal may hold it: itself, or the name of its type for an object whose own
    ``__class__`` or ``repr`` raises (which a message cannot show)."""
    try:
        value.__class__  # noqa: B018 (looked up: a property may raise)
        repr(value)
    except Exception:
        return f"<a {type(value).__name__}>"
    return value


def _runs_of(disability: Any, first: dt.date, last: dt.date, days_in_month: int) -> list[tuple[dt.date, dt.date]]:
    if isinstance(disability, bool):
        return [(first, last)] if disability else []
    if isinstance(disability, (str, bytes, dict)) or not isinstance(disability, Sequence):
        raise InvalidInput("disability", disability, expected("disability_value"))
    disability = held_items(disability)  # (a list's or tuple's periods as it holds them: D43, review 158 F2)
    if len(disability) > days_in_month:
        raise InvalidInput(
            "disability",
            Reason.phrase("value.periods", of=disability, count=len(disability)),
            expected("periods_per_day", days=days_in_month),
        )
    runs: list[tuple[dt.date, dt.date]] = []
    for i, raw in enumerate(disability):
        period = StatusPeriod.of(raw, f"disability[{i}]")
        start = max(period.start or first, first)
        end = min(period.end or last, last)
        if start <= end:
            runs.append((start, end))
    runs.sort()
    merged: list[tuple[dt.date, dt.date]] = []
    for start, end in runs:
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _complement(runs: list[tuple[dt.date, dt.date]], first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    gaps, day = [], first
    for start, end in runs:
        if day < start:
            gaps.append((day, start - ONE_DAY))
        day = end + ONE_DAY
    if day <= last:
        gaps.append((day, last))
    return gaps


def service_period(
    month: Month, enrolled_on: dt.date | None, discharged_on: dt.date | None, count_discharge_day: bool
) -> tuple[dt.date, dt.date] | None:
    """The first and last service day of ``month`` (D1), or None when there is none. A stay's dates
    of any year are taken as written (D50): ``9999-12-31`` is a discharge after the month."""
    start = month.first_day if enrolled_on is None else max(enrolled_on, month.first_day)
    end = month.last_day
    if discharged_on is not None:
        if not count_discharge_day and discharged_on == dt.date.min:
            return None  # discharged on the first day there is: no day before it to serve
        end = min(end, discharged_on if count_discharge_day else discharged_on - ONE_DAY)
    return (start, end) if start <= end else None


def discharged_before_enrolment(enrolled_on: dt.date, discharged_on: dt.date) -> InvalidInput:
    """The error of a stay that ends before it begins (R1: the days of service of Annex 2.12,
    Art. 4, para 5 run from the enrolment to the discharge, so a discharge before the enrolment is
    no stay). The batch engine gives the same, word for word. The day is quoted as its ISO text and
    named a date, whatever type the caller gave it in (a date read: review 216 F1, it was tagged
    ``(str)`` where a ``datetime.date`` was given)."""
    return InvalidInput(
        "discharged_on",
        Reason.day(discharged_on),
        expected("after_enrolment", enrolled_on=enrolled_on.isoformat()),
    )


def discharged_before_enrolment_texts(
    enrolled: Sequence[dt.date],
    discharged: Sequence[dt.date],
    written: tuple[Sequence[str | None], Sequence[str | None]] | None = None,
) -> list[str]:
    """``str(discharged_before_enrolment(e, d))`` of each pair (R1, Annex 2.12, Art. 4, para 5),
    many at once (the batch engine's refused rows): the message is made in full once, for two
    probe dates, and each pair's is that text with the pair's own dates in the probe's places
    (each date is quoted as its ISO text, ten characters whatever the day, and nothing else in
    the message depends on them). ``written``: each pair's dates as their cells write them, where
    that is not their ISO text (a day-first table: ``10.11.2021``, digits and separators alone),
    quoted so, as :func:`~voucherlib.input.cells.quoted_as_written` quotes them (review 88). When
    the probe's dates are not each in the text once, each message is made in full."""
    fill = _discharged_before_enrolment_fill()
    if fill is None:
        return [str(discharged_before_enrolment(e, d)) for e, d in zip(enrolled, discharged, strict=True)]
    if written is None:
        return [fill(e.isoformat(), d.isoformat()) for e, d in zip(enrolled, discharged, strict=True)]
    return [
        fill(e_as or e.isoformat(), d_as or d.isoformat())
        for e, d, e_as, d_as in zip(enrolled, discharged, *written, strict=True)
    ]


_FILL: list[tuple[Wording, Callable[..., str] | None]] = []


def _discharged_before_enrolment_fill() -> Callable[..., str] | None:
    """The text of :func:`discharged_before_enrolment` in the wording in force, as a function of
    the two dates' texts, made from a message for two probe dates; None when the probe's dates
    are not each in that text once. Kept for the last wording used (a wording is made once and
    never changes, so the same wording object gives the same words)."""
    wording = current_wording()
    kept = _FILL[0] if _FILL else None  # (one read: another thread may replace it meanwhile)
    if kept is not None and kept[0] is wording:
        return kept[1]
    probe_e, probe_d = dt.date(2222, 2, 22), dt.date(1111, 11, 11)
    text = str(discharged_before_enrolment(probe_e, probe_d))
    e_text, d_text = probe_e.isoformat(), probe_d.isoformat()
    made = None
    if text.count(e_text) == 1 and text.count(d_text) == 1:
        made = formatter(braced(text).replace(e_text, "{0}").replace(d_text, "{1}"))
    _FILL[:] = [(wording, made)]
    return made


def voucher_month(
    month: MonthLike,
    *,
    enrolled_on: DateLike | None = None,
    discharged_on: DateLike | None = None,
    disability: Disability = False,
    count_discharge_day: bool = True,
    rules: RuleSet | None = None,
) -> VoucherMonth:
    """The Annex 2.12 voucher amount of one beneficiary for one month (R1).

    Annex 2.12, Art. 4, para 5 (as worded by Decree No. 467 of 15 Sep 2021, Art. 1, para 2(k.b.b)): daily funding (30 GEL with
    disability status, 20 GEL without) times the days of service in the month. ``enrolled_on``
    None means enrolled before the month; ``discharged_on`` None means not discharged.
    ``disability`` is True/False for the whole month or a list of status periods (D2); not given,
    the month is one without the status (D41: 20 GEL a day).

    >>> voucher_month("2021-10", enrolled_on="2021-10-12", disability=True).amount
    Decimal('600.00')
    """
    m = Month.of(month)
    enrolled = optional_date(enrolled_on, "enrolled_on")
    discharged = optional_date(discharged_on, "discharged_on")
    count_discharge_day = as_flag(count_discharge_day, "count_discharge_day")
    if is_numpy_bool(disability):
        disability = as_flag(disability, "disability")  # a numpy.bool_ is a flag too (one policy for flags)
    if enrolled is not None and discharged is not None and discharged < enrolled:
        raise discharged_before_enrolment(enrolled, discharged)
    ruleset = rules if type(rules) is RuleSet else resolve_rules(rules)
    period = service_period(m, enrolled, discharged, count_discharge_day)
    by_rate: tuple[RateDays, ...] = ()
    amount = ZERO
    with_status: tuple[tuple[dt.date, dt.date], ...] = ()
    if period is None:
        # Still check the disability argument, so that bad input never passes silently.
        if disability is not True and disability is not False:
            _disability_runs(disability, m.first_day, m.last_day, m.days)
    else:
        first, last = period
        if disability is True or disability is False:
            # One status for the whole stay: the result is the same for every such stay, so keep it.
            flag = disability
            with_status = ((first, last),) if flag else ()
            by_rate, amount = ruleset._derived(
                ("youth_voucher.days_by_rate", flag, first, last),
                lambda: _with_amount(_days_by_rate(ruleset, ((flag, [(first, last)]),))),
            )
        else:
            with_runs = _disability_runs(disability, first, last, m.days)
            with_status = tuple(with_runs)
            by_rate, amount = _with_amount(
                _days_by_rate(ruleset, ((False, _complement(with_runs, first, last)), (True, with_runs)))
            )
    return _made_voucher(
        m,
        enrolled,
        discharged,
        count_discharge_day,
        period[0] if period else None,
        period[1] if period else None,
        ((period[1] - period[0]).days + 1) if period else 0,
        by_rate,
        with_status,
        amount,
        ruleset,
    )


def _check_made(vm: VoucherMonth) -> None:
    """A voucher-month a caller made (``VoucherMonth(...)``, ``dataclasses.replace(vm, ...)``):
    its figures must be R1's for its inputs and rule set, as :meth:`VoucherMonth.from_dict`
    requires of stored data (review 86: ``replace(vm, amount=...)`` was settled as it stood, and
    ``replace(vm, rules=...)`` paid R2 of one rule set on R1 of another); else an InvalidInput
    naming the first figure that differs and the one R1 gives."""
    exact_voucher(vm)
    periods = vm.disability_periods  # (review 87: a list, text or None was a TypeError later)
    if type(periods) is not tuple or not all(
        type(p) is tuple and len(p) == 2 and type(p[0]) is dt.date and type(p[1]) is dt.date for p in periods
    ):
        raise InvalidInput(
            "VoucherMonth.disability_periods", periods, "a tuple of (first, last) date pairs, as R1 gives"
        )
    if type(vm.rules) is not RuleSet:
        raise InvalidInput("VoucherMonth.rules", vm.rules, "the RuleSet the month was computed with")
    recomputed = voucher_month(
        vm.month,
        enrolled_on=vm.enrolled_on,
        discharged_on=vm.discharged_on,
        disability=list(vm.disability_periods) or False,
        count_discharge_day=vm.count_discharge_day,
        rules=vm.rules,
    )
    same_as_made(vm, recomputed, "VoucherMonth")


_made_voucher = checked_construction(VoucherMonth, _check_made)
"""The library's maker of the voucher-months it computes (unchecked: they are R1's)."""


def _with_amount(by_rate: tuple[RateDays, ...]) -> tuple[tuple[RateDays, ...], Decimal]:
    """The rate groups and the month's amount, rounded once at the end (D3)."""
    return by_rate, round_to_tetri(total(r.amount for r in by_rate))


def _days_by_rate(
    ruleset: RuleSet, runs: tuple[tuple[bool, list[tuple[dt.date, dt.date]]], ...]
) -> tuple[RateDays, ...]:
    """Group the days of the runs by (status, rule value in force): D2, decided day by day."""
    tally: dict[tuple[bool, int], tuple[int, RuleValue]] = {}
    for flag, flag_runs in runs:
        key = RATE_WITH_DISABILITY if flag else RATE_WITHOUT_DISABILITY
        for run_first, run_last in flag_runs:
            for seg_first, seg_last, value in ruleset.segments(key, run_first, run_last):
                group = (flag, id(value))
                days = tally[group][0] if group in tally else 0
                tally[group] = (days + (seg_last - seg_first).days + 1, value)
    out = []
    for (flag, _), (days, value) in tally.items():
        rate = value.decimal
        out.append(RateDays(flag, rate, days, multiply(rate, days), value.effective_from, value.citation))
    return tuple(out)
