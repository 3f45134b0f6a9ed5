"""Every command's result as a :class:`~voucherlib.output.table.Document`, built once.

The command line renders these with :mod:`voucherlib.output.render`; the columns of each table
(:data:`voucherlib.output.shapes.SHAPES`) also make the JSON Schemas of the JSON output.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from voucherlib.core.citation import Citation
from voucherlib.core.collector import no_cycle_collection
from voucherlib.core.errors import argument, label_printed, reason_in
from voucherlib.core.money import ZERO, add, gel_from_tetri, money_text, subtract, total
from voucherlib.core.phrases import counted, grouped_as, say
from voucherlib.core.ruleset import carried_over
from voucherlib.core.trace import citation_text, count_said, counts_said, rows_said
from voucherlib.output.charts import BarChart
from voucherlib.output.table import Column, Document, Ending, Kind, RowChunk, Stream, Table
from voucherlib.reports.audit import AuditLine, AuditReport
from voucherlib.reports.cases import CaseReport, CaseResult
from voucherlib.reports.facility_file import FacilityReport, one_rate_said
from voucherlib.reports.findings import Finding, Findings
from voucherlib.reports.program_summary import ProgramSummary
from voucherlib.reports.settlement_file import RepeatedMonths, SettledChunk, SettlementReport, settled_chunk
from voucherlib.rules.budgets import budgets
from voucherlib.rules.facility_month import PER_SERVICE, FacilityMonth, changing_caps
from voucherlib.rules.limit_tables import LimitTable, limit_tables
from voucherlib.rules.paid_beneficiary_caps import city_name
from voucherlib.rules.submission import PastKnownDaysOff

__all__ = [
    "AUDIT_LINE_COLUMNS",
    "AUDIT_SUMMARY_COLUMNS",
    "CASE_COLUMNS",
    "FACILITY_COLUMNS",
    "FACILITY_KEYS",
    "FINDING_COLUMNS",
    "SETTLE_COLUMNS",
    "SUMMARY_COLUMNS",
    "audit_charts",
    "audit_document",
    "cases_document",
    "facility_columns",
    "facility_document",
    "limit_cell_document",
    "limit_table_document",
    "settle_document",
    "settle_stream",
    "summary_document",
    "tables_document",
]

SETTLE_COLUMNS = (
    Column("row", "row", "სტრ.", "int", label=True),  # (a DataFrame's text index label too: review 280 F4)
    Column("beneficiary_id", "beneficiary", "ბენეფიციარის კოდი", ident=True),  # (as the audit: review 143 F18)
    Column("month", "month", "თვე"),
    Column("service_days", "days", "დღე", "int"),
    Column("daily_rates", "GEL/day", "ლარი/დღე", workbook_number=True),
    Column("amount", "amount", "თანხა", "money"),
    Column("deadline", "deadline", "ვადა", "date", show=False),
    Column("submitted_on", "submitted", "წარდგენილია", "date", show=False),
    Column("late_working_days", "late", "დაგვიანებული სამუშაო დღეები", "int"),  # (a count: review 143 F18)
    # (a voucher not funded has its whole amount here: review 134 F10, as the audit's column says)
    Column("deduction", "deducted or not funded", "დაქვითული ან დაუფინანსებელი", "money", show=False),
    Column("payable", "payable", "ასანაზღაურებელი", "money"),
    Column("funded", "funded", "ფინანსდება", "bool"),
    Column("error", "error", "შეცდომა", show=False),
)


def settle_document(report: SettlementReport, lang: str = "en", *, explain: bool = False) -> Document:
    """One row per voucher-month (settled or invalid), the totals, each invalid row's reason
    (and with ``explain``, each settlement's trace): the very document the command line streams,
    its highlights too (a month's row that an earlier row settles, a month with no day of service)."""
    calendar = next((r.settlement.calendar for r in report.rows if r.settlement is not None), None)
    past = PastKnownDaysOff(None if calendar is None else calendar.days_off_known_through)
    document = settle_stream((settled_chunk(report.rows),), lang, explain=explain, past_known=past).gather()
    repeated = report.repeated
    again = {row for rows in repeated.found.values() for row in rows[1:]}  # (as the stream sees them)
    tables = document.tables
    if again and tables:
        table = tables[0]
        styles = [
            "over" if style is None and r.row in again else style
            for style, r in zip(table.highlight or [None] * len(report.rows), report.rows, strict=True)
        ]
        tables = (replace(table, highlight=styles), *tables[1:])
    # the months settled twice or under alike ids, as the command line says them (review 65)
    return replace(document, tables=tables, summary=tuple(line + repeated.text(lang) for line in document.summary))


def _settle_style(error: object, funded: object, days: object, again: bool) -> str | None:
    """A settled row's highlight: an error; not funded (R2); one that needs attention though it
    is settled, a month with no day of service or one settled again (D28: review 229 F3, these
    made ``settle`` exit 1 unhighlighted)."""
    if error is not None:
        return "error"
    if not funded:
        return "rejected"
    return "over" if again or days == 0 else None


def _facility_style(error: object, fm: FacilityMonth | None) -> str | None:
    """A facility-month's highlight: an error; one that needs attention, paid for more children
    than its limit has places on a day (D48) or without a per-beneficiary rate for its children
    (D13), each of which makes ``facility`` exit 1 (review 229 F3)."""
    if error is not None or fm is None:
        return "error"
    return "notice" if fm.days_over_limit or fm.daily_rate is None else None


class NoServiceDays:
    """The voucher-months settled with no day of service (the stay does not touch the month:
    enrolled after it or discharged before it; R1 gives 0.00), counted over runs of settled rows
    and the first :attr:`most` named: a finding of ``settle`` (review 76: 0.00 and "funded"
    without a word, where the audit calls it an error)."""

    most = 10

    def __init__(self) -> None:
        self.count = 0
        """How many."""
        self.rows: list[Any] = []
        """The first :attr:`most` of their rows."""

    def see(self, columns: Mapping[str, Any]) -> None:
        """Note the rows of a run with no day of service (an invalid row's ``service_days`` is None)."""
        days = columns["service_days"]
        found = days.count(0) if isinstance(days, list) else sum(1 for d in days if d == 0)
        if found:
            self.count += found
            if len(self.rows) < self.most:
                self.rows.extend(r for r, d in zip(columns["row"], days, strict=True) if d == 0)
                del self.rows[self.most :]

    def text(self, lang: str = "en") -> str:
        """The sentence of the summary that names them (empty for none)."""
        if not self.count:
            return ""
        rows = rows_said(lang, list(map(label_printed, self.rows)), self.count, in_all=False)
        return say(lang, "settle.no_service", count=count_said(self.count, lang), rows=rows)


SETTLE_TABLE = Table(
    "settlements",
    "Voucher-months (Annex 2.12)",
    SETTLE_COLUMNS,
    (),
    title_ka="ვაუჩერის თვეები (დანართი №2.12)",
)


def settle_stream(
    chunks: Iterable[SettledChunk],
    lang: str = "en",
    *,
    explain: bool = False,
    repeated: RepeatedMonths | None = None,
    empty: NoServiceDays | None = None,
    also: str = "",
    past_known: PastKnownDaysOff | None = None,
) -> Stream:
    """:func:`settle_document` of rows that come in runs (``voucherlib settle`` of a big file):
    rendered as they come, the totals and the summary at the end. ``explain`` needs runs
    settled one at a time (they carry the settlements). ``repeated`` notes the beneficiary-months
    settled on more than one row, which the summary names (D28); ``empty`` (made here when not
    given) the voucher-months with no day of service, which it names too; ``also``, a sentence
    the summary ends with (the days off counted by a calendar not the default: review 199 F6);
    ``past_known`` the rows counted on days whose declared days off are not known (D52), named
    before it (none named when not given)."""
    counts = [0, 0, 0, 0, 0]  # rows, settled, not funded, amount and payable in tetri
    empty = NoServiceDays() if empty is None else empty
    past = PastKnownDaysOff(None) if past_known is None else past_known

    def each() -> Iterator[RowChunk]:
        for chunk in chunks:
            again: frozenset[Any] = frozenset()
            if repeated is not None:
                repeated.see(chunk)
                again = frozenset(repeated.last_seen_again)
            c = chunk.columns
            empty.see(c)
            past.see(c["row"], c["deadline"], c["submitted_on"])
            counts[0] += len(chunk)
            counts[1] += chunk.settled
            counts[2] += chunk.not_funded
            counts[3] += chunk.amount_tetri
            counts[4] += chunk.payable_tetri
            errors = [(row, e) for row, e in zip(c["row"], c["error"], strict=True) if e is not None]
            if errors and lang != "en":  # each reason in the document's language
                c = {**c, "error": [reason_in(e, lang) for e in c["error"]]}
                errors = [(row, reason_in(e, lang)) for row, e in errors]
            yield RowChunk(
                len(chunk),
                c,
                [
                    _settle_style(e, f, d, row in again) if e is not None or not f or d == 0 or again else None
                    for e, f, d, row in zip(c["error"], c["funded"], c["service_days"], c["row"], strict=True)
                ],
                tuple(f"{say(lang, 'label.row', row=label_printed(row))}: {e}" for row, e in errors),
                tuple(
                    (say(lang, "label.row_of", row=label_printed(row), ident=ident), s.trace())
                    for row, ident, s in zip(c["row"], c["beneficiary_id"], chunk.settlements, strict=True)
                    if s is not None
                )
                if explain
                else (),
            )

    def ending() -> Ending:
        rows, settled, not_funded = counts[:3]
        amount, payable = gel_from_tetri(counts[3]), gel_from_tetri(counts[4])
        invalid = rows - settled
        # (counts grouped as amounts are, "10,000 rows": review 229 M4)
        n = counts_said(lang, {"settled": settled, "not_funded": not_funded, "invalid": invalid})
        summary = (
            f"totals: {counted(rows, 'row')}, {n['settled']} settled ({n['not_funded']} not funded), "
            f"{n['invalid']} invalid; amount {money_text(amount, grouping=True)} GEL, payable {money_text(payable, grouping=True)} GEL"
        )
        summary_ka = (
            f"{count_said(rows, 'ka')} სტრიქონი, გამოთვლილია {n['settled']} ({n['not_funded']} არ ფინანსდება), "
            f"ვერ გამოითვალა {n['invalid']}; თანხა {money_text(amount, grouping=True, lang='ka')} ლარი, "
            f"ასანაზღაურებელი {money_text(payable, grouping=True, lang='ka')} ლარი"
        )
        # (the months with no day of service before the repeats, which settle_document adds after)
        said = (summary_ka if lang == "ka" else summary) + empty.text(lang)
        said += (repeated.text(lang) if repeated is not None else "") + past.text(lang) + also
        return Ending({"amount": amount, "deduction": subtract(amount, payable), "payable": payable}, (said,))

    return Stream.of(
        SETTLE_TABLE,
        each(),
        ending,
        title=say("en", "document.settle"),
        title_ka=say("ka", "document.settle"),
        lang=lang,
    )


FACILITY_COLUMNS = (
    Column("facility_id", "facility", "დაწესებულება", ident=True),
    Column("month", "month", "თვე"),
    Column("city", "city", "ქალაქი"),
    Column("service", "service", "მომსახურება"),
    Column("limit", "limit", "ლიმიტი", "int"),
    Column("cap", "cap", "ზღვარი", "int", or_text=True),  # (its runs when a rule set changes it in the month)
    Column("served", "served", "მომსახურებული", "int"),
    Column("paid", "paid", "ანაზღაურებადი", "int"),
    # R3's place-days paid for: unfilled places, at most 50% of the limit a day (review 49: headed
    # "unfilled place-days", it showed 600 where 900 places were unfilled and 600 compensated)
    Column("unfilled_paid", "compensated place-days", "ანაზღაურებადი ადგილ-დღეები", "int"),
    Column("compensation", "compensation", "კომპენსაცია", "money"),
    Column("withheld", "withheld over cap", "ზღვარს ზემოთ დაკავებული", "money", show=False),
    Column("for_children", "for children", "ბენეფიციარებზე", "money"),
    Column("total", "total", "სულ", "money"),
    Column("rows", "rows", "სტრიქონები", show=False),
    Column("error", "error", "შეცდომა", show=False),
)


def over_limit_said(fm: FacilityMonth, lang: str) -> str:
    """The days of a facility-month on which more children are paid for than its limit has places (D48)."""
    # (its counts grouped as amounts are: review 234 F3, "35700 beneficiary-days")
    return say(lang, "facility.over_limit", **counts_said(lang, fm.over_limit_facts()))


def facility_document(report: FacilityReport, lang: str = "en", *, explain: bool = False) -> Document:
    """One row per facility-month of Annex 2.8, the totals, each invalid month's reason (and with
    ``explain``, each facility-month's trace).

    ``compensation`` is the unfilled-place compensation *paid* under the reading of D20 chosen
    (less what the R4 cap withholds with ``compensation_within_cap``, shown in ``withheld``), so
    that ``compensation + for_children = total`` on every row and in the totals row.
    """
    rows: list[dict[str, Any]] = []
    changing: list[str] = []  # a cap that changes within a month, said under the table (review 36)
    for r in report.results:
        fm = r.result
        row: dict[str, Any] = {
            "facility_id": r.facility_id,
            "month": r.month,
            "rows": ", ".join(map(label_printed, r.rows)),  # every row of the month (the text view cuts a long cell)
            "error": reason_in(r.error, lang),
        }
        caps = changing_caps(fm) if fm is not None else None
        if caps is not None:
            changing.append(f"{r.facility_id} {r.month}: {say(lang, 'facility.caps', caps=caps)}")
        if fm is not None:
            row.update(
                month=str(fm.month),
                city=city_name(fm.city, lang),  # in Georgian the decree's names (review 33)
                service=say(lang, f"service.{fm.service}"),  # "day centre", not the key (review 42)
                limit=fm.limit,
                # one cap for the month; one that changes within it, its runs (review 111: an empty
                # cell read as a city with no cap)
                cap=caps if caps is not None else fm.days[0].cap if fm.days else None,
                served=fm.served_beneficiary_days,
                paid=fm.paid_beneficiary_days,
                unfilled_paid=fm.compensation.place_days,
                compensation=fm.compensation_paid,
                withheld=fm.compensation_over_cap,
                for_children=fm.beneficiary_amount if fm.daily_rate is not None else None,
                total=fm.total if fm.daily_rate is not None else None,
            )
        rows.append(row)
    months = [r.result for r in report.results if r.result is not None]
    totals: dict[str, Any] = {
        key: sum((row[key] for row in rows if key in row), 0) for key in ("served", "paid", "unfilled_paid")
    }
    compensation = total(fm.compensation_paid for fm in months)
    totals.update(compensation=compensation, withheld=total(fm.compensation_over_cap for fm in months))
    # with a month that has no daily rate, or none computed, the amount for children (and the
    # total) is not known: no 0.00 for what was never computed (review 49)
    priced = bool(months) and all(fm.daily_rate is not None for fm in months)
    if priced:
        totals.update(
            for_children=total(fm.beneficiary_amount for fm in months), total=total(fm.total for fm in months)
        )
    columns: tuple[Column, ...] = FACILITY_COLUMNS
    if any(fm.compensation_within_cap for fm in months):  # what the cap withholds, on the screen too (review 28)
        columns = tuple(dataclasses.replace(c, show=True) if c.key == "withheld" else c for c in columns)
    table = Table(
        "facility_months",
        "Facility-months (Annex 2.8)",
        columns,
        rows,
        totals=totals,
        highlight=[_facility_style(r.error, r.result) for r in report.results],
        notes=(
            # the provisions the amounts rest on, each once (review 33: named only by --explain)
            *dict.fromkeys(citation_text(c, lang) for fm in months for c in fm.citations),
            *changing,
            *(
                _not_computed(r.facility_id, r.month, r.rows, reason_in(r.error, lang), lang)
                for r in report.results  # (the invalid, and a month whose children's amount is not: review 220 F2)
                if r.error is not None
            ),
            *(f"{r.facility_id} {r.month}: {over_limit_said(r.result, lang)}" for r in report.over_limit if r.result),
        ),
        title_ka="დაწესებულებების თვეები (დანართი №2.8)",
        sheet_ka="დაწესებულებების თვეები",  # (the title is 38 characters; a sheet's name holds 31)
    )
    summary = say(
        lang,
        "facility.summary",
        months=count_said(report.month_count, lang),  # (grouped as amounts are: review 229 M4; 234 F5)
        rows=count_said(report.row_count, lang),
        invalid=count_said(len(report.invalid), lang),
        amount=money_text(compensation, grouping=True, lang=lang),
    ) + (
        say(lang, "facility.summary_total", amount=money_text(totals["total"], grouping=True, lang=lang))
        if priced and months
        else ""
    )
    if report.unpriced:  # review 26: the empty amounts were said nowhere (the command now exits 1)
        summary += say(
            lang,
            "facility.summary_unpriced",
            months=count_said(len(report.unpriced), lang),
            advice=argument("daily_rate"),
            per_service=argument("daily_rate_per_service", PER_SERVICE),  # (review 175 F3)
        )
    summary += report.alike_text(lang)  # one facility's month under ids written two ways (D39, review 64)
    if report.one_rate is not None:  # (one rate for shelters and day centres alike: review 171 F6)
        summary += "; " + one_rate_said(report.one_rate, lang)
    if report.over_limit:  # (the command exits 1: children paid above the limit, D48)
        summary += say(lang, "facility.summary_over_limit", months=count_said(len(report.over_limit), lang))
    explanations = tuple(
        (f"{r.facility_id} {r.month}:", r.result.trace()) for r in report.results if r.result and explain
    )
    return Document(
        say("en", "document.facility"),
        (table,),
        lang=lang,
        title_ka=say("ka", "document.facility"),
        summary=(summary,),
        explanations=explanations,
    )


def _not_computed(facility_id: str, month: object, rows: tuple[int | str, ...], reason: str, lang: str) -> str:
    """The note of a facility-month not computed: its facility and month, its rows unless its
    reason names them (review 242 F1: a totals row was ``სულ  (row 32): row 32: limit: ...``);
    a row of no facility or month (a header again, D49) by its reason alone."""
    head = " ".join(str(p) for p in (facility_id, month) if p)
    if not head:
        return reason
    said = _rows_said(rows, lang)
    return f"{head}: {reason}" if reason.startswith(said + ":") else f"{head} ({said}): {reason}"


def _rows_said(rows: tuple[int | str, ...], lang: str) -> str:
    """``row 4`` or ``rows 4, 5, ...`` (review 85: "rows 2" for one row)."""
    if len(rows) == 1:
        return say(lang, "label.row", row=label_printed(rows[0]))
    return say(lang, "label.rows", rows=_rows_text(rows))


def _rows_text(rows: tuple[int | str, ...]) -> str:
    return ", ".join(map(label_printed, rows[:10])) + (", ..." if len(rows) > 10 else "")


# ---------------------------------------------------------------- the audit (Annex 2.12 and Annex 2.8)
#
# * Summary: the totals over the checked lines (claimed - computed = difference; computed -
#   deducted = payable), what the lines not checked claim, the lines by verdict, the findings;
# * Findings: one row per finding, with its severity, lines, amount, provision and decision;
# * Lines: every line with its verdict, its reason and its explanation (rendered from the line's
#   trace, then its findings); a line that some finding concerns is highlighted (by the most
#   severe one);
# * Charts: claimed against payable by month and by provider (facility), what is claimed but not payable, by cause.

_FINDING_STYLE = {
    "not-checked": "error",
    "not-funded": "rejected",
    "late-deduction": "notice",
    "claim-below": "under",
    "paid-over-limit": "notice",
}
_RANK = {"error": 0, "rejected": 1, "over": 2, "notice": 3, "under": 4}


def _column(key: str, kind: Kind = "text", *, optional: bool = False, below: bool = False) -> Column:
    # (a provision's start says it: cut at its end on the screen)
    header_en, header_ka = say("en", f"column.{key}"), say("ka", f"column.{key}")
    ident = key in ("beneficiary_id", "facility_id")  # (a long id: broken at its length, every character kept)
    return Column(
        key, header_en, header_ka, kind, optional=optional, below=below, ident=ident, cut_end=key == "provision"
    )


_MONEY = ("claimed", "computed", "difference", "deducted", "payable")
AUDIT_LINE_COLUMNS = (
    _column("row"),
    _column("provider", optional=True),  # when the invoice names providers
    _column("beneficiary_id"),
    _column("name"),
    _column("month"),
    *(_column(k, "money") for k in _MONEY),
    _column("verdict"),
    _column("reason"),
    _column("explanation", optional=True, below=True),  # in every file format; --explain adds the traces
)
FINDING_COLUMNS = (
    *(
        _column(k, "money" if k == "amount" else "text")
        for k in ("severity", "code", "rows", "beneficiary_id", "month", "amount", "text", "provision", "decision")
    ),
    # the act the provision is in, for the views that carry no notes (CSV: review 69); the screen
    # views name it once under the table
    Column("act", say("en", "column.act"), say("ka", "column.act"), show=False),
)
# the count column holds lines and findings alike (review 65: headed "lines", it said "Findings 5")
AUDIT_SUMMARY_COLUMNS = (
    _column("item"),
    _column("amount", "money"),
    Column("count", say("en", "summary.count"), say("ka", "summary.count"), "int"),
)


def _styles(report: AuditReport, index: Mapping[tuple[int | str, str], list[Finding]]) -> list[str | None]:
    """Each line's highlight: the most severe finding that concerns it (``index``: ``findings.by_line()``)."""
    styles: list[str | None] = []
    for ln in report.lines:
        found = [_FINDING_STYLE.get(f.code, "over") for f in Findings.of_line(index, ln.row, ln.part)]
        styles.append(min(found, key=_RANK.__getitem__) if found else None)
    return styles


FACILITY_KEYS = MappingProxyType({"beneficiary_id": "facility_id", "name": "component"})
"""A facility audit's keys of the columns an Annex 2.12 audit keys ``beneficiary_id`` and ``name``."""


def facility_columns(columns: Sequence[Column]) -> tuple[Column, ...]:
    """A facility audit's columns say what they hold, by their keys (CSV, JSON, a DataFrame) and
    their headers: the facility (not a beneficiary) and the component of the claim, children
    served or unfilled places (not a person's name; review 157 F14: keyed ``beneficiary_id`` and
    ``name``, a program reading by key took the facility F-1 for a person)."""
    header = {"beneficiary_id": "column.facility_id", "name": "column.part"}
    return tuple(
        replace(c, key=FACILITY_KEYS[c.key], header_en=say("en", header[c.key]), header_ka=say("ka", header[c.key]))
        if c.key in header
        else c
        for c in columns
    )


def _facility_headers(report: AuditReport, columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """The columns of a facility audit's table (:func:`facility_columns`), others as they are."""
    return facility_columns(columns) if report.of_facilities else columns


def _keyed(report: AuditReport, record: dict[str, Any]) -> dict[str, Any]:
    """A line's or a finding's record under its table's keys (a facility audit's: :data:`FACILITY_KEYS`)."""
    if not report.of_facilities:
        return record
    return {FACILITY_KEYS.get(k, k): v for k, v in record.items()}


def _lines_table(report: AuditReport, lang: str, explain: bool, said: Mapping[int, str] | None = None) -> Table:
    leave_out = {"provider"} if not any(ln.provider for ln in report.lines) else set()
    if not explain:
        leave_out.add("explanation")
    if not report.late_penalty:  # no deduction for a late Annex 2.8 document (D40; review 34)
        leave_out.add("deducted")
    columns = _facility_headers(report, tuple(c for c in AUDIT_LINE_COLUMNS if c.key not in leave_out))
    rows = []
    index = report.findings.by_line()
    for ln in report.lines:
        rec = ln.record(lang)
        rec["row"] = reason_in(ln.row, lang)  # a file row stays a number (the workbook sorts 2 before 10)
        rec["provider"] = ln.provider
        if explain:
            rec["explanation"] = report.explanation(ln, lang, index, said)
        rows.append(_keyed(report, rec))
    totals: dict[str, Any] = {k: v for k, v in report.totals().items() if k in _MONEY and k not in leave_out}
    totals["row"] = say(lang, "summary.total_checked")
    # each line not checked with its whole reason under the table, as settle's rows: a reason cut
    # to the column's width would hide the value to correct (review 28); once per row and reason
    # (a facility row's two lines refused for the one reason of the row: said once)
    notes = tuple(
        dict.fromkeys(
            f"{say(lang, 'label.row', row=label_printed(rec['row']))}: {rec['reason']}"
            for ln, rec in zip(report.lines, rows, strict=True)
            if ln.verdict == "invalid"
        )
    )
    return Table(
        "lines", say("en", "summary.lines_sheet"), columns, rows, totals=totals, highlight=_styles(report, index),
        notes=notes, title_ka=say("ka", "summary.lines_sheet"), sheet=say("en", "summary.lines_sheet"),
        sheet_ka=say("ka", "summary.lines_sheet"),
    )  # fmt: skip


def _findings_table(report: AuditReport, lang: str, said: dict[int, str] | None = None) -> Table:
    """The findings, each a row; ``said`` gets each finding's text (by its id), for the lines'
    explanations to say it again without making it again (issue 15, target 4)."""
    rows = []
    for f in report.findings:
        rec = f.record(lang)
        if said is not None:
            said[id(f)] = rec["text"]
        rec["severity"] = say(lang, f"severity.{f.severity}")
        if f.citation is not None:  # the provision; its act named once under the table (review 65, as review 35)
            rec["provision"], rec["act"] = f.citation.short(lang), f.citation.act_text(lang)
        rows.append(_keyed(report, rec))
    styles = [_FINDING_STYLE.get(f.code, "over") for f in report.findings]
    acts = _acts_cited([f.citation for f in report.findings if f.citation is not None], lang)
    return Table(
        "findings", say("en", "summary.findings"), _facility_headers(report, FINDING_COLUMNS), rows, highlight=styles,
        notes=acts if rows else (say(lang, "summary.none"),), title_ka=say("ka", "summary.findings"),
        sheet=say("en", "summary.findings"), sheet_ka=say("ka", "summary.findings"),
    )  # fmt: skip


def _summary_table(report: AuditReport, lang: str) -> Table:
    rows: list[dict[str, Any]] = []
    for label, value in report.summary(lang):
        if isinstance(value, Decimal):
            rows.append({"item": label, "amount": value})
        else:
            rows.append({"item": label, "count": value})
    return Table(
        "summary", say("en", "summary.title"), AUDIT_SUMMARY_COLUMNS, rows, title_ka=say("ka", "summary.title"),
        sheet=say("en", "summary.title"), sheet_ka=say("ka", "summary.title"),
    )  # fmt: skip


def _by(lines: list[AuditLine], key: Any) -> tuple[tuple[str, ...], tuple[Decimal, ...], tuple[Decimal, ...]]:
    claimed: dict[str, Decimal] = defaultdict(lambda: ZERO)
    payable: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for ln in lines:
        claimed[key(ln)] = add(claimed[key(ln)], ln.claimed or ZERO)
        payable[key(ln)] = add(payable[key(ln)], ln.payable or ZERO)
    cats = tuple(sorted(claimed))
    return cats, tuple(claimed[c] for c in cats), tuple(payable[c] for c in cats)


def audit_charts(report: AuditReport, lang: str = "en") -> list[BarChart]:
    """Claimed against payable by month and by provider (or facility), over the checked lines,
    and what is claimed but not payable, by cause (a late deduction, a month not funded, the
    amount over-claimed, the claims of a month already billed on another line, where there are
    any, and the claims of the lines not checked)."""
    checked = list(report.checked)
    series = (say(lang, "chart.claimed"), say(lang, "chart.payable"))
    unit = say(lang, "chart.unit")
    charts = []
    cats, claimed, payable = _by(checked, lambda ln: ln.month)
    charts.append(
        BarChart(
            "by-month", say(lang, "chart.by_month"), cats, ((series[0], claimed), (series[1], payable)), unit, lang
        )
    )
    facility = report.of_facilities
    # (lines of no provider beside named ones are "(no provider)", not the invoice's whole: review 267 F4)
    unnamed = say(lang, "provider.none" if any(ln.provider for ln in report.lines) else "provider.all")
    cats, claimed, payable = _by(
        checked, (lambda ln: ln.beneficiary_id) if facility else (lambda ln: ln.provider or unnamed)
    )
    title = say(lang, "chart.by_facility" if facility else "chart.by_provider")
    charts.append(BarChart("by-provider", title, cats, ((series[0], claimed), (series[1], payable)), unit, lang))
    # Of a claim, what the late submission leaves unpaid: the part of it up to the amount computed
    # that is not payable (review 267 F1: the deduction from the amount computed was counted
    # whatever the claim, so a claim of 558.00 for 620.00 one day late, all of it payable, showed
    # 62.00 "claimed but not payable"). The causes of a line add up to what of its claim is not payable.
    late = total(_late_share(ln) for ln in checked if ln.settlement is not None and ln.settlement.funded)
    withheld = total(_late_share(ln) for ln in checked if ln.settlement is not None and not ln.settlement.funded)
    over = total(
        ln.difference for ln in checked if ln.difference is not None and ln.difference > 0 and ln.billed_on is None
    )
    causes = [("cause.over_claimed", over), ("cause.not_checked", report.unchecked_claimed)]
    billed = [ln.difference for ln in checked if ln.billed_on is not None and ln.difference is not None]
    if billed:  # the claims of a month paid on another line (D28), shown where an invoice has them
        causes.insert(1, ("cause.already_billed", total(billed)))
    if not facility:
        causes[:0] = [("cause.late", late), ("cause.not_funded", withheld)]
    charts.append(
        BarChart("deductions", say(lang, "chart.deductions"), tuple(say(lang, k) for k, _ in causes),
                 ((say(lang, "chart.amount"), tuple(v for _, v in causes)),), unit, lang)
    )  # fmt: skip
    return charts


def _late_share(line: AuditLine) -> Decimal:
    """What of a checked line's claim the late submission leaves unpaid: of the claim up to the
    amount computed (above it is over-claimed), what is not payable; none of a claim within what
    is payable (a provider that claims the amount after the deduction, D46)."""
    if line.claimed is None or line.computed is None or line.payable is None:
        return ZERO
    return max(ZERO, subtract(min(line.claimed, line.computed), line.payable))


def audit_document(report: AuditReport, lang: str = "en", *, explain: bool = True, charts: bool = True) -> Document:
    """The report as one document: summary, findings, lines (with explanations), charts.

    Made with the cyclic garbage collector paused: a large report's tables are millions of small
    objects (a record, a text, an explanation per line) and no cycles."""
    with no_cycle_collection():
        said: dict[int, str] = {}  # (each finding's text, made for its table, said again under its lines)
        summary, findings = _summary_table(report, lang), _findings_table(report, lang, said)
        return Document(
            say("en", report.title),
            (summary, findings, _lines_table(report, lang, explain, said)),
            tuple(c.chart() for c in audit_charts(report, lang)) if charts else (),
            lang,
            title_ka=say("ka", report.title),
            summary=(report.summary_line(lang),),
        )


LIMIT_OVERVIEW_COLUMNS = (
    Column("annex", "annex", "დანართი"),
    Column("title", "title", "დასახელება"),
    Column("units", "units", "ერთეულების რაოდენობა", "int"),  # (the count of units: review 194 F8)
    Column("totals", "totals", "ჯამი"),
    Column("in_force_from", "in force from", "ამოქმედების თარიღი", "date"),
    _column("provision"),
)
BUDGET_COLUMNS = (
    Column("annex", "annex", "დანართი"),
    Column("amount", "budget (GEL)", "ბიუჯეტი (ლარი)", "money"),
    Column("title", "title", "დასახელება"),
    Column("measures", "measures", "ღონისძიებები"),
    Column("in_force_from", "in force from", "ამოქმედების თარიღი", "date"),
    _column("provision"),
)


def _acts_cited(citations: list[Citation], lang: str) -> tuple[str, ...]:
    """The act the provisions of a table are in, named once under it: each row cites its own
    provision without it (review 35: in Georgian the act's name comes first, and the text view,
    which cuts a long cell in the middle, showed only the act's name on every row)."""
    acts = dict.fromkeys(c.act_text(lang) for c in citations if c.act is not None)
    # and the acts that word them, which a cut cell can hide (review 36)
    amending = dict.fromkeys(c.amended_by.act.name(lang) for c in citations if c.amended_by is not None)
    # and what a cell cut at its end hides last: a value carried over to a later year, and the act
    # that carried it (review 161 F2: a 2022 finding read as the 2021 decree's provision alone)
    notes = dict.fromkeys(n for c in citations if c.act is not None and (n := carried_over(c, lang)))
    return (
        *(say(lang, "tables.acts_cited", act=act) for act in acts),
        *(say(lang, "tables.amending_act", act=act) for act in amending),
        *(say(lang, "tables.carried", note=note) for note in notes),
    )


def tables_document(lang: str = "en") -> Document:
    """The limit tables and the subprogram budgets at a glance."""
    overview = Table(
        "limit_tables",
        "Limit tables",
        LIMIT_OVERVIEW_COLUMNS,
        [
            {
                "annex": t.annex,
                "title": t.text_of(lang)[0],
                "units": len(t.rows),
                "totals": ", ".join(f"{t.header(c, lang)}: {grouped_as(f'{n:,}', lang)}" for c, n in t.totals.items()),
                "in_force_from": t.effective_from,  # (review 33: the amended figures' date, shown nowhere)
                "provision": t.citation.short(lang),
            }
            for t in limit_tables().values()
        ],
        notes=_acts_cited([t.citation for t in limit_tables().values()], lang),
        title_ka="ლიმიტების ცხრილები",
    )
    items = list(budgets().values())
    budget_table = Table(
        "budgets",
        "Budgets (GEL)",
        BUDGET_COLUMNS,
        [
            {
                "annex": b.annex,
                "amount": b.amount,
                "title": b.title_ka if lang == "ka" else b.title,
                "measures": "; ".join(f"{m.letter(lang)}: {grouped_as(f'{m.amount:,}', lang)}" for m in b.measures),
                "in_force_from": b.effective_from,
                "provision": b.citation.short(lang),  # each its own (review 33: one for all 15)
            }
            for b in items
        ],
        notes=_acts_cited([b.citation for b in items], lang),
        title_ka="ბიუჯეტები (ლარი)",
    )
    return Document(
        say("en", "document.tables"), (overview, budget_table), lang=lang, title_ka=say("ka", "document.tables")
    )


def limit_table_document(table: LimitTable, municipality: str | None = None, lang: str = "en") -> Document:
    """A limit table (or one municipality's row), each value under its own column.

    With ``lang="ka"`` the municipality is the decree's Georgian name (the English key is
    not shown), under the decree's heading (ადმინისტრაციულ-ტერიტორიული ერთეული), and the title
    (composed of the decree's words), unit, column headings and notes are in Georgian.
    """
    rows = table.rows if municipality is None else (table.row(municipality),)
    title, unit = table.text_of(lang)
    columns = (
        Column("municipality", "municipality", "ადმინისტრაციულ-ტერიტორიული ერთეული"),  # (the decree's heading)
        *(Column(c, c, table.header(c, "ka"), kind="int") for c in table.columns),
        _decree_name(lang),
        Column("derived", "derived", "გამოთვლილია", show=False),
    )
    out = Table(
        f"annex_{table.annex}",
        f"Annex {table.annex}: {title} ({unit})",
        columns,
        [{"municipality": r.name(lang), **r.values, "ka": r.ka, "derived": r.derivation(lang)} for r in rows],
        totals=dict(table.totals) if municipality is None else None,
        notes=(
            *(f"{table.header(c, lang)}: {table.description(c, lang)}" for c in table.columns),
            table.citation.text(lang),
            say(lang, "tables.in_force_from", day=table.effective_from.isoformat()),  # (review 35)
            *(
                f"{r.name(lang)}: {r.derivation(lang)}" for r in rows if r.derived
            ),  # (the row named: no "*" on it, review 159 F3)
        ),
        title_ka=f"დანართი №{table.annex}: {title} ({unit})",
    )
    return Document(say("en", "document.tables"), (out,), lang=lang, title_ka=say("ka", "document.tables"))


def _decree_name(lang: str) -> Column:
    """The column of a municipality's name as the decree writes it: on screen in English only
    (in Georgian the municipality column says that name already; CSV and JSON keep it)."""
    return Column("ka", "in the decree", "დადგენილებაში", show=lang != "ka")


CELL_COLUMNS = (
    Column("annex", "annex", "დანართი"),
    Column("municipality", "municipality", "ადმინისტრაციულ-ტერიტორიული ერთეული"),  # (the decree's heading)
    _decree_name("en"),
    Column("column", "column", "სვეტი"),
    Column("value", "value", "მნიშვნელობა", "int"),
    Column("derived", "derived", "გამოთვლილია"),
)


def limit_cell_document(table: LimitTable, municipality: str, column: str, lang: str = "en") -> Document:
    """One cell of a limit table with its row, its column and the provision."""
    row = table.row(municipality)
    key = table.column_of(column)
    title = table.text_of(lang)[0]
    cell = Table(
        "cell",
        f"Annex {table.annex}: {title}",
        tuple(_decree_name(lang) if c.key == "ka" else c for c in CELL_COLUMNS),
        [
            {
                "annex": table.annex,
                "municipality": row.name(lang),
                "ka": row.ka,
                "column": f"{table.header(key, lang)}: {table.description(key, lang)}",
                "value": table.lookup(municipality, key),
                "derived": row.derivation(lang),
            }
        ],
        # the day it is in force from, as the whole table and a row say it (review 52)
        notes=(table.citation.text(lang), say(lang, "tables.in_force_from", day=table.effective_from.isoformat())),
        title_ka=f"დანართი №{table.annex}: {title}",
    )
    return Document(say("en", "document.tables"), (cell,), lang=lang, title_ka=say("ka", "document.tables"))


SUMMARY_COLUMNS = (
    Column("number", "No.", "№", "int"),
    Column("program", "program", "პროგრამა", whole=True),
    Column("beneficiaries", "beneficiaries", "ბენეფიციარი", "int"),
    Column("unit", "counted as", "ერთეული", show=False),
    Column("amount", "amount, GEL", "თანხა, ლარი", "money"),
)


def summary_document(summary: ProgramSummary, lang: str = "en") -> Document:
    """Per program, beneficiaries and amount, with the totals (a municipal report's shape).

    Programs that count different units (families, patients, ...) are not added up into one
    number of beneficiaries (review 33: "1,467" of families, patients and children): the unit
    is shown on each row, and the counts by unit under the table. A unit that is not
    beneficiaries is shown on each row even when every program counts it (review 157 F11: ten
    families were headed "beneficiaries")."""
    units = summary.by_unit(lang)
    columns: tuple[Column, ...] = SUMMARY_COLUMNS
    totals: dict[str, Any] = {"amount": summary.total_amount}
    source = (summary.source_ka or summary.source) if lang == "ka" else summary.source
    notes = [source] if source else []
    if summary.counts_another_unit:  # (the counts headed "count", what they count beside: review 164 F3)
        shown = {"unit": ("counted as", "აღრიცხვის ერთეული"), "beneficiaries": ("count", "რაოდენობა")}
        columns = tuple(
            dataclasses.replace(c, show=True, header_en=shown[c.key][0], header_ka=shown[c.key][1])
            if c.key in shown
            else c
            for c in columns
        )
    if len(units) > 1:
        notes.insert(
            0,
            say(
                lang,
                "summary.by_unit",
                counts=", ".join(f"{u}: {grouped_as(f'{n:,}', lang)}" for u, n in units.items()),
            ),
        )
    else:
        totals["beneficiaries"] = summary.total_beneficiaries
    table = Table(
        "programs",
        summary.title or summary.title_ka,
        columns,
        [
            {
                "number": ln.number,
                "program": ln.title_in(lang),
                "beneficiaries": ln.beneficiaries,
                "unit": unit,
                "amount": ln.amount,
            }
            for ln, unit in zip(summary.lines, summary.line_units(lang), strict=True)
        ],
        totals=totals,
        notes=tuple(notes),
        title_ka=summary.title_ka,
        sheet_ka="პროგრამები",  # (the report's own title is long; a sheet's name holds 31 characters)
    )
    return Document("voucherlib summary", (table,), lang=lang, title_ka=say("ka", "document.summary"))


CASE_COLUMNS = (
    Column("case", "case", "№", "int"),
    Column("passed", "passed", "დაემთხვა", "bool"),
    Column("rule", "rule", "წესი"),
    Column("decisions", "decisions", "გადაწყვეტილებები"),
    Column("name", "what it shows", "რას აჩვენებს"),
    Column("problems", "problems", "პრობლემები", show=False),
    Column("how", "hand calculation", "ხელით გამოთვლა", show=False),
)


def _problems(result: CaseResult, lang: str) -> tuple[str, ...]:
    """A failed case's problems in ``lang`` (in English where no Georgian was kept)."""
    return result.problems_ka if lang == "ka" and result.problems_ka else result.problems


def cases_document(report: CaseReport, lang: str = "en") -> Document:
    """One row per worked example (passed or not); each failed case's problems under the table."""
    rows = [
        {
            "case": n,
            "passed": r.passed,
            "rule": r.rule,
            "decisions": ", ".join(r.decisions),
            "name": r.name,
            "problems": "; ".join(_problems(r, lang)) or None,
            "how": r.how,
        }
        for n, r in enumerate(report.results, start=1)
    ]
    failed = sum(not r.passed for r in report.results)
    passed = len(report.results) - failed
    table = Table(
        "cases",
        "Worked examples",
        CASE_COLUMNS,
        rows,
        highlight=[None if r.passed else "error" for r in report.results],
        notes=tuple(
            note
            for n, r in enumerate(report.results, start=1)
            if not r.passed
            # each problem, then the hand calculation, said as such (review 185 F6: "FAILED: how: ...")
            for note in (
                *(say(lang, "label.case_failed", case=n, problem=problem) for problem in _problems(r, lang)),
                say(lang, "label.case_how", case=n, how=r.how),
            )
        ),
        title_ka="გამოთვლის მაგალითები",
    )
    n = counts_said(lang, {"cases": len(report.results), "passed": passed, "failed": failed})
    summary = say(lang, "cases.summary", **n, source=report.source)  # ("2,002 cases": review 234 F3)
    return Document(
        say("en", "document.check_cases"),
        (table,),
        lang=lang,
        title_ka=say("ka", "document.check_cases"),
        summary=(summary,),
    )
