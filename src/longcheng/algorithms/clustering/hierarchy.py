"""Agglomerative (hierarchical) clustering (SciPy) and the silhouette validity index (scikit-learn)."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field, ValidationInfo, field_validator
from scipy.cluster import hierarchy
from scipy.spatial.distance import pdist
from sklearn import metrics

from longcheng.algorithms._series import AlgoOut, TableIn, as_array, floats
from longcheng.algorithms.clustering._base import DOMAINS, SKLEARN, ClustersIn, first_appearance, relabel
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText


class HierarchicalIn(ClustersIn):
    method: Literal["ward", "complete", "average", "single"] = "ward"


class HierarchicalOut(AlgoOut):
    labels: list[int] = Field(description="cluster of each row after cutting the tree into n_clusters")
    merge_heights: list[float] = Field(description="linkage distance of each of the n − 1 merges, ascending")
    linkage: list[list[float]] = Field(description="SciPy linkage matrix rows: [a, b, distance, size]")
    cophenetic_correlation: float | None = Field(description="how faithfully the tree keeps the distances")


def hierarchical(p: HierarchicalIn) -> HierarchicalOut:
    x = as_array(p.rows)
    tree = hierarchy.linkage(x, method=p.method, metric="euclidean")
    raw = hierarchy.fcluster(tree, t=p.n_clusters, criterion="maxclust") - 1
    k = int(raw.max()) + 1
    distances = pdist(x)
    cophenetic = None
    if x.shape[0] > 2 and np.ptp(distances) > 0:
        cophenetic = float(hierarchy.cophenet(tree, distances)[0])
    return HierarchicalOut(
        labels=relabel(raw, first_appearance(raw, k)),
        merge_heights=floats(tree[:, 2]),
        linkage=tree.tolist(),
        cophenetic_correlation=cophenetic,
        diagnostics={"n": int(x.shape[0]), "method": p.method, "clusters_found": k},
    )


class SilhouetteIn(TableIn):
    labels: list[int] = Field(description="cluster of each row (−1 = noise rows, left out)")

    @field_validator("labels")
    @classmethod
    def _one_per_row(cls, labels: list[int], info: ValidationInfo) -> list[int]:
        rows = info.data.get("rows")
        if rows is not None and len(labels) != len(rows):
            raise ValueError(f"{len(labels)} labels for {len(rows)} rows")
        kept = {v for v in labels if v >= 0}
        if not 2 <= len(kept) <= sum(1 for v in labels if v >= 0) - 1:
            raise ValueError("the silhouette needs 2 … n − 1 clusters")
        return labels


class SilhouetteOut(AlgoOut):
    score: float = Field(description="mean silhouette over the rows, in [−1, 1]")
    samples: list[float | None] = Field(description="s(i) per row (None for noise)")
    cluster_means: dict[str, float]


def silhouette(p: SilhouetteIn) -> SilhouetteOut:
    x, labels = as_array(p.rows), np.asarray(p.labels)
    keep = labels >= 0
    values = metrics.silhouette_samples(x[keep], labels[keep])
    per_row: list[float | None] = [None] * len(p.labels)
    for i, v in zip(np.flatnonzero(keep), values, strict=True):
        per_row[int(i)] = float(v)
    means = {str(c): float(values[labels[keep] == c].mean()) for c in sorted(set(labels[keep].tolist()))}
    return SilhouetteOut(
        score=float(values.mean()),
        samples=per_row,
        cluster_means=means,
        diagnostics={"n": int(keep.sum()), "noise": int((~keep).sum())},
    )


HIERARCHICAL = ComputationSpec(
    name="clustering.hierarchical",
    title=LocalizedText(en="Hierarchical clustering (Ward linkage)", zh="层次聚类（Ward离差平方和法）"),
    kind="algorithm",
    category="clustering",
    domains=DOMAINS,
    inputs=HierarchicalIn,
    outputs=HierarchicalOut,
    func=hierarchical,
    formula="agglomerate the closest pair repeatedly; Ward: d(u, v) = √(2·n_u·n_v/(n_u + n_v))·‖c_u − c_v‖ "
    "(Lance-Williams update); cut the tree into n_clusters (maxclust)",
    reference="Ward (1963), JASA 58(301):236-244; Müllner (2011), arXiv:1109.2378; "
    "scipy.cluster.hierarchy.linkage / fcluster / cophenet",
    examples=(
        Example(
            inputs={"rows": [[0], [1], [5], [6]], "n_clusters": 2},
            expected={
                "labels": [0, 0, 1, 1],
                "merge_heights": [1.0, 1.0, 7.0710678],
                "cophenetic_correlation": 0.9561829,
            },
            source="by hand: merge {0,1} and {5,6} at 1; Ward distance of the pairs √(2·2·2/4)·|0.5 − 5.5| = "
            "5√2; cophenetic correlation of d = (1,5,6,4,5,1) with (1,c,c,c,c,1): 5.333/√(23.333·1.333)",
            rel_tol=1e-7,
        ),
    ),
)

SILHOUETTE = ComputationSpec(
    name="clustering.silhouette",
    title=LocalizedText(en="Silhouette coefficient (cluster validity)", zh="轮廓系数（聚类有效性评价）"),
    kind="algorithm",
    category="clustering",
    domains=DOMAINS,
    inputs=SilhouetteIn,
    outputs=SilhouetteOut,
    func=silhouette,
    formula="s(i) = (b(i) − a(i))/max(a(i), b(i)); a = mean distance to its own cluster, b = smallest mean "
    "distance to another cluster; score = mean s(i)",
    reference=f"Rousseeuw (1987), J. Comput. Appl. Math. 20:53-65; {SKLEARN}, Silhouette coefficient",
    examples=(
        Example(
            inputs={"rows": [[0], [1], [5], [6]], "labels": [0, 0, 1, 1]},
            expected={
                "samples": [1 - 1 / 5.5, 1 - 1 / 4.5, 1 - 1 / 4.5, 1 - 1 / 5.5],
                "score": 0.7979798,
            },
            source="by hand: row 0: a = 1, b = (5 + 6)/2 = 5.5, s = 0.8182; row 1: a = 1, b = (4 + 5)/2, "
            "s = 0.7778; symmetric for rows 2, 3; mean 0.79798",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (HIERARCHICAL, SILHOUETTE)
