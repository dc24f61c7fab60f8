"""Sequential change detection: the Page-Hinkley CUSUM test and Bayesian online change-point detection."""

from __future__ import annotations

import math
from typing import Annotated

import numpy as np
from pydantic import Field
from scipy import special, stats

from longcheng.algorithms._series import AlgoOut, SeriesIn, as_array
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText


class PageHinkleyIn(SeriesIn):
    delta: Annotated[float, Field(ge=0, description="tolerated drift δ (units of the values)")] = 0.0
    threshold: Annotated[float, Field(gt=0, description="alarm when the cumulative deviation exceeds λ")]


class PageHinkleyOut(AlgoOut):
    alarms: Annotated[list[int], Field(description="index at which each change is signalled")]
    change_points: Annotated[list[int], Field(description="estimated first index of each new regime")]
    directions: list[str]


def _ph_scan(x: np.ndarray, start: int, p: PageHinkleyIn) -> tuple[int, int, str] | None:
    """The first alarm at or after ``start`` (statistics restarted there): (alarm, change, direction)."""
    total, up, down = 0.0, 0.0, 0.0
    up_min, down_max, up_arg, down_arg = 0.0, 0.0, start - 1, start - 1
    for i in range(start, len(x)):
        total += x[i]
        mean = total / (i - start + 1)
        up += x[i] - mean - p.delta
        down += x[i] - mean + p.delta
        if up < up_min:
            up_min, up_arg = up, i
        if down > down_max:
            down_max, down_arg = down, i
        if up - up_min > p.threshold:
            return i, up_arg + 1, "up"
        if down_max - down > p.threshold:
            return i, down_arg + 1, "down"
    return None


def page_hinkley(p: PageHinkleyIn) -> PageHinkleyOut:
    x = as_array(p.values)
    alarms, changes, dirs, start = [], [], [], 0
    while start < len(x) and (hit := _ph_scan(x, start, p)) is not None:
        alarms.append(hit[0])
        changes.append(hit[1])
        dirs.append(hit[2])
        start = hit[0] + 1
    return PageHinkleyOut(
        alarms=alarms,
        change_points=changes,
        directions=dirs,
        diagnostics={"n": len(x), "delta": p.delta, "threshold": p.threshold},
    )


class BocpdIn(SeriesIn):
    expected_run: Annotated[float, Field(gt=1, le=1e9, description="prior mean run length 1/H")] = 100.0
    min_drop: Annotated[
        int,
        Field(ge=1, le=100000, description="report a change when the MAP run length falls by at least this"),
    ] = 5


class BocpdOut(AlgoOut):
    change_points: Annotated[list[int], Field(description="first index of each new run (MAP run length)")]
    run_length: Annotated[list[int], Field(description="most probable run length after each value")]
    change_probability: Annotated[
        list[float], Field(description="P(run length ≤ min_drop): a change among the last values")
    ]


def _robust_scale(x: np.ndarray) -> float:
    s = 1.4826 * float(np.median(np.abs(np.diff(x) - np.median(np.diff(x))))) / math.sqrt(2)
    return s or float(x.std()) or 1.0


