"""The pure side of the Sparkplug driver: the .proto loader, topics, addresses, datatypes and payloads."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.core.errors import InvalidInput
from longcheng.drivers.base import PointRejected, PointSpec, RawType
from longcheng.drivers.sparkplug import SPEC, SparkplugConfig, proto
from longcheng.drivers.sparkplug.codec import (
    Address,
    MessageType,
    Metric,
    Payload,
    Topic,
    check_id,
    decode,
    encode,
    parse_address,
    parse_topic,
    state_topic,
    topic,
)
from longcheng.drivers.sparkplug.datatypes import RAW_TYPES, SCALARS, DataType, check_value, to_raw

# the .proto, built into classes at import time


def test_payload_bytes_are_protobufs_own() -> None:
    metric = Metric("a", 3, DataType.Float, 1.5)
    assert encode(Payload(1, 2, (metric,))).hex() == "0801120c0a016110032009650000c03f1802"


def test_the_datatype_enum_mirrors_the_proto() -> None:
    assert {v.name: v.number for v in proto.DataTypeDescriptor.values} == {d.name: d.value for d in DataType}


def test_the_proto_fields_are_tahus() -> None:
    metric = proto.Payload.Metric.DESCRIPTOR
    numbers = {f.name: f.number for f in metric.fields}
    assert numbers["name"] == 1
    assert numbers["alias"] == 2
    assert numbers["datatype"] == 4
    assert numbers["is_null"] == 7
    assert numbers["int_value"] == 10
    assert numbers["extension_value"] == 19
    assert [f.name for f in metric.oneofs_by_name["value"].fields][:3] == [
        "int_value",
        "long_value",
        "float_value",
    ]
    template = proto.Payload.Template.DESCRIPTOR
    assert template.fields_by_name["metrics"].message_type is metric  # resolved through the outer scope
    assert proto.Payload.DESCRIPTOR.extension_ranges == [(6, proto.MAX_FIELD + 1)]


@pytest.mark.parametrize(
    "text",
    [
        'syntax = "proto3"; message A { int32 a = 1; }',
        'syntax = "proto2"; service S {}',
        'syntax = "proto2"; message A { optional Missing m = 1; }',
        'syntax = "proto2"; message A { optional int32 a = 1 [deprecated = true]; }',
        'syntax = "proto2"; message A { map<string, int32> m = 1; }',
        'syntax = "proto2"; message A { optional int32 a = 1 ',
        'syntax = "proto2"; message A { optional int32 a = 1; } $',
    ],
)
def test_the_parser_refuses_what_it_does_not_know(text: str) -> None:
    with pytest.raises(proto.ProtoSyntaxError):
        proto.parse(text)


def test_the_parser_handles_comments_options_and_defaults() -> None:
    text = """
        // comment
        syntax = "proto2"; /* block
        comment */ package p.q;
        enum E { A = 0; B = 1; }
        message M {
            optional int32 a = 1 [default = 7];
            repeated uint32 b = 2 [packed = true];
            optional E e = 3;
            extensions 10 to 20, 30;
        }
    """
    parsed = proto.parse(text, "m.proto")
    fields = {f.name: f for f in parsed.message_type[0].field}
    assert fields["a"].default_value == "7"
    assert fields["b"].options.packed is True
    assert fields["e"].type_name == ".p.q.E"
    assert [(r.start, r.end) for r in parsed.message_type[0].extension_range] == [(10, 21), (30, 31)]


# topics and addresses


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("spBv1.0/g/NBIRTH/e", Topic("g", MessageType.NBIRTH, "e")),
        ("spBv1.0/g/NDATA/e", Topic("g", MessageType.NDATA, "e")),
        ("spBv1.0/g/NDEATH/e", Topic("g", MessageType.NDEATH, "e")),
        ("spBv1.0/g/NCMD/e", Topic("g", MessageType.NCMD, "e")),
        ("spBv1.0/g/DBIRTH/e/d", Topic("g", MessageType.DBIRTH, "e", "d")),
        ("spBv1.0/g/DDATA/e/d", Topic("g", MessageType.DDATA, "e", "d")),
        ("spBv1.0/g/DDEATH/e/d", Topic("g", MessageType.DDEATH, "e", "d")),
        ("spBv1.0/g/DCMD/e/d", Topic("g", MessageType.DCMD, "e", "d")),
        ("spBv1.0/g/DDATA/e", None),  # a device message needs a device
        ("spBv1.0/g/NDATA/e/d", None),
        ("spBv1.0/STATE/host", None),
        ("spAv1.0/g/NDATA/e", None),
        ("spBv1.0/g/NOISE/e", None),
        ("spBv1.0//NDATA/e", None),
        ("lc/v1/acme/pump-1/telemetry", None),
    ],
)
def test_topics(name: str, expected: Topic | None) -> None:
    assert parse_topic(name) == expected
    if expected is not None:
        assert topic(*expected) == name


def test_topic_building_rules() -> None:
    assert state_topic("scada") == "spBv1.0/STATE/scada"
    with pytest.raises(InvalidInput):
        topic("g", MessageType.DCMD, "e")
    with pytest.raises(InvalidInput):
        topic("g", MessageType.NCMD, "e", "d")
    assert check_id("group", "line-1") == "line-1"
    for bad in ("", "a/b", "a+", "#"):
        with pytest.raises(InvalidInput):
            check_id("group", bad)


def point(address: str, data_type: RawType = RawType.FLOAT64) -> PointSpec:
    return PointSpec(name="p", address=address, data_type=data_type)


def test_addresses() -> None:
    assert parse_address(point("e/d/speed")) == Address("e", "d", "speed")
    node = parse_address(point("e//Node Control/Rebirth"))
    assert node == Address("e", "", "Node Control/Rebirth")
    assert node.key == "e//Node Control/Rebirth"
    for bad in ("e/d", "e/d/", "/d/m", "e+/d/m", "e/#/m", "speed"):
        with pytest.raises(PointRejected) as caught:
            parse_address(point(bad))
        assert caught.value.field == "p"


# values of every datatype

EDGES: list[tuple[DataType, Any]] = [
    (DataType.Int8, -128),
    (DataType.Int8, 127),
    (DataType.Int8, -23),
    (DataType.Int16, -32768),
    (DataType.Int16, 32767),
    (DataType.Int32, -(2**31)),
    (DataType.Int32, 2**31 - 1),
    (DataType.Int64, -(2**63)),
    (DataType.Int64, 2**63 - 1),
    (DataType.UInt8, 255),
    (DataType.UInt16, 65535),
    (DataType.UInt32, 2**32 - 1),
    (DataType.UInt64, 2**64 - 1),
    (DataType.DateTime, 1_767_225_600_000),
    (DataType.Float, 1.5),
    (DataType.Float, -3.4028234663852886e38),
    (DataType.Double, 1e300),
    (DataType.Boolean, True),
    (DataType.Boolean, False),
    (DataType.String, "running"),
    (DataType.Text, "长城"),
    (DataType.UUID, "a3c1a0e2-0000-4000-8000-000000000000"),
]


@pytest.mark.parametrize(("datatype", "value"), EDGES)
def test_every_scalar_datatype_round_trips(datatype: DataType, value: Any) -> None:
    data = encode(Payload(1, 0, (Metric("m", 1, datatype, value),)))
    (metric,) = decode(data).metrics
    assert (metric.name, metric.alias, metric.datatype, metric.value) == ("m", 1, datatype, value)
    assert metric.supported
    by_alias = decode(encode(Payload(1, 1, (Metric(None, 1, None, None),))), {"#1": datatype})
    assert by_alias.metrics[0].datatype is datatype
    assert datatype in RAW_TYPES


def test_signed_integers_travel_as_twos_complement_of_their_width() -> None:
    message = proto.Payload.FromString(encode(Payload(metrics=(Metric("m", None, DataType.Int8, -23),))))
    assert message.metrics[0].int_value == 233  # Tahu's Python encoding
    java = proto.Payload()
    item = java.metrics.add(name="m", datatype=DataType.Int16, int_value=2**32 - 2)  # Java's: sign-extended
    assert item.int_value == 2**32 - 2
    assert decode(java.SerializeToString()).metrics[0].value == -2
    wide = proto.Payload.FromString(encode(Payload(metrics=(Metric("m", None, DataType.Int64, -1),))))
    assert wide.metrics[0].long_value == 2**64 - 1


@pytest.mark.parametrize(
    ("datatype", "value"),
    [
        (DataType.Int8, 128),
        (DataType.Int8, -129),
        (DataType.UInt8, -1),
        (DataType.UInt16, 65536),
        (DataType.Int32, 2**31),
        (DataType.UInt64, 2**64),
        (DataType.Int64, 1.5),
        (DataType.Int16, True),
        (DataType.Float, 1e39),
        (DataType.Double, math.nan),
        (DataType.Double, math.inf),
        (DataType.Double, "1.0"),
        (DataType.Boolean, 1),
        (DataType.String, 5),
        (DataType.DataSet, 1),
        (DataType.Bytes, b"x"),
        (DataType.Unknown, 0),
    ],
)
def test_values_that_do_not_fit_their_datatype(datatype: DataType, value: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_value(datatype, value, "speed")
    assert caught.value.field == "speed"
    with pytest.raises(InvalidInput):
        encode(Payload(metrics=(Metric("speed", None, datatype, value),)))


def test_null_unsupported_and_malformed() -> None:
    null = decode(encode(Payload(metrics=(Metric("m", None, DataType.Double, None, is_null=True),))))
    assert (null.metrics[0].value, null.metrics[0].is_null) == (None, True)
    blob = proto.Payload()
    blob.metrics.add(name="b", datatype=DataType.Bytes, bytes_value=b"\x00")
    blob.metrics.add(name="x", datatype=99, int_value=1)
    got = decode(blob.SerializeToString())
    assert [(m.value, m.supported) for m in got.metrics] == [(None, False), (None, False)]
    assert got.metric("b") is got.metrics[0]
    assert got.metric("nope") is None
    with pytest.raises(InvalidInput):
        decode(b"\xff\xff\xff")
    assert SCALARS.isdisjoint({DataType.DataSet, DataType.Template, DataType.Int8Array})


def test_to_raw() -> None:
    assert to_raw("p", RawType.INT16, -23) == -23
    assert to_raw("p", RawType.UINT32, 7.0) == 7
    assert to_raw("p", RawType.FLOAT32, 2) == 2.0
    assert to_raw("p", RawType.STRING, "a") == "a"
    assert to_raw("p", RawType.BOOL, True) is True
    for data_type, value in [
        (RawType.INT16, 40000),
        (RawType.UINT16, -1),
        (RawType.INT32, 1.5),
        (RawType.FLOAT32, 1e39),
        (RawType.FLOAT64, math.nan),
        (RawType.BOOL, 1),
        (RawType.STRING, 1),
        (RawType.FLOAT64, True),
    ]:
        with pytest.raises(PointRejected):
            to_raw("p", data_type, value)


# configuration and spec


def test_config() -> None:
    SparkplugConfig(host="h", group_id="g", edge_nodes=("e1", "e2"), host_id="scada")
    for bad in (
        {"group_id": "a/b"},
        {"group_id": ""},
        {"host_id": "x#"},
        {"edge_nodes": ("ok", "b+d")},
        {"qos": 2},
        {"password": "x"},
        {"ca_file": "/tmp/ca.pem"},
        {"surprise": 1},
    ):
        with pytest.raises(ValidationError):
            SparkplugConfig(**({"host": "h", "group_id": "g"} | bad))


def test_spec() -> None:
    assert (SPEC.name, SPEC.protocol, SPEC.title_key, SPEC.subscribe) == (
        "sparkplug",
        "sparkplug",
        "driver.sparkplug.title",
        True,
    )
    assert SPEC.config_model is SparkplugConfig
