"""Platform indicators: the live figures against the seed's thresholds."""

from __future__ import annotations

from nicegui import ui

from longcheng.console.session import tr
from longcheng.console.widgets import page_title, table_labels
from longcheng.registry.principals import Principal
from longcheng.services.context import PlatformContext
from longcheng.services.indicators import indicators


def build(ctx: PlatformContext, principal: Principal) -> None:
    page_title("console.indicators.title")
    ui.label(tr("console.indicators.explain")).classes("text-grey-8")
    cols = [
        {"name": n, "label": tr(f"console.indicators.col.{n}"), "field": n, "align": "left"}
        for n in ("requirement", "indicator", "value", "national", "provincial", "status")
    ]
    table = (
        ui.table(columns=cols, rows=[], row_key="key")
        .props(table_labels() + " hide-pagination")
        .classes("w-full")
        .mark("indicators")
    )
    table.props(':pagination="{rowsPerPage: 0}"')

    def refresh() -> None:
        with ctx.sessions() as db:
            figures = indicators(ctx, db, principal)
        table.rows = [
            {
                "key": f.key,
                "requirement": f.requirement,
                "indicator": tr(f"console.indicators.{f.key}"),
                "value": f"{f.value:,.0f}",
                "national": "–" if f.national is None else f"≥ {f.national:,.0f}",
                "provincial": "–" if f.provincial is None else f"≥ {f.provincial:,.0f}",
                "status": "–"
                if f.national is None
                else tr("console.indicators.met" if f.met_national else "console.indicators.not_met"),
            }
            for f in figures
        ]
        table.update()

    refresh()
    ui.timer(5.0, refresh)


__all__ = ["build"]