def _student_logpdf(x: float, mu: np.ndarray, kappa: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    scale = np.sqrt(b * (kappa + 1) / (a * kappa))
    return np.asarray(stats.t.logpdf(x, 2 * a, loc=mu, scale=scale), dtype=np.float64)


def bocpd(p: BocpdIn) -> BocpdOut:
    raw = as_array(p.values)
    x = (raw - np.median(raw)) / _robust_scale(raw)
    log_h, log_1h = math.log(1 / p.expected_run), math.log(1 - 1 / p.expected_run)
    log_r = np.array([0.0])
    mu, kappa, a, b = (np.array([v]) for v in (0.0, 1.0, 1.0, 1.0))
    runs, probs = [], []
    for v in x:
        pred = _student_logpdf(float(v), mu, kappa, a, b) + log_r
        log_r = np.concatenate(([special.logsumexp(pred + log_h)], pred + log_1h))
        log_r -= special.logsumexp(log_r)
        mu_new = (kappa * mu + v) / (kappa + 1)
        b_new = b + kappa * (v - mu) ** 2 / (2 * (kappa + 1))
        mu, kappa = np.concatenate(([0.0], mu_new)), np.concatenate(([1.0], kappa + 1))
        a, b = np.concatenate(([1.0], a + 0.5)), np.concatenate(([1.0], b_new))
        runs.append(int(np.argmax(log_r)))
        probs.append(float(np.exp(special.logsumexp(log_r[: p.min_drop + 1]))))
    cps = sorted({t - runs[t] + 1 for t in range(1, len(runs)) if runs[t - 1] - runs[t] >= p.min_drop})
    return BocpdOut(
        change_points=[c for c in cps if 0 < c < len(x)],
        run_length=runs,
        change_probability=probs,
        diagnostics={"hazard": 1 / p.expected_run, "scale": _robust_scale(raw), "prior": "normal-gamma"},
    )


STEP = [0.0] * 20 + [5.0] * 20
RIPPLED_STEP = [(0.0 if i < 20 else 5.0) + 0.1 * math.sin(1.7 * i) for i in range(40)]

PAGE_HINKLEY = ComputationSpec(
    name="changepoint.page_hinkley",
    title=LocalizedText(en="Page-Hinkley CUSUM change detection", zh="Page-Hinkley 累积和变化检测"),
    kind="algorithm",
    category="changepoint",
    domains=("operations", "production"),
    industries=("general", "chemical", "energy", "machinery", "electronics"),
    inputs=PageHinkleyIn,
    outputs=PageHinkleyOut,
    func=page_hinkley,
    formula="mₜ = Σ_{i≤t}(xᵢ − x̄ᵢ − δ), x̄ᵢ the running mean; alarm (upward) when mₜ − min_{s≤t} mₛ > λ, "
    "change at argmin + 1; mirrored with +δ for a downward change; statistics restart after each alarm",
    reference="Page, Continuous inspection schemes, Biometrika 41 (1954) 100-115; Hinkley, Inference about "
    "the change-point from cumulative sum tests, Biometrika 58 (1971) 509-523; Gama et al., ACM Comput. "
    "Surv. 46(4) (2014) §3.2",
    examples=(
        Example(
            inputs={"values": STEP, "delta": 0.5, "threshold": 10},
            expected={"alarms": [22], "change_points": [20], "directions": ["up"]},
            source="Derived by hand: m falls 0.5 a sample to its minimum −10 at t = 19; then x − x̄ − δ adds "
            "4.262, 4.045, 3.848 at t = 20, 21, 22 (x̄ = 5/21, 10/22, 15/23), passing λ = 10 at t = 22",
        ),
    ),
)

BOCPD = ComputationSpec(
    name="changepoint.bocpd",
    title=LocalizedText(en="Bayesian online change-point detection", zh="贝叶斯在线变点检测(BOCPD)"),
    kind="algorithm",
    category="changepoint",
    domains=("operations", "production"),
    industries=("general", "chemical", "energy", "machinery", "electronics"),
    inputs=BocpdIn,
    outputs=BocpdOut,
    func=bocpd,
    formula="P(rₜ, x₁…ₜ) = Σ_{rₜ₋₁} P(rₜ | rₜ₋₁)·π(xₜ | run)·P(rₜ₋₁, x₁…ₜ₋₁), constant hazard H = 1/λ; "
    "Normal-Gamma conjugate model (Student-t predictive) on robustly standardised values; a change is "
    "reported where the MAP run length falls",
    reference="Adams & MacKay, Bayesian online changepoint detection, arXiv:0710.3742 (2007), Algorithm 1; "
    "Murphy, Conjugate Bayesian analysis of the Gaussian distribution (2007) §8",
    examples=(
        Example(
            inputs={"values": RIPPLED_STEP},
            expected={"change_points": [20], "run_length.19": 20, "run_length.20": 1},
            source="Derived by hand: the mean jumps by 5 (≈ 70 ripple standard deviations) at t = 20, so the "
            "run of 20 ends there and a run of length 1 begins (Adams & MacKay, §2)",
        ),
    ),
)

SPECS = (PAGE_HINKLEY, BOCPD)

__all__ = ["SPECS", "bocpd", "page_hinkley"]
