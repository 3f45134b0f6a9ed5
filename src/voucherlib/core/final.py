"""Classes that are not made to be subclassed.

The library shares what it computes between *equal* values: a month's deadline is cached by
its month, calendar and rule set; a step's line, template and JSON form by its shape; a
settlement's explanation by its values. Equality compares the data, not the behaviour, so an
instance of a subclass that changed a method (a calendar whose ``is_working_day`` says
otherwise, a settlement whose ``deduction_percent`` does) would be equal to the library's own
object and would put its results into, or take them from, another caller's: a silently wrong
amount or text for someone else. These classes refuse subclasses; a different calendar or rule
set is made from data (``WorkingCalendar(extra_non_working_days=...)``, ``RuleSet.from_toml``).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["checked_construction", "final_class"]

C = TypeVar("C", bound=type)
T = TypeVar("T")


def final_class(cls: C) -> C:
    """``cls``, which refuses to be subclassed (a ``TypeError`` where the subclass is defined)."""

    def refuse(sub: type, **kwargs: Any) -> None:
        raise TypeError(
            f"voucherlib.{cls.__name__} is final: the library shares results between equal "
            f"{cls.__name__} objects, so a subclass that changed its behaviour would change other "
            "callers' results; make one from data instead (see voucherlib.core.final)"
        )

    cls.__init_subclass__ = classmethod(refuse)  # type: ignore[assignment,arg-type]
    return cls


def checked_construction(cls: type[T], check: Callable[[T], None]) -> Callable[..., T]:
    """Make ``cls(...)``, and so ``dataclasses.replace`` and ``copy.replace`` of its objects, and
        its state set by ``pickle`` and ``copy`` (``__setstate__``), pass what it made to ``check``
        (which raises a VoucherError for figures that do not follow from the inputs); return the maker
        the library uses for the objects it computes itself, which are what the check would recompute
        (review 86: ``dataclasses.replace(vm, amount=...)`` was settled as it stood; review 87: so was
        an edited pickle). ``__setstate__`` on an object already made is refused as any change is; a
    copy of an object is the object itself (it never changes). A pickle is code: one written to call
    the library's own maker is trusted as any pickle's code is."""
    made = cls.__init__
    new = object.__new__

    @functools.wraps(made)
    def __init__(self: T, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        check(self)

    cls.__init__ = __init__  # type: ignore[assignment]
    set_state = getattr(cls, "__setstate__", None)
    if set_state is not None:
        first = dataclasses.fields(cls)[0].name  # type: ignore[arg-type]

        @functools.wraps(set_state)
        def __setstate__(self: T, state: Any) -> None:
            if hasattr(self, first):  # (a live object rewritten in place: review 87)
                raise dataclasses.FrozenInstanceError(f"a voucherlib {cls.__name__} cannot be changed")
            set_state(self, state)
            check(self)

        cls.__setstate__ = __setstate__  # type: ignore[attr-defined]

    # an immutable result is its own copy (review 90: copy and deepcopy went through __setstate__
    # and recomputed the result, 13-15 and 3.5 times the time; a pickle from elsewhere still is)
    cls.__copy__ = lambda self: self  # type: ignore[attr-defined]
    cls.__deepcopy__ = lambda self, memo: self  # type: ignore[attr-defined]

    def make(*args: Any) -> T:
        obj: T = new(cls)
        made(obj, *args)
        return obj

    return make
