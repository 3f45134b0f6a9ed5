"""The console script ``voucherlib``: the command line, loaded here so that Ctrl-C while its
modules are imported (the first tenth of a second) is said as it is said while it runs, exit 130
and one line, never Python's traceback (review 80)."""

from __future__ import annotations

import sys

INTERRUPTED = 130
"""The exit status of a command interrupted by Ctrl-C (128 + SIGINT, as a shell says it), here and
in :mod:`voucherlib.cli`."""


def main() -> int:
    """Load the command line and run it (``voucherlib.cli.main``)."""
    try:
        from voucherlib.cli import main as run
        from voucherlib.cli import quiet_workbook_warnings
    except KeyboardInterrupt:
        stderr = sys.stderr
        if stderr is not None:
            stderr.write("voucherlib: interrupted\n")
        return INTERRUPTED
    quiet_workbook_warnings()
    return run()
