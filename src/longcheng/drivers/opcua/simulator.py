"""A simulated OPC UA device server: an asyncua server whose variables follow the physics of a pump, a motor
and a chiller (``drivers/simulated/physics.py``).

Address space, in namespace ``NAMESPACE_URI`` (index 2), under the Objects folder::

    Pump     speed, flow, head, shaft_power, outlet_pressure, efficiency (Double, read-only)
             speed_setpoint (Double), running (Boolean)            writable, fed back into the physics
             Start(), Stop(), SetSpeedSetpoint(value: Double) -> applied: Double
    Motor    current, speed, winding_temperature, vibration; load, running; Start, Stop, SetLoad
    Chiller  supply_temperature, return_temperature, cooling_load, cop, power; supply_setpoint, running;
             Start, Stop, SetSupplySetpoint
    Tags     one writable variable per point data type (bool, int16, … float64, string) and a read-only
             serial_number (String)

Node ids are ``ns=2;s=<Object>.<name>`` (``ns=2;s=Chiller.supply_setpoint``). Written setpoints are
clamped into their physical range, as a real controller would. The physics advance every ``interval_s``
(or on ``tick`` when ``interval_s`` is None). Security policy None always; Basic256Sha256 Sign and
SignAndEncrypt with a ``certificate`` and ``private_key`` (whose URI name should be ``APPLICATION_URI``);
anonymous users, or only the ``users`` given (name → password). ``max_nodes_per_read`` is published as the
server's operation limit (not enforced), for clients that batch their reads by it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import secrets
from collections import deque
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from asyncua import ua
from asyncua.common.callback import Callback, CallbackService, CallbackType, ServerItemCallback
from asyncua.crypto.permission_rules import User, UserRole
from asyncua.server.internal_server import InternalServer
from asyncua.server.server import Server
from asyncua.server.user_managers import UserManager
from asyncua.ua.attribute_ids import AttributeIds
from asyncua.ua.object_ids import ObjectIds
from asyncua.ua.status_codes import StatusCodes

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value
from longcheng.drivers.opcua import codec
from longcheng.drivers.simulated.physics import NOISE, CentrifugalPump, Chiller, DeviceModel, Motor

log = logging.getLogger(__name__)

NAMESPACE_URI = "urn:longcheng:sim:opcua"
APPLICATION_URI = "urn:longcheng:sim:opcua-server"
DEVICES: dict[str, type[DeviceModel]] = {"Pump": CentrifugalPump, "Motor": Motor, "Chiller": Chiller}
SERIAL_NUMBER = "LC-OPCUA-SIM-0001"
_MAX_NODES_PER_READ = ObjectIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerRead
SITE_UTC_OFFSET_S = 8 * 3600  # the simulated plant keeps China Standard Time for its daily cycles


class _Users(UserManager):
    """Anonymous sessions only when no users are configured; otherwise name and password must match."""

    def __init__(self, users: Mapping[str, str]) -> None:
        self._users = dict(users)

    def get_user(
        self,
        iserver: InternalServer,  # noqa: ARG002 - asyncua's signature
        username: str | None = None,
        password: str | None = None,
        certificate: Any = None,  # noqa: ARG002 - asyncua's signature
    ) -> User | None:
        if not self._users:
            return User(role=UserRole.User)
        expected = self._users.get(username or "")
        if expected is None or not secrets.compare_digest(expected.encode(), (password or "").encode()):
            return None
        return User(role=UserRole.User)


class OpcUaSimulator:
    """The simulated devices on ``opc.tcp://<host>:<port>``; an async context manager (start and stop)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 4840,
        *,
        interval_s: float | None = 0.1,
        seed: int = 42,
        noise: float = NOISE,
        certificate: Path | None = None,
        private_key: Path | None = None,
        users: Mapping[str, str] | None = None,
        max_nodes_per_read: int = 0,
        clock: Clock | None = None,
    ) -> None:
        self.host, self.port, self.interval_s = host, port, interval_s
        self._clock = clock or SystemClock()
        self._certificate, self._private_key = certificate, private_key
        self._users = dict(users or {})
        self._max_nodes_per_read = max_nodes_per_read
        day_s = (self._clock.now_ms() / 1000 + SITE_UTC_OFFSET_S) % 86_400
        self.models: dict[str, DeviceModel] = {
            name: kind(random.Random(seed + i), noise=noise, time_of_day_s=day_s)  # noqa: S311 - not crypto
            for i, (name, kind) in enumerate(DEVICES.items())
        }
        self._server: Server | None = None
        self._nodes: dict[str, ua.NodeId] = {}  # "<Object>.<name>" -> variable
        self._writable: dict[ua.NodeId, tuple[DeviceModel, str]] = {}
        self._task: asyncio.Task[None] | None = None
        self.namespace = 2
        self.read_sizes: deque[int] = deque(maxlen=1000)  # nodes in each Read request from a client

    @property
    def endpoint(self) -> str:
        return f"opc.tcp://{self.host}:{self.port}"

    def node_id(self, name: str) -> str:
        """A node's NodeId: ``node_id("Chiller.supply_setpoint")`` is ``ns=2;s=Chiller.supply_setpoint``."""
        return f"ns={self.namespace};s={name}"

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        server = Server(user_manager=_Users(self._users))
        await server.init()
        server.disable_clock()  # its clock task sleeps a second, which every stop would wait for
        server.set_endpoint(self.endpoint)
        server.set_server_name("Longcheng simulated OPC UA devices")
        await server.set_application_uri(APPLICATION_URI)
        policies = [ua.SecurityPolicyType.NoSecurity]
        if self._certificate is not None and self._private_key is not None:
            certificate, key = await asyncio.to_thread(_read, self._certificate, self._private_key)
            await server.load_certificate(certificate, _format(certificate))
            await server.load_private_key(key, None, _format(key))
            policies += [
                ua.SecurityPolicyType.Basic256Sha256_Sign,
                ua.SecurityPolicyType.Basic256Sha256_SignAndEncrypt,
            ]
        server.set_security_policy(policies)
        server.set_identity_tokens([ua.UserNameIdentityToken] if self._users else [ua.AnonymousIdentityToken])
        self.namespace = await server.register_namespace(NAMESPACE_URI)
        for name, model in self.models.items():
            await self._add_device(server, self.namespace, name, model)
        await self._add_tags(server, self.namespace)
        limit = ua.Variant(self._max_nodes_per_read, ua.VariantType.UInt32)
        await server.write_attribute_value(codec.node_id(_MAX_NODES_PER_READ), ua.DataValue(limit))
        server.subscribe_server_callback(CallbackType.PostWrite, self._on_write)
        server.subscribe_server_callback(CallbackType.PreRead, self._on_read)
        await server.start()
        self._server = server
        if self.interval_s is not None:
            self._task = asyncio.create_task(self._run(self.interval_s))
        log.info("simulated OPC UA devices on %s", self.endpoint)

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        server, self._server = self._server, None
        if server is not None:
            await server.stop()

    async def _run(self, interval_s: float) -> None:
        while True:
            await asyncio.sleep(interval_s)
            try:
                await self.tick(interval_s)
            except Exception:
                log.exception("a tick of the simulated OPC UA devices failed")

    async def tick(self, dt_s: float) -> None:
        """Advance every device's physics by ``dt_s`` seconds and publish the values."""
        stamp = codec.utc(self._clock.now_ms())
        for name, model in self.models.items():
            for prop, value in model.step(dt_s).items():
                await self._publish(self._nodes[f"{name}.{prop}"], value, stamp)

    async def _publish(self, node: ua.NodeId, value: Value, stamp: ua.DateTime | None = None) -> None:
        assert self._server is not None
        stamp = stamp or codec.utc(self._clock.now_ms())
        await self._server.write_attribute_value(
            node, ua.DataValue(_variant(value), SourceTimestamp=stamp, ServerTimestamp=stamp)
        )

    async def _add_device(self, server: Server, ns: int, name: str, model: DeviceModel) -> None:
        device = await server.nodes.objects.add_object(f"ns={ns};s={name}", f"{ns}:{name}")
        writable = [*model.setpoints, *(["running"] if model.switchable else [])]
        for prop, value in model.step(0.0).items():
            node = await device.add_variable(f"ns={ns};s={name}.{prop}", f"{ns}:{prop}", _variant(value))
            self._nodes[f"{name}.{prop}"] = node.nodeid
            if prop in writable:
                await node.set_writable()
                self._writable[node.nodeid] = (model, prop)
        if model.switchable:
            for method, running in (("Start", True), ("Stop", False)):
                await device.add_method(
                    f"ns={ns};s={name}.{method}", f"{ns}:{method}", self._switch(model, running), [], []
                )
        double = codec.node_id(ObjectIds.Double)
        for prop in model.setpoints:
            method = "Set" + "".join(part.title() for part in prop.split("_"))
            await device.add_method(
                f"ns={ns};s={name}.{method}",
                f"{ns}:{method}",
                self._setter(model, prop),
                [ua.Argument(Name="value", DataType=double, ValueRank=-1)],
                [ua.Argument(Name="applied", DataType=double, ValueRank=-1)],
            )

    async def _add_tags(self, server: Server, ns: int) -> None:
        tags = await server.nodes.objects.add_object(f"ns={ns};s=Tags", f"{ns}:Tags")
        for kind, vtype in codec.VARIANT_TYPES.items():
            variant = ua.Variant(codec.zero(kind), vtype)
            node = await tags.add_variable(f"ns={ns};s=Tags.{kind.value}", f"{ns}:{kind.value}", variant)
            await node.set_writable()
        serial = ua.Variant(SERIAL_NUMBER, ua.VariantType.String)
        await tags.add_variable(f"ns={ns};s=Tags.serial_number", f"{ns}:serial_number", serial)

    def _switch(self, model: DeviceModel, running: bool) -> Any:
        async def switch(_: ua.NodeId) -> list[ua.Variant]:
            model.apply("running", running)
            await self._sync(model, "running")
            return []

        return switch

    def _setter(self, model: DeviceModel, prop: str) -> Any:
        async def setter(_: ua.NodeId, *args: ua.Variant) -> list[ua.Variant] | ua.StatusCode:
            if len(args) != 1 or args[0].VariantType is not ua.VariantType.Double:
                return ua.StatusCode(ua.UInt32(StatusCodes.BadInvalidArgument))
            model.apply(prop, args[0].Value)
            await self._sync(model, prop)
            return [ua.Variant(float(getattr(model, prop)), ua.VariantType.Double)]

        return setter

    async def _sync(self, model: DeviceModel, prop: str) -> None:
        for node, (owner, name) in self._writable.items():
            if owner is model and name == prop:
                await self._publish(node, getattr(model, prop))

    def _on_read(self, event: Callback, _: CallbackService) -> None:
        if isinstance(event, ServerItemCallback) and event.is_external:
            self.read_sizes.append(len(event.request_params.NodesToRead))

    async def _on_write(self, event: Callback, _: CallbackService) -> None:
        """Written setpoints reach the physics, which clamps them; the applied value is published at once."""
        if not isinstance(event, ServerItemCallback) or not event.is_external:
            return
        for item, status in zip(event.request_params.NodesToWrite, event.response_params, strict=True):
            target = self._writable.get(item.NodeId)
            if target is None or not status.is_good() or item.AttributeId != AttributeIds.Value:
                continue
            model, prop = target
            try:
                model.apply(prop, item.Value.Value.Value)
            except InvalidInput as err:
                log.warning("write to %s ignored: %s", item.NodeId.to_string(), err.message)
            await self._sync(model, prop)


def _variant(value: Value) -> ua.Variant:
    if isinstance(value, bool):
        return ua.Variant(value, ua.VariantType.Boolean)
    if isinstance(value, str):
        return ua.Variant(value, ua.VariantType.String)
    return ua.Variant(float(value), ua.VariantType.Double)


def _read(*paths: Path) -> list[bytes]:
    return [path.read_bytes() for path in paths]


def _format(content: bytes) -> str:
    return "pem" if content.lstrip().startswith(b"-----BEGIN") else "der"


__all__ = ["APPLICATION_URI", "DEVICES", "NAMESPACE_URI", "SERIAL_NUMBER", "OpcUaSimulator"]
