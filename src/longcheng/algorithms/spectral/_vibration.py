"""Vibration condition monitoring: time-domain features, overall velocity (ISO 10816-3 / ISO 20816-3),
envelope spectrum for rolling-bearing faults, and spectral kurtosis."""

from __future__ import annotations

import math
from typing import Annotated, Literal, Self

import numpy as np
from pydantic import Field, model_validator
from scipy import fft, signal, stats

from longcheng.algorithms._series import AlgoOut, SeriesIn, algorithm_spec, as_array, floats
from longcheng.algorithms.spectral._base import BRANDT, Peak, SignalIn, Window, amplitude_spectrum, top_peaks
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit

RANDALL = "Randall, Vibration-based Condition Monitoring, Wiley 2011"


class FeaturesOut(AlgoOut):
    mean: float
    std: float
    rms: float
    peak: Annotated[float, Field(description="max |x|")]
    peak_to_peak: float
    crest_factor: Annotated[float, Field(description="peak / RMS")]
    kurtosis: Annotated[float, Field(description="Pearson kurtosis m4/m2² (3 for a Gaussian)")]
    skewness: float
    shape_factor: Annotated[float, Field(description="RMS / mean|x|")]
    impulse_factor: Annotated[float, Field(description="peak / mean|x|")]
    margin_factor: Annotated[float, Field(description="peak / (mean √|x|)²")]


def time_features(p: SeriesIn) -> FeaturesOut:
    x = as_array(p.values)
    a = np.abs(x)
    rms, peak, mean_abs = float(np.sqrt(np.mean(x**2))), float(a.max()), float(a.mean())
    if rms == 0:
        raise ValueError("the signal is identically zero")
    return FeaturesOut(
        mean=float(x.mean()),
        std=float(x.std(ddof=1)),
        rms=rms,
        peak=peak,
        peak_to_peak=float(np.ptp(x)),
        crest_factor=peak / rms,
        kurtosis=float(stats.kurtosis(x, fisher=False)),
        skewness=float(stats.skew(x)),
        shape_factor=rms / mean_abs,
        impulse_factor=peak / mean_abs,
        margin_factor=peak / float(np.mean(np.sqrt(a))) ** 2,
        diagnostics={"n": len(x)},
    )


# ISO 10816-3:2009 Annex A (ISO 20816-3:2022 Table A.1/A.2): zone boundaries A/B, B/C, C/D in mm/s RMS
ZONES: dict[tuple[str, str], tuple[float, float, float]] = {
    ("group1", "rigid"): (2.3, 4.5, 7.1),
    ("group1", "flexible"): (3.5, 7.1, 11.0),
    ("group2", "rigid"): (1.4, 2.8, 4.5),
    ("group2", "flexible"): (2.3, 4.5, 7.1),
}


class VelocityIn(SignalIn):
    """``values`` are accelerations in m/s²."""

    low: Annotated[
        float, Unit("Hz", gt=0), Field(description="lower band edge (10 Hz; 2 Hz below 600 rpm)")
    ] = 10.0
    high: Annotated[float, Unit("Hz", gt=0)] = 1000.0
    machine_group: Literal["group1", "group2"] = "group2"
    foundation: Literal["rigid", "flexible"] = "rigid"

    @model_validator(mode="after")
    def _band(self) -> Self:
        if self.high <= self.low:
            raise ValueError("high must be above low")
        return self


class VelocityOut(AlgoOut):
    velocity_rms: Annotated[float, Unit("mm/s")]
    velocity_peak: Annotated[float, Unit("mm/s"), Field(description="√2 × RMS (sine equivalent)")]
    zone: Literal["A", "B", "C", "D"]


def velocity_rms(p: VelocityIn) -> VelocityOut:
    a = as_array(p.values)
    spec = fft.rfft(a - a.mean())
    f = fft.rfftfreq(len(a), 1 / p.sample_rate)
    keep = (f >= p.low) & (f <= p.high) & (f > 0)
    v = np.zeros_like(spec)
    v[keep] = spec[keep] / (2j * np.pi * f[keep])
    velocity = fft.irfft(v, n=len(a))
    rms = float(np.sqrt(np.mean(velocity**2))) * 1000.0
    edges = ZONES[(p.machine_group, p.foundation)]
    zone = "ABCD"[int(np.searchsorted(edges, rms, side="right"))]
    return VelocityOut(
        velocity_rms=rms,
        velocity_peak=rms * math.sqrt(2),
        zone=zone,
        diagnostics={"a_b": edges[0], "b_c": edges[1], "c_d": edges[2], "bins_in_band": int(keep.sum())},
    )


class EnvelopeIn(SignalIn):
    band_low: (
        Annotated[float, Unit("Hz", gt=0), Field(description="band-pass before demodulation")] | None
    ) = None
    band_high: Annotated[float, Unit("Hz", gt=0)] | None = None
    window: Window = "hann"
    peaks: Annotated[int, Field(ge=1, le=50)] = 5

    @model_validator(mode="after")
    def _band(self) -> Self:
        if (self.band_low is None) != (self.band_high is None):
            raise ValueError("give both band_low and band_high, or neither")
        if (
            self.band_low is not None
            and self.band_high is not None
            and not self.band_low < self.band_high < self.sample_rate / 2
        ):
            raise ValueError("need band_low < band_high < sample_rate/2")
        return self


class EnvelopeOut(AlgoOut):
    frequencies: list[float]
    amplitudes: list[float]
    peaks: list[Peak]


