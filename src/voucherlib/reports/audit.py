"""Auditing a provider's invoice of Annex 2.12 youth vouchers, line by line, with the law behind each number.

``audit_invoice(invoice)`` takes a CSV or XLSX file, a pandas DataFrame, or a list of
:class:`InvoiceLine`, recomputes every line with :func:`voucherlib.voucher_month` and
:func:`voucherlib.settle`, and returns an :class:`AuditReport`: one line for **every** input
line, in order, with the amount computed (R1), the amount claimed, the difference (claimed
minus computed), what is payable after the late penalty (R2), and a verdict:

* ``matches``: the claim equals the computed amount (within ``tolerance``);
* ``over-claimed`` / ``under-claimed``: the claim is more / less than the computed amount;
* ``not funded (late)``: the document was more than 5 working days late (D8);
* ``already billed``: another line of the beneficiary's month bills every day of this one on the
  same terms (for a facility, the same component of its month): the days are paid once, there
  (D28), so this line computes 0.00 and its whole claim is the difference;
* ``invalid``: the line cannot be computed; ``reason`` says which field and why.

A line 1 to 5 working days late says so: ``matches, 20% deducted``. Across the lines, the
report's :attr:`~AuditReport.findings` (:mod:`voucherlib.reports.findings`) name double billing,
overlapping stays, claims outside the stay, deductions, unfunded documents, over- and
under-claims and the lines that could not be checked, each with its provision. The totals are
sums over the checked lines (claimed - computed = difference). The exports (text, CSV, JSON,
XLSX, a self-contained HTML page with charts, in English or Georgian) are renderings of one
:class:`~voucherlib.output.Document` (:meth:`AuditReport.document`).

Column names may be English or Georgian (:data:`COLUMN_NAMES`). Reading never evaluates a
formula (XLSX cells are read as stored values); writing (:meth:`AuditReport.to_csv`,
:meth:`AuditReport.to_xlsx`) turns any text cell that a spreadsheet would take for a formula
into plain text. pandas, openpyxl and xlsxwriter are needed only for DataFrames and XLSX files:
``pip install 'voucherlib[audit]'``; matplotlib only for :meth:`AuditReport.plot` (``[plot]``).

Amounts in a spreadsheet's number cells are binary floats; the reader takes their decimal form
at the 15 significant digits a spreadsheet keeps, and refuses one that is not a whole number of
tetri (D18). Everywhere else money is Decimal or text, never float.
"""

from __future__ import annotations

import datetime as dt
import itertools
import numbers
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ConfigDict, ValidationInfo, field_validator

from voucherlib.core.citation import Citation
from voucherlib.core.errors import (
    Expected,
    FileRefused,
    InvalidInput,
    Reason,
    RowError,
    RuleNotInForce,
    VoucherError,
    argument,
    expected,
    field_name,
    label_printed,
    printable,
    shown,
    shown_in,
    without_frames,
    written_out,
)
from voucherlib.core.final import made_once
from voucherlib.core.frozen import CheckedModel
from voucherlib.core.held import held_items, held_text
from voucherlib.core.money import (
    ZERO,
    DecimalSeparator,
    check_decimal_separator,
    gel,
    money_text,
    round_to_tetri,
    subtract,
    total,
    written_negative,
)
from voucherlib.core.month import Month, as_date, as_flag, optional_date
from voucherlib.core.phrases import check_lang, counted, has_phrase, say
from voucherlib.core.record_fields import record_citation, record_type, record_value, same_as_recomputed
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.core.trace import Quantity, Step, citation_text, count_said, rows_said
from voucherlib.core.working_calendar import WorkingCalendar, resolve_calendar
from voucherlib.input import cells
from voucherlib.input.csv_file import check_delimiter
from voucherlib.input.files import HEADER_AGAIN, MAX_ROWS, ROW_ERROR
from voucherlib.input.frame import is_frame
from voucherlib.input.headers import COLUMN_NAMES, aliases
from voucherlib.input.lost_zeros import column_with_zeros, rows_with_zeros
from voucherlib.input.table import (
    CSV_SUFFIXES,
    Columns,
    Row,
    _table_limits,
    as_written,
    first_error,
    not_a_table,
    read_table,
    typed_rows,
)
from voucherlib.output.charts import BarChart, plot_charts
from voucherlib.output.frames import money_frame
from voucherlib.output.render import format_of, render, write, write_text_whole
from voucherlib.output.table import Document
from voucherlib.reports.findings import (
    Fallback,
    Finding,
    Findings,
    error_decision,
    find,
    in_force_citation,
    occupancy_rows_said,
    provision_by_month,
    rows_text,
)
from voucherlib.rules.submission import PastKnownDaysOff, Settlement, days_off_unknown_after, settle_typed
from voucherlib.rules.youth_voucher import RATE_WITHOUT_DISABILITY

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COLUMN_NAMES",
    "AuditLine",
    "AuditReport",
    "InvoiceLine",
    "Verdict",
    "audit_invoice",
    "read_invoice",
]

Verdict = Literal["matches", "over-claimed", "under-claimed", "not funded (late)", "invalid", "already billed"]

REQUIRED = ("beneficiary_id", "month", "enrolled_on", "discharged_on", "disability", "claimed")
OPTIONAL = ("name", "submitted_on", "provider")
_ALIASES = aliases([*REQUIRED, *OPTIONAL])  # (an invoice's: not a facility's tables' columns)


class InvoiceLine(CheckedModel):
    """One line of an invoice, for callers that build invoices in code.

    Its dates are read as :func:`~voucherlib.voucher_month` reads them (a date, a midnight
    date-time without a time zone, numpy's and pandas' days; an empty cell is no date), and a text
    as a file's cell is (day first with ``day_first=True``); a number is no date (review 86: it was
    read as seconds since 1970)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    beneficiary_id: str
    """The beneficiary's id."""
    name: str = ""
    """The beneficiary's name, shown in the report, never computed with."""
    month: Month | str | dt.date
    """The service month (``YYYY-MM``, a Month or a date in it)."""
    enrolled_on: dt.date | str | None = None
    """The day of enrolment (None: before the month)."""
    discharged_on: dt.date | str | None = None
    """The day of discharge (None: not discharged)."""
    disability: Any = False
    """True or False for the whole month, or status periods (D2)."""
    claimed: Any
    """Decimal, int or a string such as ``"620.00"``; a float is refused (D3)."""
    submitted_on: dt.date | str | None = None
    """The day the document reached the Agency (None: the audit's ``submitted_on``)."""

    @field_validator("beneficiary_id", "name", mode="before")
    @classmethod
    def _text(cls, value: Any, info: ValidationInfo) -> str:
        """An id or a name: a text as it is (the audit reads it as a file's cell: a blank id or
        ``#N/A`` makes its line invalid); any other value as a frame's cell is read, an id by the
        rules of an id (a number is its digits, ``101``, ``101.0``; a float that lost digits is
        refused), a name as a text; an empty cell (None, NaN) is ``""``, as a frame's: a line without
        an id is ``invalid`` (review 158 F5: ``101`` was refused as "Input should
        be a valid string", pydantic's; review 160 F1, F7: ``Decimal("NaN")`` and ``1e20`` were paid)."""
        field = f"InvoiceLine.{info.field_name}"
        if isinstance(value, str):
            return value
        if cells.is_empty(value):  # (None, NaN: an empty cell, as a frame's; its line invalid: review 162 F2)
            return ""
        return cells.identifier(value, field) if info.field_name == "beneficiary_id" else cells.text(value, field)

    @field_validator("claimed", mode="before")
    @classmethod
    def _exact(cls, value: Any) -> Decimal:
        """The claim, exact; one with a minus sign (``-0`` too: review 26) is refused here, naming
        the value given, as a file's cell is (review 202 F4: ``"-0"`` was named as the audit read
        it, ``Decimal('-0.00')``, on its line's reason)."""
        claimed = gel(value, field="claimed", separator_advice=False)
        if claimed.is_signed():
            raise InvalidInput("claimed", value, expected("not_negative"))
        return claimed

    @field_validator("month", "enrolled_on", "discharged_on", "submitted_on", mode="before")
    @classmethod
    def _empty_date(cls, value: Any, info: ValidationInfo) -> Any:
        """An empty cell that is no text (NaT, NaN, ``pd.NA``: what a DataFrame row holds) is a
        date not given, as in a frame (review 74: NaT was a bare TypeError from pydantic); an
        empty month is refused, naming it."""
        if value is None or isinstance(value, str):  # (a text: read as a file's cell, by the audit)
            return value
        if not cells.is_empty(value):  # as every date of the library is, never by pydantic's own
            # reading (review 86: 0 was 1970-01-01, a number Unix seconds, a date-time in another
            # time zone its day there: the line "matched")
            if info.field_name == "month":
                return value if isinstance(value, Month) else Month.of(value, field="InvoiceLine.month")
            return as_date(value, f"InvoiceLine.{info.field_name}")
        if info.field_name == "month":
            raise InvalidInput("InvoiceLine.month", value, expected("required_field"))
        return None


