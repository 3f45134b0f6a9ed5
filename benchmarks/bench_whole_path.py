"""The whole path a user runs, against a reference measured in the same run on the same data.

    .venv/bin/python benchmarks/bench_whole_path.py                  # 1,000,000 rows (about 2 minutes)
    .venv/bin/python benchmarks/bench_whole_path.py --rows 100000    # a quicker look

A benchmark, not a test. It writes a deterministic voucher CSV (``--seed``; months Oct-Dec
2021, which the shipped rule set covers; 25% with disability status, 2% with status periods,
0.5% with a bad cell, 10% discharged, submissions 0-15 days after the month) to a temporary
folder, then times, each in a fresh process (wall time and peak RSS from ``getrusage`` of the
children):

* targets 1 and 1b: ``voucherlib settle big.csv -o out.csv`` and ``-o out.json`` against
  ``pandas.read_csv`` + ``DataFrame.to_csv`` (resp. ``DataFrame.to_json(orient="records")``)
  of the same table (at most 2.5x, peak memory under 1 GB);
* target 5: ``settle(voucher_month(...)).explain()`` against ``settle(voucher_month(...))``
  alone, on voucher-months never settled before in the process (at most 2x);
* target 8: ``import voucherlib`` and ``voucherlib --help`` (under 0.2 s).

It prints one table: target, reference, measured, ratio, met.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = "beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n"


def generate(path: Path, rows: int, seed: int) -> None:
    """A voucher CSV of ``rows`` rows, the same for the same seed."""
    rng = random.Random(seed)
    months = [(2021, 10, 31), (2021, 11, 30), (2021, 12, 31)]
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        for i in range(rows):
            year, month, days = months[rng.randrange(3)]
            first = dt.date(year, month, 1)
            if rng.random() < 0.2:
                enrolled = first + dt.timedelta(days=rng.randrange(days))
            else:
                enrolled = first - dt.timedelta(days=rng.randrange(1, 900))
            discharged = ""
            if rng.random() < 0.1:
                discharged = (enrolled + dt.timedelta(days=rng.randrange(60))).isoformat()
            r = rng.random()
            if r < 0.02:
                disability = f"{(first + dt.timedelta(days=rng.randrange(days))).isoformat()}.."
            else:
                disability = "yes" if r < 0.27 else "no"
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            submitted = (following + dt.timedelta(days=rng.randrange(16))).isoformat()
            if rng.random() < 0.005:
                submitted = "2021-13-45"  # a bad cell: the row is kept, with its reason
            f.write(f"B-{i:07d},{year}-{month:02d},{enrolled.isoformat()},{discharged},{disability},{submitted}\n")


def timed(cmd: list[str], repeat: int) -> tuple[float, float]:
    runs = [run_alone(cmd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def run_alone(cmd: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS of one command, measured by a fresh wrapper process (so that the
    peak is this command's own, not the largest of the benchmark's children)."""
    wrapper = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); w = time.perf_counter() - t; "
        "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True).stdout
    wall, peak = out.split()
    return float(wall), float(peak)


PANDAS_CSV = "import pandas as pd, sys; pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False).to_csv(sys.argv[2], index=False)"
PANDAS_JSON = "import pandas as pd, sys; pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False).to_json(sys.argv[2], orient='records')"

EXPLAIN = """
import datetime as dt, random, sys, time
import voucherlib as vl
n, which = int(sys.argv[1]), sys.argv[2]
rng = random.Random(11)
def inputs(offset):
    out = []
    for i in range(n):
        year, month = 2021, rng.choice((10, 11, 12))
        enrolled = dt.date(2019, 1, 1) + dt.timedelta(days=offset + i % 900)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        out.append((f"{year}-{month:02d}", enrolled, rng.random() < 0.25, following + dt.timedelta(days=rng.randrange(16))))
    return out
warm = inputs(0)[:200]
[vl.settle(vl.voucher_month(m, enrolled_on=e, disability=f), submitted_on=s).explain() for m, e, f, s in warm]
data = inputs(1000)
t = time.perf_counter()
if which == "settle":
    [vl.settle(vl.voucher_month(m, enrolled_on=e, disability=f), submitted_on=s) for m, e, f, s in data]
else:
    [vl.settle(vl.voucher_month(m, enrolled_on=e, disability=f), submitted_on=s).explain() for m, e, f, s in data]
print(time.perf_counter() - t)
"""


def explain_seconds(which: str, n: int, repeat: int) -> float:
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", EXPLAIN, str(n), which], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(repeat)
    ]
    return min(runs)


def startup(cmd: list[str], repeat: int = 7) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - t0)
    return min(runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--explain-rows", type=int, default=20_000)
    ap.add_argument("--folder", help="where to write the data (default: a temporary folder)")
    args = ap.parse_args()
    # The package's byte code, as an installed package has it (with PYTHONDONTWRITEBYTECODE set,
    # as on this machine, every fresh process of an editable install would compile the sources).
    import voucherlib

    compileall.compile_dir(str(Path(voucherlib.__file__).parent), quiet=1)

    folder = Path(args.folder or tempfile.mkdtemp(prefix="voucherlib-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    big = folder / "big.csv"
    if not big.exists() or big.stat().st_mtime < Path(__file__).stat().st_mtime:
        generate(big, args.rows, args.seed)
    py = sys.executable
    cli = [py, "-m", "voucherlib", "settle", "-q", "--exit-zero", str(big), "-o"]
    rows = []

    ref_csv = timed([py, "-c", PANDAS_CSV, str(big), str(folder / "ref.csv")], args.repeat)
    got_csv = timed([*cli, str(folder / "out.csv")], args.repeat)
    rows.append(("1. settle -o out.csv, time", ref_csv[0], got_csv[0], 2.5, "s"))
    rows.append(("1. settle -o out.csv, peak RSS", None, got_csv[1], 1024, "MiB"))
    ref_json = timed([py, "-c", PANDAS_JSON, str(big), str(folder / "ref.json")], args.repeat)
    got_json = timed([*cli, str(folder / "out.json")], args.repeat)
    rows.append(("1b. settle -o out.json, time", ref_json[0], got_json[0], 2.5, "s"))
    rows.append(("1b. settle -o out.json, peak RSS", None, got_json[1], 1024, "MiB"))
    rows.append(("1c. settle -o out.json vs read_csv+to_csv", ref_csv[0], got_json[0], 2.5, "s"))

    alone = explain_seconds("settle", args.explain_rows, args.repeat + 1)
    explained = explain_seconds("explain", args.explain_rows, args.repeat + 1)
    rows.append((f"5. settle + explain(), {args.explain_rows:,} new results", alone, explained, 2.0, "s"))

    rows.append(("8. import voucherlib", None, startup([py, "-c", "import voucherlib"]), 0.2, "s"))
    rows.append(("8. voucherlib --help", None, startup([py, "-m", "voucherlib", "--help"]), 0.2, "s"))

    print(
        f"{args.rows:,} rows; data {big} ({big.stat().st_size / 2**20:.1f} MiB); Python {sys.version.split()[0]}; {os.cpu_count()} CPUs"
    )
    print("| target | reference | measured | ratio | limit | met |")
    print("|---|---:|---:|---:|---:|---|")
    for name, ref, got, limit, unit in rows:
        if ref is None:
            print(f"| {name} | - | {got:.3f} {unit} | - | {limit} {unit} | {'yes' if got < limit else 'NO'} |")
        else:
            ratio = got / ref
            print(
                f"| {name} | {ref:.3f} {unit} | {got:.3f} {unit} | {ratio:.2f}x | {limit}x | {'yes' if ratio <= limit else 'NO'} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
