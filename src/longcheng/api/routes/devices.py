"""Devices, their telemetry, shadow, desired values, credentials and dead letters."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, status

from longcheng.api.deps import Caller, Ctx, Db
from longcheng.api.routes.params import Limit, Offset, parse_interval, parse_time
from longcheng.registry import devices as registry
from longcheng.registry.schemas import DeviceCreate, DeviceCreated, DeviceUpdate, MqttCredentials, Page
from longcheng.services import devices, telemetry
from longcheng.services.schemas import DeadLetterPage, DeviceStatus, EventPage, Series, Shadow

router = APIRouter(prefix="/devices", tags=["devices"])


@router.get("")
def list_devices(
    ctx: Ctx,
    db: Db,
    caller: Caller,
    limit: Limit = 50,
    offset: Offset = 0,
    tenant_id: int | None = None,
    device_type_id: int | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[DeviceStatus]:
    rows, total = registry.list_devices(
        db, caller, limit=limit, offset=offset, tenant_id=tenant_id, device_type_id=device_type_id, search=q
    )
    return Page(items=devices.with_status(ctx, rows), total=total)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_device(ctx: Ctx, db: Db, caller: Caller, body: DeviceCreate) -> DeviceCreated:
    return devices.create_device(ctx, db, caller, body)


@router.get("/{device_id}")
def get_device(ctx: Ctx, db: Db, caller: Caller, device_id: int) -> DeviceStatus:
    return devices.with_status(ctx, [registry.get_device(db, caller, device_id)])[0]


@router.patch("/{device_id}")
def update_device(ctx: Ctx, db: Db, caller: Caller, device_id: int, body: DeviceUpdate) -> DeviceStatus:
    devices.update_device(ctx, db, caller, device_id, body)
    return devices.with_status(ctx, [registry.get_device(db, caller, device_id)])[0]


@router.delete("/{device_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_device(ctx: Ctx, db: Db, caller: Caller, device_id: int) -> None:
    devices.delete_device(ctx, db, caller, device_id)


@router.post("/{device_id}/credentials")
def rotate_credentials(ctx: Ctx, db: Db, caller: Caller, device_id: int) -> MqttCredentials:
    """Issue a new MQTT secret (shown once); the old one stops working."""
    return devices.rotate_secret(ctx, db, caller, device_id)


@router.get("/{device_id}/telemetry")
def get_telemetry(
    ctx: Ctx,
    db: Db,
    caller: Caller,
    device_id: int,
    prop: Annotated[str, Query(alias="property", min_length=1)],
    start: str | None = None,
    end: str | None = None,
    interval: str | None = None,
    agg: str | None = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> Series:
    return telemetry.series(
        ctx,
        db,
        caller,
        device_id,
        prop=prop,
        start_ms=parse_time("start", start),
        end_ms=parse_time("end", end),
        interval_ms=parse_interval(interval),
        agg=agg,
        limit=limit,
    )


@router.get("/{device_id}/shadow")
def get_shadow(ctx: Ctx, db: Db, caller: Caller, device_id: int) -> Shadow:
    return telemetry.shadow(ctx, db, caller, device_id)


@router.put("/{device_id}/shadow/desired")
async def set_desired(
    ctx: Ctx,
    db: Db,
    caller: Caller,
    device_id: int,
    values: Annotated[dict[str, Any], Body(embed=True, min_length=1)],
) -> dict[str, Any]:
    """Set desired values of writable properties; they are validated, audited and sent to the device."""
    accepted, delivered = await devices.set_desired(ctx, db, caller, device_id, values)
    return {"values": accepted, "delivered": delivered}


@router.get("/{device_id}/events")
def device_events(
    ctx: Ctx, db: Db, caller: Caller, device_id: int, limit: Limit = 50, offset: Offset = 0
) -> EventPage:
    """The thing-model events the device reported, newest first."""
    return telemetry.events(ctx, db, caller, device_id, limit=limit, offset=offset)


@router.get("/{device_id}/dead-letters")
def device_dead_letters(
    ctx: Ctx,
    db: Db,
    caller: Caller,
    device_id: int,
    limit: Limit = 50,
    offset: Offset = 0,
    reason: str | None = None,
) -> DeadLetterPage:
    return telemetry.dead_letters(
        ctx, db, caller, device_id=device_id, reason=reason, limit=limit, offset=offset
    )
