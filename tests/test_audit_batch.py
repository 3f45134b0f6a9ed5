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
import pickle
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import voucherlib as vl
from voucherlib.reports import audit as audit_module

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
    # Before the lines are made: counts and totals from the columns, the same Decimals (and digits).
    if report._lines is None:
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
