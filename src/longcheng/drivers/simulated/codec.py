"""Payloads of the simulated devices, free of I/O.

Telemetry a device publishes: ``{"ts": <epoch ms>, "values": {"<property>": <value>, ...}}``.
Desired values the platform publishes to a device: ``{"values": {"<property>": <value>, ...}}``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import orjson

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value


def encode_telemetry(ts_ms: int, values: Mapping[str, Value]) -> bytes:
    return orjson.dumps({"ts": ts_ms, "values": dict(values)})


def decode_desired(payload: bytes) -> dict[str, Value]:
    """The desired values of a message; raises InvalidInput naming the offending field."""
    try:
        message = orjson.loads(payload)
    except orjson.JSONDecodeError as err:
        raise InvalidInput("payload", f"not valid JSON: {err}") from err
    if not isinstance(message, dict):
        raise InvalidInput("payload", "expected a JSON object")
    values = message.get("values")
    if not isinstance(values, dict):
        raise InvalidInput("values", "expected an object of property names to values")
    for name, value in values.items():
        if not isinstance(value, bool | int | float | str):
            raise InvalidInput(f"values.{name}", "expected a number, true/false or a string")
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidInput(f"values.{name}", "expected a finite number")
    return values


__all__ = ["decode_desired", "encode_telemetry"]
