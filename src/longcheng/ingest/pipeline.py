"""The ingest pipeline: messages in, batches out to the time-series store.

``handle`` runs on the event loop for every message (decode, look up, validate: no I/O when the device
directory is warm). ``run`` is the writer: every ``flush_interval_ms``, or sooner when ``flush_max_samples``
are pending, it hands one ``WriteBatch`` to the store in a worker thread. A failed write keeps the batch
and retries with backoff, so nothing accepted is dropped while the process lives; on shutdown the
writer flushes what is pending.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from longcheng.core import topics
from longcheng.core.clock import Clock
from longcheng.core.samples import Rejection, RejectReason
from longcheng.ingest.decode import decode
from longcheng.ingest.directory import MISS, DeviceDirectory, DeviceEntry
from longcheng.ingest.events import decode_events
from longcheng.ingest.validate import Limits, Validator, excerpt
from longcheng.storage.timeseries import TimeSeriesStore, WriteBatch

log = logging.getLogger(__name__)


ReplySink = Callable[[DeviceEntry, bytes], Awaitable[None]]


@dataclass
class IngestStats:
    messages: int = 0
    ignored: int = 0
    replies: int = 0
    events: int = 0
    samples_accepted: int = 0
    samples_stored: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    flushes: int = 0
    write_errors: int = 0
    pending: int = 0
    last_flush_s: float = 0.0


class Ingest:
    def __init__(
        self,
        directory: DeviceDirectory,
        store: TimeSeriesStore,
        clock: Clock,
        limits: Limits,
        *,
        flush_interval_ms: int = 200,
        flush_max_samples: int = 20_000,
        replies: ReplySink | None = None,
    ) -> None:
        self.directory = directory
        self.replies = replies
        self.store = store
        self.clock = clock
        self.limits = limits
        self.stats = IngestStats()
        self._interval_s = flush_interval_ms / 1000
        self._max = flush_max_samples
        self._pending = WriteBatch()
        self._wake = asyncio.Event()
        self._flush_lock = asyncio.Lock()

    async def handle(self, topic: str, payload: bytes) -> None:
        """Take one MQTT message of the platform's topic scheme (the broker has authorised the sender)."""
        received = self.clock.now_ms()
        self.stats.messages += 1
        parts = topics.parse(topic)
        if parts is not None and parts.channel == "replies" and self.replies is not None:
            await self._reply(parts, payload)
            return
        if parts is None or parts.channel not in ("telemetry", "events"):
            self.stats.ignored += 1
            return
        entry = self.directory.cached(parts.tenant, parts.device)
        if entry is MISS:
            entry = await self.directory.get(parts.tenant, parts.device)
        if not isinstance(entry, DeviceEntry) or not entry.enabled:
            await self._refuse_device(
                parts, payload, received, entry if isinstance(entry, DeviceEntry) else None
            )
            return
        pending = self._pending
        pending.seen[entry.device_id] = (entry.tenant_id, received)
        if parts.channel == "events":
            events, rejections = decode_events(entry, payload, received, self.limits)
            pending.events.extend(events)
            self.stats.events += len(events)
            self._add_rejections(rejections)
            return
        validator = Validator(entry, received, self.limits)
        for item in decode(payload, received, self.limits.max_payload_bytes):
            validator.add(item, payload)
        pending.samples.extend(validator.samples)
        self.stats.samples_accepted += len(validator.samples)
        self._add_rejections(validator.rejections)
        self.stats.pending = len(pending.samples)
        if self.stats.pending >= self._max:
            self._wake.set()

    async def _reply(self, parts: topics.TopicParts, payload: bytes) -> None:
        """A command outcome from a device (or its gateway) goes to the command records."""
        entry = await self.directory.get(parts.tenant, parts.device)
        if entry is None or self.replies is None:
            self.stats.ignored += 1
            return
        self.stats.replies += 1
        await self.replies(entry, payload)

    async def _refuse_device(
        self, parts: topics.TopicParts, payload: bytes, received: int, entry: DeviceEntry | None
    ) -> None:
        """A message for a device that is unknown, or known but disabled (it still counts as seen)."""
        if entry is not None:
            self._pending.seen[entry.device_id] = (entry.tenant_id, received)
            rejection = Rejection(
                entry.tenant_id,
                entry.device_id,
                received,
                RejectReason.DEVICE_DISABLED,
                "topic",
                f"device {parts.device!r} is disabled",
                excerpt(payload),
            )
        else:
            tenant_id = await self.directory.tenant_id(parts.tenant)
            rejection = Rejection(
                tenant_id,
                None,
                received,
                RejectReason.UNKNOWN_DEVICE,
                "topic",
                f"no device {parts.device!r} in tenant {parts.tenant!r}",
                excerpt(payload),
            )
        self._add_rejections([rejection])

    def _add_rejections(self, rejections: list[Rejection]) -> None:
        if rejections:
            self._pending.rejections.extend(rejections)
            self.stats.rejected.update(r.reason.value for r in rejections)

    async def flush(self) -> int:
        """Write what is pending now; returns the number of new samples stored.

        The write runs in a worker thread and is shielded: if the caller is cancelled (shutdown), the write
        still completes and is accounted for before the cancellation goes on, so a batch is never lost
        half-way nor written to a store that has been closed underneath it.
        """
        async with self._flush_lock:
            batch, self._pending = self._pending, WriteBatch()
            if not len(batch):
                return 0
            started = time.perf_counter()
            write = asyncio.ensure_future(asyncio.to_thread(self.store.write, batch))
            try:
                await asyncio.shield(write)
            except asyncio.CancelledError:
                await asyncio.wait([write])
                self._settle(write, batch, started)
                raise
            except Exception:  # noqa: S110 - settled (and re-raised) just below
                pass
            return self._settle(write, batch, started)

    def _settle(self, write: asyncio.Future[int], batch: WriteBatch, started: float) -> int:
        """Count a finished write, or put its batch back in front of what arrived since and re-raise."""
        error = write.exception()
        if error is not None:
            self.stats.write_errors += 1
            self._requeue(batch)
            raise error
        stored = write.result()
        self.stats.flushes += 1
        self.stats.samples_stored += stored
        self.stats.last_flush_s = time.perf_counter() - started
        self.stats.pending = len(self._pending.samples)
        return stored

    def _requeue(self, batch: WriteBatch) -> None:
        """Put a batch that failed to write back in front of what arrived since."""
        newer = self._pending
        batch.samples.extend(newer.samples)
        batch.rejections.extend(newer.rejections)
        batch.events.extend(newer.events)
        for device_id, seen in newer.seen.items():
            batch.seen[device_id] = seen
        self._pending = batch
        self.stats.pending = len(batch.samples)

    async def run(self) -> None:
        """The writer loop; runs until cancelled, then flushes what is pending."""
        backoff = self._interval_s
        try:
            while True:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=backoff)
                self._wake.clear()
                try:
                    await self.flush()
                    backoff = self._interval_s
                except Exception:
                    log.exception(
                        "time-series write failed; %d samples kept for retry", len(self._pending.samples)
                    )
                    backoff = min(backoff * 2, 5.0)
        finally:
            await asyncio.shield(self._final_flush())

    async def _final_flush(self) -> None:
        try:
            await self.flush()
        except Exception:
            log.exception("final flush failed; %d samples were not stored", len(self._pending.samples))


__all__ = ["Ingest", "IngestStats", "ReplySink"]
