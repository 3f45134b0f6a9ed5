"""The plain fast path of a workbook's reading.

Most workbooks (Excel's, LibreOffice's, openpyxl's, xlsxwriter's) write their rows in one plain
form: ``<row r="N" ...>`` holding ``<c r="B7" s=".." t="..">`` cells each with at most a
``<v>`` value, and shared strings ``<si><t>text</t></si>``. Such parts are read here whole (a
sheet: each row checked against :data:`_ROW_FORM` by RE2, then its tags found by their ``<``
with numpy; the shared strings by one regular-expression pass), column by column, giving the
very values of the streaming parser of :mod:`voucherlib.input.xlsx_file`.

Anything outside that form (a formula, an inline string, rich text, a cell without its
reference, a namespace prefix or a namespace declared below the root, a comment, a processing
instruction, a CDATA section, an XML declaration other than UTF-8's written plainly, anything
but white space before the first row or after the last, a character reference, a repeated
column, a part near a cap) raises :class:`_NotPlain` and the part is read by the streaming
parser instead, which reads it or refuses it with its reason: this path never refuses a
workbook and never reads one differently. Nor does it fail: whatever else goes wrong on it (on
either of its threads) hands the part to the streaming parser, and without a thread to start
its work runs on the calling one. Tags are told apart by their whole names (``<row``, ``<c``,
``<v``), and no offset reaches Arrow before it is checked (:func:`_binary`): a part that is not
plain is never read out of bounds while its rows are still being checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, fromstring

from voucherlib.input.files import (
    MAX_TOTAL_CHARS,
    MAX_XLSX_CELLS,
    MAX_XLSX_ROW_CELLS,
    MAX_XLSX_SHARED_STRINGS,
    MAX_XML_ELEMENTS,
)
from voucherlib.input.xlsx_shown import (
    _HIDDEN_TRUE,
    ROW_SEEN,
    _merges_held,
    _unseen_width_held,
)
from voucherlib.input.xlsx_xml import (
    _CELL,
    _MAIN,
    _ROW,
    _SI,
    CELL_TYPES,
    _Budget,
    _form_refused,
    _iso_cell,
    _unseen,
    date_kind,
    held_number,
    sheet_date,
    shown_text,
)


class _NotPlain(Exception):
    """The part is not in the plain form: the streaming parser reads it."""


_ROW_FORM = (
    r'^<row r="[0-9]{1,9}"(?: [A-Za-z_][0-9A-Za-z_.:-]*="[^"<&\t\n]*")*'
    r'(?:/>|>(?:<c r="[A-Z]{1,3}[0-9]{1,7}"(?: [st]="[^"<&\t\n]*")*(?:/>|>(?:<v>[^<&]*</v>)?</c>))*</row>)$'
)
"""One row element of a plain sheet, whole (RE2, matched against each row's bytes): its number and
other attributes, then its cells, each with its reference (column letters and row digits), its
``s`` and ``t`` attributes and at most a ``<v>`` value. Attribute values hold no tab or line feed
(which XML would turn into spaces)."""


_SI_FORM = r'^(?:<si><t(?: xml:space="preserve")?(?:>[^<]*</t>|/>)</si>)+$'
"""Shared strings of a plain table, one after another, whole (RE2): each its text alone, without runs."""


_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));")


_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|]]>")
"""What a plain part's text never holds (a character XML refuses, a carriage return that XML
would turn into a line feed, the end of a CDATA section)."""


_HELD_PER_TAG = 512
"""The bytes a plain part holds per cell or shared string, at most (else it is streamed)."""


_MAX_FRAME = 256 * 1024
"""The characters a plain part may hold around its rows or shared strings (parsed whole)."""


_XML_BYTES = b"\t\n" + bytes(range(0x20, 0x100))
"""The bytes a plain part holds as they are (deleted from it, nothing may be left)."""


_ATTRIBUTE = re.compile(r' ([\w.:-]+)="([^"]*)"')


_DECLARATION = re.compile(
    rb'<\?xml version=(["\'])1\.0\1(?: encoding=(["\'])(?:UTF-8|utf-8)\2)?(?: standalone=(["\'])(?:yes|no)\3)? ?\?>'
)
"""The only XML declaration of a plain part (UTF-8, written as most writers write it)."""


_PREFIXED = re.compile(rb"</?[^\s/>:]*:")
"""An element's tag with a namespace prefix (every ``<`` of a plain part starts a tag; between
them, the rows or shared strings match their grammar, which has none)."""


_ATTRIBUTE_BYTES = re.compile(rb' ([\w.:-]+)="([^"]*)"')


def _checked(data: bytes) -> bytes:
    """A part's bytes (without a byte order mark), when they are UTF-8 (as declared) and hold only
    characters XML takes as they are."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.translate(None, _XML_BYTES) or (b"]" in data and b"]]>" in data):
        raise _NotPlain  # a control character, a carriage return, the end of a CDATA section
    if data.startswith(b"<?") and not _DECLARATION.match(data):
        raise _NotPlain  # a declaration not read exactly as the XML parser reads it (another encoding)
    if not data.isascii():
        if b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data:
            raise _NotPlain  # U+FFFE or U+FFFF
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise _NotPlain from None
    return data


