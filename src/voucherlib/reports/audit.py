"""Auditing a provider's invoice of Annex 2.12 youth vouchers, line by line, with the law behind each number.

``audit_invoice(invoice)`` takes a CSV or XLSX file, a pandas DataFrame, or a list of
:class:`InvoiceLine`, recomputes every line with :func:`voucherlib.voucher_month` and
:func:`voucherlib.settle`, and returns an :class:`AuditReport`: one line for **every** input
line, in order, with the amount computed (R1), the amount claimed, the difference (claimed
minus computed), what is payable after the late penalty (R2), and a verdict:

* ``matches``: the claim equals the computed amount (within ``tolerance``);
* ``over-claimed`` / ``under-claimed``: the claim is more / less than the computed amount;
* ``not funded (late)``: the document was more than 5 working days late (D8);
* ``invalid``: the line cannot be computed; ``reason`` says which field and why.

Column names may be English or Georgian (:data:`COLUMN_NAMES`). Reading never evaluates a
formula (XLSX cells are read as stored values); writing (:meth:`AuditReport.to_csv`,
:meth:`AuditReport.to_xlsx`) turns any text cell that a spreadsheet would take for a formula
into plain text. pandas and openpyxl are needed only for DataFrames and XLSX files:
``pip install 'voucherlib[audit]'``.

Amounts in a spreadsheet's number cells are binary floats; the reader takes their shortest
decimal form (what the spreadsheet shows), and refuses one that is not a whole number of
tetri (D18). Everywhere else money is Decimal or text, never float.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from voucherlib.core.errors import InvalidInput, VoucherError, invalid_input_from
from voucherlib.core.money import DecimalSeparator, check_decimal_separator, gel, money_text, subtract, total
from voucherlib.core.month import Month
from voucherlib.core.phrases import check_lang
from voucherlib.core.ruleset import RuleSet
from voucherlib.core.trace import Quantity, Step
from voucherlib.core.working_calendar import WorkingCalendar
from voucherlib.input import cells
from voucherlib.input.files import MAX_ROWS, ROW_ERROR
from voucherlib.input.frame import is_frame
from voucherlib.input.table import Columns, Row, first_error, read_table, typed_rows
from voucherlib.output.render import spreadsheet_safe
from voucherlib.output.text_table import printable, text_table
from voucherlib.rules.submission import Settlement, settle
from voucherlib.rules.youth_voucher import voucher_month

__all__ = [
    "COLUMN_NAMES",
    "AuditLine",
    "AuditReport",
    "InvoiceLine",
    "Verdict",
    "audit_invoice",
    "read_invoice",
]

Verdict = Literal["matches", "over-claimed", "under-claimed", "not funded (late)", "invalid"]

REQUIRED = ("beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "claimed")
OPTIONAL = ("name", "submitted_on")
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "beneficiary_id": ("beneficiary_id", "beneficiary", "id", "ბენეფიციარის კოდი", "ბენეფიციარი"),
    "name": ("name", "სახელი", "სახელი, გვარი", "სახელი და გვარი"),
    "month": ("month", "service_month", "თვე", "მომსახურების თვე"),
    "enrolled_on": ("enrolled_on", "enrolled", "ჩარიცხვის თარიღი"),
    "discharged_on": ("discharged_on", "discharged", "ამორიცხვის თარიღი"),
    "disability": ("disability", "disability_status", "შშმ სტატუსი", "შეზღუდული შესაძლებლობის სტატუსი"),
    "claimed": ("claimed", "amount_claimed", "მოთხოვნილი თანხა", "თანხა"),
    "submitted_on": ("submitted_on", "submitted", "წარდგენის თარიღი"),
}
"""Every accepted header (English or Georgian, case and spacing ignored) of each column."""
_ALIASES = {name: col for col, names in COLUMN_NAMES.items() for name in names}


class InvoiceLine(BaseModel):
    """One line of an invoice, for callers that build invoices in code."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    beneficiary_id: str
    name: str = ""
    month: Month | str | dt.date
    enrolled_on: dt.date | str | None = None
    discharged_on: dt.date | str | None = None
    disability: Any = False
    claimed: Any
    """Decimal, int or a string such as ``"620.00"``; a float is refused (D3)."""
    submitted_on: dt.date | str | None = None

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise invalid_input_from(exc, "InvoiceLine") from None

    @field_validator("claimed", mode="before")
    @classmethod
    def _exact(cls, value: Any) -> Decimal:
        return gel(value, field="claimed")


