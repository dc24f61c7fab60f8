"""Power: three-phase power, the power triangle and factor, correction capacitors, energy from a profile."""

from __future__ import annotations

import math
from typing import Annotated, Literal

import numpy as np
from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import SQRT3, In, Out, PowerFactor, spec

IEEE1459 = "IEEE Std 1459-2010 Definitions for the measurement of electric power quantities"
DESIGN_MANUAL = "《工业与民用供配电设计手册》第四版 (中国电力出版社, 2016)"

# --- three-phase power -------------------------------------------------------------------------------------


class ThreePhaseIn(In):
    line_voltage: Annotated[float, Unit("V", gt=0)]
    line_current: Annotated[float, Unit("A", ge=0)]
    power_factor: Annotated[float, Unit(ge=0, le=1)]


class ThreePhaseOut(Out):
    active_power: Annotated[float, Unit("W")]
    apparent_power: Annotated[float, Unit("VA")]
    reactive_power: Annotated[float, Unit("VA"), Field(description="var")]
    phase_angle: Annotated[float, Unit("degree")]


def three_phase_power(p: ThreePhaseIn) -> ThreePhaseOut:
    s = SQRT3 * p.line_voltage * p.line_current
    phi = math.acos(p.power_factor)
    return ThreePhaseOut(
        active_power=s * p.power_factor,
        apparent_power=s,
        reactive_power=s * math.sin(phi),
        phase_angle=math.degrees(phi),
    )


THREE_PHASE = spec(
    "three_phase_power",
    en="Balanced three-phase active, reactive and apparent power",
    zh="三相有功、无功与视在功率",
    domains=("operations", "production", "enterprise_management"),
    industries=("general", "machinery", "metallurgy", "chemical", "energy"),
    inputs=ThreePhaseIn,
    outputs=ThreePhaseOut,
    func=three_phase_power,
    formula="S = √3·U_L·I_L; P = S·cosφ; Q = S·sinφ",
    reference=f"{IEEE1459} §3.2 (balanced three-phase sinusoidal systems)",
    examples=(
        Example(
            inputs={"line_voltage": 400, "line_current": 20, "power_factor": 0.85},
            expected={"active_power": 11777.9, "apparent_power": 13856.41, "reactive_power": 7299.32},
            source="research note E1 [C]: 400 V, 20 A, pf 0.85 → 11 777.9 W; S = √3·400·20; Q = √(S² − P²)",
            rel_tol=1e-5,
        ),
    ),
)

# --- average power factor from metered energy --------------------------------------------------------------


class AveragePfIn(In):
    active_energy: Annotated[float, Unit("kWh", gt=0)]
    reactive_energy: Annotated[float, Unit("kVA*h", ge=0), Field(description="kvarh")]


class AveragePfOut(Out):
    power_factor: Annotated[float, Unit()]
    apparent_energy: Annotated[float, Unit("kVA*h")]


def average_power_factor(p: AveragePfIn) -> AveragePfOut:
    s = math.hypot(p.active_energy, p.reactive_energy)
    return AveragePfOut(power_factor=p.active_energy / s, apparent_energy=s)


AVERAGE_PF = spec(
    "average_power_factor",
    en="Average power factor from active and reactive energy (billing)",
    zh="月平均功率因数(由有功、无功电量计算)",
    domains=("enterprise_management", "operations"),
    industries=("general", "machinery", "metallurgy", "chemical", "textile"),
    inputs=AveragePfIn,
    outputs=AveragePfOut,
    func=average_power_factor,
    formula="cosφ_av = W_P/√(W_P² + W_Q²)",
    reference="《功率因数调整电费办法》(水利电力部、国家物价局 (83)水电财字第215号); " + IEEE1459,
    examples=(
        Example(
            inputs={"active_energy": 1000, "reactive_energy": 750},
            expected={"power_factor": 0.8, "apparent_energy": 1250.0},
            source="by hand: 1000/√(1000² + 750²) = 0.8 (a 3-4-5 triangle)",
            rel_tol=1e-9,
        ),
    ),
)

# --- power-factor correction -------------------------------------------------------------------------------


class PfCorrectionIn(In):
    active_power: Annotated[float, Unit("kW", gt=0)]
    present_power_factor: PowerFactor
    target_power_factor: PowerFactor
    line_voltage: Annotated[float, Unit("V", gt=0)] | None = None
    frequency: Annotated[float, Unit("Hz", gt=0)] = 50.0
    connection: Literal["delta", "star"] = "delta"


class PfCorrectionOut(Out):
    capacitor_rating: Annotated[float, Unit("kVA"), Field(description="kvar")]
    capacitance_per_phase: Annotated[float, Unit("uF")] | None


def pf_correction(p: PfCorrectionIn) -> PfCorrectionOut:
    if p.target_power_factor < p.present_power_factor:
        raise InvalidInput("target_power_factor", "must not be below the present power factor")
    qc = p.active_power * (
        math.tan(math.acos(p.present_power_factor)) - math.tan(math.acos(p.target_power_factor))
    )
    capacitance = None
    if p.line_voltage is not None:
        per_phase = 3 if p.connection == "delta" else 1  # star: each capacitor sees U_L/√3
        capacitance = qc * 1e3 / (per_phase * 2 * math.pi * p.frequency * p.line_voltage**2) * 1e6
    return PfCorrectionOut(capacitor_rating=qc, capacitance_per_phase=capacitance)


