"""Provisioning of the simulated factory: a demo tenant, one device type per simulated type, N devices.

Provisioning is idempotent; each start issues the simulated devices new secrets (they are the platform's
own devices, and secrets are stored only as hashes).
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from longcheng.core import topics
from longcheng.drivers.simulated.catalogue import DEVICE_TYPES, plan
from longcheng.drivers.simulated.driver import SimDevice
from longcheng.registry import device_types, devices, tenants
from longcheng.registry.principals import SYSTEM
from longcheng.registry.schemas import DeviceCreate, DeviceTypeCreate, DeviceTypeUpdate, TenantCreate
from longcheng.storage.metadata.tables import Device, DeviceType, Tenant

log = logging.getLogger(__name__)

DEMO_TENANT = "demo"


def _tenant(db: Session) -> Tenant:
    tenant = tenants.get_tenant_by_code(db, DEMO_TENANT)
    if tenant is None:
        tenant = tenants.create_tenant(
            db,
            SYSTEM,
            TenantCreate(
                code=DEMO_TENANT,
                name="龙城示范工厂 Longcheng Demo Factory",
                industry="machinery",
                region="常州 Changzhou",
            ),
        )
    return tenant


def _types(db: Session, tenant_id: int) -> dict[str, DeviceType]:
    rows: dict[str, DeviceType] = {}
    for sim in DEVICE_TYPES:
        row = device_types.get_device_type_by_key(db, tenant_id, sim.key)
        model_json = sim.thing_model.model_dump(mode="json")
        if row is None:
            row = device_types.create_device_type(
                db,
                SYSTEM,
                DeviceTypeCreate(
                    key=sim.key,
                    name=f"{sim.title.zh} {sim.title.en}",
                    industry=sim.industry,
                    thing_model=sim.thing_model,
                    tenant_id=tenant_id,
                ),
            )
        elif row.thing_model != model_json:
            row = device_types.update_device_type(
                db, SYSTEM, row.id, DeviceTypeUpdate(thing_model=sim.thing_model)
            )
        rows[sim.key] = row
    return rows


def provision(db: Session, count: int) -> list[SimDevice]:
    """Make sure the demo tenant has ``count`` simulated devices; return them with fresh credentials."""
    tenant = _tenant(db)
    types = _types(db, tenant.id)
    existing = {d.key: d for d in db.scalars(select(Device).where(Device.tenant_id == tenant.id)).unique()}
    wanted = plan(count)
    created = 0
    for sim, key in wanted:
        if key not in existing:
            device, _ = devices.create_device(
                db,
                SYSTEM,
                DeviceCreate(
                    key=key,
                    name=f"{sim.title.zh} {key[-4:]}",
                    device_type_id=types[sim.key].id,
                    protocol="simulated",
                    tenant_id=tenant.id,
                ),
            )
            existing[key] = device
            created += 1
    secrets = devices.rotate_secrets(db, SYSTEM, [existing[key].id for _, key in wanted])
    log.info("simulated factory: %d devices (%d new) in tenant %r", len(wanted), created, DEMO_TENANT)
    return [
        SimDevice(
            tenant=DEMO_TENANT,
            key=key,
            type=sim,
            username=topics.device_username(DEMO_TENANT, key),
            password=secrets[existing[key].id],
        )
        for sim, key in wanted
    ]


__all__ = ["DEMO_TENANT", "provision"]
