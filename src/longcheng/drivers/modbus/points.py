"""Where a Modbus point lives: the address notation and the check of a point's type and options (pure).

Addresses (``PointSpec.address``), zero-based as on the wire (the PDU address pymodbus takes):

=================  ============================================  ==========================
``hr:<n>``         holding register n (read/write, FC 3/6/16)    ``hr:0`` … ``hr:65535``
``ir:<n>``         input register n (read-only, FC 4)            ``ir:12``
``co:<n>``         coil n (read/write, FC 1/5)                   ``co:0``
``di:<n>``         discrete input n (read-only, FC 2)            ``di:7``
``hr:<n>.<b>``     bit b of a register, 0 = least significant    ``hr:10.3``, ``ir:4.15``
=================  ============================================  ==========================

A device manual's one-based Modicon references are accepted too, as bare 5- or 6-digit numbers whose first
digit names the table: ``40001`` or ``400001`` is ``hr:0``, ``30010`` is ``ir:9``, ``00001`` is ``co:0``,
``10001`` is ``di:0``; a bit suffix works the same (``40011.3`` is ``hr:10.3``).

Types: coils, discrete inputs and register bits are ``bool``; registers take every ``RawType`` (``codec``
describes the encodings). ``options``: ``byte_order`` and ``word_order`` (``big`` or ``little``), and for
strings ``length`` (registers, required) and ``encoding`` (default ``ascii``); unknown options are refused.
"""

from __future__ import annotations

import codecs
import enum
import re
from dataclasses import dataclass
from typing import Literal

from longcheng.drivers.base import PointRejected, PointSpec, RawType

Order = Literal["big", "little"]
MAX_REGISTERS = 125  # per read request (FC 3/4), by the protocol
MAX_BITS = 2000  # per read request (FC 1/2)
OPTIONS = frozenset({"byte_order", "word_order", "length", "encoding"})


class Table(enum.StrEnum):
    """The four Modbus data tables."""

    COILS = "co"
    DISCRETE_INPUTS = "di"
    HOLDING_REGISTERS = "hr"
    INPUT_REGISTERS = "ir"

    @property
    def bits(self) -> bool:
        return self in (Table.COILS, Table.DISCRETE_INPUTS)

    @property
    def writable(self) -> bool:
        return self in (Table.COILS, Table.HOLDING_REGISTERS)


MODICON = {
    "0": Table.COILS,
    "1": Table.DISCRETE_INPUTS,
    "3": Table.INPUT_REGISTERS,
    "4": Table.HOLDING_REGISTERS,
}
_PREFIXED = re.compile(r"(?P<table>hr|ir|co|di):(?P<index>\d{1,5})(?:\.(?P<bit>\d{1,2}))?")
_MODICON = re.compile(r"(?P<table>[0134])(?P<index>\d{4,5})(?:\.(?P<bit>\d{1,2}))?")
WIDTHS = {  # registers per value
    RawType.INT16: 1,
    RawType.UINT16: 1,
    RawType.INT32: 2,
    RawType.UINT32: 2,
    RawType.FLOAT32: 2,
    RawType.INT64: 4,
    RawType.UINT64: 4,
    RawType.FLOAT64: 4,
}


@dataclass(frozen=True, slots=True)
class Address:
    table: Table
    index: int
    bit: int | None = None


@dataclass(frozen=True, slots=True)
class ModbusPoint:
    """A parsed point: where it lives (``start``, ``count`` registers or one bit) and how it is encoded."""

    name: str
    table: Table
    start: int
    count: int
    data_type: RawType
    bit: int | None = None
    byte_order: Order = "big"
    word_order: Order = "big"
    encoding: str = "ascii"

    @property
    def end(self) -> int:
        return self.start + self.count


def parse_address(text: str, *, point: str = "address") -> Address:
    """``hr:10``, ``hr:10.3``, ``40011`` …; raises PointRejected naming ``point`` and the address."""
    wanted = (
        "expected <table>:<number>[.<bit>] with table hr, ir, co or di, zero-based (hr:0, ir:12, hr:10.3), "
        "or a one-based Modicon reference such as 40001"
    )
    cleaned = text.strip().lower()
    if match := _PREFIXED.fullmatch(cleaned):
        table, index = Table(match["table"]), int(match["index"])
    elif match := _MODICON.fullmatch(cleaned):
        table, index = MODICON[match["table"]], int(match["index"]) - 1
        if index < 0:
            raise PointRejected(point, f"address {text!r}: Modicon references start at 1")
    else:
        raise PointRejected(point, f"address {text!r}: {wanted}")
    if index > 65535:
        raise PointRejected(point, f"address {text!r}: register {index} is beyond 65535")
    bit = None if match["bit"] is None else int(match["bit"])
    if bit is not None and (table.bits or bit > 15):
        reason = "coils and discrete inputs have no bits inside" if table.bits else "bits run from 0 to 15"
        raise PointRejected(point, f"address {text!r}: {reason}")
    return Address(table, index, bit)


def _order(spec: PointSpec, key: str) -> Order:
    value = spec.options.get(key, "big")
    if value not in ("big", "little"):
        raise PointRejected(spec.name, f"options.{key} must be 'big' or 'little', not {value!r}")
    return "big" if value == "big" else "little"


def _register_count(spec: PointSpec, bit: int | None) -> int:
    if spec.data_type is RawType.BOOL or bit is not None:
        if spec.data_type is not RawType.BOOL:
            raise PointRejected(spec.name, f"a register bit ({spec.address}) must be of type bool")
        return 1
    if spec.data_type is not RawType.STRING:
        return WIDTHS[spec.data_type]
    length = spec.options.get("length")
    if isinstance(length, bool) or not isinstance(length, int) or not 1 <= length <= MAX_REGISTERS:
        raise PointRejected(spec.name, f"a string needs options.length, 1 to {MAX_REGISTERS} registers")
    return length


def _encoding(spec: PointSpec) -> str:
    encoding = spec.options.get("encoding", "ascii")
    try:
        return codecs.lookup(str(encoding)).name
    except LookupError as err:
        raise PointRejected(spec.name, f"options.encoding {encoding!r} is not a known encoding") from err


def parse_point(spec: PointSpec) -> ModbusPoint:
    """Check a point's address, type and options together; raises PointRejected naming the point."""
    address = parse_address(spec.address, point=spec.name)
    unknown = sorted(set(spec.options) - OPTIONS)
    if unknown:
        raise PointRejected(spec.name, f"unknown options {unknown}; known: {sorted(OPTIONS)}")
    if "length" in spec.options and spec.data_type is not RawType.STRING:
        raise PointRejected(spec.name, "options.length applies to strings only")
    if address.table.bits:
        if spec.data_type is not RawType.BOOL:
            raise PointRejected(spec.name, f"{address.table.value} holds bits: the type must be bool")
        return ModbusPoint(spec.name, address.table, address.index, 1, RawType.BOOL)
    count = _register_count(spec, address.bit)
    if address.index + count > 65536:
        raise PointRejected(spec.name, f"address {spec.address!r}: {count} registers run past 65535")
    return ModbusPoint(
        spec.name,
        address.table,
        address.index,
        count,
        spec.data_type,
        bit=address.bit,
        byte_order=_order(spec, "byte_order"),
        word_order=_order(spec, "word_order"),
        encoding=_encoding(spec) if spec.data_type is RawType.STRING else "ascii",
    )


__all__ = [
    "MAX_BITS",
    "MAX_REGISTERS",
    "MODICON",
    "WIDTHS",
    "Address",
    "ModbusPoint",
    "Order",
    "Table",
    "parse_address",
    "parse_point",
]
