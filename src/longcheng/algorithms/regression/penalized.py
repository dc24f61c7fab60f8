"""Penalised and latent-variable regression for soft sensors: ridge, lasso, PLS (scikit-learn)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import Field, ValidationInfo, field_validator
from sklearn.cross_decomposition import PLSRegression
from sklearn.linear_model import Lasso, Ridge

from longcheng.algorithms._series import as_array, floats
from longcheng.algorithms.regression._base import DOMAINS, SKLEARN, LinearOut, RegressionIn, quietly
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

_X = [[1], [2], [3], [4]]
_Y = [2, 4, 5, 8]
_HAND = "by hand, one predictor: x̄ = 2.5, ȳ = 4.75, Sxx = 5, Sxy = 9.5"


class RidgeIn(RegressionIn):
    alpha: float = Field(default=1.0, ge=0, le=1e12, description="L2 penalty weight α")


class LassoIn(RegressionIn):
    alpha: float = Field(default=1.0, gt=0, le=1e12, description="L1 penalty weight α")


def _linear_out(model: Any, x: NDArray[np.float64], y: NDArray[np.float64], caught: str) -> LinearOut:
    return LinearOut(
        intercept=float(np.ravel(model.intercept_)[0]),
        coefficients=floats(model.coef_),
        r_squared=float(model.score(x, y)),
        fitted=floats(model.predict(x)),
        diagnostics={"n": int(x.shape[0]), "warnings": caught},
    )


def ridge(p: RidgeIn) -> LinearOut:
    x, y = as_array(p.rows), as_array(p.target)
    model, caught = quietly(lambda: Ridge(alpha=p.alpha).fit(x, y))
    return _linear_out(model, x, y, caught)


def lasso(p: LassoIn) -> LinearOut:
    x, y = as_array(p.rows), as_array(p.target)
    model, caught = quietly(lambda: Lasso(alpha=p.alpha, max_iter=100_000, tol=1e-10).fit(x, y))
    return _linear_out(model, x, y, caught)


class PlsIn(RegressionIn):
    n_components: int = Field(default=2, ge=1, le=100, validate_default=True, description="latent variables")
    scale: bool = Field(default=True, description="autoscale X and y to unit variance first")

    @field_validator("n_components")
    @classmethod
    def _at_most_columns(cls, k: int, info: ValidationInfo) -> int:
        rows = info.data.get("rows")
        if rows and k > len(rows[0]):
            raise ValueError(f"{k} components for {len(rows[0])} predictors")
        return k


class PlsOut(LinearOut):
    vip: list[float] = Field(
        description="variable importance in projection, one per predictor (>1: important)"
    )


def _vip(model: Any) -> list[float]:
    """VIP_j = √(p·Σ_a SS_a·(w_ja/‖w_a‖)² / Σ_a SS_a), SS_a = q_a²·t_aᵀt_a (Wold et al. 1993)."""
    w, t, q = model.x_weights_, model.x_scores_, model.y_loadings_
    ss = (q[0] ** 2) * np.sum(t**2, axis=0)
    norms = np.linalg.norm(w, axis=0)
    share = np.divide(w, norms, out=np.zeros_like(w), where=norms > 0) ** 2
    total = float(ss.sum())
    return floats(np.sqrt(w.shape[0] * (share @ ss) / total)) if total > 0 else [0.0] * w.shape[0]


def _pls_out(model: Any, x: NDArray[np.float64], y: NDArray[np.float64]) -> PlsOut:
    return PlsOut(
        intercept=float(np.ravel(model.predict(np.zeros((1, x.shape[1]))))[0]),
        coefficients=floats(model.coef_),
        r_squared=float(model.score(x, y)),
        fitted=floats(model.predict(x)),
        vip=_vip(model),
    )


def pls(p: PlsIn) -> PlsOut:
    x, y = as_array(p.rows), as_array(p.target)
    model = PLSRegression(n_components=p.n_components, scale=p.scale)
    out, caught = quietly(lambda: _pls_out(model.fit(x, y), x, y))
    diagnostics: dict[str, float | int | str] = {
        "n": int(x.shape[0]),
        "components": p.n_components,
        "warnings": caught,
    }
    return out.model_copy(update={"diagnostics": diagnostics})


RIDGE = ComputationSpec(
    name="regression.ridge",
    title=LocalizedText(en="Ridge regression", zh="岭回归"),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    inputs=RidgeIn,
    outputs=LinearOut,
    func=ridge,
    formula="minimise ‖y − β₀ − Xβ‖² + α‖β‖² (intercept not penalised): β̂ = (XcᵀXc + αI)⁻¹Xcᵀyc",
    reference="Hoerl & Kennard (1970), Technometrics 12(1):55-67; Hastie, Tibshirani & Friedman, "
    f"The Elements of Statistical Learning, 2nd ed., §3.4.1; {SKLEARN}, Ridge regression",
    examples=(
        Example(
            inputs={"rows": _X, "target": _Y, "alpha": 1.0},
            expected={"coefficients": [9.5 / 6], "intercept": 4.75 - 2.5 * 9.5 / 6},
            source=f"{_HAND}; β = Sxy/(Sxx + α) = 9.5/6 = 1.58333, β₀ = ȳ − β·x̄ = 0.79167",
            rel_tol=1e-9,
        ),
    ),
)

LASSO = ComputationSpec(
    name="regression.lasso",
    title=LocalizedText(en="Lasso regression (L1, variable selection)", zh="Lasso回归（L1正则变量筛选）"),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    inputs=LassoIn,
    outputs=LinearOut,
    func=lasso,
    formula="minimise (1/(2n))‖y − β₀ − Xβ‖² + α‖β‖₁ by coordinate descent; one centred predictor: "
    "β = S(Sxy/n, α)/(Sxx/n), S the soft-threshold",
    reference="Tibshirani (1996), JRSS B 58(1):267-288; Hastie, Tibshirani & Friedman, The Elements of "
    f"Statistical Learning, 2nd ed., §3.4.2-3.4.3; {SKLEARN}, Lasso",
    examples=(
        Example(
            inputs={"rows": _X, "target": _Y, "alpha": 0.5},
            expected={"coefficients": [1.5], "intercept": 1.0},
            source=f"{_HAND}; β = (9.5/4 − 0.5)/(5/4) = 1.5, β₀ = 4.75 − 1.5·2.5 = 1.0",
            rel_tol=1e-8,
        ),
    ),
)

PLS = ComputationSpec(
    name="regression.pls",
    title=LocalizedText(en="Partial least squares soft sensor", zh="偏最小二乘（PLS）软测量"),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    industries=("general", "chemical", "pharmaceutical", "food", "metallurgy"),
    inputs=PlsIn,
    outputs=PlsOut,
    func=pls,
    formula="NIPALS: w ∝ Xᵀy, t = Xw, q = tᵀy/tᵀt, deflate X and y, repeat; B = W(PᵀW)⁻¹q; "
    "VIP_j = √(p·Σ_a SS_a(w_ja/‖w_a‖)²/Σ_a SS_a)",
    reference="Wold, Sjöström & Eriksson (2001), PLS-regression: a basic tool of chemometrics, "
    "Chemom. Intell. Lab. Syst. 58:109-130; Kadlec, Gabrys & Strandt (2009), soft sensors in the "
    "process industry, Comput. Chem. Eng. 33:795-814; "
    f"{SKLEARN}, Cross decomposition (PLSRegression)",
    examples=(
        Example(
            inputs={
                "rows": [[1, 2], [2, 1], [3, 4], [4, 3]],
                "target": [1, 2, 4, 5],
                "n_components": 1,
                "scale": False,
            },
            expected={
                "coefficients": [518 / 580, 370 / 580],
                "intercept": 3 - 2.5 * 888 / 580,
                "vip": [1.1507929, 0.8219949],
            },
            source="by hand: centred Xᵀy = (7, 5) → w = (7, 5)/√74; t = (−13, −11, 11, 13)/√74; "
            "q = tᵀy/tᵀt = 74√74/580; B = wq = (7, 5)·74/580; β₀ = 3 − B·(2.5, 2.5); VIP = √(2·(49, 25)/74)",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (RIDGE, LASSO, PLS)
