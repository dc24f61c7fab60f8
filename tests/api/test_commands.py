"""Device control end to end: authorise → validate → record → deliver over MQTT → the device's reply →
the command record with the values read back; refusals, time-outs, audit, bulk, and the simulated factory."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import aiomqtt
import httpx
import orjson
import pytest
from sqlalchemy import select

from longcheng.core.clock import SystemClock
from longcheng.core.topics import topic
from longcheng.drivers.simulated.catalogue import DEVICE_TYPES
from longcheng.drivers.simulated.driver import SimDevice, run_factory
from longcheng.runtime.platform import Platform
from longcheng.services import commands
from longcheng.storage.metadata.tables import AuditEntry
from support import World, eventually


@contextlib.asynccontextmanager
async def answering_device(world: World, *, ok: bool = True) -> AsyncIterator[list[dict[str, Any]]]:
    """The pump itself, on MQTT with its own credentials: answers each command, reading back its writes."""
    received: list[dict[str, Any]] = []
    c = world.credentials
    async with aiomqtt.Client(
        c["host"], c["port"], identifier=c["client_id"], username=c["username"], password=c["password"]
    ) as client:
        await client.subscribe(topic(world.tenant_code, world.device_key, "commands"), qos=1)

        async def answer() -> None:
            async for message in client.messages:
                command = orjson.loads(bytes(message.payload))  # type: ignore[arg-type]
                received.append(command)
                reply = (
                    {"id": command["id"], "status": "succeeded", "result": command["params"]}
                    if ok
                    else {"id": command["id"], "status": "failed", "error": "motor tripped"}
                )
                await client.publish(
                    topic(world.tenant_code, world.device_key, "replies"), orjson.dumps(reply), qos=1
                )

        task = asyncio.create_task(answer())
        try:
            yield received
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def finished(client: httpx.AsyncClient, command_id: int) -> dict[str, Any]:
    async def done() -> dict[str, Any] | None:
        body: dict[str, Any] = (await client.get(f"/api/v1/commands/{command_id}")).json()
        return body if body["status"] not in ("pending", "delivered") else None

    return await eventually(done)


async def test_a_write_is_delivered_answered_and_read_back(world: World, platform: Platform) -> None:
    operator = world.clients["operator"]
    async with answering_device(world) as received:
        r = await operator.post(
            f"/api/v1/devices/{world.device_id}/commands", json={"write": {"speed": 1450}}
        )
        assert r.status_code == 202, r.text
        sent = r.json()
        assert (sent["status"], sent["kind"], sent["params"], sent["requested_by"]) == (
            "delivered",
            "write",
            {"speed": 1450},
            f"{world.tenant_code}-operator",
        )
        done = await finished(operator, sent["id"])
    assert received == [{"id": sent["id"], "kind": "write", "name": "write", "params": {"speed": 1450}}]
    assert (done["status"], done["result"], done["error"]) == ("succeeded", {"speed": 1450}, "")
    assert done["completed_at"] is not None

    listed = (await world.clients["viewer"].get(f"/api/v1/devices/{world.device_id}/commands")).json()
    assert [c["id"] for c in listed["items"]] == [sent["id"]]

    assert platform.ctx is not None
    with platform.ctx.sessions() as db:
        actions = [
            (a.action, a.actor)
            for a in db.scalars(select(AuditEntry).order_by(AuditEntry.id))
            if a.action.startswith("device.command")
        ]
    assert actions == [
        ("device.command", f"{world.tenant_code}-operator"),
        ("device.command_result", "system"),
    ]


async def test_a_command_with_parameters_and_a_failure_reply(world: World) -> None:
    admin = world.clients["tenant_admin"]
    async with answering_device(world, ok=False) as received:
        r = await admin.post(
            f"/api/v1/devices/{world.device_id}/commands",
            json={"command": "set_speed", "params": {"rpm": 900}},
        )
        assert r.status_code == 202, r.text
        done = await finished(admin, r.json()["id"])
    assert received[0]["kind"] == "invoke"
    assert received[0]["name"] == "set_speed"
    assert received[0]["params"] == {"rpm": 900}
    assert (done["status"], done["error"]) == ("failed", "motor tripped")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"write": {"flow": 3.0}}, "write.flow"),  # read-only property
        ({"write": {"speed": 99_999}}, "write.speed"),  # above the maximum of 3600
        ({"write": {"speed": "fast"}}, "write.speed"),
        ({"write": {"nothing": 1}}, "write.nothing"),
        ({"write": {}}, "write"),
        ({"command": "explode"}, "command"),
        ({"command": "set_speed", "params": {}}, "params.rpm"),  # required parameter
        ({"command": "set_speed", "params": {"rpm": 100, "extra": 1}}, "params.extra"),
        ({"write": {"speed": 1}, "command": "start"}, "write"),  # one or the other
    ],
)
async def test_invalid_commands_are_refused_naming_the_field(
    world: World, body: dict[str, Any], field: str
) -> None:
    r = await world.clients["operator"].post(f"/api/v1/devices/{world.device_id}/commands", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == field


async def test_roles_and_tenants(world: World, admin: httpx.AsyncClient) -> None:
    body = {"write": {"speed": 100}}
    assert (
        await world.clients["viewer"].post(f"/api/v1/devices/{world.device_id}/commands", json=body)
    ).status_code == 403
    assert (
        await world.clients["developer"].post(f"/api/v1/devices/{world.device_id}/commands", json=body)
    ).status_code == 403
    assert (
        await world.clients["operator"].post("/api/v1/devices/999999/commands", json=body)
    ).status_code == 404
    sent = (await admin.post(f"/api/v1/devices/{world.device_id}/commands", json=body)).json()
    other = await admin.post("/api/v1/tenants", json={"code": "other", "name": "Other", "industry": "food"})
    assert other.status_code == 201
    # another tenant's user sees neither the device's commands nor the command
    r = await admin.post(
        "/api/v1/users",
        json={
            "username": "other-op",
            "password": "password-for-other",
            "role": "operator",
            "tenant_id": other.json()["id"],
        },
    )
    assert r.status_code == 201
    token = (
        await admin.post(
            "/api/v1/auth/token", data={"username": "other-op", "password": "password-for-other"}
        )
    ).json()
    outsider = {"Authorization": f"Bearer {token['access_token']}"}
    assert (await admin.get(f"/api/v1/commands/{sent['id']}", headers=outsider)).status_code == 404
    assert (
        await admin.get(f"/api/v1/devices/{world.device_id}/commands", headers=outsider)
    ).status_code == 404


async def test_unanswered_commands_time_out(world: World, platform: Platform) -> None:
    operator = world.clients["operator"]
    sent = (
        await operator.post(f"/api/v1/devices/{world.device_id}/commands", json={"write": {"speed": 10}})
    ).json()
    assert sent["status"] == "delivered"  # nobody is listening: delivered to the broker, never answered
    assert platform.ctx is not None
    platform.ctx.settings.command_timeout_s = 0.001
    await asyncio.sleep(0.01)
    assert commands.expire(platform.ctx) == 1
    body = (await operator.get(f"/api/v1/commands/{sent['id']}")).json()
    assert (body["status"], body["error"]) == ("timed_out", "no reply from the device")


async def test_bulk_control_of_a_device_type(world: World, admin: httpx.AsyncClient) -> None:
    for key in ("pump-2", "pump-3"):
        r = await admin.post(
            "/api/v1/devices",
            json={"key": key, "name": key, "device_type_id": world.type_id, "tenant_id": world.tenant_id},
        )
        assert r.status_code == 201
    r = await world.clients["operator"].post(
        "/api/v1/commands/bulk", json={"device_type_id": world.type_id, "command": "start"}
    )
    assert r.status_code == 202, r.text
    body = r.json()
    assert (body["sent"], body["total"]) == (3, 3)
    assert {res["status"] for res in body["results"]} == {"delivered"}
    bad = await world.clients["operator"].post(
        "/api/v1/commands/bulk", json={"device_ids": [world.device_id, 999_999], "write": {"speed": 5}}
    )
    results = bad.json()["results"]
    assert results[0]["status"] == "delivered"
    assert results[1]["error"]["code"] == "error.not_found"


async def test_the_simulated_pump_obeys_a_command(admin: httpx.AsyncClient, platform: Platform) -> None:
    """The simulated pump answers over MQTT: set_speed moves its setpoint, read back in the reply."""
    from longcheng.runtime.simulation import provision  # noqa: PLC0415

    assert platform.ctx is not None
    with platform.ctx.sessions() as db:
        fleet = provision(db, 1)
    pump: SimDevice = fleet[0]
    assert pump.type is DEVICE_TYPES[0]
    ready = asyncio.Event()
    host, port = platform.ctx.mqtt_endpoint
    factory = asyncio.create_task(
        run_factory(fleet, host, port, interval_s=0.2, seed=1, clock=SystemClock(), ready=ready)
    )
    try:
        await asyncio.wait_for(ready.wait(), 10)
        devices = (await admin.get("/api/v1/devices", params={"q": pump.key})).json()["items"]
        r = await admin.post(
            f"/api/v1/devices/{devices[0]['id']}/commands",
            json={"command": "set_speed", "params": {"speed": 1450}},
        )
        assert r.status_code == 202, r.text
        done = await finished(admin, r.json()["id"])
    finally:
        factory.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await factory
    assert done["status"] == "succeeded", done
    assert done["result"] == {"speed_setpoint": 1450.0}
