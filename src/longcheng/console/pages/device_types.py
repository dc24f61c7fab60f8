"""Device types: the thing-model editor (properties, units, ranges, access, events, commands), checked on
save, with JSON import and export."""

from __future__ import annotations

import json

from nicegui import events, ui
from pydantic import ValidationError

from longcheng.console.session import tr
from longcheng.console.widgets import attempt, empty_state, page_title, table_labels
from longcheng.core.thing_model import ThingModel
from longcheng.registry import device_types as registry
from longcheng.registry.industries import INDUSTRIES
from longcheng.registry.principals import Principal
from longcheng.registry.schemas import DeviceTypeCreate, DeviceTypeUpdate
from longcheng.services.context import PlatformContext
from longcheng.storage.metadata.tables import DeviceType

TEMPLATE = {
    "properties": [
        {"name": "temperature", "data_type": "float", "unit": "degC", "min": -40, "max": 150, "access": "r"}
    ],
    "events": [],
    "commands": [],
}


def build(ctx: PlatformContext, principal: Principal) -> None:
    page_title("console.types.title")
    with ctx.sessions() as db:
        rows, total = registry.list_device_types(db, principal, limit=1000)
    if principal.can("device_type.write"):
        ui.button(tr("console.types.new"), icon="add", on_click=lambda: ui.navigate.to("/device-types/new"))
    if not total:
        empty_state("console.types.empty", "category")
        return
    cols = [
        {"name": n, "label": tr(f"console.types.col.{n}"), "field": n, "align": "left"}
        for n in ("key", "name", "industry", "properties", "version")
    ]
    table = ui.table(
        columns=cols,
        row_key="id",
        pagination=20,
        rows=[
            {
                "id": r.id,
                "key": r.key,
                "name": r.name,
                "industry": tr(f"industry.{r.industry}"),
                "properties": len(r.thing_model.get("properties", [])),
                "version": r.version,
            }
            for r in rows
        ],
    )
    table.props(table_labels()).classes("w-full")
    table.on("rowClick", lambda e: ui.navigate.to(f"/device-types/{e.args[1]['id']}"))


def _errors(err: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors())


class _Editor:
    """The form of one device type: key, name, industry, the thing model as JSON, and its preview."""

    def __init__(self, ctx: PlatformContext, principal: Principal, existing: DeviceType | None) -> None:
        self.ctx, self.principal, self.existing = ctx, principal, existing
        with ui.row().classes("q-gutter-md items-center"):
            self.key = ui.input(tr("console.types.col.key"), value=existing.key if existing else "")
            self.key.props("outlined dense").set_enabled(existing is None)
            self.name = ui.input(tr("console.types.col.name"), value=existing.name if existing else "")
            self.name.props("outlined dense")
            self.industry = (
                ui.select(
                    {i: tr(f"industry.{i}") for i in INDUSTRIES},
                    value=existing.industry if existing else "general",
                    label=tr("console.types.col.industry"),
                )
                .props("outlined dense")
                .classes("w-48")
            )
        model = existing.thing_model if existing else TEMPLATE
        ui.label(tr("console.types.model_help")).classes("text-grey-8")
        self.code = (
            ui.codemirror(json.dumps(model, ensure_ascii=False, indent=2), language="JSON")
            .classes("w-full h-96 border")
            .mark("thing-model")
        )
        self.message = ui.label().classes("text-negative").mark("type-error")
        self.preview = ui.column().classes("w-full")

    def parsed(self) -> ThingModel | None:
        self.message.set_text("")
        try:
            return ThingModel.model_validate_json(self.code.value or "{}")
        except ValidationError as err:
            self.message.set_text(tr("console.types.invalid", errors=_errors(err)))
            return None

    def show_preview(self) -> None:
        model = self.parsed()
        self.preview.clear()
        if model is None:
            return
        names = ("name", "data_type", "unit", "min", "max", "access")
        cols = [
            {"name": n, "label": tr(f"console.types.prop.{n}"), "field": n, "align": "left"} for n in names
        ]
        with self.preview:
            ui.table(
                columns=cols,
                row_key="name",
                rows=[p.model_dump(include=set(names)) for p in model.properties],
            ).props(table_labels() + " dense").classes("w-full")

    def save(self) -> None:
        model = self.parsed()
        if model is None:
            return

        def call() -> DeviceType:
            with self.ctx.sessions() as db:
                if self.existing is None:
                    return registry.create_device_type(
                        db,
                        self.principal,
                        DeviceTypeCreate(
                            key=self.key.value or "",
                            name=self.name.value or "",
                            industry=self.industry.value,
                            thing_model=model,
                        ),
                    )
                row = registry.update_device_type(
                    db,
                    self.principal,
                    self.existing.id,
                    DeviceTypeUpdate(
                        name=self.name.value or self.existing.name,
                        industry=self.industry.value,
                        thing_model=model,
                    ),
                )
            self.ctx.directory.invalidate()  # devices of this type validate against the new model at once
            return row

        saved = attempt(call, self.message.set_text)
        if saved is not None:
            ui.notify(tr("console.saved"), type="positive")
            ui.navigate.to(f"/device-types/{saved.id}")

    async def load(self, e: events.UploadEventArguments) -> None:
        self.code.set_value((await e.file.read()).decode("utf-8", errors="replace"))
        self.show_preview()

    def export(self) -> None:
        ui.download(
            (self.code.value or "").encode(), f"{self.key.value or 'thing-model'}.json", "application/json"
        )


def editor(ctx: PlatformContext, principal: Principal, type_id: str) -> None:
    existing = None
    if type_id != "new":
        with ctx.sessions() as db:
            existing = attempt(lambda: registry.get_device_type(db, principal, int(type_id)))
        if existing is None:
            empty_state("console.types.not_found", "search_off")
            return
    page_title("console.types.edit" if existing else "console.types.new")
    form = _Editor(ctx, principal, existing)
    with ui.row().classes("q-gutter-md items-center"):
        ui.button(tr("console.types.check"), icon="rule", on_click=form.show_preview).props("outline").mark(
            "check"
        )
        if principal.can("device_type.write"):
            ui.button(tr("console.save"), icon="save", on_click=form.save).mark("save-type")
            ui.upload(label=tr("console.types.import"), auto_upload=True, on_upload=form.load).props(
                "accept=.json flat dense"
            ).classes("w-64")
        ui.button(tr("console.types.export"), icon="download", on_click=form.export).props("outline")
    form.show_preview()


__all__ = ["build", "editor"]
