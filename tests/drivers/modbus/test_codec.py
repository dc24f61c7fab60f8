"""The Modbus codec without I/O: addresses, every data type in every byte and word order, read planning."""

from __future__ import annotations

import math
import random
import struct
from typing import Any

import pytest
from pymodbus.client.mixin import ModbusClientMixin

from longcheng.drivers.base import PointRejected, PointSpec, RawType
from longcheng.drivers.modbus import codec
from longcheng.drivers.modbus.codec import (
    Address,
    ModbusPoint,
    ReadRequest,
    Table,
    as_bool,
    decode,
    encode,
    parse_address,
    parse_point,
    plan_reads,
    unpack,
    with_bit,
)
from longcheng.drivers.modbus.sim_devices import METER_POINTS, PUMP_POINTS

ORDERS = {  # name -> options
    "ABCD": {},
    "CDAB": {"word_order": "little"},
    "BADC": {"byte_order": "little"},
    "DCBA": {"byte_order": "little", "word_order": "little"},
}


def spec(address: str, data_type: str = "uint16", name: str = "p", **options: Any) -> PointSpec:
    return PointSpec(name=name, address=address, data_type=RawType(data_type), options=options)


def point(address: str, data_type: str = "uint16", name: str = "p", **options: Any) -> ModbusPoint:
    return parse_point(spec(address, data_type, name, **options))


# --- addresses ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hr:0", Address(Table.HOLDING_REGISTERS, 0)),
        ("ir:12", Address(Table.INPUT_REGISTERS, 12)),
        ("co:0", Address(Table.COILS, 0)),
        ("di:7", Address(Table.DISCRETE_INPUTS, 7)),
        ("hr:10.3", Address(Table.HOLDING_REGISTERS, 10, 3)),
        ("ir:4.15", Address(Table.INPUT_REGISTERS, 4, 15)),
        ("hr:65535", Address(Table.HOLDING_REGISTERS, 65535)),
        (" HR:5 ", Address(Table.HOLDING_REGISTERS, 5)),
        ("40001", Address(Table.HOLDING_REGISTERS, 0)),
        ("400001", Address(Table.HOLDING_REGISTERS, 0)),
        ("465536", Address(Table.HOLDING_REGISTERS, 65535)),
        ("30010", Address(Table.INPUT_REGISTERS, 9)),
        ("00001", Address(Table.COILS, 0)),
        ("10001", Address(Table.DISCRETE_INPUTS, 0)),
        ("40011.3", Address(Table.HOLDING_REGISTERS, 10, 3)),
    ],
)
def test_addresses_in_both_notations(text: str, expected: Address) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "expected <table>"),
        ("hr", "expected <table>"),
        ("xx:1", "expected <table>"),
        ("hr:-1", "expected <table>"),
        ("hr:1.a", "expected <table>"),
        ("4001", "expected <table>"),
        ("50001", "expected <table>"),
        ("hr:65536", "beyond 65535"),
        ("465537", "beyond 65535"),
        ("hr:1.16", "bits run from 0 to 15"),
        ("co:1.2", "no bits inside"),
        ("40000", "start at 1"),
    ],
)
def test_bad_addresses_name_the_point_and_the_address(text: str, why: str) -> None:
    with pytest.raises(PointRejected) as caught:
        parse_address(text, point="flow")
    assert caught.value.field == "flow"
    assert repr(text) in caught.value.reason
    assert why in caught.value.reason


@pytest.mark.parametrize(
    ("data_type", "count"),
    [
        ("int16", 1),
        ("uint16", 1),
        ("int32", 2),
        ("uint32", 2),
        ("float32", 2),
        ("int64", 4),
        ("uint64", 4),
        ("float64", 4),
        ("bool", 1),
    ],
)
def test_a_point_spans_the_registers_of_its_type(data_type: str, count: int) -> None:
    parsed = point("hr:7", data_type)
    assert (parsed.table, parsed.start, parsed.count, parsed.end) == (
        Table.HOLDING_REGISTERS,
        7,
        count,
        7 + count,
    )


def test_a_string_spans_its_length_and_bits_live_in_one_register() -> None:
    assert point("ir:3", "string", length=8).count == 8
    bit = point("hr:10.3", "bool")
    assert (bit.start, bit.count, bit.bit) == (10, 1, 3)
    assert point("co:5", "bool").count == 1


