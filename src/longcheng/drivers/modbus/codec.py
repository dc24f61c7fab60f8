"""Modbus values and reads, free of I/O: register encodings and the batching of reads.

Registers hold int16/uint16 (1 register), int32/uint32/float32 (2), int64/uint64/float64 (4) and ``string``
(``options.length`` registers, two characters each, NUL-padded; trailing NULs are dropped on reading). A
``bool`` on a whole register reads non-zero as true and writes 1 or 0; a register bit (``hr:10.3``) is set
by read-modify-write with ``with_bit``. ``options``: ``byte_order`` (bytes inside each register) and
``word_order`` (registers of a value), each ``big`` (default) or ``little``; for the bytes A B C D of a
32-bit value, most significant first:

=======  ==============  ==================================
ABCD     big / big       the Modbus default
CDAB     big / little    "word swapped", common in meters
BADC     little / big    "byte swapped"
DCBA     little / little
=======  ==============  ==================================

Strings use ``byte_order`` only (characters stay in register order) and ``encoding``. The address notation
and the check of a point are in ``points`` (re-exported here: ``parse_point``, ``parse_address``).
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from longcheng.core.samples import Value
from longcheng.drivers.base import PointRejected, PointSpec, RawType
from longcheng.drivers.modbus.points import (
    MAX_BITS,
    MAX_REGISTERS,
    Address,
    ModbusPoint,
    Table,
    parse_address,
    parse_point,
)

_STRUCT = {
    RawType.INT16: "h",
    RawType.UINT16: "H",
    RawType.INT32: "i",
    RawType.UINT32: "I",
    RawType.INT64: "q",
    RawType.UINT64: "Q",
    RawType.FLOAT32: "f",
    RawType.FLOAT64: "d",
}
INT_RANGES: dict[RawType, tuple[int, int]] = {
    t: (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2**bits - 1)
    for t, bits, signed in (
        (RawType.INT16, 16, True),
        (RawType.UINT16, 16, False),
        (RawType.INT32, 32, True),
        (RawType.UINT32, 32, False),
        (RawType.INT64, 64, True),
        (RawType.UINT64, 64, False),
    )
}
FLOAT32_MAX = 3.4028234663852886e38


def _to_bytes(point: ModbusPoint, registers: Sequence[int], *, words: bool = True) -> bytes:
    ordered = list(reversed(registers)) if words and point.word_order == "little" else list(registers)
    return b"".join(r.to_bytes(2, point.byte_order) for r in ordered)


def _from_bytes(point: ModbusPoint, data: bytes, *, words: bool = True) -> list[int]:
    registers = [int.from_bytes(data[i : i + 2], point.byte_order) for i in range(0, len(data), 2)]
    return list(reversed(registers)) if words and point.word_order == "little" else registers


def decode(point: ModbusPoint, registers: Sequence[int]) -> Value:
    """The raw value of a register point from exactly its ``count`` registers."""
    if len(registers) != point.count:
        raise ValueError(f"{point.name}: expected {point.count} registers, got {len(registers)}")
    if point.bit is not None:
        return bool(registers[0] >> point.bit & 1)
    if point.data_type is RawType.BOOL:
        return registers[0] != 0
    if point.data_type is RawType.STRING:
        data = _to_bytes(point, registers, words=False)
        return data.rstrip(b"\x00").decode(point.encoding, errors="replace")
    value: int | float = struct.unpack(">" + _STRUCT[point.data_type], _to_bytes(point, registers))[0]
    return value


def as_bool(point: ModbusPoint | PointSpec, value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise PointRejected(point.name, f"expected true or false, got {value!r}")


def _number(point: ModbusPoint, value: Value) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PointRejected(point.name, f"expected a number for {point.data_type.value}, got {value!r}")
    if not math.isfinite(value):
        raise PointRejected(point.name, f"expected a finite number, got {value!r}")
    if point.data_type in INT_RANGES:
        low, high = INT_RANGES[point.data_type]
        if isinstance(value, float) and not value.is_integer():
            raise PointRejected(point.name, f"{point.data_type.value} takes whole numbers, got {value!r}")
        if not low <= value <= high:
            raise PointRejected(
                point.name, f"{value!r} is out of range for {point.data_type} [{low}, {high}]"
            )
        return int(value)
    if point.data_type is RawType.FLOAT32 and abs(value) > FLOAT32_MAX:
        raise PointRejected(point.name, f"{value!r} is out of range for float32")
    return float(value)


def _string(point: ModbusPoint, value: Value) -> list[int]:
    if not isinstance(value, str):
        raise PointRejected(point.name, f"expected a string, got {value!r}")
    try:
        data = value.encode(point.encoding)
    except UnicodeEncodeError as err:
        raise PointRejected(point.name, f"{value!r} cannot be encoded as {point.encoding}") from err
    if len(data) > 2 * point.count:
        raise PointRejected(point.name, f"{value!r} is longer than {2 * point.count} bytes")
    return _from_bytes(point, data.ljust(2 * point.count, b"\x00"), words=False)


def encode(point: ModbusPoint, value: Value) -> list[int]:
    """The registers that hold ``value``; raises PointRejected for a wrong type or an out-of-range value.
    A register bit (``hr:10.3``) is not encoded here: it needs the register's other bits (``with_bit``)."""
    if point.bit is not None:
        raise ValueError(f"{point.name}: a register bit is written with with_bit(), not encode()")
    if point.data_type is RawType.BOOL:
        return [int(as_bool(point, value))]
    if point.data_type is RawType.STRING:
        return _string(point, value)
    number = _number(point, value)
    return _from_bytes(point, struct.pack(">" + _STRUCT[point.data_type], number))


