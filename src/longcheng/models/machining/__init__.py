"""Machining (切削加工): speeds and feeds, removal rates, Kienzle cutting force, power and torque for turning,
milling and drilling, theoretical roughness, cutting time, Taylor tool life and machining economics."""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec
from longcheng.models.machining import forces, milling, speeds, tool_life, turning

SPECS: tuple[ComputationSpec, ...] = (
    *speeds.SPECS,
    *turning.SPECS,
    *milling.SPECS,
    *forces.SPECS,
    *tool_life.SPECS,
)

__all__ = ["SPECS"]
