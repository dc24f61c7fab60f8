"""Shared shapes of the classifiers: labelled training rows, rows to classify, predictions."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import numpy as np
from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from longcheng.algorithms._series import AlgoOut, FiniteFloat, TableIn, as_array

T = TypeVar("T")

DOMAINS = ("operations", "production", "product_service")
SKLEARN = "scikit-learn 1.9 user guide"
Seed = Annotated[int, Field(ge=0, le=2**32 - 1, description="random seed: the same seed, the same result")]


class TrainingIn(TableIn):
    """``rows`` of features with one class ``label`` each (numbers are read as text), and ``query`` rows."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    labels: list[str] = Field(
        min_length=2, description="class of each training row, e.g. 'normal', 'unbalance'"
    )
    query: list[list[FiniteFloat]] = Field(default_factory=list, description="rows to classify")

    @field_validator("labels")
    @classmethod
    def _one_per_row(cls, labels: list[str], info: ValidationInfo) -> list[str]:
        rows = info.data.get("rows")
        if rows is not None and len(labels) != len(rows):
            raise ValueError(f"{len(labels)} labels for {len(rows)} rows")
        if len(set(labels)) < 2:
            raise ValueError("at least two classes are needed")
        return labels

    @field_validator("query")
    @classmethod
    def _same_columns(cls, query: list[list[float]], info: ValidationInfo) -> list[list[float]]:
        rows = info.data.get("rows")
        if rows and any(len(q) != len(rows[0]) for q in query):
            raise ValueError(f"every query row needs {len(rows[0])} features")
        return query


class ClassifierOut(AlgoOut):
    classes: list[str] = Field(description="the classes, in the order of the probability columns")
    predictions: list[str] = Field(description="predicted class of each query row")
    probabilities: list[list[float]] = Field(description="class probabilities of each query row")
    training_accuracy: float = Field(description="share of training rows classified correctly (optimistic)")


def classify(model: Any, p: TrainingIn, diagnostics: dict[str, float | int | str]) -> ClassifierOut:
    """Predictions and probabilities of a fitted scikit-learn classifier for ``p.query``."""
    x, y = as_array(p.rows), np.asarray(p.labels)
    query = as_array(p.query).reshape(len(p.query), x.shape[1])
    return ClassifierOut(
        classes=[str(c) for c in model.classes_],
        predictions=[str(c) for c in model.predict(query)] if p.query else [],
        probabilities=model.predict_proba(query).tolist() if p.query else [],
        training_accuracy=float(model.score(x, y)),
        diagnostics={"n": int(x.shape[0]), "features": int(x.shape[1]), **diagnostics},
    )


def quietly(call: Callable[[], T]) -> tuple[T, str]:
    """Run a library call, collecting its warnings (e.g. convergence) as text for the diagnostics."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, "; ".join(sorted({f"{w.category.__name__}: {w.message}" for w in caught}))


__all__ = ["DOMAINS", "SKLEARN", "ClassifierOut", "Seed", "TrainingIn", "classify", "quietly"]
