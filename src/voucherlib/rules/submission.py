"""R2. Submission deadline, payment date and late penalty (Annex 2.12, Art. 4, para 5
of the 2021 State Program (Decree No. 825), as worded by Decree No. 467, Art. 1, para 2(k.b.b)).

The provider submits the signed, dated and stamped usage document of a month no later than
the 5th of the next month (the next working day when the 5th is not one). The Agency pays by
the 20th of the next month. For each working day the document is late, 10% of the amount is
deducted; more than 5 working days late, the voucher is not funded.

Decisions (docs/interpretation-register.md): D5 working day (see :mod:`voucherlib.core.working_calendar`); D6 the
deadline rolls forward day by day; D7 late working days are the working days d with
deadline < d <= submitted_on; D8 the deduction is linear, 10% of the original amount per
day, and past 5 days the outcome is "not funded", distinct from a zero amount; D9 the
payment date is the 20th as written, with no roll-over; D10 a document dated before the
first day of the service month is an error.

The values of R2 for a service month are those of the program year that funds the month, in
force on the first day of the following month, when the obligation to submit arises (D16).
So a September 2021 month, submitted in October, follows the amended text in force from
1 Oct 2021, as the third worked example of R2 (docs/rules/r2-submission.md) shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from itertools import islice
from typing import Any

from voucherlib.core.citation import Citation
from voucherlib.core.errors import Expected, InvalidInput, Reason, RuleNotInForce, VoucherError, expected, label_printed
from voucherlib.core.final import checked_construction, final_class
from voucherlib.core.held import held_items
from voucherlib.core.money import ZERO, fewest_places, gel, multiply, percent_of, round_to_tetri, subtract
from voucherlib.core.month import DateLike, Month, MonthLike, as_date
from voucherlib.core.phrases import check_lang, say
from voucherlib.core.record_fields import (
    RECOMPUTED,
    record_citation,
    record_type,
    record_value,
    same_as_made,
    same_as_recomputed,
)
from voucherlib.core.ruleset import RuleSet, RuleValue, resolve_rules
from voucherlib.core.trace import (
    _DAY_TEXTS,
    SHARED_MOST,
    ExactFields,
    Kept,
    Quantity,
    Step,
    count_said,
    day_text,
    fill_line,
    line_filler,
    line_template,
    money_said,
    rows_said,
    shared,
)
from voucherlib.core.working_calendar import WorkingCalendar, resolve_calendar
from voucherlib.rules.youth_voucher import (
    VoucherMonth,
    exact_voucher,
    month_quantity,
    voucher_key,
    voucher_month,
    voucher_text,
)

__all__ = ["Settlement", "late_working_days", "payable_amounts", "payment_due_date", "settle", "submission_deadline"]

DEADLINE_DAY = "youth_voucher.submission.deadline_day"
PAYMENT_DAY = "youth_voucher.payment.due_day"
DEDUCTION_PER_DAY = "youth_voucher.late_penalty.deduction_per_working_day"
MAX_LATE_DAYS = "youth_voucher.late_penalty.max_late_working_days"
MAX_YEARS_LATE = 10
"""D19: a document dated more than 10 calendar years after its service month is refused as
input, not counted: it is far past any deadline, and counting its working days would mean
computing the holidays of every year in between."""


def _r2_value(rules: RuleSet, key: str, month: Month) -> RuleValue:
    """The R2 value for service ``month`` (D16: the program of the month, in force when due)."""
    return rules.value(key, month.next().first_day, program_on=month.first_day)


@dataclass(frozen=True, slots=True)
class _R2Terms:
    """The R2 values of one service month under one rule set, looked up once."""

    nominal_deadline: dt.date
    payment_due: dt.date
    deduction_per_working_day: Decimal
    max_late_working_days: int
    citation: Citation
    deadline_citation: Citation
    refusal_citation: Citation
    payment_citation: Citation


def _terms(month: Month, rules: RuleSet) -> _R2Terms:
    """The R2 terms of ``month`` by ``rules``, kept in that very rule set object (what it derives:
    an equal rule set, which may hold values of other types, keeps its own), so that they go with
    it: a module's cache that held the rule set kept 4,096 of a service's rule sets alive, each
    with all it derived (review 179 F5)."""
    return rules._derived(("r2.terms", month), partial(_terms_of, month, rules))


def _terms_of(month: Month, rules: RuleSet) -> _R2Terms:
    due = _r2_value(rules, DEADLINE_DAY, month)
    pay = _r2_value(rules, PAYMENT_DAY, month)
    pay_day = pay.value
    per_day = _r2_value(rules, DEDUCTION_PER_DAY, month)
    most = _r2_value(rules, MAX_LATE_DAYS, month)
    due_day, max_late = due.value, most.value
    assert isinstance(due_day, int) and isinstance(pay_day, int) and isinstance(max_late, int)
    following = month.next()
    cite = per_day.citation

    known = [cite]

    def own(other: Citation) -> Citation:  # (the very object where they are equal: one key for the texts kept)
        same = next((c for c in known if c == other), None)
        if same is None:
            known.append(other)
        return same or other

    return _R2Terms(
        following.day(due_day), following.day(pay_day), per_day.decimal, max_late, cite, own(due.citation),
        own(most.citation), own(pay.citation),
    )  # fmt: skip


def _month_terms(month: Month, calendar: WorkingCalendar, rules: RuleSet) -> tuple[_R2Terms, dt.date, dt.date]:
    """(the R2 terms, the nominal due day, the deadline after rolling past non-working days),
    kept in the rule set (:func:`_terms`) by the calendar's content: a calendar is final and holds
    plain dates, so calendars equal by content count the same days (a Labour Code calendar made
    again for each stored settlement read back shares one entry; review 181 F1: kept by each
    calendar object's id, the bundled rule set held 70,000 of them, and once full cached nothing
    more). A rule set built by hand, equal to another by content, may hold a value of another type
    (an int subclass that compares otherwise): the terms are kept in each rule set object."""
    return rules._derived(("r2.month_terms", month, calendar), partial(_month_terms_of, month, calendar, rules))


def _month_terms_of(month: Month, calendar: WorkingCalendar, rules: RuleSet) -> tuple[_R2Terms, dt.date, dt.date]:
    terms = _terms(month, rules)
    return terms, terms.nominal_deadline, calendar.next_working_day(terms.nominal_deadline)


def submission_deadline(
    month: MonthLike, *, calendar: WorkingCalendar | None = None, rules: RuleSet | None = None
) -> dt.date:
    """The last day to submit the usage document of service ``month`` (R2, D6).

    Annex 2.12, Art. 4, para 5: the 5th of the following month, inclusive; if that is not a
    working day, the next working day.

    >>> submission_deadline("2021-11")  # 5 Dec 2021 is a Sunday
    datetime.date(2021, 12, 6)
    """
    return _month_terms(Month.of(month), resolve_calendar(calendar), resolve_rules(rules))[2]


def payment_due_date(month: MonthLike, *, rules: RuleSet | None = None) -> dt.date:
    """The day by which the Agency reimburses service ``month`` (R2, D9: the 20th, as written).

    >>> payment_due_date("2021-10")
    datetime.date(2021, 11, 20)
    """
    return _terms(Month.of(month), resolve_rules(rules)).payment_due


def _day_given(day: dt.date, given: object) -> object:
    """A day a refusal names: as given, named a date (:meth:`Reason.day`)."""
    return Reason.day(day, given)


def _check_submitted(month: Month, submitted_on: object) -> dt.date:
    submitted = as_date(submitted_on, "submitted_on")
    if submitted < month.first_day:
        said = _day_given(submitted, submitted_on)
        raise InvalidInput("submitted_on", said, expected("submitted_in_month", month=month))
    if submitted.year > month.year + MAX_YEARS_LATE:
        said = _day_given(submitted, submitted_on)
        raise InvalidInput("submitted_on", said, expected("submitted_within", years=MAX_YEARS_LATE, month=month))
    return submitted


def late_working_days(
    month: MonthLike,
    submitted_on: DateLike,
    *,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
) -> int:
    """The working days the usage document of ``month`` is late (R2, D7).

    The working days d with deadline < d <= submitted_on; 0 when submitted in time.

    >>> late_working_days("2021-10", "2021-11-09")  # deadline Fri 5 Nov; late 8 and 9 Nov
    2
    """
    m = Month.of(month)
    submitted = _check_submitted(m, submitted_on)
    cal = resolve_calendar(calendar)
    deadline = _month_terms(m, cal, resolve_rules(rules))[2]
    return cal.count_working_days(deadline, submitted)


@final_class
@dataclass(frozen=True, slots=True)
class Settlement:
    """What is payable for one voucher-month given the day its document was submitted (R2)."""

    voucher: VoucherMonth
    """The voucher month settled (its amount is R1's)."""
    submitted_on: dt.date
    """The day the usage document was submitted."""
    nominal_deadline: dt.date
    """The 5th of the following month, before rolling past non-working days."""
    deadline: dt.date
    """The last day to submit: the 5th of the following month, rolled to a working day (D6)."""
    payment_due: dt.date
    """The day by which the Agency pays: the 20th of the following month (D9)."""
    late_working_days: int
    """The working days after the deadline up to the submission (D7)."""
    max_late_working_days: int
    """The most late working days still funded (5)."""
    deduction_per_working_day: Decimal
    """Percent of the amount deducted per late working day (10)."""
    funded: bool
    """False: more than the maximum working days late, the voucher is not funded (a rejection)."""
    amount: Decimal
    """The voucher's amount before the penalty (GEL)."""
    deduction: Decimal
    """What is withheld: ``amount - payable``; the whole amount when not funded."""
    payable: Decimal
    """What the Agency pays (GEL): the amount less the deduction; 0 when not funded."""
    rule_citation: Citation
    """The provision of the deduction per late working day (Annex 2.12, Art. 4, para 5), that of
    the deadline and the refusal too where they are the same."""
    calendar: WorkingCalendar = field(repr=False)
    """The working-day calendar used."""
    deadline_citation: Citation = field(repr=False)
    """The provision of the deadline day (a year that moves the deadline alone cites its own act,
    review 52); :attr:`rule_citation` itself where they are the same."""
    refusal_citation: Citation = field(repr=False)
    """The provision of the most late working days still funded; :attr:`rule_citation` itself
    where they are the same."""
    payment_citation: Citation = field(repr=False)
    """The provision of the payment day (the payable line cites it where it is not the
    deadline's; review 53); the same object as an equal one above."""

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every provision the settlement rests on, each once."""
        return tuple(
            dict.fromkeys(
                [
                    self.rule_citation,
                    self.deadline_citation,
                    self.refusal_citation,
                    self.payment_citation,
                    *self.voucher.citations,
                ]
            )
        )

    @property
    def month(self) -> Month:
        """The service month."""
        return self.voucher.month

    @property
    def annex(self) -> str:
        """The annex of the Program whose budget the payment is spent from: ``"2.12"`` (the
        youth voucher), as :func:`~voucherlib.budget_in_use` checks it."""
        return "2.12"

    @property
    def deduction_percent(self) -> Decimal:
        """The share of the amount deducted, in percent: the percentage a late working day times
        the late working days, at most 100 (the whole amount, D8: a rule set of 25% a day, 5 days
        late; review 98, an audit said "125% deducted"); 100 when not funded."""
        if not self.funded:
            return Decimal(100)
        return fewest_places(min(_percent_for_the_days(self), Decimal(100)), 0)  # (25%, not 25.0%: review 180)

    def explain(self, lang: str = "en") -> str:
        """The voucher's amount, then the deadline, the lateness, the deduction and the payable sum.

        ``lang``: ``"en"`` (English) or ``"ka"`` (Georgian); each step cites its provision.
        """
        lang = check_lang(lang)
        text = settlement_text(self, lang)
        return self.trace().explain(lang) if text is None else text

    def trace(self) -> Step:
        """The computation as data: the voucher (R1), the deadline (D6), the late working days
        (D7), the deduction or the refusal (D8) and the payable sum (D9), each with its provision."""
        return settlement_trace(self)

    def to_dict(self) -> dict[str, Any]:
        """The settlement as JSON-ready data; the calendar and the rule set are named, not embedded."""
        if type(self.calendar) is not WorkingCalendar:  # (changed by hand: refused naming it)
            _exact(self)
        return {
            "type": "Settlement",
            "voucher": self.voucher.to_dict(),
            "submitted_on": self.submitted_on.isoformat(),
            "nominal_deadline": self.nominal_deadline.isoformat(),
            "deadline": self.deadline.isoformat(),
            "payment_due": self.payment_due.isoformat(),
            "late_working_days": self.late_working_days,
            "max_late_working_days": self.max_late_working_days,
            "deduction_per_working_day": str(self.deduction_per_working_day),
            "funded": self.funded,
            "amount": str(self.amount),
            "deduction": str(self.deduction),
            "payable": str(self.payable),
            "rule_citation": self.rule_citation.model_dump(mode="json", exclude_none=True),
            # the provisions of the other R2 values, where they are not the rule citation's (review
            # 53: a year that moves the deadline alone was stored citing no act of its own)
            **{
                key: cite.model_dump(mode="json", exclude_none=True)
                for key, cite in (
                    ("deadline_citation", self.deadline_citation),
                    ("refusal_citation", self.refusal_citation),
                    ("payment_citation", self.payment_citation),
                )
                if cite != self.rule_citation
            },
            "calendar": self.calendar.name,
        }

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, calendar: WorkingCalendar | None = None, rules: RuleSet | None = None
    ) -> Settlement:
        """The settlement of :meth:`to_dict`. The calendar and rule set it names are taken from
        ``calendar`` and ``rules`` when given (a custom calendar must be), else by name. A custom
        calendar's name holds a digest of its days, so only that calendar reads the data back;
        data stored before it did names the calendar ``custom``, and is read back under the custom
        calendar given, its figures checked (which calendar it was is not in such data).

        Each value is read as the JSON type ``to_dict()`` writes, and the settlement is
        recomputed from its stored inputs (the voucher month, itself recomputed, and the day of
        submission) with that calendar and rule set: a stored result that is not exactly what
        R2 gives (a payable that is not the amount less the deduction, ``funded`` that does not
        follow from the late days, a voucher amount other than the settlement's) is an
        :class:`InvalidInput` naming the key, the stored value and the recomputed one."""
        where = "Settlement"
        record_type(data, where)
        named = record_value(data, "calendar", str, where)
        cal = resolve_calendar(calendar) if calendar is not None else WorkingCalendar.named(named)
        # (data stored before a custom calendar's name held its digest names it "custom": any
        # custom calendar given is taken, its figures checked below, review 107 F5; which one it
        # was is not in such data, so the caller's is the one explained: review 108 F8)
        if cal.name != named and not (named == "custom" and cal.name.startswith("custom@")):
            raise InvalidInput("calendar", cal.name, expected("stored_calendar", named=repr(named), how="calendar=..."))
        vm = VoucherMonth.from_dict(record_value(data, "voucher", dict, where), rules)
        for key, kind in _SETTLEMENT_KEYS:
            record_value(data, key, kind, where)
        record_citation(data, "rule_citation", where)
        for key in ("deadline_citation", "refusal_citation", "payment_citation"):  # (where not the rule citation)
            if key in data:
                record_citation(data, key, where)
        recomputed = settle(vm, submitted_on=record_value(data, "submitted_on", dt.date, where), calendar=cal)
        same_as_recomputed({**data, "calendar": cal.name}, recomputed.to_dict(), where)  # (its name checked above)
        return recomputed


_SETTLEMENT_KEYS: tuple[tuple[str, type], ...] = (
    ("nominal_deadline", dt.date),
    ("deadline", dt.date),
    ("payment_due", dt.date),
    ("late_working_days", int),
    ("max_late_working_days", int),
    ("deduction_per_working_day", Decimal),
    ("funded", bool),
    ("amount", Decimal),
    ("deduction", Decimal),
    ("payable", Decimal),
)
"""The keys of a stored settlement beside its inputs, each with its JSON type (read before recomputing)."""


SHOWN_LATE_DAYS = 8
"""An explanation lists the late working days when they are at most this many; more, it lists the
first of them, one past the most still funded (which proves "more than"; at most this many less
one), then "..." and the last (which shows what the count ends on; review 134: the first eight and
"..." showed neither)."""


_FUNDED = {flag: Quantity("funded", flag, "yes/no") for flag in (True, False)}


def settlement_trace(s: Settlement) -> Step:
    """The steps of :meth:`Settlement.trace` (the late days are listed up to :data:`SHOWN_LATE_DAYS`,
    so that the trace never walks a long lateness day by day).

    Every step is the same for many settlements (the deadline of a month, a day submitted in
    time, a payable sum and its day ...): each is built once, with its text, and shared
    (:func:`~voucherlib.core.trace.shared`).
    """
    if not _plain_counts(s):  # refused whatever was kept before (an equal settlement's trace)
        _exact(s)
    voucher = s.voucher.trace()
    texts = (str(s.deduction_per_working_day), str(s.amount), str(s.deduction), str(s.payable))
    cite = s.rule_citation
    # The whole trace is the same for every settlement of the very same voucher step and R2
    # values: kept from its second use, it keeps its text (the later steps are shared one by
    # one besides, see _steps). The value holds the voucher's step, the anchors the citation
    # and the calendar, so that no id in the key can be another object's while the entry lives.
    key = ("settle", id(voucher), *_r2_key(s, texts))
    return shared(
        key,
        lambda: _top(_exact(s), voucher, _later_steps(s, key[2:], texts), texts),
        cite,
        s.calendar,
        s.deadline_citation,
        s.refusal_citation,
        s.payment_citation,
        second=True,
    )


_SETTLEMENT_KINDS: tuple[tuple[str, tuple[type, ...]], ...] = (
    ("voucher", (VoucherMonth,)),
    ("submitted_on", (dt.date,)),
    ("nominal_deadline", (dt.date,)),
    ("deadline", (dt.date,)),
    ("payment_due", (dt.date,)),
    ("late_working_days", (int,)),
    ("max_late_working_days", (int,)),
    ("deduction_per_working_day", (Decimal,)),
    ("funded", (bool,)),
    ("amount", (Decimal,)),
    ("deduction", (Decimal,)),
    ("payable", (Decimal,)),
    ("rule_citation", (Citation,)),
    ("calendar", (WorkingCalendar,)),
    ("deadline_citation", (Citation,)),
    ("refusal_citation", (Citation,)),
    ("payment_citation", (Citation,)),
)


def _plain_counts(s: Settlement) -> bool:
    """Whether the settlement is of the very class and its yes/no and counts are a bool and whole
    numbers: ``1 == True``, so a settlement built by hand with one for the other (or a subclass)
    would find the kept trace or text of an equal settlement, and be explained or refused
    depending on what ran before; it is checked (:data:`_exact`) on every call instead."""
    return (
        type(s) is Settlement
        and type(s.funded) is bool
        and type(s.late_working_days) is int
        and type(s.max_late_working_days) is int
    )


_exact = ExactFields(_SETTLEMENT_KINDS, "Settlement", Settlement)
"""``_exact(s)`` is ``s``, when each of its fields is of the type :func:`settle` gives it: the
steps and texts of a settlement are shared by the settlements of *equal* values (``True == 1``),
so one built by hand with another type is refused where they are built (InvalidInput naming the field)."""


def _r2_key(s: Settlement, texts: _Texts) -> tuple[Any, ...]:
    """What the steps after the voucher's are made of, exactly: the ids of the calendar and the
    citation (keep them alive as long as the key), the days, the decimals as ``texts``."""
    return (
        id(s.calendar),
        id(s.rule_citation),
        id(s.deadline_citation),
        id(s.refusal_citation),
        id(s.payment_citation),
        s.nominal_deadline,
        s.deadline,
        s.payment_due,
        s.submitted_on,
        s.late_working_days,
        s.max_late_working_days,
        s.funded,
        *texts,
    )


def settlement_text(s: Settlement, lang: str) -> str | None:
    """The text of :meth:`Settlement.trace` (its ``explain(lang)``, the very text), made without
    building the trace: the voucher's block (:func:`~voucherlib.rules.youth_voucher.voucher_text`)
    between the lines of the same shared steps as the trace's, those kept together for the
    settlements of the same R2 values (:func:`_r2_key`). None for a settlement built by hand or
    a voucher-month whose text cannot be made so (then render the trace)."""
    vm = s.voucher
    if not _plain_counts(s) or type(vm) is not VoucherMonth:
        return None
    texts = (str(s.deduction_per_working_day), str(s.amount), str(s.deduction), str(s.payable))
    amount = texts[1] if s.amount is vm.amount else None  # the voucher's amount, as settle() takes it
    whole = (lang, *voucher_key(vm, amount))  # what the voucher's trace is made of (see voucher_trace)
    r2 = _r2_key(s, texts)
    said: str | None = _SAID_WHOLE.get((whole, r2))  # (the text of the same voucher and R2 values, said before)
    if said is not None:
        return said
    voucher = _VOUCHERS.get(whole)
    both = voucher is not None  # both parts kept: their pair's text may be kept too
    if voucher is None:
        voucher = voucher_text(vm, lang, 1, amount)
        if voucher is None:
            return None
        _VOUCHERS.keep(whole, voucher, vm.days_by_rate)
    key = (lang, vm.month.first_day, *r2)
    known = _LINES.get(key)
    if known is None:
        both = False
        known = _said_lines(_exact(s), lang, texts)
        if known is None:
            head = _head(s, texts, lambda: (month_quantity(vm), _FUNDED[s.funded]))._line(lang)
            later = "\n".join(["  " + step._line(lang) for step in _steps(s, texts)])  # none has steps below it
            known = (head, later, None)
        _LINES.keep(
            key, known, s.calendar, s.rule_citation, s.deadline_citation, s.refusal_citation, s.payment_citation
        )
    pair = (id(voucher), id(known))  # ids of kept objects, held by the entry of their text
    if both:  # the same text object for the same pair
        found = _TEXTS.get(pair)
        if found is not None and found[1] is voucher and found[2] is known:
            return found[0]
    head, later, rest = known
    if rest is None:
        text = f"{head}\n{voucher[0]}\n{voucher[1]}\n{voucher[2]}\n{later}"
    else:
        text = f"{head}\n{voucher[0]}\n{voucher[1]}\n{voucher[2]}\n{later}\n{rest}"
    if both:
        if len(_TEXTS) >= SHARED_MOST:
            _TEXTS.clear()
        _TEXTS[pair] = (text, voucher, known)
    # (the objects whose ids the keys hold: as _VOUCHERS and _LINES keep them)
    cites = (s.rule_citation, s.deadline_citation, s.refusal_citation, s.payment_citation)
    return _SAID_WHOLE.keep((whole, r2), text, vm.days_by_rate, s.calendar, *cites)


_LINES = Kept()
"""The first line and the lines after the voucher's of :func:`settlement_text` (those of the
deadline and the lateness, then the others: held apart, so that the kept lines of the same
days are one object, not copied; or all in one and None), by language, month and R2 values."""

_TEXTS: dict[tuple[int, int], tuple[str, Any, Any]] = {}
"""(id of a kept voucher's block, id of kept lines) -> (the settlement's text, the block, the
lines): the text made once for the settlements whose parts were both kept (an agency's month
has many the same: enrolled before the month, submitted the same day)."""

_SAID_WHOLE = Kept(second=True)
"""The text of :func:`settlement_text`, by what its voucher's block and its lines are made of
(each key of :data:`_VOUCHERS` and :data:`_LINES`), for the settlements asked for more than once:
one look-up where the parts take three."""

_VOUCHERS = Kept(second=True)
"""The voucher's block of :func:`settlement_text`, of the voucher-months asked for more than once
(many of an agency's month are the same: enrolled before the month, not discharged)."""


def _later_steps(s: Settlement, r2: tuple[Any, ...], texts: _Texts) -> tuple[Step, ...]:
    """The steps after the voucher's, the same for every settlement of the same R2 values ``r2``
    (the ids of the calendar and the citation, the days, the decimals as text), built once."""
    return shared(
        ("settle.steps", *r2), lambda: _steps(s, texts), s.rule_citation, s.calendar, s.deadline_citation,
        s.refusal_citation, s.payment_citation,
    )  # fmt: skip


_Texts = tuple[str, str, str, str]
"""The decimals of a settlement as text (per day, amount, deduction, payable), for the keys of its
shared steps (``Decimal("1.0")`` and ``Decimal("1.00")`` are equal but read differently)."""


def _top(s: Settlement, voucher: Step, steps: tuple[Step, ...], texts: _Texts) -> Step:
    return _head(s, texts, lambda: _top_inputs(s, voucher)).with_children((voucher, *steps))


def _head(s: Settlement, texts: _Texts, inputs: Callable[[], tuple[Quantity, Quantity]]) -> Step:
    """The top step without its children, the same for the settlements of one month, payable sum
    and funding (``inputs()``: its inputs, asked for only to build it)."""
    return shared(
        ("settle.head", s.voucher.month.first_day, texts[3], s.funded),
        lambda: Step("settle", s.payable, "GEL", inputs(), None, (), (), "R2"),
    )


def _top_inputs(s: Settlement, voucher: Step) -> tuple[Quantity, Quantity]:
    # the voucher's month, the very quantity of its own step: Quantity("month", str(s.month))
    month = voucher.inputs[0] if voucher.inputs[:1] and voucher.inputs[0].name == "month" else None
    return (
        month or Quantity("month", str(s.month)),
        _FUNDED[s.funded],  # a bool: checked (_exact) before the steps are built
    )


def _steps(s: Settlement, texts: _Texts) -> tuple[Step, ...]:
    """The steps after the voucher's: the deadline, the lateness, the deduction or the refusal, the payable sum."""
    cite = s.rule_citation
    steps = [*_calendar_steps(s), *_unknown_days_steps(s), _due_step(s), _lateness_step(s)]
    if s.late_working_days != 0:
        late, amount, deduction = s.late_working_days, texts[1], texts[2]
        if s.funded:
            per_day = texts[0]
            steps.append(
                shared(("settle.deduction", per_day, late, amount, deduction, id(cite)), lambda: _deduction(s), cite)
            )
        else:
            refusal = s.refusal_citation
            cut = ("settle.not_funded", s.max_late_working_days, late, amount, deduction, id(refusal))
            steps.append(shared(cut, lambda: _not_funded(s), refusal))
    if s.funded:
        paid = _payment_cited(s)  # (the citation the step shows: review 55)
        after = s.submitted_on if s.submitted_on > s.payment_due else None
        steps.append(shared(("settle.payable", texts[3], s.payment_due, after, id(paid)), lambda: _payable(s), paid))
    else:
        steps.append(shared(("settle.nothing", texts[3]), lambda: Step("settle.nothing", s.payable, "GEL")))
    return tuple(steps)


def _calendar_steps(s: Settlement) -> tuple[Step, ...]:
    """The working days the settlement counted on, when they are not the default calendar's
    (review 79: a voucher in time under one calendar and 2 days late under another said nothing
    of why): none for the default, one step otherwise, shared by the settlements of the calendar."""
    cal = s.calendar
    if cal.name == "declared-days-off":  # (the default: nothing said)
        return ()
    return (shared(("settle.calendar", id(cal)), lambda: _calendar_step(cal), cal),)


def _unknown_days_steps(s: Settlement) -> tuple[Step, ...]:
    """That the days counted (from the 5th to the deadline, and to the day submitted) reach past
    the last day the calendar knows the declared days off for (D52), or none."""
    known = days_off_unknown_after(s)
    if known is None:
        return ()
    return (shared(("settle.days_off_unknown", known), lambda: _unknown_days_step(known)),)


def _unknown_days_step(known: dt.date) -> Step:
    return Step("settle.days_off_unknown", known, "date", decisions=("D52",))


def days_off_unknown_after(s: Settlement) -> dt.date | None:
    """The last day the settlement's calendar knows the declared days off for, when a day the
    settlement counts on (the nominal deadline to the deadline, and on to the day submitted) is
    after it: its deadline may be later and its late working days fewer than counted (D52; a
    day off declared since, given to the calendar, is counted). None when every day is known."""
    known = s.calendar.days_off_known_through
    return known if known is not None and max(s.deadline, s.submitted_on) > known else None


class PastKnownDaysOff:
    """The rows (or lines) whose days counted reach past the last day the calendar knows the
    declared days off for (:func:`days_off_unknown_after`, D52), counted and the first :attr:`most`
    named: a sentence of a report's summary (review 275 F2: the deadlines of January 2027 were
    given without a word that no decree of that month can be known)."""

    most = 10

    def __init__(self, known: dt.date | None) -> None:
        self.known = known
        """The last day the declared days off are known for (None: a calendar that counts none)."""
        self.count = 0
        self.rows: list[Any] = []

    def see(
        self, rows: Sequence[Any], deadlines: Sequence[dt.date | None], submitted: Sequence[dt.date | None]
    ) -> None:
        """Note the settled rows of a run (a row with no settlement has no deadline: None)."""
        known = self.known
        if known is None:
            return
        latest = [d for d in (*set(deadlines), *set(submitted)) if d is not None]  # (a run's few distinct days)
        if not latest or max(latest) <= known:
            return
        self.add(
            r
            for r, due, on in zip(rows, deadlines, submitted, strict=True)
            if due is not None and max(due, on or due) > known
        )

    def add(self, rows: Iterable[Any]) -> None:
        """Note rows known to count such days."""
        for row in rows:
            self.count += 1
            if len(self.rows) < self.most:
                self.rows.append(row)

    def text(self, lang: str = "en") -> str:
        """The sentence of the summary that names them (empty for none)."""
        if not self.count or self.known is None:
            return ""
        rows = rows_said(lang, list(map(label_printed, self.rows)), self.count)  # (how many in all: review 277 F3)
        return say(lang, "summary.days_off_unknown", known=self.known.isoformat(), rows=rows)


def _calendar_step(cal: WorkingCalendar) -> Step:
    return Step(
        "settle.calendar",
        cal.name,
        "text",
        (Quantity("calendar", cal.describe("en")), Quantity("calendar_ka", cal.describe("ka"))),
        decisions=("D5",),
    )


def _due_step(s: Settlement) -> Step:
    """The step of the deadline, shared by the settlements of the same deadline, calendar and citation."""
    cite = s.deadline_citation
    key = ("settle.due", s.nominal_deadline, s.deadline, id(s.calendar), id(cite))
    return shared(key, lambda: _due(s), cite, s.calendar)


def _lateness_step(s: Settlement) -> Step:
    """The step of the day submitted: in time, or the late working days (shared as :func:`_due_step`)."""
    late = s.late_working_days
    if late == 0:
        after = s.submitted_on > s.deadline  # (a day off after the deadline: no working day late, D24)
        if after:  # (the weekdays off since the deadline said, each with why: its calendar's)
            off = ("settle.after_deadline", s.submitted_on, s.deadline, id(s.calendar))
            return shared(off, lambda: _in_time(s), s.calendar)
        return shared(("settle.in_time", s.submitted_on), lambda: _in_time(s))
    # (the most still funded chooses the days listed: _late)
    key = ("settle.late", id(s.calendar), s.deadline, s.submitted_on, late, s.max_late_working_days)
    return shared(key, lambda: _late(s), s.calendar)


_TOP_NAMES = ("month", "funded")
_DEDUCTION_NAMES = ("per_day", "late", "percent", "amount")
_NOT_FUNDED_NAMES = ("max_late", "late", "amount")


def _said_lines(s: Settlement, lang: str, texts: _Texts) -> tuple[str, str, str] | None:
    """(the first line; the lines of the deadline and the lateness, kept for the settlements of
    the same days (:data:`_DATED`); the lines after them) of a settlement, from the templates of
    its steps' lines (:func:`~voucherlib.core.trace.line_template`), without building the steps of
    its sums (the deadline, the lateness and "nothing payable" are shared steps); None when a
    template is not made yet or says a word that depends on a number, or a decimal's text has an
    exponent (whose letter follows the caller's context), or the days counted reach past the declared
    days off known (a step of its own: D52)."""
    if days_off_unknown_after(s) is not None:
        return None
    late = s.late_working_days
    percent = str(s.deduction_percent) if late else ""
    decimals = f"{percent}{texts[0]}{texts[1]}{texts[2]}{texts[3]}"
    if "e" in decimals or "E" in decimals:
        return None
    # (the payable line's citation, None where it is the deadline's, keys its template: review 54)
    cite, paid = s.rule_citation, _payment_cited(s)
    known = _SAID.get((lang, id(cite), id(paid), s.funded))
    if known is None or known[3] is not cite or known[4] is not paid:
        top = line_template(lang, "settle", _TOP_NAMES, "R2", (), None, (s.funded,))
        cut = line_template(lang, "settle.deduction", _DEDUCTION_NAMES, None, _D8, cite)
        pay = line_template(lang, "settle.payable", ("due",), None, _D9, paid)
        if top is None or cut is None or pay is None:
            return None
        if len(_SAID) >= SHARED_MOST:
            _SAID.clear()
        fillers = (line_filler(top, lang), line_filler(cut, lang), line_filler(pay, lang))
        known = _SAID[(lang, id(cite), id(paid), s.funded)] = (*fillers, cite, paid)
    # the sums as the lines say them: thousands grouped as the language writes them (money_said)
    amount, deduction, payable = (money_said(t, lang) for t in texts[1:])
    head = known[0](payable, month_quantity(s.voucher).value, s.funded)
    # (the most still funded chooses the late days listed: _late)
    when = (
        lang,
        id(s.calendar),
        id(s.deadline_citation),
        s.nominal_deadline,
        s.deadline,
        s.submitted_on,
        late,
        s.max_late_working_days,
    )
    dated = _DATED.get(when)  # the lines of the deadline and the lateness, from their shared steps
    if dated is None:
        lines = f"  {_due_step(s)._line(lang)}\n  {_lateness_step(s)._line(lang)}"
        for calendar in _calendar_steps(s):  # (a calendar other than the default: said first)
            lines = f"  {calendar._line(lang)}\n{lines}"
        dated = _DATED.keep(when, lines, s.calendar, s.deadline_citation)
    rest: list[str | None] = []  # as _steps: the deduction or the refusal when late, then the sum
    share = _percent_for_the_days(s) if late and s.funded else ZERO
    if share > 100 or (share and _of_payable(s, share)):  # (capped at the whole, or D34's payable: its own words)
        rest.append(_deduction(s)._line(lang))
    elif late and s.funded:
        rest.append(known[1](deduction, texts[0], count_said(late, lang), percent, amount))
    elif late:  # the refusal, from its template when one was made
        refused = line_template(lang, "settle.not_funded", _NOT_FUNDED_NAMES, None, _D8, s.refusal_citation)
        if refused is None:
            return None
        said = (deduction, count_said(s.max_late_working_days, lang), count_said(late, lang), amount)
        rest.append(fill_line(refused, lang, said))
    if s.funded and s.submitted_on > s.payment_due:  # (D9's day, gone when the document came: its own words)
        rest.append(_payable(s)._line(lang))
    elif s.funded:
        rest.append(known[2](payable, _DAY_TEXTS.get(s.payment_due) or day_text(s.payment_due)))
    else:  # "nothing": the line of a shared step
        nothing = shared(("settle.nothing", texts[3]), lambda: Step("settle.nothing", s.payable, "GEL"))
        rest.append(nothing._line(lang))
    if head is None or None in rest:
        return None
    return head, dated, "  " + "\n  ".join(rest)  # type: ignore[arg-type]


_DATED = Kept()
"""The lines of the deadline and the lateness of :func:`_said_lines` (each indented, as in the
text), by language, calendar, citation and days."""

_Filler = Callable[..., str | None]
"""A line's template as a function of the texts of its value and inputs (None: left to a step)."""

_SAID: dict[tuple[str, int, int, bool], tuple[_Filler, _Filler, _Filler, Citation, Citation | None]] = {}
"""(language, ids of the citations of the deduction and of the payable line (:func:`_payment_cited`,
None where it cites none), whether funded (the first line's words)) -> the templates of :func:`_said_lines` (the first line, the deduction,
the payable sum), each as its :func:`~voucherlib.core.trace.line_filler`, and the two citations."""


_D8 = ("D8",)
_D8_D34 = ("D8", "D34")
_D9 = ("D9",)


# The deadline's line says D16 beside D6: the R2 values (the deadline, the deduction, the late days
# that stop the funding) are those in force on the first day of the next month (review 98 F7: a
# September 2021 document followed the amended text, and no line said why).
_DUE = ("D6", "D16")


def _due(s: Settlement) -> Step:
    if s.deadline == s.nominal_deadline:
        return Step("settle.due", s.deadline, "date", citation=s.deadline_citation, decisions=_DUE)
    return Step(
        "settle.rolled",
        s.deadline,
        "date",
        (
            Quantity("nominal", s.nominal_deadline, "date"),
            Quantity("reason", _days_off_said(s, "en")),
            Quantity("reason_ka", _days_off_said(s, "ka")),
        ),
        s.deadline_citation,
        _DUE,
    )


def _days_off_said(s: Settlement, lang: str) -> str:
    """Why the nominal deadline is no working day, and each day after it to the deadline (review
    79: a deadline rolled from 5 to 13 May 2024 named Easter Sunday alone, not the declared days
    off an auditor must check)."""
    first = s.calendar.day_off_reason(s.nominal_deadline, lang) or ""  # (no working day: a reason each)
    after = [s.nominal_deadline + dt.timedelta(days=k) for k in range(1, (s.deadline - s.nominal_deadline).days)]
    if not after:
        return first
    return (
        first
        + ("; არც შემდეგი დღეები: " if lang == "ka" else "; nor the days after it: ")
        + _days_said(s.calendar, after, lang)
    )


def _days_said(calendar: WorkingCalendar, days: list[dt.date], lang: str) -> str:
    """Days that are no working day, each with why in ``lang``: ``2024-05-17 (day off declared by ...)``."""
    reason = calendar.day_off_reason
    return ", ".join(f"{d.isoformat()} ({reason(d, lang) or ''})" for d in days)


def _in_time(s: Settlement) -> Step:
    """The step of a document with no late working day: in time, or after the deadline on days
    off alone (Sat 6 Nov for a deadline of Fri 5 Nov: D24; review 117, it was said "in time")."""
    submitted = (Quantity("submitted", s.submitted_on, "date"),)
    if s.submitted_on > s.deadline:
        off = _not_counted(s.calendar, _weekdays_off(s.calendar, s.deadline, s.submitted_on))
        return Step("settle.after_deadline", 0, "working days", submitted + off, decisions=("D7", "D24"))
    return Step("settle.in_time", 0, "working days", submitted, decisions=("D7",))


def _late_days(calendar: WorkingCalendar, deadline: dt.date, submitted: dt.date, most: int) -> list[dt.date | None]:
    """The late working days an explanation lists: all of them, or past :data:`SHOWN_LATE_DAYS` the
    first up to one past the ``most`` still funded, None for those left out, and the last."""
    late: list[dt.date | None] = list(islice(calendar.working_days(deadline, submitted), SHOWN_LATE_DAYS + 1))
    if len(late) > SHOWN_LATE_DAYS:
        last = submitted
        while not calendar.is_working_day(last):  # (submitted on a day off: the working day before it)
            last -= dt.timedelta(days=1)
        late = [*late[: max(1, min(most + 1, SHOWN_LATE_DAYS - 1))], None, last]
    return late


def _days_listed(late: list[dt.date | None]) -> str:
    """The late working days as an explanation lists them (:func:`_late_days`): ``2021-10-06, ...,
    2021-10-20``, None for the days left out."""
    return ", ".join("..." if d is None else d.isoformat() for d in late)


def _off_listed(
    calendar: WorkingCalendar, deadline: dt.date, late: list[dt.date | None], submitted: dt.date
) -> list[dt.date]:
    """The weekdays no working day among the late days listed (:func:`_late_days`): after the
    deadline up to the day submitted, or, past the days left out, up to the last listed before them
    and after the last listed up to the day submitted (review 271 F1, 272 F6)."""
    if None not in late:
        return _weekdays_off(calendar, deadline, submitted)
    before, last = late[late.index(None) - 1], late[-1]
    assert before is not None and last is not None
    return _weekdays_off(calendar, deadline, before) + _weekdays_off(calendar, last, submitted)


def _late(s: Settlement) -> Step:
    late = _late_days(s.calendar, s.deadline, s.submitted_on, s.max_late_working_days)
    given = (
        Quantity("submitted", s.submitted_on, "date"),
        Quantity("deadline", s.deadline, "date"),
        Quantity("days", _days_listed(late)),
    )
    # the weekdays among the days listed that are no working day, each with why (review 270 F4: Fri
    # 17 May 2024, a declared day off, was left out of the list unsaid, and it parts 50% paid from not
    # funded; review 271 F1: those of a long list too)
    off = _not_counted(s.calendar, _off_listed(s.calendar, s.deadline, late, s.submitted_on))
    return Step("settle.late", s.late_working_days, "working days", given + off, decisions=("D7",))


def _weekdays_off(calendar: WorkingCalendar, after: dt.date, until: dt.date) -> list[dt.date]:
    """The days Monday to Friday after ``after`` up to ``until`` that are no working day."""
    days = []
    day = after + dt.timedelta(days=1)
    while day <= until:
        if day.weekday() < 5 and not calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _not_counted(calendar: WorkingCalendar, days: list[dt.date]) -> tuple[Quantity, ...]:
    """``days``, no working days, each with why, in English and Georgian (none: nothing)."""
    if not days:
        return ()
    return (
        Quantity("not_counted", _days_said(calendar, days, "en")),
        Quantity("not_counted_ka", _days_said(calendar, days, "ka")),
    )


def _percent_for_the_days(s: Settlement) -> Decimal:
    """The percentage a late working day times the late working days (D8), before the cap at 100
    (said without the zeros that end its fraction where it is shown: ``12.5% x 2`` is ``25%``)."""
    return multiply(s.deduction_per_working_day, s.late_working_days)


def _of_payable(s: Settlement, percent: Decimal) -> bool:
    """True when ``percent`` of the amount, rounded half up (D3), is not the deduction: D34 takes
    the payable sum, (100 - percent)% of the amount, rounded once, and the deduction is what is
    left (amount - payable). They part by a tetri when the product ends in a half tetri (a rate of
    three or four decimals: 10% of 6 x 20.575 = 123.45 GEL is 12.345, 12.35 rounded, where
    123.45 - 111.11 = 12.34)."""
    return percent <= 100 and round_to_tetri(percent_of(s.amount, percent)) != s.deduction


def _deduction(s: Settlement) -> Step:
    # a rule set whose percentage a day times the late days passes 100% deducts the whole amount,
    # never more, and says so (review 79: "30% x 4 = 120% of 744.69 GEL = 744.69 GEL")
    percent = _percent_for_the_days(s)
    given = (
        Quantity("per_day", s.deduction_per_working_day, "%"),
        Quantity("late", s.late_working_days, "working days"),
        Quantity("percent", fewest_places(percent, 0), "%"),
        Quantity("amount", s.amount, "GEL"),
    )
    if _of_payable(s, percent):  # (the figures that give the deduction, D34: review 180 F1 read
        # "10% of 123.45 GEL = 12.34 GEL", which its own numbers make 12.35)
        kept = subtract(100, percent)
        payable = (
            Quantity("kept", fewest_places(kept, 0), "%"),  # (75%, not 75.0%: review 201 F1)
            Quantity("exact", fewest_places(percent_of(s.amount, kept)), "GEL"),
            Quantity("payable", s.payable, "GEL"),
        )
        return Step("settle.deduction_of_payable", s.deduction, "GEL", given + payable, s.rule_citation, _D8_D34)
    key = "settle.deduction_capped" if percent > 100 else "settle.deduction"
    return Step(key, s.deduction, "GEL", given, s.rule_citation, _D8)


def _not_funded(s: Settlement) -> Step:
    return Step(
        "settle.not_funded",
        s.deduction,
        "GEL",
        (
            Quantity("max_late", s.max_late_working_days, "working days"),
            Quantity("late", s.late_working_days, "working days"),
            Quantity("amount", s.amount, "GEL"),
        ),
        s.refusal_citation,
        ("D8",),
    )


def _payable(s: Settlement) -> Step:
    """The payable sum and the day it is due (D9); a document submitted after that day (still
    funded, its deadline rolled past the 13th) is said to have come after it (review 117)."""
    due = Quantity("due", s.payment_due, "date")
    if s.submitted_on > s.payment_due:
        submitted = Quantity("submitted", s.submitted_on, "date")
        return Step("settle.payable_after", s.payable, "GEL", (due, submitted), _payment_cited(s), _D9)
    return Step("settle.payable", s.payable, "GEL", (due,), _payment_cited(s), _D9)


def _payment_cited(s: Settlement) -> Citation | None:
    """The provision the payable line cites: the payment day's, where it is not the deadline's
    (which the line of the deadline cites already); else none."""
    return None if s.payment_citation is s.deadline_citation else s.payment_citation


_CITED = ("rule_citation", "deadline_citation", "refusal_citation", "payment_citation")


def _check_made(s: Settlement) -> None:
    """A settlement a caller made (``Settlement(...)``, ``dataclasses.replace(s, ...)``): its
    figures and provisions must be R2's for its voucher-month, submission day and calendar, as
    :meth:`Settlement.from_dict` requires of stored data (review 86); else an InvalidInput
    naming the first that differs."""
    _exact(s)
    recomputed = settle(s.voucher, submitted_on=s.submitted_on, calendar=s.calendar)
    same_as_made(s, recomputed, "Settlement")
    for name in _CITED:  # (one equal to the rule citation is left out of to_dict)
        if getattr(s, name) != getattr(recomputed, name):
            raise InvalidInput(f"Settlement.{name}", getattr(s, name), f"the provision R2 cites ({RECOMPUTED})")


made_settlement = checked_construction(Settlement, _check_made)
"""The library's maker of the settlements it computes (unchecked: they are R2's)."""


def payable_amounts(
    settlements: object,
    field: str = "settlements",
    *,
    annex: str | None = None,
    budget: bool = False,
    year: int | None = None,
) -> list[Decimal]:
    """The payable amount of each settlement; anything that is not a collection of settlements
    is an :class:`InvalidInput` naming ``field`` (and the position of a bad item). With ``annex``,
    a result that says it is of another subprogram (its ``annex``: a facility-month of 2.8 among
    youth vouchers of 2.12) is refused too, as counted against the annex's ``budget`` when told
    (reviews 33, 34: counted against another budget; review 93: summed into another program's line).
    With ``year`` (a budget's program year), a result that says its service month (its ``month``)
    and whose month is of another year is refused, naming the month (D45, review 111: a 2024
    facility-month was counted against the 2021 budget). A line of an audit that could not be
    checked has no payable amount, and is refused saying so."""
    if not isinstance(settlements, Iterable) or isinstance(settlements, (str, bytes, dict)):
        if is_settlement_report(settlements):  # (review 194 F5)
            raise InvalidInput(field, settlements, expected("settlements_of_report"))
        raise InvalidInput(field, settlements, "a collection of settlements")
    try:
        items = list(held_items(settlements))  # (the results it holds, its own iteration never asked: D43)
    except TypeError:  # iterable in name only (a 0-d numpy array: review 44)
        raise InvalidInput(field, settlements, "a collection of settlements") from None
    amounts = []
    for i, s in enumerate(items):
        of = getattr(s, "annex", None) if annex is not None else None
        if isinstance(of, str) and of != annex:
            wrong = (
                expected("budget_result", annex=annex, of=of)
                if budget
                else expected("result_of_annex", annex=annex, of=of)
            )
            raise InvalidInput(f"{field}[{i}]", s, wrong)
        payable = getattr(s, "payable", None)
        if not isinstance(payable, Decimal):
            unchecked = payable is None and getattr(s, "checked", None) is False  # (an audit's line not checked)
            raise InvalidInput(f"{field}[{i}]", s, _what_counts(s, annex, unchecked))
        if year is not None:
            month = _service_month(s)
            if month is not None and month.year != year:
                raise InvalidInput(f"{field}[{i}].month", str(month), expected("budget_year", year=year))
        amount = gel(payable, field=f"{field}[{i}].payable")  # an amount in whole tetri below MAX_GEL
        if amount.is_signed():  # (no rule pays less than nothing: review 266 F1, -620.00 netted a 620.00 away)
            raise InvalidInput(f"{field}[{i}].payable", payable, expected("not_negative"))
        amounts.append(amount)
    return amounts


def is_settlement_report(value: object) -> bool:
    """Whether ``value`` is a report of ``settle_file`` (its rows hold the settlements), told apart
    by what it has, as this module imports no report."""
    return hasattr(value, "rows") and hasattr(value, "settled")


def _what_counts(result: object, annex: str | None, unchecked: bool) -> Expected:
    """What a result with no payable amount should have been, with the way to it (review 194 F5:
    the 2.8 budget advised "a Settlement", which it refuses; a row of settle_file was not told
    where its settlement is)."""
    if unchecked:
        return expected("result_unchecked")
    if hasattr(result, "settlement") and hasattr(result, "row"):  # (a row of settle_file: Annex 2.12's)
        return (
            expected("result_settled_row")
            if annex in (None, "2.12")
            else expected("budget_result", annex=annex, of="2.12")
        )
    return expected("result_payable_facility") if annex == "2.8" else expected("result_payable")


def _service_month(result: object) -> Month | None:
    """The service month a result says it is of (its ``month``: a :class:`Month`, or the
    ``YYYY-MM`` text of an audit's line), or None when it says none."""
    month = getattr(result, "month", None)
    if isinstance(month, Month):
        return month
    if isinstance(month, str):
        try:
            return Month.of(month)
        except VoucherError:
            return None
    return None


def settle_typed(
    values: Mapping[str, Any],
    *,
    submitted_on: DateLike,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    count_discharge_day: bool = True,
) -> Settlement:
    """R1 then R2 for one voucher-month given as typed values (``month``, ``enrolled_on``,
    ``discharged_on``, ``disability``, as the input layer reads them): ``voucher_month`` settled
    on ``submitted_on``. The one-at-a-time path that the readers, the audit and the batch fall
    back to for a row their fast path does not take. A month with no rate (D21) whose document
    came more than the allowed working days late is refused saying it is not funded whatever
    its amount (R2)."""
    try:
        vm = voucher_month(
            values["month"],
            enrolled_on=values["enrolled_on"],
            discharged_on=values["discharged_on"],
            disability=values["disability"],
            count_discharge_day=count_discharge_day,
            rules=rules,
        )
    except RuleNotInForce as exc:
        raise _not_funded_anyway(exc, values["month"], submitted_on, calendar, rules) from None
    return settle(vm, submitted_on=submitted_on, calendar=calendar)


def _not_funded_anyway(
    error: RuleNotInForce, month: Any, submitted_on: Any, calendar: WorkingCalendar | None, rules: RuleSet | None
) -> RuleNotInForce:
    """``error``, saying the month is not funded whatever its amount when its document came more
    than the allowed working days late (R2 needs no amount for that outcome; D21), as far as
    the month's R2 terms are known; else ``error`` as it is."""
    try:
        m = Month.of(month)
        submitted = _check_submitted(m, submitted_on)
        cal = calendar if type(calendar) is WorkingCalendar else resolve_calendar(calendar)
        terms, _, deadline = _month_terms(m, cal, resolve_rules(rules))
        late = cal.count_working_days(deadline, submitted)
    except VoucherError:  # (the month's own refusal stands: any other is the row's next problem)
        return error
    if late <= terms.max_late_working_days:
        return error
    listed = _late_days(cal, deadline, submitted, terms.max_late_working_days)
    off = ", ".join(d.isoformat() for d in _off_listed(cal, deadline, listed, submitted))
    days = _days_listed(listed)
    return error.when_not_funded(late, terms.max_late_working_days, deadline.isoformat(), days, off)


def settle(
    voucher_month: VoucherMonth,
    *,
    submitted_on: DateLike,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
) -> Settlement:
    """What is payable for ``voucher_month`` when its document was submitted on ``submitted_on`` (R2).

    Annex 2.12, Art. 4, para 5 (as worded by Decree No. 467, Art. 1, para 2(k.b.b)): 10% of the amount is deducted per late working
    day; more than 5 working days late, the voucher is not funded (``funded=False``). The rule
    set is the one the voucher month was computed with; ``rules``, when given, must be that rule
    set (by its content's digest, which its name carries): another would deduct one rule set's
    penalty from the other's amount, a figure neither gives (review 57), so it is refused.
    """
    if type(voucher_month) is not VoucherMonth:
        raise InvalidInput("voucher_month", voucher_month, "a VoucherMonth from voucherlib.voucher_month(...)")
    m = voucher_month.month
    if type(m) is not Month:  # (a voucher-month changed by hand: its month keys the shared deadlines)
        exact_voucher(voucher_month)
    submitted = _check_submitted(m, submitted_on)
    cal = calendar if type(calendar) is WorkingCalendar else resolve_calendar(calendar)
    ruleset = resolve_rules(voucher_month.rules)  # (a voucher-month changed by hand: a RuleSet still)
    if rules is not None and rules is not ruleset:
        given = resolve_rules(rules)
        if given.digest != ruleset.digest:  # (the content's digest, kept once made: review 59)
            raise InvalidInput("rules", given.name, expected("rules_of_the_month", name=ruleset.name))
    terms, nominal, deadline = _month_terms(m, cal, ruleset)
    late = cal.count_working_days(deadline, submitted)
    amount = voucher_month.amount
    funded = late <= terms.max_late_working_days
    if late == 0:
        payable = amount
    elif funded:  # (of R1's amount as rounded, D34; the deduction is amount - payable)
        payable = round_to_tetri(percent_of(amount, subtract(100, multiply(terms.deduction_per_working_day, late))))
        if payable.is_signed():  # a rule set whose percent x days passes 100% deducts all, never more
            payable = ZERO  # (-0.00 too, of an amount of 0.00: the batch's 0.00, review 262 F1)
    else:
        payable = ZERO
    return made_settlement(
        voucher_month,
        submitted,
        nominal,
        deadline,
        terms.payment_due,
        late,
        terms.max_late_working_days,
        terms.deduction_per_working_day,
        funded,
        amount,
        subtract(amount, payable),
        payable,
        terms.citation,
        cal,
        terms.deadline_citation,
        terms.refusal_citation,
        terms.payment_citation,
    )
