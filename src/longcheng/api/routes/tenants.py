"""Tenants (enterprises)."""

from __future__ import annotations

from fastapi import APIRouter, status

from longcheng.api.deps import Caller, Ctx, Db
from longcheng.api.routes.params import Limit, Offset
from longcheng.registry import tenants
from longcheng.registry.schemas import Page, TenantCreate, TenantPublic, TenantUpdate
from longcheng.services import tenants as tenant_services

router = APIRouter(prefix="/tenants", tags=["tenants"])


@router.get("")
def list_tenants(
    db: Db, caller: Caller, limit: Limit = 50, offset: Offset = 0, industry: str | None = None
) -> Page[TenantPublic]:
    rows, total = tenants.list_tenants(db, caller, limit=limit, offset=offset, industry=industry)
    return Page(items=[TenantPublic.model_validate(r) for r in rows], total=total)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_tenant(db: Db, caller: Caller, body: TenantCreate) -> TenantPublic:
    return TenantPublic.model_validate(tenants.create_tenant(db, caller, body))


@router.get("/{tenant_id}")
def get_tenant(db: Db, caller: Caller, tenant_id: int) -> TenantPublic:
    return TenantPublic.model_validate(tenants.get_tenant(db, caller, tenant_id))


@router.patch("/{tenant_id}")
def update_tenant(ctx: Ctx, db: Db, caller: Caller, tenant_id: int, body: TenantUpdate) -> TenantPublic:
    return TenantPublic.model_validate(tenant_services.update_tenant(ctx, db, caller, tenant_id, body))


@router.delete("/{tenant_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_tenant(ctx: Ctx, db: Db, caller: Caller, tenant_id: int) -> None:
    tenant_services.delete_tenant(ctx, db, caller, tenant_id)
