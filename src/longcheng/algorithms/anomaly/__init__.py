"""Anomaly detection (异常检测): univariate statistical tests, learned detectors (scikit-learn), and
residual-based monitoring."""

from __future__ import annotations

from longcheng.algorithms.anomaly import _learned, _residual, _statistical
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (*_statistical.SPECS, *_learned.SPECS, *_residual.SPECS)

__all__ = ["SPECS"]
