"""Harmonic analysis of power signals: total harmonic distortion over whole cycles (IEC 61000-4-7)."""

from __future__ import annotations

import math
from typing import Annotated

import numpy as np
from pydantic import Field

from longcheng.algorithms._series import AlgoOut, as_array, floats
from longcheng.algorithms.spectral._base import SignalIn, amplitude_spectrum
from longcheng.algorithms.spectral._spectra import _sines, _spec
from longcheng.core.computation import Example
from longcheng.core.quantities import Unit


class ThdIn(SignalIn):
    fundamental: Annotated[float, Unit("Hz", gt=0)]
    harmonics: Annotated[int, Field(ge=2, le=100, description="highest harmonic order counted")] = 40


class ThdOut(AlgoOut):
    thd: Annotated[float, Field(description="√(Σ_{h≥2} A_h²)/A_1")]
    fundamental_amplitude: float
    harmonic_amplitudes: Annotated[list[float], Field(description="A_1 … A_H (0 above Nyquist)")]


def total_harmonic_distortion(p: ThdIn) -> ThdOut:
    x = as_array(p.values)
    _, amps = amplitude_spectrum(x - x.mean(), p.sample_rate, "boxcar")
    df = p.sample_rate / len(x)
    orders = np.arange(1, p.harmonics + 1)
    bins = np.rint(orders * p.fundamental / df).astype(int)
    h = np.where(bins < len(amps), amps[np.minimum(bins, len(amps) - 1)], 0.0)
    if h[0] <= 0:
        raise ValueError("no fundamental component in the signal")
    return ThdOut(
        thd=float(np.sqrt(np.sum(h[1:] ** 2)) / h[0]),
        fundamental_amplitude=float(h[0]),
        harmonic_amplitudes=floats(h),
        diagnostics={"resolution_hz": df, "cycles": len(x) * p.fundamental / p.sample_rate},
    )


THD = _spec(
    "total_harmonic_distortion",
    "Total harmonic distortion (THD)",
    "总谐波畸变率",
    ThdIn,
    ThdOut,
    total_harmonic_distortion,
    "THD = √(Σ_{h=2}^{H} A_h²)/A_1, A_h from a rectangular-window DFT over whole periods of the fundamental",
    "IEC 61000-4-7:2002+A1:2008 §3 and §4.4 (10-cycle rectangular window); GB/T 14549-1993 §3; IEEE 519-2014",
    Example(
        inputs={
            "values": _sines(1600, 320, (50, 1.0), (150, 0.1), (250, 0.05)),
            "sample_rate": 1600,
            "fundamental": 50,
        },
        expected={"thd": math.sqrt(0.1**2 + 0.05**2), "fundamental_amplitude": 1.0},
        source="Definition (IEC 61000-4-7 §3.3.1): 3rd 10 %, 5th 5 % → THD = √(0.1² + 0.05²) = 11.18 %",
        rel_tol=1e-9,
    ),
    industries=("general", "energy", "electronics", "metallurgy"),
)

SPECS = (THD,)

__all__ = ["SPECS", "total_harmonic_distortion"]
