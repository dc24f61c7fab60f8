"""Shared shapes of the forecasting algorithms: a series with a horizon, forecasts with intervals."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

from pydantic import Field
from scipy import stats

from longcheng.algorithms._series import AlgoIn, AlgoOut, Values

T = TypeVar("T")

FPP3 = "Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed. (OTexts, 2021)"

Horizon = Annotated[int, Field(ge=1, le=10_000, description="number of steps to forecast")]
Level = Annotated[float, Field(gt=0, lt=1, description="coverage of the prediction interval")]
Period = Annotated[int, Field(ge=2, le=10_000, description="seasonal period m, in samples")]


class ForecastIn(AlgoIn):
    """A series of at least three values to forecast ``horizon`` steps ahead."""

    values: Values
    horizon: Horizon = 1


class IntervalIn(ForecastIn):
    """A forecast request that also asks for prediction intervals at ``level``."""

    level: Level = 0.95


class ForecastOut(AlgoOut):
    forecast: list[float]


class IntervalOut(ForecastOut):
    lower: list[float]
    upper: list[float]
    sigma: Annotated[float, Field(description="residual standard deviation σ̂")]


def normal_bounds(
    forecast: Sequence[float], sigmas: Sequence[float], level: float
) -> tuple[list[float], list[float]]:
    """Gaussian prediction intervals ŷ ± z·σ_h (FPP3 §5.5)."""
    z = float(stats.norm.ppf(0.5 + level / 2))
    lower = [f - z * s for f, s in zip(forecast, sigmas, strict=True)]
    upper = [f + z * s for f, s in zip(forecast, sigmas, strict=True)]
    return lower, upper


def quietly(call: Callable[[], T]) -> tuple[T, str]:
    """Run a library call, collecting its warnings as text for the diagnostics instead of raising them."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, "; ".join(sorted({f"{w.category.__name__}: {w.message}" for w in caught}))


def finite_or_none(values: Sequence[float]) -> list[float | None]:
    """NaN (undefined, e.g. the ends of a centred moving average) becomes None."""
    return [None if math.isnan(v) else float(v) for v in values]


__all__ = [
    "FPP3",
    "ForecastIn",
    "ForecastOut",
    "Horizon",
    "IntervalIn",
    "IntervalOut",
    "Level",
    "Period",
    "finite_or_none",
    "normal_bounds",
    "quietly",
]
