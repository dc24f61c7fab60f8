"""What ingest needs to know about a device, behind a cache: one dict lookup per message when warm.

The loader (the registry's SQL implementation, or a dict in tests) is called in a worker thread on a miss.
Entries expire after ``ttl_s`` so changes made by another process are seen; in-process changes call
``invalidate`` for an immediate effect.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from longcheng.core.clock import Clock
from longcheng.core.thing_model import EventSpec, PropertySpec


@dataclass(frozen=True, slots=True)
class DeviceEntry:
    tenant_id: int
    device_id: int
    tenant_code: str
    key: str
    secret_hash: str
    enabled: bool
    properties: Mapping[str, PropertySpec]
    gateway: str | None = None  # the key of the edge gateway that speaks for this device, if any
    events: Mapping[str, EventSpec] = field(default_factory=dict)


class _Miss:
    """The cache cannot answer (never looked up, or expired)."""


MISS = _Miss()


class DeviceLoader(Protocol):
    def load_device(self, tenant_code: str, key: str) -> DeviceEntry | None: ...

    def load_tenant_id(self, tenant_code: str) -> int | None: ...


class DeviceDirectory:
    def __init__(
        self, loader: DeviceLoader, clock: Clock, ttl_s: float = 10.0, miss_ttl_s: float = 2.0
    ) -> None:
        self._loader = loader
        self._clock = clock
        self._ttl_ms = int(ttl_s * 1000)
        self._miss_ttl_ms = int(miss_ttl_s * 1000)
        self._devices: dict[tuple[str, str], tuple[int, DeviceEntry | None]] = {}
        self._tenants: dict[str, tuple[int, int | None]] = {}

    def cached(self, tenant_code: str, key: str) -> DeviceEntry | _Miss | None:
        """The cached entry, None for a device known not to exist, MISS when the cache cannot answer."""
        hit = self._devices.get((tenant_code, key))
        if hit is None or hit[0] < self._clock.now_ms():
            return MISS
        return hit[1]

    async def get(self, tenant_code: str, key: str) -> DeviceEntry | None:
        hit = self.cached(tenant_code, key)
        if not isinstance(hit, _Miss):
            return hit
        entry = await asyncio.to_thread(self._loader.load_device, tenant_code, key)
        ttl = self._ttl_ms if entry is not None else self._miss_ttl_ms
        self._devices[(tenant_code, key)] = (self._clock.now_ms() + ttl, entry)
        return entry

    async def tenant_id(self, tenant_code: str) -> int | None:
        hit = self._tenants.get(tenant_code)
        if hit is not None and hit[0] >= self._clock.now_ms():
            return hit[1]
        tenant_id = await asyncio.to_thread(self._loader.load_tenant_id, tenant_code)
        self._tenants[tenant_code] = (self._clock.now_ms() + self._ttl_ms, tenant_id)
        return tenant_id

    def invalidate(self, tenant_code: str | None = None, key: str | None = None) -> None:
        """Forget one device, one tenant's devices, or everything."""
        if tenant_code is None:
            self._devices.clear()
            self._tenants.clear()
            return
        self._tenants.pop(tenant_code, None)
        for cached in [k for k in self._devices if k[0] == tenant_code and (key is None or k[1] == key)]:
            del self._devices[cached]


__all__ = ["MISS", "DeviceDirectory", "DeviceEntry", "DeviceLoader"]
