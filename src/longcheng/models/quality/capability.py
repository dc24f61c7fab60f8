"""Process capability and performance: Cp, Cpk, Cpm from a known σ, from subgroup ranges (σ̂ = R̄/d2),
Pp/Ppk from raw data, and the expected fraction nonconforming of a normal process."""

from __future__ import annotations

import math
import statistics
from typing import Annotated

from pydantic import Field, model_validator
from scipy import stats

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.quality._base import (
    MONTGOMERY,
    Index,
    Probability,
    Spread,
    Value,
    _In,
    _Out,
    quality_spec,
)
from longcheng.models.quality.constants import chart_constants

AIAG_SPC = "AIAG, Statistical Process Control (SPC) Reference Manual, 2nd ed. (2005), ch. IV"
ISO_22514 = "ISO 22514-2:2017 Statistical methods in process management — Capability and performance"


class _Limits(_In):
    upper_specification_limit: Value
    lower_specification_limit: Value

    @model_validator(mode="after")
    def _ordered(self) -> _Limits:
        if self.upper_specification_limit <= self.lower_specification_limit:
            raise ValueError("upper_specification_limit must exceed lower_specification_limit")
        return self


def _indices(usl: float, lsl: float, mean: float, sigma: float) -> tuple[float, float, float, float]:
    """(C_p, C_pk, C_pu, C_pl) for a normal process of this mean and σ."""
    cpu = (usl - mean) / (3 * sigma)
    cpl = (mean - lsl) / (3 * sigma)
    return (usl - lsl) / (6 * sigma), min(cpu, cpl), cpu, cpl


class CapabilityIn(_Limits):
    mean: Annotated[Value, Field(description="process mean μ")]
    sigma: Annotated[Spread, Field(description="within-subgroup σ")]
    target: Annotated[Value, Field(description="T, for Cpm")] | None = None


class CapabilityOut(_Out):
    cp: Index
    cpk: Index
    cpu: Index
    cpl: Index
    cpm: Index | None


def process_capability(p: CapabilityIn) -> CapabilityOut:
    usl, lsl = p.upper_specification_limit, p.lower_specification_limit
    cp, cpk, cpu, cpl = _indices(usl, lsl, p.mean, p.sigma)
    cpm = None
    if p.target is not None:
        cpm = (usl - lsl) / (6 * math.sqrt(p.sigma**2 + (p.mean - p.target) ** 2))
    return CapabilityOut(cp=cp, cpk=cpk, cpu=cpu, cpl=cpl, cpm=cpm)


class SubgroupCapabilityIn(_Limits):
    grand_mean: Annotated[Value, Field(description="x̿")]
    mean_range: Annotated[Spread, Field(description="R̄")]
    subgroup_size: Annotated[int, Field(ge=2, le=50, description="n")]


class SubgroupCapabilityOut(_Out):
    sigma: Annotated[float, Unit(), Field(description="σ̂ = R̄/d2")]
    cp: Index
    cpk: Index


def capability_from_ranges(p: SubgroupCapabilityIn) -> SubgroupCapabilityOut:
    sigma = p.mean_range / chart_constants(p.subgroup_size).d2
    cp, cpk, _, _ = _indices(p.upper_specification_limit, p.lower_specification_limit, p.grand_mean, sigma)
    return SubgroupCapabilityOut(sigma=sigma, cp=cp, cpk=cpk)


class PerformanceIn(_Limits):
    values: Annotated[list[Value], Field(min_length=2, description="individual measurements")]


class PerformanceOut(_Out):
    mean: Value
    standard_deviation: Annotated[float, Unit(), Field(description="overall s (n − 1)")]
    pp: Index
    ppk: Index


def process_performance(p: PerformanceIn) -> PerformanceOut:
    mean, s = statistics.fmean(p.values), statistics.stdev(p.values)
    if s <= 0:
        raise ValueError("the values do not vary: the performance indices are undefined")
    pp, ppk, _, _ = _indices(p.upper_specification_limit, p.lower_specification_limit, mean, s)
    return PerformanceOut(mean=mean, standard_deviation=s, pp=pp, ppk=ppk)


class FractionIn(_In):
    mean: Annotated[Value, Field(description="process mean μ")]
    sigma: Annotated[Spread, Field(description="process σ")]
    upper_specification_limit: Value | None = None
    lower_specification_limit: Value | None = None

    @model_validator(mode="after")
    def _one_limit(self) -> FractionIn:
        if self.upper_specification_limit is None and self.lower_specification_limit is None:
            raise ValueError("give at least one specification limit")
        return self


class FractionOut(_Out):
    below_lower: Probability
    above_upper: Probability
    fraction_nonconforming: Probability
    ppm: Annotated[float, Unit(), Field(description="parts per million nonconforming")]


