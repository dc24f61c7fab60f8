"""Degradation-path extrapolation to a failure threshold: linear and exponential trends."""

from __future__ import annotations

import math
from typing import Annotated, Self

import numpy as np
from pydantic import Field, model_validator
from scipy import stats

from longcheng.algorithms._series import AlgoIn, AlgoOut, FiniteFloat, algorithm_spec, as_array
from longcheng.core.computation import ComputationSpec, Example

MEEKER = "Meeker & Escobar, Statistical Methods for Reliability Data, Wiley 1998, ch. 13"


class DegradationIn(AlgoIn):
    values: Annotated[list[FiniteFloat], Field(min_length=3, description="health indicator readings")]
    times: (
        Annotated[list[FiniteFloat], Field(description="operating time of each reading, increasing")] | None
    ) = None
    threshold: Annotated[float, Field(allow_inf_nan=False, description="failure level of the indicator")]

    @model_validator(mode="after")
    def _times(self) -> Self:
        if self.times is not None:
            if len(self.times) != len(self.values):
                raise ValueError("one time per value")
            if any(b <= a for a, b in zip(self.times, self.times[1:], strict=False)):
                raise ValueError("times must increase")
        return self


class DegradationOut(AlgoOut):
    rul: Annotated[float | None, Field(description="time from the last reading to the threshold")]
    crossing_time: float | None
    slope: Annotated[float, Field(description="b of y = a + bt, or of ln y = ln a + bt")]
    intercept: float
    r_squared: float


def _fit(t: np.ndarray, y: np.ndarray, target: float) -> tuple[float, float, float, float | None]:
    fit = stats.linregress(t, y)
    b, a = float(fit.slope), float(fit.intercept)
    toward = (target - (a + b * t[-1])) * b > 0 if b != 0 else False
    return b, a, float(fit.rvalue) ** 2, (target - a) / b if toward else None


def _out(t: np.ndarray, b: float, a: float, r2: float, cross: float | None, model: str) -> DegradationOut:
    rul = None if cross is None else max(0.0, cross - float(t[-1]))
    return DegradationOut(
        rul=rul,
        crossing_time=cross,
        slope=b,
        intercept=a,
        r_squared=r2,
        diagnostics={"model": model, "n": len(t), "last_time": float(t[-1])},
    )


def linear_degradation(p: DegradationIn) -> DegradationOut:
    y = as_array(p.values)
    t = as_array(p.times) if p.times is not None else np.arange(len(y), dtype=np.float64)
    b, a, r2, cross = _fit(t, y, p.threshold)
    return _out(t, b, a, r2, cross, "linear")


def exponential_degradation(p: DegradationIn) -> DegradationOut:
    y = as_array(p.values)
    if np.any(y <= 0) or p.threshold <= 0:
        raise ValueError("the exponential model needs positive values and threshold")
    t = as_array(p.times) if p.times is not None else np.arange(len(y), dtype=np.float64)
    b, ln_a, r2, cross = _fit(t, np.log(y), math.log(p.threshold))
    return _out(t, b, math.exp(ln_a), r2, cross, "exponential")


def _spec(name: str, en: str, zh: str, func: object, formula: str, example: Example) -> ComputationSpec:
    return algorithm_spec(
        "rul",
        name,
        title=(en, zh),
        domains=("operations", "product_service", "production"),
        industries=("general", "machinery", "energy", "aviation", "automotive"),
        inputs=DegradationIn,
        outputs=DegradationOut,
        func=func,
        formula=formula,
        reference=f"{MEEKER} (degradation paths, pseudo failure times); ISO 13381-1:2015 Condition "
        "monitoring and diagnostics of machines — Prognostics, §5",
        examples=(example,),
    )


LINEAR = _spec(
    "linear_degradation",
    "Remaining useful life by linear degradation trend",
    "线性退化趋势剩余寿命预测",
    linear_degradation,
    "least squares y = a + bt; crossing t* = (threshold − a)/b; RUL = t* − t_last (none if the trend "
    "moves away from the threshold)",
    Example(
        inputs={"values": [0.10, 0.15, 0.20, 0.25, 0.30], "times": [0, 100, 200, 300, 400], "threshold": 0.5},
        expected={"slope": 0.0005, "crossing_time": 800.0, "rul": 400.0, "r_squared": 1.0},
        source="Derived by hand: wear grows 0.05 mm per 100 h from 0.10 mm, so it reaches the 0.5 mm limit "
        "at t = (0.5 − 0.1)/0.0005 = 800 h, 400 h after the last reading",
        rel_tol=1e-9,
    ),
)
EXPONENTIAL = _spec(
    "exponential_degradation",
    "Remaining useful life by exponential degradation trend",
    "指数退化趋势剩余寿命预测",
    exponential_degradation,
    "least squares ln y = ln a + bt; crossing t* = ln(threshold/a)/b; RUL = t* − t_last",
    Example(
        inputs={
            "values": [math.exp(0.01 * t) for t in range(0, 60, 10)],
            "times": list(range(0, 60, 10)),
            "threshold": math.e,
        },
        expected={"slope": 0.01, "intercept": 1.0, "crossing_time": 100.0, "rul": 50.0},
        source="Derived by hand: y = e^(0.01t) reaches e at t = 100; the last reading is at t = 50",
        rel_tol=1e-9,
    ),
)

SPECS = (LINEAR, EXPONENTIAL)

__all__ = ["SPECS", "exponential_degradation", "linear_degradation"]