@dataclass(frozen=True, slots=True)
class AuditLine:
    """The audit of one invoice line."""

    row: int | str
    """Where the line came from: its line number in a CSV file (header = 1), its row in an XLSX
    sheet, its index label in a DataFrame, or its position (from 1) in a list."""
    beneficiary_id: str
    """The beneficiary's id as written on the line."""
    name: str
    """The beneficiary's name as written on the line."""
    month: str
    """The service month, ``YYYY-MM`` (as written when it could not be read)."""
    claimed: Decimal | None
    """The amount the provider claims, or None when the cell could not be read."""
    computed: Decimal | None
    """The voucher amount of the month (R1), or None when the line is invalid."""
    payable: Decimal | None
    """What the Agency pays after the late penalty (R2)."""
    difference: Decimal | None
    """claimed - computed."""
    verdict: Verdict
    """``matches``, ``over-claimed``, ``under-claimed``, ``not funded`` (late) or ``invalid``."""
    reason: str
    """Why the line is invalid or not funded (empty when it matches)."""
    settlement: Settlement | None
    """The settlement the line was computed with (R1, R2), or None when the line is invalid."""
    detail: Any = None
    """For a facility line of Annex 2.8: the FacilityMonth it was computed from."""

    @property
    def needs_attention(self) -> bool:
        """True for every verdict but ``matches``."""
        return self.verdict != "matches"

    def trace(self) -> Step:
        """Why the line has its verdict, as data: the computation it was checked against (the
        settlement, or the facility-month) and the difference claimed - computed."""
        head = (
            Quantity("row", str(self.row)),
            Quantity("beneficiary_id", self.beneficiary_id),
            Quantity("name", self.name),
            Quantity("verdict", self.verdict),
            Quantity("claimed", self.claimed, "GEL"),
            Quantity("computed", self.computed, "GEL"),
        )
        source = self.settlement if self.settlement is not None else self.detail
        if source is None:
            children: tuple[Step, ...] = (Step("audit.reason", None, "text", (Quantity("reason", self.reason),)),)
        else:
            difference = Step(
                "audit.difference",
                self.difference,
                "GEL",
                (Quantity("claimed", self.claimed, "GEL"), Quantity("computed", self.computed, "GEL")),
            )
            children = (source.trace(), difference)
        return Step("audit.line", self.difference, "GEL", head, children=children)

    def record(self) -> dict[str, Any]:
        """The line as a flat record (the columns of the report)."""
        return {
            "row": self.row,
            "beneficiary_id": self.beneficiary_id,
            "name": self.name,
            "month": self.month,
            "claimed": self.claimed,
            "computed": self.computed,
            "payable": self.payable,
            "difference": self.difference,
            "verdict": self.verdict,
            "reason": self.reason,
        }


