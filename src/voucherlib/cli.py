"""The ``voucherlib`` command line.

``voucherlib facility FILE.csv`` computes the month of Annex 2.8 shelters and day centres
from daily occupancy (``--example`` likewise).

``voucherlib settle FILE.csv`` settles one voucher-month per row and prints a line per row
and the totals; ``voucherlib settle --example`` does it on the example file that ships in
the package. Exit status: 0 when every row was settled, 1 when a row was invalid, 2 when the
command itself was misused or the file could not be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from voucherlib import __version__
from voucherlib.errors import VoucherError
from voucherlib.facility_file import facility_file
from voucherlib.money import gel
from voucherlib.ruleset import RuleSet
from voucherlib.settlement_file import settle_file
from voucherlib.working_calendar import WorkingCalendar

__all__ = ["main"]


def example_path(name: str) -> Path:
    """The path of a file shipped in ``voucherlib/examples``."""
    return Path(str(resources.files("voucherlib.examples").joinpath(name)))


def _calendar(args: argparse.Namespace) -> WorkingCalendar:
    return WorkingCalendar(declared_days_off=not args.labour_code_only)


def _rules(args: argparse.Namespace) -> RuleSet | None:
    rules = None
    for path in args.rules or ():
        rules = (rules or RuleSet.default()).extend(Path(path))
    return rules


def _settle(args: argparse.Namespace) -> int:
    if args.example == (args.file is not None):
        raise SystemExit("voucherlib settle: give a FILE.csv or --example (one of the two)")
    path = example_path("vouchers.csv") if args.example else Path(args.file)
    report = settle_file(
        path, calendar=_calendar(args), rules=_rules(args), count_discharge_day=not args.no_discharge_day
    )
    text = {"text": report.to_text, "csv": report.to_csv, "json": report.to_json}[args.format]()
    if args.explain and args.format == "text":
        text += "".join(
            f"\n\nrow {r.row} ({r.beneficiary_id}):\n{r.settlement.explain()}" for r in report.rows if r.settlement
        )
    if args.output:
        Path(args.output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        print(f"wrote {len(report.rows)} rows to {args.output}")
    else:
        print(text)
    return 1 if report.invalid else 0


def _facility(args: argparse.Namespace) -> int:
    if args.example == (args.file is not None):
        raise SystemExit("voucherlib facility: give a FILE.csv or --example (one of the two)")
    path = example_path("facility_occupancy.csv") if args.example else Path(args.file)
    rate = gel(args.daily_rate, field="--daily-rate") if args.daily_rate is not None else None
    report = facility_file(path, daily_rate=rate, rules=_rules(args))
    print(report.to_text(explain=args.explain))
    return 1 if report.invalid else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voucherlib",
        description="Georgia's social-service voucher rules (Decree No. 467 of 2021) as exact, explainable code.",
    )
    parser.add_argument("--version", action="version", version=f"voucherlib {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    settle = commands.add_parser(
        "settle",
        help="settle a CSV file of Annex 2.12 voucher-months",
        description="Settle one voucher-month per row: beneficiary_id, month (YYYY-MM), enrolled_on, "
        "discharged_on (YYYY-MM-DD or empty), disability (yes/no or periods FROM..TO;...), submitted_on.",
    )
    settle.add_argument("file", nargs="?", help="the CSV file")
    settle.add_argument("--example", action="store_true", help="use the example file shipped with voucherlib")
    settle.add_argument(
        "--format", choices=("text", "csv", "json"), default="text", help="output format (default: text)"
    )
    settle.add_argument("--output", "-o", help="write to this file instead of the screen")
    settle.add_argument(
        "--labour-code-only",
        action="store_true",
        help="count working days with the Labour Code holidays alone, without the Government's declared days off",
    )
    settle.add_argument("--explain", action="store_true", help="after the table, explain every row, article by article")
    settle.add_argument(
        "--no-discharge-day", action="store_true", help="do not count the discharge day as a service day"
    )
    settle.add_argument(
        "--rules", action="append", metavar="TOML", help="add a program year from a rule-set file (repeatable)"
    )
    settle.set_defaults(run=_settle)

    facility = commands.add_parser(
        "facility",
        help="compute the month of Annex 2.8 shelters and day centres from daily occupancy",
        description="One row per facility and day: facility_id, city, service (shelter or day_centre), limit, "
        "date (YYYY-MM-DD), children_served. Prints each facility's month: children paid for (capped per day in "
        "Tbilisi, Kutaisi, Rustavi and Batumi) and the unfilled-place compensation.",
    )
    facility.add_argument("file", nargs="?", help="the CSV file")
    facility.add_argument("--example", action="store_true", help="use the example file shipped with voucherlib")
    facility.add_argument(
        "--daily-rate", metavar="GEL", help="per-beneficiary daily rate of Annex 2.8 (not in Decree 467's text)"
    )
    facility.add_argument("--explain", action="store_true", help="explain every facility-month, day run by day run")
    facility.add_argument(
        "--rules", action="append", metavar="TOML", help="add a program year from a rule-set file (repeatable)"
    )
    facility.set_defaults(run=_facility)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except VoucherError as exc:
        print(f"voucherlib: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
