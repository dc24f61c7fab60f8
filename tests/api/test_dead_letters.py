"""Every reason a device's message or sample is refused, end to end over MQTT: each becomes a dead letter
naming the reason and the field while the good samples of the same message are stored; the counts show per
device and in the stats. And the broker itself keeps a device to its own topics and refuses bad secrets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import aiomqtt
import httpx
import orjson
import pytest

from longcheng.core.settings import Settings
from longcheng.runtime.platform import Platform
from support import World, eventually

# (payload built from the platform's now and settings, reason, field, the flow values stored from it)
Case = tuple[Callable[[int, Settings], object], str, str, list[float]]

CASES: dict[str, Case] = {
    "malformed_json": (lambda now, s: b'{"values": {"flow": 1.0', "malformed_json", "payload", []),
    "payload_too_large": (
        lambda now, s: {"values": {"flow": 1.0, "note": "x" * s.max_payload_bytes}},
        "payload_too_large",
        "payload",
        [],
    ),
    "not_a_record": (lambda now, s: 42, "invalid_structure", "payload", []),
    "not_a_record_in_list": (
        lambda now, s: [{"ts": now - 1000, "values": {"flow": 2.0}}, 42],
        "invalid_structure",
        "[1]",
        [2.0],
    ),
    "empty_list": (lambda now, s: [], "invalid_structure", "payload", []),
    "no_values": (lambda now, s: {"ts": now, "value": 3}, "invalid_structure", "values", []),
    "empty_values_in_list": (
        lambda now, s: [{"ts": now - 1000, "values": {"flow": 2.0}}, {"ts": now, "values": {}}],
        "invalid_structure",
        "[1].values",
        [2.0],
    ),
    "unknown_property": (
        lambda now, s: {"ts": now - 1000, "values": {"flow": 2.0, "pressure": 3.1}},
        "unknown_property",
        "values.pressure",
        [2.0],
    ),
    "wrong_type": (
        lambda now, s: {"ts": now - 1000, "values": {"flow": 2.0, "running": "yes"}},
        "wrong_type",
        "values.running",
        [2.0],
    ),
    "int_given_a_bool": (
        lambda now, s: [{"ts": now - 1000, "values": {"flow": 2.0}}, {"ts": now, "values": {"speed": True}}],
        "wrong_type",
        "[1].values.speed",
        [2.0],
    ),
    "above_max": (
        lambda now, s: {"ts": now - 1000, "values": {"flow": 2.0, "speed": 3601}},
        "out_of_range",
        "values.speed",
        [2.0],
    ),
    "below_min": (
        lambda now, s: [{"ts": now - 1000, "values": {"flow": 2.0}}, {"ts": now, "values": {"flow": -0.5}}],
        "out_of_range",
        "[1].values.flow",
        [2.0],
    ),
    "not_an_enum_value": (
        lambda now, s: {"ts": now - 1000, "values": {"flow": 2.0, "mode": "turbo"}},
        "out_of_range",
        "values.mode",
        [2.0],
    ),
    "string_too_long": (
        lambda now, s: {"ts": now - 1000, "values": {"flow": 2.0, "note": "n" * 33}},
        "out_of_range",
        "values.note",
        [2.0],
    ),
    "bad_quality_flag": (
        lambda now, s: {"ts": now - 1000, "values": {"flow": 2.0, "speed": {"value": 10, "quality": "fine"}}},
        "bad_quality_flag",
        "values.speed",
        [2.0],
    ),
    "quality_without_value": (
        lambda now, s: {"ts": now - 1000, "values": {"flow": 2.0, "speed": {"quality": "good"}}},
        "bad_quality_flag",
        "values.speed",
        [2.0],
    ),
    "bad_timestamp": (
        lambda now, s: [
            {"ts": now - 1000, "values": {"flow": 2.0}},
            {"ts": "yesterday", "values": {"flow": 3.0}},
        ],
        "bad_timestamp",
        "[1].ts",
        [2.0],
    ),
    "timestamp_without_zone": (
        lambda now, s: {"ts": "2026-01-01T08:00:00", "values": {"flow": 3.0}},
        "bad_timestamp",
        "ts",
        [],
    ),
    "timestamp_in_future": (
        lambda now, s: [
            {"ts": now - 1000, "values": {"flow": 2.0}},
            {"ts": now + (s.max_future_skew_s + 60) * 1000, "values": {"flow": 3.0}},
        ],
        "timestamp_in_future",
        "[1].ts",
        [2.0],
    ),
    "timestamp_too_old": (
        lambda now, s: [
            {"ts": now - (s.max_past_age_s + 60) * 1000, "values": {"flow": 3.0}},
            {"ts": now - 1000, "values": {"flow": 2.0}},
        ],
        "timestamp_too_old",
        "[0].ts",
        [2.0],
    ),
}


async def _letters(admin: httpx.AsyncClient, device_id: int, **params: Any) -> dict[str, Any]:
    r = await admin.get(f"/api/v1/devices/{device_id}/dead-letters", params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def _flow(admin: httpx.AsyncClient, device_id: int) -> list[float]:
    r = await admin.get(f"/api/v1/devices/{device_id}/telemetry", params={"property": "flow"})
    return [p["value"] for p in r.json()["points"]]


async def _device_per_case(admin: httpx.AsyncClient, pump: World) -> dict[str, World]:
    """One device per case, so that each case's dead letters and samples can be told apart."""
    devices: dict[str, World] = {}
    for name in CASES:
        r = await admin.post(
            "/api/v1/devices",
            json={"key": name, "name": name, "device_type_id": pump.type_id, "tenant_id": pump.tenant_id},
        )
        assert r.status_code == 201, r.text
        d = r.json()
        devices[name] = World(pump.tenant_id, pump.tenant_code, pump.type_id, d["id"], name, d["credentials"])
    return devices


