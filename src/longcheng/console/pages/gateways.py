"""Edge gateways: status, device sessions, buffer depth, points per second, errors."""

from __future__ import annotations

from nicegui import ui

from longcheng.console.session import tr
from longcheng.console.widgets import empty_state, page_title, table_labels
from longcheng.registry.principals import Principal
from longcheng.services.context import PlatformContext
from longcheng.services.gateways import gateways

COLUMNS = (
    "name",
    "status",
    "sessions",
    "points_per_s",
    "buffer_depth",
    "buffer_dropped",
    "errors",
    "devices",
)


def build(ctx: PlatformContext, principal: Principal) -> None:
    page_title("console.gateways.title")
    box = ui.column().classes("w-full")

    def refresh() -> None:
        with ctx.sessions() as db:
            found = gateways(ctx, db, principal)
        box.clear()
        with box:
            if not found:
                empty_state("console.gateways.empty", "router")
                return
            cols = [
                {"name": n, "label": tr(f"console.gateways.col.{n}"), "field": n, "align": "left"}
                for n in COLUMNS
            ]
            rows = [
                {
                    "id": g.device_id,
                    "name": f"{g.name} ({g.key})",
                    "status": tr("console.status.online" if g.online else "console.status.offline"),
                    "sessions": f"{g.health.get('sessions_up', '–')} / {g.health.get('sessions_total', '–')}",
                    "points_per_s": g.health.get("points_per_s", "–"),
                    "buffer_depth": g.health.get("buffer_depth", "–"),
                    "buffer_dropped": g.health.get("buffer_dropped", "–"),
                    "errors": g.health.get("errors", "–"),
                    "devices": ", ".join(g.devices) or "–",
                }
                for g in found
            ]
            table = ui.table(columns=cols, rows=rows, row_key="id").props(table_labels()).classes("w-full")
            table.mark("gateways")
            table.on("rowClick", lambda e: ui.navigate.to(f"/devices/{e.args[1]['id']}"))

    refresh()
    ui.timer(5.0, refresh)


__all__ = ["build"]
