"""Payloads of the simulated devices."""

from __future__ import annotations

import orjson
import pytest

from longcheng.core.errors import InvalidInput
from longcheng.drivers.simulated.codec import decode_desired, encode_telemetry


def test_telemetry_carries_the_timestamp_and_the_values() -> None:
    payload = encode_telemetry(1_767_225_600_000, {"flow": 99.5, "running": True, "state": "loaded", "n": 3})
    assert orjson.loads(payload) == {
        "ts": 1_767_225_600_000,
        "values": {"flow": 99.5, "running": True, "state": "loaded", "n": 3},
    }


def test_desired_values_decode() -> None:
    payload = b'{"values": {"speed_setpoint": 1450, "running": false, "mode": "auto", "x": 1.5}}'
    assert decode_desired(payload) == {"speed_setpoint": 1450, "running": False, "mode": "auto", "x": 1.5}


def test_desired_extra_fields_are_ignored() -> None:
    assert decode_desired(b'{"version": 3, "values": {}}') == {}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (b"not json", "payload"),
        (b"", "payload"),
        (b"[1, 2]", "payload"),
        (b'"values"', "payload"),
        (b"{}", "values"),
        (b'{"values": [1]}', "values"),
        (b'{"values": 5}', "values"),
        (b'{"values": {"speed": null}}', "values.speed"),
        (b'{"values": {"speed": [1]}}', "values.speed"),
        (b'{"values": {"speed": {"v": 1}}}', "values.speed"),
    ],
)
def test_bad_desired_messages_name_the_field(payload: bytes, field: str) -> None:
    with pytest.raises(InvalidInput) as info:
        decode_desired(payload)
    assert info.value.field == field
