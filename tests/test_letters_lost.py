"""Georgian letters lost to a code page (review 211 F2).

Windows has no code page for Georgian: Excel's "CSV (Comma delimited)" writes each Georgian letter
as ``?``, and a UTF-8 file opened as Windows-1252 or -1251 and saved again holds ``áƒ``/``бѓ``
before each letter's last byte. Both are valid UTF-8, so no byte is refused. A header so written
was refused as a caption ("name its columns so"); ids that differed in a Georgian letter became one
(``ა-01`` and ``ბ-01`` both ``?-01``): settled on two rows, and the audit's second line "already
billed", 0.00 where 600.00 was due. The header's refusal and the id's say that the letters were
lost, and how to save the file; an id holding ``?`` is refused on every path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import voucherlib as vl
from voucherlib.reports.settlement_file import settle_chunks, settle_file

GEORGIAN = "ბენეფიციარის კოდი,თვე,ჩარიცხვის თარიღი,ამორიცხვის თარიღი,შშმ სტატუსი,წარდგენის თარიღი"
ROW = "ა-01,2021-10,,,არა,2021-11-04"


@pytest.mark.parametrize(
    "lose",
    [
        lambda text: "".join("?" if "\u10d0" <= c <= "\u10ff" else c for c in text),  # Excel's CSV
        lambda text: text.encode("utf-8").decode("cp1252", errors="replace"),  # read as Windows-1252
        lambda text: text.encode("utf-8").decode("cp1251", errors="replace"),  # read as Windows-1251
    ],
    ids=["question-marks", "cp1252", "cp1251"],
)
def test_a_header_whose_letters_were_lost_is_refused_saying_so(tmp_path: Path, lose) -> None:
    path = tmp_path / "lost.csv"
    path.write_text(lose(GEORGIAN) + "\n" + lose(ROW) + "\n", encoding="utf-8")
    with pytest.raises(vl.InvalidInput) as refused:
        settle_file(path)
    assert "saved in a code page without Georgian letters" in str(refused.value)
    assert "ხელახლა შეინახეთ სამუშაო წიგნიდან როგორც 'CSV UTF-8'" in refused.value.message("ka")


def test_an_id_whose_letter_was_lost_is_refused_on_every_path(tmp_path: Path) -> None:
    # English headers, Georgian ids: ა-01 and ბ-01 both written ?-01. Each line: November 2021,
    # enrolled in May, 30 days x 20.00 = 600.00 due; neither may be taken for the other.
    path = tmp_path / "invoice.csv"
    path.write_text(
        "beneficiary_id,name,month,enrolled_on,discharged_on,disability,claimed,submitted_on\n"
        "?-01,Nino,2021-11,2021-05-01,,no,600.00,2021-12-06\n"
        "?-01,Eka,2021-11,2021-05-01,,no,600.00,2021-12-06\n",
        encoding="utf-8",
    )
    said = "expected an id without '?'"
    report = vl.audit_invoice(path)  # (the columns' path: a plain file)
    assert [(ln.verdict, ln.error.field, said in ln.reason) for ln in report.lines] == [
        ("invalid", "beneficiary_id", True)
    ] * 2
    assert {f.code for f in report.findings} == {"not-checked"}  # no double billing, no "already billed"
    rows = settle_file(path).rows
    assert [said in str(r.error) and r.beneficiary_id == "?-01" for r in rows] == [True] * 2
    runs = list(settle_chunks(path))  # (the command line's runs)
    assert [said in str(e) for run in runs for e in run.columns["error"]] == [True] * 2
    line = vl.InvoiceLine(beneficiary_id="?-01", month="2021-11", claimed="600.00", submitted_on="2021-12-06")
    audited = vl.audit_invoice([line]).lines[0]  # (a line made in code: its id read as a file's cell)
    assert audited.verdict == "invalid" and said in audited.reason


@pytest.mark.parametrize("cell", ["Who? Nino", "B-01", "ბ-01", "Q&A-7"])
def test_an_id_without_a_question_mark_is_read_as_it_is(tmp_path: Path, cell: str) -> None:
    # ("Who? Nino" holds one: refused; the others are ids as written)
    path = tmp_path / "vouchers.csv"
    path.write_text(
        f"beneficiary_id,month,enrolled_on,discharged_on,disability,submitted_on\n{cell},2021-10,,,no,2021-11-04\n",
        encoding="utf-8",
    )
    row = settle_file(path).rows[0]
    if "?" in cell:
        assert row.settlement is None and "expected an id without '?'" in str(row.error)
    else:  # October 2021, the whole month: 31 x 20.00 = 620.00
        assert row.beneficiary_id == cell and row.settlement is not None and str(row.settlement.payable) == "620.00"


@pytest.mark.parametrize(
    ("command", "header"),
    [
        (settle_file, "beneficiary_id,???,????????? ??????,?????????? ??????,?? ???????,?????????? ??????"),
        (vl.audit_invoice, "?/?,month,enrolled_on,discharged_on,disability,claimed,submitted_on"),
    ],
)
def test_a_header_partly_lost_to_a_code_page_is_refused_saying_so(tmp_path: Path, command, header: str) -> None:
    # Review 213 F7: with one cell of the header recognised, the advice was missing; and პ/ნ saved
    # as "?/?" was not taken for letters lost
    path = tmp_path / "partly.csv"
    path.write_text(header + "\nB-1,2021-10,,,no,620.00,2021-11-05\n", encoding="utf-8")
    with pytest.raises(vl.InvalidInput, match="saved in a code page without Georgian letters"):
        command(path)


@pytest.mark.parametrize("cell", ["Paid? (y/n?)", "Checked? Yes? No?"])
def test_a_question_in_a_header_is_no_letters_lost(tmp_path: Path, cell: str) -> None:
    # Review 214 F3: a header cell of two "?" in English words was said to have lost its Georgian
    # letters, hiding the refusal's cause (a column not known to the audit)
    path = tmp_path / "q.csv"
    path.write_text(
        f"beneficiary_id,month,enrolled_on,discharged_on,disability,claimed,submitted_on,{cell}\n"
        "B-1,2021-10,,,no,620.00,2021-11-05,\n",
        encoding="utf-8",
    )
    with pytest.raises(vl.InvalidInput) as refused:
        vl.audit_invoice(path)
    assert "code page" not in str(refused.value) and "known column" in str(refused.value)
