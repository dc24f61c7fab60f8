"""Machining models: consistency between formulas (power = torque × ω, speed ↔ rpm), the optimum of the
machining-economics model, and Kienzle behaviour, beyond the generic catalogue test."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.models.machining import SPECS

BY_NAME = {spec.name: spec for spec in SPECS}


def run(name: str, **inputs: Any) -> dict[str, Any]:
    return BY_NAME[name].invoke(inputs).model_dump()


def refused(name: str, **inputs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        BY_NAME[name].invoke(inputs)
    return info.value


def test_the_family_has_its_models() -> None:
    assert len(SPECS) >= 12
    assert all(spec.name.startswith("machining.") and spec.category == "machining" for spec in SPECS)


# --- speeds and feeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("diameter", "rpm"), [(10, 8000), (50, 700), (150, 250), (400, 35)])
def test_spindle_speed_inverts_cutting_speed(diameter: float, rpm: float) -> None:
    vc = run("machining.cutting_speed", diameter=diameter, spindle_speed=rpm)["cutting_speed"]
    assert run("machining.spindle_speed", cutting_speed=vc, diameter=diameter)[
        "spindle_speed"
    ] == pytest.approx(rpm)


def test_spindle_speed_accepts_hertz() -> None:
    out = run("machining.cutting_speed", diameter=100, spindle_speed="25 Hz")  # 25 Hz = 1500 rpm
    assert out["cutting_speed"] == pytest.approx(math.pi * 100 * 1500 / 1000)


def test_milling_feed_needs_exactly_one_feed() -> None:
    refused("machining.milling_feed", teeth=4, spindle_speed=1000)
    refused("machining.milling_feed", teeth=4, spindle_speed=1000, feed_per_tooth=0.1, table_feed=400)


# --- forces, power, torque ----------------------------------------------------------------------------


def test_turning_torque_times_angular_speed_is_the_net_power() -> None:
    out = run(
        "machining.turning_power",
        cutting_speed=180,
        depth_of_cut=2.5,
        feed=0.25,
        specific_cutting_force=2100,
        diameter=80,
    )
    omega = 2 * math.pi * out["spindle_speed"] / 60
    assert out["torque"] * omega / 1000 == pytest.approx(out["net_power"])


def test_milling_torque_times_angular_speed_is_the_net_power() -> None:
    out = run(
        "machining.milling_power",
        depth_of_cut=3,
        width_of_cut=40,
        table_feed=600,
        specific_cutting_force=1900,
        spindle_speed=1200,
    )
    assert out["torque"] * 2 * math.pi * 1200 / 60 / 1000 == pytest.approx(out["net_power"])


def test_drilling_torque_and_power_agree() -> None:
    out = run(
        "machining.drilling_power", diameter=12, cutting_speed=90, feed=0.2, specific_cutting_force=2000
    )
    omega = 2 * math.pi * out["spindle_speed"] / 60
    assert out["torque"] * omega / 1000 == pytest.approx(out["spindle_power"])
    assert out["removal_rate"] == pytest.approx(90 * 12 * 0.2 / 4)  # Sandvik: Q = v_c·D_c·f_n/4
    assert out["cutting_time"] is None


def test_kienzle_returns_kc11_at_the_reference_thickness_and_falls_with_feed() -> None:
    assert run("machining.kienzle_cutting_force", kc11=1700, mc=0.25, feed=1.0)[
        "specific_cutting_force"
    ] == pytest.approx(1700)
    forces = [
        run("machining.kienzle_cutting_force", kc11=1700, mc=0.25, feed=f)["specific_cutting_force"]
        for f in (0.05, 0.1, 0.2, 0.4)
    ]
    assert forces == sorted(forces, reverse=True)


def test_sandvik_kc04_reference_thickness() -> None:
    # Sandvik's turning form: k_c = k_c0.4·(0.4/(f·sin κ))^0.29
    out = run(
        "machining.kienzle_cutting_force",
        kc11=1900,
        mc=0.29,
        feed=0.2,
        entering_angle=75,
        reference_thickness=0.4,
    )
    assert out["specific_cutting_force"] == pytest.approx(
        1900 * (0.4 / (0.2 * math.sin(math.radians(75)))) ** 0.29
    )


def test_peak_to_valley_is_four_times_the_ideal_ra() -> None:
    out = run("machining.surface_roughness", feed=0.15, nose_radius=1.2)
    assert out["rz"] == pytest.approx(4 * out["ra"])


# --- tool life and economics --------------------------------------------------------------------------


def test_taylor_round_trip_and_refusals() -> None:
    life = run("machining.taylor_tool_life", exponent=0.3, constant=350, cutting_speed=180)["tool_life"]
    back = run("machining.taylor_tool_life", exponent=0.3, constant=350, tool_life=life)
    assert back["cutting_speed"] == pytest.approx(180)
    refused("machining.taylor_tool_life", exponent=0.3, constant=350)
    refused("machining.taylor_tool_life", exponent=1.2, constant=350, cutting_speed=180)


def _cost_at(speed: float, n: float, c: float) -> float:
    life = (c / speed) ** (1 / n)
    machining = math.pi * 60 * 300 / (1000 * speed * 0.25)  # Ø60 × 300 mm at f 0.25 mm/rev, min
    return run(
        "machining.cost_per_part",
        machine_rate=1.5,
        handling_time=2,
        machining_time=machining,
        tool_change_time=3,
        tool_cost=6,
        tool_life=life,
    )["cost_per_part"]


def test_the_minimum_cost_speed_minimises_the_cost_per_part() -> None:
    n, c = 0.25, 500
    best = run(
        "machining.machining_economics",
        exponent=n,
        constant=c,
        tool_change_time=3,
        machine_rate=1.5,
        tool_cost=6,
    )
    v = best["speed_min_cost"]
    assert _cost_at(v, n, c) < _cost_at(v * 0.95, n, c)
    assert _cost_at(v, n, c) < _cost_at(v * 1.05, n, c)
    assert best["tool_life_min_cost"] > best["tool_life_max_production"]
