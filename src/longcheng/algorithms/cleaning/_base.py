"""Shared shapes of the cleaning algorithms: series that may have gaps (``None``), epoch-ms timestamps."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Annotated

import numpy as np
from numpy.typing import NDArray
from pydantic import Field, ValidationInfo, field_validator

from longcheng.algorithms._series import AlgoIn, AlgoOut, FiniteFloat

DOMAINS = ("production", "operations", "enterprise_management")
MaybeValues = Annotated[
    list[FiniteFloat | None], Field(min_length=1, description="the series; null marks a missing value")
]
Stamps = Annotated[list[int], Field(min_length=1, description="epoch milliseconds, one per value")]


def _match(stamps: list[int] | None, info: ValidationInfo) -> None:
    values = info.data.get("values")
    if stamps is not None and values is not None and len(stamps) != len(values):
        raise ValueError(f"{len(stamps)} timestamps for {len(values)} values")


class GappyIn(AlgoIn):
    """A series with possible gaps and optional strictly increasing timestamps."""

    values: MaybeValues
    timestamps: list[int] | None = Field(default=None, description="epoch milliseconds, one per value")

    @field_validator("timestamps")
    @classmethod
    def _increasing(cls, stamps: list[int] | None, info: ValidationInfo) -> list[int] | None:
        _match(stamps, info)
        if stamps is not None and any(b <= a for a, b in itertools.pairwise(stamps)):
            raise ValueError("timestamps must be strictly increasing")
        return stamps


class StampedIn(AlgoIn):
    """A time-stamped series in any order, duplicates allowed (raw data before cleaning)."""

    values: MaybeValues
    timestamps: Stamps

    @field_validator("timestamps")
    @classmethod
    def _same_length(cls, stamps: list[int], info: ValidationInfo) -> list[int]:
        _match(stamps, info)
        return stamps


class SeriesOut(AlgoOut):
    values: list[float | None]


def with_nan(values: Sequence[float | None]) -> NDArray[np.float64]:
    """The series as floats with NaN for each missing value."""
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def with_none(array: NDArray[np.float64]) -> list[float | None]:
    """NaN back to None, for an output field."""
    return [None if np.isnan(v) else float(v) for v in array.tolist()]


def runs(mask: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """(start, end) inclusive of each run of True in ``mask``."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(s), int(e) - 1) for s, e in zip(edges[::2], edges[1::2], strict=True)]


__all__ = [
    "DOMAINS",
    "GappyIn",
    "MaybeValues",
    "SeriesOut",
    "StampedIn",
    "Stamps",
    "runs",
    "with_nan",
    "with_none",
]
