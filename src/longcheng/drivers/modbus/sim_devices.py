"""The simulated Modbus devices as data: their register maps and the quantities derived from the physics.

``PUMP_POINTS`` and ``METER_POINTS`` are points a session reads as they are (``scale`` turns the raw value
into the unit shown); measurements are read-only, ``running`` and ``speed_setpoint`` are writable.
Zero-based addresses:

Unit 1, centrifugal pump
  co:0 running (rw) · di:0 turning · di:1 at_speed · hr:0 speed_setpoint float32 ABCD rpm (rw, 0-3200) ·
  hr:2 status uint16 (bit 0 running, 1 turning, 2 at speed) · hr:3 model string (8 registers) ·
  ir:0 speed float32 ABCD rpm · ir:2 flow float32 CDAB m³/h · ir:4 head float32 BADC m ·
  ir:6 shaft_power float32 DCBA kW · ir:8 outlet_pressure int16 × 0.001 bar ·
  ir:9 efficiency uint16 × 0.1 % · ir:10 run_seconds uint32 s · ir:12 pumped_volume float64 CDAB m³
Unit 2, power meter (42 input registers, ir:0-41, no gaps)
  di:0 voltage_sag · ir:0/2/4 voltage_ab/bc/ca float32 V · ir:6/8/10 current_a/b/c float32 CDAB A ·
  ir:12 active_power float32 kW · ir:14 reactive_power int32 CDAB × 0.001 kvar ·
  ir:16 apparent_power float32 DCBA kVA · ir:18 power_factor int16 × 0.001 · ir:19 frequency uint16 ×
  0.01 Hz · ir:20 energy uint64 × 0.001 kWh · ir:24/26/28 voltage_an/bn/cn float32 BADC V ·
  ir:30/32/34 power_a/b/c float32 kW · ir:36 uptime uint32 CDAB s · ir:38 reactive_energy float64 DCBA
  kvar·h · hr:0 model string (8 registers) · hr:8 serial_number uint32
Both units: ``hr:100``-``hr:131`` and ``co:100``-``co:115`` are plain read/write memory (``SCRATCH``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from longcheng.core.samples import Value
from longcheng.drivers.base import PointSpec, RawType
from longcheng.drivers.modbus.codec import INT_RANGES
from longcheng.drivers.modbus.points import Table

PUMP_UNIT, METER_UNIT = 1, 2
SCRATCH = {Table.HOLDING_REGISTERS: range(100, 132), Table.COILS: range(100, 116)}
PUMP_FIXED: dict[str, Value] = {"model": "LC-CP100"}
METER_FIXED: dict[str, Value] = {"model": "LC-PM3", "serial_number": 20260001}
_LITTLE_WORDS: dict[str, Any] = {"word_order": "little"}  # CDAB
_LITTLE_BYTES: dict[str, Any] = {"byte_order": "little"}  # BADC
_LITTLE_BOTH: dict[str, Any] = _LITTLE_WORDS | _LITTLE_BYTES  # DCBA


def _p(
    name: str,
    address: str,
    data_type: RawType,
    unit: str | None = None,
    *,
    scale: float = 1.0,
    rw: bool = False,
    options: dict[str, Any] | None = None,
) -> PointSpec:
    return PointSpec(
        name=name,
        address=address,
        data_type=data_type,
        unit=unit,
        scale=scale,
        access="rw" if rw else "r",
        options=options or {},
    )


F32, STRING = RawType.FLOAT32, RawType.STRING
PUMP_POINTS: tuple[PointSpec, ...] = (
    _p("running", "co:0", RawType.BOOL, rw=True),
    _p("turning", "di:0", RawType.BOOL),
    _p("at_speed", "di:1", RawType.BOOL),
    _p("speed_setpoint", "hr:0", F32, "rpm", rw=True),
    _p("status", "hr:2", RawType.UINT16),
    _p("model", "hr:3", STRING, options={"length": 8}),
    _p("speed", "ir:0", F32, "rpm"),
    _p("flow", "ir:2", F32, "m**3/h", options=_LITTLE_WORDS),
    _p("head", "ir:4", F32, "m", options=_LITTLE_BYTES),
    _p("shaft_power", "ir:6", F32, "kW", options=_LITTLE_BOTH),
    _p("outlet_pressure", "ir:8", RawType.INT16, "bar", scale=0.001),
    _p("efficiency", "ir:9", RawType.UINT16, "percent", scale=0.1),
    _p("run_seconds", "ir:10", RawType.UINT32, "s"),
    _p("pumped_volume", "ir:12", RawType.FLOAT64, "m**3", options=_LITTLE_WORDS),
)
METER_POINTS: tuple[PointSpec, ...] = (
    _p("voltage_sag", "di:0", RawType.BOOL),
    *(_p(f"voltage_{p}", f"ir:{2 * i}", F32, "V") for i, p in enumerate(("ab", "bc", "ca"))),
    *(_p(f"current_{p}", f"ir:{6 + 2 * i}", F32, "A", options=_LITTLE_WORDS) for i, p in enumerate("abc")),
    _p("active_power", "ir:12", F32, "kW"),
    _p("reactive_power", "ir:14", RawType.INT32, "kvar", scale=0.001, options=_LITTLE_WORDS),
    _p("apparent_power", "ir:16", F32, "kVA", options=_LITTLE_BOTH),
    _p("power_factor", "ir:18", RawType.INT16, scale=0.001),
    _p("frequency", "ir:19", RawType.UINT16, "Hz", scale=0.01),
    _p("energy", "ir:20", RawType.UINT64, "kWh", scale=0.001),
    *(_p(f"voltage_{p}n", f"ir:{24 + 2 * i}", F32, "V", options=_LITTLE_BYTES) for i, p in enumerate("abc")),
    *(_p(f"power_{p}", f"ir:{30 + 2 * i}", F32, "kW") for i, p in enumerate("abc")),
    _p("uptime", "ir:36", RawType.UINT32, "s", options=_LITTLE_WORDS),
    _p("reactive_energy", "ir:38", RawType.FLOAT64, "kvar*h", options=_LITTLE_BOTH),
    _p("model", "hr:0", STRING, options={"length": 8}),
    _p("serial_number", "hr:8", RawType.UINT32),
)

Extras = Callable[[dict[str, Value], dict[str, float], float], dict[str, Value]]


def pump_extras(values: dict[str, Value], totals: dict[str, float], dt_s: float) -> dict[str, Value]:
    speed, setpoint, running = (
        float(values["speed"]),
        float(values["speed_setpoint"]),
        bool(values["running"]),
    )
    totals["run_seconds"] = totals.get("run_seconds", 0.0) + (dt_s if running else 0.0)
    totals["pumped_volume"] = totals.get("pumped_volume", 0.0) + float(values["flow"]) * dt_s / 3600.0
    turning = speed > 1.0
    at_speed = running and abs(speed - setpoint) <= max(0.02 * setpoint, 5.0)
    return {
        "turning": turning,
        "at_speed": at_speed,
        "status": int(running) | int(turning) << 1 | int(at_speed) << 2,
        "run_seconds": int(totals["run_seconds"]),
        "pumped_volume": totals["pumped_volume"],
    }


def meter_extras(values: dict[str, Value], totals: dict[str, float], dt_s: float) -> dict[str, Value]:
    power, factor = float(values["active_power"]), float(values["power_factor"])
    apparent = power / factor
    reactive = math.sqrt(max(apparent**2 - power**2, 0.0))
    totals["uptime"] = totals.get("uptime", 0.0) + dt_s
    totals["reactive_energy"] = totals.get("reactive_energy", 0.0) + reactive * dt_s / 3600.0
    extras: dict[str, Value] = {"apparent_power": apparent, "reactive_power": reactive}
    for phase, line in zip("abc", ("ab", "bc", "ca"), strict=True):
        volts = float(values[f"voltage_{line}"]) / math.sqrt(3.0)  # the phase voltage of a balanced system
        extras[f"voltage_{phase}n"] = volts
        extras[f"power_{phase}"] = volts * float(values[f"current_{phase}"]) * factor / 1000.0
    sag = min(float(values[f"voltage_{line}"]) for line in ("ab", "bc", "ca")) < 360.0
    return extras | {
        "voltage_sag": sag,
        "uptime": int(totals["uptime"]),
        "reactive_energy": totals["reactive_energy"],
    }


def raw_value(spec: PointSpec, value: Value) -> Value:
    """The raw register value that reads back as ``value`` in the point's unit (integers clamped)."""
    if isinstance(value, bool | str):
        return value
    raw = (value - spec.offset) / spec.scale
    if spec.data_type in INT_RANGES:
        low, high = INT_RANGES[spec.data_type]
        return min(max(round(raw), low), high)
    return raw


__all__ = [
    "METER_FIXED",
    "METER_POINTS",
    "METER_UNIT",
    "PUMP_FIXED",
    "PUMP_POINTS",
    "PUMP_UNIT",
    "SCRATCH",
    "Extras",
    "meter_extras",
    "pump_extras",
    "raw_value",
]
