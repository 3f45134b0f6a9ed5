"""Shared test set-up: hypothesis profiles and the collector of worked-example files.

Worked examples live in ``tests/cases/*.toml``, one file per rule, one ``[[case]]`` per
example, each named by a sentence, naming its rule and decisions and carrying its hand
calculation in ``how``. pytest collects every case as a test, so an auditor or a lawyer can
add one without writing Python; ``voucherlib check-cases FILE.toml`` runs a file of their own.

Hypothesis profiles: ``ci`` (the default, bounded so that .ci/run stays fast), ``dev`` and
``long`` (``HYPOTHESIS_PROFILE=long pytest``, thousands of examples per property).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import voucherlib as vl
from voucherlib.reports.cases import Case, check_case, load_cases

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

DATA = Path(__file__).parent / "data"
DOCS_EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"


def ruleset_2022() -> vl.RuleSet:
    """The bundled 2021 program plus the fictitious 2022 program year of tests/data."""
    return vl.RuleSet.default().extend(DOCS_EXAMPLES / "program_2022.toml")


_TEST_YEAR = """
[program]
id = "{year}"
inherits = "2021"
title = "a fictitious {year} program year, for tests"
covers_from = {year}-01-01
covers_until = {year}-12-31
citation = "test_year_act"

[citations.test_year_act]
act = {{ issuer = "Example", issuer_ka = "სანიმუშო", number = "1", date = {year}-01-01, title = "A fictitious decree, for tests", kind = "decree" }}

[citations.test_year]
act = {{ issuer = "Example", issuer_ka = "სანიმუშო", number = "1", date = {year}-01-01, title = "A fictitious decree, for tests", kind = "decree" }}
annex = "2.12"
article = 4
paragraph = 5

{parameters}
"""


def test_year(parameters: str, *, year: int = 2022, source: str | None = None) -> vl.RuleSet:
    """The bundled rule set and a fictitious program year ``year`` (inheriting 2021, cited as the
    fictitious decree ``test_year``) whose own values are ``parameters``: TOML tables of
    ``[parameters."KEY"]`` whose values cite ``"test_year"``. For tests of rule values that
    change; their amounts are worked out by hand from the values written in the test."""
    text = _TEST_YEAR.format(year=year, parameters=parameters)
    return vl.RuleSet.default().extend(text, source=source or f"test-{year}.toml")


test_year.__test__ = False  # type: ignore[attr-defined]  # (a builder, not a test, for pytest)


def program_2021_with_september_rate() -> str:
    """The bundled 2021 program year's TOML with a rate without disability for September 2021 too:
    a fictitious 12 GEL/day, for tests of a whole rule set of one's own (D21) only."""
    bundled = (Path(vl.__file__).parent / "data" / "program_2021.toml").read_text(encoding="utf-8")
    rate = 'values = [{ effective_from = 2021-10-01, value = "20", citation = "annex_2_12_art_4_para_5" }]'
    assert bundled.count(rate) == 1
    # (the September value cites a fictitious act of its own: the text as Decree 467 words it
    # applies from 1 Oct 2021, and a value citing it from 1 Sep is refused, review 98)
    return (
        bundled.replace(
            rate,
            'values = [{ effective_from = 2021-09-01, value = "12", citation = "test_september" },'
            ' { effective_from = 2021-10-01, value = "20", citation = "annex_2_12_art_4_para_5" }]',
        )
        + '\n[citations.test_september]\nnote = "a fictitious rate for September 2021, for tests only"\n'
    )


def ruleset_through_2026() -> vl.RuleSet:
    """The 2021 program plus the shipped example that carries its terms on to 2026."""
    from voucherlib.cli import example_path

    return vl.RuleSet.default().extend(example_path("continuation_2022_2026.toml"))


# ---------------------------------------------------------------- worked-example files
# The schema and the runner are voucherlib.reports.cases (what `voucherlib check-cases` runs);
# pytest collects every case of tests/cases/*.toml as a test of its own.


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".toml" and file_path.parent.name == "cases":
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    def collect(self) -> Any:
        for case in load_cases(self.path):  # a schema error names the file, the case and the key
            yield CaseItem.from_parent(self, name=case.name, case=case)


