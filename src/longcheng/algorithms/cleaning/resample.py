"""Time alignment: resampling to a fixed interval with aggregation, and de-duplication by timestamp."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import Field, ValidationInfo, field_validator

from longcheng.algorithms.cleaning._base import DOMAINS, SeriesOut, StampedIn, with_nan, with_none
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText

MAX_BINS = 1_000_000
Aggregation = Literal["mean", "sum", "min", "max", "first", "last", "median", "count"]


class ResampleIn(StampedIn):
    interval: Annotated[float, Unit("ms", gt=0), Field(description="bin width")]
    aggregation: Aggregation = "mean"
    origin: Literal["epoch", "start"] = Field(
        default="epoch",
        description="bins aligned to multiples of the interval since 1970, or to the first sample",
    )

    @field_validator("interval")
    @classmethod
    def _not_too_many_bins(cls, interval: float, info: ValidationInfo) -> float:
        stamps = info.data.get("timestamps")
        if stamps and (max(stamps) - min(stamps)) / interval > MAX_BINS:
            raise ValueError(f"more than {MAX_BINS} bins: choose a longer interval")
        return interval


class ResampledOut(SeriesOut):
    timestamps: list[int] = Field(description="start of each bin, epoch ms")
    counts: list[int] = Field(description="observed (non-null) values in each bin")


def _aggregate(values: NDArray[np.float64], how: str) -> float:
    if how == "count":
        return float(values.size)
    if values.size == 0:
        return float("nan")
    if how == "first":
        return float(values[0])
    if how == "last":
        return float(values[-1])
    return float(getattr(np, how)(values))  # mean, sum, min, max, median


def resample(p: ResampleIn) -> ResampledOut:
    t = np.asarray(p.timestamps, dtype=np.float64)
    y = with_nan(p.values)
    order = np.argsort(t, kind="stable")
    t, y = t[order], y[order]
    origin = t[0] if p.origin == "start" else 0.0
    bins = np.floor((t - origin) / p.interval).astype(np.int64)
    first, last = int(bins[0]), int(bins[-1])
    out = np.full(last - first + 1, 0.0 if p.aggregation == "count" else np.nan)
    counts = np.zeros(last - first + 1, dtype=np.int64)
    occupied, start = np.unique(bins, return_index=True)
    for b, group in zip(occupied, np.split(y, start[1:]), strict=True):
        observed = group[~np.isnan(group)]
        counts[b - first] = observed.size
        out[b - first] = _aggregate(observed, p.aggregation)
    return ResampledOut(
        timestamps=[round(origin + b * p.interval) for b in range(first, last + 1)],
        values=with_none(out),
        counts=[int(c) for c in counts],
        diagnostics={"n": int(t.size), "bins": last - first + 1, "aggregation": p.aggregation},
    )


class DeduplicateIn(StampedIn):
    keep: Literal["first", "last", "mean", "min", "max"] = Field(
        default="last", description="which of the values sharing a timestamp survives"
    )


class DeduplicatedOut(SeriesOut):
    timestamps: list[int] = Field(description="unique timestamps, ascending")
    removed: int = Field(description="rows dropped as duplicates")


def deduplicate(p: DeduplicateIn) -> DeduplicatedOut:
    t = np.asarray(p.timestamps, dtype=np.int64)
    y = with_nan(p.values)
    order = np.argsort(t, kind="stable")
    unique, start = np.unique(t[order], return_index=True)
    groups = np.split(y[order], start[1:])
    how = p.keep
    kept = [
        g[0] if how == "first" else g[-1] if how == "last" else _aggregate(g[~np.isnan(g)], how)
        for g in groups
    ]
    return DeduplicatedOut(
        timestamps=[int(v) for v in unique],
        values=with_none(np.asarray(kept, dtype=np.float64)),
        removed=int(t.size - unique.size),
        diagnostics={"n": int(t.size), "keep": how},
    )


RESAMPLE = ComputationSpec(
    name="cleaning.resample",
    title=LocalizedText(en="Resample to a fixed interval with aggregation", zh="等间隔重采样与聚合"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=ResampleIn,
    outputs=ResampledOut,
    func=resample,
    formula="bin k = ⌊(t − origin)/Δ⌋ covers [origin + kΔ, origin + (k + 1)Δ); value = aggregate of the "
    "non-null samples in the bin (mean, sum, min, max, first, last, median, count); empty bins are null "
    "(count: 0)",
    reference="IEC 62541-13 (OPC UA Part 13: Aggregates — Average, Minimum, Maximum, Count, Start, End over "
    "processing intervals); pandas.DataFrame.resample semantics (left-closed, left-labelled bins)",
    examples=(
        Example(
            inputs={
                "timestamps": [0, 20_000, 40_000, 60_000, 90_000, 130_000],
                "values": [1, 2, 3, 4, 5, None],
                "interval": 60_000,
            },
            expected={"timestamps": [0, 60_000, 120_000], "values": [2.0, 4.5, None], "counts": [3, 2, 0]},
            source="by hand: minute bins [0, 60 s) → mean(1, 2, 3) = 2; [60 s, 120 s) → mean(4, 5) = 4.5; "
            "[120 s, 180 s) holds only a null",
            rel_tol=1e-12,
        ),
    ),
)

DEDUPLICATE = ComputationSpec(
    name="cleaning.deduplicate",
    title=LocalizedText(en="De-duplicate by timestamp", zh="按时间戳去重排序"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=DeduplicateIn,
    outputs=DeduplicatedOut,
    func=deduplicate,
    formula="sort by timestamp (stable); collapse the rows sharing a timestamp to the first, last, mean, "
    "min or max",
    reference="ISO 8000-8:2015 (uniqueness of data records); GB/T 36344-2018 信息技术 数据质量评价指标 "
    "(uniqueness / 唯一性)",
    examples=(
        Example(
            inputs={"timestamps": [0, 1000, 1000, 2000, 1000], "values": [1, 2, 3, 4, 5], "keep": "mean"},
            expected={"timestamps": [0, 1000, 2000], "values": [1, 10 / 3, 4], "removed": 2},
            source="by hand: three rows at 1000 ms (2, 3, 5) → mean 10/3",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"timestamps": [0, 1000, 1000, 2000, 1000], "values": [1, 2, 3, 4, 5], "keep": "last"},
            expected={"values": [1, 5, 4]},
            source="by hand: the last row at 1000 ms in input order holds 5",
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (RESAMPLE, DEDUPLICATE)
