"""OPC UA addresses and values, free of I/O.

A point's address is a NodeId in the standard string notation: ``ns=<index>;<type>=<identifier>`` with
``i`` (numeric), ``s`` (string), ``g`` (GUID) or ``b`` (base64 opaque), e.g. ``ns=2;s=Pump1.Flow`` or
``ns=2;i=1001``; ``nsu=<namespace URI>;`` may stand for ``ns=<index>;`` (resolved against the server's
namespace array), and without either the namespace is 0. Raw values travel as variants of the point's
``data_type`` (int16 → Int16, float32 → Float, …); status codes become a quality (Good / Uncertain / Bad).
"""

from __future__ import annotations

import binascii
import math
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Any, TypeVar, cast

from asyncua import ua

from longcheng.core.samples import Quality, Value
from longcheng.drivers.base import PointRejected, PointSpec, RawType, Reading

Identifier = int | str | uuid.UUID | bytes
T = TypeVar("T")

VARIANT_TYPES: dict[RawType, ua.VariantType] = {
    RawType.BOOL: ua.VariantType.Boolean,
    RawType.INT16: ua.VariantType.Int16,
    RawType.UINT16: ua.VariantType.UInt16,
    RawType.INT32: ua.VariantType.Int32,
    RawType.UINT32: ua.VariantType.UInt32,
    RawType.INT64: ua.VariantType.Int64,
    RawType.UINT64: ua.VariantType.UInt64,
    RawType.FLOAT32: ua.VariantType.Float,
    RawType.FLOAT64: ua.VariantType.Double,
    RawType.STRING: ua.VariantType.String,
}
RAW_TYPES: dict[ua.VariantType, RawType] = {v: k for k, v in VARIANT_TYPES.items()}
INT_LIMITS: dict[ua.VariantType, tuple[int, int]] = {
    ua.VariantType.SByte: (-(2**7), 2**7 - 1),
    ua.VariantType.Byte: (0, 2**8 - 1),
    ua.VariantType.Int16: (-(2**15), 2**15 - 1),
    ua.VariantType.UInt16: (0, 2**16 - 1),
    ua.VariantType.Int32: (-(2**31), 2**31 - 1),
    ua.VariantType.UInt32: (0, 2**32 - 1),
    ua.VariantType.Int64: (-(2**63), 2**63 - 1),
    ua.VariantType.UInt64: (0, 2**64 - 1),
}
FLOAT32_MAX = 3.4028234663852886e38
EXAMPLE = "expected ns=<index>;<i|s|g|b>=<identifier>, e.g. ns=2;s=Pump1.Flow or ns=2;i=1001"
MAX_IDENTIFIER = 4096  # characters of a string identifier, bytes of an opaque one (OPC UA Part 3)

_NODE_ID = re.compile(r"(?:ns=(?P<ns>[^;]*);|nsu=(?P<nsu>[^;]+);)?(?P<kind>[isgb])=(?P<id>.*)", re.DOTALL)
_GUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")


@dataclass(frozen=True, slots=True)
class NodeAddress:
    """A parsed NodeId: its namespace (an index, or a URI still to resolve) and its identifier."""

    namespace: int | str
    identifier: Identifier

    def node_id(self, field: str, namespaces: Sequence[str] = ()) -> ua.NodeId:
        """The NodeId, resolving a namespace URI against the server's namespace array."""
        index = self.namespace
        if isinstance(index, str):
            if index not in namespaces:
                raise PointRejected(field, f"the server has no namespace {index!r}")
            index = namespaces.index(index)
        return node_id(self.identifier, index)


def node_id(identifier: Identifier, namespace: int = 0) -> ua.NodeId:
    """A NodeId (asyncua types its fields with its own int and str subclasses; plain values work)."""
    return ua.NodeId(cast("ua.String", identifier), ua.Int16(namespace))


def parse_node_id(field: str, text: str) -> NodeAddress:
    """Parse a NodeId string; raises ``PointRejected`` naming ``field`` (the point) and the address."""
    match = _NODE_ID.fullmatch(text)
    if match is None:
        raise PointRejected(field, f"{text!r} is not an OPC UA NodeId; {EXAMPLE}")
    namespace: int | str = match["nsu"] or 0
    if match["ns"] is not None:
        namespace = _bounded(field, text, "namespace index", match["ns"], 65_535)
    return NodeAddress(namespace, _identifier(field, text, match["kind"], match["id"]))


