"""Citations: where in the law a value or a step comes from.

A citation names the act (the decree), the annex, the article, the paragraph and the
sub-paragraph, so that an auditor can open the decree at the right place.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Citation"]


class Citation(BaseModel):
    """A place in the law, e.g. Decree No. 467, Annex 2.12, Art. 4, para 5."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    act: str
    """The act that sets the rule, e.g. ``"Government of Georgia Decree No. 467 of 15 Sep 2021"``."""
    act_ka: str | None = None
    """The act's name in Georgian, for explanations in Georgian."""
    amends: str | None = None
    """The act it amends, if any (Decree No. 825 of 31 Dec 2020 for Decree 467)."""
    annex: str | None = None
    article: int | None = None
    paragraph: int | None = None
    subparagraph: str | None = None
    """A sub-paragraph letter in Georgian and its transliteration, e.g. ``"გ (g)"``."""
    note: str | None = None
    """A short remark, e.g. how a value was derived."""

    def text(self, lang: str = "en") -> str:
        """The citation in English (``"en"``) or Georgian (``"ka"``)."""
        ka = lang == "ka"
        annex, article, paragraph, subparagraph = _LABELS["ka" if ka else "en"]
        parts = [(self.act_ka or self.act) if ka else self.act]
        if self.annex:
            parts.append(annex.format(self.annex))
        if self.article is not None:
            parts.append(article.format(self.article))
        if self.paragraph is not None:
            parts.append(paragraph.format(self.paragraph))
        if self.subparagraph:
            parts.append(subparagraph.format(self.subparagraph.split()[0] if ka else self.subparagraph))
        text = ", ".join(parts)
        if self.note and not ka:
            text += f" ({self.note})"
        return text

    def __str__(self) -> str:
        return self.text("en")


_LABELS = {
    "en": ("Annex {}", "Art. {}", "para. {}", "sub-para. {}"),
    "ka": ("დანართი №{}", "მუხლი {}", "პუნქტი {}", "ქვეპუნქტი „{}“"),
}
