"""A date, a datetime, a list, a tuple or a dict given as a caller's subclass is read by what it
holds (D43): its own ``year``, ``month``, ``day``, ``time()``, ``tzinfo``, ``__iter__``,
``__len__``, ``__getitem__``, ``get`` or ``items`` are never asked, so one that lies changes no
amount (review 158 F1, F2: a date whose ``day`` said 1 was paid for the whole month, a status
period whose ``__getitem__`` said None was paid for the month, occupancy whose ``__iter__`` said
0 was paid as unfilled places).

Worked by hand, October 2021 (31 days, due Fri 5 Nov 2021; 8-12 Nov are working days):

* enrolled 12 Oct, no status: 12..31 Oct = 20 days x 20.00 = 400.00;
* the whole month, no status: 31 x 20.00 = 620.00;
* status 5..10 Oct: 6 days x 30.00 + 25 days x 20.00 = 180.00 + 500.00 = 680.00;
* submitted Fri 12 Nov: late 8, 9, 10, 11, 12 Nov = 5 working days, 620.00 - 5 x 62.00 = 310.00;
* submitted Tue 9 Nov: late 8, 9 Nov = 2, 620.00 x 80% = 496.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl


class DayOne(dt.date):
    """A date whose own ``day``, ``month`` and ``year`` lie (1, November, 2020)."""

    @property
    def day(self) -> int:  # type: ignore[override]
        return 1

    @property
    def month(self) -> int:  # type: ignore[override]
        return 11

    @property
    def year(self) -> int:  # type: ignore[override]
        return 2020

    def toordinal(self) -> int:
        return dt.date(2020, 11, 1).toordinal()

    def isoformat(self) -> str:
        return "2020-11-01"


class Midnight(dt.datetime):
    """A datetime whose own ``time()`` says midnight and whose ``tzinfo`` says none."""

    def time(self) -> dt.time:
        return dt.time()

    @property
    def tzinfo(self) -> None:  # type: ignore[override]
        return None

    def utcoffset(self) -> None:
        return None


class NoEnds(tuple):  # type: ignore[type-arg]
    """A pair whose own items say None (an open period: the whole month)."""

    def __getitem__(self, index: Any) -> Any:
        return None

    def __iter__(self) -> Any:
        return iter((None, None))


class NoKeys(dict):  # type: ignore[type-arg]
    """A mapping whose own look-ups say None."""

    def __getitem__(self, key: Any) -> Any:
        return None

    def get(self, key: Any, default: Any = None) -> Any:
        return None


class OtherItems(list):  # type: ignore[type-arg]
    """A list whose own iteration, length and items give something else than it holds."""

    def __init__(self, held: list[Any], said: list[Any]) -> None:
        super().__init__(held)
        self.said = said

    def __iter__(self) -> Any:
        return iter(self.said)

    def __len__(self) -> int:
        return len(self.said)

    def __getitem__(self, index: Any) -> Any:
        return self.said[index]


def test_a_date_is_read_by_the_day_it_holds() -> None:
    assert vl.voucher_month("2021-10", enrolled_on=DayOne(2021, 10, 12)).amount == Decimal("400.00")
    assert vl.voucher_month(DayOne(2021, 10, 15)).amount == Decimal("620.00")  # (October, not Nov 2020)
    late = vl.settle(vl.voucher_month("2021-10"), submitted_on=DayOne(2021, 11, 12))
    assert (late.late_working_days, late.payable) == (5, Decimal("310.00"))
    calendar = vl.WorkingCalendar(extra_non_working_days=[DayOne(2021, 11, 8)])
    assert not calendar.is_working_day(dt.date(2021, 11, 8)) and calendar.is_working_day(dt.date(2020, 11, 2))
    assert dt.date(2021, 10, 12) in vl.Month(2021, 10) and DayOne(2021, 10, 12) in vl.Month(2021, 10)


def test_a_datetime_is_read_by_the_time_and_zone_it_holds() -> None:
    # at midnight without a zone: its day (12 Oct: 400.00); a time of day or a zone it holds is
    # refused whatever its own time() and tzinfo say
    assert vl.voucher_month("2021-10", enrolled_on=Midnight(2021, 10, 12)).amount == Decimal("400.00")
    with pytest.raises(vl.InvalidInput, match=r"enrolled_on.*time of day"):
        vl.voucher_month("2021-10", enrolled_on=Midnight(2021, 10, 12, 15))
    with pytest.raises(vl.InvalidInput, match=r"enrolled_on.*time zone"):
        vl.voucher_month("2021-10", enrolled_on=Midnight(2021, 10, 12, tzinfo=dt.timezone(dt.timedelta(hours=-4))))


def test_status_periods_are_read_by_what_they_hold() -> None:
    period = ("2021-10-05", "2021-10-10")
    for disability in (
        [NoEnds(period)],
        [NoKeys(start=period[0], end=period[1])],
        OtherItems([period], [(None, None)]),  # (its own iteration: the whole month, 31 x 30 = 930.00)
    ):
        assert vl.voucher_month("2021-10", disability=disability).amount == Decimal("680.00")
    assert vl.voucher_month("2021-10", disability=OtherItems([], [(None, None)])).amount == Decimal("620.00")


def test_the_batch_engine_reads_the_same_values_by_what_they_hold() -> None:
    pytest.importorskip("pandas")
    from voucherlib.batch import settle_frame

    rows = {
        "month": ["2021-10"] * 4,
        "enrolled_on": [DayOne(2021, 10, 12), None, None, None],
        "discharged_on": [None] * 4,
        "disability": [False, [NoEnds(("2021-10-05", "2021-10-10"))], False, False],
        # (its own iteration says every document came on 5 Nov, in time)
        "submitted_on": OtherItems(
            ["2021-11-05", "2021-11-05", "2021-11-09", DayOne(2021, 11, 12)], ["2021-11-05"] * 4
        ),
    }
    result = settle_frame(rows)
    assert list(result["payable_tetri"]) == [40000, 68000, 49600, 31000]
    assert list(result["status"]) == ["paid", "paid", "deducted", "deducted"]


def test_a_frames_status_cell_is_read_by_what_it_holds_by_settle_file() -> None:
    # a frame's cell read as a file's cell is (settle_file, audit_invoice): its periods as it
    # holds them, 5..10 Oct: 680.00 (its own iteration: the whole month, 930.00)
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "beneficiary_id": ["B-1"],
            "month": ["2021-10"],
            "enrolled_on": [""],
            "discharged_on": [""],
            "disability": pd.Series([OtherItems([("2021-10-05", "2021-10-10")], [(None, None)])], dtype=object),
            "submitted_on": ["2021-11-05"],
        }
    )
    (row,) = vl.settle_file(frame).rows
    assert row.settlement is not None and row.settlement.payable == Decimal("680.00")


def test_occupancy_is_read_by_what_it_holds() -> None:
    # a shelter of limit 10 with 10 children every day of September 2021: no place unfilled, 0.00
    # (its own iteration says 0 children: 10 places unfilled, at most 5 paid (50% of the limit):
    # 5 places x 10.00 x 30 days = 1,500.00)
    september = [dt.date(2021, 9, d) for d in range(1, 31)]

    class ZeroItems(dict):  # type: ignore[type-arg]
        def items(self) -> Any:
            return [(day, 0) for day in september]

        def values(self) -> Any:
            return [0] * 30

        def __getitem__(self, key: Any) -> Any:
            return 0

    for occupancy in (OtherItems([10] * 30, [0] * 30), ZeroItems(dict.fromkeys(september, 10))):
        paid = vl.unfilled_place_compensation("2021-09", service="shelter", limit=10, occupancy=occupancy)
        assert paid.amount == Decimal("0.00")


def test_every_collection_a_rule_reads_is_read_by_what_it_holds() -> None:
    # review 160 F5. A calendar with 8 Nov 2021 off: October, submitted Tue 9 Nov, is 1 working
    # day late (9 Nov), 620.00 x 90% = 558.00 (its own iteration says no day off: 2 late, 496.00)
    nov8 = dt.date(2021, 11, 8)
    calendar = vl.WorkingCalendar(extra_non_working_days=OtherItems([nov8], []))
    late = vl.settle(vl.voucher_month("2021-10"), submitted_on="2021-11-09", calendar=calendar)
    assert late.payable == Decimal("558.00")
    # two results spent, 620.00 + 930.00 = 1,550.00 (its own iteration gives one: 620.00)
    spent = [vl.settle(vl.voucher_month("2021-10", disability=d), submitted_on="2021-11-05") for d in (False, True)]
    assert vl.budget_in_use("2.12", OtherItems(spent, spent[:1])).spent == Decimal("1550.00")

    # Tbilisi 600 of its Annex 1.1 limit 570: over (its own items say 10)
    class TenItems(dict):  # type: ignore[type-arg]
        def items(self) -> Any:
            return {"Tbilisi": 10}.items()

    use = vl.limits_in_use("1.1", TenItems({"Tbilisi": 600}))
    assert [row.municipality for row in use.over] == ["Tbilisi"] and use.total_used == 600
    # an invoice of two lines of A's October: 620.00 once, the second already billed (its own
    # iteration says A and B: 1,240.00)
    line = {"month": "2021-10", "claimed": "620.00", "submitted_on": "2021-11-05"}
    a, b = (vl.InvoiceLine(beneficiary_id=i, **line) for i in "AB")
    assert vl.audit_invoice(OtherItems([a, a], [a, b])).total_payable == Decimal("620.00")


def test_an_id_that_is_no_number_a_frame_takes_is_refused_in_code_too() -> None:
    # review 160 F1, F7: Decimal("NaN") was the beneficiary "NaN" (paid 620.00), and the floats
    # 12345678901234567890.0 and 1e20 ids of lost digits, each paid; a frame's line of them is
    # invalid, and an InvoiceLine refuses them; an empty id (None, NaN) makes its line invalid,
    # as a frame's does, and an empty name is none (review 162 F2: refused, stopping the invoice)
    for ident in (12345678901234567890.0, 1e20, Decimal("sNaN"), Decimal("Infinity")):
        with pytest.raises(vl.InvalidInput, match=r"InvoiceLine\.beneficiary_id"):
            vl.InvoiceLine(beneficiary_id=ident, month="2021-10", claimed="620.00")
    empty = [
        vl.InvoiceLine(beneficiary_id=i, name=None, month="2021-10", claimed="620.00") for i in (Decimal("NaN"), None)
    ]
    report = vl.audit_invoice(empty, submitted_on="2021-11-05")
    assert [(ln.verdict, ln.payable, ln.name) for ln in report.lines] == [("invalid", None, "")] * 2
    # a text is read by the audit as a file's cell: "#N/A" is an invalid line, never paid
    line = vl.InvoiceLine(beneficiary_id="#N/A", name="#N/A", month="2021-10", claimed="620.00")
    (audited,) = vl.audit_invoice([line], submitted_on="2021-11-05").lines
    assert audited.verdict == "invalid" and audited.payable is None
    pd = pytest.importorskip("pandas")
    cells = {"month": ["2021-10"], "enrolled_on": [""], "discharged_on": [""], "disability": ["no"]}
    cells |= {"claimed": ["620.00"], "submitted_on": ["2021-11-05"]}
    frame = pd.DataFrame({"beneficiary_id": [Decimal("NaN")], **cells})
    (audited,) = vl.audit_invoice(frame).lines
    assert audited.verdict == "invalid" and audited.payable is None


@given(st.dates(dt.date(2021, 10, 1), dt.date(2021, 10, 31)))
def test_any_enrolment_day_as_a_lying_subclass_pays_what_the_plain_day_pays(day: dt.date) -> None:
    # (32 - day) days of October x 20.00, whatever the subclass says its day is
    lying = DayOne(day.year, day.month, day.day)
    expected = Decimal(20 * (32 - day.day)).quantize(Decimal("0.01"))
    assert vl.voucher_month("2021-10", enrolled_on=lying).amount == expected
    assert vl.voucher_month("2021-10", enrolled_on=day).amount == expected


def test_count_discharge_day_takes_numpys_bool_in_every_entry_point() -> None:
    # review 158 F6: voucher_month took numpy.False_, settle_frame and audit_invoice refused it.
    # Discharged 10 Oct, the discharge day not counted: 1..9 Oct = 9 x 20.00 = 180.00, in time
    np = pytest.importorskip("numpy")
    from voucherlib.batch import settle_frame

    month = vl.voucher_month("2021-10", discharged_on="2021-10-10", count_discharge_day=np.False_)
    assert month.amount == Decimal("180.00")
    frame = {
        "month": ["2021-10"],
        "enrolled_on": [None],
        "discharged_on": ["2021-10-10"],
        "disability": [False],
        "submitted_on": ["2021-11-05"],
    }
    assert list(settle_frame(frame, count_discharge_day=np.False_)["payable_tetri"]) == [18000]
    line = vl.InvoiceLine(
        beneficiary_id="B-1", month="2021-10", discharged_on="2021-10-10", claimed="180.00", submitted_on="2021-11-05"
    )
    (audited,) = vl.audit_invoice([line], count_discharge_day=np.False_).lines
    assert (audited.verdict, audited.payable) == ("matches", Decimal("180.00"))


def test_a_whole_decimal_id_is_the_id_its_digits_write() -> None:
    # review 158 F4: Decimal("101") and Decimal("101.0") (a database's NUMERIC ids) were two
    # beneficiaries, each paid October (1,240.00 in all), with no finding; as the floats 101 and
    # 101.0 they are one, billed twice: 620.00 once, the second line already billed (D28).
    # review 158 F5: an id given as a number was refused in pydantic's words
    lines = [
        vl.InvoiceLine(beneficiary_id=ident, month="2021-10", claimed="620.00", submitted_on="2021-11-05")
        for ident in (Decimal("101"), Decimal("101.0"))
    ]
    report = vl.audit_invoice(lines)
    assert [(line.beneficiary_id, line.verdict, line.payable) for line in report.lines] == [
        ("101", "matches", Decimal("620.00")),
        ("101", "already billed", Decimal("0.00")),
    ]
    assert [finding.code for finding in report.findings] == ["double-billing"]
    assert vl.InvoiceLine(beneficiary_id=101, month="2021-10", claimed="620.00").beneficiary_id == "101"
    assert vl.InvoiceLine(beneficiary_id=Decimal("1E+3"), month="2021-10", claimed="1").beneficiary_id == "1000"
    assert vl.InvoiceLine(beneficiary_id=Decimal("101.5"), month="2021-10", claimed="1").beneficiary_id == "101.5"
    # any whole number is written as the int of it writes it, whatever its digits (review 162 F1:
    # past 30 digits the Decimal kept its text, "111...1.0", another beneficiary than the int's)
    ones = "1" * 31
    for ident in (Decimal(ones + ".0"), Decimal(ones)):
        assert vl.InvoiceLine(beneficiary_id=ident, month="2021-10", claimed="1").beneficiary_id == ones
    assert vl.InvoiceLine(beneficiary_id=Decimal("1E+40"), month="2021-10", claimed="1").beneficiary_id == str(10**40)
    # zero with any exponent is 0 (review 163 F5: refused as too long); a name of an infinity or a
    # signalling NaN is its text, as before, and an id of one refused (review 163 F4, 162 F10)
    assert vl.InvoiceLine(beneficiary_id=Decimal("0E+5000"), month="2021-10", claimed="1").beneficiary_id == "0"
    # an id of up to a cell's 4,096 characters, its sign counted, as an int or a Decimal alike (review
    # 167 F5: an int of 3,701 to 4,096 digits was refused as more than 4,096 characters)
    for big in (10**4095, Decimal(10**4095), -(10**4094), Decimal(-(10**4094))):
        assert len(vl.InvoiceLine(beneficiary_id=big, month="2021-10", claimed="1").beneficiary_id) == 4096
    for bigger in (10**4096, Decimal(10**4096), Decimal(-(10**4095))):
        with pytest.raises(vl.InvalidInput, match="at most 4,096 characters"):
            vl.InvoiceLine(beneficiary_id=bigger, month="2021-10", claimed="1")
    for odd in (Decimal("Infinity"), Decimal("sNaN")):
        assert vl.InvoiceLine(beneficiary_id="B", name=odd, month="2021-10", claimed="1").name == str(odd)
        with pytest.raises(vl.InvalidInput, match=r"InvoiceLine\.beneficiary_id"):
            vl.InvoiceLine(beneficiary_id=odd, month="2021-10", claimed="1")
