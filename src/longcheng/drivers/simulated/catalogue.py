"""The simulated device types: each a thing model (物模型), a bilingual title, an industry and its physics.

``plan(count)`` spreads ``count`` devices round-robin over ``DEVICE_TYPES`` with keys such as
``centrifugal-pump-0001``; the same count always gives the same plan.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from longcheng.core.thing_model import (
    Access,
    CommandSpec,
    DataType,
    EventSpec,
    LocalizedText,
    ParameterSpec,
    PropertySpec,
    ThingModel,
)
from longcheng.drivers.simulated import physics as models

Title = tuple[str, str]  # (English, Chinese)
Industry = Literal[
    "machinery", "textile", "electronics", "food", "automotive", "chemical", "energy", "general"
]


@dataclass(frozen=True, slots=True)
class SimulatedType:
    key: str
    title: LocalizedText
    industry: Industry
    thing_model: ThingModel
    physics: type[models.DeviceModel]

    @property
    def slug(self) -> str:
        """The key as it appears in device keys: ``centrifugal_pump`` → ``centrifugal-pump``."""
        return self.key.replace("_", "-")

    def new_model(
        self, rng: random.Random, *, noise: float = models.NOISE, time_of_day_s: float = 0.0
    ) -> models.DeviceModel:
        return self.physics(rng, noise=noise, time_of_day_s=time_of_day_s)


def _text(en: str, zh: str) -> LocalizedText:
    return LocalizedText(en=en, zh=zh)


def _num(
    name: str, title: Title, unit: str | None, span: tuple[float, float | None], *, rw: bool = False
) -> PropertySpec:
    access = Access.READ_WRITE if rw else Access.READ
    return PropertySpec(
        name=name,
        title=_text(*title),
        data_type=DataType.FLOAT,
        unit=unit,
        min=span[0],
        max=span[1],
        access=access,
    )


def _count(name: str, title: Title) -> PropertySpec:
    return PropertySpec(name=name, title=_text(*title), data_type=DataType.INT, min=0)


def _enum(name: str, title: Title, *values: str) -> PropertySpec:
    return PropertySpec(name=name, title=_text(*title), data_type=DataType.ENUM, enum_values=values)


def _param(name: str, title: Title, unit: str, span: tuple[float, float]) -> ParameterSpec:
    return ParameterSpec(
        name=name, title=_text(*title), data_type=DataType.FLOAT, unit=unit, min=span[0], max=span[1]
    )


def _command(name: str, title: Title, *params: ParameterSpec) -> CommandSpec:
    return CommandSpec(name=name, title=_text(*title), params=params)


def _event(name: str, title: Title, severity: str, *params: ParameterSpec) -> EventSpec:
    return EventSpec(name=name, title=_text(*title), severity=severity, params=params)


RUNNING = PropertySpec(
    name="running", title=_text("Running", "运行"), data_type=DataType.BOOL, access=Access.READ_WRITE
)
START_STOP = (_command("start", ("Start", "启动")), _command("stop", ("Stop", "停止")))

PUMP = SimulatedType(
    key="centrifugal_pump",
    title=_text("Centrifugal pump", "离心泵"),
    industry="chemical",
    physics=models.CentrifugalPump,
    thing_model=ThingModel(
        properties=(
            RUNNING,
            _num("speed_setpoint", ("Speed setpoint", "转速设定值"), "rpm", (0, 3200), rw=True),
            _num("speed", ("Speed", "转速"), "rpm", (0, 3500)),
            _num("flow", ("Flow", "流量"), "m**3/h", (0, 150)),
            _num("head", ("Head", "扬程"), "m", (0, 80)),
            _num("shaft_power", ("Shaft power", "轴功率"), "kW", (0, 30)),
            _num("outlet_pressure", ("Outlet pressure", "出口压力"), "bar", (0, 10)),
            _num("efficiency", ("Efficiency", "效率"), "percent", (0, 100)),
        ),
        commands=(
            *START_STOP,
            _command(
                "set_speed", ("Set speed", "设定转速"), _param("speed", ("Speed", "转速"), "rpm", (0, 3200))
            ),
        ),
        events=(_event("dry_run", ("Dry running", "干运转"), "critical"),),
    ),
)

MOTOR = SimulatedType(
    key="motor",
    title=_text("Motor", "电动机"),
    industry="machinery",
    physics=models.Motor,
    thing_model=ThingModel(
        properties=(
            RUNNING,
            _num("load", ("Load", "负载率"), "percent", (0, 120), rw=True),
            _num("current", ("Current", "电流"), "A", (0, 60)),
            _num("speed", ("Speed", "转速"), "rpm", (0, 1600)),
            _num("winding_temperature", ("Winding temperature", "绕组温度"), "degC", (-20, 180)),
            _num("vibration", ("Vibration velocity", "振动速度"), "mm/s", (0, 20)),
        ),
        commands=(
            *START_STOP,
            _command(
                "set_load", ("Set load", "设定负载"), _param("load", ("Load", "负载率"), "percent", (0, 120))
            ),
        ),
        events=(
            _event(
                "overheat",
                ("Winding overheat", "绕组过热"),
                "critical",
                _param("temperature", ("Winding temperature", "绕组温度"), "degC", (-20, 180)),
            ),
        ),
    ),
)

COMPRESSOR = SimulatedType(
    key="air_compressor",
    title=_text("Air compressor", "空气压缩机"),
    industry="automotive",
    physics=models.AirCompressor,
    thing_model=ThingModel(
        properties=(
            RUNNING,
            _num("unload_pressure", ("Unload pressure", "卸载压力"), "bar", (5, 9.5), rw=True),
            _enum("state", ("State", "状态"), "loaded", "unloaded", "stopped"),
            _num("pressure", ("Receiver pressure", "储气罐压力"), "bar", (0, 10)),
            _num("power", ("Power", "功率"), "kW", (0, 45)),
            _num("discharge_temperature", ("Discharge temperature", "排气温度"), "degC", (0, 120)),
            _num("running_hours", ("Running hours", "运行小时数"), "h", (0, None)),
        ),
        commands=(
            *START_STOP,
            _command(
                "set_unload_pressure",
                ("Set unload pressure", "设定卸载压力"),
                _param("pressure", ("Unload pressure", "卸载压力"), "bar", (5, 9.5)),
            ),
        ),
        events=(
            _event("high_discharge_temperature", ("High discharge temperature", "排气温度高"), "warning"),
        ),
    ),
)

CHILLER = SimulatedType(
    key="chiller",
    title=_text("Chiller", "冷水机组"),
    industry="electronics",
    physics=models.Chiller,
    thing_model=ThingModel(
        properties=(
            RUNNING,
            _num("supply_setpoint", ("Supply setpoint", "供水温度设定值"), "degC", (5, 12), rw=True),
            _num("supply_temperature", ("Chilled-water supply", "冷冻水供水温度"), "degC", (0, 20)),
            _num("return_temperature", ("Chilled-water return", "冷冻水回水温度"), "degC", (0, 25)),
            _num("cooling_load", ("Cooling load", "制冷负荷"), "kW", (0, 1000)),
            _num("cop", ("Coefficient of performance", "性能系数"), None, (0, 10)),
            _num("power", ("Input power", "输入功率"), "kW", (0, 400)),
        ),
        commands=(
            *START_STOP,
            _command(
                "set_supply_temperature",
                ("Set supply temperature", "设定供水温度"),
                _param("temperature", ("Supply setpoint", "供水温度设定值"), "degC", (5, 12)),
            ),
        ),
        events=(_event("freeze_protection", ("Freeze protection", "防冻保护"), "critical"),),
    ),
)

METER = SimulatedType(
    key="power_meter",
    title=_text("Power meter", "电能表"),
    industry="energy",
    physics=models.PowerMeter,
    thing_model=ThingModel(
        properties=(
            *(
                _num(f"voltage_{p}", (f"Voltage {p.upper()}", f"线电压 U{p}"), "V", (0, 500))
                for p in ("ab", "bc", "ca")
            ),
            *(
                _num(f"current_{p}", (f"Current {p.upper()}", f"{p.upper()} 相电流"), "A", (0, 1000))
                for p in "abc"
            ),
            _num("active_power", ("Active power", "有功功率"), "kW", (0, 1000)),
            _num("power_factor", ("Power factor", "功率因数"), None, (0, 1)),
            _num("frequency", ("Frequency", "频率"), "Hz", (45, 55)),
            _num("energy", ("Active energy", "有功电能"), "kWh", (0, None)),
        ),
        events=(_event("voltage_sag", ("Voltage sag", "电压暂降"), "warning"),),
    ),
)

SENSOR = SimulatedType(
    key="temp_humidity_sensor",
    title=_text("Temperature and humidity sensor", "温湿度传感器"),
    industry="textile",
    physics=models.TempHumiditySensor,
    thing_model=ThingModel(
        properties=(
            _num("temperature", ("Temperature", "温度"), "degC", (-40, 80)),
            _num("humidity", ("Relative humidity", "相对湿度"), "percent", (0, 100)),
            _num("dew_point", ("Dew point", "露点"), "degC", (-40, 80)),
        ),
    ),
)

CNC = SimulatedType(
    key="cnc_machine",
    title=_text("CNC machine", "数控机床"),
    industry="machinery",
    physics=models.CncMachine,
    thing_model=ThingModel(
        properties=(
            RUNNING,
            _num(
                "spindle_speed_setpoint",
                ("Spindle speed setpoint", "主轴转速设定值"),
                "rpm",
                (0, 12000),
                rw=True,
            ),
            _num("feed_override", ("Feed override", "进给倍率"), "percent", (0, 150), rw=True),
            _enum("status", ("Status", "状态"), "running", "idle", "alarm", "stopped"),
            _num("spindle_speed", ("Spindle speed", "主轴转速"), "rpm", (0, 12000)),
            _num("spindle_load", ("Spindle load", "主轴负载"), "percent", (0, 150)),
            _count("part_count", ("Part count", "加工件数")),
        ),
        commands=(
            *START_STOP,
            _command(
                "set_spindle_speed",
                ("Set spindle speed", "设定主轴转速"),
                _param("speed", ("Spindle speed", "主轴转速"), "rpm", (0, 12000)),
            ),
        ),
        events=(_event("alarm", ("Machine alarm", "机床报警"), "warning"),),
    ),
)

DEVICE_TYPES: tuple[SimulatedType, ...] = (PUMP, MOTOR, COMPRESSOR, CHILLER, METER, SENSOR, CNC)


def plan(count: int) -> list[tuple[SimulatedType, str]]:
    """``count`` devices, round-robin over DEVICE_TYPES, numbered from 1 within each type."""
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    n = len(DEVICE_TYPES)
    return [(DEVICE_TYPES[i % n], f"{DEVICE_TYPES[i % n].slug}-{i // n + 1:04d}") for i in range(count)]


__all__ = ["DEVICE_TYPES", "Industry", "SimulatedType", "plan"]
