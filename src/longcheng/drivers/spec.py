"""The Spec of the ``longcheng.drivers`` plugin kind."""

from __future__ import annotations

from dataclasses import dataclass

from longcheng.core.plugins import Spec
from longcheng.drivers.base import Connect


@dataclass(frozen=True, slots=True, kw_only=True)
class DriverSpec(Spec):
    """A driver plugin: ``protocol`` is the binding name that devices declare; ``connect`` opens a
    ``Session`` from a validated ``config_model`` instance (None for drivers that are not polled, such as
    the simulated factory); ``subscribe`` says whether sessions can push changes."""

    protocol: str
    connect: Connect | None = None
    subscribe: bool = False


__all__ = ["DriverSpec"]
