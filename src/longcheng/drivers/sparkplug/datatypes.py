"""Sparkplug B datatypes and their values, sans I/O: ranges, checks, and the protobuf value fields.

Signed integers travel in ``int_value``/``long_value`` as two's complement of their own width (Tahu's
Python encoding); a 32- or 64-bit sign extension, as Tahu's Java writes, decodes the same. ``Float`` is
checked against float32's range, ``DateTime`` is epoch ms in ``long_value``. Datasets, templates, bytes,
files, property sets and arrays have no raw point type (``SCALARS`` are the types that have one).
"""

from __future__ import annotations

import enum
import math
from typing import Any

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value
from longcheng.drivers.base import PointRejected, RawType

FLOAT32_MAX = 3.4028234663852886e38
ZERO: dict[RawType, Value] = {  # what a point without a value reads as, with a BAD or UNCERTAIN quality
    **dict.fromkeys(RawType, 0),
    RawType.BOOL: False,
    RawType.STRING: "",
    RawType.FLOAT32: 0.0,
    RawType.FLOAT64: 0.0,
}


class DataType(enum.IntEnum):
    """Sparkplug B datatypes (the ``DataType`` enum of sparkplug_b.proto)."""

    Unknown = 0
    Int8 = 1
    Int16 = 2
    Int32 = 3
    Int64 = 4
    UInt8 = 5
    UInt16 = 6
    UInt32 = 7
    UInt64 = 8
    Float = 9
    Double = 10
    Boolean = 11
    String = 12
    DateTime = 13
    Text = 14
    UUID = 15
    DataSet = 16
    Bytes = 17
    File = 18
    Template = 19
    PropertySet = 20
    PropertySetList = 21
    Int8Array = 22
    Int16Array = 23
    Int32Array = 24
    Int64Array = 25
    UInt8Array = 26
    UInt16Array = 27
    UInt32Array = 28
    UInt64Array = 29
    FloatArray = 30
    DoubleArray = 31
    BooleanArray = 32
    StringArray = 33
    DateTimeArray = 34


SIGNED = {DataType.Int8: 8, DataType.Int16: 16, DataType.Int32: 32, DataType.Int64: 64}
UNSIGNED = {
    DataType.UInt8: 8,
    DataType.UInt16: 16,
    DataType.UInt32: 32,
    DataType.UInt64: 64,
    DataType.DateTime: 64,
}
STRINGS = frozenset({DataType.String, DataType.Text, DataType.UUID})
SCALARS = frozenset({*SIGNED, *UNSIGNED, *STRINGS, DataType.Float, DataType.Double, DataType.Boolean})
RAW_TYPES: dict[DataType, RawType] = {
    DataType.Int8: RawType.INT16,
    DataType.Int16: RawType.INT16,
    DataType.Int32: RawType.INT32,
    DataType.Int64: RawType.INT64,
    DataType.UInt8: RawType.UINT16,
    DataType.UInt16: RawType.UINT16,
    DataType.UInt32: RawType.UINT32,
    DataType.UInt64: RawType.UINT64,
    DataType.DateTime: RawType.UINT64,
    DataType.Float: RawType.FLOAT32,
    DataType.Double: RawType.FLOAT64,
    DataType.Boolean: RawType.BOOL,
    **dict.fromkeys(STRINGS, RawType.STRING),
}


def check_value(datatype: DataType, value: object, field: str = "value") -> Value:
    """``value`` as a value of a metric of ``datatype``; ``InvalidInput`` (naming ``field``) otherwise."""
    if datatype is DataType.Boolean and isinstance(value, bool):
        return value
    if datatype in STRINGS and isinstance(value, str):
        return value
    if datatype in SIGNED or datatype in UNSIGNED:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            bits = SIGNED.get(datatype) or UNSIGNED[datatype]
            low, high = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if datatype in SIGNED else (0, 2**bits - 1)
            if low <= value <= high:
                return value
            raise InvalidInput(field, f"{value} is out of the range of {datatype.name} ({low} to {high})")
    floats = (DataType.Float, DataType.Double)
    if datatype in floats and isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if not math.isfinite(number):
            raise InvalidInput(field, f"{value!r} is not a finite number")
        if datatype is DataType.Float and abs(number) > FLOAT32_MAX:
            raise InvalidInput(field, f"{value!r} is out of the range of Float (float32)")
        return number
    raise InvalidInput(field, f"{value!r} is not a value of a {datatype.name} metric")


INT_RANGES: dict[RawType, tuple[int, int]] = {
    RawType.INT16: (-(2**15), 2**15 - 1),
    RawType.UINT16: (0, 2**16 - 1),
    RawType.INT32: (-(2**31), 2**31 - 1),
    RawType.UINT32: (0, 2**32 - 1),
    RawType.INT64: (-(2**63), 2**63 - 1),
    RawType.UINT64: (0, 2**64 - 1),
}


def to_raw(name: str, data_type: RawType, value: object) -> Value:
    """``value`` as a raw value of a point's ``data_type``; ``PointRejected`` (naming the point) if it does
    not fit: booleans stay booleans, integers must be whole and in range, floats finite, strings strings."""
    if data_type is RawType.BOOL and isinstance(value, bool):
        return value
    if data_type is RawType.STRING and isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        if data_type in INT_RANGES and float(value).is_integer():
            low, high = INT_RANGES[data_type]
            if low <= int(value) <= high:
                return int(value)
            raise PointRejected(name, f"{value} is out of the range of {data_type} ({low} to {high})")
        if data_type is RawType.FLOAT32 and abs(value) > FLOAT32_MAX:
            raise PointRejected(name, f"{value!r} is out of the range of float32")
        if data_type in (RawType.FLOAT32, RawType.FLOAT64):
            return float(value)
    raise PointRejected(name, f"{value!r} is not a {data_type}")


def put_value(message: Any, datatype: DataType, value: Value) -> None:
    if datatype in SIGNED:
        bits = SIGNED[datatype]
        unsigned = int(value) % 2**bits
        if bits == 64:
            message.long_value = unsigned
        else:
            message.int_value = unsigned
    elif datatype in UNSIGNED:
        if UNSIGNED[datatype] == 64:
            message.long_value = int(value)
        else:
            message.int_value = int(value)
    elif datatype is DataType.Float:
        message.float_value = float(value)
    elif datatype is DataType.Double:
        message.double_value = float(value)
    elif datatype is DataType.Boolean:
        message.boolean_value = bool(value)
    else:
        message.string_value = str(value)


def get_value(message: Any, datatype: DataType) -> Value | None:
    field = message.WhichOneof("value")
    if field is None or datatype not in SCALARS:
        return None
    raw: object = getattr(message, field)
    if datatype in SIGNED and isinstance(raw, int):
        bits = SIGNED[datatype]
        unsigned = raw & ((1 << bits) - 1)
        return unsigned - (1 << bits) if unsigned >= 1 << (bits - 1) else unsigned
    if datatype in UNSIGNED or datatype in (DataType.Float, DataType.Double) or datatype in STRINGS:
        return raw if isinstance(raw, int | float | str) and not isinstance(raw, bool) else None
    return raw if isinstance(raw, bool) else None


def datatype_of(code: int) -> DataType | None:
    try:
        return DataType(code)
    except ValueError:
        return None


__all__ = [
    "FLOAT32_MAX",
    "INT_RANGES",
    "RAW_TYPES",
    "SCALARS",
    "SIGNED",
    "STRINGS",
    "UNSIGNED",
    "ZERO",
    "DataType",
    "check_value",
    "datatype_of",
    "get_value",
    "put_value",
    "to_raw",
]