@dataclass(frozen=True, slots=True)
class AuditLine:
    """The audit of one invoice line."""

    row: int | str
    """The line's label as the report's table shows it: its row in a CSV file or an XLSX sheet,
    as a spreadsheet numbers it, its index label in a DataFrame, or its position
    (from 1) in a list. :meth:`AuditReport.explain` takes this label."""
    beneficiary_id: str
    """The beneficiary's id as written on the line."""
    name: str
    """The beneficiary's name as written on the line."""
    month: str
    """The service month, ``YYYY-MM`` (as written when it could not be read)."""
    claimed: Decimal | None
    """The amount the provider claims, or None when the cell could not be read."""
    computed: Decimal | None
    """The voucher amount of the month (R1), or None when the line could not be checked; 0.00 for
    an ``already billed`` line (the month is computed on the line ``billed_on``, D28)."""
    payable: Decimal | None
    """What the Agency pays after the late penalty (R2)."""
    difference: Decimal | None
    """claimed - computed."""
    verdict: Verdict
    """``matches``, ``over-claimed``, ``under-claimed``, ``not funded (late)``, ``already billed``
    or ``invalid``."""
    reason: str
    """Why the line has its verdict, in English: empty when it matches, even within the tolerance
    or late (:meth:`reason_text` says those too, in either language, as every view of the report
    and :meth:`to_dict` do)."""
    settlement: Settlement | None
    """The settlement the line was computed with (R1, R2), or None when the line is invalid."""
    detail: Any = None
    """For a facility line of Annex 2.8: the FacilityMonth it was computed from (for a children's
    line not checked, for want of a per-beneficiary rate or for a claim that cannot be read, the
    month its days were counted in: D48's warning needs neither)."""
    error: VoucherError | None = field(default=None, compare=False)
    """Why an ``invalid`` line could not be checked (its reason in either language; ``reason``
    says the same in English, so two lines compare by it, not by the exception object)."""
    part: str = ""
    """For a facility line: ``children served``, ``unfilled places``, ``claim`` or ``occupancy``."""
    provider: str = ""
    """The provider named on the line (an optional ``provider`` column), for the charts by provider."""
    tolerance: Decimal | None = None
    """The largest difference (GEL) that still counted as a match when the verdict was decided
    (None for a line that could not be checked)."""
    billed_on: int | str | None = None
    """For an ``already billed`` line: the label of the line that bills and pays its days (D28);
    else None."""

    @property
    def checked(self) -> bool:
        """True when the line was computed (every verdict but ``invalid``)."""
        return self.computed is not None

    @property
    def annex(self) -> str:
        """The annex of the Program whose budget the line's payment is spent from: ``"2.8"`` for
        a line of the facility audit (it has a part), else ``"2.12"`` (the youth voucher)."""
        return "2.8" if self.part else "2.12"

    @property
    def needs_attention(self) -> bool:
        """True for every verdict but ``matches``, and for a line with a late deduction."""
        return self.verdict != "matches" or self.deduction_percent is not None

    @property
    def compared_before_deduction(self) -> bool:
        """Whether the line's claim is compared with an amount the rules then deduct from or do not
        fund (late): its comparison rests on D46, the claim against the amount before R2's
        deduction (review 203 F1: its finding and its explanation said so nowhere)."""
        s = self.settlement
        return s is not None and self.billed_on is None and s.payable != s.amount

    @property
    def deducted(self) -> Decimal | None:
        """computed - payable: the late penalty (or the whole amount when not funded)."""
        return None if self.computed is None or self.payable is None else subtract(self.computed, self.payable)

    @property
    def deduction_percent(self) -> Decimal | None:
        """The share deducted for a late document (1 to 5 working days late), else None."""
        s = self.settlement
        if s is None or self.billed_on is not None:  # (an already billed line computes nothing to deduct from)
            return None
        return s.deduction_percent if s.funded and s.late_working_days > 0 else None

    def verdict_text(self, lang: str = "en") -> str:
        """The verdict as the report shows it, e.g. ``"matches, 20% deducted"``."""
        text = say(lang, f"verdict.{self.verdict}")
        percent = self.deduction_percent
        return text if percent is None else text + say(lang, "verdict.deducted", percent=f"{percent:g}")

    def reason_text(self, lang: str = "en") -> str:
        """Why the line has its verdict, in ``lang``."""
        if self.verdict == "invalid":
            if isinstance(self.error, InvalidInput) and cells.is_empty(self.error.value):
                return reason_invalid(self.error, lang)  # a blank cell is "nothing", from CSV, XLSX or DataFrame
            own = isinstance(self.reason, Reason) and self.reason.error is not None and self.reason == str(self.error)
            if lang != "en" and isinstance(self.reason, Reason) and not own:  # another row's (a facility-month's)
                if isinstance(self.reason.error, InvalidInput):  # by its Georgian column header too (review 207 F2)
                    return reason_invalid(self.reason.error, lang)
                return self.reason.text(lang)  # (the line's own error: by its Georgian column header, D29)
            return self.reason if lang == "en" or self.error is None else reason_ka(self.error)
        if self.billed_on is not None:
            return say(lang, "reason.already_billed", row=rows_text((self.billed_on,), lang))  # (escaped: 287 F3)
        s = self.settlement
        if s is not None and not s.funded:
            return not_funded_reason(s, lang)
        if self.difference is not None and self.verdict in ("over-claimed", "under-claimed"):
            return say(
                lang, f"reason.{self.verdict}", amount=money_text(self.difference.copy_abs(), grouping=True, lang=lang)
            )
        if self.difference and self.tolerance:  # a match within the tolerance, said (review 65)
            side = "over-claimed" if self.difference > 0 else "under-claimed"
            within = say(
                lang, f"reason.{side}", amount=money_text(self.difference.copy_abs(), grouping=True, lang=lang)
            )
            within += say(
                lang, "reason.within_tolerance", tolerance=money_text(self.tolerance, grouping=True, lang=lang)
            )
            if s is not None and s.late_working_days:
                within += "; " + late_reason(s, lang)
            return within
        if s is not None and s.late_working_days:
            return late_reason(s, lang)
        return ""

    def trace(self) -> Step:
        """Why the line has its verdict, as data: the computation it was checked against (the
        settlement, or the facility-month) and the difference claimed - computed; for a line
        that could not be checked, the reason (in English and in Georgian)."""
        # The claim with two decimals, as every amount is shown ("750.0" typed is 750.00; exact: at most 2 decimals).
        claimed = None if self.claimed is None else round_to_tetri(self.claimed)
        # (a label of the library's words, in Georgian too: review 276 F5, "სტრიქონი 62, 63 of the occupancy file")
        row_ka = (Quantity("row_ka", self.row.text("ka")),) if isinstance(self.row, Reason) else ()
        head = (
            Quantity("row", str(self.row)),
            *row_ka,
            Quantity("beneficiary_id", self.beneficiary_id),
            Quantity("name", self.name),
            Quantity("part", self.part),
            Quantity("verdict", self.verdict),
            Quantity("deduction_percent", self.deduction_percent, "%"),
            Quantity("claimed", claimed, "GEL"),
            Quantity("computed", self.computed, "GEL"),
        )
        source = self.settlement if self.settlement is not None else self.detail
        if source is None or self.computed is None:  # (a children's line left unpriced keeps its month: D48)
            reasons = (Quantity("reason", self.reason_text("en")), Quantity("reason_ka", self.reason_text("ka")))
            # a day before the rules take effect: the provision that sets that day (Decree 467, Art. 2)
            cite = in_force_citation(self.error)
            children: tuple[Step, ...] = (Step("audit.reason", None, "text", reasons, cite),)
        else:
            difference = Step(
                "audit.difference",
                self.difference,
                "GEL",
                (Quantity("claimed", claimed, "GEL"), Quantity("computed", self.computed, "GEL")),
                decisions=("D46",) if self.compared_before_deduction else (),
            )
            if self.billed_on is None:
                children = (source.trace(), difference)
            else:  # 0.00 here: its days are paid on the other line (D28); below, what the line computes alone
                cite = self.settlement.rule_citation if self.settlement is not None else self.detail.citations[0]
                once = Step(
                    "audit.already_billed", self.computed, "GEL", (Quantity("billed_on", rows_text((self.billed_on,), "en")),),
                    cite, ("D28",), children=(source.trace(),),
                )  # fmt: skip
                children = (once, difference)
        return Step("audit.line", self.difference, "GEL", head, children=children)

    def explain(self, lang: str = "en") -> str:
        """:meth:`trace` as text, in English or Georgian (the line alone; :meth:`AuditReport.explain`
        adds the findings that concern it)."""
        return self.trace().explain(check_lang(lang))

    def to_dict(self) -> dict[str, Any]:
        """The line as JSON-ready data (``json.dumps(line.to_dict())`` works): what was claimed,
        the result it was checked against (the settlement's or the facility-month's own
        ``to_dict()``), the verdict and the reason in English and Georgian; money as exact
        decimal strings."""
        return {
            "type": "AuditLine",
            "row": str.__str__(self.row) if isinstance(self.row, Reason) else self.row,  # (plain data)
            "beneficiary_id": self.beneficiary_id,
            "name": self.name,
            "month": self.month,
            "part": self.part,
            "provider": self.provider,
            "claimed": _decimal_text(self.claimed),
            "computed": _decimal_text(self.computed),
            "payable": _decimal_text(self.payable),
            "difference": _decimal_text(self.difference),
            "tolerance": _decimal_text(self.tolerance),
            "verdict": self.verdict,
            "reason": self.reason_text("en"),  # (a match within the tolerance, or late, said: review 185 F1)
            "reason_ka": self.reason_text("ka"),
            "citation": self._refusal_citation(),
            "decision": None if self.computed is not None else error_decision(self.error),
            "billed_on": self.billed_on,
            "settlement": None if self.settlement is None else self.settlement.to_dict(),
            "detail": None if self.detail is None else self.detail.to_dict(),
        }

    def _refusal_citation(self) -> dict[str, Any] | None:
        """The provision a line that could not be checked cites (a day before the rules: Decree
        No. 467, Art. 2), as JSON data; None for a line that was checked or that cites none."""
        if self.computed is not None:
            return None
        cite = in_force_citation(self.error)
        return None if cite is None else cite.model_dump(mode="json", exclude_none=True)

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, calendar: WorkingCalendar | None = None, rules: RuleSet | None = None
    ) -> AuditLine:
        """The line of :meth:`to_dict`, checked: the settlement (or facility-month) is read back
        and recomputed (``calendar`` and ``rules`` as for :meth:`Settlement.from_dict`), and the
        line's verdict, reason and amounts are recomputed from it, the claim and the tolerance.
        A stored value that differs is an :class:`InvalidInput` naming the key, the stored value
        and the recomputed one. A line that could not be checked keeps its stored reason (the
        cells it could not read are not stored)."""
        from voucherlib.rules.facility_month import FacilityMonth, stored_as_now

        where = "AuditLine"
        record_type(data, where)
        row = data.get("row")
        if not isinstance(row, (int, str)) or isinstance(row, bool) or not written_out(row):
            # (an int of more digits than Python writes, only a dict built in code holds: review 288 F4)
            raise InvalidInput(f"{where}.row", row, "the line's label: a JSON whole number or string")
        text = {k: record_value(data, k, str, where) for k in ("beneficiary_id", "name", "month", "part", "provider")}
        occupancy_of = say("en", "label.occupancy_rows", rows="")  # (" of the occupancy file")
        if isinstance(row, str) and text["part"] == "occupancy" and row.endswith(occupancy_of):
            # an occupancy line's label, of the library's words: read back as it was made, said in
            # Georgian too (review 277 F6: the read-back line's Georgian said "of the occupancy file")
            row = Reason.phrase("label.occupancy_rows", rows=row[: -len(occupancy_of)])
        claimed = record_value(data, "claimed", Decimal, where, optional=True)
        tolerance = record_value(data, "tolerance", Decimal, where, optional=True)
        stored = record_value(data, "settlement", dict, where, optional=True)
        detail = record_value(data, "detail", dict, where, optional=True)
        if claimed is not None and tolerance is not None and (stored is not None or detail is not None):
            if stored is not None:
                s = Settlement.from_dict(stored, calendar=calendar, rules=rules)
                line = checked_line(
                    row, text["beneficiary_id"], text["name"], claimed, s.amount, tolerance, settlement=s,
                    provider=text["provider"],
                )  # fmt: skip
            else:
                fm = FacilityMonth.from_dict(record_value(data, "detail", dict, where), rules)
                part = text["part"]
                if part not in FACILITY_PARTS:
                    raise InvalidInput(f"{where}.part", part, f"one of {', '.join(map(repr, FACILITY_PARTS))}")
                computed = fm.beneficiary_amount if part == FACILITY_PARTS[0] else fm.compensation_paid
                line = checked_line(
                    row, text["beneficiary_id"], part, claimed, computed, tolerance, detail=fm, part=part
                )
            billed_on = data.get("billed_on")
            if billed_on is not None:  # its days billed on another line (D28): stored, not recomputed
                if (
                    not isinstance(billed_on, (int, str))
                    or isinstance(billed_on, bool)
                    or billed_on == row
                    or not written_out(billed_on)
                ):
                    raise InvalidInput(
                        f"{where}.billed_on", billed_on, "the label of another line: a whole number or string"
                    )
                line = already_billed(line, billed_on)
                data = {**data, **_billed_reason_as_now(data, billed_on, line)}
        else:
            reason = record_value(data, "reason", str, where)
            # the provision it cites is stored with the reason (not recomputed: the cells are not stored)
            cite = None if data.get("citation") is None else record_citation(data, "citation", where)
            decision = data.get("decision")  # (the register's decision it rests on, as to_dict writes it)
            from voucherlib.reports.cases import register_decisions  # (it imports this module)

            if not (decision is None or (isinstance(decision, str) and decision in register_decisions())):
                raise InvalidInput(f"{where}.decision", decision, "a decision of the register ('D30'), or null")
            error = StoredReason(reason, record_value(data, "reason_ka", str, where), cite, decision)
            # a facility's children not checked keep their month (its days above the limit: D48),
            # the line's own (review 253 F5: another month's was taken, and its days warned of)
            kept = None if detail is None else FacilityMonth.from_dict(detail, rules)
            if kept is not None and (text["part"] != FACILITY_PARTS[0] or str(kept.month) != text["month"]):
                raise InvalidInput(
                    f"{where}.detail",
                    f"{kept.month}",
                    f"the facility-month of the line's month ({text['month']}), on a line of the children served",
                )
            line = cls(
                row, text["beneficiary_id"], text["name"], text["month"], claimed, None, None, None, "invalid", reason,
                None, kept, error, part=text["part"], provider=text["provider"],
            )  # fmt: skip
        if isinstance(line.detail, FacilityMonth) and detail is not None:  # (as written now: stored_as_now)
            data = {**data, "detail": {**stored_as_now(detail, line.detail), "city": detail.get("city")}}
        same_as_recomputed(data, line.to_dict(), where)
        return line

    def record(self, lang: str = "en") -> dict[str, Any]:
        """The line as the report's table shows it (money as Decimal GEL or None)."""
        return {
            "row": self.row,
            "beneficiary_id": self.beneficiary_id,
            "name": say(lang, f"part.{self.part}") if self.part else self.name,
            "month": self.month,
            "claimed": self.claimed,
            "computed": self.computed,
            "difference": self.difference,
            "deducted": self.deducted,
            "payable": self.payable,
            "verdict": self.verdict_text(lang),
            "reason": self.reason_text(lang),
        }


