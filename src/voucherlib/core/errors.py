"""The errors voucherlib raises.

Every error a caller can provoke is a :class:`VoucherError`. Its message names the
field, the value that was given and what was expected, so that a billing system can log
it and a person can fix the input without reading the code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = [
    "InvalidInput",
    "RuleNotInForce",
    "RuleSetError",
    "VoucherError",
]


class VoucherError(Exception):
    """Base class of every error voucherlib raises on purpose."""


class InvalidInput(VoucherError, ValueError):
    """An input value is not acceptable.

    ``field`` names the parameter or column, ``value`` is what was given and
    ``expected`` says what would have been accepted.
    """

    def __init__(self, field: str, value: Any, expected: str) -> None:
        self.field = field
        """The parameter or column."""
        self.value = value
        """The value that was given."""
        self.expected = expected
        """What would have been accepted."""
        super().__init__(f"{field}: got {_show(value)}; expected {expected}")


class RuleNotInForce(VoucherError, LookupError):
    """No rule of the rule set is in force for a date (decision D4: never guess)."""

    def __init__(self, parameter: str, on: dt.date, detail: str = "") -> None:
        self.parameter = parameter
        """The parameter with no value in force."""
        self.on = on
        """The day it has no value for."""
        hint = (
            "supply a rule set that covers it, e.g. "
            "voucherlib.RuleSet.default().extend('program_2022.toml'), and pass it as rules=..."
        )
        message = f"no rule for {parameter!r} is in force on {on.isoformat()}"
        if detail:
            message += f" ({detail})"
        super().__init__(f"{message}; {hint}")


class RuleSetError(VoucherError):
    """A rule-set file cannot be used: it names the file, the key and the problem."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source = source
        """The rule-set file."""
        self.key = key
        """The key of the file with the problem."""
        self.problem = problem
        """What is wrong."""
        super().__init__(f"{source}: {key}: {problem}")


def invalid_input_from(exc: Any, model: str) -> InvalidInput:
    """An :class:`InvalidInput` for the first problem of a pydantic ``ValidationError``."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first.get("loc", ())) or model
    message = str(first.get("msg", "a valid value"))
    prefix = f"{field}: got "
    if isinstance(first.get("ctx", {}).get("error"), InvalidInput):
        return first["ctx"]["error"]  # type: ignore[no-any-return]
    if message.startswith("Value error, ") and prefix in message:
        message = message.split("expected ", 1)[-1]
    return InvalidInput(f"{model}.{field}" if field != model else model, first.get("input"), message)


def _show(value: Any) -> str:
    """A short, safe rendering of a bad value for an error message."""
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{text} ({type(value).__name__})"
