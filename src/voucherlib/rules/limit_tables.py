"""R6. Limit tables of places and visits by municipality (tables of the 2021 State Program, Decree No. 825, as worded by
Decree No. 467, Art. 1; D15).

* Annex 1.1 (day centres, social rehabilitation): persons of Art. 3, para 1 "a" by unit,
  total 1,018. The decree leaves Abasha's cell empty; the listed cells sum to 1,010, so
  Abasha's 8 is derived from the total, and the row says so.
* Annex 2.2 (early childhood development): visits a month by unit, total 20,432.
* Annex 2.4 (day centres, child care): persons of Art. 3, para 1 "a", "b", "c"; totals
  639, 1,146 and 56.

Each table is data with its citation (``data/limit_tables.toml``), checked against the
decree's own totals when it loads. A municipality is looked up by its Georgian name (as in
the decree, the "ქ." prefix optional) or by a stable English key such as ``"Tbilisi"`` or
``"Sighnaghi (except Tsnori)"``, case, punctuation and a kind-of-place word ("city",
"municipality", "ქალაქი", "მუნიციპალიტეტი") ignored (:func:`normalise_name`, D30). An empty cell of the decree is 0.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, ClassVar, SupportsIndex

from pydantic import model_validator

from voucherlib.core.citation import Citation, annex_key
from voucherlib.core.errors import InvalidInput, Reason, RuleSetError, expected
from voucherlib.core.frozen import CheckResult, FrozenMap, PublicModel
from voucherlib.core.held import held_items, held_text
from voucherlib.core.month import Month, MonthLike, dates_by_policy
from voucherlib.core.phrases import check_lang, georgian_text, say
from voucherlib.core.trace import count_said
from voucherlib.rules.occupancy import whole_count

__all__ = [
    "LimitRow",
    "LimitTable",
    "LimitUse",
    "LimitUseRow",
    "genitive_of",
    "limit_table",
    "limit_tables",
    "limits_in_use",
    "normalise_name",
    "place_keys",
]

_SOURCE = "voucherlib/data/limit_tables.toml"


_WORDS = re.compile(r"[^\W_]+")
"""A word of a name: letters and digits (Georgian letters too); anything else separates words."""
_PREFIXES = (
    ("city", "of"),
    ("municipality", "of"),
    ("town", "of"),
    ("city",),
    ("municipality",),
    ("town",),
    ("თვითმმართველი", "ქალაქი"),
    ("ქალაქი",),
    ("ქალაქ",),  # the construct form, "ქალაქ ფოთი" (review 34)
    ("ქ",),
)
"""Words that may open a place name and say only what kind of place it is (D30)."""
_SUFFIXES = (("city", "municipality"), ("city",), ("municipality",), ("town",), ("მუნიციპალიტეტი",))
"""Words that may close a place name and say only what kind of place it is (D30)."""


_NUSKHURI = {0x2D00 + k: 0x10D0 + k for k in range(0x26)}
"""Georgian Nuskhuri letters (what Asomtavruli capitals, ႧႡႨႪႨႱႨ, fold to) as the Mkhedruli
letters they stand for (the two blocks are in the same order), so that a name in the old
script is the name in the usual one (review 27)."""


def normalise_name(name: str) -> str:
    """A place name as a look-up key (D30): NFKC (full-width letters are plain letters), case
    folded (Georgian Mtavruli and Asomtavruli capitals too), its words (letters and digits) joined by single
    spaces, and one kind-of-place affix dropped from each end: "city", "city of",
    "municipality", "municipality of", "ქალაქი" or "ქ." before the name; "city", "municipality"
    or "მუნიციპალიტეტი" after it.

    >>> normalise_name("Tbilisi-City"), normalise_name("ქ. ქუთაისი"), normalise_name("ＴＢＩＬＩＳＩ")
    ('tbilisi', 'ქუთაისი', 'tbilisi')
    >>> normalise_name("აბაშის მუნიციპალიტეტი")  # the genitive stays: the index knows it
    'აბაშის'
    """
    words = _WORDS.findall(unicodedata.normalize("NFKC", name).casefold().translate(_NUSKHURI))
    for prefix in _PREFIXES:
        if len(words) > len(prefix) and tuple(words[: len(prefix)]) == prefix:
            words = words[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if len(words) > len(suffix) and tuple(words[-len(suffix) :]) == suffix:
            words = words[: -len(suffix)]
            break
    return " ".join(words)


def genitive_of(nominative: str) -> str | None:
    """The Georgian genitive of a one-word city name ending in -ი (თბილისი -> თბილისის), the form
    it takes before "მუნიციპალიტეტი"; None for any other name (whose genitive is not regular)."""
    if " " in nominative or not nominative.endswith("ი") or not all("ა" <= c <= "ჰ" for c in nominative):
        return None
    return nominative[:-1] + "ის"


def _names_of(row: LimitRow) -> set[str]:
    """The look-up keys of a row: its English key, its Georgian name and, for a city the decree
    names in one word ending in -ი, its genitive (``თბილისის მუნიციპალიტეტი`` is Tbilisi)."""
    names = {normalise_name(row.key), normalise_name(row.ka)}
    genitive = genitive_of(normalise_name(row.ka))
    if genitive is not None:
        names.add(genitive)
    return names


@cache
def place_keys() -> FrozenMap[str, str]:
    """Every name of a municipality of the limit tables (:func:`normalise_name`) -> its English
    key, e.g. ``"თბილისის" -> "Tbilisi"``. Two municipalities never share a name (checked)."""
    keys: dict[str, str] = {}
    for table in limit_tables().values():
        for row in table.rows:
            for name in _names_of(row):
                if keys.setdefault(name, row.key) != row.key:
                    raise RuleSetError(_SOURCE, "tables", f"the name {name!r} is both {keys[name]} and {row.key}")
    return FrozenMap(keys)


class LimitRow(PublicModel):
    """One municipality of a limit table."""

    key: str
    """A stable English key, e.g. ``"Tbilisi"``."""
    ka: str
    """The name as the decree writes it."""
    values: FrozenMap[str, int]
    """The row's cells, by column key."""
    derived: str | None = None
    """Why a value is not the decree's own cell, when it was derived (Abasha in Annex 1.1)."""
    derived_ka: str | None = None
    """The same in Georgian (given exactly when ``derived`` is)."""

    @model_validator(mode="after")
    def _derived_in_both_languages(self) -> LimitRow:
        if (self.derived is None) != (self.derived_ka is None):
            raise ValueError(f"row {self.key!r}: 'derived' and 'derived_ka' are given together")
        if self.derived_ka is not None:
            georgian_text(self.derived_ka, f"row {self.key!r}: derived_ka")
        georgian_text(self.ka, f"row {self.key!r}: ka")
        return self

    def name(self, lang: str = "en") -> str:
        """The row's name: the English key, or the decree's Georgian name (``lang="ka"``)."""
        return self.ka if lang == "ka" else self.key

    def derivation(self, lang: str = "en") -> str | None:
        """Why the value was derived (None for the decree's own cell), in English or Georgian."""
        return self.derived_ka if lang == "ka" else self.derived


