"""Pipe systems: pressure drop of a pipe run, Hazen–Williams head loss, pump power for a pipe system."""

from __future__ import annotations

import math
from typing import Annotated

from fluids.core import Reynolds
from fluids.friction import friction_factor
from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.fluids._base import G, ModelIn, ModelOut

CRANE = "Crane Technical Paper No. 410, Flow of Fluids Through Valves, Fittings and Pipe (2009)"


class PipeRun(ModelIn):
    flow: Annotated[float, Unit("m**3/s", ge=0)]
    diameter: Annotated[float, Unit("m", gt=0), Field(description="internal diameter")]
    length: Annotated[float, Unit("m", ge=0)]
    roughness: Annotated[float, Unit("m", ge=0), Field(description="absolute roughness ε")] = 4.5e-5
    density: Annotated[float, Unit("kg/m**3", gt=0)] = 998.2
    viscosity: Annotated[float, Unit("Pa*s", gt=0)] = 1.002e-3
    loss_coefficient: Annotated[float, Unit(ge=0), Field(description="ΣK of fittings and valves")] = 0.0


class _Hydraulics(ModelOut):
    velocity: Annotated[float, Unit("m/s")]
    reynolds: Annotated[float, Unit()]
    friction_factor: Annotated[float, Unit()]


def _hydraulics(p: PipeRun) -> tuple[float, float, float, float, float]:
    """velocity, Re, f, friction loss and fitting loss (Pa)."""
    velocity = p.flow / (math.pi / 4 * p.diameter**2)
    re = float(Reynolds(V=velocity, D=p.diameter, rho=p.density, mu=p.viscosity))
    f = float(friction_factor(Re=re, eD=p.roughness / p.diameter)) if re > 0 else 0.0
    dynamic = p.density * velocity**2 / 2
    return velocity, re, f, f * p.length / p.diameter * dynamic, p.loss_coefficient * dynamic


# --- pressure drop of a pipe run --------------------------------------------------------------------------


class PipeDropOut(_Hydraulics):
    friction_pressure_drop: Annotated[float, Unit("Pa")]
    fitting_pressure_drop: Annotated[float, Unit("Pa")]
    pressure_drop: Annotated[float, Unit("Pa")]
    head_loss: Annotated[float, Unit("m")]


def pipe_pressure_drop(p: PipeRun) -> PipeDropOut:
    velocity, re, f, major, minor = _hydraulics(p)
    return PipeDropOut(
        velocity=velocity,
        reynolds=re,
        friction_factor=f,
        friction_pressure_drop=major,
        fitting_pressure_drop=minor,
        pressure_drop=major + minor,
        head_loss=(major + minor) / (p.density * G),
    )


# Q for v = 1 m/s in a 0.1 m bore; ε = 1e-5 m gives ε/D = 1e-4 and, with water at μ = 1e-3, Re = 1e5
_Q = 0.007853981633974483
PIPE_DROP = ComputationSpec(
    name="fluids.pipe_pressure_drop",
    title=LocalizedText(
        en="Pressure drop of a pipe run (Colebrook + fittings)", zh="管路压降计算（沿程+局部）"
    ),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "energy", "food", "pharmaceutical", "building_materials"),
    inputs=PipeRun,
    outputs=PipeDropOut,
    func=pipe_pressure_drop,
    formula="v = 4Q/(πD²); Re = ρvD/μ; f = Colebrook(Re, ε/D); Δp = (f·L/D + ΣK)·ρv²/2",
    reference=f"{CRANE}, ch. 1–2; Colebrook friction factor via fluids.friction.friction_factor",
    examples=(
        Example(
            inputs={
                "flow": _Q,
                "diameter": 0.1,
                "length": 100,
                "roughness": 1e-5,
                "density": 1000,
                "viscosity": 1e-3,
                "loss_coefficient": 2,
            },
            expected={
                "reynolds": 1e5,
                "friction_factor": 0.0185139,
                "friction_pressure_drop": 9256.93,
                "pressure_drop": 10256.93,
            },
            source="by hand from research §1.3 F2/F3 [C]: Re 1e5, ε/D 1e-4 → f 0.0185139; "
            "f·L/D·ρv²/2 = 9256.9 Pa; + ΣK 2 × 500 Pa",
            rel_tol=1e-5,
        ),
    ),
)

# --- pump power for a pipe system -------------------------------------------------------------------------


class PumpSystemIn(PipeRun):
    static_head: Annotated[float, Unit("m"), Field(description="lift plus pressure difference as head")]
    pump_efficiency: Annotated[float, Unit(gt=0, le=1)]
    motor_efficiency: Annotated[float, Unit(gt=0, le=1)] = 1.0


