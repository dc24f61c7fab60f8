"""Pumps: hydraulic power, affinity laws, specific speed, suction specific speed."""

from __future__ import annotations

import math
from typing import Annotated

from fluids.pump import specific_speed as _fluids_specific_speed
from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.rotating._base import G, ModelIn, ModelOut

# n_q (rpm, m³/s, m) to the US customary N_s (rpm, US gpm, ft): √(1 m³/s in gpm) / (1 m in ft)^0.75
US_SPECIFIC_SPEED = math.sqrt(60.0 / 0.003785411784) / (1.0 / 0.3048) ** 0.75

Eyes = Annotated[int, Field(ge=1, le=2, description="impeller eyes: 1 single suction, 2 double suction")]

# --- pump hydraulic power ---------------------------------------------------------------------------------


class PumpPowerIn(ModelIn):
    flow: Annotated[float, Unit("m**3/s", ge=0)]
    head: Annotated[float, Unit("m", ge=0)]
    density: Annotated[float, Unit("kg/m**3", gt=0)] = 1000.0
    shaft_power: (
        Annotated[float, Unit("W", gt=0), Field(description="measured; gives the efficiency")] | None
    ) = None


class PumpPowerOut(ModelOut):
    hydraulic_power: Annotated[float, Unit("W")]
    efficiency: Annotated[float, Unit()] | None


def pump_hydraulic_power(p: PumpPowerIn) -> PumpPowerOut:
    hydraulic = p.density * G * p.flow * p.head
    efficiency = hydraulic / p.shaft_power if p.shaft_power is not None else None
    return PumpPowerOut(hydraulic_power=hydraulic, efficiency=efficiency)


PUMP_POWER = ComputationSpec(
    name="rotating.pump_hydraulic_power",
    title=LocalizedText(en="Pump hydraulic power and efficiency", zh="泵水力功率与效率"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "food"),
    inputs=PumpPowerIn,
    outputs=PumpPowerOut,
    func=pump_hydraulic_power,
    formula="P_h = ρ·g·Q·H; η = P_h / P_shaft",
    reference="GB/T 3216-2016 (ISO 9906:2012) Rotodynamic pumps — Hydraulic performance acceptance tests, §3",
    examples=(
        Example(
            inputs={"flow": 0.01, "head": 50, "density": 1000, "shaft_power": 6000},
            expected={"hydraulic_power": 4903.325, "efficiency": 0.8172208},
            source="ρgQH with g = 9.80665 m/s²: 1000 × 9.80665 × 0.01 × 50 = 4903.3 W; 4903.3 / 6000",
        ),
    ),
)

# --- affinity laws ----------------------------------------------------------------------------------------


class AffinityIn(ModelIn):
    flow: Annotated[float, Unit("m**3/s", ge=0), Field(description="at the original speed and diameter")]
    head: Annotated[float, Unit("m", ge=0)]
    power: Annotated[float, Unit("W", ge=0)]
    speed: Annotated[float, Unit("rpm", gt=0)]
    new_speed: Annotated[float, Unit("rpm", gt=0)]
    diameter_ratio: Annotated[
        float, Unit(gt=0), Field(description="new / original impeller diameter (trim), 1 = unchanged")
    ] = 1.0


class AffinityOut(ModelOut):
    flow: Annotated[float, Unit("m**3/s")]
    head: Annotated[float, Unit("m")]
    power: Annotated[float, Unit("W")]


def affinity_laws(p: AffinityIn) -> AffinityOut:
    ratio = p.new_speed / p.speed * p.diameter_ratio
    return AffinityOut(flow=p.flow * ratio, head=p.head * ratio**2, power=p.power * ratio**3)


AFFINITY = ComputationSpec(
    name="rotating.affinity_laws",
    title=LocalizedText(en="Pump and fan affinity laws", zh="泵与风机相似定律（比例定律）"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "energy", "building_materials"),
    inputs=AffinityIn,
    outputs=AffinityOut,
    func=affinity_laws,
    formula="Q₂ = Q₁·(n₂/n₁)·(D₂/D₁); H₂ = H₁·(n₂/n₁)²·(D₂/D₁)²; P₂ = P₁·(n₂/n₁)³·(D₂/D₁)³ "
    "(speed change, and impeller trim at constant speed)",
    reference="ISO 9906:2012 (GB/T 3216-2016) §6.1, translation of test results to the specified speed; "
    "US DOE / Hydraulic Institute, Improving Pumping System Performance: A Sourcebook for Industry, "
    "2nd ed. (2006), affinity laws and impeller trimming",
    examples=(
        Example(
            inputs={"flow": 0.1, "head": 50, "power": 60000, "speed": 1450, "new_speed": 1160},
            expected={"flow": 0.08, "head": 32.0, "power": 30720.0},
            source="research §1.1 R1–R3: n₂/n₁ = 0.8 gives Q × 0.8, H × 0.64, P × 0.512",
            rel_tol=1e-9,
        ),
        Example(
            inputs={
                "flow": 0.1,
                "head": 50,
                "power": 60000,
                "speed": 1450,
                "new_speed": 1450,
                "diameter_ratio": 0.9,
            },
            expected={"flow": 0.09, "head": 40.5, "power": 43740.0},
            source="impeller trim D₂/D₁ = 0.9 at constant speed: Q × 0.9, H × 0.81, P × 0.729 (by hand)",
            rel_tol=1e-9,
        ),
    ),
)

# --- specific speed ---------------------------------------------------------------------------------------


