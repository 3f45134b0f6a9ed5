"""Every command's output is the same whatever decimal context the calling thread has set (issue 11, item 1).

The command line is the widest path: reading, the rules, the reports' totals and every renderer.
A caller with a low precision, another rounding mode or traps on rounding must get the same
bytes as a caller with Python's default context, never another amount and never a raw
``decimal`` exception.
"""

from __future__ import annotations

import decimal
from pathlib import Path

import pytest

from tests.commands import EXAMPLE_COMMANDS
from voucherlib.cli import main

COMMANDS = EXAMPLE_COMMANDS

HOSTILE = {
    # prec 2, rounding down, nothing trapped: a bare `a - b` of 4,670.00 and 3,610.00 gives 1.0E+3.
    "prec2-down": dict(prec=2, rounding=decimal.ROUND_DOWN, traps=[]),
    "prec1-up": dict(prec=1, rounding=decimal.ROUND_UP, traps=[]),
    # Traps on rounding: any step done in the caller's context raises instead.
    "prec3-traps": dict(prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact, decimal.Rounded]),
    "tiny-emax": dict(prec=3, Emax=2, Emin=-2, traps=[]),
}


def _run(argv: list[str], out: Path) -> tuple[int, bytes]:
    code = main([*argv, "--explain", "-q", "-o", str(out)])
    return code, out.read_bytes()


@pytest.mark.parametrize("context", HOSTILE)
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("ext", ["txt", "csv", "json"])
def test_a_command_writes_the_same_bytes_under_any_caller_context(
    command: str, ext: str, context: str, tmp_path: Path
) -> None:
    expected = _run(COMMANDS[command], tmp_path / f"plain.{ext}")
    with decimal.localcontext(**HOSTILE[context]):  # type: ignore[arg-type]
        got = _run(COMMANDS[command], tmp_path / f"hostile.{ext}")
    assert got == expected
