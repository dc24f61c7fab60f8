"""Manufacturing KPIs of ISO 22400-2:2014 (all 34) plus TEEP, each a pure function with its spec.

Production times are in minutes and maintenance times in hours by default; any time unit is accepted
("7.5 h", {"value": 450, "unit": "min"}). Ratios are dimensionless fractions (0.85, not 85 %).
"""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec
from longcheng.models.kpi import capability, efficiency, maintenance, material, oee, quality_kpis, time_kpis

SPECS: tuple[ComputationSpec, ...] = (
    *time_kpis.SPECS,
    *efficiency.SPECS,
    *oee.SPECS,
    *quality_kpis.SPECS,
    *capability.SPECS,
    *material.SPECS,
    *maintenance.SPECS,
)

__all__ = ["SPECS"]
