"""Thing-model events: decoded and checked against the device's model, refused one by one."""

from __future__ import annotations

import orjson
import pytest

from longcheng.core.samples import Event, RejectReason
from longcheng.core.thing_model import ThingModel
from longcheng.ingest.directory import DeviceEntry
from longcheng.ingest.events import decode_events
from longcheng.ingest.validate import Limits

NOW = 1_767_225_600_000
LIMITS = Limits(max_payload_bytes=4096, max_future_skew_ms=300_000, max_past_age_ms=86_400_000)
MODEL = ThingModel.model_validate(
    {
        "events": [
            {
                "name": "overheat",
                "severity": "warning",
                "params": [
                    {"name": "temperature", "data_type": "float", "unit": "degC", "min": -50, "max": 500},
                    {"name": "note", "data_type": "string", "required": False},
                ],
            },
            {"name": "tripped"},
        ]
    }
)
DEVICE = DeviceEntry(
    tenant_id=3,
    device_id=9,
    tenant_code="acme",
    key="pump-1",
    secret_hash="",
    enabled=True,
    properties={},
    events={e.name: e for e in MODEL.events},
)


def run(payload: object) -> tuple[list[Event], list[tuple[RejectReason, str]]]:
    events, rejections = decode_events(DEVICE, orjson.dumps(payload), NOW, LIMITS)
    return events, [(r.reason, r.field) for r in rejections]


def test_a_valid_event_with_and_without_a_timestamp() -> None:
    assert run({"ts": NOW - 5, "event": "overheat", "params": {"temperature": 91.5}}) == (
        [Event(3, 9, NOW - 5, "overheat", {"temperature": 91.5})],
        [],
    )
    assert run({"event": "tripped"}) == ([Event(3, 9, NOW, "tripped", {})], [])


@pytest.mark.parametrize(
    ("payload", "refusal"),
    [
        ({"event": "meltdown"}, (RejectReason.UNKNOWN_EVENT, "event")),
        ({"name": "tripped"}, (RejectReason.INVALID_STRUCTURE, "event")),
        ({"event": "overheat", "params": {}}, (RejectReason.INVALID_STRUCTURE, "params.temperature")),
        (
            {"event": "overheat", "params": {"temperature": "hot"}},
            (RejectReason.WRONG_TYPE, "params.temperature"),
        ),
        (
            {"event": "overheat", "params": {"temperature": 900}},
            (RejectReason.OUT_OF_RANGE, "params.temperature"),
        ),
        (
            {"event": "overheat", "params": {"temperature": 90, "x": 1}},
            (RejectReason.UNKNOWN_PROPERTY, "params.x"),
        ),
        ({"event": "tripped", "params": [1]}, (RejectReason.INVALID_STRUCTURE, "params")),
        ({"event": "tripped", "ts": NOW + 3_600_000}, (RejectReason.TIMESTAMP_IN_FUTURE, "ts")),
        ({"event": "tripped", "ts": "yesterday"}, (RejectReason.BAD_TIMESTAMP, "ts")),
    ],
)
def test_bad_events_are_refused_naming_the_field(
    payload: dict[str, object], refusal: tuple[RejectReason, str]
) -> None:
    assert run(payload) == ([], [refusal])


def test_one_bad_event_in_a_list_keeps_the_others() -> None:
    events, refusals = run([{"event": "tripped"}, {"event": "meltdown"}, {"event": "tripped", "ts": NOW - 1}])
    assert [e.ts_ms for e in events] == [NOW, NOW - 1]
    assert refusals == [(RejectReason.UNKNOWN_EVENT, "[1].event")]


def test_malformed_and_oversized_payloads() -> None:
    assert decode_events(DEVICE, b"{nope", NOW, LIMITS)[1][0].reason is RejectReason.MALFORMED_JSON
    assert decode_events(DEVICE, b" " * 5000, NOW, LIMITS)[1][0].reason is RejectReason.PAYLOAD_TOO_LARGE
