"""Money text in the forms people type (issue 11, item 2): one exact reading, or a refusal."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.reports.audit import audit_invoice

FIXTURES = Path(__file__).parent / "fixtures"

ACCEPTED = [
    ("620", None, "620"),
    ("620.00", None, "620.00"),
    ("600,00", None, "600.00"),  # the Georgian decimal comma
    ("620,5", None, "620.5"),
    ("1 234,56", None, "1234.56"),  # space between thousands
    ("1\u00a0234,56", None, "1234.56"),  # no-break space
    ("1\u202f234,56", None, "1234.56"),  # narrow no-break space
    ("1'234.56", None, "1234.56"),  # apostrophe
    ("1.234,56", None, "1234.56"),
    ("1,234.56", None, "1234.56"),
    ("1.000,00", None, "1000.00"),  # was read as 1.00: never scale silently
    ("1,234,567.00", None, "1234567.00"),
    ("1.234.567", None, "1234567"),  # a mark used twice can only group thousands
    ("620 GEL", None, "620"),
    ("620 gel", None, "620"),
    ("₾620", None, "620"),
    ("620,00 ₾", None, "620.00"),
    ("620 ლარი", None, "620"),
    # review 227: the lari as Georgian documents abbreviate it, and in Latin letters
    ("620,00 ლ.", None, "620.00"),
    ("620 ლ", None, "620"),
    ("620,00ლ", None, "620.00"),
    ("620,00 ლარ.", None, "620.00"),
    ("ლ. 620,00", None, "620.00"),
    ("620.00 Lari", None, "620.00"),
    ("620.00 LARI", None, "620.00"),
    ("-20,00", None, "-20.00"),
    ("  620.00  ", None, "620.00"),
    ("1,234", ".", "1234"),  # ambiguous alone; the file says '.' is the decimal point
    ("1.234", ",", "1234"),
    ("1.234.567,89", ",", "1234567.89"),
    ("1,234,567.89", ".", "1234567.89"),
    ("0,12", ",", "0.12"),
    ("0.5", ".", "0.5"),
    ("10,125", ".", "10125"),  # a group led by a digit other than 0
]

REFUSED = [
    # A group of thousands is led by 1 to 3 digits, never 0: with '.' before the tetri, "0,125"
    # was read as 0 thousand 125 = 125 GEL, a thousand times the eighth of a lari it may mean.
    ("0,125", ".", "grouped by three"),
    ("0.500", ",", "grouped by three"),
    ("00,123", ".", "grouped by three"),
    ("012,345", ".", "grouped by three"),
    # The character before the tetri is never also the thousands separator.
    ("1,234,56", ",", "',' once, before the tetri"),
    ("1.234.56", ".", "'.' once, before the tetri"),
    ("1,23,456", ".", "grouped by three"),
    ("1,234", None, "can only be read one way"),  # a thousand and more, or a lari and a fraction
    ("1.234", None, "can only be read one way"),
    ("1,234", ",", "at most 2 decimals"),
    ("1.2345", None, "at most 2 decimals"),
    ("0,125", None, "at most 2 decimals"),
    # review 64: a whole lari of four digits or more before one mark is no thousands group (it
    # would be led by 1 to 3 digits): only a decimal point fits, so three decimals are the fault,
    # not "may be a thousand and more"
    ("1200.005", None, "at most 2 decimals"),
    ("1200,005", None, "at most 2 decimals"),
    ("-12000.000", None, "at most 2 decimals"),
    ("1e3", None, "an amount of GEL"),
    ("1E3", None, "an amount of GEL"),
    ("1_000", None, "an amount of GEL"),
    ("١٢٣", None, "an amount of GEL"),  # Arabic-Indic digits
    ("１２３", None, "an amount of GEL"),  # full-width digits
    ("620.", None, "an amount of GEL"),
    ("NaN", None, "an amount of GEL"),
    ("Infinity", None, "an amount of GEL"),
    ("", None, "an amount of GEL"),
    ("GEL", None, "an amount of GEL"),
    ("1 23,45", None, "grouped by three"),
    ("1 234.567,00", None, "one kind of thousands separator"),
    ("1.234,56", ".", "an amount of GEL"),  # the caller said '.' is the decimal point
    ("1,5", ".", "grouped by three"),
]


@pytest.mark.parametrize(("text", "separator", "amount"), ACCEPTED)
def test_an_amount_typed_in_a_common_form_reads_exactly(text: str, separator, amount: str) -> None:
    got = vl.gel(text, decimal_separator=separator)
    assert got == Decimal(amount) and str(got) == amount


@pytest.mark.parametrize(("text", "separator", "why"), REFUSED)
def test_an_unclear_or_malformed_amount_is_refused_naming_the_field(text: str, separator, why: str) -> None:
    with pytest.raises(vl.InvalidInput) as info:
        vl.gel(text, field="claimed", decimal_separator=separator)
    assert info.value.field == "claimed" and why in str(info.value)


def test_an_unknown_decimal_separator_is_refused() -> None:
    with pytest.raises(vl.InvalidInput, match="decimal_separator"):
        vl.gel("1,00", decimal_separator=";")  # type: ignore[arg-type]


GROUPINGS = [
    ("", "."),
    (",", "."),
    ("'", "."),
    (" ", "."),
    ("", ","),
    (".", ","),
    (" ", ","),
    ("\u00a0", ","),
    ("\u202f", ","),
]


def written(amount: Decimal, grouping: str, point: str, unit: str) -> str:
    whole, fraction = f"{abs(amount):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    sign = "-" if amount < 0 else ""
    return f"{sign}{grouping.join(groups)}{point}{fraction}{unit}"


@given(
    st.decimals(min_value=-(10**11), max_value=10**11, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(GROUPINGS),
    st.sampled_from(["", " GEL", " ₾", " ლარი", " ლ.", " ლარ.", " lari"]),
)
def test_formatting_an_amount_with_any_supported_separators_and_reading_it_back_gives_the_amount(
    amount: Decimal, separators: tuple[str, str], unit: str
) -> None:
    grouping, point = separators
    text = written(amount, grouping, point, unit)
    assert vl.gel(text) == amount
    assert vl.gel(text, decimal_separator=point) == amount  # naming the file's separator changes nothing


# The invoice of tests/fixtures, as LibreOffice writes it (make_fixtures.sh). Expected by hand:
#   B-01: November 2021, enrolled before it, no status: 30 days x 20 GEL = 600.00; claimed 600.00
#   B-04: with status all month: 30 x 30 GEL = 900.00; claimed 900.00
#   B-10: as B-01, 600.00; claimed 1,234.56 -> over-claimed by 634.56
#   B-05: enrolled 2021-11-20: days 20..30 = 11 x 20 GEL = 220.00; claimed 220.50 -> over by 0.50
#   all submitted 2021-12-06, within the deadline: payable = computed.
FIXTURE_CLAIMED = [Decimal("600.00"), Decimal("900.00"), Decimal("1234.56"), Decimal("220.50")]
FIXTURE_COMPUTED = [Decimal("600.00"), Decimal("900.00"), Decimal("600.00"), Decimal("220.00")]


@pytest.mark.parametrize("name", ["invoice_ka.csv", "invoice_de.csv", "invoice_ka.xlsx", "invoice_de.xlsx"])
def test_a_locale_export_of_libreoffice_reads_to_the_exact_amounts(name: str) -> None:
    report = audit_invoice(FIXTURES / name)
    assert [ln.beneficiary_id for ln in report.lines] == ["B-01", "B-04", "B-10", "B-05"]
    assert [ln.claimed for ln in report.lines] == FIXTURE_CLAIMED
    assert [ln.computed for ln in report.lines] == FIXTURE_COMPUTED
    assert [ln.verdict for ln in report.lines] == ["matches", "matches", "over-claimed", "over-claimed"]
    assert report.total_difference == Decimal("635.06")  # 634.56 + 0.50


def test_a_semicolon_file_read_with_a_comma_delimiter_says_which_delimiter_it_uses() -> None:
    with pytest.raises(vl.InvalidInput, match="the file seems to use ';'"):
        audit_invoice(FIXTURES / "invoice_de.csv", delimiter=",")


def test_a_tab_separated_invoice_is_read(tmp_path: Path) -> None:
    text = (FIXTURES / "invoice_de.csv").read_text(encoding="utf-8").replace(";", "\t")
    (tmp_path / "i.tsv").write_text(text, encoding="utf-8")
    assert [ln.claimed for ln in audit_invoice(tmp_path / "i.tsv").lines] == FIXTURE_CLAIMED


def test_an_ambiguous_claim_is_invalid_unless_the_file_separator_is_named(tmp_path: Path) -> None:
    path = tmp_path / "i.csv"
    path.write_text(
        "beneficiary_id;month;enrolled_on;discharged_on;disability;claimed;submitted_on\n"
        "B-01;2021-11;;;no;1.200;2021-12-06\n",
        encoding="utf-8",
    )
    line = audit_invoice(path).lines[0]
    assert line.verdict == "invalid" and "can only be read one way" in line.reason
    # With ',' named as the decimal separator, 1.200 is one thousand two hundred lari;
    # computed 30 x 20 = 600.00, so over-claimed by 600.00.
    line = audit_invoice(path, decimal_separator=",").lines[0]
    assert (line.claimed, line.difference, line.verdict) == (Decimal("1200"), Decimal("600.00"), "over-claimed")


# ---------------------------------------------------------------- a caller's Decimal, like text (review 11a P3)

LONG = Decimal("1." + "0" * 150 + "1")  # 1.000...0001: 152 significant digits


class _Payable:
    """Anything with a Decimal 'payable', as summary_line and budget_in_use accept."""

    def __init__(self, payable: Decimal) -> None:
        self.payable = payable


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: vl.budget_in_use("2.12", LONG), "spent"),
        (lambda: vl.budget_in_use("2.12", [_Payable(LONG), _Payable(LONG)]), "spent[0].payable"),
        (lambda: vl.summary_line(1, "x", [_Payable(Decimal("1.00")), _Payable(LONG)]), "settlements[1].payable"),
        (
            lambda: vl.facility_month(
                "2021-10",
                city="tbilisi",
                service="shelter",
                limit=20,
                occupancy=18,
                daily_rate=Decimal("30." + "0" * 150 + "1"),
            ),
            "daily_rate",
        ),
        (lambda: vl.gel(Decimal("1E-999999")), "amount"),
        (lambda: vl.gel(Decimal("620.001")), "amount"),
        (lambda: vl.gel(Decimal("1E+12")), "amount"),
    ],
)
def test_a_decimal_with_more_decimals_than_the_field_allows_is_refused_naming_the_field(call, field: str) -> None:
    with pytest.raises(vl.InvalidInput) as info:
        call()
    assert info.value.field == field


def test_a_daily_rate_has_at_most_four_decimals_whether_text_or_decimal() -> None:
    for rate in (Decimal("30.00001"), "30.00001"):
        with pytest.raises(vl.InvalidInput, match=r"daily_rate: .* at most 4 decimals"):
            vl.facility_month("2021-10", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate=rate)
    # Four decimals, as a GEL/day rule value may have, are read alike as text and as a Decimal:
    # Oct 2021, Tbilisi shelter, 18 children a day capped at 15: 31 x 15 = 465 child-days;
    # 465 x 30.0025 = 13,951.1625 -> 13,951.16 GEL.
    months = [
        vl.facility_month("2021-10", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate=rate)
        for rate in (Decimal("30.0025"), "30.0025")
    ]
    assert [m.beneficiary_amount for m in months] == [Decimal("13951.16")] * 2


def test_a_decimal_is_read_by_its_value_not_its_digits() -> None:
    # 620.000 and 0E-999999 are whole tetri (620.00 and 0.00); they come back with two decimals.
    assert str(vl.gel(Decimal("620.000"))) == "620.00"
    assert str(vl.gel(Decimal("0E-999999"))) == "0.00"
    assert vl.budget_in_use("2.12", Decimal("12850.000")).share == Decimal("25.00")  # 12,850 / 51,400


@pytest.mark.parametrize(
    "amount", [Decimal("1E+999999"), Decimal("1E+200"), Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity"), 2.5]
)
def test_round_to_tetri_and_to_tetri_refuse_what_they_cannot_round_with_a_voucher_error(amount: object) -> None:
    for helper in (vl.round_to_tetri, vl.to_tetri):
        with pytest.raises(vl.InvalidInput, match="amount: got"):
            helper(amount)  # type: ignore[arg-type]


def test_the_exact_helpers_raise_a_voucher_error_not_a_raw_decimal_error() -> None:
    from voucherlib.core.money import add, multiply, percent_of, subtract, total

    for call in (
        lambda: add(LONG, Decimal("0.01")),
        lambda: subtract(LONG, Decimal("0.01")),
        lambda: multiply(LONG, LONG),
        lambda: percent_of(LONG, Decimal("12.5")),
        lambda: total([Decimal("1.00"), LONG]),
    ):
        with pytest.raises(vl.InvalidInput, match="at most 100 significant digits"):
            call()


@pytest.mark.parametrize(
    ("given", "text"),
    [
        # review 43: gel() returned these as given, and their text reached JSON ("spent": "1E+2")
        (Decimal("1E+2"), "100"),  # 1 x 10^2 GEL = 100 GEL
        (Decimal("6.2E+2"), "620"),  # 6.2 x 10^2 = 620
        (Decimal("620.000"), "620.00"),  # as before: judged by its value, two places
        (Decimal("100"), "100"),
    ],
)
def test_an_amount_given_as_a_decimal_is_written_plainly(given: Decimal, text: str) -> None:
    assert str(vl.gel(given)) == text and vl.gel(given) == given
    use = vl.budget_in_use("2.12", given)
    assert json.loads(use.model_dump_json())["spent"] == text


def test_a_numpy_integer_is_an_amount_as_an_int_is() -> None:
    # review 43: np.int64 was taken as a daily rate or a limit, but refused as an amount, a
    # tolerance, and as budget_in_use's spent ("expected a collection of settlements")
    np = pytest.importorskip("numpy")
    assert vl.gel(np.int64(620)) == vl.gel(620) == Decimal("620")
    assert vl.gel(np.uint8(5)) == Decimal("5")
    assert vl.budget_in_use("2.12", np.int64(12850)).share == Decimal("25.00")  # 12,850 / 51,400
    for not_an_amount in (np.bool_(True), np.float64(620.0), np.timedelta64(5), np.datetime64("2021-10-01")):
        with pytest.raises(vl.InvalidInput):
            vl.gel(not_an_amount)
        with pytest.raises(vl.InvalidInput) as info:
            vl.budget_in_use("2.12", not_an_amount)
        assert "collection" not in str(info.value)
    with pytest.raises(vl.InvalidInput):  # a 0-d array: iterable in name only (review 44)
        vl.budget_in_use("2.12", np.array(5))
    report = vl.audit_invoice(vl.example_path("invoice.csv"), tolerance=np.int64(1))
    assert report.total_payable == vl.audit_invoice(vl.example_path("invoice.csv"), tolerance=1).total_payable


def test_the_tetri_of_a_decimal_subclass_are_those_of_its_value() -> None:
    """Review 119 F3: round_to_tetri, to_tetri and exact_tetri called a Decimal subclass's own
    quantize (and ==): one that lied gave 1.00 for 620.005. They read its value: 620.005 rounds
    half up to 620.01, 62,001 tetri, and is no whole number of tetri."""
    from voucherlib.core.money import exact_tetri, round_to_tetri, to_tetri

    class Lying(Decimal):
        def quantize(self, *args: object, **kwargs: object) -> Decimal:  # type: ignore[override]
            return Decimal("1.00")

        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = Decimal.__hash__

    assert round_to_tetri(Lying("620.005")) == Decimal("620.01") and type(round_to_tetri(Lying("1"))) is Decimal
    assert to_tetri(Lying("620.005")) == 62001
    assert exact_tetri(Lying("620.005")) is None and exact_tetri(Lying("620.01")) == 62001


@pytest.mark.parametrize("text", [" -   ₾ ", "-", "- GEL", "-ლარი"])
def test_a_dash_alone_is_refused_saying_it_may_be_an_accounting_formats_zero(tmp_path, text: str) -> None:
    # Review 211 F6: Excel's accounting format writes 0 as " -   ₾ " in a CSV; refused (a dash may
    # as well mean an amount not known), now saying so, in a file's claim too
    with pytest.raises(vl.InvalidInput, match="a dash alone is how a spreadsheet's accounting format shows 0"):
        vl.gel(text)
    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        f'B-1,2021-10,,,no,"{text}",2021-11-05\n',
        encoding="utf-8",
    )
    line = vl.audit_invoice(path).lines[0]
    assert line.verdict == "invalid" and "accounting format shows 0" in line.reason


@pytest.mark.parametrize("text", ["1.234 ლ.", "1,000 ლარ.", "ლ. 1,234", "1.234ლ."])
def test_an_amount_of_two_readings_with_the_lari_abbreviated_is_refused_with_advice_that_reads(text: str) -> None:
    # Review 228 F1, F2: the unit's point was kept in the advice's number, Decimal('1.234.') raised
    # decimal.InvalidOperation (no VoucherError) and a rate was advised '2.125.0'
    with pytest.raises(vl.InvalidInput, match="may be a thousand and more or a lari and a fraction") as refused:
        vl.budget_in_use("2.12", spent=text)  # (no file, no separator to name: the two Decimals advised)
    advice = str(refused.value).split("write it")[1]
    assert ("1234" in advice or "1000" in advice) and ".'" not in advice and ".')" not in advice, advice
    with pytest.raises(vl.InvalidInput, match=r"\('2125' or '2\.1250'\)"):
        vl.facility_month("2021-10", city="gori", service="shelter", limit=10, occupancy=3, daily_rate="2,125 ლ.")
