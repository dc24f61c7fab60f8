"""Injection moulding: clamp force, cooling time of a plate-like part, shot size."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.industry._base import DOMAINS, ModelIn, ModelOut

INDUSTRIES = ("light_industry", "automotive", "electronics", "general")

# --- clamp force --------------------------------------------------------------------------------------


class ClampForceIn(ModelIn):
    projected_area: Annotated[float, Unit("cm**2", gt=0), Field(description="projected area per cavity")]
    cavity_pressure: Annotated[float, Unit("MPa", gt=0), Field(description="mean cavity pressure")]
    cavities: Annotated[float, Unit(gt=0)] = 1.0
    runner_area: Annotated[float, Unit("cm**2", ge=0), Field(description="projected runner area")] = 0.0
    safety_factor: Annotated[float, Unit(ge=1)] = 1.0


class ClampForceOut(ModelOut):
    total_area: Annotated[float, Unit("cm**2")]
    clamp_force: Annotated[float, Unit("kN")]


def clamp_force(p: ClampForceIn) -> ClampForceOut:
    area = p.projected_area * p.cavities + p.runner_area
    force_kn = area * 1e-4 * p.cavity_pressure * 1e6 * p.safety_factor / 1000.0
    return ClampForceOut(total_area=area, clamp_force=force_kn)


CLAMP_FORCE = ComputationSpec(
    name="industry.clamp_force",
    title=LocalizedText(en="Injection moulding clamp force", zh="注塑锁模力"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=ClampForceIn,
    outputs=ClampForceOut,
    func=clamp_force,
    formula="F = (n·A_cavity + A_runner)·p_cavity·SF",
    reference="Rosato, Rosato & Rosato, Injection Molding Handbook, 3rd ed., Kluwer 2000 "
    "(clamping force from projected area and cavity pressure)",
    examples=(
        Example(
            inputs={"projected_area": 200, "cavity_pressure": 30},
            expected={"clamp_force": 600.0},
            source="research note §1.13 I1 [C]: 200 cm² × 30 MPa → 600 kN",
            rel_tol=1e-9,
        ),
        Example(
            inputs={
                "projected_area": 50,
                "cavities": 4,
                "runner_area": 20,
                "cavity_pressure": 40,
                "safety_factor": 1.2,
            },
            expected={"total_area": 220.0, "clamp_force": 1056.0},
            source="derived by hand: (4 × 50 + 20) cm² × 40 MPa × 1.2 = 1 056 kN",
            rel_tol=1e-9,
        ),
    ),
)

# --- cooling time -------------------------------------------------------------------------------------


class CoolingTimeIn(ModelIn):
    wall_thickness: Annotated[float, Unit("mm", gt=0)]
    diffusivity: Annotated[float, Unit("mm**2/s", gt=0), Field(description="thermal diffusivity of the melt")]
    melt_temperature: Annotated[float, Unit("degC")]
    mould_temperature: Annotated[float, Unit("degC")]
    ejection_temperature: Annotated[float, Unit("degC")]
    criterion: Literal["centre", "mean"] = Field(
        default="centre", description="the part's centre line or its mean temperature reaches T_e"
    )

    @model_validator(mode="after")
    def _ordered(self) -> CoolingTimeIn:
        if not self.melt_temperature > self.ejection_temperature > self.mould_temperature:
            raise ValueError("need melt_temperature > ejection_temperature > mould_temperature")
        return self


class CoolingTimeOut(ModelOut):
    cooling_time: Annotated[float, Unit("s")]


def cooling_time(p: CoolingTimeIn) -> CoolingTimeOut:
    shape = 4.0 / math.pi if p.criterion == "centre" else 8.0 / math.pi**2
    ratio = (p.melt_temperature - p.mould_temperature) / (p.ejection_temperature - p.mould_temperature)
    seconds = p.wall_thickness**2 / (math.pi**2 * p.diffusivity) * math.log(shape * ratio)
    return CoolingTimeOut(cooling_time=seconds)


COOLING_TIME = ComputationSpec(
    name="industry.cooling_time",
    title=LocalizedText(en="Injection moulding cooling time (plate)", zh="注塑冷却时间"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=CoolingTimeIn,
    outputs=CoolingTimeOut,
    func=cooling_time,
    formula="t_c = s²/(π²·α)·ln(K·(T_m − T_w)/(T_e − T_w)); K = 4/π (centre line) or 8/π² (mean)",
    reference="Menges, Michaeli & Mohren, How to Make Injection Molds, 3rd ed., Hanser 2001, ch. 8 (cooling "
    "time of a plate, first term of the 1-D conduction series)",
    examples=(
        Example(
            inputs={
                "wall_thickness": 2,
                "diffusivity": 0.1,
                "melt_temperature": 230,
                "mould_temperature": 40,
                "ejection_temperature": 90,
            },
            expected={"cooling_time": 6.39},
            source="research note §1.13 I2 [C]: s 2 mm, α 0.1 mm²/s, 230/40/90 °C → 6.39 s",
            rel_tol=1e-3,
        ),
    ),
)

# --- shot size ----------------------------------------------------------------------------------------


class ShotSizeIn(ModelIn):
    part_volume: Annotated[float, Unit("cm**3", gt=0)]
    cavities: Annotated[float, Unit(gt=0)] = 1.0
    runner_volume: Annotated[float, Unit("cm**3", ge=0)] = 0.0
    density: Annotated[float, Unit("g/cm**3", gt=0), Field(description="density of the moulded solid")]
    shot_capacity: (
        Annotated[float, Unit("cm**3", gt=0), Field(description="machine's maximum shot volume")] | None
    ) = None


class ShotSizeOut(ModelOut):
    shot_volume: Annotated[float, Unit("cm**3")]
    shot_mass: Annotated[float, Unit("g")]
    capacity_usage: Annotated[float, Unit("percent"), Field(description="shot volume / capacity")] | None


def shot_size(p: ShotSizeIn) -> ShotSizeOut:
    volume = p.part_volume * p.cavities + p.runner_volume
    usage = volume / p.shot_capacity * 100.0 if p.shot_capacity is not None else None
    return ShotSizeOut(shot_volume=volume, shot_mass=volume * p.density, capacity_usage=usage)


SHOT_SIZE = ComputationSpec(
    name="industry.shot_size",
    title=LocalizedText(en="Injection moulding shot size and barrel usage", zh="注射量与料筒利用率"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=ShotSizeIn,
    outputs=ShotSizeOut,
    func=shot_size,
    formula="V_shot = n·V_part + V_runner; m = ρ·V_shot; usage = V_shot / V_capacity",
    reference="Rosato, Rosato & Rosato, Injection Molding Handbook, 3rd ed. (shot size against plasticizing "
    "capacity); research note §1.13 I3",
    examples=(
        Example(
            inputs={
                "part_volume": 25,
                "cavities": 4,
                "runner_volume": 10,
                "density": 0.905,
                "shot_capacity": 250,
            },
            expected={"shot_volume": 110.0, "shot_mass": 99.55, "capacity_usage": 44.0},
            source="derived by hand: 4 × 25 + 10 = 110 cm³; × 0.905 g/cm³ (PP) = 99.55 g; 110/250 = 44 %",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (CLAMP_FORCE, COOLING_TIME, SHOT_SIZE)

__all__ = ["SPECS", "clamp_force", "cooling_time", "shot_size"]
