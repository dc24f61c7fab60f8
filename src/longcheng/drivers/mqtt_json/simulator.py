"""A simulated MQTT JSON device: a centrifugal pump (``physics.CentrifugalPump``) publishing JSON to a broker.

A real MQTT client (aiomqtt) that publishes the pump's values every ``interval_s`` and obeys writes:

- ``jsonpath`` format (a foreign device): on ``{topic}`` (default ``plant/line1/pump7``)
  ``{"time": <epoch s>, "data": {"speed": …, "flow": …, …}, "setpoints": {"speed": …},
  "status": {"running": …}, "counters": {"run_seconds": …}}``; it takes writes on ``{topic}/set`` as
  ``{"setpoints": {"speed": 1450}}`` or ``{"status": {"running": false}}``.
- ``longcheng`` format: ``{"ts": <ms>, "values": {…}}`` on ``lc/v1/{tenant}/{device}/telemetry``; it takes
  writes on the ``desired`` topic as ``{"values": {"speed_setpoint": 1450}}``.

After a write it publishes at once, so the next message shows the new setpoint. ``points()`` and
``config()`` give what a gateway needs to read it. A lost connection is retried every ``RETRY_S``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from dataclasses import dataclass
from typing import Any, Self

import aiomqtt
import orjson

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.errors import BackendError, InvalidInput
from longcheng.core.samples import Value
from longcheng.core.topics import desired_topic, telemetry_topic
from longcheng.drivers.base import PointSpec, RawType
from longcheng.drivers.mqtt_json.config import Format, MqttJsonConfig
from longcheng.drivers.simulated.physics import NOISE, CentrifugalPump

log = logging.getLogger(__name__)

RETRY_S = 0.5
MEASURED = {
    "speed": "rpm",
    "flow": "m**3/h",
    "head": "m",
    "shaft_power": "kW",
    "outlet_pressure": "bar",
    "efficiency": "percent",
}
WRITABLE = {("setpoints", "speed"): "speed_setpoint", ("status", "running"): "running"}  # jsonpath body


@dataclass(slots=True)
class SimulatorStats:
    published: int = 0
    writes_applied: int = 0
    writes_rejected: int = 0
    connections: int = 0


class MqttJsonSimulator:
    """The pump as an MQTT client of the broker at ``host:port``; an async context manager."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 1883,
        *,
        format: Format = "jsonpath",
        topic: str = "plant/line1/pump7",
        tenant: str = "demo",
        device: str = "pump-7",
        interval_s: float = 1.0,
        qos: int = 1,
        seed: int = 42,
        noise: float = NOISE,
        clock: Clock | None = None,
    ) -> None:
        if not interval_s > 0:
            raise InvalidInput("interval_s", "must be a positive number of seconds")
        self.host, self.port, self.format, self.interval_s, self.qos = host, port, format, interval_s, qos
        self.tenant, self.device = tenant, device
        self.topic = topic if format == "jsonpath" else telemetry_topic(tenant, device)
        self.write_topic = f"{topic}/set" if format == "jsonpath" else desired_topic(tenant, device)
        self.clock = clock or SystemClock()
        self.pump = CentrifugalPump(random.Random(seed), noise=noise)  # noqa: S311 - simulation
        self.stats = SimulatorStats()
        self.run_seconds = 0.0
        self._last_ms = self.clock.now_ms()
        self._client: aiomqtt.Client | None = None
        self._connected = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def points(self) -> tuple[PointSpec, ...]:
        """The pump's points in this simulator's format (``speed_setpoint`` and ``running`` writable)."""
        if self.format == "longcheng":
            addresses = {name: name for name in [*MEASURED, "speed_setpoint", "running", "run_seconds"]}
        else:
            addresses = {name: f"{self.topic}|$.data.{name}" for name in MEASURED}
            addresses |= {
                "speed_setpoint": f"{self.topic}|$.setpoints.speed",
                "running": f"{self.topic}|$.status.running",
                "run_seconds": f"{self.topic}|$.counters.run_seconds",
            }
        types = {"running": RawType.BOOL, "run_seconds": RawType.UINT32}
        units = MEASURED | {"speed_setpoint": "rpm", "run_seconds": "s"}
        return tuple(
            PointSpec(
                name=name,
                address=address,
                data_type=types.get(name, RawType.FLOAT64),
                unit=units.get(name),
                access="rw" if name in ("speed_setpoint", "running") else "r",
            )
            for name, address in addresses.items()
        )

    def config(self, **overrides: Any) -> MqttJsonConfig:
        """A gateway's connection to this device."""
        base: dict[str, Any] = {"host": self.host, "port": self.port, "format": self.format, "qos": self.qos}
        if self.format == "longcheng":
            base |= {"tenant": self.tenant, "device": self.device}
        else:
            base |= {"timestamp_path": "$.time", "timestamp_unit": "s"}
        return MqttJsonConfig(**(base | overrides))

    def message(self) -> bytes:
        """Advance the physics to the clock's now and encode the values in this simulator's format."""
        now_ms = self.clock.now_ms()
        dt_s = max(0, now_ms - self._last_ms) / 1000.0
        self._last_ms = max(self._last_ms, now_ms)
        values = self.pump.step(dt_s)
        self.run_seconds += dt_s if self.pump.running else 0.0
        values["run_seconds"] = int(self.run_seconds)
        if self.format == "longcheng":
            return orjson.dumps({"ts": now_ms, "values": values})
        return orjson.dumps(
            {
                "time": now_ms / 1000.0,
                "data": {name: values[name] for name in MEASURED},
                "setpoints": {"speed": values["speed_setpoint"]},
                "status": {"running": values["running"]},
                "counters": {"run_seconds": values["run_seconds"]},
            }
        )

    async def publish(self) -> None:
        """Publish the current values now (no-op while disconnected)."""
        client = self._client
        if client is not None:
            await client.publish(self.topic, self.message(), qos=self.qos)
            self.stats.published += 1

    def apply(self, payload: bytes) -> bool:
        """Apply a write; False (and logged) if it is not one this device takes."""
        try:
            writes = self._writes(orjson.loads(payload))
            if not writes:
                raise InvalidInput("payload", "no value this device takes")
            for name, value in writes.items():
                self.pump.apply(name, value)
        except (orjson.JSONDecodeError, InvalidInput, TypeError, AttributeError) as err:
            self.stats.writes_rejected += 1
            log.info("simulated pump refused the write %r: %s", payload[:200], err)
            return False
        self.stats.writes_applied += 1
        return True

    def _writes(self, body: Any) -> dict[str, Value]:
        if self.format == "longcheng":
            return dict(body["values"]) if isinstance(body, dict) and "values" in body else {}
        return {
            prop: body[group][key]
            for (group, key), prop in WRITABLE.items()
            if isinstance(body.get(group), dict) and key in body[group]
        }

    async def start(self, timeout_s: float = 10.0) -> None:
        """Connect (waiting up to ``timeout_s`` for the broker) and start publishing."""
        self._task = asyncio.create_task(self._run(), name=f"mqtt_json-sim:{self.topic}")
        try:
            await asyncio.wait_for(self._connected.wait(), timeout_s)
        except TimeoutError as err:
            await self.stop()
            raise BackendError(f"simulated pump cannot reach the broker {self.host}:{self.port}") from err

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def _run(self) -> None:
        while True:
            try:
                async with aiomqtt.Client(self.host, self.port, identifier=f"sim-{self.device}") as client:
                    await client.subscribe(self.write_topic, qos=self.qos)
                    self._client = client
                    self.stats.connections += 1
                    self._connected.set()
                    async with asyncio.TaskGroup() as group:
                        group.create_task(self._ticker())
                        group.create_task(self._listen(client))
            except* aiomqtt.MqttError as errors:
                log.info("simulated pump lost the broker (%s); retrying", errors.exceptions[0])
            finally:
                self._client = None
            await asyncio.sleep(RETRY_S)

    async def _ticker(self) -> None:
        while True:
            await self.publish()
            await asyncio.sleep(self.interval_s)

    async def _listen(self, client: aiomqtt.Client) -> None:
        async for message in client.messages:
            if isinstance(message.payload, bytes) and self.apply(message.payload):
                await self.publish()


__all__ = ["MEASURED", "RETRY_S", "WRITABLE", "MqttJsonSimulator", "SimulatorStats"]
