"""The contract every protocol driver implements; the edge runtime drives it.

A driver is a thin adapter over a protocol library. It knows how to reach one device (its pydantic
``config_model``), how to read a batch of points, how to write one, and, where the protocol can, how to
subscribe. Points are data (``PointSpec``), never a class per point. The driver moves *raw* values of the
point's ``data_type``; scaling, offset, deadband and the mapping to thing-model properties are the edge
runtime's, the same for every protocol.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

from longcheng.core.errors import BackendError, InvalidInput
from longcheng.core.samples import Quality, Value


class RawType(enum.StrEnum):
    """How a point's raw value is encoded on the wire."""

    BOOL = "bool"
    INT16 = "int16"
    UINT16 = "uint16"
    INT32 = "int32"
    UINT32 = "uint32"
    INT64 = "int64"
    UINT64 = "uint64"
    FLOAT32 = "float32"
    FLOAT64 = "float64"
    STRING = "string"


class PointSpec(BaseModel):
    """One data point of a device: where it is (``address``, in the protocol's own notation), how it is
    encoded, and what it becomes on the platform (``name`` is the thing-model property it feeds)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,62}$")
    address: str = Field(min_length=1, max_length=256)
    data_type: RawType
    unit: str | None = None
    scale: float = 1.0
    offset: float = 0.0
    access: str = Field(default="r", pattern=r"^(r|rw)$")
    poll_ms: int = Field(default=1000, ge=10, le=86_400_000)
    deadband: float = Field(default=0.0, ge=0)
    options: dict[str, Any] = Field(default_factory=dict, description="protocol-specific, e.g. word order")


@dataclass(frozen=True, slots=True)
class Reading:
    """A raw value read from a point at an instant (epoch ms; the device's time where it gives one)."""

    point: str
    value: Value
    ts_ms: int
    quality: Quality = Quality.GOOD


class DeviceUnreachable(BackendError):
    """The device did not answer or the connection broke: the runtime reconnects with backoff."""

    code = "error.device_unreachable"


class PointRejected(InvalidInput):
    """The device refused a read or write of one point (bad address, read-only, illegal value)."""

    code = "error.point_rejected"


class Session(Protocol):
    """An open connection to one device."""

    async def read(self, points: Sequence[PointSpec]) -> list[Reading]:
        """Read every point (batched as the protocol allows); a point that cannot be read comes back with
        ``Quality.BAD``. Raises ``DeviceUnreachable`` when the device cannot be reached at all."""
        ...

    def subscribe(self, points: Sequence[PointSpec]) -> AsyncIterator[Reading]:
        """Readings as the device reports changes; only for drivers whose spec says ``subscribe=True``."""
        ...

    async def write(self, point: PointSpec, value: Value) -> None:
        """Write one raw value; raises ``PointRejected`` if the device refuses it."""
        ...

    async def close(self) -> None: ...


Connect = Callable[[BaseModel], Awaitable[Session]]

__all__ = ["Connect", "DeviceUnreachable", "PointRejected", "PointSpec", "RawType", "Reading", "Session"]
