"""Live platform indicators (``/api/v1/stats``): the figures the seed's tiers are judged on."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from longcheng.ingest.pipeline import IngestStats
from longcheng.registry.principals import Principal
from longcheng.services.context import PlatformContext
from longcheng.services.schemas import IndustryStats, Stats
from longcheng.storage.metadata.tables import Device, DeviceType, Tenant


def platform_stats(ctx: PlatformContext, db: Session, principal: Principal) -> Stats:
    principal.require("data.read")
    scope = principal.tenant_filter()
    by_industry: dict[str, IndustryStats] = {}

    def bucket(industry: str) -> IndustryStats:
        return by_industry.setdefault(industry, IndustryStats())

    tenant_q = select(Tenant.industry, func.count()).group_by(Tenant.industry)
    type_q = (
        select(Tenant.industry, func.count())
        .select_from(DeviceType)
        .join(Tenant, DeviceType.tenant_id == Tenant.id)
        .group_by(Tenant.industry)
    )
    device_q = (
        select(Tenant.industry, Device.id).select_from(Device).join(Tenant, Device.tenant_id == Tenant.id)
    )
    if scope is not None:
        tenant_q = tenant_q.where(Tenant.id == scope)
        type_q = type_q.where(DeviceType.tenant_id == scope)
        device_q = device_q.where(Device.tenant_id == scope)
    for industry, n in db.execute(tenant_q):
        bucket(industry).tenants = n
    for industry, n in db.execute(type_q):
        bucket(industry).device_types = n
    since = ctx.online_since_ms()
    devices = list(db.execute(device_q))
    activity = ctx.timeseries.activity([device_id for _, device_id in devices])
    for industry, device_id in devices:
        entry = bucket(industry)
        entry.devices += 1
        act = activity.get(device_id)
        entry.online_devices += act is not None and act.last_seen_ms >= since
    by_type_q = (
        select(DeviceType.name, func.count())
        .select_from(Device)
        .join(DeviceType, Device.device_type_id == DeviceType.id)
        .group_by(DeviceType.name)
    )
    if scope is not None:
        by_type_q = by_type_q.where(Device.tenant_id == scope)
    by_type: dict[str, int] = {str(row[0]): int(row[1]) for row in db.execute(by_type_q)}
    totals = ctx.timeseries.totals(scope, since)
    live = _live(ctx.ingest_stats) if ctx.ingest_stats and scope is None else {}
    return Stats(
        tenants=sum(s.tenants for s in by_industry.values()),
        device_types=sum(s.device_types for s in by_industry.values()),
        devices=sum(s.devices for s in by_industry.values()),
        online_devices=sum(s.online_devices for s in by_industry.values()),
        devices_rejecting=sum(1 for a in activity.values() if a.rejected),
        samples_stored=totals.samples,
        samples_rejected=totals.rejected,
        rejected_by_reason=ctx.timeseries.rejected_by_reason(scope, None),
        by_industry=dict(sorted(by_industry.items())),
        devices_by_type=dict(sorted(by_type.items(), key=lambda kv: -kv[1])),
        ingest=live,
    )


def _live(stats: IngestStats) -> dict[str, Any]:
    """The ingest counters as plain JSON values (``asdict`` would turn the ``rejected`` Counter's items into
    keys such as ``"out_of_range,1"``)."""
    return {f.name: getattr(stats, f.name) for f in dataclasses.fields(stats)} | {
        "rejected": dict(stats.rejected)
    }


__all__ = ["platform_stats"]
