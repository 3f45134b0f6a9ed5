"""The ``voucherlib`` command line: one grammar for every command.

Every command takes the same options (see docs/cli.md):

* an input file, or ``-`` for standard input, or ``--example`` for the file shipped with voucherlib;
* ``-o FILE``: write the result to FILE in the format its extension names (``.txt``, ``.csv``,
  ``.json``, ``.xlsx``, ``.html``; another extension is an error);
* ``--format text|csv|json|html|xlsx``: the format of standard output (default text);
* ``--lang en|ka``: English or Georgian headers and explanations;
* ``--explain``: each result's trace, step by step, with the provision behind every number;
* ``-q``: no progress bar and no status line on standard error.

Exit status, the same for every command: **0** done; **1** done with findings (an invalid
row, a voucher not funded, an invoice line that does not match); **2** the input or the
command could not be used (nothing was computed).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from voucherlib import __version__
from voucherlib._console import INTERRUPTED

if TYPE_CHECKING:  # what the commands use is imported when a command runs, so that --help imports no rule
    import datetime as dt

    from voucherlib.core.errors import VoucherError, Wording
    from voucherlib.core.ruleset import RuleSet
    from voucherlib.core.working_calendar import WorkingCalendar
    from voucherlib.output.table import Document, Stream
    from voucherlib.reports.audit import AuditReport
    from voucherlib.reports.settlement_file import SettledChunk

__all__ = ["DONE", "FINDINGS", "UNUSABLE", "build_parser", "example_path", "main"]

DONE, FINDINGS, UNUSABLE = 0, 1, 2
"""The exit codes of every command: done; done with findings; unusable input or usage."""
INTERNAL_ERROR, IO_ERROR = 70, 74
"""A defect of voucherlib (an error that is no refusal: BSD's EX_SOFTWARE); the system's input/output
error, such as a full disk (EX_IOERR); Ctrl-C is :data:`voucherlib._console.INTERRUPTED` (130)."""
OUTPUT_FORMATS = ("text", "csv", "json", "html", "xlsx")

_FLAGS: dict[str, tuple[str, str]] = {
    "daily_rate": ("--daily-rate", "GEL"),
    "daily_rate_per_service": ("--daily-rate", "shelter=GEL --daily-rate day_centre=GEL"),
    "rules": ("--rules", "FILE.toml"),
    "rule_set": ("--rule-set", "FILE.toml"),
    "submitted_on": ("--submitted-on", "DATE"),
    "tolerance": ("--tolerance", "GEL"),
    "sheet": ("--sheet", "NAME"),
    "claims_sheet": ("--claims-sheet", "NAME"),
    "delimiter": ("--delimiter", "{,|;|tab}"),
    "decimal_separator": ("--decimal-separator", "{,|.}"),
    "compensation_within_cap": ("--compensation-within-cap", ""),
    "day_first": ("--day-first", ""),
    "municipality": ("--municipality", "NAME"),
    "column": ("--column", "COLUMN"),
    "annex": ("ANNEX", ""),
    "fmt": ("--format", "FORMAT"),
    "extra_non_working_days": ("--day-off", "DATE"),
    "extra_working_days": ("--working-day", "DATE"),
}
"""Python argument -> the command-line flag that sets it, and what the flag takes: the one table
through which every message names flags, not Python arguments (see :func:`_wording`)."""
_ALSO_COLUMNS = frozenset({"submitted_on"})
"""Arguments that are also a column of a file: a row's message about the column keeps its name."""


def _wording() -> Wording:
    """How messages name arguments while a command runs: by :data:`_FLAGS`, values without their
    Python type (``got 'abc'``, ``got nothing``). (``check-cases`` runs its cases in a wording of
    their own: :func:`~voucherlib.reports.cases.run_cases`.)"""
    from voucherlib.core.errors import Wording

    return Wording(
        arguments={name: f"{flag} {takes}".strip() for name, (flag, takes) in _FLAGS.items()},
        fields={name: flag for name, (flag, _) in _FLAGS.items() if name not in _ALSO_COLUMNS},
    )


T = TypeVar("T")


class UsageError(Exception):
    """The command was misused (exit 2, with the usage line): phrase ``usage.<key>`` filled with
    ``fields``, said in the command's language (review 76: English under ``--lang ka``)."""

    def __init__(self, phrase: str, /, *, of_a_file: bool = False, **fields: Any) -> None:
        from voucherlib.core.phrases import say

        super().__init__(say("en", f"usage.{phrase}", **fields))
        self.key, self.fields = f"usage.{phrase}", fields
        self.of_a_file = of_a_file
        """A refusal of what a file says (a case file's missing rule set: review 194 F6), said
        without the usage block, as a file's content is."""

    def message(self, lang: str) -> str:
        """The refusal in ``lang``."""
        from voucherlib.core.phrases import say

        return say(lang, self.key, **self.fields)


def example_path(name: str) -> Path:
    """The path of a file shipped in ``voucherlib/examples`` (``"invoice.csv"``, ``"vouchers.csv"``,
    ``"facility_occupancy.csv"``, ...); any other name is refused, naming it (review 29: it gave a
    path outside the folder, or of no file)."""
    folder = resources.files("voucherlib.examples")
    shipped = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(("_", ".")))
    name = os.fspath(name) if isinstance(name, os.PathLike) else name  # Path("invoice.csv") too (review 30)
    if not isinstance(name, str) or name not in shipped:
        from voucherlib.core.errors import InvalidInput

        raise InvalidInput("name", name, f"the name of a shipped example file: {', '.join(shipped)}")
    return Path(str(folder.joinpath(name)))


# ---------------------------------------------------------------- input


