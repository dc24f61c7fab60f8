"""Thing models: value checks for every data type, and models that refuse to be built when incoherent."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value
from longcheng.core.thing_model import Access, DataType, PropertySpec, ThingModel, ValueSpec
from support import PUMP_MODEL


def spec(data_type: str, **extra: Any) -> ValueSpec:
    return ValueSpec.model_validate({"name": "x", "data_type": data_type, **extra})


def accepted(s: ValueSpec, value: object) -> Value:
    coerced, reason, detail = s.check(value)
    assert (reason, detail) == (None, None), detail
    assert coerced is not None
    return coerced


def refused(s: ValueSpec, value: object) -> str:
    coerced, reason, detail = s.check(value)
    assert coerced is None
    assert detail
    assert reason is not None
    return reason


# --- float ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [(1.5, 1.5), (3, 3.0), (-0.0, 0.0), (1e300, 1e300)])
def test_float_accepts_numbers_as_floats(raw: float, expected: float) -> None:
    value = accepted(spec("float"), raw)
    assert value == expected
    assert type(value) is float


@pytest.mark.parametrize("raw", [True, False, "1.5", None, [1.0], {"value": 1.0}])
def test_float_refuses_what_is_not_a_number(raw: object) -> None:
    assert refused(spec("float"), raw) == "wrong_type"


@pytest.mark.parametrize("raw", [math.nan, math.inf, -math.inf])
def test_float_refuses_nan_and_infinities(raw: float) -> None:
    assert refused(spec("float"), raw) == "wrong_type"
    assert refused(spec("float", min=-1e9, max=1e9), raw) == "wrong_type"


def test_float_range_is_inclusive_at_both_ends() -> None:
    s = spec("float", min=-10.5, max=20)
    assert accepted(s, -10.5) == -10.5
    assert accepted(s, 20) == 20.0
    assert accepted(s, 0.0) == 0.0
    assert refused(s, -10.500001) == "out_of_range"
    assert refused(s, 20.000001) == "out_of_range"


def test_open_ended_ranges() -> None:
    assert accepted(spec("float", min=0), 1e12) == 1e12
    assert refused(spec("float", min=0), -0.1) == "out_of_range"
    assert accepted(spec("float", max=0), -1e12) == -1e12
    assert refused(spec("float", max=0), 0.1) == "out_of_range"


# --- int ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [(3, 3), (-7, -7), (0, 0), (3.0, 3), (-2.0, -2)])
def test_int_accepts_integers_and_integral_floats(raw: float, expected: int) -> None:
    value = accepted(spec("int"), raw)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize("raw", [3.5, -0.1, True, False, "3", None, math.nan, math.inf])
def test_int_refuses_fractions_bools_and_other_types(raw: object) -> None:
    assert refused(spec("int"), raw) == "wrong_type"


def test_int_range_is_inclusive_at_both_ends() -> None:
    s = spec("int", min=0, max=3600)
    assert accepted(s, 0) == 0
    assert accepted(s, 3600) == 3600
    assert accepted(s, 3600.0) == 3600
    assert refused(s, -1) == "out_of_range"
    assert refused(s, 3601) == "out_of_range"
    assert refused(s, 3601.0) == "out_of_range"


# --- bool, string, enum ---------------------------------------------------------------------------------


def test_bool_accepts_only_booleans() -> None:
    s = spec("bool")
    assert accepted(s, True) is True
    assert s.check(False) == (False, None, None)
    for raw in (1, 0, "true", 1.0, None):
        assert refused(s, raw) == "wrong_type"


def test_string_accepts_text_up_to_max_length() -> None:
    s = spec("string", max_length=4)
    assert accepted(s, "龙城龙城") == "龙城龙城"  # length counts characters, not bytes
    assert s.check("") == ("", None, None)
    assert refused(s, "abcde") == "out_of_range"
    for raw in (1, 1.5, True, None, ["a"]):
        assert refused(s, raw) == "wrong_type"


def test_string_default_max_length_is_256() -> None:
    s = spec("string")
    assert accepted(s, "a" * 256) == "a" * 256
    assert refused(s, "a" * 257) == "out_of_range"


def test_enum_accepts_only_its_values() -> None:
    s = spec("enum", enum_values=["auto", "manual"])
    assert accepted(s, "auto") == "auto"
    assert accepted(s, "manual") == "manual"
    assert refused(s, "AUTO") == "out_of_range"
    assert refused(s, "") == "out_of_range"
    assert refused(s, 0) == "wrong_type"
    assert refused(s, None) == "wrong_type"


# --- model validation -----------------------------------------------------------------------------------


def prop(**fields: Any) -> dict[str, Any]:
    return {"name": "flow", "data_type": "float", **fields}


@pytest.mark.parametrize(
    ("model", "names"),
    [
        ({"properties": [prop(), prop(data_type="int")]}, ["properties", "duplicate", "flow"]),
        ({"events": [{"name": "trip"}, {"name": "trip"}]}, ["events", "duplicate", "trip"]),
        ({"commands": [{"name": "go"}, {"name": "go"}]}, ["commands", "duplicate", "go"]),
        (
            {"commands": [{"name": "go", "params": [prop(name="rpm"), prop(name="rpm")]}]},
            ["commands.go", "duplicate parameter"],
        ),
        ({"properties": [prop(min=10, max=1)]}, ["flow", "min 10.0", "max 1.0"]),
        ({"properties": [prop(data_type="bool", min=0)]}, ["flow", "min/max"]),
        ({"properties": [prop(data_type="string", max=3)]}, ["flow", "min/max"]),
        ({"properties": [prop(data_type="enum")]}, ["flow", "enum_values"]),
        ({"properties": [prop(enum_values=["a"])]}, ["flow", "enum_values"]),
        ({"properties": [prop(unit="furlongs_per_blorp")]}, ["flow.unit", "furlongs_per_blorp"]),
        ({"properties": [prop(name="Flow")]}, ["properties.0.name", "pattern"]),
        ({"properties": [prop(name="1flow")]}, ["properties.0.name"]),
        ({"properties": [prop(name="a" * 64)]}, ["properties.0.name"]),
        ({"events": [{"name": "bad-name"}]}, ["events.0.name"]),
        ({"properties": [prop(data_type="decimal")]}, ["properties.0.data_type"]),
        ({"properties": [prop(colour="red")]}, ["properties.0.colour"]),
        ({"events": [{"name": "trip", "severity": "fatal"}]}, ["events.0.severity"]),
        ({"properties": [prop(data_type="string", max_length=0)]}, ["properties.0.max_length"]),
    ],
)
def test_incoherent_models_are_refused_naming_the_field(model: dict[str, Any], names: list[str]) -> None:
    with pytest.raises(ValidationError) as info:
        ThingModel.model_validate(model)
    message = str(info.value)
    for name in names:
        assert name in message


def test_min_equal_to_max_is_allowed() -> None:
    s = spec("int", min=5, max=5)
    assert accepted(s, 5) == 5
    assert refused(s, 6) == "out_of_range"


def test_known_units_are_accepted() -> None:
    model = ThingModel.model_validate({"properties": [prop(unit="m**3/h"), prop(name="t", unit="degC")]})
    assert [p.unit for p in model.properties] == ["m**3/h", "degC"]


def test_property_lookup() -> None:
    model = ThingModel.model_validate(PUMP_MODEL)
    assert model.property("speed").access is Access.READ_WRITE
    assert model.property("flow").access is Access.READ
    assert list(model.property_map()) == ["flow", "speed", "running", "mode", "note"]
    assert model.property_map()["mode"].data_type is DataType.ENUM
    with pytest.raises(InvalidInput) as info:
        model.property("pressure")
    assert info.value.field == "pressure"
    assert info.value.code == "error.unknown_property"


def test_json_round_trip() -> None:
    model = ThingModel.model_validate(PUMP_MODEL)

    again = ThingModel.model_validate_json(model.model_dump_json())

    assert again == model
    assert isinstance(again.properties[0], PropertySpec)
    assert again.property("flow").unit == "m**3/h"
    assert again.property("mode").enum_values == ("auto", "manual")
    assert again.commands[1].params[0].max == 3600
    assert again.events[0].severity == "warning"
    assert ThingModel.model_validate(model.model_dump(mode="json")) == model


def test_models_are_frozen() -> None:
    model = ThingModel.model_validate(PUMP_MODEL)
    with pytest.raises(ValidationError):
        model.properties[0].max = 1.0  # type: ignore[misc]
