"""In-memory time-series store: the test double and the reference semantics the SQL stores must match."""

from __future__ import annotations

import bisect
import itertools
import threading
from collections.abc import Callable, Sequence

from longcheng.core.samples import Quality, Sample
from longcheng.storage.timeseries.base import (
    Aggregate,
    Bucket,
    DeadLetter,
    DeviceActivity,
    Point,
    StoredEvent,
    TimeSeriesSpec,
    Totals,
    WriteBatch,
)

_REDUCERS: dict[str, Callable[[list[float]], float]] = {
    "avg": lambda v: sum(v) / len(v),
    "min": min,
    "max": max,
    "sum": sum,
    "count": lambda v: float(len(v)),
    "first": lambda v: v[0],
    "last": lambda v: v[-1],
}


def _reduce(values: list[float], agg: Aggregate) -> float:
    return float(_REDUCERS[agg](values))


class MemoryTimeSeriesStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._series: dict[tuple[int, str], dict[int, tuple[object, Quality]]] = {}
        self._latest: dict[int, dict[str, Point]] = {}
        self._activity: dict[int, DeviceActivity] = {}
        self._dead: list[DeadLetter] = []
        self._events: list[StoredEvent] = []
        self._ids = itertools.count(1)

    def write(self, batch: WriteBatch) -> int:
        with self._lock:
            counts: dict[int, list[int]] = {}
            for s in batch.samples:
                counts.setdefault(s.device_id, [0, 0])[0] += self._put(s)
            for r in batch.rejections:
                if r.device_id is not None:
                    counts.setdefault(r.device_id, [0, 0])[1] += 1
                self._dead.append(
                    DeadLetter(
                        next(self._ids),
                        r.tenant_id,
                        r.device_id,
                        r.received_ms,
                        r.reason.value,
                        r.field,
                        r.detail,
                        r.payload,
                    )
                )
            self._events += [
                StoredEvent(next(self._ids), e.device_id, e.ts_ms, e.name, dict(e.params))
                for e in batch.events
            ]
            for device_id, (tenant_id, seen) in batch.seen.items():
                old = self._activity.get(device_id, DeviceActivity(device_id, tenant_id, seen, 0, 0))
                n, rej = counts.get(device_id, [0, 0])
                self._activity[device_id] = DeviceActivity(
                    device_id, tenant_id, max(old.last_seen_ms, seen), old.samples + n, old.rejected + rej
                )
        return sum(n for n, _ in counts.values())

    def _put(self, s: Sample) -> int:
        series = self._series.setdefault((s.device_id, s.property), {})
        latest = self._latest.setdefault(s.device_id, {})
        current = latest.get(s.property)
        if current is None or s.ts_ms > current.ts_ms:  # at equal ts the first one stays, as in the series
            latest[s.property] = Point(s.ts_ms, s.value, s.quality)
        if s.ts_ms in series:
            return 0
        series[s.ts_ms] = (s.value, s.quality)
        return 1

    def _points(self, device_id: int, prop: str, start_ms: int, end_ms: int) -> list[Point]:
        series = self._series.get((device_id, prop), {})
        keys = sorted(series)
        lo, hi = bisect.bisect_left(keys, start_ms), bisect.bisect_left(keys, end_ms)
        return [Point(ts, *series[ts]) for ts in keys[lo:hi]]  # type: ignore[arg-type]

    def range(self, device_id: int, prop: str, start_ms: int, end_ms: int, limit: int) -> list[Point]:
        with self._lock:
            return self._points(device_id, prop, start_ms, end_ms)[:limit]

    def aggregate(
        self, device_id: int, prop: str, start_ms: int, end_ms: int, interval_ms: int, agg: Aggregate
    ) -> list[Bucket]:
        with self._lock:
            points = self._points(device_id, prop, start_ms, end_ms)
        groups: dict[int, list[float]] = {}
        for p in points:
            if not isinstance(p.value, str):
                groups.setdefault(p.ts_ms // interval_ms * interval_ms, []).append(float(p.value))
        return [Bucket(start, _reduce(vals, agg), len(vals)) for start, vals in sorted(groups.items())]

    def latest(self, device_id: int) -> dict[str, Point]:
        with self._lock:
            return dict(self._latest.get(device_id, {}))

    def activity(self, device_ids: Sequence[int]) -> dict[int, DeviceActivity]:
        return {d: self._activity[d] for d in device_ids if d in self._activity}

    def totals(self, tenant_id: int | None, online_since_ms: int) -> Totals:
        rows = [a for a in self._activity.values() if tenant_id is None or a.tenant_id == tenant_id]
        unattributed = sum(
            1 for d in self._dead if d.device_id is None and (tenant_id is None or d.tenant_id == tenant_id)
        )
        return Totals(
            sum(a.samples for a in rows),
            sum(a.rejected for a in rows) + unattributed,
            sum(1 for a in rows if a.last_seen_ms >= online_since_ms),
            len(rows),
        )

    def online_devices(self, tenant_id: int | None, online_since_ms: int) -> set[int]:
        return {
            a.device_id
            for a in self._activity.values()
            if a.last_seen_ms >= online_since_ms and (tenant_id is None or a.tenant_id == tenant_id)
        }

    def _dead_matching(
        self, tenant_id: int | None, device_id: int | None, reason: str | None
    ) -> list[DeadLetter]:
        return [
            d
            for d in self._dead
            if (tenant_id is None or d.tenant_id == tenant_id)
            and (device_id is None or d.device_id == device_id)
            and (reason is None or d.reason == reason)
        ]

    def dead_letters(
        self, tenant_id: int | None, device_id: int | None, reason: str | None, limit: int, offset: int
    ) -> tuple[list[DeadLetter], int]:
        rows = self._dead_matching(tenant_id, device_id, reason)[::-1]
        return rows[offset : offset + limit], len(rows)

    def events(self, device_id: int, limit: int, offset: int) -> tuple[list[StoredEvent], int]:
        rows = sorted((e for e in self._events if e.device_id == device_id), key=lambda e: (-e.ts_ms, -e.id))
        return rows[offset : offset + limit], len(rows)

    def rejected_by_reason(self, tenant_id: int | None, device_id: int | None) -> dict[str, int]:
        counts: dict[str, int] = {}
        for d in self._dead_matching(tenant_id, device_id, None):
            counts[d.reason] = counts.get(d.reason, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]))

    def delete_device(self, device_id: int) -> None:
        with self._lock:
            for key in [k for k in self._series if k[0] == device_id]:
                del self._series[key]
            self._latest.pop(device_id, None)
            self._activity.pop(device_id, None)
            self._dead = [d for d in self._dead if d.device_id != device_id]
            self._events = [e for e in self._events if e.device_id != device_id]

    def close(self) -> None:
        """Nothing to release."""


def open_memory(_url: str) -> MemoryTimeSeriesStore:
    return MemoryTimeSeriesStore()


SPEC = TimeSeriesSpec(
    name="memory",
    title_key="storage.timeseries.memory",
    scheme="memory",
    open=open_memory,
    summary="In-process dictionaries; nothing survives a restart. For tests and demos.",
)

__all__ = ["SPEC", "MemoryTimeSeriesStore", "open_memory"]
