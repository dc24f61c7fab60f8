"""Acceptance sampling by attributes: the GB/T 2828.1 (ISO 2859-1) single sampling plan for normal
inspection, and the operating characteristic of a single sampling plan."""

from __future__ import annotations

import bisect
import math
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from scipy import stats

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.quality._base import MONTGOMERY, Probability, _In, _Out, quality_spec

GBT2828 = "GB/T 2828.1-2012 (ISO 2859-1:1999) Sampling procedures for inspection by attributes"
LEVELS = ("S-1", "S-2", "S-3", "S-4", "I", "II", "III")
# Table 1: upper lot-size bound of each row → code letter for S-1, S-2, S-3, S-4, I, II, III
LOT_BOUNDS = (8, 15, 25, 50, 90, 150, 280, 500, 1200, 3200, 10_000, 35_000, 150_000, 500_000)
CODE_ROWS = (
    "AAAAAAB", "AAAAABC", "AABBBCD", "ABBCCDE", "BBCCCEF", "BBCDDFG", "BCDEEGH", "BCDEFHJ",
    "CCEFGJK", "CDEGHKL", "CDFGJLM", "CDFHKMN", "DEGJLNP", "DEGJMPQ", "DEHKNQR",
)  # fmt: skip
# Table 2-A: code letters with their sample sizes, and the preferred AQLs (percent nonconforming) served here
LETTERS = "ABCDEFGHJKLMNPQR"
SAMPLE_SIZES = (2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000)
AQLS = (0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5)
# Ac/Re along a row, counted in AQL steps from the cell holding 0/1 (cells between are arrows)
PLANS = {
    0: (0, 1),
    3: (1, 2),
    4: (2, 3),
    5: (3, 4),
    6: (5, 6),
    7: (7, 8),
    8: (10, 11),
    9: (14, 15),
    10: (21, 22),
}


class AqlPlanIn(_In):
    lot_size: Annotated[int, Field(ge=2, le=10_000_000, description="N, units in the lot")]
    aql: Annotated[float, Unit("percent", ge=0.025, le=6.5), Field(description="AQL, preferred value")]
    inspection_level: Literal["S-1", "S-2", "S-3", "S-4", "I", "II", "III"] = "II"

    @field_validator("aql")
    @classmethod
    def _preferred(cls, value: float) -> float:
        for preferred in AQLS:
            if math.isclose(value, preferred, rel_tol=1e-6):
                return preferred
        raise ValueError(f"AQL must be one of the preferred values {AQLS} (percent nonconforming)")


class AqlPlanOut(_Out):
    code_letter: str
    plan_letter: Annotated[str, Field(description="the letter whose plan applies after following arrows")]
    sample_size: int
    acceptance_number: int
    rejection_number: int
    full_inspection: Annotated[bool, Field(description="sample size ≥ lot size: inspect every unit")]


def aql_sampling_plan(p: AqlPlanIn) -> AqlPlanOut:
    row = bisect.bisect_left(LOT_BOUNDS, p.lot_size)
    letter = CODE_ROWS[row][LEVELS.index(p.inspection_level)]
    i, j = LETTERS.index(letter), AQLS.index(p.aql) + 2  # AQL column index counted from 0.010
    while (step := j - (14 - i)) not in PLANS:
        i += 1 if step < 0 or step == 2 else -1  # ↓ below the 0/1 diagonal and on step 2, ↑ above
    ac, re = PLANS[step]
    n = SAMPLE_SIZES[i]
    return AqlPlanOut(
        code_letter=letter,
        plan_letter=LETTERS[i],
        sample_size=n,
        acceptance_number=ac,
        rejection_number=re,
        full_inspection=n >= p.lot_size,
    )


class OcIn(_In):
    sample_size: Annotated[int, Field(ge=1, le=1_000_000, description="n")]
    acceptance_number: Annotated[int, Field(ge=0, description="c")]
    fraction_nonconforming: Annotated[Probability, Field(description="p, incoming lot quality")]
    lot_size: Annotated[int, Field(ge=1, description="N, for AOQ and ATI")] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> OcIn:
        if self.acceptance_number >= self.sample_size:
            raise ValueError("acceptance_number must be below sample_size")
        if self.lot_size is not None and self.lot_size < self.sample_size:
            raise ValueError("lot_size must be at least sample_size")
        return self


class OcOut(_Out):
    acceptance_probability: Probability
    average_outgoing_quality: Probability | None
    average_total_inspection: Annotated[float, Unit()] | None


def acceptance_probability(p: OcIn) -> OcOut:
    pa = float(stats.binom.cdf(p.acceptance_number, p.sample_size, p.fraction_nonconforming))
    if p.lot_size is None:
        return OcOut(acceptance_probability=pa, average_outgoing_quality=None, average_total_inspection=None)
    rest = p.lot_size - p.sample_size
    return OcOut(
        acceptance_probability=pa,
        average_outgoing_quality=pa * p.fraction_nonconforming * rest / p.lot_size,
        average_total_inspection=p.sample_size + (1 - pa) * rest,
    )


def _plan(lot: int, aql: float, expected: dict[str, object]) -> Example:
    return Example({"lot_size": lot, "aql": aql}, expected, f"{GBT2828}, Table 1 (level II) and Table 2-A")


SPECS = (
    quality_spec(
        "aql_sampling_plan",
        ("AQL single sampling plan (normal inspection)", "计数抽样一次正常检验方案（AQL）"),
        (AqlPlanIn, AqlPlanOut),
        aql_sampling_plan,
        "code letter from Table 1 (lot size × inspection level); n, Ac, Re from Table 2-A, following the "
        "arrows to the first plan below (↓) or above (↑); AQL 0.025–6.5 % nonconforming",
        f"{GBT2828}, Table 1 (sample size code letters) and Table 2-A (single sampling, normal inspection)",
        (
            _plan(
                1000,
                1.0,
                {"code_letter": "J", "sample_size": 80, "acceptance_number": 2, "rejection_number": 3},
            ),
            _plan(
                5000,
                0.65,
                {"code_letter": "L", "sample_size": 200, "acceptance_number": 3, "rejection_number": 4},
            ),
            _plan(
                50, 0.65, {"code_letter": "D", "plan_letter": "F", "sample_size": 20, "acceptance_number": 0}
            ),
        ),
        domains=("production", "supply_chain", "product_service"),
    ),
    quality_spec(
        "acceptance_probability",
        ("Operating characteristic of a single sampling plan", "一次抽样方案的接收概率（OC曲线）"),
        (OcIn, OcOut),
        acceptance_probability,
        "P_a = Σ_{d=0}^{c} C(n,d)·p^d·(1 − p)^(n−d); AOQ = P_a·p·(N − n)/N; ATI = n + (1 − P_a)(N − n)",
        f"{MONTGOMERY}, §15.2 single sampling plans for attributes (type-B OC curve, AOQ, ATI)",
        (
            Example(
                {
                    "sample_size": 89,
                    "acceptance_number": 2,
                    "fraction_nonconforming": 0.01,
                    "lot_size": 10_000,
                },
                {
                    "acceptance_probability": 0.9397,
                    "average_outgoing_quality": 0.0093,
                    "average_total_inspection": 687,
                },
                f"{MONTGOMERY}, §15.2 (n = 89, c = 2, p = 0.01: P_a = 0.9397; N = 10 000: AOQ ≈ 0.0093, "
                "ATI ≈ 687)",
                rel_tol=5e-3,
            ),
        ),
        domains=("production", "supply_chain", "product_service"),
    ),
)
