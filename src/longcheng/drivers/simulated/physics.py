"""Physics of the simulated devices: pure, I/O-free models, one small class per device type.

``step(dt_s)`` advances a model's state and returns its published values, clamped to its thing model's
ranges; ``apply`` changes a writable setpoint. Randomness comes from an injected ``random.Random``; ``noise``
is the relative standard deviation of measurement noise (0 gives exact physics).
"""

from __future__ import annotations

import abc
import math
import random
from typing import ClassVar

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value

NOISE = 0.01
DAY_S = 86_400.0
RHO_WATER = 998.0  # kg/m³ at 20 °C
G = 9.80665  # m/s²
Ranges = dict[str, tuple[float, float]]


def clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def lag(value: float, target: float, dt_s: float, tau_s: float) -> float:
    """One exact step of a first-order lag (exact for a target held constant over the step)."""
    return target + (value - target) * math.exp(-dt_s / tau_s)


class DeviceModel(abc.ABC):
    """A device's physics. ``setpoints`` maps each writable number to its (min, max); ``switchable`` models
    also take the writable boolean ``running`` (start and stop). ``t_s`` is the local time of day."""

    setpoints: ClassVar[Ranges] = {}
    switchable: ClassVar[bool] = True

    def __init__(self, rng: random.Random, *, noise: float = NOISE, time_of_day_s: float = 0.0) -> None:
        self.rng = rng
        self.noise = noise
        self.t_s = time_of_day_s
        self.running = True

    def step(self, dt_s: float) -> dict[str, Value]:
        """Advance the state by ``dt_s`` seconds; return the published values, writable ones included."""
        if not dt_s >= 0.0:
            raise ValueError(f"dt_s must be a non-negative number, got {dt_s}")
        self.t_s = (self.t_s + dt_s) % DAY_S
        values = self._step(dt_s)
        values.update({name: getattr(self, name) for name in self.setpoints})
        return values | ({"running": self.running} if self.switchable else {})

    @abc.abstractmethod
    def _step(self, dt_s: float) -> dict[str, Value]: ...

    def apply(self, prop: str, value: Value) -> None:
        """Set a writable property; numbers are clamped into the setpoint's range."""
        if prop == "running" and self.switchable:
            if not isinstance(value, bool):
                raise InvalidInput(prop, "expected true or false")
            self.running = value
            return
        if prop not in self.setpoints:
            raise InvalidInput(prop, "not a writable property of this device")
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise InvalidInput(prop, "expected a finite number")
        setattr(self, prop, clamp(float(value), *self.setpoints[prop]))

    def _noisy(self, value: float) -> float:
        return value * (1.0 + self.noise * self.rng.gauss(0.0, 1.0)) if self.noise else value

    def _walk(self, value: float, sigma: float, dt_s: float, low: float, high: float) -> float:
        """One step of a bounded random walk (``sigma`` per square-root second)."""
        return clamp(value + sigma * math.sqrt(dt_s) * self.rng.gauss(0.0, 1.0), low, high)

    def _diurnal(self, peak_hour: float) -> float:
        """A daily cosine in [-1, 1] peaking at ``peak_hour`` (local time of day)."""
        return math.cos(2.0 * math.pi * (self.t_s - peak_hour * 3600.0) / DAY_S)


