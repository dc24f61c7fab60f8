"""Plugin loading from entry points: the built-ins are found, a broken plugin is recorded and never raises."""

from __future__ import annotations

import sys
import types
from importlib.metadata import EntryPoint

import pytest

from longcheng.core.errors import NotFound
from longcheng.core.plugins import API_VERSION, GROUPS, Registry, Spec
from longcheng.drivers.spec import DriverSpec
from longcheng.storage.timeseries import TimeSeriesSpec
from longcheng.storage.timeseries.memory import SPEC as MEMORY_SPEC
from longcheng.storage.timeseries.memory import open_memory

GROUP = GROUPS["timeseries"]
FAKE_MODULE = "lc_test_fake_plugins"


@pytest.fixture
def fake_module(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """An importable module holding plugin objects, some of them wrong."""
    module = types.ModuleType(FAKE_MODULE)
    module.FUTURE = TimeSeriesSpec(  # type: ignore[attr-defined]
        name="future",
        title_key="storage.timeseries.memory",
        scheme="future",
        open=open_memory,
        api_version=API_VERSION + 1,
    )
    module.DRIVER = DriverSpec(  # type: ignore[attr-defined]
        name="driver", title_key="driver.simulated.title", protocol="x"
    )
    module.GOOD = TimeSeriesSpec(  # type: ignore[attr-defined]
        name="good", title_key="storage.timeseries.memory", scheme="good", open=open_memory
    )
    monkeypatch.setitem(sys.modules, FAKE_MODULE, module)
    return module


def test_the_built_in_time_series_stores_are_found() -> None:
    registry = Registry.load(GROUPS["timeseries"], TimeSeriesSpec)

    assert registry.failures == []
    assert set(registry.specs) == {"sqlite", "memory"}
    assert registry.get("memory") is MEMORY_SPEC
    assert registry.get("sqlite").scheme == "sqlite"


def test_the_built_in_driver_is_found() -> None:
    registry = Registry.load(GROUPS["drivers"], DriverSpec)

    assert registry.failures == []
    assert {"simulated", "modbus", "opcua", "s7", "http", "mqtt_json", "sparkplug"} <= set(registry.specs)
    assert registry.get("simulated").protocol == "simulated"
    assert registry.get("simulated").title_key == "driver.simulated.title"


def test_an_unknown_plugin_is_not_found() -> None:
    registry = Registry.load(GROUP, TimeSeriesSpec)
    with pytest.raises(NotFound) as info:
        registry.get("cassandra")
    assert info.value.kind == f"{GROUP} plugin"


def test_an_empty_group_loads_nothing() -> None:
    registry = Registry.load("longcheng.no_such_group", Spec)
    assert (registry.specs, registry.failures) == ({}, [])


def load_one(registry: Registry[TimeSeriesSpec], name: str, value: str) -> None:
    registry._load_one(EntryPoint(name, value, GROUP))


def test_a_missing_module_is_recorded() -> None:
    registry = Registry(GROUP, TimeSeriesSpec)

    load_one(registry, "ghost", "longcheng.storage.timeseries.no_such_module:SPEC")

    assert registry.specs == {}
    [failure] = registry.failures
    assert (failure.name, failure.target) == ("ghost", "longcheng.storage.timeseries.no_such_module:SPEC")
    assert failure.error.startswith("ModuleNotFoundError:")


def test_a_missing_attribute_is_recorded() -> None:
    registry = Registry(GROUP, TimeSeriesSpec)

    load_one(registry, "memory", "longcheng.storage.timeseries.memory:NO_SUCH_SPEC")

    assert registry.specs == {}
    assert registry.failures[0].error.startswith("AttributeError:")


@pytest.mark.usefixtures("fake_module")
@pytest.mark.parametrize(
    ("name", "target", "error"),
    [
        ("clock", "longcheng.core.clock:ManualClock", "entry point must be a TimeSeriesSpec, got type"),
        ("driver", f"{FAKE_MODULE}:DRIVER", "entry point must be a TimeSeriesSpec, got DriverSpec"),
        (
            "other",
            "longcheng.storage.timeseries.memory:SPEC",
            "spec name 'memory' differs from the entry point",
        ),
        ("future", f"{FAKE_MODULE}:FUTURE", f"plugin API version {API_VERSION + 1}"),
    ],
)
def test_a_wrong_object_is_recorded(name: str, target: str, error: str) -> None:
    registry = Registry(GROUP, TimeSeriesSpec)

    load_one(registry, name, target)

    assert registry.specs == {}
    [failure] = registry.failures
    assert (failure.name, failure.target) == (name, target)
    assert failure.error.startswith(error)


@pytest.mark.usefixtures("fake_module")
def test_one_broken_plugin_does_not_stop_the_others() -> None:
    registry = Registry(GROUP, TimeSeriesSpec)

    load_one(registry, "ghost", "no_such_package_anywhere:SPEC")
    load_one(registry, "good", f"{FAKE_MODULE}:GOOD")
    load_one(registry, "memory", "longcheng.storage.timeseries.memory:SPEC")

    assert set(registry.specs) == {"good", "memory"}
    assert [f.name for f in registry.failures] == ["ghost"]
