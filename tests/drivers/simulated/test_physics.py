"""The physics of the simulated devices against the laws they follow."""

from __future__ import annotations

import math
import random

import pytest

from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value
from longcheng.drivers.simulated.catalogue import DEVICE_TYPES, SimulatedType
from longcheng.drivers.simulated.physics import (
    AirCompressor,
    CentrifugalPump,
    Chiller,
    DeviceModel,
    Motor,
    PowerMeter,
    TempHumiditySensor,
)

RHO_G = 998.0 * 9.80665  # water at 20 °C, standard gravity


def settle(model: DeviceModel, seconds: int) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for _ in range(seconds):
        values = model.step(1.0)
    return values


def test_pump_at_rated_speed_gives_the_rated_point() -> None:
    values = CentrifugalPump(random.Random(1), noise=0.0).step(1.0)
    assert values["flow"] == pytest.approx(100.0)
    assert values["head"] == pytest.approx(50.0)
    assert values["shaft_power"] == pytest.approx(18.5)
    assert values["outlet_pressure"] == pytest.approx(RHO_G * 50.0 / 1e5)  # p = ρgH, in bar


@pytest.mark.parametrize("speed", [2900.0 / 2, 2000.0, 3100.0])
def test_pump_follows_the_affinity_laws(speed: float) -> None:
    pump = CentrifugalPump(random.Random(1), noise=0.0)
    pump.apply("speed_setpoint", speed)
    values = settle(pump, 10)
    ratio = speed / 2900.0
    assert values["speed"] == pytest.approx(speed)
    assert values["flow"] == pytest.approx(100.0 * ratio)  # Q ∝ n
    assert values["head"] == pytest.approx(50.0 * ratio**2)  # H ∝ n²
    assert values["shaft_power"] == pytest.approx(18.5 * ratio**3)  # P ∝ n³
    assert values["outlet_pressure"] == pytest.approx(RHO_G * 50.0 * ratio**2 / 1e5)


def test_halving_pump_speed_gives_a_quarter_of_the_head_and_an_eighth_of_the_power() -> None:
    pump = CentrifugalPump(random.Random(1), noise=0.0)
    rated = pump.step(1.0)
    pump.apply("speed_setpoint", 1450)
    half = settle(pump, 10)
    assert float(half["flow"]) / float(rated["flow"]) == pytest.approx(1 / 2)
    assert float(half["head"]) / float(rated["head"]) == pytest.approx(1 / 4)
    assert float(half["shaft_power"]) / float(rated["shaft_power"]) == pytest.approx(1 / 8)


def test_pump_noise_is_small_and_unbiased() -> None:
    pump = CentrifugalPump(random.Random(7))
    flows = [float(pump.step(1.0)["flow"]) for _ in range(4000)]
    mean = sum(flows) / len(flows)
    spread = math.sqrt(sum((f - mean) ** 2 for f in flows) / len(flows))
    assert mean == pytest.approx(100.0, rel=0.002)
    assert 0.5 < spread < 1.5  # 1 % relative noise on 100 m³/h


def test_stopped_pump_ramps_down_to_zero() -> None:
    pump = CentrifugalPump(random.Random(1), noise=0.0)
    pump.apply("running", False)
    assert pump.step(1.0)["speed"] == pytest.approx(1900.0)  # 1000 rpm/s ramp
    values = settle(pump, 5)
    assert values["flow"] == 0.0
    assert values["efficiency"] == 0.0
    assert values["running"] is False


@pytest.mark.parametrize("dt", [1.0, 10.0, 60.0])
def test_winding_temperature_reaches_63_percent_of_its_rise_after_one_time_constant(dt: float) -> None:
    motor = Motor(random.Random(1), noise=0.0)
    motor.apply("load", 100.0)
    ambient, steady, tau = 25.0, 25.0 + 80.0, 600.0  # ambient + ΔT_rated·load², load = 1 pu
    for _ in range(round(tau / dt)):
        values = motor.step(dt)
    assert values["winding_temperature"] == pytest.approx(ambient + (steady - ambient) * (1 - math.exp(-1)))
    for _ in range(round(4 * tau / dt)):
        values = motor.step(dt)
    assert values["winding_temperature"] == pytest.approx(ambient + (steady - ambient) * (1 - math.exp(-5)))


def test_winding_rise_grows_with_the_square_of_the_load() -> None:
    motor = Motor(random.Random(1), noise=0.0)
    motor.apply("load", 50.0)
    values = motor.step(100 * 600.0)
    assert values["winding_temperature"] == pytest.approx(25.0 + 80.0 * 0.5**2)


def test_motor_current_is_the_phasor_sum_of_magnetising_and_load_current() -> None:
    motor = Motor(random.Random(1), noise=0.0)
    motor.apply("load", 0.0)
    assert motor.step(1.0)["current"] == pytest.approx(9.0)
    motor.apply("load", 100.0)
    assert motor.step(1.0)["current"] == pytest.approx(28.0)
    assert motor.step(1.0)["speed"] == pytest.approx(1500.0 * (1 - 0.03))


