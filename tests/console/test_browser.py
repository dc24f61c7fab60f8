"""The console in a real headless Chromium against a real ``longcheng run`` process with the simulated
factory: log in, switch language, open a device, change a setpoint and watch the device take it.

Fails on any request that leaves the machine. With ``--screenshots`` it saves each main page under
``docs/screenshots/``.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright, expect

from support import eventually, free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "browser-test-password"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[str]:
    port, mqtt_port = free_port(), free_port()
    env = {**os.environ, "LONGCHENG_ADMIN_PASSWORD": PASSWORD, "LONGCHENG_LANG": "en"}
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
        "7",
        "--simulate-interval",
        "0.5",
        "--data-dir",
        str(tmp_path),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=env,
    )
    assert proc.stdout is not None
    async with asyncio.timeout(60):
        while not (await proc.stdout.readline()).startswith(b"Press Ctrl+C"):
            assert proc.returncode is None, "the platform exited early"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGTERM)
        async with asyncio.timeout(30):
            await proc.wait()


@pytest.fixture
async def page(server: str, request: pytest.FixtureRequest) -> AsyncIterator[Page]:
    outside: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = await browser.new_page(locale="zh-CN", viewport={"width": 1400, "height": 900})
        context.on(
            "request",
            lambda r: outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None,
        )
        context.set_default_timeout(15_000)
        yield context
        await browser.close()
    assert outside == [], f"the console loaded assets from outside the platform: {outside}"


async def _shot(page: Page, request: pytest.FixtureRequest, name: str) -> None:
    if request.config.getoption("--screenshots"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        await page.wait_for_timeout(1500)  # let the live charts draw
        await page.screenshot(path=str(SHOTS / f"{name}.png"))


async def test_operator_journey(server: str, page: Page, request: pytest.FixtureRequest) -> None:
    await page.goto(server + "/")
    await expect(page.get_by_text("登录控制台")).to_be_visible()  # a Chinese browser gets Chinese
    await _shot(page, request, "login")
    await page.get_by_label("用户名").fill("admin")
    await page.get_by_label("密码").fill(PASSWORD)
    await page.get_by_role("button", name="登录").click()
    await expect(page.get_by_text("设备总数")).to_be_visible()
    await expect(page.locator("text=在线").first).to_be_visible()
    await _shot(page, request, "overview")

    await page.get_by_text("English", exact=True).click()
    await expect(page.get_by_text("Samples stored").first).to_be_visible()
    await page.get_by_text("中文", exact=True).click()
    await expect(page.get_by_text("已存储采样").first).to_be_visible()

    await page.goto(server + "/devices")
    await expect(page.get_by_text("centrifugal-pump-0001")).to_be_visible()
    await _shot(page, request, "devices")
    await page.get_by_text("centrifugal-pump-0001").click()
    await expect(page.get_by_text("实时数据")).to_be_visible()
    await expect(page.get_by_text("(speed_setpoint)")).to_be_visible()
    await _shot(page, request, "device")

    await page.get_by_role("tab", name="设备管控").click()
    setpoint = page.get_by_label("转速设定值 (rpm)")
    await setpoint.fill("1450")
    await page.get_by_test_id("send-speed_setpoint").click()
    await page.get_by_role("button", name="确认").click()
    await expect(page.get_by_text("已下发至设备")).to_be_visible()
    history = page.locator("tr", has=page.get_by_text("speed_setpoint = 1450.0").first)
    await expect(history.first).to_be_visible()
    # the simulated pump executes the command and reads the setpoint back: the history shows it succeeded
    await expect(history.get_by_text("成功")).to_be_visible(timeout=30_000)
    await _shot(page, request, "control")

    await page.get_by_role("tab", name="实时数据").click()
    row = page.locator("tr", has=page.get_by_text("(speed_setpoint)"))

    async def applied() -> bool:
        return "1450" in (await row.inner_text())

    await eventually(applied, timeout=20)  # the simulated pump reports its new setpoint

    for path, name in (
        ("/device-types", "device-types"),
        ("/models", "models"),
        ("/indicators", "indicators"),
    ):
        await page.goto(server + path)
        await expect(page.locator(".q-table")).to_be_visible()
        await _shot(page, request, name)
