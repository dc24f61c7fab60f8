"""Loads: load factor, demand and diversity factors, the demand-coefficient method, motor starting current."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import SQRT3, In, Out, PowerFactor, spec
from .power import DESIGN_MANUAL

RED_BOOK = "IEEE Std 141-1993 Recommended Practice for Electric Power Distribution for Industrial Plants §2.3"

# --- load factor -------------------------------------------------------------------------------------------


class LoadFactorIn(In):
    energy: Annotated[float, Unit("kWh", ge=0)]
    peak_demand: Annotated[float, Unit("kW", gt=0)]
    period: Annotated[float, Unit("h", gt=0)] = 8760.0


class LoadFactorOut(Out):
    load_factor: Annotated[float, Unit()]
    average_load: Annotated[float, Unit("kW")]
    utilization_hours: Annotated[float, Unit("h"), Field(description="年最大负荷利用小时数 T_max = E/P_max")]


def load_factor(p: LoadFactorIn) -> LoadFactorOut:
    average = p.energy / p.period
    if average > p.peak_demand * (1 + 1e-9):
        raise InvalidInput("peak_demand", "the average load exceeds the peak demand")
    return LoadFactorOut(
        load_factor=average / p.peak_demand, average_load=average, utilization_hours=p.energy / p.peak_demand
    )


LOAD_FACTOR = spec(
    "load_factor",
    en="Load factor and utilization hours of the maximum load",
    zh="负荷率与最大负荷利用小时数",
    domains=("enterprise_management", "operations"),
    industries=("general", "machinery", "metallurgy", "chemical", "textile", "electronics"),
    inputs=LoadFactorIn,
    outputs=LoadFactorOut,
    func=load_factor,
    formula="LF = E/(P_max·T) = P_av/P_max; T_max = E/P_max",
    reference=f"{RED_BOOK} (load factor); {DESIGN_MANUAL} §1 (年最大负荷利用小时数)",
    examples=(
        Example(
            inputs={"energy": 4380000, "peak_demand": 1000},
            expected={"load_factor": 0.5, "average_load": 500.0, "utilization_hours": 4380.0},
            source="by hand: 4.38 GWh a year at a 1 MW peak → 500 kW average, LF 0.5, T_max 4380 h",
            rel_tol=1e-9,
        ),
    ),
)

# --- demand and diversity factors --------------------------------------------------------------------------


class DemandFactorIn(In):
    maximum_demand: Annotated[float, Unit("kW", ge=0)]
    connected_load: Annotated[float, Unit("kW", gt=0)]
    sum_of_individual_maxima: Annotated[float, Unit("kW", gt=0)] | None = None


class DemandFactorOut(Out):
    demand_factor: Annotated[float, Unit()]
    diversity_factor: Annotated[float, Unit()] | None


def demand_factor(p: DemandFactorIn) -> DemandFactorOut:
    diversity = None
    if p.sum_of_individual_maxima is not None:
        if p.maximum_demand == 0:
            raise InvalidInput("maximum_demand", "must be positive to give a diversity factor")
        diversity = p.sum_of_individual_maxima / p.maximum_demand
    return DemandFactorOut(demand_factor=p.maximum_demand / p.connected_load, diversity_factor=diversity)


DEMAND_FACTOR = spec(
    "demand_factor",
    en="Demand factor and diversity factor",
    zh="需要系数(需用系数)与同时系数",
    domains=("rd_design", "enterprise_management", "operations"),
    industries=("general", "machinery", "metallurgy", "chemical", "textile", "electronics"),
    inputs=DemandFactorIn,
    outputs=DemandFactorOut,
    func=demand_factor,
    formula="demand factor = P_max/P_connected; diversity factor = Σ P_max,i / P_max,system",
    reference=f"{RED_BOOK} (demand factor, diversity factor)",
    examples=(
        Example(
            inputs={"maximum_demand": 600, "connected_load": 1000, "sum_of_individual_maxima": 750},
            expected={"demand_factor": 0.6, "diversity_factor": 1.25},
            source="by hand: 600/1000; 750/600",
            rel_tol=1e-9,
        ),
    ),
)

# --- demand-coefficient method -----------------------------------------------------------------------------


class DemandCoefficientIn(In):
    installed_power: Annotated[float, Unit("kW", gt=0)]
    demand_coefficient: Annotated[float, Unit(gt=0, le=1), Field(description="K_x")]
    power_factor: PowerFactor
    nominal_voltage: Annotated[float, Unit("V", gt=0)] = 380.0


class DemandCoefficientOut(Out):
    active_load: Annotated[float, Unit("kW")]
    reactive_load: Annotated[float, Unit("kVA"), Field(description="kvar")]
    apparent_load: Annotated[float, Unit("kVA")]
    current: Annotated[float, Unit("A")]


def demand_coefficient_load(p: DemandCoefficientIn) -> DemandCoefficientOut:
    pc = p.demand_coefficient * p.installed_power
    qc = pc * math.tan(math.acos(p.power_factor))
    sc = math.hypot(pc, qc)
    return DemandCoefficientOut(
        active_load=pc, reactive_load=qc, apparent_load=sc, current=sc * 1e3 / (SQRT3 * p.nominal_voltage)
    )


DEMAND_COEFFICIENT = spec(
    "demand_coefficient_load",
    en="Calculated load by the demand-coefficient method",
    zh="需要系数法负荷计算",
    domains=("rd_design", "production"),
    industries=("general", "machinery", "metallurgy", "chemical", "textile", "electronics"),
    inputs=DemandCoefficientIn,
    outputs=DemandCoefficientOut,
    func=demand_coefficient_load,
    formula="P_c = K_x·P_e; Q_c = P_c·tanφ; S_c = √(P_c² + Q_c²); I_c = S_c/(√3·U_n)",
    reference=f"{DESIGN_MANUAL} 第1章 负荷计算 (需要系数法); GB 50052-2009 供配电系统设计规范",
    examples=(
        Example(
            inputs={"installed_power": 500, "demand_coefficient": 0.7, "power_factor": 0.8},
            expected={
                "active_load": 350.0,
                "reactive_load": 262.5,
                "apparent_load": 437.5,
                "current": 664.7125,
            },
            source="by hand: 0.7·500 = 350 kW; tanφ = 0.75; 437.5 kVA/(√3·0.38 kV)",
            rel_tol=1e-6,
        ),
    ),
)

# --- motor starting current --------------------------------------------------------------------------------


class MotorStartIn(In):
    rated_power: Annotated[float, Unit("kW", gt=0)]
    rated_voltage: Annotated[float, Unit("V", gt=0)]
    efficiency: Annotated[float, Unit(gt=0, le=1)]
    power_factor: PowerFactor
    locked_rotor_ratio: Annotated[float, Unit(ge=1, le=20), Field(description="I_LR/I_N direct on line")]
    method: Literal["direct_on_line", "star_delta", "autotransformer", "soft_starter"] = "direct_on_line"
    voltage_ratio: Annotated[
        float, Unit(gt=0, le=1), Field(description="autotransformer tap or soft-start U/U_N")
    ] = 1.0


class MotorStartOut(Out):
    rated_current: Annotated[float, Unit("A")]
    starting_current: Annotated[float, Unit("A"), Field(description="line current at standstill")]
    starting_torque_ratio: Annotated[float, Unit(), Field(description="relative to direct-on-line")]


def motor_starting_current(p: MotorStartIn) -> MotorStartOut:
    rated = p.rated_power * 1e3 / (SQRT3 * p.rated_voltage * p.efficiency * p.power_factor)
    k = p.voltage_ratio
    current_ratio, torque_ratio = {
        "direct_on_line": (1.0, 1.0),
        "star_delta": (1 / 3, 1 / 3),
        "autotransformer": (k * k, k * k),
        "soft_starter": (k, k * k),
    }[p.method]
    return MotorStartOut(
        rated_current=rated,
        starting_current=rated * p.locked_rotor_ratio * current_ratio,
        starting_torque_ratio=torque_ratio,
    )


MOTOR_START = spec(
    "motor_starting_current",
    en="Induction-motor rated and starting current by starting method",
    zh="异步电动机额定电流与起动电流",
    domains=("rd_design", "operations", "production"),
    industries=("general", "machinery", "metallurgy", "chemical", "textile"),
    inputs=MotorStartIn,
    outputs=MotorStartOut,
    func=motor_starting_current,
    formula="I_N = P_N/(√3·U_N·η·cosφ); I_st = k_I·I_N × {DOL 1; Y-Δ 1/3; autotransformer k²; "
    "soft starter k}; torque × {1; 1/3; k²; k²}",
    reference=f"IEC 60034-12:2016 (starting performance of cage induction motors); {DESIGN_MANUAL} "
    "第6章 电动机起动",
    examples=(
        Example(
            inputs={
                "rated_power": 55,
                "rated_voltage": 400,
                "efficiency": 0.93,
                "power_factor": 0.86,
                "locked_rotor_ratio": 7,
                "method": "star_delta",
            },
            expected={
                "rated_current": 99.25689,
                "starting_current": 231.59941,
                "starting_torque_ratio": 0.333333,
            },
            source="by hand: 55 kW/(√3·400·0.93·0.86) = 99.26 A; 7·I_N/3",
            rel_tol=1e-6,
        ),
        Example(
            inputs={
                "rated_power": 55,
                "rated_voltage": 400,
                "efficiency": 0.93,
                "power_factor": 0.86,
                "locked_rotor_ratio": 7,
                "method": "autotransformer",
                "voltage_ratio": 0.65,
            },
            expected={"starting_current": 293.55226},
            source="by hand: 0.65²·7·99.257 A",
            rel_tol=1e-6,
        ),
    ),
)

SPECS = (LOAD_FACTOR, DEMAND_FACTOR, DEMAND_COEFFICIENT, MOTOR_START)
