"""Characteristic vibration frequencies: rolling bearings, gear mesh, belts, blade/vane pass."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.rotating._base import ModelIn, ModelOut

Teeth = Annotated[int, Field(ge=1, le=10000)]
SCHEFFER = (
    "Scheffer & Girdhar, Practical Machinery Vibration Analysis and Predictive Maintenance (Elsevier, 2004)"
)

# --- bearing defect frequencies ---------------------------------------------------------------------------


class BearingIn(ModelIn):
    shaft_speed: Annotated[float, Unit("rpm", gt=0), Field(description="shaft rotational speed")]
    balls: Annotated[float, Unit(gt=0, le=100), Field(description="number of rolling elements")]
    ball_diameter: Annotated[float, Unit("mm", gt=0)]
    pitch_diameter: Annotated[float, Unit("mm", gt=0)]
    contact_angle: Annotated[float, Unit("degree", ge=0, lt=90)] = 0.0


class BearingOut(ModelOut):
    shaft_frequency: Annotated[float, Unit("Hz")]
    bpfo: Annotated[float, Unit("Hz")]
    bpfi: Annotated[float, Unit("Hz")]
    ftf: Annotated[float, Unit("Hz")]
    bsf: Annotated[float, Unit("Hz")]


def bearing_defect_frequencies(p: BearingIn) -> BearingOut:
    fr = p.shaft_speed / 60.0
    ratio = p.ball_diameter / p.pitch_diameter * math.cos(math.radians(p.contact_angle))
    return BearingOut(
        shaft_frequency=fr,
        bpfo=fr * p.balls / 2 * (1 - ratio),
        bpfi=fr * p.balls / 2 * (1 + ratio),
        ftf=fr / 2 * (1 - ratio),
        bsf=fr * p.pitch_diameter / (2 * p.ball_diameter) * (1 - ratio**2),
    )


BEARING = ComputationSpec(
    name="rotating.bearing_defect_frequencies",
    title=LocalizedText(en="Rolling-bearing defect frequencies", zh="滚动轴承故障特征频率"),
    kind="model",
    category="rotating",
    domains=("operations", "production", "product_service"),
    industries=("general", "machinery"),
    inputs=BearingIn,
    outputs=BearingOut,
    func=bearing_defect_frequencies,
    formula="BPFO = fr·N/2·(1 − d/D·cosφ); BPFI = fr·N/2·(1 + d/D·cosφ); FTF = fr/2·(1 − d/D·cosφ); "
    "BSF = fr·D/(2d)·(1 − (d/D·cosφ)²)",
    reference="Case Western Reserve University Bearing Data Center: bearing specifications, SKF 6205-2RS JEM",
    examples=(
        Example(
            # SKF 6205: N = 9, d = 7.94 mm, D = 39.04 mm; CWRU: BPFO 3.5848, BPFI 5.4152, FTF 0.39828 × fr
            inputs={"shaft_speed": 60, "balls": 9, "ball_diameter": 7.94, "pitch_diameter": 39.04},
            expected={"bpfo": 3.5848, "bpfi": 5.4152, "ftf": 0.39828},
            source="CWRU Bearing Data Center: 6205-2RS JEM SKF defect frequencies (× running speed)",
            rel_tol=2e-4,
        ),
        Example(
            inputs={"shaft_speed": 60, "balls": 9, "ball_diameter": 7.9375, "pitch_diameter": 38.5},
            expected={"ftf": 0.3969, "bpfo": 3.572, "bpfi": 5.428, "bsf": 2.32},
            source="research §1.1 R26 [V]: MB ER-16K (Curtin University data set readme), × running speed",
            rel_tol=2e-3,
        ),
    ),
)

# --- gear mesh frequency ----------------------------------------------------------------------------------


class GearIn(ModelIn):
    speed: Annotated[float, Unit("rpm", gt=0), Field(description="speed of the driving gear")]
    driving_teeth: Teeth
    driven_teeth: Teeth


class GearOut(ModelOut):
    gear_mesh_frequency: Annotated[float, Unit("Hz")]
    driven_speed: Annotated[float, Unit("rpm")]
    hunting_tooth_frequency: Annotated[float, Unit("Hz")]
    assembly_phase_frequency: Annotated[float, Unit("Hz"), Field(description="GMF / N_a")]
    assembly_phases: int = Field(description="N_a, the greatest common factor of the tooth counts")


def gear_mesh_frequency(p: GearIn) -> GearOut:
    gmf = p.speed / 60.0 * p.driving_teeth
    phases = math.gcd(p.driving_teeth, p.driven_teeth)
    return GearOut(
        gear_mesh_frequency=gmf,
        driven_speed=p.speed * p.driving_teeth / p.driven_teeth,
        hunting_tooth_frequency=gmf * phases / (p.driving_teeth * p.driven_teeth),
        assembly_phase_frequency=gmf / phases,
        assembly_phases=phases,
    )


GEAR = ComputationSpec(
    name="rotating.gear_mesh_frequency",
    title=LocalizedText(en="Gear mesh and hunting-tooth frequencies", zh="齿轮啮合频率与追逐齿频率"),
    kind="model",
    category="rotating",
    domains=("operations", "rd_design", "product_service"),
    industries=("general", "machinery", "automotive", "metallurgy"),
    inputs=GearIn,
    outputs=GearOut,
    func=gear_mesh_frequency,
    formula="GMF = z₁·f₁; n₂ = n₁·z₁/z₂; N_a = gcd(z₁, z₂); f_HT = GMF·N_a/(z₁·z₂); f_APP = GMF/N_a",
    reference="Randall, Vibration-based Condition Monitoring (Wiley, 2011), ch. 2 (gear vibration); "
    f"{SCHEFFER}, gear defects",
    examples=(
        Example(
            inputs={"speed": 1500, "driving_teeth": 32, "driven_teeth": 48},
            expected={
                "gear_mesh_frequency": 800.0,
                "driven_speed": 1000.0,
                "hunting_tooth_frequency": 8.333333,
                "assembly_phases": 16,
            },
            source="research §1.1 R27 [C]: z = 32 at 25 Hz → 800 Hz; by hand N_a = gcd(32, 48) = 16, "
            "f_HT = 800 × 16/(32 × 48) = 8.33 Hz",
            rel_tol=1e-6,
        ),
    ),
)

# --- belt frequency ---------------------------------------------------------------------------------------


class BeltIn(ModelIn):
    driver_speed: Annotated[float, Unit("rpm", gt=0)]
    driver_diameter: Annotated[float, Unit("mm", gt=0), Field(description="pitch diameter of the driver")]
    driven_diameter: Annotated[float, Unit("mm", gt=0), Field(description="pitch diameter of the driven")]
    belt_length: Annotated[float, Unit("mm", gt=0), Field(description="pitch length of the belt")]


class BeltOut(ModelOut):
    belt_speed: Annotated[float, Unit("m/s")]
    belt_frequency: Annotated[float, Unit("Hz"), Field(description="once per belt revolution")]
    driven_speed: Annotated[float, Unit("rpm")]


def belt_frequency(p: BeltIn) -> BeltOut:
    speed = math.pi * p.driver_diameter / 1000.0 * p.driver_speed / 60.0
    return BeltOut(
        belt_speed=speed,
        belt_frequency=speed / (p.belt_length / 1000.0),
        driven_speed=p.driver_speed * p.driver_diameter / p.driven_diameter,
    )


BELT = ComputationSpec(
    name="rotating.belt_frequency",
    title=LocalizedText(en="Belt-drive speed and belt frequency", zh="皮带传动带速与皮带通过频率"),
    kind="model",
    category="rotating",
    domains=("operations", "rd_design"),
    industries=("general", "machinery", "textile", "building_materials"),
    inputs=BeltIn,
    outputs=BeltOut,
    func=belt_frequency,
    formula="v = π·D₁·n₁/60; f_b = v/L = π·D₁·f₁/L; n₂ = n₁·D₁/D₂",
    reference=f"{SCHEFFER}, belt-drive frequencies",
    examples=(
        Example(
            inputs={
                "driver_speed": 1500,
                "driver_diameter": 200,
                "driven_diameter": 400,
                "belt_length": 2000,
            },
            expected={"belt_speed": 15.707963, "belt_frequency": 7.8539816, "driven_speed": 750.0},
            source="by hand: π × 0.2 m × 25 Hz = 15.708 m/s; / 2 m = 7.854 Hz; 1500 × 200/400 = 750 rpm",
            rel_tol=1e-7,
        ),
    ),
)

# --- blade / vane pass frequency --------------------------------------------------------------------------


class BladePassIn(ModelIn):
    speed: Annotated[float, Unit("rpm", gt=0)]
    blades: Annotated[int, Field(ge=1, le=1000, description="impeller vanes or fan blades")]


class BladePassOut(ModelOut):
    shaft_frequency: Annotated[float, Unit("Hz")]
    blade_pass_frequency: Annotated[float, Unit("Hz")]


def blade_pass_frequency(p: BladePassIn) -> BladePassOut:
    fr = p.speed / 60.0
    return BladePassOut(shaft_frequency=fr, blade_pass_frequency=fr * p.blades)


BLADE_PASS = ComputationSpec(
    name="rotating.blade_pass_frequency",
    title=LocalizedText(en="Blade / vane pass frequency", zh="叶片通过频率"),
    kind="model",
    category="rotating",
    domains=("operations", "rd_design"),
    industries=("general", "energy", "chemical"),
    inputs=BladePassIn,
    outputs=BladePassOut,
    func=blade_pass_frequency,
    formula="BPF = z·f_r",
    reference=f"{SCHEFFER}, pumps and fans: vane/blade pass frequency",
    examples=(
        Example(
            inputs={"speed": 1470, "blades": 6},
            expected={"blade_pass_frequency": 147.0},
            source="research §1.1 R30 [C]: 6 vanes at 24.5 Hz → 147 Hz",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (BEARING, GEAR, BELT, BLADE_PASS)

__all__ = [
    "SPECS",
    "bearing_defect_frequencies",
    "belt_frequency",
    "blade_pass_frequency",
    "gear_mesh_frequency",
]
