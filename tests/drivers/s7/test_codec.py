"""S7 addresses, values and read plans, without any I/O."""

from __future__ import annotations

import math
import struct
from typing import Any

import pytest

from longcheng.core.samples import Quality
from longcheng.drivers.base import PointRejected, PointSpec, RawType
from longcheng.drivers.s7 import codec
from longcheng.drivers.s7.points import Area, S7Address, S7Point, parse_address, parse_point


def spec(address: str, data_type: str, name: str = "p", **options: Any) -> PointSpec:
    return PointSpec(name=name, address=address, data_type=RawType(data_type), options=options)


def point(address: str, data_type: str, name: str = "p", **options: Any) -> S7Point:
    return parse_point(spec(address, data_type, name, **options))


@pytest.mark.parametrize(
    ("text", "expected", "canonical"),
    [
        ("DB1.DBX0.3", S7Address(Area.DB, 1, 0, "X", 3), "DB1.DBX0.3"),
        ("DB1.DBB2", S7Address(Area.DB, 1, 2, "B"), "DB1.DBB2"),
        ("DB1.DBW4", S7Address(Area.DB, 1, 4, "W"), "DB1.DBW4"),
        ("DB12.DBD8", S7Address(Area.DB, 12, 8, "D"), "DB12.DBD8"),
        ("%DB65535.DBD65532", S7Address(Area.DB, 65535, 65532, "D"), "DB65535.DBD65532"),
        ("db1.dbx10.7", S7Address(Area.DB, 1, 10, "X", 7), "DB1.DBX10.7"),
        ("M10.1", S7Address(Area.MERKERS, 0, 10, "X", 1), "M10.1"),
        ("MX10.1", S7Address(Area.MERKERS, 0, 10, "X", 1), "M10.1"),
        ("MB3", S7Address(Area.MERKERS, 0, 3, "B"), "MB3"),
        ("MW20", S7Address(Area.MERKERS, 0, 20, "W"), "MW20"),
        ("%MD24", S7Address(Area.MERKERS, 0, 24, "D"), "MD24"),
        ("I0.0", S7Address(Area.INPUTS, 0, 0, "X", 0), "I0.0"),
        ("E0.0", S7Address(Area.INPUTS, 0, 0, "X", 0), "I0.0"),
        ("IW64", S7Address(Area.INPUTS, 0, 64, "W"), "IW64"),
        ("EW64", S7Address(Area.INPUTS, 0, 64, "W"), "IW64"),
        ("ID8", S7Address(Area.INPUTS, 0, 8, "D"), "ID8"),
        ("Q0.1", S7Address(Area.OUTPUTS, 0, 0, "X", 1), "Q0.1"),
        ("A0.1", S7Address(Area.OUTPUTS, 0, 0, "X", 1), "Q0.1"),
        ("QD4", S7Address(Area.OUTPUTS, 0, 4, "D"), "QD4"),
        ("QB7", S7Address(Area.OUTPUTS, 0, 7, "B"), "QB7"),
        (" IW64 ", S7Address(Area.INPUTS, 0, 64, "W"), "IW64"),
    ],
)
def test_addresses_in_step7_notation(text: str, expected: S7Address, canonical: str) -> None:
    address = parse_address("p", text)
    assert address == expected
    assert str(address) == canonical


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not an S7 address"),
        ("DB1", "not an S7 address"),
        ("DB1.DBQ0", "not an S7 address"),
        ("DB1,X0.3", "not an S7 address"),
        ("T5", "not an S7 address"),
        ("MW", "not an S7 address"),
        ("hr:0", "not an S7 address"),
        ("DB0.DBW0", "data block 0 is not from 1 to 65535"),
        ("DB70000.DBW0", "data block 70000"),
        ("MW70000", "byte 70000 is not from 0 to 65535"),
        ("DB1.DBX0", "a bit address ends in .0 to .7"),
        ("M10", "a bit address ends in .0 to .7"),
        ("DB1.DBX0.8", "a bit address ends in .0 to .7"),
        ("DB1.DBW4.1", "only bit addresses"),
        ("MW4.0", "only bit addresses"),
    ],
)
def test_bad_addresses_name_the_point_and_the_address(text: str, reason: str) -> None:
    with pytest.raises(PointRejected) as caught:
        parse_address("flow", text)
    assert caught.value.field == "flow"
    assert reason in caught.value.reason
    assert repr(text) in caught.value.reason


