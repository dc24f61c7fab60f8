"""Ordinary least squares with inference and prediction intervals (statsmodels)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import statsmodels.api as sm
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from statsmodels.stats.stattools import durbin_watson, jarque_bera

from longcheng.algorithms._series import FiniteFloat, as_array, floats
from longcheng.algorithms.regression._base import DOMAINS, Level, LinearOut, RegressionIn, quietly
from longcheng.algorithms.regression._data import (
    LONGLEY_B,
    LONGLEY_SE,
    LONGLEY_X,
    LONGLEY_Y,
)
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.errors import InvalidInput
from longcheng.core.thing_model import LocalizedText


class OlsIn(RegressionIn):
    intercept: bool = Field(default=True, description="fit a constant term")
    names: list[str] | None = Field(default=None, description="one name per column (default x1, x2, …)")
    level: Level = 0.95

    @field_validator("names")
    @classmethod
    def _one_per_column(cls, names: list[str] | None, info: ValidationInfo) -> list[str] | None:
        rows = info.data.get("rows")
        if names is not None and rows and len(names) != len(rows[0]):
            raise ValueError(f"{len(names)} names for {len(rows[0])} columns")
        return names


class Term(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    estimate: float
    std_error: float
    t_value: float
    p_value: float
    ci_lower: float
    ci_upper: float


class OlsOut(LinearOut):
    terms: list[Term]
    adj_r_squared: float
    residual_sd: float = Field(description="s = √(SSE/(n − p))")
    f_statistic: float | None
    f_p_value: float | None
    aic: float
    bic: float
    durbin_watson: float
    jarque_bera_p: float
    condition_number: float
    residuals: list[float]


def _design(rows: list[list[float]], intercept: bool) -> np.ndarray:
    x = as_array(rows)
    if intercept:
        x = np.column_stack([np.ones(x.shape[0]), x])
    if x.shape[0] <= x.shape[1]:
        raise InvalidInput(
            "rows", f"{x.shape[0]} rows leave no residual freedom for {x.shape[1]} coefficients"
        )
    return x


def _fit(rows: list[list[float]], target: list[float], intercept: bool) -> tuple[Any, str]:
    x = _design(rows, intercept)
    return quietly(lambda: sm.OLS(as_array(target), x).fit())


def _optional(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


def ols(p: OlsIn) -> OlsOut:
    res, caught = _fit(p.rows, p.target, p.intercept)
    columns = p.names or [f"x{j + 1}" for j in range(len(p.rows[0]))]
    names = (["const"] if p.intercept else []) + columns
    ci = np.asarray(res.conf_int(alpha=1 - p.level))
    terms = [
        Term(
            name=n,
            estimate=float(res.params[i]),
            std_error=float(res.bse[i]),
            t_value=float(res.tvalues[i]),
            p_value=float(res.pvalues[i]),
            ci_lower=float(ci[i, 0]),
            ci_upper=float(ci[i, 1]),
        )
        for i, n in enumerate(names)
    ]
    params = floats(res.params)
    return OlsOut(
        intercept=params[0] if p.intercept else 0.0,
        coefficients=params[1:] if p.intercept else params,
        r_squared=float(res.rsquared),
        fitted=floats(res.fittedvalues),
        terms=terms,
        adj_r_squared=float(res.rsquared_adj),
        residual_sd=math.sqrt(float(res.scale)),
        f_statistic=_optional(res.fvalue),
        f_p_value=_optional(res.f_pvalue),
        aic=float(res.aic),
        bic=float(res.bic),
        durbin_watson=float(durbin_watson(res.resid)),
        jarque_bera_p=float(jarque_bera(res.resid)[1]),
        condition_number=float(res.condition_number),
        residuals=floats(res.resid),
        diagnostics={"n": len(p.rows), "df_resid": float(res.df_resid), "warnings": caught},
    )


class PredictionIn(RegressionIn):
    query: list[list[FiniteFloat]] = Field(min_length=1, description="predictor rows to predict")
    intercept: bool = True
    level: Level = 0.95

    @field_validator("query")
    @classmethod
    def _same_columns(cls, query: list[list[float]], info: ValidationInfo) -> list[list[float]]:
        rows = info.data.get("rows")
        if rows and any(len(q) != len(rows[0]) for q in query):
            raise ValueError(f"every query row needs {len(rows[0])} values")
        return query


class PredictionOut(LinearOut):
    predictions: list[float]
    lower: list[float] = Field(description="prediction interval for a new observation")
    upper: list[float]
    mean_lower: list[float] = Field(description="confidence interval for the mean response")
    mean_upper: list[float]
    residual_sd: float


def linear_prediction(p: PredictionIn) -> PredictionOut:
    res, caught = _fit(p.rows, p.target, p.intercept)
    query = as_array(p.query)
    if p.intercept:
        query = np.column_stack([np.ones(query.shape[0]), query])
    frame = res.get_prediction(query).summary_frame(alpha=1 - p.level)
    params = floats(res.params)
    return PredictionOut(
        intercept=params[0] if p.intercept else 0.0,
        coefficients=params[1:] if p.intercept else params,
        r_squared=float(res.rsquared),
        fitted=floats(res.fittedvalues),
        predictions=floats(frame["mean"]),
        lower=floats(frame["obs_ci_lower"]),
        upper=floats(frame["obs_ci_upper"]),
        mean_lower=floats(frame["mean_ci_lower"]),
        mean_upper=floats(frame["mean_ci_upper"]),
        residual_sd=math.sqrt(float(res.scale)),
        diagnostics={"n": len(p.rows), "df_resid": float(res.df_resid), "warnings": caught},
    )


OLS = ComputationSpec(
    name="regression.ols",
    title=LocalizedText(en="Ordinary least squares regression with diagnostics", zh="普通最小二乘回归及诊断"),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    industries=("general", "chemical", "energy", "metallurgy"),
    inputs=OlsIn,
    outputs=OlsOut,
    func=ols,
    formula="β̂ = (XᵀX)⁻¹Xᵀy; s² = SSE/(n − p); se(β̂_j) = s·√[(XᵀX)⁻¹]_jj; t = β̂_j/se; "
    "R² = 1 − SSE/SST; F = (SSR/(p − 1))/s²; DW = Σ(e_t − e_{t−1})²/Σe_t²",
    reference="Montgomery, Peck & Vining, Introduction to Linear Regression Analysis, 5th ed., ch. 3; "
    "NIST/SEMATECH e-Handbook §4.4; NIST StRD linear regression (Longley); statsmodels OLS",
    examples=(
        Example(
            inputs={"rows": LONGLEY_X, "target": LONGLEY_Y},
            expected={
                "intercept": LONGLEY_B[0],
                "coefficients": LONGLEY_B[1:],
                **{f"terms.{i}.std_error": se for i, se in enumerate(LONGLEY_SE)},
                "residual_sd": 304.854073561965,
                "r_squared": 0.995479004577296,
                "f_statistic": 330.285339234588,
            },
            source="NIST StRD Longley certified values (15 significant digits): B0 … B6, their standard "
            "deviations, residual SD 304.854073561965, R² 0.995479004577296, F 330.285339234588",
            rel_tol=1e-8,
        ),
    ),
)

PREDICTION = ComputationSpec(
    name="regression.linear_prediction",
    title=LocalizedText(
        en="Multiple linear regression prediction with intervals", zh="多元线性回归预测及区间"
    ),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    inputs=PredictionIn,
    outputs=PredictionOut,
    func=linear_prediction,
    formula="ŷ₀ = x₀ᵀβ̂; mean: ŷ₀ ± t_{α/2,n−p}·s·√(x₀ᵀ(XᵀX)⁻¹x₀); "
    "new observation: ŷ₀ ± t_{α/2,n−p}·s·√(1 + x₀ᵀ(XᵀX)⁻¹x₀)",
    reference="Montgomery, Peck & Vining, Introduction to Linear Regression Analysis, 5th ed., §3.4-3.5; "
    "statsmodels OLSResults.get_prediction",
    examples=(
        Example(
            inputs={"rows": [[1], [2], [3], [4]], "target": [2, 4, 5, 8], "query": [[2.5], [5]]},
            expected={
                "coefficients": [1.9],
                "predictions": [4.75, 9.5],
                "upper.0": 4.75 + 2.8459373,
                "mean_lower.0": 4.75 - 1.2727418,
                "upper.1": 13.5247631,
            },
            source="by hand: b = Sxy/Sxx = 9.5/5, a = 0, s² = 0.7/2; t_{0.975,2} = 4.302653; "
            "at x₀ = x̄ = 2.5: PI ± 4.302653·√(0.35·1.25) = ±2.845937, CI ± 4.302653·√(0.35/4) = ±1.272742; "
            "at 5: ± 4.30265·√0.875",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (OLS, PREDICTION)
