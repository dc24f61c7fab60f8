"""Shared pieces of the quality family: model bases, field types and the spec builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText

MONTGOMERY = "Montgomery, Introduction to Statistical Quality Control, 7th ed. (2013)"
Probability = Annotated[float, Unit(ge=0, le=1)]
# A measured characteristic in its own unit (mm, MPa, g …): the charts and indices are unit-free ratios.
Value = Annotated[float, Unit(), Field(description="in the unit of the characteristic")]
Spread = Annotated[float, Unit(gt=0), Field(description="in the unit of the characteristic")]
Index = Annotated[float, Unit()]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


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
    return ComputationSpec(
        name=f"quality.{name}",
        title=LocalizedText(en=title[0], zh=title[1]),
        kind="model",
        category="quality",
        domains=domains,
        industries=industries,
        inputs=io[0],
        outputs=io[1],
        func=func,
        formula=formula,
        reference=reference,
        examples=examples,
    )
