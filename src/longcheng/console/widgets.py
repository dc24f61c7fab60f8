"""Small building blocks shared by the pages: empty states, inline errors, busy indication, tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nicegui import ui

from longcheng.console.session import tr
from longcheng.core.errors import InvalidInput, LongchengError


def empty_state(message_key: str, icon: str = "inbox") -> None:
    with ui.column().classes("items-center w-full q-pa-lg text-grey-7"):
        ui.icon(icon, size="xl")
        ui.label(tr(message_key))


def error_text(err: LongchengError) -> str:
    """The API's error, as the console shows it inline: field and reason when there is a field."""
    if isinstance(err, InvalidInput):
        return tr("console.error.field", field=err.field, reason=err.reason)
    return tr(err.code) + (f": {err.message}" if err.message else "")


def attempt(action: Callable[[], Any], on_error: Callable[[str], object] | None = None) -> Any:
    """Run a service call; a platform error is shown (inline or as a notification) instead of raised."""
    try:
        return action()
    except LongchengError as err:
        text = error_text(err)
        if on_error is not None:
            on_error(text)
        else:
            ui.notify(text, type="negative", multi_line=True)
        return None


def table_labels() -> str:
    """Quasar's own table strings from our catalogue (its language is fixed per route otherwise)."""
    of = tr("console.table.of")
    return (
        f'rows-per-page-label="{tr("console.table.rows_per_page")}" '
        f'no-data-label="{tr("console.table.no_data")}" '
        f'loading-label="{tr("console.table.loading")}" '
        f':pagination-label="(first, last, total) => `${{first}}-${{last}} {of} ${{total}}`"'
    )


def page_title(key: str, **params: Any) -> None:
    ui.label(tr(key, **params)).classes("text-h5 q-mb-md")


__all__ = ["attempt", "empty_state", "error_text", "page_title", "table_labels"]
