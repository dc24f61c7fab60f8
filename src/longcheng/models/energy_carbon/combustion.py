"""Direct emissions: fossil-fuel combustion, carbonate decomposition, and purchased heat."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.energy_carbon._base import DOMAINS, INDUSTRIES, ModelIn, ModelOut

CO2_PER_C = 44.0 / 12.0  # molar-mass ratio used by GB/T 32150 and the IPCC guidelines

# --- fuel combustion -----------------------------------------------------------------------------------


class CombustionIn(ModelIn):
    fuel_mass: Annotated[float, Unit("t", ge=0), Field(description="solid or liquid fuel burnt")] | None = (
        None
    )
    ncv_mass: (
        Annotated[float, Unit("GJ/t", gt=0), Field(description="net calorific value per mass")] | None
    ) = None
    fuel_volume: (
        Annotated[float, Unit("m**3", ge=0), Field(description="gaseous fuel burnt, at standard conditions")]
        | None
    ) = None
    ncv_volume: (
        Annotated[float, Unit("MJ/m**3", gt=0), Field(description="net calorific value per volume")] | None
    ) = None
    carbon_content: Annotated[float, Unit("t/TJ", gt=0), Field(description="carbon per unit heat, tC/TJ")]
    oxidation_factor: Annotated[float, Unit(gt=0, le=1)]

    @model_validator(mode="after")
    def _one_fuel_basis(self) -> CombustionIn:
        by_mass = self.fuel_mass is not None and self.ncv_mass is not None
        by_volume = self.fuel_volume is not None and self.ncv_volume is not None
        if by_mass == by_volume:
            raise ValueError("give either fuel_mass with ncv_mass, or fuel_volume with ncv_volume")
        return self


class CombustionOut(ModelOut):
    activity_data: Annotated[float, Unit("GJ"), Field(description="heat released, AD = FC × NCV")]
    emission_factor: Annotated[float, Unit("t/TJ"), Field(description="tCO₂/TJ = CC × OF × 44/12")]
    emissions: Annotated[float, Unit("t"), Field(description="tCO₂")]


def _heat_gj(p: CombustionIn) -> float:
    if p.fuel_mass is not None and p.ncv_mass is not None:
        return p.fuel_mass * p.ncv_mass
    if p.fuel_volume is not None and p.ncv_volume is not None:
        return p.fuel_volume * p.ncv_volume / 1000.0  # m³ × MJ/m³ = MJ
    raise ValueError("give either fuel_mass with ncv_mass, or fuel_volume with ncv_volume")


def fuel_combustion_co2(p: CombustionIn) -> CombustionOut:
    heat_gj = _heat_gj(p)
    factor = p.carbon_content * p.oxidation_factor * CO2_PER_C
    return CombustionOut(activity_data=heat_gj, emission_factor=factor, emissions=heat_gj / 1000.0 * factor)


FUEL_COMBUSTION = ComputationSpec(
    name="energy_carbon.fuel_combustion_co2",
    title=LocalizedText(en="CO₂ from fossil-fuel combustion", zh="化石燃料燃烧二氧化碳排放"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=CombustionIn,
    outputs=CombustionOut,
    func=fuel_combustion_co2,
    formula="E = AD × EF; AD = FC × NCV; EF = CC × OF × 44/12",
    reference="GB/T 32150-2015 工业企业温室气体排放核算和报告通则, 燃料燃烧排放; "
    "IPCC 2006 Guidelines Vol. 2 Ch. 2 (Tier 2, country-specific NCV and carbon content)",
    examples=(
        Example(
            inputs={
                "fuel_volume": 1.0e6,
                "ncv_volume": 38.931,
                "carbon_content": 15.3,
                "oxidation_factor": 0.99,
            },
            expected={"activity_data": 38931.0, "emissions": 2162.2},
            source="research note §1.11 C3 [C]: natural gas 10⁶ Nm³, NCV 389.31 GJ/10⁴Nm³, CC 15.3 tC/TJ, "
            "OF 99 % → 2 162.2 tCO₂",
            rel_tol=1e-4,
        ),
    ),
)

# --- carbonate decomposition (process emissions) ------------------------------------------------------

_M_CO2 = 12.011 + 2 * 15.999  # IUPAC standard atomic weights (abridged)
_MOLAR_MASS = {  # g/mol of the carbonate, and moles of CO2 it releases
    "calcite_caco3": (40.078 + 12.011 + 3 * 15.999, 1),
    "magnesite_mgco3": (24.305 + 12.011 + 3 * 15.999, 1),
    "dolomite_camg_co3_2": (40.078 + 24.305 + 2 * (12.011 + 3 * 15.999), 2),
    "siderite_feco3": (55.845 + 12.011 + 3 * 15.999, 1),
    "soda_ash_na2co3": (2 * 22.990 + 12.011 + 3 * 15.999, 1),
}
Carbonate = Literal[
    "calcite_caco3", "magnesite_mgco3", "dolomite_camg_co3_2", "siderite_feco3", "soda_ash_na2co3"
]


class CarbonateIn(ModelIn):
    carbonate: Carbonate
    mass: Annotated[float, Unit("t", ge=0), Field(description="carbonate consumed (pure basis)")]
    calcination_fraction: Annotated[float, Unit(gt=0, le=1), Field(description="fraction decomposed")] = 1.0


class CarbonateOut(ModelOut):
    emission_factor: Annotated[float, Unit(), Field(description="tCO₂ per t carbonate (stoichiometric)")]
    emissions: Annotated[float, Unit("t"), Field(description="tCO₂")]


def carbonate_process_co2(p: CarbonateIn) -> CarbonateOut:
    molar_mass, moles = _MOLAR_MASS[p.carbonate]
    factor = moles * _M_CO2 / molar_mass
    return CarbonateOut(emission_factor=factor, emissions=p.mass * factor * p.calcination_fraction)


CARBONATE = ComputationSpec(
    name="energy_carbon.carbonate_process_co2",
    title=LocalizedText(en="Process CO₂ from carbonate decomposition", zh="碳酸盐分解过程二氧化碳排放"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=("building_materials", "metallurgy", "chemical", "light_industry"),
    inputs=CarbonateIn,
    outputs=CarbonateOut,
    func=carbonate_process_co2,
    formula="E = m × EF × F; EF = n·M(CO₂)/M(carbonate)",
    reference="IPCC 2006 Guidelines Vol. 3 Ch. 2, Table 2.1 (carbonate emission factors); "
    "GB/T 32150-2015 过程排放",
    examples=(
        Example(
            inputs={"carbonate": "calcite_caco3", "mass": 1000},
            expected={"emission_factor": 0.43971, "emissions": 439.71},
            source="IPCC 2006 Vol. 3 Table 2.1: calcite CaCO₃ 0.43971 tCO₂/t carbonate",
            rel_tol=1e-4,
        ),
        Example(
            inputs={"carbonate": "magnesite_mgco3", "mass": 100, "calcination_fraction": 0.9},
            expected={"emission_factor": 0.52197, "emissions": 46.977},
            source="IPCC 2006 Vol. 3 Table 2.1: magnesite MgCO₃ 0.52197 tCO₂/t; × 100 t × 0.9 by hand",
            rel_tol=1e-4,
        ),
    ),
)

# --- purchased heat -----------------------------------------------------------------------------------

WATER_20C_ENTHALPY = 83.74  # kJ/kg, the reference state of the Chinese accounting guides


class PurchasedHeatIn(ModelIn):
    heat: Annotated[float, Unit("GJ", ge=0), Field(description="net purchased heat")] = 0.0
    steam_mass: Annotated[float, Unit("t", ge=0), Field(description="purchased steam")] = 0.0
    steam_enthalpy: (
        Annotated[float, Unit("kJ/kg", gt=83.74), Field(description="specific enthalpy of the steam")] | None
    ) = None
    factor: Annotated[float, Unit("t/GJ", ge=0), Field(description="tCO₂/GJ of heat")] = 0.11

    @model_validator(mode="after")
    def _steam_needs_enthalpy(self) -> PurchasedHeatIn:
        if self.steam_mass > 0 and self.steam_enthalpy is None:
            raise ValueError("steam_mass needs steam_enthalpy")
        return self


class PurchasedHeatOut(ModelOut):
    heat: Annotated[float, Unit("GJ"), Field(description="heat counted, including the steam")]
    emissions: Annotated[float, Unit("t"), Field(description="tCO₂")]


def purchased_heat_emissions(p: PurchasedHeatIn) -> PurchasedHeatOut:
    steam_gj = 0.0
    if p.steam_enthalpy is not None:
        steam_gj = p.steam_mass * (p.steam_enthalpy - WATER_20C_ENTHALPY) / 1000.0  # t × kJ/kg = MJ ×1000
    heat = p.heat + steam_gj
    return PurchasedHeatOut(heat=heat, emissions=heat * p.factor)


PURCHASED_HEAT = ComputationSpec(
    name="energy_carbon.purchased_heat_emissions",
    title=LocalizedText(en="Indirect CO₂ emissions of purchased heat and steam", zh="净购入热力间接排放"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=PurchasedHeatIn,
    outputs=PurchasedHeatOut,
    func=purchased_heat_emissions,
    formula="E = AD_heat × EF_heat; AD_steam = M_st × (h_st − 83.74 kJ/kg) × 10⁻³ GJ",
    reference="GB/T 32150-2015 (净购入热力); NDRC 工业其他行业企业温室气体排放核算方法与报告指南(试行), "
    "default EF_heat 0.11 tCO₂/GJ",
    examples=(
        Example(
            inputs={"heat": 1000},
            expected={"emissions": 110.0},
            source="research note §1.11 C5 [U], derived by hand: 1 000 GJ × 0.11 tCO₂/GJ = 110 tCO₂",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"steam_mass": 100, "steam_enthalpy": 2776.0},
            expected={"heat": 269.226, "emissions": 29.61486},
            source="derived by hand: 100 t × (2 776 − 83.74) kJ/kg = 269.226 GJ; × 0.11 = 29.615 tCO₂",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (FUEL_COMBUSTION, CARBONATE, PURCHASED_HEAT)

__all__ = ["SPECS", "carbonate_process_co2", "fuel_combustion_co2", "purchased_heat_emissions"]
