"""Shewhart control-chart constants computed from their definitions (normal theory), as tabulated in
ASTM E2587 and Montgomery's Appendix Table VI."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Annotated

import numpy as np
from pydantic import Field
from scipy import integrate, special, stats

from longcheng.core.computation import Example
from longcheng.models.quality._base import MONTGOMERY, Index, _In, _Out, quality_spec

TABLE = f"{MONTGOMERY}, Appendix Table VI; ASTM E2587-16 Table 1 (control chart constants)"


@dataclass(frozen=True, slots=True)
class Constants:
    d2: float
    d3: float
    c4: float


def _mean_range(n: int) -> float:
    """d2 = E[W] of the range of n standard normals = ∫ 1 − Φ(x)^n − (1 − Φ(x))^n dx."""
    value, _ = integrate.quad(lambda x: 1 - stats.norm.cdf(x) ** n - stats.norm.sf(x) ** n, -np.inf, np.inf)
    return float(value)


def _mean_square_range(n: int) -> float:
    """E[W²] = 2∫∫_{w>0} [1 − Φ(x+w)^n − (1 − Φ(x))^n + (Φ(x+w) − Φ(x))^n] dx dw (Simpson on a grid)."""
    x = np.linspace(-9.0, 9.0, 601)
    w = np.linspace(0.0, 14.0, 601)
    low = stats.norm.cdf(x)[None, :]
    high = stats.norm.cdf(x[None, :] + w[:, None])
    g = 1 - high**n - (1 - low) ** n + (high - low) ** n
    return float(2 * integrate.simpson(integrate.simpson(g, x=x, axis=1), x=w))


@functools.cache
def chart_constants(n: int) -> Constants:
    """d2, d3 and c4 for subgroups of n (cached: d3 costs a 2-D quadrature)."""
    d2 = _mean_range(n)
    d3 = math.sqrt(_mean_square_range(n) - d2 * d2)
    c4 = math.sqrt(2.0 / (n - 1)) * math.exp(special.gammaln(n / 2) - special.gammaln((n - 1) / 2))
    return Constants(d2=d2, d3=d3, c4=c4)


class ConstantsIn(_In):
    subgroup_size: Annotated[int, Field(ge=2, le=50, description="n, observations per subgroup")]


class ConstantsOut(_Out):
    d2: Index
    d3: Index
    c4: Index
    a2: Index
    a3: Index
    range_lcl_factor: Annotated[Index, Field(description="D3, R-chart LCL = D3·R̄")]
    range_ucl_factor: Annotated[Index, Field(description="D4, R-chart UCL = D4·R̄")]
    b3: Index
    b4: Index
    e2: Annotated[Index, Field(description="3/d2, individuals chart from the mean moving range")]


def control_chart_constants(p: ConstantsIn) -> ConstantsOut:
    n = p.subgroup_size
    k = chart_constants(n)
    s_spread = 3 * math.sqrt(1 - k.c4**2) / k.c4
    return ConstantsOut(
        d2=k.d2,
        d3=k.d3,
        c4=k.c4,
        a2=3 / (k.d2 * math.sqrt(n)),
        a3=3 / (k.c4 * math.sqrt(n)),
        range_lcl_factor=max(0.0, 1 - 3 * k.d3 / k.d2),
        range_ucl_factor=1 + 3 * k.d3 / k.d2,
        b3=max(0.0, 1 - s_spread),
        b4=1 + s_spread,
        e2=3 / k.d2,
    )


def _table(n: int, row: dict[str, float]) -> Example:
    return Example({"subgroup_size": n}, row, f"{TABLE}, row n = {n} (3–4 decimals)", abs_tol=6e-4)


SPECS = (
    quality_spec(
        "control_chart_constants",
        ("Control chart constants (A2, D3, D4, d2, c4 …)", "控制图系数（A2、D3、D4、d2、c4等）"),
        (ConstantsIn, ConstantsOut),
        control_chart_constants,
        "d2 = E[W], d3 = sd[W] (W the range of n standard normals), c4 = √(2/(n−1))·Γ(n/2)/Γ((n−1)/2); "
        "A2 = 3/(d2√n), D3 = max(0, 1 − 3d3/d2), D4 = 1 + 3d3/d2, A3 = 3/(c4√n), "
        "B3/B4 = 1 ∓ 3√(1 − c4²)/c4, E2 = 3/d2",
        f"{TABLE}; GB/T 17989.2-2020 (ISO 7870-2:2013) control limit factors",
        (
            _table(
                5,
                {
                    "a2": 0.577,
                    "range_lcl_factor": 0.0,
                    "range_ucl_factor": 2.114,
                    "d2": 2.326,
                    "d3": 0.864,
                    "c4": 0.9400,
                    "a3": 1.427,
                    "b3": 0.0,
                    "b4": 2.089,
                },
            ),
            _table(
                10,
                {
                    "a2": 0.308,
                    "range_lcl_factor": 0.223,
                    "range_ucl_factor": 1.777,
                    "d2": 3.078,
                    "d3": 0.797,
                    "c4": 0.9727,
                    "a3": 0.975,
                    "b3": 0.284,
                    "b4": 1.716,
                },
            ),
            _table(2, {"e2": 2.660, "range_ucl_factor": 3.267, "d2": 1.128}),
        ),
        domains=("production", "operations"),
    ),
)
