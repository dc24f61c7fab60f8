"""Unit-aware numeric fields for pydantic models (inputs and outputs of mechanism models).

``speed: Annotated[float, Unit("rpm", gt=0)]`` is a float field in rpm that also accepts ``"25 Hz"``,
``"1450 rpm"`` or ``{"value": 25, "unit": "Hz"}`` and converts them with pint before the bounds are
checked; a value in an incompatible unit is refused with an error that names the field. The unit is in the
JSON Schema as ``x-unit``.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from longcheng.core.units import check_unit, registry

DIMENSIONLESS = "dimensionless"


def _parse(raw: Any) -> tuple[float, str | None]:
    if isinstance(raw, bool):
        raise ValueError("expected a number or a quantity such as '1450 rpm'")
    if isinstance(raw, int | float):
        return float(raw), None
    if isinstance(raw, dict) and "value" in raw:
        value, unit = raw["value"], raw.get("unit")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("'value' must be a number")
        return float(value), (str(unit) if unit else None)
    if isinstance(raw, str):
        import pint  # noqa: PLC0415

        try:
            quantity: Any = registry().Quantity(raw.strip())
        except (pint.UndefinedUnitError, pint.DefinitionSyntaxError, ValueError, AttributeError) as err:
            raise ValueError(f"cannot read {raw!r} as a quantity") from err
        if isinstance(quantity, int | float):
            return float(quantity), None
        return float(quantity.magnitude), str(quantity.units)
    raise ValueError("expected a number or a quantity such as '1450 rpm'")


@functools.cache
def converter(unit: str) -> Callable[[Any], float]:
    """A function that brings any compatible quantity to ``unit`` (plain numbers are taken as ``unit``)."""
    import pint  # noqa: PLC0415

    def convert(raw: Any) -> float:
        value, given = _parse(raw)
        if given is None or given == unit:
            return value
        try:
            return float(registry().Quantity(value, given).to(unit).magnitude)
        except pint.DimensionalityError as err:
            raise ValueError(f"{given!r} cannot be converted to {unit!r}") from err
        except (pint.UndefinedUnitError, pint.DefinitionSyntaxError) as err:
            raise ValueError(f"unknown unit {given!r}") from err

    return convert


@dataclass(frozen=True, slots=True)
class Unit:
    """Annotated metadata: the field's unit and its bounds (checked after conversion)."""

    unit: str = DIMENSIONLESS
    gt: float | None = None
    ge: float | None = None
    lt: float | None = None
    le: float | None = None

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        check_unit(self.unit)
        inner = core_schema.float_schema(gt=self.gt, ge=self.ge, lt=self.lt, le=self.le)
        return core_schema.no_info_before_validator_function(converter(self.unit), inner)

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        result = handler(schema)
        result["x-unit"] = self.unit
        return result


def unit_of(field_info: Any) -> str | None:
    """The unit declared on a model field (also inside ``Annotated[float, Unit(...)] | None``), or None."""
    return next((u.unit for u in _units(field_info)), None)


def bounds_of(field_info: Any) -> Unit | None:
    """The ``Unit`` metadata of a field, with its bounds, wherever it sits in the annotation."""
    return next(iter(_units(field_info)), None)


def _units(field_info: Any) -> list[Unit]:
    found = [m for m in getattr(field_info, "metadata", ()) if isinstance(m, Unit)]
    for arg in typing.get_args(getattr(field_info, "annotation", None)):
        found += [m for m in getattr(arg, "__metadata__", ()) if isinstance(m, Unit)]
    return found


__all__ = ["DIMENSIONLESS", "Unit", "bounds_of", "converter", "unit_of"]