@pytest.mark.parametrize(
    ("address", "data_type", "options", "why"),
    [
        ("co:0", "uint16", {}, "the type must be bool"),
        ("di:0", "float32", {}, "the type must be bool"),
        ("hr:1.2", "uint16", {}, "must be of type bool"),
        ("hr:0", "string", {}, "needs options.length"),
        ("hr:0", "string", {"length": 0}, "needs options.length"),
        ("hr:0", "string", {"length": 126}, "needs options.length"),
        ("hr:0", "string", {"length": "8"}, "needs options.length"),
        ("hr:0", "uint16", {"length": 2}, "strings only"),
        ("hr:0", "float32", {"word_order": "middle"}, "'big' or 'little'"),
        ("hr:0", "float32", {"byte_order": "BIG"}, "'big' or 'little'"),
        ("hr:0", "float32", {"wordorder": "little"}, "unknown options"),
        ("hr:0", "string", {"length": 2, "encoding": "klingon"}, "not a known encoding"),
        ("hr:65535", "float32", {}, "run past 65535"),
        ("ir:65530", "string", {"length": 8}, "run past 65535"),
    ],
)
def test_points_whose_type_or_options_do_not_fit_are_rejected(
    address: str, data_type: str, options: dict[str, Any], why: str
) -> None:
    with pytest.raises(PointRejected) as caught:
        parse_point(spec(address, data_type, "pressure", **options))
    assert caught.value.field == "pressure"
    assert why in caught.value.reason


# --- values ------------------------------------------------------------------------------------------

VECTORS = [  # type, value, registers in ABCD, CDAB, BADC, DCBA
    ("float32", 1.0, [[0x3F80, 0], [0, 0x3F80], [0x803F, 0], [0, 0x803F]]),
    ("int32", 0x01020304, [[0x0102, 0x0304], [0x0304, 0x0102], [0x0201, 0x0403], [0x0403, 0x0201]]),
    ("uint32", 0xA1B2C3D4, [[0xA1B2, 0xC3D4], [0xC3D4, 0xA1B2], [0xB2A1, 0xD4C3], [0xD4C3, 0xB2A1]]),
    ("int16", -2, [[0xFFFE], [0xFFFE], [0xFEFF], [0xFEFF]]),
    ("uint16", 0x1234, [[0x1234], [0x1234], [0x3412], [0x3412]]),
    (
        "int64",
        0x0102030405060708,
        [
            [0x0102, 0x0304, 0x0506, 0x0708],
            [0x0708, 0x0506, 0x0304, 0x0102],
            [0x0201, 0x0403, 0x0605, 0x0807],
            [0x0807, 0x0605, 0x0403, 0x0201],
        ],
    ),
    ("float64", 1.0, [[0x3FF0, 0, 0, 0], [0, 0, 0, 0x3FF0], [0xF03F, 0, 0, 0], [0, 0, 0, 0xF03F]]),
]


@pytest.mark.parametrize(("data_type", "value", "expected"), VECTORS)
@pytest.mark.parametrize("order", range(4))
def test_known_encodings_in_every_order(
    data_type: str, value: float, expected: list[list[int]], order: int
) -> None:
    parsed = point("hr:0", data_type, **ORDERS[list(ORDERS)[order]])
    assert encode(parsed, value) == expected[order]
    assert decode(parsed, expected[order]) == value


@pytest.mark.parametrize(
    "data_type", ["int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64"]
)
@pytest.mark.parametrize("order", list(ORDERS))
def test_every_type_round_trips_in_every_order(data_type: str, order: str) -> None:
    rng = random.Random(f"{data_type}-{order}")
    parsed = point("ir:0", data_type, **ORDERS[order])
    for _ in range(200):
        if data_type in codec.INT_RANGES:
            value: float = rng.randint(*codec.INT_RANGES[RawType(data_type)])
        elif data_type == "float32":
            value = struct.unpack(">f", struct.pack(">f", rng.uniform(-1e30, 1e30)))[0]
        else:
            value = rng.uniform(-1e300, 1e300)
        registers = encode(parsed, value)
        assert len(registers) == parsed.count
        assert all(0 <= r <= 0xFFFF for r in registers)
        assert decode(parsed, registers) == value


