"""Pure decoding of a telemetry payload into records, sans I/O.

Accepted shapes (docs/mqtt.md): one record ``{"ts": <epoch ms | ISO 8601>, "values": {...}}`` or a list
of them; ``ts`` may be left out (the receive time is used). A value is a scalar or
``{"value": <scalar>, "quality": "good" | "uncertain" | "bad"}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from longcheng.core.samples import RejectReason


@dataclass(frozen=True, slots=True)
class Record:
    index: int
    ts_ms: int
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Problem:
    """A refusal found while decoding: ``field`` says where (``payload``, ``[2].ts``, ``values``)."""

    reason: RejectReason
    field: str
    detail: str


def parse_ts(raw: object) -> int | None:
    """Epoch milliseconds from an integer/float in ms or an ISO 8601 string with a zone; None if neither."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return int(raw)
    if isinstance(raw, str):
        try:
            parsed = datetime.fromisoformat(raw)
        except ValueError:
            return None
        if parsed.tzinfo is None:
            return None
        return int(parsed.timestamp() * 1000)
    return None


def _record(index: int, item: object, prefix: str, received_ms: int) -> Record | Problem:
    if not isinstance(item, dict):
        return Problem(
            RejectReason.INVALID_STRUCTURE,
            prefix.removesuffix(".") or "payload",
            "a record must be a JSON object",
        )
    values = item.get("values")
    if not isinstance(values, dict) or not values:
        return Problem(
            RejectReason.INVALID_STRUCTURE,
            f"{prefix}values",
            "'values' must be a non-empty object of property: value",
        )
    if "ts" not in item or item["ts"] is None:
        return Record(index, received_ms, values)
    ts = parse_ts(item["ts"])
    if ts is None:
        return Problem(
            RejectReason.BAD_TIMESTAMP,
            f"{prefix}ts",
            "'ts' must be epoch milliseconds or an ISO 8601 time with a zone",
        )
    return Record(index, ts, values)


def decode(payload: bytes, received_ms: int, max_bytes: int) -> list[Record | Problem]:
    """Split a payload into records and problems; one bad record never hides the others."""
    if len(payload) > max_bytes:
        return [
            Problem(
                RejectReason.PAYLOAD_TOO_LARGE,
                "payload",
                f"{len(payload)} bytes is more than the limit of {max_bytes}",
            )
        ]
    try:
        doc = orjson.loads(payload)
    except orjson.JSONDecodeError as err:
        return [Problem(RejectReason.MALFORMED_JSON, "payload", f"not valid JSON: {err}")]
    if isinstance(doc, list):
        if not doc:
            return [Problem(RejectReason.INVALID_STRUCTURE, "payload", "an empty list holds no records")]
        return [_record(i, item, f"[{i}].", received_ms) for i, item in enumerate(doc)]
    return [_record(0, doc, "", received_ms)]


__all__ = ["Problem", "Record", "decode", "parse_ts"]
