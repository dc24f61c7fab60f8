"""Thermal models: properties and second reference vectors the generic catalogue test cannot reach."""

from __future__ import annotations

import math

import pytest

from longcheng.core.errors import InvalidInput
from longcheng.models.thermal import SPECS
from longcheng.models.thermal.conduction import SurfaceLossIn, surface_heat_loss
from longcheng.models.thermal.exchangers import AreaIn, LmtdIn, exchanger_area, lmtd
from longcheng.models.thermal.insulation import (
    EconomicIn,
    InsulatedPipeIn,
    economic_insulation_thickness,
    insulated_pipe_heat_loss,
)
from longcheng.models.thermal.ntu import (
    EffectivenessIn,
    RatingIn,
    SizingIn,
    effectiveness,
    ntu_rating,
    ntu_sizing,
)
from longcheng.models.thermal.steam import SaturationIn, SteamIn, saturation, steam_properties
from longcheng.models.thermal.steam_system import FlashIn, TrapIn, flash_steam, steam_trap_loss
from longcheng.models.thermal.transfer import ConvectionIn, OverallUIn, dittus_boelter, overall_u
from longcheng.models.thermal.utilities import CopIn, cop


def test_the_family_is_complete() -> None:
    assert len(SPECS) >= 20
    assert all(s.name.startswith("thermal.") and s.category == "thermal" for s in SPECS)
    assert len({s.name for s in SPECS}) == len(SPECS)


# --- exchangers --------------------------------------------------------------------------------------------


def test_lmtd_is_the_arithmetic_mean_when_both_ends_are_equal() -> None:
    assert lmtd(LmtdIn(hot_in=100, hot_out=60, cold_in=20, cold_out=60)).lmtd == pytest.approx(40.0)


def test_lmtd_refuses_a_temperature_cross() -> None:
    with pytest.raises(InvalidInput) as err:
        lmtd(LmtdIn(hot_in=100, hot_out=60, cold_in=30, cold_out=80, arrangement="parallel"))
    assert err.value.field == "cold_out"


@pytest.mark.parametrize(
    "arrangement",
    ["counterflow", "parallel", "crossflow, mixed Cmin", "crossflow, mixed Cmax", "shell_and_tube"],
)
def test_sizing_inverts_the_effectiveness(arrangement: str) -> None:
    eps = effectiveness(EffectivenessIn(ntu=1.3, capacity_ratio=0.6, arrangement=arrangement)).effectiveness
    back = ntu_sizing(SizingIn(effectiveness=eps, capacity_ratio=0.6, arrangement=arrangement))
    assert back.ntu == pytest.approx(1.3, rel=1e-6)


def test_effectiveness_grows_with_ntu_and_counterflow_beats_parallel() -> None:
    values = [effectiveness(EffectivenessIn(ntu=n, capacity_ratio=0.7)).effectiveness for n in (0.5, 1, 2, 5)]
    assert values == sorted(values)
    assert all(0 < v < 1 for v in values)
    parallel = effectiveness(EffectivenessIn(ntu=5, capacity_ratio=0.7, arrangement="parallel")).effectiveness
    assert parallel < values[-1]
    assert parallel == pytest.approx(0.5881156068417585)  # ht doctest, limit 1/(1 + Cr) = 0.588


def test_rating_conserves_energy() -> None:
    r = ntu_rating(
        RatingIn(
            hot_flow=2,
            hot_cp=2200,
            cold_flow=3,
            cold_cp=4180,
            ua=6000,
            hot_in=140,
            cold_in=15,
            arrangement="shell_and_tube",
        )
    )
    assert 2 * 2200 * (140 - r.hot_out) == pytest.approx(r.duty, rel=1e-9)
    assert 3 * 4180 * (r.cold_out - 15) == pytest.approx(r.duty, rel=1e-9)


def test_parallel_flow_cannot_reach_a_high_effectiveness() -> None:
    with pytest.raises(InvalidInput):
        ntu_sizing(SizingIn(effectiveness=0.7, capacity_ratio=1.0, arrangement="parallel"))


# --- transfer ----------------------------------------------------------------------------------------------


def test_tube_u_tends_to_the_plane_wall_value_for_large_diameters() -> None:
    common = {"h_inner": 800.0, "h_outer": 300.0, "wall_thickness": 3.0, "wall_conductivity": 16.0}
    plane = overall_u(OverallUIn(**common)).overall_u
    tube = overall_u(OverallUIn(**common, outer_diameter=1e6)).overall_u
    assert tube == pytest.approx(plane, rel=1e-5)


def test_dittus_boelter_matches_the_ht_doctest_for_cooling() -> None:
    assert dittus_boelter(ConvectionIn(reynolds=1e5, prandtl=1.2, heating=False)).nusselt == pytest.approx(
        242.9305927410295
    )
    assert not dittus_boelter(ConvectionIn(reynolds=5000, prandtl=1.2)).in_validity_range


# --- conduction and insulation -----------------------------------------------------------------------------


def test_radiation_coefficient_tends_to_4_eps_sigma_t3() -> None:
    out = surface_heat_loss(
        SurfaceLossIn(
            area=1, surface_temperature=100.001, air_temperature=100, h_convection=0, emissivity=0.9
        )
    )
    assert out.h_radiation == pytest.approx(4 * 0.9 * 5.670374419e-8 * 373.15**3, rel=1e-4)