class LimitTable(PublicModel):
    """A limit table of the decree, with its columns, rows, totals and citation."""

    annex: str
    """The annex, ``"1.1"``, ``"2.2"`` or ``"2.4"``."""
    title: str
    """What the table counts."""
    title_ka: str
    """The same in Georgian: the annex's subprogram as the decree names it, and what is counted."""
    unit: str
    """The unit of the cells (persons, visits per month)."""
    unit_ka: str
    """The unit in Georgian."""
    effective_from: dt.date
    """The day the table takes effect."""
    effective_until: dt.date
    """The last day of the Program's year the table is of (31 Dec 2021): a later year's table is
    not bundled, and no month after this day is checked against this one (D4: never guessed)."""
    _dates = dates_by_policy("effective_from", "effective_until", required=True)  # (review 235 F6: 0 was 1970-01-01)
    citation: Citation
    """The table's place in the program, as worded by Decree 467."""
    columns: FrozenMap[str, str]
    """Column key -> what it counts."""
    columns_ka: FrozenMap[str, str]
    """Column key -> what it counts, in the decree's Georgian (the table's column heading)."""
    headers_ka: FrozenMap[str, str]
    """Column key -> a short Georgian heading (the sub-paragraph letter, ``"ა"``)."""
    totals: FrozenMap[str, int]
    """The decree's own total of each column."""
    rows: tuple[LimitRow, ...]
    """One row per municipality."""

    @model_validator(mode="after")
    def _georgian_beside_english(self) -> LimitTable:
        for field in ("columns_ka", "headers_ka"):
            if set(getattr(self, field)) != set(self.columns):
                raise ValueError(f"{field} must name the columns {', '.join(map(repr, self.columns))}")
        georgian_text(self.title_ka, "title_ka")
        georgian_text(self.unit_ka, "unit_ka")
        for column in self.columns:
            georgian_text(self.columns_ka[column], f"columns_ka.{column}")
            georgian_text(self.headers_ka[column], f"headers_ka.{column}")
        return self

    @model_validator(mode="after")
    def _sums_to_the_decree_total(self) -> LimitTable:
        for column, total in self.totals.items():
            found = sum(r.values.get(column, 0) for r in self.rows)
            if found != total:
                raise ValueError(f"column {column!r} sums to {found}, the decree's total is {total}")
        return self

    def _index(self) -> FrozenMap[str, LimitRow]:
        return _row_index(self.annex)

    def row(self, municipality: str) -> LimitRow:
        """The row of ``municipality`` (Georgian name or English key); a clear error when unknown."""
        if isinstance(municipality, str):  # (by the text it holds: D43)
            municipality = held_text(municipality)
        if not isinstance(municipality, str) or not municipality.strip():
            raise InvalidInput("municipality", municipality, expected("municipality_name"))
        found = self._index().get(normalise_name(municipality)) or self._row_of_place(municipality)
        if found is None:
            from voucherlib.rules.paid_beneficiary_caps import district_city  # (it reads this module)

            city = district_city(normalise_name(municipality))
            row = self._index().get(normalise_name(city)) if city is not None else None
            if row is not None:  # a district of Tbilisi: the city's row (review 194 F8, as a facility's city says it)
                keys = Reason.in_each(repr(row.key), repr(row.ka))
                raise InvalidInput(
                    "municipality", municipality, expected("municipality_district", annex=self.annex, close=keys)
                )
            within = self._municipality_of_town(municipality)
            if within is not None:  # (review 182 F3: Jvari was offered Vani, Vale nothing)
                keys = Reason.in_each(repr(within.key), repr(within.ka))
                raise InvalidInput(
                    "municipality", municipality, expected("municipality_of_town", annex=self.annex, close=keys)
                )
            parts = self._parts_of(municipality)
            if parts:  # (review 93: the whole of Sighnaghi was offered Senaki, a municipality of its own)
                keys = Reason.in_each(", ".join(repr(r.key) for r in parts), ", ".join(repr(r.ka) for r in parts))
                raise InvalidInput(
                    "municipality", municipality, expected("municipality_split", annex=self.annex, close=keys)
                )
            names = list(self._index())
            close = difflib.get_close_matches(normalise_name(municipality), names, n=6, cutoff=0.6)
            rows = list(dict.fromkeys(self._index()[c] for c in close))[:3]  # (a row once: its key and
            if not rows:  # its Georgian name are both names of it, review 85)
                raise InvalidInput("municipality", municipality, expected("municipality_of", annex=self.annex))
            keys = Reason.in_each(", ".join(repr(r.key) for r in rows), ", ".join(repr(r.ka) for r in rows))
            raise InvalidInput(
                "municipality", municipality, expected("municipality_of_close", annex=self.annex, close=keys)
            )
        return found

    def _municipality_of_town(self, municipality: str) -> LimitRow | None:
        """The row of the municipality the town ``municipality`` names lies in (Jvari, in Tsalenjikha),
        when the town is one the municipalities' list places in one, else None. A town's row is not
        taken for it: the table counts the municipality's places, and which of them a caller means
        is theirs to say."""
        from voucherlib.rules.paid_beneficiary_caps import city_key, towns

        try:
            within = towns().get(city_key(municipality, frozenset()))
        except InvalidInput:
            return None
        return None if within is None else self._index().get(normalise_name(within))

    def _parts_of(self, municipality: str) -> list[LimitRow]:
        """The rows that count the place ``municipality`` names in parts, when the table has no row
        of the whole (``Sighnaghi (except Tsnori)`` and ``Tsnori``), else none."""
        place = _place_or_none(municipality)
        if place is None:
            return []
        for row in self.rows:
            whole, _, rest = row.key.partition(" (except ")
            if rest and _place_or_none(whole) == place:
                others = [self._index().get(normalise_name(name)) for name in rest.rstrip(")").split(" and ")]
                return [row, *(other for other in others if other is not None)]
        return []

    def _row_of_place(self, municipality: str) -> LimitRow | None:
        """The row of the place ``municipality`` names in any of the forms a facility's city is
        read in (``ზუგდიდი``, the plain Georgian name a clerk types: review 76, where the table
        names ``ზუგდიდის მუნიციპალიტეტი``), or None."""
        place = _place_or_none(municipality)
        return None if place is None else _rows_by_place(self.annex).get(place)

    def text_of(self, lang: str = "en") -> tuple[str, str]:
        """The table's title and unit, in English or Georgian (``lang="ka"``)."""
        return (self.title_ka, self.unit_ka) if lang == "ka" else (self.title, self.unit)

    def header(self, column: str, lang: str = "en") -> str:
        """A column's short heading: its key, or its Georgian heading (``lang="ka"``)."""
        return self.headers_ka[column] if lang == "ka" else column

    def description(self, column: str, lang: str = "en") -> str:
        """What a column counts, in English or in the decree's Georgian (``lang="ka"``)."""
        return self.columns_ka[column] if lang == "ka" else self.columns[column]

    def column_of(self, column: str | None) -> str:
        """The column key for ``column`` (the only column when None): its key or its Georgian
        heading, whatever the case (``b``, ``B`` and ``ბ`` are Annex 2.4's column b, as ``--lang
        ka`` heads it; review 33)."""
        if column is None:
            if len(self.columns) == 1:
                return next(iter(self.columns))
            raise InvalidInput("column", None, expected("one_of_several", choices=self._choices(), annex=self.annex))
        if isinstance(column, str):
            wanted = held_text(column).strip().casefold()
            for key in self.columns:
                if wanted in (key.casefold(), self.header(key, "ka").casefold()):
                    return key
        raise InvalidInput("column", column, expected("one_of", choices=self._choices()))

    def _choices(self) -> Reason:
        """The columns' keys, said in Georgian by their Georgian headings (``'ა', 'ბ', 'გ'``:
        review 85, a Georgian refusal offered the Latin keys alone)."""
        return Reason.in_each(
            ", ".join(map(repr, self.columns)), ", ".join(repr(self.header(c, "ka")) for c in self.columns)
        )

    def lookup(self, municipality: str, column: str | None = None) -> int:
        """The limit of ``municipality`` (0 where the decree's cell is empty).

        >>> limit_table("2.4").lookup("Batumi", "b")
        51
        """
        return self.row(municipality).values.get(self.column_of(column), 0)

    def total(self, column: str | None = None) -> int:
        """The sum of the rows of ``column``."""
        return self.totals[self.column_of(column)]

    def to_text(self, municipality: str | None = None) -> str:
        """The table (or one row of it) as text, with its citation and any derived value flagged."""
        rows = self.rows if municipality is None else (self.row(municipality),)
        cols = list(self.columns)
        lines = [f"Annex {self.annex}: {self.title} ({self.unit})", f"  [{self.citation}]"]
        width = max(len(r.key) for r in rows)
        lines.append("  " + "municipality".ljust(width) + "  " + "  ".join(c.rjust(6) for c in cols))
        for r in rows:
            cells = "  ".join(str(r.values.get(c, "")).rjust(6) for c in cols)
            flag = "  *derived" if r.derived else ""
            lines.append(f"  {r.key.ljust(width)}  {cells}{flag}   {r.ka}")
        if municipality is None:
            lines.append("  " + "total".ljust(width) + "  " + "  ".join(str(self.totals[c]).rjust(6) for c in cols))
        for r in rows:
            if r.derived:
                lines.append(f"  * {r.key}: {r.derived}")
        return "\n".join(lines)


