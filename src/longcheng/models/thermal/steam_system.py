"""Steam systems: flash steam, condensate heat recovery, steam loss through a failed trap."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import In, Out, spec
from .steam import IAPWS_IF97, props

SPIRAX = "Spirax Sarco, The Steam and Condensate Loop, Block 2 'Flash steam' (Module 2.2)"
# Napier: ṁ [lb/s] = p [psia]·A [in²]/70, i.e. ṁ = F/70 with F in lbf; in SI kg/s per newton of p·A:
NAPIER_SI = 0.45359237 / (70 * 4.4482216152605)

# --- flash steam -------------------------------------------------------------------------------------------


class FlashIn(In):
    condensate_pressure: Annotated[float, Unit("kPa", gt=0.6117, le=22064), Field(description="absolute")]
    flash_pressure: Annotated[float, Unit("kPa", gt=0.6117, le=22064), Field(description="absolute")]
    condensate_flow: Annotated[float, Unit("kg/h", ge=0)] | None = None


class FlashOut(Out):
    flash_fraction: Annotated[float, Unit()]
    flash_steam_flow: Annotated[float, Unit("kg/h")] | None


def flash_steam(p: FlashIn) -> FlashOut:
    if p.flash_pressure >= p.condensate_pressure:
        raise InvalidInput("flash_pressure", "must be below the condensate pressure")
    h_high = props("H", "P", p.condensate_pressure * 1e3, "Q", 0, "condensate_pressure")
    h_low = props("H", "P", p.flash_pressure * 1e3, "Q", 0, "flash_pressure")
    h_vap = props("H", "P", p.flash_pressure * 1e3, "Q", 1, "flash_pressure")
    fraction = (h_high - h_low) / (h_vap - h_low)
    flow = fraction * p.condensate_flow if p.condensate_flow is not None else None
    return FlashOut(flash_fraction=fraction, flash_steam_flow=flow)


FLASH = spec(
    "flash_steam",
    en="Flash steam from condensate let down to a lower pressure",
    zh="凝结水闪蒸汽量",
    domains=("operations", "production", "rd_design"),
    industries=("energy", "chemical", "food", "textile", "pharmaceutical", "general"),
    inputs=FlashIn,
    outputs=FlashOut,
    func=flash_steam,
    formula="x = (h'(p_high) − h'(p_low))/(h''(p_low) − h'(p_low)); ṁ_flash = x·ṁ_condensate; "
    "saturated-water and steam enthalpies from IAPWS-IF97",
    reference=f"{SPIRAX}; {IAPWS_IF97}",
    examples=(
        Example(
            inputs={"condensate_pressure": 801.325, "flash_pressure": 101.325, "condensate_flow": 500},
            expected={"flash_fraction": 0.134, "flash_steam_flow": 67.0},
            source="Spirax Sarco flash-steam example: 7 bar g condensate to atmosphere, (721 − 419)/2257 = "
            "0.134; 500 kg/h gives 67 kg/h",
            rel_tol=2e-3,
        ),
        Example(
            inputs={"condensate_pressure": 1101.325, "flash_pressure": 101.325},
            expected={"flash_fraction": 0.161},
            source="Engineering ToolBox 'Flash steam generation' table: 10 bar g to 0 bar g → 16.1 %",
            rel_tol=3e-3,
        ),
    ),
)

# --- condensate recovery -----------------------------------------------------------------------------------


class CondensateIn(In):
    condensate_flow: Annotated[float, Unit("kg/h", ge=0)]
    condensate_temperature: Annotated[float, Unit("degC", ge=0.01, le=373.9)]
    makeup_temperature: Annotated[float, Unit("degC", ge=0.01, le=373.9)]
    boiler_efficiency: Annotated[float, Unit(gt=0, le=1)] = 1.0
    fuel_heating_value: Annotated[float, Unit("MJ/kg", gt=0)] | None = None


class CondensateOut(Out):
    heat_recovered: Annotated[float, Unit("kW")]
    fuel_heat_saved: Annotated[float, Unit("kW")]
    fuel_saved: Annotated[float, Unit("kg/h")] | None


def condensate_recovery(p: CondensateIn) -> CondensateOut:
    def h(t_c: float, field: str) -> float:
        return props("H", "T", t_c + 273.15, "Q", 0, field)

    dh = h(p.condensate_temperature, "condensate_temperature") - h(p.makeup_temperature, "makeup_temperature")
    heat = p.condensate_flow / 3600 * dh / 1000
    fuel_heat = heat / p.boiler_efficiency
    fuel = fuel_heat / (p.fuel_heating_value * 1000) * 3600 if p.fuel_heating_value is not None else None
    return CondensateOut(heat_recovered=heat, fuel_heat_saved=fuel_heat, fuel_saved=fuel)


CONDENSATE = spec(
    "condensate_recovery",
    en="Heat and fuel saved by returning condensate",
    zh="凝结水回收节能量",
    domains=("operations", "production", "enterprise_management"),
    industries=("energy", "chemical", "food", "textile", "pharmaceutical", "general"),
    inputs=CondensateIn,
    outputs=CondensateOut,
    func=condensate_recovery,
    formula="Q = ṁ·(h'(T_condensate) − h'(T_makeup)); fuel heat = Q/η_boiler; fuel = fuel heat/LHV",
    reference=f"US DOE AMO Steam Tip Sheet #8 'Return condensate to the boiler' (2012); {IAPWS_IF97}",
    examples=(
        Example(
            inputs={
                "condensate_flow": 1000,
                "condensate_temperature": 90,
                "makeup_temperature": 20,
                "boiler_efficiency": 0.85,
                "fuel_heating_value": 29.3076,
            },
            expected={"heat_recovered": 81.40, "fuel_saved": 11.764},
            source="steam tables h'(90 °C) = 377.0, h'(20 °C) = 83.9 kJ/kg: 1000/3600·293.0 = 81.4 kW; "
            "/0.85 per 29.3076 MJ/kg (1 kgce) = 11.76 kg/h",
            rel_tol=1e-3,
        ),
    ),
)

# --- steam-trap loss ---------------------------------------------------------------------------------------


class TrapIn(In):
    upstream_pressure: Annotated[float, Unit("kPa", gt=0), Field(description="absolute")]
    orifice_diameter: Annotated[float, Unit("mm", gt=0)]
    discharge_coefficient: Annotated[float, Unit(gt=0, le=1)] = 0.6
    annual_hours: Annotated[float, Unit("h", ge=0, le=8784)] | None = None
    boiler_efficiency: Annotated[float, Unit(gt=0, le=1)] = 1.0
    heat_price: Annotated[float, Unit("1/GJ", ge=0), Field(description="fuel price per GJ")] | None = None


class TrapOut(Out):
    steam_loss: Annotated[float, Unit("kg/h")]
    annual_heat_loss: Annotated[float, Unit("GJ")] | None
    annual_cost: Annotated[float, Unit()] | None


def steam_trap_loss(p: TrapIn) -> TrapOut:
    area = math.pi / 4 * (p.orifice_diameter / 1000) ** 2
    loss = p.discharge_coefficient * NAPIER_SI * p.upstream_pressure * 1e3 * area * 3600
    if p.annual_hours is None:
        return TrapOut(steam_loss=loss, annual_heat_loss=None, annual_cost=None)
    pa = p.upstream_pressure * 1e3
    latent = props("H", "P", pa, "Q", 1, "upstream_pressure") - props(
        "H", "P", pa, "Q", 0, "upstream_pressure"
    )
    heat = loss * p.annual_hours * latent / 1e9
    cost = heat * p.heat_price / p.boiler_efficiency if p.heat_price is not None else None
    return TrapOut(steam_loss=loss, annual_heat_loss=heat, annual_cost=cost)


STEAM_TRAP = spec(
    "steam_trap_loss",
    en="Steam loss through a failed-open steam trap (Napier)",
    zh="疏水阀漏汽损失(Napier公式)",
    domains=("operations", "production", "enterprise_management"),
    industries=("energy", "chemical", "food", "textile", "pharmaceutical", "general"),
    inputs=TrapIn,
    outputs=TrapOut,
    func=steam_trap_loss,
    formula="Napier: ṁ [lb/s] = C_d·p [psia]·A [in²]/70 (C_d = 0.6 gives the DOE form 24.24·p·D² lb/h); "
    "annual heat = ṁ·t·r(p); cost = heat·price/η_boiler",
    reference="US DOE AMO Steam Tip Sheet #1 'Inspect and repair steam traps' (2012); Napier's rule for "
    f"choked steam flow; latent heat from {IAPWS_IF97}",
    examples=(
        Example(
            inputs={
                "upstream_pressure": "19.696 psi",
                "orifice_diameter": "0.1875 inch",
                "annual_hours": 5808,
                "boiler_efficiency": 0.8,
                "heat_price": "6.23e-6 / Btu",
            },
            expected={"steam_loss": 7.6113, "annual_cost": 729.20},
            source="Manczyk, 'Estimating the cost of steam loss through the orifice of a steam trap': "
            "5 psig, 3/16 in → 24.24·19.696·0.1875² = 16.78 lb/h (7.611 kg/h); 5808 h, 960.8 Btu/lb, "
            "$6.23/MMBtu, 80 % boiler → $729.20 a year",
            rel_tol=1e-3,
        ),
    ),
)

SPECS = (FLASH, CONDENSATE, STEAM_TRAP)