async def test_each_refusal_becomes_a_dead_letter(
    platform: Platform, admin: httpx.AsyncClient, pump: World, subtests: pytest.Subtests
) -> None:
    devices = await _device_per_case(admin, pump)
    now = platform.clock.now_ms()
    for name, (build, *_) in CASES.items():
        payload = build(now, platform.settings)
        await devices[name].publish(payload if isinstance(payload, bytes) else orjson.dumps(payload))

    for name, (_, reason, field, stored) in CASES.items():
        with subtests.test(case=name):
            device_id = devices[name].device_id

            async def refused(device_id: int = device_id) -> dict[str, Any] | None:
                page = await _letters(admin, device_id)
                return page if page["total"] else None

            page = await eventually(refused)
            assert page["total"] == 1
            (letter,) = page["items"]
            assert (letter["reason"], letter["field"]) == (reason, field)
            assert (letter["device_id"], letter["tenant_id"]) == (device_id, pump.tenant_id)
            assert letter["detail"]
            assert letter["payload"]
            assert page["by_reason"] == {reason: 1}
            # the good samples of the same message were stored in the same write as the dead letter
            assert await _flow(admin, device_id) == stored
            device = (await admin.get(f"/api/v1/devices/{device_id}")).json()
            assert (device["rejected"], device["samples"]) == (1, len(stored))

    stats = (await admin.get("/api/v1/stats")).json()
    assert stats["samples_rejected"] == len(CASES)
    assert stats["rejected_by_reason"] == dict(Counter(reason for _, reason, _, _ in CASES.values()))
    assert stats["samples_stored"] == sum(len(stored) for *_, stored in CASES.values())


