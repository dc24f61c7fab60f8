"""Spectral, vibration and signal-processing algorithms (频谱与振动分析)."""

from __future__ import annotations

from longcheng.algorithms.spectral import _harmonics, _kurtosis, _signals, _spectra, _vibration
from longcheng.core.computation import ComputationSpec

SPECS: tuple[ComputationSpec, ...] = (
    *_spectra.SPECS,
    *_harmonics.SPECS,
    *_vibration.SPECS,
    *_kurtosis.SPECS,
    *_signals.SPECS,
)

__all__ = ["SPECS"]
