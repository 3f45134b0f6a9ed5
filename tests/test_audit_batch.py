"""The audit of a plain CSV file by the batch engine gives what the line-by-line audit gives.

Issue 15: ``audit_invoice`` of a plain CSV file reads its columns with Arrow and settles the
lines with the batch engine (:mod:`voucherlib.reports.audit_columns`); every other line goes one
at a time. The property: on generated invoices (bad cells, negative and 3-decimal claims, status
periods, reversed stays, late and not-funded lines, repeated ids), the report is the one the
line-by-line audit gives: counts and totals (also before the lines are made), every line with
its verdict, reason and settlement, the findings and the explanations.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import pickle
import weakref
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.input.table import typed_rows
from voucherlib.reports import audit as audit_module
from voucherlib.reports.audit import FACILITY_PARTS
from voucherlib.reports.audit_columns import _WHITESPACE, OWN_CODES
from voucherlib.reports.findings import own_codes

pytest.importorskip("pyarrow")

HEADER = "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on,provider"

dates = st.dates(dt.date(2021, 8, 1), dt.date(2022, 2, 28)).map(dt.date.isoformat)
date_cells = st.one_of(st.just(""), dates, st.sampled_from(["2021-13-45", "2021-11-5", "x", " "]))
PLAIN_IDS = ["B-1", "B-2", "B-3", "7", "B 6"]
"""Ids of a file the batch path reads; an id that may be blank ("  B-4") sends the file line by line."""


def line(ids: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.tuples(
        st.sampled_from(ids),
        st.sampled_from(["Nino", "", "Giorgi Kapanadze"]),
        st.sampled_from(["2021-10", "2021-11", "2021-12", "2021-09", "2021-1", "", "2021-11-01"]),
        date_cells,
        date_cells,
        st.one_of(
            st.sampled_from(["yes", "no", "maybe", "", "1", "კი"]),
            dates.map(lambda d: f"{d}.."),
            st.tuples(dates, dates).map(lambda p: f"{p[0]}..{p[1]}"),
        ),
        st.one_of(
            st.integers(-2_000, 100_000).map(lambda t: f"{Decimal(t) / 100:.2f}"),
            st.sampled_from(["600", "620.00", "12.345", "600.500", "", "abc", "-5", "1 200,00"]),
        ),
        st.one_of(dates, st.sampled_from(["", "2021-13-45"])),
        st.sampled_from(["P-1", "P-2", ""]),
    )


def _write(folder: Path, lines: list[tuple[str, ...]]) -> Path:
    path = folder / "invoice.csv"
    path.write_text("\n".join([HEADER, *(",".join(ln) for ln in lines)]) + "\n", encoding="utf-8")
    return path


def _line_by_line(path: Path, **kwargs: object) -> vl.AuditReport:
    with pytest.MonkeyPatch.context() as m:
        m.setattr(audit_module, "_audit_plain_csv", lambda *a, **k: None)
        return vl.audit_invoice(path, **kwargs)


@given(
    lines=st.one_of(
        st.lists(line(PLAIN_IDS), min_size=1, max_size=40),
        st.lists(line([*PLAIN_IDS, "  B-4", "ბ-5", " "]), min_size=1, max_size=20),
    ),
    submitted_on=st.sampled_from([None, "2021-12-06", "2022-01-20"]),
    tolerance=st.sampled_from(["0", "0.01", "1", "20.00"]),
)
def test_batch_audit_equals_line_by_line(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[tuple[str, ...]],
    submitted_on: str | None,
    tolerance: str,
) -> None:
    path = _write(tmp_path_factory.mktemp("inv"), lines)
    expected = _line_by_line(path, submitted_on=submitted_on, tolerance=tolerance)
    report = vl.audit_invoice(path, submitted_on=submitted_on, tolerance=tolerance)
    event("batch path" if report._table is not None else "line by line")
    if any(ln.verdict == "already billed" for ln in expected.lines):
        event("a month already billed (D28)")
    # Before the lines are made: counts and totals from the columns, the same Decimals (and digits).
    if report._table is not None:
        assert report.counts() == expected.counts()
        assert {k: str(v) for k, v in report.totals().items()} == {k: str(v) for k, v in expected.totals().items()}
        assert report.summary_line("ka") == expected.summary_line("ka")
    assert report.lines == expected.lines
    assert [ln.reason for ln in report.lines] == [ln.reason for ln in expected.lines]
    assert report.findings == expected.findings
    assert report == expected
    # After the lines are made (from the columns): the same counts, totals and summary, and each
    # line the same object as the line-by-line audit's: its settlement and voucher-month field by
    # field, frozen, pickled alike, explained alike.
    assert report.counts() == expected.counts()
    assert {k: str(v) for k, v in report.totals().items()} == {k: str(v) for k, v in expected.totals().items()}
    assert report.summary_line() == expected.summary_line()
    for ours, theirs in zip(report.lines, expected.lines, strict=True):
        assert type(ours) is type(theirs)
        assert [str(getattr(ours, f)) for f in ("claimed", "computed", "payable", "difference", "deducted")] == [
            str(getattr(theirs, f)) for f in ("claimed", "computed", "payable", "difference", "deducted")
        ]
        if theirs.settlement is not None:
            assert ours.settlement is not None
            assert type(ours.settlement) is type(theirs.settlement)
            assert ours.settlement.to_dict() == theirs.settlement.to_dict()
            assert ours.settlement.explain("ka") == theirs.settlement.explain("ka")
            with pytest.raises(dataclasses.FrozenInstanceError):
                ours.settlement.payable = Decimal(0)  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(report)) == expected
    index = report.findings.by_row()
    assert [report.explanation(ln, "en", index) for ln in report.lines] == [
        expected.explanation(ln, "en", index) for ln in expected.lines
    ]
    for ln in report.lines[:5]:
        assert report.explain(ln.row) == expected.explain(ln.row)


def test_a_plain_file_takes_the_batch_path(tmp_path: Path) -> None:
    # Oct 2021, not enrolled or discharged in the month: 31 days x 20 GEL = 620.00, matches;
    # submitted 5 Nov (the deadline, a Friday): in time, so payable 620.00.
    path = _write(tmp_path, [("B-1", "Nino", "2021-10", "2021-01-01", "", "no", "620.00", "2021-11-05", "P-1")])
    report = vl.audit_invoice(path)
    assert report._table is not None  # the columns, not line by line
    assert report.counts() == {"matches": 1}
    assert report.totals()["payable"] == Decimal("620.00")


def test_a_report_kept_as_columns_is_freed_when_dropped(tmp_path: Path) -> None:
    # Issue 15, target 3: no reference cycle through the table (its lines and findings held by the
    # report, not by the table), so a report dropped frees its columns and every object made from
    # them at once, with the cyclic garbage collector paused; a sequence kept alone still makes them.
    # B-1 billed twice for Oct 2021: one double-billing finding; B-2's submission date does not
    # read, so its line goes one at a time and keeps its error (without the frames it was raised in).
    rows = [("B-1", "Nino", "2021-10", "2021-01-01", "", "no", "620.00", "2021-11-05", "P-1")] * 2
    rows.append(("B-2", "Eka", "2021-10", "2021-01-01", "", "no", "620.00", "2021-13-45", "P-1"))
    # review 10: B-3 discharged (5 Oct) before enrolled (10 Oct): its settlement is refused, and
    # the line keeps that error, also without its frames (which held the whole table)
    rows.append(("B-3", "Gia", "2021-10", "2021-10-10", "2021-10-05", "no", "0.00", "2021-11-05", "P-1"))
    path = _write(tmp_path, rows)
    expected = _line_by_line(path)
    enabled = gc.isenabled()
    gc.disable()
    try:
        report = vl.audit_invoice(path)
        assert report._table is not None
        assert report.lines == expected.lines and report.findings == expected.findings  # every object made
        table = weakref.ref(report._table)
        del report
        assert table() is None
        report = vl.audit_invoice(path)
        findings = report.findings  # not made yet
        table = weakref.ref(report._table)
        del report
        assert table() is not None  # held by the findings kept
        assert findings == expected.findings
        assert [f.code for f in findings] == [f.code for f in expected.findings]
        assert "double-billing" in {f.code for f in findings}
        assert sum(ln.verdict == "invalid" for ln in expected.lines) == 2
        del findings
        assert table() is None
    finally:
        if enabled:
            gc.enable()


def test_an_error_kept_with_a_facility_line_holds_no_frames(tmp_path: Path) -> None:
    # Review 10: a facility claim whose amount does not read keeps its error on its line, without
    # the frames it was raised in (they held every line of the audit, the line itself among them).
    from voucherlib.cli import example_path
    from voucherlib.reports.facility_audit import audit_facility_invoice

    claims = tmp_path / "claims.csv"
    claims.write_text(
        "facility_id,month,claimed_children,claimed_unfilled\nF-1,2021-09,abc,1200.00\n", encoding="utf-8"
    )
    report = audit_facility_invoice(example_path("facility_occupancy.csv"), claims, daily_rate="25")
    bad = [ln for ln in report.lines if ln.verdict == "invalid" and ln.part == FACILITY_PARTS[0]]
    assert bad and all(ln.error is not None and ln.error.__traceback__ is None for ln in bad)
    assert "abc" in bad[0].reason


def test_an_error_kept_with_a_row_holds_no_frames() -> None:
    # A row's errors are kept with it: without their tracebacks, whose frames would hold the rows
    # being read (and their callers) in a reference cycle; each still reads as raised.
    row = next(typed_rows([(2, {"claimed": "abc", "submitted_on": "2021-13-45"})], audit_module.invoice_columns()))
    assert set(row.errors) >= {"claimed", "submitted_on"}
    assert all(e.__traceback__ is None for e in row.errors.values())
    assert "2021-13-45" in str(row.errors["submitted_on"])


def test_a_quoted_file_is_read_line_by_line(tmp_path: Path) -> None:
    # A quote anywhere: the strict reader reads the file (the plain path never reads it differently).
    path = tmp_path / "invoice.csv"
    path.write_text(HEADER + '\nB-1,"Beridze, Nino",2021-10,2021-01-01,,no,620.00,2021-11-05,P-1\n', encoding="utf-8")
    report = vl.audit_invoice(path)
    assert report._table is None
    assert report.lines[0].name == "Beridze, Nino"
    assert report.lines[0].verdict == "matches"  # 31 days x 20 GEL = 620.00, in time


def test_a_bad_submission_date_is_refused_before_either_path(tmp_path: Path) -> None:
    # The caller's submitted_on is read once, before the file: the same refusal on both paths.
    path = _write(tmp_path, [("B-1", "Nino", "2021-10", "2021-01-01", "", "no", "620.00", "", "P-1")])
    with pytest.raises(vl.InvalidInput, match="submitted_on") as batch:
        vl.audit_invoice(path, submitted_on="bad")
    with pytest.raises(vl.InvalidInput, match="submitted_on") as one_by_one:
        _line_by_line(path, submitted_on="bad")
    assert str(batch.value) == str(one_by_one.value)


def test_a_calendar_of_the_wrong_type_is_refused_once_on_either_path(tmp_path: Path) -> None:
    # The caller's calendar is read once, before the file, as submitted_on is (review 209: every
    # line was "invalid" with the calendar's refusal as its reason, the invoice's lines blamed).
    path = _write(tmp_path, [("B-1", "Nino", "2021-10", "2021-01-01", "", "no", "620.00", "", "P-1")])
    with pytest.raises(vl.InvalidInput, match="calendar") as batch:
        vl.audit_invoice(path, calendar="labour-code")  # type: ignore[arg-type]
    with pytest.raises(vl.InvalidInput, match="calendar") as one_by_one:
        _line_by_line(path, calendar="labour-code")
    assert str(batch.value) == str(one_by_one.value)


def test_the_summary_of_a_report_kept_as_columns_makes_no_line(tmp_path: Path, monkeypatch) -> None:
    # Review 209: summary_line() named the calendar of the first settled line, and finding it walked
    # the lines, so every line object of the report was made (1.8 s at 100,000 lines, for a sentence
    # the columns give): the report holds its calendar (AuditReport.calendar). Line B-1: Oct 2021,
    # 31 days x 20 GEL = 620.00, claimed 620.00, submitted 5 Nov, the deadline (a Friday; the day
    # off added, 8 Nov, falls after it): in time, so it matches.
    path = _write(tmp_path, [("B-1", "Nino", "2021-10", "2021-01-01", "", "no", "620.00", "2021-11-05", "P-1")])
    calendar = vl.WorkingCalendar(extra_non_working_days=[dt.date(2021, 11, 8)])
    report = vl.audit_invoice(path, calendar=calendar)
    assert report._table is not None and report.calendar is calendar

    def made(*args: object) -> None:
        raise AssertionError("a line object was made for the summary")

    monkeypatch.setattr(type(report._table), "_line", made)
    monkeypatch.setattr(type(report._table), "_every_line", made)
    assert report.summary_line().endswith(calendar.summary_clause())
    assert report.summary_line("ka").endswith(calendar.summary_clause("ka"))
    assert report.summary() and report.counts() == {"matches": 1}
    monkeypatch.undo()
    assert report.lines[0].settlement is not None and report.lines[0].settlement.calendar == calendar
    assert pickle.loads(pickle.dumps(report)).calendar == calendar  # (kept when pickled)
    assert vl.audit_invoice(path).calendar == vl.WorkingCalendar.default()


SPACED_IDS = [*PLAIN_IDS, "B-1 ", "B-1\u00a0", "B-2\u3000"]
"""Ids the batch path reads whose spaces around them the audit takes away (``B-1 `` is ``B-1``):
double billing and overlapping stays must find them as the line-by-line audit does."""


near = st.dates(dt.date(2021, 9, 1), dt.date(2022, 1, 31)).map(dt.date.isoformat)


def usual_line() -> st.SearchStrategy[tuple[str, ...]]:
    """A line most of whose cells read (so that every finding comes up): stays that overlap or
    not, claims of the usual amounts, submissions in time, late and too late, and now and then a
    bad cell."""
    return st.tuples(
        st.sampled_from(SPACED_IDS),
        st.sampled_from(["Nino", "Giorgi Kapanadze"]),
        st.sampled_from(["2021-10", "2021-11", "2021-12", "2021-11-01", "2021-13"]),
        st.one_of(st.just(""), near, st.just("x")),
        st.one_of(st.just(""), st.just(""), near),
        st.sampled_from(["yes", "no", "no", "2021-10-10..", "maybe"]),
        st.sampled_from(["620.00", "600", "0.00", "775.00", "750.00", "900.00", "20.00", "12.345", "-5", "310.00"]),
        st.one_of(near, st.sampled_from(["", "2021-11-05", "2021-11-09", "2021-11-30", "2021-12-08", "2022-01-11"])),
        st.sampled_from(["P-1", "P-2", ""]),
    )


@given(
    lines=st.one_of(
        st.lists(usual_line(), min_size=1, max_size=40),
        st.lists(line(SPACED_IDS), min_size=1, max_size=20),
        # a few lines billed again and again (the month paid once, D28)
        st.lists(usual_line(), min_size=1, max_size=6).flatmap(
            lambda pool: st.lists(st.sampled_from(pool), min_size=2, max_size=30)
        ),
    ),
    submitted_on=st.sampled_from([None, "2021-12-06", "2022-01-20"]),
    tolerance=st.sampled_from(["0", "0.01", "20.00"]),
    count_discharge_day=st.booleans(),
    data=st.data(),
)
def test_the_columns_and_the_objects_made_on_access_are_the_line_by_line_audit(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[tuple[str, ...]],
    submitted_on: str | None,
    tolerance: str,
    count_discharge_day: bool,
    data: st.DataObject,
) -> None:
    # The one-at-a-time path (each line read, settled and judged alone, its findings made from
    # the lines) is the reference; the columnar report's numbers come from its columns before any
    # object is made, and each line or finding asked for alone (in any order, before and after
    # every one is made) is the reference's.
    path = _write(tmp_path_factory.mktemp("inv"), lines)
    options = {"submitted_on": submitted_on, "tolerance": tolerance, "count_discharge_day": count_discharge_day}
    expected = _line_by_line(path, **options)
    report = vl.audit_invoice(path, **options)
    table = report._table
    if table is None:  # pragma: no cover - every generated file is plain
        return
    for code in {f.code for f in expected.findings}:
        event(code)
    if any(ln.verdict == "already billed" for ln in expected.lines):
        event("a month already billed (D28)")
    # the columns: how many findings, each line's own codes, the verdicts and the totals
    assert len(report.findings) == len(expected.findings) and len(report.lines) == len(expected.lines)
    assert bool(report.findings) == bool(expected.findings) and report.all_match == expected.all_match
    tol = Decimal(tolerance)
    own = [
        tuple(OWN_CODES[c] for c in (int(a), int(b)) if c)
        for a, b in zip(table.first_code, table.second_code, strict=True)
    ]
    assert own == [own_codes(ln, tol) for ln in expected.lines]
    assert report.summary("ka") == expected.summary("ka")
    money = (
        "total_claimed",
        "total_computed",
        "total_difference",
        "total_deducted",
        "total_payable",
        "unchecked_claimed",
    )
    assert [str(getattr(report, m)) for m in money] == [str(getattr(expected, m)) for m in money]
    # one object at a time, in an order the test draws, before the sequences are walked
    for _ in range(5):
        i = data.draw(st.integers(-len(expected.lines), len(expected.lines) - 1), label="line")
        assert report.lines[i] == expected.lines[i]
        row = expected.lines[i].row
        assert report.explain(row, "ka") == expected.explain(row, "ka")
        if expected.findings:
            j = data.draw(st.integers(-len(expected.findings), len(expected.findings) - 1), label="finding")
            assert report.findings[j] == expected.findings[j]
    assert report.findings[1:4] == expected.findings[1:4] and report.lines[-3:] == expected.lines[-3:]
    some_id = expected.lines[0].beneficiary_id
    if some_id:
        # (by the id: an id "7" may be row 7's label too, refused as naming two lines: review 275 F1)
        assert report.explain(some_id, by="id") == expected.explain(some_id, by="id")
    # then every one, in order
    assert tuple(report.lines) == tuple(expected.lines)
    assert tuple(report.findings) == tuple(expected.findings)
    assert report.findings.to_dataframe().equals(expected.findings.to_dataframe())
    assert report.to_csv() == expected.to_csv() and report.to_text("ka") == expected.to_text("ka")


def test_the_whitespace_the_columns_strip_is_pythons() -> None:
    # The ids of double billing are compared as str.strip() leaves them; the columns strip with Arrow.
    assert set(_WHITESPACE) == {c for c in map(chr, range(0x110000)) if c.isspace()}


def test_a_stay_discharged_on_the_first_day_there_is_with_that_day_not_counted_has_no_day(tmp_path: Path) -> None:
    # Review 41: a discharge on 0001-01-01 (a common "no date" placeholder) not counted (D1) is a
    # stay of no day of service; it was a stay of that one day, which overlapped any stay enrolled
    # before the month (read as from 0001-01-01): the line-by-line audit found "overlapping stays
    # from 0001-01-01 to 0001-01-01" and the columns did not, so reading the findings failed.
    # Row 2: October 2021 with status, 31 x 30 = 930.00; row 3: no day of service, 0.00.
    path = _write(
        tmp_path,
        [
            ("A", "n", "2021-10", "", "", "yes", "930.00", "2021-11-05", ""),
            ("A", "n", "2021-10", "", "0001-01-01", "yes", "0.00", "2021-11-05", ""),
        ],
    )
    for report in (vl.audit_invoice(path, count_discharge_day=False), _line_by_line(path, count_discharge_day=False)):
        # (row 3's month has no day of its stay: a finding whatever its claim, 0.00 too: review 275 F4)
        assert [(f.code, f.rows) for f in report.findings] == [("double-billing", (2, 3)), ("days-outside-stay", (3,))]
        assert [ln.computed for ln in report.lines] == [Decimal("930.00"), Decimal("0.00")]
