"""Device types (thing models)."""

from __future__ import annotations

from fastapi import APIRouter, status

from longcheng.api.deps import Caller, Ctx, Db
from longcheng.api.routes.params import Limit, Offset
from longcheng.registry import device_types
from longcheng.registry.schemas import DeviceTypeCreate, DeviceTypePublic, DeviceTypeUpdate, Page

router = APIRouter(prefix="/device-types", tags=["device types"])


@router.get("")
def list_types(
    db: Db,
    caller: Caller,
    limit: Limit = 50,
    offset: Offset = 0,
    tenant_id: int | None = None,
    industry: str | None = None,
) -> Page[DeviceTypePublic]:
    rows, total = device_types.list_device_types(
        db, caller, limit=limit, offset=offset, tenant_id=tenant_id, industry=industry
    )
    return Page(items=[DeviceTypePublic.model_validate(r) for r in rows], total=total)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_type(db: Db, caller: Caller, body: DeviceTypeCreate) -> DeviceTypePublic:
    return DeviceTypePublic.model_validate(device_types.create_device_type(db, caller, body))


@router.get("/{type_id}")
def get_type(db: Db, caller: Caller, type_id: int) -> DeviceTypePublic:
    return DeviceTypePublic.model_validate(device_types.get_device_type(db, caller, type_id))


@router.patch("/{type_id}")
def update_type(ctx: Ctx, db: Db, caller: Caller, type_id: int, body: DeviceTypeUpdate) -> DeviceTypePublic:
    row = device_types.update_device_type(db, caller, type_id, body)
    ctx.directory.invalidate()  # devices of this type validate against the new model at once
    return DeviceTypePublic.model_validate(row)


@router.delete("/{type_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_type(db: Db, caller: Caller, type_id: int) -> None:
    device_types.delete_device_type(db, caller, type_id)
