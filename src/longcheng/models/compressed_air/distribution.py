"""Distribution and use: network pressure drop, pneumatic cylinder consumption, ISO 6358 component flow,
condensate load."""

from __future__ import annotations

import math
from typing import Annotated, Self

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.compressed_air._base import (
    P_ATM,
    R_AIR,
    ModelIn,
    ModelOut,
    humidity_ratio,
    water_saturation_pressure,
)

ATLAS_COPCO = "Atlas Copco, Compressed Air Manual, 8th ed. (2015)"

# --- network pressure drop (empirical) --------------------------------------------------------------------


class NetworkDropIn(ModelIn):
    flow: Annotated[float, Unit("L/s", gt=0), Field(description="free air delivery")]
    length: Annotated[float, Unit("m", gt=0), Field(description="pipe length incl. equivalent fittings")]
    diameter: Annotated[float, Unit("mm", gt=0), Field(description="internal diameter")]
    inlet_pressure: Annotated[float, Unit("bar", gt=0), Field(description="absolute")]


class NetworkDropOut(ModelOut):
    pressure_drop: Annotated[float, Unit("bar")]


def network_pressure_drop(p: NetworkDropIn) -> NetworkDropOut:
    return NetworkDropOut(pressure_drop=450.0 * p.flow**1.85 * p.length / (p.diameter**5 * p.inlet_pressure))


NETWORK_DROP = ComputationSpec(
    name="compressed_air.network_pressure_drop",
    title=LocalizedText(
        en="Compressed-air pipe pressure drop (empirical)", zh="压缩空气管网压降（经验公式）"
    ),
    kind="model",
    category="compressed_air",
    domains=("rd_design", "operations"),
    industries=("general", "machinery", "automotive", "textile", "electronics"),
    inputs=NetworkDropIn,
    outputs=NetworkDropOut,
    func=network_pressure_drop,
    formula="Δp = 450·q_c^1.85·l / (d⁵·p)  (Δp bar, q_c l/s FAD, l m, d mm, p bar(a))",
    reference=f"{ATLAS_COPCO}, ch. 3 (dimensioning the compressed-air network)",
    examples=(
        Example(
            inputs={"flow": 100, "length": 100, "diameter": 80, "inlet_pressure": 8},
            expected={"pressure_drop": 0.0086034491},
            source="by hand: 450 × 100^1.85 × 100 / (80⁵ × 8) = 0.0086 bar",
            rel_tol=1e-7,
        ),
    ),
)

# --- pneumatic cylinder air consumption -------------------------------------------------------------------


class CylinderIn(ModelIn):
    bore: Annotated[float, Unit("mm", gt=0)]
    stroke: Annotated[float, Unit("mm", gt=0)]
    pressure: Annotated[float, Unit("Pa", ge=0), Field(description="gauge working pressure")]
    cycles: Annotated[float, Unit("1/min", ge=0), Field(description="full cycles (out and back) per minute")]
    rod: Annotated[float, Unit("mm", ge=0), Field(description="rod diameter; return stroke volume")] = 0.0
    double_acting: bool = True
    atmospheric_pressure: Annotated[float, Unit("Pa", gt=0)] = P_ATM

    @model_validator(mode="after")
    def _rod_inside(self) -> Self:
        if self.rod >= self.bore:
            raise ValueError("rod diameter must be smaller than the bore")
        return self


class CylinderOut(ModelOut):
    free_air_per_cycle: Annotated[float, Unit("L")]
    consumption: Annotated[float, Unit("m**3/min"), Field(description="free air")]


def cylinder_air_consumption(p: CylinderIn) -> CylinderOut:
    piston = math.pi / 4 * (p.bore / 1000.0) ** 2
    annulus = piston - math.pi / 4 * (p.rod / 1000.0) ** 2
    swept = (piston + (annulus if p.double_acting else 0.0)) * p.stroke / 1000.0
    free = swept * (p.pressure + p.atmospheric_pressure) / p.atmospheric_pressure
    return CylinderOut(free_air_per_cycle=free * 1000.0, consumption=free * p.cycles)


