"""JSON documents, JSONPath addresses and values of the HTTP driver, free of I/O.

A point's address is a JSONPath into the JSON document the device serves or pushes, in jsonpath-ng's
extended syntax: ``$.readings.flow``, ``$.meters[0].power``, ``$.items[?(@.id == "t1")].value``. It must
match exactly one value; no match or several give a Bad reading. JSON values become the point's
``data_type``: numbers (and numeric strings, as many devices send them) for the numeric types, checked
against the type's range; ``true``/``false`` (also ``0``/``1``, ``"on"``/``"off"``) for ``bool``; any
scalar for ``string``. A timestamp found by ``ts_path`` is epoch seconds or milliseconds (numbers below
1e11 count as seconds) or ISO 8601 text (UTC unless it says otherwise). A point's ``options`` may hold
``url`` (the endpoint it is read from, relative to the configured one) and ``write_url`` (its own write URL
template); other options are refused.
"""

from __future__ import annotations

import math
import secrets
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import orjson
from jsonpath_ng.exceptions import JSONPathError
from jsonpath_ng.ext.parser import parse as parse_jsonpath

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Quality, Value
from longcheng.drivers.base import PointRejected, PointSpec, RawType, Reading

EXAMPLE = "e.g. $.readings.flow or $.meters[0].power"
FLOAT32_MAX = 3.4028234663852886e38
OPTIONS = frozenset({"url", "write_url"})
SECONDS_BELOW = 1e11  # an epoch timestamp below this is in seconds (1e11 s is the year 5138)
INT_LIMITS: dict[RawType, tuple[int, int]] = {
    RawType.INT16: (-(2**15), 2**15 - 1),
    RawType.UINT16: (0, 2**16 - 1),
    RawType.INT32: (-(2**31), 2**31 - 1),
    RawType.UINT32: (0, 2**32 - 1),
    RawType.INT64: (-(2**63), 2**63 - 1),
    RawType.UINT64: (0, 2**64 - 1),
}
TRUE, FALSE = frozenset({"true", "on", "1", "yes"}), frozenset({"false", "off", "0", "no"})
ZERO: dict[RawType, Value] = {
    **dict.fromkeys(RawType, 0),
    RawType.BOOL: False,
    RawType.FLOAT32: 0.0,
    RawType.FLOAT64: 0.0,
    RawType.STRING: "",
}


@lru_cache(maxsize=4096)
def _compiled(text: str) -> Any:
    return parse_jsonpath(text)


def compile_path(field: str, text: str) -> Any:
    """The compiled JSONPath (cached: parsing is slow); ``PointRejected`` naming ``field`` if not one."""
    try:
        return _compiled(text)
    except (JSONPathError, ValueError, TypeError, AttributeError) as err:
        raise PointRejected(field, f"{text!r} is not a JSONPath ({err}); {EXAMPLE}") from err


def lookup(field: str, path: str, document: Any) -> Any:
    """The one JSON value ``path`` matches in ``document``."""
    matches = [match.value for match in compile_path(field, path).find(document)]
    if len(matches) != 1:
        found = "nothing" if not matches else f"{len(matches)} values"
        raise PointRejected(field, f"{path} matches {found} in the document; it must match one value")
    return matches[0]