def _declared_prefixes(root_tag: bytes) -> dict[bytes, bytes]:
    """The namespace prefixes the root tag declares (``xmlns:p="uri"``), each with its URI, read
    attribute by attribute (so that ``xmlns:p=`` inside another attribute's value declares nothing)."""
    return {name[6:]: uri for name, uri in _ATTRIBUTE_BYTES.findall(root_tag) if name.startswith(b"xmlns:")}


def _expanded_names(names: list[bytes], declared: dict[bytes, bytes]) -> None:
    """Not plain (:class:`_NotPlain`) unless the attribute ``names`` of one element are what XML
    with namespaces takes: each a name or ``prefix:name`` (one colon, a declared prefix, a name
    that starts with a letter or ``_``), no two the same once their prefixes are read as URIs.
    The streaming parser refuses the others (expat: not well-formed)."""
    expanded = set()
    for name in names:
        prefix, colon, local = name.partition(b":")
        if colon:
            uri = declared.get(prefix)
            if uri is None or (not local[:1].isalpha() and local[:1] != b"_") or b":" in local:
                raise _NotPlain
            expanded.add((uri, local))
        else:
            expanded.add((b"", name))
    if len(expanded) < len(names):
        raise _NotPlain


def _text(data: bytes) -> str:
    """A part's text, when it is UTF-8 (as declared) and holds only characters XML takes as they are."""
    return _checked(data).decode("utf-8")


def _unescaped(text: str) -> str:
    """Text with XML's five entities and character references replaced (anything else: not plain)."""
    if "&" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        if m.group(1):
            return _NAMED[m.group(1)]
        code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
        char = chr(code) if code <= 0x10FFFF else "\x00"
        if _NOT_XML.match(char) and char != "\r":
            raise _NotPlain
        return char

    out = _ENTITY.sub(one, text)
    if "&" in _ENTITY.sub("", text):
        raise _NotPlain
    return out


def _frame_elements(text: bytes, start: int, end: int, inner: bytes) -> tuple[int, Element]:
    """The elements of a part around its plain middle ``text[start:end]`` (replaced by ``inner``),
    parsed (so a broken frame is not plain) and counted; none of them may be a row or a cell.
    The frame holds no comment, CDATA section, document type or processing instruction (but the
    declaration :func:`_checked` took) and no prefixed element (the middle's grammar has none of
    them either: so each ``<`` of the part starts a tag, and each tag is what it looks like)."""
    if len(text) - (end - start) > _MAX_FRAME:
        raise _NotPlain  # much besides the rows: streamed, an element at a time
    frame = text[:start] + inner + text[end:]
    if b"<!" in frame or frame.find(b"<?", 1) >= 0 or _PREFIXED.search(frame):
        raise _NotPlain
    try:
        root = fromstring(frame)
    except ParseError:
        raise _NotPlain from None
    count = 0
    for element in root.iter():
        count += 1
        if element.tag in (_ROW, _CELL, _SI):
            raise _NotPlain
    return count, root


