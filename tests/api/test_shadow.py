"""The device shadow: reported values follow the newest samples, desired values are validated, stored,
audited and delivered to the device on its ``desired`` topic, and the delta empties once reported."""

from __future__ import annotations

import asyncio
from typing import Any

import aiomqtt
import httpx
import orjson
import pytest

from longcheng.runtime.platform import Platform
from support import World, eventually


async def _shadow(client: httpx.AsyncClient, device_id: int) -> dict[str, Any]:
    r = await client.get(f"/api/v1/devices/{device_id}/shadow")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_a_silent_device_has_an_empty_shadow(admin: httpx.AsyncClient, pump: World) -> None:
    shadow = await _shadow(admin, pump.device_id)

    assert shadow == {
        "device_id": pump.device_id,
        "online": False,
        "last_seen_ms": None,
        "reported": {},
        "desired": {},
        "delta": {},
    }


async def test_reported_values_follow_the_newest_samples(
    platform: Platform, admin: httpx.AsyncClient, pump: World
) -> None:
    now = platform.clock.now_ms()
    await pump.publish(
        [
            {"ts": now - 3000, "values": {"flow": 10.0, "speed": 900, "running": True}},
            {"ts": now - 1000, "values": {"flow": {"value": 12.5, "quality": "uncertain"}, "mode": "auto"}},
        ]
    )
    await pump.publish({"ts": now - 2000, "values": {"speed": 1200}})  # late, but newer than 900
    await pump.publish({"ts": now - 5000, "values": {"flow": 1.0}})  # late and older: not the newest

    async def settled() -> dict[str, Any] | None:
        flow = await admin.get(f"/api/v1/devices/{pump.device_id}/telemetry", params={"property": "flow"})
        shadow = await _shadow(admin, pump.device_id)
        done = len(flow.json()["points"]) == 3 and shadow["reported"].get("speed", {}).get("value") == 1200
        return shadow if done else None

    reported = (await eventually(settled))["reported"]
    assert reported == {
        "flow": {"value": 12.5, "ts": now - 1000, "quality": "uncertain", "by": None},
        "speed": {"value": 1200, "ts": now - 2000, "quality": "good", "by": None},
        "running": {"value": True, "ts": now - 3000, "quality": "good", "by": None},
        "mode": {"value": "auto", "ts": now - 1000, "quality": "good", "by": None},
    }


async def test_online_flips_after_a_publish(
    platform: Platform, admin: httpx.AsyncClient, pump: World
) -> None:
    assert (await _shadow(admin, pump.device_id))["online"] is False
    before = platform.clock.now_ms()

    await pump.publish({"values": {"flow": 1.0}})

    async def online() -> dict[str, Any] | None:
        shadow = await _shadow(admin, pump.device_id)
        return shadow if shadow["online"] else None

    shadow = await eventually(online)
    assert before <= shadow["last_seen_ms"] <= platform.clock.now_ms()
    assert shadow["reported"]["flow"]["value"] == 1.0
    device = (await admin.get(f"/api/v1/devices/{pump.device_id}")).json()
    assert (device["online"], device["last_seen_ms"], device["samples"]) == (True, shadow["last_seen_ms"], 1)


async def test_desired_values_reach_the_device(admin: httpx.AsyncClient, pump: World) -> None:
    c = pump.credentials
    async with aiomqtt.Client(
        c["host"],
        c["port"],
        identifier=f"{c['client_id']}-downlink",
        username=c["username"],
        password=c["password"],
    ) as device:
        await device.subscribe(c["desired_topic"], qos=1)

        r = await admin.put(
            f"/api/v1/devices/{pump.device_id}/shadow/desired", json={"values": {"speed": 1450}}
        )

        assert r.status_code == 200
        assert r.json() == {"values": {"speed": 1450}, "delivered": True}
        async with asyncio.timeout(10):
            message = await anext(aiter(device.messages))
    assert message.topic.value == c["desired_topic"]
    body = orjson.loads(message.payload)  # type: ignore[arg-type]
    assert body["values"] == {"speed": 1450}
    assert isinstance(body["ts"], int)


