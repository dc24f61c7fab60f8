"""A simulated Sparkplug B edge node: a CNC machine and a motor (``simulated.physics``) on an MQTT broker.

A real edge node over aiomqtt, in group ``group`` as ``edge_node`` with devices ``cnc1``
(``CncMachine``) and ``motor1`` (``Motor``). On each connection it registers NDEATH (with that
connection's ``bdSeq``) as its MQTT will, publishes NBIRTH (``bdSeq``, ``Node Control/Rebirth``,
``Node Info/Model``) and a DBIRTH per device with every metric's name, alias, datatype and value, then a
DDATA per device every ``interval_s`` by alias only. It obeys ``Node Control/Rebirth`` (NCMD) and writes
of the writable metrics (DCMD: setpoints and ``running``), publishing a DDATA at once after a write. A
graceful ``stop()`` publishes NDEATH itself; a lost connection is retried every ``RETRY_S`` with the next
bdSeq. ``skip_seq()`` and ``device_death()`` let tests lose messages and devices.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
from dataclasses import dataclass
from typing import Any, Self

import aiomqtt

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.errors import BackendError, InvalidInput
from longcheng.core.samples import Value
from longcheng.drivers.base import PointSpec, RawType
from longcheng.drivers.simulated.physics import NOISE, CncMachine, DeviceModel, Motor
from longcheng.drivers.sparkplug.codec import (
    BD_SEQ,
    REBIRTH,
    MessageType,
    Metric,
    Payload,
    decode,
    encode,
    parse_topic,
    topic,
)
from longcheng.drivers.sparkplug.config import SparkplugConfig
from longcheng.drivers.sparkplug.datatypes import RAW_TYPES, DataType

log = logging.getLogger(__name__)

RETRY_S = 0.5
MODEL = "Node Info/Model"
NODE_METRICS = {BD_SEQ: DataType.UInt64, REBIRTH: DataType.Boolean, MODEL: DataType.String}
DATATYPES = {  # what is not a Double, a String or a Boolean
    "part_count": DataType.UInt32,
    "spindle_load": DataType.Float,
    "feed_override": DataType.Float,
    "vibration": DataType.Float,
}


@dataclass(slots=True)
class EdgeStats:
    connections: int = 0
    births: int = 0
    rebirths: int = 0
    data: int = 0
    commands: int = 0
    commands_rejected: int = 0


def _datatype(name: str, value: Value) -> DataType:
    if name in DATATYPES:
        return DATATYPES[name]
    if isinstance(value, bool):
        return DataType.Boolean
    return DataType.String if isinstance(value, str) else DataType.Double


def _catalogue(devices: dict[str, DeviceModel]) -> dict[str, dict[str, tuple[int, DataType]]]:
    aliases = itertools.count(1)  # unique across the node and its devices
    catalogue = {"": {name: (next(aliases), datatype) for name, datatype in NODE_METRICS.items()}}
    for device, model in devices.items():
        values = sorted(model.step(0.0).items())
        catalogue[device] = {name: (next(aliases), _datatype(name, value)) for name, value in values}
    return catalogue


class SparkplugEdgeNode:
    """The edge node as an MQTT client of the broker at ``host:port``; an async context manager."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 1883,
        *,
        group: str = "longcheng",
        edge_node: str = "sim-edge",
        interval_s: float = 1.0,
        seed: int = 42,
        noise: float = NOISE,
        clock: Clock | None = None,
    ) -> None:
        if not interval_s > 0:
            raise InvalidInput("interval_s", "must be a positive number of seconds")
        self.host, self.port, self.group = host, port, group
        self.edge_node, self.interval_s = edge_node, interval_s
        self.clock = clock or SystemClock()
        rng = random.Random(seed)  # noqa: S311 - simulation, not cryptography
        self.devices: dict[str, DeviceModel] = {
            "cnc1": CncMachine(rng, noise=noise),
            "motor1": Motor(rng, noise=noise),
        }
        self.bd_seq = 0  # of the current (or next) connection
        self.seq = 0
        self.stats = EdgeStats()
        self.dead: set[str] = set()
        self.metrics = _catalogue(self.devices)  # device ("" for the node) -> name -> (alias, datatype)
        self._last_ms = self.clock.now_ms()
        self._client: aiomqtt.Client | None = None
        self._lock = asyncio.Lock()
        self._connected = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def writable(self, device: str) -> set[str]:
        model = self.devices[device]
        return set(model.setpoints) | ({"running"} if model.switchable else set())

    def points(self) -> tuple[PointSpec, ...]:
        """Every device metric as a point named ``{device}_{metric}``, and the node's model."""
        node = PointSpec(name="node_model", address=f"{self.edge_node}//{MODEL}", data_type=RawType.STRING)
        return node, *(
            PointSpec(
                name=f"{device}_{name}",
                address=f"{self.edge_node}/{device}/{name}",
                data_type=RAW_TYPES[datatype],
                access="rw" if name in self.writable(device) else "r",
            )
            for device in self.devices
            for name, (_, datatype) in self.metrics[device].items()
        )

    def config(self, **overrides: Any) -> SparkplugConfig:
        """A host application's connection to this node's group."""
        return SparkplugConfig(**({"host": self.host, "port": self.port, "group_id": self.group} | overrides))

    def skip_seq(self, count: int = 1) -> None:
        """Lose ``count`` messages: the next one carries a seq that many too far."""
        self.seq = (self.seq + count) % 256

    def _next_seq(self) -> int:
        self.seq = (self.seq + 1) % 256
        return self.seq

    def _death(self) -> bytes:
        return encode(
            Payload(self.clock.now_ms(), None, (Metric(BD_SEQ, None, DataType.UInt64, self.bd_seq),))
        )

    def _birth_metrics(self, device: str, values: dict[str, Value]) -> tuple[Metric, ...]:
        return tuple(Metric(n, a, t, values[n]) for n, (a, t) in self.metrics[device].items())

    async def _publish(self, kind: MessageType, device: str | None, payload: Payload) -> None:
        client = self._client
        if client is None:
            raise aiomqtt.MqttError("not connected")
        await client.publish(topic(self.group, kind, self.edge_node, device), encode(payload), qos=0)

    async def births(self) -> None:
        """NBIRTH (seq 0) and a DBIRTH per device, all devices alive again."""
        async with self._lock:
            now = self.clock.now_ms()
            self.seq, self.dead = 0, set()
            node: dict[str, Value] = {BD_SEQ: self.bd_seq, REBIRTH: False, MODEL: "LC-EDGE-SIM"}
            await self._publish(MessageType.NBIRTH, None, Payload(now, 0, self._birth_metrics("", node)))
            for device, model in self.devices.items():
                metrics = self._birth_metrics(device, model.step(0.0))
                await self._publish(MessageType.DBIRTH, device, Payload(now, self._next_seq(), metrics))
            self.stats.births += 1

    async def publish_data(self, devices: tuple[str, ...] | None = None) -> None:
        """Advance the physics to the clock's now and publish a DDATA per living device, by alias."""
        async with self._lock:
            now = self.clock.now_ms()
            dt_s = max(0, now - self._last_ms) / 1000.0
            self._last_ms = max(self._last_ms, now)
            for device, model in self.devices.items():
                values = model.step(dt_s)
                if device in self.dead or (devices is not None and device not in devices):
                    continue
                metrics = tuple(Metric(None, a, t, values[n]) for n, (a, t) in self.metrics[device].items())
                await self._publish(MessageType.DDATA, device, Payload(now, self._next_seq(), metrics))
                self.stats.data += 1

    async def device_death(self, device: str) -> None:
        """The device goes away (DDEATH); it comes back with the next births."""
        async with self._lock:
            self.dead.add(device)
            await self._publish(MessageType.DDEATH, device, Payload(self.clock.now_ms(), self._next_seq()))

    async def command(self, name: str, payload: bytes) -> None:
        """Carry out an NCMD or DCMD that arrived on topic ``name``."""
        parsed = parse_topic(name)
        if parsed is None:
            return
        self.stats.commands += 1
        device = parsed.device or ""
        metrics = self.metrics.get(device, {})
        datatypes = {n: t for n, (_, t) in metrics.items()} | {f"#{a}": t for a, t in metrics.values()}
        try:
            command = decode(payload, datatypes)
        except InvalidInput as err:
            self.stats.commands_rejected += 1
            log.info("edge node %s refused a command: %s", self.edge_node, err.reason)
            return
        if not device:
            if any(m.name == REBIRTH and m.value is True for m in command.metrics):
                self.stats.rebirths += 1
                await self.births()
            return
        if device not in self.devices:
            self.stats.commands_rejected += 1
            return
        if self._apply(device, command) and device not in self.dead:
            await self.publish_data((device,))

    def _apply(self, device: str, command: Payload) -> bool:
        by_alias = {a: n for n, (a, _) in self.metrics.get(device, {}).items()}
        applied = False
        for metric in command.metrics:
            name = metric.name if metric.name is not None else by_alias.get(metric.alias or -1)
            try:
                if name not in self.writable(device) or metric.value is None:
                    raise InvalidInput(str(name), "not a writable metric of this device")
                self.devices[device].apply(name, metric.value)
                applied = True
            except InvalidInput as err:
                self.stats.commands_rejected += 1
                log.info("edge node %s refused %s on %s: %s", self.edge_node, name, device, err.reason)
        return applied

    async def start(self, timeout_s: float = 10.0) -> None:
        """Connect (waiting up to ``timeout_s`` for the broker), be born and start publishing."""
        self._task = asyncio.create_task(self._run(), name=f"sparkplug-sim:{self.edge_node}")
        try:
            await asyncio.wait_for(self._connected.wait(), timeout_s)
        except TimeoutError as err:
            await self.stop(graceful=False)
            raise BackendError(
                f"simulated edge node cannot reach the broker {self.host}:{self.port}"
            ) from err

    async def stop(self, *, graceful: bool = True) -> None:
        """Stop; ``graceful`` publishes NDEATH first, as an edge node going offline on purpose does."""
        if graceful and self._client is not None:
            with contextlib.suppress(aiomqtt.MqttError):
                await self._client.publish(
                    topic(self.group, MessageType.NDEATH, self.edge_node), self._death(), qos=1
                )
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
        attempts = 0
        while True:
            if attempts:
                self.bd_seq = (self.bd_seq + 1) % 256  # a new bdSeq for every new MQTT CONNECT
            attempts += 1
            will = aiomqtt.Will(topic(self.group, MessageType.NDEATH, self.edge_node), self._death(), qos=1)
            try:
                async with aiomqtt.Client(
                    self.host, self.port, identifier=f"sim-{self.edge_node}", will=will
                ) as client:
                    await client.subscribe(f"spBv1.0/{self.group}/NCMD/{self.edge_node}", qos=0)
                    await client.subscribe(f"spBv1.0/{self.group}/DCMD/{self.edge_node}/+", qos=0)
                    self._client = client
                    self.stats.connections += 1
                    await self.births()
                    self._connected.set()
                    async with asyncio.TaskGroup() as group:
                        group.create_task(self._ticker())
                        group.create_task(self._listen(client))
            except* aiomqtt.MqttError as errors:
                log.info("edge node %s lost the broker (%s); retrying", self.edge_node, errors.exceptions[0])
            finally:
                self._client = None
            await asyncio.sleep(RETRY_S)

    async def _ticker(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            await self.publish_data()

    async def _listen(self, client: aiomqtt.Client) -> None:
        async for message in client.messages:
            if isinstance(message.payload, bytes):
                await self.command(message.topic.value, message.payload)


__all__ = ["DATATYPES", "MODEL", "NODE_METRICS", "RETRY_S", "EdgeStats", "SparkplugEdgeNode"]
