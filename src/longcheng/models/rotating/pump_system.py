"""Pump in its system: NPSH available, operating point, temperature rise through the pump."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.rotating._base import G, ModelIn, ModelOut

# --- NPSH available ---------------------------------------------------------------------------------------


class NpshIn(ModelIn):
    suction_pressure: Annotated[
        float, Unit("Pa", gt=0), Field(description="absolute static pressure at the suction flange")
    ]
    vapour_pressure: Annotated[float, Unit("Pa", ge=0), Field(description="at the pumping temperature")]
    density: Annotated[float, Unit("kg/m**3", gt=0)] = 1000.0
    velocity: Annotated[float, Unit("m/s", ge=0), Field(description="mean velocity at the flange")] = 0.0
    elevation: Annotated[float, Unit("m"), Field(description="gauge height above the NPSH datum")] = 0.0
    npsh_required: Annotated[float, Unit("m", gt=0)] | None = None


class NpshOut(ModelOut):
    npsh_available: Annotated[float, Unit("m")]
    margin: Annotated[float, Unit("m")] | None
    margin_ratio: Annotated[float, Unit()] | None


def npsh_available(p: NpshIn) -> NpshOut:
    npsha = (p.suction_pressure - p.vapour_pressure) / (p.density * G) + p.velocity**2 / (2 * G) + p.elevation
    req = p.npsh_required
    return NpshOut(
        npsh_available=npsha,
        margin=None if req is None else npsha - req,
        margin_ratio=None if req is None else npsha / req,
    )


NPSH = ComputationSpec(
    name="rotating.npsh_available",
    title=LocalizedText(en="Net positive suction head available", zh="有效汽蚀余量 NPSHa"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "energy", "food", "pharmaceutical"),
    inputs=NpshIn,
    outputs=NpshOut,
    func=npsh_available,
    formula="NPSHa = (p₁,abs − p_v)/(ρ·g) + v₁²/(2g) + z₁; margin = NPSHa − NPSHr; ratio = NPSHa/NPSHr",
    reference="ISO 9906:2012 (GB/T 3216-2016) §3 definitions (NPSH); ANSI/HI 9.6.1 NPSH margin",
    examples=(
        Example(
            inputs={
                "suction_pressure": 101325,
                "vapour_pressure": 2339.3,
                "density": 998.2,
                "velocity": 2,
                "elevation": 0.5,
                "npsh_required": 3,
            },
            expected={"npsh_available": 10.815877, "margin": 7.815877},
            source="by hand: water at 20 °C (p_v 2.3393 kPa, ρ 998.2 kg/m³ from steam tables), "
            "98 985.7/(998.2 × 9.80665) + 4/19.6133 + 0.5 = 10.816 m",
            rel_tol=1e-6,
        ),
    ),
)

# --- operating point --------------------------------------------------------------------------------------


class OperatingPointIn(ModelIn):
    shutoff_head: Annotated[
        float, Unit("m", gt=0), Field(description="pump curve H(Q) = H₀ + b·Q + c·Q²: H₀")
    ]
    linear_coefficient: Annotated[float, Unit("s/m**2"), Field(description="b, m per m³/s")] = 0.0
    quadratic_coefficient: Annotated[float, Unit("s**2/m**5", le=0), Field(description="c, m per (m³/s)²")]
    static_head: Annotated[float, Unit("m"), Field(description="system curve H = H_st + k·Q²: H_st")]
    system_coefficient: Annotated[float, Unit("s**2/m**5", ge=0), Field(description="k, m per (m³/s)²")]
    density: Annotated[float, Unit("kg/m**3", gt=0)] = 1000.0


class OperatingPointOut(ModelOut):
    flow: Annotated[float, Unit("m**3/s")]
    head: Annotated[float, Unit("m")]
    hydraulic_power: Annotated[float, Unit("W")]


def operating_point(p: OperatingPointIn) -> OperatingPointOut:
    a = p.quadratic_coefficient - p.system_coefficient  # (c − k)·Q² + b·Q + (H₀ − H_st) = 0
    b, c = p.linear_coefficient, p.shutoff_head - p.static_head
    if c <= 0:
        raise ValueError("the pump's shut-off head does not exceed the static head: no flow")
    if a == 0:
        if b >= 0:
            raise ValueError("pump and system curves do not intersect at a positive flow")
        flow = -c / b
    else:
        flow = (-b - math.sqrt(b * b - 4 * a * c)) / (2 * a)  # a < 0, c > 0: one positive root
    head = p.static_head + p.system_coefficient * flow**2
    return OperatingPointOut(flow=flow, head=head, hydraulic_power=p.density * G * flow * head)


OPERATING_POINT = ComputationSpec(
    name="rotating.pump_operating_point",
    title=LocalizedText(en="Pump operating point on the system curve", zh="泵与管路系统工作点"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "energy", "building_materials"),
    inputs=OperatingPointIn,
    outputs=OperatingPointOut,
    func=operating_point,
    formula="H₀ + b·Q + c·Q² = H_st + k·Q²  →  Q = positive root of (c − k)·Q² + b·Q + (H₀ − H_st) = 0; "
    "H = H_st + k·Q²; P_h = ρ·g·Q·H",
    reference="Gülich, Centrifugal Pumps, 3rd ed. (2014), ch. 11 (operating point: intersection of pump and "
    "system characteristics); Karassik et al., Pump Handbook, 4th ed. (2008), system-head curves",
    examples=(
        Example(
            inputs={
                "shutoff_head": 50,
                "quadratic_coefficient": -2000,
                "static_head": 20,
                "system_coefficient": 1000,
            },
            expected={"flow": 0.1, "head": 30.0, "hydraulic_power": 29419.95},
            source="by hand: 50 − 2000·Q² = 20 + 1000·Q² → Q² = 30/3000, Q = 0.1 m³/s, H = 30 m",
            rel_tol=1e-9,
        ),
        Example(
            inputs={
                "shutoff_head": 60,
                "linear_coefficient": -50,
                "quadratic_coefficient": -3000,
                "static_head": 15,
                "system_coefficient": 1500,
            },
            expected={"flow": 0.0945986465, "head": 28.4233559},
            source="by hand: 4500·Q² + 50·Q − 45 = 0 → Q = (−50 + √812 500)/9000 = 0.094599 m³/s",
            rel_tol=1e-8,
        ),
    ),
)

# --- temperature rise through the pump -------------------------------------------------------------------


class TemperatureRiseIn(ModelIn):
    head: Annotated[float, Unit("m", gt=0)]
    efficiency: Annotated[float, Unit(gt=0, le=1), Field(description="pump efficiency at this flow")]
    specific_heat: Annotated[float, Unit("J/(kg*K)", gt=0)] = 4186.0


class TemperatureRiseOut(ModelOut):
    temperature_rise: Annotated[float, Unit("K")]


def pump_temperature_rise(p: TemperatureRiseIn) -> TemperatureRiseOut:
    return TemperatureRiseOut(
        temperature_rise=G * p.head * (1 - p.efficiency) / (p.specific_heat * p.efficiency)
    )


TEMPERATURE_RISE = ComputationSpec(
    name="rotating.pump_temperature_rise",
    title=LocalizedText(en="Liquid temperature rise through a pump", zh="泵内液体温升"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy"),
    inputs=TemperatureRiseIn,
    outputs=TemperatureRiseOut,
    func=pump_temperature_rise,
    formula="ΔT = g·H·(1 − η) / (c_p·η)  (all losses heat the pumped liquid)",
    reference="Karassik et al., Pump Handbook, 4th ed. (2008), minimum-flow temperature rise; "
    "Gülich, Centrifugal Pumps, 3rd ed. (2014), ch. 11 (minimum flow)",
    examples=(
        Example(
            inputs={"head": 100, "efficiency": 0.5, "specific_heat": 4186},
            expected={"temperature_rise": 0.2342726},
            source="by hand: 9.80665 × 100 × 0.5 / (4186 × 0.5) = 0.2343 K",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (NPSH, OPERATING_POINT, TEMPERATURE_RISE)

__all__ = ["SPECS", "npsh_available", "operating_point", "pump_temperature_rise"]
