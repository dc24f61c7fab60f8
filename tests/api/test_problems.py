"""Errors are RFC 9457 problem+json documents naming the field and the reason, titled in the caller's
language (Chinese for ``Accept-Language: zh…``, English otherwise)."""

from __future__ import annotations

import httpx
import pytest

from support import World

PROBLEM = "application/problem+json"


def assert_problem(r: httpx.Response, status: int, code: str, title: str) -> dict[str, object]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    body: dict[str, object] = r.json()
    assert body["type"] == f"urn:longcheng:problem:{code}"
    assert body["title"] == title
    assert body["status"] == status
    assert body["code"] == code
    assert isinstance(body["detail"], str)
    assert body["detail"]
    return body


async def test_invalid_body_names_every_field(admin: httpx.AsyncClient) -> None:
    r = await admin.post("/api/v1/tenants", json={"code": "UPPER", "industry": "machinery"})

    body = assert_problem(r, 422, "error.invalid_input", "Invalid input")
    errors = body["errors"]
    assert isinstance(errors, list)
    assert [e["field"] for e in errors] == ["code", "name"]
    assert all(e["reason"] for e in errors)
    assert body["detail"] == "; ".join(f"{e['field']}: {e['reason']}" for e in errors)


async def test_a_service_refusal_names_its_field(admin: httpx.AsyncClient, pump: World) -> None:
    r = await admin.put(f"/api/v1/devices/{pump.device_id}/shadow/desired", json={"values": {"speed": 5000}})

    body = assert_problem(r, 422, "error.invalid_input", "Invalid input")
    assert body["errors"] == [{"field": "values.speed", "reason": "5000 is above the maximum 3600.0"}]
    assert body["detail"] == "values.speed: 5000 is above the maximum 3600.0"


async def test_each_status_has_its_problem(
    admin: httpx.AsyncClient, anonymous: httpx.AsyncClient, world: World
) -> None:
    viewer = world.clients["viewer"]

    assert_problem(
        await anonymous.get("/api/v1/devices"), 401, "error.auth_required", "Authentication required"
    )
    forbidden = await viewer.post("/api/v1/device-types", json={"key": "x", "name": "X", "thing_model": {}})
    assert_problem(forbidden, 403, "error.permission", "Not allowed for your role")
    missing = assert_problem(await admin.get("/api/v1/devices/999"), 404, "error.not_found", "Not found")
    assert missing["detail"] == "device 999 not found"
    taken = await admin.post("/api/v1/tenants", json={"code": "acme", "name": "Again", "industry": "food"})
    assert (
        assert_problem(taken, 409, "error.conflict", "Already exists")["detail"]
        == "tenant 'acme' already exists"
    )
    in_use = await admin.delete(f"/api/v1/device-types/{world.type_id}")
    assert_problem(in_use, 409, "error.in_use", "Still in use")
    assert_problem(await admin.get("/api/v1/nothing-here"), 404, "error.no_route", "No such resource")
    assert_problem(await admin.put("/api/v1/stats"), 405, "error.method", "Method not allowed")


LANGUAGES: list[tuple[str | None, str]] = [
    ("zh-CN", "输入无效"),
    ("zh-CN,zh;q=0.9,en;q=0.8", "输入无效"),
    ("fr-FR, zh-TW;q=0.8", "输入无效"),
    ("en-US", "Invalid input"),
    ("de-DE", "Invalid input"),
    (None, "Invalid input"),
]


async def test_the_title_is_in_the_callers_language(
    admin: httpx.AsyncClient, subtests: pytest.Subtests
) -> None:
    for language, title in LANGUAGES:
        with subtests.test(language=language):
            headers = {"Accept-Language": language} if language else {}

            r = await admin.post("/api/v1/tenants", json={}, headers=headers)

            assert_problem(r, 422, "error.invalid_input", title)


async def test_chinese_titles_for_every_kind_of_error(
    admin: httpx.AsyncClient, anonymous: httpx.AsyncClient
) -> None:
    zh = {"Accept-Language": "zh-CN"}

    unauthenticated = await anonymous.get("/api/v1/stats", headers=zh)
    wrong_login = await anonymous.post(
        "/api/v1/auth/token", data={"username": "x", "password": "y"}, headers=zh
    )
    missing = await admin.get("/api/v1/tenants/42", headers=zh)
    no_route = await admin.get("/api/v1/nowhere", headers=zh)

    assert_problem(unauthenticated, 401, "error.auth_required", "需要认证")
    assert_problem(wrong_login, 401, "error.login", "用户名或密码错误")
    assert_problem(missing, 404, "error.not_found", "未找到")
    assert_problem(no_route, 404, "error.no_route", "资源不存在")
