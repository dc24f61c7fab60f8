"""ISO 22400-2 maintenance KPIs: mean operating time between failures, mean time to failure, mean time to
restoration and the corrective maintenance ratio."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.kpi._base import ISO, Hours, Ratio, _In, _Out, hand, kpi_spec

DOMAINS = ("operations", "production", "product_service", "enterprise_management")
INDUSTRIES = ("general", "machinery", "automotive", "energy", "chemical", "metallurgy")
Times = Annotated[list[Hours], Field(min_length=1)]
MeanHours = Annotated[float, Unit("h")]


class TimesBetweenFailuresIn(_In):
    times_between_failures: Annotated[
        Times, Field(description="TBF_i, operating time of each interval between failure events")
    ]


class TimesToFailureIn(_In):
    times_to_failure: Annotated[Times, Field(description="TTF_i, operating time from restart to failure")]


class TimesToRepairIn(_In):
    times_to_repair: Annotated[Times, Field(description="TTR_i, time from failure to restoration")]


class MtbfOut(_Out):
    mean_operating_time_between_failures: MeanHours
    intervals: Annotated[int, Field(description="number of intervals averaged")]


class MttfOut(_Out):
    mean_time_to_failure: MeanHours
    failure_events: Annotated[int, Field(description="FE")]


class MttrOut(_Out):
    mean_time_to_restoration: MeanHours
    failure_events: Annotated[int, Field(description="FE")]


def mean_operating_time_between_failures(p: TimesBetweenFailuresIn) -> MtbfOut:
    n = len(p.times_between_failures)
    return MtbfOut(mean_operating_time_between_failures=sum(p.times_between_failures) / n, intervals=n)


def mean_time_to_failure(p: TimesToFailureIn) -> MttfOut:
    n = len(p.times_to_failure)
    return MttfOut(mean_time_to_failure=sum(p.times_to_failure) / n, failure_events=n)


def mean_time_to_restoration(p: TimesToRepairIn) -> MttrOut:
    n = len(p.times_to_repair)
    return MttrOut(mean_time_to_restoration=sum(p.times_to_repair) / n, failure_events=n)


class CorrectiveMaintenanceIn(_In):
    corrective_maintenance_time: Annotated[Hours, Field(description="CMT")]
    preventive_maintenance_time: Annotated[Hours, Field(description="PMT")]

    @model_validator(mode="after")
    def _some_maintenance(self) -> CorrectiveMaintenanceIn:
        if self.corrective_maintenance_time + self.preventive_maintenance_time <= 0:
            raise ValueError("corrective and preventive maintenance times are both zero")
        return self


class CorrectiveMaintenanceOut(_Out):
    corrective_maintenance_ratio: Ratio


def corrective_maintenance_ratio(p: CorrectiveMaintenanceIn) -> CorrectiveMaintenanceOut:
    total = p.corrective_maintenance_time + p.preventive_maintenance_time
    return CorrectiveMaintenanceOut(corrective_maintenance_ratio=p.corrective_maintenance_time / total)


SPECS = (
    kpi_spec(
        "mean_operating_time_between_failures",
        ("Mean operating time between failures (MTBF)", "平均故障间隔工作时间（MTBF）"),
        (TimesBetweenFailuresIn, MtbfOut),
        mean_operating_time_between_failures,
        "MTBF = ΣTBF_i / n, the mean of the n operating intervals between failure events",
        f"{ISO}, KPI 'Mean operating time between failures'",
        (
            Example(
                {"times_between_failures": [120, 95.5, 160, 84.5]},
                {"mean_operating_time_between_failures": 115.0, "intervals": 4},
                hand("(120 + 95.5 + 160 + 84.5) / 4 = 115 h"),
            ),
        ),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
    kpi_spec(
        "mean_time_to_failure",
        ("Mean time to failure (MTTF)", "平均失效前时间（MTTF）"),
        (TimesToFailureIn, MttfOut),
        mean_time_to_failure,
        "MTTF = ΣTTF_i / FE",
        f"{ISO}, KPI 'Mean time to failure'",
        (
            Example(
                {"times_to_failure": [110, 90, 155]},
                {"mean_time_to_failure": 118.3333333, "failure_events": 3},
                hand("(110 + 90 + 155) / 3 = 118.333 h"),
            ),
        ),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
    kpi_spec(
        "mean_time_to_restoration",
        ("Mean time to restoration (MTTR)", "平均恢复时间（MTTR）"),
        (TimesToRepairIn, MttrOut),
        mean_time_to_restoration,
        "MTTR = ΣTTR_i / FE",
        f"{ISO}, KPI 'Mean time to repair'; IEC 60050-192:2015 192-07-23 (mean time to restoration)",
        (
            Example(
                {"times_to_repair": [2.5, 4, 1.5]},
                {"mean_time_to_restoration": 2.6666667, "failure_events": 3},
                hand("(2.5 + 4 + 1.5) / 3 = 2.6667 h"),
            ),
        ),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
    kpi_spec(
        "corrective_maintenance_ratio",
        ("Corrective maintenance ratio", "纠正性维护比率"),
        (CorrectiveMaintenanceIn, CorrectiveMaintenanceOut),
        corrective_maintenance_ratio,
        "CMR = CMT / (CMT + PMT)",
        f"{ISO}, KPI 'Corrective maintenance ratio'",
        (
            Example(
                {"corrective_maintenance_time": 30, "preventive_maintenance_time": 90},
                {"corrective_maintenance_ratio": 0.25},
                hand("30 / (30 + 90) = 0.25"),
            ),
        ),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
)
