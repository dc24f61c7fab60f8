"""Stress-life fatigue: Basquin life, the Shigley S-N estimate, mean-stress criteria (Goodman and others)."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import SHIGLEY, In, Out, spec

DOWLING = "Dowling, Mechanical Behavior of Materials, 4th ed."
PositiveStress = Annotated[float, Unit("MPa", gt=0)]

# --- Basquin -----------------------------------------------------------------------------------------------


class BasquinIn(In):
    stress_amplitude: PositiveStress
    fatigue_strength_coefficient: Annotated[float, Unit("MPa", gt=0), Field(description="σ_f'")]
    fatigue_strength_exponent: Annotated[float, Unit(gt=-1, lt=0), Field(description="b")]
    mean_stress: Annotated[float, Unit("MPa"), Field(description="Morrow correction")] = 0.0


class BasquinOut(Out):
    reversals: Annotated[float, Unit(), Field(description="2N_f")]
    cycles: Annotated[float, Unit(), Field(description="N_f")]


def basquin_life(p: BasquinIn) -> BasquinOut:
    headroom = p.fatigue_strength_coefficient - p.mean_stress
    if headroom <= 0:
        raise InvalidInput("mean_stress", "must stay below the fatigue strength coefficient")
    try:
        reversals = (p.stress_amplitude / headroom) ** (1 / p.fatigue_strength_exponent)
    except OverflowError as err:
        raise InvalidInput(
            "stress_amplitude", "the life is too long to represent (effectively infinite)"
        ) from err
    return BasquinOut(reversals=reversals, cycles=reversals / 2)


BASQUIN = spec(
    "basquin_life",
    en="Fatigue life from the Basquin stress-life equation (Morrow mean-stress correction)",
    zh="Basquin应力-寿命方程疲劳寿命",
    domains=("rd_design", "operations", "product_service"),
    industries=("general", "machinery", "automotive", "aviation", "shipbuilding"),
    inputs=BasquinIn,
    outputs=BasquinOut,
    func=basquin_life,
    formula="σ_a = (σ_f' − σ_m)·(2N_f)^b ⇒ N_f = ½·(σ_a/(σ_f' − σ_m))^(1/b)",
    reference=f"{DOWLING} Ch. 9 (stress-based approach, Basquin) and Ch. 10 (mean stress, Morrow); "
    "Basquin, Proc. ASTM 10:625 (1910)",
    examples=(
        Example(
            inputs={
                "stress_amplitude": 400,
                "fatigue_strength_coefficient": 1000,
                "fatigue_strength_exponent": -0.1,
            },
            expected={"reversals": 9536.7432, "cycles": 4768.3716},
            source="by hand: (400/1000)^(−10) = 9536.74 reversals",
            rel_tol=1e-7,
        ),
        Example(
            inputs={
                "stress_amplitude": 400,
                "fatigue_strength_coefficient": 1000,
                "fatigue_strength_exponent": -0.1,
                "mean_stress": 100,
            },
            expected={"cycles": 1662.6284},
            source="by hand: ½·(400/900)^(−10) = 1662.63 cycles",
            rel_tol=1e-7,
        ),
    ),
)

# --- S-N estimate (Shigley) --------------------------------------------------------------------------------


class SnIn(In):
    ultimate_strength: PositiveStress
    endurance_limit: PositiveStress
    strength_fraction: Annotated[
        float, Unit(gt=0, le=1), Field(description="f at 10³ cycles (Fig. 6-18)")
    ] = 0.9
    stress_amplitude: PositiveStress | None = None
    cycles: Annotated[float, Unit(ge=1e3, le=1e6)] | None = None


class SnOut(Out):
    coefficient: Annotated[float, Unit("MPa"), Field(description="a")]
    exponent: Annotated[float, Unit(), Field(description="b")]
    fatigue_strength: Annotated[float, Unit("MPa")] | None
    cycles_to_failure: Annotated[float, Unit(), Field(description="None below the endurance limit")] | None


def sn_curve_estimate(p: SnIn) -> SnOut:
    low_cycle = p.strength_fraction * p.ultimate_strength
    if low_cycle <= p.endurance_limit:
        raise InvalidInput("endurance_limit", "must be below f·S_ut")
    a = low_cycle**2 / p.endurance_limit
    b = -math.log10(low_cycle / p.endurance_limit) / 3
    life = None
    if p.stress_amplitude is not None and p.stress_amplitude > p.endurance_limit:
        life = (p.stress_amplitude / a) ** (1 / b)
    strength = a * p.cycles**b if p.cycles is not None else None
    return SnOut(coefficient=a, exponent=b, fatigue_strength=strength, cycles_to_failure=life)


SN_CURVE = spec(
    "sn_curve_estimate",
    en="S-N curve estimated from ultimate strength and endurance limit",
    zh="由强度极限与疲劳极限估算S-N曲线",
    domains=("rd_design", "product_service"),
    industries=("general", "machinery", "automotive", "aviation"),
    inputs=SnIn,
    outputs=SnOut,
    func=sn_curve_estimate,
    formula="a = (f·S_ut)²/S_e; b = −⅓·log10(f·S_ut/S_e); S_f = a·N^b (10³ ≤ N ≤ 10⁶); N = (σ_a/a)^(1/b)",
    reference=f"{SHIGLEY} Ch. 6 (fatigue strength: S-N line from f·S_ut at 10³ to S_e at 10⁶); Example 6-2",
    examples=(
        Example(
            inputs={
                "ultimate_strength": "90 kpsi",
                "endurance_limit": "45 kpsi",
                "strength_fraction": 0.86,
                "stress_amplitude": "55 kpsi",
                "cycles": 1e4,
            },
            expected={
                "coefficient": 917.69,
                "exponent": -0.0785,
                "fatigue_strength": 445.40,
                "cycles_to_failure": 77500,
            },
            source="Shigley 10th ed. Example 6-2 (1050 HR, S_ut = 90 kpsi): a = 133.1 kpsi, b = −0.0785, "
            "(S_f)10⁴ = 64.6 kpsi, N = 77 500 cycles at 55 kpsi",
            rel_tol=2e-3,
        ),
    ),
)

# --- mean-stress criteria ----------------------------------------------------------------------------------


class FluctuatingIn(In):
    stress_amplitude: PositiveStress
    mean_stress: Annotated[float, Unit("MPa", ge=0), Field(description="tensile mean")]
    endurance_limit: PositiveStress
    ultimate_strength: PositiveStress
    yield_strength: PositiveStress | None = None


class FluctuatingOut(Out):
    goodman: Annotated[float, Unit()]
    gerber: Annotated[float, Unit()]
    soderberg: Annotated[float, Unit()] | None
    asme_elliptic: Annotated[float, Unit()] | None
    langer_yield: Annotated[float, Unit()] | None
    equivalent_reversed_stress: Annotated[float, Unit("MPa"), Field(description="Goodman σ_ar")]


def fatigue_safety_factor(p: FluctuatingIn) -> FluctuatingOut:
    sa, sm, se, su, sy = (
        p.stress_amplitude,
        p.mean_stress,
        p.endurance_limit,
        p.ultimate_strength,
        p.yield_strength,
    )
    if sm >= su:
        raise InvalidInput("mean_stress", "must be below the ultimate strength")
    gerber = (
        0.5 * (su / sm) ** 2 * (sa / se) * (-1 + math.sqrt(1 + (2 * sm * se / (su * sa)) ** 2))
        if sm
        else se / sa
    )
    return FluctuatingOut(
        goodman=1 / (sa / se + sm / su),
        gerber=gerber,
        soderberg=1 / (sa / se + sm / sy) if sy is not None else None,
        asme_elliptic=1 / math.sqrt((sa / se) ** 2 + (sm / sy) ** 2) if sy is not None else None,
        langer_yield=sy / (sa + sm) if sy is not None else None,
        equivalent_reversed_stress=sa / (1 - sm / su),
    )


FLUCTUATING = spec(
    "fatigue_safety_factor",
    en="Fatigue safety factor under fluctuating stress (Goodman, Gerber, Soderberg, ASME-elliptic)",
    zh="交变应力疲劳安全系数(Goodman/Gerber/Soderberg准则)",
    domains=("rd_design", "product_service"),
    industries=("general", "machinery", "automotive", "aviation", "shipbuilding"),
    inputs=FluctuatingIn,
    outputs=FluctuatingOut,
    func=fatigue_safety_factor,
    formula="Goodman 1/n = σa/Se + σm/Sut; Gerber n = ½(Sut/σm)²(σa/Se)[−1 + √(1 + (2σm·Se/(Sut·σa))²)]; "
    "Soderberg 1/n = σa/Se + σm/Sy; ASME 1/n² = (σa/Se)² + (σm/Sy)²; Langer n = Sy/(σa + σm)",
    reference=f"{SHIGLEY} Ch. 6 (fatigue failure criteria for fluctuating stress, Tables 6-6 to 6-8)",
    examples=(
        Example(
            inputs={
                "stress_amplitude": 100,
                "mean_stress": 150,
                "endurance_limit": 250,
                "ultimate_strength": 600,
                "yield_strength": 450,
            },
            expected={
                "goodman": 1.5384615,
                "gerber": 1.9225,
                "soderberg": 1.3636364,
                "asme_elliptic": 1.9205532,
                "langer_yield": 1.8,
                "equivalent_reversed_stress": 133.33333,
            },
            source="by hand: 1/(0.4 + 0.25); 3.2·(√(1 + 1.25²) − 1) = 1.92250; 1/(0.4 + 1/3); "
            "1/√(0.16 + 1/9); 450/250; 100/0.75",
            rel_tol=1e-5,
        ),
    ),
)

SPECS = (BASQUIN, SN_CURVE, FLUCTUATING)
