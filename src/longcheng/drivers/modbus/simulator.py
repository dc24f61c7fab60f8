"""A simulated Modbus device server: a centrifugal pump (unit 1) and a power meter (unit 2) on one socket.

A real pymodbus async TCP server (Modbus TCP, or RTU frames over TCP) whose registers show the physics of
``drivers/simulated/physics.py``, stepped on a timer (or by hand with ``step``). Writes to the pump's
``running`` coil and ``speed_setpoint`` register go into its physics (a value the physics refuses is
answered with exception 3); measurements are read-only (a write is answered with exception 2). The register
maps are in ``sim_devices`` (``PUMP_POINTS``, ``METER_POINTS``); ``hr:100``-``hr:131`` and
``co:100``-``co:115`` of both units are plain read/write memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from typing import Any, Literal, Self

from pymodbus.constants import ExcCodes
from pymodbus.framer import FramerType
from pymodbus.pdu import ModbusPDU
from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.errors import InvalidInput, PortInUse
from longcheng.core.samples import Value
from longcheng.drivers.base import PointSpec
from longcheng.drivers.modbus.codec import decode, encode
from longcheng.drivers.modbus.config import ModbusConfig
from longcheng.drivers.modbus.points import ModbusPoint, Table, parse_point
from longcheng.drivers.modbus.sim_devices import (
    METER_FIXED,
    METER_POINTS,
    METER_UNIT,
    PUMP_FIXED,
    PUMP_POINTS,
    PUMP_UNIT,
    SCRATCH,
    Extras,
    meter_extras,
    pump_extras,
    raw_value,
)
from longcheng.drivers.simulated.physics import NOISE, CentrifugalPump, DeviceModel, PowerMeter

log = logging.getLogger(__name__)

SITE_UTC_OFFSET_S = 8 * 3600  # the simulated site keeps China Standard Time for its daily cycles

_FUNCTIONS = {1: Table.COILS, 5: Table.COILS, 15: Table.COILS, 2: Table.DISCRETE_INPUTS}
_FUNCTIONS |= dict.fromkeys((3, 6, 16, 22, 23), Table.HOLDING_REGISTERS) | {4: Table.INPUT_REGISTERS}
_TABLES = (Table.COILS, Table.DISCRETE_INPUTS, Table.HOLDING_REGISTERS, Table.INPUT_REGISTERS)


class SimulatedUnit:
    """One device behind a unit id: its physics, its register map and the registers it shows."""

    def __init__(
        self,
        unit_id: int,
        model: DeviceModel,
        points: tuple[PointSpec, ...],
        fixed: dict[str, Value],
        extras: Extras,
    ) -> None:
        self.unit_id, self.model, self.extras = unit_id, model, extras
        self.points: list[tuple[PointSpec, ModbusPoint]] = [(s, parse_point(s)) for s in points]
        self.values: dict[str, Value] = dict(fixed)
        self.totals: dict[str, float] = {}
        self.images: dict[Table, dict[int, int]] = {t: {} for t in Table}  # register index -> value

    def step(self, dt_s: float) -> None:
        values = self.model.step(dt_s)
        self.values |= values | self.extras(self.values | values, self.totals, dt_s)
        self._render()

    def _render(self) -> None:
        images: dict[Table, dict[int, int]] = {t: {} for t in Table}
        for spec, point in self.points:
            raw = raw_value(spec, self.values[spec.name])
            if point.table.bits:  # 16 bits to a register, bit 0 first, as pymodbus keeps them
                index = point.start // 16
                packed = images[point.table].get(index, 0)
                images[point.table][index] = packed | int(bool(raw)) << point.start % 16
            else:
                images[point.table].update(enumerate(encode(point, raw), point.start))
        self.images = images

    def device(self) -> SimDevice:
        blocks: dict[Table, list[SimData]] = {t: [] for t in Table}
        for spec, point in self.points:
            if point.table.bits:
                blocks[point.table].append(SimData(point.start, values=[False], datatype=DataType.BITS))
            else:
                readonly = spec.access != "rw"
                block = SimData(
                    point.start, values=[0] * point.count, datatype=DataType.REGISTERS, readonly=readonly
                )
                blocks[point.table].append(block)
        memory, coils = SCRATCH[Table.HOLDING_REGISTERS], SCRATCH[Table.COILS]
        blocks[Table.HOLDING_REGISTERS].append(
            SimData(memory.start, values=[0] * len(memory), datatype=DataType.REGISTERS)
        )
        blocks[Table.COILS].append(SimData(coils.start, values=[False] * len(coils), datatype=DataType.BITS))
        co, di, hr, ir = (blocks[t] for t in _TABLES)
        return SimDevice(self.unit_id, simdata=(co, di, hr, ir), action=self.action)

    async def action(
        self,
        function: int,
        start: int,
        address: int,
        _count: int,
        registers: list[int],
        written: list[int] | list[bool] | None,
    ) -> ExcCodes | None:
        """pymodbus calls this on every valid request, before it reads or writes ``registers`` (the whole
        table, ``start`` its first register): writes go into the physics, reads see the latest values."""
        table = _FUNCTIONS.get(function)
        if table is None:
            return ExcCodes.ILLEGAL_FUNCTION
        if written:
            try:
                self._apply(table, address, written, lambda i: registers[i - start])
            except InvalidInput as err:
                log.info("unit %d refused %s at %s:%d: %s", self.unit_id, written, table, address, err)
                return ExcCodes.ILLEGAL_VALUE
        for index, value in self.images[table].items():
            registers[index - start] = value
        return None

    def _apply(
        self, table: Table, address: int, written: list[int] | list[bool], current: Callable[[int], int]
    ) -> None:
        """Give the physics what a write changed; ``current(i)`` is register i before the write."""
        end = address + len(written)
        for spec, point in self.points:
            untouched = point.end <= address or point.start >= end
            if point.table is not table or spec.access != "rw" or untouched:
                continue
            if table is Table.COILS:
                self.model.apply(spec.name, bool(written[point.start - address]))
                continue
            span = range(point.start, point.end)
            raw = decode(
                point, [int(written[i - address]) if address <= i < end else current(i) for i in span]
            )
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                self.model.apply(spec.name, raw * spec.scale + spec.offset)
        self.values |= {name: getattr(self.model, name) for name in self.model.setpoints}
        self.values |= {"running": self.model.running} if self.model.switchable else {}
        self._render()


class ModbusSimulator:
    """The pump and the meter served on ``host:port``; an async context manager. ``requests`` counts the
    requests received; ``step(dt_s)`` advances the physics by hand (the timer steps every ``interval_s``)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 5020,
        *,
        framing: Literal["tcp", "rtu"] = "tcp",
        interval_s: float = 0.5,
        seed: int = 42,
        noise: float = NOISE,
        clock: Clock | None = None,
    ) -> None:
        if not interval_s > 0:
            raise InvalidInput("interval_s", "must be a positive number of seconds")
        self.host, self.port, self.framing, self.interval_s = host, port, framing, interval_s
        rng = random.Random(seed)  # noqa: S311 - simulation, not cryptography
        day_s = ((clock or SystemClock()).now_ms() / 1000.0 + SITE_UTC_OFFSET_S) % 86_400.0
        self.pump = CentrifugalPump(rng, noise=noise, time_of_day_s=day_s)
        self.meter = PowerMeter(rng, noise=noise, time_of_day_s=day_s)
        self.units = {
            PUMP_UNIT: SimulatedUnit(PUMP_UNIT, self.pump, PUMP_POINTS, PUMP_FIXED, pump_extras),
            METER_UNIT: SimulatedUnit(
                METER_UNIT,
                self.meter,
                METER_POINTS,
                METER_FIXED,
                meter_extras,
            ),
        }
        self.requests = 0
        self._server: ModbusTcpServer | None = None
        self._ticker: asyncio.Task[None] | None = None
        self.step(0.0)

    def config(self, unit_id: int = PUMP_UNIT, **overrides: Any) -> ModbusConfig:
        """A connection to one of the simulated units."""
        return ModbusConfig(
            host=self.host, port=self.port, framing=self.framing, unit_id=unit_id, **overrides
        )

    def step(self, dt_s: float) -> None:
        for unit in self.units.values():
            unit.step(dt_s)

    async def start(self) -> None:
        if self._server is not None:
            return
        framer = FramerType.SOCKET if self.framing == "tcp" else FramerType.RTU
        devices = [unit.device() for unit in self.units.values()]
        self._server = ModbusTcpServer(
            devices, framer=framer, address=(self.host, self.port), trace_pdu=self._count
        )
        try:
            await self._server.serve_forever(background=True)
        except (RuntimeError, OSError) as err:
            self._server = None
            raise PortInUse(self.port, "port") from err
        self._ticker = asyncio.create_task(self._tick(), name=f"modbus-sim:{self.port}")
        log.info("simulated Modbus devices on %s:%d (%s framing)", self.host, self.port, self.framing)

    async def stop(self) -> None:
        ticker, self._ticker = self._ticker, None
        if ticker is not None:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
        server, self._server = self._server, None
        if server is not None:
            await server.shutdown()  # type: ignore[no-untyped-call]

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def _count(self, sending: bool, pdu: ModbusPDU) -> ModbusPDU:
        if not sending:
            self.requests += 1
        return pdu

    async def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            await asyncio.sleep(self.interval_s)
            now = loop.time()
            self.step(now - last)
            last = now


__all__ = [
    "METER_POINTS",
    "METER_UNIT",
    "PUMP_POINTS",
    "PUMP_UNIT",
    "ModbusSimulator",
    "SimulatedUnit",
]
