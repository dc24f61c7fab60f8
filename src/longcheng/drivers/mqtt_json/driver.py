"""An MQTT JSON session over aiomqtt: the gateway subscribes to a device's topics on the device's broker.

MQTT has no request and response, so ``read(points)`` cannot ask the device: it subscribes to the points'
topics (the first time) and returns the latest value *seen* of each point, ``Quality.UNCERTAIN`` (with the
type's zero) while nothing has been seen yet, ``Quality.BAD`` for a point whose address does not parse. A
retained message, if the device publishes with retain, arrives right after the subscription.
``subscribe(points)`` yields the latest values already seen, then every new reading as messages arrive.
``write(point, value)`` publishes a JSON body to the point's write topic (``codec``) with the config's QoS:
the broker acknowledges it, the device does not, so the write shows in the device's next messages.

A payload that is not JSON or not of the expected shape is counted (``stats.malformed``) and skipped, a
value that does not fit its point is counted (``stats.bad_values``) and skipped; neither ends the session.
A lost connection does: every call then raises ``DeviceUnreachable`` and the runtime connects anew.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import ssl
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Self

import aiomqtt
from pydantic import BaseModel

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Quality, Value
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, Reading
from longcheng.drivers.mqtt_json.codec import ZERO, JsonPoint, coerce, decode_message, parse_point, write_body
from longcheng.drivers.mqtt_json.config import MqttJsonConfig

log = logging.getLogger(__name__)

QUEUE_SIZE = 10_000  # readings a subscriber may lag behind before the oldest are dropped


@dataclass(slots=True)
class MqttJsonStats:
    """Counters of a session: messages ``received`` on the points' topics, ``readings`` decoded from them,
    ``malformed`` messages or records skipped, ``bad_values`` skipped, readings ``dropped`` by a subscriber
    too slow to keep up, and ``writes`` published."""

    received: int = 0
    readings: int = 0
    malformed: int = 0
    bad_values: int = 0
    dropped: int = 0
    writes: int = 0


class _Listener:
    __slots__ = ("names", "queue")

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self.queue: asyncio.Queue[Reading | None] = asyncio.Queue(QUEUE_SIZE)


class MqttJsonSession:
    """An open connection to one broker, reading one device's points from their topics."""

    def __init__(
        self, client: aiomqtt.Client, stack: contextlib.AsyncExitStack, config: MqttJsonConfig, clock: Clock
    ) -> None:
        self.config = config
        self.stats = MqttJsonStats()
        self._client, self._stack, self._clock = client, stack, clock
        self._routes: dict[str, dict[str, JsonPoint]] = {}  # topic -> point name -> point
        self._subscribed: set[str] = set()
        self._latest: dict[str, Reading] = {}
        self._listeners: set[_Listener] = set()
        self._lock = asyncio.Lock()
        self._lost: Exception | None = None
        self._closed = False
        self._pump_task = asyncio.create_task(self._pump(), name=f"mqtt_json:{config.host}:{config.port}")

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"MqttJsonSession({self.config.host}:{self.config.port}, {self.config.format})"

    async def read(self, points: Sequence[PointSpec]) -> list[Reading]:
        parsed = await self._ensure(points)
        now = self._clock.now_ms()
        readings = []
        for point in points:
            seen = self._latest.get(point.name)
            if point.name not in parsed:
                readings.append(Reading(point.name, ZERO[point.data_type], now, Quality.BAD))
            elif seen is None:
                readings.append(Reading(point.name, ZERO[point.data_type], now, Quality.UNCERTAIN))
            else:
                readings.append(seen)
        return readings

    async def subscribe(self, points: Sequence[PointSpec]) -> AsyncIterator[Reading]:
        listener = _Listener(frozenset(p.name for p in points))
        self._listeners.add(listener)  # before subscribing: a retained message may come at once
        try:
            await self._ensure(points)
            for point in points:
                if (seen := self._latest.get(point.name)) is not None:
                    yield seen
            while True:
                reading = await listener.queue.get()
                if reading is None:
                    self._check()
                    return
                yield reading
        finally:
            self._listeners.discard(listener)

    async def write(self, point: PointSpec, value: Value) -> None:
        self._check()
        if point.access != "rw":
            raise PointRejected(point.name, f"{point.address} is read-only")
        target = self._parse(point)
        body = write_body(self.config.format, target, coerce(point.name, point.data_type, value), self._now())
        try:
            await self._client.publish(target.write_topic, body, qos=self.config.qos)
        except aiomqtt.MqttError as err:
            raise DeviceUnreachable(f"{self!r}: publishing to {target.write_topic} failed: {err}") from err
        self.stats.writes += 1
        log.debug("wrote %r to %s on %s (%r)", value, point.name, target.write_topic, self)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._pump_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._pump_task
        self._wake_listeners()
        with contextlib.suppress(aiomqtt.MqttError):
            await self._stack.aclose()

    def _now(self) -> int:
        return self._clock.now_ms()

    def _parse(self, point: PointSpec) -> JsonPoint:
        c = self.config
        return parse_point(point, c.format, tenant=c.tenant, device=c.device)

    def _check(self) -> None:
        if self._lost is not None:
            raise DeviceUnreachable(f"{self!r}: the connection to the broker was lost: {self._lost}")
        if self._closed:
            raise DeviceUnreachable(f"{self!r} is closed")

    async def _ensure(self, points: Sequence[PointSpec]) -> dict[str, JsonPoint]:
        """Route the points' topics to them and subscribe to the topics not subscribed yet."""
        self._check()
        parsed: dict[str, JsonPoint] = {}
        for point in points:
            try:
                parsed[point.name] = target = self._parse(point)
            except PointRejected as err:
                log.warning("point %s of %r cannot be read: %s", point.name, self, err.reason)
                continue
            self._routes.setdefault(target.topic, {})[point.name] = target
        async with self._lock:
            topics = sorted({p.topic for p in parsed.values()} - self._subscribed)
            if topics:
                try:
                    await self._client.subscribe([(t, self.config.qos) for t in topics])
                except aiomqtt.MqttError as err:
                    raise DeviceUnreachable(f"{self!r}: subscribing to {topics} failed: {err}") from err
                self._subscribed.update(topics)
                log.debug("%r subscribed to %s", self, topics)
        return parsed

    async def _pump(self) -> None:
        try:
            async for message in self._client.messages:
                if isinstance(message.payload, bytes | bytearray):
                    self._handle(message.topic.value, bytes(message.payload))
        except Exception as err:  # the connection lost, or a bug: no session may silently read nothing
            self._lost = err
            if isinstance(err, aiomqtt.MqttError):
                log.warning("%r lost the connection to the broker: %s", self, err)
            else:
                log.exception("%r stopped reading messages", self)
            self._wake_listeners()

    def _handle(self, topic: str, payload: bytes) -> None:
        route = self._routes.get(topic)
        if not route:
            return
        self.stats.received += 1
        c = self.config
        decoded = decode_message(
            c.format,
            list(route.values()),
            payload,
            self._now(),
            timestamp_path=c.timestamp_path,
            timestamp_unit=c.timestamp_unit,
        )
        if decoded.problems:
            self.stats.malformed += decoded.malformed
            self.stats.bad_values += decoded.bad_values
            log.debug("%r skipped parts of a message on %s: %s", self, topic, "; ".join(decoded.problems[:5]))
        for reading in decoded.readings:
            self._deliver(reading)

    def _deliver(self, reading: Reading) -> None:
        self._latest[reading.point] = reading
        self.stats.readings += 1
        for listener in self._listeners:
            if reading.point not in listener.names:
                continue
            if listener.queue.full():
                listener.queue.get_nowait()
                self.stats.dropped += 1
            listener.queue.put_nowait(reading)

    def _wake_listeners(self) -> None:
        for listener in self._listeners:
            if listener.queue.full():
                listener.queue.get_nowait()
            listener.queue.put_nowait(None)


