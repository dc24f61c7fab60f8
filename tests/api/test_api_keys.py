"""API keys for programs: shown once, usable as a bearer token or ``X-API-Key``, revocable, acting with the
rights of the user who created them."""

from __future__ import annotations

import httpx

from support import USER_PASSWORD, World, login


async def _create(client: httpx.AsyncClient, name: str) -> dict[str, object]:
    r = await client.post("/api/v1/api-keys", json={"name": name})
    assert r.status_code == 201, r.text
    body: dict[str, object] = r.json()
    return body


async def test_a_key_is_shown_once_and_listed_by_its_prefix(admin: httpx.AsyncClient) -> None:
    created = await _create(admin, "ci")
    key = str(created["key"])

    assert key.startswith("lck_")
    assert len(key) > 40
    assert created["prefix"] == key[:12]
    assert created["name"] == "ci"
    assert created["revoked"] is False
    assert created["last_used_at"] is None

    r = await admin.get("/api/v1/api-keys")
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 1
    (listed,) = page["items"]
    assert listed["id"] == created["id"]
    assert listed["prefix"] == key[:12]
    assert "key" not in listed
    assert key not in r.text


async def test_a_key_works_as_bearer_and_as_x_api_key(
    admin: httpx.AsyncClient, anonymous: httpx.AsyncClient
) -> None:
    key = str((await _create(admin, "robot"))["key"])

    as_bearer = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {key}"})
    as_header = await anonymous.get("/api/v1/auth/me", headers={"X-API-Key": key})

    assert as_bearer.status_code == 200
    assert as_header.status_code == 200
    assert as_bearer.json()["username"] == as_header.json()["username"] == "admin"
    (listed,) = (await admin.get("/api/v1/api-keys")).json()["items"]
    assert listed["last_used_at"] is not None


async def test_a_revoked_key_is_refused(admin: httpx.AsyncClient, anonymous: httpx.AsyncClient) -> None:
    created = await _create(admin, "old")
    key = str(created["key"])
    assert (await anonymous.get("/api/v1/auth/me", headers={"X-API-Key": key})).status_code == 200

    r = await admin.delete(f"/api/v1/api-keys/{created['id']}")
    assert r.status_code == 200
    assert r.json()["revoked"] is True

    for headers in ({"X-API-Key": key}, {"Authorization": f"Bearer {key}"}):
        refused = await anonymous.get("/api/v1/auth/me", headers=headers)
        assert refused.status_code == 401
        assert refused.json()["code"] == "error.api_key"
        assert refused.headers["www-authenticate"] == "Bearer"
    (listed,) = (await admin.get("/api/v1/api-keys")).json()["items"]
    assert listed["revoked"] is True


async def test_an_unknown_key_is_refused(anonymous: httpx.AsyncClient) -> None:
    for headers in ({"X-API-Key": "lck_not-a-key"}, {"Authorization": "Bearer lck_not-a-key"}):
        r = await anonymous.get("/api/v1/auth/me", headers=headers)
        assert r.status_code == 401
        assert r.json()["code"] == "error.api_key"


async def test_a_viewers_key_has_viewer_rights_only(
    admin: httpx.AsyncClient, anonymous: httpx.AsyncClient, pump: World
) -> None:
    r = await admin.post(
        "/api/v1/users",
        json={"username": "vera", "password": USER_PASSWORD, "role": "viewer", "tenant_id": pump.tenant_id},
    )
    assert r.status_code == 201
    vera = await login(str(admin.base_url), "vera", USER_PASSWORD)
    try:
        key = str((await _create(vera, "dashboard"))["key"])
    finally:
        await vera.aclose()
    headers = {"X-API-Key": key}

    me = (await anonymous.get("/api/v1/auth/me", headers=headers)).json()
    assert (me["username"], me["role"], me["tenant_id"]) == ("vera", "viewer", pump.tenant_id)
    listed = await anonymous.get("/api/v1/devices", headers=headers)
    assert listed.status_code == 200
    assert [d["id"] for d in listed.json()["items"]] == [pump.device_id]
    create = await anonymous.post(
        "/api/v1/devices",
        headers=headers,
        json={"key": "pump-2", "name": "Pump 2", "device_type_id": pump.type_id},
    )
    assert create.status_code == 403
    assert create.json()["code"] == "error.permission"
    desired = await anonymous.put(
        f"/api/v1/devices/{pump.device_id}/shadow/desired", headers=headers, json={"values": {"speed": 100}}
    )
    assert desired.status_code == 403
    assert (await anonymous.get("/api/v1/users", headers=headers)).status_code == 403


async def test_keys_are_private_to_their_owner(admin: httpx.AsyncClient, world: World) -> None:
    operator, developer = world.clients["operator"], world.clients["developer"]
    mine = await _create(operator, "mine")
    await _create(developer, "theirs")

    listed = (await operator.get("/api/v1/api-keys")).json()
    assert [k["id"] for k in listed["items"]] == [mine["id"]]
    assert listed["total"] == 1
    # another user's key is not found, not forbidden; the platform admin sees and may revoke every key
    assert (await developer.delete(f"/api/v1/api-keys/{mine['id']}")).status_code == 404
    assert (await admin.get("/api/v1/api-keys")).json()["total"] == 2
    assert (await admin.delete(f"/api/v1/api-keys/{mine['id']}")).json()["revoked"] is True


async def test_the_key_of_a_disabled_user_is_refused(
    admin: httpx.AsyncClient, anonymous: httpx.AsyncClient, world: World
) -> None:
    key = str((await _create(world.clients["developer"], "build"))["key"])
    me = (await anonymous.get("/api/v1/auth/me", headers={"X-API-Key": key})).json()

    await admin.patch(f"/api/v1/users/{me['id']}", json={"active": False})

    r = await anonymous.get("/api/v1/auth/me", headers={"X-API-Key": key})
    assert r.status_code == 401
    assert r.json()["code"] == "error.api_key"
