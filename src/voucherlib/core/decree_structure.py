"""The structure of Decree No. 467: which provisions of the program it words, and where.

The table is data (``voucherlib/data/decree_467_structure.toml``), read from the Georgian
text: for each subparagraph of Decree 467, Art. 1, the provision of the State Program
(Decree No. 825) it words or adds, and the day it applies from (Decree 467, Art. 2).
:func:`citation_problems` checks a citation against it, so that no data file can cite a
provision Decree 467 does not word, or credit it to the wrong subparagraph.

>>> from voucherlib.core.ruleset import RuleSet
>>> value = RuleSet.default().value("youth_voucher.daily_rate.with_disability", dt.date(2021, 10, 1))
>>> citation_problems(value.citation, value.effective_from)
[]
>>> amendment_of("2.12", 4, 5).subparagraph
'კ.ბ.ბ'
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import ConfigDict

from voucherlib.core.citation import Act, Citation, bundled_act, latin_subparagraph
from voucherlib.core.frozen import FrozenMap, FrozenModel

__all__ = [
    "AmendmentEntry",
    "DecreeStructure",
    "amendment_of",
    "citation_problems",
    "decree_structure",
    "worded_by_decree_467",
]


class AmendmentEntry(FrozenModel):
    """One subparagraph of Decree 467, Art. 1 and the provision of the program it words."""

    model_config = ConfigDict(extra="forbid")

    paragraph: int
    """Decree 467, Art. 1, this paragraph (1: Annex No. 1 of the program; 2: Annex No. 2)."""
    subparagraph: str
    """The subparagraph of that paragraph, in Georgian letters (``"კ.ბ.ბ"``)."""
    annex: str
    """The annex of the program it amends."""
    article: int
    """The article of the annex."""
    annex_paragraph: int | None = None
    """The paragraph of that article it words (None: the whole article, or its table)."""
    annex_subparagraph: str | None = None
    """The subparagraph of that paragraph it words or adds."""
    item: Literal["table"] | None = None
    """``"table"`` when it words the article's table alone."""
    how: Literal["worded", "added"] = "worded"
    """``"worded"`` (ჩამოყალიბდეს შემდეგი რედაქციით) or ``"added"`` (დაემატოს)."""
    what: str
    """What the provision is about, in a few words."""
    applies_from: dt.date
    """The first day the amended text applies to (Decree 467, Art. 2)."""
    contains: FrozenMap[int, tuple[str, ...]] = FrozenMap()
    """For a whole article it words: its paragraphs and their subparagraphs."""


class DecreeStructure(FrozenModel):
    """Decree 467's articles and paragraphs, and the amendments of its Art. 1."""

    model_config = ConfigDict(extra="forbid")

    act: Act
    amends: Act
    articles: FrozenMap[int, tuple[int, ...]]
    """Each article of Decree 467 and its numbered paragraphs."""
    amendment: tuple[AmendmentEntry, ...]


