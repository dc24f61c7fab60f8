"""Compressed air: leaks and their cost, supply efficiency, receivers and pressure, distribution and use.

The entry point ``longcheng.models.compressed_air:SPECS`` gathers the specs of every module of the family.
"""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec
from longcheng.models.compressed_air import distribution, leaks, pressure, supply

SPECS: tuple[ComputationSpec, ...] = (*leaks.SPECS, *supply.SPECS, *pressure.SPECS, *distribution.SPECS)

__all__ = ["SPECS"]
