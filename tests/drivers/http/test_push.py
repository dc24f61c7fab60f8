"""Push mode: the receiver on loopback, fed by the simulated pushing device and by plain HTTP requests."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx
import pytest

from longcheng.core.clock import ManualClock
from longcheng.core.errors import PortInUse
from longcheng.core.samples import Quality
from longcheng.drivers.base import PointRejected, PointSpec, RawType, Reading
from longcheng.drivers.http import SPEC, HttpConfig
from longcheng.drivers.http.driver import connect as open_session
from longcheng.drivers.http.push import PushSession
from longcheng.drivers.http.simulator import POINTS, HttpDevice, PushingDevice
from support import eventually, free_port

TOKEN = "push-token-of-the-device"
BY_NAME = {p.name: p for p in POINTS}
TEMPERATURE, POWER = BY_NAME["temperature"], BY_NAME["active_power"]
GATEWAY_MS, DEVICE_MS = 1_800_000_000_000, 1_767_225_600_000


def config(**overrides: Any) -> HttpConfig:
    return HttpConfig.model_validate({"mode": "push", "listen_port": 0, "device_token": TOKEN} | overrides)


@pytest.fixture
async def session() -> AsyncIterator[PushSession]:
    opened = await open_session(config(ts_path="$.ts"), clock=ManualClock(start_ms=GATEWAY_MS))
    assert isinstance(opened, PushSession)
    async with opened:
        yield opened


@pytest.fixture
async def device(session: PushSession) -> AsyncIterator[PushingDevice]:
    url = f"http://127.0.0.1:{session.port}/push"
    async with PushingDevice(
        url, TOKEN, interval_s=None, noise=0.0, clock=ManualClock(start_ms=DEVICE_MS)
    ) as dev:
        yield dev


async def take(
    session: PushSession, points: Sequence[PointSpec], count: int
) -> tuple[asyncio.Task[list[Reading]], asyncio.Event]:
    """Subscribe in a task that collects ``count`` readings; the event is set once it listens."""
    listening = asyncio.Event()

    async def collect() -> list[Reading]:
        got: list[Reading] = []
        stream = session.subscribe(points)
        listening.set()
        async for reading in stream:
            got.append(reading)
            if len(got) == count:
                break
        await stream.aclose()  # type: ignore[attr-defined]
        return got

    task = asyncio.create_task(collect())
    await asyncio.sleep(0)  # let it register its queue
    await asyncio.wait_for(listening.wait(), 5)
    await asyncio.sleep(0)
    return task, listening


async def test_pushed_documents_become_readings(session: PushSession, device: PushingDevice) -> None:
    task, _ = await take(session, [TEMPERATURE, POWER], 4)
    assert await device.push() == 202
    assert await device.push() == 202
    readings = await asyncio.wait_for(task, 5)
    assert [r.point for r in readings] == ["temperature", "active_power"] * 2
    assert all(r.quality is Quality.GOOD for r in readings)
    assert {r.ts_ms for r in readings} == {DEVICE_MS}  # the device's own "ts"
    assert session.accepted == 2


async def test_read_answers_from_the_latest_document(session: PushSession, device: PushingDevice) -> None:
    before = await session.read([TEMPERATURE])
    assert [r.quality for r in before] == [Quality.BAD]
    await device.push({"ts": 1_767_225_600, "readings": {"sensor": {"temperature": 19.5}}})
    (after,) = await session.read([TEMPERATURE])
    assert (after.value, after.quality, after.ts_ms) == (19.5, Quality.GOOD, 1_767_225_600_000)


async def test_missing_paths_read_bad_in_the_stream(session: PushSession, device: PushingDevice) -> None:
    task, _ = await take(session, [TEMPERATURE, POWER, BY_NAME["running"]], 3)
    await device.push({"readings": {"sensor": {"temperature": "20.5"}, "chiller": {"running": "yes?"}}})
    readings = await asyncio.wait_for(task, 5)
    assert [(r.value, r.quality) for r in readings] == [
        (20.5, Quality.GOOD),
        (0.0, Quality.BAD),
        (False, Quality.BAD),
    ]
    assert readings[0].ts_ms == GATEWAY_MS  # no "ts": the time it arrived


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({"Authorization": f"Bearer {TOKEN}"}, b'{"readings": {}}', 202),
        ({"X-Device-Token": TOKEN}, b"[1, 2, 3]", 202),
        ({}, b'{"readings": {}}', 401),
        ({"Authorization": "Bearer guess"}, b'{"readings": {}}', 401),
        ({"Authorization": f"Bearer {TOKEN}"}, b'{"readings": ', 400),
        ({"Authorization": f"Bearer {TOKEN}"}, b"", 400),
        ({"Authorization": f"Bearer {TOKEN}"}, b"x" * 2048, 413),
    ],
)
async def test_the_receiver_answers(headers: dict[str, str], body: bytes, status: int) -> None:
    async with await open_session(config(max_body_bytes=1024)) as session:
        assert isinstance(session, PushSession)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{session.port}") as client:
            response = await client.post("/push", content=body, headers=headers)
            assert response.status_code == status, response.text
            assert session.accepted == (status == 202)
            if status != 202:
                assert "error" in response.json()
            assert (await client.get("/push")).status_code == 405
            assert (await client.post("/elsewhere", content=b"{}", headers=headers)).status_code == 404


async def test_bad_documents_do_not_stop_the_stream(session: PushSession, device: PushingDevice) -> None:
    task, _ = await take(session, [TEMPERATURE], 1)
    assert await device.push(b"not json") == 400
    assert await device.push(b'{"readings": {"sensor": {"temperature": 18}}}') == 202
    (reading,) = await asyncio.wait_for(task, 5)
    assert (reading.value, reading.quality) == (18.0, Quality.GOOD)


async def test_a_slow_subscriber_keeps_the_newest_documents(device: PushingDevice) -> None:
    async with await open_session(config(queue_size=2)) as session:
        assert isinstance(session, PushSession)
        device.url = f"http://127.0.0.1:{session.port}/push"
        stream = session.subscribe([TEMPERATURE])
        first = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0.01)
        for value in (1, 2, 3, 4, 5):
            await device.push({"readings": {"sensor": {"temperature": value}}})
        assert (await first).value == 1.0
        rest = [(await stream.__anext__()).value for _ in range(2)]
        await stream.aclose()  # type: ignore[attr-defined]
    assert rest == [4.0, 5.0]


async def test_closing_the_session_ends_the_stream() -> None:
    session = await open_session(config())
    assert isinstance(session, PushSession)
    task, _ = await take(session, [TEMPERATURE], 10)
    await session.close()
    assert await asyncio.wait_for(task, 5) == []
    with pytest.raises(httpx.ConnectError):
        async with httpx.AsyncClient() as client:
            await client.post(f"http://127.0.0.1:{session.port}/push", content=b"{}")


async def test_a_periodic_pushing_device_feeds_the_gateway() -> None:
    assert SPEC.connect is not None
    async with await SPEC.connect(config()) as session:  # type: ignore[attr-defined]
        assert isinstance(session, PushSession)
        url = f"http://127.0.0.1:{session.port}/push"
        async with PushingDevice(url, TOKEN, interval_s=0.02, noise=0.0) as device:

            async def three() -> bool:
                return device.pushed >= 3

            await eventually(three, timeout=5)
        (reading,) = await session.read([POWER])
        assert reading.quality is Quality.GOOD
        assert isinstance(reading.value, float)
        assert reading.value > 0


async def test_writes_in_push_mode_go_to_the_write_url() -> None:
    async with HttpDevice(port=0, noise=0.0) as target:
        overrides = {"write_url": f"{target.url}/setpoints/{{name}}"}
        async with await open_session(config(**overrides)) as session:
            await session.write(BY_NAME["supply_setpoint"], 8.5)
        assert target.site.models["chiller"].supply_setpoint == 8.5  # type: ignore[attr-defined]
        async with await open_session(config()) as session:
            with pytest.raises(PointRejected, match="no write_url"):
                await session.write(BY_NAME["supply_setpoint"], 8.5)
            relative = PointSpec(
                name="x", address="$.x", data_type=RawType.FLOAT64, access="rw", options={"write_url": "/x"}
            )
            with pytest.raises(PointRejected, match="not an absolute http"):
                await session.write(relative, 1.0)


async def test_a_taken_port_is_refused() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(PortInUse) as caught:
            await open_session(config(listen_port=taken.getsockname()[1]))
        assert caught.value.flag == "listen_port"


async def test_a_closed_session_has_nothing_to_subscribe_to() -> None:
    session = await open_session(config())
    await session.close()
    assert [r async for r in session.subscribe([TEMPERATURE])] == []


async def test_a_new_session_listens_again_on_the_same_port() -> None:
    port = free_port()
    for _ in range(2):
        async with await open_session(config(listen_port=port)) as session:
            assert isinstance(session, PushSession)
            assert session.port == port
            async with httpx.AsyncClient() as client:
                response = await client.post(
                    f"http://127.0.0.1:{port}/push", content=b"{}", headers={"X-Device-Token": TOKEN}
                )
            assert response.status_code == 202
