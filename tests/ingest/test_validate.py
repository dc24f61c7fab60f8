"""Validating decoded records against a device's thing model (pure)."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from longcheng.core.samples import Quality, Rejection, RejectReason, Sample
from longcheng.core.thing_model import ThingModel
from longcheng.ingest.decode import decode
from longcheng.ingest.directory import DeviceEntry
from longcheng.ingest.validate import PAYLOAD_EXCERPT, Limits, Validator, excerpt
from support import PUMP_MODEL

NOW = 1_767_225_600_000
TENANT, DEVICE = 7, 42
LIMITS = Limits(max_payload_bytes=256 * 1024, max_future_skew_ms=60_000, max_past_age_ms=3_600_000)
ENTRY = DeviceEntry(
    tenant_id=TENANT,
    device_id=DEVICE,
    tenant_code="acme",
    key="pump-1",
    secret_hash="x" * 64,
    enabled=True,
    properties=ThingModel.model_validate(PUMP_MODEL).property_map(),
)


def validate(payload: bytes | object) -> Validator:
    raw = payload if isinstance(payload, bytes) else orjson.dumps(payload)
    validator = Validator(ENTRY, NOW, LIMITS)
    for item in decode(raw, NOW, LIMITS.max_payload_bytes):
        validator.add(item, raw)
    return validator


def sample(prop: str, value: Any, ts: int = NOW, quality: Quality = Quality.GOOD) -> Sample:
    return Sample(TENANT, DEVICE, prop, ts, value, quality)


def refusals(v: Validator) -> list[tuple[RejectReason, str]]:
    return [(r.reason, r.field) for r in v.rejections]


def test_good_values_become_samples_of_the_device() -> None:
    v = validate(
        {
            "ts": NOW - 10,
            "values": {"flow": 12.5, "speed": 1450.0, "running": True, "mode": "auto", "note": "ok"},
        }
    )

    assert v.rejections == []
    assert v.samples == [
        sample("flow", 12.5, NOW - 10),
        sample("speed", 1450, NOW - 10),
        sample("running", True, NOW - 10),
        sample("mode", "auto", NOW - 10),
        sample("note", "ok", NOW - 10),
    ]
    assert type(v.samples[1].value) is int


def test_a_record_without_a_time_is_stamped_with_the_receive_time() -> None:
    assert validate({"values": {"flow": 1}}).samples == [sample("flow", 1.0)]


@pytest.mark.parametrize(
    ("values", "reason", "field"),
    [
        ({"pressure": 1.0}, RejectReason.UNKNOWN_PROPERTY, "values.pressure"),
        ({"flow": "fast"}, RejectReason.WRONG_TYPE, "values.flow"),
        ({"speed": 1.5}, RejectReason.WRONG_TYPE, "values.speed"),
        ({"speed": True}, RejectReason.WRONG_TYPE, "values.speed"),
        ({"running": 1}, RejectReason.WRONG_TYPE, "values.running"),
        ({"flow": None}, RejectReason.WRONG_TYPE, "values.flow"),
        ({"flow": 500.5}, RejectReason.OUT_OF_RANGE, "values.flow"),
        ({"flow": -0.1}, RejectReason.OUT_OF_RANGE, "values.flow"),
        ({"speed": 3601}, RejectReason.OUT_OF_RANGE, "values.speed"),
        ({"mode": "turbo"}, RejectReason.OUT_OF_RANGE, "values.mode"),
        ({"note": "x" * 33}, RejectReason.OUT_OF_RANGE, "values.note"),
        ({"flow": {"value": 1.0, "quality": "excellent"}}, RejectReason.BAD_QUALITY_FLAG, "values.flow"),
        ({"flow": {"value": 1.0, "quality": None}}, RejectReason.BAD_QUALITY_FLAG, "values.flow"),
        ({"flow": {"quality": "good"}}, RejectReason.BAD_QUALITY_FLAG, "values.flow"),
        ({"flow": {}}, RejectReason.BAD_QUALITY_FLAG, "values.flow"),
        ({"flow": {"value": "x", "quality": "bad"}}, RejectReason.WRONG_TYPE, "values.flow"),
        ({"flow": {"value": 600, "quality": "bad"}}, RejectReason.OUT_OF_RANGE, "values.flow"),
    ],
)
def test_a_bad_value_is_refused_and_the_others_kept(
    values: dict[str, Any], reason: RejectReason, field: str
) -> None:
    good = {"speed": 5} if "speed" not in values else {"running": False}
    v = validate({"ts": NOW, "values": {**good, **values}})

    assert refusals(v) == [(reason, field)]
    [rejection] = v.rejections
    assert (rejection.tenant_id, rejection.device_id, rejection.received_ms) == (TENANT, DEVICE, NOW)
    assert rejection.detail
    assert v.samples == [sample(name, value) for name, value in good.items()]


def test_range_limits_are_inclusive() -> None:
    v = validate({"values": {"flow": 500, "speed": 0}})
    assert v.rejections == []
    assert v.samples == [sample("flow", 500.0), sample("speed", 0)]


def test_quality_objects_are_accepted() -> None:
    v = validate(
        {
            "values": {
                "flow": {"value": 3.5, "quality": "uncertain"},
                "speed": {"value": 10, "quality": "bad"},
                "running": {"value": True, "quality": "good"},
                "mode": {"value": "manual"},  # quality defaults to good
            }
        }
    )

    assert v.rejections == []
    assert v.samples == [
        sample("flow", 3.5, quality=Quality.UNCERTAIN),
        sample("speed", 10, quality=Quality.BAD),
        sample("running", True),
        sample("mode", "manual"),
    ]


def test_values_in_a_list_are_named_with_the_record_index() -> None:
    v = validate([{"values": {"flow": 1}}, {"values": {"flow": "x", "speed": 2}}])

    assert refusals(v) == [(RejectReason.WRONG_TYPE, "[1].values.flow")]
    assert v.samples == [sample("flow", 1.0), sample("speed", 2)]


def test_a_pretty_printed_list_is_still_named_with_the_record_index() -> None:
    payload = b'\n  [\n    {"values": {"flow": 1}},\n    {"values": {"flow": "x"}}\n  ]\n'

    assert refusals(validate(payload)) == [(RejectReason.WRONG_TYPE, "[1].values.flow")]


@pytest.mark.parametrize(
    ("offset", "reason"),
    [
        (LIMITS.max_future_skew_ms + 1, RejectReason.TIMESTAMP_IN_FUTURE),
        (-LIMITS.max_past_age_ms - 1, RejectReason.TIMESTAMP_TOO_OLD),
    ],
)
def test_a_record_outside_the_time_window_is_refused_whole(offset: int, reason: RejectReason) -> None:
    single = validate({"ts": NOW + offset, "values": {"flow": 1, "speed": 2}})
    assert refusals(single) == [(reason, "ts")]
    assert single.samples == []
    assert orjson.loads(single.rejections[0].payload) == {
        "ts": NOW + offset,
        "values": {"flow": 1, "speed": 2},
    }

    listed = validate(
        [
            {"ts": NOW - 1, "values": {"flow": 1}},
            {"ts": NOW + offset, "values": {"flow": 2, "speed": 2}},
            {"ts": NOW - 2, "values": {"flow": 3}},
        ]
    )
    assert refusals(listed) == [(reason, "[1].ts")]
    assert listed.samples == [sample("flow", 1.0, NOW - 1), sample("flow", 3.0, NOW - 2)]


def test_the_edges_of_the_time_window_are_accepted() -> None:
    v = validate(
        [
            {"ts": NOW + LIMITS.max_future_skew_ms, "values": {"flow": 1}},
            {"ts": NOW - LIMITS.max_past_age_ms, "values": {"flow": 2}},
        ]
    )
    assert v.rejections == []
    assert [s.ts_ms for s in v.samples] == [NOW + 60_000, NOW - 3_600_000]


def test_decoding_problems_become_rejections_of_the_device() -> None:
    v = validate(b'{"values": ')

    assert v.rejections == [
        Rejection(
            TENANT,
            DEVICE,
            NOW,
            RejectReason.MALFORMED_JSON,
            "payload",
            v.rejections[0].detail,
            '{"values": ',
        )
    ]
    assert v.rejections[0].detail.startswith("not valid JSON")


def test_dead_letter_payloads_are_excerpts() -> None:
    big = orjson.dumps({"values": {"note": "龙" * 2000}})  # 3 bytes per character

    v = validate(big)

    [rejection] = v.rejections
    assert rejection.reason is RejectReason.OUT_OF_RANGE
    assert len(rejection.payload) <= PAYLOAD_EXCERPT
    assert rejection.payload.startswith('{"note":"龙龙')


def test_excerpt() -> None:
    assert excerpt(b"abc") == "abc"
    assert excerpt({"a": 1}) == '{"a":1}'
    assert excerpt(b"x" * 5000) == "x" * PAYLOAD_EXCERPT
    cut = excerpt("é".encode() * PAYLOAD_EXCERPT)  # 2 bytes per character: cut in the middle
    assert cut == "é" * (PAYLOAD_EXCERPT // 2)
    odd = excerpt(b"a" + "é".encode() * PAYLOAD_EXCERPT)  # the last character is cut in two
    assert len(odd) <= PAYLOAD_EXCERPT
    assert odd.endswith("\ufffd")
    assert excerpt(b"\xff\xfe") == "\ufffd\ufffd"