def _table_from(annex: str, raw: dict[str, Any]) -> LimitTable:
    columns = raw["columns"]
    rows = []
    try:
        for entry in raw["rows"]:
            values = {c: entry[c] for c in columns if c in entry}
            rows.append(
                LimitRow(
                    key=entry["key"],
                    ka=entry["ka"],
                    values=values,
                    derived=entry.get("derived"),
                    derived_ka=entry.get("derived_ka"),
                )
            )
        return LimitTable(
            annex=annex,
            title=raw["title"],
            title_ka=raw["title_ka"],
            unit=raw["unit"],
            unit_ka=raw["unit_ka"],
            effective_from=raw["effective_from"],
            effective_until=raw["effective_until"],
            citation=Citation(**raw["citation"]),
            columns=columns,
            columns_ka=raw["columns_ka"],
            headers_ka=raw["headers_ka"],
            totals=raw["totals"],
            rows=tuple(rows),
        )
    except KeyError as exc:
        raise RuleSetError(_SOURCE, f"tables.{annex}", f"missing field {exc}") from None
    except ValueError as exc:
        raise RuleSetError(_SOURCE, f"tables.{annex}", str(exc)) from None


@cache
def limit_tables() -> FrozenMap[str, LimitTable]:
    """Every limit table, by annex ("1.1", "2.2", "2.4") (a read-only mapping: the tables are shared)."""
    text = resources.files("voucherlib.data").joinpath("limit_tables.toml").read_text(encoding="utf-8")
    return FrozenMap({annex: _table_from(annex, raw) for annex, raw in tomllib.loads(text)["tables"].items()})


