"""Partitioning clusterers: k-means, DBSCAN and Gaussian mixture (scikit-learn)."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field
from sklearn.cluster import DBSCAN, KMeans
from sklearn.mixture import GaussianMixture

from longcheng.algorithms._series import AlgoOut, TableIn, as_array, floats
from longcheng.algorithms.clustering._base import (
    DOMAINS,
    SKLEARN,
    ClustersIn,
    Seed,
    first_appearance,
    quietly,
    relabel,
)
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText


class KMeansIn(ClustersIn):
    seed: Seed = 0
    n_init: int = Field(default=10, ge=1, le=100, description="k-means++ restarts; the best inertia wins")


class KMeansOut(AlgoOut):
    labels: list[int] = Field(description="cluster of each row, numbered in order of first appearance")
    centers: list[list[float]]
    sizes: list[int]
    inertia: float = Field(description="Σ squared distance of each row to its centre")


def kmeans(p: KMeansIn) -> KMeansOut:
    x = as_array(p.rows)
    model = KMeans(n_clusters=p.n_clusters, n_init=p.n_init, random_state=p.seed)
    fitted, caught = quietly(lambda: model.fit(x))
    order = first_appearance(fitted.labels_, p.n_clusters)
    labels = relabel(fitted.labels_, order)
    return KMeansOut(
        labels=labels,
        centers=[floats(fitted.cluster_centers_[c]) for c in order],
        sizes=[labels.count(i) for i in range(p.n_clusters)],
        inertia=float(fitted.inertia_),
        diagnostics={
            "n": int(x.shape[0]),
            "iterations": int(fitted.n_iter_),
            "seed": p.seed,
            "warnings": caught,
        },
    )


class DbscanIn(TableIn):
    eps: float = Field(gt=0, description="neighbourhood radius, in the units of the rows")
    min_samples: int = Field(
        default=5, ge=1, le=10_000, description="neighbours (itself included) of a core point"
    )


class DbscanOut(AlgoOut):
    labels: list[int] = Field(description="cluster of each row (−1 = noise), in order of first appearance")
    n_clusters: int
    noise: list[int] = Field(description="rows that belong to no cluster")
    core: list[int] = Field(description="core rows")


def dbscan(p: DbscanIn) -> DbscanOut:
    x = as_array(p.rows)
    fitted = DBSCAN(eps=p.eps, min_samples=p.min_samples).fit(x)
    k = int(fitted.labels_.max()) + 1
    labels = relabel(fitted.labels_, first_appearance(fitted.labels_, k))
    return DbscanOut(
        labels=labels,
        n_clusters=k,
        noise=[i for i, v in enumerate(labels) if v < 0],
        core=sorted(int(i) for i in fitted.core_sample_indices_),
        diagnostics={"n": int(x.shape[0]), "eps": p.eps, "min_samples": p.min_samples},
    )


class MixtureIn(ClustersIn):
    covariance_type: Literal["full", "diag", "spherical", "tied"] = "full"
    seed: Seed = 0
    n_init: int = Field(default=1, ge=1, le=100, description="EM restarts; the best likelihood wins")


class MixtureOut(AlgoOut):
    labels: list[int]
    weights: list[float]
    means: list[list[float]]
    covariances: list[list[list[float]]] = Field(description="one full matrix per component")
    probabilities: list[list[float]] = Field(description="posterior probability of each component, per row")
    log_likelihood: float = Field(description="mean log-likelihood per row")
    bic: float
    aic: float


def gaussian_mixture(p: MixtureIn) -> MixtureOut:
    x = as_array(p.rows)
    model = GaussianMixture(
        n_components=p.n_clusters, covariance_type=p.covariance_type, n_init=p.n_init, random_state=p.seed
    )
    fitted, caught = quietly(lambda: model.fit(x))
    order = first_appearance(fitted.predict(x), p.n_clusters)
    full = _full_covariances(fitted.covariances_, p.covariance_type, p.n_clusters, x.shape[1])
    return MixtureOut(
        labels=relabel(fitted.predict(x), order),
        weights=[float(fitted.weights_[c]) for c in order],
        means=[floats(fitted.means_[c]) for c in order],
        covariances=[full[c].tolist() for c in order],
        probabilities=fitted.predict_proba(x)[:, order].tolist(),
        log_likelihood=float(fitted.score(x)),
        bic=float(fitted.bic(x)),
        aic=float(fitted.aic(x)),
        diagnostics={
            "converged": str(bool(fitted.converged_)),
            "iterations": int(fitted.n_iter_),
            "seed": p.seed,
            "warnings": caught,
        },
    )


def _full_covariances(cov: np.ndarray, kind: str, k: int, d: int) -> np.ndarray:
    """scikit-learn's covariance storage for each ``covariance_type`` as k full d×d matrices."""
    if kind == "full":
        return cov
    if kind == "tied":
        return np.repeat(cov[np.newaxis], k, axis=0)
    if kind == "diag":
        return np.stack([np.diag(c) for c in cov])
    return np.stack([np.eye(d) * c for c in cov])


