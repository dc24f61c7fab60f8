"""Where an S7 point lives: the address notation and the check of a point's type and options (pure).

Addresses are in the classic Step 7 notation, case-insensitive, with an optional leading ``%`` as TIA Portal
writes them; the German mnemonics ``E`` (inputs) and ``A`` (outputs) are accepted too:

==============================  ==============================================  ==========================
``DB<n>.DBX<byte>.<bit>``       bit 0-7 of a byte of data block n (1-65535)     ``DB1.DBX0.3``
``DB<n>.DBB<byte>``             the byte at ``byte`` (0-65535)                  ``DB1.DBB2``
``DB<n>.DBW<byte>``             the word (2 bytes) starting at ``byte``         ``DB1.DBW4``
``DB<n>.DBD<byte>``             the double word (4 bytes) starting at ``byte``  ``DB1.DBD8``
``M<byte>.<bit>`` ``MB`` ``MW`` ``MD``   the same widths in the merkers          ``M10.1``, ``MW20``, ``MD24``
``I<byte>.<bit>`` ``IB`` ``IW`` ``ID``   process inputs                          ``I0.0``, ``IW64``
``Q<byte>.<bit>`` ``QB`` ``QW`` ``QD``   process outputs                         ``Q0.1``, ``QD4``
==============================  ==============================================  ==========================

What a width holds depends on the point's ``data_type``; everything is big-endian, as S7 stores it:

=====  ================================================================================================
``X``  ``bool``
``B``  ``uint16`` (BYTE/USINT, 0-255) or ``int16`` (SINT, -128-127), one byte; ``string``: an S7 STRING
       of ``options.length`` (1-254) characters starting at the byte (two header bytes, maximum and
       actual length, then the characters); ``int64``/``uint64``/``float64``: LINT/ULINT/LREAL, the 8
       bytes starting at the byte (the classic notation has no letter for 8 bytes)
``W``  ``int16`` (INT) or ``uint16`` (WORD/UINT)
``D``  ``int32`` (DINT), ``uint32`` (DWORD/UDINT) or ``float32`` (REAL)
=====  ================================================================================================

``options``: ``length`` (strings, required) and ``encoding`` (strings, default ``latin-1``); others are
refused. ``codec`` turns the bytes into values and plans batched reads.
"""

from __future__ import annotations

import codecs
import enum
import re
from dataclasses import dataclass

from longcheng.drivers.base import PointRejected, PointSpec, RawType

MAX_DB = 65_535
MAX_BYTE = 65_535
MAX_STRING = 254
OPTIONS = frozenset({"length", "encoding"})
EXAMPLE = "expected e.g. DB1.DBX0.3, DB1.DBB2, DB1.DBW4, DB1.DBD8, M10.1, MW20, I0.0, IW64, Q0.1 or QD4"


class Area(enum.IntEnum):
    """The memory areas a point can live in, with their S7 wire codes."""

    INPUTS = 0x81
    OUTPUTS = 0x82
    MERKERS = 0x83
    DB = 0x84


_LETTERS = {"I": Area.INPUTS, "E": Area.INPUTS, "Q": Area.OUTPUTS, "A": Area.OUTPUTS, "M": Area.MERKERS}
_NAMES = {Area.INPUTS: "I", Area.OUTPUTS: "Q", Area.MERKERS: "M"}
_DB = re.compile(r"%?DB(?P<db>\d+)\.DB(?P<width>[XBWD])(?P<byte>\d+)(?:\.(?P<bit>\d+))?", re.IGNORECASE)
_AREA = re.compile(r"%?(?P<area>[IEQAM])(?P<width>[XBWD]?)(?P<byte>\d+)(?:\.(?P<bit>\d+))?", re.IGNORECASE)
# bytes each data type takes at each width (a string's size comes from its length)
WIDTHS: dict[str, dict[RawType, int]] = {
    "X": {RawType.BOOL: 1},
    "B": {
        RawType.UINT16: 1,
        RawType.INT16: 1,
        RawType.STRING: 0,
        RawType.INT64: 8,
        RawType.UINT64: 8,
        RawType.FLOAT64: 8,
    },
    "W": {RawType.INT16: 2, RawType.UINT16: 2},
    "D": {RawType.INT32: 4, RawType.UINT32: 4, RawType.FLOAT32: 4},
}


