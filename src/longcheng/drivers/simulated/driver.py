"""The simulated factory on MQTT: one client per device, each with its own credentials.

Every device publishes its telemetry every ``interval_s`` (the first publish staggered at random within the
interval, so thousands of devices do not publish in one burst), listens to its ``desired`` topic and applies
writable values to its physics. A lost connection is retried with exponential backoff and jitter.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import aiomqtt
import orjson

from longcheng.core.clock import Clock
from longcheng.core.errors import InvalidInput
from longcheng.core.logging import device_var, tenant_var
from longcheng.core.samples import Value
from longcheng.core.thing_model import Access
from longcheng.core.topics import desired_topic, telemetry_topic, topic
from longcheng.drivers.simulated.catalogue import SimulatedType
from longcheng.drivers.simulated.codec import decode_desired, encode_telemetry
from longcheng.drivers.simulated.physics import DeviceModel

log = logging.getLogger(__name__)

BACKOFF_FIRST_S = 0.5
BACKOFF_CAP_S = 30.0
SITE_UTC_OFFSET_S = 8 * 3600  # the simulated factory keeps China Standard Time for its daily cycles


@dataclass(frozen=True, slots=True)
class SimDevice:
    """One simulated device: its tenant's code, its key, its type and its MQTT credentials."""

    tenant: str
    key: str
    type: SimulatedType
    username: str
    password: str


@dataclass(slots=True)
class FactoryStats:
    """Counters of a running factory, shared by all its devices.

    ``reconnects`` counts every lost connection and failed connection attempt (each followed by a retry);
    ``connected`` is the number of devices connected now.
    """

    published: int = 0
    reconnects: int = 0
    connected: int = 0
    desired_applied: int = 0
    desired_rejected: int = 0


def backoff_delay(attempt: int, rng: random.Random) -> float:
    """Seconds to wait before reconnect ``attempt`` (1, 2, …): exponential, capped, with equal jitter."""
    ceiling = min(BACKOFF_CAP_S, BACKOFF_FIRST_S * 2.0 ** max(attempt - 1, 0))
    return ceiling / 2.0 + rng.uniform(0.0, ceiling / 2.0)


@dataclass(slots=True)
class _Factory:
    """What the devices share: connection details, the clock, the counters and the readiness signal."""

    host: str
    port: int
    interval_s: float
    clock: Clock
    stats: FactoryStats
    ready: asyncio.Event
    waiting: set[str] = field(default_factory=set)  # usernames not yet connected once

    def connected(self, device: SimDevice) -> None:
        self.stats.connected += 1
        self.waiting.discard(device.username)
        if not self.waiting:
            self.ready.set()


