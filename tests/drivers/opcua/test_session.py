"""The OPC UA session against the simulated devices on loopback: reads, writes, subscriptions, method calls
and browsing. The simulator's physics advance only when a test ticks them, at a manual clock."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from longcheng.core.clock import ManualClock
from longcheng.core.samples import Quality, Value
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, RawType, Reading
from longcheng.drivers.opcua import SPEC
from longcheng.drivers.opcua.config import OpcUaConfig
from longcheng.drivers.opcua.driver import OpcUaSession, connect
from longcheng.drivers.opcua.simulator import NAMESPACE_URI, SERIAL_NUMBER, OpcUaSimulator
from support import free_port

pytestmark = pytest.mark.asyncio(loop_scope="module")

CLIENT_CLOCK_MS = 1_000
MOTOR = ("current", "speed", "winding_temperature", "vibration", "load")


def spec(name: str, address: str, data_type: RawType | str = RawType.FLOAT64, **extra: Any) -> PointSpec:
    return PointSpec(name=name, address=address, data_type=data_type, **extra)


@pytest_asyncio.fixture(loop_scope="module")
async def session(sim: OpcUaSimulator) -> AsyncIterator[OpcUaSession]:
    config = OpcUaConfig(endpoint=sim.endpoint, request_timeout_s=2, watchdog_interval_s=0.2)
    async with await connect(config, clock=ManualClock(CLIENT_CLOCK_MS)) as opened:
        yield opened


async def test_the_plugin_connects_through_its_spec(sim: OpcUaSimulator) -> None:
    assert SPEC.connect is not None
    session = await SPEC.connect(OpcUaConfig(endpoint=sim.endpoint))
    try:
        (reading,) = await session.read([spec("serial", sim.node_id("Tags.serial_number"), "string")])
        assert reading.value == SERIAL_NUMBER
    finally:
        await session.close()


async def test_a_read_is_one_request_for_all_points(
    sim: OpcUaSimulator, sim_clock: ManualClock, session: OpcUaSession
) -> None:
    await sim.tick(1.0)
    names = ["supply_temperature", "return_temperature", "cooling_load", "cop", "power", "supply_setpoint"]
    points = [spec(n, sim.node_id(f"Chiller.{n}")) for n in names]
    points += [
        spec("running", sim.node_id("Chiller.running"), "bool"),
        spec("serial", sim.node_id("Tags.serial_number"), "string"),
        spec("by_uri", f"nsu={NAMESPACE_URI};s=Motor.load"),
    ]
    sim.read_sizes.clear()
    readings = await session.read(points)
    # one Read request for the points; the others read one node: the namespace array, the watchdog's probe
    assert [size for size in sim.read_sizes if size > 1] == [len(points)]
    assert [r.point for r in readings] == [p.name for p in points]
    assert all(r.quality is Quality.GOOD for r in readings)
    values = {r.point: r.value for r in readings}
    model = sim.models["Chiller"]
    assert values["supply_setpoint"] == model.supply_setpoint
    assert values["running"] is True
    assert values["serial"] == SERIAL_NUMBER
    assert values["by_uri"] == sim.models["Motor"].load
    assert 0 < float(values["cooling_load"]) < 1000
    assert float(values["power"]) == pytest.approx(float(values["cooling_load"]) / float(values["cop"]))
    assert readings[0].ts_ms == sim_clock.now_ms()  # the source timestamp, not the client's clock


async def test_points_that_cannot_be_read_come_back_bad_with_the_others_good(
    sim: OpcUaSimulator, session: OpcUaSession
) -> None:
    points = [
        spec("good", sim.node_id("Motor.current")),
        spec("unknown", sim.node_id("Motor.torque")),
        spec("malformed", "Motor.current"),
        spec("wrong_type", sim.node_id("Motor.current"), "string"),
        spec("no_namespace", "nsu=urn:nobody;s=Motor.current"),
    ]
    readings = await session.read(points)
    assert [r.quality for r in readings] == [Quality.GOOD] + [Quality.BAD] * 4
    assert readings[1:] == [
        Reading("unknown", 0.0, CLIENT_CLOCK_MS, Quality.BAD),
        Reading("malformed", 0.0, CLIENT_CLOCK_MS, Quality.BAD),
        Reading("wrong_type", "", readings[0].ts_ms, Quality.BAD),  # a value, but not a string
        Reading("no_namespace", 0.0, CLIENT_CLOCK_MS, Quality.BAD),
    ]
    assert await session.read([]) == []


WRITES: list[tuple[RawType, Value]] = [
    (RawType.BOOL, True),
    (RawType.INT16, -32768),
    (RawType.UINT16, 65535),
    (RawType.INT32, -123456),
    (RawType.UINT32, 4_000_000_000),
    (RawType.INT64, -(2**62)),
    (RawType.UINT64, 2**64 - 1),
    (RawType.FLOAT32, 1.5),
    (RawType.FLOAT64, 2.718281828459045),
    (RawType.STRING, "泵 1 运行"),
]


@pytest.mark.parametrize(("kind", "value"), WRITES)
async def test_every_data_type_is_written_and_read_back(
    sim: OpcUaSimulator, session: OpcUaSession, kind: RawType, value: Value
) -> None:
    point = spec("tag", sim.node_id(f"Tags.{kind.value}"), kind, access="rw")
    await session.write(point, value)
    (reading,) = await session.read([point])
    assert reading == Reading("tag", value, reading.ts_ms, Quality.GOOD)
    assert type(reading.value) is type(value)


async def test_a_written_setpoint_moves_the_physics_which_clamps_it(
    sim: OpcUaSimulator, session: OpcUaSession
) -> None:
    chiller = sim.models["Chiller"]
    setpoint = spec("supply_setpoint", sim.node_id("Chiller.supply_setpoint"), access="rw")
    supply = spec("supply_temperature", sim.node_id("Chiller.supply_temperature"))
    await session.write(setpoint, 10.0)
    assert chiller.supply_setpoint == 10.0
    (before,) = await session.read([supply])
    await sim.tick(600.0)  # two time constants of the chilled-water loop
    (after,) = await session.read([supply])
    assert float(before.value) < float(after.value) < 10.0
    await session.write(setpoint, 20.0)  # above the chiller's range
    assert (await session.read([setpoint]))[0].value == 12.0
    await session.write(setpoint, 7.0)


async def test_refused_writes_name_the_point(sim: OpcUaSimulator, session: OpcUaSession) -> None:
    cases: list[tuple[PointSpec, Value, str]] = [
        (spec("cop", sim.node_id("Chiller.cop")), 3.0, "read-only"),
        (spec("cop", sim.node_id("Chiller.cop"), access="rw"), 3.0, "BadUserAccessDenied"),
        (spec("cop", "Chiller.cop", access="rw"), 3.0, "not an OPC UA NodeId"),
        (spec("cop", sim.node_id("Chiller.nothing"), access="rw"), 3.0, "the server refused the write"),
        (spec("cop", sim.node_id("Tags.int16"), "int16", access="rw"), 40_000, "outside the range of Int16"),
        (spec("cop", sim.node_id("Tags.int16"), "int32", access="rw"), 1, "BadTypeMismatch"),
    ]
    for point, value, why in cases:
        with pytest.raises(PointRejected, match=why) as caught:
            await session.write(point, value)
        assert caught.value.field == "cop"


async def test_subscriptions_yield_changes_with_source_timestamps(
    sim: OpcUaSimulator, sim_clock: ManualClock, session: OpcUaSession
) -> None:
    points = [
        spec("supply", sim.node_id("Chiller.supply_temperature"), poll_ms=50),
        spec("current", sim.node_id("Motor.current"), options={"publishing_interval_ms": 20}),
        spec("unknown", sim.node_id("Motor.torque")),
        spec("malformed", "Motor.current"),
        spec("too_fast", sim.node_id("Motor.speed"), options={"sampling_interval_ms": 1}),
    ]
    readings = session.subscribe(points)
    try:
        async with asyncio.timeout(10):
            first = [await anext(readings) for _ in range(5)]  # the refused points, then the initial values
            sim_clock.advance(60_000)
            await sim.tick(60.0)
            changed = await anext(readings)
            while changed.ts_ms != sim_clock.now_ms():
                changed = await anext(readings)
    finally:
        await readings.aclose()  # type: ignore[attr-defined]
    assert {r.point for r in first} == {p.name for p in points}
    bad = {r.point for r in first if r.quality is Quality.BAD}
    assert bad == {"unknown", "malformed", "too_fast"}
    assert changed.point in {"supply", "current"}
    assert changed.quality is Quality.GOOD


async def test_a_subscription_without_valid_points_ends(session: OpcUaSession) -> None:
    readings = [r async for r in session.subscribe([spec("malformed", "Motor.current")])]
    assert readings == [Reading("malformed", 0.0, CLIENT_CLOCK_MS, Quality.BAD)]


async def test_a_session_opens_as_a_context_manager(sim: OpcUaSimulator) -> None:
    async with OpcUaSession(OpcUaConfig(endpoint=sim.endpoint)) as opened:
        (reading,) = await opened.read([spec("serial", sim.node_id("Tags.serial_number"), "string")])
    assert reading.value == SERIAL_NUMBER
    with pytest.raises(DeviceUnreachable, match="not open"):
        await OpcUaSession(OpcUaConfig(endpoint=sim.endpoint)).read([spec("load", sim.node_id("Motor.load"))])


async def test_methods_are_called_with_their_declared_types(
    sim: OpcUaSimulator, session: OpcUaSession
) -> None:
    motor, node = sim.models["Motor"], sim.node_id("Motor")
    assert await session.call(node, sim.node_id("Motor.SetLoad"), [80]) == [80.0]  # an int sent as Double
    assert motor.load == 80.0
    assert await session.call(node, sim.node_id("Motor.Stop")) == []
    running = spec("running", sim.node_id("Motor.running"), "bool")
    assert (await session.read([running]))[0].value is False
    await session.call(node, sim.node_id("Motor.Start"))
    assert motor.running
    assert await session.call(node, sim.node_id("Motor.SetLoad"), [500.0]) == [120.0]  # clamped
    await session.call(node, sim.node_id("Motor.SetLoad"), [75.0])


async def test_the_pump_ramps_to_the_speed_set_by_its_method(
    sim: OpcUaSimulator, session: OpcUaSession
) -> None:
    applied = await session.call(sim.node_id("Pump"), sim.node_id("Pump.SetSpeedSetpoint"), [1450.0])
    assert applied == [1450.0]
    await sim.tick(5.0)  # the drive ramps at 1000 rpm/s
    speed, flow = await session.read(
        [spec("speed", sim.node_id("Pump.speed")), spec("flow", sim.node_id("Pump.flow"))]
    )
    assert speed.value == pytest.approx(1450.0)
    assert flow.value == pytest.approx(50.0)  # affinity law: half the rated speed, half the rated flow
    await session.call(sim.node_id("Pump"), sim.node_id("Pump.SetSpeedSetpoint"), [2900.0])


async def test_refused_calls_name_the_method(sim: OpcUaSimulator, session: OpcUaSession) -> None:
    node, set_load = sim.node_id("Motor"), sim.node_id("Motor.SetLoad")
    with pytest.raises(PointRejected, match="takes 1 arguments, 0 given"):
        await session.call(node, set_load, [])
    with pytest.raises(PointRejected, match="is not a number") as caught:
        await session.call(node, set_load, ["fast"])
    assert caught.value.field == "args[0]"
    with pytest.raises(PointRejected, match=r"refused ns=2;s=Motor\.Explode: BadNodeIdInvalid") as caught:
        await session.call(node, sim.node_id("Motor.Explode"))
    assert caught.value.field == "method_node"
    with pytest.raises(PointRejected, match="not an OPC UA NodeId") as caught:
        await session.call("Motor", set_load, [1.0])
    assert caught.value.field == "object_node"


async def test_browsing_lists_the_variables_a_user_can_configure(
    sim: OpcUaSimulator, session: OpcUaSession
) -> None:
    tags = {v.browse_name: v for v in await session.browse(sim.node_id("Tags"))}
    ns = sim.namespace
    assert set(tags) == {f"{ns}:{kind.value}" for kind in RawType} | {f"{ns}:serial_number"}
    int16 = tags[f"{ns}:int16"]
    assert (int16.node_id, int16.data_type, int16.raw_type, int16.writable) == (
        sim.node_id("Tags.int16"),
        "Int16",
        RawType.INT16,
        True,
    )
    serial = tags[f"{ns}:serial_number"]
    assert (serial.data_type, serial.raw_type, serial.writable) == ("String", RawType.STRING, False)
    assert await session.browse(sim.node_id("Chiller.cop")) == []
    everything = {v.node_id for v in await session.browse("i=85", depth=2)}
    assert {sim.node_id("Pump.flow"), sim.node_id("Motor.current"), sim.node_id("Tags.bool")} <= everything
    with pytest.raises(PointRejected, match="has no node") as caught:
        await session.browse(sim.node_id("Nowhere"))
    assert caught.value.field == "node"
    with pytest.raises(PointRejected, match="not from 1 to 10"):
        await session.browse("i=85", depth=11)


async def test_reads_are_split_by_the_server_operation_limit() -> None:
    async with OpcUaSimulator(port=free_port(), interval_s=None, max_nodes_per_read=2) as limited:
        points = [spec(f"p{i}", limited.node_id(f"Motor.{name}")) for i, name in enumerate(MOTOR)]
        async with await connect(OpcUaConfig(endpoint=limited.endpoint)) as opened:
            limited.read_sizes.clear()
            readings = await opened.read(points)
            subscription = opened.subscribe(points)
            try:
                async with asyncio.timeout(10):
                    first = [await anext(subscription) for _ in points]
            finally:
                await subscription.aclose()  # type: ignore[attr-defined]
    assert [size for size in limited.read_sizes if size > 1] == [2, 2]
    assert [r.point for r in readings] == [p.name for p in points]
    assert all(r.quality is Quality.GOOD for r in readings)
    assert {r.point for r in first} == {p.name for p in points}
