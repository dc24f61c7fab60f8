"""Time-weighted charts that detect small sustained shifts: tabular CUSUM and EWMA (Montgomery ch. 9)."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from pydantic import Field

from longcheng.algorithms._series import AlgoOut, SeriesIn, as_array, floats
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

MONTGOMERY = "Montgomery, Introduction to Statistical Quality Control, 7th ed."
TABLE_9_1 = [9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34, 9.03, 11.47, 10.51, 9.40]
TABLE_9_1 += [10.08, 9.37, 10.62, 10.31, 8.52, 10.84, 10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38]
TABLE_9_1 += [11.62, 11.31, 10.52]  # Montgomery Table 9.1: 20 draws from N(10, 1), then 10 from N(11, 1)

Target = Annotated[float, Field(allow_inf_nan=False, description="in-control mean μ0 (units of the values)")]
Sigma = Annotated[float, Field(gt=0, allow_inf_nan=False, description="in-control standard deviation σ")]


class CusumIn(SeriesIn):
    target: Target
    sigma: Sigma
    k: Annotated[float, Field(ge=0, le=5, description="reference value K = kσ, half the shift")] = 0.5
    h: Annotated[float, Field(gt=0, le=50, description="decision interval H = hσ")] = 5.0


class CusumOut(AlgoOut):
    upper: list[float]
    lower: list[float]
    alarms: Annotated[list[int], Field(description="indices where C⁺ or C⁻ exceeds H")]
    first_alarm: int | None
    shift_start: Annotated[int | None, Field(description="index of the first shifted value (alarm − N + 1)")]
    shifted_mean: Annotated[float | None, Field(description="μ0 ± (K + C/N) at the first alarm")]


def _run_lengths(sums: list[float]) -> list[int]:
    counts, n = [], 0
    for c in sums:
        n = n + 1 if c > 0 else 0
        counts.append(n)
    return counts


def tabular_cusum(p: CusumIn) -> CusumOut:
    big_k, big_h = p.k * p.sigma, p.h * p.sigma
    upper, lower, cu, cl = [], [], 0.0, 0.0
    for x in p.values:
        cu = max(0.0, x - (p.target + big_k) + cu)
        cl = max(0.0, (p.target - big_k) - x + cl)
        upper.append(cu)
        lower.append(cl)
    alarms = [i for i, (u, lo) in enumerate(zip(upper, lower, strict=True)) if u > big_h or lo > big_h]
    start = mean = None
    if alarms:
        i = alarms[0]
        up = upper[i] > big_h
        run = _run_lengths(upper if up else lower)[i]
        start = i - run + 1
        step = big_k + (upper[i] if up else lower[i]) / run
        mean = p.target + step if up else p.target - step
    return CusumOut(
        upper=upper,
        lower=lower,
        alarms=alarms,
        first_alarm=alarms[0] if alarms else None,
        shift_start=start,
        shifted_mean=mean,
        diagnostics={"K": big_k, "H": big_h, "n": len(p.values)},
    )


class EwmaIn(SeriesIn):
    target: Target
    sigma: Sigma
    lam: Annotated[float, Field(gt=0, le=1, description="smoothing constant λ")] = 0.2
    width: Annotated[float, Field(gt=0, le=6, description="limit width L in σ_z")] = 3.0


class EwmaOut(AlgoOut):
    ewma: list[float]
    ucl: list[float]
    lcl: list[float]
    alarms: list[int]
    first_alarm: int | None


def ewma_chart(p: EwmaIn) -> EwmaOut:
    x = as_array(p.values)
    z, prev = np.empty_like(x), p.target
    for i, v in enumerate(x):
        prev = p.lam * v + (1 - p.lam) * prev
        z[i] = prev
    t = np.arange(1, len(x) + 1)
    half = p.width * p.sigma * np.sqrt(p.lam / (2 - p.lam) * (1 - (1 - p.lam) ** (2 * t)))
    ucl, lcl = p.target + half, p.target - half
    alarms = [int(i) for i in np.flatnonzero((z > ucl) | (z < lcl))]
    steady = p.width * p.sigma * np.sqrt(p.lam / (2 - p.lam))
    return EwmaOut(
        ewma=floats(z),
        ucl=floats(ucl),
        lcl=floats(lcl),
        alarms=alarms,
        first_alarm=alarms[0] if alarms else None,
        diagnostics={"steady_ucl": p.target + steady, "steady_lcl": p.target - steady, "n": len(x)},
    )


CUSUM = ComputationSpec(
    name="spc.tabular_cusum",
    title=LocalizedText(en="Tabular CUSUM control chart", zh="表格式累积和控制图(CUSUM)"),
    kind="algorithm",
    category="spc",
    domains=("production", "operations"),
    industries=("general", "chemical", "pharmaceutical", "electronics", "energy"),
    inputs=CusumIn,
    outputs=CusumOut,
    func=tabular_cusum,
    formula="C⁺ᵢ = max[0, xᵢ − (μ0 + K) + C⁺ᵢ₋₁]; C⁻ᵢ = max[0, (μ0 − K) − xᵢ + C⁻ᵢ₋₁]; K = kσ, H = hσ; "
    "alarm when C > H; new mean μ0 ± (K + C/N), N = run of non-zero sums",
    reference=f"{MONTGOMERY} §9.1.2, Example 9.1, Tables 9.1-9.2; GB/T 17989.4-2020 (ISO 7870-4) CUSUM",
    examples=(
        Example(
            inputs={"values": TABLE_9_1, "target": 10, "sigma": 1, "k": 0.5, "h": 5},
            expected={
                "upper.3": 1.16,
                "upper.4": 2.82,
                "upper.22": 1.79,
                "upper.27": 4.47,
                "upper.28": 5.28,
                "upper.29": 5.30,
                "first_alarm": 28,
                "shift_start": 22,
                "shifted_mean": 11.25,
            },
            source="Montgomery Example 9.1, Table 9.2: C⁺ = 1.16, 2.82 at periods 4, 5; 1.79 at 23; 4.47, "
            "5.28, 5.30 at 28-30; signal at period 29 with N⁺ = 7 (last in control at 22); μ̂ = 11.25",
            abs_tol=5e-3,
        ),
    ),
)

EWMA = ComputationSpec(
    name="spc.ewma_chart",
    title=LocalizedText(en="EWMA control chart", zh="指数加权移动平均控制图(EWMA)"),
    kind="algorithm",
    category="spc",
    domains=("production", "operations"),
    industries=("general", "chemical", "pharmaceutical", "electronics", "energy"),
    inputs=EwmaIn,
    outputs=EwmaOut,
    func=ewma_chart,
    formula="zᵢ = λxᵢ + (1 − λ)zᵢ₋₁, z₀ = μ0; limits μ0 ± Lσ√(λ/(2 − λ)·[1 − (1 − λ)^(2i)])",
    reference=f"{MONTGOMERY} §9.2.1, Example 9.2, Table 9.11",
    examples=(
        Example(
            inputs={"values": TABLE_9_1, "target": 10, "sigma": 1, "lam": 0.1, "width": 2.7},
            expected={
                "ewma.0": 9.945,
                "ewma.1": 9.7495,
                "ucl.0": 10.27,
                "lcl.0": 9.73,
                "ucl.1": 10.36,
                "lcl.1": 9.64,
                "diagnostics.steady_ucl": 10.62,
            },
            source="Montgomery Example 9.2 (λ = 0.10, L = 2.7 on the Table 9.1 data): z₁ = 9.945, "
            "z₂ = 9.7495; UCL/LCL 10.27/9.73 at period 1, 10.36/9.64 at period 2, 10.62 in steady state",
            abs_tol=5e-3,
        ),
    ),
)

SPECS = (CUSUM, EWMA)

__all__ = ["SPECS", "ewma_chart", "tabular_cusum"]