@pytest.mark.parametrize(
    ("address", "data_type", "size"),
    [
        ("DB1.DBX0.3", "bool", 1),
        ("DB1.DBB2", "uint16", 1),
        ("DB1.DBB2", "int16", 1),
        ("DB1.DBW4", "int16", 2),
        ("DB1.DBW4", "uint16", 2),
        ("DB1.DBD8", "int32", 4),
        ("DB1.DBD8", "uint32", 4),
        ("DB1.DBD8", "float32", 4),
        ("DB1.DBB8", "float64", 8),
        ("DB1.DBB8", "int64", 8),
        ("DB1.DBB8", "uint64", 8),
    ],
)
def test_each_width_takes_its_types(address: str, data_type: str, size: int) -> None:
    checked = point(address, data_type)
    assert checked.size == size
    assert checked.end == checked.start + size


def test_a_string_takes_its_length_and_two_header_bytes() -> None:
    checked = point("DB1.DBB20", "string", length=16)
    assert (checked.size, checked.length, checked.encoding) == (18, 16, "iso8859-1")
    assert point("DB1.DBB20", "string", length=8, encoding="gbk").encoding == "gbk"


@pytest.mark.parametrize(
    ("address", "data_type", "options", "reason"),
    [
        ("DB1.DBW4", "float32", {}, "DB1.DBW4 holds int16, uint16, not float32"),
        ("DB1.DBX0.0", "int16", {}, "holds bool"),
        ("DB1.DBD0", "int16", {}, "holds int32, uint32, float32"),
        ("DB1.DBD0", "bool", {}, "not bool"),
        ("MW2", "string", {"length": 4}, "not string"),
        ("DB1.DBB0", "string", {}, "a string needs options.length"),
        ("DB1.DBB0", "string", {"length": 255}, "1 to 254"),
        ("DB1.DBB0", "string", {"length": True}, "a string needs options.length"),
        ("DB1.DBB0", "string", {"length": 4, "encoding": "klingon"}, "not a known encoding"),
        ("DB1.DBW0", "int16", {"length": 2}, "apply to strings only"),
        ("DB1.DBW0", "int16", {"word_order": "little"}, "unknown options ['word_order']"),
        ("DB1.DBD65534", "float32", {}, "run past byte 65535"),
        ("DB1.DBB65530", "string", {"length": 10}, "run past byte 65535"),
    ],
)
def test_points_that_do_not_fit_their_address_are_rejected(
    address: str, data_type: str, options: dict[str, Any], reason: str
) -> None:
    with pytest.raises(PointRejected) as caught:
        point(address, data_type, name="tag", **options)
    assert caught.value.field == "tag"
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    ("address", "data_type", "value", "raw"),
    [
        ("DB1.DBW0", "int16", -2, b"\xff\xfe"),
        ("DB1.DBW0", "int16", 0x1234, b"\x12\x34"),
        ("DB1.DBW0", "uint16", 65535, b"\xff\xff"),
        ("DB1.DBB0", "int16", -128, b"\x80"),
        ("DB1.DBB0", "uint16", 200, b"\xc8"),
        ("DB1.DBD0", "int32", -(2**31), b"\x80\x00\x00\x00"),
        ("DB1.DBD0", "uint32", 0xDEADBEEF, b"\xde\xad\xbe\xef"),
        ("DB1.DBD0", "float32", 1.0, b"\x3f\x80\x00\x00"),
        ("DB1.DBD0", "float32", -7.5, b"\xc0\xf0\x00\x00"),
        ("DB1.DBB0", "float64", 1.0, b"\x3f\xf0\x00\x00\x00\x00\x00\x00"),
        ("DB1.DBB0", "int64", -1, b"\xff" * 8),
        ("DB1.DBB0", "uint64", 2**64 - 1, b"\xff" * 8),
    ],
)
def test_numbers_are_big_endian(address: str, data_type: str, value: float, raw: bytes) -> None:
    checked = point(address, data_type)
    assert codec.encode(checked, value) == raw
    assert codec.decode(checked, raw) == value
    assert type(codec.decode(checked, raw)) is (float if "float" in data_type else int)


