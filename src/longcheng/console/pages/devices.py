"""Devices: a searchable, filterable table paged on the server (fast with 10,000 devices)."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from longcheng.console.session import tr
from longcheng.console.widgets import attempt, page_title, table_labels
from longcheng.registry import device_types as types_registry
from longcheng.registry import devices as registry
from longcheng.registry.principals import Principal
from longcheng.registry.schemas import DeviceCreate, DeviceCreated
from longcheng.services import devices as device_services
from longcheng.services.context import PlatformContext

PAGE_SIZE = 20


def _columns() -> list[dict[str, Any]]:
    names = ("key", "name", "type", "status", "last_seen", "samples", "rejected")
    return [{"name": n, "label": tr(f"console.devices.col.{n}"), "field": n, "align": "left"} for n in names]


def _type_options(ctx: PlatformContext, principal: Principal) -> dict[int, str]:
    with ctx.sessions() as db:
        rows, _ = types_registry.list_device_types(db, principal, limit=1000)
        return {r.id: r.name for r in rows}


def build(ctx: PlatformContext, principal: Principal) -> None:
    page_title("console.devices.title")
    types = _type_options(ctx, principal)
    state: dict[str, Any] = {"q": "", "type": None}
    with ui.row().classes("items-center q-gutter-md w-full"):
        search = ui.input(tr("console.devices.search")).props("clearable dense outlined").classes("w-64")
        kind = (
            ui.select(
                {0: tr("console.devices.all_types"), **types},
                value=0,
                label=tr("console.devices.type_filter"),
            )
            .props("dense outlined")
            .classes("w-56")
        )
        ui.space()
        if principal.can("device.write"):
            ui.button(
                tr("console.devices.add"),
                icon="add",
                on_click=lambda: _add_dialog(ctx, principal, types, reload),
            )
    table = ui.table(
        columns=_columns(),
        rows=[],
        row_key="id",
        pagination={"rowsPerPage": PAGE_SIZE, "page": 1, "rowsNumber": 0},
    ).classes("w-full")
    table.props(table_labels())
    table.on("rowClick", lambda e: ui.navigate.to(f"/devices/{e.args[1]['id']}"))

    def load(pagination: dict[str, Any]) -> None:
        size = int(pagination.get("rowsPerPage") or PAGE_SIZE) or PAGE_SIZE
        page = int(pagination.get("page") or 1)
        with ctx.sessions() as db:
            rows, total = registry.list_devices(
                db,
                principal,
                limit=size,
                offset=(page - 1) * size,
                search=state["q"] or None,
                device_type_id=state["type"] or None,
            )
            status = device_services.with_status(ctx, rows)
        table.rows = [
            {
                "id": d.id,
                "key": d.key,
                "name": d.name,
                "type": types.get(d.device_type_id, d.device_type_key),
                "status": tr("console.status.online" if d.online else "console.status.offline"),
                "last_seen": _ago(ctx, d.last_seen_ms),
                "samples": d.samples,
                "rejected": d.rejected,
            }
            for d in status
        ]
        table.pagination = {**pagination, "rowsPerPage": size, "page": page, "rowsNumber": total}
        table.update()

    def reload(*_: Any) -> None:
        state.update(q=(search.value or "").strip(), type=kind.value)
        load({**table.pagination, "page": 1})

    table.on("request", lambda e: load(e.args["pagination"]))
    search.on("keydown.enter", reload)
    search.on("clear", reload)
    kind.on_value_change(reload)
    load(table.pagination)


def _ago(ctx: PlatformContext, ts_ms: int | None) -> str:
    if ts_ms is None:
        return tr("console.never")
    seconds = max(0, (ctx.clock.now_ms() - ts_ms) // 1000)
    return (
        tr("console.seconds_ago", n=seconds) if seconds < 120 else tr("console.minutes_ago", n=seconds // 60)
    )


def _add_dialog(ctx: PlatformContext, principal: Principal, types: dict[int, str], done: Any) -> None:
    with ui.dialog() as dialog, ui.card().classes("w-96"):
        ui.label(tr("console.devices.add")).classes("text-h6")
        key = ui.input(tr("console.devices.col.key")).props("outlined dense")
        name = ui.input(tr("console.devices.col.name")).props("outlined dense")
        dtype = ui.select(types, label=tr("console.devices.col.type")).props("outlined dense")
        error = ui.label().classes("text-negative")

        def create() -> None:
            def call() -> DeviceCreated:
                with ctx.sessions() as db:
                    return device_services.create_device(
                        ctx,
                        db,
                        principal,
                        DeviceCreate(
                            key=key.value or "", name=name.value or "", device_type_id=int(dtype.value or 0)
                        ),
                    )

            created = attempt(call, error.set_text)
            if created is not None:
                dialog.close()
                show_credentials(created.credentials.model_dump())
                done()

        with ui.row():
            ui.button(tr("console.create"), on_click=create).mark("create-device")
            ui.button(tr("console.cancel"), on_click=dialog.close).props("flat")
    dialog.open()


def show_credentials(credentials: dict[str, Any]) -> None:
    """The device's MQTT credentials, shown once."""
    with ui.dialog() as dialog, ui.card().classes("w-[36rem]"):
        ui.label(tr("console.credentials.title")).classes("text-h6")
        ui.label(tr("console.credentials.once")).classes("text-warning")
        for name in ("host", "port", "client_id", "username", "password", "telemetry_topic", "desired_topic"):
            with ui.row().classes("items-center w-full no-wrap"):
                ui.label(tr(f"console.credentials.{name}")).classes("w-36 text-grey-8")
                ui.label(str(credentials[name])).classes("font-mono break-all").mark(f"credential-{name}")
        ui.button(tr("console.close"), on_click=dialog.close)
    dialog.open()


__all__ = ["build", "show_credentials"]
