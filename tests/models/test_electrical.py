"""Electrical models: properties, table and phasor cross-checks beyond the generic catalogue test."""

from __future__ import annotations

import cmath
import math

import numpy as np
import pytest

from longcheng.core.errors import InvalidInput
from longcheng.models.electrical import SPECS
from longcheng.models.electrical.cables import (
    AmpacityIn,
    VoltageDropIn,
    cable_ampacity_derating,
    cable_voltage_drop,
)
from longcheng.models.electrical.loads import MotorStartIn, motor_starting_current
from longcheng.models.electrical.power import (
    PfCorrectionIn,
    ProfileIn,
    ThreePhaseIn,
    energy_from_power,
    pf_correction,
    three_phase_power,
)
from longcheng.models.electrical.quality import (
    DistortionIn,
    KFactorIn,
    UnbalanceIn,
    harmonic_distortion,
    k_factor,
    voltage_unbalance,
)
from longcheng.models.electrical.transformer import (
    LossesIn,
    ShortCircuitIn,
    transformer_losses,
    transformer_short_circuit,
)


def test_the_family_is_complete() -> None:
    assert len(SPECS) >= 15
    assert all(s.name.startswith("electrical.") and s.category == "electrical" for s in SPECS)
    assert len({s.name for s in SPECS}) == len(SPECS)


def test_power_triangle_closes() -> None:
    out = three_phase_power(ThreePhaseIn(line_voltage=690, line_current=123, power_factor=0.77))
    assert out.active_power**2 + out.reactive_power**2 == pytest.approx(out.apparent_power**2)


def test_correction_reaches_the_target_power_factor() -> None:
    p, pf1, pf2 = 250.0, 0.72, 0.96
    qc = pf_correction(PfCorrectionIn(active_power=p, present_power_factor=pf1, target_power_factor=pf2))
    q_after = p * math.tan(math.acos(pf1)) - qc.capacitor_rating
    assert p / math.hypot(p, q_after) == pytest.approx(pf2)


def test_star_capacitors_are_three_times_delta() -> None:
    common = {
        "active_power": 100.0,
        "present_power_factor": 0.7,
        "target_power_factor": 0.95,
        "line_voltage": 400.0,
    }
    delta = pf_correction(PfCorrectionIn(**common)).capacitance_per_phase
    star = pf_correction(PfCorrectionIn(**common, connection="star")).capacitance_per_phase
    assert delta is not None
    assert star == pytest.approx(3 * delta)


def test_correction_refuses_a_lower_target() -> None:
    with pytest.raises(InvalidInput):
        pf_correction(PfCorrectionIn(active_power=10, present_power_factor=0.9, target_power_factor=0.8))


def test_a_flat_profile_has_unit_load_factor() -> None:
    out = energy_from_power(ProfileIn(power=[50.0] * 96, interval=15))
    assert out.energy == pytest.approx(1200.0)
    assert out.load_factor == pytest.approx(1.0)


def test_efficiency_peaks_at_the_optimum_load_ratio() -> None:
    def eta(beta: float) -> float:
        return transformer_losses(
            LossesIn(rated_power=1600, no_load_loss=1.6, load_loss=14.5, load_ratio=beta, power_factor=0.9)
        ).efficiency

    best = transformer_losses(
        LossesIn(rated_power=1600, no_load_loss=1.6, load_loss=14.5, load_ratio=0.5)
    ).optimum_load_ratio
    assert eta(best) > eta(best * 0.95)
    assert eta(best) > eta(best * 1.05)


def test_a_purely_reactive_transformer_gives_the_maximum_peak_factor() -> None:
    out = transformer_short_circuit(
        ShortCircuitIn(rated_power=630, secondary_voltage=400, impedance_voltage=4)
    )
    assert out.peak_factor == pytest.approx(2.0)
    doubled = transformer_short_circuit(
        ShortCircuitIn(rated_power=630, secondary_voltage=400, impedance_voltage=8)
    )
    # I_k'' ∝ 1/(K_T·u_k): doubling u_k halves the current, corrected by the ratio of the K_T factors
    ratio = out.correction_factor / doubled.correction_factor
    assert doubled.initial_current == pytest.approx(out.initial_current / 2 * ratio)
    assert doubled.initial_current > out.initial_current / 2