class PumpSystemOut(_Hydraulics):
    total_head: Annotated[float, Unit("m")]
    hydraulic_power: Annotated[float, Unit("W")]
    shaft_power: Annotated[float, Unit("W")]
    electrical_power: Annotated[float, Unit("W")]


def pump_system_power(p: PumpSystemIn) -> PumpSystemOut:
    velocity, re, f, major, minor = _hydraulics(p)
    head = p.static_head + (major + minor) / (p.density * G)
    hydraulic = p.density * G * p.flow * head
    shaft = hydraulic / p.pump_efficiency
    return PumpSystemOut(
        velocity=velocity,
        reynolds=re,
        friction_factor=f,
        total_head=head,
        hydraulic_power=hydraulic,
        shaft_power=shaft,
        electrical_power=shaft / p.motor_efficiency,
    )


PUMP_SYSTEM = ComputationSpec(
    name="fluids.pump_system_power",
    title=LocalizedText(en="Pump power for a pipe system", zh="管路系统所需泵功率"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations", "production", "enterprise_management"),
    industries=("general", "chemical", "energy", "food", "building_materials"),
    inputs=PumpSystemIn,
    outputs=PumpSystemOut,
    func=pump_system_power,
    formula="H = H_st + (f·L/D + ΣK)·v²/(2g); P_h = ρ·g·Q·H; P_shaft = P_h/η_p; P_el = P_shaft/η_m",
    reference=f"{CRANE}, ch. 2; GB/T 3216-2016 (ISO 9906:2012) §3 (pump power); "
    "Colebrook friction factor via fluids",
    examples=(
        Example(
            inputs={
                "flow": _Q,
                "diameter": 0.1,
                "length": 100,
                "roughness": 1e-5,
                "density": 1000,
                "viscosity": 1e-3,
                "loss_coefficient": 2,
                "static_head": 20,
                "pump_efficiency": 0.7,
                "motor_efficiency": 0.9,
            },
            expected={"total_head": 21.045916, "hydraulic_power": 1620.9827, "electrical_power": 2572.9885},
            source="by hand with f = 0.0185139 (research §1.3 F3 [C]): 20 + 0.94394 + 0.10197 m; "
            "ρgQH = 1621.0 W; / 0.7 / 0.9",
            rel_tol=1e-5,
        ),
    ),
)

# --- Hazen–Williams ---------------------------------------------------------------------------------------


class HazenWilliamsIn(ModelIn):
    flow: Annotated[float, Unit("m**3/s", ge=0)]
    diameter: Annotated[float, Unit("m", gt=0), Field(description="internal diameter")]
    length: Annotated[float, Unit("m", ge=0)]
    coefficient: Annotated[float, Unit(gt=0, le=160), Field(description="Hazen–Williams C_h, e.g. 130")]


class HazenWilliamsOut(ModelOut):
    head_loss: Annotated[float, Unit("m")]
    hydraulic_gradient: Annotated[float, Unit(), Field(description="head loss per metre")]


def hazen_williams(p: HazenWilliamsIn) -> HazenWilliamsOut:
    gradient = 10.67 * p.flow**1.852 / (p.coefficient**1.852 * p.diameter**4.87)
    return HazenWilliamsOut(head_loss=gradient * p.length, hydraulic_gradient=gradient)


HAZEN = ComputationSpec(
    name="fluids.hazen_williams",
    title=LocalizedText(en="Hazen–Williams water-main head loss", zh="海曾-威廉公式水头损失"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations"),
    industries=("general", "building_materials", "energy"),
    inputs=HazenWilliamsIn,
    outputs=HazenWilliamsOut,
    func=hazen_williams,
    formula="i = 10.67·q^1.852 / (C_h^1.852·d^4.87) (SI: q m³/s, d m); h_f = i·L  (water, turbulent)",
    reference="GB 50013-2018 室外给水设计标准 §7.2 (Hazen–Williams formula); research §1.3 F8",
    examples=(
        Example(
            inputs={"flow": 0.05, "diameter": 0.2, "length": 1000, "coefficient": 130},
            expected={"head_loss": 12.812023},
            source="by hand: 10.67 × 0.05^1.852 / (130^1.852 × 0.2^4.87) × 1000 m = 12.81 m",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (PIPE_DROP, PUMP_SYSTEM, HAZEN)

__all__ = ["SPECS", "hazen_williams", "pipe_pressure_drop", "pump_system_power"]
