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
from typing import TextIO

from voucherlib import __version__
from voucherlib.core.errors import VoucherError
from voucherlib.core.money import gel
from voucherlib.core.ruleset import RuleSet
from voucherlib.core.working_calendar import WorkingCalendar
from voucherlib.output.text_table import printable_lines
from voucherlib.reports.audit import AuditReport, audit_invoice
from voucherlib.reports.cases import check_cases
from voucherlib.reports.facility_audit import audit_facility_invoice
from voucherlib.reports.facility_file import facility_file
from voucherlib.reports.program_summary import municipal_report_example
from voucherlib.reports.settlement_file import settle_file
from voucherlib.rules.budgets import budgets
from voucherlib.rules.limit_tables import limit_table, limit_tables

__all__ = ["main"]


def _print(text: object = "", *, file: TextIO | None = None) -> None:
    """Print to the terminal with every control character from the input escaped (see
    :func:`~voucherlib.output.text_table.printable`): no cursor moves, no bidi reordering."""
    print(printable_lines(str(text)), file=file)


def example_path(name: str) -> Path:
    """The path of a file shipped in ``voucherlib/examples``."""
    return Path(str(resources.files("voucherlib.examples").joinpath(name)))


def _input_path(args: argparse.Namespace, example: str) -> Path:
    """The file named on the command line, or the shipped example with --example (one of the two)."""
    if args.example == (args.file is not None):
        raise SystemExit(f"voucherlib {args.command}: give a FILE or --example (one of the two)")
    return example_path(example) if args.example else Path(args.file)


def _calendar(args: argparse.Namespace) -> WorkingCalendar:
    return WorkingCalendar(declared_days_off=not args.labour_code_only)


def _rules(args: argparse.Namespace) -> RuleSet | None:
    rules = None
    for path in args.rules or ():
        rules = (rules or RuleSet.default()).extend(Path(path))
    return rules


def _settle(args: argparse.Namespace) -> int:
    path = _input_path(args, "vouchers.csv")
    report = settle_file(
        path,
        calendar=_calendar(args),
        rules=_rules(args),
        count_discharge_day=not args.no_discharge_day,
        delimiter=args.delimiter,
        sheet=args.sheet,
    )
    text = {"text": report.to_text, "csv": report.to_csv, "json": report.to_json}[args.format]()
    if args.explain and args.format == "text":
        text += "".join(
            f"\n\nrow {r.row} ({r.beneficiary_id}):\n{r.settlement.explain()}" for r in report.rows if r.settlement
        )
    if args.output:
        Path(args.output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        _print(f"wrote {len(report.rows)} rows to {args.output}")
    else:
        _print(text)
    return 1 if report.invalid else 0


def _facility(args: argparse.Namespace) -> int:
    path = _input_path(args, "facility_occupancy.csv")
    rate = (
        gel(args.daily_rate, field="--daily-rate", decimal_separator=args.decimal_separator)
        if args.daily_rate is not None
        else None
    )
    report = facility_file(
        path,
        daily_rate=rate,
        rules=_rules(args),
        delimiter=args.delimiter,
        sheet=args.sheet,
        compensation_within_cap=args.compensation_within_cap,
    )
    _print(report.to_text(explain=args.explain))
    return 1 if report.invalid else 0


def _audit(args: argparse.Namespace) -> int:
    path = _input_path(args, "invoice.csv")
    report = audit_invoice(
        path,
        submitted_on=args.submitted_on,
        calendar=_calendar(args),
        rules=_rules(args),
        tolerance=args.tolerance,
        decimal_separator=args.decimal_separator,
        delimiter=args.delimiter,
        sheet=args.sheet,
    )
    if args.output:
        out = Path(args.output)
        if out.suffix.lower() == ".xlsx":
            report.to_xlsx(out)
        elif out.suffix.lower() == ".json":
            out.write_text(report.to_json() + "\n", encoding="utf-8")
        else:
            report.to_csv(out)
        _print(f"wrote {len(report.lines)} lines to {out}")
    else:
        _print(report.to_text())
    return _audit_outcome(report, args)


def _audit_outcome(report: AuditReport, args: argparse.Namespace) -> int:
    """Explain the lines that need attention when asked; exit 1 when a line does not match."""
    if args.explain:
        for ln in report.lines:
            if ln.needs_attention:
                _print("\n" + report.explain(ln, lang=args.lang))
    return 0 if report.all_match or args.exit_zero else 1


def _audit_facility(args: argparse.Namespace) -> int:
    if args.example == (args.occupancy is not None):
        raise SystemExit("voucherlib audit-facility: give OCCUPANCY.csv CLAIMS.csv or --example (one of the two)")
    if args.example:
        occupancy, claims = example_path("facility_occupancy.csv"), example_path("facility_claims.csv")
    elif args.claims is None:
        raise SystemExit("voucherlib audit-facility: give both OCCUPANCY.csv and CLAIMS.csv")
    else:
        occupancy, claims = Path(args.occupancy), Path(args.claims)
    report = audit_facility_invoice(
        occupancy,
        claims,
        daily_rate=args.daily_rate,
        rules=_rules(args),
        tolerance=args.tolerance,
        decimal_separator=args.decimal_separator,
        delimiter=args.delimiter,
        sheet=args.sheet,
        compensation_within_cap=args.compensation_within_cap,
    )
    _print(report.to_text())
    return _audit_outcome(report, args)


def _compensation_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--compensation-within-cap",
        action="store_true",
        help="keep the unfilled-place compensation within the per-facility cap of each day (the other reading "
        "of D20; needs --daily-rate)",
    )


