"""Machine speeds: synchronous speed, induction-motor slip, torque from power and speed."""

from __future__ import annotations

import math
from typing import Annotated, Self

from fluids.pump import speed_synchronous
from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.rotating._base import ModelIn, ModelOut

Poles = Annotated[int, Field(ge=2, le=120, description="number of poles (even)")]


def _even(poles: int) -> None:
    if poles % 2:
        raise ValueError("poles must be an even number")


# --- synchronous speed ------------------------------------------------------------------------------------


class SyncSpeedIn(ModelIn):
    frequency: Annotated[float, Unit("Hz", gt=0), Field(description="supply frequency")]
    poles: Poles

    @model_validator(mode="after")
    def _even_poles(self) -> Self:
        _even(self.poles)
        return self


class SyncSpeedOut(ModelOut):
    synchronous_speed: Annotated[float, Unit("rpm")]


def synchronous_speed(p: SyncSpeedIn) -> SyncSpeedOut:
    ns = speed_synchronous(p.frequency, poles=p.poles)  # type: ignore[no-untyped-call]
    return SyncSpeedOut(synchronous_speed=float(ns))


SYNC_SPEED = ComputationSpec(
    name="rotating.synchronous_speed",
    title=LocalizedText(en="Synchronous speed of an AC machine", zh="交流电机同步转速"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations"),
    industries=("general", "machinery"),
    inputs=SyncSpeedIn,
    outputs=SyncSpeedOut,
    func=synchronous_speed,
    formula="n_s = 120·f / p",
    reference="Chapman, Electric Machinery Fundamentals, 5th ed. (2012), ch. 4 (rotating magnetic field); "
    "fluids.pump.speed_synchronous",
    examples=(
        Example(
            inputs={"frequency": 50, "poles": 4},
            expected={"synchronous_speed": 1500.0},
            source="research §1.1 R17 [C]: 120 × 50 / 4 = 1500 rpm",
            rel_tol=1e-12,
        ),
        Example(
            inputs={"frequency": 50, "poles": 12},
            expected={"synchronous_speed": 500.0},
            source="fluids documentation example: 50 Hz, 12 poles → 500 rpm",
            rel_tol=1e-12,
        ),
    ),
)

# --- slip -------------------------------------------------------------------------------------------------


class SlipIn(ModelIn):
    frequency: Annotated[float, Unit("Hz", gt=0), Field(description="supply frequency")]
    poles: Poles
    speed: Annotated[float, Unit("rpm", ge=0), Field(description="rotor (shaft) speed")]

    @model_validator(mode="after")
    def _even_poles(self) -> Self:
        _even(self.poles)
        return self


class SlipOut(ModelOut):
    synchronous_speed: Annotated[float, Unit("rpm")]
    slip: Annotated[float, Unit()]
    slip_speed: Annotated[float, Unit("rpm")]
    rotor_frequency: Annotated[float, Unit("Hz")]


def slip(p: SlipIn) -> SlipOut:
    ns = 120.0 * p.frequency / p.poles
    s = (ns - p.speed) / ns
    return SlipOut(synchronous_speed=ns, slip=s, slip_speed=ns - p.speed, rotor_frequency=s * p.frequency)


SLIP = ComputationSpec(
    name="rotating.slip",
    title=LocalizedText(en="Induction-motor slip and rotor frequency", zh="异步电动机转差率与转子频率"),
    kind="model",
    category="rotating",
    domains=("operations", "rd_design", "product_service"),
    industries=("general", "machinery"),
    inputs=SlipIn,
    outputs=SlipOut,
    func=slip,
    formula="n_s = 120·f/p; s = (n_s − n)/n_s; f_r = s·f",
    reference="Chapman, Electric Machinery Fundamentals, 5th ed. (2012), ch. 6 "
    "(slip, rotor electrical frequency)",
    examples=(
        Example(
            inputs={"frequency": 50, "poles": 4, "speed": 1460},
            expected={"slip": 0.0266667, "slip_speed": 40.0, "rotor_frequency": 1.333333},
            source="research §1.1 R18 [C]: (1500 − 1460)/1500 = 0.0267; f_r = 0.0267 × 50 Hz",
            rel_tol=1e-5,
        ),
    ),
)

# --- torque from power and speed --------------------------------------------------------------------------


class TorqueIn(ModelIn):
    power: Annotated[float, Unit("W", ge=0), Field(description="shaft power")]
    speed: Annotated[float, Unit("rpm", gt=0)]


class TorqueOut(ModelOut):
    torque: Annotated[float, Unit("N*m")]


def torque_from_power(p: TorqueIn) -> TorqueOut:
    return TorqueOut(torque=p.power / (2 * math.pi * p.speed / 60.0))


TORQUE = ComputationSpec(
    name="rotating.torque_power",
    title=LocalizedText(en="Shaft torque from power and speed", zh="轴功率与转矩换算"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations", "production"),
    industries=("general", "machinery", "automotive"),
    inputs=TorqueIn,
    outputs=TorqueOut,
    func=torque_from_power,
    formula="T = P/ω = 60·P/(2π·n)  (T[N·m] = 9550·P[kW]/n[rpm])",
    reference="Chapman, Electric Machinery Fundamentals, 5th ed. (2012), ch. 1 (P = τ·ω); "
    "GB/T 755-2019 (IEC 60034-1) rated torque",
    examples=(
        Example(
            inputs={"power": 11000, "speed": 1460},
            expected={"torque": 71.94676},
            source="research §1.1 R21 [C]: 9550 × 11 / 1460 = 71.95 N·m",
            rel_tol=1e-6,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (SYNC_SPEED, SLIP, TORQUE)

__all__ = ["SPECS", "slip", "synchronous_speed", "torque_from_power"]
