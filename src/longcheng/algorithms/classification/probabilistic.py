"""Probabilistic and instance-based classifiers: logistic regression, Gaussian naive Bayes, k-NN."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from pydantic import Field, ValidationInfo, field_validator
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier

from longcheng.algorithms._series import as_array, floats
from longcheng.algorithms.classification._base import (
    DOMAINS,
    SKLEARN,
    ClassifierOut,
    TrainingIn,
    classify,
    quietly,
)
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText


class LogisticIn(TrainingIn):
    c: float = Field(default=1.0, gt=0, le=1e12, description="inverse L2 penalty C (large = weak penalty)")


class LogisticOut(ClassifierOut):
    coefficients: list[list[float]] = Field(description="one row per class (one row for two classes)")
    intercepts: list[float]


def logistic_regression(p: LogisticIn) -> LogisticOut:
    x, y = as_array(p.rows), np.asarray(p.labels)
    model = LogisticRegression(C=p.c, tol=1e-10, max_iter=10_000)
    fitted, caught = quietly(lambda: model.fit(x, y))
    base = classify(fitted, p, {"iterations": int(np.max(fitted.n_iter_)), "warnings": caught})
    return LogisticOut(
        **base.model_dump(),
        coefficients=fitted.coef_.tolist(),
        intercepts=floats(fitted.intercept_),
    )


class NaiveBayesIn(TrainingIn):
    var_smoothing: float = Field(default=1e-9, ge=0, le=1, description="share of the largest variance added")


class NaiveBayesOut(ClassifierOut):
    priors: list[float]
    means: list[list[float]] = Field(description="per class, per feature")
    variances: list[list[float]]


def naive_bayes(p: NaiveBayesIn) -> NaiveBayesOut:
    x, y = as_array(p.rows), np.asarray(p.labels)
    fitted = GaussianNB(var_smoothing=p.var_smoothing).fit(x, y)
    base = classify(fitted, p, {"epsilon": float(fitted.epsilon_)})
    return NaiveBayesOut(
        **base.model_dump(),
        priors=floats(fitted.class_prior_),
        means=fitted.theta_.tolist(),
        variances=fitted.var_.tolist(),
    )


class KnnIn(TrainingIn):
    n_neighbors: int = Field(default=5, ge=1, le=10_000, validate_default=True)
    weights: Literal["uniform", "distance"] = "uniform"

    @field_validator("n_neighbors")
    @classmethod
    def _enough_rows(cls, k: int, info: ValidationInfo) -> int:
        rows = info.data.get("rows")
        if rows is not None and k > len(rows):
            raise ValueError(f"{k} neighbours for {len(rows)} training rows")
        return k


class KnnOut(ClassifierOut):
    neighbors: list[list[int]] = Field(description="training rows nearest to each query row, nearest first")
    distances: list[list[float]]


def knn(p: KnnIn) -> KnnOut:
    x, y = as_array(p.rows), np.asarray(p.labels)
    fitted = KNeighborsClassifier(n_neighbors=p.n_neighbors, weights=p.weights).fit(x, y)
    base = classify(fitted, p, {"k": p.n_neighbors, "weights": p.weights})
    dist, idx = fitted.kneighbors(as_array(p.query)) if p.query else (np.empty((0, 0)), np.empty((0, 0)))
    return KnnOut(**base.model_dump(), neighbors=idx.astype(int).tolist(), distances=dist.tolist())


_SIG2 = 1 / (1 + math.exp(-2 * 0.5777746788835975))

LOGISTIC = ComputationSpec(
    name="classification.logistic_regression",
    title=LocalizedText(en="Logistic regression classifier", zh="逻辑回归分类"),
    kind="algorithm",
    category="classification",
    domains=DOMAINS,
    inputs=LogisticIn,
    outputs=LogisticOut,
    func=logistic_regression,
    formula="P(y = 1 | x) = 1/(1 + e^−(β₀ + xᵀβ)) (softmax for K > 2); maximise C·Σ log-likelihood − ½‖β‖²",
    reference="Hosmer, Lemeshow & Sturdivant, Applied Logistic Regression, 3rd ed. (2013), ch. 1; "
    f"{SKLEARN}, Logistic regression",
    examples=(
        Example(
            inputs={
                "rows": [[-3], [-2], [-1], [1], [2], [3]],
                "labels": [0, 0, 1, 0, 1, 1],
                "query": [[0], [2]],
            },
            expected={
                "coefficients": [[0.5777747]],
                "intercepts": [0.0],
                "probabilities.0.1": 0.5,
                "probabilities.1.1": _SIG2,
            },
            source="by hand: the data are symmetric under x → −x with the classes swapped, so β₀ = 0; the "
            "penalised score 2·[3σ(−3β) + 2σ(−2β) − σ(β)] − β = 0 has the root β = 0.5777747 (bisection)",
            rel_tol=1e-6,
            abs_tol=1e-7,
        ),
    ),
)

NAIVE_BAYES = ComputationSpec(
    name="classification.naive_bayes",
    title=LocalizedText(en="Gaussian naive Bayes classifier", zh="高斯朴素贝叶斯分类"),
    kind="algorithm",
    category="classification",
    domains=DOMAINS,
    inputs=NaiveBayesIn,
    outputs=NaiveBayesOut,
    func=naive_bayes,
    formula="P(c | x) ∝ P(c)·Π_j N(x_j | μ_cj, σ²_cj); μ, σ² are the class's ML mean and variance "
    "(+ var_smoothing·max variance)",
    reference="Hastie, Tibshirani & Friedman, The Elements of Statistical Learning, 2nd ed., §6.6.3; "
    f"{SKLEARN}, Gaussian Naive Bayes",
    examples=(
        Example(
            inputs={"rows": [[1], [2], [3], [6], [7], [8]], "labels": list("aaabbb"), "query": [[4], [4.5]]},
            expected={
                "means": [[2.0], [7.0]],
                "variances": [[2 / 3], [2 / 3]],
                "probabilities.0.0": 1 / (1 + math.exp(-3.75)),
                "probabilities.1.0": 0.5,
                "predictions.0": "a",
            },
            source="by hand: means 2 and 7, variances 2/3, equal priors; at x = 4 the log-odds are "
            "((4 − 7)² − (4 − 2)²)/(2·2/3) = 3.75 → P(a) = 0.977023; x = 4.5 is midway → 0.5",
            rel_tol=1e-6,
        ),
    ),
)

KNN = ComputationSpec(
    name="classification.knn",
    title=LocalizedText(en="k-nearest-neighbour fault classifier", zh="K近邻故障分类"),
    kind="algorithm",
    category="classification",
    domains=DOMAINS,
    inputs=KnnIn,
    outputs=KnnOut,
    func=knn,
    formula="class = majority (or 1/d-weighted) vote of the k training rows nearest in Euclidean distance; "
    "P(c) = share of the votes",
    reference="Cover & Hart (1967), IEEE Trans. Inf. Theory 13(1):21-27; "
    f"{SKLEARN}, Nearest neighbors classification",
    examples=(
        Example(
            inputs={
                "rows": [[0], [1], [2], [10], [11]],
                "labels": ["normal", "normal", "fault", "fault", "fault"],
                "n_neighbors": 3,
                "query": [[1.2]],
            },
            expected={
                "classes": ["fault", "normal"],
                "predictions": ["normal"],
                "probabilities": [[1 / 3, 2 / 3]],
                "neighbors": [[1, 2, 0]],
                "distances": [[0.2, 0.8, 1.2]],
            },
            source="by hand: from 1.2 the nearest rows are 1 (0.2), 2 (0.8), 0 (1.2) with classes "
            "normal, fault, normal → normal, 2 votes of 3",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (LOGISTIC, NAIVE_BAYES, KNN)
