"""Enterprise greenhouse-gas totals, CO₂ equivalents and carbon intensity."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.energy_carbon._base import DOMAINS, INDUSTRIES, ModelIn, ModelOut

Tonnes = Annotated[float, Unit("t", ge=0)]

# --- GB/T 32150 enterprise total ----------------------------------------------------------------------


class GhgTotalIn(ModelIn):
    combustion: Tonnes = Field(default=0.0, description="燃料燃烧排放, tCO₂e")
    process: Tonnes = Field(default=0.0, description="过程排放, tCO₂e")
    recovered: Tonnes = Field(default=0.0, description="回收利用/固碳, tCO₂e")
    purchased_electricity: Tonnes = Field(default=0.0, description="购入电力排放, tCO₂")
    purchased_heat: Tonnes = Field(default=0.0, description="购入热力排放, tCO₂")
    exported_electricity: Tonnes = Field(default=0.0, description="输出电力排放, tCO₂")
    exported_heat: Tonnes = Field(default=0.0, description="输出热力排放, tCO₂")
    biomass_co2: Tonnes = Field(default=0.0, description="生物质燃烧 CO₂: reported separately, not counted")


class GhgTotalOut(ModelOut):
    direct: Annotated[float, Unit("t"), Field(description="combustion + process − recovered")]
    indirect: Annotated[float, Unit("t"), Field(description="purchased − exported electricity and heat")]
    total: Annotated[float, Unit("t"), Field(description="E_GHG, tCO₂e")]
    biomass_co2_memo: Annotated[float, Unit("t"), Field(description="memo item, outside the total")]


def enterprise_ghg_total(p: GhgTotalIn) -> GhgTotalOut:
    direct = p.combustion + p.process - p.recovered
    indirect = p.purchased_electricity + p.purchased_heat - p.exported_electricity - p.exported_heat
    return GhgTotalOut(
        direct=direct, indirect=indirect, total=direct + indirect, biomass_co2_memo=p.biomass_co2
    )


GHG_TOTAL = ComputationSpec(
    name="energy_carbon.enterprise_ghg_total",
    title=LocalizedText(en="Enterprise greenhouse-gas emission total", zh="企业温室气体排放总量"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=GhgTotalIn,
    outputs=GhgTotalOut,
    func=enterprise_ghg_total,
    formula="E_GHG = E_燃烧 + E_过程 − R_回收 + E_购入电 + E_购入热 − E_输出电 − E_输出热 "
    "(biomass CO₂ reported separately)",
    reference="GB/T 32150-2015 工业企业温室气体排放核算和报告通则, 核算边界与排放总量",
    examples=(
        Example(
            inputs={
                "combustion": 2162.2,
                "process": 439.71,
                "recovered": 100,
                "purchased_electricity": 5366,
                "purchased_heat": 110,
                "exported_electricity": 200,
                "biomass_co2": 50,
            },
            expected={"direct": 2501.91, "indirect": 5276.0, "total": 7777.91, "biomass_co2_memo": 50.0},
            source="derived by hand from the GB/T 32150 balance: 2162.2 + 439.71 − 100 = 2501.91; "
            "5366 + 110 − 200 = 5276; total 7777.91",
            rel_tol=1e-9,
        ),
    ),
)

# --- CO2 equivalent -----------------------------------------------------------------------------------

# 100-year global warming potentials: SAR (1995), AR4 WG1 Table 2.14, AR5 WG1 Table 8.7, AR6 WG1 Table 7.15
_GWP: dict[str, dict[str, float | None]] = {
    "SAR": {"ch4": 21.0, "ch4_non_fossil": 21.0, "n2o": 310.0, "sf6": 23900.0, "nf3": None},
    "AR4": {"ch4": 25.0, "ch4_non_fossil": 25.0, "n2o": 298.0, "sf6": 22800.0, "nf3": 17200.0},
    "AR5": {"ch4": 28.0, "ch4_non_fossil": 28.0, "n2o": 265.0, "sf6": 23500.0, "nf3": 16100.0},
    "AR6": {"ch4": 29.8, "ch4_non_fossil": 27.0, "n2o": 273.0, "sf6": 25200.0, "nf3": 17400.0},
}


class Co2eIn(ModelIn):
    gwp_set: Literal["SAR", "AR4", "AR5", "AR6"] = Field(description="IPCC assessment report of the GWP100")
    co2: Tonnes = 0.0
    ch4: Tonnes = 0.0
    n2o: Tonnes = 0.0
    sf6: Tonnes = 0.0
    nf3: Tonnes = 0.0
    methane_origin: Literal["fossil", "non_fossil"] = Field(
        default="fossil", description="AR6 gives separate GWPs for fossil and non-fossil methane"
    )

    @model_validator(mode="after")
    def _nf3_has_a_gwp(self) -> Co2eIn:
        if self.nf3 > 0 and _GWP[self.gwp_set]["nf3"] is None:
            raise ValueError(f"{self.gwp_set} gives no GWP for NF₃; choose AR4, AR5 or AR6")
        return self


class Co2eOut(ModelOut):
    co2e: Annotated[float, Unit("t"), Field(description="tCO₂e")]
    gwp_ch4: Annotated[float, Unit()]
    gwp_n2o: Annotated[float, Unit()]
    gwp_sf6: Annotated[float, Unit()]


def co2_equivalent(p: Co2eIn) -> Co2eOut:
    gwp = _GWP[p.gwp_set]
    ch4 = gwp["ch4"] if p.methane_origin == "fossil" else gwp["ch4_non_fossil"]
    n2o, sf6, nf3 = gwp["n2o"], gwp["sf6"], gwp["nf3"] or 0.0
    if ch4 is None or n2o is None or sf6 is None:
        raise ValueError(f"incomplete GWP table for {p.gwp_set}")
    total = p.co2 + p.ch4 * ch4 + p.n2o * n2o + p.sf6 * sf6 + p.nf3 * nf3
    return Co2eOut(co2e=total, gwp_ch4=ch4, gwp_n2o=n2o, gwp_sf6=sf6)


CO2E = ComputationSpec(
    name="energy_carbon.co2_equivalent",
    title=LocalizedText(en="CO₂ equivalent with selectable GWP set", zh="二氧化碳当量"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=Co2eIn,
    outputs=Co2eOut,
    func=co2_equivalent,
    formula="E_CO2e = Σ E_gas × GWP100_gas",
    reference="IPCC AR4 WG1 Table 2.14; IPCC AR5 WG1 Table 8.7; IPCC AR6 WG1 Table 7.15; GB/T 32150-2015 "
    "(gases covered: CO₂, CH₄, N₂O, HFCs, PFCs, SF₆, NF₃)",
    examples=(
        Example(
            inputs={"gwp_set": "AR5", "co2": 100, "ch4": 1, "n2o": 1},
            expected={"co2e": 393.0, "gwp_ch4": 28.0, "gwp_n2o": 265.0},
            source="IPCC AR5 WG1 Table 8.7 GWP100: CH₄ 28, N₂O 265 → 100 + 28 + 265 = 393 tCO₂e",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"gwp_set": "AR4", "co2": 100, "ch4": 1, "n2o": 1, "sf6": 0.001},
            expected={"co2e": 445.8},
            source="IPCC AR4 WG1 Table 2.14 GWP100: CH₄ 25, N₂O 298, SF₆ 22 800 → 100 + 25 + 298 + 22.8",
            rel_tol=1e-12,
        ),
    ),
)

# --- carbon intensity ---------------------------------------------------------------------------------


class CarbonIntensityIn(ModelIn):
    emissions: Annotated[float, Unit("t", ge=0), Field(description="tCO₂e in the period")]
    production: Annotated[float, Unit("t", gt=0), Field(description="product output")] | None = None
    output_value: (
        Annotated[float, Unit(gt=0), Field(description="output value or value added, 10⁴ CNY (万元)")] | None
    ) = None

    @model_validator(mode="after")
    def _some_denominator(self) -> CarbonIntensityIn:
        if self.production is None and self.output_value is None:
            raise ValueError("give production, output_value or both")
        return self


class CarbonIntensityOut(ModelOut):
    per_product: Annotated[float, Unit("kg/t"), Field(description="kgCO₂e per t product")] | None
    per_output_value: Annotated[float, Unit("t"), Field(description="tCO₂e per 10⁴ CNY")] | None


def carbon_intensity(p: CarbonIntensityIn) -> CarbonIntensityOut:
    return CarbonIntensityOut(
        per_product=p.emissions / p.production * 1000.0 if p.production else None,
        per_output_value=p.emissions / p.output_value if p.output_value else None,
    )


CARBON_INTENSITY = ComputationSpec(
    name="energy_carbon.carbon_intensity",
    title=LocalizedText(en="Carbon intensity per product and per output value", zh="碳排放强度"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=CarbonIntensityIn,
    outputs=CarbonIntensityOut,
    func=carbon_intensity,
    formula="CI_product = E / P; CI_value = E / G",
    reference="GB/T 32150-2015 工业企业温室气体排放核算和报告通则 (排放总量 as numerator); "
    "research note §1.11 C13 (CI = E_CO2 / P)",
    examples=(
        Example(
            inputs={"emissions": 7777.91, "production": 50000, "output_value": 40000},
            expected={"per_product": 155.5582, "per_output_value": 0.19444775},
            source="derived by hand: 7 777.91 t / 50 000 t = 0.1555582 t/t = 155.558 kg/t; / 40 000 万元",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (GHG_TOTAL, CO2E, CARBON_INTENSITY)

__all__ = ["SPECS", "carbon_intensity", "co2_equivalent", "enterprise_ghg_total"]
