"""Energy and carbon (能源与碳): China's published grid emission factors as versioned data, GB/T 32150
emission accounting, GB/T 2589 energy accounting in tce, and Chinese electricity tariffs."""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec
from longcheng.models.energy_carbon import accounting, combustion, energy, factors, tariff

SPECS: tuple[ComputationSpec, ...] = (
    *factors.SPECS,
    *combustion.SPECS,
    *accounting.SPECS,
    *energy.SPECS,
    *tariff.SPECS,
)

__all__ = ["SPECS"]
