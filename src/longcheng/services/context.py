"""Everything a service call may need, built once by the runtime (or by a test)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from longcheng.core.clock import Clock
from longcheng.core.settings import Settings
from longcheng.ingest.directory import DeviceDirectory
from longcheng.ingest.pipeline import IngestStats
from longcheng.services.metering import Meter
from longcheng.services.principals import PrincipalCache
from longcheng.storage.timeseries import TimeSeriesStore

Downlink = Callable[[str, bytes], Awaitable[None]]


@dataclass
class PlatformContext:
    settings: Settings
    sessions: sessionmaker[Session]
    timeseries: TimeSeriesStore
    directory: DeviceDirectory
    clock: Clock
    downlink: Downlink | None = None
    ingest_stats: IngestStats | None = None
    mqtt_endpoint: tuple[str, int] = ("127.0.0.1", 1883)
    meter: Meter = field(default_factory=Meter)
    principals: PrincipalCache = field(default_factory=PrincipalCache)
    extras: dict[str, object] = field(default_factory=dict)

    def online_since_ms(self) -> int:
        return self.clock.now_ms() - self.settings.offline_after_s * 1000


__all__ = ["Downlink", "PlatformContext"]
