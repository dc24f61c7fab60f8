"""Thermal models (热工机理模型): heat exchangers, conduction and insulation, boilers, steam, utilities."""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec

from . import boiler, conduction, exchangers, insulation, ntu, steam, steam_system, transfer, utilities

SPECS: tuple[ComputationSpec, ...] = (
    *transfer.SPECS,
    *exchangers.SPECS,
    *ntu.SPECS,
    *conduction.SPECS,
    *insulation.SPECS,
    *steam.SPECS,
    *steam_system.SPECS,
    *boiler.SPECS,
    *utilities.SPECS,
)

__all__ = ["SPECS"]