@cache
def _row_index(annex: str) -> FrozenMap[str, LimitRow]:
    index: dict[str, LimitRow] = {}
    for row in limit_tables()[annex].rows:
        for name in _names_of(row):
            index[name] = row
    return FrozenMap(index)


def _place_or_none(name: str) -> str | None:
    """The place ``name`` reads as (:func:`~voucherlib.rules.paid_beneficiary_caps.place_of`), or None."""
    from voucherlib.rules.paid_beneficiary_caps import place_of

    try:
        return place_of(name, frozenset())
    except InvalidInput:
        return None


@cache
def _rows_by_place(annex: str) -> FrozenMap[str, LimitRow]:
    """Each row of the table of ``annex`` by the place its key names (its Georgian name, as
    :func:`~voucherlib.rules.paid_beneficiary_caps.place_of` reads a city)."""
    places: dict[str, LimitRow] = {}
    for row in limit_tables()[annex].rows:
        place = _place_or_none(row.key)
        if place is not None:  # (None: a unit the municipalities' list does not name, found by its own names)
            places.setdefault(place, row)
    return FrozenMap(places)


def limit_table(annex: str) -> LimitTable:
    """The limit table of ``annex`` (R6): ``"1.1"`` (Annex 1.1, Art. 4), ``"2.2"`` (Annex 2.2, Art. 3,
    para 1) or ``"2.4"`` (Annex 2.4, Art. 4, after para 7), as worded by Decree No. 467, Art. 1."""
    tables = limit_tables()
    key = annex_key(annex)  # ("Annex 2.4", "დანართი №2.4": review 194 F7)
    if key not in tables:
        raise InvalidInput("annex", annex, expected("one_of", choices=", ".join(map(repr, tables))))
    assert key is not None
    return tables[key]


