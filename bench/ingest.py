"""Ingest benchmark: every platform figure beside the raw limit underneath it, measured in the same run.

1. store     raw ``sqlite3`` executemany of N rows in one transaction, into the very table the migration
             creates, vs ``SqliteTimeSeriesStore.write`` of the same N samples in batches of the platform's
             default flush size.
2. pipeline  ``orjson.loads`` / ``json.loads`` of the same payloads (and a decode + executemany floor) vs
             ``Ingest.handle`` for M messages plus the flushes into SQLite; no broker.
3. e2e       paho publishers (their own process, one connection per device) -> plain amqtt broker (anonymous
             plugin only) -> paho subscriber (its own process), vs the same publishers -> ``EmbeddedBroker``
             (device auth, ACL, in-process hook) -> ``Ingest`` -> SQLite, until every sample is stored.
             Both brokers run in this process, as the embedded broker does in the platform.

Figures are median (min-max) over ``--reps`` runs; each ratio is taken per rep (platform and raw measured
back to back) and then summarised. CPU is CPU-seconds of a process over the measured window divided by the
window (1.00 = one core busy). Usage: ``.venv/bin/python bench/ingest.py [--reps 3] [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import faulthandler
import json
import math
import multiprocessing
import os
import platform
import select
import socket
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import orjson
import paho.mqtt.client as mqtt
import psutil  # type: ignore[import-untyped]  # a dependency of amqtt
from amqtt.broker import Broker as AmqttBroker
from paho.mqtt.enums import CallbackAPIVersion

from longcheng.core import topics
from longcheng.core.clock import SystemClock
from longcheng.core.samples import Sample, Value
from longcheng.core.settings import Settings
from longcheng.core.thing_model import ThingModel
from longcheng.core.tokens import hash_token, new_token
from longcheng.ingest.broker.embedded import EmbeddedBroker
from longcheng.ingest.directory import DeviceDirectory, DeviceEntry
from longcheng.ingest.pipeline import Ingest
from longcheng.ingest.validate import Limits
from longcheng.storage.migrations import upgrade_timeseries
from longcheng.storage.timeseries import WriteBatch
from longcheng.storage.timeseries.codec import encode_value
from longcheng.storage.timeseries.sqlite import SqliteTimeSeriesStore, open_sqlite

warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"amqtt\..*")

HOST = "127.0.0.1"  # loopback only
TENANT = "bench"
TENANT_ID = 1
PREFIX_FILTER = f"{topics.PREFIX}/#"
THING_MODEL: dict[str, Any] = {
    "properties": [
        {"name": "temperature", "data_type": "float", "unit": "degC", "min": -50, "max": 200},
        {"name": "pressure", "data_type": "float", "unit": "bar", "min": 0, "max": 100},
        {"name": "flow", "data_type": "float", "unit": "m**3/h", "min": 0, "max": 500},
        {"name": "speed", "data_type": "int", "unit": "rpm", "min": 0, "max": 3600},
        {"name": "running", "data_type": "bool"},
    ]
}
PROPERTIES = len(THING_MODEL["properties"])
RAW_INSERT = (
    "INSERT INTO samples (device_id, property, ts, value, value_text, vtype, quality)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
HEAP_TABLE = (
    "CREATE TABLE samples (device_id INTEGER, property TEXT, ts BIGINT, value FLOAT, value_text TEXT,"
    " vtype SMALLINT, quality SMALLINT)"
)
_FIELDS = Settings.model_fields
FLUSH_MAX: int = _FIELDS["flush_max_samples"].default
FLUSH_INTERVAL_MS: int = _FIELDS["flush_interval_ms"].default
LIMITS = Limits(
    _FIELDS["max_payload_bytes"].default,
    _FIELDS["max_future_skew_s"].default * 1000,
    _FIELDS["max_past_age_s"].default * 1000,
)
POLL_S = 0.005  # how often the parent looks at progress during an end-to-end run
IDLE_S = 3.0  # an end-to-end run that makes no progress this long after the publisher finished is over


@dataclass(frozen=True)
class Sizes:
    devices: int
    store_rows: int
    pipeline_messages: int
    e2e_messages: dict[int, int]  # QoS -> messages
    limit_s: float  # bound of one end-to-end run

    @staticmethod
    def default() -> Sizes:
        return Sizes(200, 200_000, 40_000, {0: 14_000, 1: 9_000}, 60.0)

    @staticmethod
    def quick() -> Sizes:
        return Sizes(50, 40_000, 8_000, {0: 3_000, 1: 2_000}, 20.0)


# ------------------------------------------------------------------------------------------- data


def device_key(index: int) -> str:
    return f"dev-{index:04d}"


def device_username(index: int) -> str:
    return topics.device_username(TENANT, device_key(index))


def sample_values(index: int, seq: int) -> dict[str, float | int | bool]:
    return {
        "temperature": round(20.0 + index % 10 + seq * 0.01, 2),
        "pressure": round(1.5 + (seq % 7) * 0.1, 2),
        "flow": 100.0 + index % 50 + seq % 13,
        "speed": 1450 + seq % 50,
        "running": seq % 11 != 0,
    }


def base_ms(count: int, devices: int) -> int:
    """A start time such that one message per device per second ends a minute ago (all in the past)."""
    rounds = math.ceil(count / devices)
    return SystemClock().now_ms() - (rounds + 60) * 1000


def messages(devices: int, count: int, start_ms: int) -> list[tuple[int, str, bytes]]:
    """(device index, topic, payload) round-robin over the devices; one second apart per device."""
    result = []
    for i in range(count):
        index, seq = i % devices, i // devices
        body = orjson.dumps({"ts": start_ms + seq * 1000, "values": sample_values(index, seq)})
        result.append((index, topics.telemetry_topic(TENANT, device_key(index)), body))
    return result


def samples(devices: int, rows: int, start_ms: int) -> list[Sample]:
    """Time-major, as ingest produces them: every device's properties at one instant, then the next."""
    result = []
    for seq in range(rows // (devices * PROPERTIES)):
        for index in range(devices):
            for name, value in sample_values(index, seq).items():
                result.append(Sample(TENANT_ID, index + 1, name, start_ms + seq * 1000, value))
    return result


def raw_row(device_id: int, name: str, ts_ms: int, value: Value) -> tuple[object, ...]:
    number, text, vtype = encode_value(value)
    return (device_id, name, ts_ms, number, text, vtype, 0)


class DictLoader:
    """The device directory's loader over a dict (the registry's SQL loader is not what is measured)."""

    def __init__(self, devices: int, secrets: Sequence[str] = ()) -> None:
        props = ThingModel.model_validate(THING_MODEL).property_map()
        self.entries = {
            (TENANT, device_key(i)): DeviceEntry(
                TENANT_ID,
                i + 1,
                TENANT,
                device_key(i),
                hash_token(secrets[i]) if secrets else "",
                True,
                props,
            )
            for i in range(devices)
        }

    def load_device(self, tenant_code: str, key: str) -> DeviceEntry | None:
        return self.entries.get((tenant_code, key))

    def load_tenant_id(self, tenant_code: str) -> int | None:
        return TENANT_ID if tenant_code == TENANT else None


# ------------------------------------------------------------------------------------------- results


@dataclass
class Row:
    what: str
    unit: str
    values: list[float] = field(default_factory=list)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    note: str = ""


@dataclass
class Table:
    rows: dict[str, Row] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(
        self, what: str, unit: str, value: float, cpu: dict[str, float] | None = None, note: str = ""
    ) -> None:
        row = self.rows.setdefault(what + unit, Row(what, unit, note=note))
        row.values.append(value)
        for name, cores in (cpu or {}).items():
            row.cpu.setdefault(name, []).append(cores)

    def check(self, ok: bool, text: str) -> None:
        (self.checks if ok else self.problems).append(text)


def fmt(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1000:
        return f"{int(value)}"
    if value < 1:
        return f"{value:.3f}"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def summary(values: Sequence[float]) -> str:
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}-{fmt(max(values))})"