KMEANS = ComputationSpec(
    name="clustering.kmeans",
    title=LocalizedText(en="k-means clustering", zh="K均值聚类"),
    kind="algorithm",
    category="clustering",
    domains=DOMAINS,
    inputs=KMeansIn,
    outputs=KMeansOut,
    func=kmeans,
    formula="minimise Σ_i ‖x_i − μ_{c(i)}‖² (Lloyd iterations from k-means++ seeds, best of n_init runs)",
    reference="Lloyd (1982), IEEE Trans. Inf. Theory 28(2):129-137; Arthur & Vassilvitskii (2007), "
    f"k-means++, SODA pp. 1027-1035; {SKLEARN}, K-means",
    examples=(
        Example(
            inputs={"rows": [[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10]], "n_clusters": 2},
            expected={
                "labels": [0, 0, 0, 1, 1, 1],
                "centers": [[1 / 3, 1 / 3], [31 / 3, 31 / 3]],
                "sizes": [3, 3],
                "inertia": 8 / 3,
            },
            source="by hand: the two groups are the optimum; centroids (1/3, 1/3) and (31/3, 31/3); "
            "each group contributes 2/9 + 5/9 + 5/9 = 4/3 to the inertia, 8/3 in all",
            rel_tol=1e-9,
        ),
    ),
)

DBSCAN_SPEC = ComputationSpec(
    name="clustering.dbscan",
    title=LocalizedText(en="DBSCAN density-based clustering", zh="DBSCAN密度聚类"),
    kind="algorithm",
    category="clustering",
    domains=DOMAINS,
    inputs=DbscanIn,
    outputs=DbscanOut,
    func=dbscan,
    formula="core point: ≥ min_samples rows (itself included) within eps; clusters are the core points "
    "connected through eps-neighbourhoods plus the border rows they reach; the rest is noise (−1)",
    reference=f"Ester, Kriegel, Sander & Xu (1996), KDD-96 pp. 226-231; {SKLEARN}, DBSCAN",
    examples=(
        Example(
            inputs={"rows": [[1], [1.5], [2], [8], [8.5], [9], [20]], "eps": 1.0, "min_samples": 2},
            expected={
                "labels": [0, 0, 0, 1, 1, 1, -1],
                "n_clusters": 2,
                "noise": [6],
                "core": [0, 1, 2, 3, 4, 5],
            },
            source="by hand: 1, 1.5, 2 and 8, 8.5, 9 are 0.5 apart (each has ≥ 2 points within 1, so all are "
            "core); 20 is more than 1 from every other row → noise",
        ),
    ),
)

MIXTURE = ComputationSpec(
    name="clustering.gaussian_mixture",
    title=LocalizedText(en="Gaussian mixture model (operating modes)", zh="高斯混合模型聚类（工况识别）"),
    kind="algorithm",
    category="clustering",
    domains=DOMAINS,
    inputs=MixtureIn,
    outputs=MixtureOut,
    func=gaussian_mixture,
    formula="p(x) = Σ_k π_k·N(x | μ_k, Σ_k), fitted by expectation-maximisation; label = argmax_k of the "
    "posterior π_k·N(x | μ_k, Σ_k)/p(x); BIC = −2·ln L + p·ln n",
    reference=f"Dempster, Laird & Rubin (1977), JRSS B 39(1):1-38; Bishop, Pattern Recognition and Machine "
    f"Learning (2006) §9.2; {SKLEARN}, Gaussian mixture models",
    examples=(
        Example(
            inputs={"rows": [[0], [1], [2], [10], [11], [12]], "n_clusters": 2},
            expected={
                "labels": [0, 0, 0, 1, 1, 1],
                "weights": [0.5, 0.5],
                "means": [[1.0], [11.0]],
                "covariances": [[[2 / 3]], [[2 / 3]]],
                "probabilities.0.0": 1.0,
            },
            source="by hand: with groups 10 apart the responsibilities are 1 to within e^(−60), so the EM "
            "optimum is each group's mean (1, 11), ML variance ((−1)² + 0 + 1²)/3 = 2/3 and weight 3/6",
            rel_tol=1e-5,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (KMEANS, DBSCAN_SPEC, MIXTURE)
