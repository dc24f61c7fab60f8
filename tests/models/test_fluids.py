"""Fluid-flow models: second references, library cross-checks and physical properties."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.models.fluids import SPECS

SPEC = {s.name: s for s in SPECS}


def run(name: str, **inputs: Any) -> dict[str, Any]:
    return SPEC[name].invoke(inputs).model_dump()


def colebrook(re: float, ed: float) -> float:
    """Fixed-point iteration of the Colebrook equation, written out independently of fluids."""
    f = 0.02
    for _ in range(200):
        f = float((-2 * math.log10(ed / 3.7 + 2.51 / (re * math.sqrt(f)))) ** -2)
    return f


def test_family_size_and_prefix() -> None:
    assert len(SPECS) >= 15
    assert all(s.name.startswith("fluids.") and s.category == "fluids" for s in SPECS)


@pytest.mark.parametrize("re", [5e3, 3e4, 1e5, 1e6, 1e8])
@pytest.mark.parametrize("ed", [0.0, 1e-5, 1e-3, 0.02])
def test_friction_factor_solves_colebrook(re: float, ed: float) -> None:
    out = run("fluids.darcy_friction_factor", reynolds=re, relative_roughness=ed)
    assert out["friction_factor"] == pytest.approx(colebrook(re, ed), rel=1e-9)


def test_explicit_forms_stay_within_their_published_error() -> None:
    for re in (1e4, 1e5, 1e7):
        exact = colebrook(re, 1e-4)
        out = run("fluids.explicit_friction_factor", reynolds=re, relative_roughness=1e-4)
        assert out["swamee_jain"] == pytest.approx(exact, rel=0.03)
        assert out["haaland"] == pytest.approx(exact, rel=0.03)


def test_pipe_drop_is_darcy_plus_minor() -> None:
    whole = run(
        "fluids.pipe_pressure_drop",
        flow=0.02,
        diameter=0.125,
        length=250,
        roughness=4.5e-5,
        loss_coefficient=6.5,
    )
    v = whole["velocity"]
    major = run(
        "fluids.darcy_weisbach",
        friction_factor=whole["friction_factor"],
        length=250,
        diameter=0.125,
        density=998.2,
        velocity=v,
    )
    minor = run("fluids.minor_loss", loss_coefficient=6.5, density=998.2, velocity=v)
    assert whole["pressure_drop"] == pytest.approx(major["pressure_drop"] + minor["pressure_drop"])


def test_zero_flow_has_no_loss() -> None:
    out = run("fluids.pipe_pressure_drop", flow=0, diameter=0.1, length=10)
    assert out["pressure_drop"] == 0.0


def test_iso5167_reproduces_the_fluids_documentation_example() -> None:
    out = run(
        "fluids.iso5167_flow_meter",
        pipe_diameter=0.07366,
        bore_diameter=0.05,
        upstream_pressure=200000.0,
        differential_pressure=17000.0,
        density=999.1,
        viscosity=0.0011,
        isentropic_exponent=1.33,
        device="orifice",
        taps="d_and_d2",
    )
    assert out["mass_flow"] == pytest.approx(7.70233803573, rel=1e-8)


def rhg(beta: float, re_d: float, l1: float, l2: float) -> float:
    """ISO 5167-2:2003 eq. 4 (Reader-Harris/Gallagher), for D ≥ 71.12 mm, written out by hand."""
    a = float((19000 * beta / re_d) ** 0.8)
    m2 = 2 * l2 / (1 - beta)
    return float(
        0.5961
        + 0.0261 * beta**2
        - 0.216 * beta**8
        + 0.000521 * (1e6 * beta / re_d) ** 0.7
        + (0.0188 + 0.0063 * a) * beta**3.5 * (1e6 / re_d) ** 0.3
        + (0.043 + 0.080 * math.exp(-10 * l1) - 0.123 * math.exp(-7 * l1))
        * (1 - 0.11 * a)
        * beta**4
        / (1 - beta**4)
        - 0.031 * (m2 - 0.8 * m2**1.1) * beta**1.3
    )


@pytest.mark.parametrize(
    ("taps", "l1", "l2"), [("corner", 0.0, 0.0), ("flange", 0.254, 0.254), ("d_and_d2", 1, 0.47)]
)
@pytest.mark.parametrize("beta", [0.3, 0.5, 0.7])
def test_orifice_round_trip_with_hand_rhg(taps: str, l1: float, l2: float, beta: float) -> None:
    d_pipe, mass, rho, mu = 0.1, 8.0, 998.0, 1.0e-3
    re_d = 4 * mass / (math.pi * d_pipe * mu)
    c = rhg(beta, re_d, l1, l2)
    bore = beta * d_pipe
    dp = (mass * math.sqrt(1 - beta**4) / (c * math.pi / 4 * bore**2)) ** 2 / (2 * rho)
    out = run(
        "fluids.iso5167_flow_meter",
        pipe_diameter=d_pipe,
        bore_diameter=bore,
        differential_pressure=dp,
        upstream_pressure=dp + 3e5,
        density=rho,
        viscosity=mu,
        taps=taps,
    )
    assert out["mass_flow"] == pytest.approx(mass, rel=1e-7)
    assert out["discharge_coefficient"] == pytest.approx(c, rel=1e-7)


def test_bore_larger_than_pipe_refused() -> None:
    with pytest.raises(ValidationError, match="bore"):
        run(
            "fluids.differential_pressure_flow",
            pipe_diameter=0.05,
            bore_diameter=0.06,
            differential_pressure=1e3,
            density=1000,
            discharge_coefficient=0.6,
        )


def test_iec_60534_liquid_example_2() -> None:
    out = run(
        "fluids.control_valve_liquid",
        flow=360,
        density=965.4,
        vapour_pressure=70.1e3,
        critical_pressure=22120e3,
        viscosity=3.1472e-4,
        inlet_pressure=680e3,
        outlet_pressure=220e3,
        pipe_inlet_diameter=0.1,
        pipe_outlet_diameter=0.1,
        valve_diameter=0.1,
        fl=0.6,
        fd=0.98,
    )
    assert out["kv"] == pytest.approx(238.0, rel=1e-3)  # IEC 60534-2-1 example 2 (segmented ball valve)
    assert out["choked"] is True


def test_valve_diameters_all_or_none() -> None:
    with pytest.raises(ValidationError, match="all three"):
        run(
            "fluids.control_valve_liquid",
            flow=10,
            density=1000,
            vapour_pressure=2300,
            viscosity=1e-3,
            inlet_pressure=5e5,
            outlet_pressure=4e5,
            valve_diameter=0.05,
        )


def test_kv_definition_scales_with_square_root_of_drop() -> None:
    one = run("fluids.valve_flow_coefficient", flow=10, differential_pressure="1 bar")
    four = run("fluids.valve_flow_coefficient", flow=10, differential_pressure="400 kPa")
    assert four["kv"] == pytest.approx(one["kv"] / 2)


@pytest.mark.parametrize("heads", ["flat", "ellipsoidal_2_1", "hemispherical"])
def test_tank_volume_is_symmetric_and_monotone(heads: str) -> None:
    levels = [0.0, 0.3, 0.9, 1.5, 2.0]
    vols = [
        run("fluids.horizontal_tank_volume", level=h, diameter=2, length=6, heads=heads)["volume"]
        for h in levels
    ]
    assert vols == sorted(vols)
    low = run("fluids.horizontal_tank_volume", level=0.4, diameter=2, length=6, heads=heads)
    high = run("fluids.horizontal_tank_volume", level=1.6, diameter=2, length=6, heads=heads)
    assert low["volume"] + high["volume"] == pytest.approx(low["capacity"])


def test_ellipsoidal_heads_add_two_thirds_of_a_hemisphere_pair() -> None:
    full = run("fluids.horizontal_tank_volume", level=2, diameter=2, length=6, heads="ellipsoidal_2_1")
    assert full["capacity"] == pytest.approx(
        math.pi * 6 + 4 / 3 * math.pi * 0.5
    )  # 2:1 heads: π·D²·(D/4)/6 × 2


def test_wave_speed_tends_to_the_rigid_pipe_value() -> None:
    out = run(
        "fluids.pressure_wave_speed",
        bulk_modulus=2.2e9,
        density=1000,
        diameter=0.3,
        wall_thickness=0.01,
        elastic_modulus=1e16,
    )
    assert out["wave_speed"] == pytest.approx(out["rigid_pipe_wave_speed"], rel=1e-5)


def test_reference_flow_identity_at_reference_conditions() -> None:
    out = run("fluids.gas_flow_to_reference", flow=42, pressure=101325, temperature=273.15)
    assert out["reference_flow"] == pytest.approx(42)


def test_pump_system_power_reduces_to_static_lift_without_friction() -> None:
    out = run(
        "fluids.pump_system_power", flow=0.01, diameter=0.1, length=0, static_head=30, pump_efficiency=1
    )
    assert out["hydraulic_power"] == pytest.approx(998.2 * 9.80665 * 0.01 * 30)
