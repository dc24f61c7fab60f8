"""Telemetry queries: raw points in a range, and time buckets with every aggregate, over samples that a
device published through the broker. Expected values are worked out by hand from the samples below."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
import orjson
import pytest

from longcheng.runtime.platform import Platform
from support import World, eventually

MINUTE = 60_000


@pytest.fixture
async def base(platform: Platform, admin: httpx.AsyncClient, pump: World) -> int:
    """Publish the samples (one message) and wait until they are stored; returns the first timestamp, which
    starts a whole minute so that 1 s and 1 m buckets begin at known times."""
    start = platform.clock.now_ms() // MINUTE * MINUTE - 3 * MINUTE
    await pump.publish(
        [
            {"ts": start, "values": {"flow": 10.0, "speed": 1000, "mode": "auto"}},
            {"ts": start + 400, "values": {"flow": 20.0}},
            {"ts": start + 1000, "values": {"flow": 30.0, "speed": 2000}},
            {"ts": start + 1500, "values": {"flow": {"value": 50.0, "quality": "uncertain"}}},
            {"ts": start + MINUTE + 1000, "values": {"flow": 5.0}},
            {"ts": start + MINUTE + 2000, "values": {"flow": 7.0, "mode": "manual"}},
        ]
    )

    async def stored() -> bool:
        return (await admin.get("/api/v1/stats")).json()["samples_stored"] == 10

    await eventually(stored)
    return start


async def _series(admin: httpx.AsyncClient, device_id: int, **params: Any) -> dict[str, Any]:
    r = await admin.get(f"/api/v1/devices/{device_id}/telemetry", params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_raw_points_of_a_range(admin: httpx.AsyncClient, pump: World, base: int) -> None:
    series = await _series(admin, pump.device_id, property="flow", start=base, end=base + 1501)

    assert (series["device_id"], series["property"], series["unit"]) == (pump.device_id, "flow", "m**3/h")
    assert (series["start"], series["end"], series["interval_ms"], series["agg"]) == (
        base,
        base + 1501,
        None,
        None,
    )
    assert [(p["ts"], p["value"], p["quality"]) for p in series["points"]] == [
        (base, 10.0, "good"),
        (base + 400, 20.0, "good"),
        (base + 1000, 30.0, "good"),
        (base + 1500, 50.0, "uncertain"),
    ]
    assert all(p["count"] is None for p in series["points"])


async def test_the_end_is_exclusive_and_limit_caps_the_points(
    admin: httpx.AsyncClient, pump: World, base: int
) -> None:
    until_1500 = await _series(admin, pump.device_id, property="flow", start=base, end=base + 1500)
    first_two = await _series(
        admin, pump.device_id, property="flow", start=base, end=base + 2 * MINUTE, limit=2
    )

    assert [p["value"] for p in until_1500["points"]] == [10.0, 20.0, 30.0]
    assert [p["value"] for p in first_two["points"]] == [10.0, 20.0]


async def test_the_default_range_is_the_last_hour(admin: httpx.AsyncClient, pump: World, base: int) -> None:
    series = await _series(admin, pump.device_id, property="flow")

    assert series["end"] - series["start"] == 3_600_000
    assert [p["value"] for p in series["points"]] == [10.0, 20.0, 30.0, 50.0, 5.0, 7.0]


async def test_values_keep_their_data_type(admin: httpx.AsyncClient, pump: World, base: int) -> None:
    speed = await _series(admin, pump.device_id, property="speed", start=base)
    mode = await _series(admin, pump.device_id, property="mode", start=base)

    assert [(p["ts"], p["value"]) for p in speed["points"]] == [(base, 1000), (base + 1000, 2000)]
    assert all(type(p["value"]) is int for p in speed["points"])
    assert speed["unit"] == "rpm"
    assert [p["value"] for p in mode["points"]] == ["auto", "manual"]


async def test_times_as_iso_8601_with_a_zone(admin: httpx.AsyncClient, pump: World, base: int) -> None:
    china = timezone(timedelta(hours=8))
    start = datetime.fromtimestamp((base + 400) / 1000, tz=china).isoformat()  # ...+08:00
    end = datetime.fromtimestamp((base + 1500) / 1000, tz=UTC).isoformat().replace("+00:00", "Z")

    series = await _series(admin, pump.device_id, property="flow", start=start, end=end)

    assert (series["start"], series["end"]) == (base + 400, base + 1500)
    assert [p["value"] for p in series["points"]] == [20.0, 30.0]


# flow samples: second 0 holds 10 and 20, second 1 holds 30 and 50, second 61 holds 5, second 62 holds 7
PER_SECOND: dict[str, list[tuple[int, float, int]]] = {
    "avg": [(0, 15.0, 2), (1000, 40.0, 2), (61_000, 5.0, 1), (62_000, 7.0, 1)],
    "min": [(0, 10.0, 2), (1000, 30.0, 2), (61_000, 5.0, 1), (62_000, 7.0, 1)],
    "max": [(0, 20.0, 2), (1000, 50.0, 2), (61_000, 5.0, 1), (62_000, 7.0, 1)],
    "sum": [(0, 30.0, 2), (1000, 80.0, 2), (61_000, 5.0, 1), (62_000, 7.0, 1)],
    "count": [(0, 2.0, 2), (1000, 2.0, 2), (61_000, 1.0, 1), (62_000, 1.0, 1)],
    "first": [(0, 10.0, 2), (1000, 30.0, 2), (61_000, 5.0, 1), (62_000, 7.0, 1)],
    "last": [(0, 20.0, 2), (1000, 50.0, 2), (61_000, 5.0, 1), (62_000, 7.0, 1)],
}
# minute 0 holds 10, 20, 30, 50; minute 1 holds 5, 7
PER_MINUTE: dict[str, list[tuple[int, float, int]]] = {
    "avg": [(0, 27.5, 4), (MINUTE, 6.0, 2)],
    "min": [(0, 10.0, 4), (MINUTE, 5.0, 2)],
    "max": [(0, 50.0, 4), (MINUTE, 7.0, 2)],
    "sum": [(0, 110.0, 4), (MINUTE, 12.0, 2)],
    "count": [(0, 4.0, 4), (MINUTE, 2.0, 2)],
    "first": [(0, 10.0, 4), (MINUTE, 5.0, 2)],
    "last": [(0, 50.0, 4), (MINUTE, 7.0, 2)],
}


@pytest.mark.parametrize(("interval", "expected"), [("1s", PER_SECOND), ("1m", PER_MINUTE)])
async def test_every_aggregate_per_bucket(
    admin: httpx.AsyncClient, pump: World, base: int, interval: str, expected: dict[str, list[Any]]
) -> None:
    for agg, buckets in expected.items():
        series = await _series(
            admin,
            pump.device_id,
            property="flow",
            start=base,
            end=base + 2 * MINUTE,
            interval=interval,
            agg=agg,
        )
        assert series["agg"] == agg
        assert series["interval_ms"] == {"1s": 1000, "1m": MINUTE}[interval]
        got = [(p["ts"] - base, p["value"], p["count"]) for p in series["points"]]
        assert got == buckets, agg


async def test_the_aggregate_defaults_to_avg_and_intervals_take_units(
    admin: httpx.AsyncClient, pump: World, base: int
) -> None:
    per_minute = await _series(admin, pump.device_id, property="flow", start=base, interval="60000")
    per_minute_in_s = await _series(admin, pump.device_id, property="flow", start=base, interval="60s")

    assert per_minute["agg"] == "avg"
    assert [(p["ts"] - base, p["value"]) for p in per_minute["points"]] == [(0, 27.5), (MINUTE, 6.0)]
    assert per_minute_in_s["points"] == per_minute["points"]


BAD_PARAMETERS: list[tuple[dict[str, str], str]] = [
    ({"property": "pressure"}, "property"),
    ({}, "property"),
    ({"property": "flow", "start": "2000", "end": "1000"}, "start"),
    ({"property": "flow", "start": "1000", "end": "1000"}, "start"),
    ({"property": "flow", "start": "yesterday"}, "start"),
    ({"property": "flow", "end": "2026-01-01T00:00:00"}, "end"),  # no zone
    ({"property": "flow", "interval": "fortnight"}, "interval"),
    ({"property": "flow", "interval": "0s"}, "interval"),
    ({"property": "flow", "interval": "1ms"}, "interval"),  # 3.6 million buckets in the default hour
    ({"property": "flow", "agg": "avg"}, "agg"),  # an aggregate needs an interval
    ({"property": "flow", "interval": "1m", "agg": "median"}, "agg"),
    ({"property": "flow", "limit": "0"}, "limit"),
    ({"property": "flow", "limit": "10001"}, "limit"),
]


async def test_bad_parameters_are_refused_naming_the_field(
    admin: httpx.AsyncClient, pump: World, subtests: pytest.Subtests
) -> None:
    for params, field in BAD_PARAMETERS:
        with subtests.test(params=params):
            r = await admin.get(f"/api/v1/devices/{pump.device_id}/telemetry", params=params)

            assert r.status_code == 422, r.text
            assert r.headers["content-type"] == "application/problem+json"
            assert [e["field"] for e in r.json()["errors"]] == [field]


async def test_a_device_without_data_has_no_points(admin: httpx.AsyncClient, pump: World) -> None:
    raw = await _series(admin, pump.device_id, property="flow")
    buckets = await _series(admin, pump.device_id, property="flow", interval="1m", agg="max")

    assert raw["points"] == buckets["points"] == []


async def test_thing_model_events_are_stored_and_bad_ones_refused(
    admin: httpx.AsyncClient, world: World
) -> None:
    """PUMP_MODEL declares the event ``overheat`` (no parameters)."""
    now = int(time.time() * 1000)
    async with world.mqtt() as client:
        await client.publish(
            f"lc/v1/{world.tenant_code}/{world.device_key}/events",
            orjson.dumps(
                [
                    {"ts": now, "event": "overheat"},
                    {"ts": now, "event": "meltdown"},
                    {"ts": now, "event": "overheat", "params": {"degrees": 5}},
                ]
            ),
            qos=1,
        )

    async def stored() -> dict[str, Any] | None:
        body: dict[str, Any] = (await admin.get(f"/api/v1/devices/{world.device_id}/events")).json()
        return body if body["total"] else None

    events = await eventually(stored)
    assert [(e["ts"], e["name"], e["params"]) for e in events["items"]] == [(now, "overheat", {})]
    letters = (await admin.get(f"/api/v1/devices/{world.device_id}/dead-letters")).json()
    assert {(d["reason"], d["field"]) for d in letters["items"]} == {
        ("unknown_event", "[1].event"),
        ("unknown_property", "[2].params.degrees"),
    }
