"""ISO 22400-2 equipment effectiveness: availability, effectiveness, quality ratio, OEE, NEE; and TEEP."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import Example
from longcheng.models.kpi._base import (
    ISO,
    KANG,
    Minutes,
    PositiveMinutes,
    PositiveQuantity,
    Quantity,
    Ratio,
    _In,
    _Out,
    hand,
    kpi_spec,
    not_more_than,
)

PRI = Annotated[PositiveMinutes, Field(description="PRI, planned run time per item")]
PQ = Annotated[PositiveQuantity, Field(description="PQ, produced quantity")]
GQ = Annotated[Quantity, Field(description="GQ, good quantity")]
APT = Annotated[PositiveMinutes, Field(description="APT, actual production time")]
PBT = Annotated[PositiveMinutes, Field(description="PBT, planned busy time")]

# Research-note vector [C]: PBT 450 min, APT 380, PRI 1 min, PQ 360, GQ 350.
RUN = {"actual_production_time": 380, "planned_run_time_per_item": 1}
SHIFT = {"planned_busy_time": 450, **RUN}
COUNTS = {"produced_quantity": 360, "good_quantity": 350}
OEE_SOURCE = hand("A = 380/450 = 0.844444, E = 360·1/380 = 0.947368, QR = 350/360 = 0.972222, OEE = 0.777778")


class AvailabilityIn(_In):
    actual_production_time: Annotated[Minutes, Field(description="APT")]
    planned_busy_time: PBT

    @model_validator(mode="after")
    def _within(self) -> AvailabilityIn:
        not_more_than(self.actual_production_time, self.planned_busy_time, "APT", "PBT")
        return self


class AvailabilityOut(_Out):
    availability: Ratio


def availability(p: AvailabilityIn) -> AvailabilityOut:
    return AvailabilityOut(availability=p.actual_production_time / p.planned_busy_time)


class EffectivenessIn(_In):
    planned_run_time_per_item: PRI
    produced_quantity: Annotated[Quantity, Field(description="PQ")]
    actual_production_time: APT


class EffectivenessOut(_Out):
    effectiveness: Ratio


def effectiveness(p: EffectivenessIn) -> EffectivenessOut:
    return EffectivenessOut(
        effectiveness=p.planned_run_time_per_item * p.produced_quantity / p.actual_production_time
    )


class QualityRatioIn(_In):
    good_quantity: GQ
    produced_quantity: PQ

    @model_validator(mode="after")
    def _within(self) -> QualityRatioIn:
        not_more_than(self.good_quantity, self.produced_quantity, "GQ", "PQ")
        return self


class QualityRatioOut(_Out):
    quality_ratio: Ratio


def quality_ratio(p: QualityRatioIn) -> QualityRatioOut:
    return QualityRatioOut(quality_ratio=p.good_quantity / p.produced_quantity)


class OeeIn(_In):
    planned_busy_time: PBT
    actual_production_time: APT
    planned_run_time_per_item: PRI
    produced_quantity: PQ
    good_quantity: GQ

    @model_validator(mode="after")
    def _within(self) -> OeeIn:
        not_more_than(self.actual_production_time, self.planned_busy_time, "APT", "PBT")
        not_more_than(self.good_quantity, self.produced_quantity, "GQ", "PQ")
        return self


class OeeOut(_Out):
    availability: Ratio
    effectiveness: Ratio
    quality_ratio: Ratio
    oee: Ratio


def overall_equipment_effectiveness(p: OeeIn) -> OeeOut:
    a = p.actual_production_time / p.planned_busy_time
    e = p.planned_run_time_per_item * p.produced_quantity / p.actual_production_time
    qr = p.good_quantity / p.produced_quantity
    return OeeOut(availability=a, effectiveness=e, quality_ratio=qr, oee=a * e * qr)


class NeeIn(_In):
    actual_unit_busy_time: Annotated[PositiveMinutes, Field(description="AUBT")]
    actual_production_time: APT
    planned_run_time_per_item: PRI
    produced_quantity: PQ
    good_quantity: GQ

    @model_validator(mode="after")
    def _within(self) -> NeeIn:
        not_more_than(self.actual_production_time, self.actual_unit_busy_time, "APT", "AUBT")
        not_more_than(self.good_quantity, self.produced_quantity, "GQ", "PQ")
        return self


class NeeOut(_Out):
    utilisation_efficiency: Ratio
    effectiveness: Ratio
    quality_ratio: Ratio
    nee: Ratio


def net_equipment_effectiveness(p: NeeIn) -> NeeOut:
    ue = p.actual_production_time / p.actual_unit_busy_time
    e = p.planned_run_time_per_item * p.produced_quantity / p.actual_production_time
    qr = p.good_quantity / p.produced_quantity
    return NeeOut(utilisation_efficiency=ue, effectiveness=e, quality_ratio=qr, nee=ue * e * qr)


class TeepIn(OeeIn):
    calendar_time: Annotated[PositiveMinutes, Field(description="all time of the period (24 h a day)")]

    @model_validator(mode="after")
    def _loading(self) -> TeepIn:
        not_more_than(self.planned_busy_time, self.calendar_time, "PBT", "calendar time")
        return self


class TeepOut(OeeOut):
    loading: Ratio
    teep: Ratio


def teep(p: TeepIn) -> TeepOut:
    oee = overall_equipment_effectiveness(OeeIn(**p.model_dump(exclude={"calendar_time"})))
    loading = p.planned_busy_time / p.calendar_time
    return TeepOut(**oee.model_dump(), loading=loading, teep=oee.oee * loading)


SPECS = (
    kpi_spec(
        "availability",
        ("Availability", "可用率"),
        (AvailabilityIn, AvailabilityOut),
        availability,
        "A = APT / PBT",
        f"{ISO}, KPI 'Availability'",
        (
            Example(
                {"planned_busy_time": 450, "actual_production_time": 380},
                {"availability": 0.8444444},
                OEE_SOURCE,
            ),
        ),
    ),
    kpi_spec(
        "effectiveness",
        ("Effectiveness (performance)", "有效性（性能率）"),
        (EffectivenessIn, EffectivenessOut),
        effectiveness,
        "E = PRI × PQ / APT",
        f"{ISO}, KPI 'Effectiveness'",
        (Example({**RUN, "produced_quantity": 360}, {"effectiveness": 0.9473684}, OEE_SOURCE),),
    ),
    kpi_spec(
        "quality_ratio",
        ("Quality ratio", "质量率"),
        (QualityRatioIn, QualityRatioOut),
        quality_ratio,
        "QR = GQ / PQ",
        f"{ISO}, KPI 'Quality ratio'",
        (Example(COUNTS, {"quality_ratio": 0.9722222}, OEE_SOURCE),),
    ),
    kpi_spec(
        "overall_equipment_effectiveness",
        ("Overall equipment effectiveness (OEE)", "设备综合效率（OEE）"),
        (OeeIn, OeeOut),
        overall_equipment_effectiveness,
        "OEE = A × E × QR; A = APT/PBT, E = PRI·PQ/APT, QR = GQ/PQ",
        f"{ISO}, KPI 'OEE index'",
        (
            Example(
                {**SHIFT, **COUNTS},
                {
                    "availability": 0.8444444,
                    "effectiveness": 0.9473684,
                    "quality_ratio": 0.9722222,
                    "oee": 0.7777778,
                },
                OEE_SOURCE,
                rel_tol=1e-6,
            ),
        ),
    ),
    kpi_spec(
        "net_equipment_effectiveness",
        ("Net equipment effectiveness (NEE)", "设备净效率（NEE）"),
        (NeeIn, NeeOut),
        net_equipment_effectiveness,
        "NEE = UE × E × QR; UE = APT/AUBT, E = PRI·PQ/APT, QR = GQ/PQ",
        f"{ISO}, KPI 'NEE index' (as decomposed in {KANG})",
        (
            Example(
                {**RUN, **COUNTS, "actual_unit_busy_time": 400},
                {"utilisation_efficiency": 0.95, "nee": 0.8750000},
                hand("UE = 380/400 = 0.95; NEE = 0.95 × 0.947368 × 0.972222 = 0.875"),
                rel_tol=1e-6,
            ),
        ),
    ),
    kpi_spec(
        "teep",
        ("Total effective equipment performance (TEEP)", "完全有效生产率（TEEP）"),
        (TeepIn, TeepOut),
        teep,
        "TEEP = OEE × loading; loading = PBT / calendar time (the OEE of ISO 22400-2 over all time)",
        "Not one of the 34 ISO 22400-2 KPIs: Nakajima's TPM loss model extended to calendar time "
        "(Vorne Industries, oee.com 'TEEP'); OEE per ISO 22400-2:2014",
        (
            Example(
                {**SHIFT, **COUNTS, "calendar_time": 1440},
                {"loading": 0.3125, "teep": 0.2430556},
                "hand-derived: loading = 450/1440 = 0.3125; TEEP = 0.777778 × 0.3125 = 0.243056",
                rel_tol=1e-6,
            ),
        ),
    ),
)
