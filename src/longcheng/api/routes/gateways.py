"""Edge gateways: their health and the devices they speak for."""

from __future__ import annotations

from fastapi import APIRouter

from longcheng.api.deps import Caller, Ctx, Db
from longcheng.registry.schemas import DeviceTypePublic
from longcheng.services import gateways
from longcheng.services.gateways import GatewayStatus

router = APIRouter(prefix="/gateways", tags=["gateways"])


@router.get("")
def list_gateways(ctx: Ctx, db: Db, caller: Caller) -> list[GatewayStatus]:
    """Devices of type ``edge_gateway`` with the health they last reported (sessions, points/s, buffer)."""
    return gateways.gateways(ctx, db, caller)


@router.post("/device-type")
def gateway_device_type(db: Db, caller: Caller, tenant_id: int | None = None) -> DeviceTypePublic:
    """The tenant's ``edge_gateway`` device type, created on first use: register gateways as its devices."""
    caller.require("device_type.write")
    return DeviceTypePublic.model_validate(gateways.ensure_gateway_type(db, caller, tenant_id))
