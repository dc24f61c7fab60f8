"""Stress and strain: axial load (Hooke), bending, torsion of round shafts, von Mises, thermal expansion."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import GERE, SHIGLEY, In, Length, Modulus, Out, Stress, spec

# --- axial stress and strain -------------------------------------------------------------------------------


class AxialIn(In):
    force: Annotated[float, Unit("N"), Field(description="tension positive")]
    area: Annotated[float, Unit("mm**2", gt=0)]
    elastic_modulus: Modulus
    length: Length | None = None


class AxialOut(Out):
    stress: Annotated[float, Unit("MPa")]
    strain: Annotated[float, Unit()]
    elongation: Annotated[float, Unit("mm")] | None


def axial_stress_strain(p: AxialIn) -> AxialOut:
    stress = p.force / p.area
    strain = stress / (p.elastic_modulus * 1000)
    return AxialOut(
        stress=stress, strain=strain, elongation=strain * p.length if p.length is not None else None
    )


AXIAL = spec(
    "axial_stress_strain",
    en="Axial stress, strain and elongation of a bar (Hooke's law)",
    zh="杆件轴向应力、应变与伸长量(胡克定律)",
    domains=("rd_design", "production", "operations"),
    industries=("general", "machinery", "building_materials", "automotive", "aviation"),
    inputs=AxialIn,
    outputs=AxialOut,
    func=axial_stress_strain,
    formula="σ = F/A; ε = σ/E; δ = F·L/(E·A)",
    reference=f"{GERE} Ch. 1 (normal stress and strain; Hooke's law) and Ch. 2 (changes in "
    "lengths of axially loaded members)",
    examples=(
        Example(
            inputs={"force": 50000, "area": 500, "elastic_modulus": 200, "length": 2000},
            expected={"stress": 100.0, "strain": 5e-4, "elongation": 1.0},
            source="by hand: 50 kN/500 mm² = 100 MPa; 100/200 000 = 5·10⁻⁴; ×2000 mm = 1.0 mm",
            rel_tol=1e-12,
        ),
    ),
)

# --- bending stress ----------------------------------------------------------------------------------------


class BendingIn(In):
    moment: Annotated[float, Unit("N*m")]
    second_moment: Annotated[float, Unit("mm**4", gt=0)]
    extreme_fibre: Annotated[float, Unit("mm", gt=0), Field(description="c, distance from the neutral axis")]


class BendingOut(Out):
    stress: Annotated[float, Unit("MPa")]
    section_modulus: Annotated[float, Unit("mm**3")]


def bending_stress(p: BendingIn) -> BendingOut:
    z = p.second_moment / p.extreme_fibre
    return BendingOut(stress=p.moment * 1000 / z, section_modulus=z)


BENDING = spec(
    "bending_stress",
    en="Bending stress in a beam (flexure formula)",
    zh="梁的弯曲正应力",
    domains=("rd_design", "production"),
    industries=("general", "machinery", "building_materials", "automotive", "shipbuilding"),
    inputs=BendingIn,
    outputs=BendingOut,
    func=bending_stress,
    formula="σ = M·c/I = M/Z",
    reference=f"{GERE} Ch. 5 (normal stresses in beams: the flexure formula, section modulus)",
    examples=(
        Example(
            inputs={"moment": 10000, "second_moment": 8333333.333, "extreme_fibre": 50},
            expected={"stress": 60.0, "section_modulus": 166666.67},
            source="by hand: 100 × 100 mm section, I = 8.333·10⁶ mm⁴, c = 50 mm; 10 kN·m → 60 MPa",
            rel_tol=1e-7,
        ),
    ),
)

# --- torsion of a round shaft ------------------------------------------------------------------------------


class TorsionIn(In):
    torque: Annotated[float, Unit("N*m")]
    outer_diameter: Length
    inner_diameter: Annotated[float, Unit("mm", ge=0)] = 0.0
    length: Length | None = None
    shear_modulus: Modulus | None = None


class TorsionOut(Out):
    polar_moment: Annotated[float, Unit("mm**4")]
    max_shear_stress: Annotated[float, Unit("MPa")]
    twist_angle: Annotated[float, Unit("degree")] | None


def torsion_shaft(p: TorsionIn) -> TorsionOut:
    if p.inner_diameter >= p.outer_diameter:
        raise InvalidInput("inner_diameter", "must be smaller than the outer diameter")
    j = math.pi * (p.outer_diameter**4 - p.inner_diameter**4) / 32
    tau = p.torque * 1000 * (p.outer_diameter / 2) / j
    twist = None
    if p.length is not None and p.shear_modulus is not None:
        twist = math.degrees(p.torque * 1000 * p.length / (p.shear_modulus * 1000 * j))
    return TorsionOut(polar_moment=j, max_shear_stress=tau, twist_angle=twist)


TORSION = spec(
    "torsion_shaft",
    en="Shear stress and angle of twist of a round shaft in torsion",
    zh="圆轴扭转切应力与扭转角",
    domains=("rd_design", "production", "operations"),
    industries=("general", "machinery", "automotive", "shipbuilding", "energy"),
    inputs=TorsionIn,
    outputs=TorsionOut,
    func=torsion_shaft,
    formula="J = π(D⁴ − d⁴)/32; τ_max = T·(D/2)/J; φ = T·L/(G·J)",
    reference=f"{GERE} Ch. 3 (torsional deformations of circular bars and tubes: torsion formula, angle "
    "of twist)",
    examples=(
        Example(
            inputs={"torque": 340, "outer_diameter": 40, "length": 1300, "shear_modulus": 80},
            expected={"max_shear_stress": 27.05634, "twist_angle": 1.259549},
            source="by hand: 16T/(πd³) = 16·340/(π·0.04³) = 27.06 MPa; TL/(GJ) = 0.021983 rad",
            rel_tol=1e-6,
        ),
    ),
)

# --- von Mises -------------------------------------------------------------------------------------------


class PlaneStressIn(In):
    sigma_x: Stress
    sigma_y: Stress = 0.0
    tau_xy: Stress = 0.0
    yield_strength: Annotated[float, Unit("MPa", gt=0)] | None = None


class PlaneStressOut(Out):
    von_mises: Annotated[float, Unit("MPa")]
    principal_1: Annotated[float, Unit("MPa")]
    principal_2: Annotated[float, Unit("MPa")]
    max_in_plane_shear: Annotated[float, Unit("MPa")]
    tresca: Annotated[float, Unit("MPa"), Field(description="σ1 − σ3 with σ3 = 0 out of plane")]
    safety_factor_von_mises: Annotated[float, Unit()] | None
    safety_factor_tresca: Annotated[float, Unit()] | None


def von_mises_stress(p: PlaneStressIn) -> PlaneStressOut:
    sx, sy, t = p.sigma_x, p.sigma_y, p.tau_xy
    vm = math.sqrt(sx * sx - sx * sy + sy * sy + 3 * t * t)
    centre, radius = (sx + sy) / 2, math.hypot((sx - sy) / 2, t)
    s1, s2 = centre + radius, centre - radius
    tresca = max(s1, s2, 0.0) - min(s1, s2, 0.0)
    sy_ = p.yield_strength
    return PlaneStressOut(
        von_mises=vm,
        principal_1=s1,
        principal_2=s2,
        max_in_plane_shear=radius,
        tresca=tresca,
        safety_factor_von_mises=sy_ / vm if sy_ is not None and vm > 0 else None,
        safety_factor_tresca=sy_ / tresca if sy_ is not None and tresca > 0 else None,
    )


VON_MISES = spec(
    "von_mises_stress",
    en="Principal stresses, von Mises and Tresca equivalent stress (plane stress)",
    zh="平面应力主应力与Mises/Tresca等效应力",
    domains=("rd_design", "production", "operations"),
    industries=("general", "machinery", "automotive", "aviation", "shipbuilding"),
    inputs=PlaneStressIn,
    outputs=PlaneStressOut,
    func=von_mises_stress,
    formula="σ' = √(σx² − σxσy + σy² + 3τxy²); σ1,2 = (σx+σy)/2 ± √(((σx−σy)/2)² + τxy²); "
    "Tresca σ1 − σ3; n = S_y/σ'",
    reference=f"{SHIGLEY} Ch. 3 (principal stresses, Mohr's circle) and Ch. 5 (maximum-shear-stress and "
    "distortion-energy theories)",
    examples=(
        Example(
            inputs={"sigma_x": 80, "sigma_y": -40, "tau_xy": 30, "yield_strength": 250},
            expected={
                "von_mises": 117.898261,
                "principal_1": 87.082039,
                "principal_2": -47.082039,
                "tresca": 134.164079,
                "safety_factor_von_mises": 2.120472,
            },
            source="by hand: √(6400 + 3200 + 1600 + 2700) = √13 900; centre 20, radius √4500 = 67.082",
            rel_tol=1e-6,
        ),
    ),
)

# --- thermal expansion -------------------------------------------------------------------------------------


class ExpansionIn(In):
    expansion_coefficient: Annotated[float, Unit("1/K", gt=0)]
    length: Annotated[float, Unit("m", gt=0)]
    temperature_change: Annotated[float, Unit("K")]
    elastic_modulus: Modulus | None = None


class ExpansionOut(Out):
    elongation: Annotated[float, Unit("mm")]
    thermal_strain: Annotated[float, Unit()]
    restrained_stress: (
        Annotated[float, Unit("MPa"), Field(description="fully restrained; negative = compression")] | None
    )


def thermal_expansion(p: ExpansionIn) -> ExpansionOut:
    strain = p.expansion_coefficient * p.temperature_change
    stress = -p.elastic_modulus * 1000 * strain if p.elastic_modulus is not None else None
    return ExpansionOut(elongation=strain * p.length * 1000, thermal_strain=strain, restrained_stress=stress)


EXPANSION = spec(
    "thermal_expansion",
    en="Thermal expansion and fully restrained thermal stress",
    zh="热膨胀量与约束热应力",
    domains=("rd_design", "production", "operations"),
    industries=("general", "machinery", "energy", "chemical", "building_materials"),
    inputs=ExpansionIn,
    outputs=ExpansionOut,
    func=thermal_expansion,
    formula="ε_T = α·ΔT; δ_T = α·ΔT·L; σ = −E·α·ΔT when fully restrained",
    reference=f"{GERE} Ch. 2 (thermal effects: thermal strain, statically indeterminate restrained bar)",
    examples=(
        Example(
            inputs={
                "expansion_coefficient": 12e-6,
                "length": 10,
                "temperature_change": 50,
                "elastic_modulus": 200,
            },
            expected={"elongation": 6.0, "thermal_strain": 6e-4, "restrained_stress": -120.0},
            source="by hand: 12·10⁻⁶ × 50 K × 10 m = 6 mm; 200 GPa × 6·10⁻⁴ = 120 MPa compression",
            rel_tol=1e-9,
        ),
    ),
)

SPECS = (AXIAL, BENDING, TORSION, VON_MISES, EXPANSION)
