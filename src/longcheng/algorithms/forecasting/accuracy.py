"""Forecast accuracy (Hyndman & Koehler 2006) and residual autocorrelation (ACF, PACF, Ljung-Box)."""

from __future__ import annotations

import math

import numpy as np
from pydantic import Field, ValidationInfo, field_validator
from scipy import stats
from sklearn import metrics
from statsmodels.tsa.stattools import acf, pacf

from longcheng.algorithms._series import AlgoIn, AlgoOut, FiniteFloat, Values, as_array, floats
from longcheng.algorithms.forecasting._base import FPP3, Level, quietly
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

HK2006 = (
    "Hyndman & Koehler (2006), Another look at measures of forecast accuracy, "
    "International Journal of Forecasting 22(4):679-688"
)


class AccuracyIn(AlgoIn):
    actual: list[FiniteFloat] = Field(min_length=1, description="observed values over the test period")
    forecast: list[FiniteFloat] = Field(min_length=1, description="forecasts of the same periods")
    training: list[FiniteFloat] | None = Field(default=None, description="in-sample series, for MASE")
    period: int = Field(default=1, ge=1, le=10_000, description="m of the (seasonal) naive scale for MASE")

    @field_validator("forecast")
    @classmethod
    def _same_length(cls, forecast: list[float], info: ValidationInfo) -> list[float]:
        actual = info.data.get("actual")
        if actual is not None and len(actual) != len(forecast):
            raise ValueError(f"{len(forecast)} forecasts for {len(actual)} actual values")
        return forecast


class AccuracyOut(AlgoOut):
    me: float = Field(description="mean error (bias), actual − forecast")
    mae: float
    rmse: float
    mape: float | None = Field(description="percent; None when an actual value is 0")
    smape: float | None = Field(description="percent; None when |y| + |ŷ| is 0 somewhere")
    mase: float | None = Field(description="None without a training series longer than the period")


def _mase(p: AccuracyIn, mae: float) -> float | None:
    if p.training is None or len(p.training) <= p.period:
        return None
    train = as_array(p.training)
    scale = float(np.mean(np.abs(train[p.period :] - train[: -p.period])))
    return mae / scale if scale > 0 else None


def accuracy_metrics(p: AccuracyIn) -> AccuracyOut:
    y, f = as_array(p.actual), as_array(p.forecast)
    mae = float(metrics.mean_absolute_error(y, f))
    denominator = np.abs(y) + np.abs(f)
    return AccuracyOut(
        me=float(np.mean(y - f)),
        mae=mae,
        rmse=float(metrics.root_mean_squared_error(y, f)),
        mape=100 * float(metrics.mean_absolute_percentage_error(y, f)) if np.all(y != 0) else None,
        smape=float(np.mean(200 * np.abs(y - f) / denominator)) if np.all(denominator > 0) else None,
        mase=_mase(p, mae),
        diagnostics={"n": int(y.size), "period": p.period},
    )


class AutocorrelationIn(AlgoIn):
    values: Values
    lags: int | None = Field(default=None, ge=1, le=1000, description="largest lag; min(10, T/2) if absent")
    level: Level = 0.95

    @field_validator("lags")
    @classmethod
    def _shorter_than_series(cls, lags: int | None, info: ValidationInfo) -> int | None:
        values = info.data.get("values")
        if lags is not None and values is not None and lags > len(values) // 2:
            raise ValueError(f"at most {len(values) // 2} lags for {len(values)} values")
        return lags


class AutocorrelationOut(AlgoOut):
    lags: list[int]
    acf: list[float]
    pacf: list[float]
    ljung_box: list[float] = Field(description="Q statistic over lags 1 … k")
    p_values: list[float] = Field(description="χ²(k) upper tail of Q")
    bound: float = Field(description="±z/√T band of a white-noise ACF")


