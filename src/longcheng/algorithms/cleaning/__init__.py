"""Data cleaning, imputation, resampling and ETL (数据清洗、插补、重采样)."""

from __future__ import annotations

from longcheng.algorithms.cleaning import filters, gaps, resample, scaling
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (*gaps.SPECS, *resample.SPECS, *scaling.SPECS, *filters.SPECS)

__all__ = ["SPECS"]
