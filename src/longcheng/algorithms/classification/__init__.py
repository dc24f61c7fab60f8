"""Classification and fault diagnosis (分类与故障诊断)."""

from __future__ import annotations

from longcheng.algorithms.classification import metrics, probabilistic, trees
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (*probabilistic.SPECS, *trees.SPECS, *metrics.SPECS)

__all__ = ["SPECS"]
