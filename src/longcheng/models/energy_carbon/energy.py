"""Energy accounting in tonnes of standard coal equivalent (tce, 吨标准煤): totals, unit use, savings."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.energy_carbon._base import DOMAINS, INDUSTRIES, ModelIn, ModelOut

GJ_PER_TCE = 29.3076  # 1 kgce = 7 000 kcal(IT) = 29 307.6 kJ

# GB/T 2589-2020 Annex A reference coefficients, kgce per kg (= tce per t) unless noted
_PER_TONNE = {
    "raw_coal": 0.7143,  # 原煤 20 908 kJ/kg
    "washed_coal": 0.9000,  # 洗精煤 26 344 kJ/kg
    "coke": 0.9714,  # 焦炭 28 435 kJ/kg
    "crude_oil": 1.4286,  # 原油 41 816 kJ/kg
    "fuel_oil": 1.4286,  # 燃料油 41 816 kJ/kg
    "gasoline": 1.4714,  # 汽油 43 070 kJ/kg
    "kerosene": 1.4714,  # 煤油 43 070 kJ/kg
    "diesel": 1.4571,  # 柴油 42 652 kJ/kg
    "lpg": 1.7143,  # 液化石油气 50 179 kJ/kg
    "low_pressure_steam": 0.1286,  # 蒸汽(低压) 3 763 MJ/t
}
HEAT_KGCE_PER_GJ = 34.12  # 热力(当量值) 0.034 12 kgce/MJ

Tonnes = Annotated[float, Unit("t", ge=0)]


class ComprehensiveEnergyIn(ModelIn):
    raw_coal: Tonnes = 0.0
    washed_coal: Tonnes = 0.0
    coke: Tonnes = 0.0
    crude_oil: Tonnes = 0.0
    fuel_oil: Tonnes = 0.0
    gasoline: Tonnes = 0.0
    kerosene: Tonnes = 0.0
    diesel: Tonnes = 0.0
    lpg: Tonnes = 0.0
    low_pressure_steam: Tonnes = 0.0
    natural_gas: Annotated[float, Unit("m**3", ge=0), Field(description="at standard conditions")] = 0.0
    electricity: Annotated[float, Unit("kWh", ge=0)] = 0.0
    heat: Annotated[float, Unit("GJ", ge=0)] = 0.0
    other: Annotated[float, Unit("t", ge=0), Field(description="other energy already in tce")] = 0.0
    natural_gas_coefficient: Annotated[
        float, Unit("kg/m**3", gt=0), Field(description="kgce/m³; default: gas-field natural gas 1.2143")
    ] = 1.2143
    electricity_coefficient: Annotated[
        float,
        Unit("kg/kWh", gt=0),
        Field(description="kgce/kWh; 0.1229 is the 当量值, use the year's generation coal rate for 等价值"),
    ] = 0.1229


class ComprehensiveEnergyOut(ModelOut):
    total: Annotated[float, Unit("t"), Field(description="comprehensive energy consumption, tce")]
    total_heat: Annotated[float, Unit("GJ"), Field(description="the total as heat, 29.3076 GJ/tce")]
    by_carrier: dict[str, Annotated[float, Unit("t")]] = Field(description="tce per energy carrier")


def comprehensive_energy_consumption(p: ComprehensiveEnergyIn) -> ComprehensiveEnergyOut:
    parts = {name: getattr(p, name) * coefficient for name, coefficient in _PER_TONNE.items()}
    parts["natural_gas"] = p.natural_gas * p.natural_gas_coefficient / 1000.0
    parts["electricity"] = p.electricity * p.electricity_coefficient / 1000.0
    parts["heat"] = p.heat * HEAT_KGCE_PER_GJ / 1000.0
    parts["other"] = p.other
    total = sum(parts.values())
    return ComprehensiveEnergyOut(total=total, total_heat=total * GJ_PER_TCE, by_carrier=parts)


COMPREHENSIVE_ENERGY = ComputationSpec(
    name="energy_carbon.comprehensive_energy_consumption",
    title=LocalizedText(en="Comprehensive energy consumption (tce)", zh="综合能耗"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=ComprehensiveEnergyIn,
    outputs=ComprehensiveEnergyOut,
    func=comprehensive_energy_consumption,
    formula="E = Σ e_i × k_i (折标准煤系数); 1 kgce = 29 307.6 kJ",
    reference="GB/T 2589-2020 综合能耗计算通则, Annex A reference conversion coefficients "
    "(electricity 当量值 0.1229 kgce/kWh = 3 600/29 307.6);"
    " research note §1.11 C9–C10 tags the coefficient table [U]",
    examples=(
        Example(
            inputs={
                "raw_coal": 1000,
                "electricity": 1.0e6,
                "natural_gas": 1.0e5,
                "diesel": 10,
                "heat": 1000,
            },
            expected={"total": 1007.321, "by_carrier.electricity": 122.9, "by_carrier.raw_coal": 714.3},
            source="derived by hand from the GB/T 2589 coefficients: 714.3 + 122.9 + 121.43 + 14.571 + 34.12 "
            "= 1 007.321 tce",
            rel_tol=1e-9,
        ),
    ),
)

# --- unit product energy consumption ------------------------------------------------------------------


class UnitProductEnergyIn(ModelIn):
    energy: Annotated[float, Unit("t", ge=0), Field(description="comprehensive energy consumption, tce")]
    production: Annotated[float, Unit("t", gt=0), Field(description="qualified product output")]
    limit: (
        Annotated[float, Unit("kg/t", gt=0), Field(description="limit value of the GB 限额 standard, kgce/t")]
        | None
    ) = None


class UnitProductEnergyOut(ModelOut):
    unit_consumption: Annotated[float, Unit("kg/t"), Field(description="kgce per t product")]
    ratio_to_limit: Annotated[float, Unit()] | None
    within_limit: bool | None


def unit_product_energy_consumption(p: UnitProductEnergyIn) -> UnitProductEnergyOut:
    e = p.energy / p.production * 1000.0
    ratio = e / p.limit if p.limit is not None else None
    return UnitProductEnergyOut(
        unit_consumption=e, ratio_to_limit=ratio, within_limit=None if ratio is None else ratio <= 1.0
    )


UNIT_PRODUCT_ENERGY = ComputationSpec(
    name="energy_carbon.unit_product_energy_consumption",
    title=LocalizedText(en="Energy consumption per unit of product", zh="单位产品综合能耗"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=UnitProductEnergyIn,
    outputs=UnitProductEnergyOut,
    func=unit_product_energy_consumption,
    formula="e = E / P (kgce/t); compliance: e ≤ limit value",
    reference="GB/T 2589-2020 综合能耗计算通则 (单位产品综合能耗); "
    "GB/T 12723-2013 单位产品能源消耗限额编制通则",
    examples=(
        Example(
            inputs={"energy": 1200, "production": 10000, "limit": 125},
            expected={"unit_consumption": 120.0, "ratio_to_limit": 0.96, "within_limit": True},
            source="derived by hand: 1 200 tce / 10 000 t = 120 kgce/t; 120 / 125 = 0.96",
            rel_tol=1e-9,
        ),
    ),
)

# --- energy intensity per output value ----------------------------------------------------------------


class EnergyIntensityIn(ModelIn):
    energy: Annotated[float, Unit("t", ge=0), Field(description="comprehensive energy consumption, tce")]
    output_value: Annotated[float, Unit(gt=0), Field(description="output value or value added, 10⁴ CNY")]
    previous_intensity: (
        Annotated[float, Unit("t", gt=0), Field(description="last period, tce per 10⁴ CNY")] | None
    ) = None


class EnergyIntensityOut(ModelOut):
    intensity: Annotated[float, Unit("t"), Field(description="tce per 10⁴ CNY (万元产值综合能耗)")]
    reduction: Annotated[float, Unit("percent"), Field(description="decrease against the last period")] | None


def energy_intensity(p: EnergyIntensityIn) -> EnergyIntensityOut:
    intensity = p.energy / p.output_value
    reduction = None
    if p.previous_intensity is not None:
        reduction = (p.previous_intensity - intensity) / p.previous_intensity * 100.0
    return EnergyIntensityOut(intensity=intensity, reduction=reduction)


ENERGY_INTENSITY = ComputationSpec(
    name="energy_carbon.energy_intensity",
    title=LocalizedText(en="Energy intensity per output value", zh="万元产值综合能耗"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=EnergyIntensityIn,
    outputs=EnergyIntensityOut,
    func=energy_intensity,
    formula="e_g = E / G (tce/10⁴ CNY); reduction = (e_prev − e_g) / e_prev",
    reference="GB/T 2589-2020 综合能耗计算通则 (单位产值综合能耗); research note §1.11 C12",
    examples=(
        Example(
            inputs={"energy": 5000, "output_value": 25000, "previous_intensity": 0.21},
            expected={"intensity": 0.2, "reduction": 4.761904761904762},
            source="derived by hand: 5 000 tce / 25 000 万元 = 0.2; (0.21 − 0.2) / 0.21 = 4.762 %",
            rel_tol=1e-9,
        ),
    ),
)

# --- energy savings -----------------------------------------------------------------------------------


class EnergySavingsIn(ModelIn):
    baseline_unit_consumption: Annotated[float, Unit("kg/t", gt=0), Field(description="基期单位产品能耗")]
    report_unit_consumption: Annotated[float, Unit("kg/t", ge=0), Field(description="报告期单位产品能耗")]
    report_production: Annotated[float, Unit("t", ge=0), Field(description="报告期产量")]


class EnergySavingsOut(ModelOut):
    savings: Annotated[float, Unit("t"), Field(description="product energy savings, tce (negative: more)")]
    savings_rate: Annotated[float, Unit("percent")]


def energy_savings(p: EnergySavingsIn) -> EnergySavingsOut:
    delta = p.baseline_unit_consumption - p.report_unit_consumption  # kgce/t
    return EnergySavingsOut(
        savings=delta * p.report_production / 1000.0,
        savings_rate=delta / p.baseline_unit_consumption * 100.0,
    )


ENERGY_SAVINGS = ComputationSpec(
    name="energy_carbon.energy_savings",
    title=LocalizedText(en="Product energy savings against a baseline", zh="产品节能量"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=EnergySavingsIn,
    outputs=EnergySavingsOut,
    func=energy_savings,
    formula="ΔE = (e_b − e_r) × M_r; ξ = (e_b − e_r) / e_b",
    reference="GB/T 13234-2018 用能单位节能量计算方法 (产品节能量)",
    examples=(
        Example(
            inputs={
                "baseline_unit_consumption": 130,
                "report_unit_consumption": 120,
                "report_production": 10000,
            },
            expected={"savings": 100.0, "savings_rate": 7.6923076923076925},
            source="derived by hand: (130 − 120) kgce/t × 10 000 t = 100 tce; 10 / 130 = 7.692 %",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (
    COMPREHENSIVE_ENERGY,
    UNIT_PRODUCT_ENERGY,
    ENERGY_INTENSITY,
    ENERGY_SAVINGS,
)

__all__ = [
    "SPECS",
    "comprehensive_energy_consumption",
    "energy_intensity",
    "energy_savings",
    "unit_product_energy_consumption",
]
