"""The ingest pipeline over a real memory (and SQLite) store, a dict-backed directory and a manual clock."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from longcheng.core.clock import ManualClock
from longcheng.core.samples import Sample
from longcheng.core.thing_model import ThingModel
from longcheng.ingest.directory import MISS, DeviceDirectory, DeviceEntry
from longcheng.ingest.pipeline import Ingest
from longcheng.ingest.validate import Limits
from longcheng.storage.timeseries import DeviceActivity, Point, Totals, WriteBatch
from longcheng.storage.timeseries.memory import MemoryTimeSeriesStore
from longcheng.storage.timeseries.sqlite import open_sqlite
from support import PUMP_MODEL, eventually

TENANT_ID = 7
PUMP_ID, IDLE_ID = 42, 43
LIMITS = Limits(max_payload_bytes=64 * 1024, max_future_skew_ms=60_000, max_past_age_ms=3_600_000)
PROPERTIES = ThingModel.model_validate(PUMP_MODEL).property_map()


def entry(key: str, device_id: int, *, enabled: bool = True) -> DeviceEntry:
    return DeviceEntry(TENANT_ID, device_id, "acme", key, "h" * 64, enabled, PROPERTIES)


class DictLoader:
    """The directory's loader over dicts, counting how often it is asked."""

    def __init__(self) -> None:
        self.devices: dict[tuple[str, str], DeviceEntry] = {
            ("acme", "pump-1"): entry("pump-1", PUMP_ID),
            ("acme", "idle"): entry("idle", IDLE_ID, enabled=False),
        }
        self.tenants: dict[str, int] = {"acme": TENANT_ID}
        self.device_loads: Counter[tuple[str, str]] = Counter()
        self.tenant_loads: Counter[str] = Counter()

    def load_device(self, tenant_code: str, key: str) -> DeviceEntry | None:
        self.device_loads[tenant_code, key] += 1
        return self.devices.get((tenant_code, key))

    def load_tenant_id(self, tenant_code: str) -> int | None:
        self.tenant_loads[tenant_code] += 1
        return self.tenants.get(tenant_code)


class FlakyStore(MemoryTimeSeriesStore):
    """A real memory store whose first ``failures`` writes fail; it records the batches it accepted."""

    def __init__(self, failures: int) -> None:
        super().__init__()
        self.failures = failures
        self.accepted: list[WriteBatch] = []

    def write(self, batch: WriteBatch) -> int:
        if self.failures > 0:
            self.failures -= 1
            raise OSError("disk full")
        self.accepted.append(dataclasses.replace(batch, samples=list(batch.samples)))
        return super().write(batch)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def loader() -> DictLoader:
    return DictLoader()


@pytest.fixture
def store() -> Iterator[MemoryTimeSeriesStore]:
    memory = MemoryTimeSeriesStore()
    yield memory
    memory.close()


def make_ingest(
    loader: DictLoader,
    clock: ManualClock,
    store: MemoryTimeSeriesStore,
    *,
    flush_interval_ms: int = 200,
    flush_max_samples: int = 20_000,
) -> Ingest:
    return Ingest(
        DeviceDirectory(loader, clock),
        store,
        clock,
        LIMITS,
        flush_interval_ms=flush_interval_ms,
        flush_max_samples=flush_max_samples,
    )


@pytest.fixture
def ingest(loader: DictLoader, clock: ManualClock, store: MemoryTimeSeriesStore) -> Ingest:
    return make_ingest(loader, clock, store)


TOPIC = "lc/v1/acme/pump-1/telemetry"


def body(payload: object) -> bytes:
    return orjson.dumps(payload)


# --- handle and flush -----------------------------------------------------------------------------------


