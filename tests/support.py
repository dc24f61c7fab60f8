"""Helpers shared by the tests: free ports, polling, logging in, a populated tenant (``World``)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import aiomqtt
import httpx
import orjson

T = TypeVar("T")

ADMIN_PASSWORD = "admin-password-for-tests"
USER_PASSWORD = "user-password-for-tests"

PUMP_MODEL: dict[str, Any] = {
    "properties": [
        {"name": "flow", "data_type": "float", "unit": "m**3/h", "min": 0, "max": 500},
        {"name": "speed", "data_type": "int", "unit": "rpm", "min": 0, "max": 3600, "access": "rw"},
        {"name": "running", "data_type": "bool"},
        {"name": "mode", "data_type": "enum", "enum_values": ["auto", "manual"], "access": "rw"},
        {"name": "note", "data_type": "string", "max_length": 32},
    ],
    "events": [{"name": "overheat", "severity": "warning"}],
    "commands": [
        {"name": "start"},
        {
            "name": "set_speed",
            "params": [{"name": "rpm", "data_type": "int", "unit": "rpm", "min": 0, "max": 3600}],
        },
    ],
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def eventually(probe: Callable[[], Awaitable[T | None]], timeout: float = 30.0) -> T:  # noqa: ASYNC109
    """Poll ``probe`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await probe()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s (last: {result!r})")
        await asyncio.sleep(0.05)


async def login(base_url: str, username: str, password: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base_url, timeout=10)
    response = await client.post("/api/v1/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return client


@dataclass
class World:
    """One tenant with a pump device type, one device and a user per role (clients logged in)."""

    tenant_id: int
    tenant_code: str
    type_id: int
    device_id: int
    device_key: str
    credentials: dict[str, Any]
    clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)

    def mqtt(self) -> aiomqtt.Client:
        c = self.credentials
        return aiomqtt.Client(
            c["host"], c["port"], identifier=c["client_id"], username=c["username"], password=c["password"]
        )

    async def publish(self, payload: object | bytes) -> None:
        body = payload if isinstance(payload, bytes) else orjson.dumps(payload)
        async with self.mqtt() as client:
            await client.publish(self.credentials["telemetry_topic"], body, qos=1)


async def provision_world(admin: httpx.AsyncClient, code: str, industry: str = "machinery") -> World:
    """A tenant with the pump device type and device ``pump-1``; no users (fast: no password hashing)."""
    r = await admin.post(
        "/api/v1/tenants",
        json={"code": code, "name": f"Tenant {code}", "industry": industry, "region": "Changzhou"},
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


async def build_world(admin: httpx.AsyncClient, code: str, industry: str = "machinery") -> World:
    """``provision_world`` plus a logged-in client per tenant role in ``world.clients``."""
    world = await provision_world(admin, code, industry)
    for role in ("tenant_admin", "operator", "developer", "viewer"):
        username = f"{code}-{role}"
        r = await admin.post(
            "/api/v1/users",
            json={
                "username": username,
                "password": USER_PASSWORD,
                "role": role,
                "tenant_id": world.tenant_id,
            },
        )
        assert r.status_code == 201, r.text
        world.clients[role] = await login(str(admin.base_url), username, USER_PASSWORD)
    return world
