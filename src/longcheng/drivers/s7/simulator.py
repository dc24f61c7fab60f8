"""A simulated S7 CPU: python-snap7's own S7 server (pure Python, threads) whose memory follows the physics
of a screw air compressor (``drivers/simulated/physics.py``).

Memory, big-endian as a CPU stores it (``POINTS`` lists it as points):

========================  =============  ================================================================
``DB1.DBD0``              REAL           pressure (bar)
``DB1.DBD4``              REAL           power (kW)
``DB1.DBD8``              REAL           discharge_temperature (°C)
``DB1.DBD12``             DINT           running_hours (whole hours)
``DB1.DBD16``             REAL           unload_pressure (bar), writable, clamped to 5.0-9.5 by the physics
``DB1.DBX20.0``           BOOL           running, writable (start and stop)
``DB1.DBX20.1``           BOOL           loaded
``DB1.DBW22``             INT            state code: 0 stopped, 1 unloaded, 2 loaded
``DB1.DBB24``             STRING[16]     state text
``DB2`` (64 bytes)        —              free memory the physics never touch: what is written reads back
``M10.0`` ``M10.1``       BOOL           loaded; pressure at or above the unload pressure
``MW20`` / ``MD24``       WORD / REAL    load cycles (wraps at 65535) / energy (kWh)
``I0.0`` ``I0.1``         BOOL           motor running and load valve open, as fed back
``IW64``                  INT            pressure transmitter, 0-27648 for 0-16 bar (S7 analog scale)
``Q0.0`` ``Q0.1`` ``QD4`` BOOL/BOOL/REAL motor contactor, load valve, power to a panel meter (kW)
========================  =============  ================================================================

Written setpoints reach the physics on the next step (``tick``, every ``interval_s`` or when a test calls
it), which clamps them and writes back what it applied, as a PLC program would.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import socket
import struct
import threading
from collections.abc import Iterator
from types import TracebackType
from typing import Any, Self

from snap7.error import S7ConnectionError
from snap7.server import Server
from snap7.type import SrvArea, SrvEvent

from longcheng.core.errors import InvalidInput, PortInUse
from longcheng.drivers.base import PointSpec
from longcheng.drivers.s7.config import S7Config
from longcheng.drivers.simulated.physics import NOISE, AirCompressor

log = logging.getLogger(__name__)

ANALOG_FULL_SCALE = 27_648  # S7 analog modules: nominal range 0-27648
PRESSURE_RANGE_BAR = 16.0
SIZES = {
    (SrvArea.DB, 1): 64,
    (SrvArea.DB, 2): 64,
    (SrvArea.MK, 0): 256,
    (SrvArea.PE, 0): 128,
    (SrvArea.PA, 0): 128,
}
STATES = {"stopped": 0, "unloaded": 1, "loaded": 2}


def _point(name: str, address: str, data_type: str, **more: Any) -> PointSpec:
    return PointSpec.model_validate({"name": name, "address": address, "data_type": data_type} | more)


POINTS: tuple[PointSpec, ...] = (
    _point("pressure", "DB1.DBD0", "float32", unit="bar"),
    _point("power", "DB1.DBD4", "float32", unit="kW"),
    _point("discharge_temperature", "DB1.DBD8", "float32", unit="degC"),
    _point("running_hours", "DB1.DBD12", "int32", unit="h"),
    _point("unload_pressure", "DB1.DBD16", "float32", unit="bar", access="rw"),
    _point("running", "DB1.DBX20.0", "bool", access="rw"),
    _point("loaded", "DB1.DBX20.1", "bool"),
    _point("state_code", "DB1.DBW22", "int16"),
    _point("state", "DB1.DBB24", "string", options={"length": 16}),
    _point("pressure_high", "M10.1", "bool"),
    _point("load_cycles", "MW20", "uint16"),
    _point("energy", "MD24", "float32", unit="kW*h"),
    _point("pressure_raw", "IW64", "int16"),
    _point("load_valve", "Q0.1", "bool"),
)


class _Plc(Server):
    """snap7's server, which also drops its clients' connections when it stops (its own ``stop`` leaves
    them open until each one's next request, unlike a CPU that goes away)."""

    def __init__(self) -> None:
        super().__init__(log=False)
        self._sockets: set[socket.socket] = set()
        self._guard = threading.Lock()
        self.reads = 0
        self.set_read_events_callback(self._count)

    def _count(self, _: SrvEvent) -> None:
        with self._guard:
            self.reads += 1

    def _handle_client(self, client_socket: socket.socket, address: tuple[str, int]) -> None:
        with self._guard:
            self._sockets.add(client_socket)
        try:
            super()._handle_client(client_socket, address)
        finally:
            with self._guard:
                self._sockets.discard(client_socket)

    def drop_clients(self) -> None:
        with self._guard:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class S7Simulator:
    """A simulated air compressor behind an S7 server on ``host:port``; an async context manager."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 102,
        *,
        interval_s: float | None = 0.1,
        seed: int = 42,
        noise: float = NOISE,
    ) -> None:
        self.host, self.port, self.interval_s = host, port, interval_s
        self.model = AirCompressor(random.Random(seed), noise=noise)  # noqa: S311 - not cryptography
        self.memory = {key: bytearray(size) for key, size in SIZES.items()}
        self.energy_kwh = 0.0
        self.load_cycles = 0
        self._shadow = b""  # the setpoint bytes as last written by the physics
        self._server: _Plc | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def reads(self) -> int:
        """Read requests the server has answered since it started (each ``read_area`` is one)."""
        return self._server.reads if self._server is not None else 0

    def config(self, **overrides: Any) -> S7Config:
        """A connection config for this simulator."""
        return S7Config.model_validate({"host": self.host, "port": self.port} | overrides)

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        server = _Plc()
        for (area, index), data in self.memory.items():
            server.register_area(area, index, data)
        self._server = server
        self.tick(0.0)
        try:
            server.start_to(self.host, self.port)
        except S7ConnectionError as err:
            self._server = None
            raise PortInUse(self.port, "--port") from err
        if self.interval_s is not None:
            self._task = asyncio.create_task(self._run(self.interval_s))
        log.info("simulated S7 CPU (air compressor) on %s:%s", self.host, self.port)

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        server, self._server = self._server, None
        if server is not None:
            server.drop_clients()
            await asyncio.to_thread(server.stop)
            server.drop_clients()

    async def _run(self, interval_s: float) -> None:
        while True:
            await asyncio.sleep(interval_s)
            self.tick(interval_s)

    @contextlib.contextmanager
    def _locked(self, area: SrvArea, index: int) -> Iterator[bytearray]:
        """The memory of an area, held against the server's client threads."""
        assert self._server is not None
        self._server.lock_area(area, index)
        try:
            yield self.memory[area, index]
        finally:
            self._server.unlock_area(area, index)

    def tick(self, dt_s: float) -> None:
        """Take the setpoints clients wrote, advance the physics by ``dt_s`` seconds, update the memory."""
        model = self.model
        with self._locked(SrvArea.DB, 1) as db:
            self._take_writes(db)
            was_loaded = model.loaded
            values = model.step(dt_s)
            pressure, power = float(values["pressure"]), float(values["power"])
            temperature = float(values["discharge_temperature"])
            struct.pack_into(
                ">fffif", db, 0, pressure, power, temperature, int(model.hours), model.unload_pressure
            )
            db[20] = int(model.running) | int(model.loaded) << 1
            state = str(values["state"])
            struct.pack_into(">h", db, 22, STATES[state])
            struct.pack_into(">BB16s", db, 24, 16, len(state), state.encode("latin-1"))
            self._shadow = bytes(db[16:21])
        self.load_cycles += int(model.loaded and not was_loaded)
        self.energy_kwh += power * dt_s / 3600.0
        self._render_io(pressure, power)

    def _take_writes(self, db: bytearray) -> None:
        if not self._shadow or bytes(db[16:21]) == self._shadow:
            return
        if db[16:20] != self._shadow[:4]:
            self._apply("unload_pressure", struct.unpack_from(">f", db, 16)[0])
        if (db[20] ^ self._shadow[4]) & 1:
            self._apply("running", bool(db[20] & 1))

    def _apply(self, prop: str, value: float | bool) -> None:
        try:
            self.model.apply(prop, value)
        except InvalidInput as err:  # e.g. NaN: the physics keep the value they had
            log.warning("write to DB1 ignored: %s", err.message)

    def _render_io(self, pressure: float, power: float) -> None:
        model = self.model
        with self._locked(SrvArea.MK, 0) as merkers:
            high = pressure >= model.unload_pressure
            merkers[10] = int(model.loaded) | int(high) << 1
            struct.pack_into(">H", merkers, 20, self.load_cycles % 65_536)
            struct.pack_into(">f", merkers, 24, self.energy_kwh)
        with self._locked(SrvArea.PE, 0) as inputs:
            inputs[0] = int(model.running) | int(model.loaded) << 1
            raw = round(min(max(pressure / PRESSURE_RANGE_BAR, 0.0), 1.0) * ANALOG_FULL_SCALE)
            struct.pack_into(">h", inputs, 64, raw)
        with self._locked(SrvArea.PA, 0) as outputs:
            outputs[0] = int(model.running) | int(model.loaded) << 1
            struct.pack_into(">f", outputs, 4, power)


__all__ = ["ANALOG_FULL_SCALE", "POINTS", "PRESSURE_RANGE_BAR", "S7Simulator"]