def render(table: Table) -> str:
    lines = [
        "| what | figure median (min-max) | unit | CPU (cores, median) | notes |",
        "|---|---|---|---|---|",
    ]
    for row in table.rows.values():
        cpu = ", ".join(f"{name} {statistics.median(v):.2f}" for name, v in row.cpu.items())
        lines.append(f"| {row.what} | {summary(row.values)} | {row.unit} | {cpu} | {row.note} |")
    return "\n".join(lines)


@contextlib.contextmanager
def window() -> Iterator[list[float]]:
    """Yields [wall s, cpu s] of this process (all its threads), filled when the block ends."""
    measured = [0.0, 0.0]
    wall, cpu = time.perf_counter(), time.process_time()
    yield measured
    measured[0], measured[1] = time.perf_counter() - wall, time.process_time() - cpu


def sqlite_url(folder: Path, name: str) -> str:
    return f"sqlite:///{folder / name}"


def raw_connection(url: str) -> sqlite3.Connection:
    """The table made by the platform's migration, opened the way the store opens it (WAL, NORMAL)."""
    upgrade_timeseries(url)
    conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def count_rows(url: str) -> int:
    with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
        return int(conn.execute("SELECT count(*) FROM samples").fetchone()[0])


class TimedStore(SqliteTimeSeriesStore):
    """The platform's SQLite store, noting the wall and the thread CPU time of each write (two clock reads
    around ``SqliteTimeSeriesStore.write``); wall far above CPU means the writer thread waited for the GIL.

    ``close`` first waits for a write still running in a worker thread: cancelling ``Ingest.run`` during a
    flush leaves that write running, and closing the connection under it crashes the process
    (docs/performance.md, "Problems found")."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.writes: list[tuple[float, float, int]] = []
        self.busy = threading.Lock()

    def write(self, batch: WriteBatch) -> int:
        with self.busy:
            wall, cpu = time.perf_counter(), time.thread_time()
            stored = super().write(batch)
            self.writes.append((time.perf_counter() - wall, time.thread_time() - cpu, len(batch.samples)))
        return stored

    def wait_ratio(self) -> float:
        """Sum of the writes' wall time over the sum of their CPU time."""
        return sum(w for w, _c, _n in self.writes) / max(sum(c for _w, c, _n in self.writes), 1e-9)

    def close(self) -> None:
        if self.busy.acquire(timeout=60):
            self.busy.release()
        super().close()


