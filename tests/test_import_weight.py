"""What importing voucherlib imports (issue 15, target 8): the heavy packages only when used.

Each check runs in a fresh interpreter and reads its ``sys.modules``: no timing here (the
times are measured in benchmarks/bench_explain_import.py).
"""

from __future__ import annotations

import json
import subprocess
import sys

import voucherlib

HEAVY = ("pandas", "numpy", "openpyxl", "xlsxwriter", "matplotlib", "jsonschema", "tqdm")
"""Packages of the optional extras (and jsonschema, a test tool): a billing system that imports
voucherlib for its rules must not load them."""


def _modules_after(code: str) -> set[str]:
    """The top-level names in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_import_voucherlib_imports_no_heavy_package() -> None:
    loaded = _modules_after("import voucherlib")
    assert [name for name in HEAVY if name in loaded] == []


def test_import_voucherlib_imports_none_of_its_rules_until_one_is_used() -> None:
    loaded = _modules_after("import voucherlib")
    assert sorted(m for m in loaded if m.startswith("voucherlib.")) == []
    assert "holidays" not in loaded and "pydantic" not in loaded


def test_every_public_name_in_use_still_imports_no_heavy_package() -> None:
    # Touching every name of voucherlib.__all__ imports every module of the public face (what
    # `import voucherlib` did before it was lazy), and a settlement explained in both languages
    # uses the calendar (the holidays package): still none of the heavy packages.
    code = (
        "import voucherlib\n"
        "[getattr(voucherlib, name) for name in voucherlib.__all__]\n"
        "s = voucherlib.settle(voucherlib.voucher_month('2021-10'), submitted_on='2021-11-09')\n"
        "s.explain(); s.explain('ka')"
    )
    loaded = _modules_after(code)
    assert [name for name in HEAVY if name in loaded] == []
    assert "holidays" in loaded  # the calendar was used, so its data was loaded


def test_help_imports_no_rule_and_no_data() -> None:
    code = (
        "import sys\n"
        "from voucherlib._console import main\n"  # (the console script's own entry)
        "try:\n    sys.argv = ['voucherlib', '--help']\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stdout.flush()"
    )
    loaded = _modules_after(code)
    ours = sorted(m for m in loaded if m.startswith("voucherlib."))
    assert ours == ["voucherlib._console", "voucherlib.cli"]
    assert [name for name in (*HEAVY, "holidays", "pydantic", "tomllib") if name in loaded] == []


def test_every_public_name_resolves_from_its_module() -> None:
    public = set(voucherlib.__all__) - {"__version__"}
    assert set(voucherlib._PUBLIC) == public
    for name in sorted(public):
        value = getattr(voucherlib, name)
        assert getattr(value, "__name__", name) == name, name
    assert public <= set(dir(voucherlib))


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        voucherlib.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("voucherlib.no_such_name did not raise AttributeError")


def test_the_calendar_years_come_from_the_holidays_package_on_first_use() -> None:
    from holidays.countries.georgia import Georgia

    from voucherlib.core import working_calendar

    assert (working_calendar.FIRST_YEAR, working_calendar.LAST_YEAR) == (Georgia.start_year, Georgia.end_year)
    assert working_calendar.year_range() == (Georgia.start_year, Georgia.end_year)
