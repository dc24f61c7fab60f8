"""The Spec of the ``longcheng.drivers`` plugin kind."""

from __future__ import annotations

from dataclasses import dataclass

from longcheng.core.plugins import Spec


@dataclass(frozen=True, slots=True, kw_only=True)
class DriverSpec(Spec):
    """A driver plugin: ``protocol`` is the binding name that devices declare."""

    protocol: str


__all__ = ["DriverSpec"]
