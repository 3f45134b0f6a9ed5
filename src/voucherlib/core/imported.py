"""The optional packages a caller has imported (pandas, numpy), taken whole.

A value of pandas or numpy can exist only once its package is imported, so the library looks at
their types only then, and never starts an import of them for it. It takes such a package by an import
statement, never from ``sys.modules`` alone: while another thread is importing the package, its
module there is half made (review 266 F3: a file read then failed with an AttributeError of
pandas' ``Period``), and an import statement waits until that import is done."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

__all__ = ["imported_whole"]


def imported_whole(name: str) -> ModuleType | None:
    """The package ``name`` when it is imported (whole: waiting while another thread imports it),
    else None. When another thread's import of it fails, the import is tried once more here, as an
    import statement would (review 274 F7), and None is given if that fails too."""
    if name not in sys.modules:
        return None
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - (another thread's import of it failed)
        return None