def _check_cases(args: argparse.Namespace) -> int:
    report = check_cases(args.file)
    print(report.to_text())
    return 0 if report.passed else 1


def _tables(args: argparse.Namespace) -> int:
    if args.annex is None:
        for table in limit_tables().values():
            totals = ", ".join(f"{c}: {t:,}" for c, t in table.totals.items())
            _print(f"Annex {table.annex}: {table.title} ({len(table.rows)} units; totals {totals})")
        _print("\nBudgets (GEL):")
        for item in budgets().values():
            split = "; ".join(f"measure {m.measure}: {m.amount:,}" for m in item.measures)
            _print(f"  Annex {item.annex:<6} {item.amount:>13,}  {item.title}" + (f" ({split})" if split else ""))
        _print(f"\n[{next(iter(budgets().values())).citation.act}]")
        return 0
    table = limit_table(args.annex)
    if args.municipality and args.column:
        row = table.row(args.municipality)
        _print(table.lookup(args.municipality, args.column))
        _print(f"  Annex {table.annex}, {row.key} ({row.ka}), {table.columns[args.column]}  [{table.citation}]")
        if row.derived:
            _print(f"  derived: {row.derived}")
        return 0
    _print(table.to_text(args.municipality))
    return 0


def _summary(args: argparse.Namespace) -> int:
    if not args.example:
        raise SystemExit("voucherlib summary: only --example is available (the Tsalenjikha 2020 report)")
    _print(municipal_report_example().to_text(args.lang))
    return 0


def _input_options(parser: argparse.ArgumentParser, what: str, *, money: bool = True) -> None:
    parser.add_argument("file", nargs="?", help=what)
    parser.add_argument("--example", action="store_true", help="use the example file shipped with voucherlib")
    _reader_options(parser, money=money)


def _reader_options(parser: argparse.ArgumentParser, *, money: bool = True) -> None:
    parser.add_argument(
        "--delimiter",
        choices=(",", ";", "tab"),
        help="the CSV file's delimiter (default: told from the header)",
    )
    parser.add_argument("--sheet", help="the XLSX sheet to read (needed when more than one has data)")
    if not money:  # a voucher file holds no amounts
        return
    parser.add_argument(
        "--decimal-separator",
        choices=(",", "."),
        help="the character before the tetri in the file's amounts, for amounts such as 1,234 that read two ways",
    )


def _audit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tolerance", default="0", metavar="GEL", help="largest difference that still matches (default 0)"
    )
    parser.add_argument("--explain", action="store_true", help="explain every line that needs attention")
    parser.add_argument("--lang", choices=("en", "ka"), default="en", help="language of the explanations")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when lines do not match")


def _calendar_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--labour-code-only",
        action="store_true",
        help="count working days with the Labour Code holidays alone, without the Government's declared days off",
    )


