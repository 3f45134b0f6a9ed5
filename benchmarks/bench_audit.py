"""Issue 15's audit targets (2, 3 and 4), each against its reference in the same run, on the same lines.

    .venv/bin/python benchmarks/bench_audit.py                      # 100,000 lines, best of 5
    .venv/bin/python benchmarks/bench_audit.py --targets 2 --repeat 9

A benchmark, not a test. It writes a deterministic invoice (``--seed``) of ``--lines`` lines to a
temporary folder: months Oct-Dec 2021, 20% enrolled in the month, 10% discharged, 25% with
disability status, 1% with status periods, submissions 0-15 days into the following month (so
lines in time, late and not funded), claims from a few usual amounts (so every verdict), 1% of
ids repeated (double billing), 0.9% of lines with a bad cell (date, amount, disability). Then:

* target 2: ``audit_invoice(csv)`` with its summary (``summary()``, ``summary_line()``, the
  totals and the number of findings) against ``pandas.read_csv`` + ``settle_frame`` of the same
  file (the ``disability`` column mapped to bools, which the engine takes; ``yes``/``no`` text
  would send every row one at a time), at most 3x. The report of a plain CSV file keeps its lines
  as columns: every amount and verdict, every finding's code, the lines it concerns and the
  number of findings are computed (on whole columns) before ``audit_invoice`` returns, and the
  :class:`AuditLine` and :class:`Finding` *objects* (with the text of their reasons and
  sentences) are made on access. So beside the target
  the table shows, timed the same way, the same plus every line object and every finding object
  made (``tuple(report.lines)``, ``tuple(report.findings)``: what ``voucherlib audit big.csv -o
  out.csv`` makes before it writes), and one run split into its parts;
* ``--cli PYTHON ...`` (not a target): target 2's side with every line and finding object made
  (best of 2), then the whole command
  ``voucherlib audit invoice.csv -o out.csv`` (its explanations and the CSV file included, once),
  each run by each ``PYTHON`` given in turn (e.g. this venv's and a checkout of main's), to
  compare with main;
* target 3: ``audit_invoice(xlsx)`` of the same lines written by xlsxwriter as Excel writes them
  (shared strings; amounts as numbers, dates as numbers with a date format, the rest text:
  :func:`write_as_excel`), its lines, findings and summary, against the same of the CSV audit,
  at most 1.5x; beside it the same of a workbook whose every cell is text
  (``read_csv(dtype=str).to_excel``). The CSV audit is timed again for target 3, in the same
  rounds as the two workbooks (its summary, and with every line and finding object made; each of
  the six in turn, best of ``--repeat``), so that a change of the machine's load falls on both
  sides alike (target 2's rows keep their own rounds): in each round the three audits with
  their summaries, then the three with every object made. Also shown, not targets: the plain read
  of the workbook as Excel writes it (the columns the audit reads, and every row as a dict, as
  the other readers take them), and the bare read of the same workbook by the native readers
  ``fastexcel`` and ``python-calamine`` when they are installed (not dependencies of the
  project; "not installed" otherwise), against the CSV audit and its summary. The plain read of
  a sheet uses a second thread (its rows checked by RE2 while they are taken apart, the next
  block inflating while one is counted), as Arrow's CSV reader of the reference uses its threads;
* target 4: ``report.to_xlsx`` of the audit against ``DataFrame.to_excel(engine="xlsxwriter")``
  of the report's table of lines without formats, at most 2x; each run (best of 3) on a new
  report (its lines made, as ``to_dataframe`` makes them for the reference, but not their
  explanations, whose steps keep their texts once made); also shown, not a target: the
  document (its tables with the explanations) and the workbook written from it, each also
  without the explanation column, so as to say what that column costs.

Each timing is the best of ``--repeat`` runs in this process, the contenders of a target in turn.
It prints one table: target, reference, measured, ratio, met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEADER = "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on,provider\n"


WHOLE_REPORT = """
import gc, time, voucherlib as vl
vl.audit_invoice({small!r}).summary_line()
times = []
for _ in range({repeat}):
    gc.collect()
    t0 = time.perf_counter()
    report = vl.audit_invoice({path!r})
    report.summary(), report.summary_line(), tuple(report.lines), tuple(report.findings)
    times.append(time.perf_counter() - t0)
