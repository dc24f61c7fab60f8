"""Device types: a tenant's thing models. A type in use by devices cannot be deleted."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from longcheng.core.errors import Conflict, InvalidInput
from longcheng.registry.common import audit, commit_unique, get_scoped, page
from longcheng.registry.principals import Principal
from longcheng.registry.schemas import DeviceTypeCreate, DeviceTypeUpdate
from longcheng.storage.metadata.tables import Device, DeviceType, Tenant


def create_device_type(db: Session, principal: Principal, data: DeviceTypeCreate) -> DeviceType:
    principal.require("device_type.write")
    tenant_id = principal.target_tenant(data.tenant_id)
    if db.get(Tenant, tenant_id) is None:
        raise InvalidInput("tenant_id", f"tenant {tenant_id} does not exist")
    row = DeviceType(
        tenant_id=tenant_id,
        key=data.key,
        name=data.name,
        industry=data.industry,
        thing_model=data.thing_model.model_dump(mode="json"),
    )
    db.add(row)
    audit(db, principal, "device_type.create", f"device_type:{data.key}", tenant_id)
    commit_unique(db, "device type", data.key)
    return row


def get_device_type(db: Session, principal: Principal, type_id: int) -> DeviceType:
    principal.require("data.read")
    return get_scoped(db, DeviceType, type_id, principal, "device_type")


def get_device_type_by_key(db: Session, tenant_id: int, key: str) -> DeviceType | None:
    return db.scalar(select(DeviceType).where(DeviceType.tenant_id == tenant_id, DeviceType.key == key))


def list_device_types(
    db: Session,
    principal: Principal,
    *,
    limit: int = 50,
    offset: int = 0,
    tenant_id: int | None = None,
    industry: str | None = None,
) -> tuple[list[DeviceType], int]:
    principal.require("data.read")
    query = select(DeviceType).order_by(DeviceType.id)
    scope = principal.tenant_filter()
    if scope is not None or tenant_id is not None:
        query = query.where(DeviceType.tenant_id == (scope if scope is not None else tenant_id))
    if industry:
        query = query.where(DeviceType.industry == industry)
    return page(db, query, limit, offset)


def update_device_type(db: Session, principal: Principal, type_id: int, data: DeviceTypeUpdate) -> DeviceType:
    principal.require("device_type.write")
    row = get_scoped(db, DeviceType, type_id, principal, "device_type")
    changes = data.model_dump(exclude_unset=True, mode="json")
    for name, value in changes.items():
        setattr(row, name, value)
    if "thing_model" in changes:
        row.version += 1
    audit(
        db,
        principal,
        "device_type.update",
        f"device_type:{row.key}",
        row.tenant_id,
        fields=sorted(changes),
        version=row.version,
    )
    db.commit()
    return row


def delete_device_type(db: Session, principal: Principal, type_id: int) -> None:
    principal.require("device_type.write")
    row = get_scoped(db, DeviceType, type_id, principal, "device_type")
    in_use = db.scalar(select(func.count()).where(Device.device_type_id == row.id)) or 0
    if in_use:
        raise Conflict(
            f"device type {row.key!r} is used by {in_use} devices",
            what="device_type",
            key=row.key,
            code="error.in_use",
            count=in_use,
        )
    audit(db, principal, "device_type.delete", f"device_type:{row.key}", row.tenant_id)
    db.delete(row)
    db.commit()


__all__ = [
    "create_device_type",
    "delete_device_type",
    "get_device_type",
    "get_device_type_by_key",
    "list_device_types",
    "update_device_type",
]
