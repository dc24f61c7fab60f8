"""Control valves: the Kv/Cv flow coefficient and IEC 60534-2-1 sizing for liquids and gases."""

from __future__ import annotations

import math
from typing import Annotated, Any, Self

from fluids.control_valve import size_control_valve_g, size_control_valve_l
from fluids.fittings import Kv_to_Cv
from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.fluids._base import ModelIn, ModelOut

WATER_15C = 999.1  # kg/m³, the reference density ρ₀ of IEC 60534-2-1
IEC_60534 = (
    "IEC 60534-2-1:2011 (GB/T 17213.2-2017) Industrial-process control valves — Flow capacity — "
    "Sizing equations"
)
Fraction = Annotated[float, Unit(gt=0, le=1)]


class KvOut(ModelOut):
    kv: Annotated[float, Unit("m**3/h"), Field(description="Kv: m³/h of water at Δp 1 bar")]
    cv: Annotated[float, Unit(), Field(description="Cv: US gpm of water at Δp 1 psi")]


# --- flow coefficient -------------------------------------------------------------------------------------


class FlowCoefficientIn(ModelIn):
    flow: Annotated[float, Unit("m**3/h", ge=0)]
    differential_pressure: Annotated[float, Unit("bar", gt=0)]
    density: Annotated[float, Unit("kg/m**3", gt=0)] = WATER_15C


def valve_flow_coefficient(p: FlowCoefficientIn) -> KvOut:
    kv = p.flow * math.sqrt(p.density / WATER_15C / p.differential_pressure)
    return KvOut(kv=kv, cv=float(Kv_to_Cv(kv)))


FLOW_COEFFICIENT = ComputationSpec(
    name="fluids.valve_flow_coefficient",
    title=LocalizedText(en="Valve flow coefficient Kv / Cv", zh="阀门流量系数 Kv/Cv"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy", "food", "pharmaceutical"),
    inputs=FlowCoefficientIn,
    outputs=KvOut,
    func=valve_flow_coefficient,
    formula="Kv = Q·√((ρ/ρ₀)/Δp) (Q m³/h, Δp bar, ρ₀ = 999.1 kg/m³); Cv = 1.156·Kv  (turbulent, not choked)",
    reference=f"IEC 60534-1:2005 (Kv, Cv definitions); {IEC_60534}; fluids.fittings.Kv_to_Cv",
    examples=(
        Example(
            inputs={"flow": 10, "differential_pressure": 1},
            expected={"kv": 10.0, "cv": 11.560992},
            source="definition of Kv: 10 m³/h of 15 °C water at 1 bar; Cv = 1.1561 × Kv (IEC 60534-1)",
            rel_tol=1e-7,
        ),
        Example(
            inputs={"flow": 25, "differential_pressure": 0.5, "density": 998.2},
            expected={"kv": 35.339411},
            source="by hand: 25 × √((998.2/999.1)/0.5) = 35.34 m³/h",
            rel_tol=1e-7,
        ),
    ),
)

# --- IEC 60534 sizing: shared geometry --------------------------------------------------------------------


class _Installation(ModelIn):
    inlet_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute p₁")]
    outlet_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute p₂")]
    viscosity: Annotated[float, Unit("Pa*s", gt=0)]
    pipe_inlet_diameter: Annotated[float, Unit("m", gt=0)] | None = None
    pipe_outlet_diameter: Annotated[float, Unit("m", gt=0)] | None = None
    valve_diameter: Annotated[float, Unit("m", gt=0)] | None = None
    fl: Annotated[float, Unit(gt=0, le=1), Field(description="liquid pressure-recovery factor F_L")] = 0.9
    fd: Annotated[float, Unit(gt=0, le=1), Field(description="valve style modifier F_d")] = 1.0

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.outlet_pressure < self.inlet_pressure:
            raise ValueError("outlet pressure must be below inlet pressure")
        sizes = (self.pipe_inlet_diameter, self.pipe_outlet_diameter, self.valve_diameter)
        if len({s is None for s in sizes}) > 1:
            raise ValueError(
                "give all three of pipe_inlet_diameter, pipe_outlet_diameter, valve_diameter, or none"
            )
        return self


class SizingOut(KvOut):
    choked: bool
    laminar: bool
    valve_reynolds: Annotated[float, Unit(), Field(description="valve Reynolds number Re_v")]


def _sizing(out: Any) -> SizingOut:
    kv = float(out["Kv"])
    return SizingOut(
        kv=kv, cv=float(Kv_to_Cv(kv)), choked=bool(out["choked"]), laminar=bool(out["laminar"]),
        valve_reynolds=float(out["Rev"]),
    )  # fmt: skip


# --- IEC 60534 liquid -------------------------------------------------------------------------------------


class LiquidValveIn(_Installation):
    flow: Annotated[float, Unit("m**3/h", gt=0)]
    density: Annotated[float, Unit("kg/m**3", gt=0)]
    vapour_pressure: Annotated[float, Unit("Pa", ge=0)]
    critical_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="thermodynamic p_c")] = 22.064e6


