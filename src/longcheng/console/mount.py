"""Mount the console on the platform's FastAPI app: one root page, single-page routing inside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from nicegui import ui

from longcheng.console import layout, session
from longcheng.console.pages import (
    admin,
    computations,
    device_detail,
    device_types,
    devices,
    gateways,
    indicators,
    login,
    overview,
)
from longcheng.registry.principals import Principal
from longcheng.services.context import PlatformContext


def routes(ctx: PlatformContext, principal: Principal) -> dict[str, Callable[..., Any]]:
    routes: dict[str, Callable[..., Any]] = {
        "/": lambda: overview.build(ctx, principal),
        "/devices": lambda: devices.build(ctx, principal),
        "/devices/{device_id}": lambda device_id: device_detail.build(ctx, principal, int(device_id)),
        "/device-types": lambda: device_types.build(ctx, principal),
        "/device-types/{type_id}": lambda type_id: device_types.editor(ctx, principal, type_id),
        "/models": lambda: computations.catalogue(principal, "model"),
        "/models/{computation_id}": lambda computation_id: computations.detail(
            ctx, principal, "model", computation_id
        ),
        "/algorithms": lambda: computations.catalogue(principal, "algorithm"),
        "/algorithms/{computation_id}": lambda computation_id: computations.detail(
            ctx, principal, "algorithm", computation_id
        ),
        "/gateways": lambda: gateways.build(ctx, principal),
        "/indicators": lambda: indicators.build(ctx, principal),
    }
    if principal.can("user.manage"):
        routes["/admin"] = lambda: admin.build(ctx, principal)
    return routes


def make_root(ctx: PlatformContext) -> Callable[[Request], None]:
    """The root page: the login page, or the console frame with its routes for a signed-in user."""

    def root(request: Request) -> None:
        ui.page_title(session.tr("console.brand"))
        path = request.url.path
        if path.startswith("/login"):
            login.build(ctx, request.query_params.get("next", "/"))
            return
        principal = session.current(ctx)
        if principal is None:
            session.go(f"/login?next={path}")
            return
        layout.frame(ctx, principal)
        with ui.column().classes("w-full q-pa-md"):
            ui.sub_pages(routes(ctx, principal))

    return root


def mount(app: FastAPI, ctx: PlatformContext) -> None:
    ui.run_with(
        app,
        root=make_root(ctx),
        title="Longcheng",
        storage_secret=ctx.settings.jwt_secret,
        favicon="🏭",
        show_welcome_message=False,
        reconnect_timeout=10.0,
    )


__all__ = ["make_root", "mount", "routes"]
