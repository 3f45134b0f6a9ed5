"""Time the audit and its workbook and HTML exports on 8,000 and 20,000 lines (see README)."""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

import voucherlib as vl
from voucherlib.cli import example_path


def main() -> None:
    # (--help says what it does, and runs nothing: review 185)
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    with open(example_path("invoice.csv"), encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    for n in (8_000, 20_000):
        folder = Path(tempfile.mkdtemp())
        path = folder / "invoice.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            for i in range(n):
                row = list(rows[i % len(rows)])
                row[0] = f"{row[0]}-{i}"
                writer.writerow(row)
        t0 = time.perf_counter()
        report = vl.audit_invoice(path)
        t1 = time.perf_counter()
        report.to_xlsx(folder / "report.xlsx")
        t2 = time.perf_counter()
        report.to_html(folder / "report.html")
        t3 = time.perf_counter()
        print(f"{n:>6} lines: audit {t1 - t0:.2f} s, to_xlsx {t2 - t1:.2f} s, to_html {t3 - t2:.2f} s")


if __name__ == "__main__":
    main()
