"""Decoding telemetry payloads into records and problems (pure)."""

from __future__ import annotations

import orjson
import pytest

from longcheng.core.samples import RejectReason
from longcheng.ingest.decode import Problem, Record, decode, parse_ts

RECEIVED = 1_767_225_600_000  # 2026-01-01T00:00:00Z
LIMIT = 10_000


def run(payload: bytes | object) -> list[Record | Problem]:
    raw = payload if isinstance(payload, bytes) else orjson.dumps(payload)
    return decode(raw, RECEIVED, LIMIT)


# --- accepted shapes ------------------------------------------------------------------------------------


def test_one_record_with_epoch_ms() -> None:
    assert run({"ts": 1_767_225_599_000, "values": {"flow": 1.5}}) == [
        Record(0, 1_767_225_599_000, {"flow": 1.5})
    ]


def test_one_record_with_an_iso_time() -> None:
    assert run({"ts": "2026-01-01T08:00:01.250+08:00", "values": {"flow": 1}}) == [
        Record(0, RECEIVED + 1250, {"flow": 1})
    ]


@pytest.mark.parametrize("record", [{"values": {"flow": 1}}, {"ts": None, "values": {"flow": 1}}])
def test_a_record_without_a_time_takes_the_receive_time(record: dict[str, object]) -> None:
    assert run(record) == [Record(0, RECEIVED, {"flow": 1})]


def test_a_list_of_records() -> None:
    payload = [
        {"ts": RECEIVED - 2000, "values": {"flow": 1.0}},
        {"ts": "2025-12-31T23:59:59Z", "values": {"flow": 2.0, "running": True}},
        {"values": {"mode": "auto"}},
    ]
    assert run(payload) == [
        Record(0, RECEIVED - 2000, {"flow": 1.0}),
        Record(1, RECEIVED - 1000, {"flow": 2.0, "running": True}),
        Record(2, RECEIVED, {"mode": "auto"}),
    ]


def test_values_with_quality_objects_pass_through_untouched() -> None:
    values = {"flow": {"value": 3.5, "quality": "uncertain"}, "note": "hi", "speed": 7}
    assert run({"ts": RECEIVED, "values": values}) == [Record(0, RECEIVED, values)]


def test_extra_keys_of_a_record_are_ignored() -> None:
    assert run({"ts": RECEIVED, "values": {"a": 1}, "seq": 9}) == [Record(0, RECEIVED, {"a": 1})]


# --- problems -------------------------------------------------------------------------------------------


def test_a_payload_over_the_limit_is_refused_before_parsing() -> None:
    payload = b"{" + b" " * (LIMIT - 1) + b"}"  # valid JSON, one byte over
    [problem] = run(payload)
    assert isinstance(problem, Problem)
    assert (problem.reason, problem.field) == (RejectReason.PAYLOAD_TOO_LARGE, "payload")
    assert str(LIMIT + 1) in problem.detail
    assert str(LIMIT) in problem.detail


def test_a_payload_at_the_limit_is_decoded() -> None:
    body = orjson.dumps({"values": {"a": 1}})
    payload = body + b" " * (LIMIT - len(body))
    assert len(payload) == LIMIT
    assert run(payload) == [Record(0, RECEIVED, {"a": 1})]


@pytest.mark.parametrize("payload", [b"", b"{", b"not json", b'{"values": {"a": 1},}', b"\xff\xfe"])
def test_malformed_json(payload: bytes) -> None:
    assert [(p.reason, p.field) for p in run(payload) if isinstance(p, Problem)] == [
        (RejectReason.MALFORMED_JSON, "payload")
    ]


def test_an_empty_list() -> None:
    [problem] = run(b"[]")
    assert isinstance(problem, Problem)
    assert (problem.reason, problem.field) == (RejectReason.INVALID_STRUCTURE, "payload")


