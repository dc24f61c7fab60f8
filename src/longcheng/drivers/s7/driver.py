"""The S7 session: python-snap7's asyncio client behind the driver contract.

``read`` plans contiguous byte ranges (``codec.plan_reads``) and reads each with one ``read_area`` request;
a range the CPU refuses is read again point by point, so that only the points it really refuses read as
Bad. ``write`` writes a point's bytes with ``write_area``; a bit is written by reading its byte, changing
the bit and writing the byte back (the CPU may change the other bits of that byte in between: keep bits
that the PLC program writes out of bytes the gateway writes). Every snap7 error is wrapped at this
boundary: a lost, refused or silent connection becomes ``DeviceUnreachable``, a refused item becomes
``PointRejected`` (or a Bad reading).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Sequence
from types import TracebackType
from typing import Self, TypeVar

from pydantic import BaseModel
from snap7 import AsyncClient
from snap7.error import S7Error, S7ProtocolError
from snap7.type import Area as Snap7Area
from snap7.type import Parameter

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.samples import Value
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, Reading
from longcheng.drivers.s7 import codec
from longcheng.drivers.s7.codec import ReadBlock
from longcheng.drivers.s7.config import CONNECTION_TYPES, S7Config
from longcheng.drivers.s7.points import Area, S7Point, parse_point

log = logging.getLogger(__name__)
T = TypeVar("T")


class S7Session:
    """An open connection to one S7 CPU (``connect`` opens it; ``async with`` closes it)."""

    def __init__(self, config: S7Config, *, clock: Clock | None = None) -> None:
        self.config = config
        self._clock = clock or SystemClock()
        self._client = AsyncClient()
        self._client.set_connection_type(CONNECTION_TYPES[config.connection_type])
        self._client.set_param(Parameter.PDURequest, config.pdu_length)
        self._bits = asyncio.Lock()  # one read-modify-write of a byte at a time

    def __repr__(self) -> str:
        c = self.config
        return f"S7Session({c.host}:{c.port}, rack {c.rack}, slot {c.slot})"

    @property
    def pdu_length(self) -> int:
        """The PDU length the CPU granted."""
        return self._client.get_pdu_length()

    async def open(self) -> None:
        """Open the ISO-on-TCP connection and negotiate the PDU."""
        c = self.config
        try:
            async with asyncio.timeout(c.connect_timeout_s):
                await self._client.connect(c.host, c.rack, c.slot, c.port)
        except (S7Error, OSError, TimeoutError) as err:
            await self.close()
            raise DeviceUnreachable(f"S7 CPU {c.host}:{c.port} unreachable: {str(err) or 'timeout'}") from err
        if self._client.connection is not None:
            self._client.connection.timeout = c.request_timeout_s
        log.info("connected to S7 CPU %s:%s, PDU %s bytes", c.host, c.port, self.pdu_length)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        with contextlib.suppress(S7Error, OSError):
            await self._client.disconnect()

    async def _guard(self, request: Awaitable[T]) -> T:
        """Await a request; connection failures become ``DeviceUnreachable``, item refusals pass through."""
        try:
            return await request
        except S7ProtocolError:
            raise
        except (S7Error, OSError, TimeoutError) as err:
            c = self.config
            raise DeviceUnreachable(f"S7 CPU {c.host}:{c.port}: {str(err) or 'timeout'}") from err

    async def _read(self, area: Area, db: int, start: int, size: int) -> bytes:
        return bytes(await self._guard(self._client.read_area(Snap7Area(area), db, start, size)))

    async def read(self, points: Sequence[PointSpec]) -> list[Reading]:
        """Read every point, batched into as few requests as the PDU allows; refused points read Bad."""
        parsed: dict[int, S7Point] = {}
        for i, spec in enumerate(points):
            try:
                parsed[i] = parse_point(spec)
            except PointRejected as err:
                log.warning("point %s not read: %s", spec.name, err.reason)
        blocks = codec.plan_reads(
            list(parsed.values()),
            max_bytes=codec.max_read_bytes(self.pdu_length),
            max_gap=self.config.max_gap,
        )
        values: dict[S7Point, Value] = {}
        for block in blocks:
            values.update(await self._read_block(block))
        now = self._clock.now_ms()
        return [
            codec.reading(spec, values.get(parsed[i]) if i in parsed else None, now)
            for i, spec in enumerate(points)
        ]

    async def _read_block(self, block: ReadBlock) -> dict[S7Point, Value]:
        try:
            data = await self._read(block.area, block.db, block.start, block.size)
        except S7ProtocolError as err:
            if len(block.points) == 1:
                point = block.points[0]
                log.warning("point %s (%s) not read: %s", point.name, point.address, err)
                return {}
            values: dict[S7Point, Value] = {}
            for point in block.points:  # find the points the CPU refuses
                single = ReadBlock(block.area, block.db, point.start, point.size, (point,))
                values.update(await self._read_block(single))
            return values
        return codec.unpack(block, data)

    def subscribe(self, points: Sequence[PointSpec]) -> AsyncIterator[Reading]:
        raise NotImplementedError("S7 CPUs do not report changes: poll the points with read()")

    async def write(self, point: PointSpec, value: Value) -> None:
        """Write one raw value; ``PointRejected`` if the point is read-only, the value does not fit its
        type, or the CPU refuses the address."""
        target = parse_point(point)
        if point.access != "rw":
            raise PointRejected(point.name, f"{point.address} is read-only")
        address = target.address
        try:
            if address.bit is None:
                data = codec.encode(target, value)
                await self._guard(
                    self._client.write_area(
                        Snap7Area(address.area), address.db, address.byte, bytearray(data)
                    )
                )
                return
            flag = codec.as_bool(point.name, value)
            async with self._bits:
                (byte,) = await self._read(address.area, address.db, address.byte, 1)
                new = codec.with_bit(byte, address.bit, flag)
                await self._guard(
                    self._client.write_area(
                        Snap7Area(address.area), address.db, address.byte, bytearray([new])
                    )
                )
        except S7ProtocolError as err:
            raise PointRejected(point.name, f"the CPU refused {address}: {err}") from err


async def connect(config: BaseModel, *, clock: Clock | None = None) -> S7Session:
    """Open a session with the CPU that ``config`` (an ``S7Config``) describes."""
    if not isinstance(config, S7Config):
        config = S7Config.model_validate(config.model_dump())
    session = S7Session(config, clock=clock)
    await session.open()
    return session


__all__ = ["S7Session", "connect"]
