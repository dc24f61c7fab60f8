"""JSONPath addresses, values, timestamps and write bodies of the HTTP driver, without any I/O."""

from __future__ import annotations

import math
from typing import Any

import orjson
import pytest

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Quality
from longcheng.drivers.base import PointRejected, PointSpec, RawType
from longcheng.drivers.http import codec
from longcheng.drivers.http.config import HttpConfig

DOCUMENT = {
    "ts": 1_767_225_600_000,
    "readings": {"flow": 12.5, "running": True, "count": 7, "label": "P-101", "nested": {"a": 1}},
    "meters": [{"id": "m1", "power": 10.0}, {"id": "m2", "power": 20.0}],
    "nothing": None,
}


def spec(address: str, data_type: str = "float64", name: str = "p", **options: Any) -> PointSpec:
    return PointSpec(name=name, address=address, data_type=RawType(data_type), options=options)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.readings.flow", 12.5),
        ("readings.flow", 12.5),
        ("$.meters[1].power", 20.0),
        ("$.meters[-1].id", "m2"),
        ('$.meters[?(@.id == "m1")].power', 10.0),
        ("$.readings.nested", {"a": 1}),
        ("$.nothing", None),
    ],
)
def test_a_path_finds_one_value(path: str, expected: Any) -> None:
    assert codec.lookup("p", path, DOCUMENT) == expected


@pytest.mark.parametrize(
    ("path", "found"),
    [("$.readings.speed", "nothing"), ("$.meters[5].power", "nothing"), ("$.meters[*].power", "2 values")],
)
def test_a_path_matching_nothing_or_many_is_rejected(path: str, found: str) -> None:
    with pytest.raises(PointRejected) as caught:
        codec.lookup("flow", path, DOCUMENT)
    assert caught.value.field == "flow"
    assert f"{path} matches {found} in the document" in caught.value.reason


@pytest.mark.parametrize("path", ["$.readings[", "$.a b", "$..", "$.readings.flow)"])
def test_a_bad_path_names_the_point(path: str) -> None:
    with pytest.raises(PointRejected) as caught:
        codec.compile_path("flow", path)
    assert caught.value.field == "flow"
    assert "is not a JSONPath" in caught.value.reason
    assert "$.readings.flow" in caught.value.reason  # the example


def test_paths_are_compiled_once() -> None:
    assert codec.compile_path("a", "$.readings.count") is codec.compile_path("b", "$.readings.count")


@pytest.mark.parametrize(
    ("data_type", "raw", "value"),
    [
        ("float64", 12.5, 12.5),
        ("float64", 3, 3.0),
        ("float64", "21.5", 21.5),
        ("float32", -1e38, -1e38),
        ("int16", -32768, -32768),
        ("int16", 12.0, 12),
        ("int16", " 42 ", 42),
        ("uint16", 65535, 65535),
        ("int32", "-5", -5),
        ("uint32", 4_294_967_295, 4_294_967_295),
        ("int64", -(2**63), -(2**63)),
        ("uint64", 2**64 - 1, 2**64 - 1),
        ("bool", True, True),
        ("bool", 0, False),
        ("bool", "ON", True),
        ("bool", "false", False),
        ("string", "P-101", "P-101"),
        ("string", 7, "7"),
        ("string", 1.5, "1.5"),
        ("string", True, "true"),
    ],
)
def test_json_values_become_the_points_type(data_type: str, raw: Any, value: Any) -> None:
    got = codec.check(spec("$.x", data_type), raw)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize(
    ("data_type", "raw", "reason"),
    [
        ("float64", "fast", "not a number"),
        ("float64", None, "not a number"),
        ("float64", [1], "not a number"),
        ("float64", True, "not a number"),
        ("float64", "nan", "not a finite number"),
        ("float32", 1e39, "outside the range of float32"),
        ("int16", 32768, "outside the range of int16 (-32768 to 32767)"),
        ("uint16", -1, "outside the range of uint16"),
        ("uint64", 2**64, "outside the range of uint64"),
        ("int32", 1.5, "not a whole number"),
        ("bool", 2, "not true or false"),
        ("bool", "maybe", "not true or false"),
        ("string", None, "not text"),
        ("string", {"a": 1}, "not text"),
    ],
)
def test_values_of_the_wrong_type_are_rejected(data_type: str, raw: Any, reason: str) -> None:
    with pytest.raises(PointRejected) as caught:
        codec.check(spec("$.x", data_type, name="speed"), raw)
    assert caught.value.field == "speed"
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    ("data_type", "value"), [("float64", "7.5"), ("int16", "7"), ("bool", "on"), ("string", 7)]
)
def test_writes_take_no_text_for_numbers_nor_numbers_for_text(data_type: str, value: Any) -> None:
    with pytest.raises(PointRejected):
        codec.write_body("value", spec("$.x", data_type), value)


