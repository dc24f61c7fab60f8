"""Poll mode against real HTTP servers on loopback: the simulated REST device, and small edge-case apps."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from longcheng.core.clock import ManualClock
from longcheng.core.samples import Quality
from longcheng.drivers.base import DeviceUnreachable, PointRejected, PointSpec, RawType, Session
from longcheng.drivers.http import SPEC, HttpConfig, connect
from longcheng.drivers.http.driver import AUTH_REFUSED, PollSession
from longcheng.drivers.http.driver import connect as open_session
from longcheng.drivers.http.serve import RunningServer, start_server
from longcheng.drivers.http.simulator import POINTS, HttpDevice
from support import free_port

BY_NAME = {p.name: p for p in POINTS}
TOKEN = "device-api-token"


def point(
    address: str,
    data_type: str = "float64",
    name: str = "p",
    access: str = "r",
    poll_ms: int = 1000,
    **options: Any,
) -> PointSpec:
    return PointSpec(
        name=name,
        address=address,
        data_type=RawType(data_type),
        access=access,
        poll_ms=poll_ms,
        options=options,
    )


@pytest.fixture
async def device() -> AsyncIterator[HttpDevice]:
    async with HttpDevice(port=0, token=TOKEN, noise=0.0, clock=ManualClock()) as dev:
        yield dev


@pytest.fixture
async def session(device: HttpDevice) -> AsyncIterator[PollSession]:
    opened = await open_session(device.config(), clock=ManualClock())
    assert isinstance(opened, PollSession)
    async with opened:
        yield opened


def good(readings: list[Any]) -> dict[str, Any]:
    assert all(r.quality is Quality.GOOD for r in readings), readings
    return {r.point: r.value for r in readings}


async def test_the_spec_opens_a_session(device: HttpDevice) -> None:
    assert (SPEC.name, SPEC.protocol, SPEC.title_key, SPEC.subscribe) == (
        "http",
        "http",
        "driver.http.title",
        True,
    )
    assert SPEC.config_model is HttpConfig
    session: Session = await connect(device.config())
    try:
        assert good(await session.read([BY_NAME["running"]])) == {"running": True}
    finally:
        await session.close()


async def test_all_points_come_from_one_get(device: HttpDevice, session: PollSession) -> None:
    before = device.requests
    readings = await session.read(POINTS)
    assert device.requests - before == 1
    got = good(readings)
    assert [r.point for r in readings] == [p.name for p in POINTS]
    assert {r.ts_ms for r in readings} == {ManualClock().now_ms()}
    assert got["supply_setpoint"] == 7.0
    assert 360.0 <= got["voltage_ab"] <= 440.0
    assert 0.0 <= got["humidity"] <= 100.0


async def test_the_devices_timestamp_is_used_when_asked(device: HttpDevice) -> None:
    clock = ManualClock(start_ms=1_800_000_000_000)
    async with await open_session(device.config(ts_path="$.ts"), clock=clock) as session:
        (reading,) = await session.read([BY_NAME["temperature"]])
    assert reading.ts_ms == ManualClock().now_ms()  # the device's clock, not the gateway's


async def test_missing_and_malformed_points_read_bad(session: PollSession) -> None:
    points = [
        BY_NAME["temperature"],
        point("$.readings.sensor.pressure", name="missing"),
        point("$.readings.sensor[", name="not_a_path"),
        point("$.readings.chiller", name="an_object"),
        point("$.readings.meter.energy", "int16", name="too_big"),
        point("$.readings.sensor.humidity", name="odd_option", word_order="big"),
        point("$.readings.sensor.humidity", name="humidity"),
    ]
    readings = await session.read(points)
    assert [r.quality for r in readings] == [Quality.GOOD] + [Quality.BAD] * 5 + [Quality.GOOD]
    assert readings[1].value == 0.0


async def test_points_may_name_other_endpoints(device: HttpDevice, session: PollSession) -> None:
    before = device.requests
    points = [
        BY_NAME["temperature"],
        point("$.readings.meter.active_power", name="power", url="/readings?view=meter"),
        point("$.error", "string", name="nowhere", url="/no-such-endpoint"),
    ]
    readings = await session.read(points)
    assert device.requests - before == 2  # and a 404 from the router for the third
    assert [r.quality for r in readings] == [Quality.GOOD, Quality.GOOD, Quality.BAD]


async def test_written_setpoints_reach_the_device(device: HttpDevice, session: PollSession) -> None:
    await session.write(BY_NAME["supply_setpoint"], 9.0)
    assert good(await session.read([BY_NAME["supply_setpoint"]])) == {"supply_setpoint": 9.0}
    await session.write(BY_NAME["supply_setpoint"], 20)  # the chiller clamps it to 12 °C
    assert good(await session.read([BY_NAME["supply_setpoint"]])) == {"supply_setpoint": 12.0}
    await session.write(BY_NAME["running"], False)
    assert good(await session.read([BY_NAME["running"]])) == {"running": False}
    assert device.site.models["chiller"].running is False


@pytest.mark.parametrize(
    ("target", "value", "reason"),
    [
        (BY_NAME["temperature"], 20.0, "read-only"),
        (point("$.x", "int16", name="supply_setpoint", access="rw"), 40000, "outside the range of int16"),
        (point("$.x", "bool", name="running", access="rw"), "yes", "not true or false"),
        (point("$.x", name="speed", access="rw"), 5.0, "the device refused the write: 404"),
        (point("$.x", name="running", access="rw"), 0.5, "the device refused the write: 422"),
        (
            point("$.x", "bool", name="running", access="rw", write_url="/readings"),
            True,
            "refused the write: 405",
        ),
        (point("$.x", name="p", access="rw", style="x"), 1.0, "unknown options"),
    ],
)
async def test_refused_writes(session: PollSession, target: PointSpec, value: Any, reason: str) -> None:
    with pytest.raises(PointRejected) as caught:
        await session.write(target, value)
    assert caught.value.field == target.name
    assert reason in caught.value.reason


async def test_a_device_without_a_write_url_takes_no_writes(device: HttpDevice) -> None:
    async with await open_session(device.config(write_url=None)) as session:
        with pytest.raises(PointRejected, match="no write_url"):
            await session.write(BY_NAME["running"], True)


async def test_a_wrong_token_is_refused_as_unreachable(device: HttpDevice) -> None:
    async with await open_session(device.config(token="stolen")) as session:
        with pytest.raises(DeviceUnreachable) as caught:
            await session.read(POINTS)
        assert caught.value.code == AUTH_REFUSED
        with pytest.raises(DeviceUnreachable):
            await session.write(BY_NAME["running"], True)


async def test_poll_mode_subscribes_by_polling(device: HttpDevice, session: PollSession) -> None:
    points = [point("$.readings.sensor.temperature", name="t", poll_ms=10)]
    before = device.requests
    seen = []
    stream = session.subscribe(points)
    async for reading in stream:
        seen.append(reading)
        if len(seen) == 3:
            break
    await stream.aclose()  # type: ignore[attr-defined]
    assert [r.point for r in seen] == ["t", "t", "t"]
    assert device.requests - before == 3


async def test_a_stopped_device_is_unreachable_and_a_restarted_one_answers() -> None:
    port = free_port()
    device = HttpDevice(port=port, noise=0.0)
    await device.start()
    session = await open_session(device.config(timeout_s=1.0))
    try:
        assert good(await session.read([BY_NAME["running"]]))
        await device.stop()
        with pytest.raises(DeviceUnreachable, match=f"127.0.0.1:{port}"):
            await session.read([BY_NAME["running"]])
        with pytest.raises(DeviceUnreachable):
            await session.write(BY_NAME["running"], True)
    finally:
        await session.close()
    async with HttpDevice(port=port, noise=0.0) as again, await open_session(again.config()) as fresh:
        assert good(await fresh.read([BY_NAME["supply_setpoint"]])) == {"supply_setpoint": 7.0}


@pytest.fixture
async def odd_device() -> AsyncIterator[tuple[RunningServer, asyncio.Event]]:
    """A device with the edges: echoed headers, text, an error status, a slow answer, a failing write."""
    release = asyncio.Event()

    async def echo(request: Request) -> JSONResponse:
        return JSONResponse(
            {"authorization": request.headers.get("authorization"), "site": request.headers.get("x-site")}
        )

    async def text(_: Request) -> Response:
        return PlainTextResponse("temperature=21.5")

    async def broken(_: Request) -> Response:
        return JSONResponse({"error": "sensor fault"}, status_code=500)

    async def slow(_: Request) -> Response:
        await release.wait()
        return JSONResponse({"v": 1})

    routes = [
        Route("/echo", echo),
        Route("/text", text),
        Route("/broken", broken, methods=["GET", "PUT"]),
        Route("/slow", slow),
    ]
    server = await start_server(Starlette(routes=routes), "127.0.0.1", 0, "port")
    try:
        yield server, release
    finally:
        release.set()
        await server.stop()


async def test_headers_and_basic_authentication_are_sent(
    odd_device: tuple[RunningServer, asyncio.Event],
) -> None:
    server, _ = odd_device
    config = HttpConfig(
        url=f"http://127.0.0.1:{server.port}/echo",
        username="edge",
        password="pa:ss",
        headers={"X-Site": "CZ-01"},
    )
    points = [point("$.authorization", "string", name="auth"), point("$.site", "string", name="site")]
    async with await open_session(config) as session:
        got = good(await session.read(points))
    assert got == {"auth": "Basic " + base64.b64encode(b"edge:pa:ss").decode(), "site": "CZ-01"}


async def test_answers_that_are_not_json_or_errors_read_bad(
    odd_device: tuple[RunningServer, asyncio.Event],
) -> None:
    server, _ = odd_device
    config = HttpConfig(url=f"http://127.0.0.1:{server.port}/text", write_url="/broken")
    points = [point("$.temperature", name="t"), point("$.error", "string", name="e", url="/broken")]
    async with await open_session(config) as session:
        readings = await session.read(points)
        assert [r.quality for r in readings] == [Quality.BAD, Quality.BAD]
        with pytest.raises(DeviceUnreachable, match="failed the write: 500"):
            await session.write(point("$.x", name="x", access="rw"), 1.0)


async def test_a_silent_device_times_out(odd_device: tuple[RunningServer, asyncio.Event]) -> None:
    server, _ = odd_device
    config = HttpConfig(url=f"http://127.0.0.1:{server.port}/slow", timeout_s=0.2)
    async with await open_session(config) as session:
        with pytest.raises(DeviceUnreachable, match="Timeout"):
            await session.read([point("$.v")])
