"""Time voucherlib's batch and one-at-a-time paths, and the import, on generated voucher-months.

    .venv/bin/python benchmarks/bench_voucherlib.py                 # 100k rows (batch), 20k (one at a time)
    .venv/bin/python benchmarks/bench_voucherlib.py --rows 1000000  # the issue's 1M

A benchmark, not a test: it prints a table and checks nothing but that the two paths agree
on the rows both settle. Data: service months Oct 2021 - Dec 2026 (the shipped example rule
set that carries the 2021 terms on), 80% whole months, 25% with disability status, 70%
submitted in time and the rest 1-10 days late, the default calendar.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time

import numpy as np

import voucherlib as vl
from voucherlib.batch import settle_arrays, settle_frame
from voucherlib.cli import example_path


def generate(n: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    lo, hi = np.datetime64("2021-10", "M").astype(np.int64), np.datetime64("2026-12", "M").astype(np.int64)
    month = rng.integers(lo, hi + 1, n).astype("datetime64[M]")
    first = month.astype("datetime64[D]")
    length = ((month + 1).astype("datetime64[D]") - first).astype(np.int64)
    partial = rng.random(n) < 0.2
    enrolled = np.where(partial, first + (rng.random(n) * length).astype(np.int64), first - rng.integers(1, 900, n))
    discharged = np.where(rng.random(n) < 0.1, enrolled + rng.integers(0, 60, n), np.datetime64("NaT", "D"))
    submitted = (month + 1).astype("datetime64[D]") + rng.integers(0, 16, n)
    return {
        "month": month,
        "enrolled_on": enrolled,
        "discharged_on": discharged,
        "disability": rng.random(n) < 0.25,
        "submitted_on": submitted,
    }


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def import_seconds() -> float:
    code = "import time; t = time.perf_counter(); import voucherlib; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(5)
    ]
    return min(runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--scalar-rows", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    rules = vl.RuleSet.default().extend(example_path("continuation_2022_2026.toml"))
    cols = generate(args.rows, args.seed)
    rows = [
        (vl.Month.of(m.astype("datetime64[D]").item()), e.item(), None if np.isnat(d) else d.item(), bool(f), s.item())
        for m, e, d, f, s in zip(*(cols[k][: args.scalar_rows] for k in cols), strict=True)
    ]

    def one_at_a_time() -> list[int]:
        return [
            int(
                vl.settle(
                    vl.voucher_month(m, enrolled_on=e, discharged_on=d, disability=f, rules=rules), submitted_on=s
                ).payable
                * 100
            )
            for m, e, d, f, s in rows
        ]

    settle_arrays(**cols, rules=rules)  # warm the per-month tables and the calendar
    t_arrays = best_of(args.repeat, lambda: settle_arrays(**cols, rules=rules))
    import pandas as pd

    frame = pd.DataFrame(cols)
    t_frame = best_of(args.repeat, lambda: settle_frame(frame, rules=rules))
    one_at_a_time()
    t_scalar = best_of(args.repeat, one_at_a_time)
    batch = settle_arrays(**{k: v[: args.scalar_rows] for k, v in cols.items()}, rules=rules)["payable_tetri"]
    agree = batch.tolist() == one_at_a_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print("| path | rows | best s | rows/s |\n|---|---:|---:|---:|")
    print(f"| settle_arrays (numpy columns) | {args.rows:,} | {t_arrays:.4f} | {args.rows / t_arrays:,.0f} |")
    print(f"| settle_frame (pandas in and out) | {args.rows:,} | {t_frame:.4f} | {args.rows / t_frame:,.0f} |")
    print(
        f"| settle(voucher_month(...)) one at a time | {args.scalar_rows:,} | {t_scalar:.4f} | {args.scalar_rows / t_scalar:,.0f} |"
    )
    print(f"\nimport voucherlib: {import_seconds():.3f} s (best of 5 fresh processes)")
    print(f"peak RSS of this process: {peak:.0f} MiB; batch = one at a time on {args.scalar_rows:,} rows: {agree}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
