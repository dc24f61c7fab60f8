"""Thing models (物模型): what a device type has — properties, events and commands — as validated data.

A thing model is the contract between a device type and the platform: every sample is checked against it
(data type, range, access), commands are typed by it, and the console builds its forms from it.
"""

from __future__ import annotations

import enum
import math
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value
from longcheng.core.units import check_unit

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,62}$")]


class DataType(enum.StrEnum):
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    STRING = "string"
    ENUM = "enum"


class Access(enum.StrEnum):
    READ = "r"
    READ_WRITE = "rw"


class LocalizedText(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    en: str = ""
    zh: str = ""


class ValueSpec(BaseModel):
    """The shape of one value: a property, or a parameter of a command or event."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Identifier
    title: LocalizedText = LocalizedText()
    data_type: DataType
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    enum_values: tuple[str, ...] = ()
    max_length: int = Field(default=256, ge=1, le=65_536)

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        if self.unit is not None:
            try:
                check_unit(self.unit, f"{self.name}.unit")
            except InvalidInput as err:
                raise ValueError(err.message) from err
        numeric = self.data_type in (DataType.INT, DataType.FLOAT)
        if not numeric and (self.min is not None or self.max is not None):
            raise ValueError(f"{self.name}: min/max apply to int and float only")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"{self.name}: min {self.min} is greater than max {self.max}")
        if (self.data_type is DataType.ENUM) != bool(self.enum_values):
            raise ValueError(f"{self.name}: enum_values are required for enum and only for enum")
        return self

    def check(self, value: object) -> tuple[Value | None, str | None, str | None]:  # noqa: PLR0911
        """Return (coerced value, None, None) if ``value`` fits, else (None, reason code, detail)."""
        dt = self.data_type
        if dt is DataType.FLOAT:
            if isinstance(value, bool) or not isinstance(value, int | float):
                return None, "wrong_type", f"expected a number, got {type(value).__name__}"
            if not math.isfinite(value):
                return None, "wrong_type", "expected a finite number"
            return self._in_range(float(value))
        if dt is DataType.INT:
            if isinstance(value, bool) or not isinstance(value, int):
                if isinstance(value, float) and value.is_integer():
                    return self._in_range(int(value))
                return None, "wrong_type", f"expected an integer, got {type(value).__name__}"
            return self._in_range(value)
        if dt is DataType.BOOL:
            if isinstance(value, bool):
                return value, None, None
            return None, "wrong_type", f"expected true or false, got {type(value).__name__}"
        if not isinstance(value, str):
            return None, "wrong_type", f"expected a string, got {type(value).__name__}"
        if dt is DataType.ENUM and value not in self.enum_values:
            return None, "out_of_range", f"{value!r} is not one of {list(self.enum_values)}"
        if len(value) > self.max_length:
            return None, "out_of_range", f"longer than {self.max_length} characters"
        return value, None, None

    def _in_range(self, value: float) -> tuple[Value | None, str | None, str | None]:
        if self.min is not None and value < self.min:
            return None, "out_of_range", f"{value} is below the minimum {self.min}"
        if self.max is not None and value > self.max:
            return None, "out_of_range", f"{value} is above the maximum {self.max}"
        return value, None, None


class PropertySpec(ValueSpec):
    access: Access = Access.READ


class ParameterSpec(ValueSpec):
    required: bool = True


class EventSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: Identifier
    title: LocalizedText = LocalizedText()
    severity: str = Field(default="info", pattern=r"^(info|warning|critical)$")
    params: tuple[ParameterSpec, ...] = ()


class CommandSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: Identifier
    title: LocalizedText = LocalizedText()
    params: tuple[ParameterSpec, ...] = ()


class ThingModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    properties: tuple[PropertySpec, ...] = ()
    events: tuple[EventSpec, ...] = ()
    commands: tuple[CommandSpec, ...] = ()

    @model_validator(mode="after")
    def _unique_names(self) -> Self:
        for kind, items in (
            ("properties", self.properties),
            ("events", self.events),
            ("commands", self.commands),
        ):
            names = [item.name for item in items]
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                raise ValueError(f"{kind}: duplicate names {dupes}")
        for command in self.commands:
            params = [p.name for p in command.params]
            if len(params) != len(set(params)):
                raise ValueError(f"commands.{command.name}: duplicate parameter names")
        return self

    def property(self, name: str) -> PropertySpec:
        for prop in self.properties:
            if prop.name == name:
                return prop
        raise InvalidInput(name, "no such property in the thing model", code="error.unknown_property")

    def property_map(self) -> dict[str, PropertySpec]:
        return {p.name: p for p in self.properties}


__all__ = [
    "Access",
    "CommandSpec",
    "DataType",
    "EventSpec",
    "LocalizedText",
    "ParameterSpec",
    "PropertySpec",
    "ThingModel",
    "ValueSpec",
]