def open_timed(url: str) -> TimedStore:
    """As ``open_sqlite``: migrate the schema to head, then open."""
    upgrade_timeseries(url)
    return TimedStore(url)


# ------------------------------------------------------------------------------------------- 1. store


def store_raw(
    rows: list[tuple[object, ...]], folder: Path, *, keyed: bool = True, batch: int = 0
) -> tuple[float, float]:
    """executemany into the migration's ``samples`` table in one transaction (or in transactions of
    ``batch`` rows), or (``keyed=False``) into a table of the same columns without a key, the setup of
    research/limits.md section 3."""
    url = sqlite_url(folder, f"raw-{keyed}-{batch}.db")
    step = batch or len(rows)
    with contextlib.closing(raw_connection(url)) as conn:
        if not keyed:
            conn.execute("DROP TABLE samples")
            conn.execute(HEAP_TABLE)
        with window() as took:
            for start in range(0, len(rows), step):
                conn.execute("BEGIN")
                conn.executemany(RAW_INSERT, rows[start : start + step])
                conn.execute("COMMIT")
    if count_rows(url) != len(rows):
        raise RuntimeError(f"raw store: {count_rows(url)} rows stored of {len(rows)}")
    return took[0], took[1]


def key_order(row: tuple[object, ...]) -> tuple[int, str, int]:
    """The primary key of ``samples``: (device_id, property, ts)."""
    device_id, prop, ts = row[0], row[1], row[2]
    assert isinstance(device_id, int)
    assert isinstance(prop, str)
    assert isinstance(ts, int)
    return device_id, prop, ts


def store_platform(batches: list[WriteBatch], folder: Path) -> tuple[float, float, int]:
    store = open_sqlite(sqlite_url(folder, "store.db"))
    try:
        with window() as took:
            stored = sum(store.write(batch) for batch in batches)
    finally:
        store.close()
    return took[0], took[1], stored


def bench_store(table: Table, sizes: Sizes, reps: int) -> None:
    data = samples(sizes.devices, sizes.store_rows, base_ms(sizes.store_rows, sizes.devices))
    n = len(data)
    arrival = [raw_row(s.device_id, s.property, s.ts_ms, s.value) for s in data]
    keyed = sorted(arrival, key=key_order)
    for rep in range(reps):
        batches = [
            WriteBatch(
                samples=data[i : i + FLUSH_MAX],
                seen={s.device_id: (TENANT_ID, s.ts_ms) for s in data[i : i + FLUSH_MAX]},
            )
            for i in range(0, n, FLUSH_MAX)
        ]
        with tempfile.TemporaryDirectory(prefix="longcheng-bench-") as tmp:
            heap_wall, heap_cpu = store_raw(arrival, Path(tmp), keyed=False)
            raw_wall, raw_cpu = store_raw(keyed, Path(tmp))
            naive_wall, naive_cpu = store_raw(arrival, Path(tmp), batch=FLUSH_MAX)
            wall, cpu, stored = store_platform(batches, Path(tmp))
        table.check(stored == n, f"store rep {rep + 1}: {stored} of {n} samples stored")
        raw_rate, rate = n / raw_wall, n / wall
        tag = "1 store ·"
        table.add(
            f"{tag} reference: table without a key, arrival order, one transaction",
            "rows/s",
            n / heap_wall,
            {"proc": heap_cpu / heap_wall},
            "research/limits.md section 3 setup; not the baseline",
        )
        table.add(
            f"{tag} raw: sqlite3 executemany, same table, rows in key order, one transaction",
            "rows/s",
            raw_rate,
            {"proc": raw_cpu / raw_wall},
            f"the raw limit; {n:,} rows, {sizes.devices} devices x {PROPERTIES} properties",
        )
        table.add(
            f"{tag} raw: same table, arrival (time-major) order, transactions of {FLUSH_MAX:,}",
            "rows/s",
            n / naive_wall,
            {"proc": naive_cpu / naive_wall},
            "what inserting batches as they arrive gets",
        )
        table.add(
            f"{tag} platform: SqliteTimeSeriesStore.write, batches of {FLUSH_MAX:,} in arrival order",
            "rows/s",
            rate,
            {"proc": cpu / wall},
            "samples + latest upsert + device_activity per batch",
        )
        table.add(f"{tag} platform / raw", "x", rate / raw_rate)
        print(
            f"  store rep {rep + 1}: raw {raw_rate:,.0f} rows/s, platform {rate:,.0f} rows/s", file=sys.stderr
        )