_COLUMNS_OUT = (
    "row",
    "beneficiary_id",
    "name",
    "month",
    "claimed",
    "computed",
    "payable",
    "difference",
    "verdict",
    "reason",
)


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Every line of an invoice with its verdict, and the totals."""

    lines: tuple[AuditLine, ...]
    """Every line of the invoice, in its order, each with its verdict."""
    tolerance: Decimal
    """The largest difference (GEL) that still counts as a match."""

    # ------------------------------------------------------------ totals

    @property
    def total_claimed(self) -> Decimal:
        """The sum of the amounts claimed on the lines that could be read."""
        return total(ln.claimed for ln in self.lines if ln.claimed is not None)

    @property
    def total_computed(self) -> Decimal:
        """The sum of the amounts computed."""
        return total(ln.computed for ln in self.lines if ln.computed is not None)

    @property
    def total_payable(self) -> Decimal:
        """The sum of what the Agency pays."""
        return total(ln.payable for ln in self.lines if ln.payable is not None)

    @property
    def total_difference(self) -> Decimal:
        """The sum of the differences, claimed minus computed."""
        return total(ln.difference for ln in self.lines if ln.difference is not None)

    @property
    def all_match(self) -> bool:
        """True when every line matches."""
        return all(ln.verdict == "matches" for ln in self.lines)

    def counts(self) -> dict[str, int]:
        """How many lines have each verdict."""
        out: dict[str, int] = {}
        for ln in self.lines:
            out[ln.verdict] = out.get(ln.verdict, 0) + 1
        return out

    # ------------------------------------------------------------ views

    def line(self, which: int | str) -> AuditLine:
        """A line by its position in the report (0-based int) or by beneficiary id (str)."""
        if isinstance(which, int) and not isinstance(which, bool):
            if not 0 <= which < len(self.lines):
                raise InvalidInput("line", which, f"a position from 0 to {len(self.lines) - 1}")
            return self.lines[which]
        for ln in self.lines:
            if ln.beneficiary_id == which:
                return ln
        raise InvalidInput("line", which, "a position in the report or a beneficiary id of the invoice")

    def explain(self, line: int | str | AuditLine, lang: str = "en") -> str:
        """Why a line has its verdict, step by step, each step citing decree, annex, article, paragraph."""
        ln = line if isinstance(line, AuditLine) else self.line(line)
        return ln.trace().explain(check_lang(lang))

    def to_records(self) -> list[dict[str, Any]]:
        """The lines as a list of flat records."""
        return [ln.record() for ln in self.lines]

    def to_dataframe(self) -> Any:
        """The report as a pandas DataFrame (money as Decimal)."""
        pd = _pandas()
        return pd.DataFrame(self.to_records(), columns=list(_COLUMNS_OUT))

    def to_text(self) -> str:
        """The report as a table, with its totals."""
        counts = ", ".join(f"{n} {v}" for v, n in self.counts().items())
        out = [
            f"Invoice audit: {len(self.lines)} lines ({counts})",
            f"  claimed {money_text(self.total_claimed, grouping=True)} GEL, computed {money_text(self.total_computed, grouping=True)} GEL, "
            f"payable {money_text(self.total_payable, grouping=True)} GEL, difference {money_text(self.total_difference, grouping=True)} GEL",
            "",
        ]
        table = [("row", "id", "name", "month", "claimed", "computed", "difference", "payable", "verdict")]
        for ln in self.lines:
            table.append(
                (
                    str(ln.row),
                    ln.beneficiary_id,
                    printable(ln.name)[:24],
                    ln.month,
                    _money(ln.claimed),
                    _money(ln.computed),
                    _money(ln.difference),
                    _money(ln.payable),
                    ln.verdict,
                )
            )
        out.extend(text_table(table, right={4, 5, 6, 7}))
        reasons = [ln for ln in self.lines if ln.verdict == "invalid"]
        if reasons:
            out.append("")
            out.extend(f"row {ln.row}: {printable(ln.reason)}" for ln in reasons)
        return "\n".join(out)

    def _repr_html_(self) -> str:
        """A rich view for Jupyter: totals on top, lines that need attention highlighted."""
        esc = html.escape
        colour = {
            "matches": "",
            "over-claimed": "#fde2e1",
            "under-claimed": "#fff4d6",
            "not funded (late)": "#e8e0f5",
            "invalid": "#f3d0d0",
        }
        counts = ", ".join(f"{n} {esc(v)}" for v, n in self.counts().items())
        parts = [
            "<div class='voucherlib-audit'>",
            f"<p><b>Invoice audit</b>: {len(self.lines)} lines ({counts})<br>",
            f"claimed <b>{money_text(self.total_claimed, grouping=True)}</b> GEL &middot; computed <b>{money_text(self.total_computed, grouping=True)}</b> GEL "
            f"&middot; payable <b>{money_text(self.total_payable, grouping=True)}</b> GEL &middot; difference "
            f"<b>{money_text(self.total_difference, grouping=True)}</b> GEL</p>",
            "<table><thead><tr>" + "".join(f"<th>{c}</th>" for c in _COLUMNS_OUT) + "</tr></thead><tbody>",
        ]
        for ln in self.lines:
            style = f" style='background:{colour[ln.verdict]}'" if colour[ln.verdict] else ""
            cells = [
                str(ln.row),
                ln.beneficiary_id,
                ln.name,
                ln.month,
                _money(ln.claimed),
                _money(ln.computed),
                _money(ln.payable),
                _money(ln.difference),
                ln.verdict,
                ln.reason,
            ]
            parts.append(f"<tr{style}>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
        parts.append("</tbody></table></div>")
        return "".join(parts)

    # ------------------------------------------------------------ export

    def to_csv(self, path: str | Path | None = None) -> str:
        """CSV text (and a file when ``path`` is given); formula-like text is written as text."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(_COLUMNS_OUT)
        for rec in self.to_records():
            writer.writerow([_csv_cell(rec[c]) for c in _COLUMNS_OUT])
        text = buffer.getvalue()
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_xlsx(self, path: str | Path) -> None:
        """An XLSX workbook: totals on a sheet of their own; formula-like text is written as text."""
        openpyxl = _openpyxl()
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "audit"
        sheet.append(list(_COLUMNS_OUT))
        for rec in self.to_records():
            sheet.append([None] * len(_COLUMNS_OUT))
            row = sheet.max_row
            for col, name in enumerate(_COLUMNS_OUT, start=1):
                _write_cell(sheet.cell(row=row, column=col), rec[name])
        totals = book.create_sheet("totals")
        totals.append(["total", "GEL"])
        for label, value in (
            ("claimed", self.total_claimed),
            ("computed", self.total_computed),
            ("payable", self.total_payable),
            ("difference", self.total_difference),
        ):
            totals.append([label, value])
        book.save(str(path))

    def to_json(self) -> str:
        """The report as JSON text (money as strings)."""

        def enc(v: Any) -> Any:
            return str(v) if isinstance(v, Decimal) else v

        return json.dumps(
            {
                "lines": [{k: enc(v) for k, v in rec.items()} for rec in self.to_records()],
                "totals": {
                    "claimed": str(self.total_claimed),
                    "computed": str(self.total_computed),
                    "payable": str(self.total_payable),
                    "difference": str(self.total_difference),
                },
            },
            ensure_ascii=False,
            indent=2,
        )


