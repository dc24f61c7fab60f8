"""Benchmark forecasts (FPP3 §5.2, §5.5): naive, seasonal naive, drift, moving average, linear trend."""

from __future__ import annotations

import math

import numpy as np
import statsmodels.api as sm
from pydantic import Field, ValidationInfo, field_validator

from longcheng.algorithms._series import as_array, floats
from longcheng.algorithms.forecasting._base import (
    FPP3,
    IntervalIn,
    IntervalOut,
    Period,
    normal_bounds,
    quietly,
)
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

DOMAINS = ("operations", "production", "supply_chain")


def _sigma(residuals: np.ndarray, estimated: int = 0) -> float:
    """σ̂ = √(Σe² / (T − K − M)): the residuals given exclude the M missing ones (FPP3 §5.5)."""
    return math.sqrt(float(np.sum(residuals**2)) / (residuals.size - estimated))


def _interval_out(p: IntervalIn, forecast: list[float], sigma: float, widths: list[float]) -> IntervalOut:
    sigmas = [sigma * w for w in widths]
    lower, upper = normal_bounds(forecast, sigmas, p.level)
    return IntervalOut(
        forecast=forecast,
        lower=lower,
        upper=upper,
        sigma=sigma,
        diagnostics={"n": len(p.values), "horizon": p.horizon, "level": p.level},
    )


def naive(p: IntervalIn) -> IntervalOut:
    y = as_array(p.values)
    h = np.arange(1, p.horizon + 1)
    return _interval_out(p, [float(y[-1])] * p.horizon, _sigma(np.diff(y)), floats(np.sqrt(h)))


class SeasonalIn(IntervalIn):
    period: Period

    @field_validator("period")
    @classmethod
    def _shorter_than_series(cls, period: int, info: ValidationInfo) -> int:
        values = info.data.get("values")
        if values is not None and len(values) <= period:
            raise ValueError(f"the series needs more than one period ({period}) of values")
        return period


def seasonal_naive(p: SeasonalIn) -> IntervalOut:
    y, m = as_array(p.values), p.period
    h = np.arange(1, p.horizon + 1)
    k = (h - 1) // m
    forecast = y[y.size + h - m * (k + 1) - 1]
    return _interval_out(p, floats(forecast), _sigma(y[m:] - y[:-m]), floats(np.sqrt(k + 1)))


def drift(p: IntervalIn) -> IntervalOut:
    y = as_array(p.values)
    t = y.size
    slope = (y[-1] - y[0]) / (t - 1)
    h = np.arange(1, p.horizon + 1)
    sigma = _sigma(np.diff(y) - slope, estimated=1)
    return _interval_out(p, floats(y[-1] + h * slope), sigma, floats(np.sqrt(h * (1 + h / (t - 1)))))


class MovingAverageIn(IntervalIn):
    window: int = Field(
        default=3, ge=2, le=10_000, validate_default=True, description="number of latest values averaged"
    )

    @field_validator("window")
    @classmethod
    def _within_series(cls, window: int, info: ValidationInfo) -> int:
        values = info.data.get("values")
        if values is not None and len(values) < window:
            raise ValueError(f"the window ({window}) is longer than the series")
        return window


def moving_average(p: MovingAverageIn) -> IntervalOut:
    recent = as_array(p.values)[-p.window :]
    sigma = float(np.std(recent, ddof=1))
    widths = [math.sqrt(1 + 1 / p.window)] * p.horizon
    return _interval_out(p, [float(recent.mean())] * p.horizon, sigma, widths)


class TrendOut(IntervalOut):
    intercept: float
    slope: float
    r_squared: float


def linear_trend(p: IntervalIn) -> TrendOut:
    y = as_array(p.values)
    t = np.arange(1.0, y.size + 1)
    fit, caught = quietly(lambda: sm.OLS(y, sm.add_constant(t)).fit())
    future = np.arange(y.size + 1.0, y.size + p.horizon + 1)
    frame = fit.get_prediction(np.column_stack([np.ones_like(future), future])).summary_frame(
        alpha=1 - p.level
    )
    return TrendOut(
        forecast=floats(frame["mean"]),
        lower=floats(frame["obs_ci_lower"]),
        upper=floats(frame["obs_ci_upper"]),
        sigma=math.sqrt(float(fit.scale)),
        intercept=float(fit.params[0]),
        slope=float(fit.params[1]),
        r_squared=float(fit.rsquared),
        diagnostics={"n": int(y.size), "df_resid": float(fit.df_resid), "warnings": caught},
    )


NAIVE = ComputationSpec(
    name="forecasting.naive",
    title=LocalizedText(en="Naive (random-walk) forecast", zh="朴素预测（随机游走）"),
    kind="algorithm",
    category="forecasting",
    domains=DOMAINS,
    inputs=IntervalIn,
    outputs=IntervalOut,
    func=naive,
    formula="ŷ_{T+h|T} = y_T; σ̂² = Σe_t²/(T − 1), e_t = y_t − y_{t−1}; σ̂_h = σ̂·√h; interval ŷ ± z·σ̂_h",
    reference=f"{FPP3} §5.2 (naïve method), §5.5 Table 5.2",
    examples=(
        Example(
            inputs={"values": [10, 12, 11, 13, 14, 13, 15], "horizon": 3},
            expected={
                "forecast": [15, 15, 15],
                "sigma": 1.5811388,
                "upper.0": 18.0989752,
                "lower.2": 9.6324176,
            },
            source="by hand: e = 2, −1, 2, 1, −1, 2, Σe² = 15, σ̂ = √(15/6) = 1.5811; "
            "95 %: 15 + 1.959964·1.5811 = 18.0990; h = 3: 15 − 1.959964·1.5811·√3 = 9.6324",
            rel_tol=1e-7,
        ),
    ),
)

