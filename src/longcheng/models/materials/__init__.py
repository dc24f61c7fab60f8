"""Materials and structures models (材料与结构力学机理模型): stress, beams, columns, vessels, fatigue,
fasteners, hardness and modulus testing."""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec

from . import beams, columns, damage, fasteners, fatigue, stress, testing, vessels

SPECS: tuple[ComputationSpec, ...] = (
    *stress.SPECS,
    *beams.SPECS,
    *columns.SPECS,
    *vessels.SPECS,
    *fatigue.SPECS,
    *damage.SPECS,
    *fasteners.SPECS,
    *testing.SPECS,
)

__all__ = ["SPECS"]
