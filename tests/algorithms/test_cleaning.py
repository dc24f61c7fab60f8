"""Cleaning checks beyond the worked examples: shape-preserving interpolation, aggregation variants,
unsorted raw data, exactness of Savitzky-Golay on polynomials, unit guards and refusals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from longcheng.algorithms.cleaning import SPECS
from longcheng.core.errors import InvalidInput

BY_NAME = {s.name: s for s in SPECS}


def run(name: str, **inputs: Any) -> Any:
    return BY_NAME[f"cleaning.{name}"].invoke(inputs)


def test_the_family_has_its_specs() -> None:
    assert len(SPECS) == 12
    assert all(s.name.startswith("cleaning.") and s.category == "cleaning" for s in SPECS)


def test_pchip_fills_a_monotone_gap_without_overshoot() -> None:
    values = [0, 1, None, None, None, 10, 10, 10]
    result = run("interpolate_gaps", values=values, method="pchip")
    filled = result.values[2:5]
    assert all(1 <= v <= 10 for v in filled)
    assert filled == sorted(filled)
    assert result.filled == [2, 3, 4]


def test_gaps_at_the_ends_are_not_extrapolated() -> None:
    result = run("interpolate_gaps", values=[None, 1, None, 3, None])
    assert result.values == [None, 1, 2, 3, None]
    assert result.still_missing == 2


def test_forward_fill_without_a_limit_holds_across_long_gaps() -> None:
    assert run("forward_fill", values=[5, None, None, None, 7]).values == [5, 5, 5, 5, 7]


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [
        ("sum", [6, 9, None]),
        ("count", [3, 2, 0]),
        ("first", [1, 4, None]),
        ("last", [3, 5, None]),
        ("max", [3, 5, None]),
    ],
)
def test_resample_aggregations(aggregation: str, expected: list[float | None]) -> None:
    result = run(
        "resample",
        timestamps=[40_000, 0, 20_000, 60_000, 90_000, 130_000],
        values=[3, 1, 2, 4, 5, None],
        interval="1 min",
        aggregation=aggregation,
    )
    assert result.timestamps == [0, 60_000, 120_000]
    assert result.values == expected


def test_resample_can_align_bins_to_the_first_sample() -> None:
    result = run(
        "resample", timestamps=[1_500, 2_500, 3_400], values=[1, 2, 3], interval=1000, origin="start"
    )
    assert result.timestamps == [1_500, 2_500]
    assert result.values == [1, 2.5]


def test_deduplicate_keeps_min_or_max() -> None:
    stamps, values = [3, 1, 3, 2], [9.0, 1.0, 4.0, 2.0]
    assert run("deduplicate", timestamps=stamps, values=values, keep="min").values == [1, 2, 4]
    assert run("deduplicate", timestamps=stamps, values=values, keep="first").values == [1, 2, 9]


def test_unit_conversion_handles_temperatures_and_refuses_a_wrong_dimension() -> None:
    assert run("unit_conversion", values=[32, 212], from_unit="degF", to_unit="degC").values == pytest.approx(
        [0, 100]
    )
    assert run("unit_conversion", values=[1], from_unit="kW*h", to_unit="MJ").values == pytest.approx([3.6])
    with pytest.raises(ValidationError, match="to_unit"):
        BY_NAME["cleaning.unit_conversion"].inputs.model_validate(
            {"values": [1], "from_unit": "m", "to_unit": "s"}
        )
    with pytest.raises(ValidationError, match="from_unit"):
        BY_NAME["cleaning.unit_conversion"].inputs.model_validate(
            {"values": [1], "from_unit": "furlongz", "to_unit": "m"}
        )


def test_scaling_edge_cases() -> None:
    assert run("min_max_scale", values=[4, 4, 4]).values == [0, 0, 0]
    with pytest.raises(InvalidInput, match="values"):
        run("standardize", values=[4, 4, 4])
    sample = run("standardize", values=[1, 2, 3])
    assert sample.scale == pytest.approx(1.0)  # ddof = 1 by default


def test_winsorize_with_explicit_bounds() -> None:
    result = run("winsorize", values=[-5, 0, 5, 50], lower=0, upper=10)
    assert result.values == [0, 0, 5, 10]
    assert result.clipped == [0, 3]


def test_trailing_moving_average_is_causal() -> None:
    assert run("moving_smooth", values=[1, 2, 3, 10, 5], window=3, center=False).values == pytest.approx(
        [1, 1.5, 2, 5, 6]
    )


def test_savitzky_golay_is_exact_on_a_quadratic_and_differentiates_it() -> None:
    x = np.arange(0, 10, 0.5)
    y = 3 * x**2 - x + 2
    assert run("savitzky_golay", values=y.tolist(), window=7, polyorder=2).values == pytest.approx(y.tolist())
    slope = run("savitzky_golay", values=y.tolist(), window=7, polyorder=2, deriv=1, spacing=0.5).values
    assert slope == pytest.approx((6 * x - 1).tolist())


def test_constant_detrend_removes_the_mean() -> None:
    result = run("detrend", values=[1, 2, 6], kind="constant")
    assert result.values == pytest.approx([-2, -1, 3])
    assert result.slope == 0


def test_missing_report_uses_a_nominal_interval() -> None:
    result = run("missing_report", values=[1, 2, 3], timestamps=[0, 1000, 5000], expected_interval="1 s")
    assert result.interval == 1000
    assert [(g.after, g.missing_samples) for g in result.time_gaps] == [(1, 3)]
    plain = run("missing_report", values=[None, None])
    assert plain.missing_fraction == 1.0
    assert plain.interval is None
    assert plain.longest_gap == 2


@pytest.mark.parametrize(
    ("name", "inputs", "field"),
    [
        ("interpolate_gaps", {"values": [1, None, 3], "method": "time"}, "method"),
        ("interpolate_gaps", {"values": [1, None, 3], "timestamps": [0, 2, 1]}, "timestamps"),
        ("resample", {"values": [1, 2], "timestamps": [0], "interval": 10}, "timestamps"),
        ("resample", {"values": [1, 2], "timestamps": [0, 10**12], "interval": 1}, "interval"),
        ("savitzky_golay", {"values": [1, 2, 3, 4, 5], "window": 4}, "window"),
        ("savitzky_golay", {"values": [1, 2, 3, 4], "window": 3, "polyorder": 3}, "polyorder"),
        ("savitzky_golay", {"values": [1, 2, 3]}, "window"),
        ("min_max_scale", {"values": [1, 2, 3], "low": 1, "high": 0}, "high"),
    ],
)
def test_inconsistent_inputs_are_refused_naming_the_input(
    name: str, inputs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        BY_NAME[f"cleaning.{name}"].inputs.model_validate(inputs)
    assert field in {str(e["loc"][0]) for e in caught.value.errors()}
