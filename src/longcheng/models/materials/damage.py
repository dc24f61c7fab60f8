"""Fatigue damage: Palmgren–Miner cumulative damage and Paris-law crack-growth life."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import SHIGLEY, In, Length, Out, spec
from .fatigue import DOWLING

# --- Miner -------------------------------------------------------------------------------------------------


class MinerIn(In):
    applied_cycles: list[Annotated[float, Unit(ge=0)]] = Field(
        min_length=1, description="n_i per stress level"
    )
    cycles_to_failure: list[Annotated[float, Unit(gt=0)]] = Field(
        min_length=1, description="N_i at that level"
    )

    @model_validator(mode="after")
    def _same_length(self) -> MinerIn:
        if len(self.applied_cycles) != len(self.cycles_to_failure):
            raise ValueError("applied_cycles and cycles_to_failure must have the same length")
        return self


class MinerOut(Out):
    damage: Annotated[float, Unit()]
    remaining_fraction: Annotated[float, Unit()]
    blocks_to_failure: (
        Annotated[float, Unit(), Field(description="repeats of this load block until D = 1")] | None
    )
    failed: bool


def miner_damage(p: MinerIn) -> MinerOut:
    damage = sum(n / life for n, life in zip(p.applied_cycles, p.cycles_to_failure, strict=True))
    return MinerOut(
        damage=damage,
        remaining_fraction=max(1 - damage, 0.0),
        blocks_to_failure=1 / damage if damage > 0 else None,
        failed=damage >= 1,
    )


MINER = spec(
    "miner_damage",
    en="Cumulative fatigue damage (Palmgren–Miner rule)",
    zh="累积疲劳损伤(Palmgren-Miner线性累积法则)",
    domains=("rd_design", "operations", "product_service"),
    industries=("general", "machinery", "automotive", "aviation", "shipbuilding", "energy"),
    inputs=MinerIn,
    outputs=MinerOut,
    func=miner_damage,
    formula="D = Σ n_i/N_i; failure predicted at D ≥ 1; blocks to failure = 1/D",
    reference=f"Miner, J. Appl. Mech. 12:A159 (1945); {SHIGLEY} Ch. 6 (cumulative fatigue damage)",
    examples=(
        Example(
            inputs={"applied_cycles": [1e4, 2e4], "cycles_to_failure": [1e5, 4e5]},
            expected={
                "damage": 0.15,
                "remaining_fraction": 0.85,
                "blocks_to_failure": 6.666667,
                "failed": False,
            },
            source="research note S11 [C]: 10⁴/10⁵ + 2·10⁴/4·10⁵ = 0.15",
            rel_tol=1e-6,
        ),
    ),
)

# --- Paris law ---------------------------------------------------------------------------------------------


class ParisIn(In):
    coefficient: Annotated[float, Unit(gt=0), Field(description="C in (m/cycle)/(MPa·√m)^m")]
    exponent: Annotated[float, Unit(gt=0, le=10), Field(description="m, typically 2–7 for metals")]
    stress_range: Annotated[float, Unit("MPa", gt=0)]
    initial_crack: Length
    final_crack: Length | None = None
    geometry_factor: Annotated[float, Unit(gt=0), Field(description="Y in ΔK = Y·Δσ·√(πa)")] = 1.12
    fracture_toughness: Annotated[float, Unit("MPa*m**0.5", gt=0)] | None = None
    max_stress: Annotated[float, Unit("MPa", gt=0)] | None = None


class ParisOut(Out):
    cycles: Annotated[float, Unit()]
    initial_delta_k: Annotated[float, Unit("MPa*m**0.5")]
    final_crack: Annotated[float, Unit("mm")]
    critical_crack: Annotated[float, Unit("mm")] | None


def _critical(p: ParisIn) -> float | None:
    if p.fracture_toughness is None or p.max_stress is None:
        return None
    return (p.fracture_toughness / (p.geometry_factor * p.max_stress)) ** 2 / math.pi * 1000


def paris_crack_growth(p: ParisIn) -> ParisOut:
    critical = _critical(p)
    final = p.final_crack if p.final_crack is not None else critical
    if final is None:
        raise InvalidInput("final_crack", "give a final crack, or the toughness and maximum stress")
    if final <= p.initial_crack:
        raise InvalidInput("final_crack", "must exceed the initial crack")
    ai, af, m = p.initial_crack / 1000, final / 1000, p.exponent
    try:
        scale = p.coefficient * (p.geometry_factor * p.stress_range * math.sqrt(math.pi)) ** m
    except OverflowError as err:
        raise InvalidInput("exponent", "ΔK^m overflows; check the units of C and m") from err
    if math.isclose(m, 2.0):
        integral = math.log(af / ai)
    else:
        integral = (af ** (1 - m / 2) - ai ** (1 - m / 2)) / (1 - m / 2)
    return ParisOut(
        cycles=integral / scale,
        initial_delta_k=p.geometry_factor * p.stress_range * math.sqrt(math.pi * ai),
        final_crack=final,
        critical_crack=critical,
    )


PARIS = spec(
    "paris_crack_growth",
    en="Fatigue crack-growth life (Paris law, constant geometry factor)",
    zh="疲劳裂纹扩展寿命(Paris公式)",
    domains=("rd_design", "operations", "product_service"),
    industries=("general", "machinery", "aviation", "shipbuilding", "energy"),
    inputs=ParisIn,
    outputs=ParisOut,
    func=paris_crack_growth,
    formula="da/dN = C·ΔK^m, ΔK = Y·Δσ·√(πa); N = (a_f^(1−m/2) − a_i^(1−m/2))/((1 − m/2)·C·(Y·Δσ·√π)^m) "
    "(m ≠ 2); a_c = (K_IC/(Y·σ_max))²/π",
    reference=f"Paris & Erdogan, J. Basic Eng. 85:528 (1963); {DOWLING} Ch. 11 (fatigue crack growth: "
    "life by closed-form integration)",
    examples=(
        Example(
            inputs={
                "coefficient": 1e-11,
                "exponent": 3,
                "stress_range": 100,
                "initial_crack": 1,
                "final_crack": 10,
            },
            expected={"cycles": 552793.06, "initial_delta_k": 6.277590},
            source="by hand: (0.01^−0.5 − 0.001^−0.5)/(−0.5) = 43.246; /(10⁻¹¹·(1.12·100·√π)³) = 5.528·10⁵",
            rel_tol=1e-5,
        ),
        Example(
            inputs={
                "coefficient": 1e-11,
                "exponent": 3,
                "stress_range": 100,
                "initial_crack": 1,
                "fracture_toughness": 50,
                "max_stress": 200,
            },
            expected={"critical_crack": 15.859668},
            source="by hand: (50/(1.12·200))²/π = 0.015860 m",
            rel_tol=1e-6,
        ),
    ),
)

SPECS = (MINER, PARIS)
