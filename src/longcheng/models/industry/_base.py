"""Shared bases of the industry-specific models (injection moulding, welding, textile, food and process)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ModelIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelOut(BaseModel):
    model_config = ConfigDict(frozen=True)


DOMAINS = ("production", "rd_design")

__all__ = ["DOMAINS", "ModelIn", "ModelOut"]
