"""ISO 22400-2 time-based KPIs of personnel and orders: worker efficiency, allocation, throughput."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.kpi._base import (
    ISO,
    Minutes,
    PositiveMinutes,
    Quantity,
    Ratio,
    _In,
    _Out,
    hand,
    kpi_spec,
    not_more_than,
)

# --- worker efficiency ------------------------------------------------------------------------------------


class WorkerEfficiencyIn(_In):
    actual_personnel_work_time: Annotated[Minutes, Field(description="APWT, time spent on orders")]
    actual_personnel_attendance_time: Annotated[PositiveMinutes, Field(description="APAT")]

    @model_validator(mode="after")
    def _within(self) -> WorkerEfficiencyIn:
        not_more_than(self.actual_personnel_work_time, self.actual_personnel_attendance_time, "APWT", "APAT")
        return self


class WorkerEfficiencyOut(_Out):
    worker_efficiency: Ratio


def worker_efficiency(p: WorkerEfficiencyIn) -> WorkerEfficiencyOut:
    return WorkerEfficiencyOut(
        worker_efficiency=p.actual_personnel_work_time / p.actual_personnel_attendance_time
    )


WORKER_EFFICIENCY = kpi_spec(
    "worker_efficiency",
    ("Worker efficiency", "员工工作效率"),
    (WorkerEfficiencyIn, WorkerEfficiencyOut),
    worker_efficiency,
    "WE = APWT / APAT",
    f"{ISO}, KPI 'Worker efficiency'",
    (
        Example(
            {"actual_personnel_work_time": 420, "actual_personnel_attendance_time": 480},
            {"worker_efficiency": 0.875},
            hand("420 / 480 = 0.875"),
        ),
    ),
)

# --- allocation ratio -------------------------------------------------------------------------------------


class AllocationRatioIn(_In):
    actual_unit_busy_time_total: Annotated[
        Minutes, Field(description="ΣAUBT over all work units busy with the order")
    ]
    actual_order_execution_time: Annotated[PositiveMinutes, Field(description="AOET")]


class AllocationRatioOut(_Out):
    allocation_ratio: Ratio


def allocation_ratio(p: AllocationRatioIn) -> AllocationRatioOut:
    return AllocationRatioOut(allocation_ratio=p.actual_unit_busy_time_total / p.actual_order_execution_time)


ALLOCATION_RATIO = kpi_spec(
    "allocation_ratio",
    ("Allocation ratio", "分配比率"),
    (AllocationRatioIn, AllocationRatioOut),
    allocation_ratio,
    "AR = ΣAUBT / AOET (can exceed 1 when several work units serve one order)",
    f"{ISO}, KPI 'Allocation ratio'",
    (
        Example(
            {"actual_unit_busy_time_total": 900, "actual_order_execution_time": 600},
            {"allocation_ratio": 1.5},
            hand("900 / 600 = 1.5"),
        ),
    ),
)

# --- throughput rate --------------------------------------------------------------------------------------


class ThroughputRateIn(_In):
    produced_quantity: Annotated[Quantity, Field(description="PQ")]
    actual_order_execution_time: Annotated[PositiveMinutes, Field(description="AOET")]


class ThroughputRateOut(_Out):
    throughput_rate: Annotated[float, Unit("1/h")]


def throughput_rate(p: ThroughputRateIn) -> ThroughputRateOut:
    return ThroughputRateOut(throughput_rate=p.produced_quantity / (p.actual_order_execution_time / 60.0))


THROUGHPUT_RATE = kpi_spec(
    "throughput_rate",
    ("Throughput rate", "产出率"),
    (ThroughputRateIn, ThroughputRateOut),
    throughput_rate,
    "TR = PQ / AOET (quantity per hour)",
    f"{ISO}, KPI 'Throughput rate'",
    (
        Example(
            {"produced_quantity": 360, "actual_order_execution_time": 480},
            {"throughput_rate": 45.0},
            hand("360 / 8 h = 45 per hour"),
        ),
    ),
)

# --- allocation efficiency --------------------------------------------------------------------------------


class AllocationEfficiencyIn(_In):
    actual_unit_busy_time: Annotated[Minutes, Field(description="AUBT")]
    planned_busy_time: Annotated[PositiveMinutes, Field(description="PBT")]


class AllocationEfficiencyOut(_Out):
    allocation_efficiency: Ratio


def allocation_efficiency(p: AllocationEfficiencyIn) -> AllocationEfficiencyOut:
    return AllocationEfficiencyOut(allocation_efficiency=p.actual_unit_busy_time / p.planned_busy_time)


ALLOCATION_EFFICIENCY = kpi_spec(
    "allocation_efficiency",
    ("Allocation efficiency", "分配效率"),
    (AllocationEfficiencyIn, AllocationEfficiencyOut),
    allocation_efficiency,
    "AE = AUBT / PBT",
    f"{ISO}, KPI 'Allocation efficiency'",
    (
        Example(
            {"actual_unit_busy_time": 432, "planned_busy_time": 480},
            {"allocation_efficiency": 0.9},
            hand("432 / 480 = 0.9"),
        ),
    ),
)

SPECS = (WORKER_EFFICIENCY, ALLOCATION_RATIO, THROUGHPUT_RATE, ALLOCATION_EFFICIENCY)