def _plain_shared_strings(data: bytes, budget: _Budget) -> list[str]:
    """The shared strings of a plain table, as :func:`_shared_strings` reads them: each ``<si>``
    element checked whole against :data:`_SI_FORM` (RE2) and its text taken as a slice of the part."""
    try:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - without the extras the table streams
        raise _NotPlain from None

    data = _checked(data)
    start = data.find(b"<si>")
    end = data.rfind(b"</si>") + len(b"</si>")
    if start < 0 or end < start + len(b"<si>"):
        raise _NotPlain
    b = np.frombuffer(data, dtype=np.uint8)
    lt = np.flatnonzero(b[start:end] == ord("<")) + start
    first = b[lt + 1]
    si = lt[first == ord("s")]  # each <si (an element of the table) and anything else that starts "<s"
    groups = si[::256]  # (256 elements a string: RE2 costs more by the string than by the byte)
    elements = _binary(data, np.append(groups, end))
    if not pc.all(pc.match_substring_regex(elements, _SI_FORM)).as_py():
        raise _NotPlain
    t = np.flatnonzero(first == ord("t"))  # each <t (one an element, as they match)
    after = lt[np.minimum(t + 1, len(lt) - 1)]
    # the text after <t> (3 bytes) or <t xml:space="preserve"> (24); none after <t/> or <t xml:space="preserve"/>
    tag_end = np.where(b[lt[t] + 2] == ord(" "), lt[t] + 23, lt[t] + 2)
    text_start = np.where(b[tag_end] == ord(">"), tag_end + 1, after)
    if len(t) != len(si):
        raise _NotPlain  # pragma: no cover - (the elements matched)
    frame, root = _frame_elements(data, start, end, b"")
    if root.tag != _MAIN + "sst" or len(root) or not re.search(rb"<sst[\s>]", data[:start]):
        raise _NotPlain
    strings: list[str] = _slices(data, text_start, after).cast(pa.large_string()).to_pylist()
    escaped = data.find(b"&", start, end) >= 0
    if escaped:
        strings = [_unescaped(t) for t in strings]
    chars = sum(map(len, strings))
    elements_read = budget.elements + frame + 2 * len(strings)
    if len(strings) > MAX_XLSX_SHARED_STRINGS or chars > MAX_TOTAL_CHARS or elements_read > MAX_XML_ELEMENTS:
        raise _NotPlain
    budget.elements = elements_read
    if (data.find(b"_x", start, end) >= 0 or escaped) and any("_x" in s for s in strings):
        # (in the text once unescaped, as the streaming reader looks: "_x0001&#95;" is "_x0001_")
        strings = list(map(shown_text, strings))
    return strings


@dataclass
class _SheetCells:
    """The cells of a plain sheet: each row element's number, and each cell's row (its position
    among the row elements), column and value, in the order of the file."""

    numbers: list[int]
    row: Any  # numpy int64 array
    column: Any  # numpy int64 array
    code: Any
    """Each cell's code (numpy int64) into ``distinct``: the cells of one type, style and ``<v>`` text share it."""
    distinct: list[Any]
    """The value of each code."""
    merges: Any = None
    """The sheet's merged ranges (:func:`_merges_held`), or None when it has none."""

    @property
    def value(self) -> Any:
        """Each cell's value (a numpy object array), made from the codes when asked for."""
        import numpy as np

        kept = np.empty(len(self.distinct), dtype=object)
        kept[:] = self.distinct
        return kept[self.code]


def _cast_number(value: str) -> int | float:
    """A number cell's text as the streaming parser reads it: openpyxl's reading, a whole number
    past 2**53 as the double a spreadsheet holds (review 254 F2)."""
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return held_number(int(value))


def _binary(data: bytes, offsets: Any) -> Any:
    """The byte slices ``data[offsets[i]:offsets[i + 1]]`` as an Arrow binary array, made without a
    Python object per slice; :class:`_NotPlain` unless the offsets run forward from 0 at the
    least to ``len(data)`` at the most (checked before Arrow ever reads them: it trusts them)."""
    import numpy as np
    import pyarrow as pa

    offsets = np.ascontiguousarray(offsets, dtype=np.int64)
    if len(offsets) and (offsets[0] < 0 or offsets[-1] > len(data) or (offsets[1:] < offsets[:-1]).any()):
        raise _NotPlain
    if len(offsets) < 2:
        return pa.array([], pa.large_binary())
    return pa.LargeBinaryArray.from_buffers(
        pa.large_binary(), len(offsets) - 1, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )


