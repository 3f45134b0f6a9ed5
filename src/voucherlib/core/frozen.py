"""Read-only mappings for everything voucherlib returns or exposes.

A result, a rule set or a reference table must not change once made: a caller who changed
one would change every later result in the process (the tables are shared). Records are
frozen dataclasses, frozen pydantic models or ``NamedTuple`` records (those made one per day,
see :func:`record_schema`), sequences are tuples, sets are frozensets (a model's given fields a :class:`FieldSet`), and
mappings are :class:`FrozenMap`: a read-only, hashable mapping that pickles (a
``types.MappingProxyType`` does not) and that pydantic validates and serialises like a dict.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import FrozenInstanceError
from decimal import Decimal
from typing import Any, ClassVar, Generic, NoReturn, Self, TypeVar, get_args, get_type_hints

from pydantic import (
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    ModelWrapValidatorHandler,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import core_schema

from voucherlib.core.errors import InvalidInput, expected, invalid_input_from, no_such_field
from voucherlib.core.final import made_once

__all__ = [
    "CheckedModel",
    "FieldDict",
    "FieldSet",
    "FrozenMap",
    "FrozenModel",
    "ReadOnlyDict",
    "RecomputedModel",
    "as_input",
    "constructor",
    "recomputed",
    "record_schema",
    "rules_of",
]

K = TypeVar("K")
V = TypeVar("V")
M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=BaseModel)
T = TypeVar("T")


_MODEL_SLOTS = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")


class _Refusing:
    """What a read-only container of the library (a dict, a set) refuses with ``TypeError``:
    ``__init__`` again (which would fill it in place: review 44), another ``__class__``, an
    attribute. It is made by :meth:`of`; its ``copy()``, pickle and ``copy.copy`` are plain."""

    __slots__ = ()
    refusal = "a voucherlib object cannot be changed"
    _plain: Any = object
    """The built-in container it is (``dict``, ``set``)."""

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(self.refusal)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._refuse()

    @classmethod
    def of(cls, items: Any = ()) -> Self:
        """A read-only container of ``items`` (the one way to make one: ``__init__`` refuses)."""
        made = cls._plain.__new__(cls)
        cls._plain.__init__(made, items)
        return made  # type: ignore[no-any-return]

    def __setattr__(self, name: str, value: object) -> None:  # __class__ = a plain subclass
        self._refuse()

    def __delattr__(self, name: str) -> None:
        self._refuse()

    def copy(self) -> Any:
        """A plain container of the items, the caller's to change."""
        return self._plain(self)

    def __reduce__(self) -> tuple[Any, ...]:
        # plain in a pickle or a copy (the model that holds it makes it read-only again): a
        # pickle any version reads, and a copy of vars(x) the caller's own
        return (self._plain, (self._plain(self),))


class ReadOnlyDict(_Refusing, dict[Any, Any]):
    """A dict that every dict method that would change it refuses with ``TypeError`` (the
    library that made it writes through ``dict.__setitem__``); its ``copy()`` is a plain dict."""

    __slots__ = ()
    _plain = dict

    __setitem__ = __delitem__ = __ior__ = _Refusing._refuse
    clear = pop = popitem = setdefault = update = _Refusing._refuse


class FieldDict(ReadOnlyDict):
    """A frozen model's fields (its ``__dict__``, what ``vars(model)`` gives): a dict that every
    dict method that would change it refuses with ``TypeError``.

    A pydantic model keeps its fields in its ``__dict__``, and ``frozen=True`` stops attribute
    assignment only: ``vars(value)["value"] = ...`` (a common way to get "the fields as a dict")
    changed the shared rule value itself, and with it every later amount (review 43: a December
    voucher with status paid 3,069.00 instead of 31 x 30.00 = 930.00). ``dict(vars(model))`` or
    ``model.model_dump()`` is the caller's own copy. A copy or a pickle of it is a plain dict."""

    __slots__ = ()
    refusal = (
        "a voucherlib result or rule value cannot be changed: vars() gives its fields read-only "
        "(dict(vars(x)) or x.model_dump() is a copy of your own)"
    )


