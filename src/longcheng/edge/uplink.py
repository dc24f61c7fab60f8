"""The gateway's MQTT link to the platform, behind the disk buffer.

Everything the gateway sends is first appended to the ``DiskBuffer``; this task drains the buffer in
order, a window of messages at a time, publishing at QoS 1 and removing them only once the platform has
acknowledged all of them. When the platform is unreachable the buffer simply grows (bounded, see
``buffer.py``) and is replayed in order on reconnect. A window interrupted by a lost connection is sent
again: delivery is at least once, and the platform stores a (device, property, timestamp) sample once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable, Sequence

import aiomqtt

from longcheng.core import topics
from longcheng.edge.buffer import DiskBuffer
from longcheng.edge.config import GatewayConfig

log = logging.getLogger(__name__)

MessageHandler = Callable[[str, bytes], Awaitable[None]]


def backoff_s(attempt: int, rng: random.Random, cap_s: float = 30.0) -> float:
    """Exponential backoff with full jitter: 0.5 s, 1 s, 2 s, … up to ``cap_s``."""
    return rng.uniform(0.5, max(0.5, min(cap_s, 0.5 * 2 ** max(0, attempt - 1))))


class Uplink:
    def __init__(
        self,
        config: GatewayConfig,
        buffer: DiskBuffer,
        on_message: MessageHandler,
        subscriptions: Sequence[str],
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.buffer = buffer
        self.on_message = on_message
        self.subscriptions = list(subscriptions)
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not cryptography
        self.connected = False
        self.sent = 0
        self.reconnects = 0
        self._wake = asyncio.Event()

    def notify(self) -> None:
        """New messages are in the buffer."""
        self._wake.set()

    async def run(self) -> None:
        attempt = 0
        up = self.config.uplink
        while True:
            try:
                async with aiomqtt.Client(
                    up.host,
                    up.port,
                    identifier=self.config.username,
                    username=self.config.username,
                    password=up.password,
                    keepalive=up.keepalive_s,
                ) as client:
                    self.connected, attempt = True, 0
                    log.info("uplink connected to %s:%d", up.host, up.port)
                    for topic in self.subscriptions:
                        await client.subscribe(topic, qos=1)
                    async with asyncio.TaskGroup() as group:
                        group.create_task(self._drain(client))
                        group.create_task(self._receive(client))
            except* (aiomqtt.MqttError, OSError) as errors:
                attempt += 1
                self.reconnects += 1
                delay = backoff_s(attempt, self.rng)
                log.warning(
                    "uplink to %s:%d lost (%s); retrying in %.1f s",
                    up.host,
                    up.port,
                    errors.exceptions[0],
                    delay,
                )
                self.connected = False
                await asyncio.sleep(delay)

    async def _drain(self, client: aiomqtt.Client) -> None:
        window, qos = self.config.uplink.window, self.config.uplink.qos
        while True:
            batch = await asyncio.to_thread(self.buffer.peek, window)
            if not batch:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=0.5)
                continue
            await asyncio.gather(*(client.publish(m.topic, m.payload, qos=qos) for m in batch))
            await asyncio.to_thread(self.buffer.ack, batch[-1].id)
            self.sent += len(batch)

    async def _receive(self, client: aiomqtt.Client) -> None:
        async for message in client.messages:
            payload = message.payload
            body = payload if isinstance(payload, bytes) else str(payload).encode()
            try:
                await self.on_message(str(message.topic), body)
            except Exception:
                log.exception("handling %s failed", message.topic)


def downlink_topics(config: GatewayConfig) -> list[str]:
    """The downlink topics of the gateway's devices (the platform's ACL lets a gateway read exactly these)."""
    return [
        topics.topic(config.tenant, d.key, channel)
        for d in config.devices
        for channel in sorted(topics.DOWN_CHANNELS)
    ]


__all__ = ["Uplink", "backoff_s", "downlink_topics"]
