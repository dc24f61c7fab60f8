"""Transformers: losses and efficiency, comprehensive (active + reactive) losses, short-circuit current."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import SQRT3, In, Out, PowerFactor, spec

GB13462 = "GB/T 13462-2008 电力变压器经济运行"

# --- losses and efficiency ---------------------------------------------------------------------------------


class LossesIn(In):
    rated_power: Annotated[float, Unit("kVA", gt=0)]
    no_load_loss: Annotated[float, Unit("kW", ge=0), Field(description="P0, iron loss")]
    load_loss: Annotated[float, Unit("kW", gt=0), Field(description="Pk at rated current, copper loss")]
    load_ratio: Annotated[float, Unit(ge=0, le=2), Field(description="β = S/S_N")]
    power_factor: PowerFactor = 1.0


class LossesOut(Out):
    losses: Annotated[float, Unit("kW")]
    output_power: Annotated[float, Unit("kW")]
    efficiency: Annotated[float, Unit()]
    optimum_load_ratio: Annotated[float, Unit(), Field(description="β at maximum efficiency, √(P0/Pk)")]
    maximum_efficiency: Annotated[float, Unit()]


def _efficiency(output: float, losses: float) -> float:
    return output / (output + losses) if output > 0 else 0.0


def transformer_losses(p: LossesIn) -> LossesOut:
    losses = p.no_load_loss + p.load_ratio**2 * p.load_loss
    output = p.load_ratio * p.rated_power * p.power_factor
    best = math.sqrt(p.no_load_loss / p.load_loss)
    best_output = best * p.rated_power * p.power_factor
    return LossesOut(
        losses=losses,
        output_power=output,
        efficiency=_efficiency(output, losses),
        optimum_load_ratio=best,
        maximum_efficiency=_efficiency(best_output, 2 * p.no_load_loss),
    )


LOSSES = spec(
    "transformer_losses",
    en="Transformer losses, efficiency and most economic load",
    zh="变压器损耗、效率与经济负载系数",
    domains=("operations", "enterprise_management", "rd_design"),
    industries=("general", "energy", "metallurgy", "chemical", "machinery"),
    inputs=LossesIn,
    outputs=LossesOut,
    func=transformer_losses,
    formula="ΔP = P0 + β²·Pk; η = β·S_N·cosφ/(β·S_N·cosφ + P0 + β²·Pk); β_opt = √(P0/Pk) (η is largest "
    "where iron and copper losses are equal)",
    reference=f"{GB13462} §4 (有功损耗, 经济负载系数); IEC 60076-1:2011 (no-load and load loss)",
    examples=(
        Example(
            inputs={
                "rated_power": 1000,
                "no_load_loss": 1,
                "load_loss": 5,
                "load_ratio": 0.6,
                "power_factor": 0.9,
            },
            expected={"losses": 2.8, "efficiency": 0.9948416, "optimum_load_ratio": 0.4472136},
            source="research note E8–E10 [C]: P0 1, Pk 5, β 0.6 → 2.8 kW; 540/(540 + 2.8) = 0.99484; √0.2",
            rel_tol=1e-6,
        ),
    ),
)

# --- comprehensive losses ----------------------------------------------------------------------------------


class ComprehensiveIn(In):
    rated_power: Annotated[float, Unit("kVA", gt=0)]
    no_load_loss: Annotated[float, Unit("kW", ge=0)]
    load_loss: Annotated[float, Unit("kW", gt=0)]
    no_load_current: Annotated[float, Unit("percent", gt=0, lt=100), Field(description="I0 %")]
    impedance_voltage: Annotated[float, Unit("percent", gt=0, lt=100), Field(description="u_k %")]
    load_ratio: Annotated[float, Unit(ge=0, le=2)]
    reactive_equivalent: Annotated[
        float, Unit(ge=0, le=1), Field(description="K_Q 无功经济当量, kW per kvar")
    ]


class ComprehensiveOut(Out):
    no_load_reactive: Annotated[float, Unit("kVA"), Field(description="Q0, kvar")]
    load_reactive: Annotated[float, Unit("kVA"), Field(description="Qk, kvar")]
    no_load_comprehensive: Annotated[float, Unit("kW")]
    load_comprehensive: Annotated[float, Unit("kW")]
    comprehensive_loss: Annotated[float, Unit("kW")]
    economic_load_ratio: Annotated[float, Unit()]


def transformer_comprehensive_loss(p: ComprehensiveIn) -> ComprehensiveOut:
    q0 = p.no_load_current / 100 * p.rated_power
    qk = p.impedance_voltage / 100 * p.rated_power
    p0z = p.no_load_loss + p.reactive_equivalent * q0
    pkz = p.load_loss + p.reactive_equivalent * qk
    return ComprehensiveOut(
        no_load_reactive=q0,
        load_reactive=qk,
        no_load_comprehensive=p0z,
        load_comprehensive=pkz,
        comprehensive_loss=p0z + p.load_ratio**2 * pkz,
        economic_load_ratio=math.sqrt(p0z / pkz),
    )


COMPREHENSIVE = spec(
    "transformer_comprehensive_loss",
    en="Transformer comprehensive power loss (active plus reactive equivalent)",
    zh="变压器综合功率损耗与综合经济负载系数",
    domains=("operations", "enterprise_management"),
    industries=("general", "energy", "metallurgy", "chemical", "machinery"),
    inputs=ComprehensiveIn,
    outputs=ComprehensiveOut,
    func=transformer_comprehensive_loss,
    formula="Q0 = I0%·S_N; Qk = u_k%·S_N; P0Z = P0 + K_Q·Q0; PkZ = Pk + K_Q·Qk; ΔP_Z = P0Z + β²·PkZ; "
    "β_JZ = √(P0Z/PkZ)",
    reference=f"{GB13462} §4 (综合功率损耗, 综合经济负载系数)",
    examples=(
        Example(
            inputs={
                "rated_power": 1000,
                "no_load_loss": 1.7,
                "load_loss": 10.3,
                "no_load_current": 0.7,
                "impedance_voltage": 4.5,
                "load_ratio": 0.6,
                "reactive_equivalent": 0.1,
            },
            expected={"no_load_reactive": 7.0, "load_reactive": 45.0, "comprehensive_loss": 7.728},
            source="by hand: P0Z = 1.7 + 0.1·7 = 2.4 kW; PkZ = 10.3 + 0.1·45 = 14.8 kW; 2.4 + 0.36·14.8",
            rel_tol=1e-9,
        ),
    ),
)

# --- short-circuit current ---------------------------------------------------------------------------------


class ShortCircuitIn(In):
    rated_power: Annotated[float, Unit("kVA", gt=0)]
    secondary_voltage: Annotated[float, Unit("V", gt=0), Field(description="nominal system voltage U_n")]
    impedance_voltage: Annotated[float, Unit("percent", gt=0, lt=100)]
    load_loss: Annotated[
        float, Unit("kW", ge=0), Field(description="Pk; 0 treats the winding as reactive")
    ] = 0.0
    voltage_factor: Annotated[float, Unit(ge=0.9, le=1.2), Field(description="c_max (IEC 60909 Table 1)")] = (
        1.05
    )


class ShortCircuitOut(Out):
    rated_current: Annotated[float, Unit("A")]
    impedance: Annotated[float, Unit("ohm")]
    correction_factor: Annotated[float, Unit(), Field(description="K_T for network transformers")]
    initial_current: Annotated[float, Unit("kA"), Field(description="I_k'' three-phase")]
    peak_factor: Annotated[float, Unit()]
    peak_current: Annotated[float, Unit("kA")]


def transformer_short_circuit(p: ShortCircuitIn) -> ShortCircuitOut:
    s, u, c = p.rated_power * 1e3, p.secondary_voltage, p.voltage_factor
    z = p.impedance_voltage / 100 * u * u / s
    r = p.load_loss * 1e3 * u * u / s**2
    if r >= z:
        raise InvalidInput("load_loss", "the resistance from Pk exceeds the impedance from u_k")
    x = math.sqrt(z * z - r * r)
    k_t = 0.95 * c / (1 + 0.6 * x / (u * u / s))
    ik = c * u / (SQRT3 * k_t * z)
    kappa = 1.02 + 0.98 * math.exp(-3 * r / x)
    return ShortCircuitOut(
        rated_current=s / (SQRT3 * u),
        impedance=z,
        correction_factor=k_t,
        initial_current=ik / 1e3,
        peak_factor=kappa,
        peak_current=kappa * math.sqrt(2) * ik / 1e3,
    )


SHORT_CIRCUIT = spec(
    "transformer_short_circuit",
    en="Short-circuit current at the secondary of a transformer (infinite source)",
    zh="变压器低压侧三相短路电流",
    domains=("rd_design", "operations"),
    industries=("general", "energy", "metallurgy", "chemical", "machinery"),
    inputs=ShortCircuitIn,
    outputs=ShortCircuitOut,
    func=transformer_short_circuit,
    formula="Z_T = u_k·U²/S; R_T = Pk·U²/S²; K_T = 0.95·c_max/(1 + 0.6·x_T); I_k'' = c·U_n/(√3·K_T·Z_T); "
    "κ = 1.02 + 0.98·e^(−3R/X); i_p = κ·√2·I_k'' (upstream network impedance neglected)",
    reference="IEC 60909-0:2016 Short-circuit currents in three-phase a.c. systems: transformer impedance, "
    "correction factor K_T for network transformers, I_k'', peak factor κ",
    examples=(
        Example(
            inputs={"rated_power": 1000, "secondary_voltage": 400, "impedance_voltage": 6, "load_loss": 10.5},
            expected={
                "rated_current": 1443.376,
                "impedance": 0.0096,
                "correction_factor": 0.9633544,
                "initial_current": 26.21992,
                "peak_factor": 1.594974,
                "peak_current": 59.14252,
            },
            source="by hand: Z = 0.06·0.4²/1 MVA = 9.6 mΩ, R = 1.68 mΩ, X = 9.452 mΩ, x_T = 0.05907, "
            "K_T = 0.9975/1.03544, I_k'' = 1.05·400/(√3·K_T·Z)",
            rel_tol=1e-6,
        ),
    ),
)

SPECS = (LOSSES, COMPREHENSIVE, SHORT_CIRCUIT)