def test_heat_loss_of_a_thin_insulation_peaks_at_the_critical_radius() -> None:
    def loss(thickness: float) -> float:
        return insulated_pipe_heat_loss(
            InsulatedPipeIn(
                pipe_outer_diameter=10,
                insulation_thickness=thickness,
                conductivity=0.055,
                medium_temperature=80,
                ambient_temperature=20,
                surface_coefficient=5,
            )
        ).heat_loss_per_length

    # r_cr = 11 mm, i.e. 6 mm of insulation on a 10 mm pipe
    assert loss(6) > loss(4)
    assert loss(6) > loss(8)


def _annual_cost(thickness_m: float, p: EconomicIn, s: float) -> float:
    dt = p.medium_temperature - p.ambient_temperature
    flux = dt / (thickness_m / p.conductivity + 1 / p.surface_coefficient)
    heat_cost = flux * p.annual_hours * 3.6e-6 * p.heat_price  # W·h → GJ
    return heat_cost + p.insulation_cost * s * thickness_m


def test_economic_thickness_minimises_the_annual_cost() -> None:
    p = EconomicIn(
        geometry="plane",
        conductivity=0.045,
        medium_temperature=250,
        ambient_temperature=20,
        heat_price=60,
        annual_hours=7000,
        insulation_cost=900,
        interest_rate=0.08,
        service_years=10,
    )
    out = economic_insulation_thickness(p)
    best = out.thickness / 1000
    cost = _annual_cost(best, p, out.amortisation_factor)
    assert cost < _annual_cost(best * 0.97, p, out.amortisation_factor)
    assert cost < _annual_cost(best * 1.03, p, out.amortisation_factor)


def test_economic_pipe_and_plane_share_the_optimal_surface_flux() -> None:
    common = {
        "conductivity": 0.05,
        "medium_temperature": 300,
        "ambient_temperature": 20,
        "heat_price": 40,
        "annual_hours": 8000,
        "insulation_cost": 700,
        "interest_rate": 0.1,
        "service_years": 8,
    }
    plane = economic_insulation_thickness(EconomicIn(geometry="plane", **common))
    pipe = economic_insulation_thickness(EconomicIn(geometry="pipe", pipe_outer_diameter=219, **common))
    assert pipe.heat_flux == pytest.approx(plane.heat_flux, rel=1e-9)
    assert pipe.thickness < plane.thickness


# --- steam -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pressure", "temperature", "volume", "enthalpy"),
    [
        (80, 300, 0.971180894e-3, 184.142828),  # IF97 Table 5, region 1
        (0.0035, 700, 92.3015898, 3335.68375),  # IF97 Table 15, region 2
        (30, 700, 0.542946619e-2, 2631.49474),  # IF97 Table 15, region 2
    ],
)
def test_if97_verification_values(
    pressure: float, temperature: float, volume: float, enthalpy: float
) -> None:
    out = steam_properties(SteamIn(pressure=pressure, temperature=temperature))
    assert out.specific_volume == pytest.approx(volume, rel=1e-8)
    assert out.enthalpy == pytest.approx(enthalpy, rel=1e-8)


def test_if97_saturation_pressures() -> None:
    assert saturation(SaturationIn(temperature=300)).pressure == pytest.approx(0.353658941e-2, rel=1e-8)
    assert saturation(SaturationIn(temperature=600)).pressure == pytest.approx(0.123443146e2, rel=1e-8)
    assert saturation(SaturationIn(pressure=1)).temperature == pytest.approx(453.035632, rel=1e-8)


def test_saturation_needs_exactly_one_input() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        SaturationIn(pressure=1, temperature=400)


def test_saturated_liquid_enthalpy_matches_compressed_liquid_just_below_saturation() -> None:
    sat = saturation(SaturationIn(pressure=1))
    liquid = steam_properties(SteamIn(pressure=1, temperature=sat.temperature - 1e-4))
    assert liquid.enthalpy == pytest.approx(sat.h_liquid, rel=1e-5)


@pytest.mark.parametrize(("gauge_bar", "percent"), [(5, 11.2), (15, 19.5)])
def test_flash_steam_against_the_engineering_toolbox_table(gauge_bar: float, percent: float) -> None:
    out = flash_steam(FlashIn(condensate_pressure=101.325 + 100 * gauge_bar, flash_pressure=101.325))
    assert 100 * out.flash_fraction == pytest.approx(percent, abs=0.1)


def test_steam_trap_loss_reproduces_the_doe_24_24_rule() -> None:
    # DOE: lb/h = 24.24·p[psia]·D[in]²; 150 psig (164.7 psia) through a 1/8 in orifice (24.235 rounded)
    out = steam_trap_loss(TrapIn(upstream_pressure="164.696 psi", orifice_diameter="0.125 inch"))
    assert out.steam_loss / 0.45359237 == pytest.approx(24.24 * 164.696 * 0.125**2, rel=5e-4)


def test_cop_refuses_inverted_temperatures() -> None:
    with pytest.raises(InvalidInput):
        cop(CopIn(useful_heat=100, power_input=20, evaporating_temperature=40, condensing_temperature=30))
    assert math.isclose(cop(CopIn(useful_heat=100, power_input=20)).cop, 5.0)


def test_area_refuses_temperatures_a_single_shell_cannot_reach() -> None:
    with pytest.raises(InvalidInput) as err:
        exchanger_area(
            AreaIn(duty=1e5, overall_u=500, hot_in=100, hot_out=40, cold_in=20, cold_out=90, shells=1)
        )
    assert err.value.field == "shells"
    four = exchanger_area(
        AreaIn(duty=1e5, overall_u=500, hot_in=100, hot_out=40, cold_in=20, cold_out=90, shells=4)
    )
    assert four.correction_factor == pytest.approx(0.73296, rel=1e-4)  # four shells in series suffice
