"""MQTT brokers the platform ingests from: the embedded one (default) and an external one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

MessageSink = Callable[[str, bytes], Awaitable[None]]


class Broker(Protocol):
    """What the platform needs of a broker: start delivering to the sink, publish downlink, stop."""

    async def start(self) -> None: ...

    async def publish(self, topic: str, payload: bytes, qos: int = 1) -> None: ...

    async def stop(self) -> None: ...

    @property
    def endpoint(self) -> str: ...


__all__ = ["Broker", "MessageSink"]
