"""Welding: heat input, carbon equivalents, and the EN 1011-2 preheat temperature."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.industry._base import DOMAINS, ModelIn, ModelOut

INDUSTRIES = ("machinery", "shipbuilding", "metallurgy", "energy", "automotive", "general")

# EN 1011-1 thermal efficiency factors k
_EFFICIENCY = {"SAW": 1.0, "SMAW": 0.8, "GMAW": 0.8, "FCAW": 0.8, "GTAW": 0.6, "PAW": 0.6}

# --- heat input ---------------------------------------------------------------------------------------


class HeatInputIn(ModelIn):
    process: Literal["SAW", "SMAW", "GMAW", "FCAW", "GTAW", "PAW"] = Field(
        description="SAW 121 埋弧焊, SMAW 111 焊条电弧焊, GMAW 13x MIG/MAG, FCAW 136, GTAW 141 TIG, PAW 15"
    )
    voltage: Annotated[float, Unit("V", gt=0)]
    current: Annotated[float, Unit("A", gt=0)]
    travel_speed: Annotated[float, Unit("mm/min", gt=0)]
    arc_power: (
        Annotated[float, Unit("W", gt=0), Field(description="average instantaneous power (ISO/TR 18491)")]
        | None
    ) = None


class HeatInputOut(ModelOut):
    efficiency: Annotated[float, Unit(), Field(description="thermal efficiency factor k")]
    arc_energy: Annotated[float, Unit("kJ/mm")]
    heat_input: Annotated[float, Unit("kJ/mm")]


def heat_input(p: HeatInputIn) -> HeatInputOut:
    power = p.arc_power if p.arc_power is not None else p.voltage * p.current  # W
    energy = power * 60.0 / p.travel_speed / 1000.0  # J/mm → kJ/mm
    k = _EFFICIENCY[p.process]
    return HeatInputOut(efficiency=k, arc_energy=energy, heat_input=k * energy)


HEAT_INPUT = ComputationSpec(
    name="industry.welding_heat_input",
    title=LocalizedText(en="Welding arc energy and heat input", zh="焊接热输入(线能量)"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=HeatInputIn,
    outputs=HeatInputOut,
    func=heat_input,
    formula="E = U·I·60/(v·1000) kJ/mm (or P̄·60/(v·1000) for waveform-controlled arcs); Q = k·E",
    reference="EN 1011-1:2009 (heat input and thermal efficiency factors k: SAW 1.0, MMA 0.8, MIG/MAG 0.8, "
    "TIG 0.6); ISO/TR 18491:2015 (arc energy from instantaneous power)",
    examples=(
        Example(
            inputs={"process": "GMAW", "voltage": 25, "current": 200, "travel_speed": 300},
            expected={"arc_energy": 1.0, "heat_input": 0.8},
            source="research note §1.13 I6 [V k, C]: MAG k 0.8, 25 V, 200 A, 300 mm/min → 0.8 kJ/mm",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"process": "SAW", "voltage": 32, "current": 600, "travel_speed": 480},
            expected={"heat_input": 2.4},
            source="derived by hand: 1.0 × 32 × 600 × 60 / (480 × 1000) = 2.4 kJ/mm",
            rel_tol=1e-9,
        ),
    ),
)

# --- carbon equivalents -------------------------------------------------------------------------------

Percent = Annotated[float, Unit("percent", ge=0, le=100), Field(description="mass fraction, wt%")]


class CarbonEquivalentIn(ModelIn):
    c: Percent
    mn: Percent
    si: Percent = 0.0
    cr: Percent = 0.0
    mo: Percent = 0.0
    v: Percent = 0.0
    ni: Percent = 0.0
    cu: Percent = 0.0
    b: Percent = 0.0


class CarbonEquivalentOut(ModelOut):
    ce_iiw: Annotated[float, Unit("percent"), Field(description="IIW carbon equivalent CE")]
    cet: Annotated[float, Unit("percent"), Field(description="EN 1011-2 CET")]
    pcm: Annotated[float, Unit("percent"), Field(description="Ito–Bessyo P_cm")]


def carbon_equivalent(p: CarbonEquivalentIn) -> CarbonEquivalentOut:
    return CarbonEquivalentOut(
        ce_iiw=p.c + p.mn / 6 + (p.cr + p.mo + p.v) / 5 + (p.ni + p.cu) / 15,
        cet=p.c + (p.mn + p.mo) / 10 + (p.cr + p.cu) / 20 + p.ni / 40,
        pcm=p.c + p.si / 30 + (p.mn + p.cu + p.cr) / 20 + p.ni / 60 + p.mo / 15 + p.v / 10 + 5 * p.b,
    )


CARBON_EQUIVALENT = ComputationSpec(
    name="industry.carbon_equivalent",
    title=LocalizedText(en="Carbon equivalent of steel (CE IIW, CET, Pcm)", zh="钢的碳当量"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=CarbonEquivalentIn,
    outputs=CarbonEquivalentOut,
    func=carbon_equivalent,
    formula="CE = C + Mn/6 + (Cr+Mo+V)/5 + (Ni+Cu)/15; CET = C + (Mn+Mo)/10 + (Cr+Cu)/20 + Ni/40; "
    "Pcm = C + Si/30 + (Mn+Cu+Cr)/20 + Ni/60 + Mo/15 + V/10 + 5B",
    reference="ISO/TR 17844:2004 (comparison of methods to avoid cold cracking: CE IIW, CET, Pcm); "
    "EN 1011-2:2001 Annex C; GB/T 1591-2018 (CEV for low-alloy high-strength steel)",
    examples=(
        Example(
            inputs={
                "c": 0.18,
                "mn": 1.40,
                "si": 0.30,
                "cr": 0.10,
                "mo": 0.02,
                "v": 0.01,
                "ni": 0.10,
                "cu": 0.15,
                "b": 0.0005,
            },
            expected={"ce_iiw": 0.456, "cet": 0.337, "pcm": 0.279},
            source="derived by hand: CE 0.18 + 0.2333 + 0.026 + 0.0167 = 0.456; CET 0.18 + 0.142 + 0.0125 + "
            "0.0025 = 0.337; Pcm 0.18 + 0.01 + 0.0825 + 0.00167 + 0.00133 + 0.001 + 0.0025 = 0.279",
            rel_tol=1e-9,
        ),
    ),
)

# --- preheat temperature (EN 1011-2 method B) ---------------------------------------------------------


class PreheatIn(ModelIn):
    cet: Annotated[float, Unit("percent", ge=0.2, le=0.5), Field(description="carbon equivalent CET")]
    thickness: Annotated[float, Unit("mm", ge=10, le=90), Field(description="plate thickness d")]
    hydrogen: Annotated[
        float, Unit(ge=1, le=20), Field(description="weld-metal diffusible hydrogen, ml/100 g")
    ]
    heat_input: Annotated[float, Unit("kJ/mm", ge=0.5, le=4.0)]
    ambient_temperature: Annotated[float, Unit("degC"), Field(description="workshop temperature")] = 20.0


class PreheatOut(ModelOut):
    preheat_temperature: Annotated[float, Unit("degC"), Field(description="minimum preheat T_p")]
    preheat_needed: bool = Field(description="T_p above the ambient temperature")


def preheat_temperature(p: PreheatIn) -> PreheatOut:
    t = (
        697.0 * p.cet
        + 160.0 * math.tanh(p.thickness / 35.0)
        + 62.0 * p.hydrogen**0.35
        + (53.0 * p.cet - 32.0) * p.heat_input
        - 328.0
    )
    return PreheatOut(preheat_temperature=t, preheat_needed=t > p.ambient_temperature)


PREHEAT = ComputationSpec(
    name="industry.preheat_temperature",
    title=LocalizedText(en="Minimum preheat temperature (EN 1011-2 method B)", zh="焊接最低预热温度"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=PreheatIn,
    outputs=PreheatOut,
    func=preheat_temperature,
    formula="T_p = 697·CET + 160·tanh(d/35) + 62·HD^0.35 + (53·CET − 32)·Q − 328 °C "
    "(valid for CET 0.2–0.5 %, d 10–90 mm, HD 1–20 ml/100 g, Q 0.5–4.0 kJ/mm)",
    reference="EN 1011-2:2001 Annex C, method B (CET method, Uwer & Höhne); ISO/TR 17844:2004",
    examples=(
        Example(
            inputs={"cet": 0.35, "thickness": 30, "hydrogen": 5, "heat_input": 1.5},
            expected={"preheat_temperature": 115.84105755701171, "preheat_needed": True},
            source="derived by hand from method B: 243.95 + 111.18 + 108.91 − 20.18 − 328 = 115.8 °C",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (HEAT_INPUT, CARBON_EQUIVALENT, PREHEAT)

__all__ = ["SPECS", "carbon_equivalent", "heat_input", "preheat_temperature"]