def autocorrelation(p: AutocorrelationIn) -> AutocorrelationOut:
    y = as_array(p.values)
    lags = p.lags if p.lags is not None else min(10, y.size // 2)
    res, caught = quietly(lambda: acf(y, nlags=lags, qstat=True, fft=False, result_object=True))
    partial, caught_p = quietly(lambda: pacf(y, nlags=lags, method="ywm"))
    return AutocorrelationOut(
        lags=list(range(1, lags + 1)),
        acf=floats(res.acf[1:]),
        pacf=floats(partial[1:]),
        ljung_box=floats(res.qstat),
        p_values=floats(res.pvalues),
        bound=float(stats.norm.ppf(0.5 + p.level / 2)) / math.sqrt(y.size),
        diagnostics={"n": int(y.size), "warnings": "; ".join(w for w in (caught, caught_p) if w)},
    )


ACCURACY = ComputationSpec(
    name="forecasting.accuracy_metrics",
    title=LocalizedText(en="Forecast accuracy metrics (MAE, RMSE, MAPE, sMAPE, MASE)", zh="预测精度评价指标"),
    kind="algorithm",
    category="forecasting",
    domains=("operations", "production", "supply_chain", "enterprise_management"),
    inputs=AccuracyIn,
    outputs=AccuracyOut,
    func=accuracy_metrics,
    formula="e = y − ŷ; MAE = mean|e|; RMSE = √mean(e²); MAPE = 100·mean|e/y|; "
    "sMAPE = 200·mean(|e|/(|y| + |ŷ|)); "
    "MASE = MAE / ((1/(T−m))·Σ_{t>m}|y_t − y_{t−m}|) on the training series",
    reference=f"{HK2006}; {FPP3} §5.8",
    examples=(
        Example(
            inputs={"actual": [10, 12, 14], "forecast": [11, 12, 12], "training": [8, 9, 11, 10, 12]},
            expected={
                "me": 1 / 3,
                "mae": 1.0,
                "rmse": 1.2909944,
                "mape": 8.0952381,
                "smape": 8.3028083,
                "mase": 2 / 3,
            },
            source="by hand: e = −1, 0, 2; RMSE = √(5/3); MAPE = 100·(1/10 + 0 + 2/14)/3; "
            "sMAPE = 200·(1/21 + 0 + 2/26)/3; naive in-sample MAE = (1 + 2 + 1 + 2)/4 = 1.5 → MASE = 1/1.5",
            rel_tol=1e-7,
        ),
    ),
)

AUTOCORRELATION = ComputationSpec(
    name="forecasting.autocorrelation",
    title=LocalizedText(
        en="Autocorrelation, partial autocorrelation and Ljung-Box test",
        zh="自相关/偏自相关与Ljung-Box白噪声检验",
    ),
    kind="algorithm",
    category="forecasting",
    domains=("operations", "production"),
    inputs=AutocorrelationIn,
    outputs=AutocorrelationOut,
    func=autocorrelation,
    formula="r_k = Σ_{t>k}(y_t − ȳ)(y_{t−k} − ȳ)/Σ(y_t − ȳ)²; PACF by Durbin-Levinson on r_k; "
    "Q = T(T + 2)·Σ_{k≤h} r_k²/(T − k) ~ χ²(h) under white noise",
    reference=f"{FPP3} §2.8, §5.4, §9.5; Ljung & Box (1978), Biometrika 65(2):297-303; statsmodels acf/pacf",
    examples=(
        Example(
            inputs={"values": [3, 5, 4, 6, 8, 7, 9, 8], "lags": 2},
            expected={
                "acf": [0.48214286, 0.30555556],
                "pacf.1": 0.09523150,
                "ljung_box": [2.6567055, 3.9015615],
                "p_values": [0.10311410, 0.14216303],
                "bound": 0.69295191,
            },
            source="by hand: ȳ = 6.25, Σ(y−ȳ)² = 31.5, lag sums 15.1875 and 9.625 → "
            "r₁ = 0.482143, r₂ = 0.305556; φ₂₂ = (r₂ − r₁²)/(1 − r₁²); Q₁ = 80·r₁²/7, Q₂ = Q₁ + 80·r₂²/6; "
            "p₁ = erfc(√(Q₁/2)), p₂ = e^(−Q₂/2); bound 1.959964/√8",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (ACCURACY, AUTOCORRELATION)
