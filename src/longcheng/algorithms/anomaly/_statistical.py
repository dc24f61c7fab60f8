"""Univariate outlier tests: z-score, modified (robust) z-score, Tukey fences, Hampel filter, GESD."""

from __future__ import annotations

import math
from typing import Annotated

import numpy as np
from pydantic import Field
from scipy import stats

from longcheng.algorithms._series import AlgoOut, SeriesIn, algorithm_spec, as_array, floats, indices
from longcheng.algorithms.anomaly._base import NIST, OutlierOut
from longcheng.core.computation import ComputationSpec, Example

MAD_TO_SIGMA = 1.4826  # 1/Φ⁻¹(3/4): MAD of a normal sample → σ


class ZIn(SeriesIn):
    threshold: Annotated[float, Field(gt=0, le=20, description="flag |z| above this")] = 3.0


def zscore(p: ZIn) -> OutlierOut:
    x = as_array(p.values)
    s = float(x.std(ddof=1))
    if s == 0:
        raise ValueError("the values are all equal")
    z = (x - x.mean()) / s
    return OutlierOut(
        outliers=indices(np.abs(z) > p.threshold),
        scores=floats(z),
        lower=float(x.mean()) - p.threshold * s,
        upper=float(x.mean()) + p.threshold * s,
        diagnostics={"mean": float(x.mean()), "std": s, "n": len(x)},
    )


class RobustZIn(SeriesIn):
    threshold: Annotated[float, Field(gt=0, le=50, description="flag |M| above this")] = 3.5


def robust_zscore(p: RobustZIn) -> OutlierOut:
    x = as_array(p.values)
    med = float(np.median(x))
    mad = float(stats.median_abs_deviation(x, scale=1.0))
    if mad == 0:
        raise ValueError("the median absolute deviation is zero (over half the values are equal)")
    m = 0.6745 * (x - med) / mad
    return OutlierOut(
        outliers=indices(np.abs(m) > p.threshold),
        scores=floats(m),
        lower=med - p.threshold * mad / 0.6745,
        upper=med + p.threshold * mad / 0.6745,
        diagnostics={"median": med, "mad": mad, "n": len(x)},
    )


class FenceIn(SeriesIn):
    k: Annotated[float, Field(gt=0, le=10, description="inner fence multiple of the IQR")] = 1.5


class FenceOut(OutlierOut):
    extreme: Annotated[list[int], Field(description="beyond the outer fences (2k × IQR)")]


def iqr_fences(p: FenceIn) -> FenceOut:
    x = as_array(p.values)
    q1, q3 = (float(q) for q in np.percentile(x, [25, 75]))
    iqr = q3 - q1
    lo, hi = q1 - p.k * iqr, q3 + p.k * iqr
    far_lo, far_hi = q1 - 2 * p.k * iqr, q3 + 2 * p.k * iqr
    return FenceOut(
        outliers=indices((x < lo) | (x > hi)),
        extreme=indices((x < far_lo) | (x > far_hi)),
        scores=floats(
            np.where(x < q1, (x - q1) / iqr, np.where(x > q3, (x - q3) / iqr, 0.0)) if iqr else x * 0
        ),
        lower=lo,
        upper=hi,
        diagnostics={"q1": q1, "q3": q3, "iqr": iqr, "outer_lower": far_lo, "outer_upper": far_hi},
    )


class HampelIn(SeriesIn):
    half_window: Annotated[int, Field(ge=1, le=1000, description="k: the window is 2k + 1 values")] = 3
    threshold: Annotated[float, Field(gt=0, le=20, description="t: flag |x − median| > t·1.4826·MAD")] = 3.0


class HampelOut(OutlierOut):
    filtered: Annotated[list[float], Field(description="the series with outliers replaced by the median")]


def hampel_filter(p: HampelIn) -> HampelOut:
    x = as_array(p.values)
    k, n = p.half_window, len(x)
    med, scale = np.empty(n), np.empty(n)
    for i in range(n):
        w = x[max(0, i - k) : i + k + 1]
        med[i] = np.median(w)
        scale[i] = MAD_TO_SIGMA * np.median(np.abs(w - med[i]))
    dev = np.abs(x - med)
    flags = dev > p.threshold * scale
    return HampelOut(
        outliers=indices(flags),
        scores=floats(np.divide(dev, scale, out=np.zeros(n), where=scale > 0)),
        filtered=floats(np.where(flags, med, x)),
        diagnostics={"window": 2 * k + 1, "edges": "truncated windows"},
    )


