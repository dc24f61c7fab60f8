"""``longcheng run`` as a user starts it: a real process with the simulated factory, stopped by SIGTERM,
started again on the same data folder."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import httpx

from support import eventually, free_port

SIMULATED = 6


async def _start(data_dir: Path, port: int, mqtt_port: int) -> tuple[asyncio.subprocess.Process, list[str]]:
    env = {**os.environ, "LONGCHENG_LANG": "en", "LONGCHENG_ADMIN_PASSWORD": ""}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "longcheng.cli.main",
        "run",
        "--port",
        str(port),
        "--mqtt-port",
        str(mqtt_port),
        "--simulate",
        str(SIMULATED),
        "--simulate-interval",
        "0.2",
        "--data-dir",
        str(data_dir),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=env,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    async with asyncio.timeout(60):
        while not lines or not lines[-1].startswith("Press Ctrl+C"):
            line = (await proc.stdout.readline()).decode()
            assert line, f"the platform exited early: {lines}"
            lines.append(line.rstrip())
    return proc, lines


async def _stop(proc: asyncio.subprocess.Process) -> str:
    proc.send_signal(signal.SIGTERM)
    assert proc.stdout is not None
    async with asyncio.timeout(30):
        rest = (await proc.stdout.read()).decode()
        assert await proc.wait() == 0
    return rest


async def _stats(client: httpx.AsyncClient) -> dict[str, int]:
    body: dict[str, int] = (await client.get("/api/v1/stats")).json()
    return body


async def test_run_serves_simulated_factory_and_survives_restart(tmp_path: Path) -> None:
    port, mqtt_port = free_port(), free_port()
    proc, banner = await _start(tmp_path, port, mqtt_port)
    try:
        text = "\n".join(banner)
        assert f"http://127.0.0.1:{port}" in text
        assert f"mqtt://127.0.0.1:{mqtt_port}" in text
        match = re.search(r"admin / (\S+)", text)
        assert match, text
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            assert (await client.get("/api/v1/health")).json()["status"] == "ok"
            token = (
                await client.post(
                    "/api/v1/auth/token", data={"username": "admin", "password": match.group(1)}
                )
            ).json()
            client.headers["Authorization"] = f"Bearer {token['access_token']}"

            async def flowing() -> dict[str, int] | None:
                stats = await _stats(client)
                return stats if stats["online_devices"] == SIMULATED and stats["samples_stored"] > 0 else None

            first = await eventually(flowing, timeout=60)
            assert first["devices"] == SIMULATED
            assert first["device_types"] >= 5
    finally:
        stopped = await _stop(proc)
    assert "pending telemetry was written" in stopped

    proc, banner = await _start(tmp_path, port, mqtt_port)
    try:
        assert "the password set when the platform was first started" in "\n".join(banner)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            token = (
                await client.post(
                    "/api/v1/auth/token", data={"username": "admin", "password": match.group(1)}
                )
            ).json()
            client.headers["Authorization"] = f"Bearer {token['access_token']}"
            again = await _stats(client)
            assert again["devices"] == SIMULATED  # provisioning is idempotent
            assert again["samples_stored"] >= first["samples_stored"]  # nothing lost across the restart
    finally:
        await _stop(proc)


async def test_a_console_process_beside_the_platform_sees_the_same_factory(tmp_path: Path) -> None:
    """``run --no-ingest``: the console and the API as an extra process over the platform's databases."""
    port, mqtt_port, console_port = free_port(), free_port(), free_port()
    platform, banner = await _start(tmp_path, port, mqtt_port)
    try:
        match = re.search(r"admin / (\S+)", "\n".join(banner))
        assert match
        env = {**os.environ, "LONGCHENG_LANG": "en"}
        console = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "longcheng.cli.main",
            "run",
            "--no-ingest",
            "--port",
            str(console_port),
            "--mqtt-port",
            str(mqtt_port),
            "--data-dir",
            str(tmp_path),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=env,
        )
        assert console.stdout is not None
        lines = []
        async with asyncio.timeout(60):
            while not lines or not lines[-1].startswith("Press Ctrl+C"):
                lines.append((await console.stdout.readline()).decode().rstrip())
        assert any("console and the API only" in line for line in lines)
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{console_port}", timeout=10) as client:
                token = (
                    await client.post(
                        "/api/v1/auth/token", data={"username": "admin", "password": match.group(1)}
                    )
                ).json()
                client.headers["Authorization"] = f"Bearer {token['access_token']}"

                async def flowing() -> dict[str, int] | None:
                    stats = await _stats(client)
                    return stats if stats["online_devices"] == SIMULATED and stats["samples_stored"] else None

                await eventually(flowing, timeout=60)  # ingested by the other process, read here
                assert (await client.get("/login")).status_code == 200  # the console is served too
        finally:
            await _stop(console)
    finally:
        await _stop(platform)