def _bounded(field: str, text: str, what: str, digits: str, high: int) -> int:
    if not (digits.isascii() and digits.isdigit()) or int(digits) > high:
        raise PointRejected(field, f"{text!r}: the {what} {digits!r} is not a whole number from 0 to {high}")
    return int(digits)


def _identifier(field: str, text: str, kind: str, raw: str) -> Identifier:
    if kind == "i":
        return _bounded(field, text, "numeric identifier", raw, 2**32 - 1)
    if kind == "g":
        if not _GUID.fullmatch(raw):
            raise PointRejected(
                field, f"{text!r}: {raw!r} is not a GUID like 72962b91-fa75-4ae6-8d28-b404dc7daf63"
            )
        return uuid.UUID(raw)
    if kind == "s":
        if not raw or len(raw) > MAX_IDENTIFIER:
            raise PointRejected(field, f"{text!r}: a string identifier has 1 to {MAX_IDENTIFIER} characters")
        return raw
    try:
        opaque = binascii.a2b_base64(raw, strict_mode=True)
    except binascii.Error as err:
        raise PointRejected(field, f"{text!r}: {raw!r} is not base64 ({err})") from err
    if not opaque or len(opaque) > MAX_IDENTIFIER:
        raise PointRejected(field, f"{text!r}: an opaque identifier has 1 to {MAX_IDENTIFIER} bytes")
    return opaque


def encode(point: PointSpec, value: Value) -> ua.Variant:
    """The variant written to a point: ``value`` checked against the range of the point's data type."""
    return to_variant(point.name, value, VARIANT_TYPES[point.data_type])


def to_variant(field: str, value: Value, vtype: ua.VariantType) -> ua.Variant:
    """``value`` as a variant of ``vtype``; raises ``PointRejected`` when it does not fit."""
    if vtype is ua.VariantType.Boolean:
        if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)):
            return ua.Variant(bool(value), vtype)
        raise PointRejected(field, f"{value!r} is not true or false")
    if vtype is ua.VariantType.String:
        if isinstance(value, str):
            return ua.Variant(value, vtype)
        raise PointRejected(field, f"{value!r} is not a string")
    if isinstance(value, bool | str):
        raise PointRejected(field, f"{value!r} is not a number")
    if vtype in INT_LIMITS:
        low, high = INT_LIMITS[vtype]
        if isinstance(value, float) and not value.is_integer():
            raise PointRejected(field, f"{value!r} is not a whole number")
        if not low <= value <= high:
            raise PointRejected(field, f"{value!r} is outside the range of {vtype.name} ({low} to {high})")
        return ua.Variant(int(value), vtype)
    if vtype in (ua.VariantType.Float, ua.VariantType.Double):
        if not math.isfinite(value):
            raise PointRejected(field, f"{value!r} is not a finite number")
        if vtype is ua.VariantType.Float and abs(value) > FLOAT32_MAX:
            raise PointRejected(field, f"{value!r} is outside the range of Float (±{FLOAT32_MAX:.7g})")
        return ua.Variant(float(value), vtype)
    raise PointRejected(field, f"values of OPC UA type {vtype.name} are not supported")