def _slices(data: bytes, starts: Any, stops: Any) -> Any:
    """The byte slices ``data[starts[i]:stops[i]]`` (in order, not overlapping: else
    :class:`_NotPlain`) as an Arrow binary array, made without a Python object per slice."""
    import numpy as np
    import pyarrow as pa

    n = len(starts)
    if not n:
        return pa.array([], pa.large_binary())
    offsets = np.empty(2 * n, dtype=np.int64)
    offsets[0::2] = starts
    offsets[1::2] = stops
    # every slice and every gap between two, then every other one of them
    return _binary(data, offsets).take(pa.array(np.arange(0, 2 * n, 2, dtype=np.int64)))


def _digits(b: Any, at: Any, most: int) -> tuple[Any, Any]:
    """The length and the value of each run of ASCII digits of ``b`` starting at ``at``: each run
    has one to ``most`` digits (the part's grammar was checked)."""
    import numpy as np

    value = b[at].astype(np.int64) - 48
    length = np.ones(len(at), dtype=np.int64)
    going = np.ones(len(at), dtype=bool)
    for k in range(1, most):
        digit = b[at + k] - np.uint8(48)
        going &= digit < 10
        if not going.any():
            break
        value = np.where(going, value * 10 + digit, value)
        length += going
    return length, value


def _rows_named(b: Any, at: Any, row: Any, own_at: Any, own_length: Any) -> bool:
    """Whether each cell's reference names its own row: the row digits and the closing quote at
    ``at[i]`` are those of its row's ``r`` (row ``row[i]``, whose ``own_length[row[i]]`` digits
    stand at ``own_at[row[i]]``); compared as 64-bit words, the bytes past the quote masked out."""
    import numpy as np

    length = own_length + 1  # (the digits and the quote)
    last = len(b) - 8
    if not len(at) or (length > 8).any() or last < 0 or at.max() > last or own_at.max() > last:
        return not len(at)
    words = np.ndarray((last + 1,), dtype="<u8", buffer=b, strides=(1,))  # (each byte's word: a view)
    mask = _masks()[length]
    own = words[own_at] & mask  # (a row's: gathered once a row, then by each of its cells)
    return bool(((words[at] & mask[row]) == own[row]).all())


@cache
def _masks() -> Any:
    """The masks of the first 0 to 8 bytes of a little-endian 64-bit word."""
    import numpy as np

    return np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype="<u8")


