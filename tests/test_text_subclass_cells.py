"""A cell given in code as a subclass of ``str`` is read by the text it holds (D43): its own
methods (``strip``, ``split``, ``__len__``, ``__contains__``, ``__str__`` ...) are never asked, so
one that raises does not escape a table of rows, and one that lies does not change an amount
(review 133: a status text whose ``split`` said nothing was paid 520.00 for 570.00, an enrolment
whose ``strip`` said "2021-05-11" was paid the month).

The row: November 2021 (30 days), due Mon 6 Dec, submitted 6 Dec (in time). Worked by hand:

* enrolled 5 Nov, no status: 5..30 Nov = 26 days x 20.00 = 520.00;
* discharged 20 Nov as well: 5..20 Nov = 16 days x 20.00 = 320.00;
* a status 16..20 Nov: 5 days x 30.00 + 21 days x 20.00 = 150.00 + 420.00 = 570.00;
* a status "yes": 26 x 30.00 = 780.00.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import voucherlib as vl
from tests.strategies import Boom
from voucherlib.batch import settle_frame
from voucherlib.reports.audit import audit_invoice


def _raise(*args: Any, **kwargs: Any) -> Any:
    raise Boom


# each method, and a lie of it (what a text told by it would be read as)
LIES: dict[str, Any] = {
    "strip": lambda self, *a: "2021-05-11",
    "split": lambda self, *a, **k: [],
    "__len__": lambda self: 0,
    "__contains__": lambda self, x: False,
    "__str__": lambda self: "2021-05-11",
    "lower": lambda self: "yes",
    "upper": lambda self: "YES",
    "__iter__": lambda self: iter(()),
    "replace": lambda self, *a: "2021-05-11",
    "isascii": lambda self: False,
}
SUBCLASSES = [
    *[type(f"Raising_{m.strip('_')}", (str,), {m: _raise}) for m in LIES],
    *[type(f"Lying_{m.strip('_')}", (str,), {m: lie}) for m, lie in LIES.items()],
]

# (column, text, the amount worked out above)
CELLS = [
    ("beneficiary_id", "B-01", "520.00"),
    ("month", "2021-11", "520.00"),
    ("enrolled_on", "2021-11-05", "520.00"),
    ("discharged_on", "2021-11-20", "320.00"),
    ("disability", "2021-11-16..2021-11-20", "570.00"),
    ("disability", "yes", "780.00"),
    ("submitted_on", "2021-12-06", "520.00"),
]


def frame(column: str, value: Any) -> pd.DataFrame:
    row = {
        "beneficiary_id": "B-01",
        "month": "2021-11",
        "enrolled_on": "2021-11-05",
        "discharged_on": None,
        "disability": "no",
        "submitted_on": "2021-12-06",
    }
    row[column] = value
    return pd.DataFrame({k: pd.Series([v], dtype=object) for k, v in row.items()})


@pytest.mark.parametrize("kind", SUBCLASSES, ids=lambda k: k.__name__)
@pytest.mark.parametrize(("column", "text", "amount"), CELLS, ids=[f"{c}={t}" for c, t, _ in CELLS])
def test_a_text_subclass_in_a_frame_is_paid_as_the_text_it_holds(
    kind: type, column: str, text: str, amount: str
) -> None:
    (row,) = vl.settle_file(frame(column, kind(text))).rows
    assert row.settlement is not None and row.settlement.payable == Decimal(amount), row.error
    result = settle_frame(frame(column, kind(text)))
    assert result["payable_tetri"].tolist() == [int(Decimal(amount) * 100)]


@pytest.mark.parametrize("kind", SUBCLASSES, ids=lambda k: k.__name__)
def test_a_text_subclass_given_to_the_functions_is_read_as_the_text_it_holds(kind: type) -> None:
    # 520.00 (enrolled 5 Nov), 320.00 (discharged 20 Nov too), 570.00 (a status 16..20 Nov)
    assert vl.voucher_month(kind("2021-11"), enrolled_on=kind("2021-11-05")).amount == Decimal("520.00")
    vm = vl.voucher_month("2021-11", enrolled_on="2021-11-05", discharged_on=kind("2021-11-20"))
    assert vm.amount == Decimal("320.00")
    vm = vl.voucher_month("2021-11", enrolled_on="2021-11-05", disability=[(kind("2021-11-16"), kind("2021-11-20"))])
    assert vm.amount == Decimal("570.00")
    assert vl.settle(vm, submitted_on=kind("2021-12-06")).payable == Decimal("570.00")
    assert vl.gel(kind("600.00")) == Decimal("600.00")


@pytest.mark.parametrize("kind", SUBCLASSES, ids=lambda k: k.__name__)
def test_a_claim_given_as_a_text_subclass_is_compared_as_the_amount_it_holds(kind: type) -> None:
    # review 133 F3: a claim of "600.00" whose strip said "520.00" was said to match; it is 80.00
    # over the 520.00 computed
    lines = frame("disability", "no").assign(claimed=pd.Series([kind("600.00")], dtype=object))
    (line,) = audit_invoice(lines).lines
    assert (line.verdict, line.difference) == ("over-claimed", Decimal("80.00"))


def test_a_row_whose_texts_say_they_are_blank_is_no_blank_line() -> None:
    # Review 133 F6: a row every cell of which said it was blank (its strip) was skipped as a
    # blank line: 1 row paid, 520.00, where the frame holds 2 (520.00 each, 1,040.00)
    class Blank(str):
        def strip(self, *args: Any) -> str:
            return ""

    rows = pd.concat([frame("disability", "no"), frame("disability", "no").map(lambda v: v and Blank(v))])
    report = vl.settle_file(rows.reset_index(drop=True))
    assert [r.settlement.payable for r in report.rows if r.settlement] == [Decimal("520.00"), Decimal("520.00")]


def test_the_facility_rules_read_a_text_subclass_as_the_text_it_holds() -> None:
    # Review 135 F3: a service whose strip said "shelter" was paid as one; a limit whose strip
    # said "0" paid nothing. September 2021, limit 10, 3 served each day: 7 unfilled, at most 5
    # paid (50% of 10); a day centre 5 x 5.00 x 30 days = 750.00, a shelter 5 x 10.00 x 30 = 1,500.00.
    class SaysShelter(str):
        def strip(self, *args: Any) -> str:
            return "shelter"

    class SaysZero(str):
        def strip(self, *args: Any) -> str:
            return "0"

    class Raises(str):
        def strip(self, *args: Any) -> str:
            raise Boom

        def lower(self) -> str:
            raise Boom

    for kind in (SaysShelter, Raises):
        given = vl.unfilled_place_compensation("2021-09", service=kind("day_centre"), limit=10, occupancy=3)
        assert given.amount == Decimal("750.00")
        # Tbilisi's cap: 20 paid a day in a day centre, 15 in a shelter (R4)
        assert vl.paid_beneficiary_cap(kind("tbilisi"), kind("day_centre")) == 20
    for kind in (SaysZero, Raises):
        given = vl.unfilled_place_compensation("2021-09", service="shelter", limit=kind("10"), occupancy=kind("3"))
        assert given.amount == Decimal("1500.00")


def test_a_rule_set_given_as_a_text_subclass_is_read_as_the_text_it_holds() -> None:
    # Review 135 F4: TOML text whose replace gave other TOML (tomllib calls it) was read as that
    # other text. The bundled 2021 year with a rate of 50.00 a day without a status; the subclass's
    # replace says 99.00: November 2021 is 30 x 50.00 = 1,500.00 all the same.
    bundled = (Path(vl.__file__).parent / "data" / "program_2021.toml").read_text(encoding="utf-8")
    rate = 'value = "20", citation = "annex_2_12_art_4_para_5"'
    assert bundled.count(rate) == 1
    fifty, ninety_nine = (
        bundled.replace(rate, rate.replace("20", "50")),
        bundled.replace(rate, rate.replace("20", "99")),
    )

    class Other(str):
        def replace(self, *args: Any, **kwargs: Any) -> str:
            return ninety_nine

        def __contains__(self, part: object) -> bool:
            return False

    rules = vl.RuleSet.from_toml(Other(fifty))
    assert vl.voucher_month("2021-11", rules=rules).amount == Decimal("1500.00")


def test_a_language_given_as_a_text_subclass_is_the_language_it_holds() -> None:
    # review 135 F5: "en" whose __str__ said "ka" was explained in Georgian
    class SaysKa(str):
        def __str__(self) -> str:
            return "ka"

    s = vl.settle(vl.voucher_month("2021-11"), submitted_on="2021-12-06")
    assert s.explain(SaysKa("en")) == s.explain("en")
