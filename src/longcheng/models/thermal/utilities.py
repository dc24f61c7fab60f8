"""Utilities: chiller and heat-pump COP, cooling-tower range, approach and water balance."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import Celsius, In, Out, spec

TON_OF_REFRIGERATION = 3.5168528  # kW = 12 000 Btu/h
BTU_PER_WH = 3.412142  # Btu/h per W

# --- COP ---------------------------------------------------------------------------------------------------


class CopIn(In):
    useful_heat: Annotated[float, Unit("kW", gt=0), Field(description="cooling capacity, or heat delivered")]
    power_input: Annotated[float, Unit("kW", gt=0)]
    mode: Literal["cooling", "heating"] = "cooling"
    evaporating_temperature: Celsius | None = None
    condensing_temperature: Celsius | None = None


class CopOut(Out):
    cop: Annotated[float, Unit()]
    kw_per_ton: Annotated[float, Unit(), Field(description="kW input per ton of refrigeration")]
    eer: Annotated[float, Unit(), Field(description="Btu/h per W")]
    carnot_cop: Annotated[float, Unit()] | None
    second_law_efficiency: Annotated[float, Unit()] | None


def cop(p: CopIn) -> CopOut:
    value = p.useful_heat / p.power_input
    carnot = None
    if p.evaporating_temperature is not None and p.condensing_temperature is not None:
        t_low, t_high = p.evaporating_temperature + 273.15, p.condensing_temperature + 273.15
        if t_high <= t_low:
            raise InvalidInput("condensing_temperature", "must be above the evaporating temperature")
        carnot = (t_low if p.mode == "cooling" else t_high) / (t_high - t_low)
    return CopOut(
        cop=value,
        kw_per_ton=p.power_input / (p.useful_heat / TON_OF_REFRIGERATION),
        eer=value * BTU_PER_WH,
        carnot_cop=carnot,
        second_law_efficiency=value / carnot if carnot else None,
    )


COP = spec(
    "chiller_cop",
    en="Chiller / heat-pump coefficient of performance",
    zh="冷水机组与热泵性能系数(COP)",
    domains=("operations", "production", "enterprise_management"),
    industries=("general", "electronics", "pharmaceutical", "food", "chemical", "energy"),
    inputs=CopIn,
    outputs=CopOut,
    func=cop,
    formula="COP = Q/W; kW/RT = W/(Q/3.51685); EER = 3.41214·COP; Carnot COP_c = T_L/(T_H − T_L), "
    "COP_h = T_H/(T_H − T_L); η_II = COP/COP_Carnot",
    reference="GB 19577-2015 冷水机组能效限定值及能效等级 (性能系数 COP); AHRI Standard 550/590 (kW/ton); "
    "Çengel & Boles, Thermodynamics: An Engineering Approach, 8th ed., Ch. 6 (COP; reversed Carnot cycle)",
    examples=(
        Example(
            inputs={
                "useful_heat": 1055,
                "power_input": 200,
                "evaporating_temperature": 5,
                "condensing_temperature": 35,
            },
            expected={"cop": 5.275, "kw_per_ton": 0.666702, "eer": 17.99905, "carnot_cop": 9.271667},
            source="by hand: 1055/200; 200/(1055/3.51685); 5.275·3.41214; 278.15/30",
            rel_tol=1e-5,
        ),
        Example(
            inputs={
                "useful_heat": 10,
                "power_input": 2.5,
                "mode": "heating",
                "evaporating_temperature": 0,
                "condensing_temperature": 50,
            },
            expected={"cop": 4.0, "carnot_cop": 6.463, "second_law_efficiency": 0.618908},
            source="by hand: 10/2.5; Carnot heating 323.15/50 = 6.463",
            rel_tol=1e-6,
        ),
    ),
)

# --- cooling tower -----------------------------------------------------------------------------------------


class TowerIn(In):
    hot_water_temperature: Celsius
    cold_water_temperature: Celsius
    wet_bulb_temperature: Celsius
    circulation_flow: Annotated[float, Unit("m**3/h", ge=0)] | None = None
    cycles_of_concentration: Annotated[float, Unit(gt=1)] = 4.0
    drift_fraction: Annotated[float, Unit(ge=0, lt=0.05), Field(description="drift/circulation")] = 0.0


class TowerOut(Out):
    range: Annotated[float, Unit("K")]
    approach: Annotated[float, Unit("K")]
    effectiveness: Annotated[float, Unit()]
    evaporation: Annotated[float, Unit("m**3/h")] | None
    blowdown: Annotated[float, Unit("m**3/h")] | None
    makeup: Annotated[float, Unit("m**3/h")] | None


def cooling_tower(p: TowerIn) -> TowerOut:
    rng = p.hot_water_temperature - p.cold_water_temperature
    approach = p.cold_water_temperature - p.wet_bulb_temperature
    if rng <= 0 or approach <= 0:
        raise InvalidInput("cold_water_temperature", "must lie between the wet bulb and the hot water")
    if p.circulation_flow is None:
        return TowerOut(
            range=rng,
            approach=approach,
            effectiveness=rng / (rng + approach),
            evaporation=None,
            blowdown=None,
            makeup=None,
        )
    evaporation = 0.00085 * 1.8 * rng * p.circulation_flow
    drift = p.drift_fraction * p.circulation_flow
    blowdown = max(evaporation / (p.cycles_of_concentration - 1) - drift, 0.0)
    return TowerOut(
        range=rng,
        approach=approach,
        effectiveness=rng / (rng + approach),
        evaporation=evaporation,
        blowdown=blowdown,
        makeup=evaporation + blowdown + drift,
    )


COOLING_TOWER = spec(
    "cooling_tower",
    en="Cooling-tower range, approach, effectiveness and water balance",
    zh="冷却塔温差、逼近度、效率与补水量",
    domains=("operations", "production"),
    industries=("general", "chemical", "energy", "metallurgy", "electronics"),
    inputs=TowerIn,
    outputs=TowerOut,
    func=cooling_tower,
    formula="range = T_hot − T_cold; approach = T_cold − T_wb; ε = range/(range + approach); "
    "E ≈ 0.00085·1.8·range[K]·Q (1 % per 5.6 K); B = E/(N − 1) − D; M = E + B + D",
    reference="CTI ATC-105 (2019) Acceptance Test Code for Water Cooling Towers (range, approach); "
    "Perry's Chemical Engineers' Handbook, 8th ed., §12 (evaporation and blowdown rule)",
    examples=(
        Example(
            inputs={
                "hot_water_temperature": 40,
                "cold_water_temperature": 32,
                "wet_bulb_temperature": 27,
                "circulation_flow": 1000,
                "cycles_of_concentration": 4,
            },
            expected={
                "range": 8.0,
                "approach": 5.0,
                "effectiveness": 0.6153846,
                "evaporation": 12.24,
                "blowdown": 4.08,
                "makeup": 16.32,
            },
            source="by hand: 8/(8 + 5); 0.00085·1.8·8·1000 = 12.24 m³/h; 12.24/3; 12.24 + 4.08",
            rel_tol=1e-6,
        ),
    ),
)

SPECS = (COP, COOLING_TOWER)