async def test_handle_and_flush_store_samples_rejections_and_activity(
    ingest: Ingest, clock: ManualClock, store: MemoryTimeSeriesStore
) -> None:
    now = clock.now_ms()
    await ingest.handle(
        TOPIC,
        body(
            [
                {"ts": now - 1000, "values": {"flow": 1.5, "speed": 10}},
                {"ts": now, "values": {"flow": "x", "running": True}},
            ]
        ),
    )
    assert store.latest(PUMP_ID) == {}  # nothing is written before the flush

    assert await ingest.flush() == 3

    assert store.range(PUMP_ID, "flow", 0, now + 1, 10) == [Point(now - 1000, 1.5)]
    assert store.latest(PUMP_ID) == {
        "flow": Point(now - 1000, 1.5),
        "speed": Point(now - 1000, 10),
        "running": Point(now, True),
    }
    [letter], total = store.dead_letters(None, None, None, 10, 0)
    assert total == 1
    assert (letter.tenant_id, letter.device_id, letter.reason, letter.field) == (
        TENANT_ID,
        PUMP_ID,
        "wrong_type",
        "[1].values.flow",
    )
    assert store.activity([PUMP_ID]) == {PUMP_ID: DeviceActivity(PUMP_ID, TENANT_ID, now, 3, 1)}
    stats = ingest.stats
    assert (stats.messages, stats.ignored, stats.samples_accepted, stats.samples_stored) == (1, 0, 3, 3)
    assert (stats.flushes, stats.write_errors, stats.pending) == (1, 0, 0)
    assert stats.rejected == {"wrong_type": 1}


async def test_flushing_nothing_writes_nothing(ingest: Ingest) -> None:
    assert await ingest.flush() == 0
    assert ingest.stats.flushes == 0


async def test_a_warm_directory_answers_without_the_loader(
    ingest: Ingest, loader: DictLoader, clock: ManualClock, store: MemoryTimeSeriesStore
) -> None:
    for i in range(3):
        clock.advance(100)
        await ingest.handle(TOPIC, body({"values": {"speed": i}}))
    await ingest.flush()

    assert loader.device_loads == {("acme", "pump-1"): 1}
    assert [p.value for p in store.range(PUMP_ID, "speed", 0, clock.now_ms() + 1, 10)] == [0, 1, 2]
    assert store.activity([PUMP_ID])[PUMP_ID].last_seen_ms == clock.now_ms()


@pytest.mark.parametrize(
    "topic",
    [
        "lc/v1/acme/pump-1/status",
        "lc/v1/acme/pump-1/desired",
        "lc/v1/acme/pump-1",
        "lc/v2/acme/pump-1/telemetry",
        "factory/line-1/pump",
        "$SYS/broker/uptime",
    ],
)
async def test_messages_on_other_topics_are_ignored(
    ingest: Ingest, loader: DictLoader, store: MemoryTimeSeriesStore, topic: str
) -> None:
    await ingest.handle(topic, body({"values": {"flow": 1.0}}))

    assert await ingest.flush() == 0
    assert (ingest.stats.messages, ingest.stats.ignored) == (1, 1)
    assert store.dead_letters(None, None, None, 10, 0) == ([], 0)
    assert store.totals(None, 0) == Totals(0, 0, 0, 0)
    assert loader.device_loads == {}


@pytest.mark.parametrize(
    ("topic", "tenant_id", "device_id", "reason"),
    [
        ("lc/v1/acme/ghost/telemetry", TENANT_ID, None, "unknown_device"),
        ("lc/v1/nobody/pump-1/telemetry", None, None, "unknown_device"),
        ("lc/v1/acme/idle/telemetry", TENANT_ID, IDLE_ID, "device_disabled"),
    ],
)
async def test_unknown_and_disabled_devices_become_dead_letters(
    ingest: Ingest,
    clock: ManualClock,
    store: MemoryTimeSeriesStore,
    topic: str,
    tenant_id: int | None,
    device_id: int | None,
    reason: str,
) -> None:
    payload = body({"values": {"flow": 1.0}})

    await ingest.handle(topic, payload)
    assert await ingest.flush() == 0

    [letter], _ = store.dead_letters(None, None, None, 10, 0)
    assert (letter.tenant_id, letter.device_id, letter.reason, letter.field) == (
        tenant_id,
        device_id,
        reason,
        "topic",
    )
    assert letter.received_ms == clock.now_ms()
    assert letter.payload == payload.decode()
    assert ingest.stats.rejected == {reason: 1}
    if device_id is None:
        assert store.totals(None, 0) == Totals(samples=0, rejected=1, online_devices=0, active_devices=0)
        assert store.activity([IDLE_ID]) == {}
    else:  # a disabled device is known: its refusal is counted against it, and it was heard from
        assert store.totals(None, 0) == Totals(samples=0, rejected=1, online_devices=1, active_devices=1)
        assert store.activity([IDLE_ID]) == {
            IDLE_ID: DeviceActivity(IDLE_ID, TENANT_ID, clock.now_ms(), 0, 1)
        }


