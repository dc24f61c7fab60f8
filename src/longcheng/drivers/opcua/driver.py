"""The OPC UA session: an asyncua client behind the driver contract.

``read`` is one Read service call for all points; ``subscribe`` is one subscription with a data-change
monitored item per point; ``write`` writes a variant of the point's data type; ``call`` calls a method with
arguments typed as the method declares them; ``browse`` (in ``browse``) lists the variables below a node.
Every asyncua error is wrapped at this boundary: a lost or refused connection becomes ``DeviceUnreachable``,
a refused point, value or call becomes ``PointRejected``.
"""

from __future__ import annotations

import contextlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Sequence
from types import TracebackType
from typing import Self, TypeVar

from asyncua import ua
from asyncua.client.ua_client import UaClientState
from asyncua.common.subscription import DataChangeEvent, StatusChangeEvent, Subscription
from asyncua.ua.attribute_ids import AttributeIds
from asyncua.ua.uaerrors import UaError, UaStatusCodeError
from pydantic import BaseModel

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.samples import Value
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, Reading
from longcheng.drivers.opcua import codec
from longcheng.drivers.opcua.browse import VariableInfo, browse_variables
from longcheng.drivers.opcua.config import OpcUaConfig
from longcheng.drivers.opcua.connection import Limits, new_client, open_client

log = logging.getLogger(__name__)
T = TypeVar("T")


