"""Shared bases of the logistics and production-planning models.

Counts of units are dimensionless; rates are per time (``1/year``, ``1/day``, ``1/hour``). Money is in yuan
(CNY) carried as a dimensionless number, so a holding cost per unit and year is a ``1/year`` quantity.
"""

from __future__ import annotations

from longcheng.models._base import ModelIn, ModelOut

INVENTORY_DOMAINS = ("supply_chain", "warehousing_logistics", "production")
FLOW_DOMAINS = ("production", "supply_chain", "warehousing_logistics")
INDUSTRIES = ("general", "machinery", "automotive", "electronics", "food", "light_industry")

__all__ = ["FLOW_DOMAINS", "INDUSTRIES", "INVENTORY_DOMAINS", "ModelIn", "ModelOut"]
