"""Tenant services: registry changes plus the device cache and the tenant's telemetry."""

from __future__ import annotations

from sqlalchemy.orm import Session

from longcheng.registry import tenants as registry
from longcheng.registry.principals import Principal
from longcheng.registry.schemas import TenantUpdate
from longcheng.services.context import PlatformContext
from longcheng.storage.metadata.tables import Tenant


def update_tenant(
    ctx: PlatformContext, db: Session, principal: Principal, tenant_id: int, data: TenantUpdate
) -> Tenant:
    tenant = registry.update_tenant(db, principal, tenant_id, data)
    ctx.directory.invalidate(tenant.code)
    ctx.principals.clear()  # members of a deactivated tenant are refused on the next request
    return tenant


def delete_tenant(ctx: PlatformContext, db: Session, principal: Principal, tenant_id: int) -> None:
    tenant, device_ids = registry.delete_tenant(db, principal, tenant_id)
    ctx.directory.invalidate(tenant.code)
    ctx.principals.clear()  # members of a deactivated tenant are refused on the next request
    for device_id in device_ids:
        ctx.timeseries.delete_device(device_id)


__all__ = ["delete_tenant", "update_tenant"]
