"""An external MQTT broker (Mosquitto, EMQX): the platform subscribes to every device's telemetry and
command replies.

The broker itself must enforce that a device publishes only under its own prefix; for Mosquitto that is
``pattern write lc/v1/%u/+`` with usernames ``{tenant}/{device}`` (docs/deploy/mqtt.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from urllib.parse import urlsplit

import aiomqtt

from longcheng.core import topics
from longcheng.core.errors import BackendError
from longcheng.ingest.broker import MessageSink

log = logging.getLogger(__name__)


class ExternalBroker:
    def __init__(self, url: str, sink: MessageSink | None, client_id: str = "longcheng-ingest") -> None:
        """With ``sink`` None the link only publishes (downlink for a process that does not ingest)."""
        parts = urlsplit(url)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 1883
        self._username = parts.username
        self._password = parts.password
        self._client_id = client_id
        self._sink = sink
        self._client: aiomqtt.Client | None = None
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    @property
    def endpoint(self) -> str:
        return f"mqtt://{self._host}:{self._port}"

    async def start(self, timeout_s: float = 30.0) -> None:
        self._task = asyncio.create_task(self._run(), name="external-mqtt")
        try:
            await asyncio.wait_for(self._ready.wait(), timeout=timeout_s)
        except TimeoutError as err:
            await self.stop()
            raise BackendError(f"cannot reach the MQTT broker at {self.endpoint}") from err

    async def _run(self) -> None:
        backoff = 1.0
        while True:
            try:
                async with aiomqtt.Client(
                    self._host,
                    self._port,
                    identifier=self._client_id,
                    username=self._username,
                    password=self._password,
                    clean_session=False,
                ) as client:
                    self._client = client
                    for channel in ("telemetry", "replies", "events") if self._sink else ():
                        await client.subscribe(f"{topics.PREFIX}/+/+/{channel}", qos=1)
                    self._ready.set()
                    backoff = 1.0
                    async for message in client.messages:
                        if self._sink is not None:
                            await self._sink(str(message.topic), bytes(message.payload))
            except aiomqtt.MqttError as err:
                self._client = None
                log.warning(
                    "external broker %s unreachable (%s); retrying in %.0f s", self.endpoint, err, backoff
                )
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def publish(self, topic: str, payload: bytes, qos: int = 1) -> None:
        if self._client is None:
            raise ConnectionError(f"not connected to {self.endpoint}")
        await self._client.publish(topic, payload, qos=qos)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


__all__ = ["ExternalBroker"]
