"""Robust and nonparametric fits: Huber M-estimation, Theil-Sen slope, LOWESS smoothing."""

from __future__ import annotations

import numpy as np
from pydantic import Field
from scipy import stats
from sklearn.linear_model import HuberRegressor
from statsmodels.nonparametric.smoothers_lowess import lowess as sm_lowess

from longcheng.algorithms._series import AlgoOut, as_array, floats, indices
from longcheng.algorithms.regression._base import (
    DOMAINS,
    SKLEARN,
    Level,
    LinearOut,
    PairedIn,
    RegressionIn,
    quietly,
)
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.errors import InvalidInput
from longcheng.core.thing_model import LocalizedText


class HuberIn(RegressionIn):
    epsilon: float = Field(default=1.35, ge=1.0, le=100, description="residuals beyond ε·σ get linear loss")
    alpha: float = Field(default=0.0, ge=0, le=1e12, description="L2 penalty on the coefficients")


class HuberOut(LinearOut):
    scale: float = Field(description="robust residual scale σ estimated jointly")
    outliers: list[int] = Field(description="rows whose |residual| > ε·σ")


def huber(p: HuberIn) -> HuberOut:
    x, y = as_array(p.rows), as_array(p.target)
    model = HuberRegressor(epsilon=p.epsilon, alpha=p.alpha, max_iter=10_000, tol=1e-10)
    fitted, caught = quietly(lambda: model.fit(x, y))
    return HuberOut(
        intercept=float(fitted.intercept_),
        coefficients=floats(fitted.coef_),
        r_squared=float(fitted.score(x, y)),
        fitted=floats(fitted.predict(x)),
        scale=float(fitted.scale_),
        outliers=indices(fitted.outliers_),
        diagnostics={"n": int(x.shape[0]), "iterations": int(fitted.n_iter_), "warnings": caught},
    )


class TheilSenIn(PairedIn):
    level: Level = 0.95


class TheilSenOut(AlgoOut):
    slope: float
    intercept: float
    slope_lower: float
    slope_upper: float
    fitted: list[float]


def theil_sen(p: TheilSenIn) -> TheilSenOut:
    x, y = as_array(p.x), as_array(p.y)
    if np.ptp(x) == 0:
        raise InvalidInput("x", "must not be constant")
    res = stats.theilslopes(y, x, alpha=p.level)
    return TheilSenOut(
        slope=float(res.slope),
        intercept=float(res.intercept),
        slope_lower=float(res.low_slope),
        slope_upper=float(res.high_slope),
        fitted=floats(res.intercept + res.slope * x),
        diagnostics={"n": int(x.size), "level": p.level},
    )


class LowessIn(PairedIn):
    frac: float = Field(default=2 / 3, gt=0, le=1, description="share of the points in each local fit")
    iterations: int = Field(default=3, ge=0, le=20, description="robustifying (bisquare) iterations")


class LowessOut(AlgoOut):
    fitted: list[float] = Field(description="smoothed value at each x, in the input order")
    residuals: list[float]


def lowess(p: LowessIn) -> LowessOut:
    x, y = as_array(p.x), as_array(p.y)
    fitted, caught = quietly(
        lambda: sm_lowess(y, x, frac=p.frac, it=p.iterations, delta=0.0, return_sorted=False)
    )
    return LowessOut(
        fitted=floats(fitted),
        residuals=floats(y - fitted),
        diagnostics={"n": int(x.size), "frac": p.frac, "iterations": p.iterations, "warnings": caught},
    )


HUBER = ComputationSpec(
    name="regression.huber",
    title=LocalizedText(en="Huber robust regression", zh="Huber稳健回归"),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    inputs=HuberIn,
    outputs=HuberOut,
    func=huber,
    formula="minimise Σ[σ + H_ε((y_i − x_iᵀβ)/σ)·σ] + α‖β‖² over β and σ; "
    "H_ε(z) = z² for |z| < ε, 2ε|z| − ε² otherwise",
    reference="Huber (1964), Ann. Math. Statist. 35(1):73-101; Owen (2007), A robust hybrid of lasso and "
    f"ridge regression; {SKLEARN}, Huber regression",
    examples=(
        Example(
            inputs={"rows": [[0], [1], [2], [3], [4], [5], [2], [2]], "target": [1, 3, 5, 7, 9, 11, 15, -5]},
            expected={"coefficients": [2.0], "intercept": 1.0, "outliers": [6, 7]},
            source="by hand: six points on y = 1 + 2x and two outliers ±10 at x = 2; ψ is odd, so at the "
            "line Σψ(r/σ) = Σψ(r/σ)·x = 0 and the convex objective is minimal there; those two are outliers",
            rel_tol=1e-4,
        ),
    ),
)

THEIL_SEN = ComputationSpec(
    name="regression.theil_sen",
    title=LocalizedText(en="Theil-Sen robust slope", zh="Theil-Sen稳健斜率估计"),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    inputs=TheilSenIn,
    outputs=TheilSenOut,
    func=theil_sen,
    formula="slope = median over i < j of (y_j − y_i)/(x_j − x_i); intercept = median(y) − slope·median(x); "
    "slope interval from the distribution of Kendall's τ (normal approximation)",
    reference="Theil (1950), Proc. KNAW 53; Sen (1968), JASA 63(324):1379-1389; scipy.stats.theilslopes",
    examples=(
        Example(
            inputs={"x": [1, 2, 3, 4, 5], "y": [1, 3, 2, 5, 4]},
            expected={"slope": 0.875, "intercept": 0.375},
            source="by hand: the 10 pairwise slopes sorted −1, −1, 1/3, 1/2, 3/4, 1, 1, 4/3, 2, 3 → median "
            "(3/4 + 1)/2 = 0.875; intercept 3 − 0.875·3 = 0.375",
            rel_tol=1e-12,
        ),
    ),
)

LOWESS = ComputationSpec(
    name="regression.lowess",
    title=LocalizedText(en="LOWESS locally weighted smoothing", zh="LOWESS局部加权回归平滑"),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    inputs=LowessIn,
    outputs=LowessOut,
    func=lowess,
    formula="at each x_i: weighted linear fit over the ⌈frac·n⌉ nearest points, tricube weights "
    "(1 − (d/h)³)³ with h the largest of those distances; then bisquare robustness iterations",
    reference="Cleveland (1979), JASA 74(368):829-836; NIST/SEMATECH e-Handbook §4.1.4.4 (LOESS); "
    "statsmodels.nonparametric.smoothers_lowess.lowess",
    examples=(
        Example(
            inputs={"x": [1, 2, 3, 4, 5], "y": [1, 3, 2, 5, 4], "frac": 1.0, "iterations": 0},
            expected={"fitted.2": 3.1452421},
            source="by hand at x = 3: h = 2, tricube weights 0, w, 1, w, 0 with w = (1 − 1/8)³ = 0.669922; "
            "symmetric weights make the local line's value the weighted mean (8w + 2)/(1 + 2w) = 3.145242",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (HUBER, THEIL_SEN, LOWESS)
