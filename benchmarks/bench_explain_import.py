"""Explanations and start-up (issue 15, targets 5 and 8), each against a reference of the same run.

    .venv/bin/python benchmarks/bench_explain_import.py               # 20,000 results, best of 3
    .venv/bin/python benchmarks/bench_explain_import.py --rows 5000 --repeat 5

A benchmark, not a test. Target 5: ``settle(voucher_month(...)).explain()`` against
``settle(voucher_month(...))`` alone, on results explained for the first time (every row a new
``Settlement``, never explained before in its process), at most 2x; the same for building the
trace and rendering it in Georgian (``explain("ka")``) and as JSON data (``trace().to_dict()``).
Beside them, not a target, the floor of any ``to_dict`` that returns new dicts and lists: settling,
then a copy of each result's finished data (``marshal.loads`` of the data packed before the clock
starts: CPython's fastest way to make a new tree of dicts, lists and strings, with no computing).
Each variant runs in a fresh process on the same rows, after the same warm-up on other rows
(the import and the first calls are start-up, not the cost of a result), best of ``--repeat``;
wall time and CPU time (``time.process_time``, less sensitive to other jobs on the machine).

Two sets of rows, both deterministic (Oct-Dec 2021, which the shipped rule set covers):

* ``typical``: as an agency's month reads: 80% enrolled before the month, 20% during it, 10%
  discharged, 25% with disability status, 2% with status periods, submitted 0-15 days after the
  month (so 0-10 working days late);
* ``distinct``: every row a voucher-month of its own (enrolled and discharged on other days of the
  month, with or without status), so that no two rows share their voucher's steps.

Target 8: ``import voucherlib`` and ``voucherlib --help`` under 0.2 s: best of ``--starts`` fresh
processes, wall and CPU time of the child (``getrusage``), beside the bare interpreter
(``python -c pass``) and, for information, ``import voucherlib`` followed by one settlement
(what the first use of the rules costs). The package's byte code is compiled first (``compileall``),
as an installed package has it: with ``PYTHONDONTWRITEBYTECODE`` set, every start would compile
the sources again.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

RUN = """
import datetime as dt, json, sys, time
sys.path.insert(0, {here!r})
from bench_explain_import import rows
import voucherlib as vl
kind, variant, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def settled(data):
    return [vl.settle(vl.voucher_month(m, enrolled_on=e, discharged_on=d, disability=f), submitted_on=s)
            for m, e, d, f, s in data]
for s in settled(rows(kind, 300, seed=7)):  # warm-up on other rows: imports, first calls, rule look-ups
    s.explain(); s.explain("ka"); s.trace().to_dict()
data = rows(kind, n, seed=20261202)
if variant == "copy":  # (before the clock) each result's finished trace data, packed by marshal
    import marshal
    blobs = [marshal.dumps(s.trace().to_dict()) for s in settled(data)]
    loads = marshal.loads
