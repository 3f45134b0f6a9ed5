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
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import ConfigDict

from voucherlib.core.citation import Act, Amendment, Citation, act_number, bundled_act, latin_subparagraph
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
    holds_table: bool = False
    """True when the paragraph it words holds a table of its own (Decree 467, Art. 1, para
    2(b.a): "para 1 and the attached table" of Annex 2.2, Art. 3), cited with ``item = "table"``."""


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
        if citation.article is None:  # (the act as a whole, as Decree No. 825 is cited: review 240 F5)
            if citation.paragraph is None and citation.subparagraph is None and citation.item is None:
                return []
            return ["Decree 467: name the article of the part cited (Art. 1 amends the program, Art. 2 says when)"]
        paragraphs = structure.articles.get(citation.article)
        if paragraphs is None:  # (review 240 F5: "it has [1, 2]")
            return [
                f"Decree 467 has no Art. {citation.article} (it has {_said(f'Art. {n}' for n in structure.articles)})"
            ]
        if citation.paragraph is not None and citation.paragraph not in paragraphs:
            return [f"Decree 467, Art. {citation.article} has no para {citation.paragraph}"]
        if citation.article != 1 and (citation.subparagraph is not None or citation.item is not None):
            return [f"Decree 467, Art. {citation.article} has no subparagraphs nor tables: cite the article"]
        if citation.article == 1 and citation.subparagraph is not None:  # (review 101: not looked at)
            own = _entry_at(citation.paragraph, citation.subparagraph)
            if own is None:
                sub = latin_subparagraph(citation.subparagraph)
                if citation.paragraph is None:  # (review 239 F2: "has no para None(k.b.b)")
                    return [f"Decree 467, Art. 1, subparagraph {sub}: name the paragraph of Art. 1 that holds it"]
                return [_no_subparagraph(citation.paragraph, citation.subparagraph)]
            if effective_from is not None and effective_from < own.applies_from:
                return [
                    f"Decree 467, {citation.provision()}: takes effect {effective_from}, before it applies ({own.applies_from})"
                ]
            if citation.item == "table" and own.item != "table" and not own.holds_table:  # (review 243 F5)
                return [f"Decree 467, {citation.provision()}: that subparagraph words no table; cite it without one"]
        elif citation.item is not None:
            return [f"Decree 467, {citation.provision()}: a table is cited with the subparagraph that words it"]
        return []
    if not _same_act(act, structure.amends):
        return []
    if citation.annex is None:  # (review 240 F2: "Art. 4, para 5 of Decree No. 825, as worded by 2(k.b.b)")
        whole = all(getattr(citation, p) is None for p in ("article", "paragraph", "subparagraph", "item"))
        if not worded_by_decree_467(citation) or (
            whole and citation.amended_by is not None and citation.amended_by.subparagraph is None
        ):  # (the program as a whole as Decree 467's Art. 1, or a paragraph of it, amends it: review 243 F2)
            return []
        worded = _entry(citation.amended_by)
        hint = f" ({citation.amended_by.place()} words {_provision(worded)})" if worded and citation.amended_by else ""
        return [
            f"{citation.provision() or 'the program as a whole'}, cited as worded by Decree 467: Decree 467 words "
            f"provisions of the program's annexes; name the annex, article and paragraph it words{hint}"
        ]
    if as_worded_only and not worded_by_decree_467(citation):
        return []
    amended = citation.amended_by
    if amended is None or not _same_act(amended.act, structure.act):
        return [f"{citation.provision()}: the program's text is cited as worded by Decree 467; name its amendment"]
    if amended.article != 1:
        return [f"Decree 467 amends the program in Art. 1, not Art. {amended.article}"]
    entry = _entry(amended)
    if entry is None:  # (in the letters of a citation; none named: review 237 F5, "subparagraph None")
        if amended.paragraph is None or amended.subparagraph is None:  # (review 238 F4: "para None")
            said = (  # (review 239 F3: "that word it", the paragraph given left out)
                "the paragraph and subparagraph of Decree 467, Art. 1 that word it"
                if amended.paragraph is None
                else f"the subparagraph of Decree 467, Art. 1, para {amended.paragraph} that words it"
            )
            return [f"{citation.provision()}: name {said}"]
        return [_no_subparagraph(amended.paragraph, amended.subparagraph)]
    problems = []
    where = f"{citation.provision()} (cited as worded by {amended.place()})"
    if (citation.annex, citation.article) != (entry.annex, entry.article):
        problems.append(f"{where}: that subparagraph words {_provision(entry)}")  # (its paragraph too: review 244 F6)
    elif entry.contains:
        subs = entry.contains.get(citation.paragraph or 0)
        if subs is None:  # (in words, review 240 F1: "paragraphs [1, 2]")
            problems.append(f"{where}: the article it words has paragraphs {_said(str(n) for n in entry.contains)}")
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
    if citation.item == "table" and entry.item != "table" and not entry.holds_table and not problems:
        # (review 240 F6: "Annex 2.12, Art. 4, para 5, table" loaded; only Annex 2.2, Art. 3, para 1
        # of the paragraphs Decree 467 words holds a table)
        problems.append(f"{where}: the provision that subparagraph words holds no table; cite it without one")
    if amended.added != (entry.how == "added"):
        problems.append(f"{where}: that subparagraph {'adds' if entry.how == 'added' else 'rewords'} the provision")
    if effective_from is not None and effective_from < entry.applies_from:
        problems.append(f"{where}: takes effect {effective_from}, before the text applies ({entry.applies_from})")
    return problems


