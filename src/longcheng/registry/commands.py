"""Control commands: validated against the thing model, recorded with their outcome, audited.

A command is either a write of writable properties (``kind="write"``, ``params`` = property → value) or an
invocation of a thing-model command (``kind="invoke"``, ``name`` = the command, ``params`` = its typed
parameters). The record follows pending → delivered → succeeded | failed | timed_out.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from longcheng.core.errors import InvalidInput, NotFound
from longcheng.core.samples import Value
from longcheng.core.thing_model import Access, ThingModel
from longcheng.registry.common import audit, get_scoped, page
from longcheng.registry.principals import SYSTEM, Principal
from longcheng.storage.metadata.tables import Command, Device, utcnow

OPEN = ("pending", "delivered")
FINAL = ("succeeded", "failed", "timed_out")


def validate_writes(model: ThingModel, values: dict[str, Any], prefix: str = "values") -> dict[str, Value]:
    """Writable properties only, each value of its data type and in range; errors name ``prefix.name``."""
    if not values:
        raise InvalidInput(prefix, "name at least one property")
    props = model.property_map()
    accepted: dict[str, Value] = {}
    for name, raw in values.items():
        spec = props.get(name)
        if spec is None:
            raise InvalidInput(
                f"{prefix}.{name}", "no such property in the thing model", code="error.unknown_property"
            )
        if spec.access is not Access.READ_WRITE:
            raise InvalidInput(f"{prefix}.{name}", "the property is read-only", code="error.read_only")
        value, reason, detail = spec.check(raw)
        if reason is not None or value is None:
            raise InvalidInput(f"{prefix}.{name}", detail or reason or "invalid")
        accepted[name] = value
    return accepted


def validate_invocation(model: ThingModel, name: str, params: dict[str, Any]) -> dict[str, Value]:
    command = next((c for c in model.commands if c.name == name), None)
    if command is None:
        raise InvalidInput("command", f"the thing model has no command {name!r}")
    known = {p.name: p for p in command.params}
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise InvalidInput(f"params.{unknown[0]}", f"command {name!r} has no parameter {unknown[0]!r}")
    accepted: dict[str, Value] = {}
    for spec in command.params:
        if spec.name not in params:
            if spec.required:
                raise InvalidInput(f"params.{spec.name}", "required")
            continue
        value, reason, detail = spec.check(params[spec.name])
        if reason is not None or value is None:
            raise InvalidInput(f"params.{spec.name}", detail or reason or "invalid")
        accepted[spec.name] = value
    return accepted


def create_command(
    db: Session,
    principal: Principal,
    device_id: int,
    *,
    write: dict[str, Any] | None = None,
    command: str | None = None,
    params: dict[str, Any] | None = None,
) -> tuple[Command, Device]:
    """Authorise, validate and record a command (status pending); the caller delivers it."""
    principal.require("device.control")
    device = get_scoped(db, Device, device_id, principal, "device")
    model = ThingModel.model_validate(device.device_type.thing_model)
    if (write is None) == (command is None):
        raise InvalidInput("write", "give either 'write' (property values) or 'command' (a command name)")
    if write is not None:
        row = Command(kind="write", name="write", params=validate_writes(model, write, "write"))
    else:
        assert command is not None
        row = Command(kind="invoke", name=command, params=validate_invocation(model, command, params or {}))
    row.tenant_id, row.device_id, row.requested_by = device.tenant_id, device.id, principal.username
    db.add(row)
    db.flush()
    audit(
        db,
        principal,
        "device.command",
        f"device:{device.key}",
        device.tenant_id,
        command_id=row.id,
        kind=row.kind,
        name=row.name,
        params=row.params,
    )
    db.commit()
    return row, device


def mark_delivered(db: Session, command_id: int) -> None:
    db.execute(
        update(Command)
        .where(Command.id == command_id, Command.status == "pending")
        .values(status="delivered", delivered_at=utcnow())
    )
    db.commit()


def complete(
    db: Session, device_id: int, command_id: int, *, ok: bool, result: dict[str, Any], error: str = ""
) -> Command | None:
    """Record a device's reply (only for an open command of that very device); None when it does not match."""
    row = db.get(Command, command_id)
    if row is None or row.device_id != device_id or row.status not in OPEN:
        return None
    row.status, row.result, row.error = ("succeeded" if ok else "failed"), result, error[:500]
    row.completed_at = utcnow()
    db.add(row)
    db.flush()
    audit(
        db,
        SYSTEM,
        "device.command_result",
        f"command:{row.id}",
        row.tenant_id,
        status=row.status,
        result=result,
        error=row.error,
    )
    db.commit()
    return row


def expire(db: Session, older_than_s: float) -> int:
    """Time out open commands older than ``older_than_s``; returns how many."""
    cutoff = utcnow() - timedelta(seconds=older_than_s)
    result = db.execute(
        update(Command)
        .where(Command.status.in_(OPEN), Command.requested_at < cutoff)
        .values(status="timed_out", completed_at=utcnow(), error="no reply from the device")
    )
    db.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def get_command(db: Session, principal: Principal, command_id: int) -> Command:
    principal.require("data.read")
    row = db.get(Command, command_id)
    scope = principal.tenant_filter()
    if row is None or (scope is not None and row.tenant_id != scope):
        raise NotFound("command", command_id)
    return row


def list_commands(
    db: Session, principal: Principal, device_id: int, *, limit: int = 50, offset: int = 0
) -> tuple[list[Command], int]:
    get_scoped(db, Device, device_id, principal, "device")
    query = select(Command).where(Command.device_id == device_id).order_by(Command.id.desc())
    return page(db, query, limit, offset)


__all__ = [
    "FINAL",
    "OPEN",
    "complete",
    "create_command",
    "expire",
    "get_command",
    "list_commands",
    "mark_delivered",
    "validate_invocation",
    "validate_writes",
]
