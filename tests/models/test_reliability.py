"""Reliability family: limiting cases, consistency between models and an independent check of the
age-replacement optimum."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError
from scipy import integrate

from longcheng.models.reliability import SPECS

BY_NAME = {spec.name: spec for spec in SPECS}


def run(name: str, **inputs: Any) -> dict[str, Any]:
    return BY_NAME[f"reliability.{name}"].invoke(inputs).model_dump()


def test_weibull_of_shape_one_is_the_exponential() -> None:
    weibull = run("weibull_reliability", shape=1, scale=1000, time=250)
    exponential = run("exponential_reliability", mtbf=1000, time=250)
    assert math.isclose(weibull["reliability"], exponential["reliability"], rel_tol=1e-12)
    assert math.isclose(weibull["hazard_rate"], exponential["failure_rate"], rel_tol=1e-12)


@pytest.mark.parametrize("fraction", [0.01, 0.1, 0.5])
def test_the_b_life_leaves_the_stated_fraction_failed(fraction: float) -> None:
    b_life = run("weibull_life", shape=1.7, scale=5000, failed_fraction=fraction)["b_life"]
    unreliability = run("weibull_reliability", shape=1.7, scale=5000, time=b_life)["unreliability"]
    assert math.isclose(unreliability, fraction, rel_tol=1e-9)


def test_hazard_at_age_zero_with_a_falling_hazard_is_refused() -> None:
    with pytest.raises(ValueError, match="unbounded"):
        run("weibull_reliability", shape=0.5, scale=100, time=0)


def test_k_out_of_n_spans_series_and_parallel() -> None:
    blocks = [0.9, 0.9, 0.9, 0.9]
    series = run("series_system", reliabilities=blocks)["system_reliability"]
    parallel = run("parallel_system", reliabilities=blocks)["system_reliability"]
    assert math.isclose(
        run("k_out_of_n_system", required=4, blocks=4, reliability=0.9)["system_reliability"], series
    )
    assert math.isclose(
        run("k_out_of_n_system", required=1, blocks=4, reliability=0.9)["system_reliability"], parallel
    )
    assert series < 0.9 < parallel


def test_standby_with_no_spare_is_a_single_exponential_unit() -> None:
    single = run("cold_standby_system", failure_rate=0.002, time=300, units=1)
    assert math.isclose(single["system_reliability"], math.exp(-0.6), rel_tol=1e-12)
    spared = run("cold_standby_system", failure_rate=0.002, time=300, units=3)
    assert spared["system_reliability"] > single["system_reliability"]


def test_achieved_availability_without_preventive_maintenance_tends_to_the_inherent() -> None:
    inherent = run("inherent_availability", mtbf=200, mttr=5)["availability"]
    rare_pm = run("achieved_availability", mtbf=200, mttr=5, preventive_interval=1e9, preventive_time=2)
    assert math.isclose(rare_pm["availability"], inherent, rel_tol=1e-6)


def test_mtbf_bounds_widen_with_confidence_and_bracket_the_estimate() -> None:
    at_80 = run("mtbf_confidence_bounds", total_time=5000, failures=4, confidence=0.80)
    at_95 = run("mtbf_confidence_bounds", total_time=5000, failures=4, confidence=0.95)
    assert (
        at_95["lower_two_sided"]
        < at_80["lower_two_sided"]
        < at_80["point_estimate"]
        < at_80["upper_two_sided"]
    )
    assert at_80["upper_two_sided"] < at_95["upper_two_sided"]
    time_terminated = run("mtbf_confidence_bounds", total_time=5000, failures=4)
    failure_terminated = run("mtbf_confidence_bounds", total_time=5000, failures=4, termination="failure")
    assert failure_terminated["lower_one_sided"] > time_terminated["lower_one_sided"]  # 2r against 2r + 2 df
    zero = run("mtbf_confidence_bounds", total_time=1000, failures=0, confidence=0.90)
    assert zero["point_estimate"] is None
    assert math.isclose(
        zero["lower_one_sided"], 1000 / -math.log(0.10), rel_tol=1e-9
    )  # 2T/χ²(0.9; 2) = T/ln 10


def test_acceleration_factors_are_one_at_use_conditions() -> None:
    same = {"activation_energy": 0.7, "use_temperature": 330, "test_temperature": 330}
    assert math.isclose(run("arrhenius_acceleration", **same)["acceleration_factor"], 1.0)
    peck = run("peck_acceleration", **same, use_humidity=60, test_humidity=60)
    assert math.isclose(peck["acceleration_factor"], 1.0)


def test_temperatures_may_be_given_in_celsius() -> None:
    kelvin = run(
        "arrhenius_acceleration", activation_energy=0.7, use_temperature=328.15, test_temperature=398.15
    )
    celsius = run("arrhenius_acceleration", activation_energy="0.7 eV", use_temperature="55 degC",
                  test_temperature="125 degC")  # fmt: skip
    assert math.isclose(kelvin["acceleration_factor"], celsius["acceleration_factor"], rel_tol=1e-9)


def test_bearing_life_for_roller_bearings_and_speed_in_hertz() -> None:
    roller = run("bearing_rating_life", dynamic_load_rating=10, equivalent_load=1, bearing_type="roller",
                 speed="25 Hz")  # fmt: skip
    assert math.isclose(roller["life"], 10 ** (10 / 3), rel_tol=1e-12)
    assert math.isclose(roller["life_hours"], roller["life"] * 1e6 / (25 * 3600), rel_tol=1e-12)
    with pytest.raises(ValidationError):
        BY_NAME["reliability.bearing_rating_life"].invoke(
            {"dynamic_load_rating": 10, "equivalent_load": 1, "reliability_percent": 93}
        )


def _cost_rate(t: float, beta: float, eta: float, cp: float, cf: float) -> float:
    survive = math.exp(-((t / eta) ** beta))
    uptime, _ = integrate.quad(lambda u: math.exp(-((u / eta) ** beta)), 0, t)
    return (cp * survive + cf * (1 - survive)) / uptime


@pytest.mark.parametrize(("beta", "eta", "cp", "cf"), [(2.0, 1000.0, 100.0, 1000.0), (3.5, 800.0, 2.0, 30.0)])
def test_age_replacement_optimum_is_a_minimum_of_the_cost_rate(
    beta: float, eta: float, cp: float, cf: float
) -> None:
    result = run("optimal_age_replacement", shape=beta, scale=eta, preventive_cost=cp, failure_cost=cf)
    t_opt = result["optimal_interval"]
    best = _cost_rate(t_opt, beta, eta, cp, cf)
    assert math.isclose(best, result["cost_rate"], rel_tol=1e-8)
    for factor in (0.9, 0.99, 1.01, 1.1):
        assert _cost_rate(t_opt * factor, beta, eta, cp, cf) > best
    assert best < result["run_to_failure_cost_rate"]


def test_age_replacement_does_not_pay_without_wear_out() -> None:
    result = run("optimal_age_replacement", shape=0.9, scale=1000, preventive_cost=1, failure_cost=10)
    assert result["optimal_interval"] is None
    assert result["cost_rate"] == result["run_to_failure_cost_rate"]
