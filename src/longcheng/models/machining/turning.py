"""Turning: metal removal rate, cutting force and power, theoretical roughness, cutting time."""

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
    Speed,
    SpindleSpeed,
)

DepthOfCut = Annotated[float, Unit("mm", gt=0), Field(description="depth of cut a_p")]
FeedPerRev = Annotated[float, Unit("mm", gt=0), Field(description="feed per revolution f_n")]

# --- metal removal rate -------------------------------------------------------------------------------


class TurningMrrIn(ModelIn):
    cutting_speed: Speed
    depth_of_cut: DepthOfCut
    feed: FeedPerRev


class TurningMrrOut(ModelOut):
    removal_rate: Annotated[float, Unit("cm**3/min")]


def turning_mrr(p: TurningMrrIn) -> TurningMrrOut:
    # m/min × mm × mm = 10³ mm³/min = cm³/min
    return TurningMrrOut(removal_rate=p.cutting_speed * p.depth_of_cut * p.feed)


TURNING_MRR = ComputationSpec(
    name="machining.turning_mrr",
    title=LocalizedText(en="Metal removal rate in turning", zh="车削材料去除率"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=TurningMrrIn,
    outputs=TurningMrrOut,
    func=turning_mrr,
    formula="Q = v_c·a_p·f_n (cm³/min with v_c in m/min, a_p and f_n in mm)",
    reference="Kyocera basic formulas, turning: chip removal volume Q = v_c × a_p × f; Sandvik Coromant",
    examples=(
        Example(
            inputs={"cutting_speed": 200, "depth_of_cut": 2, "feed": 0.2},
            expected={"removal_rate": 80.0},
            source="research note §1.5 M3 [V form, C]: 200 m/min, 2 mm, 0.2 mm/rev → 80 cm³/min",
            rel_tol=1e-9,
        ),
    ),
)

# --- cutting force and power --------------------------------------------------------------------------


class TurningPowerIn(ModelIn):
    cutting_speed: Speed
    depth_of_cut: DepthOfCut
    feed: FeedPerRev
    specific_cutting_force: SpecificForce
    efficiency: Efficiency = 1.0
    diameter: (
        Annotated[float, Unit("mm", gt=0), Field(description="workpiece diameter, for the torque")] | None
    ) = None


class TurningPowerOut(ModelOut):
    cutting_force: Annotated[float, Unit("N"), Field(description="F_c = k_c·a_p·f_n")]
    net_power: Annotated[float, Unit("kW"), Field(description="at the cutting edge")]
    spindle_power: Annotated[float, Unit("kW"), Field(description="net power / η")]
    torque: Annotated[float, Unit("N*m")] | None
    spindle_speed: Annotated[float, Unit("rpm")] | None


def turning_power(p: TurningPowerIn) -> TurningPowerOut:
    force = p.specific_cutting_force * p.depth_of_cut * p.feed
    net = p.cutting_speed * p.depth_of_cut * p.feed * p.specific_cutting_force / 60.0e3
    torque = speed = None
    if p.diameter is not None:
        torque = force * p.diameter / 2000.0
        speed = 1000.0 * p.cutting_speed / (math.pi * p.diameter)
    return TurningPowerOut(
        cutting_force=force,
        net_power=net,
        spindle_power=net / p.efficiency,
        torque=torque,
        spindle_speed=speed,
    )


TURNING_POWER = ComputationSpec(
    name="machining.turning_power",
    title=LocalizedText(en="Turning cutting force, power and torque", zh="车削切削力、功率与扭矩"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=TurningPowerIn,
    outputs=TurningPowerOut,
    func=turning_power,
    formula="F_c = k_c·a_p·f_n; P_c = v_c·a_p·f_n·k_c / (60·10³·η); M = F_c·D/2",
    reference="Mitsubishi Materials, cutting power for turning; Sandvik Coromant general turning formulas "
    "(net power P_c)",
    examples=(
        Example(
            inputs={
                "cutting_speed": 120,
                "depth_of_cut": 3,
                "feed": 0.2,
                "specific_cutting_force": 3100,
                "efficiency": 0.8,
            },
            expected={"spindle_power": 4.65, "cutting_force": 1860.0},
            source="Mitsubishi Materials problem: mild steel, 120 m/min, a_p 3, f 0.2, K_c 3100 MPa, η 80 % "
            "→ 4.65 kW (F_c = 3100·3·0.2 by hand)",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"cutting_speed": 200, "depth_of_cut": 2, "feed": 0.2, "specific_cutting_force": 2000},
            expected={"net_power": 2.6666666666666665},
            source="research note §1.5 M4 [C]: 200, 2, 0.2, k_c 2000 → 2.667 kW",
            rel_tol=1e-9,
        ),
    ),
)

# --- theoretical surface roughness --------------------------------------------------------------------


class RoughnessIn(ModelIn):
    feed: FeedPerRev
    nose_radius: Annotated[float, Unit("mm", gt=0), Field(description="corner radius r_ε")]


class RoughnessOut(ModelOut):
    rz: Annotated[float, Unit("um"), Field(description="peak-to-valley height h = f²/(8r)")]
    ra: Annotated[float, Unit("um"), Field(description="ideal arithmetic mean roughness f²/(32r)")]


def surface_roughness(p: RoughnessIn) -> RoughnessOut:
    return RoughnessOut(
        rz=p.feed**2 / (8.0 * p.nose_radius) * 1000.0, ra=p.feed**2 / (32.0 * p.nose_radius) * 1000.0
    )


ROUGHNESS = ComputationSpec(
    name="machining.surface_roughness",
    title=LocalizedText(en="Theoretical surface roughness in turning", zh="车削理论表面粗糙度"),
    kind="model",
    category="machining",
    domains=("production", "rd_design"),
    industries=INDUSTRIES,
    inputs=RoughnessIn,
    outputs=RoughnessOut,
    func=surface_roughness,
    formula="R_z = f²/(8·r_ε)·1000 µm; R_a ≈ f²/(32·r_ε)·1000 µm",
    reference="Kyocera / Mitsubishi Materials turning formulas (theoretical finished surface roughness); "
    "Groover, Fundamentals of Modern Manufacturing, 4th ed., ch. 24 (ideal roughness R_i = f²/(32·NR))",
    examples=(
        Example(
            inputs={"feed": 0.2, "nose_radius": 0.8},
            expected={"rz": 6.25, "ra": 1.5625},
            source="research note §1.5 M7 [V]: f 0.2, r 0.8 → R_z 6.25 µm; R_a = 6.25/4 by hand",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"feed": 0.2, "nose_radius": 0.4},
            expected={"rz": 12.5},
            source="Mitsubishi Materials turning formulas: f 0.2 mm/rev, R 0.4 mm → h = 12.5 µm",
            rel_tol=1e-9,
        ),
    ),
)