CYLINDER = ComputationSpec(
    name="compressed_air.cylinder_air_consumption",
    title=LocalizedText(en="Pneumatic cylinder air consumption", zh="气缸耗气量"),
    kind="model",
    category="compressed_air",
    domains=("rd_design", "production", "operations"),
    industries=("general", "machinery", "automotive", "electronics", "food", "light_industry"),
    inputs=CylinderIn,
    outputs=CylinderOut,
    func=cylinder_air_consumption,
    formula="V_cycle = [A_p + (A_p − A_r)]·s·(p + p_a)/p_a (single-acting: A_p·s·…); Q = V_cycle·n",
    reference="ISO 8778 reference atmosphere for free air; Parr, Hydraulics and Pneumatics, "
    "3rd ed. (Butterworth-Heinemann, 2011), ch. 6 (air consumption of cylinders)",
    examples=(
        Example(
            inputs={"bore": 50, "rod": 20, "stroke": 200, "pressure": 6e5, "cycles": 10},
            expected={"free_air_per_cycle": 5.0012713, "consumption": 0.050012713},
            source="by hand: (1963.5 + 1649.3) mm² × 200 mm = 0.7226 l swept; × 7.0 compression ratio; "
            "10 cycles/min",
            rel_tol=1e-7,
        ),
    ),
)

# --- ISO 6358 flow through a pneumatic component ----------------------------------------------------------

RHO_0 = 1.185  # kg/m³, ANR reference atmosphere (ISO 8778: 20 °C, 100 kPa, 65 % RH)
T_0 = 293.15  # K


class Iso6358In(ModelIn):
    sonic_conductance: Annotated[float, Unit("m**3/(s*Pa)", gt=0), Field(description="C, e.g. dm³/(s·bar)")]
    critical_pressure_ratio: Annotated[float, Unit(ge=0, lt=1), Field(description="b")]
    upstream_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute p₁")]
    downstream_pressure: Annotated[float, Unit("Pa", ge=0), Field(description="absolute p₂")]
    upstream_temperature: Annotated[float, Unit("K", gt=0)] = T_0
    subsonic_index: Annotated[float, Unit(gt=0, le=1), Field(description="m, 0.5 unless measured")] = 0.5

    @model_validator(mode="after")
    def _forward(self) -> Self:
        if self.downstream_pressure > self.upstream_pressure:
            raise ValueError("downstream pressure above upstream pressure: flow reverses")
        return self


class Iso6358Out(ModelOut):
    mass_flow: Annotated[float, Unit("kg/s")]
    anr_flow: Annotated[float, Unit("L/min"), Field(description="volume flow at the ANR reference")]
    choked: bool


def iso6358_flow(p: Iso6358In) -> Iso6358Out:
    b = p.critical_pressure_ratio
    ratio = p.downstream_pressure / p.upstream_pressure
    choked_flow = p.sonic_conductance * p.upstream_pressure * RHO_0 * math.sqrt(T_0 / p.upstream_temperature)
    choked = ratio <= b
    factor = 1.0 if choked else (1 - ((ratio - b) / (1 - b)) ** 2) ** p.subsonic_index
    mass = choked_flow * factor
    return Iso6358Out(mass_flow=mass, anr_flow=mass / RHO_0 * 60000.0, choked=choked)


ISO6358 = ComputationSpec(
    name="compressed_air.iso6358_flow",
    title=LocalizedText(
        en="Pneumatic component flow (ISO 6358 C, b)", zh="气动元件流量（ISO 6358 声速流导法）"
    ),
    kind="model",
    category="compressed_air",
    domains=("rd_design", "production"),
    industries=("general", "machinery", "automotive", "electronics", "light_industry"),
    inputs=Iso6358In,
    outputs=Iso6358Out,
    func=iso6358_flow,
    formula="q_m = C·p₁·ρ₀·√(T₀/T₁) if p₂/p₁ ≤ b; else × [1 − ((p₂/p₁ − b)/(1 − b))²]^m; "
    "ρ₀ = 1.185 kg/m³, T₀ = 293.15 K",
    reference="ISO 6358-1:2013 Pneumatic fluid power — Determination of flow-rate characteristics of "
    "components using compressible fluids (GB/T 14513.1-2017), flow-rate equations",
    examples=(
        Example(
            inputs={
                "sonic_conductance": "1 dm**3/(s*bar)",
                "critical_pressure_ratio": 0.3,
                "upstream_pressure": 7e5,
                "downstream_pressure": 5e5,
            },
            expected={"mass_flow": 0.00668625, "choked": False},
            source="by hand: 1e-8 m³/(s·Pa) × 7e5 Pa × 1.185 × √(1 − ((0.7143 − 0.3)/0.7)²) = 6.686 g/s",
            rel_tol=1e-6,
        ),
        Example(
            inputs={
                "sonic_conductance": "1 dm**3/(s*bar)",
                "critical_pressure_ratio": 0.3,
                "upstream_pressure": 7e5,
                "downstream_pressure": 1e5,
            },
            expected={"mass_flow": 0.008295, "anr_flow": 420.0, "choked": True},
            source="by hand: choked, C·p₁·ρ₀ = 8.295 g/s = 420 l/min (ANR)",
            rel_tol=1e-7,
        ),
    ),
)