def decode(point: PointSpec, raw: Any) -> Value:
    """A value read from the server as the point's data type; raises ``PointRejected`` if it is not one."""
    kind = point.data_type
    if isinstance(raw, ua.LocalizedText):
        raw = raw.Text
    if kind is RawType.BOOL and isinstance(raw, bool):
        return raw
    if kind is RawType.STRING and isinstance(raw, str):
        return raw
    if (
        kind in (RawType.FLOAT32, RawType.FLOAT64)
        and isinstance(raw, int | float)
        and not isinstance(raw, bool)
    ):
        return float(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and kind in VARIANT_TYPES:
        low, high = INT_LIMITS.get(VARIANT_TYPES[kind], (0, -1))
        if low <= raw <= high:
            return raw
    raise PointRejected(point.name, f"the server sent {raw!r}, which is not a {kind.value}")


def plain(raw: Any) -> Value:
    """A method's output argument as a platform value (other OPC UA types as their text)."""
    if isinstance(raw, ua.LocalizedText):
        return raw.Text or ""
    if isinstance(raw, bool | int | float | str):
        return raw
    return str(raw)


def quality(status: ua.StatusCode | None) -> Quality:
    """OPC UA's status classes, which the platform's qualities follow (no status means Good)."""
    if status is None or status.is_good():
        return Quality.GOOD
    return Quality.UNCERTAIN if status.is_uncertain() else Quality.BAD


def timestamp_ms(value: ua.DataValue, now_ms: int) -> int:
    """The source timestamp of a value, else the server's, else ``now_ms``."""
    stamp = value.SourceTimestamp or value.ServerTimestamp
    if stamp is None:
        return now_ms
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return int(stamp.timestamp() * 1000)


def to_reading(point: PointSpec, value: ua.DataValue, now_ms: int) -> Reading:
    """A reading of ``point`` from a DataValue; a value of the wrong type reads as Bad."""
    ts_ms = timestamp_ms(value, now_ms)
    grade = quality(value.StatusCode)
    raw = value.Value.Value if value.Value is not None else None
    if grade is Quality.BAD or raw is None:
        return Reading(point.name, zero(point.data_type), ts_ms, Quality.BAD)
    try:
        return Reading(point.name, decode(point, raw), ts_ms, grade)
    except PointRejected:
        return Reading(point.name, zero(point.data_type), ts_ms, Quality.BAD)


def zero(kind: RawType) -> Value:
    """The placeholder value of a Bad reading, and the initial value of a simulated tag."""
    if kind is RawType.BOOL:
        return False
    if kind is RawType.STRING:
        return ""
    return 0.0 if kind in (RawType.FLOAT32, RawType.FLOAT64) else 0


def bad_reading(point: PointSpec, now_ms: int) -> Reading:
    return Reading(point.name, zero(point.data_type), now_ms, Quality.BAD)


def batches(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in slices of at most ``size`` (0: all in one), for servers that cap nodes per request."""
    step = size or max(len(items), 1)
    return [items[i : i + step] for i in range(0, len(items), step)]


def interval_ms(point: PointSpec, option: str) -> float:
    """A subscription interval of a point: ``options[option]`` (10 ms to 1 day), else its ``poll_ms``."""
    value = point.options.get(option, point.poll_ms)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 10 <= value <= 86_400_000:
        raise PointRejected(point.name, f"options.{option} must be a number of milliseconds, 10 to 86400000")
    return float(value)


def publishing_interval_ms(points: Sequence[PointSpec]) -> float:
    """One subscription serves all points: it publishes as often as the most frequent one asks."""
    return min(interval_ms(p, "publishing_interval_ms") for p in points)


def variant_type_of(data_type: ua.NodeId) -> ua.VariantType | None:
    """The built-in variant type of a method argument's declared data type, if it is a built-in one."""
    if data_type.NamespaceIndex == 0 and isinstance(data_type.Identifier, int) and data_type.Identifier <= 25:
        return ua.VariantType(data_type.Identifier)
    return None


def method_arguments(
    field: str, args: Sequence[Value], declared: Sequence[ua.VariantType | None] | None
) -> list[ua.Variant]:
    """The input variants of a method call, typed as the method declares them (``None``: undeclared)."""
    if declared is not None and len(args) != len(declared):
        raise PointRejected(field, f"the method takes {len(declared)} arguments, {len(args)} given")
    kinds = declared if declared is not None else [None] * len(args)
    return [
        to_variant(f"{field}[{i}]", arg, kind or _guess(arg))
        for i, (arg, kind) in enumerate(zip(args, kinds, strict=True))
    ]


def _guess(value: Value) -> ua.VariantType:
    if isinstance(value, bool):
        return ua.VariantType.Boolean
    if isinstance(value, int):
        return ua.VariantType.Int64
    return ua.VariantType.Double if isinstance(value, float) else ua.VariantType.String


def utc(ms: int) -> ua.DateTime:
    """An epoch-millisecond instant as the timestamp of a DataValue."""
    return ua.DateTime.fromtimestamp(ms / 1000, tz=UTC)


__all__ = [
    "VARIANT_TYPES",
    "NodeAddress",
    "bad_reading",
    "batches",
    "decode",
    "encode",
    "method_arguments",
    "node_id",
    "parse_node_id",
    "plain",
    "publishing_interval_ms",
    "quality",
    "timestamp_ms",
    "to_reading",
    "to_variant",
    "utc",
    "variant_type_of",
    "zero",
]