class CentrifugalPump(DeviceModel):
    """Variable-speed pump on a friction-only system curve, so the operating point follows the affinity
    laws from the rated point: Q ∝ n, H ∝ n², P ∝ n³; outlet (gauge) pressure is ρgH."""

    RATED_SPEED, RATED_FLOW, RATED_HEAD, RATED_POWER = 2900.0, 100.0, 50.0, 18.5  # rpm, m³/h, m, kW
    RAMP = 1000.0  # rpm/s, the drive's acceleration limit
    setpoints: ClassVar[Ranges] = {"speed_setpoint": (0.0, 3200.0)}
    speed_setpoint = speed = RATED_SPEED

    def _step(self, dt_s: float) -> dict[str, Value]:
        target = self.speed_setpoint if self.running else 0.0
        self.speed += clamp(target - self.speed, -self.RAMP * dt_s, self.RAMP * dt_s)
        ratio = self.speed / self.RATED_SPEED
        flow = clamp(self._noisy(self.RATED_FLOW * ratio), 0.0, 150.0)
        head = clamp(self._noisy(self.RATED_HEAD * ratio**2), 0.0, 80.0)
        power = clamp(self._noisy(self.RATED_POWER * ratio**3), 0.0, 30.0)
        hydraulic_kw = RHO_WATER * G * (flow / 3600.0) * head / 1000.0  # ρ·g·Q·H
        return {
            "speed": clamp(self._noisy(self.speed), 0.0, 3500.0),
            "flow": flow,
            "head": head,
            "shaft_power": power,
            "outlet_pressure": RHO_WATER * G * head / 1e5,
            "efficiency": clamp(100.0 * hydraulic_kw / power, 0.0, 100.0) if power > 0.01 else 0.0,
        }


class Motor(DeviceModel):
    """Induction motor (15 kW, 400 V, 4 poles, 50 Hz). Current is the phasor sum of magnetising and load
    current; the winding temperature follows a first-order lag towards ambient + ΔT_rated·load²."""

    RATED_CURRENT, NO_LOAD_CURRENT = 28.0, 9.0  # A
    SYNC_SPEED, RATED_SLIP = 1500.0, 0.03
    AMBIENT, RATED_RISE, TAU = 25.0, 80.0, 600.0  # degC, K, s
    setpoints: ClassVar[Ranges] = {"load": (0.0, 120.0)}
    load, winding = 75.0, AMBIENT

    def _step(self, dt_s: float) -> dict[str, Value]:
        per_unit = self.load / 100.0
        steady = self.AMBIENT + self.RATED_RISE * (per_unit**2 if self.running else 0.0)  # copper loss ∝ I²
        self.winding = lag(self.winding, steady, dt_s, self.TAU)
        current = speed = 0.0
        if self.running:
            load_part = self.RATED_CURRENT**2 - self.NO_LOAD_CURRENT**2
            current = math.sqrt(self.NO_LOAD_CURRENT**2 + load_part * per_unit**2)
            speed = self.SYNC_SPEED * (1.0 - self.RATED_SLIP * per_unit)
        vibration = (1.2 + 0.8 * per_unit) if self.running else 0.1
        return {
            "current": clamp(self._noisy(current), 0.0, 60.0),
            "speed": clamp(self._noisy(speed), 0.0, 1600.0),
            "winding_temperature": clamp(self._noisy(self.winding), -20.0, 180.0),
            "vibration": clamp(self._noisy(vibration), 0.0, 20.0),
        }


class AirCompressor(DeviceModel):
    """Screw compressor (37 kW, 6 m³/min) on a 1 m³ receiver with load/unload control: loads below
    unload_pressure - 1 bar, unloads above unload_pressure; air demand wanders between 40 and 90 %."""

    RATED_POWER, FAD, RECEIVER, BAND = 37.0, 6.0, 1.0, 1.0  # kW, m³/min free air, m³, bar
    setpoints: ClassVar[Ranges] = {"unload_pressure": (5.0, 9.5)}
    unload_pressure, pressure, discharge, demand, loaded = 7.5, 7.0, 80.0, 0.6, True  # demand: share of FAD

    def __init__(self, rng: random.Random, *, noise: float = NOISE, time_of_day_s: float = 0.0) -> None:
        super().__init__(rng, noise=noise, time_of_day_s=time_of_day_s)
        self.hours = rng.uniform(1000.0, 20000.0)

    def _step(self, dt_s: float) -> dict[str, Value]:
        self.demand = self._walk(self.demand, 0.01, dt_s, 0.4, 0.9)
        if self.pressure >= self.unload_pressure or not self.running:
            self.loaded = False
        elif self.pressure <= self.unload_pressure - self.BAND:
            self.loaded = True
        supply = self.FAD if self.loaded else 0.0
        rate = (supply - self.demand * self.FAD) / 60.0 / self.RECEIVER  # bar/s (1 bar per m³ of free air)
        self.pressure = clamp(self.pressure + rate * dt_s, 0.0, 10.0)
        power = 0.0
        if self.running:
            self.hours += dt_s / 3600.0
            power = self.RATED_POWER * (1.0 if self.loaded else 0.28)
        target = (85.0 if self.loaded else 70.0) if self.running else 25.0
        self.discharge = lag(self.discharge, target, dt_s, 120.0)
        return {
            "state": ("loaded" if self.loaded else "unloaded") if self.running else "stopped",
            "pressure": clamp(self._noisy(self.pressure), 0.0, 10.0),
            "power": clamp(self._noisy(power), 0.0, 45.0),
            "discharge_temperature": clamp(self._noisy(self.discharge), 0.0, 120.0),
            "running_hours": self.hours,
        }