# --- condensate load --------------------------------------------------------------------------------------


class CondensateIn(ModelIn):
    fad: Annotated[float, Unit("m**3/min", gt=0), Field(description="intake volume flow at ambient")]
    ambient_temperature: Annotated[float, Unit("K", ge=273.16, le=333.15)]
    relative_humidity: Annotated[float, Unit(ge=0, le=1)]
    line_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute, after the cooler")]
    line_temperature: Annotated[
        float, Unit("K", ge=273.16, le=373.15), Field(description="air leaves saturated at this temperature")
    ]
    ambient_pressure: Annotated[float, Unit("Pa", gt=0)] = P_ATM

    @model_validator(mode="after")
    def _compressed(self) -> Self:
        if self.line_pressure < self.ambient_pressure:
            raise ValueError("line pressure below ambient pressure")
        return self


class CondensateOut(ModelOut):
    intake_humidity_ratio: Annotated[float, Unit(), Field(description="kg water / kg dry air")]
    line_humidity_ratio: Annotated[float, Unit()]
    dry_air_flow: Annotated[float, Unit("kg/h")]
    condensate: Annotated[float, Unit("kg/h")]


def condensate_load(p: CondensateIn) -> CondensateOut:
    vapour = p.relative_humidity * water_saturation_pressure(p.ambient_temperature)
    w_in = humidity_ratio(vapour, p.ambient_pressure)
    w_line = min(humidity_ratio(water_saturation_pressure(p.line_temperature), p.line_pressure), w_in)
    dry_air = (p.ambient_pressure - vapour) * p.fad / (R_AIR * p.ambient_temperature) * 60.0
    return CondensateOut(
        intake_humidity_ratio=w_in,
        line_humidity_ratio=w_line,
        dry_air_flow=dry_air,
        condensate=dry_air * (w_in - w_line),
    )


CONDENSATE = ComputationSpec(
    name="compressed_air.condensate_load",
    title=LocalizedText(en="Condensate from compressing humid air", zh="压缩空气冷凝水量"),
    kind="model",
    category="compressed_air",
    domains=("rd_design", "operations", "production"),
    industries=("general", "machinery", "automotive", "textile", "food", "electronics"),
    inputs=CondensateIn,
    outputs=CondensateOut,
    func=condensate_load,
    formula="W = 0.621945·p_w/(p − p_w); ṁ_da = (p_a − φ·p_s(T_a))·V̇/(R_da·T_a); "
    "condensate = ṁ_da·[W_in − W_sat(p_line, T_line)]; p_s from IAPWS-95 (CoolProp)",
    reference="ASHRAE Handbook — Fundamentals (2017), ch. 1 Psychrometrics, eqs. 20–22 (ideal-gas humidity "
    f"ratio); {ATLAS_COPCO}, ch. 2 (water in compressed air)",
    examples=(
        Example(
            inputs={
                "fad": 10,
                "ambient_temperature": 303.15,
                "relative_humidity": 0.6,
                "line_pressure": 8e5,
                "line_temperature": 308.15,
            },
            expected={
                "intake_humidity_ratio": 0.0160445,
                "line_humidity_ratio": 0.0044072,
                "condensate": 7.92608,
            },
            source="by hand with steam-table p_s(30 °C) = 4.2470 kPa, p_s(35 °C) = 5.6291 kPa: 10 m³/min at "
            "30 °C, 60 % compressed to 8 bar(a) and cooled to 35 °C → 7.93 kg/h",
            rel_tol=1e-5,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (NETWORK_DROP, CYLINDER, ISO6358, CONDENSATE)

__all__ = ["SPECS", "condensate_load", "cylinder_air_consumption", "iso6358_flow", "network_pressure_drop"]