# ------------------------------------------------------------------------------------------- 2. pipeline


def decode_raw(payloads: list[bytes], loads: Callable[[bytes], Any]) -> tuple[float, float]:
    with window() as took:
        for body in payloads:
            loads(body)
    return took[0], took[1]


def floor_raw(msgs: list[tuple[int, str, bytes]], folder: Path) -> tuple[float, float]:
    """The least any Python ingest can do: decode, one tuple per value, sort by key, one executemany."""
    url = sqlite_url(folder, "floor.db")
    with contextlib.closing(raw_connection(url)) as conn, window() as took:
        rows = []
        for index, _topic, body in msgs:
            doc = orjson.loads(body)
            ts = doc["ts"]
            for name, value in doc["values"].items():
                rows.append((index + 1, name, ts, float(value), None, 0, 0))
        rows.sort()  # (device_id, property, ts) first: the key order
        conn.execute("BEGIN")
        conn.executemany(RAW_INSERT, rows)
        conn.execute("COMMIT")
    return took[0], took[1]


@dataclass
class PipelineRun:
    wall: float
    cpu: float
    handle_s: float
    flush_s: float
    stored: int
    rejected: int
    write_wait: float


async def pipeline_platform(msgs: list[tuple[int, str, bytes]], devices: int, folder: Path) -> PipelineRun:
    url = sqlite_url(folder, "pipeline.db")
    store = await asyncio.to_thread(open_timed, url)
    directory = DeviceDirectory(DictLoader(devices), SystemClock())
    ingest = Ingest(
        directory,
        store,
        SystemClock(),
        LIMITS,
        flush_interval_ms=FLUSH_INTERVAL_MS,
        flush_max_samples=FLUSH_MAX,
    )
    for index in range(devices):  # the cache warm, as in a running platform
        await directory.get(TENANT, device_key(index))
    stats, flush_s = ingest.stats, 0.0
    try:
        with window() as took:
            for _index, topic, body in msgs:
                await ingest.handle(topic, body)
                if stats.samples_accepted - stats.samples_stored >= FLUSH_MAX:  # what wakes the writer
                    started = time.perf_counter()
                    await ingest.flush()
                    flush_s += time.perf_counter() - started
            started = time.perf_counter()
            await ingest.flush()
            flush_s += time.perf_counter() - started
    finally:
        store.close()
    rejected = sum(stats.rejected.values())
    return PipelineRun(
        took[0], took[1], took[0] - flush_s, flush_s, stats.samples_stored, rejected, store.wait_ratio()
    )


def bench_pipeline(table: Table, sizes: Sizes, reps: int) -> None:
    m = sizes.pipeline_messages
    msgs = messages(sizes.devices, m, base_ms(m, sizes.devices))
    payloads = [body for _i, _t, body in msgs]
    size = statistics.mean(len(p) for p in payloads)
    for rep in range(reps):
        orjson_wall, orjson_cpu = decode_raw(payloads, orjson.loads)
        json_wall, json_cpu = decode_raw(payloads, json.loads)
        with tempfile.TemporaryDirectory(prefix="longcheng-bench-") as tmp:
            floor_wall, floor_cpu = floor_raw(msgs, Path(tmp))
            run = asyncio.run(pipeline_platform(msgs, sizes.devices, Path(tmp)))
        expected = m * PROPERTIES
        table.check(
            run.stored == expected and not run.rejected,
            f"pipeline rep {rep + 1}: {run.stored} of {expected} samples stored, {run.rejected} rejected",
        )
        tag = "2 pipeline ·"
        table.add(f"{tag} raw: orjson.loads", "msg/s", m / orjson_wall, {"proc": orjson_cpu / orjson_wall})
        table.add(f"{tag} raw: json.loads (stdlib)", "msg/s", m / json_wall, {"proc": json_cpu / json_wall})
        table.add(
            f"{tag} raw floor: orjson.loads + row tuples + sort + one executemany",
            "msg/s",
            m / floor_wall,
            {"proc": floor_cpu / floor_wall},
        )
        table.add(
            f"{tag} platform: Ingest.handle + flush into SQLite",
            "msg/s",
            m / run.wall,
            {"proc": run.cpu / run.wall},
            f"{m:,} msgs of {size:.0f} B, {sizes.devices} devices, {PROPERTIES} values each",
        )
        table.add(f"{tag} platform: Ingest.handle + flush into SQLite", "samples/s", expected / run.wall)
        table.add(f"{tag} platform: per message, total", "µs/msg", run.wall / m * 1e6)
        table.add(
            f"{tag} platform: per message, CPU time",
            "µs/msg",
            run.cpu / m * 1e6,
            note="less sensitive than wall time to a busy machine",
        )
        table.add(f"{tag} platform: per message, Ingest.handle", "µs/msg", run.handle_s / m * 1e6)
        table.add(f"{tag} platform: per message, flush (store.write)", "µs/msg", run.flush_s / m * 1e6)
        table.add(f"{tag} platform / raw orjson.loads", "x", orjson_wall / run.wall)
        table.add(f"{tag} platform / raw floor", "x", floor_wall / run.wall)
        table.add(
            f"{tag} platform: store.write wall time / its thread's CPU time",
            "x",
            run.write_wait,
            note="~1: the writer ran alone",
        )
        print(
            f"  pipeline rep {rep + 1}: orjson {m / orjson_wall:,.0f} msg/s,"
            f" platform {m / run.wall:,.0f} msg/s",
            file=sys.stderr,
        )


