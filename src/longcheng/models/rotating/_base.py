"""Shared bases of the rotating-equipment models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

G = 9.80665  # standard gravity, m/s² (CGPM 1901)


class ModelIn(BaseModel):
    """Inputs: unknown fields refused, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelOut(BaseModel):
    """Outputs: immutable."""

    model_config = ConfigDict(frozen=True)


__all__ = ["G", "ModelIn", "ModelOut"]