def _stdin_file(args: argparse.Namespace, suffix: str, limit: int | None = None) -> Path:
    """Standard input, saved to a temporary file (refused when larger than the file limit); an
    error about the file names it ``-`` (standard input), not the temporary file."""
    from voucherlib.core.errors import InvalidInput, Reason, expected
    from voucherlib.input.files import MAX_FILE_BYTES

    limit = MAX_FILE_BYTES if limit is None else limit
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput("-", Reason.phrase("value.standard_input"), expected("bytes_at_most", max=limit))
    if not data:  # (closed or empty: review 82, `summary -` wrote an empty report, exit 0)
        raise InvalidInput("-", None, expected("stdin_text"))
    if data.startswith(b"PK\x03\x04"):
        suffix = ".xlsx"  # a workbook on standard input
    folder = Path(args.stack.enter_context(tempfile.TemporaryDirectory(prefix="voucherlib-")))
    path = folder / f"stdin{suffix}"
    path.write_bytes(data)
    args.stdin_files = (*getattr(args, "stdin_files", ()), path)
    return path


def _input(
    args: argparse.Namespace, example: str, name: str = "file", suffix: str = ".csv", limit: int | None = None
) -> Path:
    """The file named on the command line, ``-`` (standard input), or the shipped example."""
    value = getattr(args, name)
    if args.example == (value is not None):
        raise UsageError("input_or_example", name=name.upper())
    if args.example:
        return example_path(example)
    if value == "-":
        return _stdin_file(args, suffix, limit)
    return Path(value)


def _calendar(args: argparse.Namespace) -> WorkingCalendar:
    """The working calendar of ``--labour-code-only``, ``--day-off`` and ``--working-day`` (review
    190 F3: a day off the Government declares after a release could be given in Python alone, and
    the command line counted it a late working day)."""
    from voucherlib.core.month import optional_date
    from voucherlib.core.working_calendar import WorkingCalendar

    def days(given: list[str] | None, flag: str) -> list[dt.date]:
        return [day for day in (optional_date(value, flag) for value in given or ()) if day is not None]

    off, worked = days(args.day_off, "--day-off"), days(args.working_day, "--working-day")
    calendar = WorkingCalendar(
        declared_days_off=not args.labour_code_only, extra_non_working_days=off, extra_working_days=worked
    )
    if off or worked:  # a day that changes nothing (a mistyped date?) is said (review 199 F6)
        from voucherlib.core.phrases import say

        plain = WorkingCalendar(declared_days_off=not args.labour_code_only)
        for day in sorted(set(off)):
            if not plain.is_working_day(day):
                reason = plain.day_off_reason(day, args.lang)
                _to_stderr(
                    "voucherlib: "
                    + say(args.lang, "cli.day_off_anyway", flag="--day-off", day=day.isoformat(), reason=reason)
                )
        for day in sorted(set(worked)):
            if plain.is_working_day(day):
                _to_stderr(
                    "voucherlib: " + say(args.lang, "cli.working_day_anyway", flag="--working-day", day=day.isoformat())
                )
    return calendar


def _rules(args: argparse.Namespace) -> RuleSet | None:
    from voucherlib.core.ruleset import RuleSet, rule_set_file, year_file

    rules = rule_set_file(args.rule_set, "rule_set") if args.rule_set is not None else None
    if args.rules:
        rules = (rules or RuleSet.default()).extend_in_order([year_file(path) for path in args.rules], named=args.rules)
    if rules is not None:  # (a key that would bound no facility: refused as the file is read)
        from voucherlib.rules.paid_beneficiary_caps import check_place_keys

        check_place_keys(rules)
    return rules


def _progress(
    items: Iterable[T],
    args: argparse.Namespace,
    path: Path,
    unit: str = "rows",
    weight: Callable[[T], int] | None = None,
) -> Iterator[T]:
    """``items``, with a progress bar on standard error when it is a terminal (never with -q or in a pipe).

    The bar is tqdm's, when installed (``pip install 'voucherlib[cli]'``); it appears only for
    work that lasts more than half a second. ``weight``: the rows an item counts for (a run of rows).
    """
    if args.quiet or not sys.stderr.isatty():
        return iter(items)
    try:
        from tqdm import tqdm
    except ImportError:
        return iter(items)
    total = None
    with contextlib.suppress(OSError):
        with path.open("rb") as f:
            total = max(sum(1 for _ in f) - 1, 0)
    bar = tqdm(total=total, unit=f" {unit}", delay=0.5, leave=False, file=sys.stderr)
    return _counted(items, bar, weight or (lambda _: 1))


def _counted(items: Iterable[T], bar: Any, weight: Callable[[T], int]) -> Iterator[T]:
    with bar:
        for item in items:
            bar.update(weight(item))
            yield item


# ---------------------------------------------------------------- output


def _emit(args: argparse.Namespace, doc: Document | Stream, count: str | Callable[[], str]) -> None:
    """Write the document to ``-o FILE`` (format from its extension) or to standard output.

    A stream is written as it comes: to ``-o FILE`` whole or not at all, to standard output set
    aside till the end (so that an input refused half-way prints nothing). Standard output
    closed early (``| head``) ends the writing quietly; the command still exits with its own
    code (:func:`_closed_pipe`)."""
    from voucherlib.output.render import MAX_GATHERED_ROWS, format_of, render, to_xlsx, write, write_stream
    from voucherlib.output.table import Stream

    if args.output:
        from voucherlib.core.errors import InvalidInput

        fmt = format_of(args.output, "-o")
        try:
            with _rows_in_format("-o"):
                if isinstance(doc, Stream):
                    write_stream(doc, args.output, fmt, args.lang)
                else:
                    write(doc, args.output, fmt, args.lang)
        except OSError as exc:
            # (the system's, not the file named: 74 as under standard output, review 192 F9)
            if exc.errno in _SYSTEM_ERRNOS:
                raise
            raise _cannot_write(args.output, exc.strerror or type(exc).__name__) from None
        except InvalidInput as exc:
            if exc.field != "path":  # (the path refused by the file writer: a folder, a read-only file)
                raise
            raise _cannot_write(args.output, exc.expected, exc.expectation) from None
        named = args.output if args.output.isprintable() else repr(args.output)  # (review 192 F6: as every message)
        _status(args, f"voucherlib: wrote {count if isinstance(count, str) else count()} to {named} ({fmt})")
        return
    fmt = args.format or "text"
    if fmt == "xlsx" and sys.stdout.isatty():
        raise UsageError("xlsx_on_terminal")
    with _rows_in_format("--format"):
        if isinstance(doc, Stream) and fmt != "xlsx":
            with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
                write_stream(doc, spool, fmt, args.lang)  # every format ends its last line: no newline added
                spool.seek(0)
                _to_stdout(lambda: shutil.copyfileobj(spool, sys.stdout))
            return
        if isinstance(doc, Stream):
            doc = doc.gather(MAX_GATHERED_ROWS)
    if fmt == "xlsx":
        data = to_xlsx(doc, lang=args.lang)
        _to_stdout(lambda: sys.stdout.buffer.write(data))
    else:
        text = render(doc, fmt, args.lang)
        _to_stdout(lambda: print(text, end="" if text.endswith("\n") else "\n"))  # one newline at the end


