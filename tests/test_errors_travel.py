"""Errors that travel: every VoucherError survives pickle and a spawned worker process intact.

A billing system that settles in a ``ProcessPoolExecutor`` gets the worker's error back by
pickle. Every subclass comes back with its type, its message and the attributes every
VoucherError carries: ``field``, ``value`` and ``expected``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import multiprocessing
import pickle
import pkgutil
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import voucherlib as vl
from voucherlib.core.errors import Reason, RowError, expected
from voucherlib.reports.audit import StoredReason
from voucherlib.reports.cases import CaseFileError

for _module in pkgutil.walk_packages(vl.__path__, "voucherlib."):  # every module, so every subclass is defined
    if not _module.name.endswith("__main__"):
        importlib.import_module(_module.name)


def subclasses(cls: type[vl.VoucherError]) -> list[type[vl.VoucherError]]:
    return [cls] + [s for sub in cls.__subclasses__() for s in subclasses(sub)]


ERROR_CLASSES = sorted(set(subclasses(vl.VoucherError)), key=lambda c: c.__name__)


def test_the_error_classes_are_the_ones_tested_here() -> None:
    assert [c.__name__ for c in ERROR_CLASSES] == sorted(EXAMPLES)


EXAMPLES: dict[str, vl.VoucherError] = {
    "InvalidInput": vl.InvalidInput("month", "2021-13", "a month written YYYY-MM"),
    "FileRefused": vl.FileRefused("day_first", "11/20/21", expected("day_first.month_first", column="enrolled_on")),
    "RuleNotInForce": vl.RuleNotInForce("youth_voucher.daily_rate.with_disability", dt.date(2019, 1, 1), "detail"),
    "RuleSetError": vl.RuleSetError("p.toml", "parameters.x.values[0].value", "is negative"),
    "CaseFileError": CaseFileError("cases.toml", "case 3", "expect.amount", "is not a decimal"),
    "VoucherError": vl.VoucherError("this needs pandas"),
    "MissingExtra": vl.MissingExtra("write_xlsx", "xlsxwriter", "audit"),
    "RowError": RowError(Reason.phrase("reason.row_width", cells=7, width=6)),
    "StoredReason": StoredReason("claimed: got '-1'", "მოთხოვნილი თანხა: მოცემულია '-1'"),
}


def test_an_error_made_of_phrases_travels_and_still_says_itself_in_georgian() -> None:
    error = vl.InvalidInput("enrolled_on", "bad", expected("date"))
    row = RowError(Reason.phrase("reason.row_width", cells=7, width=6))
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(error, protocol=protocol))
        assert same_error(again, error)
        # written by hand: "a date written YYYY-MM-DD" in Georgian
        assert (
            again.message("ka")
            == "enrolled_on: მითითებულია 'bad'; უნდა იყოს: თარიღი ფორმატით 'YYYY-MM-DD', მაგ. '2021-10-12'"
        )
        back = pickle.loads(pickle.dumps(row, protocol=protocol))
        assert str(back) == "row has 7 cells; the header has 6"
        assert back.message("ka") == "სტრიქონში 7 უჯრაა, სათაურის სტრიქონში კი 6"
        reason = pickle.loads(pickle.dumps(Reason.of(error), protocol=protocol))
        assert isinstance(reason, Reason) and reason == str(error) and reason.text("ka") == error.message("ka")


def same_error(a: BaseException, b: BaseException) -> bool:
    return type(a) is type(b) and a.args == b.args and vars(a) == vars(b)


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_every_error_class_survives_pickle_with_its_attributes(cls: type[vl.VoucherError]) -> None:
    error = EXAMPLES[cls.__name__]
    assert type(error) is cls
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(error, protocol=protocol))
        assert same_error(again, error)
        assert str(again) == str(error)
        assert (again.field, again.value, again.expected) == (error.field, error.value, error.expected)


def test_every_error_carries_field_value_and_expected() -> None:
    case_file, whole_file, invalid, missing, row, not_in_force, rule_set, stored, plain = (
        EXAMPLES[n] for n in sorted(EXAMPLES)
    )
    assert (missing.package, missing.extra) == ("xlsxwriter", "audit") and str(missing).endswith("'voucherlib[audit]'")
    again = pickle.loads(pickle.dumps(missing))  # as an ImportError says it too (review 36)
    assert (again.name, again.msg) == ("xlsxwriter", str(missing)) and isinstance(again, ImportError)
    assert (whole_file.field, whole_file.value) == ("day_first", "11/20/21") and "month first" in whole_file.expected
    assert (row.field, row.value, row.expected) == ("", None, "")
    assert isinstance(stored, StoredReason) and stored.ka.startswith("მოთხოვნილი") and str(stored).startswith("claimed")
    assert (case_file.field, case_file.value, case_file.expected) == ("expect.amount", "cases.toml", "is not a decimal")
    assert (invalid.field, invalid.value, invalid.expected) == ("month", "2021-13", "a month written YYYY-MM")
    assert (not_in_force.field, not_in_force.value) == ("youth_voucher.daily_rate.with_disability", dt.date(2019, 1, 1))
    assert "is in force" in not_in_force.expected and "detail" in not_in_force.expected
    assert (rule_set.field, rule_set.value, rule_set.expected) == (
        "parameters.x.values[0].value",
        "p.toml",
        "is negative",
    )
    assert (plain.field, plain.value, plain.expected) == ("", None, "")
    # The specific names stay too.
    assert isinstance(not_in_force, vl.RuleNotInForce) and not_in_force.parameter == not_in_force.field
    assert isinstance(rule_set, vl.RuleSetError) and (rule_set.source, rule_set.key) == ("p.toml", rule_set.field)


def test_an_error_about_a_value_that_cannot_be_pickled_still_travels() -> None:
    lock = threading.Lock()  # a lock cannot be pickled
    error = vl.InvalidInput("calendar", lock, "a WorkingCalendar")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is vl.InvalidInput and str(again) == str(error)
    assert again.value == repr(lock) and again.field == "calendar"


class PicklesButWillNotLoad:
    """A value whose pickle raises when it is loaded (review 11a P4)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (int, ("not a number",))

    def __repr__(self) -> str:
        return "PicklesButWillNotLoad" + "!" * 200  # a long repr: travels cut to 80 characters