def fraction_nonconforming(p: FractionIn) -> FractionOut:
    dist = stats.norm(p.mean, p.sigma)
    low = 0.0 if p.lower_specification_limit is None else float(dist.cdf(p.lower_specification_limit))
    high = 0.0 if p.upper_specification_limit is None else float(dist.sf(p.upper_specification_limit))
    return FractionOut(
        below_lower=low, above_upper=high, fraction_nonconforming=low + high, ppm=(low + high) * 1e6
    )


# Research-note vector Q11 [C]: USL 10.5, LSL 9.5, μ 10.1, σ 0.1 → Cp 1.6667, Cpk 1.3333.
LIMITS = {"upper_specification_limit": 10.5, "lower_specification_limit": 9.5}
SPECS = (
    quality_spec(
        "process_capability",
        ("Process capability indices Cp, Cpk, Cpm", "过程能力指数Cp、Cpk、Cpm"),
        (CapabilityIn, CapabilityOut),
        process_capability,
        "Cp = (USL − LSL)/6σ; Cpu = (USL − μ)/3σ; Cpl = (μ − LSL)/3σ; Cpk = min(Cpu, Cpl); "
        "Cpm = (USL − LSL)/(6√(σ² + (μ − T)²))",
        f"{MONTGOMERY}, §8.3 process capability ratios; {AIAG_SPC}; {ISO_22514}",
        (
            Example(
                {**LIMITS, "mean": 10.1, "sigma": 0.1, "target": 10.0},
                {"cp": 1.6666667, "cpk": 1.3333333, "cpu": 1.3333333, "cpl": 2.0, "cpm": 1.1785113},
                "research note Q11 [C] (Cp 1.667, Cpk 1.333); Cpm hand-derived: 1/(6·√0.02) = 1.178511",
                rel_tol=1e-6,
            ),
        ),
    ),
    quality_spec(
        "capability_from_ranges",
        ("Process capability from subgroup ranges", "基于子组极差的过程能力"),
        (SubgroupCapabilityIn, SubgroupCapabilityOut),
        capability_from_ranges,
        "σ̂ = R̄/d2(n); Cp = (USL − LSL)/6σ̂; Cpk = min(USL − x̿, x̿ − LSL)/3σ̂",
        f"{MONTGOMERY}, §8.3; {AIAG_SPC}",
        (
            Example(
                {
                    "upper_specification_limit": 74.05,
                    "lower_specification_limit": 73.95,
                    "grand_mean": 74.001,
                    "mean_range": 0.023,
                    "subgroup_size": 5,
                },
                {"sigma": 0.0099, "cp": 1.68},
                f"{MONTGOMERY}, §6.2 piston rings: σ̂ = 0.023/2.326 = 0.0099, Cp = 0.10/(6·0.0099) = 1.68 "
                "(the book rounds σ̂ to 0.0099)",
                abs_tol=0.01,
            ),
        ),
    ),
    quality_spec(
        "process_performance",
        ("Process performance indices Pp, Ppk", "过程性能指数Pp、Ppk"),
        (PerformanceIn, PerformanceOut),
        process_performance,
        "s = √(Σ(x − x̄)²/(n − 1)); Pp = (USL − LSL)/6s; Ppk = min(USL − x̄, x̄ − LSL)/3s",
        f"{AIAG_SPC} (Pp, Ppk from the total variation); {ISO_22514}",
        (
            Example(
                {**LIMITS, "values": [9.9, 10.0, 10.1, 10.2, 10.3]},
                {"mean": 10.1, "standard_deviation": 0.1581139, "pp": 1.0540926, "ppk": 0.8432740},
                "hand-derived: x̄ = 10.1, s = √(0.1/4) = 0.158114; Pp = 1/(6s) = 1.054093; "
                "Ppk = 0.4/(3s) = 0.843274",
                rel_tol=1e-6,
            ),
        ),
    ),
    quality_spec(
        "fraction_nonconforming",
        ("Expected fraction nonconforming (normal process)", "正态过程的预期不合格品率"),
        (FractionIn, FractionOut),
        fraction_nonconforming,
        "p = Φ((LSL − μ)/σ) + 1 − Φ((USL − μ)/σ); ppm = 10⁶·p",
        f"{MONTGOMERY}, §8.3 (process fallout for a normal process)",
        (
            Example(
                {**LIMITS, "mean": 10.1, "sigma": 0.1},
                {"fraction_nonconforming": 3.1672228e-5, "ppm": 31.672228},
                "computed in 30-digit arithmetic (mpmath): Φ(−6) + Φ(−4) = 3.16722e-5",
                rel_tol=1e-6,
            ),
        ),
    ),
)
