"""The login page (password; the session is the same bearer token the API issues)."""

from __future__ import annotations

from nicegui import app, ui

from longcheng.console.session import go, locale, sign_in, tr
from longcheng.console.widgets import attempt
from longcheng.services.context import PlatformContext


def build(ctx: PlatformContext, target: str = "/") -> None:
    def switch(value: str) -> None:
        app.storage.user["locale"] = value
        ui.navigate.reload()

    with ui.column().classes("absolute-center items-center"):
        ui.label(tr("console.brand")).classes("text-h4 text-blue-10")
        ui.label(tr("console.login.subtitle")).classes("text-grey-8 q-mb-md")
        with ui.card().classes("w-80"):
            if app.storage.user.pop("expired", False):
                ui.label(tr("console.login.expired")).classes("text-warning").mark("expired")
            username = (
                ui.input(tr("console.login.username"))
                .props("outlined dense")
                .classes("w-full")
                .mark("username")
            )
            password = (
                ui.input(tr("console.login.password"), password=True)
                .props("outlined dense")
                .classes("w-full")
                .mark("password")
            )
            error = ui.label().classes("text-negative").mark("login-error")

            def submit() -> None:
                error.set_text("")
                busy.set_visibility(True)
                principal = attempt(
                    lambda: sign_in(ctx, username.value or "", password.value or ""), error.set_text
                )
                busy.set_visibility(False)
                if principal is not None:
                    go(target if target.startswith("/") and not target.startswith("//") else "/")

            password.on("keydown.enter", submit)
            with ui.row().classes("items-center w-full"):
                ui.button(tr("console.login.submit"), on_click=submit).classes("flex-grow").mark("login")
                busy = ui.spinner(size="sm")
                busy.set_visibility(False)
        ui.toggle({"zh": "中文", "en": "English"}, value=locale(), on_change=lambda e: switch(e.value)).props(
            "dense no-caps"
        ).mark("login-language")


__all__ = ["build"]
