"""Spectral and vibration checks on seeded synthetic signals with a known answer."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from longcheng.algorithms.spectral import SPECS
from longcheng.algorithms.spectral._base import SignalIn
from longcheng.algorithms.spectral._harmonics import ThdIn, total_harmonic_distortion
from longcheng.algorithms.spectral._kurtosis import KurtosisIn, spectral_kurtosis
from longcheng.algorithms.spectral._signals import (
    DelayIn,
    OrderIn,
    order_spectrum,
    time_delay,
    zero_crossing_frequency,
)
from longcheng.algorithms.spectral._spectra import BandIn, FftIn, WelchIn, band_power, fft_spectrum, welch_psd
from longcheng.algorithms.spectral._vibration import EnvelopeIn, VelocityIn, envelope_spectrum, velocity_rms

FS = 2048.0


def _t(n: int, fs: float = FS) -> np.ndarray:
    return np.arange(n) / fs


def test_the_family_has_its_specs() -> None:
    assert len(SPECS) == 12
    assert all(s.name.startswith("spectral.") and s.category == "spectral" for s in SPECS)


def test_fft_finds_a_sine_in_noise() -> None:
    rng = np.random.default_rng(1)
    x = 3 * np.sin(2 * np.pi * 123.0 * _t(4096) + 0.7) + rng.normal(0, 0.2, 4096)
    out = fft_spectrum(FftIn(values=x.tolist(), sample_rate=FS, window="flattop"))
    assert out.peaks[0].frequency == pytest.approx(123.0, abs=FS / 4096)
    assert out.peaks[0].amplitude == pytest.approx(3.0, rel=0.01)  # flat-top: amplitude-accurate off-bin


def test_welch_total_power_of_white_noise_is_its_variance() -> None:
    x = np.random.default_rng(2).normal(0, 2, 20000)
    out = welch_psd(WelchIn(values=x.tolist(), sample_rate=FS, segment_length=512))
    assert out.total_power == pytest.approx(4.0, rel=0.03)
    assert np.mean(out.psd[1:-1]) == pytest.approx(4.0 / (FS / 2), rel=0.05)


def test_band_power_splits_two_tones() -> None:
    x = np.sin(2 * np.pi * 100 * _t(8192)) + 2 * np.sin(2 * np.pi * 400 * _t(8192))
    low = band_power(BandIn(values=x.tolist(), sample_rate=FS, low=50, high=150))
    high = band_power(BandIn(values=x.tolist(), sample_rate=FS, low=350, high=450))
    assert low.band_power == pytest.approx(0.5, rel=1e-3)
    assert high.band_power == pytest.approx(2.0, rel=1e-3)
    assert low.fraction + high.fraction == pytest.approx(1.0, rel=1e-3)
    with pytest.raises(ValidationError):
        BandIn(values=x[:64].tolist(), sample_rate=FS, low=200, high=100)


def test_thd_of_a_pure_sine_is_zero_and_of_a_square_wave_is_known() -> None:
    t = _t(2048, 2048 * 5 / 10)  # 10 cycles of 50 Hz
    sine = total_harmonic_distortion(
        ThdIn(values=np.sin(2 * np.pi * 50 * t).tolist(), sample_rate=1024, fundamental=50)
    )
    assert sine.thd == pytest.approx(0.0, abs=1e-9)
    # a square wave holds odd harmonics 1/h: THD up to order H = √(Σ_{odd h ≥ 3} 1/h²)
    square = sum(np.sin(2 * np.pi * 50 * h * t) / h for h in range(1, 10, 2))
    out = total_harmonic_distortion(ThdIn(values=square.tolist(), sample_rate=1024, fundamental=50))
    assert out.thd == pytest.approx(math.sqrt(sum(1 / h**2 for h in range(3, 10, 2))), rel=1e-9)


def test_envelope_spectrum_reveals_a_bearing_fault_rate() -> None:
    """Impacts at 87 Hz ring a 3 kHz resonance: the envelope spectrum shows the 87 Hz impact rate."""
    fs, n, bpfo = 12000.0, 12000, 87.0
    t = np.arange(n) / fs
    x = np.zeros(n)
    ring = np.exp(-t[:240] * 800) * np.sin(2 * np.pi * 3000 * t[:240])
    for start in (np.arange(0, 1, 1 / bpfo) * fs).astype(int):
        end = min(n, start + len(ring))
        x[start:end] += ring[: end - start]
    x += np.random.default_rng(3).normal(0, 0.05, n)
    out = envelope_spectrum(EnvelopeIn(values=x.tolist(), sample_rate=fs, band_low=2000, band_high=4000))
    assert out.peaks[0].frequency == pytest.approx(bpfo, abs=1.0)
    with pytest.raises(ValidationError):
        EnvelopeIn(values=x[:16].tolist(), sample_rate=fs, band_low=2000)


def test_spectral_kurtosis_is_zero_for_noise_and_high_where_impulsive() -> None:
    rng = np.random.default_rng(4)
    noise = rng.normal(0, 1, 40000)
    flat = spectral_kurtosis(KurtosisIn(values=noise.tolist(), sample_rate=FS, segment_length=64))
    assert np.abs(np.array(flat.kurtosis[2:-2])).max() < 0.3
    bursts = noise.copy()
    t = np.arange(64) / FS
    for start in range(0, 40000 - 64, 2000):
        bursts[start : start + 64] += 30 * np.exp(-t * 300) * np.sin(2 * np.pi * 512 * t)
    peaky = spectral_kurtosis(KurtosisIn(values=bursts.tolist(), sample_rate=FS, segment_length=64))
    assert peaky.max_kurtosis > 5
    assert peaky.frequency_of_max == pytest.approx(512, abs=128)


@pytest.mark.parametrize(
    ("velocity_mm_s", "group", "foundation", "zone"),
    [
        (1.3, "group2", "rigid", "A"),
        (4.6, "group2", "rigid", "D"),
        (3.0, "group1", "rigid", "B"),
        (8.0, "group1", "flexible", "C"),
        (12.0, "group1", "flexible", "D"),
    ],
)
def test_velocity_zones(velocity_mm_s: float, group: str, foundation: str, zone: str) -> None:
    f = 50.0
    accel_peak = velocity_mm_s / 1000 * math.sqrt(2) * 2 * math.pi * f  # a = v·2πf, RMS → peak
    x = accel_peak * np.sin(2 * np.pi * f * _t(2048, 1024))
    out = velocity_rms(
        VelocityIn(values=x.tolist(), sample_rate=1024, machine_group=group, foundation=foundation)
    )
    assert out.velocity_rms == pytest.approx(velocity_mm_s, rel=1e-9)
    assert out.zone == zone


def test_velocity_ignores_content_outside_the_band() -> None:
    x = 5 * np.sin(2 * np.pi * 4 * _t(2048, 1024))  # 4 Hz is below the 10 Hz band edge
    assert velocity_rms(VelocityIn(values=x.tolist(), sample_rate=1024)).velocity_rms == pytest.approx(
        0, abs=1e-9
    )


def test_order_spectrum_follows_a_speed_ramp() -> None:
    """Speed rises 1200 → 2400 rpm: a 3rd-order component smears in the FFT but is sharp in orders."""
    fs, n = 4096.0, 16384
    t = np.arange(n) / fs
    rpm = 1200 + 1200 * t / t[-1]
    revs = np.cumsum(rpm / 60) / fs
    x = np.sin(2 * np.pi * 3 * revs)
    out = order_spectrum(OrderIn(values=x.tolist(), sample_rate=fs, speeds=rpm.tolist(), samples_per_rev=64))
    assert out.peaks[0].order == pytest.approx(3.0, abs=0.05)
    assert out.peaks[0].amplitude == pytest.approx(1.0, rel=0.05)


def test_time_delay_of_noise() -> None:
    x = np.random.default_rng(5).normal(0, 1, 1000)
    y = np.concatenate((np.zeros(17), x[:-17]))
    out = time_delay(DelayIn(values=x.tolist(), other=y.tolist(), sample_rate=1000))
    assert out.lag == 17
    assert out.delay == pytest.approx(0.017)
    assert out.coefficient > 0.95
    back = time_delay(DelayIn(values=y.tolist(), other=x.tolist(), sample_rate=1000))
    assert back.lag == -17


def test_zero_crossings_of_a_noisy_narrowband_signal() -> None:
    x = np.sin(2 * np.pi * 37.0 * _t(8192) + 0.2) + np.random.default_rng(6).normal(0, 0.01, 8192)
    out = zero_crossing_frequency(SignalIn(values=x.tolist(), sample_rate=FS))
    assert out.frequency == pytest.approx(37.0, rel=2e-3)
