"""Shared pieces of the spectral algorithms: windows, the single-sided amplitude spectrum, peak lists."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field
from scipy import fft, signal

from longcheng.algorithms._series import FiniteFloat, SampledIn

Window = Literal["hann", "hamming", "blackman", "flattop", "boxcar"]
Array = NDArray[np.float64]
BRANDT = "Brandt, Noise and Vibration Analysis: Signal Analysis and Experimental Procedures, Wiley 2011"


class SignalIn(SampledIn):
    """A uniformly sampled signal of at least 8 values."""

    values: Annotated[list[FiniteFloat], Field(min_length=8)]


class Peak(BaseModel):
    model_config = ConfigDict(frozen=True)

    frequency: float
    amplitude: float


def amplitude_spectrum(x: Array, fs: float, window: Window = "hann") -> tuple[Array, Array]:
    """Frequencies and single-sided peak amplitudes, corrected for the window's coherent gain.

    A sine of amplitude A centred on a bin reads exactly A (DC and Nyquist are not doubled).
    """
    w = signal.get_window(window, len(x))
    spectrum = np.abs(fft.rfft(x * w)) / w.sum()
    spectrum[1 : len(x) // 2 + (len(x) % 2)] *= 2
    return fft.rfftfreq(len(x), 1 / fs), spectrum


def top_peaks(freqs: Array, amps: Array, count: int, floor: float = 0.01) -> list[Peak]:
    """The ``count`` largest local maxima (DC excluded) above ``floor`` × the largest, largest first."""
    idx, _ = signal.find_peaks(np.concatenate(([0.0], amps[1:], [0.0])))
    idx = idx[(idx > 0) & (idx < len(amps))]
    if len(idx):
        idx = idx[amps[idx] >= floor * amps[idx].max()]
    best = idx[np.argsort(amps[idx])[::-1][:count]]
    return [Peak(frequency=float(freqs[i]), amplitude=float(amps[i])) for i in best]


__all__ = ["BRANDT", "Array", "Peak", "SignalIn", "Window", "amplitude_spectrum", "top_peaks"]
