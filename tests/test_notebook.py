"""The auditor's notebook in docs/ runs, cell by cell, as part of the test suite."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "audit-walkthrough.ipynb"


def test_the_audit_walkthrough_notebook_runs(tmp_path: Path) -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    assert len(code) >= 6
    namespace: dict[str, object] = {"__name__": "__notebook__"}
    here = os.getcwd()
    os.chdir(tmp_path)  # the notebook writes its exports to the working directory
    try:
        for source in code:
            tree = ast.parse(source)
            last = tree.body[-1] if tree.body else None
            if isinstance(last, ast.Expr):  # like Jupyter, show the last expression (here: render it)
                exec(compile(ast.Module(tree.body[:-1], []), str(NOTEBOOK), "exec"), namespace)
                shown = eval(compile(ast.Expression(last.value), str(NOTEBOOK), "eval"), namespace)
                html = getattr(shown, "_repr_html_", None)
                shown_html = html() if html is not None else None  # a matplotlib Figure has none
                assert shown_html is None or "<table" in shown_html
            else:
                exec(compile(tree, str(NOTEBOOK), "exec"), namespace)
    finally:
        os.chdir(here)
    out = namespace["out"]
    assert isinstance(out, Path) and out != tmp_path and not list(tmp_path.iterdir())  # exports in a temp folder
    assert {p.name for p in out.iterdir()} == {"audit-2021-11.html", "audit-2021-11.xlsx", "audit-2021-11.csv"}


def test_a_reports_view_in_a_notebook_stays_small_whatever_its_size() -> None:
    # review 172 F6: a SettlementReport showed as its every row (35 MB for 10,000 rows), an
    # AuditReport's rich view held every line (7.1 MB for 10,800 lines)
    import voucherlib as vl
    from voucherlib.reports.audit import REPR_MOST_ROWS, InvoiceLine, audit_invoice

    settled = vl.settle_file(vl.example_path("vouchers.csv"))
    # (the bundled file's totals, worked out by hand in tests/test_cli.py: 4,670.00 and 3,610.00)
    assert repr(settled) == (
        "SettlementReport(8 rows: 8 settled (1 not funded), 0 invalid, 0 without a day of service; 0 beneficiary-months"
        " settled on more than one row, 0 under ids that look alike; amount 4,670.00 GEL, payable 3,610.00 GEL)"
    )
    # (and what the command exits 1 for, review 173 F-R1; the example's facility total, tests of
    # Annex 2.8: 10,500.00 + 1,200.00 + 22,500.00 + 750.00 = 34,950.00)
    facilities = vl.facility_file(vl.example_path("facility_occupancy.csv"), daily_rate="25")
    assert repr(facilities) == (
        "FacilityReport(2 facility-months of 60 rows: 0 invalid, 0 without a daily rate, 0 under ids that look"
        " alike, 0 paying for more children than the limit; total 34,950.00 GEL)"
    )
    # B-0001 ... : November 2021, 30 x 20 = 600.00 each, in time; one line more than the view shows
    many = [
        InvoiceLine(beneficiary_id=f"B-{k:04}", month="2021-11", claimed="600.00", submitted_on="2021-12-06")
        for k in range(REPR_MOST_ROWS + 1)
    ]
    page = audit_invoice(many)._repr_html_()
    assert "B-0001" not in page  # (the lines table left out)
    assert f"{REPR_MOST_ROWS + 1:,} lines, 0 findings: a table of more than {REPR_MOST_ROWS:,} rows is left out" in page
    assert "B-0001" in audit_invoice(many[:REPR_MOST_ROWS])._repr_html_()


def test_the_notebooks_chart_cell_leaves_jupyter_its_own_backend() -> None:
    # Review 206 F2: the notebook's chart cell chose the Agg backend, so a Jupyter kernel showed
    # "<Figure size ...>" and no chart; the cell leaves the backend to Jupyter, and shows the
    # figure once (pyplot's open figure, not also the cell's value)
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    (chart,) = ["".join(c["source"]) for c in cells if "report.plot()" in "".join(c["source"])]
    assert "matplotlib.use" not in chart and chart.splitlines()[-1].startswith("figure = report.plot()")
