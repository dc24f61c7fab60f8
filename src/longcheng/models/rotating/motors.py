"""Induction motors: input and output power, load by the input-power and slip methods."""

from __future__ import annotations

import math
from typing import Annotated, Self

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.rotating._base import ModelIn, ModelOut

DOE_MOTOR_LOAD = (
    "US DOE Motor Challenge fact sheet 'Determining Electric Motor Load and Efficiency' (DOE/GO-10097-517)"
)


# --- motor input and output power -------------------------------------------------------------------------


class MotorPowerIn(ModelIn):
    line_voltage: Annotated[float, Unit("V", gt=0)]
    line_current: Annotated[float, Unit("A", ge=0)]
    power_factor: Annotated[float, Unit(gt=0, le=1)]
    efficiency: Annotated[float, Unit(gt=0, le=1), Field(description="at this load; gives P_out")] | None = (
        None
    )


class MotorPowerOut(ModelOut):
    input_power: Annotated[float, Unit("W")]
    apparent_power: Annotated[float, Unit("V*A")]
    reactive_power: Annotated[float, Unit("V*A")]
    output_power: Annotated[float, Unit("W")] | None
    losses: Annotated[float, Unit("W")] | None


def motor_power(p: MotorPowerIn) -> MotorPowerOut:
    apparent = math.sqrt(3) * p.line_voltage * p.line_current
    active = apparent * p.power_factor
    out = None if p.efficiency is None else active * p.efficiency
    return MotorPowerOut(
        input_power=active,
        apparent_power=apparent,
        reactive_power=apparent * math.sqrt(1 - p.power_factor**2),
        output_power=out,
        losses=None if out is None else active - out,
    )


MOTOR_POWER = ComputationSpec(
    name="rotating.motor_power",
    title=LocalizedText(en="Three-phase motor input and output power", zh="三相电动机输入与输出功率"),
    kind="model",
    category="rotating",
    domains=("operations", "production"),
    industries=("general", "machinery", "textile", "metallurgy"),
    inputs=MotorPowerIn,
    outputs=MotorPowerOut,
    func=motor_power,
    formula="S = √3·U_L·I_L; P_in = S·cosφ; Q = S·sinφ; P_out = η·P_in; losses = P_in − P_out",
    reference="Chapman, Electric Machinery Fundamentals, 5th ed. (2012), Appendix A (three-phase power) and "
    "ch. 6 (induction-motor power flow); IEC 60034-2-1:2014 (η = P_out/P_in)",
    examples=(
        Example(
            inputs={"line_voltage": 400, "line_current": 20, "power_factor": 0.85, "efficiency": 0.9},
            expected={"input_power": 11777.945, "output_power": 10600.151, "apparent_power": 13856.406},
            source="research §1.1 R14 [C]: √3 × 400 × 20 × 0.85 = 11 777.9 W; × 0.9",
            rel_tol=1e-7,
        ),
    ),
)

# --- motor load, input-power method -----------------------------------------------------------------------


class LoadInputIn(ModelIn):
    input_power: Annotated[float, Unit("W", ge=0), Field(description="measured three-phase input power")]
    rated_power: Annotated[float, Unit("W", gt=0), Field(description="nameplate output power")]
    rated_efficiency: Annotated[float, Unit(gt=0, le=1), Field(description="full-load efficiency")]


class LoadOut(ModelOut):
    load: Annotated[float, Unit(), Field(description="output as a fraction of the rated output")]
    output_power: Annotated[float, Unit("W"), Field(description="estimated shaft output")]


def motor_load_input_power(p: LoadInputIn) -> LoadOut:
    load = p.input_power * p.rated_efficiency / p.rated_power
    return LoadOut(load=load, output_power=load * p.rated_power)