def _rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules", action="append", metavar="TOML", help="add a program year from a rule-set file (repeatable)"
    )


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
    _input_options(settle, "the CSV or XLSX file", money=False)
    settle.add_argument(
        "--format", choices=("text", "csv", "json"), default="text", help="output format (default: text)"
    )
    settle.add_argument("--output", "-o", help="write to this file instead of the screen")
    _calendar_option(settle)
    settle.add_argument("--explain", action="store_true", help="after the table, explain every row, article by article")
    settle.add_argument(
        "--no-discharge-day", action="store_true", help="do not count the discharge day as a service day"
    )
    _rules_option(settle)
    settle.set_defaults(run=_settle)

    facility = commands.add_parser(
        "facility",
        help="compute the month of Annex 2.8 shelters and day centres from daily occupancy",
        description="One row per facility and day: facility_id, city, service (shelter or day_centre), limit, "
        "date (YYYY-MM-DD), children_served. Prints each facility's month: children paid for (capped per day in "
        "Tbilisi, Kutaisi, Rustavi and Batumi) and the unfilled-place compensation.",
    )
    _input_options(facility, "the CSV or XLSX file")
    facility.add_argument(
        "--daily-rate", metavar="GEL", help="per-beneficiary daily rate of Annex 2.8 (not in Decree 467's text)"
    )
    facility.add_argument("--explain", action="store_true", help="explain every facility-month, day run by day run")
    _compensation_option(facility)
    _rules_option(facility)
    facility.set_defaults(run=_facility)

    audit = commands.add_parser(
        "audit",
        help="audit a provider's invoice of Annex 2.12 vouchers, line by line",
        description="Recompute every line of an invoice (CSV or XLSX; English or Georgian headers: beneficiary_id, "
        "name, month, enrolled_on, discharged_on, disability, claimed, submitted_on) and give each a verdict: "
        "matches, over-claimed, under-claimed, not funded (late) or invalid. Exits 1 when a line is not a match.",
    )
    _input_options(audit, "the invoice, .csv or .xlsx")
    audit.add_argument(
        "--submitted-on", metavar="DATE", help="the day the document was submitted (for lines without one)"
    )
    audit.add_argument("--output", "-o", help="write the report to a .csv, .xlsx or .json file")
    _audit_options(audit)
    _calendar_option(audit)
    _rules_option(audit)
    audit.set_defaults(run=_audit)

    audit_facility = commands.add_parser(
        "audit-facility",
        help="audit the claims of Annex 2.8 shelters and day centres against their daily occupancy",
        description="OCCUPANCY.csv as for 'voucherlib facility'; CLAIMS.csv with facility_id, month, "
        "claimed_children, claimed_unfilled. Two lines per claim: children served, unfilled places.",
    )
    audit_facility.add_argument("occupancy", nargs="?", help="the daily-occupancy CSV file")
    audit_facility.add_argument("claims", nargs="?", help="the claims CSV file")
    audit_facility.add_argument("--example", action="store_true", help="use the example files shipped with voucherlib")
    _reader_options(audit_facility)
    audit_facility.add_argument("--daily-rate", metavar="GEL", help="per-beneficiary daily rate of Annex 2.8")
    _compensation_option(audit_facility)
    _audit_options(audit_facility)
    _rules_option(audit_facility)
    audit_facility.set_defaults(run=_audit_facility)

    tables = commands.add_parser(
        "tables",
        help="limit tables (Annex 1.1, 2.2, 2.4) and subprogram budgets",
        description="Without an annex: list the limit tables and the budgets. With one: print the table, "
        "or one municipality's row (--municipality), or one cell (--municipality and --column).",
    )
    tables.add_argument("annex", nargs="?", help="1.1, 2.2 or 2.4")
    tables.add_argument("--municipality", "-m", help="a municipality, by English key or Georgian name")
    tables.add_argument("--column", "-c", help="a column of the table, e.g. a, b or c for Annex 2.4")
    tables.set_defaults(run=_tables)

    check = commands.add_parser(
        "check-cases",
        help="run a TOML file of worked examples (an auditor's own, or tests/cases/*.toml)",
        description="Each [[case]] names its rule and decisions, gives the inputs, the hand calculation (how) and "
        "what is expected. An unknown key is an error naming the file, the case and the key. Exits 1 when a case "
        "fails.",
    )
    check.add_argument("file", help="the case file, .toml")
    check.set_defaults(run=_check_cases)

    summary = commands.add_parser("summary", help="a program summary in the shape of a municipal report")
    summary.add_argument("--example", action="store_true", help="the Tsalenjikha municipality 2020 report")
    summary.add_argument("--lang", choices=("en", "ka"), default="en")
    summary.set_defaults(run=_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except VoucherError as exc:
        _print(f"voucherlib: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
