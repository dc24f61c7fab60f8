"""Quality family: control-chart constants against the published table, AQL plans against GB/T 2828.1,
and consistency between the models."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.models.quality import SPECS

BY_NAME = {spec.name: spec for spec in SPECS}

# Montgomery, ISQC 7th ed., Appendix Table VI (= ASTM E2587): n → A2, D3, D4, d2, c4, B3, B4, A3, d3
PUBLISHED = {
    2: (1.880, 0.0, 3.267, 1.128, 0.7979, 0.0, 3.267, 2.659, 0.853),
    3: (1.023, 0.0, 2.574, 1.693, 0.8862, 0.0, 2.568, 1.954, 0.888),
    4: (0.729, 0.0, 2.282, 2.059, 0.9213, 0.0, 2.266, 1.628, 0.880),
    5: (0.577, 0.0, 2.114, 2.326, 0.9400, 0.0, 2.089, 1.427, 0.864),
    6: (0.483, 0.0, 2.004, 2.534, 0.9515, 0.030, 1.970, 1.287, 0.848),
    7: (0.419, 0.076, 1.924, 2.704, 0.9594, 0.118, 1.882, 1.182, 0.833),
    8: (0.373, 0.136, 1.864, 2.847, 0.9650, 0.185, 1.815, 1.099, 0.820),
    9: (0.337, 0.184, 1.816, 2.970, 0.9693, 0.239, 1.761, 1.032, 0.808),
    10: (0.308, 0.223, 1.777, 3.078, 0.9727, 0.284, 1.716, 0.975, 0.797),
    15: (0.223, 0.347, 1.653, 3.472, 0.9823, 0.428, 1.572, 0.789, 0.756),
    20: (0.180, 0.415, 1.585, 3.735, 0.9869, 0.510, 1.490, 0.680, 0.729),
    25: (0.153, 0.459, 1.541, 3.931, 0.9896, 0.565, 1.435, 0.606, 0.708),
}
FIELDS = ("a2", "range_lcl_factor", "range_ucl_factor", "d2", "c4", "b3", "b4", "a3", "d3")


def run(name: str, **inputs: Any) -> dict[str, Any]:
    return BY_NAME[f"quality.{name}"].invoke(inputs).model_dump()


@pytest.mark.parametrize("n", sorted(PUBLISHED))
def test_computed_constants_match_the_published_table(n: int) -> None:
    computed = run("control_chart_constants", subgroup_size=n)
    for field, published in zip(FIELDS, PUBLISHED[n], strict=True):
        # the table rounds to 3 (c4: 4) decimals; D4(3) is printed 2.574 for 2.5746
        assert math.isclose(computed[field], published, abs_tol=1e-3), (n, field, computed[field], published)


def test_xbar_r_limits_use_a2_and_d4() -> None:
    k = run("control_chart_constants", subgroup_size=4)
    limits = run("xbar_r_limits", grand_mean=20.0, mean_range=2.0, subgroup_size=4)
    assert math.isclose(limits["mean_chart"]["ucl"] - 20.0, k["a2"] * 2.0, rel_tol=1e-12)
    assert math.isclose(limits["spread_chart"]["ucl"], k["range_ucl_factor"] * 2.0, rel_tol=1e-12)
    assert limits["spread_chart"]["lcl"] == 0.0


def test_ewma_limits_approach_the_steady_state() -> None:
    steady = run("ewma_limits", target=0, sigma=1, smoothing=0.2, width=3)["ucl"]
    late = run("ewma_limits", target=0, sigma=1, smoothing=0.2, width=3, sample_index=200)["ucl"]
    first = run("ewma_limits", target=0, sigma=1, smoothing=0.2, width=3, sample_index=1)["ucl"]
    assert first < late
    assert math.isclose(late, steady, rel_tol=1e-12)
    assert math.isclose(first, 3 * 0.2, rel_tol=1e-12)  # at i = 1 the EWMA is λ·x: σ_z = λσ


@pytest.mark.parametrize(
    ("lot", "level", "aql", "plan"),
    [
        (1000, "II", 1.0, ("J", 80, 2, 3)),
        (200, "II", 2.5, ("G", 32, 2, 3)),
        (3000, "II", 0.40, ("K", 125, 1, 2)),
        (100_000, "II", 0.025, ("N", 500, 0, 1)),
        (1000, "S-2", 2.5, ("C", 5, 0, 1)),
        (1000, "II", 0.10, ("K", 125, 0, 1)),  # J at 0.10 is ↓: use K
        (80, "II", 4.0, ("E", 13, 1, 2)),
        (800, "III", 6.5, ("K", 125, 14, 15)),
        (10, "I", 6.5, ("A", 2, 0, 1)),
    ],
)
def test_aql_plans_match_gbt_2828_1(
    lot: int, level: str, aql: float, plan: tuple[str, int, int, int]
) -> None:
    result = run("aql_sampling_plan", lot_size=lot, inspection_level=level, aql=aql)
    actual = (
        result["plan_letter"],
        result["sample_size"],
        result["acceptance_number"],
        result["rejection_number"],
    )
    assert actual == plan


def test_every_aql_plan_is_well_formed() -> None:
    for aql in (0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5):
        sizes = []
        for lot in (5, 20, 40, 80, 120, 200, 400, 1000, 2000, 5000, 20_000, 100_000, 300_000, 1_000_000):
            result = run("aql_sampling_plan", lot_size=lot, aql=aql)
            assert result["rejection_number"] == result["acceptance_number"] + 1
            sizes.append(result["sample_size"])
        assert sizes == sorted(sizes)


def test_aql_outside_the_preferred_series_is_refused() -> None:
    with pytest.raises(ValidationError, match="preferred"):
        BY_NAME["quality.aql_sampling_plan"].invoke({"lot_size": 1000, "aql": 0.7})
    as_fraction = run("aql_sampling_plan", lot_size=1000, aql={"value": 0.01, "unit": "dimensionless"})
    assert as_fraction["acceptance_number"] == 2  # 0.01 = 1 %


def test_acceptance_probability_falls_as_quality_worsens() -> None:
    plan = {"sample_size": 50, "acceptance_number": 1}
    values = [run("acceptance_probability", **plan, fraction_nonconforming=p)["acceptance_probability"]
              for p in (0.0, 0.01, 0.05, 0.1)]  # fmt: skip
    assert values[0] == 1.0
    assert values == sorted(values, reverse=True)


def test_cpk_never_exceeds_cp_and_cpm_equals_cp_on_target() -> None:
    limits = {"upper_specification_limit": 12.0, "lower_specification_limit": 8.0}
    centred = run("process_capability", **limits, mean=10.0, sigma=0.5, target=10.0)
    assert math.isclose(centred["cpk"], centred["cp"])
    assert math.isclose(centred["cpm"], centred["cp"])
    shifted = run("process_capability", **limits, mean=10.8, sigma=0.5, target=10.0)
    assert shifted["cpk"] < shifted["cp"]
    assert shifted["cpm"] < shifted["cp"]


def test_sigma_level_round_trip_through_the_normal_tail() -> None:
    ppm_at_six_sigma = 1e6 * 0.5 * math.erfc(4.5 / math.sqrt(2))  # 3.3977 ppm
    result = run("dpmo_sigma_level", defects=ppm_at_six_sigma, units=1_000_000)
    assert math.isclose(result["sigma_level"], 6.0, rel_tol=1e-9)
    unshifted = run("dpmo_sigma_level", defects=ppm_at_six_sigma, units=1_000_000, shift=0)
    assert math.isclose(unshifted["sigma_level"], 4.5, rel_tol=1e-9)


def test_gauge_rr_reproducibility_is_clipped_at_zero() -> None:
    result = run("gauge_rr_average_range", mean_range=1.0, appraiser_difference=0.01, part_range=3.0)
    assert result["reproducibility"] == 0.0
    assert math.isclose(result["gauge_rr"], result["repeatability"])


def test_gauge_rr_methods_agree() -> None:
    by_range = run("gauge_rr_average_range", mean_range=0.3417, appraiser_difference=0.4446, part_range=3.511,
                   tolerance=5.0)  # fmt: skip
    components = {k: by_range[k] for k in ("repeatability", "reproducibility", "part_variation")}
    by_components = run("gauge_rr_components", **components, tolerance=5.0)
    assert by_range == by_components
    assert math.isclose(by_range["percent_grr_tolerance"], 100 * 6 * by_range["gauge_rr"] / 5.0)


def test_fraction_nonconforming_one_sided() -> None:
    upper_only = run("fraction_nonconforming", mean=0.0, sigma=1.0, upper_specification_limit=3.0)
    assert upper_only["below_lower"] == 0.0
    assert math.isclose(upper_only["ppm"], 1349.898, rel_tol=1e-6)  # 1 − Φ(3)
