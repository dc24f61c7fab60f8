"""The store-and-forward buffer on real SQLite files: order, bounds, durability across reopen, threads."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from longcheng.core.clock import ManualClock
from longcheng.core.errors import BackendError, ConfigError
from longcheng.edge.buffer import SCHEMA_VERSION, Buffered, DiskBuffer


def _msgs(start: int, stop: int, topic: str = "t") -> list[tuple[str, bytes]]:
    return [(topic, str(i).encode()) for i in range(start, stop)]


def _payloads(items: list[Buffered]) -> list[bytes]:
    return [b.payload for b in items]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "gw" / "buffer.db"


def test_order_is_preserved_across_append_peek_ack(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, clock=clock) as buf:
        assert buf.append(_msgs(0, 3)) == 0
        clock.advance(1000)
        assert buf.append([("other", b"x"), ("t", b"3")]) == 0
        got = buf.peek(10)
        assert [(b.topic, b.payload) for b in got] == [*_msgs(0, 3), ("other", b"x"), ("t", b"3")]
        assert [b.id for b in got] == sorted(b.id for b in got)
        assert [b.enqueued_ms for b in got] == [clock.now_ms() - 1000] * 3 + [clock.now_ms()] * 2
        assert buf.peek(2) == got[:2]  # peek does not remove
        assert buf.ack(got[1].id) == 2
        assert buf.peek(10) == got[2:]


def test_ack_removes_only_up_to_the_id(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, clock=clock) as buf:
        buf.append(_msgs(0, 5))
        ids = [b.id for b in buf.peek(5)]
        assert buf.ack(ids[0] - 1) == 0
        assert buf.ack(ids[2]) == 3
        assert buf.ack(ids[2]) == 0  # acknowledging twice is harmless
        assert _payloads(buf.peek(5)) == [b"3", b"4"]
        assert (buf.depth, buf.bytes) == (2, 4)  # topic "t" + one-digit payload each
        assert buf.ack(ids[-1] + 100) == 2
        assert (buf.depth, buf.bytes, buf.oldest_ms) == (0, 0, None)


def test_counters_track_depth_bytes_and_oldest(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, clock=clock) as buf:
        assert (buf.depth, buf.bytes, buf.dropped, buf.oldest_ms) == (0, 0, 0, None)
        first = clock.now_ms()
        buf.append([("温度", b"abc")])  # topic counted in UTF-8 bytes: 6 + 3
        clock.advance(50)
        buf.append([("t", b"")])
        assert (buf.depth, buf.bytes, buf.oldest_ms) == (2, 10, first)
        buf.ack(buf.peek(1)[0].id)
        assert (buf.depth, buf.bytes, buf.oldest_ms) == (1, 1, first + 50)
    with sqlite3.connect(path) as raw:  # the counters agree with the rows
        rows = raw.execute(
            "SELECT count(*), sum(length(CAST(topic AS BLOB)) + length(payload)) FROM messages"
        )
        assert rows.fetchone() == (1, 1)
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    raw.close()


def test_reopen_after_close_keeps_unacked_in_order_with_new_ids_above(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, clock=clock) as buf:
        buf.append(_msgs(0, 6))
        buf.ack(buf.peek(2)[-1].id)
        before = buf.peek(10)
    with DiskBuffer(path, clock=clock) as buf:
        assert buf.peek(10) == before
        assert buf.depth == 4
        buf.append(_msgs(6, 8))
        after = buf.peek(10)
        assert _payloads(after) == [str(i).encode() for i in range(2, 8)]
        assert min(b.id for b in after[4:]) > max(b.id for b in before)


def test_reopen_without_close_keeps_everything(path: Path, clock: ManualClock) -> None:
    abandoned = DiskBuffer(path, clock=clock)
    abandoned.append(_msgs(0, 4))
    abandoned.ack(abandoned.peek(1)[0].id)
    before = abandoned.peek(10)
    # the first owner is never closed: a new one takes over the file as after a crash
    with DiskBuffer(path, clock=clock) as buf:
        assert buf.peek(10) == before
        assert (buf.depth, buf.bytes) == (3, 6)
        buf.append(_msgs(4, 5))
        assert buf.peek(10)[-1].id > before[-1].id
    abandoned.close()


def test_a_killed_process_loses_nothing_it_appended(path: Path, clock: ManualClock) -> None:
    script = textwrap.dedent(f"""
        import os
        from longcheng.core.clock import ManualClock
        from longcheng.edge.buffer import DiskBuffer
        buf = DiskBuffer({str(path)!r}, clock=ManualClock())
        buf.append([("t", str(i).encode()) for i in range(100)])
        buf.ack(buf.peek(10)[-1].id)
        buf.append([("t", b"last")])
        os._exit(0)  # no close, no cleanup
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=30)
    with DiskBuffer(path, clock=clock) as buf:
        got = buf.peek(1000)
        assert _payloads(got) == [str(i).encode() for i in range(10, 100)] + [b"last"]
        assert (buf.depth, buf.dropped) == (91, 0)
        buf.append([("t", b"new")])
        assert buf.peek(1000)[-1].id > got[-1].id


def test_ids_never_repeat_after_everything_was_acked(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, clock=clock) as buf:
        buf.append(_msgs(0, 3))
        last = buf.peek(3)[-1].id
        buf.ack(last)
    with DiskBuffer(path, clock=clock) as buf:
        buf.append(_msgs(3, 4))
        assert buf.peek(1)[0].id > last


