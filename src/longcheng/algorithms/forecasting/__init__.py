"""Forecasting (预测): benchmarks, exponential smoothing, ARIMA, decomposition, autocorrelation, accuracy."""

from __future__ import annotations

from longcheng.algorithms.forecasting import accuracy, arima, benchmarks, decomposition, smoothing
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (
    *benchmarks.SPECS,
    *smoothing.SPECS,
    *arima.SPECS,
    *decomposition.SPECS,
    *accuracy.SPECS,
)

__all__ = ["SPECS"]