work = {{
    "settle": lambda: settled(data),
    "explain": lambda: [s.explain() for s in settled(data)],
    "explain_ka": lambda: [s.explain("ka") for s in settled(data)],
    "to_dict": lambda: [s.trace().to_dict() for s in settled(data)],
    "copy": lambda: [loads(b) for s, b in zip(settled(data), blobs)],
}}[variant]
wall, cpu = time.perf_counter(), time.process_time()
work()
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))
"""


def rows(kind: str, n: int, seed: int) -> list[tuple[str, dt.date | None, dt.date | None, object, dt.date]]:
    """``n`` rows (month, enrolled_on, discharged_on, disability, submitted_on) of the set ``kind``."""
    rng = random.Random(seed)
    months = [(2021, 10, 31), (2021, 11, 30), (2021, 12, 31)]
    out: list[tuple[str, dt.date | None, dt.date | None, object, dt.date]] = []
    distinct = []
    if kind == "distinct":  # every (month, enrolled, discharged, status) once, in a shuffled order
        for year, month, days in months:
            for a in range(1, days + 1):
                for b in range(a, days + 1):
                    for flag in (False, True):
                        distinct.append((year, month, days, dt.date(year, month, a), dt.date(year, month, b), flag))
        rng.shuffle(distinct)
    for i in range(n):
        if kind == "distinct":
            year, month, days, enrolled, discharged, disability = distinct[i % len(distinct)]
        else:
            year, month, days = months[rng.randrange(3)]
            first = dt.date(year, month, 1)
            enrolled = first + dt.timedelta(days=rng.randrange(days)) if rng.random() < 0.2 else None
            discharged = None
            if rng.random() < 0.1:
                discharged = (enrolled or first) + dt.timedelta(days=rng.randrange(60))
            r = rng.random()
            if r < 0.02:
                disability = [((first + dt.timedelta(days=rng.randrange(days))), None)]
            else:
                disability = r < 0.27
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        submitted = following + dt.timedelta(days=rng.randrange(16))
        out.append((f"{year}-{month:02d}", enrolled, discharged, disability, submitted))
    return out


def result_seconds(kind: str, variant: str, n: int, repeat: int) -> tuple[float, float]:
    """(wall, CPU) seconds of ``variant`` on ``n`` rows of ``kind``: the best of ``repeat`` fresh processes."""
    code = RUN.format(here=str(Path(__file__).resolve().parent))
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", code, kind, variant, str(n)], capture_output=True, text=True, check=True
        ).stdout
        wall, cpu = (float(x) for x in out.strip().strip("[]").split(","))
        runs.append((wall, cpu))
    return min(r[0] for r in runs), min(r[1] for r in runs)


def start_seconds(cmd: list[str], repeat: int) -> tuple[float, float]:
    """(wall, CPU) seconds of a fresh process running ``cmd``: the best of ``repeat``."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=20_000, help="results per variant (default 20,000)")
    ap.add_argument("--repeat", type=int, default=3, help="fresh processes per variant (best of)")
    ap.add_argument("--starts", type=int, default=5, help="fresh processes per start-up time (best of)")
    args = ap.parse_args()

    import voucherlib

    compileall.compile_dir(str(Path(voucherlib.__file__).parent), quiet=1)
    py = sys.executable
    print(f"Python {sys.version.split()[0]}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    print()
    print(
        "| target 5: rows | variant | settle alone s (wall / CPU) | with it s (wall / CPU) | ratio wall | ratio CPU | met (<= 2x) |"
    )
    print("|---|---|---:|---:|---:|---:|---|")
    for kind in ("typical", "distinct"):
        alone = result_seconds(kind, "settle", args.rows, args.repeat)
        for variant, name in (
            ("explain", "settle + explain()"),
            ("explain_ka", 'settle + explain("ka")'),
            ("to_dict", "settle + trace().to_dict()"),
            ("copy", "(not a target) settle + a copy of each result's finished trace data (marshal.loads)"),
        ):
            got = result_seconds(kind, variant, args.rows, args.repeat)
            wall, cpu = got[0] / alone[0], got[1] / alone[1]
            print(
                f"| {kind}, {args.rows:,} | {name} | {alone[0]:.3f} / {alone[1]:.3f} | {got[0]:.3f} / {got[1]:.3f} "
                f"| {wall:.2f}x | {cpu:.2f}x | {'-' if variant == 'copy' else 'yes' if cpu <= 2 else 'NO'} |"
            )
    print()
    print("| target 8: start | wall s | CPU s | met (< 0.2 s) |")
    print("|---|---:|---:|---|")
    starts = (
        ("python -c pass (the bare interpreter)", [py, "-c", "pass"], False),
        ("import voucherlib", [py, "-c", "import voucherlib"], True),
        ("voucherlib --help", [py, "-m", "voucherlib", "--help"], True),
        (
            "import voucherlib + one settle() (first use, for information)",
            [py, "-c", "import voucherlib as v; v.settle(v.voucher_month('2021-10'), submitted_on='2021-11-09')"],
            False,
        ),
    )
    for name, cmd, target in starts:
        wall, cpu = start_seconds(cmd, args.starts)
        met = ("yes" if wall < 0.2 else "NO") if target else "-"
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {met} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
