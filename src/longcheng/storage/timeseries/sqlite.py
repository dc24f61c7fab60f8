"""SQLite time-series store: stdlib ``sqlite3`` with ``executemany`` in one transaction per batch (the raw
path measured at ~1.2M rows/s in research/limits.md), WAL so API readers never block the writer."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import orjson

from longcheng.core.samples import Sample
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
from longcheng.storage.timeseries.codec import QUALITY_BY_CODE, QUALITY_CODES, decode_value, encode_value

_INSERT_SAMPLE = (
    "INSERT OR IGNORE INTO samples (device_id, property, ts, value, value_text, vtype, quality)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_UPSERT_LATEST = (
    "INSERT INTO latest (device_id, property, ts, value, value_text, vtype, quality)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, property) DO UPDATE SET"
    " ts = excluded.ts, value = excluded.value, value_text = excluded.value_text,"
    " vtype = excluded.vtype, quality = excluded.quality WHERE excluded.ts > latest.ts"
)
_UPSERT_ACTIVITY = (
    "INSERT INTO device_activity (device_id, tenant_id, last_seen, samples, rejected)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
    " last_seen = max(last_seen, excluded.last_seen), samples = samples + excluded.samples,"
    " rejected = rejected + excluded.rejected"
)
_INSERT_DEAD = (
    "INSERT INTO dead_letters (tenant_id, device_id, received, reason, field, detail, payload)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_EVENT = "INSERT INTO events (tenant_id, device_id, ts, name, params) VALUES (?, ?, ?, ?, ?)"
_AGG_SQL: dict[str, str] = {
    "avg": "avg(value)",
    "min": "min(value)",
    "max": "max(value)",
    "sum": "sum(value)",
    "count": "count(*)",
    "first": "value",
    "last": "value",
}


def _sample_row(s: Sample) -> tuple[object, ...]:
    value, text, vtype = encode_value(s.value)
    return (s.device_id, s.property, s.ts_ms, value, text, vtype, QUALITY_CODES[s.quality])


def _path_of(url: str) -> str:
    if not url.startswith("sqlite:///"):
        raise ValueError(f"not an sqlite URL: {url!r}")
    return url.removeprefix("sqlite:///")


class SqliteTimeSeriesStore:
    """One writer connection behind a lock; one reader connection per thread."""

    def __init__(self, url: str) -> None:
        self._path = _path_of(url)
        if self._path != ":memory:":
            Path(self._path).parent.mkdir(parents=True, exist_ok=True)
        self._write_lock = threading.Lock()
        self._writer = self._connect()
        self._local = threading.local()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=10000")
        conn.execute("PRAGMA cache_size=-65536")  # 64 MiB: the default 2 MiB thrashes on the samples B-tree
        return conn

    def _reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def write(self, batch: WriteBatch) -> int:
        rows: dict[int, list[tuple[object, ...]]] = {}
        latest: dict[tuple[int, str], Sample] = {}
        for s in batch.samples:
            rows.setdefault(s.device_id, []).append(_sample_row(s))
            key = (s.device_id, s.property)
            current = latest.get(key)
            if current is None or s.ts_ms > current.ts_ms:  # at equal ts the first one stays, as in samples
                latest[key] = s
        rejected: dict[int, int] = {}
        for r in batch.rejections:
            if r.device_id is not None:
                rejected[r.device_id] = rejected.get(r.device_id, 0) + 1
        dead = [
            (r.tenant_id, r.device_id, r.received_ms, r.reason.value, r.field, r.detail, r.payload)
            for r in batch.rejections
        ]
        with self._write_lock:
            cur = self._writer.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                stored = self._insert_samples(cur, rows)
                cur.executemany(_UPSERT_LATEST, [_sample_row(s) for s in latest.values()])
                cur.executemany(
                    _UPSERT_ACTIVITY,
                    [
                        (device_id, tenant_id, seen_ms, stored.get(device_id, 0), rejected.get(device_id, 0))
                        for device_id, (tenant_id, seen_ms) in batch.seen.items()
                    ],
                )
                cur.executemany(_INSERT_DEAD, dead)
                cur.executemany(
                    _INSERT_EVENT,
                    [
                        (e.tenant_id, e.device_id, e.ts_ms, e.name, orjson.dumps(e.params).decode())
                        for e in batch.events
                    ],
                )
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return sum(stored.values())

    @staticmethod
    def _insert_samples(cur: sqlite3.Cursor, rows: dict[int, list[tuple[object, ...]]]) -> dict[int, int]:
        """Insert all rows in one statement; only when some were duplicates, redo them device by device
        to learn how many each device really added (the common case pays nothing extra)."""
        total = sum(len(r) for r in rows.values())
        if not total:
            return {}
        cur.execute("SAVEPOINT samples")
        cur.executemany(_INSERT_SAMPLE, [row for device_rows in rows.values() for row in device_rows])
        if cur.rowcount == total:
            cur.execute("RELEASE samples")
            return {device_id: len(device_rows) for device_id, device_rows in rows.items()}
        cur.execute("ROLLBACK TO samples")
        stored: dict[int, int] = {}
        for device_id, device_rows in rows.items():
            cur.executemany(_INSERT_SAMPLE, device_rows)
            stored[device_id] = cur.rowcount
        cur.execute("RELEASE samples")
        return stored

    def range(self, device_id: int, prop: str, start_ms: int, end_ms: int, limit: int) -> list[Point]:
        rows = self._reader().execute(
            "SELECT ts, value, value_text, vtype, quality FROM samples WHERE device_id = ? AND property = ?"
            " AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?",
            (device_id, prop, start_ms, end_ms, limit),
        )
        return [Point(ts, decode_value(v, t, vt), QUALITY_BY_CODE[q]) for ts, v, t, vt, q in rows]

    def aggregate(
        self, device_id: int, prop: str, start_ms: int, end_ms: int, interval_ms: int, agg: Aggregate
    ) -> list[Bucket]:
        expr = _AGG_SQL[agg]
        # SQLite fills bare columns from the row that holds min()/max(): that gives first and last
        picker = {"first": ", min(ts)", "last": ", max(ts)"}.get(agg, "")
        rows = self._reader().execute(
            f"SELECT (ts / ?) * ? AS bucket, {expr}, count(*){picker} FROM samples"
            " WHERE device_id = ? AND property = ? AND ts >= ? AND ts < ? AND vtype < 3"
            " GROUP BY bucket ORDER BY bucket",
            (interval_ms, interval_ms, device_id, prop, start_ms, end_ms),
        )
        return [Bucket(int(row[0]), None if row[1] is None else float(row[1]), int(row[2])) for row in rows]

    def latest(self, device_id: int) -> dict[str, Point]:
        rows = self._reader().execute(
            "SELECT property, ts, value, value_text, vtype, quality FROM latest WHERE device_id = ?",
            (device_id,),
        )
        return {p: Point(ts, decode_value(v, t, vt), QUALITY_BY_CODE[q]) for p, ts, v, t, vt, q in rows}

    def activity(self, device_ids: Sequence[int]) -> dict[int, DeviceActivity]:
        result: dict[int, DeviceActivity] = {}
        ids = list(device_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._reader().execute(
                "SELECT device_id, tenant_id, last_seen, samples, rejected FROM device_activity"
                f" WHERE device_id IN ({marks})",
                chunk,
            )
            for row in rows:
                result[row[0]] = DeviceActivity(*row)
        return result

    def totals(self, tenant_id: int | None, online_since_ms: int) -> Totals:
        where, args = ("WHERE tenant_id = ?", [tenant_id]) if tenant_id is not None else ("", [])
        row = (
            self._reader()
            .execute(
                "SELECT coalesce(sum(samples), 0), coalesce(sum(rejected), 0),"
                f" coalesce(sum(last_seen >= ?), 0), count(*) FROM device_activity {where}",
                [online_since_ms, *args],
            )
            .fetchone()
        )
        unattributed = (
            self._reader()
            .execute(
                f"SELECT count(*) FROM dead_letters WHERE device_id IS NULL {where.replace('WHERE', 'AND')}",
                args,
            )
            .fetchone()[0]
        )
        return Totals(int(row[0]), int(row[1]) + unattributed, int(row[2]), int(row[3]))

    def online_devices(self, tenant_id: int | None, online_since_ms: int) -> set[int]:
        sql = "SELECT device_id FROM device_activity WHERE last_seen >= ?"
        args: list[object] = [online_since_ms]
        if tenant_id is not None:
            sql += " AND tenant_id = ?"
            args.append(tenant_id)
        return {row[0] for row in self._reader().execute(sql, args)}

    def dead_letters(
        self, tenant_id: int | None, device_id: int | None, reason: str | None, limit: int, offset: int
    ) -> tuple[list[DeadLetter], int]:
        where, args = self._dead_filter(tenant_id, device_id, reason)
        reader = self._reader()
        total = reader.execute(f"SELECT count(*) FROM dead_letters {where}", args).fetchone()[0]
        rows = reader.execute(
            "SELECT id, tenant_id, device_id, received, reason, field, detail, payload FROM dead_letters"
            f" {where} ORDER BY id DESC LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        return [DeadLetter(*row) for row in rows], int(total)

    def events(self, device_id: int, limit: int, offset: int) -> tuple[list[StoredEvent], int]:
        reader = self._reader()
        total = reader.execute("SELECT count(*) FROM events WHERE device_id = ?", (device_id,)).fetchone()[0]
        rows = reader.execute(
            "SELECT id, device_id, ts, name, params FROM events WHERE device_id = ?"
            " ORDER BY ts DESC, id DESC LIMIT ? OFFSET ?",
            (device_id, limit, offset),
        )
        return [StoredEvent(i, d, ts, name, orjson.loads(params)) for i, d, ts, name, params in rows], int(
            total
        )

    def rejected_by_reason(self, tenant_id: int | None, device_id: int | None) -> dict[str, int]:
        where, args = self._dead_filter(tenant_id, device_id, None)
        rows = self._reader().execute(
            f"SELECT reason, count(*) FROM dead_letters {where} GROUP BY reason ORDER BY 2 DESC",
            args,
        )
        return {reason: int(n) for reason, n in rows}

    @staticmethod
    def _dead_filter(
        tenant_id: int | None, device_id: int | None, reason: str | None
    ) -> tuple[str, list[object]]:
        clauses: list[str] = []
        args: list[object] = []
        for column, value in (("tenant_id", tenant_id), ("device_id", device_id), ("reason", reason)):
            if value is not None:
                clauses.append(f"{column} = ?")
                args.append(value)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", args

    def delete_device(self, device_id: int) -> None:
        with self._write_lock:
            cur = self._writer.cursor()
            cur.execute("BEGIN IMMEDIATE")
            for table in ("samples", "latest", "device_activity", "dead_letters", "events"):
                cur.execute(f"DELETE FROM {table} WHERE device_id = ?", (device_id,))
            cur.execute("COMMIT")

    def close(self) -> None:
        self._writer.close()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()


def open_sqlite(url: str) -> SqliteTimeSeriesStore:
    """Migrate the schema to head, then open the store."""
    from longcheng.storage.migrations import upgrade_timeseries  # noqa: PLC0415 - alembic loads lazily

    upgrade_timeseries(url)
    return SqliteTimeSeriesStore(url)


SPEC = TimeSeriesSpec(
    name="sqlite",
    title_key="storage.timeseries.sqlite",
    scheme="sqlite",
    open=open_sqlite,
    summary="SQLite file, WAL, batched executemany; the embedded default.",
)

__all__ = ["SPEC", "SqliteTimeSeriesStore", "open_sqlite"]
