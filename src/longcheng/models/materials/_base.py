"""Shared pieces of the materials and structures models: frozen input/output bases and the spec builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText

G_N = 9.80665  # standard acceleration of gravity, m/s² (kgf ↔ N in the hardness formulas)

Stress = Annotated[float, Unit("MPa")]
Modulus = Annotated[float, Unit("GPa", gt=0)]
Length = Annotated[float, Unit("mm", gt=0)]

GERE = "Gere & Goodno, Mechanics of Materials, 8th ed."
SHIGLEY = "Budynas & Nisbett, Shigley's Mechanical Engineering Design, 10th ed."


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
    """A materials-family model spec (``materials.<name>``)."""
    return ComputationSpec(
        name=f"materials.{name}",
        title=LocalizedText(en=en, zh=zh),
        kind="model",
        category="materials",
        domains=domains,
        industries=industries,
        inputs=inputs,
        outputs=outputs,
        func=func,
        formula=formula,
        reference=reference,
        examples=examples,
    )
