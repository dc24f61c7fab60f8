"""Model-library benchmark: invocation throughput beside the raw limits underneath, in the same run.

1. direct   the pure function called on its typed inputs (``func(Inputs(**row))``), per row
2. batch    ``services.computations.invoke_batch`` (validation with unit conversion, errors per row, metering)
            over the same rows; goal: within 2x of the direct call per row
3. api      ``POST /api/v1/models/{id}/invoke`` with an API key, concurrent HTTP/1.1 clients, against a
            ``longcheng run`` process; beside the same client on ``GET /api/v1/health`` (no auth, one
            ``SELECT 1``) and ``GET /api/v1/auth/me`` (API-key auth + one user lookup) on the same server;
            goal: >= 1,000 invocations/s on this machine

Figures are median (min-max) over ``--reps``.
Usage: ``.venv/bin/python bench/models.py [--reps 3] [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from typing import Any

import httpx
import orjson

from longcheng.core.clock import SystemClock
from longcheng.core.settings import Settings
from longcheng.ingest.directory import DeviceDirectory
from longcheng.registry.principals import SYSTEM
from longcheng.services import computations
from longcheng.services.context import PlatformContext
from longcheng.storage.timeseries.memory import MemoryTimeSeriesStore

MODELS = ("rotating.pump_hydraulic_power", "rotating.bearing_defect_frequencies")
PASSWORD = "bench-password-0123"


def summary(values: Sequence[float]) -> str:
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}-{max(values):,.0f})"


def ratio(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def rows_for(model_id: str, n: int) -> list[dict[str, Any]]:
    example = dict(computations.find("model", model_id).examples[0].inputs)
    return [
        {
            **example,
            **{
                k: v * (1 + (i % 7) / 100)
                for k, v in example.items()
                if isinstance(v, float | int) and not isinstance(v, bool) and k != "balls"
            },
        }
        for i in range(n)
    ]


def direct(model_id: str, rows: list[dict[str, Any]]) -> float:
    spec = computations.find("model", model_id)
    started = time.perf_counter()
    for row in rows:
        spec.func(spec.inputs(**row))
    return len(rows) / (time.perf_counter() - started)


def batch(ctx: PlatformContext, model_id: str, rows: list[dict[str, Any]]) -> float:
    started = time.perf_counter()
    results = computations.invoke_batch(ctx, SYSTEM, "model", model_id, rows)
    elapsed = time.perf_counter() - started
    assert all("outputs" in r for r in results), "every benchmark row must succeed"
    return len(rows) / elapsed


def offline_ctx() -> PlatformContext:
    class _NoDevices:
        def load_device(self, _tenant_code: str, _key: str) -> None:
            return None

        def load_tenant_id(self, _tenant_code: str) -> None:
            return None

    clock = SystemClock()
    settings = Settings(jwt_secret="x" * 32, console=False)
    return PlatformContext(
        settings=settings,
        sessions=None,  # type: ignore[arg-type]  # unused by batch
        timeseries=MemoryTimeSeriesStore(),
        directory=DeviceDirectory(_NoDevices(), clock),
        clock=clock,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def start_server(folder: str) -> tuple[asyncio.subprocess.Process, str]:
    port = free_port()
    env = {
        **os.environ,
        "LONGCHENG_ADMIN_PASSWORD": PASSWORD,
        "LONGCHENG_CONSOLE": "false",
        "LONGCHENG_LANG": "en",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "longcheng.cli.main",
        "--log-level",
        "WARNING",
        "run",
        "--port",
        str(port),
        "--mqtt-port",
        str(free_port()),
        "--data-dir",
        folder,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=env,
    )
    assert proc.stdout is not None
    async with asyncio.timeout(60):
        while not (await proc.stdout.readline()).startswith(b"Press Ctrl+C"):
            pass
    return proc, f"http://127.0.0.1:{port}"


async def api_key(base: str) -> str:
    async with httpx.AsyncClient(base_url=base) as client:
        token = (
            await client.post("/api/v1/auth/token", data={"username": "admin", "password": PASSWORD})
        ).json()
        client.headers["Authorization"] = f"Bearer {token['access_token']}"
        key: str = (await client.post("/api/v1/api-keys", json={"name": "bench"})).json()["key"]
        return key


class RawClient:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: far cheaper per request than httpx, so the
    load generator does not hide the server's limit."""

    def __init__(self, port: int, key: str) -> None:
        self.port, self.key = port, key

    async def __aenter__(self) -> RawClient:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        return self

    async def __aexit__(self, *_: object) -> None:
        self.writer.close()

    async def request(self, method: str, path: str, body: bytes = b"") -> int:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: bench\r\nX-API-Key: {self.key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        self.writer.write(head + body)
        await self.writer.drain()
        response = await self.reader.readuntil(b"\r\n\r\n")
        length = next(
            int(line.split(b":")[1])
            for line in response.split(b"\r\n")
            if line.lower().startswith(b"content-length")
        )
        await self.reader.readexactly(length)
        return int(response.split(b" ", 2)[1])


async def hammer(
    port: int, key: str, method: str, path: str, body: bytes, seconds: float, concurrency: int
) -> float:
    """Successful requests per second from ``concurrency`` keep-alive connections for ``seconds``."""
    done = 0

    async def worker(deadline: float) -> None:
        nonlocal done
        async with RawClient(port, key) as client:
            while time.perf_counter() < deadline:
                status = await client.request(method, path, body)
                assert status == 200, f"{method} {path} answered {status}"
                done += 1

    await asyncio.gather(*(worker(time.perf_counter() + 0.5) for _ in range(concurrency)))  # warm up
    done = 0
    started = time.perf_counter()
    await asyncio.gather(*(worker(started + seconds) for _ in range(concurrency)))
    return done / (time.perf_counter() - started)


async def bench_api(reps: int, seconds: float, concurrency: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {"health": [], "auth_me": [], "invoke": []}
    body = orjson.dumps({"inputs": dict(computations.find("model", MODELS[0]).examples[0].inputs)})
    with tempfile.TemporaryDirectory() as folder:
        proc, base = await start_server(folder)
        try:
            key = await api_key(base)
            port = int(base.rsplit(":", 1)[1])
            for _ in range(reps):
                for name, method, path, payload in (
                    ("health", "GET", "/api/v1/health", b""),
                    ("auth_me", "GET", "/api/v1/auth/me", b""),
                    ("invoke", "POST", f"/api/v1/models/{MODELS[0]}/invoke", body),
                ):
                    figures[name].append(await hammer(port, key, method, path, payload, seconds, concurrency))
        finally:
            proc.send_signal(signal.SIGTERM)
            await proc.wait()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rows_n, seconds = (2_000, 2.0) if args.quick else (computations.MAX_BATCH, 5.0)
    ctx = offline_ctx()
    print(
        f"# bench/models.py — {time.strftime('%Y-%m-%d %H:%M')} — {os.cpu_count()} CPUs, Python "
        f"{sys.version.split()[0]}, {args.reps} reps, {rows_n:,} rows, {seconds:.0f} s per HTTP run\n"
    )
    print("| model | direct rows/s | batch rows/s | batch cost per row vs direct (goal ≤ 2) |")
    print("|---|---|---|---|")
    for model_id in MODELS:
        rows = rows_for(model_id, rows_n)
        d, b = [], []
        for _ in range(args.reps):
            d.append(direct(model_id, rows))
            b.append(batch(ctx, model_id, rows))
        cost = ratio([x / y for x, y in zip(d, b, strict=True)])
        print(f"| `{model_id}` | {summary(d)} | {summary(b)} | {cost} |")
    api = asyncio.run(bench_api(args.reps, seconds, concurrency=32))
    print("\n| HTTP route (32 keep-alive connections) | requests/s | vs health |")
    print("|---|---|---|")
    for name, label in (
        ("health", "`GET /api/v1/health` (raw: no auth, SELECT 1)"),
        ("auth_me", "`GET /api/v1/auth/me` (API key + user lookup)"),
        ("invoke", f"`POST /api/v1/models/{MODELS[0]}/invoke` (goal ≥ 1,000/s)"),
    ):
        share = [x / y for x, y in zip(api[name], api["health"], strict=True)]
        print(f"| {label} | {summary(api[name])} | {ratio(share)} |")


if __name__ == "__main__":
    main()
