"""The API reference shows every public name, and every field of it has a docstring to show."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import griffe
import pytest

import voucherlib
import voucherlib.batch

API = Path(__file__).resolve().parent.parent / "docs" / "api.md"
ROOT = Path(__file__).resolve().parent.parent / "src"


def public_names() -> set[str]:
    names = {f"voucherlib.{n}" for n in voucherlib.__all__ if not n.startswith("__")}
    return names | {f"voucherlib.batch.{n}" for n in voucherlib.batch.__all__}


def test_the_api_page_shows_every_public_name() -> None:
    shown = set(re.findall(r"^::: (voucherlib[\w.]*)$", API.read_text(encoding="utf-8"), flags=re.M))
    assert public_names() - shown == set()
    # Anything else the page renders is a whole module (e.g. voucherlib.core.frozen), not a stray name.
    for extra in shown - public_names():
        assert importlib.util.find_spec(extra) is not None, extra


@pytest.fixture(scope="module")
def package() -> griffe.Module:
    return griffe.load("voucherlib", search_paths=[str(ROOT)])


def undocumented(obj: griffe.Object | griffe.Alias) -> list[str]:
    """The members of a class (fields, properties, methods) or the object itself that have no docstring."""
    target = obj.final_target if isinstance(obj, griffe.Alias) else obj
    if not target.docstring:
        return ["(itself)"]
    if not isinstance(target, griffe.Class):
        return []
    missing = []
    for name, member in target.members.items():
        if name.startswith("_") or name == "model_config" or isinstance(member, griffe.Alias):
            continue
        if (member.is_attribute or member.is_function) and not member.docstring:
            missing.append(name)
    return missing


@pytest.mark.parametrize("name", sorted(public_names()))
def test_every_public_name_and_every_field_of_it_has_a_docstring(package: griffe.Module, name: str) -> None:
    assert undocumented(package[name.removeprefix("voucherlib.")]) == []
