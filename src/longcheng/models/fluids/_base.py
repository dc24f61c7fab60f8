"""Shared bases of the fluid-flow models."""

from __future__ import annotations

from longcheng.models._base import G, ModelIn, ModelOut

__all__ = ["G", "ModelIn", "ModelOut"]
