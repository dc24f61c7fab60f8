"""Edge gateways as the platform sees them: their devices, and the health they report."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from longcheng.edge.health import GATEWAY_MODEL, GATEWAY_TYPE_KEY
from longcheng.registry import device_types
from longcheng.registry.principals import Principal
from longcheng.registry.schemas import DeviceTypeCreate
from longcheng.services.context import PlatformContext
from longcheng.storage.metadata.tables import Device, DeviceType


class GatewayStatus(BaseModel):
    device_id: int
    tenant_id: int
    key: str
    name: str
    online: bool
    last_seen_ms: int | None
    health: dict[str, Any]
    devices: list[str]


def ensure_gateway_type(db: Session, principal: Principal, tenant_id: int | None = None) -> DeviceType:
    """The tenant's ``edge_gateway`` device type (created with the gateway health model when missing)."""
    tenant = principal.target_tenant(tenant_id)
    existing = device_types.get_device_type_by_key(db, tenant, GATEWAY_TYPE_KEY)
    if existing is not None:
        return existing
    return device_types.create_device_type(
        db,
        principal,
        DeviceTypeCreate(
            key=GATEWAY_TYPE_KEY, name="边缘网关 Edge gateway", thing_model=GATEWAY_MODEL, tenant_id=tenant
        ),
    )


def gateways(ctx: PlatformContext, db: Session, principal: Principal) -> list[GatewayStatus]:
    principal.require("data.read")
    scope = principal.tenant_filter()
    query = (
        select(Device)
        .join(DeviceType, Device.device_type_id == DeviceType.id)
        .where(DeviceType.key == GATEWAY_TYPE_KEY)
        .order_by(Device.id)
    )
    bound_query = select(Device.tenant_id, Device.key, Device.binding)
    if scope is not None:
        query = query.where(Device.tenant_id == scope)
        bound_query = bound_query.where(Device.tenant_id == scope)
    rows = list(db.scalars(query).unique())
    bound: dict[tuple[int, str], list[str]] = {}
    for tenant_id, key, binding in db.execute(bound_query):
        if isinstance(binding, dict) and binding.get("gateway"):
            bound.setdefault((tenant_id, str(binding["gateway"])), []).append(key)
    activity = ctx.timeseries.activity([g.id for g in rows])
    since = ctx.online_since_ms()
    result = []
    for gateway in rows:
        act = activity.get(gateway.id)
        latest = ctx.timeseries.latest(gateway.id)
        result.append(
            GatewayStatus(
                device_id=gateway.id,
                tenant_id=gateway.tenant_id,
                key=gateway.key,
                name=gateway.name,
                online=act is not None and act.last_seen_ms >= since,
                last_seen_ms=act.last_seen_ms if act else None,
                health={name: point.value for name, point in latest.items()},
                devices=sorted(bound.get((gateway.tenant_id, gateway.key), [])),
            )
        )
    return result


__all__ = ["GatewayStatus", "ensure_gateway_type", "gateways"]
