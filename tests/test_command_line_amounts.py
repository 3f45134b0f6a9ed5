"""The command line's own amounts (``--daily-rate``, ``--tolerance``) and the file's separator.

``--decimal-separator`` says which character comes before the tetri in the *file's* amounts. The
caller's own figures are read without it, as ``daily_rate=`` and ``tolerance=`` are in Python:
review 49 found ``--daily-rate 2.125 --decimal-separator ,`` priced at 2,125 GEL a day, and a
tolerance of ``1.000`` taken as 1,000 GEL, so that a claim 300.00 GEL too high "matched".

The example facility F-1 (a Tbilisi shelter of 20 places, September 2021): 10 days of 12 children
and 20 days of 18, paid for at most 15 a day (R4): 10 x 12 + 20 x 15 = 420 paid child-days;
unfilled 10 x 8 + 20 x 2 = 120 place-days (at most 10 a day, R3), 120 x 10 GEL = 1,200.00, against
a claim of 1,500.00.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import voucherlib as vl
from voucherlib.cli import example_path, main
from voucherlib.reports.facility_audit import audit_facility_invoice

OCCUPANCY = example_path("facility_occupancy.csv")


def _comma_claims(tmp_path: Path) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text(
        'facility_id,month,claimed_children,claimed_unfilled\nF-1,2021-09,"10500,00","1500,00"\n'
        'F-2,2021-09,"26250,00","750,00"\n',
        encoding="utf-8",
    )
    return path


def test_a_daily_rate_of_two_readings_is_refused_whatever_the_files_separator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = _comma_claims(tmp_path)
    for flags in ([], ["--decimal-separator", ","]):
        assert main(["audit-facility", str(OCCUPANCY), str(claims), "--daily-rate", "2.125", *flags, "-q"]) == 2
        assert "'2125' or '2.1250'" in capsys.readouterr().err  # either reading, as text
    for rate in ("2.125", "2,125"):
        with pytest.raises(vl.InvalidInput, match="daily_rate") as caught:
            audit_facility_invoice(OCCUPANCY, claims, daily_rate=rate, decimal_separator=",")
        # a rate has up to four decimals: two cannot write 2.125, so either reading is advised
        # as text and as a Decimal (the advice was "write it with two decimals")
        assert "'2125' or '2.1250'" in str(caught.value) and "Decimal('2.125')" in str(caught.value)
        assert "two decimals" not in str(caught.value)
        assert "'2125' ან '2.1250'" in caught.value.message("ka")


def test_a_daily_rate_written_one_way_prices_the_paid_child_days(tmp_path: Path) -> None:
    # 420 paid child-days x 2.1250 GEL = 892.50 (never 420 x 2,125 = 892,500.00)
    report = audit_facility_invoice(OCCUPANCY, _comma_claims(tmp_path), daily_rate="2.1250", decimal_separator=",")
    f1_children = next(ln for ln in report.lines if ln.beneficiary_id == "F-1" and ln.computed != Decimal("1200.00"))
    assert f1_children.computed == Decimal("892.50")


def test_a_tolerance_is_read_without_the_files_separator(tmp_path: Path) -> None:
    claims = _comma_claims(tmp_path)
    with pytest.raises(vl.InvalidInput, match=r"tolerance: got '1\.000'"):  # 1 GEL or 1,000 GEL?
        audit_facility_invoice(OCCUPANCY, claims, daily_rate=25, tolerance="1.000", decimal_separator=",")
    with pytest.raises(vl.InvalidInput, match=r"tolerance: got '1\.000'"):
        vl.audit_invoice(example_path("invoice.csv"), tolerance="1.000", decimal_separator=",")
    # A tolerance of 1 GEL: F-1's unfilled places, 1,500.00 claimed for 1,200.00, over-claimed by 300.00.
    report = audit_facility_invoice(OCCUPANCY, claims, daily_rate=25, tolerance="1", decimal_separator=",")
    unfilled = next(ln for ln in report.lines if ln.beneficiary_id == "F-1" and ln.computed == Decimal("1200.00"))
    assert (unfilled.verdict, unfilled.claimed - unfilled.computed) == ("over-claimed", Decimal("300.00"))
    assert vl.audit_invoice(example_path("invoice.csv"), tolerance="0.5", decimal_separator=",").tolerance == Decimal(
        "0.50"
    )


def test_summary_advises_only_what_it_takes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # review 49: it advised --decimal-separator, which summary does not take
    path = tmp_path / "s.toml"
    path.write_text('title = "T"\n[[program]]\nnumber = 1\ntitle = "P"\nbeneficiaries = 3\namount = "12.345"\n')
    assert main(["summary", str(path)]) == 2
    err = capsys.readouterr().err
    assert "write it with two decimals (e.g. '12345.00')" in err and "--decimal-separator" not in err
