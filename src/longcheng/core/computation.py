"""The one contract of mechanism models (机理模型) and data-analysis algorithms (数据分析算法).

Each is a pure, typed function ``func(inputs: InputsModel) -> OutputsModel`` plus a frozen
``ComputationSpec``: a stable id (``rotating.bearing_defect_frequencies``), Chinese and English names, class
(category), domains, industries, the formula in text, the reference it comes from, and worked
``examples`` taken from that reference. Inputs and outputs are pydantic models whose numeric fields are
``Quantity`` fields with units and valid ranges.

Families register through entry points (``longcheng.models``, ``longcheng.algorithms``), one entry point per
family module pointing at its ``SPECS`` tuple; every spec id starts with the family name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from longcheng.core.plugins import Spec
from longcheng.core.thing_model import LocalizedText

Kind = Literal["model", "algorithm"]

MODEL_CATEGORIES: tuple[str, ...] = (
    "rotating",
    "thermal",
    "fluids",
    "compressed_air",
    "machining",
    "materials",
    "electrical",
    "kpi",
    "reliability",
    "quality",
    "energy_carbon",
    "logistics",
    "industry",
)
ALGORITHM_CATEGORIES: tuple[str, ...] = (
    "anomaly",
    "spc",
    "spectral",
    "rul",
    "forecasting",
    "clustering",
    "regression",
    "classification",
    "changepoint",
    "cleaning",
)
DOMAINS: tuple[str, ...] = (
    "rd_design",
    "production",
    "operations",
    "supply_chain",
    "warehousing_logistics",
    "product_service",
    "enterprise_management",
)
_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Example:
    """A worked value from the cited source: ``inputs`` give ``expected`` within ``rel_tol``/``abs_tol``.

    ``expected`` names output fields (dotted paths into nested outputs allowed, e.g. ``"frequencies.bpfo"``).
    """

    inputs: Mapping[str, Any]
    expected: Mapping[str, Any]
    source: str
    rel_tol: float = 1e-3
    abs_tol: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class ComputationSpec(Spec):
    title: LocalizedText
    kind: Kind
    category: str
    domains: tuple[str, ...]
    industries: tuple[str, ...] = ("general",)
    inputs: type[BaseModel]
    outputs: type[BaseModel]
    func: Callable[[Any], BaseModel]
    formula: str
    reference: str
    examples: tuple[Example, ...] = field(default=())
    title_key: str = ""

    def __post_init__(self) -> None:
        problems = []
        if not _ID.match(self.name):
            problems.append("id must look like 'family.name' in lower case")
        categories = MODEL_CATEGORIES if self.kind == "model" else ALGORITHM_CATEGORIES
        if self.category not in categories:
            problems.append(f"category {self.category!r} is not one of {categories}")
        if not self.domains or set(self.domains) - set(DOMAINS):
            problems.append(f"domains must be a non-empty subset of {DOMAINS}")
        if not self.reference.strip() or not self.formula.strip():
            problems.append("formula and reference are required")
        if not (self.title.en and self.title.zh):
            problems.append("title needs both en and zh")
        if problems:
            raise ValueError(f"{self.name}: " + "; ".join(problems))

    def invoke(self, raw: Mapping[str, Any]) -> BaseModel:
        """Validate ``raw`` (units converted, ranges checked), run the function, check its result type."""
        result = self.func(self.inputs.model_validate(raw))
        if not isinstance(result, self.outputs):
            raise TypeError(f"{self.name} returned {type(result).__name__}, not {self.outputs.__name__}")
        return result


__all__ = [
    "ALGORITHM_CATEGORIES",
    "DOMAINS",
    "MODEL_CATEGORIES",
    "ComputationSpec",
    "Example",
    "Kind",
]
