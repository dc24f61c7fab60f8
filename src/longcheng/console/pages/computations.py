"""The model and algorithm library: a searchable catalogue, and a page per model with its formula, its
reference, a form generated from its input schema, the result, and a chart for algorithms."""

from __future__ import annotations

import json
from typing import Any

from nicegui import ui

from longcheng.console.session import locale, tr
from longcheng.console.widgets import attempt, empty_state, page_title, table_labels
from longcheng.core.computation import ALGORITHM_CATEGORIES, DOMAINS, MODEL_CATEGORIES, Kind
from longcheng.core.errors import InvalidInput
from longcheng.registry.industries import INDUSTRIES
from longcheng.registry.principals import Principal
from longcheng.services import computations
from longcheng.services.context import PlatformContext
from longcheng.services.schemas import ComputationOut


def catalogue(principal: Principal, kind: Kind) -> None:
    principal.require("data.read")
    page_title(f"console.{kind}s.title")
    categories = MODEL_CATEGORIES if kind == "model" else ALGORITHM_CATEGORIES
    with ui.row().classes("items-center q-gutter-md"):
        q = ui.input(tr("console.catalogue.search")).props("dense outlined clearable").classes("w-64")
        category = (
            ui.select(
                {"": tr("console.catalogue.all"), **{c: tr(f"category.{c}") for c in categories}},
                value="",
                label=tr("console.catalogue.category"),
            )
            .props("dense outlined")
            .classes("w-48")
        )
        domain = (
            ui.select(
                {"": tr("console.catalogue.all"), **{d: tr(f"domain.{d}") for d in DOMAINS}},
                value="",
                label=tr("console.catalogue.domain"),
            )
            .props("dense outlined")
            .classes("w-48")
        )
        industry = (
            ui.select(
                {"": tr("console.catalogue.all"), **{i: tr(f"industry.{i}") for i in INDUSTRIES}},
                value="",
                label=tr("console.catalogue.industry"),
            )
            .props("dense outlined")
            .classes("w-44")
        )
        count = ui.label().classes("text-grey-8")
    cols = [
        {"name": n, "label": tr(f"console.catalogue.col.{n}"), "field": n, "align": "left"}
        for n in ("title", "id", "category", "domains")
    ]
    table = (
        ui.table(columns=cols, rows=[], row_key="id", pagination=25).props(table_labels()).classes("w-full")
    )
    table.mark("catalogue")
    table.on("rowClick", lambda e: ui.navigate.to(f"/{kind}s/{e.args[1]['id']}"))
    lang = locale()

    def load(*_: Any) -> None:
        found = computations.search(
            kind,
            category=category.value or None,
            domain=domain.value or None,
            industry=industry.value or None,
            q=q.value or None,
        )
        table.rows = [
            {
                "id": s.name,
                "title": s.title.zh if lang == "zh" else s.title.en,
                "category": tr(f"category.{s.category}"),
                "domains": "、".join(tr(f"domain.{d}") for d in s.domains),
            }
            for s in found
        ]
        table.update()
        count.set_text(tr("console.catalogue.count", n=len(found)))

    for control in (category, domain, industry):
        control.on_value_change(load)
    q.on("keydown.enter", load)
    q.on("clear", load)
    load()


def _parse_field(name: str, schema: dict[str, Any], raw: Any) -> Any:
    if raw is None or raw == "":
        return None
    if schema.get("type") == "array":
        try:
            return [float(x) for x in str(raw).replace(",", " ").split()]
        except ValueError as err:
            raise InvalidInput(name, "numbers separated by spaces or commas") from err
    if schema.get("type") == "integer":
        return int(float(raw))
    if schema.get("type") == "boolean" or isinstance(raw, bool):
        return bool(raw)
    return raw


def _schema_of(detail: ComputationOut, name: str) -> dict[str, Any]:
    prop: dict[str, Any] = detail.inputs_schema["properties"][name]
    if "anyOf" in prop:  # optional fields: the non-null branch
        prop = {**prop, **next(b for b in prop["anyOf"] if b.get("type") != "null")}
    return prop


