"""Regression and soft sensors (回归与软测量)."""

from __future__ import annotations

from longcheng.algorithms.regression import correlation, curves, linear, penalized, robust
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (
    *linear.SPECS,
    *curves.SPECS,
    *penalized.SPECS,
    *robust.SPECS,
    *correlation.SPECS,
)

__all__ = ["SPECS"]
