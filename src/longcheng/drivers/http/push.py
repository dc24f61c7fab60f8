"""Push mode: a receiver the device POSTs JSON documents to, and the session that turns them into readings.

The receiver (a Starlette app under uvicorn, on ``listen_host:listen_port``) answers ``POST <push_path>``:
``202`` with ``{"accepted": true}`` for a JSON document, ``401`` without the device token, ``400`` for a
body that is not JSON, ``413`` past ``max_body_bytes``. ``subscribe`` yields, for every accepted document,
one reading per point (Bad where the document lacks the point); ``read`` answers from the latest document
(Bad before the first). Each subscriber has a bounded queue: when it falls behind, the oldest documents go.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from longcheng.core.clock import Clock
from longcheng.core.errors import InvalidInput
from longcheng.drivers.base import PointSpec, Reading
from longcheng.drivers.http import codec
from longcheng.drivers.http.config import HttpConfig
from longcheng.drivers.http.driver import HttpSession
from longcheng.drivers.http.serve import RunningServer, start_server

log = logging.getLogger(__name__)
Delivery = tuple[Any, int] | None  # (document, time it arrived in epoch ms); None ends the subscription


class _TooLarge(Exception):
    pass


def receiver_app(config: HttpConfig, deliver: Callable[[Any], None]) -> Starlette:
    """The ASGI app that checks the token, reads and parses a pushed document and hands it on."""
    assert config.device_token is not None  # by the config, in push mode
    expected = config.device_token.get_secret_value()

    async def push(request: Request) -> JSONResponse:
        headers = request.headers
        if not codec.token_matches(expected, headers.get("authorization"), headers.get("x-device-token")):
            return JSONResponse(
                {"error": "a valid device token is required"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        try:
            body = await _body(request, config.max_body_bytes)
            document = codec.parse_document(body)
        except _TooLarge:
            return JSONResponse({"error": f"the body is over {config.max_body_bytes} bytes"}, status_code=413)
        except InvalidInput as err:
            log.warning("pushed document refused: %s", err.reason)
            return JSONResponse({"error": err.reason}, status_code=400)
        deliver(document)
        return JSONResponse({"accepted": True}, status_code=202)

    return Starlette(routes=[Route(config.push_path, push, methods=["POST"])])


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _TooLarge
    return bytes(body)


class PushSession(HttpSession):
    """A device that POSTs its readings to the gateway's receiver."""

    def __init__(self, config: HttpConfig, *, clock: Clock | None = None) -> None:
        super().__init__(config, clock=clock)
        self._latest: tuple[Any, int] | None = None
        self._queues: set[asyncio.Queue[Delivery]] = set()
        self._server: RunningServer | None = None
        self.accepted = 0

    @property
    def port(self) -> int:
        """The port the receiver listens on (the bound one when the config asked for 0)."""
        return self._server.port if self._server is not None else self.config.listen_port

    async def open(self) -> None:
        """Start the receiver."""
        app = receiver_app(self.config, self._deliver)
        self._server = await start_server(
            app, self.config.listen_host, self.config.listen_port, "listen_port"
        )
        log.info(
            "receiving pushed documents on %s:%s%s", self.config.listen_host, self.port, self.config.push_path
        )

    async def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            await server.stop()
        for queue in self._queues:
            _put(queue, None)
        await super().close()

    def _deliver(self, document: Any) -> None:
        received = (document, self._clock.now_ms())
        self._latest = received
        self.accepted += 1
        for queue in self._queues:
            if not _put(queue, received):
                log.warning("a subscriber fell behind: the oldest pushed document was dropped")

    async def read(self, points: Sequence[PointSpec]) -> list[Reading]:
        """The points in the latest pushed document; all Bad before the first."""
        if self._latest is None:
            now = self._clock.now_ms()
            return [codec.bad(point, now) for point in points]
        return self._from(points, *self._latest)

    def _from(self, points: Sequence[PointSpec], document: Any, received_ms: int) -> list[Reading]:
        return self._readings(
            points, document, codec.timestamp_ms(document, self.config.ts_path, received_ms)
        )

    async def subscribe(self, points: Sequence[PointSpec]) -> AsyncIterator[Reading]:
        """The points of every document pushed from now on, until the session closes."""
        if self._server is None:
            return
        queue: asyncio.Queue[Delivery] = asyncio.Queue(maxsize=self.config.queue_size)
        self._queues.add(queue)
        try:
            while (delivery := await queue.get()) is not None:
                for reading in self._from(points, *delivery):
                    yield reading
        finally:
            self._queues.discard(queue)


def _put(queue: asyncio.Queue[Delivery], item: Delivery) -> bool:
    """Queue ``item``, dropping the oldest one when full; False if one was dropped."""
    dropped = False
    while True:
        try:
            queue.put_nowait(item)
        except asyncio.QueueFull:
            with contextlib.suppress(asyncio.QueueEmpty):
                queue.get_nowait()
                dropped = True
        else:
            return not dropped


__all__ = ["PushSession", "receiver_app"]
