"""What each sub-command does (argument parsing is in ``main.py``)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import signal
import sys
from collections import Counter
from collections.abc import Coroutine
from typing import Any

from longcheng import __version__
from longcheng.cli.output import say
from longcheng.core.clock import SystemClock
from longcheng.core.errors import InvalidInput
from longcheng.core.plugins import GROUPS, Registry, Spec
from longcheng.core.settings import Settings
from longcheng.drivers.spec import DriverSpec
from longcheng.edge.config import load as load_gateway
from longcheng.edge.runtime import Gateway
from longcheng.registry.principals import SYSTEM, Role
from longcheng.registry.schemas import UserCreate
from longcheng.registry.tenants import get_tenant_by_code
from longcheng.registry.users import create_user
from longcheng.runtime.platform import Platform, open_timeseries
from longcheng.runtime.simulation import DEMO_TENANT
from longcheng.storage.metadata.engine import make_engine, make_sessionmaker
from longcheng.storage.migrations import upgrade_metadata


def version(_settings: Settings, _args: argparse.Namespace) -> int:
    say("cli.version", version=__version__)
    return 0


def migrate(settings: Settings, _args: argparse.Namespace) -> int:
    upgrade_metadata(settings.database_url)
    open_timeseries(settings.timeseries_url).close()
    say("cli.migrated", database=settings.database_url, timeseries=settings.timeseries_url)
    return 0


def plugins(_settings: Settings, _args: argparse.Namespace) -> int:
    broken = 0
    for kind, group in GROUPS.items():
        registry = Registry.load(group, Spec)
        say("cli.plugins.group", kind=kind, group=group, count=len(registry.specs))
        families = Counter(name.split(".")[0] for name in registry.specs if "." in name)
        for family, count in sorted(families.items()):  # the model and algorithm libraries: one line a family
            say("cli.plugins.family", name=family, count=count)
        for spec in registry.specs.values():
            if "." not in spec.name:
                say("cli.plugins.ok", name=spec.name, summary=spec.summary)
        for failure in registry.failures:
            broken += 1
            say("cli.plugins.failed", name=failure.name, target=failure.target, error=failure.error)
    return 1 if broken else 0


def user_create(settings: Settings, args: argparse.Namespace) -> int:
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass()
    engine = make_engine(settings.database_url)
    upgrade_metadata(settings.database_url)
    try:
        with make_sessionmaker(engine)() as db:
            tenant_id = None
            if args.tenant:
                tenant = get_tenant_by_code(db, args.tenant)
                if tenant is None:
                    raise InvalidInput("--tenant", f"no tenant with code {args.tenant!r}")
                tenant_id = tenant.id
            user = create_user(
                db,
                SYSTEM,
                UserCreate(
                    username=args.username, password=password, role=Role(args.role), tenant_id=tenant_id
                ),
            )
            say("cli.user_created", username=user.username, role=user.role)
    finally:
        engine.dispose()
    return 0


def edge(_settings: Settings, args: argparse.Namespace) -> int:
    """Run an edge gateway from its configuration file until SIGINT/SIGTERM."""
    config = load_gateway(args.config)
    drivers = Registry.load(GROUPS["drivers"], DriverSpec)
    gateway = Gateway(config, dict(drivers.specs), SystemClock())
    say(
        "cli.edge.started",
        gateway=config.username,
        devices=len(config.devices),
        uplink=f"{config.uplink.host}:{config.uplink.port}",
        buffer=str(config.buffer.path),
    )
    return asyncio.run(_until_signal(gateway.run()))


async def _until_signal(work: Coroutine[Any, Any, None]) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    task = asyncio.create_task(work)
    stopper = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    for pending in (task, stopper):
        pending.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pending
    if task in done and not task.cancelled():
        task.result()
    say("cli.stopping")
    return 0


def run(settings: Settings, _args: argparse.Namespace) -> int:
    return asyncio.run(_run(settings))


async def _run(settings: Settings) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with Platform(settings) as platform:
        _banner(platform, settings)
        waiter = asyncio.create_task(platform.wait())
        stopper = asyncio.create_task(stop.wait())
        done, pending = await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if waiter in done:
            waiter.result()
        say("cli.stopping")
    return 0


def _banner(platform: Platform, settings: Settings) -> None:
    info = platform.info
    assert info is not None
    say("cli.banner.title", version=__version__)
    say("cli.banner.api", url=info.api_url)
    if info.admin_password:
        say("cli.banner.admin_generated", password=info.admin_password)
    elif settings.admin_password:
        say("cli.banner.admin_env")
    else:
        say("cli.banner.admin_existing")
    say("cli.banner.mqtt", endpoint=info.mqtt_endpoint)
    if settings.simulate and settings.ingest:
        say("cli.banner.simulated", count=settings.simulate, tenant=DEMO_TENANT)
    if not settings.ingest:
        say("cli.banner.no_ingest")
    say("cli.banner.stop")


__all__ = ["edge", "migrate", "plugins", "run", "user_create", "version"]