def _input(name: str, schema: dict[str, Any]) -> Any:
    unit = schema.get("x-unit")
    label = f"{name}" + (f" [{unit}]" if unit and unit != "dimensionless" else "")
    if schema.get("type") == "array":
        return ui.textarea(label).props("outlined dense autogrow").classes("w-full")
    if schema.get("type") == "boolean":
        return ui.switch(label, value=bool(schema.get("default", False)))
    if "enum" in schema:
        return ui.select(schema["enum"], label=label, value=schema.get("default")).props("outlined dense")
    default = schema.get("default")
    return (
        ui.input(label, value="" if default is None else str(default)).props("outlined dense").classes("w-64")
    )


def detail(ctx: PlatformContext, principal: Principal, kind: Kind, computation_id: str) -> None:
    spec = attempt(lambda: computations.find(kind, computation_id))
    if spec is None:
        empty_state("console.catalogue.not_found", "search_off")
        return
    info = computations.describe(spec)
    page_title("console.catalogue.heading", title=info.title.zh if locale() == "zh" else info.title.en)
    with ui.card().classes("w-full"):
        ui.label(info.id).classes("font-mono text-grey-8")
        ui.label(tr("console.catalogue.formula") + ": " + info.formula).mark("formula")
        ui.label(tr("console.catalogue.reference") + ": " + info.reference).classes("text-grey-8")
    fields = {name: _input(name, _schema_of(info, name)) for name in info.inputs_schema["properties"]}
    error = ui.label().classes("text-negative").mark("invoke-error")
    result = ui.column().classes("w-full")

    def fill_example() -> None:
        for name, value in info.examples[0].inputs.items():
            fields[name].set_value(" ".join(map(str, value)) if isinstance(value, list) else value)

    def run() -> None:
        error.set_text("")

        def call() -> dict[str, Any]:
            inputs = {n: _parse_field(n, _schema_of(info, n), el.value) for n, el in fields.items()}
            return computations.invoke(
                ctx, principal, kind, info.id, {k: v for k, v in inputs.items() if v is not None}
            )

        outputs = attempt(call, error.set_text)
        if outputs is not None:
            _show(result, info, outputs, {n: el.value for n, el in fields.items()})

    with ui.row().classes("q-gutter-md"):
        ui.button(tr("console.catalogue.run"), icon="play_arrow", on_click=run).mark("run")
        if info.examples:
            ui.button(tr("console.catalogue.example"), on_click=fill_example).props("outline").mark("example")


def _show(box: ui.column, info: ComputationOut, outputs: dict[str, Any], inputs: dict[str, Any]) -> None:
    box.clear()
    with box:
        units = {n: p.get("x-unit", "") for n, p in info.outputs_schema.get("properties", {}).items()}
        scalars = {k: v for k, v in outputs.items() if not isinstance(v, list | dict)}
        rows = [
            {
                "name": k,
                "value": f"{v:.6g}" if isinstance(v, float) else str(v),
                "unit": "" if units.get(k) == "dimensionless" else units.get(k, ""),
            }
            for k, v in scalars.items()
        ]
        cols = [
            {"name": n, "label": tr(f"console.catalogue.out.{n}"), "field": n, "align": "left"}
            for n in ("name", "value", "unit")
        ]
        ui.table(columns=cols, rows=rows, row_key="name").props(table_labels() + " dense").classes(
            "w-full"
        ).mark("outputs")
        series = {
            k: v for k, v in outputs.items() if isinstance(v, list) and v and isinstance(v[0], int | float)
        }
        given = {
            k: [float(x) for x in str(v).replace(",", " ").split()]
            for k, v in inputs.items()
            if isinstance(v, str) and len(v.replace(",", " ").split()) > 2 and info.kind == "algorithm"
        }
        if info.kind == "algorithm" and (series or given):
            ui.echart(
                {
                    "tooltip": {"trigger": "axis"},
                    "legend": {},
                    "xAxis": {"type": "category"},
                    "yAxis": {"type": "value", "scale": True},
                    "series": [
                        {"name": k, "type": "line", "showSymbol": False, "data": v}
                        for k, v in {**given, **series}.items()
                    ],
                }
            ).classes("w-full h-72").mark("chart")
        others = {k: v for k, v in outputs.items() if isinstance(v, list | dict) and k not in series}
        if others:
            ui.code(json.dumps(others, ensure_ascii=False, indent=1, default=str)[:4000], language="json")


__all__ = ["catalogue", "detail"]