class LimitUseRow(PublicModel):
    """One municipality's use of its limit in a month (a row of :class:`LimitUse`)."""

    municipality: str
    """The municipality's English key."""
    limit: int
    """Its limit (R6)."""
    used: int
    """The places (or beneficiaries) used."""
    derived: str | None = None
    """Why the limit is not the decree's own cell, when it was derived (Abasha in Annex 1.1: the
    table's total less the other rows; review 58: the check did not say so)."""

    @property
    def remaining(self) -> int:
        """The limit less what was used (negative when over it)."""
        return self.limit - self.used

    @property
    def over(self) -> bool:
        """Whether more was used than the limit allows."""
        return self.used > self.limit


class LimitUse(CheckResult):
    """A month's use of a limit table: each municipality against its limit, and the total (a copy
    with an update is refused: review 191 F2)."""

    made_by: ClassVar[str] = "limits_in_use"
    """The function that makes the use: called again with changed counts, the use made anew."""

    annex: str
    """The table's annex."""
    column: str
    """The column compared."""
    rows: tuple[LimitUseRow, ...]
    """Each municipality: its limit and the count used."""
    total_limit: int
    """The table's total for the column."""
    citation: Citation
    """The provision of the table (as worded by the amending act)."""
    effective_from: dt.date
    """The day the table takes effect."""
    _dates = dates_by_policy("effective_from", required=True)  # (review 235 F6: 0 was 1970-01-01, a number seconds)
    month: Month | None = None
    """The month the counts are of, when given (a month before :attr:`effective_from` is refused)."""

    @property
    def total_used(self) -> int:
        """The sum of the counts used."""
        return sum(r.used for r in self.rows)

    @property
    def over(self) -> tuple[LimitUseRow, ...]:
        """The municipalities over their limit."""
        return tuple(r for r in self.rows if r.over)

    @property
    def total_over(self) -> bool:
        """Whether the counts used, summed over the municipalities, pass the sum of their limits."""
        return self.total_used > self.total_limit

    def to_text(self, lang: str = "en") -> str:
        """The use as a table, flagging the municipalities over their limit, in English or
        Georgian (the municipalities, the column and the notes of derived limits by the table's
        Georgian words)."""
        lang = check_lang(lang)
        table = limit_tables().get(self.annex)  # (a use made in code may name no bundled table)
        rows = {} if table is None else {r.key: r for r in table.rows}

        def name(key: str) -> str:
            return rows[key].name(lang) if key in rows else key

        def derived(r: LimitUseRow) -> str | None:  # its own note; in Georgian the table's, when it is the same
            row = rows.get(r.municipality)
            return row.derivation(lang) if row is not None and row.derived == r.derived else r.derived

        column = table.header(self.column, lang) if table is not None and self.column in table.columns else self.column
        names = [name(r.municipality) for r in self.rows]
        total = say(lang, "limits.total")
        width = max(map(len, [*names, total]))
        month = f", {self.month}" if self.month is not None else ""
        head = say(lang, "limits.heading", annex=self.annex, column=column, month=month, date=self.effective_from)
        lines = [f"{head}  [{self.citation.text(lang)}]"]
        over = "  " + say(lang, "limits.over")

        def of(used: int, limit: int) -> str:  # (counts grouped as every other view groups them: review 139 N2)
            return say(lang, "limits.of", used=count_said(used, lang).rjust(6), limit=count_said(limit, lang).rjust(6))

        for r, said in zip(self.rows, names, strict=True):
            note = (
                f"  ({say(lang, 'limits.derived', limit=count_said(r.limit, lang), why=derived(r))})"
                if r.derived
                else ""
            )
            lines.append(f"  {said.ljust(width)}  {of(r.used, r.limit)}{over if r.over else ''}{note}")
        lines.append(
            f"  {total.ljust(width)}  {of(self.total_used, self.total_limit)}{over if self.total_over else ''}"
        )
        return "\n".join(lines)