def test_compressor_cycles_between_its_pressure_bands() -> None:
    compressor = AirCompressor(random.Random(3), noise=0.0)
    hours = compressor.hours
    states, pressures, powers = set(), [], {}
    for _ in range(1800):
        values = compressor.step(1.0)
        states.add(values["state"])
        pressures.append(float(values["pressure"]))
        powers[values["state"]] = values["power"]
    assert states == {"loaded", "unloaded"}
    assert min(pressures) > 6.4  # bands 6.5-7.5 bar, plus one step of overshoot
    assert max(pressures) < 7.6
    assert powers["loaded"] == pytest.approx(37.0)
    assert powers["unloaded"] == pytest.approx(0.28 * 37.0)
    assert compressor.hours == pytest.approx(hours + 0.5)


def test_chiller_power_is_load_over_cop() -> None:
    chiller = Chiller(random.Random(5), noise=0.0)
    values = settle(chiller, 3600)
    assert 4.0 <= float(values["cop"]) <= 6.0
    assert values["power"] == pytest.approx(float(values["cooling_load"]) / float(values["cop"]))
    assert values["supply_temperature"] == pytest.approx(7.0, abs=0.01)


def test_chiller_supply_follows_a_new_setpoint_and_cop_rises() -> None:
    chiller = Chiller(random.Random(5), noise=0.0)
    before = settle(chiller, 3600)
    chiller.apply("supply_setpoint", 10.0)
    after = settle(chiller, 3600)
    assert after["supply_temperature"] == pytest.approx(10.0, abs=0.01)
    assert float(after["cop"]) > float(before["cop"])  # a smaller lift gives a higher COP


def test_energy_is_the_integral_of_active_power_and_strictly_increases() -> None:
    meter = PowerMeter(random.Random(11))
    start = float(meter.step(0.0)["energy"])
    integral, previous = 0.0, start
    rng = random.Random(2)
    for _ in range(5000):
        dt = rng.uniform(0.1, 30.0)
        values = meter.step(dt)
        integral += float(values["active_power"]) * dt / 3600.0
        assert float(values["energy"]) > previous
        previous = float(values["energy"])
        assert 0.8 <= float(values["power_factor"]) <= 0.98
    assert previous - start == pytest.approx(integral, rel=1e-9)


def test_temperature_peaks_in_the_afternoon_and_humidity_falls() -> None:
    sensor = TempHumiditySensor(random.Random(4), noise=0.0, time_of_day_s=0.0)
    day = [sensor.step(60.0) for _ in range(24 * 60)]  # minute by minute, from 00:01 to 24:00
    hottest = max(range(len(day)), key=lambda i: float(day[i]["temperature"]))
    assert 14 * 60 <= hottest + 1 <= 16 * 60
    assert float(day[hottest]["humidity"]) < float(day[3 * 60]["humidity"])
    assert all(0.0 <= float(v["humidity"]) <= 100.0 for v in day)


@pytest.mark.parametrize("kind", DEVICE_TYPES, ids=lambda k: k.key)
def test_values_stay_within_the_thing_model_over_10000_steps(kind: SimulatedType) -> None:
    rng = random.Random(kind.key)
    model = kind.new_model(random.Random(99), time_of_day_s=rng.uniform(0, 86400))
    specs = kind.thing_model.property_map()
    for step in range(10_000):
        if step % 700 == 0:
            for name, (low, high) in model.setpoints.items():
                model.apply(name, rng.choice([low, high, low - 10, high + 10, rng.uniform(low, high)]))
        if model.switchable and step % 1500 == 0:
            model.apply("running", step % 3000 != 0)
        values = model.step(rng.choice([0.0, 0.5, 1.0, 10.0, 60.0]))
        assert set(values) == set(specs)
        for name, value in values.items():
            _, reason, detail = specs[name].check(value)
            assert reason is None, f"{kind.key}.{name} = {value!r} at step {step}: {detail}"


@pytest.mark.parametrize("kind", DEVICE_TYPES, ids=lambda k: k.key)
def test_same_seed_gives_the_same_run(kind: SimulatedType) -> None:
    first, second = kind.new_model(random.Random(5)), kind.new_model(random.Random(5))
    assert [first.step(1.0) for _ in range(50)] == [second.step(1.0) for _ in range(50)]


def test_apply_refuses_what_is_not_writable() -> None:
    pump = CentrifugalPump(random.Random(1))
    with pytest.raises(InvalidInput) as info:
        pump.apply("flow", 10.0)
    assert info.value.field == "flow"
    with pytest.raises(InvalidInput):
        pump.apply("speed_setpoint", "fast")
    with pytest.raises(InvalidInput):
        pump.apply("running", 1)
    with pytest.raises(InvalidInput):
        PowerMeter(random.Random(1)).apply("running", False)


def test_apply_clamps_a_setpoint_into_its_range() -> None:
    pump = CentrifugalPump(random.Random(1), noise=0.0)
    pump.apply("speed_setpoint", 10_000)
    assert pump.step(1.0)["speed_setpoint"] == 3200.0


def test_negative_time_step_is_refused() -> None:
    with pytest.raises(ValueError, match="dt_s"):
        Motor(random.Random(1)).step(-1.0)
