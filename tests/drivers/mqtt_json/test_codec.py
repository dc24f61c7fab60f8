"""The pure side of the MQTT JSON driver: addresses, values of every raw type, payloads, write bodies."""

from __future__ import annotations

import math
from typing import Any

import orjson
import pytest
from pydantic import ValidationError

from longcheng.core.samples import Quality
from longcheng.drivers.base import PointRejected, PointSpec, RawType
from longcheng.drivers.mqtt_json import SPEC, MqttJsonConfig
from longcheng.drivers.mqtt_json.codec import (
    FLOAT32_MAX,
    INT_RANGES,
    coerce,
    decode_message,
    parse_point,
    parse_ts,
    write_body,
)

NOW = 1_767_225_600_000
TOPIC = "plant/line1/pump7"


def point(
    address: str, data_type: RawType = RawType.FLOAT64, name: str = "flow", **options: Any
) -> PointSpec:
    return PointSpec(name=name, address=address, data_type=data_type, access="rw", options=options)


# addresses


def test_longcheng_addresses_long_and_short() -> None:
    full = parse_point(point("acme/pump-1/flow"), "longcheng")
    assert (full.topic, full.key) == ("lc/v1/acme/pump-1/telemetry", "flow")
    assert full.write_topic == "lc/v1/acme/pump-1/desired"
    short = parse_point(point("flow"), "longcheng", tenant="acme", device="pump-1")
    assert short == full
    custom = parse_point(
        point("flow", write_topic="lc/v1/acme/pump-1/commands"), "longcheng", tenant="acme", device="pump-1"
    )
    assert custom.write_topic == "lc/v1/acme/pump-1/commands"


@pytest.mark.parametrize(
    ("address", "options"),
    [
        ("flow", {}),  # short form without tenant and device in the config
        ("acme/flow", {}),
        ("acme/pump-1/flow/extra", {}),
        ("acme/+/flow", {}),
        ("acme//flow", {}),
        ("acme/pump-1/flow", {"write_path": "$.x"}),
        ("acme/pump-1/flow", {"write_topic": "lc/v1/acme/#"}),
        ("acme/pump-1/flow", {"write_topic": 5}),
    ],
)
def test_bad_longcheng_addresses_name_the_point(address: str, options: dict[str, Any]) -> None:
    with pytest.raises(PointRejected) as caught:
        parse_point(point(address, **options), "longcheng")
    assert caught.value.field == "flow"


def test_jsonpath_addresses() -> None:
    parsed = parse_point(point(f"{TOPIC}|$.data.flow"), "jsonpath")
    assert (parsed.topic, parsed.key, parsed.write_topic, parsed.write_key) == (
        TOPIC,
        "$.data.flow",
        f"{TOPIC}/set",
        "$.data.flow",
    )
    custom = parse_point(
        point(f"{TOPIC}|$.data.flow", write_topic="cmd/pump7", write_path="$.sp"), "jsonpath"
    )
    assert (custom.write_topic, custom.write_key) == ("cmd/pump7", "$.sp")


@pytest.mark.parametrize(
    ("address", "options"),
    [
        (TOPIC, {}),  # no path
        (f"{TOPIC}|", {}),
        (f"{TOPIC}|$.data[", {}),
        ("plant/+/pump7|$.flow", {}),
        ("plant/#|$.flow", {}),
        ("|$.flow", {}),
        (f"{TOPIC}|$.flow", {"write_path": "$.["}),
        (f"{TOPIC}|$.flow", {"write_topic": ""}),
    ],
)
def test_bad_jsonpath_addresses_name_the_point(address: str, options: dict[str, Any]) -> None:
    with pytest.raises(PointRejected) as caught:
        parse_point(point(address, **options), "jsonpath")
    assert caught.value.field == "flow"
    assert caught.value.code == "error.point_rejected"


# values of every raw type


