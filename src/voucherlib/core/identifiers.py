"""What an id or a name that stands for one thing may hold (D37).

A beneficiary's id, a facility's, a safe housing unit's name: two that look the same must be the
same. A character that shows as nothing or as a plain space would make two of one (review 47:
``B-01`` and ``B-01`` with a zero-width space were paid the same month twice), so such a name
is refused naming the character; the spaces around a name are no part of it.
"""

from __future__ import annotations

import re
import unicodedata

from voucherlib.core.errors import Reason

__all__ = ["INVISIBLE", "NO_CHARACTERS", "invisible_char", "odd_char", "unknown_char"]

NO_CHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17)
)
"""The code points that are no character (a character class's text): the lone surrogates (no
UTF-8 file holds one) and Unicode's noncharacters (U+FDD0 to U+FDEF, and the last two of each
plane, U+FFFE, U+FFFF, U+1FFFE ...), which no text means and a page or a sheet shows as an empty
box, if at all (review 285 F1: ``B-01`` and ``B-01`` with U+FFFE were paid the same month twice,
with no finding)."""

INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]"
)
"""The characters that show as nothing, or as a plain space: control characters (C0, DEL, C1),
Unicode's format characters (category Cf: a zero-width space, a byte order mark, a direction
mark, a soft hyphen), its default-ignorable code points (a combining grapheme joiner, variation
selectors, Hangul fillers, tags), its spaces other than the space itself (a no-break space, a
thin space) and the blank braille pattern. (A test checks it holds every Cf character Python
knows.) An id is checked without the spaces around it, which are no part of it."""


def invisible_char(text: str) -> str | None:
    """The first character of ``text`` that shows as nothing (:data:`INVISIBLE`; an id holding
    one is refused, D37), or None."""
    found = INVISIBLE.search(text)
    return None if found is None else found.group()


_NO_AGREED_CHARACTER = frozenset(("Cn", "Co", "Cs"))
"""Unicode's general categories of code points that are no agreed character: unassigned (the
noncharacters among them), private use, surrogates."""


def unknown_char(text: str) -> str | None:
    """The first code point of ``text`` that is no agreed character (D37): one Unicode does not
    assign (as this Python knows Unicode; a noncharacter such as U+FFFE or U+FDD0 too), one for
    private use (U+E000: a font's own sign, if any), a lone surrogate. A page shows it as an empty
    box, if at all: ``B-01`` and ``B-01`` with one looked the same and were paid the same month
    twice, with no finding (reviews 285 F1, 286 F1). Each distinct character past ASCII is looked
    up once (a column of a hundred thousand ids holds a few dozen)."""
    if text.isascii():
        return None
    odd = [c for c in set(text) if not c.isascii() and unicodedata.category(c) in _NO_AGREED_CHARACTER]
    return min(odd, key=text.index) if odd else None


def odd_char(text: str) -> tuple[Reason | None, str] | None:
    """A character of ``text`` that makes a name stand for two things (D37): the first invisible
    one (:func:`invisible_char`), else the first of no agreed character (:func:`unknown_char`), as
    ``(what, "U+200B")``, ``what`` None for an invisible one, else what the code point is (Unicode
    {version} assigns it no character; for private use; a lone surrogate: review 288 F6); None for
    a name of visible characters. The one check of an id's and a housing unit's characters, each
    refusal choosing its words by the kind."""
    found = invisible_char(text)
    if found is not None:
        return None, f"U+{ord(found):04X}"
    found = unknown_char(text)
    if found is None:
        return None
    kind = unicodedata.category(found)
    if kind == "Co":
        what = Reason.phrase("value.private_use")
    elif kind == "Cs":
        what = Reason.phrase("value.surrogate")
    else:  # (Cn: unassigned, a noncharacter among them)
        what = Reason.phrase("value.unassigned", version=unicodedata.unidata_version)
    return what, f"U+{ord(found):04X}"
