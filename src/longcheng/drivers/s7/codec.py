"""S7 values and read plans, free of I/O.

Values are big-endian, as S7 stores them; ``points`` documents which types each address width holds. A bit
is written by a read-modify-write of its byte (``with_bit``). ``plan_reads`` groups the points of one area
or data block into contiguous byte ranges, each read with one request that fits the negotiated PDU (its
length less ``READ_OVERHEAD`` bytes: 222 data bytes with a 240-byte PDU, 462 with 480, 942 with 960).
"""

from __future__ import annotations

import math
import struct
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from longcheng.core.samples import Quality, Value
from longcheng.drivers.base import PointRejected, PointSpec, RawType, Reading
from longcheng.drivers.s7.points import Area, S7Point

READ_OVERHEAD = 18  # bytes of a read response that are not data: S7 header, parameters, item header
FLOAT32_MAX = 3.4028234663852886e38
_FORMATS = {
    (RawType.INT16, 2): ">h",
    (RawType.UINT16, 2): ">H",
    (RawType.INT32, 4): ">i",
    (RawType.UINT32, 4): ">I",
    (RawType.FLOAT32, 4): ">f",
    (RawType.INT64, 8): ">q",
    (RawType.UINT64, 8): ">Q",
    (RawType.FLOAT64, 8): ">d",
    (RawType.INT16, 1): ">b",
    (RawType.UINT16, 1): ">B",
}
ZERO: dict[RawType, Value] = {
    **dict.fromkeys(RawType, 0),
    RawType.BOOL: False,
    RawType.FLOAT32: 0.0,
    RawType.FLOAT64: 0.0,
    RawType.STRING: "",
}


def decode(point: S7Point, data: bytes) -> Value:
    """The value of a point from its bytes (``data`` starts at the point's first byte)."""
    if point.data_type is RawType.BOOL:
        return bool(data[0] >> (point.address.bit or 0) & 1)
    if point.data_type is RawType.STRING:
        count = min(data[0], data[1], point.length)
        return data[2 : 2 + count].decode(point.encoding, errors="replace")
    (value,) = struct.unpack_from(_FORMATS[point.data_type, point.size], data)
    return float(value) if point.data_type in (RawType.FLOAT32, RawType.FLOAT64) else int(value)


def encode(point: S7Point, value: Value) -> bytes:
    """The bytes written for ``value`` (bits: ``with_bit``); raises ``PointRejected`` if it does not fit."""
    if point.data_type is RawType.STRING:
        if not isinstance(value, str):
            raise PointRejected(point.name, f"{value!r} is not a string")
        try:
            text = value.encode(point.encoding)
        except UnicodeEncodeError as err:
            raise PointRejected(point.name, f"{value!r} cannot be written in {point.encoding}") from err
        if len(text) > point.length:
            raise PointRejected(point.name, f"{value!r} is longer than {point.length} bytes")
        return bytes([point.length, len(text)]) + text.ljust(point.length, b"\0")
    if isinstance(value, bool | str):
        raise PointRejected(point.name, f"{value!r} is not a number")
    fmt = _FORMATS[point.data_type, point.size]
    if point.data_type in (RawType.FLOAT32, RawType.FLOAT64):
        if not math.isfinite(value):
            raise PointRejected(point.name, f"{value!r} is not a finite number")
        if point.data_type is RawType.FLOAT32 and abs(value) > FLOAT32_MAX:
            raise PointRejected(point.name, f"{value!r} is outside the range of a REAL (±{FLOAT32_MAX:.7g})")
        return struct.pack(fmt, value)
    if isinstance(value, float) and not value.is_integer():
        raise PointRejected(point.name, f"{value!r} is not a whole number")
    bits = point.size * 8
    signed = fmt[1].islower()  # struct: b h i q signed, B H I Q unsigned
    low, high = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2**bits - 1)
    if not low <= value <= high:
        raise PointRejected(point.name, f"{value!r} is outside {low} to {high} ({point.address})")
    return struct.pack(fmt, int(value))


def as_bool(field: str, value: Value) -> bool:
    """A value written to a bit: true or false (or 1 and 0)."""
    if isinstance(value, bool) or (isinstance(value, int | float) and value in (0, 1)):
        return bool(value)
    raise PointRejected(field, f"{value!r} is not true or false")


def with_bit(byte: int, bit: int, flag: bool) -> int:
    """``byte`` with one bit set or cleared (the modify step of a read-modify-write)."""
    return byte | (1 << bit) if flag else byte & ~(1 << bit) & 0xFF


@dataclass(frozen=True, slots=True)
class ReadBlock:
    """One read request: ``size`` bytes from ``start`` of an area or data block, and the points in them."""

    area: Area
    db: int
    start: int
    size: int
    points: tuple[S7Point, ...]


def max_read_bytes(pdu_length: int) -> int:
    """Data bytes one read request can carry with the negotiated PDU length."""
    return max(1, pdu_length - READ_OVERHEAD)


def plan_reads(points: Sequence[S7Point], *, max_bytes: int, max_gap: int) -> list[ReadBlock]:
    """The fewest contiguous byte ranges covering ``points``: one area or data block each, gaps of at most
    ``max_gap`` bytes read through, at most ``max_bytes`` long unless a single point is longer."""
    groups: dict[tuple[Area, int], list[S7Point]] = defaultdict(list)
    for point in points:
        groups[point.address.area, point.address.db].append(point)
    blocks: list[ReadBlock] = []
    for (area, db), members in sorted(groups.items()):
        members.sort(key=lambda p: (p.start, p.end))
        current: list[S7Point] = []
        start = end = 0
        for point in members:
            if current and point.start <= end + max_gap and max(end, point.end) - start <= max_bytes:
                current.append(point)
                end = max(end, point.end)
                continue
            if current:
                blocks.append(ReadBlock(area, db, start, end - start, tuple(current)))
            current, start, end = [point], point.start, point.end
        blocks.append(ReadBlock(area, db, start, end - start, tuple(current)))
    return blocks


def unpack(block: ReadBlock, data: bytes) -> dict[S7Point, Value]:
    """The value of every point of a block from the bytes read for it."""
    return {p: decode(p, data[p.start - block.start : p.end - block.start]) for p in block.points}


def reading(point: PointSpec, value: Value | None, ts_ms: int) -> Reading:
    """A reading of ``point``; Bad without a value or with a value that is not a finite number."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return Reading(point.name, ZERO[point.data_type], ts_ms, Quality.BAD)
    return Reading(point.name, value, ts_ms)


__all__ = [
    "READ_OVERHEAD",
    "ZERO",
    "ReadBlock",
    "as_bool",
    "decode",
    "encode",
    "max_read_bytes",
    "plan_reads",
    "reading",
    "unpack",
    "with_bit",
]
