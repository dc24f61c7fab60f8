"""Offline change-point detection with ruptures: PELT, binary segmentation, sliding window, dynamic
programming."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Literal, Self

import numpy as np
import ruptures as rpt
from pydantic import Field, model_validator

from longcheng.algorithms._series import AlgoOut, SeriesIn, algorithm_spec, as_array, floats
from longcheng.core.computation import ComputationSpec, Example

TRUONG = "Truong, Oudre & Vayatis, Selective review of offline change point detection methods, Signal "
TRUONG += "Processing 167 (2020) 107299; ruptures 1.1"
Cost = Literal["l2", "l1", "rbf", "normal"]


class OfflineIn(SeriesIn):
    cost: Cost = "l2"
    min_size: Annotated[int, Field(ge=1, le=100000, description="shortest segment")] = 2
    jump: Annotated[
        int, Field(ge=1, le=1000, description="candidate spacing; > 1 trades exactness for speed")
    ] = 1
    penalty: Annotated[float, Field(gt=0, description="cost per change point; default 2σ̂² ln n")] | None = (
        None
    )


class CountedIn(OfflineIn):
    changes: Annotated[int, Field(ge=1, le=1000, description="number of change points wanted")] | None = None


class WindowIn(CountedIn):
    width: Annotated[
        int, Field(ge=4, le=100000, description="samples in the sliding window (two halves)")
    ] = 20


class DynpIn(OfflineIn):
    changes: Annotated[int, Field(ge=1, le=100, description="exact number of change points")]

    @model_validator(mode="after")
    def _no_penalty(self) -> Self:
        if self.penalty is not None:
            raise ValueError("dynamic programming takes a number of changes, not a penalty")
        return self


class ChangeOut(AlgoOut):
    change_points: Annotated[list[int], Field(description="first index of each new segment")]
    segment_means: list[float]


@contextmanager
def _quiet() -> Iterator[None]:
    """ruptures ≥ 1.1.5 warns on every use of the "normal" cost that it biases the covariance: a notice."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="New behaviour in v1.1.5", category=UserWarning)
        yield


def _penalty(x: np.ndarray, given: float | None) -> float:
    if given is not None:
        return given
    sigma = 1.4826 * float(np.median(np.abs(np.diff(x) - np.median(np.diff(x))))) / math.sqrt(2)
    if sigma == 0:
        sigma = 1e-3 * float(x.std()) or 1e-6
    return 2 * sigma**2 * math.log(len(x))


def _result(x: np.ndarray, bkps: list[int], method: str, pen: float | None = None, **diag: int) -> ChangeOut:
    cps = [int(b) for b in bkps if b < len(x)]
    means = [float(s.mean()) for s in np.split(x, cps)]
    extra: dict[str, float | int | str] = {"method": method, **diag}
    if pen is not None:
        extra["penalty"] = pen
    return ChangeOut(change_points=cps, segment_means=floats(means), diagnostics=extra)


def _predict(algo: rpt.base.BaseEstimator, x: np.ndarray, p: OfflineIn) -> tuple[list[int], float | None]:
    changes = getattr(p, "changes", None)
    if changes is not None:
        return list(algo.predict(n_bkps=changes)), None
    pen = _penalty(x, p.penalty)
    return list(algo.predict(pen=pen)), pen


def pelt(p: OfflineIn) -> ChangeOut:
    x = as_array(p.values)
    with _quiet():
        bkps, pen = _predict(rpt.Pelt(model=p.cost, min_size=p.min_size, jump=p.jump).fit(x), x, p)
    return _result(x, bkps, "pelt", pen)


def binary_segmentation(p: CountedIn) -> ChangeOut:
    x = as_array(p.values)
    with _quiet():
        bkps, pen = _predict(rpt.Binseg(model=p.cost, min_size=p.min_size, jump=p.jump).fit(x), x, p)
    return _result(x, bkps, "binseg", pen)


