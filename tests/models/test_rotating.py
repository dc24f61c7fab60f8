"""Rotating-equipment models: properties and second references the generic catalogue test cannot reach."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.models.rotating import SPECS
from longcheng.models.rotating.motor_efficiency import IE_LIMITS, IE_RATINGS_KW, ie_limit
from longcheng.models.rotating.severity import ISO_10816_1, ISO_10816_3, zone

SPEC = {s.name: s for s in SPECS}


def run(name: str, **inputs: Any) -> dict[str, Any]:
    return SPEC[name].invoke(inputs).model_dump()


def test_family_size_and_prefix() -> None:
    assert len(SPECS) >= 25
    assert all(s.name.startswith("rotating.") and s.category == "rotating" for s in SPECS)
    assert len({s.name for s in SPECS}) == len(SPECS)


def test_affinity_laws_round_trip() -> None:
    there = run("rotating.affinity_laws", flow=0.1, head=50, power=60000, speed=1450, new_speed=1000)
    back = run(
        "rotating.affinity_laws",
        flow=there["flow"],
        head=there["head"],
        power=there["power"],
        speed=1000,
        new_speed=1450,
    )
    assert back == pytest.approx({"flow": 0.1, "head": 50.0, "power": 60000.0})


def test_type_number_is_nq_over_52_9() -> None:
    out = run("rotating.pump_specific_speed", flow=0.2, head=45, speed=1480)
    assert out["type_number"] == pytest.approx(out["specific_speed"] / 52.9, rel=2e-3)  # Gülich, ch. 3


def test_double_suction_and_stages_divide_flow_and_head() -> None:
    single = run("rotating.pump_specific_speed", flow=0.05, head=30, speed=1450)
    split = run("rotating.pump_specific_speed", flow=0.1, head=60, speed=1450, impeller_eyes=2, stages=2)
    assert split["specific_speed"] == pytest.approx(single["specific_speed"])


def test_operating_point_lies_on_both_curves() -> None:
    out = run(
        "rotating.pump_operating_point",
        shutoff_head=48,
        linear_coefficient=20,
        quadratic_coefficient=-2500,
        static_head=12,
        system_coefficient=800,
    )
    q = out["flow"]
    assert out["head"] == pytest.approx(48 + 20 * q - 2500 * q**2)
    assert out["head"] == pytest.approx(12 + 800 * q**2)


def test_no_operating_point_when_static_head_exceeds_shutoff() -> None:
    with pytest.raises(ValueError, match="shut-off head"):
        run(
            "rotating.pump_operating_point",
            shutoff_head=10,
            quadratic_coefficient=-100,
            static_head=20,
            system_coefficient=10,
        )


def test_isentropic_exceeds_isothermal_and_staging_approaches_it() -> None:
    common = {"flow": 1.0, "inlet_pressure": 1e5, "discharge_pressure": 8e5}
    iso = run("rotating.isothermal_compression_power", **common)["power"]
    powers = [run("rotating.adiabatic_compression_power", **common, stages=z)["power"] for z in (1, 2, 4, 10)]
    assert isinstance(iso, float)
    assert all(isinstance(p, float) and p > iso for p in powers)
    assert powers == sorted(powers, reverse=True)
    assert powers[-1] == pytest.approx(iso, rel=0.035)  # ten intercooled stages: within 3 %


def test_slip_method_voltage_pair_is_required_together() -> None:
    with pytest.raises(ValidationError, match="both"):
        run("rotating.motor_load_slip", synchronous_speed=1500, rated_speed=1460, speed=1475, voltage=380)
    with pytest.raises(ValidationError, match="synchronous"):
        run("rotating.motor_load_slip", synchronous_speed=1500, rated_speed=1510, speed=1475)


def test_odd_pole_count_refused() -> None:
    with pytest.raises(ValidationError, match="even"):
        run("rotating.synchronous_speed", frequency=50, poles=3)


def test_synchronous_speed_accepts_quantities() -> None:
    assert run("rotating.synchronous_speed", frequency="60 Hz", poles=2)["synchronous_speed"] == 3600.0


def test_ie_table_is_ordered() -> None:
    for i in range(len(IE_RATINGS_KW)):
        column = [IE_LIMITS[c][i] for c in ("IE1", "IE2", "IE3", "IE4")]
        assert column == sorted(column)
        assert len(set(column)) == 4
    for row in IE_LIMITS.values():
        assert list(row) == sorted(row)


def test_ie_interpolation_between_ratings() -> None:
    value, interpolated = ie_limit("IE3", 9.0)
    assert interpolated
    assert 0.904 < value < 0.914
    assert ie_limit("IE3", 630.0) == (0.96, False)  # one row from 200 kW up to 1000 kW


@pytest.mark.parametrize(
    ("efficiency", "expected"), [(0.85, "below IE1"), (0.860, "IE1"), (0.90, "IE2"), (0.926, "IE4")]
)
def test_ie_class_boundaries_at_7_5_kw(efficiency: float, expected: str) -> None:
    assert run("rotating.ie_efficiency_class", rated_power=7.5, efficiency=efficiency)["ie_class"] == expected


def test_no_saving_without_an_efficiency_change() -> None:
    out = run(
        "rotating.efficiency_upgrade_saving",
        shaft_power=10,
        hours=8000,
        old_efficiency=0.9,
        new_efficiency=0.9,
    )
    assert out["energy_saving"] == 0.0


def test_bearing_identities() -> None:
    out = run(
        "rotating.bearing_defect_frequencies",
        shaft_speed=1797,
        balls=9,
        ball_diameter=7.94,
        pitch_diameter=39.04,
        contact_angle=15,
    )
    fr, n = 1797 / 60, 9
    assert out["bpfo"] + out["bpfi"] == pytest.approx(n * fr)
    assert out["ftf"] * n == pytest.approx(out["bpfo"])


def test_hunting_tooth_of_coprime_gears() -> None:
    out = run("rotating.gear_mesh_frequency", speed=1200, driving_teeth=13, driven_teeth=47)
    assert out["assembly_phases"] == 1
    assert out["hunting_tooth_frequency"] == pytest.approx(20.0 / 47)


@pytest.mark.parametrize("limits", [*ISO_10816_1.values(), *ISO_10816_3.values()])
def test_zone_boundaries_belong_to_the_better_zone(limits: tuple[float, float, float]) -> None:
    assert [zone(v, limits) for v in (0.0, *limits)] == ["A", "A", "B", "C"]
    assert zone(limits[2] * 1.001, limits) == "D"


def test_unbalance_force_at_the_permissible_limit() -> None:
    u = run("rotating.permissible_unbalance", grade=2.5, rotor_mass=40, speed=6000)["permissible_unbalance"]
    force = run("rotating.unbalance_force", unbalance=u, speed=6000)["force"]
    omega = 2 * math.pi * 100
    assert force == pytest.approx(40 * 2.5e-3 * omega)  # F = m·G·ω


def test_critical_speed_rule_of_thumb() -> None:
    out = run("rotating.critical_speed", stiffness=2e6, mass=50)
    assert out["critical_speed"] == pytest.approx(946 / math.sqrt(out["static_deflection"]), rel=1e-3)
