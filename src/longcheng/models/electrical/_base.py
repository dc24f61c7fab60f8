"""Shared pieces of the electrical models: frozen input/output bases and the spec builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.models._base import ModelIn as In
from longcheng.models._base import ModelOut as Out
from longcheng.models._base import model_spec

SQRT3 = 3**0.5

PowerFactor = Annotated[float, Unit(gt=0, le=1)]


def spec(
    name: str,
    *,
    en: str,
    zh: str,
    domains: tuple[str, ...],
    industries: tuple[str, ...],
    inputs: type[BaseModel],
    outputs: type[BaseModel],
    func: Callable[[Any], BaseModel],
    formula: str,
    reference: str,
    examples: tuple[Example, ...],
) -> ComputationSpec:
    """An electrical-family model spec (``electrical.<name>``)."""
    return model_spec(
        "electrical",
        name,
        title=(en, zh),
        domains=domains,
        industries=industries,
        inputs=inputs,
        outputs=outputs,
        func=func,
        formula=formula,
        reference=reference,
        examples=examples,
    )


__all__ = ["In", "Out"]
