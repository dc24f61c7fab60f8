"""Shared shapes of the anomaly detectors."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from longcheng.algorithms._series import AlgoOut

NIST = "NIST/SEMATECH e-Handbook of Statistical Methods"


class OutlierOut(AlgoOut):
    outliers: Annotated[list[int], Field(description="indices of the values judged anomalous")]
    scores: Annotated[list[float], Field(description="the detector's score per value")]
    lower: float | None = None
    upper: float | None = None


__all__ = ["NIST", "OutlierOut"]
