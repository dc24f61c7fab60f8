"""Service and stock performance: fill rate, newsvendor quantity, inventory turnover."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.logistics._base import INDUSTRIES, INVENTORY_DOMAINS, ModelIn, ModelOut

# --- fill rate of an (s, Q) policy with normal lead-time demand ---------------------------------------


class FillRateIn(ModelIn):
    lead_time_demand_mean: Annotated[float, Unit(ge=0), Field(description="μ_L, units")]
    lead_time_demand_std: Annotated[float, Unit(gt=0), Field(description="σ_L, units")]
    reorder_point: Annotated[float, Unit(ge=0), Field(description="s, units")]
    order_quantity: Annotated[float, Unit(gt=0), Field(description="Q, units")]


class FillRateOut(ModelOut):
    z: Annotated[float, Unit()]
    cycle_service_level: Annotated[float, Unit(), Field(description="P(no stock-out in a cycle) = Φ(z)")]
    loss_function: Annotated[float, Unit(), Field(description="standard normal loss G(z)")]
    expected_shortage: Annotated[float, Unit(), Field(description="units short per cycle = σ_L·G(z)")]
    fill_rate: Annotated[float, Unit(), Field(description="fraction of demand met from stock")]


def fill_rate(p: FillRateIn) -> FillRateOut:
    from scipy.stats import norm  # noqa: PLC0415 - deferred: scipy.stats is slow to import

    z = (p.reorder_point - p.lead_time_demand_mean) / p.lead_time_demand_std
    loss = float(norm.pdf(z) - z * norm.sf(z))
    shortage = p.lead_time_demand_std * loss
    return FillRateOut(
        z=z,
        cycle_service_level=float(norm.cdf(z)),
        loss_function=loss,
        expected_shortage=shortage,
        fill_rate=1.0 - shortage / p.order_quantity,
    )


FILL_RATE = ComputationSpec(
    name="logistics.fill_rate",
    title=LocalizedText(en="Fill rate of a reorder-point policy", zh="订单满足率(现货供应率)"),
    kind="model",
    category="logistics",
    domains=INVENTORY_DOMAINS,
    industries=INDUSTRIES,
    inputs=FillRateIn,
    outputs=FillRateOut,
    func=fill_rate,
    formula="z = (s − μ_L)/σ_L; G(z) = φ(z) − z·(1 − Φ(z)); ESC = σ_L·G(z); β = 1 − ESC/Q",
    reference="Silver, Pyke & Thomas, Inventory and Production Management in Supply Chains, 4th ed., ch. 6 "
    "(P2 fill rate, unit normal loss function); scipy.stats.norm",
    examples=(
        Example(
            inputs={
                "lead_time_demand_mean": 200,
                "lead_time_demand_std": 20,
                "reorder_point": 220,
                "order_quantity": 200,
            },
            expected={"loss_function": 0.0833, "cycle_service_level": 0.8413, "fill_rate": 0.99167},
            source="unit normal loss table G(1.00) = 0.0833, Φ(1.00) = 0.8413; β = 1 − 20·0.0833/200",
            rel_tol=5e-4,
        ),
    ),
)

# --- newsvendor ---------------------------------------------------------------------------------------


class NewsvendorIn(ModelIn):
    underage_cost: Annotated[float, Unit(gt=0), Field(description="C_u: margin lost per unit short, CNY")]
    overage_cost: Annotated[float, Unit(gt=0), Field(description="C_o: loss per unit left over, CNY")]
    demand_mean: Annotated[float, Unit(ge=0)]
    demand_std: Annotated[float, Unit(gt=0)]


class NewsvendorOut(ModelOut):
    critical_ratio: Annotated[float, Unit()]
    z: Annotated[float, Unit()]
    order_quantity: Annotated[float, Unit()]


def newsvendor(p: NewsvendorIn) -> NewsvendorOut:
    from scipy.stats import norm  # noqa: PLC0415 - deferred: scipy.stats is slow to import

    ratio = p.underage_cost / (p.underage_cost + p.overage_cost)
    z = float(norm.ppf(ratio))
    return NewsvendorOut(critical_ratio=ratio, z=z, order_quantity=p.demand_mean + z * p.demand_std)


NEWSVENDOR = ComputationSpec(
    name="logistics.newsvendor",
    title=LocalizedText(en="Newsvendor order quantity (normal demand)", zh="报童模型最优订货量"),
    kind="model",
    category="logistics",
    domains=INVENTORY_DOMAINS,
    industries=("general", "food", "light_industry", "textile", "electronics"),
    inputs=NewsvendorIn,
    outputs=NewsvendorOut,
    func=newsvendor,
    formula="CR = C_u/(C_u + C_o); Q* = μ + σ·Φ⁻¹(CR)",
    reference="Nahmias & Olsen, Production and Operations Analysis, 7th ed., ch. 5 (newsboy model); "
    "scipy.stats.norm.ppf",
    examples=(
        Example(
            inputs={"underage_cost": 3, "overage_cost": 1, "demand_mean": 1000, "demand_std": 200},
            expected={"critical_ratio": 0.75, "z": 0.6745, "order_quantity": 1134.9},
            source="standard normal table z(0.75) = 0.6745 → Q* = 1000 + 0.6745·200 = 1134.9",
            rel_tol=1e-4,
        ),
    ),
)

# --- inventory turnover and days of inventory ---------------------------------------------------------


class TurnoverIn(ModelIn):
    cost_of_goods_sold: Annotated[float, Unit(ge=0), Field(description="CNY over the period")]
    average_inventory: Annotated[float, Unit(gt=0), Field(description="CNY, at cost")]
    period: Annotated[float, Unit("day", gt=0)] = 365.0


class TurnoverOut(ModelOut):
    turnover: Annotated[float, Unit(), Field(description="turns per period")]
    days_of_inventory: Annotated[float, Unit("day")] | None


def inventory_turnover(p: TurnoverIn) -> TurnoverOut:
    turns = p.cost_of_goods_sold / p.average_inventory
    return TurnoverOut(turnover=turns, days_of_inventory=p.period / turns if turns > 0 else None)


TURNOVER = ComputationSpec(
    name="logistics.inventory_turnover",
    title=LocalizedText(en="Inventory turnover and days of inventory", zh="库存周转率与周转天数"),
    kind="model",
    category="logistics",
    domains=("warehousing_logistics", "supply_chain", "enterprise_management"),
    industries=INDUSTRIES,
    inputs=TurnoverIn,
    outputs=TurnoverOut,
    func=inventory_turnover,
    formula="turns = COGS / average inventory; days of inventory = period / turns",
    reference="ASCM (APICS) Dictionary: inventory turnover; days of supply",
    examples=(
        Example(
            inputs={"cost_of_goods_sold": 1.2e6, "average_inventory": 2.0e5},
            expected={"turnover": 6.0, "days_of_inventory": 60.833333333333336},
            source="derived by hand: 1 200 000 / 200 000 = 6 turns; 365 / 6 = 60.83 days",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (FILL_RATE, NEWSVENDOR, TURNOVER)

__all__ = ["SPECS", "fill_rate", "inventory_turnover", "newsvendor"]
