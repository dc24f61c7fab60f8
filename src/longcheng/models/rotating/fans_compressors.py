"""Fans and compressors: fan air power, density correction, isothermal and isentropic compression power."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.rotating._base import ModelIn, ModelOut

# --- fan air power ----------------------------------------------------------------------------------------


class FanPowerIn(ModelIn):
    flow: Annotated[float, Unit("m**3/s", ge=0), Field(description="volume flow at the fan inlet")]
    fan_pressure: Annotated[float, Unit("Pa", ge=0), Field(description="fan total (or static) pressure")]
    shaft_power: Annotated[float, Unit("W", gt=0), Field(description="impeller power; gives η")] | None = None


class FanPowerOut(ModelOut):
    air_power: Annotated[float, Unit("W")]
    efficiency: Annotated[float, Unit()] | None


def fan_air_power(p: FanPowerIn) -> FanPowerOut:
    air = p.flow * p.fan_pressure
    return FanPowerOut(air_power=air, efficiency=None if p.shaft_power is None else air / p.shaft_power)


FAN_POWER = ComputationSpec(
    name="rotating.fan_air_power",
    title=LocalizedText(en="Fan air power and efficiency", zh="风机空气功率与效率"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations", "production"),
    industries=("general", "building_materials", "metallurgy", "energy"),
    inputs=FanPowerIn,
    outputs=FanPowerOut,
    func=fan_air_power,
    formula="P_u = q_V·p_f (compressibility coefficient k_p = 1: fan pressure small against the inlet "
    "absolute pressure); η = P_u / P_shaft",
    reference="ISO 5801:2017 Fans — Performance testing using standardized airways, fan air power "
    "(GB/T 1236-2017)",
    examples=(
        Example(
            inputs={"flow": 5, "fan_pressure": 1000, "shaft_power": 6250},
            expected={"air_power": 5000.0, "efficiency": 0.8},
            source="research §1.1 R9 [C]: 5 m³/s × 1000 Pa = 5 kW; 5000 / 6250 = 0.8",
            rel_tol=1e-9,
        ),
    ),
)

# --- fan density correction -------------------------------------------------------------------------------


class FanDensityIn(ModelIn):
    fan_pressure: Annotated[float, Unit("Pa", ge=0), Field(description="at the rated (catalogue) density")]
    power: Annotated[float, Unit("W", ge=0), Field(description="at the rated density")]
    density: Annotated[float, Unit("kg/m**3", gt=0), Field(description="rated, e.g. 1.2 kg/m³")]
    new_density: Annotated[float, Unit("kg/m**3", gt=0), Field(description="actual gas density")]


class FanDensityOut(ModelOut):
    fan_pressure: Annotated[float, Unit("Pa")]
    power: Annotated[float, Unit("W")]


def fan_density_correction(p: FanDensityIn) -> FanDensityOut:
    ratio = p.new_density / p.density
    return FanDensityOut(fan_pressure=p.fan_pressure * ratio, power=p.power * ratio)


FAN_DENSITY = ComputationSpec(
    name="rotating.fan_density_correction",
    title=LocalizedText(en="Fan law: gas density correction", zh="风机气体密度修正"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations"),
    industries=("general", "metallurgy", "building_materials", "energy"),
    inputs=FanDensityIn,
    outputs=FanDensityOut,
    func=fan_density_correction,
    formula="same fan, same speed, same volume flow: p₂ = p₁·ρ₂/ρ₁; P₂ = P₁·ρ₂/ρ₁",
    reference="AMCA Publication 201-02 (R2011) Fans and Systems, fan laws; ISO 5801:2017 (GB/T 1236-2017) "
    "conversion rules",
    examples=(
        Example(
            inputs={"fan_pressure": 1000, "power": 5000, "density": 1.2, "new_density": 0.946},
            expected={"fan_pressure": 788.3333, "power": 3941.6667},
            source="by hand: air at 100 °C (0.946 kg/m³) against 1.2 kg/m³: × 0.78833",
            rel_tol=1e-6,
        ),
    ),
)

# --- isothermal compression power -------------------------------------------------------------------------


class IsothermalIn(ModelIn):
    flow: Annotated[float, Unit("m**3/s", ge=0), Field(description="volume flow at inlet conditions")]
    inlet_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute")]
    discharge_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute")]
    efficiency: Annotated[float, Unit(gt=0, le=1), Field(description="isothermal efficiency")] = 1.0


class IsothermalOut(ModelOut):
    power: Annotated[float, Unit("W"), Field(description="ideal isothermal power")]
    shaft_power: Annotated[float, Unit("W")]


def isothermal_compression_power(p: IsothermalIn) -> IsothermalOut:
    power = p.inlet_pressure * p.flow * math.log(p.discharge_pressure / p.inlet_pressure)
    return IsothermalOut(power=power, shaft_power=power / p.efficiency)


ISOTHERMAL = ComputationSpec(
    name="rotating.isothermal_compression_power",
    title=LocalizedText(en="Isothermal compression power", zh="等温压缩功率"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "energy", "machinery"),
    inputs=IsothermalIn,
    outputs=IsothermalOut,
    func=isothermal_compression_power,
    formula="P = p₁·V̇₁·ln(p₂/p₁); P_shaft = P / η_iso",
    reference="Couper, Penney, Fair, Chemical Process Equipment: Selection and Design, 2nd ed. (2009), ch. 7 "
    "(compression work); fluids.compressible.isothermal_work_compression",
    examples=(
        Example(
            inputs={"flow": 0.02494338785445972, "inlet_pressure": 1e5, "discharge_pressure": 1e6},
            expected={"power": 5743.4273},
            source="Couper et al. via the fluids documentation: 5743.43 J/mol from 1 to 10 bar at 300 K; "
            "here 1 mol/s = R·T/p₁ = 0.0249434 m³/s",
            rel_tol=1e-7,
        ),
        Example(
            inputs={"flow": 1, "inlet_pressure": 1e5, "discharge_pressure": 7e5, "efficiency": 0.7},
            expected={"power": 194591.015, "shaft_power": 277987.164},
            source="by hand: 1e5 × 1 × ln 7 = 194.59 kW; / 0.7",
            rel_tol=1e-7,
        ),
    ),
)

# --- isentropic (adiabatic) compression power -------------------------------------------------------------


class AdiabaticIn(ModelIn):
    flow: Annotated[float, Unit("m**3/s", ge=0), Field(description="volume flow at inlet conditions")]
    inlet_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute")]
    discharge_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute")]
    isentropic_exponent: Annotated[float, Unit(gt=1, le=1.67)] = 1.4
    stages: Annotated[int, Field(ge=1, le=10, description="equal ratios, intercooled to T₁")] = 1
    efficiency: Annotated[float, Unit(gt=0, le=1), Field(description="isentropic efficiency")] = 1.0
    inlet_temperature: Annotated[float, Unit("K", gt=0)] | None = None


class AdiabaticOut(ModelOut):
    power: Annotated[float, Unit("W"), Field(description="ideal isentropic power")]
    shaft_power: Annotated[float, Unit("W")]
    stage_pressure_ratio: Annotated[float, Unit()]
    discharge_temperature: Annotated[float, Unit("K"), Field(description="of each stage")] | None


def adiabatic_compression_power(p: AdiabaticIn) -> AdiabaticOut:
    k, z = p.isentropic_exponent, p.stages
    ratio = (p.discharge_pressure / p.inlet_pressure) ** (1.0 / z)
    rise = ratio ** ((k - 1) / k) - 1
    power = z * k / (k - 1) * p.inlet_pressure * p.flow * rise
    t1 = p.inlet_temperature
    return AdiabaticOut(
        power=power,
        shaft_power=power / p.efficiency,
        stage_pressure_ratio=ratio,
        discharge_temperature=None if t1 is None else t1 * (1 + rise / p.efficiency),
    )


ADIABATIC = ComputationSpec(
    name="rotating.adiabatic_compression_power",
    title=LocalizedText(en="Isentropic (adiabatic) compression power", zh="绝热（等熵）压缩功率"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "energy", "machinery"),
    inputs=AdiabaticIn,
    outputs=AdiabaticOut,
    func=adiabatic_compression_power,
    formula="r = (p₂/p₁)^(1/z); P = z·k/(k−1)·p₁·V̇₁·[r^((k−1)/k) − 1]; P_shaft = P/η_s; "
    "T₂ = T₁·{1 + [r^((k−1)/k) − 1]/η_s}",
    reference="Couper, Penney, Fair, Chemical Process Equipment: Selection and Design, 2nd ed. (2009), "
    "ch. 7; GPSA Engineering Data Book, 13th ed. (2012), section 13 (compressors)",
    examples=(
        Example(
            inputs={
                "flow": 0.02494338785445972,
                "inlet_pressure": 1e5,
                "discharge_pressure": 1e6,
                "efficiency": 0.78,
                "inlet_temperature": 300,
            },
            expected={"shaft_power": 10416.877, "discharge_temperature": 657.9607},
            source="Couper et al. via the fluids documentation: 10 416.88 J/mol (1 → 10 bar, 300 K, k 1.4, "
            "η 0.78); here for 1 mol/s",
            rel_tol=1e-6,
        ),
        Example(
            inputs={
                "flow": 1,
                "inlet_pressure": 54050,
                "discharge_pressure": 432400,
                "inlet_temperature": 286.8,
            },
            expected={"discharge_temperature": 519.5231},
            source="Couper et al. / GPSA via the fluids documentation: 286.8 K, 54.05 → 432.4 kPa → 519.52 K",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"flow": 1, "inlet_pressure": 1e5, "discharge_pressure": 9e5, "stages": 2},
            expected={"power": 258116.67, "stage_pressure_ratio": 3.0},
            source="by hand: two intercooled stages of ratio 3: 2 × 3.5 × 1e5 × (3^0.2857 − 1) = 258.1 kW "
            "(305.7 kW in one stage)",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (FAN_POWER, FAN_DENSITY, ISOTHERMAL, ADIABATIC)

__all__ = [
    "SPECS",
    "adiabatic_compression_power",
    "fan_air_power",
    "fan_density_correction",
    "isothermal_compression_power",
]
