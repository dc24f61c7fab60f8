"""Electricity CO₂ emission factors of China as versioned data, and the indirect emissions they give.

The factors live in ``grid_factors.json`` next to this module, one record per (scope 口径, data year, region),
each with its publication date and source. A factor is never hard-coded: the caller names the year and the
scope, and a combination that was not published is refused with the list of what is available.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.energy_carbon._base import DOMAINS, INDUSTRIES, ModelIn, ModelOut

Scope = Literal[
    "national_average",
    "national_excluding_market_non_fossil",
    "national_fossil",
    "regional",
    "carbon_market_grid",
]
Region = Literal["north", "northeast", "east", "central", "northwest", "south", "southwest"]


@dataclass(frozen=True, slots=True)
class GridFactor:
    value: float  # kgCO2/kWh
    published: str
    source: str
    verified: bool


@functools.cache
def _table() -> Mapping[str, Any]:
    text = resources.files(__package__ or __name__).joinpath("grid_factors.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return MappingProxyType(data)


@functools.cache
def grid_factors() -> Mapping[tuple[str, int, str | None], GridFactor]:
    """Every published factor, keyed by (scope, data year, region or None)."""
    table = {
        (r["scope"], int(r["year"]), r["region"]): GridFactor(
            float(r["value"]), str(r["published"]), str(r["source"]), bool(r["verified"])
        )
        for r in _table()["records"]
    }
    return MappingProxyType(table)


def available_years(scope: str) -> list[int]:
    return sorted({year for (s, year, _) in grid_factors() if s == scope})


def scope_title(scope: str) -> str:
    return str(_table()["scopes"][scope]["zh"])


class FactorSelector(ModelIn):
    """Chooses one published factor; unknown combinations are refused with what is available."""

    scope: Scope = Field(description="口径: which published series")
    year: int = Field(description="data year of the factor (the year the activity data belongs to)")
    region: Region | None = Field(
        default=None, validate_default=True, description="grid region, only for scope 'regional'"
    )

    @field_validator("year")
    @classmethod
    def _year_is_published(cls, year: int, info: ValidationInfo) -> int:
        scope = info.data.get("scope")
        if scope is not None and year not in available_years(scope):
            years = ", ".join(map(str, available_years(scope)))
            raise ValueError(f"no {scope!r} factor is published for {year}; published years: {years}")
        return year

    @field_validator("region")
    @classmethod
    def _region_fits_scope(cls, region: str | None, info: ValidationInfo) -> str | None:
        scope, year = info.data.get("scope"), info.data.get("year")
        if scope is None or year is None:
            return region
        if (scope == "regional") != (region is not None):
            raise ValueError("a region is required with scope 'regional' and refused with any other scope")
        if (scope, year, region) not in grid_factors():
            raise ValueError(f"no {scope!r} factor is published for region {region!r} in {year}")
        return region

    def factor(self) -> GridFactor:
        return grid_factors()[(self.scope, self.year, self.region)]


# --- the factor itself ---------------------------------------------------------------------------------


class GridFactorOut(ModelOut):
    factor: Annotated[float, Unit("kg/kWh"), Field(description="kgCO₂/kWh = tCO₂/MWh")]
    scope_title: str
    published: str
    source: str
    verified: bool = Field(description="false where the value could not be confirmed against the notice")


def grid_emission_factor(p: FactorSelector) -> GridFactorOut:
    f = p.factor()
    return GridFactorOut(
        factor=f.value,
        scope_title=scope_title(p.scope),
        published=f.published,
        source=f.source,
        verified=f.verified,
    )


GRID_FACTOR = ComputationSpec(
    name="energy_carbon.grid_emission_factor",
    title=LocalizedText(en="Electricity CO₂ emission factor by year and scope", zh="电力二氧化碳排放因子"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=FactorSelector,
    outputs=GridFactorOut,
    func=grid_emission_factor,
    formula="EF = table[scope, year, region] (versioned data, kgCO₂/kWh)",
    reference="生态环境部/国家统计局 电力二氧化碳排放因子公告: 2021 (2024年第12号, 2024-04-12), "
    "2022 (2024-12-20), 2023 (2026-01);"
    " 生态环境部 关于做好2023—2025年发电行业企业温室气体排放报告管理有关工作的通知 (2023-02)",
    examples=(
        Example(
            inputs={"scope": "national_average", "year": 2022},
            expected={"factor": 0.5366, "verified": True},
            source="MEE/NBS 2022 national average electricity CO₂ factor 0.5366 kgCO₂/kWh",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"scope": "regional", "year": 2023, "region": "south"},
            expected={"factor": 0.4042},
            source="MEE/NBS 2023 regional factor, South (南方) grid 0.4042 kgCO₂/kWh",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"scope": "carbon_market_grid", "year": 2022},
            expected={"factor": 0.5703},
            source="MEE 2023-02 notice: 2022 national grid average emission factor 0.5703 tCO₂/MWh",
            rel_tol=1e-9,
        ),
    ),
)

# --- indirect emissions of purchased electricity ------------------------------------------------------


class PurchasedElectricityIn(FactorSelector):
    electricity: Annotated[float, Unit("MWh", ge=0), Field(description="net purchased electricity")]
    market_non_fossil: Annotated[
        float,
        Unit("MWh", ge=0),
        Field(description="market-traded non-fossil (green) electricity; only with its matching scope"),
    ] = 0.0

    @model_validator(mode="after")
    def _green_power_fits(self) -> PurchasedElectricityIn:
        if self.market_non_fossil > 0 and self.scope != "national_excluding_market_non_fossil":
            raise ValueError(
                "market_non_fossil is deducted only with scope 'national_excluding_market_non_fossil'"
            )
        if self.market_non_fossil > self.electricity:
            raise ValueError("market_non_fossil cannot exceed the purchased electricity")
        return self


class PurchasedElectricityOut(ModelOut):
    emissions: Annotated[float, Unit("t"), Field(description="tCO₂")]
    factor: Annotated[float, Unit("kg/kWh")]
    counted_electricity: Annotated[float, Unit("MWh")]


def purchased_electricity_emissions(p: PurchasedElectricityIn) -> PurchasedElectricityOut:
    counted = p.electricity - p.market_non_fossil
    factor = p.factor().value  # kgCO2/kWh == tCO2/MWh
    return PurchasedElectricityOut(emissions=counted * factor, factor=factor, counted_electricity=counted)


PURCHASED_ELECTRICITY = ComputationSpec(
    name="energy_carbon.purchased_electricity_emissions",
    title=LocalizedText(en="Indirect CO₂ emissions of purchased electricity", zh="净购入电力间接排放"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=PurchasedElectricityIn,
    outputs=PurchasedElectricityOut,
    func=purchased_electricity_emissions,
    formula="E = (AD_elec − AD_green) · EF_grid(scope, year, region)",
    reference="GB/T 32150-2015 工业企业温室气体排放核算和报告通则 (净购入电力产生的排放); "
    "MEE/NBS 电力二氧化碳排放因子公告 (2021–2023)",
    examples=(
        Example(
            inputs={"electricity": 10000, "scope": "national_average", "year": 2022},
            expected={"emissions": 5366.0},
            source="research note §1.11 C1 [C]: 10 000 MWh × 0.5366 tCO₂/MWh = 5 366 tCO₂",
            rel_tol=1e-9,
        ),
        Example(
            inputs={
                "electricity": 10000,
                "market_non_fossil": 2000,
                "scope": "national_excluding_market_non_fossil",
                "year": 2022,
            },
            expected={"emissions": 4684.8},
            source="hand-derived: (10 000 − 2 000) MWh × 0.5856 tCO₂/MWh = 4 684.8 tCO₂",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (GRID_FACTOR, PURCHASED_ELECTRICITY)

__all__ = [
    "SPECS",
    "FactorSelector",
    "GridFactor",
    "available_years",
    "grid_emission_factor",
    "grid_factors",
    "purchased_electricity_emissions",
]
