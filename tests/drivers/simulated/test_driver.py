"""The simulated factory against a real MQTT broker (amqtt) on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiomqtt
import orjson
import pytest
from amqtt.broker import Broker

from longcheng.core.clock import SystemClock
from longcheng.core.topics import desired_topic, device_username, parse
from longcheng.drivers.simulated.catalogue import plan
from longcheng.drivers.simulated.driver import FactoryStats, SimDevice, backoff_delay, run_factory

TENANT = "acme"
Telemetry = tuple[str, dict[str, Any]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def start_broker(port: int) -> Broker:
    broker = Broker(
        {
            "listeners": {"default": {"type": "tcp", "bind": f"127.0.0.1:{port}"}},
            "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}},
        }
    )
    await broker.start()
    return broker


@pytest.fixture
async def broker_port() -> AsyncIterator[int]:
    port = free_port()
    broker = await start_broker(port)
    try:
        yield port
    finally:
        await broker.shutdown()


def devices(count: int) -> list[SimDevice]:
    return [
        SimDevice(TENANT, key, kind, device_username(TENANT, key), f"secret-{key}")
        for kind, key in plan(count)
    ]


@contextlib.asynccontextmanager
async def factory(port: int, fleet: list[SimDevice], stats: FactoryStats) -> AsyncIterator[None]:
    ready = asyncio.Event()
    task = asyncio.create_task(
        run_factory(
            fleet, "127.0.0.1", port, interval_s=0.1, seed=7, clock=SystemClock(), ready=ready, stats=stats
        )
    )
    try:
        async with asyncio.timeout(10):
            await ready.wait()
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def wait_for(client: aiomqtt.Client, accept: Callable[[str, dict[str, Any]], bool]) -> list[Telemetry]:
    """Collect telemetry until ``accept(device, values)`` holds for one message; return all collected."""
    seen: list[Telemetry] = []
    async with asyncio.timeout(10):
        async for message in client.messages:
            parts = parse(str(message.topic))
            assert parts is not None
            assert parts.channel == "telemetry"
            body = orjson.loads(message.payload)
            assert isinstance(body["ts"], int)
            seen.append((parts.device, body["values"]))
            if accept(parts.device, body["values"]):
                return seen
    raise AssertionError("the subscription ended")


async def test_every_device_publishes_values_within_its_thing_model(broker_port: int) -> None:
    fleet = devices(3)
    stats = FactoryStats()
    kinds = {d.key: d.type for d in fleet}
    async with aiomqtt.Client("127.0.0.1", broker_port, identifier="observer") as observer:
        await observer.subscribe("lc/v1/#")
        async with factory(broker_port, fleet, stats):
            counts: dict[str, int] = dict.fromkeys(kinds, 0)

            def each_twice(device: str, _: dict[str, Any]) -> bool:
                counts[device] += 1
                return min(counts.values()) >= 2

            seen = await wait_for(observer, each_twice)
            assert stats.connected == 3
    for device, values in seen:
        specs = kinds[device].thing_model.property_map()
        assert set(values) == set(specs)
        for name, value in values.items():
            _, reason, detail = specs[name].check(value)
            assert reason is None, f"{device}.{name}: {detail}"
    assert stats.published >= 6


async def test_pump_obeys_a_desired_speed(broker_port: int) -> None:
    fleet = devices(3)
    pump = fleet[0]
    assert pump.type.key == "centrifugal_pump"
    stats = FactoryStats()
    async with aiomqtt.Client("127.0.0.1", broker_port, identifier="platform") as platform:
        await platform.subscribe(f"lc/v1/{TENANT}/{pump.key}/telemetry")
        async with factory(broker_port, fleet, stats):
            before = await wait_for(platform, lambda _d, _v: True)
            assert before[-1][1]["flow"] == pytest.approx(100.0, rel=0.05)  # the rated flow at 2900 rpm
            desired = {"values": {"speed_setpoint": 1450, "flow": 3.0, "no_such": 1}}
            await platform.publish(desired_topic(TENANT, pump.key), orjson.dumps(desired), qos=1)
            acknowledged: list[dict[str, Any]] = []

            def settled(_: str, values: dict[str, Any]) -> bool:
                if values["speed_setpoint"] == 1450:
                    acknowledged.append(values)
                return len(acknowledged) >= 30  # 3 s at 0.1 s: the 1000 rpm/s ramp took 1.45 s

            await wait_for(platform, settled)
            last = acknowledged[-10:]  # averaged, to tame the 1 % measurement noise
            flow = sum(float(v["flow"]) for v in last) / len(last)
            head = sum(float(v["head"]) for v in last) / len(last)
            assert flow / 100.0 == pytest.approx(1450 / 2900, rel=0.02)  # Q ∝ n
            assert head / 50.0 == pytest.approx((1450 / 2900) ** 2, rel=0.02)  # H ∝ n²
    assert stats.desired_applied == 1
    assert stats.desired_rejected == 2  # flow is read-only, no_such is unknown


async def test_devices_reconnect_after_the_broker_restarts() -> None:
    port = free_port()
    broker = await start_broker(port)
    fleet = devices(2)
    stats = FactoryStats()
    try:
        async with factory(port, fleet, stats):
            await broker.shutdown()
            broker = await start_broker(port)
            async with aiomqtt.Client("127.0.0.1", port, identifier="observer") as observer:
                await observer.subscribe("lc/v1/#")
                heard: set[str] = set()

                def everyone(device: str, _: dict[str, Any]) -> bool:
                    heard.add(device)
                    return len(heard) == len(fleet)

                await wait_for(observer, everyone)
            assert stats.reconnects >= len(fleet)
            assert stats.connected == len(fleet)
    finally:
        await broker.shutdown()


def test_backoff_grows_exponentially_with_jitter_up_to_the_cap() -> None:
    rng = random.Random(1)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (6, 16.0), (7, 30.0), (50, 30.0)]:
        delays = [backoff_delay(attempt, rng) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1