COLUMNS = ("row", "beneficiary_id", "name", "month", "claimed", "computed", "difference", "deducted", "payable",
           "verdict", "reason")  # fmt: skip
"""The columns of the report's table of lines, in order."""
MONEY_COLUMNS = ("claimed", "computed", "difference", "deducted", "payable")


FACILITY_PARTS = ("children served", "unfilled places")
"""The checked lines of a facility claim: the amount for the children paid, the unfilled places."""


class StoredReason(VoucherError):
    """Why a line read back by :meth:`AuditLine.from_dict` could not be checked: its stored
    reason in English (the message) and in Georgian (``ka``); also a reason said beforehand in
    both (:func:`nested_reason`)."""

    def __init__(self, reason: str, ka: str, citation: Citation | None = None, decision: object = None) -> None:
        self.ka = ka
        """The reason in Georgian."""
        self.citation = citation
        """The provision the reason cites (a day before the rules: Decree No. 467, Art. 2), or None."""
        self.decision = decision if isinstance(decision, str) else None
        """The decision of the interpretation register the reason rests on (``"D30"``), or None."""
        super().__init__(reason)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.ka, self.citation, self.decision))

    def message(self, lang: str = "en") -> str:
        """The reason in ``lang`` (English or Georgian)."""
        return self.ka if lang == "ka" else str(self)


def verdict_counted(lang: str, verdict: str, count: int) -> str:
    """``count`` lines of ``verdict`` as the summary's sentence says them: ``4 matches``, ``1 match``
    (not ``1 matches``: review 259 F4), ``2 over-claimed``, ``1,199 already billed``."""
    if verdict == "matches":
        return say(lang, "verdict.matches.counted", n=count_said(count, lang))
    return f"{count_said(count, lang)} {say(lang, f'verdict.{verdict}')}"


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def checked_line(
    row: int | str,
    ident: str,
    name: str,
    claimed: Decimal,
    computed: Decimal,
    tolerance: Decimal,
    *,
    settlement: Settlement | None = None,
    detail: Any = None,
    part: str = "",
    provider: str = "",
) -> AuditLine:
    """The line of a claim checked against what the rules compute: a settlement of Annex 2.12
    (payable after the late penalty; not funded past 5 late working days) or a facility-month
    of Annex 2.8 (``detail``; payable = computed); the verdict by the difference claimed - computed."""
    verdict, reason, difference = line_verdict(claimed, computed, tolerance, settlement)
    payable = computed if settlement is None else settlement.payable
    month = str(detail.month) if settlement is None else str(settlement.month)
    return AuditLine(
        row, ident, name, month, claimed, computed, payable, difference, verdict, reason, settlement,
        detail, part=part, provider=provider, tolerance=tolerance,
    )  # fmt: skip


def _billed_reason_as_now(data: Mapping[str, Any], billed_on: int | str, line: AuditLine) -> dict[str, str]:
    """An already-billed line's stored reasons (``reason``, ``reason_ka``) as this version writes
    them, where they are what an earlier version wrote for the same label: the label as it is
    (before 0d3f1b5) or with its controls escaped unquoted (before review 288's mend). Only the
    way the label is printed changed, not the rules or the inputs (review 288 F3: such a line
    was refused as differing from "what the rules give")."""
    text = str(billed_on)
    now = {"reason": line.reason_text("en"), "reason_ka": line.reason_text("ka")}
    return {
        key: now[key]
        for key, lang in (("reason", "en"), ("reason_ka", "ka"))
        if data.get(key) in {say(lang, "reason.already_billed", row=r) for r in (text, printable(text))}
    }


def already_billed(line: AuditLine, billed_on: int | str) -> AuditLine:
    """``line`` (checked) as a line whose days are billed and paid on the line
    ``billed_on`` (D28): it computes 0.00, pays 0.00, and its whole claim is the difference."""
    assert line.claimed is not None
    return replace(
        line,
        computed=ZERO,
        payable=ZERO,
        difference=subtract(line.claimed, ZERO),
        verdict="already billed",
        reason=say("en", "reason.already_billed", row=rows_text((billed_on,), "en")),
        billed_on=billed_on,
    )


def billed_once(lines: Sequence[AuditLine]) -> list[AuditLine]:
    """The lines with each month's days paid once (D28: a beneficiary has one voucher a month; a
    facility's month is computed once from its occupancy).

    A checked line whose days are all billed by another checked line of the same beneficiary and
    month **on the same terms** (every day of its service a day of the other's, with the same
    disability status on each, and the same late deduction: the other line pays each of its days
    at the same rate) is :func:`already_billed` on that line: the same line again, or a shorter
    stay within the other's. Of two lines that bill the same days on the same terms the first is
    paid; otherwise the line that bills more is, whatever the invoice's order. Lines that bill a
    day on other terms (another status, another submission day) or days of their own on both
    sides (stays that overlap in part, a second stay) are each checked on their own: which is
    right the audit cannot tell, and the double-billing finding (and the overlapping-stays
    finding for stays that share a day) names them for the auditor. A line with no day of service
    keeps its verdict (its claim is for days outside the stay). A facility's component is
    computed from the facility-month whichever row claims it: every row after the first that
    claims it is already billed."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for k, ln in enumerate(lines):
        if ln.checked and (ln.settlement is None or ln.settlement.voucher.first_service_day is not None):
            groups.setdefault((ln.beneficiary_id.strip(), ln.month.strip(), ln.part), []).append(k)
    out = list(lines)
    for members in groups.values():
        if len(members) > 1:
            if lines[members[0]].settlement is None:  # a facility's component: the first claim of it pays
                paid = {k: members[0] for k in members[1:]}
            else:
                paid = paid_on({k: bill_of(lines[k]) for k in members})
            for k, payer in paid.items():
                out[k] = already_billed(lines[k], lines[payer].row)
    return out


Bill = tuple[int, int, int, bool]
"""What a voucher line bills (:func:`bill_of`): its days of service and its days with status as
bit masks over the month's days (bit 0: the 1st), its late working days and whether it is funded."""


