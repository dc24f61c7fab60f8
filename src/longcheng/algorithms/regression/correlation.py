"""Correlation with significance: Pearson (with Fisher-z interval) and Spearman rank correlation (SciPy)."""

from __future__ import annotations

import math

from pydantic import Field
from scipy import stats

from longcheng.algorithms._series import AlgoOut, as_array
from longcheng.algorithms.regression._base import DOMAINS, Level, PairedIn, quietly
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText


class PearsonIn(PairedIn):
    level: Level = 0.95


class PearsonOut(AlgoOut):
    r: float | None = Field(description="None when x or y is constant")
    p_value: float | None = Field(description="two-sided, from t = r√(n − 2)/√(1 − r²) with n − 2 dof")
    ci_lower: float | None
    ci_upper: float | None
    r_squared: float | None


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def pearson(p: PearsonIn) -> PearsonOut:
    res, caught = quietly(lambda: stats.pearsonr(as_array(p.x), as_array(p.y)))
    r = _number(res.statistic)
    low = high = None
    if r is not None and len(p.x) > 3 and abs(r) < 1:
        ci = res.confidence_interval(confidence_level=p.level)
        low, high = float(ci.low), float(ci.high)
    return PearsonOut(
        r=r,
        p_value=_number(res.pvalue),
        ci_lower=low,
        ci_upper=high,
        r_squared=r * r if r is not None else None,
        diagnostics={"n": len(p.x), "warnings": caught},
    )


class SpearmanOut(AlgoOut):
    rho: float | None
    p_value: float | None = Field(description="two-sided, t approximation with n − 2 dof")


def spearman(p: PairedIn) -> SpearmanOut:
    res, caught = quietly(lambda: stats.spearmanr(as_array(p.x), as_array(p.y)))
    return SpearmanOut(
        rho=_number(res.statistic),
        p_value=_number(res.pvalue),
        diagnostics={"n": len(p.x), "warnings": caught},
    )


PEARSON = ComputationSpec(
    name="regression.pearson_correlation",
    title=LocalizedText(en="Pearson correlation with significance test", zh="皮尔逊相关系数及显著性检验"),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    inputs=PearsonIn,
    outputs=PearsonOut,
    func=pearson,
    formula="r = Sxy/√(Sxx·Syy); t = r√(n − 2)/√(1 − r²), p = 2·P(T_{n−2} > |t|); "
    "interval tanh(atanh r ∓ z_{α/2}/√(n − 3))",
    reference="Montgomery & Runger, Applied Statistics and Probability for Engineers, 6th ed., §11-8 "
    "(correlation, Fisher z); scipy.stats.pearsonr",
    examples=(
        Example(
            inputs={"x": [1, 2, 3, 4], "y": [1, 3, 2, 4]},
            expected={"r": 0.8, "p_value": 0.2, "ci_lower": -0.6969534, "ci_upper": 0.9956003},
            source="by hand: Sxx = Syy = 5, Sxy = 4 → r = 0.8; with 2 dof P(|T| > t) = 1 − t/√(t² + 2) = "
            "1 − |r| = 0.2; atanh 0.8 = 1.098612 ∓ 1.959964 → tanh: −0.696953, 0.995600",
            rel_tol=1e-6,
        ),
    ),
)

SPEARMAN = ComputationSpec(
    name="regression.spearman_correlation",
    title=LocalizedText(en="Spearman rank correlation", zh="斯皮尔曼秩相关系数"),
    kind="algorithm",
    category="regression",
    domains=DOMAINS,
    inputs=PairedIn,
    outputs=SpearmanOut,
    func=spearman,
    formula="ρ = Pearson r of the ranks (= 1 − 6Σd²/(n(n² − 1)) without ties); t = ρ√(n − 2)/√(1 − ρ²)",
    reference="Spearman (1904), Amer. J. Psychol. 15:72-101; Conover, Practical Nonparametric Statistics, "
    "3rd ed., §5.4; scipy.stats.spearmanr",
    examples=(
        Example(
            inputs={"x": [1, 2, 3, 4, 5], "y": [2, 1, 4, 3, 5]},
            expected={"rho": 0.8, "p_value": 0.1040880},
            source="by hand: d = −1, 1, −1, 1, 0, Σd² = 4 → ρ = 1 − 24/120 = 0.8; t = 0.8√3/0.6 = 2.3094; "
            "t-distribution with 3 dof: F(t) = ½ + [t/(√3(1 + t²/3)) + atan(t/√3)]/π = 0.947960 "
            "→ p = 0.104081",
            rel_tol=1e-5,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (PEARSON, SPEARMAN)
