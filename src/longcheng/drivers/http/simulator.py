"""Simulated HTTP devices: a plant-room controller serving REST, and a device pushing JSON to a receiver.

Both carry a ``Site`` (``drivers/simulated/physics.py``): a temperature/humidity sensor, a power meter and
a chiller, stepped by the time that passed on an injected clock since the last document. A document::

    {"ts": 1767225600000,
     "readings": {"sensor": {"temperature": 21.3, "humidity": 48.2, "dew_point": 9.8},
                  "meter": {"voltage_ab": 400.1, ..., "active_power": 212.4, "energy": 51234.5},
                  "chiller": {"supply_temperature": 7.0, ..., "supply_setpoint": 7.0, "running": true}}}

``HttpDevice`` serves ``GET /readings`` (that document) and ``PUT`` (or ``POST``) ``/setpoints/{name}``
with ``{"value": ...}`` for the chiller's ``supply_setpoint`` (clamped to 5-12 °C) and ``running``; it
answers 404 for another name, 400 for a body that is not ``{"value": ...}`` JSON, 422 for a value of the
wrong type, and 401 without its token when it has one. ``PushingDevice`` POSTs the document to a receiver
URL every ``interval_s`` (or on ``push``). ``POINTS`` lists the points a gateway reads from them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import secrets
from types import TracebackType
from typing import Any, Self

import httpx
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.errors import InvalidInput
from longcheng.drivers.base import PointSpec
from longcheng.drivers.http.config import HttpConfig
from longcheng.drivers.http.serve import RunningServer, start_server
from longcheng.drivers.simulated.physics import NOISE, Chiller, DeviceModel, PowerMeter, TempHumiditySensor

log = logging.getLogger(__name__)
SITE_UTC_OFFSET_S = 8 * 3600  # the simulated plant keeps China Standard Time for its daily cycles
SETPOINTS = {"supply_setpoint": "chiller", "running": "chiller"}


def _point(name: str, path: str, data_type: str, **more: Any) -> PointSpec:
    return PointSpec.model_validate({"name": name, "address": path, "data_type": data_type} | more)


POINTS: tuple[PointSpec, ...] = (
    _point("temperature", "$.readings.sensor.temperature", "float64", unit="degC"),
    _point("humidity", "$.readings.sensor.humidity", "float64", unit="percent"),
    _point("active_power", "$.readings.meter.active_power", "float64", unit="kW"),
    _point("energy", "$.readings.meter.energy", "float64", unit="kW*h"),
    _point("voltage_ab", "$.readings.meter.voltage_ab", "float32", unit="V"),
    _point("supply_temperature", "$.readings.chiller.supply_temperature", "float64", unit="degC"),
    _point("supply_setpoint", "$.readings.chiller.supply_setpoint", "float64", unit="degC", access="rw"),
    _point("running", "$.readings.chiller.running", "bool", access="rw"),
)


class Site:
    """A sensor, a power meter and a chiller, advanced by the clock's time since the last document."""

    def __init__(self, *, seed: int = 42, noise: float = NOISE, clock: Clock | None = None) -> None:
        self._clock = clock or SystemClock()
        self._last_ms = self._clock.now_ms()
        day_s = (self._last_ms / 1000 + SITE_UTC_OFFSET_S) % 86_400
        kinds: dict[str, type[DeviceModel]] = {
            "sensor": TempHumiditySensor,
            "meter": PowerMeter,
            "chiller": Chiller,
        }
        self.models: dict[str, DeviceModel] = {
            name: kind(random.Random(seed + i), noise=noise, time_of_day_s=day_s)  # noqa: S311 - not crypto
            for i, (name, kind) in enumerate(kinds.items())
        }

    def document(self) -> dict[str, Any]:
        now = self._clock.now_ms()
        dt_s, self._last_ms = max(0, now - self._last_ms) / 1000, max(now, self._last_ms)
        return {"ts": now, "readings": {name: model.step(dt_s) for name, model in self.models.items()}}

    def apply(self, name: str, value: Any) -> Any:
        """Set a setpoint; returns the value the device applied. ``KeyError`` if there is no such one."""
        model = self.models[SETPOINTS[name]]
        model.apply(name, value)
        return getattr(model, name)


