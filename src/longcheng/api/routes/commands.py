"""Device control: send a command (property write or thing-model command), follow its status, bulk."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from longcheng.api.deps import Caller, Ctx, Db
from longcheng.api.routes.params import Limit, Offset
from longcheng.core.errors import InvalidInput
from longcheng.registry import commands as registry
from longcheng.registry.schemas import BulkCommandRequest, CommandPublic, CommandRequest, Page
from longcheng.services import commands

router = APIRouter(tags=["control"])


@router.post("/devices/{device_id}/commands", status_code=status.HTTP_202_ACCEPTED)
async def send_command(
    ctx: Ctx, db: Db, caller: Caller, device_id: int, body: CommandRequest
) -> CommandPublic:
    """Authorised by role, validated against the thing model, recorded, audited and delivered; the record
    follows pending → delivered → succeeded | failed | timed_out, with the values read back."""
    row = await commands.send(
        ctx, db, caller, device_id, write=body.write, command=body.command, params=body.params
    )
    return CommandPublic.model_validate(row)


@router.get("/devices/{device_id}/commands")
def list_commands(
    db: Db, caller: Caller, device_id: int, limit: Limit = 50, offset: Offset = 0
) -> Page[CommandPublic]:
    rows, total = registry.list_commands(db, caller, device_id, limit=limit, offset=offset)
    return Page(items=[CommandPublic.model_validate(r) for r in rows], total=total)


@router.get("/commands/{command_id}")
def get_command(db: Db, caller: Caller, command_id: int) -> CommandPublic:
    return CommandPublic.model_validate(registry.get_command(db, caller, command_id))


@router.post("/commands/bulk", status_code=status.HTTP_202_ACCEPTED)
async def bulk(ctx: Ctx, db: Db, caller: Caller, body: BulkCommandRequest) -> dict[str, Any]:
    """The same command to a list of devices or to every device of a type; one result per device."""
    if (body.device_ids is None) == (body.device_type_id is None):
        raise InvalidInput("device_ids", "give either device_ids or device_type_id")
    ids = body.device_ids or commands.devices_of_type(db, caller, body.device_type_id or 0)
    results = await commands.send_bulk(
        ctx, db, caller, ids, write=body.write, command=body.command, params=body.params
    )
    return {"results": results, "sent": sum(1 for r in results if "command_id" in r), "total": len(results)}
