"""Change-point detection (变点检测): offline segmentation with ruptures, Page-Hinkley and Bayesian online
detection."""

from __future__ import annotations

from longcheng.algorithms.changepoint import _offline, _online
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (*_offline.SPECS, *_online.SPECS)

__all__ = ["SPECS"]
