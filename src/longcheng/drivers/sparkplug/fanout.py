"""Readings fanned out to a session's subscribers: a bounded queue each, the oldest dropped when full."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from longcheng.drivers.base import PointSpec, Reading

QUEUE_SIZE = 10_000  # readings a subscriber may lag behind before the oldest are dropped


class Listener:
    """One subscriber: the points it follows by address key, and its queue (None: the session ended)."""

    __slots__ = ("points", "queue")

    def __init__(self, points: dict[str, list[PointSpec]], size: int = QUEUE_SIZE) -> None:
        self.points = points
        self.queue: asyncio.Queue[Reading | None] = asyncio.Queue(size)

    def put(self, item: Reading | None) -> bool:
        """Queue ``item``; True if the oldest item had to be dropped for it."""
        dropped = self.queue.full()
        if dropped:
            self.queue.get_nowait()
        self.queue.put_nowait(item)
        return dropped


class Fanout:
    """The subscribers of one session."""

    def __init__(self) -> None:
        self.listeners: set[Listener] = set()

    def add(self, points: dict[str, list[PointSpec]]) -> Listener:
        listener = Listener(points)
        self.listeners.add(listener)
        return listener

    def discard(self, listener: Listener) -> None:
        self.listeners.discard(listener)

    def wanting(self, key: str) -> Iterator[tuple[Listener, PointSpec]]:
        """Every (subscriber, point) that follows the address ``key``."""
        for listener in self.listeners:
            for point in listener.points.get(key, ()):
                yield listener, point

    def wake(self) -> None:
        """Tell every subscriber the session ended (closed, or the connection lost)."""
        for listener in self.listeners:
            listener.put(None)


__all__ = ["QUEUE_SIZE", "Fanout", "Listener"]
