"""The errors voucherlib raises.

Every error a caller can provoke is a :class:`VoucherError`. Its message names the
field, the value that was given and what was expected, so that a billing system can log
it and a person can fix the input without reading the code.

Advice that names an argument of the caller (``pass daily_rate=...``) is written through
:func:`argument`, and a field through :func:`field_name`: in Python they read ``daily_rate=...``
and ``daily_rate``; while the command line runs a command (:func:`argument_wording`) they read
its flags, ``--daily-rate GEL`` and ``--daily-rate``, and values are shown without their Python
type. The ``field`` attribute of an error is always the Python name.

>>> str(InvalidInput("daily_rate", None, f"a daily rate ({argument('daily_rate')})"))
'daily_rate: got None (NoneType); expected a daily rate (daily_rate=...)'
>>> with argument_wording(Wording({"daily_rate": "--daily-rate GEL"}, {"daily_rate": "--daily-rate"})):
...     str(InvalidInput("daily_rate", None, f"a daily rate ({argument('daily_rate')})"))
'--daily-rate: got nothing; expected a daily rate (--daily-rate GEL)'
"""

from __future__ import annotations

import copy
import datetime as dt
import errno
import numbers
import pickle
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from dataclasses import fields as dataclass_fields
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar

from voucherlib.core.final import made_once
from voucherlib.core.held import held_text

__all__ = [
    "Expected",
    "FileRefused",
    "InvalidInput",
    "Reason",
    "RowError",
    "RuleNotInForce",
    "RuleSetError",
    "VoucherError",
    "Wording",
    "argument",
    "argument_wording",
    "current_wording",
    "expected",
    "field_name",
    "printable",
    "reason_in",
    "shown",
    "shown_in",
    "without_frames",
]


@made_once
@dataclass(frozen=True)
class Wording:
    """How messages name the caller's arguments: for the command line, its flags.

    ``arguments``: an argument's name -> the words of advice that set it (``--daily-rate GEL``);
    ``fields``: a field's name -> its name in ``field: got ...`` (only for names that are
    never also a column of a file, so that a row's message keeps its column's name);
    ``types``: whether a value is shown with its Python type (``'abc' (str)``).
    """

    arguments: Mapping[str, str] = dataclass_field(default_factory=dict)
    fields: Mapping[str, str] = dataclass_field(default_factory=dict)
    types: bool = False

    def __post_init__(self) -> None:
        # read-only copies: the wording in use is shared by every message of the context (review 107 F4)
        object.__setattr__(self, "arguments", MappingProxyType(dict(self.arguments)))
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    def __reduce__(self) -> tuple[Any, ...]:  # (a read-only map does not pickle: its items do, review 108 F7)
        return (Wording, (dict(self.arguments), dict(self.fields), self.types))


_PYTHON = Wording(types=True)
_WORDING: ContextVar[Wording] = ContextVar("voucherlib_wording", default=_PYTHON)


def python_words() -> bool:
    """Whether messages speak Python's words (values with their types), not the command line's."""
    return _WORDING.get().types


@contextmanager
def argument_wording(wording: Wording) -> Iterator[None]:
    """Within the block, messages name arguments and fields as ``wording`` says (the command
    line runs every command in one)."""
    token = _WORDING.set(wording)
    try:
        yield
    finally:
        _WORDING.reset(token)


@contextmanager
def worded_as(name: str, other: str) -> Iterator[None]:
    """Within the block, the argument and field ``name`` is named as ``other`` is: a reader of one
    argument (``sheet``) read for another (the claims' sheet, ``claims_sheet`` in Python,
    ``--claims-sheet`` on the command line: review 192 F1)."""
    wording = _WORDING.get()
    arguments = {**wording.arguments, name: wording.arguments.get(other) or f"{other}=..."}
    fields = {**wording.fields, name: wording.fields.get(other, other)}
    with argument_wording(Wording(arguments, fields, wording.types)):
        yield


def current_wording() -> Wording:
    """How messages name arguments here and now (see :func:`argument_wording`)."""
    return _WORDING.get()


def argument(name: str, python: str | None = None) -> str:
    """The words of advice that set the argument ``name``: ``python`` (default ``name=...``)
    in Python, the flag on the command line."""
    wording = _WORDING.get()
    return wording.arguments.get(name) or python or f"{name}=..."


def field_name(name: str) -> str:
    """A field as an error message names it: the flag on the command line for a field that is
    an argument of a command, else the name itself."""
    return _WORDING.get().fields.get(name, name)


