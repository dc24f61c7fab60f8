"""Boilers: efficiency by the direct and indirect (heat-loss) methods, flue-gas loss, excess air."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import Celsius, In, Out, spec

GB10180 = "GB/T 10180-2017 工业锅炉热工性能试验规程"
BIMSCHV = "1. BImSchV (Verordnung über kleine und mittlere Feuerungsanlagen, 2010), Anlage 2"

# --- direct method -----------------------------------------------------------------------------------------


class DirectIn(In):
    steam_flow: Annotated[float, Unit("t/h", gt=0)]
    steam_enthalpy: Annotated[float, Unit("kJ/kg", gt=0)]
    feedwater_enthalpy: Annotated[float, Unit("kJ/kg", ge=0)]
    fuel_flow: Annotated[float, Unit("kg/h", gt=0)]
    fuel_heating_value: Annotated[float, Unit("kJ/kg", gt=0), Field(description="net (lower) heating value")]
    blowdown_flow: Annotated[float, Unit("t/h", ge=0)] = 0.0
    blowdown_enthalpy: Annotated[float, Unit("kJ/kg", ge=0)] = 0.0


class DirectOut(Out):
    efficiency: Annotated[float, Unit()]
    heat_output: Annotated[float, Unit("kW")]
    heat_input: Annotated[float, Unit("kW")]


def boiler_efficiency_direct(p: DirectIn) -> DirectOut:
    useful = p.steam_flow * (p.steam_enthalpy - p.feedwater_enthalpy)
    useful += p.blowdown_flow * (p.blowdown_enthalpy - p.feedwater_enthalpy)
    output = useful * 1000 / 3600
    heat_in = p.fuel_flow * p.fuel_heating_value / 3600
    if output <= 0:
        raise InvalidInput("steam_enthalpy", "must exceed the feedwater enthalpy")
    return DirectOut(efficiency=output / heat_in, heat_output=output, heat_input=heat_in)


DIRECT = spec(
    "boiler_efficiency_direct",
    en="Boiler efficiency, direct (input-output) method",
    zh="锅炉热效率(正平衡法)",
    domains=("operations", "production", "enterprise_management"),
    industries=("energy", "chemical", "food", "textile", "light_industry", "general"),
    inputs=DirectIn,
    outputs=DirectOut,
    func=boiler_efficiency_direct,
    formula="η = [D·(h_s − h_fw) + D_bd·(h_bd − h_fw)]/(B·Q_net)",
    reference=f"{GB10180} (正平衡法); ASME PTC 4-2013 Fired Steam Generators, input-output method",
    examples=(
        Example(
            inputs={
                "steam_flow": 10,
                "steam_enthalpy": 2778,
                "feedwater_enthalpy": 420,
                "fuel_flow": 1000,
                "fuel_heating_value": 29307,
            },
            expected={"efficiency": 0.804586, "heat_output": 6550.0},
            source="research note T15 [C]: 10 t/h, 2778 − 420 kJ/kg, 1 t/h at 29 307 kJ/kg → 0.8046",
            rel_tol=1e-6,
        ),
    ),
)

# --- indirect method ---------------------------------------------------------------------------------------

Percent = Annotated[float, Unit("percent", ge=0, le=100)]


class IndirectIn(In):
    flue_gas_loss: Annotated[Percent, Field(description="q2 排烟热损失")]
    unburned_gas_loss: Annotated[Percent, Field(description="q3 气体未完全燃烧热损失")] = 0.0
    unburned_carbon_loss: Annotated[Percent, Field(description="q4 固体未完全燃烧热损失")] = 0.0
    surface_loss: Annotated[Percent, Field(description="q5 散热损失")] = 0.0
    ash_sensible_loss: Annotated[Percent, Field(description="q6 灰渣物理热损失")] = 0.0


class IndirectOut(Out):
    efficiency: Annotated[float, Unit("percent")]
    total_loss: Annotated[float, Unit("percent")]


def boiler_efficiency_indirect(p: IndirectIn) -> IndirectOut:
    losses = (
        p.flue_gas_loss,
        p.unburned_gas_loss,
        p.unburned_carbon_loss,
        p.surface_loss,
        p.ash_sensible_loss,
    )
    total = sum(losses)
    if total > 100:
        raise InvalidInput("flue_gas_loss", "the losses add up to more than 100 %")
    return IndirectOut(efficiency=100 - total, total_loss=total)


INDIRECT = spec(
    "boiler_efficiency_indirect",
    en="Boiler efficiency, indirect (heat-loss) method",
    zh="锅炉热效率(反平衡法)",
    domains=("operations", "production", "enterprise_management"),
    industries=("energy", "chemical", "food", "textile", "light_industry", "general"),
    inputs=IndirectIn,
    outputs=IndirectOut,
    func=boiler_efficiency_indirect,
    formula="η = 100 − (q2 + q3 + q4 + q5 + q6) %",
    reference=f"{GB10180} (反平衡法); ASME PTC 4-2013 energy-balance method",
    examples=(
        Example(
            inputs={
                "flue_gas_loss": 6.5,
                "unburned_gas_loss": 0.5,
                "unburned_carbon_loss": 2.0,
                "surface_loss": 1.5,
                "ash_sensible_loss": 0.3,
            },
            expected={"efficiency": 89.2, "total_loss": 10.8},
            source="by hand: 100 − (6.5 + 0.5 + 2.0 + 1.5 + 0.3) = 89.2 %",
            rel_tol=1e-9,
        ),
    ),
)

# --- flue-gas loss (Siegert) -------------------------------------------------------------------------------

# 1. BImSchV Anlage 2 Nr. 3.4.1: (A, B) by fuel
SIEGERT = {
    "fuel_oil": (0.68, 0.007),  # Heizöl EL, naturbelassene Pflanzenöle
    "natural_gas": (0.66, 0.009),  # Gase der öffentlichen Gasversorgung
    "coke_oven_gas": (0.60, 0.011),  # Kokereigas
    "lpg": (0.63, 0.008),  # Flüssiggas und Flüssiggas-Luft-Gemische
}


class SiegertIn(In):
    flue_gas_temperature: Celsius
    air_temperature: Celsius
    oxygen: Annotated[float, Unit("percent", ge=0, lt=21), Field(description="O2 in dry flue gas")]
    fuel: Literal["fuel_oil", "natural_gas", "coke_oven_gas", "lpg"] = "natural_gas"


class SiegertOut(Out):
    flue_gas_loss: Annotated[float, Unit("percent")]
    combustion_efficiency: Annotated[float, Unit("percent")]


def flue_gas_loss(p: SiegertIn) -> SiegertOut:
    a, b = SIEGERT[p.fuel]
    loss = (p.flue_gas_temperature - p.air_temperature) * (a / (21 - p.oxygen) + b)
    return SiegertOut(flue_gas_loss=loss, combustion_efficiency=100 - loss)


FLUE_GAS = spec(
    "flue_gas_loss",
    en="Flue-gas heat loss from stack temperature and O2 (Siegert)",
    zh="排烟热损失(Siegert公式)",
    domains=("operations", "production"),
    industries=("energy", "chemical", "food", "textile", "light_industry", "general"),
    inputs=SiegertIn,
    outputs=SiegertOut,
    func=flue_gas_loss,
    formula="q_A = (t_A − t_L)·(A/(21 − O2) + B); A, B: fuel oil 0.68, 0.007; natural gas 0.66, 0.009; "
    "coke-oven gas 0.60, 0.011; LPG 0.63, 0.008",
    reference=f"{BIMSCHV} Nr. 3.4.1 (Bestimmung der Abgasverluste)",
    examples=(
        Example(
            inputs={"flue_gas_temperature": 180, "air_temperature": 20, "oxygen": 3},
            expected={"flue_gas_loss": 7.306667},
            source="1. BImSchV formula by hand, natural gas: 160·(0.66/18 + 0.009) = 7.3067 %",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"flue_gas_temperature": 200, "air_temperature": 20, "oxygen": 4, "fuel": "fuel_oil"},
            expected={"flue_gas_loss": 8.46, "combustion_efficiency": 91.54},
            source="1. BImSchV formula by hand, heating oil EL: 180·(0.68/17 + 0.007) = 8.46 %",
            rel_tol=1e-6,
        ),
    ),
)

# --- excess air and O2-corrected concentration -------------------------------------------------------------


class ExcessAirIn(In):
    oxygen: Annotated[float, Unit("percent", ge=0, lt=21), Field(description="O2 in dry flue gas")]
    measured_concentration: Annotated[float, Unit("mg/m**3", ge=0)] | None = None
    reference_oxygen: Annotated[float, Unit("percent", ge=0, lt=21)] = 3.5


class ExcessAirOut(Out):
    excess_air_ratio: Annotated[float, Unit()]
    excess_air: Annotated[float, Unit("percent")]
    corrected_concentration: Annotated[float, Unit("mg/m**3")] | None


def excess_air(p: ExcessAirIn) -> ExcessAirOut:
    ratio = 21 / (21 - p.oxygen)
    corrected = None
    if p.measured_concentration is not None:
        corrected = p.measured_concentration * (21 - p.reference_oxygen) / (21 - p.oxygen)
    return ExcessAirOut(
        excess_air_ratio=ratio, excess_air=(ratio - 1) * 100, corrected_concentration=corrected
    )


EXCESS_AIR = spec(
    "excess_air",
    en="Excess-air ratio from flue-gas O2 and emissions at reference O2",
    zh="过量空气系数与基准含氧量折算排放浓度",
    domains=("operations", "production"),
    industries=("energy", "chemical", "metallurgy", "building_materials", "general"),
    inputs=ExcessAirIn,
    outputs=ExcessAirOut,
    func=excess_air,
    formula="α = 21/(21 − O2); ρ = ρ'·(21 − O2,ref)/(21 − O2) (O2,ref 3.5 % oil/gas, 9 % coal boilers)",
    reference="GB 13271-2014 锅炉大气污染物排放标准 (基准含氧量折算); "
    f"{BIMSCHV} Nr. 2.2 (Umrechnung auf den Bezugssauerstoffgehalt)",
    examples=(
        Example(
            inputs={"oxygen": 3},
            expected={"excess_air_ratio": 1.1666667, "excess_air": 16.666667},
            source="research note T18 [C]: O2 3 % → λ = 21/18 = 1.167",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"oxygen": 6, "measured_concentration": 100, "reference_oxygen": 3},
            expected={"corrected_concentration": 120.0},
            source="1. BImSchV Anlage 2 Nr. 2.2 formula by hand: 100·(21 − 3)/(21 − 6) = 120 mg/m³",
            rel_tol=1e-9,
        ),
    ),
)

SPECS = (DIRECT, INDIRECT, FLUE_GAS, EXCESS_AIR)
