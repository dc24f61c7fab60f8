"""Pipe flow basics: Reynolds number, Darcy friction factor (Colebrook and explicit forms), Darcy–Weisbach,
minor losses."""

from __future__ import annotations

from typing import Annotated

from fluids.core import Reynolds, dP_from_K
from fluids.friction import Haaland, Swamee_Jain_1976, friction_factor
from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.fluids._base import G, ModelIn, ModelOut

Reynolds_ = Annotated[float, Unit(gt=0), Field(description="Reynolds number")]
RelativeRoughness = Annotated[float, Unit(ge=0, lt=0.1), Field(description="ε/D")]
WHITE = "White, Fluid Mechanics, 7th ed. (2011)"

# --- Reynolds number --------------------------------------------------------------------------------------


class ReynoldsIn(ModelIn):
    velocity: Annotated[float, Unit("m/s", ge=0)]
    diameter: Annotated[float, Unit("m", gt=0), Field(description="pipe bore or hydraulic diameter")]
    density: Annotated[float, Unit("kg/m**3", gt=0)]
    viscosity: Annotated[float, Unit("Pa*s", gt=0), Field(description="dynamic viscosity")]


class ReynoldsOut(ModelOut):
    reynolds: Annotated[float, Unit()]
    regime: str = Field(description="laminar (Re < 2300), transitional, turbulent (Re > 4000)")


def reynolds_number(p: ReynoldsIn) -> ReynoldsOut:
    re = float(Reynolds(V=p.velocity, D=p.diameter, rho=p.density, mu=p.viscosity))
    regime = "laminar" if re < 2300 else ("transitional" if re <= 4000 else "turbulent")
    return ReynoldsOut(reynolds=re, regime=regime)


REYNOLDS = ComputationSpec(
    name="fluids.reynolds_number",
    title=LocalizedText(en="Reynolds number and flow regime", zh="雷诺数与流态判别"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "food", "pharmaceutical", "energy"),
    inputs=ReynoldsIn,
    outputs=ReynoldsOut,
    func=reynolds_number,
    formula="Re = ρ·v·D/μ; laminar below 2300, turbulent above 4000",
    reference=f"{WHITE}, ch. 6 (Reynolds-number regimes); fluids.core.Reynolds",
    examples=(
        Example(
            inputs={"velocity": 2, "diameter": 0.1, "density": 1000, "viscosity": 1e-3},
            expected={"reynolds": 2e5, "regime": "turbulent"},
            source="research §1.3 F1 [C]: 1000 × 2 × 0.1 / 1e-3 = 2e5",
            rel_tol=1e-12,
        ),
    ),
)

# --- Darcy friction factor (Colebrook) --------------------------------------------------------------------


class FrictionIn(ModelIn):
    reynolds: Reynolds_
    relative_roughness: RelativeRoughness = 0.0


class FrictionOut(ModelOut):
    friction_factor: Annotated[float, Unit(), Field(description="Darcy (Moody) friction factor")]


def darcy_friction_factor(p: FrictionIn) -> FrictionOut:
    return FrictionOut(friction_factor=float(friction_factor(Re=p.reynolds, eD=p.relative_roughness)))


FRICTION = ComputationSpec(
    name="fluids.darcy_friction_factor",
    title=LocalizedText(
        en="Darcy friction factor (Colebrook–White)", zh="达西摩阻系数（Colebrook-White 公式）"
    ),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy", "food"),
    inputs=FrictionIn,
    outputs=FrictionOut,
    func=darcy_friction_factor,
    formula="laminar (Re < 2040): f = 64/Re; turbulent: 1/√f = −2·log10(ε/(3.7D) + 2.51/(Re·√f)), "
    "solved exactly",
    reference="Colebrook, J. Inst. Civ. Eng. 11 (1939); exact solution by Clamond, Ind. Eng. Chem. Res. 48 "
    "(2009), as fluids.friction.friction_factor",
    examples=(
        Example(
            inputs={"reynolds": 1e5, "relative_roughness": 1e-4},
            expected={"friction_factor": 0.018513866},
            source="research §1.3 F3 [C]: Colebrook at Re 1e5, ε/D 1e-4 → 0.0185139; re-derived by "
            "fixed-point iteration of the Colebrook equation: 0.018513866",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"reynolds": 1000},
            expected={"friction_factor": 0.064},
            source="research §1.3 F4 [C]: laminar 64/1000",
            rel_tol=1e-12,
        ),
    ),
)

# --- explicit approximations ------------------------------------------------------------------------------


class ExplicitOut(ModelOut):
    swamee_jain: Annotated[float, Unit()]
    haaland: Annotated[float, Unit()]


def explicit_friction_factor(p: FrictionIn) -> ExplicitOut:
    return ExplicitOut(
        swamee_jain=float(Swamee_Jain_1976(Re=p.reynolds, eD=p.relative_roughness)),
        haaland=float(Haaland(Re=p.reynolds, eD=p.relative_roughness)),
    )


