"""Rotor dynamics: permissible residual unbalance, unbalance force, first critical speed."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.rotating._base import G, ModelIn, ModelOut

# --- permissible residual unbalance -----------------------------------------------------------------------


class UnbalanceIn(ModelIn):
    grade: Annotated[float, Unit("mm/s", gt=0), Field(description="balance quality grade G, e.g. 6.3")]
    rotor_mass: Annotated[float, Unit("kg", gt=0)]
    speed: Annotated[float, Unit("rpm", gt=0), Field(description="maximum service speed")]


class UnbalanceOut(ModelOut):
    permissible_unbalance: Annotated[float, Unit("g*mm"), Field(description="U_per, whole rotor")]
    permissible_eccentricity: Annotated[float, Unit("micrometer"), Field(description="e_per = U_per/m")]


def permissible_unbalance(p: UnbalanceIn) -> UnbalanceOut:
    omega = 2 * math.pi * p.speed / 60.0
    eccentricity_mm = p.grade / omega  # e·ω = G
    return UnbalanceOut(
        permissible_unbalance=eccentricity_mm * p.rotor_mass * 1000.0,
        permissible_eccentricity=eccentricity_mm * 1000.0,
    )


PERMISSIBLE_UNBALANCE = ComputationSpec(
    name="rotating.permissible_unbalance",
    title=LocalizedText(
        en="Permissible residual unbalance (balance grade G)", zh="许用剩余不平衡量（平衡品质等级）"
    ),
    kind="model",
    category="rotating",
    domains=("rd_design", "production", "operations"),
    industries=("general", "machinery", "automotive", "aviation", "energy"),
    inputs=UnbalanceIn,
    outputs=UnbalanceOut,
    func=permissible_unbalance,
    formula="e_per = G/ω; U_per = 1000·e_per·m = 1000·G·m/ω ≈ 9549·G·m/n  (G mm/s, m kg, U g·mm)",
    reference="ISO 21940-11:2016 Mechanical vibration — Rotor balancing — Part 11: Procedures and tolerances "
    "for rotors with rigid behaviour (ex ISO 1940-1; GB/T 9239.1-2006), permissible residual unbalance",
    examples=(
        Example(
            inputs={"grade": 6.3, "rotor_mass": 100, "speed": 3000},
            expected={"permissible_unbalance": 2005.3523, "permissible_eccentricity": 20.053523},
            source="research §1.1 R34 [C]: G6.3, 100 kg, 3000 rpm → 9549 × 6.3 × 100/3000 = 2005 g·mm",
            rel_tol=1e-7,
        ),
    ),
)

# --- unbalance force --------------------------------------------------------------------------------------


class UnbalanceForceIn(ModelIn):
    unbalance: Annotated[float, Unit("g*mm", ge=0), Field(description="residual unbalance U = m_u·r")]
    speed: Annotated[float, Unit("rpm", gt=0)]


class UnbalanceForceOut(ModelOut):
    force: Annotated[float, Unit("N"), Field(description="rotating centrifugal force amplitude")]


def unbalance_force(p: UnbalanceForceIn) -> UnbalanceForceOut:
    omega = 2 * math.pi * p.speed / 60.0
    return UnbalanceForceOut(force=p.unbalance * 1e-6 * omega**2)


UNBALANCE_FORCE = ComputationSpec(
    name="rotating.unbalance_force",
    title=LocalizedText(en="Centrifugal force of a rotor unbalance", zh="转子不平衡离心力"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations"),
    industries=("general", "machinery", "automotive", "energy"),
    inputs=UnbalanceForceIn,
    outputs=UnbalanceForceOut,
    func=unbalance_force,
    formula="F = U·ω² = m_u·r·(2π·n/60)²",
    reference="Rao, Mechanical Vibrations, 5th ed. (2011), ch. 3 (response to rotating unbalance); "
    "ISO 21940-2:2017 vocabulary (unbalance U = m·r)",
    examples=(
        Example(
            inputs={"unbalance": 2005.3523, "speed": 3000},
            expected={"force": 197.92034},
            source="by hand: 2.0054e-3 kg·m × (314.16 rad/s)² = 197.9 N (the G6.3 limit of a 100 kg rotor)",
            rel_tol=1e-7,
        ),
    ),
)

# --- first critical speed ---------------------------------------------------------------------------------


class CriticalSpeedIn(ModelIn):
    stiffness: Annotated[float, Unit("N/m", gt=0), Field(description="shaft + bearing lateral stiffness")]
    mass: Annotated[float, Unit("kg", gt=0), Field(description="disc (rotor) mass")]


class CriticalSpeedOut(ModelOut):
    natural_frequency: Annotated[float, Unit("Hz")]
    critical_speed: Annotated[float, Unit("rpm")]
    static_deflection: Annotated[float, Unit("mm"), Field(description="m·g/k")]


def critical_speed(p: CriticalSpeedIn) -> CriticalSpeedOut:
    omega = math.sqrt(p.stiffness / p.mass)
    return CriticalSpeedOut(
        natural_frequency=omega / (2 * math.pi),
        critical_speed=omega * 60.0 / (2 * math.pi),
        static_deflection=p.mass * G / p.stiffness * 1000.0,
    )


CRITICAL_SPEED = ComputationSpec(
    name="rotating.critical_speed",
    title=LocalizedText(en="First critical speed of a Jeffcott rotor", zh="转子一阶临界转速"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations"),
    industries=("general", "machinery", "energy", "aviation"),
    inputs=CriticalSpeedIn,
    outputs=CriticalSpeedOut,
    func=critical_speed,
    formula="ω_c = √(k/m); n_c = 60·ω_c/(2π); δ_st = m·g/k  (so n_c = 946/√δ_st[mm])",
    reference="Rao, Mechanical Vibrations, 5th ed. (2011), ch. 2 (natural frequency from stiffness and "
    "from static deflection); Den Hartog, Mechanical Vibrations, 4th ed. (1956), critical speeds of shafts",
    examples=(
        Example(
            inputs={"stiffness": 1e7, "mass": 100},
            expected={
                "critical_speed": 3019.7527,
                "natural_frequency": 50.329212,
                "static_deflection": 0.0980665,
            },
            source="by hand: √(1e7/100) = 316.23 rad/s = 3019.75 rpm",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (PERMISSIBLE_UNBALANCE, UNBALANCE_FORCE, CRITICAL_SPEED)

__all__ = ["SPECS", "critical_speed", "permissible_unbalance", "unbalance_force"]