def control_valve_liquid(p: LiquidValveIn) -> SizingOut:
    out: Any = size_control_valve_l(
        rho=p.density, Psat=p.vapour_pressure, Pc=p.critical_pressure, mu=p.viscosity, P1=p.inlet_pressure,
        P2=p.outlet_pressure, Q=p.flow / 3600.0, D1=p.pipe_inlet_diameter, D2=p.pipe_outlet_diameter,
        d=p.valve_diameter, FL=p.fl, Fd=p.fd, full_output=True,
    )  # fmt: skip
    return _sizing(out)


LIQUID = ComputationSpec(
    name="fluids.control_valve_liquid",
    title=LocalizedText(en="Control-valve sizing for liquids (IEC 60534-2-1)", zh="调节阀液体流量系数计算"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy", "food", "pharmaceutical"),
    inputs=LiquidValveIn,
    outputs=SizingOut,
    func=control_valve_liquid,
    formula="turbulent: C = Q/(N₁·F_P)·√((ρ₁/ρ₀)/Δp); choked when Δp ≥ (F_LP/F_P)²·(p₁ − F_F·p_v), "
    "F_F = 0.96 − 0.28·√(p_v/p_c); Reynolds-number factor F_R for laminar/transitional flow",
    reference=f"{IEC_60534}, sizing equations for incompressible fluids; "
    "fluids.control_valve.size_control_valve_l",
    examples=(
        Example(
            inputs={
                "flow": 360,
                "density": 965.4,
                "vapour_pressure": 70.1e3,
                "critical_pressure": 22120e3,
                "viscosity": 3.1472e-4,
                "inlet_pressure": 680e3,
                "outlet_pressure": 220e3,
                "pipe_inlet_diameter": 0.15,
                "pipe_outlet_diameter": 0.15,
                "valve_diameter": 0.15,
                "fl": 0.9,
                "fd": 0.46,
            },
            expected={"kv": 165.0, "choked": False},
            source="IEC 60534-2-1 Annex, example 1 (globe valve, parabolic plug, water at 363 K): "
            "Kv = 165 m³/h",
            rel_tol=5e-4,
        ),
    ),
)

# --- IEC 60534 gas ----------------------------------------------------------------------------------------


class GasValveIn(_Installation):
    flow: Annotated[float, Unit("m**3/h", gt=0), Field(description="at 273.15 K and 101.325 kPa")]
    temperature: Annotated[float, Unit("K", gt=0), Field(description="inlet")]
    molar_mass: Annotated[float, Unit("g/mol", gt=0)]
    isentropic_exponent: Annotated[float, Unit(gt=1, le=1.67)]
    compressibility: Annotated[float, Unit(gt=0, le=2)] = 1.0
    xt: Annotated[float, Unit(gt=0, le=1), Field(description="pressure differential ratio factor x_T")] = 0.7


def control_valve_gas(p: GasValveIn) -> SizingOut:
    out: Any = size_control_valve_g(
        T=p.temperature, MW=p.molar_mass, mu=p.viscosity, gamma=p.isentropic_exponent, Z=p.compressibility,
        P1=p.inlet_pressure, P2=p.outlet_pressure, Q=p.flow / 3600.0, D1=p.pipe_inlet_diameter,
        D2=p.pipe_outlet_diameter, d=p.valve_diameter, FL=p.fl, Fd=p.fd, xT=p.xt, full_output=True,
    )  # fmt: skip
    return _sizing(out)


GAS = ComputationSpec(
    name="fluids.control_valve_gas",
    title=LocalizedText(en="Control-valve sizing for gases (IEC 60534-2-1)", zh="调节阀气体流量系数计算"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy", "metallurgy"),
    inputs=GasValveIn,
    outputs=SizingOut,
    func=control_valve_gas,
    formula="turbulent: C = Q/(N₉·F_P·p₁·Y)·√(M·T₁·Z/x); Y = 1 − x/(3·F_γ·x_TP), F_γ = γ/1.4; "
    "choked when x ≥ F_γ·x_TP",
    reference=f"{IEC_60534}, sizing equations for compressible fluids; "
    "fluids.control_valve.size_control_valve_g",
    examples=(
        Example(
            inputs={
                "flow": 3800,
                "temperature": 433,
                "molar_mass": 44.01,
                "viscosity": 1.4665e-4,
                "isentropic_exponent": 1.30,
                "compressibility": 0.988,
                "inlet_pressure": 680e3,
                "outlet_pressure": 310e3,
                "pipe_inlet_diameter": 0.08,
                "pipe_outlet_diameter": 0.1,
                "valve_diameter": 0.05,
                "fl": 0.85,
                "fd": 0.42,
                "xt": 0.60,
            },
            expected={"kv": 72.6, "choked": False},
            source="IEC 60534-2-1 Annex, example 3 (rotary eccentric plug, CO₂, attached fittings), "
            "Kv 72.6 m³/h as reproduced in the fluids documentation (72.587)",
            rel_tol=1e-3,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (FLOW_COEFFICIENT, LIQUID, GAS)

__all__ = ["SPECS", "control_valve_gas", "control_valve_liquid", "valve_flow_coefficient"]
