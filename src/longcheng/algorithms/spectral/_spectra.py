"""Spectra of a sampled signal: FFT amplitude spectrum, Welch PSD, band power, real cepstrum, THD."""

from __future__ import annotations

import math
from typing import Annotated, Self

import numpy as np
from pydantic import Field, model_validator
from scipy import fft, signal

from longcheng.algorithms._series import AlgoOut, algorithm_spec, as_array, floats
from longcheng.algorithms.spectral._base import BRANDT, Peak, SignalIn, Window, amplitude_spectrum, top_peaks
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit

OPPENHEIM = "Oppenheim & Schafer, Discrete-Time Signal Processing, 3rd ed."


def _sines(fs: float, n: int, *parts: tuple[float, float]) -> list[float]:
    """Σ A·sin(2πft) sampled at fs, n points: the analytic test signals of the examples."""
    return [sum(a * math.sin(2 * math.pi * f * i / fs) for f, a in parts) for i in range(n)]


class FftIn(SignalIn):
    window: Window = "hann"
    peaks: Annotated[int, Field(ge=1, le=50, description="how many peaks to list")] = 5
    peak_floor: Annotated[float, Field(ge=0, lt=1, description="ignore peaks below this × the largest")] = (
        0.01
    )


class FftOut(AlgoOut):
    frequencies: list[float]
    amplitudes: Annotated[list[float], Field(description="single-sided peak amplitude per bin")]
    peaks: list[Peak]


def fft_spectrum(p: FftIn) -> FftOut:
    x = as_array(p.values)
    freqs, amps = amplitude_spectrum(x - x.mean(), p.sample_rate, p.window)
    return FftOut(
        frequencies=floats(freqs),
        amplitudes=floats(amps),
        peaks=top_peaks(freqs, amps, p.peaks, p.peak_floor),
        diagnostics={"n": len(x), "resolution_hz": p.sample_rate / len(x), "window": p.window},
    )


class WelchIn(SignalIn):
    segment_length: Annotated[int, Field(ge=8, le=65536, description="samples per segment")] = 256
    overlap: Annotated[float, Field(ge=0, lt=1, description="fraction of a segment shared")] = 0.5
    window: Window = "hann"


class WelchOut(AlgoOut):
    frequencies: list[float]
    psd: Annotated[list[float], Field(description="one-sided PSD, units² per Hz")]
    peak_frequency: Annotated[float, Unit("Hz")]
    total_power: Annotated[float, Field(description="Σ PSD·Δf = mean square")]
    rms: float


def _welch(p: WelchIn) -> tuple[np.ndarray, np.ndarray, float]:
    nper = min(p.segment_length, len(p.values))
    f, pxx = signal.welch(
        as_array(p.values),
        fs=p.sample_rate,
        window=p.window,
        nperseg=nper,
        noverlap=int(nper * p.overlap),
        detrend="constant",
        scaling="density",
    )
    return f, pxx, float(f[1] - f[0])


def welch_psd(p: WelchIn) -> WelchOut:
    f, pxx, df = _welch(p)
    total = float(pxx.sum() * df)
    return WelchOut(
        frequencies=floats(f),
        psd=floats(pxx),
        peak_frequency=float(f[int(np.argmax(pxx))]),
        total_power=total,
        rms=math.sqrt(total),
        diagnostics={"segment_length": min(p.segment_length, len(p.values)), "resolution_hz": df},
    )


class BandIn(WelchIn):
    low: Annotated[float, Unit("Hz", ge=0)]
    high: Annotated[float, Unit("Hz", gt=0)]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.high <= self.low:
            raise ValueError("high must be above low")
        return self


class BandOut(AlgoOut):
    band_power: Annotated[float, Field(description="Σ PSD·Δf over low ≤ f ≤ high")]
    band_rms: float
    fraction: Annotated[float, Field(description="band power / total power")]


def band_power(p: BandIn) -> BandOut:
    f, pxx, df = _welch(p)
    inside = (f >= p.low) & (f <= p.high)
    power, total = float(pxx[inside].sum() * df), float(pxx.sum() * df)
    return BandOut(
        band_power=power,
        band_rms=math.sqrt(power),
        fraction=power / total if total > 0 else 0.0,
        diagnostics={"bins": int(inside.sum()), "resolution_hz": df},
    )


class CepstrumIn(SignalIn):
    min_quefrency: Annotated[float, Unit("s", ge=0), Field(description="ignore shorter quefrencies")] = 0.0


class CepstrumOut(AlgoOut):
    quefrencies: list[float]
    cepstrum: list[float]
    peak_quefrency: Annotated[float, Unit("s")]
    peak_value: float