class OpcUaSession:
    """A session with one OPC UA server: ``connect`` returns it open; ``async with`` opens it if it is not
    yet and closes it."""

    def __init__(self, config: OpcUaConfig, *, clock: Clock | None = None) -> None:
        self.config = config
        self._clock = clock or SystemClock()
        self._client = new_client(config)
        self._limits: Limits | None = None  # set once open
        self._namespaces: list[str] | None = None
        self._inputs: dict[ua.NodeId, list[ua.VariantType | None]] = {}

    async def open(self) -> None:
        """Secure the channel, connect and activate the session."""
        self._limits = await open_client(self._client, self.config)

    async def __aenter__(self) -> Self:
        if self._limits is None:
            await self.open()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        with contextlib.suppress(OSError, UaError):
            await self._client.disconnect()

    def _limit(self) -> Limits:
        if self._limits is None:
            raise DeviceUnreachable(f"the session with {self.config.endpoint} is not open")
        return self._limits

    async def _guard(self, request: Awaitable[T]) -> T:
        try:
            return await request
        except (OSError, UaError) as err:
            raise DeviceUnreachable(f"OPC UA server {self.config.endpoint}: {err}") from err

    async def _node_id(self, field: str, address: str) -> ua.NodeId:
        parsed = codec.parse_node_id(field, address)
        if isinstance(parsed.namespace, str) and self._namespaces is None:
            self._namespaces = await self._guard(self._client.get_namespace_array())
        return parsed.node_id(field, self._namespaces or ())

    async def read(self, points: Sequence[PointSpec]) -> list[Reading]:
        """All points in one Read request (or as few as the server's limit allows); a bad address or a
        refused node reads as Bad."""
        ids: list[ua.NodeId | None] = []
        for point in points:
            try:
                ids.append(await self._node_id(point.name, point.address))
            except PointRejected as err:
                log.warning("point %s not read: %s", point.name, err.reason)
                ids.append(None)
        valid = [node for node in ids if node is not None]
        results: list[ua.DataValue] = []
        for batch in codec.batches(valid, self._limit().nodes_per_read):
            results += await self._guard(
                self._client.uaclient.read_attributes(list(batch), AttributeIds.Value)
            )
        values = iter(results)
        now = self._clock.now_ms()
        return [
            codec.bad_reading(p, now) if node is None else codec.to_reading(p, next(values), now)
            for p, node in zip(points, ids, strict=True)
        ]

    async def write(self, point: PointSpec, value: Value) -> None:
        """Write one raw value as a variant of the point's data type."""
        if point.access != "rw":
            raise PointRejected(point.name, "the point is read-only")
        variant = codec.encode(point, value)
        node = await self._node_id(point.name, point.address)
        (status,) = await self._guard(
            self._client.uaclient.write_attributes([node], [ua.DataValue(variant)], AttributeIds.Value)
        )
        if not status.is_good():
            raise PointRejected(point.name, f"the server refused the write: {status.name} ({status.doc})")

    async def subscribe(self, points: Sequence[PointSpec]) -> AsyncIterator[Reading]:
        """Readings as the server publishes changes: one subscription, one monitored item per point.

        Publishes every ``options["publishing_interval_ms"]`` (else ``poll_ms``) of the most frequent point;
        each item samples at its point's ``options["sampling_interval_ms"]`` (else ``poll_ms``). A point
        the server refuses, or whose address or options are wrong, reads once as Bad; a lost connection
        raises ``DeviceUnreachable``.
        """
        by_node: dict[ua.NodeId, list[PointSpec]] = defaultdict(list)
        for point in points:
            try:
                codec.interval_ms(point, "sampling_interval_ms")
                codec.publishing_interval_ms([point])
                by_node[await self._node_id(point.name, point.address)].append(point)
            except PointRejected as err:
                log.warning("point %s not subscribed: %s", point.name, err.reason)
                yield codec.bad_reading(point, self._clock.now_ms())
        if not by_node:
            return
        interval = codec.publishing_interval_ms([p for node_points in by_node.values() for p in node_points])
        subscription = await self._guard(self._client.create_subscription(interval, None))
        try:
            for point in await self._monitor(subscription, by_node):
                yield codec.bad_reading(point, self._clock.now_ms())
            while True:
                event = await self._next(subscription)
                if event is None:
                    return
                for point in by_node.get(event.node.nodeid, ()):
                    yield codec.to_reading(point, event.data.monitored_item.Value, self._clock.now_ms())
        finally:
            await _delete(subscription)

    async def _monitor(
        self, subscription: Subscription, by_node: dict[ua.NodeId, list[PointSpec]]
    ) -> list[PointSpec]:
        """Create the monitored items, grouped by sampling interval; return the points the server refused."""
        groups: dict[float, list[ua.NodeId]] = defaultdict(list)
        for node, node_points in by_node.items():
            groups[min(codec.interval_ms(p, "sampling_interval_ms") for p in node_points)].append(node)
        refused: list[PointSpec] = []
        for sampling, group in groups.items():
            for nodes in codec.batches(group, self._limit().items_per_call):
                handles = await self._guard(
                    subscription.subscribe_data_change(
                        [self._client.get_node(n) for n in nodes], sampling_interval=ua.Double(sampling)
                    )
                )
                for node, handle in zip(nodes, handles, strict=True):
                    if isinstance(handle, ua.StatusCode):
                        log.warning("node %s not monitored: %s", node.to_string(), handle.name)
                        refused.extend(by_node[node])
        return refused

    async def _next(self, subscription: Subscription) -> DataChangeEvent | None:
        """The next data change; None once the subscription is closed."""
        while True:
            try:
                event = await subscription.next_event(timeout=2 * self.config.watchdog_interval_s)
            except StopAsyncIteration:
                return None
            if isinstance(event, DataChangeEvent):
                return event
            lost = isinstance(event, StatusChangeEvent) and event.notification.Status.is_bad()
            if lost or self._client.uaclient.state is UaClientState.DISCONNECTED:
                raise DeviceUnreachable(f"OPC UA server {self.config.endpoint}: connection lost")

    async def call(self, object_node: str, method_node: str, args: Sequence[Value] = ()) -> list[Value]:
        """Call a method of an object with arguments typed as the method declares; return its outputs."""
        obj = await self._node_id("object_node", object_node)
        method = await self._node_id("method_node", method_node)
        inputs = codec.method_arguments("args", args, await self._declared_inputs(method))
        request = ua.CallMethodRequest(ObjectId=obj, MethodId=method, InputArguments=inputs)
        (result,) = await self._guard(self._client.uaclient.call([request]))
        for i, status in enumerate(result.InputArgumentResults or []):
            if not status.is_good():
                raise PointRejected(f"args[{i}]", f"{method_node} refused the argument: {status.name}")
        if not result.StatusCode.is_good():
            status = result.StatusCode
            raise PointRejected(
                "method_node", f"the server refused {method_node}: {status.name} ({status.doc})"
            )
        return [codec.plain(v.Value) for v in result.OutputArguments or []]

    async def _declared_inputs(self, method: ua.NodeId) -> list[ua.VariantType | None] | None:
        """The types of a method's InputArguments property (cached); None when it does not declare them."""
        if method in self._inputs:
            return self._inputs[method]
        try:
            prop = await self._client.get_node(method).get_child("0:InputArguments")
            arguments = await prop.read_value()
        except UaStatusCodeError:
            return None  # no such property (or no such method, which the call itself reports)
        except (OSError, UaError) as err:
            raise DeviceUnreachable(f"OPC UA server {self.config.endpoint}: {err}") from err
        self._inputs[method] = [codec.variant_type_of(a.DataType) for a in arguments or []]
        return self._inputs[method]

    async def browse(self, node: str = "i=85", depth: int = 1) -> list[VariableInfo]:
        """The variables below ``node`` (default: the Objects folder), ``depth`` levels down (1 to 10)."""
        start = await self._node_id("node", node)
        return await self._guard(browse_variables(self._client, start, depth))


async def connect(config: BaseModel, *, clock: Clock | None = None) -> OpcUaSession:
    """Open a session with the server that ``config`` (an ``OpcUaConfig``) describes."""
    if not isinstance(config, OpcUaConfig):
        config = OpcUaConfig.model_validate(config.model_dump())
    session = OpcUaSession(config, clock=clock)
    await session.open()
    return session


async def _delete(subscription: Subscription) -> None:
    with contextlib.suppress(OSError, UaError):
        await subscription.delete()


__all__ = ["OpcUaSession", "connect"]
