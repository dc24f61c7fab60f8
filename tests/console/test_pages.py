"""Every console page for every role, through the simulated user (no browser)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User

from longcheng.services.context import PlatformContext
from support import USER_PASSWORD as PASSWORD

LoginAs = Callable[[str], Coroutine[Any, Any, None]]


async def test_unauthenticated_visit_goes_to_login(user: User) -> None:
    await user.open("/devices")
    await user.should_not_see("设备总数")
    await user.open("/login")
    await user.should_see(marker="username")


async def test_wrong_password_is_shown_inline(user: User) -> None:
    await user.open("/login")
    user.find(marker="username").type("admin")
    user.find(marker="password").type("not-the-password")
    user.find(marker="login").click()
    await user.should_see("用户名或密码错误")


async def test_admin_sees_overview_in_chinese_and_every_section(user: User, login_as: LoginAs) -> None:
    await login_as("admin")
    await user.should_see("总览")
    await user.should_see("设备总数")
    for key in (
        "nav/devices",
        "nav/device-types",
        "nav/models",
        "nav/algorithms",
        "nav/indicators",
        "nav/admin",
    ):
        await user.should_see(marker=key)


async def test_language_is_remembered_per_user(user: User, login_as: LoginAs) -> None:
    await login_as("viewer")  # created with locale "en"
    await user.should_see("Overview")
    await user.should_see("Samples stored")
    await user.should_not_see("总览")


@pytest.mark.parametrize(
    ("role", "admin_visible"),
    [("tenant_admin", True), ("operator", False), ("developer", False), ("viewer", False)],
)
async def test_navigation_follows_the_role(
    user: User, login_as: LoginAs, role: str, admin_visible: bool
) -> None:
    await login_as(role)
    await user.should_see(marker="nav/devices")
    if admin_visible:
        await user.should_see(marker="nav/admin")
    else:
        await user.should_not_see(marker="nav/admin")


async def test_devices_table_and_detail(user: User, login_as: LoginAs) -> None:
    await login_as("operator")
    await user.open("/devices")
    table = user.find(ui.table).elements.pop()
    assert len(table.rows) == 7
    assert table.pagination["rowsNumber"] == 7
    await user.open("/devices/1")
    await user.should_see("centrifugal-pump-0001")
    live = user.find(marker="live-values").elements.pop()
    assert isinstance(live, ui.table)
    assert {row["property"].split(" (")[-1].rstrip(")") for row in live.rows} == {"flow", "speed_setpoint"}


async def test_operator_sends_a_setpoint_and_sees_it_in_the_history(
    user: User, login_as: LoginAs, ctx: PlatformContext
) -> None:
    await login_as("operator")
    await user.open("/devices/1")
    user.find(marker="control-speed_setpoint").elements.pop().set_value(1450)
    user.find(marker="send-speed_setpoint").click()
    user.find(marker="confirm-send").click()
    await user.should_see("Stored; no MQTT downlink in this process")
    history = user.find(marker="control-history").elements.pop()
    assert history.rows[0]["actor"] == "operator"
    assert history.rows[0]["values"] == "speed_setpoint = 1450.0"


async def test_viewer_cannot_send(user: User, login_as: LoginAs) -> None:
    await login_as("viewer")
    await user.open("/devices/1")
    await user.should_see("Your role may view but not control devices.")
    assert not user.find(marker="send-speed_setpoint").elements.pop().enabled


async def test_out_of_range_setpoint_is_refused_inline(user: User, login_as: LoginAs) -> None:
    await login_as("operator")
    await user.open("/devices/1")
    user.find(marker="control-speed_setpoint").elements.pop().set_value(99_999)
    user.find(marker="send-speed_setpoint").click()
    user.find(marker="confirm-send").click()
    await user.should_see("write.speed_setpoint")


async def test_thing_model_editor_validates_and_saves(user: User, login_as: LoginAs) -> None:
    await login_as("developer")
    await user.open("/device-types/new")
    editor = user.find(marker="thing-model").elements.pop()
    editor.set_value('{"properties": [{"name": "t", "data_type": "float", "min": 5, "max": 1}]}')
    user.find(marker="check").click()
    await user.should_see("greater than max")
    editor.set_value('{"properties": [{"name": "t", "data_type": "float", "unit": "degC"}]}')
    user.find("Key").type("oven")
    user.find("Name").type("Oven")
    user.find(marker="save-type").click()
    await user.should_see("Saved")


async def test_admin_creates_a_tenant_and_a_user(user: User, login_as: LoginAs) -> None:
    await login_as("admin")
    await user.open("/admin")
    user.find("编码").type("newco")
    user.find("名称").type("New Co")
    user.find(marker="create-tenant").click()
    await user.should_see("已保存")
    tables = [t for t in user.find(ui.table).elements if any(r.get("code") == "newco" for r in t.rows)]
    assert tables


async def test_indicators_lay_figures_against_the_thresholds(user: User, login_as: LoginAs) -> None:
    await login_as("admin")
    await user.open("/indicators")
    table = user.find(marker="indicators").elements.pop()
    rows = {r["key"]: r for r in table.rows}
    assert rows["devices"]["value"] == "7"
    assert rows["devices"]["national"] == "≥ 5,000"
    assert rows["device_types"]["value"] == "7"


async def test_model_page_runs_the_worked_example(user: User, login_as: LoginAs) -> None:
    await login_as("viewer")
    await user.open("/models")
    assert any(
        r["id"] == "rotating.bearing_defect_frequencies"
        for r in user.find(marker="catalogue").elements.pop().rows
    )
    await user.open("/models/rotating.bearing_defect_frequencies")
    await user.should_see(marker="formula")
    user.find(marker="example").click()
    user.find(marker="run").click()
    outputs = user.find(marker="outputs").elements.pop()
    bpfo = next(r for r in outputs.rows if r["name"] == "bpfo")
    assert abs(float(bpfo["value"]) - 3.5848) < 3.5848 * 2e-4  # CWRU 6205 at 60 rpm: BPFO = 3.5848 Hz
    assert bpfo["unit"] == "Hz"


async def test_password_is_not_shown_after_login(user: User, login_as: LoginAs) -> None:
    await login_as("admin")
    await user.should_not_see(PASSWORD)


async def test_gateways_page_says_how_to_start_when_there_are_none(user: User, login_as: LoginAs) -> None:
    await login_as("admin")
    await user.open("/gateways")
    await user.should_see("暂无网关")