class SpecificSpeedIn(ModelIn):
    flow: Annotated[float, Unit("m**3/s", gt=0), Field(description="at the best efficiency point")]
    head: Annotated[float, Unit("m", gt=0), Field(description="total head at the best efficiency point")]
    speed: Annotated[float, Unit("rpm", gt=0)]
    impeller_eyes: Eyes = 1
    stages: Annotated[int, Field(ge=1, le=50)] = 1


class SpecificSpeedOut(ModelOut):
    specific_speed: Annotated[float, Unit(), Field(description="n_q in rpm, m³/s, m (European convention)")]
    specific_speed_us: Annotated[float, Unit(), Field(description="N_s in rpm, US gpm, ft")]
    type_number: Annotated[float, Unit(), Field(description="ω_s = ω·√Q / (g·H)^0.75, dimensionless")]


def pump_specific_speed(p: SpecificSpeedIn) -> SpecificSpeedOut:
    flow, head = p.flow / p.impeller_eyes, p.head / p.stages
    nq = float(_fluids_specific_speed(flow, head, p.speed))
    omega = 2 * math.pi * p.speed / 60.0
    type_number = omega * math.sqrt(flow) / (G * head) ** 0.75
    return SpecificSpeedOut(
        specific_speed=nq, specific_speed_us=nq * US_SPECIFIC_SPEED, type_number=type_number
    )


SPECIFIC_SPEED = ComputationSpec(
    name="rotating.pump_specific_speed",
    title=LocalizedText(en="Pump specific speed", zh="泵比转速"),
    kind="model",
    category="rotating",
    domains=("rd_design", "production"),
    industries=("general", "machinery", "chemical", "energy"),
    inputs=SpecificSpeedIn,
    outputs=SpecificSpeedOut,
    func=pump_specific_speed,
    formula="n_q = n·√(Q/f_q) / (H/i)^0.75 (f_q impeller eyes, i stages); N_s(US) = 51.65·n_q; "
    "ω_s = ω·√(Q/f_q) / (g·H/i)^0.75",
    reference="ANSI/HI 1.3 Rotodynamic Centrifugal Pumps for Design and Application; Gülich, Centrifugal "
    "Pumps, 3rd ed. (2014), ch. 3 (specific speed); computed with fluids.pump.specific_speed",
    examples=(
        Example(
            inputs={"flow": 0.0402, "head": 100, "speed": 3550},
            expected={"specific_speed": 22.5082},
            source="HI 1.3 example as reproduced in the fluids documentation: 0.0402 m³/s, 100 m, 3550 rpm "
            "→ 22.508",
            rel_tol=1e-5,
        ),
        Example(
            inputs={"flow": 0.05, "head": 30, "speed": 1450},
            expected={"specific_speed": 25.29368, "type_number": 0.4779695, "specific_speed_us": 1306.298},
            source="research §1.1 R6 [C]: 1450 × √0.05 / 30^0.75 = 25.29; ω_s = n_q / 52.9 (Gülich); "
            "US factor 51.645 (gpm, ft)",
            rel_tol=2e-4,
        ),
    ),
)

# --- suction specific speed -------------------------------------------------------------------------------


class SuctionSpecificSpeedIn(ModelIn):
    flow: Annotated[float, Unit("m**3/s", gt=0), Field(description="at the best efficiency point")]
    npsh_required: Annotated[float, Unit("m", gt=0), Field(description="NPSH3 at the best efficiency point")]
    speed: Annotated[float, Unit("rpm", gt=0)]
    impeller_eyes: Eyes = 1


class SuctionSpecificSpeedOut(ModelOut):
    suction_specific_speed: Annotated[float, Unit(), Field(description="n_ss in rpm, m³/s, m")]
    suction_specific_speed_us: Annotated[float, Unit(), Field(description="S in rpm, US gpm, ft")]


def suction_specific_speed(p: SuctionSpecificSpeedIn) -> SuctionSpecificSpeedOut:
    nss = p.speed * math.sqrt(p.flow / p.impeller_eyes) / p.npsh_required**0.75
    return SuctionSpecificSpeedOut(
        suction_specific_speed=nss, suction_specific_speed_us=nss * US_SPECIFIC_SPEED
    )


SUCTION_SPECIFIC_SPEED = ComputationSpec(
    name="rotating.suction_specific_speed",
    title=LocalizedText(en="Pump suction specific speed", zh="泵吸入比转速"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy"),
    inputs=SuctionSpecificSpeedIn,
    outputs=SuctionSpecificSpeedOut,
    func=suction_specific_speed,
    formula="n_ss = n·√(Q/f_q) / NPSH3^0.75; S(US) = 51.65·n_ss",
    reference="Gülich, Centrifugal Pumps, 3rd ed. (2014), ch. 6 (suction specific speed); ANSI/HI 9.6.1 "
    "Rotodynamic Pumps — Guideline for NPSH Margin",
    examples=(
        Example(
            inputs={"flow": 0.1, "npsh_required": 5, "speed": 2950},
            expected={"suction_specific_speed": 278.99377, "suction_specific_speed_us": 14408.70},
            source="by hand from the formula: 2950 × √0.1 / 5^0.75 = 278.99; × 51.645 (gpm, ft) = 14 409",
            rel_tol=1e-5,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (PUMP_POWER, AFFINITY, SPECIFIC_SPEED, SUCTION_SPECIFIC_SPEED)

__all__ = ["SPECS", "affinity_laws", "pump_hydraulic_power", "pump_specific_speed", "suction_specific_speed"]
