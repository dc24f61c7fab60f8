"""The platform's own figures laid against the seed's thresholds (the first piece of the self-assessment).

Thresholds are the minimums of the Changzhou measures: Attachment 1 (national cross-industry
cross-domain), Attachment 2 (provincial) and Attachment 3 (city); ``None`` where a tier sets none.
"""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from longcheng.core.thing_model import Access, ThingModel
from longcheng.registry.principals import Principal
from longcheng.services import computations
from longcheng.services.context import PlatformContext
from longcheng.services.metering import month_of
from longcheng.services.stats import platform_stats
from longcheng.storage.metadata.tables import Device, DeviceType, Invocation


class Indicator(BaseModel):
    requirement: str
    key: str
    value: float
    national: float | None
    provincial: float | None

    @property
    def met_national(self) -> bool:
        return self.national is not None and self.value >= self.national


def _controllable_devices(db: Session, scope: int | None) -> tuple[int, int]:
    """(devices of types with a writable property, number of such types)."""
    query = select(DeviceType.id, DeviceType.thing_model)
    if scope is not None:
        query = query.where(DeviceType.tenant_id == scope)
    types = [
        tid
        for tid, model in db.execute(query)
        if any(p.access is Access.READ_WRITE for p in ThingModel.model_validate(model).properties)
    ]
    if not types:
        return 0, 0
    devices = db.scalar(select(func.count()).select_from(Device).where(Device.device_type_id.in_(types))) or 0
    return int(devices), len(types)


def indicators(ctx: PlatformContext, db: Session, principal: Principal) -> list[Indicator]:
    stats = platform_stats(ctx, db, principal)
    scope = principal.tenant_filter()
    controlled, controlled_types = _controllable_devices(db, scope)
    ctx.meter.flush(db)
    month = month_of(ctx.clock.now_ms())
    calls_query = select(func.coalesce(func.sum(Invocation.count), 0)).where(Invocation.month == month)
    if scope is not None:
        calls_query = calls_query.where(Invocation.tenant_id == scope)
    calls = int(db.scalar(calls_query) or 0)
    specs = computations.catalogue().specs
    models = specs["model"].values()
    big_industries = sum(1 for s in stats.by_industry.values() if s.devices >= 1000)
    rows = [
        ("N1.1", "devices", stats.devices, 5000, 2000),
        ("N1.1", "device_types", stats.device_types, 30, None),
        ("N1.2", "controlled_devices", controlled, 2000, 500),
        ("N1.2", "controlled_types", controlled_types, 3, None),
        ("N1.3", "models", len(specs["model"]), 150, 30),
        ("N1.3", "model_classes", len({m.category for m in models}), 3, None),
        ("N1.3", "algorithms", len(specs["algorithm"]), 50, 10),
        ("N1.3", "invocations_month", calls, 1000, 300),
        ("N1.5", "industries_1000", big_industries, 3, None),
        ("C2", "online_devices", stats.online_devices, None, None),
        ("C4", "samples_stored", stats.samples_stored, None, None),
    ]
    return [Indicator(requirement=r, key=k, value=v, national=n, provincial=p) for r, k, v, n, p in rows]


__all__ = ["Indicator", "indicators"]
