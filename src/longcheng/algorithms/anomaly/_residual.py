"""Detectors on model residuals: EWMA one-step prediction errors, STL decomposition residuals, and PCA
monitoring statistics (Hotelling T² and SPE/Q)."""

from __future__ import annotations

import math
from typing import Annotated

import numpy as np
from pydantic import Field
from scipy import stats
from sklearn.decomposition import PCA
from statsmodels.tsa.seasonal import STL

from longcheng.algorithms._series import AlgoIn, AlgoOut, SeriesIn, algorithm_spec, as_array, floats, indices
from longcheng.algorithms.anomaly._base import OutlierOut
from longcheng.algorithms.anomaly._learned import LearnIn, _target
from longcheng.algorithms.anomaly._statistical import MAD_TO_SIGMA
from longcheng.core.computation import ComputationSpec, Example


class EwmaResidualIn(SeriesIn):
    lam: Annotated[float, Field(gt=0, le=1, description="smoothing constant λ")] = 0.3
    threshold: Annotated[float, Field(gt=0, le=20, description="flag |e| > threshold·σ_e")] = 3.0
    sigma: (
        Annotated[float, Field(gt=0, description="σ of the prediction error; default 1.4826·MAD")] | None
    ) = None


def ewma_residual(p: EwmaResidualIn) -> OutlierOut:
    x = as_array(p.values)
    pred = np.empty_like(x)
    z = x[0]
    for i, v in enumerate(x):
        pred[i] = z
        z = p.lam * v + (1 - p.lam) * z
    e = x - pred
    sigma = (
        p.sigma if p.sigma is not None else MAD_TO_SIGMA * float(np.median(np.abs(e[1:] - np.median(e[1:]))))
    )
    if sigma <= 0:
        raise ValueError("the prediction errors have zero spread: give sigma")
    return OutlierOut(
        outliers=indices(np.abs(e) > p.threshold * sigma),
        scores=floats(e / sigma),
        diagnostics={"sigma": sigma, "lam": p.lam, "last_forecast": float(z)},
    )


class StlIn(SeriesIn):
    period: Annotated[int, Field(ge=2, le=100000, description="samples per seasonal cycle")]
    threshold: Annotated[float, Field(gt=0, le=50, description="flag |modified z| of the residual above")] = (
        3.5
    )


class StlOut(OutlierOut):
    trend: list[float]
    seasonal: list[float]
    residual: list[float]


def stl_residual(p: StlIn) -> StlOut:
    x = as_array(p.values)
    if len(x) < 2 * p.period:
        raise ValueError("STL needs at least two full periods")
    fit = STL(x, period=p.period, robust=True).fit()
    r = np.asarray(fit.resid, dtype=np.float64)
    med = float(np.median(r))
    mad = float(np.median(np.abs(r - med)))
    m = 0.6745 * (r - med) / mad if mad > 0 else np.zeros_like(r)
    return StlOut(
        outliers=indices(np.abs(m) > p.threshold),
        scores=floats(m),
        trend=floats(fit.trend),
        seasonal=floats(fit.seasonal),
        residual=floats(r),
        diagnostics={"period": p.period, "residual_mad": mad},
    )


class PcaIn(LearnIn):
    components: Annotated[int, Field(ge=1, le=1000, description="principal components kept")] = 1
    alpha: Annotated[float, Field(gt=0, lt=1, description="false-alarm rate of each limit")] = 0.01


class PcaOut(AlgoOut):
    outliers: Annotated[list[int], Field(description="rows above the T² or the SPE limit")]
    t2: list[float]
    spe: list[float]
    t2_limit: float
    spe_limit: float
    explained: Annotated[float, Field(description="fraction of variance in the kept components")]


def _spe_limit(rest: np.ndarray, alpha: float) -> float:
    """Jackson & Mudholkar (1979) upper limit of Q = SPE from the discarded eigenvalues."""
    t1, t2, t3 = (float(np.sum(rest**i)) for i in (1, 2, 3))
    if t1 <= 0:
        return 0.0
    h0 = 1 - 2 * t1 * t3 / (3 * t2**2)
    c = float(stats.norm.ppf(1 - alpha))
    return float(t1 * (c * math.sqrt(2 * t2 * h0**2) / t1 + 1 + t2 * h0 * (h0 - 1) / t1**2) ** (1 / h0))


def pca_monitoring(p: PcaIn) -> PcaOut:
    train = as_array(p.rows)
    n, cols = train.shape
    k = min(p.components, cols, n - 1)
    mu, sd = train.mean(axis=0), train.std(axis=0, ddof=1)
    sd = np.where(sd > 0, sd, 1.0)
    pca = PCA(n_components=cols).fit((train - mu) / sd)
    lam = pca.explained_variance_
    x = (_target(p) - mu) / sd
    scores = (x - pca.mean_) @ pca.components_[:k].T
    t2 = np.sum(scores**2 / lam[:k], axis=1)
    spe = np.sum((x - pca.mean_ - scores @ pca.components_[:k]) ** 2, axis=1)
    t2_lim = k * (n + 1) * (n - 1) / (n * (n - k)) * float(stats.f.ppf(1 - p.alpha, k, n - k))
    spe_lim = _spe_limit(lam[k:], p.alpha)
    return PcaOut(
        outliers=indices((t2 > t2_lim) | (spe > spe_lim)),
        t2=floats(t2),
        spe=floats(spe),
        t2_limit=t2_lim,
        spe_limit=spe_lim,
        explained=float(lam[:k].sum() / lam.sum()),
        diagnostics={"components": k, "n": n, "columns": cols},
    )


