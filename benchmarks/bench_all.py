"""Every target of issue 15, one script after the other, in one run: the table of benchmarks/README.md.

    .venv/bin/python benchmarks/bench_all.py --harness /tmp/bench

A benchmark, not a test. It runs, each in its own process and in this order, with the Python that
runs it (which needs the ``test`` extra, i.e. pandas, pyarrow, xlsxwriter and openpyxl):

1. ``bench_whole_path.py --rows 1000000 --repeat 1`` (targets 1, 1b, 5 and 8 of the command line);
2. ``bench_audit.py --lines 100000`` (targets 2, 3 and 4);
3. ``bench_explain_import.py --rows 2790`` (targets 5 and 8; 2,790 rows: as many as there are
   distinct voucher-months in its `distinct` variant);
4. ``bench_facility.py`` (target 6);
5. ``bench_batch.py --harness DIR`` (target 7), with the harness's venv when it has one
   (``DIR/.venv/bin/python``; the harness's data generator and ``numpy_limit`` live there).

Each script checks its own results before timing (the fast path against the one-at-a-time
path) and prints its own table, with the reference timed in the same run on the same data. This
script prints the machine (Python, CPUs, load average before and after, commit) and each
script's output as it comes, so the whole of one run can be kept. ``--skip`` leaves scripts
out (e.g. ``--skip batch`` without the harness).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts(harness: Path | None) -> list[tuple[str, list[str]]]:
    """The scripts of one run, each as (name, command)."""
    py = sys.executable
    runs = [
        ("whole_path", [py, str(HERE / "bench_whole_path.py"), "--rows", "1000000", "--repeat", "1"]),
        ("audit", [py, str(HERE / "bench_audit.py"), "--lines", "100000", "--repeat", "3"]),
        ("explain_import", [py, str(HERE / "bench_explain_import.py"), "--rows", "2790", "--repeat", "3"]),
        ("facility", [py, str(HERE / "bench_facility.py")]),
    ]
    if harness is not None:
        venv = harness / ".venv" / "bin" / "python"
        runs.append(
            ("batch", [str(venv) if venv.exists() else py, str(HERE / "bench_batch.py"), "--harness", str(harness)])
        )
    return runs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--harness", type=Path, help="a writable copy of the shared benchmark folder (target 7)")
    ap.add_argument("--skip", default="", help="comma-separated names to leave out: " + "whole_path,audit,...")
    args = ap.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    commit = subprocess.run(
        ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    print(f"# issue 15, one run: commit {commit or '?'}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
    print(f"load average before: {os.getloadavg()[0]:.1f}; started {time.strftime('%Y-%m-%d %H:%M:%S')}")
    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"))
    failed = []
    for name, cmd in scripts(args.harness):
        if name in skip:
            continue
        print(f"\n## {name}: {' '.join(Path(c).name if i < 2 else c for i, c in enumerate(cmd))}\n", flush=True)
        t0 = time.perf_counter()
        code = subprocess.run(cmd, env=env).returncode
        print(f"\n({name}: {time.perf_counter() - t0:.0f} s, exit {code}, load average {os.getloadavg()[0]:.1f})")
        if code:
            failed.append(name)
    print(
        f"\nfinished {time.strftime('%Y-%m-%d %H:%M:%S')}; exited non-zero: {', '.join(failed) or 'none'}"
        " (bench_batch.py exits 1 when one of its targets is not met)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
