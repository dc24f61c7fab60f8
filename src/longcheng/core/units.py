"""Units of measure, through pint. The registry loads lazily: most commands never need it."""

from __future__ import annotations

import functools
import warnings
from typing import TYPE_CHECKING

from longcheng.core.errors import InvalidInput

if TYPE_CHECKING:
    import pint


@functools.cache
def registry() -> pint.UnitRegistry[float]:
    """The platform's unit registry.

    Changes to pint's defaults: ``var`` (and ``kvar``) for reactive power, and ``rpm`` as revolutions per
    minute the way machines count them, so ``1 Hz = 60 rpm`` (pint's own rpm is 2π rad/min, which makes
    25 Hz come out as 238.7 rpm). Angular speeds in rad/s must therefore be converted by the caller.
    """
    import pint  # noqa: PLC0415 - deferred: loading the registry costs ~0.3 s

    reg: pint.UnitRegistry[float] = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pint warns that rpm is redefined: that is the point
        reg.define("revolutions_per_minute = 1 / minute = rpm")
    # reactive power (IEC 60050-131): var, kvar, Mvar
    reg.define("volt_ampere_reactive = volt * ampere = var")
    return reg


@functools.cache
def check_unit(unit: str, field: str = "unit") -> str:
    """Return ``unit`` if pint knows it; otherwise raise InvalidInput naming ``field``."""
    import pint  # noqa: PLC0415

    try:
        registry().Unit(unit)
    except (pint.UndefinedUnitError, pint.DefinitionSyntaxError, AttributeError, ValueError) as err:
        raise InvalidInput(field, f"unknown unit {unit!r}", code="error.unknown_unit", unit=unit) from err
    return unit


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a magnitude between two units (raises InvalidInput if they are not compatible)."""
    import pint  # noqa: PLC0415

    try:
        return float(registry().Quantity(value, from_unit).to(to_unit).magnitude)
    except pint.DimensionalityError as err:
        raise InvalidInput("unit", f"cannot convert {from_unit} to {to_unit}") from err


__all__ = ["check_unit", "convert", "registry"]
