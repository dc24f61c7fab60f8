"""Pure, I/O-free handling of MQTT JSON points: addresses, payload decoding, value checks and write bodies.

Addresses. ``longcheng`` format: ``{tenant}/{device}/{property}`` (or ``{property}`` with the config's
tenant and device), read from ``lc/v1/{tenant}/{device}/telemetry``. ``jsonpath`` format:
``{topic}|{JSONPath}`` (``plant/line1/pump7|$.data.flow``), the path in jsonpath-ng's extended syntax
(filters such as ``$.items[?(@.id == "a")].v`` work). Topics are literal: no ``+`` or ``#``.

Writes go to ``options.write_topic``, by default the device's ``desired`` topic (``longcheng``, body
``{"ts": …, "values": {property: value}}``) or ``{topic}/set`` (``jsonpath``, body: the JSON object in which
``options.write_path``, by default the point's own path, holds the value: ``$.data.speed`` gives
``{"data": {"speed": 1450}}``).

Values are checked against the point's raw type both ways: a boolean is ``true``/``false`` (or 0/1), an
integer fits its type (``12.0`` counts as 12), a float is finite (and within float32 for ``float32``), a
string is a string. A value that does not fit is refused, never silently converted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

import orjson

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Quality, Value
from longcheng.core.topics import desired_topic, telemetry_topic
from longcheng.drivers.base import PointRejected, PointSpec, RawType, Reading
from longcheng.drivers.mqtt_json.config import Format

INT_RANGES: dict[RawType, tuple[int, int]] = {
    RawType.INT16: (-(2**15), 2**15 - 1),
    RawType.UINT16: (0, 2**16 - 1),
    RawType.INT32: (-(2**31), 2**31 - 1),
    RawType.UINT32: (0, 2**32 - 1),
    RawType.INT64: (-(2**63), 2**63 - 1),
    RawType.UINT64: (0, 2**64 - 1),
}
FLOAT32_MAX = 3.4028234663852886e38
ZERO: dict[RawType, Value] = {
    **dict.fromkeys(RawType, 0),
    RawType.BOOL: False,
    RawType.STRING: "",
    RawType.FLOAT32: 0.0,
    RawType.FLOAT64: 0.0,
}
QUALITIES = {q.value: q for q in Quality}
_WILDCARDS = frozenset("+#")


@dataclass(frozen=True, slots=True)
class JsonPoint:
    """A parsed point: ``key`` is the property (longcheng) or JSONPath (jsonpath) it is read from."""

    name: str
    data_type: RawType
    topic: str
    key: str
    write_topic: str
    write_key: str


@dataclass(slots=True)
class Decoded:
    """What one message gave: readings, and the problems met (``malformed`` messages or records that
    could not be read at all, ``bad_values`` that did not fit their point)."""

    readings: list[Reading] = field(default_factory=list)
    malformed: int = 0
    bad_values: int = 0
    problems: list[str] = field(default_factory=list)


@lru_cache(maxsize=1024)
def compile_path(text: str) -> Any:
    """A compiled JSONPath (extended syntax); ``InvalidInput`` if it does not parse."""
    from jsonpath_ng.exceptions import JSONPathError  # noqa: PLC0415 - loaded with the first path
    from jsonpath_ng.ext.parser import parse  # noqa: PLC0415

    try:
        return parse(text)
    except (JSONPathError, ValueError, TypeError, AttributeError) as err:
        raise InvalidInput("path", f"{text!r} is not a JSONPath: {err}") from err


def _check_topic(point: PointSpec, topic: str, what: str) -> str:
    if not topic or topic != topic.strip() or _WILDCARDS & set(topic) or len(topic.encode()) > 65535:
        raise PointRejected(point.name, f"{what} {topic!r} must be a literal MQTT topic (no + or #)")
    return topic


def parse_point(
    point: PointSpec, fmt: Format, *, tenant: str | None = None, device: str | None = None
) -> JsonPoint:
    """Parse a point's address and options; ``PointRejected`` names the point and what is wrong."""
    if fmt == "longcheng":
        return _parse_longcheng(point, tenant, device)
    topic, bar, path = point.address.partition("|")
    if not bar or not path.strip():
        raise PointRejected(point.name, f"address {point.address!r} must be topic|jsonpath")
    _check_topic(point, topic, "topic")
    try:
        compile_path(path)
    except InvalidInput as err:
        raise PointRejected(point.name, err.reason) from err
    write_path = _option(point, "write_path", path)
    if write_path != path:
        try:
            compile_path(write_path)
        except InvalidInput as err:
            raise PointRejected(point.name, f"write_path: {err.reason}") from err
    write_topic = _check_topic(point, _option(point, "write_topic", f"{topic}/set"), "write_topic")
    return JsonPoint(point.name, point.data_type, topic, path, write_topic, write_path)


