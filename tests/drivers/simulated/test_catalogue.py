"""The catalogue of simulated device types, the plan of a factory and the plugin's declaration."""

from __future__ import annotations

import random
import re
import typing

import pytest
from pydantic import ValidationError

import longcheng.drivers.simulated as simulated
from longcheng.core.i18n import catalogue
from longcheng.core.plugins import Registry
from longcheng.core.thing_model import Access
from longcheng.core.units import check_unit
from longcheng.drivers.simulated.catalogue import DEVICE_TYPES, Industry, SimulatedType, plan
from longcheng.drivers.simulated.config import SimConfig
from longcheng.drivers.spec import DriverSpec

KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
REQUIRED = {"centrifugal_pump", "motor", "air_compressor", "chiller", "power_meter", "temp_humidity_sensor"}


def test_at_least_six_types_including_the_required_ones() -> None:
    keys = [kind.key for kind in DEVICE_TYPES]
    assert len(keys) >= 6
    assert len(set(keys)) == len(keys)
    assert set(keys) >= REQUIRED


def test_types_spread_over_at_least_four_industries() -> None:
    industries = {kind.industry for kind in DEVICE_TYPES}
    assert len(industries) >= 4
    assert industries <= set(typing.get_args(Industry))


@pytest.mark.parametrize("kind", DEVICE_TYPES, ids=lambda k: k.key)
def test_each_type_is_well_described(kind: SimulatedType) -> None:
    assert kind.title.en
    assert kind.title.zh
    for prop in kind.thing_model.properties:
        assert prop.title.en
        assert prop.title.zh
        if prop.unit is not None:
            assert check_unit(prop.unit) == prop.unit


@pytest.mark.parametrize("kind", DEVICE_TYPES, ids=lambda k: k.key)
def test_writable_properties_match_the_physics(kind: SimulatedType) -> None:
    model = kind.new_model(random.Random(1))
    writable = {p.name for p in kind.thing_model.properties if p.access is Access.READ_WRITE}
    assert writable == set(model.setpoints) | ({"running"} if model.switchable else set())
    for name, (low, high) in model.setpoints.items():
        spec = kind.thing_model.property(name)
        assert (spec.min, spec.max) == (low, high)
    if writable:
        assert kind.thing_model.commands, "a controllable type needs commands"


def test_plan_is_round_robin_and_deterministic() -> None:
    devices = plan(20)
    assert devices == plan(20)
    n = len(DEVICE_TYPES)
    assert [kind for kind, _ in devices[:n]] == list(DEVICE_TYPES)
    assert all(devices[i][0] is DEVICE_TYPES[i % n] for i in range(20))
    assert devices[0][1] == "centrifugal-pump-0001"
    assert devices[n][1] == "centrifugal-pump-0002"
    keys = [key for _, key in devices]
    assert len(set(keys)) == len(keys)
    assert all(KEY.match(key) for key in keys)


def test_plan_of_many_devices_keeps_valid_unique_keys() -> None:
    keys = [key for _, key in plan(100_000)]
    assert len(set(keys)) == len(keys)
    assert all(KEY.match(key) for key in keys)


def test_plan_of_nothing() -> None:
    assert plan(0) == []
    with pytest.raises(ValueError, match="count"):
        plan(-1)


def test_config_validates() -> None:
    assert SimConfig(count=3) == SimConfig(count=3, interval_s=1.0, seed=42)
    with pytest.raises(ValidationError):
        SimConfig(count=-1)
    with pytest.raises(ValidationError):
        SimConfig(count=1, interval_s=0)


def test_spec_is_registered_and_titled_in_both_locales() -> None:
    assert simulated.SPEC.config_model is SimConfig
    assert Registry.load("longcheng.drivers", DriverSpec).get("simulated") is simulated.SPEC
    assert catalogue("en")["driver.simulated.title"]
    assert catalogue("zh")["driver.simulated.title"]


def test_locales_declare_the_same_driver_keys() -> None:
    en = {k for k in catalogue("en") if k.startswith("driver.simulated.")}
    zh = {k for k in catalogue("zh") if k.startswith("driver.simulated.")}
    assert en == zh
    assert {f"driver.simulated.industry.{i}" for i in typing.get_args(Industry)} <= en


def test_public_surface() -> None:
    assert simulated.__all__ == ["SPEC", "SimConfig"]
