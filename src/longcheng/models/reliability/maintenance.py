"""Maintenance models: rolling-bearing basic rating life (ISO 281) and the optimal age-replacement
interval of a Weibull item."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, model_validator
from scipy import optimize, special

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.reliability._base import PositiveHours, _In, _Out, reliability_spec

# ISO 281:2007 Table 12, life modification factor for reliability a1
A1 = {90: 1.0, 95: 0.64, 96: 0.55, 97: 0.47, 98: 0.37, 99: 0.25}


class BearingLifeIn(_In):
    dynamic_load_rating: Annotated[float, Unit("kN", gt=0), Field(description="basic dynamic load rating C")]
    equivalent_load: Annotated[float, Unit("kN", gt=0), Field(description="dynamic equivalent load P")]
    bearing_type: Literal["ball", "roller"] = "ball"
    speed: Annotated[float, Unit("rpm", gt=0), Field(description="rotational speed n")] | None = None
    reliability_percent: Literal[90, 95, 96, 97, 98, 99] = 90


class BearingLifeOut(_Out):
    life: Annotated[float, Unit(), Field(description="L_nm in millions of revolutions")]
    life_hours: Annotated[float, Unit("h")] | None
    a1: Annotated[float, Unit()]


def bearing_rating_life(p: BearingLifeIn) -> BearingLifeOut:
    exponent = 3.0 if p.bearing_type == "ball" else 10.0 / 3.0
    a1 = A1[p.reliability_percent]
    life = a1 * (p.dynamic_load_rating / p.equivalent_load) ** exponent
    hours = None if p.speed is None else life * 1e6 / (60.0 * p.speed)
    return BearingLifeOut(life=life, life_hours=hours, a1=a1)


class AgeReplacementIn(_In):
    shape: Annotated[float, Unit(gt=0, le=20), Field(description="Weibull shape β")]
    scale: Annotated[PositiveHours, Field(description="Weibull characteristic life η")]
    preventive_cost: Annotated[float, Unit(gt=0), Field(description="C_p, cost of a planned replacement")]
    failure_cost: Annotated[float, Unit(gt=0), Field(description="C_f, cost of a failure replacement")]

    @model_validator(mode="after")
    def _costs(self) -> AgeReplacementIn:
        if self.failure_cost <= self.preventive_cost:
            raise ValueError("failure_cost must exceed preventive_cost for preventive replacement to pay")
        return self


class AgeReplacementOut(_Out):
    optimal_interval: Annotated[float, Unit("h")] | None
    cost_rate: Annotated[float, Unit("1/h"), Field(description="cost per operating hour at the optimum")]
    run_to_failure_cost_rate: Annotated[float, Unit("1/h")]


def optimal_age_replacement(p: AgeReplacementIn) -> AgeReplacementOut:
    beta, eta, cp, cf = p.shape, p.scale, p.preventive_cost, p.failure_cost
    mttf = eta * float(special.gamma(1 + 1 / beta))
    run_to_failure = cf / mttf
    if beta <= 1:  # a constant or falling hazard: preventive replacement never pays
        return AgeReplacementOut(
            optimal_interval=None, cost_rate=run_to_failure, run_to_failure_cost_rate=run_to_failure
        )

    def uptime(t: float) -> float:  # ∫0^T R(t) dt = MTTF · P(1/β, (T/η)^β)
        return float(mttf * special.gammainc(1 / beta, (t / eta) ** beta))

    def foc(t: float) -> float:  # h(T)·∫0^T R − F(T) − C_p/(C_f − C_p) = 0 (Barlow & Hunter)
        hazard = beta / eta * math.pow(t / eta, beta - 1)
        return hazard * uptime(t) - (1 - math.exp(-((t / eta) ** beta))) - cp / (cf - cp)

    upper = eta
    while foc(upper) < 0:
        upper *= 2
    t_opt = float(optimize.brentq(foc, 1e-9 * eta, upper, xtol=1e-12 * eta))
    survive = math.exp(-((t_opt / eta) ** beta))
    rate = (cp * survive + cf * (1 - survive)) / uptime(t_opt)
    return AgeReplacementOut(optimal_interval=t_opt, cost_rate=rate, run_to_failure_cost_rate=run_to_failure)


SPECS = (
    reliability_spec(
        "bearing_rating_life",
        ("Rolling bearing basic rating life (L10)", "滚动轴承基本额定寿命（L10）"),
        (BearingLifeIn, BearingLifeOut),
        bearing_rating_life,
        "L_10 = (C/P)^p ×10⁶ rev, p = 3 (ball) or 10/3 (roller); L_nm = a1·L_10; L_h = 10⁶·L/(60·n)",
        "GB/T 6391-2010 (ISO 281:2007) Rolling bearings — Dynamic load ratings and rating life, "
        "basic rating life and Table 12 (a1)",
        (
            Example(
                {"dynamic_load_rating": 14.8, "equivalent_load": 1.5, "speed": 1500},
                {"life": 960.53096, "life_hours": 10672.566},
                "hand-derived: (14.8/1.5)³ = 960.531 ×10⁶ rev; ×10⁶/(60·1500) = 10 672.6 h "
                "(C = 14.8 kN is the SKF 6205 catalogue rating)",
                rel_tol=1e-6,
            ),
            Example(
                {"dynamic_load_rating": 10, "equivalent_load": 1, "reliability_percent": 99},
                {"life": 250.0, "a1": 0.25},
                "research note S15 [C]: C/P = 10, ball → 1000 ×10⁶ rev; ISO 281 Table 12 a1(99 %) = 0.25",
                rel_tol=1e-9,
            ),
        ),
        domains=("rd_design", "operations", "product_service"),
        industries=("machinery", "automotive", "energy", "general"),
    ),
    reliability_spec(
        "optimal_age_replacement",
        ("Optimal age-replacement interval (Weibull)", "最优定龄更换周期（威布尔）"),
        (AgeReplacementIn, AgeReplacementOut),
        optimal_age_replacement,
        "minimise C(T) = [C_p·R(T) + C_f·(1 − R(T))] / ∫0^T R(t) dt, R Weibull; "
        "optimum where h(T)·∫0^T R − F(T) = C_p/(C_f − C_p) (no closed form; β ≤ 1: run to failure)",
        "Barlow & Hunter, 'Optimum preventive maintenance policies', Operations Research 8(1):90–100 (1960); "
        "Jardine & Tsang, Maintenance, Replacement and Reliability, 2nd ed. (2013), age replacement",
        (
            Example(
                {"shape": 2, "scale": 1000, "preventive_cost": 100, "failure_cost": 1000},
                {
                    "optimal_interval": 336.45119,
                    "cost_rate": 0.60561214,
                    "run_to_failure_cost_rate": 1.1283792,
                },
                "computed by direct minimisation of C(T) in 30-digit arithmetic (mpmath quad + findroot)",
                rel_tol=1e-6,
            ),
            Example(
                {"shape": 3, "scale": 500, "preventive_cost": 1, "failure_cost": 5},
                {"optimal_interval": 251.30479, "cost_rate": 0.0060627934},
                "computed by direct minimisation of C(T) in 30-digit arithmetic (mpmath quad + findroot)",
                rel_tol=1e-6,
            ),
        ),
        domains=("operations", "production", "product_service"),
    ),
)
