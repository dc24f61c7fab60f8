"""Shared pieces of the thermal models: frozen input/output bases and the spec builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import ht as _ht_module
from pydantic import BaseModel

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.models._base import ModelIn as In
from longcheng.models._base import ModelOut as Out
from longcheng.models._base import model_spec

SIGMA = 5.670374419e-8  # Stefan–Boltzmann constant, W/(m²·K⁴) (CODATA 2018, exact in the 2019 SI)
IF97 = "IF97::Water"  # CoolProp's IAPWS-IF97 backend (MIT); the GPL iapws package is not used

# ht ships partial, sometimes wrong annotations (e.g. temperatures typed as int): call it untyped
ht: Any = _ht_module

Celsius = Annotated[float, Unit("degC", ge=-273.15)]


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
    """A thermal-family model spec (``thermal.<name>``)."""
    return model_spec(
        "thermal",
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
