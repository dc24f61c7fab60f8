"""Energy and carbon models: the versioned grid-factor data, tariff tables and balances, beyond the generic
catalogue test (which runs every worked example)."""

from __future__ import annotations

import json
import math
from importlib import resources
from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.models.energy_carbon import SPECS
from longcheng.models.energy_carbon.factors import available_years, grid_factors
from longcheng.models.energy_carbon.tariff import adjustment_rate

BY_NAME = {spec.name: spec for spec in SPECS}


def run(name: str, **inputs: Any) -> dict[str, Any]:
    return BY_NAME[name].invoke(inputs).model_dump()


def refused(name: str, **inputs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        BY_NAME[name].invoke(inputs)
    return info.value


# --- the family as a whole ----------------------------------------------------------------------------


def test_the_family_has_its_models() -> None:
    assert len(SPECS) >= 12
    assert all(spec.name.startswith("energy_carbon.") and spec.category == "energy_carbon" for spec in SPECS)


# --- versioned grid factors ---------------------------------------------------------------------------


def test_the_factor_table_ships_inside_the_package_with_a_source_for_every_value() -> None:
    path = resources.files("longcheng.models.energy_carbon").joinpath("grid_factors.json")
    data = json.loads(path.read_text("utf-8"))
    assert len(data["records"]) == len(grid_factors())  # no duplicate (scope, year, region) keys
    for record in data["records"]:
        assert record["scope"] in data["scopes"]
        assert record["source"].strip()
        assert record["published"].strip()
        assert 0.1 < record["value"] < 1.0
        assert (record["region"] is None) == (record["scope"] != "regional")


def test_every_year_and_scope_of_the_research_note_is_present() -> None:
    assert available_years("national_average") == [2021, 2022, 2023]
    assert available_years("national_excluding_market_non_fossil") == [2021, 2022, 2023]
    assert available_years("national_fossil") == [2021, 2022, 2023]
    assert available_years("regional") == [2022, 2023]
    assert available_years("carbon_market_grid") == [2020, 2021, 2022]
    regions = {r for (s, y, r) in grid_factors() if s == "regional" and y == 2023}
    assert regions == {"north", "northeast", "east", "central", "northwest", "south", "southwest"}


def test_the_two_2022_series_differ_and_are_told_apart_by_scope() -> None:
    # research note §1.11 C22 [V]: 0.5703 (carbon market 2022) ≠ 0.5366 (MEE/NBS 2022)
    market = run("energy_carbon.grid_emission_factor", scope="carbon_market_grid", year=2022)
    mee = run("energy_carbon.grid_emission_factor", scope="national_average", year=2022)
    assert (market["factor"], mee["factor"]) == (0.5703, 0.5366)


def test_values_the_research_could_not_confirm_are_flagged() -> None:
    out = run("energy_carbon.grid_emission_factor", scope="national_excluding_market_non_fossil", year=2021)
    assert out["factor"] == 0.5942
    assert out["verified"] is False
    assert out["scope_title"].startswith("全国电力平均二氧化碳排放因子")


def test_an_unpublished_year_is_refused_naming_the_year_and_what_exists() -> None:
    err = refused("energy_carbon.grid_emission_factor", scope="national_average", year=2019)
    (error,) = err.errors()
    assert error["loc"] == ("year",)
    assert "2021, 2022, 2023" in error["msg"]


@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        ({"scope": "regional", "year": 2022}, "region"),
        ({"scope": "national_average", "year": 2022, "region": "east"}, "region"),
        ({"scope": "regional", "year": 2021, "region": "east"}, "year"),
        ({"scope": "regional", "year": 2022, "region": "mars"}, "region"),
        ({"scope": "provincial", "year": 2022}, "scope"),
    ],
)
def test_unknown_scope_region_combinations_are_refused(inputs: dict[str, Any], field: str) -> None:
    err = refused("energy_carbon.grid_emission_factor", **inputs)
    assert field in [e["loc"][0] for e in err.errors()]


def test_purchased_electricity_uses_the_chosen_regional_factor() -> None:
    out = run(
        "energy_carbon.purchased_electricity_emissions",
        electricity="2000 MWh",
        scope="regional",
        year=2022,
        region="southwest",
    )
    assert out["emissions"] == pytest.approx(2000 * 0.2268)


def test_green_power_is_deducted_only_under_its_own_scope() -> None:
    refused(
        "energy_carbon.purchased_electricity_emissions",
        electricity=100,
        market_non_fossil=10,
        scope="national_average",
        year=2022,
    )
    refused(
        "energy_carbon.purchased_electricity_emissions",
        electricity=100,
        market_non_fossil=200,
        scope="national_excluding_market_non_fossil",
        year=2022,
    )


# --- emissions ----------------------------------------------------------------------------------------