class FieldSet(_Refusing, set[str]):
    """The names of a frozen model's fields given when it was made (``model_fields_set``): a set
    (pydantic's serialiser reads a set) that every method that would change it refuses with
    ``TypeError`` (review 73: ``.clear()`` on a shared citation made every later
    ``model_dump(exclude_unset=True)`` of it write ``{}``). ``set(x.model_fields_set)`` is a
    copy of your own; a copy or a pickle of it is a plain set."""

    __slots__ = ()
    _plain = set
    refusal = "a voucherlib result's given fields cannot be changed: set(x.model_fields_set) is a copy of your own"

    add = discard = remove = pop = clear = update = _Refusing._refuse
    difference_update = intersection_update = symmetric_difference_update = _Refusing._refuse
    __ior__ = __iand__ = __isub__ = __ixor__ = _Refusing._refuse


_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"]  # (the slot: set once a model is made)


def _not_made(model: BaseModel, method: str) -> None:
    """Refuse ``__init__`` or ``__setstate__`` of a model already made, before anything changes
    (review 105: a second ``__init__`` of a citation or rule value shared by the bundled rule set
    rewrote it in place, and every later result with it; see ``final.made_once``)."""
    try:
        _FIELDS_SET.__get__(model, type(model))
    except AttributeError:
        return
    raise FrozenInstanceError(
        f"a voucherlib {type(model).__name__} cannot be changed: {method} of an object already made (make a new one)"
    )


class FrozenModel(BaseModel):
    """The base of voucherlib's pydantic models: frozen, and its fields (``vars(model)``) a
    :class:`FieldDict`, so that neither attribute assignment nor a change to the dict of its
    fields reaches a value shared by other results (the rule set's values and citations, the
    reference tables). ``model_copy(update=...)`` makes a new model, as pydantic's does."""

    model_config = ConfigDict(frozen=True)

    def __init__(self, /, **data: Any) -> None:
        _not_made(self, "__init__")
        super().__init__(**data)

    # pydantic makes a model as a part of another as BaseModel.__init__ does (a new object)
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    def model_post_init(self, context: Any, /) -> None:
        object.__setattr__(self, "__dict__", FieldDict.of(self.__dict__))
        # (a set: model_fields_set.clear() of a shared citation changed what every later
        # model_dump(exclude_unset=True) of it wrote)
        object.__setattr__(self, "__pydantic_fields_set__", FieldSet.of(self.__pydantic_fields_set__))

    def __setattr__(self, name: str, value: Any) -> None:
        if name in type(self).model_fields:  # (pydantic's own refusal of a frozen field)
            super().__setattr__(name, value)
        # pydantic hands any other name (__dict__, __pydantic_fields_set__, _private) to
        # object.__setattr__, frozen or not: x.__dict__ = {...} of a shared rule value changed
        # every later amount (review 119)
        raise AttributeError(f"{type(self).__name__} is frozen: {name!r} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name!r} cannot be deleted")

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = self.__deepcopy__() if deep else self.__copy__()
        if update:  # (pydantic's own would update the read-only fields in place)
            unknown = sorted((k for k in update if k not in type(self).model_fields), key=str)
            if unknown:  # (dropped without a word: review 72, StatusPeriod's misspelt "edn" left it open)
                name = type(self).__name__
                raise InvalidInput(f"{name}.{unknown[0]}", update[unknown[0]], no_such_field(name, _fields(type(self))))
            known = dict(update)
            object.__setattr__(copied, "__dict__", FieldDict.of({**copied.__dict__, **known}))
            object.__setattr__(
                copied, "__pydantic_fields_set__", FieldSet.of(copied.__pydantic_fields_set__.union(known))
            )
        return copied

    def copy(
        self, *, include: Any = None, exclude: Any = None, update: Mapping[str, Any] | None = None, deep: bool = False
    ) -> Self:
        """pydantic's older, deprecated name of :meth:`model_copy`, which it is (review 191 F1:
        pydantic's own ``copy(update=...)`` went round the refusal or the check of an update: a
        facility month paid 1,540.00 for 7,500.00, a rule value ``"abc"``). A copy without some
        fields (``include``, ``exclude``) is refused: it would be no such model. Deprecated, as
        pydantic's is (a ``DeprecationWarning``)."""
        import warnings

        warnings.warn("copy() is deprecated: use model_copy()", DeprecationWarning, stacklevel=2)
        if include is not None or exclude is not None:
            name = type(self).__name__
            raise InvalidInput(f"{name}.copy", include if include is not None else exclude, expected("whole_copy"))
        return self.model_copy(update=update, deep=deep)

    def _read_only(self) -> Self:
        if type(self.__dict__) is not FieldDict:  # (a copy or a pickle holds a plain dict)
            object.__setattr__(self, "__dict__", FieldDict.of(self.__dict__))
        if type(self.__pydantic_fields_set__) is not FieldSet:  # (and a set of its fields given)
            object.__setattr__(self, "__pydantic_fields_set__", FieldSet.of(self.__pydantic_fields_set__))
        return self

    def __setstate__(self, state: dict[Any, Any]) -> None:
        _not_made(self, "__setstate__")
        # a pickle made before a field with a default was added holds no value of it: the default
        # (review 101: an explanation's runs of citations, AttributeError on a month pickled before)
        fields = state.get("__dict__")
        if isinstance(fields, dict):
            missing = {
                name: field.get_default(call_default_factory=True)
                for name, field in type(self).model_fields.items()
                if name not in fields and not field.is_required()
            }
            if missing:
                state = {**state, "__dict__": {**fields, **missing}}
        super().__setstate__(state)
        self._read_only()

    def __copy__(self) -> Self:
        return super().__copy__()._read_only()

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        return super().__deepcopy__(memo)._read_only()


