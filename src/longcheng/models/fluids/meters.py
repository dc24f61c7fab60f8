"""Differential-pressure flow meters: the ISO 5167-1 general equation and ISO 5167-2/-3/-4 devices."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal, Self

from fluids.flow_meter import differential_pressure_meter_C_epsilon, differential_pressure_meter_solver
from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.fluids._base import ModelIn, ModelOut


class _Geometry(ModelIn):
    pipe_diameter: Annotated[float, Unit("m", gt=0), Field(description="upstream internal diameter D")]
    bore_diameter: Annotated[float, Unit("m", gt=0), Field(description="orifice bore or throat diameter d")]
    differential_pressure: Annotated[float, Unit("Pa", gt=0)]
    density: Annotated[float, Unit("kg/m**3", gt=0), Field(description="at the upstream tap")]

    @model_validator(mode="after")
    def _bore_inside(self) -> Self:
        if not self.bore_diameter < self.pipe_diameter:
            raise ValueError("bore diameter must be smaller than the pipe diameter")
        return self


class FlowOut(ModelOut):
    mass_flow: Annotated[float, Unit("kg/s")]
    volume_flow: Annotated[float, Unit("m**3/s"), Field(description="at upstream conditions")]
    beta: Annotated[float, Unit(), Field(description="d/D")]


# --- ISO 5167-1 general equation --------------------------------------------------------------------------


class GeneralMeterIn(_Geometry):
    discharge_coefficient: Annotated[float, Unit(gt=0, le=1.2)]
    expansibility: Annotated[float, Unit(gt=0, le=1), Field(description="ε, 1 for liquids")] = 1.0


def differential_pressure_flow(p: GeneralMeterIn) -> FlowOut:
    beta = p.bore_diameter / p.pipe_diameter
    area = math.pi / 4 * p.bore_diameter**2
    mass = p.discharge_coefficient / math.sqrt(1 - beta**4) * p.expansibility * area
    mass *= math.sqrt(2 * p.differential_pressure * p.density)
    return FlowOut(mass_flow=mass, volume_flow=mass / p.density, beta=beta)


GENERAL = ComputationSpec(
    name="fluids.differential_pressure_flow",
    title=LocalizedText(
        en="Differential-pressure meter flow (known C)", zh="差压式流量计流量（已知流出系数）"
    ),
    kind="model",
    category="fluids",
    domains=("operations", "production"),
    industries=("general", "chemical", "energy", "food", "metallurgy"),
    inputs=GeneralMeterIn,
    outputs=FlowOut,
    func=differential_pressure_flow,
    formula="q_m = C/√(1 − β⁴)·ε·(π/4)·d²·√(2·Δp·ρ₁); q_V = q_m/ρ₁",
    reference="ISO 5167-1:2022 (GB/T 2624.1-2006) Measurement of fluid flow by means of pressure "
    "differential devices — Part 1: General principles and requirements (basic equation)",
    examples=(
        Example(
            inputs={
                "pipe_diameter": 0.1,
                "bore_diameter": 0.05,
                "differential_pressure": 1e4,
                "density": 1000,
                "discharge_coefficient": 0.61,
            },
            expected={"mass_flow": 5.532088, "beta": 0.5},
            source="research §1.3 F9 [C]: C 0.61, β 0.5, d 0.05 m, Δp 10 kPa, ρ 1000 → 5.532 kg/s",
            rel_tol=1e-6,
        ),
    ),
)

# --- ISO 5167 devices -------------------------------------------------------------------------------------

Device = Literal[
    "orifice",
    "isa_1932_nozzle",
    "long_radius_nozzle",
    "venturi_machined",
    "venturi_as_cast",
    "venturi_rough_welded",
]
_DEVICE = {
    "orifice": "ISO 5167 orifice",
    "isa_1932_nozzle": "ISA 1932 nozzle",
    "long_radius_nozzle": "long radius nozzle",
    "venturi_machined": "machined convergent venturi tube",
    "venturi_as_cast": "as cast convergent venturi tube",
    "venturi_rough_welded": "rough welded convergent venturi tube",
}
_TAPS = {"corner": "corner", "flange": "flange", "d_and_d2": "D"}


class Iso5167In(_Geometry):
    upstream_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute, at the upstream tap")]
    viscosity: Annotated[float, Unit("Pa*s", gt=0)]
    isentropic_exponent: (
        Annotated[float, Unit(gt=1, le=1.67), Field(description="gas; omit for liquids")] | None
    ) = None
    device: Device = "orifice"
    taps: Literal["corner", "flange", "d_and_d2"] = Field("flange", description="orifice pressure tappings")

    @model_validator(mode="after")
    def _positive_downstream(self) -> Self:
        if self.differential_pressure >= self.upstream_pressure:
            raise ValueError("differential pressure must be below the upstream absolute pressure")
        return self


class Iso5167Out(FlowOut):
    discharge_coefficient: Annotated[float, Unit()]
    expansibility: Annotated[float, Unit()]
    reynolds: Annotated[float, Unit(), Field(description="pipe Reynolds number Re_D")]


def iso5167_flow(p: Iso5167In) -> Iso5167Out:
    liquid = p.isentropic_exponent is None
    kw: dict[str, Any] = {
        "D": p.pipe_diameter, "D2": p.bore_diameter, "P1": p.upstream_pressure,
        "P2": p.upstream_pressure - p.differential_pressure, "rho": p.density, "mu": p.viscosity,
        "k": 1.4 if p.isentropic_exponent is None else p.isentropic_exponent,
        "meter_type": _DEVICE[p.device], "taps": _TAPS[p.taps], "epsilon_specified": 1.0 if liquid else None,
    }  # fmt: skip
    mass = float(differential_pressure_meter_solver(**kw))
    c, eps = differential_pressure_meter_C_epsilon(m=mass, **kw)
    return Iso5167Out(
        mass_flow=mass,
        volume_flow=mass / p.density,
        beta=p.bore_diameter / p.pipe_diameter,
        discharge_coefficient=float(c),
        expansibility=float(eps),
        reynolds=4 * mass / (math.pi * p.pipe_diameter * p.viscosity),
    )


ISO5167 = ComputationSpec(
    name="fluids.iso5167_flow_meter",
    title=LocalizedText(
        en="Orifice, nozzle and Venturi flow (ISO 5167)", zh="孔板、喷嘴、文丘里管流量计算（ISO 5167）"
    ),
    kind="model",
    category="fluids",
    domains=("operations", "production", "rd_design"),
    industries=("general", "chemical", "energy", "food", "metallurgy", "pharmaceutical"),
    inputs=Iso5167In,
    outputs=Iso5167Out,
    func=iso5167_flow,
    formula="q_m = C/√(1 − β⁴)·ε·(π/4)·d²·√(2Δp·ρ₁), iterated on Re_D: orifice C from the "
    "Reader-Harris/Gallagher equation (ISO 5167-2 eq. 4), nozzles ISO 5167-3, classical Venturi "
    "C 0.995/0.984/0.985 (ISO 5167-4); ε = 1 for liquids",
    reference="ISO 5167-2:2003 orifice plates, -3 nozzles, -4 Venturi tubes (GB/T 2624.2~4-2006); "
    "fluids.flow_meter.differential_pressure_meter_solver",
    examples=(
        Example(
            inputs={
                "pipe_diameter": 0.1,
                "bore_diameter": 0.05,
                "differential_pressure": 8240.271979,
                "upstream_pressure": 208240.271979,
                "density": 1000,
                "viscosity": 1e-3,
                "device": "orifice",
                "taps": "d_and_d2",
            },
            expected={"mass_flow": 5.0, "discharge_coefficient": 0.6073513, "reynolds": 63661.977},
            source="by hand from ISO 5167-2 eq. 4: water, 5 kg/s, D 100 mm, β 0.5, D and D/2 taps → "
            "Re_D 63 662, C 0.60735, hence Δp 8240.27 Pa",
            rel_tol=1e-6,
        ),
        Example(
            inputs={
                "pipe_diameter": 0.1,
                "bore_diameter": 0.05,
                "differential_pressure": 20000,
                "upstream_pressure": 220000,
                "density": 1000,
                "viscosity": 1e-3,
                "device": "venturi_machined",
            },
            expected={"mass_flow": 12.761371, "discharge_coefficient": 0.995},
            source="ISO 5167-4: classical Venturi tube with a machined convergent, C = 0.995; by hand "
            "0.995/√(1 − 0.0625) × π/4 × 0.05² × √(2 × 20 000 × 1000)",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (GENERAL, ISO5167)

__all__ = ["SPECS", "differential_pressure_flow", "iso5167_flow"]
