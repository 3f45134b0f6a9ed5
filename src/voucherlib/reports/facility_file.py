"""Reading a file of daily occupancy and computing each facility's month (Annex 2.8).

Columns: ``facility_id, city, service, limit, date, children_served``: one row per facility
and day (a CSV or XLSX file, or a DataFrame; cells read by :mod:`voucherlib.input`). Rows are grouped by facility and month; every row comes back in the report, either
inside its facility-month or marked with the reason it could not be used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from voucherlib.core.errors import InvalidInput, Reason, VoucherError, argument, expected, label_printed
from voucherlib.core.final import made_once
from voucherlib.core.money import money_text
from voucherlib.core.money import total as money_total
from voucherlib.core.month import Month, as_flag
from voucherlib.core.phrases import row_spans, say
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.input import cells
from voucherlib.input.headers import FACILITY_COLUMN_NAMES, aliases
from voucherlib.input.table import Columns, Row, typed_table
from voucherlib.reports.alike_ids import alike_months, months_said
from voucherlib.rules.facility_month import (
    PER_SERVICE,
    DailyRates,
    FacilityMonth,
    facility_month,
    rate_left_out,
    rate_of,
    rates_by_service,
    unpriceable,
)
from voucherlib.rules.occupancy import service_of
from voucherlib.rules.paid_beneficiary_caps import capped_cities, place_of

__all__ = [
    "FACILITY_COLUMNS",
    "FacilityReport",
    "FacilityResult",
    "facility_file",
    "facility_rows",
    "occupancy_columns",
]

FACILITY_COLUMNS = ("facility_id", "city", "service", "limit", "date", "children_served")


def occupancy_columns(day_first: bool = False) -> Columns:
    """The columns of a daily-occupancy table and how each cell is read
    (:mod:`voucherlib.input.cells`; ``day_first``: the file's dates are written day first, D35), for one read, as :func:`~voucherlib.reports.settlement_file.voucher_columns`."""
    return Columns(
        FACILITY_COLUMNS,
        {
            "facility_id": cells.identifier,
            "city": cells.text,
            "service": cells.text,
            # (this read's kinds of date: date cells beside day-first text refuse the file, D35)
            "date": cells.date_reader(as_flag(day_first, "day_first"), cells.DateKinds()),
            "limit": cells.count,
            "children_served": cells.count,
        },
        # (English or Georgian: review 189 F2; a provider column, as the claims' and an invoice's,
        # taken and not read: review 196 F4)
        aliases=aliases([*FACILITY_COLUMNS, "provider"], FACILITY_COLUMN_NAMES),
        refuse_unknown=True,  # (a column it does not read is refused, naming it: review 189 F1, a "closed" column)
    )


@dataclass(frozen=True, slots=True)
class FacilityResult:
    """One facility-month and the file rows it was built from, or the reason it failed."""

    facility_id: str
    """The facility's id as the file writes it."""
    month: str
    """The month as the file writes it."""
    rows: tuple[int | str, ...]
    """The file's rows of the facility-month (its days)."""
    result: FacilityMonth | None
    """The facility-month (R3, R4), or None when it could not be computed."""
    error: Reason | None
    """Why it could not be computed (the field, the value and the rows), or None; beside a result,
    why its children's amount could not be (its rule set's rate changes within the month)."""

    @property
    def payable(self) -> Decimal | None:
        """What the facility-month pays (:attr:`FacilityMonth.payable`), None when it failed; a
        month computed without a daily rate (:attr:`FacilityReport.unpriced`) has no amount for
        its children, and this raises the :class:`~voucherlib.InvalidInput` that says so, as
        :attr:`FacilityMonth.payable` does (never a sum without them)."""
        return None if self.result is None else self.result.payable

    @property
    def annex(self) -> str:
        """The annex of the Program whose budget the payment is spent from: ``"2.8"``."""
        return "2.8"


@made_once
@dataclass(frozen=True, slots=True)
class FacilityReport:
    """Every facility-month of a daily-occupancy file (what :func:`facility_file` returns)."""

    results: tuple[FacilityResult, ...]
    """Each facility-month, in the order of its first row."""
    one_rate: Decimal | None = None
    """The caller's one daily rate when it priced months of both services (shelters and day
    centres) alike, which the report notes (review 171 F6); else None."""

    @property
    def month_count(self) -> int:
        """How many facility-months the file holds, computed or not: its results but the rows whose
        month could not be read (review 234 F5: 3 shelters' months and a row of a bad date each
        were "facility-months 6")."""
        return sum(1 for r in self.results if r.month)

    def __repr__(self) -> str:
        # (counts and the total, not every facility-month: review 172 F6; with what voucherlib
        # facility exits 1 for, review 173 F-R1)
        months = [r.result for r in self.results if r.result is not None]
        total = money_total(fm.total for fm in months) if not self.unpriced else None  # (exact: D25)
        return (
            f"FacilityReport({self.month_count:,} facility-months of {self.row_count:,} rows: "
            f"{len(self.invalid):,} invalid, {len(self.unpriced):,} without a daily rate, {self.alike_count:,} under "
            f"ids that look alike, {len(self.over_limit):,} paying for more children than the limit; "
            + (f"total {total:,} GEL)" if total is not None else "total not computed)")
        )

    @property
    def row_count(self) -> int:
        """How many rows of the file the facility-months were built from."""
        return sum(len(r.rows) for r in self.results)

    @property
    def invalid(self) -> tuple[FacilityResult, ...]:
        """What could not be computed, each with its reason (a finding: exit 1): the facility-months,
        and the rows that belong to none (a date that does not read; review 235 F2: counted as
        facility-months, which :attr:`month_count` does not count)."""
        return tuple(r for r in self.results if r.result is None)

    @property
    def over_limit(self) -> tuple[FacilityResult, ...]:
        """The facility-months with a day on which more children are paid for than the limit has
        places (D48: each child is paid, within the city's cap; named, a finding: exit 1)."""
        return tuple(r for r in self.results if r.result is not None and r.result.days_over_limit)

    @property
    def unpriced(self) -> tuple[FacilityResult, ...]:
        """The facility-months computed without a per-beneficiary daily rate (none given, none in
        the rule set: D13): their children paid and compensation are known, their amount for the
        children and total are not."""
        return tuple(r for r in self.results if r.result is not None and r.result.daily_rate is None)

    @property
    def alike(self) -> dict[tuple[str, str], list[int | str]]:
        """(facility ids that look alike, as a finding shows them; month) -> the rows of those
        facility-months, for each month computed under two or more alike ids (D39: ``F-1``,
        ``f-1``, ``F‐1`` with Unicode's hyphen; review 64: one facility's month written under
        three such ids was paid three times without a word), the first
        :data:`~voucherlib.reports.alike_ids.MOST_ALIKE_NAMED` of them (all are counted:
        :attr:`alike_count`). No amount changes: the ids may name two facilities."""
        return self._alike_months()[0]

    @property
    def alike_count(self) -> int:
        """How many months are computed under facility ids that look alike (named or not in :attr:`alike`)."""
        return self._alike_months()[1]

    def _alike_months(self) -> tuple[dict[tuple[str, str], list[int | str]], int]:
        rows = {(r.facility_id, r.month): list(r.rows) for r in self.results if r.result is not None}
        return alike_months({key: found[0] for key, found in rows.items()}, rows)

    def alike_text(self, lang: str = "en", most: int = 10) -> str:
        """The months computed under alike facility ids in a sentence (empty when there is none):
        how many, and the first ``most`` with their rows."""
        found, count = self._alike_months()
        return months_said(lang, "facility.alike", found, count, rows_text=row_spans, most=most)

    def to_text(self, *, explain: bool = False, lang: str = "en") -> str:
        """The facility-months as an aligned table, the totals and each invalid month's reason
        (with ``explain``, each facility-month's trace): ``voucherlib facility``'s text."""
        from voucherlib.output.documents import facility_document  # output sits above reports
        from voucherlib.output.render import render

        return render(facility_document(self, lang, explain=explain), "text", lang)


def read_facility_rows(
    source: Any, *, delimiter: str | None = None, sheet: str | None = None, day_first: bool = False, what: str = "file"
) -> Iterator[Row]:
    """The rows of a daily-occupancy table (CSV or XLSX path, or DataFrame), typed (see
    :mod:`voucherlib.input`; ``day_first``: its dates are written day first, D35; ``what``: the
    table as a refusal names it, ``occupancy.index``)."""
    return typed_table(source, occupancy_columns(day_first), delimiter=delimiter, sheet=sheet, what=what)


def facility_rows(
    rows: Iterable[Row],
    *,
    daily_rate: DailyRates = None,
    rules: RuleSet | None = None,
    compensation_within_cap: bool = False,
) -> FacilityReport:
    """Group the rows by facility and month and compute each facility-month
    (``compensation_within_cap``: see :func:`~voucherlib.facility_month`, D20; ``daily_rate``:
    one rate, or a rate for each service, ``{"shelter": "25", "day_centre": "15"}``: a service
    left out is priced as without a rate, :func:`~voucherlib.rules.facility_month.rates_by_service`)."""
    rates = rates_by_service(daily_rate)
    groups: dict[tuple[str, str], list[Row]] = {}
    results: list[FacilityResult] = []
    for row in rows:
        ident = row.text("facility_id").strip()  # (nothing for a header again: D49)
        # A row is grouped by its facility and the month of its date; any other bad cell makes
        # its facility-month invalid (with the row named), so no row is ever left out.
        day = row.values.get("date")
        if day is None:
            why = row.error or Reason.phrase("reason.no_date", field="date")
            results.append(
                FacilityResult(
                    ident,
                    "",
                    (row.where,),
                    None,
                    Reason.phrase("reason.at_row", row=label_printed(row.where), reason=why),
                )
            )
            continue
        groups.setdefault((ident, str(Month.of(day))), []).append(row)
    for (ident, month), members in groups.items():
        lines = tuple(r.where for r in members)
        unread = next((r for r in members if r.error is not None), None)
        if unread is not None:  # the month is not computed: the first row that cannot be read, and why
            why = Reason.phrase("reason.at_row", row=unread.where, reason=unread.error)
            results.append(FacilityResult(ident, month, lines, None, why))
            continue
        try:
            first = members[0]
            same = partial(_same, capped=capped_cities(resolve_rules(rules), Month.of(month).first_day))
            for r in members[1:]:
                for column in ("city", "service", "limit"):
                    if same(column, r.values[column]) != same(column, first.values[column]):
                        said = (
                            expected("same_service_on_rows", facility=ident, row=r.where)  # (review 171 F4)
                            if column == "service"
                            else expected("same_limit_on_rows", facility=ident, row=r.where)  # (review 263 F1)
                            if column == "limit"
                            else expected("same_on_rows", column=column, facility=ident, row=r.where)
                        )
                        raise InvalidInput(column, r.text(column), said)
            occupancy: dict[dt.date | str, int] = {}
            for r in members:
                day = r.values["date"]
                if day in occupancy:
                    raise InvalidInput("date", day.isoformat(), expected("one_row_a_day", facility=ident, row=r.where))
                occupancy[day] = r.values["children_served"]
            fm = facility_month(
                month,
                city=first.values["city"],
                service=first.values["service"],
                limit=first.values["limit"],
                occupancy=occupancy,
                daily_rate=rate_of(rates, first.values["service"]),
                rules=rules,
                compensation_within_cap=compensation_within_cap,
            )
            problem = unpriceable(fm)  # (two rates in the month: said, the children's amount not computed)
            if problem is not None:
                # its compensation (R3) is no rate's: computed and summed, the month shown without
                # its children's amount as a month without a rate is (D13), its reason beside it
                # (review 220 F2: the whole month was invalid, its compensation left out)
                results.append(FacilityResult(ident, month, lines, fm, Reason.of(problem)))
                continue
        except VoucherError as exc:
            results.append(FacilityResult(ident, month, lines, None, Reason.of(_rate_refusal(exc, rates, members[0]))))
            continue
        results.append(FacilityResult(ident, month, lines, fm, None))
    return FacilityReport(tuple(results), one_rate_for_both(rates, (r.result for r in results if r.result)))


def _rate_refusal(exc: VoucherError, rates: DailyRates, first: Row) -> VoucherError:
    """``exc``, or when it is D20's other reading refusing a month for want of a rate where the
    caller gave a rate for each service but this month's (Annex 2.8, Art. 6, para 4(g); D13), the
    refusal that says the rates given and asks for this service's: not "got nothing; give
    --daily-rate GEL" (review 176 F6, as the facility audit says it: 176 F2)."""
    if (
        isinstance(rates, dict)
        and isinstance(exc, InvalidInput)
        and exc.expectation is not None
        and exc.expectation.key == "expected.daily_rate_within_cap"
    ):
        return rate_left_out(rates, service_of(first.values["service"]))
    return exc


def one_rate_said(rate: Decimal, lang: str) -> str:
    """That one daily rate prices a file's shelters and day centres alike, and how to give one for
    each (Annex 2.8, Art. 6, para 4(g); D13; review 171 F6), for a facility report's and a facility
    audit's summary alike."""
    return say(
        lang,
        "facility.one_rate",
        rate=money_text(rate, grouping=True, lang=lang),
        advice=argument("daily_rate_per_service", PER_SERVICE),
    )


def one_rate_for_both(rates: DailyRates, months: Iterable[FacilityMonth]) -> Decimal | None:
    """The caller's one per-beneficiary daily rate of Annex 2.8 (Art. 6, para 4(g); D13: ``rates``,
    not a rate for each service) when it priced months of both services, shelters and day centres
    alike (review 171 F6: the report says so); else None."""
    if rates is None or isinstance(rates, dict):
        return None
    priced = {(fm.service, fm.daily_rate) for fm in months if fm.daily_rate is not None}
    return next(iter(priced))[1] if len(priced) > 1 and len({rate for _, rate in priced}) == 1 else None


def _same(column: str, value: Any, capped: frozenset[str]) -> Any:
    """A facility's cell as the rows of one facility-month must agree on it: a city or a service
    as the place or key it reads as (``Tbilisi``, ``tbilisi`` and ``ქ. თბილისი`` are one city,
    ``Gori`` and ``გორი`` one place, review 50; review 49:
    a month of rows typed two ways was refused), else as written without its spaces (a cell that
    does not read is refused by the month itself)."""
    try:
        if column == "city":
            return place_of(value, capped)
        if column == "service":
            return service_of(value)
    except VoucherError:
        pass
    return value.strip() if isinstance(value, str) else value


def facility_file(
    path: Any,
    *,
    daily_rate: DailyRates = None,
    rules: RuleSet | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    compensation_within_cap: bool = False,
    day_first: bool = False,
) -> FacilityReport:
    """Read a daily-occupancy table (CSV or XLSX path, or DataFrame) and compute every facility-month in it.

    ``delimiter``, ``sheet`` and ``day_first`` as for
    :func:`~voucherlib.reports.settlement_file.settle_file`; ``compensation_within_cap``: see
    :func:`~voucherlib.facility_month` (D20); ``daily_rate``: one rate, or a rate for each
    service (as :func:`facility_rows`).
    """
    return facility_rows(
        read_facility_rows(path, delimiter=delimiter, sheet=sheet, day_first=day_first),
        daily_rate=daily_rate,
        rules=rules,
        compensation_within_cap=compensation_within_cap,
    )
