"""Woven fabric: mass per unit area from construction, loom production and efficiency."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.industry._base import DOMAINS, ModelIn, ModelOut

INDUSTRIES = ("textile",)
ThreadDensity = Annotated[float, Unit("1/cm", gt=0)]
Crimp = Annotated[float, Unit("percent", ge=0, le=100), Field(description="yarn length excess over fabric")]

# --- fabric mass per unit area ------------------------------------------------------------------------


class FabricGsmIn(ModelIn):
    ends_per_cm: ThreadDensity
    picks_per_cm: ThreadDensity
    warp_tex: Annotated[float, Unit("tex", gt=0)]
    weft_tex: Annotated[float, Unit("tex", gt=0)]
    warp_crimp: Crimp = 0.0
    weft_crimp: Crimp = 0.0


class FabricGsmOut(ModelOut):
    warp_mass: Annotated[float, Unit("g/m**2")]
    weft_mass: Annotated[float, Unit("g/m**2")]
    mass_per_area: Annotated[float, Unit("g/m**2"), Field(description="GSM")]


def fabric_gsm(p: FabricGsmIn) -> FabricGsmOut:
    # ends/cm × 100 cm/m × (1 + crimp) m of yarn per m of fabric × tex/1000 g/m
    warp = p.ends_per_cm * p.warp_tex * (1.0 + p.warp_crimp / 100.0) / 10.0
    weft = p.picks_per_cm * p.weft_tex * (1.0 + p.weft_crimp / 100.0) / 10.0
    return FabricGsmOut(warp_mass=warp, weft_mass=weft, mass_per_area=warp + weft)


FABRIC_GSM = ComputationSpec(
    name="industry.fabric_gsm",
    title=LocalizedText(en="Woven fabric mass per unit area (GSM)", zh="机织物平方米克重"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=FabricGsmIn,
    outputs=FabricGsmOut,
    func=fabric_gsm,
    formula="GSM = [EPC·T_warp·(1 + c_warp) + PPC·T_weft·(1 + c_weft)] / 10 (EPC, PPC per cm; T in tex)",
    reference="Lord & Mohamed, Weaving: Conversion of Yarn to Fabric, 2nd ed., Woodhead 1982 (fabric mass "
    "from sett, count and crimp); ISO 3801:1977 (measured mass per unit area)",
    examples=(
        Example(
            inputs={
                "ends_per_cm": 40,
                "picks_per_cm": 30,
                "warp_tex": 20,
                "weft_tex": 20,
                "warp_crimp": 8,
                "weft_crimp": 5,
            },
            expected={"warp_mass": 86.4, "weft_mass": 63.0, "mass_per_area": 149.4},
            source="derived by hand: 40·20·1.08/10 = 86.4; 30·20·1.05/10 = 63.0; total 149.4 g/m²",
            rel_tol=1e-9,
        ),
    ),
)

# --- loom production and efficiency -------------------------------------------------------------------


class LoomIn(ModelIn):
    loom_speed: Annotated[float, Unit("rpm", gt=0), Field(description="picks inserted per minute")]
    picks_per_cm: ThreadDensity
    efficiency: Annotated[float, Unit(gt=0, le=1)] | None = None
    running_time: Annotated[float, Unit("hour", gt=0), Field(description="time on the loom")] | None = None
    fabric_length: (
        Annotated[float, Unit("m", gt=0), Field(description="fabric woven in that time")] | None
    ) = None

    @model_validator(mode="after")
    def _efficiency_source(self) -> LoomIn:
        measured = self.running_time is not None and self.fabric_length is not None
        if measured == (self.efficiency is not None):
            raise ValueError("give efficiency, or running_time with fabric_length to measure it")
        return self


class LoomOut(ModelOut):
    theoretical_rate: Annotated[float, Unit("m/hour"), Field(description="at 100 % efficiency")]
    efficiency: Annotated[float, Unit()]
    production_rate: Annotated[float, Unit("m/hour")]


def loom_production(p: LoomIn) -> LoomOut:
    theoretical = p.loom_speed * 60.0 / (p.picks_per_cm * 100.0)  # m/h
    efficiency = p.efficiency
    if p.running_time is not None and p.fabric_length is not None:
        efficiency = p.fabric_length / (theoretical * p.running_time)
    if efficiency is None:
        raise ValueError("give efficiency, or running_time with fabric_length to measure it")
    return LoomOut(
        theoretical_rate=theoretical, efficiency=efficiency, production_rate=theoretical * efficiency
    )


LOOM = ComputationSpec(
    name="industry.loom_production",
    title=LocalizedText(en="Loom production and efficiency", zh="织机产量与效率"),
    kind="model",
    category="industry",
    domains=("production", "operations"),
    industries=INDUSTRIES,
    inputs=LoomIn,
    outputs=LoomOut,
    func=loom_production,
    formula="v = n_picks·60/(PPC·100) m/h; η = L_woven/(v·t); production = v·η",
    reference="Lord & Mohamed, Weaving: Conversion of Yarn to Fabric, 2nd ed. (loom speed, pick density, "
    "loom efficiency = picks inserted / theoretical picks)",
    examples=(
        Example(
            inputs={"loom_speed": 600, "picks_per_cm": 20, "running_time": 8, "fabric_length": 120},
            expected={"theoretical_rate": 18.0, "efficiency": 0.8333333333333334, "production_rate": 15.0},
            source="derived by hand: 600·60/(20·100) = 18 m/h; 8 h → 144 m; 120/144 = 83.3 %",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (FABRIC_GSM, LOOM)

__all__ = ["SPECS", "fabric_gsm", "loom_production"]