@contextlib.contextmanager
def _rows_in_format(flag: str) -> Iterator[None]:
    """A document too long for HTML or XLSX (which are built whole) refused naming the flag that
    chose the format, ``--format`` or ``-o``, and what to write instead (review 192 F8: it named
    "output" and advised a file's extension to a command writing to standard output)."""
    from voucherlib.core.errors import InvalidInput, expected
    from voucherlib.output.render import MAX_GATHERED_ROWS

    try:
        yield
    except InvalidInput as exc:
        if exc.field != "output":
            raise
        advice = "--format csv, --format json" if flag == "--format" else "-o FILE.csv, -o FILE.json"
        raise InvalidInput(
            flag, exc.value, expected("rows_in_format_flag", max=MAX_GATHERED_ROWS, advice=advice)
        ) from None


def _to_stdout(write_out: Callable[[], object]) -> None:
    """Write to standard output and flush inside the try, so that a closed pipe is found here,
    not at exit (then the rest goes to devnull: :func:`_closed_pipe`)."""
    try:
        write_out()
        sys.stdout.flush()
    except BrokenPipeError:
        _closed_pipe(sys.stdout)


def _check_output(args: argparse.Namespace) -> None:
    """Refuse ``-o FILE`` before anything is read or computed: an unknown extension, a format
    that --format contradicts, a folder that does not exist, or a file that is one of the
    inputs (by any name: a symlink, a hard link, another spelling of the path), which writing
    would destroy. A workbook's writer missing (xlsxwriter, ``voucherlib[audit]``) is said
    first too, not after the input is read and settled (review 31)."""
    from voucherlib.output.render import format_of, xlsx_writer

    if (format_of(args.output, "-o") if args.output else args.format) == "xlsx":
        xlsx_writer()
    explained_apart = ("settle", "facility", "check-cases")  # (the audits hold an explanation column)
    if getattr(args, "explain", False) and args.command in explained_apart and _format(args) == "csv":
        # (review 76: asked for, and left out without a word)
        from voucherlib.core.phrases import say

        _to_stderr(f"voucherlib {args.command}: {say(args.lang, 'usage.explain_not_here', fmt=_format(args).upper())}")
    if getattr(args, "explain", False) and args.command in _NOTHING_TO_EXPLAIN:
        # (review 259 F4: accepted, and nothing said of it)
        from voucherlib.core.phrases import say

        what = say(args.lang, _NOTHING_TO_EXPLAIN[args.command])
        _to_stderr(f"voucherlib {args.command}: {say(args.lang, 'usage.explain_nothing', what=what)}")
    if not args.output:
        return
    fmt = format_of(args.output, "-o")
    if args.format and args.format != fmt:
        raise UsageError("format_mismatch", format=args.format, output=args.output, fmt=fmt)
    out = Path(args.output)
    folder = out.parent if str(out.parent) else Path()
    if not folder.is_dir():
        from voucherlib.core.errors import expected

        said = expected("output_no_folder", folder=repr(str(folder)))
        raise _cannot_write(args.output, f"the folder {str(folder)!r} does not exist", said)
    if not out.exists():
        return
    inputs = [p for p in (getattr(args, "file", None), getattr(args, "claims", None)) if p not in (None, "-")]
    inputs += [p for p in (*(getattr(args, "rules", None) or []), getattr(args, "rule_set", None)) if p]
    if args.example:
        inputs += [str(p) for p in Path(str(resources.files("voucherlib.examples"))).iterdir()]
    _refuse_output_over(args, inputs)


def _refuse_output_over(args: argparse.Namespace, inputs: Iterable[str | Path]) -> None:
    """Refuse ``-o FILE`` when FILE is one of ``inputs`` by any name (a symlink, a hard link,
    another spelling of the path): writing would destroy it."""
    if not args.output or not Path(args.output).exists():
        return
    for path in inputs:
        with contextlib.suppress(OSError, ValueError):
            if os.path.samefile(path, args.output):
                raise UsageError("output_is_input", output=args.output, path=str(path))
    if "-" in (getattr(args, "file", None), getattr(args, "claims", None)):  # standard input, a file's (review 73)
        with contextlib.suppress(OSError, ValueError):
            given, read = os.stat(args.output), os.fstat(0)
            if (given.st_dev, given.st_ino) == (read.st_dev, read.st_ino):
                raise UsageError("output_is_stdin", output=args.output)


_SYSTEM_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EDQUOT})
"""The system's input/output errors (a full disk, a failing device): exit 74 wherever they come."""


def _cannot_write(path: str, why: str, expectation: Any = None) -> VoucherError:
    """``-o FILE`` refused: ``why`` in English (the system's reason as the system says it), and
    ``expectation`` (:class:`~voucherlib.core.errors.Expected`), what voucherlib itself expected
    of FILE, said in the command's language (review 207 F7: English under ``--lang ka``)."""
    from voucherlib.core.errors import VoucherError

    class CannotWrite(VoucherError):  # (made here: the command line imports no error class to start)
        def message(self, lang: str = "en") -> str:
            if lang == "en" or expectation is None:
                return str(self)
            from voucherlib.core.phrases import say

            return say(lang, "usage.cannot_write", path=repr(path), why=expectation.text(lang))

    return CannotWrite(
        f"-o: cannot write {path!r}: {why}", field="-o", value=path, expected="a file that can be written"
    )


