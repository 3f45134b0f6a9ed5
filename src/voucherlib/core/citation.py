"""Citations: where in the law a value or a step comes from, as structured data.

A provision of the 2021 program (Annex 2.12, Art. 4, para 5, ...) belongs to the State
Program approved by Government Decree No. 825 of 31 Dec 2020. Decree No. 467 of 15 Sep 2021
has two articles: its Art. 1 rewords (or adds) provisions of that program, each in a
paragraph and subparagraph of its own (e.g. Art. 1, para 2, subparagraph "კ.ბ.ბ"), and its
Art. 2 sets the dates. So a citation names

* the act that holds the provision (:attr:`Citation.act`) and the provision itself
  (annex, article, paragraph, subparagraph), and
* where the text was amended, the amending act and its own article, paragraph and
  subparagraph (:attr:`Citation.amended_by`).

>>> c = Citation(
...     act="decree_825", annex="2.12", article=4, paragraph=5,
...     amended_by=Amendment(act="decree_467", article=1, paragraph=2, subparagraph="კ.ბ.ბ"),
... )
>>> print(c.text())
Annex 2.12, Art. 4, para 5 of the State Program approved by Government Decree No. 825 of 31 Dec 2020, as worded by Decree No. 467 of 15 Sep 2021, Art. 1, para 2(k.b.b)
>>> print(c.text("ka"))
საქართველოს მთავრობის 2020 წლის 31 დეკემბრის №825 დადგენილებით დამტკიცებული სახელმწიფო პროგრამის №2.12 დანართის მე-4 მუხლის მე-5 პუნქტი (საქართველოს მთავრობის 2021 წლის 15 სექტემბრის №467 დადგენილების პირველი მუხლის მე-2 პუნქტის „კ.ბ.ბ“ ქვეპუნქტის რედაქციით)

An act may be given by the key of a bundled act (``"decree_825"``, ``"decree_467"``; see
``voucherlib/data/acts.toml``) or in full. :meth:`Citation.to_dict` is the JSON-ready form.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StrictBool, StrictInt, field_validator, model_validator

from voucherlib.core.errors import InvalidInput
from voucherlib.core.frozen import FrozenMap, PublicModel
from voucherlib.core.held import held_text
from voucherlib.core.month import dates_by_policy

__all__ = ["Act", "Amendment", "Citation", "bundled_act", "latin_subparagraph"]

# The Georgian letters that number subparagraphs, in the order of the alphabet, with the Latin
# letters an English citation writes for reading (the decree's "თ.ა.ბ" is "t.a.b"): the national
# romanisation, but that კ, პ, ყ are written k, p, q (as the translation of the Program writes
# "k.b.b") and ქ, ფ k', p' (the national system writes them the other way round). The Georgian
# letter is the reference, which Citation.subparagraph holds (D42; review 84).
_LETTERS = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t", "ი": "i",
    "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh", "რ": "r", "ს": "s",
    "ტ": "t'", "უ": "u", "ფ": "p'", "ქ": "k'", "ღ": "gh", "ყ": "q", "შ": "sh", "ჩ": "ch",
    "ც": "ts", "ძ": "dz", "წ": "ts'", "ჭ": "ch'", "ხ": "kh", "ჯ": "j", "ჰ": "h",
}  # fmt: skip

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_KA_GENITIVE = (
    "იანვრის", "თებერვლის", "მარტის", "აპრილის", "მაისის", "ივნისის",
    "ივლისის", "აგვისტოს", "სექტემბრის", "ოქტომბრის", "ნოემბრის", "დეკემბრის",
)  # fmt: skip


def latin_subparagraph(georgian: str) -> str:
    """The transliteration of a subparagraph number: ``"კ.ბ.ბ"`` -> ``"k.b.b"``."""
    return ".".join(_LETTERS[letter] for letter in georgian.split("."))


def _check_subparagraph(value: str | None) -> str | None:
    if value is None:
        return None
    parts = value.split(".")
    if not all(p in _LETTERS for p in parts):
        raise ValueError(
            f"subparagraph {value!r} must be Georgian letters joined by dots, as the decree writes it "
            "(e.g. 'გ' or 'კ.ბ.ბ'); the Latin form is derived from it"
        )
    return value


_NUMBER_SIGN = re.compile(r"(?:[№#]|N[o°º]?\.?(?=\s*[\d№#]))\s*", re.IGNORECASE)
"""A number sign before an act's number, as Georgian (``№467``, ``N467``) and English (``No. 467``,
``#467``) write it (``N`` and ``No`` before a digit alone: ``NCDC-1`` is a number of its own)."""