def window_detection(p: WindowIn) -> ChangeOut:
    x = as_array(p.values)
    with _quiet():
        algo = rpt.Window(width=p.width, model=p.cost, min_size=p.min_size, jump=p.jump).fit(x)
        bkps, pen = _predict(algo, x, p)
    return _result(x, bkps, "window", pen, width=p.width)


def dynamic_programming(p: DynpIn) -> ChangeOut:
    x = as_array(p.values)
    with _quiet():
        bkps = list(rpt.Dynp(model=p.cost, min_size=p.min_size, jump=p.jump).fit(x).predict(n_bkps=p.changes))
    return _result(x, bkps, "dynp")


def _steps() -> list[float]:
    """Three levels, 0 → 5 → 2, 30 samples each, with a ±0.1 deterministic ripple."""
    levels = [0.0] * 30 + [5.0] * 30 + [2.0] * 30
    return [v + 0.1 * math.sin(1.7 * i) for i, v in enumerate(levels)]


STEPS = _steps()


def _spec(
    name: str,
    en: str,
    zh: str,
    inputs: type[OfflineIn],
    func: object,
    formula: str,
    reference: str,
    extra: dict[str, object],
) -> ComputationSpec:
    return algorithm_spec(
        "changepoint",
        name,
        title=(en, zh),
        domains=("operations", "production"),
        industries=("general", "chemical", "energy", "metallurgy", "machinery"),
        inputs=inputs,
        outputs=ChangeOut,
        func=func,
        formula=formula,
        reference=reference,
        examples=(
            Example(
                inputs={"values": STEPS, **extra},
                expected={"change_points": [30, 60], "segment_means.1": 5.0},
                source="Derived by hand: levels 0, 5, 2 for 30 samples each under a ±0.1 ripple; the mean "
                "changes at samples 30 and 60 and the middle segment averages 5.0 (ripple mean < 0.02)",
                abs_tol=0.02,
            ),
        ),
    )


PELT = _spec(
    "pelt",
    "PELT change-point detection",
    "PELT 变点检测",
    OfflineIn,
    pelt,
    "minimise Σ segment cost + β·(number of changes) exactly, pruning candidates whose cost cannot recover; "
    "l2 cost Σ(x − x̄_seg)²; default β = 2σ̂² ln n, σ̂ from the MAD of first differences",
    "Killick, Fearnhead & Eckley, Optimal detection of changepoints with a linear computational cost, J. Am. "
    f"Stat. Assoc. 107 (2012) 1590-1598; {TRUONG}",
    {"penalty": 10},
)
BINSEG = _spec(
    "binary_segmentation",
    "Binary segmentation change-point detection",
    "二分分割变点检测",
    CountedIn,
    binary_segmentation,
    "split the series where the cost drops most, then split the parts, until the number of changes is "
    "reached or no split gains more than the penalty",
    f"Scott & Knott, Biometrics 30 (1974) 507-512; Bai, Econometric Theory 13 (1997); {TRUONG}",
    {"changes": 2},
)
WINDOW = _spec(
    "window",
    "Sliding-window change-point detection",
    "滑动窗口变点检测",
    WindowIn,
    window_detection,
    "discrepancy d(t) = c(x_{t−w/2…t+w/2}) − c(x_{t−w/2…t}) − c(x_{t…t+w/2}); "
    "change points at the peaks of d",
    f"{TRUONG} §5.2 (window sliding)",
    {"changes": 2, "width": 20},
)
DYNP = _spec(
    "dynamic_programming",
    "Optimal segmentation by dynamic programming",
    "动态规划最优分段变点检测",
    DynpIn,
    dynamic_programming,
    "exact minimum of Σ segment cost over all segmentations with K changes (Bellman recursion, O(Kn²))",
    f"Bai & Perron, Econometrica 66 (1998) 47-78 / J. Applied Econometrics 18 (2003) 1-22; {TRUONG} §5.1",
    {"changes": 2},
)

SPECS = (PELT, BINSEG, WINDOW, DYNP)

__all__ = ["SPECS", "binary_segmentation", "dynamic_programming", "pelt", "window_detection"]
