"""Measurement system analysis: gauge R&R (AIAG MSA 4th ed., average-and-range method and from variance
components) and the GUM combined standard uncertainty."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, model_validator

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.quality._base import _In, _Out, quality_spec

MSA = "AIAG, Measurement Systems Analysis Reference Manual, 4th ed. (2010), ch. III §B"
# MSA 4th ed. average-and-range method constants (1/d2*): K1 by trials, K2 by appraisers, K3 by parts.
K1 = {2: 0.8862, 3: 0.5908}
K2 = {2: 0.7071, 3: 0.5231}
K3 = {2: 0.7071, 3: 0.5231, 4: 0.4467, 5: 0.4030, 6: 0.3742, 7: 0.3534, 8: 0.3375, 9: 0.3249, 10: 0.3146}
DOMAINS = ("production", "operations", "rd_design")
Sd = Annotated[float, Unit(ge=0), Field(description="standard deviation, unit of the measurement")]
Percent = Annotated[float, Unit("percent")]
# AIAG MSA 4th ed. worked example (3 appraisers × 3 trials × 10 parts)
MSA_RESULT = {
    "repeatability": 0.20188,
    "reproducibility": 0.22963,
    "gauge_rr": 0.30575,
    "part_variation": 1.10456,
    "total_variation": 1.14610,
    "percent_repeatability": 17.62,
    "percent_reproducibility": 20.04,
    "percent_grr": 26.68,
    "percent_part": 96.38,
    "distinct_categories": 5,
}


class GrrOut(_Out):
    repeatability: Annotated[float, Unit(), Field(description="EV")]
    reproducibility: Annotated[float, Unit(), Field(description="AV")]
    gauge_rr: Annotated[float, Unit(), Field(description="GRR = √(EV² + AV²)")]
    part_variation: Annotated[float, Unit(), Field(description="PV")]
    total_variation: Annotated[float, Unit(), Field(description="TV = √(GRR² + PV²)")]
    percent_repeatability: Percent
    percent_reproducibility: Percent
    percent_grr: Percent
    percent_part: Percent
    distinct_categories: Annotated[int, Field(description="ndc = ⌊1.41·PV/GRR⌋")]
    percent_grr_tolerance: Percent | None


def _report(ev: float, av: float, pv: float, tolerance: float | None) -> GrrOut:
    grr = math.hypot(ev, av)
    tv = math.hypot(grr, pv)
    if grr <= 0 or tv <= 0:
        raise ValueError("the variation components are all zero")
    return GrrOut(
        repeatability=ev,
        reproducibility=av,
        gauge_rr=grr,
        part_variation=pv,
        total_variation=tv,
        percent_repeatability=100 * ev / tv,
        percent_reproducibility=100 * av / tv,
        percent_grr=100 * grr / tv,
        percent_part=100 * pv / tv,
        distinct_categories=math.floor(1.41 * pv / grr),
        percent_grr_tolerance=None if tolerance is None else 100 * 6 * grr / tolerance,
    )


class GrrComponentsIn(_In):
    repeatability: Annotated[Sd, Field(description="EV, equipment variation σ")]
    reproducibility: Annotated[Sd, Field(description="AV, appraiser variation σ")]
    part_variation: Annotated[Sd, Field(description="PV, part-to-part σ")]
    tolerance: Annotated[float, Unit(gt=0), Field(description="USL − LSL")] | None = None


def gauge_rr_components(p: GrrComponentsIn) -> GrrOut:
    return _report(p.repeatability, p.reproducibility, p.part_variation, p.tolerance)


class GrrAverageRangeIn(_In):
    mean_range: Annotated[float, Unit(ge=0), Field(description="R̿, mean of the appraisers' average ranges")]
    appraiser_difference: Annotated[float, Unit(ge=0), Field(description="X̄_diff, max − min appraiser mean")]
    part_range: Annotated[float, Unit(ge=0), Field(description="R_p, range of the part averages")]
    trials: Literal[2, 3] = 3
    appraisers: Literal[2, 3] = 3
    parts: Annotated[int, Field(ge=2, le=10)] = 10
    tolerance: Annotated[float, Unit(gt=0), Field(description="USL − LSL")] | None = None


def gauge_rr_average_range(p: GrrAverageRangeIn) -> GrrOut:
    ev = p.mean_range * K1[p.trials]
    av_squared = (p.appraiser_difference * K2[p.appraisers]) ** 2 - ev**2 / (p.parts * p.trials)
    return _report(ev, math.sqrt(max(0.0, av_squared)), p.part_range * K3[p.parts], p.tolerance)


class UncertaintyIn(_In):
    standard_uncertainties: Annotated[
        list[Annotated[float, Unit(ge=0)]], Field(min_length=1, description="u(x_i), uncorrelated inputs")
    ]
    sensitivity_coefficients: Annotated[
        list[Annotated[float, Unit()]], Field(description="c_i = ∂f/∂x_i")
    ] | (None) = None
    coverage_factor: Annotated[float, Unit(gt=0, le=10), Field(description="k")] = 2.0

    @model_validator(mode="after")
    def _paired(self) -> UncertaintyIn:
        c = self.sensitivity_coefficients
        if c is not None and len(c) != len(self.standard_uncertainties):
            raise ValueError("sensitivity_coefficients must match standard_uncertainties in length")
        return self


class UncertaintyOut(_Out):
    combined_standard_uncertainty: Annotated[float, Unit()]
    expanded_uncertainty: Annotated[float, Unit()]


def combined_standard_uncertainty(p: UncertaintyIn) -> UncertaintyOut:
    c = p.sensitivity_coefficients or [1.0] * len(p.standard_uncertainties)
    uc = math.sqrt(sum((ci * ui) ** 2 for ci, ui in zip(c, p.standard_uncertainties, strict=True)))
    return UncertaintyOut(combined_standard_uncertainty=uc, expanded_uncertainty=p.coverage_factor * uc)


SPECS = (
    quality_spec(
        "gauge_rr_average_range",
        ("Gauge R&R, average-and-range method", "测量系统重复性与再现性（均值极差法）"),
        (GrrAverageRangeIn, GrrOut),
        gauge_rr_average_range,
        "EV = R̿·K1; AV = √((X̄_diff·K2)² − EV²/(n·r)); GRR = √(EV² + AV²); PV = R_p·K3; "
        "TV = √(GRR² + PV²); %X = 100·X/TV; ndc = ⌊1.41·PV/GRR⌋",
        f"{MSA}, average and range method, K1/K2/K3 tables",
        (
            Example(
                {"mean_range": 0.3417, "appraiser_difference": 0.4446, "part_range": 3.511},
                MSA_RESULT,
                f"{MSA}, worked example (Gage R&R report): EV 0.20188, AV 0.22963, GRR 0.30575, "
                "PV 1.10456, TV 1.14610, %GRR 26.68, ndc 5",
                rel_tol=5e-4,
            ),
        ),
        domains=DOMAINS,
    ),
    quality_spec(
        "gauge_rr_components",
        ("Gauge R&R from variance components", "由方差分量计算测量系统R&R"),
        (GrrComponentsIn, GrrOut),
        gauge_rr_components,
        "GRR = √(EV² + AV²); TV = √(GRR² + PV²); %GRR = 100·GRR/TV; %GRR(tol) = 100·6·GRR/(USL − LSL); "
        "ndc = ⌊1.41·PV/GRR⌋ (EV, AV, PV as standard deviations, e.g. from ANOVA)",
        f"{MSA}, analysis of results (ANOVA and average-and-range methods)",
        (
            Example(
                {"repeatability": 0.20188, "reproducibility": 0.22963, "part_variation": 1.10456},
                MSA_RESULT,
                f"{MSA}, worked example: GRR 0.30575, TV 1.14610, %EV 17.62, %AV 20.04, %GRR 26.68, "
                "%PV 96.38, ndc 5",
                rel_tol=5e-4,
            ),
        ),
        domains=DOMAINS,
    ),
    quality_spec(
        "combined_standard_uncertainty",
        ("Combined and expanded measurement uncertainty (GUM)", "合成标准不确定度与扩展不确定度（GUM）"),
        (UncertaintyIn, UncertaintyOut),
        combined_standard_uncertainty,
        "u_c = √(Σ (c_i·u(x_i))²) for uncorrelated inputs; U = k·u_c",
        "JCGM 100:2008 (GUM) eq. (10) and §6.2; JJF 1059.1-2012 测量不确定度评定与表示 §4",
        (
            Example(
                {"standard_uncertainties": [0.1, 0.2], "sensitivity_coefficients": [1, 2]},
                {"combined_standard_uncertainty": 0.4123106, "expanded_uncertainty": 0.8246211},
                "hand-derived: √(0.1² + (2·0.2)²) = √0.17 = 0.412311; U = 2·u_c = 0.824621",
                rel_tol=1e-6,
            ),
        ),
        domains=("production", "rd_design", "operations"),
        industries=("general", "machinery", "electronics", "pharmaceutical", "chemical"),
    ),
)
