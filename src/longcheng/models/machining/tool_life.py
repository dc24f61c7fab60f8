"""Tool life (Taylor) and machining economics: optimum tool life and speed, cost per part."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.machining._base import INDUSTRIES, ModelIn, ModelOut

DOMAINS = ("production", "rd_design", "operations")

TaylorExponent = Annotated[float, Unit(gt=0, lt=1), Field(description="Taylor exponent n")]
TaylorConstant = Annotated[float, Unit("m/min", gt=0), Field(description="C: speed for 1 min of tool life")]
Minutes = Annotated[float, Unit("min", gt=0)]
MachineRate = Annotated[float, Unit("1/min", gt=0), Field(description="machine + operator rate C_o, CNY/min")]
ToolCost = Annotated[float, Unit(ge=0), Field(description="tooling cost per cutting edge C_t, CNY")]

# --- Taylor tool life ---------------------------------------------------------------------------------


class TaylorIn(ModelIn):
    exponent: TaylorExponent
    constant: TaylorConstant
    cutting_speed: Annotated[float, Unit("m/min", gt=0)] | None = None
    tool_life: Annotated[float, Unit("min", gt=0)] | None = None

    @model_validator(mode="after")
    def _one_unknown(self) -> TaylorIn:
        if (self.cutting_speed is None) == (self.tool_life is None):
            raise ValueError("give either cutting_speed or tool_life")
        return self


class TaylorOut(ModelOut):
    cutting_speed: Annotated[float, Unit("m/min")]
    tool_life: Annotated[float, Unit("min")]


def taylor_tool_life(p: TaylorIn) -> TaylorOut:
    if p.cutting_speed is not None:
        return TaylorOut(
            cutting_speed=p.cutting_speed, tool_life=(p.constant / p.cutting_speed) ** (1.0 / p.exponent)
        )
    if p.tool_life is not None:
        return TaylorOut(cutting_speed=p.constant / p.tool_life**p.exponent, tool_life=p.tool_life)
    raise ValueError("give either cutting_speed or tool_life")


TAYLOR = ComputationSpec(
    name="machining.taylor_tool_life",
    title=LocalizedText(en="Taylor tool life", zh="泰勒刀具寿命"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=TaylorIn,
    outputs=TaylorOut,
    func=taylor_tool_life,
    formula="v·T^n = C; T = (C/v)^(1/n)",
    reference="Taylor, 'On the art of cutting metals', Trans. ASME 28 (1907); Groover, Fundamentals of "
    "Modern Manufacturing, 4th ed., ch. 23 (Taylor tool life equation)",
    examples=(
        Example(
            inputs={"exponent": 0.25, "constant": 400, "cutting_speed": 200},
            expected={"tool_life": 16.0},
            source="research note §1.5 M14 [C]: n 0.25, C 400, v 200 → T = 2⁴ = 16 min",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"exponent": 0.25, "constant": 400, "tool_life": 16},
            expected={"cutting_speed": 200.0},
            source="the same Taylor line solved for v: 400 / 16^0.25 = 200 m/min",
            rel_tol=1e-9,
        ),
    ),
)

# --- optimum tool life and cutting speed --------------------------------------------------------------


class EconomicsIn(ModelIn):
    exponent: TaylorExponent
    constant: TaylorConstant
    tool_change_time: Minutes
    machine_rate: MachineRate
    tool_cost: ToolCost


class EconomicsOut(ModelOut):
    tool_life_max_production: Annotated[float, Unit("min")]
    speed_max_production: Annotated[float, Unit("m/min")]
    tool_life_min_cost: Annotated[float, Unit("min")]
    speed_min_cost: Annotated[float, Unit("m/min")]


def machining_economics(p: EconomicsIn) -> EconomicsOut:
    k = 1.0 / p.exponent - 1.0
    t_max = k * p.tool_change_time
    t_min = k * (p.machine_rate * p.tool_change_time + p.tool_cost) / p.machine_rate
    return EconomicsOut(
        tool_life_max_production=t_max,
        speed_max_production=p.constant / t_max**p.exponent,
        tool_life_min_cost=t_min,
        speed_min_cost=p.constant / t_min**p.exponent,
    )


ECONOMICS = ComputationSpec(
    name="machining.machining_economics",
    title=LocalizedText(en="Optimum cutting speed for maximum output and minimum cost", zh="经济切削速度"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=EconomicsIn,
    outputs=EconomicsOut,
    func=machining_economics,
    formula="T_max = (1/n − 1)·T_t; T_min = (1/n − 1)·(C_o·T_t + C_t)/C_o; v = C / T^n",
    reference="Gilbert (1950) machining economics; Groover, Fundamentals of Modern Manufacturing, 4th ed., "
    "ch. 24 (cutting speed for maximum production rate and for minimum cost per unit)",
    examples=(
        Example(
            inputs={
                "exponent": 0.25,
                "constant": 500,
                "tool_change_time": 3,
                "machine_rate": 1.0,
                "tool_cost": 3.0,
            },
            expected={
                "tool_life_max_production": 9.0,
                "speed_max_production": 288.6751345948129,
                "tool_life_min_cost": 18.0,
                "speed_min_cost": 242.74588585366172,
            },
            source="research note §1.5 M16 [U], derived by hand: (4 − 1)·3 = 9 min, 500/9^0.25 = 288.68; "
            "3·(3 + 3/1) = 18 min, 500/18^0.25 = 242.75",
            rel_tol=1e-9,
        ),
    ),
)

# --- cost and time per part ---------------------------------------------------------------------------


class CostPerPartIn(ModelIn):
    machine_rate: MachineRate
    handling_time: Annotated[float, Unit("min", ge=0), Field(description="load/unload per part T_h")]
    machining_time: Annotated[float, Unit("min", gt=0), Field(description="cutting time per part T_m")]
    tool_change_time: Annotated[float, Unit("min", ge=0), Field(description="per tool change T_t")]
    tool_cost: ToolCost
    tool_life: Annotated[float, Unit("min", gt=0), Field(description="T, cutting minutes per edge")]


class CostPerPartOut(ModelOut):
    parts_per_edge: Annotated[float, Unit(), Field(description="n_p = T / T_m")]
    tool_cost_per_part: Annotated[float, Unit(), Field(description="C_t·T_m/T, CNY")]
    cycle_time: Annotated[float, Unit("min"), Field(description="T_h + T_m + T_t·T_m/T")]
    cost_per_part: Annotated[float, Unit(), Field(description="CNY")]


def cost_per_part(p: CostPerPartIn) -> CostPerPartOut:
    share = p.machining_time / p.tool_life
    cycle = p.handling_time + p.machining_time + p.tool_change_time * share
    return CostPerPartOut(
        parts_per_edge=1.0 / share,
        tool_cost_per_part=p.tool_cost * share,
        cycle_time=cycle,
        cost_per_part=p.machine_rate * cycle + p.tool_cost * share,
    )


COST_PER_PART = ComputationSpec(
    name="machining.cost_per_part",
    title=LocalizedText(en="Machining cost and cycle time per part", zh="单件加工成本与刀具成本"),
    kind="model",
    category="machining",
    domains=("production", "operations", "enterprise_management"),
    industries=INDUSTRIES,
    inputs=CostPerPartIn,
    outputs=CostPerPartOut,
    func=cost_per_part,
    formula="C_c = C_o·T_h + C_o·T_m + (C_o·T_t + C_t)·T_m/T; T_c = T_h + T_m + T_t·T_m/T",
    reference="Groover, Fundamentals of Modern Manufacturing, 4th ed., ch. 24 (cost per unit of product in "
    "machining)",
    examples=(
        Example(
            inputs={
                "machine_rate": 1.0,
                "handling_time": 2,
                "machining_time": 4,
                "tool_change_time": 3,
                "tool_cost": 3,
                "tool_life": 16,
            },
            expected={
                "parts_per_edge": 4.0,
                "tool_cost_per_part": 0.75,
                "cycle_time": 6.75,
                "cost_per_part": 7.5,
            },
            source="derived by hand: T_m/T = 0.25; cycle 2 + 4 + 0.75 = 6.75 min; cost 6.75 + 0.75 = 7.5 CNY",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (TAYLOR, ECONOMICS, COST_PER_PART)

__all__ = ["SPECS", "cost_per_part", "machining_economics", "taylor_tool_life"]
