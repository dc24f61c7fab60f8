"""Statistical process control (统计过程控制): Shewhart charts for variables and attributes, CUSUM and
EWMA, run rules, and process capability."""

from __future__ import annotations

from longcheng.algorithms.spc import _attributes, _capability, _memory, _rules, _shewhart
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (
    *_shewhart.SPECS,
    *_attributes.SPECS,
    *_memory.SPECS,
    *_rules.SPECS,
    *_capability.SPECS,
)

__all__ = ["SPECS"]