# ------------------------------------------------------------------------------------------- 3. e2e children


class Tally:
    """paho callbacks (API version 2) that only count."""

    def __init__(self) -> None:
        self.connected = 0
        self.refused = 0
        self.published = 0
        self.subscribed = 0
        self.received = 0
        self.last_received = 0.0
        self.disconnects = 0

    def on_connect(self, _client: mqtt.Client, _userdata: Any, _flags: Any, reason: Any, _props: Any) -> None:
        if reason.is_failure:
            self.refused += 1
        else:
            self.connected += 1

    def on_publish(self, _client: mqtt.Client, _userdata: Any, _mid: int, _reason: Any, _props: Any) -> None:
        self.published += 1

    def on_subscribe(
        self, _client: mqtt.Client, _userdata: Any, _mid: int, _reasons: Any, _props: Any
    ) -> None:
        self.subscribed += 1

    def on_message(self, _client: mqtt.Client, _userdata: Any, _message: mqtt.MQTTMessage) -> None:
        self.received += 1
        self.last_received = time.monotonic()

    def on_disconnect(
        self, _client: mqtt.Client, _userdata: Any, _flags: Any, _reason: Any, _props: Any
    ) -> None:
        self.disconnects += 1


def new_client(client_id: str, tally: Tally, credentials: tuple[str, str] | None = None) -> mqtt.Client:
    client = mqtt.Client(
        CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=True, protocol=mqtt.MQTTv311
    )
    if credentials is not None:
        client.username_pw_set(*credentials)
    client.on_connect = tally.on_connect
    client.on_publish = tally.on_publish
    client.on_subscribe = tally.on_subscribe
    client.on_message = tally.on_message
    client.on_disconnect = tally.on_disconnect
    return client


def service(clients: dict[int, mqtt.Client], timeout: float) -> None:
    """One select() over all the connections; read what is readable, write what is pending."""
    writers = [fd for fd, client in clients.items() if client.want_write()]
    readable, writable, _ = select.select(list(clients), writers, [], timeout)
    for fd in readable:
        clients[fd].loop_read()
    for fd in writable:
        clients[fd].loop_write()


def connect_all(
    clients: list[mqtt.Client], tally: Tally, port: int, deadline: float
) -> dict[int, mqtt.Client]:
    by_fd: dict[int, mqtt.Client] = {}
    for client in clients:
        client.connect(HOST, port, keepalive=60)
        sock = client.socket()
        if sock is not None:
            by_fd[sock.fileno()] = client
        service(by_fd, 0)
    while tally.connected + tally.refused < len(clients) and time.monotonic() < deadline:
        service(by_fd, 0.05)
    return by_fd


def publisher_main(
    conn: Connection, port: int, qos: int, secrets: list[str], count: int, start_ms: int, limit_s: float
) -> None:
    """Child process: one paho connection per device, all driven from one thread with select()."""
    deadline = time.monotonic() + limit_s
    msgs = messages(len(secrets), count, start_ms)
    tally = Tally()
    clients = [new_client(device_username(i), tally, (device_username(i), s)) for i, s in enumerate(secrets)]
    by_fd = connect_all(clients, tally, port, deadline)
    conn.send({"connected": tally.connected, "refused": tally.refused})
    if not conn.poll(limit_s) or conn.recv() != "go":
        return
    first = time.monotonic()
    for start in range(0, count, len(clients)):  # one message per device per round, as fast as it goes
        for index, topic, body in msgs[start : start + len(clients)]:
            clients[index].publish(topic, body, qos=qos)
        service(by_fd, 0)
    enqueued = time.monotonic()
    while tally.published < count and time.monotonic() < deadline and not tally.disconnects:
        service(by_fd, 0.05)
    done = time.monotonic()
    conn.send(
        {
            "first": first,
            "enqueued": enqueued,
            "done": done,
            "published": tally.published,
            "disconnects": tally.disconnects,
        }
    )
    conn.poll(limit_s)  # "exit"
    for client in clients:
        client.disconnect()