SEASONAL_NAIVE = ComputationSpec(
    name="forecasting.seasonal_naive",
    title=LocalizedText(en="Seasonal naive forecast", zh="季节朴素预测"),
    kind="algorithm",
    category="forecasting",
    domains=DOMAINS,
    inputs=SeasonalIn,
    outputs=IntervalOut,
    func=seasonal_naive,
    formula="ŷ_{T+h|T} = y_{T+h−m(k+1)}, k = ⌊(h − 1)/m⌋; σ̂² = Σ(y_t − y_{t−m})²/(T − m); σ̂_h = σ̂·√(k + 1)",
    reference=f"{FPP3} §5.2 (seasonal naïve method), §5.5 Table 5.2",
    examples=(
        Example(
            inputs={"values": [12, 8, 14, 10, 13, 9, 15, 11], "horizon": 5, "period": 4},
            expected={
                "forecast": [13, 9, 15, 11, 13],
                "sigma": 1.0,
                "upper.4": 15.7718076,
                "upper.3": 12.959964,
            },
            source="by hand: last season 13, 9, 15, 11 repeated; y_t − y_{t−4} = 1, 1, 1, 1 → σ̂ = 1; "
            "h = 5 (k = 1): 13 + 1.959964·√2 = 15.7718",
            rel_tol=1e-7,
        ),
    ),
)

DRIFT = ComputationSpec(
    name="forecasting.drift",
    title=LocalizedText(en="Drift forecast", zh="漂移法预测"),
    kind="algorithm",
    category="forecasting",
    domains=DOMAINS,
    inputs=IntervalIn,
    outputs=IntervalOut,
    func=drift,
    formula="ŷ_{T+h|T} = y_T + h·(y_T − y_1)/(T − 1); σ̂² = Σ(Δy_t − c)²/(T − 2); σ̂_h = σ̂·√(h(1 + h/(T − 1)))",
    reference=f"{FPP3} §5.2 (drift method), §5.5 Table 5.2",
    examples=(
        Example(
            inputs={"values": [10, 12, 11, 13, 14, 13, 16], "horizon": 2},
            expected={"forecast": [17, 18], "sigma": 1.6733201, "upper.0": 20.5424237},
            source="by hand: c = (16 − 10)/6 = 1; e = Δy − 1 = 1, −2, 1, 0, −2, 2, Σe² = 14, σ̂ = √(14/5); "
            "h = 1: 17 + 1.959964·1.67332·√(7/6) = 20.5424",
            rel_tol=1e-7,
        ),
    ),
)

MOVING_AVERAGE = ComputationSpec(
    name="forecasting.moving_average",
    title=LocalizedText(en="Moving-average forecast", zh="移动平均预测"),
    kind="algorithm",
    category="forecasting",
    domains=DOMAINS,
    inputs=MovingAverageIn,
    outputs=IntervalOut,
    func=moving_average,
    formula="ŷ_{T+h|T} = (y_T + … + y_{T−k+1})/k; σ̂ = sample s.d. of those k values; σ̂_h = σ̂·√(1 + 1/k)",
    reference=f"{FPP3} §5.2 (mean method applied to the last k observations), §5.5 Table 5.2",
    examples=(
        Example(
            inputs={"values": [10, 12, 11, 13, 14, 13, 15], "horizon": 2, "window": 3},
            expected={"forecast": [14, 14], "sigma": 1.0, "upper.1": 16.2631715},
            source="by hand: mean(14, 13, 15) = 14, s = 1; 14 + 1.959964·√(1 + 1/3) = 16.2632",
            rel_tol=1e-7,
        ),
    ),
)

LINEAR_TREND = ComputationSpec(
    name="forecasting.linear_trend",
    title=LocalizedText(en="Linear trend forecast", zh="线性趋势外推预测"),
    kind="algorithm",
    category="forecasting",
    domains=DOMAINS,
    inputs=IntervalIn,
    outputs=TrendOut,
    func=linear_trend,
    formula="y_t = β₀ + β₁·t + ε_t (OLS, t = 1 … T); ŷ_{T+h} = β₀ + β₁(T + h); "
    "interval ŷ ± t_{α/2,T−2}·s·√(1 + 1/T + (T + h − t̄)²/Σ(t − t̄)²)",
    reference=f"{FPP3} §7.4 (linear trend) and §7.6; Montgomery & Runger, Applied Statistics and "
    "Probability for Engineers, 6th ed., §11-6 (prediction of new observations); statsmodels OLS",
    examples=(
        Example(
            inputs={"values": [2, 4, 5, 8], "horizon": 2},
            expected={
                "slope": 1.9,
                "intercept": 0.0,
                "forecast": [9.5, 11.4],
                "upper.0": 13.5247631,
                "lower.0": 5.4752369,
                "sigma": 0.5916080,
            },
            source="by hand: t̄ = 2.5, Stt = 5, Sty = 9.5 → b = 1.9, a = 0; SSE = 0.7, s² = 0.35; "
            "t_{0.975,2} = 4.302653; at t = 5: 9.5 ± 4.302653·√(0.35·(1 + 1/4 + 6.25/5)) = 9.5 ± 4.0248",
            rel_tol=1e-7,
            abs_tol=1e-12,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (NAIVE, SEASONAL_NAIVE, DRIFT, MOVING_AVERAGE, LINEAR_TREND)
