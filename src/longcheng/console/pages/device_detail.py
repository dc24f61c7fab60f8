"""One device: live values, trends, shadow, control, credentials and dead letters."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from nicegui import ui

from longcheng.console.pages.control import control_panel
from longcheng.console.pages.devices import show_credentials
from longcheng.console.session import locale, tr
from longcheng.console.widgets import attempt, empty_state, table_labels
from longcheng.core.thing_model import ThingModel
from longcheng.registry import devices as registry
from longcheng.registry.principals import Principal
from longcheng.services import devices as device_services
from longcheng.services import telemetry
from longcheng.services.context import PlatformContext

RANGES = {"15m": 900_000, "1h": 3_600_000, "6h": 21_600_000, "24h": 86_400_000, "7d": 604_800_000}
AGGREGATES = ("raw", "avg", "min", "max", "last")


def _time(ts_ms: int | str) -> str:
    if isinstance(ts_ms, str):
        return ts_ms[:19].replace("T", " ")
    return datetime.fromtimestamp(ts_ms / 1000, UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def build(ctx: PlatformContext, principal: Principal, device_id: int) -> None:
    with ctx.sessions() as db:
        device = attempt(lambda: registry.get_device(db, principal, int(device_id)))
        if device is None:
            empty_state("console.devices.not_found", "search_off")
            return
        model = ThingModel.model_validate(device.device_type.thing_model)
        type_name = device.device_type.name
    with ui.row().classes("items-center q-gutter-md"):
        ui.label(device.name).classes("text-h5")
        ui.label(f"{device.key} · {type_name}").classes("text-grey-8")
        status = ui.badge().mark("device-status")
    with ui.tabs().classes("w-full") as tabs:
        names = ["live", "trend", "shadow", "events", "control", "credentials", "dead_letters"]
        tab = {n: ui.tab(n, tr(f"console.device.tab.{n}")) for n in names}
    with ui.tab_panels(tabs, value=tab["live"]).classes("w-full"):
        with ui.tab_panel(tab["live"]):
            live = _live_table(model)
        with ui.tab_panel(tab["trend"]):
            _trend(ctx, principal, device.id, model)
        with ui.tab_panel(tab["shadow"]):
            shadow_box = ui.column().classes("w-full")
        with ui.tab_panel(tab["events"]):
            _events(ctx, principal, device.id)
        with ui.tab_panel(tab["control"]):
            control_panel(ctx, principal, device.id, model)
        with ui.tab_panel(tab["credentials"]):
            _credentials(ctx, principal, device.id)
        with ui.tab_panel(tab["dead_letters"]):
            _dead_letters(ctx, principal, device.id)

    def refresh() -> None:
        with ctx.sessions() as db:
            shadow = telemetry.shadow(ctx, db, principal, device.id)
        status.set_text(tr("console.status.online" if shadow.online else "console.status.offline"))
        status.props(f"color={'positive' if shadow.online else 'grey'}")
        units = {p.name: p.unit or "" for p in model.properties}
        titles = {p.name: (p.title.zh if locale() == "zh" else p.title.en) for p in model.properties}
        live.rows = [
            {
                "property": f"{titles.get(name) or name} ({name})",
                "value": _fmt(v.value),
                "unit": units.get(name, ""),
                "quality": tr(f"console.quality.{v.quality}"),
                "ts": _time(v.ts),
            }
            for name, v in sorted(shadow.reported.items())
        ]
        live.update()
        _render_shadow(shadow_box, shadow.model_dump())

    refresh()
    ui.timer(2.0, refresh)


def _fmt(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _live_table(model: ThingModel) -> ui.table:
    cols = [
        {"name": n, "label": tr(f"console.device.col.{n}"), "field": n, "align": "left"}
        for n in ("property", "value", "unit", "quality", "ts")
    ]
    table = ui.table(columns=cols, rows=[], row_key="property").classes("w-full").mark("live-values")
    table.props(table_labels() + " dense hide-pagination").props(
        f':pagination="{{rowsPerPage: {max(1, len(model.properties))}}}"'
    )
    return table


def _render_shadow(box: ui.column, shadow: dict[str, Any]) -> None:
    box.clear()
    with box:
        names = sorted(set(shadow["reported"]) | set(shadow["desired"]))
        if not names:
            empty_state("console.shadow.empty")
            return
        cols = [
            {"name": n, "label": tr(f"console.shadow.{n}"), "field": n, "align": "left"}
            for n in ("property", "reported", "desired", "pending")
        ]
        rows = [
            {
                "property": n,
                "reported": _fmt(shadow["reported"][n]["value"]) if n in shadow["reported"] else "–",
                "desired": _fmt(shadow["desired"][n]["value"]) if n in shadow["desired"] else "–",
                "pending": "●" if n in shadow["delta"] else "",
            }
            for n in names
        ]
        ui.table(columns=cols, rows=rows, row_key="property").props(table_labels() + " dense").classes(
            "w-full"
        )


def _trend(ctx: PlatformContext, principal: Principal, device_id: int, model: ThingModel) -> None:
    numeric = [p.name for p in model.properties if p.data_type.value in ("int", "float", "bool")]
    if not numeric:
        empty_state("console.trend.no_numeric")
        return
    with ui.row().classes("items-center q-gutter-md"):
        prop = ui.select(numeric, value=numeric[0], label=tr("console.trend.property")).props(
            "dense outlined"
        )
        span = ui.select(
            {k: tr(f"console.trend.range.{k}") for k in RANGES}, value="1h", label=tr("console.trend.range")
        ).props("dense outlined")
        agg = ui.select(
            {a: tr(f"console.trend.agg.{a}") for a in AGGREGATES}, value="avg", label=tr("console.trend.agg")
        ).props("dense outlined")
    chart = ui.echart(
        {
            "tooltip": {"trigger": "axis"},
            "grid": {"left": 60, "right": 20, "top": 20, "bottom": 40},
            "xAxis": {"type": "time"},
            "yAxis": {"type": "value", "scale": True},
            "dataZoom": [{"type": "inside"}],
            "series": [{"type": "line", "showSymbol": False, "data": []}],
        }
    ).classes("w-full h-80")
    chart.mark("trend-chart")

    def draw(*_: Any) -> None:
        width = RANGES[span.value]
        interval = None if agg.value == "raw" else max(1000, width // 300)
        with ctx.sessions() as db:
            result = attempt(
                lambda: telemetry.series(
                    ctx,
                    db,
                    principal,
                    device_id,
                    prop=prop.value,
                    start_ms=ctx.clock.now_ms() - width,
                    end_ms=None,
                    interval_ms=interval,
                    agg=None if agg.value == "raw" else agg.value,
                    limit=10_000,
                )
            )
        if result is None:
            return
        chart.options["series"][0]["data"] = [[p.ts, p.value] for p in result.points]
        chart.options["yAxis"]["name"] = result.unit or ""
        chart.update()

    for control in (prop, span, agg):
        control.on_value_change(draw)
    draw()
    ui.timer(5.0, draw)


def _credentials(ctx: PlatformContext, principal: Principal, device_id: int) -> None:
    ui.label(tr("console.credentials.explain")).classes("text-grey-8")
    if not principal.can("device.write"):
        return

    def rotate() -> None:
        with ui.dialog() as confirm, ui.card():
            ui.label(tr("console.credentials.confirm"))

            def confirmed() -> None:
                confirm.close()
                issue()

            with ui.row():
                ui.button(tr("console.confirm"), on_click=confirmed).mark("confirm")
                ui.button(tr("console.cancel"), on_click=confirm.close).props("flat")
        confirm.open()

    def issue() -> None:
        with ctx.sessions() as db:
            creds = attempt(lambda: device_services.rotate_secret(ctx, db, principal, device_id))
        if creds is not None:
            show_credentials(creds.model_dump())

    ui.button(tr("console.credentials.rotate"), icon="key", on_click=rotate).mark("rotate")


def _events(ctx: PlatformContext, principal: Principal, device_id: int) -> None:
    with ctx.sessions() as db:
        page = telemetry.events(ctx, db, principal, device_id, limit=100)
    if not page.total:
        empty_state("console.events.empty", "notifications_none")
        return
    cols = [
        {"name": n, "label": tr(f"console.events.{n}"), "field": n, "align": "left"}
        for n in ("ts", "name", "params")
    ]
    rows = [
        {
            "id": e.id,
            "ts": _time(e.ts),
            "name": e.name,
            "params": ", ".join(f"{k} = {_fmt(v)}" for k, v in e.params.items()),
        }
        for e in page.items
    ]
    ui.table(columns=cols, rows=rows, row_key="id").props(table_labels() + " dense").classes("w-full").mark(
        "events"
    )


def _dead_letters(ctx: PlatformContext, principal: Principal, device_id: int) -> None:
    with ctx.sessions() as db:
        page = telemetry.dead_letters(ctx, db, principal, device_id=device_id, limit=100)
    if not page.total:
        empty_state("console.dead_letters.empty", "check_circle")
        return
    with ui.row().classes("q-gutter-sm"):
        for reason, count in page.by_reason.items():
            ui.chip(f"{tr('reject.' + reason)}: {count}", color="red-2")
    cols = [
        {"name": n, "label": tr(f"console.dead_letters.{n}"), "field": n, "align": "left"}
        for n in ("received", "reason", "field", "detail", "payload")
    ]
    rows = [
        {
            "id": d.id,
            "received": _time(d.received_ms),
            "reason": tr(f"reject.{d.reason}"),
            "field": d.field,
            "detail": d.detail,
            "payload": d.payload[:120],
        }
        for d in page.items
    ]
    ui.table(columns=cols, rows=rows, row_key="id").props(table_labels() + " dense wrap-cells").classes(
        "w-full"
    )


__all__ = ["build"]
