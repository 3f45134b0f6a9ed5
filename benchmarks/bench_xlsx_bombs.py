"""Time and measure voucherlib's XLSX reader on small workbooks that ask for a lot, at full size.

    .venv/bin/python benchmarks/bench_xlsx_bombs.py            # every workbook
    .venv/bin/python benchmarks/bench_xlsx_bombs.py sst-9.5M   # one of them (each is read in a fresh process)

A benchmark, not a test: it prints, for each workbook, its size on disk, the seconds
``audit_invoice`` took, the process's peak RSS and what the reader answered. The workbooks are
those of the hostile review of issue 11 (9.5 M empty shared strings: 155 s and 927 MB before
the caps; one row of 4 M empty cells: 14 s and 1.3 GB) and the largest each cap accepts.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the workbooks are built as the tests build them
from tests.test_xlsx_bombs import in_sheet, invoice_book, with_shared_strings

from voucherlib.reports.audit import audit_invoice

BOMBS = {  # built when used (the payloads are up to 123 MB)
    "sst-9.5M": lambda: with_shared_strings(b"<si><t/></si>" * 9_500_000),  # the review's: refused at 400,000
    "sst-399k": lambda: with_shared_strings(b"<si><t/></si>" * 399_000),  # accepted
    "row-4M-cells": lambda: in_sheet('<row r="3">' + "<c/>" * 4_000_000 + "</row>"),  # the review's: refused
    "rows-2M-cells": lambda: in_sheet("".join(f'<row r="{r}">' + "<c/>" * 16_000 + "</row>" for r in range(3, 127))),
    "merges-5M": lambda: in_sheet(
        after_sheet_data="<mergeCells>" + '<mergeCell ref="J1:K1"/>' * 5_000_000 + "</mergeCells>"
    ),
}


def build(name: str, path: Path) -> None:
    invoice_book(path, 1)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    BOMBS[name]()(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def _peak_rss() -> int:
    """This process's peak resident memory in MiB (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def read(path: Path) -> None:
    """Read the workbook in this (fresh) process and print its row of the table."""
    rss_before = _peak_rss()
    start = time.perf_counter()
    try:
        answer = ", ".join(line.verdict for line in audit_invoice(path).lines)
    except Exception as exc:
        answer = f"{type(exc).__name__}: {str(exc).split('; expected ')[-1]}"
    seconds = time.perf_counter() - start
    rss = _peak_rss()
    print(f"| {path.stem} | {path.stat().st_size:,} | {seconds:.1f} | {rss} | {rss_before} | {answer} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__
    )
    parser.add_argument("names", nargs="*", help=f"the workbooks to build and read (default: all): {', '.join(BOMBS)}")
    parser.add_argument("--read", metavar="PATH", help=argparse.SUPPRESS)  # (the child process's own step)
    args = parser.parse_args()  # (review 185: --help crashed with a traceback)
    unknown = [n for n in args.names if n not in BOMBS]
    if unknown:
        parser.error(f"no workbook {unknown[0]!r} (known: {', '.join(BOMBS)})")
    if args.read:
        read(Path(args.read))
        return
    print("| workbook | bytes on disk | seconds | peak RSS MiB | RSS before the read MiB | answer |")
    print("|---|---:|---:|---:|---:|---|", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.names or BOMBS:
            path = Path(tmp) / f"{name}.xlsx"
            build(name, path)
            subprocess.run([sys.executable, __file__, "--read", str(path)], check=True)


if __name__ == "__main__":
    main()
