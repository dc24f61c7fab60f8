"""A server that goes away: reads, writes and subscriptions fail with ``DeviceUnreachable`` (on which the
gateway reconnects), and a new session works once the server is back."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from longcheng.core.samples import Quality
from longcheng.drivers.base import DeviceUnreachable, PointSpec, Reading
from longcheng.drivers.opcua.config import OpcUaConfig
from longcheng.drivers.opcua.driver import OpcUaSession, connect
from longcheng.drivers.opcua.simulator import OpcUaSimulator
from support import eventually, free_port

CURRENT = PointSpec(name="current", address="ns=2;s=Motor.current", data_type="float64")
LOAD = PointSpec(name="load", address="ns=2;s=Motor.load", data_type="float64", access="rw")


def config(port: int) -> OpcUaConfig:
    return OpcUaConfig(endpoint=f"opc.tcp://127.0.0.1:{port}", request_timeout_s=1, watchdog_interval_s=0.1)


async def unreachable(session: OpcUaSession) -> bool:
    try:
        await session.read([CURRENT])
    except DeviceUnreachable:
        return True
    return False


async def drain(readings: AsyncIterator[Reading]) -> None:
    async for _ in readings:
        pass


async def test_a_server_that_is_not_there_is_unreachable() -> None:
    with pytest.raises(DeviceUnreachable, match="unreachable"):
        await connect(config(free_port()))


async def test_reads_and_writes_fail_while_the_server_is_down_and_a_new_session_works_after() -> None:
    port = free_port()
    async with OpcUaSimulator(port=port, interval_s=0.02):
        session = await connect(config(port))
        (first,) = await session.read([CURRENT])
        assert first.quality is Quality.GOOD

        async def moved() -> bool:
            (now,) = await session.read([CURRENT])
            return now.ts_ms > first.ts_ms  # the simulator's own loop advances the physics

        await eventually(moved, timeout=5)
    await eventually(lambda: unreachable(session), timeout=5)
    with pytest.raises(DeviceUnreachable):
        await session.write(LOAD, 50.0)
    await session.close()
    await session.close()  # closing twice is harmless

    async with OpcUaSimulator(port=port, interval_s=0.02), await connect(config(port)) as again:
        (reading,) = await again.read([CURRENT])
        assert reading.quality is Quality.GOOD


async def test_a_subscription_raises_device_unreachable_when_the_server_stops() -> None:
    port = free_port()
    sim = OpcUaSimulator(port=port, interval_s=0.02)
    await sim.start()
    try:
        session = await connect(config(port))
        readings: AsyncIterator[Reading] = session.subscribe([CURRENT.model_copy(update={"poll_ms": 20})])
        async with asyncio.timeout(10):
            assert (await anext(readings)).point == "current"
            await sim.stop()
            with pytest.raises(DeviceUnreachable, match="connection lost"):
                await drain(readings)
    finally:
        await sim.stop()
    await session.close()
