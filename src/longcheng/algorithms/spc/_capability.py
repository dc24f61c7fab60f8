"""Process capability from data: Cp/Cpk (within-subgroup σ), Pp/Ppk (overall σ), Cpm, with intervals."""

from __future__ import annotations

import math
from typing import Annotated, Self

import numpy as np
from pydantic import Field, model_validator
from scipy import stats

from longcheng.algorithms._series import AlgoOut, SeriesIn, as_array
from longcheng.algorithms.spc._constants import MAX_N, factors
from longcheng.algorithms.spc._shewhart import PISTON_RINGS
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

Spec = Annotated[float, Field(allow_inf_nan=False)]


class CapabilityIn(SeriesIn):
    lsl: Spec | None = None
    usl: Spec | None = None
    target: Spec | None = None
    subgroup_size: Annotated[int, Field(ge=1, le=MAX_N, description="1: σ_within = MR̄/d2; n: R̄/d2")] = 1
    confidence: Annotated[float, Field(gt=0, lt=1)] = 0.95

    @model_validator(mode="after")
    def _limits(self) -> Self:
        if self.lsl is None and self.usl is None:
            raise ValueError("give lsl, usl or both")
        if self.lsl is not None and self.usl is not None and self.usl <= self.lsl:
            raise ValueError("usl must be above lsl")
        if len(self.values) % self.subgroup_size:
            raise ValueError("the number of values must be a multiple of subgroup_size")
        return self


class CapabilityOut(AlgoOut):
    mean: float
    sigma_within: float
    sigma_overall: float
    cp: float | None
    cpk: float
    pp: float | None
    ppk: float
    cpm: float | None
    pp_lower: float | None
    pp_upper: float | None
    ppk_lower: float
    ppk_upper: float
    expected_ppm: Annotated[float, Field(description="nonconforming parts per million at σ_overall (normal)")]


def _sigma_within(x: np.ndarray, n: int) -> float:
    if n == 1:
        return float(np.abs(np.diff(x)).mean()) / factors(2).d2
    groups = x.reshape(-1, n)
    return float(np.ptp(groups, axis=1).mean()) / factors(n).d2


def _indices(mean: float, sigma: float, lsl: float | None, usl: float | None) -> tuple[float | None, float]:
    sides = [(usl - mean) / (3 * sigma)] if usl is not None else []
    sides += [(mean - lsl) / (3 * sigma)] if lsl is not None else []
    both = (usl - lsl) / (6 * sigma) if usl is not None and lsl is not None else None
    return both, min(sides)


def process_capability(p: CapabilityIn) -> CapabilityOut:
    x = as_array(p.values)
    n, mean = len(x), float(x.mean())
    s, sw = float(x.std(ddof=1)), _sigma_within(x, p.subgroup_size)
    cp, cpk = _indices(mean, sw, p.lsl, p.usl)
    pp, ppk = _indices(mean, s, p.lsl, p.usl)
    alpha = 1 - p.confidence
    pp_lo = pp_hi = cpm = None
    if pp is not None:
        pp_lo = pp * math.sqrt(stats.chi2.ppf(alpha / 2, n - 1) / (n - 1))
        pp_hi = pp * math.sqrt(stats.chi2.ppf(1 - alpha / 2, n - 1) / (n - 1))
    if pp is not None and p.target is not None:
        cpm = pp * s / math.sqrt(s**2 + (mean - p.target) ** 2)
    z = float(stats.norm.ppf(1 - alpha / 2))
    half = z * math.sqrt(1 / (9 * n * ppk**2) + 1 / (2 * (n - 1)))
    below = stats.norm.cdf((p.lsl - mean) / s) if p.lsl is not None else 0.0
    above = stats.norm.sf((p.usl - mean) / s) if p.usl is not None else 0.0
    return CapabilityOut(
        mean=mean,
        sigma_within=sw,
        sigma_overall=s,
        cp=cp,
        cpk=cpk,
        pp=pp,
        ppk=ppk,
        cpm=cpm,
        pp_lower=pp_lo,
        pp_upper=pp_hi,
        ppk_lower=ppk * (1 - half),
        ppk_upper=ppk * (1 + half),
        expected_ppm=float(below + above) * 1e6,
        diagnostics={"n": n, "subgroup_size": p.subgroup_size, "z": z},
    )


_DEV = 1.75 * math.sqrt(19 / 20)  # ± this about the mean: n = 20 values with sample s = 1.75 exactly

CAPABILITY = ComputationSpec(
    name="spc.process_capability",
    title=LocalizedText(en="Process capability indices from data", zh="过程能力指数(Cp/Cpk/Pp/Ppk)"),
    kind="algorithm",
    category="spc",
    domains=("production", "rd_design", "operations"),
    industries=("general", "machinery", "automotive", "electronics", "pharmaceutical"),
    inputs=CapabilityIn,
    outputs=CapabilityOut,
    func=process_capability,
    formula="Cp = (USL − LSL)/6σ_w, Cpk = min(USL − x̄, x̄ − LSL)/3σ_w (σ_w = R̄/d2 or MR̄/d2); Pp, Ppk "
    "with s; Cpm = (USL − LSL)/6√(s² + (x̄ − T)²); Pp·√(χ²_{α/2,n−1}/(n−1)) … Pp·√(χ²_{1−α/2,n−1}/(n−1)); "
    "Ppk[1 ∓ z_{α/2}√(1/(9nPpk²) + 1/(2(n−1)))]",
    reference="Montgomery, Introduction to Statistical Quality Control, 7th ed., §8.3, Eq. 8.19-8.20, "
    "Examples 8.5-8.6; GB/T 4091-2001 / ISO 22514-2:2017 process performance and capability",
    examples=(
        Example(
            inputs={"values": [50 + _DEV, 50 - _DEV] * 10, "lsl": 38, "usl": 62},
            expected={"pp": 2.29, "pp_lower": 1.57, "pp_upper": 3.01},
            source="Montgomery Example 8.5: n = 20, s = 1.75, USL 62, LSL 38 → Ĉp = 2.29, 95 % interval "
            "1.57 ≤ Cp ≤ 3.01 (χ²₀.₉₇₅,₁₉ = 8.91, χ²₀.₀₂₅,₁₉ = 32.85); data built with that n, mean and s",
            abs_tol=6e-3,
        ),
        Example(
            inputs={"values": [45 + _DEV, 45 - _DEV] * 10, "lsl": 38, "usl": 62},
            expected={"ppk": 1.33, "ppk_lower": 0.88, "ppk_upper": 1.78},
            source="Montgomery Example 8.6: n = 20, Ĉpk = 1.33 → approximate 95 % interval "
            "0.88 ≤ Cpk ≤ 1.78; data built with n = 20, s = 1.75, x̄ = 45 (Ĉpk = 7/5.25 = 1.333)",
            abs_tol=6e-3,
        ),
        Example(
            inputs={
                "values": [v for g in PISTON_RINGS for v in g],
                "lsl": 73.95,
                "usl": 74.05,
                "subgroup_size": 5,
            },
            expected={"cp": 1.70, "cpk": 1.66},
            source="Montgomery §8.3 / R qcc process.capability on the piston-ring data (samples 1-25, "
            "spec 74.000 ± 0.05 mm): σ̂ = R̄/d2 = 0.00979, Cp = 1.70, Cpk = Cpu = 1.66",
            abs_tol=5e-3,
        ),
    ),
)

SPECS = (CAPABILITY,)

__all__ = ["SPECS", "process_capability"]