class Chiller(DeviceModel):
    """Water-cooled chiller (800 kW). COP is 60 % of Carnot between evaporating (supply - 2 K) and
    condensing (38 °C) temperatures; power = load / COP; return = supply + load / (ṁ·cp)."""

    CAPACITY, FLOW_KG_S, CP, T_COND = 800.0, 27.7, 4.186, 38.0  # kW, kg/s, kJ/(kg·K), degC
    setpoints: ClassVar[Ranges] = {"supply_setpoint": (5.0, 12.0)}
    supply_setpoint, supply, drift = 7.0, 7.0, 0.0

    def _step(self, dt_s: float) -> dict[str, Value]:
        self.drift = self._walk(self.drift, 2.0, dt_s, -100.0, 100.0)
        load = clamp(450.0 + 200.0 * self._diurnal(15.0) + self.drift, 0.0, self.CAPACITY)
        target = self.supply_setpoint if self.running else 15.0
        self.supply = lag(self.supply, target, dt_s, 300.0)
        evaporating = self.supply - 2.0 + 273.15  # K
        cop = clamp(0.6 * evaporating / (self.T_COND + 273.15 - evaporating), 2.0, 8.0)
        load = load if self.running else 0.0
        return {
            "supply_temperature": clamp(self._noisy(self.supply), 0.0, 20.0),
            "return_temperature": clamp(self.supply + load / (self.FLOW_KG_S * self.CP), 0.0, 25.0),
            "cooling_load": clamp(self._noisy(load), 0.0, 1000.0),
            "cop": cop,
            "power": clamp(load / cop, 0.0, 400.0),
        }


class PowerMeter(DeviceModel):
    """Three-phase meter on a 400 V feeder; energy (kWh) is the integral of the published active power."""

    switchable: ClassVar[bool] = False

    def __init__(self, rng: random.Random, *, noise: float = NOISE, time_of_day_s: float = 0.0) -> None:
        super().__init__(rng, noise=noise, time_of_day_s=time_of_day_s)
        self.energy = rng.uniform(1e4, 1e6)
        self.base = rng.uniform(150.0, 400.0)  # A
        self.power_factor = rng.uniform(0.85, 0.95)

    def _step(self, dt_s: float) -> dict[str, Value]:
        self.power_factor = self._walk(self.power_factor, 0.002, dt_s, 0.8, 0.98)
        shift = 0.7 + 0.3 * self._diurnal(14.0)  # between 0.4 and 1.0 of the base current
        volts = [clamp(self._noisy(400.0), 360.0, 440.0) for _ in range(3)]
        amps = [clamp(self._noisy(self.base * shift), 1.0, 1000.0) for _ in range(3)]
        volt_amps = sum(v * a for v, a in zip(volts, amps, strict=True)) / math.sqrt(3.0)  # Σ V_line/√3 · I
        power_kw = volt_amps * self.power_factor / 1e3
        self.energy += power_kw * dt_s / 3600.0
        values: dict[str, Value] = dict(zip(("voltage_ab", "voltage_bc", "voltage_ca"), volts, strict=True))
        values |= dict(zip(("current_a", "current_b", "current_c"), amps, strict=True))
        return values | {
            "active_power": power_kw,
            "power_factor": self.power_factor,
            "frequency": clamp(50.0 + 0.02 * self.rng.gauss(0.0, 1.0), 49.5, 50.5),
            "energy": self.energy,
        }


