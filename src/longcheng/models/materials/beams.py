"""Beams: section properties, simply supported and cantilever beams."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import GERE, In, Length, Modulus, Out, spec

ROARK = "Young & Budynas, Roark's Formulas for Stress and Strain, 8th ed., Table 8.1"

# --- section properties ------------------------------------------------------------------------------------


class SectionIn(In):
    shape: Literal["rectangle", "circle", "tube"]
    width: Length | None = None
    height: Length | None = None
    diameter: Length | None = None
    inner_diameter: Length | None = None


class SectionOut(Out):
    area: Annotated[float, Unit("mm**2")]
    second_moment: Annotated[float, Unit("mm**4"), Field(description="about the horizontal centroidal axis")]
    second_moment_y: Annotated[float, Unit("mm**4")]
    section_modulus: Annotated[float, Unit("mm**3")]
    polar_moment: Annotated[
        float, Unit("mm**4"), Field(description="I_x + I_y (torsion constant for circles)")
    ]
    radius_of_gyration: Annotated[float, Unit("mm"), Field(description="least")]


def _need(value: float | None, field: str) -> float:
    if value is None:
        raise InvalidInput(field, "required for this shape")
    return value


def section_properties(p: SectionIn) -> SectionOut:
    if p.shape == "rectangle":
        b, h = _need(p.width, "width"), _need(p.height, "height")
        area, ix, iy, c = b * h, b * h**3 / 12, h * b**3 / 12, h / 2
    else:
        d = _need(p.diameter, "diameter")
        di = _need(p.inner_diameter, "inner_diameter") if p.shape == "tube" else 0.0
        if di >= d:
            raise InvalidInput("inner_diameter", "must be smaller than the diameter")
        area, ix, c = math.pi * (d * d - di * di) / 4, math.pi * (d**4 - di**4) / 64, d / 2
        iy = ix
    return SectionOut(
        area=area,
        second_moment=ix,
        second_moment_y=iy,
        section_modulus=ix / c,
        polar_moment=ix + iy,
        radius_of_gyration=math.sqrt(min(ix, iy) / area),
    )


SECTION = spec(
    "section_properties",
    en="Section properties of rectangular, round and tubular sections",
    zh="截面几何性质(面积、惯性矩、抗弯截面系数)",
    domains=("rd_design", "production"),
    industries=("general", "machinery", "building_materials", "automotive", "shipbuilding"),
    inputs=SectionIn,
    outputs=SectionOut,
    func=section_properties,
    formula="rectangle I = b·h³/12; circle I = π·d⁴/64, tube I = π(D⁴ − d⁴)/64; Z = I/c; J = I_x + I_y; "
    "r = √(I/A)",
    reference=f"{GERE} Ch. 12 (moments of inertia) and the appendix table of properties of plane areas",
    examples=(
        Example(
            inputs={"shape": "rectangle", "width": 100, "height": 100},
            expected={
                "second_moment": 8333333.3,
                "section_modulus": 166666.67,
                "radius_of_gyration": 28.867513,
            },
            source="research note S3 [C]: 0.1 × 0.1 m → I = 8.333·10⁻⁶ m⁴; Z = I/50 mm; r = 100/√12",
            rel_tol=1e-7,
        ),
        Example(
            inputs={"shape": "circle", "diameter": 50},
            expected={"area": 1963.4954, "second_moment": 306796.16, "polar_moment": 613592.32},
            source="by hand: π·50²/4; π·50⁴/64; π·50⁴/32",
            rel_tol=1e-7,
        ),
    ),
)

# --- beams -------------------------------------------------------------------------------------------------


class BeamIn(In):
    span: Annotated[float, Unit("m", gt=0)]
    elastic_modulus: Modulus
    second_moment: Annotated[float, Unit("mm**4", gt=0)]
    point_load: Annotated[
        float, Unit("N"), Field(description="at mid-span (simply supported) or the free end")
    ] = 0.0
    distributed_load: Annotated[float, Unit("N/m"), Field(description="uniform over the whole span")] = 0.0
    section_modulus: Annotated[float, Unit("mm**3", gt=0)] | None = None


class BeamOut(Out):
    max_deflection: Annotated[float, Unit("mm")]
    max_moment: Annotated[float, Unit("N*m")]
    max_slope: Annotated[float, Unit("degree")]
    reaction: Annotated[float, Unit("N"), Field(description="at each support (simply supported) or the wall")]
    max_stress: Annotated[float, Unit("MPa")] | None


def _beam(p: BeamIn, deflection: float, moment: float, slope: float, reaction: float) -> BeamOut:
    stress = moment * 1000 / p.section_modulus if p.section_modulus is not None else None
    return BeamOut(
        max_deflection=deflection * 1000,
        max_moment=moment,
        max_slope=math.degrees(slope),
        reaction=reaction,
        max_stress=stress,
    )


def simply_supported_beam(p: BeamIn) -> BeamOut:
    ei, length, f, w = (
        p.elastic_modulus * 1e9 * p.second_moment * 1e-12,
        p.span,
        p.point_load,
        p.distributed_load,
    )
    return _beam(
        p,
        deflection=f * length**3 / (48 * ei) + 5 * w * length**4 / (384 * ei),
        moment=f * length / 4 + w * length**2 / 8,
        slope=f * length**2 / (16 * ei) + w * length**3 / (24 * ei),
        reaction=f / 2 + w * length / 2,
    )


def cantilever_beam(p: BeamIn) -> BeamOut:
    ei, length, f, w = (
        p.elastic_modulus * 1e9 * p.second_moment * 1e-12,
        p.span,
        p.point_load,
        p.distributed_load,
    )
    return _beam(
        p,
        deflection=f * length**3 / (3 * ei) + w * length**4 / (8 * ei),
        moment=f * length + w * length**2 / 2,
        slope=f * length**2 / (2 * ei) + w * length**3 / (6 * ei),
        reaction=f + w * length,
    )


SIMPLY_SUPPORTED = spec(
    "simply_supported_beam",
    en="Simply supported beam: deflection, moment and slope (central load and/or UDL)",
    zh="简支梁挠度、弯矩与转角",
    domains=("rd_design", "production"),
    industries=("general", "machinery", "building_materials", "shipbuilding", "automotive"),
    inputs=BeamIn,
    outputs=BeamOut,
    func=simply_supported_beam,
    formula="δ = P·L³/(48EI) + 5wL⁴/(384EI); M = PL/4 + wL²/8; θ_end = PL²/(16EI) + wL³/(24EI) (superposed; "
    "both maxima at mid-span)",
    reference=f"{ROARK} cases 1e and 2e; {GERE} appendix table of deflections and slopes of simple beams",
    examples=(
        Example(
            inputs={"span": 1, "elastic_modulus": 200, "second_moment": 8333333.333, "point_load": 1000},
            expected={"max_deflection": 0.0125, "max_moment": 250.0},
            source="research note S4 [C]: 1000 N, 1 m, 200 GPa, I = 8.333·10⁻⁶ m⁴ → 1.25·10⁻⁵ m",
            rel_tol=1e-6,
        ),
        Example(
            inputs={
                "span": 4,
                "elastic_modulus": 200,
                "second_moment": 8333333.333,
                "distributed_load": 10000,
            },
            expected={"max_deflection": 20.0, "max_moment": 20000.0, "reaction": 20000.0},
            source="by hand: 5·10⁴·4⁴/(384·200·10⁹·8.333·10⁻⁶) = 0.020 m; wL²/8 = 20 kN·m",
            rel_tol=1e-6,
        ),
    ),
)

CANTILEVER = spec(
    "cantilever_beam",
    en="Cantilever beam: deflection, moment and slope (end load and/or UDL)",
    zh="悬臂梁挠度、弯矩与转角",
    domains=("rd_design", "production"),
    industries=("general", "machinery", "building_materials", "aviation", "automotive"),
    inputs=BeamIn,
    outputs=BeamOut,
    func=cantilever_beam,
    formula="δ = P·L³/(3EI) + wL⁴/(8EI); M = PL + wL²/2; θ = PL²/(2EI) + wL³/(6EI) (at the free end / wall)",
    reference=f"{ROARK} cases 1a and 2a; {GERE} appendix table of deflections and slopes of cantilever beams",
    examples=(
        Example(
            inputs={"span": 1, "elastic_modulus": 200, "second_moment": 8333333.333, "point_load": 1000},
            expected={"max_deflection": 0.2, "max_moment": 1000.0},
            source="research note S5 [C]: same beam as S4 as a cantilever → 2.0·10⁻⁴ m",
            rel_tol=1e-6,
        ),
        Example(
            inputs={
                "span": 2,
                "elastic_modulus": 200,
                "second_moment": 8333333.333,
                "distributed_load": 10000,
                "section_modulus": 166666.667,
            },
            expected={"max_deflection": 12.0, "max_moment": 20000.0, "max_stress": 120.0},
            source="by hand: 10⁴·2⁴/(8·200·10⁹·8.333·10⁻⁶) = 0.012 m; wL²/2 = 20 kN·m; /Z",
            rel_tol=1e-6,
        ),
    ),
)

SPECS = (SECTION, SIMPLY_SUPPORTED, CANTILEVER)
