"""Overview: the factory at a glance, updating live."""

from __future__ import annotations

import time
from typing import Any

from nicegui import ui

from longcheng.console.session import tr
from longcheng.console.widgets import page_title
from longcheng.registry.principals import Principal
from longcheng.services.context import PlatformContext
from longcheng.services.schemas import Stats
from longcheng.services.stats import platform_stats

REFRESH_S = 2.0
HISTORY = 60


def _stats(ctx: PlatformContext, principal: Principal) -> Stats:
    with ctx.sessions() as db:
        return platform_stats(ctx, db, principal)


def _card(key: str, color: str) -> ui.label:
    with ui.card().classes("w-44 items-center"):
        ui.label(tr(key)).classes("text-grey-8")
        return ui.label("–").classes(f"text-h4 text-{color}")


def _bar(title_key: str, color: str) -> ui.echart:
    return ui.echart(
        {
            "title": {"text": tr(title_key), "textStyle": {"fontSize": 14}},
            "tooltip": {},
            "grid": {"left": 140, "right": 20, "top": 40, "bottom": 20},
            "xAxis": {"type": "value", "minInterval": 1},
            "yAxis": {"type": "category", "data": []},
            "series": [{"type": "bar", "data": [], "itemStyle": {"color": color}}],
        }
    ).classes("w-full h-72")


def build(ctx: PlatformContext, principal: Principal) -> None:
    page_title("console.overview.title")
    with ui.row().classes("q-gutter-md"):
        cards = {
            k: _card(f"console.overview.{k}", c)
            for k, c in (
                ("devices", "blue-10"),
                ("online", "positive"),
                ("offline", "grey-7"),
                ("refusing", "warning"),
                ("rate", "blue-8"),
                ("samples", "blue-10"),
                ("rejected", "negative"),
            )
        }
    rate_chart = (
        ui.echart(
            {
                "title": {"text": tr("console.overview.rate_chart"), "textStyle": {"fontSize": 14}},
                "tooltip": {"trigger": "axis"},
                "grid": {"left": 50, "right": 20, "top": 40, "bottom": 30},
                "xAxis": {"type": "category", "data": []},
                "yAxis": {"type": "value", "min": 0},
                "series": [{"type": "line", "areaStyle": {}, "data": []}],
            }
        )
        .classes("w-full h-64")
        .mark("rate-chart")
    )
    with ui.row().classes("w-full no-wrap q-gutter-md"):
        industry = ui.echart(
            {
                "title": {"text": tr("console.overview.by_industry"), "textStyle": {"fontSize": 14}},
                "tooltip": {"trigger": "item"},
                "series": [{"type": "pie", "radius": ["35%", "65%"], "data": []}],
            }
        ).classes("w-1/3 h-72")
        by_type = _bar("console.overview.by_type", "#1565c0")
        reasons = _bar("console.overview.top_rejections", "#c62828")
    last: dict[str, Any] = {}

    def refresh() -> None:
        stats = _stats(ctx, principal)
        now = time.monotonic()
        rate = 0.0
        if "samples" in last:
            rate = max(0.0, (stats.samples_stored - last["samples"]) / max(now - last["at"], 1e-3))
        last.update(samples=stats.samples_stored, at=now)
        values = {
            "devices": stats.devices,
            "online": stats.online_devices,
            "offline": stats.devices - stats.online_devices,
            "refusing": stats.devices_rejecting,
            "rate": f"{rate:,.0f}",
            "samples": f"{stats.samples_stored:,}",
            "rejected": f"{stats.samples_rejected:,}",
        }
        for key, label in cards.items():
            label.set_text(str(values[key]))
        opts = rate_chart.options
        opts["xAxis"]["data"] = (opts["xAxis"]["data"] + [time.strftime("%H:%M:%S")])[-HISTORY:]
        opts["series"][0]["data"] = (opts["series"][0]["data"] + [round(rate, 1)])[-HISTORY:]
        rate_chart.update()
        industry.options["series"][0]["data"] = [
            {"name": tr(f"industry.{k}"), "value": v.devices}
            for k, v in stats.by_industry.items()
            if v.devices
        ]
        industry.update()
        _fill(by_type, list(stats.devices_by_type.items())[:10])
        _fill(reasons, [(tr(f"reject.{k}"), n) for k, n in list(stats.rejected_by_reason.items())[:8]])

    refresh()
    ui.timer(REFRESH_S, refresh)


def _fill(chart: ui.echart, pairs: list[tuple[str, int]]) -> None:
    chart.options["yAxis"]["data"] = [name for name, _ in reversed(pairs)]
    chart.options["series"][0]["data"] = [n for _, n in reversed(pairs)]
    chart.update()


__all__ = ["build"]
