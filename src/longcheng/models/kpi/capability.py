"""ISO 22400-2 capability KPIs: machine capability Cm, Cmk and process capability Cp, Cpk."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.kpi._base import ISO, Ratio, _In, _Out, kpi_spec

Value = Annotated[float, Unit(), Field(description="in the unit of the characteristic")]
Sigma = Annotated[float, Unit(gt=0), Field(description="standard deviation, unit of the characteristic")]
DOMAINS = ("production", "operations", "enterprise_management")
INDUSTRIES = ("general", "machinery", "automotive", "electronics", "aviation")
# Research-note vector Q11 [C]: USL 10.5, LSL 9.5, mean 10.1, sigma 0.1 → Cp 1.6667, Cpk 1.3333.
LIMITS = {"upper_specification_limit": 10.5, "lower_specification_limit": 9.5}
SOURCE = "hand-derived: (10.5 − 9.5)/(6·0.1) = 1.6667; min(10.5 − 10.1, 10.1 − 9.5)/(3·0.1) = 1.3333"


class SpreadIn(_In):
    upper_specification_limit: Value
    lower_specification_limit: Value
    standard_deviation: Sigma

    @model_validator(mode="after")
    def _ordered(self) -> SpreadIn:
        if self.upper_specification_limit <= self.lower_specification_limit:
            raise ValueError("upper_specification_limit must exceed lower_specification_limit")
        return self


class LocationIn(SpreadIn):
    mean: Value


class MachineCapabilityOut(_Out):
    cm: Ratio


class CriticalMachineCapabilityOut(_Out):
    cmk: Ratio


class ProcessCapabilityOut(_Out):
    cp: Ratio


class CriticalProcessCapabilityOut(_Out):
    cpk: Ratio


def _spread(p: SpreadIn) -> float:
    return (p.upper_specification_limit - p.lower_specification_limit) / (6 * p.standard_deviation)


def _critical(p: LocationIn) -> float:
    nearest = min(p.upper_specification_limit - p.mean, p.mean - p.lower_specification_limit)
    return nearest / (3 * p.standard_deviation)


def machine_capability_index(p: SpreadIn) -> MachineCapabilityOut:
    return MachineCapabilityOut(cm=_spread(p))


def critical_machine_capability_index(p: LocationIn) -> CriticalMachineCapabilityOut:
    return CriticalMachineCapabilityOut(cmk=_critical(p))


def process_capability_index(p: SpreadIn) -> ProcessCapabilityOut:
    return ProcessCapabilityOut(cp=_spread(p))


def critical_process_capability_index(p: LocationIn) -> CriticalProcessCapabilityOut:
    return CriticalProcessCapabilityOut(cpk=_critical(p))


def _example(with_mean: bool, field: str, value: float) -> tuple[Example, ...]:
    inputs = {**LIMITS, "standard_deviation": 0.1, **({"mean": 10.1} if with_mean else {})}
    return (Example(inputs, {field: value}, SOURCE, rel_tol=1e-6),)


SPECS = (
    kpi_spec(
        "machine_capability_index",
        ("Machine capability index (Cm)", "设备能力指数（Cm）"),
        (SpreadIn, MachineCapabilityOut),
        machine_capability_index,
        "Cm = (USL − LSL) / (6·s), s from a short-term machine capability run",
        f"{ISO}, KPI 'Machine capability index'",
        _example(False, "cm", 1.6666667),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
    kpi_spec(
        "critical_machine_capability_index",
        ("Critical machine capability index (Cmk)", "临界设备能力指数（Cmk）"),
        (LocationIn, CriticalMachineCapabilityOut),
        critical_machine_capability_index,
        "Cmk = min(USL − x̄, x̄ − LSL) / (3·s)",
        f"{ISO}, KPI 'Critical machine capability index'",
        _example(True, "cmk", 1.3333333),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
    kpi_spec(
        "process_capability_index",
        ("Process capability index (Cp)", "过程能力指数（Cp）"),
        (SpreadIn, ProcessCapabilityOut),
        process_capability_index,
        "Cp = (USL − LSL) / (6·σ̂), σ̂ the estimated within-process standard deviation",
        f"{ISO}, KPI 'Process capability index'",
        _example(False, "cp", 1.6666667),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
    kpi_spec(
        "critical_process_capability_index",
        ("Critical process capability index (Cpk)", "临界过程能力指数（Cpk）"),
        (LocationIn, CriticalProcessCapabilityOut),
        critical_process_capability_index,
        "Cpk = min(USL − x̿, x̿ − LSL) / (3·σ̂)",
        f"{ISO}, KPI 'Critical process capability index'",
        _example(True, "cpk", 1.3333333),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
)