def parse_document(body: bytes) -> Any:
    """A JSON document; ``InvalidInput`` naming ``payload`` if it is not JSON."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as err:
        raise InvalidInput("payload", f"not JSON: {err}") from err


def _number(field: str, raw: Any, lenient: bool) -> int | float:
    if isinstance(raw, str) and lenient:
        try:
            return int(raw.strip())
        except ValueError:
            try:
                return float(raw.strip())
            except ValueError:
                raise PointRejected(field, f"{raw!r} is not a number") from None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise PointRejected(field, f"{raw!r} is not a number")
    return raw


def check(point: PointSpec, value: Any, *, lenient: bool = True) -> Value:
    """``value`` as the point's data type, in its range; ``PointRejected`` naming the point if it is not.
    ``lenient`` (for what devices send) also takes numbers and booleans as text and scalars as strings."""
    if point.data_type is RawType.BOOL:
        return _boolean(point.name, value, lenient)
    if point.data_type is RawType.STRING:
        return _text(point.name, value, lenient)
    return _numeric(point, value, lenient)


def _boolean(field: str, value: Any, lenient: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if lenient and isinstance(value, str) and value.strip().lower() in TRUE | FALSE:
        return value.strip().lower() in TRUE
    raise PointRejected(field, f"{value!r} is not true or false")


def _text(field: str, value: Any, lenient: bool) -> str:
    if isinstance(value, str):
        return value
    if not lenient or value is None or isinstance(value, dict | list):
        raise PointRejected(field, f"{value!r} is not text")
    return orjson.dumps(value).decode()


def _numeric(point: PointSpec, value: Any, lenient: bool) -> int | float:
    kind, field = point.data_type, point.name
    number = _number(field, value, lenient)
    if kind in (RawType.FLOAT32, RawType.FLOAT64):
        if not math.isfinite(number):
            raise PointRejected(field, f"{value!r} is not a finite number")
        if kind is RawType.FLOAT32 and abs(number) > FLOAT32_MAX:
            raise PointRejected(field, f"{value!r} is outside the range of float32")
        return float(number)
    if isinstance(number, float) and not number.is_integer():
        raise PointRejected(field, f"{value!r} is not a whole number")
    low, high = INT_LIMITS[kind]
    if not low <= number <= high:
        raise PointRejected(field, f"{value!r} is outside the range of {kind.value} ({low} to {high})")
    return int(number)


def check_options(point: PointSpec) -> None:
    """Refuse options the driver does not know (a typo would otherwise be ignored)."""
    unknown = sorted(set(point.options) - OPTIONS)
    if unknown:
        raise PointRejected(point.name, f"unknown options {unknown}; known: {sorted(OPTIONS)}")


def extract(point: PointSpec, document: Any) -> Value:
    """The point's value in a document; ``PointRejected`` if it is missing or not of the point's type."""
    return check(point, lookup(point.name, point.address, document))


def bad(point: PointSpec, ts_ms: int) -> Reading:
    return Reading(point.name, ZERO[point.data_type], ts_ms, Quality.BAD)


def timestamp_ms(document: Any, ts_path: str | None, now_ms: int) -> int:
    """The device's timestamp of a document found by ``ts_path``, else ``now_ms``."""
    if ts_path is None:
        return now_ms
    try:
        raw = lookup("ts_path", ts_path, document)
    except PointRejected:
        return now_ms
    if isinstance(raw, int | float) and not isinstance(raw, bool) and math.isfinite(raw):
        return int(raw * 1000 if abs(raw) < SECONDS_BELOW else raw)
    if isinstance(raw, str):
        try:
            stamp = datetime.fromisoformat(raw.strip())
        except ValueError:
            return now_ms
        return int((stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).timestamp() * 1000)
    return now_ms


def write_target(template: str, point: PointSpec) -> str:
    """The URL a write of ``point`` goes to: ``{name}`` in the template is the point's (quoted) name."""
    return str(point.options.get("write_url", template)).replace("{name}", quote(point.name, safe=""))


def write_body(key: str | None, point: PointSpec, value: Value) -> bytes:
    """The JSON body of a write: ``{key: value}``, or the bare value without a key."""
    checked = check(point, value, lenient=False)
    return orjson.dumps(checked if key is None else {key: checked})


def token_matches(expected: str, authorization: str | None, device_token: str | None) -> bool:
    """Whether a request presents ``expected`` as a bearer token or an ``X-Device-Token`` header."""
    scheme, _, presented = (authorization or "").partition(" ")
    if scheme.lower() != "bearer":
        presented = device_token or ""
    return secrets.compare_digest(presented.strip().encode(), expected.encode())


__all__ = [
    "EXAMPLE",
    "INT_LIMITS",
    "OPTIONS",
    "ZERO",
    "bad",
    "check",
    "check_options",
    "compile_path",
    "extract",
    "lookup",
    "parse_document",
    "timestamp_ms",
    "token_matches",
    "write_body",
    "write_target",
]
