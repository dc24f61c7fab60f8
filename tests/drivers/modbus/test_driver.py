"""Modbus sessions against the simulated pump and meter (a real pymodbus server on loopback)."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from importlib.metadata import EntryPoint
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from longcheng.core.clock import ManualClock
from longcheng.core.errors import InvalidInput, PortInUse
from longcheng.core.i18n import t
from longcheng.core.samples import Quality
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, RawType
from longcheng.drivers.modbus import SPEC, ModbusConfig
from longcheng.drivers.modbus.driver import ModbusSession, connect
from longcheng.drivers.modbus.sim_devices import METER_POINTS, METER_UNIT, PUMP_POINTS
from longcheng.drivers.modbus.simulator import ModbusSimulator
from longcheng.drivers.spec import DriverSpec
from support import eventually, free_port

PUMP = {p.name: p for p in PUMP_POINTS}
ORDERS = {
    "ABCD": {},
    "CDAB": {"word_order": "little"},
    "BADC": {"byte_order": "little"},
    "DCBA": {"byte_order": "little", "word_order": "little"},
}


def rw(address: str, data_type: str, name: str = "p", **options: Any) -> PointSpec:
    return PointSpec(name=name, address=address, data_type=RawType(data_type), access="rw", options=options)


@pytest.fixture
async def pump(sim: ModbusSimulator) -> AsyncIterator[ModbusSession]:
    async with await connect(sim.config(timeout_s=2.0)) as session:
        yield session


async def values(session: ModbusSession, points: list[PointSpec] | tuple[PointSpec, ...]) -> dict[str, Any]:
    readings = await session.read(points)
    assert [r.quality for r in readings] == [Quality.GOOD] * len(points), readings
    return {r.point: r.value for r in readings}


# --- reading -----------------------------------------------------------------------------------------


async def test_the_whole_pump_is_read_in_one_request_per_table(sim: ModbusSimulator) -> None:
    clock = ManualClock()
    async with await connect(sim.config(), clock=clock) as session:
        readings = await session.read(PUMP_POINTS)
    assert [r.point for r in readings] == [p.name for p in PUMP_POINTS]
    assert {r.ts_ms for r in readings} == {clock.now_ms()}
    got = {r.point: r.value for r in readings if r.quality is Quality.GOOD}
    assert session.requests == sim.requests == 4  # coils, discrete inputs, holding and input registers
    assert got["running"] is got["turning"] is got["at_speed"] is True
    assert (got["speed_setpoint"], got["status"], got["model"]) == (2900.0, 0b111, "LC-CP100")
    assert (got["speed"], got["flow"], got["head"], got["shaft_power"]) == (2900.0, 100.0, 50.0, 18.5)
    assert got["outlet_pressure"] * PUMP["outlet_pressure"].scale == pytest.approx(
        998 * 9.80665 * 50 / 1e5, abs=1e-3
    )
    hydraulic_kw = 998 * 9.80665 * (100 / 3600) * 50 / 1000
    assert got["efficiency"] * PUMP["efficiency"].scale == pytest.approx(100 * hydraulic_kw / 18.5, abs=0.1)


async def test_the_meter_of_fifty_registers_takes_two_register_requests(sim: ModbusSimulator) -> None:
    registers = [p for p in METER_POINTS if not p.address.startswith("di:")]
    async with await connect(sim.config(METER_UNIT)) as meter:
        got = await values(meter, registers)
        assert meter.requests == 2  # ir:0-41 and hr:0-9
    assert got["model"] == "LC-PM3"
    assert got["serial_number"] == 20260001
    assert 360 < got["voltage_ab"] < 440
    assert 4950 <= got["frequency"] <= 5050  # 0.01 Hz
    assert sum(got[f"power_{p}"] for p in "abc") == pytest.approx(got["active_power"], rel=1e-5)
    assert got["apparent_power"] ** 2 == pytest.approx(
        got["active_power"] ** 2 + (got["reactive_power"] / 1000) ** 2, rel=1e-3
    )
    assert got["voltage_an"] == pytest.approx(got["voltage_ab"] / math.sqrt(3), rel=1e-6)


async def test_time_moves_the_counters(sim: ModbusSimulator, pump: ModbusSession) -> None:
    counters = [PUMP["run_seconds"], PUMP["pumped_volume"]]
    before = await values(pump, counters)
    sim.step(3600.0)
    after = await values(pump, counters)
    assert after["run_seconds"] - before["run_seconds"] == 3600
    assert after["pumped_volume"] - before["pumped_volume"] == pytest.approx(100.0)


async def test_the_timer_steps_the_physics() -> None:
    async with (
        ModbusSimulator(port=free_port(), interval_s=0.02) as sim,
        await connect(sim.config(METER_UNIT)) as meter,
    ):
        uptime = [
            PointSpec(
                name="uptime", address="ir:36", data_type=RawType.UINT32, options={"word_order": "little"}
            )
        ]

        async def counted() -> bool:
            return bool((await values(meter, uptime))["uptime"] >= 1)

        assert await eventually(counted, timeout=5.0)  # a second of simulated time, stepped by the timer


async def test_a_batch_the_device_refuses_is_split_once_and_for_all(sim: ModbusSimulator) -> None:
    points = [
        PUMP["speed"],
        PointSpec(name="hole", address="ir:20", data_type=RawType.UINT16),  # nothing there
        PUMP["efficiency"],
    ]
    async with await connect(sim.config(max_gap=20)) as session:
        first = await session.read(points)
        assert [r.quality for r in first] == [Quality.GOOD, Quality.BAD, Quality.GOOD]
        assert session.requests == 4  # the batch ir:0-20, refused, then one request per point
        second = await session.read(points)
        assert [r.quality for r in second] == [Quality.GOOD, Quality.BAD, Quality.GOOD]
        assert session.requests == 7  # three single requests: the plan remembers the split
        assert [r.value for r in second] == [2900.0, 0, first[2].value]


async def test_points_that_cannot_be_read_come_back_bad_without_failing_the_rest(pump: ModbusSession) -> None:
    points = [
        PointSpec(name="typo", address="hx:1", data_type=RawType.UINT16),
        PointSpec(name="nothing_there", address="hr:50", data_type=RawType.FLOAT32),
        PointSpec(name="text", address="hr:3", data_type=RawType.STRING),  # no length
        PUMP["model"],
        PUMP["running"],
    ]
    readings = await pump.read(points)
    assert [(r.point, r.quality) for r in readings] == [
        ("typo", Quality.BAD),
        ("nothing_there", Quality.BAD),
        ("text", Quality.BAD),
        ("model", Quality.GOOD),
        ("running", Quality.GOOD),
    ]
    assert [r.value for r in readings[:3]] == [0, 0.0, ""]


async def test_an_absent_unit_reads_bad(sim: ModbusSimulator) -> None:
    async with await connect(sim.config(unit_id=9)) as session:
        readings = await session.read(PUMP_POINTS[:2])
    assert {r.quality for r in readings} == {Quality.BAD}


# --- writing -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("framing", ["tcp", "rtu"])
async def test_a_setpoint_written_moves_the_pump(framing: str) -> None:
    async with (
        ModbusSimulator(port=free_port(), framing=framing, noise=0.0, interval_s=3600.0) as sim,  # type: ignore[arg-type]
        await connect(sim.config()) as pump,
    ):
        await pump.write(PUMP["speed_setpoint"], 1450.0)
        assert sim.pump.speed_setpoint == 1450.0
        assert (await values(pump, [PUMP["speed_setpoint"]]))["speed_setpoint"] == 1450.0
        sim.step(2.0)  # the drive ramps at 1000 rpm/s
        got = await values(pump, [PUMP["speed"], PUMP["flow"], PUMP["at_speed"]])
        assert got == {"speed": 1450.0, "flow": 50.0, "at_speed": True}


async def test_a_setpoint_beyond_the_physics_is_clamped(sim: ModbusSimulator, pump: ModbusSession) -> None:
    await pump.write(PUMP["speed_setpoint"], 5000.0)
    assert (await values(pump, [PUMP["speed_setpoint"]]))["speed_setpoint"] == 3200.0


async def test_the_running_coil_stops_the_pump(sim: ModbusSimulator, pump: ModbusSession) -> None:
    status_bits = [PointSpec(name=f"bit{b}", address=f"hr:2.{b}", data_type=RawType.BOOL) for b in range(3)]
    await pump.write(PUMP["running"], False)
    sim.step(5.0)
    got = await values(pump, [PUMP["running"], PUMP["turning"], PUMP["speed"], PUMP["status"], *status_bits])
    assert got == {
        "running": False,
        "turning": False,
        "speed": 0.0,
        "status": 0,
        "bit0": False,
        "bit1": False,
        "bit2": False,
    }
    await pump.write(PUMP["running"], 1)
    assert sim.pump.running is True


@pytest.mark.parametrize(
    ("data_type", "value"),
    [
        ("int16", -12345),
        ("uint16", 54321),
        ("int32", -123456789),
        ("uint32", 4_000_000_000),
        ("int64", -(2**62) - 12345),
        ("uint64", 2**64 - 2),
        ("float32", 3.5),
        ("float64", -1.0e-300),
    ],
)
@pytest.mark.parametrize("order", list(ORDERS))
async def test_every_type_written_reads_back(
    pump: ModbusSession, data_type: str, value: float, order: str
) -> None:
    point = rw("hr:104", data_type, **ORDERS[order])
    await pump.write(point, value)
    assert (await values(pump, [point]))["p"] == value


async def test_strings_bits_and_coils_of_plain_memory(pump: ModbusSession) -> None:
    text = rw("hr:110", "string", name="label", length=6)
    await pump.write(text, "Line 3 pump")
    word = rw("hr:120", "uint16", name="word")
    await pump.write(word, 0b1000_0001)
    await pump.write(rw("hr:120.3", "bool"), True)
    await pump.write(rw("hr:120.0", "bool"), False)
    flag = rw("hr:121", "bool", name="flag")
    await pump.write(flag, True)
    coils = [rw(f"co:{100 + i}", "bool", name=f"c{i}") for i in range(3)]
    await pump.write(coils[1], True)
    got = await values(pump, [text, word, flag, *coils])
    assert got == {
        "label": "Line 3 pump",
        "word": 0b1000_1000,
        "flag": True,
        "c0": False,
        "c1": True,
        "c2": False,
    }


async def test_write_multiple_uses_function_16_for_one_register(sim: ModbusSimulator) -> None:
    async with await connect(sim.config(write_multiple=True)) as session:
        await session.write(rw("hr:101", "int16"), -7)
        assert (await values(session, [rw("hr:101", "int16")]))["p"] == -7


# --- refusals ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point", "value", "why"),
    [
        (PUMP["speed"], 1.0, "read-only"),  # access "r"
        (rw("ir:0", "float32"), 1.0, "read-only"),  # input registers are never writable
        (rw("di:0", "bool"), True, "read-only"),
        (rw("hx:0", "uint16"), 1, "expected <table>"),
        (rw("hr:100", "uint16"), 70000, "out of range for uint16"),
        (rw("hr:100", "int16"), "seven", "expected a number"),
        (rw("co:100", "bool"), 5, "expected true or false"),
        (rw("hr:100", "string", length=2), "too long", "longer than 4 bytes"),
    ],
)
async def test_refusals_before_anything_is_sent(
    pump: ModbusSession, point: PointSpec, value: Any, why: str
) -> None:
    with pytest.raises(PointRejected) as caught:
        await pump.write(point, value)
    assert caught.value.field == point.name
    assert why in caught.value.reason
    assert pump.requests == 0


@pytest.mark.parametrize(
    ("point", "value", "why"),
    [
        (rw("hr:2", "uint16", name="status"), 1, "exception 2 (illegal data address)"),  # read-only register
        (rw("hr:50", "uint16", name="nothing"), 1, "exception 2 (illegal data address)"),
        (rw("hr:50.1", "bool", name="nothing_bit"), True, "exception 2 (illegal data address)"),
        (
            rw("hr:0", "uint32", name="not_a_number"),
            0x7FC00000,
            "exception 3 (illegal data value)",
        ),  # NaN rpm
    ],
)
async def test_refusals_by_the_device(
    sim: ModbusSimulator, pump: ModbusSession, point: PointSpec, value: Any, why: str
) -> None:
    with pytest.raises(PointRejected) as caught:
        await pump.write(point, value)
    assert caught.value.field == point.name
    assert why in caught.value.reason
    assert sim.pump.speed_setpoint == 2900.0


# --- connections -------------------------------------------------------------------------------------


async def test_a_stopped_device_is_unreachable_and_a_restarted_one_reachable_again(
    sim: ModbusSimulator,
) -> None:
    session = await connect(sim.config(timeout_s=0.5, retries=0))
    assert (await values(session, [PUMP["model"]]))["model"] == "LC-CP100"
    await sim.stop()
    with pytest.raises(DeviceUnreachable):
        await session.read([PUMP["model"]])
    with pytest.raises(DeviceUnreachable):
        await session.write(PUMP["speed_setpoint"], 1000.0)
    await session.close()
    with pytest.raises(DeviceUnreachable, match="cannot connect"):
        await connect(sim.config(timeout_s=0.5))
    await sim.start()
    async with await connect(sim.config()) as again:
        assert (await values(again, [PUMP["model"]]))["model"] == "LC-CP100"


async def test_a_device_that_never_answers_times_out() -> None:
    heard, gone = asyncio.Event(), asyncio.Event()

    async def mute(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await reader.read(256):  # hears everything, says nothing
                heard.set()
        finally:
            writer.close()
            await writer.wait_closed()
            gone.set()

    server = await asyncio.start_server(mute, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with await connect(
            ModbusConfig(host="127.0.0.1", port=port, timeout_s=0.1, retries=1)
        ) as session:
            started = asyncio.get_running_loop().time()
            with pytest.raises(DeviceUnreachable, match="failed"):
                await session.read([PUMP["model"]])
            assert asyncio.get_running_loop().time() - started < 2.0
        assert heard.is_set()
        await asyncio.wait_for(gone.wait(), 2.0)  # the handler saw the end of the stream and closed its side
    finally:
        server.close()
        await server.wait_closed()


async def test_a_closed_session_refuses_and_cannot_subscribe(pump: ModbusSession) -> None:
    with pytest.raises(NotImplementedError, match="poll"):
        pump.subscribe(PUMP_POINTS)
    await pump.close()
    await pump.close()
    with pytest.raises(DeviceUnreachable, match="closed"):
        await pump.read(PUMP_POINTS)


async def test_nothing_listening_is_unreachable() -> None:
    with pytest.raises(DeviceUnreachable):
        await connect(ModbusConfig(host="127.0.0.1", port=free_port(), timeout_s=0.5))


async def test_a_second_simulator_on_a_taken_port_says_so(sim: ModbusSimulator) -> None:
    with pytest.raises(PortInUse):
        await ModbusSimulator(port=sim.port).start()


# --- the plugin --------------------------------------------------------------------------------------


async def test_the_plugin_is_declared_and_connects(sim: ModbusSimulator) -> None:
    spec = EntryPoint("modbus", "longcheng.drivers.modbus:SPEC", "longcheng.drivers").load()
    assert spec is SPEC
    assert isinstance(spec, DriverSpec)
    assert (spec.name, spec.protocol, spec.subscribe, spec.config_model) == (
        "modbus",
        "modbus",
        False,
        ModbusConfig,
    )
    assert t(spec.title_key, "zh") != spec.title_key
    assert spec.connect is not None
    session = await spec.connect(ModbusConfig.model_validate({"host": "127.0.0.1", "port": sim.port}))
    try:
        readings = await session.read([PUMP["model"]])
        assert readings[0].value == "LC-CP100"
    finally:
        await session.close()


async def test_connect_wants_a_modbus_config() -> None:
    class Other(BaseModel):
        host: str = "127.0.0.1"

    with pytest.raises(InvalidInput, match="Modbus configuration"):
        await connect(Other())


@pytest.mark.parametrize(
    "bad",
    [
        {"port": 0},
        {"port": 65536},
        {"unit_id": 256},
        {"framing": "ascii"},
        {"timeout_s": 0},
        {"retries": 11},
        {"max_registers": 126},
        {"max_gap": -1},
        {"max_bits": 2001},
        {"slave": 1},
    ],
)
def test_config_bounds(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        ModbusConfig.model_validate({"host": "plc-7"} | bad)
    assert ModbusConfig(host="plc-7").model_dump() == {
        "host": "plc-7",
        "port": 502,
        "framing": "tcp",
        "unit_id": 1,
        "timeout_s": 3.0,
        "retries": 1,
        "max_gap": 10,
        "max_registers": 125,
        "max_bits": 2000,
        "write_multiple": False,
    }
