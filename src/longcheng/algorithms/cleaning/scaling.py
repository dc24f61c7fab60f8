"""Value transforms: winsorising, min-max and z-score scaling, unit conversion (pint)."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field, ValidationInfo, field_validator
from scipy import stats
from sklearn.preprocessing import minmax_scale

from longcheng.algorithms._series import AlgoIn, AlgoOut, FiniteFloat, Values, as_array, floats, indices
from longcheng.algorithms.cleaning._base import DOMAINS
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.errors import InvalidInput
from longcheng.core.thing_model import LocalizedText
from longcheng.core.units import registry


class WinsorizeIn(AlgoIn):
    values: Values
    lower_percentile: float = Field(default=5.0, ge=0, lt=50, description="percent")
    upper_percentile: float = Field(default=95.0, gt=50, le=100, description="percent")
    lower: FiniteFloat | None = Field(
        default=None, description="explicit lower bound (overrides the percentile)"
    )
    upper: FiniteFloat | None = Field(
        default=None, description="explicit upper bound (overrides the percentile)"
    )


class ScaledOut(AlgoOut):
    values: list[float]


class WinsorizedOut(ScaledOut):
    lower_bound: float
    upper_bound: float
    clipped: list[int] = Field(description="positions that were moved to a bound")


def winsorize(p: WinsorizeIn) -> WinsorizedOut:
    y = as_array(p.values)
    low = p.lower if p.lower is not None else float(np.percentile(y, p.lower_percentile))
    high = p.upper if p.upper is not None else float(np.percentile(y, p.upper_percentile))
    if low > high:
        raise InvalidInput("lower", "the lower bound is above the upper bound")
    clipped = np.clip(y, low, high)
    return WinsorizedOut(
        values=floats(clipped),
        lower_bound=low,
        upper_bound=high,
        clipped=indices(clipped != y),
        diagnostics={"n": int(y.size)},
    )


class MinMaxIn(AlgoIn):
    values: Values
    low: FiniteFloat = Field(default=0.0, description="value the minimum maps to")
    high: FiniteFloat = Field(default=1.0, description="value the maximum maps to")

    @field_validator("high")
    @classmethod
    def _above_low(cls, high: float, info: ValidationInfo) -> float:
        low = info.data.get("low")
        if low is not None and high <= low:
            raise ValueError("high must exceed low")
        return high


class MinMaxOut(ScaledOut):
    data_min: float
    data_max: float


def min_max_scale(p: MinMaxIn) -> MinMaxOut:
    y = as_array(p.values)
    return MinMaxOut(
        values=floats(minmax_scale(y, feature_range=(p.low, p.high))),
        data_min=float(y.min()),
        data_max=float(y.max()),
        diagnostics={"n": int(y.size), "constant": str(bool(np.ptp(y) == 0))},
    )


class StandardizeIn(AlgoIn):
    values: Values
    method: Literal["standard", "robust"] = Field(
        default="standard", description="(x − mean)/s, or (x − median)/(1.4826·MAD)"
    )
    ddof: int = Field(default=1, ge=0, le=1, description="1: sample s.d. (n − 1); 0: population s.d. (n)")


class StandardizedOut(ScaledOut):
    center: float
    scale: float


def standardize(p: StandardizeIn) -> StandardizedOut:
    y = as_array(p.values)
    if p.method == "standard":
        center, scale = float(y.mean()), float(y.std(ddof=p.ddof))
    else:
        center, scale = float(np.median(y)), float(stats.median_abs_deviation(y, scale="normal"))
    if scale == 0:
        raise InvalidInput("values", "the spread is zero: a constant series cannot be standardised")
    return StandardizedOut(
        values=floats((y - center) / scale),
        center=center,
        scale=scale,
        diagnostics={"n": int(y.size), "method": p.method},
    )


def _known(unit: str) -> str:
    try:
        registry().Unit(unit)
    except Exception as err:  # pint raises several unrelated types for a bad unit
        raise ValueError(f"unknown unit {unit!r}") from err
    return unit


class UnitConversionIn(AlgoIn):
    values: list[FiniteFloat] = Field(min_length=1)
    from_unit: str = Field(description="unit of the values, e.g. 'degF', 'psi', 'kW*h'")
    to_unit: str = Field(description="unit wanted, e.g. 'degC', 'kPa', 'MJ'")

    @field_validator("from_unit")
    @classmethod
    def _from_known(cls, unit: str) -> str:
        return _known(unit)

    @field_validator("to_unit")
    @classmethod
    def _compatible(cls, unit: str, info: ValidationInfo) -> str:
        _known(unit)
        source = info.data.get("from_unit")
        if (
            source is not None
            and registry().Unit(source).dimensionality != registry().Unit(unit).dimensionality
        ):
            raise ValueError(f"{source!r} cannot be converted to {unit!r}")
        return unit


class ConvertedOut(ScaledOut):
    unit: str


def unit_conversion(p: UnitConversionIn) -> ConvertedOut:
    quantity = registry().Quantity(as_array(p.values), p.from_unit).to(p.to_unit)
    return ConvertedOut(
        values=floats(quantity.magnitude),
        unit=p.to_unit,
        diagnostics={"n": len(p.values), "from": p.from_unit, "to": p.to_unit},
    )


WINSORIZE = ComputationSpec(
    name="cleaning.winsorize",
    title=LocalizedText(
        en="Winsorising (percentile clipping of outliers)", zh="缩尾处理（分位数截断异常值）"
    ),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=WinsorizeIn,
    outputs=WinsorizedOut,
    func=winsorize,
    formula="L = P_lower, U = P_upper (linear-interpolated percentiles, Hyndman-Fan type 7) or given bounds; "
    "x ← min(max(x, L), U)",
    reference="Wilcox, Introduction to Robust Estimation and Hypothesis Testing, 4th ed. (2017), ch. 3 "
    "(winsorizing); Hyndman & Fan (1996), Amer. Statistician 50(4):361-365 (sample quantiles, type 7)",
    examples=(
        Example(
            inputs={
                "values": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100],
                "lower_percentile": 10,
                "upper_percentile": 90,
            },
            expected={
                "lower_bound": 2.0,
                "upper_bound": 10.0,
                "values": [2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10],
                "clipped": [0, 10],
            },
            source="by hand: type-7 rank (n − 1)·p = 10·0.1 = 1 → 2 and 10·0.9 = 9 → 10 in the sorted data",
            rel_tol=1e-12,
        ),
    ),
)

MIN_MAX = ComputationSpec(
    name="cleaning.min_max_scale",
    title=LocalizedText(en="Min-max normalisation", zh="最小-最大归一化"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=MinMaxIn,
    outputs=MinMaxOut,
    func=min_max_scale,
    formula="x' = low + (x − min)·(high − low)/(max − min)",
    reference="Han, Kamber & Pei, Data Mining: Concepts and Techniques, 3rd ed. (2012), §3.5.2 "
    "(normalization); sklearn.preprocessing.minmax_scale",
    examples=(
        Example(
            inputs={"values": [2, 4, 6, 10]},
            expected={"values": [0, 0.25, 0.5, 1], "data_min": 2.0, "data_max": 10.0},
            source="by hand: (x − 2)/8",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"values": [2, 4, 6, 10], "low": -1, "high": 1},
            expected={"values": [-1, -0.5, 0, 1]},
            source="by hand: −1 + 2(x − 2)/8",
            rel_tol=1e-12,
            abs_tol=1e-15,
        ),
    ),
)

STANDARDIZE = ComputationSpec(
    name="cleaning.standardize",
    title=LocalizedText(en="Z-score standardisation (classical or robust)", zh="Z-score标准化（含稳健法）"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=StandardizeIn,
    outputs=StandardizedOut,
    func=standardize,
    formula="standard: z = (x − x̄)/s (s with n − ddof); robust: z = (x − median)/(1.4826·median|x − median|)",
    reference="Han, Kamber & Pei, Data Mining: Concepts and Techniques, 3rd ed., §3.5.2 (z-score); "
    "Rousseeuw & Croux (1993), JASA 88(424):1273-1283 (MAD, consistency factor 1/Φ⁻¹(0.75))",
    examples=(
        Example(
            inputs={"values": [2, 4, 4, 4, 5, 5, 7, 9], "ddof": 0},
            expected={"values": [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2], "center": 5.0, "scale": 2.0},
            source="by hand: mean 5, Σ(x − 5)² = 32, population s.d. √(32/8) = 2",
            rel_tol=1e-12,
            abs_tol=1e-15,
        ),
        Example(
            inputs={"values": [1, 2, 3, 4, 100], "method": "robust"},
            expected={"center": 3.0, "scale": 1.4826022, "values.4": 97 / 1.482602218505602},
            source="by hand: median 3, |x − 3| = 2, 1, 0, 1, 97 → MAD 1; 1/Φ⁻¹(0.75) = 1.482602",
            rel_tol=1e-7,
        ),
    ),
)

UNITS = ComputationSpec(
    name="cleaning.unit_conversion",
    title=LocalizedText(en="Unit normalisation of a series", zh="计量单位换算与统一"),
    kind="algorithm",
    category="cleaning",
    domains=DOMAINS,
    inputs=UnitConversionIn,
    outputs=ConvertedOut,
    func=unit_conversion,
    formula="x' = x·f (+ offset for temperatures), f from the SI definitions of both units (pint)",
    reference="BIPM, The International System of Units (SI Brochure), 9th ed. (2019); GB 3100-1993 国际单位制"
    "及其应用; NIST SP 811 (2008) Appendix B (conversion factors)",
    examples=(
        Example(
            inputs={"values": [0, 20, 100], "from_unit": "degC", "to_unit": "K"},
            expected={"values": [273.15, 293.15, 373.15]},
            source="SI Brochure, 9th ed.: t/°C = T/K − 273.15",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"values": [1, 100], "from_unit": "psi", "to_unit": "kPa"},
            expected={"values": [6.894757293168, 689.4757293168]},
            source="NIST SP 811 B.8: 1 psi = 6.894757 E+03 Pa (exactly 0.45359237 kg × 9.80665 m/s² / "
            "(0.0254 m)²)",
            rel_tol=1e-12,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (WINSORIZE, MIN_MAX, STANDARDIZE, UNITS)
