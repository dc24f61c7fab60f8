"""Remaining useful life, survival and reliability from data (剩余寿命与可靠性分析)."""

from __future__ import annotations

from longcheng.algorithms.rul import _degradation, _growth, _lifedata
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (*_degradation.SPECS, *_lifedata.SPECS, *_growth.SPECS)

__all__ = ["SPECS"]
