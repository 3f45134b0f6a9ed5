"""Every citation of every data file names the right act, provision and amending subparagraph.

The table of Decree 467's structure (voucherlib/data/decree_467_structure.toml) was read from
the Georgian text; each citation is checked against it (voucherlib.decree_structure).
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

import voucherlib as vl
from tests.conftest import DOCS_EXAMPLES, ruleset_2022, ruleset_through_2026
from voucherlib.core.decree_structure import citation_problems, decree_structure

DATA = resources.files("voucherlib.data")
EXAMPLES = resources.files("voucherlib.examples")


def every_cited_value() -> Iterator[tuple[str, vl.Citation, dt.date | None]]:
    """(where, citation, the day the value it backs takes effect) for every value of the data files."""
    for rules in (vl.RuleSet.default(), ruleset_2022(), ruleset_through_2026()):
        for program in rules.programs:
            yield f"{program.source}: program", program.citation, None
            for parameter in program.parameters.values():
                for value in parameter.values:
                    yield f"{program.source}: {parameter.key}", value.citation, value.effective_from
    for annex, budget in vl.budgets().items():
        yield f"budgets.toml: {annex}", budget.citation, budget.effective_from
    for annex, table in vl.limit_tables().items():
        yield f"limit_tables.toml: {annex}", table.citation, table.effective_from


def every_citation_table() -> Iterator[tuple[str, dict[str, object]]]:
    """Every [citations.KEY] table of every program file, used by a value or not."""
    files = [
        ("program_2021.toml", DATA.joinpath("program_2021.toml").read_text(encoding="utf-8")),
        ("continuation_2022_2026.toml", EXAMPLES.joinpath("continuation_2022_2026.toml").read_text(encoding="utf-8")),
        *((p.name, p.read_text(encoding="utf-8")) for p in Path(DOCS_EXAMPLES).glob("*.toml")),
    ]
    for name, text in files:
        for key, raw in tomllib.loads(text).get("citations", {}).items():
            yield f"{name}: citations.{key}", raw


@pytest.mark.parametrize(("where", "citation", "effective_from"), list(every_cited_value()), ids=lambda x: None)
def test_every_value_cites_a_provision_that_decree_467_words_with_the_right_subparagraph(
    where: str, citation: vl.Citation, effective_from: dt.date | None
) -> None:
    assert citation_problems(citation, effective_from) == [], where


def test_every_citation_table_of_every_program_file_is_a_valid_citation() -> None:
    checked = 0
    for where, raw in every_citation_table():
        citation = vl.Citation.model_validate(raw)
        assert citation_problems(citation) == [], where
        checked += 1
    assert checked >= 7


def test_the_bundled_program_cites_only_decree_825_as_worded_by_decree_467_art_1() -> None:
    (program,) = vl.RuleSet.default().programs
    for parameter in program.parameters.values():
        for value in parameter.values:
            c = value.citation
            assert c.act == vl.bundled_act("decree_825") and c.annex
            assert c.amended_by is not None and c.amended_by.act == vl.bundled_act("decree_467")
            assert c.amended_by.article == 1


def test_the_table_covers_every_subparagraph_of_decree_467_art_1() -> None:
    # Read from the Georgian text: para 1 has ა (ა.ა, ა.ბ), ბ, გ, დ; para 2 has ა .. ლ, with
    # ბ.ა, ბ.ბ, დ.ა, დ.ბ, თ.ა.ა, თ.ა.ბ, თ.ბ, კ.ა, კ.ბ.ა, კ.ბ.ბ.
    places = {(e.paragraph, e.subparagraph) for e in decree_structure().amendment}
    assert places == {
        (1, "ა.ა"), (1, "ა.ბ"), (1, "ბ"), (1, "გ"), (1, "დ"),
        (2, "ა"), (2, "ბ.ა"), (2, "ბ.ბ"), (2, "გ"), (2, "დ.ა"), (2, "დ.ბ"), (2, "ე"), (2, "ვ"), (2, "ზ"),
        (2, "თ.ა.ა"), (2, "თ.ა.ბ"), (2, "თ.ბ"), (2, "ი"), (2, "კ.ა"), (2, "კ.ბ.ა"), (2, "კ.ბ.ბ"), (2, "ლ"),
    }  # fmt: skip
    # Decree 467, Art. 2: only „თ.ა.ბ“ and „თ.ბ“ apply from 1 Sep 2021; the rest from 1 Oct 2021.
    early = {e.subparagraph for e in decree_structure().amendment if e.applies_from == dt.date(2021, 9, 1)}
    assert early == {"თ.ა.ბ", "თ.ბ"}


def amended(sub: str, decree_para: int = 2, **fields: object) -> vl.Citation:
    """A citation of the program as worded by Decree 467, Art. 1, para ``decree_para``(``sub``)."""
    by = {"act": "decree_467", "article": 1, "paragraph": decree_para, "subparagraph": sub}
    return vl.Citation.model_validate({"act": "decree_825", **fields, "amended_by": by})


@pytest.mark.parametrize(
    ("citation", "effective_from", "problem"),
    [
        (amended("კ.ბ.ა", annex="2.12", article=4, paragraph=5), None, "words para 1"),
        (amended("კ.ბ.ბ", annex="2.8", article=6, paragraph=4), None, "words Annex 2.12, Art. 4"),
        (amended("კ.ბ.ბ", decree_para=1, annex="2.12", article=4), None, "has no para 1, subparagraph 'კ.ბ.ბ'"),
        (amended("კ.ა", annex="2.12", article=2, paragraph=3), None, "has paragraphs [1, 2]"),
        (amended("კ.ა", annex="2.12", article=2, paragraph=2, subparagraph="გ"), None, "has subparagraphs ა, ბ"),
        (amended("კ.ბ.ბ", annex="2.12", article=4, paragraph=5), dt.date(2021, 9, 1), "before the text applies"),
        (amended("თ.ბ", annex="2.8", article=7, paragraph=2, subparagraph="დ"), None, "adds the provision"),
        (vl.Citation(act="decree_825", annex="2.12", article=4, paragraph=5), None, "name its amendment"),
        (vl.Citation(act="decree_467", annex="2.12", article=4, paragraph=5), None, "cite the program"),
        (vl.Citation(act="decree_467", article=3), None, "has no Art. 3"),
    ],
)
def test_a_citation_that_names_the_wrong_place_is_caught(
    citation: vl.Citation, effective_from: dt.date | None, problem: str
) -> None:
    (found,) = citation_problems(citation, effective_from)
    assert problem in found


def test_a_subparagraph_is_written_in_georgian_letters_and_rendered_in_latin() -> None:
    with pytest.raises(ValueError, match="Georgian letters"):
        vl.Citation(act="decree_825", annex="2.8", article=6, paragraph=4, subparagraph="g")
    c = amended("თ.ა.ბ", annex="2.8", article=6, paragraph=4, subparagraph="გ")
    assert c.text() == (
        "Annex 2.8, Art. 6, para 4(g) of the State Program approved by Government Decree No. 825 of "
        "31 Dec 2020, as worded by Decree No. 467 of 15 Sep 2021, Art. 1, para 2(t.a.b)"
    )


def test_a_citation_is_data_a_json_trace_can_carry() -> None:
    c = amended("კ.ბ.ბ", annex="2.12", article=4, paragraph=5)
    data = c.to_dict()
    assert data["act"]["number"] == "825" and data["act"]["date"] == "2020-12-31"
    assert data["amended_by"]["act"]["number"] == "467"
    assert (data["amended_by"]["subparagraph"], data["amended_by"]["subparagraph_latin"]) == ("კ.ბ.ბ", "k.b.b")
    assert data["text"]["en"] == c.text("en") and data["text"]["ka"] == c.text("ka")
    assert vl.Citation.model_validate(c.model_dump()) == c  # the fields alone rebuild it
    json.dumps(data)  # JSON-ready: no dates or models left


def test_a_citation_of_a_note_alone_says_it_in_georgian_too() -> None:
    # review 36: a caller's rule set citing a source by a note alone showed "[]" in a Georgian
    # explanation; its Georgian note, or its note as given when it has none
    assert vl.Citation(note="test source").text("ka") == "test source"
    assert vl.Citation(note="test source", note_ka="წყარო").text("ka") == "წყარო"
    assert vl.Citation(note="test source").text("en") == "test source"
