"""Insulation of equipment and pipes: heat loss through an insulated pipe and the economic thickness."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field
from scipy.special import lambertw

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import Celsius, In, Out, spec

GB50264 = (
    "GB 50264-2013 工业设备及管道绝热工程设计规范 §5 (same formulas as GB/T 8175-2008 设备及管道绝热设计导则)"
)
ALPHA_S = 11.63  # W/(m²·K), surface coefficient the Chinese insulation codes use for economic thickness

# --- heat loss through an insulated pipe -------------------------------------------------------------------


class InsulatedPipeIn(In):
    pipe_outer_diameter: Annotated[float, Unit("mm", gt=0)]
    insulation_thickness: Annotated[float, Unit("mm", gt=0)]
    conductivity: Annotated[float, Unit("W/(m*K)", gt=0)]
    medium_temperature: Celsius
    ambient_temperature: Celsius
    surface_coefficient: Annotated[float, Unit("W/(m**2*K)", gt=0)] = ALPHA_S


class InsulatedPipeOut(Out):
    heat_flux: Annotated[float, Unit("W/m**2"), Field(description="per m² of insulation outer surface")]
    heat_loss_per_length: Annotated[float, Unit("W/m")]
    surface_temperature: Annotated[float, Unit("degC")]
    critical_diameter: Annotated[float, Unit("mm"), Field(description="2λ/α_s: loss is largest here")]


def insulated_pipe_heat_loss(p: InsulatedPipeIn) -> InsulatedPipeOut:
    d0 = p.pipe_outer_diameter / 1000
    d1 = d0 + 2 * p.insulation_thickness / 1000
    flux = (p.medium_temperature - p.ambient_temperature) / (
        d1 / (2 * p.conductivity) * math.log(d1 / d0) + 1 / p.surface_coefficient
    )
    return InsulatedPipeOut(
        heat_flux=flux,
        heat_loss_per_length=math.pi * d1 * flux,
        surface_temperature=p.ambient_temperature + flux / p.surface_coefficient,
        critical_diameter=2000 * p.conductivity / p.surface_coefficient,
    )


INSULATED_PIPE = spec(
    "insulated_pipe_heat_loss",
    en="Heat loss and surface temperature of an insulated pipe",
    zh="保温管道散热损失与外表面温度",
    domains=("operations", "rd_design", "production"),
    industries=("general", "energy", "chemical", "metallurgy"),
    inputs=InsulatedPipeIn,
    outputs=InsulatedPipeOut,
    func=insulated_pipe_heat_loss,
    formula="Q = (T0 − Ta)/(D1/(2λ)·ln(D1/D0) + 1/α_s) [W/m²]; q = π·D1·Q [W/m]; T_s = Ta + Q/α_s; "
    "critical radius r_cr = λ/α_s",
    reference=f"{GB50264} (heat loss and surface temperature); Incropera 7th ed. §3.3.1, Example 3.5",
    examples=(
        Example(
            inputs={
                "pipe_outer_diameter": 108,
                "insulation_thickness": 50,
                "conductivity": 0.05,
                "medium_temperature": 200,
                "ambient_temperature": 20,
            },
            expected={
                "heat_flux": 124.20382,
                "heat_loss_per_length": 81.161145,
                "surface_temperature": 30.679606,
            },
            source="by hand from the code's formulas: D1 = 0.208 m, 180/(2.08·ln(208/108) + 1/11.63)",
            rel_tol=1e-6,
        ),
        Example(
            inputs={
                "pipe_outer_diameter": 10,
                "insulation_thickness": 6,
                "conductivity": 0.055,
                "medium_temperature": -20,
                "ambient_temperature": 23,
                "surface_coefficient": 5,
            },
            expected={"critical_diameter": 22.0},
            source="Incropera 7th ed. Example 3.5: k = 0.055 W/m·K, h = 5 W/m²·K give r_cr = 0.011 m",
            rel_tol=1e-9,
        ),
    ),
)

# --- economic thickness ------------------------------------------------------------------------------------


class EconomicIn(In):
    geometry: Literal["plane", "pipe"]
    conductivity: Annotated[float, Unit("W/(m*K)", gt=0)]
    medium_temperature: Celsius
    ambient_temperature: Celsius
    heat_price: Annotated[float, Unit("1/GJ", gt=0), Field(description="price of heat, currency per GJ")]
    annual_hours: Annotated[float, Unit("h", gt=0, le=8784)]
    insulation_cost: Annotated[float, Unit("1/m**3", gt=0), Field(description="currency per m³ installed")]
    interest_rate: Annotated[float, Unit(ge=0, le=1)]
    service_years: Annotated[int, Field(ge=1, le=100)]
    pipe_outer_diameter: Annotated[float, Unit("mm", gt=0)] | None = None
    surface_coefficient: Annotated[float, Unit("W/(m**2*K)", gt=0)] = ALPHA_S


class EconomicOut(Out):
    amortisation_factor: Annotated[float, Unit()]
    thickness: Annotated[float, Unit("mm")]
    heat_flux: Annotated[float, Unit("W/m**2")]
    heat_loss_per_length: Annotated[float, Unit("W/m")] | None


def _amortisation(rate: float, years: int) -> float:
    if rate == 0:
        return 1 / years
    growth = (1 + rate) ** years
    return rate * growth / (growth - 1)


def economic_insulation_thickness(p: EconomicIn) -> EconomicOut:
    s = _amortisation(p.interest_rate, p.service_years)
    dt = abs(p.medium_temperature - p.ambient_temperature)
    root = 1.8975e-3 * math.sqrt(
        p.heat_price * p.conductivity * p.annual_hours * dt / (p.insulation_cost * s)
    )
    lam, alpha = p.conductivity, p.surface_coefficient
    if p.geometry == "plane":
        thickness = max(root - lam / alpha, 0.0)
        flux = dt / (thickness / lam + 1 / alpha)
        return EconomicOut(
            amortisation_factor=s, thickness=thickness * 1000, heat_flux=flux, heat_loss_per_length=None
        )
    if p.pipe_outer_diameter is None:
        raise InvalidInput("pipe_outer_diameter", "required for a pipe")
    d0 = p.pipe_outer_diameter / 1000
    rhs = 2 * root - 2 * lam / alpha  # D1·ln(D1/D0) = rhs, solved with Lambert W: D1 = rhs/W(rhs/D0)
    d1 = rhs / float(lambertw(rhs / d0).real) if rhs > 0 else d0
    flux = dt / (d1 / (2 * lam) * math.log(d1 / d0) + 1 / alpha)
    return EconomicOut(
        amortisation_factor=s,
        thickness=(d1 - d0) / 2 * 1000,
        heat_flux=flux,
        heat_loss_per_length=math.pi * d1 * flux,
    )


ECONOMIC_THICKNESS = spec(
    "economic_insulation_thickness",
    en="Economic insulation thickness",
    zh="经济保温厚度",
    domains=("rd_design", "operations", "enterprise_management"),
    industries=("general", "energy", "chemical", "metallurgy", "building_materials"),
    inputs=EconomicIn,
    outputs=EconomicOut,
    func=economic_insulation_thickness,
    formula="S = i(1+i)^n/((1+i)^n − 1); plane δ = 1.8975·10⁻³·√(P_E·λ·t·|T0 − Ta|/(P_T·S)) − λ/α_s; "
    "pipe D1·ln(D1/D0) = 3.795·10⁻³·√(P_E·λ·t·|T0 − Ta|/(P_T·S)) − 2λ/α_s, δ = (D1 − D0)/2 "
    "(P_E per GJ, t in h, P_T per m³)",
    reference=f"{GB50264} (economic thickness: minimum of annual heat cost plus amortised investment)",
    examples=(
        Example(
            inputs={
                "geometry": "plane",
                "conductivity": 0.05,
                "medium_temperature": 200,
                "ambient_temperature": 20,
                "heat_price": 35,
                "annual_hours": 8000,
                "insulation_cost": 600,
                "interest_rate": 0.10,
                "service_years": 6,
            },
            expected={"amortisation_factor": 0.2296074, "thickness": 252.33437, "heat_flux": 35.069454},
            source="the code's formula by hand: S(10 %, 6 a) = 0.229607; δ = 1.8975e-3·√(35·0.05·8000·180/"
            "(600·S)) − 0.05/11.63 = 0.25233 m",
            rel_tol=1e-6,
        ),
        Example(
            inputs={
                "geometry": "pipe",
                "pipe_outer_diameter": 108,
                "conductivity": 0.05,
                "medium_temperature": 200,
                "ambient_temperature": 20,
                "heat_price": 35,
                "annual_hours": 8000,
                "insulation_cost": 600,
                "interest_rate": 0.10,
                "service_years": 6,
            },
            expected={"thickness": 141.85353, "heat_loss_per_length": 43.155910},
            source="by hand: D1·ln(D1/0.108) = 0.504669 solved by bisection, D1 = 0.391707 m",
            rel_tol=1e-6,
        ),
    ),
)

SPECS = (INSULATED_PIPE, ECONOMIC_THICKNESS)