def _entry(amended: Amendment | None) -> AmendmentEntry | None:
    """The subparagraph of Decree 467, Art. 1 that ``amended`` names (None: none such)."""
    return None if amended is None else _entry_at(amended.paragraph, amended.subparagraph)


def _entry_at(paragraph: int | None, subparagraph: str | None) -> AmendmentEntry | None:
    """The subparagraph ``subparagraph`` of Decree 467, Art. 1, para ``paragraph`` (None: none such)."""
    return next(
        (e for e in decree_structure().amendment if (e.paragraph, e.subparagraph) == (paragraph, subparagraph)),
        None,
    )


def _provision(entry: AmendmentEntry | None) -> str:
    """The provision of the program ``entry`` words, as a citation writes it."""
    if entry is None:
        return "?"
    return provision_said(entry.annex, entry.article, entry.annex_paragraph, entry.item, entry.annex_subparagraph)


def provision_said(
    annex: str | None,
    article: int | None,
    paragraph: int | None = None,
    item: str | None = None,
    subparagraph: str | None = None,
) -> str:
    """A provision of the program as :meth:`Citation.provision` writes it (``Annex 2.12, Art. 2,
    para 1(a)``), from its parts."""
    table: Literal["table"] | None = "table" if item == "table" else None  # (a citation's one item)
    return Citation.model_construct(
        annex=annex, article=article, paragraph=paragraph, subparagraph=subparagraph, item=table
    ).provision()


def _said(items: Iterable[str]) -> str:
    """``"1 and 2"``, ``"a, b and c"``: a list in words."""
    listed = list(items)
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]


def _no_subparagraph(paragraph: int, subparagraph: str) -> str:
    """Why Decree 467, Art. 1, ``paragraph``(``subparagraph``) words no provision: it does not
    exist, or it groups subparagraphs that do (review 240 F5: 2(k) and 2(k.b) were said not to
    exist; they group the amendments of Annex 2.12)."""
    sub = latin_subparagraph(subparagraph)
    held = [
        e.subparagraph
        for e in decree_structure().amendment
        if e.paragraph == paragraph and e.subparagraph.startswith(subparagraph + ".")
    ]
    if not held:
        return f"Decree 467, Art. 1 has no para {paragraph}({sub})"
    parts = _said(f"{paragraph}({latin_subparagraph(h)})" for h in held)
    return (
        f"Decree 467, Art. 1, para {paragraph}({sub}) holds subparagraphs {parts}, each wording a provision of "
        "its own: cite the one that words it"
    )


def article_paragraphs(annex: str | None, article: int | None) -> tuple[int, ...]:
    """The paragraphs of ``annex``, ``article`` of the program when Decree 467 words the whole
    article (Annex 2.12, Art. 2: ``(1, 2)``); else ``()``."""
    return next(
        (
            tuple(e.contains)
            for e in decree_structure().amendment
            if (e.annex, e.article) == (annex, article) and e.contains
        ),
        (),
    )


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
    entry = _entry_at(citation.paragraph, citation.subparagraph)
    return None if entry is None else (entry.annex, entry.article, entry.annex_paragraph, entry.item)


def _same_act(act: Act | None, known: Act) -> bool:
    """Whether ``act`` is ``known``: the same number and date, however else it is written (its
    number as :func:`~voucherlib.core.citation.act_number` reads it, an act made without its
    checks too: review 247 F2)."""
    if act is None or act.date != known.date:
        return False
    try:
        return act_number(act.number) == known.number
    except (ValueError, TypeError):  # (an act made without its checks: a number that reads as none)
        return False
