"""ISO 22400-2 quality KPIs: actual-to-planned scrap, first pass yield, scrap, rework and fall-off ratios."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import Example
from longcheng.models.kpi._base import (
    ISO,
    PositiveQuantity,
    Quantity,
    Ratio,
    _In,
    _Out,
    hand,
    kpi_spec,
    not_more_than,
)

PQ = Annotated[PositiveQuantity, Field(description="PQ, produced quantity")]
QUALITY_DOMAINS = ("production", "operations", "enterprise_management")


class ScrapPlanIn(_In):
    scrap_quantity: Annotated[Quantity, Field(description="SQ, actual scrap")]
    planned_scrap_quantity: Annotated[PositiveQuantity, Field(description="PSQ")]


class ScrapPlanOut(_Out):
    actual_to_planned_scrap_ratio: Ratio


def actual_to_planned_scrap_ratio(p: ScrapPlanIn) -> ScrapPlanOut:
    return ScrapPlanOut(actual_to_planned_scrap_ratio=p.scrap_quantity / p.planned_scrap_quantity)


class FirstPassYieldIn(_In):
    good_parts: Annotated[Quantity, Field(description="GP, parts good at the first inspection")]
    inspected_parts: Annotated[PositiveQuantity, Field(description="IP, parts inspected")]

    @model_validator(mode="after")
    def _within(self) -> FirstPassYieldIn:
        not_more_than(self.good_parts, self.inspected_parts, "GP", "IP")
        return self


class FirstPassYieldOut(_Out):
    first_pass_yield: Ratio


def first_pass_yield(p: FirstPassYieldIn) -> FirstPassYieldOut:
    return FirstPassYieldOut(first_pass_yield=p.good_parts / p.inspected_parts)


class ScrapRatioIn(_In):
    scrap_quantity: Annotated[Quantity, Field(description="SQ")]
    produced_quantity: PQ

    @model_validator(mode="after")
    def _within(self) -> ScrapRatioIn:
        not_more_than(self.scrap_quantity, self.produced_quantity, "SQ", "PQ")
        return self


class ScrapRatioOut(_Out):
    scrap_ratio: Ratio


def scrap_ratio(p: ScrapRatioIn) -> ScrapRatioOut:
    return ScrapRatioOut(scrap_ratio=p.scrap_quantity / p.produced_quantity)


class ReworkRatioIn(_In):
    rework_quantity: Annotated[Quantity, Field(description="RQ")]
    produced_quantity: PQ

    @model_validator(mode="after")
    def _within(self) -> ReworkRatioIn:
        not_more_than(self.rework_quantity, self.produced_quantity, "RQ", "PQ")
        return self


class ReworkRatioOut(_Out):
    rework_ratio: Ratio


def rework_ratio(p: ReworkRatioIn) -> ReworkRatioOut:
    return ReworkRatioOut(rework_ratio=p.rework_quantity / p.produced_quantity)


class FallOffIn(_In):
    first_operation_quantity: Annotated[
        PositiveQuantity, Field(description="PQ of the first production operation of the order")
    ]
    scrap_quantities: Annotated[
        list[Quantity], Field(min_length=1, description="SQ of each production operation, in order")
    ]

    @model_validator(mode="after")
    def _within(self) -> FallOffIn:
        not_more_than(sum(self.scrap_quantities), self.first_operation_quantity, "ΣSQ", "first PQ")
        return self


class FallOffOut(_Out):
    fall_off_ratios: list[Ratio]
    total_fall_off_ratio: Ratio


def fall_off_ratio(p: FallOffIn) -> FallOffOut:
    start = p.first_operation_quantity
    return FallOffOut(
        fall_off_ratios=[sq / start for sq in p.scrap_quantities],
        total_fall_off_ratio=sum(p.scrap_quantities) / start,
    )


SPECS = (
    kpi_spec(
        "actual_to_planned_scrap_ratio",
        ("Actual to planned scrap ratio", "实际与计划废品比率"),
        (ScrapPlanIn, ScrapPlanOut),
        actual_to_planned_scrap_ratio,
        "APSR = SQ / PSQ",
        f"{ISO}, KPI 'Actual to planned scrap ratio'",
        (
            Example(
                {"scrap_quantity": 12, "planned_scrap_quantity": 10},
                {"actual_to_planned_scrap_ratio": 1.2},
                hand("12 / 10 = 1.2"),
            ),
        ),
        domains=QUALITY_DOMAINS,
    ),
    kpi_spec(
        "first_pass_yield",
        ("First pass yield", "一次合格率"),
        (FirstPassYieldIn, FirstPassYieldOut),
        first_pass_yield,
        "FPY = GP / IP (good parts at the first inspection / inspected parts)",
        f"{ISO}, KPI 'First pass yield'",
        (
            Example(
                {"good_parts": 475, "inspected_parts": 500},
                {"first_pass_yield": 0.95},
                hand("475 / 500 = 0.95"),
            ),
        ),
        domains=QUALITY_DOMAINS,
    ),
    kpi_spec(
        "scrap_ratio",
        ("Scrap ratio", "废品率"),
        (ScrapRatioIn, ScrapRatioOut),
        scrap_ratio,
        "SR = SQ / PQ",
        f"{ISO}, KPI 'Scrap ratio'",
        (
            Example(
                {"scrap_quantity": 10, "produced_quantity": 360},
                {"scrap_ratio": 0.02777778},
                hand("10 / 360 = 0.027778"),
            ),
        ),
        domains=QUALITY_DOMAINS,
    ),
    kpi_spec(
        "rework_ratio",
        ("Rework ratio", "返工率"),
        (ReworkRatioIn, ReworkRatioOut),
        rework_ratio,
        "RR = RQ / PQ",
        f"{ISO}, KPI 'Rework ratio'",
        (
            Example(
                {"rework_quantity": 18, "produced_quantity": 360},
                {"rework_ratio": 0.05},
                hand("18 / 360 = 0.05"),
            ),
        ),
        domains=QUALITY_DOMAINS,
    ),
    kpi_spec(
        "fall_off_ratio",
        ("Fall off ratio", "工序报废率"),
        (FallOffIn, FallOffOut),
        fall_off_ratio,
        "FOR_i = SQ_i / PQ_1 for each production operation i; FOR = ΣSQ_i / PQ_1 for the whole order",
        f"{ISO}, KPI 'Fall off ratio' (scrap of each operation related to the quantity started at the "
        "first operation of the order; the total equals (PQ_1 − GQ_last)/PQ_1 when scrap is the only loss)",
        (
            Example(
                {"first_operation_quantity": 1000, "scrap_quantities": [20, 30, 10]},
                {"fall_off_ratios": [0.02, 0.03, 0.01], "total_fall_off_ratio": 0.06},
                hand("20/1000, 30/1000, 10/1000; total 60/1000 = 0.06"),
            ),
        ),
        domains=QUALITY_DOMAINS,
    ),
)
