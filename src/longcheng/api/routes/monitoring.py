"""Platform-wide views: dead letters of every visible device, live indicators."""

from __future__ import annotations

from fastapi import APIRouter

from longcheng.api.deps import Caller, Ctx, Db
from longcheng.api.routes.params import Limit, Offset
from longcheng.services import telemetry
from longcheng.services.schemas import DeadLetterPage, Stats
from longcheng.services.stats import platform_stats

router = APIRouter(tags=["monitoring"])


@router.get("/dead-letters")
def dead_letters(
    ctx: Ctx,
    db: Db,
    caller: Caller,
    limit: Limit = 50,
    offset: Offset = 0,
    reason: str | None = None,
    tenant_id: int | None = None,
) -> DeadLetterPage:
    return telemetry.dead_letters(
        ctx, db, caller, reason=reason, tenant_id=tenant_id, limit=limit, offset=offset
    )


@router.get("/stats")
def stats(ctx: Ctx, db: Db, caller: Caller) -> Stats:
    return platform_stats(ctx, db, caller)