def act_number(number: str) -> str:
    """An act's number as voucherlib knows the act by: without invisible characters, the number
    signs written before it (``№``, ``No.``, ``N``, ``#``), blanks around it or a full stop after
    it; its decimal digits of any script as ASCII digits (full-width, Arabic-Indic) and, when it is
    digits alone, without leading zeros (``0467``: 467). Reading it again gives the same. Review 246
    F1, review 247 F1, review 248: Decree No. 467 written ``№467``, ``#467``, ``0467`` or in
    full-width digits was another act, so none of its citation checks ran, and was said ``№№467``;
    a superscript or circled digit is no digit of the number (``467¹`` is not 4671). A ValueError
    for a number with no letter or digit."""
    text = "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else c for c in number if unicodedata.category(c) != "Cf"
    ).strip()
    for _ in range(len(text)):  # (each sign before it: "No. №467", "#№467")
        sign = _NUMBER_SIGN.match(text)
        if sign is None or sign.end() == len(text):
            break
        text = text[sign.end() :].strip()
    text = re.sub(r"[.\s]+\Z", "", text)
    if not any(c.isalnum() for c in text) or re.fullmatch(r"(?:[№#]|N[o°º]?\.?)\s*", text, re.IGNORECASE):
        raise ValueError("a number with a digit or a letter, such as 825 (the sign № before it is left out)")
    return (text.lstrip("0") or "0") if text.isascii() and text.isdecimal() else text


def date_ka(day: dt.date) -> str:
    """A date as Georgian acts write it, in the genitive: ``"2021 წლის 15 სექტემბრის"``."""
    return f"{day.year} წლის {day.day} {_MONTHS_KA_GENITIVE[day.month - 1]}"


def date_en(day: dt.date) -> str:
    """A date as ``"15 Sep 2021"``."""
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def _inflect(words: str, ending: str) -> str:
    """Georgian inflects the noun that closes a phrase: its final -ა or -ი becomes -ის (genitive,
    "of") or -ით (instrumental, "by"): დადგენილება -> დადგენილების, მუხლი -> მუხლით."""
    return words[:-1] + ending if words.endswith(("ა", "ი")) else words


def ordinal_ka(n: int) -> str:
    """The Georgian ordinal of ``n`` as a citation writes it: ``პირველი``; ``მე-N`` where the
    ordinal is the numeral in one word between მე- and -ე (2 to 20, 40, 60, 80, the hundreds,
    1,000: ``მე-5``, ``მე-40``); ``N-ე`` where the numeral is compound and the prefix goes inside it
    (``30-ე``, ``21-ე``, ``101-ე``; review 182 F1: the Labour Code's "მე-30 მუხლი")."""
    if n == 1:
        return "პირველი"
    one_word = 2 <= n <= 20 or n in (40, 60, 80, 1000) or (n % 100 == 0 and 100 <= n <= 900)
    return f"მე-{n}" if one_word else f"{n}-ე"


