"""Time-series decomposition into trend, seasonal and remainder: classical (moving averages) and STL."""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import Field, ValidationInfo, field_validator
from statsmodels.tsa.seasonal import STL, seasonal_decompose

from longcheng.algorithms._series import AlgoIn, AlgoOut, Values, as_array, floats
from longcheng.algorithms.forecasting._base import FPP3, Period, finite_or_none, quietly
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.errors import InvalidInput
from longcheng.core.thing_model import LocalizedText

DOMAINS = ("operations", "production", "supply_chain")


class DecomposeIn(AlgoIn):
    values: Values
    period: Period

    @field_validator("period")
    @classmethod
    def _two_cycles(cls, period: int, info: ValidationInfo) -> int:
        values = info.data.get("values")
        if values is not None and len(values) < 2 * period:
            raise ValueError(f"the series needs at least two full periods (2 × {period} values)")
        return period


class ClassicalIn(DecomposeIn):
    model: Literal["additive", "multiplicative"] = "additive"


class StlIn(DecomposeIn):
    robust: bool = Field(default=False, description="downweight outliers (robustness iterations)")
    seasonal_window: int = Field(default=7, ge=3, le=10_001, description="odd length of the seasonal LOESS")

    @field_validator("seasonal_window")
    @classmethod
    def _odd(cls, window: int) -> int:
        if window % 2 == 0:
            raise ValueError("the seasonal window must be odd")
        return window


class DecomposeOut(AlgoOut):
    trend: list[float | None]
    seasonal: list[float]
    residual: list[float | None]
    seasonal_indices: list[float] = Field(description="the seasonal component of each phase 0 … m−1")
    trend_strength: float | None = Field(description="F_T = max(0, 1 − Var(R)/Var(T + R)), additive only")
    seasonal_strength: float | None = Field(description="F_S = max(0, 1 − Var(R)/Var(S + R)), additive only")


def _strength(component: NDArray[np.float64], residual: NDArray[np.float64]) -> float | None:
    keep = ~np.isnan(component) & ~np.isnan(residual)
    total = float(np.var(component[keep] + residual[keep]))
    if total == 0.0:
        return None
    return max(0.0, 1.0 - float(np.var(residual[keep])) / total)


def _out(
    trend: NDArray[np.float64],
    seasonal: NDArray[np.float64],
    resid: NDArray[np.float64],
    period: int,
    additive: bool,
    diagnostics: dict[str, float | int | str],
) -> DecomposeOut:
    return DecomposeOut(
        trend=finite_or_none(floats(trend)),
        seasonal=floats(seasonal),
        residual=finite_or_none(floats(resid)),
        seasonal_indices=floats(seasonal[:period]),
        trend_strength=_strength(trend, resid) if additive else None,
        seasonal_strength=_strength(seasonal, resid) if additive else None,
        diagnostics=diagnostics,
    )


def classical_decomposition(p: ClassicalIn) -> DecomposeOut:
    y = as_array(p.values)
    if p.model == "multiplicative" and np.any(y <= 0):
        raise InvalidInput("values", "a multiplicative decomposition needs positive values")
    res, caught = quietly(lambda: seasonal_decompose(y, model=p.model, period=p.period))
    diagnostics: dict[str, float | int | str] = {"n": int(y.size), "model": p.model, "warnings": caught}
    return _out(res.trend, res.seasonal, res.resid, p.period, p.model == "additive", diagnostics)


def stl_decomposition(p: StlIn) -> DecomposeOut:
    y = as_array(p.values)
    res, caught = quietly(lambda: STL(y, period=p.period, seasonal=p.seasonal_window, robust=p.robust).fit())
    diagnostics: dict[str, float | int | str] = {
        "n": int(y.size),
        "robust": str(p.robust),
        "warnings": caught,
    }
    return _out(res.trend, res.seasonal, res.resid, p.period, True, diagnostics)


_Y2 = [10, 14, 8, 12, 12, 17, 9, 13, 14, 19, 11, 16]
_STL_Y = [5 + 0.5 * t + (3, -1, -4, 2)[t % 4] for t in range(16)]

CLASSICAL = ComputationSpec(
    name="forecasting.classical_decomposition",
    title=LocalizedText(en="Classical seasonal decomposition", zh="经典季节分解（移动平均法）"),
    kind="algorithm",
    category="forecasting",
    domains=DOMAINS,
    inputs=ClassicalIn,
    outputs=DecomposeOut,
    func=classical_decomposition,
    formula="T̂_t = centred m-MA (2×m-MA for even m); detrended y_t − T̂_t (or y_t/T̂_t); Ŝ = phase means "
    "adjusted to sum to 0 (or m); R̂ = y − T̂ − Ŝ (or y/(T̂Ŝ))",
    reference=f"{FPP3} §3.4 (classical decomposition), §4.3 (strength of trend and seasonality); "
    "statsmodels.tsa.seasonal.seasonal_decompose",
    examples=(
        Example(
            inputs={"values": _Y2, "period": 4},
            expected={
                "trend.2": 11.25,
                "trend.3": 11.875,
                "trend.9": 14.625,
                "trend.0": None,
                "seasonal_indices": [-0.28125, 4.28125, -3.71875, -0.28125],
                "residual.2": 0.46875,
            },
            source="by hand: 2×4-MA at t = 3: (10/2 + 14 + 8 + 12 + 12/2)/4 = 11.25; phase means of y − T̂: "
            "−0.1875, 4.375, −3.625, −0.1875, minus their mean 0.09375; R̂₃ = 8 − 11.25 + 3.71875 = 0.46875",
            rel_tol=1e-12,
        ),
    ),
)

STL_SPEC = ComputationSpec(
    name="forecasting.stl_decomposition",
    title=LocalizedText(en="STL seasonal-trend decomposition (LOESS)", zh="STL季节趋势分解"),
    kind="algorithm",
    category="forecasting",
    domains=DOMAINS,
    inputs=StlIn,
    outputs=DecomposeOut,
    func=stl_decomposition,
    formula="inner loop: detrend → cycle-subseries LOESS → low-pass filter of the seasonal → deseasonalise → "
    "trend LOESS; outer loop: bisquare robustness weights from the remainder (robust = true)",
    reference="Cleveland, Cleveland, McRae & Terpenning (1990), STL: a seasonal-trend decomposition "
    f"procedure based on loess, J. Official Statistics 6(1):3-73; {FPP3} §3.6; statsmodels.tsa.seasonal.STL",
    examples=(
        Example(
            inputs={"values": _STL_Y, "period": 4},
            expected={
                "trend": [5 + 0.5 * t for t in range(16)],
                "seasonal_indices": [3, -1, -4, 2],
                "trend_strength": 1.0,
                "seasonal_strength": 1.0,
            },
            source="exact case: y = 5 + 0.5t + s_t with s = (3, −1, −4, 2) summing to 0. Local-linear LOESS "
            "reproduces a line, each cycle-subseries is constant and the low-pass filter removes a zero-sum "
            "period, so STL returns T = 5 + 0.5t, S = s, R = 0 and strengths 1 (Cleveland et al. 1990 §2)",
            rel_tol=1e-9,
            abs_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (CLASSICAL, STL_SPEC)