def test_fuel_combustion_on_a_mass_basis() -> None:
    # diesel, 100 t × 42.652 GJ/t, 20.2 tC/TJ, OF 0.98 (NDRC guide defaults), worked by hand
    out = run(
        "energy_carbon.fuel_combustion_co2",
        fuel_mass=100,
        ncv_mass=42.652,
        carbon_content=20.2,
        oxidation_factor=0.98,
    )
    assert out["emissions"] == pytest.approx(4.2652 * 20.2 * 0.98 * 44 / 12)


def test_fuel_combustion_needs_exactly_one_basis() -> None:
    common = {"carbon_content": 15.3, "oxidation_factor": 0.99}
    refused("energy_carbon.fuel_combustion_co2", **common)
    refused(
        "energy_carbon.fuel_combustion_co2",
        fuel_mass=1,
        ncv_mass=40,
        fuel_volume=1,
        ncv_volume=38,
        **common,
    )


def test_dolomite_releases_two_moles_of_co2() -> None:
    out = run("energy_carbon.carbonate_process_co2", carbonate="dolomite_camg_co3_2", mass=1)
    assert out["emission_factor"] == pytest.approx(0.47732, rel=1e-4)  # IPCC 2006 Vol. 3 Table 2.1


def test_gwp_sets_and_nf3_availability() -> None:
    ar6 = run("energy_carbon.co2_equivalent", gwp_set="AR6", ch4=1, methane_origin="non_fossil")
    assert ar6["co2e"] == 27.0
    refused("energy_carbon.co2_equivalent", gwp_set="SAR", nf3=1)


# --- energy accounting --------------------------------------------------------------------------------


def test_heat_coefficient_matches_the_definition_of_standard_coal() -> None:
    out = run("energy_carbon.comprehensive_energy_consumption", heat=29.3076)
    assert out["total"] == pytest.approx(1.0, rel=1e-4)  # 29.3076 GJ is one tonne of standard coal
    assert out["total_heat"] == pytest.approx(29.3076, rel=1e-4)


def test_electricity_can_be_counted_at_its_equivalent_value() -> None:
    out = run(
        "energy_carbon.comprehensive_energy_consumption", electricity=1.0e6, electricity_coefficient=0.3
    )
    assert out["total"] == pytest.approx(300.0)


def test_no_savings_when_nothing_changes() -> None:
    out = run(
        "energy_carbon.energy_savings",
        baseline_unit_consumption=100,
        report_unit_consumption=100,
        report_production=5000,
    )
    assert out["savings"] == 0.0


# --- tariffs ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pf", "standard", "rate"),
    [
        (0.90, 90, 0.0),
        (0.89, 90, 0.5),
        (0.70, 90, 10.0),
        (0.65, 90, 15.0),
        (0.64, 90, 17.0),
        (0.91, 90, -0.15),
        (1.00, 90, -0.75),
        (0.84, 85, 0.5),
        (0.65, 85, 10.0),
        (0.60, 85, 15.0),
        (0.59, 85, 17.0),
        (0.90, 85, -0.5),
        (0.91, 85, -0.65),
        (0.94, 85, -1.1),
        (0.99, 85, -1.1),
        (0.60, 80, 10.0),
        (0.55, 80, 15.0),
        (0.90, 80, -1.0),
        (0.92, 80, -1.3),
        (0.97, 80, -1.3),
    ],
)
def test_power_factor_adjustment_tables(pf: float, standard: int, rate: float) -> None:
    assert adjustment_rate(pf, standard) == pytest.approx(rate, abs=1e-9)


def test_power_factor_is_rounded_half_up_to_two_decimals() -> None:
    out = run("energy_carbon.power_factor_adjustment", standard="0.85", charge=1000, power_factor=0.855)
    assert out["power_factor"] == 0.86
    assert out["rate"] == pytest.approx(-0.1)


def test_power_factor_needs_one_source() -> None:
    refused("energy_carbon.power_factor_adjustment", standard="0.90", charge=1000)
    refused(
        "energy_carbon.power_factor_adjustment",
        standard="0.90",
        charge=1000,
        power_factor=0.9,
        active_energy=10,
        reactive_energy=3,
    )


def test_a_flat_tariff_costs_the_flat_price() -> None:
    out = run(
        "energy_carbon.time_of_use_cost",
        peak_energy=300,
        flat_energy=500,
        valley_energy=200,
        peak_price=0.7,
        flat_price=0.7,
        valley_price=0.7,
    )
    assert out["average_price"] == pytest.approx(0.7)
    assert math.isclose(out["peak_valley_ratio"], 1.0)


def test_sharp_peak_energy_needs_its_price() -> None:
    refused(
        "energy_carbon.time_of_use_cost",
        peak_energy=1,
        flat_energy=1,
        valley_energy=1,
        sharp_energy=1,
        peak_price=1,
        flat_price=0.6,
        valley_price=0.3,
    )


def test_demand_charge_on_capacity_and_missing_inputs() -> None:
    assert run("energy_carbon.demand_charge", basis="capacity", price=26, capacity=2000)["charge"] == 52000.0
    refused("energy_carbon.demand_charge", basis="contract_demand", price=40, contract_demand=1000)
