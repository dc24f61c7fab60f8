"""A Sparkplug B host application session over aiomqtt: births, data, deaths, rebirths and commands.

The session subscribes to the group when it opens and follows every edge node of it (``host.HostState``),
whatever points are asked for, so a point's value is known from the birth certificate on. ``read(points)``
returns the latest value of each metric (MQTT has no request and response): ``Quality.UNCERTAIN`` while
none was seen, ``Quality.BAD`` after its node's NDEATH or its device's DDEATH, a null value, or an address
that does not parse. ``subscribe(points)`` yields those latest values, then every change. A seq gap, a DATA
before its BIRTH or an undeclared metric sends ``Node Control/Rebirth`` = true in an NCMD
(``stats.rebirths``). ``write(point, value)`` sends a DCMD (an NCMD for a node metric) with the metric's
name, alias and datatype from the birth certificate; the edge node shows the result in its next DATA.

A payload that is not Sparkplug B is counted (``stats.malformed``) and skipped; a lost connection raises
``DeviceUnreachable`` from every call, and the runtime connects anew.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Self

import aiomqtt
import orjson
from pydantic import BaseModel

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Quality, Value
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, Reading
from longcheng.drivers.sparkplug.client import mqtt_client, state_body
from longcheng.drivers.sparkplug.codec import (
    NAMESPACE,
    REBIRTH,
    MessageType,
    Metric,
    Payload,
    encode,
    parse_address,
    parse_topic,
    state_topic,
    topic,
)
from longcheng.drivers.sparkplug.config import SparkplugConfig
from longcheng.drivers.sparkplug.datatypes import ZERO, DataType, check_value, to_raw
from longcheng.drivers.sparkplug.fanout import Fanout
from longcheng.drivers.sparkplug.host import HostState, Update

log = logging.getLogger(__name__)


@dataclass(slots=True)
class SparkplugStats:
    """Counters: Sparkplug messages ``received``, ``readings`` delivered, ``malformed`` payloads skipped,
    ``bad_values`` that did not fit their point, ``rebirths`` requested, ``writes`` sent, readings
    ``dropped`` by a subscriber too slow to keep up."""

    received: int = 0
    readings: int = 0
    malformed: int = 0
    bad_values: int = 0
    rebirths: int = 0
    writes: int = 0
    dropped: int = 0


class SparkplugSession:
    """An open host-application connection to one broker, following one Sparkplug group."""

    def __init__(
        self, client: aiomqtt.Client, stack: contextlib.AsyncExitStack, config: SparkplugConfig, clock: Clock
    ) -> None:
        self.config = config
        self.stats = SparkplugStats()
        self.host = HostState(round(config.rebirth_holdoff_s * 1000))
        self._client, self._stack, self._clock = client, stack, clock
        self._state_topic = state_topic(config.host_id) if config.host_id else None
        self._updates: dict[str, Update] = {}  # address key -> latest update
        self._fanout = Fanout()
        self._lost: Exception | None = None
        self._closed = False
        self._pump_task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"SparkplugSession({self.config.host}:{self.config.port}, group {self.config.group_id})"

    async def start(self, state_ts_ms: int) -> None:
        """Subscribe to the group (and announce this host); ask the configured nodes to rebirth."""
        c = self.config
        nodes = c.edge_nodes or ("+",)
        filters = [f"{NAMESPACE}/{c.group_id}/+/{node}/#" for node in nodes]
        if self._state_topic is not None:
            filters.append(self._state_topic)
        try:
            await self._client.subscribe([(f, c.qos) for f in filters])
            if self._state_topic is not None:
                await self._publish_state(online=True, ts_ms=state_ts_ms)
        except aiomqtt.MqttError as err:
            raise DeviceUnreachable(f"{self!r}: subscribing failed: {err}") from err
        self._pump_task = asyncio.create_task(self._pump(), name=f"sparkplug:{c.group_id}")
        for node in c.edge_nodes:
            self.host.asked(node, self._clock.now_ms())
            await self._ask_rebirth(node, "the session opened")

    async def read(self, points: Sequence[PointSpec]) -> list[Reading]:
        self._check()
        now = self._clock.now_ms()
        readings = []
        for point in points:
            try:
                key = parse_address(point).key
            except PointRejected as err:
                log.warning("point %s of %r cannot be read: %s", point.name, self, err.reason)
                readings.append(Reading(point.name, ZERO[point.data_type], now, Quality.BAD))
                continue
            update = self._updates.get(key)
            if update is None:
                readings.append(Reading(point.name, ZERO[point.data_type], now, Quality.UNCERTAIN))
            else:
                readings.append(self._reading(point, update))
        return readings

    async def subscribe(self, points: Sequence[PointSpec]) -> AsyncIterator[Reading]:
        self._check()
        by_key: dict[str, list[PointSpec]] = {}
        for point in points:
            try:
                by_key.setdefault(parse_address(point).key, []).append(point)
            except PointRejected as err:
                log.warning("point %s of %r cannot be subscribed to: %s", point.name, self, err.reason)
        listener = self._fanout.add(by_key)
        try:
            for key, specs in by_key.items():
                if (update := self._updates.get(key)) is not None:
                    for point in specs:
                        yield self._reading(point, update)
            while True:
                reading = await listener.queue.get()
                if reading is None:
                    self._check()
                    return
                yield reading
        finally:
            self._fanout.discard(listener)

    async def write(self, point: PointSpec, value: Value) -> None:
        self._check()
        if point.access != "rw":
            raise PointRejected(point.name, f"{point.address} is read-only")
        address = parse_address(point)
        raw = to_raw(point.name, point.data_type, value)
        device = address.device or None
        definition = self.host.definition(address)
        if not self.host.online(address.edge_node, device):
            raise DeviceUnreachable(f"{self!r}: {address.edge_node}/{address.device} is offline or not born")
        if definition is None:
            raise PointRejected(point.name, f"the birth certificate declares no metric {address.metric!r}")
        try:
            checked = check_value(definition.datatype, raw, point.name)
        except InvalidInput as err:
            raise PointRejected(point.name, err.reason) from err
        now = self._clock.now_ms()
        metric = Metric(definition.name, definition.alias, definition.datatype, checked, timestamp=now)
        kind = MessageType.DCMD if device is not None else MessageType.NCMD
        target = topic(self.config.group_id, kind, address.edge_node, device)
        await self._send(target, encode(Payload(timestamp=now, metrics=(metric,))))
        self.stats.writes += 1
        log.debug("wrote %r to %s (%s) on %r", value, point.name, point.address, self)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._pump_task is not None:
            self._pump_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump_task
        self._fanout.wake()
        with contextlib.suppress(aiomqtt.MqttError):
            if self._state_topic is not None and self._lost is None:
                await self._publish_state(online=False, ts_ms=self._clock.now_ms())
            await self._stack.aclose()

    def _check(self) -> None:
        if self._lost is not None:
            raise DeviceUnreachable(f"{self!r}: the connection to the broker was lost: {self._lost}")
        if self._closed:
            raise DeviceUnreachable(f"{self!r} is closed")

    def _reading(self, point: PointSpec, update: Update) -> Reading:
        if update.value is None:
            return Reading(point.name, ZERO[point.data_type], update.ts_ms, Quality.BAD)
        try:
            value = to_raw(point.name, point.data_type, update.value)
        except PointRejected as err:
            log.debug("%r: %s", self, err.message)
            self.stats.bad_values += 1
            return Reading(point.name, ZERO[point.data_type], update.ts_ms, Quality.BAD)
        return Reading(point.name, value, update.ts_ms, Quality.GOOD if update.good else Quality.BAD)

    async def _send(self, target: str, body: bytes) -> None:
        try:
            await self._client.publish(target, body, qos=0)
        except aiomqtt.MqttError as err:
            raise DeviceUnreachable(f"{self!r}: publishing to {target} failed: {err}") from err

    async def _publish_state(self, *, online: bool, ts_ms: int) -> None:
        body = state_body(online=online, ts_ms=ts_ms)
        await self._client.publish(str(self._state_topic), body, qos=1, retain=True)

    async def _ask_rebirth(self, edge_node: str, reason: str) -> None:
        now = self._clock.now_ms()
        metric = Metric(REBIRTH, None, DataType.Boolean, True, timestamp=now)
        body = encode(Payload(timestamp=now, metrics=(metric,)))
        await self._send(topic(self.config.group_id, MessageType.NCMD, edge_node), body)
        self.stats.rebirths += 1
        log.info("%r asked edge node %s to rebirth: %s", self, edge_node, reason)

    async def _pump(self) -> None:
        try:
            async for message in self._client.messages:
                if isinstance(message.payload, bytes | bytearray):
                    await self._handle(message.topic.value, bytes(message.payload))
        except Exception as err:  # the connection lost, or a bug: no session may silently read nothing
            self._lost = err
            if isinstance(err, aiomqtt.MqttError | DeviceUnreachable):
                log.warning("%r lost the connection to the broker: %s", self, err)
            else:
                log.exception("%r stopped reading messages", self)
            self._fanout.wake()

    async def _handle(self, name: str, payload: bytes) -> None:
        if name == self._state_topic:
            await self._own_state(payload)
            return
        parsed = parse_topic(name)
        if parsed is None or parsed.group != self.config.group_id:
            return
        self.stats.received += 1
        outcome = self.host.handle(parsed, payload, self._clock.now_ms())
        if outcome.malformed:
            self.stats.malformed += 1
            log.debug("%r skipped a malformed payload on %s: %s", self, name, outcome.reason)
        for update in outcome.updates:
            self._deliver(update)
        if outcome.rebirth:
            await self._ask_rebirth(parsed.edge_node, outcome.reason)
        elif outcome.reason and not outcome.malformed:
            log.debug("%r on %s: %s", self, name, outcome.reason)

    async def _own_state(self, payload: bytes) -> None:
        """Another session's will (or an old one) said this host is offline: say it is online."""
        try:
            online = orjson.loads(payload).get("online")
        except (orjson.JSONDecodeError, AttributeError):
            online = None
        if online is False and not self._closed:
            await self._publish_state(online=True, ts_ms=self._clock.now_ms())

    def _deliver(self, update: Update) -> None:
        key = update.address.key
        previous = self._updates.get(key)
        if not update.good and update.value is None and previous is not None:
            update = Update(update.address, previous.value, update.ts_ms, False)  # dead: keep the last value
        self._updates[key] = update
        for listener, point in self._fanout.wanting(key):
            self.stats.dropped += listener.put(self._reading(point, update))
            self.stats.readings += 1


async def connect(config: BaseModel, *, clock: Clock | None = None) -> SparkplugSession:
    """Connect to the broker that ``config`` (a ``SparkplugConfig``) names and follow its group."""
    if not isinstance(config, SparkplugConfig):
        raise InvalidInput("connection", f"expected a Sparkplug configuration, got {type(config).__name__}")
    clock = clock or SystemClock()
    state_ts_ms = clock.now_ms()  # the STATE birth must carry the timestamp of the will
    stack = contextlib.AsyncExitStack()
    try:
        client = await stack.enter_async_context(mqtt_client(config, state_ts_ms))
    except (aiomqtt.MqttError, OSError) as err:
        raise DeviceUnreachable(
            f"cannot connect to the MQTT broker {config.host}:{config.port}: {err}"
        ) from err
    session = SparkplugSession(client, stack, config, clock)
    try:
        await session.start(state_ts_ms)
    except DeviceUnreachable:
        await session.close()
        raise
    log.debug("following Sparkplug group %s on %s:%d", config.group_id, config.host, config.port)
    return session


__all__ = ["SparkplugSession", "SparkplugStats", "connect"]
