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
