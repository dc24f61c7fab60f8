"""The done-when of the platform core, end to end: a device publishes with its own credentials over the
embedded broker and its data is queryable, counted in the stats, and bad samples become dead letters."""

from __future__ import annotations

import time
from typing import Any

import httpx

from support import World, eventually


async def test_device_publishes_and_its_data_is_queryable(admin: httpx.AsyncClient, world: World) -> None:
    now = int(time.time() * 1000)
    await world.publish(
        [
            {"ts": now - 1000, "values": {"flow": 12.5, "speed": 1450, "running": True}},
            {"ts": now, "values": {"flow": 13.0, "speed": "fast", "mode": "auto"}},
        ]
    )

    async def stored() -> list[dict[str, Any]] | None:
        r = await admin.get(f"/api/v1/devices/{world.device_id}/telemetry", params={"property": "flow"})
        points: list[dict[str, Any]] = r.json()["points"]
        return points if len(points) == 2 else None

    points = await eventually(stored)
    assert [p["value"] for p in points] == [12.5, 13.0]

    letters = (await admin.get(f"/api/v1/devices/{world.device_id}/dead-letters")).json()
    assert letters["total"] == 1
    assert letters["items"][0]["reason"] == "wrong_type"
    assert letters["items"][0]["field"] == "[1].values.speed"

    stats = (await admin.get("/api/v1/stats")).json()
    assert stats["samples_stored"] == 5
    assert stats["samples_rejected"] == 1
    assert stats["online_devices"] == 1
