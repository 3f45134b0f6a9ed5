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
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import zip_longest
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from voucherlib.core.errors import InvalidInput, VoucherError, invalid_input_from
from voucherlib.core.money import ZERO, gel
from voucherlib.core.month import Month
from voucherlib.core.phrases import check_lang
from voucherlib.core.ruleset import RuleSet
from voucherlib.core.working_calendar import WorkingCalendar
from voucherlib.input.files import MAX_FILE_BYTES, ROW_ERROR, csv_rows, header_names, read_text_file
from voucherlib.output.text_table import printable, text_table
from voucherlib.reports.settlement_file import parse_disability, spreadsheet_safe
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
MAX_ROWS = 1_000_000
"""An invoice of more rows than this is refused (a provider's month is a few hundred lines)."""

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
        return sum((ln.claimed for ln in self.lines if ln.claimed is not None), ZERO)

    @property
    def total_computed(self) -> Decimal:
        """The sum of the amounts computed."""
        return sum((ln.computed for ln in self.lines if ln.computed is not None), ZERO)

    @property
    def total_payable(self) -> Decimal:
        """The sum of what the Agency pays."""
        return sum((ln.payable for ln in self.lines if ln.payable is not None), ZERO)

    @property
    def total_difference(self) -> Decimal:
        """The sum of the differences, claimed minus computed."""
        return sum((ln.difference for ln in self.lines if ln.difference is not None), ZERO)

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
        lang = check_lang(lang)
        ln = line if isinstance(line, AuditLine) else self.line(line)
        ka = lang == "ka"
        head = (
            f"{'სტრიქონი' if ka else 'Line'} {ln.row}, {ln.beneficiary_id} {ln.name}".rstrip()
            + f": {_VERDICT_KA[ln.verdict] if ka else ln.verdict}"
        )
        source = ln.settlement if ln.settlement is not None else ln.detail
        if source is None:
            return f"{head}\n  {'მიზეზი' if ka else 'reason'}: {ln.reason}"
        body = source.explain(lang)
        claimed = "-" if ln.claimed is None else f"{ln.claimed:.2f}"
        if ka:
            tail = f"  მოთხოვნილია {claimed} ლარი, გამოთვლილია {ln.computed} ლარი; სხვაობა {ln.difference} ლარი"
        else:
            tail = f"  claimed {claimed} GEL, computed {ln.computed} GEL: difference (claimed - computed) {ln.difference} GEL"
        return f"{head}\n{body}\n{tail}"

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
            f"  claimed {self.total_claimed:,.2f} GEL, computed {self.total_computed:,.2f} GEL, "
            f"payable {self.total_payable:,.2f} GEL, difference {self.total_difference:,.2f} GEL",
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
            f"claimed <b>{self.total_claimed:,.2f}</b> GEL &middot; computed <b>{self.total_computed:,.2f}</b> GEL "
            f"&middot; payable <b>{self.total_payable:,.2f}</b> GEL &middot; difference "
            f"<b>{self.total_difference:,.2f}</b> GEL</p>",
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


_VERDICT_KA = {
    "matches": "ემთხვევა",
    "over-claimed": "მოთხოვნილია მეტი",
    "under-claimed": "მოთხოვნილია ნაკლები",
    "not funded (late)": "არ ფინანსდება (დაგვიანება)",
    "invalid": "არასწორი სტრიქონი",
}


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return "" if value is None else value


def _write_cell(cell: Any, value: Any) -> None:
    """Write a value so that no text ever becomes a formula."""
    if isinstance(value, str):
        # Control characters a worksheet cannot hold are shown escaped (\x01), never dropped silently.
        cell.value = _ILLEGAL_IN_XLSX.sub(lambda m: repr(m.group())[1:-1], spreadsheet_safe(value))
        cell.data_type = "s"
    elif isinstance(value, Decimal):
        cell.value = value
        cell.number_format = "0.00"
    else:
        cell.value = value


_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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


def _canonical_header(headers: Sequence[Any]) -> list[str]:
    return header_names(headers, REQUIRED, aliases=_ALIASES, refuse_unknown=True)


def _rows_from_csv(path: Path) -> Iterator[tuple[int | str, dict[str, Any]]]:
    yield from csv_rows(read_text_file(path), REQUIRED, aliases=_ALIASES, refuse_unknown=True)


