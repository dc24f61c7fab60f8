"""What every model family shares: the input and output bases and the spec builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

G = 9.80665  # standard acceleration of gravity, m/s² (3rd CGPM, 1901)


class ModelIn(BaseModel):
    """Inputs: unknown fields refused, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelOut(BaseModel):
    """Outputs: immutable."""

    model_config = ConfigDict(frozen=True)


def model_spec(
    family: str,
    name: str,
    *,
    title: tuple[str, str],
    domains: tuple[str, ...],
    industries: tuple[str, ...],
    inputs: type[BaseModel],
    outputs: type[BaseModel],
    func: Callable[[Any], BaseModel],
    formula: str,
    reference: str,
    examples: tuple[Example, ...],
) -> ComputationSpec:
    """The spec of model ``family.name`` (the family is its category); ``title`` is (English, Chinese)."""
    return ComputationSpec(
        name=f"{family}.{name}",
        title=LocalizedText(en=title[0], zh=title[1]),
        kind="model",
        category=family,
        domains=domains,
        industries=industries,
        inputs=inputs,
        outputs=outputs,
        func=func,
        formula=formula,
        reference=reference,
        examples=examples,
    )


class FamilySpec:
    """The spec builder of one family: ``spec = FamilySpec("thermal")``, then
    ``spec("lmtd", en="Log-mean temperature difference", zh="对数平均温差", …)``."""

    def __init__(self, family: str) -> None:
        self.family = family

    def __call__(
        self,
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
        return model_spec(
            self.family,
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


__all__ = ["FamilySpec", "G", "ModelIn", "ModelOut", "model_spec"]
