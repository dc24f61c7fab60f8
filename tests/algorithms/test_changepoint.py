"""Change-point detectors on seeded noisy series with a known change."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from longcheng.algorithms.changepoint import SPECS
from longcheng.algorithms.changepoint._offline import (
    CountedIn,
    DynpIn,
    OfflineIn,
    WindowIn,
    binary_segmentation,
    dynamic_programming,
    pelt,
    window_detection,
)
from longcheng.algorithms.changepoint._online import BocpdIn, PageHinkleyIn, bocpd, page_hinkley


def _step(n: int = 1000, at: int = 500, jump: float = 2.0, seed: int = 0) -> list[float]:
    x = np.random.default_rng(seed).normal(0, 1, n)
    x[at:] += jump
    return x.tolist()


def test_the_family_has_its_specs() -> None:
    assert len(SPECS) == 6
    assert all(s.name.startswith("changepoint.") and s.category == "changepoint" for s in SPECS)


def test_pelt_with_the_default_penalty_finds_the_change() -> None:
    out = pelt(OfflineIn(values=_step()))
    assert len(out.change_points) == 1
    assert abs(out.change_points[0] - 500) <= 5
    exact = pelt(OfflineIn(values=_step(n=300, at=147, jump=3.0), jump=1))
    assert abs(exact.change_points[0] - 147) <= 2
    assert out.segment_means[1] - out.segment_means[0] == pytest.approx(2.0, abs=0.2)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counted_methods_find_the_change(seed: int) -> None:
    x = _step(seed=seed)
    for out in (
        binary_segmentation(CountedIn(values=x, changes=1)),
        window_detection(WindowIn(values=x, changes=1, width=100)),
        dynamic_programming(DynpIn(values=x[::2], changes=1)),
    ):
        scale = 2 if out.diagnostics["method"] == "dynp" else 1
        assert abs(out.change_points[0] * scale - 500) <= 5 * scale


def test_dynp_takes_no_penalty() -> None:
    with pytest.raises(ValidationError):
        DynpIn(values=[0.0, 1.0, 2.0, 3.0], changes=1, penalty=3.0)


def test_a_variance_change_needs_the_normal_cost() -> None:
    rng = np.random.default_rng(4)
    x = np.concatenate([rng.normal(0, 1, 200), rng.normal(0, 4, 200)]).tolist()
    out = pelt(OfflineIn(values=x, cost="normal", penalty=30))
    assert any(abs(c - 200) <= 10 for c in out.change_points)


def test_page_hinkley_detects_a_drop_and_stays_quiet_otherwise() -> None:
    x = _step(jump=-2.0)
    out = page_hinkley(PageHinkleyIn(values=x, delta=0.5, threshold=25))
    assert out.directions[0] == "down"
    assert 500 <= out.alarms[0] <= 540
    assert abs(out.change_points[0] - 500) <= 10
    quiet = page_hinkley(PageHinkleyIn(values=_step(jump=0.0), delta=0.5, threshold=25))
    assert quiet.alarms == []


def test_bocpd_finds_a_mean_change_in_noise() -> None:
    x = _step(n=300, at=150, jump=3.0, seed=5)
    out = bocpd(BocpdIn(values=x, expected_run=200))
    assert any(abs(c - 150) <= 5 for c in out.change_points)
    assert len(out.change_points) <= 3
    assert max(out.change_probability[148:160]) > 0.5
