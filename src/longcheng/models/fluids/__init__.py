"""Fluids: pipe flow, friction, fittings, flow meters, control valves, transients, tanks and channels.

The entry point ``longcheng.models.fluids:SPECS`` gathers the specs of every module of the family.
"""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec
from longcheng.models.fluids import basics, meters, pipe_systems, pipes, transients, valves, vessels

SPECS: tuple[ComputationSpec, ...] = (
    *pipes.SPECS,
    *pipe_systems.SPECS,
    *basics.SPECS,
    *transients.SPECS,
    *meters.SPECS,
    *valves.SPECS,
    *vessels.SPECS,
)

__all__ = ["SPECS"]