class TempHumiditySensor(DeviceModel):
    """Workshop air: temperature peaks at 15:00; humidity follows from a slowly wandering dew point
    through the Magnus formula, so it falls in the afternoon and stays within 0-100 %."""

    switchable: ClassVar[bool] = False

    def __init__(self, rng: random.Random, *, noise: float = NOISE, time_of_day_s: float = 0.0) -> None:
        super().__init__(rng, noise=noise, time_of_day_s=time_of_day_s)
        self.mean = rng.uniform(18.0, 26.0)
        self.dew_point = self.mean - rng.uniform(6.0, 12.0)

    def _step(self, dt_s: float) -> dict[str, Value]:
        temperature = clamp(self.mean + 5.0 * self._diurnal(15.0), -40.0, 80.0)
        self.dew_point = self._walk(self.dew_point, 0.02, dt_s, self.mean - 15.0, self.mean - 6.0)
        magnus = [17.625 * t / (243.04 + t) for t in (self.dew_point, temperature)]  # ln of e_s(t)/e_s(0)
        humidity = clamp(100.0 * math.exp(magnus[0] - magnus[1]), 0.0, 100.0)
        measured = temperature + 10.0 * self.noise * self.rng.gauss(0.0, 1.0)
        return {
            "temperature": clamp(measured, -40.0, 80.0),
            "humidity": clamp(self._noisy(humidity), 0.0, 100.0),
            "dew_point": clamp(self.dew_point, -40.0, 80.0),
        }


class CncMachine(DeviceModel):
    """Machining centre: cycles of ``CYCLE`` s at the spindle setpoint, then a part change; an occasional
    alarm stops it for a few minutes. Feed override scales the cycle time."""

    CYCLE, CHANGE, ALARM_RATE, ALARM_S = 90.0, 20.0, 1.0 / 7200.0, 300.0  # s, s, 1/s, s
    setpoints: ClassVar[Ranges] = {"spindle_speed_setpoint": (0.0, 12000.0), "feed_override": (0.0, 150.0)}
    spindle_speed_setpoint, feed_override, status, left = 8000.0, 100.0, "running", CYCLE

    def __init__(self, rng: random.Random, *, noise: float = NOISE, time_of_day_s: float = 0.0) -> None:
        super().__init__(rng, noise=noise, time_of_day_s=time_of_day_s)
        self.parts = rng.randrange(0, 10_000)

    def _advance(self, dt_s: float) -> None:
        self.left -= dt_s * (self.feed_override / 100.0 if self.status == "running" else 1.0)
        if self.status == "running" and self.rng.random() < self.ALARM_RATE * dt_s:
            self.status, self.left = "alarm", self.ALARM_S
        elif self.left <= 0.0 and self.status == "running":
            self.parts += 1
            self.status, self.left = "idle", self.CHANGE
        elif self.left <= 0.0:
            self.status, self.left = "running", self.CYCLE

    def _step(self, dt_s: float) -> dict[str, Value]:
        if self.running:
            self._advance(dt_s)
        cutting = self.running and self.status == "running"
        speed = self._noisy(self.spindle_speed_setpoint) if cutting else 0.0
        load = self._noisy(40.0 + 0.3 * self.feed_override) if cutting and speed > 0 else 0.0
        return {
            "status": self.status if self.running else "stopped",
            "spindle_speed": clamp(speed, 0.0, 12000.0),
            "spindle_load": clamp(load, 0.0, 150.0),
            "part_count": self.parts,
        }


__all__ = [
    "AirCompressor",
    "CentrifugalPump",
    "Chiller",
    "CncMachine",
    "DeviceModel",
    "Motor",
    "PowerMeter",
    "TempHumiditySensor",
]
