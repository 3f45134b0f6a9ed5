"""The cyclic garbage collector paused while a large run of objects is made."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["no_cycle_collection"]


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: a run of rows (or of audit lines) makes millions of
    small objects and no cycles, and the collector would walk them again and again (a quarter of
    the time). Reference counting still frees every object as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