async def test_a_device_disabled_elsewhere_is_refused_once_the_directory_forgets_it(
    ingest: Ingest, loader: DictLoader, clock: ManualClock, store: MemoryTimeSeriesStore
) -> None:
    await ingest.handle(TOPIC, body({"values": {"speed": 1}}))
    loader.devices["acme", "pump-1"] = entry("pump-1", PUMP_ID, enabled=False)
    clock.advance(1)
    await ingest.handle(TOPIC, body({"values": {"speed": 2}}))  # still cached as enabled
    ingest.directory.invalidate("acme", "pump-1")
    clock.advance(1)
    await ingest.handle(TOPIC, body({"values": {"speed": 3}}))

    assert await ingest.flush() == 2
    assert [p.value for p in store.range(PUMP_ID, "speed", 0, clock.now_ms() + 1, 10)] == [1, 2]
    assert store.rejected_by_reason(TENANT_ID, None) == {"device_disabled": 1}


# --- failures of the store ------------------------------------------------------------------------------


async def test_a_failed_write_keeps_the_batch_and_a_later_flush_stores_everything_in_order(
    loader: DictLoader, clock: ManualClock
) -> None:
    store = FlakyStore(failures=2)
    ingest = make_ingest(loader, clock, store)
    start = clock.now_ms()

    await ingest.handle(TOPIC, body({"values": {"flow": 1.0, "speed": "bad"}}))
    with pytest.raises(OSError, match="disk full"):
        await ingest.flush()
    clock.advance(1000)
    await ingest.handle(TOPIC, body({"values": {"flow": 2.0}}))
    with pytest.raises(OSError, match="disk full"):
        await ingest.flush()
    assert (ingest.stats.write_errors, ingest.stats.pending, ingest.stats.flushes) == (2, 2, 0)
    clock.advance(1000)
    await ingest.handle(TOPIC, body({"values": {"flow": 3.0}}))

    assert await ingest.flush() == 3

    [batch] = store.accepted
    assert batch.samples == [
        Sample(TENANT_ID, PUMP_ID, "flow", start, 1.0),
        Sample(TENANT_ID, PUMP_ID, "flow", start + 1000, 2.0),
        Sample(TENANT_ID, PUMP_ID, "flow", start + 2000, 3.0),
    ]
    assert [p.value for p in store.range(PUMP_ID, "flow", 0, start + 3000, 10)] == [1.0, 2.0, 3.0]
    assert [d.field for d in store.dead_letters(None, None, None, 10, 0)[0]] == ["values.speed"]
    assert store.activity([PUMP_ID]) == {PUMP_ID: DeviceActivity(PUMP_ID, TENANT_ID, start + 2000, 3, 1)}
    stats = ingest.stats
    assert (stats.write_errors, stats.flushes, stats.samples_stored, stats.pending) == (2, 1, 3, 0)


async def test_the_writer_retries_a_failed_write(loader: DictLoader, clock: ManualClock) -> None:
    store = FlakyStore(failures=1)
    ingest = make_ingest(loader, clock, store, flush_interval_ms=10)
    writer = asyncio.create_task(ingest.run())
    try:
        await ingest.handle(TOPIC, body({"values": {"flow": 4.0}}))

        async def stored() -> bool:
            return bool(store.latest(PUMP_ID))

        await eventually(stored)
    finally:
        writer.cancel()
        with pytest.raises(asyncio.CancelledError):
            await writer
    assert store.latest(PUMP_ID) == {"flow": Point(clock.now_ms(), 4.0)}
    assert ingest.stats.write_errors == 1


# --- the writer loop ------------------------------------------------------------------------------------


