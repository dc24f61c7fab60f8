"""Thing-model events from a device's ``events`` topic, checked against its model (pure).

Payload: ``{"ts": <epoch ms | ISO 8601>, "event": "<name>", "params": {...}}`` or a list of them; ``ts`` may
be left out (the receive time is used). Unknown events, bad parameters and bad timestamps are refused one by
one, as dead letters, like samples.
"""

from __future__ import annotations

from typing import Any

import orjson

from longcheng.core.samples import Event, Rejection, RejectReason, Value
from longcheng.ingest.decode import parse_ts
from longcheng.ingest.directory import DeviceEntry
from longcheng.ingest.validate import Limits, excerpt


def _params(device: DeviceEntry, name: str, raw: Any, prefix: str) -> tuple[dict[str, Value], Problem | None]:
    spec = device.events[name]
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return {}, (RejectReason.INVALID_STRUCTURE, f"{prefix}params", "'params' must be an object")
    known = {p.name: p for p in spec.params}
    accepted: dict[str, Value] = {}
    for key, value in raw.items():
        param = known.get(key)
        if param is None:
            return {}, (
                RejectReason.UNKNOWN_PROPERTY,
                f"{prefix}params.{key}",
                f"event {name!r} has no {key!r}",
            )
        checked, reason, detail = param.check(value)
        if reason is not None or checked is None:
            return {}, (RejectReason(reason or "wrong_type"), f"{prefix}params.{key}", detail or "")
        accepted[key] = checked
    missing = [p.name for p in spec.params if p.required and p.name not in accepted]
    if missing:
        return {}, (RejectReason.INVALID_STRUCTURE, f"{prefix}params.{missing[0]}", "required")
    return accepted, None


Problem = tuple[RejectReason, str, str]


def _one(device: DeviceEntry, item: Any, prefix: str, received: int, limits: Limits) -> Event | Problem:
    if not isinstance(item, dict) or not isinstance(item.get("event"), str):
        return RejectReason.INVALID_STRUCTURE, f"{prefix}event", "an event needs 'event': its name"
    name = item["event"]
    if name not in device.events:
        return RejectReason.UNKNOWN_EVENT, f"{prefix}event", f"the thing model has no event {name!r}"
    ts = received if item.get("ts") is None else parse_ts(item["ts"])
    if ts is None:
        return (
            RejectReason.BAD_TIMESTAMP,
            f"{prefix}ts",
            "'ts' must be epoch milliseconds or ISO 8601 with a zone",
        )
    if ts > received + limits.max_future_skew_ms:
        return RejectReason.TIMESTAMP_IN_FUTURE, f"{prefix}ts", "ahead of the platform clock"
    if ts < received - limits.max_past_age_ms:
        return RejectReason.TIMESTAMP_TOO_OLD, f"{prefix}ts", "older than the limit"
    params, problem = _params(device, name, item.get("params"), prefix)
    return problem or Event(device.tenant_id, device.device_id, ts, name, params)


def decode_events(
    device: DeviceEntry, payload: bytes, received: int, limits: Limits
) -> tuple[list[Event], list[Rejection]]:
    def refuse(reason: RejectReason, field: str, detail: str, raw: Any) -> Rejection:
        return Rejection(device.tenant_id, device.device_id, received, reason, field, detail, excerpt(raw))

    if len(payload) > limits.max_payload_bytes:
        return [], [
            refuse(
                RejectReason.PAYLOAD_TOO_LARGE,
                "payload",
                f"more than {limits.max_payload_bytes} bytes",
                payload,
            )
        ]
    try:
        doc = orjson.loads(payload)
    except orjson.JSONDecodeError as err:
        return [], [refuse(RejectReason.MALFORMED_JSON, "payload", f"not valid JSON: {err}", payload)]
    items = doc if isinstance(doc, list) else [doc]
    events: list[Event] = []
    rejections: list[Rejection] = []
    for i, item in enumerate(items):
        outcome = _one(device, item, f"[{i}]." if isinstance(doc, list) else "", received, limits)
        if isinstance(outcome, Event):
            events.append(outcome)
        else:
            rejections.append(refuse(*outcome, item))
    return events, rejections


__all__ = ["decode_events"]
