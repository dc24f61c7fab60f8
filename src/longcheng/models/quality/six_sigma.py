"""Six Sigma yield metrics (DPMO and sigma level, yield from DPU, rolled throughput yield) and the
Taguchi quadratic loss."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator
from scipy import stats

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.quality._base import Probability, Spread, Value, _In, _Out, quality_spec

ISO_13053 = "ISO 13053-1:2011 Quantitative methods in process improvement — Six Sigma — DMAIC"
BREYFOGLE = "Breyfogle, Implementing Six Sigma, 2nd ed. (2003)"
Count = Annotated[float, Unit(ge=0)]
DOMAINS = ("production", "operations", "product_service", "enterprise_management")


class DpmoIn(_In):
    defects: Annotated[Count, Field(description="D, defects found")]
    units: Annotated[float, Unit(gt=0), Field(description="U, units inspected")]
    opportunities_per_unit: Annotated[float, Unit(gt=0), Field(description="O")] = 1.0
    shift: Annotated[float, Unit(ge=0, le=3), Field(description="long-term mean shift in σ")] = 1.5

    @model_validator(mode="after")
    def _at_most_all(self) -> DpmoIn:
        if self.defects >= self.units * self.opportunities_per_unit:
            raise ValueError("defects must be fewer than units × opportunities")
        return self


class DpmoOut(_Out):
    dpo: Probability
    dpmo: Annotated[float, Unit()]
    process_yield: Probability
    sigma_level: Annotated[float, Unit(), Field(description="short-term Z including the shift")]


def dpmo_sigma_level(p: DpmoIn) -> DpmoOut:
    dpo = p.defects / (p.units * p.opportunities_per_unit)
    if dpo == 0:
        raise ValueError("no defects: the sigma level is unbounded")
    z = float(stats.norm.isf(dpo)) + p.shift
    return DpmoOut(dpo=dpo, dpmo=dpo * 1e6, process_yield=1 - dpo, sigma_level=z)


class DpuIn(_In):
    defects: Annotated[Count, Field(description="defects found")]
    units: Annotated[float, Unit(gt=0), Field(description="units inspected")]


class DpuOut(_Out):
    dpu: Annotated[float, Unit()]
    first_time_yield: Probability


def yield_from_dpu(p: DpuIn) -> DpuOut:
    dpu = p.defects / p.units
    return DpuOut(dpu=dpu, first_time_yield=math.exp(-dpu))


class RtyIn(_In):
    step_yields: Annotated[
        list[Probability], Field(min_length=1, description="first-pass yield of each step")
    ]


class RtyOut(_Out):
    rolled_throughput_yield: Probability
    normalized_yield: Annotated[Probability, Field(description="geometric mean yield per step")]


def rolled_throughput_yield(p: RtyIn) -> RtyOut:
    rty = math.prod(p.step_yields)
    return RtyOut(rolled_throughput_yield=rty, normalized_yield=rty ** (1 / len(p.step_yields)))


class TaguchiIn(_In):
    target: Annotated[Value, Field(description="T, nominal value")]
    tolerance: Annotated[Spread, Field(description="Δ0, deviation at which the product fails")]
    loss_at_tolerance: Annotated[float, Unit(gt=0), Field(description="A0, cost at Δ0 (currency)")]
    value: Annotated[Value, Field(description="y, one measured value")] | None = None
    mean: Annotated[Value, Field(description="μ of the process, for the expected loss")] | None = None
    sigma: Annotated[float, Unit(ge=0), Field(description="σ of the process")] | None = None


class TaguchiOut(_Out):
    loss_coefficient: Annotated[float, Unit(), Field(description="k = A0/Δ0², currency per unit²")]
    loss: Annotated[float, Unit()] | None
    expected_loss: Annotated[float, Unit(), Field(description="k[σ² + (μ − T)²] per unit")] | None


def taguchi_loss(p: TaguchiIn) -> TaguchiOut:
    k = p.loss_at_tolerance / p.tolerance**2
    loss = None if p.value is None else k * (p.value - p.target) ** 2
    expected = None
    if p.mean is not None and p.sigma is not None:
        expected = k * (p.sigma**2 + (p.mean - p.target) ** 2)
    return TaguchiOut(loss_coefficient=k, loss=loss, expected_loss=expected)


def _sigma(dpmo: float, level: float) -> Example:
    return Example(
        {"defects": dpmo, "units": 1_000_000},
        {"sigma_level": level},
        f"{BREYFOGLE}, sigma conversion table (1.5σ shift): {dpmo:g} DPMO ≈ {level:g}σ",
        rel_tol=2e-4,
    )


SPECS = (
    quality_spec(
        "dpmo_sigma_level",
        ("DPMO and sigma level", "百万机会缺陷数与西格玛水平"),
        (DpmoIn, DpmoOut),
        dpmo_sigma_level,
        "DPO = D/(U·O); DPMO = 10⁶·DPO; Z = Φ⁻¹(1 − DPO) + 1.5 (the Motorola 1.5σ long-term shift)",
        f"{ISO_13053} (DPMO, sigma level with the 1.5σ shift convention); {BREYFOGLE}",
        (_sigma(66807, 3.0), _sigma(6210, 4.0), _sigma(233, 5.0), _sigma(3.4, 6.0)),
        domains=DOMAINS,
    ),
    quality_spec(
        "yield_from_dpu",
        ("First-time yield from defects per unit", "由单位缺陷数估算一次通过率"),
        (DpuIn, DpuOut),
        yield_from_dpu,
        "DPU = D/U; Y = e^(−DPU) (defects Poisson-distributed over units)",
        f"{BREYFOGLE}, yield and DPU relationships; {ISO_13053}",
        (
            Example(
                {"defects": 50, "units": 100},
                {"dpu": 0.5, "first_time_yield": 0.6065307},
                "hand-derived: e^(−0.5) = 0.606531",
                rel_tol=1e-6,
            ),
        ),
        domains=DOMAINS,
    ),
    quality_spec(
        "rolled_throughput_yield",
        ("Rolled throughput yield", "流通合格率（RTY）"),
        (RtyIn, RtyOut),
        rolled_throughput_yield,
        "RTY = Π Y_i; Y_norm = RTY^(1/k)",
        f"{BREYFOGLE}, rolled throughput yield; {ISO_13053}",
        (
            Example(
                {"step_yields": [0.98, 0.95, 0.99]},
                {"rolled_throughput_yield": 0.92169, "normalized_yield": 0.9731840},
                "hand-derived: 0.98 × 0.95 × 0.99 = 0.92169; 0.92169^(1/3) = 0.973184",
                rel_tol=1e-6,
            ),
        ),
        domains=DOMAINS,
    ),
    quality_spec(
        "taguchi_loss",
        ("Taguchi quadratic loss function", "田口质量损失函数"),
        (TaguchiIn, TaguchiOut),
        taguchi_loss,
        "k = A0/Δ0²; L(y) = k(y − T)²; E[L] = k[σ² + (μ − T)²]",
        "Taguchi, Chowdhury & Wu, Taguchi's Quality Engineering Handbook (2005), quality loss function; "
        "Montgomery, Introduction to Statistical Quality Control, 7th ed., §8.3 (Cpm and the quadratic loss)",
        (
            Example(
                {
                    "target": 10,
                    "tolerance": 0.5,
                    "loss_at_tolerance": 50,
                    "value": 10.2,
                    "mean": 10.1,
                    "sigma": 0.1,
                },
                {"loss_coefficient": 200.0, "loss": 8.0, "expected_loss": 4.0},
                "hand-derived: k = 50/0.25 = 200; 200·0.2² = 8; 200·(0.01 + 0.01) = 4",
                rel_tol=1e-9,
            ),
        ),
        domains=("rd_design", "production", "product_service"),
    ),
)
