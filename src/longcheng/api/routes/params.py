"""Query parameters shared by routes: paging, times and intervals."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Query

from longcheng.core.errors import InvalidInput
from longcheng.ingest.decode import parse_ts

Limit = Annotated[int, Query(ge=1, le=1000, description="page size")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]

_UNITS_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000}
_INTERVAL = re.compile(r"^(\d+)(ms|s|m|h|d)?$")


def parse_time(field: str, raw: str | None) -> int | None:
    """Epoch milliseconds or ISO 8601 with a zone."""
    if raw is None or raw == "":
        return None
    value = parse_ts(int(raw)) if raw.lstrip("-").isdigit() else parse_ts(raw)
    if value is None:
        raise InvalidInput(field, "epoch milliseconds or an ISO 8601 time with a zone")
    return value


def parse_interval(raw: str | None) -> int | None:
    """``500ms``, ``30s``, ``5m``, ``1h``, ``1d`` or plain milliseconds."""
    if raw is None or raw == "":
        return None
    match = _INTERVAL.match(raw.strip())
    if match is None or int(match.group(1)) == 0:
        raise InvalidInput("interval", "a positive duration such as 30s, 5m, 1h or 1d")
    return int(match.group(1)) * _UNITS_MS[match.group(2) or "ms"]


__all__ = ["Limit", "Offset", "parse_interval", "parse_time"]
