"""Regression checks beyond the worked examples: a second NIST StRD data set through the OLS and
correlation paths, limiting cases that tie the estimators together, and robustness to planted outliers."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from longcheng.algorithms.regression import SPECS
from longcheng.algorithms.regression._data import NORRIS_X, NORRIS_Y
from longcheng.core.errors import InvalidInput

BY_NAME = {s.name: s for s in SPECS}


def run(name: str, **inputs: Any) -> Any:
    return BY_NAME[f"regression.{name}"].invoke(inputs)


def test_the_family_has_its_specs() -> None:
    assert len(SPECS) == 12
    assert all(s.name.startswith("regression.") and s.category == "regression" for s in SPECS)


def test_ols_reproduces_the_norris_certified_values() -> None:
    result = run("ols", rows=[[x] for x in NORRIS_X], target=NORRIS_Y, names=["ozone_ref"])
    assert result.intercept == pytest.approx(-0.262323073774029, rel=1e-10)
    assert result.coefficients == pytest.approx([1.00211681802045], rel=1e-12)
    assert [t.name for t in result.terms] == ["const", "ozone_ref"]
    assert result.terms[0].std_error == pytest.approx(0.232818234301152, rel=1e-9)
    assert result.terms[1].std_error == pytest.approx(0.429796848199937e-03, rel=1e-9)
    assert result.residual_sd == pytest.approx(0.884796396144373, rel=1e-10)
    assert result.f_statistic == pytest.approx(5436385.54079785, rel=1e-8)


def test_pearson_r_on_norris_is_the_root_of_the_certified_r_squared() -> None:
    result = run("pearson_correlation", x=NORRIS_X, y=NORRIS_Y)
    assert result.r == pytest.approx(math.sqrt(0.999993745883712), rel=1e-12)
    assert result.p_value < 1e-50


def test_ols_without_intercept_passes_through_the_origin() -> None:
    result = run("ols", rows=[[1], [2], [3]], target=[2, 4.2, 5.8], intercept=False)
    assert result.intercept == 0.0
    assert result.coefficients == pytest.approx([(2 + 8.4 + 17.4) / 14])  # Σxy/Σx²


def test_ridge_with_no_penalty_is_ols_and_a_huge_penalty_shrinks_to_zero() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(30, 3))
    y = x @ [1.5, -2.0, 0.5] + 4 + rng.normal(scale=0.1, size=30)
    ols = run("ols", rows=x.tolist(), target=y.tolist())
    assert run("ridge", rows=x.tolist(), target=y.tolist(), alpha=0).coefficients == pytest.approx(
        ols.coefficients, rel=1e-8
    )
    assert np.allclose(run("ridge", rows=x.tolist(), target=y.tolist(), alpha=1e9).coefficients, 0, atol=1e-5)


def test_lasso_drops_an_irrelevant_predictor() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(100, 2))
    y = 3 * x[:, 0] + rng.normal(scale=0.2, size=100)
    result = run("lasso", rows=x.tolist(), target=y.tolist(), alpha=0.1)
    assert result.coefficients[1] == 0.0
    assert result.coefficients[0] == pytest.approx(2.9, abs=0.1)


def test_pls_with_every_component_is_ols() -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(25, 3))
    y = x @ [1.0, 2.0, -1.0] + rng.normal(scale=0.3, size=25)
    ols = run("ols", rows=x.tolist(), target=y.tolist())
    pls = run("pls", rows=x.tolist(), target=y.tolist(), n_components=3)
    assert pls.coefficients == pytest.approx(ols.coefficients, rel=1e-6)
    assert pls.intercept == pytest.approx(ols.intercept, abs=1e-8)
    assert np.mean(np.square(pls.vip)) == pytest.approx(1.0)  # the VIPs' squares average to 1


def test_huber_and_theil_sen_resist_an_outlier_that_pulls_ols() -> None:
    x = np.arange(10.0)
    y = 1 + 2 * x
    y[9] += 40
    ols = run("ols", rows=[[v] for v in x], target=y.tolist())
    huber = run("huber", rows=[[v] for v in x], target=y.tolist())
    theil = run("theil_sen", x=x.tolist(), y=y.tolist())
    assert abs(ols.coefficients[0] - 2) > 1
    assert huber.coefficients[0] == pytest.approx(2, abs=0.01)
    assert huber.outliers == [9]
    assert theil.slope == pytest.approx(2)
    assert theil.intercept == pytest.approx(1)
    assert theil.slope_lower <= 2 <= theil.slope_upper


def test_lowess_reproduces_a_line() -> None:
    x = np.linspace(0, 10, 21)
    result = run("lowess", x=x.tolist(), y=(3 - 0.5 * x).tolist(), frac=0.3)
    assert result.fitted == pytest.approx((3 - 0.5 * x).tolist(), abs=1e-9)


def test_spearman_sees_a_monotone_curve_as_perfect() -> None:
    x = [1, 2, 3, 4, 5, 6]
    result = run("spearman_correlation", x=x, y=[v**3 for v in x])
    assert result.rho == pytest.approx(1.0)
    assert run("pearson_correlation", x=x, y=[v**3 for v in x]).r < 1


def test_constant_series_have_no_correlation() -> None:
    result = run("pearson_correlation", x=[1, 2, 3, 4], y=[5, 5, 5, 5])
    assert result.r is None
    assert result.p_value is None


@pytest.mark.parametrize(
    ("form", "a", "b", "x"),
    [
        ("power", 3.0, 1.5, [1, 2, 3, 4, 5]),
        ("logarithmic", 2.0, -0.7, [1, 2, 4, 8, 16]),
        ("saturation", 50.0, 0.3, [0, 1, 2, 4, 8, 16]),
    ],
)
def test_curve_fit_recovers_the_generating_parameters(form: str, a: float, b: float, x: list[float]) -> None:
    f = {
        "power": lambda v: a * v**b,
        "logarithmic": lambda v: a + b * math.log(v),
        "saturation": lambda v: a * (1 - math.exp(-b * v)),
    }[form]
    result = run("nonlinear_curve_fit", x=x, y=[f(v) for v in x], form=form)
    assert (result.a, result.b) == pytest.approx((a, b), rel=1e-6)


def test_prediction_interval_is_wider_than_the_mean_interval() -> None:
    rng = np.random.default_rng(5)
    x = rng.uniform(0, 10, size=(20, 2))
    y = x @ [2.0, -1.0] + 5 + rng.normal(size=20)
    result = run("linear_prediction", rows=x.tolist(), target=y.tolist(), query=[[5, 5], [20, 0]])
    assert result.predictions[0] == pytest.approx(10, abs=1.5)
    for lo, mlo, mhi, hi in zip(
        result.lower, result.mean_lower, result.mean_upper, result.upper, strict=True
    ):
        assert lo < mlo < mhi < hi


def test_degenerate_fits_are_refused_naming_the_input() -> None:
    with pytest.raises(InvalidInput, match="rows"):
        run("ols", rows=[[1, 2], [2, 1], [3, 3]], target=[1, 2, 3])
    with pytest.raises(InvalidInput, match="x"):
        run("theil_sen", x=[2, 2, 2], y=[1, 2, 3])


@pytest.mark.parametrize(
    ("name", "inputs", "field"),
    [
        ("ols", {"rows": [[1], [2], [3]], "target": [1, 2]}, "target"),
        ("ols", {"rows": [[1], [2], [3]], "target": [1, 2, 3], "names": ["a", "b"]}, "names"),
        ("polynomial_fit", {"x": [1, 1, 2], "y": [1, 2, 3], "degree": 2}, "degree"),
        ("pls", {"rows": [[1], [2], [3]], "target": [1, 2, 3]}, "n_components"),
        ("nonlinear_curve_fit", {"x": [0, 1, 2], "y": [1, 2, 3], "form": "power"}, "form"),
        ("pearson_correlation", {"x": [1, 2, 3], "y": [1, 2]}, "y"),
        ("linear_prediction", {"rows": [[1], [2], [3]], "target": [1, 2, 3], "query": [[1, 2]]}, "query"),
    ],
)
def test_inconsistent_inputs_are_refused_naming_the_input(
    name: str, inputs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        BY_NAME[f"regression.{name}"].inputs.model_validate(inputs)
    assert field in {str(e["loc"][0]) for e in caught.value.errors()}
