"""Milling: metal removal rate, cutting power and torque, cutting time."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.machining._base import (
    DOMAINS,
    INDUSTRIES,
    Efficiency,
    ModelIn,
    ModelOut,
    SpecificForce,
)

AxialDepth = Annotated[float, Unit("mm", gt=0), Field(description="axial depth of cut a_p")]
RadialWidth = Annotated[float, Unit("mm", gt=0), Field(description="radial width of cut a_e")]
TableFeed = Annotated[float, Unit("mm/min", gt=0), Field(description="table feed v_f")]

# --- metal removal rate -------------------------------------------------------------------------------


class MillingMrrIn(ModelIn):
    depth_of_cut: AxialDepth
    width_of_cut: RadialWidth
    table_feed: TableFeed


class MillingMrrOut(ModelOut):
    removal_rate: Annotated[float, Unit("cm**3/min")]


def milling_mrr(p: MillingMrrIn) -> MillingMrrOut:
    return MillingMrrOut(removal_rate=p.depth_of_cut * p.width_of_cut * p.table_feed / 1000.0)


MILLING_MRR = ComputationSpec(
    name="machining.milling_mrr",
    title=LocalizedText(en="Metal removal rate in milling", zh="铣削材料去除率"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=MillingMrrIn,
    outputs=MillingMrrOut,
    func=milling_mrr,
    formula="Q = a_p·a_e·v_f / 1000 (cm³/min)",
    reference="Dormer Pramet milling formulas (Q); Kyocera basic formulas, milling (chip removal volume)",
    examples=(
        Example(
            inputs={"depth_of_cut": 2, "width_of_cut": 80, "table_feed": 280},
            expected={"removal_rate": 44.8},
            source="derived by hand with the Mitsubishi face-milling problem's data: 2 × 80 × 280 / 1000",
            rel_tol=1e-9,
        ),
    ),
)

# --- cutting power and torque -------------------------------------------------------------------------


class MillingPowerIn(MillingMrrIn):
    specific_cutting_force: SpecificForce
    efficiency: Efficiency = 1.0
    spindle_speed: Annotated[float, Unit("rpm", gt=0), Field(description="for the spindle torque")] | None = (
        None
    )


class MillingPowerOut(ModelOut):
    net_power: Annotated[float, Unit("kW")]
    spindle_power: Annotated[float, Unit("kW"), Field(description="net power / η")]
    torque: Annotated[float, Unit("N*m"), Field(description="M_c = P_c·30·10³/(π·n)")] | None


def milling_power(p: MillingPowerIn) -> MillingPowerOut:
    net = p.depth_of_cut * p.width_of_cut * p.table_feed * p.specific_cutting_force / 60.0e6
    torque = net * 30.0e3 / (math.pi * p.spindle_speed) if p.spindle_speed is not None else None
    return MillingPowerOut(net_power=net, spindle_power=net / p.efficiency, torque=torque)


MILLING_POWER = ComputationSpec(
    name="machining.milling_power",
    title=LocalizedText(en="Milling cutting power and torque", zh="铣削功率与扭矩"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=MillingPowerIn,
    outputs=MillingPowerOut,
    func=milling_power,
    formula="P_c = a_p·a_e·v_f·k_c / (60·10⁶·η); M_c = P_c·30·10³ / (π·n)",
    reference="Mitsubishi Materials, cutting power for face milling; Sandvik Coromant milling formulas "
    "(net power, torque)",
    examples=(
        Example(
            inputs={
                "depth_of_cut": 2,
                "width_of_cut": 80,
                "table_feed": 280,
                "specific_cutting_force": 1800,
                "efficiency": 0.8,
            },
            expected={"spindle_power": 1.68},
            source="Mitsubishi Materials problem: tool steel, a_p 2, a_e 80, v_f 280 mm/min, K_c 1800 MPa, "
            "η 80 % → 1.68 kW",
            rel_tol=1e-9,
        ),
        Example(
            inputs={
                "depth_of_cut": 2,
                "width_of_cut": 80,
                "table_feed": 280,
                "specific_cutting_force": 1800,
                "spindle_speed": 101.85916357881302,
            },
            expected={"net_power": 1.344, "torque": 126.0},
            source="derived by hand: 1.344 kW × 30 000 / (π × 101.859 min⁻¹) = 126.0 N·m",
            rel_tol=1e-9,
        ),
    ),
)

# --- cutting time -------------------------------------------------------------------------------------


class MillingTimeIn(ModelIn):
    length: Annotated[float, Unit("mm", gt=0), Field(description="workpiece length l")]
    table_feed: TableFeed
    overtravel: Annotated[
        float, Unit("mm", ge=0), Field(description="approach + overrun; face milling: D")
    ] = 0.0


class MillingTimeOut(ModelOut):
    feed_length: Annotated[float, Unit("mm"), Field(description="L = l + overtravel")]
    cutting_time: Annotated[float, Unit("min")]


def milling_time(p: MillingTimeIn) -> MillingTimeOut:
    travel = p.length + p.overtravel
    return MillingTimeOut(feed_length=travel, cutting_time=travel / p.table_feed)


MILLING_TIME = ComputationSpec(
    name="machining.milling_time",
    title=LocalizedText(en="Milling cutting time", zh="铣削切削时间"),
    kind="model",
    category="machining",
    domains=("production", "operations"),
    industries=INDUSTRIES,
    inputs=MillingTimeIn,
    outputs=MillingTimeOut,
    func=milling_time,
    formula="T_c = (l + overtravel) / v_f",
    reference="Mitsubishi Materials, formulas for face milling (cutting time, L = l + D₁)",
    examples=(
        Example(
            inputs={"length": 300, "overtravel": 200, "table_feed": 800},
            expected={"feed_length": 500.0, "cutting_time": 0.625},
            source="Mitsubishi Materials problem: 300 mm block, Ø200 cutter, v_f 800 mm/min → 0.625 min",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (MILLING_MRR, MILLING_POWER, MILLING_TIME)

__all__ = ["SPECS", "milling_mrr", "milling_power", "milling_time"]
