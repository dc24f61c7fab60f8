"""Tenants (enterprises): created and managed by platform admins; members read their own."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from longcheng.core.errors import NotFound
from longcheng.registry.common import audit, commit_unique, flush_unique, page
from longcheng.registry.principals import Principal
from longcheng.registry.schemas import TenantCreate, TenantUpdate
from longcheng.storage.metadata.tables import Device, DeviceType, Tenant


def create_tenant(db: Session, principal: Principal, data: TenantCreate) -> Tenant:
    principal.require("tenant.manage")
    tenant = Tenant(**data.model_dump())
    db.add(tenant)
    flush_unique(db, "tenant", data.code)  # a taken code fails here, before the audit entry needs the id
    audit(db, principal, "tenant.create", f"tenant:{data.code}", tenant.id)
    commit_unique(db, "tenant", data.code)
    return tenant


def get_tenant(db: Session, principal: Principal, tenant_id: int) -> Tenant:
    principal.require("tenant.read")
    scope = principal.tenant_filter()
    tenant = db.get(Tenant, tenant_id)
    if tenant is None or (scope is not None and tenant.id != scope):
        raise NotFound("tenant", tenant_id)
    return tenant


def get_tenant_by_code(db: Session, code: str) -> Tenant | None:
    return db.scalar(select(Tenant).where(Tenant.code == code))


def list_tenants(
    db: Session, principal: Principal, *, limit: int = 50, offset: int = 0, industry: str | None = None
) -> tuple[list[Tenant], int]:
    principal.require("tenant.read")
    query = select(Tenant).order_by(Tenant.id)
    scope = principal.tenant_filter()
    if scope is not None:
        query = query.where(Tenant.id == scope)
    if industry:
        query = query.where(Tenant.industry == industry)
    return page(db, query, limit, offset)


def update_tenant(db: Session, principal: Principal, tenant_id: int, data: TenantUpdate) -> Tenant:
    principal.require("tenant.manage")
    tenant = get_tenant(db, principal, tenant_id)
    changes = data.model_dump(exclude_unset=True)
    for name, value in changes.items():
        setattr(tenant, name, value)
    audit(db, principal, "tenant.update", f"tenant:{tenant.code}", tenant.id, changes=changes)
    db.commit()
    return tenant


def delete_tenant(db: Session, principal: Principal, tenant_id: int) -> tuple[Tenant, list[int]]:
    """Delete a tenant with its users, device types and devices; returns the ids of the deleted devices
    (the caller purges their telemetry)."""
    principal.require("tenant.manage")
    tenant = get_tenant(db, principal, tenant_id)
    device_ids = list(db.scalars(select(Device.id).where(Device.tenant_id == tenant.id)))
    audit(db, principal, "tenant.delete", f"tenant:{tenant.code}", tenant.id, devices=len(device_ids))
    db.execute(delete(Device).where(Device.tenant_id == tenant.id))
    db.execute(delete(DeviceType).where(DeviceType.tenant_id == tenant.id))
    db.delete(tenant)
    db.commit()
    return tenant, device_ids


__all__ = [
    "create_tenant",
    "delete_tenant",
    "get_tenant",
    "get_tenant_by_code",
    "list_tenants",
    "update_tenant",
]
