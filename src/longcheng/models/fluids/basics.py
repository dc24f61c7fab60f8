"""Flow basics: pipe velocity, hydrostatic pressure, Pitot (Bernoulli) velocity, gas flow at reference
conditions."""

from __future__ import annotations

import math
from typing import Annotated

from fluids.core import P_from_head
from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.fluids._base import G, ModelIn, ModelOut

WHITE = "White, Fluid Mechanics, 7th ed. (2011)"

# --- pipe velocity ----------------------------------------------------------------------------------------


class VelocityIn(ModelIn):
    flow: Annotated[float, Unit("m**3/s", ge=0)]
    diameter: Annotated[float, Unit("m", gt=0), Field(description="internal diameter")]


class VelocityOut(ModelOut):
    velocity: Annotated[float, Unit("m/s")]
    area: Annotated[float, Unit("m**2")]


def pipe_velocity(p: VelocityIn) -> VelocityOut:
    area = math.pi / 4 * p.diameter**2
    return VelocityOut(velocity=p.flow / area, area=area)


VELOCITY = ComputationSpec(
    name="fluids.pipe_velocity",
    title=LocalizedText(en="Mean velocity in a pipe (continuity)", zh="管道平均流速（连续性方程）"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "food", "pharmaceutical", "energy"),
    inputs=VelocityIn,
    outputs=VelocityOut,
    func=pipe_velocity,
    formula="A = π·D²/4; v = Q/A",
    reference=f"{WHITE}, ch. 3 (conservation of mass)",
    examples=(
        Example(
            inputs={"flow": 0.01, "diameter": 0.1},
            expected={"velocity": 1.2732395, "area": 0.007853982},
            source="research §1.3 F13 [C]: 4 × 0.01 / (π × 0.01) = 1.273 m/s",
            rel_tol=1e-7,
        ),
    ),
)

# --- hydrostatic pressure ---------------------------------------------------------------------------------


class HydrostaticIn(ModelIn):
    depth: Annotated[float, Unit("m", ge=0), Field(description="liquid column above the point")]
    density: Annotated[float, Unit("kg/m**3", gt=0)] = 1000.0
    surface_pressure: Annotated[
        float, Unit("Pa", ge=0), Field(description="absolute, on the free surface")
    ] = 0.0


class HydrostaticOut(ModelOut):
    gauge_pressure: Annotated[float, Unit("Pa"), Field(description="ρ·g·h")]
    pressure: Annotated[float, Unit("Pa"), Field(description="surface pressure + ρ·g·h")]


def hydrostatic_pressure(p: HydrostaticIn) -> HydrostaticOut:
    column = float(P_from_head(head=p.depth, rho=p.density, g=G))
    return HydrostaticOut(gauge_pressure=column, pressure=p.surface_pressure + column)


HYDROSTATIC = ComputationSpec(
    name="fluids.hydrostatic_pressure",
    title=LocalizedText(en="Hydrostatic pressure of a liquid column", zh="液柱静压力"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "food", "energy"),
    inputs=HydrostaticIn,
    outputs=HydrostaticOut,
    func=hydrostatic_pressure,
    formula="p = p₀ + ρ·g·h",
    reference=f"{WHITE}, ch. 2 (hydrostatic pressure distribution); fluids.core.P_from_head",
    examples=(
        Example(
            inputs={"depth": 10, "density": 1000, "surface_pressure": 101325},
            expected={"gauge_pressure": 98066.5, "pressure": 199391.5},
            source="research §1.3 F14 [C]: 10 m of water → 98.07 kPa",
            rel_tol=1e-9,
        ),
    ),
)

# --- Pitot / Bernoulli velocity ---------------------------------------------------------------------------


class PitotIn(ModelIn):
    differential_pressure: Annotated[float, Unit("Pa", ge=0), Field(description="total − static pressure")]
    density: Annotated[float, Unit("kg/m**3", gt=0)]
    coefficient: Annotated[float, Unit(gt=0, le=1.2), Field(description="probe calibration factor")] = 1.0


class PitotOut(ModelOut):
    velocity: Annotated[float, Unit("m/s")]


def pitot_velocity(p: PitotIn) -> PitotOut:
    return PitotOut(velocity=p.coefficient * math.sqrt(2 * p.differential_pressure / p.density))


PITOT = ComputationSpec(
    name="fluids.pitot_velocity",
    title=LocalizedText(en="Velocity from a Pitot-static probe (Bernoulli)", zh="皮托管测速（伯努利方程）"),
    kind="model",
    category="fluids",
    domains=("operations", "production", "rd_design"),
    industries=("general", "energy", "building_materials", "metallurgy"),
    inputs=PitotIn,
    outputs=PitotOut,
    func=pitot_velocity,
    formula="v = C·√(2·Δp/ρ)  (incompressible Bernoulli)",
    reference="ISO 3966:2020 Measurement of fluid flow in closed conduits — Velocity area method using "
    f"Pitot static tubes; {WHITE}, ch. 3 (Bernoulli equation)",
    examples=(
        Example(
            inputs={"differential_pressure": 500, "density": 1.2},
            expected={"velocity": 28.867513},
            source="by hand: √(2 × 500 / 1.2) = 28.87 m/s (air duct)",
            rel_tol=1e-7,
        ),
    ),
)

# --- gas flow at reference conditions ---------------------------------------------------------------------


class GasFlowIn(ModelIn):
    flow: Annotated[float, Unit("m**3/h", ge=0), Field(description="actual volume flow")]
    pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute, at the meter")]
    temperature: Annotated[float, Unit("K", gt=0), Field(description="at the meter")]
    compressibility: Annotated[float, Unit(gt=0, le=2)] = 1.0
    reference_pressure: Annotated[float, Unit("Pa", gt=0)] = 101325.0
    reference_temperature: Annotated[float, Unit("K", gt=0), Field(description="273.15 K normal")] = 273.15
    reference_compressibility: Annotated[float, Unit(gt=0, le=2)] = 1.0


class GasFlowOut(ModelOut):
    reference_flow: Annotated[float, Unit("m**3/h")]


def gas_flow_to_reference(p: GasFlowIn) -> GasFlowOut:
    factor = (p.pressure / p.reference_pressure) * (p.reference_temperature / p.temperature)
    return GasFlowOut(reference_flow=p.flow * factor * p.reference_compressibility / p.compressibility)


GAS_FLOW = ComputationSpec(
    name="fluids.gas_flow_to_reference",
    title=LocalizedText(en="Gas flow at reference (normal) conditions", zh="气体流量标况换算"),
    kind="model",
    category="fluids",
    domains=("operations", "production", "enterprise_management"),
    industries=("general", "chemical", "energy", "metallurgy"),
    inputs=GasFlowIn,
    outputs=GasFlowOut,
    func=gas_flow_to_reference,
    formula="Q_n = Q·(p/p_n)·(T_n/T)·(Z_n/Z)",
    reference="ISO 13443:1996 natural gas — standard reference conditions; DIN 1343 (normal state 0 °C, "
    "101.325 kPa); ideal-gas law with compressibility",
    examples=(
        Example(
            inputs={"flow": 100, "pressure": 500000, "temperature": 293.15},
            expected={"reference_flow": 459.79548},
            source="by hand: 100 m³/h at 5 bar(a), 20 °C → 100 × 500/101.325 × 273.15/293.15 = 459.8 Nm³/h",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (VELOCITY, HYDROSTATIC, PITOT, GAS_FLOW)

__all__ = ["SPECS", "gas_flow_to_reference", "hydrostatic_pressure", "pipe_velocity", "pitot_velocity"]
