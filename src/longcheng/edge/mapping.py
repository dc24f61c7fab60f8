"""From a protocol's raw value to the thing model's property, and back for writes (pure).

engineering = raw × scale + offset; numeric values only (bools and strings pass through). A value is sent
when it is the first, or differs from the last one sent by more than the point's deadband (report on
change); a deadband of 0 sends every change, never a repeat.
"""

from __future__ import annotations

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value
from longcheng.drivers.base import PointSpec, RawType

_INTEGER = {RawType.INT16, RawType.UINT16, RawType.INT32, RawType.UINT32, RawType.INT64, RawType.UINT64}


def engineering(point: PointSpec, raw: Value) -> Value:
    if isinstance(raw, bool | str):
        return raw
    if point.scale == 1.0 and point.offset == 0.0:
        return raw
    return raw * point.scale + point.offset


def raw_for_write(point: PointSpec, value: Value) -> Value:
    """The raw value that makes the point read back as ``value``."""
    if point.access != "rw":
        raise InvalidInput(point.name, "the point is read-only")
    if isinstance(value, bool | str):
        return value
    raw = (value - point.offset) / point.scale
    if point.data_type in _INTEGER:
        if abs(raw - round(raw)) > 1e-9:
            raise InvalidInput(point.name, f"{value} is not a whole number of raw steps ({point.scale})")
        return round(raw)
    return raw


class ChangeFilter:
    """Remembers the last value sent per point and passes only what changed beyond the deadband."""

    def __init__(self) -> None:
        self._last: dict[str, Value] = {}

    def changed(self, point: PointSpec, value: Value) -> bool:
        last = self._last.get(point.name)
        if last is None:
            return True
        if isinstance(value, bool | str) or isinstance(last, bool | str):
            return value != last
        return abs(value - last) > point.deadband if point.deadband else value != last

    def sent(self, point: PointSpec, value: Value) -> None:
        self._last[point.name] = value

    def forget(self) -> None:
        """After a reconnect everything is sent once again (the platform may have missed a change)."""
        self._last.clear()


__all__ = ["ChangeFilter", "engineering", "raw_for_write"]
