"""JSON Schemas of the JSON output, made from the columns of each command's tables.

Each command's JSON document has the shape written by :func:`voucherlib.output.render.json_data`;
its schema (``voucherlib/output/schemas/<command>.json``) types every cell by its column's kind:
``int`` an integer, ``bool`` a boolean, ``money`` and ``percent`` an exact decimal string,
``date`` an ISO date string, ``text`` a string; any cell may be ``null`` (an empty cell).

The shipped files are written by ``python -m voucherlib.output.schema DIR`` from the column
definitions (:data:`voucherlib.output.shapes.SHAPES`); a test keeps them in step.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from voucherlib.core.citation import Citation
from voucherlib.output.table import Column

__all__ = ["DECIMAL", "cell_schema", "document_schema", "load_schema", "step_schema"]

DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"

_CELL: dict[str, dict[str, Any]] = {
    "text": {"type": ["string", "null"]},
    "int": {"type": ["integer", "null"]},
    "bool": {"type": ["boolean", "null"]},
    "money": {"type": ["string", "null"], "pattern": r"^-?[0-9]+\.[0-9]{2,}$"},
    "percent": {"type": ["string", "null"], "pattern": DECIMAL},
    "date": {"type": ["string", "null"], "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
}
_ANY_CELL = {"type": ["string", "integer", "boolean", "null"]}


def cell_schema(kind: str) -> dict[str, Any]:
    return dict(_CELL[kind])


def citation_defs() -> dict[str, Any]:
    """The schema of a :class:`~voucherlib.core.citation.Citation` (pydantic's), as ``$defs`` entries."""
    schema = Citation.model_json_schema(ref_template="#/$defs/{model}", mode="serialization")
    defs: dict[str, Any] = schema.pop("$defs", {})
    return {**defs, "Citation": schema}


def step_schema() -> dict[str, Any]:
    """The schema of a trace step (recursive through ``#/$defs/step``)."""
    scalar = {"type": ["string", "integer", "boolean", "null"]}
    # a value in GEL or GEL/day is money: an exact decimal string with two decimals or more, as in the tables
    money = {
        "if": {"required": ["unit"], "properties": {"unit": {"enum": ["GEL", "GEL/day"]}}},
        "then": {"properties": {"value": cell_schema("money")}},
    }
    return {
        "type": "object",
        "required": ["key", "value", "unit"],
        "additionalProperties": False,
        "allOf": [money],
        "properties": {
            "key": {"type": "string"},
            "value": scalar,
            "unit": {"type": "string"},
            "inputs": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "value", "unit"],
                    "additionalProperties": False,
                    "allOf": [money],
                    "properties": {"name": {"type": "string"}, "value": scalar, "unit": {"type": "string"}},
                },
            },
            "citation": {"$ref": "#/$defs/Citation"},
            "decisions": {"type": "array", "items": {"type": "string", "pattern": "^D[0-9]+$"}},
            "rule": {"type": "string", "pattern": "^R[0-9]+$"},
            "children": {"type": "array", "items": {"$ref": "#/$defs/step"}},
        },
    }


def _table_schema(name: str, columns: Sequence[Column] | None) -> dict[str, Any]:
    if columns is None:  # a table whose columns vary (e.g. a limit table): cells of any kind
        row: dict[str, Any] = {"type": "object", "additionalProperties": _ANY_CELL}
        totals: dict[str, Any] = {"type": ["object", "null"], "additionalProperties": _ANY_CELL}
    else:
        props = {
            c.key: {"type": ["integer", "string", "null"]} if c.or_text or c.label else cell_schema(c.kind)
            for c in columns
        }
        row = {
            "type": "object",
            "required": [c.key for c in columns if not c.optional],
            "additionalProperties": False,
            "properties": props,
        }
        totals = {"type": ["object", "null"], "additionalProperties": False, "properties": props}
    column = {
        "type": "object",
        "required": ["key", "header", "kind"],
        "properties": {
            "key": {"type": "string"},
            "header": {"type": "string"},
            "kind": {"enum": list(_CELL)},
        },
    }
    return {
        "type": "object",
        "required": ["name", "title", "columns", "rows", "totals", "notes"],
        "additionalProperties": False,
        "properties": {
            "name": {"const": name} if not name.endswith("*") else {"type": "string", "pattern": "^" + name[:-1]},
            "title": {"type": "string"},
            "columns": {"type": "array", "items": column},
            "rows": {"type": "array", "items": row},
            "totals": totals,
            "highlight": {"type": ["array", "null"], "items": {"type": ["string", "null"]}},
            "notes": {"type": "array", "items": {"type": "string"}},
        },
    }


def document_schema(command: str, tables: Mapping[str, Sequence[Column] | None]) -> dict[str, Any]:
    """The schema of ``voucherlib COMMAND --format json``: its tables by name (a name ending
    ``*`` stands for every table whose name starts so; ``None`` columns: any cells)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://voucherlib.invalid/schemas/{command}.json",
        "title": f"voucherlib {command} --format json",
        "type": "object",
        "required": ["title", "lang", "generator", "summary", "tables", "explanations"],
        "additionalProperties": False,
        "properties": {
            "title": {"type": "string"},
            "lang": {"enum": ["en", "ka"]},
            "generator": {"type": "string", "pattern": "^voucherlib "},
            "summary": {"type": "array", "items": {"type": "string"}},
            "tables": {"type": "array", "items": {"anyOf": [_table_schema(n, c) for n, c in tables.items()]}},
            "explanations": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["label", "text", "trace"],
                    "additionalProperties": False,
                    "properties": {
                        "label": {"type": "string"},
                        "text": {"type": "string"},
                        "trace": {"anyOf": [{"$ref": "#/$defs/step"}, {"type": "null"}]},
                    },
                },
            },
        },
        "$defs": {"step": step_schema(), **citation_defs()},
    }


def load_schema(command: str) -> dict[str, Any]:
    """The shipped schema of ``command``'s JSON output."""
    text = resources.files("voucherlib.output").joinpath("schemas", f"{command}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def main(argv: Sequence[str] | None = None) -> None:  # pragma: no cover - a maintainer's tool
    import sys
    from pathlib import Path

    from voucherlib.output.shapes import SHAPES

    out = Path((argv or sys.argv[1:] or [str(Path(__file__).parent / "schemas")])[0])
    out.mkdir(parents=True, exist_ok=True)
    for command, tables in SHAPES.items():
        text = json.dumps(document_schema(command, tables), ensure_ascii=False, indent=2) + "\n"
        (out / f"{command}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