async def test_cancelling_the_writer_flushes_what_is_pending(
    loader: DictLoader, clock: ManualClock, store: MemoryTimeSeriesStore
) -> None:
    ingest = make_ingest(loader, clock, store, flush_interval_ms=3_600_000)
    writer = asyncio.create_task(ingest.run())
    await asyncio.sleep(0)  # let the writer start waiting for its interval
    await ingest.handle(TOPIC, body({"values": {"flow": 5.0}}))
    assert store.latest(PUMP_ID) == {}

    writer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await writer

    assert store.latest(PUMP_ID) == {"flow": Point(clock.now_ms(), 5.0)}
    assert ingest.stats.flushes == 1


class GatedStore(MemoryTimeSeriesStore):
    """A store whose write blocks in its worker thread until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.gate = threading.Event()

    def write(self, batch: WriteBatch) -> int:
        self.entered.set()
        assert self.gate.wait(timeout=30)
        return super().write(batch)


async def test_cancelling_the_writer_during_a_write_finishes_that_write_first(
    loader: DictLoader, clock: ManualClock
) -> None:
    store = GatedStore()
    ingest = make_ingest(loader, clock, store, flush_interval_ms=1)
    await ingest.handle(TOPIC, body({"values": {"flow": 5.0}}))
    writer = asyncio.create_task(ingest.run())
    await asyncio.to_thread(store.entered.wait, 30)  # the flush is inside store.write now
    await ingest.handle(TOPIC, body({"ts": clock.now_ms() + 1, "values": {"flow": 6.0}}))
    writer.cancel()
    await asyncio.sleep(0.05)
    assert not writer.done()  # shutdown waits for the write in progress...
    store.gate.set()
    with pytest.raises(asyncio.CancelledError):
        await writer

    # ...then stores what arrived meanwhile: nothing lost, both writes counted
    assert [p.value for p in store.range(PUMP_ID, "flow", 0, 2**62, 10)] == [5.0, 6.0]
    assert (ingest.stats.flushes, ingest.stats.samples_stored, ingest.stats.write_errors) == (2, 2, 0)


async def test_reaching_flush_max_samples_wakes_the_writer(
    loader: DictLoader, clock: ManualClock, store: MemoryTimeSeriesStore
) -> None:
    ingest = make_ingest(loader, clock, store, flush_interval_ms=3_600_000, flush_max_samples=3)
    writer = asyncio.create_task(ingest.run())
    try:
        await ingest.handle(TOPIC, body({"values": {"flow": 1.0, "speed": 2, "running": True}}))

        async def all_stored() -> dict[str, Point] | None:
            latest = store.latest(PUMP_ID)
            return latest if len(latest) == 3 else None

        latest = await eventually(all_stored, timeout=30)
        assert {name: p.value for name, p in latest.items()} == {"flow": 1.0, "speed": 2, "running": True}
        assert ingest.stats.flushes == 1
    finally:
        writer.cancel()
        with pytest.raises(asyncio.CancelledError):
            await writer


async def test_ingest_over_the_sqlite_store(loader: DictLoader, clock: ManualClock, tmp_path: Path) -> None:
    sqlite = open_sqlite(f"sqlite:///{tmp_path}/ts.db")
    try:
        ingest = Ingest(DeviceDirectory(loader, clock), sqlite, clock, LIMITS)
        now = clock.now_ms()
        await ingest.handle(
            TOPIC, body([{"ts": now - 5, "values": {"speed": 7}}, {"values": {"mode": "eco"}}])
        )
        await ingest.handle("lc/v1/acme/ghost/telemetry", b"{}")
        # a redelivered message stores nothing new
        await ingest.handle(TOPIC, body({"ts": now - 5, "values": {"speed": 7}}))

        assert await ingest.flush() == 1

        assert sqlite.range(PUMP_ID, "speed", 0, now + 1, 10) == [Point(now - 5, 7)]
        assert type(sqlite.latest(PUMP_ID)["speed"].value) is int
        assert sqlite.rejected_by_reason(None, None) == {"out_of_range": 1, "unknown_device": 1}
        assert sqlite.online_devices(TENANT_ID, now) == {PUMP_ID}
        assert ingest.stats.samples_stored == 1
    finally:
        sqlite.close()


# --- the directory cache --------------------------------------------------------------------------------


async def test_directory_hit(loader: DictLoader, clock: ManualClock) -> None:
    directory = DeviceDirectory(loader, clock)
    assert directory.cached("acme", "pump-1") is MISS

    first = await directory.get("acme", "pump-1")
    second = await directory.get("acme", "pump-1")

    assert first is second is loader.devices["acme", "pump-1"]
    assert directory.cached("acme", "pump-1") is first
    assert loader.device_loads == {("acme", "pump-1"): 1}


async def test_directory_entries_expire(loader: DictLoader, clock: ManualClock) -> None:
    directory = DeviceDirectory(loader, clock, ttl_s=10, miss_ttl_s=2)
    await directory.get("acme", "pump-1")

    clock.advance(10_000)  # at the TTL the entry still holds
    assert isinstance(directory.cached("acme", "pump-1"), DeviceEntry)
    clock.advance(1)
    assert directory.cached("acme", "pump-1") is MISS

    loader.devices["acme", "pump-1"] = entry("pump-1", PUMP_ID, enabled=False)
    refreshed = await directory.get("acme", "pump-1")
    assert refreshed is not None
    assert not refreshed.enabled
    assert loader.device_loads == {("acme", "pump-1"): 2}


async def test_directory_caches_misses_for_a_shorter_time(loader: DictLoader, clock: ManualClock) -> None:
    directory = DeviceDirectory(loader, clock, ttl_s=10, miss_ttl_s=2)

    assert await directory.get("acme", "new") is None
    loader.devices["acme", "new"] = entry("new", 99)
    assert await directory.get("acme", "new") is None  # the miss is cached
    assert directory.cached("acme", "new") is None
    assert loader.device_loads == {("acme", "new"): 1}

    clock.advance(2001)
    assert directory.cached("acme", "new") is MISS
    found = await directory.get("acme", "new")
    assert found is not None
    assert found.device_id == 99
    assert loader.device_loads == {("acme", "new"): 2}


async def test_directory_caches_tenant_ids(loader: DictLoader, clock: ManualClock) -> None:
    directory = DeviceDirectory(loader, clock, ttl_s=10)

    assert await directory.tenant_id("acme") == TENANT_ID
    assert await directory.tenant_id("acme") == TENANT_ID
    assert await directory.tenant_id("nobody") is None
    assert await directory.tenant_id("nobody") is None
    assert loader.tenant_loads == {"acme": 1, "nobody": 1}

    clock.advance(10_001)
    assert await directory.tenant_id("acme") == TENANT_ID
    assert loader.tenant_loads == {"acme": 2, "nobody": 1}


async def test_directory_invalidate(loader: DictLoader, clock: ManualClock) -> None:
    directory = DeviceDirectory(loader, clock)
    loader.devices["other", "pump-1"] = entry("pump-1", 100)

    async def warm() -> None:
        for tenant, key in [("acme", "pump-1"), ("acme", "idle"), ("other", "pump-1")]:
            await directory.get(tenant, key)
        await directory.tenant_id("acme")

    await warm()
    directory.invalidate("acme", "pump-1")
    assert directory.cached("acme", "pump-1") is MISS
    assert isinstance(directory.cached("acme", "idle"), DeviceEntry)
    assert isinstance(directory.cached("other", "pump-1"), DeviceEntry)

    await warm()
    directory.invalidate("acme")
    assert directory.cached("acme", "pump-1") is MISS
    assert directory.cached("acme", "idle") is MISS
    assert isinstance(directory.cached("other", "pump-1"), DeviceEntry)
    await directory.tenant_id("acme")
    # forgotten by invalidate("acme", "pump-1") and again by invalidate("acme")
    assert loader.tenant_loads["acme"] == 3

    await warm()
    directory.invalidate()
    for tenant, key in [("acme", "pump-1"), ("acme", "idle"), ("other", "pump-1")]:
        assert directory.cached(tenant, key) is MISS
    await directory.tenant_id("acme")
    assert loader.tenant_loads["acme"] == 4