class CheckedModel(FrozenModel):
    """A frozen model whose every reader (``Model(**data)``, ``model_validate``,
    ``model_validate_json``, ``model_validate_strings``) refuses with an
    :class:`~voucherlib.core.errors.InvalidInput` naming the field, not pydantic's
    ``ValidationError``, and whose ``model_copy(update=...)`` is made anew by its reader, so that an
    updated field is checked as the model's own fields are (review 73, 77: a copy kept
    ``end="garbage"``, -742 beneficiaries, a text amount); a name that is no field is refused."""

    def __init__(self, /, **data: Any) -> None:
        as_input(type(self), super().__init__, **data)

    @model_validator(mode="before")
    @classmethod
    def _no_unknown_key(cls, data: Any) -> Any:
        """A key that is none of the model's fields is refused, naming it, by every reader (review
        186 F1: ``InvoiceLine(discharge_on=...)`` dropped the misspelt discharge, and the month was
        paid whole; 185 F2: a FacilityMonth's edited ``total``). Not by the model's config
        (``extra="forbid"``), which would cost the library's own quick construction."""
        # (a model that says what to do with other keys, as forbid or a caller's subclass's allow: its own)
        if isinstance(data, Mapping) and cls.model_config.get("extra") is None:
            known = _known_keys(cls)
            for key in data:
                if key not in known:
                    fields = tuple(cls.model_fields)
                    raise InvalidInput(f"{cls.__name__}.{key}", data[key], no_such_field(cls.__name__, fields))
        return data

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        if not update:
            return super().model_copy(deep=deep)
        if any(k not in type(self).model_fields for k in update):
            super().model_copy(update=update)  # (refuses the name that is no field, naming it)
        return type(self)(**{**dict(vars(self)), **update})

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        return as_input(cls, super().model_validate, obj, *args, **kwargs)

    @classmethod
    def model_validate_json(cls, json_data: Any, *args: Any, **kwargs: Any) -> Self:
        return as_input(cls, super().model_validate_json, json_data, *args, **kwargs)

    @classmethod
    def model_validate_strings(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        return as_input(cls, super().model_validate_strings, obj, *args, **kwargs)


def _known_keys(cls: type[BaseModel]) -> frozenset[str]:
    """The keys a model's reader takes: its fields' names and aliases (a caller's subclass may give
    them: ``alias``, ``validation_alias``, an ``alias_generator``'s), and its computed fields (in its
    own dump: review 188 F1, F2), worked out once per class."""
    known = _KNOWN_KEYS.get(cls)
    if known is None:
        names: set[str] = set(cls.model_fields) | set(cls.model_computed_fields)
        for field in cls.model_fields.values():
            for alias in (field.alias, field.validation_alias):
                choices = getattr(alias, "choices", [alias])
                names.update(c for c in choices if isinstance(c, str))
                names.update(str(c.path[0]) for c in choices if c is not None and getattr(c, "path", None))
        known = _KNOWN_KEYS[cls] = frozenset(names)
    return known


_KNOWN_KEYS: dict[type[BaseModel], frozenset[str]] = {}
""":func:`_known_keys` by class."""


class PublicModel(CheckedModel):
    """A public model that is also read as a part of a larger one (a citation of a rule file, a
    case of a case file, a row of a limit table): made in code (``Model(**data)``,
    ``model_validate``, ``model_copy(update=...)``), it refuses as a :class:`CheckedModel` does,
    with an :class:`~voucherlib.core.errors.InvalidInput` naming the field (D43; it was pydantic's
    ``ValidationError``); read as a part, its fields are checked by the reader of the whole, whose
    refusal names the whole's key (pydantic's validation of the part, not this ``__init__``)."""

    def __init__(self, /, **data: Any) -> None:
        super().__init__(**data)

    # pydantic validates the model as a part of another as BaseModel.__init__ does, not through this one
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]