LOAD_INPUT = ComputationSpec(
    name="rotating.motor_load_input_power",
    title=LocalizedText(en="Motor load by the input-power method", zh="电动机负载率（输入功率法）"),
    kind="model",
    category="rotating",
    domains=("operations", "production", "enterprise_management"),
    industries=("general", "machinery", "textile", "chemical"),
    inputs=LoadInputIn,
    outputs=LoadOut,
    func=motor_load_input_power,
    formula="P_ir = P_rated/η_fl; load = P_in / P_ir = P_in·η_fl / P_rated",
    reference=f"{DOE_MOTOR_LOAD}, equations 2–3",
    examples=(
        Example(
            inputs={"input_power": 22574, "rated_power": "40 hp", "rated_efficiency": 0.902},
            expected={"load": 0.682639},
            source="by hand with the fact sheet's equations: 40 hp × 0.7457 / 0.902 = 33.07 kW at full load; "
            "22.574 / 33.07 = 68.3 %",
            rel_tol=1e-5,
        ),
    ),
)

# --- motor load, slip method ------------------------------------------------------------------------------


class LoadSlipIn(ModelIn):
    synchronous_speed: Annotated[float, Unit("rpm", gt=0)]
    rated_speed: Annotated[float, Unit("rpm", gt=0), Field(description="nameplate full-load speed")]
    speed: Annotated[float, Unit("rpm", gt=0), Field(description="measured speed")]
    rated_voltage: Annotated[float, Unit("V", gt=0)] | None = None
    voltage: Annotated[float, Unit("V", gt=0), Field(description="measured; corrects slip")] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.rated_speed < self.synchronous_speed:
            raise ValueError("rated speed must be below synchronous speed")
        if self.speed > self.synchronous_speed:
            raise ValueError("measured speed above synchronous speed: the machine is generating")
        if (self.rated_voltage is None) != (self.voltage is None):
            raise ValueError("give both rated_voltage and voltage, or neither")
        return self


class LoadSlipOut(ModelOut):
    load: Annotated[float, Unit(), Field(description="output as a fraction of the rated output")]
    slip: Annotated[float, Unit()]


def motor_load_slip(p: LoadSlipIn) -> LoadSlipOut:
    full_load_slip = p.synchronous_speed - p.rated_speed
    if p.rated_voltage is not None and p.voltage is not None:
        full_load_slip *= (p.rated_voltage / p.voltage) ** 2
    slip = p.synchronous_speed - p.speed
    return LoadSlipOut(load=slip / full_load_slip, slip=slip / p.synchronous_speed)


LOAD_SLIP = ComputationSpec(
    name="rotating.motor_load_slip",
    title=LocalizedText(en="Motor load by the slip method", zh="电动机负载率（转差法）"),
    kind="model",
    category="rotating",
    domains=("operations", "production"),
    industries=("general", "machinery", "textile", "chemical"),
    inputs=LoadSlipIn,
    outputs=LoadSlipOut,
    func=motor_load_slip,
    formula="load = (n_s − n) / [(n_s − n_r)·(U_r/U)²]  (voltage term only when both voltages are given)",
    reference=f"{DOE_MOTOR_LOAD}, equations 4–5",
    examples=(
        Example(
            inputs={"synchronous_speed": 1500, "rated_speed": 1460, "speed": 1475},
            expected={"load": 0.625, "slip": 0.0166667},
            source="research §1.1 R16 [C]: (1500 − 1475)/(1500 − 1460) = 0.625",
            rel_tol=1e-5,
        ),
        Example(
            inputs={
                "synchronous_speed": 1500,
                "rated_speed": 1460,
                "speed": 1475,
                "rated_voltage": 400,
                "voltage": 380,
            },
            expected={"load": 0.5640625},
            source="by hand with equation 5: 25 / (40 × (400/380)²) = 0.5641",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (MOTOR_POWER, LOAD_INPUT, LOAD_SLIP)

__all__ = ["SPECS", "motor_load_input_power", "motor_load_slip", "motor_power"]
