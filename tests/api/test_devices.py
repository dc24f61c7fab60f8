"""Devices: registered with MQTT credentials shown once, listed with filters, changed, deleted, and their
secret rotated so that the old one no longer connects to the broker."""

from __future__ import annotations

from typing import Any

import aiomqtt
import httpx
import pytest

from longcheng.runtime.platform import Platform
from support import World, eventually


def _client(credentials: dict[str, Any], password: str) -> aiomqtt.Client:
    c = credentials
    return aiomqtt.Client(
        c["host"], c["port"], identifier=c["client_id"], username=c["username"], password=password
    )


async def _device(
    admin: httpx.AsyncClient, world: World, key: str, name: str, type_id: int | None = None
) -> dict[str, Any]:
    r = await admin.post(
        "/api/v1/devices",
        json={
            "key": key,
            "name": name,
            "device_type_id": type_id or world.type_id,
            "tenant_id": world.tenant_id,
        },
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_creating_a_device_returns_its_credentials_once(
    platform: Platform, admin: httpx.AsyncClient, pump: World
) -> None:
    r = await admin.post(
        "/api/v1/devices",
        json={
            "key": "pump-2",
            "name": "Pump 2",
            "device_type_id": pump.type_id,
            "tenant_id": pump.tenant_id,
            "binding": {"line": 3},
        },
    )

    assert r.status_code == 201
    device = r.json()
    assert (device["tenant_code"], device["device_type_key"], device["protocol"]) == ("acme", "pump", "mqtt")
    assert device["binding"] == {"line": 3}
    assert device["enabled"] is True
    credentials = device["credentials"]
    assert (credentials["host"], credentials["port"]) == (
        platform.settings.mqtt_host,
        platform.settings.mqtt_port,
    )
    assert credentials["client_id"] == credentials["username"] == "acme/pump-2"
    assert credentials["telemetry_topic"] == "lc/v1/acme/pump-2/telemetry"
    assert credentials["desired_topic"] == "lc/v1/acme/pump-2/desired"
    assert len(credentials["password"]) >= 40

    fetched = await admin.get(f"/api/v1/devices/{device['id']}")
    listed = await admin.get("/api/v1/devices")
    for response in (fetched, listed):
        assert response.status_code == 200
        assert credentials["password"] not in response.text
        assert "credentials" not in response.text
    shown = fetched.json()
    assert {k: shown[k] for k in device if k != "credentials"} == {
        k: v for k, v in device.items() if k != "credentials"
    }
    assert (shown["online"], shown["last_seen_ms"], shown["samples"], shown["rejected"]) == (
        False,
        None,
        0,
        0,
    )


async def test_the_credentials_connect_to_the_broker(pump: World) -> None:
    async with pump.mqtt() as client:
        await client.publish(pump.credentials["telemetry_topic"], b'{"values": {"flow": 1}}', qos=1)


async def test_list_is_paged_and_filtered(admin: httpx.AsyncClient, provision: Any, pump: World) -> None:
    beta = await provision("beta")
    r = await admin.post(
        "/api/v1/device-types",
        json={
            "key": "valve",
            "name": "Valve",
            "thing_model": {"properties": []},
            "tenant_id": pump.tenant_id,
        },
    )
    valve_type = r.json()["id"]
    boiler = await _device(admin, pump, "boiler-pump", "Boiler feed pump")
    valve = await _device(admin, pump, "valve-1", "Inlet valve", valve_type)

    async def ids(**params: Any) -> tuple[list[int], int]:
        r = await admin.get("/api/v1/devices", params=params)
        assert r.status_code == 200, r.text
        return [d["id"] for d in r.json()["items"]], r.json()["total"]

    assert await ids() == ([pump.device_id, beta.device_id, boiler["id"], valve["id"]], 4)
    assert await ids(limit=2, offset=1) == ([beta.device_id, boiler["id"]], 4)
    assert await ids(tenant_id=pump.tenant_id) == ([pump.device_id, boiler["id"], valve["id"]], 3)
    assert await ids(device_type_id=valve_type) == ([valve["id"]], 1)
    assert await ids(q="BOILER") == ([boiler["id"]], 1)  # key or name, any case
    assert await ids(q="pump", tenant_id=pump.tenant_id) == ([pump.device_id, boiler["id"]], 2)
    assert await ids(q="valve") == ([valve["id"]], 1)
    assert await ids(q="nothing-like-it") == ([], 0)


async def test_update_a_device(admin: httpx.AsyncClient, pump: World) -> None:
    r = await admin.patch(
        f"/api/v1/devices/{pump.device_id}",
        json={"name": "Main pump", "binding": {"slave": 2}, "protocol": "modbus"},
    )

    assert r.status_code == 200
    assert (r.json()["name"], r.json()["binding"], r.json()["protocol"]) == (
        "Main pump",
        {"slave": 2},
        "modbus",
    )
    assert r.json()["key"] == "pump-1"
    refused = await admin.patch(f"/api/v1/devices/{pump.device_id}", json={"key": "renamed"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "key"


async def test_a_disabled_device_cannot_connect(admin: httpx.AsyncClient, pump: World) -> None:
    r = await admin.patch(f"/api/v1/devices/{pump.device_id}", json={"enabled": False})
    assert r.json()["enabled"] is False

    with pytest.raises(aiomqtt.MqttError):
        async with pump.mqtt():
            pass

    await admin.patch(f"/api/v1/devices/{pump.device_id}", json={"enabled": True})
    async with pump.mqtt():
        pass


async def test_a_taken_key_is_a_conflict(admin: httpx.AsyncClient, provision: Any, pump: World) -> None:
    await provision("beta")  # another tenant's pump-1 does not clash

    r = await admin.post(
        "/api/v1/devices",
        json={"key": "pump-1", "name": "Again", "device_type_id": pump.type_id, "tenant_id": pump.tenant_id},
    )

    assert r.status_code == 409
    assert r.json()["code"] == "error.conflict"


async def test_invalid_devices_are_refused_naming_the_field(admin: httpx.AsyncClient, pump: World) -> None:
    base = {"key": "ok", "name": "Ok", "device_type_id": pump.type_id, "tenant_id": pump.tenant_id}
    cases = [
        ({**base, "key": "Bad Key"}, "key"),
        ({**base, "device_type_id": 999}, "device_type_id"),
        ({**base, "protocol": "MQTT 5"}, "protocol"),
        ({k: v for k, v in base.items() if k != "tenant_id"}, "tenant_id"),
    ]
    for body, field in cases:
        r = await admin.post("/api/v1/devices", json=body)
        assert r.status_code == 422, body
        assert [e["field"] for e in r.json()["errors"]] == [field], r.json()


async def test_delete_a_device_with_its_data(admin: httpx.AsyncClient, pump: World) -> None:
    await pump.publish({"values": {"flow": 3.0}})

    async def stored() -> bool:
        return (await admin.get("/api/v1/stats")).json()["samples_stored"] == 1

    await eventually(stored)

    assert (await admin.delete(f"/api/v1/devices/{pump.device_id}")).status_code == 204

    assert (await admin.get(f"/api/v1/devices/{pump.device_id}")).status_code == 404
    assert (await admin.get(f"/api/v1/devices/{pump.device_id}/shadow")).status_code == 404
    assert (await admin.get("/api/v1/stats")).json()["samples_stored"] == 0
    with pytest.raises(aiomqtt.MqttError):
        async with pump.mqtt():
            pass


async def test_rotating_the_secret_retires_the_old_one(admin: httpx.AsyncClient, pump: World) -> None:
    old = pump.credentials["password"]

    r = await admin.post(f"/api/v1/devices/{pump.device_id}/credentials")

    assert r.status_code == 200
    new = r.json()
    assert new["password"] != old
    assert {k: v for k, v in new.items() if k != "password"} == {
        k: v for k, v in pump.credentials.items() if k != "password"
    }
    with pytest.raises(aiomqtt.MqttError):
        async with _client(pump.credentials, old):
            pass
    async with _client(pump.credentials, new["password"]) as client:
        await client.publish(new["telemetry_topic"], b'{"values": {"flow": 7.5}}', qos=1)

    async def stored() -> list[Any] | None:
        r = await admin.get(f"/api/v1/devices/{pump.device_id}/telemetry", params={"property": "flow"})
        return [p["value"] for p in r.json()["points"]] or None

    assert await eventually(stored) == [7.5]


async def test_unknown_device_is_not_found(admin: httpx.AsyncClient) -> None:
    for r in (
        await admin.get("/api/v1/devices/999"),
        await admin.patch("/api/v1/devices/999", json={"name": "x"}),
        await admin.delete("/api/v1/devices/999"),
        await admin.post("/api/v1/devices/999/credentials"),
    ):
        assert r.status_code == 404
        assert r.json()["code"] == "error.not_found"
