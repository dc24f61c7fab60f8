"""Device services: registry changes plus what must follow them (credentials, cache, telemetry, downlink)."""

from __future__ import annotations

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from longcheng.core import topics
from longcheng.core.samples import Value
from longcheng.registry import devices as registry
from longcheng.registry.principals import SYSTEM, Principal
from longcheng.registry.schemas import (
    DeviceCreate,
    DeviceCreated,
    DevicePublic,
    DeviceUpdate,
    MqttCredentials,
)
from longcheng.services.context import PlatformContext
from longcheng.services.schemas import DeviceStatus
from longcheng.services.telemetry import shadow
from longcheng.storage.metadata.tables import Device, Tenant


def public(device: Device) -> DevicePublic:
    return DevicePublic.model_validate(
        {**_columns(device), "tenant_code": device.tenant.code, "device_type_key": device.device_type.key}
    )


def _columns(device: Device) -> dict[str, object]:
    return {
        c: getattr(device, c)
        for c in (
            "id",
            "tenant_id",
            "device_type_id",
            "key",
            "name",
            "protocol",
            "binding",
            "enabled",
            "created_at",
            "updated_at",
        )
    }


def credentials(ctx: PlatformContext, device: Device, secret: str) -> MqttCredentials:
    host, port = ctx.mqtt_endpoint
    username = topics.device_username(device.tenant.code, device.key)
    return MqttCredentials(
        host=host,
        port=port,
        client_id=username,
        username=username,
        password=secret,
        telemetry_topic=topics.telemetry_topic(device.tenant.code, device.key),
        desired_topic=topics.desired_topic(device.tenant.code, device.key),
    )


def create_device(
    ctx: PlatformContext, db: Session, principal: Principal, data: DeviceCreate
) -> DeviceCreated:
    device, secret = registry.create_device(db, principal, data)
    ctx.directory.invalidate(device.tenant.code, device.key)
    return DeviceCreated(**public(device).model_dump(), credentials=credentials(ctx, device, secret))


def rotate_secret(ctx: PlatformContext, db: Session, principal: Principal, device_id: int) -> MqttCredentials:
    device, secret = registry.rotate_secret(db, principal, device_id)
    ctx.directory.invalidate(device.tenant.code, device.key)
    return credentials(ctx, device, secret)


def update_device(
    ctx: PlatformContext, db: Session, principal: Principal, device_id: int, data: DeviceUpdate
) -> DevicePublic:
    device = registry.update_device(db, principal, device_id, data)
    ctx.directory.invalidate(device.tenant.code, device.key)
    return public(device)


def delete_device(ctx: PlatformContext, db: Session, principal: Principal, device_id: int) -> None:
    device = registry.delete_device(db, principal, device_id)
    ctx.directory.invalidate(device.tenant.code, device.key)
    ctx.timeseries.delete_device(device.id)


def with_status(ctx: PlatformContext, devices: list[Device]) -> list[DeviceStatus]:
    activity = ctx.timeseries.activity([d.id for d in devices])
    since = ctx.online_since_ms()
    result = []
    for device in devices:
        act = activity.get(device.id)
        result.append(
            DeviceStatus(
                **public(device).model_dump(),
                online=act is not None and act.last_seen_ms >= since,
                last_seen_ms=act.last_seen_ms if act else None,
                samples=act.samples if act else 0,
                rejected=act.rejected if act else 0,
            )
        )
    return result


async def set_desired(
    ctx: PlatformContext, db: Session, principal: Principal, device_id: int, values: dict[str, object]
) -> tuple[dict[str, Value], bool]:
    """Store desired values (validated, audited) and send them to the device on its ``desired`` topic.

    Returns the accepted values and whether they were handed to the broker (a process without an MQTT
    downlink, such as an API-only worker, only stores them).
    """
    device, accepted = registry.set_desired(db, principal, device_id, dict(values))
    if ctx.downlink is None:
        return accepted, False
    payload = orjson.dumps({"ts": ctx.clock.now_ms(), "values": accepted})
    await ctx.downlink(topics.desired_topic(device.tenant.code, device.key), payload)
    return accepted, True


def pending_desired(ctx: PlatformContext, tenant_code: str, key: str) -> tuple[str, bytes] | None:
    """The desired values a device has not reported yet, as the message to send it on its ``desired``
    topic; None when there is nothing to catch up (or no such device)."""
    with ctx.sessions() as db:
        device = db.scalar(
            select(Device)
            .join(Tenant, Device.tenant_id == Tenant.id)
            .where(Tenant.code == tenant_code, Device.key == key)
        )
        if device is None or not device.desired:
            return None
        delta = shadow(ctx, db, SYSTEM, device.id).delta
    if not delta:
        return None
    return topics.desired_topic(tenant_code, key), orjson.dumps({"ts": ctx.clock.now_ms(), "values": delta})


__all__ = [
    "create_device",
    "credentials",
    "delete_device",
    "pending_desired",
    "public",
    "rotate_secret",
    "set_desired",
    "update_device",
    "with_status",
]
