"""The SQL device loader against a real migrated SQLite metadata database, filled through the registry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from longcheng.core.thing_model import DataType, ThingModel
from longcheng.core.tokens import hash_token
from longcheng.ingest.directory_sql import SqlDeviceLoader
from longcheng.registry.device_types import create_device_type, delete_device_type, update_device_type
from longcheng.registry.devices import create_device, delete_device, update_device
from longcheng.registry.principals import SYSTEM
from longcheng.registry.schemas import (
    DeviceCreate,
    DeviceTypeCreate,
    DeviceTypeUpdate,
    DeviceUpdate,
    TenantCreate,
    TenantUpdate,
)
from longcheng.registry.tenants import create_tenant, update_tenant
from longcheng.storage.metadata.engine import make_engine, make_sessionmaker
from longcheng.storage.migrations import upgrade_metadata
from support import PUMP_MODEL

SENSOR_MODEL: dict[str, Any] = {"properties": [{"name": "temperature", "data_type": "float", "unit": "degC"}]}


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path}/meta.db"
    upgrade_metadata(url)
    engine = make_engine(url)
    yield make_sessionmaker(engine)
    engine.dispose()


def new_tenant(db: Session, code: str) -> int:
    return create_tenant(db, SYSTEM, TenantCreate(code=code, name=code.title(), industry="machinery")).id


def new_type(db: Session, tenant_id: int, key: str, model: dict[str, Any]) -> int:
    data = DeviceTypeCreate(
        key=key, name=key, thing_model=ThingModel.model_validate(model), tenant_id=tenant_id
    )
    return create_device_type(db, SYSTEM, data).id


def new_device(db: Session, tenant_id: int, type_id: int, key: str) -> tuple[int, str]:
    device, secret = create_device(
        db, SYSTEM, DeviceCreate(key=key, name=key, device_type_id=type_id, tenant_id=tenant_id)
    )
    return device.id, secret


def test_finds_the_device_with_its_thing_model(sessions: sessionmaker[Session]) -> None:
    with sessions() as db:
        acme = new_tenant(db, "acme")
        pump = new_type(db, acme, "pump", PUMP_MODEL)
        device_id, secret = new_device(db, acme, pump, "pump-1")
    loader = SqlDeviceLoader(sessions)

    found = loader.load_device("acme", "pump-1")

    assert found is not None
    assert (found.tenant_id, found.device_id, found.tenant_code, found.key) == (
        acme,
        device_id,
        "acme",
        "pump-1",
    )
    assert found.enabled
    assert found.secret_hash == hash_token(secret)
    assert list(found.properties) == ["flow", "speed", "running", "mode", "note"]
    assert found.properties["flow"].unit == "m**3/h"
    assert found.properties["mode"].data_type is DataType.ENUM
    assert loader.load_tenant_id("acme") == acme


def test_a_disabled_device_is_found_disabled(sessions: sessionmaker[Session]) -> None:
    with sessions() as db:
        acme = new_tenant(db, "acme")
        device_id, _ = new_device(db, acme, new_type(db, acme, "pump", PUMP_MODEL), "pump-1")
        update_device(db, SYSTEM, device_id, DeviceUpdate(enabled=False))

    found = SqlDeviceLoader(sessions).load_device("acme", "pump-1")

    assert found is not None
    assert not found.enabled


def test_unknown_devices_and_tenants_are_none(sessions: sessionmaker[Session]) -> None:
    with sessions() as db:
        acme = new_tenant(db, "acme")
        other = new_tenant(db, "other")
        new_device(db, acme, new_type(db, acme, "pump", PUMP_MODEL), "pump-1")
        new_type(db, other, "pump", PUMP_MODEL)
    loader = SqlDeviceLoader(sessions)

    assert loader.load_device("acme", "pump-2") is None
    assert loader.load_device("other", "pump-1") is None  # the key exists, but in another tenant
    assert loader.load_device("nobody", "pump-1") is None
    assert loader.load_tenant_id("nobody") is None
    assert loader.load_tenant_id("other") == other


def test_a_device_of_an_inactive_tenant_is_none(sessions: sessionmaker[Session]) -> None:
    with sessions() as db:
        acme = new_tenant(db, "acme")
        new_device(db, acme, new_type(db, acme, "pump", PUMP_MODEL), "pump-1")
    loader = SqlDeviceLoader(sessions)
    assert loader.load_device("acme", "pump-1") is not None

    with sessions() as db:
        update_tenant(db, SYSTEM, acme, TenantUpdate(active=False))

    assert loader.load_device("acme", "pump-1") is None
    with sessions() as db:
        update_tenant(db, SYSTEM, acme, TenantUpdate(active=True))
    assert loader.load_device("acme", "pump-1") is not None


def test_the_thing_model_is_parsed_once_per_type_and_version(sessions: sessionmaker[Session]) -> None:
    with sessions() as db:
        acme = new_tenant(db, "acme")
        pump = new_type(db, acme, "pump", PUMP_MODEL)
        sensor = new_type(db, acme, "sensor", SENSOR_MODEL)
        new_device(db, acme, pump, "pump-1")
        new_device(db, acme, pump, "pump-2")
        new_device(db, acme, sensor, "sensor-1")
    loader = SqlDeviceLoader(sessions)

    def properties(key: str) -> object:
        found = loader.load_device("acme", key)
        assert found is not None
        return found.properties

    first = properties("pump-1")
    assert properties("pump-1") is first  # the same parsed map, not a new parse
    assert properties("pump-2") is first  # shared by every device of the type
    assert properties("sensor-1") is not first
    assert list(properties("sensor-1")) == ["temperature"]  # type: ignore[call-overload]

    changed = {
        **PUMP_MODEL,
        "properties": [*PUMP_MODEL["properties"], {"name": "power", "data_type": "float"}],
    }
    with sessions() as db:
        update_device_type(db, SYSTEM, pump, DeviceTypeUpdate(thing_model=ThingModel.model_validate(changed)))

    second = properties("pump-1")
    assert second is not first
    assert "power" in second  # type: ignore[operator]
    assert properties("pump-2") is second


def test_a_new_type_that_reuses_a_deleted_types_id_gets_its_own_model(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as db:
        acme = new_tenant(db, "acme")
        old_type = new_type(db, acme, "pump", PUMP_MODEL)
        old_device, _ = new_device(db, acme, old_type, "pump-1")
    loader = SqlDeviceLoader(sessions)
    assert loader.load_device("acme", "pump-1") is not None  # the old model is now parsed
    with sessions() as db:
        delete_device(db, SYSTEM, old_device)
        delete_device_type(db, SYSTEM, old_type)
        new_type_id = new_type(db, acme, "sensor", SENSOR_MODEL)
        new_device(db, acme, new_type_id, "sensor-1")

    found = loader.load_device("acme", "sensor-1")

    assert found is not None
    assert list(found.properties) == ["temperature"]
