"""ARIMA / seasonal ARIMA with a fixed order, fitted by exact maximum likelihood (statsmodels)."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from pydantic import Field
from statsmodels.tsa.arima.model import ARIMA

from longcheng.algorithms._series import as_array, floats
from longcheng.algorithms.forecasting._base import FPP3, IntervalIn, IntervalOut, quietly
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText


class ArimaIn(IntervalIn):
    ar_order: int = Field(default=1, ge=0, le=10, description="p: autoregressive order")
    differencing: int = Field(default=0, ge=0, le=2, description="d: order of differencing")
    ma_order: int = Field(default=0, ge=0, le=10, description="q: moving-average order")
    seasonal_ar_order: int = Field(default=0, ge=0, le=4, description="P")
    seasonal_differencing: int = Field(default=0, ge=0, le=1, description="D")
    seasonal_ma_order: int = Field(default=0, ge=0, le=4, description="Q")
    period: int | None = Field(default=None, ge=2, le=10_000, description="m, for a seasonal part")
    trend: Literal["auto", "n", "c", "t", "ct"] = Field(
        default="auto", description="deterministic terms; auto = a constant when d + D = 0, none otherwise"
    )


class ArimaOut(IntervalOut):
    standard_errors: list[float]
    params: dict[str, float]
    sigma2: float
    aic: float
    bic: float
    log_likelihood: float


def arima(p: ArimaIn) -> ArimaOut:
    seasonal = (
        (p.seasonal_ar_order, p.seasonal_differencing, p.seasonal_ma_order, p.period)
        if p.period is not None
        else (0, 0, 0, 0)
    )
    trend = None if p.trend == "auto" else p.trend
    model = ARIMA(
        as_array(p.values),
        order=(p.ar_order, p.differencing, p.ma_order),
        seasonal_order=seasonal,
        trend=trend,
    )
    res, caught = quietly(model.fit)
    prediction = res.get_forecast(p.horizon)
    bounds = np.asarray(prediction.conf_int(alpha=1 - p.level))
    params = {str(k): float(v) for k, v in zip(model.param_names, res.params, strict=True)}
    sigma2 = params["sigma2"]
    return ArimaOut(
        forecast=floats(prediction.predicted_mean),
        lower=floats(bounds[:, 0]),
        upper=floats(bounds[:, 1]),
        sigma=math.sqrt(sigma2),
        standard_errors=floats(prediction.se_mean),
        params=params,
        sigma2=sigma2,
        aic=float(res.aic),
        bic=float(res.bic),
        log_likelihood=float(res.llf),
        diagnostics={"n": len(p.values), "trend": str(model.trend), "warnings": caught},
    )


ARIMA_SPEC = ComputationSpec(
    name="forecasting.arima",
    title=LocalizedText(en="ARIMA forecast (fixed order)", zh="ARIMA时间序列预测（指定阶数）"),
    kind="algorithm",
    category="forecasting",
    domains=("operations", "production", "supply_chain"),
    inputs=ArimaIn,
    outputs=ArimaOut,
    func=arima,
    formula="φ(B)Φ(B^m)(1 − B)^d(1 − B^m)^D y_t = c + θ(B)Θ(B^m)ε_t, ε_t ~ N(0, σ²); exact Gaussian "
    "likelihood by the Kalman filter; forecasts and their variances from the state-space form",
    reference=f"{FPP3} §9.5–9.9; Box, Jenkins, Reinsel & Ljung, Time Series Analysis, 5th ed. (2015); "
    "statsmodels.tsa.arima.model.ARIMA",
    examples=(
        Example(
            inputs={
                "values": [10, 12, 11, 13, 14, 13, 15],
                "horizon": 3,
                "ar_order": 0,
                "differencing": 1,
                "ma_order": 0,
            },
            expected={
                "forecast": [15, 15, 15],
                "sigma2": 2.5,
                "standard_errors": [1.5811388, 2.2360680, 2.7386128],
            },
            source="ARIMA(0,1,0) without constant is the random walk (FPP3 §9.1): ŷ = y_T = 15; "
            "MLE σ̂² = mean of squared differences = (4+1+4+1+1+4)/6 = 2.5; se_h = √(2.5·h)",
            rel_tol=1e-4,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (ARIMA_SPEC,)