class VoucherError(Exception):
    """Base class of every error voucherlib raises on purpose.

    Every one carries the same three attributes, so that a billing system can log and route
    any of them alike:

    * ``field``: the parameter, column or rule-file key the error is about (empty when it is
      about no one input, e.g. a missing optional package);
    * ``value``: the value that was given (for a rule that is not in force, the date; for a
      rule file, the file);
    * ``expected``: what would have been accepted, or the problem found.

    Every subclass survives ``pickle`` with its message and attributes, so it travels from a
    worker process (``ProcessPoolExecutor``, spawn or fork) to the caller intact. A value that
    cannot be pickled and unpickled travels as its ``repr``, at most 80 characters (:func:`shown`).
    """

    field: str
    """The parameter, column or rule-file key the error is about."""
    value: Any
    """The value that was given."""
    expected: str
    """What would have been accepted, or the problem found."""

    def __init__(self, message: str, *, field: str = "", value: Any = None, expected: str = "") -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        message = self.args[0] if self.args else ""
        return (_rebuild, (type(self), message, {k: _picklable(v) for k, v in vars(self).items()}))

    def message(self, lang: str = "en") -> str:
        """The error said in ``lang``: in English ``str(error)`` itself; in Georgian from the
        phrases of :mod:`voucherlib.core.phrases` (:class:`InvalidInput`, :class:`RuleNotInForce`,
        :class:`RowError`). An error with no Georgian words of its own (a rule file's or a case
        file's problem, a missing package) is said as it is, in English, rather than lose its
        detail."""
        return str(self)


def _rebuild(cls: type[VoucherError], message: str, attributes: dict[str, Any]) -> VoucherError:
    """An error as it was pickled (whatever its own ``__init__`` takes)."""
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(attributes)
    return error


def _picklable(value: Any) -> Any:
    """``value`` when it survives a pickle round trip; else an :class:`Expected` with each of its
    fields made so (it still says itself in every language), anything else its bounded
    :func:`shown` text.

    Both ways are tried: a value that pickles but fails to load (its ``__reduce__`` gives a
    call that raises) would otherwise break the receiving side, e.g. a ``ProcessPoolExecutor``,
    which then loses every later job."""
    try:
        pickle.loads(pickle.dumps(value))
    except Exception:  # any object can refuse to be pickled, or unpickled, in its own way
        if isinstance(value, Expected):
            return Expected(value.key, tuple((name, _picklable(v)) for name, v in value.fields))
        return shown(value)
    return value


@made_once
@dataclass(frozen=True)
class Expected:
    """What an input should have been, as data: a phrase of :mod:`voucherlib.core.phrases`
    (``expected.date``, ``expected.money`` ...) and the fields it is filled with, so that an
    error can say it in every language of the catalogue (:meth:`InvalidInput.message`); also
    why no rule is in force (``rule.*``, :class:`RuleNotInForce`). A field that is itself an
    ``Expected`` or a :class:`Reason` (or a tuple of them) is said in the same language.

    >>> str(Expected("expected.date"))
    "a date written YYYY-MM-DD, e.g. '2021-10-12'"
    >>> Expected("expected.date").text("ka")
    "თარიღი ფორმატით 'YYYY-MM-DD', მაგ. '2021-10-12'"
    """

    key: str
    """The phrase id (a test checks that each one the code names has a Georgian text)."""
    fields: tuple[tuple[str, Any], ...] = ()
    """The phrase's fields, as ``(name, value)`` pairs (a value that could change later, a list or
    a dict, is kept as a copy made now, so that every language says what was given)."""

    def __post_init__(self) -> None:
        if not all(isinstance(value, _FROZEN) for _, value in self.fields):
            object.__setattr__(self, "fields", tuple((name, _frozen(value)) for name, value in self.fields))

    def text(self, lang: str = "en") -> str:
        """The expectation in ``lang``."""
        from voucherlib.core.phrases import say

        return say(lang, self.key, **{name: reason_in(value, lang) for name, value in self.fields})

    def __str__(self) -> str:
        return self.text("en")


_FROZEN = (str, int, float, Decimal, dt.date, dt.time, type(None), Expected)


def _frozen(value: Any) -> Any:
    """``value`` as it is now, for a message said later: an immutable value (a str, a number, a
    date, an Expected or Reason) as it is, a tuple of them likewise, anything else a copy (its
    :func:`shown` text when it cannot be copied, or the copy cannot be pickled)."""
    if isinstance(value, _FROZEN):
        return value
    if isinstance(value, tuple):
        return tuple(_frozen(v) for v in value)
    params = getattr(type(value), "__dataclass_params__", None)
    if params is not None and params.frozen and all(isinstance(getattr(value, f), _FROZEN) for f in _names(value)):
        return value  # a frozen dataclass of immutable fields (a Month): as it is
    try:
        return copy.deepcopy(value)
    except Exception:  # any object can refuse to be copied in its own way
        return shown(value)


def _names(value: Any) -> list[str]:
    return [f.name for f in dataclass_fields(value)]


