"""Chemical reactors: residence time and first-order conversion in ideal reactors, Arrhenius temperature
dependence."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.industry._base import DOMAINS, ModelIn, ModelOut

INDUSTRIES = ("chemical", "pharmaceutical", "food", "energy")
GAS_CONSTANT = 8.314462618  # J/(mol·K), CODATA 2018 (exact)

# --- residence time and conversion --------------------------------------------------------------------


class ResidenceIn(ModelIn):
    volume: Annotated[float, Unit("m**3", gt=0), Field(description="reacting volume V")]
    flow: Annotated[float, Unit("m**3/hour", gt=0), Field(description="volumetric feed rate v₀")]
    rate_constant: (
        Annotated[float, Unit("1/hour", ge=0), Field(description="first-order rate constant k")] | None
    ) = None


class ResidenceOut(ModelOut):
    residence_time: Annotated[float, Unit("hour"), Field(description="space time τ = V/v₀")]
    space_velocity: Annotated[float, Unit("1/hour")]
    damkohler: Annotated[float, Unit(), Field(description="Da = k·τ")] | None
    conversion_cstr: Annotated[float, Unit(), Field(description="mixed flow: kτ/(1 + kτ)")] | None
    conversion_pfr: Annotated[float, Unit(), Field(description="plug flow: 1 − e^(−kτ)")] | None


def reactor_residence_time(p: ResidenceIn) -> ResidenceOut:
    tau = p.volume / p.flow
    da = p.rate_constant * tau if p.rate_constant is not None else None
    return ResidenceOut(
        residence_time=tau,
        space_velocity=1.0 / tau,
        damkohler=da,
        conversion_cstr=da / (1.0 + da) if da is not None else None,
        conversion_pfr=-math.expm1(-da) if da is not None else None,
    )


RESIDENCE = ComputationSpec(
    name="industry.reactor_residence_time",
    title=LocalizedText(en="Reactor residence time and first-order conversion", zh="反应器停留时间与转化率"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=ResidenceIn,
    outputs=ResidenceOut,
    func=reactor_residence_time,
    formula="τ = V/v₀; X_CSTR = kτ/(1 + kτ); X_PFR = 1 − exp(−kτ)",
    reference="Levenspiel, Chemical Reaction Engineering, 3rd ed., Wiley 1999, ch. 5 (ideal reactors for a "
    "single reaction, first-order performance equations)",
    examples=(
        Example(
            inputs={"volume": 2, "flow": 0.5, "rate_constant": 0.5},
            expected={
                "residence_time": 4.0,
                "damkohler": 2.0,
                "conversion_cstr": 0.6666666666666666,
                "conversion_pfr": 0.8646647167633873,
            },
            source="derived by hand: τ = 2/0.5 = 4 h; kτ = 2; 2/3; 1 − e⁻² = 0.86466",
            rel_tol=1e-9,
        ),
    ),
)

# --- Arrhenius ----------------------------------------------------------------------------------------


class ArrheniusIn(ModelIn):
    activation_energy: Annotated[float, Unit("kJ/mol", gt=0)]
    temperature: Annotated[float, Unit("K", gt=0)]
    reference_temperature: Annotated[float, Unit("K", gt=0)]
    reference_rate: (
        Annotated[float, Unit("1/s", gt=0), Field(description="rate constant at the reference temperature")]
        | None
    ) = None


class ArrheniusOut(ModelOut):
    rate_ratio: Annotated[float, Unit(), Field(description="k(T)/k(T_ref)")]
    rate: Annotated[float, Unit("1/s")] | None
    pre_exponential: Annotated[float, Unit("1/s"), Field(description="A = k_ref·e^(E_a/RT_ref)")] | None


def arrhenius_rate(p: ArrheniusIn) -> ArrheniusOut:
    ea = p.activation_energy * 1000.0
    ratio = math.exp(ea / GAS_CONSTANT * (1.0 / p.reference_temperature - 1.0 / p.temperature))
    rate = p.reference_rate * ratio if p.reference_rate is not None else None
    a = (
        p.reference_rate * math.exp(ea / (GAS_CONSTANT * p.reference_temperature))
        if p.reference_rate is not None
        else None
    )
    return ArrheniusOut(rate_ratio=ratio, rate=rate, pre_exponential=a)


ARRHENIUS = ComputationSpec(
    name="industry.arrhenius_rate",
    title=LocalizedText(en="Arrhenius temperature dependence of a rate constant", zh="阿伦尼乌斯反应速率"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=ArrheniusIn,
    outputs=ArrheniusOut,
    func=arrhenius_rate,
    formula="k = A·exp(−E_a/(R·T)); k(T)/k(T_ref) = exp(E_a/R·(1/T_ref − 1/T))",
    reference="IUPAC Compendium of Chemical Terminology (Gold Book), 'Arrhenius equation'; Levenspiel, "
    "Chemical Reaction Engineering, 3rd ed., ch. 2; R = 8.314 462 618 J/(mol·K) (CODATA 2018)",
    examples=(
        Example(
            inputs={"activation_energy": 50, "temperature": 308.15, "reference_temperature": 298.15},
            expected={"rate_ratio": 1.9242648158508213},
            source="derived by hand: exp(50 000/8.314 462 618 × (1/298.15 − 1/308.15)) = 1.9243 "
            "(the textbook 'rate doubles per 10 K near room temperature')",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (RESIDENCE, ARRHENIUS)

__all__ = ["SPECS", "arrhenius_rate", "reactor_residence_time"]