def test_single_phase_drop_is_twice_the_three_phase_drop() -> None:
    common = {"current": 32.0, "length": 45.0, "cross_section": 6.0, "power_factor": 0.9}
    three = cable_voltage_drop(VoltageDropIn(**common)).voltage_drop
    single = cable_voltage_drop(VoltageDropIn(**common, system="single_phase")).voltage_drop
    assert single == pytest.approx(2 * three)


# IEC 60364-5-52 Table B.52.14, ambient-temperature correction factors for cables in air (reference 30 °C)
PVC = {
    10: 1.22,
    15: 1.17,
    20: 1.12,
    25: 1.06,
    30: 1.00,
    35: 0.94,
    40: 0.87,
    45: 0.79,
    50: 0.71,
    55: 0.61,
    60: 0.50,
}
XLPE = {
    10: 1.15,
    15: 1.12,
    20: 1.08,
    25: 1.04,
    35: 0.96,
    45: 0.87,
    55: 0.76,
    65: 0.65,
    70: 0.58,
    75: 0.50,
    80: 0.41,
}


@pytest.mark.parametrize(("insulation", "table"), [("pvc", PVC), ("xlpe", XLPE)])
def test_ambient_factors_reproduce_table_b_52_14(insulation: str, table: dict[int, float]) -> None:
    for ambient, factor in table.items():
        out = cable_ampacity_derating(
            AmpacityIn(tabulated_current=100, insulation=insulation, ambient_temperature=ambient)
        )
        assert round(out.temperature_factor, 2) == factor, (insulation, ambient)


def test_distortion_of_a_pure_sine_is_zero_and_k_is_one() -> None:
    assert harmonic_distortion(DistortionIn(harmonics=[230, 0, 0])).thd == 0
    assert k_factor(KFactorIn(harmonics=[100, 0, 0, 0])).k_factor == pytest.approx(1.0)


def test_six_pulse_spectrum_k_factor() -> None:
    # ideal six-pulse rectifier: I_h = I_1/h for h = 5, 7, 11, 13
    h = np.zeros(13)
    h[0] = 1.0
    for order in (5, 7, 11, 13):
        h[order - 1] = 1 / order
    k = k_factor(KFactorIn(harmonics=list(h))).k_factor
    assert k == pytest.approx(5 / (1 + sum(1 / o**2 for o in (5, 7, 11, 13))))


def _phasor_unbalance(u_ab: float, u_bc: float, u_ca: float) -> float:
    """u2 from symmetrical components of the closed triangle of line voltages."""
    angle_b = math.acos((u_ab**2 + u_bc**2 - u_ca**2) / (2 * u_ab * u_bc))
    ab, bc = complex(u_ab, 0), cmath.rect(u_bc, -(math.pi - angle_b))
    ca = -(ab + bc)
    a = cmath.rect(1, 2 * math.pi / 3)
    positive, negative = (ab + a * bc + a * a * ca) / 3, (ab + a * a * bc + a * ca) / 3
    return 100 * abs(negative) / abs(positive)


def test_iec_unbalance_matches_symmetrical_components() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        v = 400 * (1 + rng.uniform(-0.05, 0.05, size=3))
        out = voltage_unbalance(UnbalanceIn(voltage_ab=v[0], voltage_bc=v[1], voltage_ca=v[2]))
        assert out.iec_unbalance == pytest.approx(_phasor_unbalance(*v), rel=1e-9)


def test_balanced_voltages_have_no_unbalance() -> None:
    out = voltage_unbalance(UnbalanceIn(voltage_ab=400, voltage_bc=400, voltage_ca=400))
    assert out.nema_unbalance == 0
    assert out.iec_unbalance == pytest.approx(0.0, abs=1e-6)


def test_soft_starter_reduces_current_linearly_and_torque_quadratically() -> None:
    base = {"rated_power": 30.0, "rated_voltage": 400.0, "efficiency": 0.92, "power_factor": 0.85}
    dol = motor_starting_current(MotorStartIn(**base, locked_rotor_ratio=7))
    soft = motor_starting_current(
        MotorStartIn(**base, locked_rotor_ratio=7, method="soft_starter", voltage_ratio=0.5)
    )
    assert soft.starting_current == pytest.approx(dol.starting_current / 2)
    assert soft.starting_torque_ratio == pytest.approx(0.25)
