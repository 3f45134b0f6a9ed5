"""Time ``facility_month`` per call against ``settle(voucher_month(...))`` per call, in one run.

    .venv/bin/python benchmarks/bench_facility.py                  # 1,000 of each
    .venv/bin/python benchmarks/bench_facility.py --n 5000 --repeat 25

A benchmark, not a test. Issue 15, target 6: a facility-month (R3 + R4, Annex 2.8) costs at
most 10x one voucher-month settled (R1 + R2, Annex 2.12). Both are timed here, in one run, on
generated data: the calls are cut into chunks of 250, and each chunk is timed for every path
in turn, 15 times over; a path's time is the sum of its chunks' best times (so a burst of
load spoils one sample, not the result, and every call counts once). The clock is this
thread's CPU time (``time.thread_time``): on a shared machine, wall time also counts the
other processes that ran meanwhile, and more of them in a longer loop. The time per call of
each path and its ratio to a settled voucher-month are printed.

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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="calls of each kind per run")
    ap.add_argument("--repeat", type=int, default=15, help="times each chunk is timed")
    ap.add_argument("--chunk", type=int, default=250, help="calls timed together")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()

    rules = vl.RuleSet.default().extend(example_path("continuation_2022_2026.toml"))
    rng = random.Random(args.seed)
    facilities = facility_calls(rng, args.n)
    as_lists = [c | {"occupancy": list(c["occupancy"].values())} for c in facilities]
    as_one = [c | {"occupancy": round(sum(c["occupancy"].values()) / len(c["occupancy"]))} for c in facilities]
    vouchers = voucher_calls(rng, args.n)

    def settle_some(chunk: slice) -> None:
        for kwargs, submitted in vouchers[chunk]:
            vl.settle(vl.voucher_month(**kwargs, rules=rules), submitted_on=submitted)

    def facility_some(calls: list[dict[str, Any]]) -> Callable[[slice], None]:
        def run(chunk: slice) -> None:
            for kwargs in calls[chunk]:
                vl.facility_month(**kwargs, rules=rules)

        return run

    paths: dict[str, Callable[[slice], None]] = {
        "settle(voucher_month(...))": settle_some,
        "facility_month, occupancy date -> count": facility_some(facilities),
        "facility_month, a list of daily counts": facility_some(as_lists),
        "facility_month, one count for the month": facility_some(as_one),
    }
    chunks = [slice(i, i + args.chunk) for i in range(0, args.n, args.chunk)]
    for run in paths.values():
        run(slice(None))  # warm the caches of the rule set and the calendar
    # Each chunk of calls is timed for each path in turn, again and again; a path's time is the
    # sum over the chunks of the best time of each chunk: every call counted once, and a burst
    # of load on this shared machine spoils one sample of one chunk, not the result.
    best = {name: [float("inf")] * len(chunks) for name in paths}
    gc.collect()
    for _ in range(args.repeat):
        for i, chunk in enumerate(chunks):
            for name, run in paths.items():
                t0 = time.thread_time()
                run(chunk)
                best[name][i] = min(best[name][i], time.thread_time() - t0)
    seconds = {name: sum(times) for name, times in best.items()}

    reference = seconds["settle(voucher_month(...))"] / args.n
    print(
        f"{args.n:,} calls of each in chunks of {args.chunk}, each chunk's best of {args.repeat} "
        f"(thread CPU time; Python {sys.version.split()[0]})\n"
    )
    print("| path | us per call | x settle(voucher_month) |\n|---|---:|---:|")
    for name, total in seconds.items():
        per_call = total / args.n
        print(f"| {name} | {per_call * 1e6:.1f} | {per_call / reference:.1f} |")
    ratio = seconds["facility_month, occupancy date -> count"] / args.n / reference
    print(f"\nfacility_month / (voucher_month + settle): {ratio:.1f}x (target: at most 10x)")
    return 0 if ratio <= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
