"""Shared pieces of the quality family: model bases, field types and the spec builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.models._base import ModelIn as _In
from longcheng.models._base import ModelOut as _Out
from longcheng.models._base import model_spec

MONTGOMERY = "Montgomery, Introduction to Statistical Quality Control, 7th ed. (2013)"
Probability = Annotated[float, Unit(ge=0, le=1)]
# A measured characteristic in its own unit (mm, MPa, g …): the charts and indices are unit-free ratios.
Value = Annotated[float, Unit(), Field(description="in the unit of the characteristic")]
Spread = Annotated[float, Unit(gt=0), Field(description="in the unit of the characteristic")]
Index = Annotated[float, Unit()]


def quality_spec(
    name: str,
    title: tuple[str, str],
    io: tuple[type[BaseModel], type[BaseModel]],
    func: Callable[[Any], BaseModel],
    formula: str,
    reference: str,
    examples: tuple[Example, ...],
    domains: tuple[str, ...] = ("production", "operations"),
    industries: tuple[str, ...] = (
        "general",
        "machinery",
        "automotive",
        "electronics",
        "pharmaceutical",
        "food",
    ),
) -> ComputationSpec:
    """A quality spec: ``title`` is (English, Chinese), ``io`` the (inputs, outputs) models."""
    return model_spec(
        "quality",
        name,
        title=title,
        domains=domains,
        industries=industries,
        inputs=io[0],
        outputs=io[1],
        func=func,
        formula=formula,
        reference=reference,
        examples=examples,
    )


__all__ = ["_In", "_Out"]