def _status(args: argparse.Namespace, line: str) -> None:
    """A status line on standard error (none with -q)."""
    if not args.quiet:
        _to_stderr(line)


def _to_stderr(text: str) -> None:
    """A line on standard error; a closed standard error changes nothing (not even the exit code)."""
    try:
        print(text, file=sys.stderr, flush=True)
    except OSError:  # a closed pipe, a full disk (review 78: the exit code became 1): nowhere to say it
        _closed_pipe(sys.stderr)


def _closed_pipe(stream: Any) -> None:
    """``stream`` was closed by its reader (``| head``): send the rest of the output to devnull.

    Python flushes the standard streams at exit; on the closed pipe that flush would fail
    again, so the stream is pointed at devnull (the Python documentation's note on SIGPIPE).
    The command goes on and exits with its own code (1 with findings), as if the reader had
    read everything.
    """
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def _explained(doc: Document, items: Iterable[tuple[str, Any]]) -> Document:
    from voucherlib.output.table import Document

    return Document(doc.title, doc.tables, doc.charts, doc.lang, doc.title_ka, doc.summary, tuple(items))


# ---------------------------------------------------------------- commands


def _outcome(args: argparse.Namespace, findings: bool) -> int:
    return FINDINGS if findings and not args.exit_zero else DONE


def _settle(args: argparse.Namespace) -> int:
    """Settle the file as it is read, a run of rows at a time, and write the result as it comes
    (text, CSV and JSON in bounded memory; see :func:`~voucherlib.reports.settlement_file.settle_chunks`)."""
    from voucherlib.core.collector import no_cycle_collection
    from voucherlib.input.files import STREAM_LIMITS
    from voucherlib.output.documents import NoServiceDays, settle_stream
    from voucherlib.reports.settlement_file import RepeatedMonths, settle_chunks
    from voucherlib.rules.submission import PastKnownDaysOff

    path = _input(args, "vouchers.csv", limit=STREAM_LIMITS.file_bytes)
    calendar = _calendar(args)
    seen = [0, False]  # rows, findings

    def chunks() -> Iterator[SettledChunk]:
        for chunk in settle_chunks(
            path,
            calendar=calendar,
            rules=_rules(args),
            count_discharge_day=not args.no_discharge_day,
            delimiter=_delimiter(args),
            sheet=args.sheet,
            one_at_a_time=args.explain,
            day_first=args.day_first,
        ):
            seen[0] += len(chunk)
            seen[1] = seen[1] or chunk.settled < len(chunk) or chunk.not_funded > 0
            yield chunk

    repeated = RepeatedMonths(args.day_first)  # a month settled twice is a finding (D28): named, and exit 1
    empty = NoServiceDays()  # so is a month with no day of service (review 76)
    said_calendar = calendar.summary_clause(args.lang)
    past_known = PastKnownDaysOff(calendar.days_off_known_through)  # (D52: named by the summary)
    stream = settle_stream(
        _progress(chunks(), args, path, weight=len),
        args.lang,
        explain=args.explain,
        repeated=repeated,
        empty=empty,
        also=said_calendar,
        past_known=past_known,
    )
    from voucherlib.core.phrases import counted

    with no_cycle_collection():
        _emit(args, stream, lambda: counted(seen[0], "row"))
    beside = empty.text(args.lang) + repeated.text(args.lang) + past_known.text(args.lang) + said_calendar
    _said_beside_csv(args, "settle", beside)
    return _outcome(args, bool(seen[1] or repeated.found or repeated.alike or empty.count))


def _said_beside_csv(args: argparse.Namespace, command: str, said: str) -> None:
    """A finding of the summary (``said``, empty for none) on standard error when the output is
    CSV, which holds the table alone (review 53: exit 1 without a word)."""
    if said and _format(args) == "csv":
        from voucherlib.output.render import printable  # (a terminal's control characters shown escaped)

        _to_stderr(f"voucherlib {command}: {printable(said.removeprefix('; '))}")


def _daily_rate(args: argparse.Namespace) -> Any:
    """``--daily-rate``: one rate (``25``), or one for each service (``shelter=25 --daily-rate
    day_centre=15``), read as ``daily_rate=`` is (the file's separator is not the command line's)."""
    from voucherlib.core.errors import InvalidInput, argument, expected
    from voucherlib.rules.facility_month import daily_rate_value, service_rates

    given: list[str] | None = args.daily_rate
    if not given:
        return None
    if len(given) == 1 and "=" not in given[0]:
        return daily_rate_value(given[0], separator_advice=False)
    if all("=" in g for g in given):
        return service_rates((service, rate.strip()) for service, rate in (g.split("=", 1) for g in given))
    raise InvalidInput("daily_rate", " ".join(given), expected("rates", advice=argument("daily_rate_per_service")))


def _delimiter(args: argparse.Namespace) -> str | None:
    return "\t" if args.delimiter == "tab" else args.delimiter


