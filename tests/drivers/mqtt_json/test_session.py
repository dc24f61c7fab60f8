"""MQTT JSON sessions against a real broker (amqtt on loopback) and the simulated pump publishing to it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Protocol

import aiomqtt
import pytest

from longcheng.core.clock import ManualClock
from longcheng.core.samples import Quality
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, RawType, Reading
from longcheng.drivers.mqtt_json import SPEC
from longcheng.drivers.mqtt_json.driver import MqttJsonSession, connect
from longcheng.drivers.mqtt_json.simulator import MqttJsonSimulator
from support import eventually, free_port

CLOCK_START = 1_767_225_600_000


class LocalBroker(Protocol):  # the ``broker`` fixture of conftest.py
    host: str
    port: int

    async def start(self) -> None: ...
    async def stop(self) -> None: ...


@pytest.fixture
async def sim(broker: LocalBroker) -> AsyncIterator[MqttJsonSimulator]:
    simulator = MqttJsonSimulator(
        broker.host, broker.port, interval_s=3600, noise=0.0, clock=ManualClock(CLOCK_START)
    )
    async with simulator:
        yield simulator


@pytest.fixture
async def session(sim: MqttJsonSimulator) -> AsyncIterator[MqttJsonSession]:
    async with await connect(sim.config()) as opened:
        yield opened


def by_name(sim: MqttJsonSimulator) -> dict[str, PointSpec]:
    return {p.name: p for p in sim.points()}


async def until(
    session: MqttJsonSession,
    points: list[PointSpec],
    sim: MqttJsonSimulator,
    match: Callable[[Reading], bool],
) -> Reading:
    """Subscribe and have the device publish until a reading matches (bounded by a timeout)."""

    async def publish() -> None:
        while True:
            await sim.publish()
            await asyncio.sleep(0.1)

    publisher = asyncio.create_task(publish())
    try:
        async with asyncio.timeout(10):
            async for reading in session.subscribe(points):
                if match(reading):
                    return reading
    finally:
        publisher.cancel()
    raise AssertionError("the subscription ended")


async def test_read_returns_latest_seen_and_uncertain_before(
    session: MqttJsonSession, sim: MqttJsonSimulator
) -> None:
    points = [*sim.points(), PointSpec(name="broken", address="no-path", data_type=RawType.FLOAT64)]
    first = await session.read(points)
    assert {r.point: r.quality for r in first} == {p.name: Quality.UNCERTAIN for p in sim.points()} | {
        "broken": Quality.BAD
    }

    async def all_seen() -> list[Reading] | None:
        await sim.publish()
        readings = await session.read(points)
        return readings if all(r.quality is Quality.GOOD for r in readings[:-1]) else None

    readings = {r.point: r for r in await eventually(all_seen)}
    assert readings["speed_setpoint"].value == 2900.0
    assert readings["running"].value is True
    assert isinstance(readings["run_seconds"].value, int)
    assert readings["flow"].ts_ms == CLOCK_START  # the device's own timestamp, from $.time in seconds
    assert readings["broken"].quality is Quality.BAD
    assert session.stats.received >= 1
    assert session.stats.malformed == 0


async def test_subscribe_then_write_reaches_the_device(
    session: MqttJsonSession, sim: MqttJsonSimulator
) -> None:
    points = by_name(sim)
    got = await until(session, list(points.values()), sim, lambda r: r.point == "flow")
    assert got.value == pytest.approx(100.0)
    await session.write(points["speed_setpoint"], 1450.0)
    changed = await until(session, [points["speed_setpoint"]], sim, lambda r: r.value == 1450.0)
    assert changed.quality is Quality.GOOD
    assert sim.pump.speed_setpoint == 1450.0
    await session.write(points["running"], False)
    await until(session, [points["running"]], sim, lambda r: r.value is False)
    assert session.stats.writes == 2
    assert sim.stats.writes_applied == 2


async def test_refusals(session: MqttJsonSession, sim: MqttJsonSimulator) -> None:
    points = by_name(sim)
    with pytest.raises(PointRejected, match="read-only"):
        await session.write(points["flow"], 1.0)
    with pytest.raises(PointRejected) as caught:
        await session.write(PointSpec(name="x", address="nowhere", data_type=RawType.BOOL, access="rw"), True)
    assert caught.value.field == "x"
    with pytest.raises(PointRejected, match="bool"):
        await session.write(points["running"], 5)
    with pytest.raises(PointRejected, match="float64"):
        await session.write(points["speed_setpoint"], "fast")
    small = PointSpec(
        name="level", address=f"{sim.topic}|$.setpoints.level", data_type=RawType.INT16, access="rw"
    )
    with pytest.raises(PointRejected, match="range of int16"):
        await session.write(small, 40_000)
    assert session.stats.writes == 0


async def test_malformed_payloads_are_counted_and_skipped(
    session: MqttJsonSession, sim: MqttJsonSimulator, broker: LocalBroker
) -> None:
    points = by_name(sim)
    await session.read(list(points.values()))  # subscribes
    async with aiomqtt.Client(broker.host, broker.port, identifier="intruder") as other:
        await other.publish(sim.topic, b"{not json", qos=1)
        await other.publish(sim.topic, b'{"data": {"flow": "lots"}}', qos=1)
        await other.publish("plant/elsewhere", b"ignored: not a topic of ours", qos=1)

    async def counted() -> bool:
        return session.stats.malformed == 1 and session.stats.bad_values == 1

    await eventually(counted)
    got = await until(session, [points["flow"]], sim, lambda r: r.point == "flow")
    assert got.quality is Quality.GOOD


async def test_longcheng_format(broker: LocalBroker) -> None:
    clock = ManualClock(CLOCK_START)
    async with (
        MqttJsonSimulator(broker.host, broker.port, format="longcheng", interval_s=3600, clock=clock) as sim,
        await connect(sim.config()) as session,
    ):
        points = by_name(sim)
        assert points["flow"].address == "flow"
        got = await until(session, list(points.values()), sim, lambda r: r.point == "head")
        assert got.ts_ms == CLOCK_START
        await session.write(points["speed_setpoint"], 2000.0)
        await until(session, [points["speed_setpoint"]], sim, lambda r: r.value == 2000.0)
        assert sim.pump.speed_setpoint == 2000.0


async def test_connecting_to_no_broker_is_unreachable() -> None:
    config = MqttJsonSimulator("127.0.0.1", free_port()).config(timeout_s=2)
    assert SPEC.connect is not None
    with pytest.raises(DeviceUnreachable):
        await SPEC.connect(config)


async def test_broker_lost_then_back(broker: LocalBroker) -> None:
    sim = MqttJsonSimulator(broker.host, broker.port, interval_s=3600, qos=0)
    async with sim:
        session = await connect(sim.config())
        points = list(sim.points())
        await until(session, points, sim, lambda r: r.point == "flow")
        sim.pump.apply("speed_setpoint", 1234.0)  # a marker: once it is read, nothing is left in flight
        await sim.publish()

        async def marked() -> bool:
            return (await session.read([by_name(sim)["speed_setpoint"]]))[0].value == 1234.0

        await eventually(marked)

        async def drain() -> None:
            async for _ in session.subscribe(points):
                pass

        waiting = asyncio.create_task(drain())
        await asyncio.sleep(0.1)  # the subscriber now waits for new readings
        await broker.stop()

        async def refused() -> bool:
            try:
                await session.read(points)
            except DeviceUnreachable:
                return True
            return False

        await eventually(refused)
        with pytest.raises(DeviceUnreachable):
            await asyncio.wait_for(waiting, 5)
        with pytest.raises(DeviceUnreachable):
            await session.write(by_name(sim)["running"], True)
        await session.close()

        await broker.start()
        async with await connect(sim.config()) as again:
            got = await until(again, points, sim, lambda r: r.point == "flow")  # the device reconnected too
            assert got.quality is Quality.GOOD
        assert sim.stats.connections == 2