class _Device:
    """One device at run time: its physics and the instant of its last step."""

    def __init__(self, device: SimDevice, factory: _Factory, rng: random.Random) -> None:
        self.device = device
        self.factory = factory
        self.rng = rng
        self.last_ms = factory.clock.now_ms()
        time_of_day = (self.last_ms // 1000 + SITE_UTC_OFFSET_S) % 86_400
        self.model: DeviceModel = device.type.new_model(rng, time_of_day_s=float(time_of_day))
        self.specs = device.type.thing_model.property_map()
        self.failures = 0

    async def run(self) -> None:
        """Connect, publish and listen until cancelled; reconnect whenever the connection is lost."""
        tenant_var.set(self.device.tenant)
        device_var.set(self.device.key)
        while True:
            try:
                await self._session()
            except* aiomqtt.MqttError as group:
                self.failures += 1
                self.factory.stats.reconnects += 1
                delay = backoff_delay(self.failures, self.rng)
                log.warning(
                    "MQTT connection lost or refused (%s); retrying in %.1f s", group.exceptions[0], delay
                )
                await asyncio.sleep(delay)

    async def _session(self) -> None:
        dev = self.device
        async with aiomqtt.Client(
            self.factory.host,
            self.factory.port,
            identifier=dev.username,
            username=dev.username,
            password=dev.password,
        ) as client:
            await client.subscribe(desired_topic(dev.tenant, dev.key), qos=1)
            await client.subscribe(topic(dev.tenant, dev.key, "commands"), qos=1)
            self.failures = 0
            self.factory.connected(dev)
            try:
                async with asyncio.TaskGroup() as group:
                    group.create_task(self._listen(client))
                    group.create_task(self._publish(client))
            finally:
                self.factory.stats.connected -= 1

    async def _publish(self, client: aiomqtt.Client) -> None:
        loop = asyncio.get_running_loop()
        interval = self.factory.interval_s
        deadline = loop.time() + self.rng.uniform(0.0, interval)
        topic = telemetry_topic(self.device.tenant, self.device.key)
        while True:
            await asyncio.sleep(max(0.0, deadline - loop.time()))
            await client.publish(topic, self.telemetry(), qos=0)
            self.factory.stats.published += 1
            deadline = max(deadline + interval, loop.time())

    def telemetry(self) -> bytes:
        """Advance the physics to the clock's now and encode the values."""
        now_ms = self.factory.clock.now_ms()
        values = self.model.step(max(0, now_ms - self.last_ms) / 1000.0)
        self.last_ms = max(self.last_ms, now_ms)
        return encode_telemetry(now_ms, values)

    async def _listen(self, client: aiomqtt.Client) -> None:
        async for message in client.messages:
            payload = message.payload if isinstance(message.payload, bytes) else b""
            if str(message.topic).endswith("/commands"):
                reply = self.execute(payload)
                await client.publish(topic(self.device.tenant, self.device.key, "replies"), reply, qos=1)
                await client.publish(
                    telemetry_topic(self.device.tenant, self.device.key), self.telemetry(), qos=0
                )
            else:
                self.apply_desired(payload)

    def execute(self, payload: bytes) -> bytes:
        """Carry out a platform command (a property write, or start/stop/set_<x>) and encode the reply
        with the values read back from the physics."""
        try:
            command = orjson.loads(payload)
            writes = self._writes_of(command)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as err:
            return orjson.dumps({"id": _command_id(payload), "status": "failed", "error": str(err)})
        problems = {name: p for name, value in writes.items() if (p := self._apply_one(name, value))}
        if problems:
            return orjson.dumps(
                {
                    "id": command["id"],
                    "status": "failed",
                    "error": "; ".join(f"{k}: {v}" for k, v in problems.items()),
                }
            )
        now = self.model.step(0.0)
        return orjson.dumps(
            {"id": command["id"], "status": "succeeded", "result": {name: now.get(name) for name in writes}}
        )

    def _writes_of(self, command: dict[str, Any]) -> dict[str, Value]:
        """The property writes a command stands for on this simulated device."""
        params: dict[str, Value] = command.get("params") or {}
        if command["kind"] == "write":
            return params
        name = str(command["name"])
        if name in ("start", "stop"):
            return {"running": name == "start"}
        if name.startswith("set_") and len(params) == 1:
            word = name.removeprefix("set_").split("_")[0]
            target = next(
                (
                    p
                    for p, spec in self.specs.items()
                    if spec.access is Access.READ_WRITE and p != "running" and p.startswith(word)
                ),
                None,
            )
            if target is not None:
                return {target: next(iter(params.values()))}
        raise ValueError(f"the simulated device does not implement command {name!r}")

    def apply_desired(self, payload: bytes) -> None:
        """Apply the writable values of a desired message; log and skip everything else."""
        stats = self.factory.stats
        try:
            values = decode_desired(payload)
        except InvalidInput as err:
            stats.desired_rejected += 1
            log.warning("desired message refused: %s", err.message)
            return
        for name, value in values.items():
            problem = self._apply_one(name, value)
            if problem is None:
                stats.desired_applied += 1
                log.info("desired %s = %r applied", name, value)
            else:
                stats.desired_rejected += 1
                log.warning("desired value for %s ignored: %s", name, problem)

    def _apply_one(self, name: str, value: Value) -> str | None:
        """Apply one desired value; return why it was refused, or None."""
        spec = self.specs.get(name)
        if spec is None or spec.access is not Access.READ_WRITE:
            return "not a writable property of this device type"
        coerced, _, detail = spec.check(value)
        if coerced is None:
            return detail
        try:
            self.model.apply(name, coerced)
        except InvalidInput as err:
            return err.reason
        return None


async def run_factory(
    devices: Sequence[SimDevice],
    host: str,
    port: int,
    *,
    interval_s: float,
    seed: int,
    clock: Clock,
    ready: asyncio.Event | None = None,
    stats: FactoryStats | None = None,
) -> None:
    """Run ``devices`` against the broker at ``host:port`` until cancelled.

    ``ready`` is set once every device has connected and subscribed; ``stats`` receives the counters.
    Each device draws its randomness from its own generator seeded by ``seed``, its tenant and its key.
    """
    if interval_s <= 0:
        raise ValueError(f"interval_s must be positive, got {interval_s}")
    factory = _Factory(
        host=host,
        port=port,
        interval_s=interval_s,
        clock=clock,
        stats=stats if stats is not None else FactoryStats(),
        ready=ready if ready is not None else asyncio.Event(),
        waiting={d.username for d in devices},
    )
    # one generator per device, so a device's run does not depend on the others (simulation, not crypto)
    runners = [_Device(d, factory, random.Random(f"{seed}:{d.tenant}:{d.key}")) for d in devices]  # noqa: S311
    log.info("simulated factory: %d devices on %s:%d every %.3g s", len(runners), host, port, interval_s)
    if not runners:
        factory.ready.set()
        await asyncio.Event().wait()  # nothing to run: idle until cancelled
        return
    async with asyncio.TaskGroup() as group:
        for runner in runners:
            group.create_task(runner.run(), name=f"sim:{runner.device.username}")


__all__ = ["FactoryStats", "SimDevice", "backoff_delay", "run_factory"]


def _command_id(payload: bytes) -> int | None:
    try:
        return int(orjson.loads(payload)["id"])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