class GesdIn(SeriesIn):
    max_outliers: Annotated[int, Field(ge=1, le=1000, description="r: the most outliers tested for")] = 10
    alpha: Annotated[float, Field(gt=0, lt=1, description="significance level")] = 0.05


class GesdOut(AlgoOut):
    outliers: Annotated[list[int], Field(description="indices of the outliers, most extreme first")]
    count: int
    statistics: Annotated[list[float], Field(description="R_i = max|x − x̄|/s after i − 1 removals")]
    critical_values: Annotated[list[float], Field(description="λ_i")]


def _critical(n: int, i: int, alpha: float) -> float:
    p = 1 - alpha / (2 * (n - i + 1))
    t = float(stats.t.ppf(p, n - i - 1))
    return (n - i) * t / math.sqrt((n - i - 1 + t**2) * (n - i + 1))


def generalized_esd(p: GesdIn) -> GesdOut:
    x = as_array(p.values)
    n, r = len(x), min(p.max_outliers, len(x) - 3)
    keep, removed, rs, lams = np.ones(n, dtype=bool), [], [], []
    for i in range(1, r + 1):
        sub = x[keep]
        dev = np.abs(sub - sub.mean())
        j = int(np.flatnonzero(keep)[int(np.argmax(dev))])
        rs.append(float(dev.max() / sub.std(ddof=1)))
        lams.append(_critical(n, i, p.alpha))
        removed.append(j)
        keep[j] = False
    count = max((i + 1 for i in range(r) if rs[i] > lams[i]), default=0)
    return GesdOut(
        outliers=removed[:count],
        count=count,
        statistics=rs,
        critical_values=lams,
        diagnostics={"n": n, "tested": r, "alpha": p.alpha},
    )


SAMPLE = [9.8, 10.1, 10.0, 9.9, 10.2, 10.0, 9.9, 10.1, 10.0, 12.0]
ROSNER = [-0.25, 0.68, 0.94, 1.15, 1.20, 1.26, 1.26, 1.34, 1.38, 1.43, 1.49, 1.49, 1.55, 1.56, 1.58, 1.65]
ROSNER += [1.69, 1.70, 1.76, 1.77, 1.81, 1.91, 1.94, 1.96, 1.99, 2.06, 2.09, 2.10, 2.14, 2.15, 2.23, 2.24]
ROSNER += [2.26, 2.35, 2.37, 2.40, 2.47, 2.54, 2.62, 2.64, 2.90, 2.92, 2.92, 2.93, 3.21, 3.26, 3.30, 3.59]
ROSNER += [3.68, 4.30, 4.64, 5.34, 5.42, 6.01]  # NIST e-Handbook §1.3.5.17.3 (Rosner 1983), 54 values


def _spec(
    name: str,
    en: str,
    zh: str,
    inputs: type[SeriesIn],
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
        industries=("general", "machinery", "chemical", "energy", "electronics"),
        inputs=inputs,
        outputs=outputs,
        func=func,
        formula=formula,
        reference=reference,
        examples=(example,),
    )


