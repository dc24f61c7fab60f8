"""Live indicators (``/stats``): what the platform admin sees across tenants and what a tenant's users see of
their own tenant."""

from __future__ import annotations

from typing import Any

import httpx

from support import World, eventually

FIGURES = (
    "tenants",
    "device_types",
    "devices",
    "online_devices",
    "samples_stored",
    "samples_rejected",
    "rejected_by_reason",
    "by_industry",
)


def figures(stats: dict[str, Any]) -> dict[str, Any]:
    """The indicators these tests are about (others may be added alongside)."""
    return {name: stats[name] for name in FIGURES}


async def test_an_empty_platform(admin: httpx.AsyncClient, anonymous: httpx.AsyncClient) -> None:
    r = await admin.get("/api/v1/stats")

    assert r.status_code == 200
    stats = r.json()
    assert figures(stats) == {
        "tenants": 0,
        "device_types": 0,
        "devices": 0,
        "online_devices": 0,
        "samples_stored": 0,
        "samples_rejected": 0,
        "rejected_by_reason": {},
        "by_industry": {},
    }
    assert (await anonymous.get("/api/v1/stats")).status_code == 401


async def test_stats_are_scoped_to_the_callers_tenant(
    admin: httpx.AsyncClient, provision: Any, world: World
) -> None:
    beta = await provision("beta", "food")
    r = await admin.post(
        "/api/v1/devices",
        json={"key": "pump-2", "name": "Pump 2", "device_type_id": beta.type_id, "tenant_id": beta.tenant_id},
    )
    assert r.status_code == 201
    await world.publish({"values": {"flow": 4.0, "speed": 1000, "mode": "sideways"}})  # 2 stored, 1 refused
    await beta.publish({"values": {"running": False}})

    async def flushed() -> dict[str, Any] | None:
        stats: dict[str, Any] = (await admin.get("/api/v1/stats")).json()
        return stats if (stats["samples_stored"], stats["samples_rejected"]) == (3, 1) else None

    everything = await eventually(flushed)

    assert figures(everything) == {
        "tenants": 2,
        "device_types": 2,
        "devices": 3,
        "online_devices": 2,
        "samples_stored": 3,
        "samples_rejected": 1,
        "rejected_by_reason": {"out_of_range": 1},
        "by_industry": {
            "food": {"tenants": 1, "device_types": 1, "devices": 2, "online_devices": 1},
            "machinery": {"tenants": 1, "device_types": 1, "devices": 1, "online_devices": 1},
        },
    }
    ingest = everything["ingest"]  # live figures of this process, for the platform admin only
    assert (ingest["messages"], ingest["samples_accepted"], ingest["samples_stored"]) == (2, 3, 3)
    assert ingest["rejected"] == {"out_of_range": 1}

    for role, client in world.clients.items():
        mine = (await client.get("/api/v1/stats")).json()
        assert mine["ingest"] == {}, role
        assert figures(mine) == {
            "tenants": 1,
            "device_types": 1,
            "devices": 1,
            "online_devices": 1,
            "samples_stored": 2,
            "samples_rejected": 1,
            "rejected_by_reason": {"out_of_range": 1},
            "by_industry": {
                "machinery": {"tenants": 1, "device_types": 1, "devices": 1, "online_devices": 1}
            },
        }, role
