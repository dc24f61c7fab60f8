"""Liveness without authentication, the OpenAPI document and the interactive docs."""

from __future__ import annotations

import httpx

from longcheng import __version__
from longcheng.runtime.platform import Platform


async def test_health_needs_no_authentication(platform: Platform, anonymous: httpx.AsyncClient) -> None:
    r = await anonymous.get("/api/v1/health")

    assert r.status_code == 200
    assert platform.ctx is not None
    host, port = platform.ctx.mqtt_endpoint
    assert r.json() == {
        "status": "ok",
        "version": __version__,
        "mqtt": f"mqtt://{host}:{port}",
        "embedded_broker": True,
    }
    assert port == platform.settings.mqtt_port


async def test_openapi_lists_the_routes(anonymous: httpx.AsyncClient) -> None:
    r = await anonymous.get("/api/v1/openapi.json")

    assert r.status_code == 200
    doc = r.json()
    assert doc["info"]["title"] == "Longcheng API"
    assert doc["info"]["version"] == __version__
    paths = doc["paths"]
    expected = {
        "/api/v1/health": {"get"},
        "/api/v1/auth/token": {"post"},
        "/api/v1/auth/me": {"get"},
        "/api/v1/tenants": {"get", "post"},
        "/api/v1/tenants/{tenant_id}": {"get", "patch", "delete"},
        "/api/v1/users": {"get", "post"},
        "/api/v1/users/{user_id}": {"get", "patch", "delete"},
        "/api/v1/api-keys": {"get", "post"},
        "/api/v1/api-keys/{key_id}": {"delete"},
        "/api/v1/device-types": {"get", "post"},
        "/api/v1/device-types/{type_id}": {"get", "patch", "delete"},
        "/api/v1/devices": {"get", "post"},
        "/api/v1/devices/{device_id}": {"get", "patch", "delete"},
        "/api/v1/devices/{device_id}/credentials": {"post"},
        "/api/v1/devices/{device_id}/telemetry": {"get"},
        "/api/v1/devices/{device_id}/shadow": {"get"},
        "/api/v1/devices/{device_id}/shadow/desired": {"put"},
        "/api/v1/devices/{device_id}/dead-letters": {"get"},
        "/api/v1/dead-letters": {"get"},
        "/api/v1/stats": {"get"},
    }
    assert {path: set(paths.get(path, ())) for path in expected} == expected  # other apps add their own
    telemetry_params = {
        p["name"] for p in paths["/api/v1/devices/{device_id}/telemetry"]["get"]["parameters"]
    }
    assert {"property", "start", "end", "interval", "agg", "limit"} <= telemetry_params


async def test_interactive_docs_are_served(anonymous: httpx.AsyncClient) -> None:
    r = await anonymous.get("/docs")

    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "swagger-ui" in r.text
    assert "/api/v1/openapi.json" in r.text

    root = await anonymous.get("/")  # the test platform runs without the console, so / leads to the docs
    assert root.status_code == 307
    assert root.headers["location"] == "/docs"