def _digit_numbers(texts: Any) -> Any:
    """The number of each text of ``texts`` (Arrow binary) that is one to fifteen ASCII digits, as
    ``int()`` reads it (numpy int64), else -1."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(texts):
        return np.zeros(0, dtype=np.int64)
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset : texts.offset + len(texts) + 1]
    data = texts.buffers()[2]
    body = np.zeros(0, dtype=np.uint8) if data is None else np.frombuffer(data, dtype=np.uint8)
    not_digits = np.concatenate([[0], np.cumsum(body - np.uint8(48) >= 10)])
    length = np.diff(offsets)
    digits = (not_digits[offsets[1:]] == not_digits[offsets[:-1]]) & (length >= 1) & (length <= 15)
    out = np.full(len(texts), -1, dtype=np.int64)
    out[digits] = pc.cast(texts.filter(pa.array(digits)).cast(pa.large_string()), pa.int64()).to_numpy()
    return out


def _plain_sheet(
    data: bytes, marks: Any, book: Any, shared: Sequence[str], budget: _Budget, twice: bool
) -> _SheetCells:
    """The cells of a plain sheet with the values the streaming parser gives (else :class:`_NotPlain`).

    The part is checked and taken apart as bytes, without a Python object per cell: each row
    element must match :data:`_ROW_FORM` whole (RE2, over the rows as slices of the part), and
    the tags are then found by their ``<`` (numpy); each distinct cell attributes and each
    distinct ``<v>`` text is read once in Python. ``marks``: where the part's ``<`` stand (or None)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    whole = len(data)
    data = _checked(data)
    start = data.find(b"<sheetData>")
    end = data.rfind(b"</sheetData>")
    if start < 0 or end < start:
        raise _NotPlain
    start += len(b"<sheetData>")
    frame, root = _frame_elements(data, start, end, b"")  # (no comment, PI or prefix around the rows)
    # (between start and end: white space, then rows that match the grammar, checked below)
    head, tail = data[:start], data[end:]
    if head.count(b"<sheetData") + tail.count(b"<sheetData") != 1 or tail.count(b"</sheetData") != 1:
        raise _NotPlain
    root_tag = re.search(rb"<worksheet[\s>][^>]*>", data[:start])
    if root.tag != _MAIN + "worksheet" or root_tag is None or root.find(_MAIN + "sheetData") is None:
        raise _NotPlain  # (the sheet data a child of the worksheet, in its namespace)
    if head.count(b"xmlns") + tail.count(b"xmlns") != root_tag.group(0).count(b"xmlns"):
        raise _NotPlain  # a namespace declared on another element than the worksheet
    if _unseen_width_held(head) or _unseen_width_held(tail):
        raise _NotPlain  # a column drawn as nothing: the streaming parser refuses it as a hidden one
    if data.find(b"&", start, end) >= 0:
        raise _NotPlain  # an entity or a character reference
    b = np.frombuffer(data, dtype=np.uint8)  # (the part goes on past ``end``: "</sheetData>...")
    if marks is None:
        lt = np.flatnonzero(b[start:end] == ord("<")) + start
    else:
        bom = whole - len(data)  # (the byte order mark's bytes, when it had one)
        lt = marks[np.searchsorted(marks, start + bom) : np.searchsorted(marks, end + bom)]
        if bom:
            lt = lt - bom
    nxt = np.empty_like(lt)
    nxt[:-1] = lt[1:]
    rows_end = end  # (white space after the last row left out of it)
    while rows_end > start and data[rows_end - 1] in b" \t\n":
        rows_end -= 1
    nxt[-1:] = rows_end
    # the tags by their names: <row, <c and <v (then a space, ">" or "/"); anything else matches no
    # row of the grammar (and anything odd before the verdict is not plain, see _binary)
    first = b[lt + 1]
    ends_name = np.zeros(256, dtype=bool)
    ends_name[list(b" >/")] = True
    second = b[lt + 2]
    is_row = (first == ord("r")) & (second == ord("o")) & (b[lt + 3] == ord("w")) & ends_name[b[lt + 4]]
    one_letter = ends_name[second]
    is_cell = (first == ord("c")) & one_letter
    is_value = (first == ord("v")) & one_letter
    row_at = lt[is_row]
    if data[start : row_at[0] if len(row_at) else end].strip(b" \t\n"):
        raise _NotPlain  # anything but white space before the first row (or in a sheet without rows)
    if len(row_at) and lt[0] != row_at[0]:
        raise _NotPlain  # pragma: no cover - (a tag before it would not be white space)

    def taken_apart() -> tuple[_SheetCells, int]:
        """The cells of the sheet and the elements read, as if its rows matched the grammar."""
        # rows: their numbers, and their other attributes (each distinct one checked once)
        digits, numbers_of = _digits(b, row_at + len(b'<row r="'), 9)
        if len(numbers_of) and numbers_of.min() < 1:
            raise _NotPlain  # (a row 0, which no sheet has: the streaming parser refuses it, review 253 F4)
        numbers = numbers_of.tolist()
        row_end = nxt[is_row]
        row_attributes = _slices(data, row_at + len(b'<row r="') + digits + 1, row_end - 1).dictionary_encode()
        declared = _declared_prefixes(root_tag.group(0))
        for attrs in row_attributes.dictionary.to_pylist():
            found = _ATTRIBUTE_BYTES.findall(attrs)
            names = [name for name, _ in found]
            if b"r" in names or any(n.startswith(b"xmlns") for n in names):
                raise _NotPlain
            if any(name == b"ht" and _unseen(value, ROW_SEEN) for name, value in found):
                raise _NotPlain  # a row drawn as nothing: the streaming parser refuses it as a hidden one
            _expanded_names(names, declared)
        # cells: their row, column (from the letters of their reference) and attributes
        cell_token = np.flatnonzero(is_cell)
        cell_at = lt[cell_token]
        cells = len(cell_at)
        row = (np.cumsum(is_row, dtype=np.int32) - 1)[cell_token].astype(np.int64)
        letters = [b[cell_at + k].astype(np.int64) - 64 for k in (6, 7, 8)]
        two = (letters[1] >= 1) & (letters[1] <= 26)
        three = two & (letters[2] >= 1) & (letters[2] <= 26)
        column = np.where(
            three,
            (letters[0] * 26 + letters[1]) * 26 + letters[2],
            np.where(two, letters[0] * 26 + letters[1], letters[0]),
        )
        count = 1 + two.astype(np.int64) + three
        # each cell's reference names its own row (review 250 F1: placed by its <row>, a cell written
        # E3 in row 2 was read in row 2, where a spreadsheet shows it in row 3): its digits and
        # closing quote are the row's own; else the streaming parser refuses the sheet
        if not _rows_named(b, cell_at + 6 + count, row, row_at + len(b'<row r="'), digits):
            raise _NotPlain
        quote = cell_at + 6 + count + digits[row]
        if cells and int(np.bincount(row).max()) > MAX_XLSX_ROW_CELLS:
            raise _NotPlain
        if ((row[1:] == row[:-1]) & (column[1:] <= column[:-1])).any():
            raise _NotPlain  # a row's columns out of order, or one repeated (the later cell wins there)
        # a cell's value: the text of the <v> right after it (none: <c .../> or <c ...></c>)
        after = np.minimum(cell_token + 1, len(lt) - 1)
        has_value = is_value[after] & (after > cell_token)
        value_token = cell_token[has_value] + 1
        values = int(has_value.sum())
        elements = budget.elements + frame + len(numbers) + cells + values
        # the streaming parser also reads the sheet (up to its first row with data) to pick it
        passes = 2 if twice else 1
        if (
            budget.cells + passes * cells > MAX_XLSX_CELLS
            or budget.elements + passes * (elements - budget.elements) > MAX_XML_ELEMENTS
        ):
            raise _NotPlain
        # each cell's attributes (with the end of its tag, ">" or "/>") by their distinct forms
        cell_attributes = _slices(data, quote + 1, nxt[cell_token]).dictionary_encode()
        try:
            kinds_of = {
                attrs: _cell_kind(attrs.rstrip(b"/>").decode("utf-8"), book)
                for attrs in cell_attributes.dictionary.to_pylist()
            }
        except UnicodeDecodeError:
            raise _NotPlain from None
        groups = cell_attributes.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        # each distinct (attributes, <v> text) read once: the parser reads each cell by these alone
        value_codes, texts, text_numbers = valued.result()
        if len(value_codes) != len(value_token):
            raise _NotPlain  # (a <v> not right after its cell's tag: the rows do not match the grammar)
        text_code = np.full(cells, len(texts) - 1, dtype=np.int64)
        text_code[has_value] = value_codes
        key = groups * len(texts) + text_code
        keys, code = _compact(key, len(kinds_of) * len(texts))
        # (the keys are sorted: those of each kind of cell follow one another)
        bounds = np.searchsorted(keys, np.arange(len(kinds_of) + 1) * len(texts)).tolist()
        distinct: list[Any] = []
        shared_strings = None
        try:
            for k, kind in enumerate(kinds_of.values()):
                of_kind = keys[bounds[k] : bounds[k + 1]] % len(texts)
                index = text_numbers[of_kind]
                if kind[0] == "s" and (index >= 0).all():  # shared strings by their indices (int() of digits)
                    if shared_strings is None:
                        shared_strings = np.empty(len(shared), dtype=object)
                        shared_strings[:] = shared
                    distinct += shared_strings[index].tolist()
                    continue
                distinct += _values(kind, list(map(texts.__getitem__, of_kind.tolist())), shared, book)
        except (ValueError, IndexError, OverflowError, TypeError):
            raise _NotPlain from None
        return _SheetCells(numbers, row, column, code, distinct), elements

    # every row whole (from one <row to the next, the last up to </sheetData>) checked by RE2 on
    # another thread, while this one takes the rows apart as if they were plain
    rows_text = _binary(data, np.append(row_at, rows_end))

    def encoded_values() -> tuple[Any, list[str | None], Any]:
        """Each <v> text's code into the distinct texts (then None, for a cell without one), and
        each distinct text's number when it is one to fifteen ASCII digits (else -1)."""
        at = np.flatnonzero(is_value)
        encoded = _slices(data, lt[at] + len(b"<v>"), nxt[at]).dictionary_encode()
        return (
            encoded.indices.to_numpy(zero_copy_only=False),
            [*encoded.dictionary.cast(pa.large_string()).to_pylist(), None],
            np.append(_digit_numbers(encoded.dictionary), -1),
        )

    with _Helper() as pool:
        checked = pool.submit(lambda: not len(row_at) or pc.all(pc.match_substring_regex(rows_text, _ROW_FORM)).as_py())
        valued = pool.submit(encoded_values)  # (on the same thread, after the check)
        try:
            taken, elements = taken_apart()
        except Exception:
            if not checked.result():
                raise _NotPlain from None  # (not plain: its bytes were not what the grammar says)
            raise
        if not checked.result():
            raise _NotPlain
    budget.cells += len(taken.column)
    budget.elements = elements
    return taken


