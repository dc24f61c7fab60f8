"""Operating-regime labelling of one process variable: 1-D k-means, ordered regimes, minimum dwell."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from sklearn.cluster import KMeans

from longcheng.algorithms._series import AlgoOut, SeriesIn, as_array, floats
from longcheng.algorithms.clustering._base import DOMAINS, SKLEARN, Seed, quietly
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText


class RegimesIn(SeriesIn):
    n_regimes: int = Field(default=2, ge=1, le=20, validate_default=True, description="number of regimes")
    min_dwell: int = Field(default=1, ge=1, le=1_000_000, description="shortest run kept, in samples")
    seed: Seed = 0

    @field_validator("n_regimes")
    @classmethod
    def _not_more_than_values(cls, k: int, info: ValidationInfo) -> int:
        values = info.data.get("values")
        if values is not None and k > len(set(values)):
            raise ValueError(f"{k} regimes for {len(set(values))} distinct values")
        return k


class Segment(BaseModel):
    model_config = ConfigDict(frozen=True)

    regime: int
    start: int = Field(description="first sample index")
    end: int = Field(description="last sample index (inclusive)")
    samples: int
    start_time: int | None = None
    end_time: int | None = None


class RegimesOut(AlgoOut):
    labels: list[int] = Field(description="regime of each sample, 0 = lowest centre")
    centers: list[float] = Field(description="centre of each regime, ascending")
    fractions: list[float] = Field(description="share of samples in each regime")
    segments: list[Segment]
    transitions: int


def _runs(labels: list[int]) -> list[list[int]]:
    """[regime, start, end] of each run of equal labels."""
    runs: list[list[int]] = []
    for i, label in enumerate(labels):
        if runs and runs[-1][0] == label:
            runs[-1][2] = i
        else:
            runs.append([label, i, i])
    return runs


def _absorb_short(labels: list[int], min_dwell: int) -> list[int]:
    """Runs shorter than ``min_dwell`` take the regime of the run before them (the first: the one after)."""
    runs = _runs(labels)
    if len(runs) < 2 or min_dwell <= 1:
        return labels
    out = list(labels)
    for j, (_, start, end) in enumerate(runs):
        if end - start + 1 < min_dwell:
            fill = out[start - 1] if start > 0 else runs[j + 1][0]
            out[start : end + 1] = [fill] * (end - start + 1)
    return out


def operating_regimes(p: RegimesIn) -> RegimesOut:
    y = as_array(p.values)
    model = KMeans(n_clusters=p.n_regimes, n_init=10, random_state=p.seed)
    fitted, caught = quietly(lambda: model.fit(y.reshape(-1, 1)))
    centres = fitted.cluster_centers_.ravel()
    rank = np.argsort(np.argsort(centres))
    labels = _absorb_short([int(rank[v]) for v in fitted.labels_], p.min_dwell)
    stamps = p.timestamps
    segments = [
        Segment(
            regime=r,
            start=s,
            end=e,
            samples=e - s + 1,
            start_time=stamps[s] if stamps else None,
            end_time=stamps[e] if stamps else None,
        )
        for r, s, e in _runs(labels)
    ]
    return RegimesOut(
        labels=labels,
        centers=floats(np.sort(centres)),
        fractions=[labels.count(r) / len(labels) for r in range(p.n_regimes)],
        segments=segments,
        transitions=len(segments) - 1,
        diagnostics={"n": len(labels), "min_dwell": p.min_dwell, "seed": p.seed, "warnings": caught},
    )


REGIMES = ComputationSpec(
    name="clustering.operating_regimes",
    title=LocalizedText(en="Operating-regime labelling", zh="设备运行工况划分"),
    kind="algorithm",
    category="clustering",
    domains=DOMAINS,
    industries=("general", "energy", "machinery", "chemical"),
    inputs=RegimesIn,
    outputs=RegimesOut,
    func=operating_regimes,
    formula="1-D k-means of the signal (e.g. load, speed, power); regimes numbered by ascending centre; "
    "runs shorter than min_dwell samples join the preceding regime; segments = maximal runs",
    reference=f"Lloyd (1982) k-means on one variable ({SKLEARN}, K-means); ISO 13379-1:2012 Condition "
    "monitoring and diagnostics of machines — data interpreted per operating condition",
    examples=(
        Example(
            inputs={
                "values": [0, 1, 0, 50, 52, 48, 100, 101, 99, 0, 1, 49],
                "timestamps": [i * 60_000 for i in range(12)],
                "n_regimes": 3,
            },
            expected={
                "labels": [0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 0, 1],
                "centers": [0.4, 49.75, 100.0],
                "fractions": [5 / 12, 4 / 12, 3 / 12],
                "transitions": 4,
                "segments.3.start_time": 540_000,
            },
            source="by hand: three well-separated groups {0,1,0,0,1}, {50,52,48,49}, {100,101,99} with means "
            "0.4, 49.75, 100; runs 0-2, 3-5, 6-8, 9-10, 11 → 4 transitions; run 4 starts at 9 min",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (REGIMES,)