async def test_counts_by_reason_and_filters(admin: httpx.AsyncClient, provision: Any, pump: World) -> None:
    beta = await provision("beta")
    await pump.publish({"values": {"flow": "high", "speed": 9999, "running": 1}})  # 2 wrong types, 1 range
    await pump.publish({"values": {"flow": 1.0, "colour": "red"}})
    await beta.publish(b"not json")

    async def all_in() -> dict[str, Any] | None:
        r = (await admin.get("/api/v1/dead-letters")).json()
        return r if r["total"] == 5 else None

    everything = await eventually(all_in)
    assert everything["by_reason"] == {
        "wrong_type": 2,
        "out_of_range": 1,
        "unknown_property": 1,
        "malformed_json": 1,
    }
    acme = await _letters(admin, pump.device_id)
    assert acme["total"] == 4
    assert acme["by_reason"] == {"wrong_type": 2, "out_of_range": 1, "unknown_property": 1}
    wrong = await _letters(admin, pump.device_id, reason="wrong_type")
    assert sorted(d["field"] for d in wrong["items"]) == ["values.flow", "values.running"]
    assert wrong["total"] == 2
    newest_first = await _letters(admin, pump.device_id, limit=1)
    assert [d["field"] for d in newest_first["items"]] == ["values.colour"]
    assert newest_first["total"] == 4
    second = await _letters(admin, pump.device_id, limit=1, offset=1)
    assert second["items"][0]["id"] < newest_first["items"][0]["id"]
    of_beta = (await admin.get("/api/v1/dead-letters", params={"tenant_id": beta.tenant_id})).json()
    assert [(d["device_id"], d["reason"]) for d in of_beta["items"]] == [(beta.device_id, "malformed_json")]
    assert of_beta["by_reason"] == {"malformed_json": 1}
    stats = (await admin.get("/api/v1/stats")).json()
    assert (stats["samples_stored"], stats["samples_rejected"]) == (1, 5)
    assert stats["rejected_by_reason"] == everything["by_reason"]


async def test_the_broker_refuses_publishing_as_another_device(
    admin: httpx.AsyncClient, provision: Any, pump: World
) -> None:
    r = await admin.post(
        "/api/v1/devices",
        json={"key": "pump-2", "name": "Pump 2", "device_type_id": pump.type_id, "tenant_id": pump.tenant_id},
    )
    neighbour = r.json()
    beta = await provision("beta")

    async with pump.mqtt() as client:
        await client.publish(
            neighbour["credentials"]["telemetry_topic"], b'{"values": {"flow": 66.0}}', qos=1
        )
        await client.publish(beta.credentials["telemetry_topic"], b'{"values": {"flow": 77.0}}', qos=1)
        await client.publish("lc/v1/acme/pump-1/desired", b'{"values": {"speed": 1}}', qos=1)
        await client.publish(pump.credentials["telemetry_topic"], b'{"values": {"flow": 1.0}}', qos=1)

    async def own_stored() -> list[float] | None:
        return await _flow(admin, pump.device_id) or None

    assert await eventually(own_stored) == [1.0]  # the last message arrived, so the others were handled
    assert await _flow(admin, neighbour["id"]) == []
    assert await _flow(admin, beta.device_id) == []
    assert (await _letters(admin, neighbour["id"]))["total"] == 0
    assert (await admin.get("/api/v1/dead-letters")).json()["total"] == 0
    stats = (await admin.get("/api/v1/stats")).json()
    assert (stats["samples_stored"], stats["samples_rejected"], stats["online_devices"]) == (1, 0, 1)


async def test_wrong_credentials_cannot_connect(pump: World, subtests: pytest.Subtests) -> None:
    c = pump.credentials
    cases = {
        "wrong secret": ("acme/pump-1", "not-the-secret"),
        "unknown device": ("acme/pump-9", c["password"]),
        "unknown tenant": ("beta/pump-1", c["password"]),
        "not tenant/device": ("pump-1", c["password"]),
        "no password": ("acme/pump-1", ""),
    }
    for case, (username, secret) in cases.items():
        with subtests.test(case=case), pytest.raises(aiomqtt.MqttError):
            async with aiomqtt.Client(
                c["host"], c["port"], identifier="intruder", username=username, password=secret
            ):
                pass
    async with pump.mqtt():  # and the right secret still connects
        pass
