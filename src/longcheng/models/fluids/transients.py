"""Hydraulic transients: Joukowsky water hammer and the pressure-wave speed in an elastic pipe."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.fluids._base import G, ModelIn, ModelOut

WYLIE = "Wylie & Streeter, Fluid Transients in Systems (Prentice Hall, 1993)"

# --- Joukowsky water hammer -------------------------------------------------------------------------------


class HammerIn(ModelIn):
    density: Annotated[float, Unit("kg/m**3", gt=0)]
    wave_speed: Annotated[float, Unit("m/s", gt=0), Field(description="pressure-wave speed a")]
    velocity_change: Annotated[float, Unit("m/s", ge=0), Field(description="|Δv| of a fast valve closure")]
    pipe_length: (
        Annotated[float, Unit("m", gt=0), Field(description="gives the reflection time 2L/a")] | None
    ) = None


class HammerOut(ModelOut):
    pressure_rise: Annotated[float, Unit("Pa")]
    head_rise: Annotated[float, Unit("m")]
    reflection_time: (
        Annotated[float, Unit("s"), Field(description="closures faster than 2L/a are 'sudden'")] | None
    )


def water_hammer(p: HammerIn) -> HammerOut:
    rise = p.density * p.wave_speed * p.velocity_change
    length = p.pipe_length
    return HammerOut(
        pressure_rise=rise,
        head_rise=rise / (p.density * G),
        reflection_time=None if length is None else 2 * length / p.wave_speed,
    )


HAMMER = ComputationSpec(
    name="fluids.water_hammer",
    title=LocalizedText(en="Water hammer pressure rise (Joukowsky)", zh="水锤压力升高（儒科夫斯基公式）"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations"),
    industries=("general", "energy", "chemical", "building_materials"),
    inputs=HammerIn,
    outputs=HammerOut,
    func=water_hammer,
    formula="Δp = ρ·a·Δv; ΔH = a·Δv/g; sudden closure if t_c < 2L/a",
    reference=f"{WYLIE}, ch. 1 (Joukowsky equation)",
    examples=(
        Example(
            inputs={"density": 1000, "wave_speed": 1200, "velocity_change": 1, "pipe_length": 600},
            expected={"pressure_rise": 1.2e6, "head_rise": 122.36595, "reflection_time": 1.0},
            source="research §1.3 F16 [C]: 1000 × 1200 × 1 = 1.2 MPa; 2 × 600/1200 = 1 s",
            rel_tol=1e-7,
        ),
    ),
)

# --- pressure-wave speed ----------------------------------------------------------------------------------


class WaveSpeedIn(ModelIn):
    bulk_modulus: Annotated[float, Unit("Pa", gt=0), Field(description="liquid bulk modulus K")]
    density: Annotated[float, Unit("kg/m**3", gt=0)]
    diameter: Annotated[float, Unit("m", gt=0), Field(description="internal diameter")]
    wall_thickness: Annotated[float, Unit("m", gt=0)]
    elastic_modulus: Annotated[float, Unit("Pa", gt=0), Field(description="Young's modulus of the pipe wall")]
    restraint_factor: Annotated[
        float, Unit(gt=0, le=1), Field(description="c₁: 1 with expansion joints, 1 − ν² anchored throughout")
    ] = 1.0


class WaveSpeedOut(ModelOut):
    wave_speed: Annotated[float, Unit("m/s")]
    rigid_pipe_wave_speed: Annotated[float, Unit("m/s"), Field(description="√(K/ρ)")]


def pressure_wave_speed(p: WaveSpeedIn) -> WaveSpeedOut:
    rigid = math.sqrt(p.bulk_modulus / p.density)
    stretch = 1 + p.restraint_factor * p.bulk_modulus * p.diameter / (p.elastic_modulus * p.wall_thickness)
    return WaveSpeedOut(wave_speed=rigid / math.sqrt(stretch), rigid_pipe_wave_speed=rigid)


WAVE_SPEED = ComputationSpec(
    name="fluids.pressure_wave_speed",
    title=LocalizedText(en="Pressure-wave speed in an elastic pipe (Korteweg)", zh="弹性管道水锤波速"),
    kind="model",
    category="fluids",
    domains=("rd_design",),
    industries=("general", "energy", "chemical", "building_materials"),
    inputs=WaveSpeedIn,
    outputs=WaveSpeedOut,
    func=pressure_wave_speed,
    formula="a = √(K/ρ) / √(1 + c₁·K·D/(E·e))",
    reference=f"{WYLIE}, ch. 2 (wave speed in thin-walled elastic conduits)",
    examples=(
        Example(
            inputs={
                "bulk_modulus": 2.19e9,
                "density": 1000,
                "diameter": 0.5,
                "wall_thickness": 0.01,
                "elastic_modulus": 2.0e11,
            },
            expected={"wave_speed": 1189.6158, "rigid_pipe_wave_speed": 1479.8649},
            source="by hand: water (K 2.19 GPa) in a 500 × 10 mm steel pipe (E 200 GPa): "
            "√(2.19e6 / 1.5475) = 1189.6 m/s",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (HAMMER, WAVE_SPEED)

__all__ = ["SPECS", "pressure_wave_speed", "water_hammer"]