def _parse_longcheng(point: PointSpec, tenant: str | None, device: str | None) -> JsonPoint:
    parts = point.address.split("/")
    if len(parts) == 3:
        tenant, device, prop = parts
    elif len(parts) == 1 and tenant is not None and device is not None:
        prop = parts[0]
    else:
        hint = "" if tenant is not None else " (the connection names no tenant and device)"
        raise PointRejected(point.name, f"address {point.address!r} must be tenant/device/property{hint}")
    if any(not p or p != p.strip() or _WILDCARDS & set(p) for p in (tenant, device, prop)):
        raise PointRejected(point.name, f"address {point.address!r} has an empty or invalid part")
    if "write_path" in point.options:
        raise PointRejected(point.name, "write_path is only used with format jsonpath")
    write_topic = _option(point, "write_topic", desired_topic(tenant, device))
    _check_topic(point, write_topic, "write_topic")
    return JsonPoint(point.name, point.data_type, telemetry_topic(tenant, device), prop, write_topic, prop)


def _option(point: PointSpec, name: str, default: str) -> str:
    value = point.options.get(name, default)
    if not isinstance(value, str) or not value:
        raise PointRejected(point.name, f"option {name} must be a non-empty string")
    return value


def coerce(name: str, data_type: RawType, raw: object) -> Value:
    """``raw`` as a value of ``data_type``; ``PointRejected`` (naming ``name``) if it does not fit."""
    if data_type is RawType.BOOL:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
    elif data_type is RawType.STRING:
        if isinstance(raw, str):
            return raw
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        if not math.isfinite(raw):
            raise PointRejected(name, f"{raw!r} is not a finite number")
        if data_type in INT_RANGES:
            return _integer(name, data_type, raw)
        if data_type is RawType.FLOAT32 and abs(raw) > FLOAT32_MAX:
            raise PointRejected(name, f"{raw!r} is out of the range of float32")
        return float(raw)
    raise PointRejected(name, f"{raw!r} is not a {data_type}")


def _integer(name: str, data_type: RawType, raw: int | float) -> int:
    if isinstance(raw, float) and not raw.is_integer():
        raise PointRejected(name, f"{raw!r} is not an integer")
    value = int(raw)
    low, high = INT_RANGES[data_type]
    if not low <= value <= high:
        raise PointRejected(name, f"{value} is out of the range of {data_type} ({low} to {high})")
    return value


