"""A caller's TOML file (a rule set, a case file, a program report), read whole.

``tomllib`` refuses most text it cannot read with ``TOMLDecodeError``, but a whole number of more
than 4,300 digits (Python's limit on reading digits) with a ``ValueError`` and values nested some
thousand deep with a ``RecursionError`` (review 202 F2: each escaped the loaders, and the command
line called it a defect of voucherlib, exit 70). :func:`toml_data` refuses all three alike.
"""

from __future__ import annotations

import sys
import tomllib
from typing import Any

__all__ = ["TomlRefused", "toml_data"]


class TomlRefused(ValueError):
    """The text is no TOML that can be read; its message says why (``tomllib``'s words, with a line
    and a column, or what was too long or too deep)."""


def toml_data(text: str) -> dict[str, Any]:
    """The data of the TOML ``text``, or :class:`TomlRefused` saying why there is none."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlRefused(str(exc)) from None
    except RecursionError:
        raise TomlRefused("arrays or tables nested too deeply to read") from None
    except ValueError:  # (Python's own limit on the digits of a whole number it reads)
        most = sys.get_int_max_str_digits()  # (4,300 unless the process set another: review 205 F6)
        raise TomlRefused(f"a whole number of more than {most:,} digits, too long to read") from None
