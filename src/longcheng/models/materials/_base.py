"""Shared pieces of the materials and structures models: frozen input/output bases and the spec builder."""

from __future__ import annotations

from typing import Annotated

from longcheng.core.quantities import Unit
from longcheng.models._base import FamilySpec
from longcheng.models._base import ModelIn as In
from longcheng.models._base import ModelOut as Out

G_N = 9.80665  # standard acceleration of gravity, m/s² (kgf ↔ N in the hardness formulas)

Stress = Annotated[float, Unit("MPa")]
Modulus = Annotated[float, Unit("GPa", gt=0)]
Length = Annotated[float, Unit("mm", gt=0)]

GERE = "Gere & Goodno, Mechanics of Materials, 8th ed."
SHIGLEY = "Budynas & Nisbett, Shigley's Mechanical Engineering Design, 10th ed."


spec = FamilySpec("materials")  # spec(name, en=…, zh=…, domains=…, …): a materials-family model


__all__ = ["In", "Out"]
