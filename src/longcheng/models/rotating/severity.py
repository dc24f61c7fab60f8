"""Vibration severity: ISO 10816-1 and ISO 10816-3 evaluation zones, single-tone unit conversion."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.rotating._base import ModelIn, ModelOut

# Zone boundaries A/B, B/C, C/D in mm/s r.m.s.
ISO_10816_1 = {
    "I": (0.71, 1.8, 4.5),
    "II": (1.12, 2.8, 7.1),
    "III": (1.8, 4.5, 11.2),
    "IV": (2.8, 7.1, 18.0),
}
ISO_10816_3 = {
    (1, "rigid"): (2.3, 4.5, 7.1),
    (1, "flexible"): (3.5, 7.1, 11.0),
    (2, "rigid"): (1.4, 2.8, 4.5),
    (2, "flexible"): (2.3, 4.5, 7.1),
}
Velocity = Annotated[float, Unit("mm/s", ge=0), Field(description="broadband r.m.s. vibration velocity")]


def zone(velocity: float, boundaries: tuple[float, float, float]) -> str:
    """Zone A–D; a value on a boundary belongs to the better zone."""
    for letter, limit in zip("ABC", boundaries, strict=True):
        if velocity <= limit:
            return letter
    return "D"


class ZoneOut(ModelOut):
    zone: str = Field(description="A new machine, B unrestricted, C restricted operation, D damage")
    boundary_ab: Annotated[float, Unit("mm/s")]
    boundary_bc: Annotated[float, Unit("mm/s")]
    boundary_cd: Annotated[float, Unit("mm/s")]


def _zone_out(velocity: float, limits: tuple[float, float, float]) -> ZoneOut:
    ab, bc, cd = limits
    return ZoneOut(zone=zone(velocity, limits), boundary_ab=ab, boundary_bc=bc, boundary_cd=cd)


# --- ISO 10816-1 machine classes --------------------------------------------------------------------------


class Iso10816ClassIn(ModelIn):
    velocity: Velocity
    machine_class: Literal["I", "II", "III", "IV"] = Field(
        description="I small (<15 kW); II medium (15–75 kW, or ≤300 kW on special foundations); "
        "III large, rigid foundations; IV large, soft foundations"
    )


def vibration_severity_iso10816_1(p: Iso10816ClassIn) -> ZoneOut:
    return _zone_out(p.velocity, ISO_10816_1[p.machine_class])


ISO_CLASS = ComputationSpec(
    name="rotating.vibration_severity_iso10816_1",
    title=LocalizedText(
        en="Vibration severity zone, ISO 10816-1 classes I–IV", zh="振动烈度区域评价（ISO 10816-1）"
    ),
    kind="model",
    category="rotating",
    domains=("operations", "production", "product_service"),
    industries=("general", "machinery", "energy"),
    inputs=Iso10816ClassIn,
    outputs=ZoneOut,
    func=vibration_severity_iso10816_1,
    formula="zone A ≤ v_AB < B ≤ v_BC < C ≤ v_CD < D; boundaries (mm/s r.m.s.) I 0.71/1.8/4.5, "
    "II 1.12/2.8/7.1, III 1.8/4.5/11.2, IV 2.8/7.1/18",
    reference="ISO 10816-1:1995 Annex B, typical zone boundaries (GB/T 6075.1-2012); "
    "superseded by ISO 20816-1:2016",
    examples=(
        Example(
            inputs={"velocity": 3.0, "machine_class": "II"},
            expected={"zone": "C", "boundary_bc": 2.8, "boundary_cd": 7.1},
            source="research §1.1 R31 [V]: class II, 3.0 mm/s → zone C",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"velocity": 0.5, "machine_class": "I"},
            expected={"zone": "A"},
            source="research §1.1 R31 [V]: class I, A/B boundary 0.71 mm/s",
        ),
    ),
)

# --- ISO 10816-3 groups -----------------------------------------------------------------------------------


class Iso10816GroupIn(ModelIn):
    velocity: Velocity
    group: Literal[1, 2] = Field(description="1: 300 kW–50 MW or shaft height > 315 mm; 2: 15–300 kW")
    support: Literal["rigid", "flexible"]


def vibration_severity_iso10816_3(p: Iso10816GroupIn) -> ZoneOut:
    return _zone_out(p.velocity, ISO_10816_3[(p.group, p.support)])


ISO_GROUP = ComputationSpec(
    name="rotating.vibration_severity_iso10816_3",
    title=LocalizedText(
        en="Vibration severity zone, industrial machines >15 kW (ISO 10816-3)",
        zh="工业机器振动烈度评价（ISO 10816-3）",
    ),
    kind="model",
    category="rotating",
    domains=("operations", "production", "product_service"),
    industries=("general", "machinery", "energy", "chemical", "metallurgy"),
    inputs=Iso10816GroupIn,
    outputs=ZoneOut,
    func=vibration_severity_iso10816_3,
    formula="zone from the velocity boundaries (mm/s r.m.s.): group 1 rigid 2.3/4.5/7.1, "
    "flexible 3.5/7.1/11.0; group 2 rigid 1.4/2.8/4.5, flexible 2.3/4.5/7.1",
    reference="ISO 10816-3:2009 Annex A, Tables A.1 and A.2 (GB/T 6075.3-2011); revised as ISO 20816-3:2022",
    examples=(
        Example(
            inputs={"velocity": 3.0, "group": 2, "support": "rigid"},
            expected={"zone": "C", "boundary_ab": 1.4, "boundary_bc": 2.8, "boundary_cd": 4.5},
            source="research §1.1 R32: group 2 rigid, 3.0 mm/s → zone C (boundaries 1.4/2.8/4.5)",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"velocity": 8.0, "group": 1, "support": "flexible"},
            expected={"zone": "C", "boundary_cd": 11.0},
            source="research §1.1 R32: group 1 flexible, C/D at 11.0 mm/s",
            rel_tol=1e-12,
        ),
    ),
)

# --- acceleration → velocity → displacement for one tone --------------------------------------------------


class ConversionIn(ModelIn):
    acceleration: Annotated[float, Unit("m/s**2", ge=0), Field(description="r.m.s. of a single tone")]
    frequency: Annotated[float, Unit("Hz", gt=0)]


class ConversionOut(ModelOut):
    velocity: Annotated[float, Unit("mm/s"), Field(description="r.m.s.")]
    displacement: Annotated[float, Unit("micrometer"), Field(description="r.m.s.")]
    displacement_peak_to_peak: Annotated[float, Unit("micrometer")]


def vibration_conversion(p: ConversionIn) -> ConversionOut:
    omega = 2 * math.pi * p.frequency
    velocity = p.acceleration / omega
    displacement = velocity / omega
    return ConversionOut(
        velocity=velocity * 1e3,
        displacement=displacement * 1e6,
        displacement_peak_to_peak=displacement * 2 * math.sqrt(2) * 1e6,
    )


CONVERSION = ComputationSpec(
    name="rotating.vibration_conversion",
    title=LocalizedText(
        en="Vibration acceleration to velocity and displacement", zh="振动加速度、速度、位移换算"
    ),
    kind="model",
    category="rotating",
    domains=("operations", "product_service"),
    industries=("general", "machinery"),
    inputs=ConversionIn,
    outputs=ConversionOut,
    func=vibration_conversion,
    formula="v = a/(2πf); d = v/(2πf); d_pp = 2√2·d_rms  (harmonic motion, one frequency)",
    reference="Rao, Mechanical Vibrations, 5th ed. (2011), ch. 1 (harmonic motion); ISO 2041:2018 vocabulary",
    examples=(
        Example(
            inputs={"acceleration": 10, "frequency": 100},
            expected={"velocity": 15.915494, "displacement": 25.330296},
            source="research §1.1 R33 [C]: 10 m/s² at 100 Hz → 15.9 mm/s; / (2π·100) → 25.3 µm",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (ISO_CLASS, ISO_GROUP, CONVERSION)

__all__ = [
    "ISO_10816_1",
    "ISO_10816_3",
    "SPECS",
    "vibration_conversion",
    "vibration_severity_iso10816_1",
    "vibration_severity_iso10816_3",
    "zone",
]
