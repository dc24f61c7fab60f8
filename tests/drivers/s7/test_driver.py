"""The S7 session against a real S7 server on loopback: python-snap7's server as the simulated compressor."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from longcheng.core.clock import ManualClock
from longcheng.core.errors import PortInUse
from longcheng.core.samples import Quality
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, RawType, Session
from longcheng.drivers.s7 import SPEC, S7Config, connect
from longcheng.drivers.s7.driver import S7Session
from longcheng.drivers.s7.driver import connect as open_session
from longcheng.drivers.s7.simulator import ANALOG_FULL_SCALE, POINTS, PRESSURE_RANGE_BAR, S7Simulator
from support import eventually, free_port


def tag(address: str, data_type: str, name: str = "tag", access: str = "rw", **options: Any) -> PointSpec:
    return PointSpec(name=name, address=address, data_type=RawType(data_type), access=access, options=options)


BY_NAME = {p.name: p for p in POINTS}


@pytest.fixture
async def sim() -> AsyncIterator[S7Simulator]:
    async with S7Simulator(port=free_port(), interval_s=None, noise=0.0) as simulator:
        yield simulator


@pytest.fixture
async def session(sim: S7Simulator) -> AsyncIterator[S7Session]:
    async with await open_session(sim.config(), clock=ManualClock()) as opened:
        yield opened


def values(readings: list[Any]) -> dict[str, Any]:
    assert all(r.quality is Quality.GOOD for r in readings), readings
    return {r.point: r.value for r in readings}


async def test_the_spec_opens_a_session(sim: S7Simulator) -> None:
    assert (SPEC.name, SPEC.protocol, SPEC.title_key) == ("s7", "s7", "driver.s7.title")
    assert not SPEC.subscribe
    assert SPEC.config_model is S7Config
    opened = await connect(sim.config())
    session: Session = opened
    try:
        (reading,) = await session.read([BY_NAME["unload_pressure"]])
        assert reading.value == 7.5
    finally:
        await session.close()


async def test_all_points_are_read_in_one_request_per_area(sim: S7Simulator, session: S7Session) -> None:
    before = sim.reads
    readings = await session.read(POINTS)
    assert sim.reads - before == 4  # DB1, merkers, inputs, outputs
    got = values(readings)
    assert [r.point for r in readings] == [p.name for p in POINTS]
    assert {r.ts_ms for r in readings} == {ManualClock().now_ms()}
    assert got["pressure"] == pytest.approx(7.0, abs=1e-6)
    assert got["unload_pressure"] == 7.5
    assert got["running"] is True
    assert got["state"] == "loaded"
    assert got["state_code"] == 2
    assert got["running_hours"] == int(sim.model.hours)
    assert got["pressure_raw"] == round(7.0 / PRESSURE_RANGE_BAR * ANALOG_FULL_SCALE)
    assert got["load_valve"] is True
    assert session.pdu_length == 480


async def test_a_small_pdu_splits_the_reads(sim: S7Simulator) -> None:
    points = [tag(f"DB2.DBW{2 * i}", "int16", f"w{i}") for i in range(32)]  # 64 bytes
    async with await open_session(sim.config(pdu_length=240, max_gap=0)) as session:
        before = sim.reads
        assert values(await session.read(points)) == {f"w{i}": 0 for i in range(32)}
        assert sim.reads - before == 1
        assert session.pdu_length == 240


async def test_refused_points_read_bad_and_the_rest_good(session: S7Session) -> None:
    points = [
        BY_NAME["pressure"],
        tag("DB1.DBD62", "float32", "past_the_end"),  # DB1 has 64 bytes
        tag("DB9.DBW0", "int16", "no_such_block"),
        tag("DB1.DBW", "int16", "bad_address"),
        BY_NAME["unload_pressure"],
    ]
    readings = await session.read(points)
    assert [r.quality for r in readings] == [
        Quality.GOOD,
        Quality.BAD,
        Quality.BAD,
        Quality.BAD,
        Quality.GOOD,
    ]
    assert readings[4].value == 7.5


@pytest.mark.parametrize(
    ("address", "data_type", "value", "options"),
    [
        ("DB2.DBW0", "int16", -12345, {}),
        ("DB2.DBW2", "uint16", 65535, {}),
        ("DB2.DBB4", "uint16", 255, {}),
        ("DB2.DBB5", "int16", -100, {}),
        ("DB2.DBD8", "int32", -(2**31), {}),
        ("DB2.DBD12", "uint32", 2**32 - 1, {}),
        ("DB2.DBD16", "float32", -7.25, {}),
        ("DB2.DBB20", "float64", 3.141592653589793, {}),
        ("DB2.DBB28", "int64", -(2**63), {}),
        ("DB2.DBB36", "string", "Longcheng", {"length": 12}),
        ("MW100", "int16", 1234, {}),
        ("MD104", "float32", 0.5, {}),
        ("QW20", "uint16", 4242, {}),
    ],
)
async def test_written_values_read_back(
    session: S7Session, address: str, data_type: str, value: Any, options: dict[str, Any]
) -> None:
    point = tag(address, data_type, **options)
    await session.write(point, value)
    (reading,) = await session.read([point])
    assert (reading.value, reading.quality) == (value, Quality.GOOD)


async def test_bits_are_written_without_touching_their_neighbours(session: S7Session) -> None:
    byte = tag("DB2.DBB60", "uint16")
    await session.write(byte, 0b1010_0101)
    await session.write(tag("DB2.DBX60.1", "bool"), True)
    await session.write(tag("DB2.DBX60.0", "bool"), False)
    (reading,) = await session.read([byte])
    assert reading.value == 0b1010_0110
    await session.write(tag("M50.7", "bool"), 1)
    assert (await session.read([tag("MB50", "uint16")]))[0].value == 0x80


async def test_writes_reach_the_physics(sim: S7Simulator, session: S7Session) -> None:
    await session.write(BY_NAME["unload_pressure"], 12.0)  # above the compressor's 9.5 bar
    assert values(await session.read([BY_NAME["unload_pressure"]])) == {"unload_pressure": 12.0}
    sim.tick(1.0)
    assert values(await session.read([BY_NAME["unload_pressure"]])) == {"unload_pressure": 9.5}
    await session.write(BY_NAME["running"], False)
    sim.tick(1.0)
    got = values(await session.read(POINTS))
    assert (got["running"], got["state"], got["state_code"], got["power"]) == (False, "stopped", 0, 0.0)
    assert sim.model.running is False
    await session.write(BY_NAME["running"], True)
    sim.tick(1.0)
    assert values(await session.read([BY_NAME["running"]])) == {"running": True}


@pytest.mark.parametrize(
    ("point", "value", "reason"),
    [
        (BY_NAME["pressure"], 5.0, "read-only"),
        (tag("DB2.DBW0", "int16"), 40000, "outside -32768 to 32767"),
        (tag("DB2.DBX0.0", "bool"), 3, "not true or false"),
        (tag("DB2.DBW", "int16"), 1, "not an S7 address"),
        (tag("DB2.DBD62", "float32"), 1.0, "the CPU refused DB2.DBD62"),
        (tag("DB9.DBW0", "int16"), 1, "the CPU refused DB9.DBW0"),
        (tag("DB9.DBX0.0", "bool"), True, "the CPU refused DB9.DBX0.0"),
    ],
)
async def test_refused_writes(session: S7Session, point: PointSpec, value: Any, reason: str) -> None:
    with pytest.raises(PointRejected) as caught:
        await session.write(point, value)
    assert caught.value.field == point.name
    assert reason in caught.value.reason
    (still,) = await session.read([BY_NAME["unload_pressure"]])  # the connection survives a refusal
    assert still.quality is Quality.GOOD


async def test_s7_has_no_subscriptions(session: S7Session) -> None:
    with pytest.raises(NotImplementedError):
        session.subscribe(POINTS)


@pytest.mark.parametrize("connection_type", ["pg", "op", "s7_basic"])
async def test_connection_types(sim: S7Simulator, connection_type: str) -> None:
    async with await open_session(sim.config(connection_type=connection_type, slot=2)) as session:
        assert values(await session.read([BY_NAME["running"]])) == {"running": True}


async def test_a_stopped_cpu_is_unreachable_and_a_restarted_one_reconnects() -> None:
    port = free_port()
    sim = S7Simulator(port=port, interval_s=None, noise=0.0)
    await sim.start()
    session = await open_session(sim.config(request_timeout_s=1.0))
    try:
        assert values(await session.read([BY_NAME["running"]]))
        await sim.stop()
        with pytest.raises(DeviceUnreachable):
            await session.read([BY_NAME["running"]])
        with pytest.raises(DeviceUnreachable):  # and stays so
            await session.write(BY_NAME["running"], True)
        with pytest.raises(DeviceUnreachable, match=f"127.0.0.1:{port}"):
            await open_session(sim.config())
    finally:
        await session.close()
    again = S7Simulator(port=port, interval_s=None, noise=0.0)
    async with again, await open_session(again.config()) as fresh:
        assert values(await fresh.read([BY_NAME["unload_pressure"]])) == {"unload_pressure": 7.5}


async def test_a_silent_peer_times_out() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1024)  # takes the connection request and never answers
        await reader.read()  # until the client gives up and closes
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        started = time.monotonic()
        with pytest.raises(DeviceUnreachable, match="timeout"):
            await open_session(S7Config(host="127.0.0.1", port=port, connect_timeout_s=0.3))
        assert time.monotonic() - started < 2.0
    finally:
        server.close()
        await server.wait_closed()


async def test_the_simulator_runs_its_physics_and_refuses_a_taken_port() -> None:
    sim = S7Simulator(port=free_port(), interval_s=0.02, noise=0.0)
    async with sim, await open_session(sim.config()) as session:
        first = values(await session.read([BY_NAME["pressure"]]))

        async def moved() -> bool:
            return values(await session.read([BY_NAME["pressure"]])) != first

        await eventually(moved, timeout=5.0)
        assert sim.energy_kwh > 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(PortInUse):
            await S7Simulator(port=taken.getsockname()[1]).start()


async def test_load_cycles_and_energy_follow_the_compressor(sim: S7Simulator, session: S7Session) -> None:
    sim.model.pressure = sim.model.unload_pressure  # unloads at once, then loads again as the air is used
    for _ in range(200):
        sim.tick(1.0)
    got = values(await session.read(POINTS))
    assert got["load_cycles"] == sim.load_cycles >= 1
    assert got["energy"] == pytest.approx(sim.energy_kwh, rel=1e-6)
    assert got["pressure_high"] is (got["pressure"] >= 7.5)


async def test_a_nonsense_setpoint_is_put_back(sim: S7Simulator, session: S7Session) -> None:
    await session.write(tag("DB1.DBD16", "uint32"), 0x7FC00000)  # a REAL NaN, which no float write can send
    await session.write(BY_NAME["running"], False)
    sim.tick(1.0)
    got = values(await session.read([BY_NAME["unload_pressure"], BY_NAME["running"]]))
    assert got == {"unload_pressure": 7.5, "running": False}
