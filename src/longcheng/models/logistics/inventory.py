"""Lot sizing and buffer stock: EOQ, EPQ, safety stock and reorder point."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.logistics._base import INDUSTRIES, INVENTORY_DOMAINS, ModelIn, ModelOut

DAYS_PER_YEAR = 365.25  # pint's year (Julian), so that '1/year' inputs and 'day' outputs agree

# --- economic order quantity --------------------------------------------------------------------------


class EoqIn(ModelIn):
    annual_demand: Annotated[float, Unit("1/year", gt=0), Field(description="units per year")]
    order_cost: Annotated[float, Unit(gt=0), Field(description="fixed cost per order (setup), CNY")]
    holding_cost: Annotated[float, Unit("1/year", gt=0), Field(description="CNY per unit per year")]


class EoqOut(ModelOut):
    order_quantity: Annotated[float, Unit(), Field(description="units per order")]
    orders_per_year: Annotated[float, Unit("1/year")]
    cycle_time: Annotated[float, Unit("day")]
    total_cost: Annotated[float, Unit("1/year"), Field(description="ordering + holding, CNY per year")]


def economic_order_quantity(p: EoqIn) -> EoqOut:
    q = math.sqrt(2.0 * p.annual_demand * p.order_cost / p.holding_cost)
    return EoqOut(
        order_quantity=q,
        orders_per_year=p.annual_demand / q,
        cycle_time=q / p.annual_demand * DAYS_PER_YEAR,
        total_cost=p.annual_demand / q * p.order_cost + q / 2.0 * p.holding_cost,
    )


EOQ = ComputationSpec(
    name="logistics.economic_order_quantity",
    title=LocalizedText(en="Economic order quantity (EOQ)", zh="经济订货批量"),
    kind="model",
    category="logistics",
    domains=INVENTORY_DOMAINS,
    industries=INDUSTRIES,
    inputs=EoqIn,
    outputs=EoqOut,
    func=economic_order_quantity,
    formula="Q* = √(2DS/H); TC = (D/Q)·S + (Q/2)·H",
    reference="Harris (1913) / Wilson EOQ; Silver, Pyke & Thomas, Inventory and Production Management in "
    "Supply Chains, 4th ed., ch. 4",
    examples=(
        Example(
            inputs={"annual_demand": 1000, "order_cost": 10, "holding_cost": 0.5},
            expected={
                "order_quantity": 200.0,
                "orders_per_year": 5.0,
                "total_cost": 100.0,
                "cycle_time": 73.05,
            },
            source="research note §1.12 L1 [C]: D 1000, S 10, H 0.5 → Q* 200; TC = 50 + 50 by hand",
            rel_tol=1e-9,
        ),
    ),
)

# --- economic production quantity ---------------------------------------------------------------------


class EpqIn(EoqIn):
    production_rate: Annotated[
        float, Unit("1/year", gt=0), Field(description="units per year when producing")
    ]

    @model_validator(mode="after")
    def _capacity_exceeds_demand(self) -> EpqIn:
        if self.production_rate <= self.annual_demand:
            raise ValueError("production_rate must exceed annual_demand")
        return self


class EpqOut(ModelOut):
    lot_size: Annotated[float, Unit()]
    max_inventory: Annotated[float, Unit()]
    production_run: Annotated[float, Unit("day"), Field(description="time producing one lot")]
    total_cost: Annotated[float, Unit("1/year"), Field(description="setup + holding, CNY per year")]


def economic_production_quantity(p: EpqIn) -> EpqOut:
    utilisation = p.annual_demand / p.production_rate
    q = math.sqrt(2.0 * p.annual_demand * p.order_cost / (p.holding_cost * (1.0 - utilisation)))
    peak = q * (1.0 - utilisation)
    return EpqOut(
        lot_size=q,
        max_inventory=peak,
        production_run=q / p.production_rate * DAYS_PER_YEAR,
        total_cost=p.annual_demand / q * p.order_cost + peak / 2.0 * p.holding_cost,
    )


EPQ = ComputationSpec(
    name="logistics.economic_production_quantity",
    title=LocalizedText(en="Economic production quantity (EPQ)", zh="经济生产批量"),
    kind="model",
    category="logistics",
    domains=INVENTORY_DOMAINS,
    industries=INDUSTRIES,
    inputs=EpqIn,
    outputs=EpqOut,
    func=economic_production_quantity,
    formula="Q* = √(2DS / (H(1 − D/P))); I_max = Q(1 − D/P)",
    reference="Taft (1918) finite-production-rate lot size; Nahmias & Olsen, Production and Operations "
    "Analysis, 7th ed., ch. 4",
    examples=(
        Example(
            inputs={"annual_demand": 1000, "production_rate": 4000, "order_cost": 10, "holding_cost": 0.5},
            expected={"lot_size": 230.9401076758503, "max_inventory": 173.20508075688772},
            source="research note §1.12 L2 [U], derived by hand: √(2·1000·10 / (0.5·0.75)) = 230.94",
            rel_tol=1e-9,
        ),
    ),
)

# --- safety stock and reorder point -------------------------------------------------------------------


class SafetyStockIn(ModelIn):
    demand_std: Annotated[float, Unit(ge=0), Field(description="std. dev. of demand per period")]
    lead_time: Annotated[float, Unit("day", gt=0)]
    z: Annotated[float, Unit(ge=0), Field(description="safety factor")] | None = None
    service_level: (
        Annotated[float, Unit(gt=0, lt=1), Field(description="cycle service level; gives z = Φ⁻¹(CSL)")]
        | None
    ) = None
    period: Annotated[float, Unit("day", gt=0), Field(description="length of the demand period")] = 1.0
    demand_rate: Annotated[float, Unit("1/day", ge=0), Field(description="mean demand")] = 0.0
    lead_time_std: Annotated[float, Unit("day", ge=0)] = 0.0

    @model_validator(mode="after")
    def _z_or_service_level(self) -> SafetyStockIn:
        if (self.z is None) == (self.service_level is None):
            raise ValueError("give either z or service_level")
        return self

    def safety_factor(self) -> float:
        if self.z is not None:
            return self.z
        from scipy.stats import norm  # noqa: PLC0415 - scipy loads only when a service level is given

        return float(norm.ppf(self.service_level))


class SafetyStockOut(ModelOut):
    z: Annotated[float, Unit()]
    safety_stock: Annotated[float, Unit()]


def _safety_stock(p: SafetyStockIn) -> tuple[float, float]:
    z = p.safety_factor()
    variance = p.lead_time / p.period * p.demand_std**2 + (p.demand_rate * p.lead_time_std) ** 2
    return z, z * math.sqrt(variance)


def safety_stock(p: SafetyStockIn) -> SafetyStockOut:
    z, ss = _safety_stock(p)
    return SafetyStockOut(z=z, safety_stock=ss)


SAFETY_STOCK = ComputationSpec(
    name="logistics.safety_stock",
    title=LocalizedText(en="Safety stock", zh="安全库存"),
    kind="model",
    category="logistics",
    domains=INVENTORY_DOMAINS,
    industries=INDUSTRIES,
    inputs=SafetyStockIn,
    outputs=SafetyStockOut,
    func=safety_stock,
    formula="SS = z·√((L/τ)·σ_d² + d²·σ_L²); z = Φ⁻¹(CSL); with σ_L = 0: SS = z·σ_d·√(L/τ)",
    reference="Silver, Pyke & Thomas, Inventory and Production Management in Supply Chains, 4th ed., ch. 6; "
    "scipy.stats.norm.ppf for Φ⁻¹",
    examples=(
        Example(
            inputs={"z": 1.645, "demand_std": 10, "lead_time": 4},
            expected={"safety_stock": 32.9},
            source="research note §1.12 L3 [C]: z 1.645, σ_d 10, L 4 → 32.9",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"service_level": 0.95, "demand_std": 10, "lead_time": 4},
            expected={"z": 1.6448536269514722, "safety_stock": 32.897072539029445},
            source="standard normal table z(0.95) = 1.64485; 1.64485 × 10 × √4",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"z": 2, "demand_std": 10, "lead_time": 4, "demand_rate": 50, "lead_time_std": 1},
            expected={"safety_stock": 107.70329614269008},
            source="derived by hand: 2·√(4·10² + (50·1)²) = 2·√2900 = 107.703",
            rel_tol=1e-9,
        ),
    ),
)


class ReorderPointIn(SafetyStockIn):
    demand_rate: Annotated[float, Unit("1/day", ge=0), Field(description="mean demand")]


class ReorderPointOut(SafetyStockOut):
    reorder_point: Annotated[float, Unit(), Field(description="inventory position that triggers an order")]
    lead_time_demand: Annotated[float, Unit()]


def reorder_point(p: ReorderPointIn) -> ReorderPointOut:
    z, ss = _safety_stock(p)
    mean = p.demand_rate * p.lead_time
    return ReorderPointOut(z=z, safety_stock=ss, lead_time_demand=mean, reorder_point=mean + ss)


REORDER_POINT = ComputationSpec(
    name="logistics.reorder_point",
    title=LocalizedText(en="Reorder point with safety stock", zh="再订货点"),
    kind="model",
    category="logistics",
    domains=INVENTORY_DOMAINS,
    industries=INDUSTRIES,
    inputs=ReorderPointIn,
    outputs=ReorderPointOut,
    func=reorder_point,
    formula="ROP = d·L + z·√((L/τ)·σ_d² + d²·σ_L²)",
    reference="Silver, Pyke & Thomas, Inventory and Production Management in Supply Chains, 4th ed., ch. 6 "
    "((s, Q) system)",
    examples=(
        Example(
            inputs={"demand_rate": 50, "lead_time": 4, "z": 1.645, "demand_std": 10},
            expected={"reorder_point": 232.9, "lead_time_demand": 200.0},
            source="research note §1.12 L5 [C]: d 50, L 4, SS 32.9 → 232.9",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (EOQ, EPQ, SAFETY_STOCK, REORDER_POINT)

__all__ = [
    "SPECS",
    "economic_order_quantity",
    "economic_production_quantity",
    "reorder_point",
    "safety_stock",
]