def test_message_bound_drops_the_oldest_and_counts_them(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, max_messages=5, clock=clock) as buf:
        assert buf.append(_msgs(0, 4)) == 0
        assert buf.append(_msgs(4, 7)) == 2
        assert _payloads(buf.peek(10)) == [str(i).encode() for i in range(2, 7)]
        assert (buf.depth, buf.dropped) == (5, 2)


def test_byte_bound_drops_the_oldest_and_counts_them(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, max_bytes=10, clock=clock) as buf:  # each message: 1 + 1 bytes
        assert buf.append(_msgs(0, 5)) == 0
        assert buf.bytes == 10
        assert buf.append([("t", b"abcde")]) == 3  # needs 6 bytes: the 3 oldest go
        assert _payloads(buf.peek(10)) == [b"3", b"4", b"abcde"]
        assert (buf.depth, buf.bytes, buf.dropped) == (3, 10, 3)


def test_dropped_persists_across_reopen(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, max_messages=2, clock=clock) as buf:
        buf.append(_msgs(0, 5))
        assert buf.dropped == 3
    with DiskBuffer(path, max_messages=2, clock=clock) as buf:
        assert buf.dropped == 3
        buf.append(_msgs(5, 6))
        assert buf.dropped == 4
        assert _payloads(buf.peek(5)) == [b"4", b"5"]


def test_a_batch_larger_than_capacity_keeps_the_newest(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, max_messages=3, max_bytes=100, clock=clock) as buf:
        buf.append(_msgs(0, 2))
        assert buf.append(_msgs(10, 20)) == 9  # 2 old + 7 of the batch
        assert _payloads(buf.peek(10)) == [b"17", b"18", b"19"]
        assert (buf.depth, buf.bytes, buf.dropped) == (3, 9, 9)
    path.unlink()
    with DiskBuffer(path, max_bytes=8, clock=clock) as buf:
        batch = [("t", b"aaa"), ("t", b"bb"), ("t", b"c"), ("t", b"d")]
        assert buf.append(batch) == 1  # 3 + 2 + 2 bytes fit; the oldest 4-byte one does not
        assert _payloads(buf.peek(10)) == [b"bb", b"c", b"d"]


def test_a_message_larger_than_the_byte_bound_is_dropped_alone(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, max_bytes=10, clock=clock) as buf:
        buf.append(_msgs(0, 2))
        assert buf.append([("t", b"y" * 20), ("t", b"z")]) == 1
        assert _payloads(buf.peek(10)) == [b"0", b"1", b"z"]
        assert buf.dropped == 1


def test_appends_and_acks_from_two_threads_lose_and_duplicate_nothing(path: Path, clock: ManualClock) -> None:
    batches, per_batch = 150, 10
    expected = [f"{b}-{i}".encode() for b in range(batches) for i in range(per_batch)]
    delivered: list[Buffered] = []
    done = threading.Event()
    errors: list[BaseException] = []

    with DiskBuffer(path, clock=clock) as buf:

        def produce() -> None:
            try:
                for b in range(batches):
                    buf.append([("t", p) for p in expected[b * per_batch : (b + 1) * per_batch]])
            except BaseException as err:
                errors.append(err)
            finally:
                done.set()

        def consume() -> None:
            try:
                while not (done.is_set() and buf.depth == 0):
                    got = buf.peek(7)
                    if got:
                        delivered.extend(got)
                        assert buf.ack(got[-1].id) == len(got)
            except BaseException as err:
                errors.append(err)

        threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=20)
        assert not errors
        assert [b.payload for b in delivered] == expected
        assert len({b.id for b in delivered}) == len(expected)
        assert [b.id for b in delivered] == sorted(b.id for b in delivered)
        assert (buf.depth, buf.bytes, buf.dropped) == (0, 0, 0)


def test_empty_calls_are_fine(path: Path, clock: ManualClock) -> None:
    with DiskBuffer(path, clock=clock) as buf:
        assert buf.append([]) == 0
        assert buf.peek(10) == []
        assert buf.peek(0) == []
        assert buf.ack(0) == 0
        assert buf.ack(10**12) == 0
        assert (buf.depth, buf.bytes, buf.dropped, buf.oldest_ms) == (0, 0, 0, None)


def test_a_closed_buffer_refuses_work_and_close_is_idempotent(path: Path, clock: ManualClock) -> None:
    buf = DiskBuffer(path, clock=clock)
    buf.close()
    buf.close()
    with pytest.raises(BackendError):
        buf.append(_msgs(0, 1))
    with pytest.raises(BackendError):
        _ = buf.depth


def test_bad_capacity_and_newer_schema_are_refused(path: Path, clock: ManualClock) -> None:
    with pytest.raises(ConfigError):
        DiskBuffer(path, max_messages=0, clock=clock)
    DiskBuffer(path, clock=clock).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(ConfigError):
        DiskBuffer(path, clock=clock)


def test_a_file_that_is_not_a_database_is_a_backend_error(path: Path, clock: ManualClock) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not sqlite at all, just some bytes that fill a header" * 4)
    with pytest.raises(BackendError):
        DiskBuffer(path, clock=clock)
