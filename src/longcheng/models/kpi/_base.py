"""Shared pieces of the ISO 22400-2 KPI family: model bases, field types and the spec builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.models._base import ModelIn as _In
from longcheng.models._base import ModelOut as _Out
from longcheng.models._base import model_spec

ISO = "ISO 22400-2:2014 Automation systems and integration — KPIs for manufacturing operations management"
KANG = "Kang, Zhao, Li & Horst, IJPR 54(21):6333–6350 (2016), Table 1"

# Times of the ISO 22400-1 time model; production times in minutes, maintenance times in hours.
Minutes = Annotated[float, Unit("min", ge=0)]
PositiveMinutes = Annotated[float, Unit("min", gt=0)]
Hours = Annotated[float, Unit("h", ge=0)]
PositiveHours = Annotated[float, Unit("h", gt=0)]
# Quantities in any consistent unit of count or mass (pieces, kg, t).
Quantity = Annotated[float, Unit(ge=0)]
PositiveQuantity = Annotated[float, Unit(gt=0)]
Ratio = Annotated[float, Unit()]


def hand(text: str) -> str:
    """The ``source`` of an example worked by hand from the ISO 22400-2 formula."""
    return f"hand-derived from the ISO 22400-2 formula: {text}"


def not_more_than(part: float, whole: float, part_name: str, whole_name: str) -> None:
    """Refuse a part that exceeds its whole (good quantity above produced quantity, …)."""
    if part > whole * (1 + 1e-12):
        raise ValueError(f"{part_name} ({part:g}) exceeds {whole_name} ({whole:g})")


def kpi_spec(
    name: str,
    title: tuple[str, str],
    io: tuple[type[BaseModel], type[BaseModel]],
    func: Callable[[Any], BaseModel],
    formula: str,
    reference: str,
    examples: tuple[Example, ...],
    domains: tuple[str, ...] = ("production", "operations", "enterprise_management"),
    industries: tuple[str, ...] = ("general", "machinery", "automotive", "electronics"),
) -> ComputationSpec:
    """A KPI spec: ``title`` is (English, Chinese), ``io`` the (inputs, outputs) models."""
    return model_spec(
        "kpi",
        name,
        title=title,
        domains=domains,
        industries=industries,
        inputs=io[0],
        outputs=io[1],
        func=func,
        formula=formula,
        reference=reference,
        examples=examples,
    )


__all__ = ["_In", "_Out"]