async def test_desired_values_are_stored_and_the_delta_empties_once_reported(
    admin: httpx.AsyncClient, world: World
) -> None:
    operator = world.clients["operator"]
    r = await operator.put(
        f"/api/v1/devices/{world.device_id}/shadow/desired",
        json={"values": {"speed": 1450.0, "mode": "manual"}},
    )
    assert r.status_code == 200
    assert r.json()["values"] == {"speed": 1450, "mode": "manual"}

    shadow = await _shadow(world.clients["viewer"], world.device_id)
    assert {name: (d["value"], d["by"]) for name, d in shadow["desired"].items()} == {
        "speed": (1450, "acme-operator"),
        "mode": ("manual", "acme-operator"),
    }
    assert shadow["delta"] == {"speed": 1450, "mode": "manual"}

    await world.publish({"values": {"speed": 1450, "mode": "auto"}})  # the mode is not applied yet

    async def speed_reported() -> dict[str, Any] | None:
        shadow = await _shadow(operator, world.device_id)
        return shadow if "speed" in shadow["reported"] else None

    assert (await eventually(speed_reported))["delta"] == {"mode": "manual"}

    await world.publish({"values": {"mode": "manual"}})

    async def in_sync() -> dict[str, Any] | None:
        shadow = await _shadow(operator, world.device_id)
        return shadow if not shadow["delta"] else None

    shadow = await eventually(in_sync)
    assert shadow["reported"]["mode"]["value"] == shadow["desired"]["mode"]["value"] == "manual"


async def test_a_later_desired_value_replaces_the_earlier_one(admin: httpx.AsyncClient, pump: World) -> None:
    url = f"/api/v1/devices/{pump.device_id}/shadow/desired"
    await admin.put(url, json={"values": {"speed": 100, "mode": "auto"}})
    await admin.put(url, json={"values": {"speed": 200}})

    desired = (await _shadow(admin, pump.device_id))["desired"]

    assert {name: d["value"] for name, d in desired.items()} == {"speed": 200, "mode": "auto"}
    assert desired["speed"]["by"] == "admin"


INVALID_DESIRED: list[tuple[dict[str, Any], str, str]] = [
    ({"flow": 3.0}, "values.flow", "error.read_only"),
    ({"speed": 5000}, "values.speed", "error.invalid_input"),
    ({"speed": "fast"}, "values.speed", "error.invalid_input"),
    ({"mode": "turbo"}, "values.mode", "error.invalid_input"),
    ({"pressure": 2}, "values.pressure", "error.unknown_property"),
    ({}, "values", "error.invalid_input"),
]


async def test_invalid_desired_values_are_refused_and_nothing_is_stored(
    admin: httpx.AsyncClient, pump: World, subtests: pytest.Subtests
) -> None:
    for values, field, code in INVALID_DESIRED:
        with subtests.test(values=values):
            # a valid speed goes along: a request is accepted whole or not at all
            body = {"values": {"speed": 10, **values}} if values else {"values": {}}

            r = await admin.put(f"/api/v1/devices/{pump.device_id}/shadow/desired", json=body)

            assert r.status_code == 422, r.text
            assert r.json()["code"] == code
            assert [e["field"] for e in r.json()["errors"]] == [field]
    assert (await _shadow(admin, pump.device_id))["desired"] == {}


async def test_desired_values_set_while_away_are_sent_when_the_device_listens_again(world: World) -> None:
    """Nobody listens when the operator sets the value; the device gets it once it subscribes."""
    r = await world.clients["operator"].put(
        f"/api/v1/devices/{world.device_id}/shadow/desired",
        json={"values": {"speed": 1450, "mode": "manual"}},
    )
    assert r.status_code == 200, r.text
    async with world.mqtt() as client:
        await client.subscribe(world.credentials["desired_topic"], qos=1)
        async with asyncio.timeout(20):
            message = await anext(aiter(client.messages))
    assert orjson.loads(bytes(message.payload))["values"] == {"speed": 1450, "mode": "manual"}  # type: ignore[arg-type]
