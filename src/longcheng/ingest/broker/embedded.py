"""The embedded MQTT broker: amqtt inside the platform process, with the platform's own plugins.

- ``DeviceAuthPlugin``: a device connects with username ``{tenant}/{device}`` and its secret.
- ``DeviceAclPlugin``: it may publish and subscribe only under its own topic prefix (``acl.py``).
- ``IngestHookPlugin``: every message the ACL let through is handed to the ingest sink in-process, with
  no extra MQTT hop.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from amqtt.broker import Broker as AmqttBroker
from amqtt.contexts import Action
from amqtt.errors import BrokerError
from amqtt.plugins.base import BaseAuthPlugin, BasePlugin, BaseTopicPlugin
from amqtt.session import ApplicationMessage, Session

from longcheng.core import topics
from longcheng.core.errors import PortInUse
from longcheng.core.tokens import verify_token
from longcheng.ingest.broker import MessageSink
from longcheng.ingest.broker.acl import (
    delegated_device,
    device_of,
    may_delegate,
    may_publish,
    may_receive,
    may_subscribe,
)
from longcheng.ingest.directory import DeviceDirectory

log = logging.getLogger(__name__)

DeviceHook = Callable[[str, str], Awaitable[None]]


@dataclass
class _Link:
    directory: DeviceDirectory
    sink: MessageSink
    on_subscribed: DeviceHook | None = None


class DeviceAuthPlugin(BaseAuthPlugin):
    @dataclass
    class Config:
        link: Any = None

    async def authenticate(self, *, session: Session) -> bool | None:
        link: _Link = self.config.link
        owner = device_of(session.username)
        if owner is None or not session.password:
            return False
        entry = await link.directory.get(*owner)
        return entry is not None and entry.enabled and verify_token(entry.secret_hash, session.password)


class DeviceAclPlugin(BaseTopicPlugin):
    @dataclass
    class Config:
        link: Any = None

    async def topic_filtering(
        self, *, session: Session | None = None, topic: str | None = None, action: Action | None = None
    ) -> bool | None:
        if session is None or topic is None:
            return False
        username = session.username
        if action is Action.PUBLISH:
            allowed = may_publish(username, topic)
        elif action is Action.SUBSCRIBE:
            allowed = may_subscribe(username, topic)
        else:
            allowed = may_receive(username, topic)
        return allowed or await self._for_gateway(username, topic, publish=action is Action.PUBLISH)

    async def _for_gateway(self, username: str | None, topic: str, *, publish: bool) -> bool:
        """An edge gateway acting for a device bound to it (device binding ``{"gateway": "<key>"}``)."""
        target = delegated_device(username, topic)
        if target is None:
            return False
        link: _Link = self.config.link
        try:
            entry = await link.directory.get(*target)
        except Exception:  # a lookup that fails refuses the message; it must never end the client's session
            log.exception("gateway check of %s on %s failed", username, topic)
            return False
        return entry is not None and entry.enabled and may_delegate(username, topic, publish, entry.gateway)


class IngestHookPlugin(BasePlugin[Any]):
    @dataclass
    class Config:
        link: Any = None

    async def on_broker_client_subscribed(self, *, topic: str, **_: Any) -> None:
        """A device (or its gateway) now listens to its downlink: the platform may catch it up."""
        link: _Link = self.config.link
        parts = topics.parse(topic)
        if link.on_subscribed is None or parts is None or parts.channel not in ("desired", "#"):
            return
        try:
            await link.on_subscribed(parts.tenant, parts.device)
        except Exception:
            log.exception("catching up %s/%s after its subscription failed", parts.tenant, parts.device)

    async def on_broker_message_broadcast(self, *, client_id: str, message: ApplicationMessage) -> None:
        link: _Link = self.config.link
        try:
            await link.sink(message.topic, bytes(message.data))
        except Exception:
            log.exception("ingest failed on a message from %s on %s", client_id, message.topic)


def ensure_port_free(host: str, port: int, flag: str) -> None:
    """Fail early, naming the flag that moves the port, if something already listens there."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise PortInUse(port, flag) from err
            raise


class EmbeddedBroker:
    def __init__(
        self,
        host: str,
        port: int,
        directory: DeviceDirectory,
        sink: MessageSink,
        on_subscribed: DeviceHook | None = None,
    ) -> None:
        """``on_subscribed(tenant, device)`` runs when a device subscribes to its desired values."""
        self.host = host
        self.port = port
        link = {"link": _Link(directory, sink, on_subscribed)}
        here = __name__
        self._broker = AmqttBroker(
            {
                "listeners": {"default": {"type": "tcp", "bind": f"{host}:{port}"}},
                "plugins": {
                    f"{here}.DeviceAuthPlugin": link,
                    f"{here}.DeviceAclPlugin": link,
                    f"{here}.IngestHookPlugin": link,
                },
            }
        )
        self._started = False

    @property
    def endpoint(self) -> str:
        return f"mqtt://{self.host}:{self.port}"

    async def start(self) -> None:
        ensure_port_free(self.host, self.port, "--mqtt-port")
        try:
            await self._broker.start()
        except BrokerError as err:
            if isinstance(err.__cause__, OSError) and err.__cause__.errno == errno.EADDRINUSE:
                raise PortInUse(self.port, "--mqtt-port") from err
            raise
        self._started = True
        log.info("embedded MQTT broker listening on %s", self.endpoint)

    async def publish(self, topic: str, payload: bytes, qos: int = 1) -> None:
        await self._broker.internal_message_broadcast(topic, payload, qos)

    @property
    def connected_clients(self) -> int:
        return sum(1 for session, _ in self._broker.sessions.values() if session.transitions.is_connected())

    async def stop(self, timeout_s: float = 15.0) -> None:
        """Shut the broker down; amqtt 0.12 can wait forever for a packet that arrived mid-shutdown, so
        the wait is bounded (the ingest hooks already scheduled have been awaited by then, or are lost
        with the process anyway)."""
        if self._started:
            self._started = False
            try:
                await asyncio.wait_for(self._broker.shutdown(), timeout=timeout_s)
            except TimeoutError:
                log.warning("the embedded broker did not shut down within %.0f s; leaving it", timeout_s)


__all__ = ["DeviceAclPlugin", "DeviceAuthPlugin", "EmbeddedBroker", "IngestHookPlugin", "ensure_port_free"]