@pytest.mark.parametrize("data_type", ["int32", "uint32", "int64", "uint64", "float32", "float64"])
@pytest.mark.parametrize("word_order", ["big", "little"])
def test_word_orders_agree_with_pymodbus(data_type: str, word_order: str) -> None:
    """pymodbus's own converters (big-endian bytes, either word order) as an independent check."""
    parsed = point("hr:0", data_type, word_order=word_order)
    kind = data_type.upper()
    pymodbus_type = ModbusClientMixin.DATATYPE[kind]
    rng = random.Random(kind)
    for _ in range(50):
        value = (
            rng.randint(*codec.INT_RANGES[RawType(data_type)]) if "INT" in kind else rng.uniform(-1e6, 1e6)
        )
        registers = ModbusClientMixin.convert_to_registers(value, pymodbus_type, word_order)
        assert encode(parsed, decode(parsed, registers)) == registers
        assert decode(parsed, registers) == ModbusClientMixin.convert_from_registers(
            registers,
            pymodbus_type,
            word_order,
        )


@pytest.mark.parametrize(
    ("data_type", "value", "why"),
    [
        ("int16", 32768, "out of range for int16 [-32768, 32767]"),
        ("int16", -32769, "out of range for int16"),
        ("uint16", -1, "out of range for uint16 [0, 65535]"),
        ("uint16", 65536, "out of range for uint16"),
        ("int32", 2**31, "out of range for int32"),
        ("uint32", 2**32, "out of range for uint32"),
        ("int64", 2**63, "out of range for int64"),
        ("uint64", -1, "out of range for uint64"),
        ("uint64", 2**64, "out of range for uint64"),
        ("int16", 1.5, "whole numbers"),
        ("int16", True, "expected a number"),
        ("float32", "7", "expected a number"),
        ("float32", 1e39, "out of range for float32"),
        ("float32", math.nan, "finite"),
        ("float64", math.inf, "finite"),
        ("bool", 2, "expected true or false"),
        ("bool", "on", "expected true or false"),
    ],
)
def test_values_out_of_their_type_are_rejected(data_type: str, value: Any, why: str) -> None:
    with pytest.raises(PointRejected) as caught:
        encode(point("hr:0", data_type, name="speed"), value)
    assert caught.value.field == "speed"
    assert why in caught.value.reason


def test_whole_floats_are_accepted_for_integers_and_integers_for_floats() -> None:
    assert encode(point("hr:0", "int16"), 5.0) == [5]
    assert decode(point("hr:0", "float32"), encode(point("hr:0", "float32"), 3)) == 3.0


def test_strings_are_two_characters_a_register_padded_with_nul() -> None:
    name = point("hr:3", "string", length=4)
    assert encode(name, "LC-P1") == [0x4C43, 0x2D50, 0x3100, 0]
    assert decode(name, [0x4C43, 0x2D50, 0x3100, 0]) == "LC-P1"
    swapped = point("hr:3", "string", length=4, byte_order="little")
    assert encode(swapped, "LC-P1") == [0x434C, 0x502D, 0x0031, 0]
    assert decode(swapped, [0x434C, 0x502D, 0x0031, 0]) == "LC-P1"
    assert decode(point("hr:0", "string", length=2, word_order="little"), [0x4142, 0x4300]) == "ABC"


def test_strings_respect_their_encoding_and_length() -> None:
    utf8 = point("hr:0", "string", length=3, encoding="utf-8")
    assert decode(utf8, encode(utf8, "泵 A")) == "泵 A"
    with pytest.raises(PointRejected, match="longer than 6 bytes"):
        encode(point("hr:0", "string", length=3), "1234567")
    with pytest.raises(PointRejected, match="cannot be encoded as ascii"):
        encode(point("hr:0", "string", length=3), "泵")
    with pytest.raises(PointRejected, match="expected a string"):
        encode(point("hr:0", "string", length=3), 12)


def test_booleans_on_registers_and_bits() -> None:
    whole = point("hr:0", "bool")
    assert (decode(whole, [0]), decode(whole, [0x8000])) == (False, True)
    assert (encode(whole, True), encode(whole, 0)) == ([1], [0])
    bit = point("hr:10.3", "bool")
    assert (decode(bit, [0b1000]), decode(bit, [0b0111])) == (True, False)
    assert with_bit(0b0001, 3, True) == 0b1001
    assert with_bit(0xFFFF, 15, False) == 0x7FFF
    assert with_bit(0b1001, 3, False) == 0b0001
    assert (as_bool(bit, 1), as_bool(bit, False)) == (True, False)
    with pytest.raises(ValueError, match="with_bit"):
        encode(bit, True)


def test_decode_wants_exactly_the_registers_of_the_point() -> None:
    with pytest.raises(ValueError, match="expected 2 registers"):
        decode(point("hr:0", "float32"), [1])


