"""Time ``facility_month`` per call against ``settle(voucher_month(...))`` per call, in one run.

    .venv/bin/python benchmarks/bench_facility.py                  # 1,000 of each, best of 15
    .venv/bin/python benchmarks/bench_facility.py --n 5000 --repeat 11

A benchmark, not a test. Issue 15, target 6: a facility-month (R3 + R4, Annex 2.8) costs at
most 10x one voucher-month settled (R1 + R2, Annex 2.12). Both are timed here on generated
data, the two loops taking turns so that a busy machine slows both alike; the best of the
runs of each is divided by the number of calls, and the ratio printed.

Data (seeded): service months Oct 2021 - Dec 2026 under the shipped example rule set that
carries the 2021 terms on (an assumption, not law). Facility-months: a shelter or day centre
in one of the four capped cities or three others (one written in Georgian), a limit of 5 to
60 places, a daily count that wanders around the limit (so that days fall below it, above
it and above the cap), a rate of 25 GEL, 20% under D20's other reading
(``compensation_within_cap``). The occupancy is a mapping date -> count, as the facility file
gives it; the same months are timed again with a list of counts and with one count for the
month. Voucher-months: 20% enrolled during the month, 10% discharged, 25% with disability
status, submitted 0 to 15 days into the next month, the default calendar.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import voucherlib as vl
from voucherlib.cli import example_path

CITIES = ["tbilisi", "kutaisi", "rustavi", "batumi", "gori", "telavi", "ზუგდიდი"]
RATE = Decimal("25")


def months(rng: random.Random, n: int) -> list[vl.Month]:
    """Service months from Oct 2021 (when both rules are in force) to Dec 2026."""
    first, last = 2021 * 12 + 9, 2026 * 12 + 11
    return [vl.Month(k // 12, k % 12 + 1) for k in (rng.randint(first, last) for _ in range(n))]


def facility_calls(rng: random.Random, n: int) -> list[dict[str, Any]]:
    calls = []
    for month in months(rng, n):
        limit = rng.randint(5, 60)
        served, level = [], limit * rng.uniform(0.5, 1.2)
        for _ in range(month.days):
            level = max(0.0, level + rng.uniform(-2, 2))
            served.append(round(level))
        calls.append(
            {
                "month": month,
                "city": rng.choice(CITIES),
                "service": rng.choice(["shelter", "day_centre"]),
                "limit": limit,
                "occupancy": {month.day(i + 1): c for i, c in enumerate(served)},
                "daily_rate": RATE,
                "compensation_within_cap": rng.random() < 0.2,
            }
        )
    return calls


def voucher_calls(rng: random.Random, n: int) -> list[tuple[dict[str, Any], dt.date]]:
    calls = []
    for month in months(rng, n):
        enrolled = month.day(rng.randint(1, month.days)) if rng.random() < 0.2 else month.first_day - dt.timedelta(400)
        discharged = enrolled + dt.timedelta(rng.randint(0, 60)) if rng.random() < 0.1 else None
        args = {"month": month, "enrolled_on": enrolled, "discharged_on": discharged, "disability": rng.random() < 0.25}
        calls.append((args, month.next().day(rng.randint(1, 16))))
    return calls


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="calls of each kind per run")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()

    rules = vl.RuleSet.default().extend(example_path("continuation_2022_2026.toml"))
    rng = random.Random(args.seed)
    facilities = facility_calls(rng, args.n)
    as_lists = [c | {"occupancy": list(c["occupancy"].values())} for c in facilities]
    as_one = [c | {"occupancy": round(sum(c["occupancy"].values()) / len(c["occupancy"]))} for c in facilities]
    vouchers = voucher_calls(rng, args.n)

    def settle_all() -> None:
        for kwargs, submitted in vouchers:
            vl.settle(vl.voucher_month(**kwargs, rules=rules), submitted_on=submitted)

    def facility_all(calls: list[dict[str, Any]]) -> Callable[[], None]:
        def run() -> None:
            for kwargs in calls:
                vl.facility_month(**kwargs, rules=rules)

        return run

    paths = {
        "settle(voucher_month(...))": settle_all,
        "facility_month, occupancy date -> count": facility_all(facilities),
        "facility_month, a list of daily counts": facility_all(as_lists),
        "facility_month, one count for the month": facility_all(as_one),
    }
    best = dict.fromkeys(paths, float("inf"))
    for fn in paths.values():
        fn()  # warm the caches of the rule set and the calendar
    for _ in range(args.repeat):
        for name, fn in paths.items():
            best[name] = min(best[name], timed(fn))

    reference = best["settle(voucher_month(...))"] / args.n
    print(f"{args.n:,} calls of each, best of {args.repeat} runs (Python {sys.version.split()[0]})\n")
    print("| path | us per call | x settle(voucher_month) |\n|---|---:|---:|")
    for name, seconds in best.items():
        per_call = seconds / args.n
        print(f"| {name} | {per_call * 1e6:.1f} | {per_call / reference:.1f} |")
    ratio = best["facility_month, occupancy date -> count"] / args.n / reference
    print(f"\nfacility_month / (voucher_month + settle): {ratio:.1f}x (target: at most 10x)")
    return 0 if ratio <= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