class CheckResult(PublicModel):
    """The answer of a check (whether a child is of the target group's age, which housing units
    are over their limit, a table's use): its figures follow from inputs it does not all hold, so a
    copy with an update of any field is refused (:class:`InvalidInput` naming it; review 191 F2:
    a copy said a child born in 2010 was in the group in 2021, a unit of 5 over a limit of 10);
    :attr:`made_by`, called again with the changed input, is the check made anew."""

    made_by: ClassVar[str] = ""
    """The function that makes the check (``check_housing_units``)."""

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        if update:
            field = sorted(update, key=str)[0]
            name = type(self).__name__
            raise InvalidInput(f"{name}.{field}", update[field], expected("check_anew", model=name, call=self.made_by))
        return super().model_copy(deep=deep)


class RecomputedModel(CheckedModel):
    """A result whose figures follow from its inputs (a facility-month, a place compensation):
    made by pydantic's readers (``Model(**data)``, ``model_validate``, ``model_validate_json``),
    it is recomputed from its inputs by its ``from_dict`` and a figure that is not what the
    rules give is refused, as ``from_dict`` refuses it (review 43:
    ``FacilityMonth.model_validate`` took a total of 255,575.00 for a month worth 11,850.00).
    Every refusal of these readers is an :class:`~voucherlib.core.errors.InvalidInput` naming
    the field, not pydantic's ``ValidationError``. The rule set is the bundled one, or
    ``context={"rules": rule_set}`` of ``model_validate``. A result already made (the library's,
    put into a caller's model or ``TypeAdapter``) is taken as it is. The library makes these
    results without validation, so its own paths do not compute them twice. A key that is none
    of its fields (``total``, a figure worked out from them; a misspelt one) is refused, as
    ``from_dict`` refuses it, never dropped (review 185 F2: :meth:`CheckedModel._no_unknown_key`)."""

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; an ``update`` of an input or a figure is refused (:class:`InvalidInput` naming
        it), since a copy is not recomputed (review 64: a Tbilisi month's copy said ``Gori`` and
        kept Tbilisi's cap, 11,850.00 for a month worth 14,100.00): ``from_dict`` of its
        ``to_dict()`` with the change is the result recomputed. A field a caller's subclass adds
        is updated as pydantic's ``model_copy`` does."""
        base = _recomputing_class(type(self))
        # an input or figure; or a name that is no field, such as a figure worked out from the
        # fields (total, payable: review 69, ignored without a word)
        changed = sorted(
            (k for k in update or () if k in base.model_fields or k not in type(self).model_fields), key=str
        )
        if update and changed:
            field = changed[0]
            raise InvalidInput(
                f"{base.__name__}.{field}", update[field], expected("recomputed_copy", model=base.__name__)
            )
        return FrozenModel.model_copy(self, update=update, deep=deep)  # (a field a caller's subclass adds)

    def __init__(self, /, **data: Any) -> None:
        super().__init__(**data)

    # pydantic's readers validate as BaseModel.__init__ does (with their context), not through this one
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @model_validator(mode="wrap")
    @classmethod
    def _as_the_rules_give(cls, data: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo) -> Any:
        """Made by a pydantic reader: recomputed from its inputs (:func:`recomputed`), by the
        library's class that reads it back (the first with its own ``from_dict``: a caller's
        subclass is recomputed as it). A result of that class made already is taken as it is
        (review 44: one the library returned, put into a caller's model, was recomputed, and
        refused with another rule set)."""
        base = _recomputing_class(cls)
        if isinstance(data, base):
            return data
        if isinstance(data, Mapping):  # (before pydantic's Decimal takes a float's digits as its own)
            data = _money_given(base, data)
        return recomputed(base, handler(data), rules_of(info))


def _money_given(base: type[Any], data: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """``data`` with a float (a JSON number with a fraction or an exponent too) given for a Decimal
    field of ``base`` refused, as :meth:`from_dict` and the function that makes the result refuse
    it (D3; review 209 F1: ``FacilityMonth.model_validate_json`` read a daily rate
    ``22.50000000000000001`` as 22.5, pydantic's Decimal of the float, and recomputed the month at
    that rate), and a numpy integer taken as the int it is (review 212 F6: refused in pydantic's
    words, "should be an integer"); a count (an ``int`` field: a limit) read by the class's
    ``read_count``, as the function that makes the result reads it, where pydantic read ``True``,
    ``1.0``, ``"1.0"`` and ``np.True_`` as 1 (reviews 264 F2, 265 F2)."""
    fields, counts = _decimal_fields(base), _int_fields(base)
    read_count: Callable[[Any, str], int] | None = getattr(base, "read_count", None)
    ints: dict[Any, int] = {}
    for name, value in data.items():
        if name in counts and read_count is not None:  # (as the function reads it: its own reader;
            if type(value) is not int:  # an int as it is, refused by the function where it refuses it)
                ints[name] = read_count(value, f"{base.__name__}.{name}")
            continue
        if name not in fields:
            continue
        if isinstance(value, float):
            raise InvalidInput(f"{base.__name__}.{name}", value, expected("exact_money"))
        if not isinstance(value, (int, Decimal, str)) and isinstance(value, numbers.Integral):
            ints[name] = int(value)
    return {**data, **ints} if ints else data


_DECIMAL_FIELDS: dict[type[Any], frozenset[str]] = {}
"""(Private.) A recomputed result's class -> its fields that hold a Decimal."""


def _decimal_fields(base: type[Any]) -> frozenset[str]:
    """The fields of ``base`` that hold a Decimal (alone or beside None)."""
    found = _DECIMAL_FIELDS.get(base)
    if found is None:
        hints = get_type_hints(base)
        found = frozenset(n for n in base.model_fields if hints[n] is Decimal or Decimal in get_args(hints[n]))
        _DECIMAL_FIELDS[base] = found
    return found


def _int_fields(base: type[Any]) -> frozenset[str]:
    """The fields of ``base`` that hold an ``int`` alone (its counts: a limit)."""
    found = _INT_FIELDS.get(base)
    if found is None:
        hints = get_type_hints(base)
        found = frozenset(n for n in base.model_fields if hints[n] is int)
        _INT_FIELDS[base] = found
    return found


_INT_FIELDS: dict[type[Any], frozenset[str]] = {}
"""(Private.) A recomputed result's class -> its fields that hold an int alone."""


def _recomputing_class(cls: type[Any]) -> type[Any]:
    """The library's class of a recomputed result (the first of ``cls``'s classes with its own
    ``from_dict``), which a caller's subclass is recomputed as."""
    return next(k for k in cls.__mro__ if "from_dict" in vars(k))


def as_input(model: str | type[BaseModel], read: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``read(*args, **kwargs)``, a pydantic reader of ``model`` (a class, or the name it is
    said by), whose refusal is an :class:`~voucherlib.core.errors.InvalidInput` naming the
    field, not a ``ValidationError`` (a name that is no field: the class's fields named)."""
    try:
        return read(*args, **kwargs)
    except ValidationError as exc:
        if isinstance(model, str):
            raise invalid_input_from(exc, model) from None
        raise invalid_input_from(exc, model.__name__, _fields(model)) from None


def _fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The names of ``model``'s fields, in their order."""
    return tuple(model.model_fields)


def recomputed(base: type[Any], made: R, rules: Any) -> R:
    """``made`` (a ``base`` a pydantic reader has just made, or a caller's subclass of it) with
    the fields of ``base`` the rules give for its inputs: ``base.from_dict`` of its data, which
    refuses a stored figure that is not what they give; the fields of a subclass are kept."""
    own = base.model_construct(**{name: made.__dict__[name] for name in base.model_fields})
    again = base.from_dict(own.to_dict(), rules)
    object.__setattr__(made, "__dict__", FieldDict.of({**made.__dict__, **again.__dict__}))
    return made


def rules_of(info: ValidationInfo) -> Any:
    """The rule set a pydantic reader was given (``context={"rules": ...}``), or None (the bundled one)."""
    context = info.context
    return context.get("rules") if isinstance(context, Mapping) else None


def constructor(cls: type[M]) -> Callable[..., M]:
    """``cls.model_construct``, several times faster, for results made once per row of a file.

    ``make(**fields)`` takes every field, as keywords, unvalidated (as ``model_construct``);
    it sets the four slots of a pydantic model as ``model_construct`` does, without its loop
    over aliases and defaults. Whether that makes the same object is checked here, once, on
    a sample: against this pydantic's slots and ``model_construct``'s result; where it does not
    (a model with private attributes, extra fields, a post-init hook, another pydantic), the
    constructor is ``model_construct`` itself.
    """
    names = tuple(cls.model_fields)
    fields_set = FieldSet.of(names)

    def make(**fields: Any) -> M:
        made = object.__new__(cls)
        object.__setattr__(made, "__dict__", FieldDict.of({name: fields[name] for name in names}))  # the fields' order
        object.__setattr__(made, "__pydantic_fields_set__", fields_set)  # (read-only, as model_post_init makes it)
        object.__setattr__(made, "__pydantic_extra__", None)
        object.__setattr__(made, "__pydantic_private__", None)
        return made

    sample: dict[str, Any] = {name: (name,) for name in reversed(names)}
    theirs, ours = cls.model_construct(**sample), make(**sample)
    same = (
        BaseModel.__slots__ == _MODEL_SLOTS
        and not cls.__private_attributes__
        and (cls.__pydantic_post_init__ is None or cls.model_post_init is FrozenModel.model_post_init)
        and type(vars(theirs)) is type(vars(ours))
        and cls.model_config.get("extra") in (None, "ignore")
        and all(getattr(theirs, slot) == getattr(ours, slot) for slot in _MODEL_SLOTS)
        and list(vars(theirs)) == list(vars(ours))
        and theirs == ours
    )
    return make if same else cls.model_construct


def _counts(hint: Any, name: str, count: Callable[[Any, str], int] | None) -> core_schema.CoreSchema | None:
    """The schema of a record's count (``int``, or ``int | None``) read by ``count`` (as the rule's
    own argument is read: review 261 F4, ``served=True`` was read as 1 child; review 264 F3, a
    numpy integer or digits refused in pydantic's words), naming the field ``name``; None for
    another field, or without ``count``."""
    if count is None:
        return None
    # (before an int's schema, which the JSON schema of the record shows)
    read = core_schema.no_info_before_validator_function(lambda value: count(value, name), core_schema.int_schema())
    if hint is int:
        return read
    if set(get_args(hint)) == {int, type(None)}:
        return core_schema.nullable_schema(read)
    return None


def record_schema(
    cls: type[tuple[Any, ...]], handler: GetCoreSchemaHandler, count: Callable[[Any, str], int] | None = None
) -> core_schema.CoreSchema:
    """The pydantic schema of a :class:`typing.NamedTuple` record, read and written as a mapping
    of its fields (as a frozen pydantic model is), not as a list: for records made in the
    thousands, where a ``NamedTuple`` is made at C speed and a pydantic model is not.

    A record class uses it as its ``__get_pydantic_core_schema__``; ``count`` reads its counts (each
    ``int`` field) as its rule reads them.
    """
    hints = get_type_hints(cls)
    names: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    fields = core_schema.typed_dict_schema(
        {
            # (a count a whole number, never a flag or a float: review 261 F4, served=True was 1 child)
            name: core_schema.typed_dict_field(
                _counts(hints[name], f"{cls.__name__}.{name}", count) or handler.generate_schema(hints[name])
            )
            for name in names
        }
    )

    def known_keys(values: Any) -> Any:
        """A key of no field refused naming the record's fields, as a model's unknown key is (review
        195 F5: a stored day's ``servd`` was dropped); its place is named where it is nested. A
        record of the class itself is read as the mapping of its fields (review 258 F1: a result
        made again from its own fields, ``FacilityMonth(**dict(vars(fm)))``, was refused, a
        ``FacilityDay`` "not a valid dictionary")."""
        if type(values) is cls:
            return dict(zip(names, values, strict=True))
        if isinstance(values, Mapping):
            unknown = next((k for k in values if k not in names), None)
            if unknown is not None:
                raise InvalidInput(f"{cls.__name__}.{unknown}", values[unknown], no_such_field(cls.__name__, names))
        return values

    return core_schema.no_info_after_validator_function(
        lambda values: cls(**values),
        core_schema.no_info_before_validator_function(known_keys, fields),
        serialization=core_schema.wrap_serializer_function_ser_schema(
            lambda value, serialize: serialize(value._asdict()), schema=fields
        ),
    )


def frozen_array(array: Any) -> Any:
    """A copy of the numpy ``array`` that cannot be made writable again: its memory is an
    immutable ``bytes`` object (``setflags(write=True)`` raises ``ValueError``), where an array
    that owns its memory is only marked read-only, which anyone may undo (review 119: the batch
    engine's tables, shared by every later call)."""
    import numpy as np

    return np.frombuffer(array.tobytes(), dtype=array.dtype).reshape(array.shape)


@made_once  # (review 105: its __init__ again refilled a shared table)
class FrozenMap(Mapping[K, V], Generic[K, V]):
    """A mapping that cannot be changed: item and attribute assignment raise ``TypeError``.

    >>> m = FrozenMap({"2.12": 51400})
    >>> m["2.12"]
    51400
    >>> m["2.12"] = 0
    Traceback (most recent call last):
    TypeError: a voucherlib FrozenMap cannot be changed
    """

    __slots__ = ("_data", "_hash")

    _data: dict[K, V]
    _hash: int | None

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        # (read-only too: the mapping is shared, and its dict is reached as _data; review 119)
        object.__setattr__(self, "_data", ReadOnlyDict.of(data))
        object.__setattr__(self, "_hash", None)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        assert self._hash is not None
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a voucherlib FrozenMap cannot be changed")

    __setitem__ = __delitem__ = __setattr__ = __delattr__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse  # the names of dict's mutators, refused too

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        args = get_args(source)
        key, value = args if len(args) == 2 else (Any, Any)
        as_dict = handler.generate_schema(dict[key, value])  # type: ignore[valid-type]
        return core_schema.no_info_after_validator_function(
            cls,
            as_dict,
            serialization=core_schema.wrap_serializer_function_ser_schema(
                lambda value, serialize: serialize(dict(value)), schema=as_dict
            ),
        )