def test_write_bodies() -> None:
    assert orjson.loads(codec.write_body("value", spec("$.x", "float64"), 8)) == {"value": 8.0}
    assert orjson.loads(codec.write_body("setpoint", spec("$.x", "bool"), 1)) == {"setpoint": True}
    assert orjson.loads(codec.write_body(None, spec("$.x", "int16"), 3.0)) == 3
    assert orjson.loads(codec.write_body(None, spec("$.x", "string"), "auto")) == "auto"
    with pytest.raises(PointRejected, match="outside the range of int16"):
        codec.write_body("value", spec("$.x", "int16"), 40000)


def test_write_targets() -> None:
    assert codec.write_target("http://d/setpoints/{name}", spec("$.x", name="supply_setpoint")) == (
        "http://d/setpoints/supply_setpoint"
    )
    override = spec("$.x", name="speed", write_url="/api/speed")
    assert codec.write_target("http://d/setpoints/{name}", override) == "/api/speed"
    assert codec.write_target("http://d/all", spec("$.x")) == "http://d/all"


def test_extract_and_bad_readings() -> None:
    assert codec.extract(spec("$.readings.count", "uint16"), DOCUMENT) == 7
    with pytest.raises(PointRejected, match="not a number"):
        codec.extract(spec("$.readings.label", "float64"), DOCUMENT)
    bad = codec.bad(spec("$.x", "string", name="label"), 5)
    assert (bad.point, bad.value, bad.ts_ms, bad.quality) == ("label", "", 5, Quality.BAD)


def test_unknown_options_are_refused() -> None:
    codec.check_options(spec("$.x", url="/other", write_url="/w/{name}"))
    with pytest.raises(PointRejected, match=r"unknown options \['word_order'\]"):
        codec.check_options(spec("$.x", word_order="big"))


def test_documents_must_be_json() -> None:
    assert codec.parse_document(b'{"a": [1, 2]}') == {"a": [1, 2]}
    assert codec.parse_document(b"3") == 3
    for body in (b"", b"{bad", b"\xff\xfe", b"NaN"):
        with pytest.raises(InvalidInput) as caught:
            codec.parse_document(body)
        assert caught.value.field == "payload"
        assert "not JSON" in caught.value.reason


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        (1_767_225_600_000, 1_767_225_600_000),
        (1_767_225_600, 1_767_225_600_000),
        (1_767_225_600.25, 1_767_225_600_250),
        ("2026-01-01T00:00:00Z", 1_767_225_600_000),
        ("2026-01-01T08:00:00+08:00", 1_767_225_600_000),
        ("2026-01-01T00:00:01.5", 1_767_225_601_500),
        ("yesterday", 42),
        (True, 42),
        (None, 42),
        ({"s": 1}, 42),
    ],
)
def test_device_timestamps(stamp: Any, expected: int) -> None:
    assert codec.timestamp_ms({"ts": stamp}, "$.ts", 42) == expected


def test_without_a_device_timestamp_the_arrival_counts() -> None:
    assert codec.timestamp_ms({"ts": 5}, None, 42) == 42
    assert codec.timestamp_ms({"other": 5}, "$.ts", 42) == 42
    assert codec.timestamp_ms({"ts": math.inf}, "$.ts", 42) == 42


@pytest.mark.parametrize(
    ("authorization", "header", "accepted"),
    [
        ("Bearer s3cret", None, True),
        ("bearer s3cret", None, True),
        ("Bearer wrong", None, False),
        ("Bearer wrong", "s3cret", False),
        (None, "s3cret", True),
        ("Basic czNjcmV0", "s3cret", True),
        ("Basic czNjcmV0", None, False),
        (None, None, False),
        ("Bearer ", None, False),
    ],
)
def test_device_tokens(authorization: str | None, header: str | None, accepted: bool) -> None:
    assert codec.token_matches("s3cret", authorization, header) is accepted


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({}, "poll mode needs the url"),
        ({"url": "ftp://device/readings"}, "String should match pattern"),
        ({"mode": "push"}, "push mode needs the device_token"),
        ({"url": "http://d/r", "password": "x"}, "a password needs a username"),
        ({"url": "http://d/r", "token": "t", "username": "u"}, "either a bearer token or a username"),
        ({"url": "http://d/r", "push_path": "push"}, "String should match pattern"),
        ({"url": "http://d/r", "surprise": 1}, "Extra inputs are not permitted"),
    ],
)
def test_config_is_checked(fields: dict[str, Any], reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        HttpConfig.model_validate(fields)


def test_configs_of_both_modes() -> None:
    poll = HttpConfig(url="https://device.local:8443/api/v1/readings", token="t")
    assert (poll.mode, poll.write_method, poll.write_body_key, poll.timeout_s) == (
        "poll",
        "PUT",
        "value",
        5.0,
    )
    push = HttpConfig(mode="push", device_token="d", listen_port=0)
    assert (push.listen_host, push.push_path, push.url) == ("127.0.0.1", "/push", None)
