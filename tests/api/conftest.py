"""Fixtures of the REST API tests: a populated tenant without users (fast: no password hashing), and a way to
make more of them. ``world`` (tests/conftest.py) adds a logged-in client per role where a test needs one."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from longcheng.runtime.platform import Platform
from support import World, provision_world

Provision = Callable[..., Awaitable[World]]


@pytest.fixture
def provision(admin: httpx.AsyncClient) -> Provision:
    """``await provision("beta")``: a tenant with the pump device type and device ``pump-1``, no users."""

    async def make(code: str, industry: str = "machinery") -> World:
        return await provision_world(admin, code, industry)

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
