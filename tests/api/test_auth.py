"""Logging in for a bearer JWT, who am I, and every way a request is refused as unauthenticated (401)."""

from __future__ import annotations

import httpx
import pytest

from longcheng.registry.principals import Principal, Role
from longcheng.registry.tokens import issue
from longcheng.runtime.platform import Platform
from support import ADMIN_PASSWORD, USER_PASSWORD, World, login

PROBLEM = "application/problem+json"


def assert_unauthenticated(r: httpx.Response, code: str) -> None:
    assert r.status_code == 401, r.text
    assert r.headers["content-type"] == PROBLEM
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["code"] == code
    assert r.json()["status"] == 401


async def test_a_good_password_gives_a_bearer_token(platform: Platform, anonymous: httpx.AsyncClient) -> None:
    r = await anonymous.post("/api/v1/auth/token", data={"username": "admin", "password": ADMIN_PASSWORD})

    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == platform.settings.token_ttl_s
    me = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "admin"
    assert me.json()["role"] == "platform_admin"
    assert me.json()["tenant_id"] is None


async def test_wrong_credentials_are_refused(anonymous: httpx.AsyncClient, subtests: pytest.Subtests) -> None:
    details = set()
    for case, (username, password) in {
        "wrong password": ("admin", "not-the-password"),
        "unknown user": ("nobody", ADMIN_PASSWORD),
    }.items():
        with subtests.test(case=case):
            r = await anonymous.post("/api/v1/auth/token", data={"username": username, "password": password})

            assert_unauthenticated(r, "error.login")
            details.add(r.json()["detail"])
    # the same answer whether or not the user exists: nothing to enumerate
    assert details == {"wrong username or password"}


async def test_a_login_without_password_is_invalid_input(anonymous: httpx.AsyncClient) -> None:
    r = await anonymous.post("/api/v1/auth/token", data={"username": "admin", "password": ""})

    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["password"]


async def test_requests_without_a_token_are_refused(anonymous: httpx.AsyncClient) -> None:
    assert_unauthenticated(await anonymous.get("/api/v1/auth/me"), "error.auth_required")
    assert_unauthenticated(await anonymous.get("/api/v1/devices"), "error.auth_required")


async def test_a_garbage_token_is_refused(anonymous: httpx.AsyncClient, subtests: pytest.Subtests) -> None:
    for token in ("garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"):
        with subtests.test(token=token):
            r = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})

            assert_unauthenticated(r, "error.token_invalid")


async def test_a_token_signed_with_another_secret_is_refused(
    platform: Platform, anonymous: httpx.AsyncClient
) -> None:
    admin = Principal(user_id=1, username="admin", role=Role.PLATFORM_ADMIN, tenant_id=None)
    forged = issue(admin, "not-the-secret-" * 4, platform.clock.now_ms() // 1000, 3600)

    r = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {forged}"})

    assert_unauthenticated(r, "error.token_invalid")


async def test_an_expired_token_is_refused(
    platform: Platform, admin: httpx.AsyncClient, anonymous: httpx.AsyncClient
) -> None:
    me = (await admin.get("/api/v1/auth/me")).json()
    principal = Principal(user_id=me["id"], username=me["username"], role=Role.PLATFORM_ADMIN, tenant_id=None)
    now_s = platform.clock.now_ms() // 1000
    expired = issue(principal, platform.settings.jwt_secret, now_s - 7200, 3600)  # expired an hour ago
    fresh = issue(principal, platform.settings.jwt_secret, now_s, 3600)

    r = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {expired}"})

    assert_unauthenticated(r, "error.token_expired")
    ok = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {fresh}"})
    assert ok.status_code == 200
    assert ok.json()["id"] == me["id"]


async def test_me_describes_a_tenant_user(world: World) -> None:
    r = await world.clients["operator"].get("/api/v1/auth/me")

    assert r.status_code == 200
    me = r.json()
    assert me["username"] == "acme-operator"
    assert me["role"] == "operator"
    assert me["tenant_id"] == world.tenant_id
    assert me["active"] is True
    assert "password" not in me
    assert "password_hash" not in me


async def test_a_disabled_user_can_no_longer_use_its_token(
    admin: httpx.AsyncClient, anonymous: httpx.AsyncClient, pump: World
) -> None:
    r = await admin.post(
        "/api/v1/users",
        json={"username": "carol", "password": USER_PASSWORD, "role": "viewer", "tenant_id": pump.tenant_id},
    )
    user_id = r.json()["id"]
    carol = await login(str(admin.base_url), "carol", USER_PASSWORD)
    try:
        assert (await carol.get("/api/v1/devices")).status_code == 200

        r = await admin.patch(f"/api/v1/users/{user_id}", json={"active": False})
        assert r.status_code == 200
        assert r.json()["active"] is False

        assert_unauthenticated(await carol.get("/api/v1/devices"), "error.account_disabled")
        again = await anonymous.post(
            "/api/v1/auth/token", data={"username": "carol", "password": USER_PASSWORD}
        )
        assert_unauthenticated(again, "error.login")

        await admin.patch(f"/api/v1/users/{user_id}", json={"active": True})
        assert (await carol.get("/api/v1/devices")).status_code == 200
    finally:
        await carol.aclose()


async def test_disabling_a_tenant_locks_out_its_users(admin: httpx.AsyncClient, world: World) -> None:
    viewer = world.clients["viewer"]
    assert (await viewer.get("/api/v1/auth/me")).status_code == 200

    r = await admin.patch(f"/api/v1/tenants/{world.tenant_id}", json={"active": False})
    assert r.status_code == 200

    assert_unauthenticated(await viewer.get("/api/v1/auth/me"), "error.account_disabled")