def expected(key: str, **fields: Any) -> Expected:
    """The :class:`Expected` of phrase ``expected.<key>`` filled with ``fields``."""
    return Expected(f"expected.{key}", tuple(fields.items()))


class InvalidInput(VoucherError, ValueError):
    """An input value is not acceptable.

    ``field`` names the parameter or column, ``value`` is what was given (a day refused after it
    was read: its text, below) and
    ``expected`` says what would have been accepted (in English); ``expectation`` is the same
    as data (:class:`Expected`) when the caller gave it so, and :meth:`message` says the error
    in Georgian from it. The message shows the value with its type; a day refused after it was
    read (a stay that ends before it begins, a submission before the month) is its text as given
    (its ISO text for a date), named ``date`` whatever type it came in, on every path; a numpy
    value is written as the value it holds (``5 (int64)``), the same whatever numpy's version.

    >>> error = InvalidInput("enrolled_on", "bad", expected("date"))
    >>> str(error)
    "enrolled_on: got 'bad' (str); expected a date written YYYY-MM-DD, e.g. '2021-10-12'"
    >>> error.message("ka")
    "enrolled_on: მითითებულია 'bad'; უნდა იყოს: თარიღი ფორმატით 'YYYY-MM-DD', მაგ. '2021-10-12'"
    """

    expectation: Expected | None
    """What would have been accepted, as a phrase and its fields (None: given as English text only)."""

    def __init__(self, field: str, value: Any, expected: str | Expected) -> None:
        self.expectation = expected if isinstance(expected, Expected) else None
        self._named = field_name(field)  # as the message names it (a flag, while the command line runs)
        # the value as it is now (a list changed later is not what was given); on the command line
        # as written, without its Python form (Decimal('-620.00') is '-620.00')
        self._shown = shown(value) if _WORDING.get().types else _shown_as_written(value)
        text = str(expected)
        super().__init__(
            f"{self._named}: got {_show(value, self._shown)}; expected {text}", field=field, value=value, expected=text
        )

    def message(self, lang: str = "en") -> str:
        """The error in ``lang``: in English ``str(error)``; in Georgian the field and the value as
        given (a value the library words itself, a :class:`Reason`, in Georgian) and
        :attr:`expectation` in Georgian. An expectation given as English text only (a pydantic
        model's, ...) keeps its English detail rather than lose it."""
        if lang == "en":
            return str(self)
        from voucherlib.core.phrases import say

        expectation = getattr(self, "expectation", None)
        wanted = expectation.text(lang) if isinstance(expectation, Expected) else self.expected
        named = getattr(self, "_named", self.field)  # made by invalid_input_from() or unpickled: its field as it is
        value = self.value
        if isinstance(value, Reason) or value is None or (isinstance(value, (str, float)) and not _present(value)):
            said = shown_in(lang, value)
        else:  # as it was when the error was made
            said = getattr(self, "_shown", None) or shown(value)
        return say(lang, "error.invalid", field=named, value=said, expected=wanted)


class FileRefused(InvalidInput):
    """A cell that refuses its whole file, not its row: it shows that the file cannot be read as
    the caller said (a date that can only be month first in a file read day first; date cells
    beside a text that can only be a date written day first, D35). The
    readers of rows let it through, so that no other row of the file is read the wrong way."""

    def in_row(self, row: object) -> FileRefused:
        """The same refusal, saying the row of the file it was found in."""
        found = self.expectation
        if row is None:  # (not found: said without a row)
            return self
        if found is not None and found.key == "expected.day_first.month_first":
            return FileRefused(
                self.field,
                self.value,
                expected("day_first.month_first_row", **dict(found.fields), row=label_printed(row)),
            )
        if found is not None and found.key == "expected.dates_mixed":
            return FileRefused(
                self.field, self.value, expected("dates_mixed_row", **dict(found.fields), row=label_printed(row))
            )
        if found is not None and found.key == "expected.dates_mixed_period":
            return FileRefused(
                self.field, self.value, expected("dates_mixed_period_row", **dict(found.fields), row=label_printed(row))
            )
        return self


def _value_from_start(why: Expected, parameter: str, lang: str) -> str:
    """The advice for a year that inherits a key taking effect within it: its own file, with a value
    of the key from the year's first day, in ``lang``."""
    from voucherlib.core.phrases import say

    year = dict(why.fields)
    section = f'[parameters."{parameter}"]'
    return say(lang, "advice.value_from_start", source=year["source"], section=section, start=year["start"])


