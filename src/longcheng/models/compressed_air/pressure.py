"""Receivers and pressure: receiver sizing (storage and cycling), pressure-reduction saving, pressure-drop
energy penalty."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.compressed_air._base import DOE_SOURCEBOOK, P_ATM, ModelIn, ModelOut

ATLAS_COPCO = "Atlas Copco, Compressed Air Manual, 8th ed. (2015)"
Exponent = Annotated[float, Unit(gt=1, le=1.67), Field(description="isentropic exponent k")]


def _adiabatic_term(ratio: float, k: float) -> float:
    return float(ratio ** ((k - 1) / k)) - 1


# --- receiver sizing for a demand event -------------------------------------------------------------------


class StorageIn(ModelIn):
    duration: Annotated[float, Unit("min", gt=0), Field(description="length of the demand event")]
    demand: Annotated[float, Unit("m**3/min", ge=0), Field(description="free air demanded")]
    supply: Annotated[float, Unit("m**3/min", ge=0), Field(description="free air the compressors supply")]
    pressure_band: Annotated[float, Unit("Pa", gt=0), Field(description="allowed drop p₁ − p₂")]
    atmospheric_pressure: Annotated[float, Unit("Pa", gt=0)] = P_ATM


class StorageOut(ModelOut):
    volume: Annotated[float, Unit("m**3")]


def receiver_storage_volume(p: StorageIn) -> StorageOut:
    deficit = max(p.demand - p.supply, 0.0)
    return StorageOut(volume=p.duration * deficit * p.atmospheric_pressure / p.pressure_band)


STORAGE = ComputationSpec(
    name="compressed_air.receiver_storage_volume",
    title=LocalizedText(en="Air receiver for a peak-demand event", zh="储气罐容积（峰值用气）"),
    kind="model",
    category="compressed_air",
    domains=("rd_design", "operations"),
    industries=("general", "machinery", "automotive", "textile", "electronics"),
    inputs=StorageIn,
    outputs=StorageOut,
    func=receiver_storage_volume,
    formula="V = t·(C − S)·p_a/(p₁ − p₂)",
    reference=f"{DOE_SOURCEBOOK}, fact sheet 'Compressed Air Storage' (receiver sizing equation)",
    examples=(
        Example(
            inputs={"duration": 2, "demand": 12, "supply": 9, "pressure_band": 1e5},
            expected={"volume": 6.0795},
            source="by hand: 2 min × 3 m³/min × 1.01325 bar / 1 bar = 6.08 m³",
            rel_tol=1e-9,
        ),
    ),
)

# --- receiver sizing for load/unload cycling --------------------------------------------------------------


class CyclingIn(ModelIn):
    capacity: Annotated[float, Unit("m**3/s", gt=0), Field(description="compressor FAD")]
    pressure_band: Annotated[float, Unit("Pa", gt=0), Field(description="unload − load pressure")]
    max_cycle_frequency: Annotated[float, Unit("Hz", gt=0), Field(description="e.g. 1 cycle per 30 s")]
    inlet_pressure: Annotated[float, Unit("Pa", gt=0)] = 100000.0
    inlet_temperature: Annotated[float, Unit("K", gt=0)] = 293.15
    receiver_temperature: Annotated[float, Unit("K", gt=0)] = 313.15


def receiver_cycling_volume(p: CyclingIn) -> StorageOut:
    volume = 0.25 * p.capacity * p.inlet_pressure * p.receiver_temperature
    volume /= p.max_cycle_frequency * p.pressure_band * p.inlet_temperature
    return StorageOut(volume=volume)


CYCLING = ComputationSpec(
    name="compressed_air.receiver_cycling_volume",
    title=LocalizedText(en="Air receiver for load/unload cycling", zh="储气罐容积（加卸载循环）"),
    kind="model",
    category="compressed_air",
    domains=("rd_design", "operations"),
    industries=("general", "machinery", "automotive", "textile", "electronics"),
    inputs=CyclingIn,
    outputs=StorageOut,
    func=receiver_cycling_volume,
    formula="V = 0.25·q_C·p₁·T₀ / (f_max·(p_U − p_L)·T₁)  (worst case at 50 % load)",
    reference=f"{ATLAS_COPCO}, ch. 3 (dimensioning the air receiver)",
    examples=(
        Example(
            inputs={"capacity": "100 L/s", "pressure_band": "0.5 bar", "max_cycle_frequency": "2 / min"},
            expected={"volume": 1.6023367},
            source="by hand: 0.25 × 100 l/s × 1 bar × 313 K / (1/30 s⁻¹ × 0.5 bar × 293 K) = 1602 l",
            rel_tol=1e-7,
        ),
    ),
)

# --- saving from a lower discharge pressure ---------------------------------------------------------------


class ReductionIn(ModelIn):
    power: Annotated[float, Unit("kW", gt=0), Field(description="compressor input power now")]
    discharge_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute, now")]
    new_discharge_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute, proposed")]
    inlet_pressure: Annotated[float, Unit("Pa", gt=0)] = P_ATM
    isentropic_exponent: Exponent = 1.4
    hours: Annotated[float, Unit("h", ge=0, le=8784)] | None = None
    electricity_price: Annotated[float, Unit("1/kWh", ge=0)] | None = None

    @model_validator(mode="after")
    def _above_inlet(self) -> Self:
        if min(self.discharge_pressure, self.new_discharge_pressure) <= self.inlet_pressure:
            raise ValueError("discharge pressures must exceed the inlet pressure")
        return self


class ReductionOut(ModelOut):
    saving_fraction: Annotated[float, Unit()]
    power_saving: Annotated[float, Unit("kW")]
    energy_saving: Annotated[float, Unit("kWh"), Field(description="per year")] | None
    cost_saving: Annotated[float, Unit(), Field(description="currency per year")] | None


def pressure_reduction_saving(p: ReductionIn) -> ReductionOut:
    k, p1 = p.isentropic_exponent, p.inlet_pressure
    fraction = 1 - _adiabatic_term(p.new_discharge_pressure / p1, k) / _adiabatic_term(
        p.discharge_pressure / p1, k
    )
    saving = p.power * fraction
    energy = None if p.hours is None else saving * p.hours
    price = p.electricity_price
    return ReductionOut(
        saving_fraction=fraction,
        power_saving=saving,
        energy_saving=energy,
        cost_saving=None if energy is None or price is None else energy * price,
    )


REDUCTION = ComputationSpec(
    name="compressed_air.pressure_reduction_saving",
    title=LocalizedText(en="Energy saved by lowering the discharge pressure", zh="降低排气压力节能量"),
    kind="model",
    category="compressed_air",
    domains=("operations", "enterprise_management", "production"),
    industries=("general", "machinery", "automotive", "textile", "electronics", "food"),
    inputs=ReductionIn,
    outputs=ReductionOut,
    func=pressure_reduction_saving,
    formula="saving = 1 − [(p₂'/p₁)^((k−1)/k) − 1]/[(p₂/p₁)^((k−1)/k) − 1] (same FAD, adiabatic work); "
    "ΔP = P·saving; ΔE = ΔP·h",
    reference=f"{DOE_SOURCEBOOK} (≈1 % per 2 psi near 100 psig); adiabatic compression work, Couper et al., "
    "Chemical Process Equipment, 2nd ed., ch. 7",
    examples=(
        Example(
            inputs={
                "power": 100,
                "discharge_pressure": 8e5,
                "new_discharge_pressure": 7e5,
                "inlet_pressure": 1e5,
                "hours": 8000,
                "electricity_price": 0.7,
            },
            expected={"saving_fraction": 0.083564628, "energy_saving": 66851.703, "cost_saving": 46796.192},
            source="by hand: 1 − (7^0.2857 − 1)/(8^0.2857 − 1) = 8.36 % of 100 kW, 8000 h, 0.7 per kWh",
            rel_tol=1e-7,
        ),
    ),
)

# --- pressure-drop energy penalty -------------------------------------------------------------------------


class PenaltyIn(ModelIn):
    flow: Annotated[float, Unit("m**3/min", gt=0), Field(description="free air through the component")]
    discharge_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute, needed after it")]
    pressure_drop: Annotated[float, Unit("Pa", ge=0), Field(description="across filter, dryer or piping")]
    efficiency: Annotated[float, Unit(gt=0, le=1), Field(description="isentropic efficiency of the package")]
    inlet_pressure: Annotated[float, Unit("Pa", gt=0)] = P_ATM
    isentropic_exponent: Exponent = 1.4
    hours: Annotated[float, Unit("h", ge=0, le=8784)] | None = None
    electricity_price: Annotated[float, Unit("1/kWh", ge=0)] | None = None

    @model_validator(mode="after")
    def _above_inlet(self) -> Self:
        if self.discharge_pressure <= self.inlet_pressure:
            raise ValueError("discharge pressure must exceed the inlet pressure")
        return self


class PenaltyOut(ModelOut):
    extra_power: Annotated[float, Unit("kW")]
    extra_fraction: Annotated[float, Unit(), Field(description="of the power without the drop")]
    annual_energy: Annotated[float, Unit("kWh")] | None
    annual_cost: Annotated[float, Unit(), Field(description="currency per year")] | None


def pressure_drop_penalty(p: PenaltyIn) -> PenaltyOut:
    k, p1 = p.isentropic_exponent, p.inlet_pressure
    scale = k / (k - 1) * p1 * p.flow / 60.0 / p.efficiency / 1000.0  # kW per unit of the adiabatic term
    base = scale * _adiabatic_term(p.discharge_pressure / p1, k)
    extra = scale * _adiabatic_term((p.discharge_pressure + p.pressure_drop) / p1, k) - base
    energy = None if p.hours is None else extra * p.hours
    price = p.electricity_price
    return PenaltyOut(
        extra_power=extra,
        extra_fraction=extra / base,
        annual_energy=energy,
        annual_cost=None if energy is None or price is None else energy * price,
    )


PENALTY = ComputationSpec(
    name="compressed_air.pressure_drop_penalty",
    title=LocalizedText(en="Energy penalty of a pressure drop", zh="压降造成的额外压缩能耗"),
    kind="model",
    category="compressed_air",
    domains=("operations", "enterprise_management", "rd_design"),
    industries=("general", "machinery", "automotive", "textile", "electronics", "food"),
    inputs=PenaltyIn,
    outputs=PenaltyOut,
    func=pressure_drop_penalty,
    formula="ΔP = k/(k−1)·p₁·V̇/η·[((p₂ + Δp)/p₁)^((k−1)/k) − (p₂/p₁)^((k−1)/k)]",
    reference=f"{DOE_SOURCEBOOK}, fact sheet 'Pressure Drop and Controlling System Pressure'; "
    "adiabatic work, Couper et al., Chemical Process Equipment, 2nd ed., ch. 7",
    examples=(
        Example(
            inputs={
                "flow": 10,
                "discharge_pressure": 7e5,
                "pressure_drop": 0.3e5,
                "efficiency": 0.7,
                "inlet_pressure": 1e5,
            },
            expected={"extra_power": 1.7526386, "extra_fraction": 0.028282087},
            source="by hand: 3.5 × 1e5 Pa × (10/60) m³/s / 0.7 × (7.3^0.2857 − 7^0.2857) = 1.753 kW",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (STORAGE, CYCLING, REDUCTION, PENALTY)

__all__ = [
    "SPECS",
    "pressure_drop_penalty",
    "pressure_reduction_saving",
    "receiver_cycling_volume",
    "receiver_storage_volume",
]
