"""Cables: voltage drop, ampacity derating for ambient temperature and grouping, I²R loss."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import In, Out, PowerFactor, spec

IEC60364 = "IEC 60364-5-52:2009 (GB/T 16895.6-2014) Low-voltage installations — Wiring systems"
RESISTIVITY = {"copper": 0.0225, "aluminium": 0.036}  # Ω·mm²/m, 1.25 × ρ20 (Annex G)
TEMPERATURE_COEFFICIENT = {"copper": 3.93e-3, "aluminium": 4.03e-3}  # 1/K at 20 °C (IEC 60287-1-1 Table 1)
MAX_CONDUCTOR_TEMPERATURE = {"pvc": 70.0, "xlpe": 90.0}  # °C, IEC 60364-5-52 Table 52.1

# --- voltage drop ------------------------------------------------------------------------------------------


class VoltageDropIn(In):
    current: Annotated[float, Unit("A", ge=0)]
    length: Annotated[float, Unit("m", gt=0)]
    cross_section: Annotated[float, Unit("mm**2", gt=0)]
    power_factor: PowerFactor
    material: Literal["copper", "aluminium"] = "copper"
    reactance_per_length: Annotated[float, Unit("mohm/m", ge=0)] = 0.08
    system: Literal["three_phase", "single_phase"] = "three_phase"
    phase_voltage: Annotated[float, Unit("V", gt=0), Field(description="U0, line to neutral")] = 230.0


class VoltageDropOut(Out):
    voltage_drop: Annotated[float, Unit("V")]
    relative_drop: Annotated[float, Unit("percent")]


def cable_voltage_drop(p: VoltageDropIn) -> VoltageDropOut:
    b = 1.0 if p.system == "three_phase" else 2.0
    sin_phi = math.sqrt(1 - p.power_factor**2)
    resistance = RESISTIVITY[p.material] * p.length / p.cross_section
    reactance = p.reactance_per_length / 1000 * p.length
    u = b * (resistance * p.power_factor + reactance * sin_phi) * p.current
    return VoltageDropOut(voltage_drop=u, relative_drop=100 * u / p.phase_voltage)


VOLTAGE_DROP = spec(
    "cable_voltage_drop",
    en="Voltage drop in a low-voltage cable",
    zh="低压电缆电压降",
    domains=("rd_design", "operations"),
    industries=("general", "machinery", "building_materials", "electronics", "energy"),
    inputs=VoltageDropIn,
    outputs=VoltageDropOut,
    func=cable_voltage_drop,
    formula="u = b·(ρ1·L/S·cosφ + λ·L·sinφ)·I_B; Δu = 100·u/U0; b = 1 three-phase, 2 single-phase; "
    "ρ1 = 0.0225 (Cu), 0.036 (Al) Ω·mm²/m; λ = 0.08 mΩ/m",
    reference=f"{IEC60364} Annex G (voltage drop in consumers' installations)",
    examples=(
        Example(
            inputs={"current": 50, "length": 100, "cross_section": 16, "power_factor": 0.8},
            expected={"voltage_drop": 5.865, "relative_drop": 2.55},
            source="Annex G by hand: (0.0225·100/16·0.8 + 0.00008·100·0.6)·50 = 5.865 V; /230 V",
            rel_tol=1e-9,
        ),
        Example(
            inputs={
                "current": 16,
                "length": 30,
                "cross_section": 2.5,
                "power_factor": 1.0,
                "system": "single_phase",
            },
            expected={"voltage_drop": 8.64, "relative_drop": 3.756522},
            source="Annex G by hand: 2·0.0225·30/2.5·16 = 8.64 V",
            rel_tol=1e-6,
        ),
    ),
)

# --- ampacity derating -------------------------------------------------------------------------------------


class AmpacityIn(In):
    tabulated_current: Annotated[float, Unit("A", gt=0)]
    insulation: Literal["pvc", "xlpe"]
    ambient_temperature: Annotated[float, Unit("degC", ge=-273.15)]
    reference_ambient: Annotated[
        float, Unit("degC", ge=-50, le=60), Field(description="30 in air, 20 in ground")
    ] = 30.0
    grouping_factor: Annotated[float, Unit(gt=0, le=1), Field(description="from Tables B.52.17–B.52.21")] = (
        1.0
    )
    other_factor: Annotated[float, Unit(gt=0, le=1)] = 1.0


class AmpacityOut(Out):
    temperature_factor: Annotated[float, Unit()]
    derated_current: Annotated[float, Unit("A")]


def cable_ampacity_derating(p: AmpacityIn) -> AmpacityOut:
    theta = MAX_CONDUCTOR_TEMPERATURE[p.insulation]
    if p.ambient_temperature >= theta or p.reference_ambient >= theta:
        raise InvalidInput("ambient_temperature", "must be below the insulation's maximum temperature")
    k_t = math.sqrt((theta - p.ambient_temperature) / (theta - p.reference_ambient))
    return AmpacityOut(
        temperature_factor=k_t, derated_current=p.tabulated_current * k_t * p.grouping_factor * p.other_factor
    )


AMPACITY = spec(
    "cable_ampacity_derating",
    en="Cable current-carrying capacity corrected for ambient temperature and grouping",
    zh="电缆载流量温度与敷设校正",
    domains=("rd_design", "operations"),
    industries=("general", "machinery", "building_materials", "electronics", "energy"),
    inputs=AmpacityIn,
    outputs=AmpacityOut,
    func=cable_ampacity_derating,
    formula="k_θ = √((θ_max − θ_a)/(θ_max − θ_ref)), θ_max 70 °C PVC, 90 °C XLPE; "
    "I_z = I_tab·k_θ·k_group·k_other",
    reference=f"{IEC60364} Table B.52.14 (ambient correction; the tabulated factors follow this square root) "
    "and Table B.52.17 (grouping); IEC 60287-2-1 thermal model",
    examples=(
        Example(
            inputs={"tabulated_current": 100, "insulation": "pvc", "ambient_temperature": 40},
            expected={"temperature_factor": 0.87, "derated_current": 87.0},
            source="IEC 60364-5-52 Table B.52.14: PVC at 40 °C ambient → 0.87 (√(30/40) = 0.866)",
            rel_tol=5e-3,
        ),
        Example(
            inputs={
                "tabulated_current": 100,
                "insulation": "xlpe",
                "ambient_temperature": 50,
                "grouping_factor": 0.7,
            },
            expected={"temperature_factor": 0.82, "derated_current": 57.4},
            source="Table B.52.14: XLPE at 50 °C → 0.82 (√(40/60) = 0.816); three bunched circuits 0.70 "
            "(Table B.52.17)",
            rel_tol=5e-3,
        ),
    ),
)

# --- I²R loss ----------------------------------------------------------------------------------------------


class CableLossIn(In):
    current: Annotated[float, Unit("A", ge=0)]
    resistance_20c: Annotated[float, Unit("ohm/km", gt=0), Field(description="d.c. resistance at 20 °C")]
    length: Annotated[float, Unit("m", gt=0)]
    conductor_temperature: Annotated[float, Unit("degC", ge=-273.15)] = 20.0
    material: Literal["copper", "aluminium"] = "copper"
    loaded_conductors: Annotated[int, Field(ge=1, le=4, description="3 for a three-phase circuit")] = 3
    annual_hours: Annotated[float, Unit("h", ge=0, le=8784)] | None = None


class CableLossOut(Out):
    resistance: Annotated[float, Unit("ohm/km")]
    power_loss: Annotated[float, Unit("W")]
    annual_energy_loss: Annotated[float, Unit("kWh")] | None


def cable_power_loss(p: CableLossIn) -> CableLossOut:
    r = p.resistance_20c * (1 + TEMPERATURE_COEFFICIENT[p.material] * (p.conductor_temperature - 20))
    loss = p.loaded_conductors * p.current**2 * r * p.length / 1000
    energy = loss * p.annual_hours / 1000 if p.annual_hours is not None else None
    return CableLossOut(resistance=r, power_loss=loss, annual_energy_loss=energy)


CABLE_LOSS = spec(
    "cable_power_loss",
    en="Cable I²R loss at conductor temperature",
    zh="电缆线路有功损耗",
    domains=("operations", "enterprise_management", "rd_design"),
    industries=("general", "machinery", "metallurgy", "energy"),
    inputs=CableLossIn,
    outputs=CableLossOut,
    func=cable_power_loss,
    formula="R_θ = R20·(1 + α20·(θ − 20)); P = n·I²·R_θ·L; E = P·t",
    reference="IEC 60287-1-1:2006 §2.1.1 (d.c. resistance at operating temperature) and Table 1 "
    "(α20 Cu 3.93e-3, Al 4.03e-3); IEC 60228:2004 Table 2 (R20)",
    examples=(
        Example(
            inputs={
                "current": 50,
                "resistance_20c": 1.15,
                "length": 100,
                "conductor_temperature": 70,
                "annual_hours": 8760,
            },
            expected={"resistance": 1.375975, "power_loss": 1031.98125, "annual_energy_loss": 9040.15575},
            source="by hand: IEC 60228 16 mm² class 2 Cu R20 = 1.15 Ω/km; ×(1 + 0.00393·50); 3·50²·R·0.1 km",
            rel_tol=1e-9,
        ),
    ),
)

SPECS = (VOLTAGE_DROP, AMPACITY, CABLE_LOSS)
