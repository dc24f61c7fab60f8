"""Device control: a command is authorised and validated (registry), recorded, delivered on the device's
``commands`` topic, and completed by the device's reply on its ``replies`` topic; open commands time out."""

from __future__ import annotations

import logging
from typing import Any

import orjson
from sqlalchemy.orm import Session

from longcheng.core import topics
from longcheng.core.errors import InvalidInput, LongchengError
from longcheng.ingest.directory import DeviceEntry
from longcheng.registry import commands as registry
from longcheng.registry import devices as device_registry
from longcheng.registry.principals import Principal
from longcheng.services.context import PlatformContext
from longcheng.storage.metadata.tables import Command

log = logging.getLogger(__name__)

MAX_BULK = 5000


def payload_of(row: Command) -> bytes:
    """What the device (or its gateway) receives on its ``commands`` topic."""
    return orjson.dumps({"id": row.id, "kind": row.kind, "name": row.name, "params": row.params})


async def send(
    ctx: PlatformContext,
    db: Session,
    principal: Principal,
    device_id: int,
    *,
    write: dict[str, Any] | None = None,
    command: str | None = None,
    params: dict[str, Any] | None = None,
) -> Command:
    row, device = registry.create_command(
        db, principal, device_id, write=write, command=command, params=params
    )
    if ctx.downlink is not None:
        await ctx.downlink(topics.topic(device.tenant.code, device.key, "commands"), payload_of(row))
        registry.mark_delivered(db, row.id)
        db.refresh(row)
    return row


async def send_bulk(
    ctx: PlatformContext,
    db: Session,
    principal: Principal,
    device_ids: list[int],
    *,
    write: dict[str, Any] | None = None,
    command: str | None = None,
    params: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The same command to many devices; each device gets its own record, or its own error."""
    if not device_ids or len(device_ids) > MAX_BULK:
        raise InvalidInput("device_ids", f"between 1 and {MAX_BULK} devices")
    results: list[dict[str, Any]] = []
    for device_id in device_ids:
        try:
            row = await send(ctx, db, principal, device_id, write=write, command=command, params=params)
            results.append({"device_id": device_id, "command_id": row.id, "status": row.status})
        except LongchengError as err:
            db.rollback()
            results.append({"device_id": device_id, "error": {"code": err.code, "detail": err.message}})
    return results


def devices_of_type(db: Session, principal: Principal, device_type_id: int) -> list[int]:
    rows, _ = device_registry.list_devices(db, principal, device_type_id=device_type_id, limit=MAX_BULK)
    return [d.id for d in rows]


def on_reply(ctx: PlatformContext, device: DeviceEntry, payload: bytes) -> bool:
    """A device's reply ``{"id", "status": "succeeded"|"failed", "result": {...}, "error": "..."}``;
    returns whether it completed an open command of that device (anything else is logged and dropped)."""
    try:
        reply = orjson.loads(payload)
        command_id = int(reply["id"])
        ok = reply.get("status") == "succeeded"
        result = reply.get("result") or {}
        if not isinstance(result, dict):
            raise TypeError("result must be an object")
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as err:
        log.warning("malformed command reply from %s: %s", device.key, err)
        return False
    with ctx.sessions() as db:
        row = registry.complete(
            db, device.device_id, command_id, ok=ok, result=result, error=str(reply.get("error") or "")
        )
    return row is not None


def expire(ctx: PlatformContext) -> int:
    with ctx.sessions() as db:
        return registry.expire(db, ctx.settings.command_timeout_s)


__all__ = ["MAX_BULK", "devices_of_type", "expire", "on_reply", "payload_of", "send", "send_bulk"]
