"""A billing system's code, written from the docs, type-checks under ``mypy --strict`` (review 86:
status periods given as mappings ran but did not type-check, and the reports ``settle_file`` and
``facility_file`` return were not public types a client could name)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CLIENT = """
from decimal import Decimal

import voucherlib as vl


def november(periods: list[dict[str, str | None]]) -> Decimal:
    vm: vl.VoucherMonth = vl.voucher_month("2021-11", enrolled_on="2021-10-01", disability=periods)
    s: vl.Settlement = vl.settle(vm, submitted_on="2021-12-08")
    return s.payable


def file_totals() -> tuple[Decimal, int]:
    report: vl.SettlementReport = vl.settle_file(vl.example_path("vouchers.csv"))
    rows: tuple[vl.SettledRow, ...] = report.invalid
    facilities: vl.FacilityReport = vl.facility_file(vl.example_path("facility_occupancy.csv"), daily_rate="25")
    first: vl.FacilityResult = facilities.results[0]
    return report.total_payable, len(rows) + len(first.rows)


def reasons() -> list[str]:
    # review 209 F4: a row's error is a Reason (docs/cli.md), said in Georgian and keeping its error
    from pathlib import Path

    bad = Path("bad.csv")
    bad.write_text("beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\\nB-1,2021-13,,,no,2021-12-06\\n")
    report = vl.settle_file(bad)
    out = []
    for row in report.invalid:
        reason = row.error  # (its type as voucherlib declares it: a Reason, with text() and error)
        if reason is not None:
            field = reason.error.field if reason.error is not None else ""
            out.append(f"{field}: {reason.text('ka')}")
    return out


def audited() -> list[str]:
    line = vl.InvoiceLine(beneficiary_id="B-1", month="2021-10", claimed="620.00", submitted_on="2021-11-05")
    return [ln.verdict for ln in vl.audit_invoice([line]).lines]


def counts() -> tuple[Decimal, int, bool]:
    # numpy's integers, as a frame's cells give them (review 105: the hints said int alone)
    import numpy as np

    visits = vl.limits_in_use("2.2", {"Tbilisi": np.int64(5)})
    housing = vl.check_housing_units({"flat 1": np.int64(3)})
    return vl.gel_from_tetri(np.int64(62000)), vl.required_workers(np.int64(26)), housing.ok and bool(visits.rows)


def widened() -> tuple[Decimal, Decimal, Decimal, int, bool]:
    # the forms the docs and the refusals offer (review 258 F3: each ran and failed mypy --strict):
    # a numpy flag, a numpy or text limit, digits as text, ISO text days of a calendar
    import numpy as np

    vm = vl.voucher_month("2021-10", disability=np.bool_(True))
    pc = vl.unfilled_place_compensation("2021-09", service="shelter", limit=np.int64(10), occupancy=3)
    fm = vl.facility_month("2021-09", city="gori", service="day_centre", limit="20", occupancy=20, daily_rate="25")
    calendar = vl.WorkingCalendar(extra_non_working_days=["2021-12-07"], extra_working_days=[])
    return vm.amount, pc.amount, fm.total, vl.required_workers("26"), calendar.is_working_day(vl.Month(2021, 12).day(7))


print(november([{"start": "2021-11-16", "end": None}]), file_totals(), audited(), counts())
print(reasons())
print(widened())
"""


def test_a_client_written_from_the_docs_passes_mypy_strict_and_runs(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    client = tmp_path / "client.py"
    client.write_text(CLIENT, encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy_cache"), str(client)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ran = subprocess.run([sys.executable, str(client)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    # November 2021, enrolled 1 Oct, status from 16 Nov: 15 x 20.00 + 15 x 30.00 = 750.00; due Mon
    # 6 Dec, submitted Wed 8 Dec: 2 working days late, 20% deducted: 600.00
    assert ran.stdout.startswith("600.00 ")
    # the line of October 2021, the whole month at 20.00 (31 days: 620.00), in time: it matches
    first, second, third = ran.stdout.rstrip().split("\n")
    # October 2021 with status all month: 31 x 30.00 = 930.00; a shelter of limit 10 with 3 served,
    # September: 7 unfilled, at most 5 paid (50% of 10) x 10.00 x 30 days = 1,500.00; a day centre in
    # Gori (no cap), limit 20, full all September: 20 x 30 days x 25.00 = 15,000.00, nothing unfilled;
    # 26 beneficiaries need 2 workers (D17); 7 Dec 2021 declared a day off by the caller
    assert third == "(Decimal('930.00'), Decimal('1500.00'), Decimal('15000.00'), 2, False)"
    assert first.endswith("['matches'] (Decimal('620.00'), 2, True)")
    # the row of month 2021-13, refused naming its field, said in Georgian (review 209 F4)
    assert second.startswith("[\"month: month: მითითებულია '2021-13'")
    # 62,000 tetri = 620.00 GEL; 26 beneficiaries need 2 workers (one for each 25 or part of 25,
    # D17); 3 in one unit is within the limit of 3, and Tbilisi's row of Annex 2.2 is in use