@pytest.mark.parametrize("payload", [b"42", b'"text"', b"null", b"true"])
def test_a_top_level_value_that_is_not_a_record(payload: bytes) -> None:
    [problem] = run(payload)
    assert isinstance(problem, Problem)
    assert (problem.reason, problem.field) == (RejectReason.INVALID_STRUCTURE, "payload")


def test_a_list_item_that_is_not_an_object_is_named_by_its_index() -> None:
    [good, bad] = run([{"values": {"a": 1}}, 5])
    assert good == Record(0, RECEIVED, {"a": 1})
    assert isinstance(bad, Problem)
    assert (bad.reason, bad.field) == (RejectReason.INVALID_STRUCTURE, "[1]")


@pytest.mark.parametrize(
    "record",
    [
        {"ts": RECEIVED},
        {"values": {}},
        {"values": None},
        {"values": [1, 2]},
        {"values": "flow=1"},
        {"value": {"flow": 1}},
    ],
)
def test_missing_or_empty_values(record: dict[str, object]) -> None:
    [problem] = run(record)
    assert isinstance(problem, Problem)
    assert (problem.reason, problem.field) == (RejectReason.INVALID_STRUCTURE, "values")
    [problem] = run([record])
    assert isinstance(problem, Problem)
    assert (problem.reason, problem.field) == (RejectReason.INVALID_STRUCTURE, "[0].values")


@pytest.mark.parametrize(
    "ts",
    [
        "yesterday",
        "2026-01-01T00:00:00",  # an ISO time without a zone is ambiguous
        "2026-01-01 08:00",
        "2026-13-01T00:00:00Z",
        "",
        True,
        False,
        [RECEIVED],
        {"ms": RECEIVED},
    ],
)
def test_bad_timestamps(ts: object) -> None:
    [problem] = run({"ts": ts, "values": {"a": 1}})
    assert isinstance(problem, Problem)
    assert (problem.reason, problem.field) == (RejectReason.BAD_TIMESTAMP, "ts")


def test_one_bad_record_does_not_hide_the_good_ones() -> None:
    payload = [
        {"ts": RECEIVED - 1, "values": {"a": 1}},
        {"ts": "2026-01-01T00:00:00", "values": {"a": 2}},
        "junk",
        {"values": {}},
        {"ts": RECEIVED - 5, "values": {"a": 5}},
    ]
    items = run(payload)
    assert items[0] == Record(0, RECEIVED - 1, {"a": 1})
    assert items[4] == Record(4, RECEIVED - 5, {"a": 5})
    assert [(p.reason, p.field) for p in items if isinstance(p, Problem)] == [
        (RejectReason.BAD_TIMESTAMP, "[1].ts"),
        (RejectReason.INVALID_STRUCTURE, "[2]"),
        (RejectReason.INVALID_STRUCTURE, "[3].values"),
    ]


# --- timestamps -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1_767_225_600_000, 1_767_225_600_000),
        (1_767_225_600_123.9, 1_767_225_600_123),  # fractions of a millisecond are dropped
        (0, 0),
        ("2026-01-01T00:00:00Z", 1_767_225_600_000),
        ("2026-01-01T00:00:00+00:00", 1_767_225_600_000),
        ("2026-01-01T08:00:00+08:00", 1_767_225_600_000),
        ("2025-12-31T19:00:00-05:00", 1_767_225_600_000),
        ("2026-01-01T00:00:00.5Z", 1_767_225_600_500),
        ("2026-01-01T00:00:00.123456+00:00", 1_767_225_600_123),
        ("1970-01-01T00:00:01Z", 1000),
    ],
)
def test_parse_ts(raw: object, expected: int) -> None:
    assert parse_ts(raw) == expected


@pytest.mark.parametrize("raw", [None, True, "2026-01-01T00:00:00", "soon", b"123", [1]])
def test_parse_ts_refuses(raw: object) -> None:
    assert parse_ts(raw) is None
