"""Forecasting checks the generic catalogue test cannot reach: the seasonal forecast past one cycle against
the textbook recursion, recovery of known structure from seeded data, and the input guards."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from longcheng.algorithms.forecasting import SPECS
from longcheng.core.errors import InvalidInput

BY_NAME = {s.name: s for s in SPECS}


def run(name: str, **inputs: Any) -> Any:
    return BY_NAME[f"forecasting.{name}"].invoke(inputs)


def test_the_family_has_its_specs() -> None:
    assert len(SPECS) == 13
    assert all(s.name.startswith("forecasting.") and s.category == "forecasting" for s in SPECS)


def _multiplicative_by_hand(y: list[float], m: int, horizon: int) -> list[float]:
    """FPP3 eq. (8.3) with multiplicative seasonality, α = 0.4, β* = 0.1, γ = 0.2, written out on its own."""
    alpha, beta, gamma = 0.4, 0.1, 0.2
    level, trend, season = 20.0, 0.5, [1.1, 0.8, 1.2, 0.9]
    for t, v in enumerate(y):
        previous = level + trend
        new_level = alpha * v / season[t] + (1 - alpha) * previous
        trend = beta * (new_level - level) + (1 - beta) * trend
        season.append(gamma * v / previous + (1 - gamma) * season[t])
        level = new_level
    n = len(y)
    return [(level + h * trend) * season[n + (h - 1) % m] for h in range(1, horizon + 1)]


def test_multiplicative_holt_winters_uses_the_latest_season_at_every_horizon() -> None:
    y = [22.0, 17.0, 26.0, 20.0, 24.0, 18.0, 29.0, 21.0, 26.0, 20.0, 31.0, 23.0]
    result = run(
        "holt_winters",
        values=y,
        period=4,
        seasonal="multiplicative",
        horizon=9,
        alpha=0.4,
        beta=0.1,
        gamma=0.2,
        initial_level=20,
        initial_trend=0.5,
        initial_seasonal=[1.1, 0.8, 1.2, 0.9],
    )
    assert result.forecast == pytest.approx(_multiplicative_by_hand(y, 4, 9), rel=1e-10)


def test_holt_winters_learns_a_clean_seasonal_pattern() -> None:
    t = np.arange(48)
    y = 100 + 0.5 * t + 10 * np.sin(2 * np.pi * t / 12)
    result = run("holt_winters", values=y.tolist(), period=12, horizon=12)
    future = 100 + 0.5 * np.arange(48, 60) + 10 * np.sin(2 * np.pi * np.arange(48, 60) / 12)
    assert result.forecast == pytest.approx(future.tolist(), abs=0.5)
    assert result.diagnostics["initialization"] == "estimated"


def test_ses_with_alpha_one_is_the_naive_forecast() -> None:
    y = [3.0, 7.0, 4.0, 9.0]
    ses = run("simple_exponential_smoothing", values=y, alpha=1.0, initial_level=0, horizon=2)
    assert ses.forecast == pytest.approx(run("naive", values=y, horizon=2).forecast)


def test_damped_holt_flattens_towards_a_limit() -> None:
    y = [10.0, 12.0, 14.0, 16.0, 18.0, 20.0]
    result = run(
        "holt_linear", values=y, horizon=50, alpha=0.8, beta=0.2, damped=True, phi=0.8,
        initial_level=8, initial_trend=2,
    )  # fmt: skip
    steps = np.diff(result.forecast)
    assert np.all(steps > 0)
    assert steps[-1] < 1e-3
    limit = result.level + result.trend * 0.8 / (1 - 0.8)
    assert result.forecast[-1] == pytest.approx(limit, rel=1e-4)


def test_drift_on_a_straight_line_is_exact() -> None:
    result = run("drift", values=[1.0, 3.0, 5.0, 7.0], horizon=2)
    assert result.forecast == pytest.approx([9.0, 11.0])
    assert result.sigma == pytest.approx(0.0, abs=1e-12)


def test_arima_recovers_a_planted_ar1_coefficient() -> None:
    shocks = np.random.default_rng(7).normal(size=600)
    y = np.zeros(600)
    for t in range(1, y.size):
        y[t] = 0.7 * y[t - 1] + shocks[t]
    result = run("arima", values=(y + 50).tolist(), ar_order=1, horizon=5)
    assert result.params["ar.L1"] == pytest.approx(0.7, abs=0.08)
    assert result.params["const"] == pytest.approx(50, abs=0.5)
    assert result.sigma2 == pytest.approx(float(np.var(shocks[1:])), rel=0.05)
    widths = np.subtract(result.upper, result.lower)
    assert np.all(np.diff(widths) > 0)


def test_robust_stl_puts_a_planted_spike_in_the_remainder() -> None:
    t = np.arange(48)
    seasonal = 3 * np.sin(2 * np.pi * t / 12)
    y = 20 + 0.1 * t + seasonal
    y[30] += 25
    result = run("stl_decomposition", values=y.tolist(), period=12, robust=True)
    assert int(np.argmax(np.abs(result.residual))) == 30
    assert result.residual[30] == pytest.approx(25, abs=1.0)
    assert np.max(np.abs(np.subtract(result.seasonal, seasonal))) < 0.5


def test_classical_multiplicative_indices_average_one() -> None:
    y = [10 * f for f in (1.2, 0.8, 1.1, 0.9)] * 4
    result = run("classical_decomposition", values=y, period=4, model="multiplicative")
    assert result.seasonal_indices == pytest.approx([1.2, 0.8, 1.1, 0.9], rel=1e-9)
    assert result.trend_strength is None
    with pytest.raises(InvalidInput, match="positive"):
        run("classical_decomposition", values=[1, -1, 2, 3, 1, 2, 0, 4], period=4, model="multiplicative")


def test_white_noise_passes_and_a_sine_fails_the_ljung_box_test() -> None:
    noise = np.random.default_rng(3).normal(size=200)
    assert run("autocorrelation", values=noise.tolist(), lags=10).p_values[-1] > 0.01
    sine = np.sin(np.arange(200) / 3)
    result = run("autocorrelation", values=sine.tolist())
    assert result.lags == list(range(1, 11))
    assert result.acf[0] > 0.9
    assert result.p_values[-1] < 1e-10


def test_accuracy_metrics_leave_out_what_is_undefined() -> None:
    result = run("accuracy_metrics", actual=[0.0, 2.0], forecast=[1.0, 2.0])
    assert result.mape is None
    assert result.mase is None
    assert result.smape == pytest.approx(100.0)  # 200·(1/1 + 0)/2
    seasonal = run("accuracy_metrics", actual=[5, 7], forecast=[6, 6], training=[1, 2, 3, 4, 2, 3], period=2)
    assert seasonal.mase == pytest.approx(1 / 1.5)  # in-sample |y_t − y_{t−2}| = 2, 2, 1, 1: mean 1.5


@pytest.mark.parametrize(
    ("name", "inputs", "field"),
    [
        ("seasonal_naive", {"values": [1, 2, 3, 4], "period": 4}, "period"),
        ("moving_average", {"values": [1, 2, 3], "window": 4}, "window"),
        ("moving_average", {"values": [1, 2]}, "values"),
        ("autocorrelation", {"values": [1, 2, 3, 4, 5, 6], "lags": 4}, "lags"),
        (
            "stl_decomposition",
            {"values": list(range(12)), "period": 4, "seasonal_window": 8},
            "seasonal_window",
        ),
        ("classical_decomposition", {"values": list(range(7)), "period": 4}, "period"),
        (
            "holt_winters",
            {"values": list(range(12)), "period": 4, "initial_seasonal": [1, 2]},
            "initial_seasonal",
        ),
        ("accuracy_metrics", {"actual": [1, 2], "forecast": [1]}, "forecast"),
    ],
)
def test_inconsistent_inputs_are_refused_naming_the_input(
    name: str, inputs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        BY_NAME[f"forecasting.{name}"].inputs.model_validate(inputs)
    assert field in {str(e["loc"][0]) for e in caught.value.errors()}
