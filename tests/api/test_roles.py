"""What each role of a tenant may and may not do, through the API (the matrix is in docs/api.md)."""

from __future__ import annotations

from typing import Any

import httpx

from support import USER_PASSWORD, World

VALVE: dict[str, Any] = {"properties": [{"name": "opening", "data_type": "float", "min": 0, "max": 100}]}


def _denied(r: httpx.Response) -> None:
    assert r.status_code == 403, r.text
    assert r.json()["code"] == "error.permission"


async def test_every_role_reads_its_tenant(world: World) -> None:
    for role, client in world.clients.items():
        for url in (
            "/api/v1/devices",
            f"/api/v1/devices/{world.device_id}",
            f"/api/v1/devices/{world.device_id}/shadow",
            f"/api/v1/devices/{world.device_id}/telemetry?property=flow",
            f"/api/v1/devices/{world.device_id}/dead-letters",
            "/api/v1/device-types",
            f"/api/v1/tenants/{world.tenant_id}",
            "/api/v1/stats",
            "/api/v1/api-keys",
        ):
            r = await client.get(url)
            assert r.status_code == 200, (role, url, r.text)


async def test_viewer_only_reads(world: World) -> None:
    viewer = world.clients["viewer"]

    _denied(
        await viewer.post(
            "/api/v1/devices", json={"key": "p2", "name": "P2", "device_type_id": world.type_id}
        )
    )
    _denied(await viewer.patch(f"/api/v1/devices/{world.device_id}", json={"name": "renamed"}))
    _denied(await viewer.delete(f"/api/v1/devices/{world.device_id}"))
    _denied(await viewer.post(f"/api/v1/devices/{world.device_id}/credentials"))
    _denied(
        await viewer.put(f"/api/v1/devices/{world.device_id}/shadow/desired", json={"values": {"speed": 10}})
    )
    _denied(
        await viewer.post(
            "/api/v1/device-types", json={"key": "valve", "name": "Valve", "thing_model": VALVE}
        )
    )
    _denied(await viewer.get("/api/v1/users"))
    assert (await viewer.post("/api/v1/api-keys", json={"name": "mine"})).status_code == 201


async def test_operator_controls_devices_but_does_not_model_them(world: World) -> None:
    operator = world.clients["operator"]

    desired = await operator.put(
        f"/api/v1/devices/{world.device_id}/shadow/desired", json={"values": {"speed": 10}}
    )
    assert desired.status_code == 200
    assert desired.json() == {"values": {"speed": 10}, "delivered": True}
    _denied(
        await operator.post(
            "/api/v1/device-types", json={"key": "valve", "name": "Valve", "thing_model": VALVE}
        )
    )
    _denied(
        await operator.post(
            "/api/v1/devices", json={"key": "p2", "name": "P2", "device_type_id": world.type_id}
        )
    )
    _denied(await operator.patch(f"/api/v1/device-types/{world.type_id}", json={"name": "renamed"}))
    _denied(await operator.get("/api/v1/users"))


async def test_developer_models_devices_but_does_not_manage_users(world: World) -> None:
    developer = world.clients["developer"]

    created_type = await developer.post(
        "/api/v1/device-types", json={"key": "valve", "name": "Valve", "thing_model": VALVE}
    )
    assert created_type.status_code == 201
    assert created_type.json()["tenant_id"] == world.tenant_id  # their own tenant, without naming it
    device = await developer.post(
        "/api/v1/devices",
        json={"key": "valve-1", "name": "Valve 1", "device_type_id": created_type.json()["id"]},
    )
    assert device.status_code == 201
    assert device.json()["tenant_id"] == world.tenant_id
    assert (
        await developer.patch(f"/api/v1/devices/{world.device_id}", json={"name": "P"})
    ).status_code == 200
    _denied(await developer.get("/api/v1/users"))
    _denied(
        await developer.post(
            "/api/v1/users", json={"username": "newbie", "password": USER_PASSWORD, "role": "viewer"}
        )
    )
    _denied(
        await developer.put(
            f"/api/v1/devices/{world.device_id}/shadow/desired", json={"values": {"speed": 10}}
        )
    )


async def test_tenant_admin_manages_its_tenants_users(world: World) -> None:
    tenant_admin = world.clients["tenant_admin"]

    created = await tenant_admin.post(
        "/api/v1/users", json={"username": "newbie", "password": USER_PASSWORD, "role": "operator"}
    )
    assert created.status_code == 201
    assert created.json()["tenant_id"] == world.tenant_id
    user_id = created.json()["id"]
    promoted = await tenant_admin.patch(f"/api/v1/users/{user_id}", json={"role": "developer"})
    assert promoted.json()["role"] == "developer"
    listed = (await tenant_admin.get("/api/v1/users")).json()
    assert listed["total"] == 5
    assert {u["tenant_id"] for u in listed["items"]} == {world.tenant_id}
    assert (await tenant_admin.delete(f"/api/v1/users/{user_id}")).status_code == 204


async def test_tenant_admin_cannot_manage_tenants_or_grant_platform_admin(world: World) -> None:
    tenant_admin = world.clients["tenant_admin"]
    viewer_id = (await world.clients["viewer"].get("/api/v1/auth/me")).json()["id"]

    _denied(
        await tenant_admin.post("/api/v1/tenants", json={"code": "mine", "name": "Mine", "industry": "food"})
    )
    _denied(await tenant_admin.patch(f"/api/v1/tenants/{world.tenant_id}", json={"name": "Renamed"}))
    _denied(await tenant_admin.delete(f"/api/v1/tenants/{world.tenant_id}"))
    _denied(
        await tenant_admin.post(
            "/api/v1/users", json={"username": "boss", "password": USER_PASSWORD, "role": "platform_admin"}
        )
    )
    _denied(await tenant_admin.patch(f"/api/v1/users/{viewer_id}", json={"role": "platform_admin"}))
    assert (await world.clients["viewer"].get("/api/v1/auth/me")).json()["role"] == "viewer"
