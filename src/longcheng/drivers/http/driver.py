"""The HTTP sessions: httpx behind the driver contract.

``PollSession`` GETs the device's endpoint (one request per distinct endpoint of the points read) and takes
each point from the JSON by its JSONPath; its ``subscribe`` polls at the fastest point's ``poll_ms``.
``PushSession`` (in ``push``) receives the documents a device POSTs. Both write by POST or PUT to the
configured URL template. Errors are wrapped at this boundary: a device that does not answer, or refuses
the gateway's credentials (401/403), is ``DeviceUnreachable``; a refused write (4xx) is ``PointRejected``;
an answer that is not JSON, an error status on a read, or a path that is missing reads as Bad.
"""

from __future__ import annotations

import abc
import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from types import TracebackType
from typing import Any, Self

import httpx
from pydantic import BaseModel

from longcheng.core.clock import Clock, SystemClock
from longcheng.core.errors import InvalidInput
from longcheng.core.samples import Value
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, Reading
from longcheng.drivers.http import codec
from longcheng.drivers.http.config import HttpConfig

log = logging.getLogger(__name__)
MISSING: Any = object()  # no document: the request failed or the answer was not JSON
AUTH_REFUSED = "driver.http.error.auth_refused"


class HttpSession(abc.ABC):
    """What both modes share: the HTTP client of writes (and reads), and the Bad-reading bookkeeping."""

    def __init__(self, config: HttpConfig, *, clock: Clock | None = None) -> None:
        self.config = config
        self._clock = clock or SystemClock()
        headers = dict(config.headers)
        if config.token is not None:
            headers["Authorization"] = f"Bearer {config.token.get_secret_value()}"
        auth = None
        if config.username is not None:
            password = config.password.get_secret_value() if config.password is not None else ""
            auth = httpx.BasicAuth(config.username, password)
        self._client = httpx.AsyncClient(
            headers=headers, auth=auth, timeout=config.timeout_s, verify=config.verify_tls
        )
        self._failing: set[str] = set()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._client.aclose()

    @abc.abstractmethod
    async def read(self, points: Sequence[PointSpec]) -> list[Reading]: ...

    @abc.abstractmethod
    def subscribe(self, points: Sequence[PointSpec]) -> AsyncIterator[Reading]: ...

    def _url(self, target: str, field: str) -> str:
        """An absolute URL: ``target`` as is, or joined to the configured ``url``."""
        if target.startswith(("http://", "https://")):
            return target
        if self.config.url is None:
            raise PointRejected(field, f"{target!r} is not an absolute http(s) URL")
        return str(httpx.URL(self.config.url).join(target))

    async def _send(self, method: str, url: str, content: bytes | None = None) -> httpx.Response:
        try:
            response = await self._client.request(
                method,
                url,
                content=content,
                headers={"Content-Type": "application/json"} if content else None,
            )
        except httpx.HTTPError as err:
            raise DeviceUnreachable(f"HTTP device {url}: {err!r}") from err
        if response.status_code in (401, 403):
            raise DeviceUnreachable(
                f"HTTP device {url} refused the gateway's credentials ({response.status_code})",
                code=AUTH_REFUSED,
            )
        return response

    async def write(self, point: PointSpec, value: Value) -> None:
        """POST or PUT one raw value to the point's write URL; ``PointRejected`` if the device refuses."""
        if point.access != "rw":
            raise PointRejected(point.name, "the point is read-only")
        codec.check_options(point)
        template = point.options.get("write_url", self.config.write_url)
        if template is None:
            raise PointRejected(point.name, "the device has no write_url to write to")
        body = codec.write_body(self.config.write_body_key, point, value)
        url = self._url(codec.write_target(str(template), point), point.name)
        response = await self._send(self.config.write_method, url, body)
        if response.is_server_error:
            raise DeviceUnreachable(f"HTTP device {url} failed the write: {response.status_code}")
        if not response.is_success:
            raise PointRejected(
                point.name, f"the device refused the write: {response.status_code} {response.text[:200]}"
            )

    def _readings(self, points: Sequence[PointSpec], document: Any, ts_ms: int) -> list[Reading]:
        return [self._reading(point, document, ts_ms) for point in points]

    def _reading(self, point: PointSpec, document: Any, ts_ms: int) -> Reading:
        if document is MISSING:
            return codec.bad(point, ts_ms)
        try:
            value = codec.extract(point, document)
        except PointRejected as err:
            self._complain(point, err)
            return codec.bad(point, ts_ms)
        self._failing.discard(point.name)
        return Reading(point.name, value, ts_ms)

    def _complain(self, point: PointSpec, err: PointRejected) -> None:
        """Log a point's failure once, until it reads again."""
        if point.name not in self._failing:
            self._failing.add(point.name)
            log.warning("point %s reads Bad: %s", point.name, err.reason)


class PollSession(HttpSession):
    """A device whose REST endpoint the gateway GETs (opening one sends nothing: HTTP has no connection to
    open, so an unreachable device shows on the first read)."""

    async def read(self, points: Sequence[PointSpec]) -> list[Reading]:
        """One GET per distinct endpoint; a point missing from the answer reads as Bad."""
        now = self._clock.now_ms()
        readings: dict[int, Reading] = {}
        by_url: dict[str, list[int]] = defaultdict(list)
        for i, point in enumerate(points):
            try:
                codec.check_options(point)
                codec.compile_path(point.name, point.address)
                by_url[self._url(str(point.options.get("url", self.config.url)), point.name)].append(i)
            except PointRejected as err:
                self._complain(point, err)
                readings[i] = codec.bad(point, now)
        for url, indexes in by_url.items():
            document = await self._get(url)
            ts_ms = now if document is MISSING else codec.timestamp_ms(document, self.config.ts_path, now)
            readings.update({i: self._reading(points[i], document, ts_ms) for i in indexes})
        return [readings[i] for i in range(len(points))]

    async def _get(self, url: str) -> Any:
        response = await self._send("GET", url)
        if not response.is_success:
            log.warning("GET %s answered %s", url, response.status_code)
            return MISSING
        try:
            return codec.parse_document(response.content)
        except InvalidInput as err:
            log.warning("GET %s answered %s", url, err.reason)
            return MISSING

    async def subscribe(self, points: Sequence[PointSpec]) -> AsyncIterator[Reading]:
        """Every reading of a poll at the fastest point's ``poll_ms``, poll after poll."""
        interval_s = min((p.poll_ms for p in points), default=1000) / 1000
        loop = asyncio.get_running_loop()
        due = loop.time()
        while True:
            for reading in await self.read(points):
                yield reading
            due = max(due + interval_s, loop.time())
            await asyncio.sleep(due - loop.time())


async def connect(config: BaseModel, *, clock: Clock | None = None) -> HttpSession:
    """Open a session of the mode that ``config`` (an ``HttpConfig``) asks for."""
    if not isinstance(config, HttpConfig):
        config = HttpConfig.model_validate(config.model_dump())
    if config.mode == "poll":
        return PollSession(config, clock=clock)
    from longcheng.drivers.http.push import PushSession  # noqa: PLC0415 - the receiver only in push mode

    session = PushSession(config, clock=clock)
    await session.open()
    return session


__all__ = ["AUTH_REFUSED", "HttpSession", "PollSession", "connect"]