class Act(PublicModel):
    """A legal act: who issued it, what kind it is, its number and its date."""

    model_config = ConfigDict(extra="forbid")

    issuer: str = "Government"
    """Who issued the act, in English (``"Government"`` of Georgia)."""
    issuer_ka: str = "საქართველოს მთავრობის"
    """Who issued the act, in Georgian, in the genitive (``"საქართველოს მთავრობის"``)."""
    kind: Literal["decree", "ordinance"] = "decree"
    """``"decree"`` (დადგენილება, a normative act) or ``"ordinance"`` (განკარგულება)."""
    number: str
    """The act's number, e.g. ``"825"`` (a number sign before it, ``№467``, ``No. 467``, and blanks
    around it are left out: an act is known by its number and date)."""
    date: dt.date
    """The day the act was adopted."""
    _dates = dates_by_policy("date", required=True)  # (None in the words of every date: review 237 F4)
    _number = field_validator("number")(act_number)
    title: str | None = None
    """The act's title in English."""
    title_ka: str | None = None
    """The act's title in Georgian, as published."""
    approves: str | None = None
    """What the act approves, when the provisions cited live there (``"State Program"``)."""
    approves_ka: str | None = None
    """The same in Georgian (``"სახელმწიფო პროგრამა"``)."""
    published: str | None = None
    """Where and when the act was published, e.g. its matsne.gov.ge registration code."""
    source: str | None = None
    """Where the text (or a report of it) can be read: an address."""

    def name(self, lang: str = "en", *, issuer: bool = True) -> str:
        """``"Government Decree No. 825 of 31 Dec 2020"``, or the Georgian nominative form.

        ``issuer=False`` leaves out who issued it (in English), for an act named right after
        another act of the same issuer.
        """
        if lang == "ka":
            noun = "დადგენილება" if self.kind == "decree" else "განკარგულება"
            return f"{self.issuer_ka} {date_ka(self.date)} №{self.number} {noun}"
        kind = "Decree" if self.kind == "decree" else "Ordinance"
        who = f"{self.issuer} " if issuer and self.issuer else ""
        return f"{who}{kind} No. {self.number} of {date_en(self.date)}"

    def _ka(self, ending: str) -> str:
        return _inflect(self.name("ka"), ending)

    def __str__(self) -> str:
        return self.name("en")


@cache
def _bundled_acts() -> FrozenMap[str, Act]:
    text = resources.files("voucherlib.data").joinpath("acts.toml").read_text(encoding="utf-8")
    return FrozenMap({key: Act.model_validate(raw) for key, raw in tomllib.loads(text)["acts"].items()})


def bundled_act(key: str) -> Act:
    """A bundled act by its key, e.g. ``"decree_825"`` (see ``voucherlib/data/acts.toml``)."""
    try:
        return _bundled_acts()[key]
    except KeyError:
        known = ", ".join(sorted(_bundled_acts()))
        # (an InvalidInput, a ValueError too, so that a model's validator reports it as before: review 86)
        raise InvalidInput("act", key, f"an act given in full, or one of {known}") from None


def _act_of(value: Any) -> Any:
    return bundled_act(value) if isinstance(value, str) else value


Numbered = Annotated[StrictInt, Field(ge=1)]
"""An article's or a paragraph's number: a whole number from 1, never a bool, a float or text
(a rule-set file writes it as a TOML integer, D27)."""


class Amendment(PublicModel):
    """The place in an amending act that gave a provision its wording (or added it)."""

    model_config = ConfigDict(extra="forbid")

    act: Act
    """The amending act (Decree No. 467 of 15 Sep 2021); a bundled act's key is accepted."""
    article: Numbered
    """The article of the amending act (Art. 1 of Decree 467 holds every amendment)."""
    paragraph: Numbered | None = None
    """The paragraph of that article (Decree 467, Art. 1: para 1 amends Annex No. 1, para 2 Annex No. 2)."""
    subparagraph: str | None = None
    """The subparagraph in Georgian letters, e.g. ``"კ.ბ.ბ"`` (``k.b.b``)."""
    added: StrictBool = False  # (review 240 F7: "yes" and 1 were read as True)
    """True when the amendment added the provision ("დაემატოს") rather than reworded it."""

    _act = field_validator("act", mode="before")(_act_of)
    _sub = field_validator("subparagraph")(_check_subparagraph)

    def place(self, lang: str = "en") -> str:
        """``"Art. 1, para 2(k.b.b)"`` or ``"პირველი მუხლის მე-2 პუნქტის „კ.ბ.ბ“ ქვეპუნქტი"``."""
        return _place(self.article, self.paragraph, self.subparagraph, None, lang)