ZSCORE = _spec(
    "zscore",
    "Z-score outliers",
    "Z 分数异常检测",
    ZIn,
    OutlierOut,
    zscore,
    "zᵢ = (xᵢ − x̄)/s (s with n − 1); outlier when |zᵢ| > threshold",
    f"{NIST} §1.3.5.17 (detection of outliers: z-scores and their masking limit (n − 1)/√n)",
    Example(
        inputs={"values": SAMPLE, "threshold": 2.5},
        expected={"outliers": [9], "scores.9": 2.79976958, "scores.0": -0.62217102},
        source="Derived by hand: x̄ = 10.2, Σ(x − x̄)² = 3.72, s = √(3.72/9) = 0.64291; z(12.0) = 1.8/0.64291 "
        "= 2.7998 > 2.5; z(9.8) = −0.6222",
        rel_tol=1e-7,
    ),
)
ROBUST_Z = _spec(
    "robust_zscore",
    "Modified z-score (median and MAD)",
    "稳健 Z 分数(中位数-MAD)异常检测",
    RobustZIn,
    OutlierOut,
    robust_zscore,
    "Mᵢ = 0.6745 (xᵢ − x̃)/MAD, MAD = median|xᵢ − x̃|; outlier when |Mᵢ| > 3.5",
    f"Iglewicz & Hoaglin, How to Detect and Handle Outliers, ASQC 1993; {NIST} §1.3.5.17",
    Example(
        inputs={"values": SAMPLE},
        expected={"outliers": [9], "scores.9": 13.49, "scores.0": -1.349},
        source="Derived by hand: median 10.0, MAD = median(0, 0, 0, .1, .1, .1, .1, .2, .2, 2.0) = 0.1; "
        "M(12.0) = 0.6745 × 2.0/0.1 = 13.49 > 3.5; M(9.8) = −1.349",
        rel_tol=1e-6,
    ),
)
FENCES = _spec(
    "iqr_fences",
    "Tukey fences (interquartile range)",
    "四分位距(Tukey 栅栏)异常检测",
    FenceIn,
    FenceOut,
    iqr_fences,
    "inner fences Q1 − k·IQR, Q3 + k·IQR (k = 1.5); outer fences Q1 − 2k·IQR, Q3 + 2k·IQR; quartiles by "
    "linear interpolation (Hyndman-Fan type 7)",
    f"Tukey, Exploratory Data Analysis, Addison-Wesley 1977, ch. 2; {NIST} §7.1.6 (inner and outer fences)",
    Example(
        inputs={"values": SAMPLE},
        expected={"outliers": [9], "extreme": [9], "lower": 9.6625, "upper": 10.3625},
        source="Derived by hand: sorted, Q1 = x₍₂₎ + 0.25(x₍₃₎ − x₍₂₎) = 9.925, Q3 = 10.1, IQR = 0.175; "
        "fences 9.6625 and 10.3625; outer 9.4, 10.625: 12.0 is an extreme outlier",
        rel_tol=1e-9,
    ),
)
HAMPEL = _spec(
    "hampel_filter",
    "Hampel filter (rolling median ± k·MAD)",
    "Hampel 滤波异常检测",
    HampelIn,
    HampelOut,
    hampel_filter,
    "mᵢ = median(x_{i−k…i+k}), Sᵢ = 1.4826·median|x − mᵢ| over the window; outlier when |xᵢ − mᵢ| > t·Sᵢ, "
    "replaced by mᵢ; windows are truncated at the ends",
    "Pearson, Neuvo, Astola & Gabbouj, Generalized Hampel filters, EURASIP J. Adv. Signal Process. 2016:87; "
    "Hampel, J. Am. Stat. Assoc. 69 (1974) 383-393",
    Example(
        inputs={"values": [1.0, 1.2, 0.9, 1.1, 5.0, 1.0, 0.8, 1.1, 1.0], "half_window": 2},
        expected={"outliers": [4], "filtered.4": 1.0, "filtered.6": 0.8},
        source="Derived by hand: at i = 4 the window 0.9, 1.1, 5.0, 1.0, 0.8 has median 1.0 and MAD 0.1, so "
        "|5.0 − 1.0| = 4 > 3 × 0.148; every other value is within 0.2 of its window median (limit ≥ 0.222)",
    ),
)
GESD = _spec(
    "generalized_esd",
    "Generalized ESD test for up to r outliers (Rosner)",
    "广义极端学生化偏差检验(GESD)",
    GesdIn,
    GesdOut,
    generalized_esd,
    "Rᵢ = max|x − x̄|/s over the data left after i − 1 removals; λᵢ = (n − i)·t_{p,n−i−1}/√((n − i − 1 + "
    "t²)(n − i + 1)), p = 1 − α/(2(n − i + 1)); the number of outliers is the largest i with Rᵢ > λᵢ",
    f"Rosner, Technometrics 25(2) (1983) 165-172; {NIST} §1.3.5.17.3 (generalized ESD test)",
    Example(
        inputs={"values": ROSNER, "max_outliers": 10, "alpha": 0.05},
        expected={
            "count": 3,
            "outliers": [53, 52, 51],
            "statistics.0": 3.118,
            "critical_values.0": 3.158,
            "statistics.2": 3.179,
            "critical_values.2": 3.143,
            "statistics.9": 2.067,
            "critical_values.9": 3.085,
        },
        source="NIST e-Handbook §1.3.5.17.3, Rosner's 54 values, r = 10, α = 0.05: R₁ = 3.118 (λ₁ = 3.158), "
        "R₃ = 3.179 (λ₃ = 3.143), R₁₀ = 2.067 (λ₁₀ = 3.085): three outliers, 6.01, 5.42, 5.34",
        abs_tol=6e-4,
    ),
)

SPECS = (ZSCORE, ROBUST_Z, FENCES, HAMPEL, GESD)

__all__ = ["SPECS", "generalized_esd", "hampel_filter", "iqr_fences", "robust_zscore", "zscore"]