class RuleNotInForce(VoucherError, LookupError):
    """No rule of the rule set is in force for a date (decision D4: never guess).

    ``parameter`` (also ``field``) is the rule-set key, ``on`` (also ``value``) the date, and
    ``expected`` says what is missing.
    """

    def __init__(self, parameter: str, on: dt.date, detail: str | Expected = "", *, citation: Any = None) -> None:
        self.citation = citation
        """The provision that sets the day the rule takes effect (a :class:`~voucherlib.Citation`:
        Decree No. 467, Art. 2 for the 2021 program), when the day is before it and the rule set
        names it; else None."""
        self.parameter = parameter
        """The parameter with no value in force."""
        self.on = on
        """The day it has no value for."""
        self.why = detail if isinstance(detail, Expected) else None
        """Why no value is in force, as a phrase and its fields (None: given as English text only)."""
        detail = str(detail)
        self.detail = detail
        """Why no value is in force (e.g. when it takes effect)."""
        if self.why is not None and self.why.key == "rule.no_program_year":
            advice = argument("rules", f"rules=voucherlib.RuleSet.default().extend('program_{on.year}.toml')")
        elif self.why is not None and self.why.key == "rule.cap_one_service":  # (review 111 M1)
            advice = f'[parameters."{parameter}"]'
        elif self.why is not None and self.why.key == "rule.takes_effect_in_year":  # (review 98: not from_toml)
            advice = _value_from_start(self.why, parameter, "en")
        else:  # inside a program year (D21): no year can be added over it, a whole rule set can
            advice = argument("rule_set", f"rules=voucherlib.RuleSet.from_toml('my_program_{on.year}.toml')")
        self.advice = advice
        """The advice that supplies a rule set (a flag on the command line): a program year added to
        the bundled rule set for a day no year covers; a rule set of one's own for a day inside a
        year that has no value for it then (years may not overlap); or, for a year that caps a
        city's other service alone, the key the year lacks (its TOML section)."""
        message = f"no rule for {parameter!r} is in force on {on.isoformat()}"
        if detail:
            message += f" ({detail})"
        expected = f"a date on which a value of {parameter!r} is in force" + (f" ({detail})" if detail else "")
        super().__init__(f"{message}; {self.hint('en')}", field=parameter, value=on, expected=expected)
        self.not_funded: tuple[int, int] | None = None
        """``(late working days, the most allowed)`` when the document was submitted too late to be
        funded whatever the amount (R2, D21), else None; the message then says so."""
        self.not_funded_days: tuple[str, str, str] | None = None
        """``(the deadline, the late working days listed, the weekdays among them off work)`` as ISO
        texts, when known (review 270 F5): the message says them."""

    def when_not_funded(
        self, late: int, most: int, deadline: str = "", days: str = "", off: str = ""
    ) -> RuleNotInForce:
        """This error, for a month whose document was submitted ``late`` working days late, more
        than ``most``: not funded whatever its amount (R2), which the message says (D21), with the
        ``deadline``, the late working ``days`` and the weekdays among them ``off`` work when given
        (review 270 F5: the verdict rests on them, and neither was said)."""
        error = RuleNotInForce(
            self.parameter, self.on, self.why if self.why is not None else self.detail, citation=self.citation
        )
        error.not_funded = (late, most)
        error.not_funded_days = (deadline, days, off) if deadline and days else None
        error.args = (_not_funded_said("en", str(error), error),)
        return error

    def hint(self, lang: str = "en") -> str:
        """What to do, in ``lang``: supply a rule set that covers the day (:attr:`advice`), or give
        the year that caps the city's other service a value of this one."""
        from voucherlib.core.phrases import say

        why = getattr(self, "why", None)
        if why is not None and why.key == "rule.cap_one_service":
            program = dict(why.fields)["program"]
            return say(lang, "hint.cap_other_service", program=program, section=self.advice)
        if why is not None and why.key == "rule.takes_effect_in_year":  # (review 221 F6: English in ka)
            return say(lang, "hint.rule_set", advice=_value_from_start(why, self.parameter, lang))
        return say(lang, "hint.rule_set", advice=self.advice)

    def message(self, lang: str = "en") -> str:
        """The error in ``lang``: in English ``str(error)``; in Georgian the parameter, the date,
        why (when it was given as a phrase) and what to do."""
        if lang == "en":
            return str(self)
        from voucherlib.core.phrases import parameter_said, say

        why = getattr(self, "why", None)
        detail = (
            say(lang, "error.no_rule_because", why=why.text(lang))
            if isinstance(why, Expected)
            else say(lang, "error.no_rule_because", why=self.detail)
            if self.detail
            else ""
        )
        said = say(
            lang,
            "error.no_rule",
            parameter=parameter_said(lang, self.parameter),
            date=self.on.isoformat(),
            hint=self.hint(lang),
            detail=detail,
        )
        late = getattr(self, "not_funded", None)
        return said if late is None else _not_funded_said(lang, said, self)


