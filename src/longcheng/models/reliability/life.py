"""Life distributions: Weibull reliability, hazard and life percentiles, conditional reliability and mean
residual life, the exponential model and chi-square confidence limits on an exponential MTBF."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field
from scipy import integrate, special, stats

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.reliability._base import (
    EBELING,
    Hours,
    PositiveHours,
    Probability,
    _In,
    _Out,
    reliability_spec,
)

Shape = Annotated[float, Unit(gt=0, le=20), Field(description="Weibull shape β")]
Scale = Annotated[PositiveHours, Field(description="Weibull characteristic life η")]
PerHour = Annotated[float, Unit("1/h")]
# Research-note vector RL5/RL6 [C]: β 2, η 1000 h, t 500 h → R 0.77880, MTTF 886.227 h.
WEIBULL = {"shape": 2, "scale": 1000}


class WeibullIn(_In):
    shape: Shape
    scale: Scale
    time: Annotated[Hours, Field(description="age t")]


class WeibullOut(_Out):
    reliability: Probability
    unreliability: Probability
    hazard_rate: PerHour
    density: PerHour


def weibull_reliability(p: WeibullIn) -> WeibullOut:
    if p.time == 0 and p.shape < 1:
        raise ValueError("the hazard rate is unbounded at t = 0 when the shape β < 1")
    dist = stats.weibull_min(p.shape, scale=p.scale)
    reliability = float(dist.sf(p.time))
    density = float(dist.pdf(p.time))
    hazard = p.shape / p.scale * math.pow(p.time / p.scale, p.shape - 1)
    return WeibullOut(
        reliability=reliability, unreliability=float(dist.cdf(p.time)), hazard_rate=hazard, density=density
    )


class WeibullLifeIn(_In):
    shape: Shape
    scale: Scale
    failed_fraction: Annotated[float, Unit(gt=0, lt=1), Field(description="p of the B_p life")] = 0.10


class WeibullLifeOut(_Out):
    mean_life: Annotated[float, Unit("h"), Field(description="MTTF = η·Γ(1 + 1/β)")]
    median_life: Annotated[float, Unit("h")]
    b_life: Annotated[float, Unit("h"), Field(description="age by which the fraction p has failed")]


def weibull_life(p: WeibullLifeIn) -> WeibullLifeOut:
    dist = stats.weibull_min(p.shape, scale=p.scale)
    return WeibullLifeOut(
        mean_life=p.scale * special.gamma(1 + 1 / p.shape),
        median_life=float(dist.median()),
        b_life=float(dist.ppf(p.failed_fraction)),
    )


class ConditionalIn(_In):
    shape: Shape
    scale: Scale
    age: Annotated[Hours, Field(description="age already survived, t")]
    mission: Annotated[Hours, Field(description="further operating time, x")]


class ConditionalOut(_Out):
    conditional_reliability: Probability
    mean_residual_life: Annotated[float, Unit("h")]


def conditional_reliability(p: ConditionalIn) -> ConditionalOut:
    dist = stats.weibull_min(p.shape, scale=p.scale)
    survived = float(dist.sf(p.age))
    if survived <= 0:
        raise ValueError("the reliability at this age is zero")
    tail, _ = integrate.quad(dist.sf, p.age, math.inf)
    return ConditionalOut(
        conditional_reliability=float(dist.sf(p.age + p.mission)) / survived,
        mean_residual_life=tail / survived,
    )


class ExponentialIn(_In):
    mtbf: Annotated[PositiveHours, Field(description="mean time between failures θ = 1/λ")]
    time: Annotated[Hours, Field(description="mission time t")]


class ExponentialOut(_Out):
    failure_rate: PerHour
    reliability: Probability


def exponential_reliability(p: ExponentialIn) -> ExponentialOut:
    rate = 1.0 / p.mtbf
    return ExponentialOut(failure_rate=rate, reliability=math.exp(-rate * p.time))


class MtbfBoundsIn(_In):
    total_time: Annotated[PositiveHours, Field(description="accumulated test time T of all units")]
    failures: Annotated[int, Field(ge=0, le=100_000, description="failures r")]
    confidence: Annotated[float, Unit(gt=0, lt=1)] = 0.90
    termination: Literal["time", "failure"] = "time"


class MtbfBoundsOut(_Out):
    point_estimate: Annotated[float, Unit("h")] | None
    lower_one_sided: Annotated[float, Unit("h")]
    lower_two_sided: Annotated[float, Unit("h")]
    upper_two_sided: Annotated[float, Unit("h")] | None


def mtbf_confidence_bounds(p: MtbfBoundsIn) -> MtbfBoundsOut:
    r, t, c = p.failures, p.total_time, p.confidence
    if p.termination == "failure" and r == 0:
        raise ValueError("a failure-terminated test has at least one failure")
    lower_df = 2 * r + 2 if p.termination == "time" else 2 * r
    upper = 2 * t / stats.chi2.ppf((1 - c) / 2, 2 * r) if r > 0 else None
    return MtbfBoundsOut(
        point_estimate=t / r if r > 0 else None,
        lower_one_sided=2 * t / stats.chi2.ppf(c, lower_df),
        lower_two_sided=2 * t / stats.chi2.ppf((1 + c) / 2, lower_df),
        upper_two_sided=None if upper is None else float(upper),
    )


_CIVIL = ("operations", "rd_design", "product_service", "production")
SPECS = (
    reliability_spec(
        "weibull_reliability",
        ("Weibull reliability and hazard rate", "威布尔可靠度与失效率"),
        (WeibullIn, WeibullOut),
        weibull_reliability,
        "R(t) = exp[−(t/η)^β]; F = 1 − R; h(t) = (β/η)(t/η)^(β−1); f = h·R",
        f"{EBELING}, ch. 'Time-dependent failure models' (Weibull); IEC 61649:2008 Weibull analysis",
        (
            Example(
                {**WEIBULL, "time": 500},
                {
                    "reliability": 0.7788008,
                    "unreliability": 0.2211992,
                    "hazard_rate": 0.001,
                    "density": 7.788008e-4,
                },
                "research note RL5 [C]: exp(−0.5²) = 0.778801; h = (2/1000)(0.5) = 0.001 /h (recomputed)",
                rel_tol=1e-6,
            ),
        ),
    ),
    reliability_spec(
        "weibull_life",
        ("Weibull mean life and B-life", "威布尔平均寿命与B寿命"),
        (WeibullLifeIn, WeibullLifeOut),
        weibull_life,
        "MTTF = η·Γ(1 + 1/β); t_median = η(ln 2)^(1/β); B_p = η[−ln(1 − p)]^(1/β)",
        f"{EBELING}, ch. 'Time-dependent failure models' (Weibull); IEC 61649:2008 Weibull analysis",
        (
            Example(
                WEIBULL,
                {"mean_life": 886.2269, "median_life": 832.5546, "b_life": 324.5928},
                "research note RL6 [C]: 1000·Γ(1.5) = 886.227 h; B10 = 1000·(−ln 0.9)^0.5 = 324.593 h "
                "(recomputed in 30-digit arithmetic)",
                rel_tol=1e-6,
            ),
        ),
    ),
    reliability_spec(
        "conditional_reliability",
        ("Conditional reliability and mean residual life", "条件可靠度与平均剩余寿命"),
        (ConditionalIn, ConditionalOut),
        conditional_reliability,
        "R(x | t) = R(t + x)/R(t); MRL(t) = ∫_t^∞ R(u) du / R(t), Weibull R",
        f"{EBELING}, ch. 'The failure distribution' (conditional reliability, mean residual life)",
        (
            Example(
                {**WEIBULL, "age": 500, "mission": 100},
                {"conditional_reliability": 0.8958341, "mean_residual_life": 545.6414},
                "computed: exp(−0.36 + 0.25) = 0.895834; MRL by 30-digit quadrature (mpmath) = 545.641 h",
                rel_tol=1e-6,
            ),
        ),
    ),
    reliability_spec(
        "exponential_reliability",
        ("Exponential reliability (constant failure rate)", "指数分布可靠度"),
        (ExponentialIn, ExponentialOut),
        exponential_reliability,
        "λ = 1/MTBF; R(t) = e^(−λt)",
        f"{EBELING}, ch. 'Constant failure rate model'",
        (
            Example(
                {"mtbf": 1000, "time": 100},
                {"failure_rate": 0.001, "reliability": 0.9048374},
                "hand-derived: e^(−0.1) = 0.904837",
                rel_tol=1e-6,
            ),
        ),
        domains=_CIVIL,
    ),
    reliability_spec(
        "mtbf_confidence_bounds",
        ("MTBF confidence limits (exponential, χ²)", "MTBF置信限（指数分布χ²法）"),
        (MtbfBoundsIn, MtbfBoundsOut),
        mtbf_confidence_bounds,
        "θ̂ = T/r; time-terminated θ_L = 2T/χ²(C; 2r+2), failure-terminated θ_L = 2T/χ²(C; 2r); "
        "two-sided: χ²((1+C)/2; ·) for the lower and θ_U = 2T/χ²((1−C)/2; 2r)",
        "IEC 60605-4:2001 Equipment reliability testing — Part 4: Statistical procedures for exponential "
        f"distribution — point estimates, confidence intervals; {EBELING}, exponential confidence intervals",
        (
            Example(
                {"total_time": 1000, "failures": 2, "confidence": 0.90},
                {
                    "point_estimate": 500.0,
                    "lower_one_sided": 187.888,
                    "lower_two_sided": 158.836,
                    "upper_two_sided": 2814.04,
                },
                "χ² table values χ²(0.90; 6) = 10.645, χ²(0.95; 6) = 12.592, χ²(0.05; 4) = 0.711: "
                "2000/10.645 = 187.9 h, 2000/12.592 = 158.8 h, 2000/0.7107 = 2814 h",
                rel_tol=1e-4,
            ),
        ),
    ),
)