def _money(value: Decimal | None) -> str:
    return "" if value is None else money_text(value)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return "" if value is None else value


def _write_cell(cell: Any, value: Any) -> None:
    """Write a value so that no text ever becomes a formula."""
    if isinstance(value, str):
        # Characters a worksheet cannot hold are shown escaped (\x01), never dropped silently.
        cell.value = spreadsheet_safe(value)
        cell.data_type = "s"
    elif isinstance(value, Decimal):
        cell.value = value
        cell.number_format = "0.00"
    else:
        cell.value = value


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as exc:
        raise VoucherError("this needs pandas: pip install 'voucherlib[audit]'") from exc
    return pd


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as exc:
        raise VoucherError("reading and writing XLSX needs openpyxl: pip install 'voucherlib[audit]'") from exc
    return openpyxl


# ---------------------------------------------------------------- reading

_READ_FIRST = ("claimed", "beneficiary_id", "month", "submitted_on", "enrolled_on", "discharged_on", "disability")
"""The columns whose errors are reported, in this order (the claim first: it is kept on an invalid line)."""


def invoice_columns(decimal_separator: DecimalSeparator | None = None) -> Columns:
    """The columns of an invoice and how each cell is read (:mod:`voucherlib.input.cells`)."""
    return Columns(
        REQUIRED,
        {
            "claimed": partial(cells.money, decimal_separator=decimal_separator),
            "beneficiary_id": cells.identifier,
            "month": cells.month,
            "submitted_on": cells.date,
            "enrolled_on": cells.date,
            "discharged_on": cells.date,
            "disability": cells.disability,
        },
        aliases=_ALIASES,
        refuse_unknown=True,
    )


