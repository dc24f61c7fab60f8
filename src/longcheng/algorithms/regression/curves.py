"""Curve fitting: polynomial least squares (NumPy) and two-parameter nonlinear forms (SciPy curve_fit)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Literal

import numpy as np
from numpy.polynomial import Polynomial
from numpy.typing import NDArray
from pydantic import Field, ValidationInfo, field_validator
from scipy.optimize import curve_fit

from longcheng.algorithms._series import AlgoOut, FiniteFloat, as_array, floats
from longcheng.algorithms.regression._base import DOMAINS, LinearOut, PairedIn, quietly
from longcheng.algorithms.regression._data import NORRIS_X, NORRIS_Y
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

Array = NDArray[np.float64]


class PolynomialIn(PairedIn):
    degree: int = Field(default=2, ge=0, le=10, validate_default=True)
    predict_at: list[FiniteFloat] = Field(default_factory=list, description="x values to evaluate the fit at")

    @field_validator("degree")
    @classmethod
    def _enough_points(cls, degree: int, info: ValidationInfo) -> int:
        x = info.data.get("x")
        if x is not None and len(set(x)) <= degree:
            raise ValueError(f"degree {degree} needs at least {degree + 1} distinct x values")
        return degree


class PolynomialOut(LinearOut):
    residual_sd: float | None = Field(description="√(SSE/(n − d − 1)); None for an exact fit (n = d + 1)")
    predictions: list[float]


def polynomial_fit(p: PolynomialIn) -> PolynomialOut:
    x, y = as_array(p.x), as_array(p.y)
    poly = Polynomial.fit(x, y, p.degree).convert()
    coef = np.zeros(p.degree + 1)
    coef[: poly.coef.size] = poly.coef
    fitted = poly(x)
    sse = float(np.sum((y - fitted) ** 2))
    sst = float(np.sum((y - y.mean()) ** 2))
    dof = x.size - p.degree - 1
    return PolynomialOut(
        intercept=float(coef[0]),
        coefficients=floats(coef[1:]),
        r_squared=1 - sse / sst if sst > 0 else 1.0,
        fitted=floats(fitted),
        residual_sd=math.sqrt(sse / dof) if dof > 0 else None,
        predictions=floats(poly(as_array(p.predict_at))) if p.predict_at else [],
        diagnostics={"n": int(x.size), "degree": p.degree, "sse": sse},
    )


Form = Literal["exponential", "power", "logarithmic", "saturation"]
FORMS: dict[str, Callable[[Array, float, float], Array]] = {
    "exponential": lambda x, a, b: a * np.exp(b * x),
    "power": lambda x, a, b: a * np.power(x, b),
    "logarithmic": lambda x, a, b: a + b * np.log(x),
    "saturation": lambda x, a, b: a * (1 - np.exp(-b * x)),
}


class CurveIn(PairedIn):
    form: Form = Field(
        default="exponential",
        description="exponential a·e^(bx), power a·x^b, logarithmic a + b·ln x, saturation a·(1 − e^(−bx))",
    )
    predict_at: list[FiniteFloat] = Field(default_factory=list, description="x values to evaluate the fit at")

    @field_validator("form")
    @classmethod
    def _positive_x(cls, form: str, info: ValidationInfo) -> str:
        x = info.data.get("x")
        if form in {"power", "logarithmic"} and x is not None and min(x) <= 0:
            raise ValueError(f"the {form} form needs x > 0")
        return form


class CurveOut(AlgoOut):
    a: float
    b: float
    standard_errors: list[float] = Field(description="se(a), se(b) from the scaled covariance")
    r_squared: float
    rmse: float
    fitted: list[float]
    predictions: list[float]


def _start(form: str, x: Array, y: Array) -> tuple[float, float]:
    """Starting values from the linearised form (log-linear / log-log), or a rough saturation guess."""
    if form == "exponential" and np.all(y > 0):
        b, ln_a = np.polyfit(x, np.log(y), 1)
        return float(np.exp(ln_a)), float(b)
    if form == "power" and np.all(y > 0):
        b, ln_a = np.polyfit(np.log(x), np.log(y), 1)
        return float(np.exp(ln_a)), float(b)
    if form == "saturation":
        span = float(np.ptp(x)) or 1.0
        return float(np.max(y)), 3.0 / span
    return 1.0, 0.0 if form != "exponential" else 0.1


def nonlinear_curve_fit(p: CurveIn) -> CurveOut:
    x, y = as_array(p.x), as_array(p.y)
    f = FORMS[p.form]
    (params, cov), caught = quietly(lambda: curve_fit(f, x, y, p0=_start(p.form, x, y), maxfev=20_000))
    a, b = float(params[0]), float(params[1])
    fitted = f(x, a, b)
    sse = float(np.sum((y - fitted) ** 2))
    sst = float(np.sum((y - y.mean()) ** 2))
    return CurveOut(
        a=a,
        b=b,
        standard_errors=[math.sqrt(max(float(v), 0.0)) for v in np.diag(cov)],
        r_squared=1 - sse / sst if sst > 0 else 1.0,
        rmse=math.sqrt(sse / x.size),
        fitted=floats(fitted),
        predictions=floats(f(as_array(p.predict_at), a, b)) if p.predict_at else [],
        diagnostics={"n": int(x.size), "form": p.form, "sse": sse, "warnings": caught},
    )


POLYNOMIAL = ComputationSpec(
    name="regression.polynomial_fit",
    title=LocalizedText(en="Polynomial least-squares fit", zh="多项式最小二乘拟合"),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    industries=("general", "machinery", "energy"),
    inputs=PolynomialIn,
    outputs=PolynomialOut,
    func=polynomial_fit,
    formula="minimise Σ(y_i − Σ_{k≤d} c_k·x_i^k)² (scaled Vandermonde least squares); s = √(SSE/(n − d − 1))",
    reference="NIST/SEMATECH e-Handbook §4.1.4.1 (linear least squares); "
    "NIST StRD linear regression (Norris); numpy.polynomial.Polynomial.fit",
    examples=(
        Example(
            inputs={"x": NORRIS_X, "y": NORRIS_Y, "degree": 1},
            expected={
                "intercept": -0.262323073774029,
                "coefficients": [1.00211681802045],
                "residual_sd": 0.884796396144373,
                "r_squared": 0.999993745883712,
            },
            source="NIST StRD Norris certified values: B0 = −0.262323073774029, B1 = 1.00211681802045, "
            "residual SD 0.884796396144373, R² 0.999993745883712",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"x": [0, 1, 2, 3, 4], "y": [1, 6, 17, 34, 57], "degree": 2, "predict_at": [5]},
            expected={"intercept": 1.0, "coefficients": [2.0, 3.0], "predictions": [86.0]},
            source="exact data from y = 1 + 2x + 3x²: the fit returns the generating coefficients; y(5) = 86",
            rel_tol=1e-9,
        ),
    ),
)

CURVE = ComputationSpec(
    name="regression.nonlinear_curve_fit",
    title=LocalizedText(
        en="Nonlinear curve fit (exponential, power, logarithmic, saturation)", zh="非线性曲线拟合"
    ),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    industries=("general", "machinery", "energy", "chemical"),
    inputs=CurveIn,
    outputs=CurveOut,
    func=nonlinear_curve_fit,
    formula="minimise Σ(y_i − f(x_i; a, b))² by Levenberg-Marquardt from linearised starting values; "
    "cov = s²·(JᵀJ)⁻¹, s² = SSE/(n − 2)",
    reference="NIST/SEMATECH e-Handbook §4.1.4.2 (nonlinear least squares); Bates & Watts, Nonlinear "
    "Regression Analysis and Its Applications (1988); scipy.optimize.curve_fit",
    examples=(
        Example(
            inputs={"x": [0, 1, 2, 3, 4], "y": [2 * math.exp(0.5 * x) for x in range(5)], "predict_at": [6]},
            expected={"a": 2.0, "b": 0.5, "r_squared": 1.0, "predictions": [2 * math.exp(3)]},
            source="exact data from y = 2·e^(0.5x): the least-squares optimum is the generating "
            "a = 2, b = 0.5 (SSE = 0); y(6) = 2e³ = 40.171",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (POLYNOMIAL, CURVE)
