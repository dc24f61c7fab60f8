"""Sparkplug host sessions against a real broker (amqtt on loopback) and the simulated edge node."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from typing import Protocol

import aiomqtt
import orjson
import pytest

from longcheng.core.clock import ManualClock
from longcheng.core.samples import Quality
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, RawType, Reading
from longcheng.drivers.sparkplug import SPEC
from longcheng.drivers.sparkplug.driver import SparkplugSession, connect
from longcheng.drivers.sparkplug.simulator import SparkplugEdgeNode
from support import eventually, free_port

CLOCK_START = 1_767_225_600_000


class LocalBroker(Protocol):  # the ``broker`` fixture of conftest.py
    host: str
    port: int

    async def start(self) -> None: ...
    async def stop(self) -> None: ...


@pytest.fixture
def node(broker: LocalBroker) -> SparkplugEdgeNode:
    """The edge node, not started: each test starts it before or after the host as it needs."""
    return SparkplugEdgeNode(
        broker.host,
        broker.port,
        group="plant",
        edge_node="cell7",
        interval_s=3600,
        noise=0.0,
        clock=ManualClock(CLOCK_START),
    )


@pytest.fixture
async def session(node: SparkplugEdgeNode) -> AsyncIterator[SparkplugSession]:
    async with await connect(node.config(rebirth_holdoff_s=0)) as opened:
        yield opened


def points_of(node: SparkplugEdgeNode) -> dict[str, PointSpec]:
    return {p.name: p for p in node.points()}


async def collect(
    stream: AsyncIterator[Reading], seen: dict[str, Reading], done: Callable[[dict[str, Reading]], bool]
) -> dict[str, Reading]:
    """Read the stream into ``seen`` (latest per point) until ``done(seen)``; at most 10 s."""
    async with asyncio.timeout(10):
        while not done(seen):
            reading = await anext(stream)
            seen[reading.point] = reading
    return seen


async def test_births_then_data(session: SparkplugSession, node: SparkplugEdgeNode) -> None:
    points = points_of(node)
    wanted = [points["cnc1_spindle_speed_setpoint"], points["motor1_load"], points["node_model"]]
    stream = session.subscribe(wanted)
    seen: dict[str, Reading] = {}
    pending = asyncio.ensure_future(collect(stream, seen, lambda s: len(s) == 3))
    await asyncio.sleep(0.1)  # the subscriber is waiting
    async with node:
        got = await pending
        assert {k: r.value for k, r in got.items()} == {
            "cnc1_spindle_speed_setpoint": 8000.0,
            "motor1_load": 75.0,
            "node_model": "LC-EDGE-SIM",
        }
        assert all(r.quality is Quality.GOOD and r.ts_ms == CLOCK_START for r in got.values())
        assert isinstance(node.clock, ManualClock)
        node.clock.advance(1000)
        await node.publish_data()
        seen.clear()
        fresh = await collect(
            stream, seen, lambda s: "motor1_load" in s and "cnc1_spindle_speed_setpoint" in s
        )
        assert (
            fresh["motor1_load"].ts_ms == CLOCK_START + 1000
        )  # decoded by alias, with the birth's datatypes
        read = {r.point: r for r in await session.read(list(points.values()))}
        assert read["cnc1_status"].value == "running"
        assert isinstance(read["cnc1_part_count"].value, int)
        assert read["motor1_running"].value is True
        assert session.stats.rebirths == 0
        assert session.stats.malformed == 0
        assert node.stats.births == 1
        await stream.aclose()


async def test_data_before_birth_asks_for_a_rebirth(broker: LocalBroker, node: SparkplugEdgeNode) -> None:
    # the births go (partly) unseen; one request per node until answered (the hold-off)
    async with node, await connect(node.config(rebirth_holdoff_s=60)) as session:
        points = list(node.points())
        assert {r.quality for r in await session.read(points)} == {Quality.UNCERTAIN}
        await node.publish_data()

        async def known() -> list[Reading] | None:
            readings = await session.read(points)
            return readings if all(r.quality is Quality.GOOD for r in readings) else None

        await eventually(known)
        assert session.stats.rebirths == 1
        assert node.stats.rebirths == 1
        assert node.stats.births == 2


async def test_named_edge_nodes_are_asked_to_rebirth_at_once(node: SparkplugEdgeNode) -> None:
    async with node, await connect(node.config(edge_nodes=("cell7",))) as session:

        async def known() -> bool:
            readings = await session.read([points_of(node)["node_model"]])
            return readings[0].quality is Quality.GOOD

        await eventually(known)
        assert session.stats.rebirths == 1


async def test_a_seq_gap_asks_for_a_rebirth(session: SparkplugSession, node: SparkplugEdgeNode) -> None:
    async with node:
        await node.publish_data()
        await eventually(lambda: _true(node.stats.data == 2 and session.stats.received >= 5))
        assert session.stats.rebirths == 0
        node.skip_seq(3)  # three messages lost on the way
        await node.publish_data()
        await eventually(lambda: _true(node.stats.births == 2 and session.host.nodes["cell7"].seq == 2))
        assert session.stats.rebirths == 1  # and the births that answered it: NBIRTH 0, DBIRTH 1 and 2
        assert node.stats.rebirths == 1


async def _true(condition: bool) -> bool:
    return condition


async def test_deaths_mark_points_bad(session: SparkplugSession, node: SparkplugEdgeNode) -> None:
    points = points_of(node)
    cnc, motor = points["cnc1_spindle_speed_setpoint"], points["motor1_load"]
    await node.start()
    await eventually(lambda: _quality_of(session, [cnc, motor], {Quality.GOOD}))
    await node.device_death("cnc1")
    await eventually(lambda: _quality_of(session, [cnc], {Quality.BAD}))
    dead = await session.read([cnc, motor])
    assert (dead[0].value, dead[1].quality) == (8000.0, Quality.GOOD)  # the last value, marked bad
    with pytest.raises(DeviceUnreachable, match="offline"):
        await session.write(cnc, 1000.0)
    await node.stop()  # publishes NDEATH with its bdSeq
    await eventually(lambda: _quality_of(session, [cnc, motor, points["node_model"]], {Quality.BAD}))


async def _quality_of(session: SparkplugSession, points: list[PointSpec], qualities: set[Quality]) -> bool:
    return {r.quality for r in await session.read(points)} == qualities


async def test_a_write_reaches_the_device_and_the_next_data_shows_it(
    session: SparkplugSession, node: SparkplugEdgeNode
) -> None:
    points = points_of(node)
    setpoint, running, status = (
        points[n] for n in ("cnc1_spindle_speed_setpoint", "cnc1_running", "cnc1_status")
    )
    async with node:
        stream = session.subscribe([setpoint, running, status, points["motor1_load"]])
        seen: dict[str, Reading] = {}
        await collect(stream, seen, lambda s: s.get("cnc1_spindle_speed_setpoint", _nothing).value == 8000.0)
        await session.write(setpoint, 5000.0)
        await collect(stream, seen, lambda s: s["cnc1_spindle_speed_setpoint"].value == 5000.0)
        assert node.devices["cnc1"].spindle_speed_setpoint == 5000.0
        await session.write(running, False)
        await collect(stream, seen, lambda s: s.get("cnc1_status", _nothing).value == "stopped")
        await session.write(points["motor1_load"], 50)
        await collect(stream, seen, lambda s: s.get("motor1_load", _nothing).value == 50.0)
        assert session.stats.writes == 3
        assert node.stats.commands == 3
        assert node.stats.commands_rejected == 0
        await stream.aclose()


_nothing = Reading("", "", 0)


async def test_refusals(session: SparkplugSession, node: SparkplugEdgeNode) -> None:
    points = points_of(node)
    async with node:
        await eventually(lambda: _true(session.host.online("cell7", "cnc1")))
        with pytest.raises(PointRejected, match="read-only"):
            await session.write(points["cnc1_part_count"], 5)
        with pytest.raises(PointRejected) as caught:
            await session.write(
                PointSpec(name="x", address="cell7", data_type=RawType.BOOL, access="rw"), True
            )
        assert caught.value.field == "x"
        with pytest.raises(PointRejected, match="float32"):
            await session.write(points["cnc1_feed_override"], 1e39)
        with pytest.raises(PointRejected, match="float64"):
            await session.write(points["cnc1_spindle_speed_setpoint"], "fast")
        as_int = PointSpec(name="r", address="cell7/cnc1/running", data_type=RawType.INT16, access="rw")
        with pytest.raises(PointRejected, match="Boolean"):
            await session.write(as_int, 1)  # the birth certificate says Boolean
        unknown = PointSpec(name="u", address="cell7/cnc1/coolant", data_type=RawType.BOOL, access="rw")
        with pytest.raises(PointRejected, match="declares no metric"):
            await session.write(unknown, True)
        elsewhere = PointSpec(name="o", address="cell9/d/m", data_type=RawType.BOOL, access="rw")
        with pytest.raises(DeviceUnreachable):
            await session.write(elsewhere, True)
        readings = await session.read(
            [PointSpec(name="bad", address="nope", data_type=RawType.BOOL), elsewhere]
        )
        assert [r.quality for r in readings] == [Quality.BAD, Quality.UNCERTAIN]
        assert session.stats.writes == 0
        assert node.stats.commands == 0


async def test_malformed_payloads_are_counted_and_skipped(
    session: SparkplugSession, node: SparkplugEdgeNode, broker: LocalBroker
) -> None:
    async with node:
        async with aiomqtt.Client(broker.host, broker.port, identifier="intruder") as other:
            await other.publish("spBv1.0/plant/DDATA/cell7/cnc1", b"\xff\xff not protobuf", qos=1)
        await eventually(lambda: _true(session.stats.malformed == 1))
        await node.publish_data()
        await eventually(lambda: _true(node.stats.data == 2 and session.host.nodes["cell7"].seq == 4))


async def test_host_state_is_published(node: SparkplugEdgeNode, broker: LocalBroker) -> None:
    session = await connect(node.config(host_id="scada"))
    async with aiomqtt.Client(broker.host, broker.port, identifier="watcher") as watcher:
        await watcher.subscribe("spBv1.0/STATE/scada", qos=0)
        messages = watcher.messages
        async with asyncio.timeout(10):
            online = orjson.loads((await anext(messages)).payload)
            assert online["online"] is True
            await session.close()
            offline = online
            while offline["online"]:  # the retained birth may come twice (once live, once retained)
                offline = orjson.loads((await anext(messages)).payload)
    assert isinstance(online["timestamp"], int)
    assert offline["timestamp"] >= online["timestamp"]


async def test_connecting_to_no_broker_is_unreachable() -> None:
    config = SparkplugEdgeNode("127.0.0.1", free_port()).config(timeout_s=2)
    assert SPEC.connect is not None
    with pytest.raises(DeviceUnreachable):
        await SPEC.connect(config)


async def test_broker_lost_then_back(broker: LocalBroker, node: SparkplugEdgeNode) -> None:
    config = node.config(qos=0, edge_nodes=("cell7",))  # the births answering the rebirth carry every value
    points = list(node.points())

    async def known(session: SparkplugSession) -> bool:
        return {r.quality for r in await session.read(points)} == {Quality.GOOD}

    async def quiet(session: SparkplugSession) -> bool:  # the rebirth answered, nothing more in flight
        return (
            node.stats.rebirths == session.stats.rebirths == 1 and session.host.nodes["cell7"].seq == node.seq
        )

    async with node:
        session = await connect(config)
        await eventually(lambda: known(session))
        await eventually(lambda: quiet(session))
        await broker.stop()

        async def refused() -> bool:
            try:
                await session.read(points)
            except DeviceUnreachable:
                return True
            return False

        await eventually(refused)
        with pytest.raises(DeviceUnreachable):
            await session.write(points_of(node)["motor1_load"], 10.0)
        await session.close()

        await broker.start()
        await eventually(lambda: _true(node.stats.connections == 2))
        async with await connect(config) as again:
            await eventually(lambda: known(again))
            assert again.host.nodes["cell7"].bd_seq == 1  # a new bdSeq for the new connection


EDGE_NODE_PROCESS = """
import asyncio, sys
from longcheng.drivers.sparkplug.simulator import SparkplugEdgeNode

async def main() -> None:
    node = SparkplugEdgeNode("127.0.0.1", int(sys.argv[1]), group="plant", edge_node="cell8", interval_s=3600)
    async with node:
        print("ready", flush=True)
        await asyncio.Event().wait()

asyncio.run(main())
"""


async def test_a_killed_edge_node_dies_by_its_will(broker: LocalBroker) -> None:
    """No graceful NDEATH: the broker publishes the will (NDEATH with the connection's bdSeq)."""
    session = await connect(SparkplugEdgeNode(broker.host, broker.port, group="plant").config())
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", EDGE_NODE_PROCESS, str(broker.port), stdout=asyncio.subprocess.PIPE
    )
    try:
        assert process.stdout is not None
        async with asyncio.timeout(30):
            assert (await process.stdout.readline()).strip() == b"ready"
        point = PointSpec(name="load", address="cell8/motor1/load", data_type=RawType.FLOAT64)
        await eventually(lambda: _quality_of(session, [point], {Quality.GOOD}))
        process.kill()
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()
    await eventually(lambda: _quality_of(session, [point], {Quality.BAD}))
    assert session.host.nodes["cell8"].bd_seq == 0
    await session.close()
