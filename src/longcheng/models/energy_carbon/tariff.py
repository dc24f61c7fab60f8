"""Chinese electricity tariffs: time-of-use energy charge, two-part basic charge, power-factor adjustment.

Money is in yuan (CNY) carried as a dimensionless number; prices are ``1/kWh`` or ``1/kW`` quantities.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.energy_carbon._base import ModelIn, ModelOut

DOMAINS = ("operations", "enterprise_management")
INDUSTRIES = ("general", "energy", "machinery", "metallurgy", "chemical", "textile")

Energy = Annotated[float, Unit("kWh", ge=0)]
Price = Annotated[float, Unit("1/kWh", ge=0), Field(description="CNY per kWh")]

# --- time-of-use energy charge ------------------------------------------------------------------------

_PERIODS = ("sharp", "peak", "flat", "valley", "deep_valley")


class TouIn(ModelIn):
    peak_energy: Energy
    flat_energy: Energy
    valley_energy: Energy
    peak_price: Price
    flat_price: Price
    valley_price: Price
    sharp_energy: Energy = 0.0
    deep_valley_energy: Energy = 0.0
    sharp_price: Price | None = None
    deep_valley_price: Price | None = None

    @model_validator(mode="after")
    def _priced(self) -> TouIn:
        for period in ("sharp", "deep_valley"):
            if getattr(self, f"{period}_energy") > 0 and getattr(self, f"{period}_price") is None:
                raise ValueError(f"{period}_energy needs {period}_price")
        return self


class TouOut(ModelOut):
    cost: Annotated[float, Unit(), Field(description="energy charge, CNY")]
    average_price: Annotated[float, Unit("1/kWh"), Field(description="CNY per kWh")] | None
    peak_valley_ratio: Annotated[float, Unit()] | None


def time_of_use_cost(p: TouIn) -> TouOut:
    cost = sum(getattr(p, f"{k}_energy") * (getattr(p, f"{k}_price") or 0.0) for k in _PERIODS)
    energy = sum(getattr(p, f"{k}_energy") for k in _PERIODS)
    return TouOut(
        cost=cost,
        average_price=cost / energy if energy > 0 else None,
        peak_valley_ratio=p.peak_price / p.valley_price if p.valley_price > 0 else None,
    )


TOU = ComputationSpec(
    name="energy_carbon.time_of_use_cost",
    title=LocalizedText(en="Time-of-use (peak/valley) electricity charge", zh="峰谷分时电费"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=TouIn,
    outputs=TouOut,
    func=time_of_use_cost,
    formula="C = Σ E_period × p_period (尖峰/高峰/平段/低谷/深谷); p̄ = C / ΣE; ratio = p_peak / p_valley",
    reference="国家发展改革委 关于进一步完善分时电价机制的通知 (发改价格〔2021〕1093号): "
    "peak-valley price ratio ≥ 4:1 where the peak-valley load difference exceeds 40 %,"
    " otherwise ≥ 3:1; sharp ≥ 1.2 × peak",
    examples=(
        Example(
            inputs={
                "peak_energy": 1000,
                "flat_energy": 2000,
                "valley_energy": 1000,
                "peak_price": 1.0,
                "flat_price": 0.6,
                "valley_price": 0.3,
            },
            expected={"cost": 2500.0, "average_price": 0.625, "peak_valley_ratio": 3.3333333333333335},
            source="derived by hand: 1 000 × 1.0 + 2 000 × 0.6 + 1 000 × 0.3 = 2 500 CNY over 4 000 kWh",
            rel_tol=1e-9,
        ),
    ),
)

# --- two-part tariff: basic (demand or capacity) charge ----------------------------------------------


class DemandChargeIn(ModelIn):
    basis: Literal["contract_demand", "actual_demand", "capacity"] = Field(description="基本电费计费方式")
    price: Annotated[float, Unit("1/kW", ge=0), Field(description="CNY per kW (or kVA) per month")]
    contract_demand: Annotated[float, Unit("kW", gt=0), Field(description="合同最大需量")] | None = None
    max_demand: Annotated[float, Unit("kW", ge=0), Field(description="实际最大需量 of the month")] | None = (
        None
    )
    capacity: Annotated[float, Unit("kVA", gt=0), Field(description="受电变压器容量")] | None = None

    @model_validator(mode="after")
    def _inputs_for_basis(self) -> DemandChargeIn:
        needed = {
            "contract_demand": ("contract_demand", "max_demand"),
            "actual_demand": ("max_demand",),
            "capacity": ("capacity",),
        }[self.basis]
        missing = [name for name in needed if getattr(self, name) is None]
        if missing:
            raise ValueError(f"basis {self.basis!r} needs {', '.join(missing)}")
        return self


class DemandChargeOut(ModelOut):
    charge: Annotated[float, Unit(), Field(description="basic charge of the month, CNY")]
    excess_demand: Annotated[float, Unit("kW"), Field(description="demand above 105 % of the contract")]


def demand_charge(p: DemandChargeIn) -> DemandChargeOut:
    if p.basis == "capacity" and p.capacity is not None:
        return DemandChargeOut(charge=p.capacity * p.price, excess_demand=0.0)
    if p.basis == "actual_demand" and p.max_demand is not None:
        return DemandChargeOut(charge=p.max_demand * p.price, excess_demand=0.0)
    if p.contract_demand is None or p.max_demand is None:
        raise ValueError("basis 'contract_demand' needs contract_demand and max_demand")
    allowed = 1.05 * p.contract_demand
    excess = max(p.max_demand - allowed, 0.0)
    charge = (allowed if excess > 0 else p.contract_demand) * p.price + 2.0 * excess * p.price
    return DemandChargeOut(charge=charge, excess_demand=excess)


DEMAND_CHARGE = ComputationSpec(
    name="energy_carbon.demand_charge",
    title=LocalizedText(en="Two-part tariff basic (demand/capacity) charge", zh="两部制基本电费"),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=DemandChargeIn,
    outputs=DemandChargeOut,
    func=demand_charge,
    formula="capacity: C = S × p; actual demand: C = P_max × p; contract demand: C = P_c × p if "
    "P_max ≤ 1.05 P_c, else C = 1.05 P_c × p + 2 (P_max − 1.05 P_c) × p",
    reference="国家发展改革委办公厅 关于完善两部制电价用户基本电价执行方式的通知 (发改办价格〔2016〕1583号): "
    "demand above 105 % of the contract value is charged double",
    examples=(
        Example(
            inputs={"basis": "contract_demand", "price": 40, "contract_demand": 1000, "max_demand": 1200},
            expected={"charge": 54000.0, "excess_demand": 150.0},
            source="derived by hand from 发改办价格〔2016〕1583号: "
            "1 050 kW × 40 + 150 kW × 2 × 40 = 54 000 CNY",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"basis": "contract_demand", "price": 40, "contract_demand": 1000, "max_demand": 1030},
            expected={"charge": 40000.0, "excess_demand": 0.0},
            source="derived by hand: within 105 % the contract value is billed, 1 000 kW × 40 = 40 000 CNY",
            rel_tol=1e-9,
        ),
    ),
)

# --- power-factor adjustment --------------------------------------------------------------------------

_BONUS_STEPS = {90: (0, 5), 85: (5, 4), 80: (10, 2)}  # hundredths at 0.10 %, then at 0.15 %


def adjustment_rate(power_factor: float, standard: int) -> float:
    """Percent added to (+) or taken off (−) the bill; ``standard`` in hundredths (90, 85 or 80)."""
    k = math.floor(power_factor * 100.0 + 0.5 + 1e-9)  # the 办法 rounds to two decimals, half up
    if k >= standard:
        slow, fast = _BONUS_STEPS[standard]
        above = k - standard
        return -(0.10 * min(above, slow) + 0.15 * min(max(above - slow, 0), fast))
    below = standard - k
    return 0.5 * min(below, 20) + 1.0 * min(max(below - 20, 0), 5) + 2.0 * max(below - 25, 0)


class PowerFactorIn(ModelIn):
    standard: Literal["0.90", "0.85", "0.80"] = Field(description="考核标准: 0.90 / 0.85 / 0.80")
    charge: Annotated[float, Unit(ge=0), Field(description="basic + energy charge of the month, CNY")]
    active_energy: Annotated[float, Unit("kWh", gt=0)] | None = None
    reactive_energy: Annotated[float, Unit("kWh", ge=0), Field(description="kvarh, metered")] | None = None
    power_factor: Annotated[float, Unit(gt=0, le=1), Field(description="monthly average")] | None = None

    @model_validator(mode="after")
    def _one_source(self) -> PowerFactorIn:
        metered = self.active_energy is not None and self.reactive_energy is not None
        if metered == (self.power_factor is not None):
            raise ValueError("give active_energy with reactive_energy, or power_factor")
        return self


class PowerFactorOut(ModelOut):
    power_factor: Annotated[float, Unit(), Field(description="rounded to two decimals")]
    rate: Annotated[float, Unit("percent"), Field(description="+ surcharge / − reduction")]
    adjustment: Annotated[float, Unit(), Field(description="CNY")]


def power_factor_adjustment(p: PowerFactorIn) -> PowerFactorOut:
    pf = p.power_factor
    if pf is None and p.active_energy is not None and p.reactive_energy is not None:
        pf = p.active_energy / math.hypot(p.active_energy, p.reactive_energy)
    if pf is None:
        raise ValueError("give active_energy with reactive_energy, or power_factor")
    rate = adjustment_rate(pf, round(float(p.standard) * 100))
    rounded = math.floor(pf * 100.0 + 0.5 + 1e-9) / 100.0
    return PowerFactorOut(power_factor=rounded, rate=rate, adjustment=p.charge * rate / 100.0)


POWER_FACTOR = ComputationSpec(
    name="energy_carbon.power_factor_adjustment",
    title=LocalizedText(
        en="Power-factor adjustment of the electricity bill", zh="功率因数调整电费(力调电费)"
    ),
    kind="model",
    category="energy_carbon",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=PowerFactorIn,
    outputs=PowerFactorOut,
    func=power_factor_adjustment,
    formula="cosφ = W_P/√(W_P² + W_Q²), rounded to 0.01; below the standard +0.5 %/0.01 for 0.20, "
    "+1 %/0.01 for the next 0.05, +2 %/0.01 beyond; above it −0.10 % or −0.15 %/0.01 up to the table cap",
    reference="水利电力部 国家物价局 功率因数调整电费办法 ((83)水电财字第215号), "
    "tables for the 0.90, 0.85 and 0.80 standards; adjustment applies to basic + energy charges",
    examples=(
        Example(
            inputs={"standard": "0.90", "charge": 10000, "active_energy": 600, "reactive_energy": 800},
            expected={"power_factor": 0.6, "rate": 25.0, "adjustment": 2500.0},
            source="功率因数调整电费办法, 0.90 table: cosφ 0.60 → +25 % (20 × 0.5 % + 5 × 1 % + 5 × 2 %)",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"standard": "0.90", "charge": 100000, "power_factor": 0.953},
            expected={"power_factor": 0.95, "rate": -0.75, "adjustment": -750.0},
            source="功率因数调整电费办法, 0.90 table: 0.95–1.00 → −0.75 %",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (TOU, DEMAND_CHARGE, POWER_FACTOR)

__all__ = ["SPECS", "adjustment_rate", "demand_charge", "power_factor_adjustment", "time_of_use_cost"]