def test_a_whole_float_is_written_to_an_integer() -> None:
    assert codec.encode(point("DB1.DBW0", "int16"), 3.0) == b"\x00\x03"


def test_strings_are_s7_strings() -> None:
    checked = point("DB1.DBB20", "string", length=6)
    raw = codec.encode(checked, "pump")
    assert raw == b"\x06\x04pump\x00\x00"
    assert codec.decode(checked, raw) == "pump"
    assert codec.decode(checked, b"\x06\x00" + bytes(6)) == ""
    # the actual length never runs past the declared or the stored maximum
    assert codec.decode(checked, b"\x03\x09abcdef") == "abc"
    assert (
        codec.decode(point("DB1.DBB0", "string", length=4, encoding="gbk"), b"\x04\x04\xc1\xfa\xb3\xc7")
        == "龙城"
    )


def test_bits_are_read_from_their_byte_and_set_by_read_modify_write() -> None:
    assert codec.decode(point("DB1.DBX0.3", "bool"), b"\x08") is True
    assert codec.decode(point("DB1.DBX0.2", "bool"), b"\x08") is False
    assert codec.with_bit(0b1010_0000, 3, True) == 0b1010_1000
    assert codec.with_bit(0b1111_1111, 0, False) == 0b1111_1110
    assert codec.with_bit(0b0000_0001, 0, True) == 0b0000_0001
    assert codec.as_bool("p", True) is True
    assert codec.as_bool("p", 0) is False
    with pytest.raises(PointRejected, match="not true or false"):
        codec.as_bool("p", 2)
    with pytest.raises(PointRejected, match="not true or false"):
        codec.as_bool("p", "on")


@pytest.mark.parametrize(
    ("address", "data_type", "value", "reason"),
    [
        ("DB1.DBW0", "int16", 40000, "outside -32768 to 32767"),
        ("DB1.DBW0", "uint16", -1, "outside 0 to 65535"),
        ("DB1.DBB0", "uint16", 256, "outside 0 to 255"),
        ("DB1.DBB0", "int16", -129, "outside -128 to 127"),
        ("DB1.DBD0", "int32", 2**31, "outside"),
        ("DB1.DBD0", "uint32", 2**32, "outside"),
        ("DB1.DBB0", "uint64", -1, "outside"),
        ("DB1.DBW0", "int16", 1.5, "not a whole number"),
        ("DB1.DBW0", "int16", True, "not a number"),
        ("DB1.DBD0", "float32", "7.5", "not a number"),
        ("DB1.DBD0", "float32", math.nan, "not a finite number"),
        ("DB1.DBB0", "float64", math.inf, "not a finite number"),
        ("DB1.DBD0", "float32", 1e39, "outside the range of a REAL"),
    ],
)
def test_values_that_do_not_fit_are_rejected(address: str, data_type: str, value: Any, reason: str) -> None:
    with pytest.raises(PointRejected) as caught:
        codec.encode(point(address, data_type, name="speed"), value)
    assert caught.value.field == "speed"
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    ("value", "reason"),
    [(42, "not a string"), ("too long!", "longer than 4 bytes"), ("龙", "cannot be written")],
)
def test_strings_that_do_not_fit_are_rejected(value: Any, reason: str) -> None:
    with pytest.raises(PointRejected, match=reason):
        codec.encode(point("DB1.DBB0", "string", length=4), value)


def test_contiguous_points_of_one_data_block_are_read_together() -> None:
    points = [
        point("DB1.DBD8", "float32", "c"),
        point("DB1.DBD0", "float32", "a"),
        point("DB1.DBD4", "float32", "b"),
        point("DB1.DBX12.0", "bool", "d"),
        point("DB1.DBX12.1", "bool", "e"),
        point("DB1.DBB13", "string", "f", length=4),
    ]
    (block,) = codec.plan_reads(points, max_bytes=222, max_gap=0)
    assert (block.area, block.db, block.start, block.size) == (Area.DB, 1, 0, 19)
    assert [p.name for p in block.points] == ["a", "b", "c", "d", "e", "f"]


