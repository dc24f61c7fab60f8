"""Exponential smoothing (FPP3 ch. 8): simple, Holt's linear (optionally damped) and Holt-Winters.

statsmodels' ``ExponentialSmoothing`` fits the states and estimates any smoothing parameter left out; the
forecasts are formed here from the final states, ŷ_{T+h} = ℓ_T + φ_h·b_T (+ or ×) s_{T+h−m(k+1)}, because
statsmodels 0.15's ``forecast`` takes the season one cycle too early when h is a multiple of m
(statsmodels issue #9538).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from pydantic import Field, ValidationInfo, field_validator
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from longcheng.algorithms._series import FiniteFloat, as_array, floats
from longcheng.algorithms.forecasting._base import FPP3, ForecastIn, ForecastOut, Period, quietly
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

DOMAINS = ("operations", "production", "supply_chain")


class SesIn(ForecastIn):
    alpha: float | None = Field(default=None, gt=0, le=1, description="level smoothing α; fitted if absent")
    initial_level: FiniteFloat | None = Field(
        default=None,
        description="ℓ₀; all initial states are estimated unless every one the form has is given",
    )


class HoltIn(SesIn):
    beta: float | None = Field(default=None, ge=0, le=1, description="trend smoothing β*; fitted if absent")
    damped: bool = False
    phi: float | None = Field(
        default=None, gt=0, le=1, description="damping φ (damped only); fitted if absent"
    )
    initial_trend: FiniteFloat | None = Field(default=None, description="b₀; estimated if absent")


class HoltWintersIn(HoltIn):
    period: Period
    seasonal: Literal["additive", "multiplicative"] = "additive"
    trend: Literal["additive", "none"] = "additive"
    gamma: float | None = Field(
        default=None, ge=0, le=1, description="seasonal smoothing γ; fitted if absent"
    )
    initial_seasonal: list[FiniteFloat] | None = Field(
        default=None, description="s_{1−m} … s_0, one per phase; estimated if absent"
    )

    @field_validator("initial_seasonal")
    @classmethod
    def _one_per_phase(cls, seeds: list[float] | None, info: ValidationInfo) -> list[float] | None:
        period = info.data.get("period")
        if seeds is not None and period is not None and len(seeds) != period:
            raise ValueError(f"{len(seeds)} initial seasonal values for period {period}")
        return seeds


class SmoothingOut(ForecastOut):
    fitted: list[float]
    alpha: float
    beta: float | None
    gamma: float | None
    phi: float | None
    level: float
    trend: float | None
    seasonal: list[float] | None
    sse: float


_SEASONAL = {"additive": "add", "multiplicative": "mul"}


def _settings(p: SesIn) -> dict[str, Any]:
    trend = isinstance(p, HoltIn) and not (isinstance(p, HoltWintersIn) and p.trend == "none")
    seasonal = _SEASONAL[p.seasonal] if isinstance(p, HoltWintersIn) else None
    initial = {
        "initial_level": p.initial_level,
        "initial_trend": p.initial_trend if trend and isinstance(p, HoltIn) else None,
        "initial_seasonal": p.initial_seasonal if isinstance(p, HoltWintersIn) else None,
    }
    needed = (
        ["initial_level"] + (["initial_trend"] if trend else []) + (["initial_seasonal"] if seasonal else [])
    )
    known = all(initial[k] is not None for k in needed)
    return {
        "trend": "add" if trend else None,
        "damped_trend": trend and isinstance(p, HoltIn) and p.damped,
        "seasonal": seasonal,
        "seasonal_periods": p.period if isinstance(p, HoltWintersIn) else None,
        "initialization_method": "known" if known else "estimated",
        **({k: initial[k] for k in needed} if known else {}),
    }


def _fit_params(p: SesIn, settings: dict[str, Any]) -> dict[str, float | None]:
    """The smoothing parameters the model form has, each fixed by the caller or None (to be fitted)."""
    params: dict[str, float | None] = {"smoothing_level": p.alpha}
    if settings["trend"] and isinstance(p, HoltIn):
        params["smoothing_trend"] = p.beta
        if settings["damped_trend"]:
            params["damping_trend"] = p.phi
    if settings["seasonal"] and isinstance(p, HoltWintersIn):
        params["smoothing_seasonal"] = p.gamma
    return params


def _forecast(res: Any, settings: dict[str, Any], horizon: int) -> list[float]:
    h = np.arange(1, horizon + 1)
    path = np.full(h.shape, float(res.level[-1]))
    if settings["trend"]:
        phi = float(res.params["damping_trend"]) if settings["damped_trend"] else 1.0
        path = path + np.cumsum(phi**h) * float(res.trend[-1])
    if not settings["seasonal"]:
        return floats(path)
    m = settings["seasonal_periods"]
    season = np.asarray(res.season, dtype=float)[season_index(np.asarray(res.season).size, m, h)]
    return floats(path + season if settings["seasonal"] == "add" else path * season)


def season_index(n: int, m: int, h: np.ndarray) -> np.ndarray:
    """Position in s_1 … s_n of s_{T+h−m(k+1)}, k = ⌊(h−1)/m⌋ (FPP3 §8.3)."""
    return n - m + (h - 1) % m


def _optional(res: Any, key: str) -> float | None:
    value = res.params.get(key)
    return None if value is None or np.isnan(value) else float(value)


def exponential_smoothing(p: SesIn) -> SmoothingOut:
    settings = _settings(p)
    params = _fit_params(p, settings)
    fixed = {k: v for k, v in params.items() if v is not None}
    model = ExponentialSmoothing(as_array(p.values), **settings)
    optimized = settings["initialization_method"] != "known" or len(fixed) < len(params)
    res, caught = quietly(lambda: model.fit(**fixed, optimized=optimized))
    m = settings["seasonal_periods"]
    return SmoothingOut(
        forecast=_forecast(res, settings, p.horizon),
        fitted=floats(res.fittedvalues),
        alpha=float(res.params["smoothing_level"]),
        beta=_optional(res, "smoothing_trend"),
        gamma=_optional(res, "smoothing_seasonal"),
        phi=_optional(res, "damping_trend") if settings["damped_trend"] else None,
        level=float(res.level[-1]),
        trend=float(res.trend[-1]) if settings["trend"] else None,
        seasonal=floats(np.asarray(res.season)[-m:]) if m else None,
        sse=float(res.sse),
        diagnostics={
            "n": len(p.values),
            "initialization": settings["initialization_method"],
            "optimized": str(optimized),
            "warnings": caught,
        },
    )


SES = ComputationSpec(
    name="forecasting.simple_exponential_smoothing",
    title=LocalizedText(en="Simple exponential smoothing forecast", zh="一次指数平滑预测"),
    kind="algorithm",
    category="forecasting",
    domains=DOMAINS,
    inputs=SesIn,
    outputs=SmoothingOut,
    func=exponential_smoothing,
    formula="ℓ_t = α·y_t + (1 − α)·ℓ_{t−1}; ŷ_{T+h|T} = ℓ_T; α and ℓ₀ minimise the SSE when not given",
    reference=f"{FPP3} §8.1; statsmodels.tsa.holtwinters.ExponentialSmoothing",
    examples=(
        Example(
            inputs={"values": [10, 12, 11, 13, 14, 13], "horizon": 2, "alpha": 0.3, "initial_level": 10},
            expected={"forecast": [12.42796, 12.42796], "level": 12.42796, "sse": 16.76543184},
            source="FPP3 eq. 8.1 by hand: ℓ = 10, 10.6, 10.72, 11.404, 12.1828, 12.42796; one-step errors "
            "0, 2, 0.4, 2.28, 2.596, 0.8172 → SSE 16.76543",
            rel_tol=1e-9,
        ),
    ),
)

HOLT = ComputationSpec(
    name="forecasting.holt_linear",
    title=LocalizedText(
        en="Holt's linear trend (double exponential smoothing)", zh="二次指数平滑（Holt线性趋势）预测"
    ),
    kind="algorithm",
    category="forecasting",
    domains=DOMAINS,
    inputs=HoltIn,
    outputs=SmoothingOut,
    func=exponential_smoothing,
    formula="ℓ_t = α·y_t + (1 − α)(ℓ_{t−1} + φ·b_{t−1}); b_t = β*(ℓ_t − ℓ_{t−1}) + (1 − β*)·φ·b_{t−1}; "
    "ŷ_{T+h|T} = ℓ_T + (φ + φ² + … + φ^h)·b_T (φ = 1 undamped)",
    reference=f"{FPP3} §8.2 (Holt 1957; damped trend Gardner & McKenzie 1985)",
    examples=(
        Example(
            inputs={
                "values": [10, 12, 11, 13, 14, 13],
                "horizon": 3,
                "alpha": 0.5,
                "beta": 0.4,
                "initial_level": 10,
                "initial_trend": 1,
            },
            expected={"forecast": [14.320999, 14.855633, 15.390267], "level": 13.786365, "trend": 0.534634},
            source="FPP3 eq. 8.2 by hand with α = 0.5, β* = 0.4, ℓ₀ = 10, b₀ = 1: (ℓ, b) = (10.5, 0.8), "
            "(11.65, 0.94), (11.795, 0.622), (12.7085, 0.7386), (13.72355, 0.84918), (13.786365, 0.534634)",
            rel_tol=1e-6,
        ),
    ),
)

HOLT_WINTERS = ComputationSpec(
    name="forecasting.holt_winters",
    title=LocalizedText(en="Holt-Winters seasonal exponential smoothing", zh="Holt-Winters季节指数平滑预测"),
    kind="algorithm",
    category="forecasting",
    domains=DOMAINS,
    industries=("general", "energy", "food", "light_industry"),
    inputs=HoltWintersIn,
    outputs=SmoothingOut,
    func=exponential_smoothing,
    formula="additive: ℓ_t = α(y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1}); b_t = β*(ℓ_t − ℓ_{t−1}) + "
    "(1 − β*)b_{t−1}; s_t = γ(y_t − ℓ_{t−1} − b_{t−1}) + (1 − γ)s_{t−m}; "
    "ŷ_{T+h|T} = ℓ_T + h·b_T + s_{T+h−m(k+1)}, k = ⌊(h − 1)/m⌋ (multiplicative: divide and multiply by s)",
    reference=f"{FPP3} §8.3 (Holt 1957, Winters 1960)",
    examples=(
        Example(
            inputs={
                "values": [12, 8, 14, 10, 13, 9, 15, 11],
                "horizon": 4,
                "period": 4,
                "alpha": 0.3,
                "beta": 0.2,
                "gamma": 0.1,
                "initial_level": 10,
                "initial_trend": 0.1,
                "initial_seasonal": [2, -2, 4, -4],
            },
            expected={
                "forecast": [14.849095, 11.188941, 17.537516, 10.652509],
                "seasonal": [1.926242, -2.086518, 3.909450, -3.328163],
            },
            source="FPP3 eq. 8.3 (additive) by hand, α = 0.3, β* = 0.2, γ = 0.1, ℓ₀ = 10, b₀ = 0.1, "
            "s₋₃…s₀ = 2, −2, 4, −4: ℓ₈ = 12.570247, b₈ = 0.352606; h = 4 uses s₈ = −3.328163",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (SES, HOLT, HOLT_WINTERS)
