"""``Platform``: everything ``longcheng run`` starts, as one async context manager.

Start order: migrate → stores → first admin → ingest writer → broker → HTTP server → simulated factory.
Stop order is the reverse; the ingest writer flushes what is pending before the stores close.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from longcheng.api.app import create_app
from longcheng.core.clock import Clock, SystemClock
from longcheng.core.errors import ConfigError
from longcheng.core.plugins import GROUPS, Registry
from longcheng.core.settings import Settings
from longcheng.drivers.simulated.driver import run_factory
from longcheng.ingest.broker import Broker
from longcheng.ingest.broker.embedded import EmbeddedBroker, ensure_port_free
from longcheng.ingest.broker.external import ExternalBroker
from longcheng.ingest.directory import DeviceDirectory, DeviceEntry
from longcheng.ingest.directory_sql import SqlDeviceLoader
from longcheng.ingest.pipeline import Ingest
from longcheng.ingest.validate import Limits
from longcheng.registry.auth import ensure_admin
from longcheng.runtime.simulation import provision
from longcheng.services import commands
from longcheng.services import devices as device_services
from longcheng.services.context import PlatformContext
from longcheng.storage.metadata.engine import make_engine, make_sessionmaker
from longcheng.storage.migrations import upgrade_metadata
from longcheng.storage.timeseries import TimeSeriesSpec, TimeSeriesStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StartupInfo:
    api_url: str
    mqtt_endpoint: str
    admin_password: str | None  # only when it was generated now


def open_timeseries(url: str) -> TimeSeriesStore:
    scheme = url.split(":", 1)[0].split("+", 1)[0]
    specs = Registry.load(GROUPS["timeseries"], TimeSeriesSpec)
    for spec in specs.specs.values():
        if spec.scheme == scheme:
            return spec.open(url)
    raise ConfigError(f"no time-series store for {scheme!r}; installed: {sorted(specs.specs)}")


def jwt_secret(settings: Settings) -> str:
    """The configured secret, else one kept in the data folder (made once, readable by the owner only)."""
    if settings.jwt_secret:
        return settings.jwt_secret
    path = Path(settings.data_dir) / "jwt-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


class Platform:
    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self._stack = contextlib.AsyncExitStack()
        self._tasks: list[asyncio.Task[None]] = []
        self.server: uvicorn.Server | None = None
        self.info: StartupInfo | None = None
        self.ctx: PlatformContext | None = None
        self.ingest: Ingest | None = None
        self.broker: Broker | None = None

    async def __aenter__(self) -> Platform:
        try:
            await self._start()
        except BaseException:
            await self._stack.aclose()
            raise
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._stack.aclose()

    async def _start(self) -> None:
        s = self.settings
        s.jwt_secret = jwt_secret(s)
        if s.embedded_broker and s.ingest:
            ensure_port_free(s.mqtt_host, s.mqtt_port, "--mqtt-port")
        ensure_port_free(s.host, s.port, "--port")
        await asyncio.to_thread(upgrade_metadata, s.database_url)
        engine = make_engine(s.database_url)
        self._stack.callback(engine.dispose)
        sessions = make_sessionmaker(engine)
        with sessions() as db:
            generated = ensure_admin(db, s.admin_password or None)
        store = await asyncio.to_thread(open_timeseries, s.timeseries_url)
        self._stack.callback(store.close)
        directory = DeviceDirectory(SqlDeviceLoader(sessions), self.clock)
        broker = await self._start_ingest(directory, store) if s.ingest else await self._start_downlink()
        endpoint = broker.endpoint if broker else f"mqtt://{s.mqtt_host}:{s.mqtt_port}"
        mqtt_host, mqtt_port = _host_port(endpoint)
        self.ctx = PlatformContext(
            settings=s,
            sessions=sessions,
            timeseries=store,
            directory=directory,
            clock=self.clock,
            downlink=broker.publish if broker else None,
            ingest_stats=self.ingest.stats if self.ingest else None,
            mqtt_endpoint=(mqtt_host, mqtt_port),
        )
        self._background(self._housekeeping(), "housekeeping")
        await self._serve_http()
        self.info = StartupInfo(f"http://{s.host}:{s.port}", endpoint, generated)
        if s.simulate and s.ingest:
            with sessions() as db:
                fleet = provision(db, s.simulate)
            self._background(
                run_factory(
                    fleet, mqtt_host, mqtt_port, interval_s=s.simulate_interval_s, seed=42, clock=self.clock
                ),
                "simulated-factory",
            )

    async def _start_ingest(self, directory: DeviceDirectory, store: TimeSeriesStore) -> Broker:
        """The ingest writer and the broker it listens to (embedded, or an external one)."""
        s = self.settings
        ingest = Ingest(
            directory,
            store,
            self.clock,
            Limits(s.max_payload_bytes, s.max_future_skew_s * 1000, s.max_past_age_s * 1000),
            flush_interval_ms=s.flush_interval_ms,
            flush_max_samples=s.flush_max_samples,
            replies=self._reply,
        )
        self.ingest = ingest
        self._background(ingest.run(), "ingest-writer")
        broker: Broker = (
            EmbeddedBroker(s.mqtt_host, s.mqtt_port, directory, ingest.handle, on_subscribed=self._catch_up)
            if s.embedded_broker
            else ExternalBroker(s.mqtt_url, ingest.handle, client_id=s.mqtt_client_id)
        )
        await broker.start()
        self._stack.push_async_callback(broker.stop)
        self.broker = broker
        return broker

    async def _start_downlink(self) -> Broker | None:
        """A process that does not ingest sends commands through the external broker, when there is one;
        beside an embedded broker it records them for the platform process to time out."""
        s = self.settings
        if s.embedded_broker:
            return None
        broker = ExternalBroker(s.mqtt_url, None, client_id=f"{s.mqtt_client_id}-{s.port}")
        await broker.start()
        self._stack.push_async_callback(broker.stop)
        self.broker = broker
        return broker

    async def _housekeeping(self, every_s: float = 5.0) -> None:
        """Every few seconds: add metered invocations to the database and time out unanswered commands;
        the metering once more on the way out."""
        assert self.ctx is not None
        ctx = self.ctx

        def flush_meter() -> None:
            with ctx.sessions() as db:
                ctx.meter.flush(db)

        try:
            while True:
                await asyncio.sleep(every_s)
                await asyncio.to_thread(flush_meter)
                await asyncio.to_thread(commands.expire, ctx)
        finally:
            await asyncio.shield(asyncio.to_thread(flush_meter))

    async def _catch_up(self, tenant_code: str, key: str) -> None:
        """Desired values set while the device was away are sent once it listens again."""
        if self.ctx is None or self.ctx.downlink is None:
            return
        pending = await asyncio.to_thread(device_services.pending_desired, self.ctx, tenant_code, key)
        if pending is not None:
            await self.ctx.downlink(*pending)

    async def _reply(self, device: DeviceEntry, payload: bytes) -> None:
        assert self.ctx is not None
        await asyncio.to_thread(commands.on_reply, self.ctx, device, payload)

    def _background(self, coro: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        self._tasks.append(task)

        async def stop() -> None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

        self._stack.push_async_callback(stop)

    async def _serve_http(self) -> None:
        assert self.ctx is not None
        app = create_app(self.ctx, console=self.settings.console)
        if self.settings.console:
            from longcheng.console.mount import mount  # noqa: PLC0415 - NiceGUI loads only when needed

            mount(app, self.ctx)
        config = uvicorn.Config(
            app,
            host=self.settings.host,
            port=self.settings.port,
            log_level="warning",
            lifespan="on" if self.settings.console else "off",
            access_log=False,
        )
        server = _QuietServer(config)
        self.server = server
        task = asyncio.create_task(server.serve(), name="http")

        async def stop() -> None:
            server.should_exit = True
            with contextlib.suppress(asyncio.CancelledError):
                await task

        self._stack.push_async_callback(stop)
        while not server.started:
            if task.done():
                task.result()
                raise ConfigError(f"the HTTP server did not start on port {self.settings.port}")
            await asyncio.sleep(0.02)

    async def wait(self) -> None:
        """Run until a background task fails or the HTTP server stops."""
        waiting = [*self._tasks]
        if not waiting:
            await asyncio.Event().wait()
        done, _ = await asyncio.wait(waiting, return_when=asyncio.FIRST_EXCEPTION)
        for task in done:
            task.result()


class _QuietServer(uvicorn.Server):
    """uvicorn without its own signal handling: the CLI owns SIGINT/SIGTERM and stops everything."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _host_port(endpoint: str) -> tuple[str, int]:
    host, _, port = endpoint.removeprefix("mqtt://").rpartition(":")
    return host, int(port)


__all__ = ["Platform", "StartupInfo", "jwt_secret", "open_timeseries"]
