"""A real MQTT broker (amqtt, anonymous) on a free loopback port, restartable for the reconnect tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from amqtt.broker import Broker

from support import free_port


class LocalBroker:
    """amqtt on ``127.0.0.1:port`` with anonymous logins; ``stop()``, then ``start()`` on the same port."""

    def __init__(self, port: int) -> None:
        self.host, self.port = "127.0.0.1", port
        self._broker: Broker | None = None

    async def start(self) -> None:
        self._broker = Broker(
            {
                "listeners": {"default": {"type": "tcp", "bind": f"{self.host}:{self.port}"}},
                "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}},
            }
        )
        await self._broker.start()

    async def stop(self) -> None:
        """Shut down; a test should stop only a quiet broker: on Python 3.11, a packet arriving while amqtt
        0.12 cancels a connection's reader can leave the shutdown waiting forever (``asyncio.wait_for``
        swallowing the cancellation), hence the time limit, which turns such a hang into a failure."""
        broker, self._broker = self._broker, None
        if broker is not None:
            async with asyncio.timeout(10):
                await broker.shutdown()


@pytest.fixture
async def broker() -> AsyncIterator[LocalBroker]:
    running = LocalBroker(free_port())
    await running.start()
    yield running
    await running.stop()