def test_areas_and_data_blocks_are_read_apart() -> None:
    points = [
        point("DB2.DBW0", "int16", "a"),
        point("DB1.DBW0", "int16", "b"),
        point("MW0", "int16", "c"),
        point("IW0", "int16", "d"),
        point("QW0", "int16", "e"),
        point("M1.0", "bool", "f"),
    ]
    blocks = codec.plan_reads(points, max_bytes=222, max_gap=32)
    assert [(b.area, b.db, b.start, b.size) for b in blocks] == [
        (Area.INPUTS, 0, 0, 2),
        (Area.OUTPUTS, 0, 0, 2),
        (Area.MERKERS, 0, 0, 2),
        (Area.DB, 1, 0, 2),
        (Area.DB, 2, 0, 2),
    ]
    assert [p.name for p in blocks[2].points] == ["c", "f"]


def test_gaps_up_to_max_gap_are_read_through() -> None:
    points = [point("MW0", "int16", "a"), point("MW10", "int16", "b"), point("MW40", "int16", "c")]
    assert [(b.start, b.size) for b in codec.plan_reads(points, max_bytes=222, max_gap=8)] == [
        (0, 12),
        (40, 2),
    ]
    assert [(b.start, b.size) for b in codec.plan_reads(points, max_bytes=222, max_gap=7)] == [
        (0, 2),
        (10, 2),
        (40, 2),
    ]
    assert len(codec.plan_reads(points, max_bytes=222, max_gap=100)) == 1


def test_a_block_fits_one_pdu() -> None:
    assert codec.max_read_bytes(240) == 222
    assert codec.max_read_bytes(480) == 462
    assert codec.max_read_bytes(960) == 942
    points = [point(f"DB1.DBD{4 * i}", "float32", f"p{i}") for i in range(120)]  # 480 bytes
    blocks = codec.plan_reads(points, max_bytes=codec.max_read_bytes(240), max_gap=0)
    assert [(b.start, b.size) for b in blocks] == [(0, 220), (220, 220), (440, 40)]
    assert sum(len(b.points) for b in blocks) == 120
    # a single point longer than a PDU is one block of its own (the client splits its request)
    (big,) = codec.plan_reads([point("DB1.DBB0", "string", length=254)], max_bytes=222, max_gap=0)
    assert big.size == 256


def test_overlapping_points_share_a_block() -> None:
    points = [
        point("DB1.DBD0", "uint32", "whole"),
        point("DB1.DBW2", "uint16", "low"),
        point("DB1.DBB3", "uint16"),
    ]
    (block,) = codec.plan_reads(points, max_bytes=222, max_gap=0)
    assert (block.start, block.size) == (0, 4)
    values = codec.unpack(block, b"\x12\x34\x56\x78")
    assert {p.name: v for p, v in values.items()} == {"whole": 0x12345678, "low": 0x5678, "p": 0x78}


def test_unpack_slices_each_point_from_its_block() -> None:
    points = [
        point("DB1.DBD4", "float32", "b"),
        point("DB1.DBX8.2", "bool", "c"),
        point("DB1.DBW0", "int16", "a"),
    ]
    (block,) = codec.plan_reads(points, max_bytes=222, max_gap=8)
    data = struct.pack(">hxxfB", -3, 2.5, 0b100)
    assert {p.name: v for p, v in codec.unpack(block, data).items()} == {"a": -3, "b": 2.5, "c": True}


def test_readings_without_a_finite_value_are_bad() -> None:
    flow = spec("DB1.DBD0", "float32", "flow")
    assert codec.reading(flow, 1.5, 7).quality is Quality.GOOD
    bad = codec.reading(flow, math.nan, 7)
    assert (bad.value, bad.quality, bad.ts_ms) == (0.0, Quality.BAD, 7)
    missing = codec.reading(spec("DB1.DBB0", "string", "s", length=2), None, 7)
    assert (missing.value, missing.quality) == ("", Quality.BAD)
