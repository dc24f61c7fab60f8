"""Shared bases of the machining models.

Units follow the tool makers' catalogues: diameters, depths and feeds per revolution or tooth in mm, spindle
speed in rpm (min⁻¹), cutting speed in m/min, specific cutting force in N/mm² (MPa), power in kW. Money is in
yuan (CNY) carried as a dimensionless number, so a machine-and-operator rate is a ``1/min`` quantity.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from longcheng.core.quantities import Unit
from longcheng.models._base import ModelIn, ModelOut

DOMAINS = ("production", "rd_design")
INDUSTRIES = ("machinery", "automotive", "aviation", "shipbuilding", "general")

Millimetres = Annotated[float, Unit("mm", gt=0)]
Speed = Annotated[float, Unit("m/min", gt=0), Field(description="cutting speed v_c")]
SpindleSpeed = Annotated[float, Unit("rpm", gt=0), Field(description="spindle speed n")]
SpecificForce = Annotated[float, Unit("N/mm**2", gt=0), Field(description="specific cutting force k_c")]
Efficiency = Annotated[float, Unit(gt=0, le=1), Field(description="machine efficiency η")]

__all__ = [
    "DOMAINS",
    "INDUSTRIES",
    "Efficiency",
    "Millimetres",
    "ModelIn",
    "ModelOut",
    "SpecificForce",
    "Speed",
    "SpindleSpeed",
]