class _Helper:
    """One helper thread for work that can overlap the caller's; the work runs on the calling thread
    instead (with the same result) when no thread can be started (at the interpreter's shutdown, or
    at the process's thread limit)."""

    def __enter__(self) -> _Helper:
        from concurrent.futures import ThreadPoolExecutor

        self.pool: Any = ThreadPoolExecutor(1)
        self.inline = False
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True)

    def submit(self, work: Any) -> Any:
        """The future result of ``work()`` (done already when it ran here)."""
        from concurrent.futures import Future

        if not self.inline:
            try:
                return self.pool.submit(work)
            except RuntimeError:  # (the work queued, if it was, never runs: no thread is asked for again)
                self.inline = True
        done: Future[Any] = Future()
        try:
            done.set_result(work())
        except Exception as exc:
            done.set_exception(exc)
        return done


def _compact(key: Any, bound: int) -> tuple[Any, Any]:
    """The distinct keys (each from 0 to ``bound``), sorted, and each key's position among them."""
    import numpy as np

    if bound > 4 * len(key) + 1024:
        keys, code = np.unique(key, return_inverse=True)
        return keys, code.reshape(-1)
    present = np.zeros(bound, dtype=bool)
    present[key] = True
    position = np.cumsum(present) - 1
    return np.flatnonzero(present), position[key]


