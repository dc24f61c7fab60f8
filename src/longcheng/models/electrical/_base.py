"""Shared pieces of the electrical models: frozen input/output bases and the spec builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText

SQRT3 = 3**0.5

PowerFactor = Annotated[float, Unit(gt=0, le=1)]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


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
    return ComputationSpec(
        name=f"electrical.{name}",
        title=LocalizedText(en=en, zh=zh),
        kind="model",
        category="electrical",
        domains=domains,
        industries=industries,
        inputs=inputs,
        outputs=outputs,
        func=func,
        formula=formula,
        reference=reference,
        examples=examples,
    )