def _not_funded_said(lang: str, message: str, error: RuleNotInForce) -> str:
    """``message`` and that the month is not funded whatever its amount (R2, D21): the late working
    days, more than the most allowed, and the deadline and those days when known."""
    from voucherlib.core.phrases import say

    count, most = (error.not_funded or (0, 0))[:2]  # (a pair; four items made by a commit of review 270's mends)
    known = getattr(error, "not_funded_days", None)  # (None: made by hand, or unpickled from before)
    stored = error.not_funded or ()
    if known is None and len(stored) >= 4:  # (the deadline and days a commit of the mends kept there: 274 F6)
        known = (stored[2], stored[3], "")
    due = ""
    if known is not None:
        deadline, days, off = known
        not_counted = say(lang, "error.not_funded_off", days=off) if off else ""
        due = say(lang, "error.not_funded_due", deadline=deadline, days=days, not_counted=not_counted)
    return say(lang, "error.not_funded_anyway", message=message, late=count, max=most, due=due)


class MissingExtra(VoucherError, ImportError):
    """An optional package is not installed: ``what`` needs it (a phrase key under ``extra.``),
    ``package`` is its name and ``extra`` the voucherlib extra that installs it (``pip install
    'voucherlib[EXTRA]'``); said in English or Georgian (review 31: said in English under
    ``--lang ka``). An :class:`ImportError` too, as code that imports an optional part expects."""

    def __init__(self, what: str, package: str, extra: str) -> None:
        self.what, self.package, self.extra = what, package, extra
        super().__init__(self.message("en"))
        self.msg, self.name = str(self), package  # as an ImportError says them

    def __reduce__(self) -> tuple[Any, ...]:
        return (MissingExtra, (self.what, self.package, self.extra))

    def message(self, lang: str = "en") -> str:
        """The error in ``lang``: what needs the package, the package, and the command that installs it."""
        from voucherlib.core.phrases import say

        what = say(lang, f"extra.{self.what}")
        command = f"pip install 'voucherlib[{self.extra}]'"
        return say(lang, "error.missing_extra", what=what, package=self.package, command=command)