def _cell_kind(attrs: str, book: Any) -> tuple[str, int]:
    """A cell's type and style from its attributes, and whether its style is a date's (``d``) or
    a duration's (``t``)."""
    found = dict(_ATTRIBUTE.findall(attrs))
    if len(_ATTRIBUTE.findall(attrs)) != len(found):
        raise _NotPlain  # an attribute given twice
    kind, style = found.get("t", "n"), found.get("s", "0")
    if not style.isascii() or not style.isdigit() or kind not in _PLAIN_TYPES:
        raise _NotPlain  # (an error cell is read by the streaming parser, as a CellError; another type refused)
    if kind == "n":
        kind = date_kind(book, int(style)) or kind
    return kind, int(style)


_PLAIN_TYPES = CELL_TYPES - {"e"}
"""The cell types the plain path reads (ECMA-376's but ``e``, an error, read by the streaming parser)."""


def _values(kind: tuple[str, int], given: list[str | None], shared: Sequence[str], book: Any) -> list[Any]:
    """The values of cells of one kind from their ``<v>`` texts, as openpyxl's parser reads them."""
    from openpyxl.utils.datetime import from_excel

    t = kind[0]
    if t == "inlineStr":
        return [None] * len(given)
    if given.count(None) or "" in given:  # a cell without a value
        out: list[Any] = [None] * len(given)
        at = [i for i, v in enumerate(given) if v]
        for i, v in zip(at, _values(kind, [given[i] for i in at], shared, book), strict=True):
            out[i] = v
        return out
    texts: list[str] = given  # type: ignore[assignment]
    form = "n" if t in ("date", "duration", "time") else t
    if form in ("n", "s", "b") and any(_form_refused(form, v, len(shared)) is not None for v in texts):
        raise _NotPlain  # (not as XML Schema writes it: the streaming parser refuses it, review 250 F3)
    if t == "s":
        return list(map(shared.__getitem__, map(int, texts)))
    if t == "n":
        return list(map(_cast_number, texts))
    if t in ("date", "time"):
        return [sheet_date(_cast_number(v), book.epoch, t == "time") for v in texts]
    if t == "duration":
        return [from_excel(_cast_number(v), book.epoch, timedelta=True) for v in texts]
    if t == "b":
        return [bool(int(v)) for v in texts]
    if t == "d":
        return [_iso_cell(v) for v in texts]
    return list(map(shown_text, texts))  # (a formula's text: t="str")