def envelope_spectrum(p: EnvelopeIn) -> EnvelopeOut:
    x = as_array(p.values)
    x = x - x.mean()
    if p.band_low is not None and p.band_high is not None:
        sos = signal.butter(4, [p.band_low, p.band_high], btype="bandpass", fs=p.sample_rate, output="sos")
        x = signal.sosfiltfilt(sos, x)
    env = np.abs(signal.hilbert(x))
    freqs, amps = amplitude_spectrum(env - env.mean(), p.sample_rate, p.window)
    return EnvelopeOut(
        frequencies=floats(freqs),
        amplitudes=floats(amps),
        peaks=top_peaks(freqs, amps, p.peaks),
        diagnostics={"n": len(x), "filtered": "yes" if p.band_low is not None else "no"},
    )


def _am(n: int) -> list[float]:
    """(1 + 0.5·cos 2π·4t)·cos 2π·32t at 128 Hz: a 32 Hz carrier amplitude-modulated at 4 Hz."""
    return [
        (1 + 0.5 * math.cos(2 * math.pi * 4 * i / 128)) * math.cos(2 * math.pi * 32 * i / 128)
        for i in range(n)
    ]


def _spec(
    name: str,
    en: str,
    zh: str,
    inputs: type[SeriesIn],
    outputs: type[AlgoOut],
    func: object,
    formula: str,
    reference: str,
    example: Example,
) -> ComputationSpec:
    return algorithm_spec(
        "spectral",
        name,
        title=(en, zh),
        domains=("operations", "production", "product_service"),
        industries=("general", "machinery", "energy", "metallurgy", "shipbuilding"),
        inputs=inputs,
        outputs=outputs,
        func=func,
        formula=formula,
        reference=reference,
        examples=(example,),
    )


SINE_2 = [2 * math.sin(2 * math.pi * i / 8) for i in range(64)]
FEATURES = _spec(
    "time_features",
    "Vibration time-domain features",
    "振动时域特征指标",
    SeriesIn,
    FeaturesOut,
    time_features,
    "RMS = √(Σx²/N); crest = peak/RMS; kurtosis = m4/m2²; skewness = m3/m2^1.5; shape = RMS/mean|x|; "
    "impulse = peak/mean|x|; margin = peak/(mean√|x|)²",
    f"ISO 13373-2:2016 §4 (time-domain descriptors); {RANDALL} §2.2 and §5.3",
    Example(
        inputs={"values": SINE_2},
        expected={
            "rms": math.sqrt(2),
            "peak": 2.0,
            "crest_factor": math.sqrt(2),
            "kurtosis": 1.5,
            "skewness": 0.0,
            "mean": 0.0,
        },
        source="Analytic for a sine of amplitude 2 over whole periods: RMS = A/√2, crest factor √2, "
        "kurtosis E[sin⁴]/E[sin²]² = (3/8)/(1/4) = 1.5, skewness 0",
        rel_tol=1e-9,
        abs_tol=1e-12,
    ),
)
VELOCITY = _spec(
    "velocity_rms",
    "Overall vibration velocity RMS and ISO 10816-3 zone",
    "振动速度有效值与 ISO 10816-3 区域评价",
    VelocityIn,
    VelocityOut,
    velocity_rms,
    "V(f) = A(f)/(j2πf) for low ≤ f ≤ high, 0 elsewhere (frequency-domain integration); v_rms = √(mean v²); "
    "zone from the A/B, B/C, C/D boundaries of the machine group and foundation",
    "ISO 10816-3:2009 (GB/T 6075.3-2011) §5.3 and Annex A Tables A.1-A.2 (10-1000 Hz band); "
    "ISO 20816-3:2022; " + BRANDT + " §9.4 (integration in the frequency domain)",
    Example(
        inputs={
            "values": [1.5 * math.sin(2 * math.pi * 80 * i / 1280) for i in range(128)],
            "sample_rate": 1280,
        },
        expected={"velocity_rms": 1.5 / (2 * math.pi * 80 * math.sqrt(2)) * 1000, "zone": "B"},
        source="Analytic: a = 1.5 m/s² at 80 Hz integrates to v = a/(2πf) = 2.984 mm/s peak, 2.110 mm/s RMS; "
        "ISO 10816-3 group 2, rigid: B/C boundary 2.8, A/B 1.4 mm/s → zone B",
        rel_tol=1e-9,
    ),
)
ENVELOPE = _spec(
    "envelope_spectrum",
    "Envelope spectrum (bearing-fault demodulation)",
    "包络谱(轴承故障解调)",
    EnvelopeIn,
    EnvelopeOut,
    envelope_spectrum,
    "optional band-pass (Butterworth, zero phase) → e(t) = |x(t) + jH{x}(t)| → amplitude spectrum of "
    "e − mean(e); match peaks to BPFO/BPFI/BSF/FTF",
    f"{RANDALL} §3.3 and §5.5 (envelope analysis); ISO 13373-3:2015 §7; scipy.signal.hilbert",
    Example(
        inputs={"values": _am(128), "sample_rate": 128},
        expected={"peaks.0.frequency": 4.0, "peaks.0.amplitude": 0.5},
        source="Analytic: x = (1 + m·cos 2πf_m t)·cos 2πf_c t has envelope 1 + m·cos 2πf_m t, whose spectrum "
        "is a single line of amplitude m = 0.5 at f_m = 4 Hz (Randall §3.3)",
        rel_tol=1e-9,
    ),
)
SPECS = (FEATURES, VELOCITY, ENVELOPE)

__all__ = ["SPECS", "envelope_spectrum", "time_features", "velocity_rms"]
