"""Shapes the services return (on top of the registry's XPublic models)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from longcheng.core.samples import Value
from longcheng.core.thing_model import LocalizedText
from longcheng.registry.schemas import DevicePublic


class DeviceStatus(DevicePublic):
    online: bool
    last_seen_ms: int | None
    samples: int
    rejected: int


class PointOut(BaseModel):
    ts: int = Field(description="epoch milliseconds")
    value: Value | None
    quality: str = "good"
    count: int | None = Field(default=None, description="samples in the bucket (aggregates only)")


class Series(BaseModel):
    device_id: int
    property: str
    unit: str | None
    start: int
    end: int
    interval_ms: int | None
    agg: str | None
    points: list[PointOut]


class ShadowValue(BaseModel):
    value: Value
    ts: int | str
    quality: str | None = None
    by: str | None = None


class Shadow(BaseModel):
    device_id: int
    online: bool
    last_seen_ms: int | None
    reported: dict[str, ShadowValue]
    desired: dict[str, ShadowValue]
    delta: dict[str, Value] = Field(description="desired values that the device has not reported yet")


class DeadLetterOut(BaseModel):
    id: int
    tenant_id: int | None
    device_id: int | None
    received_ms: int
    reason: str
    field: str
    detail: str
    payload: str


class EventOut(BaseModel):
    id: int
    ts: int = Field(description="epoch milliseconds")
    name: str
    params: dict[str, Value]


class EventPage(BaseModel):
    items: list[EventOut]
    total: int


class DeadLetterPage(BaseModel):
    items: list[DeadLetterOut]
    total: int
    by_reason: dict[str, int]


class IndustryStats(BaseModel):
    """Figures of the tenants of one industry (a device counts under its tenant's industry)."""

    tenants: int = 0
    device_types: int = 0
    devices: int = 0
    online_devices: int = 0


class Stats(BaseModel):
    tenants: int
    device_types: int
    devices: int
    online_devices: int
    devices_rejecting: int = Field(description="devices that have sent samples the platform refused")
    samples_stored: int
    samples_rejected: int
    rejected_by_reason: dict[str, int]
    by_industry: dict[str, IndustryStats]
    devices_by_type: dict[str, int] = Field(default_factory=dict, description="device type name -> devices")
    ingest: dict[str, Any] = Field(default_factory=dict, description="live figures of this process")


__all__ = [
    "DeadLetterOut",
    "DeadLetterPage",
    "DeviceStatus",
    "EventOut",
    "EventPage",
    "IndustryStats",
    "PointOut",
    "Series",
    "Shadow",
    "ShadowValue",
    "Stats",
]


class ExampleOut(BaseModel):
    inputs: dict[str, Any]
    expected: dict[str, Any]
    source: str


class ComputationOut(BaseModel):
    """A model or algorithm as the catalogue shows it, with the JSON Schema of its inputs and outputs."""

    id: str
    kind: str
    title: LocalizedText
    category: str
    domains: list[str]
    industries: list[str]
    formula: str
    reference: str
    inputs_schema: dict[str, Any]
    outputs_schema: dict[str, Any]
    examples: list[ExampleOut]


class UsageOut(BaseModel):
    tenant_id: int
    kind: str
    computation: str
    month: str
    count: int
    rows: int
    errors: int