@pytest.mark.parametrize(
    ("data_type", "raw", "expected"),
    [
        (RawType.BOOL, True, True),
        (RawType.BOOL, 0, False),
        (RawType.BOOL, 1, True),
        (RawType.STRING, "auto", "auto"),
        (RawType.FLOAT32, 3, 3.0),
        (RawType.FLOAT32, -FLOAT32_MAX, -FLOAT32_MAX),
        (RawType.FLOAT64, 1e300, 1e300),
        (RawType.INT16, 12.0, 12),
        *((t, low, low) for t, (low, _) in INT_RANGES.items()),
        *((t, high, high) for t, (_, high) in INT_RANGES.items()),
    ],
)
def test_values_that_fit(data_type: RawType, raw: object, expected: object) -> None:
    value = coerce("p", data_type, raw)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("data_type", "raw"),
    [
        (RawType.BOOL, 2),
        (RawType.BOOL, "true"),
        (RawType.BOOL, None),
        (RawType.STRING, 5),
        (RawType.FLOAT32, 1e39),
        (RawType.FLOAT64, math.nan),
        (RawType.FLOAT64, math.inf),
        (RawType.FLOAT64, "1.5"),
        (RawType.FLOAT64, True),
        (RawType.INT32, 1.5),
        (RawType.INT32, True),
        (RawType.UINT16, [1]),
        *((t, low - 1) for t, (low, _) in INT_RANGES.items()),
        *((t, high + 1) for t, (_, high) in INT_RANGES.items()),
    ],
)
def test_values_that_do_not_fit(data_type: RawType, raw: object) -> None:
    with pytest.raises(PointRejected) as caught:
        coerce("p", data_type, raw)
    assert caught.value.field == "p"


@pytest.mark.parametrize(
    ("raw", "unit", "expected"),
    [
        (NOW, "ms", NOW),
        (NOW / 1000, "s", NOW),
        ("2026-01-01T08:00:00+08:00", "ms", NOW),
        ("2026-01-01T00:00:00Z", "s", NOW),
        ("2026-01-01T00:00:00", "ms", None),  # no zone
        ("yesterday", "ms", None),
        (True, "ms", None),
        (-1, "ms", None),
        (math.nan, "ms", None),
        (None, "ms", None),
    ],
)
def test_timestamps(raw: object, unit: str, expected: int | None) -> None:
    assert parse_ts(raw, unit) == expected


# payloads


def lc_points() -> list[Any]:
    return [
        parse_point(point("flow", RawType.FLOAT64, "flow"), "longcheng", tenant="t", device="d"),
        parse_point(point("speed", RawType.INT32, "speed"), "longcheng", tenant="t", device="d"),
        parse_point(point("running", RawType.BOOL, "running"), "longcheng", tenant="t", device="d"),
    ]


def test_longcheng_record_and_list_of_records() -> None:
    one = decode_message("longcheng", lc_points(), b'{"ts": 5, "values": {"flow": 1.5, "speed": 10}}', NOW)
    assert [(r.point, r.value, r.ts_ms) for r in one.readings] == [("flow", 1.5, 5), ("speed", 10, 5)]
    many = decode_message(
        "longcheng",
        lc_points(),
        orjson.dumps(
            [
                {"values": {"running": True}},
                {"ts": "2026-01-01T00:00:01+00:00", "values": {"flow": {"value": 2, "quality": "uncertain"}}},
            ]
        ),
        NOW,
    )
    assert [(r.point, r.value, r.ts_ms, r.quality) for r in many.readings] == [
        ("running", True, NOW, Quality.GOOD),
        ("flow", 2.0, NOW + 1000, Quality.UNCERTAIN),
    ]
    assert (many.malformed, many.bad_values) == (0, 0)


@pytest.mark.parametrize(
    ("payload", "malformed", "bad_values", "readings"),
    [
        (b"not json", 1, 0, 0),
        (b'"a string"', 1, 0, 0),
        (b'{"ts": 5}', 1, 0, 0),  # no values
        (b'{"ts": "soon", "values": {"flow": 1}}', 1, 0, 0),
        (b'[{"values": {"flow": 1}}, 7]', 1, 0, 1),  # a bad record does not take the good one with it
        (b'{"values": {"flow": "fast", "speed": 1}}', 0, 1, 1),
        (b'{"values": {"speed": 1e12}}', 0, 1, 0),
        (b'{"values": {"flow": {"value": 1, "quality": "so-so"}}}', 0, 1, 0),
        (b'{"values": {"flow": {"quality": "good"}}}', 0, 1, 0),
        (b'{"values": {"other": 1}}', 0, 0, 0),
    ],
)
def test_longcheng_problems_are_counted_not_raised(
    payload: bytes, malformed: int, bad_values: int, readings: int
) -> None:
    decoded = decode_message("longcheng", lc_points(), payload, NOW)
    assert (decoded.malformed, decoded.bad_values, len(decoded.readings)) == (malformed, bad_values, readings)
    assert len(decoded.problems) == malformed + bad_values


