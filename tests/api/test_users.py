"""Users: created into a tenant with a role, listed (paged, by tenant), changed, disabled and deleted."""

from __future__ import annotations

import httpx

from support import USER_PASSWORD, World, login


async def _user(
    admin: httpx.AsyncClient, username: str, tenant_id: int | None, role: str = "viewer"
) -> dict[str, object]:
    r = await admin.post(
        "/api/v1/users",
        json={"username": username, "password": USER_PASSWORD, "role": role, "tenant_id": tenant_id},
    )
    assert r.status_code == 201, r.text
    body: dict[str, object] = r.json()
    return body


async def test_create_and_read_a_user(admin: httpx.AsyncClient, pump: World) -> None:
    r = await admin.post(
        "/api/v1/users",
        json={
            "username": "li.wei",
            "password": USER_PASSWORD,
            "role": "operator",
            "tenant_id": pump.tenant_id,
            "display_name": "李伟",
            "locale": "zh",
        },
    )

    assert r.status_code == 201
    user = r.json()
    assert {k: user[k] for k in ("username", "display_name", "role", "tenant_id", "locale", "active")} == {
        "username": "li.wei",
        "display_name": "李伟",
        "role": "operator",
        "tenant_id": pump.tenant_id,
        "locale": "zh",
        "active": True,
    }
    assert not {"password", "password_hash"} & set(user)
    assert USER_PASSWORD not in r.text
    assert (await admin.get(f"/api/v1/users/{user['id']}")).json() == user


async def test_list_is_paged_and_filtered_by_tenant(admin: httpx.AsyncClient, pump: World) -> None:
    other = await admin.post("/api/v1/tenants", json={"code": "beta", "name": "Beta", "industry": "food"})
    beta_id = other.json()["id"]
    a1 = await _user(admin, "a-one", pump.tenant_id)
    a2 = await _user(admin, "a-two", pump.tenant_id)
    b1 = await _user(admin, "b-one", beta_id)

    everyone = (await admin.get("/api/v1/users")).json()
    acme = (await admin.get("/api/v1/users", params={"tenant_id": pump.tenant_id})).json()
    paged = (await admin.get("/api/v1/users", params={"limit": 1, "offset": 1})).json()

    assert everyone["total"] == 4  # with the platform admin
    assert [u["username"] for u in everyone["items"]] == ["admin", "a-one", "a-two", "b-one"]
    assert [u["id"] for u in acme["items"]] == [a1["id"], a2["id"]]
    assert acme["total"] == 2
    assert paged["total"] == 4
    assert [u["id"] for u in paged["items"]] == [a1["id"]]
    assert b1["tenant_id"] == beta_id


async def test_update_role_name_and_password(admin: httpx.AsyncClient, pump: World) -> None:
    user = await _user(admin, "sam", pump.tenant_id)

    r = await admin.patch(
        f"/api/v1/users/{user['id']}",
        json={"role": "developer", "display_name": "Sam", "locale": "en", "password": "a-new-password"},
    )

    assert r.status_code == 200
    assert (r.json()["role"], r.json()["display_name"], r.json()["locale"]) == ("developer", "Sam", "en")
    sam = await login(str(admin.base_url), "sam", "a-new-password")
    try:
        assert (await sam.get("/api/v1/auth/me")).json()["role"] == "developer"
    finally:
        await sam.aclose()
    old = await admin.post("/api/v1/auth/token", data={"username": "sam", "password": USER_PASSWORD})
    assert old.status_code == 401


async def test_a_user_changes_its_own_password_but_not_its_role(world: World) -> None:
    viewer = world.clients["viewer"]
    me = (await viewer.get("/api/v1/auth/me")).json()

    changed = await viewer.patch(f"/api/v1/users/{me['id']}", json={"display_name": "Vic", "locale": "en"})
    promoted = await viewer.patch(f"/api/v1/users/{me['id']}", json={"role": "tenant_admin"})
    enabled = await viewer.patch(f"/api/v1/users/{me['id']}", json={"active": True})

    assert changed.status_code == 200
    assert changed.json()["display_name"] == "Vic"
    assert promoted.status_code == 403
    assert enabled.status_code == 403
    assert (await viewer.get("/api/v1/auth/me")).json()["role"] == "viewer"


async def test_a_taken_username_is_a_conflict(admin: httpx.AsyncClient, pump: World) -> None:
    await _user(admin, "dup", pump.tenant_id)

    r = await admin.post(
        "/api/v1/users",
        json={"username": "dup", "password": USER_PASSWORD, "role": "viewer", "tenant_id": pump.tenant_id},
    )

    assert r.status_code == 409
    assert r.json()["code"] == "error.conflict"


async def test_invalid_users_are_refused_naming_the_field(admin: httpx.AsyncClient, pump: World) -> None:
    base = {"username": "ok-name", "password": USER_PASSWORD, "role": "viewer", "tenant_id": pump.tenant_id}
    cases = [
        ({**base, "password": "short"}, "password"),
        ({**base, "role": "overlord"}, "role"),
        ({**base, "username": "-bad"}, "username"),
        ({**base, "locale": "fr"}, "locale"),
        ({**base, "tenant_id": None}, "tenant_id"),  # a tenant user must belong to a tenant
        ({**base, "tenant_id": 999}, "tenant_id"),  # that exists
        ({**base, "role": "platform_admin"}, "tenant_id"),  # and a platform admin to none
    ]
    for body, field in cases:
        r = await admin.post("/api/v1/users", json=body)
        assert r.status_code == 422, body
        assert [e["field"] for e in r.json()["errors"]] == [field], body


async def test_platform_admin_is_only_for_users_without_tenant(admin: httpx.AsyncClient, pump: World) -> None:
    user = await _user(admin, "tina", pump.tenant_id)

    r = await admin.patch(f"/api/v1/users/{user['id']}", json={"role": "platform_admin"})

    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "role"
    root = await admin.post(
        "/api/v1/users", json={"username": "root2", "password": USER_PASSWORD, "role": "platform_admin"}
    )
    assert root.status_code == 201
    assert root.json()["tenant_id"] is None


async def test_delete_a_user(admin: httpx.AsyncClient, pump: World) -> None:
    user = await _user(admin, "gone", pump.tenant_id)

    r = await admin.delete(f"/api/v1/users/{user['id']}")

    assert r.status_code == 204
    assert (await admin.get(f"/api/v1/users/{user['id']}")).status_code == 404
    login_again = await admin.post("/api/v1/auth/token", data={"username": "gone", "password": USER_PASSWORD})
    assert login_again.status_code == 401
    me = (await admin.get("/api/v1/auth/me")).json()
    myself = await admin.delete(f"/api/v1/users/{me['id']}")
    assert myself.status_code == 422
    assert myself.json()["errors"][0]["field"] == "user_id"
