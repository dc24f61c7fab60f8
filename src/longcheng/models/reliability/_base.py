"""Shared pieces of the reliability family: model bases, field types and the spec builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.models._base import ModelIn as _In
from longcheng.models._base import ModelOut as _Out
from longcheng.models._base import model_spec

EBELING = "Ebeling, An Introduction to Reliability and Maintainability Engineering, 2nd ed. (2010)"
Probability = Annotated[float, Unit(ge=0, le=1)]
Hours = Annotated[float, Unit("h", ge=0)]
PositiveHours = Annotated[float, Unit("h", gt=0)]


def reliability_spec(
    name: str,
    title: tuple[str, str],
    io: tuple[type[BaseModel], type[BaseModel]],
    func: Callable[[Any], BaseModel],
    formula: str,
    reference: str,
    examples: tuple[Example, ...],
    domains: tuple[str, ...] = ("operations", "rd_design", "product_service", "production"),
    industries: tuple[str, ...] = ("general", "machinery", "electronics", "automotive", "aviation", "energy"),
) -> ComputationSpec:
    """A reliability spec: ``title`` is (English, Chinese), ``io`` the (inputs, outputs) models."""
    return model_spec(
        "reliability",
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