def jp_points() -> list[Any]:
    return [
        parse_point(point(f"{TOPIC}|$.data.flow", RawType.FLOAT32, "flow"), "jsonpath"),
        parse_point(point(f'{TOPIC}|$.items[?(@.id == "b")].v', RawType.UINT16, "b"), "jsonpath"),
        parse_point(point(f"{TOPIC}|$.state", RawType.STRING, "state"), "jsonpath"),
    ]


def test_jsonpath_payloads_with_the_device_timestamp() -> None:
    payload = orjson.dumps(
        {"t": NOW / 1000, "data": {"flow": 9.5}, "items": [{"id": "a", "v": 1}, {"id": "b", "v": 2}]}
    )
    decoded = decode_message("jsonpath", jp_points(), payload, 0, timestamp_path="$.t", timestamp_unit="s")
    assert [(r.point, r.value, r.ts_ms) for r in decoded.readings] == [("flow", 9.5, NOW), ("b", 2, NOW)]
    no_ts = decode_message("jsonpath", jp_points(), b'{"state": "ok"}', NOW, timestamp_path="$.t")
    assert [(r.point, r.value, r.ts_ms) for r in no_ts.readings] == [("state", "ok", NOW)]
    bad_ts = decode_message(
        "jsonpath", jp_points(), b'{"t": "never", "state": "ok"}', NOW, timestamp_path="$.t"
    )
    assert (bad_ts.malformed, bad_ts.readings) == (1, [])
    garbage = decode_message("jsonpath", jp_points(), b"\xff\x00", NOW)
    assert garbage.malformed == 1
    wrong = decode_message("jsonpath", jp_points(), b'{"data": {"flow": "high"}, "state": 3}', NOW)
    assert (wrong.bad_values, wrong.readings) == (2, [])


# write bodies


def test_write_bodies() -> None:
    lc = parse_point(point("speed", RawType.INT32, "speed"), "longcheng", tenant="t", device="d")
    assert orjson.loads(write_body("longcheng", lc, 1450, NOW)) == {"ts": NOW, "values": {"speed": 1450}}
    nested = parse_point(point(f"{TOPIC}|$.setpoints.speed"), "jsonpath")
    assert orjson.loads(write_body("jsonpath", nested, 1450.0, NOW)) == {"setpoints": {"speed": 1450.0}}
    indexed = parse_point(point(f"{TOPIC}|$.a[0].b", write_path="$.cmd.b"), "jsonpath")
    assert orjson.loads(write_body("jsonpath", indexed, True, NOW)) == {"cmd": {"b": True}}
    filtered = parse_point(point(f'{TOPIC}|$.items[?(@.id == "b")].v'), "jsonpath")
    with pytest.raises(PointRejected, match="write_path"):
        write_body("jsonpath", filtered, 1.0, NOW)


# configuration and spec


def test_config_bounds_and_rules() -> None:
    MqttJsonConfig(host="h", format="jsonpath", timestamp_path="$.t", timestamp_unit="s")
    for bad in (
        {"port": 0},
        {"qos": 3},
        {"password": "x"},
        {"ca_file": "/tmp/ca.pem"},
        {"tenant": "acme"},
        {"timestamp_path": "$.t"},  # only with jsonpath
        {"format": "jsonpath", "timestamp_path": "$.["},
        {"format": "xml"},
        {"surprise": 1},
    ):
        with pytest.raises(ValidationError):
            MqttJsonConfig(host="h", **bad)


def test_spec() -> None:
    assert (SPEC.name, SPEC.protocol, SPEC.title_key, SPEC.subscribe) == (
        "mqtt_json",
        "mqtt_json",
        "driver.mqtt_json.title",
        True,
    )
    assert SPEC.config_model is MqttJsonConfig
    assert SPEC.connect is not None
