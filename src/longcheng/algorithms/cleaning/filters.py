"""Smoothing and detrending: moving average / median, Savitzky-Golay, linear or constant detrend (SciPy)."""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from pydantic import Field, ValidationInfo, field_validator
from scipy import signal

from longcheng.algorithms._series import AlgoIn, AlgoOut, Values, as_array, floats
from longcheng.algorithms.cleaning._base import DOMAINS
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText


class SmoothIn(AlgoIn):
    values: Values
    method: Literal["mean", "median"] = "mean"
    window: int = Field(default=5, ge=1, le=100_001, description="samples in the window")
    center: bool = Field(default=True, description="centred window; otherwise trailing (causal)")


class FilteredOut(AlgoOut):
    values: list[float]


def smooth(p: SmoothIn) -> FilteredOut:
    y = as_array(p.values)
    w = p.window
    left = w // 2 if p.center else w - 1
    padded = np.concatenate([np.full(left, np.nan), y, np.full(w - 1 - left, np.nan)])
    windows = sliding_window_view(padded, w)
    out = np.nanmean(windows, axis=1) if p.method == "mean" else np.nanmedian(windows, axis=1)
    return FilteredOut(values=floats(out), diagnostics={"n": int(y.size), "window": w, "method": p.method})


class SavgolIn(AlgoIn):
    values: Values
    window: int = Field(
        default=5,
        ge=3,
        le=100_001,
        validate_default=True,
        description="odd number of samples in each local fit",
    )
    polyorder: int = Field(
        default=2, ge=0, le=10, validate_default=True, description="degree of the local polynomial (< window)"
    )
    deriv: int = Field(default=0, ge=0, le=4, description="0: smoothed values; k: k-th derivative")
    spacing: float = Field(default=1.0, gt=0, le=1e12, description="sample spacing, for derivatives")

    @field_validator("window")
    @classmethod
    def _odd_within(cls, window: int, info: ValidationInfo) -> int:
        values = info.data.get("values")
        if window % 2 == 0:
            raise ValueError("the window must be odd")
        if values is not None and window > len(values):
            raise ValueError(f"the window ({window}) is longer than the series")
        return window

    @field_validator("polyorder")
    @classmethod
    def _below_window(cls, order: int, info: ValidationInfo) -> int:
        window = info.data.get("window")
        if window is not None and order >= window:
            raise ValueError("polyorder must be less than the window")
        return order


def savitzky_golay(p: SavgolIn) -> FilteredOut:
    y = as_array(p.values)
    out = signal.savgol_filter(y, p.window, p.polyorder, deriv=p.deriv, delta=p.spacing, mode="interp")
    return FilteredOut(values=floats(out), diagnostics={"n": int(y.size), "window": p.window})


class DetrendIn(AlgoIn):
    values: Values
    kind: Literal["linear", "constant"] = Field(
        default="linear", description="remove a fitted line, or the mean"
    )


class DetrendOut(FilteredOut):
    trend: list[float]
    slope: float = Field(description="per sample")
    intercept: float = Field(description="trend value at the first sample")


def detrend(p: DetrendIn) -> DetrendOut:
    y = as_array(p.values)
    residual = signal.detrend(y, type=p.kind)
    trend = y - residual
    slope = float(trend[1] - trend[0]) if p.kind == "linear" else 0.0
    return DetrendOut(
        values=floats(residual),
        trend=floats(trend),
        slope=slope,
        intercept=float(trend[0]),
        diagnostics={"n": int(y.size), "kind": p.kind},
    )


SMOOTH = ComputationSpec(
    name="cleaning.moving_smooth",
    title=LocalizedText(en="Moving-average / moving-median smoothing", zh="滑动平均/滑动中值滤波"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=SmoothIn,
    outputs=FilteredOut,
    func=smooth,
    formula="y'_t = mean (or median) of the window around t (centred: t − ⌊w/2⌋ … t + w − 1 − ⌊w/2⌋; "
    "trailing: t − w + 1 … t); near the ends the window holds only the samples that exist",
    reference="NIST/SEMATECH e-Handbook §6.4.2 (moving average smoothing); Tukey, Exploratory Data "
    "Analysis (1977), ch. 7 (running medians)",
    examples=(
        Example(
            inputs={"values": [1, 2, 3, 10, 5], "window": 3},
            expected={"values": [1.5, 2, 5, 6, 7.5]},
            source="by hand: (1 + 2)/2, (1 + 2 + 3)/3, (2 + 3 + 10)/3, (3 + 10 + 5)/3, (10 + 5)/2",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"values": [1, 2, 3, 10, 5], "window": 3, "method": "median"},
            expected={"values": [1.5, 2, 3, 5, 7.5]},
            source="by hand: medians of {1,2}, {1,2,3}, {2,3,10}, {3,10,5}, {10,5}: the spike 10 is removed",
            rel_tol=1e-12,
        ),
    ),
)

SAVGOL = ComputationSpec(
    name="cleaning.savitzky_golay",
    title=LocalizedText(en="Savitzky-Golay smoothing filter", zh="Savitzky-Golay平滑滤波"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=SavgolIn,
    outputs=FilteredOut,
    func=savitzky_golay,
    formula="least-squares polynomial of degree k over each window of 2m + 1 samples, evaluated (or "
    "differentiated) at the centre: a fixed convolution; e.g. m = 2, k = 2: (−3, 12, 17, 12, −3)/35",
    reference="Savitzky & Golay (1964), Anal. Chem. 36(8):1627-1639, Table I; scipy.signal.savgol_filter",
    examples=(
        Example(
            inputs={"values": [1, 2, 3, 10, 5, 6, 7], "window": 5, "polyorder": 2},
            expected={"values.2": 177 / 35, "values.3": 242 / 35, "values.4": 247 / 35},
            source="Savitzky & Golay Table I (quadratic, 5 points: −3, 12, 17, 12, −3; norm 35): "
            "(−3 + 24 + 51 + 120 − 15)/35, (−6 + 36 + 170 + 60 − 18)/35, (−9 + 120 + 85 + 72 − 21)/35",
            rel_tol=1e-12,
        ),
    ),
)

DETREND = ComputationSpec(
    name="cleaning.detrend",
    title=LocalizedText(en="Detrend (remove linear trend or mean)", zh="去趋势处理"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=DetrendIn,
    outputs=DetrendOut,
    func=detrend,
    formula="linear: r_t = y_t − (a + b·t) with (a, b) the least-squares line over t = 0 … n − 1; "
    "constant: r_t = y_t − ȳ",
    reference="Bendat & Piersol, Random Data: Analysis and Measurement Procedures, 4th ed. (2010), ch. 11 "
    "(data preparation: trend removal); scipy.signal.detrend",
    examples=(
        Example(
            inputs={"values": [1, 3, 2, 5, 4]},
            expected={"slope": 0.8, "intercept": 1.4, "values": [-0.4, 0.8, -1.0, 1.2, -0.6]},
            source="by hand: t̄ = 2, ȳ = 3, Sty = 8, Stt = 10 → b = 0.8, a = 3 − 1.6 = 1.4; "
            "trend 1.4, 2.2, 3.0, 3.8, 4.6",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (SMOOTH, SAVGOL, DETREND)