class CaseItem(pytest.Item):
    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        result = check_case(self.case, self.path.parent)
        assert result.passed, "\n".join(result.problems)

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        return f"{self.name}\n{excinfo.getrepr(style='short')}"

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case: {self.name} ({self.case.rule}; {', '.join(self.case.decisions)})"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice is not installed (.ci/run installs it)"
)
"""LibreOffice's own tests: skipped on a machine without it, never in CI (where a missing one fails)."""


def libreoffice_convert(
    source: Path,
    target: str,
    outdir: Path,
    *,
    infilter: str | None = None,
    env: dict[str, str] | None = None,
    sheet: str | None = None,
) -> Path:
    """``source`` converted by LibreOffice (``soffice --headless --convert-to target``) into ``outdir``,
    with a profile of its own there; the path of the file it wrote (a CSV of one ``sheet`` of a
    workbook, chosen by the filter's twelfth option, is named after the sheet too)."""
    subprocess.run(
        [
            SOFFICE or "soffice", "--headless", f"-env:UserInstallation=file://{outdir}/profile",
            *([f"--infilter={infilter}"] if infilter else []),
            "--convert-to", target, "--outdir", str(outdir), str(source),
        ],
        env=env, check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return outdir / f"{source.stem}{'-' + sheet if sheet else ''}.{target.split(':')[0]}"


def facility_files(
    folder: Path,
    facility: str,
    month: str,
    served: int,
    claimed: tuple[str, str],
    *,
    city: str = "tbilisi",
    limit: int = 20,
) -> tuple[Path, Path]:
    """An occupancy file of one shelter (``served`` children every day of ``month``) and a claims
    file of its month (``claimed``: the children, the unfilled places), in ``folder``."""
    year, number = map(int, month.split("-"))
    days = (dt.date(year + number // 12, number % 12 + 1, 1) - dt.date(year, number, 1)).days
    occupancy = folder / "occupancy.csv"
    occupancy.write_text(
        "facility_id,city,service,limit,date,children_served\n"
        + "".join(f"{facility},{city},shelter,{limit},{month}-{d:02d},{served}\n" for d in range(1, days + 1)),
        encoding="utf-8",
    )
    claims = folder / "claims.csv"
    claims.write_text(
        f"facility_id,month,claimed_children,claimed_unfilled\n{facility},{month},{claimed[0]},{claimed[1]}\n",
        encoding="utf-8",
    )
    return occupancy, claims


INVOICE_COLUMNS = [
    "beneficiary_id",
    "name",
    "month",
    "enrolled_on",
    "discharged_on",
    "disability",
    "claimed",
    "submitted_on",
]
"""An invoice's columns, its optional name among them, in the order of the example invoice."""


def november_workbook(path: Path, lines: list[tuple[Any, str]], **options: Any) -> Path:
    """An invoice of November 2021 as Excel writes it (shared strings, by xlsxwriter; ``options``
    its workbook's), one line per ``(id, name)``, each enrolled before the month, without status,
    claiming 600.00 (30 days x 20 GEL), submitted on Mon 6 Dec 2021 (the deadline: the 5th is a
    Sunday). An id of text is a text cell; a number is a number cell kept with its zero by a format
    of zeros (as a personal number typed into one shows it)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), options)
    sheet = book.add_worksheet()
    zeros, day = book.add_format({"num_format": "00000000000"}), book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, INVOICE_COLUMNS)
    for row, (ident, name) in enumerate(lines, start=1):
        if isinstance(ident, str):
            sheet.write_string(row, 0, ident)
        else:
            sheet.write_number(row, 0, ident, zeros)
        sheet.write_string(row, 1, name)
        sheet.write_string(row, 2, "2021-11")
        sheet.write_string(row, 5, "no")
        sheet.write_number(row, 6, 600)
        sheet.write_datetime(row, 7, dt.datetime(2021, 12, 6), day)
    book.close()
    return path