@dataclass(frozen=True, slots=True)
class S7Address:
    """A parsed address: area, data block (0 outside data blocks), byte, width letter and bit."""

    area: Area
    db: int
    byte: int
    width: str
    bit: int | None = None

    def __str__(self) -> str:
        where = f"DB{self.db}.DB{self.width}" if self.area is Area.DB else _NAMES[self.area]
        if self.width == "X":
            return f"{where}{self.byte}.{self.bit}"
        return f"{where}{'' if self.area is Area.DB else self.width}{self.byte}"


@dataclass(frozen=True, slots=True)
class S7Point:
    """A point checked against its address: the bytes it takes (``size``) and how they are read."""

    name: str
    address: S7Address
    data_type: RawType
    size: int
    length: int = 0
    encoding: str = "latin-1"

    @property
    def start(self) -> int:
        return self.address.byte

    @property
    def end(self) -> int:
        return self.address.byte + self.size


def parse_address(field: str, text: str) -> S7Address:
    """Parse an address; raises ``PointRejected`` naming ``field`` (the point) and the address."""
    match = _DB.fullmatch(text.strip())
    if match is not None:
        area, db = Area.DB, int(match["db"])
        if not 1 <= db <= MAX_DB:
            raise PointRejected(field, f"{text!r}: data block {db} is not from 1 to {MAX_DB}")
    else:
        match = _AREA.fullmatch(text.strip())
        if match is None:
            raise PointRejected(field, f"{text!r} is not an S7 address; {EXAMPLE}")
        area, db = _LETTERS[match["area"].upper()], 0
    width = (match["width"] or "X").upper()
    byte = int(match["byte"])
    if byte > MAX_BYTE:
        raise PointRejected(field, f"{text!r}: byte {byte} is not from 0 to {MAX_BYTE}")
    if width == "X":
        if match["bit"] is None or int(match["bit"]) > 7:
            raise PointRejected(field, f"{text!r}: a bit address ends in .0 to .7, e.g. DB1.DBX0.3 or M10.1")
        return S7Address(area, db, byte, width, int(match["bit"]))
    if match["bit"] is not None:
        raise PointRejected(field, f"{text!r}: only bit addresses (X) take a bit number")
    return S7Address(area, db, byte, width)


def parse_point(spec: PointSpec) -> S7Point:
    """Check a point's address, type and options together; raises ``PointRejected`` naming the point."""
    address = parse_address(spec.name, spec.address)
    unknown = sorted(set(spec.options) - OPTIONS)
    if unknown:
        raise PointRejected(spec.name, f"unknown options {unknown}; known: {sorted(OPTIONS)}")
    sizes = WIDTHS[address.width]
    if spec.data_type not in sizes:
        kinds = ", ".join(t.value for t in sizes)
        raise PointRejected(spec.name, f"{address} holds {kinds}, not {spec.data_type.value}")
    if spec.data_type is not RawType.STRING:
        if spec.options:
            raise PointRejected(spec.name, "options.length and options.encoding apply to strings only")
        return _bounded(S7Point(spec.name, address, spec.data_type, sizes[spec.data_type]))
    length = spec.options.get("length")
    if isinstance(length, bool) or not isinstance(length, int) or not 1 <= length <= MAX_STRING:
        raise PointRejected(spec.name, f"a string needs options.length, 1 to {MAX_STRING} characters")
    encoding = str(spec.options.get("encoding", "latin-1"))
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError as err:
        raise PointRejected(spec.name, f"options.encoding {encoding!r} is not a known encoding") from err
    return _bounded(S7Point(spec.name, address, RawType.STRING, length + 2, length, encoding))


def _bounded(point: S7Point) -> S7Point:
    if point.end > MAX_BYTE + 1:
        raise PointRejected(point.name, f"{point.address}: its {point.size} bytes run past byte {MAX_BYTE}")
    return point


__all__ = [
    "EXAMPLE",
    "MAX_BYTE",
    "MAX_DB",
    "MAX_STRING",
    "OPTIONS",
    "WIDTHS",
    "Area",
    "S7Address",
    "S7Point",
    "parse_address",
    "parse_point",
]
