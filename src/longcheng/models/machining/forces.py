"""Specific cutting force (Kienzle) and drilling power, torque and feed force."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.machining._base import (
    DOMAINS,
    INDUSTRIES,
    Efficiency,
    ModelIn,
    ModelOut,
    SpecificForce,
    Speed,
)

EnteringAngle = Annotated[float, Unit("degree", gt=0, le=90), Field(description="entering angle κ_r")]

# --- Kienzle specific cutting force -------------------------------------------------------------------


class KienzleIn(ModelIn):
    kc11: Annotated[float, Unit("N/mm**2", gt=0), Field(description="k_c at the reference chip thickness")]
    mc: Annotated[float, Unit(ge=0, lt=1), Field(description="Kienzle exponent m_c")]
    feed: Annotated[float, Unit("mm", gt=0), Field(description="feed per revolution or per tooth")]
    entering_angle: EnteringAngle = 90.0
    rake_angle: Annotated[float, Unit("degree", gt=-30, lt=30), Field(description="true rake γ₀")] = 0.0
    reference_thickness: Annotated[
        float, Unit("mm", gt=0), Field(description="h₀ of k_c1.1: 1 mm (Sandvik's k_c0.4: 0.4 mm)")
    ] = 1.0
    depth_of_cut: Annotated[float, Unit("mm", gt=0), Field(description="for the cutting force")] | None = None


class KienzleOut(ModelOut):
    chip_thickness: Annotated[float, Unit("mm"), Field(description="h = f·sin κ_r")]
    specific_cutting_force: Annotated[float, Unit("N/mm**2")]
    cutting_force: Annotated[float, Unit("N"), Field(description="F_c = k_c·a_p·f")] | None


def kienzle_cutting_force(p: KienzleIn) -> KienzleOut:
    h = p.feed * math.sin(math.radians(p.entering_angle))
    kc = p.kc11 * (h / p.reference_thickness) ** (-p.mc) * (1.0 - p.rake_angle / 100.0)
    force = kc * p.depth_of_cut * p.feed if p.depth_of_cut is not None else None
    return KienzleOut(chip_thickness=h, specific_cutting_force=kc, cutting_force=force)


KIENZLE = ComputationSpec(
    name="machining.kienzle_cutting_force",
    title=LocalizedText(en="Specific cutting force (Kienzle)", zh="单位切削力(Kienzle公式)"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=KienzleIn,
    outputs=KienzleOut,
    func=kienzle_cutting_force,
    formula="h = f·sin κ_r; k_c = k_c1.1·(h/h₀)^(−m_c)·(1 − γ₀/100); F_c = k_c·a_p·f",
    reference="Kienzle, VDI-Z 94 (1952) 299–305; Sandvik Coromant, 'Specific cutting force' (k_c1, m_c, "
    "rake-angle correction 1 − γ₀/100)",
    examples=(
        Example(
            inputs={"kc11": 1500, "mc": 0.25, "feed": 0.3, "depth_of_cut": 2},
            expected={"specific_cutting_force": 2026.8002, "cutting_force": 1216.08},
            source="derived by hand: 1500 × 0.3^−0.25 = 2026.80 N/mm²; × 2 mm × 0.3 mm = 1216.1 N",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"kc11": 1500, "mc": 0.25, "feed": 0.3, "entering_angle": 30, "rake_angle": 6},
            expected={"chip_thickness": 0.15, "specific_cutting_force": 2265.6681},
            source="derived by hand: h = 0.3·sin 30° = 0.15; 1500 × 0.15^−0.25 × 0.94 = 2265.67 N/mm²",
            rel_tol=1e-6,
        ),
    ),
)

# --- drilling -----------------------------------------------------------------------------------------


class DrillingIn(ModelIn):
    diameter: Annotated[float, Unit("mm", gt=0), Field(description="drill diameter D_c")]
    cutting_speed: Speed
    feed: Annotated[float, Unit("mm", gt=0), Field(description="feed per revolution f_n")]
    specific_cutting_force: SpecificForce
    efficiency: Efficiency = 1.0
    entering_angle: EnteringAngle = 90.0
    depth: Annotated[float, Unit("mm", gt=0), Field(description="hole depth L")] | None = None
    approach: Annotated[float, Unit("mm", ge=0), Field(description="drill point to workpiece h")] = 0.0


class DrillingOut(ModelOut):
    spindle_speed: Annotated[float, Unit("rpm")]
    feed_rate: Annotated[float, Unit("mm/min")]
    removal_rate: Annotated[float, Unit("cm**3/min")]
    spindle_power: Annotated[float, Unit("kW")]
    torque: Annotated[float, Unit("N*m")]
    feed_force: Annotated[float, Unit("N"), Field(description="approximate thrust")]
    cutting_time: Annotated[float, Unit("min")] | None


def drilling_power(p: DrillingIn) -> DrillingOut:
    n = 1000.0 * p.cutting_speed / (math.pi * p.diameter)
    vf = p.feed * n
    sin_k = math.sin(math.radians(p.entering_angle))
    removal = vf * math.pi * p.diameter**2 / 4000.0
    return DrillingOut(
        spindle_speed=n,
        feed_rate=vf,
        removal_rate=removal,
        spindle_power=removal * p.specific_cutting_force * sin_k / (60.0e3 * p.efficiency),
        torque=p.feed * p.specific_cutting_force / 1000.0 * p.diameter**2 / 8.0 * sin_k,
        feed_force=0.63 * p.diameter / 2.0 * p.feed * p.specific_cutting_force * sin_k,
        cutting_time=(p.depth + p.approach) / vf if p.depth is not None else None,
    )


DRILLING = ComputationSpec(
    name="machining.drilling_power",
    title=LocalizedText(en="Drilling removal rate, power, torque and thrust", zh="钻削功率、扭矩与轴向力"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=DrillingIn,
    outputs=DrillingOut,
    func=drilling_power,
    formula="n = 1000·v_c/(π·D); v_f = f·n; Q = v_f·π·D²/4000; P_c = Q·k_c·sin κ/(60 000·η); "
    "M_c = f·k_c/1000·D²/8·sin κ; F_f ≈ 0.63·D/2·f·k_c·sin κ; T_c = (L + h)/v_f",
    reference="ISCAR rotating tools user guide, drilling calculations (worked example, drill Ø22 mm)",
    examples=(
        Example(
            inputs={
                "diameter": 22,
                "cutting_speed": 200,
                "feed": 0.15,
                "specific_cutting_force": 2200,
                "efficiency": 0.75,
            },
            expected={
                "spindle_speed": 2894.0,
                "feed_rate": 434.0,
                "removal_rate": 165.0,
                "spindle_power": 8.06,
                "torque": 20.0,
                "feed_force": 2286.0,
            },
            source="ISCAR example: Ø22, v_c 200, f 0.15, k_c 2200, η 0.75 → n 2 894, v_f 434, Q 165 cm³/min, "
            "P_c 8.06 kW, M_c 20 N·m, F_f 2 286 N (source rounds)",
            rel_tol=2e-3,
        ),
        Example(
            inputs={
                "diameter": 22,
                "cutting_speed": 200,
                "feed": 0.15,
                "specific_cutting_force": 2200,
                "depth": 25,
                "approach": 10,
            },
            expected={"cutting_time": 0.08},
            source="ISCAR example: T_c = (25 + 10)/434 = 0.08 min/piece (source rounds to 0.01 min)",
            rel_tol=1e-2,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (KIENZLE, DRILLING)

__all__ = ["SPECS", "drilling_power", "kienzle_cutting_force"]