def read_invoice(
    invoice: Any,
    *,
    decimal_separator: DecimalSeparator | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> Iterator[Row]:
    """The lines of an invoice as typed :class:`~voucherlib.input.table.Row` objects, from any accepted form."""
    columns = invoice_columns(check_decimal_separator(decimal_separator))
    if isinstance(invoice, Iterable) and not isinstance(invoice, (str, bytes, Mapping, Path)) and not is_frame(invoice):
        items = list(itertools.islice(invoice, MAX_ROWS + 1))
        if len(items) > MAX_ROWS:
            raise InvalidInput("invoice", f"more than {MAX_ROWS:,} lines", f"at most {MAX_ROWS:,} lines")
        if all(isinstance(i, InvoiceLine) for i in items):
            return typed_rows(((n, i.model_dump()) for n, i in enumerate(items, start=1)), columns)
        raise InvalidInput("invoice", invoice, "a .csv or .xlsx path, a pandas DataFrame or a list of InvoiceLine")
    return typed_rows(read_table(invoice, columns, what="invoice", delimiter=delimiter, sheet=sheet), columns)


# ---------------------------------------------------------------- auditing


def _audit_line(
    row: Row,
    *,
    submitted_on: Any,
    calendar: WorkingCalendar | None,
    rules: RuleSet | None,
    tolerance: Decimal,
) -> AuditLine:
    where, ident, name, month = row.where, row.text("beneficiary_id"), row.text("name"), row.text("month")
    claimed: Decimal | None = row.values.get("claimed")
    if claimed is not None and claimed < 0:
        return AuditLine(
            where,
            ident,
            name,
            month,
            None,
            None,
            None,
            None,
            "invalid",
            f"claimed: got {claimed!r}; expected an amount of 0 or more",
            None,
        )
    error = row.error if ROW_ERROR in row.raw else first_error(row, _READ_FIRST)
    if error is not None:
        return AuditLine(where, ident, name, month, claimed, None, None, None, "invalid", str(error), None)
    v = row.values
    assert claimed is not None
    try:
        submitted = v["submitted_on"] if v["submitted_on"] is not None else submitted_on
        if submitted is None:
            raise InvalidInput(
                "submitted_on", None, "the date the document was submitted (a column, or submitted_on=...)"
            )
        vm = voucher_month(
            v["month"],
            enrolled_on=v["enrolled_on"],
            discharged_on=v["discharged_on"],
            disability=v["disability"],
            rules=rules,
        )
        s = settle(vm, submitted_on=submitted, calendar=calendar)
    except VoucherError as exc:
        return AuditLine(where, ident, name, month, claimed, None, None, None, "invalid", str(exc), None)
    verdict, reason = claim_verdict(claimed, s.amount, tolerance)
    if not s.funded:
        verdict, reason = (
            "not funded (late)",
            f"{s.late_working_days} working days late (more than {s.max_late_working_days})",
        )
    difference = subtract(claimed, s.amount)
    return AuditLine(where, ident, name, str(v["month"]), claimed, s.amount, s.payable, difference, verdict, reason, s)


def claim_verdict(claimed: Decimal, computed: Decimal, tolerance: Decimal) -> tuple[Verdict, str]:
    """matches / over-claimed / under-claimed, by the difference claimed - computed, and why."""
    difference = subtract(claimed, computed)
    if difference.copy_abs() <= tolerance:
        return "matches", ""
    if difference > 0:
        return "over-claimed", f"claimed {money_text(difference)} GEL more than the rules give"
    return "under-claimed", f"claimed {money_text(difference.copy_negate())} GEL less than the rules give"


def audit_invoice(
    invoice: Any,
    *,
    submitted_on: dt.date | str | None = None,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    tolerance: Decimal | int | str = 0,
    decimal_separator: DecimalSeparator | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> AuditReport:
    """Recompute every line of a provider's Annex 2.12 invoice and give each a verdict.

    The rules are R1 and R2: Annex 2.12, Art. 4, para 5 of the 2021 State Program (Decree No. 825),
    as worded by Decree No. 467 of 15 Sep 2021, Art. 1, para 2(k.b.b).

    ``invoice``: a path (CSV or XLSX), a pandas DataFrame, or a list of :class:`InvoiceLine`.
    ``submitted_on``: the day the document was submitted, for lines without a ``submitted_on``
    cell. ``tolerance``: the largest difference, in GEL, that still ``matches``.
    ``decimal_separator``: the character before the tetri in the file's amounts (``","`` or
    ``"."``), needed only when an amount such as ``1,234`` could be read two ways.
    ``delimiter``: a CSV file's delimiter (told from the header when None). ``sheet``: the XLSX
    sheet to read (needed when more than one has data).
    """
    tol = gel(tolerance, field="tolerance", decimal_separator=decimal_separator)
    if tol < 0:
        raise InvalidInput("tolerance", tolerance, "an amount of 0 GEL or more")
    rows = read_invoice(invoice, decimal_separator=decimal_separator, delimiter=delimiter, sheet=sheet)
    lines = [_audit_line(row, submitted_on=submitted_on, calendar=calendar, rules=rules, tolerance=tol) for row in rows]
    return AuditReport(tuple(lines), tol)
