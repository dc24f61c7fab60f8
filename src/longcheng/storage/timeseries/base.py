"""The ``TimeSeriesStore`` protocol and the values it trades in.

Writes come in batches (one transaction each: samples, latest values, device activity and dead letters
together), reads are range queries, time-bucket aggregates and latest values. Methods are synchronous: the
ingest writer calls them from a worker thread, the API from its thread pool. A sample is identified by
(device, property, timestamp): writing the same one twice stores it once, so redelivery is harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from longcheng.core.plugins import Spec
from longcheng.core.samples import Event, Quality, Rejection, Sample, Value

Aggregate = Literal["avg", "min", "max", "sum", "count", "first", "last"]
AGGREGATES: tuple[Aggregate, ...] = ("avg", "min", "max", "sum", "count", "first", "last")


@dataclass(frozen=True, slots=True)
class Point:
    ts_ms: int
    value: Value
    quality: Quality = Quality.GOOD


@dataclass(frozen=True, slots=True)
class Bucket:
    start_ms: int
    value: float | None
    count: int


@dataclass(frozen=True, slots=True)
class DeviceActivity:
    device_id: int
    tenant_id: int
    last_seen_ms: int
    samples: int
    rejected: int


@dataclass(frozen=True, slots=True)
class DeadLetter:
    id: int
    tenant_id: int | None
    device_id: int | None
    received_ms: int
    reason: str
    field: str
    detail: str
    payload: str


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: int
    device_id: int
    ts_ms: int
    name: str
    params: dict[str, Value]


@dataclass(frozen=True, slots=True)
class Totals:
    samples: int
    rejected: int
    online_devices: int
    active_devices: int


@dataclass(slots=True)
class WriteBatch:
    """What one flush of the ingest writer stores, atomically."""

    samples: list[Sample] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    seen: dict[int, tuple[int, int]] = field(default_factory=dict)  # device -> (tenant, last seen ms)
    events: list[Event] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.samples) + len(self.rejections) + len(self.seen) + len(self.events)


class TimeSeriesStore(Protocol):
    def write(self, batch: WriteBatch) -> int:
        """Store a batch in one transaction; return the number of new samples stored."""
        ...

    def range(self, device_id: int, prop: str, start_ms: int, end_ms: int, limit: int) -> list[Point]:
        """Raw points with ``start_ms <= ts < end_ms``, oldest first, at most ``limit``."""
        ...

    def aggregate(
        self, device_id: int, prop: str, start_ms: int, end_ms: int, interval_ms: int, agg: Aggregate
    ) -> list[Bucket]:
        """One bucket per ``interval_ms`` (aligned to the epoch) that holds data, oldest first."""
        ...

    def latest(self, device_id: int) -> dict[str, Point]: ...

    def activity(self, device_ids: Sequence[int]) -> dict[int, DeviceActivity]: ...

    def totals(self, tenant_id: int | None, online_since_ms: int) -> Totals:
        """Counters of one tenant, or of all tenants when ``tenant_id`` is None."""
        ...

    def online_devices(self, tenant_id: int | None, online_since_ms: int) -> set[int]: ...

    def dead_letters(
        self, tenant_id: int | None, device_id: int | None, reason: str | None, limit: int, offset: int
    ) -> tuple[list[DeadLetter], int]: ...

    def events(self, device_id: int, limit: int, offset: int) -> tuple[list[StoredEvent], int]:
        """A device's events, newest first, and how many it has."""
        ...

    def rejected_by_reason(self, tenant_id: int | None, device_id: int | None) -> dict[str, int]: ...

    def delete_device(self, device_id: int) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeSeriesSpec(Spec):
    """A time-series backend plugin: ``open(url)`` returns a ready store (schema migrated)."""

    scheme: str
    open: Callable[[str], TimeSeriesStore]


__all__ = [
    "AGGREGATES",
    "Aggregate",
    "Bucket",
    "DeadLetter",
    "DeviceActivity",
    "Point",
    "StoredEvent",
    "TimeSeriesSpec",
    "TimeSeriesStore",
    "Totals",
    "WriteBatch",
]
