"""Multivariate and learned detectors (scikit-learn): isolation forest, local outlier factor, one-class SVM,
robust Mahalanobis distance by minimum covariance determinant."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from pydantic import Field, ValidationInfo, field_validator
from scipy import stats
from sklearn.covariance import MinCovDet
from sklearn.ensemble import IsolationForest
from sklearn.neighbors import LocalOutlierFactor
from sklearn.svm import OneClassSVM

from longcheng.algorithms._series import FiniteFloat, TableIn, algorithm_spec, as_array, floats, indices
from longcheng.algorithms.anomaly._base import OutlierOut
from longcheng.core.computation import ComputationSpec, Example

SKLEARN = "scikit-learn 1.x user guide §2.7 (novelty and outlier detection)"
Contamination = Annotated[float, Field(gt=0, le=0.5)] | None


class LearnIn(TableIn):
    """``rows`` train the detector; ``query`` (same width) are scored, or ``rows`` themselves if absent."""

    query: Annotated[list[Annotated[list[FiniteFloat], Field(min_length=1)]], Field(min_length=1)] | None = (
        None
    )

    @field_validator("query")
    @classmethod
    def _same_width(cls, query: list[list[float]] | None, info: ValidationInfo) -> list[list[float]] | None:
        rows = info.data.get("rows")
        if query is not None and rows and any(len(q) != len(rows[0]) for q in query):
            raise ValueError("every query row needs as many columns as the training rows")
        return query


def _target(p: LearnIn) -> np.ndarray:
    return as_array(p.query if p.query is not None else p.rows)


class ForestIn(LearnIn):
    trees: Annotated[int, Field(ge=1, le=5000)] = 100
    contamination: Contamination = None
    seed: Annotated[int, Field(ge=0, le=2**32 - 1)] = 0


def isolation_forest(p: ForestIn) -> OutlierOut:
    model = IsolationForest(
        n_estimators=p.trees, contamination=p.contamination or "auto", random_state=p.seed
    ).fit(as_array(p.rows))
    x = _target(p)
    return OutlierOut(
        outliers=indices(model.predict(x) == -1),
        scores=floats(-model.score_samples(x)),
        diagnostics={"offset": float(model.offset_), "trees": p.trees, "seed": p.seed},
    )


class LofIn(LearnIn):
    neighbors: Annotated[int, Field(ge=1, le=1000)] = 20
    contamination: Contamination = None


def local_outlier_factor(p: LofIn) -> OutlierOut:
    train = as_array(p.rows)
    k = min(p.neighbors, len(train) - 1)
    novelty = p.query is not None
    model = LocalOutlierFactor(n_neighbors=k, contamination=p.contamination or "auto", novelty=novelty)
    if novelty:
        model.fit(train)
        x = _target(p)
        labels, lof = model.predict(x), -model.score_samples(x)
    else:
        labels, lof = model.fit_predict(train), -model.negative_outlier_factor_
    return OutlierOut(
        outliers=indices(labels == -1),
        scores=floats(lof),
        diagnostics={"neighbors": k, "offset": float(model.offset_), "novelty": str(novelty)},
    )


class SvmIn(LearnIn):
    nu: Annotated[float, Field(gt=0, le=1, description="upper bound on the fraction of outliers")] = 0.5
    gamma: Literal["scale", "auto"] | Annotated[float, Field(gt=0)] = "scale"


def one_class_svm(p: SvmIn) -> OutlierOut:
    model = OneClassSVM(nu=p.nu, gamma=p.gamma).fit(as_array(p.rows))
    x = _target(p)
    return OutlierOut(
        outliers=indices(model.predict(x) == -1),
        scores=floats(model.score_samples(x)),
        diagnostics={"support_vectors": len(model.support_), "offset": float(model.offset_[0])},
    )


class McdIn(LearnIn):
    alpha: Annotated[float, Field(gt=0, lt=1, description="flag d² above χ²_{1−α}(p)")] = 0.025
    seed: Annotated[int, Field(ge=0, le=2**32 - 1)] = 0


def robust_mahalanobis(p: McdIn) -> OutlierOut:
    train = as_array(p.rows)
    mcd = MinCovDet(random_state=p.seed).fit(train)
    d2 = mcd.mahalanobis(_target(p))
    cutoff = float(stats.chi2.ppf(1 - p.alpha, train.shape[1]))
    return OutlierOut(
        outliers=indices(d2 > cutoff),
        scores=floats(d2),
        upper=cutoff,
        diagnostics={"support": int(mcd.support_.sum()), "columns": train.shape[1]},
    )


def _spec(
    name: str,
    en: str,
    zh: str,
    inputs: type[LearnIn],
    func: object,
    formula: str,
    reference: str,
    example: Example,
) -> ComputationSpec:
    return algorithm_spec(
        "anomaly",
        name,
        title=(en, zh),
        domains=("operations", "production", "product_service"),
        industries=("general", "machinery", "energy", "electronics", "chemical"),
        inputs=inputs,
        outputs=OutlierOut,
        func=func,
        formula=formula,
        reference=reference,
        examples=(example,),
    )


FOREST = _spec(
    "isolation_forest",
    "Isolation forest",
    "孤立森林异常检测",
    ForestIn,
    isolation_forest,
    "score s(x, n) = 2^(−E[h(x)]/c(n)) over random isolation trees (c(n) the mean path length of an "
    "unsuccessful BST search); outlier when s exceeds the offset (0.5 for contamination 'auto')",
    f"Liu, Ting & Zhou, Isolation Forest, ICDM 2008; {SKLEARN}, sklearn.ensemble.IsolationForest",
    Example(
        inputs={"rows": [[-1.1], [0.3], [0.5], [100]], "query": [[0.1], [0], [90]], "seed": 0},
        expected={"outliers": [2]},
        source="scikit-learn IsolationForest docstring example: fitted on [-1.1, 0.3, 0.5, 100] with "
        "random_state=0, predict([[0.1], [0], [90]]) = [1, 1, −1]",
    ),
)
LOF = _spec(
    "local_outlier_factor",
    "Local outlier factor",
    "局部离群因子(LOF)",
    LofIn,
    local_outlier_factor,
    "lrd_k(x) = 1/mean reach-dist_k(x, o); LOF_k(x) = mean lrd_k(o)/lrd_k(x) over the k neighbours o; "
    "≈ 1 inside a cluster, ≫ 1 for an outlier",
    f"Breunig, Kriegel, Ng & Sander, LOF, ACM SIGMOD 2000; {SKLEARN}, sklearn.neighbors.LocalOutlierFactor",
    Example(
        inputs={"rows": [[-1.1], [0.2], [101.1], [0.3]], "neighbors": 2},
        expected={
            "outliers": [2],
            "scores.0": 0.9821,
            "scores.1": 1.0370,
            "scores.2": 73.3697,
            "scores.3": 0.9821,
        },
        source="scikit-learn LocalOutlierFactor docstring example (n_neighbors=2): fit_predict = "
        "[1, 1, −1, 1], negative_outlier_factor_ = [−0.9821, −1.0370, −73.3697, −0.9821]",
        abs_tol=6e-5,
    ),
)
SVM = _spec(
    "one_class_svm",
    "One-class SVM",
    "单类支持向量机异常检测",
    SvmIn,
    one_class_svm,
    "maximise the margin of the data from the origin in an RBF feature space, at most a fraction ν outside; "
    "score = Σ αᵢ K(xᵢ, x) (score_samples), outlier when below ρ",
    f"Schölkopf et al., Estimating the support of a high-dimensional distribution, Neural Comput. 13 (2001); "
    f"{SKLEARN}, sklearn.svm.OneClassSVM",
    Example(
        inputs={"rows": [[0], [0.44], [0.45], [0.46], [1]], "gamma": "auto"},
        expected={
            "outliers": [0, 4],
            "scores.0": 1.7798,
            "scores.1": 2.0547,
            "scores.2": 2.0556,
            "scores.3": 2.0561,
            "scores.4": 1.7332,
        },
        source="scikit-learn OneClassSVM docstring example (gamma='auto'): predict = [−1, 1, 1, 1, −1], "
        "score_samples = [1.7798, 2.0547, 2.0556, 2.0561, 1.7332]",
        abs_tol=6e-5,
    ),
)
CLUSTER = [[0.0, 0.0], [1.0, 0.2], [-1.0, -0.2], [0.2, 1.0], [-0.2, -1.0], [0.7, 0.7], [-0.7, -0.7]]
CLUSTER += [[0.7, -0.6], [-0.7, 0.6], [0.3, -0.2], [-0.3, 0.2], [0.1, 0.4], [10.0, 10.0]]
MCD = _spec(
    "robust_mahalanobis",
    "Robust Mahalanobis distance (minimum covariance determinant)",
    "稳健马氏距离(最小协方差行列式)异常检测",
    McdIn,
    robust_mahalanobis,
    "location and scatter from the h-subset of minimum covariance determinant (FAST-MCD, reweighted); "
    "d²(x) = (x − μ̂)ᵀ Σ̂⁻¹ (x − μ̂); outlier when d² > χ²_{1−α}(p)",
    "Rousseeuw & Van Driessen, A fast algorithm for the minimum covariance determinant estimator, "
    f"Technometrics 41 (1999) 212-223; {SKLEARN}, sklearn.covariance.MinCovDet",
    Example(
        inputs={"rows": CLUSTER},
        expected={"outliers": [12], "upper": 7.377759},
        source="Derived by hand: twelve points within 1.05 of the origin and one at (10, 10); the cut-off is "
        "χ²₀.₉₇₅(2) = −2 ln 0.025 = 7.37776 and only the far point exceeds it",
        rel_tol=1e-6,
    ),
)

SPECS = (FOREST, LOF, SVM, MCD)

__all__ = ["SPECS", "isolation_forest", "local_outlier_factor", "one_class_svm", "robust_mahalanobis"]
