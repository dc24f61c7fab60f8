"""The SQL loader behind the device directory: one device entry from the metadata store."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from longcheng.core.thing_model import EventSpec, PropertySpec, ThingModel
from longcheng.ingest.directory import DeviceEntry
from longcheng.storage.metadata.tables import Device, DeviceType, Tenant

Parsed = tuple[dict[str, PropertySpec], dict[str, EventSpec]]


class SqlDeviceLoader:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._models: dict[tuple[int, int], tuple[dict[str, Any], Parsed]] = {}
        self._lock = threading.Lock()

    def _model(self, dtype: DeviceType) -> Parsed:
        """Parse a thing model once per (type, version). The raw model is compared as well: SQLite reuses
        the id of a deleted type, and a new type starts again at version 1."""
        key = (dtype.id, dtype.version)
        with self._lock:
            cached = self._models.get(key)
            if cached is None or cached[0] != dtype.thing_model:
                model = ThingModel.model_validate(dtype.thing_model)
                cached = (dtype.thing_model, (model.property_map(), {e.name: e for e in model.events}))
                self._models[key] = cached
            return cached[1]

    def load_device(self, tenant_code: str, key: str) -> DeviceEntry | None:
        with self._sessions() as db:
            device = db.scalar(
                select(Device)
                .join(Tenant, Device.tenant_id == Tenant.id)
                .where(Tenant.code == tenant_code, Device.key == key)
            )
            if device is None or not device.tenant.active:
                return None
            return DeviceEntry(
                tenant_id=device.tenant_id,
                device_id=device.id,
                tenant_code=tenant_code,
                key=key,
                secret_hash=device.secret_hash,
                enabled=device.enabled,
                properties=(parsed := self._model(device.device_type))[0],
                events=parsed[1],
                gateway=str(device.binding["gateway"]) if device.binding.get("gateway") else None,
            )

    def load_tenant_id(self, tenant_code: str) -> int | None:
        with self._sessions() as db:
            return db.scalar(select(Tenant.id).where(Tenant.code == tenant_code))


__all__ = ["SqlDeviceLoader"]