def subscriber_main(conn: Connection, port: int, qos: int, target: int, limit_s: float) -> None:
    """Child process: one paho subscriber on the whole prefix that counts what arrives (``loop()``)."""
    deadline = time.monotonic() + limit_s
    tally = Tally()
    client = new_client("bench-subscriber", tally)
    client.connect(HOST, port, keepalive=60)
    while not tally.connected and time.monotonic() < deadline:
        client.loop(timeout=0.05)
    client.subscribe(PREFIX_FILTER, qos=qos)
    while not tally.subscribed and time.monotonic() < deadline:
        client.loop(timeout=0.05)
    conn.send({"connected": tally.connected, "refused": tally.refused})
    reported = 0.0
    while time.monotonic() < deadline and not conn.poll():
        client.loop(timeout=0.05)
        if tally.received >= target or time.monotonic() - reported > 0.2:
            conn.send({"count": tally.received, "last": tally.last_received})
            reported = time.monotonic()
            if tally.received >= target:
                break
    conn.poll(limit_s)  # "exit"
    client.disconnect()


# ------------------------------------------------------------------------------------------- 3. e2e parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Child:
    process: BaseProcess
    conn: Connection
    ps: psutil.Process | None = None

    @staticmethod
    def start(target: Callable[..., None], *args: object) -> Child:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        process = ctx.Process(target=target, args=(child, *args), daemon=True)
        process.start()
        return Child(process, parent, psutil.Process(process.pid))

    async def recv(self, deadline: float) -> Any:
        while time.monotonic() < deadline:
            with contextlib.suppress(EOFError):
                if self.conn.poll():
                    return self.conn.recv()
            if not self.process.is_alive():
                raise RuntimeError(f"benchmark child {self.process.name} exited with {self.process.exitcode}")
            await asyncio.sleep(0.01)
        raise TimeoutError("benchmark child did not answer in time")

    def cpu(self) -> float:
        assert self.ps is not None
        times = self.ps.cpu_times()
        return float(times.user + times.system)

    async def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send("exit")
        for _ in range(200):  # 2 s bound
            if not self.process.is_alive():
                break
            await asyncio.sleep(0.01)
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=2)
        self.conn.close()


@dataclass
class E2ERun:
    span_s: float  # publisher's first publish -> the last message delivered / sample stored
    handled_span_s: float  # platform only: -> the last message handled by ingest
    window_s: float
    cpu: dict[str, float]
    count: int
    publisher: dict[str, Any]


@dataclass
class Progress:
    """What the parent watches: a count that must reach ``target`` and when it last moved."""

    target: int
    read: Callable[[], tuple[int, float]]  # (count, time of its last change)
    handled: Callable[[], int] = lambda: 0  # messages taken by ingest (platform only)
    busy: Callable[[], bool] = lambda: False  # a store write is running: not stalled
    backlog: Callable[[], int] = lambda: -1  # messages still in amqtt's broadcast queue


def broadcast_backlog(broker: object) -> int:
    """Messages waiting in amqtt's broadcast queue (a private attribute of amqtt 0.12; -1 if absent)."""
    queue = getattr(broker, "_broadcast_queue", None)
    return queue.qsize() if isinstance(queue, asyncio.Queue) else -1


async def measure(pub: Child, sub: Child | None, progress: Progress, limit_s: float) -> E2ERun:
    """Start the publisher, watch until the target is reached or progress stalls; CPU over that window."""
    children = {"pub": pub} | ({"sub": sub} if sub is not None else {})
    cpu0 = {name: child.cpu() for name, child in children.items()} | {"broker proc": time.process_time()}
    go = time.monotonic()
    pub.conn.send("go")
    report: dict[str, Any] | None = None
    seen, moved, handled_at = (0, 0), go, 0.0
    while time.monotonic() - go < limit_s:
        await asyncio.sleep(POLL_S)
        if report is None and pub.conn.poll():
            report = pub.conn.recv()
        now = (progress.read()[0], progress.handled())
        if now != seen or progress.busy():
            seen, moved = now, time.monotonic()
        if not handled_at and now[1] >= progress.target // PROPERTIES:
            handled_at = time.monotonic()
        if now[0] >= progress.target or (report is not None and time.monotonic() - moved > IDLE_S):
            break
    end = time.monotonic()
    cpu1 = {name: child.cpu() for name, child in children.items()} | {"broker proc": time.process_time()}
    backlog = progress.backlog()
    if report is None:
        report = await pub.recv(time.monotonic() + 5)
    first = float(report["first"])
    last = progress.read()[1]
    return E2ERun(
        last - first,
        (handled_at or last) - first,
        end - go,
        {name: (cpu1[name] - cpu0[name]) / (end - go) for name in cpu0},
        seen[0],
        report | {"backlog": backlog},
    )


