"""The time-series seam: telemetry samples, latest values, per-device counters and dead letters."""

from longcheng.storage.timeseries.base import (
    AGGREGATES,
    Bucket,
    DeadLetter,
    DeviceActivity,
    Point,
    StoredEvent,
    TimeSeriesSpec,
    TimeSeriesStore,
    Totals,
    WriteBatch,
)

__all__ = [
    "AGGREGATES",
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
