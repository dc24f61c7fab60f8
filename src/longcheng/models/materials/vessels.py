"""Pressure vessels: thin-wall membrane stresses, required shell thickness by GB/T 150.3 and ASME VIII-1."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import GERE, In, Length, Out, spec

# --- thin-wall stresses ------------------------------------------------------------------------------------


class ThinWallIn(In):
    pressure: Annotated[float, Unit("MPa", gt=0), Field(description="internal gauge pressure")]
    inner_diameter: Length
    thickness: Length
    shape: Literal["cylinder", "sphere"] = "cylinder"


class ThinWallOut(Out):
    hoop_stress: Annotated[float, Unit("MPa")]
    longitudinal_stress: Annotated[float, Unit("MPa")]
    thin_wall: bool


def thin_wall_pressure_vessel(p: ThinWallIn) -> ThinWallOut:
    r = p.inner_diameter / 2
    longitudinal = p.pressure * r / (2 * p.thickness)
    hoop = 2 * longitudinal if p.shape == "cylinder" else longitudinal
    return ThinWallOut(hoop_stress=hoop, longitudinal_stress=longitudinal, thin_wall=r / p.thickness >= 10)


THIN_WALL = spec(
    "thin_wall_pressure_vessel",
    en="Membrane stresses in a thin-walled pressure vessel",
    zh="薄壁压力容器环向与轴向应力",
    domains=("rd_design", "operations", "production"),
    industries=("chemical", "energy", "pharmaceutical", "food", "general"),
    inputs=ThinWallIn,
    outputs=ThinWallOut,
    func=thin_wall_pressure_vessel,
    formula="cylinder σ_h = p·r/t, σ_l = p·r/(2t); sphere σ = p·r/(2t); thin if r/t ≥ 10",
    reference=f"{GERE} Ch. 8 (spherical and cylindrical pressure vessels)",
    examples=(
        Example(
            inputs={"pressure": 2, "inner_diameter": 1000, "thickness": 10},
            expected={"hoop_stress": 100.0, "longitudinal_stress": 50.0, "thin_wall": True},
            source="by hand: 2 MPa·500 mm/10 mm = 100 MPa; half of it axially",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"pressure": 2, "inner_diameter": 1000, "thickness": 10, "shape": "sphere"},
            expected={"hoop_stress": 50.0},
            source="by hand: p·r/(2t) = 50 MPa",
            rel_tol=1e-12,
        ),
    ),
)

# --- required shell thickness ------------------------------------------------------------------------------


class ShellIn(In):
    design_pressure: Annotated[float, Unit("MPa", gt=0)]
    inner_diameter: Length
    allowable_stress: Annotated[float, Unit("MPa", gt=0), Field(description="at design temperature")]
    joint_efficiency: Annotated[float, Unit(gt=0, le=1)]
    code: Literal["gb150", "asme"] = "gb150"
    corrosion_allowance: Annotated[float, Unit("mm", ge=0)] = 0.0
    effective_thickness: Length | None = None


class ShellOut(Out):
    calculated_thickness: Annotated[float, Unit("mm")]
    design_thickness: Annotated[float, Unit("mm"), Field(description="calculated + corrosion allowance")]
    within_scope: bool
    maximum_allowable_pressure: Annotated[float, Unit("MPa")] | None


def cylinder_shell_thickness(p: ShellIn) -> ShellOut:
    pc, se, d, te = (
        p.design_pressure,
        p.allowable_stress * p.joint_efficiency,
        p.inner_diameter,
        p.effective_thickness,
    )
    if p.code == "gb150":
        denominator, scope, length = 2 * se - pc, pc <= 0.4 * se, d
        mawp = 2 * te * se / (d + te) if te is not None else None
    else:
        denominator, scope, length = se - 0.6 * pc, pc <= 0.385 * se, d / 2
        mawp = se * te / (d / 2 + 0.6 * te) if te is not None else None
    if denominator <= 0:
        raise InvalidInput("design_pressure", "too high for this allowable stress")
    thickness = pc * length / denominator
    return ShellOut(
        calculated_thickness=thickness,
        design_thickness=thickness + p.corrosion_allowance,
        within_scope=scope,
        maximum_allowable_pressure=mawp,
    )


SHELL = spec(
    "cylinder_shell_thickness",
    en="Required wall thickness of a cylindrical shell under internal pressure",
    zh="内压圆筒计算厚度(GB/T 150.3 与 ASME VIII-1)",
    domains=("rd_design", "operations"),
    industries=("chemical", "energy", "pharmaceutical", "food", "general"),
    inputs=ShellIn,
    outputs=ShellOut,
    func=cylinder_shell_thickness,
    formula="GB/T 150.3: δ = p_c·D_i/(2[σ]^t·φ − p_c), valid p_c ≤ 0.4[σ]^t·φ, "
    "[p_w] = 2δ_e[σ]^tφ/(D_i + δ_e); ASME UG-27(c)(1): t = P·R/(S·E − 0.6P), valid P ≤ 0.385·S·E, "
    "MAWP = S·E·t/(R + 0.6t)",
    reference="GB/T 150.3-2011 压力容器 第3部分:设计 §3.3 (内压圆筒); ASME BPVC Section VIII Division 1 "
    "UG-27(c)(1) (circumferential stress, longitudinal joints)",
    examples=(
        Example(
            inputs={
                "design_pressure": 1.6,
                "inner_diameter": 1000,
                "allowable_stress": 170,
                "joint_efficiency": 0.85,
                "effective_thickness": 8,
            },
            expected={
                "calculated_thickness": 5.5671538,
                "within_scope": True,
                "maximum_allowable_pressure": 2.2936508,
            },
            source="GB/T 150.3 formula by hand: 1.6·1000/(2·170·0.85 − 1.6) = 5.567 mm; 2·8·144.5/1008",
            rel_tol=1e-7,
        ),
        Example(
            inputs={
                "design_pressure": 1.6,
                "inner_diameter": 1000,
                "allowable_stress": 138,
                "joint_efficiency": 0.85,
                "code": "asme",
                "corrosion_allowance": 3,
                "effective_thickness": 8,
            },
            expected={
                "calculated_thickness": 6.8763968,
                "design_thickness": 9.8763968,
                "maximum_allowable_pressure": 1.8589540,
            },
            source="UG-27(c)(1) by hand: 1.6·500/(138·0.85 − 0.96) = 6.876 mm; 117.3·8/(500 + 4.8)",
            rel_tol=1e-7,
        ),
    ),
)

SPECS = (THIN_WALL, SHELL)
