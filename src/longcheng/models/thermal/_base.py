"""Shared pieces of the thermal models: frozen input/output bases and the spec builder."""

from __future__ import annotations

from typing import Annotated, Any

import ht as _ht_module

from longcheng.core.quantities import Unit
from longcheng.models._base import FamilySpec
from longcheng.models._base import ModelIn as In
from longcheng.models._base import ModelOut as Out

SIGMA = 5.670374419e-8  # Stefan–Boltzmann constant, W/(m²·K⁴) (CODATA 2018, exact in the 2019 SI)
IF97 = "IF97::Water"  # CoolProp's IAPWS-IF97 backend (MIT); the GPL iapws package is not used

# ht ships partial, sometimes wrong annotations (e.g. temperatures typed as int): call it untyped
ht: Any = _ht_module

Celsius = Annotated[float, Unit("degC", ge=-273.15)]


spec = FamilySpec("thermal")  # spec(name, en=…, zh=…, domains=…, …): a thermal-family model


__all__ = ["In", "Out"]
