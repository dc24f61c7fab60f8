"""SPC checks the generic catalogue test cannot reach: the constants table against its definitions, the
published table of chart factors, and the charts' behaviour on seeded data."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError
from scipy import integrate, stats

from longcheng.algorithms._series import SeriesIn
from longcheng.algorithms.spc import SPECS
from longcheng.algorithms.spc._attributes import ProportionIn, RateIn, np_chart, p_chart, u_chart
from longcheng.algorithms.spc._capability import CapabilityIn, process_capability
from longcheng.algorithms.spc._constants import MAX_N, MIN_N, c4, factors
from longcheng.algorithms.spc._memory import TABLE_9_1, CusumIn, EwmaIn, ewma_chart, tabular_cusum
from longcheng.algorithms.spc._rules import RulesIn, nelson_rules, western_electric_rules
from longcheng.algorithms.spc._shewhart import SubgroupsIn, individuals_chart, xbar_r_chart


def test_the_family_has_its_specs() -> None:
    assert len(SPECS) == 12
    assert all(s.name.startswith("spc.") and s.category == "spc" for s in SPECS)


@pytest.mark.parametrize("n", range(MIN_N, MAX_N + 1))
def test_d2_is_the_mean_relative_range(n: int) -> None:
    def integrand(x: float) -> float:
        return float(1 - stats.norm.cdf(x) ** n - stats.norm.sf(x) ** n)

    assert factors(n).d2 == pytest.approx(integrate.quad(integrand, -np.inf, np.inf)[0], abs=2e-6)


def test_d3_for_two_has_its_closed_form() -> None:
    # |X1 − X2| with X1 − X2 ~ N(0, 2): mean 2/√π, variance 2 − 4/π
    assert factors(2).d2 == pytest.approx(2 / math.sqrt(math.pi), abs=1e-6)
    assert factors(2).d3 == pytest.approx(math.sqrt(2 - 4 / math.pi), abs=1e-6)


@pytest.mark.parametrize(
    ("n", "a2", "d3", "d4", "a3", "b3", "b4", "c4_value"),
    [
        (2, 1.880, 0.0, 3.267, 2.659, 0.0, 3.267, 0.7979),
        (5, 0.577, 0.0, 2.114, 1.427, 0.0, 2.089, 0.9400),
        (10, 0.308, 0.223, 1.777, 0.975, 0.284, 1.716, 0.9727),
        (25, 0.153, 0.459, 1.541, 0.606, 0.565, 1.435, 0.9896),
    ],
)
def test_factors_match_montgomery_appendix_vi(
    n: int, a2: float, d3: float, d4: float, a3: float, b3: float, b4: float, c4_value: float
) -> None:
    f = factors(n)
    got = (f.a2, f.d3_factor, f.d4_factor, f.a3, f.b3, f.b4, c4(n))
    for value, table in zip(got, (a2, d3, d4, a3, b3, b4, c4_value), strict=True):
        assert value == pytest.approx(table, abs=6e-4)


def test_subgroups_outside_the_table_are_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        factors(26)
    with pytest.raises(ValidationError):
        SubgroupsIn(subgroups=[[1.0, 2.0], [1.0, 2.0, 3.0]])


def test_xbar_r_flags_a_shifted_subgroup() -> None:
    rng = np.random.default_rng(7)
    groups = rng.normal(10, 1, (25, 5))
    groups[17] += 4
    out = xbar_r_chart(SubgroupsIn(subgroups=groups.tolist()))
    assert 17 in out.xbar_out_of_control
    assert out.sigma == pytest.approx(1.0, rel=0.2)


def test_individuals_sigma_estimates_the_process_sigma() -> None:
    x = np.random.default_rng(3).normal(50, 2, 400)
    out = individuals_chart(SeriesIn(values=x.tolist()))
    assert out.sigma == pytest.approx(2.0, rel=0.1)
    assert out.individuals.ucl - out.individuals.center == pytest.approx(3 * out.sigma)


def test_p_chart_limits_widen_for_small_samples() -> None:
    out = p_chart(ProportionIn(counts=[5, 5, 5], sample_sizes=[50, 100, 200]))
    widths = [u - out.center for u in out.ucl]
    assert widths[0] > widths[1] > widths[2]
    assert widths[0] / widths[1] == pytest.approx(math.sqrt(2))


def test_np_chart_needs_one_sample_size() -> None:
    with pytest.raises(ValueError, match="one sample size"):
        np_chart(ProportionIn(counts=[1, 2, 3], sample_sizes=[10, 20, 30]))
    with pytest.raises(ValidationError, match="exceeds"):
        ProportionIn(counts=[11, 1], sample_sizes=[10])


def test_u_chart_on_the_qcc_dyed_cloth_data() -> None:
    # Montgomery / R qcc ``dyedcloth``: 153 nonconformities in 109 units, ū = 1.40367
    counts, units = [14, 12, 20, 11, 7, 10, 21, 16, 19, 23], [10, 8, 13, 10, 10, 10, 12, 11, 12, 13]
    out = u_chart(RateIn(counts=counts, units=units))
    assert out.center == pytest.approx(1.40367, abs=1e-5)
    assert out.ucl[1] == pytest.approx(1.40367 + 3 * math.sqrt(1.40367 / 8), abs=1e-5)
    assert out.out_of_control == []


def test_cusum_catches_a_downward_shift() -> None:
    x = [10 - v + 10 for v in TABLE_9_1]  # the book's data mirrored about the target
    out = tabular_cusum(CusumIn(values=x, target=10, sigma=1))
    assert out.first_alarm == 28
    assert out.lower[28] == pytest.approx(5.28, abs=5e-3)
    assert out.shifted_mean == pytest.approx(10 - 0.5 - out.lower[28] / 7)


def test_ewma_with_lambda_one_is_a_shewhart_chart() -> None:
    out = ewma_chart(EwmaIn(values=TABLE_9_1, target=10, sigma=1, lam=1.0, width=3))
    assert out.ewma == pytest.approx(TABLE_9_1)
    assert out.ucl == pytest.approx([13.0] * 30)


def test_ewma_signals_the_montgomery_shift_late_in_the_record() -> None:
    out = ewma_chart(EwmaIn(values=TABLE_9_1, target=10, sigma=1, lam=0.1, width=2.7))
    assert out.first_alarm is not None
    assert out.first_alarm >= 20


def test_rules_rarely_fire_on_an_in_control_process() -> None:
    x = np.random.default_rng(11).normal(0, 1, 200).tolist()
    we = western_electric_rules(RulesIn(values=x, center=0, sigma=1))
    assert len(we.violations["rule_1"]) <= 2
    shifted = nelson_rules(RulesIn(values=[v + 1.5 for v in x], center=0, sigma=1))
    assert shifted.violations["rule_2"]  # nine in a row on one side after a 1.5σ shift


def test_rules_estimate_centre_and_sigma_when_not_given() -> None:
    out = western_electric_rules(RulesIn(values=[0.0, 1.0] * 10 + [20.0]))
    assert 20 in out.violations["rule_1"]
    with pytest.raises(ValueError, match="σ"):
        western_electric_rules(RulesIn(values=[1.0, 1.0, 1.0]))


def test_capability_of_a_large_normal_sample() -> None:
    x = np.random.default_rng(5).normal(10.1, 0.1, 5000).tolist()
    out = process_capability(CapabilityIn(values=x, lsl=9.5, usl=10.5, target=10.0))
    # research file Q11 [C]: μ 10.1, σ 0.1 → Cp 1.667, Cpk 1.333
    assert out.pp == pytest.approx(1.667, rel=0.03)
    assert out.ppk == pytest.approx(1.333, rel=0.03)
    assert out.cp == pytest.approx(1.667, rel=0.03)
    assert out.cpm == pytest.approx(1.0 / (6 * math.sqrt(0.1**2 + 0.1**2)), rel=0.03)
    assert out.pp_lower < out.pp < out.pp_upper


def test_capability_with_one_limit() -> None:
    out = process_capability(CapabilityIn(values=[1.0, 2.0, 3.0, 2.0], usl=5.0))
    assert out.cp is None
    assert out.pp is None
    assert out.ppk == pytest.approx((5 - 2) / (3 * np.std([1, 2, 3, 2], ddof=1)))
    with pytest.raises(ValidationError):
        CapabilityIn(values=[1.0, 2.0, 3.0])