def paid_on(bills: Mapping[int, Bill]) -> dict[int, int]:
    """Of the lines of one beneficiary and month (their :data:`Bill` by line, in the invoice's
    order), each line whose days another bills on the same terms, and the line that bills them
    (itself not billed elsewhere).

    A bill is its days of service and its days with status, as bit masks over the month's days
    (a month has at most 31, so at most 496 ranges of days), with its late deduction. Line L is
    billed by line M when M's days hold L's (and more, or the same and M comes first), M has the
    status L has on each of L's days, and the deduction is the same. Each distinct bill is looked
    up against each distinct range of days of its terms, not against every other line (review 40:
    a limit of 200 distinct bills let an invoice of more escape the check)."""
    first_of: dict[Bill, int] = {}  # each distinct bill -> its first line
    copies: dict[int, int] = {}
    for k, bill in bills.items():
        first = first_of.setdefault(bill, k)
        if first != k:
            copies[k] = first
    by_terms: dict[tuple[int, bool], dict[int, dict[int, int]]] = {}  # deduction -> days -> status -> line
    for (days, status, late, funded), k in first_of.items():
        by_terms.setdefault((late, funded), {}).setdefault(days, {})[status] = k
    covered: dict[int, int] = {}  # a distinct bill's first line -> a line of more days on the same terms
    seen: dict[tuple[tuple[int, bool], int, int], dict[int, int]] = {}  # the wider lines' status on some days
    for (days, status, late, funded), k in first_of.items():
        for wider_days, statuses in by_terms[(late, funded)].items():
            if wider_days != days and days & ~wider_days == 0:
                on_days = seen.get(((late, funded), wider_days, days))
                if on_days is None:  # (each wider line's status on these days, made once per pair of ranges)
                    on_days = seen[((late, funded), wider_days, days)] = {}
                    for s, j in statuses.items():
                        on_days.setdefault(s & days, j)
                wider = on_days.get(status)
                if wider is not None:
                    covered[k] = wider
                    break
    paid: dict[int, int] = {}
    for k in covered:  # the line at the top of the chain bills them (the relation is transitive)
        payer = covered[k]
        while payer in covered:
            payer = covered[payer]
        paid[k] = payer
    for k, first in copies.items():  # a copy is billed where its first line is
        paid[k] = paid.get(first, first)
    return paid


def bill_of(line: AuditLine) -> Bill:
    """What a checked voucher line with a day of service bills (:data:`Bill`)."""
    s = line.settlement
    assert s is not None
    v = s.voucher
    assert v.first_service_day is not None and v.last_service_day is not None
    days = day_mask(v.first_service_day.day, v.last_service_day.day)
    status = 0
    for start, end in v.disability_periods:
        status |= day_mask(start.day, end.day)
    return days, status, s.late_working_days, s.funded


def day_mask(first: int, last: int) -> int:
    """The days ``first`` to ``last`` of a month as bits (bit 0: the 1st)."""
    return (1 << last) - (1 << (first - 1))


def line_verdict(
    claimed: Decimal, computed: Decimal, tolerance: Decimal, settlement: Settlement | None = None
) -> tuple[Verdict, str, Decimal]:
    """The verdict of a claim against what the rules compute (not funded past 5 late working days
    when a settlement says so), why, and the difference claimed - computed."""
    verdict, reason = claim_verdict(claimed, computed, tolerance)
    if settlement is not None and not settlement.funded:
        verdict, reason = "not funded (late)", not_funded_reason(settlement)
    return verdict, reason, subtract(claimed, computed)


def late_reason(settlement: Settlement, lang: str = "en") -> str:
    """What a late document cost a line, in ``lang``: its late working days (a thousand or more
    grouped) and the amount deducted (R2, D8)."""
    late = count_said(settlement.late_working_days, lang)
    return say(lang, "reason.late", late=late, deducted=money_text(settlement.deduction, grouping=True, lang=lang))


def not_funded_reason(settlement: Settlement, lang: str = "en") -> str:
    """Why a line is not funded (D8), in ``lang``: its late working days and the most still funded,
    a thousand or more grouped, as its explanation says them (``1,057 working days late (more than
    5)``; review 138 F3: the line's record gave an ungrouped copy of the sentence)."""
    late, most = count_said(settlement.late_working_days, lang), count_said(settlement.max_late_working_days, lang)
    return say(lang, "reason.not_funded", late=late, max=most)


def reason_ka(error: VoucherError) -> str:
    """The reason an invoice line could not be checked, in Georgian (D29: a field's name is given
    by its Georgian column header, the value as it was written)."""
    if isinstance(error, StoredReason):
        return error.ka
    if isinstance(error, InvalidInput):
        return reason_invalid(error, "ka")
    if isinstance(error, RuleNotInForce):
        return error.message("ka")  # the parameter, why and the advice, as in English
    if isinstance(error, RowError):
        return error.message("ka")
    return say("ka", "reason.unreadable")


def reason_invalid(error: InvalidInput, lang: str) -> str:
    """Why a cell was refused: in Georgian the field by its column header (D29); in English as the
    error says it; a blank cell as "nothing" in either."""
    field = error.field.split(".")[0].split("[")[0]
    if cells.is_empty(error.value):
        value = say(lang, "value.nothing")
    else:  # words of the library's own (``2 of 30 days``) in ``lang``
        value = shown_in(lang, error.value) if isinstance(error.value, Reason) else _shown(error.value)
    if lang == "en":
        return say("en", "reason.invalid", field=field_name(error.field), value=value, expected=error.expected)
    header = say("ka", f"column.{field}") if has_phrase(f"column.{field}") else field
    if error.expectation is not None:  # what was expected, as the error says it (in Georgian)
        wanted = error.expectation.text("ka")
    else:  # given as English text only: what the column takes, in general (else the English detail)
        wanted = say("ka", f"expect.{field}") if has_phrase(f"expect.{field}") else error.expected
    return say("ka", "reason.invalid", field=header, value=value, expected=wanted)


def nested_reason(reason: str | None) -> str | None:
    """A reason said inside another's (a facility-month's, inside its claim's line): in Georgian
    its field named by its column header, as the line's own reason names it (D29; review 49:
    ``„დატვირთვა“: ... (occupancy: მითითებულია ...)``); in English as it is."""
    if not (isinstance(reason, Reason) and isinstance(reason.error, InvalidInput)):
        return reason
    said = StoredReason(str(reason), reason_invalid(reason.error, "ka"), decision=error_decision(reason.error))
    return Reason.of(said)  # (with the decision it rests on: review 272 F4, a city of no cap's D30)


def _rows_named(lines: Sequence[AuditLine], most: int = 5) -> Reason:
    """The rows of ``lines`` as a sentence names them, each once, the first ``most`` and how many in
    all (``rows 3, 5``, ``row 3``), in English and Georgian (review 278 F2, F3); a facility audit's
    occupancy line (a facility-month of several rows of the occupancy file) after them, each said
    apart (``rows 3, 4; rows 32, 33, ... of the occupancy file``) and not counted among the claims'
    rows (review 279 F2, 280 F2: "(7 in all)" counted six claim rows and a line of thirty rows)."""
    labels = list(dict.fromkeys(ln.row for ln in lines))
    rows = [r for r in labels if not isinstance(r, Reason)]
    occupancy = [r for r in labels if isinstance(r, Reason)]
    said = []
    for lang in ("en", "ka"):
        parts = [rows_said(lang, [label_printed(r) for r in rows[:most]], len(rows))] if rows else []
        for label in occupancy[:3]:  # (its rows: "32, 33, ..." of one, or "32" alone)
            parts.append(occupancy_rows_said(label, lang))
        if len(occupancy) > 3:  # (a facility of 24 months' occupancy and no claim: review 283 F5)
            parts[-1] += say(lang, "summary.occupancy_lines_in_all", count=count_said(len(occupancy), lang))
        said.append("; ".join(parts))
    return Reason.in_each(*said)


def _row_texts(row: object) -> tuple[str, ...]:
    """A row label as the tables show it, in English and, for a label of the library's own words
    (``"62, 63, 64 of the occupancy file"``), in Georgian: the first the English, the last the
    Georgian (one text for a number or a caller's label)."""
    plain = str.__str__(row) if isinstance(row, str) else str(row)
    return (plain, row.text("ka")) if isinstance(row, Reason) else (plain,)


def _shown(value: Any) -> str:
    """The value as written (a string quoted), cut to 60 characters; never raises (a huge int)."""
    if isinstance(value, str):
        return shown(value)
    try:
        text = str(value)
    except Exception:  # an int too large to write out, or an object whose str() fails
        return shown(value)
    return text if len(text) <= 60 else text[:57] + "..."