def _place(article: int | None, paragraph: int | None, sub: str | None, item: str | None, lang: str) -> str:
    """The article-paragraph-subparagraph chain (the last word in the nominative in Georgian)."""
    if lang == "ka":
        parts: list[tuple[str, str]] = []
        if article is not None:
            parts.append((ordinal_ka(article), "მუხლი"))
        if paragraph is not None:
            parts.append((ordinal_ka(paragraph), "პუნქტი"))
        if sub:
            parts.append((f"„{sub}“", "ქვეპუნქტი"))
        words = [f"{n} {_inflect(noun, 'ის')}" for n, noun in parts[:-1]]
        if parts:
            n, noun = parts[-1]
            words.append(f"{n} {_inflect(noun, 'ის') if item else noun}")
        if item:
            words.append("ცხრილი")
        return " ".join(words)
    out: list[str] = []
    if article is not None:
        out.append(f"Art. {article}")
    if paragraph is not None:
        out.append(f"para {paragraph}" + (f"({latin_subparagraph(sub)})" if sub else ""))
    elif sub:
        out.append(f"subpara ({latin_subparagraph(sub)})")
    if item:
        out.append(item)
    return ", ".join(out)


class Citation(PublicModel):
    """A place in the law, with the act that holds it and, when amended, the amending act.

    Fields are data (a JSON trace reads them); :meth:`text` renders them in English or
    Georgian, :meth:`to_dict` gives them with both texts.
    """

    model_config = ConfigDict(extra="forbid")

    act: Act | None = None
    """The act that holds the provision (Decree No. 825 for the 2021 program); a bundled
    act's key (``"decree_825"``) is accepted. None only for a source that is not an act (then
    ``note`` says what it is)."""
    annex: str | None = None
    """The annex of the approved program, e.g. ``"2.12"``."""
    article: Numbered | None = None
    """The article of the annex (or of the act itself when there is no annex)."""
    paragraph: Numbered | None = None
    """The paragraph of the article."""
    subparagraph: str | None = None
    """The subparagraph in Georgian letters, e.g. ``"გ"`` (rendered ``g`` in English)."""
    item: Literal["table"] | None = None
    """A part of the provision that is not numbered: ``"table"`` (the table of the article)."""
    amended_by: Amendment | None = None
    """Where the provision's wording comes from when an amending act gave it (Decree 467)."""
    note: str | None = None
    """A short remark, e.g. how a value was derived."""
    note_ka: str | None = None
    """The remark in Georgian (the Georgian text says it where the English says ``note``)."""

    _act = field_validator("act", mode="before")(_act_of)
    _sub = field_validator("subparagraph")(_check_subparagraph)

    @model_validator(mode="after")
    def _an_act_or_a_note(self) -> Citation:
        for name in ("note", "note_ka"):  # (review 190 F4: a note " " cited "[ ]")
            text = getattr(self, name)
            if text is not None and not any(c.isprintable() and not c.isspace() for c in text):
                raise ValueError(f"{name!r} shows nothing: write what the source is, or leave it out")
        if self.act is None and not self.note:
            raise ValueError("a citation names an act, or says in 'note' what its source is")
        if self.note_ka and not self.note:
            raise ValueError("'note_ka' is the Georgian of 'note', which is missing")
        return self

    def provision(self, lang: str = "en") -> str:
        """The provision alone: ``"Annex 2.12, Art. 4, para 5"`` (no act)."""
        chain = _place(self.article, self.paragraph, self.subparagraph, self.item, lang)
        if lang == "ka":
            annex = f"№{self.annex} დანართის" if self.annex else ""
            return " ".join(p for p in (annex, chain) if p)
        return ", ".join(p for p in (f"Annex {self.annex}" if self.annex else "", chain) if p)

    def text(self, lang: str = "en") -> str:
        """The citation in English (``"en"``) or Georgian (``"ka"``), as a lawyer cites it."""
        return self._text_ka() if lang == "ka" else self._text_en()

    def _text_en(self) -> str:
        where = self.provision("en")
        if self.act is None:
            return ", ".join(p for p in (where, self.note) if p)
        if not where:
            text = self.act_text("en")
        elif self.act.approves and self.annex:
            text = f"{where} of the {self.act.approves} approved by {self.act}"
        else:
            text = f"{where} of {self.act}"
        if self.amended_by:
            text += self._amendment("en")
        if self.note:
            text += f" ({self.note})"
        return text

    def _amendment(self, lang: str) -> str:
        """The amending act and its place, as the citation's text ends with it."""
        a = self.amended_by
        assert a is not None and self.act is not None
        if lang == "ka":
            place = _place(a.article, a.paragraph, a.subparagraph, None, "ka")
            place = f"{_inflect(place, 'ით')} დამატებული" if a.added else f"{_inflect(place, 'ის')} რედაქციით"
            return f" ({a.act._ka('ის')} {place})"
        verb = "as added by" if a.added else "as worded by"
        same = a.act.issuer == self.act.issuer
        return f", {verb} {a.act.name(issuer=not same)}, {a.place()}"

    def short(self, lang: str = "en") -> str:
        """The citation without the act the provision is in (for a table of many provisions of
        one act, named once by :meth:`act_text`): the provision and, when amended, the amending
        act and its place (``Annex 2.8, Art. 6, para 1, as worded by Decree No. 467 of 15 Sep
        2021, Art. 1, para 2(t.a.a)``)."""
        where = self.provision(lang)
        if self.act is None or not where or not self.annex:
            return self.text(lang)
        note = (self.note_ka or self.note) if lang == "ka" else self.note  # (as _text_ka: review 180 F3)
        return where + (self._amendment(lang) if self.amended_by else "") + (f" ({note})" if note else "")

    def act_text(self, lang: str = "en") -> str:
        """The act the provision is in, as the citation's text names it (``the State Program
        approved by Government Decree No. 825 of 31 Dec 2020``)."""
        if self.act is None:
            return ""
        if lang == "ka":
            approves = self.act.approves_ka
            return f"{self.act._ka('ით')} დამტკიცებული {approves}" if approves else self.act.name("ka")
        return f"the {self.act.approves} approved by {self.act}" if self.act.approves else str(self.act)

    def _text_ka(self) -> str:
        where = self.provision("ka")
        if self.act is None:  # its note, as in English (a caller's note without a Georgian one: as given; review 36)
            return ", ".join(p for p in (where, self.note_ka or self.note) if p)
        approves = self.act.approves_ka
        if not where:
            text = self.act_text("ka")
        elif approves and self.annex:
            text = f"{self.act._ka('ით')} დამტკიცებული {_inflect(approves, 'ის')} {where}"
        else:
            text = f"{self.act._ka('ის')} {where}"
        if self.amended_by:
            text += self._amendment("ka")
        note = self.note_ka or self.note  # a note without its Georgian, as given (review 180 F3: it was
        if note:  # dropped, and a rate the note calls an assumption read as the decree's own)
            text += f" ({note})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The citation's fields (dates as ISO text, empty fields left out) and its two texts."""
        data = self.model_dump(mode="json", exclude_none=True)
        if self.subparagraph:
            data["subparagraph_latin"] = latin_subparagraph(self.subparagraph)
        if self.amended_by and self.amended_by.subparagraph:
            data["amended_by"]["subparagraph_latin"] = latin_subparagraph(self.amended_by.subparagraph)
        data["text"] = {"en": self.text("en"), "ka": self.text("ka")}
        return data

    def __str__(self) -> str:
        return self.text("en")


_ANNEX = re.compile(r"\s*(?:annex|დანართი)?\s*(?:№|no\.?|#)?\s*(\d+(?:\.\d+)+)\s*", re.IGNORECASE)


def annex_key(annex: object) -> str | None:
    """The number of the annex ``annex`` names (``"2.4"``), written as the decree and its
    translation write it, in either language (``2.4``, ``Annex 2.4``, ``annex 2.4``, ``№2.4``,
    ``დანართი №2.4``: review 194 F7, what ``--lang ka`` itself writes was refused); None for any
    other value.

    >>> [annex_key(a) for a in ("2.4", "Annex 2.4", "annex No. 2.4", "დანართი №2.4", "2,4", 2.4)]
    ['2.4', '2.4', '2.4', '2.4', None, None]
    """
    if not isinstance(annex, str):
        return None
    found = _ANNEX.fullmatch(held_text(annex))
    return found.group(1) if found else None
