"""Tenant isolation: another tenant's objects answer 404 (as if they did not exist), lists hold the caller's
tenant only, and nothing can be created in or pointed at another tenant. The platform admin sees both."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from support import World, build_world, eventually


@pytest.fixture
async def beta(admin: httpx.AsyncClient, world: World) -> AsyncIterator[World]:
    """A second tenant with users, holding one stored and one refused sample (``world`` is ``acme``)."""
    built = await build_world(admin, "beta", industry="food")
    await built.publish({"values": {"flow": 8.0, "speed": -1}})

    async def flushed() -> bool:
        letters = (await admin.get(f"/api/v1/devices/{built.device_id}/dead-letters")).json()
        return letters["total"] == 1

    await eventually(flushed)
    yield built
    for client in built.clients.values():
        await client.aclose()


async def test_another_tenants_objects_are_not_found_for_reading_or_changing(
    world: World, beta: World
) -> None:
    beta_viewer = (await beta.clients["viewer"].get("/api/v1/auth/me")).json()
    reads = [
        f"/api/v1/devices/{beta.device_id}",
        f"/api/v1/device-types/{beta.type_id}",
        f"/api/v1/devices/{beta.device_id}/telemetry?property=flow",
        f"/api/v1/devices/{beta.device_id}/shadow",
        f"/api/v1/devices/{beta.device_id}/dead-letters",
        f"/api/v1/users/{beta_viewer['id']}",
        f"/api/v1/tenants/{beta.tenant_id}",
    ]
    for role, client in world.clients.items():
        for url in reads:
            r = await client.get(url)
            assert r.status_code == 404, (role, url, r.text)
            assert r.json()["code"] == "error.not_found"

    changes: list[tuple[str, str, dict[str, Any] | None]] = [
        ("PATCH", f"/api/v1/devices/{beta.device_id}", {"name": "mine now"}),
        ("DELETE", f"/api/v1/devices/{beta.device_id}", None),
        ("POST", f"/api/v1/devices/{beta.device_id}/credentials", None),
        ("PUT", f"/api/v1/devices/{beta.device_id}/shadow/desired", {"values": {"speed": 1}}),
        ("PATCH", f"/api/v1/device-types/{beta.type_id}", {"name": "mine now"}),
        ("DELETE", f"/api/v1/device-types/{beta.type_id}", None),
        ("PATCH", f"/api/v1/users/{beta_viewer['id']}", {"active": False}),
        ("DELETE", f"/api/v1/users/{beta_viewer['id']}", None),
        ("PATCH", f"/api/v1/tenants/{beta.tenant_id}", {"name": "mine now"}),
    ]
    for method, url, body in changes:
        r = await world.clients["tenant_admin"].request(method, url, json=body)
        # the tenant admin may not change tenants at all: 403 before looking; everything else is not found
        assert r.status_code == (403 if "/tenants/" in url else 404), (method, url, r.text)

    # beta is untouched: its viewer is still active and sees its device as it was
    device = (await beta.clients["viewer"].get(f"/api/v1/devices/{beta.device_id}")).json()
    assert device["name"] == "Pump 1"
    async with beta.mqtt():  # and the secret was not rotated
        pass


async def test_lists_hold_the_callers_tenant_only(
    admin: httpx.AsyncClient, world: World, beta: World
) -> None:
    await beta.clients["viewer"].post("/api/v1/api-keys", json={"name": "beta key"})
    for role, client in world.clients.items():
        for url, params, expected in [
            ("/api/v1/devices", {}, [world.device_id]),
            ("/api/v1/devices", {"tenant_id": beta.tenant_id}, [world.device_id]),
            ("/api/v1/device-types", {}, [world.type_id]),
            ("/api/v1/device-types", {"tenant_id": beta.tenant_id}, [world.type_id]),
            ("/api/v1/tenants", {}, [world.tenant_id]),
            ("/api/v1/api-keys", {}, []),
        ]:
            page = (await client.get(url, params=params)).json()
            assert [item["id"] for item in page["items"]] == expected, (role, url, params)
            assert page["total"] == len(expected)
        letters = (await client.get("/api/v1/dead-letters", params={"tenant_id": beta.tenant_id})).json()
        assert (letters["items"], letters["total"], letters["by_reason"]) == ([], 0, {}), role
        stats = (await client.get("/api/v1/stats")).json()
        assert (stats["tenants"], stats["devices"], stats["samples_stored"], stats["samples_rejected"]) == (
            1,
            1,
            0,
            0,
        )
        assert list(stats["by_industry"]) == ["machinery"]

    users = (
        await world.clients["tenant_admin"].get("/api/v1/users", params={"tenant_id": beta.tenant_id})
    ).json()
    assert sorted(u["username"] for u in users["items"]) == [
        "acme-developer",
        "acme-operator",
        "acme-tenant_admin",
        "acme-viewer",
    ]
    assert users["total"] == 4

    # the platform admin sees both tenants
    everything = (await admin.get("/api/v1/devices")).json()
    assert [d["id"] for d in everything["items"]] == [world.device_id, beta.device_id]
    assert (await admin.get("/api/v1/tenants")).json()["total"] == 2
    assert (await admin.get("/api/v1/device-types")).json()["total"] == 2
    assert (await admin.get("/api/v1/users")).json()["total"] == 9  # with the platform admin
    assert (await admin.get("/api/v1/api-keys")).json()["total"] == 1
    assert (await admin.get("/api/v1/dead-letters")).json()["total"] == 1
    shadow = (await admin.get(f"/api/v1/devices/{beta.device_id}/shadow")).json()
    assert shadow["reported"]["flow"]["value"] == 8.0


async def test_nothing_is_created_in_or_pointed_at_another_tenant(world: World, beta: World) -> None:
    developer = world.clients["developer"]

    in_beta = await developer.post(
        "/api/v1/devices",
        json={"key": "spy", "name": "Spy", "device_type_id": beta.type_id, "tenant_id": beta.tenant_id},
    )
    beta_type = await developer.post(
        "/api/v1/devices", json={"key": "spy", "name": "Spy", "device_type_id": beta.type_id}
    )
    type_in_beta = await developer.post(
        "/api/v1/device-types",
        json={"key": "spy", "name": "Spy", "thing_model": {}, "tenant_id": beta.tenant_id},
    )
    user_in_beta = await world.clients["tenant_admin"].post(
        "/api/v1/users",
        json={"username": "spy", "password": "password-1234", "role": "viewer", "tenant_id": beta.tenant_id},
    )

    assert in_beta.status_code == 403
    assert in_beta.json()["code"] == "error.permission"
    assert beta_type.status_code == 422
    assert beta_type.json()["errors"][0]["field"] == "device_type_id"
    assert type_in_beta.status_code == 403
    assert user_in_beta.status_code == 403
    assert (await beta.clients["viewer"].get("/api/v1/devices")).json()["total"] == 1
    assert (await beta.clients["tenant_admin"].get("/api/v1/users")).json()["total"] == 4
