"""Console page tests without a browser: NiceGUI's simulated user against the real pages and services
(SQLite metadata, the memory time-series store; no broker: commands are stored, not delivered)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from nicegui.testing import User
from nicegui.testing.user_simulation import user_simulation

from longcheng.console.mount import make_root
from longcheng.core.clock import SystemClock
from longcheng.core.samples import Sample
from longcheng.core.settings import Settings
from longcheng.ingest.directory import DeviceDirectory
from longcheng.ingest.directory_sql import SqlDeviceLoader
from longcheng.registry.auth import ensure_admin
from longcheng.registry.principals import SYSTEM, Role
from longcheng.registry.schemas import UserCreate
from longcheng.registry.tenants import get_tenant_by_code
from longcheng.registry.users import create_user
from longcheng.runtime.simulation import provision
from longcheng.services.context import PlatformContext
from longcheng.storage.metadata.engine import make_engine, make_sessionmaker
from longcheng.storage.migrations import upgrade_metadata
from longcheng.storage.timeseries import WriteBatch
from longcheng.storage.timeseries.memory import MemoryTimeSeriesStore
from support import USER_PASSWORD as PASSWORD

ROLES = ("tenant_admin", "operator", "developer", "viewer")


@pytest.fixture
def ctx(tmp_path: Path) -> PlatformContext:
    url = f"sqlite:///{tmp_path / 'meta.db'}"
    upgrade_metadata(url)
    sessions = make_sessionmaker(make_engine(url))
    clock = SystemClock()
    store = MemoryTimeSeriesStore()
    settings = Settings(
        data_dir=tmp_path, jwt_secret="console-test-secret-of-at-least-32-bytes", console=True
    )
    with sessions() as db:
        ensure_admin(db, PASSWORD)
        fleet = provision(db, 7)
        demo = get_tenant_by_code(db, "demo")
        assert demo is not None
        tenant_id = demo.id
        for role in ROLES:
            create_user(
                db,
                SYSTEM,
                UserCreate(
                    username=role, password=PASSWORD, role=Role(role), tenant_id=tenant_id, locale="en"
                ),
            )
    now = clock.now_ms()
    pump_id = 1  # the first simulated device is a centrifugal pump
    store.write(
        WriteBatch(
            samples=[Sample(tenant_id, pump_id, "flow", now - 1000 * i, 90.0 + i) for i in range(5)]
            + [Sample(tenant_id, pump_id, "speed_setpoint", now, 2900.0)],
            seen={pump_id: (tenant_id, now)},
        )
    )
    assert fleet[0].type.key == "centrifugal_pump"
    return PlatformContext(
        settings=settings,
        sessions=sessions,
        timeseries=store,
        directory=DeviceDirectory(SqlDeviceLoader(sessions), clock),
        clock=clock,
    )


@pytest.fixture
async def user(ctx: PlatformContext) -> AsyncIterator[User]:
    async with user_simulation(root=make_root(ctx)) as simulated:
        yield simulated


LoginAs = Callable[[str], Coroutine[Any, Any, None]]


@pytest.fixture
def login_as(user: User) -> LoginAs:
    async def login(username: str) -> None:
        await user.open("/login")
        user.find(marker="username").type(username)
        user.find(marker="password").type(PASSWORD)
        user.find(marker="login").click()
        await user.open("/")

    return login
