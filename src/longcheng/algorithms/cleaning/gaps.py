"""Gaps in a series: interpolation (linear, time-weighted, PCHIP), forward/backward fill, missing report."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from scipy.interpolate import PchipInterpolator

from longcheng.algorithms._series import AlgoOut
from longcheng.algorithms.cleaning._base import DOMAINS, GappyIn, SeriesOut, runs, with_nan, with_none
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText

MaxGap = Annotated[int, Field(ge=1, le=10_000_000, description="longest run of missing samples to fill")]


class InterpolateIn(GappyIn):
    method: Literal["linear", "time", "pchip"] = Field(
        default="linear", description="linear in sample index, linear in time, or shape-preserving cubic"
    )
    max_gap: MaxGap | None = None

    @field_validator("method")
    @classmethod
    def _time_needs_stamps(cls, method: str, info: ValidationInfo) -> str:
        if method == "time" and info.data.get("timestamps") is None:
            raise ValueError("time interpolation needs timestamps")
        return method


class FilledOut(SeriesOut):
    filled: list[int] = Field(description="positions that were missing and now have a value")
    still_missing: int


def _fillable(y: NDArray[np.float64], max_gap: int | None, interior: bool) -> NDArray[np.bool_]:
    """Missing positions in runs no longer than ``max_gap`` (and, if ``interior``, not at either end)."""
    mask = np.zeros(y.size, dtype=bool)
    for start, end in runs(np.isnan(y)):
        if interior and (start == 0 or end == y.size - 1):
            continue
        if max_gap is None or end - start + 1 <= max_gap:
            mask[start : end + 1] = True
    return mask


def _filled_out(y: NDArray[np.float64], out: NDArray[np.float64], target: NDArray[np.bool_]) -> FilledOut:
    return FilledOut(
        values=with_none(out),
        filled=[int(i) for i in np.flatnonzero(target & ~np.isnan(out))],
        still_missing=int(np.isnan(out).sum()),
        diagnostics={"n": int(y.size), "missing": int(np.isnan(y).sum())},
    )


def interpolate_gaps(p: InterpolateIn) -> FilledOut:
    y = with_nan(p.values)
    x = (
        np.asarray(p.timestamps, dtype=np.float64)
        if p.method != "linear" and p.timestamps
        else np.arange(y.size)
    )
    known = ~np.isnan(y)
    target = _fillable(y, p.max_gap, interior=True)
    out = y.copy()
    if known.sum() >= 2 and target.any():
        if p.method == "pchip":
            out[target] = PchipInterpolator(x[known], y[known])(x[target])
        else:
            out[target] = np.interp(x[target], x[known], y[known])
    return _filled_out(y, out, target)


class FillIn(GappyIn):
    direction: Literal["forward", "backward"] = "forward"
    limit: MaxGap | None = None


def _forward(y: NDArray[np.float64], limit: int | None) -> NDArray[np.float64]:
    positions = np.arange(y.size)
    last = np.maximum.accumulate(np.where(np.isnan(y), -1, positions))
    usable = (last >= 0) & ((positions - last) <= (limit if limit is not None else y.size))
    return np.where(usable, y[np.maximum(last, 0)], np.nan)


def forward_fill(p: FillIn) -> FilledOut:
    y = with_nan(p.values)
    out = _forward(y, p.limit) if p.direction == "forward" else _forward(y[::-1], p.limit)[::-1]
    return _filled_out(y, out, np.isnan(y))


class ReportIn(GappyIn):
    expected_interval: (
        Annotated[
            float, Unit("ms", gt=0), Field(description="nominal sampling interval; median Δt if absent")
        ]
        | None
    ) = None


class Gap(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: int
    end: int = Field(description="last missing position (inclusive)")
    samples: int
    start_time: int | None = None
    end_time: int | None = None


class TimeGap(BaseModel):
    model_config = ConfigDict(frozen=True)

    after: int = Field(description="position of the sample before the gap")
    duration: Annotated[float, Unit("ms")]
    missing_samples: int = Field(description="round(Δt/interval) − 1")


class ReportOut(AlgoOut):
    count: int
    missing: int
    missing_fraction: float
    longest_gap: int = Field(description="longest run of null values, in samples")
    gaps: list[Gap]
    interval: Annotated[float, Unit("ms")] | None = Field(description="interval used for the time gaps")
    time_gaps: list[TimeGap] = Field(description="steps longer than 1.5 intervals: samples never recorded")


def _time_gaps(stamps: list[int], expected: float | None) -> tuple[float | None, list[TimeGap]]:
    if len(stamps) < 2:
        return expected, []
    steps = np.diff(np.asarray(stamps, dtype=np.float64))
    interval = expected if expected is not None else float(np.median(steps))
    return interval, [
        TimeGap(after=int(i), duration=float(steps[i]), missing_samples=int(np.rint(steps[i] / interval)) - 1)
        for i in np.flatnonzero(steps > 1.5 * interval)
    ]


def missing_report(p: ReportIn) -> ReportOut:
    y = with_nan(p.values)
    stamps = p.timestamps
    gaps = [
        Gap(
            start=s,
            end=e,
            samples=e - s + 1,
            start_time=stamps[s] if stamps else None,
            end_time=stamps[e] if stamps else None,
        )
        for s, e in runs(np.isnan(y))
    ]
    interval, time_gaps = _time_gaps(stamps, p.expected_interval) if stamps else (None, [])
    missing = int(np.isnan(y).sum())
    return ReportOut(
        count=int(y.size),
        missing=missing,
        missing_fraction=missing / y.size,
        longest_gap=max((g.samples for g in gaps), default=0),
        gaps=gaps,
        interval=interval,
        time_gaps=time_gaps,
        diagnostics={"n": int(y.size)},
    )


INTERPOLATE = ComputationSpec(
    name="cleaning.interpolate_gaps",
    title=LocalizedText(en="Gap interpolation (linear, time-weighted, PCHIP)", zh="缺失值插值补齐"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=InterpolateIn,
    outputs=FilledOut,
    func=interpolate_gaps,
    formula="interior gap between known (x₀, y₀) and (x₁, y₁): y = y₀ + (y₁ − y₀)(x − x₀)/(x₁ − x₀), "
    "x = sample index (linear) or timestamp (time); pchip: monotone piecewise-cubic Hermite; "
    "runs longer than max_gap and gaps at the ends stay missing",
    reference="Burden & Faires, Numerical Analysis, 9th ed., §3.1 (interpolation) and §3.4 (Hermite); "
    "Fritsch & Carlson (1980), SIAM J. Numer. Anal. 17(2):238-246; numpy.interp, scipy PchipInterpolator",
    examples=(
        Example(
            inputs={"values": [1, None, 3, None, None, 9]},
            expected={"values": [1, 2, 3, 5, 7, 9], "filled": [1, 3, 4], "still_missing": 0},
            source="by hand: 1 → 3 over one step gives 2; 3 → 9 over three steps gives 5, 7",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"values": [10, None, 40], "timestamps": [0, 1000, 3000], "method": "time"},
            expected={"values": [10, 20, 40]},
            source="by hand: 10 + (40 − 10)·1000/3000 = 20 (index-linear would give 25)",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"values": [1, None, 3, None, None, 9], "max_gap": 1},
            expected={"values": [1, 2, 3, None, None, 9], "still_missing": 2},
            source="by hand: the two-sample gap is longer than max_gap = 1 and stays missing",
            rel_tol=1e-12,
        ),
    ),
)

FORWARD_FILL = ComputationSpec(
    name="cleaning.forward_fill",
    title=LocalizedText(en="Forward / backward fill of missing values", zh="缺失值前向/后向填充"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=FillIn,
    outputs=FilledOut,
    func=forward_fill,
    formula="y_t ← y_s, s = the latest earlier (forward) or next later (backward) observed position, "
    "if t − s ≤ limit (sample-and-hold / last observation carried forward)",
    reference="Little & Rubin, Statistical Analysis with Missing Data, 3rd ed. (2019): last observation "
    "carried forward (LOCF)",
    examples=(
        Example(
            inputs={"values": [None, 1, None, None, 4, None], "limit": 1},
            expected={"values": [None, 1, 1, None, 4, 4], "filled": [2, 5], "still_missing": 2},
            source="by hand: each value is held for at most one missing sample; the leading gap has no "
            "earlier value",
        ),
        Example(
            inputs={"values": [None, 1, None, None, 4, None], "direction": "backward"},
            expected={"values": [1, 1, 4, 4, 4, None]},
            source="by hand: each gap takes the next observed value; the trailing gap has none",
        ),
    ),
)

MISSING_REPORT = ComputationSpec(
    name="cleaning.missing_report",
    title=LocalizedText(en="Missing-value and completeness report", zh="缺失值与数据完整性报告"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=ReportIn,
    outputs=ReportOut,
    func=missing_report,
    formula="missing fraction = nulls/N; gaps = maximal runs of nulls; time gaps: Δt > 1.5·interval "
    "(interval = nominal, or the median Δt) with round(Δt/interval) − 1 samples never recorded",
    reference="GB/T 36344-2018 信息技术 数据质量评价指标 (completeness); ISO 8000-8:2015 Data quality — "
    "information and data quality concepts and measuring",
    examples=(
        Example(
            inputs={"values": [1, None, None, 4, 5, None], "timestamps": [0, 1000, 2000, 3000, 5000, 6000]},
            expected={
                "missing": 3,
                "missing_fraction": 0.5,
                "longest_gap": 2,
                "gaps.0.end_time": 2000,
                "gaps.1.start": 5,
                "interval": 1000.0,
                "time_gaps.0.after": 3,
                "time_gaps.0.missing_samples": 1,
            },
            source="by hand: nulls at 1-2 and 5; steps 1000, 1000, 1000, 2000, 1000 ms (median 1000): "
            "the 2000 ms step after position 3 hides one sample",
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (INTERPOLATE, FORWARD_FILL, MISSING_REPORT)
