"""Anomaly detectors on seeded data with planted anomalies, and the shared series inputs."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from longcheng.algorithms._series import SampledIn, SeriesIn, TableIn, values_field
from longcheng.algorithms.anomaly import SPECS
from longcheng.algorithms.anomaly._learned import (
    ForestIn,
    LofIn,
    McdIn,
    isolation_forest,
    local_outlier_factor,
    robust_mahalanobis,
)
from longcheng.algorithms.anomaly._residual import (
    EwmaResidualIn,
    PcaIn,
    StlIn,
    ewma_residual,
    pca_monitoring,
    stl_residual,
)
from longcheng.algorithms.anomaly._statistical import (
    FenceIn,
    GesdIn,
    HampelIn,
    RobustZIn,
    ZIn,
    generalized_esd,
    hampel_filter,
    iqr_fences,
    robust_zscore,
    zscore,
)

PLANTED = (40, 120, 310)


def _series(n: int = 400, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).normal(20.0, 1.0, n)
    for i, jump in zip(PLANTED, (9.0, -8.0, 12.0), strict=True):
        x[i] += jump
    return x


def test_the_family_has_its_specs() -> None:
    assert len(SPECS) == 12
    assert all(s.name.startswith("anomaly.") and s.category == "anomaly" for s in SPECS)


# --- the shared series inputs (algorithms/_series.py) ------------------------------------------------------


def test_series_inputs_are_validated() -> None:
    assert SeriesIn(values=[1, 2, 3], timestamps=[10, 20, 30]).timestamps == [10, 20, 30]
    for bad in (
        {"values": [1, 2]},
        {"values": [1, 2, math.nan]},
        {"values": [1, 2, 3], "timestamps": [1, 2]},
        {"values": [1, 2, 3], "timestamps": [1, 3, 2]},
        {"values": [1, 2, 3], "extra": 1},
    ):
        with pytest.raises(ValidationError):
            SeriesIn.model_validate(bad)
    with pytest.raises(ValidationError, match="sample_rate"):
        SampledIn(values=[1, 2, 3], sample_rate="1 kg")
    assert SampledIn(values=[1, 2, 3], sample_rate="1.2 kHz").sample_rate == pytest.approx(1200)
    with pytest.raises(ValidationError):
        TableIn(rows=[[1.0, 2.0], [3.0]])


def test_a_subclass_can_ask_for_more_values() -> None:
    class Long(SeriesIn):
        values: list[float] = values_field(10)

    with pytest.raises(ValidationError, match="at least 10"):
        Long(values=[1.0] * 5)


# --- univariate tests --------------------------------------------------------------------------------------


def test_univariate_detectors_find_the_planted_values() -> None:
    x = _series().tolist()
    assert set(PLANTED) <= set(zscore(ZIn(values=x, threshold=4)).outliers)
    assert set(robust_zscore(RobustZIn(values=x)).outliers) >= set(PLANTED)
    assert set(iqr_fences(FenceIn(values=x, k=3)).outliers) == set(PLANTED)
    hampel = hampel_filter(HampelIn(values=x, half_window=5, threshold=4))
    assert set(PLANTED) <= set(hampel.outliers)
    assert all(abs(hampel.filtered[i] - 20) < 3 for i in PLANTED)
    gesd = generalized_esd(GesdIn(values=x, max_outliers=10))
    assert set(gesd.outliers) == set(PLANTED)


def test_gesd_finds_nothing_in_clean_normal_data() -> None:
    x = np.random.default_rng(8).normal(0, 1, 100).tolist()
    assert generalized_esd(GesdIn(values=x, max_outliers=5)).count == 0


def test_constant_data_are_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="equal"):
        zscore(ZIn(values=[1.0, 1.0, 1.0]))
    with pytest.raises(ValueError, match="median absolute deviation"):
        robust_zscore(RobustZIn(values=[1.0, 1.0, 1.0, 5.0]))


# --- learned detectors -------------------------------------------------------------------------------------


def _cloud(seed: int = 1) -> tuple[list[list[float]], list[int]]:
    rng = np.random.default_rng(seed)
    rows = rng.normal(0, 1, (300, 2))
    rows[[10, 200]] = [[8.0, 8.0], [-7.0, 9.0]]
    return rows.tolist(), [10, 200]


def test_isolation_forest_is_deterministic_and_finds_planted_points() -> None:
    rows, planted = _cloud()
    a = isolation_forest(ForestIn(rows=rows, contamination=0.01, seed=3))
    b = isolation_forest(ForestIn(rows=rows, contamination=0.01, seed=3))
    assert a.scores == b.scores
    assert set(planted) <= set(a.outliers)
    top = np.argsort(a.scores)[-2:]
    assert set(top.tolist()) == set(planted)


def test_lof_scores_new_points_in_novelty_mode() -> None:
    rows, _ = _cloud()
    out = local_outlier_factor(LofIn(rows=rows, query=[[0.0, 0.0], [6.0, -6.0]], neighbors=20))
    assert out.outliers == [1]
    assert out.scores[1] > 3 * out.scores[0]


def test_robust_distance_resists_masking() -> None:
    """A tight group of 20 outliers drags the classical covariance but not the MCD."""
    rng = np.random.default_rng(2)
    rows = np.vstack([rng.normal(0, 1, (100, 2)), rng.normal(6, 0.1, (20, 2))])
    out = robust_mahalanobis(McdIn(rows=rows.tolist()))
    assert set(range(100, 120)) <= set(out.outliers)
    classical = np.cov(rows.T)
    d2 = np.einsum("ij,jk,ik->i", rows - rows.mean(0), np.linalg.inv(classical), rows - rows.mean(0))
    assert (d2[100:] > out.upper).sum() < 20  # the classical distance misses some of them


# --- residual detectors ------------------------------------------------------------------------------------


def test_ewma_residual_flags_a_spike_on_a_drift() -> None:
    x = 0.05 * np.arange(300) + np.random.default_rng(4).normal(0, 0.2, 300)
    x[150] += 3
    out = ewma_residual(EwmaResidualIn(values=x.tolist(), lam=0.5, threshold=4))
    assert 150 in out.outliers
    assert len(out.outliers) <= 3


def test_stl_finds_spikes_on_a_seasonal_load() -> None:
    t = np.arange(24 * 14)
    x = 50 + 10 * np.sin(2 * np.pi * t / 24) + np.random.default_rng(5).normal(0, 0.5, len(t))
    x[[30, 200]] += [6, -7]
    out = stl_residual(StlIn(values=x.tolist(), period=24, threshold=5))
    assert {30, 200} <= set(out.outliers)
    assert len(out.outliers) <= 5
    with pytest.raises(ValueError, match="two full periods"):
        stl_residual(StlIn(values=x[:30].tolist(), period=24))


def test_pca_spe_catches_a_broken_correlation() -> None:
    rng = np.random.default_rng(6)
    z = rng.normal(0, 1, (500, 1))
    train = np.hstack([z, 2 * z, -z]) + rng.normal(0, 0.05, (500, 3))
    normal = np.hstack([z[:50], 2 * z[:50], -z[:50]]) + rng.normal(0, 0.05, (50, 3))
    fault = np.array([[1.0, -2.0, -1.0]])  # each value ordinary, the combination not
    out = pca_monitoring(PcaIn(rows=train.tolist(), query=np.vstack([normal, fault]).tolist(), components=1))
    assert out.outliers[-1] == 50
    assert len(out.outliers) <= 3
    assert out.spe[50] > 10 * out.spe_limit
    assert out.explained > 0.99
