"""Power quality: harmonic distortion (THD, TDD), transformer K-factor, three-phase voltage unbalance."""

from __future__ import annotations

import math
from typing import Annotated

import numpy as np
from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import In, Out, spec

IEEE519 = "IEEE Std 519-2014 Recommended Practice and Requirements for Harmonic Control, §3.1 definitions"

Harmonics = Annotated[
    list[Annotated[float, Unit(ge=0)]],
    Field(min_length=2, description="rms magnitudes of orders 1, 2, 3, … (index 0 is the fundamental)"),
]


def _spectrum(values: list[float]) -> np.ndarray:
    h = np.asarray(values, dtype=float)
    if h[0] <= 0:
        raise InvalidInput("harmonics", "the fundamental (first value) must be positive")
    return h


# --- THD and TDD -------------------------------------------------------------------------------------------


class DistortionIn(In):
    harmonics: Harmonics
    demand_current: (
        Annotated[float, Unit(gt=0), Field(description="I_L, maximum demand current, same unit as harmonics")]
        | None
    ) = None


class DistortionOut(Out):
    thd: Annotated[float, Unit("percent")]
    rms: Annotated[float, Unit(), Field(description="total rms, same unit as the harmonics")]
    tdd: Annotated[float, Unit("percent")] | None


def harmonic_distortion(p: DistortionIn) -> DistortionOut:
    h = _spectrum(p.harmonics)
    distortion = float(np.sqrt(np.sum(h[1:] ** 2)))
    tdd = 100 * distortion / p.demand_current if p.demand_current is not None else None
    return DistortionOut(thd=100 * distortion / h[0], rms=float(np.sqrt(np.sum(h**2))), tdd=tdd)


DISTORTION = spec(
    "harmonic_distortion",
    en="Total harmonic distortion (THD) and total demand distortion (TDD)",
    zh="总谐波畸变率与总需量畸变率",
    domains=("operations", "production"),
    industries=("general", "electronics", "metallurgy", "machinery", "energy"),
    inputs=DistortionIn,
    outputs=DistortionOut,
    func=harmonic_distortion,
    formula="THD = √(Σ_{h≥2} X_h²)/X_1; TDD = √(Σ_{h≥2} I_h²)/I_L; X_rms = √(Σ X_h²)",
    reference=f"{IEEE519} (THD, TDD); GB/T 14549-1993 电能质量 公用电网谐波 (谐波总畸变率)",
    examples=(
        Example(
            inputs={"harmonics": [100, 0, 10, 0, 5], "demand_current": 150},
            expected={"thd": 11.18034, "rms": 100.62306, "tdd": 7.453560},
            source="research note E5 [C]: I1 100, I3 10, I5 5 → THD 11.18 %; TDD by hand √125/150",
            rel_tol=1e-6,
        ),
    ),
)

# --- K-factor ----------------------------------------------------------------------------------------------


class KFactorIn(In):
    harmonics: Harmonics


class KFactorOut(Out):
    k_factor: Annotated[float, Unit()]


def k_factor(p: KFactorIn) -> KFactorOut:
    h = _spectrum(p.harmonics)
    orders = np.arange(1, h.size + 1)
    share = (h / h[0]) ** 2
    return KFactorOut(k_factor=float(np.sum(share * orders**2) / np.sum(share)))


K_FACTOR = spec(
    "k_factor",
    en="Transformer K-factor from the current spectrum",
    zh="变压器K系数(谐波负载)",
    domains=("rd_design", "operations"),
    industries=("general", "electronics", "machinery", "energy"),
    inputs=KFactorIn,
    outputs=KFactorOut,
    func=k_factor,
    formula="K = Σ (I_h/I_1)²·h² / Σ (I_h/I_1)²",
    reference="UL 1561 (K-factor rating); IEEE Std C57.110-2018 Recommended Practice for Establishing "
    "Liquid-Immersed and Dry-Type Power and Distribution Transformer Capability When Supplying "
    "Nonsinusoidal Load Currents",
    examples=(
        Example(
            inputs={"harmonics": [100, 0, 10, 0, 5]},
            expected={"k_factor": 1.1382716},
            source="by hand: (1 + 0.01·9 + 0.0025·25)/(1 + 0.01 + 0.0025) = 1.1525/1.0125",
            rel_tol=1e-7,
        ),
    ),
)

# --- voltage unbalance -------------------------------------------------------------------------------------


class UnbalanceIn(In):
    voltage_ab: Annotated[float, Unit("V", gt=0)]
    voltage_bc: Annotated[float, Unit("V", gt=0)]
    voltage_ca: Annotated[float, Unit("V", gt=0)]


class UnbalanceOut(Out):
    nema_unbalance: Annotated[float, Unit("percent"), Field(description="max deviation from mean / mean")]
    iec_unbalance: Annotated[float, Unit("percent"), Field(description="negative/positive sequence, u2")]
    average_voltage: Annotated[float, Unit("V")]


def voltage_unbalance(p: UnbalanceIn) -> UnbalanceOut:
    v = (p.voltage_ab, p.voltage_bc, p.voltage_ca)
    if 2 * max(v) >= sum(v):
        raise InvalidInput("voltage_ab", "three line voltages must form a triangle")
    mean = sum(v) / 3
    nema = 100 * max(abs(x - mean) for x in v) / mean
    beta = sum(x**4 for x in v) / sum(x**2 for x in v) ** 2
    root = math.sqrt(max(3 - 6 * beta, 0.0))
    return UnbalanceOut(
        nema_unbalance=nema, iec_unbalance=100 * math.sqrt((1 - root) / (1 + root)), average_voltage=mean
    )


UNBALANCE = spec(
    "voltage_unbalance",
    en="Three-phase voltage unbalance (NEMA and IEC definitions)",
    zh="三相电压不平衡度(NEMA与IEC定义)",
    domains=("operations", "production"),
    industries=("general", "machinery", "metallurgy", "textile", "energy"),
    inputs=UnbalanceIn,
    outputs=UnbalanceOut,
    func=voltage_unbalance,
    formula="NEMA: 100·max|U_i − Ū|/Ū; IEC: u2 = √((1 − √(3 − 6β))/(1 + √(3 − 6β))), "
    "β = ΣU⁴/(ΣU²)² (line-to-line fundamental magnitudes)",
    reference="NEMA MG 1-2016 Part 14 (induction motors on unbalanced voltages: percent unbalance); "
    "IEC 61000-4-30:2015 §5.7 and "
    "GB/T 15543-2008 电能质量 三相电压不平衡 (u2 = U2/U1)",
    examples=(
        Example(
            inputs={"voltage_ab": 460, "voltage_bc": 467, "voltage_ca": 450},
            expected={"nema_unbalance": 1.96, "average_voltage": 459.0},
            source="NEMA MG 1 Part 14 example: 460, 467, 450 V → average 459, max deviation 9, 1.96 %",
            rel_tol=1e-3,
        ),
        Example(
            inputs={"voltage_ab": 460, "voltage_bc": 467, "voltage_ca": 450},
            expected={"iec_unbalance": 2.1464615},
            source="by hand from symmetrical components of the voltage triangle (U2/U1 = 2.14646 %), "
            "equal to the β formula",
            rel_tol=1e-6,
        ),
    ),
)

SPECS = (DISTORTION, K_FACTOR, UNBALANCE)