@made_once
class AuditReport:
    """Every line of an invoice with its verdict, the findings across lines, and the totals.

    The totals ``total_claimed``, ``total_computed``, ``total_difference``, ``total_deducted``
    and ``total_payable`` are sums over the same lines, those that could be checked, so
    claimed - computed = difference and computed - deducted = payable always hold. What the
    lines that could not be checked claim is ``unchecked_claimed``, on its own.

    A report of a large invoice checked by the batch engine keeps its lines as columns: the
    verdicts, counts, totals and findings (their codes and number) are computed at once, on
    whole columns, and :attr:`lines` and :attr:`findings` are sequences whose :class:`AuditLine`
    and :class:`~voucherlib.reports.findings.Finding` objects are made on access from those
    columns (all of them, once, when the sequence is walked), the same as a line-by-line audit gives.
    """

    __slots__ = ("_findings", "_lines", "_table", "calendar", "one_rate", "title", "tolerance")
    _lines: Sequence[AuditLine]
    _findings: Findings
    _table: Any
    tolerance: Decimal
    """The largest difference (GEL) that still counts as a match."""
    title: str
    """The phrase key of the report's title (the youth-voucher or the facility audit)."""
    one_rate: Decimal | None
    """A facility audit's one daily rate given for every service, when it priced shelters and day
    centres alike (D13; the summary says so: review 185 F3), else None."""
    calendar: WorkingCalendar | None
    """The working calendar the lines were settled under (:func:`audit_invoice`'s, the default
    when it was given none), named by the summary when it is not the default; None for a report
    of lines settled under none (a facility audit). A report made of lines without it takes the
    calendar of its first settled line."""

    def __init__(
        self,
        lines: Sequence[AuditLine] | None,
        tolerance: Decimal,
        findings: Findings | None = None,
        title: str = "audit.title",
        one_rate: Decimal | None = None,
        *,
        table: Any = None,
        calendar: WorkingCalendar | None = None,
    ) -> None:
        set_ = object.__setattr__
        if table is not None:  # made on access from the columns (the report holds them, the table does not)
            lines, findings = table.sequences()
        elif calendar is None:  # (the lines at hand: walking a report kept as columns would make them all)
            calendar = next((ln.settlement.calendar for ln in lines or () if ln.settlement is not None), None)
        set_(self, "calendar", None if calendar is None else resolve_calendar(calendar))
        set_(self, "_lines", lines if table is not None else tuple(lines or ()))
        set_(self, "tolerance", tolerance)
        set_(self, "_findings", Findings() if findings is None else findings)
        set_(self, "title", title)
        set_(self, "one_rate", one_rate)
        set_(self, "_table", table)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"AuditReport is frozen: cannot set {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its lines and findings (made first when they are still columns)."""
        made = (tuple(self.lines), self.tolerance, Findings(self.findings), self.title, self.one_rate)
        return (partial(AuditReport, calendar=self.calendar), made)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AuditReport):
            return NotImplemented
        return (self.lines, self.tolerance, self.findings, self.title, self.one_rate, self.calendar) == (
            other.lines,
            other.tolerance,
            other.findings,
            other.title,
            other.one_rate,
            other.calendar,  # (review 212 F5: the summary names it)
        )

    def __hash__(self) -> int:
        return hash((self.lines, self.tolerance, self.findings, self.title, self.one_rate, self.calendar))

    def __repr__(self) -> str:
        return f"AuditReport({counted(len(self), 'line')}, tolerance={self.tolerance}, {counted(len(self.findings), 'finding')})"

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def lines(self) -> Sequence[AuditLine]:
        """Every line of the invoice, in its order, each with its verdict (a tuple, or for a
        report kept as columns a tuple-like sequence whose lines are made on access)."""
        return self._lines

    @property
    def findings(self) -> Findings:
        """Every :class:`~voucherlib.reports.findings.Finding`; ``findings.to_dataframe()`` as a table."""
        return self._findings

    # ------------------------------------------------------------ totals

    @property
    def checked(self) -> tuple[AuditLine, ...]:
        """The lines that could be checked (every verdict but ``invalid``): the lines of the totals."""
        return tuple(ln for ln in self.lines if ln.checked)

    @property
    def unchecked(self) -> tuple[AuditLine, ...]:
        """The lines that could not be checked (``invalid``)."""
        return tuple(ln for ln in self.lines if not ln.checked)

    def _sum(self, attr: str, key: str | None = None, lines: Iterable[AuditLine] | None = None) -> Decimal:
        """The total ``key`` (by default ``attr``): of a report kept as columns, from its columns;
        else the sum of the lines' ``attr`` (over the checked lines, or ``lines``)."""
        if self._table is not None:
            found: Decimal = self._table.totals()[key or attr]
            return found
        values = (getattr(ln, attr) for ln in (self.checked if lines is None else lines))
        return total(v for v in values if v is not None)

    @property
    def total_claimed(self) -> Decimal:
        """What the checked lines claim."""
        return self._sum("claimed")

    @property
    def total_computed(self) -> Decimal:
        """The sum of the amounts computed (over the checked lines)."""
        return self._sum("computed")

    @property
    def total_difference(self) -> Decimal:
        """total_claimed - total_computed (the sum of the lines' differences)."""
        return self._sum("difference")

    @property
    def total_deducted(self) -> Decimal:
        """The sum of the late penalties, the whole amount of an unfunded line included (computed - payable)."""
        return self._sum("deducted")

    @property
    def total_payable(self) -> Decimal:
        """The sum of what the Agency pays (over the checked lines)."""
        return self._sum("payable")

    @property
    def unchecked_claimed(self) -> Decimal:
        """What the lines that could not be checked claim (not in the totals above)."""
        return self._sum("claimed", "unchecked_claimed", self.unchecked if self._table is None else ())

    def totals(self) -> dict[str, Decimal]:
        """The totals by name: claimed, computed, difference, deducted, payable, unchecked_claimed."""
        return {
            "claimed": self.total_claimed,
            "computed": self.total_computed,
            "difference": self.total_difference,
            "deducted": self.total_deducted,
            "payable": self.total_payable,
            "unchecked_claimed": self.unchecked_claimed,
        }

    @property
    def of_facilities(self) -> bool:
        """Whether the report audits Annex 2.8 facilities' claims (:func:`audit_facility_invoice`):
        its lines are a facility's components, not beneficiaries."""
        return self.title == "facility_audit.title"

    @property
    def late_penalty(self) -> bool:
        """Whether the audited payments have a deduction for late submission: Annex 2.12's
        vouchers do (Art. 4, para 5); the Annex 2.8 facilities of the facility audit have none
        (D40), so its summary shows none (review 33: a row of 0.00 "deducted for late submission"
        suggested a check that the Program does not make)."""
        return not self.of_facilities

    def _unchecked_count(self) -> int:
        """How many lines could not be checked (from the columns while the lines are not made)."""
        return self._table.counts().get("invalid", 0) if self._table is not None else len(self.unchecked)

    @property
    def all_match(self) -> bool:
        """True when every line matches and there is no finding."""
        return set(self.counts()) <= {"matches"} and not self.findings

    def needing_attention(self) -> tuple[bool, ...]:
        """For each line, whether it needs an auditor's attention: its verdict is not a plain
        match or it was deducted for lateness (:attr:`AuditLine.needs_attention`), or a finding of
        the report that is an error or a warning concerns it (double billing, overlapping stays,
        ids alike, paid over the limit: review 206 F1, a line billed twice matched its claim and
        was left out), as the report's tables highlight it."""
        index = self.findings.by_line()
        return tuple(
            ln.needs_attention
            or any(f.severity in ("error", "warning") for f in Findings.of_line(index, ln.row, ln.part))
            for ln in self.lines
        )

    def counts(self) -> dict[str, int]:
        """How many lines have each verdict."""
        if self._table is not None:
            return dict(self._table.counts())
        out: dict[str, int] = {}
        for ln in self.lines:
            out[ln.verdict] = out.get(ln.verdict, 0) + 1
        return out

    def summary(self, lang: str = "en") -> list[tuple[str, Decimal | int]]:
        """The summary as (label, value) pairs: the totals, then the lines by verdict and the findings."""
        lang = check_lang(lang)
        unchecked = self._unchecked_count()
        out: list[tuple[str, Decimal | int]] = [
            (say(lang, "summary.lines"), len(self)),
            (say(lang, "summary.checked"), len(self) - unchecked),
        ]
        out += [
            (say(lang, f"summary.{k}"), v) for k, v in self.totals().items() if k != "deducted" or self.late_penalty
        ]
        out.append((say(lang, "summary.unchecked"), unchecked))
        unread = self._unread_count() if unchecked else 0
        if unread:  # (review 65: "claimed on lines not checked" stood beside lines whose claims never read)
            out.append((say(lang, "summary.unread"), unread))
        if self.tolerance:  # a match within it, said (review 65)
            out.append((say(lang, "summary.tolerance_row"), self.tolerance))
        out += [(say(lang, f"verdict.{v}"), n) for v, n in self.counts().items()]
        out.append((say(lang, "summary.findings"), len(self.findings)))
        return out

    def _unread_count(self) -> int:
        """How many lines not checked have a claim that could not be read or was refused (review
        28: "2 lines claiming 0.00 GEL" of two lines whose claims did not read)."""
        made = self._table.slow.values() if self._table is not None else self.lines  # (every unchecked line)
        return sum(1 for ln in made if not ln.checked and ln.claimed is None and _claim_refused(ln))

    def past_known_days_off(self) -> PastKnownDaysOff:
        """The lines checked on days after the last day the report's calendar knows the declared
        days off for (D52), counted and the first named (from the columns while the lines are
        not made)."""
        known = self.calendar.days_off_known_through if self.calendar is not None else None
        past = PastKnownDaysOff(known)
        if known is None:
            return past
        if self._table is not None:
            past.add(self._table.rows_past(known))
            return past
        past.add(ln.row for ln in self.lines if ln.settlement is not None and days_off_unknown_after(ln.settlement))
        return past

    def summary_line(self, lang: str = "en") -> str:
        """The totals in one sentence: claimed - computed = difference, over the checked lines."""
        lang = check_lang(lang)
        by_verdict = self.counts()
        # (counts grouped as amounts are: "10,000 lines", review 229 M4)
        counts = ", ".join(verdict_counted(lang, v, n) for v, n in by_verdict.items())
        counts = f" ({counts})" if counts else ""  # (no line, no verdict: not "0 lines ()", review 192 F7)
        unchecked = self._unchecked_count()
        totals = {k: money_text(v, grouping=True, lang=lang) for k, v in self.totals().items()}
        # the deduction for late submission: Annex 2.12's alone (the facility audit has none)
        deducted = say(lang, "summary.line_deducted", deducted=totals["deducted"]) if self.late_penalty else ""
        text = say(
            lang,
            "summary.line",
            lines=count_said(len(self), lang),
            counts=counts,
            checked=count_said(len(self) - unchecked, lang),
            deducted_clause=deducted,
            **totals,
        )
        if self.tolerance:  # (review 65: a match within a tolerance was said nowhere)
            text += say(lang, "summary.tolerance", tolerance=money_text(self.tolerance, grouping=True, lang=lang))
        if unchecked:
            text += say(
                lang,
                "summary.line_unchecked",
                unchecked=count_said(unchecked, lang),
                amount=totals["unchecked_claimed"],
            )
            unread = self._unread_count()
            if unread:
                text += say(lang, "summary.line_unread", unread=count_said(unread, lang))
        if self.one_rate is not None:  # (one rate for shelters and day centres alike: review 185 F3)
            from voucherlib.reports.facility_file import one_rate_said  # (it imports this module)

            text += "; " + one_rate_said(self.one_rate, lang)
        if self.calendar is not None:  # (review 206 F3: as the command line's; review 209: its own, not
            text += self.past_known_days_off().text(lang)  # (D52: review 275 F2)
            text += self.calendar.summary_clause(lang)  # the first settled line's: every line made for it)
        return text

    # ------------------------------------------------------------ one line

    def lines_of(
        self, label: int | str | AuditLine, *, by: Literal["row", "id"] | None = None
    ) -> tuple[AuditLine, ...]:
        """The lines a label names: the line whose row label (as the table shows it) it is, or
        every line of the beneficiary (or facility) whose id it is. A text that is the text of a
        row's number and the id of another line's beneficiary (``"3"``: row 3, and beneficiary 3 on
        row 4) is refused as naming two, unless ``by`` says which: ``"row"`` or ``"id"`` (review
        275 F1: the id's line was explained); a row labelled by that very text is the row's."""
        if isinstance(label, AuditLine):  # (one of this report's: review 281 F3)
            return (self._own(label),)
        if by not in (None, "row", "id"):
            raise InvalidInput(
                "by", by, "'row' (the row label the table shows), 'id' (a beneficiary or facility id), or None"
            )
        whose = Reason.in_each(
            *(("facility id", "დაწესებულების კოდი") if self.of_facilities  # (of an occupancy line too: 280 F2)
              else ("beneficiary id of the invoice", "ინვოისის ბენეფიციარის კოდი"))
        )  # fmt: skip
        whole = isinstance(label, numbers.Integral) and not isinstance(label, bool)  # (an int, numpy's too: 278 F1)
        if not written_out(label):  # (more digits than Python writes: no line's, reviews 281 F6, 283 F3)
            raise InvalidInput("line", label, self._not_found_said(by, whose))
        # a text label as the plain text it holds (a numpy.str_, a subclass: D43, review 276 F1)
        text = held_text(label) if isinstance(label, str) else None
        number = text.strip() if text is not None else None  # (" 3" as the row's number, as the id is read: 279 F4)
        rows: tuple[AuditLine, ...] = ()
        exact = False
        if by != "id":
            if self._table is not None and type(label) is int:
                at = self._table.index_of(label)  # a file's row, as a spreadsheet numbers it
                if at is not None:
                    rows = (self.lines[at],)
            if text is None:
                rows = rows or tuple(ln for ln in self.lines if ln.row == label and type(ln.row) is type(label))
            else:  # a row labelled by that text (in either language: review 276 F5), the row's
                rows = tuple(ln for ln in self.lines if isinstance(ln.row, str) and text in _row_texts(ln.row))
                exact = bool(rows)
                if not rows:  # (" 3" beside a text label "3", or "3" beside " 3": that row, or the id:
                    # asked, reviews 280 F1, 281 F1; no two labels are alike but for their blanks)
                    rows = tuple(
                        ln
                        for ln in self.lines
                        if isinstance(ln.row, str) and text.strip() in map(str.strip, _row_texts(ln.row))
                    )
                if not rows:  # the text of a row's number
                    rows = tuple(ln for ln in self.lines if not isinstance(ln.row, str) and str(ln.row) == number)
            if not rows and (by == "row" or text is None):
                rows = tuple(ln for ln in self.lines if str(ln.row) == str(label))
        ids: tuple[AuditLine, ...] = ()
        if by != "row" and (text is not None or (by == "id" and whole)):
            # (by="id": 3, or numpy's 3, is the id "3")
            ident = cells.same_id(text if text is not None else str(int(label)))
            ids = tuple(ln for ln in self.lines if ln.beneficiary_id == ident)
        if rows and ids and rows != ids and by is None and not exact:
            raise InvalidInput(
                "line",
                label,
                expected(  # (the rows of the id: review 277 F1, "row 3's label and the id on row 3";
                    # the text as the refusal's "got" shows it, "'3\\n'": review 281 F4)
                    "line_label_two",
                    label=shown(text),
                    row=label_printed(rows[0].row),  # (" 3", "\\n3" quoted: review 283 F4)
                    other=_rows_named(ids),
                    whose=whose,
                ),
            )
        found = rows or ids
        if not found:
            raise InvalidInput("line", label, self._not_found_said(by, whose))
        return found

    def _not_found_said(self, by: str | None, whose: Reason) -> Expected:
        """What a label that names no line should have been, as ``by`` asks for it, with the
        report's own text labels as examples."""
        named = list(dict.fromkeys(ln.row for ln in self.lines if type(ln.row) is not int))[:3]
        shown_rows = [_row_texts(r) for r in named]
        labels = Reason.in_each(  # (each in its language: review 277 F6)
            ", ".join(repr(texts[0]) for texts in shown_rows), ", ".join(repr(texts[-1]) for texts in shown_rows)
        )
        if by == "id":  # (no row label is looked for: review 278 F5)
            return expected("line_id", whose=whose)
        if by == "row":  # (nor an id: review 279 F3)
            return expected("line_row_label", labels=labels) if shown_rows else expected("line_row")
        return (
            expected("line_label_such_as", labels=labels, whose=whose)
            if shown_rows
            else expected("line_label", whose=whose)
        )

    def _own(self, line: AuditLine) -> AuditLine:
        """``line`` if it is one of the report's lines (or equal to one: a copy), else refused: a
        line of another report would be explained with this report's findings of its row label
        (review 281 F3: another beneficiary's double billing under a matching line); anything but a
        line is refused too (review 285 F3: ``explanation(3)`` was an AttributeError)."""
        if not isinstance(line, AuditLine):
            raise InvalidInput("line", line, expected("line_of_report"))
        try:
            same_row = self.lines_of(line.row, by="row")
        except InvalidInput:
            same_row = ()
        if not any(ln is line or ln == line for ln in same_row):
            raise InvalidInput("line", line.row, expected("line_of_report"))
        return line

    def line(self, label: int | str, *, by: Literal["row", "id"] | None = None) -> AuditLine:
        """The first line a label names (see :meth:`lines_of`)."""
        return self.lines_of(label, by=by)[0]

    def explain(self, label: int | str | AuditLine, lang: str = "en", *, by: Literal["row", "id"] | None = None) -> str:
        """Why the line labelled ``label`` (as the table shows it) has its verdict, step by step,
        each step citing its provision, then its findings; for a beneficiary id, every line of
        that beneficiary (``by``: see :meth:`lines_of`)."""
        lang = check_lang(lang)
        lines = self.lines_of(label, by=by)
        # a report kept as columns makes only the findings of these lines
        found = self.findings if self._table is None else self._table.findings_of(self.lines, lines)
        index = found.by_line()
        return "\n\n".join(self._explain_one(ln, lang, index) for ln in lines)

    def _explain_one(
        self,
        ln: AuditLine,
        lang: str,
        index: Mapping[tuple[int | str, str], list[Finding]],
        said: Mapping[int, str] | None = None,
    ) -> str:
        """The line's trace as text, then the findings that concern it, each with its provision
        (its text taken from ``said``, by the finding's id, where a caller has made it already)."""
        parts = [ln.trace().explain(lang)]
        for f in Findings.of_line(index, ln.row, ln.part):
            cite = f" [{citation_text(f.citation, lang)}]" if f.citation else ""
            text = said.get(id(f)) if said is not None else None
            parts.append(f"  ! {f.text(lang) if text is None else text}{cite}")
        return "\n".join(parts)

    def explanation(
        self,
        ln: AuditLine,
        lang: str = "en",
        index: Mapping[tuple[int | str, str], list[Finding]] | None = None,
        said: Mapping[int, str] | None = None,
    ) -> str:
        """The explanation of one line (as :meth:`explain` gives it); ``index``: ``findings.by_line()``,
        computed once by a caller that explains many lines, whose lines are taken as the report's
        (its own: not looked for); without it, a line of another report is refused (review 281 F3).
        ``said``: the texts in ``lang`` of the findings of ``index`` the caller has made (by the
        finding's id: the report's document makes them for its findings table first)."""
        if index is None:
            return self._explain_one(self._own(ln), check_lang(lang), self.findings.by_line())
        if not isinstance(ln, AuditLine):  # (with index too: review 286 F2, an AttributeError)
            raise InvalidInput("line", ln, expected("line_of_report"))
        return self._explain_one(ln, check_lang(lang), index, said)

    # ------------------------------------------------------------ views

    def to_records(self, lang: str = "en") -> list[dict[str, Any]]:
        """The lines as flat records, as the report's table shows them (in ``lang``)."""
        lang = check_lang(lang)
        return [ln.record(lang) for ln in self.lines]

    def to_dataframe(self, lang: str = "en") -> pd.DataFrame:
        """The lines as a DataFrame: each money column twice, ``claimed`` as GEL text and
        ``claimed_tetri`` as exact nullable Int64 tetri (sum, groupby, describe, plot work).

        Every money column sums over the same lines, the checked ones, as the totals do:
        a line that could not be checked has ``claimed`` NA and its claim in ``claimed_unchecked``
        (NA on every checked line). ``verdict`` is the line's verdict alone, as :attr:`AuditLine.verdict`
        and :meth:`counts` give it (said in ``lang``: in English their very keys), so that a group
        or a filter by it counts as they do; a late line's deduction is its ``deducted`` column (the report's tables say both,
        ``matches, 20% deducted``), and ``needs_attention`` (bool, :meth:`needing_attention`) is
        True for it as for every line not a plain match and every line an error or a warning
        concerns: ``frame[frame.needs_attention]`` are the lines to look at (review 204 F3: a
        filter on the verdict alone left out the lines with a deduction, or billed twice).
        ``provider`` is there when the invoice names providers. A
        facility audit's frame keys the facility and its component ``facility_id`` and
        ``component``, and holds an occupancy line's label in ``occupancy_rows`` (its ``row``
        empty), so that ``row`` stays the claims' row numbers."""
        lang = check_lang(lang)
        records = []
        for ln, attention in zip(self.lines, self.needing_attention(), strict=True):
            rec = ln.record(lang)
            rec["verdict"] = say(lang, f"verdict.{ln.verdict}")  # (review 26: the table's text split "matches")
            rec["provider"] = ln.provider
            rec["claimed_unchecked"] = None if ln.checked else rec["claimed"]
            rec["needs_attention"] = attention
            if not ln.checked:
                rec["claimed"] = None
            records.append(rec)
        columns = [c for c in COLUMNS if c != "reason"] + ["claimed_unchecked", "reason"]
        columns.insert(columns.index("verdict") + 1, "needs_attention")
        if any(ln.provider for ln in self.lines):
            columns.insert(1, "provider")
        if self.of_facilities:  # a claim's row number, and an occupancy line's rows apart (review 172 F2, 173 F-F1)
            for rec, ln in zip(records, self.lines, strict=True):
                label = rec["row"]  # (a claims frame's label stays its row: review 175 F7)
                rec["row"], rec["occupancy_rows"] = (None, str(label)) if ln.part == "occupancy" else (label, "")
            columns.insert(columns.index("reason"), "occupancy_rows")
        frame = money_frame(
            records, money=(*MONEY_COLUMNS, "claimed_unchecked"), columns=columns, flags=("needs_attention",)
        )
        if self.of_facilities:  # a facility and its component, as its tables key them
            from voucherlib.output.documents import FACILITY_KEYS

            frame = frame.rename(columns=dict(FACILITY_KEYS))
        return frame

    def to_text(self, lang: str = "en") -> str:
        """The report as text, rendered from :meth:`document` (without the explanations and the
        charts): the summary, the findings and the lines as aligned tables, then the totals in a
        sentence (claimed - computed = difference)."""
        lang = check_lang(lang)
        return render(self.document(lang, explain=False, charts=False), "text", lang)

    def to_csv(self, path: str | Path | None = None, lang: str = "en") -> str:
        """The Lines table of :meth:`document` as CSV text (and a file when ``path`` is given):
        one row per line under the column keys ``row, [provider,] beneficiary_id, name, month,
        claimed, computed, difference, deducted, payable, verdict, reason`` (``provider`` when the
        invoice names providers), money as plain decimals; formula-like text is written as text."""
        lang = check_lang(lang)
        lines = next(t for t in self.document(lang, explain=False, charts=False).tables if t.name == "lines")
        text = render(lines, "csv", lang)
        if path is not None:
            write_text_whole(path, text)  # (whole or not at all)
        return text

    def document(self, lang: str = "en", *, explain: bool = True, charts: bool = True) -> Document:
        """The report as one :class:`~voucherlib.output.Document`: a summary, the findings, the
        lines with their explanations, and the charts (what every export below renders)."""
        from voucherlib.output.documents import audit_document

        return audit_document(self, check_lang(lang), explain=explain, charts=charts)

    def to_json(self, lang: str = "en") -> str:
        """The summary, the findings and the lines as typed JSON (money as exact GEL text)."""
        return render(self.document(lang, charts=False), "json", lang)

    def to_html(self, path: str | Path | None = None, lang: str = "en") -> str:
        """One self-contained HTML page (styles and SVG charts inline): summary, charts, findings,
        and the lines with their explanations; written to ``path`` when given."""
        text = render(self.document(lang), "html", lang)
        if path is not None:
            write_text_whole(path, text)
        return text

    def _repr_html_(self) -> str:
        """A rich view for Jupyter: the same page as :meth:`to_html`, without the explanations; of
        a report of more than :data:`REPR_MOST_ROWS` findings or lines, without that table, which
        a notebook cannot hold (review 172 F6: 7.1 MB of page for 10,800 lines), and a sentence
        saying where it is."""
        document = self.document("en", explain=False)
        summary, findings, lines = document.tables
        kept = (
            (summary,)
            + ((findings,) if len(self.findings) <= REPR_MOST_ROWS else ())
            + ((lines,) if len(self) <= REPR_MOST_ROWS else ())
        )
        if len(kept) < 3:
            left_out = say(
                "en", "report.left_out", lines=len(self), findings=len(self.findings), most=REPR_MOST_ROWS,
                frame="report.to_dataframe()", findings_frame="report.findings.to_dataframe()", page="report.to_html(path)",
            )  # fmt: skip
            document = replace(document, tables=kept, summary=(*document.summary, left_out))
        return render(document, "html", "en")

    def to_xlsx(self, path: str | Path, lang: str = "en") -> None:
        """A workbook: Summary, Findings and Lines sheets, each with a styled, frozen, filterable
        header, fitted widths and GEL number formats; lines with findings highlighted; an
        explanation column; formula-like text written as text."""
        write(self.document(lang, charts=False), path, "xlsx", lang)

    def write(self, path: str | Path, lang: str = "en") -> str:
        """Write the report to ``path`` in the format of its extension (.html, .xlsx, .json, .csv, .txt),
        as ``voucherlib audit -o path`` writes it: a CSV file holds the summary, the findings and the
        lines (with their explanations) one table after another (review 65: it held the lines
        alone; :meth:`to_csv` is that table), whole or not at all; a text file without the
        explanations, as :meth:`to_text` (review 204 F2: each one's lines written on one, ``\n``
        between them, in a column of the lines' table)."""
        fmt = format_of(path)
        if fmt == "html":
            self.to_html(path, lang)
        else:
            write(self.document(lang, explain=fmt != "text", charts=False), path, fmt, lang)
        return fmt

    def charts(self, lang: str = "en") -> list[BarChart]:
        """Claimed against payable by month and by provider, and what is claimed but not payable, by cause."""
        from voucherlib.output.documents import audit_charts

        return audit_charts(self, check_lang(lang))

    def plot(self, lang: str = "en") -> Any:
        """The charts as a matplotlib Figure (``pip install 'voucherlib[plot]'``)."""
        return plot_charts(self.charts(lang))


