"""Shared pieces of the clustering algorithms: inputs, label canonicalisation, warning capture."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Annotated, TypeVar

import numpy as np
from numpy.typing import NDArray
from pydantic import Field, ValidationInfo, field_validator

from longcheng.algorithms._series import TableIn

T = TypeVar("T")

SKLEARN = "scikit-learn 1.9 user guide"
DOMAINS = ("operations", "production", "product_service")
Seed = Annotated[int, Field(ge=0, le=2**32 - 1, description="random seed: the same seed, the same result")]


class ClustersIn(TableIn):
    """``rows`` (observations × features) to split into ``n_clusters`` groups."""

    n_clusters: int = Field(default=2, ge=1, le=1000, validate_default=True, description="number of clusters")

    @field_validator("n_clusters")
    @classmethod
    def _not_more_than_rows(cls, k: int, info: ValidationInfo) -> int:
        rows = info.data.get("rows")
        if rows is not None and k > len(rows):
            raise ValueError(f"{k} clusters for {len(rows)} rows")
        return k


def first_appearance(labels: NDArray[np.int_], k: int) -> list[int]:
    """Old cluster numbers in the order they first appear in the data (unused ones last, ascending).

    Renumbering with it makes the labels independent of the library's arbitrary numbering: the first row is
    always in cluster 0, the next new cluster met is 1, and so on. Noise (−1) is left alone.
    """
    seen: list[int] = []
    for label in labels.tolist():
        if label >= 0 and label not in seen:
            seen.append(int(label))
    return seen + [c for c in range(k) if c not in seen]


def relabel(labels: NDArray[np.int_], order: list[int]) -> list[int]:
    """Labels renumbered so that ``order[i]`` becomes ``i``; −1 (noise) stays −1."""
    new = {old: i for i, old in enumerate(order)}
    return [new.get(int(v), -1) for v in labels.tolist()]


def quietly(call: Callable[[], T]) -> tuple[T, str]:
    """Run a library call, collecting its warnings (e.g. convergence) as text for the diagnostics."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, "; ".join(sorted({f"{w.category.__name__}: {w.message}" for w in caught}))


__all__ = ["DOMAINS", "SKLEARN", "ClustersIn", "Seed", "first_appearance", "quietly", "relabel"]
