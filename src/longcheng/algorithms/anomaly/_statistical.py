"""Univariate outlier tests: z-score, modified (robust) z-score, Tukey fences, Hampel filter, GESD."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from pydantic import Field
from scipy import stats

from longcheng.algorithms._series import AlgoOut, SeriesIn, as_array, floats, indices
from longcheng.algorithms.anomaly._base import NIST, OutlierOut
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

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
        scores=floats(np.where(x < q1, (x - q1) / iqr, np.where(x > q3, (x - q3) / iqr, 0.0)) if iqr else x * 0),
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
    return (n - i) * t / np.sqrt((n - i - 1 + t**2) * (n - i + 1))


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
