"""Reliability growth of a repairable system: the Crow-AMSAA (power-law NHPP) model."""

from __future__ import annotations

import math
from typing import Annotated, Self

import numpy as np
from pydantic import Field, model_validator
from scipy import stats

from longcheng.algorithms._series import AlgoIn, AlgoOut, as_array
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText


class CrowIn(AlgoIn):
    times: Annotated[
        list[Annotated[float, Field(gt=0, allow_inf_nan=False)]],
        Field(min_length=3, description="cumulative operating time (h) at each failure, increasing"),
    ]
    end_time: (
        Annotated[float, Unit("h", gt=0), Field(description="test end; none: ends at last failure")] | None
    ) = None
    confidence: Annotated[float, Field(gt=0, lt=1, description="two-sided level of the MTBF bounds")] = 0.8

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if any(b < a for a, b in zip(self.times, self.times[1:], strict=False)):
            raise ValueError("failure times must not decrease")
        if self.end_time is not None and self.end_time < self.times[-1]:
            raise ValueError("end_time is before the last failure")
        return self


class CrowOut(AlgoOut):
    beta_mle: float
    beta: Annotated[
        float, Field(description="unbiased shape: (n − 1)/Σ ln(T/tᵢ), or (n − 2)/… if failure-ended")
    ]
    lam: Annotated[float, Field(description="λ = n/T^β")]
    mtbf: Annotated[float, Unit("h"), Field(description="instantaneous MTBF T/(nβ) at the end of the test")]
    mtbf_lower: Annotated[float, Unit("h")] | None
    mtbf_upper: Annotated[float, Unit("h")] | None
    growth_rate: Annotated[float, Field(description="Duane α = 1 − β")]


def crow_amsaa(p: CrowIn) -> CrowOut:
    t = as_array(p.times)
    n = len(t)
    time_ended = p.end_time is not None
    big_t = float(p.end_time) if p.end_time is not None else float(t[-1])
    logs = float(np.sum(np.log(big_t / t)))
    if logs <= 0:
        raise ValueError("all failures at the end time: the shape cannot be estimated")
    beta_mle = n / logs
    beta = (n - 1) / logs if time_ended else (n - 2) / logs
    mtbf = big_t / (n * beta)
    lower = upper = None
    if time_ended:  # Crow's approximate bounds for a time-terminated test (NIST §8.4.2.3)
        z = float(stats.norm.ppf(1 - (1 - p.confidence) / 2))
        lower = mtbf * n * (n - 1) / (n + z**2 / 4 + math.sqrt(n * z**2 / 2 + z**4 / 16)) ** 2
        upper = mtbf * n * (n - 1) / (n - z * math.sqrt(n / 2)) ** 2 if n > z * math.sqrt(n / 2) else None
    return CrowOut(
        beta_mle=beta_mle,
        beta=beta,
        lam=n / big_t**beta,
        mtbf=mtbf,
        mtbf_lower=lower,
        mtbf_upper=upper,
        growth_rate=1 - beta,
        diagnostics={"failures": n, "end_time": big_t, "termination": "time" if time_ended else "failure"},
    )


NIST_TIMES = [5, 40, 43, 175, 389, 712, 747, 795, 1299, 1478]

CROW = ComputationSpec(
    name="rul.crow_amsaa",
    title=LocalizedText(en="Crow-AMSAA reliability growth", zh="Crow-AMSAA 可靠性增长模型"),
    kind="algorithm",
    category="rul",
    domains=("rd_design", "operations", "product_service"),
    industries=("general", "machinery", "aviation", "automotive", "electronics"),
    inputs=CrowIn,
    outputs=CrowOut,
    func=crow_amsaa,
    formula="N(t) = λt^β; β̂ = n/Σ ln(T/tᵢ) (MLE), β̄ = (n − 1)/Σ ln(T/tᵢ); λ = n/T^β; instantaneous MTBF = "
    "T/(nβ); bounds MTBF·n(n−1)/(n + z²/4 ± √(nz²/2 + z⁴/16))² and MTBF·n(n−1)/(n − z√(n/2))²",
    reference="NIST/SEMATECH e-Handbook §8.1.9.4 and §8.4.2.3 (power-law NHPP / Crow-AMSAA), case study "
    "§8.4.7.2; MIL-HDBK-189C (2011) §5.3; IEC 61164:2004 (GB/T 15174)",
    examples=(
        Example(
            inputs={"times": NIST_TIMES, "end_time": 1500, "confidence": 0.8},
            expected={
                "beta": 0.483506,
                "mtbf": 310.234,
                "mtbf_lower": 157.7138,
                "mtbf_upper": 548.5566,
                "lam": 0.2913003,
            },
            source="NIST e-Handbook reliability-improvement case study: 10 failures, test ended at 1500 h: "
            "b̂ = 0.516 (β = 1 − b = 0.4835), â = 0.2913, MTBF = 310.2 h, 80 % bounds 157.7 … 548.6 h",
            rel_tol=1e-5,
        ),
    ),
)

SPECS = (CROW,)

__all__ = ["SPECS", "crow_amsaa"]
