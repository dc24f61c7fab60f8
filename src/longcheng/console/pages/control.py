"""Device control in the console: a form generated from the thing model's writable properties, with a
confirmation before anything is sent as a command, and the commands' history with their status and the
values the device read back."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from nicegui import ui

from longcheng.console.session import locale, tr
from longcheng.console.widgets import empty_state, error_text, table_labels
from longcheng.core.errors import LongchengError
from longcheng.core.thing_model import Access, DataType, PropertySpec, ThingModel
from longcheng.registry import commands as command_registry
from longcheng.registry.principals import Principal
from longcheng.services import commands
from longcheng.services.context import PlatformContext


def _field(spec: PropertySpec) -> ui.element:
    label = (spec.title.zh if locale() == "zh" else spec.title.en) or spec.name
    label += f" ({spec.unit})" if spec.unit else ""
    if spec.data_type is DataType.BOOL:
        return ui.switch(label)
    if spec.data_type is DataType.ENUM:
        return ui.select(list(spec.enum_values), label=label).props("outlined dense").classes("w-64")
    if spec.data_type in (DataType.INT, DataType.FLOAT):
        number = ui.number(
            label, min=spec.min, max=spec.max, step=1 if spec.data_type is DataType.INT else None
        )
        return number.props("outlined dense").classes("w-64")
    return ui.input(label).props(f"outlined dense maxlength={spec.max_length}").classes("w-64")


def _value(spec: PropertySpec, element: Any) -> Any:
    value = element.value
    if spec.data_type is DataType.INT and value is not None:
        return int(value)
    return value


def control_panel(ctx: PlatformContext, principal: Principal, device_id: int, model: ThingModel) -> None:
    writable = [p for p in model.properties if p.access is Access.READ_WRITE]
    if not writable:
        empty_state("console.control.none", "block")
        return
    if not principal.can("device.control"):
        ui.label(tr("console.control.not_allowed")).classes("text-grey-8")
    history: ui.column  # made below the controls; their buttons find it when clicked
    for spec in writable:
        with ui.row().classes("items-center q-gutter-md"):
            element = _field(spec).mark(f"control-{spec.name}")
            error = ui.label().classes("text-negative")
            ui.button(
                tr("console.control.send"),
                icon="send",
                on_click=lambda s=spec, el=element, err=error: _confirm(
                    ctx, principal, device_id, s, el, err, history
                ),
            ).props(f"no-caps data-testid=send-{spec.name}").mark(f"send-{spec.name}").set_enabled(
                principal.can("device.control")
            )
    history = ui.column().classes("w-full")
    _render_history(ctx, principal, device_id, history)
    ui.timer(2.0, lambda: _render_history(ctx, principal, device_id, history))  # statuses move on


def _confirm(
    ctx: PlatformContext,
    principal: Principal,
    device_id: int,
    spec: PropertySpec,
    element: Any,
    error: ui.label,
    history: ui.column,
) -> None:
    value = _value(spec, element)
    error.set_text("")
    if value is None or value == "":
        error.set_text(tr("console.control.empty"))
        return
    with ui.dialog() as dialog, ui.card():
        ui.label(tr("console.control.confirm", property=spec.name, value=value))

        async def send() -> None:
            dialog.close()
            try:
                with ctx.sessions() as db:
                    row = await commands.send(ctx, db, principal, device_id, write={spec.name: value})
            except LongchengError as err:
                error.set_text(error_text(err))
                return
            delivered = row.status == "delivered"
            ui.notify(tr("console.control.sent" if delivered else "console.control.stored"), type="positive")
            _render_history(ctx, principal, device_id, history)

        with ui.row():
            ui.button(tr("console.confirm"), on_click=send).mark("confirm-send")
            ui.button(tr("console.cancel"), on_click=dialog.close).props("flat")
    dialog.open()


def _render_history(ctx: PlatformContext, principal: Principal, device_id: int, box: ui.column) -> None:
    with ctx.sessions() as db:
        entries, _ = command_registry.list_commands(db, principal, device_id, limit=20)
    box.clear()
    with box:
        ui.label(tr("console.control.history")).classes("text-subtitle1 q-mt-md")
        if not entries:
            empty_state("console.control.no_history", "history")
            return
        names = ("at", "actor", "values", "status", "result")
        cols = [
            {"name": n, "label": tr(f"console.control.col.{n}"), "field": n, "align": "left"} for n in names
        ]
        rows = [
            {
                "id": c.id,
                "at": c.requested_at.replace(tzinfo=c.requested_at.tzinfo or UTC)
                .astimezone()
                .strftime("%Y-%m-%d %H:%M:%S"),
                "actor": c.requested_by,
                "values": _pairs(c.params) if c.kind == "write" else f"{c.name}({_pairs(c.params)})",
                "status": tr(f"console.command.{c.status}"),
                "result": _pairs(c.result) or c.error,
            }
            for c in entries
        ]
        ui.table(columns=cols, rows=rows, row_key="id").props(table_labels() + " dense").classes(
            "w-full"
        ).mark("control-history")


def _pairs(values: dict[str, Any]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in values.items())


__all__ = ["control_panel"]
