"""A Sparkplug host application's view of one group, sans I/O: births, deaths, sequence numbers, aliases.

``HostState.handle(topic, payload, now_ms)`` takes one message of the group and says what it meant: the
metric values it carried (``Update``, by address) and whether the edge node must be asked to rebirth:

- NBIRTH resets the node: ``bdSeq``, ``seq`` (0), its metrics' names, aliases and datatypes; its devices
  wait for their DBIRTH. DBIRTH does the same for a device.
- NDATA/DDATA decode by alias or by name with the datatypes of the birth certificate.
- Every message but NDEATH carries ``seq``, one more than the node's previous message (255 wraps to 0).
- A seq gap, a DATA (or DBIRTH) before its birth, or a metric the birth did not declare asks for a rebirth
  (``Node Control/Rebirth``); at most one request per node per ``rebirth_holdoff_ms`` until it is answered.
- NDEATH (with the bdSeq of the current birth; an older one is stale and ignored) and DDEATH mark the
  metrics dead: updates with ``good`` False, which the session turns into ``Quality.BAD``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value
from longcheng.drivers.sparkplug.codec import (
    BD_SEQ,
    Address,
    MessageType,
    Metric,
    Payload,
    Topic,
    decode,
)
from longcheng.drivers.sparkplug.datatypes import DataType


@dataclass(frozen=True, slots=True)
class MetricDef:
    name: str
    alias: int | None
    datatype: DataType


@dataclass(slots=True)
class Certificate:
    """What a node's or a device's birth declared."""

    born: bool = False
    by_name: dict[str, MetricDef] = field(default_factory=dict)
    by_alias: dict[int, MetricDef] = field(default_factory=dict)

    @classmethod
    def of(cls, metrics: tuple[Metric, ...]) -> Certificate:
        certificate = cls(born=True)
        for metric in metrics:
            if metric.name is not None and metric.datatype is not None:
                definition = MetricDef(metric.name, metric.alias, metric.datatype)
                certificate.by_name[metric.name] = definition
                if metric.alias is not None:
                    certificate.by_alias[metric.alias] = definition
        return certificate

    def resolve(self, metric: Metric) -> MetricDef | None:
        if metric.alias is not None and metric.alias in self.by_alias:
            return self.by_alias[metric.alias]
        return self.by_name.get(metric.name) if metric.name is not None else None

    def datatypes(self) -> dict[str, DataType]:
        """Datatypes by name and by ``#{alias}``, for decoding DATA messages that leave them out."""
        found = {name: d.datatype for name, d in self.by_name.items()}
        return found | {f"#{alias}": d.datatype for alias, d in self.by_alias.items()}


@dataclass(slots=True)
class NodeState:
    node: Certificate = field(default_factory=Certificate)
    devices: dict[str, Certificate] = field(default_factory=dict)
    bd_seq: int | None = None
    seq: int | None = None
    rebirth_asked_ms: int | None = None


@dataclass(frozen=True, slots=True)
class Update:
    """A metric's new value; ``good`` False when it died (or is null): ``value`` is then None."""

    address: Address
    value: Value | None
    ts_ms: int
    good: bool = True


@dataclass(slots=True)
class Outcome:
    """What one message meant. ``reason`` says why it asked for a rebirth or was ignored."""

    updates: list[Update] = field(default_factory=list)
    rebirth: bool = False
    malformed: bool = False
    reason: str = ""