def _rows_from_xlsx(path: Path) -> Iterator[tuple[int | str, dict[str, Any]]]:
    openpyxl = _openpyxl()
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InvalidInput("file", str(path), f"a file of at most {MAX_FILE_BYTES:,} bytes (it has {size:,})")
    try:
        # data_only: the values the spreadsheet stored; a formula is never evaluated. The second
        # copy shows the formulas, so that a formula with no stored value is not read as empty.
        book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(str(path), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InvalidInput("file", str(path), f"a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        yield from _xlsx_rows(book, formulas, path)
    except VoucherError:
        raise
    except Exception as exc:  # a sheet that breaks while it is read
        raise InvalidInput("file", str(path), f"a readable XLSX workbook ({type(exc).__name__})") from None
    finally:
        book.close()
        formulas.close()


def _xlsx_rows(book: Any, formulas: Any, path: Path) -> Iterator[tuple[int | str, dict[str, Any]]]:
    sheet = book.worksheets[0]
    rows = (
        # A formula without a stored value comes back as its text, which no column accepts.
        tuple(f if v is None and isinstance(f, str) and f.startswith("=") else v for v, f in zip_longest(vs, fs))
        for vs, fs in zip_longest(
            sheet.iter_rows(values_only=True), formulas.worksheets[0].iter_rows(values_only=True), fillvalue=()
        )
    )
    header = next(rows, None)
    if header is None:
        raise InvalidInput("header", "", f"a header row naming the columns {', '.join(REQUIRED)}")
    width = max((i + 1 for i, h in enumerate(header) if h is not None), default=0)
    names = _canonical_header(list(header[:width]))
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise InvalidInput("file", str(path), f"at most {MAX_ROWS:,} rows")
        cells = list(values[:width]) + [None] * max(0, width - len(values))
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in values):
            continue
        if any(c is not None for c in values[width:]):
            yield number, {ROW_ERROR: f"row has cells beyond the {width} columns of the header"}
            continue
        yield number, dict(zip(names, cells, strict=True))


def _rows_from_frame(frame: Any) -> Iterator[tuple[int | str, dict[str, Any]]]:
    names = _canonical_header([str(c) for c in frame.columns])
    for label, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        yield (label if isinstance(label, (int, str)) else str(label)), dict(zip(names, values, strict=True))


def read_invoice(invoice: Any) -> Iterator[tuple[int | str, dict[str, Any]]]:
    """The lines of an invoice as ``(row, {column: value})``, from any of the accepted forms."""
    if isinstance(invoice, (str, Path)):
        path = Path(invoice)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            return _rows_from_csv(path)
        if suffix in (".xlsx", ".xlsm"):
            if not path.is_file():
                raise InvalidInput("file", str(path), "a readable XLSX file")
            return _rows_from_xlsx(path)
        raise InvalidInput("invoice", str(invoice), "a .csv or .xlsx file, a DataFrame or a list of InvoiceLine")
    if hasattr(invoice, "columns") and hasattr(invoice, "itertuples"):
        return _rows_from_frame(invoice)
    if isinstance(invoice, Iterable) and not isinstance(invoice, (bytes, Mapping)):
        items = list(invoice)
        if all(isinstance(i, InvoiceLine) for i in items):
            return iter([(n, i.model_dump()) for n, i in enumerate(items, start=1)])
    raise InvalidInput("invoice", invoice, "a .csv or .xlsx path, a pandas DataFrame or a list of InvoiceLine")


# ---------------------------------------------------------------- auditing


def _missing(value: Any) -> bool:
    """None, NaN, or pandas' NaT / NA: an empty cell."""
    return (
        value is None or (isinstance(value, float) and value != value) or type(value).__name__ in ("NaTType", "NAType")
    )


def _text(value: Any) -> str:
    if _missing(value):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _claimed(value: Any) -> Decimal:
    if _missing(value) or (isinstance(value, str) and not value.strip()):
        raise InvalidInput("claimed", value, "the amount claimed, e.g. '620.00'")
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        # A spreadsheet number cell (D18): its shortest decimal form, which must be whole tetri.
        amount = gel(Decimal(repr(value)), field="claimed")
    else:
        amount = gel(value, field="claimed")
    if amount < 0:
        raise InvalidInput("claimed", value, "an amount of 0 or more")
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput("claimed", value, "an amount in whole tetri (at most 2 decimal places)")
    return amount.quantize(Decimal("0.01"))


def _date_cell(value: Any) -> Any:
    if _missing(value):
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()  # spreadsheet date cells come as midnight datetimes
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return _date_cell(value.to_pydatetime())
    return value


def _disability_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return parse_disability(value)
    if isinstance(value, (list, tuple)):
        return value
    if _missing(value):
        raise InvalidInput("disability", None, "yes or no, or status periods such as '2021-11-16..'")
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    raise InvalidInput("disability", value, "yes or no, or status periods such as '2021-11-16..'")


def _audit_line(
    row: int | str,
    cells: Mapping[str, Any],
    *,
    submitted_on: Any,
    calendar: WorkingCalendar | None,
    rules: RuleSet | None,
    tolerance: Decimal,
) -> AuditLine:
    ident, name, month = _text(cells.get("beneficiary_id")), _text(cells.get("name")), _text(cells.get("month"))
    if ROW_ERROR in cells:
        return AuditLine(row, ident, name, month, None, None, None, None, "invalid", str(cells[ROW_ERROR]), None)
    claimed: Decimal | None = None
    try:
        claimed = _claimed(cells.get("claimed"))
        m = Month.of(_date_cell(cells.get("month")))
        submitted = _date_cell(cells.get("submitted_on"))
        if submitted is None or submitted == "":
            submitted = submitted_on
        if submitted is None:
            raise InvalidInput(
                "submitted_on", None, "the date the document was submitted (a column, or submitted_on=...)"
            )
        vm = voucher_month(
            m,
            enrolled_on=_date_cell(cells.get("enrolled_on")),
            discharged_on=_date_cell(cells.get("discharged_on")),
            disability=_disability_cell(cells.get("disability")),
            rules=rules,
        )
        s = settle(vm, submitted_on=submitted, calendar=calendar)
    except VoucherError as exc:
        return AuditLine(row, ident, name, month, claimed, None, None, None, "invalid", str(exc), None)
    verdict, reason = claim_verdict(claimed, s.amount, tolerance)
    if not s.funded:
        verdict, reason = (
            "not funded (late)",
            f"{s.late_working_days} working days late (more than {s.max_late_working_days})",
        )
    difference = claimed - s.amount
    return AuditLine(row, ident, name, str(m), claimed, s.amount, s.payable, difference, verdict, reason, s)


def claim_verdict(claimed: Decimal, computed: Decimal, tolerance: Decimal) -> tuple[Verdict, str]:
    """matches / over-claimed / under-claimed, by the difference claimed - computed, and why."""
    difference = claimed - computed
    if abs(difference) <= tolerance:
        return "matches", ""
    if difference > 0:
        return "over-claimed", f"claimed {difference:.2f} GEL more than the rules give"
    return "under-claimed", f"claimed {-difference:.2f} GEL less than the rules give"


def audit_invoice(
    invoice: Any,
    *,
    submitted_on: dt.date | str | None = None,
    calendar: WorkingCalendar | None = None,
    rules: RuleSet | None = None,
    tolerance: Decimal | int | str = 0,
) -> AuditReport:
    """Recompute every line of a provider's Annex 2.12 invoice and give each a verdict.

    The rules are R1 and R2: Annex 2.12, Art. 4, para 5 of the 2021 State Program (Decree No. 825),
    as worded by Decree No. 467 of 15 Sep 2021, Art. 1, para 2(k.b.b).

    ``invoice``: a path (CSV or XLSX), a pandas DataFrame, or a list of :class:`InvoiceLine`.
    ``submitted_on``: the day the document was submitted, for lines without a ``submitted_on``
    cell. ``tolerance``: the largest difference, in GEL, that still ``matches``.
    """
    tol = gel(tolerance, field="tolerance")
    if tol < 0:
        raise InvalidInput("tolerance", tolerance, "an amount of 0 GEL or more")
    lines = []
    for count, (row, cells) in enumerate(read_invoice(invoice), start=1):
        if count > MAX_ROWS:
            raise InvalidInput("invoice", f"more than {MAX_ROWS:,} lines", f"at most {MAX_ROWS:,} lines")
        lines.append(_audit_line(row, cells, submitted_on=submitted_on, calendar=calendar, rules=rules, tolerance=tol))
    return AuditReport(tuple(lines), tol)
