"""Clustering and regime identification (聚类与工况识别)."""

from __future__ import annotations

from longcheng.algorithms.clustering import hierarchy, partition, regimes
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (*partition.SPECS, *hierarchy.SPECS, *regimes.SPECS)

__all__ = ["SPECS"]