def _plain_cells(book: Any, sheet: str | None, path: Path, budget: _Budget) -> _SheetCells | None:
    """The cells of the sheet to read when it is plain (one worksheet, or the one named), else None."""
    if sheet is None:
        if len(book.worksheets) != 1 or getattr(book.worksheets[0], "sheet_state", "visible") != "visible":
            return None  # (a hidden sheet: refused, or read when named, by the streaming parser)
        ws = book.worksheets[0]
    else:
        if sheet not in book.sheetnames:
            return None  # refused by _pick_sheet, with its words
        ws = book[sheet]
        if ws not in book.worksheets:
            return None
    passes = 2 if sheet is None else 1  # the streaming parser also reads the sheet to pick it
    try:
        with ws._get_source() as source:
            read = _read_within_caps(source, budget, passes, b"<c", MAX_XLSX_CELLS - budget.cells)
        if read is None:
            return None  # the streaming parser refuses it as it streams, in bounded memory
        if b"hidden" in read[0] and _HIDDEN_TRUE.search(read[0]):
            return None  # hidden rows or columns: the streaming parser finds them (and refuses them)
        merges = _merges_held(read[0])
        cells = _plain_sheet(*read, book, ws._shared_strings, budget, twice=sheet is None)
        if cells is not None:
            cells.merges = merges
        return cells
    except Exception:  # not plain, or the plain path failed (without numpy or pyarrow every sheet streams)
        return None  # the streaming parser reads it, or refuses it with its reason


def _read_within_caps(
    source: IO[bytes], budget: _Budget, passes: int, tag: bytes, room: int
) -> tuple[bytes, Any] | None:
    """A part's bytes, read a block at a time, when its start tags (as many as its elements, or
    more) stay within the elements' cap and its ``tag`` tags (as many as its cells or shared
    strings, or more) within ``room``, and it holds at most :data:`_HELD_PER_TAG` bytes a ``tag``
    (and a MiB); else None, as soon as a block goes past (memory: the blocks read until then).
    With the bytes, where each of its ``<`` stands (a numpy array; None without numpy)."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - without the extras: counted by bytes.count
        np = None  # type: ignore[assignment]
    with _Helper() as pool:  # the next block inflates on another thread while one is counted
        return _read_counted(source, budget, passes, tag, room, np, pool)


def _read_counted(
    source: IO[bytes], budget: _Budget, passes: int, tag: bytes, room: int, np: Any, pool: Any
) -> tuple[bytes, Any] | None:
    """:func:`_read_within_caps`, the blocks read by ``pool``."""
    opened = closed = tags = held = 0
    last = b""
    blocks = []
    marks = []

    def read() -> bytes:
        return source.read(1 << 20)

    pending = pool.submit(read)
    while block := pending.result():
        pending = pool.submit(read)
        both = last + block
        if np is None:  # pragma: no cover
            opened += block.count(b"<")
            closed += both.count(b"</")
            tags += both.count(tag)
        else:  # the same counts, from where the "<" of the block stand
            whole = np.frombuffer(both, dtype=np.uint8)
            at = np.flatnonzero(whole == ord("<"))
            follow = whole[at[at < len(whole) - 1] + 1]
            closed += int(np.count_nonzero(follow == ord("/")))
            if len(tag) == 2:
                tags += int(np.count_nonzero(follow == tag[1]))
            else:
                inside = at[at < len(whole) - 2]
                tags += int(np.count_nonzero((whole[inside + 1] == tag[1]) & (whole[inside + 2] == tag[2])))
            at = at[at >= len(last)]
            opened += len(at)
            marks.append(at + (held - len(last)))
        last = block[-1:]
        # (a "<" that ends a block and opens an end tag counts as a start tag until the next block)
        held += len(block)
        if budget.elements + passes * (opened - closed) > MAX_XML_ELEMENTS or passes * tags > room:
            return None
        if held > _HELD_PER_TAG * tags + (1 << 20):
            return None  # mostly other elements (a plain part is mostly its cells or strings): streamed
        blocks.append(block)
    return b"".join(blocks), (None if np is None else np.concatenate(marks) if marks else np.zeros(0, np.int64))


def _rows_of(cells: _SheetCells) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The rows of a plain sheet as the streaming parser gives them."""
    rows: list[list[dict[str, Any]]] = [[] for _ in cells.numbers]
    for r, c, v in zip(cells.row.tolist(), cells.column.tolist(), cells.value.tolist(), strict=True):
        rows[r].append({"column": c, "value": v})
    yield from zip(cells.numbers, rows, strict=True)
