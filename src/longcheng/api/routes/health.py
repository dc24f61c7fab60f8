"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import text

from longcheng import __version__
from longcheng.api.deps import Ctx, Db

router = APIRouter(tags=["health"])


@router.get("/health")
def health(ctx: Ctx, db: Db) -> dict[str, Any]:
    db.execute(text("SELECT 1"))
    host, port = ctx.mqtt_endpoint
    return {
        "status": "ok",
        "version": __version__,
        "mqtt": f"mqtt://{host}:{port}",
        "embedded_broker": ctx.settings.embedded_broker,
    }
