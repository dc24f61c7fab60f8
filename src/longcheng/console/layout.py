"""The console frame: header with the language switch and log-out, and the role-aware navigation."""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import app, ui

from longcheng.console.session import go, locale, sign_out, tr
from longcheng.registry.principals import Principal
from longcheng.registry.schemas import UserUpdate
from longcheng.registry.users import update_user
from longcheng.services.context import PlatformContext


@dataclass(frozen=True)
class NavItem:
    path: str
    key: str
    icon: str
    permission: str = "data.read"


NAV: tuple[NavItem, ...] = (
    NavItem("/", "console.nav.overview", "dashboard"),
    NavItem("/devices", "console.nav.devices", "memory"),
    NavItem("/device-types", "console.nav.device_types", "category"),
    NavItem("/gateways", "console.nav.gateways", "router"),
    NavItem("/models", "console.nav.models", "functions"),
    NavItem("/algorithms", "console.nav.algorithms", "insights"),
    NavItem("/indicators", "console.nav.indicators", "leaderboard"),
    NavItem("/admin", "console.nav.admin", "admin_panel_settings", "user.manage"),
)


def set_language(ctx: PlatformContext, principal: Principal, value: str) -> None:
    """Remember the language for this browser and for the user, then re-render."""
    app.storage.user["locale"] = value
    with ctx.sessions() as db:
        update_user(db, principal, principal.user_id, UserUpdate(locale=value))
    ui.navigate.reload()


def _leave() -> None:
    sign_out()
    go("/login")


def frame(ctx: PlatformContext, principal: Principal) -> None:
    drawer = ui.left_drawer(value=True).classes("bg-grey-1").props("width=210 bordered")
    with ui.header().classes("items-center bg-blue-10 q-py-xs"):
        ui.button(icon="menu", on_click=drawer.toggle).props("flat round color=white")
        ui.label(tr("console.brand")).classes("text-h6 text-white")
        ui.space()
        ui.toggle(
            {"zh": "中文", "en": "English"},
            value=locale(),
            on_change=lambda e: set_language(ctx, principal, e.value),
        ).props(
            "dense no-caps color=blue-9 text-color=white toggle-color=white toggle-text-color=blue-10"
        ).mark("language")
        ui.label(f"{principal.username} · {tr('role.' + principal.role.value)}").classes("text-white q-mx-md")
        ui.button(tr("console.logout"), icon="logout", on_click=_leave).props(
            "flat no-caps color=white"
        ).mark("logout")
    with drawer:
        for item in NAV:
            if principal.can(item.permission):
                link = (
                    ui.link(target=item.path)
                    .classes("no-underline text-grey-9 w-full")
                    .mark(f"nav{item.path}")
                )
                with link, ui.row().classes("items-center q-pa-sm hover:bg-blue-1 rounded w-full"):
                    ui.icon(item.icon).classes("text-blue-10")
                    ui.label(tr(item.key))


__all__ = ["NAV", "NavItem", "frame", "set_language"]
