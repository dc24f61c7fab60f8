"""Tree classifiers: a single decision tree (CART, with readable rules) and a random forest."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field, ValidationInfo, field_validator
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier, export_text

from longcheng.algorithms._series import as_array, floats
from longcheng.algorithms.classification._base import (
    DOMAINS,
    SKLEARN,
    ClassifierOut,
    Seed,
    TrainingIn,
    classify,
)
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText


class TreeIn(TrainingIn):
    max_depth: int | None = Field(default=None, ge=1, le=100, description="None: grow until leaves are pure")
    criterion: Literal["gini", "entropy"] = "gini"
    min_samples_leaf: int = Field(default=1, ge=1, le=10_000)
    feature_names: list[str] | None = Field(default=None, description="names used in the rules")
    seed: Seed = 0

    @field_validator("feature_names")
    @classmethod
    def _one_per_column(cls, names: list[str] | None, info: ValidationInfo) -> list[str] | None:
        rows = info.data.get("rows")
        if names is not None and rows and len(names) != len(rows[0]):
            raise ValueError(f"{len(names)} names for {len(rows[0])} features")
        return names


class TreeOut(ClassifierOut):
    feature_importances: list[float] = Field(description="total impurity decrease per feature, summing to 1")
    depth: int
    leaves: int
    rules: str = Field(description="the tree as indented if/else rules")


def decision_tree(p: TreeIn) -> TreeOut:
    x, y = as_array(p.rows), np.asarray(p.labels)
    model = DecisionTreeClassifier(
        criterion=p.criterion, max_depth=p.max_depth, min_samples_leaf=p.min_samples_leaf, random_state=p.seed
    )
    fitted = model.fit(x, y)
    names = p.feature_names or [f"x{j + 1}" for j in range(x.shape[1])]
    base = classify(fitted, p, {"criterion": p.criterion, "seed": p.seed})
    return TreeOut(
        **base.model_dump(),
        feature_importances=floats(fitted.feature_importances_),
        depth=int(fitted.get_depth()),
        leaves=int(fitted.get_n_leaves()),
        rules=export_text(fitted, feature_names=names),
    )


class ForestIn(TrainingIn):
    n_estimators: int = Field(default=100, ge=1, le=2000, description="number of trees")
    max_depth: int | None = Field(default=None, ge=1, le=100)
    min_samples_leaf: int = Field(default=1, ge=1, le=10_000)
    seed: Seed = 0


class ForestOut(ClassifierOut):
    feature_importances: list[float] = Field(description="mean impurity decrease per feature, summing to 1")


def random_forest(p: ForestIn) -> ForestOut:
    x, y = as_array(p.rows), np.asarray(p.labels)
    model = RandomForestClassifier(
        n_estimators=p.n_estimators,
        max_depth=p.max_depth,
        min_samples_leaf=p.min_samples_leaf,
        random_state=p.seed,
    )
    fitted = model.fit(x, y)
    base = classify(fitted, p, {"trees": p.n_estimators, "seed": p.seed})
    return ForestOut(**base.model_dump(), feature_importances=floats(fitted.feature_importances_))


_GAP = [
    [1],
    [2],
    [3],
    [4],
    [5],
    [6],
    [7],
    [8],
    [9],
    [10],
    [21],
    [22],
    [23],
    [24],
    [25],
    [26],
    [27],
    [28],
    [29],
    [30],
]

TREE = ComputationSpec(
    name="classification.decision_tree",
    title=LocalizedText(en="Decision tree classifier (CART)", zh="决策树分类（CART）"),
    kind="algorithm",
    category="classification",
    domains=DOMAINS,
    inputs=TreeIn,
    outputs=TreeOut,
    func=decision_tree,
    formula="grow binary splits x_j ≤ s (s midway between sorted values) maximising the impurity decrease "
    "N_t·i(t) − N_L·i(L) − N_R·i(R); Gini i = 1 − Σp_k², entropy i = −Σp_k·log₂p_k",
    reference="Breiman, Friedman, Olshen & Stone, Classification and Regression Trees (1984); "
    f"{SKLEARN}, Decision trees",
    examples=(
        Example(
            inputs={
                "rows": [[1, 5], [2, 3], [3, 4], [10, 4], [11, 5], [12, 3]],
                "labels": list("aaabbb"),
                "query": [[0, 4], [6, 4], [20, 4]],
            },
            expected={
                "predictions": ["a", "a", "b"],
                "feature_importances": [1.0, 0.0],
                "depth": 1,
                "leaves": 2,
                "probabilities.2": [0.0, 1.0],
            },
            source="by hand: x1 ≤ 6.5 (midway between 3 and 10) splits the classes purely (Gini 0.5 → 0); "
            "x2 cannot, so it gets no importance; 6 ≤ 6.5 → a",
            rel_tol=1e-12,
        ),
    ),
)

FOREST = ComputationSpec(
    name="classification.random_forest",
    title=LocalizedText(en="Random forest classifier", zh="随机森林分类"),
    kind="algorithm",
    category="classification",
    domains=DOMAINS,
    inputs=ForestIn,
    outputs=ForestOut,
    func=random_forest,
    formula="B trees, each grown on a bootstrap sample with √p features tried per split; "
    "P(c | x) = mean over trees of the leaf class shares; class = argmax",
    reference=f"Breiman (2001), Random forests, Machine Learning 45:5-32; {SKLEARN}, Random forests",
    examples=(
        Example(
            inputs={
                "rows": _GAP,
                "labels": ["ok"] * 10 + ["fault"] * 10,
                "n_estimators": 50,
                "query": [[0], [40]],
            },
            expected={
                "classes": ["fault", "ok"],
                "predictions": ["ok", "fault"],
                "probabilities": [[0.0, 1.0], [1.0, 0.0]],
                "feature_importances": [1.0],
            },
            source="by hand: every bootstrap sample holding both classes (probability 1 − 2·2⁻²⁰ per tree) "
            "gives a tree split between 10 and 21; 0 and 40 lie beyond the data → unanimous votes",
            rel_tol=1e-12,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (TREE, FOREST)
