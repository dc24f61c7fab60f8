"""The gateway's store-and-forward buffer: a bounded SQLite queue on local disk.

While the platform is unreachable the uplink appends what it would have published; when the platform
returns it replays with :meth:`DiskBuffer.peek` and, after each successful publish, :meth:`DiskBuffer.ack`
removes what was delivered. The buffer itself never loses or duplicates a message, across restarts too:

* every ``append`` and ``ack`` is one ``BEGIN IMMEDIATE`` transaction that also updates the ``depth`` and
  ``bytes`` counters in the ``meta`` table, so counters and rows can never disagree (and no call counts rows);
* ids come from ``INTEGER PRIMARY KEY AUTOINCREMENT``: SQLite never reuses one, even after every row was
  acknowledged and the process restarted, so replay order is id order and an old id is never confused
  with a new message;
* the file runs in WAL mode with ``synchronous=FULL``: under WAL, ``NORMAL`` survives a process crash but
  may lose the last commits on power loss. Once ``append`` returns, the caller treats the data as safe
  (it drops its own copy), so each commit is fsynced before returning. The gateway's rate of batches makes
  one fsync per batch affordable.

**Policy when full: drop the oldest.** For monitoring the newest data is the most valuable; an operator sees
the loss through :attr:`DiskBuffer.dropped`, a lifetime counter persisted in the same file. A batch larger
than the whole capacity keeps only its newest messages that fit; a single message larger than ``max_bytes``
can never be buffered and is dropped (and counted) on its own. ``bytes`` counts the data (UTF-8 topic plus
payload), not SQLite's page overhead, so the file is somewhat larger than ``max_bytes``.

One file belongs to one gateway process. The object is synchronous and thread-safe behind one lock; the
runtime calls it from a worker thread. The schema is plain SQL below, versioned with ``PRAGMA user_version``:
append a step to ``_MIGRATIONS`` to change it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from longcheng.core.clock import Clock
from longcheng.core.errors import BackendError, ConfigError

log = logging.getLogger(__name__)

# _MIGRATIONS[i] takes the file from user_version i to i + 1.
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL,"
        " payload BLOB NOT NULL, enqueued_ms INTEGER NOT NULL, size INTEGER NOT NULL)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
        "INSERT INTO meta (key, value) VALUES ('depth', 0), ('bytes', 0), ('dropped', 0)",
    ),
)
SCHEMA_VERSION = len(_MIGRATIONS)

_INSERT = "INSERT INTO messages (topic, payload, enqueued_ms, size) VALUES (?, ?, ?, ?)"
_BUMP = "UPDATE meta SET value = value + ? WHERE key = ?"


@dataclass(frozen=True, slots=True)
class Buffered:
    """One buffered message; ``id`` increases monotonically and is the replay order."""

    id: int
    topic: str
    payload: bytes
    enqueued_ms: int


@dataclass(frozen=True, slots=True)
class _Row:
    topic: str
    payload: bytes
    size: int


def _fit_newest(rows: Sequence[_Row], max_messages: int, max_bytes: int) -> list[_Row]:
    """The longest run of newest rows that fits the whole capacity; a row larger than it is skipped."""
    rows = [r for r in rows if r.size <= max_bytes]
    count = total = 0
    start = len(rows)
    while start > 0 and count < max_messages and total + rows[start - 1].size <= max_bytes:
        start -= 1
        count += 1
        total += rows[start].size
    return list(rows[start:])


class DiskBuffer:
    """A bounded, durable FIFO of ``(topic, payload)`` messages in one SQLite file."""

    def __init__(
        self,
        path: str | Path,
        *,
        max_messages: int = 1_000_000,
        max_bytes: int = 1 << 30,
        clock: Clock,
    ) -> None:
        if max_messages < 1 or max_bytes < 1:
            raise ConfigError(f"buffer capacity must be positive: {max_messages=} {max_bytes=}")
        self._path = Path(path)
        self._max_messages = max_messages
        self._max_bytes = max_bytes
        self._clock = clock
        self._lock = threading.Lock()
        self._dropping = False
        self._conn: sqlite3.Connection | None = None
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._open()
        except (OSError, sqlite3.Error) as err:
            raise BackendError(f"cannot open the buffer {self._path}: {err}") from err

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal":
                log.warning("buffer %s: WAL unavailable, journal mode is %s", self._path, mode)
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=5000")
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise ConfigError(
                    f"buffer {self._path} has schema version {version}, newer than {SCHEMA_VERSION}"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[step]:
                    conn.execute(statement)
                log.info("buffer %s: schema migrated to version %d", self._path, step + 1)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @contextmanager
    def _session(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """The connection under the lock; a write is one transaction; SQLite errors become BackendError."""
        with self._lock:
            conn = self._conn
            if conn is None:
                raise BackendError(f"buffer {self._path} is closed")
            try:
                if write:
                    conn.execute("BEGIN IMMEDIATE")
                yield conn
                if write:
                    conn.execute("COMMIT")
            except sqlite3.Error as err:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise BackendError(f"buffer {self._path} failed: {err}") from err
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def append(self, items: Sequence[tuple[str, bytes]]) -> int:
        """Buffer ``items`` in order, in one transaction; returns how many messages were dropped for room."""
        if not items:
            return 0
        rows = [_Row(t, p, len(t.encode()) + len(p)) for t, p in items]
        kept = _fit_newest(rows, self._max_messages, self._max_bytes)
        rejected = len(rows) - len(kept)
        now = self._clock.now_ms()
        with self._session(write=True) as conn:
            depth, size, _ = _counters(conn)
            evicted, freed = _evict_oldest(
                conn,
                count=depth + len(kept) - self._max_messages,
                size=size + sum(r.size for r in kept) - self._max_bytes,
            )
            conn.executemany(_INSERT, [(r.topic, r.payload, now, r.size) for r in kept])
            conn.execute(_BUMP, (len(kept) - evicted, "depth"))
            conn.execute(_BUMP, (sum(r.size for r in kept) - freed, "bytes"))
            dropped = rejected + evicted
            if dropped:
                conn.execute(_BUMP, (dropped, "dropped"))
        self._note_drops(dropped)
        return dropped

    def _note_drops(self, dropped: int) -> None:
        """Warn when the buffer starts dropping, not on every full append."""
        if dropped and not self._dropping:
            log.warning("buffer %s is full: dropping the oldest messages (%d now)", self._path, dropped)
        elif not dropped and self._dropping:
            log.info("buffer %s has room again (%d dropped in its lifetime)", self._path, self.dropped)
        self._dropping = dropped > 0

    def peek(self, limit: int) -> list[Buffered]:
        """Up to ``limit`` messages, oldest first, without removing them."""
        if limit <= 0:
            return []
        with self._session(write=False) as conn:
            cur = conn.execute(
                "SELECT id, topic, payload, enqueued_ms FROM messages ORDER BY id LIMIT ?", (limit,)
            )
            return [Buffered(i, t, bytes(p), ms) for i, t, p, ms in cur]

    def ack(self, up_to_id: int) -> int:
        """Remove every message with ``id <= up_to_id`` (after a successful publish); returns how many."""
        with self._session(write=True) as conn:
            count, size = conn.execute(
                "SELECT count(*), coalesce(sum(size), 0) FROM messages WHERE id <= ?", (up_to_id,)
            ).fetchone()
            if count:
                conn.execute("DELETE FROM messages WHERE id <= ?", (up_to_id,))
                conn.execute(_BUMP, (-count, "depth"))
                conn.execute(_BUMP, (-size, "bytes"))
        return int(count)

    @property
    def depth(self) -> int:
        """Messages buffered now."""
        with self._session(write=False) as conn:
            return _counters(conn)[0]

    @property
    def bytes(self) -> int:
        """Data bytes buffered now (UTF-8 topic plus payload of each message)."""
        with self._session(write=False) as conn:
            return _counters(conn)[1]

    @property
    def dropped(self) -> int:
        """Messages dropped to make room over the file's lifetime (persisted)."""
        with self._session(write=False) as conn:
            return _counters(conn)[2]

    @property
    def oldest_ms(self) -> int | None:
        """When the oldest buffered message was enqueued, or ``None`` when empty."""
        with self._session(write=False) as conn:
            row = conn.execute("SELECT enqueued_ms FROM messages ORDER BY id LIMIT 1").fetchone()
        return None if row is None else int(row[0])

    def close(self) -> None:
        """Close the file; idempotent. Everything appended is already durable."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> DiskBuffer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _counters(conn: sqlite3.Connection) -> tuple[int, int, int]:
    values = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    return int(values["depth"]), int(values["bytes"]), int(values["dropped"])


def _evict_oldest(conn: sqlite3.Connection, *, count: int, size: int) -> tuple[int, int]:
    """Delete the oldest rows until at least ``count`` messages and ``size`` bytes are freed."""
    if count <= 0 and size <= 0:
        return 0, 0
    freed_count = freed_size = 0
    cutoff: int | None = None
    cur = conn.execute("SELECT id, size FROM messages ORDER BY id")
    for row_id, row_size in cur:
        freed_count += 1
        freed_size += row_size
        cutoff = row_id
        if freed_count >= count and freed_size >= size:
            break
    cur.close()
    if cutoff is not None:
        conn.execute("DELETE FROM messages WHERE id <= ?", (cutoff,))
    return freed_count, freed_size


__all__ = ["SCHEMA_VERSION", "Buffered", "DiskBuffer"]
