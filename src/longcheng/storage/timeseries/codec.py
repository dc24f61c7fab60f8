"""Pure conversions between sample values and the (value, value_text, vtype) columns of SQL stores."""

from __future__ import annotations

from longcheng.core.samples import Quality, Value

QUALITY_CODES: dict[Quality, int] = {Quality.GOOD: 0, Quality.UNCERTAIN: 1, Quality.BAD: 2}
QUALITY_BY_CODE: dict[int, Quality] = {code: q for q, code in QUALITY_CODES.items()}


def encode_value(value: Value) -> tuple[float | None, str | None, int]:
    if isinstance(value, bool):
        return (1.0 if value else 0.0), None, 2
    if isinstance(value, int):
        return float(value), None, 1
    if isinstance(value, float):
        return value, None, 0
    return None, value, 3


def decode_value(value: float | None, text: str | None, vtype: int) -> Value:
    if vtype == 3:
        return text or ""
    number = value if value is not None else 0.0
    if vtype == 2:
        return number != 0.0
    if vtype == 1:
        return int(number)
    return number


__all__ = ["QUALITY_BY_CODE", "QUALITY_CODES", "decode_value", "encode_value"]