def with_bit(register: int, bit: int, value: bool) -> int:
    """``register`` with ``bit`` set or cleared."""
    return register | (1 << bit) if value else register & ~(1 << bit) & 0xFFFF


@dataclass(frozen=True, slots=True)
class ReadRequest:
    """One read of ``count`` registers (or bits) of ``table`` from ``start``, serving ``points``."""

    table: Table
    start: int
    count: int
    points: tuple[ModbusPoint, ...]


def plan_reads(
    points: Sequence[ModbusPoint], max_gap: int, max_count: int = MAX_REGISTERS, *, max_bits: int = MAX_BITS
) -> list[ReadRequest]:
    """Group points of the same table into the fewest requests: points are merged while the unused gap
    between them is at most ``max_gap`` registers and the request spans at most ``max_count`` registers.
    For coils and discrete inputs the units are bits: gaps up to ``16 × max_gap``, spans up to ``max_bits``.
    A point larger than ``max_count`` gets a request of its own."""
    if max_gap < 0 or not 1 <= max_count <= MAX_REGISTERS or not 1 <= max_bits <= MAX_BITS:
        raise ValueError("need max_gap >= 0, 1 <= max_count <= 125, 1 <= max_bits <= 2000")
    requests: list[ReadRequest] = []
    for table in Table:
        ordered = sorted((p for p in points if p.table is table), key=lambda p: (p.start, p.end))
        gap, span = (16 * max_gap, max_bits) if table.bits else (max_gap, max_count)
        group: list[ModbusPoint] = []
        start = end = 0
        for point in ordered:
            if group and point.start - end <= gap and max(end, point.end) - start <= span:
                group.append(point)
                end = max(end, point.end)
                continue
            if group:
                requests.append(ReadRequest(table, start, end - start, tuple(group)))
            group, start, end = [point], point.start, point.end
        if group:
            requests.append(ReadRequest(table, start, end - start, tuple(group)))
    return requests


def unpack(request: ReadRequest, data: Sequence[Any]) -> dict[str, Value]:
    """The raw value of every point of ``request`` from the registers (or bits) it returned."""
    if len(data) < request.count:
        raise ValueError(
            f"expected {request.count} values from {request.table}:{request.start}, got {len(data)}"
        )
    values: dict[str, Value] = {}
    for point in request.points:
        offset = point.start - request.start
        if request.table.bits:
            values[point.name] = bool(data[offset])
        else:
            values[point.name] = decode(point, [int(r) for r in data[offset : offset + point.count]])
    return values


__all__ = [
    "INT_RANGES",
    "MAX_BITS",
    "MAX_REGISTERS",
    "Address",
    "ModbusPoint",
    "ReadRequest",
    "Table",
    "as_bool",
    "decode",
    "encode",
    "parse_address",
    "parse_point",
    "plan_reads",
    "unpack",
    "with_bit",
]
