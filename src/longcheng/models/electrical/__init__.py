"""Electrical models (电气机理模型): power, power factor, loads, transformers, cables, power quality."""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec

from . import cables, loads, power, quality, transformer

SPECS: tuple[ComputationSpec, ...] = (
    *power.SPECS,
    *loads.SPECS,
    *transformer.SPECS,
    *cables.SPECS,
    *quality.SPECS,
)

__all__ = ["SPECS"]