def _facility(args: argparse.Namespace) -> int:
    from voucherlib.output.documents import facility_document, over_limit_said
    from voucherlib.reports.facility_file import facility_rows, one_rate_said, read_facility_rows

    path = _input(args, "facility_occupancy.csv")
    daily_rate, rules = _daily_rate(args), _rules(args)
    _rate_for_the_cap(args, daily_rate, rules)
    report = facility_rows(
        _progress(
            read_facility_rows(path, delimiter=_delimiter(args), sheet=args.sheet, day_first=args.day_first), args, path
        ),
        daily_rate=daily_rate,
        rules=rules,
        compensation_within_cap=args.compensation_within_cap,
    )
    doc = facility_document(report, args.lang, explain=args.explain)
    from voucherlib.core.phrases import counted

    # (what the file holds: its facility-months and the rows of none, review 235 F3, 236 F3)
    alone = len(report.results) - report.month_count
    wrote = counted(report.month_count, "facility-month") + (
        f" and {counted(alone, 'row')} of no facility-month" if alone else ""
    )
    _emit(args, doc, wrote)
    over = [f"{r.facility_id} {r.month}: {over_limit_said(r.result, args.lang)}" for r in report.over_limit if r.result]
    if report.one_rate is not None:  # (one rate for both services: review 175 F4)
        over.append(one_rate_said(report.one_rate, args.lang))
    _said_beside_csv(args, "facility", report.alike_text(args.lang) + "".join(f"; {o}" for o in over))  # (D48 too)
    # a month without its amount needs a rate; a month under alike ids may be one computed twice (D39);
    # children paid for above the limit, for the auditor to look at (D48)
    return _outcome(args, bool(report.invalid or report.unpriced or report.alike or report.over_limit))


def _rate_for_the_cap(args: argparse.Namespace, daily_rate: Any, rules: Any) -> None:
    """``--compensation-within-cap`` with no daily rate anywhere (no ``--daily-rate``, and no
    program year of the rule set gives the Annex 2.8 rate, as the bundled one does not: D13)
    computes no month: refused before any row is read (review 76: every month was an error row,
    under a total of 0.00, exit 1)."""
    if not args.compensation_within_cap or daily_rate is not None:
        return
    from voucherlib.core.ruleset import resolve_rules
    from voucherlib.rules.facility_month import RATE_KEY, no_rate_within_cap

    if any(key.startswith(RATE_KEY) for program in resolve_rules(rules).programs for key in program.parameters):
        return
    raise no_rate_within_cap()


def _discharge_day_option(parser: argparse.ArgumentParser) -> None:
    """--no-discharge-day: an agency that does not count the discharge day as a service day (D1)."""
    parser.add_argument(
        "--no-discharge-day", action="store_true", help="do not count the discharge day as a service day"
    )


def _audit(args: argparse.Namespace) -> int:
    from voucherlib.core.month import optional_date
    from voucherlib.reports.audit import audit_invoice

    submitted_on = optional_date(args.submitted_on, "--submitted-on")  # a bad flag is a usage error (2)
    path = _input(args, "invoice.csv")
    calendar = _calendar(args)
    report = audit_invoice(
        path,
        submitted_on=submitted_on,
        calendar=calendar,
        rules=_rules(args),
        tolerance=args.tolerance,
        decimal_separator=args.decimal_separator,
        delimiter=_delimiter(args),
        sheet=args.sheet,
        day_first=args.day_first,
        count_discharge_day=not args.no_discharge_day,
    )
    # a calendar not the default: named by the summary (AuditReport.summary_line: reviews 208 F1,
    # 209), and beside a CSV, which holds no summary sentence
    said = calendar.summary_clause(args.lang)
    if _format(args) == "csv":  # (the lines counted on days off not known, D52, as the summary names them)
        said = report.past_known_days_off().text(args.lang) + said
    _said_beside_csv(args, "audit", said)
    return _audit_outcome(args, report)


def _format(args: argparse.Namespace) -> str:
    """The format the command writes: -o FILE's (by its extension), else --format's (default text)."""
    from voucherlib.output.render import format_of

    return format_of(args.output, "-o") if args.output else args.format or "text"


def _audit_outcome(args: argparse.Namespace, report: AuditReport) -> int:
    """Emit the audit's document: summary, findings and lines (in a file, or in any format but
    text, each line with its explanation; in HTML the charts too), with the trace of every
    line that needs attention when asked; exit 1 when a line does not match or a finding is
    made (0 with --exit-zero)."""
    from voucherlib.core.errors import label_printed
    from voucherlib.core.phrases import say
    from voucherlib.output.documents import audit_document

    fmt = _format(args)
    doc = audit_document(report, args.lang, explain=fmt != "text", charts=fmt == "html")
    if args.explain:
        doc = _explained(
            doc,
            (
                (say(args.lang, "label.row", row=label_printed(ln.row, args.lang)) + ":", ln.trace())
                for ln, attention in zip(report.lines, report.needing_attention(), strict=True)
                if attention
            ),
        )
    from voucherlib.core.phrases import counted

    _emit(args, doc, counted(len(report.lines), "line"))
    return _outcome(args, not report.all_match)


def _audit_facility(args: argparse.Namespace) -> int:
    from voucherlib.reports.facility_audit import audit_facility_invoice
    from voucherlib.reports.facility_file import one_rate_said

    if args.example == (args.file is not None):
        raise UsageError("occupancy_claims_or_example")
    if args.example:
        occupancy, claims = example_path("facility_occupancy.csv"), example_path("facility_claims.csv")
    elif args.claims is None:
        raise UsageError("occupancy_and_claims")
    elif args.file == "-" and args.claims == "-":
        raise UsageError("one_stdin")
    else:
        occupancy = _stdin_file(args, ".csv") if args.file == "-" else Path(args.file)
        claims = _stdin_file(args, ".csv") if args.claims == "-" else Path(args.claims)
    rules = _rules(args)
    daily_rate = _daily_rate(args)
    _rate_for_the_cap(args, daily_rate, rules)
    report = audit_facility_invoice(
        occupancy,
        claims,
        daily_rate=daily_rate,
        rules=rules,
        tolerance=args.tolerance,
        decimal_separator=args.decimal_separator,
        delimiter=_delimiter(args),
        sheet=args.sheet,
        compensation_within_cap=args.compensation_within_cap,
        day_first=args.day_first,
        claims_sheet=args.claims_sheet,
    )
    if report.one_rate is not None:  # one rate for both services: in the summary, beside a CSV too (review 175 F4)
        _said_beside_csv(args, "audit-facility", one_rate_said(report.one_rate, args.lang))
    return _audit_outcome(args, report)


