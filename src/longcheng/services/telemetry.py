"""Reading what devices sent: series (raw or bucketed), the shadow, dead letters."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from longcheng.core.errors import InvalidInput
from longcheng.core.thing_model import ThingModel
from longcheng.registry import devices as registry
from longcheng.registry.principals import Principal
from longcheng.services.context import PlatformContext
from longcheng.services.schemas import (
    DeadLetterOut,
    DeadLetterPage,
    EventOut,
    EventPage,
    PointOut,
    Series,
    Shadow,
    ShadowValue,
)
from longcheng.storage.timeseries import AGGREGATES

MAX_POINTS = 10_000
MAX_BUCKETS = 10_000


def series(
    ctx: PlatformContext,
    db: Session,
    principal: Principal,
    device_id: int,
    *,
    prop: str,
    start_ms: int | None,
    end_ms: int | None,
    interval_ms: int | None,
    agg: str | None,
    limit: int,
) -> Series:
    device = registry.get_device(db, principal, device_id)
    model = ThingModel.model_validate(device.device_type.thing_model)
    spec = model.property_map().get(prop)
    if spec is None:
        raise InvalidInput("property", f"device type {device.device_type.key!r} has no property {prop!r}")
    end = end_ms if end_ms is not None else ctx.clock.now_ms() + 1
    start = start_ms if start_ms is not None else end - 3_600_000
    if start >= end:
        raise InvalidInput("start", "must be before end")
    if interval_ms is None:
        if agg is not None:
            raise InvalidInput("agg", "needs an interval")
        points = ctx.timeseries.range(device.id, prop, start, end, min(max(limit, 1), MAX_POINTS))
        out = [PointOut(ts=p.ts_ms, value=p.value, quality=p.quality.value) for p in points]
    else:
        agg = agg or "avg"
        if agg not in AGGREGATES:
            raise InvalidInput("agg", f"one of {', '.join(AGGREGATES)}")
        if (end - start) / interval_ms > MAX_BUCKETS:
            raise InvalidInput("interval", f"the range holds more than {MAX_BUCKETS} intervals")
        buckets = ctx.timeseries.aggregate(device.id, prop, start, end, interval_ms, agg)
        out = [PointOut(ts=b.start_ms, value=b.value, count=b.count) for b in buckets]
    return Series(
        device_id=device.id,
        property=prop,
        unit=spec.unit,
        start=start,
        end=end,
        interval_ms=interval_ms,
        agg=agg,
        points=out,
    )


def shadow(ctx: PlatformContext, db: Session, principal: Principal, device_id: int) -> Shadow:
    device = registry.get_device(db, principal, device_id)
    latest = ctx.timeseries.latest(device.id)
    activity = ctx.timeseries.activity([device.id]).get(device.id)
    reported = {
        name: ShadowValue(value=p.value, ts=p.ts_ms, quality=p.quality.value) for name, p in latest.items()
    }
    desired: dict[str, ShadowValue] = {
        name: ShadowValue.model_validate(entry) for name, entry in device.desired.items()
    }
    delta = {
        name: d.value
        for name, d in desired.items()
        if name not in reported or reported[name].value != d.value
    }
    return Shadow(
        device_id=device.id,
        online=activity is not None and activity.last_seen_ms >= ctx.online_since_ms(),
        last_seen_ms=activity.last_seen_ms if activity else None,
        reported=reported,
        desired=desired,
        delta=delta,
    )


def events(
    ctx: PlatformContext,
    db: Session,
    principal: Principal,
    device_id: int,
    *,
    limit: int = 50,
    offset: int = 0,
) -> EventPage:
    device = registry.get_device(db, principal, device_id)
    rows, total = ctx.timeseries.events(device.id, min(max(limit, 1), 1000), max(offset, 0))
    return EventPage(
        items=[EventOut(id=e.id, ts=e.ts_ms, name=e.name, params=e.params) for e in rows], total=total
    )


def dead_letters(
    ctx: PlatformContext,
    db: Session,
    principal: Principal,
    *,
    device_id: int | None = None,
    reason: str | None = None,
    tenant_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> DeadLetterPage:
    principal.require("data.read")
    scope = principal.tenant_filter()
    if scope is not None:
        tenant_id = scope
    if device_id is not None:
        registry.get_device(db, principal, device_id)  # 404 unless visible
    rows, total = ctx.timeseries.dead_letters(
        tenant_id, device_id, reason, min(max(limit, 1), 1000), max(offset, 0)
    )
    items = [DeadLetterOut(**_fields(r)) for r in rows]
    return DeadLetterPage(
        items=items, total=total, by_reason=ctx.timeseries.rejected_by_reason(tenant_id, device_id)
    )


def _fields(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in DeadLetterOut.model_fields}


__all__ = ["dead_letters", "events", "series", "shadow"]
