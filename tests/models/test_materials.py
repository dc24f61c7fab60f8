"""Materials and structures models: properties and cross-checks beyond the generic catalogue test."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError
from scipy import integrate

from longcheng.core.errors import InvalidInput
from longcheng.models.materials import SPECS
from longcheng.models.materials.beams import (
    BeamIn,
    SectionIn,
    cantilever_beam,
    section_properties,
    simply_supported_beam,
)
from longcheng.models.materials.columns import BucklingIn, euler_buckling
from longcheng.models.materials.damage import MinerIn, ParisIn, paris_crack_growth
from longcheng.models.materials.fasteners import VdiIn, bolt_torque_vdi2230
from longcheng.models.materials.fatigue import (
    BasquinIn,
    FluctuatingIn,
    SnIn,
    basquin_life,
    fatigue_safety_factor,
    sn_curve_estimate,
)
from longcheng.models.materials.stress import PlaneStressIn, von_mises_stress
from longcheng.models.materials.testing import (
    BrinellIn,
    ModulusFitIn,
    brinell_hardness,
    young_modulus_fit,
)
from longcheng.models.materials.vessels import (
    ShellIn,
    ThinWallIn,
    cylinder_shell_thickness,
    thin_wall_pressure_vessel,
)


def test_the_family_is_complete() -> None:
    assert len(SPECS) >= 15
    assert all(s.name.startswith("materials.") and s.category == "materials" for s in SPECS)
    assert len({s.name for s in SPECS}) == len(SPECS)


def test_a_thin_tube_approaches_a_circle_and_a_rectangle_swaps_axes() -> None:
    circle = section_properties(SectionIn(shape="circle", diameter=60))
    tube = section_properties(SectionIn(shape="tube", diameter=60, inner_diameter=1e-3))
    assert tube.second_moment == pytest.approx(circle.second_moment)
    flat = section_properties(SectionIn(shape="rectangle", width=40, height=10))
    tall = section_properties(SectionIn(shape="rectangle", width=10, height=40))
    assert flat.second_moment == pytest.approx(tall.second_moment_y)
    with pytest.raises(InvalidInput):
        section_properties(SectionIn(shape="rectangle", width=10))


def test_beam_loads_superpose() -> None:
    common = {"span": 3.0, "elastic_modulus": 210.0, "second_moment": 2.0e7}
    for beam in (simply_supported_beam, cantilever_beam):
        both = beam(BeamIn(**common, point_load=5000, distributed_load=2000))
        point = beam(BeamIn(**common, point_load=5000))
        udl = beam(BeamIn(**common, distributed_load=2000))
        assert both.max_deflection == pytest.approx(point.max_deflection + udl.max_deflection)
        assert both.max_moment == pytest.approx(point.max_moment + udl.max_moment)


def test_a_cantilever_deflects_sixteen_times_a_simple_beam_under_a_point_load() -> None:
    common = {"span": 2.0, "elastic_modulus": 70.0, "second_moment": 5.0e6, "point_load": 1000.0}
    ratio = (
        cantilever_beam(BeamIn(**common)).max_deflection
        / simply_supported_beam(BeamIn(**common)).max_deflection
    )
    assert ratio == pytest.approx(16.0)


def test_johnson_meets_euler_at_the_transition_slenderness() -> None:
    base = {"elastic_modulus": 200.0, "second_moment": 8333333.333, "area": 10000.0, "yield_strength": 250.0}
    at = euler_buckling(BucklingIn(**base, length=1.0)).transition_slenderness
    assert at is not None
    length = at * math.sqrt(8333333.333 / 10000.0) / 1000  # m, with K = 1
    out = euler_buckling(BucklingIn(**base, length=length * (1 - 1e-9)))
    assert out.critical_load / 10000 == pytest.approx(125.0, rel=1e-6)  # S_y/2 on both curves
    assert out.euler_stress == pytest.approx(125.0, rel=1e-6)


def test_effective_length_factor_two_quarters_the_euler_load() -> None:
    base = {"elastic_modulus": 200.0, "second_moment": 1e6, "area": 2000.0, "length": 4.0}
    pinned = euler_buckling(BucklingIn(**base)).euler_load
    flagpole = euler_buckling(BucklingIn(**base, effective_length_factor=2.0)).euler_load
    assert flagpole == pytest.approx(pinned / 4)


def test_von_mises_of_pure_shear_and_uniaxial_stress() -> None:
    assert von_mises_stress(PlaneStressIn(sigma_x=0, tau_xy=50)).von_mises == pytest.approx(50 * math.sqrt(3))
    uni = von_mises_stress(PlaneStressIn(sigma_x=120))
    assert uni.von_mises == pytest.approx(120.0)
    assert uni.tresca == pytest.approx(120.0)


def test_shell_thickness_round_trips_through_the_allowable_pressure() -> None:
    for code in ("gb150", "asme"):
        base = {
            "design_pressure": 2.5,
            "inner_diameter": 1600.0,
            "allowable_stress": 163.0,
            "joint_efficiency": 1.0,
        }
        t = cylinder_shell_thickness(ShellIn(**base, code=code)).calculated_thickness
        back = cylinder_shell_thickness(ShellIn(**base, code=code, effective_thickness=t))
        assert back.maximum_allowable_pressure == pytest.approx(2.5)


def test_gb150_thickness_is_close_to_the_membrane_hoop_stress_at_low_pressure() -> None:
    t = cylinder_shell_thickness(
        ShellIn(design_pressure=0.1, inner_diameter=1000, allowable_stress=150, joint_efficiency=1.0)
    ).calculated_thickness
    hoop = thin_wall_pressure_vessel(ThinWallIn(pressure=0.1, inner_diameter=1000, thickness=t)).hoop_stress
    assert hoop == pytest.approx(150.0, rel=1e-3)


def test_basquin_round_trip() -> None:
    n = basquin_life(
        BasquinIn(stress_amplitude=320, fatigue_strength_coefficient=1758, fatigue_strength_exponent=-0.0977)
    ).reversals
    assert 1758 * n**-0.0977 == pytest.approx(320.0)


def test_shigley_s_n_line_passes_through_its_anchors() -> None:
    base = {"ultimate_strength": 700.0, "endurance_limit": 280.0, "strength_fraction": 0.85}
    assert sn_curve_estimate(SnIn(**base, cycles=1e3)).fatigue_strength == pytest.approx(0.85 * 700)
    assert sn_curve_estimate(SnIn(**base, cycles=1e6)).fatigue_strength == pytest.approx(280.0)
    assert sn_curve_estimate(SnIn(**base, stress_amplitude=250)).cycles_to_failure is None


def test_without_mean_stress_every_criterion_reduces_to_se_over_sa() -> None:
    out = fatigue_safety_factor(
        FluctuatingIn(
            stress_amplitude=120,
            mean_stress=0,
            endurance_limit=240,
            ultimate_strength=600,
            yield_strength=400,
        )
    )
    for value in (out.goodman, out.gerber, out.soderberg, out.asme_elliptic):
        assert value == pytest.approx(2.0)


def test_miner_refuses_lists_of_different_lengths() -> None:
    with pytest.raises(ValidationError):
        MinerIn(applied_cycles=[1, 2], cycles_to_failure=[10])


@pytest.mark.parametrize("m", [2.0, 3.5])
def test_paris_closed_form_matches_numerical_integration(m: float) -> None:
    c, y, ds, ai, af = 5e-12, 1.0, 80.0, 0.5e-3, 8e-3

    def inverse_rate(a: float) -> float:
        return float(1 / (c * (y * ds * math.sqrt(math.pi * a)) ** m))

    expected, _ = integrate.quad(inverse_rate, ai, af)
    out = paris_crack_growth(
        ParisIn(
            coefficient=c, exponent=m, stress_range=ds, initial_crack=0.5, final_crack=8, geometry_factor=y
        )
    )
    assert out.cycles == pytest.approx(expected, rel=1e-8)


def test_vdi2230_equivalent_nut_factor_is_plausible() -> None:
    out = bolt_torque_vdi2230(
        VdiIn(
            preload=40000,
            pitch=1.75,
            pitch_diameter=10.863,
            thread_friction=0.12,
            head_friction=0.12,
            bearing_diameter=16.6,
            hole_diameter=13.5,
        )
    )
    k = out.tightening_torque / (40000 * 0.012)
    assert 0.14 < k < 0.20  # μ = 0.12 corresponds to K ≈ 0.16 (Shigley Table 8-15 lists 0.15–0.20)


def test_brinell_flags_an_invalid_indentation() -> None:
    out = brinell_hardness(BrinellIn(test_force=29420, ball_diameter=10, indentation_diameter=7))
    assert not out.valid_indentation


def test_modulus_fit_recovers_an_exact_line() -> None:
    strain = [i * 1e-4 for i in range(10)]
    out = young_modulus_fit(ModulusFitIn(strain=strain, stress=[70_000 * e for e in strain]))
    assert out.modulus == pytest.approx(70.0)
    assert out.r_squared == pytest.approx(1.0)
    assert out.coefficient_of_variation == pytest.approx(0.0, abs=1e-6)
    with pytest.raises(InvalidInput):
        young_modulus_fit(ModulusFitIn(strain=[1e-3] * 3, stress=[1, 2, 3]))
