"""Compressed-air models: the full DOE leak table, continuity of flow laws, and consistency between models."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.models.compressed_air import SPECS
from longcheng.models.compressed_air._base import water_saturation_pressure

SPEC = {s.name: s for s in SPECS}
CFM = 0.028316846592
PSI = 6894.757293168


def run(name: str, **inputs: Any) -> dict[str, Any]:
    return SPEC[name].invoke(inputs).model_dump()


def test_family_size_and_prefix() -> None:
    assert len(SPECS) >= 12
    assert all(s.name.startswith("compressed_air.") and s.category == "compressed_air" for s in SPECS)


@pytest.mark.parametrize(
    ("inches", "scfm"), [(1 / 16, 6.49), (1 / 8, 26.0), (1 / 4, 104.0), (3 / 8, 234.0), (1 / 2, 415.0)]
)
def test_doe_leak_table_at_100_psig(inches: float, scfm: float) -> None:
    out = run(
        "compressed_air.leak_orifice_flow",
        diameter=f"{inches} inch",
        upstream_pressure=100 * PSI + 101325,
        discharge_coefficient=1.0,
    )
    assert out["free_air_flow"] / CFM == pytest.approx(scfm, rel=3e-3)  # DOE Tip Sheet #3, C_d = 1


def test_leak_flow_is_continuous_at_the_critical_pressure_ratio() -> None:
    critical = (2 / 2.4) ** 3.5  # k = 1.4
    upstream = 101325 / critical
    below = run(
        "compressed_air.leak_orifice_flow",
        diameter=2,
        upstream_pressure=upstream * 1.000001,
        discharge_coefficient=0.61,
    )
    above = run(
        "compressed_air.leak_orifice_flow",
        diameter=2,
        upstream_pressure=upstream * 0.999999,
        discharge_coefficient=0.61,
    )
    assert below["choked"]
    assert not above["choked"]
    assert below["mass_flow"] == pytest.approx(above["mass_flow"], rel=1e-5)


def test_no_leak_without_a_pressure_difference() -> None:
    out = run(
        "compressed_air.leak_orifice_flow", diameter=3, upstream_pressure=101325, discharge_coefficient=0.6
    )
    assert out["mass_flow"] == 0.0


def test_doe_rule_of_thumb_one_percent_per_two_psi() -> None:
    ambient = 14.7 * PSI
    out = run(
        "compressed_air.pressure_reduction_saving",
        power=100,
        discharge_pressure=100 * PSI + ambient,
        new_discharge_pressure=98 * PSI + ambient,
        inlet_pressure=ambient,
    )
    assert 0.009 < out["saving_fraction"] < 0.012  # DOE sourcebook: about 1 % per 2 psi near 100 psig


def test_penalty_and_reduction_agree() -> None:
    common = {"inlet_pressure": 1e5, "isentropic_exponent": 1.4}
    penalty = run(
        "compressed_air.pressure_drop_penalty",
        flow=12,
        discharge_pressure=6.5e5,
        pressure_drop=0.5e5,
        efficiency=0.75,
        **common,
    )
    base = penalty["extra_power"] / penalty["extra_fraction"]
    reduction = run(
        "compressed_air.pressure_reduction_saving",
        power=base + penalty["extra_power"],
        discharge_pressure=7e5,
        new_discharge_pressure=6.5e5,
        **common,
    )
    assert reduction["power_saving"] == pytest.approx(penalty["extra_power"])


def test_water_saturation_pressure_matches_steam_tables() -> None:
    assert water_saturation_pressure(293.15) == pytest.approx(2339.3, rel=1e-4)  # IAPWS: 2.3393 kPa at 20 °C
    assert water_saturation_pressure(373.124) == pytest.approx(101325, rel=1e-4)


def test_fad_identity_at_reference_conditions() -> None:
    out = run(
        "compressed_air.fad_correction",
        flow=7.5,
        pressure=1e5,
        temperature=293.15,
        relative_humidity=0.4,
        reference_relative_humidity=0.4,
    )
    assert out["reference_flow"] == pytest.approx(7.5)


def test_no_condensate_when_the_line_is_warmer_than_the_intake_dew_point() -> None:
    out = run(
        "compressed_air.condensate_load",
        fad=10,
        ambient_temperature=288.15,
        relative_humidity=0.2,
        line_pressure=1.5e5,
        line_temperature=303.15,
    )
    assert out["condensate"] == 0.0


def test_iso6358_is_continuous_at_b_and_zero_without_drop() -> None:
    common = {"sonic_conductance": 2e-8, "critical_pressure_ratio": 0.4, "upstream_pressure": 6e5}
    at_b = run("compressed_air.iso6358_flow", downstream_pressure=0.4 * 6e5 * 1.000001, **common)
    choked = run("compressed_air.iso6358_flow", downstream_pressure=1e5, **common)
    assert at_b["mass_flow"] == pytest.approx(choked["mass_flow"], rel=1e-6)
    assert run("compressed_air.iso6358_flow", downstream_pressure=6e5, **common)["mass_flow"] == 0.0


def test_single_acting_cylinder_uses_one_stroke() -> None:
    double = run("compressed_air.cylinder_air_consumption", bore=40, stroke=100, pressure=5e5, cycles=6)
    single = run(
        "compressed_air.cylinder_air_consumption",
        bore=40,
        stroke=100,
        pressure=5e5,
        cycles=6,
        double_acting=False,
    )
    assert double["consumption"] == pytest.approx(2 * single["consumption"])  # no rod: equal strokes


def test_storage_volume_is_zero_when_supply_covers_demand() -> None:
    out = run("compressed_air.receiver_storage_volume", duration=5, demand=8, supply=10, pressure_band=0.5e5)
    assert out["volume"] == 0.0


def test_inconsistent_inputs_are_refused() -> None:
    with pytest.raises(ValidationError, match="no decay"):
        run("compressed_air.leak_pressure_decay", volume=1, start_pressure=5e5, end_pressure=6e5, duration=10)
    with pytest.raises(ValidationError, match="smaller than the bore"):
        run("compressed_air.cylinder_air_consumption", bore=20, rod=25, stroke=50, pressure=6e5, cycles=1)
    with pytest.raises(ValidationError, match="both be zero"):
        run("compressed_air.leak_load_unload_test", loaded_time=0, unloaded_time=0)