REPR_MOST_ROWS = 1000
"""The most lines (and findings) a report's view in a notebook shows (:meth:`AuditReport._repr_html_`)."""


def build_report(
    lines: Sequence[AuditLine],
    tolerance: Decimal,
    citation: Fallback,
    title: str = "audit.title",
    one_rate: Decimal | None = None,
    calendar: WorkingCalendar | None = None,
) -> AuditReport:
    """The report of ``lines`` with its findings (``citation``: the provision of a line that could
    not be checked; ``one_rate``, ``calendar``: :attr:`AuditReport.one_rate`, :attr:`AuditReport.calendar`)."""
    lines = billed_once(lines)
    found = find(lines, tolerance, citation)
    return AuditReport(tuple(lines), tolerance, found, title, one_rate, calendar=calendar)


# ---------------------------------------------------------------- reading

_READ_FIRST = ("claimed", "beneficiary_id", "month", "submitted_on", "enrolled_on", "discharged_on", "disability")
"""The columns whose errors are reported, in this order (the claim first: it is kept on an invalid line)."""


def invoice_columns(decimal_separator: DecimalSeparator | None = None, day_first: bool = False) -> Columns:
    """The columns of an invoice and how each cell is read (:mod:`voucherlib.input.cells`;
    ``day_first``: the file's dates are written day first, D35), for one read, as :func:`~voucherlib.reports.settlement_file.voucher_columns`."""
    kinds = cells.DateKinds()  # (this read's: date cells beside day-first text refuse the file, D35)
    date = cells.date_reader(day_first, kinds)
    return Columns(
        REQUIRED,
        {
            "claimed": partial(cells.money, decimal_separator=decimal_separator),
            "beneficiary_id": cells.identifier,
            "month": cells.month_reader(day_first, kinds),
            "submitted_on": date,
            "enrolled_on": date,
            "discharged_on": date,
            "disability": cells.disability_reader(day_first, kinds),
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
    day_first: bool = False,
) -> Iterator[Row]:
    """The lines of an invoice as typed :class:`~voucherlib.input.table.Row` objects, from any accepted form."""
    columns = invoice_columns(check_decimal_separator(decimal_separator), as_flag(day_first, "day_first"))
    if isinstance(invoice, Iterable) and not isinstance(invoice, (str, bytes, Mapping, Path)) and not is_frame(invoice):
        items = list(itertools.islice(held_items(invoice), MAX_ROWS + 1))  # (the lines it holds: D43)
        if len(items) > MAX_ROWS:
            raise InvalidInput(
                "invoice", Reason.phrase("value.more_lines", max=MAX_ROWS), expected("lines_at_most", max=MAX_ROWS)
            )
        if all(isinstance(i, InvoiceLine) for i in items):
            return typed_rows(((n, i.model_dump()) for n, i in enumerate(items, start=1)), columns)
        raise not_a_table("invoice", invoice, "a list of InvoiceLine")
    if not isinstance(invoice, (str, Path)) and not is_frame(invoice):  # (an Arrow table, a number ...)
        raise not_a_table("invoice", invoice, "a list of InvoiceLine")
    # (an id a number cell lost its leading zeros from, read as the file writes it elsewhere: D47)
    rows = rows_with_zeros(read_table(invoice, columns, what="invoice", delimiter=delimiter, sheet=sheet))
    return typed_rows(rows, columns)


# ---------------------------------------------------------------- auditing


def _audit_line(
    row: Row,
    *,
    submitted_on: Any,
    calendar: WorkingCalendar | None,
    rules: RuleSet | None,
    tolerance: Decimal,
    count_discharge_day: bool = True,
) -> AuditLine:
    where, ident, name = row.where, cells.same_id(row.text("beneficiary_id")), row.text("name")
    # the month read, as the columns show it (01.11.2021 read day first is 2021-11, as its date
    # cell is: review 48), or the cell as written when it does not read
    month = str(row.values["month"]) if "month" in row.values else row.text("month")
    provider = row.text("provider")
    claimed: Decimal | None = row.values.get("claimed")
    if claimed is not None and claimed.is_signed():  # -0,00 too: no claim has a minus sign (review 26)
        negative = InvalidInput("claimed", as_written(row.raw.get("claimed"), claimed), expected("not_negative"))
        return AuditLine(
            where, ident, name, month, None, None, None, None, "invalid", str(negative), None, None, negative,
            provider=provider,
        )  # fmt: skip
    error: VoucherError | None = RowError(row.error or "") if ROW_ERROR in row.raw else first_error(row, _READ_FIRST)
    if error is not None:
        return AuditLine(
            where, ident, name, month, claimed, None, None, None, "invalid", str(error), None, None, error,
            provider=provider,
        )  # fmt: skip
    v = row.values
    assert claimed is not None
    try:
        submitted = v["submitted_on"] if v["submitted_on"] is not None else submitted_on
        if submitted is None:
            cell = row.raw.get("submitted_on")  # (the cell as written, as an empty month is said: review 216 F2)
            raise InvalidInput("submitted_on", cell, expected("submitted_on", advice=argument("submitted_on")))
        s = settle_typed(
            v, submitted_on=submitted, calendar=calendar, rules=rules, count_discharge_day=count_discharge_day
        )
    except VoucherError as exc:  # kept with the line: without the frames, which hold the whole table
        exc = cells.quoted_as_written(exc, row.raw, v)  # (its dates as the cells wrote them: review 85)
        return AuditLine(
            where, ident, name, month, claimed, None, None, None, "invalid", str(exc), None, None,
            without_frames(exc), provider=provider,
        )  # fmt: skip
    return checked_line(where, ident, name, claimed, s.amount, tolerance, settlement=s, provider=provider)


def _claim_refused(line: AuditLine) -> bool:
    """Whether ``line`` was not checked because its claim did not read: its claim cell was
    refused, or its row was refused whole (a row of more or fewer cells than the header: no cell
    of it is read, its claim neither); not the header again, which holds no claim (D49)."""
    if line.reason.startswith(HEADER_AGAIN):
        return False
    if isinstance(line.error, RowError):
        return True
    field = getattr(line.error, "field", None)
    return isinstance(field, str) and field.startswith("claimed")


def tolerance_value(tolerance: Any, decimal_separator: DecimalSeparator | None = None) -> Decimal:
    """An audit's tolerance: an amount of GEL, 0 or more (a negative one would let no line match)."""
    # a minus sign, its unit before it or not, refused before readings are advised (review 80, 82:
    # '-1.000' and 'GEL -1.000' were advised '-1000' or '-1.00', each then refused)
    if isinstance(tolerance, str) and written_negative(tolerance):
        raise InvalidInput("tolerance", tolerance, expected("tolerance"))
    tol = gel(tolerance, field="tolerance", decimal_separator=decimal_separator, separator_advice=False)
    if tol.is_signed():  # -0 too: no amount is written with a minus sign (review 29)
        raise InvalidInput("tolerance", tolerance, expected("tolerance"))
    return tol


def claim_verdict(claimed: Decimal, computed: Decimal, tolerance: Decimal) -> tuple[Verdict, str]:
    """matches / over-claimed / under-claimed, by the difference claimed - computed, and why."""
    difference = subtract(claimed, computed)
    if difference.copy_abs() <= tolerance:
        return "matches", ""
    verdict: Verdict = "over-claimed" if difference > 0 else "under-claimed"
    return verdict, say("en", f"reason.{verdict}", amount=money_text(difference.copy_abs(), grouping=True))


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
    day_first: bool = False,
    count_discharge_day: bool = True,
) -> AuditReport:
    """Recompute every line of a provider's Annex 2.12 invoice and give each a verdict.

    The rules are R1 and R2: Annex 2.12, Art. 4, para 5 of the 2021 State Program (Decree No. 825),
    as worded by Decree No. 467 of 15 Sep 2021, Art. 1, para 2(k.b.b).

    ``invoice``: a path (CSV or XLSX), a pandas DataFrame, or a list of :class:`InvoiceLine`.
    ``submitted_on``: the day the document was submitted, for lines without a ``submitted_on``
    cell. ``tolerance``: the largest difference, in GEL, that still ``matches`` (read as
    :func:`~voucherlib.gel` reads an amount without ``decimal_separator``).
    ``decimal_separator``: the character before the tetri in the file's amounts (``","`` or
    ``"."``), needed only when an amount such as ``1,234`` could be read two ways; it is about
    the file alone (review 49: ``tolerance="1.000"`` was read as 1,000 GEL under ``","``).
    ``delimiter``: a CSV file's delimiter (told from the header when None). ``sheet``: the XLSX
    sheet to read (needed when more than one has data). ``day_first``: the file's dates are
    written day first (``06/12/21``, ``06.12.2021``), as a Georgian-locale spreadsheet saves them
    to CSV (D35); ISO dates and date cells are read either way. ``count_discharge_day``: False
    for an agency that does not count the discharge day as a service day (D1), as for
    :func:`~voucherlib.voucher_month`; the stays that overlap are then those that share a day of
    service.
    """
    day_first = as_flag(day_first, "day_first")
    count_discharge_day = as_flag(count_discharge_day, "count_discharge_day")  # (review 158 F6: numpy's too)
    tol = tolerance_value(tolerance)  # the caller's, not the file's: read without its separator (D38)
    submitted_on = optional_date(submitted_on, "submitted_on")  # refused once, not as every line's error
    calendar = resolve_calendar(calendar)  # (the same; the report names it: AuditReport.calendar)
    columns = invoice_columns(check_decimal_separator(decimal_separator), day_first)
    fast = _audit_plain_csv(invoice, tol, submitted_on, calendar, rules, columns, delimiter, sheet, count_discharge_day)
    if fast is not None:
        return fast
    rows = read_invoice(
        invoice, decimal_separator=decimal_separator, delimiter=delimiter, sheet=sheet, day_first=day_first
    )
    audit_line = partial(
        _audit_line, submitted_on=submitted_on, calendar=calendar, rules=rules, tolerance=tol,
        count_discharge_day=count_discharge_day,
    )  # fmt: skip
    lines = [audit_line(row) for row in rows]
    return build_report(lines, tol, program_citation(resolve_rules(rules)), calendar=calendar)