@cache
def decree_structure() -> DecreeStructure:
    """The bundled table of Decree 467's structure."""
    text = resources.files("voucherlib.data").joinpath("decree_467_structure.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    raw["act"], raw["amends"] = bundled_act(raw["act"]), bundled_act(raw["amends"])
    return DecreeStructure.model_validate(raw)


def amendment_of(annex: str, article: int, paragraph: int | None = None) -> AmendmentEntry:
    """The amendment that words ``annex``, ``article`` (and ``paragraph``) of the program."""
    for entry in decree_structure().amendment:
        if (entry.annex, entry.article) == (annex, article) and (
            entry.annex_paragraph == paragraph or (bool(entry.contains) and paragraph in entry.contains)
        ):
            return entry
    raise KeyError(f"Decree 467 does not word Annex {annex}, Art. {article}, para {paragraph}")


def citation_problems(
    citation: Citation, effective_from: dt.date | None = None, *, as_worded_only: bool = False
) -> list[str]:
    """What is wrong with ``citation`` according to the structure of Decree 467 (empty: nothing).

    A citation of another act (or of no act) is not checked: the table knows Decree 467 only. An
    act is known by its number and date, however it is written (the bundled key, or in full:
    review 101). ``effective_from``: the day a value citing it takes effect; it may not precede
    the day the amended text applies from. ``as_worded_only``: check only what is said to be
    Decree 467's (its own text, or the program as it words it), as a rule file is checked when it
    loads: a provision of the program cited without Decree 467's amendment may be the text
    before it or as a later act words it, which the table does not hold.
    """
    structure = decree_structure()
    act = citation.act
    amending = citation.amended_by.act if citation.amended_by is not None else None
    if act is not None and amending is not None and amending.date < act.date:  # (review 190 F5)
        return [f"{citation.provision()}: {act.name()} cannot be worded by {amending.name()}, an act before it"]
    if amending is not None and _same_act(amending, structure.act) and not _same_act(act, structure.amends):
        what = act.name() if act is not None else "a provision of no act"
        return [f"{citation.provision()}: Decree No. 467 words the program of Decree No. 825 alone, not {what}"]
    if _same_act(act, structure.act):
        if citation.annex or citation.amended_by:
            return ["Decree 467 holds no annex and is amended by nothing: cite the program (Decree 825)"]
        paragraphs = structure.articles.get(citation.article) if citation.article is not None else None
        if paragraphs is None:
            return [f"Decree 467 has no Art. {citation.article} (it has {sorted(structure.articles)})"]
        if citation.paragraph is not None and citation.paragraph not in paragraphs:
            return [f"Decree 467, Art. {citation.article} has no para {citation.paragraph}"]
        if citation.article == 1 and citation.subparagraph is not None:  # (review 101: not looked at)
            own = next(
                (
                    e
                    for e in structure.amendment
                    if (e.paragraph, e.subparagraph) == (citation.paragraph, citation.subparagraph)
                ),
                None,
            )
            if own is None:
                sub = latin_subparagraph(citation.subparagraph)
                if citation.paragraph is None:  # (review 239 F2: "has no para None(k.b.b)")
                    return [f"Decree 467, Art. 1, subparagraph {sub}: name the paragraph of Art. 1 that holds it"]
                return [f"Decree 467, Art. 1 has no para {citation.paragraph}({sub})"]
            if effective_from is not None and effective_from < own.applies_from:
                return [
                    f"Decree 467, {citation.provision()}: takes effect {effective_from}, before it applies ({own.applies_from})"
                ]
        return []
    if not _same_act(act, structure.amends) or citation.annex is None:
        return []
    if as_worded_only and not worded_by_decree_467(citation):
        return []
    amended = citation.amended_by
    if amended is None or not _same_act(amended.act, structure.act):
        return [f"{citation.provision()}: the program's text is cited as worded by Decree 467; name its amendment"]
    if amended.article != 1:
        return [f"Decree 467 amends the program in Art. 1, not Art. {amended.article}"]
    entry = next(
        (e for e in structure.amendment if (e.paragraph, e.subparagraph) == (amended.paragraph, amended.subparagraph)),
        None,
    )
    if entry is None:  # (in the letters of a citation; none named: review 237 F5, "subparagraph None")
        if amended.paragraph is None or amended.subparagraph is None:  # (review 238 F4: "para None")
            said = (  # (review 239 F3: "that word it", the paragraph given left out)
                "the paragraph and subparagraph of Decree 467, Art. 1 that word it"
                if amended.paragraph is None
                else f"the subparagraph of Decree 467, Art. 1, para {amended.paragraph} that words it"
            )
            return [f"{citation.provision()}: name {said}"]
        return [f"Decree 467, Art. 1 has no para {amended.paragraph}({latin_subparagraph(amended.subparagraph)})"]
    problems = []
    where = f"{citation.provision()} (cited as worded by {amended.place()})"
    if (citation.annex, citation.article) != (entry.annex, entry.article):
        problems.append(f"{where}: that subparagraph words Annex {entry.annex}, Art. {entry.article}")
    elif entry.contains:
        subs = entry.contains.get(citation.paragraph or 0)
        if subs is None:
            problems.append(f"{where}: the article it words has paragraphs {sorted(entry.contains)}")
        elif citation.subparagraph is not None and citation.subparagraph not in subs:
            # (in the letters the citation is written in: review 236 F6, "ა, ბ, გ" in an English text)
            said = ", ".join(latin_subparagraph(s) for s in subs)
            problems.append(f"{where}: para {citation.paragraph} has subparagraphs {said}")
    elif entry.item == "table":
        if citation.item != "table":
            problems.append(f"{where}: that subparagraph words the article's table only")
        elif citation.paragraph is not None:  # (review 239 F1: "para 99, table" loaded as the table)
            problems.append(f"{where}: that subparagraph words the article's table: cite it without a paragraph")
    elif (citation.paragraph, citation.subparagraph) != (entry.annex_paragraph, entry.annex_subparagraph):
        sub = f"({latin_subparagraph(entry.annex_subparagraph)})" if entry.annex_subparagraph else ""
        problems.append(f"{where}: that subparagraph words para {entry.annex_paragraph}{sub}")
    if amended.added != (entry.how == "added"):
        problems.append(f"{where}: that subparagraph {'adds' if entry.how == 'added' else 'rewords'} the provision")
    if effective_from is not None and effective_from < entry.applies_from:
        problems.append(f"{where}: takes effect {effective_from}, before the text applies ({entry.applies_from})")
    return problems


def worded_by_decree_467(citation: Citation) -> bool:
    """Whether ``citation`` cites a provision as Decree No. 467 words it (its ``amended_by``
    names Decree No. 467, however the act is written)."""
    amended = citation.amended_by
    return amended is not None and _same_act(amended.act, decree_structure().act)


def words_a_table(citation: Citation) -> bool:
    """Whether ``citation`` of the Program, as Decree No. 467 words it, names a table that Decree
    No. 467 words alone (the article's table: ``Annex 2.4, Art. 4, para 7, table`` is the table
    after para 7, the same as ``Annex 2.4, Art. 4, table``), not a paragraph's (review 238 F1)."""
    amended = citation.amended_by
    if citation.item != "table" or amended is None or not _same_act(amended.act, decree_structure().act):
        return False
    return any(
        (e.paragraph, e.subparagraph) == (amended.paragraph, amended.subparagraph) and e.item == "table"
        for e in decree_structure().amendment
    )


def cites_decree_467(citation: Citation) -> bool:
    """Whether ``citation`` cites Decree No. 467 itself (not the Program as it words it), however
    the act is written."""
    return _same_act(citation.act, decree_structure().act)


def provision_worded_by(citation: Citation) -> tuple[str, int, int | None, str | None] | None:
    """The provision of the Program (annex, article, paragraph, item: paragraph and item None for
    a whole article, item ``"table"`` for its table alone) that ``citation`` words, when it cites
    a subparagraph of Decree No. 467's Art. 1 itself (``Art. 1, para 2(k.b.b)``, however the act
    is written); else None."""
    structure = decree_structure()
    if not _same_act(citation.act, structure.act) or citation.article != 1 or citation.subparagraph is None:
        return None
    entry = next(
        (
            e
            for e in structure.amendment
            if (e.paragraph, e.subparagraph) == (citation.paragraph, citation.subparagraph)
        ),
        None,
    )
    return None if entry is None else (entry.annex, entry.article, entry.annex_paragraph, entry.item)


def _same_act(act: Act | None, known: Act) -> bool:
    """Whether ``act`` is ``known``: the same number and date, however else it is written."""
    return act is not None and act.number == known.number and act.date == known.date
