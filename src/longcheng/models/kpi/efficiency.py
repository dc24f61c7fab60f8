"""ISO 22400-2 efficiency KPIs of a work unit: utilisation, setup, technical efficiency, process ratio."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import Example
from longcheng.models.kpi._base import (
    ISO,
    Minutes,
    PositiveMinutes,
    Ratio,
    _In,
    _Out,
    hand,
    kpi_spec,
    not_more_than,
)

# --- utilisation efficiency -------------------------------------------------------------------------------


class UtilisationEfficiencyIn(_In):
    actual_production_time: Annotated[Minutes, Field(description="APT")]
    actual_unit_busy_time: Annotated[PositiveMinutes, Field(description="AUBT")]

    @model_validator(mode="after")
    def _within(self) -> UtilisationEfficiencyIn:
        not_more_than(self.actual_production_time, self.actual_unit_busy_time, "APT", "AUBT")
        return self


class UtilisationEfficiencyOut(_Out):
    utilisation_efficiency: Ratio


def utilisation_efficiency(p: UtilisationEfficiencyIn) -> UtilisationEfficiencyOut:
    return UtilisationEfficiencyOut(utilisation_efficiency=p.actual_production_time / p.actual_unit_busy_time)


UTILISATION_EFFICIENCY = kpi_spec(
    "utilisation_efficiency",
    ("Utilisation efficiency", "利用效率"),
    (UtilisationEfficiencyIn, UtilisationEfficiencyOut),
    utilisation_efficiency,
    "UE = APT / AUBT",
    f"{ISO}, KPI 'Utilization efficiency'",
    (
        Example(
            {"actual_production_time": 380, "actual_unit_busy_time": 432},
            {"utilisation_efficiency": 0.8796296},
            hand("380 / 432 = 0.87963"),
        ),
    ),
)

# --- setup ratio ------------------------------------------------------------------------------------------


class SetupRatioIn(_In):
    actual_unit_setup_time: Annotated[Minutes, Field(description="AUST")]
    actual_unit_processing_time: Annotated[PositiveMinutes, Field(description="AUPT = APT + AUST")]

    @model_validator(mode="after")
    def _within(self) -> SetupRatioIn:
        not_more_than(self.actual_unit_setup_time, self.actual_unit_processing_time, "AUST", "AUPT")
        return self


class SetupRatioOut(_Out):
    setup_ratio: Ratio


def setup_ratio(p: SetupRatioIn) -> SetupRatioOut:
    return SetupRatioOut(setup_ratio=p.actual_unit_setup_time / p.actual_unit_processing_time)


SETUP_RATIO = kpi_spec(
    "setup_ratio",
    ("Setup ratio", "换型时间比率"),
    (SetupRatioIn, SetupRatioOut),
    setup_ratio,
    "SeR = AUST / AUPT",
    f"{ISO}, KPI 'Setup ratio'",
    (
        Example(
            {"actual_unit_setup_time": 40, "actual_unit_processing_time": 420},
            {"setup_ratio": 0.0952381},
            hand("40 / 420 = 0.095238"),
        ),
    ),
)

# --- technical efficiency ---------------------------------------------------------------------------------


class TechnicalEfficiencyIn(_In):
    actual_production_time: Annotated[PositiveMinutes, Field(description="APT")]
    actual_unit_delay_time: Annotated[Minutes, Field(description="ADET, malfunction-caused delays")]


class TechnicalEfficiencyOut(_Out):
    technical_efficiency: Ratio


def technical_efficiency(p: TechnicalEfficiencyIn) -> TechnicalEfficiencyOut:
    apt = p.actual_production_time
    return TechnicalEfficiencyOut(technical_efficiency=apt / (apt + p.actual_unit_delay_time))


TECHNICAL_EFFICIENCY = kpi_spec(
    "technical_efficiency",
    ("Technical efficiency", "技术效率"),
    (TechnicalEfficiencyIn, TechnicalEfficiencyOut),
    technical_efficiency,
    "TE = APT / (APT + ADET)",
    f"{ISO}, KPI 'Technical efficiency'",
    (
        Example(
            {"actual_production_time": 380, "actual_unit_delay_time": 20},
            {"technical_efficiency": 0.95},
            hand("380 / 400 = 0.95"),
        ),
    ),
)

# --- production process ratio -----------------------------------------------------------------------------


class ProductionProcessRatioIn(_In):
    actual_production_time_total: Annotated[Minutes, Field(description="ΣAPT over the order's operations")]
    actual_order_execution_time: Annotated[PositiveMinutes, Field(description="AOET")]


class ProductionProcessRatioOut(_Out):
    production_process_ratio: Ratio


def production_process_ratio(p: ProductionProcessRatioIn) -> ProductionProcessRatioOut:
    return ProductionProcessRatioOut(
        production_process_ratio=p.actual_production_time_total / p.actual_order_execution_time
    )


PRODUCTION_PROCESS_RATIO = kpi_spec(
    "production_process_ratio",
    ("Production process ratio", "生产过程比率"),
    (ProductionProcessRatioIn, ProductionProcessRatioOut),
    production_process_ratio,
    "PPR = ΣAPT / AOET",
    f"{ISO}, KPI 'Production process ratio'",
    (
        Example(
            {"actual_production_time_total": 300, "actual_order_execution_time": 1200},
            {"production_process_ratio": 0.25},
            hand("300 / 1200 = 0.25"),
        ),
    ),
)

SPECS = (UTILISATION_EFFICIENCY, SETUP_RATIO, TECHNICAL_EFFICIENCY, PRODUCTION_PROCESS_RATIO)
