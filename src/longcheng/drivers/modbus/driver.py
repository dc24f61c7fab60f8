"""A Modbus session over pymodbus's async TCP client (Modbus TCP, or RTU frames over TCP).

A read parses the points once (the plan is cached per list of points), groups them with
``codec.plan_reads`` and sends one request per group. A device that refuses a batched request (exception 2
or 3, typically because the batch reads through registers it does not have) gets that batch split into
one request per point, remembered for the next reads, so only the truly bad points come back ``BAD``.
Lost connections and timeouts raise ``DeviceUnreachable``: the runtime closes the session and connects anew
(pymodbus's own reconnection is switched off). Writes use function 5 for coils, 6 for a single register
(16 with ``write_multiple``), 16 for wider values, and read-modify-write (3 then 6) for a register bit.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

from pydantic import BaseModel
from pymodbus.client import AsyncModbusTcpClient
from pymodbus.exceptions import ModbusException
from pymodbus.framer import FramerType
from pymodbus.pdu import ModbusPDU

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Quality, Value
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, RawType, Reading
from longcheng.drivers.modbus.codec import (
    ModbusPoint,
    ReadRequest,
    Table,
    as_bool,
    encode,
    parse_point,
    plan_reads,
    unpack,
    with_bit,
)
from longcheng.drivers.modbus.config import ModbusConfig

log = logging.getLogger(__name__)

EXCEPTION_NAMES = {
    1: "illegal function",
    2: "illegal data address",
    3: "illegal data value",
    4: "server device failure",
    5: "acknowledge",
    6: "server device busy",
    8: "memory parity error",
    10: "gateway path unavailable",
    11: "gateway target device failed to respond",
}
UNREACHABLE = frozenset({10, 11})  # a gateway answering for a device that is not there
SPLIT = frozenset({2, 3})  # a batch the device will not serve whole; its points may still be readable
PLAN_CACHE = 256
ZERO: dict[RawType, Value] = {
    **dict.fromkeys(RawType, 0),
    RawType.BOOL: False,
    RawType.STRING: "",
    RawType.FLOAT32: 0.0,
    RawType.FLOAT64: 0.0,
}


class _Refused(Exception):
    """The device answered with an exception code (internal: becomes BAD or PointRejected)."""

    def __init__(self, code: int) -> None:
        super().__init__(f"Modbus exception {code} ({EXCEPTION_NAMES.get(code, 'unknown')})")
        self.code = code


@dataclass
class _Plan:
    points: tuple[PointSpec, ...]  # held so that the ids in the cache key stay theirs
    requests: list[ReadRequest] = field(default_factory=list)


class ModbusSession:
    """An open connection to one Modbus unit; ``requests`` counts the requests answered so far."""

    def __init__(self, client: AsyncModbusTcpClient, config: ModbusConfig, clock: Clock) -> None:
        self.config = config
        self.requests = 0
        self._client = client
        self._clock = clock
        self._plans: dict[tuple[int, ...], _Plan] = {}
        self._closed = False

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        c = self.config
        return f"ModbusSession({c.host}:{c.port}, unit {c.unit_id}, {c.framing})"

    async def read(self, points: Sequence[PointSpec]) -> list[Reading]:
        plan = self._plan(points)
        values: dict[str, tuple[Value, int]] = {}
        for request in list(plan.requests):
            values.update(await self._serve(plan, request))
        readings = []
        for point in points:
            got = values.get(point.name)
            if got is None:
                readings.append(Reading(point.name, ZERO[point.data_type], self._clock.now_ms(), Quality.BAD))
            else:
                readings.append(Reading(point.name, got[0], got[1]))
        return readings

    def subscribe(self, points: Sequence[PointSpec]) -> AsyncIterator[Reading]:
        raise NotImplementedError("Modbus has no subscriptions: poll the points with read()")

    async def write(self, point: PointSpec, value: Value) -> None:
        target = parse_point(point)
        if point.access != "rw" or not target.table.writable:
            raise PointRejected(point.name, f"{point.address} is read-only")
        try:
            if target.table is Table.COILS:
                flag = as_bool(target, value)
                await self._call(
                    f"write {point.address}",
                    lambda: self._client.write_coil(target.start, flag, device_id=self.config.unit_id),
                )
            elif target.bit is not None:
                await self._write_bit(target.start, target.bit, as_bool(target, value))
            else:
                await self._write_registers(target.start, encode(target, value))
        except _Refused as err:
            raise PointRejected(point.name, f"the device refused to write {point.address}: {err}") from err
        log.debug("wrote %r to %s (%s) on %r", value, point.name, point.address, self)

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._client.close()

    def _plan(self, points: Sequence[PointSpec]) -> _Plan:
        key = tuple(map(id, points))
        plan = self._plans.get(key)
        if plan is not None:
            return plan
        parsed: list[ModbusPoint] = []
        for point in points:
            try:
                parsed.append(parse_point(point))
            except PointRejected as err:
                log.warning("point %s of %r cannot be read: %s", point.name, self, err.reason)
        c = self.config
        plan = _Plan(tuple(points), plan_reads(parsed, c.max_gap, c.max_registers, max_bits=c.max_bits))
        if len(self._plans) >= PLAN_CACHE:
            self._plans.clear()
        self._plans[key] = plan
        return plan

    async def _serve(self, plan: _Plan, request: ReadRequest) -> dict[str, tuple[Value, int]]:
        try:
            data = await self._fetch(request)
        except _Refused as err:
            if err.code in SPLIT and len(request.points) > 1:
                return await self._split(plan, request, err)
            log.debug("%r refused %s:%d+%d: %s", self, request.table, request.start, request.count, err)
            return {}
        ts_ms = self._clock.now_ms()
        try:
            return {name: (value, ts_ms) for name, value in unpack(request, data).items()}
        except ValueError as err:
            log.warning("%r gave a malformed answer to %s:%d: %s", self, request.table, request.start, err)
            return {}

    async def _split(self, plan: _Plan, request: ReadRequest, err: _Refused) -> dict[str, tuple[Value, int]]:
        """Replace a refused batch by one request per point, in this plan for good, and read those."""
        singles = [ReadRequest(request.table, p.start, p.count, (p,)) for p in request.points]
        if request in plan.requests:
            at = plan.requests.index(request)
            plan.requests[at : at + 1] = singles
        log.info(
            "%r refused the batch %s:%d+%d (%s); reading its points one by one",
            self,
            request.table,
            request.start,
            request.count,
            err,
        )
        values: dict[str, tuple[Value, int]] = {}
        for single in singles:
            values.update(await self._serve(plan, single))
        return values

    async def _fetch(self, request: ReadRequest) -> Sequence[Any]:
        unit, start, count = self.config.unit_id, request.start, request.count
        client = self._client
        calls: dict[Table, Callable[[], Awaitable[ModbusPDU]]] = {
            Table.COILS: lambda: client.read_coils(start, count=count, device_id=unit),
            Table.DISCRETE_INPUTS: lambda: client.read_discrete_inputs(start, count=count, device_id=unit),
            Table.HOLDING_REGISTERS: lambda: client.read_holding_registers(
                start, count=count, device_id=unit
            ),
            Table.INPUT_REGISTERS: lambda: client.read_input_registers(start, count=count, device_id=unit),
        }
        response = await self._call(f"read {request.table}:{start}+{count}", calls[request.table])
        return response.bits if request.table.bits else response.registers

    async def _write_registers(self, start: int, registers: list[int]) -> None:
        unit, client = self.config.unit_id, self._client
        single = len(registers) == 1 and not self.config.write_multiple
        await self._call(
            f"write hr:{start}",
            (lambda: client.write_register(start, registers[0], device_id=unit))
            if single
            else (lambda: client.write_registers(start, registers, device_id=unit)),
        )

    async def _write_bit(self, start: int, bit: int, flag: bool) -> None:
        """Read-modify-write of one register: not atomic against other masters writing the same register."""
        unit = self.config.unit_id
        response = await self._call(
            f"read hr:{start}", lambda: self._client.read_holding_registers(start, count=1, device_id=unit)
        )
        if not response.registers:
            raise _Refused(3)
        await self._write_registers(start, [with_bit(response.registers[0], bit, flag)])

    async def _call(self, what: str, call: Callable[[], Awaitable[ModbusPDU]]) -> ModbusPDU:
        if self._closed:
            raise DeviceUnreachable(f"{self!r} is closed")
        try:
            response = await call()
        except (ModbusException, OSError, TimeoutError) as err:
            raise DeviceUnreachable(f"{self!r}: {what} failed: {err}") from err
        self.requests += 1
        if response.isError():
            if response.exception_code in UNREACHABLE:
                raise DeviceUnreachable(f"{self!r}: {what}: {_Refused(response.exception_code)}")
            raise _Refused(response.exception_code)
        return response


async def connect(config: BaseModel, *, clock: Clock | None = None) -> ModbusSession:
    """Open a session to the device that ``config`` (a ``ModbusConfig``) describes."""
    if not isinstance(config, ModbusConfig):
        raise InvalidInput("connection", f"expected a Modbus configuration, got {type(config).__name__}")
    client = AsyncModbusTcpClient(
        config.host,
        port=config.port,
        framer=FramerType.SOCKET if config.framing == "tcp" else FramerType.RTU,
        name=f"modbus {config.host}:{config.port}",
        timeout=config.timeout_s,
        retries=config.retries,
        reconnect_delay=0,  # the runtime reconnects, with its own backoff
    )
    try:
        connected = await client.connect()
    except (ModbusException, OSError) as err:
        client.close()
        raise DeviceUnreachable(
            f"cannot connect to Modbus device {config.host}:{config.port}: {err}"
        ) from err
    if not connected:
        client.close()
        raise DeviceUnreachable(f"cannot connect to Modbus device {config.host}:{config.port}")
    log.debug("connected to Modbus device %s:%d (%s)", config.host, config.port, config.framing)
    return ModbusSession(client, config, clock or SystemClock())


__all__ = ["EXCEPTION_NAMES", "ModbusSession", "connect"]