PF_CORRECTION = spec(
    "pf_correction",
    en="Power-factor correction capacitor rating",
    zh="无功补偿电容器容量计算",
    domains=("rd_design", "operations", "enterprise_management"),
    industries=("general", "machinery", "metallurgy", "chemical", "textile"),
    inputs=PfCorrectionIn,
    outputs=PfCorrectionOut,
    func=pf_correction,
    formula="Q_c = P·(tanφ1 − tanφ2); delta C = Q_c/(3·ω·U_L²), star C = Q_c/(ω·U_L²)",
    reference=f"GB 50052-2009 供配电系统设计规范 §6 (无功补偿); {DESIGN_MANUAL} 第7章 无功补偿; "
    "IEEE Std 1036-2020 Guide for the application of shunt power capacitors",
    examples=(
        Example(
            inputs={
                "active_power": 100,
                "present_power_factor": 0.70,
                "target_power_factor": 0.95,
                "line_voltage": 400,
            },
            expected={"capacitor_rating": 69.152, "capacitance_per_phase": 458.578},
            source="research note E4 [C]: 100 kW, 0.70 → 0.95 gives 69.15 kvar; delta at 400 V 50 Hz by hand",
            rel_tol=1e-4,
        ),
    ),
)

# --- true power factor with harmonics ----------------------------------------------------------------------


class TruePfIn(In):
    displacement_power_factor: PowerFactor
    current_thd: Annotated[float, Unit("percent", ge=0)]
    voltage_thd: Annotated[float, Unit("percent", ge=0)] = 0.0


class TruePfOut(Out):
    true_power_factor: Annotated[float, Unit()]
    distortion_factor: Annotated[float, Unit()]


def true_power_factor(p: TruePfIn) -> TruePfOut:
    distortion = 1 / math.sqrt((1 + (p.current_thd / 100) ** 2) * (1 + (p.voltage_thd / 100) ** 2))
    return TruePfOut(true_power_factor=p.displacement_power_factor * distortion, distortion_factor=distortion)


TRUE_PF = spec(
    "true_power_factor",
    en="True power factor with harmonic distortion",
    zh="含谐波的总功率因数",
    domains=("operations", "enterprise_management"),
    industries=("general", "electronics", "machinery", "metallurgy"),
    inputs=TruePfIn,
    outputs=TruePfOut,
    func=true_power_factor,
    formula="PF = cosφ1/√((1 + THD_I²)(1 + THD_V²))",
    reference=f"{IEEE1459} §3.2.2; Grady & Gilleskie, 'Harmonics and how they relate to power factor', "
    "EPRI PQA'93",
    examples=(
        Example(
            inputs={"displacement_power_factor": 0.95, "current_thd": 30},
            expected={"true_power_factor": 0.909935},
            source="by hand: 0.95/√1.09 = 0.90993",
            rel_tol=1e-6,
        ),
    ),
)

# --- energy from a power profile ---------------------------------------------------------------------------


class ProfileIn(In):
    power: list[Annotated[float, Unit("kW")]] = Field(min_length=1)
    interval: Annotated[float, Unit("min", gt=0)]
    method: Literal["interval_average", "trapezoid"] = "interval_average"


class ProfileOut(Out):
    energy: Annotated[float, Unit("kWh")]
    average_power: Annotated[float, Unit("kW")]
    peak_power: Annotated[float, Unit("kW")]
    load_factor: Annotated[float, Unit()] | None


def energy_from_power(p: ProfileIn) -> ProfileOut:
    values = np.asarray(p.power, dtype=float)
    step = p.interval / 60
    if p.method == "interval_average":
        energy, hours = float(values.sum() * step), step * values.size
    else:
        if values.size < 2:
            raise InvalidInput("power", "the trapezoid rule needs at least two samples")
        energy, hours = float(np.trapezoid(values, dx=step)), step * (values.size - 1)
    average, peak = energy / hours, float(values.max())
    return ProfileOut(
        energy=energy,
        average_power=average,
        peak_power=peak,
        load_factor=average / peak if peak > 0 else None,
    )


ENERGY = spec(
    "energy_from_power",
    en="Energy, average and peak demand from a power profile",
    zh="由功率曲线计算电量、平均负荷与最大需量",
    domains=("operations", "enterprise_management", "production"),
    industries=("general", "machinery", "metallurgy", "chemical", "textile", "electronics"),
    inputs=ProfileIn,
    outputs=ProfileOut,
    func=energy_from_power,
    formula="interval averages: E = Σ P_i·Δt; instantaneous samples: E = ∫P dt (trapezoid); "
    "P_av = E/T; load factor = P_av/P_max",
    reference="IEEE Std 141-1993 (Red Book) §2.3 (demand, demand interval, load factor); "
    "IEC 62053-21 / GB/T 17215.321 (active energy metering)",
    examples=(
        Example(
            inputs={"power": [100, 120, 80, 100], "interval": 15},
            expected={"energy": 100.0, "average_power": 100.0, "peak_power": 120.0, "load_factor": 0.833333},
            source="by hand: (100 + 120 + 80 + 100)·0.25 h = 100 kWh over 1 h; 100/120",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"power": [100, 120, 80, 100], "interval": 15, "method": "trapezoid"},
            expected={"energy": 75.0, "average_power": 100.0},
            source="by hand: 0.25·(110 + 100 + 90) = 75 kWh over 0.75 h",
            rel_tol=1e-9,
        ),
    ),
)

SPECS = (THREE_PHASE, AVERAGE_PF, PF_CORRECTION, TRUE_PF, ENERGY)