def _tables(args: argparse.Namespace) -> int:
    from voucherlib.output.documents import limit_cell_document, limit_table_document, tables_document
    from voucherlib.rules.limit_tables import limit_table

    if args.annex is None or args.example:
        if args.annex is not None:
            raise UsageError("annex_or_example")
        if args.municipality is not None or args.column is not None:  # (review 76: ignored, every table shown)
            raise UsageError("needs_annex")
        doc = tables_document(args.lang)
    else:
        table = limit_table(args.annex)
        if args.column is not None and args.municipality is None:
            raise UsageError("column_needs_municipality")
        if args.municipality and args.column:
            doc = limit_cell_document(table, args.municipality, args.column, args.lang)
        else:
            doc = limit_table_document(table, args.municipality, args.lang)
    _emit(args, doc, "the tables")
    return DONE


def _check_cases(args: argparse.Namespace) -> int:
    """Run a file of worked examples (exit 1 when a case fails). From standard input, a rule-set
    file a case names is read relative to the current directory."""
    from voucherlib.core.phrases import say
    from voucherlib.output.documents import cases_document
    from voucherlib.reports.cases import case_files, computed_trace, load_cases, run_cases

    path = _input(args, "cases.toml", suffix=".toml")
    base = Path.cwd() if args.file == "-" else Path(path).parent
    source = "-" if args.file == "-" else str(path)
    cases = load_cases(path, source=source)
    # the rule-set files the cases name are inputs too, which -o may not write over
    _refuse_output_over(args, [base / name for c in cases for _, name in case_files(c)])
    where = "case_file_stdin" if args.file == "-" else "case_file_beside"
    for number, case in enumerate(cases, 1):  # (review 76: a missing file was a failed case, exit 1)
        for key, name in case_files(case):  # (each file of a list of years too)
            if not (base / name).is_file():
                raise UsageError(
                    where, of_a_file=True, number=number, name=case.name, setting=key, path=str(base / name)
                )
    report = run_cases(cases, base, source)
    doc = cases_document(report, args.lang)
    if args.explain:
        explained: list[tuple[str, Any]] = []
        for n, (case, result) in enumerate(zip(cases, report.results, strict=True), 1):
            label = say(args.lang, "label.case", case=n, name=result.name)
            explained.append((label, say(args.lang, "label.how", how=result.how)))
            traced = computed_trace(case, base)  # the library's steps beside the hand calculation (review 79)
            if traced is not None:
                explained.append((say(args.lang, "label.case_computed", case=n), traced))
        doc = _explained(doc, explained)
    from voucherlib.core.phrases import counted

    _emit(args, doc, counted(len(report.results), "case"))
    return _outcome(args, not report.passed)


def _summary(args: argparse.Namespace) -> int:
    from voucherlib.output.documents import summary_document
    from voucherlib.reports.program_summary import municipal_report_example, read_summary

    summary = municipal_report_example() if args.example else None
    if summary is None:
        summary = read_summary(_input(args, "tsalenjikha_2020.toml", suffix=".toml"))
    _emit(args, summary_document(summary, args.lang), f"{len(summary.lines)} programs")
    return DONE


# ---------------------------------------------------------------- the parser


_NOTHING_TO_EXPLAIN = {"tables": "usage.explain_tables", "summary": "usage.explain_summary"}
"""The commands whose ``--explain`` adds nothing, and the words that say why."""


def _common(parser: argparse.ArgumentParser, explain: str) -> None:
    """The options every command takes."""
    parser.add_argument("--example", action="store_true", help="use the example shipped with voucherlib")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE, in the format of its extension: "
        + ", ".join(f".{f}" if f != "text" else ".txt" for f in OUTPUT_FORMATS),
    )
    parser.add_argument("--format", choices=OUTPUT_FORMATS, help="the format of standard output (default: text)")
    parser.add_argument("--lang", choices=("en", "ka"), default="en", help="English (en, default) or Georgian (ka)")
    parser.add_argument("--explain", action="store_true", help=explain)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no status line")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (1 otherwise)")


def _input_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help=f"{what}, or - to read standard input")


def _reader_options(parser: argparse.ArgumentParser, *, money: bool = True) -> None:
    parser.add_argument(
        "--delimiter",
        choices=(",", ";", "tab"),
        help="the CSV file's delimiter (default: told from the header)",
    )
    parser.add_argument("--sheet", help="the XLSX sheet to read (needed when more than one has data)")
    parser.add_argument(
        "--day-first",
        action="store_true",
        help="the file's dates are written day first (06/12/21, 06.12.2021), as a Georgian-locale spreadsheet "
        "saves them to CSV (a month too: 01.11.2021 is November 2021); ISO dates are read either way",
    )
    if money:  # a voucher file and an occupancy file hold no amounts
        parser.add_argument(
            "--decimal-separator",
            choices=(",", "."),
            help="the character before the tetri in the file's amounts, for amounts such as 1,234 that read two ways",
        )


def _compensation_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--compensation-within-cap",
        action="store_true",
        help="keep the unfilled-place compensation within the per-facility cap of each day (the other reading "
        "of D20; needs a per-beneficiary daily rate: --daily-rate, or the rule set's)",
    )


def _audit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tolerance", default="0", metavar="GEL", help="largest difference that still matches (default 0)"
    )


def _calendar_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--labour-code-only",
        action="store_true",
        help="count working days with the Labour Code holidays alone, without the Government's declared days off",
    )
    parser.add_argument(
        "--day-off",
        action="append",
        metavar="DATE",
        help="a day off the Government declared that voucherlib does not know yet, YYYY-MM-DD (repeatable)",
    )
    parser.add_argument(
        "--working-day",
        action="append",
        metavar="DATE",
        help="a day made a working day (a Saturday worked in place of a day off), YYYY-MM-DD (repeatable)",
    )


