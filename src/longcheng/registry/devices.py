"""Devices: registered under a tenant and a device type, with MQTT credentials (secret stored hashed)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value
from longcheng.core.thing_model import ThingModel
from longcheng.core.tokens import hash_token, new_token
from longcheng.registry.commands import validate_writes
from longcheng.registry.common import audit, commit_unique, get_scoped, page
from longcheng.registry.principals import Principal
from longcheng.registry.schemas import DeviceCreate, DeviceUpdate
from longcheng.storage.metadata.tables import Device, DeviceType, utcnow


def create_device(db: Session, principal: Principal, data: DeviceCreate) -> tuple[Device, str]:
    """Register a device; returns it with its MQTT secret, which is never shown again."""
    principal.require("device.write")
    tenant_id = principal.target_tenant(data.tenant_id)
    device_type = db.get(DeviceType, data.device_type_id)
    if device_type is None or device_type.tenant_id != tenant_id:
        raise InvalidInput("device_type_id", f"no device type {data.device_type_id} in this tenant")
    secret = new_token()
    device = Device(
        tenant_id=tenant_id,
        device_type_id=device_type.id,
        key=data.key,
        name=data.name,
        protocol=data.protocol,
        binding=data.binding,
        secret_hash=hash_token(secret),
    )
    db.add(device)
    audit(db, principal, "device.create", f"device:{data.key}", tenant_id)
    commit_unique(db, "device", data.key)
    return device, secret


def get_device(db: Session, principal: Principal, device_id: int) -> Device:
    principal.require("data.read")
    return get_scoped(db, Device, device_id, principal, "device")


def list_devices(
    db: Session,
    principal: Principal,
    *,
    limit: int = 50,
    offset: int = 0,
    tenant_id: int | None = None,
    device_type_id: int | None = None,
    search: str | None = None,
    ids: set[int] | None = None,
) -> tuple[list[Device], int]:
    principal.require("data.read")
    query = select(Device).order_by(Device.id)
    scope = principal.tenant_filter()
    if scope is not None or tenant_id is not None:
        query = query.where(Device.tenant_id == (scope if scope is not None else tenant_id))
    if device_type_id is not None:
        query = query.where(Device.device_type_id == device_type_id)
    if search:
        pattern = f"%{search.strip()}%"
        query = query.where(or_(Device.key.ilike(pattern), Device.name.ilike(pattern)))
    if ids is not None:
        query = query.where(Device.id.in_(ids))
    return page(db, query, limit, offset)


def update_device(db: Session, principal: Principal, device_id: int, data: DeviceUpdate) -> Device:
    principal.require("device.write")
    device = get_scoped(db, Device, device_id, principal, "device")
    changes = data.model_dump(exclude_unset=True)
    for name, value in changes.items():
        setattr(device, name, value)
    audit(db, principal, "device.update", f"device:{device.key}", device.tenant_id, fields=sorted(changes))
    db.commit()
    return device


def rotate_secret(db: Session, principal: Principal, device_id: int) -> tuple[Device, str]:
    principal.require("device.write")
    device = get_scoped(db, Device, device_id, principal, "device")
    secret = new_token()
    device.secret_hash = hash_token(secret)
    audit(db, principal, "device.rotate_secret", f"device:{device.key}", device.tenant_id)
    db.commit()
    return device, secret


def rotate_secrets(db: Session, principal: Principal, device_ids: list[int]) -> dict[int, str]:
    """Issue new secrets for many devices in one transaction (one audit entry); returns id -> secret."""
    principal.require("device.write")
    query = select(Device).where(Device.id.in_(device_ids))
    scope = principal.tenant_filter()
    if scope is not None:
        query = query.where(Device.tenant_id == scope)
    secrets: dict[int, str] = {}
    for device in db.scalars(query).unique():
        secrets[device.id] = new_token()
        device.secret_hash = hash_token(secrets[device.id])
    audit(db, principal, "device.rotate_secret", f"devices:{len(secrets)}", scope, devices=len(secrets))
    db.commit()
    return secrets


def delete_device(db: Session, principal: Principal, device_id: int) -> Device:
    """Delete the registration (the caller purges the device's telemetry from the time-series store)."""
    principal.require("device.write")
    device = get_scoped(db, Device, device_id, principal, "device")
    audit(db, principal, "device.delete", f"device:{device.key}", device.tenant_id)
    db.delete(device)
    db.commit()
    return device


def set_desired(
    db: Session, principal: Principal, device_id: int, values: dict[str, Any]
) -> tuple[Device, dict[str, Value]]:
    """Validate desired values against the thing model (writable properties only) and store them."""
    principal.require("device.control")
    device = get_scoped(db, Device, device_id, principal, "device")
    model = ThingModel.model_validate(device.device_type.thing_model)
    accepted = validate_writes(model, values)
    now = utcnow().isoformat()
    desired = dict(device.desired)
    desired.update({name: {"value": v, "ts": now, "by": principal.username} for name, v in accepted.items()})
    device.desired = desired
    audit(db, principal, "device.set_desired", f"device:{device.key}", device.tenant_id, values=accepted)
    db.commit()
    return device, accepted


__all__ = [
    "create_device",
    "delete_device",
    "get_device",
    "list_devices",
    "rotate_secret",
    "rotate_secrets",
    "set_desired",
    "update_device",
]
