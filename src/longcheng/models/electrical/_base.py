"""Shared pieces of the electrical models: frozen input/output bases and the spec builder."""

from __future__ import annotations

from typing import Annotated

from longcheng.core.quantities import Unit
from longcheng.models._base import FamilySpec
from longcheng.models._base import ModelIn as In
from longcheng.models._base import ModelOut as Out

SQRT3 = 3**0.5

PowerFactor = Annotated[float, Unit(gt=0, le=1)]


spec = FamilySpec("electrical")  # spec(name, en=…, zh=…, domains=…, …): a electrical-family model


__all__ = ["In", "Out"]
