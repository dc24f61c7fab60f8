"""Shewhart charts for variables: X̄-R, X̄-S and individuals / moving range (I-MR)."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from pydantic import Field

from longcheng.algorithms._series import AlgoOut, SeriesIn, as_array, floats
from longcheng.algorithms.spc._base import Limits, SubgroupsIn, beyond
from longcheng.algorithms.spc._constants import factors
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

MONTGOMERY = "Montgomery, Introduction to Statistical Quality Control, 7th ed."
PISTON_RINGS = [  # Montgomery Table 6.3: inside diameters of forged piston rings (mm), samples 1-25
    [74.030, 74.002, 74.019, 73.992, 74.008],
    [73.995, 73.992, 74.001, 74.011, 74.004],
    [73.988, 74.024, 74.021, 74.005, 74.002],
    [74.002, 73.996, 73.993, 74.015, 74.009],
    [73.992, 74.007, 74.015, 73.989, 74.014],
    [74.009, 73.994, 73.997, 73.985, 73.993],
    [73.995, 74.006, 73.994, 74.000, 74.005],
    [73.985, 74.003, 73.993, 74.015, 73.988],
    [74.008, 73.995, 74.009, 74.005, 74.004],
    [73.998, 74.000, 73.990, 74.007, 73.995],
    [73.994, 73.998, 73.994, 73.995, 73.990],
    [74.004, 74.000, 74.007, 74.000, 73.996],
    [73.983, 74.002, 73.998, 73.997, 74.012],
    [74.006, 73.967, 73.994, 74.000, 73.984],
    [74.012, 74.014, 73.998, 73.999, 74.007],
    [74.000, 73.984, 74.005, 73.998, 73.996],
    [73.994, 74.012, 73.986, 74.005, 74.007],
    [74.006, 74.010, 74.018, 74.003, 74.000],
    [73.984, 74.002, 74.003, 74.005, 73.997],
    [74.000, 74.010, 74.013, 74.020, 74.003],
    [73.988, 74.001, 74.009, 74.005, 73.996],
    [74.004, 73.999, 73.990, 74.006, 74.009],
    [74.010, 73.989, 73.990, 74.009, 74.014],
    [74.015, 74.008, 73.993, 74.000, 74.010],
    [73.982, 73.984, 73.995, 74.017, 74.013],
]


class XbarROut(AlgoOut):
    xbar: Limits
    range: Limits
    sigma: Annotated[float, Field(description="within-subgroup σ̂ = R̄/d2")]
    means: list[float]
    ranges: list[float]
    xbar_out_of_control: list[int]
    range_out_of_control: list[int]


def xbar_r_chart(p: SubgroupsIn) -> XbarROut:
    data = as_array(p.subgroups)
    f = factors(data.shape[1])
    means, ranges = data.mean(axis=1), np.ptp(data, axis=1)
    grand, rbar = float(means.mean()), float(ranges.mean())
    xbar = Limits(center=grand, ucl=grand + f.a2 * rbar, lcl=grand - f.a2 * rbar)
    rng = Limits(center=rbar, ucl=f.d4_factor * rbar, lcl=f.d3_factor * rbar)
    return XbarROut(
        xbar=xbar,
        range=rng,
        sigma=rbar / f.d2,
        means=floats(means),
        ranges=floats(ranges),
        xbar_out_of_control=beyond(floats(means), xbar),
        range_out_of_control=beyond(floats(ranges), rng),
        diagnostics={"subgroups": data.shape[0], "n": f.n, "A2": f.a2, "D3": f.d3_factor, "D4": f.d4_factor},
    )


class XbarSOut(AlgoOut):
    xbar: Limits
    stdev: Limits
    sigma: Annotated[float, Field(description="within-subgroup σ̂ = s̄/c4")]
    means: list[float]
    stdevs: list[float]
    xbar_out_of_control: list[int]
    stdev_out_of_control: list[int]


def xbar_s_chart(p: SubgroupsIn) -> XbarSOut:
    data = as_array(p.subgroups)
    f = factors(data.shape[1])
    means, stdevs = data.mean(axis=1), data.std(axis=1, ddof=1)
    grand, sbar = float(means.mean()), float(stdevs.mean())
    xbar = Limits(center=grand, ucl=grand + f.a3 * sbar, lcl=grand - f.a3 * sbar)
    sd = Limits(center=sbar, ucl=f.b4 * sbar, lcl=f.b3 * sbar)
    return XbarSOut(
        xbar=xbar,
        stdev=sd,
        sigma=sbar / f.c4,
        means=floats(means),
        stdevs=floats(stdevs),
        xbar_out_of_control=beyond(floats(means), xbar),
        stdev_out_of_control=beyond(floats(stdevs), sd),
        diagnostics={"subgroups": data.shape[0], "n": f.n, "A3": f.a3, "B3": f.b3, "B4": f.b4, "c4": f.c4},
    )


class ImrOut(AlgoOut):
    individuals: Limits
    moving_range: Limits
    sigma: Annotated[float, Field(description="σ̂ = MR̄/d2, d2 = 1.128")]
    moving_ranges: list[float]
    individuals_out_of_control: list[int]
    moving_range_out_of_control: list[int]


def individuals_chart(p: SeriesIn) -> ImrOut:
    x = as_array(p.values)
    f = factors(2)
    mr = np.abs(np.diff(x))
    mean, mrbar = float(x.mean()), float(mr.mean())
    ind = Limits(center=mean, ucl=mean + 3 * mrbar / f.d2, lcl=mean - 3 * mrbar / f.d2)
    mrl = Limits(center=mrbar, ucl=f.d4_factor * mrbar, lcl=0.0)
    return ImrOut(
        individuals=ind,
        moving_range=mrl,
        sigma=mrbar / f.d2,
        moving_ranges=floats(mr),
        individuals_out_of_control=beyond(p.values, ind),
        moving_range_out_of_control=[i + 1 for i in beyond(floats(mr), mrl)],
        diagnostics={"n": len(x), "d2": f.d2, "D4": f.d4_factor},
    )


XBAR_R = ComputationSpec(
    name="spc.xbar_r_chart",
    title=LocalizedText(en="X-bar and R control chart", zh="均值-极差控制图"),
    kind="algorithm",
    category="spc",
    domains=("production", "operations"),
    industries=("general", "machinery", "automotive", "electronics"),
    inputs=SubgroupsIn,
    outputs=XbarROut,
    func=xbar_r_chart,
    formula="x̿ ± A2·R̄ (A2 = 3/(d2√n)); R chart: D3·R̄, R̄, D4·R̄; σ̂ = R̄/d2",
    reference=f"{MONTGOMERY} §6.2.1, Example 6.1 and Appendix Table VI; GB/T 17989.2-2020 (ISO 7870-2:2013)",
    examples=(
        Example(
            inputs={"subgroups": PISTON_RINGS},
            expected={
                "xbar.center": 74.00118,
                "xbar.ucl": 74.0143,
                "xbar.lcl": 73.98805,
                "range.center": 0.02276,
                "range.ucl": 0.04812,
                "range.lcl": 0.0,
                "sigma": 0.009785039,
                "xbar_out_of_control": [],
            },
            source="Scrucca, qcc: an R package for quality control charting, J. Stat. Softw. (2004), "
            "piston-ring example (Montgomery's data, samples 1-25): centre 74.00118, σ̂ 0.009785039, "
            "LCL 73.98805, UCL 74.0143; R chart centre 0.02276, UCL 0.04812; in control",
            rel_tol=2e-4,
        ),
    ),
)

XBAR_S = ComputationSpec(
    name="spc.xbar_s_chart",
    title=LocalizedText(en="X-bar and S control chart", zh="均值-标准差控制图"),
    kind="algorithm",
    category="spc",
    domains=("production", "operations"),
    industries=("general", "machinery", "automotive", "electronics"),
    inputs=SubgroupsIn,
    outputs=XbarSOut,
    func=xbar_s_chart,
    formula="x̿ ± A3·s̄ (A3 = 3/(c4√n)); S chart: B3·s̄, s̄, B4·s̄ (B3,4 = 1 ∓ 3√(1−c4²)/c4); σ̂ = s̄/c4",
    reference=f"{MONTGOMERY} §6.3.1, Example 6.3; GB/T 17989.2-2020 (ISO 7870-2:2013)",
    examples=(
        Example(
            inputs={"subgroups": PISTON_RINGS},
            expected={
                "xbar.ucl": 74.014,
                "xbar.lcl": 73.988,
                "stdev.center": 0.0094,
                "stdev.ucl": 0.0196,
                "stdev.lcl": 0.0,
            },
            source="Montgomery Example 6.3 (piston rings): s̄ = 0.0094, x̄ limits 74.014 / 73.988, "
            "S chart UCL = 2.089 × 0.0094 = 0.0196, LCL = 0 (printed to 4 dp; the qcc copy of the data "
            "gives s̄ = 0.00924, within the book's rounding of its subgroup sums)",
            abs_tol=4e-4,
        ),
    ),
)

IMR = ComputationSpec(
    name="spc.individuals_chart",
    title=LocalizedText(en="Individuals and moving-range (I-MR) chart", zh="单值-移动极差控制图"),
    kind="algorithm",
    category="spc",
    domains=("production", "operations"),
    industries=("general", "chemical", "pharmaceutical", "food", "energy"),
    inputs=SeriesIn,
    outputs=ImrOut,
    func=individuals_chart,
    formula="x̄ ± 3·MR̄/d2 (d2 = 1.128, i.e. ± 2.660·MR̄); MR chart UCL = D4·MR̄ = 3.267·MR̄, LCL = 0",
    reference="NIST/SEMATECH e-Handbook of Statistical Methods §6.3.2.2 (individuals control charts); "
    f"{MONTGOMERY} §6.4",
    examples=(
        Example(
            inputs={"values": [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]},
            expected={
                "individuals.center": 50.81,
                "individuals.ucl": 55.8041,
                "individuals.lcl": 45.8159,
                "moving_range.center": 1.8778,
                "moving_range.ucl": 6.1349,
            },
            source="NIST/SEMATECH e-Handbook §6.3.2.2 flow-rate example: x̄ = 50.81, MR̄ = 1.8778, "
            "UCL = 55.8041, LCL = 45.8159, MR UCL = 6.1349 (the handbook uses the rounded D4 = 3.267)",
            rel_tol=3e-4,
        ),
    ),
)

SPECS = (XBAR_R, XBAR_S, IMR)

__all__ = ["SPECS", "individuals_chart", "xbar_r_chart", "xbar_s_chart"]
