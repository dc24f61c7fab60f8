"""Shared pieces of the materials and structures models: frozen input/output bases and the spec builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.models._base import ModelIn as In
from longcheng.models._base import ModelOut as Out
from longcheng.models._base import model_spec

G_N = 9.80665  # standard acceleration of gravity, m/s² (kgf ↔ N in the hardness formulas)

Stress = Annotated[float, Unit("MPa")]
Modulus = Annotated[float, Unit("GPa", gt=0)]
Length = Annotated[float, Unit("mm", gt=0)]

GERE = "Gere & Goodno, Mechanics of Materials, 8th ed."
SHIGLEY = "Budynas & Nisbett, Shigley's Mechanical Engineering Design, 10th ed."


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
    return model_spec(
        "materials",
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