def real_cepstrum(p: CepstrumIn) -> CepstrumOut:
    x = as_array(p.values)
    mag = np.abs(fft.fft(x))
    c = np.real(fft.ifft(np.log(np.maximum(mag, 1e-12 * mag.max()))))
    q = np.arange(len(x)) / p.sample_rate
    half = np.arange(len(x) // 2 + 1)
    search = half[(half >= 2) & (q[half] >= p.min_quefrency)]
    best = int(search[np.argmax(c[search])])
    return CepstrumOut(
        quefrencies=floats(q[half]),
        cepstrum=floats(c[half]),
        peak_quefrency=float(q[best]),
        peak_value=float(c[best]),
        diagnostics={"n": len(x), "peak_index": best},
    )


def _spec(
    name: str,
    en: str,
    zh: str,
    inputs: type[SignalIn],
    outputs: type[AlgoOut],
    func: object,
    formula: str,
    reference: str,
    example: Example,
    industries: tuple[str, ...] = (),
) -> ComputationSpec:
    return algorithm_spec(
        "spectral",
        name,
        title=(en, zh),
        domains=("operations", "production", "rd_design"),
        industries=industries or ("general", "machinery", "energy"),
        inputs=inputs,
        outputs=outputs,
        func=func,
        formula=formula,
        reference=reference,
        examples=(example,),
    )


TWO_SINES = _sines(64, 64, (8, 2.0), (20, 0.5))
FFT = _spec(
    "fft_spectrum",
    "FFT amplitude spectrum with peaks",
    "FFT 幅值谱与峰值",
    FftIn,
    FftOut,
    fft_spectrum,
    "X_k = Σ w_n x_n e^(−j2πkn/N); A_k = 2|X_k|/Σw_n (k ≠ 0, N/2); f_k = k·fs/N; peaks by local maxima",
    f"{BRANDT} §9.3 (amplitude scaling, coherent gain); ISO 13373-2:2016 §5 frequency analysis",
    Example(
        inputs={"values": TWO_SINES, "sample_rate": 64},
        expected={
            "peaks.0.frequency": 8.0,
            "peaks.0.amplitude": 2.0,
            "peaks.1.frequency": 20.0,
            "peaks.1.amplitude": 0.5,
        },
        source="Analytic: 2·sin(2π·8t) + 0.5·sin(2π·20t), 64 samples at 64 Hz (whole periods, bin-centred): "
        "a Hann-windowed, gain-corrected spectrum reads the amplitudes exactly (Brandt §9.3)",
        abs_tol=1e-9,
    ),
)
WELCH = _spec(
    "welch_psd",
    "Welch power spectral density",
    "Welch 功率谱密度",
    WelchIn,
    WelchOut,
    welch_psd,
    "P(f) = mean over segments of 2|Σ w x e^(−j2πfn/fs)|²/(fs·Σw²); Σ P·Δf = mean square",
    "Welch, IEEE Trans. Audio Electroacoust. AU-15 (1967) 70-73; scipy.signal.welch; " + BRANDT + " §10.3",
    Example(
        inputs={"values": _sines(64, 128, (8, 2.0)), "sample_rate": 64, "segment_length": 32},
        expected={"total_power": 2.0, "rms": math.sqrt(2.0), "peak_frequency": 8.0},
        source="Analytic (Parseval): a sine of amplitude 2 has mean square A²/2 = 2 and RMS √2; every "
        "32-sample Hann segment holds whole periods of the 8 Hz sine",
        rel_tol=1e-9,
    ),
)
BAND = _spec(
    "band_power",
    "Band power from the PSD",
    "频带能量",
    BandIn,
    BandOut,
    band_power,
    "P_band = Σ_{low ≤ f ≤ high} P(f)·Δf (Welch PSD); RMS_band = √P_band; fraction = P_band/P_total",
    "ISO 13373-2:2016 §5.4 band analysis; Welch (1967); " + BRANDT + " §10.3",
    Example(
        inputs={
            "values": _sines(64, 128, (8, 2.0), (20, 1.0)),
            "sample_rate": 64,
            "segment_length": 32,
            "low": 15,
            "high": 25,
        },
        expected={"band_power": 0.5, "fraction": 0.2},
        source="Analytic: 2·sin(2π·8t) + sin(2π·20t): the 15-25 Hz band holds only the 20 Hz sine, "
        "A²/2 = 0.5 of a total 2 + 0.5 = 2.5",
        rel_tol=1e-9,
    ),
)
CEPSTRUM = _spec(
    "real_cepstrum",
    "Real cepstrum (echo and sideband-family detection)",
    "实倒谱",
    CepstrumIn,
    CepstrumOut,
    real_cepstrum,
    "c[n] = IFFT(ln|FFT(x)|); quefrency q = n/fs; the peak marks a periodicity of the spectrum",
    f"{OPPENHEIM} §13.5-13.6 (cepstrum of an echo); "
    "Randall, Vibration-based Condition Monitoring, 2011, §3.4",
    Example(
        inputs={"values": [1.0, 0, 0, 0, 0, 0.5] + [0.0] * 122, "sample_rate": 1000},
        expected={"peak_quefrency": 0.005, "peak_value": 0.25},
        source="Oppenheim & Schafer §13.5: x = δ[n] + a·δ[n − 5], a = 0.5, has complex cepstrum "
        "Σ (−1)^(k+1) aᵏ/k·δ[n − 5k]; the real cepstrum is half its even part: a/2 = 0.25 at 5 ms",
        rel_tol=1e-9,
    ),
)
SPECS = (FFT, WELCH, BAND, CEPSTRUM)

__all__ = ["SPECS", "band_power", "fft_spectrum", "real_cepstrum", "welch_psd"]
