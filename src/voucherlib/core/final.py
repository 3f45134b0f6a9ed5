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
import types
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["checked_construction", "final_class", "is_made_once", "made_once"]

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
    return made_once(cls)


def made_once(cls: C) -> C:
    """``cls``, whose objects, once made, refuse ``__init__`` and ``__setstate__`` called again
    (a ``FrozenInstanceError`` before anything is changed).

    Review 105: ``month.__init__(2021, 11)`` on the cached ``Month`` of October made every later
    October a November, and so did a second ``__init__`` of the default calendar, of the bundled
    rule set or of one of its values or citations to every later result; a refused one left the
    object changed (the fields are set before they are checked). An object is made once its
    first field (a dataclass's) or any of its slots (another class's) holds a value: an object
    fresh from ``__new__`` holds none, and ``pickle`` and ``copy`` fill only such an object."""
    names = _probes(cls)
    for name in ("__init__", "__setstate__"):
        method = getattr(cls, name, None)
        # (a built-in one, tuple's or object's, sets nothing: a named tuple is made by __new__)
        if not isinstance(method, types.FunctionType) or method in _UNGUARDED:
            continue
        guarded = _guarded(cls, method, names, name)
        _UNGUARDED[guarded] = method  # (kept here, not on the function: review 107 F1)
        setattr(cls, name, guarded)
    return cls


_UNGUARDED: dict[Callable[..., Any], Callable[..., Any]] = {}
"""The guarded methods, each to the method it guards (the library's own objects are new)."""


def is_made_once(method: object) -> bool:
    """Whether ``method`` refuses to be called on an object already made (:func:`made_once`)."""
    return method in _UNGUARDED


def _probes(cls: type) -> tuple[str, ...] | None:
    """The attributes whose value tells a made object of ``cls``: a dataclass's first field (its
    ``__init__`` sets it first), else every slot; None for a dataclass without slots (its
    instance dict tells: empty until made)."""
    if dataclasses.is_dataclass(cls):
        first = dataclasses.fields(cls)[0].name
        return (first,) if isinstance(cls.__dict__.get(first), types.MemberDescriptorType) else None
    names: list[str] = []
    for klass in cls.__mro__:
        declared = klass.__dict__.get("__slots__", ())
        names += [declared] if isinstance(declared, str) else list(declared)
    return tuple(n for n in names if n not in ("__weakref__", "__dict__"))


def _guarded(cls: type, method: Callable[..., Any], names: tuple[str, ...] | None, name: str) -> Callable[..., Any]:
    """``method`` refusing to run on an object already made. The check is one ``getattr`` with a
    default (a slot never set answers the default in C: review 107 F6, a ``try`` per object made
    cost about 1 us) or a look at the instance dict."""
    unset = _UNSET

    def refused() -> dataclasses.FrozenInstanceError:
        return dataclasses.FrozenInstanceError(
            f"a voucherlib {cls.__name__} cannot be changed: {name} of an object already made (make a new one)"
        )

    if names is None:

        def once(self: Any, *args: Any, **kwargs: Any) -> Any:
            if self.__dict__:
                raise refused()
            return method(self, *args, **kwargs)

    elif len(names) == 1:
        (first,) = names

        def once(self: Any, *args: Any, **kwargs: Any) -> Any:
            if getattr(self, first, unset) is not unset:
                raise refused()
            return method(self, *args, **kwargs)

    else:

        def once(self: Any, *args: Any, **kwargs: Any) -> Any:
            for slot in names:
                if getattr(self, slot, unset) is not unset:
                    raise refused()
            return method(self, *args, **kwargs)

    _named_as(once, method)
    return once


def _named_as(function: Callable[..., Any], method: Callable[..., Any]) -> None:
    """``function`` named and documented as ``method`` (``functools.wraps`` without ``__wrapped__``,
    which would hand out the unguarded method: review 107 F1)."""
    for kept in ("__module__", "__name__", "__qualname__", "__doc__"):
        setattr(function, kept, getattr(method, kept))


_UNSET = object()


def checked_construction(cls: type[T], check: Callable[[T], None]) -> Callable[..., T]:
    """Make ``cls(...)``, and so ``dataclasses.replace`` and ``copy.replace`` of its objects, and
        its state set by ``pickle`` and ``copy`` (``__setstate__``), pass what it made to ``check``
        (which raises a VoucherError for figures that do not follow from the inputs); return the maker
        the library uses for the objects it computes itself, which are what the check would recompute
        (review 86: ``dataclasses.replace(vm, amount=...)`` was settled as it stood; review 87: so was
        an edited pickle). ``__setstate__`` on an object already made is refused as any change is; a
    copy of an object is the object itself (it never changes). A pickle is code: one written to call
    the library's own maker is trusted as any pickle's code is."""
    made = _UNGUARDED.get(cls.__init__, cls.__init__)  # (the library's own objects are new)
    guard = cls.__init__
    new = object.__new__

    def __init__(self: T, *args: Any, **kwargs: Any) -> None:
        guard(self, *args, **kwargs)  # (refused before anything is set on an object already made)
        check(self)

    _named_as(__init__, made)
    _UNGUARDED[__init__] = made
    cls.__init__ = __init__  # type: ignore[assignment]
    set_state = getattr(cls, "__setstate__", None)
    if set_state is not None:  # (refused on a live object, made_once: review 87)

        def __setstate__(self: T, state: Any) -> None:
            set_state(self, state)
            check(self)

        _named_as(__setstate__, set_state)
        _UNGUARDED[__setstate__] = _UNGUARDED.get(set_state, set_state)
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
