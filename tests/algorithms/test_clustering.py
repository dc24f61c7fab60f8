"""Clustering checks beyond the worked examples: planted structure is recovered from seeded data, results
are reproducible for a seed, labels do not depend on the library's numbering, and bad inputs are refused."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from longcheng.algorithms.clustering import SPECS

BY_NAME = {s.name: s for s in SPECS}
CENTRES = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])


def run(name: str, **inputs: Any) -> Any:
    return BY_NAME[f"clustering.{name}"].invoke(inputs)


def blobs(seed: int = 1, per: int = 40) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.vstack([c + rng.normal(scale=0.5, size=(per, 2)) for c in CENTRES])


def test_the_family_has_its_specs() -> None:
    assert len(SPECS) == 6
    assert all(s.name.startswith("clustering.") and s.category == "clustering" for s in SPECS)


def test_kmeans_recovers_three_planted_centres_in_order_of_appearance() -> None:
    result = run("kmeans", rows=blobs().tolist(), n_clusters=3, seed=5)
    assert np.allclose(result.centers, CENTRES, atol=0.25)
    assert result.labels == [0] * 40 + [1] * 40 + [2] * 40
    assert result.sizes == [40, 40, 40]


def test_the_same_seed_gives_the_same_result() -> None:
    data = np.random.default_rng(2).normal(size=(60, 3)).tolist()
    first = run("kmeans", rows=data, n_clusters=4, seed=11, n_init=1)
    again = run("kmeans", rows=data, n_clusters=4, seed=11, n_init=1)
    assert first.model_dump() == again.model_dump()
    mix = run("gaussian_mixture", rows=data, n_clusters=2, seed=3)
    assert mix.model_dump() == run("gaussian_mixture", rows=data, n_clusters=2, seed=3).model_dump()


def test_dbscan_flags_planted_outliers_as_noise() -> None:
    data = np.vstack([blobs(per=30), [[30.0, 30.0], [-20.0, 5.0]]])
    result = run("dbscan", rows=data.tolist(), eps=1.5, min_samples=4)
    assert result.n_clusters == 3
    assert result.noise == [90, 91]


def test_gaussian_mixture_recovers_unequal_weights_and_spreads() -> None:
    rng = np.random.default_rng(4)
    data = np.concatenate([rng.normal(0, 1, 300), rng.normal(8, 2, 100)]).reshape(-1, 1)
    result = run("gaussian_mixture", rows=data.tolist(), n_clusters=2, seed=0)
    assert result.weights == pytest.approx([0.75, 0.25], abs=0.03)
    assert result.means[0][0] == pytest.approx(0, abs=0.2)
    assert result.means[1][0] == pytest.approx(8, abs=0.4)
    assert result.covariances[1][0][0] == pytest.approx(4, rel=0.25)
    assert np.allclose(np.sum(result.probabilities, axis=1), 1.0)


@pytest.mark.parametrize("kind", ["diag", "spherical", "tied"])
def test_every_covariance_type_returns_full_matrices(kind: str) -> None:
    result = run("gaussian_mixture", rows=blobs(per=20).tolist(), n_clusters=3, covariance_type=kind)
    assert np.asarray(result.covariances).shape == (3, 2, 2)


def test_hierarchical_linkages_cut_into_the_planted_groups() -> None:
    for method in ("ward", "complete", "average", "single"):
        result = run("hierarchical", rows=blobs(per=15).tolist(), n_clusters=3, method=method)
        assert result.labels == [0] * 15 + [1] * 15 + [2] * 15
        assert len(result.merge_heights) == 44
        assert result.merge_heights == sorted(result.merge_heights)


def test_silhouette_ignores_noise_and_scores_good_clusters_high() -> None:
    data = [*blobs(per=20).tolist(), [50.0, 50.0]]
    labels = [0] * 20 + [1] * 20 + [2] * 20 + [-1]
    result = run("silhouette", rows=data, labels=labels)
    assert result.samples[-1] is None
    assert result.score > 0.8
    assert set(result.cluster_means) == {"0", "1", "2"}


def test_regimes_absorb_short_blips_and_time_their_segments() -> None:
    values = [0, 0, 0, 0, 80, 0, 0, 50, 50, 50, 50, 80, 80, 80, 80]
    stamps = [1_000 * i for i in range(len(values))]
    raw = run("operating_regimes", values=values, timestamps=stamps, n_regimes=3)
    assert raw.labels[4] == 2
    assert raw.transitions == 4
    held = run("operating_regimes", values=values, timestamps=stamps, n_regimes=3, min_dwell=2)
    assert held.labels == [0] * 7 + [1] * 4 + [2] * 4
    assert [(s.regime, s.start_time, s.end_time) for s in held.segments] == [
        (0, 0, 6_000),
        (1, 7_000, 10_000),
        (2, 11_000, 14_000),
    ]


@pytest.mark.parametrize(
    ("name", "inputs", "field"),
    [
        ("kmeans", {"rows": [[1], [2]], "n_clusters": 3}, "n_clusters"),
        ("kmeans", {"rows": [[1, 2], [3]], "n_clusters": 1}, "rows"),
        ("silhouette", {"rows": [[1], [2], [3]], "labels": [0, 0, 0]}, "labels"),
        ("silhouette", {"rows": [[1], [2], [3]], "labels": [0, 1]}, "labels"),
        ("operating_regimes", {"values": [5, 5, 5], "n_regimes": 2}, "n_regimes"),
        ("dbscan", {"rows": [[1], [2]], "eps": 0}, "eps"),
    ],
)
def test_inconsistent_inputs_are_refused_naming_the_input(
    name: str, inputs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        BY_NAME[f"clustering.{name}"].inputs.model_validate(inputs)
    assert field in {str(e["loc"][0]) for e in caught.value.errors()}