def parse_ts(raw: object, unit: str = "ms") -> int | None:
    """Epoch ms from a number (in ``unit``, ms or s) or an ISO 8601 string with a zone; None if neither."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if not math.isfinite(raw) or raw < 0:
            return None
        return int(raw * 1000) if unit == "s" else int(raw)
    if isinstance(raw, str):
        try:
            parsed = datetime.fromisoformat(raw)
        except ValueError:
            return None
        return None if parsed.tzinfo is None else int(parsed.timestamp() * 1000)
    return None


def decode_message(
    fmt: Format,
    points: Sequence[JsonPoint],
    payload: bytes,
    received_ms: int,
    *,
    timestamp_path: str | None = None,
    timestamp_unit: str = "ms",
) -> Decoded:
    """The readings of ``points`` (all of one topic) in one message; never raises on bad input."""
    try:
        doc = orjson.loads(payload)
    except orjson.JSONDecodeError as err:
        return Decoded(malformed=1, problems=[f"payload: not JSON ({err})"])
    if fmt == "longcheng":
        return _decode_records(points, doc, received_ms)
    ts_ms = received_ms
    if timestamp_path is not None:
        found = compile_path(timestamp_path).find(doc)
        if found:
            parsed = parse_ts(found[0].value, timestamp_unit)
            if parsed is None:
                return Decoded(
                    malformed=1, problems=[f"{timestamp_path}: {found[0].value!r} is no timestamp"]
                )
            ts_ms = parsed
    decoded = Decoded()
    for point in points:
        try:
            matches = compile_path(point.key).find(doc)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as err:
            decoded.bad_values += 1  # e.g. a filter that compares a string with a number
            decoded.problems.append(f"{point.key}: {err}")
            continue
        if matches:
            _add(decoded, point, matches[0].value, ts_ms, Quality.GOOD)
    return decoded


def _decode_records(points: Sequence[JsonPoint], doc: object, received_ms: int) -> Decoded:
    if not isinstance(doc, dict | list):
        return Decoded(malformed=1, problems=["payload: expected a record or a list of records"])
    decoded = Decoded()
    for index, item in enumerate(doc if isinstance(doc, list) else [doc]):
        values = item.get("values") if isinstance(item, dict) else None
        ts_ms = received_ms if not isinstance(item, dict) or item.get("ts") is None else parse_ts(item["ts"])
        if not isinstance(values, dict) or ts_ms is None:
            decoded.malformed += 1
            decoded.problems.append(f"[{index}]: not a record with a valid ts and values")
            continue
        for point in points:
            if point.key in values:
                _add_value(decoded, point, values[point.key], ts_ms)
    return decoded


def _add_value(decoded: Decoded, point: JsonPoint, raw: object, ts_ms: int) -> None:
    """A scalar, or ``{"value": …, "quality": "good" | "uncertain" | "bad"}``."""
    if not isinstance(raw, dict):
        _add(decoded, point, raw, ts_ms, Quality.GOOD)
        return
    quality = QUALITIES.get(str(raw.get("quality", "good")))
    if quality is None or "value" not in raw:
        decoded.bad_values += 1
        decoded.problems.append(f"values.{point.key}: an object value needs value and a known quality")
        return
    _add(decoded, point, raw["value"], ts_ms, quality)


def _add(decoded: Decoded, point: JsonPoint, raw: object, ts_ms: int, quality: Quality) -> None:
    try:
        decoded.readings.append(Reading(point.name, coerce(point.name, point.data_type, raw), ts_ms, quality))
    except PointRejected as err:
        decoded.bad_values += 1
        decoded.problems.append(err.message)


def write_body(fmt: Format, point: JsonPoint, value: Value, ts_ms: int) -> bytes:
    """The JSON published for a write of ``value`` (already checked with ``coerce``)."""
    if fmt == "longcheng":
        return orjson.dumps({"ts": ts_ms, "values": {point.write_key: value}})
    path = compile_path(point.write_key)
    try:
        body = path.update_or_create({}, value)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as err:
        raise PointRejected(point.name, f"cannot build a body from {point.write_key!r}: {err}") from err
    if [m.value for m in path.find(body)] != [value]:
        raise PointRejected(point.name, f"cannot build a body from {point.write_key!r}; set write_path")
    return orjson.dumps(body)


__all__ = [
    "FLOAT32_MAX",
    "INT_RANGES",
    "ZERO",
    "Decoded",
    "JsonPoint",
    "coerce",
    "compile_path",
    "decode_message",
    "parse_point",
    "parse_ts",
    "write_body",
]
