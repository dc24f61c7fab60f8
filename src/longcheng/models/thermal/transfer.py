"""Heat duty, overall heat-transfer coefficient, fouling and forced-convection correlations."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import Celsius, In, Out, ht, spec
from .exchangers import INCROPERA_11

INCROPERA_8 = "Incropera, DeWitt, Bergman, Lavine, Fundamentals of Heat and Mass Transfer, 7th ed., §8.5"

# --- sensible heat duty ------------------------------------------------------------------------------------


class DutyIn(In):
    mass_flow: Annotated[float, Unit("kg/s", ge=0)]
    specific_heat: Annotated[float, Unit("J/(kg*K)", gt=0)]
    inlet_temperature: Celsius
    outlet_temperature: Celsius


class DutyOut(Out):
    duty: Annotated[float, Unit("W"), Field(description="positive when the stream is heated")]
    capacity_rate: Annotated[float, Unit("W/K")]


def heat_duty(p: DutyIn) -> DutyOut:
    capacity = p.mass_flow * p.specific_heat
    return DutyOut(duty=capacity * (p.outlet_temperature - p.inlet_temperature), capacity_rate=capacity)


HEAT_DUTY = spec(
    "heat_duty",
    en="Sensible heat duty of a stream",
    zh="介质显热换热量",
    domains=("operations", "production", "rd_design"),
    industries=("general", "chemical", "food", "energy", "textile"),
    inputs=DutyIn,
    outputs=DutyOut,
    func=heat_duty,
    formula="Q = ṁ·c_p·(T_out − T_in)",
    reference=f"{INCROPERA_11} §11.3 (overall energy balances)",
    examples=(
        Example(
            inputs={
                "mass_flow": 0.1,
                "specific_heat": 2131,
                "inlet_temperature": 100,
                "outlet_temperature": 60,
            },
            expected={"duty": -8524.0},
            source="Incropera 7th ed. Example 11.1: oil 0.1 kg/s, c_p 2131 J/kg·K, 100→60 °C: q = 8524 W",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"mass_flow": 2, "specific_heat": 4180, "inlet_temperature": 20, "outlet_temperature": 30},
            expected={"duty": 83600.0, "capacity_rate": 8360.0},
            source="research note T1 [C]: 2 kg/s water, 4180 J/kg·K, ΔT 10 K → 83.6 kW",
            rel_tol=1e-9,
        ),
    ),
)

# --- overall U ---------------------------------------------------------------------------------------------


class OverallUIn(In):
    h_inner: Annotated[float, Unit("W/(m**2*K)", gt=0)]
    h_outer: Annotated[float, Unit("W/(m**2*K)", gt=0)]
    wall_thickness: Annotated[float, Unit("mm", ge=0)]
    wall_conductivity: Annotated[float, Unit("W/(m*K)", gt=0)]
    fouling_inner: Annotated[float, Unit("m**2*K/W", ge=0)] = 0.0
    fouling_outer: Annotated[float, Unit("m**2*K/W", ge=0)] = 0.0
    outer_diameter: (
        Annotated[float, Unit("mm", gt=0), Field(description="tube: U is referred to the outer area")] | None
    ) = None


class OverallUOut(Out):
    overall_u: Annotated[float, Unit("W/(m**2*K)")]
    total_resistance: Annotated[float, Unit("m**2*K/W")]


def overall_u(p: OverallUIn) -> OverallUOut:
    t = p.wall_thickness / 1000
    if p.outer_diameter is None:
        wall, ratio = t / p.wall_conductivity, 1.0
    else:
        d_o = p.outer_diameter / 1000
        d_i = d_o - 2 * t
        if d_i <= 0:
            raise InvalidInput("wall_thickness", "the wall is thicker than the tube radius")
        wall, ratio = d_o * math.log(d_o / d_i) / (2 * p.wall_conductivity), d_o / d_i
    total = ratio / p.h_inner + ratio * p.fouling_inner + wall + p.fouling_outer + 1 / p.h_outer
    return OverallUOut(overall_u=1 / total, total_resistance=total)


OVERALL_U = spec(
    "overall_u",
    en="Overall heat-transfer coefficient from film and fouling resistances",
    zh="总传热系数(含污垢热阻)",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy", "food"),
    inputs=OverallUIn,
    outputs=OverallUOut,
    func=overall_u,
    formula="plane wall 1/U = 1/h_i + R_f,i + t/k + R_f,o + 1/h_o; tube (outer area) 1/U_o = D_o/(D_i·h_i) + "
    "D_o·R_f,i/D_i + D_o·ln(D_o/D_i)/(2k) + R_f,o + 1/h_o",
    reference=f"{INCROPERA_11} §11.2 (overall heat-transfer coefficient)",
    examples=(
        Example(
            inputs={
                "h_inner": 1000,
                "h_outer": 500,
                "wall_thickness": 2,
                "wall_conductivity": 50,
                "fouling_inner": 0.0002,
                "fouling_outer": 0.0001,
            },
            expected={"overall_u": 299.4012, "total_resistance": 0.00334},
            source="eq. 11.1 by hand: 0.001 + 0.0002 + 0.00004 + 0.0001 + 0.002 = 0.00334 m²K/W",
            rel_tol=1e-6,
        ),
        Example(
            inputs={
                "h_inner": 1000,
                "h_outer": 500,
                "wall_thickness": 2,
                "wall_conductivity": 50,
                "fouling_inner": 0.0002,
                "fouling_outer": 0.0001,
                "outer_diameter": 25,
            },
            expected={"overall_u": 279.9427},
            source="eq. 11.5 by hand for a 25 × 2 mm tube: D_o/D_i = 25/21",
            rel_tol=1e-6,
        ),
    ),
)

# --- fouling -----------------------------------------------------------------------------------------------


class FoulingIn(In):
    u_clean: Annotated[float, Unit("W/(m**2*K)", gt=0)]
    u_service: Annotated[float, Unit("W/(m**2*K)", gt=0)]


class FoulingOut(Out):
    fouling_resistance: Annotated[float, Unit("m**2*K/W")]
    cleanliness_factor: Annotated[float, Unit()]


def fouling_resistance(p: FoulingIn) -> FoulingOut:
    return FoulingOut(
        fouling_resistance=1 / p.u_service - 1 / p.u_clean, cleanliness_factor=p.u_service / p.u_clean
    )


FOULING = spec(
    "fouling_resistance",
    en="Fouling resistance and cleanliness factor from measured U",
    zh="换热器污垢热阻与清洁系数",
    domains=("operations", "production"),
    industries=("general", "chemical", "energy", "food"),
    inputs=FoulingIn,
    outputs=FoulingOut,
    func=fouling_resistance,
    formula="R_f = 1/U_service − 1/U_clean; CF = U_service/U_clean",
    reference=f"{INCROPERA_11} §11.2 and Table 11.1 (fouling factors);",
    examples=(
        Example(
            inputs={"u_clean": 1000, "u_service": 800},
            expected={"fouling_resistance": 0.00025, "cleanliness_factor": 0.8},
            source="by hand: 1/800 − 1/1000 = 2.5e-4 m²K/W",
            rel_tol=1e-9,
        ),
    ),
)

# --- forced convection in tubes ----------------------------------------------------------------------------


class ConvectionIn(In):
    reynolds: Annotated[float, Unit(gt=0)]
    prandtl: Annotated[float, Unit(gt=0)]
    heating: bool = True
    friction_factor: (
        Annotated[float, Unit(gt=0), Field(description="Darcy; default Petukhov (0.790 ln Re − 1.64)^−2")]
        | None
    ) = None
    conductivity: Annotated[float, Unit("W/(m*K)", gt=0)] | None = None
    diameter: Annotated[float, Unit("m", gt=0)] | None = None


class ConvectionOut(Out):
    nusselt: Annotated[float, Unit()]
    h: Annotated[float, Unit("W/(m**2*K)")] | None
    in_validity_range: bool


def _with_h(p: ConvectionIn, nu: float, valid: bool) -> ConvectionOut:
    h = nu * p.conductivity / p.diameter if p.conductivity is not None and p.diameter is not None else None
    return ConvectionOut(nusselt=nu, h=h, in_validity_range=valid)


def dittus_boelter(p: ConvectionIn) -> ConvectionOut:
    nu = ht.turbulent_Dittus_Boelter(p.reynolds, p.prandtl, heating=p.heating, revised=True)
    return _with_h(p, nu, p.reynolds >= 1e4 and 0.6 <= p.prandtl <= 160)


def gnielinski(p: ConvectionIn) -> ConvectionOut:
    f = p.friction_factor or (0.790 * math.log(p.reynolds) - 1.64) ** -2
    nu = ht.turbulent_Gnielinski(p.reynolds, p.prandtl, f)
    return _with_h(p, nu, 3000 <= p.reynolds <= 5e6 and 0.5 <= p.prandtl <= 2000)


DITTUS_BOELTER = spec(
    "dittus_boelter",
    en="Turbulent pipe-flow Nusselt number (Dittus–Boelter)",
    zh="管内湍流对流换热努塞尔数(Dittus-Boelter公式)",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy"),
    inputs=ConvectionIn,
    outputs=ConvectionOut,
    func=dittus_boelter,
    formula="Nu = 0.023·Re^0.8·Pr^n, n = 0.4 heating, 0.3 cooling; h = Nu·k/D (Re ≥ 10⁴, 0.6 ≤ Pr ≤ 160)",
    reference=f"{INCROPERA_8} eq. 8.60",
    examples=(
        Example(
            inputs={"reynolds": 1e5, "prandtl": 5},
            expected={"nusselt": 437.8404, "in_validity_range": True},
            source="research note T10 [C]: 0.023·(10⁵)^0.8·5^0.4 = 437.84",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"reynolds": 1e5, "prandtl": 5, "heating": False, "conductivity": 0.6, "diameter": 0.05},
            expected={"nusselt": 372.7510, "h": 4473.012},
            source="eq. 8.60 with n = 0.3 by hand: 0.023·10⁴·5^0.3 = 372.75; h = 372.75·0.6/0.05",
            rel_tol=1e-6,
        ),
    ),
)

GNIELINSKI = spec(
    "gnielinski",
    en="Turbulent pipe-flow Nusselt number (Gnielinski)",
    zh="管内湍流对流换热努塞尔数(Gnielinski公式)",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy"),
    inputs=ConvectionIn,
    outputs=ConvectionOut,
    func=gnielinski,
    formula="Nu = (f/8)(Re − 1000)Pr / (1 + 12.7·(f/8)^0.5·(Pr^(2/3) − 1)); f = (0.790 ln Re − 1.64)^−2 "
    "(Petukhov) unless given; valid 3000 ≤ Re ≤ 5·10⁶, 0.5 ≤ Pr ≤ 2000",
    reference=f"{INCROPERA_8} eqs. 8.21, 8.62; Gnielinski, Int. Chem. Eng. 16:359 (1976)",
    examples=(
        Example(
            inputs={"reynolds": 1e5, "prandtl": 1.2, "friction_factor": 0.0185},
            expected={"nusselt": 254.62683},
            source="eq. 8.62 by hand (also the ht.turbulent_Gnielinski doctest): 254.6268",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"reynolds": 5e4, "prandtl": 3.0},
            expected={"nusselt": 226.2505},
            source="by hand: Petukhov f = (0.790·ln 5·10⁴ − 1.64)^−2 = 0.020958, then eq. 8.62",
            rel_tol=1e-6,
        ),
    ),
)

SPECS = (HEAT_DUTY, OVERALL_U, FOULING, DITTUS_BOELTER, GNIELINSKI)
