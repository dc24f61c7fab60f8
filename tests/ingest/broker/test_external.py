"""The external-broker path against the machine's real Mosquitto (127.0.0.1:1883, anonymous allowed here).

Each test uses its own tenant code and client id, and wipes its persistent session at the end."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiomqtt
import httpx
import orjson
import pytest

from longcheng.core.errors import BackendError
from longcheng.core.settings import Settings
from longcheng.ingest.broker.external import ExternalBroker
from longcheng.runtime.platform import Platform
from support import ADMIN_PASSWORD, eventually, free_port, login, provision_world

MOSQUITTO = ("127.0.0.1", 1883)


async def _wipe_session(client_id: str) -> None:
    async with aiomqtt.Client(*MOSQUITTO, identifier=client_id, clean_session=True):
        pass


@pytest.fixture
async def external(tmp_path: Path) -> AsyncIterator[tuple[Platform, httpx.AsyncClient, str]]:
    client_id = f"lc-test-{secrets.token_hex(4)}"
    settings = Settings(
        data_dir=tmp_path,
        port=free_port(),
        mqtt_url=f"mqtt://{MOSQUITTO[0]}:{MOSQUITTO[1]}",
        mqtt_client_id=client_id,
        admin_password=ADMIN_PASSWORD,
        flush_interval_ms=20,
        console=False,
    )
    try:
        async with Platform(settings) as platform:
            assert platform.info is not None
            client = await login(platform.info.api_url, "admin", ADMIN_PASSWORD)
            yield platform, client, f"t{secrets.token_hex(4)}"
            await client.aclose()
    finally:
        await _wipe_session(client_id)


async def test_telemetry_through_mosquitto_is_stored_and_unknown_devices_are_dead_letters(
    external: tuple[Platform, httpx.AsyncClient, str],
) -> None:
    _, admin, code = external
    world = await provision_world(admin, code, "food")
    now = int(time.time() * 1000)
    async with aiomqtt.Client(*MOSQUITTO, identifier=f"{code}-dev") as mqtt:
        await mqtt.publish(
            f"lc/v1/{code}/pump-1/telemetry", orjson.dumps({"ts": now, "values": {"flow": 7.5}}), qos=1
        )
        await mqtt.publish(f"lc/v1/{code}/ghost/telemetry", orjson.dumps({"values": {"flow": 1}}), qos=1)

    async def stored() -> list[dict[str, object]] | None:
        r = await admin.get(f"/api/v1/devices/{world.device_id}/telemetry", params={"property": "flow"})
        points: list[dict[str, object]] = r.json()["points"]
        return points or None

    assert [p["value"] for p in await eventually(stored)] == [7.5]

    async def ghost() -> list[dict[str, object]] | None:
        r = await admin.get("/api/v1/dead-letters", params={"tenant_id": world.tenant_id})
        items: list[dict[str, object]] = r.json()["items"]
        return items or None

    letters = await eventually(ghost)
    assert letters[0]["reason"] == "unknown_device"
    assert letters[0]["field"] == "topic"
    assert letters[0]["tenant_id"] == world.tenant_id


async def test_desired_values_are_published_to_mosquitto(
    external: tuple[Platform, httpx.AsyncClient, str],
) -> None:
    _, admin, code = external
    world = await provision_world(admin, code, "food")
    async with aiomqtt.Client(*MOSQUITTO, identifier=f"{code}-dev") as mqtt:
        await mqtt.subscribe(f"lc/v1/{code}/pump-1/desired", qos=1)
        r = await admin.put(
            f"/api/v1/devices/{world.device_id}/shadow/desired", json={"values": {"speed": 1450}}
        )
        assert r.status_code == 200, r.text
        assert r.json() == {"values": {"speed": 1450}, "delivered": True}
        async with asyncio.timeout(10):
            message = await anext(aiter(mqtt.messages))
        assert orjson.loads(bytes(message.payload))["values"] == {"speed": 1450}  # type: ignore[arg-type]


async def test_unreachable_broker_is_a_clear_error() -> None:
    async def sink(_topic: str, _payload: bytes) -> None:
        raise AssertionError("nothing should arrive")

    broker = ExternalBroker(f"mqtt://127.0.0.1:{free_port()}", sink, client_id="lc-test-unreachable")
    with pytest.raises(BackendError, match="cannot reach the MQTT broker"):
        await broker.start(timeout_s=1.5)
