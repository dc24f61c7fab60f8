"""ISO 22400-2 KPI family: identities between the KPIs, unit handling and refusals the generic test misses."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.models.kpi import SPECS

BY_NAME = {spec.name: spec for spec in SPECS}


def run(name: str, **inputs: Any) -> dict[str, Any]:
    return BY_NAME[f"kpi.{name}"].invoke(inputs).model_dump()


def test_all_34_iso_kpis_and_teep_are_present() -> None:
    assert len(SPECS) == 35
    assert all(spec.category == "kpi" for spec in SPECS)
    assert "kpi.teep" in BY_NAME


@pytest.mark.parametrize(
    ("pbt", "apt", "pri", "pq", "gq"), [(450, 380, 1, 360, 350), (480, 300, 0.5, 580, 500)]
)
def test_oee_is_the_product_of_its_three_ratios(
    pbt: float, apt: float, pri: float, pq: float, gq: float
) -> None:
    oee = run(
        "overall_equipment_effectiveness",
        planned_busy_time=pbt,
        actual_production_time=apt,
        planned_run_time_per_item=pri,
        produced_quantity=pq,
        good_quantity=gq,
    )
    a = run("availability", actual_production_time=apt, planned_busy_time=pbt)["availability"]
    e = run("effectiveness", planned_run_time_per_item=pri, produced_quantity=pq, actual_production_time=apt)
    qr = run("quality_ratio", good_quantity=gq, produced_quantity=pq)["quality_ratio"]
    assert math.isclose(oee["oee"], a * e["effectiveness"] * qr, rel_tol=1e-12)


def test_teep_equals_oee_when_the_whole_calendar_is_planned() -> None:
    shift = {"planned_busy_time": 450, "actual_production_time": 380, "planned_run_time_per_item": 1,
             "produced_quantity": 360, "good_quantity": 350}  # fmt: skip
    full = run("teep", **shift, calendar_time=450)
    assert math.isclose(full["teep"], full["oee"], rel_tol=1e-12)
    day = run("teep", **shift, calendar_time=1440)
    assert day["teep"] < day["oee"]


def test_times_in_any_unit_give_the_same_kpi() -> None:
    minutes = run("availability", actual_production_time=380, planned_busy_time=450)
    hours = run("availability", actual_production_time="380 min", planned_busy_time="7.5 h")
    assert math.isclose(minutes["availability"], hours["availability"], rel_tol=1e-12)
    mttr = run("mean_time_to_restoration", times_to_repair=["90 min", "1.5 h", {"value": 5400, "unit": "s"}])
    assert math.isclose(mttr["mean_time_to_restoration"], 1.5, rel_tol=1e-12)


def test_the_material_balance_ratios_sum_to_one() -> None:
    parts = {"finished_goods_ratio": ("good_quantity", 930.0),
             "integrated_goods_ratio": ("integrated_good_quantity", 22.5),
             "production_loss_ratio": ("production_loss", 31.0),
             "storage_transportation_loss_ratio": ("storage_and_transportation_loss", 9.5),
             "other_loss_ratio": ("other_loss", 7.0)}  # fmt: skip
    total = sum(
        run(name, consumed_material=1000, **{field: value})["ratio"] for name, (field, value) in parts.items()
    )
    assert math.isclose(total, 1.0, rel_tol=1e-12)


def test_fall_off_total_equals_the_loss_over_the_workflow() -> None:
    result = run("fall_off_ratio", first_operation_quantity=1000, scrap_quantities=[12, 7, 3, 8])
    good_at_the_end = 1000 - 30
    assert math.isclose(result["total_fall_off_ratio"], (1000 - good_at_the_end) / 1000)


@pytest.mark.parametrize(
    ("name", "inputs"),
    [
        ("quality_ratio", {"good_quantity": 361, "produced_quantity": 360}),
        ("availability", {"actual_production_time": 500, "planned_busy_time": 450}),
        ("worker_efficiency", {"actual_personnel_work_time": 9, "actual_personnel_attendance_time": 8}),
        ("scrap_ratio", {"scrap_quantity": 400, "produced_quantity": 360}),
        ("finished_goods_ratio", {"good_quantity": 1001, "consumed_material": 1000}),
        ("fall_off_ratio", {"first_operation_quantity": 10, "scrap_quantities": [6, 6]}),
        ("critical_process_capability_index", {"upper_specification_limit": 1, "lower_specification_limit": 2,
                                               "mean": 1.5, "standard_deviation": 0.1}),
        ("comprehensive_energy_consumption", {"energy_amounts": [1, 2], "conversion_factors": [0.1229]}),
    ],
)  # fmt: skip
def test_inconsistent_inputs_are_refused(name: str, inputs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        BY_NAME[f"kpi.{name}"].invoke(inputs)


def test_cmk_falls_below_cm_when_the_process_is_off_centre() -> None:
    limits = {"upper_specification_limit": 10.5, "lower_specification_limit": 9.5, "standard_deviation": 0.1}
    cm = run("machine_capability_index", **limits)["cm"]
    centred = run("critical_machine_capability_index", **limits, mean=10.0)["cmk"]
    shifted = run("critical_machine_capability_index", **limits, mean=10.3)["cmk"]
    assert math.isclose(centred, cm)
    assert shifted < cm