async def e2e_raw(sizes: Sizes, qos: int, secrets: list[str]) -> E2ERun:
    port = free_port()
    count = sizes.e2e_messages[qos]
    broker = AmqttBroker(
        {
            "listeners": {"default": {"type": "tcp", "bind": f"{HOST}:{port}"}},
            "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}},
        }
    )
    await broker.start()
    children: list[Child] = []
    try:
        deadline = time.monotonic() + sizes.limit_s
        sub = Child.start(subscriber_main, port, qos, count, sizes.limit_s * 2)
        children.append(sub)
        await sub.recv(deadline)
        pub = Child.start(
            publisher_main, port, qos, secrets, count, base_ms(count, len(secrets)), sizes.limit_s * 2
        )
        children.append(pub)
        ready = await pub.recv(deadline)
        if ready["connected"] != len(secrets):
            raise RuntimeError(f"raw broker: {ready} of {len(secrets)} publishers connected")
        seen = {"count": 0, "last": 0.0}

        def read() -> tuple[int, float]:
            while sub.conn.poll():
                seen.update(sub.conn.recv())
            return int(seen["count"]), float(seen["last"])

        progress = Progress(count, read, backlog=lambda: broadcast_backlog(broker))
        return await measure(pub, sub, progress, sizes.limit_s)
    finally:
        for child in children:
            await child.stop()
        await broker.shutdown()


async def e2e_platform(sizes: Sizes, qos: int, secrets: list[str], folder: Path) -> E2ERun:
    count = sizes.e2e_messages[qos]
    clock = SystemClock()
    store = await asyncio.to_thread(open_timed, sqlite_url(folder, "e2e.db"))
    directory = DeviceDirectory(DictLoader(len(secrets), secrets), clock)
    ingest = Ingest(
        directory, store, clock, LIMITS, flush_interval_ms=FLUSH_INTERVAL_MS, flush_max_samples=FLUSH_MAX
    )
    writer = asyncio.create_task(ingest.run(), name="ingest-writer")
    broker = EmbeddedBroker(HOST, free_port(), directory, ingest.handle)
    await broker.start()
    pub: Child | None = None
    try:
        deadline = time.monotonic() + sizes.limit_s
        pub = Child.start(
            publisher_main, broker.port, qos, secrets, count, base_ms(count, len(secrets)), sizes.limit_s * 2
        )
        ready = await pub.recv(deadline)
        if ready["connected"] != len(secrets):
            raise RuntimeError(f"embedded broker: {ready} of {len(secrets)} devices connected")
        moved = {"count": 0, "at": 0.0}

        def read() -> tuple[int, float]:
            if ingest.stats.samples_stored != moved["count"]:
                moved["count"], moved["at"] = ingest.stats.samples_stored, time.monotonic()
            return int(moved["count"]), float(moved["at"])

        progress = Progress(
            count * PROPERTIES,
            read,
            handled=lambda: ingest.stats.messages,
            busy=store.busy.locked,
            backlog=lambda: broadcast_backlog(getattr(broker, "_broker", None)),
        )
        run = await measure(pub, None, progress, sizes.limit_s)
    finally:
        if pub is not None:
            await pub.stop()
        await broker.stop()
        writer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await writer
        store.close()
    stats = ingest.stats
    run.publisher |= {
        "messages": stats.messages,
        "rejected": dict(stats.rejected),
        "write_errors": stats.write_errors,
    }
    run.publisher["rows"] = count_rows(sqlite_url(folder, "e2e.db"))
    run.publisher["write_wait"] = store.wait_ratio()
    run.publisher["flushes"] = len(store.writes)
    return run


def cpu_note(run: E2ERun) -> dict[str, float]:
    return {name: round(cores, 2) for name, cores in run.cpu.items()}


