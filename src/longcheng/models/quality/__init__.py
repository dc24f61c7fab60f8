"""Quality, SPC and metrology models: control-chart constants and limits, process capability, Six Sigma
metrics, measurement system analysis and acceptance sampling."""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec
from longcheng.models.quality import (
    attribute_charts,
    capability,
    constants,
    msa,
    sampling,
    six_sigma,
    variables_charts,
)

SPECS: tuple[ComputationSpec, ...] = (
    *constants.SPECS,
    *variables_charts.SPECS,
    *attribute_charts.SPECS,
    *capability.SPECS,
    *six_sigma.SPECS,
    *msa.SPECS,
    *sampling.SPECS,
)

__all__ = ["SPECS"]