class HttpDevice:
    """The site behind a REST API on ``host:port``; an async context manager (start and stop)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 8080,
        *,
        token: str | None = None,
        seed: int = 42,
        noise: float = NOISE,
        clock: Clock | None = None,
    ) -> None:
        self.host, self.port, self.token = host, port, token
        self.site = Site(seed=seed, noise=noise, clock=clock)
        self.requests = 0
        self._server: RunningServer | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def config(self, **overrides: Any) -> HttpConfig:
        """A poll-mode connection config for this device."""
        base = {
            "url": f"{self.url}/readings",
            "write_url": f"{self.url}/setpoints/{{name}}",
            "token": self.token,
        }
        return HttpConfig.model_validate(base | overrides)

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        app = Starlette(
            routes=[
                Route("/readings", self._readings, methods=["GET"]),
                Route("/setpoints/{name}", self._setpoint, methods=["PUT", "POST"]),
            ]
        )
        self._server = await start_server(app, self.host, self.port, "--port")
        self.port = self._server.port
        log.info("simulated HTTP device on %s", self.url)

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            await server.stop()

    def _refused(self, request: Request) -> JSONResponse | None:
        """Count the request; the 401 answer when the device has a token and the request lacks it."""
        self.requests += 1
        if self.token is None:
            return None
        presented = request.headers.get("authorization", "").removeprefix("Bearer ").encode()
        if secrets.compare_digest(presented, self.token.encode()):
            return None
        return JSONResponse({"error": "unauthorised"}, status_code=401)

    async def _readings(self, request: Request) -> JSONResponse:
        return self._refused(request) or JSONResponse(self.site.document())

    async def _setpoint(self, request: Request) -> JSONResponse:
        refused = self._refused(request)
        if refused is not None:
            return refused
        name = request.path_params["name"]
        if name not in SETPOINTS:
            return JSONResponse({"error": f"no setpoint {name!r}"}, status_code=404)
        try:
            body = orjson.loads(await request.body())
            value = body["value"]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            return JSONResponse({"error": 'the body must be {"value": ...}'}, status_code=400)
        try:
            applied = self.site.apply(name, value)
        except InvalidInput as err:
            return JSONResponse({"error": err.reason}, status_code=422)
        return JSONResponse({"name": name, "value": applied})


class PushingDevice:
    """The site POSTing its document to ``url`` every ``interval_s`` (None: only on ``push``)."""

    def __init__(
        self,
        url: str,
        token: str,
        *,
        interval_s: float | None = 1.0,
        seed: int = 42,
        noise: float = NOISE,
        clock: Clock | None = None,
    ) -> None:
        self.url, self.interval_s = url, interval_s
        self.site = Site(seed=seed, noise=noise, clock=clock)
        self._client = httpx.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=5.0)
        self._task: asyncio.Task[None] | None = None
        self.pushed = 0

    async def __aenter__(self) -> Self:
        if self.interval_s is not None:
            self._task = asyncio.create_task(self._run(self.interval_s))
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._client.aclose()

    async def push(self, document: Any = None) -> int:
        """POST the site's document (or ``document``: bytes go as they are); returns the status code."""
        body = document if isinstance(document, bytes) else orjson.dumps(document or self.site.document())
        response = await self._client.post(
            self.url, content=body, headers={"Content-Type": "application/json"}
        )
        self.pushed += response.is_success
        return response.status_code

    async def _run(self, interval_s: float) -> None:
        while True:
            try:
                await self.push()
            except httpx.HTTPError as err:
                log.warning("push to %s failed: %r", self.url, err)
            await asyncio.sleep(interval_s)


__all__ = ["POINTS", "SETPOINTS", "HttpDevice", "PushingDevice", "Site"]
