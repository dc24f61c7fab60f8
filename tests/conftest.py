"""Shared fixtures: a real platform on free loopback ports, an admin client, a populated tenant."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from longcheng.core.settings import Settings
from longcheng.runtime.platform import Platform
from support import ADMIN_PASSWORD, World, build_world, free_port, login


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path,
        port=free_port(),
        mqtt_port=free_port(),
        admin_password=ADMIN_PASSWORD,
        flush_interval_ms=20,
        console=False,
    )


@pytest.fixture
async def platform(settings: Settings) -> AsyncIterator[Platform]:
    async with Platform(settings) as running:
        yield running


@pytest.fixture
async def admin(platform: Platform) -> AsyncIterator[httpx.AsyncClient]:
    assert platform.info is not None
    client = await login(platform.info.api_url, "admin", ADMIN_PASSWORD)
    yield client
    await client.aclose()


@pytest.fixture
async def world(admin: httpx.AsyncClient) -> AsyncIterator[World]:
    built = await build_world(admin, "acme")
    yield built
    for client in built.clients.values():
        await client.aclose()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="browser tests save screenshots of the main pages under docs/screenshots/",
    )
