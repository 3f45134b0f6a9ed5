"""Review 178 F1: an id a spreadsheet wrote in scientific notation is no id.

A long number in a number cell is written to CSV as the spreadsheet shows it: Excel's General
format gives ``1.23457E+11`` for any id of 12 digits or more, LibreOffice ``1.23456789012346E+016``,
a Georgian-locale export ``1,23457E+11``. Two children with ids of the same first six digits
became one: the second line was "already billed" and paid 0.00 beside a double-billing finding,
where the workbook of the same sheet refuses both lines (a number cell keeps only 15 to 17
digits, D37). Such a text is refused as that number cell is, on every path that reads an id.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import voucherlib as vl
from voucherlib.cli import main
from voucherlib.input.cells import identifier

HEADER = "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on"
# November 2021, enrolled before it, no status: 30 days x 20.00 = 600.00 a child, submitted on
# the due day (Mon 6 Dec 2021, the 5th a Sunday): 600.00 payable each, were their ids read.
LINES = (
    "{id},Nino Beridze,2021-11,2021-05-01,,no,600.00,2021-12-06",
    "{id},Giorgi Kapanadze,2021-11,2021-05-01,,no,600.00,2021-12-06",
)


@pytest.mark.parametrize("shown", ["1.23457E+11", "1,23457E+11", "1.23456789012346E+016", "1.2345e+16", " 1E+16 "])
def test_an_id_in_scientific_notation_is_refused_on_every_path(tmp_path: Path, shown: str) -> None:
    cell = f'"{shown}"' if "," in shown else shown
    path = tmp_path / "invoice.csv"
    path.write_text("\n".join([HEADER, *(ln.format(id=cell) for ln in LINES)]) + "\n", encoding="utf-8")
    # every cell quoted: the file is read line by line (a plain one in columns)
    quoted = tmp_path / "quoted.csv"
    rows = [[f'"{c}"' for c in ln.format(id="\x00").split(",")] for ln in LINES]
    quoted.write_text("\n".join([HEADER, *(",".join(r).replace("\x00", shown) for r in rows)]) + "\n", encoding="utf-8")
    columns, by_line = vl.audit_invoice(path), vl.audit_invoice(quoted)
    # (a cell holding a comma or spaces is not plain: that file is read line by line too)
    assert (columns._table is not None) == ("," not in shown and " " not in shown) and by_line._table is None
    for report in (columns, by_line):
        assert [ln.verdict for ln in report.lines] == ["invalid", "invalid"]
        assert report.total_payable == Decimal("0.00") and report.unchecked_claimed == Decimal("1200.00")
        assert "scientific notation" in report.lines[0].reason
        assert "double-billing" not in {f.code for f in report.findings}
    settled = vl.settle_file(path)
    assert len(settled.invalid) == 2 and "scientific notation" in str(settled.invalid[0].error)
    # the command line's settle reads the file in runs of rows: the same refusal
    out = tmp_path / "settled.csv"
    assert main(["settle", str(path), "-q", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8").count("scientific notation") == 2


def test_an_id_that_only_looks_like_a_number_with_an_exponent_stays_an_id() -> None:
    # a spreadsheet writes the exponent's sign always: 12E4 may be a code; a number cell of a
    # workbook (a float) too long for its digits keeps its own refusal (D37)
    assert identifier("12E4", "beneficiary_id") == "12E4" and identifier("E-1.5E+2x", "beneficiary_id")
    with pytest.raises(vl.InvalidInput, match="scientific notation"):
        identifier("1.5E+2", "beneficiary_id")
    with pytest.raises(vl.InvalidInput, match="a number cell keeps only 15 to 17 digits"):
        identifier(1e20, "beneficiary_id")
