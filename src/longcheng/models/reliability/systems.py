"""System reliability from components (series, parallel, k-out-of-n, cold standby) and availability
(inherent, achieved, operational)."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator
from scipy import stats

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.reliability._base import (
    EBELING,
    Hours,
    PositiveHours,
    Probability,
    _In,
    _Out,
    reliability_spec,
)

BLANCHARD = "Blanchard & Fabrycky, Systems Engineering and Analysis, 5th ed. (2011), availability measures"
Components = Annotated[list[Probability], Field(min_length=1, description="reliability R_i of each block")]


class BlocksIn(_In):
    reliabilities: Components


class SystemOut(_Out):
    system_reliability: Probability


def series_system(p: BlocksIn) -> SystemOut:
    return SystemOut(system_reliability=math.prod(p.reliabilities))


def parallel_system(p: BlocksIn) -> SystemOut:
    return SystemOut(system_reliability=1.0 - math.prod(1.0 - r for r in p.reliabilities))


class KOutOfNIn(_In):
    required: Annotated[int, Field(ge=1, le=1000, description="k, blocks that must work")]
    blocks: Annotated[int, Field(ge=1, le=1000, description="n, identical independent blocks")]
    reliability: Probability

    @model_validator(mode="after")
    def _k_le_n(self) -> KOutOfNIn:
        if self.required > self.blocks:
            raise ValueError("required (k) cannot exceed blocks (n)")
        return self


def k_out_of_n_system(p: KOutOfNIn) -> SystemOut:
    return SystemOut(system_reliability=float(stats.binom.sf(p.required - 1, p.blocks, p.reliability)))


class StandbyIn(_In):
    failure_rate: Annotated[float, Unit("1/h", gt=0), Field(description="λ of each identical unit")]
    time: Annotated[Hours, Field(description="mission time t")]
    units: Annotated[int, Field(ge=1, le=100, description="one active unit plus (units − 1) cold spares")]


class StandbyOut(_Out):
    system_reliability: Probability
    mean_time_to_failure: Annotated[float, Unit("h")]


def cold_standby_system(p: StandbyIn) -> StandbyOut:
    reliability = float(stats.poisson.cdf(p.units - 1, p.failure_rate * p.time))
    return StandbyOut(system_reliability=reliability, mean_time_to_failure=p.units / p.failure_rate)


class InherentIn(_In):
    mtbf: Annotated[PositiveHours, Field(description="mean time between failures")]
    mttr: Annotated[Hours, Field(description="mean (corrective) time to repair")]


class AvailabilityOut(_Out):
    availability: Probability


def inherent_availability(p: InherentIn) -> AvailabilityOut:
    return AvailabilityOut(availability=p.mtbf / (p.mtbf + p.mttr))


class AchievedIn(InherentIn):
    preventive_interval: Annotated[PositiveHours, Field(description="operating time between PM actions")]
    preventive_time: Annotated[Hours, Field(description="mean active time of one PM action")]


class AchievedOut(AvailabilityOut):
    mean_time_between_maintenance: Annotated[float, Unit("h")]
    mean_active_maintenance_time: Annotated[float, Unit("h")]


def achieved_availability(p: AchievedIn) -> AchievedOut:
    corrective, preventive = 1.0 / p.mtbf, 1.0 / p.preventive_interval
    mtbm = 1.0 / (corrective + preventive)
    m_bar = (corrective * p.mttr + preventive * p.preventive_time) * mtbm
    return AchievedOut(
        availability=mtbm / (mtbm + m_bar),
        mean_time_between_maintenance=mtbm,
        mean_active_maintenance_time=m_bar,
    )


class OperationalIn(_In):
    mean_time_between_maintenance: Annotated[PositiveHours, Field(description="MTBM")]
    mean_down_time: Annotated[Hours, Field(description="MDT, including logistic and administrative delay")]


def operational_availability(p: OperationalIn) -> AvailabilityOut:
    mtbm = p.mean_time_between_maintenance
    return AvailabilityOut(availability=mtbm / (mtbm + p.mean_down_time))


SYSTEMS = f"{EBELING}, ch. 'Reliability of systems'"
SPECS = (
    reliability_spec(
        "series_system",
        ("Series system reliability", "串联系统可靠度"),
        (BlocksIn, SystemOut),
        series_system,
        "R_s = Π R_i",
        f"{SYSTEMS}; IEC 61078:2016 reliability block diagrams, series",
        (
            Example(
                {"reliabilities": [0.95, 0.98, 0.99]},
                {"system_reliability": 0.921690},
                "hand-derived: 0.95 × 0.98 × 0.99 = 0.92169",
                rel_tol=1e-9,
            ),
        ),
    ),
    reliability_spec(
        "parallel_system",
        ("Parallel (active redundant) system reliability", "并联冗余系统可靠度"),
        (BlocksIn, SystemOut),
        parallel_system,
        "R_s = 1 − Π(1 − R_i)",
        f"{SYSTEMS}; IEC 61078:2016 reliability block diagrams, parallel",
        (
            Example(
                {"reliabilities": [0.9, 0.8]},
                {"system_reliability": 0.98},
                "hand-derived: 1 − 0.1 × 0.2 = 0.98",
                rel_tol=1e-9,
            ),
        ),
    ),
    reliability_spec(
        "k_out_of_n_system",
        ("k-out-of-n system reliability", "n中取k表决系统可靠度"),
        (KOutOfNIn, SystemOut),
        k_out_of_n_system,
        "R_s = Σ_{i=k}^{n} C(n,i)·R^i·(1 − R)^(n−i) (identical independent blocks)",
        f"{SYSTEMS} (k-out-of-n redundancy); IEC 61078:2016",
        (
            Example(
                {"required": 2, "blocks": 3, "reliability": 0.9},
                {"system_reliability": 0.972},
                "hand-derived: 3·0.9²·0.1 + 0.9³ = 0.243 + 0.729 = 0.972",
                rel_tol=1e-9,
            ),
        ),
    ),
    reliability_spec(
        "cold_standby_system",
        ("Cold standby system reliability", "冷储备系统可靠度"),
        (StandbyIn, StandbyOut),
        cold_standby_system,
        "R_s(t) = e^(−λt)·Σ_{i=0}^{n−1} (λt)^i / i! (perfect switching); MTTF = n/λ",
        f"{EBELING}, ch. 'State-dependent systems' (standby redundancy)",
        (
            Example(
                {"failure_rate": 0.001, "time": 1000, "units": 2},
                {"system_reliability": 0.7357589, "mean_time_to_failure": 2000.0},
                "hand-derived: e^(−1)·(1 + 1) = 0.735759; 2/0.001 = 2000 h",
                rel_tol=1e-6,
            ),
        ),
    ),
    reliability_spec(
        "inherent_availability",
        ("Inherent availability", "固有可用度"),
        (InherentIn, AvailabilityOut),
        inherent_availability,
        "A_i = MTBF / (MTBF + MTTR)",
        f"{BLANCHARD}; {EBELING}, ch. 'Availability'",
        (
            Example(
                {"mtbf": 200, "mttr": 5},
                {"availability": 0.9756098},
                "research note RL3 [C]: 200/205 = 0.975610",
                rel_tol=1e-6,
            ),
        ),
    ),
    reliability_spec(
        "achieved_availability",
        ("Achieved availability", "可达可用度"),
        (AchievedIn, AchievedOut),
        achieved_availability,
        "1/MTBM = 1/MTBF + 1/T_pm; M̄ = (MTTR/MTBF + M_pt/T_pm)·MTBM; A_a = MTBM / (MTBM + M̄)",
        f"{BLANCHARD}; {EBELING}, ch. 'Availability'",
        (
            Example(
                {"mtbf": 200, "mttr": 5, "preventive_interval": 100, "preventive_time": 2},
                {
                    "mean_time_between_maintenance": 66.666667,
                    "mean_active_maintenance_time": 3.0,
                    "availability": 0.9569378,
                },
                "hand-derived: MTBM = 1/0.015 = 66.667 h; M̄ = (0.025 + 0.02)/0.015 = 3 h; "
                "A_a = 66.667/69.667 = 0.956938",
                rel_tol=1e-6,
            ),
        ),
    ),
    reliability_spec(
        "operational_availability",
        ("Operational availability", "使用可用度"),
        (OperationalIn, AvailabilityOut),
        operational_availability,
        "A_o = MTBM / (MTBM + MDT)",
        f"{BLANCHARD}; {EBELING}, ch. 'Availability'",
        (
            Example(
                {"mean_time_between_maintenance": 150, "mean_down_time": 10},
                {"availability": 0.9375},
                "hand-derived: 150/160 = 0.9375",
                rel_tol=1e-9,
            ),
        ),
        domains=("operations", "product_service", "production"),
    ),
)
