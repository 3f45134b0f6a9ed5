"""Ids that look alike: two ids written differently that may name one beneficiary (D39).

A beneficiary has one voucher per month (Annex 2.12, Art. 4, para 5; D28), and the audit finds
a month billed twice by comparing ids as written. An id typed twice in two ways is two ids to
that comparison, though an auditor reading the invoice sees one person: ``B-01`` and ``b-01``;
Latin ``B-01`` and Cyrillic ``В-01`` (review 50: the same on screen); ``Ö`` precomposed and
``O`` with a combining diaeresis; a personal number ``01001012345`` and ``1001012345``, the
same number once its leading zero was lost (a number cell's id is read with its zeros where the
invoice writes it so on another line: D47, :mod:`voucherlib.input.lost_zeros`). (An id holding a character that
shows as nothing is refused outright, D37.)

Two ids are *alike* when they differ but have the same :func:`alike_key`: the id in Unicode's
compatibility form (NFKC: a precomposed letter and its decomposed form, a full-width letter),
with the letters of the Cyrillic and Greek alphabets that are drawn as Latin letters written as
those Latin letters (:data:`LOOK_ALIKE`) and every dash as the hyphen-minus, in one case, and an
id of digits alone without its leading zeros. The audit does not decide that alike ids are one
beneficiary (it cannot: the letters may be meant), so no amount changes; it names every line of
alike ids billed for the same month as an ``ids-alike`` finding, and the auditor decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from itertools import islice
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from voucherlib.core.errors import label_printed
from voucherlib.core.phrases import say
from voucherlib.core.trace import count_said

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "LOOK_ALIKE",
    "MOST_ALIKE_NAMED",
    "alike_groups",
    "alike_key",
    "alike_months",
    "id_form",
    "id_shown",
    "months_said",
    "own_keys",
    "row_order",
    "shared_keys",
]

_LATIN_LOOKS = {
    # Cyrillic capitals drawn as Latin capitals
    "А": "A", "В": "B", "Е": "E", "З": "3", "І": "I", "Ј": "J", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Ѕ": "S", "Т": "T", "У": "Y", "Х": "X", "Ү": "Y", "Ԛ": "Q", "Ԝ": "W",
    "Ӏ": "I",
    # Cyrillic small letters drawn as Latin small letters
    "а": "a", "е": "e", "і": "i", "ј": "j", "о": "o", "р": "p", "с": "c", "ѕ": "s", "у": "y",
    "х": "x", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y",
    # Greek capitals drawn as Latin capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small letters drawn as Latin small letters
    "ο": "o", "ν": "v",
    # the dotted capital I of a Turkish or Azerbaijani keyboard (whose small letter is i: review 129)
    "İ": "I",
    # dashes drawn as the hyphen-minus
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
}  # fmt: skip
LOOK_ALIKE = MappingProxyType(str.maketrans(_LATIN_LOOKS))
"""The letters of the Cyrillic and Greek alphabets drawn as a Latin letter or digit (in a
typeface an invoice is printed in), and the dashes drawn as the hyphen-minus, each as that
character (a translation table for :meth:`str.translate`)."""


_FOLDED: dict[str, str] = {}
for _letter, _latin in _LATIN_LOOKS.items():
    if len(_letter.casefold()) == 1 and _letter.casefold() not in _LATIN_LOOKS:  # (a small letter the table
        # maps itself keeps its own: ν is v; İ, mapped before its case is folded, folds to two characters)
        _FOLDED.setdefault(_letter.casefold(), _latin.casefold())
_FOLDED["ı"] = "i"  # dotless i (an Azerbaijani keyboard's), whose capital is I but whose folding is itself (review 127)
_FOLDED_LOOK_ALIKE = MappingProxyType(str.maketrans(_FOLDED))
"""The small letters of :data:`LOOK_ALIKE`'s capitals that it does not map itself, each as the
small of the Latin letter its capital looks like (``в``, the small of ``В``, as ``b``; review 53:
``В-01`` and ``в-01`` differ only in case), for text whose case is folded. (Greek ``Ν`` and ``ν``,
Cyrillic ``Ӏ`` and ``ӏ``: capital and small letter are drawn as different Latin letters, N and v,
I and l; each is alike with the letter it is drawn as, not with the other.) The dotless ``ı``, whose
capital is ``I`` but whose folded form is itself, as ``i``."""


def alike_key(ident: str) -> str:
    """What two alike ids have in common (D39): ``ident`` (without the blanks around it) in NFKC,
    its :data:`LOOK_ALIKE` characters as the Latin ones they look like, case folded, the small
    letters of those capitals as the Latin ones' (:data:`_FOLDED_LOOK_ALIKE`), its letters a-z in
    upper case (so that an id such as ``B-01`` is its own key), without the marks drawn over its
    characters (an accent, a stroke: :data:`_MARKS`), each run of spaces as one; each run of the
    digits 0-9 without its leading zeros (``"0"`` for zeros alone): ``F-01`` is ``F-1`` (review
    184 F1: one shelter's month under ``F-1`` and ``F-01`` was paid twice without a word), and a
    personal number whose zero a number cell lost is its number (D47).

    >>> alike_key("В-01") == alike_key("в-01") == alike_key("b-1") == "B-1"
    True
    >>> alike_key("01001012345"), alike_key("000"), alike_key("F-010.007")
    ('1001012345', '0', 'F-10.007')
    """
    ident = ident.strip()
    if ident.isascii():  # (NFKC, the table and case folding of ASCII text: its lower case)
        key = ident.upper()
    else:
        # each letter as the Latin one it looks like in its case (Ν is N, ν is v), then folded,
        # then a small letter whose capital looks like a Latin one (в) as that letter's small
        looks = unicodedata.normalize("NFKC", ident).translate(LOOK_ALIKE)
        # (and a small letter the table maps, met only once folded: Һ is һ, drawn as h; review 127)
        # (the dot a folded İ keeps over its i dropped, as the table drops İ's: review 130)
        folded = looks.casefold().replace("i\u0307", "i").translate(_FOLDED_LOOK_ALIKE).translate(LOOK_ALIKE).casefold()
        # (NFKC writes a spacing ¨ as a space and a mark)
        key = unicodedata.normalize("NFKC", folded).strip()
        if not key.isascii():  # a mark over a character (B-01 with an acute over its 1, which has no
            # precomposed form, or a stroke over it): alike with the character alone (review 170 F1)
            key = "".join(c for c in unicodedata.normalize("NFD", key) if unicodedata.category(c) not in _MARKS)
        key = key.translate(_ASCII_UPPER)
    if "  " in key or not key.isascii():  # a run of spaces as one (review 65: `B 01`, `B  01`)
        key = " ".join(key.split())
    if "0" in key:
        key = _LEADING_ZEROS.sub("", key)
    return key


_LEADING_ZEROS = re.compile(r"(?<![0-9])(?<![0-9][.,])0+(?=[0-9])")
"""The zeros that begin a run of digits and are not all of it (``007``: ``7``; ``000``: ``0``), but
for the digits of a fraction, after a digit and a point or a comma (``0.05`` and ``0.5``, ``V1.02``
and ``V1.2`` are other numbers: review 186 F6)."""


_MARKS = frozenset({"Mn", "Me"})
"""The marks drawn over or around another character (nonspacing and enclosing: an accent, a stroke)."""


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def shared_keys(ids: Any) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The ids whose key (:func:`alike_key`) another id has, as their positions in ``ids`` (an Arrow
    text array of distinct ids without their blanks), and each one's key as a number (equal for
    alike ids). An ASCII id's key is computed in the column, any other by :func:`alike_key`; as
    most ids are their own key (``B-01``, ``01001012345`` has another), only ids that are not,
    and ids that are the key of one of those, are compared."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    none = np.zeros(0, dtype=np.int64)
    if _one_shape(ids):  # (ids of one form, B-0000001 ... B-0099999: no two have one key)
        return none, none
    keys = pc.ascii_upper(ids)
    # (an id with a run of spaces is not its key either: done as the others)
    spaced = pc.or_(pc.invert(pc.string_is_ascii(ids)), pc.match_substring(ids, "  "))
    other = np.flatnonzero(spaced.to_numpy(zero_copy_only=False))
    if len(other):
        mask = np.zeros(len(ids), dtype=np.bool_)
        mask[other] = True
        own = pa.array([alike_key(s) for s in ids.take(pa.array(other)).to_pylist()], pa.string())
        keys = pc.replace_with_mask(keys, pa.array(mask), own)
    # each run of digits without its leading zeros but a fraction's (_LEADING_ZEROS, in RE2: no look-behind)
    keys = pc.replace_substring_regex(keys, pattern="(^|[^0-9.,]|[^0-9][.,]|^[.,])0+([0-9])", replacement="\\1\\2")
    changed = pc.not_equal(keys, ids)
    written = pc.and_(pc.string_is_ascii(ids), pc.utf8_is_decimal(ids))  # (ids written in digits 0-9)
    numbers = pc.utf8_length(ids.filter(written))
    if len(numbers) and pc.min(numbers).as_py() == pc.max(numbers).as_py():
        # ids written in digits alone, all of one length (personal numbers: 11 digits), have keys
        # of their own (the zeros a key lacks are the length less its own): none is looked for as
        # another's (another id whose key is one of theirs, З00 as 300, still finds it)
        changed = pc.and_(changed, pc.invert(written))
    if not pc.any(changed).as_py():  # every id its own key: distinct ids, distinct keys
        return none, none
    # two ids of one key: one of them at least is not its key (distinct ids that are their keys differ)
    involved = np.flatnonzero(pc.is_in(keys, value_set=keys.filter(changed)).to_numpy(zero_copy_only=False))
    encoded = keys.take(pa.array(involved)).dictionary_encode()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    shared = np.bincount(codes, minlength=len(encoded.dictionary))[codes] > 1
    return involved[shared], codes[shared]


IdForm = tuple[int, bytes]
"""The form of ids (:func:`id_form`): their length, and each place's character, a digit as ``0``."""


def id_form(lines: str) -> IdForm | None:
    """The one form of the ids of ``lines`` (one a line), or None: printable ASCII without a small
    letter, of one length, each with its digits at the same places and the same other characters
    there (``B-0000001``, ``B-0012345``). No two such ids have one key (:func:`alike_key`): each is
    its key but for the leading zeros of its runs of digits, and runs of one length keep their
    differences without them; so ids all of one form are none alike, however they came (in runs
    of rows: the same form in each). Read from the text's bytes at once, with numpy (a regular
    expression per id took 24 ms for 100,000; without numpy: None)."""
    if not lines.isascii() or "\n\n" in lines:
        return None
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is in every extra that reads files in columns
        return None
    width = lines.find("\n") if "\n" in lines else len(lines)
    data = np.frombuffer((lines + "\n").encode("ascii"), dtype=np.uint8)
    if width <= 0 or len(data) % (width + 1):
        return None
    rows = data.reshape(-1, width + 1)
    if not (rows[:, width] == 0x0A).all():
        return None
    return _form_of_rows(rows[:, :width])


def _form_of_rows(rows: Any) -> IdForm | None:
    """:func:`id_form` of ids as the rows of a 2-D array of bytes (one id a row, all of one length)."""
    if ((rows < 0x20) | (rows > 0x7E) | ((rows >= 0x61) & (rows <= 0x7A))).any():  # (ASCII, no small letter)
        return None
    digits = (rows >= 0x30) & (rows <= 0x39)
    if not (digits == digits[0]).all():
        return None
    others = ~digits[0]
    if not (rows[:, others] == rows[0, others]).all():
        return None
    first = rows[0].copy()
    first[digits[0]] = 0x30
    form = first.tobytes()
    return None if b"  " in form else (len(form), form)


def _one_shape(ids: Any) -> bool:
    """Whether the distinct ids of the Arrow text array ``ids`` are all of one form
    (:func:`id_form`), read from the array's bytes."""
    import numpy as np
    import pyarrow as pa

    n = len(ids)
    if n < 2 or ids.null_count or not pa.types.is_string(ids.type):
        return n < 2
    offsets = np.frombuffer(ids.buffers()[1], dtype=np.int32, count=n + 1, offset=4 * ids.offset)
    width = int(offsets[1] - offsets[0])
    if width == 0 or not (np.diff(offsets) == width).all():
        return False
    data = np.frombuffer(ids.buffers()[2], dtype=np.uint8, count=n * width, offset=int(offsets[0]))
    return _form_of_rows(data.reshape(n, width)) is not None


def alike_groups(ids: Sequence[str]) -> dict[str, int]:
    """The ids of ``ids`` (distinct, without their blanks) whose key another id has, each with its
    key as a number: in Arrow's columns when pyarrow is installed (:func:`shared_keys`), else one
    id at a time."""
    joined = "\n".join(ids)
    if own_keys(joined) or id_form(joined) is not None:  # (distinct ids, distinct keys)
        return {}
    try:
        import pyarrow as pa
    except ImportError:
        numbers: dict[str, int] = {}
        each = [numbers.setdefault(alike_key(i), len(numbers)) for i in ids]
        counted = Counter(each)
        return {i: code for i, code in zip(ids, each, strict=True) if counted[code] > 1}
    at, codes = shared_keys(pa.array(ids, pa.string()))
    return {ids[i]: code for i, code in zip(at.tolist(), codes.tolist(), strict=True)}


def own_keys(lines: str) -> bool:
    """Whether every id of ``lines`` (one a line) is its own :func:`alike_key`: ASCII with no small
    letter and no run of digits that starts with a zero (an id holds no line break, D37). A few passes in C over every id at
    once, so a file of ids such as ``B-01`` is done at once."""
    return (
        lines.isascii()
        and not _SMALL.search(lines)
        and not ("0" in lines and _LEADING_ZEROS.search(lines))
        and "  " not in lines  # (a run of spaces is one in its key)
    )


_SMALL = re.compile("[a-z]")


_GEORGIAN = re.compile("[\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f]")
"""The Georgian letters (Asomtavruli, Mkhedruli, Mtavruli, Nuskhuri)."""


def id_shown(ident: str) -> str:
    """An id as a finding names it: with the code point of each character that is neither ASCII
    nor a Georgian letter, so that ids that look the same read apart (``В-01 (U+0412)``)."""
    odd = [f"U+{ord(c):04X}" for c in dict.fromkeys(ident) if not (c.isascii() or _GEORGIAN.match(c))]
    return f"{ident} ({', '.join(odd)})" if odd else ident


MOST_ALIKE_NAMED = 1000
"""The months under alike ids that :func:`alike_months` names with their rows
(the rest are counted only: a file of half a million alike pairs kept them all, doubling the
memory of a million-row settle; review 53)."""


def row_order(row: Any) -> tuple[bool, int, str]:
    """Rows in file order: numbers by their value, before any other label (by its text)."""
    return (True, 0, str(row)) if type(row) is not int else (False, row, "")


def alike_months(
    first: dict[tuple[str, str], Any], found: dict[tuple[str, str], list[Any]]
) -> tuple[dict[tuple[str, str], list[Any]], int]:
    """The months billed or computed under ids that look alike (D39), the first
    :data:`MOST_ALIKE_NAMED` of them as (the ids as a finding shows them, month) -> their rows in
    file order, and how many there are: ``first`` the first row of each (id, month), ``found``
    every row of those that have more than one (:attr:`~voucherlib.reports.settlement_file.RepeatedMonths.alike`,
    :attr:`~voucherlib.reports.facility_file.FacilityReport.alike`)."""
    code_of = alike_groups(list(set(map(itemgetter(0), first))))
    if not code_of:
        return {}, 0
    one: dict[tuple[int, str], str] = {}  # each (key, month): its first id
    several: dict[tuple[int, str], None] = {}  # those with another id too, in the order found
    for ident, month in first:
        code = code_of.get(ident)
        if code is not None and one.setdefault((code, month), ident) != ident:
            several[code, month] = None
    named = set(islice(several, MOST_ALIKE_NAMED))
    groups: dict[tuple[int, str], dict[str, list[Any]]] = defaultdict(dict)
    for (ident, month), row in first.items():
        code = code_of.get(ident)
        if code is not None and (code, month) in named:
            groups[code, month][ident] = found.get((ident, month), [row])
    months = {
        (", ".join(map(id_shown, by_id)), month): sorted(
            (row for rows in by_id.values() for row in rows), key=row_order
        )
        for (_, month), by_id in groups.items()
    }
    return months, len(several)


def months_said(
    lang: str,
    key: str,
    found: dict[tuple[str, str], list[Any]],
    count: int,
    *,
    item: str = "{month}: {ids} ({rows})",
    rows_text: Callable[[list[Any]], str] = lambda rows: ", ".join(map(label_printed, rows)),
    most: int = 10,
) -> str:
    """Months named with their ids and rows (``found``, :func:`alike_months`'s or a repeat's) in
    the sentence of phrase ``key``: how many (``count``) and the first ``most``; empty for none."""
    if not found:
        return ""
    items = [
        item.format(ids=ids, month=month, rows=say(lang, "label.rows", rows=rows_text(rows)))
        for (ids, month), rows in islice(found.items(), most)
    ]
    more = ", ..." if count > most else ""
    return say(
        lang, key, count=count_said(count, lang), items=", ".join(items) + more
    )  # ("1,200 months": review 229 M4)
