"""Shared bases of the industry-specific models (injection moulding, welding, textile, food and process)."""

from __future__ import annotations

from longcheng.models._base import ModelIn, ModelOut

DOMAINS = ("production", "rd_design")

__all__ = ["DOMAINS", "ModelIn", "ModelOut"]
