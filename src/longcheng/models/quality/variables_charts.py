"""Control limits of Shewhart variables charts (X̄–R, X̄–S, individuals–moving range) and of the EWMA
chart, from the phase-I statistics."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.quality._base import MONTGOMERY, Spread, Value, _In, _Out, quality_spec
from longcheng.models.quality.constants import chart_constants

DOMAINS = ("production", "operations")
Subgroup = Annotated[int, Field(ge=2, le=50, description="n, observations per subgroup")]
NonNegative = Annotated[float, Unit(ge=0), Field(description="in the unit of the characteristic")]


class Limits(_Out):
    center: Value
    ucl: Value
    lcl: Value


class TwoCharts(_Out):
    mean_chart: Limits
    spread_chart: Limits
    sigma: Annotated[float, Unit(), Field(description="σ̂ estimated from the spread statistic")]


def _limits(center: float, half_width: float, floor: float | None = None) -> Limits:
    lcl = center - half_width
    return Limits(center=center, ucl=center + half_width, lcl=lcl if floor is None else max(floor, lcl))


class XbarRIn(_In):
    grand_mean: Annotated[Value, Field(description="x̿, mean of the subgroup means")]
    mean_range: Annotated[NonNegative, Field(description="R̄, mean subgroup range")]
    subgroup_size: Subgroup


def xbar_r_limits(p: XbarRIn) -> TwoCharts:
    k = chart_constants(p.subgroup_size)
    sigma = p.mean_range / k.d2
    return TwoCharts(
        mean_chart=_limits(p.grand_mean, 3 * sigma / math.sqrt(p.subgroup_size)),
        spread_chart=_limits(p.mean_range, 3 * k.d3 * sigma, floor=0.0),
        sigma=sigma,
    )


class XbarSIn(_In):
    grand_mean: Annotated[Value, Field(description="x̿, mean of the subgroup means")]
    mean_std: Annotated[NonNegative, Field(description="s̄, mean subgroup standard deviation")]
    subgroup_size: Subgroup


def xbar_s_limits(p: XbarSIn) -> TwoCharts:
    c4 = chart_constants(p.subgroup_size).c4
    sigma = p.mean_std / c4
    return TwoCharts(
        mean_chart=_limits(p.grand_mean, 3 * sigma / math.sqrt(p.subgroup_size)),
        spread_chart=_limits(p.mean_std, 3 * sigma * math.sqrt(1 - c4 * c4), floor=0.0),
        sigma=sigma,
    )


class IndividualsIn(_In):
    mean: Annotated[Value, Field(description="x̄ of the individual values")]
    mean_moving_range: Annotated[NonNegative, Field(description="MR̄ of spans of two")]


def individuals_limits(p: IndividualsIn) -> TwoCharts:
    k = chart_constants(2)
    sigma = p.mean_moving_range / k.d2
    return TwoCharts(
        mean_chart=_limits(p.mean, 3 * sigma),
        spread_chart=_limits(p.mean_moving_range, 3 * k.d3 * sigma, floor=0.0),
        sigma=sigma,
    )


class EwmaIn(_In):
    target: Annotated[Value, Field(description="μ0, in-control mean")]
    sigma: Annotated[Spread, Field(description="σ of individual observations")]
    smoothing: Annotated[float, Unit(gt=0, le=1), Field(description="λ")] = 0.1
    width: Annotated[float, Unit(gt=0, le=6), Field(description="L, limit width in σ_z")] = 2.7
    sample_index: Annotated[int, Field(ge=1, description="i: the exact limits at sample i")] | None = None


def ewma_limits(p: EwmaIn) -> Limits:
    lam = p.smoothing
    factor = lam / (2 - lam)
    if p.sample_index is not None:
        factor *= 1 - (1 - lam) ** (2 * p.sample_index)
    return _limits(p.target, p.width * p.sigma * math.sqrt(factor))


PISTON = "piston-ring inside diameters, 25 subgroups of 5"
SPECS = (
    quality_spec(
        "xbar_r_limits",
        ("X̄–R control chart limits", "均值–极差控制图控制限"),
        (XbarRIn, TwoCharts),
        xbar_r_limits,
        "X̄: x̿ ± A2·R̄; R: D3·R̄, D4·R̄ (A2 = 3/(d2√n), D3,4 = 1 ∓ 3d3/d2); σ̂ = R̄/d2",
        f"{MONTGOMERY}, §6.2 X̄ and R charts; GB/T 17989.2-2020 (ISO 7870-2:2013)",
        (
            Example(
                {"grand_mean": 74.001, "mean_range": 0.023, "subgroup_size": 5},
                {
                    "mean_chart.ucl": 74.014,
                    "mean_chart.lcl": 73.988,
                    "spread_chart.ucl": 0.049,
                    "spread_chart.lcl": 0.0,
                },
                f"{MONTGOMERY}, Example 6.1 ({PISTON}): UCL 74.014, LCL 73.988; R chart UCL 0.049, LCL 0",
                abs_tol=6e-4,
            ),
        ),
        domains=DOMAINS,
    ),
    quality_spec(
        "xbar_s_limits",
        ("X̄–S control chart limits", "均值–标准差控制图控制限"),
        (XbarSIn, TwoCharts),
        xbar_s_limits,
        "X̄: x̿ ± A3·s̄; S: B3·s̄, B4·s̄ (A3 = 3/(c4√n), B3,4 = 1 ∓ 3√(1−c4²)/c4); σ̂ = s̄/c4",
        f"{MONTGOMERY}, §6.3 X̄ and s charts; GB/T 17989.2-2020 (ISO 7870-2:2013)",
        (
            Example(
                {"grand_mean": 74.001, "mean_std": 0.0094, "subgroup_size": 5},
                {
                    "mean_chart.ucl": 74.014,
                    "mean_chart.lcl": 73.988,
                    "spread_chart.ucl": 0.0196,
                    "spread_chart.lcl": 0.0,
                },
                f"{MONTGOMERY}, §6.3 x̄ and s charts for the {PISTON}: UCL 74.014, LCL 73.988; "
                "s chart UCL 0.0196, LCL 0",
                abs_tol=6e-4,
            ),
        ),
        domains=DOMAINS,
    ),
    quality_spec(
        "individuals_limits",
        ("Individuals–moving range chart limits", "单值–移动极差控制图控制限"),
        (IndividualsIn, TwoCharts),
        individuals_limits,
        "I: x̄ ± 3·MR̄/d2 = x̄ ± 2.660·MR̄; MR: UCL = D4·MR̄ = 3.267·MR̄, LCL = 0 (n = 2)",
        f"{MONTGOMERY}, §6.4 the control chart for individual measurements",
        (
            Example(
                {"mean": 10.0, "mean_moving_range": 1.128},
                {"mean_chart.ucl": 13.0, "mean_chart.lcl": 7.0, "spread_chart.ucl": 3.685},
                "hand-derived with the n = 2 constants E2 = 2.660, D4 = 3.267: 10 ± 2.660·1.128 = 13.0/7.0; "
                "3.267·1.128 = 3.685",
                abs_tol=2e-3,
            ),
        ),
        domains=DOMAINS,
    ),
    quality_spec(
        "ewma_limits",
        ("EWMA control chart limits", "指数加权移动平均（EWMA）控制图控制限"),
        (EwmaIn, Limits),
        ewma_limits,
        "μ0 ± L·σ·√(λ/(2 − λ)·[1 − (1 − λ)^(2i)]); steady state without the bracket",
        f"{MONTGOMERY}, §9.2 the exponentially weighted moving average control chart",
        (
            Example(
                {"target": 10, "sigma": 1, "smoothing": 0.1, "width": 2.7, "sample_index": 1},
                {"ucl": 10.27, "lcl": 9.73},
                f"{MONTGOMERY}, Example 9.2 (λ = 0.10, L = 2.7, μ0 = 10, σ = 1): UCL 10.27 at i = 1",
                abs_tol=5e-3,
            ),
            Example(
                {"target": 10, "sigma": 1, "smoothing": 0.1, "width": 2.7},
                {"ucl": 10.62, "lcl": 9.38},
                f"{MONTGOMERY}, Example 9.2: steady-state limits 10.62 and 9.38",
                abs_tol=5e-3,
            ),
        ),
        domains=DOMAINS,
    ),
)
