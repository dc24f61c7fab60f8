"""Industry-specific models (行业机理模型): injection moulding, welding, textile yarns and fabrics,
food thermal processing, drying and evaporation, chemical reactors."""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec
from longcheng.models.industry import fabric, moulding, reaction, thermal_process, welding, yarn

SPECS: tuple[ComputationSpec, ...] = (
    *moulding.SPECS,
    *welding.SPECS,
    *yarn.SPECS,
    *fabric.SPECS,
    *thermal_process.SPECS,
    *reaction.SPECS,
)

__all__ = ["SPECS"]