def _rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        action="append",
        metavar="TOML",
        help="add a program year from a rule-set file (repeatable, in the order given; through_2026: the shipped "
        "continuation of the 2021 amounts for 2022-2026)",
    )
    parser.add_argument(
        "--rule-set",
        metavar="TOML",
        help="start from this rule set (a whole program year) instead of the bundled one; --rules adds years to it",
    )


def _daily_rate_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--daily-rate",
        metavar="GEL",
        action="append",
        help="per-beneficiary daily rate of Annex 2.8 (not in Decree 467's text): one for every service, or "
        "one for each, given twice: shelter=GEL and day_centre=GEL",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voucherlib",
        description="Georgia's social-service voucher rules (Decree No. 467 of 2021) as exact, explainable code.",
        epilog="Exit status: 0 done; 1 done with findings (invalid rows, vouchers not funded, lines that do not "
        "match); 2 unusable input or usage; 74 the system could not read or write; 70 a defect of voucherlib "
        "(please report it); 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"voucherlib {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    settle = commands.add_parser(
        "settle",
        help="settle a CSV or XLSX file of Annex 2.12 voucher-months",
        description="Settle one voucher-month per row: beneficiary_id, month (YYYY-MM), enrolled_on, "
        "discharged_on (YYYY-MM-DD or empty; day first with --day-first), disability (yes/no or periods "
        "FROM..TO;...), submitted_on.",
    )
    _input_option(settle, "the CSV or XLSX file")
    _reader_options(settle, money=False)
    _common(settle, "explain every row, step by step, with the provision of each step")
    _calendar_option(settle)
    _discharge_day_option(settle)
    _rules_option(settle)
    settle.set_defaults(run=_settle)

    facility = commands.add_parser(
        "facility",
        help="compute the month of Annex 2.8 shelters and day centres from daily occupancy",
        description="One row per facility and day: facility_id, city, service (shelter or day_centre), limit, "
        "date (YYYY-MM-DD; day first with --day-first), children_served. Prints each facility's month: children paid for (capped per day in "
        "Tbilisi, Kutaisi and Rustavi, and in Batumi's day centres) and the unfilled-place compensation.",
    )
    _input_option(facility, "the CSV or XLSX file")
    _reader_options(facility, money=False)  # an occupancy file holds no amount (review 52: the flag did nothing)
    _compensation_option(facility)
    _common(facility, "explain every facility-month, run of days by run of days")
    _daily_rate_option(facility)
    _rules_option(facility)
    facility.set_defaults(run=_facility)

    audit = commands.add_parser(
        "audit",
        help="audit a provider's invoice of Annex 2.12 vouchers, line by line",
        description="Recompute every line of an invoice (CSV or XLSX; English or Georgian headers: beneficiary_id, "
        "name, month, enrolled_on, discharged_on, disability, claimed, submitted_on) and give each a verdict: "
        "matches, over-claimed, under-claimed, not funded (late), already billed (D28) or invalid. "
        "Exits 1 with findings (a line that does not match, a late deduction, a month not funded, a month outside "
        "the stay whatever its claim, double billing, ids that look alike, overlapping stays; see Findings), 0 with "
        "none or with --exit-zero.",
    )
    _input_option(audit, "the invoice, .csv or .xlsx")
    _reader_options(audit)
    _common(audit, "explain every line that needs attention")
    audit.add_argument(
        "--submitted-on", metavar="DATE", help="the day the document was submitted (for lines without one)"
    )
    _audit_options(audit)
    _calendar_option(audit)
    _discharge_day_option(audit)
    _rules_option(audit)
    audit.set_defaults(run=_audit)

    audit_facility = commands.add_parser(
        "audit-facility",
        help="audit the claims of Annex 2.8 shelters and day centres against their daily occupancy",
        description="OCCUPANCY (CSV or XLSX) as for 'voucherlib facility'; CLAIMS (CSV or XLSX) with facility_id, "
        "month, claimed_children, claimed_unfilled. Two lines per claim: children served, unfilled places. "
        "Exits 1 with findings (a line that does not match, children paid over the limit, ...), 0 with none or "
        "with --exit-zero.",
    )
    audit_facility.add_argument(
        "file", nargs="?", metavar="OCCUPANCY", help="the daily-occupancy CSV or XLSX file (- for standard input)"
    )
    audit_facility.add_argument(
        "claims", nargs="?", metavar="CLAIMS", help="the claims CSV or XLSX file (- for standard input)"
    )
    _common(audit_facility, "explain every line that needs attention")
    _daily_rate_option(audit_facility)
    _reader_options(audit_facility)
    _compensation_option(audit_facility)
    audit_facility.add_argument(
        "--claims-sheet",
        metavar="NAME",
        help="the sheet of the claims workbook (--sheet then names the occupancy's alone)",
    )
    _audit_options(audit_facility)
    _rules_option(audit_facility)
    audit_facility.set_defaults(run=_audit_facility)

    tables = commands.add_parser(
        "tables",
        help="limit tables (Annex 1.1, 2.2, 2.4) and subprogram budgets",
        description="Without an annex (or with --example): list the limit tables and the budgets. With one: print "
        "the table, or one municipality's row (--municipality), or one cell (--municipality and --column). "
        "The tables are the decree's own; there is no input file.",
    )
    tables.add_argument("annex", nargs="?", metavar="ANNEX", help="1.1, 2.2 or 2.4")
    _common(tables, "(the tables carry their citation; nothing more to explain)")
    tables.add_argument("--municipality", "-m", help="a municipality, by English key or Georgian name")
    tables.add_argument("--column", "-c", help="a column of the table, e.g. a, b or c for Annex 2.4")
    tables.set_defaults(run=_tables)

    summary = commands.add_parser(
        "summary",
        help="a program summary in the shape of a municipal report",
        description="FILE: a TOML report (title, title_ka, source and [[program]] number, title, title_ka, "
        "beneficiaries, unit, amount), or --example for the Tsalenjikha municipality 2020 report.",
    )
    _input_option(summary, "the TOML report")
    _common(summary, "(a summary has no computation to explain)")
    summary.set_defaults(run=_summary)
    check = commands.add_parser(
        "check-cases",
        help="run a TOML file of worked examples (an auditor's own; --example: those shipped; in a checkout, tests/cases/*.toml)",
        description="Each [[case]] names its rule and decisions, gives the inputs, the hand calculation (how) and "
        "what is expected. An unknown key is an error naming the file, the case and the key. Exits 1 when a case "
        "fails. --example runs the worked examples shipped with voucherlib. A rule-set file a case names is read "
        "relative to the case file's folder (to the current directory for - , standard input).",
    )
    _input_option(check, "the case file, .toml")
    _common(check, "show the hand calculation of every case")
    check.set_defaults(run=_check_cases)
    for sub in commands.choices.values():
        sub.set_defaults(usage=sub.format_usage())
    return parser


def _about_a_flag(exc: VoucherError, args: argparse.Namespace) -> bool:
    """Whether ``exc`` refuses the value of a flag or argument of the command (``-o``,
    ``--daily-rate``, ``--submitted-on``, ``ANNEX``...), not a file's content: it is then printed
    after the usage block, as argparse prints its own refusals and :class:`UsageError`. A field
    named as a flag of another command (a case file's ``rules`` in ``check-cases``, which has no
    ``--rules``: review 194 F6) is the file's."""
    # (a flag is "-o", "--day-off": "-", standard input, is a file: review 195 F4)
    if exc.field.startswith("-") and exc.field.lstrip("-")[:1].isalpha():
        return True
    flag = _wording().fields.get(exc.field)
    return flag is not None and hasattr(args, flag.lstrip("-").replace("-", "_").lower())


def _message(args: argparse.Namespace, exc: VoucherError) -> str:
    """The error as the command line says it: standard input is ``-``, not a temporary file."""
    from voucherlib.core.phrases import say

    lang = getattr(args, "lang", "en")
    message = exc.message(lang)
    for path in getattr(args, "stdin_files", ()):
        message = message.replace(str(path), "-").replace(path.name, say(lang, "value.standard_input"))
    return message


def quiet_workbook_warnings() -> None:
    """For the process of the command line alone (the console script, ``python -m voucherlib``):
    openpyxl's warnings of a workbook (no default style, an unknown extension) are no word of the
    command's, for what matters of a workbook is read or refused in its own words (review 259 F1: a
    path inside openpyxl's package on standard error, -q or not). Not in :func:`main`, which a
    program may call in its own process: a filter there changed the warnings of every thread, and
    two overlapping calls left them off for good (review 264 F5)."""
    warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")


def main(argv: Sequence[str] | None = None) -> int:
    # closed when the command started (>&-, <&-): written nowhere, as a closed pipe; read as empty
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        # --help and --version end above, having imported no rule
        with contextlib.ExitStack() as streams:  # (the refusals below are said in UTF-8 too: review 77)
            for stream in (sys.stdout, sys.stderr):
                streams.enter_context(_utf8(stream))
            return _run(args)
    except KeyboardInterrupt:  # (before the command runs, while its modules are imported: review 77)
        _to_stderr("voucherlib: interrupted")
        return INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    """The command of ``args``, its refusal said in one message (exit 2), an interruption in one
    line (130), a system's input/output error in one line (74), a defect with its traceback (70)."""
    from voucherlib.core.errors import VoucherError, argument_wording
    from voucherlib.output.render import printable_lines

    run: Callable[[argparse.Namespace], int] = args.run
    try:
        with contextlib.ExitStack() as stack, argument_wording(_wording()):
            args.stack = stack
            _check_output(args)
            code = run(args)
    except BrokenPipeError:  # a write outside _emit and _status (none is expected): Python's own code
        _closed_pipe(sys.stdout)
        _closed_pipe(sys.stderr)
        return FINDINGS
    except UsageError as exc:
        usage = "" if exc.of_a_file else args.usage
        _to_stderr(usage + printable_lines(f"voucherlib {args.command}: {exc.message(args.lang)}"))
        return UNUSABLE
    except VoucherError as exc:  # a flag's value refused is said as a usage error is (review 185 F7)
        usage = args.usage if _about_a_flag(exc, args) else ""
        _to_stderr(usage + printable_lines(f"voucherlib {args.command}: {_message(args, exc)}"))
        return UNUSABLE
    except KeyboardInterrupt:  # (review 76: Ctrl-C was a traceback of 30-50 lines)
        written = f"; nothing written to {args.output}" if getattr(args, "output", None) else ""
        _to_stderr(f"voucherlib {args.command}: interrupted{written}")
        return INTERRUPTED
    except OSError as exc:  # the system's (a full disk under standard output: review 77), no defect
        _to_stderr(f"voucherlib {args.command}: input/output error: {exc.strerror or exc}")
        return IO_ERROR
    except Exception:  # a defect of voucherlib: never exit 1, which a script reads as "done, with findings"
        import traceback

        _to_stderr(traceback.format_exc().rstrip())
        _to_stderr(
            f"voucherlib {args.command}: internal error (a defect of voucherlib: please report it with the lines above)"
        )
        return INTERNAL_ERROR
    return code


@contextlib.contextmanager
def _utf8(stream: Any) -> Iterator[None]:
    """``stream`` writes UTF-8 while a command runs, whatever the system's code page (review 76:
    standard output redirected to a file on Windows, cp1252, ended every Georgian report in a
    UnicodeEncodeError and exit 1), as every file voucherlib writes is UTF-8; as it was after."""
    encoding, errors = getattr(stream, "encoding", None), getattr(stream, "errors", None)
    if not encoding or codecs.lookup(encoding).name == "utf-8" or not hasattr(stream, "reconfigure"):
        yield
        return
    stream.flush()
    stream.reconfigure(encoding="utf-8", errors=errors)  # (its own handler kept: review 77, stderr's backslashreplace)
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
            stream.reconfigure(encoding=encoding, errors=errors)


if __name__ == "__main__":
    sys.exit(main())
