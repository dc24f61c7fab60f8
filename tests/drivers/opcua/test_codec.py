"""The OPC UA codec without I/O: NodeId parsing, values of every data type, qualities and timestamps."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from asyncua import ua
from asyncua.ua.object_ids import ObjectIds
from asyncua.ua.status_codes import StatusCodes

from longcheng.core.samples import Quality, Value
from longcheng.drivers.base import PointRejected, PointSpec, RawType, Reading
from longcheng.drivers.opcua import codec
from longcheng.drivers.opcua.browse import data_type_name, raw_type_of
from longcheng.drivers.opcua.connection import limit


def point(data_type: RawType | str = RawType.FLOAT64, address: str = "ns=2;i=1", **extra: Any) -> PointSpec:
    return PointSpec(name="flow", address=address, data_type=data_type, **extra)


def status(code: int) -> ua.StatusCode:
    return ua.StatusCode(ua.UInt32(code))


@pytest.mark.parametrize(
    ("text", "namespace", "identifier"),
    [
        ("ns=2;s=Pump1.Flow", 2, "Pump1.Flow"),
        ("ns=2;i=1001", 2, 1001),
        ("i=85", 0, 85),
        ("s=Plain", 0, "Plain"),
        ("ns=65535;i=4294967295", 65535, 4294967295),
        ("ns=3;s=with spaces; and = signs", 3, "with spaces; and = signs"),
        ("ns=1;s=泵1.流量", 1, "泵1.流量"),
        ("ns=4;g=72962b91-fa75-4ae6-8d28-b404dc7daf63", 4, uuid.UUID("72962b91-fa75-4ae6-8d28-b404dc7daf63")),
        ("ns=5;b=YWJj", 5, b"abc"),
        ("nsu=urn:acme:plant;s=Line1", "urn:acme:plant", "Line1"),
    ],
)
def test_node_ids_parse(text: str, namespace: int | str, identifier: object) -> None:
    parsed = codec.parse_node_id("flow", text)
    assert parsed == codec.NodeAddress(namespace, identifier)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Pump1.Flow", "not an OPC UA NodeId"),
        ("", "not an OPC UA NodeId"),
        (" ns=2;i=1", "not an OPC UA NodeId"),
        ("ns=2;x=1", "not an OPC UA NodeId"),
        ("ns=2;i=", "numeric identifier"),
        ("ns=2;i=abc", "numeric identifier"),
        ("ns=2;i=-1", "numeric identifier"),
        ("ns=2;i=4294967296", "numeric identifier"),
        ("ns=65536;i=1", "namespace index"),
        ("ns=a;i=1", "namespace index"),
        ("ns=2;s=", "1 to 4096 characters"),
        ("ns=2;s=" + "x" * 4097, "1 to 4096 characters"),
        ("ns=2;g=not-a-guid", "not a GUID"),
        ("ns=2;b=!!", "not base64"),
    ],
)
def test_bad_node_ids_are_rejected_naming_the_point_and_the_address(text: str, why: str) -> None:
    with pytest.raises(PointRejected) as caught:
        codec.parse_node_id("flow", text)
    assert caught.value.field == "flow"
    assert why in caught.value.reason
    assert repr(text) in caught.value.reason or len(text) > 100


def test_namespace_uris_resolve_against_the_server_namespaces() -> None:
    parsed = codec.parse_node_id("flow", "nsu=urn:acme;i=7")
    namespaces = ["http://opcfoundation.org/UA/", "urn:server", "urn:acme"]
    assert parsed.node_id("flow", namespaces) == codec.node_id(7, 2)
    with pytest.raises(PointRejected, match="no namespace 'urn:acme'"):
        parsed.node_id("flow", ["http://opcfoundation.org/UA/"])


ENCODED: list[tuple[RawType, Value, ua.VariantType, Value]] = [
    (RawType.BOOL, True, ua.VariantType.Boolean, True),
    (RawType.BOOL, 0, ua.VariantType.Boolean, False),
    (RawType.INT16, -32768, ua.VariantType.Int16, -32768),
    (RawType.INT16, 32767.0, ua.VariantType.Int16, 32767),
    (RawType.UINT16, 65535, ua.VariantType.UInt16, 65535),
    (RawType.INT32, -(2**31), ua.VariantType.Int32, -(2**31)),
    (RawType.UINT32, 2**32 - 1, ua.VariantType.UInt32, 2**32 - 1),
    (RawType.INT64, 2**63 - 1, ua.VariantType.Int64, 2**63 - 1),
    (RawType.UINT64, 2**64 - 1, ua.VariantType.UInt64, 2**64 - 1),
    (RawType.FLOAT32, 1.5, ua.VariantType.Float, 1.5),
    (RawType.FLOAT32, 3, ua.VariantType.Float, 3.0),
    (RawType.FLOAT64, -1e300, ua.VariantType.Double, -1e300),
    (RawType.STRING, "泵 1", ua.VariantType.String, "泵 1"),
]


@pytest.mark.parametrize(("kind", "value", "vtype", "wire"), ENCODED)
def test_values_encode_as_the_variant_of_the_point_type(
    kind: RawType, value: Value, vtype: ua.VariantType, wire: Value
) -> None:
    variant = codec.encode(point(kind), value)
    assert variant.VariantType is vtype
    assert variant.Value == wire
    assert type(variant.Value) is type(wire)


@pytest.mark.parametrize(
    ("kind", "value", "why"),
    [
        (RawType.BOOL, 2, "not true or false"),
        (RawType.BOOL, "on", "not true or false"),
        (RawType.INT16, 32768, "outside the range of Int16"),
        (RawType.INT16, -32769, "outside the range of Int16"),
        (RawType.UINT16, -1, "outside the range of UInt16"),
        (RawType.UINT32, 2**32, "outside the range of UInt32"),
        (RawType.INT64, 2**63, "outside the range of Int64"),
        (RawType.UINT64, 2**64, "outside the range of UInt64"),
        (RawType.INT32, 1.5, "not a whole number"),
        (RawType.INT32, True, "not a number"),
        (RawType.FLOAT64, "1.0", "not a number"),
        (RawType.FLOAT64, float("nan"), "not a finite number"),
        (RawType.FLOAT32, float("inf"), "not a finite number"),
        (RawType.FLOAT32, 1e39, "outside the range of Float"),
        (RawType.STRING, 5, "not a string"),
    ],
)
def test_values_that_do_not_fit_the_type_are_rejected(kind: RawType, value: Value, why: str) -> None:
    with pytest.raises(PointRejected, match=why) as caught:
        codec.encode(point(kind), value)
    assert caught.value.field == "flow"


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        (RawType.BOOL, True, True),
        (RawType.INT16, -5, -5),
        (RawType.UINT64, 2**64 - 1, 2**64 - 1),
        (RawType.FLOAT32, 2, 2.0),
        (RawType.FLOAT64, 1.25, 1.25),
        (RawType.STRING, "run", "run"),
        (RawType.STRING, ua.LocalizedText("运行"), "运行"),
    ],
)
def test_values_decode_as_the_point_type(kind: RawType, raw: object, value: Value) -> None:
    decoded = codec.decode(point(kind), raw)
    assert decoded == value
    assert type(decoded) is type(value)


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        (RawType.BOOL, 1),
        (RawType.INT16, 40000),
        (RawType.UINT16, -1),
        (RawType.INT32, True),
        (RawType.INT32, 1.0),
        (RawType.FLOAT64, False),
        (RawType.FLOAT64, "1.0"),
        (RawType.STRING, 1),
        (RawType.FLOAT64, [1.0, 2.0]),
    ],
)
def test_values_of_another_type_do_not_decode(kind: RawType, raw: object) -> None:
    with pytest.raises(PointRejected, match=f"not a {kind.value}"):
        codec.decode(point(kind), raw)


def test_status_codes_map_to_qualities() -> None:
    assert codec.quality(None) is Quality.GOOD
    assert codec.quality(status(StatusCodes.Good)) is Quality.GOOD
    assert codec.quality(status(StatusCodes.GoodClamped)) is Quality.GOOD
    assert codec.quality(status(StatusCodes.UncertainLastUsableValue)) is Quality.UNCERTAIN
    assert codec.quality(status(StatusCodes.UncertainSensorNotAccurate)) is Quality.UNCERTAIN
    assert codec.quality(status(StatusCodes.BadNodeIdUnknown)) is Quality.BAD
    assert codec.quality(status(StatusCodes.BadSensorFailure)) is Quality.BAD


def test_readings_take_the_source_timestamp_then_the_server_timestamp_then_now() -> None:
    source = datetime(2026, 1, 1, tzinfo=UTC)
    server = datetime(2026, 1, 2, tzinfo=UTC)
    variant = ua.Variant(1.5, ua.VariantType.Double)
    both = ua.DataValue(variant, SourceTimestamp=source, ServerTimestamp=server)
    assert codec.to_reading(point(), both, 5).ts_ms == 1_767_225_600_000
    server_only = ua.DataValue(variant, ServerTimestamp=server)
    assert codec.to_reading(point(), server_only, 5).ts_ms == 1_767_312_000_000
    assert codec.to_reading(point(), ua.DataValue(variant), 5).ts_ms == 5
    naive = ua.DataValue(variant, SourceTimestamp=datetime(2026, 1, 1))
    assert codec.to_reading(point(), naive, 5).ts_ms == 1_767_225_600_000
    assert codec.utc(1_767_225_600_000) == source


def test_readings_carry_quality_and_bad_ones_a_placeholder_of_the_type() -> None:
    variant = ua.Variant(1.5, ua.VariantType.Double)
    uncertain = ua.DataValue(variant, StatusCode=status(StatusCodes.UncertainLastUsableValue))
    assert codec.to_reading(point(), uncertain, 5) == Reading("flow", 1.5, 5, Quality.UNCERTAIN)
    bad = ua.DataValue(variant, StatusCode=status(StatusCodes.BadSensorFailure))
    assert codec.to_reading(point(), bad, 5) == Reading("flow", 0.0, 5, Quality.BAD)
    empty = ua.DataValue(ua.Variant(None, ua.VariantType.Null))
    assert codec.to_reading(point(RawType.BOOL), empty, 5) == Reading("flow", False, 5, Quality.BAD)
    mismatch = ua.DataValue(ua.Variant("x", ua.VariantType.String))
    assert codec.to_reading(point(RawType.INT16), mismatch, 5) == Reading("flow", 0, 5, Quality.BAD)
    assert codec.bad_reading(point(RawType.STRING), 7) == Reading("flow", "", 7, Quality.BAD)
    assert [codec.zero(kind) for kind in (RawType.UINT64, RawType.FLOAT32)] == [0, 0.0]


def test_subscription_intervals_come_from_options_else_poll_ms() -> None:
    points = [
        point(poll_ms=1000),
        point(poll_ms=500, options={"publishing_interval_ms": 250}),
        point(poll_ms=100, options={"publishing_interval_ms": 2000}),
    ]
    assert codec.publishing_interval_ms(points) == 250.0
    assert codec.interval_ms(points[2], "sampling_interval_ms") == 100.0
    sampled = point(options={"sampling_interval_ms": 50})
    assert codec.interval_ms(sampled, "sampling_interval_ms") == 50.0
    for bad in (5, "fast", True, 10**9):
        with pytest.raises(PointRejected, match="publishing_interval_ms must be"):
            codec.publishing_interval_ms([point(options={"publishing_interval_ms": bad})])


def test_method_arguments_follow_the_declared_types_else_the_value() -> None:
    declared = [ua.VariantType.Double, ua.VariantType.Byte, None]
    variants = codec.method_arguments("SetSpeed", [1500, 7, "fast"], declared)
    assert [(v.Value, v.VariantType) for v in variants] == [
        (1500.0, ua.VariantType.Double),
        (7, ua.VariantType.Byte),
        ("fast", ua.VariantType.String),
    ]
    guessed = codec.method_arguments("Go", [True, 3, 2.5], None)
    assert [v.VariantType for v in guessed] == [
        ua.VariantType.Boolean,
        ua.VariantType.Int64,
        ua.VariantType.Double,
    ]
    with pytest.raises(PointRejected, match="takes 1 arguments, 2 given"):
        codec.method_arguments("SetSpeed", [1, 2], [ua.VariantType.Double])
    with pytest.raises(PointRejected, match="outside the range of Byte") as caught:
        codec.method_arguments("args", [1.0, 256, "x"], declared)
    assert caught.value.field == "args[1]"
    with pytest.raises(PointRejected, match="DateTime are not supported"):
        codec.method_arguments("At", [1], [ua.VariantType.DateTime])


def test_declared_data_types_map_to_variants_names_and_point_types() -> None:
    double = codec.node_id(ObjectIds.Double)
    assert codec.variant_type_of(double) is ua.VariantType.Double
    assert codec.variant_type_of(codec.node_id(ObjectIds.Enumeration)) is None
    assert codec.variant_type_of(codec.node_id(7, 2)) is None
    assert data_type_name(double) == "Double"
    assert data_type_name(codec.node_id("Custom", 3)) == "ns=3;s=Custom"
    assert raw_type_of(double) is RawType.FLOAT64
    assert raw_type_of(codec.node_id(ObjectIds.Float)) is RawType.FLOAT32
    assert raw_type_of(codec.node_id(ObjectIds.Byte)) is None  # no point type writes a Byte
    assert raw_type_of(codec.node_id(ObjectIds.Enumeration)) is None
    assert raw_type_of(codec.node_id(11, 2)) is None
    assert {codec.VARIANT_TYPES[k].name for k in RawType} >= {"Boolean", "Int16", "UInt64", "String"}


def test_requests_are_batched_by_the_server_limit() -> None:
    assert codec.batches([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert codec.batches([1, 2, 3], 0) == [[1, 2, 3]]
    assert codec.batches([], 0) == []
    assert limit(ua.DataValue(ua.Variant(1000, ua.VariantType.UInt32))) == 1000
    assert limit(ua.DataValue(ua.Variant(0, ua.VariantType.UInt32))) == 0
    assert limit(ua.DataValue(ua.Variant(None, ua.VariantType.Null))) == 0
    assert limit(ua.DataValue(StatusCode=status(StatusCodes.BadNodeIdUnknown))) == 0
