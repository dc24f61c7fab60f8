"""Validation of decoded records against the device's thing model, sample by sample (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson

from longcheng.core.samples import Quality, Rejection, RejectReason, Sample
from longcheng.ingest.decode import Problem, Record
from longcheng.ingest.directory import DeviceEntry

PAYLOAD_EXCERPT = 1024
_QUALITIES = {q.value: q for q in Quality}
_LIST_START = re.compile(rb"[ \t\r\n]*\[")  # a JSON array, after the whitespace JSON allows before it


@dataclass(frozen=True, slots=True)
class Limits:
    max_payload_bytes: int
    max_future_skew_ms: int
    max_past_age_ms: int


def excerpt(payload: bytes | Any) -> str:
    """At most PAYLOAD_EXCERPT characters of what was refused, for the dead letter."""
    if not isinstance(payload, bytes):
        payload = orjson.dumps(payload, default=str)
    return payload[:PAYLOAD_EXCERPT].decode("utf-8", errors="replace")


class Validator:
    """Turns one device's records into samples and rejections."""

    def __init__(self, device: DeviceEntry, received_ms: int, limits: Limits) -> None:
        self.device = device
        self.received_ms = received_ms
        self.limits = limits
        self.samples: list[Sample] = []
        self.rejections: list[Rejection] = []

    def reject(self, reason: RejectReason, field: str, detail: str, payload: str) -> None:
        self.rejections.append(
            Rejection(
                self.device.tenant_id, self.device.device_id, self.received_ms, reason, field, detail, payload
            )
        )

    def add(self, item: Record | Problem, raw: bytes) -> None:
        if isinstance(item, Problem):
            self.reject(item.reason, item.field, item.detail, excerpt(raw))
            return
        prefix = f"[{item.index}]." if _LIST_START.match(raw) else ""
        if item.ts_ms > self.received_ms + self.limits.max_future_skew_ms:
            self.reject(
                RejectReason.TIMESTAMP_IN_FUTURE,
                f"{prefix}ts",
                f"{item.ts_ms} is more than {self.limits.max_future_skew_ms} ms ahead of the platform clock",
                excerpt({"ts": item.ts_ms, "values": item.values}),
            )
            return
        if item.ts_ms < self.received_ms - self.limits.max_past_age_ms:
            self.reject(
                RejectReason.TIMESTAMP_TOO_OLD,
                f"{prefix}ts",
                f"{item.ts_ms} is older than the limit of {self.limits.max_past_age_ms} ms",
                excerpt({"ts": item.ts_ms, "values": item.values}),
            )
            return
        for name, raw_value in item.values.items():
            self._value(prefix, item.ts_ms, name, raw_value)

    def _value(self, prefix: str, ts_ms: int, name: str, raw: Any) -> None:
        field = f"{prefix}values.{name}"
        spec = self.device.properties.get(name)
        if spec is None:
            self.reject(
                RejectReason.UNKNOWN_PROPERTY,
                field,
                "no such property in the thing model",
                excerpt({name: raw}),
            )
            return
        quality = Quality.GOOD
        if isinstance(raw, dict):
            flag = raw.get("quality", "good")
            if flag not in _QUALITIES or "value" not in raw:
                self.reject(
                    RejectReason.BAD_QUALITY_FLAG,
                    field,
                    "an object value needs 'value' and a 'quality' of good, uncertain or bad",
                    excerpt({name: raw}),
                )
                return
            quality, raw = _QUALITIES[flag], raw["value"]
        value, reason, detail = spec.check(raw)
        if reason is not None or value is None:
            self.reject(RejectReason(reason or "wrong_type"), field, detail or "", excerpt({name: raw}))
            return
        self.samples.append(Sample(self.device.tenant_id, self.device.device_id, name, ts_ms, value, quality))


__all__ = ["PAYLOAD_EXCERPT", "Limits", "Validator", "excerpt"]
