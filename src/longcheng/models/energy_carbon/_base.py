"""Shared bases of the energy and carbon models.

Money is counted in yuan (CNY) and carried as a dimensionless number; a price per kWh is therefore a
``1/kWh`` quantity, so ``cost = energy × price`` stays dimensionally honest and unit conversion still works.
Tonnes of standard coal equivalent (tce, 吨标准煤) are carried as a mass in ``t``.
"""

from __future__ import annotations

from longcheng.models._base import ModelIn, ModelOut

DOMAINS = ("operations", "enterprise_management", "production")
INDUSTRIES = ("general", "energy", "metallurgy", "chemical", "building_materials")

__all__ = ["DOMAINS", "INDUSTRIES", "ModelIn", "ModelOut"]
