"""Regression and soft sensors (回归与软测量)."""

from __future__ import annotations

from longcheng.algorithms.regression import curves, linear, penalized
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (*linear.SPECS, *curves.SPECS, *penalized.SPECS)

__all__ = ["SPECS"]
