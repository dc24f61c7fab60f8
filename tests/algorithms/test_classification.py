"""Classification checks beyond the worked examples: every classifier separates seeded fault classes,
seeded models are reproducible, multi-class shapes, binary metrics, and bad inputs are refused."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from longcheng.algorithms.classification import SPECS

BY_NAME = {s.name: s for s in SPECS}
CLASSIFIERS = ["logistic_regression", "naive_bayes", "knn", "decision_tree", "random_forest"]


def run(name: str, **inputs: Any) -> Any:
    return BY_NAME[f"classification.{name}"].invoke(inputs)


def fault_data(seed: int = 0) -> tuple[list[list[float]], list[str]]:
    """Vibration RMS and temperature rise for three machine states, well apart."""
    rng = np.random.default_rng(seed)
    centres = {"normal": (1.0, 5.0), "unbalance": (4.0, 8.0), "bearing": (2.0, 20.0)}
    rows, labels = [], []
    for label, centre in centres.items():
        rows += (np.asarray(centre) + rng.normal(scale=0.3, size=(25, 2))).tolist()
        labels += [label] * 25
    return rows, labels


def test_the_family_has_its_specs() -> None:
    assert len(SPECS) == 6
    assert all(s.name.startswith("classification.") and s.category == "classification" for s in SPECS)


@pytest.mark.parametrize("name", CLASSIFIERS)
def test_every_classifier_separates_the_fault_classes(name: str) -> None:
    rows, labels = fault_data()
    result = run(name, rows=rows, labels=labels, query=[[1.1, 5.2], [3.9, 8.1], [2.1, 19.5]])
    assert result.classes == ["bearing", "normal", "unbalance"]
    assert result.predictions == ["normal", "unbalance", "bearing"]
    assert result.training_accuracy == 1.0
    assert np.allclose(np.sum(result.probabilities, axis=1), 1.0)


def test_seeded_forests_are_reproducible() -> None:
    rows, labels = fault_data(1)
    query = [[2.5, 12.0]]
    first = run("random_forest", rows=rows, labels=labels, query=query, n_estimators=20, seed=9)
    again = run("random_forest", rows=rows, labels=labels, query=query, n_estimators=20, seed=9)
    assert first.model_dump() == again.model_dump()


def test_multiclass_logistic_has_one_coefficient_row_per_class() -> None:
    rows, labels = fault_data()
    result = run("logistic_regression", rows=rows, labels=labels)
    assert np.asarray(result.coefficients).shape == (3, 2)
    assert result.predictions == []
    assert result.probabilities == []


def test_the_tree_explains_itself_with_named_rules() -> None:
    rows, labels = fault_data()
    result = run("decision_tree", rows=rows, labels=labels, feature_names=["rms", "temp_rise"], max_depth=2)
    assert "temp_rise" in result.rules
    assert result.depth <= 2
    assert sum(result.feature_importances) == pytest.approx(1.0)


def test_distance_weighted_knn_trusts_the_nearest_neighbour() -> None:
    result = run(
        "knn", rows=[[0], [1], [2], [10], [11]], labels=["n", "n", "f", "f", "f"], n_neighbors=3,
        weights="distance", query=[[1.2]],
    )  # fmt: skip
    weights = {"n": 1 / 0.2 + 1 / 1.2, "f": 1 / 0.8}
    assert result.probabilities[0][1] == pytest.approx(weights["n"] / sum(weights.values()))


def test_binary_confusion_metrics_by_hand() -> None:
    actual = ["fault"] * 4 + ["ok"] * 6
    predicted = ["fault", "fault", "fault", "ok", "fault", "ok", "ok", "ok", "ok", "ok"]
    result = run("confusion_metrics", actual=actual, predicted=predicted)
    fault = result.per_class[0]
    assert (fault.precision, fault.recall) == pytest.approx((3 / 4, 3 / 4))
    assert result.matrix == [[3, 1], [1, 5]]
    # κ: p_o = 0.8, p_e = (4·4 + 6·6)/100 = 0.52
    assert result.kappa == pytest.approx((0.8 - 0.52) / (1 - 0.52))


def test_numeric_labels_are_read_as_classes() -> None:
    result = run("confusion_metrics", actual=[1, 0, 1], predicted=[1, 1, 1])
    assert result.classes == ["0", "1"]


@pytest.mark.parametrize(
    ("name", "inputs", "field"),
    [
        ("knn", {"rows": [[1], [2], [3]], "labels": ["a", "b", "a"]}, "n_neighbors"),
        ("naive_bayes", {"rows": [[1], [2]], "labels": ["a", "a"]}, "labels"),
        ("naive_bayes", {"rows": [[1], [2]], "labels": ["a"]}, "labels"),
        ("decision_tree", {"rows": [[1], [2]], "labels": ["a", "b"], "query": [[1, 2]]}, "query"),
        (
            "decision_tree",
            {"rows": [[1], [2]], "labels": ["a", "b"], "feature_names": ["x", "y"]},
            "feature_names",
        ),
        ("confusion_metrics", {"actual": ["a"], "predicted": ["a", "b"]}, "predicted"),
        ("random_forest", {"rows": [[1], [2]], "labels": ["a", "b"], "seed": -1}, "seed"),
    ],
)
def test_inconsistent_inputs_are_refused_naming_the_input(
    name: str, inputs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        BY_NAME[f"classification.{name}"].inputs.model_validate(inputs)
    assert field in {str(e["loc"][0]) for e in caught.value.errors()}