class HostState:
    """The births, deaths and sequence numbers of the edge nodes of one group."""

    def __init__(self, rebirth_holdoff_ms: int = 5000) -> None:
        self.rebirth_holdoff_ms = rebirth_holdoff_ms
        self.nodes: dict[str, NodeState] = {}

    def certificate(self, edge_node: str, device: str | None) -> Certificate | None:
        node = self.nodes.get(edge_node)
        if node is None:
            return None
        return node.node if device is None else node.devices.get(device)

    def definition(self, address: Address) -> MetricDef | None:
        certificate = self.certificate(address.edge_node, address.device or None)
        return certificate.by_name.get(address.metric) if certificate is not None else None

    def online(self, edge_node: str, device: str | None) -> bool:
        node = self.nodes.get(edge_node)
        if node is None or not node.node.born:
            return False
        return device is None or (device in node.devices and node.devices[device].born)

    def asked(self, edge_node: str, now_ms: int) -> None:
        """A rebirth was requested from ``edge_node`` outside ``handle`` (the hold-off counts from now)."""
        self.nodes.setdefault(edge_node, NodeState()).rebirth_asked_ms = now_ms

    def handle(self, topic: Topic, data: bytes, now_ms: int) -> Outcome:
        kind = topic.message_type
        if kind in (MessageType.NCMD, MessageType.DCMD):
            return Outcome()  # commands go to the edge nodes; ours come back here as echoes
        node = self.nodes.setdefault(topic.edge_node, NodeState())
        certificate = node.node if topic.device is None else node.devices.get(topic.device)
        try:
            payload = decode(data, certificate.datatypes() if certificate is not None else None)
        except InvalidInput as err:
            return Outcome(malformed=True, reason=err.reason)
        if kind is MessageType.NDEATH:
            return self._node_death(topic, node, payload, now_ms)
        if kind is MessageType.NBIRTH:
            return self._node_birth(topic, node, payload, now_ms)
        if not node.node.born:
            return self._ask_rebirth(node, Outcome(), now_ms, f"{kind} before NBIRTH")
        gap = self._sequence(node, payload)
        if kind is MessageType.DBIRTH:
            certificate = node.devices[str(topic.device)] = Certificate.of(payload.metrics)
            outcome = self._values(topic, certificate, payload, now_ms)
        elif kind is MessageType.DDEATH:
            outcome = self._device_death(topic, node, payload, now_ms)
        elif certificate is None or not certificate.born:
            outcome = self._ask_rebirth(node, Outcome(), now_ms, f"{kind} before DBIRTH")
        else:
            outcome = self._values(topic, certificate, payload, now_ms)
        if gap and not outcome.rebirth:
            self._ask_rebirth(node, outcome, now_ms, gap)
        return outcome

    def _node_birth(self, topic: Topic, node: NodeState, payload: Payload, now_ms: int) -> Outcome:
        bd_seq = payload.metric(BD_SEQ)
        node.bd_seq = bd_seq.value if bd_seq is not None and isinstance(bd_seq.value, int) else None
        node.seq = payload.seq
        node.node = Certificate.of(payload.metrics)
        node.devices = {}  # their DBIRTHs follow
        node.rebirth_asked_ms = None  # answered
        return self._values(topic, node.node, payload, now_ms)

    def _node_death(self, topic: Topic, node: NodeState, payload: Payload, now_ms: int) -> Outcome:
        bd_seq = payload.metric(BD_SEQ)
        if bd_seq is not None and node.bd_seq is not None and bd_seq.value != node.bd_seq:
            return Outcome(reason=f"stale NDEATH (bdSeq {bd_seq.value}, current {node.bd_seq})")
        ts_ms = payload.timestamp or now_ms
        updates = _dead(topic.edge_node, "", node.node, ts_ms)
        for device, certificate in node.devices.items():
            updates += _dead(topic.edge_node, device, certificate, ts_ms)
            certificate.born = False
        node.node.born = False
        return Outcome(updates)

    def _device_death(self, topic: Topic, node: NodeState, payload: Payload, now_ms: int) -> Outcome:
        certificate = node.devices.get(str(topic.device))
        if certificate is None:
            return Outcome(reason="DDEATH of a device never born")
        certificate.born = False
        return Outcome(_dead(topic.edge_node, str(topic.device), certificate, payload.timestamp or now_ms))

    def _values(self, topic: Topic, certificate: Certificate, payload: Payload, now_ms: int) -> Outcome:
        outcome = Outcome()
        unknown = []
        for metric in payload.metrics:
            definition = certificate.resolve(metric)
            if definition is None:
                unknown.append(metric.name or f"alias {metric.alias}")
                continue
            if metric.value is None and not metric.is_null:
                continue  # no value, or a dataset, template, array…: no raw point type
            ts_ms = metric.timestamp or payload.timestamp or now_ms
            address = Address(topic.edge_node, topic.device or "", definition.name)
            outcome.updates.append(Update(address, metric.value, ts_ms, not metric.is_null))
        if unknown:
            self._ask_rebirth(
                self.nodes[topic.edge_node], outcome, now_ms, f"undeclared metrics {unknown[:3]}"
            )
        return outcome

    @staticmethod
    def _sequence(node: NodeState, payload: Payload) -> str:
        """Check and advance the node's seq; a description of the gap, or ""."""
        if payload.seq is None:
            return ""
        expected = None if node.seq is None else (node.seq + 1) % 256
        node.seq = payload.seq % 256
        return "" if expected in (None, node.seq) else f"seq {node.seq} where {expected} was due"

    def _ask_rebirth(self, node: NodeState, outcome: Outcome, now_ms: int, reason: str) -> Outcome:
        outcome.reason = reason
        asked = node.rebirth_asked_ms
        if asked is None or now_ms - asked >= self.rebirth_holdoff_ms:
            node.rebirth_asked_ms = now_ms
            outcome.rebirth = True
        return outcome


def _dead(edge_node: str, device: str, certificate: Certificate, ts_ms: int) -> list[Update]:
    return [Update(Address(edge_node, device, name), None, ts_ms, False) for name in certificate.by_name]


__all__ = ["Certificate", "HostState", "MetricDef", "NodeState", "Outcome", "Update"]