def raise_about_a_value_that_will_not_load() -> None:
    raise vl.InvalidInput("rate", PicklesButWillNotLoad(), "a rate")


def test_an_error_about_a_value_that_pickles_but_will_not_load_travels_with_its_repr() -> None:
    with pytest.raises(ValueError):  # the value itself does not survive the round trip
        pickle.loads(pickle.dumps(PicklesButWillNotLoad()))
    error = vl.InvalidInput("rate", PicklesButWillNotLoad(), "a rate")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is vl.InvalidInput and str(again) == str(error)
    assert again.value == "PicklesButWillNotLoad" + "!" * 56 + "..." and len(again.value) == 80


def test_a_value_that_will_not_load_does_not_break_a_spawned_pool() -> None:
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        error = pool.submit(raise_about_a_value_that_will_not_load).exception(timeout=120)
        assert type(error) is vl.InvalidInput and error.field == "rate"
        assert isinstance(error.value, str) and error.value.startswith("PicklesButWillNotLoad!")
        # The pool still works: Oct 2021 without disability, 31 x 20 = 620.00.
        assert pool.submit(vl.voucher_month, "2021-10").result(timeout=120).amount == vl.gel("620.00")


def test_a_note_added_to_an_error_travels_with_it() -> None:
    error = vl.InvalidInput("month", "x", "a month")
    error.add_note("row 7 of invoice.csv")
    assert pickle.loads(pickle.dumps(error)).__notes__ == ["row 7 of invoice.csv"]


def write_bad_rule_file(path: Path) -> str:
    path.write_text('[program]\nid = "x"\n', encoding="utf-8")
    return str(path)


def test_every_error_class_comes_back_from_a_spawned_worker(tmp_path: Path) -> None:
    bad_rules = write_bad_rule_file(tmp_path / "bad.toml")
    calls: list[tuple[Any, tuple[Any, ...], type[vl.VoucherError]]] = [
        (vl.voucher_month, ("2021-13",), vl.InvalidInput),
        (vl.voucher_month, ("2019-01",), vl.RuleNotInForce),
        (vl.RuleSet.from_toml, (bad_rules,), vl.RuleSetError),
        (vl.gel, (1.5,), vl.InvalidInput),
        (vl.WorkingCalendar().days_off, (2101,), vl.InvalidInput),
    ]
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [(pool.submit(fn, *args), cls, fn, args) for fn, args, cls in calls]
        for future, cls, fn, args in futures:
            error = future.exception(timeout=120)
            assert type(error) is cls
            with pytest.raises(cls) as here:
                fn(*args)
            # The same error as in this process: type, message, field, value, expected.
            assert str(error) == str(here.value)
            assert isinstance(error, vl.VoucherError)
            assert (error.field, error.value, error.expected) == (
                here.value.field,
                here.value.value,
                here.value.expected,
            )
