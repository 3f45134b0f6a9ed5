"""The workbook reader's modules, for the tests that look inside it or lower its caps."""

from __future__ import annotations

from typing import Any

from voucherlib.input import xlsx_file, xlsx_formulas, xlsx_plain, xlsx_shown, xlsx_xml

MODULES = (xlsx_xml, xlsx_formulas, xlsx_shown, xlsx_plain, xlsx_file)


def set_in_reader(patch: Any, name: str, value: Any) -> None:
    """``name`` (a cap, a block size, a function) set to ``value`` by ``patch`` (a pytest
    ``MonkeyPatch``) in every module of the reader that holds it: each module looks up what it
    imported in its own globals, so a cap set in one alone would leave the others at theirs."""
    holding = [module for module in MODULES if hasattr(module, name)]
    assert holding, f"no module of the workbook reader holds {name}"
    for module in holding:
        patch.setattr(module, name, value)