EXPLICIT = ComputationSpec(
    name="fluids.explicit_friction_factor",
    title=LocalizedText(
        en="Explicit friction factors (Swamee–Jain, Haaland)", zh="显式摩阻系数（Swamee-Jain、Haaland）"
    ),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy"),
    inputs=FrictionIn,
    outputs=ExplicitOut,
    func=explicit_friction_factor,
    formula="Swamee–Jain: f = 0.25/[log10(ε/(3.7D) + 5.74/Re^0.9)]²; "
    "Haaland: 1/√f = −1.8·log10[(ε/(3.7D))^1.11 + 6.9/Re]",
    reference="Swamee & Jain, J. Hydraul. Div. ASCE 102 (1976); Haaland, J. Fluids Eng. 105 (1983); "
    f"{WHITE}, ch. 6; fluids.friction",
    examples=(
        Example(
            inputs={"reynolds": 1e5, "relative_roughness": 1e-4},
            expected={"swamee_jain": 0.0184524, "haaland": 0.0182651},
            source="by hand from the two formulas at Re 1e5, ε/D 1e-4 (Colebrook gives 0.018514)",
            rel_tol=1e-5,
        ),
    ),
)

# --- Darcy–Weisbach ---------------------------------------------------------------------------------------


class DarcyIn(ModelIn):
    friction_factor: Annotated[float, Unit(gt=0, lt=1), Field(description="Darcy friction factor")]
    length: Annotated[float, Unit("m", ge=0)]
    diameter: Annotated[float, Unit("m", gt=0)]
    density: Annotated[float, Unit("kg/m**3", gt=0)]
    velocity: Annotated[float, Unit("m/s", ge=0)]


class PressureLossOut(ModelOut):
    pressure_drop: Annotated[float, Unit("Pa")]
    head_loss: Annotated[float, Unit("m")]


def darcy_weisbach(p: DarcyIn) -> PressureLossOut:
    k = p.friction_factor * p.length / p.diameter
    dp = float(dP_from_K(K=k, rho=p.density, V=p.velocity))
    return PressureLossOut(pressure_drop=dp, head_loss=dp / (p.density * G))


DARCY = ComputationSpec(
    name="fluids.darcy_weisbach",
    title=LocalizedText(en="Darcy–Weisbach pipe friction loss", zh="达西-魏斯巴赫沿程压力损失"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "energy", "food", "building_materials"),
    inputs=DarcyIn,
    outputs=PressureLossOut,
    func=darcy_weisbach,
    formula="Δp = f·(L/D)·ρ·v²/2; h_f = Δp/(ρ·g)",
    reference=f"{WHITE}, ch. 6 (Darcy–Weisbach); Crane Technical Paper No. 410 (2009), ch. 1",
    examples=(
        Example(
            inputs={"friction_factor": 0.02, "length": 100, "diameter": 0.1, "density": 1000, "velocity": 2},
            expected={"pressure_drop": 40000.0, "head_loss": 4.0788649},
            source="research §1.3 F2 [C]: 0.02 × 1000 × 1000 × 4/2 = 40 kPa",
            rel_tol=1e-7,
        ),
    ),
)

# --- minor losses -----------------------------------------------------------------------------------------


class MinorLossIn(ModelIn):
    loss_coefficient: Annotated[float, Unit(ge=0), Field(description="ΣK of fittings and valves")]
    density: Annotated[float, Unit("kg/m**3", gt=0)]
    velocity: Annotated[float, Unit("m/s", ge=0), Field(description="velocity the K values refer to")]


def minor_loss(p: MinorLossIn) -> PressureLossOut:
    dp = float(dP_from_K(K=p.loss_coefficient, rho=p.density, V=p.velocity))
    return PressureLossOut(pressure_drop=dp, head_loss=dp / (p.density * G))


MINOR = ComputationSpec(
    name="fluids.minor_loss",
    title=LocalizedText(en="Minor (fitting and valve) loss from K", zh="管件与阀门局部阻力损失"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy", "food", "pharmaceutical"),
    inputs=MinorLossIn,
    outputs=PressureLossOut,
    func=minor_loss,
    formula="Δp = K·ρ·v²/2; h = K·v²/(2g)",
    reference="Crane Technical Paper No. 410 (2009), ch. 2 (resistance coefficient K); fluids.core.dP_from_K",
    examples=(
        Example(
            inputs={"loss_coefficient": 0.75, "density": 1000, "velocity": 2},
            expected={"pressure_drop": 1500.0, "head_loss": 0.15295743},
            source="by hand: a long-radius elbow set, K 0.75 at 2 m/s: 0.75 × 1000 × 4/2 = 1500 Pa",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (REYNOLDS, FRICTION, EXPLICIT, DARCY, MINOR)

__all__ = [
    "SPECS",
    "darcy_friction_factor",
    "darcy_weisbach",
    "explicit_friction_factor",
    "minor_loss",
    "reynolds_number",
]
