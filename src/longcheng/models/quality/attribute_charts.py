"""Control limits of the Shewhart attribute charts: p, np (nonconforming units) and c, u (nonconformities)."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.quality._base import MONTGOMERY, _In, _Out, quality_spec

DOMAINS = ("production", "operations")
SampleSize = Annotated[float, Unit(gt=0), Field(description="n, units inspected per sample")]
Count = Annotated[float, Unit(ge=0)]


class AttributeLimits(_Out):
    center: Count
    ucl: Count
    lcl: Annotated[Count, Field(description="negative limits are set to zero")]


def _limits(center: float, half_width: float) -> AttributeLimits:
    return AttributeLimits(center=center, ucl=center + half_width, lcl=max(0.0, center - half_width))


class FractionIn(_In):
    mean_fraction_nonconforming: Annotated[float, Unit(gt=0, lt=1), Field(description="p̄")]
    sample_size: SampleSize


def p_chart_limits(p: FractionIn) -> AttributeLimits:
    pbar = p.mean_fraction_nonconforming
    return _limits(pbar, 3 * math.sqrt(pbar * (1 - pbar) / p.sample_size))


def np_chart_limits(p: FractionIn) -> AttributeLimits:
    pbar, n = p.mean_fraction_nonconforming, p.sample_size
    return _limits(n * pbar, 3 * math.sqrt(n * pbar * (1 - pbar)))


class CountIn(_In):
    mean_count: Annotated[float, Unit(gt=0), Field(description="c̄, nonconformities per inspection unit")]


def c_chart_limits(p: CountIn) -> AttributeLimits:
    return _limits(p.mean_count, 3 * math.sqrt(p.mean_count))


class RateIn(_In):
    mean_per_unit: Annotated[float, Unit(gt=0), Field(description="ū, nonconformities per unit")]
    sample_size: SampleSize


def u_chart_limits(p: RateIn) -> AttributeLimits:
    return _limits(p.mean_per_unit, 3 * math.sqrt(p.mean_per_unit / p.sample_size))


ATTRIBUTES = f"{MONTGOMERY}, ch. 7 control charts for attributes; GB/T 17989.2-2020 (ISO 7870-2:2013)"
JUICE = {"mean_fraction_nonconforming": 0.2313, "sample_size": 50}
SPECS = (
    quality_spec(
        "p_chart_limits",
        ("p chart limits (fraction nonconforming)", "不合格品率（p）控制图控制限"),
        (FractionIn, AttributeLimits),
        p_chart_limits,
        "p̄ ± 3√(p̄(1 − p̄)/n), LCL floored at 0",
        f"{ATTRIBUTES}, §7.2",
        (
            Example(
                JUICE,
                {"center": 0.2313, "ucl": 0.4102, "lcl": 0.0524},
                f"{MONTGOMERY}, Example 7.1 (orange-juice cans, 30 samples of 50): UCL 0.4102, LCL 0.0524",
                abs_tol=1e-4,
            ),
        ),
        domains=DOMAINS,
    ),
    quality_spec(
        "np_chart_limits",
        ("np chart limits (number nonconforming)", "不合格品数（np）控制图控制限"),
        (FractionIn, AttributeLimits),
        np_chart_limits,
        "n·p̄ ± 3√(n·p̄(1 − p̄)), LCL floored at 0",
        f"{ATTRIBUTES}, §7.2.2 (the np control chart)",
        (
            Example(
                JUICE,
                {"center": 11.565, "ucl": 20.510, "lcl": 2.620},
                "hand-derived from the Example 7.1 data: 50·0.2313 = 11.565 ± 3·√(11.565·0.7687) = ±8.945",
                abs_tol=1e-3,
            ),
        ),
        domains=DOMAINS,
    ),
    quality_spec(
        "c_chart_limits",
        ("c chart limits (nonconformities)", "缺陷数（c）控制图控制限"),
        (CountIn, AttributeLimits),
        c_chart_limits,
        "c̄ ± 3√c̄, LCL floored at 0",
        f"{ATTRIBUTES}, §7.3.1",
        (
            Example(
                {"mean_count": 19.85},
                {"center": 19.85, "ucl": 33.22, "lcl": 6.48},
                f"{MONTGOMERY}, §7.3.1 c chart worked example (516 nonconformities on 26 "
                "printed circuit boards): UCL 33.22, LCL 6.48",
                abs_tol=5e-3,
            ),
        ),
        domains=DOMAINS,
    ),
    quality_spec(
        "u_chart_limits",
        ("u chart limits (nonconformities per unit)", "单位缺陷数（u）控制图控制限"),
        (RateIn, AttributeLimits),
        u_chart_limits,
        "ū ± 3√(ū/n), LCL floored at 0",
        f"{ATTRIBUTES}, §7.3.1",
        (
            Example(
                {"mean_per_unit": 1.93, "sample_size": 5},
                {"ucl": 3.79, "lcl": 0.07},
                f"{MONTGOMERY}, §7.3.1 u chart worked example (PC assembly, 20 samples of 5): "
                "UCL 3.79, LCL 0.07",
                abs_tol=5e-3,
            ),
        ),
        domains=DOMAINS,
    ),
)
