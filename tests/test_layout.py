"""The package's layout as docs/layout.md states it: each folder imports only what its row of the
table allows, whether the import is at the top of a module or inside a function (review 37: the
page said "one way only" while four folders imported against it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "voucherlib"

# Each part of the package, and what it may import (docs/layout.md, "may import"). A part is a
# folder ("core") or a module of the package's top ("batch"); "input.files" is one module of a folder.
MAY_IMPORT: dict[str, set[str]] = {
    "core": {"core", "input.files", "input.columns"},
    "input": {"core", "input"},
    "rules": {"core", "rules"},
    "batch": {"core", "input", "rules"},
    "reports": {"core", "input", "rules", "batch", "reports", "output"},
    "output": {"core", "output"},
    "output.documents": {"core", "output", "reports", "rules"},
}


def _part(module: Path) -> str:
    relative = module.relative_to(PACKAGE).with_suffix("")
    parts = relative.parts
    if parts[0] == "output" and parts[-1] == "documents":
        return "output.documents"
    return parts[0]


def _imported(module: Path) -> set[str]:
    """Each voucherlib module that ``module`` imports, as ``folder.module`` (or ``folder``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            if name.startswith("voucherlib."):
                found.add(name.removeprefix("voucherlib."))
    return found


def _allowed(target: str, allowed: set[str]) -> bool:
    return any(target == a or target.startswith(a + ".") for a in allowed)


MODULES = sorted(m for m in PACKAGE.rglob("*.py") if _part(m) in MAY_IMPORT)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: str(m.relative_to(PACKAGE)))
def test_each_module_imports_only_what_its_folder_may(module: Path) -> None:
    allowed = MAY_IMPORT[_part(module)]
    wrong = sorted(t for t in _imported(module) if not _allowed(t, allowed))
    assert not wrong, f"{module.relative_to(PACKAGE)} imports {wrong}; docs/layout.md allows {sorted(allowed)}"


def test_the_table_covers_every_folder() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders - {"data", "examples"} <= set(MAY_IMPORT)
    assert len(MODULES) > 40  # (the walk found the package's modules)
