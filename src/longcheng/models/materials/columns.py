"""Columns: Euler buckling with the Johnson parabola for intermediate slenderness."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit

from ._base import GERE, SHIGLEY, In, Modulus, Out, spec

# --- buckling ----------------------------------------------------------------------------------------------


class BucklingIn(In):
    elastic_modulus: Modulus
    second_moment: Annotated[float, Unit("mm**4", gt=0)]
    area: Annotated[float, Unit("mm**2", gt=0)]
    length: Annotated[float, Unit("m", gt=0)]
    effective_length_factor: Annotated[
        float, Unit(gt=0), Field(description="K: 0.5 fixed-fixed … 2 flagpole")
    ] = 1.0
    yield_strength: Annotated[float, Unit("MPa", gt=0)] | None = None


class BucklingOut(Out):
    euler_load: Annotated[float, Unit("N")]
    euler_stress: Annotated[float, Unit("MPa")]
    slenderness: Annotated[float, Unit()]
    transition_slenderness: Annotated[float, Unit()] | None
    critical_load: Annotated[float, Unit("N"), Field(description="Johnson parabola below the transition")]


def euler_buckling(p: BucklingIn) -> BucklingOut:
    e = p.elastic_modulus * 1000  # MPa
    r = math.sqrt(p.second_moment / p.area)
    slenderness = p.effective_length_factor * p.length * 1000 / r
    euler_stress = math.pi**2 * e / slenderness**2
    transition, critical = None, euler_stress
    if p.yield_strength is not None:
        transition = math.sqrt(2 * math.pi**2 * e / p.yield_strength)
        if slenderness < transition:
            critical = p.yield_strength - (p.yield_strength * slenderness / (2 * math.pi)) ** 2 / e
    return BucklingOut(
        euler_load=euler_stress * p.area,
        euler_stress=euler_stress,
        slenderness=slenderness,
        transition_slenderness=transition,
        critical_load=critical * p.area,
    )


BUCKLING = spec(
    "euler_buckling",
    en="Column buckling load (Euler, with the Johnson parabola for short columns)",
    zh="压杆临界载荷(欧拉公式与Johnson抛物线公式)",
    domains=("rd_design", "production"),
    industries=("general", "machinery", "building_materials", "aviation", "shipbuilding"),
    inputs=BucklingIn,
    outputs=BucklingOut,
    func=euler_buckling,
    formula="P_cr = π²EI/(KL)²; λ = KL/r; (KL/r)_1 = √(2π²E/S_y); below it σ_cr = S_y − (S_y·λ/(2π))²/E",
    reference=f"{SHIGLEY} Ch. 4 (long columns: Euler; intermediate columns: Johnson parabolic formula); "
    f"{GERE} Ch. 11 (effective lengths)",
    examples=(
        Example(
            inputs={
                "elastic_modulus": 200,
                "second_moment": 8333333.333,
                "area": 10000,
                "length": 3,
                "yield_strength": 250,
            },
            expected={
                "euler_load": 1827704.5,
                "slenderness": 103.923048,
                "transition_slenderness": 125.663706,
                "critical_load": 1645102.5,
            },
            source="by hand: 100 × 100 mm pin-ended, 3 m: π²·200e9·8.333e-6/9 = 1.8277 MN; r = 28.87 mm, "
            "λ = 103.9 < 125.7, Johnson σ = 250 − (250·103.92/2π)²/200 000 = 164.51 MPa",
            rel_tol=1e-6,
        ),
    ),
)

SPECS = (BUCKLING,)
