"""Food and process thermal operations: sterilisation/pasteurisation lethality, dryer and evaporator
balances."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.industry._base import ModelIn, ModelOut

# --- thermal lethality (F0 / P-value) -----------------------------------------------------------------


class LethalityIn(ModelIn):
    times: list[Annotated[float, Unit("min", ge=0)]] = Field(min_length=2, description="increasing")
    temperatures: list[Annotated[float, Unit("degC")]] = Field(min_length=2, description="at the cold spot")
    reference_temperature: Annotated[float, Unit("degC"), Field(description="121.1 °C for F0")] = 121.1
    z_value: Annotated[float, Unit("delta_degC", gt=0), Field(description="z, 10 K for F0")] = 10.0

    @model_validator(mode="after")
    def _profile(self) -> LethalityIn:
        if len(self.times) != len(self.temperatures):
            raise ValueError("times and temperatures must have the same length")
        if any(b <= a for a, b in zip(self.times, self.times[1:], strict=False)):
            raise ValueError("times must increase")
        return self


class LethalityOut(ModelOut):
    lethality: Annotated[float, Unit("min"), Field(description="F (or P) value: equivalent minutes at T_ref")]
    peak_lethal_rate: Annotated[float, Unit()]


def thermal_lethality(p: LethalityIn) -> LethalityOut:
    import numpy as np  # noqa: PLC0415
    from scipy.integrate import trapezoid  # noqa: PLC0415 - deferred: scipy loads on first use

    rates = 10.0 ** ((np.asarray(p.temperatures) - p.reference_temperature) / p.z_value)
    return LethalityOut(lethality=float(trapezoid(rates, p.times)), peak_lethal_rate=float(rates.max()))


LETHALITY = ComputationSpec(
    name="industry.thermal_lethality",
    title=LocalizedText(en="Sterilisation / pasteurisation lethality (F0, P-value)", zh="杀菌强度F值"),
    kind="model",
    category="industry",
    domains=("production", "rd_design", "operations"),
    industries=("food", "pharmaceutical"),
    inputs=LethalityIn,
    outputs=LethalityOut,
    func=thermal_lethality,
    formula="L(t) = 10^((T(t) − T_ref)/z); F = ∫ L dt (trapezoidal rule, Bigelow general method)",
    reference="Holdsworth & Simpson, Thermal Processing of Packaged Foods, 3rd ed., Springer 2016 (general "
    "method, F0 with T_ref 121.1 °C, z 10 °C); scipy.integrate.trapezoid",
    examples=(
        Example(
            inputs={"times": [0, 3], "temperatures": [121.1, 121.1]},
            expected={"lethality": 3.0, "peak_lethal_rate": 1.0},
            source="definition of F0: 3 min at 121.1 °C is F0 = 3 min",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"times": [0, 1, 2, 3, 4], "temperatures": [111.1, 121.1, 121.1, 121.1, 111.1]},
            expected={"lethality": 3.1},
            source="derived by hand: lethal rates 0.1, 1, 1, 1, 0.1 → 0.55 + 1 + 1 + 0.55 = 3.1 min",
            rel_tol=1e-9,
        ),
    ),
)

# --- dryer moisture balance ---------------------------------------------------------------------------

WetBasis = Annotated[float, Unit(ge=0, lt=1), Field(description="moisture, wet basis (kg water/kg total)")]


class DryerIn(ModelIn):
    wet_feed: Annotated[float, Unit("kg/hour", gt=0)]
    moisture_in: WetBasis
    moisture_out: WetBasis
    heat_input: Annotated[float, Unit("kW", gt=0), Field(description="heat supplied to the dryer")] | None = (
        None
    )

    @model_validator(mode="after")
    def _drying(self) -> DryerIn:
        if self.moisture_out >= self.moisture_in:
            raise ValueError("moisture_out must be below moisture_in")
        return self


class DryerOut(ModelOut):
    dry_solids: Annotated[float, Unit("kg/hour")]
    product: Annotated[float, Unit("kg/hour")]
    water_evaporated: Annotated[float, Unit("kg/hour")]
    moisture_in_dry_basis: Annotated[float, Unit(), Field(description="kg water/kg dry solid")]
    moisture_out_dry_basis: Annotated[float, Unit()]
    specific_energy: Annotated[float, Unit("kJ/kg"), Field(description="per kg water evaporated")] | None


def dryer_balance(p: DryerIn) -> DryerOut:
    solids = p.wet_feed * (1.0 - p.moisture_in)
    product = solids / (1.0 - p.moisture_out)
    water = p.wet_feed - product
    energy = p.heat_input * 3600.0 / water if p.heat_input is not None else None
    return DryerOut(
        dry_solids=solids,
        product=product,
        water_evaporated=water,
        moisture_in_dry_basis=p.moisture_in / (1.0 - p.moisture_in),
        moisture_out_dry_basis=p.moisture_out / (1.0 - p.moisture_out),
        specific_energy=energy,
    )


DRYER = ComputationSpec(
    name="industry.dryer_balance",
    title=LocalizedText(en="Dryer moisture balance and specific energy", zh="干燥器水分衡算"),
    kind="model",
    category="industry",
    domains=("production", "rd_design", "operations"),
    industries=("food", "chemical", "pharmaceutical", "building_materials", "light_industry"),
    inputs=DryerIn,
    outputs=DryerOut,
    func=dryer_balance,
    formula="S = F(1 − w₁); P = S/(1 − w₂); W = F − P; X = w/(1 − w); e = Q/W",
    reference="Mujumdar (ed.), Handbook of Industrial Drying, 4th ed., CRC 2014, ch. 1 (moisture content "
    "bases, mass balance); Geankoplis, Transport Processes and Separation Process Principles, 4th ed., ch. 9",
    examples=(
        Example(
            inputs={"wet_feed": 1000, "moisture_in": 0.40, "moisture_out": 0.05, "heat_input": 300},
            expected={
                "dry_solids": 600.0,
                "product": 631.578947368421,
                "water_evaporated": 368.42105263157896,
                "moisture_in_dry_basis": 0.6666666666666667,
                "specific_energy": 2931.4285714285716,
            },
            source="derived by hand: 1000·0.6 = 600; 600/0.95 = 631.58; 368.42 kg/h water; "
            "300 kW·3600/368.42 = 2 931 kJ/kg",
            rel_tol=1e-9,
        ),
    ),
)

# --- single-effect evaporator -------------------------------------------------------------------------

SolidsFraction = Annotated[float, Unit(gt=0, lt=1), Field(description="mass fraction of solute")]


class EvaporatorIn(ModelIn):
    feed: Annotated[float, Unit("kg/hour", gt=0)]
    feed_solids: SolidsFraction
    product_solids: SolidsFraction
    feed_temperature: Annotated[float, Unit("degC")] | None = None
    boiling_temperature: Annotated[float, Unit("degC")] | None = None
    feed_heat_capacity: Annotated[float, Unit("kJ/(kg*K)", gt=0)] | None = None
    vapour_latent_heat: (
        Annotated[float, Unit("kJ/kg", gt=0), Field(description="h_v over liquid at the boiling point")]
        | None
    ) = None
    steam_latent_heat: Annotated[float, Unit("kJ/kg", gt=0)] | None = None

    @model_validator(mode="after")
    def _concentrating(self) -> EvaporatorIn:
        if self.product_solids <= self.feed_solids:
            raise ValueError("product_solids must exceed feed_solids")
        return self


class EvaporatorOut(ModelOut):
    product: Annotated[float, Unit("kg/hour"), Field(description="concentrate L")]
    evaporation: Annotated[float, Unit("kg/hour"), Field(description="vapour V")]
    steam: Annotated[float, Unit("kg/hour")] | None
    economy: Annotated[float, Unit(), Field(description="V/S")] | None


def _steam(p: EvaporatorIn, vapour: float) -> float | None:
    parts = (p.feed_temperature, p.boiling_temperature, p.feed_heat_capacity, p.vapour_latent_heat)
    if p.steam_latent_heat is None or any(v is None for v in parts):
        return None
    t_f, t_b, cp, h_v = (float(v) for v in parts if v is not None)
    feed_enthalpy = cp * (t_f - t_b)  # datum: liquid at the boiling point
    return (vapour * h_v - p.feed * feed_enthalpy) / p.steam_latent_heat


def evaporator_balance(p: EvaporatorIn) -> EvaporatorOut:
    product = p.feed * p.feed_solids / p.product_solids
    vapour = p.feed - product
    steam = _steam(p, vapour)
    return EvaporatorOut(
        product=product, evaporation=vapour, steam=steam, economy=vapour / steam if steam else None
    )


EVAPORATOR = ComputationSpec(
    name="industry.evaporator_balance",
    title=LocalizedText(en="Single-effect evaporator mass and heat balance", zh="单效蒸发器物料与热量衡算"),
    kind="model",
    category="industry",
    domains=("production", "rd_design", "operations"),
    industries=("food", "chemical", "light_industry", "pharmaceutical"),
    inputs=EvaporatorIn,
    outputs=EvaporatorOut,
    func=evaporator_balance,
    formula="F·x_F = L·x_L; V = F − L; S·λ_s = V·h_v − F·c_p(T_F − T_1); economy = V/S",
    reference="Geankoplis, Transport Processes and Separation Process Principles, 4th ed., §8.4 "
    "(single-effect evaporators), Example 8.4-1",
    examples=(
        Example(
            inputs={
                "feed": 9072,
                "feed_solids": 0.01,
                "product_solids": 0.015,
                "feed_temperature": 37.8,
                "boiling_temperature": 100.0,
                "feed_heat_capacity": 4.14,
                "vapour_latent_heat": 2257,
                "steam_latent_heat": 2230,
            },
            expected={"product": 6048.0, "evaporation": 3024.0, "steam": 4108.0},
            source="Geankoplis Example 8.4-1: 9 072 kg/h of 1.0 wt% salt to 1.5 wt% → L 6 048, V 3 024, "
            "S 4 108 kg/h",
            rel_tol=1e-3,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (LETHALITY, DRYER, EVAPORATOR)

__all__ = ["SPECS", "dryer_balance", "evaporator_balance", "thermal_lethality"]