# --- planning ----------------------------------------------------------------------------------------


def test_fifty_contiguous_registers_are_one_request() -> None:
    points = [point(f"hr:{i}", name=f"p{i}") for i in range(50)]
    random.Random(1).shuffle(points)
    [request] = plan_reads(points, max_gap=0)
    assert (request.table, request.start, request.count, len(request.points)) == (
        Table.HOLDING_REGISTERS,
        0,
        50,
        50,
    )


def test_a_device_of_fifty_registers_needs_one_or_two_requests() -> None:
    """The simulated meter: 42 input registers without gaps, 10 holding registers, one discrete input."""
    points = [parse_point(p) for p in METER_POINTS]
    requests = plan_reads(points, max_gap=10)
    registers = [r for r in requests if not r.table.bits]
    assert sum(r.count for r in registers) == 52
    assert [(r.table, r.start, r.count) for r in registers] == [
        (Table.HOLDING_REGISTERS, 0, 10),
        (Table.INPUT_REGISTERS, 0, 42),
    ]
    assert sum(len(r.points) for r in requests) == len(METER_POINTS)


def test_gaps_are_read_through_up_to_max_gap() -> None:
    points = [point("hr:0", name="a"), point("hr:5", "float32", name="b"), point("hr:20", name="c")]
    assert [(r.start, r.count) for r in plan_reads(points, max_gap=4)] == [(0, 7), (20, 1)]
    assert [(r.start, r.count) for r in plan_reads(points, max_gap=13)] == [(0, 21)]
    assert [(r.start, r.count) for r in plan_reads(points, max_gap=0)] == [(0, 1), (5, 2), (20, 1)]


def test_a_request_never_spans_more_than_max_count_registers() -> None:
    points = [point(f"ir:{2 * i}", "float32", name=f"p{i}") for i in range(100)]  # 200 registers
    requests = plan_reads(points, max_gap=10)
    assert [(r.start, r.count) for r in requests] == [(0, 124), (124, 76)]
    assert [(r.start, r.count) for r in plan_reads(points, max_gap=10, max_count=50)] == [
        (0, 50),
        (50, 50),
        (100, 50),
        (150, 50),
    ]


def test_overlapping_points_share_their_request_and_tables_are_apart() -> None:
    points = [
        point("hr:10", name="word"),
        point("hr:10.3", "bool", name="bit"),
        point("hr:10", "int32", name="wide"),
        point("ir:10", name="input"),
        point("co:0", "bool", name="coil"),
        point("co:100", "bool", name="far_coil"),
        point("di:3", "bool", name="input_bit"),
    ]
    requests = {
        (r.table, r.start, r.count): {p.name for p in r.points} for r in plan_reads(points, max_gap=10)
    }
    assert requests == {
        (Table.COILS, 0, 101): {"coil", "far_coil"},  # bits read through up to 16 x max_gap
        (Table.DISCRETE_INPUTS, 3, 1): {"input_bit"},
        (Table.HOLDING_REGISTERS, 10, 2): {"word", "bit", "wide"},
        (Table.INPUT_REGISTERS, 10, 1): {"input"},
    }
    far = [point("co:0", "bool", name="a"), point("co:162", "bool", name="b")]
    assert len(plan_reads(far, max_gap=10)) == 2
    assert len(plan_reads(points[4:6], max_gap=10, max_bits=100)) == 2


def test_planning_refuses_impossible_limits() -> None:
    for kwargs in ({"max_gap": -1}, {"max_gap": 0, "max_count": 126}, {"max_gap": 0, "max_count": 0}):
        with pytest.raises(ValueError, match="max_gap"):
            plan_reads([], **kwargs)
    assert plan_reads([], max_gap=0) == []


def test_unpack_gives_every_point_its_value() -> None:
    points = [parse_point(p) for p in PUMP_POINTS if p.address.startswith("hr:")]
    [request] = plan_reads(points, max_gap=0)
    registers = [0x44FA, 0x0000, 0b101, *encode(points[2], "LC-CP100")]
    assert unpack(request, registers) == {"speed_setpoint": 2000.0, "status": 5, "model": "LC-CP100"}
    bits = ReadRequest(Table.COILS, 0, 2, (point("co:0", "bool", name="a"), point("co:1", "bool", name="b")))
    assert unpack(bits, [True, False, False, False, False, False, False, False]) == {"a": True, "b": False}
    with pytest.raises(ValueError, match="expected 11 values"):
        unpack(request, registers[:5])
