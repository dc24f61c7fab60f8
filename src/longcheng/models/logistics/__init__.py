"""Logistics and production planning (物流与生产计划): lot sizing, safety stock, service levels, flow laws,
line balancing, great-circle routing, ABC classes and the bullwhip effect."""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec
from longcheng.models.logistics import flow, inventory, network, service

SPECS: tuple[ComputationSpec, ...] = (*inventory.SPECS, *service.SPECS, *flow.SPECS, *network.SPECS)

__all__ = ["SPECS"]
