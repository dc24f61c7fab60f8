"""The gateway: one session per device under a TaskGroup, their values mapped and sent through the buffer.

Each ``DeviceRunner`` connects with its driver, reconnects with exponential backoff and jitter, polls its
points on their own intervals (or follows the driver's subscription), maps raw values to the thing model's
properties (scale, offset) and keeps only changes beyond each point's deadband. Every ``send_ms`` the
gateway turns what was collected into the platform's telemetry messages and appends them to the disk
buffer, which the uplink drains. Desired values from the platform are written to the device and read back.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import orjson

from longcheng.core import topics
from longcheng.core.clock import Clock
from longcheng.core.errors import InvalidInput, LongchengError
from longcheng.core.samples import Quality, Value
from longcheng.drivers.base import DeviceUnreachable, PointSpec, Reading, Session
from longcheng.drivers.spec import DriverSpec
from longcheng.edge.buffer import DiskBuffer
from longcheng.edge.config import DeviceConfig, GatewayConfig
from longcheng.edge.mapping import ChangeFilter, engineering, raw_for_write
from longcheng.edge.uplink import Uplink, backoff_s, downlink_topics

log = logging.getLogger(__name__)

Record = dict[str, Any]  # property -> value or {"value": v, "quality": q}


@dataclass
class DeviceHealth:
    connected: bool = False
    reads: int = 0
    points: int = 0
    errors: int = 0
    reconnects: int = 0
    writes: int = 0
    last_error: str = ""


class DeviceRunner:
    def __init__(self, gateway: Gateway, device: DeviceConfig, spec: DriverSpec) -> None:
        if spec.connect is None or spec.config_model is None:
            raise InvalidInput(f"devices.{device.key}.driver", f"driver {spec.name!r} cannot be polled")
        self.gateway, self.device, self.spec = gateway, device, spec
        self.config = spec.config_model.model_validate(device.connection)
        self.points = {p.name: p for p in device.points}
        self.filter = ChangeFilter()
        self.health = DeviceHealth()
        self.session: Session | None = None

    async def run(self) -> None:
        attempt = 0
        assert self.spec.connect is not None
        while True:
            try:
                self.session = await self.spec.connect(self.config)
                self.health.connected, attempt = True, 0
                self.filter.forget()
                await (self._follow() if self.spec.subscribe else self._poll())
            except (LongchengError, OSError) as err:  # one device failing never stops the others
                attempt += 1
                self.health.errors += 1
                self.health.reconnects += 1
                self.health.last_error = str(err)
                log.warning("device %s unreachable (%s); retrying", self.device.key, err)
            finally:
                self.health.connected = False
                await self._close()
            await asyncio.sleep(backoff_s(attempt, self.gateway.rng))

    async def _close(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            try:
                await session.close()
            except LongchengError:
                log.debug("closing the session of %s failed", self.device.key, exc_info=True)

    async def _poll(self) -> None:
        groups: dict[int, list[PointSpec]] = defaultdict(list)
        for point in self.device.points:
            groups[point.poll_ms].append(point)
        due = dict.fromkeys(groups, time.monotonic())
        while True:
            interval = min(due, key=lambda ms: due[ms])
            await asyncio.sleep(max(0.0, due[interval] - time.monotonic()))
            assert self.session is not None
            self.collect(await self.session.read(groups[interval]))
            self.health.reads += 1
            due[interval] = max(due[interval] + interval / 1000, time.monotonic())

    async def _follow(self) -> None:
        assert self.session is not None
        async for reading in self.session.subscribe(self.device.points):
            self.collect([reading])

    def collect(self, readings: list[Reading], *, force: bool = False) -> None:
        for reading in readings:
            point = self.points.get(reading.point)
            if point is None:
                continue
            self.health.points += 1
            if reading.quality is Quality.BAD:
                self.health.errors += 1
                continue
            value = engineering(point, reading.value)
            if force or self.filter.changed(point, value):
                self.filter.sent(point, value)
                entry: Any = (
                    value
                    if reading.quality is Quality.GOOD
                    else {"value": value, "quality": reading.quality.value}
                )
                self.gateway.emit(self.device.key, reading.ts_ms, {point.name: entry})

    async def write(self, values: dict[str, Value]) -> dict[str, Value]:
        """Write values and read the points back; returns what the device now reports (and sends it)."""
        if self.session is None:
            raise DeviceUnreachable(f"device {self.device.key} is not connected")
        written = []
        for name, value in values.items():
            point = self.points.get(name)
            if point is None:
                raise InvalidInput(f"values.{name}", f"device {self.device.key} has no point {name!r}")
            await self.session.write(point, raw_for_write(point, value))
            written.append(point)
            self.health.writes += 1
        readings = await self.session.read(written)
        self.collect(readings, force=True)
        return {
            r.point: engineering(self.points[r.point], r.value)
            for r in readings
            if r.quality is not Quality.BAD
        }


class Gateway:
    def __init__(
        self,
        config: GatewayConfig,
        drivers: dict[str, DriverSpec],
        clock: Clock,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not cryptography
        self.buffer = DiskBuffer(
            config.buffer.path,
            max_messages=config.buffer.max_messages,
            max_bytes=config.buffer.max_bytes,
            clock=clock,
        )
        self.runners: dict[str, DeviceRunner] = {}
        for device in config.devices:
            spec = drivers.get(device.driver)
            if spec is None:
                raise InvalidInput(f"devices.{device.key}.driver", f"no driver {device.driver!r} installed")
            self.runners[device.key] = DeviceRunner(self, device, spec)
        self.uplink = Uplink(config, self.buffer, self.on_message, downlink_topics(config), self.rng)
        self._outbox: dict[str, dict[int, Record]] = defaultdict(dict)
        self._emitted = 0
        self._rate = 0.0

    def emit(self, device: str, ts_ms: int, values: Record) -> None:
        self._outbox[device].setdefault(ts_ms, {}).update(values)
        self._emitted += len(values)

    async def on_message(self, topic: str, payload: bytes) -> None:
        """Desired values and commands from the platform for one of the gateway's devices."""
        parts = topics.parse(topic)
        runner = self.runners.get(parts.device) if parts else None
        if parts is None or runner is None:
            return
        if parts.channel == "desired":
            await self._apply_desired(runner, orjson.loads(payload).get("values", {}))
        elif parts.channel == "commands":
            reply = await self._execute(runner, orjson.loads(payload))
            reply_topic = topics.topic(self.config.tenant, parts.device, "replies")
            await asyncio.to_thread(self.buffer.append, [(reply_topic, orjson.dumps(reply))])
            self.uplink.notify()

    async def _apply_desired(self, runner: DeviceRunner, values: dict[str, Value]) -> None:
        try:
            await runner.write(values)
        except LongchengError as err:
            runner.health.errors += 1
            runner.health.last_error = err.message
            log.warning("write to %s refused: %s", runner.device.key, err.message)

    async def _execute(self, runner: DeviceRunner, command: dict[str, Any]) -> dict[str, Any]:
        """A property write through the driver, read back; thing-model commands a driver cannot call fail."""
        reply: dict[str, Any] = {"id": command.get("id")}
        if command.get("kind") != "write":
            return reply | {
                "status": "failed",
                "error": f"driver {runner.spec.name!r} has no command {command.get('name')!r}",
            }
        try:
            result = await runner.write(dict(command.get("params") or {}))
        except LongchengError as err:
            runner.health.errors += 1
            return reply | {"status": "failed", "error": err.message}
        return reply | {"status": "succeeded", "result": result}

    def _messages(self) -> list[tuple[str, bytes]]:
        outbox, self._outbox = self._outbox, defaultdict(dict)
        messages = []
        for device, records in outbox.items():
            body = [{"ts": ts, "values": values} for ts, values in sorted(records.items())]
            messages.append((topics.telemetry_topic(self.config.tenant, device), orjson.dumps(body)))
        return messages

    async def _send_loop(self) -> None:
        while True:
            await asyncio.sleep(self.config.send_ms / 1000)
            await self.flush()

    async def flush(self) -> None:
        messages = self._messages()
        if messages:
            dropped = await asyncio.to_thread(self.buffer.append, messages)
            if dropped:
                log.warning("buffer full: dropped the %d oldest messages", dropped)
            self.uplink.notify()

    def health(self) -> dict[str, float | int]:
        runners = list(self.runners.values())
        return {
            "sessions_up": sum(r.health.connected for r in runners),
            "sessions_total": len(runners),
            "points_per_s": round(self._rate, 1),
            "buffer_depth": self.buffer.depth,
            "buffer_dropped": self.buffer.dropped,
            "errors": sum(r.health.errors for r in runners),
            "uplink_connected": int(self.uplink.connected),
        }

    async def _health_loop(self) -> None:
        last_count, last_at = 0, time.monotonic()
        while True:
            await asyncio.sleep(self.config.health_s)
            now = time.monotonic()
            self._rate = (self._emitted - last_count) / max(now - last_at, 1e-3)
            last_count, last_at = self._emitted, now
            self.emit(self.config.gateway, self.clock.now_ms(), dict(self.health()))

    async def run(self) -> None:
        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(self.uplink.run(), name="uplink")
                group.create_task(self._send_loop(), name="send")
                group.create_task(self._health_loop(), name="health")
                for key, runner in self.runners.items():
                    group.create_task(runner.run(), name=f"device:{key}")
        finally:
            await asyncio.shield(self.flush())
            self.buffer.close()


__all__ = ["DeviceHealth", "DeviceRunner", "Gateway"]
