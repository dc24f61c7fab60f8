"""Logistics and production-planning models: optimality, limits and library cross-checks beyond the
generic catalogue test (which runs every worked example)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError
from scipy.stats import norm

from longcheng.models.logistics import SPECS

BY_NAME = {spec.name: spec for spec in SPECS}


def run(name: str, **inputs: Any) -> dict[str, Any]:
    return BY_NAME[name].invoke(inputs).model_dump()


def refused(name: str, **inputs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        BY_NAME[name].invoke(inputs)
    return info.value


def test_the_family_has_its_models() -> None:
    assert len(SPECS) >= 12
    assert all(spec.name.startswith("logistics.") and spec.category == "logistics" for spec in SPECS)
    assert all({"supply_chain", "warehousing_logistics", "production"} & set(s.domains) for s in SPECS)


# --- inventory ----------------------------------------------------------------------------------------


def _ordering_and_holding(q: float, d: float = 1000, s: float = 10, h: float = 0.5) -> float:
    return d / q * s + q / 2 * h


def test_eoq_minimises_the_ordering_and_holding_cost() -> None:
    q = run("logistics.economic_order_quantity", annual_demand=1000, order_cost=10, holding_cost=0.5)[
        "order_quantity"
    ]
    assert _ordering_and_holding(q) < _ordering_and_holding(q * 0.99)
    assert _ordering_and_holding(q) < _ordering_and_holding(q * 1.01)


def test_epq_tends_to_eoq_as_production_becomes_instantaneous() -> None:
    epq = run(
        "logistics.economic_production_quantity",
        annual_demand=1000,
        production_rate=1.0e9,
        order_cost=10,
        holding_cost=0.5,
    )
    assert epq["lot_size"] == pytest.approx(200.0, rel=1e-6)
    refused(
        "logistics.economic_production_quantity",
        annual_demand=1000,
        production_rate=900,
        order_cost=10,
        holding_cost=0.5,
    )


def test_weekly_lead_time_in_other_units_gives_the_same_safety_stock() -> None:
    days = run("logistics.safety_stock", z=2, demand_std=10, lead_time=7)
    weeks = run("logistics.safety_stock", z=2, demand_std=10, lead_time="1 week")
    assert days["safety_stock"] == pytest.approx(weeks["safety_stock"])
    assert days["safety_stock"] == pytest.approx(2 * 10 * math.sqrt(7))


def test_safety_stock_needs_z_or_service_level_but_not_both() -> None:
    refused("logistics.safety_stock", demand_std=10, lead_time=4)
    refused("logistics.safety_stock", z=1.645, service_level=0.95, demand_std=10, lead_time=4)


@pytest.mark.parametrize("level", [0.5, 0.8, 0.9, 0.95, 0.99, 0.999])
def test_service_level_maps_to_the_normal_quantile(level: float) -> None:
    out = run("logistics.safety_stock", service_level=level, demand_std=1, lead_time=1)
    assert out["z"] == pytest.approx(norm.ppf(level))


def test_reorder_point_rises_with_the_service_level() -> None:
    rops = [
        run("logistics.reorder_point", demand_rate=50, lead_time=4, service_level=s, demand_std=10)[
            "reorder_point"
        ]
        for s in (0.8, 0.9, 0.95, 0.99)
    ]
    assert rops == sorted(rops)
    assert rops[0] > 200


def test_fill_rate_against_a_monte_carlo_of_normal_demand() -> None:
    out = run(
        "logistics.fill_rate",
        lead_time_demand_mean=200,
        lead_time_demand_std=20,
        reorder_point=220,
        order_quantity=200,
    )
    demand = np.random.default_rng(7).normal(200, 20, 400_000)
    shortage = np.maximum(demand - 220, 0).mean()
    assert out["expected_shortage"] == pytest.approx(shortage, rel=0.02)
    assert out["cycle_service_level"] == pytest.approx((demand <= 220).mean(), abs=0.003)


def test_newsvendor_orders_the_mean_when_costs_balance() -> None:
    out = run("logistics.newsvendor", underage_cost=2, overage_cost=2, demand_mean=500, demand_std=80)
    assert out["order_quantity"] == pytest.approx(500.0)


def test_no_sales_means_no_days_of_inventory() -> None:
    out = run("logistics.inventory_turnover", cost_of_goods_sold=0, average_inventory=1000)
    assert out["turnover"] == 0.0
    assert out["days_of_inventory"] is None


# --- flow ---------------------------------------------------------------------------------------------


def test_littles_law_is_consistent_in_every_direction() -> None:
    assert run("logistics.littles_law", wip=50, cycle_time=2.5)["throughput"] == pytest.approx(20.0)
    assert run("logistics.littles_law", throughput="480 1/day", cycle_time="150 min")["wip"] == pytest.approx(
        50
    )
    refused("logistics.littles_law", wip=50)
    refused("logistics.littles_law", wip=50, throughput=20, cycle_time=2.5)


def test_line_balance_defaults_to_the_theoretical_minimum_and_refuses_oversized_tasks() -> None:
    out = run("logistics.line_balance", task_times=[10, 20, 30], cycle_time=30)
    assert out["minimum_stations"] == 2
    assert out["efficiency"] == pytest.approx(1.0)
    refused("logistics.line_balance", task_times=[10, 40], cycle_time=30)


def test_kingman_grows_without_bound_near_full_utilisation() -> None:
    times = [
        run("logistics.queue_cycle_time", process_time=1, utilisation=u)["queue_time"]
        for u in (0.5, 0.9, 0.99)
    ]
    assert times == pytest.approx([1.0, 9.0, 99.0])  # M/M/1: u/(1 − u)·t_e
    no_variability = run(
        "logistics.queue_cycle_time", process_time=1, utilisation=0.9, arrival_cv=0, process_cv=0
    )
    assert no_variability["queue_time"] == 0.0


# --- network ------------------------------------------------------------------------------------------


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float, r: float) -> float:
    p1, p2, dp, dl = map(math.radians, (lat1, lat2, lat2 - lat1, lon2 - lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def test_great_circle_agrees_with_the_hand_formula_and_is_symmetric() -> None:
    rng = np.random.default_rng(3)
    for lat1, lon1, lat2, lon2 in zip(*(rng.uniform(-80, 80, 20) for _ in range(4)), strict=True):
        forward = run("logistics.great_circle_distance", lat1=lat1, lon1=lon1, lat2=lat2, lon2=lon2)
        back = run("logistics.great_circle_distance", lat1=lat2, lon1=lon2, lat2=lat1, lon2=lon1)
        assert forward["distance"] == pytest.approx(_haversine(lat1, lon1, lat2, lon2, 6371.0088), rel=1e-9)
        assert forward["distance"] == pytest.approx(back["distance"], rel=1e-12)


def test_antipodes_are_half_a_circumference_apart() -> None:
    out = run("logistics.great_circle_distance", lat1=0, lon1=0, lat2=0, lon2=180, radius=6371)
    assert out["distance"] == pytest.approx(math.pi * 6371)


def test_route_distance_sums_its_legs_and_closes_the_tour() -> None:
    stops = {"latitudes": [31.23, 30.27, 32.06], "longitudes": [121.47, 120.16, 118.80]}  # 上海 杭州 南京
    open_route = run("logistics.route_distance", **stops)
    closed = run("logistics.route_distance", closed=True, **stops)
    assert len(open_route["legs"]) == 2
    assert len(closed["legs"]) == 3
    assert closed["total_distance"] == pytest.approx(math.fsum(closed["legs"]))
    assert 150 < open_route["legs"][0] < 200  # Shanghai–Hangzhou is about 165 km as the crow flies
    refused("logistics.route_distance", latitudes=[31.23, 30.27], longitudes=[121.47])


def test_the_largest_item_is_always_class_a() -> None:
    out = run("logistics.abc_classification", values=[9000, 500, 300, 200])
    assert out["classes"] == ["A", "B", "C", "C"]
    assert out["cumulative_share"][-1] == pytest.approx(1.0)


def test_orders_that_mirror_demand_have_no_bullwhip() -> None:
    demand = [10, 12, 8, 11, 9, 10]
    assert run("logistics.bullwhip_ratio", demand=demand, orders=demand)["ratio"] == pytest.approx(1.0)
    refused("logistics.bullwhip_ratio", demand=[5, 5, 5], orders=[4, 6, 5])