def _client(config: MqttJsonConfig) -> aiomqtt.Client:
    tls = None
    if config.tls:
        try:
            tls = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
        except OSError as err:  # ssl.SSLError is an OSError
            raise InvalidInput("ca_file", f"cannot load the CA certificates: {err}") from err
    return aiomqtt.Client(
        config.host,
        config.port,
        identifier=config.client_id or f"longcheng-{secrets.token_hex(6)}",
        username=config.username,
        password=config.password.get_secret_value() if config.password else None,
        keepalive=config.keepalive_s,
        timeout=config.timeout_s,
        tls_context=tls,
    )


async def connect(config: BaseModel, *, clock: Clock | None = None) -> MqttJsonSession:
    """Connect to the broker that ``config`` (a ``MqttJsonConfig``) names."""
    if not isinstance(config, MqttJsonConfig):
        raise InvalidInput("connection", f"expected an MQTT JSON configuration, got {type(config).__name__}")
    stack = contextlib.AsyncExitStack()
    try:
        client = await stack.enter_async_context(_client(config))
    except (aiomqtt.MqttError, OSError) as err:
        raise DeviceUnreachable(
            f"cannot connect to the MQTT broker {config.host}:{config.port}: {err}"
        ) from err
    log.debug("connected to the MQTT broker %s:%d", config.host, config.port)
    return MqttJsonSession(client, stack, config, clock or SystemClock())


__all__ = ["QUEUE_SIZE", "MqttJsonSession", "MqttJsonStats", "connect"]
