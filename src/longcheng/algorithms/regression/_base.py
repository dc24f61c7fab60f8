"""Shared inputs of the regression algorithms: a predictor table with a target, or two paired series."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Annotated, TypeVar

from pydantic import Field, ValidationInfo, field_validator

from longcheng.algorithms._series import AlgoIn, AlgoOut, FiniteFloat, TableIn, Values

T = TypeVar("T")

DOMAINS = ("production", "operations", "rd_design")
SKLEARN = "scikit-learn 1.9 user guide"
Level = Annotated[float, Field(gt=0, lt=1, description="confidence level")]


class RegressionIn(TableIn):
    """``rows`` of predictors (one column per variable) and the ``target`` observed for each row."""

    target: list[FiniteFloat] = Field(min_length=3, description="response, one value per row")

    @field_validator("target")
    @classmethod
    def _one_per_row(cls, target: list[float], info: ValidationInfo) -> list[float]:
        rows = info.data.get("rows")
        if rows is not None and len(target) != len(rows):
            raise ValueError(f"{len(target)} target values for {len(rows)} rows")
        return target


class PairedIn(AlgoIn):
    """Two paired series ``x`` and ``y`` of the same length (at least three pairs)."""

    x: Values
    y: Values

    @field_validator("y")
    @classmethod
    def _paired(cls, y: list[float], info: ValidationInfo) -> list[float]:
        x = info.data.get("x")
        if x is not None and len(x) != len(y):
            raise ValueError(f"{len(y)} y values for {len(x)} x values")
        return y


class LinearOut(AlgoOut):
    """A fitted linear predictor: ŷ = intercept + Σ coefficients_j·x_j."""

    intercept: float
    coefficients: list[float]
    r_squared: float
    fitted: list[float]


def quietly(call: Callable[[], T]) -> tuple[T, str]:
    """Run a library call, collecting its warnings as text for the diagnostics instead of raising them."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, "; ".join(sorted({f"{w.category.__name__}: {w.message}" for w in caught}))


__all__ = ["DOMAINS", "SKLEARN", "Level", "LinearOut", "PairedIn", "RegressionIn", "quietly"]