# --- cutting time -------------------------------------------------------------------------------------


class TurningTimeIn(ModelIn):
    length: Annotated[float, Unit("mm", gt=0), Field(description="length of cut l_m")]
    feed: FeedPerRev
    spindle_speed: SpindleSpeed
    passes: Annotated[float, Unit(gt=0)] = 1.0


class TurningTimeOut(ModelOut):
    cutting_time: Annotated[float, Unit("min")]
    feed_rate: Annotated[float, Unit("mm/min"), Field(description="l = f·n")]


def turning_time(p: TurningTimeIn) -> TurningTimeOut:
    rate = p.feed * p.spindle_speed
    return TurningTimeOut(cutting_time=p.length / rate * p.passes, feed_rate=rate)


TURNING_TIME = ComputationSpec(
    name="machining.turning_time",
    title=LocalizedText(en="Turning cutting time", zh="车削切削时间"),
    kind="model",
    category="machining",
    domains=("production", "operations"),
    industries=INDUSTRIES,
    inputs=TurningTimeIn,
    outputs=TurningTimeOut,
    func=turning_time,
    formula="T_c = l_m·passes / (f_n·n)",
    reference="Mitsubishi Materials, formulas for turning (cutting time); Tungaloy technical reference",
    examples=(
        Example(
            inputs={"length": 100, "feed": 0.2, "spindle_speed": 1000},
            expected={"cutting_time": 0.5, "feed_rate": 200.0},
            source="Mitsubishi Materials: 100 mm at 1 000 min⁻¹, f 0.2 → 0.5 min (research note M8 [V])",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (TURNING_MRR, TURNING_POWER, ROUGHNESS, TURNING_TIME)

__all__ = ["SPECS", "surface_roughness", "turning_mrr", "turning_power", "turning_time"]
