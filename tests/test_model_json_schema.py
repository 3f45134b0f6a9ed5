"""Every public pydantic model describes itself as JSON Schema, and its JSON dump is valid by it.

A billing system that generates its types or validates messages from ``model_json_schema()``
(pydantic's documented way) got an error for the three models with a month field: the month's
own pydantic schema had no JSON form. A month in JSON is its ``YYYY-MM`` text.
"""

from __future__ import annotations

import inspect

import jsonschema
import pydantic
import pytest

import voucherlib as vl

MODELS = sorted(
    name
    for name in vl.__all__
    if inspect.isclass(getattr(vl, name)) and issubclass(getattr(vl, name), pydantic.BaseModel)
)


def test_the_public_models_are_many() -> None:
    # the list is not empty by accident (the names come from the package's own __all__)
    assert {"FacilityMonth", "PlaceCompensation", "TargetGroupCheck", "InvoiceLine", "Citation"} <= set(MODELS)


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_every_public_model_has_a_json_schema(name: str, mode: str) -> None:
    schema = getattr(vl, name).model_json_schema(mode=mode)
    jsonschema.Draft202012Validator.check_schema(schema)


def _examples() -> list[pydantic.BaseModel]:
    return [
        vl.facility_month("2021-10", city="tbilisi", service="shelter", limit=20, occupancy=18, daily_rate="25"),
        vl.unfilled_place_compensation("2021-10", service="shelter", limit=20, occupancy=18),
        vl.in_early_development_target_group("2014-10-31", "2021-10"),
    ]


@pytest.mark.parametrize("model", _examples(), ids=lambda m: type(m).__name__)
def test_a_models_json_dump_is_valid_by_its_schema(model: pydantic.BaseModel) -> None:
    schema = type(model).model_json_schema(mode="serialization")
    jsonschema.validate(model.model_dump(mode="json"), schema)


@pytest.mark.parametrize("text", ["2021-10", "1999-01", "2026-12", "0001-01", "9998-12"])
def test_a_months_schema_takes_its_text(text: str) -> None:
    schema = vl.PlaceCompensation.model_json_schema()["properties"]["month"]
    jsonschema.validate(text, schema)
    assert str(vl.Month.of(text)) == text


@pytest.mark.parametrize("text", ["2021-13", "2021-00", "2021-1", "21-10", "2021/10", 202110, "0000-01", "9999-12"])
def test_a_months_schema_refuses_what_is_no_month(text: object) -> None:
    schema = vl.PlaceCompensation.model_json_schema()["properties"]["month"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(text, schema)
