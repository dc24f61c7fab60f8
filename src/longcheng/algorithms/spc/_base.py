"""Shared shapes of the SPC algorithms: a chart's limits and the points outside them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from longcheng.algorithms._series import AlgoIn, FiniteFloat
from longcheng.algorithms.spc._constants import MAX_N, MIN_N


class Limits(BaseModel):
    """Centre line and control limits of one chart."""

    model_config = ConfigDict(frozen=True)

    center: float
    ucl: float
    lcl: float


class SubgroupsIn(AlgoIn):
    """Rational subgroups of equal size (2 … 25 observations each), at least two subgroups."""

    subgroups: Annotated[
        list[Annotated[list[FiniteFloat], Field(min_length=MIN_N, max_length=MAX_N)]],
        Field(min_length=2, description="one list of measurements per subgroup, all the same size"),
    ]

    @field_validator("subgroups")
    @classmethod
    def _equal_sizes(cls, groups: list[list[float]]) -> list[list[float]]:
        if len({len(g) for g in groups}) > 1:
            raise ValueError("every subgroup must have the same size")
        return groups


def beyond(points: Sequence[float], limits: Limits) -> list[int]:
    """Indices of the points above the UCL or below the LCL."""
    return [i for i, v in enumerate(points) if v > limits.ucl or v < limits.lcl]


__all__ = ["Limits", "SubgroupsIn", "beyond"]
