"""The edge gateway end to end: a simulated pump served over real Modbus TCP, collected by the gateway,
sent with the gateway's credentials to a running platform; a write through the platform's API reaches the
pump and is read back; the platform's broker goes away and comes back and every sample arrives once, in
order."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from longcheng.core.clock import SystemClock
from longcheng.drivers.modbus import SPEC as MODBUS
from longcheng.drivers.modbus.sim_devices import PUMP_POINTS
from longcheng.drivers.modbus.simulator import ModbusSimulator
from longcheng.drivers.simulated.catalogue import DEVICE_TYPES
from longcheng.edge.config import GatewayConfig
from longcheng.edge.runtime import Gateway
from longcheng.ingest.broker.embedded import EmbeddedBroker
from longcheng.runtime.platform import Platform
from support import eventually, free_port

PUMP_TYPE = DEVICE_TYPES[0]
assert PUMP_TYPE.key == "centrifugal_pump"
POINTS = [p for p in PUMP_POINTS if p.name in PUMP_TYPE.thing_model.property_map()]


async def _register(admin: httpx.AsyncClient) -> tuple[dict[str, Any], dict[str, Any]]:
    """Tenant ``plant``: the gateway ``gw-1`` and the pump ``pump-7`` bound to it."""
    tenant = (
        await admin.post("/api/v1/tenants", json={"code": "plant", "name": "Plant", "industry": "machinery"})
    ).json()
    gw_type = (await admin.post("/api/v1/gateways/device-type", params={"tenant_id": tenant["id"]})).json()
    pump_type = (
        await admin.post(
            "/api/v1/device-types",
            json={
                "key": PUMP_TYPE.key,
                "name": "Pump",
                "thing_model": PUMP_TYPE.thing_model.model_dump(mode="json"),
                "tenant_id": tenant["id"],
            },
        )
    ).json()
    gateway = (
        await admin.post(
            "/api/v1/devices",
            json={
                "key": "gw-1",
                "name": "Gateway 1",
                "device_type_id": gw_type["id"],
                "tenant_id": tenant["id"],
            },
        )
    ).json()
    pump = (
        await admin.post(
            "/api/v1/devices",
            json={
                "key": "pump-7",
                "name": "Pump 7",
                "device_type_id": pump_type["id"],
                "tenant_id": tenant["id"],
                "protocol": "modbus",
                "binding": {"gateway": "gw-1"},
            },
        )
    ).json()
    return gateway, pump


@pytest.fixture
async def plant(
    platform: Platform, admin: httpx.AsyncClient, tmp_path: Path
) -> AsyncIterator[tuple[Gateway, ModbusSimulator, dict[str, Any]]]:
    gateway_device, pump = await _register(admin)
    async with ModbusSimulator(port=free_port(), interval_s=0.05, seed=7) as simulator:
        host, port = platform.ctx.mqtt_endpoint if platform.ctx else ("", 0)
        config = GatewayConfig.model_validate(
            {
                "tenant": "plant",
                "gateway": "gw-1",
                "send_ms": 50,
                "health_s": 0.2,
                "uplink": {"host": host, "port": port, "password": gateway_device["credentials"]["password"]},
                "buffer": {"path": str(tmp_path / "buffer.db")},
                "devices": [
                    {
                        "key": "pump-7",
                        "driver": "modbus",
                        "connection": simulator.config().model_dump(mode="json"),
                        "points": [
                            p.model_copy(update={"poll_ms": 50}).model_dump(mode="json") for p in POINTS
                        ],
                    }
                ],
            }
        )
        gateway = Gateway(config, {"modbus": MODBUS}, SystemClock())
        task = asyncio.create_task(gateway.run())
        try:
            yield gateway, simulator, pump
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def _points(admin: httpx.AsyncClient, device_id: int, prop: str) -> list[dict[str, Any]]:
    r = await admin.get(
        f"/api/v1/devices/{device_id}/telemetry", params={"property": prop, "limit": 10_000, "start": "0"}
    )
    points: list[dict[str, Any]] = r.json()["points"]
    return points


async def test_the_gateway_collects_controls_and_reports_its_health(
    admin: httpx.AsyncClient, plant: tuple[Gateway, ModbusSimulator, dict[str, Any]]
) -> None:
    _, simulator, pump = plant

    async def flowing() -> list[dict[str, Any]] | None:
        points = await _points(admin, pump["id"], "flow")
        return points if len(points) >= 3 else None

    flow = await eventually(flowing, timeout=20)
    assert all(0 <= p["value"] <= 150 for p in flow)  # the thing model's range: nothing was refused
    letters = (await admin.get(f"/api/v1/devices/{pump['id']}/dead-letters")).json()
    assert letters["total"] == 0, letters

    r = await admin.post(f"/api/v1/devices/{pump['id']}/commands", json={"write": {"speed_setpoint": 1450}})
    assert r.status_code == 202, r.text

    async def answered() -> dict[str, Any] | None:
        body: dict[str, Any] = (await admin.get(f"/api/v1/commands/{r.json()['id']}")).json()
        return body if body["status"] not in ("pending", "delivered") else None

    done = await eventually(answered, timeout=20)
    assert (done["status"], done["result"]) == ("succeeded", {"speed_setpoint": 1450.0})
    assert simulator.pump.speed_setpoint == 1450.0  # the write went into the pump's physics

    async def reported() -> bool:
        shadow = (await admin.get(f"/api/v1/devices/{pump['id']}/shadow")).json()
        return bool(shadow["reported"]["speed_setpoint"]["value"] == 1450.0)

    await eventually(reported, timeout=20)  # the read-back also arrives as telemetry

    async def healthy() -> dict[str, Any] | None:
        found = (await admin.get("/api/v1/gateways")).json()
        return found[0] if found and found[0]["health"].get("sessions_up") == 1 else None

    status = await eventually(healthy, timeout=20)
    assert (status["key"], status["devices"], status["health"]["sessions_total"]) == ("gw-1", ["pump-7"], 1)
    assert status["health"]["uplink_connected"] == 1


async def test_store_and_forward_loses_nothing_while_the_platform_is_away(
    admin: httpx.AsyncClient, platform: Platform, plant: tuple[Gateway, ModbusSimulator, dict[str, Any]]
) -> None:
    gateway, _, pump = plant
    sent: list[bytes] = []
    append = gateway.buffer.append

    def recording(items: list[tuple[str, bytes]]) -> int:
        sent.extend(payload for topic, payload in items if topic.endswith("/pump-7/telemetry"))
        return append(items)

    gateway.buffer.append = recording  # type: ignore[method-assign]
    await eventually(lambda: _async(gateway.uplink.connected), timeout=20)

    assert platform.broker is not None
    assert platform.ctx is not None
    assert platform.ingest is not None
    await platform.broker.stop()  # the platform's MQTT endpoint goes away; the gateway keeps collecting
    await eventually(lambda: _async(not gateway.uplink.connected), timeout=20)
    await eventually(lambda: _async(gateway.buffer.depth >= 5), timeout=20)
    host, port = platform.ctx.mqtt_endpoint
    broker = EmbeddedBroker(host, port, platform.ctx.directory, platform.ingest.handle)
    await broker.start()  # ...and comes back
    try:
        await eventually(lambda: _async(gateway.uplink.connected and gateway.buffer.depth == 0), timeout=30)
        collected = sorted(
            {
                ts: v
                for body in sent
                for rec in orjson.loads(body)
                for ts, v in [(rec["ts"], rec["values"].get("flow"))]
                if v is not None
            }.items()
        )

        async def stored() -> list[tuple[int, float]] | None:
            await platform.ingest.flush()  # type: ignore[union-attr]
            points = [(p["ts"], p["value"]) for p in await _points(admin, pump["id"], "flow")]
            return points if len(points) >= len(collected) else None

        stored_points = await eventually(stored, timeout=20)
        # every flow sample the gateway sent while connected, away and back is stored once, in time order
        assert stored_points[: len(collected)] == collected
        assert len({ts for ts, _ in stored_points}) == len(stored_points)
    finally:
        await broker.stop()


async def _async(value: bool) -> bool:
    return value
