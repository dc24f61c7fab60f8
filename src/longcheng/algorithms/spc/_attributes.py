"""Shewhart charts for attributes: p, np (nonconforming units) and c, u (nonconformities)."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from numpy.typing import NDArray
from pydantic import Field, ValidationInfo, field_validator

from longcheng.algorithms._series import AlgoIn, AlgoOut, algorithm_spec, floats
from longcheng.core.computation import ComputationSpec, Example

MONTGOMERY = "Montgomery, Introduction to Statistical Quality Control, 7th ed."
Counts = Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=2, description="count per sample")]
ORANGE_JUICE = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9]
ORANGE_JUICE += [12, 7, 13, 9, 6]  # Montgomery Table 7.1: nonconforming cans in 30 samples of n = 50
CIRCUIT_BOARDS = [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24]
CIRCUIT_BOARDS += [16, 19, 17, 15]  # Montgomery Table 7.7: nonconformities in 26 samples of 100 boards


class AttributeOut(AlgoOut):
    center: float
    ucl: list[float]
    lcl: list[float]
    statistic: Annotated[list[float], Field(description="the plotted statistic of each sample")]
    out_of_control: list[int]


def _chart(
    stat: NDArray[np.float64], center: float, half: NDArray[np.float64], **diag: float
) -> AttributeOut:
    ucl, lcl = center + half, np.maximum(0.0, center - half)
    out = [int(i) for i in np.flatnonzero((stat > ucl) | (stat < lcl))]
    return AttributeOut(
        center=center,
        ucl=floats(ucl),
        lcl=floats(lcl),
        statistic=floats(stat),
        out_of_control=out,
        diagnostics={"samples": len(stat), **diag},
    )


class ProportionIn(AlgoIn):
    counts: Counts
    sample_sizes: Annotated[
        list[Annotated[int, Field(gt=0)]],
        Field(min_length=1, description="units inspected per sample: one value for all, or one per sample"),
    ]
    sigma_multiple: Annotated[float, Field(gt=0, le=6)] = 3.0

    @field_validator("sample_sizes")
    @classmethod
    def _sizes_match(cls, sizes: list[int], info: ValidationInfo) -> list[int]:
        counts = info.data.get("counts")
        if counts is not None:
            if len(sizes) not in (1, len(counts)):
                raise ValueError("give one sample size or one per sample")
            if any(
                c > n for c, n in zip(counts, sizes * len(counts) if len(sizes) == 1 else sizes, strict=True)
            ):
                raise ValueError("a count exceeds its sample size")
        return sizes


def _sizes(p: ProportionIn) -> NDArray[np.float64]:
    return np.broadcast_to(np.asarray(p.sample_sizes, dtype=np.float64), (len(p.counts),))


def p_chart(p: ProportionIn) -> AttributeOut:
    d, n = np.asarray(p.counts, dtype=np.float64), _sizes(p)
    pbar = float(d.sum() / n.sum())
    half = p.sigma_multiple * np.sqrt(pbar * (1 - pbar) / n)
    return _chart(d / n, pbar, half, p_bar=pbar)


def np_chart(p: ProportionIn) -> AttributeOut:
    if len(set(p.sample_sizes)) > 1:
        raise ValueError("the np chart needs one sample size; use the p chart for varying sizes")
    d, n = np.asarray(p.counts, dtype=np.float64), float(p.sample_sizes[0])
    pbar = float(d.mean() / n)
    half = np.full_like(d, p.sigma_multiple * np.sqrt(n * pbar * (1 - pbar)))
    return _chart(d, n * pbar, half, p_bar=pbar)


class CountIn(AlgoIn):
    counts: Counts
    sigma_multiple: Annotated[float, Field(gt=0, le=6)] = 3.0


def c_chart(p: CountIn) -> AttributeOut:
    c = np.asarray(p.counts, dtype=np.float64)
    cbar = float(c.mean())
    return _chart(c, cbar, np.full_like(c, p.sigma_multiple * np.sqrt(cbar)))


class RateIn(CountIn):
    units: Annotated[
        list[Annotated[float, Field(gt=0, allow_inf_nan=False)]],
        Field(min_length=1, description="inspection units per sample: one value for all, or one per sample"),
    ]

    @field_validator("units")
    @classmethod
    def _units_match(cls, units: list[float], info: ValidationInfo) -> list[float]:
        counts = info.data.get("counts")
        if counts is not None and len(units) not in (1, len(counts)):
            raise ValueError("give one unit count or one per sample")
        return units


def u_chart(p: RateIn) -> AttributeOut:
    c = np.asarray(p.counts, dtype=np.float64)
    n = np.broadcast_to(np.asarray(p.units, dtype=np.float64), c.shape)
    ubar = float(c.sum() / n.sum())
    return _chart(c / n, ubar, p.sigma_multiple * np.sqrt(ubar / n))


def _spec(
    name: str,
    en: str,
    zh: str,
    inputs: type[AlgoIn],
    func: object,
    formula: str,
    ref: str,
    examples: tuple[Example, ...],
) -> ComputationSpec:
    return algorithm_spec(
        "spc",
        name,
        title=(en, zh),
        domains=("production", "operations"),
        industries=("general", "electronics", "food", "light_industry", "textile"),
        inputs=inputs,
        outputs=AttributeOut,
        func=func,
        formula=formula,
        reference=f"{MONTGOMERY} {ref}; GB/T 17989.3-2020 (ISO 7870-3) attribute charts",
        examples=examples,
    )


P_CHART = _spec(
    "p_chart",
    "p chart (fraction nonconforming)",
    "不合格品率控制图(p图)",
    ProportionIn,
    p_chart,
    "p̄ = Σd/Σn; limits p̄ ± 3√(p̄(1−p̄)/nᵢ), LCL floored at 0",
    "§7.2.1, Example 7.1",
    (
        Example(
            inputs={"counts": ORANGE_JUICE, "sample_sizes": [50]},
            expected={"center": 0.2313, "ucl.0": 0.4102, "lcl.0": 0.0524, "out_of_control": [14, 22]},
            source="Montgomery Example 7.1 (orange-juice cans, 30 samples of 50): p̄ = 0.2313, UCL = 0.4102, "
            "LCL = 0.0524; samples 15 and 23 plot above the UCL (printed to 4 dp)",
            rel_tol=1e-4,
            abs_tol=6e-5,
        ),
    ),
)
NP_CHART = _spec(
    "np_chart",
    "np chart (number nonconforming)",
    "不合格品数控制图(np图)",
    ProportionIn,
    np_chart,
    "np̄ ± 3√(np̄(1−p̄)), one sample size n",
    "§7.2.2",
    (
        Example(
            inputs={"counts": ORANGE_JUICE, "sample_sizes": [50]},
            expected={"center": 11.5667, "ucl.0": 20.51, "lcl.0": 2.62},
            source="Montgomery §7.2.2 applied to Example 7.1 by hand: np̄ = 50 × 0.23133 = 11.567; "
            "UCL = 50 × 0.4102 = 20.51, LCL = 50 × 0.0524 = 2.62",
            rel_tol=1e-3,
        ),
    ),
)
C_CHART = _spec(
    "c_chart",
    "c chart (nonconformities)",
    "缺陷数控制图(c图)",
    CountIn,
    c_chart,
    "c̄ ± 3√c̄, LCL floored at 0",
    "§7.3.1, Example 7.3",
    (
        Example(
            inputs={"counts": CIRCUIT_BOARDS},
            expected={"center": 19.85, "ucl.0": 33.22, "lcl.0": 6.48, "out_of_control": [5, 19]},
            source="Montgomery Example 7.3 (printed-circuit boards): c̄ = 516/26 = 19.85, UCL = 33.22, "
            "LCL = 6.48; samples 6 and 20 are outside",
            rel_tol=5e-4,
        ),
        Example(
            inputs={
                "counts": [
                    16,
                    14,
                    28,
                    16,
                    12,
                    20,
                    10,
                    12,
                    10,
                    17,
                    19,
                    17,
                    14,
                    16,
                    15,
                    13,
                    14,
                    16,
                    11,
                    20,
                    11,
                    19,
                    16,
                    31,
                    13,
                ]
            },
            expected={"center": 16.0, "ucl.0": 28.0, "lcl.0": 4.0},
            source="NIST/SEMATECH e-Handbook §6.3.3.1 wafer-defect example: c̄ = 16, UCL = 28, LCL = 4",
        ),
    ),
)
U_CHART = _spec(
    "u_chart",
    "u chart (nonconformities per unit)",
    "单位缺陷数控制图(u图)",
    RateIn,
    u_chart,
    "ū = Σc/Σn; limits ū ± 3√(ū/nᵢ), LCL floored at 0",
    "§7.3.1, Example 7.5",
    (
        Example(
            inputs={
                "counts": [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5],
                "units": [5],
            },
            expected={"center": 1.93, "ucl.0": 3.79, "lcl.0": 0.07, "out_of_control": []},
            source="Montgomery Example 7.5 (personal computers, 20 samples of 5): ū = 1.93, UCL = 3.79, "
            "LCL = 0.07; in control",
            abs_tol=5e-3,
        ),
    ),
)

SPECS = (P_CHART, NP_CHART, C_CHART, U_CHART)

__all__ = ["SPECS", "c_chart", "np_chart", "p_chart", "u_chart"]
