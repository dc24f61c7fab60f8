"""Administration: tenants (industry, region), users and roles, API keys."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from longcheng.console.session import tr
from longcheng.console.widgets import attempt, page_title, table_labels
from longcheng.registry import api_keys, tenants, users
from longcheng.registry.industries import INDUSTRIES
from longcheng.registry.principals import Principal, Role
from longcheng.registry.schemas import TenantCreate, UserCreate
from longcheng.services.context import PlatformContext


def _columns(kind: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"name": n, "label": tr(f"console.admin.{kind}.{n}"), "field": n, "align": "left"} for n in names]


def build(ctx: PlatformContext, principal: Principal) -> None:
    page_title("console.admin.title")
    with ui.tabs() as tabs:
        names = (["tenants"] if principal.is_platform_admin else []) + ["users", "api_keys"]
        tab = {n: ui.tab(n, tr(f"console.admin.{n}")) for n in names}
    with ui.tab_panels(tabs, value=tab[names[0]]).classes("w-full"):
        if principal.is_platform_admin:
            with ui.tab_panel(tab["tenants"]):
                _tenants(ctx, principal)
        with ui.tab_panel(tab["users"]):
            _users(ctx, principal)
        with ui.tab_panel(tab["api_keys"]):
            _api_keys(ctx, principal)


def _tenants(ctx: PlatformContext, principal: Principal) -> None:
    table = (
        ui.table(
            columns=_columns("tenant", ("code", "name", "industry", "region")),
            rows=[],
            row_key="id",
            pagination=20,
        )
        .props(table_labels())
        .classes("w-full")
    )

    def load() -> None:
        with ctx.sessions() as db:
            rows, _ = tenants.list_tenants(db, principal, limit=1000)
        table.rows = [
            {
                "id": r.id,
                "code": r.code,
                "name": r.name,
                "industry": tr(f"industry.{r.industry}"),
                "region": r.region,
            }
            for r in rows
        ]
        table.update()

    with ui.row().classes("items-center q-gutter-sm"):
        code = ui.input(tr("console.admin.tenant.code")).props("outlined dense")
        name = ui.input(tr("console.admin.tenant.name")).props("outlined dense")
        industry = (
            ui.select(
                {i: tr(f"industry.{i}") for i in INDUSTRIES},
                value="machinery",
                label=tr("console.admin.tenant.industry"),
            )
            .props("outlined dense")
            .classes("w-40")
        )
        region = ui.input(tr("console.admin.tenant.region")).props("outlined dense")
        error = ui.label().classes("text-negative")

        def create() -> None:
            error.set_text("")

            def call() -> Any:
                with ctx.sessions() as db:
                    return tenants.create_tenant(
                        db,
                        principal,
                        TenantCreate(
                            code=code.value or "",
                            name=name.value or "",
                            industry=industry.value,
                            region=region.value or "",
                        ),
                    )

            if attempt(call, error.set_text) is not None:
                ui.notify(tr("console.saved"), type="positive")
                load()

        ui.button(tr("console.create"), icon="add", on_click=create).mark("create-tenant")
    load()


def _users(ctx: PlatformContext, principal: Principal) -> None:
    table = (
        ui.table(
            columns=_columns("user", ("username", "role", "tenant", "active")),
            rows=[],
            row_key="id",
            pagination=20,
        )
        .props(table_labels())
        .classes("w-full")
    )
    with ctx.sessions() as db:
        tenant_rows, _ = tenants.list_tenants(db, principal, limit=1000)
    tenant_names = {t.id: t.name for t in tenant_rows}

    def load() -> None:
        with ctx.sessions() as db:
            rows, _ = users.list_users(db, principal, limit=1000)
        table.rows = [
            {
                "id": u.id,
                "username": u.username,
                "role": tr(f"role.{u.role}"),
                "tenant": tenant_names.get(u.tenant_id or 0, "–"),
                "active": tr("console.yes" if u.active else "console.no"),
            }
            for u in rows
        ]
        table.update()

    roles = [r for r in Role if principal.is_platform_admin or r is not Role.PLATFORM_ADMIN]
    with ui.row().classes("items-center q-gutter-sm"):
        username = ui.input(tr("console.admin.user.username")).props("outlined dense")
        password = ui.input(tr("console.admin.user.password"), password=True).props("outlined dense")
        role = (
            ui.select(
                {r.value: tr(f"role.{r.value}") for r in roles},
                value=Role.VIEWER.value,
                label=tr("console.admin.user.role"),
            )
            .props("outlined dense")
            .classes("w-40")
        )
        tenant = (
            ui.select(
                tenant_names,
                value=principal.tenant_id or next(iter(tenant_names), None),
                label=tr("console.admin.user.tenant"),
            )
            .props("outlined dense")
            .classes("w-48")
        )
        tenant.set_enabled(principal.is_platform_admin)
        error = ui.label().classes("text-negative")

        def create() -> None:
            error.set_text("")

            def call() -> Any:
                admin = role.value == Role.PLATFORM_ADMIN.value
                with ctx.sessions() as db:
                    return users.create_user(
                        db,
                        principal,
                        UserCreate(
                            username=username.value or "",
                            password=password.value or "",
                            role=Role(role.value),
                            tenant_id=None if admin else tenant.value,
                        ),
                    )

            if attempt(call, error.set_text) is not None:
                ui.notify(tr("console.saved"), type="positive")
                load()

        ui.button(tr("console.create"), icon="person_add", on_click=create).mark("create-user")
    load()


def _api_keys(ctx: PlatformContext, principal: Principal) -> None:
    table = (
        ui.table(
            columns=_columns("key", ("name", "prefix", "created", "revoked")),
            rows=[],
            row_key="id",
            pagination=20,
        )
        .props(table_labels())
        .classes("w-full")
    )
    shown = ui.label().classes("font-mono text-positive break-all").mark("new-key")

    def load() -> None:
        with ctx.sessions() as db:
            rows, _ = api_keys.list_api_keys(db, principal, limit=1000)
        table.rows = [
            {
                "id": k.id,
                "name": k.name,
                "prefix": k.prefix + "…",
                "created": k.created_at.strftime("%Y-%m-%d %H:%M"),
                "revoked": tr("console.yes" if k.revoked else "console.no"),
            }
            for k in rows
        ]
        table.update()

    with ui.row().classes("items-center q-gutter-sm"):
        name = ui.input(tr("console.admin.key.name")).props("outlined dense")

        def create() -> None:
            def call() -> Any:
                with ctx.sessions() as db:
                    return api_keys.create_api_key(db, principal, name.value or "key")

            created = attempt(call)
            if created is not None:
                shown.set_text(tr("console.admin.key.once", key=created[1]))
                load()

        ui.button(tr("console.create"), icon="vpn_key", on_click=create).mark("create-key")
    load()


__all__ = ["build"]