def bench_e2e(table: Table, sizes: Sizes, reps: int, qos: int) -> None:
    count = sizes.e2e_messages[qos]
    tag = f"3 e2e QoS {qos} ·"
    for rep in range(reps):
        secrets = [new_token() for _ in range(sizes.devices)]
        raw = asyncio.run(e2e_raw(sizes, qos, secrets))
        with tempfile.TemporaryDirectory(prefix="longcheng-bench-") as tmp:
            run = asyncio.run(e2e_platform(sizes, qos, secrets, Path(tmp)))
        p = run.publisher
        table.check(
            raw.count == count and raw.publisher["published"] == count,
            f"e2e QoS {qos} rep {rep + 1} raw: published {raw.publisher['published']}, "
            f"subscriber received {raw.count} of {count}",
        )
        table.check(
            run.count == count * PROPERTIES and p["rows"] == count * PROPERTIES and not p["rejected"],
            f"e2e QoS {qos} rep {rep + 1} platform: published {p['published']},"
            f" ingest handled {p['messages']} of {count}, samples stored {run.count}"
            f" (rows {p['rows']}) of {count * PROPERTIES}, rejected {p['rejected']},"
            f" write errors {p['write_errors']}",
        )
        raw_rate, rate = count / raw.span_s, count / run.span_s
        table.add(
            f"{tag} raw: paho pubs -> amqtt (anonymous) -> paho sub",
            "msg/s",
            raw_rate,
            raw.cpu,
            f"{count:,} msgs, {sizes.devices} publisher connections",
        )
        table.add(
            f"{tag} platform: paho pubs -> EmbeddedBroker -> Ingest -> SQLite, all stored",
            "msg/s",
            rate,
            run.cpu,
            f"device auth + ACL + hook; until the last sample is stored (flush every {FLUSH_INTERVAL_MS} ms)",
        )
        table.add(f"{tag} platform: all stored", "samples/s", count * PROPERTIES / run.span_s)
        table.add(
            f"{tag} platform: all handled by Ingest (before the last flush)",
            "msg/s",
            count / run.handled_span_s,
        )
        table.add(f"{tag} platform / raw", "x", rate / raw_rate)
        table.add(
            f"{tag} raw: CPU of the broker process per message",
            "µs/msg",
            raw.cpu["broker proc"] * raw.window_s / count * 1e6,
            note="amqtt in and out (to the subscriber)",
        )
        table.add(
            f"{tag} platform: CPU of the broker process per message",
            "µs/msg",
            run.cpu["broker proc"] * run.window_s / count * 1e6,
            note="amqtt in, auth/ACL/hook, Ingest, SQLite writer thread",
        )
        table.add(
            f"{tag} platform: store.write wall time / its thread's CPU time",
            "x",
            p["write_wait"],
            note=f"{p['flushes']} flushes; above 1: the writer thread waited for the GIL",
        )
        table.add(
            f"{tag} platform: left in amqtt's broadcast queue when all were stored",
            "msgs",
            p["backlog"],
            note="every message is also queued for subscribers (none); downlink queues behind them",
        )
        print(
            f"  e2e QoS {qos} rep {rep + 1}: raw {raw_rate:,.0f} msg/s cpu {cpu_note(raw)}; "
            f"platform {rate:,.0f} msg/s cpu {cpu_note(run)}",
            file=sys.stderr,
        )


# ------------------------------------------------------------------------------------------- main


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def machine_load() -> str:
    """Load average and CPU pressure: how much else the (shared) machine was doing."""
    one, five, _ = os.getloadavg()
    text = f"load average {one:.2f} (1 min), {five:.2f} (5 min)"
    with contextlib.suppress(OSError, IndexError):
        some = Path("/proc/pressure/cpu").read_text(encoding="ascii").splitlines()[0].split()
        text += f"; CPU pressure some {some[1]} {some[2]}"
    return text


def header(sizes: Sizes, reps: int, load_before: str) -> str:
    versions = ", ".join(f"{name} {version(name)}" for name in ("amqtt", "paho-mqtt", "orjson", "psutil"))
    return "\n".join(
        [
            f"# bench/ingest.py — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"machine: {psutil.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()},"
            f" SQLite {sqlite3.sqlite_version}; {versions}",
            f"reps: {reps}; devices: {sizes.devices}; flush size {FLUSH_MAX:,},"
            f" flush interval {FLUSH_INTERVAL_MS} ms",
            f"before: {load_before}; after: {machine_load()}",
            "Publishers (and the raw run's subscriber) run in their own processes; both brokers run in this"
            " process ('broker proc' CPU), the embedded one with Ingest and the SQLite writer thread.",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reps", type=int, default=None, help="runs per figure (default 3, 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run (< 20 s)")
    parser.add_argument(
        "--only", choices=["store", "pipeline", "e2e"], action="append", help="run only these sections"
    )
    args = parser.parse_args()
    faulthandler.enable()  # a crash in a C extension (sqlite3, orjson) prints every thread's stack
    sizes = Sizes.quick() if args.quick else Sizes.default()
    reps = max(1, min(args.reps or (1 if args.quick else 3), 20))
    sections = args.only or ["store", "pipeline", "e2e"]
    table = Table()
    started, load_before = time.monotonic(), machine_load()
    if "store" in sections:
        bench_store(table, sizes, reps)
    if "pipeline" in sections:
        bench_pipeline(table, sizes, reps)
    if "e2e" in sections:
        for qos in (0, 1):
            bench_e2e(table, sizes, reps, qos)
    print(header(sizes, reps, load_before))
    print(render(table))
    print()
    print(f"checks passed: {len(table.checks)}; problems: {len(table.problems)}")
    for problem in table.problems:
        print(f"PROBLEM: {problem}")
    print(f"total wall time {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
