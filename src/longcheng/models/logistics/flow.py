"""Flow through production lines: Little's law, takt time, line balancing, queueing cycle time."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.logistics._base import FLOW_DOMAINS, INDUSTRIES, ModelIn, ModelOut

# --- Little's law -------------------------------------------------------------------------------------


class LittleIn(ModelIn):
    wip: Annotated[float, Unit(ge=0), Field(description="average work in process, units")] | None = None
    throughput: Annotated[float, Unit("1/hour", gt=0), Field(description="units per hour")] | None = None
    cycle_time: Annotated[float, Unit("hour", gt=0), Field(description="average flow time")] | None = None

    @model_validator(mode="after")
    def _two_of_three(self) -> LittleIn:
        given = sum(v is not None for v in (self.wip, self.throughput, self.cycle_time))
        if given != 2:
            raise ValueError("give exactly two of wip, throughput and cycle_time")
        return self


class LittleOut(ModelOut):
    wip: Annotated[float, Unit()]
    throughput: Annotated[float, Unit("1/hour")]
    cycle_time: Annotated[float, Unit("hour")]


def littles_law(p: LittleIn) -> LittleOut:
    if p.throughput is not None and p.cycle_time is not None:
        return LittleOut(wip=p.throughput * p.cycle_time, throughput=p.throughput, cycle_time=p.cycle_time)
    if p.wip is not None and p.cycle_time is not None:
        return LittleOut(wip=p.wip, throughput=p.wip / p.cycle_time, cycle_time=p.cycle_time)
    if p.wip is not None and p.throughput is not None:
        return LittleOut(wip=p.wip, throughput=p.throughput, cycle_time=p.wip / p.throughput)
    raise ValueError("give exactly two of wip, throughput and cycle_time")


LITTLE = ComputationSpec(
    name="logistics.littles_law",
    title=LocalizedText(en="Little's law (WIP = TH × CT)", zh="利特尔法则"),
    kind="model",
    category="logistics",
    domains=FLOW_DOMAINS,
    industries=INDUSTRIES,
    inputs=LittleIn,
    outputs=LittleOut,
    func=littles_law,
    formula="WIP = TH × CT",
    reference="Little, J.D.C., Operations Research 9(3):383–387 (1961); Hopp & Spearman, Factory Physics, "
    "3rd ed., ch. 3",
    examples=(
        Example(
            inputs={"throughput": 20, "cycle_time": 2.5},
            expected={"wip": 50.0},
            source="derived by hand: 20 units/h × 2.5 h = 50 units",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"wip": 50, "throughput": 20},
            expected={"cycle_time": 2.5},
            source="derived by hand: 50 / 20 = 2.5 h",
            rel_tol=1e-9,
        ),
    ),
)

# --- takt time ----------------------------------------------------------------------------------------


class TaktIn(ModelIn):
    available_time: Annotated[float, Unit("s", gt=0), Field(description="net available production time")]
    demand: Annotated[float, Unit(gt=0), Field(description="units required in that time")]


class TaktOut(ModelOut):
    takt_time: Annotated[float, Unit("s")]


def takt_time(p: TaktIn) -> TaktOut:
    return TaktOut(takt_time=p.available_time / p.demand)


TAKT = ComputationSpec(
    name="logistics.takt_time",
    title=LocalizedText(en="Takt time", zh="节拍时间"),
    kind="model",
    category="logistics",
    domains=("production", "supply_chain"),
    industries=INDUSTRIES,
    inputs=TaktIn,
    outputs=TaktOut,
    func=takt_time,
    formula="T_takt = available time / customer demand",
    reference="Rother & Shook, Learning to See (Lean Enterprise Institute, 1999): takt time",
    examples=(
        Example(
            inputs={"available_time": 27000, "demand": 450},
            expected={"takt_time": 60.0},
            source="research note §1.12 L7 [C]: 27 000 s / 450 → 60 s",
            rel_tol=1e-9,
        ),
    ),
)

# --- line balancing -----------------------------------------------------------------------------------


class LineBalanceIn(ModelIn):
    task_times: list[Annotated[float, Unit("s", gt=0)]] = Field(min_length=1, description="work elements")
    cycle_time: Annotated[float, Unit("s", gt=0)]
    stations: Annotated[float, Unit(gt=0), Field(description="stations actually used")] | None = None

    @model_validator(mode="after")
    def _feasible(self) -> LineBalanceIn:
        if max(self.task_times) > self.cycle_time:
            raise ValueError("a task longer than the cycle time cannot be assigned to one station")
        return self


class LineBalanceOut(ModelOut):
    work_content: Annotated[float, Unit("s")]
    minimum_stations: Annotated[float, Unit(), Field(description="⌈Σt / CT⌉")]
    efficiency: Annotated[float, Unit(), Field(description="Σt / (N·CT)")]
    balance_delay: Annotated[float, Unit(), Field(description="1 − efficiency")]


def line_balance(p: LineBalanceIn) -> LineBalanceOut:
    work = math.fsum(p.task_times)
    minimum = math.ceil(work / p.cycle_time - 1e-12)
    stations = p.stations if p.stations is not None else float(minimum)
    efficiency = work / (stations * p.cycle_time)
    return LineBalanceOut(
        work_content=work, minimum_stations=minimum, efficiency=efficiency, balance_delay=1.0 - efficiency
    )


LINE_BALANCE = ComputationSpec(
    name="logistics.line_balance",
    title=LocalizedText(en="Assembly line balance efficiency", zh="生产线平衡率"),
    kind="model",
    category="logistics",
    domains=("production", "rd_design"),
    industries=("automotive", "electronics", "machinery", "light_industry", "general"),
    inputs=LineBalanceIn,
    outputs=LineBalanceOut,
    func=line_balance,
    formula="E = Σt_i / (N·CT); d = 1 − E; N_min = ⌈Σt_i / CT⌉",
    reference="Groover, Automation, Production Systems, and Computer-Integrated Manufacturing, "
    "4th ed., ch. 15 (line balancing: balance efficiency and balance delay)",
    examples=(
        Example(
            inputs={"task_times": [12, 15, 8, 20, 10, 25], "cycle_time": 30, "stations": 4},
            expected={"work_content": 90.0, "minimum_stations": 3, "efficiency": 0.75, "balance_delay": 0.25},
            source="derived by hand: Σt = 90 s; 90 / (4·30) = 0.75; ⌈90/30⌉ = 3",
            rel_tol=1e-9,
        ),
    ),
)

# --- queueing cycle time at a station (Kingman / VUT) -------------------------------------------------


class QueueCycleTimeIn(ModelIn):
    process_time: Annotated[float, Unit("min", gt=0), Field(description="t_e, effective process time")]
    utilisation: Annotated[float, Unit(gt=0, lt=1), Field(description="u = r_a·t_e")]
    arrival_cv: Annotated[float, Unit(ge=0), Field(description="c_a, coefficient of variation")] = 1.0
    process_cv: Annotated[float, Unit(ge=0), Field(description="c_e, coefficient of variation")] = 1.0


class QueueCycleTimeOut(ModelOut):
    queue_time: Annotated[float, Unit("min")]
    cycle_time: Annotated[float, Unit("min")]


def queue_cycle_time(p: QueueCycleTimeIn) -> QueueCycleTimeOut:
    variability = (p.arrival_cv**2 + p.process_cv**2) / 2.0
    queue = variability * p.utilisation / (1.0 - p.utilisation) * p.process_time
    return QueueCycleTimeOut(queue_time=queue, cycle_time=queue + p.process_time)


QUEUE_CYCLE_TIME = ComputationSpec(
    name="logistics.queue_cycle_time",
    title=LocalizedText(en="Station cycle time with queueing (Kingman VUT)", zh="工位排队周期时间"),
    kind="model",
    category="logistics",
    domains=FLOW_DOMAINS,
    industries=INDUSTRIES,
    inputs=QueueCycleTimeIn,
    outputs=QueueCycleTimeOut,
    func=queue_cycle_time,
    formula="CT_q = ((c_a² + c_e²)/2)·(u/(1 − u))·t_e; CT = CT_q + t_e",
    reference="Kingman, Proc. Cambridge Phil. Soc. 57:902 (1961); Hopp & Spearman, Factory Physics, 3rd ed., "
    "ch. 8 (VUT equation)",
    examples=(
        Example(
            inputs={"process_time": 10, "utilisation": 0.8, "arrival_cv": 1.0, "process_cv": 0.5},
            expected={"queue_time": 25.0, "cycle_time": 35.0},
            source="derived by hand: V = (1 + 0.25)/2 = 0.625, U = 0.8/0.2 = 4 → 0.625·4·10 = 25 min",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"process_time": 1, "utilisation": 0.5},
            expected={"queue_time": 1.0},
            source="M/M/1 check: W_q = ρ/(1 − ρ)·(1/μ) = 1 min for ρ = 0.5, 1/μ = 1 min",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (LITTLE, TAKT, LINE_BALANCE, QUEUE_CYCLE_TIME)

__all__ = ["SPECS", "line_balance", "littles_law", "queue_cycle_time", "takt_time"]
