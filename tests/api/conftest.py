"""Fixtures of the REST API tests: a populated tenant without users (fast: no password hashing), and a way to
make more of them. ``world`` (tests/conftest.py) adds a logged-in client per role where a test needs one."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from longcheng.runtime.platform import Platform
from support import PUMP_MODEL, World

Provision = Callable[..., Awaitable[World]]


async def _provision(admin: httpx.AsyncClient, code: str, industry: str) -> World:
    r = await admin.post(
        "/api/v1/tenants", json={"code": code, "name": f"Tenant {code}", "industry": industry}
    )
    assert r.status_code == 201, r.text
    tenant_id = r.json()["id"]
    r = await admin.post(
        "/api/v1/device-types",
        json={
            "key": "pump",
            "name": "Pump",
            "industry": industry,
            "thing_model": PUMP_MODEL,
            "tenant_id": tenant_id,
        },
    )
    assert r.status_code == 201, r.text
    type_id = r.json()["id"]
    r = await admin.post(
        "/api/v1/devices",
        json={"key": "pump-1", "name": "Pump 1", "device_type_id": type_id, "tenant_id": tenant_id},
    )
    assert r.status_code == 201, r.text
    device = r.json()
    return World(tenant_id, code, type_id, device["id"], "pump-1", device["credentials"])


@pytest.fixture
def provision(admin: httpx.AsyncClient) -> Provision:
    """``await provision("beta")``: a tenant with the pump device type and device ``pump-1``, no users."""

    async def make(code: str, industry: str = "machinery") -> World:
        return await _provision(admin, code, industry)

    return make


@pytest.fixture
async def pump(provision: Provision) -> World:
    """Tenant ``acme`` with one pump, no users: for tests that act as the platform admin."""
    return await provision("acme")


@pytest.fixture
async def anonymous(platform: Platform) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the platform's HTTP server without credentials."""
    assert platform.info is not None
    async with httpx.AsyncClient(base_url=platform.info.api_url, timeout=10) as client:
        yield client
