"""Pure Sparkplug B 3.0 handling, sans I/O: topics, point addresses and payloads.

Topics: ``spBv1.0/{group}/{NBIRTH|NDEATH|NDATA|NCMD}/{edge_node}`` and
``spBv1.0/{group}/{DBIRTH|DDEATH|DDATA|DCMD}/{edge_node}/{device}``; a host application's state is on
``spBv1.0/STATE/{host_id}`` as JSON ``{"online": …, "timestamp": …}``. Payloads are Tahu protobuf
(``proto``), decoded here into frozen dataclasses so the rest of the driver never touches protobuf.

A point's address is ``{edge_node}/{device}/{metric name}``; the device is empty for a node's own metrics
(``edge1//Node Control/Rebirth``) and the metric name may itself contain ``/``.

Metric values follow ``datatypes``; a metric of a type without a raw point type (a dataset, a template,
bytes, an array…) decodes with ``value`` None and ``supported`` False.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple

from google.protobuf.message import DecodeError  # type: ignore[import-untyped]

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value
from longcheng.drivers.base import PointRejected, PointSpec
from longcheng.drivers.sparkplug import proto
from longcheng.drivers.sparkplug.datatypes import (
    SCALARS,
    DataType,
    check_value,
    datatype_of,
    get_value,
    put_value,
)

NAMESPACE = "spBv1.0"
BD_SEQ = "bdSeq"
REBIRTH = "Node Control/Rebirth"


class MessageType(enum.StrEnum):
    NBIRTH = "NBIRTH"
    NDEATH = "NDEATH"
    NDATA = "NDATA"
    NCMD = "NCMD"
    DBIRTH = "DBIRTH"
    DDEATH = "DDEATH"
    DDATA = "DDATA"
    DCMD = "DCMD"

    @property
    def for_device(self) -> bool:
        return self.value.startswith("D")


_WILDCARDS = frozenset("+/#")


class Topic(NamedTuple):
    group: str
    message_type: MessageType
    edge_node: str
    device: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    edge_node: str
    device: str  # "" for the node's own metrics
    metric: str

    @property
    def key(self) -> str:
        return f"{self.edge_node}/{self.device}/{self.metric}"


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric of a payload; ``value`` None with ``is_null`` (a null value) or without ``supported``."""

    name: str | None = None
    alias: int | None = None
    datatype: DataType | None = None
    value: Value | None = None
    timestamp: int | None = None
    is_null: bool = False
    supported: bool = True


@dataclass(frozen=True, slots=True)
class Payload:
    timestamp: int | None = None
    seq: int | None = None
    metrics: tuple[Metric, ...] = ()

    def metric(self, name: str) -> Metric | None:
        return next((m for m in self.metrics if m.name == name), None)


def check_id(what: str, value: str) -> str:
    """A group, edge node, device or host id: not empty, no ``+``, ``/`` or ``#``."""
    if not value or _WILDCARDS & set(value):
        raise InvalidInput(what, f"{value!r} must be non-empty and free of + / #")
    return value


def topic(group: str, message_type: MessageType, edge_node: str, device: str | None = None) -> str:
    if message_type.for_device != (device is not None):
        raise InvalidInput("device", f"{message_type} {'needs' if device is None else 'takes no'} device")
    tail = f"/{device}" if device is not None else ""
    return f"{NAMESPACE}/{group}/{message_type}/{edge_node}{tail}"


def state_topic(host_id: str) -> str:
    return f"{NAMESPACE}/STATE/{host_id}"


def parse_topic(name: str) -> Topic | None:
    """The parts of a Sparkplug topic; None for anything else (STATE included)."""
    parts = name.split("/")
    if len(parts) not in (4, 5) or parts[0] != NAMESPACE or not all(parts):
        return None
    try:
        message_type = MessageType(parts[2])
    except ValueError:
        return None
    if message_type.for_device != (len(parts) == 5):
        return None
    return Topic(parts[1], message_type, parts[3], parts[4] if len(parts) == 5 else None)


def parse_address(point: PointSpec) -> Address:
    """``{edge_node}/{device}/{metric}``; ``PointRejected`` names the point."""
    parts = point.address.split("/", 2)
    if len(parts) != 3 or not parts[0] or not parts[2] or any(c in _WILDCARDS for c in parts[0] + parts[1]):
        raise PointRejected(point.name, f"address {point.address!r} must be edge_node/device/metric")
    return Address(parts[0], parts[1], parts[2])


def encode(payload: Payload) -> bytes:
    """The protobuf bytes of a payload; every metric with a datatype and a value is checked first."""
    message = proto.Payload()
    if payload.timestamp is not None:
        message.timestamp = payload.timestamp
    if payload.seq is not None:
        message.seq = payload.seq
    for metric in payload.metrics:
        out = message.metrics.add()
        if metric.name is not None:
            out.name = metric.name
        if metric.alias is not None:
            out.alias = metric.alias
        if metric.timestamp is not None:
            out.timestamp = metric.timestamp
        if metric.datatype is not None:
            out.datatype = metric.datatype
        if metric.is_null or metric.value is None:
            out.is_null = metric.is_null
        elif metric.datatype is not None:
            put_value(
                out, metric.datatype, check_value(metric.datatype, metric.value, metric.name or "value")
            )
    return bytes(message.SerializeToString())


def decode(data: bytes, datatypes: dict[str, DataType] | None = None) -> Payload:
    """A payload from protobuf bytes; ``InvalidInput`` if they are not one. ``datatypes`` gives the
    datatype of metrics that leave it out (DATA messages), by name or by ``#{alias}``."""
    try:
        message = proto.Payload.FromString(data)
    except DecodeError as err:
        raise InvalidInput("payload", f"not a Sparkplug B payload: {err}") from err
    known = datatypes or {}
    metrics = []
    for item in message.metrics:
        name = item.name if item.HasField("name") else None
        alias = item.alias if item.HasField("alias") else None
        code = item.datatype if item.HasField("datatype") else None
        datatype = datatype_of(code) if code is not None else known.get(name or f"#{alias}")
        value = None if datatype is None or item.is_null else get_value(item, datatype)
        metrics.append(
            Metric(
                name=name,
                alias=alias,
                datatype=datatype,
                value=value,
                timestamp=item.timestamp if item.HasField("timestamp") else None,
                is_null=item.is_null,
                supported=datatype in SCALARS,
            )
        )
    return Payload(
        timestamp=message.timestamp if message.HasField("timestamp") else None,
        seq=message.seq if message.HasField("seq") else None,
        metrics=tuple(metrics),
    )


__all__ = [
    "BD_SEQ",
    "NAMESPACE",
    "REBIRTH",
    "Address",
    "MessageType",
    "Metric",
    "Payload",
    "Topic",
    "check_id",
    "decode",
    "encode",
    "parse_address",
    "parse_topic",
    "state_topic",
    "topic",
]
