"""Reliability and maintenance models: life distributions, system reliability, availability, accelerated
testing, bearing rating life and age replacement."""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec
from longcheng.models.reliability import acceleration, life, maintenance, systems

SPECS: tuple[ComputationSpec, ...] = (*life.SPECS, *systems.SPECS, *acceleration.SPECS, *maintenance.SPECS)

__all__ = ["SPECS"]