print(f"{{min(times):.3f}}")
"""
"""Target 2's side, with every line and finding object made, run by another interpreter
(``--cli``), e.g. a checkout of main (whose report makes them all at once)."""


def generate(path: Path, lines: int, seed: int) -> None:
    """An invoice CSV of ``lines`` lines, the same for the same seed."""
    rng = random.Random(seed)
    months = [(2021, 10, 31), (2021, 11, 30), (2021, 12, 31)]
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        for i in range(lines):
            year, month, days = months[rng.randrange(3)]
            first = dt.date(year, month, 1)
            if rng.random() < 0.2:
                enrolled = first + dt.timedelta(days=rng.randrange(days))
            else:
                enrolled = first - dt.timedelta(days=rng.randrange(1, 900))
            discharged = (enrolled + dt.timedelta(days=rng.randrange(60))).isoformat() if rng.random() < 0.1 else ""
            disability = "yes" if rng.random() < 0.25 else "no"
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            submitted = (following + dt.timedelta(days=rng.randrange(16))).isoformat()
            claimed = rng.choice(["600.00", "620.00", "750.00", "775.00", "0.00", "123.45", "20.00"])
            ident = f"B-{i - 1 if rng.random() < 0.01 and i else i:07d}"
            r = rng.random()
            if r < 0.003:
                submitted = "2021-13-45"
            elif r < 0.006:
                claimed = "12.345"
            elif r < 0.009:
                disability = "maybe"
            elif r < 0.019:
                disability = f"{(first + dt.timedelta(days=rng.randrange(days))).isoformat()}.."
            f.write(
                f"{ident},Name {i % 977},{year}-{month:02d},{enrolled.isoformat()},{discharged},{disability},"
                f"{claimed},{submitted},P-{i % 37}\n"
            )


def write_as_excel(csv_path: Path, xlsx_path: Path) -> None:
    """The invoice as Excel writes it (shared strings): ids, names, months (``2021-10``, text as
    typed with a leading apostrophe), disability and providers as text, amounts as numbers,
    dates as numbers with a date format; a cell Excel would not take as a number or date (e.g.
    ``2021-13-45``) stays text, an empty cell is left out."""
    import csv

    import xlsxwriter

    book = xlsxwriter.Workbook(str(xlsx_path))
    sheet = book.add_worksheet()
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    dates = {"enrolled_on", "discharged_on", "submitted_on"}
    with csv_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        names = next(reader)
        sheet.write_row(0, 0, names)
        for r, row in enumerate(reader, start=1):
            for c, (name, cell) in enumerate(zip(names, row, strict=True)):
                if not cell:
                    continue
                try:
                    if name in dates:
                        sheet.write_datetime(r, c, dt.datetime.strptime(cell, "%Y-%m-%d"), date_format)
                        continue
                    if name == "claimed":
                        sheet.write_number(r, c, float(cell))
                        continue
                except ValueError:
                    pass  # not a date or number: Excel keeps it as text
                sheet.write_string(r, c, cell)
    book.close()


def _summary(report: Any) -> None:
    """Target 2: the summary of the report (its totals, counts by verdict, number of findings)."""
    report.summary(), report.summary_line()


def _whole_report(report: Any) -> None:
    """What a command that writes the report needs: the summary, every line object, every finding object."""
    _summary(report)
    tuple(report.lines), tuple(report.findings)


def best(fn: Callable[[], Any], repeat: int) -> float:
    return in_turn([fn], repeat)[0]


def in_turn(fns: list[Callable[[], Any]], repeat: int) -> list[float]:
    """The best time of each of ``fns`` over ``repeat`` rounds, each round running them in turn
    (so that a change of the machine's load falls on every contender alike)."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, kept in zip(fns, times, strict=True):
            gc.collect()
            t0 = time.perf_counter()
            fn()
            kept.append(time.perf_counter() - t0)
    return [min(kept) for kept in times]


NATIVE_READERS: dict[str, tuple[str, Callable[[Any, str], Any]]] = {
    "fastexcel": (
        "fastexcel.read_excel(p).load_sheet(0).to_arrow()",
        lambda m, p: m.read_excel(p).load_sheet(0).to_arrow(),
    ),
    "python_calamine": (
        "CalamineWorkbook.from_path(p).get_sheet_by_index(0).to_python()",
        lambda m, p: m.CalamineWorkbook.from_path(p).get_sheet_by_index(0).to_python(),
    ),
}
"""Well-kept native (Rust, calamine) readers, timed for the bare read of the same workbook beside
target 3 when they are installed (they are not dependencies of the project: see the README)."""


def _native_readers(path: Path, repeat: int, csv_columns: float) -> list[tuple[str, str, str, float, float, None]]:
    """Target 3's "not a target" lines: each native reader's bare read of the workbook (its cells
    handed to Python or Arrow, none read as a date or an amount), against the CSV audit and its
    summary; a reader that is not installed is said so."""
    import importlib
    import importlib.metadata

    out: list[tuple[str, str, str, float, float, None]] = []
    for module, (call, read) in NATIVE_READERS.items():
        try:
            reader = importlib.import_module(module)
        except ImportError:
            print(f"(not a target) {module}: not installed (see benchmarks/README.md, section 5)")
            continue
        read(reader, str(path))  # (its first use apart, as the audit's)
        time_taken = best(lambda r=reader, f=read: f(r, str(path)), repeat)
        version = importlib.metadata.version(module.replace("_", "-"))
        out.append(
            (f"3, not a target: {module} {version}, the bare read of the workbook as Excel writes it (`{call}`)",
             "the CSV audit and its summary", "-", time_taken, csv_columns, None)
        )  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240605)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--targets", default="2,3,4", help="which of the targets 2, 3, 4 to measure")
    parser.add_argument(
        "--cli", nargs="*", default=[], metavar="PYTHON",
        help="interpreters to run the whole command `voucherlib audit invoice.csv -o out.csv` with, once each",
    )  # fmt: skip
    args = parser.parse_args()
    targets = set(args.targets.split(","))

    import pandas as pd

    import voucherlib as vl
    from voucherlib.batch import settle_frame
    from voucherlib.output.render import to_xlsx

    folder = Path(tempfile.mkdtemp(prefix="bench_audit_"))
    csv_path = folder / "invoice.csv"
    generate(csv_path, args.lines, args.seed)
    vl.audit_invoice(csv_path).summary_line()  # imports and rule tables made once, as in a session

    def reference() -> None:
        frame = pd.read_csv(csv_path)
        frame["disability"] = frame["disability"].map({"yes": True, "no": False})
        settle_frame(frame)

    rows: list[tuple[str, str, str, float, float, float | None]] = []
    if targets & {"2", "3"}:
        ref, audit_time, csv_time = in_turn(
            [
                reference,
                lambda: _summary(vl.audit_invoice(csv_path)),
                lambda: _whole_report(vl.audit_invoice(csv_path)),
            ],
            args.repeat,
        )
        rows.append(
            ("2: audit_invoice, CSV, and its summary (every amount, verdict, finding computed, in columns)",
             "read_csv + settle_frame", "<= 3x", audit_time, ref, 3.0)
        )  # fmt: skip
        rows.append(
            ("2, beside it (not the target): the same and every line and finding object made",
             "read_csv + settle_frame", "-", csv_time, ref, None)
        )  # fmt: skip
        gc.collect()
        t0 = time.perf_counter()
        report = vl.audit_invoice(csv_path)
        _summary(report)
        t1 = time.perf_counter()
        made = len(tuple(report.lines))
        t2 = time.perf_counter()
        found = len(tuple(report.findings))
        t3 = time.perf_counter()
        print(
            f"(one run) audit_invoice and its summary {t1 - t0:.2f} s; then making its {made:,} line objects "
            f"{t2 - t1:.2f} s; then its {found:,} finding objects {t3 - t2:.2f} s"
        )
    small = folder / "small.csv"
    generate(small, 200, args.seed)
    for python in args.cli:
        code = WHOLE_REPORT.format(small=str(small), path=str(csv_path), repeat=min(args.repeat, 2))
        result = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True)
        print(f"(not a target) {python}: audit_invoice + summary + every line and finding object, best of "
              f"{min(args.repeat, 2)}: {result.stdout.strip()} s")  # fmt: skip
        out = folder / "out.csv"
        command = [python, "-m", "voucherlib", "audit", str(csv_path), "-o", str(out), "-q"]
        t0 = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
        print(f"(not a target, one run) {python} -m voucherlib audit invoice.csv -o out.csv: "
              f"{time.perf_counter() - t0:.2f} s")  # fmt: skip
    if "3" in targets:
        xlsx_path = folder / "invoice.xlsx"
        write_as_excel(csv_path, xlsx_path)
        text_path = folder / "invoice-text.xlsx"
        pd.read_csv(csv_path, dtype=str, keep_default_na=False).to_excel(text_path, index=False, engine="xlsxwriter")
        # the CSV audit again in the same rounds as the workbooks (each contender in turn, best of
        # --repeat), so that a change of the machine's load falls on each side alike: the three
        # audits with their summaries, then the three with every object made
        paths = (csv_path, xlsx_path, text_path)
        contenders: list[Callable[[], Any]] = [lambda p=p: _summary(vl.audit_invoice(p)) for p in paths]
        contenders += [lambda p=p: _whole_report(vl.audit_invoice(p)) for p in paths]
        csv_columns, *columns_times, csv_whole, xlsx_whole, text_whole = in_turn(contenders, args.repeat)
        for columns_time, whole_time, form in (
            (columns_times[0], xlsx_whole, "as Excel writes it"),
            (columns_times[1], text_whole, "every cell text"),
        ):
            rows.append(
                (f"3: audit_invoice, XLSX ({form}), and its summary (every amount, verdict, finding computed, in "
                 "columns)", "the same of the CSV audit", "<= 1.5x", columns_time, csv_columns, 1.5)
            )  # fmt: skip
            rows.append(
                (f"3, beside it ({form}): the same and every line and finding object made",
                 "the same of the CSV audit", "<= 1.5x", whole_time, csv_whole, 1.5)
            )  # fmt: skip
        from voucherlib.input.table import _table_limits
        from voucherlib.input.xlsx_file import xlsx_columns, xlsx_rows
        from voucherlib.reports.audit import _ALIASES, REQUIRED

        def read_columns() -> None:
            assert xlsx_columns(xlsx_path, REQUIRED, aliases=_ALIASES, refuse_unknown=True, limits=_table_limits())

        read = best(read_columns, args.repeat)
        listed = best(lambda: list(xlsx_rows(xlsx_path, REQUIRED, aliases=_ALIASES, refuse_unknown=True)), 1)
        print(
            f"(not a target) reading the workbook as Excel writes it: as the audit reads it (every cell, by column) "
            f"{read:.3f} s; every row as a dict of cells (xlsx_rows, what the other readers take) {listed:.3f} s"
        )
        rows += _native_readers(xlsx_path, args.repeat, csv_columns)
    if "4" in targets:
        out = folder / "report.xlsx"

        def fresh() -> tuple[Any, Any]:
            """A new report (its steps' texts not yet made) with its lines, and the reference's table."""
            report = vl.audit_invoice(csv_path)
            return report, report.to_dataframe()

        refs, ours4 = [], []
        for _ in range(min(args.repeat, 3)):
            report, table = fresh()
            refs.append(
                best(lambda table=table: table.to_excel(folder / "plain.xlsx", index=False, engine="xlsxwriter"), 1)
            )
            report, table = fresh()
            ours4.append(best(lambda report=report: report.to_xlsx(out), 1))
        ref4, ours = min(refs), min(ours4)
        rows.append(("4: to_xlsx of the audit", "to_excel(xlsxwriter), no formats", "<= 2x", ours, ref4, 2.0))
        parts = {}
        for explain in (False, True):
            report, _ = fresh()
            gc.collect()
            t0 = time.perf_counter()
            document = report.document("en", explain=explain, charts=False)
            t1 = time.perf_counter()
            to_xlsx(document, out)
            parts[explain] = (t1 - t0, time.perf_counter() - t1)
        (doc0, book0), (doc1, book1) = parts[False], parts[True]
        print(
            f"(not a target, one run each, a new report each) target 4's parts: the document {doc1:.2f} s "
            f"(without the explanation column {doc0:.2f} s), the workbook written from it {book1:.2f} s "
            f"(without {book0:.2f} s): the explanation column {doc1 - doc0 + book1 - book0:.2f} s of "
            f"{doc1 + book1:.2f} s"
        )

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{args.lines:,} lines, best of {args.repeat} (target 4: of {min(args.repeat, 3)}); load average "
          f"{load}")  # fmt: skip
    print("| target | reference | limit | measured s | reference s | ratio | met? |")
    print("|---|---|---|---:|---:|---:|---|")
    for name, ref_name, limit, measured, reference_s, bound in rows:
        ratio = measured / reference_s
        met = "-" if bound is None else "yes" if ratio <= bound else "NO"
        print(f"| {name} | {ref_name} | {limit} | {measured:.3f} | {reference_s:.3f} | {ratio:.2f}x | {met} |")


if __name__ == "__main__":
    main()
