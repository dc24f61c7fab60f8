"""A small ASGI app served by uvicorn inside the running event loop: the push receiver and the simulated
HTTP device both use it. The socket is bound before uvicorn starts, so a taken port raises ``PortInUse``
at once; uvicorn's own signal handling is off (the process that embeds it owns SIGINT and SIGTERM)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Iterator
from typing import Any

import uvicorn

from longcheng.core.errors import BackendError, PortInUse

log = logging.getLogger(__name__)
STARTUP_S = 10.0


class _QuietServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class RunningServer:
    """An app listening on ``host:port`` (``port`` is the bound one when 0 was asked for)."""

    def __init__(self, server: uvicorn.Server, task: asyncio.Task[None], host: str, port: int) -> None:
        self._server, self._task = server, task
        self.host, self.port = host, port

    async def stop(self) -> None:
        self._server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


async def start_server(app: Any, host: str, port: int, flag: str) -> RunningServer:
    """Serve ``app`` on ``host:port``; ``PortInUse`` (naming ``flag``) if the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise PortInUse(port, flag) from err
    sock.listen(128)
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    server = _QuietServer(config)
    task = asyncio.create_task(server.serve(sockets=[sock]), name=f"http {host}:{port}")
    try:
        async with asyncio.timeout(STARTUP_S):
            while not server.started:
                if task.done():
                    task.result()
                    raise BackendError(f"the HTTP server on {host}:{port} stopped while starting")
                await asyncio.sleep(0.005)
    except BaseException:
        server.should_exit = True
        sock.close()
        raise
    bound = int(sock.getsockname()[1])
    log.debug("HTTP server on %s:%s", host, bound)
    return RunningServer(server, task, host, bound)


__all__ = ["RunningServer", "start_server"]
