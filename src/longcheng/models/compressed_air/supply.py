"""Compressed-air supply: FAD at reference conditions, specific power, load/unload energy, heat recovery."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.compressed_air._base import DOE_SOURCEBOOK, ModelIn, ModelOut, water_saturation_pressure

ISO_1217 = "ISO 1217:2009 Displacement compressors — Acceptance tests (GB/T 3853-2017)"
CFM = 0.028316846592  # m³ per ft³
Humidity = Annotated[float, Unit(ge=0, le=1), Field(description="relative humidity, fraction")]

# --- FAD to reference conditions --------------------------------------------------------------------------


class FadIn(ModelIn):
    flow: Annotated[
        float, Unit("m**3/min", ge=0), Field(description="volume flow at the measured conditions")
    ]
    pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute")]
    temperature: Annotated[float, Unit("K", ge=273.16, le=373.15)]
    relative_humidity: Humidity = 0.0
    reference_pressure: Annotated[float, Unit("Pa", gt=0)] = 100000.0
    reference_temperature: Annotated[float, Unit("K", ge=273.16, le=373.15)] = 293.15
    reference_relative_humidity: Humidity = 0.0


class FadOut(ModelOut):
    reference_flow: Annotated[float, Unit("m**3/min")]


def fad_correction(p: FadIn) -> FadOut:
    dry = p.pressure - p.relative_humidity * water_saturation_pressure(p.temperature)
    dry_ref = p.reference_pressure - p.reference_relative_humidity * water_saturation_pressure(
        p.reference_temperature
    )
    return FadOut(reference_flow=p.flow * dry / dry_ref * p.reference_temperature / p.temperature)


FAD = ComputationSpec(
    name="compressed_air.fad_correction",
    title=LocalizedText(en="Free air delivery at reference conditions", zh="压缩机排气量（FAD）基准状态换算"),
    kind="model",
    category="compressed_air",
    domains=("operations", "production", "rd_design"),
    industries=("general", "machinery", "automotive", "textile", "electronics"),
    inputs=FadIn,
    outputs=FadOut,
    func=fad_correction,
    formula="Q_ref = Q·[(p − φ·p_s(T))/(p_ref − φ_ref·p_s(T_ref))]·(T_ref/T)  (dry-air partial pressures, "
    "ideal gas; p_s of water from IAPWS-95)",
    reference=f"{ISO_1217}, Annex C (standard reference conditions 100 kPa, 20 °C, dry); "
    "ASHRAE Handbook — Fundamentals (2017), ch. 1",
    examples=(
        Example(
            inputs={"flow": 10, "pressure": 101325, "temperature": 303.15},
            expected={"reference_flow": 9.7982595},
            source="by hand: 10 × 101.325/100 × 293.15/303.15 = 9.798 m³/min (dry air)",
            rel_tol=1e-7,
        ),
        Example(
            inputs={"flow": 10, "pressure": 101325, "temperature": 303.15, "relative_humidity": 0.6},
            expected={"reference_flow": 9.5518470},
            source="by hand with p_s(30 °C) = 4.2470 kPa (IAPWS steam tables): "
            "10 × (101 325 − 0.6 × 4247.0)/100 000 × 293.15/303.15",
            rel_tol=1e-5,
        ),
    ),
)

# --- specific power ---------------------------------------------------------------------------------------


class SpecificPowerIn(ModelIn):
    power: Annotated[float, Unit("kW", gt=0), Field(description="package input power")]
    fad: Annotated[float, Unit("m**3/min", gt=0), Field(description="free air delivery")]


class SpecificPowerOut(ModelOut):
    specific_power: Annotated[float, Unit("kW/(m**3/min)")]
    specific_energy: Annotated[float, Unit("kWh/m**3")]
    kw_per_100_cfm: Annotated[float, Unit(), Field(description="CAGI data-sheet convention")]


def specific_power(p: SpecificPowerIn) -> SpecificPowerOut:
    sp = p.power / p.fad
    return SpecificPowerOut(specific_power=sp, specific_energy=sp / 60.0, kw_per_100_cfm=sp * CFM * 100)


SPECIFIC_POWER = ComputationSpec(
    name="compressed_air.specific_power",
    title=LocalizedText(en="Compressor specific power", zh="空压机比功率"),
    kind="model",
    category="compressed_air",
    domains=("operations", "production", "enterprise_management"),
    industries=("general", "machinery", "automotive", "textile", "electronics", "food"),
    inputs=SpecificPowerIn,
    outputs=SpecificPowerOut,
    func=specific_power,
    formula="SP = P/FAD [kW/(m³/min)]; SEC = SP/60 [kWh/m³]; kW/100 cfm = SP·2.8317",
    reference=f"{ISO_1217}, Annex C (specific energy requirement); "
    "GB 19153-2019 容积式空气压缩机能效限定值及能效等级",
    examples=(
        Example(
            inputs={"power": 55, "fad": 9.5},
            expected={
                "specific_power": 5.7894737,
                "specific_energy": 0.096491228,
                "kw_per_100_cfm": 16.393964,
            },
            source="by hand: 55 kW / 9.5 m³/min; / 60; 9.5 m³/min = 335.5 cfm",
            rel_tol=1e-7,
        ),
    ),
)

# --- load / unload energy ---------------------------------------------------------------------------------


class LoadUnloadIn(ModelIn):
    loaded_power: Annotated[float, Unit("kW", gt=0)]
    unloaded_power: Annotated[float, Unit("kW", ge=0)]
    loaded_time: Annotated[float, Unit("h", ge=0)]
    unloaded_time: Annotated[float, Unit("h", ge=0)]
    capacity: Annotated[float, Unit("m**3/min", gt=0), Field(description="FAD when loaded")]

    @model_validator(mode="after")
    def _sensible(self) -> Self:
        if self.loaded_time <= 0:
            raise ValueError("the compressor must be loaded for some time")
        if self.unloaded_power > self.loaded_power:
            raise ValueError("unloaded power above loaded power")
        return self


class LoadUnloadOut(ModelOut):
    energy: Annotated[float, Unit("kWh")]
    average_power: Annotated[float, Unit("kW")]
    air_delivered: Annotated[float, Unit("m**3")]
    specific_power: Annotated[float, Unit("kW/(m**3/min)"), Field(description="effective, over the period")]
    unloaded_energy_share: Annotated[float, Unit()]


def load_unload_energy(p: LoadUnloadIn) -> LoadUnloadOut:
    loaded, idle = p.loaded_power * p.loaded_time, p.unloaded_power * p.unloaded_time
    energy, hours = loaded + idle, p.loaded_time + p.unloaded_time
    air = p.capacity * 60.0 * p.loaded_time
    return LoadUnloadOut(
        energy=energy,
        average_power=energy / hours,
        air_delivered=air,
        specific_power=energy / (air / 60.0),
        unloaded_energy_share=idle / energy,
    )


LOAD_UNLOAD = ComputationSpec(
    name="compressed_air.load_unload_energy",
    title=LocalizedText(
        en="Load/unload compressor energy and effective specific power", zh="加卸载空压机能耗"
    ),
    kind="model",
    category="compressed_air",
    domains=("operations", "production", "enterprise_management"),
    industries=("general", "machinery", "automotive", "textile", "electronics"),
    inputs=LoadUnloadIn,
    outputs=LoadUnloadOut,
    func=load_unload_energy,
    formula="E = P_L·t_L + P_U·t_U; V = FAD·t_L; SP_eff = E/(V/60)",
    reference=f"{DOE_SOURCEBOOK}, fact sheet 'Compressed Air System Controls' (load/unload control)",
    examples=(
        Example(
            inputs={
                "loaded_power": 90,
                "unloaded_power": 25,
                "loaded_time": 40 / 60,
                "unloaded_time": 20 / 60,
                "capacity": 15,
            },
            expected={"energy": 68.333333, "air_delivered": 600.0, "specific_power": 6.8333333},
            source="by hand: 90 kW × 40 min + 25 kW × 20 min = 68.33 kWh for 600 m³ (6.0 kW/(m³/min) loaded)",
            rel_tol=1e-7,
        ),
    ),
)

# --- heat recovery ----------------------------------------------------------------------------------------


class HeatRecoveryIn(ModelIn):
    electrical_power: Annotated[float, Unit("kW", gt=0), Field(description="average compressor input power")]
    recoverable_fraction: Annotated[float, Unit(gt=0, le=0.96), Field(description="typically 0.5–0.94")]
    hours: Annotated[float, Unit("h", ge=0, le=8784), Field(description="hours per year the heat is used")]
    heater_efficiency: Annotated[float, Unit(gt=0, le=1), Field(description="of the heat source displaced")]
    fuel_price: (
        Annotated[float, Unit("1/kWh", ge=0), Field(description="currency per kWh of fuel")] | None
    ) = None


class HeatRecoveryOut(ModelOut):
    recoverable_heat: Annotated[float, Unit("kW")]
    annual_heat: Annotated[float, Unit("kWh")]
    fuel_saved: Annotated[float, Unit("kWh")]
    cost_saving: Annotated[float, Unit(), Field(description="currency per year")] | None


def heat_recovery(p: HeatRecoveryIn) -> HeatRecoveryOut:
    heat = p.electrical_power * p.recoverable_fraction
    annual = heat * p.hours
    fuel = annual / p.heater_efficiency
    return HeatRecoveryOut(
        recoverable_heat=heat,
        annual_heat=annual,
        fuel_saved=fuel,
        cost_saving=None if p.fuel_price is None else fuel * p.fuel_price,
    )


HEAT_RECOVERY = ComputationSpec(
    name="compressed_air.heat_recovery",
    title=LocalizedText(en="Heat recovery from an air compressor", zh="空压机余热回收"),
    kind="model",
    category="compressed_air",
    domains=("operations", "enterprise_management", "rd_design"),
    industries=("general", "machinery", "textile", "food", "chemical"),
    inputs=HeatRecoveryIn,
    outputs=HeatRecoveryOut,
    func=heat_recovery,
    formula="Q = f·P_el; E = Q·h; fuel = E/η_heater; saving = fuel·price",
    reference=f"{DOE_SOURCEBOOK}, fact sheet 'Heat Recovery with "
    "Compressed Air Systems' (50–90 % of the input power recoverable)",
    examples=(
        Example(
            inputs={
                "electrical_power": 75,
                "recoverable_fraction": 0.8,
                "hours": 4000,
                "heater_efficiency": 0.9,
                "fuel_price": 0.35,
            },
            expected={"recoverable_heat": 60.0, "annual_heat": 240000.0, "cost_saving": 93333.333},
            source="by hand: 0.8 × 75 kW = 60 kW; × 4000 h; displaced boiler at 90 %, fuel at 0.35 per kWh",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (FAD, SPECIFIC_POWER, LOAD_UNLOAD, HEAT_RECOVERY)

__all__ = ["SPECS", "fad_correction", "heat_recovery", "load_unload_energy", "specific_power"]
