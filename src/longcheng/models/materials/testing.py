"""Materials testing: Brinell and Vickers hardness, Young's modulus from stress-strain data."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator
from scipy import stats

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import G_N, SHIGLEY, In, Length, Out, spec

# --- Brinell -----------------------------------------------------------------------------------------------


class BrinellIn(In):
    test_force: Annotated[float, Unit("N", gt=0)]
    ball_diameter: Length
    indentation_diameter: Length


class BrinellOut(Out):
    hardness: Annotated[float, Unit(), Field(description="HBW")]
    force_diameter_ratio: Annotated[float, Unit(), Field(description="0.102·F/D² (N/mm²)")]
    valid_indentation: bool
    tensile_strength_estimate: Annotated[float, Unit("MPa"), Field(description="steels: 3.4·HB")]


def brinell_hardness(p: BrinellIn) -> BrinellOut:
    d, ball = p.indentation_diameter, p.ball_diameter
    if d >= ball:
        raise InvalidInput("indentation_diameter", "must be smaller than the ball diameter")
    hb = 2 * p.test_force / G_N / (math.pi * ball * (ball - math.sqrt(ball * ball - d * d)))
    return BrinellOut(
        hardness=hb,
        force_diameter_ratio=p.test_force / G_N / ball**2,
        valid_indentation=0.24 <= d / ball <= 0.6,
        tensile_strength_estimate=3.4 * hb,
    )


BRINELL = spec(
    "brinell_hardness",
    en="Brinell hardness from the indentation diameter",
    zh="布氏硬度计算",
    domains=("production", "rd_design"),
    industries=("general", "machinery", "metallurgy", "automotive"),
    inputs=BrinellIn,
    outputs=BrinellOut,
    func=brinell_hardness,
    formula="HBW = 0.102·2F/(π·D·(D − √(D² − d²))) (F in N, 0.102 = 1/g_n); valid 0.24D ≤ d ≤ 0.6D; "
    "steel S_ut ≈ 3.4·HB MPa",
    reference=f"GB/T 231.1-2018 (ISO 6506-1:2014) Metallic materials — Brinell hardness test, §4; {SHIGLEY} "
    "Ch. 2 (hardness and ultimate strength of steels)",
    examples=(
        Example(
            inputs={"test_force": "3000 kgf", "ball_diameter": 10, "indentation_diameter": 4.0},
            expected={"hardness": 229.0, "force_diameter_ratio": 30.0, "valid_indentation": True},
            source="ISO 6506-4 table of Brinell hardness (D = 10 mm, 0.102F/D² = 30): d = 4.00 mm → 229 HBW",
            rel_tol=2e-3,
        ),
    ),
)

# --- Vickers -----------------------------------------------------------------------------------------------


class VickersIn(In):
    test_force: Annotated[float, Unit("N", gt=0)]
    diagonal_1: Length
    diagonal_2: Length | None = None


class VickersOut(Out):
    hardness: Annotated[float, Unit(), Field(description="HV")]
    mean_diagonal: Annotated[float, Unit("mm")]


def vickers_hardness(p: VickersIn) -> VickersOut:
    d = (p.diagonal_1 + (p.diagonal_2 if p.diagonal_2 is not None else p.diagonal_1)) / 2
    hv = 2 * p.test_force * math.sin(math.radians(68)) / G_N / d**2
    return VickersOut(hardness=hv, mean_diagonal=d)


VICKERS = spec(
    "vickers_hardness",
    en="Vickers hardness from the indentation diagonals",
    zh="维氏硬度计算",
    domains=("production", "rd_design"),
    industries=("general", "machinery", "metallurgy", "electronics", "automotive"),
    inputs=VickersIn,
    outputs=VickersOut,
    func=vickers_hardness,
    formula="HV = 0.102·2F·sin(136°/2)/d² ≈ 0.1891·F/d² (F in N, d mean diagonal in mm)",
    reference="GB/T 4340.1-2009 (ISO 6507-1) Metallic materials — Vickers hardness test, §4",
    examples=(
        Example(
            inputs={"test_force": 294.2, "diagonal_1": 0.49, "diagonal_2": 0.51},
            expected={"hardness": 222.5245, "mean_diagonal": 0.5},
            source="by hand, HV30 (294.2 N): 0.189093·294.2/0.5² = 222.52",
            rel_tol=1e-6,
        ),
    ),
)

# --- Young's modulus from test data ------------------------------------------------------------------------


class ModulusFitIn(In):
    strain: list[Annotated[float, Unit()]] = Field(min_length=3)
    stress: list[Annotated[float, Unit("MPa")]] = Field(min_length=3)

    @model_validator(mode="after")
    def _same_length(self) -> ModulusFitIn:
        if len(self.strain) != len(self.stress):
            raise ValueError("strain and stress must have the same length")
        return self


class ModulusFitOut(Out):
    modulus: Annotated[float, Unit("GPa")]
    intercept: Annotated[float, Unit("MPa")]
    r_squared: Annotated[float, Unit()]
    coefficient_of_variation: Annotated[float, Unit("percent"), Field(description="V1 of the slope")]
    points: int


def young_modulus_fit(p: ModulusFitIn) -> ModulusFitOut:
    if len(set(p.strain)) < 2:
        raise InvalidInput("strain", "needs at least two different strains")
    fit = stats.linregress(p.strain, p.stress)
    r2 = float(fit.rvalue) ** 2
    n = len(p.strain)
    v1 = 100 * math.sqrt((1 / r2 - 1) / (n - 2)) if r2 > 0 else float("inf")
    return ModulusFitOut(
        modulus=float(fit.slope) / 1000,
        intercept=float(fit.intercept),
        r_squared=r2,
        coefficient_of_variation=v1,
        points=n,
    )


MODULUS_FIT = spec(
    "young_modulus_fit",
    en="Young's modulus from stress-strain test data (least squares)",
    zh="由拉伸试验数据拟合弹性模量",
    domains=("rd_design", "production"),
    industries=("general", "machinery", "metallurgy", "building_materials", "aviation"),
    inputs=ModulusFitIn,
    outputs=ModulusFitOut,
    func=young_modulus_fit,
    formula="least-squares line σ = E·ε + b over the linear range; r²; V1 = 100·√((1/r² − 1)/(n − 2))",
    reference="ASTM E111-17 Standard Test Method for Young's Modulus, Tangent Modulus, and Chord Modulus, "
    "§9 (least-squares fit, coefficient of determination, coefficient of variation)",
    examples=(
        Example(
            inputs={"strain": [0, 0.0005, 0.001, 0.0015, 0.002], "stress": [1, 99, 201, 300, 399]},
            expected={
                "modulus": 199.4,
                "intercept": 0.6,
                "r_squared": 0.99996881,
                "coefficient_of_variation": 0.32242,
            },
            source="by hand: Sxy/Sxx = 0.4985/2.5·10⁻⁶ = 199 400 MPa; 200 − 199.4·1 = 0.6 MPa; "
            "r² = Sxy²/(Sxx·Syy)",
            rel_tol=1e-5,
        ),
    ),
)

SPECS = (BRINELL, VICKERS, MODULUS_FIT)