class RowError(VoucherError):
    """A row that cannot be used, for a reason that is no one cell's (the reader could not split it
    into the columns, ...): ``reason`` (also the message), a :class:`Reason` when it can be said in
    another language."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        """Why the row cannot be used."""
        super().__init__(str(reason))

    def message(self, lang: str = "en") -> str:
        """The reason in ``lang`` (in English ``str(error)``)."""
        return reason_in(self.reason, lang) if lang != "en" else str(self)


class RuleSetError(VoucherError):
    """A rule-set file cannot be used: it names the file, the key and the problem.

    ``key`` (also ``field``) is the key in the file, ``source`` (also ``value``) the file, and
    ``problem`` (also ``expected``) what is wrong.
    """

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source = source
        """The rule-set file."""
        self.key = key
        """The key of the file with the problem."""
        self.problem = problem
        """What is wrong."""
        super().__init__(f"{source}: {key}: {problem}", field=key, value=source, expected=problem)


E = TypeVar("E", bound=BaseException)


def without_frames(exc: E) -> E:
    """The error, to keep (with a row, a cell, a candidate), without the frames it was raised in
    or passed through (nor those of the errors it arose from): a frame holds its locals and its
    callers' frames, so a kept error would otherwise hold a whole run of rows, or a whole report,
    in a reference cycle that only the cyclic garbage collector frees. The error reads the same."""
    seen: BaseException | None = exc
    while seen is not None:
        seen.__traceback__ = None
        seen = seen.__context__
    return exc


def invalid_input_from(exc: Any, model: str, fields: Sequence[str] = ()) -> InvalidInput:
    """An :class:`InvalidInput` for the first problem of a pydantic ``ValidationError`` (a key
    that is no field first: a misspelt ``End=`` is named, not the ``end`` it leaves out, and
    said in the library's words with the model's ``fields``, not pydantic's "Extra inputs are
    not permitted")."""
    errors = exc.errors()
    first = next((e for e in errors if e.get("type") == "extra_forbidden"), errors[0])
    field = ".".join(str(p) for p in first.get("loc", ())) or model
    if first.get("type") == "missing":  # (pydantic's "Field required", with the whole input as the value)
        return InvalidInput(f"{model}.{field}", None, expected("required_field"))
    if first.get("type") == "extra_forbidden":
        return InvalidInput(f"{model}.{field}", first.get("input"), no_such_field(model, fields))
    message = str(first.get("msg", "a valid value"))
    prefix = f"{field}: got "
    own = first.get("ctx", {}).get("error")
    if isinstance(own, InvalidInput):
        return _at(own, model, tuple(str(p) for p in first.get("loc", ())))
    if message.startswith("Value error, ") and prefix in message:
        message = message.split("expected ", 1)[-1]
    message = message.removeprefix("Value error, ")  # (pydantic's words for a validator's ValueError)
    return InvalidInput(f"{model}.{field}" if field != model else model, first.get("input"), message)


def _at(error: InvalidInput, model: str, loc: tuple[str, ...]) -> InvalidInput:
    """``error``, raised by a model nested at ``loc`` in ``model`` (a facility month's
    ``compensation``, a summary's ``lines.1``), naming its field by that place (review 188 F3:
    ``PlaceCompensation.totl``, ``SummaryLine.beneficiaries`` said nothing of where it was):
    ``FacilityMonth.compensation.totl``, ``ProgramSummary.lines.1.beneficiaries``. An error that
    names no model (a report file's ``program[1].number``) is as it is, but for one named by a
    plain name alone, the default of a reader of many fields (``Month.of``'s ``month``,
    :func:`~voucherlib.core.money.gel`'s ``amount``), which names the field's place (review 209
    F3: ``TargetGroupCheck.last_month`` was said as ``month``, another field of the model, and a
    case's ``expect.payable`` as ``amount``)."""
    head, dot, key = error.field.partition(".")
    if not dot and loc and error.field.isidentifier():
        return InvalidInput(f"{model}.{'.'.join(loc)}", error.value, error.expectation or error.expected)
    if loc and loc[-1] == key:  # (the field's own validator: its place is the model's)
        loc = loc[:-1]
    if not (loc and dot and head[:1].isupper() and head.isidentifier()):  # (not "PlaceCompensation.totl")
        return error
    return InvalidInput(f"{model}.{'.'.join(loc)}.{key}", error.value, error.expectation or error.expected)


def problem_of(error: Mapping[str, Any]) -> str:
    """The problem of one error of a pydantic ``ValidationError`` (an item of ``errors()``) as a
    file's refusal says it after its key: the library's own refusal raised in a validator (a date
    read by the one date policy: review 86) in its own words, ``got ...; expected ...``, else
    pydantic's message."""
    own = error.get("ctx", {}).get("error")
    if isinstance(own, InvalidInput):
        return f"got {getattr(own, '_shown', own.value)}; expected {own.expected}"
    if isinstance(own, ValueError) and error.get("type") == "value_error":  # a validator's own words
        return str(own)
    return str(error["msg"])


def no_such_field(model: str, fields: Sequence[str] = ()) -> str | Expected:
    """What a name that is no field of ``model`` should have been: one of its ``fields``."""
    return expected("known_field", model=model, fields=", ".join(fields)) if fields else "no such field"


class Reason(str):
    """Why a row cannot be used: the English text it always was (a ``str``: written to files,
    compared, logged), which can also be said in another language (:meth:`text`), from the
    error it came from (:meth:`of`) or from a phrase and its fields (:meth:`phrase`)."""

    error: VoucherError | None = None
    """The error the reason was made from (its ``field`` and ``expectation`` name what a billing
    system routes on), or None for the library's own words (a phrase) or a text alone."""
    key: str = ""
    """The phrase the reason was made from (``reason.row_width``), or "" for an error's or a text's."""
    fields: Mapping[str, Any] = {}  # a Reason made from text alone has none
    """The fields the phrase was filled with (empty for an error's or a text's)."""
    kind: str = ""
    """The type of the caller's value the reason stands for (``'31 status periods'`` of a ``list``):
    a refusal names that type, not ``str`` (review 157 F16); empty for the library's own words."""

    @classmethod
    def of(cls, error: VoucherError) -> Reason:
        """``str(error)``, said in another language by ``error.message(lang)``."""
        reason = cls(str(error))
        reason.error, reason.key, reason.fields = error, "", {}
        return reason

    @classmethod
    def phrase(cls, key: str, /, *, of: Any = None, **fields: Any) -> Reason:
        """Phrase ``key`` filled with ``fields`` (in English; in another language by :meth:`text`);
        ``of``: the caller's value it stands for (too big to show), whose type a refusal names."""
        from voucherlib.core.phrases import say

        fields = {name: _frozen(value) for name, value in fields.items()}
        reason = cls(say("en", key, **fields))
        reason.error, reason.key, reason.fields = None, key, fields
        if of is not None:
            reason.kind = type(of).__name__
        return reason

    def text(self, lang: str = "en") -> str:
        """The reason in ``lang``."""
        if lang == "en":
            return str.__str__(self)
        if self.error is not None:
            return self.error.message(lang)
        if not self.key:  # a Reason made from text alone: the text, in every language
            return str.__str__(self)
        from voucherlib.core.phrases import say

        return say(lang, self.key, **{name: reason_in(value, lang) for name, value in self.fields.items()})

    @classmethod
    def typed(cls, text: str, kind: str) -> Reason:
        """``text`` standing for a caller's value of type ``kind``, which a refusal names."""
        reason = cls(text)
        reason.kind = kind
        return reason

    @classmethod
    def day(cls, day: Any, given: object = None) -> Reason:
        """A day a refusal names after it was read (a stay's, a status period's, a submission's):
        quoted as the text it was given as, else as its ISO text, and named a ``date`` whatever
        type it was given in, on every path (review 216 F1, 226 F2: a text cell, a ``date``, a
        ``Timestamp``, a ``datetime64`` were each named otherwise, by path; review 210 F2: never
        numpy's or pandas' own writing of it, which changes with their versions)."""
        text = str.__str__(given).strip() if isinstance(given, str) else day.isoformat()
        return cls.typed(text, "date")

    @staticmethod
    def in_each(en: str, ka: str) -> Reason:
        """A value the library names in each language, ``en`` in English and ``ka`` in Georgian (a
        table's names, its columns' headings: review 85, a Georgian refusal offered English keys)."""
        said = _InEach(en)
        said.georgian = ka
        return said


class _InEach(Reason):
    """A value named in English (the text) and in Georgian (:attr:`georgian`)."""

    georgian: str = ""

    def text(self, lang: str = "en") -> str:
        return self.georgian if lang == "ka" else str.__str__(self)


def reason_in(reason: Any, lang: str) -> Any:
    """A row's reason (or None, or any other text) as said in ``lang``: a :class:`Reason` or an
    :class:`Expected` in that language, a tuple of them one after another (``; ``), anything else
    as it is."""
    if isinstance(reason, (Reason, Expected)) or type(reason).__name__ == "Citation":  # (a provision: its text)
        return reason.text(lang)
    if isinstance(reason, tuple) and reason and all(isinstance(r, (Reason, Expected)) for r in reason):
        return "; ".join(r.text(lang) for r in reason)
    return reason


def os_reason(exc: OSError) -> Reason:
    """Why the system could not read a file: its own words (``exc.strerror``, in English), said
    in Georgian for the common reasons (no such file, no permission, a directory)."""
    name = errno.errorcode.get(exc.errno or 0, "")
    key = f"os.{name}" if name in ("ENOENT", "EACCES", "EISDIR", "ENOTDIR") else "os.other"
    return Reason.phrase(key, text=exc.strerror or type(exc).__name__)


def printable(text: str) -> str:
    """Text with control characters shown escaped (``\\x1b`` for ESC, ``\\n`` for a newline).

    Escaped: every character Python does not call printable (C0 and C1 controls, format
    characters such as the bidirectional overrides and marks, separators other than the space,
    surrogates, unassigned code points).
    """
    if text.isprintable():  # the usual cell: nothing to escape (checked at C speed)
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def label_printed(label: Any, lang: str = "en") -> str:
    """A row's label (a file's row number, a frame's index label) as a sentence prints it: as it
    is, but a text label that a reader could take for another quoted as the refusal's "got" quotes
    a value, its controls escaped as Python writes them: one with blanks around it, a line end, a
    control or a bidirectional mark in it, empty, or beginning with a quote (``' 3'``,
    ``'\\n3'``, ``'r\\x1b'``; review 283 F4: a label ``"\\n3"`` split the message; 287 F3: a
    U+202E turned a terminal's line round). Two labels never print alike (review 288 F2: one
    holding ESC and one holding the typed ``\\x1b`` did). The one writer of a row label in every
    sentence (review 288 F1). A label of the library's own words (an occupancy line's rows) is said in
    ``lang``."""
    if isinstance(label, Reason):
        return label.text(lang)
    if not isinstance(label, str):
        return str(label)
    text = str.__str__(label)
    if text.isprintable() and text == text.strip() and text[:1] not in ("", "'", '"') and not _LIKE_ROWS.search(text):
        return text  # (the usual label: as it is, checked at C speed)
    return shown(text)


_LIKE_ROWS = re.compile(r",|^[0-9]+-[0-9]+$")
"""A text label that reads as several rows in a list of them: one holding the list's comma
(``"5, 6"``) or of a span's shape (``"2-3"``, as the facility's rows are written): quoted
(review 293 F4)."""


def shown_in(lang: str, value: Any) -> str:
    """A bad value as a message in ``lang`` shows it: as :func:`shown` gives it (as it was
    written), a blank cell (None, spaces, NaN) as "nothing" in that language."""
    from voucherlib.core.phrases import say

    if value is None or not _present(value):
        return say(lang, "value.nothing")
    if isinstance(value, Reason):  # words of the library's own (``29 of 30 days``), said in ``lang``
        # (those that stand for a caller's value unquoted: no text the caller wrote, review 164 F5;
        # a day's ISO text of the type given, '2102-01-01' (Timestamp), quoted as a text is)
        return value.text(lang) if value.kind and value.key and lang != "en" else shown(value.text(lang))
    return shown(value)


def _shown_as_written(value: Any) -> str:
    """A value as the command line shows it: text quoted, as :func:`shown` shows it; a value read
    from a cell (a Decimal, a date or date-time, a month, a numpy scalar) by its text, unquoted
    (``2021-11-09 15:30:00``, ``-620.00``), for it is no text of the file's."""
    if (
        isinstance(value, (Decimal, dt.date, dt.time))  # (a time cell: 00:00:00, review 264 F1)
        or type(value).__name__ == "Month"
        or (type(value).__module__ == "numpy" and type(value).__name__ != "ndarray")
    ):
        try:
            text = str(value)
        except Exception:  # pragma: no cover - these types' str() does not fail
            return shown(value)
        return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."
    return shown(value)


def _present(value: Any) -> bool:
    """Not a blank cell (spaces, NaN)."""
    return not ((isinstance(value, str) and not value.strip()) or (isinstance(value, float) and value != value))


def _show(value: Any, text: str) -> str:
    """A bad value for an error message, from its :func:`shown` ``text`` (with its Python type, but
    on the command line, where a missing value or a blank cell is "nothing", as in Georgian:
    review 52)."""
    if _WORDING.get().types:  # a Reason is a str of the library's own words
        return f"{text} ({(value.kind or 'str') if isinstance(value, Reason) else _type_name(value)})"
    return "nothing" if value is None or not _present(value) else text


_MAX_SHOWN = 80
_MAX_INT_BITS = 256
"""An int longer than this (about 77 digits) is shown by its size: ``repr`` of an int of more
than 4,300 digits raises, and of a million digits takes seconds."""


ERROR_TEXTS = frozenset(
    {
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NULL!",
        "#NUM!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
    }
)
"""A spreadsheet's error values as a CSV file or a DataFrame holds them (text): a failed look-up
saved as ``#N/A`` is no id, no city and no date (review 24; review 91: a date column's ``#N/A``
was refused as a date written otherwise by the one-at-a-time API and the batch engine)."""


def error_word(text: str) -> bool:
    """Whether ``text`` is one of :data:`ERROR_TEXTS`, whatever its case and the spaces around it."""
    text = held_text(text)
    return "#" in text and text.strip().upper() in ERROR_TEXTS


def _numpy_scalar(value: Any) -> str | None:
    """A numpy scalar as the value it holds, written the same whatever numpy's version (review 210
    F3: numpy 2 writes ``np.int64(5)``, ``np.True_``, ``np.datetime64(...)`` where numpy 1 wrote
    ``5``, ``True``, ``numpy.datetime64(...)``): a number or a yes/no as written, a text or a date
    quoted as its text. None for anything else (an array: its own ``repr``)."""
    dtype = getattr(value, "dtype", None)
    if type(value).__name__ == "ndarray" or dtype is None or getattr(value, "ndim", 1) != 0:
        return None
    kind = dtype.kind
    if kind == "b":
        return "True" if value else "False"
    if kind in "iu":
        return str(int(value))
    if kind == "f":
        return str(value)
    if kind in "UMm":
        return repr(str(value))
    if kind == "S":
        return repr(bytes(value))
    return None


def _type_name(value: Any) -> str:
    """The name of ``value``'s type as a refusal tags it: numpy's yes/no is ``bool`` whatever its
    version (numpy 1 named it ``bool_``: review 210 F3)."""
    name = type(value).__name__
    return "bool" if name == "bool_" and type(value).__module__ == "numpy" else name


def written_out(value: Any) -> bool:
    """Whether Python writes ``value`` out, as a whole number when it is one (not a whole number,
    or a fraction, of more digits than it writes: reviews 280 F3, 281 F6, 283 F3, a ValueError
    traceback where a label was looked up or read)."""
    try:
        str(int(value)) if isinstance(value, numbers.Integral) else str(value)
    except ValueError:
        return False
    return True


def shown(value: Any) -> str:
    """``repr(value)``, at most 80 characters, for any value: a huge int is shown by its number of
    digits, a long string is cut before it is rendered, and a value whose ``repr`` fails is
    named by its type. Never raises."""
    kind = type(value)  # (by its type, never its own __class__, which may raise: review 124 F2)
    if issubclass(kind, int) and not issubclass(kind, bool) and int.bit_length(value) > _MAX_INT_BITS:
        digits = int(int.bit_length(value) * 0.30103) + 1  # log10(2) digits a bit, to within one
        return f"<{'a negative' if int.__lt__(value, 0) else 'an'} int of about {digits:,} digits>"
    if issubclass(kind, str) and str.__len__(value) > _MAX_SHOWN:
        value = str.__getitem__(value, slice(0, _MAX_SHOWN))  # the repr of the start only (a cell may hold megabytes)
    try:
        text = _numpy_scalar(value) if kind.__module__ == "numpy" else None
        if text is None:
            text = repr(value)
    except Exception:  # any object's __repr__ may fail in its own way
        return f"<a {type(value).__name__} that cannot be shown>"
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."