def _spec(
    name: str,
    en: str,
    zh: str,
    inputs: type[AlgoIn],
    outputs: type[AlgoOut],
    func: object,
    formula: str,
    reference: str,
    example: Example,
) -> ComputationSpec:
    return algorithm_spec(
        "anomaly",
        name,
        title=(en, zh),
        domains=("operations", "production"),
        industries=("general", "chemical", "energy", "pharmaceutical", "metallurgy"),
        inputs=inputs,
        outputs=outputs,
        func=func,
        formula=formula,
        reference=reference,
        examples=(example,),
    )


def _seasonal() -> list[float]:
    """3 × (0, 1, 0, −1) + 0.05 t + 0.1 sin 2.3t over 40 samples, with +5 added at t = 13."""
    v = [3 * (0, 1, 0, -1)[i % 4] + 0.05 * i + 0.1 * math.sin(2.3 * i) for i in range(40)]
    v[13] += 5.0
    return v


EWMA_RESIDUAL = _spec(
    "ewma_residual",
    "EWMA one-step prediction-error alarms",
    "EWMA 预测残差报警",
    EwmaResidualIn,
    OutlierOut,
    ewma_residual,
    "x̂ₜ = zₜ₋₁, zₜ = λxₜ + (1 − λ)zₜ₋₁, z₀ = x₀; eₜ = xₜ − x̂ₜ; alarm when |eₜ| > k·σₑ "
    "(σₑ given, or 1.4826·MAD of e)",
    "Montgomery, Introduction to Statistical Quality Control, 7th ed., §10.4 (EWMA as a predictor, moving "
    "centre line); Hunter, The exponentially weighted moving average, J. Quality Technology 18 (1986)",
    Example(
        inputs={"values": [10.0] * 10 + [15.0] + [10.0] * 9, "lam": 0.3, "sigma": 1},
        expected={"outliers": [10], "scores.10": 5.0, "scores.11": -1.5, "scores.12": -1.05},
        source="Derived by hand: flat at 10, the forecast of x₁₀ is 10, so e = 5 > 3σ; then z = 0.3·15 + "
        "0.7·10 = 11.5 gives e₁₁ = −1.5 and z = 11.05 gives e₁₂ = −1.05",
        rel_tol=1e-9,
    ),
)
STL_RESIDUAL = _spec(
    "stl_residual",
    "STL decomposition residual outliers",
    "STL 分解残差异常检测",
    StlIn,
    StlOut,
    stl_residual,
    "x = trend + seasonal + residual (STL, robust LOESS); Mᵢ = 0.6745 (rᵢ − r̃)/MAD(r); outlier when "
    "|Mᵢ| > 3.5",
    "Cleveland, Cleveland, McRae & Terpenning, STL: a seasonal-trend decomposition procedure based on loess, "
    "J. Official Statistics 6 (1990) 3-73; statsmodels.tsa.seasonal.STL; Iglewicz & Hoaglin (1993)",
    Example(
        inputs={"values": _seasonal(), "period": 4},
        expected={"outliers": [13]},
        source="Derived by hand: a period-4 pattern of amplitude 3 on a 0.05/sample trend with ±0.1 "
        "ripple; the +5 step at t = 13 is the only value the trend and season cannot absorb",
    ),
)
PCA_MONITOR = _spec(
    "pca_monitoring",
    "PCA monitoring: Hotelling T² and SPE (Q)",
    "主元分析 T² 与 SPE 统计量监控",
    PcaIn,
    PcaOut,
    pca_monitoring,
    "standardise with the training mean and s; scores t = xPₖ; T² = Σ tₐ²/λₐ, limit k(n+1)(n−1)/(n(n−k))·"
    "F_{1−α}(k, n−k); SPE = ‖x − tPₖᵀ‖², limit by Jackson-Mudholkar from the discarded λ",
    "MacGregor & Kourti, Statistical process control of multivariate processes, Control Eng. Practice 3 "
    "(1995) 403-414; Jackson & Mudholkar, Technometrics 21 (1979) 341-349; Montgomery §11.3 and §11.7",
    Example(
        inputs={
            "rows": [[i, i + 0.1 * (-1) ** i] for i in range(10)],
            "query": [[5, 5.05], [5, -5]],
            "components": 1,
            "alpha": 0.01,
        },
        expected={"outliers": [1], "t2_limit": 11.6176},
        source="Derived by hand: training points lie on y = x, so (5, −5) breaks the correlation (SPE) and "
        "(5, 5.05) does not; T² limit = 1·11·9/(10·9) × F₀.₉₉(1, 9) = 1.1 × 3.2498² = 11.618",
        rel_tol=2e-4,
    ),
)

SPECS = (EWMA_RESIDUAL, STL_RESIDUAL, PCA_MONITOR)

__all__ = ["SPECS", "ewma_residual", "pca_monitoring", "stl_residual"]