def _audit_plain_csv(
    invoice: Any,
    tolerance: Decimal,
    submitted_on: Any,
    calendar: WorkingCalendar | None,
    rules: RuleSet | None,
    columns: Columns,
    delimiter: str | None,
    sheet: str | None,
    count_discharge_day: bool = True,
) -> AuditReport | None:
    """The audit of a plain CSV file or XLSX sheet by the batch engine
    (:mod:`voucherlib.reports.audit_columns`), or None when the invoice is anything else (or numpy
    or pyarrow is missing): then line by line."""
    from voucherlib.input.table import XLSX_SUFFIXES

    if not isinstance(invoice, (str, Path)):
        return None
    invoice = Path(held_text(invoice)) if isinstance(invoice, str) else invoice  # (the path it holds: D43)
    if invoice.suffix.lower() not in CSV_SUFFIXES + XLSX_SUFFIXES:
        return None
    check_delimiter(delimiter)
    if sheet is not None and (not isinstance(sheet, str) or invoice.suffix.lower() not in XLSX_SUFFIXES):
        return None  # refused by the line-by-line reader, with its words (a sheet of a CSV file too)
    from voucherlib.input.plain_csv import plain_columns
    from voucherlib.input.xlsx_file import xlsx_columns

    if Path(invoice).suffix.lower() in XLSX_SUFFIXES:
        if not Path(invoice).is_file():
            return None
        plain = xlsx_columns(
            Path(invoice), REQUIRED, aliases=_ALIASES, refuse_unknown=True, sheet=sheet, limits=_table_limits()
        )
    else:
        plain = plain_columns(
            invoice, REQUIRED, aliases=_ALIASES, refuse_unknown=True, delimiter=delimiter, limits=_table_limits()
        )
    if plain is None:
        return None
    if "beneficiary_id" in plain.columns:  # (D47, as line by line)
        plain.columns["beneficiary_id"] = column_with_zeros(plain.columns["beneficiary_id"], plain.columns.get("name"))
    try:
        from voucherlib.reports.audit_columns import audit_plain
    except ImportError:  # pragma: no cover - without numpy or pyarrow
        return None
    citation = program_citation(resolve_rules(rules))
    try:
        table = audit_plain(
            plain, columns, submitted_on=submitted_on, calendar=calendar, rules=rules, tolerance=tolerance,
            citation=citation, count_discharge_day=count_discharge_day,
        )  # fmt: skip
    except FileRefused:
        return None  # refused again line by line, which names the row

    return AuditReport(None, tolerance, None, table=table, calendar=calendar)


def program_citation(rules: RuleSet) -> Fallback:
    """The provision of Annex 2.12 that a line rests on (Art. 4, para 5), for a line that could
    not be computed: the citation of the daily rate in force as its month ends (the first program
    year's for a month no year covers)."""
    return provision_by_month(rules, RATE_WITHOUT_DISABILITY)
