"""Hot-path value types: frozen, slotted dataclasses, created once per sample."""

from __future__ import annotations

import enum
from dataclasses import dataclass

Value = float | int | bool | str


class Quality(enum.StrEnum):
    """Sample quality, after OPC UA's good / uncertain / bad status classes."""

    GOOD = "good"
    UNCERTAIN = "uncertain"
    BAD = "bad"


@dataclass(frozen=True, slots=True)
class Sample:
    """One property value of one device at one instant."""

    tenant_id: int
    device_id: int
    property: str
    ts_ms: int
    value: Value
    quality: Quality = Quality.GOOD


class RejectReason(enum.StrEnum):
    """Why a message or a sample was refused; each lands as a dead letter with this code."""

    MALFORMED_JSON = "malformed_json"
    INVALID_STRUCTURE = "invalid_structure"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNKNOWN_DEVICE = "unknown_device"
    DEVICE_DISABLED = "device_disabled"
    UNKNOWN_PROPERTY = "unknown_property"
    UNKNOWN_EVENT = "unknown_event"
    WRONG_TYPE = "wrong_type"
    OUT_OF_RANGE = "out_of_range"
    BAD_QUALITY_FLAG = "bad_quality_flag"
    BAD_TIMESTAMP = "bad_timestamp"
    TIMESTAMP_IN_FUTURE = "timestamp_in_future"
    TIMESTAMP_TOO_OLD = "timestamp_too_old"


@dataclass(frozen=True, slots=True)
class Rejection:
    """A refused message or sample. ``field`` names what was wrong (a property, ``ts``, ``payload``)."""

    tenant_id: int | None
    device_id: int | None
    received_ms: int
    reason: RejectReason
    field: str
    detail: str
    payload: str


@dataclass(frozen=True, slots=True)
class Event:
    """A thing-model event a device reported (an alarm condition, a state change…) with its parameters."""

    tenant_id: int
    device_id: int
    ts_ms: int
    name: str
    params: dict[str, Value]


__all__ = ["Event", "Quality", "RejectReason", "Rejection", "Sample", "Value"]
