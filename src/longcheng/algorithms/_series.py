"""Shared inputs and outputs of the data-analysis algorithms: series, tables and diagnostics.

``SeriesIn`` carries ``values`` (finite numbers, at least three unless a subclass redeclares the field with
:func:`values_field`) and optional ``timestamps`` (epoch milliseconds, one per value, strictly increasing).
``SampledIn`` adds a ``sample_rate`` in Hz. ``TableIn`` carries ``rows`` (a matrix of finite numbers).
Every output derives from ``AlgoOut`` and carries ``diagnostics``: a flat map of numbers and strings that
say how the result was reached (sample size, parameters used, library, iterations …).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Annotated, Any

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText

FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
Diagnostics = dict[str, float | int | str]
SampleRate = Annotated[float, Unit("Hz", gt=0), Field(description="sampling frequency")]


def algorithm_spec(
    family: str,
    name: str,
    *,
    title: tuple[str, str],
    domains: tuple[str, ...],
    industries: tuple[str, ...],
    inputs: type[BaseModel],
    outputs: type[BaseModel],
    func: Any,
    formula: str,
    reference: str,
    examples: tuple[Example, ...],
) -> ComputationSpec:
    """The spec of algorithm ``family.name`` (the family is its category); ``title`` is (English, Chinese)."""
    return ComputationSpec(
        name=f"{family}.{name}",
        title=LocalizedText(en=title[0], zh=title[1]),
        kind="algorithm",
        category=family,
        domains=domains,
        industries=industries,
        inputs=inputs,
        outputs=outputs,
        func=func,
        formula=formula,
        reference=reference,
        examples=examples,
    )


def values_field(min_length: int = 3, max_length: int | None = None, description: str = "") -> Any:
    """A ``Field`` for a list of finite numbers with the length an algorithm needs."""
    return Field(min_length=min_length, max_length=max_length, description=description or None)


Values = Annotated[list[FiniteFloat], values_field(3)]


class AlgoIn(BaseModel):
    """Base of every algorithm input: unknown keys refused, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class AlgoOut(BaseModel):
    """Base of every algorithm output: results plus ``diagnostics``."""

    model_config = ConfigDict(frozen=True)

    diagnostics: Diagnostics = Field(default_factory=dict)


class SeriesIn(AlgoIn):
    """One series of values, optionally time-stamped (epoch ms, same length, strictly increasing)."""

    values: Values
    timestamps: list[int] | None = Field(default=None, description="epoch milliseconds, one per value")

    @field_validator("timestamps")
    @classmethod
    def _timestamps_match(cls, stamps: list[int] | None, info: ValidationInfo) -> list[int] | None:
        if stamps is None:
            return None
        values = info.data.get("values")
        if values is not None and len(stamps) != len(values):
            raise ValueError(f"{len(stamps)} timestamps for {len(values)} values")
        if any(b <= a for a, b in itertools.pairwise(stamps)):
            raise ValueError("timestamps must be strictly increasing")
        return stamps


class SampledIn(SeriesIn):
    """A uniformly sampled signal: ``values`` plus ``sample_rate`` (Hz)."""

    sample_rate: SampleRate


def _rectangular(rows: list[list[float]]) -> list[list[float]]:
    if len({len(r) for r in rows}) > 1:
        raise ValueError("every row must have the same number of columns")
    return rows


class TableIn(AlgoIn):
    """A table of observations: ``rows`` × columns of finite numbers (all rows the same width)."""

    rows: Annotated[list[Annotated[list[FiniteFloat], Field(min_length=1)]], Field(min_length=2)]

    @field_validator("rows")
    @classmethod
    def _rectangular_rows(cls, rows: list[list[float]]) -> list[list[float]]:
        return _rectangular(rows)


def as_array(values: Sequence[float] | Sequence[Sequence[float]]) -> NDArray[np.float64]:
    """The values as a float64 numpy array (1-D for a series, 2-D for a table)."""
    return np.asarray(values, dtype=np.float64)


def floats(array: NDArray[Any] | Sequence[float]) -> list[float]:
    """A numpy array (or sequence) as a plain list of Python floats, for an output field."""
    return [float(v) for v in np.asarray(array, dtype=np.float64).ravel()]


def indices(mask: NDArray[np.bool_]) -> list[int]:
    """The positions where ``mask`` is true, as plain ints."""
    return [int(i) for i in np.flatnonzero(mask)]


__all__ = [
    "AlgoIn",
    "AlgoOut",
    "Diagnostics",
    "FiniteFloat",
    "SampleRate",
    "SampledIn",
    "SeriesIn",
    "TableIn",
    "Values",
    "as_array",
    "floats",
    "indices",
    "values_field",
]