def limits_in_use(
    annex: str, used: Mapping[str, SupportsIndex], *, column: str | None = None, month: MonthLike | None = None
) -> LimitUse:
    """Each municipality's use (e.g. a month's early-development visits) against its limit (R5, R6).

    ``month``: the month the counts are of; one before the table takes effect (1 Oct 2021, Decree
    No. 467, Art. 2) is refused, never checked against the amended figures (review 58), and so
    is one after the Program's year (31 Dec 2021: a later year's table is not bundled, D4). A row
    whose limit was derived says so (Abasha in Annex 1.1, D15).

    >>> use = limits_in_use("2.2", {"Tbilisi": 9200, "ქ. ქუთაისი": 100})
    >>> [r.municipality for r in use.over], use.total_used, use.total_limit
    (['Tbilisi'], 9300, 20432)
    """
    table = limit_table(annex)
    col = table.column_of(column)
    m = None if month is None else Month.of(month)
    if m is not None and m.last_day < table.effective_from:  # (the value given shown: review 78)
        raise InvalidInput(
            "month", month, expected("table_in_force", annex=table.annex, day=table.effective_from.isoformat())
        )
    if m is not None and m.first_day > table.effective_until:  # (review 74: 2030 was checked against 2021's, D4)
        raise InvalidInput(
            "month", month, expected("table_in_force_until", annex=table.annex, day=table.effective_until.isoformat())
        )
    if not isinstance(used, Mapping):
        raise InvalidInput("used", used, "a mapping municipality -> count")
    counts: dict[str, int] = {}
    for name, count in held_items(used).items():  # (the counts it holds: D43)
        row = table.row(name)
        if row.key in counts:
            raise InvalidInput("used", name, f"each municipality once ({row.key} is given twice)")
        counts[row.key] = whole_count(count, f"used[{name!r}]")
    rows = tuple(
        LimitUseRow(municipality=r.key, limit=r.values.get(col, 0), used=counts.get(r.key, 0), derived=r.derived)
        for r in table.rows
    )
    return LimitUse(
        annex=table.annex,
        column=col,
        rows=rows,
        total_limit=table.totals[col],
        citation=table.citation,
        effective_from=table.effective_from,
        month=m,
    )
