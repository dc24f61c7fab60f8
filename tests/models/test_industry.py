"""Industry-specific models (moulding, welding, textile, food and process): conservation, monotonicity and
round trips beyond the generic catalogue test."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.models.industry import SPECS

BY_NAME = {spec.name: spec for spec in SPECS}


def run(name: str, **inputs: Any) -> dict[str, Any]:
    return BY_NAME[name].invoke(inputs).model_dump()


def refused(name: str, **inputs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        BY_NAME[name].invoke(inputs)
    return info.value


def test_the_family_has_its_models() -> None:
    assert len(SPECS) >= 12
    assert all(spec.name.startswith("industry.") and spec.category == "industry" for spec in SPECS)
    named = {i for spec in SPECS for i in spec.industries}
    assert {"textile", "food", "chemical", "automotive", "shipbuilding"} <= named


# --- injection moulding ------------------------------------------------------------------------------

COOLING = {"wall_thickness": 2, "diffusivity": 0.1, "melt_temperature": 230, "mould_temperature": 40}


def test_cooling_to_a_mean_temperature_is_quicker_than_to_the_centre_line() -> None:
    centre = run("industry.cooling_time", ejection_temperature=90, **COOLING)["cooling_time"]
    mean = run("industry.cooling_time", ejection_temperature=90, criterion="mean", **COOLING)["cooling_time"]
    assert mean < centre


def test_cooling_time_grows_with_the_square_of_the_wall() -> None:
    thin = run("industry.cooling_time", ejection_temperature=90, **COOLING)["cooling_time"]
    thick = run("industry.cooling_time", ejection_temperature=90, **{**COOLING, "wall_thickness": 4})
    assert thick["cooling_time"] == pytest.approx(4 * thin)


def test_cooling_temperatures_out_of_order_are_refused() -> None:
    refused("industry.cooling_time", ejection_temperature=30, **COOLING)


def test_clamp_force_accepts_other_units() -> None:
    out = run("industry.clamp_force", projected_area="0.02 m**2", cavity_pressure="300 bar")
    assert out["clamp_force"] == pytest.approx(600.0)


# --- welding ------------------------------------------------------------------------------------------


def test_heat_input_uses_the_en_1011_factors() -> None:
    factors = {
        p: run("industry.welding_heat_input", process=p, voltage=20, current=100, travel_speed=120)[
            "efficiency"
        ]
        for p in ("SAW", "SMAW", "GMAW", "GTAW")
    }
    assert factors == {"SAW": 1.0, "SMAW": 0.8, "GMAW": 0.8, "GTAW": 0.6}


def test_waveform_power_overrides_volts_times_amps() -> None:
    out = run(
        "industry.welding_heat_input",
        process="GMAW",
        voltage=25,
        current=200,
        travel_speed=300,
        arc_power=4500,
    )
    assert out["arc_energy"] == pytest.approx(4500 * 60 / 300 / 1000)


def test_plain_carbon_steel_carbon_equivalent() -> None:
    out = run("industry.carbon_equivalent", c=0.20, mn=0.60)
    assert out["ce_iiw"] == pytest.approx(0.30)
    assert out["cet"] == pytest.approx(0.26)


def test_preheat_rises_with_thickness_and_hydrogen_and_falls_with_heat_input() -> None:
    base = {"cet": 0.35, "thickness": 30, "hydrogen": 5, "heat_input": 1.5}

    def tp(**change: float) -> float:
        return run("industry.preheat_temperature", **{**base, **change})["preheat_temperature"]

    assert tp(thickness=60) > tp() > tp(thickness=15)
    assert tp(hydrogen=15) > tp() > tp(hydrogen=2)
    assert tp(heat_input=3.0) < tp() < tp(heat_input=0.8)


def test_preheat_outside_the_validity_of_method_b_is_refused() -> None:
    refused("industry.preheat_temperature", cet=0.6, thickness=30, hydrogen=5, heat_input=1.5)
    refused("industry.preheat_temperature", cet=0.35, thickness=120, hydrogen=5, heat_input=1.5)


# --- textile ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tex", [5.0, 14.6, 19.68, 36.9, 100.0])
def test_yarn_counts_round_trip(tex: float) -> None:
    out = run("industry.yarn_count", linear_density=tex)
    assert run("industry.yarn_count", cotton_count=out["cotton_count"])["tex"] == pytest.approx(tex)
    assert run("industry.yarn_count", metric_count=out["metric_count"])["tex"] == pytest.approx(tex)
    assert run("industry.yarn_count", linear_density=f"{out['denier']} denier")["tex"] == pytest.approx(tex)


def test_yarn_count_needs_exactly_one_count() -> None:
    refused("industry.yarn_count")
    refused("industry.yarn_count", linear_density=20, cotton_count=30)


@pytest.mark.parametrize("tex", [10.0, 20.0, 50.0])
def test_tex_twist_factor_is_about_957_times_the_english_multiplier(tex: float) -> None:
    out = run("industry.yarn_twist", linear_density=tex, twist=800)
    assert out["tex_twist_factor"] / out["english_twist_multiplier"] == pytest.approx(957, rel=1e-3)
    assert out["tex_twist_factor"] / out["metric_twist_factor"] == pytest.approx(math.sqrt(1000))


def test_fabric_mass_without_crimp_is_sett_times_count() -> None:
    out = run("industry.fabric_gsm", ends_per_cm=25, picks_per_cm=25, warp_tex=40, weft_tex=40)
    assert out["mass_per_area"] == pytest.approx(200.0)


def test_loom_with_a_given_efficiency() -> None:
    out = run("industry.loom_production", loom_speed=600, picks_per_cm=20, efficiency=0.8333333333333334)
    assert out["production_rate"] == pytest.approx(15.0)
    refused("industry.loom_production", loom_speed=600, picks_per_cm=20)


def test_spinning_scales_with_spindles_and_efficiency() -> None:
    one = run("industry.spinning_production", spindle_speed=15000, twist=900, linear_density=20)
    many = run(
        "industry.spinning_production",
        spindle_speed=15000,
        twist=900,
        linear_density=20,
        spindles=480,
        efficiency=0.9,
    )
    assert many["production"] == pytest.approx(one["production"] * 480 * 0.9)


# --- food and process ---------------------------------------------------------------------------------


def test_pasteurisation_value_at_the_reference_temperature_is_the_holding_time() -> None:
    out = run(
        "industry.thermal_lethality",
        times=[0, 0.25],
        temperatures=[72, 72],
        reference_temperature=72,
        z_value=7.5,
    )
    assert out["lethality"] == pytest.approx(0.25)


def test_ten_degrees_below_reference_is_a_tenth_as_lethal() -> None:
    out = run("industry.thermal_lethality", times=[0, 10], temperatures=[111.1, 111.1])
    assert out["lethality"] == pytest.approx(1.0)


def test_a_profile_must_run_forward_in_time() -> None:
    refused("industry.thermal_lethality", times=[0, 2, 1], temperatures=[100, 120, 110])
    refused("industry.thermal_lethality", times=[0, 1], temperatures=[100, 120, 110])


def test_plug_flow_converts_more_than_mixed_flow() -> None:
    for k in (0.01, 0.1, 1.0, 10.0):
        out = run("industry.reactor_residence_time", volume=1, flow=1, rate_constant=k)
        assert out["conversion_pfr"] > out["conversion_cstr"]


def test_arrhenius_is_one_at_the_reference_and_consistent_with_its_pre_exponential() -> None:
    same = run("industry.arrhenius_rate", activation_energy=80, temperature=350, reference_temperature=350)
    assert same["rate_ratio"] == pytest.approx(1.0)
    out = run(
        "industry.arrhenius_rate",
        activation_energy=80,
        temperature=370,
        reference_temperature=350,
        reference_rate=1e-3,
    )
    assert out["pre_exponential"] * math.exp(-80000 / (8.314462618 * 370)) == pytest.approx(out["rate"])


def test_dryer_conserves_mass_and_solids() -> None:
    out = run("industry.dryer_balance", wet_feed=2500, moisture_in=0.7, moisture_out=0.1)
    assert out["product"] + out["water_evaporated"] == pytest.approx(2500)
    assert out["product"] * 0.9 == pytest.approx(2500 * 0.3)
    refused("industry.dryer_balance", wet_feed=2500, moisture_in=0.1, moisture_out=0.2)


def test_evaporator_conserves_solute_and_skips_steam_without_heat_data() -> None:
    out = run("industry.evaporator_balance", feed=1000, feed_solids=0.1, product_solids=0.4)
    assert out["product"] * 0.4 == pytest.approx(100.0)
    assert out["steam"] is None
    assert out["economy"] is None
