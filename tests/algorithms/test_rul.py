"""Remaining-life and reliability algorithms on seeded life data and on published constants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError
from scipy import stats

from longcheng.algorithms.rul import SPECS
from longcheng.algorithms.rul._degradation import DegradationIn, exponential_degradation, linear_degradation
from longcheng.algorithms.rul._growth import CrowIn, crow_amsaa
from longcheng.algorithms.rul._lifedata import (
    LifeIn,
    MtbfIn,
    WeibullIn,
    kaplan_meier,
    mtbf_confidence,
    weibull_fit,
)


def test_the_family_has_its_specs() -> None:
    assert len(SPECS) == 6
    assert all(s.name.startswith("rul.") and s.category == "rul" for s in SPECS)


def test_weibull_fit_recovers_the_parameters_with_censoring() -> None:
    rng = np.random.default_rng(0)
    life = 1000 * rng.weibull(2.0, 3000)
    censored = life > 1500  # type I censoring at 1500 h
    times = np.minimum(life, 1500)
    out = weibull_fit(WeibullIn(times=times.tolist(), censored=censored.tolist()))
    assert out.shape == pytest.approx(2.0, rel=0.05)
    assert out.scale == pytest.approx(1000, rel=0.03)
    # research file RL6 [C]: β 2, η 1000 → MTTF = η Γ(1.5) = 886.227 h
    assert out.mttf == pytest.approx(out.scale * math.gamma(1 + 1 / out.shape))
    assert stats.weibull_min.cdf(out.b_life, out.shape, scale=out.scale) == pytest.approx(0.10)


def test_life_inputs_are_checked() -> None:
    with pytest.raises(ValidationError):
        LifeIn(times=[1.0, 2.0], censored=[True])
    with pytest.raises(ValidationError, match="failure"):
        LifeIn(times=[1.0, 2.0], censored=[True, True])
    with pytest.raises(ValidationError):
        LifeIn(times=[1.0, -2.0])


def test_kaplan_meier_without_censoring_is_the_empirical_survival() -> None:
    times = [3.0, 1.0, 4.0, 2.0, 5.0]
    out = kaplan_meier(LifeIn(times=times))
    assert out.survival == pytest.approx([0.8, 0.6, 0.4, 0.2, 0.0])
    assert out.median == 3.0


def test_zero_failure_demonstration_test() -> None:
    """With no failures, the one-sided lower MTBF bound is T/ln(1/(1 − C)): 1000 h at 90 % → 434.3 h."""
    out = mtbf_confidence(MtbfIn(total_time=1000, failures=0, confidence=0.9))
    assert out.mtbf is None
    assert out.upper is None
    assert out.lower_one_sided == pytest.approx(1000 / math.log(10))
    with pytest.raises(ValueError, match="at least one failure"):
        mtbf_confidence(MtbfIn(total_time=1000, failures=0, test="failure_terminated"))


def test_failure_terminated_bounds_use_2r_degrees_of_freedom() -> None:
    out = mtbf_confidence(MtbfIn(total_time="2000 h", failures=4, confidence=0.9, test="failure_terminated"))
    assert out.lower == pytest.approx(4000 / stats.chi2.ppf(0.95, 8))
    assert out.upper == pytest.approx(4000 / stats.chi2.ppf(0.05, 8))


def _power_law_process(beta: float, lam: float, end: float, seed: int) -> list[float]:
    """Failure times of an NHPP with N(t) = λt^β: transformed unit-rate Poisson arrivals."""
    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(rng.exponential(1.0, 2000))
    times = (arrivals / lam) ** (1 / beta)
    return times[times <= end].tolist()


def test_crow_amsaa_recovers_a_growth_shape() -> None:
    times = _power_law_process(beta=0.6, lam=2.0, end=50000, seed=1)
    out = crow_amsaa(CrowIn(times=times, end_time=50000))
    assert out.beta == pytest.approx(0.6, rel=0.1)
    assert out.mtbf_lower < out.mtbf < out.mtbf_upper
    ended = crow_amsaa(CrowIn(times=times))  # failure-terminated: n − 2 in the unbiased shape
    assert ended.diagnostics["termination"] == "failure"
    assert ended.beta == pytest.approx(ended.beta_mle * (len(times) - 2) / len(times))
    with pytest.raises(ValidationError):
        CrowIn(times=[3.0, 2.0, 5.0])


def test_degradation_with_noise_and_the_wrong_direction() -> None:
    rng = np.random.default_rng(2)
    t = np.arange(0, 500, 10.0)
    y = 0.1 + 0.0005 * t + rng.normal(0, 0.005, len(t))
    out = linear_degradation(DegradationIn(values=y.tolist(), times=t.tolist(), threshold=0.5))
    assert out.crossing_time == pytest.approx(800, rel=0.05)
    away = linear_degradation(DegradationIn(values=y.tolist(), times=t.tolist(), threshold=0.0))
    assert away.rul is None
    with pytest.raises(ValueError, match="positive"):
        exponential_degradation(DegradationIn(values=[1.0, -1.0, 2.0], threshold=3))
    assert linear_degradation(DegradationIn(values=[1.0, 2.0, 3.0], threshold=5)).rul == pytest.approx(2.0)
