"""One contract for every time-series store: the in-memory reference and the SQLite store behave alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from longcheng.core.samples import Event, Quality, Rejection, RejectReason, Sample, Value
from longcheng.storage.timeseries import AGGREGATES, Bucket, DeviceActivity, Point, TimeSeriesStore, Totals
from longcheng.storage.timeseries.base import Aggregate, WriteBatch
from longcheng.storage.timeseries.memory import MemoryTimeSeriesStore
from longcheng.storage.timeseries.sqlite import SqliteTimeSeriesStore, open_sqlite

T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z, a multiple of every interval used below
TENANT = 10
OTHER_TENANT = 20


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TimeSeriesStore]:
    opened: TimeSeriesStore = (
        MemoryTimeSeriesStore() if request.param == "memory" else open_sqlite(f"sqlite:///{tmp_path}/ts.db")
    )
    yield opened
    opened.close()


def sample(device: int, prop: str, ts: int, value: Value, quality: Quality = Quality.GOOD) -> Sample:
    return Sample(TENANT, device, prop, ts, value, quality)


def samples_batch(*samples: Sample) -> WriteBatch:
    """A batch of samples that also marks each device as seen at its newest sample."""
    batch = WriteBatch(samples=list(samples))
    for s in samples:
        previous = batch.seen.get(s.device_id, (s.tenant_id, s.ts_ms))[1]
        batch.seen[s.device_id] = (s.tenant_id, max(previous, s.ts_ms))
    return batch


def rejection(
    tenant: int | None, device: int | None, reason: RejectReason, detail: str, received: int = T0
) -> Rejection:
    return Rejection(tenant, device, received, reason, "values.x", detail, f'{{"x": "{detail}"}}')


# --- write and range ------------------------------------------------------------------------------------


def test_range_is_half_open_ordered_and_limited(store: TimeSeriesStore) -> None:
    store.write(
        samples_batch(
            sample(1, "t", T0 + 30, 3.0),
            sample(1, "t", T0, 0.0),
            sample(1, "t", T0 + 20, 2.0),
            sample(1, "t", T0 + 10, 1.0),
            sample(1, "other", T0 + 10, 99.0),
            sample(2, "t", T0 + 10, 77.0),
        )
    )

    assert store.range(1, "t", T0 + 10, T0 + 30, 100) == [Point(T0 + 10, 1.0), Point(T0 + 20, 2.0)]
    assert store.range(1, "t", T0, T0 + 31, 100) == [
        Point(T0, 0.0),
        Point(T0 + 10, 1.0),
        Point(T0 + 20, 2.0),
        Point(T0 + 30, 3.0),
    ]
    assert store.range(1, "t", T0, T0 + 31, 2) == [Point(T0, 0.0), Point(T0 + 10, 1.0)]
    assert store.range(1, "t", T0 - 100, T0, 100) == []
    assert store.range(1, "t", T0 + 31, T0 + 1000, 100) == []
    assert store.range(1, "missing", T0, T0 + 100, 100) == []
    assert store.range(3, "t", T0, T0 + 100, 100) == []
    assert store.range(2, "t", T0, T0 + 100, 100) == [Point(T0 + 10, 77.0)]


def test_a_sample_written_twice_is_stored_once(store: TimeSeriesStore) -> None:
    assert store.write(samples_batch(sample(1, "t", T0, 1.0), sample(1, "t", T0 + 1, 2.0))) == 2
    # one repeat (with another value: the first write wins) and one new sample
    assert store.write(samples_batch(sample(1, "t", T0, 50.0), sample(1, "t", T0 + 2, 3.0))) == 1
    # the same timestamp twice within one batch
    assert store.write(samples_batch(sample(1, "t", T0 + 5, 4.0), sample(1, "t", T0 + 5, 4.0))) == 1
    # the same timestamp under another property or device is another sample
    assert store.write(samples_batch(sample(1, "u", T0, 1.0), sample(2, "t", T0, 1.0))) == 2
    assert store.write(samples_batch(sample(1, "t", T0, 1.0))) == 0

    assert store.range(1, "t", T0, T0 + 100, 100) == [
        Point(T0, 1.0),
        Point(T0 + 1, 2.0),
        Point(T0 + 2, 3.0),
        Point(T0 + 5, 4.0),
    ]
    # the counters count stored samples, not redeliveries: device 1 stored t x4 and u x1, device 2 one
    assert store.activity([1])[1].samples == 5
    assert store.activity([2])[2].samples == 1
    assert store.totals(None, 0).samples == 6


def test_latest_agrees_with_the_series_when_a_timestamp_is_resent(store: TimeSeriesStore) -> None:
    store.write(samples_batch(sample(1, "t", T0, 1.0)))
    store.write(samples_batch(sample(1, "t", T0, 9.0)))
    store.write(samples_batch(sample(1, "u", T0, "first"), sample(1, "u", T0, "second")))

    assert store.range(1, "t", T0, T0 + 1, 10) == [Point(T0, 1.0)]
    assert store.latest(1) == {"t": Point(T0, 1.0), "u": Point(T0, "first")}


def test_an_empty_batch_stores_nothing(store: TimeSeriesStore) -> None:
    assert store.write(WriteBatch()) == 0
    assert store.totals(None, 0) == Totals(0, 0, 0, 0)


VALUES: list[tuple[str, Value, Quality]] = [
    ("f", 1.5, Quality.GOOD),
    ("f0", 0.0, Quality.BAD),
    ("neg", -273.15, Quality.UNCERTAIN),
    ("i", 42, Quality.UNCERTAIN),
    ("i0", 0, Quality.GOOD),
    ("ineg", -7, Quality.BAD),
    ("yes", True, Quality.GOOD),
    ("no", False, Quality.BAD),
    ("s", "héllo 龙城", Quality.UNCERTAIN),
    ("empty", "", Quality.GOOD),
]


def test_every_value_type_round_trips_with_its_type_and_quality(store: TimeSeriesStore) -> None:
    store.write(samples_batch(*(sample(1, prop, T0, value, q) for prop, value, q in VALUES)))

    latest = store.latest(1)
    for prop, value, quality in VALUES:
        [point] = store.range(1, prop, T0, T0 + 1, 10)
        for got in (point, latest[prop]):
            assert got.ts_ms == T0
            assert got.value == value
            assert type(got.value) is type(value), prop
            assert got.quality is quality
    assert set(latest) == {prop for prop, _, _ in VALUES}


# --- aggregates -----------------------------------------------------------------------------------------

AGG_SAMPLES = [
    # bucket T0: 2.0, 4, True(=1.0) and a string that aggregates ignore
    sample(1, "p", T0 + 900, True),
    sample(1, "p", T0 + 100, 2.0),
    sample(1, "p", T0 + 700, "text"),
    sample(1, "p", T0 + 400, 4),
    # bucket T0+1000: one value
    sample(1, "p", T0 + 1500, 10.0),
    # bucket T0+2000: written newest first
    sample(1, "p", T0 + 2999, -3.0),
    sample(1, "p", T0 + 2000, 5.0),
    # bucket T0+3000: one value; bucket T0+4000 holds only a string: no bucket
    sample(1, "p", T0 + 3000, 7.0, Quality.BAD),
    sample(1, "p", T0 + 4500, "only text"),
    # at the end of the range: excluded
    sample(1, "p", T0 + 5000, 100.0),
    # another device and property: never mixed in
    sample(2, "p", T0 + 100, 1000.0),
    sample(1, "q", T0 + 100, 1000.0),
]

EXPECTED_AGGREGATES: dict[str, list[float]] = {
    #        T0       T0+1000  T0+2000  T0+3000
    "avg": [7 / 3, 10.0, 1.0, 7.0],
    "min": [1.0, 10.0, -3.0, 7.0],
    "max": [4.0, 10.0, 5.0, 7.0],
    "sum": [7.0, 10.0, 2.0, 7.0],
    "count": [3.0, 1.0, 2.0, 1.0],
    "first": [2.0, 10.0, 5.0, 7.0],
    "last": [1.0, 10.0, -3.0, 7.0],
}


def test_expected_values_cover_every_aggregate() -> None:
    assert set(EXPECTED_AGGREGATES) == set(AGGREGATES)


@pytest.mark.parametrize("agg", AGGREGATES)
def test_aggregate_over_epoch_aligned_buckets(store: TimeSeriesStore, agg: Aggregate) -> None:
    store.write(samples_batch(*AGG_SAMPLES[:5]))
    store.write(samples_batch(*AGG_SAMPLES[5:]))

    buckets = store.aggregate(1, "p", T0, T0 + 5000, 1000, agg)

    assert [b.start_ms for b in buckets] == [T0, T0 + 1000, T0 + 2000, T0 + 3000]
    assert [b.count for b in buckets] == [3, 1, 2, 1]
    assert [b.value for b in buckets] == pytest.approx(EXPECTED_AGGREGATES[agg])


@pytest.mark.parametrize(
    ("agg", "values"),
    [("avg", [1.0, 10.0]), ("first", [1.0, 10.0]), ("last", [1.0, 10.0]), ("count", [1.0, 1.0])],
)
def test_an_unaligned_start_keeps_buckets_on_the_epoch_grid(
    store: TimeSeriesStore, agg: Aggregate, values: list[float]
) -> None:
    store.write(samples_batch(*AGG_SAMPLES))

    # from T0+500 the first bucket holds only True (=1.0) at T0+900; it still starts at T0
    buckets = store.aggregate(1, "p", T0 + 500, T0 + 2000, 1000, agg)

    assert buckets == [Bucket(T0, values[0], 1), Bucket(T0 + 1000, values[1], 1)]


def test_aggregate_with_a_wide_interval_and_no_data(store: TimeSeriesStore) -> None:
    store.write(samples_batch(*AGG_SAMPLES))

    # one hour: all non-string values in [T0, T0+5000) fall into bucket T0
    [bucket] = store.aggregate(1, "p", T0, T0 + 5000, 3_600_000, "sum")
    assert bucket.start_ms == T0
    assert bucket.count == 7
    assert bucket.value == pytest.approx(2.0 + 4 + 1 + 10 + 5 - 3 + 7)

    assert store.aggregate(1, "p", T0 + 10_000, T0 + 20_000, 1000, "avg") == []
    assert store.aggregate(9, "p", T0, T0 + 5000, 1000, "avg") == []


# --- latest ---------------------------------------------------------------------------------------------


def test_latest_keeps_the_newest_timestamp_even_when_older_samples_arrive_later(
    store: TimeSeriesStore,
) -> None:
    assert store.latest(1) == {}
    store.write(samples_batch(sample(1, "t", T0 + 100, 1.0), sample(1, "u", T0, "a")))
    store.write(samples_batch(sample(1, "t", T0 + 50, 2.0, Quality.BAD), sample(1, "u", T0 + 10, "b")))

    assert store.latest(1) == {"t": Point(T0 + 100, 1.0), "u": Point(T0 + 10, "b")}

    # within one batch the newest wins whatever the order
    store.write(samples_batch(sample(1, "t", T0 + 300, 3.0), sample(1, "t", T0 + 200, 4.0)))
    assert store.latest(1)["t"] == Point(T0 + 300, 3.0)
    assert store.latest(2) == {}


# --- activity and totals --------------------------------------------------------------------------------


def _activity_batches() -> list[WriteBatch]:
    first = WriteBatch(
        samples=[
            Sample(TENANT, 1, "t", T0, 1.0),
            Sample(TENANT, 1, "t", T0 + 1, 1.0),
            Sample(TENANT, 1, "u", T0, 1.0),
            Sample(TENANT, 2, "t", T0, 1.0),
            Sample(TENANT, 2, "t", T0 + 1, 1.0),
            Sample(OTHER_TENANT, 3, "t", T0, 1.0),
        ],
        rejections=[
            rejection(TENANT, 1, RejectReason.WRONG_TYPE, "a"),
            rejection(OTHER_TENANT, 3, RejectReason.OUT_OF_RANGE, "b"),
            rejection(OTHER_TENANT, 3, RejectReason.OUT_OF_RANGE, "c"),
            rejection(TENANT, None, RejectReason.UNKNOWN_DEVICE, "d"),  # tenant known, device not
            rejection(None, None, RejectReason.UNKNOWN_DEVICE, "e"),  # neither known
        ],
        seen={1: (TENANT, T0 + 1000), 2: (TENANT, T0 + 5000), 3: (OTHER_TENANT, T0 + 9000)},
    )
    # an older "seen" never moves last_seen back
    second = WriteBatch(samples=[Sample(TENANT, 1, "t", T0 + 2, 1.0)], seen={1: (TENANT, T0 + 500)})
    return [first, second]


def test_activity_counts_samples_and_rejections_per_device(store: TimeSeriesStore) -> None:
    for batch in _activity_batches():
        store.write(batch)

    assert store.activity([1, 2, 3, 99]) == {
        1: DeviceActivity(1, TENANT, T0 + 1000, 4, 1),
        2: DeviceActivity(2, TENANT, T0 + 5000, 2, 0),
        3: DeviceActivity(3, OTHER_TENANT, T0 + 9000, 1, 2),
    }
    assert store.activity([3]) == {3: DeviceActivity(3, OTHER_TENANT, T0 + 9000, 1, 2)}
    assert store.activity([]) == {}


def test_online_devices_by_last_seen_cutoff(store: TimeSeriesStore) -> None:
    for batch in _activity_batches():
        store.write(batch)

    assert store.online_devices(None, T0 + 5000) == {2, 3}  # the cutoff itself counts as online
    assert store.online_devices(TENANT, T0 + 5000) == {2}
    assert store.online_devices(OTHER_TENANT, T0 + 5000) == {3}
    assert store.online_devices(TENANT, 0) == {1, 2}
    assert store.online_devices(None, T0 + 9001) == set()
    assert store.online_devices(99, 0) == set()


def test_totals_per_tenant_and_for_all_tenants(store: TimeSeriesStore) -> None:
    for batch in _activity_batches():
        store.write(batch)

    # per tenant: samples 4 + 2; rejections of its devices and of unknown devices under its code (1 + 1)
    assert store.totals(TENANT, T0 + 5000) == Totals(
        samples=6, rejected=2, online_devices=1, active_devices=2
    )
    assert store.totals(OTHER_TENANT, T0 + 5000) == Totals(1, 2, 1, 1)
    # all tenants: the two rejections without a device count as well (1 + 2 + 2)
    assert store.totals(None, T0 + 5000) == Totals(samples=7, rejected=5, online_devices=2, active_devices=3)
    assert store.totals(None, T0 + 9001) == Totals(7, 5, 0, 3)
    assert store.totals(99, 0) == Totals(0, 0, 0, 0)


# --- dead letters ---------------------------------------------------------------------------------------

DEAD = [
    rejection(TENANT, 1, RejectReason.WRONG_TYPE, "d1", T0 + 1),
    rejection(TENANT, 1, RejectReason.OUT_OF_RANGE, "d2", T0 + 2),
    rejection(TENANT, 2, RejectReason.WRONG_TYPE, "d3", T0 + 3),
    rejection(OTHER_TENANT, 3, RejectReason.WRONG_TYPE, "d4", T0 + 4),
    rejection(TENANT, None, RejectReason.UNKNOWN_DEVICE, "d5", T0 + 5),
    rejection(None, None, RejectReason.UNKNOWN_DEVICE, "d6", T0 + 6),
    rejection(TENANT, 1, RejectReason.OUT_OF_RANGE, "d7", T0 + 7),
]


def _write_dead(store: TimeSeriesStore) -> None:
    store.write(WriteBatch(rejections=DEAD[:3], seen={1: (TENANT, T0), 2: (TENANT, T0)}))
    store.write(WriteBatch(rejections=DEAD[3:], seen={1: (TENANT, T0), 3: (OTHER_TENANT, T0)}))


def test_dead_letters_come_newest_first_with_every_field(store: TimeSeriesStore) -> None:
    _write_dead(store)

    letters, total = store.dead_letters(None, None, None, 100, 0)

    assert total == 7
    assert [d.detail for d in letters] == ["d7", "d6", "d5", "d4", "d3", "d2", "d1"]
    ids = [d.id for d in letters]
    assert ids == sorted(ids, reverse=True)
    assert len(set(ids)) == 7
    newest = letters[0]
    assert (newest.tenant_id, newest.device_id, newest.received_ms) == (TENANT, 1, T0 + 7)
    assert (newest.reason, newest.field, newest.payload) == ("out_of_range", "values.x", '{"x": "d7"}')
    assert (letters[1].tenant_id, letters[1].device_id) == (None, None)


def test_dead_letters_page(store: TimeSeriesStore) -> None:
    _write_dead(store)

    page, total = store.dead_letters(None, None, None, 3, 2)
    assert (total, [d.detail for d in page]) == (7, ["d5", "d4", "d3"])
    page, total = store.dead_letters(None, None, None, 3, 6)
    assert (total, [d.detail for d in page]) == (7, ["d1"])
    page, total = store.dead_letters(None, None, None, 3, 7)
    assert (total, page) == (7, [])


@pytest.mark.parametrize(
    ("tenant", "device", "reason", "details"),
    [
        (TENANT, None, None, ["d7", "d5", "d3", "d2", "d1"]),
        (OTHER_TENANT, None, None, ["d4"]),
        (None, 1, None, ["d7", "d2", "d1"]),
        (None, None, "wrong_type", ["d4", "d3", "d1"]),
        (TENANT, None, "wrong_type", ["d3", "d1"]),
        (TENANT, 1, "out_of_range", ["d7", "d2"]),
        (OTHER_TENANT, 1, None, []),
        (None, None, "bad_timestamp", []),
    ],
)
def test_dead_letters_filter(
    store: TimeSeriesStore, tenant: int | None, device: int | None, reason: str | None, details: list[str]
) -> None:
    _write_dead(store)

    letters, total = store.dead_letters(tenant, device, reason, 100, 0)

    assert [d.detail for d in letters] == details
    assert total == len(details)


def test_rejected_by_reason(store: TimeSeriesStore) -> None:
    _write_dead(store)

    everything = store.rejected_by_reason(None, None)
    assert everything == {"wrong_type": 3, "out_of_range": 2, "unknown_device": 2}
    assert next(iter(everything)) == "wrong_type"  # largest first
    by_tenant = store.rejected_by_reason(TENANT, None)
    assert by_tenant == {"wrong_type": 2, "out_of_range": 2, "unknown_device": 1}
    assert list(by_tenant.values()) == [2, 2, 1]  # largest first; ties in any order
    assert list(store.rejected_by_reason(None, 1).items()) == [("out_of_range", 2), ("wrong_type", 1)]
    assert store.rejected_by_reason(OTHER_TENANT, 3) == {"wrong_type": 1}
    assert store.rejected_by_reason(99, None) == {}


# --- delete ---------------------------------------------------------------------------------------------


def test_delete_device_removes_everything_of_that_device_only(store: TimeSeriesStore) -> None:
    store.write(
        WriteBatch(
            samples=[
                Sample(TENANT, 1, "t", T0, 1.0),
                Sample(TENANT, 1, "u", T0, "x"),
                Sample(TENANT, 2, "t", T0, 2.0),
            ],
            rejections=[
                rejection(TENANT, 1, RejectReason.WRONG_TYPE, "one"),
                rejection(TENANT, 2, RejectReason.WRONG_TYPE, "two"),
                rejection(TENANT, None, RejectReason.UNKNOWN_DEVICE, "nobody"),
            ],
            seen={1: (TENANT, T0), 2: (TENANT, T0)},
        )
    )

    store.delete_device(1)

    assert store.range(1, "t", T0, T0 + 1, 10) == []
    assert store.range(1, "u", T0, T0 + 1, 10) == []
    assert store.latest(1) == {}
    assert store.activity([1, 2]) == {2: DeviceActivity(2, TENANT, T0, 1, 1)}
    assert [d.detail for d in store.dead_letters(None, None, None, 10, 0)[0]] == ["nobody", "two"]
    assert store.range(2, "t", T0, T0 + 1, 10) == [Point(T0, 2.0)]
    assert store.latest(2) == {"t": Point(T0, 2.0)}
    assert store.totals(None, T0) == Totals(samples=1, rejected=2, online_devices=1, active_devices=1)
    store.delete_device(1)  # deleting again is harmless
    store.delete_device(99)


# --- SQLite only ----------------------------------------------------------------------------------------


def test_sqlite_data_survives_closing_and_reopening(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/nested/ts.db"
    first = open_sqlite(url)
    first.write(
        WriteBatch(
            samples=[Sample(TENANT, 1, "t", T0, 21), Sample(TENANT, 1, "s", T0 + 1, "on", Quality.UNCERTAIN)],
            rejections=[rejection(TENANT, 1, RejectReason.WRONG_TYPE, "kept")],
            seen={1: (TENANT, T0 + 1)},
        )
    )
    first.close()

    reopened = SqliteTimeSeriesStore(url)
    try:
        assert reopened.range(1, "t", T0, T0 + 10, 10) == [Point(T0, 21)]
        assert type(reopened.range(1, "t", T0, T0 + 10, 10)[0].value) is int
        assert reopened.latest(1) == {"t": Point(T0, 21), "s": Point(T0 + 1, "on", Quality.UNCERTAIN)}
        assert reopened.activity([1]) == {1: DeviceActivity(1, TENANT, T0 + 1, 2, 1)}
        assert [d.detail for d in reopened.dead_letters(None, None, None, 10, 0)[0]] == ["kept"]
        # the reopened store keeps deduplicating against what was stored before
        assert reopened.write(WriteBatch(samples=[Sample(TENANT, 1, "t", T0, 21)])) == 0
    finally:
        reopened.close()


# --- events ---------------------------------------------------------------------------------------------


def test_events_are_stored_per_device_newest_first(store: TimeSeriesStore) -> None:
    store.write(
        WriteBatch(
            events=[
                Event(TENANT, 1, T0, "overheat", {"temperature": 91.5}),
                Event(TENANT, 1, T0 + 10, "tripped", {}),
                Event(TENANT, 2, T0 + 5, "overheat", {"temperature": 88.0}),
            ]
        )
    )
    events, total = store.events(1, 10, 0)
    assert total == 2
    assert [(e.ts_ms, e.name, e.params) for e in events] == [
        (T0 + 10, "tripped", {}),
        (T0, "overheat", {"temperature": 91.5}),
    ]
    assert [e.name for e in store.events(1, 1, 1)[0]] == ["overheat"]
    store.delete_device(1)
    assert store.events(1, 10, 0) == ([], 0)
    assert store.events(2, 10, 0)[1] == 1
