"""Configuration of the simulated factory."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SimConfig(BaseModel):
    """How many simulated devices to run, how often each publishes, and the seed of their randomness."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    count: int = Field(ge=0, description="Number of simulated devices, spread round-robin over the types.")
    interval_s: float = Field(default=1.0, gt=0, description="Seconds between two publishes of a device.")
    seed: int = Field(default=42, description="Seed of the random numbers; the same seed repeats a run.")


__all__ = ["SimConfig"]
